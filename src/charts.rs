//! Charts, drawn with plotters on any `DrawingBackend`: a canvas in the app, SVG in tests. What
//! each chart shows is picked once in [`crate::view::chart`]; this module only draws it.
//!
//! Sizes in [`ChartStyle`] are in CSS pixels and multiplied by `scale` (the device pixel ratio
//! in the browser), so a chart drawn on a canvas of `css size × devicePixelRatio` is crisp.

use crate::units::format_usd_compact;
pub use crate::view::chart::ChartKind;
use crate::view::chart::{ChartData, Lorenz, Monthly, Plot, Series, Tint, Unit, NO_SENSITIVITY};
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
pub(crate) const PALETTE: [RGBColor; 6] = [
    RGBColor(0x1d, 0x4e, 0xd8),
    RGBColor(0xc2, 0x41, 0x0c),
    RGBColor(0x04, 0x78, 0x57),
    RGBColor(0x7e, 0x22, 0xce),
    RGBColor(0xa1, 0x62, 0x07),
    RGBColor(0xbe, 0x12, 0x3c),
];

/// Colours of the kinds of spend: productive, gaming, unshipped, cap-killed, rework.
const KIND_COLOURS: [RGBColor; 5] = [
    RGBColor(0x1d, 0x4e, 0xd8),
    RGBColor(0xdc, 0x26, 0x26),
    RGBColor(0xf5, 0x9e, 0x0b),
    RGBColor(0x7c, 0x3a, 0xed),
    RGBColor(0x64, 0x74, 0x8b),
];

impl Tint {
    fn colour(self) -> RGBColor {
        match self {
            Tint::Series(k) => PALETTE[k % PALETTE.len()],
            Tint::Kind(i) => KIND_COLOURS[i % KIND_COLOURS.len()],
            Tint::Ink => INK,
        }
    }
}

/// Draws a chart's data.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let fail = |e: &dyn std::fmt::Display| ChartError {
        chart: data.kind.title(),
        message: e.to_string(),
    };
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    match &data.plot {
        Plot::Monthly(m) => draw_monthly(root, data, m, style),
        Plot::Lorenz(curves) => draw_lorenz(root, data, curves, style),
        Plot::Tornado(t) => draw_tornado(root, data, t.as_ref(), style),
    }
    .map_err(|e| fail(&e))
}

/// The month-indexed charts: lines (with bands) or stacked areas.
fn draw_monthly<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    m: &Monthly,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (months, series, stacked) = (&m.months, &m.series, m.stacked);
    let percent = m.unit == Unit::Share;
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
        .caption(data.caption(), style.font(16.0))
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0usize..n.saturating_sub(1).max(1), 0.0..y_max)?;
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
        .draw()?;
    let width = style.px(2.0);
    let plot_width = chart.plotting_area().dim_in_pixel().0;
    let mut below = vec![0.0; n];
    for s in series {
        if stacked {
            let upper: Vec<f64> = below.iter().zip(&s.values).map(|(b, v)| b + v).collect();
            let polygon: Vec<(usize, f64)> = (0..n)
                .map(|t| (t, upper[t]))
                .chain((0..n).rev().map(|t| (t, below[t])))
                .collect();
            let colour = s.tint.colour();
            chart
                .draw_series(std::iter::once(Polygon::new(polygon, colour.mix(0.75))))?
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
            chart.draw_series(std::iter::once(Polygon::new(
                polygon,
                s.tint.colour().mix(0.12),
            )))?;
        }
        let colour = s.tint.colour();
        if s.marked {
            let r = style.px(4.0);
            chart
                .draw_series(
                    s.values
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| v.is_finite())
                        .map(|(t, v)| Circle::new((t, *v), r, colour.filled())),
                )?
                .label(style.fit(&s.label, plot_width))
                .legend(move |(x, y)| Circle::new((x + 8, y), r, colour.filled()));
            continue;
        }
        let points: Vec<(usize, f64)> = s.values.iter().copied().enumerate().collect();
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
                ))?
                .label(style.fit(&s.label, plot_width))
                .legend(legend);
        } else {
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(width)))?
                .label(style.fit(&s.label, plot_width))
                .legend(legend);
        }
    }
    legend(&mut chart, style)?;
    root.present()
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
    data: &ChartData,
    curves: &[Lorenz],
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(root)
        .caption(data.caption(), style.font(16.0))
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .axis_style(INK)
        .label_style(style.font(12.0))
        .x_desc("share of agentic users, lowest spenders first")
        .y_desc("share of spend")
        .x_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        vec![(0.0, 0.0), (1.0, 1.0)],
        style.px(4.0),
        style.px(4.0),
        RGBColor(0x99, 0x99, 0x99).stroke_width(1),
    ))?;
    let width = style.px(2.0);
    let plot_width = chart.plotting_area().dim_in_pixel().0;
    for c in curves {
        let colour = c.tint.colour();
        let points: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(
                c.deciles
                    .iter()
                    .enumerate()
                    .map(|(d, share)| ((d + 1) as f64 / 10.0, *share)),
            )
            .collect();
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(width)))?
            .label(style.fit(&c.legend(), plot_width))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(width))
            });
        let at90 = c.deciles.get(8).copied().unwrap_or(0.0);
        chart.draw_series(std::iter::once(Circle::new(
            (0.9, at90),
            style.px(4.0),
            colour.filled(),
        )))?;
    }
    legend(&mut chart, style)?;
    root.present()
}

/// Horizontal bars: median total spend with each parameter at its prior's P10 and P90.
fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    tornado: Option<&crate::sensitivity::Tornado>,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some(t) = tornado.filter(|t| !t.swings.is_empty()) else {
        root.draw(&Text::new(
            NO_SENSITIVITY,
            (style.px(20.0) as i32, style.px(40.0) as i32),
            style.font(14.0),
        ))?;
        return root.present();
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
        .caption(data.caption(), style.font(16.0))
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(190.0))
        .build_cartesian_2d((lo - pad)..(hi + pad), -0.5..(n as f64 - 0.5))?;
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
        .draw()?;
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
            chart.draw_series(std::iter::once(Rectangle::new(
                [(a, row as f64 - 0.35), (b, row as f64 + 0.35)],
                colour.mix(0.8).filled(),
            )))?;
        }
    }
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(t.base_spend_usd, -0.5), (t.base_spend_usd, n as f64 - 0.5)],
        INK.stroke_width(1),
    )))?;
    root.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::report::Report;
    use crate::scenario::Scenario;

    fn draw_monthly_spend<DB: DrawingBackend>(
        root: &DrawingArea<DB, Shift>,
        report: &Report,
        style: ChartStyle,
    ) -> Result<(), ChartError> {
        draw(
            root,
            &ChartData::of(ChartKind::MonthlySpend, report, 0, None),
            style,
        )
    }

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
                draw(
                    &root,
                    &ChartData::of(kind, &r, 1, Some(&t)),
                    ChartStyle { scale: 1.0 },
                )
                .unwrap();
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
                &ChartData::of(ChartKind::SpendByKind, &r, 1, None),
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
                &ChartData::of(ChartKind::CostCentres, &r, 0, None),
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
    fn an_empty_report_still_draws() {
        let mut r = report();
        for p in &mut r.policies {
            p.months.clear();
        }
        assert!(svg_of(&r, 2.0).contains("<svg"));
    }
}
