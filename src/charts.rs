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
}

/// Text and axis colour.
const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
/// Series colour for spend.
pub const SPEND: RGBColor = RGBColor(0xc2, 0x41, 0x0c);

/// Draws monthly token spend as a filled line, months along the x axis.
pub fn draw_monthly_spend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &Report,
    style: ChartStyle,
) -> Result<(), ChartError> {
    let fail = |e: &dyn std::fmt::Display| ChartError {
        chart: "monthly spend",
        message: e.to_string(),
    };
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let n = report.months.len();
    let y_max = report
        .months
        .iter()
        .map(|m| m.spend_usd)
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption("Monthly token spend (USD)", style.font(16.0))
        .margin(style.px(12.0))
        .x_label_area_size(style.px(36.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0usize..n.saturating_sub(1).max(1), 0.0..y_max)
        .map_err(|e| fail(&e))?;
    let months: Vec<String> = report.months.iter().map(|m| m.month.to_string()).collect();
    chart
        .configure_mesh()
        .light_line_style(RGBColor(0xee, 0xee, 0xee))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .axis_style(INK)
        .label_style(style.font(12.0))
        .x_labels(n.clamp(2, 8))
        .x_label_formatter(&|i| months.get(*i).cloned().unwrap_or_default())
        .y_labels(6)
        .y_label_formatter(&|v| format_usd_compact(*v))
        .draw()
        .map_err(|e| fail(&e))?;
    let points: Vec<(usize, f64)> = report
        .months
        .iter()
        .enumerate()
        .map(|(i, m)| (i, m.spend_usd))
        .collect();
    chart
        .draw_series(AreaSeries::new(
            points.iter().copied(),
            0.0,
            SPEND.mix(0.15),
        ))
        .map_err(|e| fail(&e))?;
    chart
        .draw_series(LineSeries::new(points, SPEND.stroke_width(style.px(2.0))))
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;
    use crate::sim::simulate;

    fn svg_of(report: &Report, scale: f64) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 360)).into_drawing_area();
            draw_monthly_spend(&root, report, ChartStyle { scale }).unwrap();
        }
        svg
    }

    fn report() -> Report {
        let s = Scenario::default();
        let v = s.validate(&Catalogue::builtin()).unwrap();
        Report::new(&s.name, &simulate(&v))
    }

    #[test]
    fn spend_chart_draws_the_series_and_month_labels() {
        let svg = svg_of(&report(), 1.0);
        assert!(svg.contains("Monthly token spend"), "caption missing");
        assert!(svg.contains("2026-07"), "first month label missing");
        assert!(svg.contains("<polyline"), "no line drawn");
        assert!(
            svg.contains("#C2410C") || svg.contains("#c2410c"),
            "spend colour absent"
        );
    }

    #[test]
    fn an_empty_or_zero_report_still_draws() {
        let mut r = report();
        for m in &mut r.months {
            m.spend_usd = 0.0;
        }
        assert!(svg_of(&r, 2.0).contains("<svg"));
        r.months.clear();
        assert!(svg_of(&r, 1.0).contains("<svg"));
    }
}
