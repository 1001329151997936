//! The root component: loads the served price table, holds the session, lays out the page.

use super::{
    persist, ChartPanel, Controls, ModelMix, Parameters, PolicySets, PricingPanel, SharePanel,
    SummaryTable,
};
use crate::pricing::Catalogue;
use crate::session::{Action, Session};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the served price table is fetched from, relative to the page.
    pub pricing_url: AttrValue,
}

/// Progress of the run in flight: draws done and draws in all.
pub type Progress = UseStateHandle<Option<(u32, u32)>>;

/// The session of the page: the scenario of the link, the autosave or the default, with the
/// served price table loaded over the built-in one once it arrives. Monte Carlo runs are carried
/// out here, in chunks of draws that each take a few tens of milliseconds, yielding to the
/// browser between chunks; an edit made meanwhile supersedes the run (a short debounce lets
/// typing settle first).
#[hook]
pub fn use_session(pricing_url: AttrValue) -> (UseReducerHandle<Session>, Progress) {
    let state = use_reducer(|| {
        let (scenario, notice) = persist::initial_scenario();
        let mut session = Session::deferred(scenario);
        session.scenario_notice = notice;
        session
    });
    let progress: Progress = use_state(|| None);
    let latest = use_mut_ref(|| 0u64);
    {
        let (dispatch, progress, latest) = (state.dispatcher(), progress.clone(), latest.clone());
        let run = state.run.clone();
        use_effect_with(run.as_ref().map(|r| r.generation), move |_| match run {
            None => {
                *latest.borrow_mut() = 0;
                progress.set(None);
            }
            Some(run) => {
                *latest.borrow_mut() = run.generation;
                wasm_bindgen_futures::spawn_local(async move {
                    let current = || *latest.borrow() == run.generation;
                    gloo::timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
                    let total = run.params.len() as u32;
                    let developers = run.valid.teams.iter().map(|t| t.developers).sum::<u32>();
                    let chunk = (CHUNK_DEVELOPER_DRAWS / developers.max(1)).clamp(1, total.max(1));
                    let mut draws = Vec::with_capacity(total as usize);
                    let mut done = 0;
                    while done < total {
                        if !current() {
                            return;
                        }
                        let end = (done + chunk).min(total);
                        draws.extend(crate::sim::run_draws(&run.valid, &run.params, done..end));
                        done = end;
                        progress.set(Some((done, total)));
                        gloo::timers::future::TimeoutFuture::new(0).await;
                    }
                    if current() {
                        let report = Rc::new(crate::report::Report::new(&run.valid, &draws));
                        dispatch.dispatch(Action::RunFinished(run.generation, report));
                    }
                });
            }
        });
    }
    {
        let dispatch = state.dispatcher();
        use_effect_with(pricing_url, move |url| {
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                dispatch.dispatch(Action::PricingLoaded(fetch_catalogue(&url).await));
            });
        });
    }
    (state, progress)
}

/// How long an edit must rest before its run starts [ms].
const DEBOUNCE_MS: u32 = 120;

/// Developer-draws per chunk: at about 3 µs per developer-draw in the browser, a chunk takes
/// about 30 ms, so the page stays responsive during a run.
const CHUNK_DEVELOPER_DRAWS: u32 = 10_000;

/// The whole app.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let (state, progress) = use_session(props.pricing_url.clone());
    {
        // Keep the scenario in the URL and in local storage after every change.
        let dispatch = state.dispatcher();
        use_effect_with(state.scenario.clone(), move |scenario| {
            if let Err(message) = persist::save(&crate::share::encode(scenario)) {
                dispatch.dispatch(Action::Notice(message));
            }
        });
    }
    let on_action = {
        let dispatch = state.dispatcher();
        Callback::from(move |a: Action| dispatch.dispatch(a))
    };
    let priced: Rc<Vec<String>> = Rc::new(
        state
            .catalogue
            .models()
            .iter()
            .map(|m| m.id.clone())
            .collect(),
    );
    html! {
        <main class="page">
            <header>
                <h1>{ "Burnrate" }</h1>
                <p class="tagline">
                    { "What will AI coding tools cost us, month by month, under our policies?" }
                </p>
            </header>
            if let Some(notice) = &state.scenario_notice {
                <p class="notice" role="status" data-testid="scenario-notice">{ notice }</p>
            }
            if let Some(notice) = &state.pricing_notice {
                <p class="notice warning" role="status" data-testid="pricing-notice">{ notice }</p>
            }
            <Controls
                developers={state.developers_input.clone()}
                draws={state.draws_input.clone()}
                error={state.input_error.clone()}
                error_field={state.input_error_field.clone()}
                on_action={on_action.clone()}
            />
            if let (Some(_), Some((done, total))) = (&state.run, *progress) {
                <div class="progress" role="status" data-testid="run-progress">
                    <label for="run-progress">{ format!("Simulating: {done} of {total} draws") }</label>
                    <progress id="run-progress" max={total.to_string()} value={done.to_string()} />
                    <button type="button" onclick={on_action.reform(|_| Action::CancelRun)}>{ "Cancel" }</button>
                </div>
            }
            if let Some(report) = &state.report {
                <section class="results" aria-label="Results">
                    <ChartPanel report={report.clone()} tornado={state.tornado.clone()}
                        on_action={on_action.clone()} />
                    <SummaryTable report={report.clone()} />
                </section>
            }
            <PolicySets policies={state.scenario.policies.clone()} on_action={on_action.clone()} />
            <Parameters scenario={Rc::new(state.scenario.clone())} inputs={state.param_inputs.clone()}
                error_field={state.input_error_field.clone()} on_action={on_action.clone()} />
            <ModelMix
                models={state.scenario.model_mix.iter().map(|s| s.model.clone()).collect::<Vec<_>>()}
                shares={state.share_inputs.clone()}
                priced={priced}
                unpriced={state.unpriced_models()}
                on_action={on_action.clone()}
            />
            <PricingPanel
                models_in_use={state.catalogue.models().len()}
                base_models={state.base.models().len()}
                import={state.import.clone()}
                error={state.pricing_error.clone()}
                changes={Rc::new(state.price_changes.clone())}
                on_action={on_action.clone()}
            />
            <SharePanel state={Rc::new((*state).clone())} on_action={on_action.clone()} />
            <footer>
                { format!("Prices: {} models, USD per 1M tokens, priced on a cache-aware token mix.",
                    state.catalogue.models().len()) }
            </footer>
        </main>
    }
}

/// Fetches and validates the served price table; the error says what went wrong.
async fn fetch_catalogue(url: &str) -> Result<Catalogue, String> {
    let text = persist::fetch_text(url).await?;
    Catalogue::from_json(&text, url).map_err(|e| e.to_string())
}
