//! Corefy platform (MilkyPay): callback `X-Signature` and BasicAuth.
//!
//! `X-Signature = base64(sha1_raw(secret + raw_body + secret))` (providers.md §3.5).

use crate::error::{Error, ErrorCode, Result};
use crate::recipe::{Fields, HashAlgorithm, Output, Recipe, SecretPlacement};
use crate::secret::Secret;
use crate::value::Value;
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use base64::Engine as _;

/// The header that carries the callback signature.
pub const SIGNATURE_HEADER: &str = "X-Signature";

/// The built-in callback recipe.
pub const fn callback_recipe() -> Recipe {
    Recipe {
        fields: Fields::RawBody,
        separator: Cow::Borrowed(""),
        secret: SecretPlacement::Wrap,
        hash: HashAlgorithm::Sha1,
        output: Output::Base64,
        secret_name: "secret",
    }
}

/// The `X-Signature` value for a raw body (text or bytes).
pub fn callback_signature(body: &Value, secret: &Secret) -> Result<String> {
    callback_recipe().sign(body, secret)
}

/// Check an `X-Signature` header against the raw body, in constant time. Whitespace around
/// the header value is ignored; a malformed header is `false`.
pub fn verify_callback(body: &Value, signature: &str, secret: &Secret) -> Result<bool> {
    callback_recipe().verify(body, secret, signature)
}

/// The `Authorization` header for the private API: `Basic base64(account_id:api_key)`.
pub fn basic_auth(account_id: &str, api_key: &Secret) -> Result<String> {
    if account_id.is_empty() || account_id.contains(':') {
        // RFC 7617: the user-id cannot contain a colon; an empty one is a config mistake.
        return Err(Error::field(
            ErrorCode::InvalidValue,
            "account_id",
            "`account_id` must be non-empty and cannot contain `:`",
        ));
    }
    let key = api_key.check("api_key")?.as_str();
    let creds = zeroize::Zeroizing::new(format!("{account_id}:{key}"));
    Ok(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(creds.as_bytes())))
}

// ---------------------------------------------------------------------------------------
// Requests, responses and callbacks (providers.md §3.1-§3.5).

use crate::http::{self, Json, Kind, Outcome, Request};
use crate::value::Map;
use alloc::string::ToString;
use alloc::vec::Vec;
use serde_json::value::RawValue;

/// The builders: name and the field a lone positional argument stands for.
pub static ENDPOINTS: &[(&str, Option<&str>)] = &[
    ("payout_prerequest", None),
    ("payout_services", None),
    ("payout_service", Some("id")),
    ("create_payout_invoice", None),
    ("process_payout_invoice", Some("id")),
    ("get_payout_invoice", Some("id")),
    ("find_payout_invoice", Some("reference_id")),
    ("list_payout_invoices", None),
];

/// `create_payout_invoice` attributes (providers.md §3.2): required, then optional.
pub static CREATE_REQUIRED: &[&str] = &["reference_id", "service", "currency", "amount", "fields"];
/// Optional `create_payout_invoice` attributes, passed through.
pub static CREATE_OPTIONAL: &[&str] =
    &["test_mode", "callback_url", "description", "context", "options", "customer", "metadata"];

/// Payout-invoice statuses (providers.md §3.3). `processed` is success; only statuses in
/// which no money moved are `rejected`. `partially_canceled` and `cancel_failed` are final
/// but money (partly) left: `succeeded`, so nobody pays again on their account; the status
/// says which. `process_error` and `cancel_error` (blank in the table) stay pending.
pub static STATUSES: &[(&str, Kind)] = &[
    ("created", Kind::Pending),
    ("expired", Kind::Rejected),
    ("terminated", Kind::Rejected),
    ("processing", Kind::Pending),
    ("process_pending", Kind::Pending),
    ("processed", Kind::Succeeded),
    ("partially_processed", Kind::Pending),
    ("process_error", Kind::Pending),
    ("process_failed", Kind::Rejected),
    ("canceling", Kind::Pending),
    ("cancel_pending", Kind::Pending),
    ("partially_canceled", Kind::Succeeded),
    ("canceled", Kind::Rejected),
    ("cancel_error", Kind::Pending),
    ("cancel_failed", Kind::Succeeded),
];

/// HTTP status directives (providers.md §3.4) for statuses without an invoice body.
pub static HTTP_DIRECTIVES: &[(u16, Kind, &str)] = &[
    (400, Kind::FatalError, "bad request: look the transaction up; if it does not exist, it was not created"),
    (401, Kind::FatalError, "unauthorized: check the credentials; nothing was created"),
    (403, Kind::FatalError, "forbidden: check the credentials; nothing was created"),
    (404, Kind::NotFound, "not found"),
    (405, Kind::FatalError, "method not allowed; nothing was created"),
    (409, Kind::Pending, "duplicate: the body is the invoice created before"),
    (422, Kind::FatalError, "the request is invalid; nothing was created"),
    (408, Kind::RetryableError, "request time-out: look the transaction up before creating it again"),
    (429, Kind::RetryableError, "too many requests"),
    (500, Kind::RetryableError, "server error: look the transaction up before creating it again"),
    (502, Kind::RetryableError, "bad gateway: look the transaction up before creating it again"),
    (503, Kind::RetryableError, "unavailable: look the transaction up before creating it again"),
    (504, Kind::RetryableError, "gateway time-out: look the transaction up before creating it again"),
];

/// A commerce account's credentials: builds private-API requests (BasicAuth) and the
/// public pre-request (public key in the body).
#[derive(Clone, Debug)]
pub struct Client {
    account_id: String,
    authorization: Secret,
    base_url: String,
    public_key: Option<String>,
}

/// An amount as a JSON number with the exact decimal text given (`"100.50"` -> `100.50`).
fn amount_number(v: &Value) -> Result<Json> {
    let text = match v {
        Value::Null => return Err(Error::field(ErrorCode::MissingField, "amount", "`amount` is missing")),
        other => other.signed_text("amount")?,
    };
    let plain = text.strip_prefix('-').unwrap_or(&text);
    let digits_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = match plain.split_once('.') {
        Some((i, f)) => digits_ok(i) && digits_ok(f),
        None => digits_ok(plain),
    };
    if !well_formed || text.starts_with('-') || plain.trim_start_matches(['0', '.']).is_empty() {
        return Err(Error::field(ErrorCode::InvalidAmount, "amount", "`amount` must be a positive decimal number such as 100.55"));
    }
    RawValue::from_string(text.into_owned())
        .map(Json::Raw)
        .map_err(|_| Error::field(ErrorCode::InvalidAmount, "amount", "`amount` is not a JSON number"))
}

impl Client {
    /// The public API's base: Corefy's own domain serves the private API under `/api` and the
    /// public one under `/public-api` (providers.md §3.1); white labels such as MilkyPay and
    /// Paymega put both at the root, so any other base is used as it is.
    fn public_base_url(&self) -> String {
        match self.base_url.strip_suffix("/api") {
            Some(host) => format!("{host}/public-api"),
            None => self.base_url.clone(),
        }
    }

    /// `account_id` and `api_key` form the BasicAuth header; `public_key` (optional) is for
    /// the public pre-request.
    pub fn new(account_id: &Value, api_key: Secret, base_url: &Value, public_key: &Value) -> Result<Self> {
        let account_id = account_id.as_text("account_id")?.to_string();
        let authorization = Secret::new(basic_auth(&account_id, &api_key)?);
        let public_key = match public_key {
            Value::Null => None,
            other => Some(other.as_text("public_key")?.to_string()),
        };
        Ok(Client { account_id, authorization, base_url: http::base_url(base_url, None)?, public_key })
    }

    /// What identifies the account without the key: account id and base URL.
    pub fn fingerprint(&self) -> String {
        format!("{} {}", self.account_id, self.base_url)
    }

    fn private(&self, method: &'static str, path: &str, body: Option<String>) -> Request {
        let mut headers = alloc::vec![("Authorization", String::from(self.authorization.as_str())), ("Accept", String::from("application/json"))];
        if body.is_some() {
            headers.push(("Content-Type", String::from("application/json")));
        }
        Request { method, url: format!("{}{path}", self.base_url), headers, body }
    }

    /// Build a request for endpoint `name` from `input` (a mapping of fields, or the
    /// identifying field alone).
    pub fn request(&self, name: &str, input: &Value) -> Result<Request> {
        let positional = ENDPOINTS.iter().find(|(n, _)| *n == name).map(|(_, p)| *p).ok_or_else(|| {
            let known: Vec<&str> = ENDPOINTS.iter().map(|(n, _)| *n).collect();
            Error::field(ErrorCode::UnknownMethod, "endpoint", format!("unknown Corefy endpoint; known: {}", known.join(", ")))
        })?;
        let f = http::input_fields(input, positional)?;
        let id = |key: &'static str| -> Result<String> {
            http::reject_unknown(&f, &[&[key]])?;
            Ok(http::encode(&http::id_text(f.get(key).unwrap_or(&Value::Null), key)?))
        };
        Ok(match name {
            "payout_prerequest" => {
                http::reject_unknown(&f, &[&["currency", "amount"]])?;
                let public_key = self.public_key.as_deref().ok_or_else(|| {
                    Error::field(ErrorCode::NotConfigured, "public_key", "the pre-request needs the account's public key")
                })?;
                let currency = http::json_scalar(f.get("currency").unwrap_or(&Value::Null), "currency")?;
                let attrs = [
                    (String::from("currency"), currency),
                    (String::from("amount"), amount_number(f.get("amount").unwrap_or(&Value::Null))?),
                    (String::from("public_key"), Json::str(public_key)),
                ];
                let body = Json::Object(attrs.into()).text()?;
                Request {
                    method: "POST",
                    url: format!("{}/payout-prerequest", self.public_base_url()),
                    headers: alloc::vec![("Content-Type", String::from("application/json"))],
                    body: Some(body),
                }
            }
            "payout_services" | "list_payout_invoices" => {
                http::reject_unknown(&f, &[&["page", "filter"]])?;
                let path = if name == "payout_services" { "/payout-services" } else { "/payout-invoices" };
                self.private("GET", &format!("{path}{}", query(&f)?), None)
            }
            "payout_service" => self.private("GET", &format!("/payout-services/{}", id("id")?), None),
            "process_payout_invoice" => self.private("POST", &format!("/payout-invoices/{}/process", id("id")?), None),
            "get_payout_invoice" => self.private("GET", &format!("/payout-invoices/{}", id("id")?), None),
            "find_payout_invoice" => self.private("GET", &format!("/payout-invoices?filter%5Breference_id%5D={}", id("reference_id")?), None),
            _ => self.private("POST", "/payout-invoices", Some(create_body(&f)?)),
        })
    }
}

/// `?page%5Bnumber%5D=2&filter%5Bstatus%5D=processed` from `{page: {...}, filter: {...}}`.
fn query(f: &Map) -> Result<String> {
    let mut parts = Vec::new();
    for group in ["page", "filter"] {
        match f.get(group) {
            None | Some(Value::Null) => {}
            Some(Value::Map(m)) => {
                for (k, v) in m.iter() {
                    parts.push(format!("{}={}", http::encode(&format!("{group}[{k}]")), http::encode(&v.signed_text(k)?)));
                }
            }
            Some(other) => return Err(crate::value::invalid_argument(if group == "page" { "page" } else { "filter" }, "a mapping", other)),
        }
    }
    Ok(if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) })
}

fn create_body(f: &Map) -> Result<String> {
    http::reject_unknown(f, &[CREATE_REQUIRED, CREATE_OPTIONAL])?;
    let mut attrs = Vec::with_capacity(f.len());
    for key in CREATE_REQUIRED.iter().chain(CREATE_OPTIONAL) {
        let value = f.get(key).unwrap_or(&Value::Null);
        let attr = match *key {
            "amount" => amount_number(value)?,
            _ if value.is_null_or_empty() && CREATE_REQUIRED.contains(key) => {
                return Err(Error::field(ErrorCode::MissingField, *key, format!("`{key}` is missing")));
            }
            _ if matches!(value, Value::Null) => continue,
            "fields" | "context" | "options" | "customer" | "metadata" => match value {
                Value::Map(_) => http::json_passthrough(value, key)?,
                other => return Err(crate::value::invalid_argument(key, "a mapping", other)),
            },
            "test_mode" => match value {
                Value::Bool(b) => Json::Scalar(serde_json::Value::Bool(*b)),
                other => return Err(crate::value::invalid_argument(key, "true or false", other)),
            },
            _ => http::json_scalar(value, key)?,
        };
        attrs.push((key.to_string(), attr));
    }
    // Serialised by hand: the amount is a raw number (its exact text), which
    // serde_json::Value cannot hold.
    let invoice = Json::Object(alloc::vec![
        (String::from("type"), Json::str("payout-invoice")),
        (String::from("attributes"), Json::Object(attrs)),
    ]);
    Json::Object(alloc::vec![(String::from("data"), invoice)]).text()
}

/// The kind of an invoice status text (unknown statuses are pending).
pub fn status_kind(status: &str) -> Kind {
    STATUSES.iter().find(|(s, _)| *s == status).map_or(Kind::Pending, |(_, k)| *k)
}

/// Classify a response. A body carrying an invoice (`data` object, or the first item of a
/// `data` list such as `find_payout_invoice` returns) follows the status table, also on 409
/// (the duplicate's body is the invoice created before); an empty list is `not_found`;
/// otherwise the HTTP directives decide.
pub fn classify(http_status: u16, body: &Value) -> Result<Outcome> {
    Ok(classify_json(http_status, http::json_body(body)?))
}

/// [`classify`] for the answer to `find_payout_invoice(reference)`: only the invoice with
/// that `reference_id` counts (a server that ignored the filter must not hand the flow
/// another payout), an empty list is `not_found`, and a 404 is not: it means the search
/// endpoint is missing, not the invoice.
pub fn classify_for_reference(http_status: u16, body: &Value, reference: &str) -> Result<Outcome> {
    let json = http::json_body(body)?;
    let items = match json.as_ref().and_then(|j| j.get("data")) {
        Some(serde_json::Value::Array(items)) if (200..=299).contains(&http_status) => items.clone(),
        _ => {
            let mut out = classify_json(http_status, json);
            if out.kind == Kind::NotFound {
                out.kind = Kind::RetryableError;
                out.message = String::from("HTTP 404 from the invoice search: the endpoint, not the invoice, is missing");
            }
            return Ok(out);
        }
    };
    let text = |v: &serde_json::Value| v.as_str().map(String::from).or_else(|| v.as_i64().map(|i| i.to_string()));
    let mine = items.iter().find(|i| i.pointer("/attributes/reference_id").and_then(text).as_deref() == Some(reference));
    Ok(match mine {
        Some(item) => classify_json(http_status, Some(serde_json::json!({ "data": item }))),
        None if items.is_empty() => classify_json(http_status, json),
        None => Outcome::new(Kind::RetryableError, http_status, "the invoice search answered only other invoices"),
    })
}

fn classify_json(http_status: u16, json: Option<serde_json::Value>) -> Outcome {
    let data = json.as_ref().and_then(|j| j.get("data"));
    let invoice = match data {
        Some(serde_json::Value::Array(items)) => items.first(),
        other => other,
    };
    // The private API wraps the invoice (`data.attributes.status`); the public API answers a
    // flat invoice (`status` at the top, providers.md §3.2), which must not pass as "ok".
    let status = match (invoice, json.as_ref()) {
        (Some(i), _) => i.pointer("/attributes/status"),
        (None, Some(j)) => j.get("status"),
        (None, None) => None,
    }
    .and_then(|s| s.as_str());
    let directive = HTTP_DIRECTIVES.iter().find(|(c, _, _)| *c == http_status);
    let mut out = Outcome::new(Kind::RetryableError, http_status, "");
    match (status, data) {
        (Some(s), _) if matches!(http_status, 200..=299 | 409) => {
            out.kind = status_kind(s);
            out.status = serde_json::Value::String(s.to_string());
            out.message = if http_status == 409 { format!("duplicate; invoice status {s}") } else { format!("invoice status {s}") };
        }
        (None, Some(serde_json::Value::Array(items))) if items.is_empty() && matches!(http_status, 200..=299) => {
            out.kind = Kind::NotFound;
            out.message = String::from("no matching invoice");
        }
        (None, _) if matches!(http_status, 200..=299) && json.is_some() => {
            out.kind = if http_status == 202 { Kind::Pending } else { Kind::Succeeded };
            out.message = String::from("ok");
        }
        _ => {
            out.kind = match (directive, http_status) {
                (Some((_, k, _)), _) => *k,
                (None, 400..=499) => Kind::FatalError,
                _ => Kind::RetryableError,
            };
            let first_error = json.as_ref().and_then(|j| j.pointer("/errors/0"));
            out.error_code = first_error.and_then(|e| e.get("code")).cloned().unwrap_or(serde_json::Value::Null);
            let provider_message = first_error
                .and_then(|e| e.get("detail").or_else(|| e.get("title")).or_else(|| e.get("status")))
                .and_then(|m| m.as_str())
                .map(String::from)
                .or_else(|| json.as_ref().and_then(|j| j.get("errors")).filter(|e| e.is_object()).map(|e| e.to_string()));
            out.message = provider_message
                .or_else(|| directive.map(|(_, _, m)| m.to_string()))
                .unwrap_or_else(|| format!("HTTP {http_status}"));
        }
    }
    out.data = invoice.cloned().unwrap_or(serde_json::Value::Null);
    out
}

/// Invoice attributes copied into a callback event (numbers as the exact text sent).
pub static CALLBACK_ATTRIBUTES: &[&str] = &[
    "status", "resolution", "reference_id", "amount", "payout_amount", "currency", "service_amount", "service_currency",
    "processed_amount", "fee", "test_mode", "created", "updated",
];

/// Parse a callback body (the raw JSON:API invoice) into an event: `id`, `type`, the
/// invoice attributes (numbers as the exact text sent, absent ones null) and `kind`.
/// Strict: duplicate keys at any level are errors. Verify `X-Signature` with
/// [`verify_callback`] first.
pub fn parse_callback(body: &Value) -> Result<Value> {
    let root = crate::payload::parse_json_object(body.as_body("body")?)?;
    let data = match root.get("data") {
        Some(Value::Map(m)) => m,
        _ => return Err(Error::field(ErrorCode::MissingField, "data", "the callback has no `data` object")),
    };
    let empty = Map::new();
    let attributes = match data.get("attributes") {
        Some(Value::Map(m)) => m,
        _ => &empty,
    };
    let picks: Vec<(&'static str, &Map)> =
        [("id", data), ("type", data)].into_iter().chain(CALLBACK_ATTRIBUTES.iter().map(|k| (*k, attributes))).collect();
    http::event(&picks, &["id", "status"], status_kind)
}
