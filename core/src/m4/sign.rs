//! M4 signatures: the `sign` body field of requests and of callbacks.
//!
//! `sign = lowercase_hex(sha256(values of the method's signed fields, sorted by key, joined
//! by ":" + secret))` — the secret is appended with no separator (providers.md §1.2).

use crate::error::{Error, ErrorCode, Result};
use crate::http::Kind;
use crate::recipe::{Fields, HashAlgorithm, Names, Output, Recipe, SecretPlacement};
use crate::secret::Secret;
use crate::value::{Map, Params, Value};
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
/// docs. The withdraw endpoints' rows ([`super::ENDPOINTS`]) carry the same lists (a test
/// checks they agree).
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

/// Callback statuses (providers.md §1.10): invoice callbacks (`success`, `hold`,
/// `rejected`) and refund callbacks (`SUCCESS`, `WAITING`, `FAILED`); any other is pending.
pub static CALLBACK_STATUSES: &[(&str, Kind)] = &[
    ("success", Kind::Succeeded),
    ("hold", Kind::Pending),
    ("rejected", Kind::Rejected),
    ("SUCCESS", Kind::Succeeded),
    ("WAITING", Kind::Pending),
    ("FAILED", Kind::Rejected),
];

/// The callback's fields, when `payload` is a callback whose `sign` verifies; `None` for
/// anything not authentic. Errors only for the caller's own mistakes: a payload that is not
/// a body or a mapping, an unusable secret.
fn authentic(payload: &Value, secret: &Secret) -> Result<Option<Map>> {
    if !matches!(payload, Value::Str(_) | Value::Bytes(_) | Value::Map(_)) {
        return Err(crate::value::invalid_argument("payload", "the raw body (text or bytes) or a mapping", payload));
    }
    secret.check("secret")?;
    let fields = match payload {
        Value::Map(m) => m.clone(),
        body => match crate::payload::parse_flat(body.as_body("payload")?) {
            Ok(Value::Map(m)) => m,
            _ => return Ok(None),
        },
    };
    let sign = match fields.get(SIGN_FIELD) {
        Some(Value::Str(s)) if !s.trim().is_empty() => s.clone(),
        _ => return Ok(None),
    };
    let fields = Value::Map(fields);
    // A field the rule cannot sign (a nested value) cannot be verified: not authentic.
    Ok(match callback_recipe().verify(&fields, secret, &sign) {
        Ok(true) => match fields {
            Value::Map(m) => Some(m),
            _ => None,
        },
        _ => None,
    })
}

/// Verify a callback (notification). `payload` is the raw body (text or bytes, JSON or
/// form-encoded) or an already decoded mapping. Every field except `sign` that is not null
/// and not `""` is signed; raw JSON numbers keep their exact text. Constant-time.
///
/// `false` for anything not authentic: no or empty `sign`, a malformed body, a duplicated
/// key, a value the rule cannot sign, a wrong signature. Errors only for the caller's own
/// mistakes (a payload that is not a body or a mapping, an unusable secret).
pub fn verify_callback(payload: &Value, secret: &Secret) -> Result<bool> {
    Ok(authentic(payload, secret)?.is_some())
}

/// [`verify_callback`], then the callback as an event: its fields but `sign` (numbers as the
/// exact text sent) and `kind` from its `status` ([`CALLBACK_STATUSES`]). Not authentic is
/// `invalid_signature`.
pub fn parse_verified_callback(payload: &Value, secret: &Secret) -> Result<Value> {
    let Some(fields) = authentic(payload, secret)? else {
        return Err(Error::general(ErrorCode::InvalidSignature, "the callback's `sign` does not verify: not from M4"));
    };
    // Values as the exact text that was signed (a mapping's numbers too); null kept.
    let mut event: Map = fields
        .iter()
        .filter(|(k, _)| *k != SIGN_FIELD)
        .map(|(k, v)| (k, if v.is_null_or_empty() { v.clone() } else { v.signed_text(k).map_or(Value::Null, |t| Value::from(t.into_owned())) }))
        .collect();
    let kind = match event.get("status") {
        Some(Value::Str(s)) => CALLBACK_STATUSES.iter().find(|(t, _)| t == s).map_or(Kind::Pending, |(_, k)| *k),
        _ => Kind::Pending,
    };
    event.insert("kind", kind.as_str());
    Ok(Value::Map(event))
}
