//! What the organisation ships: useful and reported deployments against the baseline.
//!
//! ```text
//! Y_org    = ΣY0·[1 + e_org·(ΣY/ΣY0 − 1)]        review and deploy pass-through
//! fail     = f0·(1 + k_def·ai_share/0.25)        ai_share = (ΣY − ΣY0)/ΣY
//! Useful   = Y_org·(1 − fail)                    normalized deployments that stick
//! Reported = Useful + e_org·Σ Y_i·split_i        what a deployments board sees
//! Baseline = ΣY0·(1 − f0)                        the counterfactual without AI
//! ```

use crate::scenario::Output;

/// Individual output sums of a group of developers for one month [changes].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OutputSums {
    /// ΣY0: baseline changes of everyone.
    pub baseline: f64,
    /// ΣY: changes with AI (Y0 for non-adopters).
    pub(crate) with_ai: f64,
    /// Σ Y_i·split_i: changes inflated by splitting.
    pub(crate) inflated: f64,
}

/// A group's deployments for one month [changes].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Deployments {
    /// Changes that ship and stick.
    pub useful: f64,
    /// Changes reported.
    pub reported: f64,
    /// Useful changes without AI.
    pub baseline: f64,
    /// Change-failure rate.
    pub(crate) failure_rate: f64,
}

/// Deployments of a group from its output sums.
pub fn deployments(s: &OutputSums, o: &Output) -> Deployments {
    if s.baseline <= 0.0 {
        return Deployments::default();
    }
    let y_org = s.baseline * (1.0 + o.pass_through * (s.with_ai / s.baseline - 1.0));
    let ai_share = if s.with_ai > 0.0 {
        ((s.with_ai - s.baseline) / s.with_ai).max(0.0)
    } else {
        0.0
    };
    let fail = (o.failure_rate * (1.0 + o.defect_sensitivity * ai_share / 0.25)).clamp(0.0, 1.0);
    let useful = y_org * (1.0 - fail);
    Deployments {
        useful,
        reported: useful + o.pass_through * s.inflated,
        baseline: s.baseline * (1.0 - o.failure_rate),
        failure_rate: fail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_ai_useful_equals_baseline() {
        let s = OutputSums {
            baseline: 600.0,
            with_ai: 600.0,
            inflated: 0.0,
        };
        let d = deployments(&s, &Output::default());
        assert!((d.useful - d.baseline).abs() < 1e-9);
        assert_eq!(d.reported, d.useful);
    }

    #[test]
    fn gains_pass_through_partly_and_raise_failures() {
        let o = Output::default();
        let s = OutputSums {
            baseline: 600.0,
            with_ai: 750.0,
            inflated: 30.0,
        };
        let d = deployments(&s, &o);
        // Y_org = 600·(1 + 0.5·0.25) = 675; ai share 0.2 → fail = 0.08·(1 + 0.2·0.8) = 0.0928.
        assert!((d.useful - 675.0 * (1.0 - 0.0928)).abs() < 1e-9);
        assert!((d.reported - d.useful - 15.0).abs() < 1e-9);
        assert!(d.failure_rate > o.failure_rate);
    }
}
