//! The page's export buttons: each file is made in a tools worker ([`super::tools`]) from the
//! report on screen and offered as a download when it comes back; why not, in words, to the
//! buttons' component, which shows it beside them.

use super::persist::download_bytes;
use super::tools::ToolsWorker;
use crate::downloads::Download;
use crate::pricing::Catalogue;
use crate::report::Report;
use crate::runner::{ExportRequest, FromWorker};
use crate::scenario::ValidScenario;
use crate::view::status::export_failed;
use std::cell::RefCell;
use yew::Callback;

thread_local! {
    /// The worker that writes exports, started with the first one.
    static WORKER: ToolsWorker = ToolsWorker::new(
        "burnrate-exports",
        Callback::from(|message: FromWorker| {
            if let FromWorker::Exported(file) = message {
                let saved = file.and_then(|f| download_bytes(&f.name, &f.mime, &f.bytes));
                if let Err(why) = saved {
                    tell(&why);
                }
            }
        }),
        Callback::from(|why: &'static str| tell(why)),
    );
    /// Where the message goes if the latest export fails.
    static FAILED: RefCell<Option<Callback<String>>> = const { RefCell::new(None) };
}

/// Says why the latest export failed.
fn tell(why: &str) {
    if let Some(on_failed) = FAILED.with(|n| n.borrow().clone()) {
        on_failed.emit(export_failed(why));
    }
}

/// Has `download` of `report` on `valid` (priced from `catalogue`) made and downloaded; a
/// failure's message ("Export failed: …") goes to `on_failed`.
pub fn export(
    download: Download,
    (valid, catalogue): (&ValidScenario, &Catalogue),
    report: &Report,
    on_failed: Callback<String>,
) {
    FAILED.with(|n| *n.borrow_mut() = Some(on_failed));
    let bytes = ExportRequest::bytes(download, valid, catalogue, report);
    let message = js_sys::Uint8Array::from(bytes.as_slice());
    WORKER.with(|w| w.send(&message));
}
