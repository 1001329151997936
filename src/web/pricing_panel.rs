//! The price-table panel: which prices are in use, importing a file or URL (merged over the
//! current table or instead of it, read in the tools worker: [`super::tools`]), what an import
//! skipped, which prices changed, and the enterprise agreement (discounts and committed spend).

use super::field::Field;
use super::tools::ToolsWorker;
use crate::runner::{FromWorker, ToWorker};
use crate::scenario::{fields, FieldPath, Section};
use crate::session::{import_formats, Action, PriceAction};
use crate::view::prices::{Changes, ImportReport, Prices};
use crate::view::status::unreadable_prices;
use crate::view::Form;
use crate::view::Shared;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`PricingPanel`].
#[derive(Properties, PartialEq)]
pub struct PricingPanelProps {
    /// What the panel says about the prices in use.
    pub view: Rc<Prices>,
    /// What the agreement fields show.
    pub form: Shared<Form>,
    /// Receives imports and edits.
    pub on_action: Callback<Action>,
}

/// Imports and shows price tables.
#[function_component(PricingPanel)]
pub fn pricing_panel(props: &PricingPanelProps) -> Html {
    let format = use_state(|| AUTO.to_string());
    let merge = use_state(|| true);
    let url = use_state(String::new);
    let busy = use_state(|| false);
    let importer = use_importer(props.on_action.clone(), busy.setter());

    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            format.set(select.value());
        })
    };
    let on_merge = {
        let merge = merge.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            merge.set(input.checked());
        })
    };
    let on_file = file_handler(format.clone(), merge.clone(), importer.clone());
    let on_url_input = {
        let url = url.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            url.set(input.value());
        })
    };
    let on_load_url = url_handler(format.clone(), merge.clone(), url.clone(), importer);
    let on_clear = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::Prices(PriceAction::ClearImport)))
    };

    let view = &props.view;
    html! {
        <section class="panel pricing" aria-labelledby="pricing-heading">
            <h2 id="pricing-heading">{ "Prices" }</h2>
            <p data-testid="prices-in-use">{ &view.in_use }</p>
            <div class="import-row">
                <label>
                    { "Import a price table" }
                    <span class="hint">{ "LiteLLM, OpenRouter, llm-prices, CSV or Burnrate JSON" }</span>
                    <input id="pricing-file" type="file" accept=".json,.csv,application/json,text/csv"
                        onchange={on_file} data-testid="pricing-file" />
                </label>
                <form class="url-form" onsubmit={on_load_url} novalidate=true>
                    <label for="pricing-url">{ "…or from a URL" }</label>
                    <input id="pricing-url" type="url" placeholder="https://…/model_prices.json"
                        value={(*url).clone()} oninput={on_url_input} />
                    <button type="submit">{ "Load" }</button>
                </form>
                <label>
                    { "Format" }
                    <select id="pricing-format" onchange={on_format}>
                        <option value={AUTO} selected={*format == AUTO}>{ "detect" }</option>
                        { for import_formats().map(|f| html! {
                            <option value={f} selected={*format == f}>{ f }</option>
                        }) }
                    </select>
                </label>
                <label class="check">
                    <input id="pricing-merge" type="checkbox" checked={*merge} onchange={on_merge} />
                    { "Lay over the current table (unchecked: use it alone)" }
                </label>
                if view.imported {
                    <button type="button" onclick={on_clear}>{ "Back to the base table" }</button>
                }
            </div>
            if *busy {
                <p role="status">{ "Importing…" }</p>
            }
            if let Some(e) = &view.error {
                <p class="error" role="alert" data-testid="pricing-error">{ e }</p>
            }
            if let Some(i) = &view.import {
                { summary(i) }
            }
            if let Some(c) = &view.changes {
                { changes(c) }
            }
            <fieldset class="agreement" data-testid="agreement">
                <legend>{ "Enterprise agreement" }</legend>
                { for fields(Section::Agreement).map(|f| html! {
                    <Field view={props.form.field(FieldPath::Scenario(f))} on_action={props.on_action.clone()} />
                }) }
            </fieldset>
        </section>
    }
}

/// Hands price tables to the tools worker and its imports to the session.
struct Importer {
    /// Each import sent with where its text came from and whether to merge it, for the
    /// message that refuses it if the worker fails.
    worker: ToolsWorker<(String, bool)>,
    /// Imports in the worker; the panel says it is importing while there are any.
    in_flight: Rc<Cell<usize>>,
    busy: UseStateSetter<bool>,
    on_action: Callback<Action>,
}

impl Importer {
    /// Imports `text` (or says why it could not be read), read from `name`, as the format named
    /// `format`, laid over the table in use when `merge`.
    fn import(&self, text: Result<String, String>, format: &str, name: &str, merge: bool) {
        let text = match text {
            Ok(text) => text,
            Err(why) => {
                self.busy.set(self.in_flight.get() > 0);
                return self.on_action.emit(refused(why, merge));
            }
        };
        let request = ToWorker::ImportPrices {
            format: format.to_string(),
            name: name.to_string(),
            merge,
        };
        let request = js_sys::Uint8Array::from(request.to_bytes().as_slice());
        self.in_flight.set(self.in_flight.get() + 1);
        self.busy.set(true);
        self.worker.send(
            &js_sys::Array::of2(&request, &JsValue::from_str(&text)),
            (name.to_string(), merge),
        );
    }
}

/// The import that failed because of `why`, the prices unchanged.
fn refused(why: String, merge: bool) -> Action {
    Action::Prices(PriceAction::Imported {
        result: Err(why),
        merge,
        elapsed_ms: 0.0,
    })
}

/// The panel's importer, made once: each import the worker sends back goes to `on_action`,
/// its table read back and timed by the page's clock.
#[hook]
fn use_importer(on_action: Callback<Action>, busy: UseStateSetter<bool>) -> Rc<Importer> {
    use_memo((), move |_| {
        let in_flight = Rc::new(Cell::new(0_usize));
        let answered = {
            let (in_flight, busy) = (in_flight.clone(), busy.clone());
            move || {
                in_flight.set(in_flight.get().saturating_sub(1));
                busy.set(in_flight.get() > 0);
            }
        };
        let on_message = {
            let (on_action, answered) = (on_action.clone(), answered.clone());
            Callback::from(move |(message, _): (FromWorker, Option<(String, bool)>)| {
                let FromWorker::Prices(imported) = message else {
                    return;
                };
                answered();
                let performance = gloo::utils::window().performance();
                let clock = || performance.as_ref().map_or(0.0, |p| p.now());
                on_action.emit(Action::Prices(imported.into_action(clock)));
            })
        };
        let on_failure = {
            let on_action = on_action.clone();
            Callback::from(
                move |((name, merge), why): ((String, bool), &'static str)| {
                    answered();
                    on_action.emit(refused(format!("{name}: {why}"), merge));
                },
            )
        };
        Importer {
            worker: ToolsWorker::new("burnrate-prices", on_message, on_failure),
            in_flight,
            busy,
            on_action,
        }
    })
}

/// Reads a chosen file and imports it as a price table.
fn file_handler(
    format: UseStateHandle<String>,
    merge: UseStateHandle<bool>,
    importer: Rc<Importer>,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let (format, merge) = ((*format).clone(), *merge);
        let importer = importer.clone();
        importer.busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| unreadable_prices(&name));
            importer.import(text, &format, &name, merge);
        });
        input.set_value("");
    })
}

/// Fetches the typed address and imports it as a price table.
fn url_handler(
    format: UseStateHandle<String>,
    merge: UseStateHandle<bool>,
    url: UseStateHandle<String>,
    importer: Rc<Importer>,
) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let address = url.trim().to_string();
        if address.is_empty() {
            return;
        }
        let (format, merge) = ((*format).clone(), *merge);
        let origin = gloo::utils::window()
            .location()
            .origin()
            .unwrap_or_default();
        if let Some(problem) = crate::session::url_problem(&address, &origin) {
            importer.import(Err(problem), &format, &address, merge);
            return;
        }
        let importer = importer.clone();
        importer.busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let text = super::persist::fetch_text(&address).await;
            importer.import(text, &format, &address, merge);
        });
    })
}

/// The format choice that detects the format from the text.
const AUTO: &str = "auto";

fn summary(i: &ImportReport) -> Html {
    html! {
        <div class="import-summary" data-testid="import-summary" data-sequence={i.sequence.to_string()}>
            <p>{ &i.text }</p>
            if let Some(title) = &i.warnings_title {
                <details>
                    <summary>{ title }</summary>
                    <ul class="warnings">
                        { for i.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                    </ul>
                </details>
            }
        </div>
    }
}

fn changes(c: &Changes) -> Html {
    html! {
        <details class="changes" open={c.open}>
            <summary data-testid="price-changes">{ &c.summary }</summary>
            <table>
                <thead><tr>
                    <th scope="col">{ "Model" }</th>
                    <th scope="col">{ "Price" }</th>
                    <th scope="col">{ "Base table" }</th>
                    <th scope="col">{ "In use" }</th>
                </tr></thead>
                <tbody>
                    { for c.rows.iter().map(|[model, field, before, after]| html! {
                        <tr>
                            <th scope="row">{ model }</th>
                            <td>{ field }</td>
                            <td>{ before }</td>
                            <td>{ after }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}
