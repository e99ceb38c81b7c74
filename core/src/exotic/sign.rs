//! exotic.company: the `create_pay_out` signature.
//!
//! `sign = lowercase_hex(sha256("order_id:fiat_amount:<requisite>:fiat_currency:sign_key"))`,
//! the requisite picked by `payment_method` (providers.md §2.3).

use crate::error::{Error, ErrorCode, Result};
use crate::recipe::{Fields, HashAlgorithm, Names, Output, Recipe, SecretPlacement};
use crate::secret::Secret;
use crate::value::{FieldValue, Params};
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;

pub use super::fields::PaymentMethod;

use super::fields::PAYMENT_METHODS;

/// Look up a payout method by the `payment_method` field of `params`.
pub fn payment_method<'a>(params: impl Into<Params<'a>>) -> Result<&'static PaymentMethod> {
    let pm = match params.into().get("params", "payment_method")? {
        None | Some(FieldValue::Null) => {
            return Err(Error::field(ErrorCode::MissingField, "payment_method", "`payment_method` is missing"));
        }
        Some(v) => v,
    };
    let name = match pm {
        FieldValue::Str(s) => s,
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
pub fn sign_payout<'a>(params: impl Into<Params<'a>>, sign_key: &Secret) -> Result<String> {
    let params = params.into();
    recipe(payment_method(params)?).sign(params, sign_key)
}

/// The canonical line without the sign key.
pub fn string_to_sign<'a>(params: impl Into<Params<'a>>) -> Result<String> {
    let params = params.into();
    recipe(payment_method(params)?).string_to_sign(params)
}
