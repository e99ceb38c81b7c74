//! exotic.company pay-out API: the `create_pay_out` signature.
//!
//! `sign = lowercase_hex(sha256("order_id:fiat_amount:<requisite>:fiat_currency:sign_key"))`,
//! the requisite picked by `payment_method` (providers.md §2.3).

use crate::error::{Error, ErrorCode, Result};
use crate::recipe::{Fields, HashAlgorithm, Names, Output, Recipe, SecretPlacement};
use crate::secret::Secret;
use crate::value::{FieldValue, Params, Value};
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;

/// A payout method and the field that carries its requisite.
#[derive(Debug)]
pub struct PaymentMethod {
    /// The `payment_method` value.
    pub name: &'static str,
    /// The requisite field signed for it.
    pub requisite: &'static str,
    /// The signed fields in order.
    pub signed_fields: &'static [&'static str],
}

macro_rules! methods {
    ($($name:literal => $req:literal),* $(,)?) => {
        /// The payout methods (providers.md §2.2) and their requisite fields.
        pub static PAYMENT_METHODS: &[PaymentMethod] = &[$(
            PaymentMethod { name: $name, requisite: $req, signed_fields: &["order_id", "fiat_amount", $req, "fiat_currency"] },
        )*];
    };
}
methods! {
    "card" => "number_card",
    "sbp" => "phone_number",
    "score" => "number_score",
    "iban" => "iban_number",
}

/// Look up a payout method by the `payment_method` field of `params`.
pub fn payment_method<'a>(params: impl Into<Params<'a>>) -> Result<&'static PaymentMethod> {
    let pm = match params.into().get("params", "payment_method")? {
        None | Some(FieldValue::Null) => {
            return Err(Error::field(ErrorCode::MissingField, "payment_method", "`payment_method` is missing"));
        }
        Some(v) => v,
    };
    let name = match pm {
        FieldValue::Str(s) => s,
        _ => "",
    };
    PAYMENT_METHODS.iter().find(|m| m.name == name).ok_or_else(|| {
        Error::field(
            ErrorCode::InvalidValue,
            "payment_method",
            format!("`payment_method` must be one of card, sbp, score, iban (got {})", pm.type_name()),
        )
    })
}

/// The built-in recipe for one payout method.
pub fn recipe(method: &PaymentMethod) -> Recipe {
    Recipe {
        fields: Fields::Listed(Names::Static(method.signed_fields)),
        separator: Cow::Borrowed(":"),
        secret: SecretPlacement::AppendWithSeparator,
        hash: HashAlgorithm::Sha256,
        output: Output::Hex,
        secret_name: "sign_key",
    }
}

/// Sign a `create_pay_out` request. Extra keys are ignored.
pub fn sign_payout<'a>(params: impl Into<Params<'a>>, sign_key: &Secret) -> Result<String> {
    let params = params.into();
    recipe(payment_method(params)?).sign(params, sign_key)
}

/// The canonical line without the sign key.
pub fn string_to_sign<'a>(params: impl Into<Params<'a>>) -> Result<String> {
    let params = params.into();
    recipe(payment_method(params)?).string_to_sign(params)
}

// ---------------------------------------------------------------------------------------
// Requests, responses and callbacks (providers.md §2.1, §2.2, §2.5-§2.7).

use crate::http::{self, Json, Kind, Outcome, Request};
use crate::value::Map;
use crate::validate::Validator;
use alloc::string::ToString;

/// Every `create_pay_out` field (providers.md §2.2); `sign` is computed.
pub static CREATE_FIELDS: &[&str] = &[
    "order_id", "payment_method", "fiat_amount", "fiat_currency", "timeout", "number_score", "number_card", "phone_number",
    "iban_number", "bank_name", "bik", "full_name", "success_callback_url", "error_callback_url", "customer", "order_description",
];

/// The builders: name and the field a lone positional argument stands for.
pub static ENDPOINTS: &[(&str, Option<&str>)] =
    &[("create_pay_out", None), ("status_pay_out", Some("pay_out_id")), ("rejected_pay_out", Some("order_id"))];

/// Payout statuses of the status request and the callback (providers.md §2.5, §2.6);
/// unknown statuses are pending.
pub static STATUSES: &[(&str, Kind)] = &[
    ("expectation", Kind::Pending),
    ("successful", Kind::Succeeded),
    ("rejected_timeout", Kind::Rejected),
    ("rejected_merchant", Kind::Rejected),
    ("rejected_gate", Kind::Rejected),
];

/// Error texts the pay-out page names (providers.md §2.2): the payout was not created.
pub static ERROR_TEXTS: &[(&str, Kind)] = &[
    ("overloading requisite", Kind::FatalError),
    ("low balance", Kind::FatalError),
    ("this payment method is disabled for your merchant", Kind::FatalError),
];

/// A merchant's credentials: builds `create_pay_out`, `status_pay_out` and
/// `rejected_pay_out` requests.
#[derive(Clone, Debug)]
pub struct Client {
    merchant: String,
    sign_key: Secret,
    api_key: Secret,
    base_url: String,
    standart_sign: Option<Recipe>,
}

impl Client {
    /// `merchant` is the path segment of the merchant; `standart_sign` the recipe for the
    /// undocumented `standart_sign` (without one, `rejected_pay_out` is `not_configured`).
    pub fn new(merchant: &Value, sign_key: Secret, api_key: Secret, base_url: &Value, standart_sign: Option<Recipe>) -> Result<Self> {
        let merchant = http::id_text(merchant, "merchant")?;
        sign_key.check("sign_key")?;
        api_key.check("api_key")?;
        Ok(Client { merchant, sign_key, api_key, base_url: http::base_url(base_url, None)?, standart_sign })
    }

    fn url(&self, action: &str, id: Option<&str>) -> String {
        let base = format!("{}/api/merchant/{}/{action}/", self.base_url, http::encode(&self.merchant));
        match id {
            Some(id) => format!("{base}{}/", http::encode(id)),
            None => base,
        }
    }

    /// What identifies the merchant without the keys: merchant and base URL.
    pub fn fingerprint(&self) -> String {
        format!("{} {}", self.merchant, self.base_url)
    }

    /// Build a request: `create_pay_out` (fields checked with [`Validator::for_exotic`]
    /// and sent as normalised there), `status_pay_out` (GET with `X-Api-Key`) or
    /// `rejected_pay_out` (needs the `standart_sign` recipe).
    pub fn request(&self, name: &str, input: &Value) -> Result<Request> {
        let positional = ENDPOINTS.iter().find(|(n, _)| *n == name).map(|(_, p)| *p).ok_or_else(|| {
            Error::field(ErrorCode::UnknownMethod, "endpoint", "unknown exotic endpoint; known: create_pay_out, status_pay_out, rejected_pay_out")
        })?;
        let fields = http::input_fields(input, positional)?;
        let content_type = ("Content-Type", String::from("application/json"));
        match name {
            "create_pay_out" => Ok(Request {
                method: "POST",
                url: self.url("create_pay_out", None),
                headers: alloc::vec![content_type],
                body: Some(self.create_body(&fields)?.text()?),
            }),
            "status_pay_out" => {
                http::reject_unknown(&fields, &[&["pay_out_id"]])?;
                let id = http::id_text(fields.get("pay_out_id").unwrap_or(&Value::Null), "pay_out_id")?;
                let key = String::from(self.api_key.as_str());
                Ok(Request { method: "GET", url: self.url("status_pay_out", Some(&id)), headers: alloc::vec![content_type, ("X-Api-Key", key)], body: None })
            }
            _ => {
                http::reject_unknown(&fields, &[&["order_id"]])?;
                let recipe = self.standart_sign.as_ref().ok_or_else(|| {
                    Error::field(
                        ErrorCode::NotConfigured,
                        "standart_sign",
                        "`standart_sign` is undocumented: configure its recipe (a Recipe spec) once exotic gives a worked example",
                    )
                })?;
                let order_id = fields.get("order_id").unwrap_or(&Value::Null);
                http::id_text(order_id, "order_id")?;
                let params = Value::Map(Map::new().with("order_id", order_id.clone()));
                let sign = recipe.sign(&params, &self.sign_key)?;
                Ok(Request {
                    method: "POST",
                    url: self.url("rejected_pay_out", None),
                    headers: alloc::vec![content_type],
                    body: Some(Json::Object(alloc::vec![(String::from("order_id"), http::json_scalar(order_id, "order_id")?), (String::from("standart_sign"), Json::str(sign))]).text()?),
                })
            }
        }
    }

    fn create_body(&self, fields: &Map) -> Result<Json> {
        http::reject_unknown(fields, &[CREATE_FIELDS])?;
        let method = payment_method(&Value::Map(fields.clone()))?;
        let report = Validator::for_exotic(method.name)?.validate(&Value::Map(fields.clone()), "en", false)?;
        if let Some(e) = report.errors.first() {
            let code = if e.code == "required" { ErrorCode::MissingField } else { ErrorCode::InvalidValue };
            return Err(Error::field(code, e.field.clone(), e.message.clone()));
        }
        // Send (and sign) the values as the validator normalised them: "+7 916 123-45-67"
        // goes out as "79161234567".
        let mut sent = Map::with_capacity(fields.len() + 1);
        let mut body = alloc::vec::Vec::with_capacity(fields.len() + 1);
        for (key, value) in fields.iter() {
            // An integer the validator left unchanged keeps its JSON type.
            let value = match report.values.get(key) {
                Some(Value::Str(n)) if value.signed_text(key).is_ok_and(|t| t == n.as_str()) => value,
                Some(normalised) => normalised,
                None => value,
            };
            if !value.is_null_or_empty() {
                body.push((key.to_string(), http::json_scalar(value, key)?));
                sent.insert(key, value.clone());
            }
        }
        body.push(("sign".to_string(), Json::str(sign_payout(&Value::Map(sent), &self.sign_key)?)));
        Ok(Json::Object(body))
    }
}

/// The kind of a status text (unknown statuses are pending).
pub fn status_kind(status: &str) -> Kind {
    STATUSES.iter().find(|(s, _)| *s == status).map_or(Kind::Pending, |(_, k)| *k)
}

/// Classify a response of any exotic endpoint (or a callback body with status 200). A
/// body with a `status` follows the status table; the page's known error texts mean the
/// payout was not created; otherwise the HTTP status decides (404 `not_found`, other 4xx
/// fatal, 408/429/5xx retryable). A 2xx body without a status is an accepted payout.
pub fn classify(http_status: u16, body: &Value) -> Result<Outcome> {
    let json = http::json_body(body)?;
    let text = match body {
        Value::Null => "",
        other => core::str::from_utf8(other.as_body("body")?).unwrap_or(""),
    };
    let lower = text.to_ascii_lowercase();
    let status = json.as_ref().and_then(|j| j.get("status")).and_then(|s| s.as_str()).map(String::from);
    // An accepted payout (an id or a status in a 2xx) is never read as an error, whatever
    // words it contains ("warning: low balance after this payout").
    let accepted = (200..=299).contains(&http_status)
        && (status.is_some() || json.as_ref().is_some_and(|j| j.get("internal_transaction_id").is_some()));
    let known_error = ERROR_TEXTS.iter().find(|(t, _)| !accepted && lower.contains(t));
    let mut out = Outcome::new(Kind::RetryableError, http_status, "");
    out.kind = match (&status, known_error, http_status) {
        (_, _, 500..=599 | 408 | 429 | 0) => Kind::RetryableError,
        (Some(s), _, 200..=299) => status_kind(s),
        (_, Some((_, kind)), _) => *kind,
        (None, None, 200..=299) if json.as_ref().is_some_and(serde_json::Value::is_object) => Kind::Pending,
        (_, _, 404) => Kind::NotFound,
        (_, _, 400..=499) => Kind::FatalError,
        _ => Kind::RetryableError,
    };
    out.message = match (known_error, &status) {
        (Some((t, _)), _) => t.to_string(),
        (None, Some(s)) => format!("payout status {s}"),
        (None, None) if out.kind == Kind::Pending => String::from("payout accepted"),
        _ => format!("HTTP {http_status}"),
    };
    // A status counts (and is reported) only in a 2xx answer.
    out.status = status.filter(|_| (200..=299).contains(&http_status)).map_or(serde_json::Value::Null, serde_json::Value::String);
    out.data = json.unwrap_or(serde_json::Value::Null);
    Ok(out)
}

/// Whether a classified answer to `create_pay_out` says the payout was not created: an
/// authentication failure (401, 403) or one of the page's error texts. Any other failure
/// (other 4xx included: exotic's error format is undocumented, a duplicate could look like
/// anything) leaves the payout possibly created.
pub fn create_refused(outcome: &Outcome) -> bool {
    outcome.kind == Kind::FatalError
        && (matches!(outcome.http_status, 401 | 403) || ERROR_TEXTS.iter().any(|(t, _)| outcome.message == *t))
}

/// The fields of a callback event, in this order (the amounts as the exact text sent).
pub static CALLBACK_FIELDS: &[&str] = &[
    "order_id", "type", "status", "fiat_amount", "usdt_amount", "merchant_spent_usdt", "fiat_currency", "exchange_rate",
    "payment_method", "number_card", "phone_number", "number_score", "iban_number", "full_name", "bank_name", "created_at",
    "updated_at", "standart_sign",
];

/// Parse a callback body (raw JSON) into an event: the callback fields (numbers as the
/// exact text sent, absent ones null) plus `kind`. Strict: duplicate keys and malformed JSON
/// are errors. The `standart_sign` is not checked (its algorithm is undocumented): confirm
/// the status with a `status_pay_out` request before acting on it.
pub fn parse_callback(body: &Value) -> Result<Value> {
    let fields = crate::payload::parse_json_object(body.as_body("body")?)?;
    let picks: alloc::vec::Vec<(&'static str, &Map)> = CALLBACK_FIELDS.iter().map(|k| (*k, &fields)).collect();
    http::event(&picks, &["order_id", "status"], status_kind)
}
