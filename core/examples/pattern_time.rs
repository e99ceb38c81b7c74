//! Pattern time on hostile input (`make bench`; a benchmark, not a timed test): every
//! distinct pattern of the validation corpus checked against 1 MB adversarial values, as a
//! whole value and as-you-type. Prints µs per MB, the slowest patterns, and the ratio of
//! 4 MB to 1 MB (about 4 means linear). Each time is the best of 3 (shared machines).

use payoutkit::{Map, Validator, Value};
use std::collections::BTreeSet;
use std::time::Instant;

const MB: usize = 1 << 20;

/// Values built to make a backtracking engine explode: long runs that almost match.
fn hostile(len: usize) -> Vec<(&'static str, String)> {
    vec![
        ("a*", "a".repeat(len)),
        ("0*", "0".repeat(len)),
        ("a*!", format!("{}!", "a".repeat(len - 1))),
        ("0*x", format!("{}x", "0".repeat(len - 1))),
        ("'0 '*", "0 ".repeat(len / 2)),
        ("я*", "я".repeat(len / 2)),
        ("a@a.", "a@a.".repeat(len / 4)),
    ]
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/validation.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).expect("validation.json")).expect("json");
    let mut patterns = BTreeSet::new();
    for case in doc["cases"].as_array().expect("cases") {
        for rule in case["args"]["validator"]["rules"].as_array().into_iter().flatten() {
            if let Some(p) = rule["pattern"].as_str() {
                patterns.insert(p.to_string());
            }
        }
    }
    let (big, large) = (hostile(MB), hostile(4 * MB));
    let mut rows = Vec::new();
    let (mut total_us, mut runs) = (0.0, 0usize);
    for p in &patterns {
        let rule = Value::Map(Map::new().with("key", "f").with("pattern", p.as_str()));
        let Ok(v) = Validator::from_rules(&Value::List(vec![rule])) else { continue };
        let time = |value: &str, partial: bool| {
            let values = Value::Map(Map::new().with("f", value));
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    let _ = v.validate(&values, "en", partial);
                    t.elapsed().as_secs_f64() * 1e6
                })
                .fold(f64::INFINITY, f64::min)
        };
        let (mut worst, mut worst_large, mut worst_input) = (0.0f64, 0.0f64, "");
        for ((name, b), (_, l)) in big.iter().zip(&large) {
            for partial in [false, true] {
                let us = time(b, partial);
                total_us += us;
                runs += 1;
                if us > worst {
                    (worst, worst_large, worst_input) = (us, time(l, partial), name);
                }
            }
        }
        rows.push((worst, worst_large, worst_input, p.clone()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("pattern time: {} patterns x {} hostile 1 MB values x (whole, as-you-type)", rows.len(), big.len());
    println!("mean {:.0} µs/MB; slowest patterns (µs per MB, 4 MB / 1 MB time ratio, input):", total_us / runs.max(1) as f64);
    for (us, us_large, input, p) in rows.iter().take(8) {
        let shown: String = p.chars().take(48).collect();
        println!("  {us:>9.0} µs/MB  x{:.1}  {input:<6} {shown}", us_large / us.max(1e-3));
    }
    if let Some((us, l, input, p)) = rows.iter().max_by(|a, b| (a.1 / a.0.max(1e-3)).total_cmp(&(b.1 / b.0.max(1e-3)))) {
        println!("largest 4 MB / 1 MB ratio: x{:.1} ({us:.0} µs -> {l:.0} µs, {input}, {p}); 4 = linear", l / us.max(1e-3));
    }
}
