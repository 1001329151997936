//! The policy comparison (headline figures, median with P10–P90) and the monthly table behind
//! the chart.

use crate::report::Report;
use crate::stats::Percentiles;
use crate::units::{format_count, format_usd};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
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
    let baseline = use_state(|| 0usize);
    let b = (*baseline).min(r.policies.len().saturating_sub(1));
    let on_baseline = {
        let baseline = baseline.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            baseline.set(select.value().parse().unwrap_or(0));
        })
    };
    let signed = |p: &Percentiles, count: bool| {
        let f = |v: f64| {
            let text = if count {
                format_count(v.abs())
            } else {
                format_usd(v.abs(), 0)
            };
            if v < 0.0 {
                format!("−{text}")
            } else if v > 0.0 {
                format!("+{text}")
            } else {
                text
            }
        };
        match (p.p10, p.p50, p.p90) {
            (Some(a), Some(m), Some(c)) => (f(m), format!("({} – {})", f(a), f(c))),
            (_, Some(m), _) => (f(m), String::new()),
            _ => ("n/a".into(), String::new()),
        }
    };
    type Cell = Box<dyn Fn(&crate::report::Delta) -> (String, String)>;
    let delta_rows: [(&str, &str, Cell); 4] = [
        (
            "Δ total spend",
            "delta-total-spend",
            Box::new(move |d| signed(&d.total_spend_usd, false)),
        ),
        (
            "Δ waste",
            "delta-waste",
            Box::new(move |d| signed(&d.waste_usd, false)),
        ),
        (
            "Δ useful deployments",
            "delta-useful",
            Box::new(move |d| signed(&d.useful_deployments, true)),
        ),
        (
            "Δ cost per useful change",
            "delta-cost-per-change",
            Box::new(move |d| signed(&d.cost_per_useful_change_usd, false)),
        ),
    ];
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
                    if r.policies.len() > 1 {
                        <tr class="baseline-row">
                            <th scope="row">
                                <label for="baseline">{ "Difference against" }</label>
                            </th>
                            <td colspan={r.policies.len().to_string()}>
                                <select id="baseline" onchange={on_baseline} data-testid="baseline">
                                    { for r.policies.iter().enumerate().map(|(i, p)| html! {
                                        <option value={i.to_string()} selected={i == b}>{ &p.name }</option>
                                    }) }
                                </select>
                                <span class="hint">{ " draw by draw, on the same random numbers" }</span>
                            </td>
                        </tr>
                        { for delta_rows.iter().map(|(label, id, f)| html! {
                            <tr class="delta">
                                <th scope="row">{ *label }</th>
                                { for (0..r.policies.len()).map(|k| {
                                    let (median, range) = r.deltas.get(b).and_then(|row| row.get(k)).map(f).unwrap_or_default();
                                    html! {
                                        <td>
                                            <strong data-testid={format!("{id}-{k}")}>{ median }</strong>
                                            if !range.is_empty() { <span class="range">{ range }</span> }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }) }
                    }
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
