//! Payout field validation: provider rules, one linear-time pattern engine, Luhn / IBAN /
//! amounts, messages in en / ru / uk. The same verdict in the browser and on the server:
//! every rule lives here. Validation returns a [`Report`] (data); it does not fail on bad
//! input, only on a bad validator description.

mod checks;
mod iban_table;
mod messages;
mod pattern;

pub use checks::{card_brand, iban_valid, luhn_valid};

/// Mask a card number for display: first 6 and last 4 digits (`512381******0000`).
/// Spaces and dashes are ignored; fewer than 12 digits is `invalid_value`.
pub fn mask_pan(pan: &str) -> Result<String> {
    checks::mask_pan(pan).ok_or_else(|| Error::field(ErrorCode::InvalidValue, "value", "a card number has at least 12 digits"))
}
pub use messages::{message, Code, LOCALES};
pub use pattern::{Pattern, PatternError, Verdict};

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
    required: bool,
    pattern: Option<PatternSlot>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    checks: Vec<Check>,
    separators: String,
}

impl Rule {
    /// A rule for `key` with no checks yet.
    pub fn new(key: impl Into<String>) -> Self {
        Rule {
            key: key.into(),
            required: false,
            pattern: None,
            min_length: None,
            max_length: None,
            checks: Vec::new(),
            separators: String::new(),
        }
    }

    /// The field name.
    pub fn key(&self) -> &str {
        &self.key
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

    /// Add a check. Luhn and IBAN checks also remove spaces and dashes first.
    pub fn check(mut self, check: Check) -> Self {
        if matches!(check, Check::Luhn | Check::Iban) {
            self.separators = String::from(" -");
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
        self
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
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Appending characters can still make it valid (as-you-type).
    Incomplete,
    /// Nothing appended can make it valid.
    Invalid,
}

type Finding = (State, Code, Vec<(&'static str, Value)>);

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
            rules.push(rule);
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
            let regex = object_entries(cfg.get()).ok().and_then(|c| text(&c, "regex")).filter(|r| !r.trim().is_empty());
            let rule = Rule::new(key).required(true);
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
            let Some((state, code, params)) = finding else { continue };
            report.valid = false;
            if state == State::Invalid {
                report.potentially_valid = false;
            }
            if state == State::Invalid || !partial {
                let texts: Vec<(&str, String)> =
                    params.iter().map(|(k, v)| (*k, v.signed_text(k).map(|c| c.into_owned()).unwrap_or_default())).collect();
                report.errors.push(FieldError { field: rule.key.clone(), code, params, message: message(code, locale, &texts) });
            }
        }
        Ok(report)
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
    let fail = |state, code| Some((state, code, Vec::new()));
    let raw = match value {
        None | Some(FieldValue::Null) => Cow::Borrowed(""),
        Some(v) => match v.signed_text(&rule.key) {
            Ok(t) => t,
            Err(_) => return (String::new(), fail(State::Invalid, Code::UnsupportedValue)),
        },
    };
    let mut text: String = raw.trim().chars().filter(|c| !rule.separators.contains(*c)).collect();
    if rule.has("iban") {
        text = iban_normalise(&text);
    }
    if rule.amount_rule().is_some() {
        // Grouping spaces as typed in ru/uk (U+00A0, U+202F) go too; `,` is the decimal point.
        text = text.chars().filter(|c| !c.is_whitespace()).map(|c| if c == ',' { '.' } else { c }).collect();
    }
    // A pattern that cannot run fails the field whatever the value: never a silent pass.
    if let Some(PatternSlot::Broken(code)) = &rule.pattern {
        return (text, fail(State::Invalid, *code));
    }
    if text.is_empty() {
        return (text, if rule.required { fail(State::Incomplete, Code::Required) } else { None });
    }
    let finding = findings(rule, &text);
    // A padded amount is reported (and sent) with exactly its decimals: `1500` -> `1500.00`.
    if let (None, Some(AmountRule { decimals: Some(places), pad: true, .. })) = (&finding, rule.amount_rule())
        && let Some(fixed) = crate::endpoint::fixed_places(&text, *places)
    {
        return (fixed, None);
    }
    (text, finding)
}

fn findings(rule: &Rule, text: &str) -> Option<Finding> {
    let n = |v: usize| Value::Int(v as i128);
    let len = text.chars().count();
    if let Some(min) = rule.min_length.filter(|m| len < *m) {
        return Some((State::Incomplete, Code::TooShort, alloc::vec![("min", n(min))]));
    }
    if let Some(max) = rule.max_length.filter(|m| len > *m) {
        return Some((State::Invalid, Code::TooLong, alloc::vec![("max", n(max))]));
    }
    if let Some(PatternSlot::Ready(p)) = &rule.pattern {
        match p.check(text) {
            Verdict::Match => {}
            Verdict::Prefix => return Some((State::Incomplete, Code::PatternMismatch, Vec::new())),
            Verdict::Never => return Some((State::Invalid, Code::PatternMismatch, Vec::new())),
        }
    }
    if rule.has("luhn") && !luhn_digits(text) {
        // Incomplete only while more digits are still allowed (length and pattern).
        let pattern_allows_more = match &rule.pattern {
            Some(PatternSlot::Ready(p)) => p.check(&format!("{text}0")) != Verdict::Never,
            _ => true,
        };
        let can_grow = text.bytes().all(|b| b.is_ascii_digit()) && len < rule.max_length.unwrap_or(19) && pattern_allows_more;
        return Some((if can_grow { State::Incomplete } else { State::Invalid }, Code::Luhn, Vec::new()));
    }
    if rule.has("iban") {
        match iban_check(text) {
            Ok(()) => {}
            Err(IbanProblem::Country) => {
                let state = if len < 2 { State::Incomplete } else { State::Invalid };
                let country: String = text.chars().take(2).collect();
                return Some((state, Code::IbanCountry, alloc::vec![("country", Value::Str(country))]));
            }
            Err(IbanProblem::Length(expected)) => {
                let state = if len < expected { State::Incomplete } else { State::Invalid };
                return Some((state, Code::IbanLength, alloc::vec![("expected", n(expected))]));
            }
            Err(IbanProblem::Checksum) => return Some((State::Invalid, Code::IbanChecksum, Vec::new())),
        }
    }
    if let Some(a) = rule.amount_rule() {
        if !is_decimal(text) {
            let state = if is_decimal_prefix(text) { State::Incomplete } else { State::Invalid };
            return Some((state, Code::InvalidAmount, Vec::new()));
        }
        if let Some(d) = a.decimals.filter(|d| decimals(text) > *d) {
            return Some((State::Invalid, Code::AmountPrecision, alloc::vec![("decimals", n(d))]));
        }
        if let Some(min) = a.min.as_ref().filter(|m| cmp_decimal(text, m) == Ordering::Less) {
            return Some((State::Incomplete, Code::AmountBelowMin, alloc::vec![("min", Value::Str(min.clone()))]));
        }
        if let Some(max) = a.max.as_ref().filter(|m| cmp_decimal(text, m) == Ordering::Greater) {
            return Some((State::Invalid, Code::AmountAboveMax, alloc::vec![("max", Value::Str(max.clone()))]));
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
    if let Some(s) = separators {
        rule.separators = s;
    }
    Ok(rule)
}
