//! For the people who debug integrations: what a pasted request or callback signs, and
//! whether its signature matches ([`explain`]); and the verdict on a callback a web handler
//! received ([`callback_verdict`]). Both command lines (`payoutkit explain` / `verify`) and
//! both workers print or act on these: no binding holds a provider rule (which M4 method a
//! path is, which header or field carries a signature, what a body looks like).

use crate::error::{Error, ErrorCode, Result};
use crate::gateway::Gateway;
use crate::http;
use crate::recipe::{Fields, Recipe};
use crate::secret::Secret;
use crate::value::{Map, Value};
use crate::{corefy, exotic, m4};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use base64::Engine as _;

/// What [`explain`] can explain (`kind`): an M4 request, an exotic `create_pay_out`, an M4
/// callback, a Corefy callback, an exotic callback (with the `standart_sign` recipe), a
/// Corefy private API request (Basic auth, no body signature), any body by a recipe.
pub const KINDS: &[&str] = &["m4", "exotic", "m4-callback", "corefy-callback", "exotic-callback", "corefy", "recipe"];

/// A pasted HTTP request (request line, headers, blank line, body) or a bare body.
#[derive(Debug, Default)]
struct Pasted {
    method: Option<String>,
    path: Option<String>,
    headers: Vec<(String, String)>,
    body: String,
}

impl Pasted {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn starts_body(s: &str) -> bool {
    s.starts_with('{') || s.starts_with('[')
}

/// Split a pasted request; a text that starts with `{` or `[` is a bare body (kept as is
/// but for leading white space: a raw body is signed byte for byte).
fn split_http(text: &str) -> Pasted {
    let stripped = text.trim_start();
    if starts_body(stripped) {
        return Pasted { body: stripped.into(), ..Pasted::default() };
    }
    let norm = stripped.replace("\r\n", "\n");
    let (head, rest) = match norm.split_once("\n\n") {
        Some((h, b)) => (h, Some(b)),
        None => (norm.as_str(), None),
    };
    let mut lines: Vec<&str> = head.split('\n').collect();
    let mut out = Pasted::default();
    let first: Vec<&str> = lines.first().map(|l| l.split_whitespace().collect()).unwrap_or_default();
    if let (Some(m), Some(p)) = (first.first(), first.get(1))
        && first.len() >= 2
        && m.chars().all(|c| c.is_ascii_uppercase())
    {
        out.method = Some((*m).into());
        out.path = Some((*p).into());
        lines.remove(0);
    }
    let mut body = rest.map(String::from);
    for (i, line) in lines.iter().enumerate() {
        match line.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() && !starts_body(line.trim_start()) => {
                out.headers.push((name.trim().into(), value.trim().into()));
            }
            _ if starts_body(line.trim_start()) => {
                // No blank line before the body.
                let mut b = lines.get(i..).unwrap_or_default().join("\n");
                if let Some(r) = rest {
                    b.push_str("\n\n");
                    b.push_str(r);
                }
                body = Some(b);
                break;
            }
            _ => {}
        }
    }
    out.body = body.unwrap_or_default().trim().into();
    out
}

/// The M4 method a path names (its last segments), or `forced`.
fn m4_method(path: Option<&str>, forced: Option<&str>) -> Option<&'static str> {
    if let Some(f) = forced {
        return m4::METHODS.iter().find(|m| m.path == f).map(|m| m.path);
    }
    let clean = path?.split('?').next().unwrap_or_default().trim_end_matches('/');
    let mut methods: Vec<&'static str> = m4::METHODS.iter().map(|m| m.path).collect();
    methods.sort_by_key(|m| core::cmp::Reverse(m.len()));
    methods.into_iter().find(|m| clean == *m || clean.strip_suffix(m).is_some_and(|head| head.ends_with('/')))
}

fn text_opt<'a>(opts: &'a Map, key: &'static str) -> Result<Option<&'a str>> {
    match opts.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(other) => Err(crate::value::invalid_argument(key, "a string", other)),
    }
}

fn usage(field: &'static str, message: impl Into<String>) -> Error {
    Error::field(ErrorCode::InvalidArgument, field, message.into())
}

/// A JSON value shown on one line (the recipe spec).
fn json_line(v: &Value) -> String {
    serde_json::Value::from(v).to_string()
}

/// The report as it is built: the printed lines and the facts beside them.
struct Report {
    lines: Vec<String>,
    out: Map,
}

impl Report {
    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(http::mask_card_numbers(&s.into()).into_owned());
    }
}

fn names_value(v: &[String]) -> Value {
    Value::List(v.iter().map(|s| Value::from(s.as_str())).collect())
}

/// The recipe part of a report: which fields went in, the string to sign with the secret as
/// `***`, the signature sent and, given the secret, computed and compared.
fn explain_recipe(r: &mut Report, recipe: &Recipe, params: &Value, secret: Option<&Secret>, signature: Option<&str>, title: &str) {
    let spec = recipe.to_spec();
    r.line(format!("what: {title}"));
    r.line(format!("recipe: {}", json_line(&spec)));
    r.out.insert("recipe", spec);
    let map = match params {
        Value::Map(m) => Some(m),
        _ => None,
    };
    let mut signed: Option<Vec<String>> = None;
    let (mut missing, mut unsigned) = (Vec::new(), Vec::new());
    match &recipe.fields {
        Fields::Listed(n) | Fields::Sorted(n) => {
            let names: Vec<String> = n.iter().map(String::from).collect();
            for f in &names {
                if map.and_then(|m| m.get(f)).is_none_or(|v| v.is_null_or_empty()) {
                    missing.push(f.clone());
                }
            }
            r.line(format!("signed fields, in order: {}", names.join(", ")));
            if !missing.is_empty() {
                r.line(format!("  missing: {}", missing.join(", ")));
            }
            if let Some(m) = map {
                unsigned = m
                    .iter()
                    .map(|(k, _)| k)
                    .filter(|k| !names.iter().any(|n| n == k) && *k != m4::SIGN_FIELD && *k != "standart_sign")
                    .map(String::from)
                    .collect();
                if !unsigned.is_empty() {
                    r.line(format!("sent but not signed: {}", unsigned.join(", ")));
                }
            }
            signed = Some(names);
        }
        Fields::AllNonEmpty { exclude } => {
            let mut went: Vec<String> = map
                .map(|m| m.iter().filter(|(k, v)| !v.is_null_or_empty() && !exclude.iter().any(|e| e == *k)).map(|(k, _)| String::from(k)).collect())
                .unwrap_or_default();
            went.sort_unstable();
            let mut ex: Vec<&str> = exclude.iter().collect();
            ex.sort_unstable();
            let ex = if ex.is_empty() { String::from("none") } else { ex.join(", ") };
            r.line(format!("signed fields: every field that is not null or empty, sorted, except {ex}: {}", went.join(", ")));
            signed = Some(went);
        }
        Fields::RawBody => r.line("signed: the raw body, byte for byte, as received"),
    }
    r.out.insert("signed_fields", signed.as_deref().map_or(Value::Null, names_value));
    r.out.insert("missing", names_value(&missing));
    r.out.insert("unsigned", names_value(&unsigned));
    match recipe.redacted_string_to_sign(params) {
        Ok(line) => {
            r.line(format!("string to sign (secret as ***): {line}"));
            r.out.insert("string_to_sign", http::mask_card_numbers(&line).into_owned());
        }
        Err(e) => {
            r.line(format!("string to sign: cannot be built: {} {}: {}", e.code().as_str(), e.field_name().unwrap_or_default(), e.message()));
            r.out.insert("error", Map::new().with("code", e.code().as_str()).with("field", e.field_name().map_or(Value::Null, Value::from)).with("message", e.message()));
            r.out.insert("ok", false);
            return;
        }
    }
    if let Some(sig) = signature {
        r.line(format!("signature sent: {sig}"));
    }
    if let Some(secret) = secret {
        match recipe.sign(params, secret) {
            Ok(computed) => {
                r.line(format!("signature computed with your secret: {computed}"));
                r.out.insert("computed", computed);
            }
            Err(e) => r.line(format!("signature cannot be computed: {} {}", e.code().as_str(), e.field_name().unwrap_or_default())),
        }
        if let Some(sig) = signature {
            let ok = recipe.verify(params, secret, sig).unwrap_or(false);
            r.line(if ok { "match: yes" } else { "match: NO" });
            r.out.insert("match", ok);
            r.out.insert("ok", ok);
        }
    }
}

/// Explain a pasted request or callback: what it is, which fields went into its signature
/// (missing ones, and ones sent but not signed), the string to sign with the secret as
/// `***`, the signature it carries and, with a secret, the signature computed and whether it
/// matches. `text` is a pasted HTTP request (request line, headers, blank line, body) or a
/// bare body. `options`: `kind` (one of [`KINDS`]; default: told from the text), `method`
/// (the M4 method when the path does not say), `secret`, `signature` (when the text does
/// not carry it: Corefy's `X-Signature` header; `sign` / `standart_sign` body fields),
/// `recipe` (a recipe spec: exotic callbacks and `recipe`).
///
/// Returns a mapping: `kind`, `title`, `request` (`"POST /path"` or null), `method`,
/// `recipe` (its spec), `signed_fields`, `missing`, `unsigned`, `string_to_sign`,
/// `signature` (sent), `computed` (with a secret), `match` (with a secret and a signature:
/// true or false; else null), `ok` (false when the string cannot be built or the signature
/// does not match), `error`, and `lines`: the report as printed, card numbers masked.
/// `invalid_argument` when the text cannot be told apart (`kind`), an M4 method is needed
/// (`method`), a recipe is needed (`recipe`) or the body is not a JSON object (`body`).
pub fn explain(text: &str, options: &Value) -> Result<Value> {
    let empty = Map::new();
    let opts = match options {
        Value::Null => &empty,
        other => other.as_map("options")?,
    };
    let forced_kind = text_opt(opts, "kind")?;
    if let Some(k) = forced_kind
        && !KINDS.contains(&k)
    {
        return Err(usage("kind", format!("kind must be one of: {}", KINDS.join(", "))));
    }
    let forced_method = text_opt(opts, "method")?;
    if let Some(m) = forced_method {
        m4::method(m)?;
    }
    let secret = match opts.get("secret") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.clone().into_secret("secret")?),
    };
    let given_signature = text_opt(opts, "signature")?;
    let recipe_spec = opts.get("recipe").filter(|v| !matches!(v, Value::Null));
    let pasted = split_http(text);
    let params: Option<Value> = if pasted.body.is_empty() {
        None
    } else if pasted.body.trim_start().starts_with('{') {
        crate::payload::parse_json_object(pasted.body.as_bytes()).ok().map(Value::Map)
    } else {
        crate::payload::parse_flat(pasted.body.as_bytes()).ok()
    };
    let pmap = match &params {
        Some(Value::Map(m)) => Some(m),
        _ => None,
    };
    let has = |k: &str| pmap.is_some_and(|m| m.get(k).is_some());
    let auth = pasted.header("Authorization");
    let x_signature = pasted.header(corefy::SIGNATURE_HEADER);
    let mut r = Report { lines: Vec::new(), out: Map::new() };
    let request = pasted.method.as_ref().map(|m| format!("{m} {}", pasted.path.as_deref().unwrap_or_default()));
    if let Some(req) = &request {
        r.line(format!("request: {req}"));
    }
    let kind: &str = match forced_kind {
        Some(k) => k,
        None if x_signature.is_some()
            || (pmap.is_some_and(|m| matches!(m.get("data"), Some(Value::Map(_)))) && auth.is_none() && pasted.method.is_none()) =>
        {
            "corefy-callback"
        }
        None if has("standart_sign") => "exotic-callback",
        None if has("order_id") && has("payment_method") => "exotic",
        None if m4_method(pasted.path.as_deref(), forced_method).is_some()
            || (has("shop_id") && has(m4::SIGN_FIELD) && !["shop_order_id", "shop_refund_id", "status"].iter().any(|k| has(k))) =>
        {
            "m4"
        }
        None if has(m4::SIGN_FIELD) => "m4-callback",
        None if auth.is_some() => "corefy",
        None => {
            return Err(usage(
                "kind",
                "cannot tell what this is: give the kind (m4, exotic, m4-callback, corefy-callback, exotic-callback, corefy, recipe)",
            ));
        }
    };
    r.out.insert("kind", kind);
    r.out.insert("request", request.as_deref().map_or(Value::Null, Value::from));
    r.out.insert("match", Value::Null);
    r.out.insert("ok", true);
    let body_field = |k: &str| match pmap.and_then(|m| m.get(k)) {
        Some(Value::Str(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let user_recipe = || -> Result<Recipe> {
        match recipe_spec {
            Some(spec) => Recipe::from_spec(spec),
            None => Err(usage("recipe", "give the recipe (a recipe spec)")),
        }
    };
    let title: String;
    match kind {
        "corefy" => {
            title = String::from("a Corefy private API request: no body signature; HTTP Basic auth");
            r.line(format!("what: {title}"));
            match auth.and_then(|a| a.strip_prefix("Basic ")) {
                Some(b64) => {
                    let user = base64::engine::general_purpose::STANDARD
                        .decode(b64.trim())
                        .ok()
                        .and_then(|b| String::from_utf8(b).ok())
                        .map(|s| String::from(s.split(':').next().unwrap_or_default()));
                    match user {
                        Some(u) => r.line(format!("Authorization: Basic, account id {u:?}, API key *** (not shown)")),
                        None => r.line("Authorization: Basic, but not base64 of account_id:api_key"),
                    }
                }
                None => r.line("Authorization: missing (the private API needs Basic account_id:api_key)"),
            }
        }
        "corefy-callback" => {
            title = String::from("a Corefy callback: X-Signature = base64(sha1(secret + raw body + secret))");
            let signature = x_signature.map(String::from).or_else(|| given_signature.map(String::from));
            r.out.insert("signature", signature.as_deref().map_or(Value::Null, Value::from));
            let raw = Value::from(pasted.body.as_str());
            explain_recipe(&mut r, &corefy::callback_recipe(), &raw, secret.as_ref(), signature.as_deref(), &title);
            if text.trim_start().starts_with('{') && (text.trim_start() != text.trim() || text.contains('\r')) {
                r.line("note: the raw body is signed byte for byte: a pasted body may have lost or gained white space");
            }
        }
        _ => {
            let Some(params) = params.as_ref().filter(|p| matches!(p, Value::Map(_))) else {
                return Err(usage("body", "the body is not a JSON object"));
            };
            let sent = |field: &str| body_field(field).or_else(|| given_signature.map(String::from));
            match kind {
                "m4" => {
                    let m = m4_method(pasted.path.as_deref(), forced_method)
                        .ok_or_else(|| usage("method", format!("which M4 method? give the method (one of: {})", m4_methods())))?;
                    r.out.insert("method", m);
                    title = format!("an M4 request, method {m}");
                    let sig = sent(m4::SIGN_FIELD);
                    r.out.insert("signature", sig.as_deref().map_or(Value::Null, Value::from));
                    explain_recipe(&mut r, &m4::recipe(m)?, params, secret.as_ref(), sig.as_deref(), &title);
                }
                "m4-callback" => {
                    title = String::from("an M4 callback (invoice or refund)");
                    let sig = sent(m4::SIGN_FIELD);
                    r.out.insert("signature", sig.as_deref().map_or(Value::Null, Value::from));
                    explain_recipe(&mut r, &m4::callback_recipe(), params, secret.as_ref(), sig.as_deref(), &title);
                }
                "exotic" => {
                    let pm = body_field("payment_method").unwrap_or_default();
                    let method = exotic::payment_method_named(&pm)
                        .map_err(|e| Error::field(e.code(), "payment_method", format!("payment_method {pm:?}: {}", e.message())))?;
                    title = format!("an exotic create_pay_out ({pm})");
                    let sig = sent(m4::SIGN_FIELD);
                    r.out.insert("signature", sig.as_deref().map_or(Value::Null, Value::from));
                    explain_recipe(&mut r, &exotic::recipe(method), params, secret.as_ref(), sig.as_deref(), &title);
                }
                "exotic-callback" => {
                    let sig = sent("standart_sign");
                    r.out.insert("signature", sig.as_deref().map_or(Value::Null, Value::from));
                    if recipe_spec.is_none() {
                        title = String::from("an exotic callback; its standart_sign is undocumented: give the recipe to explain it");
                        r.line(format!("what: {title}"));
                        r.line(format!("standart_sign sent: {}", sig.as_deref().unwrap_or("None")));
                    } else {
                        let fields: Map = pmap.map(|m| m.iter().filter(|(k, _)| *k != "standart_sign").map(|(k, v)| (k, v.clone())).collect()).unwrap_or_default();
                        title = String::from("an exotic callback (standart_sign, as your recipe says)");
                        explain_recipe(&mut r, &user_recipe()?, &Value::Map(fields), secret.as_ref(), sig.as_deref(), &title);
                    }
                }
                _ => {
                    // "recipe": any body, by the recipe given.
                    title = String::from("a signature by your recipe");
                    let sig = given_signature.map(String::from);
                    r.out.insert("signature", sig.as_deref().map_or(Value::Null, Value::from));
                    explain_recipe(&mut r, &user_recipe()?, params, secret.as_ref(), sig.as_deref(), &title);
                }
            }
        }
    }
    r.out.insert("title", title);
    r.out.insert("lines", Value::List(r.lines.into_iter().map(Value::from).collect()));
    Ok(Value::Map(r.out))
}

fn m4_methods() -> String {
    m4::METHODS.iter().map(|m| m.path).collect::<Vec<_>>().join(", ")
}

/// The verdict on a callback a web handler received for `gateway`: `accepted` (its
/// signature verified by the core), `unverified` (an exotic gateway without a `standart_sign`
/// recipe: that signature is undocumented; the flow then trusts only the status request it
/// makes), `rejected` (no, or a wrong, signature; M4 documents no payout callbacks) or
/// `malformed` (authentic or unverifiable, but not a callback body). `headers`: a mapping
/// of the request's headers (any case); `callback_secret`: Corefy's callback secret.
///
/// Returns `{"verdict", "values"}`: `values` are the callback's values as text (its ids
/// among them), to find which payout it is about.
pub fn callback_verdict(gateway: &Gateway, body: &Value, headers: &Value, callback_secret: &Value) -> Result<Value> {
    body.as_body("body")?;
    let header = |name: &str| -> Option<Value> {
        match headers {
            Value::Map(m) => m.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone()),
            _ => None,
        }
    };
    let verdict = |v: &str, event: Option<Value>| {
        let values: Vec<Value> = match event {
            Some(Value::Map(m)) => m
                .iter()
                .filter(|(k, _)| *k != "kind")
                .filter_map(|(_, v)| match v {
                    Value::Str(s) if !s.is_empty() => Some(Value::from(s.as_str())),
                    Value::Int(i) => Some(Value::from(i.to_string())),
                    Value::Decimal(d) => Some(Value::from(d.as_str())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(Value::Map(Map::new().with("verdict", v).with("values", Value::List(values))))
    };
    match gateway {
        Gateway::M4(_) => verdict("rejected", None),
        Gateway::Corefy(_) => {
            let secret = match callback_secret {
                Value::Str(s) if !s.is_empty() => Secret::new(s.clone()),
                _ => return verdict("rejected", None),
            };
            let Some(signature) = header(corefy::SIGNATURE_HEADER) else { return verdict("rejected", None) };
            if !matches!(corefy::verify_callback(body, &signature, &secret), Ok(true)) {
                return verdict("rejected", None);
            }
            match corefy::parse_callback(body) {
                Ok(event) => verdict("accepted", Some(event)),
                Err(_) => verdict("malformed", None),
            }
        }
        Gateway::Exotic(client) => {
            let Ok(event) = exotic::parse_callback(body) else { return verdict("malformed", None) };
            if !client.has_standart_sign() {
                return verdict("unverified", Some(event));
            }
            match client.parse_verified_callback(body) {
                Ok(event) => verdict("accepted", Some(event)),
                Err(_) => verdict("rejected", None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &Value) -> Vec<String> {
        match v {
            Value::Map(m) => match m.get("lines") {
                Some(Value::List(l)) => l.iter().filter_map(|x| if let Value::Str(s) = x { Some(s.clone()) } else { None }).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    fn get<'a>(v: &'a Value, k: &str) -> Option<&'a Value> {
        match v {
            Value::Map(m) => m.get(k),
            _ => None,
        }
    }

    #[test]
    fn m4_request_from_its_path_with_a_secret() {
        let params = Map::new()
            .with("shop_id", 1520)
            .with("shop_order_id", "5b0efa8a-153b-4421-abac-2aba4d772a86")
            .with("amount", "6320.91")
            .with("currency", 840)
            .with("payway", "card_invoice_usd");
        let secret = Secret::new("account-secret-key");
        let sign = m4::sign("invoice/create", &Value::Map(params.clone()), &secret).unwrap();
        let body = serde_json::Value::from(&Value::Map(params.with("sign", sign.as_str()))).to_string();
        let text = format!("POST /gateway/v1/invoice/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{body}\r\n");
        let opts = Value::Map(Map::new().with("secret", "account-secret-key"));
        let out = explain(&text, &opts).unwrap();
        assert_eq!(get(&out, "kind"), Some(&Value::from("m4")));
        assert_eq!(get(&out, "method"), Some(&Value::from("invoice/create")));
        assert_eq!(get(&out, "match"), Some(&Value::Bool(true)));
        let l = lines(&out);
        assert_eq!(l.first().map(String::as_str), Some("request: POST /gateway/v1/invoice/create"));
        assert!(l.iter().any(|x| x == "string to sign (secret as ***): 6320.91:840:card_invoice_usd:1520:5b0efa8a-153b-4421-abac-2aba4d772a86***"), "{l:?}");
        // A wrong secret: no match.
        let bad = explain(&text, &Value::Map(Map::new().with("secret", "nope"))).unwrap();
        assert_eq!(get(&bad, "match"), Some(&Value::Bool(false)));
        assert_eq!(get(&bad, "ok"), Some(&Value::Bool(false)));
    }

    #[test]
    fn kinds_are_told_apart_and_cards_masked() {
        let corefy = explain(r#"{"data": {"id": "1"}}"#, &Value::Null).unwrap();
        assert_eq!(get(&corefy, "kind"), Some(&Value::from("corefy-callback")));
        let ex = explain(r#"{"order_id": "o1", "payment_method": "card", "fiat_amount": "10.00", "number_card": "4000000000000002", "fiat_currency": "rub"}"#, &Value::Null).unwrap();
        assert_eq!(get(&ex, "kind"), Some(&Value::from("exotic")));
        assert!(lines(&ex).iter().all(|l| !l.contains("4000000000000002")), "{:?}", lines(&ex));
        assert!(explain("hello", &Value::Null).is_err());
        let cb = explain(r#"{"standart_sign": "x", "order_id": "o"}"#, &Value::Null).unwrap();
        assert_eq!(get(&cb, "kind"), Some(&Value::from("exotic-callback")));
        let basic = explain("GET /api/x HTTP/1.1\nAuthorization: Basic Y29tYV8xOmtleQ==\n", &Value::Null).unwrap();
        assert!(lines(&basic).iter().any(|l| l.contains("account id \"coma_1\"")), "{:?}", lines(&basic));
        assert_eq!(m4_method(Some("/gateway/v1/withdraw/shop_payment_status?x=1"), None), Some("withdraw/shop_payment_status"));
        assert_eq!(m4_method(Some("/gateway/v1/xwithdraw/status"), None), None);
    }

    #[test]
    fn callback_verdicts() {
        let gw: Gateway = corefy::Client::new("coma_1", Secret::new("k"), "https://x.invalid/api", None).unwrap().into();
        let body = Value::from(r#"{"data": {"type": "payout-invoice", "id": "cpi_1", "attributes": {"status": "processed", "reference_id": "r1"}}}"#);
        let sig = corefy::callback_signature(&body, &Secret::new("s")).unwrap();
        let headers = Value::Map(Map::new().with("x-signature", sig.as_str()));
        let ok = callback_verdict(&gw, &body, &headers, &Value::from("s")).unwrap();
        assert!(matches!(get(&ok, "verdict"), Some(Value::Str(v)) if v == "accepted" || v == "malformed"), "{ok:?}");
        let bad = callback_verdict(&gw, &body, &headers, &Value::from("other")).unwrap();
        assert_eq!(get(&bad, "verdict"), Some(&Value::from("rejected")));
        let none = callback_verdict(&gw, &body, &Value::Null, &Value::from("s")).unwrap();
        assert_eq!(get(&none, "verdict"), Some(&Value::from("rejected")));
    }
}
