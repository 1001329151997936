//! Figures as they are read: a median and its P10 – P90 range, written once here for the page's
//! comparison, the charts' data tables and the CLI's text output.

use crate::stats::Percentiles;
use crate::units::{format_count, format_usd};
use std::fmt;

/// A figure across draws as shown: the median's text and, when the draws give one, the
/// P10 – P90 range's text, kept apart so nothing has to split them again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figure {
    /// The median, e.g. `$1,234` (`n/a` when not available).
    pub median: String,
    /// The P10 – P90 range in brackets, e.g. `($1,000 – $1,500)`; `None` when the draws do not
    /// give both ends.
    pub range: Option<String>,
}

impl Figure {
    /// `p` with each value written by `write`: the median, and the range when P10, P50 and P90
    /// are all available; `n/a` when the median is not.
    pub fn of(p: &Percentiles, write: &dyn Fn(f64) -> String) -> Figure {
        match (p.p10, p.p50, p.p90) {
            (Some(low), Some(median), Some(high)) => Figure {
                median: write(median),
                range: Some(format!("({} – {})", write(low), write(high))),
            },
            (_, Some(median), _) => Figure::text(write(median)),
            _ => Figure::text(NOT_AVAILABLE.into()),
        }
    }

    /// Whole dollars [USD], with the range.
    pub fn usd(p: &Percentiles) -> Figure {
        Figure::of(p, &whole_usd)
    }

    /// A difference in whole dollars [USD] or in a count, signed, with the range.
    pub(crate) fn signed(p: &Percentiles, count: bool) -> Figure {
        Figure::of(p, &|v| signed(v, count))
    }

    /// A plain text with no range.
    pub fn text(text: String) -> Figure {
        Figure {
            median: text,
            range: None,
        }
    }
}

impl fmt::Display for Figure {
    /// `median (P10 – P90)`, or the median alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.range {
            Some(range) => write!(f, "{} {range}", self.median),
            None => f.write_str(&self.median),
        }
    }
}

/// What is shown for a figure that is not available.
pub(crate) const NOT_AVAILABLE: &str = "n/a";

/// Whole dollars with thousands separators: `$12,345` [USD].
pub(crate) fn whole_usd(v: f64) -> String {
    format_usd(v, 0)
}

/// Width of the label column in the CLI's text [characters].
pub const LABEL_WIDTH: usize = 40;

/// One line of text output, `  label  value`, the values in one column; a label too long for
/// it gets a line of its own, its value on the next.
pub fn text_line(label: &str, value: &str) -> String {
    if label.chars().count() > LABEL_WIDTH {
        format!("  {label}\n  {:LABEL_WIDTH$} {value}", "")
    } else {
        format!("  {label:<LABEL_WIDTH$} {value}")
    }
}

/// A fraction as a percentage with one decimal: `0.1234` → `12.3%`.
pub fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

/// A difference, `+` or `−` (minus sign) before whole dollars [USD] or a count; zero unsigned.
pub(crate) fn signed(v: f64, count: bool) -> String {
    let text = if count {
        format_count(v.abs())
    } else {
        format_usd(v.abs(), 0)
    };
    if v < 0.0 {
        format!("−{text}")
    } else if v > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// A label as a test hook: `"Total spend"` → `"total-spend"`.
pub(crate) fn slug(label: &str) -> String {
    label
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(p10: Option<f64>, p50: Option<f64>, p90: Option<f64>) -> Percentiles {
        Percentiles {
            p10,
            p50,
            p90,
            mean: None,
        }
    }

    #[test]
    fn a_figure_keeps_its_median_and_range_apart_and_joins_them_for_text() {
        let f = Figure::usd(&p(Some(1000.0), Some(1234.4), Some(20_000.0)));
        assert_eq!(f.median, "$1,234");
        assert_eq!(f.range.as_deref(), Some("($1,000 – $20,000)"));
        assert_eq!(f.to_string(), "$1,234 ($1,000 – $20,000)");
        let open = Figure::usd(&p(Some(1.0), Some(2.0), None));
        assert_eq!((open.median.as_str(), open.range), ("$2", None));
        assert_eq!(Figure::usd(&Percentiles::default()).to_string(), "n/a");
    }

    #[test]
    fn differences_are_signed_with_a_minus_sign_and_zero_is_bare() {
        let f = Figure::signed(&p(Some(-2000.0), Some(-1500.0), Some(10.0)), false);
        assert_eq!(f.to_string(), "−$1,500 (−$2,000 – +$10)");
        assert_eq!(Figure::signed(&p(None, Some(0.0), None), true).median, "0");
        assert_eq!(signed(1234.0, true), "+1,234");
    }

    #[test]
    fn percentages_and_slugs() {
        assert_eq!(percent(0.1234), "12.3%");
        assert_eq!(slug("Top 10% share of spend"), "top-10-share-of-spend");
        assert_eq!(slug("Mean spend (as exported)"), "mean-spend-as-exported");
    }

    #[test]
    fn text_lines_keep_values_in_one_column_and_give_long_labels_a_line_of_their_own() {
        let short = text_line("FY2027", "$1");
        assert_eq!(short.find('$'), Some(2 + LABEL_WIDTH + 1));
        let label = "Probability the budget runs out in any budget year, Jul 2026 – Jun 2028";
        let long = text_line(label, "81.0%");
        let (first, second) = long.split_once('\n').unwrap();
        assert_eq!(first, format!("  {label}"));
        assert_eq!(second.find('8'), Some(2 + LABEL_WIDTH + 1));
    }
}
