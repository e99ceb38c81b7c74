//! Runs every case of `tests/vectors/*.json` against the Rust core (format: FORMAT.md there).

mod common;
use common::runner::check;
use serde_json::Value as J;
use std::path::Path;

#[test]
fn vector_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    let (mut ran, mut failed) = (0, Vec::new());
    for file in &files {
        let doc: J = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            ran += 1;
            if let Err(why) = check(case) {
                failed.push(format!("{}: {}", case["name"], why));
            }
        }
    }
    // The WASM runner embeds the files with include_str!: it must list every one of them.
    let wasm_runner = std::fs::read_to_string(dir.join("../wasm/vectors.rs")).unwrap();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(wasm_runner.contains(&format!("../vectors/{name}")), "tests/wasm/vectors.rs misses {name}");
    }
    println!("rust core: {ran} vector cases from {} files, {} failed", files.len(), failed.len());
    assert!(ran >= 45, "the corpus shrank to {ran} cases");
    assert!(failed.is_empty(), "{} failures:\n{}", failed.len(), failed.join("\n"));
}
