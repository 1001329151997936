//! The chart panel: a tab per chart, the policy set to show where a chart shows one, the chart,
//! and the numbers behind it as a table, both from the same [`ChartData`](crate::view::ChartData).

use super::Chart;
use crate::session::{Action, RunAction};
use crate::view::results::COMPUTING_SENSITIVITY;
use crate::view::{ChartKind, Results};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`ChartPanel`].
#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// The results to chart.
    pub results: Rc<Results>,
    /// Asks for the sensitivity analysis.
    pub on_action: Callback<Action>,
}

/// Tabs, chart and data table.
#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let kind = use_state(|| ChartKind::MonthlySpend);
    let policy = use_state(|| 0usize);
    let results = &props.results;
    let chosen = results.policy(*policy);
    let missing = results.needs_sensitivity(*kind, chosen);
    {
        let on_action = props.on_action.clone();
        use_effect_with((chosen, missing), move |(chosen, missing)| {
            if *missing {
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
    let data = use_memo(
        (results.clone(), *kind, chosen),
        |(results, kind, chosen)| results.chart(*kind, *chosen),
    );
    let table = data.table();
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
                            { k.short() }
                        </button>
                    }
                }) }
            </div>
            if kind.per_policy() {
                <label class="policy-picker">
                    { "Policy set " }
                    <select id="chart-policy" onchange={on_policy}>
                        { for results.policies().iter().enumerate().map(|(i, p)| html! {
                            <option value={i.to_string()} selected={i == chosen}>{ p }</option>
                        }) }
                    </select>
                </label>
            }
            if missing {
                <p role="status">{ COMPUTING_SENSITIVITY }</p>
            }
            <Chart data={data.clone()} />
            <details>
                <summary>{ format!("Data table: {}", kind.title()) }</summary>
                <table data-testid="chart-table">
                    <thead><tr>{ for table.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                    <tbody>
                        { for table.rows.iter().map(|row| html! {
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
