//! Spreadsheet-ready exports of a run, built once as [`Sheet`]s and written as CSV or as one
//! .xlsx workbook ([`crate::workbook`]): a summary (headlines, fiscal-year and quarter totals,
//! budget thresholds per policy set, long format), a wide monthly table (months as rows; each
//! policy set's P10 / P50 / P90 spend as columns), the assumptions (headcount, horizon, prices
//! in use, levers per set), and every draw's total spend and spend over the budget period with
//! the seed and the scenario, for an audit trail. The CLI (`simulate --export-dir`) and the page's buttons write the same bytes.

use crate::fiscal::BudgetPeriod;
use crate::report::{MonthPercentiles, Report};
use crate::scenario::ValidScenario;
use crate::stats::Percentiles;

/// A cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl std::fmt::Display for Cell {
    /// The cell as CSV text: numbers in full precision, nothing as empty.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Text(t) => f.write_str(t),
            Cell::Number(v) => write!(f, "{v}"),
            Cell::Empty => Ok(()),
        }
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Cell {
        Cell::Text(t)
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Number(v)
    }
}

/// A named table: its first row is the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name, e.g. `Summary`.
    pub name: &'static str,
    /// Rows of cells, the header first.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The sheet as CSV.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in &self.rows {
            w.write_record(row.iter().map(Cell::to_string))
                .expect("in-memory");
        }
        String::from_utf8(w.into_inner().expect("in-memory")).expect("UTF-8")
    }
}

/// The summary sheet's columns.
const SUMMARY_HEADER: [&str; 7] = [
    "Policy set",
    "Figure",
    "Period",
    "P10",
    "P50",
    "P90",
    "Probability",
];

fn month_cell(m: Option<crate::calendar::YearMonth>) -> Cell {
    m.map_or(Cell::Text("not reached".into()), |m| {
        Cell::Text(m.to_string())
    })
}

/// A summary row of percentiles.
fn row(set: &str, figure: &str, period: &str, p: &Percentiles) -> Vec<Cell> {
    vec![
        set.into(),
        figure.into(),
        period.into(),
        p.p10.into(),
        p.p50.into(),
        p.p90.into(),
        Cell::Empty,
    ]
}

/// A summary row of months with a probability.
fn month_row(set: &str, figure: &str, period: &str, m: &MonthPercentiles, p: f64) -> Vec<Cell> {
    vec![
        set.into(),
        figure.into(),
        period.into(),
        month_cell(m.p10),
        month_cell(m.p50),
        month_cell(m.p90),
        p.into(),
    ]
}

/// The summary's figure of the budget period's spend, its probability column the share of
/// draws whose spend over the period reaches the budget.
const BUDGET_PERIOD_SPEND: &str = "Budget-period spend [USD] (probability: reaching the budget)";

/// The label of the summary's row of the month the budget runs out within the budget period.
const BUDGET_RUNS_OUT: &str = "Budget runs out (month)";

/// The summary: per policy set, its headlines, fiscal-year and quarter spend, budget, budget
/// thresholds and cost-centre budgets, one figure a row [USD unless the figure says otherwise].
pub fn summary(report: &Report) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = vec![SUMMARY_HEADER.iter().map(|&h| Cell::from(h)).collect()];
    for (k, p) in report.policies.iter().enumerate() {
        let s = &p.summary;
        let f = &s.finance;
        let n = p.name.as_str();
        let horizon = match (p.months.first(), p.months.last()) {
            (Some(a), Some(b)) => format!("{} – {}", a.month, b.month),
            _ => String::new(),
        };
        rows.push(row(n, "Total spend [USD]", &horizon, &s.total_spend_usd));
        rows.push(row(
            n,
            "Spend, next 12 months [USD]",
            "first 12 months",
            &f.next_12_months_spend_usd,
        ));
        for y in &f.fiscal_years {
            let period = format!("{} ({} – {})", y.label, y.first, y.last);
            rows.push(row(n, "Fiscal-year spend [USD]", &period, &y.spend_usd));
        }
        for q in &f.quarters {
            let period = format!("{} ({} – {})", q.label, q.first, q.last);
            rows.push(row(n, "Quarter spend [USD]", &period, &q.spend_usd));
        }
        let budget_period = f.budget_period.as_ref().map(|b| {
            let p = &b.period;
            (b, format!("{} ({} – {})", p.label, p.first, p.last))
        });
        if let Some((b, period)) = &budget_period {
            let mut r = row(n, BUDGET_PERIOD_SPEND, period, &b.period.spend_usd);
            if let Some(p) = b.over_budget_probability {
                r[6] = p.into();
            }
            rows.push(r);
        }
        if let Some(usd) = s.annual_budget_usd {
            let mut r = row(n, "Annual budget [USD / year]", "", &Percentiles::default());
            r[4] = usd.into();
            rows.push(r);
            if let Some((b, period)) = &budget_period {
                if let (Some(p), Some(month)) = (b.over_budget_probability, &b.exhaustion_month) {
                    rows.push(month_row(n, BUDGET_RUNS_OUT, period, month, p));
                }
            }
            rows.push(month_row(
                n,
                "Budget runs out in any budget year (month)",
                &horizon,
                &s.budget_exhaustion_month,
                s.budget_exhaustion_probability,
            ));
        }
        for t in &f.budget_thresholds {
            rows.push(month_row(
                n,
                &format!("{:.0}% of budget reached (month)", t.share * 100.0),
                &format!("by {}", t.by),
                &t.month,
                t.probability,
            ));
        }
        for c in &f.cost_centre_budgets {
            rows.push(month_row(
                n,
                &format!(
                    "{}: budget of {} runs out (month)",
                    c.name, c.annual_budget_usd
                ),
                budget_period.as_ref().map_or("", |(_, p)| p.as_str()),
                &c.exhaustion_month,
                c.exhaustion_probability,
            ));
        }
        rows.push(row(n, "Waste share [fraction]", &horizon, &s.waste_share));
        rows.push(row(
            n,
            "Cost per useful change [USD]",
            &horizon,
            &s.cost_per_useful_change_usd,
        ));
        if let Some(d) = report
            .deltas
            .first()
            .and_then(|d| d.get(k))
            .filter(|_| k > 0)
        {
            let mut r = row(
                n,
                "Total spend vs baseline [USD]",
                &horizon,
                &d.total_spend_usd,
            );
            r[6] = d.cost_more_probability.into();
            rows.push(r);
        }
    }
    Sheet {
        name: "Summary",
        rows,
    }
}

/// The monthly table: one row per month, each policy set's P10 / P50 / P90 spend [USD].
pub fn monthly(report: &Report) -> Sheet {
    let mut header: Vec<Cell> = vec!["Month".into()];
    for p in &report.policies {
        for q in ["P10", "P50", "P90"] {
            header.push(format!("{} {q}", p.name).into());
        }
    }
    let mut rows = vec![header];
    let months = report.policies.first().map_or(0, |p| p.months.len());
    for t in 0..months {
        let mut r: Vec<Cell> = vec![report.policies[0].months[t].month.to_string().into()];
        for p in &report.policies {
            let s = &p.months[t].figures.spend_usd;
            r.extend([s.p10.into(), s.p50.into(), s.p90.into()]);
        }
        rows.push(r);
    }
    Sheet {
        name: "Monthly",
        rows,
    }
}

/// The assumptions behind the numbers: headcount, horizon, budget, prices in use, levers.
pub fn assumptions(v: &ValidScenario, report: &Report) -> Sheet {
    let s = &v.scenario;
    let mut rows: Vec<Vec<Cell>> = vec![vec!["Assumption".into(), "Value".into()]];
    let mut add = |k: String, value: Cell| rows.push(vec![k.into(), value]);
    add("Scenario".into(), s.name.clone().into());
    add("Developers".into(), (s.developers() as f64).into());
    add("First month".into(), s.start_month.to_string().into());
    add("Horizon [months]".into(), f64::from(s.months).into());
    add("Monte Carlo draws".into(), f64::from(report.draws).into());
    add("Seed".into(), report.seed.to_string().into());
    add(
        "Fiscal year starts [month 1–12]".into(),
        f64::from(s.budget.fiscal_year_start).into(),
    );
    add(
        "Organisation budget [USD / year]".into(),
        s.budget
            .annual_usd
            .map_or(Cell::Text("none".into()), Cell::Number),
    );
    for cc in &s.organisation.cost_centres {
        if let Some(b) = cc.annual_budget_usd {
            add(format!("Budget of {} [USD / year]", cc.name), b.into());
        }
    }
    for (m, id) in v.models.iter().enumerate() {
        let per_m = v.model_usd_per_token[m].first().copied().unwrap_or(0.0) * 1e6;
        add(
            format!("Price in use, {id}, first month [USD / 1M tokens of the mix]"),
            per_m.into(),
        );
    }
    for share in &s.model_mix {
        add(
            format!("Model mix, {} [share of tokens]", share.model),
            share.share.into(),
        );
    }
    for p in &s.policies {
        add(
            format!("Levers of {}", p.name),
            crate::view::compare::describe(p).into(),
        );
    }
    Sheet {
        name: "Assumptions",
        rows,
    }
}

/// Every draw's total spend per policy set, then its spend over the budget period, after the seed, the number of draws and the
/// scenario as JSON (so a run can be repeated and checked).
pub fn draws(v: &ValidScenario, report: &Report) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec!["seed".into(), report.seed.to_string().into()],
        vec!["draws".into(), f64::from(report.draws).into()],
        vec!["scenario".into(), v.scenario.to_json().into()],
        vec![],
    ];
    let mut header: Vec<Cell> = vec!["draw".into()];
    header.extend(
        report
            .policies
            .iter()
            .map(|p| Cell::Text(format!("{} total spend [USD]", p.name))),
    );
    let periods: Vec<(&str, &BudgetPeriod)> = report
        .policies
        .iter()
        .filter_map(|p| Some((p.name.as_str(), p.summary.finance.budget_period.as_ref()?)))
        .collect();
    header.extend(
        periods
            .iter()
            .map(|(name, b)| Cell::Text(format!("{name} spend in {} [USD]", b.period.label))),
    );
    rows.push(header);
    for d in 0..report.draws as usize {
        let mut r: Vec<Cell> = vec![(d as f64).into()];
        r.extend(report.policies.iter().map(|p| {
            p.summary
                .finance
                .draw_total_spend_usd
                .get(d)
                .copied()
                .into()
        }));
        r.extend(
            periods
                .iter()
                .map(|(_, b)| b.draw_spend_usd.get(d).copied().into()),
        );
        rows.push(r);
    }
    Sheet {
        name: "Draws",
        rows,
    }
}

/// The workbook's sheets: Summary, Monthly and Assumptions.
pub fn workbook_sheets(v: &ValidScenario, report: &Report) -> Vec<Sheet> {
    vec![summary(report), monthly(report), assumptions(v, report)]
}

/// The .xlsx workbook of a run: Summary, Monthly and Assumptions sheets.
pub fn workbook(v: &ValidScenario, report: &Report) -> Vec<u8> {
    crate::workbook::xlsx(&workbook_sheets(v, report))
}

/// Every export as (file name, bytes), as `simulate --export-dir` writes them.
pub fn files(v: &ValidScenario, report: &Report) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("summary.csv", summary(report).to_csv().into_bytes()),
        ("monthly.csv", monthly(report).to_csv().into_bytes()),
        ("burnrate.xlsx", workbook(v, report)),
        ("draws.csv", draws(v, report).to_csv().into_bytes()),
        ("scenario.json", (v.scenario.to_json() + "\n").into_bytes()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn run() -> (ValidScenario, Report) {
        let mut s = crate::scenario::Scenario {
            months: 12,
            ..Default::default()
        };
        s.scale_developers(100);
        s.uncertainty.draws = 10;
        s.budget.annual_usd = Some(50_000.0);
        let v = s.validate(&crate::pricing::Catalogue::builtin()).unwrap();
        let r = Report::simulate(&v);
        (v, r)
    }

    #[test]
    fn the_monthly_table_has_a_row_per_month_and_three_columns_per_set() {
        let (_, r) = run();
        let m = monthly(&r);
        assert_eq!(m.rows.len(), 13);
        assert_eq!(m.rows[0].len(), 1 + 3 * r.policies.len());
        assert_eq!(
            m.rows[0][2],
            Cell::Text(format!("{} P50", r.policies[0].name))
        );
        assert_eq!(
            m.rows[1][2],
            Cell::from(r.policies[0].months[0].figures.spend_usd.p50)
        );
        let csv = m.to_csv();
        assert!(csv.starts_with("Month,"), "{csv}");
        assert_eq!(csv.lines().count(), 13);
    }

    #[test]
    fn the_summary_carries_the_budget_risk_and_thresholds_of_every_set() {
        let (_, r) = run();
        let s = summary(&r);
        for p in &r.policies {
            let risk = s
                .rows
                .iter()
                .find(|row| {
                    row[0] == Cell::from(p.name.as_str())
                        && row[1] == Cell::from("Budget runs out (month)")
                })
                .expect("a budget row");
            let b = p.summary.finance.budget_period.as_ref().unwrap();
            assert_eq!(risk[6], Cell::from(b.over_budget_probability.unwrap()));
            assert_eq!(
                s.rows
                    .iter()
                    .filter(|row| row[0] == Cell::from(p.name.as_str())
                        && matches!(&row[1], Cell::Text(t) if t.ends_with("of budget reached (month)")))
                    .count(),
                3
            );
        }
    }

    #[test]
    fn the_draws_export_repeats_each_draws_total_with_the_seed_and_scenario() {
        let (v, r) = run();
        let d = draws(&v, &r);
        assert_eq!(d.rows[0][1], Cell::Text("42".into()));
        let Cell::Text(json) = &d.rows[2][1] else {
            panic!("the scenario is text")
        };
        let back = crate::scenario::Scenario::from_json(json, "export").unwrap();
        assert_eq!(back, v.scenario);
        assert_eq!(d.rows.len(), 5 + 10);
        assert_eq!(
            d.rows[5][1],
            Cell::Number(r.policies[0].summary.finance.draw_total_spend_usd[0])
        );
        // Twelve months from July, fiscal years from January: no whole fiscal year.
        let n = r.policies.len();
        let period = r.policies[0]
            .summary
            .finance
            .budget_period
            .as_ref()
            .unwrap();
        assert_eq!(
            d.rows[4][1 + n],
            Cell::Text(format!(
                "{} spend in the next 12 months [USD]",
                r.policies[0].name
            ))
        );
        assert_eq!(d.rows[5][1 + n], Cell::Number(period.draw_spend_usd[0]));
    }

    #[test]
    fn the_summary_holds_the_budget_against_the_budget_periods_spend() {
        let (_, r) = run();
        let s = summary(&r);
        let found = s
            .rows
            .iter()
            .find(|row| row[1] == Cell::from(BUDGET_PERIOD_SPEND))
            .expect("a budget-period row");
        let b = r.policies[0]
            .summary
            .finance
            .budget_period
            .as_ref()
            .unwrap();
        assert_eq!(
            found[2],
            Cell::from("the next 12 months (2026-07 – 2027-06)")
        );
        assert_eq!(found[4], Cell::from(b.period.spend_usd.p50));
        assert_eq!(found[6], Cell::from(b.over_budget_probability.unwrap()));
    }
}
