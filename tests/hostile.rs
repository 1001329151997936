//! Hostile and extreme inputs, each minimised to the smallest case that once panicked, hung, ran
//! out of memory or gave wrong numbers: every one now either runs with finite figures or is
//! refused with a message naming the field or limit.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::pricing::import::{import, Format};
use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::scenario::{CostCentre, Scenario, Team};

fn small(edit: impl Fn(&mut Scenario)) -> Scenario {
    let mut s = Scenario::default();
    s.scale_developers(200);
    s.uncertainty.draws = 4;
    edit(&mut s);
    s
}

#[test]
fn a_horizon_ending_in_december_9999_runs() {
    let s = small(|s| {
        s.start_month = "9999-12".parse().unwrap();
        s.months = 1;
        // The other sets' levers have windows in 2026–27, wholly outside this horizon.
        s.policies.truncate(1);
    });
    let v = s.validate(&Catalogue::builtin()).unwrap();
    assert_eq!(v.months.len(), 1);
    // The same scenario opened from its share link.
    let opened = burnrate::share::decode(&burnrate::share::encode(&s)).unwrap();
    assert!(opened.validate(&Catalogue::builtin()).is_ok());
}

#[test]
fn a_horizon_past_9999_is_refused_naming_the_months() {
    let s = small(|s| {
        s.start_month = "9999-06".parse().unwrap();
        s.months = 12;
    });
    let e = s.validate(&Catalogue::builtin()).unwrap_err();
    assert_eq!(e.field(), "months");
    assert!(e.to_string().contains("9999-12"), "{e}");
}

#[test]
fn half_the_developers_at_usage_multiplier_0_give_finite_useful_deployments() {
    let s = small(|s| {
        for cc in &mut s.organisation.cost_centres {
            for (i, t) in cc.teams.iter_mut().enumerate() {
                if i % 2 == 0 {
                    t.developers = 50;
                    t.usage_multiplier = 0.0;
                } else {
                    t.developers = 10;
                }
            }
        }
    });
    let v = s.validate(&Catalogue::builtin()).unwrap();
    let r = Report::simulate(&v);
    for p in &r.policies {
        let useful = p.summary.useful_deployments.p50.unwrap_or(f64::NAN);
        assert!(useful.is_finite() && useful > 0.0, "{}: {useful}", p.name);
        let cost = p.summary.cost_per_useful_change_usd.p50.unwrap_or(f64::NAN);
        assert!(cost.is_finite() && cost > 0.0, "{}: {cost}", p.name);
    }
}

#[test]
fn a_price_file_with_a_character_straddling_byte_4096_is_imported() {
    // The format is sniffed from the first 4,096 bytes; an em dash (3 bytes) straddles them.
    let mut text = String::from(
        r#"{"m":{"mode":"chat","input_cost_per_token":1e-6,"output_cost_per_token":2e-6,"note":""#,
    );
    text.push_str(&"x".repeat(4095 - text.len()));
    text.push_str("\u{2014}\"}}");
    assert!(!text.is_char_boundary(4096));
    let i = import(&text, None, "t.json", "2026-11-01".parse().unwrap()).unwrap();
    assert_eq!(i.summary.format, Format::Litellm);
}

/// A share link carrying `doc` as its scenario.
fn link_of(doc: &serde_json::Value) -> String {
    use base64::Engine;
    let packed = miniz_oxide::deflate::compress_to_vec(doc.to_string().as_bytes(), 9);
    format!(
        "1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

#[test]
fn a_version_that_is_not_1_is_refused_by_every_reader_naming_the_field() {
    for bad in ["0", "-1", "1.5", "2", "\"1\""] {
        let text = format!(r#"{{"version": {bad}}}"#);
        let e = Scenario::from_json(&text, "s.json").unwrap_err();
        assert_eq!(e.field(), "version", "file, version {bad}: {e}");
        assert!(e.to_string().contains("`version`"), "{e}");
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let e = burnrate::share::decode(&link_of(&doc)).unwrap_err();
        assert!(
            e.to_string().contains("`version`"),
            "link, version {bad}: {e}"
        );
        let e = burnrate::session::scenario_from_json(&text, "s.json").unwrap_err();
        assert!(e.contains("`version`"), "app, version {bad}: {e}");
    }
    let newer = Scenario::from_json(r#"{"version": 2}"#, "s.json").unwrap_err();
    assert!(
        newer.to_string().contains("newer version of Burnrate"),
        "{newer}"
    );
    // Without a version, a document is read as version 1.
    assert_eq!(
        Scenario::from_json("{}", "s.json").unwrap(),
        Scenario::default()
    );
    assert_eq!(
        burnrate::share::decode(&link_of(&serde_json::json!({}))).unwrap(),
        Scenario::default()
    );
}

fn burnrate_cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn temp_file(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("burnrate-hostile-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn the_command_line_reads_versions_like_the_app_and_validates_before_linking() {
    let zero = temp_file("version-0.json", r#"{"version": 0}"#);
    for args in [
        vec!["simulate", "--scenario", &zero, "--draws", "1"],
        vec!["scenario", "link", "--scenario", &zero],
    ] {
        let o = burnrate_cli(&args);
        assert!(!o.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("`version`"), "{args:?}: {err}");
    }
    let link = link_of(&serde_json::json!({ "version": 0 }));
    let o = burnrate_cli(&["simulate", "--link", &link, "--draws", "1"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("`version`"));
    // `scenario link` validates: an out-of-range field is refused, not encoded.
    let bad = temp_file("months-0.json", r#"{"months": 0}"#);
    let o = burnrate_cli(&["scenario", "link", "--scenario", &bad]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("`months`"));
}

fn import_as(text: &str, format: Format) -> burnrate::pricing::import::Imported {
    import(text, Some(format), "t", "2026-11-01".parse().unwrap()).unwrap()
}

/// The table written by `pricing import --out` reads back as the same table.
fn reads_back(i: &burnrate::pricing::import::Imported) {
    let written = i.catalogue.to_json();
    let read = Catalogue::from_json(&written, "out.json")
        .unwrap_or_else(|e| panic!("written table refused: {e}\n{written}"));
    assert_eq!(read.models(), i.catalogue.models());
}

#[test]
fn litellm_tiers_starting_at_0_are_skipped_with_a_warning_and_the_table_reads_back() {
    let text = r#"{
      "ok": {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
      "above0": {"mode": "chat", "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
                 "input_cost_per_token_above_0k_tokens": 2e-6},
      "tiered": {"mode": "chat", "output_cost_per_token": 2e-6, "tiered_pricing": [
        {"range": [0, 32000], "input_cost_per_token": 1e-6},
        {"range": [0, 128000], "input_cost_per_token": 2e-6}]}
    }"#;
    let i = import_as(text, Format::Litellm);
    reads_back(&i);
    assert!(i.catalogue.get("ok").is_some());
    for id in ["above0", "tiered"] {
        assert!(i.catalogue.get(id).is_none(), "{id}");
        assert!(
            i.summary
                .warnings
                .iter()
                .any(|w| w.contains(&format!("model \"{id}\"")) && w.contains("context_tiers[")),
            "{id}: {:?}",
            i.summary.warnings
        );
    }
}

#[test]
fn openrouter_entries_without_a_name_or_provider_read_back() {
    let text = r#"{"data": [
      {"id": "/slash", "name": "", "pricing": {"prompt": "0.000001", "completion": "0.000002"}},
      {"id": "a/b", "name": "B", "pricing": {"prompt": "0.000001", "completion": "0.000002"}}
    ]}"#;
    let i = import_as(text, Format::Openrouter);
    reads_back(&i);
    let m = i.catalogue.get("/slash").expect("kept, named by its id");
    assert_eq!(m.name, "/slash");
    assert_eq!(m.provider, "unknown");
}

#[test]
fn llm_prices_long_context_listed_twice_is_folded_once_and_reads_back() {
    let p =
        r#"{"input": 1, "output": 2, "input_cached": null, "from_date": null, "to_date": null}"#;
    let q =
        r#"{"input": 2, "output": 4, "input_cached": null, "from_date": null, "to_date": null}"#;
    let text = format!(
        r#"{{"vendor": "v", "models": [
          {{"id": "m", "name": "M", "price_history": [{p}]}},
          {{"id": "m-200k", "name": "M long", "price_history": [{q}]}},
          {{"id": "m-200k", "name": "M long", "price_history": [{q}]}}
        ]}}"#
    );
    let i = import_as(&text, Format::LlmPrices);
    reads_back(&i);
    assert_eq!(
        i.catalogue.get("m").unwrap().periods[0]
            .standard
            .context_tiers
            .len(),
        1
    );
    assert_eq!(i.summary.skipped.get("duplicate id"), Some(&1));
}

#[test]
fn llm_prices_id_whose_context_suffix_overflows_stays_a_model_of_its_own() {
    // Found by the smoke run of `import_llm_prices`: 27200002487771122 thousand tokens does not
    // fit in 64 bits, and the multiplication panicked.
    let text = r#"{"updated_at": "2026-10-30", "prices": [
      {"id": "gpt-5.4", "vendor": "openai", "name": "GPT-5.4", "input": 2.5, "output": 15},
      {"id": "gpt-5.4-27200002487771122k", "vendor": "openai", "name": "GPT-5.4 long",
       "input": 5, "output": 22.5}
    ]}"#;
    let i = import_as(text, Format::LlmPrices);
    reads_back(&i);
    assert!(i.catalogue.get("gpt-5.4-27200002487771122k").is_some());
    assert!(i.catalogue.get("gpt-5.4").unwrap().periods[0]
        .standard
        .context_tiers
        .is_empty());
}

#[test]
fn every_model_an_importer_keeps_passes_the_schema_reader() {
    // Each reader check the importers once lacked, as an entry of its own.
    let text = r#"{"data": [
      {"id": "x/blank-name", "name": "  ", "pricing": {"prompt": "0.000001", "completion": "0.000002"}},
      {"id": "x/tiers", "name": "T", "pricing": {"prompt": "0.000001", "completion": "0.000002",
        "overrides": [{"min_prompt_tokens": 0, "prompt": "0.000002"}]}},
      {"id": "x/dup-tiers", "name": "D", "pricing": {"prompt": "0.000001", "completion": "0.000002",
        "overrides": [{"min_prompt_tokens": 5, "prompt": "0.000002"}, {"min_prompt_tokens": 5, "prompt": "0.000003"}]}},
      {"id": "x/ok", "name": "OK", "pricing": {"prompt": "0.000001", "completion": "0.000002"}}
    ]}"#;
    let i = import_as(text, Format::Openrouter);
    reads_back(&i);
    assert!(i.catalogue.get("x/ok").is_some());
    assert!(i.catalogue.get("x/tiers").is_none());
    assert!(i.catalogue.get("x/dup-tiers").is_none());
    assert!(i
        .summary
        .warnings
        .iter()
        .any(|w| w.contains("model \"x/tiers\"") && w.contains("prices.context_tiers[0]")));
}

/// Sizes that finish in about a second when the importers are linear, and take minutes when
/// they are quadratic (as they once were): no clock is read.
#[test]
fn a_200k_row_csv_imports_in_linear_time() {
    use std::fmt::Write;
    let mut text = String::from("id,from,to,input,output\n");
    let day = |n: i32| burnrate::calendar::Date::from_unix_days(n);
    // 100,000 models of one row each, then one model with 100,000 dated periods.
    for k in 0..100_000 {
        writeln!(text, "m{k},,,1,2").unwrap();
    }
    for k in 0..100_000 {
        writeln!(text, "long,{},{},1,2", day(k), day(k + 1)).unwrap();
    }
    let i = import_as(&text, Format::Csv);
    assert_eq!(i.summary.imported, 100_001);
    assert_eq!(i.catalogue.get("long").unwrap().periods.len(), 100_000);
}

#[test]
fn a_100k_row_llm_prices_file_imports_in_linear_time() {
    use std::fmt::Write;
    let mut text = String::from(r#"{"prices": ["#);
    for k in 0..100_000 {
        if k > 0 {
            text.push(',');
        }
        write!(
            text,
            r#"{{"id": "m{k}", "vendor": "v", "name": "M", "input": 1, "output": 2}}"#
        )
        .unwrap();
    }
    text.push_str("]}");
    let i = import_as(&text, Format::LlmPrices);
    assert_eq!(i.summary.imported, 100_000);
}

fn refusal(s: &Scenario) -> String {
    s.validate(&Catalogue::builtin()).unwrap_err().to_string()
}

#[test]
fn the_default_the_presets_and_a_200k_developer_organisation_are_within_the_limits() {
    let catalogue = Catalogue::builtin();
    Scenario::default().validate(&catalogue).unwrap();
    for (name, _) in burnrate::scenario::PRESETS {
        let s = burnrate::scenario::preset(name).unwrap();
        s.validate(&catalogue)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let mut big = Scenario::default();
    big.scale_developers(200_000);
    big.validate(&catalogue).unwrap();
}

#[test]
fn too_many_cost_centres_or_teams_are_refused_naming_the_limit() {
    let mut s = Scenario::default();
    let cc = s.organisation.cost_centres[0].clone();
    s.organisation.cost_centres = (0..=100)
        .map(|i| CostCentre {
            name: format!("cc{i}"),
            ..cc.clone()
        })
        .collect();
    let e = refusal(&s);
    assert!(
        e.contains("limit on cost centres") && e.contains("101"),
        "{e}"
    );

    let mut s = Scenario::default();
    let team = s.organisation.cost_centres[0].teams[0].clone();
    s.organisation.cost_centres[0].teams = (0..=1000)
        .map(|i| Team {
            name: format!("t{i}"),
            developers: 1,
            ..team.clone()
        })
        .collect();
    let e = refusal(&s);
    assert!(e.contains("limit on teams") && e.contains("1000"), "{e}");
}

#[test]
fn too_much_work_or_too_many_kept_figures_are_refused_naming_the_limit() {
    // Every field in range, but days of work: a million developers, 120 months, 10,000 draws.
    let mut s = Scenario::default();
    s.scale_developers(1_000_000);
    s.months = 120;
    s.uncertainty.draws = 10_000;
    let e = refusal(&s);
    assert!(
        e.contains("`uncertainty.draws`") && e.contains("limit on work"),
        "{e}"
    );
    // Few developers but 8 GB of figures: 12 policy sets × 120 months × 10,000 draws.
    let mut s = Scenario::default();
    s.scale_developers(20);
    s.months = 120;
    s.uncertainty.draws = 10_000;
    let one = s.policies[0].clone();
    s.policies = vec![one; 12];
    for (i, p) in s.policies.iter_mut().enumerate() {
        p.name = format!("p{i}");
    }
    let e = refusal(&s);
    assert!(e.contains("limit on figures kept"), "{e}");
}

#[test]
fn a_deflate_bomb_link_is_refused_as_too_large() {
    let bomb = vec![b' '; 2 * 1024 * 1024 + 1];
    let packed = miniz_oxide::deflate::compress_to_vec(&bomb, 9);
    use base64::Engine;
    let link = format!(
        "1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    let e = burnrate::share::decode(&link).unwrap_err();
    assert!(
        e.to_string().contains("the most a share link may hold"),
        "{e}"
    );
}

#[test]
fn deep_json_and_oversized_price_tables_are_refused_naming_the_limit() {
    let deep = format!(r#"{{"name": {}1{}}}"#, "[".repeat(40), "]".repeat(40));
    let e = Scenario::from_json(&deep, "deep.json").unwrap_err();
    assert!(e.to_string().contains("limit on JSON nesting"), "{e}");
    let e = burnrate::share::decode(&link_of(&serde_json::from_str(&deep).unwrap())).unwrap_err();
    assert!(e.to_string().contains("limit on JSON nesting"), "{e}");
    let e = import(
        &deep,
        Some(Format::Litellm),
        "deep.json",
        "2026-11-01".parse().unwrap(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("limit on JSON nesting"), "{e}");

    let huge = " ".repeat(128 * 1024 * 1024 + 1);
    let e = import(
        &huge,
        Some(Format::Csv),
        "huge.csv",
        "2026-11-01".parse().unwrap(),
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("limit on an imported price table"),
        "{e}"
    );
}

#[test]
fn the_command_line_refuses_an_oversized_file_unread() {
    // A sparse file: 128 MiB + 1 byte on paper, nothing on disk.
    let path = temp_file("huge.csv", "");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(128 * 1024 * 1024 + 1)
        .unwrap();
    let o = burnrate_cli(&["pricing", "import", &path]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the limit on an input file"), "{err}");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_sensitivity_analysis_beyond_the_work_limit_is_refused_naming_it() {
    // The report is within the limits (one draw), but the tornado runs 21 × 20 draws.
    let mut s = Scenario::default();
    s.scale_developers(1_000_000);
    s.months = 120;
    s.uncertainty.draws = 1;
    s.policies.truncate(1);
    let catalogue = Catalogue::builtin();
    let valid = s.validate(&catalogue).unwrap();
    let sensitivity = burnrate::runner::Request::new(
        1,
        burnrate::runner::Task::Sensitivity(0),
        &valid,
        &catalogue,
    );
    let Err(e) = sensitivity.job() else {
        panic!("a sensitivity analysis past the limit was accepted")
    };
    assert!(e.contains("limit on work"), "{e}");
    let mut small = Scenario::default();
    small.scale_developers(200_000);
    let valid = small.validate(&catalogue).unwrap();
    let request = burnrate::runner::Request::new(
        1,
        burnrate::runner::Task::Sensitivity(0),
        &valid,
        &catalogue,
    );
    assert!(request.job().is_ok());
}
