//! Corefy platform (MilkyPay), document 004: callback `X-Signature` and BasicAuth
//! ([`verify_callback`], [`basic_auth`]), the endpoint table, request builder, classification and callbacks
//! (`client`), and the payout flow's rules (`flow`).

mod client;
mod flow;
mod sign;

pub use client::{classify, classify_for_reference, parse_callback, status_kind, Client, Endpoint, CALLBACK_ATTRIBUTES, ENDPOINTS, HTTP_DIRECTIVES, STATUSES};
pub use sign::{basic_auth, callback_recipe, callback_signature, parse_verified_callback, verify_callback, SIGNATURE_HEADER};
