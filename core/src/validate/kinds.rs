//! Field kinds: what a field holds (a card number, a phone number, an IBAN, …). From the
//! kind follow its label, hint and example in en / ru / uk, the HTML attributes that bring
//! up the right mobile keyboard and autofill, its as-you-type format (and the separators
//! that format inserts, which validation removes again), and the messages that name a
//! problem. One table; a provider's own texts (Corefy's pre-request) win over it.
//!
//! A rule's kind is given (`kind` in a hand-written rule), or follows from its checks
//! (`luhn`: a card number, `iban`, `amount`), or from its key (the field names providers
//! use: `number_card`, `phone_number`, `beneficiary_iban`, …), else it is `text`.

use alloc::string::String;
use alloc::vec::Vec;

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A payment card number (PAN).
    CardNumber,
    /// The name printed on a card.
    CardHolder,
    /// A phone number.
    Phone,
    /// An IBAN.
    Iban,
    /// A bank or wallet account number.
    AccountNumber,
    /// An amount of money.
    Amount,
    /// An email address.
    Email,
    /// A person's full name.
    FullName,
    /// A first (given) name.
    GivenName,
    /// A last (family) name.
    FamilyName,
    /// A bank's name.
    BankName,
    /// A BIC / SWIFT code.
    Bic,
    /// A tax or document number.
    TaxId,
    /// Any other text.
    Text,
    /// The shop's order id (not typed by the payee).
    OrderId,
    /// A callback URL (not typed by the payee).
    Url,
    /// A currency code (not typed by the payee).
    Currency,
    /// An order description (not typed by the payee).
    Description,
    /// The shop's customer id (not typed by the payee).
    Customer,
}

/// One row of the kinds table.
struct Row {
    kind: Kind,
    name: &'static str,
    /// Whether the payee types it (false: the shop fills it).
    payee: bool,
    /// en, ru, uk.
    label: [&'static str; 3],
    /// en, ru, uk ("" when there is none).
    hint: [&'static str; 3],
    /// The same in every language ("" when there is none).
    example: &'static str,
    /// `type`, `inputmode` ("" none), `autocomplete`, `autocapitalize` ("" none), and
    /// whether autocorrect and spellcheck are off.
    input: (&'static str, &'static str, &'static str, &'static str, bool),
    /// What validation removes before checking (what the format inserts, and what payees type).
    separators: &'static str,
    /// The longest value when neither the rule nor its pattern says.
    max_length: Option<usize>,
    /// Field names providers use for it.
    keys: &'static [&'static str],
}

#[rustfmt::skip]
static KINDS: &[Row] = &[
    Row { kind: Kind::CardNumber, name: "card_number", payee: true,
        label: ["Card number", "Номер карты", "Номер картки"],
        hint: ["The digits on the front of the card", "Цифры на лицевой стороне карты", "Цифри на лицьовому боці картки"],
        example: "4111 1111 1111 1111", input: ("text", "numeric", "cc-number", "", true), separators: " -", max_length: Some(19),
        keys: &["card_number", "number_card", "card", "pan", "cardnumber", "card_no"] },
    Row { kind: Kind::CardHolder, name: "card_holder", payee: true,
        label: ["Name on the card", "Имя на карте", "Ім'я на картці"],
        hint: ["As printed on the card", "Как на карте", "Як на картці"],
        example: "IVAN PETROV", input: ("text", "", "cc-name", "characters", true), separators: "", max_length: None,
        keys: &["card_holder", "cardholder", "card_holder_name", "holder_name", "card_name"] },
    Row { kind: Kind::Phone, name: "phone", payee: true,
        label: ["Phone number", "Номер телефона", "Номер телефону"],
        hint: ["With the country code", "С кодом страны", "З кодом країни"],
        example: "+7 916 123-45-67", input: ("tel", "tel", "tel", "", false), separators: " -()", max_length: None,
        keys: &["phone", "phone_number", "beneficiary_phone", "msisdn", "mobile", "phone_no"] },
    Row { kind: Kind::Iban, name: "iban", payee: true,
        label: ["IBAN", "IBAN", "IBAN"],
        hint: ["Starts with the country code, up to 34 letters and digits", "Начинается с кода страны, до 34 букв и цифр", "Починається з коду країни, до 34 літер і цифр"],
        example: "DE89 3704 0044 0532 0130 00", input: ("text", "", "off", "characters", true), separators: " -", max_length: Some(34),
        keys: &["iban", "iban_number", "beneficiary_iban"] },
    Row { kind: Kind::AccountNumber, name: "account_number", payee: true,
        label: ["Account number", "Номер счёта", "Номер рахунку"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "", true), separators: "", max_length: None,
        keys: &["account", "account_number", "number_score", "beneficiary_account", "beneficiary_account_number", "account_no"] },
    Row { kind: Kind::Amount, name: "amount", payee: true,
        label: ["Amount", "Сумма", "Сума"],
        hint: ["", "", ""],
        example: "100.50", input: ("text", "decimal", "transaction-amount", "", false), separators: "", max_length: None,
        keys: &["amount", "fiat_amount"] },
    Row { kind: Kind::Email, name: "email", payee: true,
        label: ["Email", "Электронная почта", "Електронна пошта"],
        hint: ["", "", ""],
        example: "name@example.com", input: ("email", "email", "email", "off", true), separators: "", max_length: None,
        keys: &["email", "beneficiary_email"] },
    Row { kind: Kind::FullName, name: "full_name", payee: true,
        label: ["Full name", "Имя и фамилия", "Ім'я та прізвище"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "name", "words", false), separators: "", max_length: None,
        keys: &["full_name", "name", "beneficiary_full_name", "beneficiary_name", "recipient_name"] },
    Row { kind: Kind::GivenName, name: "given_name", payee: true,
        label: ["First name", "Имя", "Ім'я"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "given-name", "words", false), separators: "", max_length: None,
        keys: &["first_name", "beneficiary_first_name"] },
    Row { kind: Kind::FamilyName, name: "family_name", payee: true,
        label: ["Last name", "Фамилия", "Прізвище"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "family-name", "words", false), separators: "", max_length: None,
        keys: &["last_name", "beneficiary_last_name"] },
    Row { kind: Kind::BankName, name: "bank_name", payee: true,
        label: ["Bank", "Банк", "Банк"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "words", false), separators: "", max_length: None,
        keys: &["bank_name", "beneficiary_bank_name"] },
    Row { kind: Kind::Bic, name: "bic", payee: true,
        label: ["BIC / SWIFT code", "BIC / SWIFT-код", "BIC / SWIFT-код"],
        hint: ["8 or 11 letters and digits", "8 или 11 букв и цифр", "8 або 11 літер і цифр"],
        example: "DEUTDEFF", input: ("text", "", "off", "characters", true), separators: "", max_length: None,
        keys: &["swift_code", "beneficiary_bank_swift_code", "beneficiary_bic_swift", "bic", "swift"] },
    Row { kind: Kind::TaxId, name: "tax_id", payee: true,
        label: ["Tax ID", "ИНН", "ІПН"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "", true), separators: "", max_length: None,
        keys: &["itn", "inn", "beneficiary_itn", "tax_id", "individual_tax_id", "document_id"] },
    Row { kind: Kind::Text, name: "text", payee: true,
        label: ["", "", ""],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "", false), separators: "", max_length: None,
        keys: &[] },
    Row { kind: Kind::OrderId, name: "order_id", payee: false,
        label: ["Order ID", "Номер заказа", "Номер замовлення"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "", true), separators: "", max_length: None,
        keys: &["order_id", "reference_id"] },
    Row { kind: Kind::Url, name: "url", payee: false,
        label: ["URL", "URL", "URL"],
        hint: ["", "", ""],
        example: "", input: ("url", "url", "off", "", true), separators: "", max_length: None,
        keys: &["success_callback_url", "error_callback_url", "callback_url"] },
    Row { kind: Kind::Currency, name: "currency", payee: false,
        label: ["Currency", "Валюта", "Валюта"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "characters", true), separators: "", max_length: None,
        keys: &["fiat_currency", "currency"] },
    Row { kind: Kind::Description, name: "description", payee: false,
        label: ["Description", "Описание", "Опис"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "", false), separators: "", max_length: None,
        keys: &["order_description", "description"] },
    Row { kind: Kind::Customer, name: "customer", payee: false,
        label: ["Customer ID", "ID клиента", "ID клієнта"],
        hint: ["", "", ""],
        example: "", input: ("text", "", "off", "", true), separators: "", max_length: None,
        keys: &["customer"] },
];

fn row(kind: Kind) -> &'static Row {
    // Every kind has a row (a test checks it); `Text` is the fallback all the same.
    KINDS.iter().find(|r| r.kind == kind).or_else(|| KINDS.iter().find(|r| r.kind == Kind::Text)).unwrap_or(&TEXT_ROW)
}

static TEXT_ROW: Row = Row {
    kind: Kind::Text,
    name: "text",
    payee: true,
    label: ["", "", ""],
    hint: ["", "", ""],
    example: "",
    input: ("text", "", "off", "", false),
    separators: "",
    max_length: None,
    keys: &[],
};

const fn lang(locale: &str) -> usize {
    match locale.as_bytes() {
        b"ru" => 1,
        b"uk" => 2,
        _ => 0,
    }
}

impl Kind {
    /// Every kind, in the table's order (the bundle format stores a kind as its index here).
    pub const ALL: &'static [Kind] = &[
        Kind::CardNumber,
        Kind::CardHolder,
        Kind::Phone,
        Kind::Iban,
        Kind::AccountNumber,
        Kind::Amount,
        Kind::Email,
        Kind::FullName,
        Kind::GivenName,
        Kind::FamilyName,
        Kind::BankName,
        Kind::Bic,
        Kind::TaxId,
        Kind::Text,
        Kind::OrderId,
        Kind::Url,
        Kind::Currency,
        Kind::Description,
        Kind::Customer,
    ];

    /// The stable snake_case name (`card_number`).
    pub fn as_str(self) -> &'static str {
        row(self).name
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<Kind> {
        KINDS.iter().find(|r| r.name == name).map(|r| r.kind)
    }

    /// The kind of a field from the names providers give it (`number_card`, `phone_number`),
    /// `Text` for any other.
    pub fn from_key(key: &str) -> Kind {
        let key = key.trim();
        KINDS
            .iter()
            .find(|r| r.keys.iter().any(|k| k.eq_ignore_ascii_case(key)))
            .map_or(Kind::Text, |r| r.kind)
    }

    /// Whether the payee types it (false for the shop's own fields: order id, URLs, …).
    pub fn payee(self) -> bool {
        row(self).payee
    }

    /// What validation removes first for this kind when the rule does not say.
    pub fn separators(self) -> &'static str {
        row(self).separators
    }

    /// The longest value when neither the rule nor its pattern says.
    pub fn max_length(self) -> Option<usize> {
        row(self).max_length
    }

    /// The label in `locale` (English for any locale but ru and uk); empty for `text`.
    pub fn label(self, locale: &str) -> &'static str {
        row(self).label.get(lang(locale)).copied().unwrap_or_default()
    }

    /// The hint in `locale`, if the table has one.
    pub fn hint(self, locale: &str) -> Option<&'static str> {
        row(self).hint.get(lang(locale)).copied().filter(|h| !h.is_empty())
    }

    /// An example value, if the table has one.
    pub fn example(self) -> Option<&'static str> {
        Some(row(self).example).filter(|e| !e.is_empty())
    }

    /// Whether messages and formatting treat it as a person's name.
    pub(crate) fn is_name(self) -> bool {
        matches!(self, Kind::CardHolder | Kind::FullName | Kind::GivenName | Kind::FamilyName | Kind::BankName)
    }
}

/// Texts a provider gives for a field: `(locale, text)`; locale `""` is any locale (a plain
/// string in a hand-written rule).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    /// The label.
    pub label: Vec<(String, String)>,
    /// The hint shown under the field.
    pub hint: Vec<(String, String)>,
    /// An example value.
    pub example: Vec<(String, String)>,
}

impl Texts {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.label.is_empty() && self.hint.is_empty() && self.example.is_empty()
    }
}

/// `locale`'s text, else the any-locale one.
fn own<'a>(texts: &'a [(String, String)], locale: &str) -> Option<&'a str> {
    let find = |l: &str| texts.iter().find(|(k, t)| k == l && !t.trim().is_empty()).map(|(_, t)| t.as_str());
    find(locale).or_else(|| find(""))
}

/// A provider text in `locale`, else the table's, else the provider's English one.
fn pick<'a>(texts: &'a [(String, String)], locale: &str, table: Option<&'a str>) -> Option<&'a str> {
    own(texts, locale).or(table).or_else(|| own(texts, "en"))
}

/// What a form needs to show one field: `Validator::fields`, or `field_info` for a bare kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    /// The field name (the key values are passed under).
    pub key: String,
    /// What it holds.
    pub kind: Kind,
    /// The label.
    pub label: String,
    /// A hint to show under the field.
    pub hint: Option<String>,
    /// An example value, as the payee would type it.
    pub example: Option<String>,
    /// Whether it must be filled.
    pub required: bool,
    /// The most characters the value may have (after separators are removed).
    pub max_length: Option<usize>,
    /// Whether the payee types it (false: the shop fills it).
    pub payee: bool,
    /// HTML attributes for its `<input>` (`type`, `inputmode`, `autocomplete`, …, `maxlength`).
    pub attributes: Vec<(&'static str, String)>,
}

/// What a rule tells about its field (kept apart from `Rule` so that both builds share it).
#[derive(Debug)]
pub(crate) struct FieldFacts<'a> {
    pub key: &'a str,
    pub kind: Kind,
    pub texts: &'a Texts,
    pub required: bool,
    pub max_length: Option<usize>,
    /// The pattern accepts only ASCII digits.
    pub digits_only: bool,
    /// Whether the rule's separators are the kind's own (what its format inserts).
    pub kind_separators: bool,
    /// The rule removes separators the kind does not insert: typed text may be longer
    /// than the value in unknown ways.
    pub other_separators: bool,
}

/// `key` as a label when nothing better is known: `beneficiary_name` -> `Beneficiary name`.
fn humanise(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for (i, c) in key.chars().enumerate() {
        let c = if c == '_' || c == '-' { ' ' } else { c };
        // ASCII upper case only: provider keys are ASCII, and Unicode case tables would
        // weigh more than the rest of the checkout entry's data.
        out.push(if i == 0 { c.to_ascii_uppercase() } else { c });
    }
    out
}

/// How long the typed (formatted) text of a value of `n` characters may be.
fn typed_length(kind: Kind, n: usize) -> usize {
    match kind {
        // Groups of 4 (card numbers up to 19 digits, IBANs): one space between groups.
        Kind::CardNumber | Kind::Iban => n + n.div_ceil(4).saturating_sub(1),
        // "+7 916 123-45-67": at most one separator every two digits.
        Kind::Phone => n + n / 2,
        _ => n,
    }
}

impl FieldFacts<'_> {
    pub(crate) fn info(&self, locale: &str) -> FieldInfo {
        let kind = self.kind;
        let r = row(kind);
        let label = pick(&self.texts.label, locale, Some(kind.label(locale)).filter(|l| !l.is_empty()))
            .map_or_else(|| humanise(self.key), String::from);
        let hint = pick(&self.texts.hint, locale, kind.hint(locale)).map(String::from);
        let example = pick(&self.texts.example, locale, kind.example()).map(String::from);
        let (ty, inputmode, autocomplete, autocapitalize, no_spelling) = r.input;
        let inputmode = match inputmode {
            "" if self.digits_only && !matches!(kind, Kind::Phone | Kind::Amount) => "numeric",
            other => other,
        };
        let mut attributes: Vec<(&'static str, String)> = Vec::with_capacity(7);
        attributes.push(("type", ty.into()));
        if !inputmode.is_empty() {
            attributes.push(("inputmode", inputmode.into()));
        }
        attributes.push(("autocomplete", autocomplete.into()));
        if !autocapitalize.is_empty() {
            attributes.push(("autocapitalize", autocapitalize.into()));
        }
        if no_spelling {
            attributes.push(("autocorrect", "off".into()));
            attributes.push(("spellcheck", "false".into()));
        }
        // `maxlength` counts what is typed: known when the typed text is the value, or the
        // value as this kind's format writes it.
        if let Some(max) = self.max_length
            && !self.other_separators
        {
            let typed = if self.kind_separators { typed_length(kind, max) } else { max };
            let mut n = String::new();
            super::report::uint(&mut n, typed);
            attributes.push(("maxlength", n));
        }
        FieldInfo {
            key: self.key.into(),
            kind,
            label,
            hint,
            example,
            required: self.required,
            max_length: self.max_length,
            payee: r.payee,
            attributes,
        }
    }
}

/// The field information of a bare kind (no provider texts, no rule): `field_info(kind, locale)`.
pub fn kind_info(kind: Kind, locale: &str) -> FieldInfo {
    let texts = Texts::default();
    FieldFacts {
        key: kind.as_str(),
        kind,
        texts: &texts,
        required: false,
        max_length: kind.max_length(),
        digits_only: false,
        kind_separators: !kind.separators().is_empty(),
        other_separators: false,
    }
    .info(locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row_and_unique_keys() {
        for k in Kind::ALL {
            assert_eq!(KINDS.iter().filter(|r| r.kind == *k).count(), 1, "{k:?}");
            assert_eq!(Kind::from_name(k.as_str()), Some(*k));
        }
        assert_eq!(KINDS.len(), Kind::ALL.len());
        let keys: Vec<&str> = KINDS.iter().flat_map(|r| r.keys.iter().copied()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(k), "{k} twice");
        }
        for r in KINDS {
            assert!(r.label.iter().all(|l| l.is_empty()) || r.label.iter().all(|l| !l.is_empty()), "{}", r.name);
            assert!(r.hint.iter().all(|l| l.is_empty()) || r.hint.iter().all(|l| !l.is_empty()), "{}", r.name);
        }
    }

    #[test]
    fn kinds_from_keys() {
        assert_eq!(Kind::from_key("number_card"), Kind::CardNumber);
        assert_eq!(Kind::from_key("Phone_Number"), Kind::Phone);
        assert_eq!(Kind::from_key("test_details_payout_status"), Kind::Text);
        assert_eq!(humanise("test_details_payout_status"), "Test details payout status");
        let info = kind_info(Kind::CardNumber, "uk");
        assert_eq!(info.label, "Номер картки");
        assert!(info.attributes.contains(&("maxlength", "23".into())));
    }
}
