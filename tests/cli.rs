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
        "cost",
        "--model",
        "gpt-5.4",
        "--input",
        "200000",
        "--output",
        "100000",
        "--date",
        "2026-10-01",
    ]));
    assert!(
        out.starts_with("gpt-5.4: $2.000000 total (2026-10-01, standard tier)"),
        "{out}"
    );
    // The same request above 272k prompt tokens bills at the long-context rates:
    // 300k × $5 + 100k × $22.50.
    let long = stdout(&burnrate(&[
        "cost",
        "--model",
        "gpt-5.4",
        "--input",
        "300000",
        "--output",
        "100000",
        "--date",
        "2026-10-01",
    ]));
    assert!(long.starts_with("gpt-5.4: $3.750000 total"), "{long}");
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
    let run = |seed: &str| {
        stdout(&burnrate(&[
            "simulate", "--preset", "baseline", "--draws", "5", "--seed", seed, "--format", "csv",
        ]))
    };
    let (a, b, c) = (run("7"), run("7"), run("8"));
    assert_eq!(a, b);
    assert_ne!(a, c);
    let mut lines = a.lines();
    assert_eq!(
        lines.next(),
        Some("policy,group,month,metric,p10,p50,p90,mean")
    );
    assert!(
        a.contains("\nNo policy,organisation,2026-07,spend_usd,"),
        "{}",
        &a[..300]
    );
    assert!(a.contains(",Platform,2028-06,useful_deployments,"));
}

#[test]
fn simulate_gives_the_same_bytes_on_one_two_or_three_threads() {
    let run = |threads: &str| {
        let o = burnrate(&[
            "simulate",
            "--draws",
            "6",
            "--threads",
            threads,
            "--format",
            "json",
        ]);
        assert!(o.stderr.is_empty(), "no progress bar off a terminal");
        stdout(&o)
    };
    let one = run("1");
    assert_eq!(run("2"), one);
    assert_eq!(run("3"), one);
    assert!(!burnrate(&["simulate", "--threads", "0"]).status.success());
}

#[test]
fn simulate_reads_a_scenario_file_and_reports_json() {
    let out = stdout(&burnrate(&[
        "simulate",
        "--scenario",
        &fixture("scenario-mandate.json"),
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let policies = v["policies"].as_array().unwrap();
    assert_eq!(policies.len(), 2);
    let months = policies[1]["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0]["month"], "2027-01");
    for key in [
        "spend_usd",
        "useful_deployments",
        "reported_deployments",
        "adopted_share",
        "gamer_share",
        "capped_user_share",
    ] {
        for q in ["p10", "p50", "p90"] {
            assert!(months[3][key][q].is_number(), "{key}.{q}");
        }
    }
    for kind in ["gaming", "unshipped", "cap_killed", "rework"] {
        assert!(
            months[3]["waste_usd"][kind]["p50"].is_number(),
            "waste {kind}"
        );
    }
    let summary = &policies[1]["summary"];
    for key in [
        "total_spend_usd",
        "waste_share",
        "top10_share",
        "cost_per_useful_change_usd",
    ] {
        assert!(summary[key]["p50"].is_number(), "{key}");
    }
    assert!(summary["budget_exhaustion_month"]["p50"].is_null());
    let share = months[11]["adopted_share"]["p50"].as_f64().unwrap();
    assert!(
        share > 0.85,
        "the mandate pushes adoption towards 90%: {share}"
    );
    let without = policies[0]["months"][11]["adopted_share"]["p50"]
        .as_f64()
        .unwrap();
    assert!(without < 0.72, "{without}");
}

#[test]
fn presets_are_listed_and_simulate() {
    let out = stdout(&burnrate(&["presets"]));
    for name in [
        "baseline",
        "mandate-80",
        "kirorank-token-board",
        "deployment-board",
        "uber-cap-1500",
        "daily-budget",
        "ticket-and-chargeback",
    ] {
        assert!(out.contains(name), "{name} missing");
    }
    let text = stdout(&burnrate(&[
        "simulate",
        "--preset",
        "daily-budget",
        "--draws",
        "4",
        "--format",
        "text",
    ]));
    assert!(
        text.contains("Token leaderboard + $50 daily budget"),
        "{text}"
    );
    let o = burnrate(&["simulate", "--preset", "kirorank"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no preset called \"kirorank\""));
}

#[test]
fn the_text_summary_gives_each_figure_once_with_its_range() {
    let text = stdout(&burnrate(&[
        "simulate", "--draws", "20", "--format", "text",
    ]));
    let sets = text.split("\n\n").filter(|b| b.contains("Total spend"));
    let mut n = 0;
    for set in sets {
        n += 1;
        for label in [
            "Waste share",
            "Cost per useful change",
            "Useful deployments",
        ] {
            let lines: Vec<&str> = set
                .lines()
                .filter(|l| l.trim_start().starts_with(label))
                .collect();
            assert_eq!(lines.len(), 1, "{label} once in\n{set}");
            assert!(
                lines[0].contains(" – "),
                "{label} with its P10 – P90: {}",
                lines[0]
            );
        }
        let top = set.lines().find(|l| l.contains("Top 10% share")).unwrap();
        assert!(top.contains("% – ") && top.ends_with("%)"), "{top}");
    }
    assert_eq!(n, 4, "the default's four policy sets:\n{text}");
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
        "--draws",
        "3",
        "--format",
        "csv",
    ]));
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        from_file,
        stdout(&burnrate(&["simulate", "--draws", "3", "--format", "csv"]))
    );
}

#[test]
fn help_documents_every_command() {
    let out = stdout(&burnrate(&["--help"]));
    for cmd in ["cost", "simulate", "scenario", "presets", "pricing"] {
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

#[test]
fn cost_prices_on_the_day_service_tier_and_region_asked_for() {
    let usd = |args: &[&str]| -> f64 {
        let mut all = vec![
            "cost", "--input", "100000", "--output", "10000", "--format", "json",
        ];
        all.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&all))).unwrap();
        v["usd"].as_f64().unwrap()
    };
    let before = usd(&["--model", "claude-sonnet-5", "--date", "2026-08-31"]);
    let after = usd(&["--model", "claude-sonnet-5", "--date", "2026-09-01"]);
    assert!((before - (0.2 + 0.1)).abs() < 1e-12, "{before}");
    assert!((after - (0.3 + 0.15)).abs() < 1e-12, "{after}");
    let batch = usd(&[
        "--model",
        "claude-sonnet-5",
        "--date",
        "2026-09-01",
        "--service-tier",
        "batch",
    ]);
    assert!((batch - after / 2.0).abs() < 1e-12, "{batch}");
    let eu = usd(&[
        "--model",
        "gpt-5.4",
        "--date",
        "2026-09-01",
        "--region",
        "eu",
    ]);
    let plain = usd(&["--model", "gpt-5.4", "--date", "2026-09-01"]);
    assert!((eu - plain * 1.1).abs() < 1e-12, "{eu} vs {plain}");

    let o = burnrate(&[
        "cost",
        "--model",
        "gpt-5.4",
        "--input",
        "1",
        "--service-tier",
        "turbo",
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no service tier \"turbo\"") && err.contains("batch"),
        "{err}"
    );
}

#[test]
fn cost_reads_importable_files_directly() {
    let v: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&[
        "cost",
        "--model",
        "anthropic/claude-sonnet-4.6",
        "--input",
        "1000000",
        "--pricing",
        &fixture("openrouter-models-2026-08-01.json"),
        "--format",
        "json",
    ])))
    .unwrap();
    assert!((v["usd"].as_f64().unwrap() - 3.0).abs() < 1e-9);

    let v: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&[
        "cost",
        "--model",
        "claude-haiku-4-5",
        "--input",
        "100000",
        "--output",
        "100000",
        "--pricing",
        &fixture("litellm-sample.json"),
        "--from",
        "litellm",
        "--format",
        "json",
    ])))
    .unwrap();
    assert!((v["usd"].as_f64().unwrap() - 0.6).abs() < 1e-9);
}

#[test]
fn pricing_import_prints_a_summary_and_writes_burnrate_json() {
    let out = std::env::temp_dir().join(format!("burnrate-import-{}.json", std::process::id()));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&[
        "pricing",
        "import",
        "--from",
        "litellm",
        &fixture("litellm-sample.json"),
        "--out",
        out.to_str().unwrap(),
    ])))
    .unwrap();
    assert_eq!(summary["format"], "litellm");
    assert!(summary["imported"].as_u64().unwrap() >= 15, "{summary}");
    assert_eq!(summary["skipped"]["mode embedding"], 1, "{summary}");
    assert!(summary["warnings"].is_array());
    // The written table is a valid Burnrate table that prices the same.
    let written = out.to_str().unwrap().to_string();
    let v: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&[
        "cost",
        "--model",
        "claude-haiku-4-5",
        "--input",
        "100000",
        "--pricing",
        &written,
        "--from",
        "burnrate",
        "--format",
        "json",
    ])))
    .unwrap();
    std::fs::remove_file(&out).unwrap();
    assert!((v["usd"].as_f64().unwrap() - 0.1).abs() < 1e-9);
}

#[test]
fn a_malformed_import_exits_non_zero_naming_the_file() {
    let o = burnrate(&[
        "pricing",
        "import",
        "--from",
        "openrouter",
        &fixture("catalogue-small.json"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("catalogue-small.json: not a valid openrouter price table"),
        "{err}"
    );
}

#[test]
fn simulate_with_an_import_merged_over_the_built_in_table() {
    let o = burnrate(&[
        "simulate",
        "--draws",
        "2",
        "--pricing",
        &fixture("litellm-sample.json"),
    ]);
    assert!(
        !o.status.success(),
        "the default mix is not all in the sample"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("no price for model"));
    let merged = stdout(&burnrate(&[
        "simulate",
        "--draws",
        "2",
        "--pricing",
        &fixture("litellm-sample.json"),
        "--merge",
        "--format",
        "text",
    ]));
    assert!(merged.contains("Total spend"), "{merged}");
}

#[test]
fn pricing_list_shows_prices_in_force_and_flags_unconfirmed_ones() {
    let out = stdout(&burnrate(&["pricing", "list", "--date", "2026-10-01"]));
    assert!(out.contains("USD per 1M tokens on 2026-10-01"), "{out}");
    let sonnet5 = out
        .lines()
        .find(|l| l.starts_with("claude-sonnet-5 "))
        .unwrap();
    assert!(
        sonnet5.contains("(unconfirmed)") && sonnet5.contains(" 3 "),
        "{sonnet5}"
    );
}

#[test]
fn a_share_link_made_today_still_opens() {
    // tests/fixtures/share-link-v1.txt was made with `burnrate scenario link --scenario
    // tests/fixtures/scenario-mandate.json` on 2026-11-22 and must keep opening as the format
    // evolves (the decoder migrates older documents).
    let link = std::fs::read_to_string(fixture("share-link-v1.txt")).unwrap();
    let from_link = stdout(&burnrate(&[
        "simulate",
        "--link",
        link.trim(),
        "--format",
        "csv",
    ]));
    let from_file = stdout(&burnrate(&[
        "simulate",
        "--scenario",
        &fixture("scenario-mandate.json"),
        "--format",
        "csv",
    ]));
    assert_eq!(from_link, from_file);
    let o = burnrate(&["simulate", "--link", "1.broken"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("this link is damaged or incomplete"));
}

/// Writes `text` to a scenario file of its own and runs `simulate --scenario` on it.
fn simulate_text(name: &str, text: &str, extra: &[&str]) -> Output {
    let path = std::env::temp_dir().join(format!("burnrate-{name}-{}.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let mut args = vec!["simulate", "--scenario", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = burnrate(&args);
    std::fs::remove_file(&path).unwrap();
    o
}

#[test]
fn a_value_the_file_states_is_fixed_in_every_draw() {
    let small = r#""months": 6, "organisation": {"cost_centres": [{"name": "All", "teams": [{"name": "T", "developers": 60}]}]}, "uncertainty": {"draws": 6, "seed": 3}"#;
    let report = |name: &str, text: &str| -> serde_json::Value {
        serde_json::from_str(&stdout(&simulate_text(name, text, &["--format", "json"]))).unwrap()
    };
    // With no gains passed through, no draw has an incremental useful change.
    let fixed = report(
        "fixed",
        &format!(r#"{{ {small}, "output": {{"pass_through": 0}} }}"#),
    );
    for p in fixed["policies"].as_array().unwrap() {
        assert_eq!(
            p["summary"]["incremental_not_available_probability"], 1.0,
            "{}",
            p["name"]
        );
    }
    // A prior the file states applies.
    let small_with_prior = small.replace(
        r#""seed": 3}"#,
        r#""seed": 3, "priors": {"output.pass_through": {"uniform": [0.5, 1]}}}"#,
    );
    let uncertain = report(
        "prior",
        &format!(r#"{{ {small_with_prior}, "output": {{"pass_through": 0}} }}"#),
    );
    assert!(uncertain["policies"].as_array().unwrap().iter().any(|p| {
        p["summary"]["incremental_not_available_probability"]
            .as_f64()
            .unwrap()
            < 1.0
    }));

    // A file derived from `scenario default` states every prior: editing a value there keeps
    // the priors it states, and dropping the prior fixes the value, exactly as typing it does.
    let mut doc: serde_json::Value =
        serde_json::from_str(&stdout(&burnrate(&["scenario", "default"]))).unwrap();
    doc["output"]["pass_through"] = 0.into();
    doc["uncertainty"]["priors"]
        .as_object_mut()
        .unwrap()
        .remove("output.pass_through");
    let stated = stdout(&simulate_text(
        "derived",
        &doc.to_string(),
        &["--draws", "3", "--format", "csv"],
    ));
    let implied = stdout(&simulate_text(
        "implied",
        r#"{"output": {"pass_through": 0}}"#,
        &["--draws", "3", "--format", "csv"],
    ));
    assert_eq!(stated, implied);
}

#[test]
fn scenario_errors_name_the_field_and_what_it_allows() {
    let cases = [
        (
            r#"{"months": "many"}"#,
            "`months`: invalid type: string \"many\"",
            "(allowed: a whole number 1 – 120 months)",
        ),
        (
            r#"{"usage": {"mean_spend_usd": 1e999}}"#,
            "`usage.mean_spend_usd`: number out of range",
            "(allowed: ",
        ),
        (
            r#"{"adoption": {"q": NaN}}"#,
            "`adoption.q`",
            "JSON has no NaN or Infinity",
        ),
        (
            r#"{"policies": [{"name": "b", "leaderboard": {"metric": "karma"}}]}"#,
            "`policies[0].leaderboard.metric`: unknown variant `karma`",
            "(allowed: one of raw_tokens",
        ),
        (
            r#"{"start_month": "2026-13"}"#,
            "`start_month`",
            "(allowed: a month, \"YYYY-MM\" with MM 01–12)",
        ),
        (
            r#"{"policies": [{"name": "c", "run_cap": {"usd_per_run": "5"}}]}"#,
            "`policies[0].run_cap.usd_per_run`",
            "(allowed: 0.01 – 10,000 USD / run)",
        ),
        (
            "[]",
            "a scenario must be a JSON object",
            "`{}` is the default scenario",
        ),
        (r#"[1, "x"]"#, "a scenario must be a JSON object", ""),
        (
            r#"{"months": 6, "policies": [{"name": "Late board", "leaderboard": {"start": "2030-01"}}]}"#,
            "`policies[0].leaderboard` = window 2030-01 – (no end) of policy set \"Late board\"",
            "(allowed: a window overlapping the horizon 2026-07 – 2026-12)",
        ),
    ];
    for (k, (text, names, allows)) in cases.iter().enumerate() {
        let o = simulate_text(&format!("bad-{k}"), text, &[]);
        assert!(!o.status.success(), "{text} was accepted");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(names), "{text}: {err}");
        assert!(err.contains(allows), "{text}: {err}");
    }
}

#[test]
fn focus_and_csv_costs_add_up_to_the_mean_total_shown() {
    let args = ["--preset", "uber-cap-1500", "--draws", "7"];
    let run = |format: &str| {
        let mut a = vec!["simulate"];
        a.extend_from_slice(&args);
        a.extend_from_slice(&["--format", format]);
        stdout(&burnrate(&a))
    };
    let report: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let text = run("text");
    let focus = run("focus");
    let csv = run("csv");
    for p in report["policies"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap();
        let mean = p["summary"]["total_spend_usd"]["mean"].as_f64().unwrap();
        let mut reader = csv::Reader::from_reader(focus.as_bytes());
        let billed: f64 = reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| &r[13] == name)
            .map(|r| {
                assert_eq!(&r[14], "mean of draws");
                r[0].parse::<f64>().unwrap()
            })
            .sum();
        assert!(
            (billed - mean).abs() < 0.005,
            "{name}: FOCUS {billed} vs mean {mean}"
        );
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let months: f64 = reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| &r[0] == name && &r[1] == "organisation" && &r[3] == "spend_usd")
            .map(|r| r[7].parse::<f64>().unwrap())
            .sum();
        assert!(
            (months - mean).abs() < 0.005,
            "{name}: CSV {months} vs mean {mean}"
        );
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let centres: f64 = reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| &r[0] == name && &r[1] != "organisation" && &r[3] == "spend_usd")
            .map(|r| r[7].parse::<f64>().unwrap())
            .sum();
        assert!(
            (centres - mean).abs() < 0.005,
            "{name}: cost centres {centres} vs {mean}"
        );
        // The figure exists on screen, to the cent.
        let shown = burnrate::view::figure::text_line(
            "Mean spend (as exported)",
            &burnrate::units::format_usd(mean, 2),
        );
        assert!(text.contains(&shown), "{shown:?} not in {text}");
    }
}

#[test]
fn simulate_takes_discounts_and_a_commitment_from_flags() {
    let run = |extra: &[&str]| {
        let mut args = vec!["simulate", "--preset", "baseline", "--draws", "3"];
        args.extend_from_slice(extra);
        let v: serde_json::Value = serde_json::from_str(&stdout(&burnrate(&args))).unwrap();
        let s = &v["policies"][0]["summary"];
        let p50 = |k: &str| s[k]["p50"].as_f64().unwrap();
        (p50("total_spend_usd"), p50("total_list_cost_usd"))
    };
    let (list_billed, list) = run(&[]);
    assert_eq!(list_billed, list);
    let (billed, list_too) = run(&[
        "--discount",
        "anthropic=20",
        "--discount",
        "model:gpt-5.4=10",
    ]);
    assert_eq!(list_too, list, "list cost does not move");
    assert!(
        billed < 0.95 * list && billed > 0.8 * list,
        "{billed} vs {list}"
    );
    let (committed, _) = run(&["--commitment", "100000000/year"]);
    assert!(
        (committed / 2e8 - 1.0).abs() < 1e-9,
        "two years of commitment: {committed}"
    );

    let focus = stdout(&burnrate(&[
        "simulate",
        "--preset",
        "baseline",
        "--draws",
        "3",
        "--discount",
        "anthropic=20",
        "--format",
        "focus",
    ]));
    assert!(focus.starts_with("BilledCost,ListCost,EffectiveCost,"));
    let bad = burnrate(&["simulate", "--discount", "anthropic=120"]);
    assert!(!bad.status.success());
    let e = String::from_utf8_lossy(&bad.stderr);
    assert!(
        e.contains("pricing.discounts[0].percent") && e.contains("0–100"),
        "{e}"
    );
    let unreadable = burnrate(&["simulate", "--commitment", "lots"]);
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("USD/month"));
}

// The finance figures: `simulate --budget --fiscal-start` prints the headlines per policy set,
// and `--export-dir` writes the spreadsheet exports that repeat the report.

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
    let finance = &report["policies"][0]["summary"]["finance"];
    let first = finance["draw_total_spend_usd"][0].as_f64().unwrap();
    let in_period = finance["budget_period"]["draw_spend_usd"][0]
        .as_f64()
        .unwrap();
    assert_eq!(finance["budget_period"]["label"], "FY2027");
    assert!(draws.contains("No policy spend in FY2027 [USD]"), "{draws}");
    assert!(
        draws.contains(&format!("\n0,{first},{in_period}\n")),
        "{draws}"
    );
    assert!(summary.contains("FY2027 (2027-01 – 2027-12)"), "{summary}");
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

#[test]
fn solve_answers_each_question_and_marks_the_answer_on_its_curve() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["solve"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--draws", "10", "--format", "json"]);
        serde_json::from_str(&stdout(&burnrate(&all))).unwrap()
    };
    let budget = json(&["budget", "--probability", "0.8"]);
    assert_eq!(
        budget,
        json(&["budget", "--probability", "0.8"]),
        "same seed"
    );
    let answer = budget["answer"].as_f64().unwrap();
    assert_eq!(budget["at"]["x"].as_f64(), Some(answer));
    assert!(budget["at"]["hold_probability"].as_f64().unwrap() >= 0.8);
    let text = stdout(&burnrate(&[
        "solve",
        "budget",
        "--probability",
        "0.8",
        "--draws",
        "10",
    ]));
    let marked: Vec<&str> = text.lines().filter(|l| l.starts_with('→')).collect();
    assert_eq!(marked.len(), 1, "{text}");
    let shown: f64 = marked[0].split_whitespace().nth(1).unwrap()[1..]
        .replace(',', "")
        .parse()
        .unwrap();
    assert!((shown - answer).abs() <= 0.5, "{answer} marked in {text}");
    assert!(
        text.contains("Annual budget") && text.contains("Within budget"),
        "{text}"
    );

    let run_cap = json(&["cap", "--target", "1500000", "--lever", "run-cap"]);
    let monthly = json(&["cap", "--target", "1500000"]);
    assert_ne!(
        run_cap["curve"], monthly["curve"],
        "the lever is the one asked for"
    );
    let low = run_cap["curve"][0]["x"].as_f64().unwrap();
    assert!((low - 0.1).abs() < 1e-9, "a run cap starts at $0.10: {low}");
    let text = stdout(&burnrate(&[
        "solve", "cap", "--target", "1500000", "--lever", "run-cap", "--draws", "10",
    ]));
    assert!(
        text.contains("Per-run cap") && text.contains("17 runs of 10 draws"),
        "{text}"
    );
    assert!(
        !text.contains("Within budget"),
        "no budget is asked: {text}"
    );

    let heads = json(&["headcount", "--budget", "2000000"]);
    assert!(heads["answer"].as_f64().unwrap() >= 1.0, "{heads}");
}

#[test]
fn solve_refuses_a_figure_out_of_range_naming_it() {
    let o = burnrate(&[
        "solve",
        "headcount",
        "--budget",
        "2000000",
        "--probability",
        "1.5",
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Probability it holds") && err.contains("allowed 1 – 100 %"),
        "{err}"
    );
}
