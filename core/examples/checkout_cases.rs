//! The full build's side of the checkout entry's tests and demo (issue 14), from the native
//! core (the code every full build runs):
//!
//! - `checkout_cases cases > FILE`: every validator of the corpus's `validate` /
//!   `validator.fields` cases as a bundle (base64), with the full build's `fields` JSON in
//!   four locales and its report JSON for the case's values, every prefix of them (as typed)
//!   and three locales: what `bindings-wasm/checkout/test` runs through the checkout module
//!   in Node and in Chromium.
//! - `checkout_cases bundle VSRC`: one validator's bundle (base64), VSRC as in
//!   tests/vectors/VALIDATION.md (`{"exotic":"card"}`, `{"rules":[...]}`, ...).
use base64::Engine as _;
use payoutkit::dynamic::to_host_json;
use payoutkit::{Map, Validator, Value};
use serde_json::{json, Value as J};

fn value(j: &J) -> Value {
    match j {
        J::Object(o) if o.len() == 1 && o.contains_key("$repeat") => {
            let r = &o["$repeat"];
            Value::Str(r[0].as_str().unwrap_or_default().repeat(r[1].as_u64().unwrap_or(0) as usize))
        }
        J::Object(o) if o.len() == 1 && o.contains_key("$float") => Value::Float(o["$float"].as_str().unwrap_or_default().parse().unwrap_or(f64::NAN)),
        J::Object(o) if o.len() == 1 && o.contains_key("$bigint") => {
            let s = o["$bigint"].as_str().unwrap_or_default();
            s.parse::<i128>().map(Value::Int).unwrap_or_else(|_| Value::Decimal(s.into()))
        }
        J::Object(o) if o.len() == 1 && o.contains_key("$bytes_hex") => Value::Bytes(hex::decode(o["$bytes_hex"].as_str().unwrap_or_default()).unwrap_or_default()),
        J::Object(o) if o.len() == 1 && o.contains_key("$lone_surrogate") => Value::Other("string with a lone surrogate".into()),
        J::Object(o) => o.iter().map(|(k, v)| (k.clone(), value(v))).collect::<Map>().into(),
        J::Array(a) => Value::List(a.iter().map(value).collect()),
        J::Number(n) if n.is_f64() => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        other => Value::from(other.clone()),
    }
}

fn validator(src: &J) -> Option<Validator> {
    let text = |k: &str| src[k].as_str().map(String::from);
    if let Some(rules) = src.get("rules") {
        Validator::from_rules(&value(rules)).ok()
    } else if let Some(j) = text("corefy_prerequest") {
        Validator::from_corefy_prerequest(&j, &text("service")?).ok()
    } else if let Some(j) = text("m4_account_info_config") {
        Validator::from_m4_account_info_config(&j).ok()
    } else {
        Validator::for_exotic(&text("exotic")?).ok()
    }
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// The report JSON, or the error as `{"error": {code, field}}`.
fn report(v: &Validator, values: &J, locale: &str, partial: bool) -> String {
    match v.validate(&value(values), locale, partial) {
        Ok(r) => to_host_json(&r.to_value()),
        Err(e) => json!({"error": {"code": e.code().as_str(), "field": e.field_name()}}).to_string(),
    }
}

fn cases() -> J {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/");
    let mut out = Vec::new();
    for file in ["validation.json", "bad-input.json", "robustness.json"] {
        let corpus: J = serde_json::from_str(&std::fs::read_to_string(format!("{dir}{file}")).unwrap_or_default()).unwrap_or_default();
        for c in corpus["cases"].as_array().into_iter().flatten() {
            if !matches!(c["op"].as_str(), Some("validate" | "validator.fields")) {
                continue;
            }
            let a = &c["args"];
            let Some(v) = validator(&a["validator"]) else { continue };
            let fields: serde_json::Map<String, J> = ["en", "ru", "uk", "de"]
                .iter()
                .map(|l| (l.to_string(), J::String(to_host_json(&Value::List(v.fields(l).iter().map(|f| f.to_value()).collect())))))
                .collect();
            let mut runs = Vec::new();
            if let Some(values) = a.get("values").filter(|v| v.is_object()) {
                let locale = a["locale"].as_str().unwrap_or("en");
                let partial = a["partial"].as_bool().unwrap_or(false);
                let mut tries = vec![(values.clone(), locale, partial), (values.clone(), "ru", !partial), (values.clone(), "uk", true)];
                let huge = values.as_object().into_iter().flatten().any(|(_, s)| s.get("$repeat").is_some() || s.as_str().is_some_and(|s| s.len() > 100_000));
                if huge {
                    tries.clear(); // the 10 MB values: core/tests/light.rs runs them
                } else {
                    for (k, s) in values.as_object().into_iter().flatten() {
                        let Some(s) = s.as_str() else { continue };
                        for (i, _) in s.char_indices().skip(1).take(64) {
                            let mut typed = values.clone();
                            typed[k] = J::String(s[..i].into());
                            tries.push((typed, "en", true));
                        }
                    }
                }
                for (vals, l, p) in tries {
                    let want = report(&v, &vals, l, p);
                    runs.push(json!({"values": vals, "locale": l, "partial": p, "want": want}));
                }
            }
            out.push(json!({"name": c["name"], "bundle": b64(&v.to_bundle()), "fields": fields, "runs": runs}));
        }
    }
    J::Array(out)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("cases") => println!("{}", cases()),
        Some("bundle") => {
            let src: J = serde_json::from_str(args.get(2).map_or("null", String::as_str)).unwrap_or_default();
            match validator(&src) {
                Some(v) => println!("{}", b64(&v.to_bundle())),
                None => {
                    eprintln!("not a validator source: {src}");
                    std::process::exit(2);
                }
            }
        }
        _ => {
            eprintln!("usage: checkout_cases cases | bundle VSRC");
            std::process::exit(2);
        }
    }
}
