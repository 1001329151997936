//! The page's second WebAssembly module (the `burnrate-tools` binary): what reads the files a
//! user imports (usage exports, price tables) and writes the files results export to, left out
//! of the page's module so that a first visit does not fetch it. It runs in web workers of its
//! own, one per use ([`ToolsWorker`]), each started the first time it is needed: the worker's
//! script (written by the build, `scripts/csp.mjs`, and named in the page's
//! `<meta name="burnrate-tools">`) fetches and compiles the module itself, keeps what arrives
//! meanwhile, and hands it to [`serve`] once it listens. Where the browser starts no worker,
//! the page loads the module itself (the script named in `<meta name="burnrate-tools-page">`)
//! and its `handle` export serves the same messages there ([`serve_message`]); where that
//! fails too, they are refused with the reason.
//!
//! Each message is an array, `[request, …]`, the request in bytes ([`ToWorker::to_bytes`]):
//! - `[Calibrate, File…]`: a calibration to usage exports ([`crate::calibrate::batch::run`]);
//!   the files are read a slice at a time with `FileReaderSync`, so memory does not grow with
//!   the file, and never leave the worker;
//! - `[ImportPrices, text]`: a price table imported ([`PriceAction::import`]), sent back in
//!   Burnrate's own JSON ([`PricesImported`]).
//!
//! A message that is bytes is a file to export from a report ([`ExportRequest`]), sent back
//! whole for the page to download. On the page, files arrive as their bytes, read beforehand.

use super::worker::post;
use crate::calibrate::batch;
use crate::runner::{ExportRequest, FromWorker, PricesImported, ToWorker, UsageNews};
use crate::session::PriceAction;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
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

/// A file to calibrate to: a browser `Blob` read a slice at a time (in a worker), or bytes
/// already read (on the page, where files cannot be read synchronously).
fn file_reader(part: JsValue, reader: Option<&FileReaderSync>) -> Option<Box<dyn Read>> {
    if let Some(bytes) = part.dyn_ref::<js_sys::Uint8Array>() {
        return Some(Box::new(std::io::Cursor::new(bytes.to_vec())));
    }
    let blob = part.dyn_into::<Blob>().ok()?;
    Some(Box::new(BlobReader {
        blob,
        reader: reader?.clone(),
        at: 0.0,
        chunk: Vec::new(),
        used: 0,
    }))
}

/// Calibrates `request.base` to the files that follow it in `parts`, replying with progress
/// and then the outcome.
fn calibrate(request: &batch::BatchRequest, parts: &js_sys::Array, reply: &dyn Fn(&FromWorker)) {
    let reader = FileReaderSync::new().ok();
    let files = (1..parts.length()).filter_map(|i| file_reader(parts.get(i), reader.as_ref()));
    let named = request.names.iter().cloned().zip(files);
    let total: u64 = request.sizes.iter().sum();
    let generation = request.generation;
    let outcome = batch::run(
        request,
        named,
        &mut |done| {
            reply(&FromWorker::Usage(UsageNews::Progress {
                generation,
                done,
                total,
            }))
        },
        &js_sys::Date::now,
    );
    reply(&FromWorker::Usage(UsageNews::Finished(Box::new(outcome))));
}

/// Imports the price table whose text is `text` and replies with it.
fn import_prices(
    (format, name, merge): (&str, &str, bool),
    text: Option<String>,
    reply: &dyn Fn(&FromWorker),
) {
    let text = text.ok_or_else(|| format!("{name}: the table's text did not reach the importer"));
    let action = PriceAction::import(
        text,
        (format, merge),
        name,
        super::today(),
        js_sys::Date::now,
    );
    if let Some(imported) = PricesImported::new(action) {
        reply(&FromWorker::Prices(imported));
    }
}

/// Serves one message from the page, replying through `reply`: an export's bytes, or an array
/// `[request, …]`, the request followed by the files to calibrate to (browser `File`s, or
/// their bytes) or the text of a price table.
pub fn serve_message(data: &JsValue, reply: &dyn Fn(&FromWorker)) {
    if let Some(bytes) = data.dyn_ref::<js_sys::Uint8Array>() {
        let file = ExportRequest::from_bytes(&bytes.to_vec()).and_then(ExportRequest::file);
        reply(&FromWorker::Exported(file));
        return;
    }
    if !js_sys::Array::is_array(data) {
        gloo::console::error!("Burnrate tools: a message that is not a request");
        reply(&FromWorker::NotUnderstood);
        return;
    }
    let parts = js_sys::Array::from(data);
    let request = parts.get(0).dyn_into::<js_sys::Uint8Array>().ok();
    match request.map(|bytes| ToWorker::from_bytes(&bytes.to_vec())) {
        Some(Ok(ToWorker::Calibrate(request))) => calibrate(&request, &parts, reply),
        Some(Ok(ToWorker::ImportPrices {
            format,
            name,
            merge,
        })) => import_prices((&format, &name, merge), parts.get(1).as_string(), reply),
        _ => {
            gloo::console::error!("Burnrate tools: an unreadable request");
            reply(&FromWorker::NotUnderstood);
        }
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
        serve_message(&event.data(), &post);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromWorker::Ready);
}

/// The tools worker's script (`<meta name="burnrate-tools">`) or the script that loads the
/// module on the page (`<meta name="burnrate-tools-page">`), if the page names it.
fn script_url(meta: &str) -> Option<String> {
    let meta = gloo::utils::document()
        .query_selector(&format!("meta[name={meta}]"))
        .ok()??;
    meta.get_attribute("content").filter(|u| !u.is_empty())
}

#[wasm_bindgen(inline_js = "export function load_tools(url) {
  return import(new URL(url, document.baseURI).href).then((m) => m.default());
}")]
extern "C" {
    /// Loads the tools module on the page from the script at `url` (its default export starts
    /// the module once); resolves to the module's `handle` function.
    fn load_tools(url: &str) -> js_sys::Promise;
}

/// Why a tools worker could not do what it was sent: neither a worker nor the page could load
/// the module.
const NOT_STARTED: &str = "This is done by a part of the page loaded when first needed, which \
                           this browser did not load (it may block it for this site; the command \
                           line does the same: see `burnrate --help`).";

/// Why, when the tools worker stopped with what it was sent.
const STOPPED: &str = "The background worker doing this stopped because of an internal error; \
                       try again, and if it stops again, reload the page.";

/// Why, when the module could not read what it was sent (never, with the page's own messages;
/// said rather than left unanswered, which would give later answers to the wrong senders).
const NOT_UNDERSTOOD: &str = "The part of the page that does this could not read what it was \
                              sent; reload the page and try again.";

/// Why, when the module loaded on the page failed with what it was sent (it answers each
/// message before it returns, so the message failed is the first still waiting).
const FAILED_ON_PAGE: &str = "This stopped because of an internal error; reload the page and \
                              try again.";

/// The page's side of a tools worker: started with the first message sent, which waits until
/// the worker listens. Each message is sent with what its sender needs to know of it (`C`):
/// the worker answers messages one at a time in the order sent, so each answer goes to one
/// callback with the context of the message it answers, and news before an answer (a
/// calibration's progress) without. A message that will not be answered goes with its context
/// and the reason, in words, to another: every message waiting when the worker stops (it is
/// started afresh for the next), or when neither a worker nor the page could load the module.
/// Where the browser starts no worker, or its script does not load, the module is loaded on
/// the page instead and serves the messages there, files read into memory first.
pub(super) struct ToolsWorker<C: 'static> {
    name: &'static str,
    on_message: Callback<(FromWorker, Option<C>)>,
    on_failure: Callback<(C, &'static str)>,
    state: Rc<RefCell<State<C>>>,
}

struct State<C> {
    /// The contexts of the messages sent and not answered yet, in the order sent.
    waiting: VecDeque<C>,
    worker: Option<Worker>,
    /// Whether starting the worker was tried.
    tried: bool,
    /// Whether the worker said it listens (messages before that would be lost).
    ready: bool,
    /// Messages waiting for the worker to listen.
    queued: Vec<JsValue>,
    /// Keeps the worker's callbacks alive.
    _callbacks: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    /// The module on the page, once no worker could start.
    page: Option<Page>,
}

impl<C> Default for State<C> {
    fn default() -> State<C> {
        State {
            waiting: VecDeque::new(),
            worker: None,
            tried: false,
            ready: false,
            queued: Vec::new(),
            _callbacks: Vec::new(),
            page: None,
        }
    }
}

/// Whether `message` from a tools worker answers the message it was sent (rather than telling
/// how far it is with it).
fn answers(message: &FromWorker) -> bool {
    !matches!(
        message,
        FromWorker::Ready | FromWorker::Usage(UsageNews::Progress { .. })
    )
}

/// The tools module loaded on the page.
#[derive(Default)]
struct Page {
    /// Its `handle` function, once loaded.
    handle: Option<js_sys::Function>,
    /// Whether loading it failed.
    failed: bool,
    /// Messages waiting to be served, in order.
    queued: Vec<JsValue>,
    /// Whether a loop is loading the module or serving `queued` (one at a time, so that the
    /// messages are served in the order sent even while a file is being read).
    serving: bool,
    /// Receives its answers (bytes), kept alive.
    reply: Option<Closure<dyn FnMut(JsValue)>>,
}

impl<C: 'static> ToolsWorker<C> {
    /// A worker named `name` (not started yet) whose messages go to `on_message`, with the
    /// context of the message each answers, and whose messages that will not be answered go
    /// to `on_failure`.
    pub fn new(
        name: &'static str,
        on_message: Callback<(FromWorker, Option<C>)>,
        on_failure: Callback<(C, &'static str)>,
    ) -> ToolsWorker<C> {
        ToolsWorker {
            name,
            on_message,
            on_failure,
            state: Rc::default(),
        }
    }

    /// Sends `message`, of which its sender needs to know `context`, to the worker (or the
    /// module on the page), starting it first if need be.
    pub fn send(&self, message: &JsValue, context: C) {
        self.state.borrow_mut().waiting.push_back(context);
        self.start();
        let mut state = self.state.borrow_mut();
        if state.page.is_some() {
            drop(state);
            self.on_page(vec![message.clone()]);
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

    /// Hands `message` from the worker to the sender, with the context of the message it
    /// answers; a message the module could not read goes to the failures.
    fn receive(&self, message: FromWorker) {
        let answered = if answers(&message) {
            self.state.borrow_mut().waiting.pop_front()
        } else {
            None
        };
        match (message, answered) {
            (FromWorker::NotUnderstood, Some(context)) => {
                self.on_failure.emit((context, NOT_UNDERSTOOD))
            }
            (FromWorker::NotUnderstood, None) => {}
            (message, answered) => self.on_message.emit((message, answered)),
        }
    }

    /// Says that every message waiting will not be answered, because of `why`.
    fn fail_waiting(&self, why: &'static str) {
        let waiting = std::mem::take(&mut self.state.borrow_mut().waiting);
        for context in waiting {
            self.on_failure.emit((context, why));
        }
    }

    /// Starts the worker, once; where none can start, the module is loaded on the page.
    fn start(&self) {
        if std::mem::replace(&mut self.state.borrow_mut().tried, true) {
            return;
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        options.set_name(self.name);
        let worker = match script_url("burnrate-tools")
            .map(|url| Worker::new_with_options(&url, &options))
        {
            Some(Ok(worker)) => worker,
            failed => {
                if let Some(Err(e)) = failed {
                    gloo::console::warn!("Burnrate: the tools worker did not start:", e);
                }
                self.state.borrow_mut().page = Some(Page::default());
                return;
            }
        };
        let this = self.clone_handle();
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let data = event.unchecked_into::<MessageEvent>().data();
            match super::worker::read(&data) {
                Some(Ok(FromWorker::Ready)) => {
                    let mut state = this.state.borrow_mut();
                    state.ready = true;
                    let queued = std::mem::take(&mut state.queued);
                    if let Some(worker) = &state.worker {
                        for message in queued {
                            let _ = worker.post_message(&message);
                        }
                    }
                }
                Some(Ok(message)) => this.receive(message),
                Some(Err(e)) => {
                    gloo::console::error!(format!("Burnrate: unreadable tools message: {e}"))
                }
                None => {}
            }
        });
        let this = self.clone_handle();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let mut state = this.state.borrow_mut();
            if let Some(worker) = state.worker.take() {
                worker.terminate();
            }
            let started = std::mem::take(&mut state.ready);
            let queued = std::mem::take(&mut state.queued);
            if started {
                state.tried = false;
                drop(state);
                this.fail_waiting(STOPPED);
            } else {
                gloo::console::warn!("Burnrate: the tools worker's script did not load");
                state.page = Some(Page::default());
                drop(state);
                this.on_page(queued);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut state = self.state.borrow_mut();
        state.worker = Some(worker);
        state._callbacks = vec![on_message, on_error];
    }

    /// Another handle on the same worker.
    fn clone_handle(&self) -> ToolsWorker<C> {
        ToolsWorker {
            name: self.name,
            on_message: self.on_message.clone(),
            on_failure: self.on_failure.clone(),
            state: self.state.clone(),
        }
    }

    /// Serves `messages` with the module on the page, loading it first if need be.
    fn on_page(&self, messages: Vec<JsValue>) {
        let mut state = self.state.borrow_mut();
        let Some(page) = state.page.as_mut() else {
            return;
        };
        if page.failed {
            drop(state);
            self.fail_waiting(NOT_STARTED);
            return;
        }
        page.queued.extend(messages);
        if std::mem::replace(&mut page.serving, true) {
            return;
        }
        let this = self.clone_handle();
        drop(state);
        wasm_bindgen_futures::spawn_local(async move { this.serve_on_page().await });
    }

    /// Loads the module on the page (once) and serves the messages waiting for it, in order.
    async fn serve_on_page(&self) {
        let loaded = self
            .state
            .borrow()
            .page
            .as_ref()
            .and_then(|p| p.handle.clone());
        let handle = match loaded {
            Some(handle) => handle,
            None => {
                let url = script_url("burnrate-tools-page").unwrap_or_default();
                match JsFuture::from(load_tools(&url)).await {
                    Ok(handle) => {
                        let handle: js_sys::Function = handle.unchecked_into();
                        let this = self.clone_handle();
                        let reply = Closure::<dyn FnMut(JsValue)>::new(move |bytes: JsValue| {
                            if let Some(Ok(message)) = super::worker::read(&bytes) {
                                this.receive(message);
                            }
                        });
                        let mut state = self.state.borrow_mut();
                        let page = state.page.get_or_insert_with(Page::default);
                        page.handle = Some(handle.clone());
                        page.reply = Some(reply);
                        handle
                    }
                    Err(e) => {
                        gloo::console::warn!("Burnrate: the tools module did not load:", e);
                        {
                            let mut state = self.state.borrow_mut();
                            let page = state.page.get_or_insert_with(Page::default);
                            page.failed = true;
                            page.serving = false;
                            page.queued.clear();
                        }
                        self.fail_waiting(NOT_STARTED);
                        return;
                    }
                }
            }
        };
        loop {
            let next = {
                let mut state = self.state.borrow_mut();
                let page = state.page.get_or_insert_with(Page::default);
                page.serving = !page.queued.is_empty();
                page.serving.then(|| page.queued.remove(0))
            };
            let Some(message) = next else {
                return;
            };
            let message = read_files(message).await;
            let reply = self.state.borrow().page.as_ref().and_then(|p| {
                p.reply
                    .as_ref()
                    .map(|r| r.as_ref().unchecked_ref::<js_sys::Function>().clone())
            });
            if let Some(reply) = reply {
                if let Err(e) = handle.call2(&JsValue::NULL, &message, &reply) {
                    gloo::console::error!("Burnrate: the tools module failed on the page:", e);
                    let failed = self.state.borrow_mut().waiting.pop_front();
                    if let Some(context) = failed {
                        self.on_failure.emit((context, FAILED_ON_PAGE));
                    }
                }
            }
        }
    }
}

/// `message` with any file in it read into memory, for the module on the page (which cannot
/// read files as it goes).
async fn read_files(message: JsValue) -> JsValue {
    if !js_sys::Array::is_array(&message) {
        return message;
    }
    let parts = js_sys::Array::from(&message);
    let read = js_sys::Array::new();
    for part in parts.iter() {
        match part.dyn_ref::<Blob>() {
            Some(blob) => match JsFuture::from(blob.array_buffer()).await {
                Ok(buffer) => read.push(&js_sys::Uint8Array::new(&buffer)),
                Err(_) => read.push(&js_sys::Uint8Array::new_with_length(0)),
            },
            None => read.push(&part),
        };
    }
    read.into()
}
