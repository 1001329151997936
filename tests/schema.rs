//! Every shipped price table validates against the published JSON Schema, and the schema rejects
//! what the parser rejects.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&json("pricing-data/catalogue.schema.json")).unwrap()
}

#[test]
fn every_shipped_table_validates_against_the_schema() {
    let v = validator();
    let dir = format!("{}/pricing-data", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".json") && !name.ends_with(".schema.json") {
            let doc = json(&format!("pricing-data/{name}"));
            let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            checked += 1;
        }
    }
    assert!(checked >= 1);
    let small = json("tests/fixtures/catalogue-small.json");
    assert!(v.is_valid(&small));
}

#[test]
fn the_schema_rejects_bad_tables() {
    let v = validator();
    let good = json("tests/fixtures/catalogue-small.json");
    let mut bad = Vec::new();
    let mut t = good.clone();
    t["models"][0]["prices"]["input"] = serde_json::json!(-1);
    bad.push(t);
    let mut t = good.clone();
    t["models"][0]["prices"]["input"] = serde_json::json!(3e-6);
    bad.push(t);
    let mut t = good.clone();
    t["models"][0]["prices"]["outptu"] = serde_json::json!(1);
    bad.push(t);
    let mut t = good.clone();
    t["models"][0]["checked"] = serde_json::json!("2026-13-01");
    bad.push(t);
    let mut t = good.clone();
    t["models"] = serde_json::json!([]);
    bad.push(t);
    for (i, doc) in bad.iter().enumerate() {
        assert!(!v.is_valid(doc), "bad table {i} passed the schema");
    }
}
