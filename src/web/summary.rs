//! The policy comparison (headline figures, median with P10–P90, differences against a chosen
//! baseline) and the monthly table behind the chart, rendered from the view's [`Comparison`].

use super::data_table::data_table;
use super::disclosure::Disclosure;
use crate::view::Shared;
use crate::view::{Comparison, Figure, Row};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`SummaryTable`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The comparison to show.
    pub comparison: Shared<Comparison>,
}

/// Headline figures per policy set, then the month-by-month medians behind the chart.
#[function_component(SummaryTable)]
pub fn summary_table(props: &SummaryProps) -> Html {
    let c = &props.comparison;
    let baseline = use_state(|| 0usize);
    let b = (*baseline).min(c.policies.len().saturating_sub(1));
    let on_baseline = {
        let baseline = baseline.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            baseline.set(select.value().parse().unwrap_or(0));
        })
    };
    html! {
        <div class="summary">
            <super::verdict::Verdicts comparison={c.clone()} baseline={b} />
            <table class="compare" data-testid="summary">
                <caption>{ &c.caption }</caption>
                <thead><tr>
                    <th scope="col">{ "Policy set" }</th>
                    { for c.policies.iter().enumerate().map(|(k, p)| html! {
                        <th scope="col" class={classes!((c.lowest_cost == Some(k)).then_some("best"))}>
                            { p }
                            <span class="range">{ c.descriptions.get(k).cloned().unwrap_or_default() }</span>
                        </th>
                    }) }
                </tr></thead>
                <tbody>
                    { for c.headline.iter().map(|row| row_html(row, None)) }
                    { for c.details.iter().map(|row| row_html(row, Some("detail"))) }
                    if let Some(deltas) = c.deltas.get(b) {
                        <tr class="baseline-row">
                            <th scope="row">
                                <label for="baseline">{ "Difference against" }</label>
                            </th>
                            <td colspan={c.policies.len().to_string()}>
                                <select id="baseline" onchange={on_baseline} data-testid="baseline">
                                    { for c.policies.iter().enumerate().map(|(i, p)| html! {
                                        <option value={i.to_string()} selected={i == b}>{ p }</option>
                                    }) }
                                </select>
                                <span class="hint">{ " draw by draw, on the same random numbers" }</span>
                            </td>
                        </tr>
                        { for deltas.iter().map(|row| row_html(row, Some("delta"))) }
                    }
                </tbody>
            </table>
            <Disclosure summary={html! { "Monthly spend, median (table of the chart)" }}>
                { data_table(&c.monthly, "monthly-table", None, None) }
            </Disclosure>
        </div>
    }
}

/// A comparison line: its label, then each policy set's median with its range.
fn row_html(row: &Row, class: Option<&'static str>) -> Html {
    html! {
        <tr class={classes!(class)}>
            <th scope="row">{ &row.label }</th>
            { for row.cells.iter().enumerate().map(|(k, cell)| figure_html(cell, format!("{}-{k}", row.id))) }
        </tr>
    }
}

fn figure_html(figure: &Figure, id: String) -> Html {
    html! {
        <td>
            <strong data-testid={id}>{ &figure.median }</strong>
            if let Some(range) = &figure.range { <span class="range">{ range }</span> }
        </td>
    }
}
