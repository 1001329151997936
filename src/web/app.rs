//! The root component: loads the served price table, holds the session, lays out the page.

use super::worker::Runner;
use super::{
    persist, ChartPanel, Controls, DamagedLink, ModelMix, Organisation, Parameters, PolicySets,
    PricingPanel, SharePanel, SummaryTable, Uncertainty, UsagePanel,
};
use crate::opening::{AutosaveGate, Opening};
use crate::scenario::{Scenario, ValidScenario};
use crate::session::{Action, OpenAction, PriceAction, RunAction, Session, DEBOUNCE_MS};
use crate::view::{status, Shared};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the served price table is fetched from, relative to the page.
    pub pricing_url: AttrValue,
}

/// The session of the page and how it opened: the scenario of the link, the autosave (not in an
/// embedded view) or the default, with the served price table loaded over the built-in one once
/// it arrives. Runs are handed to a [`Runner`] (a web worker), the first during the first
/// render; an edit supersedes the run in flight, at once or, right after another edit, after a
/// short debounce that lets typing settle.
#[hook]
pub fn use_session(
    pricing_url: AttrValue,
    embedded: bool,
) -> (UseReducerHandle<Session>, Rc<Opening>) {
    let opening = use_memo((), move |_| persist::opening(embedded));
    let state = use_reducer({
        let opening = opening.clone();
        move || {
            let workers = super::worker::planned_workers();
            let mut session = Session::on_pool(opening.scenario.clone(), workers);
            session.notice = opening.notice.clone().map(crate::session::Notice::Said);
            session
        }
    });
    let runner = {
        let dispatch = state.dispatcher();
        let (first, catalogue) = (state.run.pending.clone(), state.prices.catalogue.clone());
        use_memo((), move |_| {
            let runner = Runner::new(Callback::from(move |u| {
                dispatch.dispatch(Action::Run(RunAction::Update(u)))
            }));
            // The first run starts now, while the rest of the page mounts.
            if let Some(run) = first {
                runner.start(&run, &catalogue);
            }
            runner
        })
    };
    let latest = use_mut_ref(|| 0u64);
    // When the last run was asked for [ms since the epoch].
    let last_asked = use_mut_ref(|| f64::NEG_INFINITY);
    {
        let (run, catalogue) = (state.run.pending.clone(), state.prices.catalogue.clone());
        let showing = state.results.report.is_some();
        use_effect_with(run.as_ref().map(|r| r.generation), move |_| match run {
            None => {
                *latest.borrow_mut() = 0;
                runner.cancel();
            }
            Some(run) => {
                *latest.borrow_mut() = run.generation;
                let now = js_sys::Date::now();
                let since_last = now - last_asked.replace(now);
                wasm_bindgen_futures::spawn_local(async move {
                    if run.debounced(showing, since_last) {
                        gloo::timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
                    }
                    if *latest.borrow() == run.generation {
                        runner.start(&run, &catalogue);
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
                let text = persist::fetch_text(&url).await;
                if let Some(action) = PriceAction::served(&url, text) {
                    dispatch.dispatch(Action::Prices(action));
                }
            });
        });
    }
    (state, opening)
}

/// The whole app.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let (state, opening) = use_session(props.pricing_url.clone(), false);
    {
        // Keep the scenario in the URL and in local storage from the user's first change on.
        let dispatch = state.dispatcher();
        let gate = {
            let opening = opening.clone();
            use_mut_ref(move || AutosaveGate::new(opening.scenario.clone()))
        };
        use_effect_with(state.editor.scenario.clone(), move |scenario| {
            if let Some(payload) = gate.borrow_mut().payload(scenario) {
                if let Err(message) = persist::save(&payload) {
                    dispatch.dispatch(Action::Open(OpenAction::Notice(message)));
                }
            }
        });
    }
    // One callback for the page's life: a new one each render would redraw every component
    // that takes it, the editors included, at each progress report of a run.
    let on_action = {
        let dispatch = state.dispatcher();
        use_callback((), move |a: Action, _| dispatch.dispatch(a))
    };
    let scenario: Shared<Scenario> =
        use_memo(state.editor.scenario.clone(), |scenario| scenario.clone()).into();
    let form: Shared<crate::view::Form> = use_memo(
        (state.editor.clone(), state.prices.catalogue.clone()),
        |(editor, catalogue)| crate::view::Form::new(editor, catalogue),
    )
    .into();
    let valid: Shared<Option<ValidScenario>> = use_memo(
        (
            state.editor.scenario.clone(),
            state.prices.catalogue.clone(),
        ),
        |(scenario, catalogue)| scenario.validate(catalogue).ok(),
    )
    .into();
    let link = use_memo(state.editor.scenario.clone(), |scenario| {
        crate::share::encode(scenario)
    });
    let report = state.results.report.clone().map(Shared::from);
    let notices = status::notices(&state);
    let results = use_memo(crate::view::results::source_of(&state), |s| {
        s.results().map(Rc::new)
    });
    let rest = use_rest_of_page(results.is_some(), status::busy(&state));
    html! {
        <main class="page">
            <a class="skip-link" href="#results">{ "Skip to the results" }</a>
            <header>
                <h1>{ "Burnrate" }</h1>
                <p class="tagline">
                    { "What will AI coding tools cost us, month by month, under our policies?" }
                </p>
            </header>
            if let Some(notice) = &notices.scenario {
                <p class="notice" role="status" data-testid="scenario-notice">{ notice }</p>
            }
            if let Some(link) = &opening.damaged_link {
                <DamagedLink url={persist::share_url(link)} />
            }
            if let Some(notice) = &notices.pricing {
                <p class="notice warning" role="status" data-testid="pricing-notice">{ notice }</p>
            }
            <Controls form={form.clone()} on_action={on_action.clone()} />
            if let Some(progress) = status::progress(&state) {
                <div class="progress" role="status" data-testid="run-progress">
                    <label for="run-progress">{ progress.text }</label>
                    <progress id="run-progress" max={progress.total.to_string()} value={progress.done.to_string()} />
                    <button type="button" onclick={on_action.reform(|_| Action::Run(RunAction::Cancel))}>{ "Cancel" }</button>
                </div>
            }
            if let Some(held) = status::held(&state) {
                <div class="held" role="status" data-testid="run-held">
                    <p>{ held }</p>
                    <button type="button" onclick={on_action.reform(|_| Action::Run(RunAction::Confirm))}>{ status::RUN_HELD }</button>
                </div>
            }
            if let Some(results) = results.as_ref() {
                <section class={classes!("results", status::stale(&state).map(|_| "stale"))} aria-label="Results" aria-busy={status::busy(&state).to_string()}
                    id="results" tabindex="-1" data-testid="results" data-final={status::is_final(&state).to_string()}>
                    if let Some(stale) = status::stale(&state) {
                        <p class="stale-note" data-testid="stale">{ stale }</p>
                    }
                    if let Some(preliminary) = status::preliminary(&state) {
                        <p class="preliminary" data-testid="preliminary">{ preliminary }</p>
                    }
                    <p class="range-note" data-testid="range-note">{ crate::view::results::RANGE_NOTE }</p>
                    if let Some(report) = report.clone() {
                        <super::finance::FinancePanel report={report.clone()} valid={valid.clone()}
                            catalogue={Shared::from(state.prices.catalogue.clone())}
                            stale={state.results.stale} link={link.clone()} />
                        if rest {
                            <super::finance::PrintedAssumptions {report} valid={valid.clone()} />
                        }
                    }
                    <ChartPanel results={results.clone()} on_action={on_action.clone()} />
                    if rest {
                        <SummaryTable comparison={results.comparison()} />
                        if let Some(report) = report.clone().filter(|r| !r.reforecasts.is_empty()) {
                            <super::reforecast::ReforecastPanel {report} />
                        }
                    }
                </section>
            }
            if rest {
                <PolicySets scenario={scenario.clone()} form={form.clone()} on_action={on_action.clone()} />
                <Organisation scenario={scenario.clone()} form={form.clone()} on_action={on_action.clone()} />
                <Uncertainty form={form.clone()} on_action={on_action.clone()} />
                <Parameters form={form.clone()} on_action={on_action.clone()} />
                <ModelMix form={form.clone()} on_action={on_action.clone()} />
                <PricingPanel
                    view={Rc::new(crate::view::prices(&state))}
                    form={form.clone()}
                    on_action={on_action.clone()}
                />
                <UsagePanel scenario={scenario.clone()} form={form.clone()} can_restore={state.replaced.is_some()}
                    on_action={on_action.clone()} />
                <super::solve::SolvePanel scenario={scenario.clone()} valid={valid.clone()}
                    catalogue={Shared::from(state.prices.catalogue.clone())} />
                <SharePanel scenario={scenario.clone()} valid={valid.clone()}
                    catalogue={Shared::from(state.prices.catalogue.clone())}
                    stale={state.results.stale} link={link.clone()}
                    report={report.clone()} on_action={on_action.clone()} />
            }
            <footer>{ status::footer(&state) }</footer>
        </main>
    }
}

/// Whether the rest of the page is on it: the results below the chart (the summary table and
/// the reforecast), the print-only assumptions, and the editors below the results (policy sets
/// to sharing). While the first run has shown nothing yet they wait, and come in the task after
/// its first results are drawn (or [`REST_WAIT_MS`] after the page opens, if a large run's
/// first draws take longer): they are most of the page's elements, and built beside the rest
/// they held the first chart back (the editors by about 0.1 s, the summary table and
/// assumptions, three quarters of the results' elements, by a few tens of milliseconds). Once
/// shown they stay, whatever runs later.
#[hook]
fn use_rest_of_page(results: bool, running: bool) -> bool {
    let shown = use_state_eq(|| false);
    let now = *shown || (!results && !running);
    {
        let shown = shown.clone();
        use_effect_with((results, now), move |&(results, now)| {
            if now {
                shown.set(true);
            } else {
                let wait = if results { 0 } else { REST_WAIT_MS };
                wasm_bindgen_futures::spawn_local(async move {
                    gloo::timers::future::TimeoutFuture::new(wait).await;
                    shown.set(true);
                });
            }
        });
    }
    now
}

/// The longest the rest of the page waits for the first run's first results [ms].
const REST_WAIT_MS: u32 = 1_000;
