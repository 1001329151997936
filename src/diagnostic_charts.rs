//! The calibration's diagnostics charts, drawn with plotters on any `DrawingBackend` (a canvas
//! in the page, SVG in tests): per-user monthly spend observed (bars, on a log scale of
//! dollars) against the fitted lognormal (a line), and people first seen by month (points)
//! against the fitted Bass curve (a line). The series come from [`crate::view::usage`].

use crate::charts::{ChartError, ChartStyle, PALETTE};
use crate::units::format_usd_compact;
use crate::view::usage::{AdoptionChart, SpendChart};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Text and axis colour.
const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);

fn font(style: ChartStyle, css: f64) -> TextStyle<'static> {
    ("sans-serif", css * style.scale).into_font().color(&INK)
}

fn px(style: ChartStyle, css: f64) -> u32 {
    (css * style.scale).round().max(1.0) as u32
}

fn failed(chart: &'static str) -> impl Fn(&dyn std::fmt::Display) -> ChartError {
    move |e| ChartError {
        chart,
        message: e.to_string(),
    }
}

/// A diagnostics chart's plotting area: x and y as numbers.
type Plane<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// What sets one diagnostics chart's frame apart from the other's.
struct Frame<'f> {
    caption: &'static str,
    /// The x range.
    x: std::ops::Range<f64>,
    /// The top of the y scale (it starts at 0).
    top: f64,
    x_desc: Option<&'static str>,
    y_desc: &'static str,
    /// Most x labels.
    x_labels: usize,
    x_label: &'f dyn Fn(&f64) -> String,
}

/// Builds a diagnostics chart's frame on `root`: caption, margins, axes and their labels.
fn frame<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    f: &Frame,
    style: ChartStyle,
    fail: &dyn Fn(&dyn std::fmt::Display) -> ChartError,
) -> Result<Plane<'a, DB>, ChartError> {
    let mut chart = ChartBuilder::on(root)
        .caption(f.caption, font(style, 15.0))
        .margin(px(style, 10.0))
        .x_label_area_size(px(style, 34.0))
        .y_label_area_size(px(style, 44.0))
        .build_cartesian_2d(f.x.clone(), 0.0..f.top)
        .map_err(|e| fail(&e))?;
    let mut mesh = chart.configure_mesh();
    if let Some(desc) = f.x_desc {
        mesh.x_desc(desc);
    }
    mesh.x_labels(f.x_labels)
        .x_label_formatter(f.x_label)
        .y_desc(f.y_desc)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .label_style(font(style, 11.0))
        .axis_desc_style(font(style, 12.0))
        .light_line_style(WHITE)
        .draw()
        .map_err(|e| fail(&e))?;
    Ok(chart)
}

/// Draws the legend of `chart`'s labelled series at `position`.
fn legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plane<'a, DB>,
    position: SeriesLabelPosition,
    style: ChartStyle,
    fail: &dyn Fn(&dyn std::fmt::Display) -> ChartError,
) -> Result<(), ChartError> {
    chart
        .configure_series_labels()
        .label_font(font(style, 11.0))
        .background_style(WHITE.mix(0.85))
        .border_style(INK.mix(0.3))
        .position(position)
        .draw()
        .map_err(|e| fail(&e))
}

/// Draws the spend histogram: x is ln(USD / month), labelled in dollars.
pub fn draw_spend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &SpendChart,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let fail = failed("spend per person");
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let (Some(first), Some(last)) = (data.bars.first(), data.bars.last()) else {
        return Ok(());
    };
    let (x0, x1) = (libm::log(first.0), libm::log(last.1));
    let top = data
        .bars
        .iter()
        .map(|b| b.2)
        .chain(data.fitted.iter().map(|f| f.1))
        .fold(1.0, f64::max)
        * 1.15;
    let frame_of = Frame {
        caption: "Monthly spend per agentic person",
        x: x0..x1,
        top,
        x_desc: Some("USD per month (log scale)"),
        y_desc: "people",
        x_labels: 10,
        x_label: &|x| format_usd_compact(libm::exp(*x)),
    };
    let mut chart = frame(root, &frame_of, style, &fail)?;
    let bar = PALETTE[0].mix(0.35).filled();
    chart
        .draw_series(
            data.bars.iter().map(|(lo, hi, n)| {
                Rectangle::new([(libm::log(*lo), 0.0), (libm::log(*hi), *n)], bar)
            }),
        )
        .map_err(|e| fail(&e))?
        .label("observed")
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], bar));
    let line = PALETTE[1].stroke_width(px(style, 2.5));
    chart
        .draw_series(LineSeries::new(
            data.fitted.iter().map(|(x, n)| (libm::log(*x), *n)),
            line,
        ))
        .map_err(|e| fail(&e))?
        .label("fitted lognormal")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 12, y)], line));
    legend(&mut chart, SeriesLabelPosition::UpperRight, style, &fail)
}

/// Draws the adoption curve: observed people by month as points, the fitted curve as a line.
pub fn draw_adoption<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &AdoptionChart,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let fail = failed("adoption");
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let n = data.months.len();
    if n == 0 {
        return Ok(());
    }
    let top = data
        .observed
        .iter()
        .chain(&data.fitted)
        .copied()
        .fold(1.0, f64::max)
        * 1.15;
    let months = data.months.clone();
    let frame_of = Frame {
        caption: "People first seen, by month",
        x: -0.5..(n as f64 - 0.5),
        top,
        x_desc: None,
        y_desc: "people (cumulative)",
        x_labels: n.min(12),
        x_label: &|x| {
            let i = x.round();
            if (x - i).abs() < 1e-6 && i >= 0.0 {
                months.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        },
    };
    let mut chart = frame(root, &frame_of, style, &fail)?;
    let line = PALETTE[1].stroke_width(px(style, 2.5));
    chart
        .draw_series(LineSeries::new(
            data.fitted.iter().enumerate().map(|(k, y)| (k as f64, *y)),
            line,
        ))
        .map_err(|e| fail(&e))?
        .label("fitted Bass curve")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 12, y)], line));
    let dot = PALETTE[0].filled();
    let r = px(style, 4.0);
    chart
        .draw_series(
            data.observed
                .iter()
                .enumerate()
                .map(|(k, y)| Circle::new((k as f64, *y), r, dot)),
        )
        .map_err(|e| fail(&e))?
        .label("observed")
        .legend(move |(x, y)| Circle::new((x + 6, y), r, dot));
    legend(&mut chart, SeriesLabelPosition::LowerRight, style, &fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(draw: impl Fn(&DrawingArea<SVGBackend, Shift>) -> Result<(), ChartError>) -> String {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (640, 320)).into_drawing_area();
            draw(&root).unwrap();
            root.present().unwrap();
        }
        out
    }

    #[test]
    fn the_spend_chart_draws_a_bar_per_bin_and_the_fitted_line() {
        let data = SpendChart {
            bars: vec![(20.0, 40.0, 3.0), (40.0, 80.0, 9.0), (80.0, 160.0, 4.0)],
            fitted: vec![(28.3, 3.5), (56.6, 8.0), (113.1, 4.5)],
            caption: String::new(),
            description: String::new(),
        };
        let out = svg(|root| draw_spend(root, &data, ChartStyle { scale: 1.0 }));
        assert!(out.contains("fitted lognormal"), "{out}");
        assert!(out.contains("<polyline"), "the fitted line");
        assert!(out.matches("<rect").count() >= 3, "a bar per bin");
        assert!(
            out.matches('$').count() >= 3,
            "dollar labels on the log axis"
        );
    }

    #[test]
    fn the_adoption_chart_draws_a_point_per_month() {
        let data = AdoptionChart {
            months: vec!["2026-01".into(), "2026-02".into(), "2026-03".into()],
            observed: vec![10.0, 30.0, 45.0],
            fitted: vec![11.0, 29.0, 46.0],
            caption: String::new(),
            description: String::new(),
        };
        let out = svg(|root| draw_adoption(root, &data, ChartStyle { scale: 1.0 }));
        assert!(out.contains("2026-02"), "{out}");
        assert!(out.matches("<circle").count() >= 3);
        assert!(out.contains("fitted Bass curve"));
    }
}
