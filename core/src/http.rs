//! Sans-IO HTTP values: the [`Request`] a builder returns, the [`Outcome`] a response is
//! classified as, and the small URL/JSON helpers the builders share.

use crate::error::{Error, ErrorCode, Result};
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// A request to send with any HTTP client: the core never opens a socket.
#[derive(Clone, PartialEq)]
pub struct Request {
    /// `"GET"` or `"POST"`.
    pub method: &'static str,
    /// The absolute URL, query included.
    pub url: String,
    /// Header name and value pairs.
    pub headers: Vec<(&'static str, String)>,
    /// The body as JSON text, or `None`.
    pub body: Option<String>,
}

/// Headers whose values are credentials (never printed).
const CREDENTIAL_HEADERS: &[&str] = &["Authorization", "X-Api-Key"];

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (*k, if CREDENTIAL_HEADERS.contains(k) { "***" } else { v.as_str() }))
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

impl Request {
    /// The request as a value: `{method, url, headers: {name: value}, body}`.
    pub fn to_value(&self) -> Value {
        let headers: Map = self.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Value::Map(
            Map::new()
                .with("method", self.method)
                .with("url", self.url.as_str())
                .with("headers", headers)
                .with("body", self.body.as_deref().map_or(Value::Null, Value::from)),
        )
    }

    /// The value of a header, by exact name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }
}

/// What a response means for the caller (the same kinds for every provider).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The payout (or request) succeeded; final.
    Succeeded,
    /// The payout was rejected or failed; final.
    Rejected,
    /// Not final yet: keep polling (or wait for the callback).
    Pending,
    /// The object asked about does not exist.
    NotFound,
    /// An error that repeating the same request will not fix.
    FatalError,
    /// An error that may go away: time-outs, 5xx, rate limits, unknown error codes.
    RetryableError,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [Kind] =
        &[Kind::Succeeded, Kind::Rejected, Kind::Pending, Kind::NotFound, Kind::FatalError, Kind::RetryableError];

    /// The stable snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Succeeded => "succeeded",
            Kind::Rejected => "rejected",
            Kind::Pending => "pending",
            Kind::NotFound => "not_found",
            Kind::FatalError => "fatal_error",
            Kind::RetryableError => "retryable_error",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == name)
    }

    /// Whether nothing more will happen to the payout.
    pub const fn is_final(self) -> bool {
        matches!(self, Kind::Succeeded | Kind::Rejected)
    }
}

/// A classified response.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// What it means.
    pub kind: Kind,
    /// The provider's status as sent (M4: a number; others: text), or null.
    pub status: serde_json::Value,
    /// The provider's error code as sent, or null.
    pub error_code: serde_json::Value,
    /// A message for people (the provider's, or payoutkit's when the provider gave none).
    pub message: String,
    /// The response's payload (M4 `data`, the Corefy invoice, the exotic body), or null.
    pub data: serde_json::Value,
    /// The HTTP status the response came with (0 when there was no response).
    pub http_status: u16,
}

impl Outcome {
    /// An outcome with only a kind and a message.
    pub fn new(kind: Kind, http_status: u16, message: impl Into<String>) -> Self {
        Outcome {
            kind,
            status: serde_json::Value::Null,
            error_code: serde_json::Value::Null,
            message: message.into(),
            data: serde_json::Value::Null,
            http_status,
        }
    }

    /// The outcome as a value: `{kind, status, error_code, message, data, http_status}`.
    pub fn to_value(&self) -> Value {
        Value::Map(
            Map::new()
                .with("kind", self.kind.as_str())
                .with("status", Value::from(self.status.clone()))
                .with("error_code", Value::from(self.error_code.clone()))
                .with("message", self.message.as_str())
                .with("data", Value::from(self.data.clone()))
                .with("http_status", self.http_status),
        )
    }

    pub(crate) fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "kind": self.kind.as_str(), "status": self.status, "error_code": self.error_code,
            "message": self.message, "data": self.data, "http_status": self.http_status,
        })
    }

    pub(crate) fn from_json(v: &serde_json::Value) -> Option<Outcome> {
        Some(Outcome {
            kind: Kind::from_name(v.get("kind")?.as_str()?)?,
            status: v.get("status")?.clone(),
            error_code: v.get("error_code")?.clone(),
            message: v.get("message")?.as_str()?.to_string(),
            data: v.get("data")?.clone(),
            http_status: u16::try_from(v.get("http_status")?.as_u64()?).ok()?,
        })
    }
}

/// A response body as JSON, if it is JSON (responses are read leniently: a proxy's HTML
/// error page is not an error of ours, just an unreadable answer).
pub(crate) fn json_body(body: &Value) -> Result<Option<serde_json::Value>> {
    let bytes = match body {
        Value::Null => return Ok(None),
        other => other.as_body("body")?,
    };
    Ok(serde_json::from_slice(bytes).ok())
}

/// The HTTP status argument: an integer in 100..=599, or 0 for "no response".
pub fn http_status(v: &Value) -> Result<u16> {
    let n = match v {
        Value::Int(i) => Some(*i),
        // JS numbers arrive as floats: accept the integral ones.
        Value::Float(f) => crate::value::integral(*f).map(i128::from),
        _ => None,
    };
    match n.and_then(|n| u16::try_from(n).ok()) {
        Some(s) if s == 0 || (100..=599).contains(&s) => Ok(s),
        _ => Err(Error::field(ErrorCode::InvalidArgument, "http_status", "`http_status` must be an integer HTTP status (100-599)")),
    }
}

/// A callback event: `picks` says, for each event key, which map to read it from (absent
/// values are null); `required` keys must be present and non-empty; `kind` comes from the
/// `status` by the provider's table.
pub(crate) fn event(picks: &[(&'static str, &Map)], required: &[&'static str], status_kind: fn(&str) -> Kind) -> Result<Value> {
    let mut event = Map::with_capacity(picks.len() + 1);
    for (key, from) in picks {
        event.insert(*key, from.get(key).cloned().unwrap_or(Value::Null));
    }
    for key in required {
        if event.get(key).is_none_or(Value::is_null_or_empty) {
            return Err(Error::field(ErrorCode::MissingField, *key, format!("the callback has no `{key}`")));
        }
    }
    let kind = match event.get("status") {
        Some(Value::Str(s)) => status_kind(s),
        _ => Kind::Pending,
    };
    event.insert("kind", kind.as_str());
    Ok(Value::Map(event))
}

/// A `now` argument in unix seconds: null means `clock` (the binding's clock); integers
/// and (JS) numbers are taken as seconds.
pub fn unix_time(v: &Value, clock: i64) -> Result<i64> {
    // Up to the year 5138: anything larger is most likely milliseconds (`Date.now()`).
    const LIMIT: i64 = 100_000_000_000;
    let out_of_range = || Error::field(ErrorCode::InvalidValue, "now", "`now` must be unix time in seconds (not milliseconds)");
    let t = match v {
        Value::Null => clock,
        Value::Int(i) => i64::try_from(*i).map_err(|_| out_of_range())?,
        // Whole seconds: the fraction of a JS `Date.now() / 1000` is dropped.
        Value::Float(f) if f.is_finite() && f.abs() < 1e15 => {
            if (*f as i64) as f64 > *f { *f as i64 - 1 } else { *f as i64 }
        }
        Value::Float(f) if f.is_finite() => return Err(out_of_range()),
        other => return Err(crate::value::invalid_argument("now", "unix time in seconds", other)),
    };
    if t.abs() > LIMIT { Err(out_of_range()) } else { Ok(t) }
}

/// Percent-encode everything but unreserved characters (RFC 3986), for a path segment or a
/// query component.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// One URL path segment or query component, percent-encoded.
pub(crate) fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// A base URL with its trailing slashes removed; must be http(s).
pub(crate) fn base_url(v: &Value, default: Option<&str>) -> Result<String> {
    let url = match (v, default) {
        (Value::Null, Some(d)) => d,
        (other, _) => other.as_text("base_url")?,
    };
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

/// The text of an identifier argument (string or integer), non-empty, for a URL segment or
/// a signed field.
pub(crate) fn id_text(v: &Value, field: &'static str) -> Result<String> {
    let text = match v {
        Value::Null => return Err(Error::field(ErrorCode::MissingField, field, format!("`{field}` is missing"))),
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if crate::value::integral(*f).is_some() => format!("{}", *f as i64),
        other => return Err(crate::value::invalid_argument(field, "a string or an integer", other)),
    };
    if text.is_empty() {
        return Err(Error::field(ErrorCode::InvalidValue, field, format!("`{field}` is empty")));
    }
    Ok(text)
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
        (other, Some(name)) => return Err(crate::value::invalid_argument(name, "a string or an integer (or a mapping of fields)", other)),
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
fn snake_case(key: &str) -> String {
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
pub(crate) fn reject_unknown(fields: &Map, known: &[&[&str]]) -> Result<()> {
    match fields.iter().find(|(k, _)| !known.iter().any(|list| list.contains(k))) {
        None => Ok(()),
        Some((k, _)) => {
            let all: Vec<&str> = known.iter().flat_map(|l| l.iter().copied()).collect();
            Err(Error::field(ErrorCode::UnknownField, String::from(k), format!("unknown field `{k}`; known fields: {}", all.join(", "))))
        }
    }
}

/// A request body value. Objects keep the order they are built in (whatever serde_json's
/// features are in a given build), so a body is the same bytes in every runtime, and a
/// number can be written with its exact decimal text.
#[derive(Debug)]
pub(crate) enum Json {
    /// A JSON scalar.
    Scalar(serde_json::Value),
    /// A JSON number as written (`100.50`).
    Raw(alloc::boxed::Box<serde_json::value::RawValue>),
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

/// A scalar request field as JSON: integers (and integral JS numbers) as numbers, text as
/// strings, and every other signable value as the exact text it is signed with (amounts
/// stay exact).
pub(crate) fn json_scalar(v: &Value, field: &str) -> Result<Json> {
    Ok(match v {
        Value::Int(i) => match (i64::try_from(*i), serde_json::value::RawValue::from_string(i.to_string())) {
            (Ok(small), _) => Json::Scalar(serde_json::Value::from(small)),
            // Beyond i64 an integer is still a JSON number, written digit for digit.
            (Err(_), Ok(raw)) => Json::Raw(raw),
            (Err(_), Err(_)) => Json::str(i.to_string()),
        },
        // A JS number holding an integer is an integer (840 stays 840 in every runtime).
        Value::Float(f) if crate::value::integral(*f).is_some() => Json::Scalar(serde_json::Value::from(*f as i64)),
        // An integer that arrived as decimal text (JS BigInt, Python Decimal("643")) is
        // still an integer.
        Value::Decimal(d) if d.strip_prefix('-').unwrap_or(d).bytes().all(|b| b.is_ascii_digit()) && !d.is_empty() && d != "-" => {
            match d.parse::<i128>() {
                Ok(i) => return json_scalar(&Value::Int(i), field),
                Err(_) => match serde_json::value::RawValue::from_string(d.clone()) {
                    Ok(raw) => Json::Raw(raw),
                    Err(_) => Json::str(d.clone()),
                },
            }
        }
        other => Json::str(other.signed_text(field)?.into_owned()),
    })
}

/// A pass-through field (objects such as `account_details`, `metadata`) as JSON, in the
/// caller's order; values that JSON cannot carry are `unsupported_value`.
pub(crate) fn json_passthrough(v: &Value, field: &str) -> Result<Json> {
    Ok(match v {
        Value::Null => Json::Scalar(serde_json::Value::Null),
        Value::Bool(b) => Json::Scalar(serde_json::Value::Bool(*b)),
        Value::Map(m) => Json::Object(m.iter().map(|(k, v)| Ok((String::from(k), json_passthrough(v, field)?))).collect::<Result<_>>()?),
        Value::List(l) => Json::Array(l.iter().map(|v| json_passthrough(v, field)).collect::<Result<_>>()?),
        Value::Float(f) if crate::value::integral(*f).is_none() && f.is_finite() => {
            serde_json::Number::from_f64(*f).map_or(Json::Scalar(serde_json::Value::Null), |n| Json::Scalar(serde_json::Value::Number(n)))
        }
        other => json_scalar(other, field)?,
    })
}

/// Format unix seconds as `YYYY-MM-DDTHH:MM:SS` (UTC): the M4 `now` field.
pub fn format_utc(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    // Civil-from-days (H. Hinnant's algorithm), proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Whether `s` is a `YYYY-MM-DDTHH:MM:SS` time with every part in range.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    let part = |from: usize| s.get(from..from + 2).and_then(|p| p.parse::<u8>().ok()).unwrap_or(99);
    shape && (1..=12).contains(&part(5)) && (1..=31).contains(&part(8)) && part(11) < 24 && part(14) < 60 && part(17) < 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_format() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00");
        assert_eq!(format_utc(1_779_640_542), "2026-05-24T16:35:42");
        assert_eq!(format_utc(951_782_400), "2000-02-29T00:00:00");
        assert_eq!(format_utc(-1), "1969-12-31T23:59:59");
        assert!(is_timestamp(&format_utc(4_102_444_800)));
        assert!(!is_timestamp("2026-13-40T25:61:61"));
        assert!(!is_timestamp("2026-05-24 16:35:42"));
    }

    #[test]
    fn camel_to_snake() {
        assert_eq!(snake_case("shopPaymentId"), "shop_payment_id");
        assert_eq!(snake_case("shop_payment_id"), "shop_payment_id");
    }
}
