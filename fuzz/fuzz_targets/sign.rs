//! Recipe signing over arbitrary params: every M4 method, exotic, and a recipe built from
//! fuzzed spec; a signature that is produced must verify, and no line may hold the secret.
#![no_main]
#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use payoutkit::{exotic, m4, Recipe, Secret};

const SECRET: &str = "fuzz-secret-§";

fuzz_target!(|data: &[u8]| {
    let (spec, params) = common::split(data);
    let params = common::value(params);
    let secret = Secret::new(SECRET);
    for method in m4::METHODS {
        if let Ok(sig) = m4::sign(method.path, &params, &secret) {
            let recipe = m4::recipe(method.path).unwrap();
            assert!(recipe.verify(&params, &secret, &sig).unwrap());
        }
        if let Ok(line) = m4::string_to_sign(method.path, &params) {
            assert!(!line.contains(SECRET));
        }
    }
    if let Ok(sig) = exotic::sign_payout(&params, &secret) {
        assert!(exotic::recipe(exotic::payment_method(&params).unwrap()).verify(&params, &secret, &sig).unwrap());
    }
    if let Ok(recipe) = Recipe::from_spec(&common::value(spec)) {
        if let Ok(sig) = recipe.sign(&params, &secret) {
            assert!(recipe.verify(&params, &secret, &sig).unwrap());
        }
        if let Ok(line) = recipe.redacted_string_to_sign(&params) {
            assert!(!line.contains(SECRET));
        }
        assert_eq!(Recipe::from_spec(&recipe.to_spec()).ok().as_ref(), Some(&recipe));
    }
});
