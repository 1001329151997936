//! The finance headline: what a policy set will spend (next 12 months, each fiscal year), the
//! probability its budget runs out and when, the months 50 %, 80 % and 100 % of the budget are
//! reached, its waste share and cost per useful change, each beside the baseline's (the first
//! policy set). Shown first on the page and printed by `simulate --format text`.

use super::figure::{percent, slug, Figure, NOT_AVAILABLE};
use crate::calendar::YearMonth;
use crate::report::{MonthPercentiles, Report, Summary};

/// One line of the finance headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinanceRow {
    /// What the figure is, e.g. `Next 12 months`.
    pub label: String,
    /// A test hook made of the label, e.g. `next-12-months`.
    pub key: String,
    /// The selected policy set's figure.
    pub value: Figure,
    /// The baseline's figure; `None` when the selected set is the baseline.
    pub baseline: Option<Figure>,
}

/// The finance headline of one policy set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinanceView {
    /// The heading, e.g. `Budget and spend: + token leaderboard`.
    pub title: String,
    /// The budget in force, e.g. `Budget $2,400,000 a year, from July`, or why there is none.
    pub budget: String,
    /// The baseline's name, for the column heading; `None` when the selected set is it.
    pub baseline: Option<String>,
    /// The lines, in reading order.
    pub rows: Vec<FinanceRow>,
}

/// The label of the budget-risk line, as the page and the CLI show it.
pub const RUNS_OUT: &str = "Probability the budget runs out";

/// A month as people write it: `Mar 2027`.
pub fn month_name(m: YearMonth) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!("{} {}", NAMES[usize::from(m.month() - 1)], m.year())
}

fn month_or(m: Option<YearMonth>) -> String {
    m.map_or("not reached".into(), month_name)
}

/// `P10 / P50 / P90` months of an exhaustion, e.g. `Mar 2027 / Apr 2027 / not reached`.
fn months(m: &MonthPercentiles) -> String {
    format!(
        "{} / {} / {}",
        month_or(m.p10),
        month_or(m.p50),
        month_or(m.p90)
    )
}

/// The probability the budget runs out with its P10 / P50 / P90 month.
fn runs_out(s: &Summary) -> Figure {
    match s.annual_budget_usd {
        None => Figure::text("no budget set".into()),
        Some(_) => Figure {
            median: percent(s.budget_exhaustion_probability),
            range: Some(format!(
                "(month P10 / P50 / P90: {})",
                months(&s.budget_exhaustion_month)
            )),
        },
    }
}

/// Each line of a summary, labelled; the thresholds and fiscal years as the summary has them.
fn lines(s: &Summary) -> Vec<(String, Figure)> {
    let f = &s.finance;
    let mut out = vec![(
        "Next 12 months".to_string(),
        Figure::usd(&f.next_12_months_spend_usd),
    )];
    for y in &f.fiscal_years {
        let label = if y.partial {
            format!(
                "{} ({} – {} only)",
                y.label,
                month_name(y.first),
                month_name(y.last)
            )
        } else {
            y.label.clone()
        };
        out.push((label, Figure::usd(&y.spend_usd)));
    }
    out.push((RUNS_OUT.to_string(), runs_out(s)));
    for t in &f.budget_thresholds {
        out.push((
            format!("{:.0}% of budget reached", t.share * 100.0),
            Figure {
                median: month_or(t.month.p50),
                range: Some(format!(
                    "({} by {})",
                    percent(t.probability),
                    month_name(t.by)
                )),
            },
        ));
    }
    for c in &f.cost_centre_budgets {
        out.push((
            format!("{}: budget runs out", c.name),
            Figure {
                median: percent(c.exhaustion_probability),
                range: Some(format!(
                    "(median month {})",
                    month_or(c.exhaustion_month.p50)
                )),
            },
        ));
    }
    out.push((
        "Waste share".into(),
        Figure::text(s.waste_share.p50.map_or(NOT_AVAILABLE.into(), percent)),
    ));
    out.push((
        "Cost per useful change".into(),
        Figure::of(&s.cost_per_useful_change_usd, &crate::verdict::money),
    ));
    out
}

/// The finance headline of policy set `policy` beside the baseline's; `None` when there is no
/// such set.
pub fn finance(report: &Report, policy: usize) -> Option<FinanceView> {
    let p = report.policies.get(policy)?;
    let base = (policy > 0).then(|| &report.policies[0]);
    let mut baseline_lines = base.map(|b| lines(&b.summary)).unwrap_or_default();
    let rows = lines(&p.summary)
        .into_iter()
        .map(|(label, value)| {
            let baseline = base.map(|_| {
                baseline_lines
                    .iter()
                    .position(|(l, _)| *l == label)
                    .map_or(Figure::text(NOT_AVAILABLE.into()), |i| {
                        baseline_lines.remove(i).1
                    })
            });
            FinanceRow {
                key: slug(&label),
                label,
                value,
                baseline,
            }
        })
        .collect();
    let budget = match p.summary.annual_budget_usd {
        None => "No budget set: enter the organisation's budget to see the risk it runs out."
            .to_string(),
        Some(usd) => format!(
            "Budget {} a year; fiscal years named by the year they end in.",
            crate::units::format_usd(usd, 0)
        ),
    };
    Some(FinanceView {
        title: format!("Budget and spend: {}", p.name),
        budget,
        baseline: base.map(|b| b.name.clone()),
        rows,
    })
}

/// The finance headline as text lines (for the CLI): `label  value [baseline: …]`.
pub fn finance_text(view: &FinanceView) -> String {
    let mut out = String::new();
    for r in &view.rows {
        out += &format!("  {:<40} {}", r.label, r.value);
        if let Some(b) = &r.baseline {
            out += &format!("   [baseline {b}]");
        }
        out.push('\n');
    }
    out
}

/// What the Copy-link button says once it is done: copied, or where the link is instead.
pub fn copied(done: bool) -> &'static str {
    if done {
        "Link copied to the clipboard."
    } else {
        "The clipboard could not be reached: copy the link from \"Share and keep\" below."
    }
}

/// Share of draws whose total spend is above `amount` [USD].
pub fn exceedance(totals: &[f64], amount: f64) -> f64 {
    totals.iter().filter(|&&t| t > amount).count() as f64 / totals.len().max(1) as f64
}

/// An amount typed in dollars (`2400000`, `2,400,000` or `$2,400,000`) [USD], 0 –
/// 10,000,000,000,000; `None` when it does not read as one.
pub fn read_amount(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    crate::scenario::read_number(&cleaned, false, (0.0, 1e13), "USD").ok()
}

/// The answer to "P(spend > amount)" for text typed as an amount in dollars ([`read_amount`])
/// over policy set `policy`'s horizon.
pub fn exceedance_answer(report: &Report, policy: usize, text: &str) -> String {
    let Some(p) = report.policies.get(policy) else {
        return String::new();
    };
    match read_amount(text) {
        Some(amount) => format!(
            "P(total spend > {}) = {}",
            crate::units::format_usd(amount, 0),
            percent(exceedance(&p.summary.finance.draw_total_spend_usd, amount))
        ),
        None => "Type an amount in dollars, 0 – 10,000,000,000,000, e.g. 2400000.".into(),
    }
}

/// One bar of the distribution of total spend.
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    /// Its lower edge [USD].
    pub from: f64,
    /// Its upper edge [USD].
    pub to: f64,
    /// Share of draws in it [fraction].
    pub share: f64,
    /// Its height beside the tallest bar's, 0–1.
    pub height: f64,
}

/// The distribution of total spend over the horizon as a histogram of the draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// The bars, from low to high.
    pub bins: Vec<Bin>,
    /// The annual budget as drawn on the chart [USD], if any.
    pub budget: Option<f64>,
    /// "P(total spend > budget) = …", when there is a budget.
    pub caption: String,
    /// Axis texts: the lowest and highest total [USD].
    pub axis: (String, String),
}

/// Policy set `policy`'s distribution of total spend in `bins` bars; `None` without draws.
pub fn histogram(report: &Report, policy: usize, bins: usize) -> Option<Histogram> {
    let p = report.policies.get(policy)?;
    let totals = &p.summary.finance.draw_total_spend_usd;
    let lo = totals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() || bins == 0 {
        return None;
    }
    let width = ((hi - lo) / bins as f64).max(f64::MIN_POSITIVE);
    let mut counts = vec![0usize; bins];
    for t in totals {
        counts[(((t - lo) / width) as usize).min(bins - 1)] += 1;
    }
    let n = totals.len() as f64;
    let tallest = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let budget = p.summary.annual_budget_usd;
    let caption = match budget {
        Some(b) => format!(
            "P(total spend over the horizon > one year's budget of {}) = {}",
            crate::units::format_usd(b, 0),
            percent(exceedance(totals, b))
        ),
        None => "No budget set.".into(),
    };
    Some(Histogram {
        bins: counts
            .iter()
            .enumerate()
            .map(|(i, &c)| Bin {
                from: lo + width * i as f64,
                to: lo + width * (i + 1) as f64,
                share: c as f64 / n,
                height: c as f64 / tallest,
            })
            .collect(),
        budget,
        caption,
        axis: (
            crate::units::format_usd(lo, 0),
            crate::units::format_usd(hi, 0),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn report(budget: Option<f64>) -> Report {
        let mut s = Scenario {
            months: 12,
            ..Scenario::default()
        };
        s.scale_developers(100);
        s.uncertainty.draws = 20;
        s.budget.annual_usd = budget;
        s.budget.fiscal_year_start = 7;
        Report::simulate(&s.validate(&crate::pricing::Catalogue::builtin()).unwrap())
    }

    #[test]
    fn the_headline_reads_the_reports_budget_figures_beside_the_baseline() {
        let r = report(Some(1.0));
        let v = finance(&r, 1).unwrap();
        assert_eq!(v.baseline.as_deref(), Some(r.policies[0].name.as_str()));
        let row = |key: &str| v.rows.iter().find(|r| r.key == key).unwrap().clone();
        let out = row("probability-the-budget-runs-out");
        assert_eq!(out.value.median, "100.0%");
        // A $1 budget runs out in the first month in every draw.
        assert_eq!(
            out.value.range.as_deref(),
            Some("(month P10 / P50 / P90: Jul 2026 / Jul 2026 / Jul 2026)")
        );
        assert_eq!(out.baseline.unwrap().median, "100.0%");
        assert_eq!(row("100-of-budget-reached").value.median, "Jul 2026");
        // Twelve months from July with a fiscal year from July: one whole year, FY2027.
        assert!(v.rows.iter().any(|r| r.label == "FY2027"), "{v:?}");
        let next = row("next-12-months");
        assert_eq!(
            next.value,
            Figure::usd(&r.policies[1].summary.finance.next_12_months_spend_usd)
        );
        assert!(finance_text(&v).contains("[baseline 100.0%"));
        assert!(finance(&r, 9).is_none());
    }

    #[test]
    fn without_a_budget_the_headline_says_so_and_has_no_thresholds() {
        let r = report(None);
        let v = finance(&r, 0).unwrap();
        assert!(v.budget.starts_with("No budget set"));
        assert_eq!(v.baseline, None);
        let out = v.rows.iter().find(|r| r.label == RUNS_OUT).unwrap();
        assert_eq!(out.value.to_string(), "no budget set");
        assert!(!v.rows.iter().any(|r| r.label.contains("of budget reached")));
    }

    #[test]
    fn any_amount_typed_is_answered_with_the_share_of_draws_above_it() {
        assert_eq!(exceedance(&[1.0, 2.0, 3.0, 4.0], 2.5), 0.5);
        assert_eq!(read_amount(" $2,400,000 "), Some(2_400_000.0));
        assert_eq!(read_amount("2.5e6"), Some(2_500_000.0));
        assert_eq!(read_amount("NaN"), None);
        assert_eq!(read_amount("1e99"), None);
        let r = report(None);
        assert_eq!(
            exceedance_answer(&r, 0, "$0"),
            "P(total spend > $0) = 100.0%"
        );
        assert_eq!(
            exceedance_answer(&r, 0, "1,000,000,000"),
            "P(total spend > $1,000,000,000) = 0.0%"
        );
        assert!(exceedance_answer(&r, 0, "lots").starts_with("Type an amount"));
        assert!(exceedance_answer(&r, 0, "-5").starts_with("Type an amount"));
    }

    #[test]
    fn the_histogram_counts_every_draw_once() {
        let r = report(Some(1.0));
        let h = histogram(&r, 0, 10).unwrap();
        assert_eq!(h.bins.len(), 10);
        let total: f64 = h.bins.iter().map(|b| b.share).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert_eq!(
            h.caption,
            "P(total spend over the horizon > one year's budget of $1) = 100.0%"
        );
    }

    #[test]
    fn the_cumulative_chart_draws_a_shared_budget_once_and_names_the_crossing_month() {
        let r = report(Some(1.0));
        let chart =
            crate::view::ChartData::of(crate::view::ChartKind::CumulativeSpend, &r, 0, None);
        let headers = chart.table().headers;
        assert_eq!(
            headers
                .iter()
                .filter(|h| h.starts_with("Annual budget"))
                .count(),
            1
        );
        assert!(
            headers.contains(&"Annual budget".to_string()),
            "{headers:?}"
        );
        let year = format!(
            "{}: budget year, reaches the budget Jul 2026 (median)",
            r.policies[0].name
        );
        assert!(headers.contains(&year), "{headers:?}");
    }

    #[test]
    fn months_are_written_as_people_write_them() {
        assert_eq!(month_name(YearMonth::new(2027, 3).unwrap()), "Mar 2027");
    }
}
