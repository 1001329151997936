//! Where usage files are imported and a scenario calibrated to them: in the tools worker
//! ([`super::tools`], the page's second module, started with the first calibration, so that
//! pages that never read usage files never load it and a calibration never waits for a run).
//! The files are read in that worker and never sent anywhere.

use super::tools::ToolsWorker;
use crate::calibrate::batch::{BatchOutcome, BatchRequest};
use crate::runner::{FromWorker, ToWorker, UsageNews};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::File;
use yew::Callback;

/// The page's side: hands files to the tools worker and passes the news to a callback.
#[derive(Clone)]
pub struct UsageRunner {
    /// Each calibration sent with its request, refused with the reason if the worker fails.
    worker: Rc<ToolsWorker<BatchRequest>>,
    /// The generation of the latest calibration asked for.
    latest: Rc<Cell<u64>>,
}

impl PartialEq for UsageRunner {
    fn eq(&self, other: &UsageRunner) -> bool {
        Rc::ptr_eq(&self.worker, &other.worker)
    }
}

impl UsageRunner {
    /// A runner sending the news of calibrations to `on_news`, counting them in `latest`; its
    /// worker starts with the first calibration, so pages that never read usage files never
    /// load it.
    pub fn new(latest: Rc<Cell<u64>>, on_news: Callback<UsageNews>) -> UsageRunner {
        let on_message = {
            let on_news = on_news.clone();
            Callback::from(move |(message, _): (FromWorker, Option<BatchRequest>)| {
                if let FromWorker::Usage(news) = message {
                    on_news.emit(news);
                }
            })
        };
        let on_failure = Callback::from(move |(request, why): (BatchRequest, &'static str)| {
            on_news.emit(UsageNews::Finished(Box::new(BatchOutcome::refused(
                &request, why,
            ))));
        });
        UsageRunner {
            worker: Rc::new(ToolsWorker::new("burnrate-usage", on_message, on_failure)),
            latest,
        }
    }

    /// The generation of a new calibration, from then on the latest.
    pub fn next_generation(&self) -> u64 {
        self.latest.set(self.latest.get() + 1);
        self.latest.get()
    }

    /// Imports `files` and calibrates `request.base` to them.
    pub fn start(&self, request: BatchRequest, files: Vec<File>) {
        let bytes = ToWorker::Calibrate(Box::new(request.clone())).to_bytes();
        let message = js_sys::Array::new();
        message.push(&js_sys::Uint8Array::from(bytes.as_slice()));
        for f in &files {
            message.push(f);
        }
        self.worker.send(&message, request);
    }
}
