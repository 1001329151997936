//! The scenario file: what the user edits, its defaults, and its validation.
//!
//! A [`Scenario`] is the versioned JSON document (`"version": 1`) that the CLI reads and the app
//! edits; every omitted field takes its default. [`Scenario::validate`] checks every field
//! against its allowed range and resolves model ids against a pricing [`Catalogue`], producing a
//! [`ValidScenario`], the only input the simulation accepts.

use crate::calendar::YearMonth;
use crate::pricing::{Catalogue, PricingError, TokenMix};
use crate::units::{Usd, UsdPerMTok};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The scenario format version this build writes and reads.
pub const SCENARIO_VERSION: u32 = 1;

/// Why a scenario was rejected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ScenarioError {
    /// The text is not a scenario document.
    #[error("{file}: not a valid scenario: {message}")]
    Malformed {
        /// The file (or other origin) read.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A field is outside its allowed range.
    #[error("scenario field `{field}` = {value} is out of range (allowed: {allowed})")]
    OutOfRange {
        /// The field's path, e.g. `adoption.q`.
        field: String,
        /// The value found.
        value: String,
        /// The allowed range.
        allowed: String,
    },
    /// A model in the mix has no price.
    #[error("scenario field `{field}`: {source}")]
    Pricing {
        /// The field's path, e.g. `model_mix[2].model`.
        field: String,
        /// The pricing lookup's error.
        source: PricingError,
    },
}

impl ScenarioError {
    /// The field the error is about (`scenario` for a document that does not parse).
    pub fn field(&self) -> &str {
        match self {
            ScenarioError::Malformed { .. } => "scenario",
            ScenarioError::OutOfRange { field, .. } | ScenarioError::Pricing { field, .. } => field,
        }
    }
}

/// Bass diffusion of tool adoption (per-month coefficients).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Adoption {
    /// Innovation coefficient p [1/month]; allowed 0.001–0.5.
    pub p: f64,
    /// Imitation coefficient q [1/month]; allowed 0–5.
    pub q: f64,
    /// Share of developers who will ever adopt without a mandate, M; allowed 0–1.
    pub market_potential: f64,
    /// Usage in the adoption month as a share of full usage, r0; allowed 0–1.
    pub ramp_floor: f64,
    /// Learning-ramp time constant τ [months]; allowed 0.1–24.
    pub ramp_months: f64,
}

impl Default for Adoption {
    fn default() -> Self {
        Adoption {
            p: 0.03,
            q: 1.0,
            market_potential: 0.70,
            ramp_floor: 0.5,
            ramp_months: 2.0,
        }
    }
}

/// An adoption mandate ("more than 80% of developers weekly").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mandate {
    /// Whether the mandate is in force at all.
    pub enabled: bool,
    /// First month of the mandate, counted from the scenario's first month (0 = from the start).
    pub start_offset: u32,
    /// Market potential while the mandate is on; allowed 0–1.
    pub market_potential: f64,
    /// Extra innovation push Δp while the mandate is on [1/month]; allowed 0–1.
    pub extra_p: f64,
}

impl Default for Mandate {
    fn default() -> Self {
        Mandate {
            enabled: false,
            start_offset: 0,
            market_potential: 0.90,
            extra_p: 0.10,
        }
    }
}

/// How much an active agentic developer uses the tools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Usage {
    /// Mean demand per active developer at full ramp, expressed as dollars at the reference
    /// model's blended price [USD / month]; allowed 1–100,000.
    pub mean_spend_usd: f64,
    /// Log-sd σ of per-developer demand (lognormal); allowed 0–3.
    pub sigma: f64,
    /// The model whose blended price converts `mean_spend_usd` into tokens.
    pub reference_model: String,
}

impl Default for Usage {
    fn default() -> Self {
        Usage {
            mean_spend_usd: 200.0,
            sigma: 1.25,
            reference_model: "claude-sonnet-4-6".into(),
        }
    }
}

/// Shares of each token type in agentic traffic; they must sum to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TokenMixSpec {
    /// Uncached prompt tokens.
    pub input: f64,
    /// Cache reads.
    pub cache_read: f64,
    /// 5-minute cache writes.
    pub cache_write_5m: f64,
    /// 1-hour cache writes.
    pub cache_write_1h: f64,
    /// Generated tokens.
    pub output: f64,
}

impl Default for TokenMixSpec {
    fn default() -> Self {
        TokenMixSpec {
            input: 0.005,
            cache_read: 0.95,
            cache_write_5m: 0.04,
            cache_write_1h: 0.0,
            output: 0.005,
        }
    }
}

/// One model's share of the organisation's tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelShare {
    /// Catalogue id.
    pub model: String,
    /// Share of tokens; the shares must sum to 1.
    pub share: f64,
}

/// A scenario as written in JSON: every field optional, defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub version: u32,
    /// A label for the scenario.
    pub name: String,
    /// The first simulated month.
    pub start_month: YearMonth,
    /// Horizon [months]; allowed 1–120.
    pub months: u32,
    /// Developers in the organisation; allowed 1–1,000,000.
    pub developers: u32,
    /// Adoption dynamics.
    pub adoption: Adoption,
    /// Adoption mandate.
    pub mandate: Mandate,
    /// Usage level and dispersion.
    pub usage: Usage,
    /// Token-type mix of agentic traffic.
    pub token_mix: TokenMixSpec,
    /// Which models serve the tokens.
    pub model_mix: Vec<ModelShare>,
    /// Seed of the random streams.
    pub seed: u64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            version: SCENARIO_VERSION,
            name: "Default: 1,000 developers, no mandate".into(),
            start_month: YearMonth::new(2026, 7).expect("a valid month"),
            months: 24,
            developers: 1000,
            adoption: Adoption::default(),
            mandate: Mandate::default(),
            usage: Usage::default(),
            token_mix: TokenMixSpec::default(),
            model_mix: vec![
                share("claude-sonnet-4-6", 0.60),
                share("claude-opus-4-6", 0.15),
                share("gpt-5.4", 0.15),
                share("gemini-3-flash", 0.10),
            ],
            seed: 42,
        }
    }
}

fn share(model: &str, share: f64) -> ModelShare {
    ModelShare {
        model: model.into(),
        share,
    }
}

/// A model of the mix with its blended price resolved for every month of the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedShare {
    /// Catalogue id.
    pub model: String,
    /// Share of tokens.
    pub share: f64,
    /// Price of one token of the scenario's token mix on this model, month by month, with each
    /// price weighted by the days it is in force [USD / 1M tokens].
    pub blended: Vec<UsdPerMTok>,
}

/// A scenario whose every field is in range and whose models are all priced.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidScenario {
    /// The scenario as the user wrote it (defaults filled in).
    pub scenario: Scenario,
    /// The model mix with prices.
    pub mix: Vec<PricedShare>,
    /// Blended price of the reference model in the first month [USD / 1M tokens].
    pub reference_blend: UsdPerMTok,
    /// Blended price of the whole model mix, month by month [USD / 1M tokens].
    pub mix_blend: Vec<UsdPerMTok>,
}

impl Scenario {
    /// Parses a scenario document; `file` names its origin in messages.
    pub fn from_json(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
        serde_json::from_str(text).map_err(|e| ScenarioError::Malformed {
            file: file.to_string(),
            message: e.to_string(),
        })
    }

    /// The scenario as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Checks every field and prices the model mix.
    pub fn validate(&self, catalogue: &Catalogue) -> Result<ValidScenario, ScenarioError> {
        if self.version != SCENARIO_VERSION {
            return Err(out_of_range("version", self.version, "1"));
        }
        range("months", self.months as f64, 1.0, 120.0)?;
        range("developers", self.developers as f64, 1.0, 1_000_000.0)?;
        let a = &self.adoption;
        range("adoption.p", a.p, 0.001, 0.5)?;
        range("adoption.q", a.q, 0.0, 5.0)?;
        range("adoption.market_potential", a.market_potential, 0.0, 1.0)?;
        range("adoption.ramp_floor", a.ramp_floor, 0.0, 1.0)?;
        range("adoption.ramp_months", a.ramp_months, 0.1, 24.0)?;
        let m = &self.mandate;
        range("mandate.market_potential", m.market_potential, 0.0, 1.0)?;
        range("mandate.extra_p", m.extra_p, 0.0, 1.0)?;
        if m.start_offset >= self.months {
            return Err(out_of_range(
                "mandate.start_offset",
                m.start_offset,
                &format!("0–{} (before the horizon ends)", self.months - 1),
            ));
        }
        let u = &self.usage;
        range("usage.mean_spend_usd", u.mean_spend_usd, 1.0, 100_000.0)?;
        range("usage.sigma", u.sigma, 0.0, 3.0)?;
        let t = &self.token_mix;
        let parts = [
            ("token_mix.input", t.input),
            ("token_mix.cache_read", t.cache_read),
            ("token_mix.cache_write_5m", t.cache_write_5m),
            ("token_mix.cache_write_1h", t.cache_write_1h),
            ("token_mix.output", t.output),
        ];
        for (field, v) in parts {
            range(field, v, 0.0, 1.0)?;
        }
        sums_to_one("token_mix", parts.iter().map(|p| p.1).sum())?;
        let mix = TokenMix {
            input: t.input,
            cache_read: t.cache_read,
            cache_write_5m: t.cache_write_5m,
            cache_write_1h: t.cache_write_1h,
            output: t.output,
        };
        let months: Vec<YearMonth> = (0..self.months).map(|t| self.start_month.plus(t)).collect();
        // The reference model only calibrates demand (published usage is quoted at its prices),
        // so a table that does not price it falls back to the built-in one for that purpose.
        let builtin;
        let reference = match catalogue.get(&u.reference_model) {
            Some(m) => Ok(m),
            None => {
                builtin = Catalogue::builtin();
                builtin.require(&u.reference_model)
            }
        };
        let reference_blend = reference
            .and_then(|m| m.blended_for_month(&mix, months[0]))
            .map_err(|source| ScenarioError::Pricing {
                field: "usage.reference_model".into(),
                source,
            })?;
        if reference_blend.0 <= 0.0 {
            return Err(out_of_range(
                "usage.reference_model",
                &u.reference_model,
                "a model whose blended price is above $0",
            ));
        }
        if self.model_mix.is_empty() {
            return Err(out_of_range("model_mix", "[]", "at least one model"));
        }
        let mut priced = Vec::with_capacity(self.model_mix.len());
        for (i, s) in self.model_mix.iter().enumerate() {
            range(&format!("model_mix[{i}].share"), s.share, 0.0, 1.0)?;
            let field = || format!("model_mix[{i}].model");
            let model = catalogue
                .require(&s.model)
                .map_err(|source| ScenarioError::Pricing {
                    field: field(),
                    source,
                })?;
            let blended = months
                .iter()
                .map(|&month| model.blended_for_month(&mix, month))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|source| ScenarioError::Pricing {
                    field: field(),
                    source,
                })?;
            priced.push(PricedShare {
                model: model.id.clone(),
                share: s.share,
                blended,
            });
        }
        sums_to_one("model_mix", self.model_mix.iter().map(|s| s.share).sum())?;
        let mix_blend = (0..months.len())
            .map(|t| {
                priced
                    .iter()
                    .fold(UsdPerMTok(0.0), |acc, s| acc + s.blended[t] * s.share)
            })
            .collect();
        Ok(ValidScenario {
            scenario: self.clone(),
            mix: priced,
            reference_blend,
            mix_blend,
        })
    }
}

impl ValidScenario {
    /// Mean monthly tokens of an active developer at full ramp [tokens / month].
    pub fn mean_tokens_per_developer(&self) -> f64 {
        self.scenario.usage.mean_spend_usd / self.reference_blend.0 * 1_000_000.0
    }

    /// Mean monthly spend of an active developer at full ramp on the model mix in the first
    /// month [USD / month].
    pub fn mean_spend_per_developer(&self) -> Usd {
        Usd(self.mean_tokens_per_developer() * self.mix_blend[0].0 / 1_000_000.0)
    }
}

fn out_of_range(field: &str, value: impl ToString, allowed: &str) -> ScenarioError {
    ScenarioError::OutOfRange {
        field: field.to_string(),
        value: value.to_string(),
        allowed: allowed.to_string(),
    }
}

fn range(field: &str, value: f64, lo: f64, hi: f64) -> Result<(), ScenarioError> {
    if value.is_finite() && (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(out_of_range(field, value, &format!("{lo}–{hi}")))
    }
}

fn sums_to_one(field: &str, total: f64) -> Result<(), ScenarioError> {
    if (total - 1.0).abs() <= 1e-6 {
        Ok(())
    } else {
        Err(out_of_range(
            &format!("{field} (sum of shares)"),
            total,
            "shares summing to 1",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate(s: &Scenario) -> Result<ValidScenario, ScenarioError> {
        s.validate(&Catalogue::builtin())
    }

    #[test]
    fn an_empty_document_is_the_default_scenario() {
        let s = Scenario::from_json("{}", "t.json").unwrap();
        assert_eq!(s, Scenario::default());
        assert!(validate(&s).is_ok());
    }

    #[test]
    fn json_round_trips() {
        let s = Scenario::default();
        assert_eq!(Scenario::from_json(&s.to_json(), "t.json").unwrap(), s);
    }

    #[test]
    fn default_mean_spend_is_in_the_published_band() {
        let v = validate(&Scenario::default()).unwrap();
        let mean = v.mean_spend_per_developer().0;
        assert!((150.0..=250.0).contains(&mean), "{mean}");
    }

    #[test]
    fn out_of_range_fields_are_named() {
        let mut s = Scenario::default();
        s.adoption.q = f64::NAN;
        let e = validate(&s).unwrap_err().to_string();
        assert!(e.contains("`adoption.q`") && e.contains("0–5"), "{e}");

        let s = Scenario {
            developers: 0,
            ..Scenario::default()
        };
        assert!(validate(&s)
            .unwrap_err()
            .to_string()
            .contains("`developers`"));

        let mut s = Scenario::default();
        s.model_mix[0].share = 0.9;
        assert!(validate(&s)
            .unwrap_err()
            .to_string()
            .contains("model_mix (sum of shares)"));

        let mut s = Scenario::default();
        s.mandate.start_offset = 24;
        assert!(validate(&s)
            .unwrap_err()
            .to_string()
            .contains("mandate.start_offset"));
    }

    #[test]
    fn unknown_fields_and_models_are_rejected() {
        let e = Scenario::from_json(r#"{"developrs": 5}"#, "s.json").unwrap_err();
        assert!(e.to_string().contains("unknown field `developrs`"), "{e}");

        let mut s = Scenario::default();
        s.model_mix[1].model = "claude-opus-9".into();
        let e = validate(&s).unwrap_err().to_string();
        assert!(
            e.contains("model_mix[1].model") && e.contains("claude-opus-9"),
            "{e}"
        );
    }
}
