//! The page's export buttons: each file is made in a tools worker ([`super::tools`]) from the
//! report on screen and offered as a download when it comes back; why not, as a notice.

use super::persist::download_bytes;
use super::tools::ToolsWorker;
use crate::downloads::Download;
use crate::pricing::Catalogue;
use crate::report::Report;
use crate::runner::{ExportRequest, FromWorker};
use crate::scenario::ValidScenario;
use crate::session::{Action, OpenAction};
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
    /// Where the notice goes if the latest export fails.
    static NOTICES: RefCell<Option<Callback<Action>>> = const { RefCell::new(None) };
}

/// Tells the page why the latest export failed.
fn tell(why: &str) {
    if let Some(on_action) = NOTICES.with(|n| n.borrow().clone()) {
        on_action.emit(Action::Open(OpenAction::Notice(export_failed(why))));
    }
}

/// Has `download` of `report` on `valid` (priced from `catalogue`) made and downloaded; a
/// failure is a notice sent to `on_action`.
pub fn export(
    download: Download,
    (valid, catalogue): (&ValidScenario, &Catalogue),
    report: &Report,
    on_action: Callback<Action>,
) {
    NOTICES.with(|n| *n.borrow_mut() = Some(on_action));
    let bytes = ExportRequest::bytes(download, valid, catalogue, report);
    let message = js_sys::Uint8Array::from(bytes.as_slice());
    WORKER.with(|w| w.send(&message));
}
