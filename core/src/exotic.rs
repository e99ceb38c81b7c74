//! exotic.company pay-out API: the `create_pay_out` signature.
//!
//! `sign = lowercase_hex(sha256("order_id:fiat_amount:<requisite>:fiat_currency:sign_key"))`,
//! the requisite picked by `payment_method` (providers.md §2.3).

use crate::error::{Error, ErrorCode, Result};
use crate::recipe::{Fields, HashAlgorithm, Names, Output, Recipe, SecretPlacement};
use crate::secret::Secret;
use crate::value::Value;
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;

/// A payout method and the field that carries its requisite.
#[derive(Debug)]
pub struct PaymentMethod {
    /// The `payment_method` value.
    pub name: &'static str,
    /// The requisite field signed for it.
    pub requisite: &'static str,
    /// The signed fields in order.
    pub signed_fields: &'static [&'static str],
}

macro_rules! methods {
    ($($name:literal => $req:literal),* $(,)?) => {
        /// The payout methods (providers.md §2.2) and their requisite fields.
        pub static PAYMENT_METHODS: &[PaymentMethod] = &[$(
            PaymentMethod { name: $name, requisite: $req, signed_fields: &["order_id", "fiat_amount", $req, "fiat_currency"] },
        )*];
    };
}
methods! {
    "card" => "number_card",
    "sbp" => "phone_number",
    "score" => "number_score",
    "iban" => "iban_number",
}

/// Look up a payout method by the `payment_method` field of `params`.
pub fn payment_method(params: &Value) -> Result<&'static PaymentMethod> {
    let pm = match params.as_map("params")?.get("payment_method") {
        None | Some(Value::Null) => {
            return Err(Error::field(ErrorCode::MissingField, "payment_method", "`payment_method` is missing"));
        }
        Some(v) => v,
    };
    let name = match pm {
        Value::Str(s) => s.as_str(),
        _ => "",
    };
    PAYMENT_METHODS.iter().find(|m| m.name == name).ok_or_else(|| {
        Error::field(
            ErrorCode::InvalidValue,
            "payment_method",
            format!("`payment_method` must be one of card, sbp, score, iban (got {})", pm.type_name()),
        )
    })
}

/// The built-in recipe for one payout method.
pub fn recipe(method: &PaymentMethod) -> Recipe {
    Recipe {
        fields: Fields::Listed(Names::Static(method.signed_fields)),
        separator: Cow::Borrowed(":"),
        secret: SecretPlacement::AppendWithSeparator,
        hash: HashAlgorithm::Sha256,
        output: Output::Hex,
        secret_name: "sign_key",
    }
}

/// Sign a `create_pay_out` request. Extra keys are ignored.
pub fn sign_payout(params: &Value, sign_key: &Secret) -> Result<String> {
    recipe(payment_method(params)?).sign(params, sign_key)
}

/// The canonical line without the sign key.
pub fn string_to_sign(params: &Value) -> Result<String> {
    recipe(payment_method(params)?).string_to_sign(params)
}
