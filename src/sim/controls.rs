//! Caps and budgets phases: a per-run cap (limited expected value, [`crate::caps`]) and a
//! per-user budget applied to one adopter's use, and the organisation's spend tracked against
//! an annual budget (docs/MODEL.md, "Caps and budgets").

use super::demand::Use;
use crate::caps::{user_cap, CapTable};
use crate::scenario::rules::{AnnualBudget, UserBudget};

/// Applies a per-run cap of `cap` [USD / run] to an agentic adopter making `runs` runs a month
/// of which `resume_share` are resumed when killed: use falls to the limited expected value,
/// killed runs not resumed are waste, and output falls with use (elasticity `elasticity`).
pub(super) fn run_cap(
    u: &mut Use,
    table: &CapTable,
    cap: f64,
    runs: f64,
    resume_share: f64,
    elasticity: f64,
) {
    if u.productive > 0.0 {
        let effect = table.effect(cap, u.productive / runs);
        let kept = u.productive * effect.kept;
        u.suppressed += u.productive - kept;
        let scale = effect.kept;
        u.killed = (runs * effect.p_hit * (1.0 - resume_share) * cap).min(kept);
        let waste_scale = if kept > 0.0 {
            1.0 - u.killed / kept
        } else {
            0.0
        };
        u.shipped *= scale * waste_scale;
        u.unshipped *= scale * waste_scale;
        u.productive = kept;
        u.output_kept = 1.0 - effect.p_hit * (1.0 - resume_share);
        u.ratio_pow *= libm::pow(scale, elasticity);
    }
}

/// Applies a per-user budget to an adopter active `active_days` days a month whose exception
/// draw is `u_exception`: use above the cap is suppressed, every part scaled alike, and the
/// budget left is the adopter's headroom for gaming.
pub(super) fn user_budget(
    u: &mut Use,
    b: &UserBudget,
    u_exception: f64,
    active_days: f64,
    elasticity: f64,
) {
    let exception = u_exception < b.exception_share;
    let cap = user_cap(
        b.daily_usd,
        b.monthly_usd,
        active_days,
        exception,
        b.exception_multiplier,
    );
    if u.productive > cap {
        let scale = cap / u.productive;
        u.suppressed += u.productive - cap;
        u.shipped *= scale;
        u.unshipped *= scale;
        u.killed *= scale;
        u.productive = cap;
        u.capped = true;
        u.ratio_pow *= libm::pow(scale, elasticity);
    }
    u.headroom = cap - u.productive;
}

/// Spend against an annual budget, carried from month to month.
#[derive(Debug, Default)]
pub(crate) struct AnnualSpend {
    /// Budget year of the last month tracked (0 = the first).
    year: Option<i64>,
    /// Spend since the start of that budget year [USD].
    cumulative: f64,
    /// First month index in which the cumulative spend reached the budget.
    pub(crate) exhausted: Option<u32>,
}

impl AnnualSpend {
    /// Adds the organisation's spend `spend` [USD] of month `t`; returns the spend since the
    /// start of the budget year [USD] (0 before the first year starts).
    pub(crate) fn month(&mut self, b: &AnnualBudget, t: u32, spend: f64) -> f64 {
        let since = i64::from(t) - b.start;
        if since >= 0 {
            let year = since.div_euclid(12);
            if self.year != Some(year) {
                self.year = Some(year);
                self.cumulative = 0.0;
            }
            self.cumulative += spend;
            if self.cumulative >= b.usd && self.exhausted.is_none() {
                self.exhausted = Some(t);
            }
        }
        self.cumulative
    }
}
