//! exotic.company requests, responses and callbacks (document 003; providers.md §2.1, §2.2,
//! §2.5-§2.7).

use super::sign::{payment_method, sign_payout};
use crate::endpoint::{self, endpoints, Body, Field, FieldType as T, HttpMethod::{Get, Post}, Presence as P};
use crate::error::{Error, ErrorCode, Result};
use crate::http::{self, Kind, Outcome, Request};
use crate::recipe::Recipe;
use crate::secret::Secret;
use crate::validate::{Code, Validator};
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

const MERCHANT: Field = Field::new("merchant", T::PathSegment, P::Client);
const fn text(name: &'static str) -> Field {
    Field::new(name, T::Text, P::OmitEmpty)
}

endpoints! {
    /// The exotic pay-out endpoints (document 003).
    Endpoint, ENDPOINTS, "exotic";
    CreatePayOut "create_pay_out" "createPayOut" => {
        method: Post, path: "api/merchant/{merchant}/create_pay_out/", positional: None, body: Body::Json,
        fields: &[
            MERCHANT,
            Field::new("order_id", T::Text, P::NonEmpty),
            Field::new("payment_method", T::Text, P::NonEmpty),
            Field::new("fiat_amount", T::DecimalPlaces(2), P::NonEmpty),
            Field::new("fiat_currency", T::Text, P::NonEmpty),
            Field::new("timeout", T::Integer, P::OmitEmpty),
            text("number_score"), text("number_card"), text("phone_number"), text("iban_number"), text("bank_name"), text("bik"),
            text("full_name"),
            Field::new("success_callback_url", T::Text, P::NonEmpty),
            Field::new("error_callback_url", T::Text, P::NonEmpty),
            text("customer"), text("order_description"),
        ],
        signed: &[],
        doc: "Create a payout; its fields are checked with Validator.for_exotic and sent as normalised there.",
        source: "source-docs/003 \"Creating a Payout Request\"",
    },
    StatusPayOut "status_pay_out" "statusPayOut" => {
        method: Get, path: "api/merchant/{merchant}/status_pay_out/{pay_out_id}/", positional: Some("pay_out_id"), body: Body::None,
        fields: &[MERCHANT, Field::new("pay_out_id", T::PathSegment, P::Required)],
        signed: &[],
        doc: "A payout's status (X-Api-Key); the document asks for callbacks instead of polling.",
        source: "source-docs/003 \"Payout Request Status Inquiry\"",
    },
    RejectedPayOut "rejected_pay_out" "rejectedPayOut" => {
        method: Post, path: "api/merchant/{merchant}/rejected_pay_out/", positional: Some("order_id"), body: Body::Json,
        fields: &[MERCHANT, Field::new("order_id", T::Text, P::NonEmpty)],
        signed: &[],
        doc: "Cancel a payout (needs the standart_sign recipe: the algorithm is undocumented).",
        source: "source-docs/003 \"Payout Request Cancellation by Merchant\"",
    },
}

/// Payout statuses of the status request and the callback (document 003); unknown statuses
/// are pending.
pub static STATUSES: &[(&str, Kind)] = &[
    ("expectation", Kind::Pending),
    ("successful", Kind::Succeeded),
    ("rejected_timeout", Kind::Rejected),
    ("rejected_merchant", Kind::Rejected),
    ("rejected_gate", Kind::Rejected),
];

/// Error texts the pay-out page names (document 003 "Possible Errors in Response"): the
/// payout was not created.
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
    /// undocumented `standart_sign` (without one, `rejected_pay_out` and callback
    /// verification are `not_configured`).
    pub fn new(merchant: &str, sign_key: Secret, api_key: Secret, base_url: &str, standart_sign: Option<Recipe>) -> Result<Self> {
        if merchant.is_empty() {
            return Err(Error::field(ErrorCode::InvalidValue, "merchant", "`merchant` is empty"));
        }
        sign_key.check("sign_key")?;
        api_key.check("api_key")?;
        Ok(Client { merchant: merchant.into(), sign_key, api_key, base_url: endpoint::base_url(base_url)?, standart_sign })
    }

    /// What identifies the merchant without the keys: merchant and base URL.
    pub fn fingerprint(&self) -> String {
        format!("{} {}", self.merchant, self.base_url)
    }

    /// Whether a `standart_sign` recipe is configured (callbacks can then be verified).
    pub fn has_standart_sign(&self) -> bool {
        self.standart_sign.is_some()
    }

    fn standart_sign(&self) -> Result<&Recipe> {
        self.standart_sign.as_ref().ok_or_else(|| {
            Error::field(
                ErrorCode::NotConfigured,
                "standart_sign",
                "`standart_sign` is undocumented: configure its recipe (a Recipe spec) once exotic gives a worked example",
            )
        })
    }

    /// Build a request: `create_pay_out` (fields checked with [`Validator::for_exotic`]
    /// and sent as normalised there), `status_pay_out` (GET with `X-Api-Key`) or
    /// `rejected_pay_out` (needs the `standart_sign` recipe).
    pub fn request(&self, endpoint: Endpoint, input: &Value) -> Result<Request> {
        let ep = endpoint.row();
        let mut fields = endpoint::input_fields(input, ep.positional)?;
        let merchant = Value::from(self.merchant.as_str());
        let client = |_: &str| Some(merchant.clone());
        let json_ct = ("Content-Type", String::from("application/json"));
        let mut headers = alloc::vec![json_ct];
        let body = match endpoint {
            Endpoint::CreatePayOut => {
                let names: Vec<&str> = ep.fields.iter().filter(|f| f.presence != P::Client).map(|f| f.name).collect();
                endpoint::reject_unknown(&fields, &names)?;
                fields = self.checked(&fields)?;
                let built = endpoint::build(ep, &fields, &client, 0)?;
                let sign = sign_payout(&Value::Map(built.sent.clone()), &self.sign_key)?;
                let mut body = built.body;
                body.push(("sign".to_string(), endpoint::Json::str(sign)));
                return Ok(Request::new("POST", format!("{}/{}", self.base_url, built.path), headers, Some(endpoint::Json::Object(body).text()?)));
            }
            Endpoint::StatusPayOut => {
                headers.push(("X-Api-Key", String::from(self.api_key.as_str())));
                None
            }
            Endpoint::RejectedPayOut => Some(self.standart_sign()?),
        };
        let built = endpoint::build(ep, &fields, &client, 0)?;
        let body = match body {
            None => None,
            Some(recipe) => {
                let sign = recipe.sign(&Value::Map(built.sent.clone()), &self.sign_key)?;
                let mut body = built.body;
                body.push(("standart_sign".to_string(), endpoint::Json::str(sign)));
                Some(endpoint::Json::Object(body).text()?)
            }
        };
        Ok(Request::new(ep.method.as_str(), format!("{}/{}", self.base_url, built.path), headers, body))
    }

    /// `create_pay_out` fields checked by the method's field table, as it normalised them
    /// ("+7 916 123-45-67" -> "79161234567", `1500` -> `"1500.00"`).
    fn checked(&self, fields: &Map) -> Result<Map> {
        let method = payment_method(&Value::Map(fields.clone()))?;
        let report = Validator::for_exotic(method.name)?.validate(&Value::Map(fields.clone()), "en", false)?;
        if let Some(e) = report.errors.first() {
            let is_amount = super::fields::COMMON_BEFORE.iter().any(|f| f.key == e.field && f.check == Some(super::FieldCheck::Amount2));
            let code = match e.code {
                Code::Required => ErrorCode::MissingField,
                _ if is_amount => ErrorCode::InvalidAmount,
                Code::UnsupportedValue => ErrorCode::UnsupportedValue,
                _ => ErrorCode::InvalidValue,
            };
            return Err(Error::field(code, e.field.clone(), e.message.clone()));
        }
        let mut out = Map::with_capacity(fields.len());
        for (key, value) in fields.iter() {
            // An integer the validator left as its digits keeps its type (the row decides
            // the JSON type); any other normalised text replaces the value.
            let value = match report.values.get(key) {
                Some(Value::Str(n)) if value.signed_text(key).is_ok_and(|t| t == n.as_str()) => value.clone(),
                Some(normalised) => normalised.clone(),
                None => value.clone(),
            };
            out.insert(key, value);
        }
        Ok(out)
    }

    /// Verify a callback's `standart_sign` with the configured recipe over the callback's
    /// fields (the sign key as the secret), then parse it into an event. Not authentic is
    /// `invalid_signature`; without a recipe, `not_configured`.
    pub fn parse_verified_callback(&self, body: &Value) -> Result<Value> {
        let recipe = self.standart_sign()?;
        if !matches!(body, Value::Str(_) | Value::Bytes(_)) {
            return Err(crate::value::invalid_argument("body", "the raw body as text or bytes", body));
        }
        let not_authentic = || Error::general(ErrorCode::InvalidSignature, "the callback's standart_sign does not verify: not from exotic");
        let mut fields = crate::payload::parse_json_object(body.as_body("body")?).map_err(|_| not_authentic())?;
        // The field that carries the signature is never part of what it signs (whatever the
        // recipe lists: an `all_non_empty` recipe without `exclude` would otherwise never verify).
        let sign = match fields.remove("standart_sign") {
            Some(Value::Str(s)) if !s.trim().is_empty() => s,
            _ => return Err(not_authentic()),
        };
        if !recipe.verify(&Value::Map(fields), &self.sign_key, &sign).unwrap_or(false) {
            return Err(not_authentic());
        }
        parse_callback(body)
    }
}

/// The kind of a status text (unknown statuses are pending).
pub fn status_kind(status: &str) -> Kind {
    STATUSES.iter().find(|(s, _)| *s == status).map_or(Kind::Pending, |(_, k)| *k)
}

/// Classify a response of any exotic endpoint (or a callback body with status 200). A
/// body with a `status` follows the status table; the page's known error texts mean the
/// payout was not created; otherwise the HTTP status decides: 401/403 `fatal_error`
/// (nothing created), 404 `not_found`, any other failure `retryable_error` (exotic's error
/// format is undocumented: a refused duplicate could look like anything, so nothing else
/// says "not created"). A 2xx body without a status is an accepted payout: `pending`.
pub fn classify(http_status: u16, body: &Value) -> Result<Outcome> {
    let json = http::json_body(body)?;
    let text = match body {
        Value::Null => "",
        other => core::str::from_utf8(other.as_body("body")?).unwrap_or(""),
    };
    let lower = text.to_ascii_lowercase();
    let status = json.as_ref().and_then(|j| j.get("status")).and_then(|s| s.as_str()).map(String::from);
    let ok = (200..=299).contains(&http_status);
    // An accepted payout (an id or a status in a 2xx) is never read as an error, whatever
    // words it contains ("warning: low balance after this payout").
    let accepted = ok && (status.is_some() || json.as_ref().is_some_and(|j| j.get("internal_transaction_id").is_some()));
    let known_error = ERROR_TEXTS.iter().find(|(t, _)| !accepted && lower.contains(t));
    let mut out = Outcome::new(Kind::RetryableError, http_status, "");
    out.kind = match (&status, known_error, http_status) {
        (_, _, 500..=599 | 408 | 429 | 0) => Kind::RetryableError,
        (Some(s), _, 200..=299) => status_kind(s),
        (_, Some((_, kind)), _) => *kind,
        (None, None, 200..=299) if json.as_ref().is_some_and(serde_json::Value::is_object) => Kind::Pending,
        (_, _, 401 | 403) => Kind::FatalError,
        (_, _, 404) => Kind::NotFound,
        _ => Kind::RetryableError,
    };
    out.message = match (known_error, &status) {
        (Some((t, _)), _) => t.to_string(),
        (None, Some(s)) if ok => format!("payout status {s}"),
        (None, _) if out.kind == Kind::Pending => String::from("payout accepted"),
        _ => format!("HTTP {http_status}"),
    };
    // A status counts (and is reported) only in a 2xx answer.
    out.status = status.filter(|_| ok).map_or(serde_json::Value::Null, serde_json::Value::String);
    out.data = json.unwrap_or(serde_json::Value::Null);
    Ok(out)
}

/// Whether a classified answer to `create_pay_out` says the payout was not created: an
/// authentication failure (401, 403) or one of the page's error texts.
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
/// are errors. The `standart_sign` is not checked here (its algorithm is undocumented): use
/// [`Client::parse_verified_callback`] with a configured recipe, or confirm the status with
/// a `status_pay_out` request before acting on it (the flow does).
pub fn parse_callback(body: &Value) -> Result<Value> {
    let fields = crate::payload::parse_json_object(body.as_body("body")?)?;
    let picks: Vec<(&'static str, &Map)> = CALLBACK_FIELDS.iter().map(|k| (*k, &fields)).collect();
    http::event(&picks, &["order_id", "status"], status_kind)
}
