//! The policy comparison (headline figures, median with P10–P90) and the monthly table behind
//! the chart.

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

/// Headline figures per policy set, then the month-by-month medians behind the chart.
#[function_component(SummaryTable)]
pub fn summary_table(props: &SummaryProps) -> Html {
    let r = &props.report;
    let labels: Vec<&str> = r.headline(0).iter().map(|(l, _)| *l).collect();
    html! {
        <div class="summary">
            <table class="compare" data-testid="summary">
                <caption>{ format!("{} draws; median, with P10 – P90 in brackets", r.draws) }</caption>
                <thead><tr>
                    <th scope="col">{ "Policy set" }</th>
                    { for r.policies.iter().map(|p| html! { <th scope="col">{ &p.name }</th> }) }
                </tr></thead>
                <tbody>
                    { for labels.iter().enumerate().map(|(row, label)| html! {
                        <tr>
                            <th scope="row">{ *label }</th>
                            { for (0..r.policies.len()).map(|k| {
                                let value = r.headline(k).get(row).map(|(_, v)| v.clone()).unwrap_or_default();
                                let (median, range) = match value.split_once(" (") {
                                    Some((m, rest)) => (m.to_string(), format!("({rest}")),
                                    None => (value, String::new()),
                                };
                                html! {
                                    <td>
                                        <strong data-testid={format!("{}-{k}", slug(label))}>{ median }</strong>
                                        if !range.is_empty() { <span class="range">{ range }</span> }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <details>
                <summary>{ "Monthly spend, median (table of the chart)" }</summary>
                <table data-testid="monthly-table">
                    <thead><tr>
                        <th scope="col">{ "Month" }</th>
                        { for r.policies.iter().map(|p| html! { <th scope="col">{ &p.name }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for (0..r.policies.first().map_or(0, |p| p.months.len())).map(|t| html! {
                            <tr>
                                <th scope="row">{ r.policies[0].months[t].month.to_string() }</th>
                                { for r.policies.iter().map(|p| html! {
                                    <td>{ format_usd(p.months[t].figures.spend_usd.median_or_zero(), 0) }</td>
                                }) }
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
