//! Monte Carlo work carried out a step at a time, so the browser can run it in a web worker (or,
//! where no worker can start, between frames on the page), report progress, show a preliminary
//! report after the first draws, and drop a run that an edit has superseded.
//!
//! The page and the workers exchange messages as bytes in postcard ([`ToWorker::to_bytes`],
//! [`FromWorker::to_bytes`]: every figure as its 8 bytes, so it crosses unchanged, and no JSON
//! reader of messages in the page's module). A scenario crosses as its JSON text, read by the
//! one reader of scenarios. A request carries the scenario and the prices of the models it
//! uses, and the worker validates them again: the engine only ever sees a [`ValidScenario`].

use crate::calibrate::batch::{BatchOutcome, BatchRequest};
use crate::downloads::{Download, File};
use crate::pool::{self, Share};
use crate::pricing::import::{ImportSummary, Imported};
use crate::pricing::Catalogue;
use crate::report::Report;
use crate::scenario::{builtin_prices, Params, Scenario, ValidScenario};
use crate::sensitivity::{SensitivityRun, Tornado};
use crate::session::PriceAction;
use crate::sim::{self, DrawResult};
use crate::solve::{Answer, Question};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// Draws per run of the sensitivity analysis (21 runs for the default ten priors).
pub(crate) const SENSITIVITY_DRAWS: u32 = 20;

/// Developer-draws per step: at about 3 µs per developer-draw in the browser, a step takes about
/// 30 ms, so a superseded run stops promptly (and, on the page, the page stays responsive).
pub(crate) const STEP_DEVELOPER_DRAWS: u32 = 10_000;

/// Draws per thousand of a run after which a preliminary report is sent, when that is fewer
/// than all, and at least [`PRELIMINARY_MIN_DRAWS`]: at the default 200 draws, 3 draws, about
/// 20 ms in the browser once its code is warm and about 100 ms on the page's first run (its code
/// still cold), so the first chart appears under half a second after navigation and charts
/// follow an edit within about a tenth of a second (docs/measurements.md).
const PRELIMINARY_PER_THOUSAND: u64 = 15;

/// Fewest draws a preliminary report is made of, so that it shows a band.
const PRELIMINARY_MIN_DRAWS: u32 = 3;

/// The draws after which a run of `total` draws sends its preliminary report
/// ([`PRELIMINARY_PER_THOUSAND`] of them, rounded up, at least [`PRELIMINARY_MIN_DRAWS`]), or
/// `None` when that is not fewer than all.
pub(crate) fn preliminary_draws(total: u32) -> Option<u32> {
    // Fewer than `total` draws, so it fits a u32.
    let share = (u64::from(total) * PRELIMINARY_PER_THOUSAND).div_ceil(1000) as u32;
    let at = share.max(PRELIMINARY_MIN_DRAWS);
    (at < total).then_some(at)
}

/// The draw a coordinating worker whose own draws are done computes next: the last of the
/// longest run of draws not yet in (the later of two as long), that is the end of the share
/// whose worker would reach it last. `None` when every draw is in.
fn furthest_behind(draws: &[Option<DrawResult>]) -> Option<u32> {
    let mut longest: Option<(usize, usize)> = None;
    let mut run = 0;
    for (i, draw) in draws.iter().enumerate() {
        if draw.is_some() {
            run = 0;
            continue;
        }
        run += 1;
        if longest.is_none_or(|(len, _)| run >= len) {
            longest = Some((run, i));
        }
    }
    longest.map(|(_, last)| last as u32)
}

/// What a run computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// Every draw, then the report.
    Report,
    /// The sensitivity tornado of one policy set (an index into the scenario's policy sets).
    Sensitivity(usize),
}

/// A run asked of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Increases with every run the page asks for; the page ignores updates of older ones.
    pub generation: u64,
    /// What to compute.
    pub task: Task,
    /// The scenario (valid against `prices` when sent).
    #[serde(with = "scenario_text")]
    pub scenario: Scenario,
    /// The prices the scenario is valid against.
    pub prices: Prices,
}

/// The prices a request is valid against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Prices {
    /// The built-in table ([`builtin_prices`]), which every worker holds: named, not sent.
    Builtin,
    /// Another table: the prices of the models the scenario uses and every plan, in Burnrate's
    /// pricing schema.
    Table(String),
}

impl Request {
    /// The request for `task` on a validated scenario, with the prices it needs from
    /// `catalogue` (the built-in table by name).
    pub fn new(generation: u64, task: Task, valid: &ValidScenario, catalogue: &Catalogue) -> Self {
        Request {
            generation,
            task,
            scenario: valid.scenario.clone(),
            prices: Prices::of(valid, catalogue),
        }
    }

    /// Validates the request's scenario against its prices (and a sensitivity analysis against
    /// the limit on work) and prepares the job.
    pub fn job(self) -> Result<Job, String> {
        self.pooled_job(1)
    }

    /// [`Request::job`] for a coordinating worker with `workers` workers in all (itself
    /// included): see [`Job::pooled`].
    pub fn pooled_job(self, workers: u32) -> Result<Job, String> {
        let (generation, task) = (self.generation, self.task);
        let valid = self.valid()?;
        if let Task::Sensitivity(_) = task {
            crate::limits::check_sensitivity(&valid, SENSITIVITY_DRAWS)?;
        }
        Ok(Job::pooled(generation, task, valid, workers))
    }

    /// The request's scenario validated against its prices.
    pub fn valid(self) -> Result<ValidScenario, String> {
        let catalogue = self.prices.catalogue()?;
        self.scenario
            .validate(&catalogue)
            .map_err(|e| e.to_string())
    }
}

impl Prices {
    /// The prices `valid` needs from `catalogue`: the built-in table by name, or the models
    /// the teams use and any a discount names.
    fn of(valid: &ValidScenario, catalogue: &Catalogue) -> Prices {
        let builtin = builtin_prices();
        if std::ptr::eq(catalogue, builtin) || catalogue == builtin {
            return Prices::Builtin;
        }
        let ids = valid
            .models
            .iter()
            .map(String::as_str)
            .chain(valid.scenario.model_ids());
        Prices::Table(catalogue.subset(ids).to_json())
    }

    /// The table these prices are: the built-in one, or the table sent read.
    fn catalogue(&self) -> Result<Cow<'static, Catalogue>, String> {
        match self {
            Prices::Builtin => Ok(Cow::Borrowed(builtin_prices())),
            Prices::Table(json) => Catalogue::from_json(json, "prices in use")
                .map(Cow::Owned)
                .map_err(|e| e.to_string()),
        }
    }
}

/// A question for the solver, asked of a worker of its own so that the page does not wait
/// for its runs. It crosses in postcard ([`ToWorker::Solve`]), its scenario as JSON text read
/// by the one reader of scenarios ([`Scenario::from_json`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveRequest {
    /// Increases with every question the page asks; the page ignores answers to older ones.
    pub generation: u64,
    /// The question.
    pub question: Question,
    /// The policy set the question is about (an index).
    pub policy: usize,
    /// The scenario (valid against `prices` when sent).
    #[serde(with = "scenario_text")]
    pub scenario: Scenario,
    /// The prices the scenario is valid against.
    pub prices: Prices,
}

/// Why results cannot be exported with the scenario on screen: they are of an earlier version.
pub const STALE_RESULTS: &str =
    "the results on screen are of inputs since changed; export them once the new results are in";

/// A file to export from the report on screen, asked of the tools worker (which holds the
/// writers: [`crate::downloads`]). It crosses in postcard, the report as the worker sent it
/// and the scenario as JSON text read by the one reader of scenarios.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// The file.
    pub download: Download,
    /// The scenario (valid against `prices` when sent).
    #[serde(with = "scenario_text")]
    pub scenario: Scenario,
    /// The prices the scenario is valid against.
    pub prices: Prices,
    /// The report to export.
    pub report: Report,
}

impl ExportRequest {
    /// The request for `download` of `report` on `valid`, priced from `catalogue`, written
    /// as it crosses (without copying the report).
    pub fn bytes(
        download: Download,
        valid: &ValidScenario,
        catalogue: &Catalogue,
        report: &Report,
    ) -> Vec<u8> {
        /// [`ExportRequest`] as it is written, borrowing the scenario and the report.
        #[derive(Serialize)]
        struct Outgoing<'a> {
            download: Download,
            #[serde(with = "scenario_text")]
            scenario: &'a Scenario,
            prices: Prices,
            report: &'a Report,
        }
        postcard::to_allocvec(&Outgoing {
            download,
            scenario: &valid.scenario,
            prices: Prices::of(valid, catalogue),
            report,
        })
        .expect("requests always serialise")
    }

    /// Reads a request written by [`ExportRequest::bytes`]; why not, for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Result<ExportRequest, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("an export: {e}"))
    }

    /// The file, once the scenario is validated against its prices and the report found to
    /// be of it; why not, in words.
    pub fn file(self) -> Result<File, String> {
        let catalogue = self.prices.catalogue()?;
        let valid = self
            .scenario
            .validate(&catalogue)
            .map_err(|e| e.to_string())?;
        if !self.report.fits(&valid) {
            return Err(STALE_RESULTS.into());
        }
        Ok(self.download.file(&valid, &self.report))
    }
}

/// A scenario written as its JSON text, for messages in postcard.
mod scenario_text {
    use crate::scenario::Scenario;
    use serde::{
        de::Error as _, ser::Error as _, Deserialize, Deserializer, Serialize, Serializer,
    };

    /// Writes a scenario (or a reference to one) as its JSON text.
    pub fn serialize<T: Serialize, S: Serializer>(scenario: &T, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&serde_json::to_string(scenario).map_err(S::Error::custom)?)
    }

    /// Reads a scenario from its JSON text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Scenario, D::Error> {
        let text = String::deserialize(d)?;
        Scenario::from_json(&text, "the scenario sent").map_err(D::Error::custom)
    }
}

impl SolveRequest {
    /// The request for `question` on policy set `policy` of a validated scenario, with the
    /// prices it needs from `catalogue`, as a run's ([`Request::new`]).
    pub fn new(
        generation: u64,
        question: Question,
        policy: usize,
        valid: &ValidScenario,
        catalogue: &Catalogue,
    ) -> SolveRequest {
        let Request {
            scenario, prices, ..
        } = Request::new(generation, Task::Report, valid, catalogue);
        SolveRequest {
            generation,
            question,
            policy,
            scenario,
            prices,
        }
    }

    /// The request's scenario validated against its prices, and those prices; why not, in
    /// words.
    pub fn valid(&self) -> Result<(ValidScenario, Cow<'static, Catalogue>), String> {
        let catalogue = self.prices.catalogue()?;
        let valid = self
            .scenario
            .validate(&catalogue)
            .map_err(|e| e.to_string())?;
        Ok((valid, catalogue))
    }

    /// The answer: the scenario validated ([`SolveRequest::valid`]), then the question solved
    /// ([`Question::answer`]), `on_run` told how many runs are done after each; why not, in
    /// words.
    pub fn answer(&self, on_run: &dyn Fn(usize)) -> Result<Answer, String> {
        let (valid, catalogue) = self.valid()?;
        self.question
            .answer(&valid, &catalogue, self.policy, on_run)
            .map_err(|e| e.to_string())
    }
}

/// A message from the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Start this run, dropping any other.
    Start(Box<Request>),
    /// Drop the run in progress.
    Cancel,
    /// Import usage files and calibrate a scenario to them. The message's bytes travel with
    /// the files themselves (as browser `File` objects, read in the worker), in the order the
    /// request names them.
    Calibrate(Box<BatchRequest>),
    /// To the simulation worker: run report runs on `workers` workers in all, starting the others
    /// from the worker script at `script` (a URL relative to the page's, which is the worker's
    /// too).
    Pool {
        /// Workers in all, the coordinating one included.
        workers: u32,
        /// The worker script's URL.
        script: String,
    },
    /// From the coordinating worker to another: compute this share of a report run (news of
    /// an earlier share stops).
    Share(Box<Share>),
    /// To the simulation worker, from a page that opens the default scenario: begin its report
    /// run before the page asks for it ([`crate::head_start`]).
    HeadStart,
    /// To the simulation worker: answer this question for the solver, dropping no run.
    Solve(Box<SolveRequest>),
    /// To the tools worker: import a price table as the format named `format` (see
    /// [`PriceAction::import`]), to be laid over the table in use when `merge`. The message's
    /// bytes travel with the table's text, as `[bytes, text]`.
    ImportPrices {
        /// The format's name, or `auto`.
        format: String,
        /// Where the text came from: a file's name or an address.
        name: String,
        /// Lay it over the table in use.
        merge: bool,
    },
}

impl ToWorker {
    /// The message as it crosses to a worker, in postcard.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("messages always serialise")
    }

    /// Reads a message written by [`ToWorker::to_bytes`]; why not, for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Result<ToWorker, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("a message to a worker: {e}"))
    }
}

/// Work the page's worker does per second [developers × months × draws × policy sets per
/// second]: the default run (28.8 × 10⁶) takes 1.5–1.6 s in headless Chromium on the 2-core
/// machine, and larger organisations cost up to half as much again per developer-month
/// (docs/measurements.md).
pub const BROWSER_WORK_PER_SECOND: f64 = 15_000_000.0;

/// Report runs estimated to take longer than this wait for the user to ask for them [s].
pub const LONG_RUN_SECONDS: f64 = 60.0;

/// The work of a report run of `s` [developers × months × draws × policy sets], counting the
/// developers a draw simulates: a sample of a large organisation
/// ([`crate::sampling::Sampling`]).
pub fn report_work(s: &Scenario) -> u64 {
    let developers = s.developers();
    crate::limits::work(
        crate::sampling::Sampling::for_organisation(developers).simulated(developers),
        s.months,
        s.uncertainty.draws,
        s.policies.len(),
    )
}

/// How long a report run of `s` takes in the page on a pool of `workers` workers, by its work
/// and the largest share of its draws one worker computes ([`pool::largest_share`]) [s].
pub fn estimated_seconds(s: &Scenario, workers: u32) -> f64 {
    report_work(s) as f64 / BROWSER_WORK_PER_SECOND
        * pool::largest_share(s.uncertainty.draws, workers)
}

/// A message from the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker is listening.
    Ready,
    /// News of a run.
    Update(Update),
    /// News of a calibration to usage files.
    Usage(UsageNews),
    /// A price table imported in the tools worker.
    Prices(PricesImported),
    /// A file exported in the tools worker, or why there is none.
    Exported(Result<File, String>),
    /// From a worker of the pool to the coordinating one: draws of a share, in order from
    /// `start`. The draws travel with the message as a flat buffer ([`crate::sim::flat`]).
    Draws {
        /// The run's generation.
        generation: u64,
        /// The index of the first draw.
        start: u32,
    },
    /// How far the solver is with a question: `runs` of its runs done.
    Solving {
        /// The question's generation ([`SolveRequest::generation`]).
        generation: u64,
        /// Runs done, out of at most [`Question::most_runs`].
        runs: u32,
    },
    /// The answer to a question for the solver, or why there is none.
    Solved {
        /// The question's generation ([`SolveRequest::generation`]).
        generation: u64,
        /// The answer, or why there is none in words.
        answer: Result<Box<Answer>, String>,
    },
    /// The tools module could not read a request it was sent, and answers it with this, so
    /// that each later answer still goes with its own request.
    NotUnderstood,
}

/// A price table imported in the tools worker, as it crosses to the page: the table in
/// Burnrate's own JSON, which the page reads (and validates) as it reads the served table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricesImported {
    /// The table and what the import did, or why there is none.
    table: Result<(String, ImportSummary), String>,
    /// Lay it over the table in use.
    merge: bool,
    /// How long the import took in the worker [ms].
    elapsed_ms: f64,
}

impl PricesImported {
    /// `action` (a [`PriceAction::Imported`]) as it crosses to the page; `None` for any other.
    pub fn new(action: PriceAction) -> Option<PricesImported> {
        let PriceAction::Imported {
            result,
            merge,
            elapsed_ms,
        } = action
        else {
            return None;
        };
        Some(PricesImported {
            table: result.map(|i| (i.catalogue.to_json(), i.summary)),
            merge,
            elapsed_ms,
        })
    }

    /// The import as the page applies it, its table read back; the time it took counts that
    /// reading, timed by `clock` [ms].
    pub fn into_action(self, clock: impl Fn() -> f64) -> PriceAction {
        let started = clock();
        let result = self.table.and_then(|(json, summary)| {
            Catalogue::from_json(&json, &summary.file)
                .map(|catalogue| Imported { catalogue, summary })
                .map_err(|e| e.to_string())
        });
        PriceAction::Imported {
            result,
            merge: self.merge,
            elapsed_ms: self.elapsed_ms + (clock() - started),
        }
    }
}

impl FromWorker {
    /// The message as it crosses to the page, in postcard (binary: every figure as its 8
    /// bytes, no names; a report is 0.6 MB rather than 1.3 MB of JSON, and reading it needs
    /// neither number parsing nor the JSON's flattened figures), posted in an `ArrayBuffer`
    /// whose memory is transferred.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("messages always serialise")
    }

    /// Reads a message written by [`FromWorker::to_bytes`]; why not, for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Result<FromWorker, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("a message from a worker: {e}"))
    }
}

/// News of a calibration to usage files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum UsageNews {
    /// Bytes read so far over every file.
    Progress {
        /// The calibration's generation.
        generation: u64,
        /// Read so far [bytes].
        done: u64,
        /// In all [bytes].
        total: u64,
    },
    /// The files as read and the calibration.
    Finished(Box<BatchOutcome>),
}

/// News of a run, in the order a run produces them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Update {
    /// Work done so far, in draws (a report) or runs (a sensitivity analysis).
    Progress {
        /// The run's generation.
        generation: u64,
        /// Done so far.
        done: u32,
        /// In all.
        total: u32,
        /// Time since the run's first step began, at the end of this one [ms].
        #[serde(default)]
        elapsed_ms: f64,
    },
    /// A report from the first draws, while the rest run.
    Preliminary {
        /// The run's generation.
        generation: u64,
        /// The report of the draws done so far (its `draws` says how many).
        report: Box<Report>,
    },
    /// The report of every draw.
    Finished {
        /// The run's generation.
        generation: u64,
        /// The report.
        report: Box<Report>,
    },
    /// The sensitivity tornado.
    Sensitivity {
        /// The run's generation.
        generation: u64,
        /// The policy set analysed (an index).
        policy: usize,
        /// The tornado.
        tornado: Box<Tornado>,
    },
    /// The run could not start (the request did not validate).
    Failed {
        /// The run's generation.
        generation: u64,
        /// Why.
        message: String,
    },
}

impl Update {
    /// The generation of the run the update is about.
    pub fn generation(&self) -> u64 {
        match self {
            Update::Progress { generation, .. }
            | Update::Preliminary { generation, .. }
            | Update::Finished { generation, .. }
            | Update::Sensitivity { generation, .. }
            | Update::Failed { generation, .. } => *generation,
        }
    }

    /// The same news of the run of generation `to`.
    pub(crate) fn of_generation(mut self, to: u64) -> Update {
        match &mut self {
            Update::Progress { generation, .. }
            | Update::Preliminary { generation, .. }
            | Update::Finished { generation, .. }
            | Update::Sensitivity { generation, .. }
            | Update::Failed { generation, .. } => *generation = to,
        }
        self
    }
}

/// A run in progress.
#[derive(Debug, Clone)]
pub struct Job {
    generation: u64,
    valid: ValidScenario,
    work: Work,
    /// When the first step began, by the caller's clock [ms].
    started_ms: Option<f64>,
}

#[derive(Debug, Clone)]
enum Work {
    Report {
        params: Vec<Params>,
        /// Every draw of the run, by index, once computed here or received.
        draws: Vec<Option<DrawResult>>,
        /// How many of `draws` are in.
        filled: u32,
        /// The ranges of draws this job computes itself, the next first.
        own: Vec<Range<u32>>,
        /// The ranges for other workers, until handed out by [`Job::shares`].
        shares: Vec<Range<u32>>,
        /// Draws per step.
        step: u32,
        /// The first draws, whose report goes out as a preliminary once they are in (none when
        /// they are all).
        preliminary_at: Option<u32>,
    },
    Sensitivity {
        policy: usize,
        run: Box<SensitivityRun>,
    },
    Done,
}

impl Job {
    /// Prepares `task` on a validated scenario. A sensitivity task whose policy set does not
    /// exist does nothing.
    pub fn new(generation: u64, task: Task, valid: ValidScenario) -> Job {
        Job::pooled(generation, task, valid, 1)
    }

    /// [`Job::new`] for a coordinating worker with `workers` workers in all (itself included):
    /// a report run's draws split into contiguous ranges ([`pool::split`]), the first (which
    /// holds the preliminary report's draws) computed here, the others handed out by
    /// [`Job::shares`] and their draws taken in by [`Job::receive`]. A sensitivity analysis
    /// runs here whole.
    pub fn pooled(generation: u64, task: Task, valid: ValidScenario, workers: u32) -> Job {
        let work = match task {
            Task::Report => {
                let params = sim::draw_parameters(&valid);
                let total = params.len() as u32;
                let mut ranges = pool::split(total, workers);
                let own = if ranges.is_empty() {
                    Vec::new()
                } else {
                    vec![ranges.remove(0)]
                };
                Work::Report {
                    draws: vec![None; params.len()],
                    params,
                    filled: 0,
                    own,
                    shares: ranges,
                    step: pool::step_draws(&valid),
                    preliminary_at: preliminary_draws(total),
                }
            }
            // The first set is the baseline: its tornado is of total spend, any other set's of
            // its difference from the baseline.
            Task::Sensitivity(policy) if policy < valid.policies.len() => Work::Sensitivity {
                policy,
                run: Box::new(if policy == 0 {
                    SensitivityRun::new(&valid, policy, SENSITIVITY_DRAWS)
                } else {
                    SensitivityRun::difference(&valid, policy, 0, SENSITIVITY_DRAWS)
                }),
            },
            Task::Sensitivity(_) => Work::Done,
        };
        Job {
            generation,
            valid,
            work,
            started_ms: None,
        }
    }

    /// The run's generation.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The same run, as the run of generation `generation`.
    pub(crate) fn of_generation(self, generation: u64) -> Job {
        Job { generation, ..self }
    }

    /// Whether every step is done.
    pub fn is_done(&self) -> bool {
        matches!(self.work, Work::Done)
    }

    /// Whether [`Job::step`] has work to do here: its own draws, or, once they are done and
    /// every share is handed out, draws the other workers have not sent yet
    /// ([`Job::is_helping`]).
    pub fn has_own_work(&self) -> bool {
        match &self.work {
            Work::Report { own, .. } => !own.is_empty() || self.is_helping(),
            Work::Sensitivity { .. } => true,
            Work::Done => false,
        }
    }

    /// Whether the next step computes a draw of another worker's share: this job's own draws
    /// are done, every share is handed out and some of their draws are not in. It computes
    /// them one at a time from the end of the share furthest behind, so that a slower or
    /// stalled worker does not hold up the report; whichever copy of a draw comes in first is
    /// kept, and both are the same numbers.
    pub fn is_helping(&self) -> bool {
        match &self.work {
            Work::Report {
                own, shares, draws, ..
            } => own.is_empty() && shares.is_empty() && furthest_behind(draws).is_some(),
            _ => false,
        }
    }

    /// Whether the other workers' ranges may be handed out: once the preliminary report is
    /// out (or when there is none), so that until then its draws have the cores to themselves
    /// and the charts follow an edit as fast as with one worker.
    pub fn shares_due(&self) -> bool {
        match &self.work {
            Work::Report { preliminary_at, .. } => preliminary_at.is_none(),
            _ => true,
        }
    }

    /// The ranges of draws for the other workers, in order, each once (the first call takes
    /// them all).
    pub fn shares(&mut self) -> Vec<Range<u32>> {
        match &mut self.work {
            Work::Report { shares, .. } => std::mem::take(shares),
            _ => Vec::new(),
        }
    }

    /// Takes back `range`, handed out to a worker that failed: its draws not yet in are
    /// computed here.
    pub fn reclaim(&mut self, range: Range<u32>) {
        if let Work::Report { own, draws, .. } = &mut self.work {
            let range = range.start.min(draws.len() as u32)..range.end.min(draws.len() as u32);
            if range.start < range.end {
                own.insert(0, range);
            }
        }
    }

    /// Takes in draws of this run computed by another worker, in order from draw `start`, and
    /// returns the news (as [`Job::step`]). Draws of another generation, beyond the run or
    /// already in are ignored.
    pub fn receive(
        &mut self,
        generation: u64,
        start: u32,
        received: Vec<DrawResult>,
        clock: &dyn Fn() -> f64,
    ) -> Vec<Update> {
        if generation != self.generation {
            return Vec::new();
        }
        if let Work::Report { draws, filled, .. } = &mut self.work {
            let slots = draws.iter_mut().skip(start as usize);
            for (slot, draw) in slots.zip(received) {
                if slot.is_none() {
                    *slot = Some(draw);
                    *filled += 1;
                }
            }
        }
        self.news(clock)
    }

    /// Progress, then the report when every draw is in or the preliminary report when its
    /// draws just came in.
    fn news(&mut self, clock: &dyn Fn() -> f64) -> Vec<Update> {
        let started = *self.started_ms.get_or_insert_with(clock);
        let generation = self.generation;
        let Work::Report {
            draws,
            filled,
            preliminary_at,
            ..
        } = &mut self.work
        else {
            return Vec::new();
        };
        let total = draws.len() as u32;
        let mut news = vec![Update::Progress {
            generation,
            done: *filled,
            total,
            elapsed_ms: clock() - started,
        }];
        if *filled == total {
            let all: Vec<DrawResult> = draws.drain(..).flatten().collect();
            news.push(Update::Finished {
                generation,
                report: Box::new(Report::new(&self.valid, &all)),
            });
            self.work = Work::Done;
        } else if let Some(at) = *preliminary_at {
            let first = &draws[..at as usize];
            if first.iter().all(Option::is_some) {
                let first: Vec<DrawResult> = first.iter().flatten().cloned().collect();
                news.push(Update::Preliminary {
                    generation,
                    report: Box::new(Report::new(&self.valid, &first)),
                });
                *preliminary_at = None;
            }
        }
        news
    }

    /// Carries out the next step and returns its news: progress (with the time since the first
    /// step began, by `clock` [ms], so the page can say how long is left), then a report or
    /// tornado when one is ready. Nothing once the job is done.
    pub fn step(&mut self, clock: &dyn Fn() -> f64) -> Vec<Update> {
        let started = *self.started_ms.get_or_insert_with(clock);
        let generation = self.generation;
        let mut news = Vec::new();
        match &mut self.work {
            Work::Report {
                params,
                draws,
                filled,
                own,
                shares,
                step,
                preliminary_at,
            } => {
                let (start, end) = if let Some(range) = own.first_mut() {
                    let start = range.start;
                    let mut end = (start + *step).min(range.end);
                    if let Some(at) = *preliminary_at {
                        if start < at {
                            end = end.min(at);
                        }
                    }
                    range.start = end;
                    if range.start >= range.end {
                        own.remove(0);
                    }
                    (start, end)
                } else if let Some(last) = furthest_behind(draws).filter(|_| shares.is_empty()) {
                    (last, last + 1)
                } else {
                    return news;
                };
                let computed = sim::run_draws(&self.valid, params, start..end);
                for (slot, draw) in draws[start as usize..].iter_mut().zip(computed) {
                    if slot.is_none() {
                        *slot = Some(draw);
                        *filled += 1;
                    }
                }
                return self.news(clock);
            }
            Work::Sensitivity { policy, run } => {
                run.step();
                news.push(Update::Progress {
                    generation,
                    done: run.done() as u32,
                    total: run.runs() as u32,
                    elapsed_ms: clock() - started,
                });
                if let Some(tornado) = run.tornado() {
                    news.push(Update::Sensitivity {
                        generation,
                        policy: *policy,
                        tornado: Box::new(tornado),
                    });
                    self.work = Work::Done;
                }
            }
            Work::Done => {}
        }
        news
    }
}

/// The least time between two progress updates of a run the page shows [ms]: a worker steps
/// (and a pool of them reports) every few tens of milliseconds, and each update shown draws
/// the page again, which with every core computing takes the time from a worker (the default
/// run on two workers took 6 % longer with updates every 150 ms: docs/measurements.md).
pub const PROGRESS_EVERY_MS: f64 = 300.0;

/// Which news of runs the page shows: all but progress of a run that comes within
/// [`PROGRESS_EVERY_MS`] of the last progress of it shown.
#[derive(Debug, Clone, Default)]
pub struct ProgressGate {
    /// The run and the time [ms] of the last progress shown.
    last: Option<(u64, f64)>,
}

impl ProgressGate {
    /// Whether to show `update`, arriving at `now_ms` [ms].
    pub fn admit(&mut self, update: &Update, now_ms: f64) -> bool {
        let Update::Progress { generation, .. } = update else {
            return true;
        };
        if let Some((shown, at)) = self.last {
            if shown == *generation && now_ms - at < PROGRESS_EVERY_MS {
                return false;
            }
        }
        self.last = Some((*generation, now_ms));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pool::Share;
    use crate::sensitivity::tornado;

    fn small() -> ValidScenario {
        let mut s = Scenario::default();
        s.scale_developers(400);
        s.months = 6;
        s.uncertainty.draws = 30;
        s.validate(&Catalogue::builtin()).unwrap()
    }

    fn run_to_end(mut job: Job) -> Vec<Update> {
        let mut news = Vec::new();
        while !job.is_done() {
            news.extend(job.step(&|| 0.0));
        }
        news
    }

    /// The draws done of each progress update in `news`, checking each counts `total` in all.
    fn progress_of(news: &[Update], total: u32) -> Vec<u32> {
        news.iter()
            .filter_map(|u| match u {
                Update::Progress {
                    done, total: all, ..
                } => {
                    assert_eq!(*all, total);
                    Some(*done)
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_report_run_reports_progress_a_preliminary_report_then_the_same_report_as_in_one_go() {
        let valid = small();
        let news = run_to_end(Job::new(7, Task::Report, valid.clone()));
        assert!(news.iter().all(|u| u.generation() == 7));
        let progress = progress_of(&news, 30);
        assert!(progress.windows(2).all(|w| w[0] < w[1]), "{progress:?}");
        assert_eq!(
            progress.first(),
            Some(&3),
            "the first step stops at 3 draws for the preview"
        );
        assert_eq!(progress.last(), Some(&30));
        let preliminary: Vec<&Report> = news
            .iter()
            .filter_map(|u| match u {
                Update::Preliminary { report, .. } => Some(&**report),
                _ => None,
            })
            .collect();
        assert_eq!(preliminary.len(), 1);
        assert_eq!(preliminary[0].draws, 3);
        let Some(Update::Finished { report, .. }) = news.last() else {
            panic!("the run ends with its report: {news:?}");
        };
        assert_eq!(**report, Report::simulate(&valid));
    }

    /// Runs `valid` as a coordinating job with `workers` workers: the other workers' shares
    /// computed by [`pool::Part`]s, their steps delivered in turn with the job's own (the last
    /// share's first, to show order does not matter). Every update, in order.
    fn pooled_run(valid: &ValidScenario, workers: u32) -> Vec<Update> {
        let catalogue = Catalogue::builtin();
        let request = Request::new(7, Task::Report, valid, &catalogue);
        let mut job = request.clone().pooled_job(workers).unwrap();
        let mut parts: Vec<pool::Part> = job
            .shares()
            .into_iter()
            .rev()
            .map(|r| {
                pool::Part::new(Share {
                    request: request.clone(),
                    start: r.start,
                    end: r.end,
                })
                .unwrap()
            })
            .collect();
        assert_eq!(parts.len() as u32, workers - 1);
        assert!(job.shares().is_empty(), "shares are handed out once");
        let mut news = Vec::new();
        while !job.is_done() {
            if job.has_own_work() {
                news.extend(job.step(&|| 0.0));
            }
            for part in &mut parts {
                if let Some((start, draws)) = part.step() {
                    news.extend(job.receive(7, start, draws, &|| 0.0));
                }
            }
        }
        news
    }

    #[test]
    fn a_run_split_across_one_two_or_three_workers_gives_the_same_report_as_one_run() {
        let valid = small();
        let alone = Report::simulate(&valid);
        for workers in [1, 2, 3] {
            let news = pooled_run(&valid, workers);
            let done = progress_of(&news, 30);
            assert!(done.windows(2).all(|w| w[0] < w[1]), "{done:?}");
            assert_eq!(
                done.last(),
                Some(&30),
                "progress counts every worker's draws"
            );
            let preliminary: Vec<&Report> = news
                .iter()
                .filter_map(|u| match u {
                    Update::Preliminary { report, .. } => Some(&**report),
                    _ => None,
                })
                .collect();
            assert_eq!(preliminary.len(), 1, "{workers} workers");
            assert_eq!(preliminary[0].draws, 3);
            let Some(Update::Finished { report, .. }) = news.last() else {
                panic!("the run ends with its report");
            };
            assert_eq!(**report, alone, "{workers} workers");
            assert_eq!(report.to_json(), alone.to_json(), "the same bytes");
        }
    }

    #[test]
    fn shares_fall_due_once_the_preliminary_report_is_out() {
        let valid = small();
        let mut job = Job::pooled(4, Task::Report, valid.clone(), 2);
        assert!(
            !job.shares_due(),
            "the preliminary draws first have the cores"
        );
        let mut preliminary = false;
        while !preliminary {
            assert!(!job.shares_due());
            preliminary = job
                .step(&|| 0.0)
                .iter()
                .any(|u| matches!(u, Update::Preliminary { .. }));
        }
        assert!(job.shares_due());
        assert_eq!(job.shares(), vec![16..30]);
        assert!(Job::new(6, Task::Sensitivity(0), small()).shares_due());
    }

    #[test]
    fn a_pooled_run_ignores_stale_and_repeated_draws_and_takes_back_a_failed_share() {
        let valid = small();
        let mut job = Job::pooled(9, Task::Report, valid.clone(), 2);
        let shares = job.shares();
        assert_eq!(shares, vec![16..30]);
        let late = sim::run_draws(&valid, &sim::draw_parameters(&valid), 18..23);
        assert!(
            job.receive(8, 18, late.clone(), &|| 0.0).is_empty(),
            "another run's"
        );
        let news = job.receive(9, 18, late.clone(), &|| 0.0);
        assert!(
            matches!(news[..], [Update::Progress { done: 5, .. }]),
            "{news:?}"
        );
        let news = job.receive(9, 18, late, &|| 0.0);
        assert!(
            matches!(news[..], [Update::Progress { done: 5, .. }]),
            "counted once"
        );
        job.reclaim(shares[0].clone());
        let mut last = Vec::new();
        while job.has_own_work() {
            last = job.step(&|| 0.0);
        }
        assert!(job.is_done());
        let Some(Update::Finished { report, .. }) = last.last() else {
            panic!("the run ends with its report: {last:?}");
        };
        assert_eq!(**report, Report::simulate(&valid));
    }

    /// A job on two workers whose own draws are done and whose one share (`16..30`) is handed
    /// out: the coordinating worker's side of a run whose other worker is slow.
    fn waiting_for_the_other_worker(valid: &ValidScenario) -> Job {
        let mut job = Job::pooled(9, Task::Report, valid.clone(), 2);
        while !job.shares_due() {
            job.step(&|| 0.0);
        }
        assert_eq!(job.shares(), vec![16..30]);
        while !job.is_helping() {
            assert!(job.has_own_work());
            job.step(&|| 0.0);
        }
        job
    }

    #[test]
    fn a_coordinating_worker_whose_draws_are_done_computes_a_slow_share_from_its_end() {
        let valid = small();
        let alone = Report::simulate(&valid);
        let params = sim::draw_parameters(&valid);
        let mut job = waiting_for_the_other_worker(&valid);
        // The other worker sends its first four draws while this one computes three.
        job.receive(9, 16, sim::run_draws(&valid, &params, 16..20), &|| 0.0);
        for done in [21, 22, 23] {
            assert!(job.is_helping());
            let news = job.step(&|| 0.0);
            assert!(
                matches!(news[..], [Update::Progress { done: d, .. }] if d == done),
                "one draw a step: {news:?}"
            );
        }
        // Those three were the share's last: its worker's next draws complete the run.
        let news = job.receive(9, 20, sim::run_draws(&valid, &params, 20..27), &|| 0.0);
        let Some(Update::Finished { report, .. }) = news.last() else {
            panic!("draws 27..30 were computed here: {news:?}");
        };
        assert_eq!(**report, alone);
        assert!(job.is_done() && !job.has_own_work() && !job.is_helping());
    }

    #[test]
    fn a_run_whose_other_worker_never_answers_ends_with_the_same_report() {
        let valid = small();
        let mut job = waiting_for_the_other_worker(&valid);
        let mut steps = 0;
        let mut last = Vec::new();
        while job.has_own_work() {
            last = job.step(&|| 0.0);
            steps += 1;
        }
        assert_eq!(steps, 14, "the share's 14 draws, one a step");
        let Some(Update::Finished { report, .. }) = last.last() else {
            panic!("the run ends with its report: {last:?}");
        };
        assert_eq!(**report, Report::simulate(&valid));
        assert!(
            job.receive(
                9,
                16,
                sim::run_draws(&valid, &sim::draw_parameters(&valid), 16..20),
                &|| 0.0
            )
            .is_empty(),
            "draws that come in after the report are ignored"
        );
    }

    #[test]
    fn a_coordinating_worker_does_not_compute_shares_before_they_are_handed_out() {
        let valid = small();
        let mut job = Job::pooled(2, Task::Report, valid.clone(), 2);
        while !job.shares_due() {
            job.step(&|| 0.0);
        }
        while job.has_own_work() {
            assert!(!job.is_helping(), "the shares are still to hand out");
            job.step(&|| 0.0);
        }
        assert!(!job.is_done(), "draws 16..30 wait for the other worker");
        assert_eq!(job.shares(), vec![16..30]);
        assert!(job.is_helping());
    }

    #[test]
    fn a_sensitivity_run_gives_the_tornado_computed_in_one_go_of_the_difference_from_the_first_set()
    {
        let valid = small();
        let news = run_to_end(Job::new(3, Task::Sensitivity(1), valid.clone()));
        let runs = 1 + 2 * valid.priors.len() as u32;
        assert_eq!(
            news.len() as u32,
            runs + 1,
            "one progress per run, then the tornado"
        );
        let Some(Update::Sensitivity {
            policy, tornado: t, ..
        }) = news.last()
        else {
            panic!("the run ends with its tornado: {news:?}");
        };
        assert_eq!(*policy, 1);
        assert_eq!(
            **t,
            crate::sensitivity::difference_tornado(&valid, 1, 0, SENSITIVITY_DRAWS)
        );
        let news = run_to_end(Job::new(4, Task::Sensitivity(0), valid.clone()));
        let Some(Update::Sensitivity { tornado: t, .. }) = news.last() else {
            panic!("the run ends with its tornado: {news:?}");
        };
        assert_eq!(
            **t,
            tornado(&valid, 0, SENSITIVITY_DRAWS),
            "the baseline's own"
        );
    }

    #[test]
    fn a_sensitivity_run_of_a_missing_policy_set_does_nothing() {
        let job = Job::new(1, Task::Sensitivity(99), small());
        assert!(job.is_done());
    }

    /// A table other than the built-in one that prices `valid`'s models and `more`.
    fn other_table(valid: &ValidScenario, more: &[&str]) -> Catalogue {
        let ids = valid
            .models
            .iter()
            .map(String::as_str)
            .chain(more.iter().copied());
        builtin_prices().subset(ids)
    }

    #[test]
    fn a_request_crosses_as_bytes_and_revalidates_to_the_same_scenario() {
        let valid = small();
        let catalogue = other_table(&valid, &["gpt-5.4", "deepseek-v4-pro"]);
        let request = Request::new(5, Task::Report, &valid, &catalogue);
        let Prices::Table(prices) = &request.prices else {
            panic!("another table travels: {:?}", request.prices);
        };
        assert!(
            prices.len() < catalogue.to_json().len(),
            "only the models in use travel"
        );
        let bytes = ToWorker::Start(Box::new(request.clone())).to_bytes();
        let ToWorker::Start(back) = ToWorker::from_bytes(&bytes).unwrap() else {
            panic!("a start message");
        };
        assert_eq!(*back, request);
        let job = back.job().unwrap();
        assert_eq!(job.valid, valid);
        assert_eq!(job.generation(), 5);
    }

    #[test]
    fn the_built_in_table_is_named_not_sent_and_gives_the_same_job() {
        let valid = small();
        let builtin = Request::new(5, Task::Report, &valid, &Catalogue::builtin());
        assert_eq!(builtin.prices, Prices::Builtin);
        let bytes = ToWorker::Start(Box::new(builtin.clone())).to_bytes();
        assert!(
            bytes.len() < 4_000,
            "{} bytes: the scenario alone",
            bytes.len()
        );
        let ToWorker::Start(back) = ToWorker::from_bytes(&bytes).unwrap() else {
            panic!("a start message");
        };
        assert_eq!(*back, builtin);
        let table = Request::new(5, Task::Report, &valid, &other_table(&valid, &[]));
        assert!(matches!(table.prices, Prices::Table(_)));
        assert_eq!(back.job().unwrap().valid, table.job().unwrap().valid);
    }

    #[test]
    fn a_request_carries_the_models_a_discount_names() {
        let mut scenario = small().scenario;
        scenario.pricing.discounts = vec![crate::scenario::Discount {
            provider: None,
            model: Some("deepseek-v4-pro".into()),
            percent: 10.0,
        }];
        let catalogue = other_table(&small(), &["deepseek-v4-pro"]);
        let valid = scenario.validate(&catalogue).unwrap();
        let request = Request::new(1, Task::Report, &valid, &catalogue);
        assert!(matches!(request.prices, Prices::Table(_)));
        assert_eq!(request.job().unwrap().valid, valid);
    }

    #[test]
    fn a_request_whose_scenario_does_not_validate_says_why() {
        let valid = small();
        let mut request = Request::new(1, Task::Report, &valid, &Catalogue::builtin());
        request.scenario.model_mix[0].model = "no-such-model".into();
        let message = request.job().unwrap_err();
        assert!(message.contains("no-such-model"), "{message}");
    }

    #[test]
    fn a_question_for_the_solver_crosses_as_bytes_and_is_answered_as_on_the_page() {
        let valid = small();
        let question = Question::Headcount {
            budget_usd: 300_000.0,
            probability: 0.9,
        };
        for catalogue in [Catalogue::builtin(), other_table(&valid, &["gpt-5.4"])] {
            let request = SolveRequest::new(7, question, 1, &valid, &catalogue);
            let bytes = ToWorker::Solve(Box::new(request.clone())).to_bytes();
            let Ok(ToWorker::Solve(back)) = ToWorker::from_bytes(&bytes) else {
                panic!("a question for the solver");
            };
            assert_eq!(*back, request);
            let on_page = question.answer(&valid, &catalogue, 1, &|_| {}).unwrap();
            let runs = std::cell::RefCell::new(Vec::new());
            assert_eq!(
                back.answer(&|n| runs.borrow_mut().push(n)).unwrap(),
                on_page
            );
            let runs = runs.into_inner();
            assert_eq!(
                runs.len(),
                on_page.solution.runs,
                "news of every run, in order"
            );
            assert!(
                runs.iter().enumerate().all(|(i, &n)| n == i + 1),
                "{runs:?}"
            );
        }
        let mut request = SolveRequest::new(8, question, 0, &valid, &Catalogue::builtin());
        request.scenario.model_mix[0].model = "no-such-model".into();
        let message = request.answer(&|_| {}).unwrap_err();
        assert!(message.contains("no-such-model"), "{message}");
        let mut request = SolveRequest::new(9, question, 5, &valid, &Catalogue::builtin());
        request.question = Question::Budget { probability: 2.0 };
        let message = request.answer(&|_| {}).unwrap_err();
        assert!(message.contains("Probability it holds"), "{message}");
        let message = ToWorker::from_bytes(b"\x09\x00").unwrap_err();
        assert!(message.starts_with("a message to a worker"), "{message}");
    }

    #[test]
    fn an_answer_why_there_is_none_and_news_of_runs_cross_as_bytes_unchanged() {
        let valid = small();
        let answer = Question::Budget { probability: 0.9 }
            .answer(&valid, &Catalogue::builtin(), 0, &|_| {})
            .unwrap();
        for answer in [Ok(Box::new(answer)), Err("no such policy set".to_string())] {
            let message = FromWorker::Solved {
                generation: 3,
                answer,
            };
            let back = FromWorker::from_bytes(&message.to_bytes()).unwrap();
            assert_eq!(back, message);
        }
        let news = FromWorker::Solving {
            generation: 4,
            runs: 17,
        };
        assert_eq!(FromWorker::from_bytes(&news.to_bytes()).unwrap(), news);
    }

    #[test]
    fn an_imported_price_table_crosses_from_the_tools_worker_as_it_was_imported() {
        let day = crate::calendar::Date::from_ymd(2026, 12, 1).unwrap();
        for (file, format) in [
            ("litellm-sample.json", "auto"),
            ("openrouter-models-2026-08-01.json", "openrouter"),
        ] {
            let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            let action = PriceAction::import(Ok(text), (format, false), file, day, || 1.0);
            let PriceAction::Imported {
                result: Ok(direct), ..
            } = action.clone()
            else {
                panic!("{file} imports");
            };
            let message = FromWorker::Prices(PricesImported::new(action).unwrap());
            let Ok(FromWorker::Prices(back)) = FromWorker::from_bytes(&message.to_bytes()) else {
                panic!("{file}: an import crosses");
            };
            let ticks = std::cell::Cell::new(0.0);
            let clock = || {
                ticks.set(ticks.get() + 2.0);
                ticks.get()
            };
            let PriceAction::Imported {
                result: Ok(crossed),
                merge,
                elapsed_ms,
            } = back.into_action(clock)
            else {
                panic!("{file}: the table reads back");
            };
            assert_eq!(crossed, direct, "{file}");
            assert!(!merge);
            assert_eq!(elapsed_ms, 2.0, "the page's reading counts: {file}");
        }
        let refused = PriceAction::import(Err("HTTP 404".into()), ("auto", true), "x", day, || 0.0);
        let message = FromWorker::Prices(PricesImported::new(refused.clone()).unwrap());
        let Ok(FromWorker::Prices(back)) = FromWorker::from_bytes(&message.to_bytes()) else {
            panic!("a refusal crosses");
        };
        assert_eq!(back.into_action(|| 0.0), refused);
        assert_eq!(PricesImported::new(PriceAction::ClearImport), None);
    }

    #[test]
    fn an_export_is_made_in_the_tools_worker_as_on_the_command_line() {
        let valid = small();
        let report = Report::simulate(&valid);
        for catalogue in [Catalogue::builtin(), other_table(&valid, &["gpt-5.4"])] {
            let valid = valid.scenario.validate(&catalogue).unwrap();
            for download in [Download::Workbook, Download::Draws, Download::Focus] {
                let bytes = ExportRequest::bytes(download, &valid, &catalogue, &report);
                let request = ExportRequest::from_bytes(&bytes).unwrap();
                let message = FromWorker::Exported(request.file());
                let Ok(FromWorker::Exported(Ok(file))) =
                    FromWorker::from_bytes(&message.to_bytes())
                else {
                    panic!("{download:?} crosses");
                };
                assert_eq!(file, download.file(&valid, &report), "{download:?}");
            }
        }
        // A report of an earlier version of the scenario (fewer months) is refused, not misread.
        let mut shorter = valid.scenario.clone();
        shorter.months = 3;
        let shorter = shorter.validate(&Catalogue::builtin()).unwrap();
        for download in [Download::Focus, Download::Workbook] {
            let bytes = ExportRequest::bytes(download, &shorter, &Catalogue::builtin(), &report);
            let file = ExportRequest::from_bytes(&bytes).unwrap().file();
            assert_eq!(file, Err(STALE_RESULTS.to_string()), "{download:?}");
        }
        let refused =
            FromWorker::Exported(ExportRequest::from_bytes(&[7, 1]).and_then(|r| r.file()));
        assert!(matches!(
            FromWorker::from_bytes(&refused.to_bytes()),
            Ok(FromWorker::Exported(Err(e))) if e.starts_with("an export:")
        ));
    }

    #[test]
    fn reports_and_tornados_cross_as_bytes_unchanged() {
        let valid = small();
        let news = run_to_end(Job::new(2, Task::Report, valid.clone()));
        let news = news
            .into_iter()
            .chain(run_to_end(Job::new(3, Task::Sensitivity(0), valid)));
        for update in news {
            let bytes = FromWorker::Update(update.clone()).to_bytes();
            let back = FromWorker::from_bytes(&bytes).unwrap();
            assert_eq!(back, FromWorker::Update(update));
        }
    }

    #[test]
    fn a_message_with_a_nan_figure_crosses_again_as_the_same_bytes() {
        // Found by fuzzing (worker_messages): postcard carries NaN, which JSON could not, so a
        // message read and written again is compared by its bytes. (Its first byte, the kind of
        // message, as messages from a worker are written since they are all postcard.)
        let found = "AQD/////////IjAuMDA1Iv////////////////////////////////////////////////8idG9rZW5fIm51bGwic3BlbmRfdXNkIgH//2L/////////////////////////////////////////////////////////InRva2VuXyJudWxsInNwZW5kX3VzZCIB5MgBAAAxQOTIAQAAMUAiaW4tbWVtb3J5Ig==";
        use base64::Engine;
        let input = base64::engine::general_purpose::STANDARD
            .decode(found)
            .unwrap();
        let message = FromWorker::from_bytes(&input).unwrap();
        let FromWorker::Update(Update::Progress { elapsed_ms, .. }) = message else {
            panic!("{message:?}");
        };
        assert!(elapsed_ms.is_nan());
        let bytes = message.to_bytes();
        assert_eq!(FromWorker::from_bytes(&bytes).unwrap().to_bytes(), bytes);
    }

    #[test]
    fn ready_and_not_understood_are_the_bytes_the_browser_suite_s_stand_in_worker_sends() {
        // tests/e2e/finance.test.mjs stands in a tools worker that posts these bytes.
        assert_eq!(FromWorker::Ready.to_bytes(), [0]);
        assert_eq!(FromWorker::NotUnderstood.to_bytes(), [8]);
    }

    #[test]
    fn a_damaged_message_from_the_worker_is_an_error_not_a_panic() {
        let bytes = FromWorker::Ready.to_bytes();
        assert!(FromWorker::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(FromWorker::from_bytes(&[0xff, 0xfe]).is_err());
    }

    #[test]
    fn a_calibration_request_and_its_news_cross_unchanged() {
        let request = BatchRequest {
            generation: 9,
            names: vec!["a.csv".into()],
            sizes: vec![12],
            options: crate::calibrate::Options {
                cap_usd: Some(1500.0),
                seats: Some(300),
            },
            base: Scenario::default().to_json(),
        };
        let message = ToWorker::Calibrate(Box::new(request));
        assert_eq!(ToWorker::from_bytes(&message.to_bytes()).unwrap(), message);
        let outcome = crate::calibrate::batch::run(
            &BatchRequest {
                generation: 9,
                names: vec!["a.csv".into()],
                sizes: vec![3],
                options: crate::calibrate::Options::default(),
                base: Scenario::default().to_json(),
            },
            vec![("a.csv".to_string(), b"x,y".as_slice())],
            &mut |_| {},
            &|| 0.0,
        );
        for news in [
            UsageNews::Progress {
                generation: 9,
                done: 1,
                total: 3,
            },
            UsageNews::Finished(Box::new(outcome)),
        ] {
            let bytes = FromWorker::Usage(news.clone()).to_bytes();
            assert_eq!(
                FromWorker::from_bytes(&bytes).unwrap(),
                FromWorker::Usage(news)
            );
        }
    }

    #[test]
    fn progress_carries_the_time_since_the_first_step_by_the_callers_clock() {
        let mut job = Job::new(1, Task::Report, small());
        let ticks = std::cell::Cell::new(1_000.0);
        let clock = || {
            ticks.set(ticks.get() + 10.0);
            ticks.get()
        };
        let mut elapsed = Vec::new();
        while !job.is_done() {
            for u in job.step(&clock) {
                if let Update::Progress { elapsed_ms, .. } = u {
                    elapsed.push(elapsed_ms);
                }
            }
        }
        assert_eq!(
            elapsed[0], 10.0,
            "first step: started at 1,010, done at 1,020"
        );
        assert!(elapsed.windows(2).all(|w| w[1] > w[0]), "{elapsed:?}");
    }

    #[test]
    fn the_default_run_is_estimated_at_a_few_seconds_in_the_page() {
        let t = estimated_seconds(&Scenario::default(), 1);
        assert!((2.0..3.5).contains(&t), "{t}");
        let mut big = Scenario::default();
        big.scale_developers(100_000);
        let t = estimated_seconds(&big, 1);
        assert!(t > LONG_RUN_SECONDS, "{t}");
    }

    #[test]
    fn a_sampled_organisation_is_estimated_by_the_developers_a_draw_simulates() {
        let sized = |n: u64| {
            let mut s = Scenario::default();
            s.scale_developers(u32::try_from(n).unwrap());
            s
        };
        let (million, sample) = (sized(1_000_000), sized(crate::sampling::SAMPLE_SIZE));
        assert_eq!(report_work(&million), report_work(&sample));
        assert_eq!(
            estimated_seconds(&million, 1),
            estimated_seconds(&sample, 1)
        );
        // Up to the sampling threshold everyone is counted.
        let whole = sized(crate::sampling::SAMPLE_ABOVE);
        assert_eq!(report_work(&whole), 2 * report_work(&sample));
    }

    #[test]
    fn progress_is_shown_at_most_every_300_ms_and_reports_always() {
        let progress = |generation, done| Update::Progress {
            generation,
            done,
            total: 200,
            elapsed_ms: 0.0,
        };
        let mut gate = ProgressGate::default();
        let shown: Vec<u32> = [0.0, 40.0, 150.0, 299.0, 300.0, 400.0, 610.0]
            .iter()
            .zip(1..)
            .filter(|(at, done)| gate.admit(&progress(1, *done), **at))
            .map(|(_, done)| done)
            .collect();
        assert_eq!(shown, vec![1, 5, 7]);
        assert!(
            gate.admit(&progress(2, 1), 620.0),
            "a new run's first progress shows"
        );
        assert!(!gate.admit(&progress(2, 2), 630.0));
        let failed = Update::Failed {
            generation: 2,
            message: "no".into(),
        };
        assert!(
            gate.admit(&failed, 631.0),
            "news other than progress always shows"
        );
    }

    #[test]
    fn the_preliminary_report_comes_after_a_rounded_up_share_of_the_draws_at_least_three() {
        assert_eq!(preliminary_draws(200), Some(3));
        assert_eq!(preliminary_draws(400), Some(6));
        assert_eq!(
            preliminary_draws(1000),
            Some(15),
            "exactly 1.5 %, not one more"
        );
        assert_eq!(preliminary_draws(1001), Some(16));
        assert_eq!(preliminary_draws(10), Some(3));
        assert_eq!(preliminary_draws(3), None, "not fewer than all");
        assert_eq!(preliminary_draws(0), None);
    }

    #[test]
    fn a_pool_divides_the_estimate_by_the_largest_share_of_the_draws() {
        let default = Scenario::default();
        let one = estimated_seconds(&default, 1);
        // 200 draws on two workers: 99 and 101 (the preliminary report's 3 among the first 99).
        let two = estimated_seconds(&default, 2);
        assert!((two - one * 101.0 / 200.0).abs() < 1e-9, "{one} then {two}");
        let four = estimated_seconds(&default, 4);
        assert!(
            (four - one * 50.0 / 200.0).abs() < 1e-9,
            "{one} then {four}"
        );
        assert_eq!(estimated_seconds(&default, 0), one, "no pool is one worker");
        let mut few = Scenario::default();
        few.uncertainty.draws = 1;
        assert_eq!(
            estimated_seconds(&few, 4),
            estimated_seconds(&few, 1),
            "one draw runs on one worker whatever the pool"
        );
        // A run held on one worker (over a minute) that a pool of four brings under it.
        let mut big = Scenario::default();
        big.scale_developers(100_000);
        assert!(estimated_seconds(&big, 1) > LONG_RUN_SECONDS);
        assert!(estimated_seconds(&big, 4) < LONG_RUN_SECONDS);
    }
}
