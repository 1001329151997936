//! The validation cases of the model (MODEL.md §12), reproduced on the presets with default
//! parameters (priors off: every draw uses the documented defaults, only the population varies)
//! and 60 draws; each assertion compares the median across draws (or of a per-draw ratio under
//! common random numbers) with the published range.
#![cfg(not(target_arch = "wasm32"))]

use burnrate::pricing::{Catalogue, PriceQuery, TokenMix, STANDARD};
use burnrate::report::Report;
use burnrate::scenario::{preset, Scenario, UserBudget, ValidScenario};
use burnrate::sim::{self, DrawResult, Quantity};
use burnrate::stats::Percentiles;

const DRAWS: u32 = 60;

fn run(name: &str) -> (ValidScenario, Vec<DrawResult>) {
    let mut s = preset(name).unwrap_or_else(|| panic!("preset {name}"));
    s.uncertainty.draws = DRAWS;
    s.uncertainty.priors.clear();
    let v = s.validate(&Catalogue::builtin()).unwrap();
    let draws = sim::run(&v);
    (v, draws)
}

/// A quantity of the organisation summed over months `months`, per draw.
fn sum(d: &DrawResult, policy: usize, q: Quantity, months: std::ops::Range<usize>) -> f64 {
    months
        .map(|t| d.policies[policy].rows.org(t)[q.index()])
        .sum()
}

fn median(mut values: Vec<f64>) -> f64 {
    Percentiles::of(&mut values).p50.unwrap()
}

#[test]
fn v1_usage_level_and_v2_concentration() {
    let (v, draws) = run("baseline");
    let r = Report::new(&v, &draws);
    let s = &r.policies[0].summary;
    let per_user = s.final_spend_per_agentic_user_usd.p50.unwrap();
    assert!(
        (150.0..=250.0).contains(&per_user),
        "V1: ${per_user} per active agentic user-month"
    );
    let top10 = s.final_top10_share.p50.unwrap();
    assert!(
        (0.45..=0.55).contains(&top10),
        "V2: top-10% share {top10} (horizon {:?})",
        s.top10_share.p50
    );
}

#[test]
fn v3_a_1500_monthly_cap_is_a_tail_guard_not_a_budget_fix() {
    let (v, draws) = run("uber-cap-1500");
    let last = v.months.len() - 6..v.months.len();
    let trim = median(
        draws
            .iter()
            .map(|d| {
                let without = sum(d, 0, Quantity::TokenSpend, last.clone());
                let with = sum(d, 1, Quantity::TokenSpend, last.clone());
                1.0 - with / without
            })
            .collect(),
    );
    assert!(
        (0.05..=0.12).contains(&trim),
        "V3: trims {trim} of steady-state spend"
    );
    let bound = median(
        draws
            .iter()
            .map(|d| {
                sum(d, 1, Quantity::Capped, last.clone())
                    / sum(d, 1, Quantity::Agentic, last.clone())
            })
            .collect(),
    );
    assert!((0.01..=0.03).contains(&bound), "V3: binds {bound} of users");
}

#[test]
fn v4_a_cap_near_the_p95_of_per_user_spend_binds_about_5_percent() {
    // The P95 of steady-state spend per agentic user under default parameters, from the
    // lognormal: mean $200 (at the reference prices; the default mix costs about the same),
    // σ = 1.25, so P95 = 200·exp(−σ²/2 + 1.645σ).
    let sigma: f64 = 1.25;
    let p95 = 200.0 * libm::exp(-sigma * sigma / 2.0 + 1.645 * sigma);
    let mut s = Scenario::default();
    s.uncertainty.draws = 20;
    s.uncertainty.priors.clear();
    s.policies.truncate(1);
    s.policies[0].user_budget = Some(UserBudget {
        monthly_usd: Some(p95),
        ..UserBudget::default()
    });
    let v = s.validate(&Catalogue::builtin()).unwrap();
    let draws = sim::run(&v);
    let last = v.months.len() - 6..v.months.len();
    let bound = median(
        draws
            .iter()
            .map(|d| {
                sum(d, 0, Quantity::Capped, last.clone())
                    / sum(d, 0, Quantity::Agentic, last.clone())
            })
            .collect(),
    );
    assert!(
        (0.035..=0.075).contains(&bound),
        "V4: a ${p95:.0} cap binds {bound}"
    );
}

#[test]
fn v5_a_raw_token_board_wastes_about_a_tenth_and_stops_when_removed() {
    let (v, draws) = run("kirorank-token-board");
    let board = 2..9;
    let share = median(
        draws
            .iter()
            .map(|d| {
                sum(d, 1, Quantity::WasteGaming, board.clone())
                    / sum(d, 1, Quantity::TokenSpend, board.clone())
            })
            .collect(),
    );
    assert!(
        (0.05..=0.20).contains(&share),
        "V5: gaming is {share} of spend on the board"
    );
    let after: f64 = draws
        .iter()
        .map(|d| sum(d, 1, Quantity::WasteGaming, 9..v.months.len()))
        .sum();
    assert_eq!(after, 0.0, "V5: gaming stops when the board is removed");
    let useful = median(
        draws
            .iter()
            .map(|d| {
                sum(d, 1, Quantity::Useful, 0..v.months.len())
                    / sum(d, 0, Quantity::Useful, 0..v.months.len())
            })
            .collect(),
    );
    assert!(
        (0.98..=1.02).contains(&useful),
        "V5: useful deployments ×{useful}"
    );
}

#[test]
fn v6_a_deployment_board_wastes_few_tokens_but_flatters_the_kpi() {
    let (_, draws) = run("deployment-board");
    let board = 2..9;
    let token_board = median(
        draws
            .iter()
            .map(|d| sum(d, 0, Quantity::WasteGaming, board.clone()))
            .collect(),
    );
    let deployment_board = median(
        draws
            .iter()
            .map(|d| sum(d, 1, Quantity::WasteGaming, board.clone()))
            .collect(),
    );
    assert!(
        deployment_board < token_board / 10.0,
        "V6: {deployment_board} vs {token_board}"
    );
    for d in &draws {
        let reported = sum(d, 1, Quantity::Reported, board.clone());
        let useful = sum(d, 1, Quantity::Useful, board.clone());
        assert!(
            reported > useful,
            "V6: reported {reported} ≤ useful {useful}"
        );
    }
}

#[test]
fn v7_a_daily_budget_bounds_gaming_unlike_a_per_run_cap() {
    let (_, draws) = run("daily-budget");
    let board = 2..9;
    let share = |k: usize| {
        median(
            draws
                .iter()
                .map(|d| {
                    sum(d, k, Quantity::WasteGaming, board.clone())
                        / sum(d, k, Quantity::TokenSpend, board.clone())
                })
                .collect(),
        )
    };
    let (alone, run_cap, daily) = (share(0), share(1), share(2));
    assert!(
        daily < 0.8 * alone,
        "V7: daily budget {daily} vs board alone {alone}"
    );
    assert!(
        run_cap >= 0.9 * alone,
        "V7: a per-run cap leaves gaming {run_cap} vs {alone}"
    );
}

#[test]
fn v8_list_price_arithmetic_overstates_agentic_spend_5_to_7_times() {
    let s = Scenario::default();
    let t = &s.token_mix;
    let mix = TokenMix {
        input: t.input,
        cache_read: t.cache_read,
        cache_write_5m: t.cache_write_5m,
        cache_write_1h: t.cache_write_1h,
        output: t.output,
    };
    let catalogue = Catalogue::builtin();
    let q = PriceQuery {
        day: s.start_month.first_day(),
        service_tier: STANDARD,
        region: None,
    };
    for share in &s.model_mix {
        let p = catalogue.get(&share.model).unwrap().prices(&q, 0).unwrap();
        let list = (1.0 - t.output) * p.input.0 + t.output * p.output.0;
        let ratio = list / p.blended(&mix).0;
        assert!(
            (5.0..=7.0).contains(&ratio),
            "V8: {} list/blend = {ratio}",
            share.model
        );
    }
}

#[test]
fn guard_rails_cut_waste_without_losing_output() {
    let (v, draws) = run("ticket-and-chargeback");
    let all = 0..v.months.len();
    let gaming = |k| {
        median(
            draws
                .iter()
                .map(|d| sum(d, k, Quantity::WasteGaming, all.clone()))
                .collect(),
        )
    };
    assert!(gaming(1) < gaming(0) / 4.0);
    let useful = median(
        draws
            .iter()
            .map(|d| {
                sum(d, 1, Quantity::Useful, all.clone()) / sum(d, 0, Quantity::Useful, all.clone())
            })
            .collect(),
    );
    assert!(useful > 0.98, "guard rails keep output: ×{useful}");
}

#[test]
fn a_mandate_reaches_80_percent_in_four_to_six_months() {
    let (v, draws) = run("mandate-80");
    let r = Report::new(&v, &draws);
    let months = &r.policies[1].months;
    let reached = months
        .iter()
        .position(|m| m.figures.adopted_share.p50.unwrap() >= 0.8)
        .map(|t| t + 1);
    assert!(
        matches!(reached, Some(3..=6)),
        "80% reached in month {reached:?}"
    );
    assert!(r.policies[0].months[23].figures.adopted_share.p50.unwrap() < 0.72);
}
