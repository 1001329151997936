//! The finance headline: what a policy set will spend (next 12 months, each fiscal year), the
//! probability its budget runs out in the budget period (the first whole fiscal year) and
//! when, the months 50 %, 80 % and 100 % of the budget are reached in it, and, when the horizon
//! runs on past that period, the probability the budget runs out in any year of the horizon;
//! its waste share and cost per useful change, each beside the baseline's (the first policy
//! set). Shown first on the page and printed by `simulate --format text`. And the distribution
//! of the budget period's spend ([`histogram`]) with P(spend > any amount typed).

use super::chart::Table;
use super::figure::{percent, slug, Figure, NOT_AVAILABLE};
use crate::calendar::YearMonth;
use crate::fiscal::{exceedance, BudgetPeriod, Period};
use crate::report::{MonthPercentiles, Report, Summary};

/// One line of the finance headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinanceRow {
    /// What the figure is, e.g. `Next 12 months`.
    pub label: String,
    /// A test hook that stays when the period in the label changes, e.g. `next-12-months` or
    /// `probability-the-budget-runs-out`.
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

/// The start of the budget-risk line's label, as the page and the CLI show it; the budget
/// period follows, e.g. `Probability the budget runs out in FY2027`.
pub const RUNS_OUT: &str = "Probability the budget runs out";

/// A month's short name, `Jan` for 1 to `Dec` for 12 (a number outside 1–12 is clamped).
pub fn short_month(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES[usize::from(month.clamp(1, 12) - 1)]
}

/// A month as people write it: `Mar 2027`.
pub fn month_name(m: YearMonth) -> String {
    format!("{} {}", short_month(m.month()), m.year())
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

/// A probability the budget runs out with its P10 / P50 / P90 month.
fn runs_out(probability: f64, month: &MonthPercentiles) -> Figure {
    Figure {
        median: percent(probability),
        range: Some(format!("(month P10 / P50 / P90: {})", months(month))),
    }
}

/// One line of the headline: its test hook, its label and its figure.
type Line = (&'static str, String, Figure);

/// The budget-risk lines: the budget period's, and the whole horizon's when it runs on past
/// that period (its months before or after are in some budget year too).
fn risk(s: &Summary) -> Vec<Line> {
    let f = &s.finance;
    let Some(b) = &f.budget_period else {
        return Vec::new();
    };
    let (Some(p), Some(month)) = (b.over_budget_probability, &b.exhaustion_month) else {
        return vec![(
            "probability-the-budget-runs-out",
            RUNS_OUT.to_string(),
            Figure::text("no budget set".into()),
        )];
    };
    let mut out = vec![(
        "probability-the-budget-runs-out",
        format!("{RUNS_OUT} in {}", b.period.label),
        runs_out(p, month),
    )];
    let horizon = f.fiscal_years.first().zip(f.fiscal_years.last());
    if let Some((first, last)) =
        horizon.filter(|(first, last)| (first.first, last.last) != (b.period.first, b.period.last))
    {
        out.push((
            "probability-the-budget-runs-out-in-any-year",
            format!(
                "{RUNS_OUT} in any budget year, {} – {}",
                month_name(first.first),
                month_name(last.last)
            ),
            runs_out(s.budget_exhaustion_probability, &s.budget_exhaustion_month),
        ));
    }
    out
}

/// The months of a period as people write them, `Jan 2027 – Dec 2027`.
fn span(p: &Period) -> String {
    format!("{} – {}", month_name(p.first), month_name(p.last))
}

/// Each line of a summary, labelled; the thresholds and fiscal years as the summary has them.
fn lines(s: &Summary) -> Vec<(String, String, Figure)> {
    let f = &s.finance;
    let plain = |label: String, figure: Figure| (slug(&label), label, figure);
    let mut out = vec![plain(
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
        out.push(plain(label, Figure::usd(&y.spend_usd)));
    }
    out.extend(
        risk(s)
            .into_iter()
            .map(|(key, label, figure)| (key.to_string(), label, figure)),
    );
    for t in &f.budget_thresholds {
        out.push(plain(
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
        out.push(plain(
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
    out.push(plain(
        "Waste share".into(),
        Figure::of(&s.waste_share, &percent),
    ));
    out.push(plain(
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
        .map(|(key, label, value)| {
            let baseline = base.map(|_| {
                baseline_lines
                    .iter()
                    .position(|(k, _, _)| *k == key)
                    .map_or(Figure::text(NOT_AVAILABLE.into()), |i| {
                        baseline_lines.remove(i).2
                    })
            });
            FinanceRow {
                key,
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
        out += &super::figure::text_line(&r.label, &r.value.to_string());
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

/// The label of the amount "P(spend > amount)" is asked for, which its message names.
pub const AMOUNT_LABEL: &str = "P(spend > amount): amount [USD]";

/// An amount typed in dollars (`2400000`, `2,400,000` or `$2,400,000`) [USD], 0 –
/// 10,000,000,000,000, or why it does not read as one.
pub fn read_amount(text: &str) -> Result<f64, crate::scenario::Problem> {
    crate::scenario::read_typed(text, (0.0, 1e13), crate::scenario::TypedUnit::Usd)
}

/// The answer to "P(spend > amount)" for text typed as an amount in dollars ([`read_amount`]),
/// over the spend of policy set `policy`'s budget period.
pub fn exceedance_answer(report: &Report, policy: usize, text: &str) -> String {
    let Some(b) = budget_period(report, policy) else {
        return String::new();
    };
    match read_amount(text) {
        Ok(amount) => format!(
            "P(spend in {} > {}) = {}",
            b.period.label,
            crate::units::format_usd(amount, 0),
            percent(exceedance(&b.draw_spend_usd, amount))
        ),
        Err(problem) => format!(
            "{} Type an amount in dollars, e.g. 2400000.",
            crate::scenario::problem_message(AMOUNT_LABEL, &problem)
        ),
    }
}

fn budget_period(report: &Report, policy: usize) -> Option<&BudgetPeriod> {
    report
        .policies
        .get(policy)?
        .summary
        .finance
        .budget_period
        .as_ref()
}

/// One bar of the distribution of the budget period's spend.
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

/// The distribution of the budget period's spend as a histogram of the draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Its title, naming the period: `Spend in FY2027 (Jan 2027 – Dec 2027), share of draws`.
    pub title: String,
    /// The bars, from low to high.
    pub bins: Vec<Bin>,
    /// The annual budget as drawn on the chart [USD], if any.
    pub budget: Option<f64>,
    /// "P(spend in FY2027 ≥ the budget of …) = …: the budget runs out", when there is a
    /// budget.
    pub caption: String,
    /// Axis texts: the lowest spend [USD], what the axis is, the highest spend [USD].
    pub axis: (String, String, String),
}

impl Histogram {
    /// The bars as a table (the histogram's accessible alternative).
    pub fn table(&self) -> Table {
        Table {
            headers: vec![self.axis.1.clone(), "Share of draws".into()],
            rows: self
                .bins
                .iter()
                .map(|b| {
                    vec![
                        format!(
                            "{} – {}",
                            crate::units::format_usd(b.from, 0),
                            crate::units::format_usd(b.to, 0)
                        ),
                        format!("{:.1}%", b.share * 100.0),
                    ]
                })
                .collect(),
        }
    }
}

/// Policy set `policy`'s distribution of spend over its budget period in `bins` bars; `None`
/// without draws.
pub fn histogram(report: &Report, policy: usize, bins: usize) -> Option<Histogram> {
    let b = budget_period(report, policy)?;
    let spend = &b.draw_spend_usd;
    let lo = spend.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = spend.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() || bins == 0 {
        return None;
    }
    let width = ((hi - lo) / bins as f64).max(f64::MIN_POSITIVE);
    let mut counts = vec![0usize; bins];
    for t in spend {
        counts[(((t - lo) / width) as usize).min(bins - 1)] += 1;
    }
    let n = spend.len() as f64;
    let tallest = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let budget = report.policies[policy].summary.annual_budget_usd;
    let label = &b.period.label;
    let caption = match (budget, b.over_budget_probability) {
        (Some(usd), Some(p)) => format!(
            "P(spend in {label} ≥ the budget of {}) = {}: the budget runs out",
            crate::units::format_usd(usd, 0),
            percent(p)
        ),
        _ => "No budget set.".into(),
    };
    Some(Histogram {
        title: format!("Spend in {label} ({}), share of draws", span(&b.period)),
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
            format!("Spend in {label} [USD]"),
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
        assert_eq!(read_amount(" $2,400,000 "), Ok(2_400_000.0));
        assert_eq!(read_amount("2.5e6"), Ok(2_500_000.0));
        assert!(read_amount("NaN").is_err());
        assert!(read_amount("1e99").is_err());
        let r = report(None);
        assert_eq!(
            exceedance_answer(&r, 0, "$0"),
            "P(spend in FY2027 > $0) = 100.0%"
        );
        assert_eq!(
            exceedance_answer(&r, 0, "1,000,000,000"),
            "P(spend in FY2027 > $1,000,000,000) = 0.0%"
        );
        assert_eq!(
            exceedance_answer(&r, 0, "lots"),
            "P(spend > amount): amount [USD]: \"lots\" is not a number (allowed 0 – \
             10,000,000,000,000 USD). Type an amount in dollars, e.g. 2400000."
        );
        assert_eq!(
            exceedance_answer(&r, 0, "-5"),
            "P(spend > amount): amount [USD]: -5 is below 0 (allowed 0 – 10,000,000,000,000 \
             USD). Type an amount in dollars, e.g. 2400000."
        );
    }

    #[test]
    fn the_histogram_counts_every_draw_once_and_names_its_period() {
        let r = report(Some(1.0));
        let h = histogram(&r, 0, 10).unwrap();
        assert_eq!(h.bins.len(), 10);
        let total: f64 = h.bins.iter().map(|b| b.share).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert_eq!(
            h.title,
            "Spend in FY2027 (Jul 2026 – Jun 2027), share of draws"
        );
        assert_eq!(
            h.caption,
            "P(spend in FY2027 ≥ the budget of $1) = 100.0%: the budget runs out"
        );
        let t = h.table();
        assert_eq!(t.headers, ["Spend in FY2027 [USD]", "Share of draws"]);
        assert_eq!(t.rows.len(), 10);
        assert!(t.rows[0][0].starts_with(&h.axis.0), "{:?}", t.rows[0]);
    }

    #[test]
    fn a_two_year_horizon_holds_the_budget_against_one_fiscal_year_on_the_page_and_in_text() {
        let mut s = Scenario {
            months: 24,
            ..Scenario::default()
        };
        s.scale_developers(100);
        s.uncertainty.draws = 20;
        let plain = Report::simulate(&s.validate(&crate::pricing::Catalogue::builtin()).unwrap());
        let f = &plain.policies[0].summary.finance;
        // A budget at the median spend of FY2027 (January to December 2027).
        let budget = f
            .budget_period
            .as_ref()
            .unwrap()
            .period
            .spend_usd
            .p50
            .unwrap();
        s.budget.annual_usd = Some(budget);
        let r = Report::simulate(&s.validate(&crate::pricing::Catalogue::builtin()).unwrap());
        let f = &r.policies[0].summary.finance;
        let b = f.budget_period.as_ref().unwrap();
        let p = b.over_budget_probability.unwrap();
        let horizon = exceedance(&f.draw_total_spend_usd, budget);
        assert!(
            horizon > p + 0.3,
            "P(24 months > B) {horizon}, P(FY2027 > B) {p}"
        );
        let h = histogram(&r, 0, 10).unwrap();
        assert!(
            h.caption
                .ends_with(&format!("= {}: the budget runs out", percent(p))),
            "{}",
            h.caption
        );
        let v = finance(&r, 0).unwrap();
        let row = |key: &str| v.rows.iter().find(|r| r.key == key).unwrap();
        // The headline risk is the budget period's, the same figure as the histogram's and as
        // "100% of budget reached" by the period's end.
        let period = row("probability-the-budget-runs-out");
        assert_eq!(period.label, "Probability the budget runs out in FY2027");
        assert_eq!(period.value.median, percent(p));
        let full = row("100-of-budget-reached");
        assert_eq!(
            full.value.range.as_deref(),
            Some(format!("({} by Dec 2027)", percent(p)).as_str())
        );
        // The horizon runs past FY2027, so the risk over every budget year in it is shown too,
        // labelled with its months; it is never smaller.
        let any = row("probability-the-budget-runs-out-in-any-year");
        assert_eq!(
            any.label,
            "Probability the budget runs out in any budget year, Jul 2026 – Jun 2028"
        );
        let s = &r.policies[0].summary;
        assert_eq!(any.value.median, percent(s.budget_exhaustion_probability));
        assert!(s.budget_exhaustion_probability >= p);
        assert!(!v.rows.iter().any(|r| r.label.starts_with("P(spend")));
        assert!(finance_text(&v).contains("Probability the budget runs out in FY2027"));
        let typed = crate::units::format_usd(budget, 0).replace('$', "");
        assert_eq!(
            exceedance_answer(&r, 0, &typed),
            format!(
                "P(spend in FY2027 > {}) = {}",
                crate::units::format_usd(budget.round(), 0),
                percent(exceedance(&b.draw_spend_usd, budget.round()))
            )
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
        // Only the chosen set's budget year is drawn, so that the legend fits a phone.
        let years: Vec<&String> = headers
            .iter()
            .filter(|h| h.ends_with(": budget year"))
            .collect();
        assert_eq!(years, [&format!("{}: budget year", r.policies[0].name)]);
        // The chosen set's crossing is marked on the plot and has its own column.
        for k in [0, 2] {
            let table =
                crate::view::ChartData::of(crate::view::ChartKind::CumulativeSpend, &r, k, None)
                    .table();
            let heading = format!("{}: budget reached (median month)", r.policies[k].name);
            assert_eq!(table.headers.last(), Some(&heading));
            assert_eq!(table.rows[0][0], "2026-07");
            assert_eq!(
                table.rows[0].last().unwrap(),
                "budget reached Jul 2026 (median)"
            );
            assert!(table.rows[1..]
                .iter()
                .all(|row| row.last().unwrap().is_empty()));
        }
    }

    #[test]
    fn months_are_written_as_people_write_them() {
        assert_eq!(month_name(YearMonth::new(2027, 3).unwrap()), "Mar 2027");
    }
}
