//! Where Monte Carlo runs are carried out: in a web worker that loads this same WebAssembly
//! module ([`serve`] is its entry point), or, where no worker can start, on the page between
//! frames. Either way the work is the core's [`Job`], a step at a time.
//!
//! The worker's script is written by the build (`scripts/csp.mjs`) and named in the page's
//! `<meta name="burnrate-worker">`; without that tag (for example under `wasm-bindgen-test`) or
//! when the worker fails to start, runs fall back to the page.

use crate::pricing::Catalogue;
use crate::runner::{FromWorker, Job, Request, ToWorker, Update};
use crate::session::PendingRun;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// How long the worker computes before it yields to read its messages [ms].
const WORKER_SLICE_MS: f64 = 40.0;

/// Whether this instance of the module runs in a dedicated worker.
pub fn in_worker() -> bool {
    js_sys::global().has_type::<DedicatedWorkerGlobalScope>()
}

thread_local! {
    /// The worker's run in progress.
    static JOB: RefCell<Option<Job>> = const { RefCell::new(None) };
    /// Whether the worker's loop over [`JOB`] is running.
    static LOOPING: Cell<bool> = const { Cell::new(false) };
}

/// The worker's entry point: listens for [`ToWorker`] messages and answers with [`FromWorker`].
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        if super::usage_runner::serve_batch(&data) {
            return;
        }
        let Some(text) = data.as_string() else {
            return;
        };
        match serde_json::from_str::<ToWorker>(&text) {
            Ok(ToWorker::Start(request)) => {
                let generation = request.generation;
                match request.job() {
                    Ok(job) => {
                        JOB.with(|j| *j.borrow_mut() = Some(job));
                        if !LOOPING.with(|l| l.replace(true)) {
                            wasm_bindgen_futures::spawn_local(work());
                        }
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
            Ok(ToWorker::Cancel) => JOB.with(|j| *j.borrow_mut() = None),
            Ok(ToWorker::Calibrate(_)) => {
                gloo::console::error!("Burnrate worker: a calibration came without its files")
            }
            Err(e) => gloo::console::error!(format!("Burnrate worker: unreadable message: {e}")),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromWorker::Ready);
}

/// Steps the worker's job, posting its news, yielding every [`WORKER_SLICE_MS`] so a new
/// request or a cancel is read; ends when there is no job left.
async fn work() {
    loop {
        let started = js_sys::Date::now();
        while js_sys::Date::now() - started < WORKER_SLICE_MS {
            let news = JOB.with(|j| {
                let mut slot = j.borrow_mut();
                let job = slot.as_mut()?;
                let news = job.step(&js_sys::Date::now);
                if job.is_done() {
                    *slot = None;
                }
                Some(news)
            });
            let Some(news) = news else {
                LOOPING.with(|l| l.set(false));
                return;
            };
            for update in news {
                post(&FromWorker::Update(update));
            }
        }
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
}

/// Posts `message` from a worker to the page.
pub(super) fn post(message: &FromWorker) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let text = serde_json::to_string(message).expect("worker messages always serialise");
    if let Err(e) = scope.post_message(&JsValue::from_str(&text)) {
        gloo::console::error!("Burnrate worker: could not post a message", e);
    }
}

/// The page's side: hands runs to the worker (or carries them out on the page) and passes their
/// news to a callback.
#[derive(Clone)]
pub struct Runner {
    inner: Rc<RefCell<Inner>>,
    on_update: Callback<Update>,
    /// The generation of the run the page wants; a page-side run stops when it changes.
    wanted: Rc<Cell<u64>>,
}

struct Inner {
    backend: Backend,
    /// The last run handed over, to carry out on the page if the worker fails.
    last: Option<PendingRun>,
    /// Keeps the worker's callbacks alive.
    _callbacks: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

enum Backend {
    Worker {
        worker: Worker,
        ready: bool,
        queued: Option<String>,
    },
    Page,
}

impl PartialEq for Runner {
    fn eq(&self, other: &Runner) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Runner {
    /// Starts the worker named by the page (or prepares page-side runs) and sends news of every
    /// run to `on_update`.
    pub fn new(on_update: Callback<Update>) -> Runner {
        let runner = Runner {
            inner: Rc::new(RefCell::new(Inner {
                backend: Backend::Page,
                last: None,
                _callbacks: Vec::new(),
            })),
            on_update,
            wanted: Rc::new(Cell::new(0)),
        };
        if let Some(url) = worker_url() {
            match spawn(&url, "burnrate-simulation") {
                Ok(worker) => runner.attach(worker),
                Err(e) => gloo::console::warn!(
                    "Burnrate: no web worker, simulating on the page instead:",
                    e
                ),
            }
        }
        runner
    }

    fn attach(&self, worker: Worker) {
        let on_message = {
            let runner = self.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                let Some(text) = event.unchecked_into::<MessageEvent>().data().as_string() else {
                    return;
                };
                match serde_json::from_str::<FromWorker>(&text) {
                    Ok(FromWorker::Ready) => runner.ready(),
                    Ok(FromWorker::Update(update)) => runner.on_update.emit(update),
                    Ok(FromWorker::Usage(_)) => {}
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
        inner.backend = Backend::Worker {
            worker,
            ready: false,
            queued: None,
        };
        inner._callbacks = vec![on_message, on_error];
    }

    fn ready(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Backend::Worker {
            worker,
            ready,
            queued,
        } = &mut inner.backend
        {
            *ready = true;
            if let Some(text) = queued.take() {
                send(worker, &text);
            }
        }
    }

    /// The worker failed (its script or module did not load): carry out runs on the page from
    /// now on, starting with the last one handed over.
    fn fall_back(&self) {
        gloo::console::warn!("Burnrate: the web worker failed; simulating on the page instead");
        let last = {
            let mut inner = self.inner.borrow_mut();
            if let Backend::Worker { worker, .. } = &inner.backend {
                worker.terminate();
            }
            inner.backend = Backend::Page;
            inner.last.clone()
        };
        if let Some(run) = last.filter(|r| r.generation == self.wanted.get()) {
            self.run_on_page(run);
        }
    }

    /// Carries out `run`, superseding any other; `catalogue` holds the prices it was validated
    /// against.
    pub fn start(&self, run: &PendingRun, catalogue: &Catalogue) {
        self.wanted.set(run.generation);
        let mut inner = self.inner.borrow_mut();
        inner.last = Some(run.clone());
        match &mut inner.backend {
            Backend::Worker {
                worker,
                ready,
                queued,
            } => {
                let request = Request::new(run.generation, run.task, &run.valid, catalogue);
                let text = serde_json::to_string(&ToWorker::Start(Box::new(request)))
                    .expect("requests always serialise");
                if *ready {
                    send(worker, &text);
                } else {
                    *queued = Some(text);
                }
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
        if let Backend::Worker {
            worker,
            ready,
            queued,
        } = &mut inner.backend
        {
            *queued = None;
            if *ready {
                let text = serde_json::to_string(&ToWorker::Cancel).expect("always serialises");
                send(worker, &text);
            }
        }
    }

    /// Steps `run` on the page, yielding to the browser after every step (a few tens of
    /// milliseconds), until it is done or another run is wanted.
    fn run_on_page(&self, run: PendingRun) {
        let (wanted, on_update) = (self.wanted.clone(), self.on_update.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let mut job = Job::new(run.generation, run.task, (*run.valid).clone());
            while !job.is_done() && wanted.get() == run.generation {
                for update in job.step(&js_sys::Date::now) {
                    on_update.emit(update);
                }
                gloo::timers::future::TimeoutFuture::new(0).await;
            }
        });
    }
}

fn send(worker: &Worker, text: &str) {
    if let Err(e) = worker.post_message(&JsValue::from_str(text)) {
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

/// Starts a worker of the module at `url`, named `name`.
pub(super) fn spawn(url: &str, name: &str) -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    options.set_name(name);
    Worker::new_with_options(url, &options)
}
