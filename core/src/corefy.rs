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
