//! The run sub-state: the run the shell should carry out ([`crate::runner::Job`], a step at a
//! time), its progress, and the sensitivity analysis waiting for it.

use super::results::Results;
use crate::runner::{self, Task, Update};
use crate::scenario::ValidScenario;
use std::rc::Rc;

/// A run waiting to be carried out by the shell ([`crate::runner`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRun {
    /// Increases with every run asked for; an update counts only if it is about the latest.
    pub generation: u64,
    /// What to compute.
    pub task: Task,
    /// The validated scenario to run.
    pub valid: Rc<ValidScenario>,
}

impl PendingRun {
    /// Whether the shell lets typing settle before starting this run: a report run while
    /// results are on screen (`showing`) asked for within [`DEBOUNCE_MS`] of the run before it
    /// (`since_last_ms`, [ms]), so that keys typed in quick succession do not each start a run,
    /// while a single edit (a key, a choice, a click) starts its run at once.
    pub fn debounced(&self, showing: bool, since_last_ms: f64) -> bool {
        showing && self.task == Task::Report && since_last_ms < f64::from(DEBOUNCE_MS)
    }
}

/// How long an edit made within this time of the one before must rest before its run starts
/// [ms]. A run that starts and is superseded a moment later costs the worker that moment, not
/// the page; waiting on every edit cost each run this time on screen.
pub const DEBOUNCE_MS: u32 = 60;

/// What the user (or the shell carrying out a run) does to runs.
#[derive(Debug, Clone, PartialEq)]
pub enum RunAction {
    /// News of a run the shell carries out.
    Update(Update),
    /// Stop the run in progress; the last results stay.
    Cancel,
    /// Compute the sensitivity tornado of a policy set (index).
    Sensitivity(usize),
    /// Carry out the run held back because it would take long.
    Confirm,
}

/// Work done by the run in flight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunProgress {
    /// Draws (a report) or runs (a sensitivity analysis) done.
    pub done: u32,
    /// In all.
    pub total: u32,
    /// Time since the run began [ms].
    pub elapsed_ms: f64,
}

impl RunProgress {
    /// The time left at the pace so far [s]; `None` before the first step is timed.
    pub fn seconds_left(&self) -> Option<f64> {
        (self.done > 0 && self.elapsed_ms > 0.0).then(|| {
            self.elapsed_ms / f64::from(self.done)
                * f64::from(self.total - self.done.min(self.total))
                / 1000.0
        })
    }
}

/// The session's runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    /// The run the shell should carry out.
    pub pending: Option<PendingRun>,
    /// The generation of the last run asked for.
    pub generation: u64,
    /// Progress of the run in flight.
    pub progress: Option<RunProgress>,
    /// A report run that would take long (over [`runner::LONG_RUN_SECONDS`] by
    /// [`runner::estimated_seconds`]): held until the user confirms it.
    pub held: Option<PendingRun>,
    /// The policy set whose sensitivity was asked for and has not arrived yet; it is computed
    /// once the report run in flight, if any, has finished.
    pub(crate) sensitivity_wanted: Option<usize>,
    /// The workers a report run is shared among in the page (0 or 1: one), for the estimate of
    /// its time ([`runner::estimated_seconds`]).
    pub workers: u32,
}

impl Run {
    /// Asks the shell for a new run, superseding any other. A report run that would take long
    /// is held instead (the run in flight, if any, stops) until [`Run::confirm`].
    pub fn start(&mut self, task: Task, valid: Rc<ValidScenario>) {
        self.generation += 1;
        let run = PendingRun {
            generation: self.generation,
            task,
            valid,
        };
        self.progress = None;
        if task == Task::Report && self.estimated_seconds(&run.valid) > runner::LONG_RUN_SECONDS {
            self.pending = None;
            self.held = Some(run);
        } else {
            self.pending = Some(run);
            self.held = None;
        }
    }

    /// How long a report run of `valid` takes on the session's workers [s].
    pub fn estimated_seconds(&self, valid: &ValidScenario) -> f64 {
        runner::estimated_seconds(&valid.scenario, self.workers)
    }

    /// Whether the report run in flight (or held) already computes `valid`: then a change
    /// that leaves the validated scenario as it was (the served price table arriving, the same
    /// as the built-in one) need not start it again.
    pub fn is_reporting_on(&self, valid: &ValidScenario) -> bool {
        self.pending
            .iter()
            .chain(&self.held)
            .any(|run| run.task == Task::Report && *run.valid == *valid)
    }

    /// Carries out the held run.
    pub fn confirm(&mut self) {
        if let Some(run) = self.held.take() {
            self.pending = Some(run);
            self.progress = None;
        }
    }

    /// Drops the run in flight, the held run and any sensitivity waiting for them.
    pub fn cancel(&mut self) {
        self.pending = None;
        self.held = None;
        self.progress = None;
        self.sensitivity_wanted = None;
    }

    /// Asks for the sensitivity of policy set `policy` of `valid`: at once, or after the report
    /// run in flight.
    pub(crate) fn want_sensitivity(&mut self, policy: usize, valid: Rc<ValidScenario>) {
        self.sensitivity_wanted = Some(policy);
        let busy = self
            .pending
            .as_ref()
            .is_some_and(|r| r.task == Task::Report);
        if !busy {
            self.start(Task::Sensitivity(policy), valid);
        }
    }

    /// Takes in news of the run in flight into `results`; news of any other run is stale and
    /// ignored. The reason a run could not start, if it could not.
    pub fn update(&mut self, update: Update, results: &mut Results) -> Option<String> {
        let run = self
            .pending
            .as_ref()
            .filter(|r| r.generation == update.generation())
            .cloned()?;
        match update {
            Update::Progress {
                done,
                total,
                elapsed_ms,
                ..
            } => {
                self.progress = Some(RunProgress {
                    done,
                    total,
                    elapsed_ms,
                })
            }
            Update::Preliminary { report, .. } => {
                results.report = Some(Rc::new(*report));
                results.preliminary = true;
                results.stale = false;
            }
            Update::Finished { report, .. } => {
                results.report = Some(Rc::new(*report));
                results.preliminary = false;
                results.stale = false;
                self.pending = None;
                self.progress = None;
                if let Some(policy) = self.sensitivity_wanted {
                    self.start(Task::Sensitivity(policy), run.valid);
                }
            }
            Update::Sensitivity {
                policy, tornado, ..
            } => {
                results.tornado = Some((policy, Rc::new(*tornado)));
                self.sensitivity_wanted = None;
                self.pending = None;
                self.progress = None;
            }
            Update::Failed { message, .. } => {
                self.pending = None;
                self.progress = None;
                return Some(message);
            }
        }
        None
    }
}
