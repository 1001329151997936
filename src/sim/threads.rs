//! Native runs on a chosen number of threads: the draws split across a dedicated
//! [rayon](https://docs.rs/rayon) pool and merged in draw order, so the results are the same bit
//! for bit whatever the number of threads.

use super::{draw_parameters, run_draws_reporting, DrawResult};
use crate::scenario::ValidScenario;

/// Runs every draw of `v` on `threads` threads (0: one per core), calling `on_draw` after each
/// draw. `Err` when the operating system refuses the threads.
pub fn run(
    v: &ValidScenario,
    threads: usize,
    on_draw: &(dyn Fn() + Sync),
) -> Result<Vec<DrawResult>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    let params = draw_parameters(v);
    let draws = v.scenario.uncertainty.draws;
    Ok(pool.install(|| run_draws_reporting(v, &params, 0..draws, on_draw)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn any_number_of_threads_gives_the_draws_of_one_in_draw_order() {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.months = 6;
        s.uncertainty.draws = 7;
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let done = AtomicU32::new(0);
        let one = run(&v, 1, &|| {
            done.fetch_add(1, Ordering::Relaxed);
        })
        .unwrap();
        assert_eq!(done.load(Ordering::Relaxed), 7);
        for threads in [2, 3] {
            assert_eq!(run(&v, threads, &|| {}).unwrap(), one);
        }
        assert_eq!(crate::sim::run(&v), one);
    }
}
