//! `make demo`, Rust part: signs the providers' documented examples (the `docs`/`derived`
//! signing cases of tests/vectors/signing.json) and prints the string that gets hashed,
//! secret redacted, and the signature.

use payoutkit::{corefy, exotic, m4, Recipe, Secret, Value};
use serde_json::Value as J;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/signing.json");
    let doc: J = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    for case in doc["cases"].as_array().into_iter().flatten() {
        if !matches!(case["source"].as_str(), Some("docs" | "derived")) {
            continue;
        }
        let a = &case["args"];
        let (recipe, input, signature): (Recipe, Value, String) = match case["op"].as_str() {
            Some("m4.sign") => {
                let (method, params) = (a["method"].as_str().unwrap_or_default(), Value::from(a["params"].clone()));
                let sig = m4::sign(method, &params, &Secret::new(a["secret"].as_str().unwrap_or_default()))?;
                (m4::recipe(method)?, params, sig)
            }
            Some("exotic.sign_payout") => {
                let params = Value::from(a["params"].clone());
                let sig = exotic::sign_payout(&params, &Secret::new(a["sign_key"].as_str().unwrap_or_default()))?;
                (exotic::recipe(exotic::payment_method(&params)?), params, sig)
            }
            Some("corefy.callback_signature") if a["body"].is_string() => {
                let body = Value::from(a["body"].clone());
                let sig = corefy::callback_signature(&body, &Secret::new(a["secret"].as_str().unwrap_or_default()))?;
                (corefy::callback_recipe(), body, sig)
            }
            _ => continue,
        };
        println!("rust   | {:<45} | {} | {signature}", case["name"].as_str().unwrap_or_default(), recipe.redacted_string_to_sign(&input)?);
    }
    Ok(())
}
