//! The reforecast: the Monte Carlo conditioned on the months already spent, for each policy
//! set. Each draw is weighted by the likelihood of the scenario's [`Actuals`] under it. An
//! observed amount `a` is read as the draw's simulated amount `s` times a lognormal error,
//! `ln a − ln s ~ N(0, τ²)` with τ = [`MONTHLY_ERROR_SIGMA`], independent across months and,
//! when the actuals split the months by cost centre, independent across the cost centres of a
//! month: each cost centre the scenario also has gives a term of its own, and what the named
//! cost centres leave of the organisation's total (an unnamed or unknown cost centre) gives
//! one more when it is more than [`REST_SHARE`] of the total. Without a split the organisation's
//! total gives one term a month. A draw that matches the split thus outweighs one that only
//! matches the total. Each policy set is conditioned on its own draws, as though it had been in
//! force in the observed months, so the budget headline can be read for any of them.
//!
//! The weights are normalised to sum to 1; their effective sample size `1 / Σ w²` says how many
//! draws the reforecast really rests on, and below [`MIN_EFFECTIVE_DRAWS`] the page and the CLI
//! warn. From the weighted draws come the remaining spend, each observed month's forecast
//! error (the unconditioned median against the actual) and the budget headline restated from
//! today's position: the probability that the policy set's annual budget runs out, and the
//! month by which it most likely does. Method and limits: docs/calibration.md.

use crate::calendar::YearMonth;
use crate::scenario::{Actuals, ValidScenario};
use crate::sim::{DrawResult, Quantity};
use serde::{Deserialize, Serialize};

/// Lognormal error of an observed monthly total against a draw's (τ): exports miss a little
/// usage (late rows, refunds) and the model's month is not the billing month.
pub const MONTHLY_ERROR_SIGMA: f64 = 0.15;

/// Below this effective sample size the reforecast is said to rest on too few draws.
pub const MIN_EFFECTIVE_DRAWS: f64 = 30.0;

/// Share of a month's observed total left outside the named cost centres above which that
/// rest is weighed as a term of its own.
pub const REST_SHARE: f64 = 0.01;

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

/// One observed month inside the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedMonth {
    /// The month's index in the horizon.
    pub t: usize,
    /// The organisation's spend [USD / month].
    pub org_usd: f64,
    /// Cost centres (index among the scenario's) and their spend [USD / month]; empty when
    /// the actuals do not split the month.
    pub centres: Vec<(usize, f64)>,
}

/// One draw's simulated monthly spend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpendPath {
    /// The organisation's spend by month [USD / month].
    pub org: Vec<f64>,
    /// `centres[c][t]`: cost centre `c`'s spend in month `t` [USD / month].
    pub centres: Vec<Vec<f64>>,
}

impl SpendPath {
    /// Policy set `policy`'s monthly spend in `draw`.
    fn of(draw: &DrawResult, policy: usize) -> SpendPath {
        let rows = &draw.policies[policy].rows;
        let spend = Quantity::Spend.index();
        SpendPath {
            org: (0..rows.months()).map(|t| rows.org(t)[spend]).collect(),
            centres: (0..rows.centres())
                .map(|c| {
                    (0..rows.months())
                        .map(|t| rows.centre(t, c)[spend])
                        .collect()
                })
                .collect(),
        }
    }
}

/// The log-density of the lognormal error between observed `a` and simulated `s`, up to a
/// constant.
fn term(a: f64, s: f64) -> f64 {
    let d = libm::log(a.max(FLOOR_USD)) - libm::log(s.max(FLOOR_USD));
    -d * d / (2.0 * MONTHLY_ERROR_SIGMA * MONTHLY_ERROR_SIGMA)
}

/// A draw's log-likelihood of `observed` under its simulated spend `path`.
fn log_likelihood(path: &SpendPath, observed: &[ObservedMonth]) -> f64 {
    observed
        .iter()
        .map(|o| {
            let org = path.org.get(o.t).copied().unwrap_or(0.0);
            if o.centres.is_empty() {
                return term(o.org_usd, org);
            }
            let simulated = |c: usize| {
                path.centres
                    .get(c)
                    .and_then(|v| v.get(o.t))
                    .copied()
                    .unwrap_or(0.0)
            };
            let named: f64 = o.centres.iter().map(|c| c.1).sum();
            let rest = o.org_usd - named;
            let rest_term = if rest > REST_SHARE * o.org_usd {
                let simulated_named: f64 = o.centres.iter().map(|c| simulated(c.0)).sum();
                term(rest, org - simulated_named)
            } else {
                0.0
            };
            rest_term
                + o.centres
                    .iter()
                    .map(|&(c, a)| term(a, simulated(c)))
                    .sum::<f64>()
        })
        .sum()
}

/// Weights of draws whose monthly spend is `paths` (one per draw) given `observed`:
/// normalised likelihoods, or equal weights when nothing is observed. `None` without draws.
pub fn weights(paths: &[SpendPath], observed: &[ObservedMonth]) -> Option<Weights> {
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

/// The observed months of `actuals` inside `valid`'s horizon, each with the cost centres the
/// scenario also has (matched by name).
pub fn observed_months(valid: &ValidScenario, actuals: &Actuals) -> Vec<ObservedMonth> {
    let s = &valid.scenario;
    let matched: Vec<(usize, &[f64])> = actuals
        .cost_centres
        .iter()
        .filter_map(|a| {
            let c = valid.cost_centres.iter().position(|n| *n == a.name)?;
            Some((c, a.monthly_usd.as_slice()))
        })
        .collect();
    let offset = actuals.first_month.ordinal() - s.start_month.ordinal();
    actuals
        .in_horizon(s.start_month, s.months)
        .into_iter()
        .map(|(t, org_usd)| {
            let k = (t as i64 - offset) as usize;
            ObservedMonth {
                t,
                org_usd,
                centres: matched
                    .iter()
                    .filter_map(|(c, v)| Some((*c, *v.get(k)?)))
                    .collect(),
            }
        })
        .collect()
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

/// One cost centre's observed spend in the observed months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreObserved {
    /// The cost centre's name, as in the scenario.
    pub name: String,
    /// Its spend in each of the reforecast's observed months, in their order [USD / month].
    pub actual_usd: Vec<f64>,
}

/// The reforecast of one policy set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reforecast {
    /// The policy set (an index).
    pub policy: usize,
    /// The last observed month in the horizon ("today").
    pub as_of: YearMonth,
    /// Observed months inside the horizon.
    pub observed: Vec<MonthError>,
    /// The cost centres' observed spend in the same months, for the cost centres the scenario
    /// also has; empty when the actuals do not split the months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub centres: Vec<CentreObserved>,
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
    /// The reforecast of every policy set of `valid` from its `draws`, in the policy sets'
    /// order; empty when the scenario has no actuals inside its horizon or there are no draws.
    pub fn every_policy(valid: &ValidScenario, draws: &[DrawResult]) -> Vec<Reforecast> {
        (0..valid.policies.len())
            .map_while(|k| Reforecast::new(valid, draws, k))
            .collect()
    }

    /// The reforecast of `valid`'s policy set `policy` from its `draws`, when the scenario has
    /// actuals inside its horizon.
    pub fn new(valid: &ValidScenario, draws: &[DrawResult], policy: usize) -> Option<Reforecast> {
        let s = &valid.scenario;
        let actuals = s.actuals.as_ref()?;
        valid.policies.get(policy)?;
        let observed = observed_months(valid, actuals);
        let (Some(last), false) = (observed.last().map(|o| o.t), draws.is_empty()) else {
            return None;
        };
        let paths: Vec<SpendPath> = draws.iter().map(|d| SpendPath::of(d, policy)).collect();
        let w = weights(&paths, &observed)?;
        let equal = vec![1.0; paths.len()];
        let months_seen = |t: usize| -> Vec<f64> { paths.iter().map(|p| p.org[t]).collect() };
        let errors = observed
            .iter()
            .map(|o| {
                let forecast = weighted_quantile(&months_seen(o.t), &equal, 0.5).unwrap_or(0.0);
                MonthError {
                    month: s.start_month.plus(o.t as u32),
                    actual_usd: o.org_usd,
                    forecast_usd: forecast,
                    error_share: (o.org_usd > 0.0).then(|| (forecast - o.org_usd) / o.org_usd),
                }
            })
            .collect();
        let centres = observed
            .first()
            .map(|first| {
                first
                    .centres
                    .iter()
                    .enumerate()
                    .map(|(i, (c, _))| CentreObserved {
                        name: valid.cost_centres[*c].clone(),
                        actual_usd: observed
                            .iter()
                            .map(|o| o.centres.get(i).map_or(0.0, |x| x.1))
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let observed_sum: f64 = observed.iter().map(|o| o.org_usd).sum();
        let remaining: Vec<f64> = paths
            .iter()
            .map(|p| p.org[last + 1..].iter().sum())
            .collect();
        let totals: Vec<f64> = remaining
            .iter()
            .zip(&paths)
            .map(|(r, p)| {
                let unobserved_before: f64 = (0..=last)
                    .filter(|t| !observed.iter().any(|o| o.t == *t))
                    .map(|t| p.org[t])
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
            centres,
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

    fn paths() -> Vec<SpendPath> {
        (0..50)
            .map(|i| SpendPath {
                org: (0..6)
                    .map(|t| 1000.0 * (1.0 + i as f64 / 10.0) * (1.0 + t as f64))
                    .collect(),
                centres: Vec::new(),
            })
            .collect()
    }

    fn month(t: usize, org_usd: f64, centres: &[(usize, f64)]) -> ObservedMonth {
        ObservedMonth {
            t,
            org_usd,
            centres: centres.to_vec(),
        }
    }

    /// A draw spending `split` times $1,000 a month in each of two cost centres.
    fn split_path(split: [f64; 2]) -> SpendPath {
        SpendPath {
            org: vec![1000.0 * (split[0] + split[1]); 3],
            centres: split.iter().map(|s| vec![1000.0 * s; 3]).collect(),
        }
    }

    #[test]
    fn actuals_equal_to_one_draws_path_give_it_the_most_weight() {
        let paths = paths();
        let observed: Vec<ObservedMonth> =
            (0..3).map(|t| month(t, paths[17].org[t], &[])).collect();
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
        let far = [month(0, 1e9, &[]), month(1, 1e9, &[])];
        let w = weights(&paths(), &far).unwrap();
        assert!(w.effective_draws < 2.0, "{}", w.effective_draws);
        assert!((w.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_draw_matching_the_cost_centre_split_outweighs_one_matching_only_the_total() {
        let paths = [split_path([0.5, 0.5]), split_path([0.9, 0.1])];
        let split: Vec<ObservedMonth> = (0..3)
            .map(|t| month(t, 1000.0, &[(0, 500.0), (1, 500.0)]))
            .collect();
        let w = weights(&paths, &split).unwrap();
        assert!(w.weights[0] > 0.99, "{w:?}");
        let total_only: Vec<ObservedMonth> = (0..3).map(|t| month(t, 1000.0, &[])).collect();
        let w = weights(&paths, &total_only).unwrap();
        assert!((w.weights[0] - 0.5).abs() < 1e-12, "{w:?}");
    }

    #[test]
    fn spend_outside_the_named_cost_centres_is_weighed_as_the_rest() {
        // Only cost centre 0 is named: $500 of $1,000; the rest ($500) is matched by the first
        // draw (0.5 + 0.5), not by the second (0.5 named, 0.1 in the other: $100 rest).
        let paths = [split_path([0.5, 0.5]), split_path([0.5, 0.1])];
        let observed: Vec<ObservedMonth> =
            (0..3).map(|t| month(t, 1000.0, &[(0, 500.0)])).collect();
        let w = weights(&paths, &observed).unwrap();
        assert!(w.weights[0] > 0.99, "{w:?}");
        // A rest under 1 % of the total is not weighed: both draws match centre 0 alike.
        let observed: Vec<ObservedMonth> =
            (0..3).map(|t| month(t, 1000.0, &[(0, 995.0)])).collect();
        let paths = [split_path([0.995, 0.5]), split_path([0.995, 0.0])];
        let w = weights(&paths, &observed).unwrap();
        assert!((w.weights[0] - 0.5).abs() < 1e-12, "{w:?}");
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
        let r = Reforecast::new(&valid, &draws, 0).unwrap();
        assert_eq!(r.observed.len(), 3);
        assert_eq!(r.as_of, valid.scenario.start_month.plus(2));
        assert!(r.effective_draws >= 1.0 && r.effective_draws <= 40.0);
        assert!(
            r.remaining_usd[0] <= r.remaining_usd[1] && r.remaining_usd[1] <= r.remaining_usd[2]
        );
        assert!(r.total_usd[1] > r.remaining_usd[1]);
        assert_eq!(Reforecast::new(&valid, &draws, 0), Some(r));
    }

    #[test]
    fn actuals_above_the_forecast_raise_the_reforecast() {
        let (low, draws) = small_with_actuals(1.0);
        let (high, _) = small_with_actuals(1.6);
        let a = Reforecast::new(&low, &draws, 0).unwrap();
        let b = Reforecast::new(&high, &draws, 0).unwrap();
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
        let draws = crate::sim::run(&valid);
        assert_eq!(Reforecast::new(&valid, &draws, 0), None);
        assert!(Reforecast::every_policy(&valid, &draws).is_empty());
    }

    #[test]
    fn every_policy_set_is_reforecast_in_order() {
        let (valid, draws) = small_with_actuals(1.0);
        let all = Reforecast::every_policy(&valid, &draws);
        assert_eq!(all.len(), valid.policies.len());
        assert!(all.len() > 1);
        for (k, r) in all.iter().enumerate() {
            assert_eq!(r.policy, k);
            assert_eq!(Some(r), Reforecast::new(&valid, &draws, k).as_ref());
        }
        assert!(
            all.iter().any(|r| r.remaining_usd != all[0].remaining_usd),
            "the policy sets spend differently: {all:?}"
        );
        assert_eq!(Reforecast::new(&valid, &draws, all.len()), None);
    }

    #[test]
    fn cost_centre_actuals_weigh_the_draw_with_their_split_and_are_reported() {
        let (mut valid, draws) = small_with_actuals(1.0);
        let spend = Quantity::Spend.index();
        let rows = &draws[5].policies[0].rows;
        assert!(rows.centres() > 1, "the default scenario has cost centres");
        let actuals = valid.scenario.actuals.as_mut().unwrap();
        actuals.cost_centres = (0..rows.centres())
            .map(|c| crate::scenario::CentreActuals {
                name: valid.cost_centres[c].clone(),
                monthly_usd: (0..3).map(|t| rows.centre(t, c)[spend]).collect(),
            })
            .collect();
        let observed = observed_months(&valid, valid.scenario.actuals.as_ref().unwrap());
        assert_eq!(observed[0].centres.len(), rows.centres());
        let paths: Vec<SpendPath> = draws.iter().map(|d| SpendPath::of(d, 0)).collect();
        let w = weights(&paths, &observed).unwrap();
        let best = (0..draws.len())
            .max_by(|a, b| w.weights[*a].total_cmp(&w.weights[*b]))
            .unwrap();
        assert_eq!(best, 5);
        let r = Reforecast::new(&valid, &draws, 0).unwrap();
        assert_eq!(r.centres.len(), rows.centres());
        assert_eq!(r.centres[1].name, valid.cost_centres[1]);
        assert_eq!(r.centres[1].actual_usd[2], rows.centre(2, 1)[spend]);
    }
}
