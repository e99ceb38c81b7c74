//! The dynamic values bindings hand to the core, and the one rule that turns a value into
//! the text that gets signed.

use crate::error::{Error, ErrorCode, Result};
use crate::secret::Secret;
use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use alloc::format;

/// The largest integer a float (IEEE-754 double) holds exactly: beyond it, a float may not
/// be the number the caller wrote (JS `12345678901234567890` is already another number), so
/// signing it could produce a silently wrong signature.
pub const MAX_SAFE_FLOAT_INT: f64 = 9_007_199_254_740_991.0;

/// How deep bindings convert nested host objects: deeper (or cyclic) structures become
/// [`Value::Other`], so a hostile payload cannot exhaust the stack of any runtime.
pub const MAX_DEPTH: usize = 32;

/// A value as it arrives from Rust, Python, JS or a parsed payload.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `None` / `null` / `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// Text.
    Str(String),
    /// An integer (Python `int`, JS bigint, Rust integers).
    Int(i128),
    /// A float (Python `float`, JS `number`): signed as its shortest round-trip decimal text.
    Float(f64),
    /// Exact decimal text (Python `Decimal`, integers too large for `i128`): signed as
    /// written, with an exponent expanded to plain notation.
    Decimal(String),
    /// Raw bytes (Python `bytes`, JS `Uint8Array`): a body, never a signed field.
    Bytes(Vec<u8>),
    /// A list / array.
    List(Vec<Value>),
    /// A mapping / plain object, keys in insertion order.
    Map(Map),
    /// A host value of a type the binding does not convert; carries the type's name so the
    /// error can say what was passed.
    Other(String),
}

/// A small insertion-ordered map of field name to [`Value`]. Payloads have a handful of
/// keys, so a linear scan beats a tree here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    /// An empty map.
    pub fn new() -> Self {
        Map(Vec::new())
    }

    /// An empty map with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        Map(Vec::with_capacity(n))
    }

    /// Insert or replace a field.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// Builder form of [`Map::insert`].
    pub fn with(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(key, value);
        self
    }

    /// Look a field up.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Take the value of `key` out, keeping the others in order.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    /// The entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Append without checking for an existing key (for converters that already know keys
    /// are unique, such as host dictionaries).
    pub fn push_unique(&mut self, key: String, value: Value) {
        self.0.push((key, value));
    }
}

/// One field's value as a recipe or a check reads it, borrowed from wherever it lives: a
/// [`Value`], or host strings a binding did not copy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldValue<'a> {
    /// `None` / `null` / `undefined`.
    Null,
    /// A boolean (never signed).
    Bool(bool),
    /// Text.
    Str(&'a str),
    /// An integer.
    Int(i128),
    /// A float: signed as its shortest round-trip decimal text.
    Float(f64),
    /// Exact decimal text.
    Decimal(&'a str),
    /// A value that is never signed (list, mapping, bytes, a host type no binding
    /// converts): the name of its type, for the error.
    Unsigned(&'a str),
}

impl<'a> FieldValue<'a> {
    /// A short name of the value's type, for messages.
    pub fn type_name(self) -> &'a str {
        match self {
            FieldValue::Null => "null",
            FieldValue::Bool(_) => "bool",
            FieldValue::Str(_) => "string",
            FieldValue::Int(_) => "integer",
            FieldValue::Float(_) => "float",
            FieldValue::Decimal(_) => "decimal",
            FieldValue::Unsigned(name) => name,
        }
    }

    /// Whether the value counts as absent for "all non-empty fields" rules (M4 callbacks):
    /// `null` and the empty string. Zero is *not* empty.
    pub fn is_null_or_empty(self) -> bool {
        matches!(self, FieldValue::Null | FieldValue::Str(""))
    }

    /// The text this value is signed as, or `unsupported_value` naming `field`.
    ///
    /// str as is; integers in decimal; floats as their shortest round-trip decimal text in
    /// plain notation (`1.0` -> `1`, `1e-7` -> `0.0000001`, `-0.0` -> `0`) when finite and
    /// within ±(2^53-1); decimal text as written (an exponent is expanded).
    pub fn signed_text(self, field: &str) -> Result<Cow<'a, str>> {
        match self {
            FieldValue::Str(s) => Ok(Cow::Borrowed(s)),
            FieldValue::Int(i) => Ok(Cow::Owned(i.to_string())),
            FieldValue::Float(f) => float_text(f).ok_or_else(|| {
                unsupported(field, "a float that is not finite or beyond ±(2^53-1); pass the amount as a string or an integer")
            }),
            FieldValue::Decimal(d) => {
                decimal_text(d).ok_or_else(|| unsupported(field, "decimal text that is not a finite decimal number"))
            }
            other => Err(unsupported(field, &format!("a value of type {}", other.type_name()))),
        }
    }

    /// Feed the signed text to `out` ([`FieldValue::signed_text`] without allocating for
    /// strings and integers: the signing hot path).
    pub(crate) fn write_signed<F: FnMut(&[u8])>(self, field: &str, out: &mut F) -> Result<()> {
        match self {
            FieldValue::Str(s) => out(s.as_bytes()),
            // An integral float (what every JS number like 1520 is) signs as an integer.
            FieldValue::Float(f) if integral(f).is_some() => {
                return FieldValue::Int(integral(f).map_or(0, i128::from)).write_signed(field, out);
            }
            FieldValue::Int(i) => {
                // Decimal digits, right to left, into a buffer wide enough for any i128
                // (u64 arithmetic when it fits: u128 division is a slow library call).
                let mut buf = [0u8; 40];
                let mut at = buf.len();
                let mut digit = |d: u8| {
                    at -= 1;
                    if let Some(slot) = buf.get_mut(at) {
                        *slot = b'0' + d;
                    }
                };
                match u64::try_from(i.unsigned_abs()) {
                    Ok(mut n) => loop {
                        digit((n % 10) as u8);
                        n /= 10;
                        if n == 0 {
                            break;
                        }
                    },
                    Err(_) => {
                        let mut n = i.unsigned_abs();
                        loop {
                            digit((n % 10) as u8);
                            n /= 10;
                            if n == 0 {
                                break;
                            }
                        }
                    }
                }
                if i < 0 {
                    out(b"-");
                }
                out(buf.get(at..).unwrap_or_default());
            }
            other => out(other.signed_text(field)?.as_bytes()),
        }
        Ok(())
    }
}

impl From<FieldValue<'_>> for Value {
    /// The owned value (an `Unsigned` field becomes [`Value::Other`] with its type name).
    fn from(v: FieldValue<'_>) -> Self {
        match v {
            FieldValue::Null => Value::Null,
            FieldValue::Bool(b) => Value::Bool(b),
            FieldValue::Str(s) => Value::Str(s.into()),
            FieldValue::Int(i) => Value::Int(i),
            FieldValue::Float(f) => Value::Float(f),
            FieldValue::Decimal(d) => Value::Decimal(d.into()),
            FieldValue::Unsigned(name) => Value::Other(name.into()),
        }
    }
}

/// What a recipe signs: a [`Value`] (a mapping for field recipes, text or bytes for
/// `raw_body`), or fields a binding borrowed from host objects without copying them.
#[derive(Clone, Copy, Debug)]
pub enum Params<'a> {
    /// A value.
    Value(&'a Value),
    /// Fields in order; keys are unique (they come from a host mapping).
    Fields(&'a [(&'a str, FieldValue<'a>)]),
}

impl<'a> From<&'a Value> for Params<'a> {
    fn from(v: &'a Value) -> Self {
        Params::Value(v)
    }
}

impl<'a> From<&'a [(&'a str, FieldValue<'a>)]> for Params<'a> {
    fn from(f: &'a [(&'a str, FieldValue<'a>)]) -> Self {
        Params::Fields(f)
    }
}

impl<'a> From<&'a Vec<(&'a str, FieldValue<'a>)>> for Params<'a> {
    fn from(f: &'a Vec<(&'a str, FieldValue<'a>)>) -> Self {
        Params::Fields(f)
    }
}

impl<'a> Params<'a> {
    /// The field `key`; `invalid_argument` naming `arg` when this is not a mapping.
    pub fn get(self, arg: &'static str, key: &str) -> Result<Option<FieldValue<'a>>> {
        Ok(match self {
            Params::Value(v) => v.as_map(arg)?.get(key).map(Value::field_value),
            Params::Fields(f) => f.iter().find(|(k, _)| *k == key).map(|(_, v)| *v),
        })
    }

    /// Every field in order; `invalid_argument` naming `arg` when this is not a mapping.
    pub fn entries(self, arg: &'static str) -> Result<Vec<(&'a str, FieldValue<'a>)>> {
        Ok(match self {
            Params::Value(v) => v.as_map(arg)?.iter().map(|(k, v)| (k, v.field_value())).collect(),
            Params::Fields(f) => f.to_vec(),
        })
    }

    /// How many fields there are; `invalid_argument` naming `arg` when this is not a mapping.
    pub fn entries_len(self, arg: &'static str) -> Result<usize> {
        Ok(match self {
            Params::Value(v) => v.as_map(arg)?.len(),
            Params::Fields(f) => f.len(),
        })
    }

    /// The raw body (text or bytes), or `invalid_argument` naming `arg`.
    pub fn body(self, arg: &'static str) -> Result<&'a [u8]> {
        match self {
            Params::Value(v) => v.as_body(arg),
            Params::Fields(_) => Err(invalid_argument(arg, "the raw body as text or bytes", &Value::Map(Map::new()))),
        }
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = Map::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Value {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Value::Map(iter.into_iter().collect())
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Map(m)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.into())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}
macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(i: $t) -> Self { Value::Int(i as i128) }
        }
    )*};
}
from_int!(i8, i16, i32, i64, i128, u8, u16, u32, u64, isize, usize);

impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        use serde_json::Value as J;
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(b),
            J::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Value::Int(i.into()),
                (_, Some(u)) => Value::Int(u.into()),
                _ => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            J::String(s) => Value::Str(s),
            J::Array(a) => Value::List(a.into_iter().map(Value::from).collect()),
            J::Object(o) => o.into_iter().collect(),
        }
    }
}

impl From<&Value> for serde_json::Value {
    /// JSON for reports and specs (what bindings without a native converter hand out).
    /// Decimal text and bytes become strings; `Other` becomes null.
    fn from(v: &Value) -> Self {
        use serde_json::Value as J;
        match v {
            Value::Null | Value::Other(_) => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Str(s) | Value::Decimal(s) => J::String(s.clone()),
            Value::Int(i) => i64::try_from(*i).map_or_else(|_| J::String(i.to_string()), J::from),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Bytes(b) => J::String(String::from_utf8_lossy(b).into_owned()),
            Value::List(l) => J::Array(l.iter().map(J::from).collect()),
            Value::Map(m) => J::Object(m.iter().map(|(k, v)| (String::from(k), J::from(v))).collect()),
        }
    }
}

impl Value {
    /// What [`Value::type_name`] calls a mapping (bindings that report a container without
    /// converting it use these names too).
    pub const MAP_TYPE: &'static str = "object";
    /// What [`Value::type_name`] calls a list.
    pub const LIST_TYPE: &'static str = "list";
    /// What [`Value::type_name`] calls bytes.
    pub const BYTES_TYPE: &'static str = "bytes";

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Str(_) => "string",
            Value::Int(_) => "integer",
            Value::Float(_) => "float",
            Value::Decimal(_) => "decimal",
            Value::Bytes(_) => Value::BYTES_TYPE,
            Value::List(_) => Value::LIST_TYPE,
            Value::Map(_) => Value::MAP_TYPE,
            Value::Other(name) => name,
        }
    }

    /// The value as a recipe or a check reads one field of it.
    pub fn field_value(&self) -> FieldValue<'_> {
        match self {
            Value::Null => FieldValue::Null,
            Value::Bool(b) => FieldValue::Bool(*b),
            Value::Str(s) => FieldValue::Str(s),
            Value::Int(i) => FieldValue::Int(*i),
            Value::Float(f) => FieldValue::Float(*f),
            Value::Decimal(d) => FieldValue::Decimal(d),
            other => FieldValue::Unsigned(other.type_name()),
        }
    }

    /// Whether the value counts as absent for "all non-empty fields" rules (M4 callbacks):
    /// `null` and the empty string. Zero is *not* empty.
    pub fn is_null_or_empty(&self) -> bool {
        self.field_value().is_null_or_empty()
    }

    /// The text this value is signed as, or `unsupported_value` naming `field` (see
    /// [`FieldValue::signed_text`]).
    pub fn signed_text(&self, field: &str) -> Result<Cow<'_, str>> {
        self.field_value().signed_text(field)
    }

    /// The value as JSON text (how the JS bindings hand a report over: one string and
    /// `JSON.parse` instead of an object built key by key across the boundary).
    pub fn to_json(&self) -> String {
        serde_json::Value::from(self).to_string()
    }

    /// The map inside, or `invalid_argument` naming the argument.
    pub fn as_map(&self, arg: &'static str) -> Result<&Map> {
        match self {
            Value::Map(m) => Ok(m),
            other => Err(invalid_argument(arg, "a mapping of field names to values", other)),
        }
    }

    /// The text of a string argument, or `invalid_argument` naming it (bindings pass host
    /// values through unchecked so that wrong types get the same code in every runtime).
    pub fn as_text(&self, arg: &'static str) -> Result<&str> {
        match self {
            Value::Str(s) => Ok(s),
            other => Err(invalid_argument(arg, "a string", other)),
        }
    }

    /// Turn a string argument into a [`Secret`] without copying it (so the only copy is
    /// wiped on drop), or `invalid_argument` naming it.
    pub fn into_secret(self, arg: &'static str) -> Result<Secret> {
        match self {
            Value::Str(s) => Ok(Secret::new(s)),
            other => Err(invalid_argument(arg, "a string", &other)),
        }
    }

    /// The bytes of a text or bytes value (a raw body), or `invalid_argument`.
    pub fn as_body(&self, arg: &'static str) -> Result<&[u8]> {
        match self {
            Value::Str(s) => Ok(s.as_bytes()),
            Value::Bytes(b) => Ok(b),
            other => Err(invalid_argument(arg, "the raw body as text or bytes", other)),
        }
    }
}

/// The integer a float holds exactly, when it is integral and within ±(2^53-1) (no_std
/// has no `f64::fract`).
pub(crate) fn integral(f: f64) -> Option<i64> {
    if f.is_finite() && f.abs() <= MAX_SAFE_FLOAT_INT && f == (f as i64) as f64 { Some(f as i64) } else { None }
}

/// `invalid_argument`: the argument `arg` should have been `expected`.
pub(crate) fn invalid_argument(arg: &str, expected: &str, got: &Value) -> Error {
    Error::field(ErrorCode::InvalidArgument, String::from(arg), format!("`{arg}` must be {expected} (got {})", got.type_name()))
}

fn unsupported(field: &str, what: &str) -> Error {
    Error::field(
        ErrorCode::UnsupportedValue,
        String::from(field),
        format!("field `{field}` cannot be signed: it holds {what}"),
    )
}

/// Shortest round-trip text of a float in plain notation; `None` when it cannot be trusted.
fn float_text(f: f64) -> Option<Cow<'static, str>> {
    if !f.is_finite() || f.abs() > MAX_SAFE_FLOAT_INT {
        return None;
    }
    if f == 0.0 {
        return Some(Cow::Borrowed("0")); // -0.0 too: a signed zero is not a different amount
    }
    // Rust's float Display is the shortest text that round-trips, without an exponent.
    Some(Cow::Owned(format!("{f}")))
}

/// Validate decimal text and expand an exponent; `None` for anything else (NaN, Infinity,
/// stray characters).
pub(crate) fn decimal_text(d: &str) -> Option<Cow<'_, str>> {
    let (mantissa, exp) = match d.find(['e', 'E']) {
        Some(i) => (&d[..i], Some(&d[i + 1..])),
        None => (d, None),
    };
    let (neg, digits) = match mantissa.as_bytes().first()? {
        b'-' => (true, &mantissa[1..]),
        b'+' => (false, &mantissa[1..]),
        _ => (false, mantissa),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
        return None;
    }
    let Some(exp) = exp else {
        return Some(d.strip_prefix('+').map_or(Cow::Borrowed(d), |rest| Cow::Owned(rest.into())));
    };
    let exp: i64 = exp.parse().ok()?;
    if exp.unsigned_abs() > 4096 {
        return None; // an amount with thousands of zeros is a mistake, not money
    }
    // Shift the decimal point by `exp` over the digit string.
    let all: String = [int_part, frac_part].concat();
    let point = int_part.len() as i64 + exp;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&all);
    } else if point as usize >= all.len() {
        out.push_str(&all);
        out.extend(core::iter::repeat_n('0', point as usize - all.len()));
    } else {
        let (a, b) = all.split_at(point as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    }
    // Leading zeros of the integer part that the shift exposed ("0.5e1" -> "05") go.
    let start = usize::from(neg);
    while out.len() > start + 1 && out[start..].starts_with('0') && !out[start..].starts_with("0.") {
        out.remove(start);
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        let t = |f: f64| Value::Float(f).signed_text("x").map(|c| c.into_owned());
        assert_eq!(t(1.0).unwrap(), "1");
        assert_eq!(t(100.5).unwrap(), "100.5");
        assert_eq!(t(0.1).unwrap(), "0.1");
        assert_eq!(t(1e-7).unwrap(), "0.0000001");
        assert_eq!(t(-0.0).unwrap(), "0");
        assert_eq!(t(9007199254740991.0).unwrap(), "9007199254740991");
        assert_eq!(t(1e16).unwrap_err().code(), ErrorCode::UnsupportedValue);
        assert_eq!(t(f64::NAN).unwrap_err().code(), ErrorCode::UnsupportedValue);
    }

    #[test]
    fn decimals() {
        let t = |s: &str| decimal_text(s).map(|c| c.into_owned());
        assert_eq!(t("1500.00").unwrap(), "1500.00");
        assert_eq!(t("+5").unwrap(), "5");
        assert_eq!(t("1E+3").unwrap(), "1000");
        assert_eq!(t("1.5E-3").unwrap(), "0.0015");
        assert_eq!(t("-12.34e1").unwrap(), "-123.4");
        assert_eq!(t("0.5e1").unwrap(), "5");
        assert_eq!(t("NaN"), None);
        assert_eq!(t("Infinity"), None);
        assert_eq!(t("1.2.3"), None);
        assert_eq!(t(""), None);
        assert_eq!(t("."), None);
    }
}
