//! The compact, read-only view for wiki pages (`?embed=1`): chosen charts and the comparison,
//! a link to the full app, and the page's height posted to the host so the iframe can size
//! itself. Nothing is saved from an embedded view.

use super::app::use_session;
use super::{persist, Chart, SummaryTable};
use crate::charts::ChartKind;
use crate::embed::EmbedView;
use crate::session::{Action, PRICING_URL};
use gloo::events::EventListener;
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
    let state = use_session(AttrValue::Static(PRICING_URL));
    let wants_tornado = props.view.charts.contains(&ChartKind::Tornado);
    {
        let (dispatch, policy, missing) = (
            state.dispatcher(),
            props.view.policy,
            state.tornado.is_none(),
        );
        use_effect_with(
            (wants_tornado, missing, policy),
            move |(wants, missing, policy)| {
                if *wants && *missing {
                    dispatch.dispatch(Action::ComputeSensitivity(*policy));
                }
            },
        );
    }
    // Post the height after every render and on resize.
    use_effect(post_height);
    use_effect_with((), |_| {
        let listener = EventListener::new(&gloo::utils::window(), "resize", |_| post_height());
        move || drop(listener)
    });
    let open_link = persist::share_url(&state.share_payload()).replace("?embed=1", "");
    let policy = props
        .view
        .policy
        .min(state.scenario.policies.len().saturating_sub(1));
    html! {
        <main class="page embed" data-testid="embed" aria-busy={state.run.is_some().to_string()}
            data-final={(!state.preliminary).to_string()}>
            <header class="embed-header">
                <h1>{ &state.scenario.name }</h1>
                <a href={open_link} target="_blank" rel="noopener" data-testid="open-full">{ "Open in Burnrate ↗" }</a>
            </header>
            if let Some(error) = &state.input_error {
                <p class="error" role="alert">{ error }</p>
            }
            if let Some(report) = &state.report {
                if state.preliminary {
                    <p class="preliminary">
                        { format!("Preliminary: from the first {} draws; the full run refines these figures.", report.draws) }
                    </p>
                }
                { for props.view.charts.iter().map(|kind| html! {
                    <Chart report={report.clone()} kind={*kind} {policy}
                        tornado={state.tornado.as_ref().map(|t| t.1.clone())} />
                }) }
                if props.view.metrics {
                    <SummaryTable report={report.clone()} />
                }
            }
        </main>
    }
}

/// Tells the host page how tall the embedded view is: `{type: "burnrate:height", height}`.
fn post_height() {
    let window = gloo::utils::window();
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    let height = gloo::utils::document()
        .document_element()
        .map_or(0, |e| e.scroll_height());
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"burnrate:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}
