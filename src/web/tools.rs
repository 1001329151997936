//! The page's second WebAssembly module (the `burnrate-tools` binary): what reads the files a
//! user imports (usage exports, price tables) and writes the files results export to, left out
//! of the page's module so that a first visit does not fetch it. It runs in web workers of its
//! own, one per use ([`ToolsWorker`]), each started the first time it is needed: the worker's
//! script (written by the build, `scripts/csp.mjs`, and named in the page's
//! `<meta name="burnrate-tools">`) fetches and compiles the module itself, keeps what arrives
//! meanwhile, and hands it to [`serve`] once it listens. Where the browser starts no worker,
//! these are refused with the reason; nothing else on the page needs them.
//!
//! Each message is an array, `[request JSON, …]` ([`ToWorker`]):
//! - `[Calibrate, File…]`: a calibration to usage exports ([`crate::calibrate::batch::run`]);
//!   the files are read a slice at a time with `FileReaderSync`, so memory does not grow with
//!   the file, and never leave the worker;
//! - `[ImportPrices, text]`: a price table imported ([`PriceAction::import`]), sent back in
//!   Burnrate's own JSON ([`PricesImported`]).
//!
//! A message that is bytes is a file to export from a report ([`ExportRequest`]), sent back
//! whole for the page to download.

use super::worker::post;
use crate::calibrate::batch;
use crate::runner::{ExportRequest, FromWorker, PricesImported, ToWorker, UsageNews};
use crate::session::PriceAction;
use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent, Worker, WorkerOptions,
    WorkerType,
};
use yew::Callback;

/// Bytes read from a file at a time in the worker [bytes].
const SLICE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// A browser `Blob` read synchronously a slice at a time (in a worker).
struct BlobReader {
    blob: Blob,
    reader: FileReaderSync,
    at: f64,
    chunk: Vec<u8>,
    used: usize,
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.used == self.chunk.len() {
            let size = self.blob.size();
            if self.at >= size {
                return Ok(0);
            }
            let end = (self.at + SLICE_BYTES).min(size);
            let slice = self
                .blob
                .slice_with_f64_and_f64(self.at, end)
                .map_err(|_| std::io::Error::other("the file could not be sliced"))?;
            let buffer = self
                .reader
                .read_as_array_buffer(&slice)
                .map_err(|_| std::io::Error::other("the file could not be read"))?;
            self.chunk = js_sys::Uint8Array::new(&buffer).to_vec();
            self.used = 0;
            self.at = end;
        }
        let n = buf.len().min(self.chunk.len() - self.used);
        buf[..n].copy_from_slice(&self.chunk[self.used..self.used + n]);
        self.used += n;
        Ok(n)
    }
}

/// Calibrates `request.base` to the files that follow it in `parts`, posting progress and
/// then the outcome.
fn calibrate(request: &batch::BatchRequest, parts: &js_sys::Array) {
    let Ok(reader) = FileReaderSync::new() else {
        post(&FromWorker::Usage(UsageNews::Finished(Box::new(
            batch::BatchOutcome::refused(request, "This browser cannot read files in a worker."),
        ))));
        return;
    };
    let files = (1..parts.length()).filter_map(|i| parts.get(i).dyn_into::<Blob>().ok());
    let named = request
        .names
        .iter()
        .cloned()
        .zip(files.map(|blob| BlobReader {
            blob,
            reader: reader.clone(),
            at: 0.0,
            chunk: Vec::new(),
            used: 0,
        }));
    let total: u64 = request.sizes.iter().sum();
    let generation = request.generation;
    let outcome = batch::run(
        request,
        named,
        &mut |done| {
            post(&FromWorker::Usage(UsageNews::Progress {
                generation,
                done,
                total,
            }))
        },
        &js_sys::Date::now,
    );
    post(&FromWorker::Usage(UsageNews::Finished(Box::new(outcome))));
}

/// Imports the price table whose text is `text` and posts it.
fn import_prices(format: &str, name: &str, merge: bool, text: Option<String>) {
    let performance = js_sys::global()
        .unchecked_into::<DedicatedWorkerGlobalScope>()
        .performance();
    let clock = || performance.as_ref().map_or(0.0, |p| p.now());
    let text = text.ok_or_else(|| format!("{name}: the table's text did not reach the importer"));
    let action = PriceAction::import(text, (format, merge), name, super::today(), clock);
    if let Some(imported) = PricesImported::new(action) {
        post(&FromWorker::Prices(imported));
    }
}

/// Serves one message from the page: an export's bytes, or an array `[request JSON, …]`, the
/// request followed by the files to calibrate to (browser `File`s) or the text of a price table.
fn serve_message(data: &JsValue) {
    if let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() {
        let file = ExportRequest::from_bytes(&bytes.to_vec()).and_then(ExportRequest::file);
        post(&FromWorker::Exported(file));
        return;
    }
    if !js_sys::Array::is_array(data) {
        gloo::console::error!("Burnrate tools: a message that is not a request");
        return;
    }
    let parts = js_sys::Array::from(data);
    let request = parts.get(0).as_string();
    match request.map(|t| serde_json::from_str::<ToWorker>(&t)) {
        Some(Ok(ToWorker::Calibrate(request))) => calibrate(&request, &parts),
        Some(Ok(ToWorker::ImportPrices {
            format,
            name,
            merge,
        })) => import_prices(&format, &name, merge, parts.get(1).as_string()),
        _ => gloo::console::error!("Burnrate tools: an unreadable request"),
    }
}

/// The tools worker's entry point: answers the page's messages, after saying it listens.
pub fn serve() {
    super::panic::install();
    if !super::worker::in_worker() {
        return;
    }
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        serve_message(&event.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromWorker::Ready);
}

/// The tools worker's script, from `<meta name="burnrate-tools">`, if the page has one.
fn script_url() -> Option<String> {
    let meta = gloo::utils::document()
        .query_selector("meta[name=burnrate-tools]")
        .ok()??;
    meta.get_attribute("content").filter(|u| !u.is_empty())
}

/// Why a tools worker could not do what it was sent, when it could not start (the browser
/// refused it, or its script did not load).
const NOT_STARTED: &str = "This is done in a background worker of the page, which this browser \
                           did not start (it may block workers for this site; the command line \
                           does the same: see `burnrate --help`).";

/// Why, when the tools worker stopped with what it was sent.
const STOPPED: &str = "The background worker doing this stopped because of an internal error; \
                       try again, and if it stops again, reload the page.";

/// The page's side of a tools worker: started with the first message sent, which waits until
/// the worker listens; its answers go to one callback and, when it cannot start or stops, the
/// reason to another, in words (a worker that stopped after it started is started afresh for
/// the next message).
pub(super) struct ToolsWorker {
    name: &'static str,
    on_message: Callback<FromWorker>,
    on_failure: Callback<&'static str>,
    state: Rc<RefCell<State>>,
}

#[derive(Default)]
struct State {
    worker: Option<Worker>,
    /// Whether starting the worker was tried.
    tried: bool,
    /// Whether the worker failed to start or its script to load.
    failed: bool,
    /// Whether the worker said it listens (messages before that would be lost).
    ready: bool,
    /// Messages waiting for the worker to listen.
    queued: Vec<JsValue>,
    /// Keeps the worker's callbacks alive.
    _callbacks: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl ToolsWorker {
    /// A worker named `name` (not started yet) whose messages go to `on_message` and whose
    /// failure goes to `on_failure`.
    pub fn new(
        name: &'static str,
        on_message: Callback<FromWorker>,
        on_failure: Callback<&'static str>,
    ) -> ToolsWorker {
        ToolsWorker {
            name,
            on_message,
            on_failure,
            state: Rc::default(),
        }
    }

    /// Sends `message` to the worker, starting it first if need be; `on_failure` hears when
    /// there is no worker to send it to.
    pub fn send(&self, message: &JsValue) {
        self.start();
        let mut state = self.state.borrow_mut();
        if state.failed {
            drop(state);
            self.on_failure.emit(NOT_STARTED);
            return;
        }
        match (&state.worker, state.ready) {
            (Some(worker), true) => {
                if let Err(e) = worker.post_message(message) {
                    gloo::console::error!("Burnrate: could not reach the tools worker", e);
                }
            }
            _ => state.queued.push(message.clone()),
        }
    }

    /// Starts the worker, once.
    fn start(&self) {
        if std::mem::replace(&mut self.state.borrow_mut().tried, true) {
            return;
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        options.set_name(self.name);
        let worker = script_url().map(|url| Worker::new_with_options(&url, &options));
        let worker = match worker {
            Some(Ok(worker)) => worker,
            Some(Err(e)) => {
                gloo::console::warn!("Burnrate: the tools worker did not start:", e);
                self.state.borrow_mut().failed = true;
                return;
            }
            None => {
                self.state.borrow_mut().failed = true;
                return;
            }
        };
        let (state, on_message) = (self.state.clone(), self.on_message.clone());
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let data = event.unchecked_into::<MessageEvent>().data();
            match super::worker::read(&data) {
                Some(Ok(FromWorker::Ready)) => {
                    let mut state = state.borrow_mut();
                    state.ready = true;
                    let queued = std::mem::take(&mut state.queued);
                    if let Some(worker) = &state.worker {
                        for message in queued {
                            let _ = worker.post_message(&message);
                        }
                    }
                }
                Some(Ok(message)) => on_message.emit(message),
                Some(Err(e)) => {
                    gloo::console::error!(format!("Burnrate: unreadable tools message: {e}"))
                }
                None => {}
            }
        });
        let (state, on_failure) = (self.state.clone(), self.on_failure.clone());
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let mut state = state.borrow_mut();
            if let Some(worker) = state.worker.take() {
                worker.terminate();
            }
            let started = std::mem::take(&mut state.ready);
            state.failed = !started;
            state.tried = !started;
            state.queued.clear();
            drop(state);
            on_failure.emit(if started { STOPPED } else { NOT_STARTED });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut state = self.state.borrow_mut();
        state.worker = Some(worker);
        state._callbacks = vec![on_message, on_error];
    }
}
