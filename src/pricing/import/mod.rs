//! Importers for the price tables people already keep: LiteLLM's
//! `model_prices_and_context_window.json`, OpenRouter's `/api/v1/models`, llm-prices vendor and
//! `current-v1` / `historical-v1` files, and a documented CSV.
//!
//! Each importer turns the file into validated [`ModelPrice`]s. A malformed file is an error; an
//! odd entry in an otherwise good file is skipped, counted by reason and named in a warning,
//! never silently priced at $0.

mod csv_table;
mod litellm;
mod llm_prices;
mod openrouter;

use super::{Catalogue, ModelPrice, PricingError};
use crate::calendar::Date;
use crate::limits::MAX_IMPORT_BYTES;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A price-table format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Burnrate's own schema (`pricing-data/README.md`).
    Burnrate,
    /// LiteLLM's `model_prices_and_context_window.json` (USD per token).
    Litellm,
    /// OpenRouter's `GET /api/v1/models` response (decimal strings, USD per token).
    Openrouter,
    /// llm-prices vendor files or `current-v1` / `historical-v1` JSON (USD per 1M tokens).
    LlmPrices,
    /// Burnrate's CSV: one row per model and date range (USD per 1M tokens).
    Csv,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Format; 5] = [
        Format::Burnrate,
        Format::Litellm,
        Format::Openrouter,
        Format::LlmPrices,
        Format::Csv,
    ];

    /// The name used on the command line and in the app.
    pub fn name(self) -> &'static str {
        match self {
            Format::Burnrate => "burnrate",
            Format::Litellm => "litellm",
            Format::Openrouter => "openrouter",
            Format::LlmPrices => "llm-prices",
            Format::Csv => "csv",
        }
    }

    /// Guesses the format from the file's content.
    pub fn detect(text: &str) -> Option<Format> {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        if !t.starts_with('{') && !t.starts_with('[') {
            return (!t.is_empty()).then_some(Format::Csv);
        }
        let mut end = t.len().min(4096);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        let head = &t[..end];
        let has = |key: &str| head.contains(&format!("\"{key}\""));
        if has("schema_version") {
            Some(Format::Burnrate)
        } else if has("data") && (has("pricing") || has("id")) {
            Some(Format::Openrouter)
        } else if has("price_history") || has("vendor") || (has("prices") && has("input")) {
            Some(Format::LlmPrices)
        } else if t.starts_with('{') {
            Some(Format::Litellm)
        } else {
            None
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown price-table format \"{s}\" (allowed: {})",
                    Format::ALL.map(Format::name).join(", ")
                )
            })
    }
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    /// The format could not be recognised.
    #[error("{file}: cannot tell the price-table format; name it (allowed: burnrate, litellm, openrouter, llm-prices, csv)")]
    UnknownFormat {
        /// The file.
        file: String,
    },
    /// The file is not of the expected shape.
    #[error("{file}: not a valid {format} price table: {message}")]
    Malformed {
        /// The file.
        file: String,
        /// The format it was read as.
        format: Format,
        /// What is wrong, with line and column or the entry and field.
        message: String,
    },
    /// No entry could be imported.
    #[error("{file}: no model could be imported from this {format} table ({})", summary_text(.skipped))]
    NothingImported {
        /// The file.
        file: String,
        /// The format.
        format: Format,
        /// Skipped entries by reason.
        skipped: BTreeMap<String, usize>,
    },
    /// The file holds nothing but blanks.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file.
        file: String,
    },
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    #[error("{file}: {bytes} bytes is more than {MAX_IMPORT_BYTES} bytes, the limit on an imported price table")]
    TooLarge {
        /// The file.
        file: String,
        /// Its size [bytes].
        bytes: usize,
    },
    /// The imported entries failed validation.
    #[error(transparent)]
    Pricing(#[from] PricingError),
}

fn summary_text(skipped: &BTreeMap<String, usize>) -> String {
    if skipped.is_empty() {
        "the file lists no entries".to_string()
    } else {
        let parts: Vec<String> = skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
        format!("skipped: {}", parts.join(", "))
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// The file.
    pub file: String,
    /// The format it was read as.
    pub format: Format,
    /// Models imported.
    pub imported: usize,
    /// Entries skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Each skipped or adjusted entry, named with its field.
    pub warnings: Vec<String>,
}

/// An imported table and what the import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The models (and plans, for Burnrate's own format).
    pub catalogue: Catalogue,
    /// Counts and warnings.
    pub summary: ImportSummary,
}

/// Collects the entries of one import: the models kept, and why the others were skipped.
pub(crate) struct Collector {
    file: String,
    models: Vec<ModelPrice>,
    ids: HashSet<String>,
    skipped: BTreeMap<String, usize>,
    warnings: Vec<String>,
}

impl Collector {
    fn new(file: &str) -> Collector {
        Collector {
            file: file.to_string(),
            models: Vec::new(),
            ids: HashSet::new(),
            skipped: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    /// Counts an entry skipped for `reason`, with a warning when `detail` says more.
    fn skip(&mut self, reason: &str, detail: Option<String>) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
        if let Some(d) = detail {
            self.warnings.push(format!("{}: {d}", self.file));
        }
    }

    fn warn(&mut self, message: String) {
        self.warnings.push(format!("{}: {message}", self.file));
    }

    /// Keeps the model if it passes every check the schema reader makes (so the table written
    /// out reads back) and its id is new; else skips it with the reason and a warning naming
    /// the entry and field.
    fn keep(&mut self, model: ModelPrice) {
        if self.ids.contains(&model.id) {
            let detail = format!(
                "model \"{}\" appears more than once; the first is kept",
                model.id
            );
            self.skip("duplicate id", Some(detail));
            return;
        }
        match super::catalogue::validate_model(&model, &self.file) {
            Ok(()) => {
                self.ids.insert(model.id.clone());
                self.models.push(model);
            }
            Err(e) => {
                let reason = match &e {
                    PricingError::InvalidField { field, .. } if !field.starts_with("prices") => {
                        "invalid field"
                    }
                    _ => "invalid price",
                };
                let message = e.to_string();
                let detail = message
                    .strip_prefix(&format!("{}: ", self.file))
                    .unwrap_or(&message)
                    .to_string();
                self.skip(reason, Some(format!("skipped {detail}")));
            }
        }
    }

    fn finish(self, format: Format, description: String) -> Result<Imported, ImportError> {
        if self.models.is_empty() {
            return Err(ImportError::NothingImported {
                file: self.file,
                format,
                skipped: self.skipped,
            });
        }
        let imported = self.models.len();
        let catalogue = Catalogue::from_parts(description, self.models, Vec::new(), &self.file)?;
        Ok(Imported {
            catalogue,
            summary: ImportSummary {
                file: self.file,
                format,
                imported,
                skipped: self.skipped,
                warnings: self.warnings,
            },
        })
    }
}

/// Imports a price table; `format` `None` detects it from the content. `file` names the file in
/// messages; `as_of` is the day of the import, recorded as the day the prices were checked where
/// the file does not say.
pub fn import(
    text: &str,
    format: Option<Format>,
    file: &str,
    as_of: Date,
) -> Result<Imported, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            file: file.to_string(),
            bytes: text.len(),
        });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            file: file.to_string(),
        });
    }
    let format = match format.or_else(|| Format::detect(text)) {
        Some(f) => f,
        None => {
            return Err(ImportError::UnknownFormat {
                file: file.to_string(),
            })
        }
    };
    let malformed = |message: String| ImportError::Malformed {
        file: file.to_string(),
        format,
        message,
    };
    if format != Format::Csv {
        crate::limits::check_json_depth(text.as_bytes()).map_err(malformed)?;
    }
    match format {
        Format::Burnrate => {
            let catalogue = Catalogue::from_json(text, file)?;
            let summary = ImportSummary {
                file: file.to_string(),
                format,
                imported: catalogue.models().len(),
                skipped: BTreeMap::new(),
                warnings: Vec::new(),
            };
            Ok(Imported { catalogue, summary })
        }
        Format::Litellm => litellm::import(text, file, as_of).map_err(malformed)?,
        Format::Openrouter => openrouter::import(text, file, as_of).map_err(malformed)?,
        Format::LlmPrices => llm_prices::import(text, file, as_of).map_err(malformed)?,
        Format::Csv => csv_table::import(text, file, as_of).map_err(malformed)?,
    }
}

/// A price per token as written in LiteLLM and OpenRouter files (a number or a decimal string),
/// converted to USD per 1M tokens. `Err` says why it is unusable.
pub(crate) fn per_token(value: &serde_json::Value) -> Result<f64, String> {
    let v = match value {
        serde_json::Value::Number(n) => n.as_f64().ok_or("is not a number")?,
        serde_json::Value::String(s) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("\"{s}\" is not a number"))?,
        other => return Err(format!("{other} is not a number")),
    };
    if !v.is_finite() {
        return Err("is not a finite number".into());
    }
    Ok(per_million(v))
}

/// A per-token price in USD per 1M tokens, rounded to 12 significant digits so that binary
/// noise from the multiplication (3e-6 × 1e6 = 3.0000000000000004) does not reach the user; the
/// rounding is far below the 1e-9 relative agreement the importers are tested to.
fn per_million(per_token: f64) -> f64 {
    let v = per_token * 1_000_000.0;
    if v == 0.0 {
        return v;
    }
    let scale = 10f64.powi(11 - libm::log10(v.abs()).floor() as i32);
    if !scale.is_finite() || scale == 0.0 {
        return v;
    }
    (v * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_detected_from_content() {
        assert_eq!(
            Format::detect(r#"{"schema_version":1}"#),
            Some(Format::Burnrate)
        );
        assert_eq!(
            Format::detect(r#"{"data":[{"id":"a","pricing":{}}]}"#),
            Some(Format::Openrouter)
        );
        assert_eq!(
            Format::detect(r#"{"vendor":"x","models":[]}"#),
            Some(Format::LlmPrices)
        );
        assert_eq!(
            Format::detect(r#"{"gpt-4o":{"mode":"chat"}}"#),
            Some(Format::Litellm)
        );
        assert_eq!(Format::detect("id,input,output\n"), Some(Format::Csv));
        assert_eq!(Format::detect("  "), None);
        assert_eq!("llm-prices".parse::<Format>(), Ok(Format::LlmPrices));
        assert!("xml"
            .parse::<Format>()
            .unwrap_err()
            .contains("allowed: burnrate"));
    }

    #[test]
    fn an_empty_file_is_said_to_be_empty_whatever_its_format() {
        let as_of = Date::from_ymd(2026, 12, 1).unwrap();
        for (text, format) in [("", None), (" \n\t", None), ("\n", Some(Format::Csv))] {
            let e = import(text, format, "prices.json", as_of).unwrap_err();
            assert_eq!(e.to_string(), "prices.json: the file is empty");
        }
    }

    #[test]
    fn detection_does_not_split_a_character_at_the_sniffed_prefix() {
        // An em dash (3 bytes) straddling byte 4,096, the end of the prefix that is sniffed.
        let mut text = String::from(r#"{"gpt-4o":{"mode":"chat","note":""#);
        text.push_str(&"x".repeat(4095 - text.len()));
        text.push_str("\u{2014}\"}}");
        assert!(!text.is_char_boundary(4096));
        assert_eq!(Format::detect(&text), Some(Format::Litellm));
    }

    #[test]
    fn per_token_prices_accept_numbers_and_decimal_strings() {
        assert_eq!(per_token(&serde_json::json!(3e-6)).unwrap(), 3.0);
        assert_eq!(per_token(&serde_json::json!(1e-7)).unwrap(), 0.1);
        assert_eq!(per_token(&serde_json::json!("0.000015")).unwrap(), 15.0);
        assert!(per_token(&serde_json::json!("cheap")).is_err());
        assert!(per_token(&serde_json::json!(null)).is_err());
    }
}
