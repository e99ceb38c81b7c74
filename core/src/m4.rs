//! M4 (Withdraw Flow V1): the `sign` body field and callback verification.
//!
//! `sign = lowercase_hex(sha256(values of the method's signed fields, sorted by key, joined
//! by ":" + secret))` — the secret is appended with no separator (providers.md §1.2).

use crate::error::{Error, ErrorCode, Result};
use crate::recipe::{Fields, HashAlgorithm, Names, Output, Recipe, SecretPlacement};
use crate::secret::Secret;
use crate::value::{Params, Value};
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;

/// An M4 API method and the fields its signature covers (sorted by key).
#[derive(Debug)]
pub struct Method {
    /// The API path after the base URL, e.g. `"withdraw/create"`.
    pub path: &'static str,
    /// The signed fields, sorted by key (a unit test keeps them sorted).
    pub signed_fields: &'static [&'static str],
}

/// Every M4 method payoutkit signs. Sources: providers.md §1.3 (withdraw) and §1.11
/// (invoices); `invoice/hold` and `invoice/charge` come from the same platform's white-label
/// docs.
pub static METHODS: &[Method] = &[
    Method { path: "withdraw/try", signed_fields: &["amount", "amount_type", "payway", "shop_currency", "shop_id"] },
    Method { path: "check_account", signed_fields: &["account", "amount", "payway", "shop_id"] },
    Method {
        path: "withdraw/create",
        signed_fields: &["account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"],
    },
    Method { path: "withdraw/status", signed_fields: &["now", "shop_id", "withdraw_id"] },
    Method { path: "withdraw/shop_payment_status", signed_fields: &["now", "shop_id", "shop_payment_id"] },
    Method { path: "shop_output_config/shop", signed_fields: &["now", "shop_id"] },
    Method { path: "shop_balance", signed_fields: &["now", "shop_id"] },
    Method { path: "invoice/create", signed_fields: &["amount", "currency", "payway", "shop_id", "shop_order_id"] },
    Method { path: "invoice/try", signed_fields: &["amount", "currency", "payway", "shop_id", "shop_order_id"] },
    Method { path: "invoice/status", signed_fields: &["now", "shop_id", "shop_order_id"] },
    Method { path: "invoice/hold", signed_fields: &["amount", "currency", "payway", "shop_id", "shop_order_id"] },
    Method { path: "invoice/charge", signed_fields: &["invoice_id", "now", "shop_id"] },
];

/// The field that carries the signature in requests and callbacks.
pub const SIGN_FIELD: &str = "sign";

/// Look a method up by its API path.
pub fn method(path: &str) -> Result<&'static Method> {
    METHODS.iter().find(|m| m.path == path).ok_or_else(|| {
        // The argument is not echoed: with arguments swapped it could be the secret.
        let known: alloc::vec::Vec<&str> = METHODS.iter().map(|m| m.path).collect();
        Error::field(ErrorCode::UnknownMethod, "method", format!("unknown M4 method; known methods: {}", known.join(", ")))
    })
}

const fn m4_recipe(fields: Fields) -> Recipe {
    Recipe {
        fields,
        separator: Cow::Borrowed(":"),
        secret: SecretPlacement::Append,
        hash: HashAlgorithm::Sha256,
        output: Output::Hex,
        secret_name: "secret",
    }
}

/// The built-in recipe for a method's request signature.
pub fn recipe(path: &str) -> Result<Recipe> {
    Ok(m4_recipe(Fields::Sorted(Names::Static(method(path)?.signed_fields))))
}

/// The built-in recipe for callbacks: every field but `sign` that is not null and not `""`.
pub fn callback_recipe() -> Recipe {
    m4_recipe(Fields::AllNonEmpty { exclude: Names::Static(&[SIGN_FIELD]) })
}

/// The method's signed fields, sorted.
pub fn signed_fields(path: &str) -> Result<&'static [&'static str]> {
    Ok(method(path)?.signed_fields)
}

/// Sign a request: lowercase hex SHA-256. Extra keys in `params` are ignored.
pub fn sign<'a>(path: &str, params: impl Into<Params<'a>>, secret: &Secret) -> Result<String> {
    recipe(path)?.sign(params, secret)
}

/// The canonical line without the secret, for debugging a signature mismatch.
pub fn string_to_sign<'a>(path: &str, params: impl Into<Params<'a>>) -> Result<String> {
    recipe(path)?.string_to_sign(params)
}

/// Verify a callback (notification). `payload` is the raw body (text or bytes, JSON or
/// form-encoded) or an already decoded mapping. Every field except `sign` that is not null
/// and not `""` is signed; raw JSON numbers keep their exact text. Constant-time.
pub fn verify_callback(payload: &Value, secret: &Secret) -> Result<bool> {
    let owned;
    let fields = match payload {
        Value::Str(_) | Value::Bytes(_) => {
            owned = crate::payload::parse_flat(payload.as_body("payload")?)?;
            &owned
        }
        Value::Map(_) => payload,
        other => {
            return Err(crate::value::invalid_argument("payload", "the raw body (text or bytes) or a mapping", other));
        }
    };
    let sign = match fields.as_map("payload")?.get(SIGN_FIELD) {
        Some(Value::Str(s)) => s.clone(),
        Some(v) if !v.is_null_or_empty() => String::from(v.signed_text(SIGN_FIELD)?),
        _ => return Err(Error::field(ErrorCode::MissingField, SIGN_FIELD, "the callback has no `sign` field")),
    };
    callback_recipe().verify(fields, secret, &sign)
}

// ---------------------------------------------------------------------------------------
// Requests and responses (providers.md §1.1, §1.3, §1.6, §1.7).

use crate::http::{self, Kind, Outcome, Request};
use alloc::string::ToString;
use alloc::vec::Vec;

/// The production base URL (providers.md §1.1).
pub const DEFAULT_BASE_URL: &str = "https://api.m4solutions.io/gateway/v1";

/// A request builder: an endpoint's API path and the fields it sends unsigned.
#[derive(Debug)]
pub struct Endpoint {
    /// The builder's name (`withdraw_create`).
    pub name: &'static str,
    /// The API path, which is also the signing method (`withdraw/create`).
    pub path: &'static str,
    /// Fields sent but not signed (`account_details` is passed through as an object).
    pub unsigned: &'static [&'static str],
    /// The field a lone positional argument stands for.
    pub positional: Option<&'static str>,
}

/// The withdraw endpoints (providers.md §1.3).
pub static ENDPOINTS: &[Endpoint] = &[
    Endpoint { name: "withdraw_try", path: "withdraw/try", unsigned: &["account", "account_details"], positional: None },
    Endpoint { name: "check_account", path: "check_account", unsigned: &["account_details"], positional: None },
    Endpoint { name: "withdraw_create", path: "withdraw/create", unsigned: &["description", "account_details"], positional: None },
    Endpoint { name: "withdraw_status", path: "withdraw/status", unsigned: &[], positional: Some("withdraw_id") },
    Endpoint { name: "shop_payment_status", path: "withdraw/shop_payment_status", unsigned: &[], positional: Some("shop_payment_id") },
    Endpoint { name: "shop_output_config", path: "shop_output_config/shop", unsigned: &["payway"], positional: None },
    Endpoint { name: "shop_balance", path: "shop_balance", unsigned: &[], positional: None },
];

/// Payout statuses (providers.md §1.6): only 5 and 6 are final; any other status,
/// including undocumented ones (2, 7, 8 on the ancestor platform), keeps the payout pending.
pub static STATUSES: &[(i64, Kind, &str)] = &[
    (1, Kind::Pending, "created, awaiting processing"),
    (3, Kind::Pending, "sent to the payment system"),
    (4, Kind::Pending, "payout error on the payment-system side (not final)"),
    (5, Kind::Succeeded, "successfully completed"),
    (6, Kind::Rejected, "rejected by the payment system"),
    (9, Kind::Pending, "network error on the payment-system side (not final)"),
];

/// Error codes (providers.md §1.7): code, description, fatal. Codes 1-8 are fatal as the
/// M4 table prints them; the fatal column of 9 and above is not readable, and an unknown
/// code is never assumed fatal (the documented rule for non-fatal codes is to keep polling).
pub static ERRORS: &[(i64, &str, bool)] = &[
    (1, "payway has not been found", true),
    (2, "payway is not active", true),
    (3, "payway is not available", true),
    (4, "amount too small for the payway", true),
    (5, "amount too big for the payway", true),
    (6, "non-unique operation id from the shop", true),
    (7, "operation has not been found", true),
    (8, "operation is being processed", true),
    (9, "insufficient balance", false),
    (10, "incorrect request parameter", false),
    (11, "shop not found", false),
];

/// Error code 6: the `shop_payment_id` was used before, so the payout exists.
pub const ERROR_NOT_UNIQUE: i64 = 6;
/// Error code 7: no such operation (what a status lookup says for a payout never created).
pub const ERROR_NOT_FOUND: i64 = 7;
/// Error code 8: the operation is being processed, so it exists.
pub const ERROR_PROCESSING: i64 = 8;

/// Look up an endpoint by builder name.
pub fn endpoint(name: &str) -> Result<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.name == name).ok_or_else(|| {
        let known: Vec<&str> = ENDPOINTS.iter().map(|e| e.name).collect();
        Error::field(ErrorCode::UnknownMethod, "endpoint", format!("unknown M4 endpoint; known: {}", known.join(", ")))
    })
}

/// An M4 shop's credentials and base URL: builds signed requests.
#[derive(Clone, Debug)]
pub struct Client {
    shop_id: Value,
    secret: Secret,
    base_url: String,
}

impl Client {
    /// `shop_id` (integer or text), the account secret, and the base URL (null: production).
    pub fn new(shop_id: &Value, secret: Secret, base_url: &Value) -> Result<Self> {
        http::id_text(shop_id, "shop_id")?;
        let shop_id = match shop_id {
            // JS numbers: an integral float is an integer id.
            Value::Float(f) => Value::Int(*f as i128),
            other => other.clone(),
        };
        secret.check("secret")?;
        Ok(Client { shop_id, secret, base_url: http::base_url(base_url, Some(DEFAULT_BASE_URL))? })
    }

    /// The shop id as the client sends it.
    pub fn shop_id(&self) -> &Value {
        &self.shop_id
    }

    /// What identifies the account without the secret: shop id and base URL.
    pub fn fingerprint(&self) -> String {
        format!("{} {}", self.shop_id.signed_text("shop_id").unwrap_or_default(), self.base_url)
    }

    /// Build the signed request of endpoint `name` from `input` (a mapping of fields, or
    /// the identifying field alone). `now` defaults to `unix_now` formatted
    /// `YYYY-MM-DDTHH:MM:SS` (UTC).
    pub fn request(&self, name: &str, input: &Value, unix_now: i64) -> Result<Request> {
        let ep = endpoint(name)?;
        let mut fields = http::input_fields(input, ep.positional)?;
        let signed = signed_fields(ep.path)?;
        for own in ["shop_id", SIGN_FIELD] {
            if fields.get(own).is_some() {
                return Err(Error::field(ErrorCode::InvalidArgument, own, format!("`{own}` is set by the client, not per request")));
            }
        }
        http::reject_unknown(&fields, &[signed, ep.unsigned])?;
        fields.insert("shop_id", self.shop_id.clone());
        if signed.contains(&"now") {
            match fields.get("now") {
                None | Some(Value::Null) => fields.insert("now", http::format_utc(unix_now)),
                Some(Value::Str(s)) if http::is_timestamp(s) => {}
                Some(_) => {
                    return Err(Error::field(ErrorCode::InvalidValue, "now", "`now` must be UTC time formatted YYYY-MM-DDTHH:MM:SS"));
                }
            }
        }
        let fields = Value::Map(fields);
        let sign = recipe(ep.path)?.sign(&fields, &self.secret)?;
        let map = fields.as_map("fields")?;
        let mut body = Vec::with_capacity(signed.len() + ep.unsigned.len() + 1);
        for key in signed {
            body.push((key.to_string(), http::json_scalar(map.get(key).unwrap_or(&Value::Null), key)?));
        }
        for key in ep.unsigned {
            match (map.get(key), *key) {
                (None | Some(Value::Null), _) => {}
                (Some(v @ Value::Map(_)), "account_details") => {
                    body.push((key.to_string(), http::json_passthrough(v, key)?));
                }
                (Some(other), "account_details") => {
                    return Err(crate::value::invalid_argument("account_details", "a mapping", other));
                }
                (Some(v), _) => {
                    body.push((key.to_string(), http::json_scalar(v, key)?));
                }
            }
        }
        body.push((SIGN_FIELD.to_string(), http::Json::str(sign)));
        Ok(Request {
            method: "POST",
            url: format!("{}/{}", self.base_url, ep.path),
            headers: alloc::vec![("Content-Type", String::from("application/json"))],
            body: Some(http::Json::Object(body).text()?),
        })
    }
}

/// The error code of a classified M4 answer (sent as a number or as numeric text).
pub fn error_code(outcome: &Outcome) -> Option<i64> {
    int_of(&outcome.error_code)
}

fn int_of(v: &serde_json::Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// The kind of a payout status (unknown statuses are pending).
pub fn status_kind(status: i64) -> Kind {
    STATUSES.iter().find(|(s, _, _)| *s == status).map_or(Kind::Pending, |(_, k, _)| *k)
}

/// The kind of an error code: 7 is `not_found`, fatal codes `fatal_error`, any other
/// (unknown codes included) `retryable_error`.
pub fn error_kind(code: i64) -> Kind {
    match ERRORS.iter().find(|(c, _, _)| *c == code) {
        _ if code == ERROR_NOT_FOUND => Kind::NotFound,
        Some((_, _, true)) => Kind::FatalError,
        _ => Kind::RetryableError,
    }
}

/// Classify a response. The JSON envelope (`result`, `error_code`, `message`, `data`) is
/// read whatever the HTTP status (M4 answers some errors with 400, others with 200); a body
/// that is not an envelope is retryable unless a 4xx says the request itself is wrong.
pub fn classify(http_status: u16, body: &Value) -> Result<Outcome> {
    let json = http::json_body(body)?;
    let Some(envelope) = json.filter(|j| j.get("result").is_some_and(serde_json::Value::is_boolean)) else {
        let kind = match http_status {
            400..=499 if http_status != 408 && http_status != 429 => Kind::FatalError,
            _ => Kind::RetryableError,
        };
        return Ok(Outcome::new(kind, http_status, format!("no M4 response envelope (HTTP {http_status})")));
    };
    let message = envelope.get("message").and_then(|m| m.as_str()).unwrap_or("").to_string();
    let data = envelope.get("data").cloned().unwrap_or(serde_json::Value::Null);
    let code = envelope.get("error_code").and_then(int_of).unwrap_or(0);
    let mut out = Outcome::new(Kind::Succeeded, http_status, message);
    out.error_code = envelope.get("error_code").cloned().unwrap_or(serde_json::Value::Null);
    if envelope.get("result") == Some(&serde_json::Value::Bool(true)) && code == 0 {
        if let Some(status) = data.get("status").filter(|s| !s.is_null()) {
            out.kind = int_of(status).map_or(Kind::Pending, status_kind);
            out.status = status.clone();
        }
    } else {
        out.kind = if code == 0 { Kind::RetryableError } else { error_kind(code) };
        if out.message.is_empty() {
            out.message = ERRORS.iter().find(|(c, _, _)| *c == code).map_or("M4 error", |(_, d, _)| d).to_string();
        }
    }
    out.data = data;
    Ok(out)
}
