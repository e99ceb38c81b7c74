//! An endpoint is a row: name, HTTP method, path template, typed fields, the identifying
//! field a lone argument stands for, and the body shape. Each provider module holds one
//! table of rows; builders, `endpoints(provider)`, the bindings' per-endpoint methods, their
//! docs and the tests all read the rows.
//!
//! Typed fields carry the JSON type the provider documents, and the text that is signed is
//! the text that is sent: `M4("1520", …)` sends `"shop_id":1520` and signs `1520`.

use crate::error::{Error, ErrorCode, Result};
use crate::value::{Map, Value};
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::value::RawValue;

/// The HTTP method of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

impl HttpMethod {
    /// `"GET"` or `"POST"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// The JSON type a provider documents for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// A JSON integer. Integral numbers and digit strings without a leading zero are read as
    /// integers; anything else is `invalid_value`.
    Integer,
    /// A JSON string holding a plain decimal (`"100.23"`); anything else is `invalid_amount`.
    DecimalText,
    /// A JSON string holding a positive decimal written with exactly this many places
    /// (`1500` -> `"1500.00"`); more places, or not positive, is `invalid_amount`.
    DecimalPlaces(u8),
    /// A JSON number written with the caller's exact digits (`"100.50"` -> `100.50`).
    DecimalNumber,
    /// A JSON string: text as is, numbers as their signed text.
    Text,
    /// `YYYY-MM-DDTHH:MM:SS` in UTC, filled from the clock when absent (M4 `now`).
    Timestamp,
    /// `true` or `false`.
    Bool,
    /// An object passed through as given (nested keys kept, in the caller's order).
    Object,
    /// An object of query parameters (`{number: 2}` -> `page[number]=2`).
    Query,
    /// One URL path segment (text or an integer), percent-encoded.
    PathSegment,
}

impl FieldType {
    /// A short name for docs and generated type stubs.
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldType::Integer => "integer",
            FieldType::DecimalText => "decimal text",
            FieldType::DecimalPlaces(_) => "decimal text (fixed places)",
            FieldType::DecimalNumber => "decimal number",
            FieldType::Text => "text",
            FieldType::Timestamp => "timestamp",
            FieldType::Bool => "bool",
            FieldType::Object => "object",
            FieldType::Query => "query object",
            FieldType::PathSegment => "path segment",
        }
    }
}

/// Whether a field must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Absent or null: left out.
    Optional,
    /// Absent or null: `missing_field` (`""` is a value).
    Required,
    /// Absent, null or `""`: `missing_field`.
    NonEmpty,
    /// Absent, null or `""`: left out.
    OmitEmpty,
    /// Set by the client from its constructor (M4 `shop_id`); giving it is `invalid_argument`.
    Client,
}

/// One field of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The provider's name (snake_case).
    pub name: &'static str,
    /// Its documented JSON type.
    pub ty: FieldType,
    /// Whether it must be given.
    pub presence: Presence,
}

impl Field {
    /// A field.
    pub const fn new(name: &'static str, ty: FieldType, presence: Presence) -> Self {
        Field { name, ty, presence }
    }
}

/// What the request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// A JSON object of the body fields, in row order.
    Json,
    /// A JSON:API document `{"data": {"type": <type>, "attributes": {…}}}`.
    JsonApi(&'static str),
    /// No body (fields go into the path and the query).
    None,
}

/// An endpoint: one row of a provider's table.
#[derive(Debug)]
pub struct Endpoint {
    /// The builder's name (`withdraw_create`), snake_case in Rust and Python.
    pub name: &'static str,
    /// The same name in camelCase, as the JS bindings spell it (`withdrawCreate`).
    pub js_name: &'static str,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path after the base URL; `{field}` marks a path segment filled from that field.
    pub path: &'static str,
    /// The fields, in body order.
    pub fields: &'static [Field],
    /// The field a lone argument stands for (`find_payout_invoice("r-1")`).
    pub positional: Option<&'static str>,
    /// The body shape.
    pub body: Body,
    /// The signed fields, sorted by key (empty: the endpoint signs nothing or signs by its own rule).
    pub signed: &'static [&'static str],
    /// One line for docs and generated stubs.
    pub doc: &'static str,
    /// Where the facts come from (document and section).
    pub source: &'static str,
}

impl Endpoint {
    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Look an endpoint up by name in a provider's table.
pub fn find(table: &'static [Endpoint], provider: &str, name: &str) -> Result<&'static Endpoint> {
    table.iter().find(|e| e.name == name).ok_or_else(|| unknown(table, provider))
}

/// `unknown_method` naming `endpoint`, listing the known names (never echoing the argument:
/// with arguments swapped it could be a secret).
pub(crate) fn unknown(table: &[Endpoint], provider: &str) -> Error {
    let known: Vec<&str> = table.iter().map(|e| e.name).collect();
    Error::field(ErrorCode::UnknownMethod, "endpoint", format!("unknown {provider} endpoint; known: {}", known.join(", ")))
}

/// One provider's endpoint table and its typed names, written once: `pub enum $Enum` (the
/// typed Rust API), `pub static $TABLE` (the rows that builders, bindings, docs and tests
/// read), in the same order.
macro_rules! endpoints {
    ($(#[doc = $edoc:literal])* $Enum:ident, $TABLE:ident, $provider:literal;
     $($Variant:ident $name:literal $js:literal => { $($row:tt)* },)*) => {
        $(#[doc = $edoc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $Enum {
            $(#[doc = concat!("`", $name, "`")] $Variant,)*
        }

        /// The endpoint rows, in the order of the enum.
        pub static $TABLE: &[$crate::endpoint::Endpoint] = &[
            $($crate::endpoint::Endpoint { name: $name, js_name: $js, $($row)* },)*
        ];

        impl $Enum {
            /// Every endpoint.
            pub const ALL: &'static [$Enum] = &[$($Enum::$Variant,)*];

            /// The endpoint's row.
            #[allow(clippy::indexing_slicing)] // the enum and the table are made from one list
            pub fn row(self) -> &'static $crate::endpoint::Endpoint {
                &$TABLE[self as usize]
            }

            /// The endpoint named `name` (snake_case), or `unknown_method` naming `endpoint`.
            pub fn from_name(name: &str) -> $crate::Result<Self> {
                Self::ALL.iter().copied().find(|e| e.row().name == name).ok_or_else(|| $crate::endpoint::unknown($TABLE, $provider))
            }
        }
    };
}
pub(crate) use endpoints;

/// A request body value. Objects keep the order they are built in (whatever serde_json's
/// features are in a given build), so a body is the same bytes in every runtime, and a
/// number can be written with its exact decimal text.
#[derive(Debug, Clone)]
pub(crate) enum Json {
    /// A JSON scalar.
    Scalar(serde_json::Value),
    /// A JSON number as written (`100.50`).
    Raw(alloc::boxed::Box<RawValue>),
    /// An object, in order.
    Object(Vec<(String, Json)>),
    /// An array.
    Array(Vec<Json>),
}

impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Scalar(v) => v.serialize(s),
            Json::Raw(raw) => raw.serialize(s),
            Json::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for v in items {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
        }
    }
}

impl Json {
    /// A string value.
    pub(crate) fn str(s: impl Into<String>) -> Json {
        Json::Scalar(serde_json::Value::String(s.into()))
    }

    /// The JSON text.
    pub(crate) fn text(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|_| Error::internal("serialising a request body"))
    }
}

/// A field's value made to its documented type: what the body carries and the value that is
/// signed (the same text).
pub(crate) struct Typed {
    pub json: Json,
    pub value: Value,
}

fn invalid(code: ErrorCode, field: &str, message: String) -> Error {
    Error::field(code, String::from(field), message)
}

/// Whether `s` is a plain decimal: digits, optionally `.` and digits (no sign, no exponent).
pub(crate) fn is_plain_decimal(s: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    match s.split_once('.') {
        Some((i, f)) => digits(i) && digits(f),
        None => digits(s),
    }
}

/// The integer of a field documented as a JSON integer.
pub(crate) fn integer(v: &Value, field: &str) -> Result<Json> {
    let bad = || invalid(ErrorCode::InvalidValue, field, format!("`{field}` must be an integer (or a string of its digits)"));
    let text: Cow<'_, str> = match v {
        Value::Int(i) => Cow::Owned(i.to_string()),
        Value::Float(f) => Cow::Owned(crate::value::integral(*f).ok_or_else(bad)?.to_string()),
        Value::Str(s) | Value::Decimal(s) => Cow::Borrowed(s.as_str()),
        _ => return Err(bad()),
    };
    // A sign is part of a number, never of a digit string.
    let digits = if matches!(v, Value::Str(_)) { &*text } else { text.strip_prefix('-').unwrap_or(&text) };
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && !(text.starts_with('-') && digits == "0");
    if !canonical {
        return Err(bad());
    }
    match text.parse::<i64>() {
        Ok(i) => Ok(Json::Scalar(serde_json::Value::from(i))),
        // Beyond i64 an integer is still a JSON number, written digit for digit.
        Err(_) => RawValue::from_string(text.into_owned()).map(Json::Raw).map_err(|_| bad()),
    }
}

/// The decimal text of an amount field (`invalid_amount` when it is not a plain decimal).
pub(crate) fn decimal_text(v: &Value, field: &str) -> Result<String> {
    let bad = || invalid(ErrorCode::InvalidAmount, field, format!("`{field}` must be a decimal amount such as 100.50"));
    let text = match v {
        Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Decimal(_) => v.signed_text(field).map_err(|e| match v {
            // A float the value rules refuse (NaN, beyond 2^53) keeps that error.
            Value::Float(_) => e,
            _ => bad(),
        })?,
        _ => return Err(bad()),
    };
    if is_plain_decimal(&text) { Ok(text.into_owned()) } else { Err(bad()) }
}

/// `text` with exactly `places` decimals, or `None` when it has more or is not positive.
pub(crate) fn fixed_places(text: &str, places: usize) -> Option<String> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > places || text.bytes().all(|b| b == b'0' || b == b'.') {
        return None;
    }
    let mut out = String::with_capacity(int.len() + places + 1);
    out.push_str(int);
    if places > 0 {
        out.push('.');
        out.push_str(frac);
        out.extend(core::iter::repeat_n('0', places - frac.len()));
    }
    Some(out)
}

/// A JSON number with the exact decimal text given (`"100.50"` -> `100.50`), positive.
pub(crate) fn decimal_number(v: &Value, field: &str) -> Result<Json> {
    let text = match v {
        Value::Null => return Err(invalid(ErrorCode::MissingField, field, format!("`{field}` is missing"))),
        other => other.signed_text(field)?,
    };
    if !is_plain_decimal(&text) || text.bytes().all(|b| b == b'0' || b == b'.') {
        return Err(invalid(ErrorCode::InvalidAmount, field, format!("`{field}` must be a positive decimal number such as 100.55")));
    }
    RawValue::from_string(text.into_owned())
        .map(Json::Raw)
        .map_err(|_| invalid(ErrorCode::InvalidAmount, field, format!("`{field}` is not a JSON number")))
}

/// A value made to the type `field` documents. The signed value is the sent text.
pub(crate) fn typed(v: &Value, field: &Field) -> Result<Typed> {
    let name = field.name;
    Ok(match field.ty {
        FieldType::Integer => {
            let json = integer(v, name)?;
            let value = match &json {
                Json::Scalar(serde_json::Value::Number(n)) => n.as_i64().map_or(Value::Null, Value::from),
                Json::Raw(raw) => Value::Decimal(raw.get().to_string()),
                _ => Value::Null,
            };
            Typed { json, value }
        }
        FieldType::DecimalText => {
            let text = decimal_text(v, name)?;
            Typed { json: Json::str(text.as_str()), value: Value::Str(text) }
        }
        FieldType::DecimalPlaces(places) => {
            let text = decimal_text(v, name)?;
            let fixed = fixed_places(&text, usize::from(places)).ok_or_else(|| {
                invalid(
                    ErrorCode::InvalidAmount,
                    name,
                    format!("`{name}` must be a positive amount with at most {places} decimal places"),
                )
            })?;
            Typed { json: Json::str(fixed.as_str()), value: Value::Str(fixed) }
        }
        FieldType::DecimalNumber => {
            let json = decimal_number(v, name)?;
            let text = match &json {
                Json::Raw(raw) => raw.get().to_string(),
                _ => String::new(),
            };
            Typed { json, value: Value::Str(text) }
        }
        FieldType::Text | FieldType::Timestamp | FieldType::PathSegment => {
            let text = v.signed_text(name)?.into_owned();
            Typed { json: Json::str(text.as_str()), value: Value::Str(text) }
        }
        FieldType::Bool => match v {
            Value::Bool(b) => Typed { json: Json::Scalar(serde_json::Value::Bool(*b)), value: Value::Bool(*b) },
            other => return Err(crate::value::invalid_argument(name, "true or false", other)),
        },
        FieldType::Object | FieldType::Query => match v {
            Value::Map(_) => Typed { json: passthrough(v, name)?, value: v.clone() },
            other => return Err(crate::value::invalid_argument(name, "a mapping", other)),
        },
    })
}

/// A pass-through value (objects such as `account_details`, `metadata`) as JSON, in the
/// caller's order; values that JSON cannot carry are `unsupported_value`.
pub(crate) fn passthrough(v: &Value, field: &str) -> Result<Json> {
    Ok(match v {
        Value::Null => Json::Scalar(serde_json::Value::Null),
        Value::Bool(b) => Json::Scalar(serde_json::Value::Bool(*b)),
        Value::Map(m) => Json::Object(m.iter().map(|(k, v)| Ok((String::from(k), passthrough(v, field)?))).collect::<Result<_>>()?),
        Value::List(l) => Json::Array(l.iter().map(|v| passthrough(v, field)).collect::<Result<_>>()?),
        Value::Float(f) if crate::value::integral(*f).is_none() && f.is_finite() => {
            serde_json::Number::from_f64(*f).map_or(Json::Scalar(serde_json::Value::Null), |n| Json::Scalar(serde_json::Value::Number(n)))
        }
        Value::Int(_) | Value::Float(_) => integer(v, field)?,
        Value::Decimal(d) if d.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) && !d.trim_start_matches('-').is_empty() => {
            integer(v, field).or_else(|_| Ok::<Json, Error>(Json::str(d.as_str())))?
        }
        other => Json::str(other.signed_text(field)?.into_owned()),
    })
}

/// The fields a builder was called with: a mapping, nothing (no fields), or for endpoints
/// with one identifying field, that field's value alone. Keys written in camelCase (JS
/// style) are turned into the provider's snake_case names.
pub(crate) fn input_fields(input: &Value, positional: Option<&'static str>) -> Result<Map> {
    let map = match (input, positional) {
        (Value::Null, _) => return Ok(Map::new()),
        (Value::Map(m), _) => m,
        (scalar @ (Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Decimal(_)), Some(name)) => {
            return Ok(Map::new().with(name, scalar.clone()));
        }
        (other, Some(name)) => {
            return Err(crate::value::invalid_argument(name, "a string or an integer (or a mapping of fields)", other));
        }
        (other, None) => return Err(crate::value::invalid_argument("fields", "a mapping of field names to values", other)),
    };
    let mut out = Map::with_capacity(map.len());
    for (key, value) in map.iter() {
        let key = snake_case(key);
        if out.get(&key).is_some() {
            return Err(Error::field(ErrorCode::DuplicateField, key.clone(), format!("field `{key}` is given twice")));
        }
        out.push_unique(key, value.clone());
    }
    Ok(out)
}

/// `shopPaymentId` -> `shop_payment_id`; snake_case names are returned unchanged.
pub(crate) fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `unknown_field` for the first key of `fields` not in `known`.
pub(crate) fn reject_unknown(fields: &Map, known: &[&str]) -> Result<()> {
    match fields.iter().find(|(k, _)| !known.contains(k)) {
        None => Ok(()),
        Some((k, _)) => Err(Error::field(
            ErrorCode::UnknownField,
            String::from(k),
            format!("unknown field `{k}`; known fields: {}", known.join(", ")),
        )),
    }
}

/// Percent-encode everything but unreserved characters (RFC 3986), for a path segment or a
/// query component.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// One URL path segment or query component, percent-encoded.
pub(crate) fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// The text of an identifier (string or integer), non-empty, for a URL segment.
pub(crate) fn id_text(v: &Value, field: &str) -> Result<String> {
    let text = match v {
        Value::Null => return Err(invalid(ErrorCode::MissingField, field, format!("`{field}` is missing"))),
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if crate::value::integral(*f).is_some() => format!("{}", *f as i64),
        other => return Err(crate::value::invalid_argument(field, "a string or an integer", other)),
    };
    if text.is_empty() {
        return Err(invalid(ErrorCode::InvalidValue, field, format!("`{field}` is empty")));
    }
    Ok(text)
}

/// A base URL with its trailing slashes removed; must be http(s).
pub(crate) fn base_url(url: &str) -> Result<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    if rest.is_none_or(|r| r.is_empty() || r.starts_with('/') || r.contains(['?', '#', ' '])) {
        return Err(Error::field(
            ErrorCode::InvalidValue,
            "base_url",
            "`base_url` must be an absolute http(s) URL without query or fragment",
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// An endpoint's request parts built from its row: the path with its segments filled, the
/// query string, the body fields in row order, and the values as sent (for signing).
pub(crate) struct Built {
    pub path: String,
    pub query: String,
    pub body: Vec<(String, Json)>,
    pub sent: Map,
}

/// Build the parts of `ep` from `fields` (snake_case keys). `client` gives the values of the
/// client's own fields and `clock` fills timestamps.
pub(crate) fn build(ep: &Endpoint, fields: &Map, client: &dyn Fn(&str) -> Option<Value>, clock: i64) -> Result<Built> {
    let names: Vec<&str> = ep.fields.iter().filter(|f| f.presence != Presence::Client).map(|f| f.name).collect();
    for f in ep.fields.iter().filter(|f| f.presence == Presence::Client) {
        if fields.get(f.name).is_some() {
            let name = f.name;
            return Err(Error::field(ErrorCode::InvalidArgument, name, format!("`{name}` is set by the client, not per request")));
        }
    }
    reject_unknown(fields, &names)?;
    let mut out = Built { path: String::from(ep.path), query: String::new(), body: Vec::with_capacity(ep.fields.len()), sent: Map::new() };
    for field in ep.fields {
        let given = match field.presence {
            Presence::Client => client(field.name),
            _ => fields.get(field.name).cloned(),
        };
        let value = match (given, field.ty) {
            (None | Some(Value::Null), FieldType::Timestamp) => Value::Str(crate::http::format_utc(clock)),
            (Some(Value::Str(s)), FieldType::Timestamp) if crate::http::is_timestamp(&s) => Value::Str(s),
            (Some(_), FieldType::Timestamp) => {
                let name = field.name;
                return Err(Error::field(ErrorCode::InvalidValue, name, format!("`{name}` must be UTC time formatted YYYY-MM-DDTHH:MM:SS")));
            }
            // A required field given as null is a value of the wrong type (its type's error);
            // only an absent one is missing.
            (Some(Value::Null), _) if field.presence == Presence::Required => {
                typed(&Value::Null, field)?;
                Value::Null
            }
            (Some(v), _) => v,
            (None, _) => Value::Null,
        };
        let empty = match &value {
            Value::Null => true,
            Value::Str(s) => s.is_empty() && matches!(field.presence, Presence::NonEmpty | Presence::OmitEmpty),
            _ => false,
        };
        if empty {
            if matches!(field.presence, Presence::Required | Presence::NonEmpty | Presence::Client) {
                let name = field.name;
                return Err(Error::field(ErrorCode::MissingField, name, format!("`{name}` is missing")));
            }
            continue;
        }
        if field.ty == FieldType::PathSegment {
            // A path segment is not a body field: it is never signed with them.
            let segment = encode(&id_text(&value, field.name)?);
            out.path = out.path.replace(&format!("{{{}}}", field.name), &segment);
            continue;
        }
        if field.ty == FieldType::Query {
            let Value::Map(m) = &value else {
                return Err(crate::value::invalid_argument(field.name, "a mapping", &value));
            };
            for (k, v) in m.iter() {
                let part = format!("{}={}", encode(&format!("{}[{k}]", field.name)), encode(&v.signed_text(k)?));
                out.query.push(if out.query.is_empty() { '?' } else { '&' });
                out.query.push_str(&part);
            }
            continue;
        }
        let typed = typed(&value, field)?;
        out.body.push((String::from(field.name), typed.json));
        out.sent.insert(field.name, typed.value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        let ok = |v: Value| integer(&v, "x").map(|j| j.text().unwrap());
        assert_eq!(ok("1520".into()).unwrap(), "1520");
        assert_eq!(ok(Value::Int(1520)).unwrap(), "1520");
        assert_eq!(ok(Value::Float(1520.0)).unwrap(), "1520");
        assert_eq!(ok("0".into()).unwrap(), "0");
        for bad in [Value::from("0123"), "15a0".into(), "".into(), "-0".into(), Value::Float(1.5), Value::Bool(true), "1e3".into()] {
            assert_eq!(ok(bad.clone()).unwrap_err().code(), ErrorCode::InvalidValue, "{bad:?}");
        }
    }

    #[test]
    fn places() {
        assert_eq!(fixed_places("1500", 2).unwrap(), "1500.00");
        assert_eq!(fixed_places("1500.5", 2).unwrap(), "1500.50");
        assert_eq!(fixed_places("1500.05", 2).unwrap(), "1500.05");
        assert_eq!(fixed_places("1500.505", 2), None);
        assert_eq!(fixed_places("0.00", 2), None);
    }

    #[test]
    fn camel_to_snake() {
        assert_eq!(snake_case("shopPaymentId"), "shop_payment_id");
        assert_eq!(snake_case("shop_payment_id"), "shop_payment_id");
    }
}
