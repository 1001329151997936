//! The documentation stays in step with the code.
#![cfg(not(target_arch = "wasm32"))]

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn the_model_page_lists_every_parameter_as_the_cli_prints_it() {
    let doc = read("docs/MODEL.md");
    assert!(
        doc.contains(&burnrate::scenario::parameter_table()),
        "docs/MODEL.md is out of date: paste `burnrate scenario parameters` into it"
    );
}

#[test]
fn the_scenario_page_names_every_preset_and_policy_field() {
    let doc = read("docs/scenario.md");
    for (name, _) in burnrate::scenario::PRESETS {
        assert!(
            doc.contains(name),
            "docs/scenario.md does not mention preset {name}"
        );
    }
    for field in [
        "mandate",
        "leaderboard",
        "run_cap",
        "user_budget",
        "ticket_rule",
        "accountability",
        "annual_budget",
        "plan",
        "target_share",
        "extra_push",
        "salience",
        "tiers",
        "usd_per_run",
        "daily_usd",
        "monthly_usd",
        "exception_share",
        "exception_multiplier",
        "priors",
        "draws",
        "seed",
    ] {
        assert!(
            doc.contains(&format!("`{field}`")),
            "docs/scenario.md lacks `{field}`"
        );
    }
}
