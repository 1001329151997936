//! What finance asks of a run, per policy set: spend over the next 12 months, per fiscal year
//! and per fiscal quarter; the period an annual budget is held against ([`BudgetPeriod`]) and,
//! within it, the probability the budget runs out and when, the months in which 50 %, 80 % and
//! 100 % of it are reached, and each cost centre's own budget; and every draw's total spend
//! (for the audit export). Each figure is taken draw by draw from the monthly spend, then
//! summarised across draws. Fiscal years are named by the calendar year they end in
//! ([`crate::scenario::FiscalCalendar`]).
//!
//! Every budget figure here is over the one budget period, so that "the budget runs out",
//! "100 % of the budget reached" and "P(spend > budget)" are the same event. The report's
//! summary keeps a second figure, the probability the budget runs out in any budget year of
//! the horizon (`Summary::budget_exhaustion_probability`, from the engine), which is larger
//! when the horizon runs past the budget period.

use crate::calendar::YearMonth;
use crate::scenario::rules::AnnualBudget;
use crate::scenario::ValidScenario;
use crate::sim::{DrawResult, Quantity};
use crate::stats::Percentiles;
use serde::{Deserialize, Serialize};

/// The shares of the budget whose crossing months are reported.
pub const THRESHOLDS: [f64; 3] = [0.5, 0.8, 1.0];

/// Spend over a stretch of months (a fiscal year or quarter), across draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// Its name, e.g. `FY2027`, `FY2027 Q1` or `the next 12 months`.
    pub label: String,
    /// Its first month within the horizon.
    pub first: YearMonth,
    /// Its last month within the horizon.
    pub last: YearMonth,
    /// Whether the horizon covers only part of it.
    pub partial: bool,
    /// Billed spend over its months in the horizon [USD].
    pub spend_usd: Percentiles,
}

/// The months an annual budget is compared with, draw by draw: the first fiscal year the
/// horizon covers whole, else the next 12 months (all of the horizon when it is shorter). The
/// distribution of spend, the probability the budget runs out, the budget thresholds, the cost
/// centres' budgets and P(spend > any amount) are all taken over it, so that a year's budget
/// is never held against more (or fewer) months than a year's.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetPeriod {
    /// The months and the spend over them; `partial` when the horizon is shorter than a year.
    /// In JSON, beside the other fields.
    pub period: Period,
    /// Share of draws whose spend over the period reaches the annual budget (the budget runs
    /// out within it); absent without a budget.
    pub over_budget_probability: Option<f64>,
    /// The month the budget runs out within the period (P10/P50/P90; null where fewer draws
    /// run out); absent without a budget.
    pub exhaustion_month: Option<crate::report::MonthPercentiles>,
    /// Each draw's billed spend over the period, in draw order [USD].
    pub draw_spend_usd: Vec<f64>,
}

/// [`BudgetPeriod`] in JSON.
#[derive(Serialize, Deserialize)]
#[serde(remote = "BudgetPeriod")]
struct BudgetPeriodJson {
    #[serde(flatten)]
    period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    over_budget_probability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exhaustion_month: Option<crate::report::MonthPercentiles>,
    draw_spend_usd: Vec<f64>,
}

crate::report::two_shapes!(
    BudgetPeriod,
    BudgetPeriodJson {
        period,
        over_budget_probability,
        exhaustion_month,
        draw_spend_usd,
    }
);

/// When spend reaches a share of the budget within the budget period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// The share of the budget [fraction], e.g. 0.8.
    pub share: f64,
    /// The month the period's cumulative spend reaches it (P10/P50/P90; null where fewer
    /// draws reach it).
    pub month: crate::report::MonthPercentiles,
    /// Share of draws that reach it by `by`.
    pub probability: f64,
    /// The last month counted: the budget period's.
    pub by: YearMonth,
}

/// A cost centre's own budget and the probability it runs out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreBudget {
    /// The cost centre.
    pub name: String,
    /// Its budget [USD / year].
    pub annual_budget_usd: f64,
    /// Share of draws in which its spend reached its budget within the budget period.
    pub exhaustion_probability: f64,
    /// The month its budget ran out (P10/P50/P90; null where fewer draws run out).
    pub exhaustion_month: crate::report::MonthPercentiles,
}

/// The finance figures of one policy set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Finance {
    /// Billed spend over the first 12 months of the horizon (all of it when shorter) [USD].
    pub next_12_months_spend_usd: Percentiles,
    /// Each fiscal year the horizon touches.
    pub fiscal_years: Vec<Period>,
    /// Each fiscal quarter the horizon touches.
    pub quarters: Vec<Period>,
    /// The months 50 %, 80 % and 100 % of the budget are reached within the budget period;
    /// empty without a budget.
    pub budget_thresholds: Vec<Threshold>,
    /// The cost centres with a budget of their own, each held against the budget period.
    pub cost_centre_budgets: Vec<CentreBudget>,
    /// Each draw's billed spend over the horizon, in draw order [USD].
    pub draw_total_spend_usd: Vec<f64>,
    /// The period the annual budget is compared with; absent from reports of no months.
    #[serde(default)]
    pub budget_period: Option<BudgetPeriod>,
}

/// Share of `spend` (one value a draw) strictly above `amount` [USD].
pub fn exceedance(spend: &[f64], amount: f64) -> f64 {
    spend.iter().filter(|&&s| s > amount).count() as f64 / spend.len().max(1) as f64
}

/// Spend of group `g` (a cost centre's index, or the organisation's) in each month of draw `d`.
fn monthly(d: &DrawResult, k: usize, g: usize, months: usize) -> Vec<f64> {
    (0..months)
        .map(|t| d.policies[k].rows.row(t, g)[Quantity::Spend.index()])
        .collect()
}

/// The first month (as an index of `spend`) in which the cumulative spend of `spend`
/// reaches `amount`.
fn crossing(spend: &[f64], amount: f64) -> Option<usize> {
    let mut cumulative = 0.0;
    spend.iter().position(|s| {
        cumulative += s;
        cumulative >= amount
    })
}

/// Percentiles of crossing months (indices of the horizon), "not reached" counting as later
/// than any.
fn months_of(v: &ValidScenario, crossings: &[Option<usize>]) -> crate::report::MonthPercentiles {
    let mut m: Vec<f64> = crossings
        .iter()
        .map(|c| c.map_or(f64::INFINITY, |t| t as f64))
        .collect();
    let p = Percentiles::of(&mut m);
    let at = |x: Option<f64>| x.map(|t| v.months[t.round() as usize]);
    crate::report::MonthPercentiles {
        p10: at(p.p10),
        p50: at(p.p50),
        p90: at(p.p90),
    }
}

/// Share of `crossings` that are reached.
fn reached(crossings: &[Option<usize>]) -> f64 {
    crossings.iter().filter(|c| c.is_some()).count() as f64 / crossings.len().max(1) as f64
}

/// The spend of months `from..to` of the horizon, named `label`, partial when shorter than
/// `length` months.
fn period(
    v: &ValidScenario,
    spend: &[Vec<f64>],
    (from, to): (usize, usize),
    label: String,
    length: usize,
) -> Period {
    let mut totals: Vec<f64> = spend.iter().map(|s| s[from..to].iter().sum()).collect();
    Period {
        label,
        first: v.months[from],
        last: v.months[to - 1],
        partial: to - from < length,
        spend_usd: Percentiles::of(&mut totals),
    }
}

/// Stretches of consecutive months sharing a label.
fn periods(
    v: &ValidScenario,
    spend: &[Vec<f64>],
    label: impl Fn(YearMonth) -> String,
    length: usize,
) -> Vec<Period> {
    let mut out = Vec::new();
    let mut t = 0;
    while t < v.months.len() {
        let name = label(v.months[t]);
        let end = (t..v.months.len())
            .take_while(|&u| label(v.months[u]) == name)
            .count();
        out.push(period(v, spend, (t, t + end), name, length));
        t += end;
    }
    out
}

/// The months of the horizon, `from..to`, and the name of the period an annual budget is
/// held against ([`BudgetPeriod`]); `None` when the horizon has no months.
fn budget_months(v: &ValidScenario) -> Option<(usize, usize, String)> {
    let n = v.months.len();
    if n == 0 {
        return None;
    }
    let whole_year = (0..n.saturating_sub(11)).find(|&t| v.fiscal.month_of_year(v.months[t]) == 0);
    Some(match whole_year {
        Some(t) => (t, t + 12, v.fiscal.year_label(v.months[t])),
        None if n == 1 => (0, 1, "the next month".to_string()),
        None => (0, n.min(12), format!("the next {} months", n.min(12))),
    })
}

/// The months (indices of the horizon) in which each draw's spend over months `from..to`
/// first reaches `amount` [USD].
fn crossings(spend: &[Vec<f64>], (from, to): (usize, usize), amount: f64) -> Vec<Option<usize>> {
    spend
        .iter()
        .map(|s| crossing(&s[from..to], amount).map(|t| t + from))
        .collect()
}

/// The period an annual budget of `budget` [USD / year] is held against, over the
/// organisation's monthly `spend` of each draw; `None` when the horizon has no months.
fn budget_period(
    v: &ValidScenario,
    spend: &[Vec<f64>],
    budget: Option<f64>,
) -> Option<BudgetPeriod> {
    let (from, to, label) = budget_months(v)?;
    let draw_spend_usd: Vec<f64> = spend.iter().map(|s| s[from..to].iter().sum()).collect();
    let runs_out = budget.map(|b| crossings(spend, (from, to), b));
    Some(BudgetPeriod {
        period: period(v, spend, (from, to), label, 12),
        over_budget_probability: runs_out.as_deref().map(reached),
        exhaustion_month: runs_out.as_deref().map(|c| months_of(v, c)),
        draw_spend_usd,
    })
}

/// The budget thresholds of an annual budget of `usd` [USD / year] over the organisation's
/// monthly `spend`, within months `from..to`.
fn thresholds(
    v: &ValidScenario,
    spend: &[Vec<f64>],
    (from, to): (usize, usize),
    usd: f64,
) -> Vec<Threshold> {
    THRESHOLDS
        .iter()
        .map(|&share| {
            let c = crossings(spend, (from, to), share * usd);
            Threshold {
                share,
                month: months_of(v, &c),
                probability: reached(&c),
                by: v.months[to - 1],
            }
        })
        .collect()
}

/// Policy set `k`'s finance figures across `draws`.
pub(crate) fn finance(v: &ValidScenario, draws: &[DrawResult], k: usize) -> Finance {
    let nm = v.months.len();
    let org = v.cost_centres.len();
    let spend: Vec<Vec<f64>> = draws.iter().map(|d| monthly(d, k, org, nm)).collect();
    let sum = |from: usize, to: usize| {
        let mut t: Vec<f64> = spend.iter().map(|s| s[from..to].iter().sum()).collect();
        Percentiles::of(&mut t)
    };
    let fiscal = v.fiscal;
    let months = budget_months(v).map(|(from, to, _)| (from, to));
    let cost_centre_budgets = v
        .cost_centre_budgets
        .iter()
        .enumerate()
        .filter_map(|(c, b)| Some((c, (*b)?, months?)))
        .map(|(c, usd, months)| {
            let centre: Vec<Vec<f64>> = draws.iter().map(|d| monthly(d, k, c, nm)).collect();
            let c_crossings = crossings(&centre, months, usd);
            CentreBudget {
                name: v.cost_centres[c].clone(),
                annual_budget_usd: usd,
                exhaustion_probability: reached(&c_crossings),
                exhaustion_month: months_of(v, &c_crossings),
            }
        })
        .collect();
    let budget = v.policies[k].annual_budget.map(|b: AnnualBudget| b.usd);
    Finance {
        next_12_months_spend_usd: sum(0, nm.min(12)),
        fiscal_years: periods(v, &spend, |m| fiscal.year_label(m), 12),
        quarters: periods(v, &spend, |m| fiscal.quarter_label(m), 3),
        budget_thresholds: budget
            .zip(months)
            .map_or_else(Vec::new, |(usd, months)| thresholds(v, &spend, months, usd)),
        cost_centre_budgets,
        draw_total_spend_usd: spend.iter().map(|s| s.iter().sum()).collect(),
        budget_period: budget_period(v, &spend, budget),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crossing_is_the_first_month_the_cumulative_spend_reaches_the_amount() {
        let spend = [10.0; 12];
        assert_eq!(crossing(&spend, 50.0), Some(4));
        assert_eq!(crossing(&spend, 120.0), Some(11));
        assert_eq!(crossing(&spend, 121.0), None);
        // Within months 3..12 of a horizon, as the budget period takes them.
        let horizon = vec![vec![10.0; 30]];
        assert_eq!(crossings(&horizon, (3, 12), 30.0), [Some(5)]);
        assert_eq!(crossings(&horizon, (3, 12), 91.0), [None]);
    }

    #[test]
    fn finance_figures_add_up_and_follow_the_fiscal_year() {
        let mut s = crate::scenario::Scenario {
            months: 18,
            ..Default::default()
        };
        s.uncertainty.draws = 8;
        s.scale_developers(200);
        s.budget.fiscal_year_start = 10;
        s.budget.annual_usd = Some(100_000.0);
        s.organisation.cost_centres[0].annual_budget_usd = Some(1.0);
        let v = s.validate(&crate::pricing::Catalogue::builtin()).unwrap();
        let draws = crate::sim::run(&v);
        let f = finance(&v, &draws, 0);
        // July 2026 to December 2027 with a fiscal year from October: FY2026 (to September
        // 2026: 3 months, part), FY2027 (12) and FY2028 (3, part).
        let years: Vec<(&str, bool)> = f
            .fiscal_years
            .iter()
            .map(|p| (p.label.as_str(), p.partial))
            .collect();
        assert_eq!(
            years,
            [("FY2026", true), ("FY2027", false), ("FY2028", true)]
        );
        assert_eq!(f.quarters[0].label, "FY2026 Q4");
        assert_eq!(f.quarters[1].label, "FY2027 Q1");
        assert_eq!(f.quarters.len(), 6);
        let total: f64 = f.draw_total_spend_usd.iter().sum();
        let by_year: f64 = f
            .fiscal_years
            .iter()
            .map(|p| p.spend_usd.mean.unwrap() * draws.len() as f64)
            .sum();
        assert!((total - by_year).abs() < 1e-6 * total, "{total} {by_year}");
        assert_eq!(f.draw_total_spend_usd.len(), 8);
        // The thresholds come in order and count the budget period only: FY2027, the first
        // whole fiscal year (October 2026 to September 2027).
        let period = f.budget_period.as_ref().unwrap();
        assert_eq!(period.period.label, "FY2027");
        assert_eq!(f.budget_thresholds.len(), 3);
        assert_eq!(f.budget_thresholds[2].by, YearMonth::new(2027, 9).unwrap());
        assert!(f.budget_thresholds[0].probability >= f.budget_thresholds[2].probability);
        // "The budget runs out" and "100 % of the budget reached" are one event.
        assert_eq!(
            period.over_budget_probability,
            Some(f.budget_thresholds[2].probability)
        );
        assert_eq!(period.exhaustion_month, Some(f.budget_thresholds[2].month));
        // A $1 budget runs out in the budget period's first month in every draw.
        let cc = &f.cost_centre_budgets[0];
        assert_eq!(cc.exhaustion_probability, 1.0);
        assert_eq!(
            cc.exhaustion_month.p50,
            Some(YearMonth::new(2026, 10).unwrap())
        );
    }

    #[test]
    fn the_budget_is_held_against_the_first_whole_fiscal_year_not_the_whole_horizon() {
        let mut s = crate::scenario::Scenario {
            months: 24,
            ..Default::default()
        };
        s.uncertainty.draws = 20;
        s.scale_developers(200);
        let v = s.validate(&crate::pricing::Catalogue::builtin()).unwrap();
        let draws = crate::sim::run(&v);
        let org = v.cost_centres.len();
        let spend: Vec<Vec<f64>> = draws.iter().map(|d| monthly(d, 0, org, 24)).collect();
        // July 2026 to June 2028, fiscal years from January: FY2027 is the first whole one.
        let fy = budget_period(&v, &spend, None).unwrap();
        assert_eq!(fy.period.label, "FY2027");
        assert_eq!(
            (fy.period.first, fy.period.last, fy.period.partial),
            (
                YearMonth::new(2027, 1).unwrap(),
                YearMonth::new(2027, 12).unwrap(),
                false
            )
        );
        assert_eq!(fy.over_budget_probability, None);
        // A budget at the median fiscal-year spend: about half the draws spend more in FY2027,
        // nearly all spend more than that over the 24 months.
        let budget = fy.period.spend_usd.p50.unwrap();
        let held = budget_period(&v, &spend, Some(budget)).unwrap();
        let totals: Vec<f64> = spend.iter().map(|s| s.iter().sum()).collect();
        let p = held.over_budget_probability.unwrap();
        assert!((0.3..=0.6).contains(&p), "P(FY2027 spend > budget) = {p}");
        let horizon = exceedance(&totals, budget);
        assert!(horizon >= 0.9, "P(24-month spend > budget) = {horizon}");
        assert_eq!(p, exceedance(&held.draw_spend_usd, budget));
        for (d, s) in held.draw_spend_usd.iter().zip(&spend) {
            assert_eq!(*d, s[6..18].iter().sum::<f64>());
        }
    }

    #[test]
    fn without_a_whole_fiscal_year_the_budget_is_held_against_the_next_12_months() {
        let mut s = crate::scenario::Scenario {
            months: 12,
            ..Default::default()
        };
        s.uncertainty.draws = 4;
        s.scale_developers(100);
        let label = |s: &crate::scenario::Scenario| {
            let v = s.validate(&crate::pricing::Catalogue::builtin()).unwrap();
            let f = finance(&v, &crate::sim::run(&v), 0);
            f.budget_period.unwrap().period
        };
        // Twelve months from July: a whole fiscal year only when it starts in July.
        for (start, expected) in [
            (1, "the next 12 months"),
            (7, "FY2027"),
            (10, "the next 12 months"),
        ] {
            s.budget.fiscal_year_start = start;
            let p = label(&s);
            assert_eq!(p.label, expected, "fiscal year from month {start}");
            assert_eq!((p.first, p.last), (v_month(2026, 7), v_month(2027, 6)));
            assert!(!p.partial);
        }
        s.months = 5;
        let p = label(&s);
        assert_eq!((p.label.as_str(), p.partial), ("the next 5 months", true));
    }

    fn v_month(y: i32, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }
}
