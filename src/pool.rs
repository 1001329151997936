//! A report run's draws split across a pool of workers: how many workers, which contiguous
//! range of draws each computes ([`split`]), and a worker's share stepped a few draws at a time
//! ([`Part`]). The draws are merged back in draw order by [`crate::runner::Job`], so the report
//! is the same bytes for a seed whatever the number of workers, and whichever worker computed a
//! draw (the coordinating worker computes the end of a share that falls behind:
//! [`crate::runner::Job::is_helping`]).

use crate::runner::{Request, STEP_DEVELOPER_DRAWS};
use crate::scenario::{Params, ValidScenario};
use crate::sim::{self, DrawResult};
use std::ops::Range;

/// Most workers the page runs a report on, whatever the machine offers: each loads its own
/// instance of the module (about 30 MB of memory; the page compiles the module once for all) and
/// the coordinating worker merges every draw, so beyond four the gain on a laptop's cores is
/// eaten by that overhead and by the cores the browser itself needs.
pub const MAX_WORKERS: u32 = 4;

/// Most workers a forced pool size (the `burnrate.workers` entry of the page's local storage)
/// can ask for, to compare sizes beyond the machine's cores.
pub const MAX_FORCED_WORKERS: u32 = 8;

/// The number of workers for a machine with `cores` logical cores (the browser's
/// `navigator.hardwareConcurrency`, 0 or NaN when unknown), capped at [`MAX_WORKERS`]; `forced`,
/// when it is a whole number from 1 to [`MAX_FORCED_WORKERS`], wins.
pub fn pool_size(cores: f64, forced: Option<&str>) -> u32 {
    if let Some(n) = forced
        .and_then(|t| t.trim().parse::<u32>().ok())
        .filter(|n| (1..=MAX_FORCED_WORKERS).contains(n))
    {
        return n;
    }
    if cores >= 1.0 {
        cores.min(f64::from(MAX_WORKERS)) as u32
    } else {
        1
    }
}

/// The part of a worker's share of draws the coordinating worker leaves to the others, for
/// the work it does besides computing draws while they compute theirs: taking in their draws as
/// they arrive. Measured in a trace of the default run on two workers (docs/measurements.md,
/// "Every core in the page"): a draw took the coordinating worker 2 % longer than the other.
pub const COORDINATION_SHARE: f64 = 0.05;

/// Draws `0..total` in contiguous ranges, in draw order, one per worker (fewer when there are
/// fewer draws than workers, none empty). The coordinating worker's range, the first, begins
/// with the preliminary report's draws ([`crate::runner::preliminary_draws`]), which it
/// computes before the others start; the draws after them are shared out with the
/// coordinating worker's part smaller by [`COORDINATION_SHARE`] and the others equal to within
/// a draw, so that every worker finishes at about the same time.
pub fn split(total: u32, workers: u32) -> Vec<Range<u32>> {
    let n = workers.clamp(1, total.max(1));
    let head = crate::runner::preliminary_draws(total).unwrap_or(0);
    let rest = f64::from(total - head);
    let lead = 1.0 - COORDINATION_SHARE;
    let weight = |i: u32| if i == 0 { 0.0 } else { lead + f64::from(i - 1) };
    let bound = |i: u32| match i {
        0 => 0,
        _ => (f64::from(head) + rest * weight(i) / weight(n)).round() as u32,
    };
    (0..n)
        .map(|i| bound(i)..bound(i + 1))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The largest part of a run's `total` draws one of `workers` workers computes ([`split`]): the
/// time of the run on the pool relative to its time on one worker (1 when there is no draw).
pub fn largest_share(total: u32, workers: u32) -> f64 {
    let most = split(total, workers)
        .iter()
        .map(|r| r.end - r.start)
        .max()
        .unwrap_or(total);
    if total == 0 {
        1.0
    } else {
        f64::from(most) / f64::from(total)
    }
}

/// A first run estimated to take longer than this on one worker starts the pool at once ([s],
/// by [`crate::runner::estimated_seconds`]); shorter ones run on the coordinating worker alone
/// until their first report is out, so the other workers' start does not compete with the
/// first chart for the cores.
pub const ALONE_SECONDS: f64 = 5.0;

/// Draws per step of a run of `valid`, about [`STEP_DEVELOPER_DRAWS`] developer-draws.
pub(crate) fn step_draws(valid: &ValidScenario) -> u32 {
    let developers = crate::limits::simulated(valid.scenario.developers());
    ((u64::from(STEP_DEVELOPER_DRAWS) / developers.max(1)) as u32).max(1)
}

/// What a coordinating worker asks of another: the draws `start..end` of a report run.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Share {
    /// The run, as the page asked for it (validated again by the worker).
    pub request: Request,
    /// The first draw of the share.
    pub start: u32,
    /// One past its last draw.
    pub end: u32,
}

/// A worker's share of a report run, computed a step at a time.
#[derive(Debug, Clone)]
pub struct Part {
    generation: u64,
    valid: ValidScenario,
    params: Vec<Params>,
    next: u32,
    end: u32,
    step: u32,
}

impl Part {
    /// Validates the share's request and prepares its draws (none beyond the run's).
    pub fn new(share: Share) -> Result<Part, String> {
        let generation = share.request.generation;
        let valid = share.request.valid()?;
        let params = sim::draw_parameters(&valid);
        let total = params.len() as u32;
        Ok(Part {
            generation,
            step: step_draws(&valid),
            valid,
            params,
            next: share.start.min(total),
            end: share.end.min(total),
        })
    }

    /// The run's generation.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether every draw of the share is done.
    pub fn is_done(&self) -> bool {
        self.next >= self.end
    }

    /// The next few draws: the first one's index and the draws, in order; `None` once done.
    pub fn step(&mut self) -> Option<(u32, Vec<DrawResult>)> {
        if self.is_done() {
            return None;
        }
        let start = self.next;
        let end = (start + self.step).min(self.end);
        self.next = end;
        Some((start, sim::run_draws(&self.valid, &self.params, start..end)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::runner::Task;
    use crate::scenario::Scenario;

    #[test]
    fn draws_split_into_contiguous_ranges_in_order_covering_every_draw_once() {
        // The default run: 3 preliminary draws, then 96 and 101 of the other 197.
        assert_eq!(split(200, 2), vec![0..99, 99..200]);
        assert_eq!(split(200, 4), vec![0..50, 50..100, 100..150, 150..200]);
        assert_eq!(split(10, 3), vec![0..5, 5..8, 8..10]);
        assert_eq!(split(2, 4), vec![0..1, 1..2]);
        assert_eq!(split(5, 1), vec![0..5]);
        assert_eq!(split(5, 0), vec![0..5]);
        assert_eq!(split(0, 3), Vec::<Range<u32>>::new());
        for total in 0..40 {
            for workers in 1..9 {
                let ranges = split(total, workers);
                let covered: Vec<u32> = ranges.iter().flat_map(|r| r.clone()).collect();
                assert_eq!(covered, (0..total).collect::<Vec<_>>());
                assert!(ranges.len() as u32 <= workers);
                let first = ranges.first().map_or(0, |r| r.len() as u32);
                let preliminary = crate::runner::preliminary_draws(total).unwrap_or(0);
                assert!(first >= preliminary, "{total} draws on {workers}");
            }
        }
    }

    #[test]
    fn the_pool_is_the_machines_cores_capped_unless_forced() {
        assert_eq!(pool_size(2.0, None), 2);
        assert_eq!(pool_size(16.0, None), MAX_WORKERS);
        assert_eq!(pool_size(0.0, None), 1);
        assert_eq!(pool_size(f64::NAN, None), 1);
        assert_eq!(pool_size(2.0, Some("3")), 3);
        assert_eq!(pool_size(16.0, Some(" 1 ")), 1);
        for ignored in ["0", "9", "-1", "two", "", "2.5"] {
            assert_eq!(pool_size(2.0, Some(ignored)), 2, "{ignored}");
        }
    }

    #[test]
    fn parts_of_a_run_give_the_draws_of_one_run_in_order() {
        let mut s = Scenario::default();
        s.scale_developers(5_000);
        s.months = 4;
        s.uncertainty.draws = 20;
        let catalogue = Catalogue::builtin();
        let valid = s.validate(&catalogue).unwrap();
        let request = Request::new(4, Task::Report, &valid, &catalogue);
        let mut draws = Vec::new();
        for r in split(20, 3) {
            let mut part = Part::new(Share {
                request: request.clone(),
                start: r.start,
                end: r.end,
            })
            .unwrap();
            assert_eq!(part.generation(), 4);
            let mut steps = 0;
            while let Some((start, chunk)) = part.step() {
                assert_eq!(start as usize, draws.len());
                draws.extend(chunk);
                steps += 1;
            }
            assert!(steps > 1, "a share is computed a few draws at a time");
            assert!(part.is_done());
        }
        assert_eq!(draws, sim::run(&valid));
        let beyond = Part::new(Share {
            request,
            start: 9,
            end: 99,
        })
        .unwrap();
        assert_eq!(beyond.end, 20);
    }
}
