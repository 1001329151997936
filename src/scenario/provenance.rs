//! Where a calibrated scenario's values come from: the usage exports read (formats and counts,
//! never people's names or file names), each fitted value with its interval and method, and
//! what could not be fitted and kept its default. Written by calibration, carried with the
//! scenario (file, link, autosave) and shown beside it.

use crate::calendar::YearMonth;
use serde::{Deserialize, Serialize};

/// The record of a calibration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The exports read, by format.
    pub sources: Vec<SourceCount>,
    /// Usage rows read into the fit (after skipped rows) [rows].
    pub rows: u64,
    /// Distinct people seen [developers].
    pub users: u64,
    /// First month with usage.
    pub first_month: YearMonth,
    /// Last month with usage.
    pub last_month: YearMonth,
    /// Each fitted value.
    pub fitted: Vec<Fitted>,
    /// Each value that kept its default, and why.
    pub not_fitted: Vec<NotFitted>,
    /// What was observed beside the fit, for diagnostics.
    pub observed: Observed,
}

/// The files of one format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceCount {
    /// The format's name, as `burnrate usage import --from` spells it.
    pub format: String,
    /// Files read.
    pub files: u32,
    /// Rows imported from them.
    pub rows: u64,
}

/// One fitted value: the scenario's value is `value`; its prior spans `[low, high]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fitted {
    /// The field's path in the scenario, e.g. `usage.sigma`.
    pub path: String,
    /// The estimate, in the field's unit.
    pub value: f64,
    /// Lower end of the 90 % interval.
    pub low: f64,
    /// Upper end of the 90 % interval.
    pub high: f64,
    /// How it was fitted, in words.
    pub method: String,
}

/// A value that kept its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotFitted {
    /// The field's path in the scenario.
    pub path: String,
    /// Why, in words.
    pub reason: String,
}

/// Figures observed in the exports, beside what the fit implies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observed {
    /// Gross spend in the exports by month [USD], from `first_month` on.
    pub monthly_gross_usd: Vec<f64>,
    /// People first seen by the end of each month, from `first_month` on [developers].
    pub cumulative_users: Vec<u64>,
    /// Share of total spend held by the top 10 % of agentic users, observed.
    pub top_decile_share: Option<f64>,
    /// The same share implied by the fitted spread.
    pub top_decile_share_fitted: Option<f64>,
    /// Agentic users whose spend was fitted [developers].
    pub fitted_users: u64,
    /// Of which held back by the spending cap (their spend is right-censored) [developers].
    pub censored_users: u64,
    /// Rows without token counts, whose cost stood for reference spend [rows].
    pub rows_without_tokens: u64,
    /// Rows naming no one (counted in spend, not in per-person fits) [rows].
    pub rows_without_user: u64,
}
