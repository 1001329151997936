//! The Monte Carlo simulation: draws of uncertain parameters, one population per draw shared by
//! every policy set (common random numbers), and the monthly engine ([`engine`]) with its
//! phases, one module each: [`adopt`], [`demand`], [`controls`] (caps and budgets), [`output`],
//! [`gaming`], [`sums`] and [`billing`].
//!
//! Random streams ([`crate::streams`]), all `rand_chacha`'s ChaCha8 keyed by
//! `seed_from_u64(seed)`: stream 0 draws every parameter with a prior, draw after draw, priors
//! in path order; stream `1 + d` draws draw `d`'s population ([`crate::population`]); stream
//! `2³² + d·2¹² + t` draws the per-developer uniforms of draw `d` in month `t` (gaming
//! decision, split size, churn), the same for every policy set.
//!
//! A draw depends only on its index and parameters, so any split of the draws into ranges, run
//! in any order on any number of threads ([`threads`], natively) or workers, merges in draw order
//! into the same results bit for bit.

mod adopt;
mod billing;
mod controls;
mod demand;
mod engine;
pub mod flat;
mod gaming;
mod output;
mod quantity;
mod sums;
mod table;
#[cfg(not(target_arch = "wasm32"))]
pub mod threads;
pub(crate) mod weighted;

pub(crate) use controls::AnnualSpend;
pub use engine::DrawResult;

pub use engine::PolicyDraw;
pub(crate) use quantity::QUANTITIES;
pub use quantity::{waste, Quantity, Row};
pub use sums::Heaviest;
pub use table::Table;

use crate::sampling::Sampling;
use crate::scenario::{Params, ValidScenario};
use crate::streams;

/// The stream of the parameter draws.
pub(crate) const PARAMETER_STREAM: u64 = 0;

/// The parameters of every draw, in draw order.
pub fn draw_parameters(v: &ValidScenario) -> Vec<Params> {
    let mut rng = streams::stream(v.scenario.uncertainty.seed, PARAMETER_STREAM);
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

/// Runs draws `range` (indices into `params`) of a validated scenario, in draw order: natively
/// spread over the threads of the current [rayon](https://docs.rs/rayon) pool.
pub fn run_draws(
    v: &ValidScenario,
    params: &[Params],
    range: std::ops::Range<u32>,
) -> Vec<DrawResult> {
    run_draws_reporting(v, params, range, &|| {})
}

/// How the draws of `v` simulate its developers: a sample for a large organisation
/// ([`crate::sampling`]).
pub fn sampling(v: &ValidScenario) -> Sampling {
    Sampling::for_organisation(v.scenario.developers())
}

/// [`run_draws`], calling `on_draw` after each draw (from the thread that ran it).
pub fn run_draws_reporting(
    v: &ValidScenario,
    params: &[Params],
    range: std::ops::Range<u32>,
    on_draw: &(dyn Fn() + Sync),
) -> Vec<DrawResult> {
    run_draws_sampled(v, params, range, sampling(v), on_draw)
}

/// Every draw of `v` simulating its developers as `sampling` says, whatever its size (to
/// compare a sample with the whole organisation).
pub fn run_sampled(v: &ValidScenario, sampling: Sampling) -> Vec<DrawResult> {
    let params = draw_parameters(v);
    run_draws_sampled(
        v,
        &params,
        0..v.scenario.uncertainty.draws,
        sampling,
        &|| {},
    )
}

fn run_draws_sampled(
    v: &ValidScenario,
    params: &[Params],
    range: std::ops::Range<u32>,
    sampling: Sampling,
    on_draw: &(dyn Fn() + Sync),
) -> Vec<DrawResult> {
    let one = |d: u32| {
        let result = engine::run_draw(v, &params[d as usize], d, sampling);
        on_draw();
        result
    };
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::iter::{IndexedParallelIterator, IntoParallelIterator, ParallelIterator};
        // An indexed iterator: `collect` keeps draw order whatever thread ran each draw.
        range.into_par_iter().with_max_len(1).map(one).collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        range.map(one).collect()
    }
}

/// Runs every draw of a validated scenario.
pub fn run(v: &ValidScenario) -> Vec<DrawResult> {
    let params = draw_parameters(v);
    run_draws(v, &params, 0..v.scenario.uncertainty.draws)
}
