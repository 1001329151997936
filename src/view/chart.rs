//! The data of each chart, picked from a report once: the chart is drawn from it
//! (`crate::charts`) and its accessible data table is written from it, so the two always agree.

use super::figure::{percent, whole_usd, Figure};
use super::finance::{month_name, short_month};
use crate::report::{Figures, Report};
use crate::scenario::FiscalCalendar;
use crate::sensitivity::Tornado;
use crate::stats::Percentiles;

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Monthly spend, median and P10–P90 band per policy set.
    MonthlySpend,
    /// Spend stacked by kind, one small panel per policy set on a shared scale.
    SpendByKind,
    /// Cumulative spend against the annual budget.
    CumulativeSpend,
    /// Cost per useful change over time.
    CostPerChange,
    /// Adopted share and gamer share.
    Adoption,
    /// Lorenz curve of per-developer spend.
    Distribution,
    /// One policy set's spend by cost centre.
    CostCentres,
    /// Sensitivity of total spend to the uncertain parameters.
    Tornado,
}

impl ChartKind {
    /// Every chart, in display order.
    pub const ALL: [ChartKind; 8] = [
        ChartKind::MonthlySpend,
        ChartKind::SpendByKind,
        ChartKind::CumulativeSpend,
        ChartKind::CostPerChange,
        ChartKind::Adoption,
        ChartKind::Distribution,
        ChartKind::CostCentres,
        ChartKind::Tornado,
    ];

    /// Its title.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::MonthlySpend => "Monthly spend (USD): median and P10–P90",
            ChartKind::SpendByKind => "Spend by kind, every policy set (USD, median)",
            ChartKind::CumulativeSpend => "Cumulative spend against budget (USD, median)",
            ChartKind::CostPerChange => "Cost per useful change (USD): median and P10–P90",
            ChartKind::Adoption => "Adopted share (solid) and gamer share (dashed)",
            ChartKind::Distribution => "Spend per agentic user, last month: Lorenz curve",
            ChartKind::CostCentres => "Spend by cost centre (USD, median)",
            ChartKind::Tornado => "What moves total spend most (prior P10 ↔ P90)",
        }
    }

    /// The title of its horizontal axis, with the unit.
    pub fn x_title(self) -> &'static str {
        match self {
            ChartKind::Distribution => "Share of agentic users, lowest spenders first",
            ChartKind::Tornado => "Median total spend, whole horizon [USD]",
            _ => "Month",
        }
    }

    /// The title of its vertical axis, with the unit.
    pub fn y_title(self) -> &'static str {
        match self {
            ChartKind::MonthlySpend | ChartKind::CostCentres => "Spend [USD / month]",
            // Short: it stands beside each small multiple, whose plot is short on a phone.
            ChartKind::SpendByKind => "[USD / month]",
            ChartKind::CumulativeSpend => "Cumulative spend [USD]",
            ChartKind::CostPerChange => "Cost [USD / change]",
            ChartKind::Adoption => "Share of developers",
            ChartKind::Distribution => "Share of spend",
            ChartKind::Tornado => "Parameter",
        }
    }

    /// Whether it needs a taller canvas than the others (a row per parameter, a panel per
    /// policy set, a budget year and budget line in the legend).
    pub fn tall(self) -> bool {
        matches!(
            self,
            ChartKind::SpendByKind | ChartKind::Tornado | ChartKind::CumulativeSpend
        )
    }

    /// Its short name, for a tab.
    pub fn short(self) -> &'static str {
        match self {
            ChartKind::MonthlySpend => "Monthly spend",
            ChartKind::SpendByKind => "Spend by kind",
            ChartKind::CumulativeSpend => "Cumulative vs budget",
            ChartKind::CostPerChange => "Cost per change",
            ChartKind::Adoption => "Adoption & gaming",
            ChartKind::Distribution => "Spend distribution",
            ChartKind::CostCentres => "Cost centres",
            ChartKind::Tornado => "Sensitivity",
        }
    }

    /// The tab a key moves to from this one, as the WAI-ARIA tabs pattern has it: the arrow
    /// keys step (and wrap), Home and End go to the first and last; other keys move nowhere.
    pub fn after_key(self, key: &str) -> Option<ChartKind> {
        let all = ChartKind::ALL;
        let i = all.iter().position(|k| *k == self)?;
        let n = all.len();
        match key {
            "ArrowRight" | "ArrowDown" => Some(all[(i + 1) % n]),
            "ArrowLeft" | "ArrowUp" => Some(all[(i + n - 1) % n]),
            "Home" => Some(all[0]),
            "End" => Some(all[n - 1]),
            _ => None,
        }
    }

    /// A short id for file names and test hooks.
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::MonthlySpend => "monthly-spend",
            ChartKind::SpendByKind => "spend-by-kind",
            ChartKind::CumulativeSpend => "cumulative-spend",
            ChartKind::CostPerChange => "cost-per-change",
            ChartKind::Adoption => "adoption",
            ChartKind::Distribution => "distribution",
            ChartKind::CostCentres => "cost-centres",
            ChartKind::Tornado => "tornado",
        }
    }

    /// Whether the chart has a policy-set picker: it shows one set (cost centres, sensitivity)
    /// or marks one among all (the month the set's spend reaches its budget, on the cumulative
    /// chart).
    pub fn picks_policy(self) -> bool {
        matches!(
            self,
            ChartKind::CostCentres | ChartKind::Tornado | ChartKind::CumulativeSpend
        )
    }

    /// The accessible name of its image.
    pub fn image_label(self) -> String {
        format!(
            "{}; the data table below has the same numbers.",
            self.title()
        )
    }
}

/// Which colour a series is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tint {
    /// The `n`th series colour (one per policy set or cost centre).
    Series(usize),
    /// The colour of a kind of spend: productive, gaming, unshipped, cap-killed, rework.
    Kind(usize),
    /// The text colour, for reference lines.
    Ink,
}

/// What the values of a month-indexed chart are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Dollars [USD].
    Usd,
    /// Fractions in [0, 1], shown as percentages.
    Share,
}

/// How a line is stroked, besides its colour, so that lines stay apart in grey and for
/// colour-blind readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dash {
    /// A continuous line.
    Solid,
    /// Dashes.
    Dashed,
    /// Dots.
    Dotted,
    /// Long dashes.
    Long,
}

impl Dash {
    /// The stroke of the `k`th policy set's line.
    pub(crate) fn of_set(k: usize) -> Dash {
        [Dash::Solid, Dash::Dashed, Dash::Dotted, Dash::Long][k % 4]
    }
}

/// A named series of monthly values with its colour and, optionally, a P10–P90 band.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Series {
    /// Its name (the legend's and the table column's).
    pub label: String,
    /// Its colour.
    pub(crate) tint: Tint,
    /// One value a month (the median; 0 where not available).
    pub values: Vec<f64>,
    /// P10 and P90 a month, for a band around the line.
    pub(crate) band: Option<(Vec<f64>, Vec<f64>)>,
    /// How the line is stroked.
    pub(crate) dash: Dash,
    /// The shape of the markers on the line (the `n`th shape), if it has any.
    pub(crate) marker: Option<usize>,
    /// Its legend entry; none when another series' entry stands for it.
    pub(crate) key: Option<String>,
    /// Drawn as its markers alone, not a line (observed actuals; months without a value are
    /// not a number and left blank).
    pub(crate) observed: bool,
}

impl Series {
    fn new(label: String, tint: Tint, values: Vec<f64>) -> Series {
        Series {
            key: Some(label.clone()),
            label,
            tint,
            values,
            band: None,
            dash: Dash::Solid,
            marker: None,
            observed: false,
        }
    }

    /// Drawn as points alone: months observed, not simulated.
    fn observed(self) -> Series {
        Series {
            observed: true,
            marker: Some(0),
            ..self
        }
    }

    fn dashed(self) -> Series {
        Series {
            dash: Dash::Dashed,
            ..self
        }
    }

    /// The `k`th policy set's stroke and markers.
    fn of_set(self, k: usize) -> Series {
        Series {
            dash: Dash::of_set(k),
            marker: Some(k),
            ..self
        }
    }

    /// Without a legend entry of its own.
    fn unkeyed(self) -> Series {
        Series { key: None, ..self }
    }

    /// The `k`th policy set's markers on a line of this stroke.
    fn marked(self, k: usize) -> Series {
        Series {
            marker: Some(k),
            ..self
        }
    }
}

/// A month-indexed chart: lines (with bands) or stacked areas.
#[derive(Debug, Clone, PartialEq)]
pub struct Monthly {
    /// The months, `YYYY-MM`.
    pub months: Vec<String>,
    /// The fiscal calendar whose quarters the month axis ticks on; none: calendar quarters.
    pub fiscal: Option<FiscalCalendar>,
    /// What the values are.
    pub unit: Unit,
    /// Series stacked as areas rather than drawn as lines.
    pub(crate) stacked: bool,
    /// The series, in drawing and legend order.
    pub(crate) series: Vec<Series>,
    /// What each stroke means, when strokes tell quantities apart rather than policy sets
    /// (solid adopted, dashed gamers): keyed once in the legend rather than per series.
    pub(crate) strokes: Vec<(&'static str, Dash)>,
    /// A month marked on the plot, and in the table as a column of its own.
    pub(crate) marked: Option<Marked>,
}

/// A month marked on a month chart (the month a policy set's spend reaches its budget): a
/// dashed rule up the plot, a ring at `value` and a short label beside the rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Marked {
    /// The month, as an index into the chart's months.
    pub month: usize,
    /// Where the ring sits [the chart's unit].
    pub value: f64,
    /// The label drawn beside the rule, in phrases kept whole when it wraps: `budget
    /// reached`, `Aug 2027 (median)`; also the table's cell in the marked month.
    pub label: Vec<String>,
    /// The table column's heading.
    pub heading: String,
    /// Its colour (the policy set's).
    pub tint: Tint,
}

impl Monthly {
    /// The title of its month axis, naming the fiscal year its ticks follow when they do.
    pub fn x_title(&self) -> String {
        match self.fiscal {
            Some(f) => format!("Month (FY from {})", short_month(f.start())),
            None => "Month".to_string(),
        }
    }
}

/// One policy set's Lorenz curve of last month's agentic spend.
#[derive(Debug, Clone, PartialEq)]
pub struct Lorenz {
    /// The policy set.
    pub policy: String,
    /// Its colour.
    pub(crate) tint: Tint,
    /// The median share of spend held by the lowest 10%, 20%, …, 100% of agentic users.
    pub(crate) deciles: Vec<f64>,
    /// The median share held by the top 10% [fraction].
    pub top10: f64,
}

impl Lorenz {
    /// The legend's label, e.g. `Baseline: top 10% hold 45% (last month)`: the summary
    /// table's top-10 % share is of the whole horizon, this one of the last month.
    pub fn legend(&self) -> String {
        format!(
            "{}: top 10% hold {:.0}% (last month)",
            self.policy,
            self.top10 * 100.0
        )
    }
}

/// One small panel of a chart of small multiples.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The policy set it shows.
    pub policy: String,
    /// Its values.
    pub monthly: Monthly,
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Plot {
    /// Values by month.
    Monthly(Monthly),
    /// Lorenz curves, one per policy set.
    Lorenz(Vec<Lorenz>),
    /// Small multiples: one month-indexed panel per policy set, on a shared scale.
    Panels(Vec<Panel>),
    /// The sensitivity analysis, once computed.
    Tornado(Option<Tornado>),
}

/// What the tornado shows before its sensitivity analysis exists or when there are no priors.
pub(crate) const NO_SENSITIVITY: &str = "No sensitivity computed: the scenario has no priors.";

/// One chart's data.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Which chart.
    pub kind: ChartKind,
    /// What it draws.
    pub(crate) plot: Plot,
}

/// The numbers behind a chart, as a table (the chart's accessible alternative).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells; the first cell of each names the row.
    pub rows: Vec<Vec<String>>,
}

fn median(p: &Percentiles) -> f64 {
    p.p50.unwrap_or(0.0)
}

/// The months of a report, `YYYY-MM`.
fn months(report: &Report) -> Vec<String> {
    report
        .policies
        .first()
        .map(|p| p.months.iter().map(|m| m.month.to_string()).collect())
        .unwrap_or_default()
}

impl ChartData {
    /// The data of chart `kind` for `report` (`policy` selects the policy set where the chart
    /// shows or marks one; `tornado` feeds the sensitivity chart).
    pub fn of(
        kind: ChartKind,
        report: &Report,
        policy: usize,
        tornado: Option<&Tornado>,
    ) -> ChartData {
        let monthly =
            |unit, stacked, series| Plot::Monthly(monthly_of(report, unit, stacked, series));
        let chosen = report.policies.get(policy).or(report.policies.first());
        let plot = match kind {
            ChartKind::MonthlySpend => monthly(
                Unit::Usd,
                false,
                with_actuals(report, banded(report, |f| f.spend_usd), false),
            ),
            ChartKind::CostPerChange => monthly(
                Unit::Usd,
                false,
                banded(report, |f| f.cost_per_useful_change_usd),
            ),
            ChartKind::SpendByKind => Plot::Panels(
                report
                    .policies
                    .iter()
                    .map(|p| Panel {
                        policy: p.name.clone(),
                        monthly: monthly_of(report, Unit::Usd, true, by_kind(Some(p))),
                    })
                    .collect(),
            ),
            ChartKind::CostCentres => monthly(Unit::Usd, true, by_cost_centre(report, chosen)),
            ChartKind::CumulativeSpend => Plot::Monthly(Monthly {
                marked: budget_reached(report, policy),
                ..monthly_of(
                    report,
                    Unit::Usd,
                    false,
                    with_actuals(report, cumulative(report, policy), true),
                )
            }),
            ChartKind::Adoption => Plot::Monthly(Monthly {
                strokes: vec![("adopted", Dash::Solid), ("gamers", Dash::Dashed)],
                ..monthly_of(report, Unit::Share, false, adoption(report))
            }),
            ChartKind::Distribution => Plot::Lorenz(lorenz(report)),
            ChartKind::Tornado => Plot::Tornado(tornado.cloned()),
        };
        ChartData { kind, plot }
    }

    /// The caption drawn above the chart.
    pub fn caption(&self) -> String {
        match &self.plot {
            Plot::Tornado(Some(t)) if !t.swings.is_empty() => match &t.baseline {
                Some(baseline) => {
                    format!("What moves the extra spend of {} over {baseline}", t.policy)
                }
                None => format!("{}: {}", self.kind.title(), t.policy),
            },
            _ => self.kind.title().to_string(),
        }
    }

    /// The title of the horizontal axis, with the unit.
    pub fn x_title(&self) -> String {
        match &self.plot {
            Plot::Tornado(Some(t)) => match &t.baseline {
                Some(_) => "Median extra spend, whole horizon [USD]".to_string(),
                None => self.kind.x_title().to_string(),
            },
            _ => self.kind.x_title().to_string(),
        }
    }

    /// The table of the chart's data: one column per series drawn.
    pub fn table(&self) -> Table {
        match &self.plot {
            Plot::Monthly(m) => monthly_table(m),
            Plot::Lorenz(curves) => lorenz_table(curves),
            Plot::Panels(panels) => panels_table(panels),
            Plot::Tornado(t) => t.as_ref().map(tornado_table).unwrap_or_default(),
        }
    }
}

/// Month-indexed `series`, lines or `stacked` areas, on the report's month axis.
fn monthly_of(report: &Report, unit: Unit, stacked: bool, series: Vec<Series>) -> Monthly {
    Monthly {
        months: months(report),
        fiscal: fiscal_axis(report),
        unit,
        stacked,
        series,
        strokes: Vec::new(),
        marked: None,
    }
}

/// The median month policy set `k`'s spend reaches its annual budget within the budget period
/// (the month the finance headline gives), marked where its budget-year line meets the budget
/// line; none without a budget, or when fewer than half the draws reach it.
fn budget_reached(report: &Report, k: usize) -> Option<Marked> {
    let p = report.policies.get(k)?;
    let budget = p.summary.annual_budget_usd?;
    let period = p.summary.finance.budget_period.as_ref()?;
    let month = period.exhaustion_month?.p50?;
    Some(Marked {
        month: p.months.iter().position(|m| m.month == month)?,
        value: budget,
        label: vec![
            "budget reached".to_string(),
            format!("{} (median)", month_name(month)),
        ],
        heading: format!("{}: budget reached (median month)", p.name),
        tint: Tint::Series(k),
    })
}

/// The fiscal calendar a report's month axes tick on: its own when a budget is in force (the
/// organisation's, a policy set's or a cost centre's) or its fiscal year starts in a month
/// other than January; none (calendar quarters) otherwise.
fn fiscal_axis(report: &Report) -> Option<FiscalCalendar> {
    let budgeted = report.policies.iter().any(|p| {
        p.summary.annual_budget_usd.is_some() || !p.summary.finance.cost_centre_budgets.is_empty()
    });
    (budgeted || report.fiscal_year_start != 1)
        .then(|| FiscalCalendar::new(report.fiscal_year_start))
}

/// Per policy set: the median of a monthly figure with its P10–P90 band.
fn banded(report: &Report, pick: impl Fn(&Figures) -> Percentiles) -> Vec<Series> {
    report
        .policies
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let at = |f: &dyn Fn(&Percentiles) -> Option<f64>| -> Vec<f64> {
                p.months
                    .iter()
                    .map(|m| f(&pick(&m.figures)).unwrap_or(0.0))
                    .collect()
            };
            Series {
                band: Some((at(&|x| x.p10), at(&|x| x.p90))),
                ..Series::new(p.name.clone(), Tint::Series(k), at(&|x| x.p50)).of_set(k)
            }
        })
        .collect()
}

/// One policy set's token spend split into productive spend and the four kinds of waste
/// (medians; the stack adds up to the median token spend).
fn by_kind(chosen: Option<&crate::report::PolicyReport>) -> Vec<Series> {
    let Some(p) = chosen else {
        return Vec::new();
    };
    let pick = |f: &dyn Fn(&Figures) -> f64| -> Vec<f64> {
        p.months.iter().map(|m| f(&m.figures)).collect()
    };
    let waste = |f: &Figures| f.waste_usd.median_sum();
    let kinds: [(&str, Vec<f64>); 5] = [
        (
            "productive",
            pick(&|f| (median(&f.token_spend_usd) - waste(f)).max(0.0)),
        ),
        ("gaming", pick(&|f| median(&f.waste_usd.gaming))),
        ("unshipped", pick(&|f| median(&f.waste_usd.unshipped))),
        ("cap-killed", pick(&|f| median(&f.waste_usd.cap_killed))),
        ("rework", pick(&|f| median(&f.waste_usd.rework))),
    ];
    kinds
        .into_iter()
        .enumerate()
        .map(|(i, (label, values))| Series::new(label.into(), Tint::Kind(i), values))
        .collect()
}

/// One policy set's median spend by cost centre (stacked), then each cost centre's observed
/// spend as markers in its colour, when the report's actuals split the months by cost centre.
fn by_cost_centre(report: &Report, chosen: Option<&crate::report::PolicyReport>) -> Vec<Series> {
    let Some(p) = chosen else {
        return Vec::new();
    };
    let mut series: Vec<Series> = report
        .cost_centres
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let values = p
                .months
                .iter()
                .map(|m| {
                    m.cost_centres
                        .get(c)
                        .map_or(0.0, |cc| median(&cc.figures.spend_usd))
                })
                .collect();
            Series::new(name.clone(), Tint::Series(c), values)
        })
        .collect();
    if let Some(r) = report.reforecasts.first() {
        for centre in &r.centres {
            let Some(c) = report.cost_centres.iter().position(|n| *n == centre.name) else {
                continue;
            };
            let values = observed_values(report, r, &centre.actual_usd, false);
            let observed = Series::new(
                format!("{}: observed", centre.name),
                Tint::Series(c),
                values,
            )
            .observed();
            series.push(Series {
                marker: Some(c),
                ..observed
            });
        }
    }
    series
}

/// Per policy set, cumulative median spend; for the picked set `policy`, under an annual budget,
/// also the spend of the budget year (dashed, with its P10–P90 band; the month it reaches the
/// budget is marked on it, [`budget_reached`]); then each distinct budget once (a reference
/// line). One set's budget year at a time keeps the legend short enough for a phone.
fn cumulative(report: &Report, policy: usize) -> Vec<Series> {
    let mut series = Vec::new();
    let mut budgets: Vec<f64> = Vec::new();
    for (k, p) in report.policies.iter().enumerate() {
        let mut total = 0.0;
        let values = p
            .months
            .iter()
            .map(|m| {
                total += median(&m.figures.spend_usd);
                total
            })
            .collect();
        series.push(Series::new(p.name.clone(), Tint::Series(k), values).of_set(k));
        let Some(budget) = p.summary.annual_budget_usd else {
            continue;
        };
        if k == policy {
            let at = |f: &dyn Fn(&Percentiles) -> Option<f64>| -> Vec<f64> {
                p.months
                    .iter()
                    .map(|m| f(&m.figures.cumulative_budget_spend_usd).unwrap_or(0.0))
                    .collect()
            };
            series.push(Series {
                band: Some((at(&|x| x.p10), at(&|x| x.p90))),
                ..Series::new(
                    format!("{}: budget year", p.name),
                    Tint::Series(k),
                    at(&|x| x.p50),
                )
                .dashed()
            });
        }
        if !budgets.contains(&budget) {
            budgets.push(budget);
        }
    }
    let one = budgets.len() == 1;
    for budget in budgets {
        let label = if one {
            "Annual budget".to_string()
        } else {
            format!("Annual budget {}", whole_usd(budget))
        };
        let months = report.policies.first().map_or(0, |p| p.months.len());
        series.push(Series::new(label, Tint::Ink, vec![budget; months]).dashed());
    }
    series
}

/// `series` with the observed spend of the report's actuals (running totals when
/// `cumulative`) as a marked series, when the report has a reforecast.
fn with_actuals(report: &Report, mut series: Vec<Series>, cumulative: bool) -> Vec<Series> {
    let Some(r) = report.reforecasts.first() else {
        return series;
    };
    let actual: Vec<f64> = r.observed.iter().map(|o| o.actual_usd).collect();
    let values = observed_values(report, r, &actual, cumulative);
    series.push(Series::new("Observed (your usage data)".into(), Tint::Ink, values).observed());
    series
}

/// Observed amounts `actual` (one per observed month of `r`) placed on the report's months,
/// running totals when `cumulative`; months not observed are NaN.
fn observed_values(
    report: &Report,
    r: &crate::reforecast::Reforecast,
    actual: &[f64],
    cumulative: bool,
) -> Vec<f64> {
    let mut total = 0.0;
    months_of(report)
        .iter()
        .map(
            |month| match r.observed.iter().position(|o| o.month == *month) {
                Some(k) => {
                    let usd = actual.get(k).copied().unwrap_or(f64::NAN);
                    total += usd;
                    if cumulative {
                        total
                    } else {
                        usd
                    }
                }
                None => f64::NAN,
            },
        )
        .collect()
}

/// The report's months (of its first policy set).
fn months_of(report: &Report) -> Vec<crate::calendar::YearMonth> {
    report
        .policies
        .first()
        .map(|p| p.months.iter().map(|m| m.month).collect())
        .unwrap_or_default()
}

/// Per policy set: median adopted share (solid) and gamer share (dashed).
fn adoption(report: &Report) -> Vec<Series> {
    let mut series = Vec::new();
    for (k, p) in report.policies.iter().enumerate() {
        let pick = |f: &dyn Fn(&Figures) -> f64| -> Vec<f64> {
            p.months.iter().map(|m| f(&m.figures)).collect()
        };
        series.push(Series {
            key: Some(p.name.clone()),
            ..Series::new(
                format!("{}: adopted", p.name),
                Tint::Series(k),
                pick(&|f| median(&f.adopted_share)),
            )
            .marked(k)
        });
        series.push(
            Series::new(
                format!("{}: gamers", p.name),
                Tint::Series(k),
                pick(&|f| median(&f.gamer_share)),
            )
            .dashed()
            .marked(k)
            .unkeyed(),
        );
    }
    series
}

fn lorenz(report: &Report) -> Vec<Lorenz> {
    report
        .policies
        .iter()
        .enumerate()
        .map(|(k, p)| Lorenz {
            policy: p.name.clone(),
            tint: Tint::Series(k),
            deciles: p.summary.final_lorenz.clone(),
            top10: median(&p.summary.final_top10_share),
        })
        .collect()
}

fn monthly_table(m: &Monthly) -> Table {
    let write = |v: f64| match m.unit {
        Unit::Usd => whole_usd(v),
        Unit::Share => percent(v),
    };
    let mut headers = vec!["Month".to_string()];
    headers.extend(m.series.iter().map(|s| s.label.clone()));
    headers.extend(m.marked.iter().map(|k| k.heading.clone()));
    let rows = m
        .months
        .iter()
        .enumerate()
        .map(|(t, month)| {
            let cell = |s: &Series| {
                let value = s.values.get(t).copied();
                match &s.band {
                    Some((low, high)) => Figure::of(
                        &Percentiles {
                            p10: low.get(t).copied(),
                            p50: value,
                            p90: high.get(t).copied(),
                            mean: None,
                        },
                        &write,
                    )
                    .to_string(),
                    None => value
                        .filter(|v| v.is_finite())
                        .map(write)
                        .unwrap_or_default(),
                }
            };
            let marked = m.marked.iter().map(|k| {
                if k.month == t {
                    k.label.join(" ")
                } else {
                    String::new()
                }
            });
            std::iter::once(month.clone())
                .chain(m.series.iter().map(cell))
                .chain(marked)
                .collect()
        })
        .collect();
    Table { headers, rows }
}

/// The panels' series side by side, each column named `policy set: series`.
fn panels_table(panels: &[Panel]) -> Table {
    let Some(first) = panels.first() else {
        return Table::default();
    };
    let mut table = monthly_table(&first.monthly);
    table.headers.truncate(1);
    table.rows.iter_mut().for_each(|row| row.truncate(1));
    for panel in panels {
        let part = monthly_table(&panel.monthly);
        table.headers.extend(
            part.headers[1..]
                .iter()
                .map(|h| format!("{}: {h}", panel.policy)),
        );
        for (row, cells) in table.rows.iter_mut().zip(part.rows) {
            row.extend(cells.into_iter().skip(1));
        }
    }
    table
}

fn lorenz_table(curves: &[Lorenz]) -> Table {
    let mut headers = vec!["Lowest share of agentic users".to_string()];
    headers.extend(curves.iter().map(|c| c.policy.clone()));
    let rows = (0..10)
        .map(|d| {
            std::iter::once(format!("{}%", (d + 1) * 10))
                .chain(
                    curves
                        .iter()
                        .map(|c| c.deciles.get(d).map_or("n/a".into(), |v| percent(*v))),
                )
                .collect()
        })
        .collect();
    Table { headers, rows }
}

fn tornado_table(t: &Tornado) -> Table {
    let mut headers = [
        "Parameter",
        "Identifier",
        "At prior P10",
        "Spend at P10",
        "At prior P90",
        "Spend at P90",
    ]
    .map(String::from)
    .to_vec();
    if let Some(baseline) = &t.baseline {
        headers[3] = format!("Δ spend vs {baseline} at P10");
        headers[5] = format!("Δ spend vs {baseline} at P90");
    }
    let rows = t
        .swings
        .iter()
        .map(|s| {
            vec![
                crate::sensitivity::plain_name(&s.path).to_string(),
                s.path.clone(),
                format!("{:.4}", s.low_value),
                whole_usd(s.low_spend_usd),
                format!("{:.4}", s.high_value),
                whole_usd(s.high_spend_usd),
            ]
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
        s.uncertainty.draws = 8;
        s.scale_developers(300);
        Report::simulate(&s.validate(&Catalogue::builtin()).unwrap())
    }

    fn table(kind: ChartKind, report: &Report, policy: usize, tornado: Option<&Tornado>) -> Table {
        ChartData::of(kind, report, policy, tornado).table()
    }

    #[test]
    fn every_chart_has_a_data_table() {
        let r = report();
        for kind in ChartKind::ALL {
            let t = table(kind, &r, 0, None);
            if kind == ChartKind::Tornado {
                assert!(t.rows.is_empty());
                continue;
            }
            assert!(!t.rows.is_empty(), "{kind:?}");
            assert!(
                t.rows.iter().all(|row| row.len() == t.headers.len()),
                "{kind:?}"
            );
        }
        let spend = table(ChartKind::MonthlySpend, &r, 0, None);
        assert_eq!(spend.rows.len(), r.policies[0].months.len());
        assert!(spend.rows[5][1].starts_with('$') && spend.rows[5][1].contains(" – "));
    }

    #[test]
    fn the_table_has_a_column_per_drawn_series_with_the_drawn_values() {
        let r = report();
        for kind in ChartKind::ALL {
            let data = ChartData::of(kind, &r, 1, None);
            let Plot::Monthly(m) = &data.plot else {
                continue;
            };
            let t = data.table();
            let labels: Vec<&str> = m.series.iter().map(|s| s.label.as_str()).collect();
            assert_eq!(t.headers[1..], labels[..], "{kind:?}");
            for (row, month) in t.rows.iter().zip(&m.months) {
                assert_eq!(&row[0], month);
            }
            let write = |v: f64| match m.unit {
                Unit::Usd => whole_usd(v),
                Unit::Share => percent(v),
            };
            for (c, s) in m.series.iter().enumerate() {
                for (t_, v) in s.values.iter().enumerate() {
                    assert!(
                        t.rows[t_][c + 1].starts_with(&write(*v)),
                        "{kind:?} {}: {} vs {v}",
                        s.label,
                        t.rows[t_][c + 1]
                    );
                }
            }
        }
    }

    #[test]
    fn spend_by_kind_is_a_panel_per_policy_set_stacking_to_its_median_token_spend() {
        let r = report();
        let data = ChartData::of(ChartKind::SpendByKind, &r, 0, None);
        let Plot::Panels(panels) = &data.plot else {
            panic!("small multiples");
        };
        assert_eq!(panels.len(), r.policies.len());
        for (panel, p) in panels.iter().zip(&r.policies) {
            assert_eq!(panel.policy, p.name);
            let m = &panel.monthly;
            let labels: Vec<&str> = m.series.iter().map(|s| s.label.as_str()).collect();
            assert_eq!(
                labels,
                ["productive", "gaming", "unshipped", "cap-killed", "rework"]
            );
            assert!(m.stacked);
            for (t, month) in p.months.iter().enumerate() {
                let stack: f64 = m.series.iter().map(|s| s.values[t]).sum();
                let token = month.figures.token_spend_usd.p50.unwrap();
                assert!(
                    (stack - token).abs() <= 1e-6 * token.max(1.0),
                    "{stack} vs {token}"
                );
            }
        }
        let t = data.table();
        assert_eq!(t.headers.len(), 1 + 5 * panels.len());
        assert_eq!(t.headers[1], format!("{}: productive", r.policies[0].name));
        let last = r.policies.len() - 1;
        assert_eq!(
            t.headers[t.headers.len() - 1],
            format!("{}: rework", r.policies[last].name)
        );
        let gaming = panels[last].monthly.series[1].values[3];
        assert_eq!(t.rows[3][1 + 5 * last + 1], whole_usd(gaming));
    }

    #[test]
    fn policy_sets_differ_in_stroke_and_marker_as_well_as_colour() {
        let r = report();
        let Plot::Monthly(m) = ChartData::of(ChartKind::MonthlySpend, &r, 0, None).plot else {
            panic!("a monthly chart");
        };
        let looks: Vec<(Dash, Option<usize>)> =
            m.series.iter().map(|s| (s.dash, s.marker)).collect();
        for (i, a) in looks.iter().enumerate() {
            assert!(a.1.is_some(), "every set has markers");
            for b in &looks[i + 1..] {
                assert_ne!(a, b, "two sets look alike but for colour");
            }
        }
    }

    #[test]
    fn lorenz_and_tornado_tables_follow_their_curves_and_bars() {
        let r = report();
        let data = ChartData::of(ChartKind::Distribution, &r, 0, None);
        let t = data.table();
        assert_eq!(t.rows.len(), 10);
        assert_eq!(t.rows[9][0], "100%");
        let Plot::Lorenz(curves) = &data.plot else {
            panic!("Lorenz curves");
        };
        assert_eq!(t.rows[4][1], percent(curves[0].deciles[4]));
        assert!(curves[0]
            .legend()
            .starts_with(&format!("{}: top 10% hold ", r.policies[0].name)));
        assert!(
            curves[0].legend().ends_with("(last month)"),
            "the summary table's top-10 % share is of the horizon: say which this is"
        );
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.months = 6;
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let tornado = crate::sensitivity::tornado(&v, 0, 3);
        let data = ChartData::of(ChartKind::Tornado, &r, 0, Some(&tornado));
        assert_eq!(
            data.caption(),
            format!("{}: {}", ChartKind::Tornado.title(), tornado.policy)
        );
        let t = data.table();
        assert_eq!(t.rows.len(), tornado.swings.len());
        assert_eq!(
            t.rows[0][0],
            crate::sensitivity::plain_name(&tornado.swings[0].path)
        );
        assert_eq!(t.rows[0][1], tornado.swings[0].path, "the identifier");
        assert_eq!(data.x_title(), ChartKind::Tornado.x_title());
        let difference = crate::sensitivity::difference_tornado(&v, 1, 0, 3);
        let data = ChartData::of(ChartKind::Tornado, &r, 1, Some(&difference));
        assert!(
            data.caption().contains(&difference.policy)
                && data.caption().contains(&v.policies[0].name),
            "{}",
            data.caption()
        );
        assert!(data.x_title().contains("extra spend") && data.x_title().contains("[USD]"));
        assert!(data.table().headers[3].starts_with("Δ spend vs "));
        assert_eq!(
            ChartData::of(ChartKind::Tornado, &r, 0, None).caption(),
            ChartKind::Tornado.title()
        );
    }

    #[test]
    fn every_chart_has_axis_titles_and_money_axes_say_usd() {
        for kind in ChartKind::ALL {
            assert!(!kind.x_title().is_empty() && !kind.y_title().is_empty());
        }
        for kind in [
            ChartKind::MonthlySpend,
            ChartKind::SpendByKind,
            ChartKind::CumulativeSpend,
            ChartKind::CostPerChange,
            ChartKind::CostCentres,
        ] {
            assert!(kind.y_title().contains("[USD"), "{kind:?}");
        }
        assert!(ChartKind::Tornado.x_title().contains("[USD]"));
    }

    #[test]
    fn arrow_keys_step_through_the_tabs_and_wrap_home_and_end_jump() {
        let (first, last) = (ChartKind::ALL[0], ChartKind::ALL[ChartKind::ALL.len() - 1]);
        assert_eq!(first.after_key("ArrowRight"), Some(ChartKind::ALL[1]));
        assert_eq!(first.after_key("ArrowLeft"), Some(last));
        assert_eq!(last.after_key("ArrowRight"), Some(first));
        assert_eq!(ChartKind::ALL[3].after_key("Home"), Some(first));
        assert_eq!(ChartKind::ALL[3].after_key("End"), Some(last));
        assert_eq!(first.after_key("Enter"), None);
    }

    #[test]
    fn actuals_are_a_marked_series_on_the_monthly_and_cumulative_charts() {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.uncertainty.draws = 10;
        s.actuals = Some(crate::scenario::Actuals {
            first_month: s.start_month.plus(1),
            monthly_usd: vec![1000.0, 2500.0],
            cost_centres: Vec::new(),
        });
        let r = Report::simulate(&s.validate(&Catalogue::builtin()).unwrap());
        for (kind, expected) in [
            (ChartKind::MonthlySpend, [1000.0, 2500.0]),
            (ChartKind::CumulativeSpend, [1000.0, 3500.0]),
        ] {
            let data = ChartData::of(kind, &r, 0, None);
            let Plot::Monthly(m) = &data.plot else {
                panic!("{kind:?} is monthly");
            };
            let observed = m.series.last().unwrap();
            assert!(observed.observed && observed.label.starts_with("Observed"));
            assert!(observed.values[0].is_nan());
            assert_eq!(observed.values[1..3], expected);
            assert!(observed.values[3..].iter().all(|v| v.is_nan()));
            let t = data.table();
            assert_eq!(t.rows[0].last().unwrap(), "", "no value before the actuals");
            assert!(t.rows[1].last().unwrap().starts_with('$'));
        }
        let without = report();
        let Plot::Monthly(m) = ChartData::of(ChartKind::MonthlySpend, &without, 0, None).plot
        else {
            panic!("monthly");
        };
        assert!(m.series.iter().all(|s| !s.observed));
    }

    #[test]
    fn cost_centre_actuals_are_marked_in_their_colour_on_the_cost_centre_chart_and_table() {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.uncertainty.draws = 10;
        let valid = s.validate(&Catalogue::builtin()).unwrap();
        let second = valid.cost_centres[1].clone();
        s.actuals = Some(crate::scenario::Actuals {
            first_month: s.start_month,
            monthly_usd: vec![1000.0, 2500.0],
            cost_centres: vec![
                crate::scenario::CentreActuals {
                    name: second.clone(),
                    monthly_usd: vec![400.0, 900.0],
                },
                crate::scenario::CentreActuals {
                    name: "Not in the scenario".into(),
                    monthly_usd: vec![600.0, 1600.0],
                },
            ],
        });
        let r = Report::simulate(&s.validate(&Catalogue::builtin()).unwrap());
        let data = ChartData::of(ChartKind::CostCentres, &r, 2, None);
        let Plot::Monthly(m) = &data.plot else {
            panic!("the cost-centre chart is monthly");
        };
        let observed: Vec<&Series> = m.series.iter().filter(|s| s.observed).collect();
        assert_eq!(
            observed.len(),
            1,
            "only the scenario's cost centres are drawn"
        );
        let o = observed[0];
        assert_eq!(o.label, format!("{second}: observed"));
        assert_eq!(o.tint, Tint::Series(1));
        assert_eq!(o.values[..2], [400.0, 900.0]);
        assert!(o.values[2..].iter().all(|v| v.is_nan()));
        let t = data.table();
        let column = t.headers.iter().position(|h| *h == o.label).unwrap();
        assert_eq!(t.rows[0][column], "$400");
        assert_eq!(t.rows[1][column], "$900");
        assert_eq!(t.rows[2][column], "");
    }

    #[test]
    fn month_axes_follow_the_fiscal_year_under_a_budget_or_a_fiscal_start_off_january() {
        let axis = |annual: Option<f64>, start: u8| {
            let mut s = Scenario::default();
            s.uncertainty.draws = 2;
            s.scale_developers(100);
            s.months = 6;
            s.budget.annual_usd = annual;
            s.budget.fiscal_year_start = start;
            let r = Report::simulate(&s.validate(&Catalogue::builtin()).unwrap());
            let Plot::Monthly(m) = ChartData::of(ChartKind::CumulativeSpend, &r, 0, None).plot
            else {
                panic!("monthly");
            };
            (m.fiscal.map(FiscalCalendar::start), m.x_title())
        };
        assert_eq!(axis(None, 1), (None, "Month".to_string()));
        assert_eq!(
            axis(Some(1e6), 1),
            (Some(1), "Month (FY from Jan)".to_string())
        );
        assert_eq!(
            axis(None, 10),
            (Some(10), "Month (FY from Oct)".to_string())
        );
    }
}
