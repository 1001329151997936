//! Parsing and validation of a pricing catalogue file (schema in `pricing-data/README.md`).

use super::{ModelPrice, Prices};
use crate::units::UsdPerMTok;
use serde::Deserialize;
use std::collections::HashMap;
use thiserror::Error;

/// The curated catalogue compiled into every build, used when no served copy can be loaded.
pub const BUILTIN_CATALOGUE_JSON: &str = include_str!("../../pricing-data/catalogue.json");

/// The name the compiled-in catalogue goes by in messages.
const BUILTIN_ORIGIN: &str = "built-in pricing-data/catalogue.json";

/// The only schema version this build reads.
const SCHEMA_VERSION: u32 = 1;

/// Prices above this are rejected as absurd [USD / 1M tokens].
pub const MAX_PRICE: f64 = 10_000.0;

/// Non-zero prices below this look like a per-token figure in a per-million field
/// [USD / 1M tokens].
pub const MIN_NONZERO_PRICE: f64 = 1e-4;

/// Why a catalogue could not be read, or a model could not be priced.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PricingError {
    /// The file is not JSON of the expected shape.
    #[error("{file}: not a valid pricing catalogue: {message}")]
    Malformed {
        /// The file (or URL) that was read.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// The file declares a schema this build does not read.
    #[error("{file}: schema_version {found} is not supported (this build reads version {SCHEMA_VERSION})")]
    SchemaVersion {
        /// The file.
        file: String,
        /// The version it declares.
        found: u32,
    },
    /// Prices are in a currency other than USD.
    #[error("{file}: currency \"{found}\" is not supported (allowed: \"USD\")")]
    Currency {
        /// The file.
        file: String,
        /// The currency it declares.
        found: String,
    },
    /// The file lists no models.
    #[error("{file}: the catalogue lists no models")]
    Empty {
        /// The file.
        file: String,
    },
    /// Two entries share one id.
    #[error("{file}: model \"{id}\" appears more than once")]
    DuplicateId {
        /// The file.
        file: String,
        /// The repeated id.
        id: String,
    },
    /// A text field is empty or malformed.
    #[error("{file}: model \"{model}\": field `{field}` {problem}")]
    InvalidField {
        /// The file.
        file: String,
        /// The entry's id (or its position when the id itself is at fault).
        model: String,
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// A price is negative, not finite, or outside the plausible range.
    #[error(
        "{file}: model \"{model}\": price `prices.{field}` = {value} is out of range: {problem}"
    )]
    InvalidPrice {
        /// The file.
        file: String,
        /// The entry's id.
        model: String,
        /// The price field.
        field: &'static str,
        /// The value found [USD / 1M tokens].
        value: f64,
        /// Why it is rejected, with the allowed range.
        problem: String,
    },
    /// A model id that the catalogue does not price.
    #[error("no price for model \"{id}\"{}", suggestion_text(.suggestions))]
    UnknownModel {
        /// The id asked for.
        id: String,
        /// The closest ids the catalogue does price.
        suggestions: Vec<String>,
    },
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; closest known ids: {}", suggestions.join(", "))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    schema_version: u32,
    currency: String,
    #[serde(default)]
    description: String,
    models: Vec<RawModel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    id: String,
    name: String,
    provider: String,
    prices: RawPrices,
    source: String,
    checked: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrices {
    input: f64,
    #[serde(default)]
    cache_read: Option<f64>,
    #[serde(default)]
    cache_write_5m: Option<f64>,
    #[serde(default)]
    cache_write_1h: Option<f64>,
    output: f64,
    #[serde(default)]
    reasoning: Option<f64>,
}

/// A validated set of model prices, looked up by id.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    description: String,
    models: Vec<ModelPrice>,
    index: HashMap<String, usize>,
}

impl Catalogue {
    /// The curated catalogue compiled into this build.
    pub fn builtin() -> Catalogue {
        Catalogue::from_json(BUILTIN_CATALOGUE_JSON, BUILTIN_ORIGIN)
            .expect("the compiled-in catalogue is validated by the test suite")
    }

    /// Parses and validates a catalogue; `file` names its origin in error messages.
    pub fn from_json(text: &str, file: &str) -> Result<Catalogue, PricingError> {
        let raw: RawCatalogue =
            serde_json::from_str(text).map_err(|e| PricingError::Malformed {
                file: file.to_string(),
                message: e.to_string(),
            })?;
        if raw.schema_version != SCHEMA_VERSION {
            return Err(PricingError::SchemaVersion {
                file: file.to_string(),
                found: raw.schema_version,
            });
        }
        if raw.currency != "USD" {
            return Err(PricingError::Currency {
                file: file.to_string(),
                found: raw.currency,
            });
        }
        if raw.models.is_empty() {
            return Err(PricingError::Empty {
                file: file.to_string(),
            });
        }
        let mut models = Vec::with_capacity(raw.models.len());
        let mut index = HashMap::with_capacity(raw.models.len());
        for (position, m) in raw.models.into_iter().enumerate() {
            let model = validate_model(m, position, file)?;
            if index.insert(model.id.clone(), models.len()).is_some() {
                return Err(PricingError::DuplicateId {
                    file: file.to_string(),
                    id: model.id,
                });
            }
            models.push(model);
        }
        Ok(Catalogue {
            description: raw.description,
            models,
            index,
        })
    }

    /// The catalogue's own description of itself (may be empty).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// All models, in file order.
    pub fn models(&self) -> &[ModelPrice] {
        &self.models
    }

    /// The model with this id, if priced.
    pub fn get(&self, id: &str) -> Option<&ModelPrice> {
        self.index.get(id).map(|&i| &self.models[i])
    }

    /// The model with this id, or an error naming the closest known ids.
    pub fn require(&self, id: &str) -> Result<&ModelPrice, PricingError> {
        self.get(id).ok_or_else(|| PricingError::UnknownModel {
            id: id.to_string(),
            suggestions: self.closest_ids(id, 3),
        })
    }

    /// Up to `n` known ids most similar to `id`, best first.
    pub fn closest_ids(&self, id: &str, n: usize) -> Vec<String> {
        let wanted = id.to_ascii_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .models
            .iter()
            .map(|m| (strsim::jaro_winkler(&wanted, &m.id), m.id.as_str()))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(n)
            .map(|(_, id)| id.to_string())
            .collect()
    }
}

fn validate_model(m: RawModel, position: usize, file: &str) -> Result<ModelPrice, PricingError> {
    let field_error =
        |model: &str, field: &'static str, problem: &str| PricingError::InvalidField {
            file: file.to_string(),
            model: model.to_string(),
            field,
            problem: problem.to_string(),
        };
    let id = m.id.trim().to_string();
    if id.is_empty() || id.chars().any(char::is_whitespace) {
        return Err(field_error(
            &format!("#{}", position + 1),
            "id",
            "must be a non-empty id without spaces",
        ));
    }
    if m.name.trim().is_empty() {
        return Err(field_error(&id, "name", "must not be empty"));
    }
    if m.provider.trim().is_empty() {
        return Err(field_error(&id, "provider", "must not be empty"));
    }
    if m.source.trim().is_empty() {
        return Err(field_error(
            &id,
            "source",
            "must name where the prices come from",
        ));
    }
    if !is_iso_date(&m.checked) {
        return Err(field_error(
            &id,
            "checked",
            "must be a date written YYYY-MM-DD",
        ));
    }
    let price = |field: &'static str, value: f64| -> Result<UsdPerMTok, PricingError> {
        check_price(value)
            .map(UsdPerMTok)
            .map_err(|problem| PricingError::InvalidPrice {
                file: file.to_string(),
                model: id.clone(),
                field,
                value,
                problem,
            })
    };
    let p = &m.prices;
    let input = price("input", p.input)?;
    let output = price("output", p.output)?;
    let optional = |field: &'static str, value: Option<f64>, fallback: UsdPerMTok| match value {
        Some(v) => price(field, v),
        None => Ok(fallback),
    };
    let prices = Prices {
        input,
        cache_read: optional("cache_read", p.cache_read, input)?,
        cache_write_5m: optional("cache_write_5m", p.cache_write_5m, input)?,
        cache_write_1h: optional("cache_write_1h", p.cache_write_1h, input)?,
        output,
        reasoning: optional("reasoning", p.reasoning, output)?,
    };
    Ok(ModelPrice {
        id,
        name: m.name,
        provider: m.provider,
        prices,
        source: m.source,
        checked: m.checked,
    })
}

fn check_price(value: f64) -> Result<f64, String> {
    if !value.is_finite() {
        Err("must be a finite number".into())
    } else if value < 0.0 {
        Err("must not be negative (allowed: 0 to 10000 USD per 1M tokens)".into())
    } else if value > MAX_PRICE {
        Err("above 10000 USD per 1M tokens (allowed: 0 to 10000)".into())
    } else if value > 0.0 && value < MIN_NONZERO_PRICE {
        Err("looks like a price per token; this field is in USD per 1M tokens".into())
    } else {
        Ok(value)
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(s[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u8>(), Ok(1..=31))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_model(prices: &str) -> String {
        format!(
            r#"{{"schema_version":1,"currency":"USD","models":[{{"id":"m","name":"M","provider":"p",
            "prices":{prices},"source":"https://example.com","checked":"2026-08-01"}}]}}"#
        )
    }

    #[test]
    fn builtin_catalogue_validates_and_covers_three_providers() {
        let c = Catalogue::builtin();
        for provider in ["anthropic", "openai", "google"] {
            assert!(
                c.models().iter().any(|m| m.provider == provider),
                "no {provider} model"
            );
        }
    }

    #[test]
    fn absent_cache_price_means_input_price_and_explicit_zero_stays_zero() {
        let c = Catalogue::from_json(
            &one_model(r#"{"input":2.0,"cache_write_5m":0,"output":8.0}"#),
            "t.json",
        )
        .unwrap();
        let p = c.get("m").unwrap().prices;
        assert_eq!(p.cache_read, UsdPerMTok(2.0));
        assert_eq!(p.cache_write_5m, UsdPerMTok(0.0));
        assert_eq!(p.reasoning, UsdPerMTok(8.0));
    }

    #[test]
    fn each_class_of_bad_input_is_a_named_error() {
        let cases = [
            ("{not json", "t.json: not a valid pricing catalogue"),
            ("", "t.json: not a valid pricing catalogue"),
            (
                r#"{"schema_version":1,"currency":"USD","models":[]}"#,
                "lists no models",
            ),
            (
                r#"{"schema_version":9,"currency":"USD","models":[]}"#,
                "schema_version 9",
            ),
            (
                r#"{"schema_version":1,"currency":"EUR","models":[]}"#,
                "currency \"EUR\"",
            ),
            (
                &one_model(r#"{"input":-1,"output":8}"#),
                "\"m\": price `prices.input` = -1",
            ),
            (
                &one_model(r#"{"input":3e-6,"output":8}"#),
                "looks like a price per token",
            ),
            (
                &one_model(r#"{"input":3,"output":20000}"#),
                "`prices.output` = 20000",
            ),
            (
                &one_model(r#"{"input":"3","output":8}"#),
                "invalid type: string",
            ),
            (
                &one_model(r#"{"input":3,"outptu":8}"#),
                "unknown field `outptu`",
            ),
        ];
        for (text, expected) in cases {
            let err = Catalogue::from_json(text, "t.json")
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(expected),
                "{err:?} should contain {expected:?}"
            );
        }
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let m = r#"{"id":"m","name":"M","provider":"p","prices":{"input":1,"output":2},"source":"s","checked":"2026-01-01"}"#;
        let text = format!(r#"{{"schema_version":1,"currency":"USD","models":[{m},{m}]}}"#);
        let err = Catalogue::from_json(&text, "t.json").unwrap_err();
        assert_eq!(
            err,
            PricingError::DuplicateId {
                file: "t.json".into(),
                id: "m".into()
            }
        );
    }

    #[test]
    fn unknown_model_names_closest_ids() {
        let err = Catalogue::builtin()
            .require("claude-sonet-4-6")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"claude-sonet-4-6\""), "{err}");
        assert!(err.contains("claude-sonnet-4-6"), "{err}");
    }
}
