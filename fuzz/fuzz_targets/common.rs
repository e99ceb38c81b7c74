//! Shared by the fuzz targets: turning fuzz bytes into core values.
#![allow(dead_code)]

use payoutkit::{Map, Value};

/// Bytes as a value: JSON when they parse as JSON (objects keep their order), otherwise a
/// form-encoded map, otherwise the text itself.
pub fn value(data: &[u8]) -> Value {
    if let Ok(j) = serde_json::from_slice::<serde_json::Value>(data) {
        return Value::from(j);
    }
    match payoutkit::parse_flat(data) {
        Ok(v) => v,
        Err(_) => Value::Str(String::from_utf8_lossy(data).into_owned()),
    }
}

/// A map from a value (wrapping anything else as `{"v": value}`).
pub fn map(v: Value) -> Value {
    match v {
        Value::Map(_) => v,
        other => Value::Map(Map::new().with("v", other)),
    }
}

/// Split at the first NUL: (head, tail).
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}
