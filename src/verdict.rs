//! The verdict on each policy set against a baseline, in one or two sentences a manager can act
//! on: what it adds to spend and waste (median and P10 – P90 of the paired, draw-by-draw
//! differences), how likely it is to cost more, and what it changes in useful deployments and
//! in cost per useful change; "no clear difference" when the P10 – P90 interval straddles zero.
//! Also which set has the lowest cost per useful change.

use crate::report::{Delta, Report};
use crate::stats::Percentiles;
use crate::units::{format_count, format_usd};
use serde::{Deserialize, Serialize};

/// Which way a paired difference goes across draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// P10 above zero: higher in at least nine draws in ten.
    Up,
    /// P90 below zero: lower in at least nine draws in ten.
    Down,
    /// The P10 – P90 interval holds zero, or the draws do not give it.
    Unclear,
    /// Zero in every draw that matters: P10, median and P90 are all zero.
    Same,
}

impl Direction {
    /// The direction of a paired difference `p`.
    pub fn of(p: &Percentiles) -> Direction {
        match (p.p10, p.p50, p.p90) {
            (Some(lo), Some(mid), Some(hi)) if lo == 0.0 && mid == 0.0 && hi == 0.0 => {
                Direction::Same
            }
            (Some(lo), _, _) if lo > 0.0 => Direction::Up,
            (_, _, Some(hi)) if hi < 0.0 => Direction::Down,
            _ => Direction::Unclear,
        }
    }
}

/// The verdict on one policy set against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The policy set judged.
    pub policy: String,
    /// The policy set it is judged against.
    pub baseline: String,
    /// Which way total billed spend goes.
    pub spend: Direction,
    /// Which way useful deployments go.
    pub useful: Direction,
    /// Which way cost per useful change goes.
    pub cost_per_change: Direction,
    /// The verdict in words: one or two sentences.
    pub text: String,
}

/// Dollars as read in a sentence: cents below $100, whole dollars above [USD].
pub fn money(v: f64) -> String {
    format_usd(v, if v.abs() < 100.0 { 2 } else { 0 })
}

/// A difference in dollars with its sign: `+$1,234`, `−$0.45` [USD].
pub fn signed_money(v: f64) -> String {
    let text = money(v.abs());
    if v > 0.0 {
        format!("+{text}")
    } else if v < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

/// A difference in a count with its sign: `+12`, `−3`.
fn signed_count(v: f64) -> String {
    let text = format_count(v.abs());
    if text == "0" {
        text
    } else if v > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

/// ` (P10–P90 lo – hi)` of a difference written by `write`, or nothing without both ends.
fn range(p: &Percentiles, write: &dyn Fn(f64) -> String) -> String {
    match (p.p10, p.p90) {
        (Some(lo), Some(hi)) => format!(" (P10–P90 {} – {})", write(lo), write(hi)),
        _ => String::new(),
    }
}

/// ` (median; P10–P90 lo – hi)` of a difference written by `write`.
fn unclear(p: &Percentiles, write: &dyn Fn(f64) -> String) -> String {
    let median = write(p.median_or_zero());
    match (p.p10, p.p90) {
        (Some(lo), Some(hi)) => format!(" ({median}; P10–P90 {} – {})", write(lo), write(hi)),
        _ => format!(" ({median})"),
    }
}

/// A share of draws as a whole percentage: `0.93` → `93%`.
fn share(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// The first sentence: spend and waste.
fn spend_sentence(d: &Delta) -> String {
    let spend = &d.total_spend_usd;
    let median = spend.median_or_zero();
    let waste = &d.waste_usd;
    let waste_text = match Direction::of(waste) {
        Direction::Same => "waste is unchanged".to_string(),
        Direction::Unclear => format!(
            "no clear difference in waste{}",
            unclear(waste, &signed_money)
        ),
        _ => format!(
            "waste {} {}{}",
            if waste.median_or_zero() >= 0.0 {
                "rises by"
            } else {
                "falls by"
            },
            money(waste.median_or_zero().abs()),
            range(waste, &signed_money)
        ),
    };
    let odds = format!(
        "it costs more in {} of draws",
        share(d.cost_more_probability)
    );
    match Direction::of(spend) {
        Direction::Same => format!(
            "{} costs the same as {}; {waste_text}.",
            d.policy, d.baseline
        ),
        Direction::Unclear => format!(
            "{} makes no clear difference to spend against {}{}; {odds}; {waste_text}.",
            d.policy,
            d.baseline,
            unclear(spend, &signed_money)
        ),
        direction => format!(
            "{} costs {} {} than {}{}; {odds}; {waste_text}.",
            d.policy,
            money(median.abs()),
            if direction == Direction::Up {
                "more"
            } else {
                "less"
            },
            d.baseline,
            range(spend, &signed_money)
        ),
    }
}

/// The second sentence: useful deployments and cost per useful change.
fn output_sentence(d: &Delta) -> String {
    let useful = &d.useful_deployments;
    let useful_text = match Direction::of(useful) {
        Direction::Same => "It changes nothing in useful deployments".to_string(),
        Direction::Unclear => format!(
            "It makes no clear difference to useful deployments{}",
            unclear(useful, &signed_count)
        ),
        direction => format!(
            "It brings {} {} useful deployments{}",
            format_count(useful.median_or_zero().abs()),
            if direction == Direction::Up {
                "more"
            } else {
                "fewer"
            },
            range(useful, &signed_count)
        ),
    };
    let cost = &d.cost_per_useful_change_usd;
    let cost_text = match Direction::of(cost) {
        Direction::Same => "cost per useful change is unchanged".to_string(),
        Direction::Unclear => format!(
            "no clear difference in cost per useful change{}",
            unclear(cost, &signed_money)
        ),
        direction => format!(
            "cost per useful change {} by {}{}",
            if direction == Direction::Up {
                "rises"
            } else {
                "falls"
            },
            money(cost.median_or_zero().abs()),
            range(cost, &signed_money)
        ),
    };
    format!("{useful_text}, and {cost_text}.")
}

/// The verdict of one paired difference.
pub fn verdict(d: &Delta) -> Verdict {
    Verdict {
        policy: d.policy.clone(),
        baseline: d.baseline.clone(),
        spend: Direction::of(&d.total_spend_usd),
        useful: Direction::of(&d.useful_deployments),
        cost_per_change: Direction::of(&d.cost_per_useful_change_usd),
        text: format!("{} {}", spend_sentence(d), output_sentence(d)),
    }
}

/// The verdict on every policy set but `baseline` (an index into the report's sets) against
/// it, in scenario order; none when there is no such set.
pub fn verdicts(report: &Report, baseline: usize) -> Vec<Verdict> {
    report
        .deltas
        .get(baseline)
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|&(k, _)| k != baseline)
                .map(|(_, d)| verdict(d))
                .collect()
        })
        .unwrap_or_default()
}

/// The policy set with the lowest median cost per useful change (the first on a tie); `None`
/// when fewer than two sets have one.
pub fn lowest_cost_per_change(report: &Report) -> Option<usize> {
    let costs: Vec<(usize, f64)> = report
        .policies
        .iter()
        .enumerate()
        .filter_map(|(k, p)| {
            p.summary
                .cost_per_useful_change_usd
                .p50
                .filter(|c| *c > 0.0)
                .map(|c| (k, c))
        })
        .collect();
    if costs.len() < 2 {
        return None;
    }
    costs
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(k, _)| k)
}

/// The sentence naming the set with the lowest cost per useful change, if there is one.
pub fn lowest_cost_sentence(report: &Report) -> Option<String> {
    let k = lowest_cost_per_change(report)?;
    let p = &report.policies[k];
    Some(format!(
        "{} has the lowest cost per useful change: {} per change (median).",
        p.name,
        money(p.summary.cost_per_useful_change_usd.median_or_zero())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{PolicyReport, Summary};

    fn p(lo: f64, mid: f64, hi: f64) -> Percentiles {
        Percentiles {
            p10: Some(lo),
            p50: Some(mid),
            p90: Some(hi),
            mean: Some(mid),
        }
    }

    fn delta(spend: Percentiles, waste: Percentiles, useful: Percentiles) -> Delta {
        Delta {
            policy: "Token board".into(),
            baseline: "No policy".into(),
            total_spend_usd: spend,
            waste_usd: waste,
            useful_deployments: useful,
            cost_per_useful_change_usd: p(12.0, 45.5, 80.0),
            cost_more_probability: 0.97,
        }
    }

    #[test]
    fn a_clear_rise_in_spend_states_amount_range_and_odds() {
        let d = delta(
            p(103_000.0, 213_000.0, 407_000.0),
            p(90_000.0, 180_000.0, 300_000.0),
            p(-5.0, 2.0, 9.0),
        );
        let v = verdict(&d);
        assert_eq!(
            (v.spend, v.useful, v.cost_per_change),
            (Direction::Up, Direction::Unclear, Direction::Up)
        );
        assert_eq!(
            v.text,
            "Token board costs $213,000 more than No policy (P10–P90 +$103,000 – +$407,000); \
             it costs more in 97% of draws; waste rises by $180,000 (P10–P90 +$90,000 – \
             +$300,000). It makes no clear difference to useful deployments (+2; P10–P90 −5 – \
             +9), and cost per useful change rises by $45.50 (P10–P90 +$12.00 – +$80.00)."
        );
    }

    #[test]
    fn a_clear_saving_with_more_deployments() {
        let mut d = delta(
            p(-50_000.0, -30_000.0, -10_000.0),
            p(-40_000.0, -20_000.0, -5_000.0),
            p(10.0, 25.0, 40.0),
        );
        d.cost_per_useful_change_usd = p(-300.0, -150.0, -20.0);
        d.cost_more_probability = 0.0;
        let v = verdict(&d);
        assert_eq!(v.spend, Direction::Down);
        assert!(v.text.starts_with(
            "Token board costs $30,000 less than No policy (P10–P90 −$50,000 – −$10,000); \
             it costs more in 0% of draws; waste falls by $20,000"
        ));
        assert!(v
            .text
            .contains("It brings 25 more useful deployments (P10–P90 +10 – +40)"));
        assert!(v
            .text
            .ends_with("cost per useful change falls by $150 (P10–P90 −$300 – −$20.00)."));
    }

    #[test]
    fn an_interval_straddling_zero_is_no_clear_difference() {
        let mut d = delta(
            p(-1_000.0, 500.0, 2_000.0),
            p(-10.0, 0.5, 30.0),
            p(-30.0, -12.0, -2.0),
        );
        d.cost_per_useful_change_usd = p(-0.5, 0.25, 1.0);
        d.cost_more_probability = 0.6;
        let v = verdict(&d);
        assert_eq!(
            (v.spend, v.useful, v.cost_per_change),
            (Direction::Unclear, Direction::Down, Direction::Unclear)
        );
        assert_eq!(
            v.text,
            "Token board makes no clear difference to spend against No policy (+$500; \
             P10–P90 −$1,000 – +$2,000); it costs more in 60% of draws; no clear difference in \
             waste (+$0.50; P10–P90 −$10.00 – +$30.00). It brings 12 fewer useful deployments \
             (P10–P90 −30 – −2), and no clear difference in cost per useful change (+$0.25; \
             P10–P90 −$0.50 – +$1.00)."
        );
        assert!(!v.text.contains("+$0 (+$0 – +$0)"));
    }

    #[test]
    fn the_baseline_against_itself_is_the_same() {
        let zero = p(0.0, 0.0, 0.0);
        let mut d = delta(zero, zero, zero);
        d.cost_per_useful_change_usd = zero;
        d.cost_more_probability = 0.0;
        let v = verdict(&d);
        assert_eq!(
            v.text,
            "Token board costs the same as No policy; waste is unchanged. It changes nothing \
             in useful deployments, and cost per useful change is unchanged."
        );
    }

    #[test]
    fn missing_ends_are_unclear_and_unbracketed() {
        let d = Percentiles {
            p10: None,
            p50: Some(3.0),
            p90: None,
            mean: None,
        };
        assert_eq!(Direction::of(&d), Direction::Unclear);
        assert_eq!(range(&d, &signed_money), "");
        assert_eq!(unclear(&d, &signed_count), " (+3)");
    }

    fn report(costs: &[Option<f64>]) -> Report {
        let policies = costs
            .iter()
            .enumerate()
            .map(|(k, c)| PolicyReport {
                name: format!("Set {k}"),
                months: Vec::new(),
                summary: Summary {
                    cost_per_useful_change_usd: Percentiles {
                        p50: *c,
                        ..Percentiles::default()
                    },
                    ..Summary::default()
                },
            })
            .collect::<Vec<_>>();
        let n = policies.len();
        let deltas = (0..n)
            .map(|b| {
                (0..n)
                    .map(|k| Delta {
                        policy: format!("Set {k}"),
                        baseline: format!("Set {b}"),
                        ..Delta::default()
                    })
                    .collect()
            })
            .collect();
        Report {
            scenario: "test".into(),
            draws: 1,
            seed: 1,
            cost_centres: Vec::new(),
            models: Vec::new(),
            policies,
            deltas,
            reforecasts: Vec::new(),
            fiscal_year_start: 1,
        }
    }

    #[test]
    fn the_lowest_cost_per_change_is_named_and_needs_two_sets() {
        let r = report(&[Some(120.0), Some(80.5), None, Some(95.0)]);
        assert_eq!(lowest_cost_per_change(&r), Some(1));
        assert_eq!(
            lowest_cost_sentence(&r).as_deref(),
            Some("Set 1 has the lowest cost per useful change: $80.50 per change (median).")
        );
        assert_eq!(lowest_cost_per_change(&report(&[Some(1.0), None])), None);
    }

    #[test]
    fn every_set_but_the_baseline_gets_a_verdict() {
        let r = report(&[Some(1.0), Some(2.0), Some(3.0)]);
        let v = verdicts(&r, 1);
        let names: Vec<(&str, &str)> = v
            .iter()
            .map(|v| (v.policy.as_str(), v.baseline.as_str()))
            .collect();
        assert_eq!(names, [("Set 0", "Set 1"), ("Set 2", "Set 1")]);
        assert!(verdicts(&r, 5).is_empty());
    }
}
