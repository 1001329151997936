//! A lognormal fitted by maximum likelihood to positive amounts, some of them right-censored
//! (known only to be at least what was observed: a user who hit a spending cap would have spent
//! more), all of them possibly left-truncated (amounts below a threshold never enter the sample:
//! users that light are counted as completion-only). A naive fit of such amounts underestimates
//! the spread; this one does not.
//!
//! On small samples truncation leaves the location and the spread hardly identified (a very
//! wide lognormal with a low median fits a few dozen amounts above a threshold almost as well
//! as the right one), and the plain maximum runs to absurd spreads. A [`SigmaPrior`], a
//! lognormal prior on σ, makes the fit a penalised likelihood (the posterior mode): weak
//! enough to vanish on thousands of amounts, strong enough to hold a few dozen.

use crate::stats::{normal_cdf, normal_quantile};

/// One observed amount (e.g. a user's mean monthly spend [USD]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    /// The amount; positive.
    pub value: f64,
    /// Whether the true amount is at least `value` rather than exactly `value`.
    pub censored: bool,
}

/// A lognormal prior on σ: `ln σ ~ N(ln median, log_sd²)`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SigmaPrior {
    /// The prior's median of σ.
    pub median: f64,
    /// The prior's standard deviation of `ln σ`.
    pub log_sd: f64,
}

/// A fitted lognormal: location and scale of the amounts' logarithm, with standard errors
/// from the observed information (the inverse Hessian of the log-likelihood).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LognormalFit {
    /// Mean of the log [ln USD].
    pub mu: f64,
    /// Standard error of `mu`.
    pub mu_se: f64,
    /// Standard deviation of the log.
    pub sigma: f64,
    /// Standard error of `sigma`.
    pub sigma_se: f64,
    /// Observations used.
    pub n: usize,
    /// Of which censored.
    pub censored: usize,
}

impl LognormalFit {
    /// The mean of the fitted distribution, `exp(μ + σ²/2)`.
    pub fn mean(&self) -> f64 {
        libm::exp(self.mu + self.sigma * self.sigma / 2.0)
    }

    /// Standard error of `ln` of the mean (delta method, ignoring the covariance of μ and σ,
    /// which is zero without censoring).
    pub fn log_mean_se(&self) -> f64 {
        (self.mu_se * self.mu_se + (self.sigma * self.sigma_se).powi(2)).sqrt()
    }

    /// The mean of the amounts of at least `x`: `E[X | X ≥ x] = mean · (1 − Φ(z − σ)) / (1 − Φ(z))`,
    /// `z = (ln x − μ)/σ` (`x` itself when the tail is too thin to tell).
    pub fn mean_above(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return self.mean();
        }
        let z = (libm::log(x) - self.mu) / self.sigma;
        let ratio = libm::exp(log_survival(z - self.sigma) - log_survival(z));
        if ratio.is_finite() {
            (self.mean() * ratio).max(x)
        } else {
            x
        }
    }

    /// The probability of an amount of at least `x`.
    pub fn survival(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 1.0;
        }
        1.0 - normal_cdf((libm::log(x) - self.mu) / self.sigma)
    }

    /// The share of the total held by the top 10 % of the distribution: `1 − Φ(z₀.₉ − σ)`.
    pub fn top_decile_share(&self) -> f64 {
        1.0 - normal_cdf(normal_quantile(0.9) - self.sigma)
    }
}

/// `ln(1 − Φ(z))`, accurate far into the upper tail.
fn log_survival(z: f64) -> f64 {
    let s = 0.5 * libm::erfc(z / std::f64::consts::SQRT_2);
    if s > 1e-300 {
        libm::log(s)
    } else {
        // Mills' ratio: 1 − Φ(z) ≈ φ(z) / z for large z.
        -z * z / 2.0 - libm::log(z * (2.0 * std::f64::consts::PI).sqrt())
    }
}

/// The log-likelihood of `(mu, ln sigma)` over the logs of the observations (constants
/// dropped), each truncated below `ln` amount `floor` (`None`: not truncated).
fn log_likelihood(logs: &[(f64, bool)], floor: Option<f64>, mu: f64, log_sigma: f64) -> f64 {
    let sigma = libm::exp(log_sigma);
    let truncation = floor.map_or(0.0, |t| logs.len() as f64 * log_survival((t - mu) / sigma));
    -truncation
        + logs
            .iter()
            .map(|&(y, censored)| {
                let z = (y - mu) / sigma;
                if censored {
                    log_survival(z)
                } else {
                    -log_sigma - z * z / 2.0
                }
            })
            .sum::<f64>()
}

/// Gradient and Hessian of `f` at `x` by central differences.
fn derivatives(f: &dyn Fn([f64; 2]) -> f64, x: [f64; 2]) -> ([f64; 2], [[f64; 2]; 2]) {
    let h = [1e-4 * (1.0 + x[0].abs()), 1e-4];
    let at = |d0: f64, d1: f64| f([x[0] + d0, x[1] + d1]);
    let f0 = at(0.0, 0.0);
    let g = [
        (at(h[0], 0.0) - at(-h[0], 0.0)) / (2.0 * h[0]),
        (at(0.0, h[1]) - at(0.0, -h[1])) / (2.0 * h[1]),
    ];
    let h00 = (at(h[0], 0.0) - 2.0 * f0 + at(-h[0], 0.0)) / (h[0] * h[0]);
    let h11 = (at(0.0, h[1]) - 2.0 * f0 + at(0.0, -h[1])) / (h[1] * h[1]);
    let h01 = (at(h[0], h[1]) - at(h[0], -h[1]) - at(-h[0], h[1]) + at(-h[0], -h[1]))
        / (4.0 * h[0] * h[1]);
    (g, [[h00, h01], [h01, h11]])
}

/// The maximum-likelihood lognormal of `observations`, which were sampled only at or above
/// `truncated_below` (0: from every amount); non-finite values and values below the threshold
/// or not positive are left out. With `prior`, the likelihood is penalised by the prior on σ
/// (the posterior mode, standard errors from the posterior's curvature). `None` with fewer
/// than 3 uncensored observations or no spread.
pub fn fit(
    observations: &[Observation],
    truncated_below: f64,
    prior: Option<SigmaPrior>,
) -> Option<LognormalFit> {
    let floor = (truncated_below > 0.0).then(|| libm::log(truncated_below));
    let logs: Vec<(f64, bool)> = observations
        .iter()
        .filter(|o| o.value > 0.0 && o.value.is_finite() && o.value >= truncated_below)
        .map(|o| (libm::log(o.value), o.censored))
        .collect();
    let exact = logs.iter().filter(|(_, c)| !c).count();
    if exact < 3 {
        return None;
    }
    let n = logs.len() as f64;
    let mean = logs.iter().map(|(y, _)| y).sum::<f64>() / n;
    let var = logs.iter().map(|(y, _)| (y - mean).powi(2)).sum::<f64>() / n;
    if var <= 1e-12 {
        return None;
    }
    let penalty = |log_sigma: f64| {
        prior.map_or(0.0, |p| {
            let d = (log_sigma - libm::log(p.median)) / p.log_sd;
            -d * d / 2.0
        })
    };
    let f = |x: [f64; 2]| log_likelihood(&logs, floor, x[0], x[1]) + penalty(x[1]);
    // Damped Newton from the naive fit; a step that does not raise the likelihood is halved,
    // and where the Hessian is not negative definite the step follows the gradient.
    let mut x = [mean, 0.5 * libm::log(var)];
    let mut best = f(x);
    for _ in 0..200 {
        let (g, hs) = derivatives(&f, x);
        let det = hs[0][0] * hs[1][1] - hs[0][1] * hs[1][0];
        let newton = hs[0][0] < 0.0 && det > 0.0;
        let step = if newton {
            [
                -(hs[1][1] * g[0] - hs[0][1] * g[1]) / det,
                -(-hs[1][0] * g[0] + hs[0][0] * g[1]) / det,
            ]
        } else {
            [g[0] / n, g[1] / n]
        };
        let mut t = 1.0;
        let mut moved = false;
        while t > 1e-10 {
            let next = [x[0] + t * step[0], x[1] + t * step[1]];
            let value = f(next);
            if value.is_finite() && value > best {
                x = next;
                best = value;
                moved = true;
                break;
            }
            t /= 2.0;
        }
        if !moved || (step[0].abs() + step[1].abs()) * t < 1e-10 {
            break;
        }
    }
    let (_, hs) = derivatives(&f, x);
    let det = hs[0][0] * hs[1][1] - hs[0][1] * hs[1][0];
    let (var_mu, var_log_sigma) = if hs[0][0] < 0.0 && det > 0.0 {
        (-hs[1][1] / det, -hs[0][0] / det)
    } else {
        (f64::NAN, f64::NAN)
    };
    let sigma = libm::exp(x[1]);
    Some(LognormalFit {
        mu: x[0],
        mu_se: var_mu.sqrt(),
        sigma,
        sigma_se: sigma * var_log_sigma.sqrt(),
        n: logs.len(),
        censored: logs.len() - exact,
    })
}

/// The share of the sum held by the largest tenth of `values` (at least one value).
pub fn observed_top_decile_share(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    let total: f64 = v.iter().sum();
    if v.is_empty() || total <= 0.0 {
        return None;
    }
    v.sort_by(|a, b| b.total_cmp(a));
    let top = v.len().div_ceil(10);
    Some(v[..top].iter().sum::<f64>() / total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use rand_distr::{Distribution, LogNormal};

    fn sample(mu: f64, sigma: f64, n: usize, seed: u64) -> Vec<f64> {
        let d = LogNormal::new(mu, sigma).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        (0..n).map(|_| d.sample(&mut rng)).collect()
    }

    fn exact(values: &[f64]) -> Vec<Observation> {
        values
            .iter()
            .map(|&value| Observation {
                value,
                censored: false,
            })
            .collect()
    }

    #[test]
    fn an_uncensored_sample_gives_the_sample_moments_of_its_logs() {
        let values = sample(5.0, 1.2, 4000, 1);
        let fit = fit(&exact(&values), 0.0, None).unwrap();
        let logs: Vec<f64> = values.iter().map(|v| libm::log(*v)).collect();
        let mean = logs.iter().sum::<f64>() / 4000.0;
        let sd = (logs.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / 4000.0).sqrt();
        assert!((fit.mu - mean).abs() < 1e-6, "{fit:?} vs {mean}");
        assert!((fit.sigma - sd).abs() < 1e-6, "{fit:?} vs {sd}");
        // Standard errors of the normal: σ/√n and σ/√(2n).
        assert!((fit.mu_se - sd / 4000f64.sqrt()).abs() < 1e-3 * fit.mu_se * 10.0);
        assert!(
            (fit.sigma_se / (sd / 8000f64.sqrt()) - 1.0).abs() < 0.01,
            "{fit:?}"
        );
        assert_eq!((fit.n, fit.censored), (4000, 0));
    }

    #[test]
    fn censoring_at_a_cap_recovers_sigma_where_the_naive_fit_does_not() {
        let (mu, sigma) = (5.0, 1.25);
        let values = sample(mu, sigma, 5000, 7);
        let cap = libm::exp(mu + sigma * normal_quantile(0.8));
        let observed: Vec<Observation> = values
            .iter()
            .map(|&v| Observation {
                value: v.min(cap),
                censored: v >= cap,
            })
            .collect();
        let censored = fit(&observed, 0.0, None).unwrap();
        let capped: Vec<f64> = observed.iter().map(|o| o.value).collect();
        let naive = fit(&exact(&capped), 0.0, None).unwrap();
        assert!((censored.sigma - sigma).abs() < 0.05, "{censored:?}");
        assert!((censored.mu - mu).abs() < 0.05, "{censored:?}");
        assert!(
            naive.sigma < sigma - 0.2,
            "the naive fit is biased: {naive:?}"
        );
        assert!(censored.censored > 900 && censored.censored < 1100);
        let true_mean = libm::exp(mu + sigma * sigma / 2.0);
        assert!(
            (censored.mean() / true_mean - 1.0).abs() < 0.1,
            "{censored:?}"
        );
    }

    #[test]
    fn a_sample_cut_below_a_threshold_recovers_the_whole_distribution() {
        let (mu, sigma) = (5.0, 1.1);
        let floor = libm::exp(mu - 1.5 * sigma);
        let kept: Vec<f64> = sample(mu, sigma, 8000, 11)
            .into_iter()
            .filter(|v| *v >= floor)
            .collect();
        let truncated = fit(&exact(&kept), floor, None).unwrap();
        let naive = fit(&exact(&kept), 0.0, None).unwrap();
        assert!((truncated.sigma - sigma).abs() < 0.05, "{truncated:?}");
        assert!((truncated.mu - mu).abs() < 0.05, "{truncated:?}");
        assert!(naive.sigma < sigma - 0.1, "{naive:?}");
        // About 93 % of amounts are above the floor.
        assert!((truncated.survival(floor) - kept.len() as f64 / 8000.0).abs() < 0.01);
    }

    #[test]
    fn the_top_decile_share_of_a_lognormal_matches_a_large_sample() {
        let values = sample(0.0, 1.25, 200_000, 3);
        let fit = fit(&exact(&values), 0.0, None).unwrap();
        let observed = observed_top_decile_share(&values).unwrap();
        assert!((fit.top_decile_share() - observed).abs() < 0.01);
        // σ = 0 spreads nothing: the top tenth holds a tenth.
        let flat = LognormalFit { sigma: 0.0, ..fit };
        assert!((flat.top_decile_share() - 0.1).abs() < 1e-9);
    }

    #[test]
    fn the_mean_above_an_amount_is_the_tails_mean() {
        let fit = fit(&exact(&sample(0.0, 1.0, 200_000, 5)), 0.0, None).unwrap();
        // E[X | X ≥ 1] for μ = 0, σ = 1: e^½ · Φ(1) / ½ = 2.774.
        let exact_tail = LognormalFit {
            mu: 0.0,
            sigma: 1.0,
            ..fit
        };
        assert!((exact_tail.mean_above(1.0) - 2.774).abs() < 0.001);
        // The same from the sample's own tail.
        let values = sample(0.0, 1.0, 200_000, 5);
        let tail: Vec<f64> = values.iter().copied().filter(|v| *v >= 3.0).collect();
        let observed = tail.iter().sum::<f64>() / tail.len() as f64;
        assert!(
            (fit.mean_above(3.0) / observed - 1.0).abs() < 0.03,
            "{observed}"
        );
        // Never below the amount itself; the whole mean at zero.
        assert!(fit.mean_above(1e6) >= 1e6);
        assert_eq!(fit.mean_above(0.0), fit.mean());
    }

    #[test]
    fn a_weak_prior_on_sigma_holds_a_small_truncated_sample_and_fades_on_a_large_one() {
        let (mu, sigma) = (4.0, 1.2);
        let floor = libm::exp(mu);
        let prior = SigmaPrior {
            median: 1.25,
            log_sd: 0.5,
        };
        let above = |n, seed| -> Vec<f64> {
            sample(mu, sigma, n, seed)
                .into_iter()
                .filter(|v| *v >= floor)
                .collect()
        };
        // Thirty amounts above the median: the plain fit's σ ranges far more widely across
        // samples than the penalised one's.
        let spread = |prior: Option<SigmaPrior>| {
            let sigmas: Vec<f64> = (0..20)
                .filter_map(|seed| fit(&exact(&above(60, 100 + seed)), floor, prior))
                .map(|f| f.sigma)
                .collect();
            let max = sigmas.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let min = sigmas.iter().copied().fold(f64::INFINITY, f64::min);
            max - min
        };
        assert!(
            spread(Some(prior)) < spread(None),
            "the prior narrows σ's range"
        );
        // On thousands of amounts the prior hardly moves the fit.
        let many = exact(&above(20_000, 7));
        let held = fit(&many, floor, Some(prior)).unwrap();
        let plain = fit(&many, floor, None).unwrap();
        assert!(
            (held.sigma - plain.sigma).abs() < 0.02,
            "{held:?} {plain:?}"
        );
        assert!((held.sigma - sigma).abs() < 0.06, "{held:?}");
    }

    #[test]
    fn too_few_or_identical_amounts_are_not_fitted() {
        assert_eq!(fit(&exact(&[1.0, 2.0]), 0.0, None), None);
        assert_eq!(fit(&exact(&[5.0; 10]), 0.0, None), None);
        assert_eq!(
            fit(&exact(&[0.0, -1.0, f64::NAN, 3.0, 4.0]), 0.0, None),
            None
        );
        assert_eq!(fit(&exact(&[1.0, 2.0, 3.0, 40.0]), 10.0, None), None);
        assert_eq!(observed_top_decile_share(&[]), None);
    }
}
