//! M4 requests and responses (providers.md §1.1, §1.3, §1.6, §1.7).

use super::sign::{recipe, SIGN_FIELD};
use crate::endpoint::{self, endpoints, Body, Field, FieldType as T, HttpMethod::Post, Presence as P};
use crate::error::{Error, ErrorCode, Result};
use crate::http::{self, Kind, Outcome, Request};
use crate::secret::Secret;
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::{String, ToString};

/// The production base URL (providers.md §1.1).
pub const DEFAULT_BASE_URL: &str = "https://api.m4solutions.io/gateway/v1";

const SHOP_ID: Field = Field::new("shop_id", T::Integer, P::Client);
const NOW: Field = Field::new("now", T::Timestamp, P::Required);
const AMOUNT: Field = Field::new("amount", T::DecimalText, P::Required);
const PAYWAY: Field = Field::new("payway", T::Text, P::Required);
const ACCOUNT: Field = Field::new("account", T::Text, P::Required);
const AMOUNT_TYPE: Field = Field::new("amount_type", T::Text, P::Required);
const SHOP_CURRENCY: Field = Field::new("shop_currency", T::Integer, P::Required);
const ACCOUNT_DETAILS: Field = Field::new("account_details", T::Object, P::Optional);

endpoints! {
    /// The M4 withdraw endpoints (providers.md §1.3). Body order: the signed fields sorted by
    /// key, then the unsigned ones, then `sign`.
    Endpoint, ENDPOINTS, "M4";
    WithdrawTry "withdraw_try" "withdrawTry" => {
        method: Post, path: "withdraw/try", positional: None, body: Body::Json,
        fields: &[AMOUNT, AMOUNT_TYPE, PAYWAY, SHOP_CURRENCY, SHOP_ID, Field::new("account", T::Text, P::Optional), ACCOUNT_DETAILS],
        signed: &["amount", "amount_type", "payway", "shop_currency", "shop_id"],
        doc: "Preliminary calculation of a payout (fees, account_info_config).", source: "providers.md §1.3 [M3]",
    },
    CheckAccount "check_account" "checkAccount" => {
        method: Post, path: "check_account", positional: None, body: Body::Json,
        fields: &[ACCOUNT, AMOUNT, PAYWAY, SHOP_ID, ACCOUNT_DETAILS],
        signed: &["account", "amount", "payway", "shop_id"],
        doc: "Check that the account can receive the payout (account_info).", source: "providers.md §1.3 [M4]",
    },
    WithdrawCreate "withdraw_create" "withdrawCreate" => {
        method: Post, path: "withdraw/create", positional: None, body: Body::Json,
        fields: &[ACCOUNT, AMOUNT, AMOUNT_TYPE, PAYWAY, SHOP_CURRENCY, SHOP_ID, Field::new("shop_payment_id", T::Text, P::Required),
                  Field::new("description", T::Text, P::Optional), ACCOUNT_DETAILS],
        signed: &["account", "amount", "amount_type", "payway", "shop_currency", "shop_id", "shop_payment_id"],
        doc: "Create the payout (shop_payment_id is your idempotency key).", source: "providers.md §1.3 [M5]",
    },
    WithdrawStatus "withdraw_status" "withdrawStatus" => {
        method: Post, path: "withdraw/status", positional: Some("withdraw_id"), body: Body::Json,
        fields: &[NOW, SHOP_ID, Field::new("withdraw_id", T::Integer, P::Required)],
        signed: &["now", "shop_id", "withdraw_id"],
        doc: "Payout status by M4's payout id.", source: "providers.md §1.3 [A1]",
    },
    ShopPaymentStatus "shop_payment_status" "shopPaymentStatus" => {
        method: Post, path: "withdraw/shop_payment_status", positional: Some("shop_payment_id"), body: Body::Json,
        fields: &[NOW, SHOP_ID, Field::new("shop_payment_id", T::Text, P::Required)],
        signed: &["now", "shop_id", "shop_payment_id"],
        doc: "Payout status by your shop_payment_id.", source: "source-docs/001 [M2]",
    },
    ShopOutputConfig "shop_output_config" "shopOutputConfig" => {
        method: Post, path: "shop_output_config/shop", positional: None, body: Body::Json,
        fields: &[NOW, SHOP_ID, Field::new("payway", T::Text, P::Optional)],
        signed: &["now", "shop_id"],
        doc: "Payout methods available to the shop (payways, limits, account_info_config).", source: "providers.md §1.3 [M6]",
    },
    ShopBalance "shop_balance" "shopBalance" => {
        method: Post, path: "shop_balance", positional: None, body: Body::Json,
        fields: &[NOW, SHOP_ID],
        signed: &["now", "shop_id"],
        doc: "The shop's balances.", source: "providers.md §1.3 [C1]",
    },
}

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

/// Error codes (providers.md §1.7): code, description, kind. Codes 1-5 are fatal as the M4
/// table prints them (nothing was created). 6 (non-unique id) and 8 (being processed) mean a
/// payout with this id exists: `duplicate`, never "not created". 7 is a lookup's "no such
/// payout". The fatal column of 9 and above is not readable, and an unknown code is never
/// assumed fatal (the documented rule for non-fatal codes is to keep polling).
pub static ERRORS: &[(i64, &str, Kind)] = &[
    (1, "payway has not been found", Kind::FatalError),
    (2, "payway is not active", Kind::FatalError),
    (3, "payway is not available", Kind::FatalError),
    (4, "amount too small for the payway", Kind::FatalError),
    (5, "amount too big for the payway", Kind::FatalError),
    (6, "non-unique operation id from the shop: a payout with this id exists", Kind::Duplicate),
    (7, "operation has not been found", Kind::NotFound),
    (8, "operation is being processed: a payout with this id exists", Kind::Duplicate),
    (9, "insufficient balance", Kind::RetryableError),
    (10, "incorrect request parameter", Kind::RetryableError),
    (11, "shop not found", Kind::RetryableError),
];

/// An M4 shop's credentials and base URL: builds signed requests.
#[derive(Clone, Debug)]
pub struct Client {
    shop_id: i64,
    secret: Secret,
    base_url: String,
}

impl Client {
    /// `shop_id`, the account secret, and the base URL (`None`: production).
    ///
    /// ```
    /// use payoutkit::{m4, Map, Secret};
    /// let shop = m4::Client::new(1520, Secret::new("account-secret-key"), None)?;
    /// let fields = Map::new().with("shop_payment_id", "p-1").with("now", "2026-05-24T16:35:42");
    /// let req = shop.request(m4::Endpoint::ShopPaymentStatus, &fields.into(), 0)?;
    /// assert_eq!(req.url, "https://api.m4solutions.io/gateway/v1/withdraw/shop_payment_status");
    /// assert!(req.body.unwrap().starts_with(r#"{"now":"2026-05-24T16:35:42","shop_id":1520,"shop_payment_id":"p-1","sign":""#));
    /// # Ok::<(), payoutkit::Error>(())
    /// ```
    pub fn new(shop_id: i64, secret: Secret, base_url: Option<&str>) -> Result<Self> {
        secret.check("secret")?;
        Ok(Client { shop_id, secret, base_url: endpoint::base_url(base_url.unwrap_or(DEFAULT_BASE_URL))? })
    }

    /// The shop id.
    pub fn shop_id(&self) -> i64 {
        self.shop_id
    }

    /// What identifies the account without the secret: shop id and base URL.
    pub fn fingerprint(&self) -> String {
        format!("{} {}", self.shop_id, self.base_url)
    }

    /// Build the signed request of `endpoint` from `fields` (a mapping, or the identifying
    /// field alone). `now` defaults to `unix_now` formatted `YYYY-MM-DDTHH:MM:SS` (UTC).
    pub fn request(&self, endpoint: Endpoint, fields: &Value, unix_now: i64) -> Result<Request> {
        let ep = endpoint.row();
        let fields = endpoint::input_fields(fields, ep.positional)?;
        if fields.get(SIGN_FIELD).is_some() {
            return Err(Error::field(ErrorCode::InvalidArgument, SIGN_FIELD, "`sign` is computed by the client, not given"));
        }
        let shop_id = self.shop_id;
        let built = endpoint::build(ep, &fields, &|_| Some(Value::from(shop_id)), unix_now)?;
        let sign = recipe(ep.path)?.sign(&Value::Map(built.sent), &self.secret)?;
        let mut body = built.body;
        body.push((SIGN_FIELD.to_string(), endpoint::Json::str(sign)));
        Ok(Request::new(
            ep.method.as_str(),
            format!("{}/{}", self.base_url, built.path),
            alloc::vec![("Content-Type", String::from("application/json"))],
            Some(endpoint::Json::Object(body).text()?),
        ))
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

/// The kind of an error code ([`ERRORS`]); unknown codes are `retryable_error`.
pub fn error_kind(code: i64) -> Kind {
    ERRORS.iter().find(|(c, _, _)| *c == code).map_or(Kind::RetryableError, |(_, _, k)| *k)
}

/// Whether an answer said `result: true` with no error: the request was accepted (what the
/// flow needs from `withdraw/try` and `check_account`, which carry no payout status).
pub fn accepted(outcome: &Outcome) -> bool {
    matches!(outcome.kind, Kind::Pending | Kind::Succeeded | Kind::Rejected) && error_code(outcome).unwrap_or(0) == 0 && outcome.http_status != 0
}

/// Classify a response. The JSON envelope (`result`, `error_code`, `message`, `data`) is
/// read whatever the HTTP status (M4 answers some errors with 400, others with 200). A
/// success is read only from a documented status (5); an accepted answer without a status
/// is `pending`, never `succeeded`. A body that is not an envelope is retryable unless a 4xx
/// says the request itself is wrong.
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
    let mut out = Outcome::new(Kind::Pending, http_status, message);
    out.error_code = envelope.get("error_code").cloned().unwrap_or(serde_json::Value::Null);
    if envelope.get("result") == Some(&serde_json::Value::Bool(true)) && code == 0 {
        match data.get("status").filter(|s| !s.is_null()) {
            Some(status) => {
                out.kind = int_of(status).map_or(Kind::Pending, status_kind);
                out.status = status.clone();
            }
            None if out.message.is_empty() || out.message == "Ok" => out.message = String::from("Ok (no payout status in the answer)"),
            None => {}
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

/// The gateway-facing part: the request of an endpoint by name.
pub(crate) fn request_named(client: &Client, name: &str, fields: &Value, unix_now: i64) -> Result<Request> {
    client.request(Endpoint::from_name(name)?, fields, unix_now)
}

/// The fields a flow's create carries into `check_account`'s `account_info` (the caller's
/// own `account_details` keys win).
pub(crate) fn merge_account_info(params: &Map, info: Option<&serde_json::Value>) -> Map {
    let mut params = params.clone();
    if let Some(serde_json::Value::Object(info)) = info {
        let mut details = match params.get("account_details") {
            Some(Value::Map(m)) => m.clone(),
            _ => Map::new(),
        };
        for (k, v) in info {
            if details.get(k).is_none() {
                details.insert(k.as_str(), Value::from(v.clone()));
            }
        }
        params.insert("account_details", details);
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_sign_what_the_methods_sign() {
        for ep in ENDPOINTS {
            assert_eq!(ep.signed, super::super::signed_fields(ep.path).unwrap(), "{}", ep.name);
            for s in ep.signed {
                assert!(ep.field(s).is_some(), "{} signs {s} but has no such field", ep.name);
            }
            let mut sorted = ep.signed.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, ep.signed);
        }
    }
}
