//! Sans-IO HTTP values: the [`Request`] a builder returns, the [`Outcome`] a response is
//! classified as, and the small URL/JSON helpers the builders share.

use crate::error::{Error, ErrorCode, Result};
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

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

/// Whether a header (any case) carries a credential.
pub(crate) fn is_credential_header(name: &str) -> bool {
    CREDENTIAL_HEADERS.iter().any(|c| c.eq_ignore_ascii_case(name))
}

impl fmt::Debug for Request {
    /// Credentials print as `***` and card numbers masked 6+4: a logged request never
    /// carries either (the `body` field itself is exact).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (*k, if CREDENTIAL_HEADERS.contains(k) { "***" } else { v.as_str() }))
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &mask_card_numbers(&self.url))
            .field("headers", &headers)
            .field("body", &self.body.as_deref().map(mask_card_numbers))
            .finish()
    }
}

impl Request {
    /// A request.
    pub fn new(method: &'static str, url: String, headers: Vec<(&'static str, String)>, body: Option<String>) -> Self {
        Request { method, url, headers, body }
    }

    /// The request as a printout shows it: credentials as `***`, card numbers masked 6+4.
    pub fn redacted(&self) -> Value {
        let headers: Map =
            self.headers.iter().map(|(k, v)| (*k, if CREDENTIAL_HEADERS.contains(k) { "***" } else { v.as_str() })).collect();
        Value::Map(
            Map::new()
                .with("method", self.method)
                .with("url", mask_card_numbers(&self.url).into_owned())
                .with("headers", headers)
                .with("body", self.body.as_deref().map_or(Value::Null, |b| Value::from(mask_card_numbers(b).into_owned()))),
        )
    }

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
    /// The provider already has a payout with this id (M4 errors 6 and 8, a Corefy 409
    /// without the invoice): it exists; look it up, never create it again.
    Duplicate,
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
        &[Kind::Succeeded, Kind::Rejected, Kind::Pending, Kind::Duplicate, Kind::NotFound, Kind::FatalError, Kind::RetryableError];

    /// The stable snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Succeeded => "succeeded",
            Kind::Rejected => "rejected",
            Kind::Pending => "pending",
            Kind::Duplicate => "duplicate",
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

/// A classified response. Its `Debug` masks card numbers in `data` (provider answers echo
/// them: exotic's status carries `number_card`).
#[derive(Clone, PartialEq)]
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

    /// The outcome as a printout shows it: card numbers in `data` and `message` masked 6+4.
    pub fn redacted(&self) -> Value {
        let mut out = self.clone();
        out.data = mask_json(&self.data);
        out.message = mask_card_numbers(&self.message).into_owned();
        out.to_value()
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

impl fmt::Debug for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outcome")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("error_code", &self.error_code)
            .field("message", &mask_card_numbers(&self.message))
            .field("data", &mask_json(&self.data))
            .field("http_status", &self.http_status)
            .finish()
    }
}

/// `text` with every run of 13 to 19 digits that passes the Luhn check masked to its first
/// 6 and last 4 digits (`4111111111111111` -> `411111******1111`): PCI DSS forbids full card
/// numbers in logs. Other digits (amounts, ids) are left as they are.
pub fn mask_card_numbers(text: &str) -> alloc::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let run = text.get(start..i).unwrap_or_default();
        if (13..=19).contains(&run.len()) && crate::validate::luhn_valid(run) {
            let o = out.get_or_insert_with(|| String::from(text.get(..start).unwrap_or_default()));
            o.push_str(run.get(..6).unwrap_or_default());
            o.extend(core::iter::repeat_n('*', run.len() - 10));
            o.push_str(run.get(run.len() - 4..).unwrap_or_default());
        } else if let Some(o) = out.as_mut() {
            o.push_str(run);
        }
        if let Some(o) = out.as_mut() {
            let next = (i..bytes.len()).find(|j| bytes.get(*j).is_some_and(u8::is_ascii_digit)).unwrap_or(bytes.len());
            o.push_str(text.get(i..next).unwrap_or_default());
            i = next;
        }
    }
    out.map_or(alloc::borrow::Cow::Borrowed(text), alloc::borrow::Cow::Owned)
}

/// JSON with card numbers masked in every string (and in numbers written as a card number).
fn mask_json(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        J::String(s) => J::String(mask_card_numbers(s).into_owned()),
        J::Number(n) => {
            let text = n.to_string();
            match mask_card_numbers(&text) {
                alloc::borrow::Cow::Owned(masked) => J::String(masked),
                alloc::borrow::Cow::Borrowed(_) => v.clone(),
            }
        }
        J::Array(items) => J::Array(items.iter().map(mask_json).collect()),
        J::Object(o) => J::Object(o.iter().map(|(k, v)| (k.clone(), mask_json(v))).collect()),
        other => other.clone(),
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

}
