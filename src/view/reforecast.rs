//! The reforecast in words, for the page and the CLI's text output: the budget headline
//! restated from today's position, the spend still to come, each observed month's forecast
//! error and a warning when the weights rest on too few draws.

use crate::reforecast::{Reforecast, MIN_EFFECTIVE_DRAWS};
use crate::units::{format_count, format_usd};
use crate::view::finance::month_name;

/// What the page and the CLI say about a reforecast.
#[derive(Debug, Clone, PartialEq)]
pub struct ReforecastView {
    /// The budget headline from today's position (or the spend outlook without a budget).
    pub headline: String,
    /// Spend still to come and over the horizon, and how the draws were weighted.
    pub detail: String,
    /// Each observed month: actual, forecast and error.
    pub months: Vec<String>,
    /// Said when the effective sample size is below [`MIN_EFFECTIVE_DRAWS`].
    pub warning: Option<String>,
}

fn money(usd: f64) -> String {
    format_usd(usd, 0)
}

impl ReforecastView {
    /// The words for `r`.
    pub fn new(r: &Reforecast) -> ReforecastView {
        let headline = match &r.budget {
            Some(b) => match b.month {
                Some(month) if b.probability >= 0.5 => format!(
                    "At the current trajectory the {} budget runs out in {}, with probability {:.0} %.",
                    money(b.annual_budget_usd),
                    month_name(month),
                    b.probability * 100.0
                ),
                _ => format!(
                    "At the current trajectory the {} budget holds: it runs out with probability {:.0} %.",
                    money(b.annual_budget_usd),
                    b.probability * 100.0
                ),
            },
            None => format!(
                "At the current trajectory the rest of the horizon spends {} (P10 {} – P90 {}); no annual budget is set.",
                money(r.remaining_usd[1]),
                money(r.remaining_usd[0]),
                money(r.remaining_usd[2])
            ),
        };
        let detail = format!(
            "Reforecast as of {} from {} observed month{}: {} still to come after it (P10 {} – P90 {}), {} over the horizon. Each draw continues from the level observed, weighted by how closely its months follow the months spent (a monthly error of ±{:.0} %, fitted): {} effective draws of {}.",
            month_name(r.as_of),
            r.observed.len(),
            if r.observed.len() == 1 { "" } else { "s" },
            money(r.remaining_usd[1]),
            money(r.remaining_usd[0]),
            money(r.remaining_usd[2]),
            money(r.total_usd[1]),
            (libm::exp(r.error_sigma) - 1.0) * 100.0,
            format_count(r.effective_draws),
            format_count(f64::from(r.draws))
        );
        let months = r
            .observed
            .iter()
            .map(|m| {
                let error = m
                    .error_share
                    .map_or("n/a".to_string(), |e| format!("{:+.0} %", e * 100.0));
                format!(
                    "{}: spent {}, forecast {} ({error})",
                    month_name(m.month),
                    money(m.actual_usd),
                    money(m.forecast_usd)
                )
            })
            .collect();
        let warning = r.too_few_draws().then(|| {
            format!(
                "The months spent match few draws ({:.0} effective, fewer than {MIN_EFFECTIVE_DRAWS:.0}): the reforecast is uncertain. Run more draws or check the scenario against the actuals.",
                r.effective_draws
            )
        });
        ReforecastView {
            headline,
            detail,
            months,
            warning,
        }
    }

    /// Every line, for text output.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n{}\n", self.headline, self.detail);
        for m in &self.months {
            out += &format!("  {m}\n");
        }
        if let Some(w) = &self.warning {
            out += &format!("warning: {w}\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::YearMonth;
    use crate::reforecast::{BudgetOutlook, MonthError};

    fn reforecast(effective: f64, budget: Option<BudgetOutlook>) -> Reforecast {
        let m = YearMonth::new(2026, 6).unwrap();
        Reforecast {
            policy: 0,
            as_of: m,
            centres: Vec::new(),
            observed: vec![MonthError {
                month: m,
                actual_usd: 1000.0,
                forecast_usd: 1200.0,
                error_share: Some(0.2),
            }],
            effective_draws: effective,
            error_sigma: 0.15,
            draws: 200,
            remaining_usd: [1000.0, 2000.0, 3000.0],
            total_usd: [2000.0, 3000.0, 4000.0],
            budget,
        }
    }

    #[test]
    fn the_budget_headline_names_the_month_and_probability() {
        let v = ReforecastView::new(&reforecast(
            80.0,
            Some(BudgetOutlook {
                annual_budget_usd: 1_000_000.0,
                probability: 0.72,
                month: YearMonth::new(2027, 3),
            }),
        ));
        assert_eq!(
            v.headline,
            "At the current trajectory the $1,000,000 budget runs out in Mar 2027, with probability 72 %."
        );
        assert_eq!(
            v.months,
            ["Jun 2026: spent $1,000, forecast $1,200 (+20 %)"]
        );
        assert!(
            v.detail
                .contains("Reforecast as of Jun 2026 from 1 observed month:"),
            "{}",
            v.detail
        );
        assert!(
            v.detail
                .contains("(a monthly error of ±16 %, fitted): 80 effective draws of 200."),
            "{}",
            v.detail
        );
        assert_eq!(v.warning, None);
    }

    #[test]
    fn few_effective_draws_are_warned_of() {
        let v = ReforecastView::new(&reforecast(4.0, None));
        assert!(v.warning.as_ref().unwrap().contains("4 effective"));
        assert!(v.headline.contains("no annual budget"));
        assert!(v.text().contains("warning: "));
    }
}
