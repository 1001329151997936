//! The validated price table: models and plans looked up by id, merged with imported tables.

use super::{ModelPrice, Plan, Prices};
use crate::calendar::Date;
use crate::units::UsdPerMTok;
use serde::Serialize;
use std::collections::HashMap;
use thiserror::Error;

/// Prices above this are rejected as absurd [USD / 1M tokens].
pub(crate) const MAX_PRICE: f64 = 10_000.0;

/// Non-zero prices below this look like a per-token figure in a per-million field
/// [USD / 1M tokens].
pub(crate) const MIN_NONZERO_PRICE: f64 = 1e-4;

/// Why a price table could not be read, or a model could not be priced.
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
    #[error("{file}: schema_version {found} is not supported (this build reads version 1)")]
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
    #[error("{file}: the price table lists no models")]
    Empty {
        /// The file.
        file: String,
    },
    /// Two entries share one id.
    #[error("{file}: {kind} \"{id}\" appears more than once")]
    DuplicateId {
        /// The file.
        file: String,
        /// `model` or `plan`.
        kind: &'static str,
        /// The repeated id.
        id: String,
    },
    /// A field is empty, malformed or out of range.
    #[error("{file}: {entry}: field `{field}` {problem}")]
    InvalidField {
        /// The file.
        file: String,
        /// The entry, e.g. `model "gpt-5.4"` or `plan #3`.
        entry: String,
        /// The field's path within the entry.
        field: String,
        /// What is wrong with it, with the allowed range.
        problem: String,
    },
    /// A model id that the table does not price.
    #[error("no price for model \"{id}\"{}", suggestion_text(.suggestions))]
    UnknownModel {
        /// The id asked for.
        id: String,
        /// The closest ids the table does price.
        suggestions: Vec<String>,
    },
    /// The model has no price in force on that day.
    #[error("no price for model \"{model}\" on {day}")]
    NoPriceOnDate {
        /// The model.
        model: String,
        /// The day.
        day: Date,
    },
    /// The model has no such service tier.
    #[error("model \"{model}\" has no service tier \"{tier}\" (available: standard{})", list_text(.available))]
    UnknownServiceTier {
        /// The model.
        model: String,
        /// The tier asked for.
        tier: String,
        /// The tiers it has besides standard.
        available: Vec<String>,
    },
    /// The model has no uplift for that region.
    #[error("model \"{model}\" has no regional price for \"{region}\" (available: {})", if .available.is_empty() { "none".to_string() } else { .available.join(", ") })]
    UnknownRegion {
        /// The model.
        model: String,
        /// The region asked for.
        region: String,
        /// The regions it has.
        available: Vec<String>,
    },
    /// The model lacks an input or output price: it cannot be priced, and is never $0.
    #[error("model \"{model}\" has no input or output price")]
    MissingPrice {
        /// The model.
        model: String,
    },
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; closest known ids: {}", suggestions.join(", "))
    }
}

fn list_text(items: &[String]) -> String {
    items.iter().map(|s| format!(", {s}")).collect()
}

/// How one model's list price differs between two tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriceChange {
    /// The model.
    pub model: String,
    /// The price field (`input`, `cache_read`, …), or `model` when the whole model is new
    /// (`before` is `None`) or gone (`after` is `None`); then the prices are the input prices.
    pub field: &'static str,
    /// The price before [USD / 1M tokens]; `None` when the model is new.
    pub before: Option<UsdPerMTok>,
    /// The price after [USD / 1M tokens].
    pub after: Option<UsdPerMTok>,
}

/// A validated set of model prices and plans, looked up by id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalogue {
    description: String,
    models: Vec<ModelPrice>,
    plans: Vec<Plan>,
    index: HashMap<String, usize>,
}

impl Catalogue {
    /// Builds a catalogue from already parsed entries, validating each; `file` names their
    /// origin in messages.
    pub(crate) fn from_parts(
        description: String,
        models: Vec<ModelPrice>,
        plans: Vec<Plan>,
        file: &str,
    ) -> Result<Catalogue, PricingError> {
        if models.is_empty() {
            return Err(PricingError::Empty {
                file: file.to_string(),
            });
        }
        let mut index = HashMap::with_capacity(models.len());
        for (i, m) in models.iter().enumerate() {
            validate_model(m, file)?;
            if index.insert(m.id.clone(), i).is_some() {
                return Err(PricingError::DuplicateId {
                    file: file.to_string(),
                    kind: "model",
                    id: m.id.clone(),
                });
            }
        }
        let mut plan_ids = std::collections::HashSet::new();
        for p in &plans {
            if !plan_ids.insert(p.id.as_str()) {
                return Err(PricingError::DuplicateId {
                    file: file.to_string(),
                    kind: "plan",
                    id: p.id.clone(),
                });
            }
        }
        Ok(Catalogue {
            description,
            models,
            plans,
            index,
        })
    }

    /// The models named in `ids` that this table prices (each once, in table order) and every
    /// plan: what a run needs, without the rest of a large imported table.
    pub(crate) fn subset<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Catalogue {
        let mut wanted: Vec<usize> = ids
            .into_iter()
            .filter_map(|id| self.index.get(id).copied())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let models: Vec<ModelPrice> = wanted.iter().map(|&i| self.models[i].clone()).collect();
        let index = models
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        Catalogue {
            description: self.description.clone(),
            models,
            plans: self.plans.clone(),
            index,
        }
    }

    /// The table's own description of itself (may be empty).
    pub(crate) fn description(&self) -> &str {
        &self.description
    }

    /// All models, in file order.
    pub fn models(&self) -> &[ModelPrice] {
        &self.models
    }

    /// All plans, in file order.
    pub fn plans(&self) -> &[Plan] {
        &self.plans
    }

    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The model with this id, if priced.
    pub fn get(&self, id: &str) -> Option<&ModelPrice> {
        self.index.get(id).map(|&i| &self.models[i])
    }

    /// The model with this id, or an error naming the closest known ids.
    pub(crate) fn require(&self, id: &str) -> Result<&ModelPrice, PricingError> {
        self.get(id).ok_or_else(|| PricingError::UnknownModel {
            id: id.to_string(),
            suggestions: self.closest_ids(id, 3),
        })
    }

    /// Up to `n` known ids most similar to `id`, best first.
    pub(crate) fn closest_ids(&self, id: &str, n: usize) -> Vec<String> {
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

    /// This table with `other`'s models and plans laid over it (an entry of `other` replaces
    /// the entry with the same id), and the list prices on `day` that the merge changes.
    pub fn merged_with(&self, other: &Catalogue, day: Date) -> (Catalogue, Vec<PriceChange>) {
        let mut models = self.models.clone();
        let mut changes = Vec::new();
        for m in &other.models {
            match self.index.get(&m.id) {
                Some(&i) => {
                    changes.extend(diff(
                        &m.id,
                        models[i].list_prices_on(day),
                        m.list_prices_on(day),
                    ));
                    models[i] = m.clone();
                }
                None => {
                    changes.push(PriceChange {
                        model: m.id.clone(),
                        field: "model",
                        before: None,
                        after: m.list_prices_on(day).map(|p| p.input),
                    });
                    models.push(m.clone());
                }
            }
        }
        let mut plans = self.plans.clone();
        for p in &other.plans {
            match plans.iter_mut().find(|q| q.id == p.id) {
                Some(q) => *q = p.clone(),
                None => plans.push(p.clone()),
            }
        }
        let index = models
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        let description = if other.description.is_empty() {
            self.description.clone()
        } else {
            format!("{} + {}", self.description, other.description)
        };
        (
            Catalogue {
                description,
                models,
                plans,
                index,
            },
            changes,
        )
    }
}

fn diff(model: &str, before: Option<Prices>, after: Option<Prices>) -> Vec<PriceChange> {
    let fields = |p: Option<Prices>| -> [(&'static str, Option<UsdPerMTok>); 6] {
        [
            ("input", p.map(|p| p.input)),
            ("cache_read", p.map(|p| p.cache_read)),
            ("cache_write_5m", p.map(|p| p.cache_write_5m)),
            ("cache_write_1h", p.map(|p| p.cache_write_1h)),
            ("output", p.map(|p| p.output)),
            ("reasoning", p.map(|p| p.reasoning)),
        ]
    };
    fields(before)
        .into_iter()
        .zip(fields(after))
        .filter(|((_, b), (_, a))| b != a)
        .map(|((field, before), (_, after))| PriceChange {
            model: model.to_string(),
            field,
            before,
            after,
        })
        .collect()
}

/// Checks one model's id, name, provider, source, dates, tiers and every price: everything the
/// schema reader checks, so an imported table written out is always read back. Shared by every
/// format.
pub(crate) fn validate_model(m: &ModelPrice, file: &str) -> Result<(), PricingError> {
    let entry = format!("model \"{}\"", m.id);
    let bad = |field: &str, problem: &str| PricingError::InvalidField {
        file: file.to_string(),
        entry: entry.clone(),
        field: field.to_string(),
        problem: problem.to_string(),
    };
    if m.id.is_empty() || m.id.chars().any(char::is_whitespace) {
        return Err(bad("id", "must be a non-empty id without spaces"));
    }
    for (field, value) in [
        ("name", &m.name),
        ("provider", &m.provider),
        ("source", &m.source),
    ] {
        if value.trim().is_empty() {
            return Err(bad(field, "must not be empty"));
        }
    }
    if m.periods.is_empty() {
        return Err(bad("prices", "must list at least one price period"));
    }
    for (region, k) in &m.regions {
        if !(k.is_finite() && (0.5..=3.0).contains(k)) {
            return Err(bad(
                &format!("regions.{region}"),
                &format!("= {k} is out of range (allowed: a multiplier from 0.5 to 3)"),
            ));
        }
    }
    for (i, p) in m.periods.iter().enumerate() {
        let at = if m.periods.len() == 1 {
            "prices".to_string()
        } else {
            format!("prices[{i}]")
        };
        if let (Some(from), Some(to)) = (p.from, p.to) {
            if from >= to {
                return Err(bad(
                    &format!("{at}.to"),
                    &format!("= {to} must be after `from` = {from}"),
                ));
            }
        }
        if i > 0 {
            let prev = &m.periods[i - 1];
            let ordered = match (prev.to, p.from) {
                (Some(end), Some(start)) => end <= start,
                _ => false,
            };
            if !ordered {
                return Err(bad(
                    &format!("{at}.from"),
                    "periods must be in date order and must not overlap (each `to` at or before the next `from`)",
                ));
            }
        }
        for required in ["input", "output"] {
            let present = match required {
                "input" => p.standard.base.input.is_some(),
                _ => p.standard.base.output.is_some(),
            };
            if !present {
                return Err(bad(&format!("{at}.{required}"), "is required"));
            }
        }
        for name in p.service_tiers.keys() {
            if name == super::STANDARD || name.is_empty() {
                return Err(bad(
                    &format!("{at}.service_tiers"),
                    &format!("\"{name}\" is not a service tier name (standard is the base)"),
                ));
            }
        }
        let tiers = std::iter::once(("", &p.standard))
            .chain(p.service_tiers.iter().map(|(k, v)| (k.as_str(), v)));
        for (tier, rates) in tiers {
            let path = if tier.is_empty() {
                at.clone()
            } else {
                format!("{at}.service_tiers.{tier}")
            };
            check_rates(&rates.base, &path).map_err(|(f, msg)| bad(&f, &msg))?;
            for (k, t) in rates.context_tiers.iter().enumerate() {
                let tpath = format!("{path}.context_tiers[{k}]");
                if t.threshold == 0 {
                    return Err(bad(&tpath, "threshold must be above 0 tokens"));
                }
                if k > 0 && rates.context_tiers[k - 1].threshold >= t.threshold {
                    return Err(bad(&tpath, "tiers must be in ascending order of threshold"));
                }
                check_rates(&t.rates, &tpath).map_err(|(f, msg)| bad(&f, &msg))?;
            }
        }
    }
    Ok(())
}

fn check_rates(r: &super::RateSet, path: &str) -> Result<(), (String, String)> {
    for (name, value) in r.fields() {
        if let Some(UsdPerMTok(v)) = value {
            check_price(v).map_err(|problem| {
                (
                    format!("{path}.{name}"),
                    format!("= {v} is out of range: {problem}"),
                )
            })?;
        }
    }
    Ok(())
}

/// Checks one price [USD / 1M tokens]; the error says why and gives the allowed range.
pub fn check_price(value: f64) -> Result<f64, String> {
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
