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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;

    fn report() -> Report {
        let mut s = Scenario::default();
        s.uncertainty.draws = 6;
        s.scale_developers(300);
        Report::simulate(&s.validate(&Catalogue::builtin()).unwrap())
    }

    #[test]
    fn headline_rows_hold_each_sets_median_and_range_apart() {
        let r = report();
        let c = Comparison::of(&r);
        assert_eq!(c.caption, "6 draws; median, with P10 – P90 in brackets");
        assert_eq!(c.policies.len(), r.policies.len());
        let total = &c.headline[0];
        assert_eq!(
            (total.label.as_str(), total.id.as_str()),
            ("Total spend", "total-spend")
        );
        for (k, p) in r.policies.iter().enumerate() {
            let s = &p.summary.total_spend_usd;
            assert_eq!(total.cells[k].median, whole_usd(s.p50.unwrap()));
            assert_eq!(
                total.cells[k].range.as_deref(),
                Some(
                    format!(
                        "({} – {})",
                        whole_usd(s.p10.unwrap()),
                        whole_usd(s.p90.unwrap())
                    )
                    .as_str()
                )
            );
            let lines = headline(&r, k);
            assert_eq!(lines.len(), c.headline.len());
            for (line, row) in lines.iter().zip(&c.headline) {
                assert_eq!(row.cells[k], line.value);
            }
        }
        assert!(c
            .headline
            .iter()
            .any(|row| row.id == "mean-spend-as-exported"));
    }

    #[test]
    fn differences_against_each_baseline_are_zero_on_the_diagonal() {
        let r = report();
        let c = Comparison::of(&r);
        assert_eq!(c.deltas.len(), r.policies.len());
        for (b, rows) in c.deltas.iter().enumerate() {
            let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
            assert_eq!(
                ids,
                [
                    "delta-total-spend",
                    "delta-waste",
                    "delta-useful",
                    "delta-cost-per-change"
                ]
            );
            assert_eq!(rows[0].cells[b].median, "$0");
            let d = &r.deltas[b][(b + 1) % r.policies.len()].total_spend_usd;
            assert_eq!(
                rows[0].cells[(b + 1) % r.policies.len()],
                Figure::signed(d, false)
            );
        }
        let mut one = r.clone();
        one.policies.truncate(1);
        assert!(
            Comparison::of(&one).deltas.is_empty(),
            "no differences for one set"
        );
    }

    #[test]
    fn the_monthly_table_is_the_spend_charts_medians() {
        let r = report();
        let t = Comparison::of(&r).monthly;
        assert_eq!(t.headers[0], "Month");
        assert_eq!(t.rows.len(), r.policies[0].months.len());
        for (row, month) in t.rows.iter().zip(&r.policies[0].months) {
            assert_eq!(row[0], month.month.to_string());
        }
        let median = r.policies[1].months[3].figures.spend_usd.median_or_zero();
        assert_eq!(t.rows[3][2], whole_usd(median));
    }
}
