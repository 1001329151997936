//! Where the page's solver answers: in a web worker of its own (the simulation's module and
//! script, started with the first question), so that the page stays responsive while a
//! question's runs take their time (about two seconds for the default scenario's headcount
//! question, growing with the organisation). A new question or Cancel stops that worker at
//! once, and the next question starts another. Where no worker can start, on the page. Either
//! way the answer is the core's [`SolveRequest::answer`]; the worker also tells how many of the
//! question's runs are done.

use super::worker::{read, spawn, worker_url};
use crate::runner::{FromWorker, SolveRequest, ToWorker};
use crate::solve::Answer;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

/// An answer (or why there is none) to the question of a generation.
pub type Answered = (u64, Result<Box<Answer>, String>);

/// The page's side: hands questions to the solver's worker (or answers them on the page) and
/// passes the runs done and the answers to callbacks.
#[derive(Clone)]
pub struct SolveRunner {
    inner: Rc<RefCell<Inner>>,
    on_runs: Callback<usize>,
    on_answer: Callback<Answered>,
}

struct Inner {
    /// The solver's worker, once started and until stopped.
    worker: Option<Worker>,
    /// The question in flight in the worker, if any: answered on the page should the worker
    /// fail.
    asked: Option<SolveRequest>,
    /// Whether no worker can start here.
    no_worker: bool,
    /// Keep the worker's callbacks alive.
    _callbacks: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl SolveRunner {
    /// A runner passing the runs done on the question in flight to `on_runs` (from its worker
    /// only) and answers to `on_answer`; its worker starts with the first question.
    pub fn new(on_runs: Callback<usize>, on_answer: Callback<Answered>) -> SolveRunner {
        SolveRunner {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                asked: None,
                no_worker: false,
                _callbacks: Vec::new(),
            })),
            on_runs,
            on_answer,
        }
    }

    /// Answers `request`, dropping any question in flight.
    pub fn ask(&self, request: SolveRequest) {
        self.cancel();
        if let Some(worker) = self.worker() {
            let bytes = ToWorker::Solve(Box::new(request.clone())).to_bytes();
            if worker
                .post_message(&js_sys::Uint8Array::from(bytes.as_slice()))
                .is_ok()
            {
                self.inner.borrow_mut().asked = Some(request);
                return;
            }
        }
        self.answer_on_page(request);
    }

    /// Drops the question in flight, stopping its worker.
    pub fn cancel(&self) {
        let mut inner = self.inner.borrow_mut();
        if inner.asked.take().is_some() {
            if let Some(worker) = inner.worker.take() {
                worker.set_onmessage(None);
                worker.set_onerror(None);
                worker.terminate();
            }
            inner._callbacks.clear();
        }
    }

    /// The solver's worker, started if need be; `None` where none can start.
    fn worker(&self) -> Option<Worker> {
        let mut inner = self.inner.borrow_mut();
        if inner.worker.is_none() && !inner.no_worker {
            match worker_url().map(|url| spawn(&url, "burnrate-solve")) {
                Some(Ok(worker)) => {
                    inner._callbacks = self.listen(&worker);
                    inner.worker = Some(worker);
                }
                _ => inner.no_worker = true,
            }
        }
        inner.worker.clone()
    }

    /// Listens to `worker`: its answers go to the callback; if it fails, the question in
    /// flight is answered on the page, and so are the questions after it.
    fn listen(&self, worker: &Worker) -> Vec<Closure<dyn FnMut(web_sys::Event)>> {
        let on_message = {
            let runner = self.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                let data = event.unchecked_into::<MessageEvent>().data();
                let current = runner.inner.borrow().asked.as_ref().map(|r| r.generation);
                match read(&data) {
                    Some(Ok(FromWorker::Solving { generation, runs }))
                        if current == Some(generation) =>
                    {
                        runner.on_runs.emit(runs as usize);
                    }
                    Some(Ok(FromWorker::Solved { generation, answer }))
                        if current == Some(generation) =>
                    {
                        runner.inner.borrow_mut().asked = None;
                        runner.on_answer.emit((generation, answer));
                    }
                    _ => {}
                }
            })
        };
        let on_error = {
            let runner = self.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                gloo::console::warn!("Burnrate: the solver's worker failed; solving on the page");
                let asked = {
                    let mut inner = runner.inner.borrow_mut();
                    if let Some(worker) = inner.worker.take() {
                        worker.terminate();
                    }
                    inner.no_worker = true;
                    inner.asked.take()
                };
                if let Some(request) = asked {
                    runner.answer_on_page(request);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        vec![on_message, on_error]
    }

    /// Answers `request` on the page, in a task of its own so that the page first shows that
    /// it is solving.
    fn answer_on_page(&self, request: SolveRequest) {
        let on_answer = self.on_answer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(0).await;
            let generation = request.generation;
            on_answer.emit((generation, request.answer(&|_| {}).map(Box::new)));
        });
    }
}
