//! The finance panel, first among the results: the finance headline of a chosen policy set
//! beside the baseline's ([`crate::view::finance`]), the distribution of the budget period's
//! spend with P(spend > any amount typed), the spreadsheet exports and the Copy-link button;
//! and the assumptions printed beside them. Each block is its own component.

use super::data_table::data_table;
use super::disclosure::Disclosure;
use super::persist::share_url;
use crate::downloads::Download;
use crate::pricing::Catalogue;
use crate::report::Report;
use crate::scenario::ValidScenario;
use crate::spreadsheet;
use crate::view::finance::{exceedance_answer, histogram, AMOUNT_LABEL};
use crate::view::Shared;
use crate::view::{FinanceView, Histogram};
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`FinancePanel`].
#[derive(Properties, PartialEq)]
pub struct FinancePanelProps {
    /// The report shown.
    pub report: Shared<Report>,
    /// The scenario on screen, validated once per edit (none when it is not valid), for the
    /// exports.
    pub valid: Shared<Option<ValidScenario>>,
    /// The prices the scenario is validated against.
    pub catalogue: Shared<Catalogue>,
    /// Whether the report is of inputs since changed (then it is not exported).
    pub stale: bool,
    /// The scenario's share link, encoded once per edit.
    pub link: Rc<String>,
}

/// Bars of the distribution of the budget period's spend.
const BINS: usize = 20;

/// The finance headline, the distribution of the budget period's spend, exports and the link.
#[function_component(FinancePanel)]
pub fn finance_panel(props: &FinancePanelProps) -> Html {
    let policy = use_state(|| 0usize);
    let report = &props.report;
    let chosen = (*policy).min(report.policies.len().saturating_sub(1));
    let Some(view) = crate::view::finance(report, chosen) else {
        return Html::default();
    };
    let on_policy = {
        let policy = policy.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            policy.set(select.value().parse().unwrap_or(0));
        })
    };
    html! {
        <section class="panel finance" aria-labelledby="finance-heading" data-testid="finance">
            <h2 id="finance-heading">{ &view.title }</h2>
            <label class="policy-picker">
                { "Policy set " }
                <select id="finance-policy" data-testid="finance-policy" onchange={on_policy}>
                    { for report.policies.iter().enumerate().map(|(i, p)| html! {
                        <option value={i.to_string()} selected={i == chosen}>{ &p.name }</option>
                    }) }
                </select>
            </label>
            <p class="hint" data-testid="finance-budget">{ &view.budget }</p>
            { headlines(&view) }
            <SpendHistogram report={report.clone()} policy={chosen} />
            <Exports report={report.clone()} valid={props.valid.clone()}
                catalogue={props.catalogue.clone()} stale={props.stale} link={props.link.clone()} />
        </section>
    }
}

/// The headline table: each figure of the chosen set beside the baseline's.
fn headlines(view: &FinanceView) -> Html {
    html! {
        <table class="finance-table">
            <thead><tr>
                <th scope="col">{ "Figure" }</th>
                <th scope="col">{ "Median (P10 – P90)" }</th>
                if let Some(b) = &view.baseline {
                    <th scope="col">{ format!("Baseline: {b}") }</th>
                }
            </tr></thead>
            <tbody>
                { for view.rows.iter().map(|r| html! {
                    <tr data-testid={format!("finance-{}", r.key)}>
                        <th scope="row">{ &r.label }</th>
                        <td class="value">
                            <strong data-testid="finance-value">{ &r.value.median }</strong>
                            if let Some(range) = &r.value.range { <span class="range">{ format!(" {range}") }</span> }
                        </td>
                        if let Some(b) = &r.baseline {
                            <td class="baseline">{ b.to_string() }</td>
                        }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// Properties of [`SpendHistogram`].
#[derive(Properties, PartialEq)]
pub struct SpendHistogramProps {
    /// The report shown.
    pub report: Shared<Report>,
    /// The chosen policy set.
    pub policy: usize,
}

/// The distribution of the budget period's spend, its data table, and P(spend > an amount
/// typed).
#[function_component(SpendHistogram)]
pub fn spend_histogram(props: &SpendHistogramProps) -> Html {
    let amount = use_state(String::new);
    let on_amount = {
        let amount = amount.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            amount.set(input.value());
        })
    };
    let (report, policy) = (&props.report, props.policy);
    let answer = (!amount.trim().is_empty()).then(|| exceedance_answer(report, policy, &amount));
    html! {
        <>
            if let Some(h) = histogram(report, policy, BINS) {
                { bars(&h) }
            }
            <label for="exceedance-amount">{ AMOUNT_LABEL }</label>
            <input id="exceedance-amount" type="text" inputmode="decimal" data-testid="exceedance-amount"
                value={(*amount).clone()} oninput={on_amount} />
            if let Some(answer) = answer {
                <p role="status" data-testid="exceedance-answer">{ answer }</p>
            }
        </>
    }
}

/// The histogram's bars (those above the budget marked), axis, caption and data table.
fn bars(h: &Histogram) -> Html {
    let table = h.table();
    html! {
        <figure class="histogram" data-testid="histogram">
            <figcaption data-testid="histogram-title">{ &h.title }</figcaption>
            <svg viewBox="0 0 200 60" preserveAspectRatio="none" role="img"
                aria-label={format!("Histogram of {} from {} to {}", h.axis.1, h.axis.0, h.axis.2)}>
                { for h.bins.iter().enumerate().map(|(i, b)| {
                    let height = 56.0 * b.height;
                    let over = h.budget.is_some_and(|budget| b.from >= budget);
                    html! {
                        <rect x={(i as f64 * 10.0).to_string()} y={(58.0 - height).to_string()}
                            width="9" height={height.to_string()} class={if over { "over" } else { "under" }} />
                    }
                }) }
            </svg>
            <div class="axis"><span>{ &h.axis.0 }</span><span>{ &h.axis.1 }</span><span>{ &h.axis.2 }</span></div>
            <p data-testid="histogram-caption">{ &h.caption }</p>
            <Disclosure summary={html! { format!("Data table: {}", h.title) }}>
                { data_table(&table, "histogram-table", None, None) }
            </Disclosure>
        </figure>
    }
}

/// Properties of [`Exports`].
#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    /// The report shown.
    pub report: Shared<Report>,
    /// The scenario on screen, validated (none when it is not valid).
    pub valid: Shared<Option<ValidScenario>>,
    /// The prices the scenario is validated against.
    pub catalogue: Shared<Catalogue>,
    /// Whether the report is of inputs since changed (then it is not exported).
    pub stale: bool,
    /// The scenario's share link.
    pub link: Rc<String>,
}

/// The spreadsheet downloads and the Copy-link button.
#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let exports = super::exporter::use_exports(
        props.valid.clone(),
        props.catalogue.clone(),
        Some(props.report.clone()),
        props.stale,
    );
    let on_copy = {
        let link = share_url(&props.link);
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let (link, copied) = (link.clone(), copied.clone());
            let clipboard = gloo::utils::window().navigator().clipboard();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(
                    JsFuture::from(clipboard.write_text(&link)).await.is_ok(),
                ));
            });
        })
    };
    html! {
        <div class="buttons no-print">
            <button type="button" onclick={exports.button(Download::Summary)} data-testid="export-summary">{ "Summary (CSV)" }</button>
            <button type="button" onclick={exports.button(Download::Monthly)} data-testid="export-monthly">{ "Monthly (CSV)" }</button>
            <button type="button" onclick={exports.button(Download::Workbook)} data-testid="export-workbook">{ "Workbook (.xlsx)" }</button>
            <button type="button" onclick={exports.button(Download::Draws)} data-testid="export-draws">{ "Per-draw audit (CSV)" }</button>
            <button type="button" onclick={on_copy} data-testid="copy-link">{ "Copy link" }</button>
            if let Some(done) = *copied {
                <span role="status" data-testid="copied">{ crate::view::finance::copied(done) }</span>
            }
            <span role="status" class="export-failed" data-testid="export-failed">
                { (*exports.failed).clone().unwrap_or_default() }
            </span>
        </div>
    }
}

/// Properties of [`PrintedAssumptions`].
#[derive(Properties, PartialEq)]
pub struct PrintedAssumptionsProps {
    /// The report shown.
    pub report: Shared<Report>,
    /// The scenario on screen, validated once per edit (none when it is not valid).
    pub valid: Shared<Option<ValidScenario>>,
}

/// The assumptions behind the numbers (the workbook's Assumptions sheet), shown only in print;
/// built once per report and scenario.
#[function_component(PrintedAssumptions)]
pub fn printed_assumptions(props: &PrintedAssumptionsProps) -> Html {
    let sheet = use_memo(
        (props.report.clone(), props.valid.clone()),
        |(report, valid)| {
            valid
                .as_ref()
                .as_ref()
                .map(|v| spreadsheet::assumptions(v, report))
        },
    );
    let Some(sheet) = sheet.as_ref() else {
        return Html::default();
    };
    html! {
        <section class="print-only assumptions" aria-label="Assumptions" data-testid="printed-assumptions">
            <h2>{ "Assumptions" }</h2>
            <table>
                { for sheet.rows.iter().skip(1).map(|row| html! {
                    <tr>{ for row.iter().map(|c| html! { <td>{ c.to_string() }</td> }) }</tr>
                }) }
            </table>
        </section>
    }
}
