//! Response classification of arbitrary bodies under every HTTP status, for every provider.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payoutkit::{Provider, Value};

fuzz_target!(|data: &[u8]| {
    let Some((&s, body)) = data.split_first() else { return };
    let status = [0u16, 200, 201, 202, 400, 401, 404, 409, 422, 429, 500, 502, 503, 504][usize::from(s) % 14];
    let body = Value::Bytes(body.to_vec());
    for provider in Provider::ALL {
        let outcome = provider.classify(status, &body).unwrap();
        let _ = outcome.to_value();
    }
});
