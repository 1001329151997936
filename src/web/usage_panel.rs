//! The "Your usage data" panel: usage exports dropped on it or picked with a file input are
//! read and a scenario calibrated to them in a web worker ([`UsageRunner`]), with progress,
//! given the per-user cap and the seats typed above them (fields of the form; a change
//! calibrates the same files again);
//! the panel then shows each file as read, the fitted values with their intervals, the
//! diagnostics charts and a button that puts the calibrated scenario on screen (and one that
//! brings the previous scenario back). What it shows comes from [`crate::view::usage`].

use super::field::Field;
use super::usage_runner::UsageRunner;
use crate::calibrate::batch::{BatchOutcome, BatchRequest};
use crate::charts::ChartStyle;
use crate::diagnostic_charts::{draw_adoption, draw_spend};
use crate::runner::UsageNews;
use crate::scenario::Scenario;
use crate::session::{Action, OpenAction};
use crate::view::form::Form;
use crate::view::usage::{self, AdoptionChart, FittedLine, SpendChart, UsageView};
use crate::view::Shared;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use web_sys::{DragEvent, File, FileList, HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

/// Properties of [`UsagePanel`].
#[derive(Properties, PartialEq)]
pub struct UsagePanelProps {
    /// The scenario on screen (the calibration starts from it; its provenance is shown).
    pub scenario: Shared<Scenario>,
    /// The form: the calibration's own inputs (per-user cap, seats) are fields of it.
    pub form: Shared<Form>,
    /// Whether a calibration replaced a scenario that can be brought back.
    pub can_restore: bool,
    /// Receives "use this calibration", "go back" and the inputs' edits.
    pub on_action: Callback<Action>,
}

/// The panel: the files read last are calibrated again whenever the cap or the seats change.
#[function_component(UsagePanel)]
pub fn usage_panel(props: &UsagePanelProps) -> Html {
    let outcome = use_state(|| None::<Rc<BatchOutcome>>);
    let progress = use_state(|| None::<(u64, u64)>);
    let files = use_state(Vec::<File>::new);
    let runner = use_runner(outcome.setter(), progress.setter());
    let options = props.form.calibration_options();
    {
        let (runner, progress, scenario) = (runner, progress.clone(), props.scenario.clone());
        use_effect_with(((*files).clone(), options), move |(files, options)| {
            if let (false, Some(options)) = (files.is_empty(), options) {
                let sizes: Vec<u64> = files.iter().map(|f| f.size() as u64).collect();
                progress.set(Some((0, sizes.iter().sum())));
                let request = BatchRequest {
                    generation: runner.next_generation(),
                    names: files.iter().map(|f| f.name()).collect(),
                    sizes,
                    options: *options,
                    base: scenario.to_json(),
                };
                runner.start(request, files.clone());
            }
        });
    }
    let view = outcome.as_ref().map(|o| UsageView::new(o));
    let on_apply = {
        let (on_action, outcome) = (props.on_action.clone(), outcome.clone());
        Callback::from(move |_| {
            if let Some(text) = outcome.as_ref().and_then(|o| o.scenario.clone()) {
                on_action.emit(Action::Open(OpenAction::Calibrated(text)));
            }
        })
    };
    let on_restore = props
        .on_action
        .reform(|_| Action::Open(OpenAction::RestoreReplaced));
    html! {
        <section class="panel usage" aria-labelledby="usage-heading" data-testid="usage-panel">
            <h2 id="usage-heading">{ "Your usage data" }</h2>
            <p class="hint">{ usage::INTRO }</p>
            <div class="calibration-inputs" data-testid="calibration-inputs">
                { for props.form.calibration_fields().into_iter().map(|view| html! {
                    <Field {view} on_action={props.on_action.clone()} />
                }) }
            </div>
            <DropZone on_files={Callback::from(move |list: Vec<File>| files.set(list))} />
            if let Some((done, total)) = *progress {
                <div class="progress" role="status" data-testid="usage-progress">
                    <label for="usage-progress-bar">{ usage::progress_text(done, total) }</label>
                    <progress id="usage-progress-bar" max={total.max(1).to_string()} value={done.to_string()} />
                </div>
            }
            if let Some(v) = &view {
                { outcome_html(v, on_apply) }
            }
            { provenance_html(&props.scenario) }
            if props.can_restore {
                <button type="button" onclick={on_restore} data-testid="usage-restore">
                    { "Go back to the scenario before the calibration" }
                </button>
            }
        </section>
    }
}

/// The panel's runner, made once: its news of the latest calibration set the progress and the
/// outcome; news of an earlier one is dropped.
#[hook]
fn use_runner(
    outcome: UseStateSetter<Option<Rc<BatchOutcome>>>,
    progress: UseStateSetter<Option<(u64, u64)>>,
) -> Rc<UsageRunner> {
    use_memo((), move |_| {
        let latest = Rc::new(std::cell::Cell::new(0u64));
        UsageRunner::new(
            latest.clone(),
            Callback::from(move |news: UsageNews| match news {
                UsageNews::Progress {
                    generation,
                    done,
                    total,
                } if generation == latest.get() => progress.set(Some((done, total))),
                UsageNews::Finished(o) if o.generation == latest.get() => {
                    progress.set(None);
                    outcome.set(Some(Rc::new(*o)));
                }
                _ => {}
            }),
        )
    })
}

/// Properties of [`DropZone`].
#[derive(Properties, PartialEq)]
struct DropZoneProps {
    /// Receives the files dropped or picked.
    on_files: Callback<Vec<File>>,
}

/// Where usage exports are dropped, or picked with a file input.
#[function_component(DropZone)]
fn drop_zone(props: &DropZoneProps) -> Html {
    let dragging = use_state(|| false);
    let read = {
        let on_files = props.on_files.clone();
        Callback::from(move |list: FileList| {
            let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let on_change = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                read.emit(list);
            }
            input.set_value("");
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                read.emit(list);
            }
        })
    };
    html! {
        <label class={classes!("drop-zone", dragging.then_some("dragging"))}
            ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            { "Drop usage exports here, or pick them: " }
            <input type="file" multiple=true accept=".csv,.json,text/csv,application/json"
                onchange={on_change} data-testid="usage-files" />
        </label>
    }
}

/// Where the scenario on screen comes from, when a calibration made it.
fn provenance_html(scenario: &Scenario) -> Html {
    let Some((summary, fitted)) = usage::applied(scenario) else {
        return html! {};
    };
    html! {
        <div class="provenance" data-testid="usage-provenance">
            <h3>{ "Where the scenario on screen comes from" }</h3>
            <p>{ summary }</p>
            { fitted_table(&fitted, "provenance-fitted") }
        </div>
    }
}

fn outcome_html(v: &UsageView, on_apply: Callback<MouseEvent>) -> Html {
    html! {
        <div class="usage-outcome" data-testid="usage-outcome">
            <ul class="usage-files">
                { for v.files.iter().map(|f| html! {
                    <li data-testid="usage-file">
                        <strong>{ &f.file }</strong>{ ": " }
                        <span data-testid="usage-format">{ &f.format }</span>
                        if let Some(e) = &f.error {
                            <p class="error">{ e }</p>
                        } else {
                            <p data-testid="usage-rows">{ &f.rows }{ "; " }{ &f.reach }</p>
                            if !f.skipped.is_empty() {
                                <p data-testid="usage-skipped">{ format!("Skipped: {}", f.skipped.join(", ")) }</p>
                                <ul class="problems">
                                    { for f.problems.iter().map(|p| html! { <li>{ p }</li> }) }
                                </ul>
                            }
                        }
                    </li>
                }) }
            </ul>
            if let Some(e) = &v.error {
                <p class="error" role="alert" data-testid="usage-error">{ e }</p>
            }
            if let Some(s) = &v.summary {
                <p data-testid="usage-summary">{ s }</p>
                { fitted_table(&v.fitted, "usage-fitted") }
                if !v.kept.is_empty() {
                    <details>
                        <summary>{ format!("Kept at their defaults ({})", v.kept.len()) }</summary>
                        <ul>{ for v.kept.iter().map(|(l, r)| html! { <li>{ format!("{l}: {r}") }</li> }) }</ul>
                    </details>
                }
                <div class="diagnostics">
                    if let Some(s) = &v.spend {
                        <DiagnosticCanvas chart={Diagnostic::Spend(Rc::new(s.clone()))} />
                    }
                    if let Some(a) = &v.adoption {
                        <DiagnosticCanvas chart={Diagnostic::Adoption(Rc::new(a.clone()))} />
                    }
                </div>
                <p class="hint">{ &v.timing }</p>
                <button type="button" onclick={on_apply} data-testid="usage-apply">{ "Use this calibration" }</button>
            }
        </div>
    }
}

fn fitted_table(fitted: &[FittedLine], testid: &'static str) -> Html {
    html! {
        <table class="fitted" data-testid={testid}>
            <thead><tr><th>{ "Fitted" }</th><th>{ "Value" }</th><th>{ "90 % interval" }</th></tr></thead>
            <tbody>
                { for fitted.iter().map(|f| html! {
                    <tr data-path={f.path.clone()} title={f.method.clone()}>
                        <th scope="row">{ &f.label }</th>
                        <td data-testid="fitted-value">{ &f.value }</td>
                        <td data-testid="fitted-interval">{ f.interval.clone().unwrap_or_default() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// A diagnostics chart's data.
#[derive(Clone, PartialEq)]
enum Diagnostic {
    Spend(Rc<SpendChart>),
    Adoption(Rc<AdoptionChart>),
}

#[derive(Properties, PartialEq)]
struct DiagnosticProps {
    chart: Diagnostic,
}

/// One diagnostics chart on a canvas, crisp at any devicePixelRatio.
#[function_component(DiagnosticCanvas)]
fn diagnostic_canvas(props: &DiagnosticProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.chart.clone(), move |chart| {
            if let Some(element) = canvas.cast::<HtmlCanvasElement>() {
                if let Err(message) = paint(element, chart) {
                    gloo::console::error!(message);
                }
            }
        });
    }
    let (id, caption, description) = match &props.chart {
        Diagnostic::Spend(s) => ("usage-spend-chart", &s.caption, &s.description),
        Diagnostic::Adoption(a) => ("usage-adoption-chart", &a.caption, &a.description),
    };
    html! {
        <figure class="chart diagnostic">
            <canvas ref={canvas} data-testid={id} role="img" aria-label={description.clone()} />
            <figcaption data-testid={format!("{id}-caption")}>{ caption }</figcaption>
        </figure>
    }
}

fn paint(element: HtmlCanvasElement, chart: &Diagnostic) -> Result<(), String> {
    let scale = gloo::utils::window().device_pixel_ratio().max(1.0);
    let css_width = f64::from(element.client_width().max(300));
    let css_height = f64::from(element.client_height().max(200));
    element.set_width((css_width * scale).round() as u32);
    element.set_height((css_height * scale).round() as u32);
    let backend = CanvasBackend::with_canvas_object(element)
        .ok_or_else(|| "the chart canvas has no 2D context".to_string())?;
    let root = backend.into_drawing_area();
    let style = ChartStyle { scale };
    match chart {
        Diagnostic::Spend(s) => draw_spend(&root, s, style),
        Diagnostic::Adoption(a) => draw_adoption(&root, a, style),
    }
    .map_err(|e| e.to_string())
}
