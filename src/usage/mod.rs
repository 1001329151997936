//! Usage and billing exports read into one normalised row type ([`UsageRow`]): GitHub Copilot
//! AI usage and premium-request reports, Cursor team usage, LiteLLM daily spend, ccusage,
//! Anthropic usage and Claude Code analytics, OpenAI organisation usage and FOCUS cost files.
//!
//! The format is detected from the content ([`Source::detect`]) or named; columns and fields
//! are found by name, never by position. CSV files are read record by record and JSON pages as
//! one document, both within [`MAX_USAGE_BYTES`]; a malformed record is skipped and counted by
//! reason with its file, line (or record path) and column ([`FileSummary`]), never a panic.
//! Money is converted to dollars once, through [`MONEY_UNITS`]. Rows without a cost are priced
//! with the catalogue in use at its base list rates; a model the catalogue does not know keeps
//! its label, is priced from the file's own cost when there is one and is otherwise flagged
//! unpriced, never $0. docs/usage-formats.md describes each format as read here.

mod anthropic;
mod ccusage;
mod copilot;
mod cursor;
mod focus;
mod json;
mod litellm;
mod models;
mod openai;
mod summary;
mod table;

pub use models::Model;

pub(crate) use models::normalise_model;
pub use summary::ModelSummary;
pub use summary::{pseudonym, FileSummary};

use crate::calendar::Date;
use crate::pricing::{Catalogue, UsageBundle};
use crate::units::{Tokens, Usd};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::str::FromStr;
use thiserror::Error;

/// Largest usage file read [bytes]. CSV files stream record by record, so memory does not grow
/// with them (a 1,000,000-row Copilot report is about 200 MB); a JSON file is parsed as one
/// document and must also fit [`MAX_USAGE_JSON_BYTES`].
pub(crate) const MAX_USAGE_BYTES: u64 = 1024 * 1024 * 1024;

/// Largest JSON usage file [bytes]: an API page holds at most a few thousand records (about
/// 1 MB); parsing 64 MB of JSON takes a few hundred MB of memory.
pub const MAX_USAGE_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// Most problems named one by one in a file's summary; the rest are only counted.
pub(crate) const MAX_NAMED_PROBLEMS: usize = 20;

/// A usage-export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// GitHub Copilot "AI usage report" CSV (billing, from June 2026).
    Copilot,
    /// GitHub Copilot premium-request report CSV (to December 2025).
    CopilotPremium,
    /// Cursor team usage CSV (dashboard export).
    Cursor,
    /// LiteLLM daily per-user spend (`LiteLLM_DailyUserSpend`) as CSV.
    LitellmCsv,
    /// LiteLLM `/user/daily/activity` JSON.
    LitellmJson,
    /// ccusage `daily` / `monthly` `--json` output (one developer per file).
    Ccusage,
    /// Anthropic Admin API usage report (messages) or analytics usage rows, as saved JSON pages.
    AnthropicUsage,
    /// Anthropic Claude Code analytics JSON pages.
    ClaudeCode,
    /// OpenAI organisation usage (completions) JSON pages.
    OpenaiUsage,
    /// FOCUS 1.2 / 1.3 cost and usage CSV (AI token rows).
    Focus,
}

impl Source {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Source; 10] = [
        Source::Copilot,
        Source::CopilotPremium,
        Source::Cursor,
        Source::LitellmCsv,
        Source::LitellmJson,
        Source::Ccusage,
        Source::AnthropicUsage,
        Source::ClaudeCode,
        Source::OpenaiUsage,
        Source::Focus,
    ];

    /// The name used on the command line and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Source::Copilot => "copilot",
            Source::CopilotPremium => "copilot-premium",
            Source::Cursor => "cursor",
            Source::LitellmCsv => "litellm-csv",
            Source::LitellmJson => "litellm-json",
            Source::Ccusage => "ccusage",
            Source::AnthropicUsage => "anthropic-usage",
            Source::ClaudeCode => "claude-code",
            Source::OpenaiUsage => "openai-usage",
            Source::Focus => "focus",
        }
    }

    /// Whether the format is JSON (read whole) rather than CSV (streamed).
    pub(crate) fn is_json(self) -> bool {
        matches!(
            self,
            Source::LitellmJson
                | Source::Ccusage
                | Source::AnthropicUsage
                | Source::ClaudeCode
                | Source::OpenaiUsage
        )
    }

    /// Whether one file holds one person's usage and may name no one, so that the file name
    /// is the user key (ccusage, a LiteLLM `/user/daily/activity` page, a personal Cursor
    /// export).
    pub(crate) fn one_user_per_file(self) -> bool {
        matches!(self, Source::Ccusage | Source::LitellmJson | Source::Cursor)
    }

    /// Guesses the format from the first bytes of a file (its CSV header or JSON keys).
    pub fn detect(head: &[u8]) -> Option<Source> {
        let text = String::from_utf8_lossy(head);
        let t = text.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            return detect_json(t);
        }
        let header = table::header_names(t.lines().next()?);
        let has = |name: &str| header.iter().any(|h| h == name);
        if has("billedcost") && has("skumeter") {
            Some(Source::Focus)
        } else if has("exceeds_quota") || has("exceeds monthly quota") {
            Some(Source::CopilotPremium)
        } else if has("username") && (has("gross_amount") || has("net_amount")) {
            Some(Source::Copilot)
        } else if has("input (w/o cache write)") || (has("kind") && has("max mode")) {
            Some(Source::Cursor)
        } else if has("user_id") && has("spend") && has("prompt_tokens") {
            Some(Source::LitellmCsv)
        } else {
            None
        }
    }
}

fn detect_json(t: &str) -> Option<Source> {
    let has = |key: &str| t.contains(&format!("\"{key}\""));
    if has("model_breakdown") || has("core_metrics") || has("terminal_type") {
        Some(Source::ClaudeCode)
    } else if has("modelBreakdowns")
        || has("totalCost")
        || has("costUSD")
        || (has("inputTokens") && (has("daily") || has("monthly") || has("type")))
    {
        Some(Source::Ccusage)
    } else if has("input_cached_tokens") || t.contains("organization.usage.completions") {
        Some(Source::OpenaiUsage)
    } else if has("uncached_input_tokens") || has("cache_creation") {
        Some(Source::AnthropicUsage)
    } else if has("metrics") && (has("breakdown") || has("spend")) {
        Some(Source::LitellmJson)
    } else {
        None
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Source {
    type Err = String;
    fn from_str(s: &str) -> Result<Source, String> {
        Source::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown usage format \"{s}\" (allowed: {})",
                    Source::ALL.map(Source::name).join(", ")
                )
            })
    }
}

/// The unit a source writes money in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum MoneyUnit {
    /// US dollars (`1.25` is $1.25).
    Dollars,
    /// Whole US cents (`1025` is $10.25).
    Cents,
    /// US cents with a fractional part, as decimal strings (`"123.45"` is $1.2345).
    FractionalCents,
    /// The file carries no money: rows are priced with the catalogue.
    None,
}

impl MoneyUnit {
    /// The amount in dollars [USD] of a figure written in this unit.
    pub(crate) fn to_usd(self, amount: f64) -> Usd {
        match self {
            MoneyUnit::Dollars | MoneyUnit::None => Usd(amount),
            MoneyUnit::Cents | MoneyUnit::FractionalCents => Usd(amount / 100.0),
        }
    }
}

/// Where each source keeps its money and in which unit: the one table every importer converts
/// through.
pub(crate) const MONEY_UNITS: [(Source, &str, MoneyUnit); 10] = [
    (
        Source::Copilot,
        "gross_amount, net_amount",
        MoneyUnit::Dollars,
    ),
    (
        Source::CopilotPremium,
        "gross_amount, net_amount (else requests × $0.04)",
        MoneyUnit::Dollars,
    ),
    (Source::Cursor, "Cost (\"$0.01\")", MoneyUnit::Dollars),
    (Source::LitellmCsv, "spend", MoneyUnit::Dollars),
    (Source::LitellmJson, "metrics.spend", MoneyUnit::Dollars),
    (
        Source::Ccusage,
        "totalCost, costUSD, cost",
        MoneyUnit::Dollars,
    ),
    (
        Source::AnthropicUsage,
        "list_amount, amount",
        MoneyUnit::FractionalCents,
    ),
    (
        Source::ClaudeCode,
        "estimated_cost.amount",
        MoneyUnit::Cents,
    ),
    (Source::OpenaiUsage, "(none)", MoneyUnit::None),
    (Source::Focus, "ListCost, BilledCost", MoneyUnit::Dollars),
];

/// The money unit of a source (from [`MONEY_UNITS`]).
pub(crate) fn money_unit(source: Source) -> MoneyUnit {
    MONEY_UNITS
        .iter()
        .find(|(s, _, _)| *s == source)
        .map_or(MoneyUnit::None, |(_, _, u)| *u)
}

/// The span of time one row covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// One UTC day.
    Day,
    /// A calendar month (ccusage `monthly`); the row's day is the month's first.
    Month,
}

/// Where a row's gross cost comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CostBasis {
    /// The file's own cost column.
    File,
    /// Priced from the tokens with the catalogue in use.
    Catalogue,
    /// Neither: an unknown model without a cost in the file (flagged, never $0).
    Unpriced,
}

/// One normalised usage row: one user's use of one model on one day (or month).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsageRow {
    /// The UTC day (for a monthly row, the month's first day).
    pub day: Date,
    /// Whether the row covers a day or a month.
    pub period: Period,
    /// Who used it: login, email, user or account id, API key, or the file name for one-user
    /// files; `None` when the record names no one (FOCUS, unnamed API buckets).
    pub user: Option<String>,
    /// Cost centre (Copilot `cost_center_name`, FOCUS `SubAccountName`), when present.
    pub cost_centre: Option<String>,
    /// Team (LiteLLM `team_id`), when present.
    pub team: Option<String>,
    /// Organisation (Copilot `organization`, Anthropic workspace, Claude Code organisation),
    /// when present.
    pub organisation: Option<String>,
    /// The model, normalised to a catalogue id when the catalogue knows it.
    pub model: Model,
    /// Uncached prompt tokens [tokens].
    pub input: Tokens,
    /// Prompt tokens read from the cache [tokens].
    pub cache_read: Tokens,
    /// Prompt tokens written to the cache (5-minute and 1-hour) [tokens].
    pub cache_write: Tokens,
    /// Generated tokens [tokens].
    pub output: Tokens,
    /// Cost before included credits and discounts [USD]; `None` when unpriced.
    pub gross: Option<Usd>,
    /// Cost billed after included credits and discounts [USD]; `None` when the file has none.
    pub net: Option<Usd>,
    /// Where `gross` comes from.
    pub basis: CostBasis,
    /// The format the row was read from.
    pub source: Source,
}

impl UsageError {
    /// The message as the page says it: as [`std::fmt::Display`] has it, but a file whose format
    /// is not recognised is told what the page reads rather than the command line's `--from`.
    pub fn in_page(&self) -> String {
        match self {
            UsageError::UnknownFormat { file } => format!(
                "{file}: cannot tell which usage export this is (the page reads GitHub Copilot, \
                 Cursor, LiteLLM, ccusage, Claude Code, Anthropic, OpenAI and FOCUS exports, as \
                 each tool writes them)"
            ),
            other => other.to_string(),
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Error)]
pub enum UsageError {
    /// The format could not be recognised.
    #[error("{file}: cannot tell the usage format; name it with --from (allowed: {})", Source::ALL.map(Source::name).join(", "))]
    UnknownFormat {
        /// The file.
        file: String,
    },
    /// The file holds nothing but blanks.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file.
        file: String,
    },
    /// The file is larger than the limit.
    #[error("{file}: more than {limit} bytes, the limit on a {kind} usage file")]
    TooLarge {
        /// The file.
        file: String,
        /// The limit [bytes].
        limit: u64,
        /// `CSV` or `JSON`.
        kind: &'static str,
    },
    /// The file could not be read.
    #[error("{file}: cannot read: {message}")]
    Read {
        /// The file.
        file: String,
        /// The operating system's message.
        message: String,
    },
    /// A column the format needs is missing from the header.
    #[error("{file}: not a {format} file: no column {column} in the header (line 1)")]
    MissingColumn {
        /// The file.
        file: String,
        /// The format it was read as.
        format: Source,
        /// The column (or alternatives) looked for.
        column: String,
    },
    /// The file is not of the expected shape.
    #[error("{file}: not a valid {format} file: {message}")]
    Malformed {
        /// The file.
        file: String,
        /// The format it was read as.
        format: Source,
        /// What is wrong, with line and column where known.
        message: String,
    },
}

/// The largest magnitude a number in a usage export may have (10^15 tokens, or dollars, in one
/// record); a record with a larger one is skipped as [`SkipReason::OutOfRange`].
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Why one record was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// The day is missing or not a date.
    BadDate,
    /// A number (tokens or money) is not a finite number.
    BadNumber,
    /// Tokens are negative.
    NegativeTokens,
    /// A number (tokens or money) is beyond ±[`MAX_MAGNITUDE`]: no real export holds one,
    /// and sums of them would overflow.
    OutOfRange,
    /// No model is named.
    MissingModel,
    /// A cell is not UTF-8 text.
    NotText,
    /// The record is not of the expected shape (a JSON record that is not an object, a CSV row
    /// that cannot be split).
    BadRecord,
    /// Money in another currency than USD.
    NotUsd,
    /// A FOCUS row that is not a token charge.
    NotTokens,
}

impl SkipReason {
    /// The reason's name in summaries.
    pub fn name(self) -> &'static str {
        match self {
            SkipReason::BadDate => "bad-date",
            SkipReason::BadNumber => "bad-number",
            SkipReason::NegativeTokens => "negative-tokens",
            SkipReason::OutOfRange => "out-of-range",
            SkipReason::MissingModel => "missing-model",
            SkipReason::NotText => "not-text",
            SkipReason::BadRecord => "bad-record",
            SkipReason::NotUsd => "not-usd",
            SkipReason::NotTokens => "not-tokens",
        }
    }
}

/// A record skipped: why, and in which column (or JSON field).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bad {
    reason: SkipReason,
    column: String,
}

impl Bad {
    fn new(reason: SkipReason, column: &str) -> Bad {
        Bad {
            reason,
            column: column.to_string(),
        }
    }
}

/// One record as a format reads it, before model normalisation and pricing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    day: Option<Date>,
    monthly: bool,
    user: Option<String>,
    cost_centre: Option<String>,
    team: Option<String>,
    organisation: Option<String>,
    model: String,
    /// Token counts; cache writes split into 5-minute and 1-hour for pricing [tokens].
    tokens: UsageBundle,
    /// [USD]
    gross: Option<Usd>,
    /// [USD]
    net: Option<Usd>,
}

/// What a format reader writes to: normalises, prices, counts and hands rows on.
pub(crate) struct Ctx<'a> {
    file: &'a str,
    source: Source,
    fallback_user: Option<String>,
    catalogue: &'a Catalogue,
    models: HashMap<String, Model>,
    summary: FileSummary,
    sink: &'a mut dyn FnMut(UsageRow),
}

impl Ctx<'_> {
    /// Counts a skipped record at `line` (CSV line, or 0 for JSON where `column` is the path).
    fn skip(&mut self, bad: Bad, line: u64) {
        self.summary.rows_read += 1;
        let at = if line > 0 {
            format!("{}:{line}: column {}", self.file, bad.column)
        } else {
            format!("{}: {}", self.file, bad.column)
        };
        self.summary.skip(bad.reason, at);
    }

    /// Normalises, prices and hands on one record.
    fn emit(&mut self, d: Draft) {
        self.summary.rows_read += 1;
        let Some(day) = d.day else {
            self.summary
                .skip(SkipReason::BadDate, format!("{}: no date", self.file));
            return;
        };
        let model = match self.models.get(&d.model) {
            Some(m) => m.clone(),
            None => {
                let m = normalise_model(&d.model, self.catalogue);
                self.models.insert(d.model.clone(), m.clone());
                m
            }
        };
        let t = d.tokens;
        let (gross, basis) = match d.gross {
            Some(g) => (Some(g), CostBasis::File),
            None => match self.price(&model, day, &t) {
                Some(g) => (Some(g), CostBasis::Catalogue),
                None => (None, CostBasis::Unpriced),
            },
        };
        let row = UsageRow {
            day,
            period: if d.monthly {
                Period::Month
            } else {
                Period::Day
            },
            user: d.user.or_else(|| self.fallback_user.clone()),
            cost_centre: d.cost_centre,
            team: d.team,
            organisation: d.organisation,
            model,
            input: t.input,
            cache_read: t.cache_read,
            cache_write: t.cache_write_5m + t.cache_write_1h,
            output: t.output + t.reasoning,
            gross,
            net: d.net,
            basis,
            source: self.source,
        };
        self.summary.add(&row);
        (self.sink)(row);
    }

    /// The tokens' cost at the model's base list rates on `day` [USD], if the catalogue
    /// prices it.
    fn price(&self, model: &Model, day: Date, t: &UsageBundle) -> Option<Usd> {
        if !model.known {
            return None;
        }
        let prices = self.catalogue.get(&model.id)?.list_prices_on(day)?;
        Some(prices.cost(t).total())
    }
}

/// The file name without directories or extension: the user key of one-user files
/// ([`Source::one_user_per_file`]) whose records name no one.
pub(crate) fn user_from_file_name(file: &str) -> Option<String> {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.split_once('.').map_or(base, |(s, _)| s);
    (!stem.is_empty()).then(|| stem.to_string())
}

/// The error a [`Counted`] reader gives past its limit.
#[derive(Debug, Error)]
#[error("past the limit on a usage file")]
struct OverLimit;

/// A reader that counts the bytes it hands on and refuses more than `limit`.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other(OverLimit));
        }
        Ok(n)
    }
}

/// Reads one usage file from `reader`, detecting its format unless `from` names it, and hands
/// every normalised row to `sink` as it is read. `file` names the file in messages and, for
/// one-user formats, gives the user key ([`user_from_file_name`]).
pub fn import_reader(
    reader: impl Read,
    file: &str,
    from: Option<Source>,
    catalogue: &Catalogue,
    sink: &mut dyn FnMut(UsageRow),
) -> Result<FileSummary, UsageError> {
    let mut counted = Counted {
        inner: reader,
        read: 0,
        limit: MAX_USAGE_BYTES,
    };
    let mut head = Vec::with_capacity(8192);
    (&mut counted)
        .take(8192)
        .read_to_end(&mut head)
        .map_err(|e| read_error(file, e))?;
    if head.len() < 8192 && head.iter().all(u8::is_ascii_whitespace) {
        return Err(UsageError::Empty {
            file: file.to_string(),
        });
    }
    let source = match from.or_else(|| Source::detect(&head)) {
        Some(s) => s,
        None => {
            return Err(UsageError::UnknownFormat {
                file: file.to_string(),
            })
        }
    };
    let mut ctx = Ctx {
        file,
        source,
        fallback_user: user_from_file_name(file).filter(|_| source.one_user_per_file()),
        catalogue,
        models: HashMap::new(),
        summary: FileSummary::new(file, source),
        sink,
    };
    let mut rest = std::io::Cursor::new(head).chain(&mut counted);
    if source.is_json() {
        let mut text = Vec::new();
        (&mut rest)
            .take(MAX_USAGE_JSON_BYTES + 1)
            .read_to_end(&mut text)
            .map_err(|e| read_error(file, e))?;
        if text.len() as u64 > MAX_USAGE_JSON_BYTES {
            return Err(UsageError::TooLarge {
                file: file.to_string(),
                limit: MAX_USAGE_JSON_BYTES,
                kind: "JSON",
            });
        }
        read_json(&text, &mut ctx)?;
    } else {
        read_csv(&mut rest, &mut ctx)?;
    }
    ctx.summary.bytes_read = counted.read;
    Ok(ctx.summary.finish())
}

/// [`import_reader`] over bytes in memory, collecting the rows.
pub fn import_bytes(
    bytes: &[u8],
    file: &str,
    from: Option<Source>,
    catalogue: &Catalogue,
) -> Result<(FileSummary, Vec<UsageRow>), UsageError> {
    let mut rows = Vec::new();
    let summary = import_reader(bytes, file, from, catalogue, &mut |r| rows.push(r))?;
    Ok((summary, rows))
}

pub(crate) fn read_error(file: &str, e: std::io::Error) -> UsageError {
    if e.get_ref().is_some_and(|inner| inner.is::<OverLimit>()) {
        UsageError::TooLarge {
            file: file.to_string(),
            limit: MAX_USAGE_BYTES,
            kind: "CSV",
        }
    } else {
        UsageError::Read {
            file: file.to_string(),
            message: e.to_string(),
        }
    }
}

fn read_csv(reader: &mut dyn Read, ctx: &mut Ctx) -> Result<(), UsageError> {
    match ctx.source {
        Source::Copilot => copilot::read(reader, ctx),
        Source::CopilotPremium => copilot::read_premium(reader, ctx),
        Source::Cursor => cursor::read(reader, ctx),
        Source::LitellmCsv => litellm::read_csv(reader, ctx),
        Source::Focus => focus::read(reader, ctx),
        _ => unreachable!("JSON formats are read whole"),
    }
}

fn read_json(text: &[u8], ctx: &mut Ctx) -> Result<(), UsageError> {
    let (file, format) = (ctx.file.to_string(), ctx.source);
    let malformed = |message: String| UsageError::Malformed {
        file: file.clone(),
        format,
        message,
    };
    crate::limits::check_json_depth(text).map_err(malformed)?;
    let value: serde_json::Value =
        serde_json::from_slice(text).map_err(|e| malformed(e.to_string()))?;
    match ctx.source {
        Source::LitellmJson => litellm::read_json(&value, ctx),
        Source::Ccusage => ccusage::read(&value, ctx),
        Source::AnthropicUsage => anthropic::read_usage(&value, ctx),
        Source::ClaudeCode => anthropic::read_claude_code(&value, ctx),
        Source::OpenaiUsage => openai::read(&value, ctx),
        _ => unreachable!("CSV formats are streamed"),
    }
    .map_err(malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_has_one_money_unit_and_converts_to_dollars() {
        for s in Source::ALL {
            assert_eq!(MONEY_UNITS.iter().filter(|(m, _, _)| *m == s).count(), 1);
        }
        assert_eq!(MoneyUnit::Dollars.to_usd(1.25), Usd(1.25));
        assert_eq!(MoneyUnit::Cents.to_usd(1025.0), Usd(10.25));
        assert_eq!(MoneyUnit::FractionalCents.to_usd(123.45), Usd(1.2345));
        assert_eq!(money_unit(Source::ClaudeCode), MoneyUnit::Cents);
        assert_eq!(
            money_unit(Source::AnthropicUsage),
            MoneyUnit::FractionalCents
        );
    }

    #[test]
    fn names_round_trip() {
        for s in Source::ALL {
            assert_eq!(s.name().parse::<Source>(), Ok(s));
        }
        assert!("copilot-csv"
            .parse::<Source>()
            .unwrap_err()
            .contains("copilot"));
    }

    #[test]
    fn reading_past_the_limit_is_refused_as_too_large() {
        let mut r = Counted {
            inner: [b'x'; 64].as_slice(),
            read: 0,
            limit: 10,
        };
        let e = r.read_to_end(&mut Vec::new()).unwrap_err();
        let e = read_error("big.csv", e);
        assert!(matches!(e, UsageError::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains("1073741824 bytes"), "{e}");
        let other = read_error("f", std::io::Error::other("disk"));
        assert!(matches!(other, UsageError::Read { .. }));
    }

    #[test]
    fn the_user_of_a_one_user_file_is_its_stem() {
        assert_eq!(
            user_from_file_name("exports/dev-7.daily.json").as_deref(),
            Some("dev-7")
        );
        assert_eq!(
            user_from_file_name("C:\\x\\ann.json").as_deref(),
            Some("ann")
        );
        assert_eq!(user_from_file_name(".json"), None);
    }
}
