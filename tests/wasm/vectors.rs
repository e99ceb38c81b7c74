//! The shared corpus against the WASM binding, run by wasm-bindgen-test in Node and in
//! headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`). Arguments are real JS values from
//! `JSON.parse`, so the binding's conversions are exercised as a page would.
#![cfg(target_family = "wasm")]

use js_sys::{Array, Reflect, Uint8Array, JSON};
use payoutkit_wasm as pk;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

/// Every vector file; the Rust host test checks this list matches tests/vectors/*.json.
const FILES: &[(&str, &str)] = &[
    ("signing.json", include_str!("../vectors/signing.json")),
    ("validation.json", include_str!("../vectors/validation.json")),
    ("robustness.json", include_str!("../vectors/robustness.json")),
    ("requests.json", include_str!("../vectors/requests.json")),
    ("bad-input.json", include_str!("../vectors/bad-input.json")),
];

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

/// $bigint -> BigInt, $decimal -> string, $bytes_hex -> Uint8Array.
fn untag(v: JsValue) -> JsValue {
    if Array::is_array(&v) {
        return Array::from(&v).iter().map(untag).collect::<Array>().into();
    }
    if !v.is_object() {
        return v;
    }
    let keys = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>());
    if keys.length() == 1 {
        let (k, s) = (keys.get(0).as_string().unwrap_or_default(), get(&v, &keys.get(0).as_string().unwrap_or_default()));
        if k == "$repeat" {
            let pair = Array::from(&s);
            let text = pair.get(0).as_string().unwrap_or_default();
            return JsValue::from(text.repeat(pair.get(1).as_f64().unwrap_or(0.0) as usize));
        }
        if k == "$float" {
            // "NaN", "Infinity", "-Infinity", "-0", "1e21": what Number() makes of them.
            return JsValue::from(js_sys::Number::parse_float(&s.as_string().unwrap_or_default()));
        }
        if let Some(s) = s.as_string() {
            match k.as_str() {
                "$bigint" => return js_sys::BigInt::new(&s.into()).map(Into::into).unwrap_or(JsValue::NULL),
                "$decimal" => return s.into(),
                "$lone_surrogate" => {
                    let mut units: Vec<u16> = s.encode_utf16().collect();
                    units.insert(1.min(units.len()), 0xD800);
                    return js_sys::JsString::from_char_code(&units).into();
                }
                "$bytes_hex" => {
                    let bytes: Vec<u8> = (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap_or(0)).collect();
                    return Uint8Array::from(bytes.as_slice()).into();
                }
                _ => {}
            }
        }
    }
    let out = js_sys::Object::new();
    for k in keys.iter() {
        // An own data property, so a "__proto__" key stays a plain key (as JSON.parse makes it).
        let desc = js_sys::Object::new();
        let _ = Reflect::set(&desc, &"value".into(), &untag(get(&v, &k.as_string().unwrap_or_default())));
        for flag in ["writable", "enumerable", "configurable"] {
            let _ = Reflect::set(&desc, &flag.into(), &JsValue::TRUE);
        }
        js_sys::Object::define_property(&out, &k, &desc);
    }
    out.into()
}

fn run(op: &str, a: &JsValue) -> Result<JsValue, JsValue> {
    let g = |k: &str| get(a, k);
    let recipe = || pk::Recipe::new(g("recipe"));
    Ok(match op {
        "m4.sign" => pk::m4_sign(g("method"), g("params"), g("secret"))?.into(),
        "m4.string_to_sign" => pk::m4_string_to_sign(g("method"), g("params"))?.into(),
        "m4.signed_fields" => pk::m4_signed_fields(g("method"))?.into(),
        "m4.verify_callback" => pk::m4_verify_callback(g("payload"), g("secret"))?.into(),
        "exotic.sign_payout" => pk::exotic_sign_payout(g("params"), g("sign_key"))?.into(),
        "exotic.string_to_sign" => pk::exotic_string_to_sign(g("params"))?.into(),
        "corefy.callback_signature" => pk::corefy_callback_signature(g("body"), g("secret"))?.into(),
        "corefy.verify_callback" => pk::corefy_verify_callback(g("body"), g("signature"), g("secret"))?.into(),
        "corefy.basic_auth" => pk::corefy_basic_auth(g("account_id"), g("api_key"))?.into(),
        "recipe.sign" => recipe()?.sign(g("params"), g("secret"))?.into(),
        "recipe.verify" => recipe()?.verify(g("params"), g("secret"), g("signature"))?.into(),
        "recipe.string_to_sign" => recipe()?.string_to_sign(g("params"))?.into(),
        "validate" => {
            validator(&g("validator"))?.validate(g("values"), g("locale"), g("partial"))?
        }
        "validator.error" => validator(&g("validator")).map(|_| JsValue::from("built"))?,
        "luhn_valid" => pk::luhn_valid(g("value"))?.into(),
        "iban_valid" => pk::iban_valid(g("value"))?.into(),
        "card_brand" => pk::card_brand(g("value"))?,
        "mask_pan" => pk::mask_pan(g("value"))?.into(),
        "request" => {
            let (gw, endpoint) = (gateway(a)?, g("endpoint").as_string().unwrap_or_default());
            let fields = g("fields");
            match gw {
                Gw::M4(c) => c.request(endpoint.into(), fields)?,
                Gw::Exotic(c) => c.request(endpoint.into(), fields)?,
                Gw::Corefy(c) => c.request(endpoint.into(), fields)?,
            }
        }
        "classify" => {
            let (status, body) = (g("http_status"), g("body"));
            let o = match g("provider").as_string().as_deref() {
                Some("m4") => pk::m4_classify(status, body)?,
                Some("exotic") => pk::exotic_classify(status, body)?,
                _ => pk::corefy_classify(status, body)?,
            };
            project_outcome(&o)
        }
        "parse_callback" => match g("provider").as_string().as_deref() {
            Some("exotic") => pk::exotic_parse_callback(g("body"))?,
            _ => pk::corefy_parse_callback(g("body"))?,
        },
        "flow" => flow(a)?,
        "flow.restore" => {
            let state = g("state");
            match gateway(a)? {
                Gw::M4(c) => pk::M4PayoutFlow::from_json(&c, state).map(|_| ())?,
                Gw::Exotic(c) => pk::ExoticPayoutFlow::from_json(&c, state).map(|_| ())?,
                Gw::Corefy(c) => pk::CorefyPayoutFlow::from_json(&c, state).map(|_| ())?,
            };
            "restored".into()
        }
        other => return Err(format!("unknown op {other}").into()),
    })
}

enum Gw {
    M4(pk::M4),
    Exotic(pk::Exotic),
    Corefy(pk::Corefy),
}

fn gateway(a: &JsValue) -> Result<Gw, JsValue> {
    let args = Array::from(&get(a, "args"));
    let arg = |i: u32| args.get(i);
    Ok(match get(a, "provider").as_string().as_deref() {
        Some("m4") => Gw::M4(pk::M4::new(arg(0), arg(1), arg(2))?),
        Some("exotic") => Gw::Exotic(pk::Exotic::new(arg(0), arg(1), arg(2), arg(3), arg(4))?),
        _ => Gw::Corefy(pk::Corefy::new(arg(0), arg(1), arg(2), arg(3))?),
    })
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

fn project_outcome(o: &JsValue) -> JsValue {
    obj(&[("kind", get(o, "kind")), ("status", get(o, "status")), ("error_code", get(o, "error_code")), ("http_status", get(o, "http_status"))])
}

/// The flow ops' action projection (FORMAT.md).
fn project(a: &JsValue) -> JsValue {
    match get(a, "kind").as_string().as_deref() {
        Some("send") => {
            let r = get(a, "request");
            obj(&[("kind", "send".into()), ("method", get(&r, "method")), ("url", get(&r, "url")), ("body", get(&r, "body"))])
        }
        Some("wait") => obj(&[("kind", "wait".into()), ("seconds", get(a, "seconds"))]),
        _ => obj(&[("kind", "done".into()), ("outcome", project_outcome(&get(a, "outcome")))]),
    }
}

/// One flow type per provider (each in its JS namespace), driven alike.
macro_rules! drive {
    ($flow:ty, $gw:expr, $a:expr) => {{
        let g = |k: &str| get($a, k);
        let mut f = <$flow>::new(&$gw, g("params"), g("options"))?;
        let actions = Array::new();
        for (i, ev) in Array::from(&g("events")).iter().enumerate() {
            if i > 0 {
                f = <$flow>::from_json(&$gw, f.to_json().into())?;
            }
            let now = get(&ev, "now");
            let result = match get(&ev, "on").as_string().as_deref() {
                Some("start") => f.start(now),
                Some("response") => f.on_response(get(&ev, "http_status"), get(&ev, "body"), now),
                Some("timeout") => f.on_timeout(now),
                Some("wake") => f.on_wake(now),
                Some("resume") => f.resume(now),
                _ => f.on_callback(get(&ev, "body"), now),
            };
            match result {
                Ok(action) => actions.push(&project(&action)),
                Err(e) => {
                    actions.push(&obj(&[("kind", "error".into()), ("code", get(&e, "code")), ("field", get(&e, "field"))]));
                    break;
                }
            };
        }
        obj(&[("actions", actions.into()), ("creates_sent", f.creates_sent().into())])
    }};
}

fn flow(a: &JsValue) -> Result<JsValue, JsValue> {
    Ok(match gateway(a)? {
        Gw::M4(c) => drive!(pk::M4PayoutFlow, c, a),
        Gw::Exotic(c) => drive!(pk::ExoticPayoutFlow, c, a),
        Gw::Corefy(c) => drive!(pk::CorefyPayoutFlow, c, a),
    })
}

/// A validator from the corpus's description (VALIDATION.md "VSRC").
fn validator(src: &JsValue) -> Result<pk::Validator, JsValue> {
    let arg = |k: &str| get(src, k);
    if !get(src, "rules").is_undefined() {
        pk::Validator::new(get(src, "rules"))
    } else if !get(src, "corefy_prerequest").is_undefined() {
        pk::Validator::from_corefy_prerequest(arg("corefy_prerequest"), arg("service"))
    } else if !get(src, "m4_account_info_config").is_undefined() {
        pk::Validator::from_m4_account_info_config(arg("m4_account_info_config"))
    } else {
        pk::Validator::for_exotic(arg("exotic"))
    }
}

/// A report as the corpus pins it: no normalised `values`; `message` only where expected.
fn comparable(got: &JsValue, want: &JsValue) -> JsValue {
    let _ = Reflect::delete_property(got.unchecked_ref::<js_sys::Object>(), &"values".into());
    let wanted = Array::from(&get(want, "errors"));
    for (i, e) in Array::from(&get(got, "errors")).iter().enumerate() {
        if get(&wanted.get(i as u32), "message").is_undefined() {
            let _ = Reflect::delete_property(e.unchecked_ref::<js_sys::Object>(), &"message".into());
        }
    }
    got.clone()
}

/// JSON with object keys sorted, so reports compare whatever the key order.
fn canonical(v: &JsValue) -> String {
    let parsed: serde_json::Value = serde_json::from_str(&json(v)).unwrap_or_default();
    parsed.to_string()
}

fn json(v: &JsValue) -> String {
    JSON::stringify(v).map(String::from).unwrap_or_default()
}

fn check(case: &JsValue) -> Result<(), String> {
    let (op, expect) = (get(case, "op").as_string().unwrap_or_default(), get(case, "expect"));
    let args = untag(get(case, "args"));
    let got = run(&op, &args).map(|v| if op == "validate" { comparable(&v, &get(&expect, "result")) } else { v });
    let want_err = get(&expect, "error");
    match &got {
        Ok(v) if want_err.is_undefined() && canonical(v) == canonical(&get(&expect, "result")) => {}
        Err(e) if !want_err.is_undefined() && e.is_instance_of::<js_sys::Error>() => {
            let seen = js_sys::Object::new();
            let _ = Reflect::set(&seen, &"code".into(), &get(e, "code"));
            let _ = Reflect::set(&seen, &"field".into(), &get(e, "field"));
            if json(&seen) != json(&want_err) {
                return Err(format!("error {} want {}", json(&seen), json(&want_err)));
            }
        }
        Ok(v) => return Err(format!("got {} want {}", json(v), json(&expect))),
        Err(e) => return Err(format!("threw {:?} want {}", e, json(&expect))),
    }
    let line = get(&expect, "string_to_sign");
    let line_op = match op.as_str() {
        "m4.sign" => "m4.string_to_sign",
        "exotic.sign_payout" => "exotic.string_to_sign",
        "recipe.sign" => "recipe.string_to_sign",
        _ => "",
    };
    if !line.is_undefined() && !line_op.is_empty() && run(line_op, &args).ok() != Some(line.clone()) {
        return Err(format!("string_to_sign differs from {}", json(&line)));
    }
    Ok(())
}

#[wasm_bindgen_test]
fn vector_corpus() {
    let (mut ran, mut failed) = (0, Vec::new());
    for (file, text) in FILES {
        let doc = JSON::parse(text).unwrap_or(JsValue::NULL);
        for case in Array::from(&get(&doc, "cases")).iter() {
            ran += 1;
            if let Err(why) = check(&case) {
                failed.push(format!("{file} {}: {why}", json(&get(&case, "name"))));
            }
        }
    }
    // Say where we ran (Node vs HeadlessChrome), so the log proves which runtime this was.
    let global = js_sys::global();
    let agent = get(&get(&global, "navigator"), "userAgent").as_string();
    let agent = agent.or_else(|| get(&get(&global, "process"), "version").as_string().map(|v| format!("Node {v}")));
    let agent = agent.unwrap_or_else(|| "unknown".into());
    console_log!("wasm-bindgen-test [{agent}]: {ran} vector cases, {} failed", failed.len());
    assert!(ran >= 45, "the corpus shrank to {ran} cases");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
