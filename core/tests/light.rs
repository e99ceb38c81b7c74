//! The checkout entry's path against the full build's, on the corpus (issue 14): every
//! validator of every `validate` case is written as a bundle (`to_bundle`), read back
//! (`from_bundle`: its patterns then run on serialised sparse DFAs, not the lazy DFA), and
//! must give byte-identical reports for the case's values, for every prefix of them (as a
//! payee types), in every locale; `validate_json` (what the checkout entry returns) must be
//! the bindings' JSON of the full report; `fields_json` the bindings' JSON of `fields`.

use payoutkit::dynamic::to_host_json;
use payoutkit::validate::{FieldText, JsonBuf};
use payoutkit::{Map, Validator, Value};
use serde_json::Value as J;

fn value(j: &J) -> Value {
    match j {
        J::Object(o) if o.len() == 1 && o.contains_key("$repeat") => {
            let r = &o["$repeat"];
            Value::Str(r[0].as_str().unwrap().repeat(r[1].as_u64().unwrap() as usize))
        }
        J::Object(o) if o.len() == 1 && o.contains_key("$float") => Value::Float(o["$float"].as_str().unwrap().parse().unwrap_or(f64::NAN)),
        J::Object(o) if o.len() == 1 && o.contains_key("$bigint") => {
            let s = o["$bigint"].as_str().unwrap();
            s.parse::<i128>().map(Value::Int).unwrap_or_else(|_| Value::Decimal(s.into()))
        }
        J::Object(o) if o.len() == 1 && o.contains_key("$lone_surrogate") => Value::Other("string with a lone surrogate".into()),
        J::Object(o) => o.iter().map(|(k, v)| (k.clone(), value(v))).collect::<Map>().into(),
        J::Array(a) => Value::List(a.iter().map(value).collect()),
        J::Number(n) if n.is_f64() => Value::Float(n.as_f64().unwrap()),
        other => Value::from(other.clone()),
    }
}

fn validator(src: &J) -> Option<Validator> {
    let text = |k: &str| src[k].as_str().map(String::from);
    if let Some(rules) = src.get("rules") {
        Validator::from_rules(&value(rules)).ok()
    } else if let Some(json) = text("corefy_prerequest") {
        Validator::from_corefy_prerequest(&json, &text("service")?).ok()
    } else if let Some(json) = text("m4_account_info_config") {
        Validator::from_m4_account_info_config(&json).ok()
    } else {
        Validator::for_exotic(&text("exotic")?).ok()
    }
}

/// The texts the checkout's JS hands over, one per rule: what the core reads of each value.
fn texts(v: &Validator, values: &Map) -> Vec<Option<String>> {
    v.rules()
        .iter()
        .map(|r| match values.get(r.key()) {
            None | Some(Value::Null) => Some(String::new()),
            Some(x) => x.field_value().signed_text(r.key()).ok().map(|t| t.into_owned()),
        })
        .collect()
}

fn same(full: &Validator, light: &Validator, values: &Map, locale: &str, partial: bool, buf: &mut JsonBuf) {
    let want = to_host_json(&full.validate(&Value::Map(values.clone()), locale, partial).unwrap().to_value());
    let got = to_host_json(&light.validate(&Value::Map(values.clone()), locale, partial).unwrap().to_value());
    assert_eq!(got, want, "bundle report differs for {values:?} ({locale}, partial {partial})");
    let owned = texts(light, values);
    let t: Vec<FieldText<'_>> = owned.iter().map(|o| o.as_deref()).collect();
    assert_eq!(light.validate_json(&t, partial, locale, buf), want, "validate_json differs for {values:?}");
}

#[test]
fn bundles_give_the_same_reports_fields_and_json() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/");
    let (mut cases, mut runs, mut prefixes) = (0, 0, 0);
    let mut buf = JsonBuf::default();
    for file in ["validation.json", "bad-input.json", "robustness.json"] {
        let corpus: J = serde_json::from_str(&std::fs::read_to_string(format!("{dir}{file}")).unwrap()).unwrap();
        for case in corpus["cases"].as_array().unwrap() {
            let a = &case["args"];
            if !matches!(case["op"].as_str(), Some("validate" | "validator.fields")) {
                continue;
            }
            let Some(full) = validator(&a["validator"]) else { continue };
            let bundle = full.to_bundle();
            let light = Validator::from_bundle(&bundle).unwrap();
            assert_eq!(light.to_bundle(), bundle, "{}: a bundle read back writes the same bytes", case["name"]);
            for locale in ["en", "ru", "uk", "de"] {
                let want = to_host_json(&Value::List(full.fields(locale).iter().map(|f| f.to_value()).collect()));
                let mut got = String::new();
                light.fields_json(locale, &mut got);
                assert_eq!(got, want, "{}: fields", case["name"]);
            }
            cases += 1;
            let Value::Map(values) = value(&a["values"]) else { continue };
            let locale = a["locale"].as_str().unwrap_or("en");
            let partial = a["partial"].as_bool().unwrap_or(false);
            for (l, p) in [(locale, partial), ("ru", !partial), ("uk", true), ("de", false)] {
                same(&full, &light, &values, l, p, &mut buf);
                runs += 1;
            }
            // Every prefix of every text value, as typed (bounded for the 10 MB values).
            for (k, v) in values.iter() {
                let Value::Str(s) = v else { continue };
                for (i, _) in s.char_indices().skip(1).take(64) {
                    let mut typed = values.clone();
                    typed.insert(k, &s[..i]);
                    same(&full, &light, &typed, "en", true, &mut buf);
                    prefixes += 1;
                }
            }
        }
    }
    println!("light path: {cases} validators as bundles, {runs} reports and {prefixes} typed prefixes byte-identical");
    assert!(cases > 400 && runs > 1500 && prefixes > 5000, "{cases} {runs} {prefixes}");
}

#[test]
fn a_broken_bundle_is_refused_never_a_panic() {
    let v = Validator::from_corefy_prerequest(
        r#"{"data":{"services":{"s":{"fields":[{"key":"card_number","regexp":"^\\d{12,19}$","required":true,
           "label":{"en":"Card","ru":"Карта"}},{"key":"name","regexp":"^[\\s\\p{L}]{2,100}$"}],"amount_min":1,"amount_max":100}}}}"#,
        "s",
    )
    .unwrap();
    let bundle = v.to_bundle();
    for n in 0..bundle.len() {
        assert!(Validator::from_bundle(&bundle[..n]).is_err(), "truncated at {n}");
    }
    let mut longer = bundle.clone();
    longer.push(0);
    assert!(Validator::from_bundle(&longer).is_err());
    for i in 0..bundle.len() {
        for b in [0x00, 0x01, 0x7F, 0x80, 0xFF] {
            let mut bad = bundle.clone();
            bad[i] = b;
            // Refused, or read and run without a panic.
            if let Ok(v) = Validator::from_bundle(&bad) {
                let _ = v.validate(&Value::Map(Map::new().with("card_number", "4111 1111").with("name", "Иван")), "ru", true);
                let _ = v.fields("uk");
            }
        }
    }
}

#[test]
fn a_pattern_too_big_for_a_bundle_needs_the_compiler() {
    // Two counted Unicode classes in sequence: no split applies, the DFA is far over 32 KB.
    let rules = Value::List(vec![Value::Map(Map::new().with("key", "name").with("pattern", r"^\p{Lu}\p{L}{1,50} \p{L}{1,50}$"))]);
    let v = Validator::from_rules(&rules).unwrap();
    let bundle = v.to_bundle();
    assert!(bundle.windows(5).any(|w| w == br"\p{Lu".as_slice()), "the source travels in the bundle");
    // The full build compiles it on reading: same verdicts, and nothing left for the compiler.
    let back = Validator::from_bundle(&bundle).unwrap();
    assert!(!back.needs_compiler());
    for s in ["Иван Петров", "иван", "Ivan P3"] {
        let values = Value::Map(Map::new().with("name", s));
        assert_eq!(back.validate(&values, "en", false).unwrap(), v.validate(&values, "en", false).unwrap());
    }
}
