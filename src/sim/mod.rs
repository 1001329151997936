//! The Monte Carlo simulation: draws of uncertain parameters, one population per draw shared by
//! every policy set (common random numbers), and the monthly engine ([`engine`]) with its
//! phases, one module each: [`adopt`], [`demand`], [`controls`] (caps and budgets), [`output`],
//! [`gaming`], [`sums`] and [`billing`].
//!
//! Random streams, all `ChaCha8Rng::seed_from_u64(seed)`: stream 0 draws every parameter with a
//! prior, draw after draw, priors in path order; stream `1 + d` draws draw `d`'s population
//! ([`crate::population`]); stream `2³² + d·2¹² + t` draws the per-developer uniforms of draw `d`
//! in month `t` (gaming decision, split size, churn), the same for every policy set.

mod adopt;
mod billing;
mod controls;
mod demand;
mod engine;
mod gaming;
mod output;
mod quantity;
mod sums;
mod table;

pub use engine::DrawResult;

pub use engine::PolicyDraw;
pub(crate) use quantity::QUANTITIES;
pub use quantity::{waste, Quantity, Row};
pub use sums::Heaviest;
pub use table::Table;

use crate::scenario::{Params, ValidScenario};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The stream of the parameter draws.
pub(crate) const PARAMETER_STREAM: u64 = 0;

/// The parameters of every draw, in draw order.
pub fn draw_parameters(v: &ValidScenario) -> Vec<Params> {
    let mut rng = ChaCha8Rng::seed_from_u64(v.scenario.uncertainty.seed);
    rng.set_stream(PARAMETER_STREAM);
    let base = v.scenario.params();
    (0..v.scenario.uncertainty.draws)
        .map(|_| {
            let mut p = base;
            for (spec, prior) in &v.priors {
                let value = prior.sample(&mut rng, spec.min, spec.max);
                if let Some(slot) = p.get_mut(spec.path) {
                    *slot = value;
                }
            }
            p
        })
        .collect()
}

/// Runs draws `range` (indices into `params`) of a validated scenario.
pub fn run_draws(
    v: &ValidScenario,
    params: &[Params],
    range: std::ops::Range<u32>,
) -> Vec<DrawResult> {
    range
        .map(|d| engine::run_draw(v, &params[d as usize], d))
        .collect()
}

/// Runs every draw of a validated scenario.
pub fn run(v: &ValidScenario) -> Vec<DrawResult> {
    let params = draw_parameters(v);
    run_draws(v, &params, 0..v.scenario.uncertainty.draws)
}
