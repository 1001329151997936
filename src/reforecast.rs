//! The reforecast: the Monte Carlo conditioned on the months already spent, for each policy
//! set. Each draw is weighted by the likelihood of the scenario's [`Actuals`] under it and
//! carried to the organisation's observed level.
//!
//! The model of an observed monthly total `a` against a draw's simulated `s`: `ln a = ln s +
//! ln k + ε`, with `ε ~ N(0, τ²)` independent across months (exports miss a little usage, the
//! model's month is not the billing month, and a small organisation's months wander) and a
//! level `ln k ~ N(0, σ_k²)` (σ_k = [`LEVEL_SIGMA`]) shared by the months: a draw's population
//! is one of many with the same parameters, and which developers spend most sets its level
//! more than its shape. A draw's weight is the likelihood of the organisation's totals with
//! `k` integrated out (closed form: the errors are normal with covariance τ² I + σ_k² 1 1ᵀ),
//! so draws are told apart by how their months follow the actuals' course, and a draw's
//! months after the actuals are its own times the posterior median of `k`. τ is the value of
//! [`ERROR_SIGMA_GRID`] under which the actuals are likeliest across the draws (an empirical
//! Bayes choice), never below [`MONTHLY_ERROR_SIGMA`].
//!
//! When the actuals split the months by cost centre, each cost centre the scenario also has
//! gets a level of its own from its months, and what the named cost centres leave of the total
//! (an unnamed or unknown cost centre) one more, when it is over [`REST_SHARE`] of the total:
//! each continues from where it is. The weights come from the organisation's totals alone: a
//! cost centre of a few developers wanders too much month to month for its course to tell
//! draws apart. Each policy set is conditioned on its own draws; a calibrated scenario puts
//! its policies in force after the months observed, so they are the same for every set.
//!
//! The weights are normalised to sum to 1; their effective sample size `1 / Σ w²` says how many
//! draws the reforecast really rests on, and below [`MIN_EFFECTIVE_DRAWS`] the page and the CLI
//! warn. From the weighted draws come the remaining spend, each observed month's forecast
//! error (the unconditioned median against the actual) and the budget headline restated from
//! today's position: the observed months as spent, the later ones at the observed level, the
//! probability that the policy set's annual budget runs out and the month by which it most
//! likely does. Method and limits: docs/calibration.md.

use crate::calendar::YearMonth;
use crate::scenario::{Actuals, ValidScenario};
use crate::sim::{AnnualSpend, DrawResult, Quantity};
use serde::{Deserialize, Serialize};

/// Smallest lognormal error of an observed monthly total against a draw's (τ): exports miss a
/// little usage (late rows, refunds) and the model's month is not the billing month.
pub const MONTHLY_ERROR_SIGMA: f64 = 0.15;

/// The monthly errors [`error_sigma`] chooses from: 0.15 to 1.0, about 10 % apart.
pub const ERROR_SIGMA_GRID: [f64; 21] = [
    0.15, 0.165, 0.18, 0.2, 0.22, 0.24, 0.26, 0.29, 0.32, 0.35, 0.38, 0.42, 0.46, 0.5, 0.55, 0.6,
    0.66, 0.73, 0.8, 0.9, 1.0,
];

/// Below this effective sample size the reforecast is said to rest on too few draws.
pub const MIN_EFFECTIVE_DRAWS: f64 = 30.0;

/// Prior spread of the level factor k that carries a draw's spend to the organisation's
/// (ln k ~ N(0, σ_k²)): a factor of 1.65 either way at one standard deviation, wide enough that
/// the observed months, not the prior, set the level.
pub const LEVEL_SIGMA: f64 = 0.5;

/// Share of a month's observed total left outside the named cost centres above which that
/// rest sets a level of its own (below it, the rest keeps the draw's own level).
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

/// Sums of one series' log errors `d = ln a − ln s` (actual against simulated) over the months
/// observed.
#[derive(Debug, Clone, Copy, Default)]
struct Errors {
    /// Months.
    n: f64,
    /// Σ d.
    sum: f64,
    /// Σ d².
    squares: f64,
}

impl Errors {
    fn add(&mut self, actual: f64, simulated: f64) {
        let d = libm::log(actual.max(FLOOR_USD)) - libm::log(simulated.max(FLOOR_USD));
        self.n += 1.0;
        self.sum += d;
        self.squares += d * d;
    }

    /// Precision of ln k given the months, with monthly error `tau`: n / τ² + 1 / σ_k².
    fn precision(&self, tau: f64) -> f64 {
        self.n / (tau * tau) + 1.0 / (LEVEL_SIGMA * LEVEL_SIGMA)
    }

    /// The log density of the errors with the level ln k integrated out: `d` is normal with
    /// covariance τ² I + σ_k² 1 1ᵀ (the 2π term, the same for every draw and every τ, left
    /// out).
    fn log_likelihood(&self, tau: f64) -> f64 {
        if self.n == 0.0 {
            return 0.0;
        }
        let t2 = tau * tau;
        let s = self.sum / t2;
        let quadratic = self.squares / t2 - s * s / self.precision(tau);
        let log_det =
            (self.n - 1.0) * libm::log(t2) + libm::log(t2 + self.n * LEVEL_SIGMA * LEVEL_SIGMA);
        -0.5 * (quadratic + log_det)
    }

    /// The posterior median of the level factor, k = exp(E[ln k]); 1 without months.
    fn level(&self, tau: f64) -> f64 {
        libm::exp(self.sum / (tau * tau) / self.precision(tau))
    }
}

/// One draw's fit to the actuals: how likely the organisation's monthly totals are under it,
/// and the level factors that carry its path to the observed level.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The log density of the organisation's observed totals, its level integrated out.
    pub log_likelihood: f64,
    /// Level factor of the organisation, or, when the actuals split the months by cost centre,
    /// of what the named cost centres leave of it.
    pub base: f64,
    /// Level factors of the named cost centres: (index among the scenario's, factor).
    pub centres: Vec<(usize, f64)>,
}

impl Fit {
    /// The fit of a draw whose simulated spend is `path` to `observed`, with monthly error
    /// `tau` (a lognormal σ).
    pub fn new(path: &SpendPath, observed: &[ObservedMonth], tau: f64) -> Fit {
        let simulated = |c: usize, t: usize| {
            path.centres
                .get(c)
                .and_then(|v| v.get(t))
                .copied()
                .unwrap_or(0.0)
        };
        let mut org = Errors::default();
        let mut rest = Errors::default();
        let mut centres: Vec<(usize, Errors)> = Vec::new();
        for o in observed {
            let total = path.org.get(o.t).copied().unwrap_or(0.0);
            org.add(o.org_usd, total);
            for &(c, a) in &o.centres {
                let at = match centres.iter().position(|x| x.0 == c) {
                    Some(i) => i,
                    None => {
                        centres.push((c, Errors::default()));
                        centres.len() - 1
                    }
                };
                centres[at].1.add(a, simulated(c, o.t));
            }
            let named: f64 = o.centres.iter().map(|c| c.1).sum();
            if !o.centres.is_empty() && o.org_usd - named > REST_SHARE * o.org_usd {
                let simulated_named: f64 = o.centres.iter().map(|c| simulated(c.0, o.t)).sum();
                rest.add(o.org_usd - named, total - simulated_named);
            }
        }
        Fit {
            log_likelihood: org.log_likelihood(tau),
            base: if centres.is_empty() {
                org.level(tau)
            } else {
                rest.level(tau)
            },
            centres: centres.iter().map(|(c, e)| (*c, e.level(tau))).collect(),
        }
    }

    /// The draw's organisation spend in month `t` at the observed level [USD / month]: each
    /// named cost centre scaled by its factor, the rest by the base factor.
    pub fn org(&self, path: &SpendPath, t: usize) -> f64 {
        let org = path.org.get(t).copied().unwrap_or(0.0);
        let (named, scaled) = self.centres.iter().fold((0.0, 0.0), |(n, s), &(c, k)| {
            let v = path
                .centres
                .get(c)
                .and_then(|v| v.get(t))
                .copied()
                .unwrap_or(0.0);
            (n + v, s + k * v)
        });
        scaled + self.base * (org - named)
    }
}

/// The monthly error τ that best explains the observed totals across the draws (the maximum
/// over [`ERROR_SIGMA_GRID`] of the mean likelihood of the draws): an organisation whose months
/// wander more than the simulation's, small or structurally unlike the model, gets a wider
/// error and so more draws to rest on. Never below [`MONTHLY_ERROR_SIGMA`].
pub fn error_sigma(paths: &[SpendPath], observed: &[ObservedMonth]) -> f64 {
    let mut errors: Vec<Errors> = Vec::with_capacity(paths.len());
    for p in paths {
        let mut e = Errors::default();
        for o in observed {
            e.add(o.org_usd, p.org.get(o.t).copied().unwrap_or(0.0));
        }
        errors.push(e);
    }
    let evidence = |tau: f64| {
        let logs: Vec<f64> = errors.iter().map(|e| e.log_likelihood(tau)).collect();
        let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        top + libm::log(logs.iter().map(|l| libm::exp(l - top)).sum::<f64>())
    };
    ERROR_SIGMA_GRID
        .iter()
        .copied()
        .map(|tau| (tau, evidence(tau)))
        .fold((MONTHLY_ERROR_SIGMA, f64::NEG_INFINITY), |best, x| {
            if x.1 > best.1 {
                x
            } else {
                best
            }
        })
        .0
}

/// Weights of draws whose monthly spend is `paths` (one per draw) given `observed`, with
/// monthly error `tau`: normalised likelihoods, or equal weights when nothing is observed.
/// `None` without draws.
pub fn weights(paths: &[SpendPath], observed: &[ObservedMonth], tau: f64) -> Option<Weights> {
    let fits: Vec<Fit> = paths.iter().map(|p| Fit::new(p, observed, tau)).collect();
    weights_of(&fits)
}

/// Normalised weights of draws fitted as `fits`; `None` without draws.
fn weights_of(fits: &[Fit]) -> Option<Weights> {
    if fits.is_empty() {
        return None;
    }
    let top = fits
        .iter()
        .map(|f| f.log_likelihood)
        .fold(f64::NEG_INFINITY, f64::max);
    let raw: Vec<f64> = fits
        .iter()
        .map(|f| libm::exp(f.log_likelihood - top))
        .collect();
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
#[derive(Debug, Clone, PartialEq)]
pub struct Reforecast {
    /// The policy set (an index).
    pub policy: usize,
    /// The last observed month in the horizon ("today").
    pub as_of: YearMonth,
    /// Observed months inside the horizon.
    pub observed: Vec<MonthError>,
    /// The cost centres' observed spend in the same months, for the cost centres the scenario
    /// also has; empty when the actuals do not split the months (and then left out of the
    /// JSON).
    pub centres: Vec<CentreObserved>,
    /// Effective sample size of the weights [draws].
    pub effective_draws: f64,
    /// The monthly error the draws were weighted with ([`error_sigma`]): a lognormal σ.
    pub error_sigma: f64,
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

/// [`Reforecast`] in JSON.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Reforecast")]
struct ReforecastJson {
    policy: usize,
    as_of: YearMonth,
    observed: Vec<MonthError>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    centres: Vec<CentreObserved>,
    effective_draws: f64,
    error_sigma: f64,
    draws: u32,
    remaining_usd: [f64; 3],
    total_usd: [f64; 3],
    budget: Option<BudgetOutlook>,
}

crate::report::two_shapes!(
    Reforecast,
    ReforecastJson {
        policy,
        as_of,
        observed,
        centres,
        effective_draws,
        error_sigma,
        draws,
        remaining_usd,
        total_usd,
        budget,
    }
);

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
        let tau = error_sigma(&paths, &observed);
        let fits: Vec<Fit> = paths.iter().map(|p| Fit::new(p, &observed, tau)).collect();
        let w = weights_of(&fits)?;
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
        // Each draw's months as the reforecast reads them: the actuals where observed, the
        // draw's own spend at the observed level elsewhere.
        let spent: Vec<Vec<f64>> = paths
            .iter()
            .zip(&fits)
            .map(|(p, f)| {
                (0..p.org.len())
                    .map(|t| match observed.iter().find(|o| o.t == t) {
                        Some(o) => o.org_usd,
                        None => f.org(p, t),
                    })
                    .collect()
            })
            .collect();
        let remaining: Vec<f64> = spent.iter().map(|m| m[last + 1..].iter().sum()).collect();
        let totals: Vec<f64> = spent.iter().map(|m| m.iter().sum()).collect();
        let q3 =
            |v: &[f64]| [0.1, 0.5, 0.9].map(|q| weighted_quantile(v, &w.weights, q).unwrap_or(0.0));
        let budget = valid.policies[policy].annual_budget.map(|b| {
            let exhausted: Vec<(f64, f64)> = spent
                .iter()
                .zip(&w.weights)
                .filter_map(|(months, wt)| {
                    let mut annual = AnnualSpend::default();
                    for (t, usd) in months.iter().enumerate() {
                        annual.month(&b, t as u32, *usd);
                    }
                    annual.exhausted.map(|m| (f64::from(m), *wt))
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
            error_sigma: tau,
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
        let w = weights(&paths, &observed, MONTHLY_ERROR_SIGMA).unwrap();
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
        let w = weights(&paths(), &[], MONTHLY_ERROR_SIGMA).unwrap();
        assert!((w.effective_draws - 50.0).abs() < 1e-9);
        assert!(w.weights.iter().all(|x| (x - 0.02).abs() < 1e-15));
        assert_eq!(weights(&[], &[], MONTHLY_ERROR_SIGMA), None);
    }

    #[test]
    fn actuals_far_above_every_draw_favour_the_nearest_level() {
        // Every draw has the actuals' course; the prior on the level still prefers the draw
        // whose level is nearest, and nothing overflows.
        let far = [month(0, 1e9, &[]), month(1, 2e9, &[])];
        let w = weights(&paths(), &far, MONTHLY_ERROR_SIGMA).unwrap();
        let best = (0..50)
            .max_by(|a, b| w.weights[*a].total_cmp(&w.weights[*b]))
            .unwrap();
        assert_eq!(best, 49);
        assert!(w.effective_draws < 5.0, "{}", w.effective_draws);
        assert!((w.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    /// A draw spending `org` a month, without cost centres.
    fn org_path(org: &[f64]) -> SpendPath {
        SpendPath {
            org: org.to_vec(),
            centres: Vec::new(),
        }
    }

    #[test]
    fn a_draw_following_the_course_of_the_months_outweighs_one_at_their_level() {
        // Actuals grow 1,000 → 3,000. One draw grows alike at half the level, the other is flat
        // at their mean: the course, not the level, tells them apart.
        let observed: Vec<ObservedMonth> = (0..3)
            .map(|t| month(t, 1000.0 * (t + 1) as f64, &[]))
            .collect();
        let paths = [
            org_path(&[500.0, 1000.0, 1500.0, 2000.0]),
            org_path(&[2000.0; 4]),
        ];
        let w = weights(&paths, &observed, MONTHLY_ERROR_SIGMA).unwrap();
        assert!(w.weights[0] > 0.99, "{w:?}");
        // Its fourth month continues from the observed level: twice its own, shrunk a little
        // towards its own by the prior on the level.
        let fit = Fit::new(&paths[0], &observed, MONTHLY_ERROR_SIGMA);
        let fourth = fit.org(&paths[0], 3);
        assert!(fourth > 3_850.0 && fourth < 4_000.0, "{fourth}");
    }

    #[test]
    fn each_cost_centre_continues_from_its_own_level_and_the_split_does_not_weigh() {
        let observed: Vec<ObservedMonth> = (0..3)
            .map(|t| month(t, 1250.0, &[(0, 250.0), (1, 1000.0)]))
            .collect();
        let paths = [split_path([0.5, 0.5]), split_path([0.9, 0.35])];
        let w = weights(&paths, &observed, MONTHLY_ERROR_SIGMA).unwrap();
        assert!((w.weights[0] - w.weights[1]).abs() < 0.2, "{w:?}");
        let fit = Fit::new(&paths[0], &observed, MONTHLY_ERROR_SIGMA);
        let k: Vec<f64> = fit.centres.iter().map(|c| c.1).collect();
        assert!(
            (k[0] - 0.5).abs() < 0.02 && (k[1] - 2.0).abs() < 0.06,
            "{k:?}"
        );
        let org = fit.org(&paths[0], 2);
        assert!((org - 1250.0).abs() < 40.0, "{org}");
    }

    #[test]
    fn spend_outside_the_named_cost_centres_continues_from_the_rest_observed() {
        // Only cost centre 0 is named: $500 of $1,000. The draw puts $100 in the other, so
        // the rest continues at about five times its own.
        let observed: Vec<ObservedMonth> =
            (0..3).map(|t| month(t, 1000.0, &[(0, 500.0)])).collect();
        let path = split_path([0.5, 0.1]);
        let fit = Fit::new(&path, &observed, MONTHLY_ERROR_SIGMA);
        assert!((fit.base - 5.0).abs() < 0.4, "{fit:?}");
        assert!((fit.org(&path, 2) - 1000.0).abs() < 40.0);
        // A rest under 1 % of the total is not weighed: it keeps the draw's own level.
        let observed: Vec<ObservedMonth> =
            (0..3).map(|t| month(t, 1000.0, &[(0, 995.0)])).collect();
        let fit = Fit::new(&split_path([0.995, 0.5]), &observed, MONTHLY_ERROR_SIGMA);
        assert_eq!(fit.base, 1.0);
    }

    #[test]
    fn the_monthly_error_widens_only_when_no_draw_follows_the_months() {
        let observed: Vec<ObservedMonth> = (0..4)
            .map(|t| month(t, [1000.0, 3000.0, 1500.0, 4000.0][t], &[]))
            .collect();
        // Smooth draws at any level cannot follow months that jump up and down.
        let smooth: Vec<SpendPath> = (1..40).map(|i| org_path(&[100.0 * i as f64; 4])).collect();
        let wide = error_sigma(&smooth, &observed);
        assert!(wide > 0.3, "{wide}");
        assert!(weights(&smooth, &observed, wide).unwrap().effective_draws > 30.0);
        // One draw that follows them exactly keeps the smallest error.
        let mut with_one = smooth.clone();
        with_one.push(org_path(&[500.0, 1500.0, 750.0, 2000.0]));
        assert_eq!(error_sigma(&with_one, &observed), MONTHLY_ERROR_SIGMA);
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
    fn cost_centre_actuals_are_reported_beside_the_draw_they_came_from() {
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
        let w = weights(&paths, &observed, MONTHLY_ERROR_SIGMA).unwrap();
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
