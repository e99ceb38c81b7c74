//! # payoutkit
//!
//! Sign, build, check and validate payout requests for payment providers — M4 (Withdraw
//! Flow V1), exotic.company (pay-out API) and the Corefy platform (MilkyPay) — with one core
//! shared by the Rust, Python, Node and browser (WebAssembly) packages.
//!
//! Every provider signature is a built-in [`Recipe`] run by one engine. Values arrive as
//! [`Value`]s (what bindings convert host objects into); secrets as [`Secret`]s, which are
//! wiped on drop and never printed. Errors carry a stable [`ErrorCode`] and the field name.
//!
//! ```
//! use payoutkit::{m4, Map, Secret, Value};
//! let params: Value = Map::new()
//!     .with("shop_id", 1520)
//!     .with("shop_order_id", "5b0efa8a-153b-4421-abac-2aba4d772a86")
//!     .with("amount", "6320.91")
//!     .with("currency", 840)
//!     .with("payway", "card_invoice_usd")
//!     .into();
//! let sign = m4::sign("invoice/create", &params, &Secret::new("account-secret-key")).unwrap();
//! assert_eq!(sign, "77a6f7a30876d480d4e771d08cb83800dd5cb874664c77e515ffc052b20293c6");
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// No panics in library code: they would cross the FFI of every binding.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod corefy;
pub mod dynamic;
pub mod endpoint;
mod error;
pub mod exotic;
pub mod explain;
pub mod flow;
pub mod gateway;
pub mod http;
pub mod m4;
mod payload;
pub mod recipe;
pub mod store_schema;
mod secret;
pub mod validate;
mod value;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

pub use error::{Error, ErrorCode, Result};
pub use gateway::{Gateway, Provider};
pub use payload::parse_flat;
pub use recipe::Recipe;
pub use secret::Secret;
pub use validate::{Report, Validator};
pub use value::{FieldValue, Map, Params, Value, MAX_DEPTH, MAX_SAFE_FLOAT_INT};
