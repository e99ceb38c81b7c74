//! The JS bindings' tagged-JSON arguments (`payoutkit::dynamic::decode_args`): arbitrary
//! text decodes or is refused without panicking; what decodes is written back to host JSON
//! and to flow-state JSON, and the state form restores to the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;
use payoutkit::dynamic::{decode_args, from_tagged_json, tagged_json, to_host_json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(values) = decode_args(text) else { return };
    for v in &values {
        let _ = to_host_json(v);
        let state = tagged_json(v);
        let back = from_tagged_json(&state, 0).expect("state JSON restores");
        // NaN is never equal to itself; compare the state forms instead.
        assert_eq!(tagged_json(&back), state);
    }
});
