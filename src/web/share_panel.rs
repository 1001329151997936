//! Share and keep: the link to this scenario, scenario JSON import and export, and exports of
//! the results (CSV, JSON, FOCUS-shaped CSV).

use super::persist::{download, share_url};
use crate::export::focus_csv;
use crate::session::{Action, OpenAction, Session};
use crate::view::status::{export_failed, unreadable_scenario, NO_RESULTS};
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The session.
    pub state: Rc<Session>,
    /// Receives imported scenarios and messages.
    pub on_action: Callback<Action>,
}

/// Link, import and export controls.
#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let state = &props.state;
    let link = share_url(&state.share_payload());
    let export = |kind: &'static str| {
        let state = props.state.clone();
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            let result = match kind {
                "scenario" => download(
                    "burnrate-scenario.json",
                    "application/json",
                    &state.editor.scenario.to_json(),
                ),
                _ => match (&state.results.report, state.valid()) {
                    (Some(r), Some(v)) => match kind {
                        "csv" => download("burnrate-results.csv", "text/csv", &r.to_csv()),
                        "json" => {
                            download("burnrate-results.json", "application/json", &r.to_json())
                        }
                        _ => download("burnrate-focus.csv", "text/csv", &focus_csv(&v, r)),
                    },
                    _ => Err(NO_RESULTS.into()),
                },
            };
            if let Err(e) = result {
                cb.emit(Action::Open(OpenAction::Notice(export_failed(&e))));
            }
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
                <button type="button" onclick={export("scenario")} data-testid="export-scenario">{ "Export scenario (JSON)" }</button>
                <label class="button">
                    { "Import scenario (JSON)" }
                    <input type="file" accept=".json,application/json" onchange={on_import}
                        data-testid="import-scenario" class="visually-hidden" />
                </label>
                <button type="button" onclick={export("csv")} data-testid="export-csv">{ "Results (CSV)" }</button>
                <button type="button" onclick={export("json")} data-testid="export-json">{ "Results (JSON)" }</button>
                <button type="button" onclick={export("focus")} data-testid="export-focus">{ "Costs (FOCUS CSV)" }</button>
            </div>
        </section>
    }
}
