//! Output phase: an adopter's changes with AI, `Y = Y0·(1 + u·ratio^β·kept)`, and what gaming
//! takes from the gain (docs/MODEL.md, "Output").

use super::demand::Use;
use crate::scenario::Output;

/// Changes with AI of an adopter with baseline `baseline` and this month's use `u` [changes].
pub(super) fn with_ai(baseline: f64, u: &Use, o: &Output) -> f64 {
    let uplift = o.uplift_median * u.ratio_pow * u.output_kept;
    baseline * (1.0 + uplift)
}

/// Changes of a gamer whose output without gaming is `output`: effort spent gaming is taken
/// from the gain over `baseline` [changes].
pub(super) fn gamed(output: f64, baseline: f64, o: &Output) -> f64 {
    let gain = output - baseline;
    baseline + gain * (1.0 - o.effort_substitution)
}
