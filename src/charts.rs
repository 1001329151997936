//! Charts, drawn with plotters on any `DrawingBackend`: a canvas in the app, SVG in tests.
//!
//! Sizes in [`ChartStyle`] are in CSS pixels and multiplied by `scale` (the device pixel ratio
//! in the browser), so a chart drawn on a canvas of `css size × devicePixelRatio` is crisp.

use crate::report::Report;
use crate::units::format_usd_compact;
use plotters::coord::Shift;
use plotters::prelude::*;
use thiserror::Error;

/// A chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("chart \"{chart}\" could not be drawn: {message}")]
pub struct ChartError {
    /// Which chart.
    pub chart: &'static str,
    /// The backend's message.
    pub message: String,
}

/// Visual scale of a chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

impl ChartStyle {
    fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    fn font(&self, css: f64) -> TextStyle<'static> {
        ("sans-serif", css * self.scale).into_font().color(&INK)
    }

    /// A legend label cut to what fits a plot `width` device pixels wide, with an ellipsis (the
    /// data table keeps the full names).
    fn fit(&self, label: &str, width: u32) -> String {
        let css = f64::from(width) / self.scale;
        let chars = ((css - 48.0) / 6.8).max(8.0) as usize;
        if label.chars().count() <= chars {
            label.to_string()
        } else {
            let cut: String = label.chars().take(chars - 1).collect();
            format!("{}…", cut.trim_end())
        }
    }
}

/// Text and axis colour.
const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);

/// Series colours, one per policy set (up to six distinct, then repeating).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0x1d, 0x4e, 0xd8),
    RGBColor(0xc2, 0x41, 0x0c),
    RGBColor(0x04, 0x78, 0x57),
    RGBColor(0x7e, 0x22, 0xce),
    RGBColor(0xa1, 0x62, 0x07),
    RGBColor(0xbe, 0x12, 0x3c),
];

/// Draws monthly billed spend: one median line per policy set over its P10–P90 band, months
/// along the x axis.
pub fn draw_monthly_spend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &Report,
    style: ChartStyle,
) -> Result<(), ChartError> {
    draw_series_chart(root, ChartKind::MonthlySpend, report, 0, style)
}

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Monthly spend, median and P10–P90 band per policy set.
    MonthlySpend,
    /// One policy set's spend stacked by kind.
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
            ChartKind::SpendByKind => "Spend by kind (USD, median)",
            ChartKind::CumulativeSpend => "Cumulative spend against budget (USD, median)",
            ChartKind::CostPerChange => "Cost per useful change (USD): median and P10–P90",
            ChartKind::Adoption => "Adopted share (solid) and gamer share (dashed)",
            ChartKind::Distribution => "Spend per agentic user, last month: Lorenz curve",
            ChartKind::CostCentres => "Spend by cost centre (USD, median)",
            ChartKind::Tornado => "What moves total spend most (prior P10 ↔ P90)",
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
}

/// Colours of the kinds of spend: productive, gaming, unshipped, cap-killed, rework.
const KIND_COLOURS: [RGBColor; 5] = [
    RGBColor(0x1d, 0x4e, 0xd8),
    RGBColor(0xdc, 0x26, 0x26),
    RGBColor(0xf5, 0x9e, 0x0b),
    RGBColor(0x7c, 0x3a, 0xed),
    RGBColor(0x64, 0x74, 0x8b),
];

/// Draws `kind` for `report` (`policy` selects the policy set where the chart shows one;
/// `tornado` feeds the sensitivity chart).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: ChartKind,
    report: &Report,
    policy: usize,
    tornado: Option<&crate::sensitivity::Tornado>,
    style: ChartStyle,
) -> Result<(), ChartError> {
    match kind {
        ChartKind::MonthlySpend => draw_monthly_spend(root, report, style),
        ChartKind::Tornado => draw_tornado(root, tornado, style),
        ChartKind::Distribution => draw_lorenz(root, report, style),
        _ => draw_series_chart(root, kind, report, policy, style),
    }
}

/// A named series of monthly values with a colour and, optionally, a P10–P90 band.
struct Series {
    label: String,
    colour: RGBColor,
    values: Vec<f64>,
    band: Option<(Vec<f64>, Vec<f64>)>,
    dashed: bool,
}

/// The month-indexed charts: lines (with bands) or stacked areas.
fn draw_series_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: ChartKind,
    report: &Report,
    policy: usize,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let fail = |e: &dyn std::fmt::Display| ChartError {
        chart: kind.title(),
        message: e.to_string(),
    };
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let months: Vec<String> = report
        .policies
        .first()
        .map(|p| p.months.iter().map(|m| m.month.to_string()).collect())
        .unwrap_or_default();
    let med = |p: &crate::stats::Percentiles| p.p50.unwrap_or(0.0);
    let chosen = report.policies.get(policy).or(report.policies.first());
    let (series, stacked, percent): (Vec<Series>, bool, bool) = match kind {
        ChartKind::SpendByKind => {
            let Some(p) = chosen else { return Ok(()) };
            let pick = |f: &dyn Fn(&crate::report::Figures) -> f64| -> Vec<f64> {
                p.months.iter().map(|m| f(&m.figures)).collect()
            };
            let waste = |f: &crate::report::Figures| {
                med(&f.waste_usd.gaming)
                    + med(&f.waste_usd.unshipped)
                    + med(&f.waste_usd.cap_killed)
                    + med(&f.waste_usd.rework)
            };
            let kinds: [(&str, Vec<f64>); 5] = [
                (
                    "productive",
                    pick(&|f| (med(&f.token_spend_usd) - waste(f)).max(0.0)),
                ),
                ("gaming", pick(&|f| med(&f.waste_usd.gaming))),
                ("unshipped", pick(&|f| med(&f.waste_usd.unshipped))),
                ("cap-killed", pick(&|f| med(&f.waste_usd.cap_killed))),
                ("rework", pick(&|f| med(&f.waste_usd.rework))),
            ];
            let series = kinds
                .into_iter()
                .zip(KIND_COLOURS)
                .map(|((label, values), colour)| Series {
                    label: label.into(),
                    colour,
                    values,
                    band: None,
                    dashed: false,
                })
                .collect();
            (series, true, false)
        }
        ChartKind::CostCentres => {
            let Some(p) = chosen else { return Ok(()) };
            let series = report
                .cost_centres
                .iter()
                .enumerate()
                .map(|(c, name)| Series {
                    label: name.clone(),
                    colour: PALETTE[c % PALETTE.len()],
                    values: p
                        .months
                        .iter()
                        .map(|m| {
                            m.cost_centres
                                .get(c)
                                .map_or(0.0, |cc| med(&cc.figures.spend_usd))
                        })
                        .collect(),
                    band: None,
                    dashed: false,
                })
                .collect();
            (series, true, false)
        }
        ChartKind::CumulativeSpend => {
            let mut series = Vec::new();
            for (k, p) in report.policies.iter().enumerate() {
                let mut total = 0.0;
                let values = p
                    .months
                    .iter()
                    .map(|m| {
                        total += med(&m.figures.spend_usd);
                        total
                    })
                    .collect();
                series.push(Series {
                    label: p.name.clone(),
                    colour: PALETTE[k % PALETTE.len()],
                    values,
                    band: None,
                    dashed: false,
                });
                if let Some(budget) = p.summary.annual_budget_usd {
                    series.push(Series {
                        label: format!("{}: budget year", p.name),
                        colour: PALETTE[k % PALETTE.len()],
                        values: p
                            .months
                            .iter()
                            .map(|m| med(&m.figures.cumulative_budget_spend_usd))
                            .collect(),
                        band: None,
                        dashed: true,
                    });
                    series.push(Series {
                        label: format!("{}: annual budget", p.name),
                        colour: INK,
                        values: vec![budget; p.months.len()],
                        band: None,
                        dashed: true,
                    });
                }
            }
            (series, false, false)
        }
        ChartKind::MonthlySpend | ChartKind::CostPerChange => {
            let pick = if kind == ChartKind::MonthlySpend {
                |m: &crate::report::Month| m.figures.spend_usd
            } else {
                |m: &crate::report::Month| m.figures.cost_per_useful_change_usd
            };
            let series = report
                .policies
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    let fig = pick;
                    Series {
                        label: p.name.clone(),
                        colour: PALETTE[k % PALETTE.len()],
                        values: p.months.iter().map(|m| med(&fig(m))).collect(),
                        band: Some((
                            p.months.iter().map(|m| fig(m).p10.unwrap_or(0.0)).collect(),
                            p.months.iter().map(|m| fig(m).p90.unwrap_or(0.0)).collect(),
                        )),
                        dashed: false,
                    }
                })
                .collect();
            (series, false, false)
        }
        _ => {
            let mut series = Vec::new();
            for (k, p) in report.policies.iter().enumerate() {
                let colour = PALETTE[k % PALETTE.len()];
                series.push(Series {
                    label: format!("{}: adopted", p.name),
                    colour,
                    values: p
                        .months
                        .iter()
                        .map(|m| med(&m.figures.adopted_share))
                        .collect(),
                    band: None,
                    dashed: false,
                });
                series.push(Series {
                    label: format!("{}: gamers", p.name),
                    colour,
                    values: p
                        .months
                        .iter()
                        .map(|m| med(&m.figures.gamer_share))
                        .collect(),
                    band: None,
                    dashed: true,
                });
            }
            (series, false, true)
        }
    };
    let n = months.len();
    let top = |s: &Series| -> f64 {
        s.band
            .as_ref()
            .map_or(0.0, |b| b.1.iter().copied().fold(0.0, f64::max))
            .max(s.values.iter().copied().fold(0.0, f64::max))
    };
    let y_max = if percent {
        1.0
    } else if stacked {
        (0..n)
            .map(|t| {
                series
                    .iter()
                    .map(|s| s.values.get(t).copied().unwrap_or(0.0))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
            .max(1.0)
            * 1.1
    } else {
        series.iter().map(top).fold(0.0, f64::max).max(1.0) * 1.1
    };
    let mut chart = ChartBuilder::on(root)
        .caption(kind.title(), style.font(16.0))
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0usize..n.saturating_sub(1).max(1), 0.0..y_max)
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .axis_style(INK)
        .label_style(style.font(12.0))
        .x_labels(n.clamp(2, 8))
        .x_label_formatter(&|i| months.get(*i).cloned().unwrap_or_default())
        .y_labels(6)
        .y_label_formatter(&|v| {
            if percent {
                format!("{:.0}%", v * 100.0)
            } else {
                format_usd_compact(*v)
            }
        })
        .draw()
        .map_err(|e| fail(&e))?;
    let width = style.px(2.0);
    let plot_width = chart.plotting_area().dim_in_pixel().0;
    let mut below = vec![0.0; n];
    for s in &series {
        if stacked {
            let upper: Vec<f64> = below.iter().zip(&s.values).map(|(b, v)| b + v).collect();
            let polygon: Vec<(usize, f64)> = (0..n)
                .map(|t| (t, upper[t]))
                .chain((0..n).rev().map(|t| (t, below[t])))
                .collect();
            let colour = s.colour;
            chart
                .draw_series(std::iter::once(Polygon::new(polygon, colour.mix(0.75))))
                .map_err(|e| fail(&e))?
                .label(style.fit(&s.label, plot_width))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour.filled())
                });
            below = upper;
            continue;
        }
        if let Some((lo, hi)) = &s.band {
            let polygon: Vec<(usize, f64)> = (0..n)
                .map(|t| (t, hi[t]))
                .chain((0..n).rev().map(|t| (t, lo[t])))
                .collect();
            chart
                .draw_series(std::iter::once(Polygon::new(polygon, s.colour.mix(0.12))))
                .map_err(|e| fail(&e))?;
        }
        let points: Vec<(usize, f64)> = s.values.iter().copied().enumerate().collect();
        let colour = s.colour;
        let legend = move |(x, y): (i32, i32)| {
            PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(width))
        };
        if s.dashed {
            chart
                .draw_series(DashedLineSeries::new(
                    points,
                    style.px(6.0),
                    style.px(4.0),
                    colour.stroke_width(width),
                ))
                .map_err(|e| fail(&e))?
                .label(style.fit(&s.label, plot_width))
                .legend(legend);
        } else {
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(width)))
                .map_err(|e| fail(&e))?
                .label(style.fit(&s.label, plot_width))
                .legend(legend);
        }
    }
    legend(&mut chart, style).map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

/// Draws the series legend in the upper left.
fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(style.font(12.0))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(0xcc, 0xcc, 0xcc))
        .draw()
}

/// Lorenz curves of last month's agentic spend per policy set, the top-10% share marked.
fn draw_lorenz<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &Report,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let kind = ChartKind::Distribution;
    let fail = |e: &dyn std::fmt::Display| ChartError {
        chart: kind.title(),
        message: e.to_string(),
    };
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut chart = ChartBuilder::on(root)
        .caption(kind.title(), style.font(16.0))
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .axis_style(INK)
        .label_style(style.font(12.0))
        .x_desc("share of agentic users, lowest spenders first")
        .y_desc("share of spend")
        .x_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .draw()
        .map_err(|e| fail(&e))?;
    chart
        .draw_series(DashedLineSeries::new(
            vec![(0.0, 0.0), (1.0, 1.0)],
            style.px(4.0),
            style.px(4.0),
            RGBColor(0x99, 0x99, 0x99).stroke_width(1),
        ))
        .map_err(|e| fail(&e))?;
    let width = style.px(2.0);
    let plot_width = chart.plotting_area().dim_in_pixel().0;
    for (k, p) in report.policies.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let points: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(
                p.summary
                    .final_lorenz
                    .iter()
                    .enumerate()
                    .map(|(d, share)| ((d + 1) as f64 / 10.0, *share)),
            )
            .collect();
        let top10 = p.summary.final_top10_share.p50.unwrap_or(0.0);
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(width)))
            .map_err(|e| fail(&e))?
            .label(style.fit(
                &format!("{}: top 10% hold {:.0}%", p.name, top10 * 100.0),
                plot_width,
            ))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(width))
            });
        let at90 = p.summary.final_lorenz.get(8).copied().unwrap_or(0.0);
        chart
            .draw_series(std::iter::once(Circle::new(
                (0.9, at90),
                style.px(4.0),
                colour.filled(),
            )))
            .map_err(|e| fail(&e))?;
    }
    legend(&mut chart, style).map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

/// Horizontal bars: median total spend with each parameter at its prior's P10 and P90.
fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    tornado: Option<&crate::sensitivity::Tornado>,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let kind = ChartKind::Tornado;
    let fail = |e: &dyn std::fmt::Display| ChartError {
        chart: kind.title(),
        message: e.to_string(),
    };
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let Some(t) = tornado.filter(|t| !t.swings.is_empty()) else {
        root.draw(&Text::new(
            "No sensitivity computed: the scenario has no priors.",
            (style.px(20.0) as i32, style.px(40.0) as i32),
            style.font(14.0),
        ))
        .map_err(|e| fail(&e))?;
        return root.present().map_err(|e| fail(&e));
    };
    let n = t.swings.len();
    let lo = t
        .swings
        .iter()
        .map(|s| s.low_spend_usd.min(s.high_spend_usd))
        .fold(t.base_spend_usd, f64::min);
    let hi = t
        .swings
        .iter()
        .map(|s| s.low_spend_usd.max(s.high_spend_usd))
        .fold(t.base_spend_usd, f64::max);
    let pad = (hi - lo).max(1.0) * 0.08;
    let labels: Vec<String> = t.swings.iter().map(|s| s.path.clone()).collect();
    let mut chart = ChartBuilder::on(root)
        .caption(format!("{}: {}", kind.title(), t.policy), style.font(16.0))
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(190.0))
        .build_cartesian_2d((lo - pad)..(hi + pad), -0.5..(n as f64 - 0.5))
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .axis_style(INK)
        .label_style(style.font(12.0))
        .x_label_formatter(&|v| format_usd_compact(*v))
        .y_labels(n)
        .y_label_formatter(&|v| {
            let row = v.round();
            if (v - row).abs() > 1e-6 || row < 0.0 || row >= n as f64 {
                return String::new();
            }
            labels
                .get(n - 1 - row as usize)
                .cloned()
                .unwrap_or_default()
        })
        .draw()
        .map_err(|e| fail(&e))?;
    for (k, s) in t.swings.iter().enumerate() {
        let row = n - k - 1;
        for (value, colour) in [
            (s.low_spend_usd, PALETTE[0]),
            (s.high_spend_usd, PALETTE[1]),
        ] {
            let (a, b) = if value < t.base_spend_usd {
                (value, t.base_spend_usd)
            } else {
                (t.base_spend_usd, value)
            };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(a, row as f64 - 0.35), (b, row as f64 + 0.35)],
                    colour.mix(0.8).filled(),
                )))
                .map_err(|e| fail(&e))?;
        }
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(t.base_spend_usd, -0.5), (t.base_spend_usd, n as f64 - 0.5)],
            INK.stroke_width(1),
        )))
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

/// The numbers behind a chart, as a table (the chart's accessible alternative).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartTable {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// The table behind `kind` (same arguments as [`draw`]).
pub fn table(
    kind: ChartKind,
    report: &Report,
    policy: usize,
    tornado: Option<&crate::sensitivity::Tornado>,
) -> ChartTable {
    use crate::units::format_usd;
    let pct = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{:.1}%", v * 100.0));
    let money = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format_usd(v, 0));
    let band = |p: &crate::stats::Percentiles| {
        format!("{} ({} – {})", money(p.p50), money(p.p10), money(p.p90))
    };
    let chosen = report.policies.get(policy).or(report.policies.first());
    let months: Vec<String> = report
        .policies
        .first()
        .map(|p| p.months.iter().map(|m| m.month.to_string()).collect())
        .unwrap_or_default();
    let per_policy = |f: &dyn Fn(&crate::report::Month) -> String| -> ChartTable {
        let mut headers = vec!["Month".to_string()];
        headers.extend(report.policies.iter().map(|p| p.name.clone()));
        let rows = months
            .iter()
            .enumerate()
            .map(|(t, m)| {
                std::iter::once(m.clone())
                    .chain(
                        report
                            .policies
                            .iter()
                            .map(|p| p.months.get(t).map(f).unwrap_or_default()),
                    )
                    .collect()
            })
            .collect();
        ChartTable { headers, rows }
    };
    match kind {
        ChartKind::MonthlySpend => per_policy(&|m| band(&m.figures.spend_usd)),
        ChartKind::CostPerChange => per_policy(&|m| band(&m.figures.cost_per_useful_change_usd)),
        ChartKind::Adoption => per_policy(&|m| {
            format!(
                "{} adopted, {} gamers",
                pct(m.figures.adopted_share.p50),
                pct(m.figures.gamer_share.p50)
            )
        }),
        ChartKind::CumulativeSpend => {
            let mut t = per_policy(&|m| money(m.figures.cumulative_budget_spend_usd.p50));
            let mut totals = vec![0.0; report.policies.len()];
            for (row, month) in t.rows.iter_mut().zip(0..) {
                for (k, p) in report.policies.iter().enumerate() {
                    totals[k] += p
                        .months
                        .get(month)
                        .and_then(|m| m.figures.spend_usd.p50)
                        .unwrap_or(0.0);
                    let budget = p.summary.annual_budget_usd.map_or(String::new(), |b| {
                        format!("; budget year {} of {}", row[k + 1], format_usd(b, 0))
                    });
                    row[k + 1] = format!("{}{budget}", format_usd(totals[k], 0));
                }
            }
            t
        }
        ChartKind::SpendByKind => {
            let Some(p) = chosen else {
                return ChartTable::default();
            };
            let headers = [
                "Month",
                "Token spend",
                "Gaming",
                "Unshipped",
                "Cap-killed",
                "Rework",
            ]
            .map(String::from)
            .to_vec();
            let rows = p
                .months
                .iter()
                .map(|m| {
                    let f = &m.figures;
                    vec![
                        m.month.to_string(),
                        money(f.token_spend_usd.p50),
                        money(f.waste_usd.gaming.p50),
                        money(f.waste_usd.unshipped.p50),
                        money(f.waste_usd.cap_killed.p50),
                        money(f.waste_usd.rework.p50),
                    ]
                })
                .collect();
            ChartTable { headers, rows }
        }
        ChartKind::CostCentres => {
            let Some(p) = chosen else {
                return ChartTable::default();
            };
            let mut headers = vec!["Month".to_string()];
            headers.extend(report.cost_centres.iter().cloned());
            let rows = p
                .months
                .iter()
                .map(|m| {
                    std::iter::once(m.month.to_string())
                        .chain(
                            m.cost_centres
                                .iter()
                                .map(|c| money(c.figures.spend_usd.p50)),
                        )
                        .collect()
                })
                .collect();
            ChartTable { headers, rows }
        }
        ChartKind::Distribution => {
            let mut headers = vec!["Lowest share of agentic users".to_string()];
            headers.extend(report.policies.iter().map(|p| p.name.clone()));
            let rows = (0..10)
                .map(|d| {
                    std::iter::once(format!("{}%", (d + 1) * 10))
                        .chain(
                            report
                                .policies
                                .iter()
                                .map(|p| pct(p.summary.final_lorenz.get(d).copied())),
                        )
                        .collect()
                })
                .collect();
            ChartTable { headers, rows }
        }
        ChartKind::Tornado => {
            let Some(t) = tornado else {
                return ChartTable::default();
            };
            let headers = [
                "Parameter",
                "Low value",
                "Spend at low",
                "High value",
                "Spend at high",
            ]
            .map(String::from)
            .to_vec();
            let rows = t
                .swings
                .iter()
                .map(|s| {
                    vec![
                        s.path.clone(),
                        format!("{:.4}", s.low_value),
                        format_usd(s.low_spend_usd, 0),
                        format!("{:.4}", s.high_value),
                        format_usd(s.high_spend_usd, 0),
                    ]
                })
                .collect();
            ChartTable { headers, rows }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;

    fn svg_of(report: &Report, scale: f64) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 360)).into_drawing_area();
            draw_monthly_spend(&root, report, ChartStyle { scale }).unwrap();
        }
        svg
    }

    #[test]
    fn legend_labels_are_cut_to_fit_a_narrow_chart() {
        let style = ChartStyle { scale: 2.0 };
        let long = "Mandate + deployment board + guard rails";
        assert_eq!(style.fit(long, 1600), long, "room on a wide chart");
        let cut = style.fit(long, 500);
        assert!(
            cut.ends_with('…') && cut.chars().count() < long.chars().count(),
            "{cut}"
        );
        assert!(long.starts_with(cut.trim_end_matches('…')));
        let r = report();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (330, 300)).into_drawing_area();
            draw_monthly_spend(&root, &r, ChartStyle { scale: 1.0 }).unwrap();
        }
        assert!(
            svg.contains('…') && !svg.contains(long),
            "a phone-width chart shortens names"
        );
    }

    fn report() -> Report {
        let mut s = Scenario::default();
        s.uncertainty.draws = 8;
        s.scale_developers(300);
        Report::simulate(&s.validate(&Catalogue::builtin()).unwrap())
    }

    #[test]
    fn spend_chart_draws_a_line_and_band_per_policy_with_a_legend() {
        let r = report();
        let svg = svg_of(&r, 1.0);
        assert!(svg.contains("Monthly spend"), "caption missing");
        assert!(svg.contains("2026-07"), "first month label missing");
        assert!(svg.matches("<polyline").count() >= r.policies.len());
        assert!(svg.contains("<polygon"), "no P10–P90 band");
        for p in &r.policies {
            assert!(svg.contains(&p.name), "legend lacks {}", p.name);
        }
    }

    #[test]
    fn every_chart_draws_its_title_and_marks() {
        let r = report();
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.months = 6;
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let t = crate::sensitivity::tornado(&v, 0, 3);
        for kind in ChartKind::ALL {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (640, 360)).into_drawing_area();
                draw(&root, kind, &r, 1, Some(&t), ChartStyle { scale: 1.0 }).unwrap();
            }
            let title = kind
                .title()
                .split(':')
                .next()
                .unwrap()
                .split(" (")
                .next()
                .unwrap();
            assert!(svg.contains(title), "{kind:?} lacks its title {title:?}");
            let marks = svg.matches("<polyline").count()
                + svg.matches("<polygon").count()
                + svg.matches("<rect").count();
            assert!(marks > 3, "{kind:?} drew {marks} marks");
            if kind == ChartKind::Tornado {
                assert!(
                    svg.contains("usage.mean_spend_usd"),
                    "tornado rows are labelled"
                );
            }
        }
    }

    #[test]
    fn stacked_kinds_and_cost_centres_are_labelled() {
        let r = report();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 360)).into_drawing_area();
            draw(
                &root,
                ChartKind::SpendByKind,
                &r,
                1,
                None,
                ChartStyle { scale: 1.0 },
            )
            .unwrap();
        }
        for label in ["productive", "gaming", "unshipped", "cap-killed", "rework"] {
            assert!(svg.contains(label), "{label}");
        }
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 360)).into_drawing_area();
            draw(
                &root,
                ChartKind::CostCentres,
                &r,
                0,
                None,
                ChartStyle { scale: 1.0 },
            )
            .unwrap();
        }
        assert!(
            svg.contains("Platform") && svg.contains("Data &amp; ML"),
            "cost centres in the legend"
        );
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
    fn an_empty_report_still_draws() {
        let mut r = report();
        for p in &mut r.policies {
            p.months.clear();
        }
        assert!(svg_of(&r, 2.0).contains("<svg"));
    }
}
