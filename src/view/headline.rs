//! The headline figures of a policy set (total spend, waste share, useful deployments, cost per
//! useful change, …) as labelled [`Figure`]s, for the page's comparison and the CLI's text.

use super::figure::{percent, Figure, NOT_AVAILABLE};
use crate::report::Report;
use crate::units::{format_count, format_usd};

/// One headline line: a label and its figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadlineRow {
    /// What the figure is, e.g. `Total spend`.
    pub label: &'static str,
    /// Its value.
    pub value: Figure,
}

/// The headline label of the mean total spend, the figure the CSV and FOCUS exports add up to.
pub const MEAN_SPEND: &str = "Mean spend (as exported)";

/// The label of the list cost line shown under an enterprise agreement.
pub(crate) const LIST_COST: &str = "List cost (before discounts)";

/// The headline lines of policy set `policy` (none when there is no such set). Under an
/// agreement every set shows its list cost, so the sets' lines stay aligned.
pub fn headline(report: &Report, policy: usize) -> Vec<HeadlineRow> {
    let Some(p) = report.policies.get(policy) else {
        return Vec::new();
    };
    let s = &p.summary;
    let share = |x: &crate::stats::Percentiles| Figure::of(x, &percent);
    let row = |label, value| HeadlineRow { label, value };
    let mut lines = vec![
        row("Total spend", Figure::usd(&s.total_spend_usd)),
        row(
            MEAN_SPEND,
            Figure::text(
                s.total_spend_usd
                    .mean
                    .map_or(NOT_AVAILABLE.into(), |m| format_usd(m, 2)),
            ),
        ),
    ];
    let agreement = report
        .policies
        .iter()
        .any(|p| p.summary.total_list_cost_usd.p50 != p.summary.total_spend_usd.p50);
    if agreement {
        lines.push(row(LIST_COST, Figure::usd(&s.total_list_cost_usd)));
    }
    lines.extend([
        row("Waste share", share(&s.waste_share)),
        row(
            "Useful deployments",
            Figure::of(&s.useful_deployments, &format_count),
        ),
        row(
            "Cost per useful change",
            Figure::of(&s.cost_per_useful_change_usd, &crate::verdict::money),
        ),
        row(
            "Top 10% share of spend, whole horizon",
            share(&s.top10_share),
        ),
        row(
            "Budget runs out in any budget year (median month)",
            Figure::text(match s.annual_budget_usd {
                None => "no budget set".to_string(),
                Some(_) => s
                    .budget_exhaustion_month
                    .p50
                    .map_or("not within the horizon".into(), super::finance::month_name),
            }),
        ),
    ]);
    lines
}
