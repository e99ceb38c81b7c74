//! The core's own corpus runner (`core/tests/common/runner.rs`) compiled to WebAssembly and
//! run by wasm-bindgen-test in Node and in headless Chromium (`WASM_BINDGEN_USE_BROWSER=1`):
//! the core behaves the same on wasm32 as on the host. The JS API over this build is run
//! against the same corpus by `tests/js/harness.mjs` (Node) and the page test (Chromium).
#![cfg(target_family = "wasm")]

#[allow(dead_code)]
#[path = "../../core/tests/common/runner.rs"]
mod runner;

use wasm_bindgen::JsValue;
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
    js_sys::Reflect::get(o, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn vector_corpus() {
    let (mut ran, mut failed) = (0, Vec::new());
    for (file, text) in FILES {
        let doc: serde_json::Value = serde_json::from_str(text).expect("a vector file");
        for case in doc["cases"].as_array().into_iter().flatten() {
            ran += 1;
            if let Err(why) = runner::check(case) {
                failed.push(format!("{file} {}: {why}", case["name"]));
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
