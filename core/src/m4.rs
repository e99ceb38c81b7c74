//! M4 (Withdraw Flow V1): the `sign` body field and callback verification.
//!
//! `sign = lowercase_hex(sha256(values of the method's signed fields, sorted by key, joined
//! by ":" + secret))` — the secret is appended with no separator (providers.md §1.2).

use crate::error::{Error, ErrorCode, Result};
use crate::recipe::{Fields, HashAlgorithm, Names, Output, Recipe, SecretPlacement};
use crate::secret::Secret;
use crate::value::Value;
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
pub fn sign(path: &str, params: &Value, secret: &Secret) -> Result<String> {
    recipe(path)?.sign(params, secret)
}

/// The canonical line without the secret, for debugging a signature mismatch.
pub fn string_to_sign(path: &str, params: &Value) -> Result<String> {
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
