//! The chart panel: a tab per chart, the policy set to show where a chart shows one, the chart,
//! and the numbers behind it as a table.

use super::Chart;
use crate::charts::{table, ChartKind};
use crate::report::Report;
use crate::sensitivity::Tornado;
use crate::session::{Action, RunAction};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`ChartPanel`].
#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// The report.
    pub report: Rc<Report>,
    /// The sensitivity analysis and the policy set it is for, once computed.
    pub tornado: Option<(usize, Rc<Tornado>)>,
    /// Asks for the sensitivity analysis.
    pub on_action: Callback<Action>,
}

/// Tabs, chart and data table.
#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let kind = use_state(|| ChartKind::MonthlySpend);
    let policy = use_state(|| 0usize);
    let policies = props.report.policies.len();
    let chosen = (*policy).min(policies.saturating_sub(1));
    let tornado = props
        .tornado
        .as_ref()
        .filter(|(p, _)| *p == chosen)
        .map(|(_, t)| t.clone());
    {
        let (kind, missing, on_action) = (*kind, tornado.is_none(), props.on_action.clone());
        use_effect_with((kind, chosen, missing), move |(kind, chosen, missing)| {
            if *kind == ChartKind::Tornado && *missing {
                on_action.emit(Action::Run(RunAction::Sensitivity(*chosen)));
            }
        });
    }
    let on_policy = {
        let policy = policy.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            policy.set(select.value().parse().unwrap_or(0));
        })
    };
    let per_policy = matches!(
        *kind,
        ChartKind::SpendByKind | ChartKind::CostCentres | ChartKind::Tornado
    );
    let data = table(*kind, &props.report, chosen, tornado.as_deref());
    html! {
        <section class="charts" aria-label="Charts">
            <div class="tabs" role="tablist" aria-label="Chart">
                { for ChartKind::ALL.iter().map(|k| {
                    let selected = *k == *kind;
                    let onclick = {
                        let (kind, k) = (kind.clone(), *k);
                        Callback::from(move |_| kind.set(k))
                    };
                    html! {
                        <button type="button" role="tab" aria-selected={selected.to_string()}
                            data-testid={format!("tab-{}", k.id())} {onclick}>
                            { short(*k) }
                        </button>
                    }
                }) }
            </div>
            if per_policy {
                <label class="policy-picker">
                    { "Policy set " }
                    <select id="chart-policy" onchange={on_policy}>
                        { for props.report.policies.iter().enumerate().map(|(i, p)| html! {
                            <option value={i.to_string()} selected={i == chosen}>{ &p.name }</option>
                        }) }
                    </select>
                </label>
            }
            if *kind == ChartKind::Tornado && tornado.is_none() {
                <p role="status">{ "Computing the sensitivity of total spend…" }</p>
            }
            <Chart report={props.report.clone()} kind={*kind} policy={chosen} tornado={tornado.clone()} />
            <details>
                <summary>{ format!("Data table: {}", kind.title()) }</summary>
                <table data-testid="chart-table">
                    <thead><tr>{ for data.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                    <tbody>
                        { for data.rows.iter().map(|row| html! {
                            <tr>
                                { for row.iter().enumerate().map(|(i, cell)| if i == 0 {
                                    html! { <th scope="row">{ cell }</th> }
                                } else {
                                    html! { <td>{ cell }</td> }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}

fn short(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::MonthlySpend => "Monthly spend",
        ChartKind::SpendByKind => "Spend by kind",
        ChartKind::CumulativeSpend => "Cumulative vs budget",
        ChartKind::CostPerChange => "Cost per change",
        ChartKind::Adoption => "Adoption & gaming",
        ChartKind::Distribution => "Spend distribution",
        ChartKind::CostCentres => "Cost centres",
        ChartKind::Tornado => "Sensitivity",
    }
}
