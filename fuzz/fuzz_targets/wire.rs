//! The JS bindings' one-string transfer (`js/wire.rs`): decoding arbitrary text never
//! panics, and whatever decodes signs exactly as the same fields given as a `Value` (the
//! tagged-JSON path the bindings fall back to); a prepared signer's values in order sign as
//! the same values by name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use payoutkit::{exotic, m4, FieldValue, Map, Params, Secret, Validator, Value};

#[path = "../../js/wire.rs"]
mod wire;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let secret = Secret::new("fuzz-secret");
    // A prepared signer's values, in its order, sign as the same values given by name.
    if let Some(values) = wire::decode_values(text) {
        let recipe = m4::recipe("withdraw/create").unwrap();
        let names = m4::signed_fields("withdraw/create").unwrap();
        if values.len() == names.len() {
            let by_name: Vec<(&str, FieldValue)> = names.iter().zip(&values).filter_map(|(n, v)| v.map(|v| (*n, v))).collect();
            let a = recipe.sign_ordered(&values, &secret).map_err(|e| e.code());
            assert_eq!(a, recipe.sign(Params::from(&by_name), &secret).map_err(|e| e.code()));
        }
    }
    let Some(fields) = wire::decode(text) else { return };
    let mut map = Map::new();
    for (k, v) in &fields {
        let v = match *v {
            FieldValue::Str(s) => Value::Str(s.into()),
            FieldValue::Float(f) => Value::Float(f),
            other => panic!("the wire only carries strings and integers, not {other:?}"),
        };
        map.insert(*k, v); // a repeated key: the later one wins, as in a JS object
    }
    // Keys repeat only in hostile input (a JS object cannot hold two); compare the rest.
    if map.len() != fields.len() {
        return;
    }
    let value = Value::Map(map);
    for method in m4::METHODS {
        let a = m4::sign(method.path, Params::from(&fields), &secret);
        let b = m4::sign(method.path, &value, &secret);
        assert_eq!(a.map_err(|e| e.code()), b.map_err(|e| e.code()));
    }
    let a = exotic::sign_payout(Params::from(&fields), &secret).map_err(|e| e.code());
    assert_eq!(a, exotic::sign_payout(&value, &secret).map_err(|e| e.code()));
    // "Every non-empty field" (the M4 callback recipe) and validation take the same path.
    let callback = m4::callback_recipe();
    let a = callback.sign(Params::from(&fields), &secret).map_err(|e| e.code());
    assert_eq!(a, callback.sign(&value, &secret).map_err(|e| e.code()));
    for pm in ["card", "sbp"] {
        let v = Validator::for_exotic(pm).unwrap();
        let a = v.validate(Params::from(&fields), "en", false).unwrap().to_value();
        assert_eq!(a, v.validate(&value, "en", false).unwrap().to_value());
    }
});
