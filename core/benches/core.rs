//! Core benchmarks (criterion) on `benches/inputs.json`, beside the physical floor: SHA-256
//! (SHA-1 for Corefy) of the already built line alone, so the report shows what building
//! the line, checking values and encoding the output cost on top of the hash.

use criterion::{criterion_group, criterion_main, Criterion};
use payoutkit::{corefy, exotic, m4, FieldValue, Params, Secret, Validator, Value};
use sha1::Digest as _;
use std::hint::black_box;

fn inputs() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/inputs.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("benches/inputs.json")).expect("JSON")
}

/// The fields of a mapping as borrowed field values (how the bindings pass them).
fn borrowed_fields(v: &Value) -> Vec<(&str, FieldValue<'_>)> {
    match v {
        Value::Map(m) => m.iter().map(|(k, v)| (k, v.field_value())).collect(),
        _ => Vec::new(),
    }
}

fn text(j: &serde_json::Value) -> &str {
    j.as_str().expect("a string")
}

fn benches(c: &mut Criterion) {
    let inputs = inputs();

    let m = &inputs["m4_sign"];
    let (method, params, secret) = (text(&m["method"]), Value::from(m["params"].clone()), Secret::new(text(&m["secret"])));
    let line = m4::string_to_sign(method, &params).expect("line") + text(&m["secret"]);
    let mut g = c.benchmark_group("m4.sign");
    g.bench_function("payoutkit", |b| b.iter(|| m4::sign(black_box(method), black_box(&params), &secret)));
    // What the bindings hand over: fields borrowed from host strings, no Value built.
    let borrowed = borrowed_fields(&params);
    g.bench_function("payoutkit (borrowed fields)", |b| b.iter(|| m4::sign(black_box(method), Params::from(black_box(&borrowed)), &secret)));
    g.bench_function("floor", |b| b.iter(|| sha2::Sha256::digest(black_box(line.as_bytes()))));
    g.finish();

    let e = &inputs["exotic_payout"];
    let (params, key) = (Value::from(e["params"].clone()), Secret::new(text(&e["sign_key"])));
    let line = format!("{}:{}", exotic::string_to_sign(&params).expect("line"), text(&e["sign_key"]));
    let mut g = c.benchmark_group("exotic.sign_payout");
    g.bench_function("payoutkit", |b| b.iter(|| exotic::sign_payout(black_box(&params), &key)));
    g.bench_function("floor", |b| b.iter(|| sha2::Sha256::digest(black_box(line.as_bytes()))));
    g.finish();

    let cf = &inputs["corefy_callback"];
    let (body, secret_text) = (text(&cf["body"]), text(&cf["secret"]));
    let (body_value, secret) = (Value::from(body), Secret::new(secret_text));
    let signature = corefy::callback_signature(&body_value, &secret).expect("signature");
    let line = format!("{secret_text}{body}{secret_text}");
    let mut g = c.benchmark_group("corefy.verify_callback");
    let signature_value = Value::from(signature.as_str());
    g.bench_function("payoutkit", |b| b.iter(|| corefy::verify_callback(black_box(&body_value), black_box(&signature_value), &secret)));
    g.bench_function("floor", |b| b.iter(|| sha1::Sha1::digest(black_box(line.as_bytes()))));
    g.finish();

    let form = &inputs["form"];
    let validator = Validator::from_rules(&Value::from(form["rules"].clone())).expect("rules");
    let values = Value::from(form["values"].clone());
    assert!(validator.validate(&values, "en", false).expect("report").valid);
    let mut g = c.benchmark_group("validate (6-field form)");
    g.bench_function("payoutkit", |b| b.iter(|| validator.validate(black_box(&values), "en", false)));
    g.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
