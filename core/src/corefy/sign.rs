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

/// Check an `X-Signature` header against the raw body, in constant time. `signature` is the
/// header's value: text, bytes, or null when the header is missing. Whitespace around it is
/// ignored. `false` for anything not authentic (a missing, empty or malformed header, a
/// wrong signature); errors only for the caller's own mistakes (a body that is not text or
/// bytes, a signature of another type, an unusable secret).
pub fn verify_callback(body: &Value, signature: &Value, secret: &Secret) -> Result<bool> {
    body.as_body("body")?;
    let signature = match signature {
        Value::Null => None,
        Value::Str(s) => Some(s.as_str()),
        Value::Bytes(b) => core::str::from_utf8(b).ok(),
        other => return Err(crate::value::invalid_argument("signature", "the X-Signature header value (text), or null", other)),
    };
    secret.check("secret")?;
    match signature {
        Some(sig) if !sig.trim().is_empty() => callback_recipe().verify(body, secret, sig),
        _ => Ok(false),
    }
}

/// [`verify_callback`], then the callback as an event ([`super::parse_callback`]). Not
/// authentic is `invalid_signature`.
pub fn parse_verified_callback(body: &Value, signature: &Value, secret: &Secret) -> Result<Value> {
    if !verify_callback(body, signature, secret)? {
        return Err(Error::general(ErrorCode::InvalidSignature, "the callback's X-Signature does not verify: not from Corefy"));
    }
    super::parse_callback(body)
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
