//! exotic.company pay-out API (document 003): the `create_pay_out` signature ([`sign_payout`]), the
//! field table and payout methods (`fields`), the endpoint table, request builder,
//! classification and callbacks (`client`), and the callback-first flow rules (`flow`).

mod client;
mod fields;
mod flow;
mod sign;

pub use client::{classify, create_refused, parse_callback, status_kind, Client, Endpoint, CALLBACK_FIELDS, ENDPOINTS, ERROR_TEXTS, STATUSES};
pub use fields::{method as payment_method_named, validator, FieldCheck, FieldRule, PaymentMethod, COMMON_AFTER, COMMON_BEFORE, PAYMENT_METHODS};
pub use flow::CONFIRM_BACKOFF;
pub use sign::{payment_method, recipe, sign_payout, string_to_sign};
