//! The reforecast: the Monte Carlo conditioned on the months already spent. Each draw is
//! weighted by the likelihood of the scenario's [`Actuals`] under it: a month's observed
//! organisation spend `a` is read as the draw's simulated spend `s` times a lognormal error,
//! `ln a − ln s ~ N(0, τ²)` with τ = [`MONTHLY_ERROR_SIGMA`], independent across months. The
//! weights are normalised to sum to 1; their effective sample size `1 / Σ w²` says how many
//! draws the reforecast really rests on, and below [`MIN_EFFECTIVE_DRAWS`] the page and the CLI
//! warn. From the weighted draws come the remaining spend, each observed month's forecast
//! error (the unconditioned median against the actual) and the budget headline restated from
//! today's position: the probability that the policy set's annual budget runs out, and the
//! month by which it most likely does. Method and limits: docs/calibration.md.

use crate::calendar::YearMonth;
use crate::scenario::ValidScenario;
use crate::sim::{DrawResult, Quantity};
use serde::{Deserialize, Serialize};

/// Lognormal error of an observed monthly total against a draw's (τ): exports miss a little
/// usage (late rows, refunds) and the model's month is not the billing month.
pub const MONTHLY_ERROR_SIGMA: f64 = 0.15;

/// Below this effective sample size the reforecast is said to rest on too few draws.
pub const MIN_EFFECTIVE_DRAWS: f64 = 30.0;

/// Smallest spend read on a log scale [USD / month]: a month of no spend is $1.
const FLOOR_USD: f64 = 1.0;

/// The draws' weights given the actuals.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// One per draw, summing to 1.
    pub weights: Vec<f64>,
    /// `1 / Σ w²`, between 1 and the number of draws.
    pub effective_draws: f64,
}

/// Each draw's log-likelihood of `observed` (month index, USD) under its simulated monthly
/// organisation spend.
fn log_likelihood(simulated: &[f64], observed: &[(usize, f64)]) -> f64 {
    let two_var = 2.0 * MONTHLY_ERROR_SIGMA * MONTHLY_ERROR_SIGMA;
    observed
        .iter()
        .map(|&(t, a)| {
            let s = simulated.get(t).copied().unwrap_or(0.0);
            let d = libm::log(a.max(FLOOR_USD)) - libm::log(s.max(FLOOR_USD));
            -d * d / two_var
        })
        .sum()
}

/// Weights of draws whose monthly organisation spend is `paths` (one path per draw) given
/// `observed` (month index, USD): normalised likelihoods, or equal weights when nothing is
/// observed. `None` without draws.
pub fn weights(paths: &[Vec<f64>], observed: &[(usize, f64)]) -> Option<Weights> {
    if paths.is_empty() {
        return None;
    }
    let logs: Vec<f64> = paths.iter().map(|p| log_likelihood(p, observed)).collect();
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let raw: Vec<f64> = logs.iter().map(|l| libm::exp(l - top)).collect();
    let sum: f64 = raw.iter().sum();
    let weights: Vec<f64> = raw.iter().map(|r| r / sum).collect();
    let effective_draws = 1.0 / weights.iter().map(|w| w * w).sum::<f64>();
    Some(Weights {
        weights,
        effective_draws,
    })
}

/// The `q`-quantile of `values` under `weights` (the smallest value whose cumulative weight
/// reaches `q`).
pub fn weighted_quantile(values: &[f64], weights: &[f64], q: f64) -> Option<f64> {
    let mut pairs: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .zip(weights.iter().copied())
        .filter(|(v, _)| v.is_finite())
        .collect();
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    let mut acc = 0.0;
    for (v, w) in &pairs {
        acc += w;
        if acc >= q * total - 1e-12 {
            return Some(*v);
        }
    }
    pairs.last().map(|p| p.0)
}

/// One observed month beside the forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthError {
    /// The month.
    pub month: YearMonth,
    /// Observed spend [USD].
    pub actual_usd: f64,
    /// The forecast's median for the month, before conditioning [USD].
    pub forecast_usd: f64,
    /// (forecast − actual) / actual; `None` when nothing was spent.
    pub error_share: Option<f64>,
}

/// The reforecast of one policy set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reforecast {
    /// The policy set (an index): the first, the one in force when the actuals were spent.
    pub policy: usize,
    /// The last observed month in the horizon ("today").
    pub as_of: YearMonth,
    /// Observed months inside the horizon.
    pub observed: Vec<MonthError>,
    /// Effective sample size of the weights [draws].
    pub effective_draws: f64,
    /// Draws weighted.
    pub draws: u32,
    /// Spend over the rest of the horizon, after `as_of`, weighted P10 / P50 / P90 [USD].
    pub remaining_usd: [f64; 3],
    /// Spend over the whole horizon (observed months as observed), weighted P10 / P50 / P90
    /// [USD].
    pub total_usd: [f64; 3],
    /// The annual budget's outlook, when the policy set has one.
    pub budget: Option<BudgetOutlook>,
}

/// When the annual budget runs out, from today's position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetOutlook {
    /// The policy set's annual budget [USD / year].
    pub annual_budget_usd: f64,
    /// Weighted probability that it runs out within the horizon.
    pub probability: f64,
    /// The weighted median month in which it runs out among the draws where it does.
    pub month: Option<YearMonth>,
}

impl Reforecast {
    /// The reforecast of `valid`'s first policy set from its `draws`, when the scenario has
    /// actuals inside its horizon.
    pub fn new(valid: &ValidScenario, draws: &[DrawResult]) -> Option<Reforecast> {
        let s = &valid.scenario;
        let actuals = s.actuals.as_ref()?;
        let observed = actuals.in_horizon(s.start_month, s.months);
        let (&(last, _), false) = (observed.last()?, draws.is_empty()) else {
            return None;
        };
        let policy = 0;
        let spend = Quantity::Spend.index();
        let paths: Vec<Vec<f64>> = draws
            .iter()
            .map(|d| {
                let rows = &d.policies[policy].rows;
                (0..rows.months()).map(|t| rows.org(t)[spend]).collect()
            })
            .collect();
        let w = weights(&paths, &observed)?;
        let equal = vec![1.0; paths.len()];
        let months_seen = |t: usize| -> Vec<f64> { paths.iter().map(|p| p[t]).collect() };
        let errors = observed
            .iter()
            .map(|&(t, a)| {
                let forecast = weighted_quantile(&months_seen(t), &equal, 0.5).unwrap_or(0.0);
                MonthError {
                    month: s.start_month.plus(t as u32),
                    actual_usd: a,
                    forecast_usd: forecast,
                    error_share: (a > 0.0).then(|| (forecast - a) / a),
                }
            })
            .collect();
        let observed_sum: f64 = observed.iter().map(|o| o.1).sum();
        let remaining: Vec<f64> = paths.iter().map(|p| p[last + 1..].iter().sum()).collect();
        let totals: Vec<f64> = remaining
            .iter()
            .zip(&paths)
            .map(|(r, p)| {
                let unobserved_before: f64 = (0..=last)
                    .filter(|t| !observed.iter().any(|o| o.0 == *t))
                    .map(|t| p[t])
                    .sum();
                r + observed_sum + unobserved_before
            })
            .collect();
        let q3 =
            |v: &[f64]| [0.1, 0.5, 0.9].map(|q| weighted_quantile(v, &w.weights, q).unwrap_or(0.0));
        let budget = valid.policies[policy].annual_budget.map(|b| {
            let exhausted: Vec<(f64, f64)> = draws
                .iter()
                .zip(&w.weights)
                .filter_map(|(d, wt)| {
                    d.policies[policy]
                        .budget_exhausted
                        .map(|m| (f64::from(m), *wt))
                })
                .collect();
            let probability = exhausted.iter().map(|e| e.1).sum::<f64>().min(1.0);
            let (months, ws): (Vec<f64>, Vec<f64>) = exhausted.into_iter().unzip();
            BudgetOutlook {
                annual_budget_usd: b.usd,
                probability,
                month: weighted_quantile(&months, &ws, 0.5).map(|m| s.start_month.plus(m as u32)),
            }
        });
        Some(Reforecast {
            policy,
            as_of: s.start_month.plus(last as u32),
            observed: errors,
            effective_draws: w.effective_draws,
            draws: draws.len() as u32,
            remaining_usd: q3(&remaining),
            total_usd: q3(&totals),
            budget,
        })
    }

    /// Whether the weights rest on too few draws to trust.
    pub fn too_few_draws(&self) -> bool {
        self.effective_draws < MIN_EFFECTIVE_DRAWS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::{Actuals, Scenario};

    fn paths() -> Vec<Vec<f64>> {
        (0..50)
            .map(|i| {
                (0..6)
                    .map(|t| 1000.0 * (1.0 + i as f64 / 10.0) * (1.0 + t as f64))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn actuals_equal_to_one_draws_path_give_it_the_most_weight() {
        let paths = paths();
        let observed: Vec<(usize, f64)> = (0..3).map(|t| (t, paths[17][t])).collect();
        let w = weights(&paths, &observed).unwrap();
        let best = (0..50)
            .max_by(|a, b| w.weights[*a].total_cmp(&w.weights[*b]))
            .unwrap();
        assert_eq!(best, 17);
        assert!((w.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(w.weights.iter().all(|x| *x >= 0.0));
        assert!(w.effective_draws >= 1.0 && w.effective_draws <= 50.0);
    }

    #[test]
    fn nothing_observed_weighs_every_draw_alike() {
        let w = weights(&paths(), &[]).unwrap();
        assert!((w.effective_draws - 50.0).abs() < 1e-9);
        assert!(w.weights.iter().all(|x| (x - 0.02).abs() < 1e-15));
        assert_eq!(weights(&[], &[]), None);
    }

    #[test]
    fn actuals_far_from_every_draw_leave_few_effective_draws() {
        let far = [(0, 1e9), (1, 1e9)];
        let w = weights(&paths(), &far).unwrap();
        assert!(w.effective_draws < 2.0, "{}", w.effective_draws);
        assert!((w.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn weighted_quantiles_follow_the_weights() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(weighted_quantile(&v, &[1.0; 4], 0.5), Some(2.0));
        assert_eq!(weighted_quantile(&v, &[0.0, 0.0, 0.0, 1.0], 0.5), Some(4.0));
        assert_eq!(weighted_quantile(&[], &[], 0.5), None);
    }

    fn small_with_actuals(scale: f64) -> (ValidScenario, Vec<DrawResult>) {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.months = 12;
        s.uncertainty.draws = 40;
        let valid = s.validate(&Catalogue::builtin()).unwrap();
        let draws = crate::sim::run(&valid);
        let spend = Quantity::Spend.index();
        let path: Vec<f64> = (0..3)
            .map(|t| draws[5].policies[0].rows.org(t)[spend] * scale)
            .collect();
        s.actuals = Some(Actuals {
            first_month: s.start_month,
            monthly_usd: path,
            cost_centres: Vec::new(),
        });
        let valid = s.validate(&Catalogue::builtin()).unwrap();
        (valid, draws)
    }

    #[test]
    fn a_scenario_with_actuals_is_reforecast_deterministically() {
        let (valid, draws) = small_with_actuals(1.0);
        let r = Reforecast::new(&valid, &draws).unwrap();
        assert_eq!(r.observed.len(), 3);
        assert_eq!(r.as_of, valid.scenario.start_month.plus(2));
        assert!(r.effective_draws >= 1.0 && r.effective_draws <= 40.0);
        assert!(
            r.remaining_usd[0] <= r.remaining_usd[1] && r.remaining_usd[1] <= r.remaining_usd[2]
        );
        assert!(r.total_usd[1] > r.remaining_usd[1]);
        assert_eq!(Reforecast::new(&valid, &draws), Some(r));
    }

    #[test]
    fn actuals_above_the_forecast_raise_the_reforecast() {
        let (low, draws) = small_with_actuals(1.0);
        let (high, _) = small_with_actuals(1.6);
        let a = Reforecast::new(&low, &draws).unwrap();
        let b = Reforecast::new(&high, &draws).unwrap();
        assert!(b.remaining_usd[1] >= a.remaining_usd[1], "{a:?} {b:?}");
        assert!(
            b.observed[0].error_share.unwrap() < 0.0,
            "the forecast was below the actuals"
        );
    }

    #[test]
    fn without_actuals_there_is_no_reforecast() {
        let mut s = Scenario::default();
        s.scale_developers(100);
        s.uncertainty.draws = 4;
        let valid = s.validate(&Catalogue::builtin()).unwrap();
        assert_eq!(Reforecast::new(&valid, &crate::sim::run(&valid)), None);
    }
}
