//! The simulated developers of one Monte Carlo draw: who they are is drawn once and shared by
//! every policy set (common random numbers), so policy differences are not drowned in noise.
//!
//! Random streams ([`crate::streams`], `rand_chacha`'s ChaCha8 keyed by `seed_from_u64(seed)`):
//! stream `1 + draw` draws, for each developer in team order: `z` and `ε` (standard normal),
//! then three uniforms (adoption key, agentic draw, budget-exception draw); gaming propensity
//! `θ ~ Beta(a, b)` comes from its own stream `2⁴⁰ + draw` (its rejection sampler uses a
//! varying number of random numbers, and must not shift everyone else's draws when `a` or `b`
//! changes); after everyone, a
//! Fisher–Yates shuffle (`rand::seq::SliceRandom::shuffle`) of `0..n` gives the market ranks `r`
//! and the stratified market draw `u = (r + ½)/n`, so exactly `round(M·n)` developers are in the
//! market for a market potential `M`. Transcendental functions come from `libm`, so native and
//! WebAssembly builds draw bit-identical populations.
//!
//! A large organisation's draw is a stratified, weighted sample ([`crate::sampling`]): on the
//! same streams, each team first draws its strata (the size of its tail), then its sampled
//! developers, tail first, with `z` drawn on their side of the tail's cut-off and the rest as
//! above; each developer carries the weight of the developers it stands for.

use crate::sampling::{self, Sampling, Strata};
use crate::scenario::{Params, TeamModel, ValidScenario};
use crate::streams::{self, Stream};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_distr::StandardNormal;

/// The first stream used for populations; stream 0 draws the Monte Carlo parameters.
pub(crate) const POPULATION_STREAM_BASE: u64 = 1;

/// The first stream used for gaming propensities.
pub(crate) const PROPENSITY_STREAM_BASE: u64 = 1 << 40;

/// Every developer's fixed traits for one draw, as parallel arrays indexed by developer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Population {
    /// Team index of each developer.
    pub team: Vec<u32>,
    /// Demand at full ramp, team usage multiplier included [tokens / month]:
    /// `m·exp(σz)` with `m = D̄·exp(−σ²/2)`.
    pub demand: Vec<f64>,
    /// Baseline shipped changes without AI [changes / month]:
    /// `Y0·exp(σ_y(ρz + √(1−ρ²)ε) − σ_y²/2)`.
    pub baseline: Vec<f64>,
    /// Gaming propensity θ [0–1].
    pub(crate) propensity: Vec<f64>,
    /// Stratified market draw: in the market while below the market potential.
    pub(crate) market: Vec<f64>,
    /// Agentic draw: an agentic user while below the team's agentic share.
    pub agentic: Vec<f64>,
    /// Exception draw: granted a budget exception while below the exception share.
    pub(crate) exception: Vec<f64>,
    /// Developers each simulated developer stands for: 1 unless the population is a sample.
    pub(crate) weight: Vec<f64>,
    /// Developers in the organisation (the sum of the weights).
    pub(crate) represented: f64,
    /// Whether the population is a weighted sample.
    pub(crate) sampled: bool,
    /// Developer indices by ascending adoption key: eligible non-adopters adopt in this order.
    pub(crate) adoption_order: Vec<u32>,
    /// Median full-ramp demand of the developers whose demand is above 0 (all but those in
    /// teams with usage multiplier 0); the untilted median `m` when there are none
    /// [tokens / month].
    pub(crate) median_demand: f64,
}

impl Population {
    /// Draws the population of Monte Carlo draw `draw` with parameters `p`: everyone, or a
    /// sample as `sampling` says.
    pub fn draw(v: &ValidScenario, p: &Params, draw: u32, sampling: Sampling) -> Population {
        let stream = POPULATION_STREAM_BASE + u64::from(draw);
        let mut rng = streams::stream(v.scenario.uncertainty.seed, stream);
        let mut traits = Traits::new(v, p, draw);
        match sampling {
            Sampling::Everyone => {
                for (k, team) in v.teams.iter().enumerate() {
                    for _ in 0..team.developers {
                        let z: f64 = rng.sample(StandardNormal);
                        traits.push(&mut rng, k, team, z, 1.0);
                    }
                }
            }
            Sampling::Sample { size } => {
                let developers: u64 = v.teams.iter().map(|t| u64::from(t.developers)).sum();
                let rate = sampling::body_rate(developers, size);
                let strata: Vec<Strata> = v
                    .teams
                    .iter()
                    .map(|t| Strata::draw(&mut rng, u64::from(t.developers), rate))
                    .collect();
                for (k, (team, st)) in v.teams.iter().zip(&strata).enumerate() {
                    for _ in 0..st.tail {
                        let z = sampling::tail_normal(&mut rng);
                        traits.push(&mut rng, k, team, z, 1.0);
                    }
                    for _ in 0..st.body {
                        let z = sampling::body_normal(&mut rng);
                        traits.push(&mut rng, k, team, z, st.body_weight);
                    }
                }
                traits.pop.sampled = true;
            }
        }
        traits.finish(&mut rng)
    }

    /// Number of developers.
    pub fn len(&self) -> usize {
        self.team.len()
    }
}

/// A population being drawn, developer after developer.
struct Traits<'a> {
    p: &'a Params,
    pop: Population,
    keys: Vec<(f64, u32)>,
    propensity_rng: Stream,
    /// Untilted median demand `m` [tokens / month].
    median: f64,
    rho_c: f64,
}

impl<'a> Traits<'a> {
    fn new(v: &ValidScenario, p: &'a Params, draw: u32) -> Traits<'a> {
        let stream = PROPENSITY_STREAM_BASE + u64::from(draw);
        let propensity_rng = streams::stream(v.scenario.uncertainty.seed, stream);
        let mean_tokens = p.usage.mean_spend_usd / v.reference_usd_per_token;
        let sigma = p.usage.sigma;
        let o = &p.output;
        let pop = Population {
            team: Vec::new(),
            demand: Vec::new(),
            baseline: Vec::new(),
            propensity: Vec::new(),
            market: Vec::new(),
            agentic: Vec::new(),
            exception: Vec::new(),
            weight: Vec::new(),
            represented: 0.0,
            sampled: false,
            adoption_order: Vec::new(),
            median_demand: 0.0,
        };
        Traits {
            p,
            pop,
            keys: Vec::new(),
            propensity_rng,
            median: mean_tokens * libm::exp(-sigma * sigma / 2.0),
            rho_c: (1.0 - o.rho * o.rho).max(0.0).sqrt(),
        }
    }

    /// Adds a developer of team `k` with demand draw `z`, standing for `weight` developers; the
    /// rest of their traits come from `rng` and the propensity stream.
    fn push(&mut self, rng: &mut Stream, k: usize, team: &TeamModel, z: f64, weight: f64) {
        let (p, o) = (self.p, &self.p.output);
        let eps: f64 = rng.sample(StandardNormal);
        let theta = beta(
            &mut self.propensity_rng,
            p.gaming.propensity_a,
            p.gaming.propensity_b,
        );
        let key: f64 = rng.random();
        let agentic: f64 = rng.random();
        let exception: f64 = rng.random();
        let pop = &mut self.pop;
        let i = pop.team.len() as u32;
        pop.team.push(k as u32);
        pop.demand
            .push(self.median * libm::exp(p.usage.sigma * z) * team.usage_multiplier);
        pop.baseline.push(
            o.baseline_changes
                * libm::exp(
                    o.sigma_y * (o.rho * z + self.rho_c * eps) - o.sigma_y * o.sigma_y / 2.0,
                ),
        );
        pop.propensity.push(theta);
        pop.agentic.push(agentic);
        pop.exception.push(exception);
        pop.weight.push(weight);
        self.keys.push((key, i));
    }

    /// The adoption order, the market draws and the median demand, once everyone is drawn.
    fn finish(self, rng: &mut Stream) -> Population {
        let Traits {
            mut pop,
            mut keys,
            median,
            ..
        } = self;
        let n = pop.team.len();
        pop.represented = pop.weight.iter().sum();
        keys.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        pop.adoption_order = keys.into_iter().map(|(_, i)| i).collect();
        let mut ranks: Vec<u32> = (0..n as u32).collect();
        ranks.shuffle(rng);
        pop.market = ranks
            .into_iter()
            .map(|r| (f64::from(r) + 0.5) / n as f64)
            .collect();
        // Developers in teams with usage multiplier 0 use nothing and do not set the scale: were
        // half the organisation such teams, the median would be 0 and demand relative to it
        // infinite.
        let using = |d: &f64| *d > 0.0;
        pop.median_demand = if !pop.demand.iter().any(using) {
            median
        } else if pop.sampled {
            let mut pairs: Vec<(f64, f64)> = (pop.demand.iter().copied())
                .zip(pop.weight.iter().copied())
                .filter(|(d, _)| using(d))
                .collect();
            crate::sim::weighted::quantiles(&mut pairs, &[0.5])[0]
        } else {
            let using_demand: Vec<f64> = pop.demand.iter().copied().filter(using).collect();
            let mut half = Vec::with_capacity(1);
            crate::stats::quantiles_selected(&using_demand, &[0.5], &mut half);
            half[0]
        };
        pop
    }
}

/// A standard gamma variate (Marsaglia & Tsang 2000), with `libm` for bit-identical results on
/// every platform.
fn gamma<R: Rng>(rng: &mut R, shape: f64) -> f64 {
    if shape < 1.0 {
        let u: f64 = rng.random();
        return gamma(rng, shape + 1.0) * libm::pow(u.max(f64::MIN_POSITIVE), 1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x: f64 = rng.sample(StandardNormal);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u: f64 = rng.random();
        if u < 1.0 - 0.0331 * x * x * x * x
            || libm::log(u.max(f64::MIN_POSITIVE)) < 0.5 * x * x + d * (1.0 - v + libm::log(v))
        {
            return d * v;
        }
    }
}

/// A Beta(a, b) variate as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`.
fn beta<R: Rng>(rng: &mut R, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a);
    let y = gamma(rng, b);
    if x + y > 0.0 {
        x / (x + y)
    } else {
        0.5
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;

    fn valid() -> ValidScenario {
        Scenario::default().validate(&Catalogue::builtin()).unwrap()
    }

    #[test]
    fn same_draw_same_population_other_draw_other_population() {
        let v = valid();
        let p = v.scenario.params();
        let a = Population::draw(&v, &p, 3, Sampling::Everyone);
        assert_eq!(a, Population::draw(&v, &p, 3, Sampling::Everyone));
        assert_ne!(a, Population::draw(&v, &p, 4, Sampling::Everyone));
        assert_eq!(a.len(), 2000);
    }

    #[test]
    fn market_draws_are_stratified_and_adoption_order_is_a_permutation() {
        let v = valid();
        let pop = Population::draw(&v, &v.scenario.params(), 0, Sampling::Everyone);
        assert_eq!(pop.market.iter().filter(|&&u| u < 0.7).count(), 1400);
        let mut order = pop.adoption_order.clone();
        order.sort_unstable();
        assert!(order.iter().enumerate().all(|(i, &o)| o == i as u32));
    }

    #[test]
    fn gaming_propensity_has_the_beta_mean() {
        let mut rng = streams::stream(9, 0);
        let n = 100_000;
        let mean: f64 = (0..n).map(|_| beta(&mut rng, 2.0, 6.0)).sum::<f64>() / n as f64;
        assert!((mean - 0.25).abs() < 0.003, "{mean}");
        let small: f64 = (0..n).map(|_| beta(&mut rng, 0.5, 0.5)).sum::<f64>() / n as f64;
        assert!((small - 0.5).abs() < 0.005, "{small}");
    }
}
