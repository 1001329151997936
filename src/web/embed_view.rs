//! The compact, read-only view for wiki pages (`?embed=1`): chosen charts and the comparison,
//! a link to the full app, and the content's height posted to the host whenever it changes, so
//! the iframe can size itself. Nothing is saved from an embedded view.

use super::app::use_session;
use super::{persist, Chart, SummaryTable};
use crate::embed::{full_app_url, EmbedView};
use crate::session::{Action, RunAction, PRICING_URL};
use crate::view::Shared;
use crate::view::{status, ChartKind};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`EmbedApp`].
#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// What to show.
    pub view: EmbedView,
}

/// The embedded view.
#[function_component(EmbedApp)]
pub fn embed_app(props: &EmbedProps) -> Html {
    let (state, opening) = use_session(AttrValue::Static(PRICING_URL), true);
    let wants_tornado = props.view.charts.contains(&ChartKind::Tornado);
    let (policy, policy_note) = props.view.policy_of(state.editor.scenario.policies.len());
    {
        let (dispatch, missing) = (state.dispatcher(), state.results.tornado.is_none());
        use_effect_with(
            (wants_tornado, missing, policy),
            move |(wants, missing, policy)| {
                if *wants && *missing {
                    dispatch.dispatch(Action::Run(RunAction::Sensitivity(*policy)));
                }
            },
        );
    }
    // Post the height whenever the content's size changes, growing or shrinking (the observer
    // also reports the first layout).
    use_effect_with((), |_| {
        let callback = Closure::<dyn FnMut()>::new(post_height);
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(root)) =
            (&observer, gloo::utils::document().document_element())
        {
            observer.observe(&root);
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(callback);
        }
    });
    let open_link = full_app_url(&persist::share_url(&state.share_payload()));
    let problems: Vec<String> = props
        .view
        .problems
        .iter()
        .cloned()
        .chain(policy_note)
        .collect();
    let results = use_memo(crate::view::results::source_of(&state), |s| s.results());
    let charts = use_memo(
        (results.clone(), props.view.charts.clone(), policy),
        |(results, charts, policy)| match results.as_ref() {
            Some(r) => charts
                .iter()
                .map(|kind| Shared::new(r.chart(*kind, *policy)))
                .collect(),
            None => Vec::new(),
        },
    );
    html! {
        <main class="page embed" data-testid="embed" aria-busy={status::busy(&state).to_string()}
            data-final={status::is_final(&state).to_string()}>
            <header class="embed-header">
                <h1>{ &state.editor.scenario.name }</h1>
                <a href={open_link} target="_blank" rel="noopener" data-testid="open-full">{ "Open in Burnrate ↗" }</a>
            </header>
            if opening.damaged_link.is_some() {
                if let Some(notice) = &opening.notice {
                    <p class="notice warning" role="status" data-testid="scenario-notice">{ notice }</p>
                }
            }
            if !problems.is_empty() {
                <p class="notice warning" role="status" data-testid="embed-problems">
                    { format!("This view's address: {}.", problems.join("; ")) }
                </p>
            }
            if let Some(error) = &state.editor.error {
                <p class="error" role="alert">{ crate::scenario::input_message(error) }</p>
            }
            if let Some(results) = results.as_ref() {
                if let Some(preliminary) = status::embed_preliminary(&state) {
                    <p class="preliminary">{ preliminary }</p>
                }
                { for charts.iter().map(|data| html! { <Chart data={data.clone()} /> }) }
                if props.view.metrics {
                    <SummaryTable comparison={results.comparison()} />
                }
            }
        </main>
    }
}

/// Tells the host page how tall the embedded view's content is [CSS px]:
/// `{type: "burnrate:height", height}`. The root element's own height follows its content, unlike
/// the document's scroll height, which never falls below the iframe's current height.
fn post_height() {
    let window = gloo::utils::window();
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    let height = gloo::utils::document()
        .document_element()
        .map_or(0.0, |e| e.get_bounding_client_rect().height().ceil());
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"burnrate:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}
