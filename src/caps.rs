//! Spending controls on individual users: a cap on the cost of one agent run, and daily or
//! monthly budgets per user.
//!
//! Per-run cap `c` on a lognormal run cost with mean `x̄` and log-sd `σ` (limited expected value):
//! `E[min(X, c)] = x̄·Φ((ln c − μ − σ²)/σ) + c·(1 − Φ((ln c − μ)/σ))` with `μ = ln x̄ − σ²/2`, and
//! `p_hit = 1 − Φ((ln c − μ)/σ)`. Both depend only on `r = c / x̄`, so they are tabulated once
//! per draw over `ln r` and interpolated: the inner loop never evaluates Φ.

use crate::stats::normal_cdf;

/// The share of a run's expected cost that a cap keeps, and the probability a run hits it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CapEffect {
    /// `E[min(X, c)] / x̄` [fraction].
    pub kept: f64,
    /// `P(X > c)` [probability].
    pub(crate) p_hit: f64,
}

/// Exact limited expected value ratio and hit probability for `r = c / x̄` and log-sd `sigma`.
pub(crate) fn cap_effect(ratio: f64, sigma: f64) -> CapEffect {
    if ratio <= 0.0 {
        return CapEffect {
            kept: 0.0,
            p_hit: 1.0,
        };
    }
    let ln_r = libm::log(ratio);
    let half = sigma * sigma / 2.0;
    let p_hit = 1.0 - normal_cdf((ln_r + half) / sigma);
    CapEffect {
        kept: normal_cdf((ln_r - half) / sigma) + ratio * p_hit,
        p_hit,
    }
}

/// [`cap_effect`] tabulated over `ln r` for one `sigma`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CapTable {
    sigma: f64,
    kept: Vec<f64>,
    p_hit: Vec<f64>,
}

const LN_R_MIN: f64 = -12.0;
const LN_R_MAX: f64 = 12.0;
const STEPS: usize = 4096;

impl CapTable {
    /// Tabulates the effect of a cap for run costs of log-sd `sigma`.
    pub fn new(sigma: f64) -> CapTable {
        let (kept, p_hit) = (0..=STEPS)
            .map(|k| {
                let ln_r = LN_R_MIN + (LN_R_MAX - LN_R_MIN) * k as f64 / STEPS as f64;
                let e = cap_effect(libm::exp(ln_r), sigma);
                (e.kept, e.p_hit)
            })
            .unzip();
        CapTable { sigma, kept, p_hit }
    }

    /// The effect of cap `cap` [USD / run] on runs of mean cost `mean_run` [USD / run].
    pub(crate) fn effect(&self, cap: f64, mean_run: f64) -> CapEffect {
        if mean_run <= 0.0 {
            return CapEffect {
                kept: 1.0,
                p_hit: 0.0,
            };
        }
        let ln_r = libm::log(cap / mean_run);
        if ln_r >= LN_R_MAX {
            return CapEffect {
                kept: 1.0,
                p_hit: 0.0,
            };
        }
        if ln_r <= LN_R_MIN {
            return cap_effect(cap / mean_run, self.sigma);
        }
        let pos = (ln_r - LN_R_MIN) / (LN_R_MAX - LN_R_MIN) * STEPS as f64;
        let k = (pos.floor() as usize).min(STEPS - 1);
        let f = pos - k as f64;
        CapEffect {
            kept: self.kept[k] + (self.kept[k + 1] - self.kept[k]) * f,
            p_hit: self.p_hit[k] + (self.p_hit[k + 1] - self.p_hit[k]) * f,
        }
    }
}

/// A user's budget for the month [USD]: `min(monthly, daily × active days)`, times the
/// exception multiplier for users granted an exception.
pub(crate) fn user_cap(
    daily: Option<f64>,
    monthly: Option<f64>,
    active_days: f64,
    exception: bool,
    multiplier: f64,
) -> f64 {
    let base = match (daily, monthly) {
        (Some(d), Some(m)) => m.min(d * active_days),
        (Some(d), None) => d * active_days,
        (None, Some(m)) => m,
        (None, None) => f64::INFINITY,
    };
    if exception {
        base * multiplier
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limited_expected_value_matches_simulation() {
        use rand::SeedableRng;
        use rand_distr::{Distribution, LogNormal};
        let (mean, sigma, cap) = (2.0, 1.2, 5.0);
        let d = LogNormal::new(libm::log(mean) - sigma * sigma / 2.0, sigma).unwrap();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let n = 400_000;
        let (mut kept, mut hits) = (0.0, 0);
        for _ in 0..n {
            let x: f64 = d.sample(&mut rng);
            kept += x.min(cap);
            hits += usize::from(x > cap);
        }
        let e = cap_effect(cap / mean, sigma);
        assert!((kept / n as f64 / mean - e.kept).abs() < 0.005, "{e:?}");
        assert!((hits as f64 / n as f64 - e.p_hit).abs() < 0.003, "{e:?}");
    }

    #[test]
    fn the_table_agrees_with_the_formula_and_never_raises_spend() {
        let t = CapTable::new(1.2);
        let mut last = 0.0;
        for k in 1..2000 {
            let cap = 0.01 * k as f64;
            let exact = cap_effect(cap / 3.0, 1.2);
            let e = t.effect(cap, 3.0);
            assert!((e.kept - exact.kept).abs() < 1e-5 && (e.p_hit - exact.p_hit).abs() < 1e-5);
            assert!(
                e.kept <= 1.0 + 1e-12 && e.kept >= last - 1e-12,
                "a higher cap keeps more"
            );
            last = e.kept;
        }
    }

    #[test]
    fn budgets_take_the_tighter_limit_and_exceptions_multiply() {
        assert_eq!(user_cap(Some(50.0), Some(1500.0), 15.0, false, 2.0), 750.0);
        assert_eq!(user_cap(None, Some(1500.0), 15.0, true, 2.0), 3000.0);
        assert_eq!(user_cap(None, None, 15.0, false, 2.0), f64::INFINITY);
    }
}
