//! M4 (Withdraw Flow V1): request signatures and callback verification ([`sign`]), the
//! endpoint table, the request builder and response classification ([`classify`]), and the
//! payout flow's rules (`flow`).

mod client;
mod flow;
mod sign;

pub use client::{accepted, classify, error_code, error_kind, status_kind, Client, Endpoint, DEFAULT_BASE_URL, ENDPOINTS, ERRORS, STATUSES};
pub(crate) use client::request_named;
pub use sign::{
    callback_recipe, method, parse_verified_callback, recipe, sign, signed_fields, string_to_sign, verify_callback, Method,
    CALLBACK_STATUSES, METHODS, SIGN_FIELD,
};

/// Error code 6: the `shop_payment_id` was used before, so the payout exists.
pub const ERROR_NOT_UNIQUE: i64 = 6;
/// Error code 7: no such operation (what a status lookup says for a payout never created).
pub const ERROR_NOT_FOUND: i64 = 7;
/// Error code 8: the operation is being processed, so it exists.
pub const ERROR_PROCESSING: i64 = 8;
