//! The `burnrate` command line, run as a user would run it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

fn burnrate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn cost_json_has_a_numeric_usd_total_and_components() {
    let o = burnrate(&[
        "cost",
        "--model",
        "claude-opus-4-6",
        "--input",
        "1000000",
        "--output",
        "100000",
        "--cache-read",
        "20000000",
        "--cache-write",
        "400000",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // 1M × $5 + 0.1M × $25 + 20M × $0.50 + 0.4M × $6.25 = 5 + 2.5 + 10 + 2.5
    let usd = v["usd"].as_f64().unwrap();
    assert!((usd - 20.0).abs() < 1e-9, "{usd}");
    assert_eq!(v["components"]["cache_read"].as_f64(), Some(10.0));
    assert_eq!(v["model"], "claude-opus-4-6");
}

#[test]
fn cost_text_prints_the_total_in_dollars() {
    let out = stdout(&burnrate(&[
        "cost", "--model", "gpt-5.4", "--input", "2000000", "--output", "1000000",
    ]));
    assert!(out.starts_with("gpt-5.4: $20.000000 total"), "{out}");
}

#[test]
fn unknown_model_exits_non_zero_naming_it_and_the_closest_ids() {
    let o = burnrate(&["cost", "--model", "claude-sonet-4-6", "--input", "1"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("\"claude-sonet-4-6\""), "{err}");
    assert!(
        err.contains("closest known ids: claude-sonnet-4-6"),
        "{err}"
    );
}

#[test]
fn cost_reads_another_pricing_file_and_rejects_a_corrupt_one() {
    let out = stdout(&burnrate(&[
        "cost",
        "--model",
        "tiny-model",
        "--input",
        "1000000",
        "--pricing",
        &fixture("catalogue-small.json"),
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["usd"].as_f64(), Some(0.25));

    let o = burnrate(&[
        "cost",
        "--model",
        "tiny-model",
        "--input",
        "1",
        "--pricing",
        &fixture("catalogue-negative-price.json"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("catalogue-negative-price.json"), "{err}");
    assert!(err.contains("prices.output"), "{err}");
}

#[test]
fn simulate_is_deterministic_per_seed_and_prints_csv() {
    let a = stdout(&burnrate(&["simulate", "--seed", "7", "--format", "csv"]));
    let b = stdout(&burnrate(&["simulate", "--seed", "7", "--format", "csv"]));
    let c = stdout(&burnrate(&["simulate", "--seed", "8", "--format", "csv"]));
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(a.lines().count(), 25, "header and 24 months");
}

#[test]
fn simulate_reads_a_scenario_file_and_reports_json() {
    let out = stdout(&burnrate(&[
        "simulate",
        "--scenario",
        &fixture("scenario-mandate.json"),
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["months"].as_array().unwrap().len(), 12);
    assert_eq!(v["months"][0]["month"], "2027-01");
    let share = v["summary"]["final_adopted_share"].as_f64().unwrap();
    assert!(share > 0.85, "mandate pushes adoption towards 90%: {share}");
    assert!(v["summary"]["total_spend_usd"].as_f64().unwrap() > 0.0);
}

#[test]
fn invalid_scenario_names_the_field_and_range() {
    let o = burnrate(&[
        "simulate",
        "--scenario",
        &fixture("scenario-bad-share.json"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("adoption.market_potential") && err.contains("0–1"),
        "{err}"
    );
}

#[test]
fn scenario_default_round_trips_through_simulate() {
    let text = stdout(&burnrate(&["scenario", "default"]));
    let path = std::env::temp_dir().join(format!("burnrate-default-{}.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let from_file = stdout(&burnrate(&[
        "simulate",
        "--scenario",
        path.to_str().unwrap(),
        "--format",
        "csv",
    ]));
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        from_file,
        stdout(&burnrate(&["simulate", "--format", "csv"]))
    );
}

#[test]
fn help_documents_every_command() {
    let out = stdout(&burnrate(&["--help"]));
    for cmd in ["cost", "simulate", "scenario"] {
        assert!(out.contains(cmd), "{cmd} missing from --help");
    }
    let cost = stdout(&burnrate(&["cost", "--help"]));
    for flag in [
        "--model",
        "--input",
        "--output",
        "--cache-read",
        "--cache-write",
        "--pricing",
        "--format",
    ] {
        assert!(cost.contains(flag), "{flag} missing from cost --help");
    }
}
