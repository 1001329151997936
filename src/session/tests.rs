use super::*;
use crate::pricing::Catalogue;
use crate::runner::{Job, Update};
use crate::scenario::FieldPath;

/// The state after `action` once its runs are carried out.
trait Then {
    fn then(&self, action: Action) -> Session;
}

impl Then for Session {
    fn then(&self, action: Action) -> Session {
        self.apply(action).settled()
    }
}

/// The edit of the input at `path`.
fn set(path: &str, text: &str) -> Action {
    Action::Edit(EditAction::Set {
        path: at(path),
        text: text.into(),
    })
}

/// The place `path` names.
fn at(path: &str) -> FieldPath {
    FieldPath::parse(path).unwrap_or_else(|| panic!("{path} is a field"))
}

fn set_developers(text: String) -> Action {
    set("developers", &text)
}

fn error(s: &Session) -> Option<String> {
    s.editor.error.as_ref().map(crate::scenario::input_message)
}

fn error_field(s: &Session) -> Option<String> {
    s.editor.error.as_ref().map(|e| e.field().to_string())
}

fn notice(s: &Session) -> Option<String> {
    s.notice.as_ref().map(notice_message)
}

fn pricing_error(s: &Session) -> Option<String> {
    s.prices.error.as_ref().map(pricing_error_message)
}

fn pricing_notice(s: &Session) -> Option<String> {
    s.prices.notice.as_ref().map(pricing_notice_message)
}

/// A small, fast scenario: 200 developers, 4 draws.
fn small() -> Session {
    let mut s = Scenario::default();
    s.scale_developers(200);
    s.uncertainty.draws = 4;
    Session::new(s).settled()
}

fn total(s: &Session) -> f64 {
    s.results.report.as_ref().unwrap().policies[0]
        .summary
        .total_spend_usd
        .median_or_zero()
}

#[test]
fn starts_with_a_report_of_the_default_scenario() {
    let s = small();
    assert!(total(&s) > 0.0);
    assert_eq!(error(&s), None);
}

#[test]
fn editing_developers_reruns_and_bad_input_keeps_the_last_report() {
    let s = small();
    let doubled = s.then(set_developers("400".into()));
    assert!(total(&doubled) > total(&s) * 1.5);

    let bad = doubled.then(set_developers("lots".into()));
    assert!(error(&bad).as_ref().unwrap().contains("\"lots\""));
    assert_eq!(bad.results.report, doubled.results.report);
    assert_eq!(bad.editor.texts().text(&at("developers")), "lots");

    let zero = doubled.then(set_developers("0".into()));
    assert!(error(&zero).as_ref().unwrap().contains("Developers"));
    assert_eq!(error_field(&zero).as_deref(), Some("developers"));
    assert_eq!(zero.results.report, doubled.results.report);
}

fn litellm_sample(merge: bool) -> Action {
    let text = include_str!("../../tests/fixtures/litellm-sample.json");
    let day = "2026-11-01".parse().unwrap();
    Action::Prices(PriceAction::Imported {
        result: crate::pricing::import::import(text, None, "litellm-sample.json", day)
            .map_err(|e| e.to_string()),
        merge,
        elapsed_ms: 1.0,
    })
}

#[test]
fn an_import_without_merge_leaves_models_unpriced_and_the_scenario_waits() {
    let s = small();
    let replaced = s.then(litellm_sample(false));
    assert!(replaced
        .unpriced_models()
        .contains(&"claude-sonnet-4-6".to_string()));
    let e = error(&replaced).clone().unwrap();
    assert!(
        e.contains("no price for model \"claude-sonnet-4-6\""),
        "{e}"
    );
    assert_eq!(
        replaced.results.report, s.results.report,
        "the last results stay"
    );

    // Pick a priced model for each unpriced row: the scenario runs again.
    let mut fixed = replaced;
    for (i, id) in [
        "claude-sonnet-4-5",
        "claude-opus-4-5",
        "gpt-5",
        "gemini/gemini-2.5-flash",
    ]
    .iter()
    .enumerate()
    {
        fixed = fixed.then(set(&format!("model_mix[{i}].model"), id));
    }
    assert_eq!(error(&fixed), None);
    assert_ne!(fixed.results.report, s.results.report);
}

#[test]
fn a_hand_entered_price_lets_an_unpriced_model_run() {
    let s = small().then(litellm_sample(false));
    let day = "2026-11-22".parse().unwrap();
    let bad = s.then(Action::Prices(PriceAction::AddManual {
        model: "claude-sonnet-4-6".into(),
        input: "3".into(),
        cache_read: "".into(),
        output: "-15".into(),
        as_of: day,
    }));
    assert!(pricing_error(&bad)
        .as_ref()
        .unwrap()
        .contains("must not be negative"));
    let mut s = s;
    for id in [
        "claude-sonnet-4-6",
        "claude-opus-4-6",
        "gpt-5.4",
        "gemini-3-flash",
    ] {
        s = s.then(Action::Prices(PriceAction::AddManual {
            model: id.into(),
            input: "3".into(),
            cache_read: "0.3".into(),
            output: "15".into(),
            as_of: day,
        }));
    }
    assert_eq!(s.unpriced_models(), Vec::<String>::new());
    assert_eq!(error(&s), None);
}

#[test]
fn a_merged_import_lists_changed_prices_and_a_refused_import_keeps_them() {
    let s = small();
    let merged = s.then(litellm_sample(true));
    assert_eq!(error(&merged), None);
    assert!(merged
        .prices
        .changes
        .iter()
        .any(|c| c.model == "gpt-4o" && c.field == "model"));
    let replaced = s.then(litellm_sample(false));
    assert!(replaced
        .prices
        .changes
        .iter()
        .any(|c| c.model == "claude-sonnet-4-6" && c.after.is_none()));
    let refused = merged.then(Action::Prices(PriceAction::Imported {
        result: Err("broken.json: not a valid litellm price table".into()),
        merge: true,
        elapsed_ms: 0.0,
    }));
    assert!(pricing_error(&refused)
        .as_ref()
        .unwrap()
        .contains("broken.json"));
    assert_eq!(refused.prices.catalogue, merged.prices.catalogue);
    let cleared = refused.then(Action::Prices(PriceAction::ClearImport));
    assert_eq!(cleared.prices.catalogue, s.prices.catalogue);
    assert!(cleared.prices.changes.is_empty());
}

#[test]
fn sensitivity_is_computed_on_request_and_dropped_when_results_change() {
    let s = small().then(Action::Run(RunAction::Sensitivity(1)));
    let (policy, t) = s.results.tornado.clone().unwrap();
    assert_eq!(policy, 1);
    assert_eq!(t.swings.len(), s.editor.scenario.uncertainty.priors.len());
    let edited = s.then(set_developers("250".into()));
    assert_eq!(edited.results.tornado, None);
    assert_eq!(
        small()
            .then(Action::Run(RunAction::Sensitivity(9)))
            .results
            .tornado,
        None
    );
}

#[test]
fn an_imported_scenario_replaces_the_one_on_screen_and_a_bad_one_is_refused() {
    let s = small();
    let mut other = s.editor.scenario.clone();
    other.name = "Imported".into();
    other.uncertainty.draws = 3;
    let opened = s.then(Action::Open(OpenAction::File {
        text: other.to_json(),
        file: "plan.json".into(),
    }));
    assert_eq!(opened.editor.scenario, other);
    assert_eq!(opened.editor.scenario.uncertainty.draws, 3);
    assert_eq!(notice(&opened).as_deref(), Some("Opened plan.json."));
    let refused = opened.then(Action::Open(OpenAction::File {
        text: "{\"months\": \"many\"}".into(),
        file: "bad.json".into(),
    }));
    assert_eq!(refused.editor.scenario, other);
    assert!(notice(&refused)
        .as_ref()
        .unwrap()
        .contains("bad.json: scenario field `months`: invalid type: string \"many\""));
    assert!(
        notice(&refused)
            .as_ref()
            .unwrap()
            .contains("(allowed: a whole number 1 – 120 months)"),
        "{:?}",
        notice(&refused)
    );
    assert_eq!(refused.results.report, opened.results.report);
}

#[test]
fn policy_levers_are_switched_and_edited_and_bad_input_keeps_the_results() {
    let s = small();
    let capped = s
        .then(Action::Edit(EditAction::SetLever {
            policy: 0,
            lever: "run_cap".into(),
            on: true,
        }))
        .then(Action::Edit(EditAction::Set {
            path: at("policies[0].run_cap.usd_per_run"),
            text: "0.5".into(),
        }));
    assert_eq!(
        capped.editor.scenario.policies[0]
            .run_cap
            .unwrap()
            .usd_per_run,
        0.5
    );
    assert!(
        total(&capped) < total(&s),
        "a tight per-run cap lowers spend"
    );
    let unreadable = capped.then(Action::Edit(EditAction::Set {
        path: at("policies[0].run_cap.usd_per_run"),
        text: "cheap".into(),
    }));
    assert_eq!(unreadable.editor.scenario, capped.editor.scenario);
    assert_eq!(
        error_field(&unreadable).as_deref(),
        Some("policies[0].run_cap.usd_per_run")
    );
    assert_eq!(
        unreadable.editor.typed["policies[0].run_cap.usd_per_run"],
        "cheap"
    );
    let out_of_range = capped.then(Action::Edit(EditAction::Set {
        path: at("policies[0].run_cap.usd_per_run"),
        text: "0".into(),
    }));
    assert_eq!(
        error(&out_of_range).as_deref(),
        Some("Cap: 0 is below 0.01 (allowed 0.01 – 10,000 USD / run).")
    );
    assert_eq!(
        out_of_range.results.report, capped.results.report,
        "the last valid results stay"
    );
    let off = capped.then(Action::Edit(EditAction::SetLever {
        policy: 0,
        lever: "run_cap".into(),
        on: false,
    }));
    assert_eq!(off.editor.scenario.policies[0].run_cap, None);
    assert_eq!(total(&off), total(&s));
}

#[test]
fn the_organisation_is_edited_and_cost_centre_names_follow_into_chargeback() {
    let mut s = small();
    let first = s.editor.scenario.organisation.cost_centres[0].name.clone();
    s.editor.scenario.policies[0].accountability = Some(crate::scenario::Accountability {
        cost_centres: vec![first],
        ..Default::default()
    });
    let s = s.then(Action::Edit(EditAction::Set {
        path: at("organisation.cost_centres[0].name"),
        text: "Core platform".into(),
    }));
    assert_eq!(
        s.editor.scenario.organisation.cost_centres[0].name,
        "Core platform"
    );
    assert_eq!(
        s.editor.scenario.policies[0]
            .accountability
            .as_ref()
            .unwrap()
            .cost_centres,
        ["Core platform"]
    );
    assert!(error(&s).is_none(), "{:?}", error(&s));
    let before = s.editor.scenario.developers();
    let grown = s
        .then(Action::Edit(EditAction::AddCostCentre))
        .then(Action::Edit(EditAction::AddTeam(4)))
        .then(Action::Edit(EditAction::Set {
            path: at("organisation.cost_centres[4].teams[1].developers"),
            text: "90".into(),
        }));
    assert_eq!(grown.editor.scenario.organisation.cost_centres.len(), 5);
    assert_eq!(grown.editor.scenario.developers(), before + 10 + 90);
    assert_eq!(
        grown.editor.texts().text(&at("developers")),
        (before + 100).to_string()
    );
    assert_eq!(grown.results.report.as_ref().unwrap().cost_centres.len(), 5);
    let shrunk = grown
        .then(Action::Edit(EditAction::RemoveTeam(4, 0)))
        .then(Action::Edit(EditAction::RemoveTeam(4, 0)));
    assert_eq!(
        shrunk.editor.scenario.organisation.cost_centres[4]
            .teams
            .len(),
        1,
        "a cost centre keeps its last team"
    );
    let all = shrunk.editor.scenario.cost_centre_names();
    let every = shrunk.then(Action::Edit(EditAction::SetAccountabilityCentres {
        policy: 0,
        centres: all.clone(),
    }));
    let accountable = |s: &Session| {
        s.editor.scenario.policies[0]
            .accountability
            .as_ref()
            .unwrap()
            .cost_centres
            .clone()
    };
    assert!(accountable(&every).is_empty(), "all of them: stored as all");
    let two = every.then(Action::Edit(EditAction::SetAccountabilityCentres {
        policy: 0,
        centres: all[..2].to_vec(),
    }));
    assert_eq!(accountable(&two), all[..2]);
    let shrunk = two.then(Action::Edit(EditAction::SetAccountabilityCentres {
        policy: 0,
        centres: all[..1].to_vec(),
    }));
    let gone = shrunk.then(Action::Edit(EditAction::RemoveCostCentre(0)));
    assert_eq!(gone.editor.scenario.organisation.cost_centres.len(), 4);
    assert!(gone.editor.scenario.policies[0]
        .accountability
        .as_ref()
        .unwrap()
        .cost_centres
        .is_empty());
}

#[test]
fn priors_are_set_changed_and_removed() {
    let s = small();
    let set = |s: &Session, kind: &str, a: &str, b: &str| {
        let prior = "uncertainty.priors.usage.sigma";
        s.apply(set(&format!("{prior}.kind"), kind))
            .apply(set(&format!("{prior}.a"), a))
            .apply(set(&format!("{prior}.b"), b))
            .settled()
    };
    let wide = set(&s, "uniform", "0.8", "1.6");
    assert_eq!(
        wide.editor.scenario.uncertainty.priors["usage.sigma"],
        crate::scenario::Prior::Uniform([0.8, 1.6])
    );
    assert_ne!(wide.results.report, s.results.report);
    let bad = set(&wide, "uniform", "0.8", "lots");
    assert_eq!(bad.editor.scenario, wide.editor.scenario);
    assert!(error(&bad)
        .as_ref()
        .unwrap()
        .contains("upper bound \"lots\""));
    // Typed a part at a time: the bounds meet (valid), then cross (refused).
    let met = set(&wide, "uniform", "1.6", "1.6");
    assert_eq!(error(&met), None);
    let reversed = set(&met, "uniform", "1.6", "0.8");
    assert!(error(&reversed).is_some(), "validation refuses lo > hi");
    assert_eq!(reversed.results.report, met.results.report);
    let none = set(&wide, "none", "", "");
    assert!(!none
        .editor
        .scenario
        .uncertainty
        .priors
        .contains_key("usage.sigma"));
}

#[test]
fn models_are_added_to_and_removed_from_the_mix_keeping_shares_whole() {
    let s = small();
    let n = s.editor.scenario.model_mix.len();
    let added = s.then(Action::Edit(EditAction::AddMixModel));
    assert_eq!(added.editor.scenario.model_mix.len(), n + 1);
    let new = &added.editor.scenario.model_mix[n];
    assert_eq!(new.share, 0.0);
    assert!(s
        .editor
        .scenario
        .model_mix
        .iter()
        .all(|m| m.model != new.model));
    assert_eq!(
        added
            .editor
            .texts()
            .text(&at(&format!("model_mix[{}].share", n))),
        "0"
    );
    assert!(error(&added).is_none(), "{:?}", error(&added));
    let removed = added.then(Action::Edit(EditAction::RemoveMixModel(0)));
    let total: f64 = removed
        .editor
        .scenario
        .model_mix
        .iter()
        .map(|m| m.share)
        .sum();
    assert!((total - 1.0).abs() < 1e-12, "{total}");
    assert!(error(&removed).is_none(), "{:?}", error(&removed));
    let mut one = removed.clone();
    while one.editor.scenario.model_mix.len() > 1 {
        one = one.then(Action::Edit(EditAction::RemoveMixModel(0)));
    }
    assert_eq!(
        one.then(Action::Edit(EditAction::RemoveMixModel(0)))
            .editor
            .scenario
            .model_mix
            .len(),
        1
    );
    assert_eq!(one.editor.scenario.model_mix[0].share, 1.0);
}

#[test]
fn runs_are_left_to_the_shell_and_only_the_latest_counts() {
    let mut scenario = small().editor.scenario;
    scenario.uncertainty.draws = 20;
    let s = Session::new(scenario);
    assert!(s.results.report.is_none());
    let first = s.run.pending.clone().unwrap();
    let edited = s.apply(set_developers("150".into()));
    let second = edited.run.pending.clone().unwrap();
    assert!(second.generation > first.generation);
    let news = |run: &PendingRun| {
        let mut job = Job::new(run.generation, run.task, (*run.valid).clone());
        let mut news = Vec::new();
        while !job.is_done() {
            news.extend(job.step(&|| 0.0));
        }
        news
    };
    let stale = news(&first)
        .into_iter()
        .fold(edited, |s, u| s.apply(Action::Run(RunAction::Update(u))));
    assert!(
        stale.results.report.is_none()
            && stale.run.pending.is_some()
            && stale.run.progress.is_none(),
        "a stale run is ignored"
    );
    let mut updates = news(&second).into_iter();
    let mut s = stale;
    for u in updates.by_ref() {
        let preliminary = matches!(u, Update::Preliminary { .. });
        s = s.apply(Action::Run(RunAction::Update(u)));
        if preliminary {
            break;
        }
    }
    assert!(s.results.preliminary && s.results.report.as_ref().unwrap().draws == 3);
    assert!(s.run.pending.is_some() && s.run.progress.map(|p| (p.done, p.total)) == Some((3, 20)));
    let done = updates.fold(s, |s, u| s.apply(Action::Run(RunAction::Update(u))));
    assert!(
        done.results.report.is_some() && done.run.pending.is_none() && !done.results.preliminary
    );
    assert_eq!(done.results.report.as_ref().unwrap().draws, 20);
    let cancelled = done
        .apply(set_developers("160".into()))
        .apply(Action::Run(RunAction::Cancel));
    assert!(cancelled.run.pending.is_none());
    assert_eq!(
        cancelled.results.report, done.results.report,
        "the last results stay"
    );
}

#[test]
fn sensitivity_waits_for_the_report_run_then_runs_in_the_shell() {
    let mut scenario = small().editor.scenario;
    scenario.uncertainty.draws = 2;
    let s = Session::new(scenario).apply(Action::Run(RunAction::Sensitivity(1)));
    let report_run = s.run.pending.clone().unwrap();
    assert_eq!(report_run.task, Task::Report, "the report run goes first");
    assert_eq!(s.run.sensitivity_wanted, Some(1));
    let finish = |mut s: Session| {
        let run = s.run.pending.clone().unwrap();
        let mut job = Job::new(run.generation, run.task, (*run.valid).clone());
        while !job.is_done() {
            for u in job.step(&|| 0.0) {
                s = s.apply(Action::Run(RunAction::Update(u)));
            }
        }
        s
    };
    let s = finish(s);
    assert_eq!(s.run.pending.as_ref().unwrap().task, Task::Sensitivity(1));
    let s = finish(s);
    assert!(s.run.pending.is_none() && s.run.sensitivity_wanted.is_none());
    assert_eq!(s.results.tornado.as_ref().unwrap().0, 1);
    let failed = s
        .apply(set_developers("170".into()))
        .apply(Action::Run(RunAction::Update(Update::Failed {
            generation: 0,
            message: "stale".into(),
        })));
    assert!(notice(&failed).is_none(), "stale news is ignored");
}

#[test]
fn a_value_typed_and_a_value_in_an_opened_file_are_fixed_alike() {
    let s = small();
    let typed = s.then(Action::Edit(EditAction::Set {
        path: at("output.pass_through"),
        text: "0".into(),
    }));
    let opened = s.then(Action::Open(OpenAction::File {
        text: r#"{"output": {"pass_through": 0}}"#.into(),
        file: "fixed.json".into(),
    }));
    assert_eq!(opened.editor.scenario.output.pass_through, 0.0);
    assert_eq!(
        opened.editor.scenario.uncertainty.priors,
        typed.editor.scenario.uncertainty.priors
    );
    assert!(!opened
        .editor
        .scenario
        .uncertainty
        .priors
        .contains_key("output.pass_through"));
    // And so does the share link the page makes of it.
    let linked = crate::share::decode(&opened.share_payload()).unwrap();
    assert_eq!(linked, opened.editor.scenario);
}

#[test]
fn model_parameters_are_edited_by_path_within_their_range() {
    let s = small();
    let richer = s.then(Action::Edit(EditAction::Set {
        path: at("usage.mean_spend_usd"),
        text: "300".into(),
    }));
    assert_eq!(richer.editor.scenario.usage.mean_spend_usd, 300.0);
    assert!(!richer
        .editor
        .scenario
        .uncertainty
        .priors
        .contains_key("usage.mean_spend_usd"));
    assert!(total(&richer) > total(&s));
    let bad = richer.then(Action::Edit(EditAction::Set {
        path: at("usage.sigma"),
        text: "9".into(),
    }));
    assert_eq!(
        error(&bad).as_deref(),
        Some("sigma: 9 is above 3 (allowed 0 – 3 log-sd of per-developer demand).")
    );
    assert_eq!(error_field(&bad).as_deref(), Some("usage.sigma"));
    assert_eq!(
        bad.editor.scenario.usage.sigma,
        richer.editor.scenario.usage.sigma
    );
    assert_eq!(bad.results.report, richer.results.report);
}

#[test]
fn policy_sets_are_added_from_templates_up_to_six_and_removed_down_to_one() {
    let mut s = small();
    assert_eq!(s.editor.scenario.policies.len(), 4);
    for _ in 0..5 {
        s = s.then(Action::Edit(EditAction::AddPolicy(1)));
    }
    assert_eq!(s.editor.scenario.policies.len(), MAX_POLICY_SETS);
    assert!(notice(&s).as_ref().unwrap().contains("At most 6"));
    assert_eq!(s.editor.scenario.policies[5].name, "Mandate 80%+ (2)");
    assert_eq!(s.results.report.as_ref().unwrap().policies.len(), 6);
    for _ in 0..10 {
        s = s.then(Action::Edit(EditAction::RemovePolicy(0)));
    }
    assert_eq!(s.editor.scenario.policies.len(), 1);
}

#[test]
fn presets_open_in_one_action() {
    let s = small().then(Action::Open(OpenAction::Preset("uber-cap-1500".into())));
    assert_eq!(s.editor.scenario.policies.len(), 2);
    assert_eq!(
        notice(&s).as_deref(),
        Some("Opened the preset uber-cap-1500.")
    );
    let none = s.then(Action::Open(OpenAction::Preset("nope".into())));
    assert_eq!(none.editor.scenario, s.editor.scenario);
}

#[test]
fn the_share_payload_opens_the_same_scenario() {
    let s = small();
    assert_eq!(
        crate::share::decode(&s.share_payload()).unwrap(),
        s.editor.scenario
    );
}

#[test]
fn an_overridden_price_travels_with_the_link_and_the_export() {
    let s = small();
    let plain = s.share_payload().len();
    let day = "2026-11-22".parse().unwrap();
    let cheaper = s.then(Action::Prices(PriceAction::AddManual {
        model: "claude-sonnet-4-6".into(),
        input: "1.5".into(),
        cache_read: "0.15".into(),
        output: "7.5".into(),
        as_of: day,
    }));
    assert!(total(&cheaper) < total(&s));
    // Only the one differing model travels, not the whole table.
    let carried = &cheaper.editor.scenario.pricing.prices;
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0]["id"], "claude-sonnet-4-6");
    let link = cheaper.share_payload();
    assert!(link.len() < plain + 400, "{} vs {plain}", link.len());
    let from_link = crate::share::decode(&link).unwrap();
    let exported = cheaper.editor.scenario.to_json();
    assert_eq!(from_link, cheaper.editor.scenario);
    assert_eq!(
        scenario_from_json(&exported, "exported.json").unwrap(),
        from_link
    );
    // Opened afresh (built-in prices only), both run on the carried price.
    let reopened = Session::new(from_link.clone()).settled();
    assert_eq!(reopened.editor.scenario, cheaper.editor.scenario);
    assert_eq!(reopened.results.report, cheaper.results.report);
    let imported = small().then(Action::Open(OpenAction::File {
        text: exported,
        file: "plan.json".into(),
    }));
    assert_eq!(imported.results.report, cheaper.results.report);
    // The CLI's path: validation against the built-in table alone uses the carried price.
    let v = from_link.validate(&Catalogue::builtin()).unwrap();
    let builtin = s.valid().unwrap();
    let m = v
        .models
        .iter()
        .position(|m| m == "claude-sonnet-4-6")
        .unwrap();
    assert_eq!(
        v.model_usd_per_token,
        cheaper.valid().unwrap().model_usd_per_token
    );
    assert!(v.model_usd_per_token[m][0] < builtin.model_usd_per_token[m][0]);
}

#[test]
fn discounts_and_a_commitment_are_edited_as_text() {
    let s = small();
    let discounted = s.then(Action::Edit(EditAction::Set {
        path: at("pricing.discounts"),
        text: "anthropic=20, model:gpt-5.4=10".into(),
    }));
    assert_eq!(error(&discounted), None);
    assert_eq!(discounted.editor.scenario.pricing.discounts.len(), 2);
    assert!(total(&discounted) < total(&s));
    let doc = crate::scenario::document(&discounted.editor.scenario);
    assert_eq!(
        crate::scenario::field_text(&doc, &at("pricing.discounts")),
        "anthropic=20, model:gpt-5.4=10"
    );
    let committed = discounted.then(Action::Edit(EditAction::Set {
        path: at("pricing.commitment"),
        text: "100000000/year".into(),
    }));
    assert!(
        total(&committed) > total(&s),
        "a large commitment is billed"
    );
    let unreadable = committed.then(Action::Edit(EditAction::Set {
        path: at("pricing.discounts"),
        text: "anthropic 20".into(),
    }));
    let e = error(&unreadable).unwrap();
    assert!(
        e.starts_with("Discounts: ") && e.contains("PROVIDER=PERCENT"),
        "{e}"
    );
    let out_of_range = committed.then(Action::Edit(EditAction::Set {
        path: at("pricing.discounts"),
        text: "anthropic=120".into(),
    }));
    let e = error(&out_of_range).unwrap();
    assert!(e.contains("120") && e.contains("100"), "{e}");
    let cleared = committed
        .then(Action::Edit(EditAction::Set {
            path: at("pricing.discounts"),
            text: "".into(),
        }))
        .then(Action::Edit(EditAction::Set {
            path: at("pricing.commitment"),
            text: "".into(),
        }));
    assert!(cleared.editor.scenario.pricing.is_empty());
    assert_eq!(cleared.results.report, s.results.report);
}

#[test]
fn damaged_carried_prices_stop_the_scenario_instead_of_falling_back() {
    let mut scenario = small().editor.scenario;
    scenario.pricing.prices = vec![serde_json::json!({
        "id": "claude-sonnet-4-6", "name": "x", "provider": "anthropic",
        "prices": {"input": -3, "output": 15},
        "source": "x", "checked": "2026-11-22"
    })];
    let s = Session::new(scenario.clone()).settled();
    assert_eq!(s.results.report, None);
    let e = error(&s).unwrap();
    assert!(e.contains("prices carried by the scenario"), "{e}");
    assert_eq!(s.editor.scenario.pricing.prices, scenario.pricing.prices);
}

#[test]
fn model_shares_are_edited_in_percent() {
    let s = small();
    assert_eq!(
        s.editor
            .texts()
            .text(&at(&format!("model_mix[{}].share", 0))),
        "60"
    );
    let bad = s.then(set("model_mix[0].share", "50"));
    assert_eq!(
        error(&bad).as_deref(),
        Some("Model mix: the shares add up to 90 %, not 100 %.")
    );
    assert_eq!(
        error_field(&bad).as_deref(),
        Some("model_mix (sum of shares)")
    );
    let over = s.then(set("model_mix[0].share", "150"));
    assert_eq!(
        error(&over).as_deref(),
        Some("Share of model 1: 150 % is above 100 % (allowed 0 – 100 %).")
    );
    let fixed = bad.then(set("model_mix[1].share", "25"));
    assert_eq!(error(&fixed), None);
}

#[test]
fn a_failed_pricing_load_keeps_the_built_in_table_and_says_so() {
    let s = small();
    let failed = s.then(Action::Prices(PriceAction::Loaded(Err("HTTP 404".into()))));
    assert_eq!(failed.prices.catalogue, s.prices.catalogue);
    assert!(pricing_notice(&failed)
        .as_ref()
        .unwrap()
        .contains("HTTP 404"));
    assert_eq!(failed.results.report, s.results.report);
}

#[test]
fn the_served_table_is_read_by_the_session_and_a_bad_one_is_named() {
    let s = small();
    let text = crate::scenario::builtin_prices().to_json();
    let loaded = s.then(Action::Prices(
        PriceAction::served("catalogue.json", Ok(text)).expect("a table written anew"),
    ));
    assert_eq!(pricing_notice(&loaded), None);
    let bad = s.then(Action::Prices(
        PriceAction::served("catalogue.json", Ok("{".into())).unwrap(),
    ));
    assert!(pricing_notice(&bad).unwrap().contains("catalogue.json"));
    let missing = s.then(Action::Prices(
        PriceAction::served("catalogue.json", Err("HTTP 404".into())).unwrap(),
    ));
    assert!(pricing_notice(&missing).unwrap().contains("HTTP 404"));
}

#[test]
fn the_served_table_the_same_as_the_built_in_one_leaves_the_first_run_going() {
    let s = Session::new(Scenario::default());
    let first = s.run.pending.clone().unwrap();
    assert_eq!(
        PriceAction::served(
            PRICING_URL,
            Ok(crate::pricing::BUILTIN_CATALOGUE_JSON.into())
        ),
        None,
        "the built-in table's text is not read again"
    );
    // The same table written out anew (other bytes, the same prices) is read, and changes
    // nothing either.
    let same = crate::scenario::builtin_prices().to_json();
    assert_ne!(same, crate::pricing::BUILTIN_CATALOGUE_JSON);
    let loaded = s.apply(Action::Prices(
        PriceAction::served(PRICING_URL, Ok(same)).expect("other bytes are read"),
    ));
    assert_eq!(
        loaded.run.pending,
        Some(first.clone()),
        "the same run, not a new one"
    );
    assert_eq!(loaded.run.generation, first.generation);
    let mut cheaper: serde_json::Value =
        serde_json::from_str(crate::pricing::BUILTIN_CATALOGUE_JSON).unwrap();
    let mut halved = 0;
    for model in cheaper["models"].as_array_mut().unwrap() {
        if let Some(input) = model["prices"]["input"].as_f64() {
            model["prices"]["input"] = serde_json::json!(input / 2.0);
            halved += 1;
        }
    }
    assert!(halved > 0, "the table's input prices were found");
    let repriced = s.apply(Action::Prices(
        PriceAction::served(PRICING_URL, Ok(cheaper.to_string())).unwrap(),
    ));
    let rerun = repriced.run.pending.clone().unwrap();
    assert!(
        rerun.generation > first.generation,
        "other prices, another run"
    );
    assert_ne!(rerun.valid, first.valid);
}

#[test]
fn only_a_report_run_over_results_on_screen_right_after_another_waits_for_typing_to_settle() {
    use crate::session::DEBOUNCE_MS;
    let s = small();
    let edited = s.apply(set("months", "12"));
    let run = edited.run.pending.clone().unwrap();
    assert!(run.debounced(true, 0.0));
    assert!(
        run.debounced(true, f64::from(DEBOUNCE_MS) - 1.0),
        "keys in quick succession"
    );
    assert!(
        !run.debounced(true, f64::from(DEBOUNCE_MS)),
        "a single edit starts at once"
    );
    assert!(
        !run.debounced(true, f64::INFINITY),
        "the first edit starts at once"
    );
    assert!(
        !run.debounced(false, 0.0),
        "the first report starts at once"
    );
    let tornado = s.apply(Action::Run(RunAction::Sensitivity(0)));
    assert!(!tornado.run.pending.unwrap().debounced(true, 0.0));
}

#[test]
fn an_import_is_read_by_the_session_in_the_format_asked_for_and_timed() {
    let s = small();
    let text = include_str!("../../tests/fixtures/litellm-sample.json").to_string();
    let day = s.editor.scenario.start_month.first_day();
    let ticks = std::cell::Cell::new(0.0);
    let clock = || {
        ticks.set(ticks.get() + 5.0);
        ticks.get()
    };
    let action = PriceAction::import(Ok(text.clone()), ("auto", true), "mine.json", day, clock);
    let PriceAction::Imported {
        result, elapsed_ms, ..
    } = &action
    else {
        panic!("an import");
    };
    assert!(result.is_ok());
    assert_eq!(*elapsed_ms, 5.0);
    let imported = s.then(Action::Prices(action));
    assert_eq!(imported.prices.import.as_ref().unwrap().sequence, 1);
    let wrong = PriceAction::import(
        Ok("not a table".into()),
        ("litellm", true),
        "x",
        day,
        || 0.0,
    );
    assert!(matches!(
        PriceAction::import(Ok(text), ("litellm", true), "x", day, || 0.0),
        PriceAction::Imported { result: Ok(_), .. }
    ));
    assert!(s.then(Action::Prices(wrong)).prices.error.is_some());
    let unread = PriceAction::import(Err("HTTP 404".into()), ("auto", false), "x", day, || 0.0);
    assert!(pricing_error(&s.then(Action::Prices(unread)))
        .unwrap()
        .contains("HTTP 404"));
    assert!(import_formats().any(|f| f == "litellm"));
}

#[test]
fn a_calibration_replaces_the_scenario_and_the_one_before_comes_back() {
    let s = small();
    let before = s.editor.scenario.clone();
    let mut calibrated = before.clone();
    calibrated.name = "Calibrated".into();
    calibrated.scale_developers(60);
    calibrated.uncertainty.draws = 3;
    // The organisation pays three times list: the calibration carries its prices, which
    // must not outlive it.
    let reference = crate::scenario::builtin_prices()
        .get(&calibrated.reference_model)
        .unwrap()
        .scaled(3.0, "usage exports", "");
    calibrated.pricing.prices = crate::scenario::PricingTerms::carried_entries(vec![reference]);
    let applied = s.then(Action::Open(OpenAction::Calibrated(calibrated.to_json())));
    assert_eq!(applied.editor.scenario, calibrated);
    assert_eq!(
        applied.replaced.as_ref().map(|r| &r.scenario),
        Some(&before)
    );
    assert_ne!(
        total(&applied),
        total(&s),
        "the headline follows the calibration"
    );
    assert_eq!(
        notice(&applied).as_deref(),
        Some("Opened the calibration to your usage data.")
    );
    let restored = applied.then(Action::Open(OpenAction::RestoreReplaced));
    assert_eq!(restored.editor.scenario, before);
    assert_eq!(restored.replaced, None);
    assert_eq!(total(&restored), total(&s));
    let opened = applied.then(Action::Open(OpenAction::Preset("baseline".into())));
    assert_eq!(
        opened.replaced, None,
        "another scenario drops the one to go back to"
    );
}

#[test]
fn an_amount_out_of_range_in_a_text_field_is_said_beside_it_by_its_label() {
    let s = small();
    let negative = s.then(set("pricing.commitment", "-100/month"));
    assert_eq!(
        error(&negative).as_deref(),
        Some("Committed spend: -100 is below 0 (allowed 0 – 10,000,000,000).")
    );
    let form = crate::view::form::Form::new(&negative.editor, &negative.prices.catalogue);
    assert_eq!(
        form.field(at("pricing.commitment")).error,
        error(&negative),
        "beside the field"
    );
    assert_eq!(form.top_message(), None, "and only there");
    assert_eq!(
        negative.results.report, s.results.report,
        "the last report stays"
    );
    let discounts = s.then(set("pricing.discounts", "openai=10, anthropic=120"));
    assert_eq!(
        error(&discounts).as_deref(),
        Some("Discounts, entry 2: 120 is above 100 (allowed 0 – 100).")
    );
    let form = crate::view::form::Form::new(&discounts.editor, &discounts.prices.catalogue);
    assert_eq!(form.field(at("pricing.discounts")).error, error(&discounts));
}

#[test]
fn a_price_table_address_is_checked_before_it_is_fetched() {
    let site = "http://127.0.0.1:8080";
    assert_eq!(url_problem(" https://example.com/prices.json ", site), None);
    assert_eq!(url_problem("HTTPS://example.com/p.csv", site), None);
    assert_eq!(
        url_problem("http://127.0.0.1:8080/p.csv", site),
        None,
        "its own site"
    );
    for bad in [
        "notaurl",
        "http://example.com/p.json",
        "http://127.0.0.1:8081/p.json",
        "ftp://example.com/p.json",
        "https://",
        "example.com/p.json",
    ] {
        let message = url_problem(bad, site).unwrap_or_else(|| panic!("{bad} is refused"));
        assert_eq!(
            message,
            format!(
                "…or from a URL: \"{bad}\" is not an address this page can read (allowed: one \
                 that starts with https://, or one on this page's own site)."
            )
        );
    }
    let refused = small().then(Action::Prices(PriceAction::import(
        Err(unreachable("https://example.com/p.json")),
        ("detect", true),
        "https://example.com/p.json",
        crate::calendar::Date::from_ymd(2026, 12, 1).unwrap(),
        || 0.0,
    )));
    let message = pricing_error(&refused).unwrap();
    assert!(
        message.starts_with(
            "Import refused, prices unchanged: https://example.com/p.json: could not be fetched"
        ) && message.contains("CORS"),
        "{message}"
    );
}
