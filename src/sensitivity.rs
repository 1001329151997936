//! Which uncertain parameters move total spend most: a one-at-a-time tornado.
//!
//! For one policy set, every parameter with a prior is set in turn to its prior's 10th and 90th
//! percentile, all other parameters at their defaults (priors off), and the median total spend
//! over the horizon is computed on the same draws of the population (common random numbers).

use crate::scenario::ValidScenario;
use crate::sim::{self, Quantity};
use crate::stats::Percentiles;
use serde::Serialize;

/// One parameter's swing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    /// Parameter path, e.g. `usage.sigma`.
    pub path: String,
    /// The prior's 10th percentile.
    pub low_value: f64,
    /// The prior's 90th percentile.
    pub high_value: f64,
    /// Median total spend with the parameter at `low_value` [USD].
    pub low_spend_usd: f64,
    /// Median total spend with the parameter at `high_value` [USD].
    pub high_spend_usd: f64,
}

/// A tornado: the swings, largest first, around the base spend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tornado {
    /// The policy set analysed.
    pub policy: String,
    /// Median total spend with every parameter at its default [USD].
    pub base_spend_usd: f64,
    /// One per parameter with a prior, by decreasing swing.
    pub swings: Vec<Swing>,
}

/// The tornado of policy set `policy` over `draws` draws.
pub fn tornado(v: &ValidScenario, policy: usize, draws: u32) -> Tornado {
    let mut one = v.clone();
    one.policies = vec![v.policies[policy].clone()];
    one.priors.clear();
    one.scenario.uncertainty.draws = draws.max(1);
    let base_params = one.scenario.params();
    let ncc = v.cost_centres.len();
    let median_spend = |p: &crate::scenario::Params| {
        let mut run = one.clone();
        run.scenario.set_params(p);
        let mut totals: Vec<f64> = sim::run(&run)
            .iter()
            .map(|d| {
                (0..v.months.len())
                    .map(|t| d.policies[0].rows[t * (ncc + 1) + ncc][Quantity::Spend.index()])
                    .sum()
            })
            .collect();
        Percentiles::of(&mut totals).median_or_zero()
    };
    let base_spend_usd = median_spend(&base_params);
    let mut swings: Vec<Swing> = v
        .priors
        .iter()
        .map(|(spec, prior)| {
            let at = |q: f64| {
                let value = prior.quantile(q).clamp(spec.min, spec.max);
                let mut p = base_params;
                if let Some(slot) = p.get_mut(spec.path) {
                    *slot = value;
                }
                (value, median_spend(&p))
            };
            let (low_value, low_spend_usd) = at(0.1);
            let (high_value, high_spend_usd) = at(0.9);
            Swing {
                path: spec.path.to_string(),
                low_value,
                high_value,
                low_spend_usd,
                high_spend_usd,
            }
        })
        .collect();
    swings.sort_by(|a, b| {
        let width = |s: &Swing| (s.high_spend_usd - s.low_spend_usd).abs();
        width(b).total_cmp(&width(a)).then(a.path.cmp(&b.path))
    });
    Tornado {
        policy: v.policies[policy].name.clone(),
        base_spend_usd,
        swings,
    }
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
