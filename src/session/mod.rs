//! The app's session state and its transitions: inputs in, validated scenario and runs out.
//!
//! Plain Rust so it is tested natively; the web shell wraps [`Session::apply`] in a Yew reducer
//! and carries out the runs it asks for ([`Run::pending`], a [`crate::runner::Job`] stepped in
//! a web worker). The state is four sub-states, each with its own reducer: [`Prices`],
//! [`Editor`], [`Run`] and [`Results`]; the actions are grouped the same way. Errors and
//! notices are kept as values; [`messages`] and [`crate::scenario::input_message`] put them
//! into words.

mod editor;
mod messages;
mod prices;
mod results;
mod run;

pub use editor::{EditAction, FieldTexts, MAX_POLICY_SETS};

pub use editor::{Edited, Editor};
pub use messages::{levers_on, organisation_heading, policy_sets_heading};
pub(crate) use messages::{
    notice_message, open_error_message, pricing_error_message, pricing_notice_message,
};
pub use prices::{import_formats, unreachable, url_problem, PriceAction, Prices};
pub use prices::{ImportedTable, PriceProblem, PricingError, PricingNotice};
pub use results::Results;
pub use run::{PendingRun, Run, RunAction, RunProgress, DEBOUNCE_MS};

use crate::runner::Task;
use crate::scenario::{InputError, Scenario, ScenarioError};
use std::rc::Rc;

/// Where the served pricing catalogue is fetched from, relative to the page.
pub const PRICING_URL: &str = "pricing-data/catalogue.json";

/// The origin named when a calibrated scenario is opened.
pub const CALIBRATED: &str = "the calibration to your usage data";
/// The origin named when the scenario a calibration replaced is back.
pub const RESTORED: &str = "the scenario from before the calibration";

/// A message about the scenario on screen: where it came from, or why an action was refused
/// (in words: [`notice_message`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A scenario file (or other origin) was opened.
    Opened(String),
    /// A preset was opened.
    OpenedPreset(String),
    /// No preset has this name.
    NoPreset(String),
    /// A scenario file could not be opened.
    NotOpened {
        /// The file.
        file: String,
        /// Why.
        error: ScenarioError,
    },
    /// A policy set was not added: there are already [`MAX_POLICY_SETS`].
    TooManyPolicySets,
    /// A run could not start, for this reason.
    RunFailed(String),
    /// A message of the shell's own (an unreadable autosave, a failed export).
    Said(String),
}

/// Opening a scenario, or saying something about it.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenAction {
    /// A scenario file was read: its text and name.
    File {
        /// The file's text.
        text: String,
        /// The file's name.
        file: String,
    },
    /// Open the preset scenario with this name ([`crate::scenario::PRESETS`]).
    Preset(String),
    /// Show a message about the scenario's origin (for example an unreadable autosave).
    Notice(String),
    /// Replace the scenario with one calibrated to usage exports (its JSON), keeping the one
    /// on screen to go back to ([`Session::replaced`]).
    Calibrated(String),
    /// Go back to the scenario the last calibration replaced.
    RestoreReplaced,
}

/// What the user, the pricing fetch or a run can do, by the sub-state it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// About the prices in use.
    Prices(PriceAction),
    /// An edit of the scenario.
    Edit(EditAction),
    /// Opening a scenario.
    Open(OpenAction),
    /// About runs.
    Run(RunAction),
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The prices in use and how they were made.
    pub prices: Prices,
    /// The scenario being edited.
    pub editor: Editor,
    /// The run the shell should carry out.
    pub run: Run,
    /// The last valid results.
    pub results: Results,
    /// A message about where the scenario came from, or why an action was refused.
    pub notice: Option<Notice>,
    /// The scenario a calibration replaced, until it is restored or another is opened.
    pub replaced: Option<Box<Replaced>>,
}

/// What a calibration replaced: the scenario, and the hand-entered prices in use with it (a
/// calibration carries the prices the organisation pays, which must not outlive it).
#[derive(Debug, Clone, PartialEq)]
pub struct Replaced {
    /// The scenario before the calibration.
    pub scenario: Scenario,
    /// The hand-entered prices before the calibration.
    prices: Vec<crate::pricing::ModelPrice>,
}

impl Session {
    /// The state with built-in prices (and those `scenario` carries) and `scenario`, its run
    /// asked of the shell ([`Run::pending`]).
    pub fn new(scenario: Scenario) -> Session {
        Session::on_pool(scenario, 1)
    }

    /// [`Session::new`] for a shell that shares report runs among `workers` workers, which
    /// the estimates of their time take into account ([`Run::workers`]).
    pub fn on_pool(scenario: Scenario, workers: u32) -> Session {
        let mut session = Session {
            prices: Prices::new(&scenario),
            editor: Editor::new(scenario),
            run: Run {
                workers,
                ..Run::default()
            },
            results: Results::default(),
            notice: None,
            replaced: None,
        };
        session.rerun();
        session
    }

    /// The state after `action`. An invalid edit keeps the last valid report and sets
    /// [`Editor::error`].
    pub fn apply(&self, action: Action) -> Session {
        let mut next = self.clone();
        let rerun = match action {
            Action::Prices(action) => {
                let day = next.editor.scenario.start_month.first_day();
                let entered = match &action {
                    PriceAction::AddManual { model, .. } => Some(model.clone()),
                    _ => None,
                };
                let changed = next.prices.apply(action, day);
                if let (Some(model), true) = (entered, changed) {
                    // The price is in use: what was typed into its form is done with.
                    next.editor.forget(&format!("manual_prices[{model}]."));
                }
                changed
            }
            Action::Edit(action) => match next.editor.apply(action, &next.prices.catalogue) {
                Edited::Changed => true,
                Edited::Unchanged => false,
                Edited::Refused(notice) => {
                    next.notice = Some(notice);
                    false
                }
            },
            Action::Open(action) => {
                next.open(action);
                false
            }
            Action::Run(action) => {
                next.run_action(action);
                false
            }
        };
        if rerun {
            next.rerun();
        }
        next
    }

    fn open(&mut self, action: OpenAction) {
        match action {
            OpenAction::File { text, file } => self.open_file(&text, &file),
            OpenAction::Preset(name) => match crate::scenario::preset(&name) {
                Some(scenario) => {
                    self.open_file(&scenario.to_json(), &format!("preset {name}"));
                    self.notice = Some(Notice::OpenedPreset(name));
                }
                None => self.notice = Some(Notice::NoPreset(name)),
            },
            OpenAction::Notice(message) => self.notice = Some(Notice::Said(message)),
            OpenAction::Calibrated(text) => {
                let previous = Replaced {
                    scenario: self.editor.scenario.clone(),
                    prices: self.prices.manual.clone(),
                };
                self.open_file(&text, CALIBRATED);
                if self.editor.scenario != previous.scenario {
                    self.replaced = Some(Box::new(previous));
                }
            }
            OpenAction::RestoreReplaced => {
                if let Some(previous) = self.replaced.take() {
                    let day = previous.scenario.start_month.first_day();
                    self.prices.set_manual(previous.prices, day);
                    self.open_file(&previous.scenario.to_json(), RESTORED);
                }
            }
        }
    }

    /// Replaces the scenario with the one in `text`, read by the one scenario reader
    /// ([`Scenario::from_json`]: migrated forward, its `version` checked); the prices it
    /// carries join the hand-entered ones. The last results stay until its run reports.
    fn open_file(&mut self, text: &str, file: &str) {
        match Scenario::from_json(text, file) {
            Ok(scenario) => {
                self.replaced = None;
                self.prices.carry(&scenario);
                self.editor = Editor::new(scenario);
                self.run.cancel();
                self.results.preliminary = false;
                self.results.tornado = None;
                self.rerun();
                self.notice = Some(Notice::Opened(file.to_string()));
            }
            Err(error) => {
                self.notice = Some(Notice::NotOpened {
                    file: file.to_string(),
                    error,
                })
            }
        }
    }

    fn run_action(&mut self, action: RunAction) {
        match action {
            RunAction::Update(update) => {
                if let Some(reason) = self.run.update(update, &mut self.results) {
                    self.notice = Some(Notice::RunFailed(reason));
                }
            }
            RunAction::Cancel => self.run.cancel(),
            RunAction::Confirm => self.run.confirm(),
            RunAction::Sensitivity(policy) => {
                let Some(valid) = self.valid() else {
                    return;
                };
                if policy >= valid.policies.len()
                    || self.results.tornado.as_ref().is_some_and(|t| t.0 == policy)
                {
                    return;
                }
                self.run.want_sensitivity(policy, Rc::new(valid));
            }
        }
    }

    /// Validates the edited scenario and, when it is valid, asks for its run.
    fn rerun(&mut self) {
        let scenario = &mut self.editor.scenario;
        // The scenario carries the prices in use that differ from the built-in table, so an
        // autosave, an export or a link runs on them wherever it is opened. Carried prices
        // that do not read stay, for validation to name.
        if scenario.pricing.carried().is_ok() {
            scenario.pricing.prices = crate::scenario::PricingTerms::differing_prices(
                &self.prices.catalogue,
                crate::scenario::builtin_prices(),
                scenario.model_ids(),
            );
        }
        match scenario.validate(&self.prices.catalogue) {
            Ok(valid) if self.run.is_reporting_on(&valid) => self.editor.error = None,
            Ok(valid) => {
                self.run.start(Task::Report, Rc::new(valid));
                self.results.tornado = None;
                self.results.stale = self.results.report.is_some();
                self.editor.error = None;
            }
            Err(e) => self.editor.error = Some(InputError::Invalid(e)),
        }
    }

    /// Carries out the runs the session asks for, one after the other, as the shell does (a
    /// [`crate::runner::Job`] a step at a time, its news taken in): the state once no run is pending.
    #[cfg(test)]
    pub(crate) fn settled(mut self) -> Session {
        while let Some(run) = self.run.pending.clone() {
            let mut job = crate::runner::Job::new(run.generation, run.task, (*run.valid).clone());
            while !job.is_done() {
                for update in job.step(&|| 0.0) {
                    self = self.apply(Action::Run(RunAction::Update(update)));
                }
            }
            if self.run.pending.as_ref() == Some(&run) {
                break;
            }
        }
        self
    }

    /// Model ids of the scenario's and the teams' mixes that the prices in use do not price.
    pub fn unpriced_models(&self) -> Vec<String> {
        self.editor.unpriced_models(&self.prices.catalogue)
    }

    /// The scenario's share-link payload.
    pub fn share_payload(&self) -> String {
        crate::share::encode(&self.editor.scenario)
    }

    /// The validated scenario, when the one on screen is valid (for exports).
    pub fn valid(&self) -> Option<crate::scenario::ValidScenario> {
        self.editor.scenario.validate(&self.prices.catalogue).ok()
    }
}

/// A scenario document read from a file by the one scenario reader
/// ([`Scenario::from_json`]: migrated forward, its `version` checked), or why it cannot be.
pub fn scenario_from_json(text: &str, file: &str) -> Result<Scenario, String> {
    Scenario::from_json(text, file).map_err(|e| open_error_message(&e, file))
}

#[cfg(test)]
mod tests;
