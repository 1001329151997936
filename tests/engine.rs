//! The engine's policies behave as documented: seat plans and pooled credits, annual budgets,
//! chargeback per cost centre, churn, and common random numbers across policy sets.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::scenario::{
    Accountability, AccountabilityKind, AnnualBudget, PlanChoice, PolicySet, Scenario, SeatHolders,
    UserBudget, ValidScenario,
};
use burnrate::sim::{self, DrawResult, Quantity};

fn scenario(policies: Vec<PolicySet>, edit: impl Fn(&mut Scenario)) -> ValidScenario {
    let mut s = Scenario::default();
    s.scale_developers(400);
    s.uncertainty.draws = 6;
    s.policies = policies;
    edit(&mut s);
    s.validate(&Catalogue::builtin()).unwrap()
}

fn named(name: &str) -> PolicySet {
    PolicySet {
        name: name.into(),
        ..PolicySet::default()
    }
}

/// A row value of group `group` (cost centre index, or the organisation when `None`).
fn at(
    v: &ValidScenario,
    d: &DrawResult,
    k: usize,
    t: usize,
    group: Option<usize>,
    q: Quantity,
) -> f64 {
    d.policies[k]
        .rows
        .row(t, group.unwrap_or(v.cost_centres.len()))[q.index()]
}

#[test]
fn a_pooled_credit_plan_bills_seats_plus_overage_beyond_the_pool() {
    let plan = |seats| PolicySet {
        plan: Some(PlanChoice {
            plan: "copilot-business".into(),
            seats,
        }),
        ..named("Copilot Business")
    };
    let v = scenario(
        vec![
            named("API"),
            plan(SeatHolders::Adopters),
            plan(SeatHolders::Everyone),
        ],
        |_| {},
    );
    let draws = sim::run(&v);
    for d in &draws {
        for t in 0..v.months.len() {
            let adopters = at(&v, d, 1, t, None, Quantity::Adopters);
            let seats = at(&v, d, 1, t, None, Quantity::Seats);
            assert!(
                (seats - 19.0 * adopters).abs() < 1e-6,
                "one $19 seat per adopter"
            );
            assert!((at(&v, d, 2, t, None, Quantity::Seats) - 19.0 * 400.0).abs() < 1e-6);
            let tokens = at(&v, d, 1, t, None, Quantity::TokenSpend);
            let pool_usd = adopters * 1900.0 * 0.01;
            let overage = at(&v, d, 1, t, None, Quantity::Overage);
            assert!((overage - (tokens - pool_usd).max(0.0)).abs() < 1e-6 * tokens.max(1.0));
            let billed = at(&v, d, 1, t, None, Quantity::Spend);
            assert!((billed - seats - overage).abs() < 1e-6 * billed.max(1.0));
            assert_eq!(at(&v, d, 0, t, None, Quantity::Seats), 0.0);
        }
    }
}

#[test]
fn an_annual_budget_reports_the_month_it_runs_out() {
    let budget = |usd| PolicySet {
        annual_budget: Some(AnnualBudget {
            usd,
            start_month: Some("2027-01".parse().unwrap()),
        }),
        ..named("budget")
    };
    let v = scenario(vec![budget(50_000.0), budget(1e12)], |_| {});
    let r = Report::simulate(&v);
    let tight = &r.policies[0].summary;
    assert_eq!(tight.budget_exhaustion_probability, 1.0);
    let month = tight.budget_exhaustion_month.p50.unwrap();
    assert!(
        month >= "2027-01".parse().unwrap() && month <= "2027-12".parse().unwrap(),
        "{month}"
    );
    let json = r.to_json();
    assert!(json.contains(&format!("\"p50\": \"{month}\"")));
    let ample = &r.policies[1].summary;
    assert_eq!(ample.budget_exhaustion_probability, 0.0);
    assert_eq!(ample.budget_exhaustion_month.p50, None);
    // Spend before the budget year does not count; the count restarts each year.
    let d = &sim::run(&v)[0];
    assert_eq!(at(&v, d, 1, 5, None, Quantity::BudgetCumulative), 0.0);
    let dec = at(&v, d, 1, 17, None, Quantity::BudgetCumulative);
    let jan = at(&v, d, 1, 18, None, Quantity::BudgetCumulative);
    assert!(jan < dec, "the second budget year starts from zero");
}

#[test]
fn chargeback_applies_only_to_the_cost_centres_it_names() {
    let v = scenario(
        vec![
            named("none"),
            PolicySet {
                accountability: Some(Accountability {
                    kind: AccountabilityKind::Chargeback,
                    cost_centres: vec!["Platform".into()],
                    ..Accountability::default()
                }),
                ..named("Platform charged back")
            },
        ],
        |_| {},
    );
    let platform = v.cost_centres.iter().position(|c| c == "Platform").unwrap();
    let other = (platform + 1) % v.cost_centres.len();
    for d in &sim::run(&v) {
        let t = v.months.len() - 1;
        let base = at(&v, d, 0, t, Some(platform), Quantity::TokenSpend);
        let charged = at(&v, d, 1, t, Some(platform), Quantity::TokenSpend);
        assert!(charged < base * 0.95, "{charged} vs {base}");
        assert_eq!(
            at(&v, d, 0, t, Some(other), Quantity::TokenSpend),
            at(&v, d, 1, t, Some(other), Quantity::TokenSpend),
            "common random numbers: an untouched cost centre spends exactly the same"
        );
    }
}

#[test]
fn churn_lowers_adoption_and_policy_sets_share_random_numbers() {
    let v = scenario(vec![named("a"), named("b")], |s| s.adoption.churn = 0.1);
    let without = scenario(vec![named("a")], |_| {});
    let d = &sim::run(&v)[0];
    let d0 = &sim::run(&without)[0];
    let t = v.months.len() - 1;
    assert!(
        at(&v, d, 0, t, None, Quantity::Adopters)
            <= at(&without, d0, 0, t, None, Quantity::Adopters)
    );
    assert_eq!(
        d.policies[0], d.policies[1],
        "identical policy sets give identical numbers"
    );
}

#[test]
fn adoption_follows_the_bass_closed_form_without_mandate_board_or_churn() {
    let v = scenario(vec![named("none")], |s| {
        s.scale_developers(2000);
        s.uncertainty.priors.clear();
    });
    let a = v.scenario.adoption;
    for d in &sim::run(&v) {
        for t in 0..v.months.len() {
            let share = at(&v, d, 0, t, None, Quantity::Adopters) / 2000.0;
            let exact =
                a.market_potential * burnrate::adoption::bass_closed_form(a.p, a.q, (t + 1) as f64);
            assert!(
                (share - exact).abs() <= 0.5 / 2000.0 + 1e-12,
                "month {t}: {share} vs {exact}"
            );
        }
    }
}

#[test]
fn differences_against_a_baseline_are_taken_draw_by_draw() {
    let v = scenario(
        vec![
            named("none"),
            PolicySet {
                mandate: Some(burnrate::scenario::Mandate::default()),
                ..named("mandate")
            },
        ],
        |_| {},
    );
    let r = Report::simulate(&v);
    let same = &r.deltas[0][0];
    assert_eq!(same.total_spend_usd.p10, Some(0.0));
    assert_eq!(same.total_spend_usd.p90, Some(0.0));
    let up = r.deltas[0][1].total_spend_usd;
    let down = r.deltas[1][0].total_spend_usd;
    assert!(
        up.p10.unwrap() > 0.0,
        "a mandate spends more in every draw: {up:?}"
    );
    assert!((up.p50.unwrap() + down.p50.unwrap()).abs() < 1e-6 * up.p50.unwrap());
    assert_eq!(r.deltas[0][1].baseline, "none");
}

#[test]
fn a_tight_user_budget_caps_at_most_every_agentic_user() {
    // Under $10 a month completion users hit the budget too; the share counts agentic users
    // only, like its denominator, so it reaches 1 and never more.
    let v = scenario(
        vec![PolicySet {
            user_budget: Some(UserBudget {
                monthly_usd: Some(10.0),
                ..UserBudget::default()
            }),
            ..named("$10 a month")
        }],
        |_| {},
    );
    let r = Report::simulate(&v);
    let mut highest: f64 = 0.0;
    for m in &r.policies[0].months {
        let groups = std::iter::once(&m.figures).chain(m.cost_centres.iter().map(|c| &c.figures));
        for f in groups {
            let p = f.capped_user_share;
            for x in [p.p10, p.p50, p.p90, p.mean].into_iter().flatten() {
                assert!((0.0..=1.0).contains(&x), "{}: {x}", m.month);
                highest = highest.max(x);
            }
        }
    }
    assert!(
        highest > 0.9,
        "almost every agentic user is capped: {highest}"
    );
}

/// The built-in table with `edit` applied to each model's JSON entry.
fn edited_catalogue(edit: impl Fn(&mut serde_json::Value)) -> Catalogue {
    let mut doc: serde_json::Value =
        serde_json::from_str(burnrate::pricing::BUILTIN_CATALOGUE_JSON).unwrap();
    for m in doc["models"].as_array_mut().unwrap() {
        edit(m);
    }
    Catalogue::from_json(&doc.to_string(), "edited table").unwrap()
}

/// Multiplies every price under `v` (prompt-size thresholds excepted) by `k`.
fn scale_prices(v: &mut serde_json::Value, k: f64) {
    match v {
        serde_json::Value::Object(o) => {
            for (key, x) in o.iter_mut() {
                if key.ends_with("_prompt_tokens") {
                    continue;
                }
                match x {
                    serde_json::Value::Number(n) => {
                        *x = serde_json::json!(n.as_f64().unwrap() * k);
                    }
                    _ => scale_prices(x, k),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| scale_prices(x, k)),
        _ => {}
    }
}

fn scaled_catalogue(k: f64) -> Catalogue {
    edited_catalogue(|m| scale_prices(&mut m["prices"], k))
}

/// Organisation token spend by month, draw by draw, of policy set 0.
fn token_spend(v: &ValidScenario) -> Vec<Vec<f64>> {
    sim::run(v)
        .iter()
        .map(|d| {
            (0..v.months.len())
                .map(|t| at(v, d, 0, t, None, Quantity::TokenSpend))
                .collect()
        })
        .collect()
}

fn baseline(catalogue: &Catalogue) -> ValidScenario {
    let mut s = burnrate::scenario::preset("baseline").unwrap();
    s.scale_developers(300);
    s.uncertainty.draws = 4;
    s.validate(catalogue).unwrap()
}

#[test]
fn every_price_times_a_factor_scales_token_spend_by_that_factor() {
    let list = token_spend(&baseline(&Catalogue::builtin()));
    let cut = token_spend(&baseline(&scaled_catalogue(0.8)));
    for (a, b) in list.iter().flatten().zip(cut.iter().flatten()) {
        assert!(*a > 0.0);
        assert!((b / a - 0.8).abs() < 1e-12, "{b} vs 0.8 × {a}");
    }
    let half = token_spend(&baseline(&scaled_catalogue(0.5)));
    for (a, b) in list.iter().flatten().zip(half.iter().flatten()) {
        assert_eq!(*b, a * 0.5, "halving every price halves spend exactly");
    }
}

#[test]
fn a_dated_price_cut_lowers_only_the_months_after_it() {
    // Every model's price falls by half from the fourth simulated month (2026-10-01).
    let cut = edited_catalogue(|m| {
        let periods = match m["prices"].take() {
            serde_json::Value::Array(a) => a,
            one => vec![one],
        };
        let mut out = Vec::new();
        for p in periods {
            let to_before_cut = p["to"].as_str().is_none_or(|to| to > "2026-10-01");
            let from_after_cut = p["from"].as_str().is_some_and(|f| f >= "2026-10-01");
            if from_after_cut {
                let mut q = p.clone();
                scale_prices(&mut q, 0.5);
                out.push(q);
            } else if to_before_cut {
                let mut before = p.clone();
                before["to"] = "2026-10-01".into();
                let mut after = p.clone();
                scale_prices(&mut after, 0.5);
                after["from"] = "2026-10-01".into();
                out.extend([before, after]);
            } else {
                out.push(p);
            }
        }
        m["prices"] = out.into();
    });
    let list = token_spend(&baseline(&Catalogue::builtin()));
    let later = token_spend(&baseline(&cut));
    for (a, b) in list.iter().zip(&later) {
        assert_eq!(a[..3], b[..3], "months before the cut are unchanged");
        for t in 3..a.len() {
            assert!(b[t] < a[t], "month {t}: {} not below {}", b[t], a[t]);
        }
    }
}

#[test]
fn a_cheaper_reference_model_alone_changes_only_that_models_spend() {
    let reference = "claude-sonnet-4-6";
    let cheaper = edited_catalogue(|m| {
        if m["id"] == reference {
            scale_prices(&mut m["prices"], 0.7);
        }
    });
    let before = baseline(&Catalogue::builtin());
    let after = baseline(&cheaper);
    assert!(before
        .teams
        .iter()
        .all(|tm| tm.spend_split == before.teams[0].spend_split));
    let r = before.models.iter().position(|m| m == reference).unwrap();
    for m in 0..before.models.len() {
        let same = before.model_usd_per_token[m] == after.model_usd_per_token[m];
        assert_eq!(same, m != r, "only {reference}'s price changes");
    }
    // Demand in tokens does not move, so spend falls by 30 % of the reference model's part of
    // it and every other model's part stays (before: a cheaper reference raised spend).
    let (a, b) = (token_spend(&before), token_spend(&after));
    for (da, db) in a.iter().zip(&b) {
        for t in 0..before.months.len() {
            let share = before.teams[0].spend_split[t][r];
            assert!(share > 0.3, "{share}");
            let expected = da[t] * (1.0 - 0.3 * share);
            assert!(
                (db[t] / expected - 1.0).abs() < 1e-12,
                "{} vs {expected}",
                db[t]
            );
        }
    }
}

fn with_terms(json: &str) -> ValidScenario {
    let mut s = burnrate::scenario::preset("baseline").unwrap();
    s.scale_developers(300);
    s.uncertainty.draws = 4;
    s.pricing = serde_json::from_str(json).unwrap();
    s.validate(&Catalogue::builtin()).unwrap()
}

#[test]
fn a_provider_discount_cuts_that_providers_spend_and_keeps_list_cost() {
    let list = with_terms("{}");
    let v = with_terms(r#"{"discounts": [{"provider": "anthropic", "percent": 20}]}"#);
    let nm = v.models.len();
    let (a, b) = (sim::run(&list), sim::run(&v));
    for (da, db) in a.iter().zip(&b) {
        for t in 0..v.months.len() {
            let q = |v: &ValidScenario, d: &DrawResult, q| at(v, d, 0, t, None, q);
            assert_eq!(
                q(&list, da, Quantity::TokenSpend),
                q(&v, db, Quantity::TokenSpend)
            );
            assert_eq!(
                q(&v, db, Quantity::ListCost),
                q(&v, db, Quantity::TokenSpend)
            );
            assert_eq!(
                q(&list, da, Quantity::Spend),
                q(&list, da, Quantity::ListCost)
            );
            let anthropic: f64 = (0..nm)
                .filter(|&m| v.model_providers[m] == "anthropic")
                .map(|m| db.policies[0].by_model.org(t)[m])
                .sum();
            assert!(anthropic > 0.0);
            let expected = q(&v, db, Quantity::ListCost) - 0.2 * anthropic;
            let billed = q(&v, db, Quantity::Spend);
            assert!(
                (billed / expected - 1.0).abs() < 1e-12,
                "{billed} vs {expected}"
            );
            assert_eq!(billed, q(&v, db, Quantity::EffectiveCost));
        }
    }
}

#[test]
fn a_commitment_above_spend_is_billed_in_full() {
    let monthly = with_terms(r#"{"commitment": {"usd": 5000000, "per": "month"}}"#);
    for d in sim::run(&monthly) {
        for t in 0..monthly.months.len() {
            let q = |q| at(&monthly, &d, 0, t, None, q);
            assert_eq!(q(Quantity::Spend), 5_000_000.0);
            let shortfall = q(Quantity::CommitmentShortfall);
            assert!((shortfall - (5e6 - q(Quantity::EffectiveCost))).abs() < 1e-6);
            let by_cc: f64 = (0..monthly.cost_centres.len())
                .map(|cc| at(&monthly, &d, 0, t, Some(cc), Quantity::Spend))
                .sum();
            assert!(
                (by_cc / 5e6 - 1.0).abs() < 1e-12,
                "cost centres carry the shortfall"
            );
        }
    }
    // Yearly: a 24-month horizon bills each year's commitment, the true-up in its 12th month.
    let yearly = with_terms(r#"{"commitment": {"usd": 60000000, "per": "year"}}"#);
    for d in sim::run(&yearly) {
        let spend = |t| at(&yearly, &d, 0, t, None, Quantity::Spend);
        let effective = |t| at(&yearly, &d, 0, t, None, Quantity::EffectiveCost);
        for year in [0..12, 12..24] {
            let billed: f64 = year.clone().map(spend).sum();
            assert!((billed / 6e7 - 1.0).abs() < 1e-12, "{billed}");
            for t in year.start..year.end - 1 {
                assert_eq!(spend(t), effective(t), "no true-up before the year's end");
            }
        }
    }
    // A commitment below spend changes nothing.
    let low = with_terms(r#"{"commitment": {"usd": 1, "per": "month"}}"#);
    let list = with_terms("{}");
    let (a, b) = (sim::run(&list), sim::run(&low));
    for (da, db) in a.iter().zip(&b) {
        assert_eq!(da.policies[0].rows, db.policies[0].rows);
    }
}

#[test]
fn a_discount_for_a_plan_vendor_cuts_the_plans_fees() {
    let plan = PolicySet {
        plan: Some(PlanChoice {
            plan: "copilot-business".into(),
            seats: SeatHolders::Everyone,
        }),
        ..named("Copilot Business")
    };
    let v = scenario(vec![plan], |s| {
        s.pricing =
            serde_json::from_str(r#"{"discounts": [{"provider": "github", "percent": 10}]}"#)
                .unwrap();
    });
    for d in sim::run(&v) {
        for t in 0..v.months.len() {
            let list = at(&v, &d, 0, t, None, Quantity::ListCost);
            assert!(list >= 19.0 * 400.0);
            let billed = at(&v, &d, 0, t, None, Quantity::Spend);
            assert!((billed / list - 0.9).abs() < 1e-12, "{billed} vs {list}");
        }
    }
}

#[test]
fn headlines_show_list_cost_for_every_policy_set_under_an_agreement() {
    let plan = PolicySet {
        plan: Some(PlanChoice {
            plan: "copilot-business".into(),
            seats: SeatHolders::Adopters,
        }),
        ..named("Copilot Business")
    };
    let labels = |terms: &str| {
        let v = scenario(vec![named("API"), plan.clone()], |s| {
            s.uncertainty.draws = 2;
            s.pricing = serde_json::from_str(terms).unwrap();
        });
        let r = Report::simulate(&v);
        let of = |k| {
            burnrate::view::headline(&r, k)
                .iter()
                .map(|l| l.label)
                .collect::<Vec<_>>()
        };
        assert_eq!(of(0), of(1), "the sets' lines stay aligned");
        of(0)
    };
    let list = "List cost (before discounts)";
    assert!(!labels("{}").contains(&list));
    assert!(labels(r#"{"discounts": [{"provider": "anthropic", "percent": 20}]}"#).contains(&list));
}
