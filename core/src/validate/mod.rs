//! Payout field validation: provider rules, one linear-time pattern engine, Luhn / IBAN /
//! amounts, messages in en / ru / uk. The same verdict in the browser and on the server:
//! every rule lives here. Validation returns a [`Report`] (data); it does not fail on bad
//! input, only on a bad validator description.

#[cfg(feature = "dfa-search")]
mod bundle;
mod checks;
#[cfg(feature = "dfa-search")]
pub mod dfa;
mod format;
mod iban_table;
mod kinds;
mod messages;
mod pattern;
mod report;

pub use checks::{card_brand, iban_valid, luhn_valid};
#[cfg(feature = "dfa-search")]
pub use bundle::{ENGINE as BUNDLE_ENGINE, FORMAT as BUNDLE_FORMAT};
pub use format::{format, Formatted};
pub use kinds::{kind_info, FieldInfo, Kind, Texts};
pub use report::{field_texts, string as json_string, string_array as json_string_array, FieldText, JsonBuf};

/// Mask a card number for display: first 6 and last 4 digits (`512381******0000`).
/// Spaces and dashes are ignored; fewer than 12 digits is `invalid_value`.
pub fn mask_pan(pan: &str) -> Result<String> {
    checks::mask_pan(pan).ok_or_else(|| Error::field(ErrorCode::InvalidValue, "value", "a card number has at least 12 digits"))
}
pub use messages::{message, template, Code, LOCALES};
pub use pattern::{Facts, Pattern, PatternError, Verdict};

use crate::error::{Error, ErrorCode, Result};
use crate::payload::object_entries;
use serde_json::value::RawValue;
use crate::value::{FieldValue, Map, Params, Value};
use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use checks::{cmp_decimal, decimals, iban_check, iban_normalise, is_decimal, is_decimal_prefix, luhn_digits, IbanProblem};
use core::cmp::Ordering;

/// A field's pattern: compiled, or the reason it cannot run (reported on the field).
#[derive(Debug)]
enum PatternSlot {
    Ready(Pattern),
    Broken(Code),
    /// From a bundle: a pattern only the full build (with the regex compiler) can run; this
    /// build fails the field closed (`unsupported_pattern`), and
    /// [`Validator::needs_compiler`] tells the page to use the full build.
    #[cfg_attr(not(feature = "dfa-build"), allow(dead_code))]
    NeedsCompiler(String),
}

/// Amount limits, as decimal text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AmountRule {
    /// Smallest allowed amount.
    pub min: Option<String>,
    /// Largest allowed amount.
    pub max: Option<String>,
    /// Most decimal places allowed.
    pub decimals: Option<usize>,
    /// Write the normalised value with exactly `decimals` places (`1500` -> `1500.00`), as
    /// providers that document "two decimal places" want it sent.
    pub pad: bool,
}

/// A check a field's value must pass, after its pattern and length limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Luhn (card numbers); spaces and dashes are removed first.
    Luhn,
    /// IBAN (registry length per country and mod-97); spaces and dashes removed and letters
    /// upper-cased first.
    Iban,
    /// A decimal amount within limits; `,` is read as the decimal point.
    Amount(AmountRule),
}

impl Check {
    /// The name used in hand-written rules (`"luhn"`, `"iban"`, `"amount"`).
    pub const fn name(&self) -> &'static str {
        match self {
            Check::Luhn => "luhn",
            Check::Iban => "iban",
            Check::Amount(_) => "amount",
        }
    }
}

/// The rules of one field.
#[derive(Debug)]
pub struct Rule {
    key: String,
    kind: Kind,
    required: bool,
    pattern: Option<PatternSlot>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    checks: Vec<Check>,
    separators: String,
    /// Set by [`Rule::separators`]: neither a check nor the kind changes them any more.
    separators_given: bool,
    texts: Texts,
}

impl Rule {
    /// A rule for `key` with no checks yet; its kind follows from the key
    /// ([`Kind::from_key`]), with the kind's separators.
    pub fn new(key: impl Into<String>) -> Self {
        let key = key.into();
        let kind = Kind::from_key(&key);
        Rule {
            key,
            kind,
            required: false,
            pattern: None,
            min_length: None,
            max_length: None,
            checks: Vec::new(),
            separators: String::from(kind.separators()),
            separators_given: false,
            texts: Texts::default(),
        }
    }

    /// The field name.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// What the field holds.
    pub fn field_kind(&self) -> Kind {
        self.kind
    }

    /// Say what the field holds (its label, keyboard, format and messages follow); the
    /// kind's separators apply unless the rule gave its own or has a Luhn / IBAN check.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        if !self.separators_given && !self.has("luhn") && !self.has("iban") {
            self.separators = String::from(kind.separators());
        }
        self
    }

    /// The provider's own label, hint and example (they win over the kind's).
    pub fn texts(mut self, texts: Texts) -> Self {
        self.texts = texts;
        self
    }

    /// Mark the field required.
    pub fn required(mut self, yes: bool) -> Self {
        self.required = yes;
        self
    }

    /// A provider pattern, in any spelling. One the engine cannot run is kept as the
    /// field's `unsupported_pattern` / `invalid_pattern` error, never dropped.
    pub fn pattern(mut self, raw: &str) -> Self {
        self.pattern = Some(match Pattern::new(raw) {
            Ok(p) => PatternSlot::Ready(p),
            Err(PatternError::Unsupported(_)) => PatternSlot::Broken(Code::UnsupportedPattern),
            Err(PatternError::Invalid(_)) => PatternSlot::Broken(Code::InvalidPattern),
        });
        self
    }

    /// Length limits in characters.
    pub fn length(mut self, min: Option<usize>, max: Option<usize>) -> Self {
        self.min_length = min;
        self.max_length = max;
        self
    }

    /// Add a check. Luhn and IBAN checks also remove spaces and dashes first, and make a
    /// field of no particular kind a card number / an IBAN; an amount check makes it an amount.
    pub fn check(mut self, check: Check) -> Self {
        if matches!(check, Check::Luhn | Check::Iban) && !self.separators_given {
            self.separators = String::from(" -");
        }
        if self.kind == Kind::Text {
            self.kind = match check {
                Check::Luhn => Kind::CardNumber,
                Check::Iban => Kind::Iban,
                Check::Amount(_) => Kind::Amount,
            };
        }
        self.checks.retain(|c| c.name() != check.name());
        self.checks.push(check);
        self
    }

    /// Luhn check (card numbers).
    pub fn luhn(self) -> Self {
        self.check(Check::Luhn)
    }

    /// IBAN check.
    pub fn iban(self) -> Self {
        self.check(Check::Iban)
    }

    /// Amount check.
    pub fn amount(self, rule: AmountRule) -> Self {
        self.check(Check::Amount(rule))
    }

    fn has(&self, name: &str) -> bool {
        self.checks.iter().any(|c| c.name() == name)
    }

    fn amount_rule(&self) -> Option<&AmountRule> {
        self.checks.iter().find_map(|c| match c {
            Check::Amount(a) => Some(a),
            _ => None,
        })
    }

    /// Characters users type that are removed before checking (e.g. `" -()+"` for phones).
    pub fn separators(mut self, chars: &str) -> Self {
        self.separators = String::from(chars);
        self.separators_given = true;
        self
    }

    /// An IBAN field (a check, or the kind): upper-cased and read as an IBAN.
    fn is_iban(&self) -> bool {
        self.kind == Kind::Iban || self.has("iban")
    }

    /// What the rule tells a form about its field.
    fn facts(&self) -> kinds::FieldFacts<'_> {
        let pattern = match &self.pattern {
            Some(PatternSlot::Ready(p)) => Some(p.facts()),
            _ => None,
        };
        let from_pattern = pattern.and_then(|f| f.max_chars).and_then(|m| usize::try_from(m).ok());
        let max_length = match (self.max_length, from_pattern) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b).or_else(|| self.kind.max_length()),
        };
        let kind_separators = !self.separators.is_empty() && self.separators.chars().all(|c| self.kind.separators().contains(c));
        kinds::FieldFacts {
            key: &self.key,
            kind: self.kind,
            texts: &self.texts,
            required: self.required,
            max_length,
            digits_only: pattern.is_some_and(|f| f.digits_only),
            kind_separators,
            other_separators: !self.separators.is_empty() && !kind_separators,
        }
    }

    /// What a form needs to show the field, in `locale`.
    pub fn info(&self, locale: &str) -> FieldInfo {
        self.facts().info(locale)
    }
}

/// One field error in a report.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field.
    pub field: String,
    /// A stable code (`required`, `pattern_mismatch`, `luhn`, ...).
    pub code: Code,
    /// Values filled into the message (`min`, `max`, `expected`, `decimals`, `country`).
    pub params: Vec<(&'static str, Value)>,
    /// The message in the requested locale.
    pub message: String,
}

/// The verdict on a set of values.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Every field is valid.
    pub valid: bool,
    /// No field is beyond repair: typing more can still make the form valid.
    pub potentially_valid: bool,
    /// Field errors, in rule order, at most one per field.
    pub errors: Vec<FieldError>,
    /// The normalised values (separators removed, IBANs upper-cased, amounts with `.`):
    /// what to submit.
    pub values: Map,
}

impl Report {
    /// The report as a value (what bindings hand to Python / JS).
    pub fn to_value(&self) -> Value {
        let errors = self
            .errors
            .iter()
            .map(|e| {
                Value::Map(
                    Map::new()
                        .with("field", e.field.as_str())
                        .with("code", e.code.as_str())
                        .with("params", e.params.iter().map(|(k, v)| (*k, v.clone())).collect::<Map>())
                        .with("message", e.message.as_str()),
                )
            })
            .collect();
        Value::Map(
            Map::new()
                .with("valid", self.valid)
                .with("potentially_valid", self.potentially_valid)
                .with("errors", Value::List(errors))
                .with("values", self.values.clone()),
        )
    }
}

/// How a failing field fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    /// Appending characters can still make it valid (as-you-type).
    Incomplete,
    /// Nothing appended can make it valid.
    Invalid,
}

/// A message parameter (every code has at most one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Param {
    Int(usize),
    Str(String),
}

impl Param {
    fn to_value(&self) -> Value {
        match self {
            Param::Int(n) => Value::Int(*n as i128),
            Param::Str(s) => Value::Str(s.clone()),
        }
    }
}

/// How a field fails: its state, code and message parameter.
pub(crate) type Finding = (State, Code, Option<(&'static str, Param)>);

/// A set of field rules.
#[derive(Debug)]
pub struct Validator {
    rules: Vec<Rule>,
}

fn invalid_rule(key: impl Into<Cow<'static, str>>, why: &str) -> Error {
    let key = key.into();
    Error::field(ErrorCode::InvalidRule, key.clone(), format!("rule `{key}`: {why}"))
}

impl Validator {
    /// A validator from rules built in Rust.
    pub fn new(rules: Vec<Rule>) -> Self {
        Validator { rules }
    }

    /// The rules.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Hand-written rules: a list of `{key, required, pattern, min_length, max_length,
    /// checks: ["luhn"|"iban"|"amount"], min, max, decimals, separators}`.
    pub fn from_rules(spec: &Value) -> Result<Self> {
        let Value::List(items) = spec else {
            return Err(crate::value::invalid_argument("rules", "a list of rule objects", spec));
        };
        items.iter().map(rule_from_spec).collect::<Result<_>>().map(Validator::new)
    }

    /// Rules from a Corefy `/payout-prerequest` response (the whole response or its
    /// `data`): the fields of `services[service]` in order, then the amount limits, kept as
    /// the decimal text the response wrote them with.
    pub fn from_corefy_prerequest(json: &str, service: &str) -> Result<Self> {
        let not_json = |e: Error| Error::general(ErrorCode::InvalidJson, format!("the pre-request response: {}", e.message()));
        let doc = object_entries(json).map_err(not_json)?;
        let data = match get(&doc, "data") {
            Some(d) => object_entries(d).map_err(not_json)?,
            None => doc,
        };
        let no_service =
            || Error::field(ErrorCode::InvalidValue, "service", format!("the pre-request response has no service `{service}`"));
        let services = object_entries(get(&data, "services").ok_or_else(no_service)?).map_err(not_json)?;
        let svc = object_entries(get(&services, service).ok_or_else(no_service)?).map_err(not_json)?;
        let fields: Vec<&RawValue> = match get(&svc, "fields") {
            Some(raw) => serde_json::from_str(raw).map_err(|e| Error::general(ErrorCode::InvalidJson, format!("`fields`: {e}")))?,
            None => Vec::new(),
        };
        let mut rules = Vec::new();
        for f in fields {
            let f = object_entries(f.get()).map_err(not_json)?;
            let Some(key) = text(&f, "key") else { continue };
            let mut rule = Rule::new(key).required(get(&f, "required") == Some("true"));
            if let Some(p) = text(&f, "regexp").filter(|p| !p.trim().is_empty()) {
                rule = rule.pattern(&p);
            }
            let texts = Texts {
                label: provider_texts(get(&f, "label")),
                hint: provider_texts(get(&f, "hint")),
                example: provider_texts(get(&f, "example")),
            };
            rules.push(rule.texts(texts));
        }
        // Limits as the response wrote them: a JSON number or a numeric string, plain or with
        // an exponent. One that is present but unreadable fails the build, never "no limit".
        let limit = |k: &'static str| -> Result<Option<String>> {
            let Some(raw) = get(&svc, k).filter(|r| *r != "null") else { return Ok(None) };
            let written: String = if raw.starts_with('"') { serde_json::from_str(raw).unwrap_or_default() } else { raw.into() };
            match crate::value::decimal_text(written.trim()) {
                Some(t) if is_decimal(&t) => Ok(Some(t.into_owned())),
                Some(t) if k == "amount_min" && t.starts_with('-') => Ok(None), // below zero: no lower bound
                _ => Err(Error::field(ErrorCode::InvalidValue, k, format!("`{k}` in the pre-request response is not a usable amount"))),
            }
        };
        rules.push(Rule::new("amount").required(true).amount(AmountRule {
            min: limit("amount_min")?,
            max: limit("amount_max")?,
            decimals: None,
            pad: false,
        }));
        Ok(Validator::new(rules))
    }

    /// Rules from an M4 `account_info_config` (`{field: {regex, title}}`), in document
    /// order. Every listed field is required; patterns always match the whole value, so a
    /// regex without `^` (as in M4's own example) is anchored like one with it.
    pub fn from_m4_account_info_config(json: &str) -> Result<Self> {
        let fields = object_entries(json)
            .map_err(|e| Error::general(ErrorCode::InvalidJson, format!("account_info_config: {}", e.message())))?;
        let mut rules = Vec::new();
        for (key, cfg) in fields {
            let cfg = object_entries(cfg.get()).ok();
            let regex = cfg.as_ref().and_then(|c| text(c, "regex")).filter(|r| !r.trim().is_empty());
            // `title` ("Account number, for example: 150010000097") in one unnamed language:
            // the hint; the label comes from the field's kind (or the title, for a field of
            // no known kind).
            let title: Vec<(String, String)> =
                cfg.as_ref().and_then(|c| text(c, "title")).filter(|t| !t.trim().is_empty()).map(|t| (String::new(), t)).into_iter().collect();
            let mut rule = Rule::new(key).required(true);
            let texts = Texts {
                label: if rule.kind == Kind::Text { title.clone() } else { Vec::new() },
                hint: title,
                example: Vec::new(),
            };
            rule = rule.texts(texts);
            rules.push(match regex {
                Some(p) => rule.pattern(&p),
                None => rule,
            });
        }
        Ok(Validator::new(rules))
    }

    /// The exotic.company `create_pay_out` field table for one payment method
    /// (the table lives in [`crate::exotic`]; providers.md §2.2).
    pub fn for_exotic(payment_method: &str) -> Result<Self> {
        crate::exotic::validator(payment_method)
    }

    /// [`Validator::validate`] with the options as bindings receive them: `locale` a string
    /// or null (`"en"`), `partial` a bool or null (`false`); other types are
    /// `invalid_argument`, so every runtime treats them alike.
    pub fn validate_args<'a>(&self, values: impl Into<Params<'a>>, locale: &Value, partial: &Value) -> Result<Report> {
        let locale = match locale {
            Value::Null => "en",
            other => other.as_text("locale")?,
        };
        let partial = match partial {
            Value::Null => false,
            Value::Bool(b) => *b,
            other => return Err(crate::value::invalid_argument("partial", "true or false", other)),
        };
        self.validate(values, locale, partial)
    }

    /// Validate `values` (a mapping). `partial` is for as-you-type: errors a user can still
    /// fix by typing more are left out (they still keep `valid` false).
    pub fn validate<'a>(&self, values: impl Into<Params<'a>>, locale: &str, partial: bool) -> Result<Report> {
        let values = values.into();
        values.entries_len("values")?; // a mapping, or invalid_argument even without rules
        let mut report = Report { valid: true, potentially_valid: true, errors: Vec::new(), values: Map::with_capacity(self.rules.len()) };
        for rule in &self.rules {
            let (text, finding) = check_field(rule, values.get("values", &rule.key)?);
            if !text.is_empty() {
                report.values.insert(rule.key.as_str(), text);
            }
            let Some((state, code, param)) = finding else { continue };
            report.valid = false;
            if state == State::Invalid {
                report.potentially_valid = false;
            }
            if state == State::Invalid || !partial {
                let texts: Vec<(&str, String)> = param
                    .iter()
                    .map(|(k, p)| (*k, match p {
                        Param::Int(n) => alloc::format!("{n}"),
                        Param::Str(s) => s.clone(),
                    }))
                    .collect();
                let params = param.iter().map(|(k, p)| (*k, p.to_value())).collect();
                report.errors.push(FieldError { field: rule.key.clone(), code, params, message: message(code, locale, &texts) });
            }
        }
        Ok(report)
    }

    /// What a form needs to show each field (label, hint and example in `locale`, whether
    /// it is required, its longest value, the HTML attributes of its `<input>`), in rule order.
    pub fn fields(&self, locale: &str) -> Vec<FieldInfo> {
        self.rules.iter().map(|r| r.info(locale)).collect()
    }

    /// Format `value` as the payee types it into the field `key` ([`format()`](fn@format) with the
    /// field's kind); a key with no rule comes back as typed.
    pub fn format(&self, key: &str, value: &str, caret: usize) -> Formatted {
        let kind = self.rules.iter().find(|r| r.key == key).map_or(Kind::Text, |r| r.kind);
        format(kind, value, caret)
    }

    /// Whether a pattern of this validator can only run in the full build (a bundle's
    /// "needs the compiler" slot): the checkout then validates this form with the full build.
    pub fn needs_compiler(&self) -> bool {
        self.rules.iter().any(|r| matches!(r.pattern, Some(PatternSlot::NeedsCompiler(_))))
    }
}

/// The normalised text of a field and, if it fails, how (first failing check wins).
/// The raw JSON text of `key` in an object's entries.
fn get<'a>(entries: &[(String, &'a RawValue)], key: &str) -> Option<&'a str> {
    entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.get())
}

/// The string value of `key`, if it is a JSON string.
fn text(entries: &[(String, &RawValue)], key: &str) -> Option<String> {
    get(entries, key).and_then(|raw| serde_json::from_str(raw).ok())
}

fn check_field(rule: &Rule, value: Option<FieldValue<'_>>) -> (String, Option<Finding>) {
    let raw = match value {
        None | Some(FieldValue::Null) => Some(Cow::Borrowed("")),
        Some(v) => v.signed_text(&rule.key).ok(),
    };
    let (text, finding) = check_text(rule, raw.as_deref());
    (text.into_owned(), finding)
}

/// The normalised text of a field and, if it fails, how (first failing check wins).
/// `None` is a value of a type with no text (`unsupported_value`). Every build runs this:
/// the full one from host values, the checkout entry from the texts JS hands it. The text is
/// borrowed when normalising changes nothing.
pub(crate) fn check_text<'r, 'v>(rule: &'r Rule, raw: Option<&'v str>) -> (Cow<'v, str>, Option<Finding>) {
    let fail = |state, code| Some((state, code, None));
    let Some(raw) = raw else {
        return (Cow::Borrowed(""), fail(State::Invalid, Code::UnsupportedValue));
    };
    let trimmed = raw.trim();
    let mut text: Cow<'v, str> = if trimmed.chars().any(|c| rule.separators.contains(c)) {
        Cow::Owned(trimmed.chars().filter(|c| !rule.separators.contains(*c)).collect())
    } else {
        Cow::Borrowed(trimmed)
    };
    if rule.is_iban() && text.bytes().any(|b| b == b' ' || b == b'-' || b.is_ascii_lowercase()) {
        text = Cow::Owned(iban_normalise(&text));
    }
    if rule.amount_rule().is_some() && text.chars().any(|c| c.is_whitespace() || c == ',') {
        // Grouping spaces as typed in ru/uk (U+00A0, U+202F) go too; `,` is the decimal point.
        text = Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).map(|c| if c == ',' { '.' } else { c }).collect());
    }
    // A pattern that cannot run fails the field whatever the value: never a silent pass.
    match &rule.pattern {
        Some(PatternSlot::Broken(code)) => return (text, fail(State::Invalid, *code)),
        Some(PatternSlot::NeedsCompiler(_)) => return (text, fail(State::Invalid, Code::UnsupportedPattern)),
        _ => {}
    }
    if text.is_empty() {
        return (text, if rule.required { fail(State::Incomplete, Code::Required) } else { None });
    }
    let finding = findings(rule, &text).map(|f| refine(rule, &text, f));
    // A padded amount is reported (and sent) with exactly its decimals: `1500` -> `1500.00`.
    if let (None, Some(AmountRule { decimals: Some(places), pad: true, .. })) = (&finding, rule.amount_rule())
        && let Some(fixed) = crate::endpoint::fixed_places(&text, *places)
    {
        return (Cow::Owned(fixed), None);
    }
    (text, finding)
}

/// Name the problem when the field's kind says what is wrong: a letter in a card number, a
/// character no phone number has, an IBAN with more than Latin letters and digits, a name
/// in Cyrillic where the pattern wants Latin letters. The state stays the check's own.
fn refine(rule: &Rule, text: &str, finding: Finding) -> Finding {
    let (state, code, param) = finding;
    let refined = match (rule.kind, code) {
        (_, Code::PatternMismatch | Code::IbanCountry | Code::IbanLength | Code::IbanChecksum)
            if rule.is_iban() && !text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
        {
            Some(Code::IbanChars)
        }
        (Kind::CardNumber, Code::PatternMismatch | Code::Luhn) if !text.bytes().all(|b| b.is_ascii_digit()) => Some(Code::CardDigits),
        (Kind::Phone, Code::PatternMismatch) if !text.bytes().all(|b| b.is_ascii_digit() || b == b'+') => Some(Code::PhoneDigits),
        (kind, Code::PatternMismatch) if kind.is_name() && state == State::Invalid && !text.is_ascii() => match &rule.pattern {
            Some(PatternSlot::Ready(p)) => {
                let latin: String = text
                    .chars()
                    .map(|c| if !c.is_ascii() && c.is_alphabetic() { if c.is_uppercase() { 'A' } else { 'a' } } else { c })
                    .collect();
                (p.check(&latin) != Verdict::Never).then_some(Code::LatinLetters)
            }
            _ => None,
        },
        _ => None,
    };
    match refined {
        Some(code) => (state, code, None),
        None => (state, code, param),
    }
}

fn findings(rule: &Rule, text: &str) -> Option<Finding> {
    let len = text.chars().count();
    if let Some(min) = rule.min_length.filter(|m| len < *m) {
        return Some((State::Incomplete, Code::TooShort, Some(("min", Param::Int(min)))));
    }
    if let Some(max) = rule.max_length.filter(|m| len > *m) {
        return Some((State::Invalid, Code::TooLong, Some(("max", Param::Int(max)))));
    }
    if let Some(PatternSlot::Ready(p)) = &rule.pattern {
        match p.check(text) {
            Verdict::Match => {}
            Verdict::Prefix => return Some((State::Incomplete, Code::PatternMismatch, None)),
            Verdict::Never => return Some((State::Invalid, Code::PatternMismatch, None)),
        }
    }
    if rule.has("luhn") && !luhn_digits(text) {
        // Incomplete only while more digits are still allowed (length and pattern).
        let pattern_allows_more = match &rule.pattern {
            Some(PatternSlot::Ready(p)) => {
                let mut more = String::with_capacity(text.len() + 1);
                more.push_str(text);
                more.push('0');
                p.check(&more) != Verdict::Never
            }
            _ => true,
        };
        let can_grow = text.bytes().all(|b| b.is_ascii_digit()) && len < rule.max_length.unwrap_or(19) && pattern_allows_more;
        return Some((if can_grow { State::Incomplete } else { State::Invalid }, Code::Luhn, None));
    }
    if rule.has("iban") {
        match iban_check(text) {
            Ok(()) => {}
            Err(IbanProblem::Country) => {
                let state = if len < 2 { State::Incomplete } else { State::Invalid };
                let country: String = text.chars().take(2).collect();
                return Some((state, Code::IbanCountry, Some(("country", Param::Str(country)))));
            }
            Err(IbanProblem::Length(expected)) => {
                let state = if len < expected { State::Incomplete } else { State::Invalid };
                return Some((state, Code::IbanLength, Some(("expected", Param::Int(expected)))));
            }
            Err(IbanProblem::Checksum) => return Some((State::Invalid, Code::IbanChecksum, None)),
        }
    }
    if let Some(a) = rule.amount_rule() {
        if !is_decimal(text) {
            let state = if is_decimal_prefix(text) { State::Incomplete } else { State::Invalid };
            return Some((state, Code::InvalidAmount, None));
        }
        if let Some(d) = a.decimals.filter(|d| decimals(text) > *d) {
            return Some((State::Invalid, Code::AmountPrecision, Some(("decimals", Param::Int(d)))));
        }
        if let Some(min) = a.min.as_ref().filter(|m| cmp_decimal(text, m) == Ordering::Less) {
            return Some((State::Incomplete, Code::AmountBelowMin, Some(("min", Param::Str(min.clone())))));
        }
        if let Some(max) = a.max.as_ref().filter(|m| cmp_decimal(text, m) == Ordering::Greater) {
            return Some((State::Invalid, Code::AmountAboveMax, Some(("max", Param::Str(max.clone())))));
        }
    }
    None
}

fn rule_from_spec(spec: &Value) -> Result<Rule> {
    let Value::Map(m) = spec else {
        return Err(Error::field(ErrorCode::InvalidRule, "rules", "each rule must be an object with a `key`"));
    };
    let key = match m.get("key") {
        Some(Value::Str(k)) if !k.is_empty() => k.clone(),
        _ => return Err(invalid_rule("key", "every rule needs a non-empty string `key`")),
    };
    let mut rule = Rule::new(key.as_str());
    let count = |k: &'static str, v: &Value| match v {
        Value::Int(i) if *i >= 0 => usize::try_from(*i).map_err(|_| invalid_rule(k, "must be a small non-negative integer")),
        Value::Float(f) if *f >= 0.0 && *f < 1e9 && (*f as usize) as f64 == *f => Ok(*f as usize),
        _ => Err(invalid_rule(k, "must be a non-negative integer")),
    };
    let amount_text = |k: &'static str, v: &Value| {
        v.signed_text(k).ok().map(Cow::into_owned).filter(|t| is_decimal(t)).ok_or_else(|| invalid_rule(k, "must be a decimal amount"))
    };
    let mut amount = AmountRule::default();
    let (mut has_amount, mut separators) = (false, None);
    let (mut kind, mut texts) = (None, Texts::default());
    for (k, v) in m.iter() {
        match (k, v) {
            ("key", _) => {}
            ("required", Value::Bool(b)) => rule.required = *b,
            ("pattern", Value::Str(p)) => rule = rule.pattern(p),
            ("pattern", Value::Null) => {}
            ("min_length", v) => rule.min_length = Some(count("min_length", v)?),
            ("max_length", v) => rule.max_length = Some(count("max_length", v)?),
            ("decimals", v) => amount.decimals = Some(count("decimals", v)?),
            ("min", v) => amount.min = Some(amount_text("min", v)?),
            ("max", v) => amount.max = Some(amount_text("max", v)?),
            ("separators", Value::Str(s)) => separators = Some(s.clone()),
            ("pad", Value::Bool(b)) => amount.pad = *b,
            ("kind", Value::Str(k)) => {
                kind = Some(Kind::from_name(k).ok_or_else(|| invalid_rule("kind", "is not a field kind (card_number, phone, iban, …)"))?);
            }
            ("label", v) => texts.label = texts_from_spec("label", v)?,
            ("hint", v) => texts.hint = texts_from_spec("hint", v)?,
            ("example", v) => texts.example = texts_from_spec("example", v)?,
            ("checks", Value::List(list)) => {
                for c in list {
                    match c {
                        Value::Str(c) if c == "luhn" => rule = rule.luhn(),
                        Value::Str(c) if c == "iban" => rule = rule.iban(),
                        Value::Str(c) if c == "amount" => has_amount = true,
                        _ => return Err(invalid_rule("checks", "checks are \"luhn\", \"iban\" or \"amount\"")),
                    }
                }
            }
            (other, _) => return Err(invalid_rule(String::from(other), "unknown rule key or wrong type")),
        }
    }
    if has_amount {
        rule = rule.amount(amount);
    }
    if let Some(k) = kind {
        rule = rule.kind(k);
    }
    if let Some(s) = separators {
        rule = rule.separators(&s);
    }
    Ok(rule.texts(texts))
}

/// A label, hint or example of a hand-written rule: one text for every language, or
/// `{locale: text}`.
fn texts_from_spec(k: &'static str, v: &Value) -> Result<Vec<(String, String)>> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Str(t) => Ok(alloc::vec![(String::new(), t.clone())]),
        Value::Map(m) => m
            .iter()
            .map(|(l, t)| match t {
                Value::Str(t) => Ok((String::from(l), t.clone())),
                _ => Err(invalid_rule(k, "must be text, or an object of texts by language")),
            })
            .collect(),
        _ => Err(invalid_rule(k, "must be text, or an object of texts by language")),
    }
}

/// Corefy's `{"en": …, "ru": …, "uk": …}` texts (a plain string: every language); anything
/// else is ignored (the kind's texts apply).
fn provider_texts(raw: Option<&str>) -> Vec<(String, String)> {
    let Some(raw) = raw else { return Vec::new() };
    if let Ok(t) = serde_json::from_str::<String>(raw) {
        return if t.trim().is_empty() { Vec::new() } else { alloc::vec![(String::new(), t)] };
    }
    object_entries(raw)
        .map(|entries| {
            entries
                .into_iter()
                .filter_map(|(l, t)| serde_json::from_str::<String>(t.get()).ok().filter(|t| !t.trim().is_empty()).map(|t| (l, t)))
                .collect()
        })
        .unwrap_or_default()
}
