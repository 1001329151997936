//! Which uncertain parameters move total spend most: a one-at-a-time tornado.
//!
//! For one policy set, every parameter with a prior is set in turn to its prior's 10th and 90th
//! percentile, all other parameters at their defaults (priors off), and the median total spend
//! over the horizon is computed on the same draws of the population (common random numbers).

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
        }
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
        let mut totals: Vec<f64> = sim::run(&run)
            .iter()
            .map(|d| {
                d.policies[0]
                    .rows
                    .org_rows()
                    .map(|row| row[Quantity::Spend.index()])
                    .sum()
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
        })
    }
}

/// The tornado of policy set `policy` over `draws` draws.
pub fn tornado(v: &ValidScenario, policy: usize, draws: u32) -> Tornado {
    let mut run = SensitivityRun::new(v, policy, draws);
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
}
