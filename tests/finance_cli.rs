//! The command line's finance figures: `simulate --budget --fiscal-start` prints the headlines
//! per policy set, and `--export-dir` writes the spreadsheet exports that repeat the report.
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

const SMALL: [&str; 4] = ["--preset", "baseline", "--draws", "20"];

#[test]
fn text_prints_the_budget_risk_fiscal_years_and_thresholds_per_set() {
    let mut args = vec![
        "simulate",
        "--format",
        "text",
        "--budget",
        "500000",
        "--fiscal-start",
        "7",
    ];
    args.extend(SMALL);
    let out = stdout(&burnrate(&args));
    assert!(out.contains("Budget $500,000 a year"), "{out}");
    assert!(out.contains("Probability the budget runs out"), "{out}");
    assert!(out.contains("month P10 / P50 / P90: "), "{out}");
    assert!(out.contains("Next 12 months"), "{out}");
    assert!(out.contains("FY2027"), "{out}");
    assert!(out.contains("50% of budget reached"), "{out}");
    assert!(out.contains("100% of budget reached"), "{out}");

    let mut json = vec![
        "simulate",
        "--format",
        "json",
        "--budget",
        "500000",
        "--fiscal-start",
        "7",
    ];
    json.extend(SMALL);
    let report: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&json))).unwrap();
    let s = &report["policies"][0]["summary"];
    assert_eq!(s["annual_budget_usd"], 500000.0);
    let p = s["budget_exhaustion_probability"].as_f64().unwrap();
    assert!(out.contains(&format!("{:.1}%", p * 100.0)), "{out}");
    assert_eq!(s["finance"]["fiscal_years"][0]["label"], "FY2027");
    assert_eq!(
        s["finance"]["draw_total_spend_usd"]
            .as_array()
            .unwrap()
            .len(),
        20
    );
}

#[test]
fn a_fiscal_start_out_of_range_is_refused_naming_the_field() {
    let mut args = vec!["simulate", "--fiscal-start", "13"];
    args.extend(SMALL);
    let o = burnrate(&args);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("budget.fiscal_year_start"), "{err}");
    assert!(err.contains("1–12"), "{err}");
}

#[test]
fn the_export_directory_holds_the_csvs_workbook_audit_trail_and_scenario() {
    let dir = std::env::temp_dir().join(format!("burnrate-export-{}", std::process::id()));
    let d = dir.to_str().unwrap();
    let mut args = vec![
        "simulate",
        "--format",
        "json",
        "--budget",
        "500000",
        "--export-dir",
        d,
    ];
    args.extend(SMALL);
    let report: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&args))).unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let monthly = read("monthly.csv");
    assert_eq!(monthly.lines().count(), 1 + 24);
    assert!(
        monthly.starts_with("Month,No policy P10,No policy P50,No policy P90"),
        "{monthly}"
    );
    let summary = read("summary.csv");
    assert!(summary.contains("Budget runs out (month)"), "{summary}");
    assert!(summary.contains("FY2026 Q3"), "{summary}");
    let draws = read("draws.csv");
    assert!(draws.starts_with("seed,42\n"), "{draws}");
    let first = report["policies"][0]["summary"]["finance"]["draw_total_spend_usd"][0]
        .as_f64()
        .unwrap();
    assert!(draws.contains(&format!("\n0,{first}\n")), "{draws}");
    // The scenario exported runs again to the same report.
    let scenario = dir.join("scenario.json");
    let again = stdout(&burnrate(&[
        "simulate",
        "--scenario",
        scenario.to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).unwrap(),
        report
    );
    assert!(std::fs::read(dir.join("burnrate.xlsx"))
        .unwrap()
        .starts_with(b"PK\x03\x04"));
    std::fs::remove_dir_all(&dir).unwrap();
}
