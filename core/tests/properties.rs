//! Property tests (proptest) for the invariants every signature and verdict must keep,
//! whatever the input: the signed-field set alone decides a signature, input key order never
//! matters for sorted recipes, verify(sign(x)) holds and any flipped byte breaks it, the
//! string to sign never holds the secret, and separators a user types never change a verdict.

use payoutkit::{corefy, m4, Map, Recipe, Secret, Validator, Value};
use proptest::prelude::*;

/// Printable field values (what providers send), never containing the secret's marker.
fn field_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ._:/@+-]{0,24}"
}

/// Secrets: a marker no value can contain, then anything printable without edge spaces.
fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{4,40}".prop_map(|s| format!("§{s}"))
}

fn create_params() -> impl Strategy<Value = Vec<(String, String)>> {
    let signed = m4::signed_fields("withdraw/create").unwrap().to_vec();
    proptest::collection::vec(field_value(), signed.len())
        .prop_map(move |vals| signed.iter().map(|k| k.to_string()).zip(vals).collect())
}

fn map_of(pairs: &[(String, String)]) -> Value {
    pairs.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Map>().into()
}

proptest! {
    // No failure files: a failing case is printed, and the corpus takes the regression.
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Extra keys, whatever they hold, never change an M4 signature.
    #[test]
    fn signature_depends_only_on_signed_fields(
        params in create_params(),
        extra in proptest::collection::vec(("[a-z_]{1,12}", field_value()), 0..6),
        key in secret(),
    ) {
        let key = Secret::new(key);
        let base = m4::sign("withdraw/create", &map_of(&params), &key).unwrap();
        let signed = m4::signed_fields("withdraw/create").unwrap();
        let mut more = params.clone();
        more.extend(extra.into_iter().filter(|(k, _)| !signed.contains(&k.as_str())));
        prop_assert_eq!(m4::sign("withdraw/create", &map_of(&more), &key).unwrap(), base);
    }

    /// The order keys arrive in never matters for sorted recipes.
    #[test]
    fn key_order_never_matters(params in create_params(), seed in any::<u64>(), key in secret()) {
        let key = Secret::new(key);
        let mut shuffled = params.clone();
        // A deterministic shuffle from the seed (Fisher-Yates).
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(
            m4::sign("withdraw/create", &map_of(&shuffled), &key).unwrap(),
            m4::sign("withdraw/create", &map_of(&params), &key).unwrap()
        );
    }

    /// verify(sign(x)) holds for the raw-body Corefy scheme; flipping any byte of the body,
    /// the signature or the secret makes it fail.
    #[test]
    fn corefy_verify_sign_and_flips(body in proptest::collection::vec(any::<u8>(), 0..200), key in secret(), at in any::<usize>(), bit in 0u8..8) {
        let secret = Secret::new(key.clone());
        let body_v = Value::Bytes(body.clone());
        let sig = corefy::callback_signature(&body_v, &secret).unwrap();
        prop_assert!(corefy::verify_callback(&body_v, &Value::from(sig.as_str()), &secret).unwrap());
        if !body.is_empty() {
            let mut flipped = body.clone();
            flipped[at % body.len()] ^= 1 << bit;
            prop_assert!(!corefy::verify_callback(&Value::Bytes(flipped), &Value::from(sig.as_str()), &secret).unwrap());
        }
        let mut sig_bytes = sig.clone().into_bytes();
        let i = at % sig_bytes.len();
        sig_bytes[i] = if sig_bytes[i] == b'A' { b'B' } else { b'A' };
        prop_assert!(!corefy::verify_callback(&body_v, &Value::from(String::from_utf8(sig_bytes).unwrap()), &secret).unwrap());
        let mut key_bytes: Vec<char> = key.chars().collect();
        let j = 1 + at % (key_bytes.len() - 1);
        key_bytes[j] = if key_bytes[j] == 'x' { 'y' } else { 'x' };
        let other = Secret::new(key_bytes.into_iter().collect::<String>());
        prop_assert!(!corefy::verify_callback(&body_v, &Value::from(sig.as_str()), &other).unwrap());
    }

    /// The same for the M4 callback (every non-empty field signed), over a raw JSON body.
    #[test]
    fn m4_callback_verify_sign_and_flips(params in create_params(), key in secret(), at in any::<usize>()) {
        let secret = Secret::new(key.clone());
        let sign = Recipe::from_spec(&m4::callback_recipe().to_spec()).unwrap().sign(&map_of(&params), &secret).unwrap();
        let mut with_sign = params.clone();
        with_sign.push(("sign".into(), sign.clone()));
        let body = serde_json::Value::Object(with_sign.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect()).to_string();
        prop_assert!(m4::verify_callback(&Value::from(body.as_str()), &secret).unwrap());
        // Flip one field's value (keep the JSON valid): the signature no longer matches
        // unless the field was empty (then it is not signed at all).
        let (k, v) = &params[at % params.len()];
        if !v.is_empty() {
            let mut tampered = with_sign.clone();
            tampered[at % params.len()] = (k.clone(), format!("{v}0"));
            prop_assert!(!m4::verify_callback(&map_of(&tampered), &secret).unwrap());
        }
        let other = Secret::new(format!("{key}x"));
        prop_assert!(!m4::verify_callback(&Value::from(body.as_str()), &other).unwrap());
        let mut bad = with_sign.clone();
        let last = bad.len() - 1;
        let first = if sign.starts_with('0') { "1" } else { "0" };
        bad[last].1 = format!("{first}{}", sign.get(1..).unwrap_or_default());
        prop_assert!(!m4::verify_callback(&map_of(&bad), &secret).unwrap());
    }

    /// The string to sign (and its redacted form) never holds the secret.
    #[test]
    fn string_to_sign_never_holds_the_secret(params in create_params(), key in secret()) {
        let p = map_of(&params);
        let recipe = m4::recipe("withdraw/create").unwrap();
        prop_assert!(!m4::string_to_sign("withdraw/create", &p).unwrap().contains(&key));
        prop_assert!(!recipe.redacted_string_to_sign(&p).unwrap().contains(&key));
        let err = m4::sign("withdraw/create", &Value::Map(Map::new()), &Secret::new(key.clone())).unwrap_err();
        let shown = format!("{err} {err:?}");
        prop_assert!(!shown.contains(&key));
    }

    /// A card number or IBAN gets the same verdict with or without the separators a user
    /// types (spaces, dashes), complete or as a prefix.
    #[test]
    fn separators_never_change_a_verdict(digits in "[0-9]{0,19}", cuts in proptest::collection::vec(0usize..20, 0..5), dash in any::<bool>()) {
        let rules = Value::List(vec![
            Value::Map(Map::new().with("key", "card").with("checks", Value::List(vec!["luhn".into()])).with("max_length", 19)),
            Value::Map(Map::new().with("key", "iban").with("checks", Value::List(vec!["iban".into()]))),
        ]);
        let v = Validator::from_rules(&rules).unwrap();
        let mut typed = digits.clone();
        let mut cuts = cuts.clone();
        cuts.sort_unstable();
        for c in cuts.into_iter().rev().filter(|c| *c <= digits.len()) {
            typed.insert(c, if dash { '-' } else { ' ' });
        }
        let iban_plain = format!("DE89370400440532013000{}", &digits[..digits.len().min(2)]);
        let iban_typed = iban_plain.chars().collect::<Vec<_>>().chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ");
        for partial in [false, true] {
            let a = v.validate(&Value::from(Map::new().with("card", digits.as_str()).with("iban", iban_plain.as_str())), "en", partial).unwrap();
            let b = v.validate(&Value::from(Map::new().with("card", typed.as_str()).with("iban", iban_typed.as_str())), "en", partial).unwrap();
            prop_assert_eq!(a.valid, b.valid);
            prop_assert_eq!(a.potentially_valid, b.potentially_valid);
            prop_assert_eq!(a.errors.iter().map(|e| (e.field.clone(), e.code)).collect::<Vec<_>>(), b.errors.iter().map(|e| (e.field.clone(), e.code)).collect::<Vec<_>>());
        }
    }
}
