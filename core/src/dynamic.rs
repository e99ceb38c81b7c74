//! What the bindings need, so that every runtime behaves identically: the public API as a
//! table of operations ([`OPS`]) with their arguments and docs (the bindings expose them and
//! generate their `.pyi` / `.d.ts` entries from it), argument coercion with the same
//! `invalid_argument` everywhere, gateways built from positional arguments, the stateful
//! objects (gateways, flows, validators, recipes) behind one [`Object`] type, and the one
//! JSON form values take across the JS boundary ([`decode_args`], [`to_host_json`]).
//!
//! Rust users call the typed API ([`crate::m4::Client`], …) instead.

use crate::error::{Error, ErrorCode, Result};
use crate::flow::{Action, PayoutFlow};
use crate::gateway::{Gateway, Provider};
use crate::http::{self, Outcome};
use crate::recipe::Recipe;
use crate::secret::Secret;
use crate::validate::{self, Validator};
use crate::value::{invalid_argument, Map, Value, MAX_DEPTH};
use crate::{corefy, exotic, m4};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

// ------------------------------------------------------------------------------- arguments

/// An integer argument documented as a JSON integer (M4 `shop_id`): integers, integral
/// numbers and digit strings; other strings and numbers are `invalid_value`, other types
/// `invalid_argument`, null `missing_field`.
pub fn integer_arg(v: &Value, name: &'static str) -> Result<i64> {
    match v {
        Value::Null => Err(Error::field(ErrorCode::MissingField, name, format!("`{name}` is missing"))),
        Value::Int(_) | Value::Float(_) | Value::Str(_) | Value::Decimal(_) => {
            let json = crate::endpoint::integer(v, name)?;
            match json {
                crate::endpoint::Json::Scalar(serde_json::Value::Number(n)) => n.as_i64(),
                _ => None,
            }
            .ok_or_else(|| Error::field(ErrorCode::InvalidValue, name, format!("`{name}` is out of range")))
        }
        other => Err(invalid_argument(name, "an integer (or a string of its digits)", other)),
    }
}

/// A text argument that may be null.
pub fn optional_text<'a>(v: &'a Value, name: &'static str) -> Result<Option<&'a str>> {
    match v {
        Value::Null => Ok(None),
        other => other.as_text(name).map(Some),
    }
}

fn id_arg(v: &Value, name: &'static str) -> Result<String> {
    match v {
        Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Null => crate::endpoint::id_text(v, name),
        other => Err(invalid_argument(name, "a string", other)),
    }
}

/// A gateway from its constructor's arguments in [`Provider::constructor_args`] order
/// (missing trailing arguments are null).
pub fn gateway(provider: Provider, args: Vec<Value>) -> Result<Gateway> {
    let names = provider.constructor_args();
    if args.len() > names.len() {
        return Err(Error::field(ErrorCode::InvalidArgument, "args", format!("{} takes {} arguments", provider.class_name(), names.len())));
    }
    let mut args = args.into_iter().chain(core::iter::repeat(Value::Null));
    let mut next = || args.next().unwrap_or(Value::Null);
    let (a, b, c, d, e) = (next(), next(), next(), next(), next());
    Ok(match provider {
        Provider::M4 => {
            let shop_id = integer_arg(&a, "shop_id")?;
            m4::Client::new(shop_id, b.into_secret("secret")?, optional_text(&c, "base_url")?)?.into()
        }
        Provider::Exotic => {
            let merchant = id_arg(&a, "merchant")?;
            let (sign_key, api_key) = (b.into_secret("sign_key")?, c.into_secret("api_key")?);
            let recipe = match e {
                Value::Null => None,
                spec @ Value::Map(_) => Some(Recipe::from_spec(&spec)?),
                other => return Err(invalid_argument("standart_sign", "a Recipe (or its spec)", &other)),
            };
            exotic::Client::new(&merchant, sign_key, api_key, d.as_text("base_url")?, recipe)?.into()
        }
        Provider::Corefy => {
            let account_id = a.as_text("account_id")?;
            let api_key = b.into_secret("api_key")?;
            corefy::Client::new(account_id, api_key, c.as_text("base_url")?, optional_text(&d, "public_key")?)?.into()
        }
    })
}

// ------------------------------------------------------------------------------- operations

pub use crate::gateway::Arg;

const fn a(name: &'static str, js_name: &'static str, kind: &'static str) -> Arg {
    Arg { name, js_name, kind, optional: false }
}

const METHOD: Arg = a("method", "method", "text");
const PARAMS: Arg = a("params", "params", "params");
const SECRET: Arg = a("secret", "secret", "secret");
const BODY: Arg = a("body", "body", "body");
const STATUS: Arg = a("http_status", "httpStatus", "http_status");
/// A response body: text, bytes, or null when there was none.
const RESPONSE: Arg = a("body", "body", "response");
const VALUE: Arg = a("value", "value", "text");

/// One function of the public API.
pub struct Op {
    /// Its name: `namespace.name` (`m4.sign`) or a top-level name (`luhn_valid`).
    pub name: &'static str,
    /// The JS name (`m4.stringToSign`, `luhnValid`).
    pub js_name: &'static str,
    /// Its arguments.
    pub args: &'static [Arg],
    /// What it returns, for generated stubs: `text`, `bool`, `texts`, `outcome`, `event`, `rows`, `value`.
    pub returns: &'static str,
    /// Its documentation (first line: a summary).
    pub doc: &'static str,
    run: fn(&mut Args) -> Result<Value>,
}

impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Op").field("name", &self.name).field("args", &self.args).finish()
    }
}

/// Positional arguments, taken in order (absent ones are null).
#[derive(Debug)]
struct Args(alloc::vec::IntoIter<Value>);

impl Args {
    fn next(&mut self) -> Value {
        self.0.next().unwrap_or(Value::Null)
    }
    fn text(&mut self, name: &'static str) -> Result<String> {
        self.next().as_text(name).map(String::from)
    }
    fn secret(&mut self, name: &'static str) -> Result<Secret> {
        self.next().into_secret(name)
    }
    fn status(&mut self) -> Result<u16> {
        http::http_status(&self.next())
    }
}

fn outcome(o: Result<Outcome>) -> Result<Value> {
    o.map(|o| o.to_value())
}

macro_rules! ops {
    ($($name:literal $js:literal ($($arg:expr),*) -> $ret:literal, $doc:literal, |$a:ident| $body:expr;)*) => {
        /// The public API's functions.
        pub static OPS: &[Op] = &[$(Op { name: $name, js_name: $js, args: &[$($arg),*], returns: $ret, doc: $doc,
            run: |$a: &mut Args| -> Result<Value> { $body } },)*];
    };
}

ops! {
    "m4.sign" "m4.sign" (METHOD, PARAMS, SECRET) -> "text",
        "Sign an M4 request: lowercase hex SHA-256 of the method's signed fields sorted by key, joined by \":\", with the secret appended. Extra keys are ignored.",
        |x| { let (m, p) = (x.text("method")?, x.next()); Ok(m4::sign(&m, &p, &x.secret("secret")?)?.into()) };
    "m4.string_to_sign" "m4.stringToSign" (METHOD, PARAMS) -> "text",
        "The line an M4 signature hashes, without the secret: for debugging a mismatch.",
        |x| { let m = x.text("method")?; Ok(m4::string_to_sign(&m, &x.next())?.into()) };
    "m4.signed_fields" "m4.signedFields" (METHOD) -> "texts",
        "The signed fields of an M4 method, sorted.",
        |x| Ok(Value::List(m4::signed_fields(&x.text("method")?)?.iter().map(|f| Value::from(*f)).collect()));
    "m4.verify_callback" "m4.verifyCallback" (a("payload", "payload", "payload"), SECRET) -> "bool",
        "Whether an M4 callback (raw body, JSON or form-encoded, or a mapping) carries a valid `sign`. False for anything not authentic (no or empty sign, a malformed body, a wrong signature); raises only for a payload of the wrong type or an unusable secret.",
        |x| { let p = x.next(); Ok(m4::verify_callback(&p, &x.secret("secret")?)?.into()) };
    "m4.parse_verified_callback" "m4.parseVerifiedCallback" (a("payload", "payload", "payload"), SECRET) -> "event",
        "Verify an M4 callback, then return it as an event (its fields and `kind`); not authentic raises SignatureError (code invalid_signature).",
        |x| { let p = x.next(); m4::parse_verified_callback(&p, &x.secret("secret")?) };
    "m4.classify" "m4.classify" (STATUS, RESPONSE) -> "outcome",
        "Classify an M4 response (HTTP status and raw body) as an Outcome.",
        |x| { let s = x.status()?; outcome(m4::classify(s, &x.next())) };
    "exotic.sign_payout" "exotic.signPayout" (PARAMS, a("sign_key", "signKey", "secret")) -> "text",
        "Sign an exotic create_pay_out: SHA-256 hex of order_id:fiat_amount:<requisite>:fiat_currency:sign_key.",
        |x| { let p = x.next(); Ok(exotic::sign_payout(&p, &x.secret("sign_key")?)?.into()) };
    "exotic.string_to_sign" "exotic.stringToSign" (PARAMS) -> "text",
        "The line an exotic signature hashes, without the sign key.",
        |x| Ok(exotic::string_to_sign(&x.next())?.into());
    "exotic.classify" "exotic.classify" (STATUS, RESPONSE) -> "outcome",
        "Classify an exotic.company response (HTTP status and raw body) as an Outcome.",
        |x| { let s = x.status()?; outcome(exotic::classify(s, &x.next())) };
    "exotic.parse_callback" "exotic.parseCallback" (BODY) -> "event",
        "Parse an exotic.company callback body into an event. Its standart_sign is not checked (undocumented): confirm with status_pay_out, or use Exotic.parse_verified_callback with a configured recipe.",
        |x| exotic::parse_callback(&x.next());
    "corefy.callback_signature" "corefy.callbackSignature" (BODY, SECRET) -> "text",
        "The X-Signature of a Corefy callback body: base64(sha1(secret + body + secret)).",
        |x| { let b = x.next(); Ok(corefy::callback_signature(&b, &x.secret("secret")?)?.into()) };
    "corefy.verify_callback" "corefy.verifyCallback" (BODY, a("signature", "signature", "signature"), SECRET) -> "bool",
        "Whether a Corefy callback's X-Signature (the header value, or None when missing) matches the raw body; constant-time. False for anything not authentic; raises only for arguments of the wrong type or an unusable secret.",
        |x| { let (b, s) = (x.next(), x.next()); Ok(corefy::verify_callback(&b, &s, &x.secret("secret")?)?.into()) };
    "corefy.parse_verified_callback" "corefy.parseVerifiedCallback" (BODY, a("signature", "signature", "signature"), SECRET) -> "event",
        "Verify a Corefy callback's X-Signature, then return it as an event; not authentic raises SignatureError (code invalid_signature).",
        |x| { let (b, s) = (x.next(), x.next()); corefy::parse_verified_callback(&b, &s, &x.secret("secret")?) };
    "corefy.basic_auth" "corefy.basicAuth" (a("account_id", "accountId", "text"), a("api_key", "apiKey", "secret")) -> "text",
        "The Authorization header of Corefy's private API: \"Basic \" + base64(account_id:api_key).",
        |x| { let id = x.text("account_id")?; Ok(corefy::basic_auth(&id, &x.secret("api_key")?)?.into()) };
    "corefy.classify" "corefy.classify" (STATUS, RESPONSE) -> "outcome",
        "Classify a Corefy response (HTTP status and raw body) as an Outcome.",
        |x| { let s = x.status()?; outcome(corefy::classify(s, &x.next())) };
    "corefy.parse_callback" "corefy.parseCallback" (BODY) -> "event",
        "Parse a Corefy callback body into an event (verify X-Signature first, or use parse_verified_callback).",
        |x| corefy::parse_callback(&x.next());
    "luhn_valid" "luhnValid" (VALUE) -> "bool",
        "Luhn check of a card number as typed (spaces and dashes ignored).",
        |x| Ok(validate::luhn_valid(&x.text("value")?).into());
    "iban_valid" "ibanValid" (VALUE) -> "bool",
        "IBAN check (registry length per country and mod-97) of a value as typed.",
        |x| Ok(validate::iban_valid(&x.text("value")?).into());
    "card_brand" "cardBrand" (VALUE) -> "text?",
        "The card brand from the first digits (visa, mastercard, mir, unionpay, maestro, amex), or nothing.",
        |x| Ok(validate::card_brand(&x.text("value")?).map_or(Value::Null, Value::from));
    "format_input" "formatInput" (a("kind", "kind", "text"), VALUE, Arg { optional: true, ..a("caret", "caret", "integer") }) -> "value",
        "Format a value as the payee types it into a field of this kind (card_number: 4-4-4-4, Amex 4-6-5, 19 digits 4-4-4-4-3; iban: groups of 4; phone: by country code): {value, caret}. The caret (UTF-16 code units, as selectionStart; left out: the end) stays after the character it followed; other kinds, and values with a character the kind cannot hold, come back as typed.",
        |x| { let kind = kind_arg(&x.next())?; let value = x.text("value")?; let caret = caret_arg(&x.next(), &value)?; Ok(validate::format(kind, &value, caret).to_value()) };
    "field_info" "fieldInfo" (a("kind", "kind", "text"), Arg { optional: true, ..a("locale", "locale", "text") }) -> "value",
        "What a form needs for a field of this kind in a locale (en, ru, uk; default en): key, kind, label, hint, example, required, max_length, payee, and the HTML attributes of its <input> (type, inputmode, autocomplete, ...).",
        |x| { let kind = kind_arg(&x.next())?; let l = x.next(); let locale = optional_text(&l, "locale")?.unwrap_or("en"); Ok(validate::kind_info(kind, locale).to_value()) };
    "mask_pan" "maskPan" (VALUE) -> "text",
        "A card number masked for display: first 6 and last 4 digits (512381******0000).",
        |x| Ok(validate::mask_pan(&x.text("value")?)?.into());
    "mask_card_numbers" "maskCardNumbers" (VALUE) -> "text",
        "Text with every card number in it (13-19 digits passing Luhn) masked 6+4: what payoutkit's printouts do.",
        |x| Ok(http::mask_card_numbers(&x.text("value")?).into_owned().into());
    "store_schema" "storeSchema" (a("dialect", "dialect", "text")) -> "texts",
        "The statements that create the payout stores' tables and indexes (Python's payoutkit.store and Node's payoutkit/worker share them), for \"sqlite\" or \"postgres\": for your migration tool.",
        |x| Ok(Value::List(crate::store_schema::statements(&x.text("dialect")?)?.into_iter().map(Value::from).collect()));
    "endpoints" "endpoints" (a("provider", "provider", "provider")) -> "rows",
        "A provider's endpoints (the rows its builders are made from): name, js_name, method, path, fields, positional, doc.",
        |x| Ok(endpoint_rows(Provider::from_name(&x.text("provider")?)?));
    "error_codes" "errorCodes" () -> "texts",
        "Every stable error code.",
        |_x| Ok(Value::List(ErrorCode::ALL.iter().map(|c| Value::from(c.as_str())).collect()));
    "inspect_value" "inspectValue" (a("value", "value", "any")) -> "any",
        "The value as payoutkit reads it (decimal text as text, big integers, nested data in order): what a signature or a request body will see of it.",
        |x| Ok(x.next());
    "explain" "explain" (a("text", "text", "text"), Arg { optional: true, ..a("options", "options", "value") }) -> "value",
        "Explain a pasted request or callback (request line, headers, blank line, body; or a bare body): what it is, which fields went into its signature, the string to sign with the secret as ***, the signature sent and, given `secret`, the one computed and whether they match. Options: kind (m4, exotic, m4-callback, corefy-callback, exotic-callback, corefy, recipe; default: told from the text), method (M4), secret, signature, recipe (a spec). Returns kind, title, request, method, recipe, signed_fields, missing, unsigned, string_to_sign, signature, computed, match, ok, error and lines (the report as printed, card numbers masked): what `payoutkit explain` and `payoutkit verify` print.",
        |x| { let t = x.text("text")?; crate::explain::explain(&t, &x.next()) };
    "redact" "redact" (a("value", "value", "value")) -> "value",
        "A Request, Action or Outcome (as a mapping) as printouts show it: credentials as *** and card numbers masked 6+4.",
        |x| redact(&x.next());
}

/// A field kind by name (`card_number`, `phone`, `iban`, …), or `invalid_value` naming `kind`.
fn kind_arg(v: &Value) -> Result<validate::Kind> {
    let name = v.as_text("kind")?;
    validate::Kind::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = validate::Kind::ALL.iter().map(|k| k.as_str()).collect();
        Error::field(ErrorCode::InvalidValue, "kind", format!("`kind` must be one of {}", names.join(", ")))
    })
}

/// A caret position (UTF-16 code units); null is the end of `value`.
fn caret_arg(v: &Value, value: &str) -> Result<usize> {
    match v {
        Value::Null => Ok(value.chars().map(char::len_utf16).sum()),
        other => usize::try_from(integer_arg(other, "caret")?)
            .map_err(|_| Error::field(ErrorCode::InvalidValue, "caret", "`caret` is a position from 0")),
    }
}

/// A validator bundle as bindings pass it: bytes, or its base64 text.
#[cfg(feature = "dfa-search")]
fn bundle_arg(v: &Value) -> Result<Vec<u8>> {
    use base64::Engine as _;
    match v {
        Value::Bytes(b) => Ok(b.clone()),
        Value::Str(s) => base64::engine::general_purpose::STANDARD
            .decode(s.trim())
            .map_err(|_| Error::field(ErrorCode::InvalidValue, "bundle", "a bundle is bytes or their base64 text")),
        other => Err(invalid_argument("bundle", "a validator bundle (bytes or base64 text)", other)),
    }
}

/// The signing hot path the bindings keep beside [`call`] (params read in place, no
/// [`Value`] built for them): `m4.sign`, `m4.string_to_sign`, `exotic.sign_payout`,
/// `exotic.string_to_sign`. `method` is ignored by the exotic ones, `secret` by the lines.
pub fn sign(op: &str, method: &Value, params: crate::value::Params<'_>, secret: Value) -> Result<String> {
    match op {
        "m4.sign" => m4::sign(method.as_text("method")?, params, &secret.into_secret("secret")?),
        "m4.string_to_sign" => m4::string_to_sign(method.as_text("method")?, params),
        "exotic.sign_payout" => exotic::sign_payout(params, &secret.into_secret("sign_key")?),
        "exotic.string_to_sign" => exotic::string_to_sign(params),
        _ => Err(Error::field(ErrorCode::UnknownMethod, "op", "no such signing function")),
    }
}

/// The operation named `name`.
pub fn op(name: &str) -> Result<&'static Op> {
    OPS.iter().find(|o| o.name == name).ok_or_else(|| Error::field(ErrorCode::UnknownMethod, "op", "no such payoutkit function"))
}

/// Call the operation named `name` with positional arguments.
pub fn call(name: &str, args: Vec<Value>) -> Result<Value> {
    (op(name)?.run)(&mut Args(args.into_iter()))
}

/// A provider's endpoint rows as data.
pub fn endpoint_rows(provider: Provider) -> Value {
    Value::List(
        provider
            .endpoints()
            .iter()
            .map(|e| {
                let fields: Vec<Value> = e
                    .fields
                    .iter()
                    .filter(|f| f.presence != crate::endpoint::Presence::Client)
                    .map(|f| {
                        let required = matches!(f.presence, crate::endpoint::Presence::Required | crate::endpoint::Presence::NonEmpty);
                        Value::Map(Map::new().with("name", f.name).with("type", f.ty.as_str()).with("required", required))
                    })
                    .collect();
                Value::Map(
                    Map::new()
                        .with("name", e.name)
                        .with("js_name", e.js_name)
                        .with("method", e.method.as_str())
                        .with("path", e.path)
                        .with("fields", Value::List(fields))
                        .with("positional", e.positional.map_or(Value::Null, Value::from))
                        .with("doc", e.doc)
                        .with("source", e.source),
                )
            })
            .collect(),
    )
}

/// The printout form of a request, action or outcome given as a mapping.
fn redact(v: &Value) -> Result<Value> {
    let m = v.as_map("value")?;
    let text = |k: &str| match m.get(k) {
        Some(Value::Str(s)) => Some(s.as_str()),
        _ => None,
    };
    let json = |k: &str| m.get(k).map_or(serde_json::Value::Null, serde_json::Value::from);
    if let (Some(method), Some(url)) = (text("method"), text("url")) {
        let mut headers = Map::new();
        if let Some(Value::Map(h)) = m.get("headers") {
            for (k, v) in h.iter() {
                let shown = match v.signed_text(k) {
                    _ if http::is_credential_header(k) => String::from("***"),
                    Ok(t) => http::mask_card_numbers(&t).into_owned(),
                    Err(_) => String::new(),
                };
                headers.insert(k, shown);
            }
        }
        let body = text("body").map_or(Value::Null, |b| Value::from(http::mask_card_numbers(b).into_owned()));
        return Ok(Value::Map(
            Map::new().with("method", method).with("url", http::mask_card_numbers(url).into_owned()).with("headers", headers).with("body", body),
        ));
    }
    match (text("kind"), m.get("request"), m.get("outcome")) {
        (Some("send"), Some(r), _) => Ok(Value::Map(Map::new().with("kind", "send").with("request", redact(r)?))),
        (Some("done"), _, Some(o)) => Ok(Value::Map(Map::new().with("kind", "done").with("outcome", redact(o)?))),
        (Some(kind), None, None) if m.get("message").is_some() || m.get("data").is_some() => {
            let o = Outcome {
                kind: crate::http::Kind::from_name(kind).unwrap_or(crate::http::Kind::Pending),
                status: json("status"),
                error_code: json("error_code"),
                message: text("message").unwrap_or_default().into(),
                data: json("data"),
                http_status: match m.get("http_status") {
                    Some(Value::Int(i)) => u16::try_from(*i).unwrap_or(0),
                    _ => 0,
                },
            };
            let mut out = o.redacted();
            if let Value::Map(om) = &mut out {
                om.insert("kind", kind);
            }
            Ok(out)
        }
        _ => Ok(v.clone()),
    }
}

// ------------------------------------------------------------------------------- objects

/// The stateful objects of the public API, behind one type for the bindings.
#[derive(Debug)]
pub enum Object {
    /// A provider's request builder (`M4`, `Exotic`, `Corefy`).
    Gateway(Gateway),
    /// A payout flow.
    Flow(alloc::boxed::Box<PayoutFlow>),
    /// A validator.
    Validator(Validator),
    /// A signature recipe.
    Recipe(Recipe),
    /// A prepared signer: a recipe with its secret held natively.
    Signer(Signer),
}

/// A prepared signer (`m4.signer(method, secret)`, `exotic.signer(payment_method, sign_key)`,
/// `recipe.signer(secret)`): the recipe and the secret are checked once and held natively
/// (the secret wiped on drop), so each signature is one call with the params alone.
#[derive(Debug)]
pub struct Signer {
    recipe: Recipe,
    secret: Secret,
}

impl Signer {
    /// A signer for `recipe` with `secret` (checked now: an unusable secret fails here).
    pub fn new(recipe: Recipe, secret: Secret) -> Result<Self> {
        secret.check(recipe.secret_name)?;
        Ok(Signer { recipe, secret })
    }

    /// The fields the line is made of, in line order, when the recipe lists them (what a
    /// binding's fast path may send alone, without their names).
    pub fn fields(&self) -> Option<Vec<&str>> {
        match &self.recipe.fields {
            crate::recipe::Fields::Listed(n) | crate::recipe::Fields::Sorted(n) => Some(n.iter().collect()),
            _ => None,
        }
    }

    /// Sign `params`.
    pub fn sign(&self, params: crate::value::Params<'_>) -> Result<String> {
        self.recipe.sign(params, &self.secret)
    }

    /// Sign the values of [`Signer::fields`], in that order (`None`: the field is absent).
    pub fn sign_values(&self, values: &[Option<crate::value::FieldValue<'_>>]) -> Result<String> {
        self.recipe.sign_ordered(values, &self.secret)
    }
}

/// Build an object: a gateway (`m4`, `exotic`, `corefy` with the constructor's arguments),
/// a validator (`validator`, `validator.from_corefy_prerequest`,
/// `validator.from_m4_account_info_config`, `validator.for_exotic`, `validator.from_bundle`), a recipe (`recipe`,
/// `recipe.m4`, `recipe.m4_callback`, `recipe.exotic_payout`, `recipe.corefy_callback`).
/// `flow` and `flow.from_json` are made from a gateway ([`Object::spawn`]); asked for here,
/// their first argument is not a gateway: `invalid_argument` naming `gateway`.
pub fn construct(class: &str, args: Vec<Value>) -> Result<Object> {
    let mut x = Args(args.into_iter());
    Ok(match class {
        "m4" | "exotic" | "corefy" => Object::Gateway(gateway(Provider::from_name(class)?, x.0.collect())?),
        "flow" | "flow.from_json" => {
            let got = x.next();
            return Err(invalid_argument("gateway", "a gateway (M4, Exotic or Corefy)", &got));
        }
        "validator" => Object::Validator(Validator::from_rules(&x.next())?),
        "validator.from_corefy_prerequest" => {
            let json = x.text("json")?;
            Object::Validator(Validator::from_corefy_prerequest(&json, &x.text("service")?)?)
        }
        "validator.from_m4_account_info_config" => Object::Validator(Validator::from_m4_account_info_config(&x.text("json")?)?),
        "validator.for_exotic" => Object::Validator(Validator::for_exotic(&x.text("payment_method")?)?),
        #[cfg(feature = "dfa-search")]
        "validator.from_bundle" => Object::Validator(Validator::from_bundle(&bundle_arg(&x.next())?)?),
        "recipe" => {
            let spec = x.next();
            if !matches!(spec, Value::Map(_)) {
                return Err(invalid_argument("spec", "a recipe spec (a mapping)", &spec));
            }
            Object::Recipe(Recipe::from_spec(&spec)?)
        }
        "recipe.m4" => Object::Recipe(m4::recipe(&x.text("method")?)?),
        "recipe.m4_callback" => Object::Recipe(m4::callback_recipe()),
        "recipe.exotic_payout" => {
            let pm = x.text("payment_method")?;
            Object::Recipe(exotic::recipe(exotic::payment_method_named(&pm)?))
        }
        "recipe.corefy_callback" => Object::Recipe(corefy::callback_recipe()),
        "m4.signer" => {
            let recipe = m4::recipe(&x.text("method")?)?;
            Object::Signer(Signer::new(recipe, x.secret("secret")?)?)
        }
        "exotic.signer" => {
            let recipe = exotic::recipe(exotic::payment_method_named(&x.text("payment_method")?)?);
            Object::Signer(Signer::new(recipe, x.secret("sign_key")?)?)
        }
        _ => return Err(Error::field(ErrorCode::UnknownMethod, "class", "no such payoutkit class")),
    })
}

/// The `now` argument of a flow event (unix seconds; null: `clock`).
fn now(x: &mut Args, clock: i64) -> Result<i64> {
    http::unix_time(&x.next(), clock)
}

fn action(a: Result<Action>) -> Result<Value> {
    a.map(|a| a.to_value())
}

impl Object {
    /// Make an object from this one: a flow from a gateway (`flow(provider, params,
    /// options)`, `flow_from_json(provider, state)`); `provider` is the flow class's provider,
    /// which the gateway must match.
    pub fn spawn(&self, method: &str, args: Vec<Value>) -> Result<Object> {
        let mut x = Args(args.into_iter());
        if let (Object::Recipe(r), "signer") = (self, method) {
            return Ok(Object::Signer(Signer::new(r.clone(), x.secret(r.secret_name)?)?));
        }
        let Object::Gateway(gw) = self else {
            return Err(invalid_argument("gateway", "a gateway (M4, Exotic or Corefy)", &Value::Other(self.class_name().into())));
        };
        let provider = Provider::from_name(&x.text("provider")?)?;
        if gw.provider() != provider {
            let expected = format!("an {} gateway", provider.class_name());
            return Err(invalid_argument("gateway", &expected, &Value::Other(gw.provider().class_name().into())));
        }
        match method {
            "flow" => {
                let (params, options) = (x.next(), x.next());
                Ok(Object::Flow(alloc::boxed::Box::new(PayoutFlow::new(gw.clone(), &params, &options)?)))
            }
            "flow_from_json" => Ok(Object::Flow(alloc::boxed::Box::new(PayoutFlow::from_json(gw.clone(), &x.text("state")?)?))),
            _ => Err(Error::field(ErrorCode::UnknownMethod, "method", "no such method")),
        }
    }

    /// A method whose first argument is params, read in place by the binding (the hot path
    /// of `Recipe.sign` / `verify` / `string_to_sign` and `Validator.validate`).
    pub fn call_with_params(&self, method: &str, params: crate::value::Params<'_>, args: Vec<Value>) -> Result<Value> {
        let mut x = Args(args.into_iter());
        match (self, method) {
            (Object::Recipe(r), "sign") => r.sign(params, &x.secret(r.secret_name)?).map(Value::from),
            (Object::Recipe(r), "verify") => {
                let secret = x.secret(r.secret_name)?;
                r.verify(params, &secret, &x.text("signature")?).map(Value::from)
            }
            (Object::Recipe(r), "string_to_sign") => r.string_to_sign(params).map(Value::from),
            (Object::Validator(v), "validate") => {
                let (locale, partial) = (x.next(), x.next());
                v.validate_args(params, &locale, &partial).map(|r| r.to_value())
            }
            (Object::Signer(sg), "sign") => sg.sign(params).map(Value::from),
            _ => Err(Error::field(ErrorCode::UnknownMethod, "method", "no such method")),
        }
    }

    /// The class name users see (`M4`, `PayoutFlow`, `Validator`, `Recipe`).
    pub fn class_name(&self) -> &'static str {
        match self {
            Object::Gateway(g) => g.provider().class_name(),
            Object::Flow(_) => "PayoutFlow",
            Object::Validator(_) => "Validator",
            Object::Recipe(_) => "Recipe",
            Object::Signer(_) => "Signer",
        }
    }

    /// Call a method with positional arguments; `clock` (unix seconds) is the host's clock
    /// for `now` arguments left out.
    pub fn call(&mut self, method: &str, args: Vec<Value>, clock: i64) -> Result<Value> {
        let mut x = Args(args.into_iter());
        let unknown = || Error::field(ErrorCode::UnknownMethod, "method", "no such method");
        match self {
            Object::Gateway(gw) => match method {
                // request(endpoint, fields, positional)
                "request" => {
                    let endpoint = x.text("endpoint")?;
                    let (fields, positional) = (x.next(), x.next());
                    Ok(gw.request_with(&endpoint, &positional, &fields, clock)?.to_value())
                }
                "fingerprint" => Ok(gw.fingerprint().into()),
                "provider" => Ok(gw.provider().name().into()),
                // callback_verdict(body, headers, callback_secret)
                "callback_verdict" => {
                    let (body, headers, secret) = (x.next(), x.next(), x.next());
                    crate::explain::callback_verdict(gw, &body, &headers, &secret)
                }
                "parse_verified_callback" => match gw {
                    Gateway::Exotic(c) => c.parse_verified_callback(&x.next()),
                    _ => Err(Error::general(ErrorCode::NotConfigured, "use the provider's parse_verified_callback function")),
                },
                _ => Err(unknown()),
            },
            Object::Flow(f) => match method {
                "start" => action(f.start(now(&mut x, clock)?)),
                "on_response" => {
                    let (status, body) = (http::http_status(&x.next())?, x.next());
                    action(f.on_response(status, &body, now(&mut x, clock)?))
                }
                "on_timeout" => action(f.on_timeout(now(&mut x, clock)?)),
                "on_wake" => action(f.on_wake(now(&mut x, clock)?)),
                "resume" => action(f.resume(now(&mut x, clock)?)),
                "on_callback" => {
                    let body = x.next();
                    action(f.on_callback(&body, now(&mut x, clock)?))
                }
                "to_json" => Ok(f.to_json().into()),
                "creates_sent" => Ok(f.creates_sent().into()),
                "done" => Ok(f.is_done().into()),
                _ => Err(unknown()),
            },
            Object::Validator(v) => match method {
                "validate" => {
                    let (values, locale, partial) = (x.next(), x.next(), x.next());
                    Ok(v.validate_args(&values, &locale, &partial)?.to_value())
                }
                // fields(locale = "en"): what a form shows for each field.
                "fields" => {
                    let l = x.next();
                    let locale = optional_text(&l, "locale")?.unwrap_or("en");
                    Ok(Value::List(v.fields(locale).iter().map(|f| f.to_value()).collect()))
                }
                // bundle(): the validator for the checkout entry, as base64 text.
                #[cfg(feature = "dfa-build")]
                "bundle" => {
                    use base64::Engine as _;
                    Ok(base64::engine::general_purpose::STANDARD.encode(v.to_bundle()).into())
                }
                _ => Err(unknown()),
            },
            Object::Recipe(r) => match method {
                "sign" => {
                    let p = x.next();
                    Ok(r.sign(&p, &x.secret(r.secret_name)?)?.into())
                }
                "verify" => {
                    let (p, s, g) = (x.next(), x.secret(r.secret_name)?, x.text("signature")?);
                    Ok(r.verify(&p, &s, &g)?.into())
                }
                "string_to_sign" => Ok(r.string_to_sign(&x.next())?.into()),
                "redacted_string_to_sign" => Ok(r.redacted_string_to_sign(&x.next())?.into()),
                "spec" => Ok(r.to_spec()),
                _ => Err(unknown()),
            },
            Object::Signer(sg) => match method {
                "fields" => Ok(sg.fields().map_or(Value::Null, |f| Value::List(f.into_iter().map(Value::from).collect()))),
                "sign" => Ok(sg.sign(crate::value::Params::from(&x.next()))?.into()),
                _ => Err(unknown()),
            },
        }
    }
}

// ------------------------------------------------------------------------------- JSON forms

/// A value as tagged JSON (what flow state stores): maps as ordered pairs (`$map`), integers
/// beyond i64 as `$bigint` text, floats as their exact text (`$float`), decimals as `$decimal`,
/// bytes as `$bytes_hex`. [`from_tagged_json`] restores exactly the same value whatever
/// serde_json's features.
pub fn tagged_json(v: &Value) -> serde_json::Value {
    use serde_json::{json, Value as J};
    match v {
        Value::Null | Value::Other(_) => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Str(s) => J::String(s.clone()),
        Value::Int(i) => i64::try_from(*i).map_or_else(|_| json!({"$bigint": i.to_string()}), J::from),
        Value::Float(f) => json!({"$float": float_text(*f)}),
        Value::Decimal(d) => json!({"$decimal": d}),
        Value::Bytes(b) => json!({"$bytes_hex": const_hex::encode(b)}),
        Value::List(l) => J::Array(l.iter().map(tagged_json).collect()),
        Value::Map(m) => json!({"$map": m.iter().map(|(k, v)| json!([k, tagged_json(v)])).collect::<Vec<_>>()}),
    }
}

/// The exact text of a float (`NaN`, `Infinity`, `-Infinity`, or Rust's shortest
/// round-trip text, which `str::parse` reads back bit for bit).
fn float_text(f: f64) -> String {
    if f.is_nan() {
        String::from("NaN")
    } else if f.is_infinite() {
        String::from(if f > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        format!("{f:?}")
    }
}

fn parse_float(s: &str) -> Option<f64> {
    match s {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        other => other.parse().ok(),
    }
}

/// Read [`tagged_json`] back (also the tags of state written by payoutkit 0.1: `$int`,
/// `$f64_bits`). `None`-like errors are `invalid_json`.
pub fn from_tagged_json(v: &serde_json::Value, depth: usize) -> Result<Value> {
    use serde_json::Value as J;
    let bad = || Error::general(ErrorCode::InvalidJson, "not a tagged value");
    if depth > MAX_DEPTH {
        return Err(bad());
    }
    Ok(match v {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::String(s) => Value::Str(s.clone()),
        J::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::Int(i.into()),
            (_, Some(u)) => Value::Int(u.into()),
            _ => Value::Float(n.as_f64().ok_or_else(bad)?),
        },
        J::Array(items) => Value::List(items.iter().map(|i| from_tagged_json(i, depth + 1)).collect::<Result<_>>()?),
        J::Object(o) if o.len() == 1 => {
            let (tag, inner) = o.iter().next().ok_or_else(bad)?;
            match (tag.as_str(), inner) {
                ("$int" | "$bigint", J::String(s)) => s.parse().map(Value::Int).unwrap_or_else(|_| Value::Decimal(s.clone())),
                ("$float", J::String(s)) => Value::Float(parse_float(s).ok_or_else(bad)?),
                ("$f64_bits", J::Number(n)) => Value::Float(f64::from_bits(n.as_u64().ok_or_else(bad)?)),
                ("$decimal", J::String(s)) => Value::Decimal(s.clone()),
                ("$bytes_hex", J::String(s)) => Value::Bytes(hex::decode(s).map_err(|_| bad())?),
                ("$map", J::Array(pairs)) => {
                    let mut m = Map::with_capacity(pairs.len());
                    for pair in pairs {
                        let (Some(J::String(k)), Some(v)) = (pair.get(0), pair.get(1)) else { return Err(bad()) };
                        if m.get(k).is_some() {
                            return Err(bad());
                        }
                        m.push_unique(k.clone(), from_tagged_json(v, depth + 1)?);
                    }
                    Value::Map(m)
                }
                _ => return Err(bad()),
            }
        }
        J::Object(_) => return Err(bad()),
    })
}

/// Decode the arguments a JS binding sends: a JSON array of values, objects in their order,
/// with tags for what JSON cannot say: `{"$bigint": "…"}`, `{"$float": "NaN"}` (numbers
/// that are not safe integers), `{"$bytes": "<UTF-8 text>"}` / `{"$bytes_hex": "…"}`
/// (Uint8Array), `{"$other": "<type name>"}` (functions, symbols, strings with a lone
/// surrogate, structures nested too deeply), `{"$map": [[k, v], …]}` (an object whose one key
/// looks like a tag).
pub fn decode_args(text: &str) -> Result<Vec<Value>> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(text);
    let v = Seed(0).deserialize(&mut de).map_err(|e| Error::general(ErrorCode::InvalidJson, format!("binding arguments: {e}")))?;
    de.end().map_err(|e| Error::general(ErrorCode::InvalidJson, format!("binding arguments: {e}")))?;
    match v {
        Value::List(items) => Ok(items),
        other => Ok(alloc::vec![other]),
    }
}

/// Decode one value a JS binding sends (see [`decode_args`]).
pub fn decode_value(text: &str) -> Result<Value> {
    use serde::de::DeserializeSeed;
    let bad = |e: serde_json::Error| Error::general(ErrorCode::InvalidJson, format!("binding argument: {e}"));
    let mut de = serde_json::Deserializer::from_str(text);
    let v = Seed(0).deserialize(&mut de).map_err(bad)?;
    de.end().map_err(bad)?;
    Ok(v)
}

/// An error as the JSON text the JS bindings throw: `{"code", "field", "message"}`.
pub fn error_json(e: &Error) -> String {
    serde_json::json!({"code": e.code().as_str(), "field": e.field_name(), "message": e.message()}).to_string()
}

/// The public API as data, for the bindings' generated stubs and runtime tables: every
/// operation (name, JS name, arguments, return kind, doc), every provider (gateway class,
/// constructor arguments, endpoint rows), the error codes and the outcome kinds.
pub fn describe() -> Value {
    let arg = |a: &Arg| Value::Map(Map::new().with("name", a.name).with("js_name", a.js_name).with("kind", a.kind).with("optional", a.optional));
    let ops: Vec<Value> = OPS
        .iter()
        .map(|o| {
            Value::Map(
                Map::new()
                    .with("name", o.name)
                    .with("js_name", o.js_name)
                    .with("args", Value::List(o.args.iter().map(arg).collect()))
                    .with("returns", o.returns)
                    .with("doc", o.doc),
            )
        })
        .collect();
    let providers: Vec<Value> = Provider::ALL
        .iter()
        .map(|p| {
            let args: Vec<Value> = p
                .constructor_args()
                .iter()
                .map(|a| Value::Map(Map::new().with("name", a.name).with("js_name", a.js_name).with("kind", a.kind).with("optional", a.optional)))
                .collect();
            Value::Map(Map::new().with("name", p.name()).with("class", p.class_name()).with("args", Value::List(args)).with("endpoints", endpoint_rows(*p)))
        })
        .collect();
    Value::Map(
        Map::new()
            .with("version", env!("CARGO_PKG_VERSION"))
            .with("ops", Value::List(ops))
            .with("providers", Value::List(providers))
            .with("error_codes", Value::List(ErrorCode::ALL.iter().map(|c| Value::from(c.as_str())).collect()))
            .with("m4_methods", Value::List(m4::METHODS.iter().map(|m| Value::from(m.path)).collect()))
            .with("kinds", Value::List(crate::http::Kind::ALL.iter().map(|k| Value::from(k.as_str())).collect())),
    )
}

/// Deserialises one tagged value, keeping object order.
struct Seed(usize);

impl<'de> serde::de::DeserializeSeed<'de> for Seed {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> core::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Seed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a tagged JSON value")
    }
    fn visit_unit<E>(self) -> core::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, b: bool) -> core::result::Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> core::result::Result<Value, E> {
        Ok(Value::Int(i.into()))
    }
    fn visit_u64<E>(self, u: u64) -> core::result::Result<Value, E> {
        Ok(Value::Int(u.into()))
    }
    fn visit_f64<E>(self, f: f64) -> core::result::Result<Value, E> {
        Ok(Value::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> core::result::Result<Value, E> {
        Ok(Value::Str(s.into()))
    }
    fn visit_string<E>(self, s: String) -> core::result::Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> core::result::Result<Value, A::Error> {
        if self.0 > MAX_DEPTH {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            return Ok(Value::Other("structure nested too deeply".into()));
        }
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(Seed(self.0 + 1))? {
            items.push(v);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> core::result::Result<Value, A::Error> {
        if self.0 > MAX_DEPTH {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
            return Ok(Value::Other("structure nested too deeply".into()));
        }
        let mut m = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(Seed(self.0 + 1))?;
            m.insert(k, v);
        }
        Ok(untag(m))
    }
}

/// A one-key object whose key is a transport tag, as the value it stands for.
fn untag(m: Map) -> Value {
    if m.len() != 1 {
        return Value::Map(m);
    }
    let Some((tag, inner)) = m.iter().next() else { return Value::Map(m) };
    match (tag, inner) {
        ("$bigint", Value::Str(s)) => s.parse().map(Value::Int).unwrap_or_else(|_| Value::Decimal(s.clone())),
        ("$decimal", Value::Str(s)) => Value::Decimal(s.clone()),
        ("$float", Value::Str(s)) => parse_float(s).map_or_else(|| Value::Other("number".into()), Value::Float),
        ("$bytes", Value::Str(s)) => Value::Bytes(s.as_bytes().to_vec()),
        ("$bytes_hex", Value::Str(s)) => hex::decode(s).map_or_else(|_| Value::Other("bytes".into()), Value::Bytes),
        ("$other", Value::Str(s)) => Value::Other(s.clone()),
        ("$map", Value::List(pairs)) => {
            let mut out = Map::with_capacity(pairs.len());
            for pair in pairs {
                if let Value::List(kv) = pair
                    && let (Some(Value::Str(k)), Some(v)) = (kv.first(), kv.get(1))
                {
                    out.insert(k.as_str(), v.clone());
                }
            }
            Value::Map(out)
        }
        _ => Value::Map(m.clone()),
    }
}

/// A core value as the JSON text a JS binding hands to `JSON.parse`: objects in order,
/// decimal text as strings, integers beyond ±(2^53-1) as `{"$bigint": "…"}` (a JS number
/// would change them; the JS layer makes them BigInts), bytes as text.
pub fn to_host_json(v: &Value) -> String {
    serde_json::to_string(&HostJson(v)).unwrap_or_else(|_| String::from("null"))
}

struct HostJson<'a>(&'a Value);

impl serde::Serialize for HostJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Value::Null | Value::Other(_) => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Str(t) | Value::Decimal(t) => s.serialize_str(t),
            Value::Int(i) if i.unsigned_abs() <= crate::value::MAX_SAFE_FLOAT_INT as u128 => s.serialize_i64(*i as i64),
            Value::Int(i) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("$bigint", &i.to_string())?;
                m.end()
            }
            Value::Float(f) if f.is_finite() => s.serialize_f64(*f),
            Value::Float(_) => s.serialize_unit(),
            Value::Bytes(b) => s.serialize_str(&String::from_utf8_lossy(b)),
            Value::List(l) => {
                let mut seq = s.serialize_seq(Some(l.len()))?;
                for v in l {
                    seq.serialize_element(&HostJson(v))?;
                }
                seq.end()
            }
            Value::Map(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m.iter() {
                    map.serialize_entry(k, &HostJson(v))?;
                }
                map.end()
            }
        }
    }
}
