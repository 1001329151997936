//! The headline figures and the monthly table (the chart's data-table alternative).

use crate::report::Report;
use crate::units::format_usd;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`SummaryTable`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The report to show.
    pub report: Rc<Report>,
}

/// Headline figures, then the month-by-month numbers behind the chart.
#[function_component(SummaryTable)]
pub fn summary_table(props: &SummaryProps) -> Html {
    let r = &props.report;
    html! {
        <div class="summary">
            <dl class="headline" data-testid="summary">
                { for r.headline().into_iter().map(|(label, value)| html! {
                    <div><dt>{ label }</dt><dd data-testid={slug(label)}>{ value }</dd></div>
                }) }
            </dl>
            <details>
                <summary>{ "Monthly figures (table of the chart)" }</summary>
                <table data-testid="monthly-table">
                    <thead><tr>
                        <th scope="col">{ "Month" }</th>
                        <th scope="col">{ "Adopted" }</th>
                        <th scope="col">{ "Spend (USD)" }</th>
                        <th scope="col">{ "Cumulative (USD)" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.months.iter().map(|m| html! {
                            <tr>
                                <th scope="row">{ m.month.to_string() }</th>
                                <td>{ format!("{:.1}%", m.adopted_share * 100.0) }</td>
                                <td>{ format_usd(m.spend_usd, 0) }</td>
                                <td>{ format_usd(m.cumulative_spend_usd, 0) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </div>
    }
}

/// `"Total spend"` → `"total-spend"`, for test hooks.
fn slug(label: &str) -> String {
    label
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
