//! Where Monte Carlo runs are carried out: in a web worker that loads this same WebAssembly
//! module ([`serve`] is its entry point), or, where no worker can start, on the page between
//! frames. Either way the work is the core's [`Job`], a step at a time.
//!
//! That worker coordinates a pool ([`crate::pool`]): told the pool's size by the page (the
//! browser's cores, capped at [`pool::MAX_WORKERS`]), it starts the other workers from the same
//! script once its first report is out (a first run is its alone unless it is estimated to
//! take over [`pool::ALONE_SECONDS`]; the page's estimates of run time count the pool: see
//! [`planned_workers`]), computes the first share
//! of each report run's draws itself (the preliminary report's draws among them) and, once the
//! preliminary report is out, hands each other worker a contiguous share; it takes in their
//! draws as flat buffers ([`crate::sim::flat`], their memory transferred) and builds the
//! reports, so the page's thread only ever reads finished reports. Once its own draws are done,
//! the coordinating worker computes the draws still missing, one at a time from the end of the
//! share furthest behind ([`Job::is_helping`]), so a slower worker does not hold up the report,
//! and stops the pool's shares when the run is done. A worker of the pool that fails leaves it
//! and its draws are computed by the coordinating worker.
//!
//! The worker's script is written by the build (`scripts/csp.mjs`) and named in the page's
//! `<meta name="burnrate-worker">`; without that tag (for example under `wasm-bindgen-test`) or
//! when the worker fails to start, runs fall back to the page. Every worker runs the module the
//! page compiled: [`spawn`] hands it over as the worker's first message, and the script keeps
//! what arrives while the module starts for [`serve`], so a worker is sent work at once. The
//! page starts the simulation worker from a script of its own in its head, before the module
//! is fetched; its start-up script hands the worker the compiled module and waits until the
//! worker has it (messages to a worker wait on the page's thread until that thread has seen
//! the worker's script run); the app takes that worker before it mounts ([`start_early`]) and
//! sends the first run during its first render, so the worker's start and the first run
//! overlap the mount. When the page opens the default scenario (a first visit: no link, no
//! autosave), it tells the worker so before it mounts, and the worker begins that scenario's
//! run ([`HeadStart`]) and hands it over, preliminary report and all, when the page's request
//! is for the same run.

use crate::head_start::HeadStart;
use crate::pool::{self, Part, Share};
use crate::pricing::Catalogue;
use crate::runner::{FromWorker, Job, ProgressGate, Request, Task, ToWorker, Update};
use crate::session::PendingRun;
use crate::sim::flat;
use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// How long the worker computes before it yields to read its messages [ms].
const WORKER_SLICE_MS: f64 = 40.0;

/// The name of the page's simulation worker (the start-up script's, `scripts/csp.mjs`, is the
/// same).
const SIMULATION_WORKER: &str = "burnrate-simulation";

/// The local-storage entry that forces the number of workers a report runs on (a whole number
/// from 1 to [`pool::MAX_FORCED_WORKERS`]), to compare pool sizes on one machine.
const FORCED_WORKERS_KEY: &str = "burnrate.workers";

/// Whether this instance of the module runs in a dedicated worker.
pub fn in_worker() -> bool {
    js_sys::global().has_type::<DedicatedWorkerGlobalScope>()
}

thread_local! {
    /// The worker's run in progress.
    static JOB: RefCell<Option<Job>> = const { RefCell::new(None) };
    /// Thins out the progress of the worker's runs sent to the page ([`post_update`]).
    static PAGE_GATE: RefCell<ProgressGate> = RefCell::new(ProgressGate::default());
    /// The page's likely first run, begun before it is asked for ([`HeadStart`]).
    static HEAD_START: RefCell<Option<HeadStart>> = const { RefCell::new(None) };
    /// The worker's share of a run another worker coordinates.
    static PART: RefCell<Option<Part>> = const { RefCell::new(None) };
    /// Whether the worker's loop over [`JOB`], [`PART`] and [`HEAD_START`] is running.
    static LOOPING: Cell<bool> = const { Cell::new(false) };
    /// The other workers of the pool, when this worker coordinates report runs.
    static POOL: RefCell<Vec<Helper>> = const { RefCell::new(Vec::new()) };
    /// The page's simulation worker, started before the app mounts, until the app's
    /// [`Runner`] takes it.
    static EARLY: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// The id of the next worker of the pool.
    static NEXT_HELPER: Cell<u32> = const { Cell::new(0) };
    /// The pool the page asked for (workers in all, the script), until it is started: after
    /// this worker's first report (or with a first run estimated over
    /// [`pool::ALONE_SECONDS`]), so that the others' start does not compete with the first
    /// chart for the cores.
    static WANTED_POOL: RefCell<Option<(u32, String)>> = const { RefCell::new(None) };
    /// The run whose draws the other workers are to share, until its preliminary report is
    /// out ([`Job::shares_due`]).
    static TO_SHARE: RefCell<Option<Request>> = const { RefCell::new(None) };
}

/// Another worker of the pool, seen from the coordinating one.
struct Helper {
    id: u32,
    worker: Worker,
    /// The generation and draws of the share it computes, taken back if it fails.
    share: Option<(u64, Range<u32>)>,
    _callbacks: [Closure<dyn FnMut(web_sys::Event)>; 2],
}

/// The worker's entry point: listens for [`ToWorker`] messages and answers with [`FromWorker`].
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let Some(bytes) = event.data().dyn_into::<js_sys::Uint8Array>().ok() else {
            return;
        };
        match ToWorker::from_bytes(&bytes.to_vec()) {
            Ok(ToWorker::Start(request)) => start(*request),
            Ok(ToWorker::Cancel) => {
                HEAD_START.with(|h| *h.borrow_mut() = None);
                JOB.with(|j| *j.borrow_mut() = None);
                PART.with(|p| *p.borrow_mut() = None);
                cancel_helpers();
            }
            Ok(ToWorker::Pool { workers, script }) => {
                WANTED_POOL.with(|w| *w.borrow_mut() = Some((workers, script)))
            }
            Ok(ToWorker::Share(share)) => {
                let generation = share.request.generation;
                match Part::new(*share) {
                    Ok(part) => {
                        PART.with(|p| *p.borrow_mut() = Some(part));
                        keep_working();
                    }
                    Err(message) => post(&FromWorker::Update(Update::Failed {
                        generation,
                        message,
                    })),
                }
            }
            Ok(ToWorker::HeadStart) => {
                if JOB.with(|j| j.borrow().is_none()) {
                    HEAD_START.with(|h| *h.borrow_mut() = HeadStart::default_run());
                    keep_working();
                }
            }
            Ok(ToWorker::Solve(request)) => {
                let generation = request.generation;
                let on_run = |runs: usize| {
                    post(&FromWorker::Solving {
                        generation,
                        runs: runs as u32,
                    })
                };
                post(&FromWorker::Solved {
                    generation,
                    answer: request.answer(&on_run).map(Box::new),
                })
            }
            Ok(ToWorker::Calibrate(_) | ToWorker::ImportPrices { .. }) => {
                gloo::console::error!("Burnrate worker: a request for the tools worker")
            }
            Err(e) => gloo::console::error!(format!("Burnrate worker: unreadable message: {e}")),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromWorker::Ready);
}

/// Starts `request`, dropping any other run: a report run's draws split between this worker
/// and the other workers of the pool, which a report run estimated over
/// [`pool::ALONE_SECONDS`] on one worker starts if no report has yet.
fn start(request: Request) {
    cancel_helpers();
    if request.task == Task::Report
        && crate::runner::estimated_seconds(&request.scenario, 1) > pool::ALONE_SECONDS
    {
        if let Some((workers, script)) = WANTED_POOL.with(|w| w.borrow_mut().take()) {
            start_helpers(workers, &script);
        }
    }
    let generation = request.generation;
    let helpers = POOL.with(|p| p.borrow().len() as u32);
    let workers = if request.task == Task::Report {
        helpers + 1
    } else {
        1
    };
    let shared = (workers > 1).then(|| request.clone());
    let head_start = HEAD_START.with(|h| h.borrow_mut().take());
    if let Some((job, news)) = head_start.and_then(|h| h.claim(&request, workers)) {
        JOB.with(|j| *j.borrow_mut() = Some(job));
        post_news(news);
        keep_working();
        return;
    }
    match request.pooled_job(workers) {
        Ok(job) => {
            TO_SHARE.with(|t| *t.borrow_mut() = shared);
            JOB.with(|j| *j.borrow_mut() = Some(job));
            share_when_due();
            keep_working();
        }
        Err(message) => {
            JOB.with(|j| *j.borrow_mut() = None);
            post(&FromWorker::Update(Update::Failed {
                generation,
                message,
            }));
        }
    }
}

/// Hands out the run's shares to the other workers once they are due.
fn share_when_due() {
    let due = JOB.with(|j| {
        let mut slot = j.borrow_mut();
        let job = slot.as_mut().filter(|job| job.shares_due())?;
        let request = TO_SHARE.with(|t| t.borrow_mut().take())?;
        Some((request, job.shares()))
    });
    if let Some((request, shares)) = due {
        hand_out(&request, shares);
    }
}

/// Sends each of `shares` of `request` to a worker of the pool, in order.
fn hand_out(request: &Request, shares: Vec<Range<u32>>) {
    POOL.with(|p| {
        for (helper, range) in p.borrow_mut().iter_mut().zip(shares) {
            let share = Share {
                request: request.clone(),
                start: range.start,
                end: range.end,
            };
            helper.share = Some((request.generation, range));
            send(&helper.worker, &ToWorker::Share(Box::new(share)));
        }
    });
}

/// Stops the shares the pool's workers compute: when a run starts, and when it is done
/// ([`on_job`]).
fn cancel_helpers() {
    POOL.with(|p| {
        for helper in p.borrow_mut().iter_mut() {
            if helper.share.take().is_some() {
                send(&helper.worker, &ToWorker::Cancel);
            }
        }
    });
}

/// Starts the other `workers − 1` workers of the pool from `script` (once).
fn start_helpers(workers: u32, script: &str) {
    if POOL.with(|p| !p.borrow().is_empty()) {
        return;
    }
    for _ in 1..workers {
        let id = NEXT_HELPER.with(|n| n.replace(n.get() + 1));
        let worker = match spawn(script, &format!("burnrate-draws-{id}")) {
            Ok(worker) => worker,
            Err(e) => {
                gloo::console::warn!("Burnrate worker: a worker of the pool did not start:", e);
                return;
            }
        };
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            from_helper(id, &event.unchecked_into::<MessageEvent>().data());
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            helper_failed(id);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        POOL.with(|p| {
            p.borrow_mut().push(Helper {
                id,
                worker,
                share: None,
                _callbacks: [on_message, on_error],
            })
        });
    }
}

/// A message from worker `id` of the pool: draws of its share, or its failure.
fn from_helper(id: u32, data: &JsValue) {
    if js_sys::Array::is_array(data) {
        let parts = js_sys::Array::from(data);
        let header = read(&parts.get(0)).and_then(Result::ok);
        let buffer = parts.get(1).dyn_into::<js_sys::Float64Array>().ok();
        let (Some(FromWorker::Draws { generation, start }), Some(buffer)) = (header, buffer) else {
            gloo::console::error!("Burnrate worker: unreadable draws from the pool");
            return helper_failed(id);
        };
        match flat::decode(&buffer.to_vec()) {
            Ok(draws) => {
                let news =
                    on_job(|job| Some(job.receive(generation, start, draws, &js_sys::Date::now)));
                for update in news.into_iter().flatten() {
                    post_update(update);
                }
            }
            Err(e) => {
                gloo::console::error!(format!("Burnrate worker: damaged draws: {e}"));
                helper_failed(id);
            }
        }
        return;
    }
    if let Some(Ok(FromWorker::Update(Update::Failed { message, .. }))) = read(data) {
        gloo::console::error!(format!("Burnrate worker: a share failed: {message}"));
        helper_failed(id);
    }
}

/// Worker `id` of the pool failed: it leaves the pool and this worker computes what is left of
/// its share.
fn helper_failed(id: u32) {
    let share = POOL.with(|p| {
        let mut pool = p.borrow_mut();
        let at = pool.iter().position(|h| h.id == id)?;
        let helper = pool.remove(at);
        helper.worker.terminate();
        helper.share
    });
    gloo::console::warn!("Burnrate worker: a worker of the pool failed; its draws run here");
    if let Some((generation, range)) = share {
        JOB.with(|j| {
            if let Some(job) = j
                .borrow_mut()
                .as_mut()
                .filter(|j| j.generation() == generation)
            {
                job.reclaim(range);
            }
        });
        keep_working();
    }
}

/// Starts the worker's loop unless it runs.
fn keep_working() {
    if !LOOPING.with(|l| l.replace(true)) {
        wasm_bindgen_futures::spawn_local(work());
    }
}

/// What a step of the worker's loop did.
enum Stepped {
    /// Nothing: no work is left here.
    Nothing,
    /// Work only this worker does.
    Alone,
    /// Draws another worker may compute too: a share of another's run, or a draw of another's
    /// share ([`Job::is_helping`]). The loop yields after it, so the other's news (its draws,
    /// or the cancel once the run is done) are read at once.
    Shared,
}

/// Steps the worker's job and share (and the head start, keeping its news), posting their
/// news, yielding every [`WORKER_SLICE_MS`] (and after each [`Stepped::Shared`] step) so a new
/// request, a cancel or other workers' draws are read; ends when none has work left here.
async fn work() {
    loop {
        let started = js_sys::Date::now();
        while js_sys::Date::now() - started < WORKER_SLICE_MS {
            match step() {
                Stepped::Nothing => {
                    LOOPING.with(|l| l.set(false));
                    return;
                }
                Stepped::Shared => break,
                Stepped::Alone => {}
            }
        }
        yield_to_messages().await;
    }
}

/// One step of the worker's job, else of its share of another's run, else of the head start.
fn step() -> Stepped {
    if let Some(helping) = step_job() {
        if helping {
            Stepped::Shared
        } else {
            Stepped::Alone
        }
    } else if step_part() {
        Stepped::Shared
    } else if step_head_start() {
        Stepped::Alone
    } else {
        Stepped::Nothing
    }
}

thread_local! {
    /// The channel through which the worker's loop yields ([`yield_to_messages`]).
    static YIELD_CHANNEL: Option<web_sys::MessageChannel> = web_sys::MessageChannel::new().ok();
}

/// Lets the worker read the messages that came in while it computed: a message to itself
/// through a `MessageChannel`, read after them. `setTimeout(0)` would do the same but, once
/// timers nest, comes back no sooner than 4 ms later: 4 to 6 ms lost a slice, and the default
/// run on one worker took 3 % longer (docs/measurements.md).
async fn yield_to_messages() {
    let Some(channel) = YIELD_CHANNEL.with(Clone::clone) else {
        return gloo::timers::future::TimeoutFuture::new(0).await;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A step of the worker's own run, its news posted: `None` when there was none, else whether
/// it computed a draw of another worker's share ([`Job::is_helping`]).
fn step_job() -> Option<bool> {
    let (news, helping) = on_job(|job| {
        let helping = job.is_helping();
        job.has_own_work()
            .then(|| (job.step(&js_sys::Date::now), helping))
    })?;
    post_news(news);
    Some(helping)
}

/// `act` on the worker's run, if any; once the run is done it is dropped and the pool's shares
/// are stopped (a worker may still be computing draws this worker computed for it).
fn on_job<T>(act: impl FnOnce(&mut Job) -> Option<T>) -> Option<T> {
    let (out, done) = JOB.with(|j| {
        let mut slot = j.borrow_mut();
        let job = slot.as_mut()?;
        let out = act(job)?;
        let done = job.is_done();
        if done {
            *slot = None;
        }
        Some((out, done))
    })?;
    if done {
        cancel_helpers();
    }
    Some(out)
}

/// Posts the news of the worker's own run; once a report is out, starts the pool and hands
/// out the run's shares when due.
fn post_news(news: Vec<Update>) {
    let reported = news
        .iter()
        .any(|u| matches!(u, Update::Preliminary { .. } | Update::Finished { .. }));
    for update in news {
        post_update(update);
    }
    if reported {
        if let Some((workers, script)) = WANTED_POOL.with(|w| w.borrow_mut().take()) {
            start_helpers(workers, &script);
        }
        share_when_due();
    }
}

/// A step of the head start, kept until the page asks for its run; whether there was one.
fn step_head_start() -> bool {
    HEAD_START.with(|h| {
        h.borrow_mut()
            .as_mut()
            .is_some_and(|h| h.step(&js_sys::Date::now))
    })
}

/// A step of the worker's share of another's run, its draws posted as a flat buffer whose
/// memory is transferred; whether there was one.
fn step_part() -> bool {
    let step = PART.with(|p| {
        let mut slot = p.borrow_mut();
        let part = slot.as_mut()?;
        let generation = part.generation();
        let step = part.step();
        if part.is_done() {
            *slot = None;
        }
        step.map(|(start, draws)| (generation, start, draws))
    });
    let Some((generation, start, draws)) = step else {
        return false;
    };
    let header = FromWorker::Draws { generation, start }.to_bytes();
    let buffer = js_sys::Float64Array::from(flat::encode(&draws).as_slice());
    let message = js_sys::Array::of2(&js_sys::Uint8Array::from(header.as_slice()), &buffer);
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if let Err(e) =
        scope.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer.buffer()))
    {
        gloo::console::error!("Burnrate worker: could not post draws", e);
    }
    true
}

/// Posts news of the worker's run to the page, progress no more often than [`ProgressGate`]
/// lets it: each message wakes the page's thread, and while every core computes a run, the
/// page's thread takes its time from a worker.
fn post_update(update: Update) {
    if PAGE_GATE.with(|g| g.borrow_mut().admit(&update, js_sys::Date::now())) {
        post(&FromWorker::Update(update));
    }
}

/// Posts `message` from a worker to the page (or to the coordinating worker) as bytes
/// ([`FromWorker::to_bytes`]), their memory transferred.
pub(super) fn post(message: &FromWorker) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let bytes = js_sys::Uint8Array::from(message.to_bytes().as_slice());
    if let Err(e) = scope.post_message_with_transfer(&bytes, &js_sys::Array::of1(&bytes.buffer())) {
        gloo::console::error!("Burnrate worker: could not post a message", e);
    }
}

/// Reads a message [`post`]ed by a worker; `None` for anything else (the start-up script's
/// empty answer, the pool's draws).
pub(super) fn read(data: &JsValue) -> Option<Result<FromWorker, String>> {
    let bytes = data.dyn_ref::<js_sys::Uint8Array>()?;
    Some(FromWorker::from_bytes(&bytes.to_vec()))
}

/// The page's side: hands runs to the worker (or carries them out on the page) and passes their
/// news to a callback.
#[derive(Clone)]
pub struct Runner {
    inner: Rc<RefCell<Inner>>,
    on_update: Callback<Update>,
    /// The generation of the run the page wants; a page-side run stops when it changes.
    wanted: Rc<Cell<u64>>,
    /// Thins out the progress of runs carried out on the page, so that it draws the page a few
    /// times a second (a worker thins out its own: [`post_update`]).
    gate: Rc<RefCell<ProgressGate>>,
}

struct Inner {
    backend: Backend,
    /// The last run handed over, to carry out on the page if the worker fails.
    last: Option<PendingRun>,
    /// Keeps the worker's callbacks alive.
    _callbacks: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

enum Backend {
    Worker(Worker),
    Page,
}

impl PartialEq for Runner {
    fn eq(&self, other: &Runner) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Runner {
    /// Takes the worker [`start_early`] took or started (or prepares page-side runs), and sends
    /// news of every run to `on_update`.
    pub fn new(on_update: Callback<Update>) -> Runner {
        let runner = Runner {
            inner: Rc::new(RefCell::new(Inner {
                backend: Backend::Page,
                last: None,
                _callbacks: Vec::new(),
            })),
            on_update,
            wanted: Rc::new(Cell::new(0)),
            gate: Rc::default(),
        };
        if EARLY.with(|e| e.borrow().is_none()) {
            start_early(false);
        }
        if let Some(worker) = EARLY.with(|e| e.borrow_mut().take()) {
            let failed = failed(&worker);
            runner.attach(worker);
            if failed {
                runner.fall_back();
            }
        }
        runner
    }

    /// Listens to `worker`, which from now on carries out the runs. Until then its failure is
    /// marked on it by the start-up script ([`failed`]); its messages until then are only that
    /// it listens.
    fn attach(&self, worker: Worker) {
        let on_message = {
            let runner = self.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                let Some(message) = read(&event.unchecked_into::<MessageEvent>().data()) else {
                    return;
                };
                match message {
                    Ok(FromWorker::Update(update)) => runner.on_update.emit(update),
                    Ok(
                        FromWorker::Ready
                        | FromWorker::Usage(_)
                        | FromWorker::Prices(_)
                        | FromWorker::Exported(_)
                        | FromWorker::Draws { .. }
                        | FromWorker::Solving { .. }
                        | FromWorker::Solved { .. }
                        | FromWorker::NotUnderstood,
                    ) => {}
                    Err(e) => {
                        gloo::console::error!(format!("Burnrate: unreadable worker message: {e}"))
                    }
                }
            })
        };
        let on_error = {
            let runner = self.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                runner.fall_back();
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.backend = Backend::Worker(worker);
        inner._callbacks = vec![on_message, on_error];
    }

    /// Passes `update` of a run on the page on unless it is progress too soon after the last
    /// ([`ProgressGate`]).
    fn pass_on(&self, update: Update) {
        if self.gate.borrow_mut().admit(&update, js_sys::Date::now()) {
            self.on_update.emit(update);
        }
    }

    /// The worker failed (its script or module did not load): carry out runs on the page from
    /// now on, starting with the last one handed over.
    fn fall_back(&self) {
        gloo::console::warn!("Burnrate: the web worker failed; simulating on the page instead");
        let last = {
            let mut inner = self.inner.borrow_mut();
            if let Backend::Worker(worker) = &inner.backend {
                worker.terminate();
            }
            inner.backend = Backend::Page;
            inner.last.clone()
        };
        if let Some(run) = last.filter(|r| r.generation == self.wanted.get()) {
            self.run_on_page(run);
        }
    }

    /// Carries out `run`, superseding any other, unless it is the run already carried out;
    /// `catalogue` holds the prices it was validated against.
    pub fn start(&self, run: &PendingRun, catalogue: &Catalogue) {
        if self.wanted.replace(run.generation) == run.generation {
            return;
        }
        let mut inner = self.inner.borrow_mut();
        inner.last = Some(run.clone());
        match &inner.backend {
            Backend::Worker(worker) => {
                let request = Request::new(run.generation, run.task, &run.valid, catalogue);
                send(worker, &ToWorker::Start(Box::new(request)));
            }
            Backend::Page => {
                drop(inner);
                self.run_on_page(run.clone());
            }
        }
    }

    /// Drops the run in progress.
    pub fn cancel(&self) {
        self.wanted.set(0);
        let mut inner = self.inner.borrow_mut();
        inner.last = None;
        if let Backend::Worker(worker) = &inner.backend {
            send(worker, &ToWorker::Cancel);
        }
    }

    /// Steps `run` on the page, yielding to the browser after every step (a few tens of
    /// milliseconds), until it is done or another run is wanted.
    fn run_on_page(&self, run: PendingRun) {
        let runner = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut job = Job::new(run.generation, run.task, (*run.valid).clone());
            while !job.is_done() && runner.wanted.get() == run.generation {
                for update in job.step(&js_sys::Date::now) {
                    runner.pass_on(update);
                }
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
        });
    }
}

/// The number of workers a report runs on: the browser's logical cores, capped, unless the
/// page's local storage forces another ([`FORCED_WORKERS_KEY`]).
fn pool_size() -> u32 {
    let window = gloo::utils::window();
    let forced = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(FORCED_WORKERS_KEY).ok().flatten());
    pool::pool_size(window.navigator().hardware_concurrency(), forced.as_deref())
}

/// Posts `message` to `worker`, as its bytes ([`ToWorker::to_bytes`]).
fn send(worker: &Worker, message: &ToWorker) {
    let bytes = js_sys::Uint8Array::from(message.to_bytes().as_slice());
    if let Err(e) = worker.post_message(&bytes) {
        gloo::console::error!("Burnrate: could not reach the worker", e);
    }
}

/// The worker script's URL from `<meta name="burnrate-worker">`, if the page has one.
pub(super) fn worker_url() -> Option<String> {
    let meta = gloo::utils::document()
        .query_selector("meta[name=burnrate-worker]")
        .ok()??;
    meta.get_attribute("content").filter(|u| !u.is_empty())
}

/// The global through which the page's start-up script (`scripts/csp.mjs`) hands over the
/// simulation worker it started; the worker carries `failed` once its script failed to load.
const STARTED_WORKER: &str = "burnrateWorker";

/// Takes the simulation worker the page's start-up script started (or starts it) before the
/// app mounts, tells it the size of the pool it is to coordinate and, when the page opens the
/// default scenario (`opens_default`), to begin that scenario's run ([`HeadStart`]); the app's
/// [`Runner`] takes it.
pub fn start_early(opens_default: bool) {
    let Some(script) = worker_url() else {
        return;
    };
    let worker = match started_worker() {
        Some(worker) => worker,
        None => match spawn(&script, SIMULATION_WORKER) {
            Ok(worker) => worker,
            Err(e) => {
                gloo::console::warn!(
                    "Burnrate: no web worker, simulating on the page instead:",
                    e
                );
                return;
            }
        },
    };
    let pool = ToWorker::Pool {
        workers: pool_size(),
        script,
    };
    send(&worker, &pool);
    if opens_default {
        send(&worker, &ToWorker::HeadStart);
    }
    EARLY.with(|e| *e.borrow_mut() = Some(worker));
}

/// The simulation worker the page's start-up script started, taken from [`STARTED_WORKER`].
fn started_worker() -> Option<Worker> {
    let global: js_sys::Object = js_sys::global().unchecked_into();
    let key = JsValue::from_str(STARTED_WORKER);
    let worker = js_sys::Reflect::get(&global, &key).ok()?.dyn_into().ok()?;
    let _ = js_sys::Reflect::delete_property(&global, &key);
    Some(worker)
}

/// The workers report runs are shared among: the pool's size where the simulation worker
/// started ([`start_early`]), one where runs are carried out on the page.
pub fn planned_workers() -> u32 {
    if EARLY.with(|e| e.borrow().is_some()) {
        pool_size()
    } else {
        1
    }
}

/// Whether `worker`'s script failed to load before the app listened to it.
fn failed(worker: &Worker) -> bool {
    js_sys::Reflect::get(worker, &JsValue::from_str("failed")).is_ok_and(|f| f.is_truthy())
}

/// Starts a worker of the module at `url`, named `name`, and hands it this instance's compiled
/// module (its script's first message), so that it is not fetched and compiled again.
pub(super) fn spawn(url: &str, name: &str) -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    options.set_name(name);
    let worker = Worker::new_with_options(url, &options)?;
    worker.post_message(&wasm_bindgen::module())?;
    Ok(worker)
}
