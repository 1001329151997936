//! Headline figures and tabular output (JSON, CSV) of a simulation, shared by the CLI and app.

use crate::calendar::YearMonth;
use crate::sim::Outcome;
use crate::units::{format_usd, Usd};
use serde::Serialize;

/// Headline figures of one simulated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Token spend over the whole horizon [USD].
    pub total_spend_usd: f64,
    /// Spend in the last simulated month [USD / month].
    pub final_month_spend_usd: f64,
    /// The last month's spend times twelve [USD / year].
    pub annual_run_rate_usd: f64,
    /// Share of developers who have adopted by the last month [fraction].
    pub final_adopted_share: f64,
    /// Mean spend per adopted developer in the last month [USD / month].
    pub final_spend_per_adopter_usd: f64,
    /// Share of horizon spend by the top 10% of developers who adopted [fraction].
    pub top10_share: f64,
    /// The month with the highest spend.
    pub peak_month: Option<YearMonth>,
}

/// One row of the monthly table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    /// The calendar month.
    pub month: YearMonth,
    /// Share of developers who have adopted [fraction].
    pub adopted_share: f64,
    /// Tokens used [tokens].
    pub tokens: f64,
    /// Token spend [USD].
    pub spend_usd: f64,
    /// Spend since the first month [USD].
    pub cumulative_spend_usd: f64,
}

/// One model's spend over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSpend {
    /// Catalogue id.
    pub model: String,
    /// Token spend on this model [USD].
    pub spend_usd: f64,
}

/// Everything the CLI prints and the app shows for one simulated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The scenario's label.
    pub scenario: String,
    /// Month by month.
    pub months: Vec<MonthRow>,
    /// Horizon spend by model.
    pub spend_by_model: Vec<ModelSpend>,
    /// Headline figures.
    pub summary: Summary,
}

impl Report {
    /// Builds the report of a simulation outcome.
    pub fn new(scenario: &str, outcome: &Outcome) -> Report {
        let mut cumulative = 0.0;
        let months: Vec<MonthRow> = outcome
            .months
            .iter()
            .map(|m| {
                cumulative += m.spend.0;
                MonthRow {
                    month: m.month,
                    adopted_share: m.adopted_share,
                    tokens: m.tokens.0,
                    spend_usd: m.spend.0,
                    cumulative_spend_usd: cumulative,
                }
            })
            .collect();
        let spend_by_model = outcome
            .models
            .iter()
            .enumerate()
            .map(|(k, id)| {
                let total: Usd = outcome.months.iter().map(|m| m.spend_by_model[k]).sum();
                ModelSpend {
                    model: id.clone(),
                    spend_usd: total.0,
                }
            })
            .collect();
        let last = outcome.months.last();
        let final_spend = last.map_or(0.0, |m| m.spend.0);
        let summary = Summary {
            total_spend_usd: cumulative,
            final_month_spend_usd: final_spend,
            annual_run_rate_usd: final_spend * 12.0,
            final_adopted_share: last.map_or(0.0, |m| m.adopted_share),
            final_spend_per_adopter_usd: last
                .filter(|m| m.adopted > 0)
                .map_or(0.0, |m| m.spend.0 / m.adopted as f64),
            top10_share: top_decile_share(&outcome.spend_per_developer),
            peak_month: outcome
                .months
                .iter()
                .max_by(|a, b| a.spend.0.total_cmp(&b.spend.0))
                .filter(|m| m.spend.0 > 0.0)
                .map(|m| m.month),
        };
        Report {
            scenario: scenario.to_string(),
            months,
            spend_by_model,
            summary,
        }
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// The monthly table as CSV with a header row.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        for row in &self.months {
            w.serialize(row).expect("writing CSV to memory cannot fail");
        }
        String::from_utf8(w.into_inner().expect("in-memory writer"))
            .expect("CSV of numbers and months is UTF-8")
    }

    /// The headline figures as readable lines (label, value), in display order.
    pub fn headline(&self) -> Vec<(&'static str, String)> {
        let s = &self.summary;
        vec![
            ("Total spend", format_usd(s.total_spend_usd, 0)),
            ("Final month spend", format_usd(s.final_month_spend_usd, 0)),
            ("Annual run-rate", format_usd(s.annual_run_rate_usd, 0)),
            (
                "Adopted by final month",
                format!("{:.1}%", s.final_adopted_share * 100.0),
            ),
            (
                "Spend per adopter (final month)",
                format_usd(s.final_spend_per_adopter_usd, 0),
            ),
            (
                "Top 10% of adopters' share of spend",
                format!("{:.1}%", s.top10_share * 100.0),
            ),
        ]
    }
}

/// Share of the total held by the top 10% of the non-zero entries (at least one entry).
fn top_decile_share(spend: &[Usd]) -> f64 {
    let mut active: Vec<f64> = spend.iter().map(|u| u.0).filter(|&x| x > 0.0).collect();
    if active.is_empty() {
        return 0.0;
    }
    active.sort_unstable_by(|a, b| b.total_cmp(a));
    let top = active.len().div_ceil(10);
    let total: f64 = active.iter().sum();
    active[..top].iter().sum::<f64>() / total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;
    use crate::sim::simulate;

    fn default_report(developers: u32) -> Report {
        let s = Scenario {
            developers,
            ..Scenario::default()
        };
        let v = s.validate(&Catalogue::builtin()).unwrap();
        Report::new(&s.name, &simulate(&v))
    }

    #[test]
    fn top_decile_share_of_equal_spend_is_a_tenth() {
        let spend = vec![Usd(5.0); 100];
        assert!((top_decile_share(&spend) - 0.1).abs() < 1e-12);
        assert_eq!(top_decile_share(&[]), 0.0);
    }

    #[test]
    fn concentration_matches_published_top_decile_share() {
        let r = default_report(20_000);
        assert!(
            (0.40..=0.60).contains(&r.summary.top10_share),
            "{}",
            r.summary.top10_share
        );
    }

    #[test]
    fn totals_equal_the_sum_of_their_parts() {
        let r = default_report(1000);
        let by_month: f64 = r.months.iter().map(|m| m.spend_usd).sum();
        let by_model: f64 = r.spend_by_model.iter().map(|m| m.spend_usd).sum();
        let total = r.summary.total_spend_usd;
        assert!((by_month - total).abs() <= 1e-9 * total);
        assert!((by_model - total).abs() <= 1e-9 * total);
        assert_eq!(r.months.last().unwrap().cumulative_spend_usd, total);
    }

    #[test]
    fn csv_has_a_header_and_one_row_per_month() {
        let r = default_report(100);
        let csv = r.to_csv();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("month,adopted_share,tokens,spend_usd,cumulative_spend_usd")
        );
        assert_eq!(lines.count(), 24);
        assert!(csv.contains("\n2026-07,"));
    }
}
