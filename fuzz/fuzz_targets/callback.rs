//! Raw callback parsing and verification: M4 (JSON and form-encoded), Corefy (raw body and
//! JSON:API events), exotic events. Errors are fine; panics and secrets in errors are not.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payoutkit::{corefy, exotic, m4, Secret, Value};

const SECRET: &str = "fuzz-secret-§";

fuzz_target!(|data: &[u8]| {
    let secret = Secret::new(SECRET);
    let body = Value::Bytes(data.to_vec());
    match m4::verify_callback(&body, &secret) {
        Ok(_) => {}
        Err(e) => assert!(!format!("{e} {e:?}").contains(SECRET)),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = m4::verify_callback(&Value::Str(text.into()), &secret);
        let _ = corefy::verify_callback(&body, &payoutkit::Value::from(text), &secret);
    }
    let sig = corefy::callback_signature(&body, &secret).unwrap();
    assert!(corefy::verify_callback(&body, &payoutkit::Value::from(sig.as_str()), &secret).unwrap());
    let _ = corefy::parse_callback(&body);
    let _ = exotic::parse_callback(&body);
    let _ = payoutkit::parse_flat(data);
});
