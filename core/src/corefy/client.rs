//! Corefy (MilkyPay) requests, responses and callbacks (document 004; providers.md
//! §3.1-§3.5).

use super::sign::basic_auth;
use crate::endpoint::{self, endpoints, Body, Field, FieldType as T, HttpMethod::{Get, Post}, Presence as P};
use crate::error::{Error, ErrorCode, Result};
use crate::http::{self, Kind, Outcome, Request};
use crate::secret::Secret;
use crate::value::{Map, Value};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

const ID: Field = Field::new("id", T::PathSegment, P::Required);
const PAGE: Field = Field::new("page", T::Query, P::Optional);
const FILTER: Field = Field::new("filter", T::Query, P::Optional);
const fn object(name: &'static str) -> Field {
    Field::new(name, T::Object, P::Optional)
}

endpoints! {
    /// The Corefy payout endpoints (document 004).
    Endpoint, ENDPOINTS, "Corefy";
    PayoutPrerequest "payout_prerequest" "payoutPrerequest" => {
        method: Post, path: "payout-prerequest", positional: None, body: Body::Json,
        fields: &[Field::new("currency", T::Text, P::Required), Field::new("amount", T::DecimalNumber, P::Required),
                  Field::new("public_key", T::Text, P::Client)],
        signed: &[],
        doc: "The payout services for a currency and amount, with their fields (public API: the public key, no secret).",
        source: "source-docs/004 \"Payout Methods and Services\"",
    },
    PayoutServices "payout_services" "payoutServices" => {
        method: Get, path: "payout-services", positional: None, body: Body::None, fields: &[PAGE, FILTER], signed: &[],
        doc: "The account's payout services (page and filter as objects).", source: "source-docs/004 \"Full List of Payout Services\"",
    },
    PayoutService "payout_service" "payoutService" => {
        method: Get, path: "payout-services/{id}", positional: Some("id"), body: Body::None, fields: &[ID], signed: &[],
        doc: "One payout service by its id.", source: "source-docs/004 \"Payout Service by ID\"",
    },
    CreatePayoutInvoice "create_payout_invoice" "createPayoutInvoice" => {
        method: Post, path: "payout-invoices", positional: None, body: Body::JsonApi("payout-invoice"),
        fields: &[
            Field::new("reference_id", T::Text, P::NonEmpty), Field::new("service", T::Text, P::NonEmpty),
            Field::new("currency", T::Text, P::NonEmpty), Field::new("amount", T::DecimalNumber, P::Required),
            Field::new("fields", T::Object, P::Required), Field::new("test_mode", T::Bool, P::Optional),
            Field::new("callback_url", T::Text, P::Optional), Field::new("description", T::Text, P::Optional),
            object("context"), object("options"), object("customer"), object("metadata"),
        ],
        signed: &[],
        doc: "Create a payout invoice (JSON:API; reference_id is your idempotency key; amount as a JSON number with your digits).",
        source: "source-docs/004 \"Invoice Initiation\"",
    },
    ProcessPayoutInvoice "process_payout_invoice" "processPayoutInvoice" => {
        method: Post, path: "payout-invoices/{id}/process", positional: Some("id"), body: Body::None, fields: &[ID], signed: &[],
        doc: "Process a created payout invoice.", source: "source-docs/004 \"Invoice processing\"",
    },
    GetPayoutInvoice "get_payout_invoice" "getPayoutInvoice" => {
        method: Get, path: "payout-invoices/{id}", positional: Some("id"), body: Body::None, fields: &[ID], signed: &[],
        doc: "A payout invoice by Corefy's id.", source: "source-docs/004 \"Invoice reconciliation by ID\"",
    },
    FindPayoutInvoice "find_payout_invoice" "findPayoutInvoice" => {
        method: Get, path: "payout-invoices?filter%5Breference_id%5D={reference_id}", positional: Some("reference_id"), body: Body::None,
        fields: &[Field::new("reference_id", T::PathSegment, P::Required)], signed: &[],
        doc: "Payout invoices with your reference_id.", source: "source-docs/004 \"Invoice reconciliation by ID\"",
    },
    ListPayoutInvoices "list_payout_invoices" "listPayoutInvoices" => {
        method: Get, path: "payout-invoices", positional: None, body: Body::None, fields: &[PAGE, FILTER], signed: &[],
        doc: "The account's payout invoices (page and filter as objects).", source: "source-docs/004 \"Get the Full List of Payout Invoices\"",
    },
}

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

/// HTTP status directives (document 004 "HTTP status codes used in responses") for answers
/// without an invoice body. Only 401, 403, 405 and 422 say "the operation was not created";
/// 400 says "request the transaction status"; 409 is a duplicate.
pub static HTTP_DIRECTIVES: &[(u16, Kind, &str)] = &[
    (400, Kind::RetryableError, "bad request: look the transaction up; if it does not exist, it was not created"),
    (401, Kind::FatalError, "unauthorized: check the credentials; nothing was created"),
    (403, Kind::FatalError, "forbidden: check the credentials; nothing was created"),
    (404, Kind::NotFound, "not found"),
    (405, Kind::FatalError, "method not allowed; nothing was created"),
    (409, Kind::Duplicate, "conflict: an invoice with this reference_id exists"),
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

impl Client {
    /// `account_id` and `api_key` form the BasicAuth header; `public_key` (optional) is for
    /// the public pre-request.
    pub fn new(account_id: &str, api_key: Secret, base_url: &str, public_key: Option<&str>) -> Result<Self> {
        let authorization = Secret::new(basic_auth(account_id, &api_key)?);
        Ok(Client { account_id: account_id.into(), authorization, base_url: endpoint::base_url(base_url)?, public_key: public_key.map(String::from) })
    }

    /// The public API's base: Corefy's own domain serves the private API under `/api` and the
    /// public one under `/public-api` (providers.md §3.1); white labels such as MilkyPay and
    /// Paymega put both at the root, so any other base is used as it is.
    fn public_base_url(&self) -> String {
        match self.base_url.strip_suffix("/api") {
            Some(host) => format!("{host}/public-api"),
            None => self.base_url.clone(),
        }
    }

    /// What identifies the account without the key: account id and base URL.
    pub fn fingerprint(&self) -> String {
        format!("{} {}", self.account_id, self.base_url)
    }

    /// Build a request for `endpoint` from `input` (a mapping of fields, or the identifying
    /// field alone).
    pub fn request(&self, endpoint: Endpoint, input: &Value) -> Result<Request> {
        let ep = endpoint.row();
        let fields = endpoint::input_fields(input, ep.positional)?;
        if endpoint == Endpoint::PayoutPrerequest && self.public_key.is_none() {
            return Err(Error::field(ErrorCode::NotConfigured, "public_key", "the pre-request needs the account's public key"));
        }
        let public_key = self.public_key.clone().map(Value::from);
        let built = endpoint::build(ep, &fields, &|_| public_key.clone(), 0)?;
        let body = match ep.body {
            Body::None => None,
            Body::Json => Some(endpoint::Json::Object(built.body).text()?),
            Body::JsonApi(kind) => Some(
                endpoint::Json::Object(alloc::vec![(
                    String::from("data"),
                    endpoint::Json::Object(alloc::vec![
                        (String::from("type"), endpoint::Json::str(kind)),
                        (String::from("attributes"), endpoint::Json::Object(built.body)),
                    ]),
                )])
                .text()?,
            ),
        };
        if endpoint == Endpoint::PayoutPrerequest {
            let headers = alloc::vec![("Content-Type", String::from("application/json"))];
            return Ok(Request::new("POST", format!("{}/{}", self.public_base_url(), built.path), headers, body));
        }
        let mut headers = alloc::vec![("Authorization", String::from(self.authorization.as_str())), ("Accept", String::from("application/json"))];
        if body.is_some() {
            headers.push(("Content-Type", String::from("application/json")));
        }
        Ok(Request::new(ep.method.as_str(), format!("{}/{}{}", self.base_url, built.path, built.query), headers, body))
    }
}

/// The kind of an invoice status text (unknown statuses are pending).
pub fn status_kind(status: &str) -> Kind {
    STATUSES.iter().find(|(s, _)| *s == status).map_or(Kind::Pending, |(_, k)| *k)
}

/// An invoice's status in any documented shape: JSON:API `attributes.status` (private API),
/// `status` on the invoice itself (public API: the invoice flat under `data`).
fn invoice_status(invoice: &serde_json::Value) -> Option<&str> {
    invoice.pointer("/attributes/status").or_else(|| invoice.get("status")).and_then(|s| s.as_str())
}

/// An invoice's `reference_id` in any documented shape.
fn invoice_reference(invoice: &serde_json::Value) -> Option<String> {
    let text = |v: &serde_json::Value| v.as_str().map(String::from).or_else(|| v.as_i64().map(|i| i.to_string()));
    invoice.pointer("/attributes/reference_id").or_else(|| invoice.get("reference_id")).and_then(text)
}

/// Classify a response. The invoice's status is read in every documented shape (JSON:API
/// `data.attributes.status`, the public API's `data.status`, a flat `status`, the first
/// item of a `data` list) and follows the status table, also on 409 (the duplicate's body is
/// the invoice created before). A success is read only from a status the table names: a 2xx
/// without a status is `pending` with the body kept. An empty list is `not_found`;
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
    let mine = items.iter().find(|i| invoice_reference(i).as_deref() == Some(reference));
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
    // The private API wraps the invoice (`data.attributes.status`); the public API answers
    // it flat under `data` (`data.status`, document 004 "Via Public API"); a flat body has
    // `status` at the top. None of them may pass as "ok".
    let status = invoice.and_then(invoice_status).or_else(|| json.as_ref().and_then(|j| j.get("status")).and_then(|s| s.as_str()));
    let ok = (200..=299).contains(&http_status);
    let directive = HTTP_DIRECTIVES.iter().find(|(c, _, _)| *c == http_status);
    let mut out = Outcome::new(Kind::RetryableError, http_status, "");
    match (status, data) {
        (Some(s), _) if ok || http_status == 409 => {
            out.kind = status_kind(s);
            out.status = serde_json::Value::String(s.to_string());
            out.message = if http_status == 409 { format!("duplicate; invoice status {s}") } else { format!("invoice status {s}") };
        }
        (None, Some(serde_json::Value::Array(items))) if items.is_empty() && ok => {
            out.kind = Kind::NotFound;
            out.message = String::from("no matching invoice");
        }
        // No status the table names: fail closed (the body is kept in `data`).
        (_, _) if ok && json.is_some() => {
            out.kind = Kind::Pending;
            out.message = String::from("accepted, but the answer carries no invoice status");
        }
        _ => {
            out.kind = match directive {
                Some((_, k, _)) => *k,
                // Any other failure does not say "not created": look it up.
                None => Kind::RetryableError,
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
    // The invoice, or the whole body of an answer without one (a flat invoice included).
    out.data = invoice.cloned().or_else(|| json.clone().filter(|_| ok || http_status == 409)).unwrap_or(serde_json::Value::Null);
    out
}

/// Invoice attributes copied into a callback event (numbers as the exact text sent).
pub static CALLBACK_ATTRIBUTES: &[&str] = &[
    "status", "resolution", "reference_id", "amount", "payout_amount", "currency", "service_amount", "service_currency",
    "processed_amount", "fee", "test_mode", "created", "updated",
];

/// Parse a callback body (the raw JSON:API invoice) into an event: `id`, `type`, the
/// invoice attributes (numbers as the exact text sent, absent ones null) and `kind`.
/// Strict: duplicate keys at any level are errors. Verify `X-Signature` first, or use
/// [`super::parse_verified_callback`].
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
