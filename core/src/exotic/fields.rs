//! exotic.company's `create_pay_out` fields and payout methods, in one table (document 003,
//! providers.md §2.2): what each field must look like, which fields a payout method needs,
//! and which field carries its requisite in the signature.

use crate::error::{Error, ErrorCode, Result};
use crate::validate::{AmountRule, Check, Rule, Validator};
use alloc::string::String;
use alloc::vec::Vec;

/// A field's rule as data.
#[derive(Debug)]
pub struct FieldRule {
    /// The field.
    pub key: &'static str,
    /// Marked `*` in the document (or required for the method).
    pub required: bool,
    /// A pattern the value must match (after `separators` are removed).
    pub pattern: Option<&'static str>,
    /// Most characters.
    pub max_length: Option<usize>,
    /// Characters a payee types that are removed first.
    pub separators: &'static str,
    /// A further check.
    pub check: Option<FieldCheck>,
}

/// The checks the table uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldCheck {
    /// Luhn.
    Luhn,
    /// IBAN.
    Iban,
    /// A positive amount "with two decimal places", sent padded to two (`"1500.00"`).
    Amount2,
}

const fn field(key: &'static str, required: bool, max_length: Option<usize>) -> FieldRule {
    FieldRule { key, required, pattern: None, max_length, separators: "", check: None }
}

/// A payout method: its `payment_method` value, the field that carries its requisite, the
/// signed fields, and the fields it needs beyond the common ones.
#[derive(Debug)]
pub struct PaymentMethod {
    /// The `payment_method` value.
    pub name: &'static str,
    /// The requisite field signed for it.
    pub requisite: &'static str,
    /// The signed fields in order: `order_id:fiat_amount:<requisite>:fiat_currency`.
    pub signed_fields: &'static [&'static str],
    /// Its own fields' rules (the requisite first).
    pub fields: &'static [FieldRule],
}

/// The fields every payout has, before the method's own ones.
pub static COMMON_BEFORE: &[FieldRule] = &[
    field("order_id", true, Some(255)),
    FieldRule { key: "fiat_amount", required: true, pattern: None, max_length: None, separators: "", check: Some(FieldCheck::Amount2) },
    field("fiat_currency", true, None),
];

/// The fields every payout has, after the method's own ones.
pub static COMMON_AFTER: &[FieldRule] = &[
    field("success_callback_url", true, Some(512)),
    field("error_callback_url", true, Some(512)),
    field("full_name", false, Some(128)),
    field("customer", false, Some(128)),
    field("order_description", false, Some(8000)),
];

/// The payout methods (document 003: `payment_method` enum card, sbp, score, iban).
pub static PAYMENT_METHODS: &[PaymentMethod] = &[
    PaymentMethod {
        name: "card",
        requisite: "number_card",
        signed_fields: &["order_id", "fiat_amount", "number_card", "fiat_currency"],
        // "string (16)"
        fields: &[FieldRule { key: "number_card", required: true, pattern: Some(r"^\d{16}$"), max_length: None, separators: " -", check: Some(FieldCheck::Luhn) }],
    },
    PaymentMethod {
        name: "sbp",
        requisite: "phone_number",
        signed_fields: &["order_id", "fiat_amount", "phone_number", "fiat_currency"],
        // "string min 11 max:13"; bank_name "required when payment_method = sbp", max 72.
        fields: &[
            FieldRule { key: "phone_number", required: true, pattern: Some(r"^\d{11,13}$"), max_length: None, separators: " -()+", check: None },
            field("bank_name", true, Some(72)),
        ],
    },
    PaymentMethod {
        name: "score",
        requisite: "number_score",
        signed_fields: &["order_id", "fiat_amount", "number_score", "fiat_currency"],
        // "string (20)"
        fields: &[FieldRule { key: "number_score", required: true, pattern: Some(r"^\d{20}$"), max_length: None, separators: " -", check: None }],
    },
    PaymentMethod {
        name: "iban",
        requisite: "iban_number",
        signed_fields: &["order_id", "fiat_amount", "iban_number", "fiat_currency"],
        // "string max: 34"
        fields: &[FieldRule { key: "iban_number", required: true, pattern: None, max_length: Some(34), separators: "", check: Some(FieldCheck::Iban) }],
    },
];

fn rule(f: &FieldRule) -> Rule {
    let mut rule = Rule::new(f.key).required(f.required).length(None, f.max_length);
    if let Some(p) = f.pattern {
        rule = rule.pattern(p);
    }
    rule = match f.check {
        Some(FieldCheck::Luhn) => rule.check(Check::Luhn),
        Some(FieldCheck::Iban) => rule.check(Check::Iban),
        Some(FieldCheck::Amount2) => {
            rule.check(Check::Amount(AmountRule { min: Some(String::from("0.01")), max: None, decimals: Some(2), pad: true }))
        }
        None => rule,
    };
    if !f.separators.is_empty() {
        rule = rule.separators(f.separators);
    }
    rule
}

/// The method named `name`, or `invalid_value` naming `payment_method`.
pub fn method(name: &str) -> Result<&'static PaymentMethod> {
    PAYMENT_METHODS.iter().find(|m| m.name == name).ok_or_else(|| {
        Error::field(ErrorCode::InvalidValue, "payment_method", "`payment_method` must be one of card, sbp, score, iban")
    })
}

/// The `create_pay_out` validator for one payment method.
pub fn validator(payment_method: &str) -> Result<Validator> {
    let m = method(payment_method)?;
    let rules: Vec<Rule> = COMMON_BEFORE.iter().chain(m.fields).chain(COMMON_AFTER).map(rule).collect();
    Ok(Validator::new(rules))
}
