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
    let fail = |e: &dyn std::fmt::Display| ChartError {
        chart: "monthly spend",
        message: e.to_string(),
    };
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let months: Vec<String> = report
        .policies
        .first()
        .map(|p| p.months.iter().map(|m| m.month.to_string()).collect())
        .unwrap_or_default();
    let n = months.len();
    let y_max = report
        .policies
        .iter()
        .flat_map(|p| &p.months)
        .filter_map(|m| m.figures.spend_usd.p90.or(m.figures.spend_usd.p50))
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.1;
    let mut chart = ChartBuilder::on(root)
        .caption("Monthly spend (USD): median and P10–P90", style.font(16.0))
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
        .y_label_formatter(&|v| format_usd_compact(*v))
        .draw()
        .map_err(|e| fail(&e))?;
    for (k, policy) in report.policies.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let band: Vec<(usize, f64)> = policy
            .months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.figures.spend_usd.p90.map(|v| (i, v)))
            .chain(
                policy
                    .months
                    .iter()
                    .enumerate()
                    .rev()
                    .filter_map(|(i, m)| m.figures.spend_usd.p10.map(|v| (i, v))),
            )
            .collect();
        if band.len() > 2 {
            chart
                .draw_series(std::iter::once(Polygon::new(band, colour.mix(0.12))))
                .map_err(|e| fail(&e))?;
        }
        let median: Vec<(usize, f64)> = policy
            .months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.figures.spend_usd.p50.map(|v| (i, v)))
            .collect();
        let width = style.px(2.0);
        chart
            .draw_series(LineSeries::new(median, colour.stroke_width(width)))
            .map_err(|e| fail(&e))?
            .label(policy.name.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(width))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(style.font(12.0))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(0xcc, 0xcc, 0xcc))
        .draw()
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
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
    fn an_empty_report_still_draws() {
        let mut r = report();
        for p in &mut r.policies {
            p.months.clear();
        }
        assert!(svg_of(&r, 2.0).contains("<svg"));
    }
}
