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
    let ncc = v.cost_centres.len();
    d.policies[k].rows[t * (ncc + 1) + group.unwrap_or(ncc)][q.index()]
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
