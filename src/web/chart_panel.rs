//! The chart panel: a tab per chart, the policy set to show where a chart shows one, the chart,
//! and the numbers behind it as a table, both from the same [`ChartData`](crate::view::ChartData).

use super::data_table::data_table;
use super::disclosure::Disclosure;
use super::Chart;
use crate::session::{Action, RunAction};
use crate::view::results::{COMPUTING_SENSITIVITY, TORNADO_HINT};
use crate::view::{ChartKind, Results, Shared};
use std::rc::Rc;
use wasm_bindgen::JsCast;
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
                    let onkeydown = {
                        let (kind, k) = (kind.clone(), *k);
                        Callback::from(move |e: KeyboardEvent| {
                            if let Some(next) = k.after_key(&e.key()) {
                                e.prevent_default();
                                kind.set(next);
                                focus(&tab_id(next));
                            }
                        })
                    };
                    html! {
                        <button type="button" role="tab" id={tab_id(*k)}
                            aria-selected={selected.to_string()} aria-controls="chart-panel"
                            tabindex={if selected { "0" } else { "-1" }}
                            data-testid={format!("tab-{}", k.id())} {onclick} {onkeydown}>
                            { k.short() }
                        </button>
                    }
                }) }
            </div>
            <div id="chart-panel" role="tabpanel" aria-labelledby={tab_id(*kind)} tabindex="0">
                if kind.picks_policy() {
                    <label class="policy-picker">
                        { "Policy set " }
                        <select id="chart-policy" onchange={on_policy}>
                            { for results.policies().iter().enumerate().map(|(i, p)| html! {
                                <option value={i.to_string()} selected={i == chosen}>{ p }</option>
                            }) }
                        </select>
                    </label>
                }
                if *kind == ChartKind::Tornado {
                    <p class="hint">{ TORNADO_HINT }</p>
                }
                if missing {
                    <p role="status">{ COMPUTING_SENSITIVITY }</p>
                }
                <Chart data={Shared::from(data.clone())} />
                <Disclosure summary={html! { format!("Data table: {}", kind.title()) }}>
                    { data_table(&table, "chart-table", None, None) }
                </Disclosure>
            </div>
        </section>
    }
}

/// The id of chart `kind`'s tab.
fn tab_id(kind: ChartKind) -> String {
    format!("tab-{}", kind.id())
}

/// Moves the keyboard focus to the element with id `id`, if there is one.
fn focus(id: &str) {
    if let Some(element) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    }
}
