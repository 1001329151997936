//! Bass diffusion of tool adoption, stepped exactly one month at a time.
//!
//! `F` is the adopted fraction of the market potential and follows `dF/dt = (p + qF)(1 − F)`.
//! Over a step of Δt with constant `p` and `q` the equation has the closed-form solution used in
//! [`bass_step`], so large `q` never overshoots 1 and a time-varying `p` (a mandate switched on
//! mid-horizon) is handled by stepping month by month.

/// Advances the adopted fraction `f` of the market potential by `dt` months [fraction].
pub fn bass_step(f: f64, p: f64, q: f64, dt: f64) -> f64 {
    if f >= 1.0 {
        return 1.0;
    }
    let r = (p + q * f) / (1.0 - f) * libm::exp((p + q) * dt);
    ((r - p) / (q + r)).clamp(0.0, 1.0)
}

/// Bass's closed form from `F(0) = 0`: `F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t})`.
pub fn bass_closed_form(p: f64, q: f64, t: f64) -> f64 {
    let e = libm::exp(-(p + q) * t);
    (1.0 - e) / (1.0 + (q / p) * e)
}

/// Usage in month `months_since_adoption` after adopting, as a share of full usage:
/// `r = 1 − (1 − r0)·exp(−t/τ)` [fraction].
pub(crate) fn learning_ramp(months_since_adoption: u32, floor: f64, tau_months: f64) -> f64 {
    1.0 - (1.0 - floor) * libm::exp(-(months_since_adoption as f64) / tau_months)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_matches_the_closed_form() {
        let (p, q) = (0.03, 1.0);
        let mut f = 0.0;
        for month in 1..=36 {
            f = bass_step(f, p, q, 1.0);
            let exact = bass_closed_form(p, q, month as f64);
            assert!((f - exact).abs() < 1e-12, "month {month}: {f} vs {exact}");
        }
    }

    #[test]
    fn ramp_starts_at_the_floor_and_approaches_one() {
        assert_eq!(learning_ramp(0, 0.5, 2.0), 0.5);
        assert!(learning_ramp(24, 0.5, 2.0) > 0.999);
    }
}
