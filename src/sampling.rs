//! Large organisations simulated through a stratified, weighted sample of their developers
//! (docs/MODEL.md, "Large organisations").
//!
//! Above [`SAMPLE_ABOVE`] developers a draw does not simulate everyone. In each team the heavy
//! tail of spend is kept whole: every developer whose demand draw `z` falls in the top
//! [`TAIL_SHARE`] of the standard normal (their demand is `m·exp(σz)`, so they are the team's
//! largest spenders at any σ) is simulated individually, standing for one developer; their
//! number is drawn, `Binomial(n, TAIL_SHARE)`, as in the full organisation. The rest of the
//! team is represented by a simple random sample of them, `z` drawn below the tail's cut-off,
//! each standing for an equal share of them, so that about [`SAMPLE_SIZE`] developers are
//! simulated in all. Every sum is weighted; adoption counts weighted developers; leaderboards
//! rank, and concentration is measured, on the weighted population.

use rand::Rng;
use rand_distr::{Binomial, Distribution, StandardNormal};

/// Organisations of more developers than this are simulated through a sample.
pub const SAMPLE_ABOVE: u64 = 100_000;

/// Developers simulated for a sampled organisation (about; the tail's size is drawn).
pub const SAMPLE_SIZE: u64 = 50_000;

/// Share of each team kept individually: the top 1% of demand.
pub const TAIL_SHARE: f64 = 0.01;

/// `Φ⁻¹(1 − TAIL_SHARE)`: the demand draw `z` above which a developer is in the tail.
const TAIL_Z: f64 = 2.326_347_874_040_840_8;

/// How the developers of a draw are simulated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampling {
    /// Every developer, individually.
    Everyone,
    /// A stratified sample of about `size` developers.
    Sample {
        /// Developers simulated (about).
        size: u64,
    },
}

impl Sampling {
    /// How an organisation of `developers` is simulated: a sample of [`SAMPLE_SIZE`] above
    /// [`SAMPLE_ABOVE`], everyone otherwise.
    pub fn for_organisation(developers: u64) -> Sampling {
        if developers > SAMPLE_ABOVE {
            Sampling::Sample { size: SAMPLE_SIZE }
        } else {
            Sampling::Everyone
        }
    }

    /// Developers simulated per draw for an organisation of `developers` (the expected number
    /// for a sample).
    pub fn simulated(self, developers: u64) -> u64 {
        match self {
            Sampling::Everyone => developers,
            Sampling::Sample { size } => size.min(developers),
        }
    }
}

/// One team's part of a sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Strata {
    /// Developers in the tail, each simulated.
    pub tail: u64,
    /// Developers sampled from the rest.
    pub body: u64,
    /// Developers each sampled one of the rest stands for.
    pub body_weight: f64,
}

/// Share of the rest of each team sampled, for `developers` in all and a sample of `size`.
pub(crate) fn body_rate(developers: u64, size: u64) -> f64 {
    let n = developers as f64;
    ((size as f64 - TAIL_SHARE * n) / ((1.0 - TAIL_SHARE) * n)).clamp(0.0, 1.0)
}

impl Strata {
    /// Draws the strata of a team of `n` developers, sampling `rate` of the rest.
    pub(crate) fn draw<R: Rng>(rng: &mut R, n: u64, rate: f64) -> Strata {
        let tail = Binomial::new(n, TAIL_SHARE).map_or(0, |b| b.sample(rng));
        let rest = n - tail;
        let body = if rest == 0 {
            0
        } else {
            ((rest as f64 * rate).round() as u64).clamp(1, rest)
        };
        Strata {
            tail,
            body,
            body_weight: if body == 0 {
                0.0
            } else {
                rest as f64 / body as f64
            },
        }
    }
}

/// A standard normal draw conditioned on the tail, `z > TAIL_Z` (Robert 1995: an exponential
/// proposal shifted to the cut-off, accepted with probability `exp(−(x − α)²/2)`).
pub(crate) fn tail_normal<R: Rng>(rng: &mut R) -> f64 {
    let alpha = (TAIL_Z + (TAIL_Z * TAIL_Z + 4.0).sqrt()) / 2.0;
    loop {
        let u: f64 = rng.random();
        let x = TAIL_Z - libm::log1p(-u) / alpha;
        let accept: f64 = rng.random();
        if accept <= libm::exp(-(x - alpha) * (x - alpha) / 2.0) {
            return x;
        }
    }
}

/// A standard normal draw conditioned on the rest, `z ≤ TAIL_Z` (rejection: 99% accepted).
pub(crate) fn body_normal<R: Rng>(rng: &mut R) -> f64 {
    loop {
        let z: f64 = rng.sample(StandardNormal);
        if z <= TAIL_Z {
            return z;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn the_strata_stand_for_the_whole_team() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let rate = body_rate(1_000_000, SAMPLE_SIZE);
        let s = Strata::draw(&mut rng, 40_000, rate);
        let represented = s.tail as f64 + s.body as f64 * s.body_weight;
        assert!((represented - 40_000.0).abs() < 1e-6);
        assert!((300..500).contains(&s.tail), "{s:?}");
        assert_eq!(Strata::draw(&mut rng, 0, rate).body, 0);
        let one = Strata::draw(&mut rng, 1, rate);
        assert_eq!(one.tail + one.body, 1);
    }

    #[test]
    fn the_strata_draws_match_the_normal_on_each_side_of_the_cut_off() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let n = 200_000;
        let tail: Vec<f64> = (0..n).map(|_| tail_normal(&mut rng)).collect();
        assert!(tail.iter().all(|&z| z > TAIL_Z));
        // E[z | z > a] = φ(a) / (1 − Φ(a)) = 2.6652 for the top 1%.
        let mean = tail.iter().sum::<f64>() / n as f64;
        assert!((mean - 2.6652).abs() < 0.005, "{mean}");
        let body: Vec<f64> = (0..n).map(|_| body_normal(&mut rng)).collect();
        assert!(body.iter().all(|&z| z <= TAIL_Z));
        // E[z | z ≤ a] = −φ(a) / Φ(a) = −0.026921.
        let mean = body.iter().sum::<f64>() / n as f64;
        assert!((mean + 0.026_921).abs() < 0.006, "{mean}");
    }

    #[test]
    fn only_large_organisations_are_sampled() {
        assert_eq!(Sampling::for_organisation(85_000), Sampling::Everyone);
        let big = Sampling::for_organisation(1_000_000);
        assert_eq!(big.simulated(1_000_000), SAMPLE_SIZE);
        assert_eq!(Sampling::Everyone.simulated(2_000), 2_000);
    }
}
