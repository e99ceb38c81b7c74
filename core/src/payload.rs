//! Raw callback payloads (JSON or form-encoded) to a flat field map, strictly: duplicate
//! keys, invalid UTF-8 and malformed JSON are errors, never a silent choice.

use crate::error::{Error, ErrorCode, Result};
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Parse a raw body into a flat map. JSON when the first non-whitespace byte is `{` or `[`
/// otherwise `application/x-www-form-urlencoded`. JSON numbers keep their exact text.
pub fn parse_flat(body: &[u8]) -> Result<Value> {
    let text = core::str::from_utf8(body)
        .map_err(|_| Error::general(ErrorCode::InvalidEncoding, "the payload is not valid UTF-8"))?;
    let entries = if text.trim_start().starts_with(['{', '[']) { json_fields(text)? } else { form_fields(text)? };
    let mut map = Map::with_capacity(entries.len());
    for (key, value) in entries {
        if map.get(&key).is_some() {
            return Err(Error::field(
                ErrorCode::DuplicateField,
                key.clone(),
                format!("field `{key}` occurs more than once in the payload"),
            ));
        }
        map.push_unique(key, value);
    }
    Ok(Value::Map(map))
}

fn invalid_json(detail: impl fmt::Display) -> Error {
    Error::general(ErrorCode::InvalidJson, format!("the payload is not a JSON object: {detail}"))
}

/// Collects every top-level entry, duplicates included (the caller rejects them with the
/// key's name, which a serde error could not carry).
struct Entries;

impl<'de> Visitor<'de> for Entries {
    type Value = Vec<(String, &'de RawValue)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = access.next_key::<String>()? {
            out.push((key, access.next_value::<&'de RawValue>()?));
        }
        Ok(out)
    }
}

/// The entries of a JSON object in document order, each value as its raw JSON text (so
/// numbers keep the text they were written with).
pub(crate) fn object_entries(text: &str) -> Result<Vec<(String, &RawValue)>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let raw = de.deserialize_map(Entries).map_err(invalid_json)?;
    de.end().map_err(invalid_json)?;
    Ok(raw)
}

fn json_fields(text: &str) -> Result<Vec<(String, Value)>> {
    object_entries(text)?
        .into_iter()
        .map(|(key, raw)| {
            let text = raw.get();
            let value = match text.as_bytes().first() {
                Some(b'"') => Value::Str(serde_json::from_str(text).map_err(invalid_json)?),
                Some(b'n') => Value::Null,
                Some(b't') => Value::Bool(true),
                Some(b'f') => Value::Bool(false),
                Some(b'{') => Value::Other(String::from("object")),
                Some(b'[') => Value::Other(String::from("list")),
                // A number: signed with the exact text the sender wrote ("100.230", "1e2").
                _ => Value::Str(String::from(text)),
            };
            Ok((key, value))
        })
        .collect()
}

fn form_fields(text: &str) -> Result<Vec<(String, Value)>> {
    let decode = |s: &str| -> Result<String> {
        let plus_as_space = s.replace('+', " ");
        percent_encoding::percent_decode_str(&plus_as_space)
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| Error::general(ErrorCode::InvalidEncoding, "a form field decodes to invalid UTF-8"))
    };
    text.trim()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(k)?, Value::Str(decode(v)?)))
        })
        .collect()
}

/// Parse a JSON body strictly into a tree: objects keep document order and reject
/// duplicate keys at every level, numbers become their exact text (`"100.230"`), and
/// nesting deeper than [`crate::MAX_DEPTH`] is `invalid_json`. The top level must be an
/// object.
pub(crate) fn parse_json_object(body: &[u8]) -> Result<Map> {
    let text = core::str::from_utf8(body)
        .map_err(|_| Error::general(ErrorCode::InvalidEncoding, "the payload is not valid UTF-8"))?;
    match tree(text, 0)? {
        Value::Map(m) => Ok(m),
        _ => Err(invalid_json("the top level is not an object")),
    }
}

fn tree(text: &str, depth: usize) -> Result<Value> {
    if depth > crate::MAX_DEPTH {
        return Err(invalid_json("nested too deeply"));
    }
    Ok(match text.trim_start().as_bytes().first() {
        Some(b'{') => {
            let mut map = Map::new();
            for (key, raw) in object_entries(text)? {
                if map.get(&key).is_some() {
                    return Err(Error::field(ErrorCode::DuplicateField, key.clone(), format!("field `{key}` occurs more than once in the payload")));
                }
                let value = tree(raw.get(), depth + 1)?;
                map.push_unique(key, value);
            }
            Value::Map(map)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).map_err(invalid_json)?;
            Value::List(items.into_iter().map(|raw| tree(raw.get(), depth + 1)).collect::<Result<_>>()?)
        }
        Some(b'"') => Value::Str(serde_json::from_str(text).map_err(invalid_json)?),
        Some(b'n') => Value::Null,
        Some(b't') => Value::Bool(true),
        Some(b'f') => Value::Bool(false),
        Some(_) => {
            // Validate it is a number, keep its text.
            let _: &RawValue = serde_json::from_str(text).map_err(invalid_json)?;
            Value::Str(String::from(text.trim()))
        }
        None => return Err(invalid_json("empty body")),
    })
}
