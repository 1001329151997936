//! Which uncertain parameters move total spend most: a one-at-a-time tornado.
//!
//! For one policy set, every parameter with a prior is set in turn to its prior's 10th and 90th
//! percentile, all other parameters at their defaults (priors off), and the median total spend
//! over the horizon is computed on the same draws of the population (common random numbers).
//! Against a baseline set, the tornado is of the difference instead: the median of each draw's
//! total spend of the policy set minus the baseline's, both run on the same draws, so it shows
//! which assumptions decide whether the policy costs more.

use crate::scenario::ValidScenario;
use crate::sim::{self, Quantity};
use crate::stats::Percentiles;
use serde::{Deserialize, Serialize};

/// One parameter's swing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Swing {
    /// Parameter path, e.g. `usage.sigma`.
    pub path: String,
    /// The prior's 10th percentile.
    pub(crate) low_value: f64,
    /// The prior's 90th percentile.
    pub(crate) high_value: f64,
    /// Median total spend with the parameter at `low_value` [USD].
    pub(crate) low_spend_usd: f64,
    /// Median total spend with the parameter at `high_value` [USD].
    pub(crate) high_spend_usd: f64,
}

/// A tornado: the swings, largest first, around the base spend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    /// The policy set analysed.
    pub policy: String,
    /// Median total spend with every parameter at its default [USD].
    pub(crate) base_spend_usd: f64,
    /// One per parameter with a prior, by decreasing swing.
    pub(crate) swings: Vec<Swing>,
    /// The baseline set, when the figures are differences against it (policy − baseline).
    #[serde(default)]
    pub baseline: Option<String>,
}

/// A prior's parameter in plain words, e.g. `usage.sigma` → "Spread of use between developers";
/// the path itself when it has no plain name.
pub fn plain_name(path: &str) -> &str {
    match path {
        "usage.sigma" => "Spread of use between developers",
        "usage.mean_spend_usd" => "Mean monthly spend of an agent user",
        "adoption.q" => "Word-of-mouth pull to adopt",
        "output.uplift_median" => "Output gain from AI (median user)",
        "output.elasticity" => "How output grows with use",
        "output.pass_through" => "Share of individual gains that reach delivery",
        "output.unshipped_share" => "Share of AI work that never ships",
        "output.defect_sensitivity" => "Extra failures from AI-written changes",
        "gaming.propensity_a" => "Readiness to game a leaderboard",
        "gaming.padding" => "Tokens padded per gamed change",
        other => other,
    }
}

/// A tornado computed one run at a time (the base run, then each prior's low and high end), so
/// the browser can carry it out in steps and drop it when an edit supersedes it.
#[derive(Debug, Clone)]
pub(crate) struct SensitivityRun {
    /// The policy set alone, priors off, with the analysis's draws.
    one: ValidScenario,
    /// The priors of the analysed scenario, in path order.
    priors: Vec<(&'static crate::scenario::FieldSpec, crate::scenario::Prior)>,
    /// The median total spend of each run done so far, in run order [USD].
    medians: Vec<f64>,
    /// Whether `one` holds a baseline set after the policy set, and the figures are differences.
    against: bool,
}

impl SensitivityRun {
    /// Prepares the tornado of policy set `policy` (an index into `v.policies`) over `draws`
    /// draws.
    pub fn new(v: &ValidScenario, policy: usize, draws: u32) -> SensitivityRun {
        let mut one = v.clone();
        one.policies = vec![v.policies[policy].clone()];
        one.priors.clear();
        one.scenario.uncertainty.draws = draws.max(1);
        SensitivityRun {
            one,
            priors: v.priors.clone(),
            medians: Vec::new(),
            against: false,
        }
    }

    /// Prepares the tornado of the difference between policy set `policy` and set `baseline`
    /// (indices into `v.policies`) over `draws` draws.
    pub fn difference(
        v: &ValidScenario,
        policy: usize,
        baseline: usize,
        draws: u32,
    ) -> SensitivityRun {
        let mut run = SensitivityRun::new(v, policy, draws);
        run.one.policies.push(v.policies[baseline].clone());
        run.against = true;
        run
    }

    /// Runs in all: the base run and two per prior.
    pub fn runs(&self) -> usize {
        1 + 2 * self.priors.len()
    }

    /// Runs done so far.
    pub fn done(&self) -> usize {
        self.medians.len()
    }

    /// Carries out the next run; false once every run is done.
    pub fn step(&mut self) -> bool {
        let k = self.medians.len();
        if k >= self.runs() {
            return false;
        }
        let mut params = self.one.scenario.params();
        if k > 0 {
            let (spec, prior) = &self.priors[(k - 1) / 2];
            let q = if k % 2 == 1 { 0.1 } else { 0.9 };
            if let Some(slot) = params.get_mut(spec.path) {
                *slot = prior.quantile(q).clamp(spec.min, spec.max);
            }
        }
        let mut run = self.one.clone();
        run.scenario.set_params(&params);
        let total = |d: &sim::DrawResult, k: usize| -> f64 {
            d.policies[k]
                .rows
                .org_rows()
                .map(|row| row[Quantity::Spend.index()])
                .sum()
        };
        let mut totals: Vec<f64> = sim::run(&run)
            .iter()
            .map(|d| {
                if self.against {
                    total(d, 0) - total(d, 1)
                } else {
                    total(d, 0)
                }
            })
            .collect();
        self.medians
            .push(Percentiles::of(&mut totals).median_or_zero());
        true
    }

    /// The tornado, once every run is done (`None` before).
    pub fn tornado(&self) -> Option<Tornado> {
        if self.done() < self.runs() {
            return None;
        }
        let mut swings: Vec<Swing> = self
            .priors
            .iter()
            .enumerate()
            .map(|(i, (spec, prior))| Swing {
                path: spec.path.to_string(),
                low_value: prior.quantile(0.1).clamp(spec.min, spec.max),
                high_value: prior.quantile(0.9).clamp(spec.min, spec.max),
                low_spend_usd: self.medians[1 + 2 * i],
                high_spend_usd: self.medians[2 + 2 * i],
            })
            .collect();
        swings.sort_by(|a, b| {
            let width = |s: &Swing| (s.high_spend_usd - s.low_spend_usd).abs();
            width(b).total_cmp(&width(a)).then(a.path.cmp(&b.path))
        });
        Some(Tornado {
            policy: self.one.policies[0].name.clone(),
            base_spend_usd: self.medians[0],
            swings,
            baseline: self.against.then(|| self.one.policies[1].name.clone()),
        })
    }
}

/// The tornado of policy set `policy` over `draws` draws.
pub fn tornado(v: &ValidScenario, policy: usize, draws: u32) -> Tornado {
    let mut run = SensitivityRun::new(v, policy, draws);
    while run.step() {}
    run.tornado().expect("every run is done")
}

/// The tornado of the difference between policy set `policy` and set `baseline` over `draws`
/// draws.
pub fn difference_tornado(
    v: &ValidScenario,
    policy: usize,
    baseline: usize,
    draws: u32,
) -> Tornado {
    let mut run = SensitivityRun::difference(v, policy, baseline, draws);
    while run.step() {}
    run.tornado().expect("every run is done")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;

    #[test]
    fn usage_level_and_dispersion_lead_and_output_parameters_do_not_move_spend() {
        let mut s = Scenario::default();
        s.scale_developers(300);
        s.months = 12;
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let t = tornado(&v, 0, 8);
        assert_eq!(t.swings.len(), v.priors.len());
        assert_eq!(t.swings[0].path, "usage.mean_spend_usd");
        let mean = &t.swings[0];
        assert!(mean.low_spend_usd < t.base_spend_usd && t.base_spend_usd < mean.high_spend_usd);
        let uplift = t
            .swings
            .iter()
            .find(|s| s.path == "output.uplift_median")
            .unwrap();
        assert_eq!(
            uplift.low_spend_usd, uplift.high_spend_usd,
            "output does not feed back into spend"
        );
    }

    #[test]
    fn the_difference_tornado_is_of_the_policy_minus_the_baseline() {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.months = 12;
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let d = difference_tornado(&v, 1, 0, 6);
        assert_eq!(d.baseline.as_deref(), Some(v.policies[0].name.as_str()));
        let alone = tornado(&v, 1, 6).base_spend_usd;
        let base = tornado(&v, 0, 6).base_spend_usd;
        assert!(d.base_spend_usd < alone, "a difference, not the total");
        assert!(d.base_spend_usd > 0.0 && base > 0.0);
        let same = difference_tornado(&v, 0, 0, 4);
        assert!(same
            .swings
            .iter()
            .all(|s| s.low_spend_usd == 0.0 && s.high_spend_usd == 0.0));
        assert_eq!(
            plain_name("usage.sigma"),
            "Spread of use between developers"
        );
        assert_eq!(plain_name("x.y"), "x.y");
        for (spec, _) in &v.priors {
            assert_ne!(
                plain_name(spec.path),
                spec.path,
                "{} has a plain name",
                spec.path
            );
        }
    }
}
