//! Pattern normalisation and compilation, then matching (whole and as-you-type prefixes):
//! `pattern NUL value`.
#![no_main]
#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use payoutkit::{Map, Validator, Value};

fuzz_target!(|data: &[u8]| {
    let (pattern, value) = common::split(data);
    let (Ok(pattern), Ok(value)) = (std::str::from_utf8(pattern), std::str::from_utf8(value)) else { return };
    let rule = Value::Map(Map::new().with("key", "f").with("pattern", pattern));
    let Ok(v) = Validator::from_rules(&Value::List(vec![rule])) else { return };
    for partial in [false, true] {
        let report = v.validate(&Value::Map(Map::new().with("f", value)), "en", partial).unwrap();
        assert!(!report.valid || report.potentially_valid);
    }
});
