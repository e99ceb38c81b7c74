//! Reports, field information and formatted values as JSON, written straight into a
//! `String`: no `Value`, no message `String`s, no `core::fmt`. Byte for byte what the
//! bindings' path gives (`dynamic::to_host_json` of `Report::to_value()`, of
//! `FieldInfo::to_value()`): serde_json's escaping (`\"`, `\\`, `\b \f \n \r \t`, other
//! controls as `\u00XX`, everything else as is). The checkout entry writes its answers with
//! this; the tests compare both paths.

use super::kinds::FieldInfo;
use super::messages::template;
use super::{check_text, Formatted, Param, State, Validator};
use crate::value::{Map, Value};
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

/// A field's value as the checkout entry hands it over: its text (absent and null are
/// `""`), or `None` for a value of a type with no text (`unsupported_value`).
pub type FieldText<'a> = Option<&'a str>;

/// Append `s` as a JSON string (quotes included).
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    escaped(out, s);
    out.push('"');
}

/// Append `items` as a JSON array of strings.
pub fn string_array<'a>(out: &mut String, items: impl IntoIterator<Item = &'a str>) {
    out.push('[');
    for (i, s) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, s);
    }
    out.push(']');
}

/// Field texts from the checkout entry's values buffer: per rule `len u32 LE · UTF-8`, len
/// `u32::MAX` for a value with no text; `None` when the buffer is malformed.
pub fn field_texts(mut buf: &[u8]) -> Option<Vec<FieldText<'_>>> {
    let mut out = Vec::new();
    while !buf.is_empty() {
        let (len, rest) = buf.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len);
        if len == u32::MAX {
            out.push(None);
            buf = rest;
            continue;
        }
        let (t, rest) = rest.split_at_checked(len as usize)?;
        out.push(Some(core::str::from_utf8(t).ok()?));
        buf = rest;
    }
    Some(out)
}

const fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Append `s` JSON-escaped (no quotes), copying the runs between bytes to escape at once.
pub fn escaped(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(off) = bytes.get(start..).and_then(|rest| rest.iter().position(|b| needs_escape(*b))) {
        let i = start + off;
        // Every escaped byte is ASCII, so `start..i` lies on char boundaries.
        out.push_str(s.get(start..i).unwrap_or_default());
        match bytes.get(i).copied().unwrap_or(0) {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0')));
            }
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// Append an unsigned integer in decimal.
pub fn uint(out: &mut String, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        if let Some(slot) = buf.get_mut(at) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(core::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or_default());
}

fn boolean(out: &mut String, b: bool) {
    out.push_str(if b { "true" } else { "false" });
}

fn opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// One error object: `{"field","code","params","message"}`. The catalogue's templates need no
/// escaping (a test checks it); the parameter's text is escaped where it is filled in.
fn error(out: &mut String, field: &str, code: super::Code, param: Option<&(&'static str, Param)>, locale: &str) {
    out.push_str("{\"field\":");
    string(out, field);
    out.push_str(",\"code\":\"");
    out.push_str(code.as_str());
    out.push_str("\",\"params\":{");
    let mut num = String::new();
    let text = param.map(|(name, p)| {
        let t: &str = match p {
            Param::Int(n) => {
                uint(&mut num, *n);
                &num
            }
            Param::Str(s) => s,
        };
        (*name, t, matches!(p, Param::Int(_)))
    });
    if let Some((name, t, is_int)) = text {
        out.push('"');
        out.push_str(name);
        out.push_str("\":");
        if is_int { out.push_str(t) } else { string(out, t) }
    }
    out.push_str("},\"message\":\"");
    let mut tpl = template(code, locale);
    while let Some(open) = tpl.find('{') {
        out.push_str(tpl.get(..open).unwrap_or_default());
        let inner = tpl.get(open + 1..).unwrap_or_default();
        match (text, inner.find('}')) {
            (Some((name, t, _)), Some(close)) if inner.get(..close) == Some(name) => {
                escaped(out, t);
                tpl = inner.get(close + 1..).unwrap_or_default();
            }
            _ => {
                out.push('{');
                tpl = inner;
            }
        }
    }
    out.push_str(tpl);
    out.push_str("\"}");
}

/// Reused buffers for [`Validator::validate_json`].
#[derive(Debug, Default)]
pub struct JsonBuf {
    out: String,
    errors: String,
}

impl Validator {
    /// Validate `values` (one per rule, in rule order; missing trailing ones are absent) and
    /// write the report as JSON into `buf`: what `validate(…).to_value()` gives, as the
    /// bindings' JSON, in one pass. The checkout entry's validation.
    pub fn validate_json<'b>(&self, values: &[FieldText<'_>], partial: bool, locale: &str, buf: &'b mut JsonBuf) -> &'b str {
        let JsonBuf { out, errors } = buf;
        out.clear();
        errors.clear();
        let (mut valid, mut potentially_valid) = (true, true);
        // Normalised values by key; a key ruled twice keeps its first place (as `Map::insert`).
        let mut texts: Vec<(&str, Cow<'_, str>)> = Vec::with_capacity(self.rules.len());
        for (i, rule) in self.rules.iter().enumerate() {
            let (text, finding) = check_text(rule, values.get(i).copied().unwrap_or(Some("")));
            if !text.is_empty() {
                match texts.iter_mut().find(|(k, _)| *k == rule.key) {
                    Some(slot) => slot.1 = text,
                    None => texts.push((&rule.key, text)),
                }
            }
            let Some((state, code, param)) = finding else { continue };
            valid = false;
            if state == State::Invalid {
                potentially_valid = false;
            }
            if state == State::Invalid || !partial {
                if !errors.is_empty() {
                    errors.push(',');
                }
                error(errors, &rule.key, code, param.as_ref(), locale);
            }
        }
        out.reserve(64 + errors.len() + texts.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>());
        out.push_str("{\"valid\":");
        boolean(out, valid);
        out.push_str(",\"potentially_valid\":");
        boolean(out, potentially_valid);
        out.push_str(",\"errors\":[");
        out.push_str(errors);
        out.push_str("],\"values\":{");
        for (i, (k, v)) in texts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, k);
            out.push(':');
            string(out, v);
        }
        out.push_str("}}");
        out
    }

    /// [`Validator::fields`] as JSON (a list of [`FieldInfo`] objects).
    pub fn fields_json(&self, locale: &str, out: &mut String) {
        out.push('[');
        for (i, r) in self.rules.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            r.info(locale).write_json(out);
        }
        out.push(']');
    }
}

impl FieldInfo {
    /// As a value (what bindings hand to Python / JS): `key, kind, label, hint, example,
    /// required, max_length, payee, attributes`.
    pub fn to_value(&self) -> Value {
        let opt = |s: &Option<String>| s.as_ref().map_or(Value::Null, |s| Value::Str(s.clone()));
        let attributes: Map = self.attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Value::Map(
            Map::new()
                .with("key", self.key.as_str())
                .with("kind", self.kind.as_str())
                .with("label", self.label.as_str())
                .with("hint", opt(&self.hint))
                .with("example", opt(&self.example))
                .with("required", self.required)
                .with("max_length", self.max_length.map_or(Value::Null, |n| Value::Int(n as i128)))
                .with("payee", self.payee)
                .with("attributes", attributes),
        )
    }

    /// Append it as JSON (the same text as its value through the bindings).
    pub fn write_json(&self, out: &mut String) {
        out.push_str("{\"key\":");
        string(out, &self.key);
        out.push_str(",\"kind\":");
        string(out, self.kind.as_str());
        out.push_str(",\"label\":");
        string(out, &self.label);
        out.push_str(",\"hint\":");
        opt_string(out, self.hint.as_deref());
        out.push_str(",\"example\":");
        opt_string(out, self.example.as_deref());
        out.push_str(",\"required\":");
        boolean(out, self.required);
        out.push_str(",\"max_length\":");
        match self.max_length {
            Some(n) => uint(out, n),
            None => out.push_str("null"),
        }
        out.push_str(",\"payee\":");
        boolean(out, self.payee);
        out.push_str(",\"attributes\":{");
        for (i, (k, v)) in self.attributes.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, k);
            out.push(':');
            string(out, v);
        }
        out.push_str("}}");
    }
}

impl Formatted {
    /// As a value: `{value, caret}`.
    pub fn to_value(&self) -> Value {
        Value::Map(Map::new().with("value", self.value.as_str()).with("caret", Value::Int(self.caret as i128)))
    }

    /// Append it as JSON.
    pub fn write_json(&self, out: &mut String) {
        out.push_str("{\"value\":");
        string(out, &self.value);
        out.push_str(",\"caret\":");
        uint(out, self.caret);
        out.push('}');
    }
}
