//! The simulated developers: heterogeneous demand and the draws that decide who adopts when.
//!
//! Random stream (documented so results can be reproduced elsewhere): a `ChaCha8Rng` seeded with
//! `seed_from_u64(seed)` on stream 0 draws, for each developer in index order, `z` (standard
//! normal) and the adoption key `k` (uniform on [0, 1)); then a Fisher–Yates shuffle
//! (`rand::seq::SliceRandom::shuffle`) of `0..n` gives each developer a market rank `r`, and the
//! market draw is the stratified uniform `u = (r + ½)/n`. Stratifying `u` makes exactly
//! `round(M·n)` developers eligible for a market potential `M`, so adoption follows the Bass curve
//! to within rounding instead of running out of eligible developers by sampling noise.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

/// The stream of the seeded generator used for the population.
pub const POPULATION_STREAM: u64 = 0;

/// One developer's fixed traits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Developer {
    /// Demand at full ramp [tokens / month]: `m·exp(σz)` with `m` chosen so the mean is the
    /// scenario's mean demand.
    pub demand: f64,
    /// Market draw `u` (stratified uniform): the developer is in the market while `u` is below
    /// the market potential.
    pub market_draw: f64,
}

/// All developers, plus the order in which eligible ones adopt.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    /// Developers by index.
    pub developers: Vec<Developer>,
    /// Developer indices by ascending adoption key: the first eligible non-adopters in this
    /// order are the next to adopt.
    pub adoption_order: Vec<u32>,
}

impl Population {
    /// Draws `n` developers whose demand is lognormal with mean `mean_demand` [tokens / month]
    /// and log-sd `sigma`.
    pub fn draw(n: u32, mean_demand: f64, sigma: f64, seed: u64) -> Population {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(POPULATION_STREAM);
        let median = mean_demand * libm::exp(-sigma * sigma / 2.0);
        let mut developers = Vec::with_capacity(n as usize);
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            let z: f64 = rng.sample(StandardNormal);
            let key: f64 = rng.random();
            developers.push(Developer {
                demand: median * libm::exp(sigma * z),
                market_draw: 0.0,
            });
            keys.push((key, i));
        }
        let mut market_rank: Vec<u32> = (0..n).collect();
        market_rank.shuffle(&mut rng);
        for (dev, rank) in developers.iter_mut().zip(market_rank) {
            dev.market_draw = (rank as f64 + 0.5) / n as f64;
        }
        keys.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        Population {
            developers,
            adoption_order: keys.into_iter().map(|(_, i)| i).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_population_other_seed_other_population() {
        let a = Population::draw(500, 1e8, 1.25, 7);
        assert_eq!(a, Population::draw(500, 1e8, 1.25, 7));
        assert_ne!(a, Population::draw(500, 1e8, 1.25, 8));
    }

    #[test]
    fn mean_demand_is_close_to_the_target() {
        let p = Population::draw(200_000, 1e8, 1.0, 1);
        let mean = p.developers.iter().map(|d| d.demand).sum::<f64>() / 200_000.0;
        assert!((mean / 1e8 - 1.0).abs() < 0.03, "{mean}");
    }

    #[test]
    fn market_draws_are_stratified() {
        let p = Population::draw(1000, 1.0, 1.0, 3);
        let eligible = p.developers.iter().filter(|d| d.market_draw < 0.7).count();
        assert_eq!(eligible, 700);
    }

    #[test]
    fn adoption_order_is_a_permutation() {
        let p = Population::draw(1000, 1.0, 1.0, 3);
        let mut order = p.adoption_order.clone();
        order.sort_unstable();
        assert!(order.iter().enumerate().all(|(i, &v)| v == i as u32));
    }
}
