//! Share and keep: the link to this scenario, scenario JSON import and export, and exports of
//! the results (CSV, JSON, FOCUS-shaped CSV).

use super::persist::{download, share_url};
use crate::downloads::Download;
use crate::pricing::Catalogue;
use crate::report::Report;
use crate::scenario::{Scenario, ValidScenario};
use crate::session::{Action, OpenAction};
use crate::view::status::{export_failed, unreadable_scenario};
use crate::view::Shared;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`SharePanel`]: what it reads, each kept by the app from one edit (or report)
/// to the next, so that the panel is not drawn again while a run progresses.
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The scenario on screen.
    pub scenario: Shared<Scenario>,
    /// The scenario on screen validated (none when it is not valid), for the exports.
    pub valid: Shared<Option<ValidScenario>>,
    /// The prices the scenario is validated against.
    pub catalogue: Shared<Catalogue>,
    /// Whether the report is of inputs since changed (then it is not exported).
    pub stale: bool,
    /// The scenario's share link payload, encoded once per edit.
    pub link: Rc<String>,
    /// The report on screen, if any.
    pub report: Option<Shared<Report>>,
    /// Receives imported scenarios and messages.
    pub on_action: Callback<Action>,
}

/// Link, import and export controls.
#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let link = share_url(&props.link);
    let exports = super::exporter::use_exports(
        props.valid.clone(),
        props.catalogue.clone(),
        props.report.clone(),
        props.stale,
    );
    let on_scenario = {
        let (scenario, failed) = (props.scenario.clone(), exports.failed.clone());
        Callback::from(move |_: MouseEvent| {
            let saved = download(
                "burnrate-scenario.json",
                "application/json",
                &scenario.to_json(),
            );
            failed.set(saved.err().map(|e| export_failed(&e)));
        })
    };
    let on_import = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let cb = cb.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                {
                    Some(text) => cb.emit(Action::Open(OpenAction::File { text, file: name })),
                    None => cb.emit(Action::Open(OpenAction::Notice(unreadable_scenario(&name)))),
                }
            });
            input.set_value("");
        })
    };
    html! {
        <section class="panel share" aria-labelledby="share-heading">
            <h2 id="share-heading">{ "Share and keep" }</h2>
            <label for="share-link">{ "Link to this scenario" }
                <span class="hint">{ "the whole scenario is in the link; your changes are also saved in this browser" }</span>
            </label>
            <input id="share-link" type="url" readonly=true value={link} data-testid="share-link"
                onfocus={Callback::from(|e: FocusEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    input.select();
                })} />
            <div class="buttons">
                <button type="button" onclick={on_scenario} data-testid="export-scenario">{ "Export scenario (JSON)" }</button>
                <label class="button">
                    { "Import scenario (JSON)" }
                    <input type="file" accept=".json,application/json" onchange={on_import}
                        data-testid="import-scenario" class="visually-hidden" />
                </label>
                <button type="button" onclick={exports.button(Download::ResultsCsv)} data-testid="export-csv">{ "Results (CSV)" }</button>
                <button type="button" onclick={exports.button(Download::ResultsJson)} data-testid="export-json">{ "Results (JSON)" }</button>
                <button type="button" onclick={exports.button(Download::Focus)} data-testid="export-focus">{ "Costs (FOCUS CSV)" }</button>
                <span role="status" class="export-failed" data-testid="export-failed">
                    { (*exports.failed).clone().unwrap_or_default() }
                </span>
            </div>
        </section>
    }
}
