//! The policy comparison: each set's headline figures side by side, the draw-by-draw
//! differences against any set as baseline, and the monthly medians behind the spend chart.

use super::chart::{ChartData, ChartKind, Plot, Table};
use super::figure::{percent, slug, whole_usd, Figure, NOT_AVAILABLE};
use super::headline::headline;
use crate::report::{Delta, PolicyReport, Report};
use crate::scenario::{Metric, PolicySet};
use crate::units::format_count;
use crate::verdict::{self, money, signed_money};

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
    /// The lines after the headline: gaming, output and the heaviest users.
    pub details: Vec<Row>,
    /// `deltas[b]`: the difference lines against policy set `b` (none when there is one set).
    pub deltas: Vec<Vec<Row>>,
    /// Median monthly spend by policy set (the monthly spend chart's lines).
    pub monthly: Table,
    /// What P10 and P90 mean, in a sentence.
    pub legend: &'static str,
    /// What each policy set does, by what distinguishes it (empty until described).
    pub descriptions: Vec<String>,
    /// `verdicts[b]`: the verdict sentences on every other set against set `b`.
    pub verdicts: Vec<Vec<String>>,
    /// The set with the lowest median cost per useful change, when two or more have one.
    pub lowest_cost: Option<usize>,
    /// The sentence naming it.
    pub lowest_cost_text: Option<String>,
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
        Figure::of(&d.cost_per_useful_change_usd, &signed_money)
    }),
];

/// P10 and P90 in a sentence.
pub const P10_P90: &str = "P10 – P90: one draw in ten falls below P10 and one in ten above P90; \
                           the median is the middle draw.";

/// The further lines of the comparison: label, test hook and a policy set's figure.
type ExtraLine = (&'static str, &'static str, fn(&PolicyReport) -> Figure);

/// Where gaming, output and the heaviest users show: figures that tell the sets' effects apart
/// and let a leaderboard's top entries be checked against published extremes.
const EXTRA_LINES: [ExtraLine; 8] = [
    ("Gaming spend", "gaming-spend", |p| {
        Figure::usd(&p.summary.waste_usd.gaming)
    }),
    ("Gamer share (peak month)", "gamer-share", |p| {
        Figure::text(peak_gamer_share(p).map_or(NOT_AVAILABLE.into(), percent))
    }),
    (
        "Individual output (changes merged)",
        "individual-output",
        |p| Figure::of(&p.summary.individual_output, &format_count),
    ),
    ("Reported deployments", "reported-deployments", |p| {
        Figure::of(&p.summary.reported_deployments, &format_count)
    }),
    (
        "Heaviest users: P99 spend per user-month",
        "p99-user-month-spend",
        |p| Figure::of(&p.summary.heaviest.p99_spend_usd, &money),
    ),
    (
        "Heaviest users: top spend per user-month",
        "max-user-month-spend",
        |p| Figure::of(&p.summary.heaviest.max_spend_usd, &money),
    ),
    (
        "Heaviest users: P99 tokens per user-month",
        "p99-user-month-tokens",
        |p| Figure::of(&p.summary.heaviest.p99_tokens, &tokens),
    ),
    (
        "Heaviest users: top tokens per user-month",
        "max-user-month-tokens",
        |p| Figure::of(&p.summary.heaviest.max_tokens, &tokens),
    ),
];

/// Tokens, compactly: `950`, `12.5M`, `3.1B`.
fn tokens(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.1}B", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e3 {
        format!("{:.1}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// The highest monthly median share of gamers among agentic adopters.
fn peak_gamer_share(p: &PolicyReport) -> Option<f64> {
    p.months
        .iter()
        .filter_map(|m| m.figures.gamer_share.p50)
        .max_by(f64::total_cmp)
}

/// What policy set `p` does, lever by lever with the figures that distinguish it: the
/// leaderboard's metric, the caps' and budgets' amounts.
pub fn describe(p: &PolicySet) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &p.mandate {
        parts.push(format!("mandate to {:.0}%", m.target_share * 100.0));
    }
    if let Some(b) = &p.leaderboard {
        parts.push(
            match b.metric {
                Metric::None => "leaderboard ranking nothing",
                Metric::RawTokens => "leaderboard on raw tokens",
                Metric::NormalizedDeployments => "leaderboard on deployments",
                Metric::UsageFloor => "usage floor (too little AI flagged)",
            }
            .to_string(),
        );
    }
    if let Some(c) = &p.run_cap {
        parts.push(format!("{} per-run cap", money(c.usd_per_run)));
    }
    if let Some(b) = &p.user_budget {
        if let Some(m) = b.monthly_usd {
            parts.push(format!("{} per user per month", money(m)));
        }
        if let Some(d) = b.daily_usd {
            parts.push(format!("{} per user per day", money(d)));
        }
    }
    if p.ticket_rule.is_some() {
        parts.push("ticket-owner rule".into());
    }
    if let Some(a) = &p.accountability {
        parts.push(
            match a.kind {
                crate::scenario::AccountabilityKind::Showback => "showback",
                crate::scenario::AccountabilityKind::Chargeback => "chargeback",
            }
            .into(),
        );
    }
    if let Some(b) = &p.annual_budget {
        parts.push(format!("{} annual budget", whole_usd(b.usd)));
    }
    if let Some(plan) = &p.plan {
        parts.push(format!("{} plan", plan.plan));
    }
    if parts.is_empty() {
        "no policy".into()
    } else {
        parts.join(", ")
    }
}

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
        let verdicts = if n > 1 {
            (0..n)
                .map(|b| {
                    verdict::verdicts(report, b)
                        .into_iter()
                        .map(|v| v.text)
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
        Comparison {
            caption: format!("{} draws; median, with P10 – P90 in brackets", report.draws),
            policies: report.policies.iter().map(|p| p.name.clone()).collect(),
            headline,
            details: detail_rows(report),
            deltas,
            monthly: monthly_medians(report),
            legend: P10_P90,
            descriptions: Vec::new(),
            verdicts,
            lowest_cost: verdict::lowest_cost_per_change(report),
            lowest_cost_text: verdict::lowest_cost_sentence(report),
        }
    }

    /// The comparison with each policy set described by what distinguishes it: the set of
    /// `sets` with the same name, if any.
    pub fn described(mut self, sets: &[PolicySet]) -> Comparison {
        self.descriptions = self
            .policies
            .iter()
            .map(|name| {
                sets.iter()
                    .find(|s| &s.name == name)
                    .map(describe)
                    .unwrap_or_default()
            })
            .collect();
        self
    }
}

/// The lines after the headline, one figure per policy set.
fn detail_rows(report: &Report) -> Vec<Row> {
    EXTRA_LINES
        .iter()
        .map(|(label, id, figure)| Row {
            label: label.to_string(),
            id: id.to_string(),
            cells: report.policies.iter().map(figure).collect(),
        })
        .collect()
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
    use crate::stats::Percentiles;

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

    #[test]
    fn detail_rows_show_gaming_output_and_the_heaviest_users() {
        let r = report();
        let c = Comparison::of(&r);
        let ids: Vec<&str> = c.details.iter().map(|row| row.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "gaming-spend",
                "gamer-share",
                "individual-output",
                "reported-deployments",
                "p99-user-month-spend",
                "max-user-month-spend",
                "p99-user-month-tokens",
                "max-user-month-tokens"
            ]
        );
        for row in &c.details {
            assert_eq!(row.cells.len(), r.policies.len());
        }
        assert_eq!(c.details[0].cells[0].median, "$0", "no board, no gaming");
        assert_ne!(c.details[0].cells[1].median, "$0", "a token board is gamed");
        let h = &r.policies[1].summary.heaviest;
        assert!(h.max_spend_usd.p50.unwrap() >= h.p99_spend_usd.p50.unwrap());
        assert!(h.max_tokens.p50.unwrap() > h.max_spend_usd.p50.unwrap());
        assert_eq!(c.verdicts.len(), r.policies.len());
        assert_eq!(c.verdicts[0].len(), r.policies.len() - 1);
        assert!(c.verdicts[0][0].starts_with(&r.policies[1].name));
        assert!(c.lowest_cost.is_some() && c.lowest_cost_text.is_some());
    }

    #[test]
    fn cost_per_change_shows_cents_below_a_hundred_dollars() {
        let small = Percentiles {
            p10: Some(-0.2),
            p50: Some(0.04),
            p90: Some(0.3),
            mean: None,
        };
        let d = Delta {
            cost_per_useful_change_usd: small,
            ..Delta::default()
        };
        let f = (DELTA_LINES[3].2)(&d);
        assert_eq!(f.to_string(), "+$0.04 (−$0.20 – +$0.30)");
        assert!(!f.to_string().contains("+$0 (+$0 – +$0)"));
        let r = report();
        let line = &Comparison::of(&r).headline;
        let row = line
            .iter()
            .find(|l| l.id == "cost-per-useful-change")
            .unwrap();
        let cost = r.policies[0]
            .summary
            .cost_per_useful_change_usd
            .p50
            .unwrap();
        assert_eq!(row.cells[0].median, money(cost));
    }

    #[test]
    fn without_pass_through_individual_output_rises_and_useful_stays_at_baseline() {
        let mut s = Scenario::from_json(
            r#"{"output": {"pass_through": 0, "defect_sensitivity": 0}}"#,
            "s.json",
        )
        .unwrap();
        s.uncertainty.draws = 4;
        s.months = 12;
        s.scale_developers(200);
        s.policies = vec![
            PolicySet {
                name: "No policy".into(),
                ..PolicySet::default()
            },
            PolicySet {
                name: "Mandate".into(),
                mandate: Some(crate::scenario::Mandate::default()),
                ..PolicySet::default()
            },
        ];
        let r = Report::simulate(&s.validate(&Catalogue::builtin()).unwrap());
        let individual = |k: usize| r.policies[k].summary.individual_output.p50.unwrap();
        assert!(
            individual(1) > individual(0) * 1.01,
            "adoption raises output"
        );
        for p in &r.policies {
            for m in &p.months {
                let useful = m.figures.useful_deployments.p50.unwrap();
                let baseline = m.figures.baseline_deployments.p50.unwrap();
                assert!(
                    (useful - baseline).abs() <= 1e-9 * baseline,
                    "{useful} vs {baseline}"
                );
            }
        }
        let useful = |k: usize| r.policies[k].summary.useful_deployments.p50.unwrap();
        assert!((useful(1) - useful(0)).abs() <= 1e-9 * useful(0));
        let c = Comparison::of(&r);
        let row = c
            .details
            .iter()
            .find(|l| l.id == "individual-output")
            .unwrap();
        assert_ne!(row.cells[0], row.cells[1]);
    }

    #[test]
    fn a_policy_set_is_described_by_its_levers_amounts() {
        let sets = crate::scenario::preset("daily-budget").unwrap().policies;
        assert_eq!(
            describe(&sets[1]),
            "mandate to 90%, leaderboard on raw tokens, $5.00 per-run cap"
        );
        assert_eq!(
            describe(&sets[2]),
            "mandate to 90%, leaderboard on raw tokens, $50.00 per user per day"
        );
        assert_eq!(describe(&PolicySet::default()), "no policy");
        let c = Comparison::of(&report()).described(&Scenario::default().policies);
        assert_eq!(c.descriptions.len(), c.policies.len());
        assert_eq!(c.descriptions[0], "mandate to 90%");
        assert_eq!(
            c.descriptions[2],
            "mandate to 90%, leaderboard on deployments"
        );
    }
}
