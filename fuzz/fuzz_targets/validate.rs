//! Validation of arbitrary values against arbitrary rules (`rules NUL values`), and the
//! provider rule sources (Corefy pre-request, M4 account_info_config) from arbitrary JSON.
#![no_main]
#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use payoutkit::{Validator, Value};

fuzz_target!(|data: &[u8]| {
    let (rules, values) = common::split(data);
    let values = common::map(common::value(values));
    let mut validators = vec![];
    validators.extend(Validator::from_rules(&common::value(rules)));
    if let Ok(text) = std::str::from_utf8(rules) {
        validators.extend(Validator::from_corefy_prerequest(text, "test_usd"));
        validators.extend(Validator::from_m4_account_info_config(text));
    }
    validators.extend(Validator::for_exotic("card"));
    for v in &validators {
        for partial in [false, true] {
            for locale in ["ru", "xx"] {
                if let Ok(report) = v.validate(&values, locale, partial) {
                    assert!(!report.valid || report.errors.is_empty());
                    let _ = report.to_value();
                }
            }
        }
    }
    let _ = Validator::from_rules(&Value::Bytes(data.to_vec()));
});
