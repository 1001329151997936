//! The run sub-state: the run the shell should carry out ([`crate::runner::Job`], a step at a
//! time), its progress, and the sensitivity analysis waiting for it.

use super::results::Results;
use crate::runner::{Task, Update};
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
    /// results are on screen (`showing`), so each key does not start a run of its own.
    pub fn debounced(&self, showing: bool) -> bool {
        showing && self.task == Task::Report
    }
}

/// What the user (or the shell carrying out a run) does to runs.
#[derive(Debug, Clone, PartialEq)]
pub enum RunAction {
    /// News of a run the shell carries out.
    Update(Update),
    /// Stop the run in progress; the last results stay.
    Cancel,
    /// Compute the sensitivity tornado of a policy set (index).
    Sensitivity(usize),
}

/// The session's runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    /// The run the shell should carry out.
    pub pending: Option<PendingRun>,
    /// The generation of the last run asked for.
    pub generation: u64,
    /// Progress of the run in flight: done and in all (draws, or sensitivity runs).
    pub progress: Option<(u32, u32)>,
    /// The policy set whose sensitivity was asked for and has not arrived yet; it is computed
    /// once the report run in flight, if any, has finished.
    pub(crate) sensitivity_wanted: Option<usize>,
}

impl Run {
    /// Asks the shell for a new run, superseding any other.
    pub fn start(&mut self, task: Task, valid: Rc<ValidScenario>) {
        self.generation += 1;
        self.pending = Some(PendingRun {
            generation: self.generation,
            task,
            valid,
        });
        self.progress = None;
    }

    /// Drops the run in flight and any sensitivity waiting for it.
    pub fn cancel(&mut self) {
        self.pending = None;
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
            Update::Progress { done, total, .. } => self.progress = Some((done, total)),
            Update::Preliminary { report, .. } => {
                results.report = Some(Rc::new(*report));
                results.preliminary = true;
            }
            Update::Finished { report, .. } => {
                results.report = Some(Rc::new(*report));
                results.preliminary = false;
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
