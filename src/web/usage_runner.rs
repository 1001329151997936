//! Where usage files are imported and a scenario calibrated to them: in a web worker of its
//! own (the same module and script as the simulation's, so a calibration never waits for a
//! run; started with the first calibration), which reads the browser's `File` objects a slice
//! at a time with `FileReaderSync`, so memory does not grow with the file; or, where no worker
//! can start, on the page. Either way the work is the core's
//! [`crate::calibrate::batch::run`]. Files are read in the page's worker and never sent
//! anywhere.

use super::worker::{post, spawn, worker_url};
use crate::calibrate::batch::{self, BatchRequest};
use crate::runner::{FromWorker, ToWorker, UsageNews};
use std::cell::{Cell, RefCell};
use std::io::Read;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, File, FileReaderSync, MessageEvent, Worker};
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

/// The worker's side: a message that is an array `[request JSON, File…]` is a calibration;
/// it runs at once, posting progress and then the outcome. Returns whether it was one.
pub(super) fn serve_batch(data: &JsValue) -> bool {
    if !js_sys::Array::is_array(data) {
        return false;
    }
    let parts = js_sys::Array::from(data);
    let Some(Ok(ToWorker::Calibrate(request))) = parts
        .get(0)
        .as_string()
        .map(|t| serde_json::from_str::<ToWorker>(&t))
    else {
        return true;
    };
    let Ok(reader) = FileReaderSync::new() else {
        return true;
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
        &request,
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
    true
}

/// The page's side: hands files to the usage worker (or reads them on the page) and passes
/// the news to a callback.
#[derive(Clone)]
pub struct UsageRunner {
    inner: Rc<RefCell<Inner>>,
    /// The generation of the latest calibration asked for.
    latest: Rc<Cell<u64>>,
    on_news: Callback<UsageNews>,
}

struct Inner {
    worker: Option<Worker>,
    /// Whether starting the worker was tried.
    tried: bool,
    /// Whether the worker said it listens (messages before that would be lost).
    ready: bool,
    /// A calibration waiting for the worker to listen.
    queued: Option<js_sys::Array>,
    /// Keeps the worker's callback alive.
    _callback: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

impl PartialEq for UsageRunner {
    fn eq(&self, other: &UsageRunner) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl UsageRunner {
    /// A runner sending the news of calibrations to `on_news`, counting them in `latest`; its
    /// worker starts with the first calibration, so pages that never read usage files never
    /// load it.
    pub fn new(latest: Rc<Cell<u64>>, on_news: Callback<UsageNews>) -> UsageRunner {
        UsageRunner {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                tried: false,
                ready: false,
                queued: None,
                _callback: None,
            })),
            latest,
            on_news,
        }
    }

    /// Starts the usage worker, once, when the page names a worker script.
    fn spawn_worker(&self) {
        if std::mem::replace(&mut self.inner.borrow_mut().tried, true) {
            return;
        }
        let Some(worker) = worker_url().and_then(|url| spawn(&url, "burnrate-usage").ok()) else {
            return;
        };
        let (on_news, inner) = (self.on_news.clone(), self.inner.clone());
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(message) = super::worker::read(&event.unchecked_into::<MessageEvent>().data())
            else {
                return;
            };
            match message {
                Ok(FromWorker::Usage(news)) => on_news.emit(news),
                Ok(FromWorker::Ready) => {
                    let mut inner = inner.borrow_mut();
                    inner.ready = true;
                    let queued = inner.queued.take();
                    if let (Some(worker), Some(message)) = (&inner.worker, queued) {
                        let _ = worker.post_message(&message);
                    }
                }
                _ => {}
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner._callback = Some(on_message);
        inner.worker = Some(worker);
    }

    /// The generation of a new calibration, from then on the latest.
    pub fn next_generation(&self) -> u64 {
        self.latest.set(self.latest.get() + 1);
        self.latest.get()
    }

    /// Imports `files` and calibrates `request.base` to them.
    pub fn start(&self, request: BatchRequest, files: Vec<File>) {
        let text = serde_json::to_string(&ToWorker::Calibrate(Box::new(request.clone())))
            .expect("requests always serialise");
        self.spawn_worker();
        {
            let mut inner = self.inner.borrow_mut();
            if let Some(worker) = &inner.worker {
                let message = js_sys::Array::new();
                message.push(&JsValue::from_str(&text));
                for f in &files {
                    message.push(f);
                }
                if !inner.ready {
                    inner.queued = Some(message);
                    return;
                }
                if worker.post_message(&message).is_ok() {
                    return;
                }
            }
        }
        let on_news = self.on_news.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut read = Vec::new();
            for (f, name) in files.iter().zip(&request.names) {
                let bytes = match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                    Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                    Err(_) => Vec::new(),
                };
                read.push((name.clone(), std::io::Cursor::new(bytes)));
            }
            let outcome = batch::run(&request, read, &mut |_| {}, &js_sys::Date::now);
            on_news.emit(UsageNews::Finished(Box::new(outcome)));
        });
    }
}
