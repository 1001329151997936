//! The policy comparison: each set's headline figures side by side, the draw-by-draw
//! differences against any set as baseline, and the monthly medians behind the spend chart.

use super::chart::{ChartData, ChartKind, Plot, Table};
use super::figure::{slug, whole_usd, Figure};
use super::headline::headline;
use crate::report::{Delta, Report};

/// One line of the comparison: a label, a test hook and a figure per policy set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// What the figures are.
    pub label: String,
    /// The line's test hook; a cell's is `{id}-{policy index}`.
    pub id: String,
    /// One figure per policy set.
    pub cells: Vec<Figure>,
}

/// The comparison of a report's policy sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// What the figures are: draws, median and range.
    pub caption: String,
    /// The policy sets' names, one column each.
    pub policies: Vec<String>,
    /// The headline lines.
    pub headline: Vec<Row>,
    /// `deltas[b]`: the difference lines against policy set `b` (none when there is one set).
    pub deltas: Vec<Vec<Row>>,
    /// Median monthly spend by policy set (the monthly spend chart's lines).
    pub monthly: Table,
}

/// The difference lines: label, test hook, and the figure of a [`Delta`].
type DeltaLine = (&'static str, &'static str, fn(&Delta) -> Figure);

const DELTA_LINES: [DeltaLine; 4] = [
    ("Δ total spend", "delta-total-spend", |d| {
        Figure::signed(&d.total_spend_usd, false)
    }),
    ("Δ waste", "delta-waste", |d| {
        Figure::signed(&d.waste_usd, false)
    }),
    ("Δ useful deployments", "delta-useful", |d| {
        Figure::signed(&d.useful_deployments, true)
    }),
    ("Δ cost per useful change", "delta-cost-per-change", |d| {
        Figure::signed(&d.cost_per_useful_change_usd, false)
    }),
];

impl Comparison {
    /// The comparison of `report`'s policy sets.
    pub fn of(report: &Report) -> Comparison {
        let n = report.policies.len();
        let lines: Vec<_> = (0..n).map(|k| headline(report, k)).collect();
        let headline = lines
            .first()
            .map(|first| {
                first
                    .iter()
                    .enumerate()
                    .map(|(i, line)| Row {
                        label: line.label.to_string(),
                        id: slug(line.label),
                        cells: lines
                            .iter()
                            .map(|l| l.get(i).map(|l| l.value.clone()).unwrap_or_default())
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let deltas = if n > 1 {
            (0..n).map(|b| delta_rows(report, b)).collect()
        } else {
            Vec::new()
        };
        Comparison {
            caption: format!("{} draws; median, with P10 – P90 in brackets", report.draws),
            policies: report.policies.iter().map(|p| p.name.clone()).collect(),
            headline,
            deltas,
            monthly: monthly_medians(report),
        }
    }
}

fn delta_rows(report: &Report, baseline: usize) -> Vec<Row> {
    DELTA_LINES
        .iter()
        .map(|(label, id, figure)| Row {
            label: label.to_string(),
            id: id.to_string(),
            cells: (0..report.policies.len())
                .map(|k| {
                    report
                        .deltas
                        .get(baseline)
                        .and_then(|row| row.get(k))
                        .map(figure)
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect()
}

/// The monthly spend chart's median lines as a table.
fn monthly_medians(report: &Report) -> Table {
    let Plot::Monthly(m) = ChartData::of(ChartKind::MonthlySpend, report, 0, None).plot else {
        return Table::default();
    };
    let mut headers = vec!["Month".to_string()];
    headers.extend(m.series.iter().map(|s| s.label.clone()));
    let rows = m
        .months
        .iter()
        .enumerate()
        .map(|(t, month)| {
            std::iter::once(month.clone())
                .chain(
                    m.series
                        .iter()
                        .map(|s| s.values.get(t).copied().map(whole_usd).unwrap_or_default()),
                )
                .collect()
        })
        .collect();
    Table { headers, rows }
}
