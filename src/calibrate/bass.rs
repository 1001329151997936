//! Bass diffusion fitted to the months in which users were first seen: least squares of the
//! cumulative number of users on `m·F(τ + k + 1)`, with `F` Bass's closed form, `k` the month of
//! the export (0 for its first) and `τ` the whole months adoption had been under way before the
//! export begins (users of month 0 include everyone who adopted earlier).

use crate::adoption::bass_closed_form;

/// Smallest and largest innovation coefficient searched [per month] (the parameter's range).
const P_RANGE: (f64, f64) = (0.001, 0.5);
/// Smallest and largest imitation coefficient searched [per month] (the parameter's range).
const Q_RANGE: (f64, f64) = (0.0, 5.0);
/// Most months adoption may have run before the export begins.
const MAX_LEAD: u32 = 36;
/// Fewest months of data a fit needs.
pub const MIN_MONTHS: usize = 4;
/// Fewest users a fit needs.
pub const MIN_USERS: f64 = 10.0;

/// A fitted diffusion with standard errors of `p` and `q` (from the Jacobian of the residuals).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BassFit {
    /// Innovation coefficient [per month].
    pub p: f64,
    /// Standard error of `p`.
    pub p_se: f64,
    /// Imitation coefficient [per month].
    pub q: f64,
    /// Standard error of `q`.
    pub q_se: f64,
    /// Months adoption had run before the export's first month.
    pub lead_months: u32,
    /// The number of people who eventually adopt [developers].
    pub market: f64,
    /// Root mean squared error of the fitted cumulative users [developers].
    pub rmse: f64,
}

/// Sum of squared residuals and the best market size for `(p, q, lead)`, the market in
/// `[last, max_market]` (closed form of the linear least squares in `m`, clamped).
fn sse(cumulative: &[f64], max_market: f64, p: f64, q: f64, lead: u32) -> (f64, f64) {
    let f: Vec<f64> = (0..cumulative.len())
        .map(|k| bass_closed_form(p, q, f64::from(lead) + k as f64 + 1.0))
        .collect();
    sse_of(cumulative, max_market, &f)
}

/// [`sse`] with Bass's `F` at the export's months already computed (`f[k]` for month `k`).
fn sse_of(cumulative: &[f64], max_market: f64, f: &[f64]) -> (f64, f64) {
    let ff: f64 = f.iter().map(|x| x * x).sum();
    let af: f64 = cumulative.iter().zip(f).map(|(a, x)| a * x).sum();
    let last = *cumulative.last().unwrap_or(&0.0);
    let m = if ff > 0.0 { af / ff } else { last }.clamp(last, max_market.max(last));
    let s = cumulative
        .iter()
        .zip(f)
        .map(|(a, x)| (a - m * x).powi(2))
        .sum();
    (s, m)
}

/// Fits `cumulative` (users seen by the end of each month of the export, non-decreasing), with
/// at most `max_market` eventual adopters (the seats, or the users seen when there are none).
/// `None` with fewer than [`MIN_MONTHS`] months or [`MIN_USERS`] users.
pub fn fit(cumulative: &[f64], max_market: f64) -> Option<BassFit> {
    let last = *cumulative.last()?;
    if cumulative.len() < MIN_MONTHS || last < MIN_USERS {
        return None;
    }
    let objective = |p: f64, q: f64, lead: u32| sse(cumulative, max_market, p, q, lead).0;
    // A coarse grid over p (log-spaced), q and the lead, then a pattern search around the best.
    let ps: Vec<f64> = (0..=40)
        .map(|i| P_RANGE.0 * libm::pow(P_RANGE.1 / P_RANGE.0, f64::from(i) / 40.0))
        .collect();
    // For each (p, q), F at every month any lead reaches is computed once; the best is the
    // first minimum in (lead, p, q) order.
    let n = cumulative.len();
    let mut curve = vec![0.0; MAX_LEAD as usize + n];
    let mut best = (f64::INFINITY, P_RANGE.0, Q_RANGE.0, 0u32);
    let mut best_at = (u32::MAX, 0usize, 0u32);
    for (i, &p) in ps.iter().enumerate() {
        for j in 0..=50 {
            let q = Q_RANGE.1 * f64::from(j) / 50.0;
            for (t, f) in curve.iter_mut().enumerate() {
                *f = bass_closed_form(p, q, t as f64 + 1.0);
            }
            for lead in 0..=MAX_LEAD {
                let s = sse_of(
                    cumulative,
                    max_market,
                    &curve[lead as usize..lead as usize + n],
                )
                .0;
                if s < best.0 || (s == best.0 && (lead, i, j) < best_at) {
                    best = (s, p, q, lead);
                    best_at = (lead, i, j);
                }
            }
        }
    }
    let (mut s, mut p, mut q, lead) = best;
    let (mut dp, mut dq) = (p * 0.1, 0.05);
    while dp > p * 1e-7 || dq > 1e-7 {
        let mut improved = false;
        for (np, nq) in [(p + dp, q), (p - dp, q), (p, q + dq), (p, q - dq)] {
            let (np, nq) = (
                np.clamp(P_RANGE.0, P_RANGE.1),
                nq.clamp(Q_RANGE.0, Q_RANGE.1),
            );
            let ns = objective(np, nq, lead);
            if ns < s {
                (s, p, q, improved) = (ns, np, nq, true);
            }
        }
        if !improved {
            dp /= 2.0;
            dq /= 2.0;
        }
    }
    let (_, market) = sse(cumulative, max_market, p, q, lead);
    let (p_se, q_se) = standard_errors(cumulative, market, p, q, lead, s);
    Some(BassFit {
        p,
        p_se,
        q,
        q_se,
        lead_months: lead,
        market,
        rmse: (s / cumulative.len() as f64).sqrt(),
    })
}

/// Standard errors of `p` and `q` at the optimum: `s²·(JᵀJ)⁻¹`, `J` the residuals' Jacobian
/// (market and lead held), `s²` the residual variance on `n − 3` degrees of freedom.
fn standard_errors(c: &[f64], m: f64, p: f64, q: f64, lead: u32, sse: f64) -> (f64, f64) {
    let (hp, hq) = (p * 1e-5, 1e-5 * (1.0 + q));
    let at =
        |p: f64, q: f64, k: usize| m * bass_closed_form(p, q, f64::from(lead) + k as f64 + 1.0);
    let mut jtj = [[0.0; 2]; 2];
    for k in 0..c.len() {
        let dp = (at(p + hp, q, k) - at(p - hp, q, k)) / (2.0 * hp);
        let dq = (at(p, q + hq, k) - at(p, q - hq, k)) / (2.0 * hq);
        jtj[0][0] += dp * dp;
        jtj[0][1] += dp * dq;
        jtj[1][1] += dq * dq;
    }
    let det = jtj[0][0] * jtj[1][1] - jtj[0][1] * jtj[0][1];
    let dof = (c.len() as f64 - 3.0).max(1.0);
    let s2 = (sse / dof).max(1e-12);
    if det <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    ((s2 * jtj[1][1] / det).sqrt(), (s2 * jtj[0][0] / det).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(p: f64, q: f64, lead: u32, m: f64, months: usize) -> Vec<f64> {
        (0..months)
            .map(|k| (m * bass_closed_form(p, q, f64::from(lead) + k as f64 + 1.0)).round())
            .collect()
    }

    #[test]
    fn a_rounded_bass_curve_gives_back_its_coefficients() {
        let seen = curve(0.03, 1.0, 2, 800.0, 10);
        let fit = fit(&seen, 1000.0).unwrap();
        assert!((fit.q / 1.0 - 1.0).abs() < 0.2, "{fit:?}");
        assert!((fit.p / 0.03 - 1.0).abs() < 0.3, "{fit:?}");
        assert!((fit.market / 800.0 - 1.0).abs() < 0.05, "{fit:?}");
        assert!(fit.rmse < 1.0, "{fit:?}");
        assert!(fit.q_se.is_finite() && fit.q_se > 0.0, "{fit:?}");
    }

    #[test]
    fn an_export_that_starts_late_finds_the_lead() {
        let seen = curve(0.02, 0.6, 6, 500.0, 12);
        let fit = fit(&seen, 500.0).unwrap();
        assert!(fit.lead_months.abs_diff(6) <= 2, "{fit:?}");
        assert!((fit.q / 0.6 - 1.0).abs() < 0.2, "{fit:?}");
    }

    #[test]
    fn too_little_data_is_not_fitted() {
        assert_eq!(fit(&[1.0, 5.0, 9.0], 100.0), None);
        assert_eq!(fit(&[1.0, 2.0, 3.0, 4.0, 5.0], 100.0), None);
        assert_eq!(fit(&[], 100.0), None);
    }
}
