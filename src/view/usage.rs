//! The "Your usage data" panel as plain data: the files read (format, rows, rows skipped by
//! reason with examples, people, months), the calibration's fitted values with their 90 %
//! intervals and what kept its default (from the scenario's [`Provenance`]), and the two
//! diagnostics charts' series: per-user monthly spend observed against the fitted lognormal,
//! and people first seen by month against the fitted Bass curve.

use crate::calibrate::batch::{BatchOutcome, FileReport};
use crate::calibrate::{AdoptionCurve, SpendHistogram};
use crate::scenario::{Provenance, Scenario, Section, FIELDS};
use crate::units::{format_count, format_usd};

/// The panel's contents.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageView {
    /// One line per file.
    pub files: Vec<FileLine>,
    /// What the calibration used, in a sentence, when it made a scenario.
    pub summary: Option<String>,
    /// Why no scenario was made.
    pub error: Option<String>,
    /// Each fitted value.
    pub fitted: Vec<FittedLine>,
    /// Each value that kept its default: label and reason.
    pub kept: Vec<(String, String)>,
    /// The spend diagnostics chart.
    pub spend: Option<SpendChart>,
    /// The adoption diagnostics chart.
    pub adoption: Option<AdoptionChart>,
    /// How long the import and calibration took, e.g. "read and calibrated in 1.2 s".
    pub timing: String,
}

/// One file as read.
#[derive(Debug, Clone, PartialEq)]
pub struct FileLine {
    /// The file's name.
    pub file: String,
    /// The format, in words.
    pub format: String,
    /// E.g. "1,204 rows read, 1,200 imported, 4 skipped".
    pub rows: String,
    /// Skipped rows by reason, e.g. "bad date: 3".
    pub skipped: Vec<String>,
    /// The first skipped records, with file, line and column.
    pub problems: Vec<String>,
    /// E.g. "60 people, 6 months".
    pub reach: String,
    /// Why the file could not be read.
    pub error: Option<String>,
}

/// One fitted value.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedLine {
    /// The field's path in the scenario (a stable key for tests).
    pub path: String,
    /// The field's label on screen.
    pub label: String,
    /// The value with its unit.
    pub value: String,
    /// The 90 % interval, `low – high`, when the value has one.
    pub interval: Option<String>,
    /// How it was fitted.
    pub method: String,
}

/// Per-user monthly spend: bars of people observed per bin, the fitted lognormal's expectation
/// per bin as a line.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendChart {
    /// Bars: from, to [USD / month], people observed [developers].
    pub bars: Vec<(f64, f64, f64)>,
    /// Fitted people per bin at each bin's geometric middle [USD / month, developers].
    pub fitted: Vec<(f64, f64)>,
    /// Caption.
    pub caption: String,
    /// What the chart shows, for screen readers.
    pub description: String,
}

/// People first seen by month: observed points and the fitted curve.
#[derive(Debug, Clone, PartialEq)]
pub struct AdoptionChart {
    /// Month labels, e.g. "2026-01".
    pub months: Vec<String>,
    /// Observed [developers].
    pub observed: Vec<f64>,
    /// Fitted [developers].
    pub fitted: Vec<f64>,
    /// Caption.
    pub caption: String,
    /// What the chart shows, for screen readers.
    pub description: String,
}

/// The format's name in words.
pub fn format_label(name: &str) -> &str {
    match name {
        "copilot" => "GitHub Copilot AI usage report",
        "copilot-premium" => "GitHub Copilot premium requests",
        "cursor" => "Cursor team usage",
        "litellm-csv" => "LiteLLM daily user spend (CSV)",
        "litellm-json" => "LiteLLM daily activity (JSON)",
        "ccusage" => "ccusage",
        "anthropic-usage" => "Anthropic usage report",
        "claude-code" => "Claude Code analytics",
        "openai-usage" => "OpenAI organisation usage",
        "focus" => "FOCUS cost file",
        "" => "not read",
        other => other,
    }
}

/// Whole numbers with thousands separators.
fn count(n: u64) -> String {
    format_usd(n as f64, 0).trim_start_matches('$').to_string()
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

impl FileLine {
    fn of(f: &FileReport) -> FileLine {
        let skipped: u64 = f.skipped.iter().map(|(_, n)| n).sum();
        FileLine {
            file: f.file.clone(),
            format: format_label(&f.format).to_string(),
            rows: format!(
                "{} read, {} imported, {} skipped",
                plural(f.rows_read, "row", "rows"),
                count(f.rows_imported),
                count(skipped)
            ),
            skipped: f
                .skipped
                .iter()
                .map(|(r, n)| format!("{}: {}", r.replace('-', " "), count(*n)))
                .collect(),
            problems: f.problems.clone(),
            reach: format!(
                "{}, {}, {} gross",
                plural(f.users, "person", "people"),
                plural(f.months, "month", "months"),
                format_usd(f.gross_usd, 0)
            ),
            error: f.error.clone(),
        }
    }
}

/// A fitted value's label and unit: a model parameter's path with its meaning, another
/// field's label, or the structural values' own.
fn label_and_unit(path: &str) -> (String, &'static str) {
    match path {
        "token_mix" => return ("Cache-read share of tokens".into(), "share"),
        "model_mix" => return ("Models in the mix".into(), ""),
        "organisation" => return ("Headcount".into(), "developers"),
        "pricing" => return ("Price paid vs list".into(), TIMES_LIST),
        _ => {}
    }
    match FIELDS.iter().find(|f| f.path == path) {
        Some(f) if f.section == Section::Param => (format!("{path}: {}", f.unit), f.unit),
        Some(f) => (f.label.to_string(), f.unit),
        None => (path.to_string(), ""),
    }
}

/// The unit of a price level: what was billed over the same tokens at list price.
const TIMES_LIST: &str = "× list";

/// A value in its unit: dollars, a percentage for shares, otherwise to about three
/// significant figures with a short unit (a long unit is said in the label).
fn value_text(value: f64, unit: &str) -> String {
    if unit.starts_with("USD") {
        return format_usd(value, if value.abs() < 100.0 { 2 } else { 0 });
    }
    if unit.starts_with("share") || unit.contains(", share of") {
        return format!("{:.1} %", value * 100.0);
    }
    if unit == TIMES_LIST {
        return format!("{value:.2} {TIMES_LIST}");
    }
    let digits = if value.abs() >= 100.0 || value.fract() == 0.0 {
        0
    } else if value.abs() >= 1.0 {
        2
    } else {
        3
    };
    let number = if digits == 0 {
        format_count(value)
    } else {
        format!("{value:.digits$}")
    };
    if unit.is_empty() || unit.len() > 12 {
        number
    } else {
        format!("{number} {unit}")
    }
}

impl FittedLine {
    fn of(f: &crate::scenario::Fitted) -> FittedLine {
        let (label, unit) = label_and_unit(&f.path);
        FittedLine {
            path: f.path.clone(),
            label,
            value: value_text(f.value, unit),
            interval: {
                let (low, high) = (value_text(f.low, unit), value_text(f.high, unit));
                // An interval too narrow to show at the value's precision is not shown.
                (f.high > f.low && low != high).then(|| format!("{low} – {high}"))
            },
            method: f.method.clone(),
        }
    }
}

impl SpendChart {
    fn of(h: &SpendHistogram) -> SpendChart {
        let bars = h
            .edges_usd
            .windows(2)
            .zip(&h.observed)
            .map(|(w, n)| (w[0], w[1], *n as f64))
            .collect();
        let fitted = h
            .edges_usd
            .windows(2)
            .zip(&h.fitted)
            .map(|(w, n)| ((w[0] * w[1]).sqrt(), *n))
            .collect();
        let people: u64 = h.observed.iter().sum();
        let censored = if h.censored > 0 {
            format!(", {} at the cap", count(h.censored))
        } else {
            String::new()
        };
        SpendChart {
            bars,
            fitted,
            caption: format!(
                "Monthly spend per agentic person: observed ({}{censored}) and fitted lognormal (σ {:.2})",
                plural(people, "person", "people"),
                h.sigma
            ),
            description: format!(
                "Histogram of {} by monthly spend from {} to {}, with the fitted lognormal's expected count per bin",
                plural(people, "person", "people"),
                format_usd(h.edges_usd[0], 0),
                format_usd(*h.edges_usd.last().unwrap_or(&0.0), 0)
            ),
        }
    }
}

impl AdoptionChart {
    fn of(a: &AdoptionCurve) -> AdoptionChart {
        let last = a.observed.last().copied().unwrap_or(0.0);
        AdoptionChart {
            months: a.months.iter().map(|m| m.to_string()).collect(),
            observed: a.observed.clone(),
            fitted: a.fitted.clone(),
            caption: format!(
                "People first seen by month: observed and fitted Bass curve (p {:.3}, q {:.2}, {:.0} eventual adopters)",
                a.p, a.q, a.market
            ),
            description: format!(
                "{} months of adoption reaching {} people, with the fitted Bass curve",
                a.months.len(),
                last
            ),
        }
    }
}

impl UsageView {
    /// The panel for a batch's outcome.
    pub fn new(outcome: &BatchOutcome) -> UsageView {
        let scenario = outcome
            .scenario
            .as_deref()
            .and_then(|t| Scenario::from_json(t, "calibration").ok());
        let provenance = scenario.as_ref().and_then(|s| s.provenance.as_ref());
        let d = outcome.diagnostics.as_ref();
        UsageView {
            files: outcome.files.iter().map(FileLine::of).collect(),
            summary: scenario
                .as_ref()
                .and_then(|s| provenance.map(|p| summary(p, s))),
            error: outcome.error.clone(),
            fitted: provenance
                .map(|p| p.fitted.iter().map(FittedLine::of).collect())
                .unwrap_or_default(),
            kept: provenance
                .map(|p| {
                    p.not_fitted
                        .iter()
                        .map(|n| (label_and_unit(&n.path).0, n.reason.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            spend: d.and_then(|d| d.spend.as_ref()).map(SpendChart::of),
            adoption: d.and_then(|d| d.adoption.as_ref()).map(AdoptionChart::of),
            timing: format!(
                "Read and calibrated in the page in {}; the files were not sent anywhere.",
                seconds(outcome.elapsed_ms)
            ),
        }
    }
}

/// A duration of `ms` milliseconds in seconds to a tenth, `under 0.1 s` when shorter.
fn seconds(ms: f64) -> String {
    if ms < 50.0 {
        "under 0.1 s".to_string()
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

/// What the panel says before any file is read.
pub const INTRO: &str = "Calibrate the scenario to your organisation: GitHub Copilot, Cursor, LiteLLM, ccusage, Anthropic, OpenAI or FOCUS exports. Files are read in this page and never sent anywhere; only fitted values and monthly totals join the scenario.";

/// Where a calibrated scenario comes from: its provenance's summary and fitted values, when it
/// has one.
pub fn applied(s: &Scenario) -> Option<(String, Vec<FittedLine>)> {
    let p = s.provenance.as_ref()?;
    Some((summary(p, s), p.fitted.iter().map(FittedLine::of).collect()))
}

/// What a calibration used, in a sentence.
pub fn summary(p: &Provenance, s: &Scenario) -> String {
    format!(
        "Calibrated to {}, {}, {} – {}; the scenario runs {} from {}.",
        plural(p.rows, "row", "rows"),
        plural(p.users, "person", "people"),
        p.first_month,
        p.last_month,
        plural(u64::from(s.months), "month", "months"),
        s.start_month
    )
}

/// The progress line while files are read, e.g. "Reading usage files: 12.0 of 180.0 MB".
pub fn progress_text(done: u64, total: u64) -> String {
    let mb = |b: u64| b as f64 / 1_048_576.0;
    format!(
        "Reading and calibrating usage files: {:.1} of {:.1} MB",
        mb(done.min(total)),
        mb(total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibrate::batch::{run, BatchRequest};
    use crate::calibrate::diagnostics::tests::copilot;

    fn outcome() -> BatchOutcome {
        let text = copilot(80) + "not-a-date,dev1,copilot,premium,Claude Sonnet 4.6,1,requests,1,1,0,1,acme,,Platform\n";
        let request = BatchRequest {
            generation: 1,
            names: vec!["org.csv".into()],
            sizes: vec![text.len() as u64],
            options: crate::calibrate::Options::default(),
            base: Scenario::default().to_json(),
        };
        run(
            &request,
            vec![("org.csv".to_string(), text.as_bytes())],
            &mut |_| {},
            &|| 0.0,
        )
    }

    #[test]
    fn files_are_described_with_their_skipped_rows() {
        let v = UsageView::new(&outcome());
        let f = &v.files[0];
        assert_eq!(f.format, "GitHub Copilot AI usage report");
        assert!(f.rows.ends_with("1 skipped"), "{}", f.rows);
        assert_eq!(f.skipped, ["bad date: 1"]);
        assert!(f.problems[0].starts_with("org.csv:"), "{:?}", f.problems);
        assert!(f.reach.starts_with("80 people, 6 months"), "{}", f.reach);
    }

    #[test]
    fn fitted_values_carry_their_labels_and_intervals() {
        let v = UsageView::new(&outcome());
        let sigma = v.fitted.iter().find(|f| f.path == "usage.sigma").unwrap();
        assert_eq!(sigma.label, "usage.sigma: log-sd of per-developer demand");
        assert!(sigma.value.parse::<f64>().is_ok(), "{}", sigma.value);
        // The column is headed "90 % interval": its cells are the bounds alone.
        let (low, high) = sigma.interval.as_ref().unwrap().split_once(" – ").unwrap();
        assert!(low.parse::<f64>().unwrap() < high.parse::<f64>().unwrap());
        let mean = v
            .fitted
            .iter()
            .find(|f| f.path == "usage.mean_spend_usd")
            .unwrap();
        assert!(mean.value.starts_with('$'), "{}", mean.value);
        let headcount = v.fitted.iter().find(|f| f.path == "organisation").unwrap();
        assert_eq!(headcount.value, "80 developers");
        assert_eq!(label_and_unit("model_mix").0, "Models in the mix");
        assert_eq!(value_text(2000.0, "draws"), "2,000 draws");
        let ramp = label_and_unit("adoption.ramp_floor").1;
        assert_eq!(value_text(0.4, ramp), "40.0 %");
        // Premium requests have no token counts: the price paid cannot be told from them.
        let (label, reason) = v
            .kept
            .iter()
            .find(|(label, _)| label == "Price paid vs list")
            .unwrap();
        assert!(reason.contains("list prices kept"), "{label}: {reason}");
        assert_eq!(value_text(3.1008, TIMES_LIST), "3.10 × list");
        let narrow = crate::scenario::Fitted {
            path: "pricing".into(),
            value: 3.1008,
            low: 3.1006,
            high: 3.1010,
            method: String::new(),
        };
        assert_eq!(FittedLine::of(&narrow).interval, None);
        assert_eq!(value_text(3.0, ""), "3");
        assert!(v.summary.as_ref().unwrap().contains("80 people"));
        assert!(v.error.is_none());
    }

    #[test]
    fn the_charts_series_follow_the_diagnostics() {
        let o = outcome();
        let v = UsageView::new(&o);
        let d = o.diagnostics.unwrap();
        let spend = v.spend.unwrap();
        let h = d.spend.unwrap();
        assert_eq!(spend.bars.len(), h.observed.len());
        assert!(spend.bars.windows(2).all(|w| w[0].1 == w[1].0));
        let people: f64 = spend.bars.iter().map(|b| b.2).sum();
        assert_eq!(people, h.observed.iter().sum::<u64>() as f64);
        assert!(spend
            .fitted
            .iter()
            .zip(&spend.bars)
            .all(|(f, b)| b.0 < f.0 && f.0 < b.1));
        let adoption = v.adoption.unwrap();
        assert_eq!(adoption.months[0], "2026-01");
        assert_eq!(adoption.observed.last(), Some(&80.0));
        assert!(adoption.caption.contains("Bass"));
    }

    #[test]
    fn progress_is_said_in_megabytes() {
        assert_eq!(
            progress_text(1_048_576, 3 * 1_048_576),
            "Reading and calibrating usage files: 1.0 of 3.0 MB"
        );
    }

    #[test]
    fn a_quick_calibration_is_not_said_to_take_no_time() {
        assert_eq!(seconds(12.0), "under 0.1 s");
        assert_eq!(seconds(1_460.0), "1.5 s");
    }
}
