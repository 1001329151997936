//! The page's export buttons: each file is made in a tools worker ([`super::tools`]) from the
//! report on screen and offered as a download when it comes back; why not, in words, to the
//! buttons' component, which shows it beside them.

use super::persist::download_bytes;
use super::tools::ToolsWorker;
use crate::downloads::Download;
use crate::pricing::Catalogue;
use crate::report::Report;
use crate::runner::{ExportRequest, FromWorker, STALE_RESULTS};
use crate::scenario::ValidScenario;
use crate::view::status::{export_failed, NO_RESULTS};
use crate::view::Shared;
use yew::prelude::*;

thread_local! {
    /// The worker that writes exports, started with the first one; each export is sent with
    /// where its failure goes, so that it is said beside the buttons clicked.
    static WORKER: ToolsWorker<Callback<String>> = ToolsWorker::new(
        "burnrate-exports",
        Callback::from(|(message, on_failed): (FromWorker, Option<Callback<String>>)| {
            if let FromWorker::Exported(file) = message {
                let saved = file.and_then(|f| download_bytes(&f.name, &f.mime, &f.bytes));
                if let (Err(why), Some(on_failed)) = (saved, on_failed) {
                    on_failed.emit(export_failed(&why));
                }
            }
        }),
        Callback::from(|(on_failed, why): (Callback<String>, &'static str)| {
            on_failed.emit(export_failed(why))
        }),
    );
}

/// Has `download` of `report` on `valid` (priced from `catalogue`) made and downloaded; a
/// failure's message ("Export failed: …") goes to `on_failed`.
fn export(
    download: Download,
    (valid, catalogue): (&ValidScenario, &Catalogue),
    report: &Report,
    on_failed: Callback<String>,
) {
    let bytes = ExportRequest::bytes(download, valid, catalogue, report);
    let message = js_sys::Uint8Array::from(bytes.as_slice());
    WORKER.with(|w| w.send(&message, on_failed));
}

/// A panel's export buttons: what they export, and what the last export said.
pub struct Exports {
    valid: Shared<Option<ValidScenario>>,
    catalogue: Shared<Catalogue>,
    report: Option<Shared<Report>>,
    stale: bool,
    /// Why the last export failed, in words; `None` while nothing failed.
    pub failed: UseStateHandle<Option<String>>,
}

impl Exports {
    /// The click of the button that exports `download`: refused, said in [`Exports::failed`],
    /// when there are no valid results or they are of inputs since changed (`stale`).
    pub fn button(&self, download: Download) -> Callback<MouseEvent> {
        let (valid, catalogue) = (self.valid.clone(), self.catalogue.clone());
        let (report, stale, failed) = (self.report.clone(), self.stale, self.failed.clone());
        Callback::from(move |_: MouseEvent| {
            failed.set(None);
            let on_failed = {
                let failed = failed.clone();
                Callback::from(move |message: String| failed.set(Some(message)))
            };
            match (&report, valid.as_ref()) {
                (Some(r), Some(v)) if !stale => export(download, (v, &catalogue), r, on_failed),
                _ => on_failed.emit(export_failed(if stale {
                    STALE_RESULTS
                } else {
                    NO_RESULTS
                })),
            }
        })
    }
}

/// A panel's exports of `report` on `valid` (priced from `catalogue`); what the last one said
/// goes once the results change (`stale`).
#[hook]
pub fn use_exports(
    valid: Shared<Option<ValidScenario>>,
    catalogue: Shared<Catalogue>,
    report: Option<Shared<Report>>,
    stale: bool,
) -> Exports {
    let failed = use_state(|| None::<String>);
    {
        let failed = failed.clone();
        use_effect_with(stale, move |_| failed.set(None));
    }
    Exports {
        valid,
        catalogue,
        report,
        stale,
        failed,
    }
}
