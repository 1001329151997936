//! Charts, drawn with plotters on any `DrawingBackend`: a canvas in the app, SVG in tests. What
//! each chart shows is picked once in [`crate::view::chart`]; this module only draws it.
//!
//! Sizes in [`ChartStyle`] are in CSS pixels and multiplied by `scale` (the device pixel ratio
//! in the browser), so a chart drawn on a canvas of `css size × devicePixelRatio` is crisp.
//! Every chart has its title wrapped to its width above the plot, axis titles with units, and
//! its legend below the plot, wrapped into as many rows as it needs, so nothing covers the
//! data and nothing is cut on a phone. Policy sets differ by colour (Okabe–Ito, safe for
//! colour-blind readers), by stroke and by marker shape.

use crate::calendar::YearMonth;
use crate::scenario::FiscalCalendar;
use crate::units::format_usd_compact;
pub use crate::view::chart::ChartKind;
use crate::view::chart::{
    ChartData, Dash, Lorenz, Marked, Monthly, Panel, Plot, Series, Tint, Unit, NO_SENSITIVITY,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
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

/// Width of an average character of the charts' sans-serif face, in ems: a generous estimate,
/// so that text laid out by it fits.
const EM_WIDTH: f64 = 0.6;

/// Sizes of the charts' text [CSS px].
const TITLE: f64 = 15.0;
const LABEL: f64 = 12.0;

impl ChartStyle {
    fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    fn pxi(&self, css: f64) -> i32 {
        self.px(css) as i32
    }

    fn font(&self, css: f64) -> TextStyle<'static> {
        ("sans-serif", css * self.scale).into_font().color(&INK)
    }

    /// The estimated width of `text` at `css` pixels, in device pixels.
    fn text_width(&self, text: &str, css: f64) -> u32 {
        (text.chars().count() as f64 * EM_WIDTH * css * self.scale).ceil() as u32
    }

    /// `text` at `css` pixels cut to `width` device pixels, with an ellipsis (the data table
    /// keeps the full text).
    fn fit_text(&self, text: &str, css: f64, width: u32) -> String {
        if self.text_width(text, css) <= width {
            return text.to_string();
        }
        let chars = (f64::from(width) / (EM_WIDTH * css * self.scale)).floor() as usize;
        let cut: String = text.chars().take(chars.saturating_sub(1).max(1)).collect();
        format!("{}…", cut.trim_end())
    }

    /// `text` broken at spaces into lines of at most `width` device pixels, at most `most`
    /// lines, the last cut with an ellipsis if the text does not fit.
    fn wrap(&self, text: &str, css: f64, width: u32, most: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            match lines.last_mut() {
                Some(line) if self.text_width(&format!("{line} {word}"), css) <= width => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
        if lines.len() > most {
            let rest = lines.split_off(most - 1).join(" ");
            lines.push(rest);
        }
        lines
            .into_iter()
            .map(|line| self.fit_text(&line, css, width))
            .collect()
    }
}

/// Text and axis colour.
const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);

/// Series colours, one per policy set (then repeating): the Okabe–Ito palette, which stays
/// distinct for the common kinds of colour blindness, without its yellow (too pale on white).
pub(crate) const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x56, 0xb4, 0xe9),
    RGBColor(0x00, 0x00, 0x00),
];

/// Colours of the kinds of spend: productive, gaming, unshipped, cap-killed, rework (Okabe–Ito).
const KIND_COLOURS: [RGBColor; 5] = [
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0x99, 0x99, 0x99),
];

/// The tornado's bars: a parameter at its prior's P10, and at its P90.
const LOW_BAR: RGBColor = RGBColor(0x56, 0xb4, 0xe9);
const HIGH_BAR: RGBColor = RGBColor(0xd5, 0x5e, 0x00);

impl Tint {
    fn colour(self) -> RGBColor {
        match self {
            Tint::Series(k) => PALETTE[k % PALETTE.len()],
            Tint::Kind(i) => KIND_COLOURS[i % KIND_COLOURS.len()],
            Tint::Ink => INK,
        }
    }
}

/// How a legend entry shows what it names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// A stretch of line, with its stroke and marker.
    Line(Dash, Option<usize>),
    /// A filled square (a stacked area, a bar).
    Swatch,
    /// A light band with outlined edges (a P10–P90 band).
    Band,
    /// A marker alone (observed points).
    Point(usize),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
struct Key {
    label: String,
    colour: RGBColor,
    mark: Mark,
}

/// The legend of a chart's data.
fn keys(data: &ChartData) -> Vec<Key> {
    let key = |label: &str, colour, mark| Key {
        label: label.to_string(),
        colour,
        mark,
    };
    match &data.plot {
        Plot::Monthly(m) => {
            let mut keys: Vec<Key> = m
                .series
                .iter()
                .filter_map(|s| {
                    let mark = if s.observed {
                        Mark::Point(s.marker.unwrap_or(0))
                    } else if m.stacked {
                        Mark::Swatch
                    } else if m.strokes.is_empty() {
                        Mark::Line(s.dash, s.marker)
                    } else {
                        Mark::Line(Dash::Solid, s.marker)
                    };
                    Some(key(s.key.as_ref()?, s.tint.colour(), mark))
                })
                .collect();
            keys.extend(
                m.strokes
                    .iter()
                    .map(|(label, dash)| key(label, INK, Mark::Line(*dash, None))),
            );
            if m.series.iter().any(|s| s.band.is_some()) {
                keys.push(key(
                    "P10–P90: 8 in 10 simulated futures",
                    RGBColor(0x66, 0x66, 0x66),
                    Mark::Band,
                ));
            }
            keys
        }
        Plot::Panels(panels) => panels
            .first()
            .map(|p| {
                p.monthly
                    .series
                    .iter()
                    .map(|s| key(&s.label, s.tint.colour(), Mark::Swatch))
                    .collect()
            })
            .unwrap_or_default(),
        Plot::Lorenz(curves) => {
            let mut keys: Vec<Key> = curves
                .iter()
                .enumerate()
                .map(|(k, c)| key(&c.legend(), c.tint.colour(), lorenz_mark(k)))
                .collect();
            keys.push(key(
                "Equal spend",
                RGBColor(0x99, 0x99, 0x99),
                Mark::Line(Dash::Dashed, None),
            ));
            keys
        }
        Plot::Tornado(Some(t)) if !t.swings.is_empty() => vec![
            key("Parameter at its prior's P10", LOW_BAR, Mark::Swatch),
            key("Parameter at its prior's P90", HIGH_BAR, Mark::Swatch),
            key(
                "Every parameter at its default",
                INK,
                Mark::Line(Dash::Solid, None),
            ),
        ],
        Plot::Tornado(_) => Vec::new(),
    }
}

fn lorenz_mark(k: usize) -> Mark {
    Mark::Line(Dash::of_set(k), Some(k))
}

/// Where each legend entry goes in an area `width` device pixels wide: its top-left corner and
/// its label, cut to fit; and the height the legend takes.
fn lay_out(keys: &[Key], width: u32, style: ChartStyle) -> (Vec<(i32, i32, String)>, u32) {
    let (sample, gap, space, row) = (style.pxi(26.0), style.pxi(6.0), style.pxi(16.0), 18.0);
    let pad = style.pxi(10.0);
    let room = width as i32 - 2 * pad;
    let (mut x, mut y) = (pad, 0);
    let mut placed = Vec::new();
    for k in keys {
        let text = style.fit_text(&k.label, LABEL, (room - sample - gap).max(1) as u32);
        let w = sample + gap + style.text_width(&text, LABEL) as i32;
        if x > pad && x + w > pad + room {
            x = pad;
            y += style.pxi(row);
        }
        placed.push((x, y, text));
        x += w + space;
    }
    let height = if keys.is_empty() {
        0
    } else {
        (y + style.pxi(row + 6.0)) as u32
    };
    (placed, height)
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
    draw_all(root, data, style).map_err(|e| fail(&e))
}

fn draw_all<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let lines = style.wrap(
        &data.caption(),
        TITLE,
        width.saturating_sub(style.px(20.0)),
        3,
    );
    let line = style.px(TITLE * 1.3);
    for (i, text) in lines.iter().enumerate() {
        root.draw(&Text::new(
            text.clone(),
            (style.pxi(10.0), style.pxi(8.0) + i as i32 * line as i32),
            style.font(TITLE),
        ))?;
    }
    let top = (style.px(8.0) + lines.len() as u32 * line).min(height / 2);
    let keys = keys(data);
    let (placed, legend_height) = lay_out(&keys, width, style);
    let legend_height = legend_height.min(height / 2);
    let body_height = height.saturating_sub(top + legend_height).max(1);
    let (_, rest) = root.split_vertically(top);
    let (body, legend) = rest.split_vertically(body_height);
    match &data.plot {
        Plot::Monthly(m) => {
            let frame = Frame {
                y_labels: true,
                x_title: true,
                y_title: true,
            };
            draw_monthly(root, &body, data.kind, m, top_of(m), frame, style)?;
        }
        Plot::Panels(panels) => draw_panels(root, &body, data.kind, panels, style)?,
        Plot::Lorenz(curves) => draw_lorenz(root, &body, data.kind, curves, style)?,
        Plot::Tornado(t) => draw_tornado(root, &body, data, t.as_ref(), style)?,
    }
    for (k, (x, y, text)) in keys.iter().zip(placed) {
        let (lx, ly) = legend.get_base_pixel();
        let (x, y) = (lx + x, ly + y + style.pxi(4.0));
        if y + style.pxi(LABEL) > ly + legend_height as i32 {
            break;
        }
        let mid = y + style.pxi(LABEL / 2.0);
        let sample = style.pxi(26.0);
        match k.mark {
            Mark::Line(dash, marker) => {
                stroke(
                    root,
                    vec![(x, mid), (x + sample, mid)],
                    k.colour,
                    dash,
                    style.px(2.0),
                    style,
                )?;
                if let Some(shape) = marker {
                    mark(root, (x + sample / 2, mid), shape, k.colour, style)?;
                }
            }
            Mark::Point(shape) => mark(root, (x + sample / 2, mid), shape, k.colour, style)?,
            Mark::Swatch => root.draw(&Rectangle::new(
                [
                    (x + style.pxi(6.0), mid - style.pxi(6.0)),
                    (x + sample - style.pxi(6.0), mid + style.pxi(6.0)),
                ],
                k.colour.filled(),
            ))?,
            Mark::Band => {
                let (a, b) = (mid - style.pxi(6.0), mid + style.pxi(6.0));
                root.draw(&Rectangle::new(
                    [(x, a), (x + sample, b)],
                    k.colour.mix(0.15).filled(),
                ))?;
                for edge in [a, b] {
                    root.draw(&PathElement::new(
                        vec![(x, edge), (x + sample, edge)],
                        k.colour.mix(0.6).stroke_width(1),
                    ))?;
                }
            }
        }
        root.draw(&Text::new(
            text,
            (x + sample + style.pxi(6.0), y),
            style.font(LABEL),
        ))?;
    }
    root.present()
}

/// Which of a month chart's axes carry labels and titles (small multiples share them).
#[derive(Debug, Clone, Copy)]
struct Frame {
    y_labels: bool,
    x_title: bool,
    y_title: bool,
}

/// The top of a month chart's scale: the highest stack, line or band edge, with room above.
fn top_of(m: &Monthly) -> f64 {
    if m.unit == Unit::Share {
        return 1.0;
    }
    let n = m.months.len();
    let highest = if m.stacked {
        let observed = m
            .series
            .iter()
            .filter(|s| s.observed)
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0, f64::max);
        (0..n)
            .map(|t| {
                m.series
                    .iter()
                    .filter(|s| !s.observed)
                    .map(|s| s.values.get(t).copied().unwrap_or(0.0))
                    .sum::<f64>()
            })
            .fold(observed, f64::max)
    } else {
        m.series
            .iter()
            .map(|s: &Series| {
                s.band
                    .as_ref()
                    .map_or(0.0, |b| b.1.iter().copied().fold(0.0, f64::max))
                    .max(s.values.iter().copied().fold(0.0, f64::max))
            })
            .fold(0.0, f64::max)
    };
    highest.max(1.0) * 1.1
}

/// Draws a stroke through pixel points `points` on `root`.
fn stroke<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: Vec<(i32, i32)>,
    colour: impl Color,
    dash: Dash,
    width: u32,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let line = colour.stroke_width(width);
    let (on, off) = match dash {
        Dash::Solid => return root.draw(&PathElement::new(points, line)),
        Dash::Dashed => (7.0, 4.0),
        Dash::Dotted => (2.0, 3.0),
        Dash::Long => (14.0, 4.0),
    };
    for piece in DashedLineSeries::new(points, style.px(on), style.px(off), line) {
        root.draw(&piece)?;
    }
    Ok(())
}

/// Draws marker shape `shape` (circle, triangle, square, diamond, cross, then repeating)
/// centred on pixel `at`.
fn mark<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    shape: usize,
    colour: RGBColor,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let r = style.pxi(4.0);
    let fill = colour.filled();
    match shape % 5 {
        0 => root.draw(&Circle::new((x, y), r as u32, fill)),
        1 => root.draw(&Polygon::new(
            vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
            fill,
        )),
        2 => root.draw(&Rectangle::new([(x - r, y - r), (x + r, y + r)], fill)),
        3 => root.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            fill,
        )),
        _ => {
            let line = colour.stroke_width(style.px(2.0));
            root.draw(&PathElement::new(
                vec![(x - r, y - r), (x + r, y + r)],
                line,
            ))?;
            root.draw(&PathElement::new(
                vec![(x - r, y + r), (x + r, y - r)],
                line,
            ))
        }
    }
}

/// How many tick labels of `chars` characters fit side by side in `width` device pixels.
fn ticks_that_fit(width: u32, chars: usize, style: ChartStyle) -> usize {
    let one = style.text_width(&"0".repeat(chars + 3), LABEL).max(1);
    (width / one) as usize
}

/// A month-indexed chart in `area`: lines with outlined P10–P90 bands, or stacked areas,
/// on a scale up to `y_max`.
fn draw_monthly<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    kind: ChartKind,
    m: &Monthly,
    y_max: f64,
    frame: Frame,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (months, series) = (&m.months, &m.series);
    let percent = m.unit == Unit::Share;
    let n = months.len();
    let y_area = match (frame.y_labels, frame.y_title) {
        (true, true) => 76.0,
        (true, false) => 56.0,
        _ => 8.0,
    };
    let mut chart = ChartBuilder::on(area)
        .margin_top(style.px(6.0))
        .margin_left(style.px(4.0))
        .margin_right(style.px(28.0))
        .x_label_area_size(style.px(if frame.x_title { 44.0 } else { 26.0 }))
        .y_label_area_size(style.px(y_area))
        .build_cartesian_2d(0usize..n.saturating_sub(1).max(1), 0.0..y_max)?;
    let (plot_width, plot_height) = chart.plotting_area().dim_in_pixel();
    let x_title = if frame.x_title {
        m.x_title()
    } else {
        String::new()
    };
    let y_title = if frame.y_title { kind.y_title() } else { "" };
    chart
        .configure_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .axis_style(INK)
        .label_style(style.font(LABEL))
        .axis_desc_style(style.font(LABEL))
        .x_desc(style.fit_text(&x_title, LABEL, plot_width))
        .y_desc(style.fit_text(y_title, LABEL, plot_height))
        .x_labels(n.max(2))
        .x_label_formatter(&|i| {
            quarter_tick(months, m.fiscal, *i, ticks_that_fit(plot_width, 7, style))
        })
        .y_labels(6)
        .y_label_formatter(&|v| {
            if !frame.y_labels {
                String::new()
            } else if percent {
                format!("{:.0}%", v * 100.0)
            } else {
                format_usd_compact(*v)
            }
        })
        .draw()?;
    let at = |t: usize, v: f64| chart.backend_coord(&(t, v));
    let width = style.px(2.0);
    let mut below = vec![0.0; n];
    for s in series {
        let colour = s.tint.colour();
        if m.stacked && !s.observed {
            let upper: Vec<f64> = below.iter().zip(&s.values).map(|(b, v)| b + v).collect();
            let polygon: Vec<(i32, i32)> = (0..n)
                .map(|t| at(t, upper[t]))
                .chain((0..n).rev().map(|t| at(t, below[t])))
                .collect();
            root.draw(&Polygon::new(polygon, colour.mix(0.8).filled()))?;
            below = upper;
            continue;
        }
        if let Some((lo, hi)) = &s.band {
            let edge = |v: &Vec<f64>| -> Vec<(i32, i32)> { (0..n).map(|t| at(t, v[t])).collect() };
            let polygon: Vec<(i32, i32)> = edge(hi)
                .into_iter()
                .chain(edge(lo).into_iter().rev())
                .collect();
            root.draw(&Polygon::new(polygon, colour.mix(0.08).filled()))?;
            for e in [edge(lo), edge(hi)] {
                stroke(root, e, colour.mix(0.55), Dash::Solid, 1, style)?;
            }
        }
        if s.observed {
            let shape = s.marker.unwrap_or(0);
            for (t, v) in s.values.iter().enumerate().filter(|(_, v)| v.is_finite()) {
                if m.stacked {
                    let halo = style.pxi(6.0) as u32;
                    root.draw(&Circle::new(at(t, *v), halo, WHITE.filled()))?;
                }
                mark(root, at(t, *v), shape, colour, style)?;
            }
            continue;
        }
        let points: Vec<(i32, i32)> = s
            .values
            .iter()
            .enumerate()
            .map(|(t, v)| at(t, *v))
            .collect();
        stroke(root, points.clone(), colour, s.dash, width, style)?;
        if let Some(shape) = s.marker {
            let every = n.div_ceil(6).max(1);
            for (t, p) in points.iter().enumerate() {
                if t.is_multiple_of(every) || t + 1 == n {
                    mark(root, *p, shape, colour, style)?;
                }
            }
        }
    }
    if let Some(k) = &m.marked {
        let corners = (at(0, y_max), at(n.saturating_sub(1).max(1), 0.0));
        draw_marked(root, k, at(k.month, k.value), corners, style)?;
    }
    Ok(())
}

/// The month `k` marks: a dashed rule through `point` from the plot's top to its bottom
/// (`corners`: its top-left and bottom-right pixels), a ring at `point`, and the label at the
/// top beside the rule, on one line before it when there is room, else after it, else a
/// phrase a line on the roomier side; on a light backing so that it reads over the lines.
fn draw_marked<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    k: &Marked,
    (x, y): (i32, i32),
    ((left, top), (right, bottom)): ((i32, i32), (i32, i32)),
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let colour = k.tint.colour();
    stroke(
        root,
        vec![(x, top), (x, bottom)],
        colour,
        Dash::Dashed,
        style.px(1.5),
        style,
    )?;
    root.draw(&Circle::new(
        (x, y),
        style.px(6.0),
        colour.stroke_width(style.px(2.0)),
    ))?;
    let gap = style.pxi(6.0);
    let before = (x - gap - left).max(1) as u32;
    let after = (right - x - gap).max(1) as u32;
    let whole = k.label.join(" ");
    let one = style.text_width(&whole, LABEL);
    let (on_left, lines) = if one <= before {
        (true, vec![whole])
    } else if one <= after {
        (false, vec![whole])
    } else {
        let room = before.max(after);
        let phrases = k.label.iter().map(|p| style.fit_text(p, LABEL, room));
        (before >= after, phrases.collect())
    };
    let line = style.pxi(LABEL * 1.3);
    for (i, text) in lines.into_iter().enumerate() {
        let w = style.text_width(&text, LABEL) as i32;
        let ty = top + style.pxi(4.0) + i as i32 * line;
        let (from, anchor) = if on_left {
            (x - gap - w, HPos::Right)
        } else {
            (x + gap, HPos::Left)
        };
        root.draw(&Rectangle::new(
            [(from - 2, ty - 1), (from + w + 2, ty + line - 1)],
            WHITE.mix(0.85).filled(),
        ))?;
        let at = if on_left { x - gap } else { x + gap };
        root.draw(&Text::new(
            text,
            (at, ty),
            style.font(LABEL).pos(Pos::new(anchor, VPos::Top)),
        ))?;
    }
    Ok(())
}

/// Small multiples: one stacked panel per policy set, two columns on a narrow chart and up to
/// four side by side on a wide one, all on the same scale.
fn draw_panels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    kind: ChartKind,
    panels: &[Panel],
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let n = panels.len();
    if n == 0 {
        return Ok(());
    }
    let css_width = f64::from(area.dim_in_pixel().0) / style.scale;
    let cols = if css_width < 900.0 {
        2.min(n)
    } else {
        n.min(4)
    };
    let rows = n.div_ceil(cols);
    let y_max = panels
        .iter()
        .map(|p| top_of(&p.monthly))
        .fold(1.0, f64::max);
    let cells = area.split_evenly((rows, cols));
    for (i, (panel, cell)) in panels.iter().zip(&cells).enumerate() {
        let (row, col) = (i / cols, i % cols);
        let (cell_width, _) = cell.dim_in_pixel();
        let (title, plot) = cell.split_vertically(style.px(LABEL * 1.6));
        let label = style.fit_text(
            &panel.policy,
            LABEL,
            cell_width.saturating_sub(style.px(12.0)),
        );
        title.draw(&Text::new(
            label,
            (style.pxi(8.0), style.pxi(4.0)),
            style.font(LABEL),
        ))?;
        let frame = Frame {
            y_labels: col == 0,
            x_title: row + 1 == rows,
            y_title: col == 0,
        };
        draw_monthly(root, &plot, kind, &panel.monthly, y_max, frame, style)?;
    }
    Ok(())
}

/// Lorenz curves of last month's agentic spend per policy set, the top-10% point marked.
fn draw_lorenz<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    kind: ChartKind,
    curves: &[Lorenz],
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .margin_top(style.px(6.0))
        .margin_left(style.px(4.0))
        .margin_right(style.px(24.0))
        .x_label_area_size(style.px(44.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
    let plot_width = chart.plotting_area().dim_in_pixel().0;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .axis_style(INK)
        .label_style(style.font(LABEL))
        .axis_desc_style(style.font(LABEL))
        .x_desc(style.fit_text(kind.x_title(), LABEL, plot_width))
        .y_desc(kind.y_title())
        .x_labels(ticks_that_fit(plot_width, 4, style).clamp(2, 11))
        .x_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .draw()?;
    let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
    stroke(
        root,
        vec![at(0.0, 0.0), at(1.0, 1.0)],
        RGBColor(0x99, 0x99, 0x99),
        Dash::Dashed,
        1,
        style,
    )?;
    for (k, c) in curves.iter().enumerate() {
        let colour = c.tint.colour();
        let points: Vec<(i32, i32)> = std::iter::once(at(0.0, 0.0))
            .chain(
                c.deciles
                    .iter()
                    .enumerate()
                    .map(|(d, share)| at((d + 1) as f64 / 10.0, *share)),
            )
            .collect();
        let Mark::Line(dash, _) = lorenz_mark(k) else {
            continue;
        };
        stroke(root, points, colour, dash, style.px(2.0), style)?;
        let at90 = c.deciles.get(8).copied().unwrap_or(0.0);
        mark(root, at(0.9, at90), k, colour, style)?;
    }
    Ok(())
}

/// Horizontal bars, a row per parameter named in plain words above its bar: the median total
/// spend (or, against a baseline, the median extra spend) with the parameter at its prior's
/// P10 and at its P90, around the value with every parameter at its default.
fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    tornado: Option<&crate::sensitivity::Tornado>,
    style: ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some(t) = tornado.filter(|t| !t.swings.is_empty()) else {
        area.draw(&Text::new(
            NO_SENSITIVITY,
            (style.pxi(10.0), style.pxi(10.0)),
            style.font(14.0),
        ))?;
        return Ok(());
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
    let mut chart = ChartBuilder::on(area)
        .margin_top(style.px(4.0))
        .margin_left(style.px(10.0))
        .margin_right(style.px(28.0))
        .x_label_area_size(style.px(44.0))
        .y_label_area_size(style.px(4.0))
        .build_cartesian_2d((lo - pad)..(hi + pad), 0.0..n as f64)?;
    let plot_width = chart.plotting_area().dim_in_pixel().0;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .light_line_style(RGBColor(0xf0, 0xf0, 0xf0))
        .axis_style(INK)
        .label_style(style.font(LABEL))
        .axis_desc_style(style.font(LABEL))
        .x_desc(style.fit_text(&data.x_title(), LABEL, plot_width))
        .x_labels(ticks_that_fit(plot_width, 6, style).clamp(2, 8))
        .x_label_formatter(&|v| format_usd_compact(*v))
        .draw()?;
    let at = |x: f64, y: f64| chart.backend_coord(&(x, y));
    let left = at(lo - pad, 0.0).0 + style.pxi(2.0);
    for (k, s) in t.swings.iter().enumerate() {
        let top = (n - k) as f64;
        let name = style.fit_text(
            crate::sensitivity::plain_name(&s.path),
            LABEL,
            plot_width.saturating_sub(style.px(4.0)),
        );
        root.draw(&Text::new(
            name,
            (left, at(0.0, top).1 + style.pxi(1.0)),
            style.font(LABEL),
        ))?;
        for (value, colour) in [(s.low_spend_usd, LOW_BAR), (s.high_spend_usd, HIGH_BAR)] {
            let (a, b) = if value < t.base_spend_usd {
                (value, t.base_spend_usd)
            } else {
                (t.base_spend_usd, value)
            };
            root.draw(&Rectangle::new(
                [at(a, top - 0.5), at(b, top - 0.92)],
                colour.filled(),
            ))?;
        }
    }
    root.draw(&PathElement::new(
        vec![at(t.base_spend_usd, 0.0), at(t.base_spend_usd, n as f64)],
        INK.stroke_width(style.px(1.0)),
    ))?;
    Ok(())
}

/// The month axis's label at month `i` (of `months`, "YYYY-MM"): labels fall where quarters
/// start, every quarter when `fit` labels fit across the axis, else every half-year, year or
/// more, so ticks stay on quarters and never crowd; none elsewhere. Without a fiscal calendar
/// the quarters are calendar quarters, labelled by their month ("2026-07"); with one they are
/// fiscal quarters labelled "FY27 Q1" (the fiscal year named by the year it ends in, as the
/// finance tables name it), or "FY27" alone where labels fall a year or more apart.
fn quarter_tick(months: &[String], fiscal: Option<FiscalCalendar>, i: usize, fit: usize) -> String {
    let Some(m) = months.get(i).and_then(|m| m.parse::<YearMonth>().ok()) else {
        return String::new();
    };
    let every = [3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|e| months.len().div_ceil(*e) <= fit.max(2))
        .unwrap_or(120);
    let calendar = fiscal.unwrap_or(FiscalCalendar::new(1));
    let year = i64::from(calendar.year(m));
    let since = year * 12 + i64::from(calendar.month_of_year(m));
    if since.rem_euclid(every as i64) != 0 {
        return String::new();
    }
    let short = year.rem_euclid(100);
    match fiscal {
        None => m.to_string(),
        Some(_) if every >= 12 => format!("FY{short:02}"),
        Some(f) => format!("FY{short:02} Q{}", f.quarter(m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::report::Report;
    use crate::scenario::Scenario;

    #[test]
    fn month_ticks_fall_on_quarters() {
        let months: Vec<String> = (0..24)
            .map(|t| {
                crate::calendar::YearMonth::new(2026, 7)
                    .unwrap()
                    .plus(t)
                    .to_string()
            })
            .collect();
        let ticks = |months: &[String], fit: usize| -> Vec<String> {
            (0..months.len())
                .map(|i| quarter_tick(months, None, i, fit))
                .filter(|t| !t.is_empty())
                .collect()
        };
        let wide = ticks(&months, 10);
        assert_eq!(wide[..3], ["2026-07", "2026-10", "2027-01"]);
        assert_eq!(wide.len(), 8);
        // A phone fits five: half-years.
        assert_eq!(
            ticks(&months, 5),
            ["2026-07", "2027-01", "2027-07", "2028-01"]
        );
        let long: Vec<String> = (0..48)
            .map(|i| format!("{}-{:02}", 2026 + i / 12, i % 12 + 1))
            .collect();
        assert_eq!(ticks(&long, 6).len(), 4);
        assert!(ticks(&long, 6).iter().all(|t| t.ends_with("-01")));
    }

    /// The labelled ticks of a month axis of `n` months from July 2026, under a fiscal year
    /// from month `start`, where `fit` labels fit: (month, label) pairs.
    fn fiscal_ticks(start: u8, n: u32, fit: usize) -> Vec<(String, String)> {
        let months: Vec<String> = (0..n)
            .map(|t| YearMonth::new(2026, 7).unwrap().plus(t).to_string())
            .collect();
        (0..months.len())
            .map(|i| {
                let tick = quarter_tick(&months, Some(FiscalCalendar::new(start)), i, fit);
                (months[i].clone(), tick)
            })
            .filter(|(_, t)| !t.is_empty())
            .collect()
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn month_ticks_fall_on_fiscal_quarters_named_by_fiscal_year() {
        // A calendar fiscal year: ticks where calendar quarters start, named as finance does.
        let january = fiscal_ticks(1, 24, 10);
        assert_eq!(
            january[..3],
            pairs(&[
                ("2026-07", "FY26 Q3"),
                ("2026-10", "FY26 Q4"),
                ("2027-01", "FY27 Q1")
            ])
        );
        assert_eq!(january.len(), 8);
        // From April: July is the second quarter of FY2027 (April 2026 – March 2027); a phone's
        // five labels fall on fiscal half-years, April and October, not January and July.
        assert_eq!(
            fiscal_ticks(4, 24, 10)[0],
            pairs(&[("2026-07", "FY27 Q2")])[0]
        );
        assert_eq!(
            fiscal_ticks(4, 24, 5),
            pairs(&[
                ("2026-10", "FY27 Q3"),
                ("2027-04", "FY28 Q1"),
                ("2027-10", "FY28 Q3"),
                ("2028-04", "FY29 Q1")
            ])
        );
        // From October: FY2027 starts in October 2026; years apart, each label is a fiscal
        // year's first month.
        assert_eq!(
            fiscal_ticks(10, 24, 10)[..2],
            pairs(&[("2026-07", "FY26 Q4"), ("2026-10", "FY27 Q1")])
        );
        assert_eq!(
            fiscal_ticks(10, 48, 5),
            pairs(&[
                ("2026-10", "FY27"),
                ("2027-10", "FY28"),
                ("2028-10", "FY29"),
                ("2029-10", "FY30")
            ])
        );
        // From February: quarters start off the calendar's.
        let february: Vec<String> = fiscal_ticks(2, 12, 10).into_iter().map(|p| p.0).collect();
        assert_eq!(february, ["2026-08", "2026-11", "2027-02", "2027-05"]);
    }

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

    /// The texts of an SVG chart that would run past its edges (`width` × `height` pixels),
    /// by the same width estimate the layout uses.
    fn clipped(svg: &str, width: u32, height: u32) -> Vec<String> {
        let attr = |tag: &str, name: &str| -> Option<String> {
            let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[start..].split('"').next()?.to_string())
        };
        let mut out = Vec::new();
        for piece in svg.split("<text").skip(1) {
            let (tag, rest) = piece.split_once('>').unwrap();
            let text = rest.split("</text>").next().unwrap().trim();
            let chars = text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .chars()
                .count();
            let num = |name| attr(tag, name).unwrap().parse::<f64>().unwrap();
            let (x, y) = (num("x"), num("y"));
            let size = num("font-size") * 1.24;
            let w = chars as f64 * EM_WIDTH * size;
            let (from, to) = match attr(tag, "text-anchor").as_deref() {
                Some("middle") => (-w / 2.0, w / 2.0),
                Some("end") => (-w, 0.0),
                _ => (0.0, w),
            };
            let rotated = attr(tag, "transform").is_some();
            let (along, across, limit, other) = if rotated {
                (y, x, f64::from(height), f64::from(width))
            } else {
                (x, y, f64::from(width), f64::from(height))
            };
            if along + from < -1.0 || along + to > limit + 1.0 || across < 0.0 || across > other {
                out.push(format!("{text:?} at ({x}, {y}), {w:.0} px wide"));
            }
        }
        out
    }

    /// A phone (at two device pixel ratios), a wiki column and a wide page [CSS px, ratio].
    const SIZES: [(u32, f64); 4] = [(375, 1.0), (375, 2.0), (800, 1.0), (1060, 1.0)];

    /// `data` drawn as SVG `css_width` CSS pixels wide (as high as the page draws it) at
    /// `scale` device pixels per CSS pixel; with its width and height in device pixels.
    fn render(data: &ChartData, css_width: u32, scale: f64) -> (String, u32, u32) {
        let css_height = match (data.kind.tall(), css_width < 760) {
            (true, true) => 460,
            (true, false) => 520,
            (false, true) => 340,
            (false, false) => 360,
        };
        let (w, h) = (
            (f64::from(css_width) * scale) as u32,
            (f64::from(css_height) * scale) as u32,
        );
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            draw(&root, data, ChartStyle { scale }).unwrap();
        }
        (svg, w, h)
    }

    /// The texts of an SVG chart, in drawing order.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .map(|piece| {
                let rest = piece.split_once('>').unwrap().1;
                rest.split("</text>").next().unwrap().trim().to_string()
            })
            .collect()
    }

    #[test]
    fn the_month_the_budget_is_reached_is_marked_and_labelled_in_full_at_every_width() {
        let mut s = Scenario::default();
        s.uncertainty.draws = 6;
        s.scale_developers(200);
        s.months = 12;
        s.budget.fiscal_year_start = 7;
        let plain = Report::simulate(&s.validate(&Catalogue::builtin()).unwrap());
        // A budget the median month spend reaches about half-way: the label has least room.
        let budget: f64 = plain.policies[1].months[..7]
            .iter()
            .map(|m| m.figures.spend_usd.p50.unwrap())
            .sum();
        s.budget.annual_usd = Some(budget);
        let r = Report::simulate(&s.validate(&Catalogue::builtin()).unwrap());
        let data = ChartData::of(ChartKind::CumulativeSpend, &r, 1, None);
        let Plot::Monthly(m) = &data.plot else {
            panic!("a month chart");
        };
        let marked = m.marked.as_ref().expect("the crossing is marked");
        assert!(
            (4..=9).contains(&marked.month),
            "reached near the middle: {}",
            marked.month
        );
        assert_eq!(marked.tint, Tint::Series(1), "in the chosen set's colour");
        for (css_width, scale) in SIZES {
            let (svg, w, h) = render(&data, css_width, scale);
            let drawn = texts(&svg).join(" ");
            let label = marked.label.join(" ");
            assert!(
                drawn.contains(&label),
                "{label} not drawn in full at {css_width} px ×{scale}: {drawn}"
            );
            let off = clipped(&svg, w, h);
            assert!(off.is_empty(), "at {css_width} px ×{scale}: {off:#?}");
            assert!(
                svg.contains("<circle") && svg.contains("Month (FY from Jul)"),
                "a ring on the budget line; the axis follows the fiscal year"
            );
        }
        let unmarked = ChartData::of(ChartKind::CumulativeSpend, &plain, 1, None);
        let Plot::Monthly(m) = &unmarked.plot else {
            panic!("a month chart");
        };
        assert_eq!(m.marked, None, "no budget, no mark");
    }

    #[test]
    fn no_text_runs_off_a_phone_or_a_wiki_column_and_long_names_are_cut() {
        let mut s = Scenario::default();
        s.uncertainty.draws = 6;
        s.scale_developers(200);
        s.months = 12;
        let long = "Mandate + deployment leaderboard + guard rails with a ticket-owner rule";
        s.policies[3].name = long.into();
        // A budget adds the budget year and the budget line to the cumulative chart's legend.
        s.budget.annual_usd = Some(1_000_000.0);
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let r = Report::simulate(&v);
        let t = crate::sensitivity::difference_tornado(&v, 3, 0, 3);
        for kind in ChartKind::ALL {
            let data = ChartData::of(kind, &r, 3, Some(&t));
            for (css_width, scale) in SIZES {
                let (svg, w, h) = render(&data, css_width, scale);
                let off = clipped(&svg, w, h);
                for k in keys(&data) {
                    let start: String = k.label.chars().take(6).collect();
                    assert!(
                        svg.contains(&start),
                        "{kind:?} at {css_width} px: key {} not drawn",
                        k.label
                    );
                }
                assert!(
                    off.is_empty(),
                    "{kind:?} at {css_width} px ×{scale}: {off:#?}"
                );
                // The vertical axis title is drawn whole (it is cut to the plot's height when
                // it would run into the chart's title).
                assert!(
                    kind == ChartKind::Tornado || texts(&svg).iter().any(|t| t == kind.y_title()),
                    "{kind:?} at {css_width} px ×{scale}: y title cut"
                );
                if css_width == 375 && data.table().headers.iter().any(|h| h.contains(long)) {
                    assert!(
                        !svg.contains(long),
                        "{kind:?}: the long name is cut on a phone"
                    );
                    assert!(svg.contains('…'), "{kind:?}: with an ellipsis");
                }
            }
        }
    }

    #[test]
    fn titles_wrap_at_spaces_and_labels_are_cut_with_an_ellipsis() {
        let style = ChartStyle { scale: 2.0 };
        let long = "Mandate + deployment board + guard rails";
        assert_eq!(
            style.fit_text(long, LABEL, 1600),
            long,
            "room on a wide chart"
        );
        let cut = style.fit_text(long, LABEL, 300);
        assert!(
            cut.ends_with('…') && style.text_width(&cut, LABEL) <= 300,
            "{cut}"
        );
        assert!(long.starts_with(cut.trim_end_matches('…')));
        let lines = style.wrap(long, TITLE, 500, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| style.text_width(l, TITLE) <= 500));
        assert_eq!(
            lines.join(" ").replace('…', ""),
            lines.join(" "),
            "fits in two"
        );
        let phone = ChartStyle { scale: 1.0 };
        let caption =
            "What moves the extra spend of + token leaderboard over Baseline: mandate only";
        let lines = phone.wrap(caption, TITLE, 315, 3);
        assert_eq!(
            lines.join(" "),
            caption,
            "a long title fits three lines on a phone"
        );
        let three = style.wrap(&format!("{long} {long} {long}"), TITLE, 500, 2);
        assert_eq!(three.len(), 2);
        assert!(three[1].ends_with('…'));
    }

    #[test]
    fn legends_sit_below_the_plot_and_wrap_on_a_narrow_chart() {
        let r = report();
        let data = ChartData::of(ChartKind::MonthlySpend, &r, 0, None);
        let keys = keys(&data);
        assert_eq!(
            keys.len(),
            r.policies.len() + 1,
            "a key per set and the band"
        );
        let style = ChartStyle { scale: 1.0 };
        let (wide, wide_height) = lay_out(&keys, 1060, style);
        let (narrow, narrow_height) = lay_out(&keys, 375, style);
        assert!(narrow_height > wide_height, "more rows on a phone");
        let rows = |placed: &[(i32, i32, String)]| {
            let mut ys: Vec<i32> = placed.iter().map(|p| p.1).collect();
            ys.dedup();
            ys.len()
        };
        assert!(rows(&narrow) > rows(&wide));
        for (x, _, text) in &narrow {
            let right = x + style.pxi(32.0) + style.text_width(text, LABEL) as i32;
            assert!(right <= 375, "{text} runs to {right}");
        }
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (375, 280)).into_drawing_area();
            draw(&root, &data, style).unwrap();
        }
        let legend_y = |name: &str| -> f64 {
            let piece = svg
                .split("<text")
                .find(|p| {
                    p.split_once('>')
                        .unwrap()
                        .1
                        .split("</text>")
                        .next()
                        .unwrap()
                        .trim()
                        == name
                })
                .expect(name);
            let y = piece
                .split(" y=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            y.parse().unwrap()
        };
        let axis = legend_y("Month");
        for p in &r.policies {
            assert!(
                legend_y(&p.name) > axis,
                "{}'s key is below the plot",
                p.name
            );
        }
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
                // As high as the page draws it, so that the axis titles fit whole.
                let height = if kind.tall() { 520 } else { 360 };
                let root = SVGBackend::with_string(&mut svg, (640, height)).into_drawing_area();
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
                    svg.contains(crate::sensitivity::plain_name("usage.mean_spend_usd"))
                        && svg.contains("prior&apos;s P10")
                        && svg.contains("prior&apos;s P90"),
                    "tornado rows are named in plain words, with a legend for P10 and P90"
                );
            }
            assert!(
                svg.contains(kind.y_title()) || kind == ChartKind::Tornado,
                "{kind:?}"
            );
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
