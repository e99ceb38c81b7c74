//! The corpus runner for the Rust core (format: tests/vectors/FORMAT.md), shared by the host
//! test (`core/tests/vectors.rs`) and the same core compiled to WebAssembly
//! (`tests/wasm/vectors.rs`, run by wasm-bindgen-test in Node and in headless Chromium).

use payoutkit::flow::{Action, PayoutFlow};
use payoutkit::gateway::{Gateway, Provider};
use payoutkit::http::{self, Outcome};
use payoutkit::{corefy, exotic, m4, validate, Error, Map, Recipe, Validator, Value};
use serde_json::{json, Value as J};

/// JSON (with the corpus's `$bigint` / `$decimal` / `$bytes_hex` tags) to a core value.
fn value(j: &J) -> Value {
    match j {
        J::Object(o) if o.len() == 1 => {
            let (tag, v) = o.iter().next().unwrap();
            let s = v.as_str().unwrap_or_default();
            match tag.as_str() {
                "$float" => Value::Float(match s {
                    "NaN" => f64::NAN,
                    "Infinity" => f64::INFINITY,
                    "-Infinity" => f64::NEG_INFINITY,
                    other => other.parse().unwrap(),
                }),
                "$repeat" => Value::Str(v[0].as_str().unwrap().repeat(v[1].as_u64().unwrap() as usize)),
                "$bigint" => s.parse::<i128>().map(Value::Int).unwrap_or_else(|_| Value::Decimal(s.into())),
                "$decimal" => Value::Decimal(s.into()),
                "$bytes_hex" => Value::Bytes(hex::decode(s).unwrap()),
                // What every binding turns a string with a lone surrogate into.
                "$lone_surrogate" => Value::Other("string with a lone surrogate".into()),
                _ => o.iter().map(|(k, v)| (k.clone(), value(v))).collect(),
            }
        }
        J::Object(o) => o.iter().map(|(k, v)| (k.clone(), value(v))).collect::<Map>().into(),
        J::Array(a) => Value::List(a.iter().map(value).collect()),
        J::Number(n) if n.is_f64() => Value::Float(n.as_f64().unwrap()),
        other => Value::from(other.clone()),
    }
}

fn run(op: &str, a: &J) -> Result<J, Error> {
    // String arguments go through Value::as_text, as in every binding (wrong types included).
    let text = |k: &'static str| value(&a[k]).as_text(k).map(String::from);
    // Secrets go through Value::into_secret, as every binding does.
    let secret = |k: &'static str| value(&a[k]).into_secret(k);
    let recipe = || Recipe::from_spec(&value(&a["recipe"]));
    Ok(match op {
        "m4.sign" => json!(m4::sign(&text("method")?, &value(&a["params"]), &secret("secret")?)?),
        "m4.string_to_sign" => json!(m4::string_to_sign(&text("method")?, &value(&a["params"]))?),
        "m4.signed_fields" => json!(m4::signed_fields(&text("method")?)?),
        "m4.verify_callback" => json!(m4::verify_callback(&value(&a["payload"]), &secret("secret")?)?),
        "exotic.sign_payout" => json!(exotic::sign_payout(&value(&a["params"]), &secret("sign_key")?)?),
        "exotic.string_to_sign" => json!(exotic::string_to_sign(&value(&a["params"]))?),
        "corefy.callback_signature" => json!(corefy::callback_signature(&value(&a["body"]), &secret("secret")?)?),
        "corefy.verify_callback" => {
            json!(corefy::verify_callback(&value(&a["body"]), &value(&a["signature"]), &secret("secret")?)?)
        }
        "corefy.basic_auth" => json!(corefy::basic_auth(&text("account_id")?, &secret("api_key")?)?),
        "recipe.sign" => json!(recipe()?.sign(&value(&a["params"]), &secret("secret")?)?),
        "recipe.verify" => json!(recipe()?.verify(&value(&a["params"]), &secret("secret")?, &text("signature")?)?),
        "recipe.string_to_sign" => json!(recipe()?.string_to_sign(&value(&a["params"]))?),
        // Arguments go through the same checks the bindings use (Value::as_text, validate_args).
        "validate" => {
            let report = validator(&a["validator"])?.validate_args(&value(&a["values"]), &value(&a["locale"]), &value(&a["partial"]))?;
            J::from(&report.to_value())
        }
        "validator.error" => json!(validator(&a["validator"]).map(|_| "built")?),
        "luhn_valid" => json!(validate::luhn_valid(value(&a["value"]).as_text("value")?)),
        "iban_valid" => json!(validate::iban_valid(value(&a["value"]).as_text("value")?)),
        "card_brand" => json!(validate::card_brand(value(&a["value"]).as_text("value")?)),
        "mask_pan" => json!(validate::mask_pan(value(&a["value"]).as_text("value")?)?),
        // Issue 14: fields and formatting (the op table's path for the two functions).
        "format_input" => J::from(&payoutkit::dynamic::call("format_input", vec![value(&a["kind"]), value(&a["value"]), value(&a["caret"])])?),
        "field_info" => J::from(&payoutkit::dynamic::call("field_info", vec![value(&a["kind"]), value(&a["locale"])])?),
        "validator.fields" => {
            let fields = validator(&a["validator"])?.fields(a["locale"].as_str().unwrap_or("en"));
            J::from(&Value::List(fields.iter().map(|f| f.to_value()).collect()))
        }
        "request" => {
            let gw = gateway(a)?;
            J::from(&gw.request(&text("endpoint")?, &value(&a["fields"]), 0)?.to_value())
        }
        "classify" => outcome(&Provider::from_name(&text("provider")?)?.classify(http::http_status(&value(&a["http_status"]))?, &value(&a["body"]))?),
        "parse_callback" => J::from(&Provider::from_name(&text("provider")?)?.parse_callback(&value(&a["body"]))?),
        "m4.parse_verified_callback" => J::from(&m4::parse_verified_callback(&value(&a["payload"]), &secret("secret")?)?),
        "corefy.parse_verified_callback" => {
            J::from(&corefy::parse_verified_callback(&value(&a["body"]), &value(&a["signature"]), &secret("secret")?)?)
        }
        "exotic.parse_verified_callback" => match gateway(a)? {
            Gateway::Exotic(c) => J::from(&c.parse_verified_callback(&value(&a["body"]))?),
            _ => panic!("not an exotic gateway"),
        },
        // A value that is not a gateway cannot reach the typed Rust API; the bindings pass it
        // to the same core check (`dynamic::construct("flow", ..)`).
        "flow.new" if a.get("gateway").is_some() => {
            json!(payoutkit::dynamic::construct("flow", vec![value(&a["gateway"])]).map(|_| "built")?)
        }
        "flow.new" => json!(PayoutFlow::new(gateway(a)?, &value(&a["params"]), &value(&a["options"])).map(|_| "built")?),
        "flow" => flow(a)?,
        "signer.sign" => {
            use payoutkit::dynamic::{construct, Object};
            let signer = match a["kind"].as_str().unwrap() {
                "m4" => construct("m4.signer", vec![value(&a["method"]), value(&a["secret"])])?,
                "exotic" => construct("exotic.signer", vec![value(&a["payment_method"]), value(&a["secret"])])?,
                _ => construct("recipe", vec![value(&a["recipe"])])?.spawn("signer", vec![value(&a["secret"])])?,
            };
            let Object::Signer(s) = signer else { panic!("not a signer") };
            json!(s.sign(payoutkit::Params::from(&value(&a["params"])))?)
        }
        // Host JSON: what the JS bindings hand to JSON.parse ($bigint for integers beyond 2^53).
        "inspect_value" => serde_json::from_str(&payoutkit::dynamic::to_host_json(&payoutkit::dynamic::call("inspect_value", vec![value(&a["value"])])?)).unwrap(),
        "flow.restore" if a.get("gateway").is_some() => {
            json!(payoutkit::dynamic::construct("flow.from_json", vec![value(&a["gateway"])]).map(|_| "restored")?)
        }
        "flow.restore" => json!(PayoutFlow::from_json(gateway(a)?, &text("state")?).map(|_| "restored")?),
        other => panic!("unknown op {other}"),
    })
}

fn gateway(a: &J) -> Result<Gateway, Error> {
    let args = a["args"].as_array().unwrap().iter().map(value).collect();
    // exotic.parse_verified_callback names no provider: it is an exotic gateway's method.
    payoutkit::dynamic::gateway(Provider::from_name(a["provider"].as_str().unwrap_or("exotic"))?, args)
}

/// An outcome as the corpus pins it (the message is for people, not compared).
fn outcome(o: &Outcome) -> J {
    json!({"kind": o.kind.as_str(), "status": o.status, "error_code": o.error_code, "http_status": o.http_status})
}

/// Drive a flow through the case's events, restoring it from its saved state before every
/// event after the first; an error ends the run as an `error` entry.
fn flow(a: &J) -> Result<J, Error> {
    let gw = gateway(a)?;
    let mut f = PayoutFlow::new(gw.clone(), &value(&a["params"]), &value(&a["options"]))?;
    let mut actions = Vec::new();
    for (i, ev) in a["events"].as_array().unwrap().iter().enumerate() {
        if i > 0 {
            let state = f.to_json();
            for arg in a["args"].as_array().unwrap().iter().filter_map(J::as_str).filter(|s| s.len() >= 6) {
                assert!(!state.contains(arg) || !arg.contains("key"), "secret in the flow state");
            }
            f = PayoutFlow::from_json(gw.clone(), &state)?;
        }
        let now = match http::unix_time(&value(&ev["now"]), 0) {
            Ok(now) => now,
            Err(e) => {
                actions.push(json!({"kind": "error", "code": e.code().as_str(), "field": e.field_name()}));
                break;
            }
        };
        let result = match ev["on"].as_str().unwrap() {
            "start" => f.start(now),
            "response" => http::http_status(&value(&ev["http_status"])).and_then(|st| f.on_response(st, &value(&ev["body"]), now)),
            "timeout" => f.on_timeout(now),
            "wake" => f.on_wake(now),
            "resume" => f.resume(now),
            "callback" => f.on_callback(&value(&ev["body"]), now),
            other => panic!("unknown flow event {other}"),
        };
        match result {
            Ok(Action::Send(r)) => actions.push(json!({"kind": "send", "method": r.method, "url": r.url, "body": r.body})),
            Ok(Action::Wait(s)) => actions.push(json!({"kind": "wait", "seconds": s})),
            Ok(Action::Done(o)) => actions.push(json!({"kind": "done", "outcome": outcome(&o)})),
            Err(e) => {
                actions.push(json!({"kind": "error", "code": e.code().as_str(), "field": e.field_name()}));
                break;
            }
        }
    }
    Ok(json!({"actions": actions, "creates_sent": f.creates_sent()}))
}

/// A validator from the corpus's description (VALIDATION.md "VSRC").
fn validator(src: &J) -> Result<Validator, Error> {
    if let Some(rules) = src.get("rules") {
        Validator::from_rules(&value(rules))
    } else if let Some(json) = src.get("corefy_prerequest") {
        Validator::from_corefy_prerequest(value(json).as_text("json")?, value(&src["service"]).as_text("service")?)
    } else if let Some(json) = src.get("m4_account_info_config") {
        Validator::from_m4_account_info_config(value(json).as_text("json")?)
    } else {
        Validator::for_exotic(value(&src["exotic"]).as_text("payment_method")?)
    }
}

/// A report as the corpus pins it: `values` and `message` only where expected.
fn comparable_report(got: &J, want: &J) -> J {
    let mut got = got.clone();
    if let Some(o) = got.as_object_mut() {
        // `values` only where expected, and only the keys listed there.
        if let (Some(J::Object(values)), Some(keys)) = (o.remove("values"), want.get("values").and_then(J::as_object)) {
            o.insert("values".into(), J::Object(values.into_iter().filter(|(k, _)| keys.contains_key(k)).collect()));
        }
    }
    if let (Some(errors), Some(expected)) = (got["errors"].as_array_mut(), want["errors"].as_array()) {
        for (e, w) in errors.iter_mut().zip(expected) {
            if w.get("message").is_none() {
                e.as_object_mut().unwrap().remove("message");
            }
        }
    }
    got
}

/// The string_to_sign twin of a signing op, when the case pins the line.
fn line_op(op: &str) -> Option<&'static str> {
    match op {
        "m4.sign" => Some("m4.string_to_sign"),
        "exotic.sign_payout" => Some("exotic.string_to_sign"),
        "recipe.sign" => Some("recipe.string_to_sign"),
        _ => None,
    }
}

pub fn check(case: &J) -> Result<(), String> {
    let (op, args, expect) = (case["op"].as_str().unwrap(), &case["args"], &case["expect"]);
    let got = match (op, run(op, args)) {
        ("validate", Ok(report)) => Ok(comparable_report(&report, &expect["result"])),
        (_, other) => other,
    };
    match (&got, expect.get("error")) {
        (Ok(v), None) if *v == expect["result"] => {}
        (Err(e), Some(want)) if json!({"code": e.code().as_str(), "field": e.field_name()}) == *want => {}
        _ => return Err(format!("got {:?}, want {expect}", got.map_err(|e| (e.code(), e.field_name().map(String::from))))),
    }
    if let (Some(line), Some(lop)) = (expect.get("string_to_sign"), line_op(op)) {
        let got = run(lop, args).map_err(|e| format!("string_to_sign: {e}"))?;
        if got != *line {
            return Err(format!("string_to_sign {got}, want {line}"));
        }
    }
    // Secrets never leak into results or messages.
    for k in ["secret", "sign_key", "api_key"] {
        if let Some(sec) = args.get(k).and_then(J::as_str).filter(|s| s.trim().len() >= 4) {
            let shown = match &got { Ok(v) => v.to_string(), Err(e) => format!("{e} {e:?}") };
            if op != "corefy.basic_auth" && shown.contains(sec) {
                return Err(format!("secret shown in {shown}"));
            }
        }
    }
    Ok(())
}

