//! Enterprise agreement terms: negotiated discounts off list prices (per provider or per
//! model) and a committed spend billed at least, as the scenario's `pricing` section states
//! them and as validation resolves them for the engine; and the prices the scenario carries
//! (the entries of the table it was made with that differ from the built-in table).

use super::{out_of_range, range, ScenarioError};
use crate::calendar::Date;
use crate::pricing::{Catalogue, PricingError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Largest committed spend accepted [USD per period].
pub(crate) const MAX_COMMITMENT_USD: f64 = 1e10;

/// The scenario's `pricing` section: the terms of the organisation's agreements.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PricingTerms {
    /// Discounts off list prices; a model's own discount beats its provider's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<Discount>,
    /// Committed spend: each period is billed at least this much.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    /// Model entries in Burnrate's pricing schema (`pricing-data/README.md`) that the scenario
    /// was priced with and that differ from the built-in table; they are laid over the table in
    /// use, so the scenario runs on them wherever it is opened.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<Value>,
}

/// The built-in table, parsed once: what demand is calibrated against and what carried prices
/// are compared with.
pub fn builtin_prices() -> &'static Catalogue {
    static BUILTIN: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(Catalogue::builtin)
}

/// How the carried prices are named in messages.
const CARRIED: &str = "prices carried by the scenario";

impl PricingTerms {
    /// Whether the section states nothing (list prices, no commitment, no carried prices).
    pub fn is_empty(&self) -> bool {
        self.discounts.is_empty() && self.commitment.is_none() && self.prices.is_empty()
    }

    /// The carried prices as a validated table, if there are any.
    pub fn carried(&self) -> Result<Option<Catalogue>, ScenarioError> {
        if self.prices.is_empty() {
            return Ok(None);
        }
        let doc = serde_json::json!({
            "schema_version": 1,
            "currency": "USD",
            "models": self.prices,
        });
        Catalogue::from_json(&doc.to_string(), CARRIED)
            .map(Some)
            .map_err(|source| ScenarioError::Pricing {
                field: "pricing.prices".into(),
                source,
            })
    }

    /// The entries of `in_use` for the models `ids` that differ from (or are missing in)
    /// `builtin`, in Burnrate's pricing schema: what a scenario priced with `in_use` carries.
    pub(crate) fn differing_prices<'a>(
        in_use: &Catalogue,
        builtin: &Catalogue,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Vec<Value> {
        let differing: Vec<&str> = ids
            .into_iter()
            .filter(|id| in_use.get(id).is_some_and(|m| builtin.get(id) != Some(m)))
            .collect();
        if differing.is_empty() {
            return Vec::new();
        }
        Self::entries(&in_use.subset(differing))
    }

    /// `models` (validated entries) in Burnrate's pricing schema, as the scenario carries them;
    /// none when they do not make a table.
    pub(crate) fn carried_entries(models: Vec<crate::pricing::ModelPrice>) -> Vec<Value> {
        match Catalogue::from_parts(String::new(), models, Vec::new(), CARRIED) {
            Ok(table) => Self::entries(&table),
            Err(_) => Vec::new(),
        }
    }

    /// The model entries of `table` in Burnrate's pricing schema.
    fn entries(table: &Catalogue) -> Vec<Value> {
        let doc: Value = serde_json::from_str(&table.to_json()).expect("a table writes valid JSON");
        match doc.get("models") {
            Some(Value::Array(models)) => models.clone(),
            _ => Vec::new(),
        }
    }

    /// `catalogue` with the carried prices laid over it (a borrowed `catalogue` when none).
    pub fn over<'a>(
        &self,
        catalogue: &'a Catalogue,
        day: Date,
    ) -> Result<std::borrow::Cow<'a, Catalogue>, ScenarioError> {
        Ok(match self.carried()? {
            Some(carried) => std::borrow::Cow::Owned(catalogue.merged_with(&carried, day).0),
            None => std::borrow::Cow::Borrowed(catalogue),
        })
    }
}

/// A negotiated discount off list prices, for every model of a provider or for one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discount {
    /// The provider whose models (and seat plans of that vendor) it covers, e.g. `anthropic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The one model it covers, e.g. `gpt-5.6-sol`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Discount off list [%]; allowed 0–100.
    pub percent: f64,
}

/// How often a commitment is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentPeriod {
    /// Every calendar month of the horizon.
    Month,
    /// Every twelve months from the first simulated month; the true-up is billed in the
    /// year's last simulated month, and a year the horizon cuts short commits pro rata.
    Year,
}

/// A committed spend: the organisation is billed at least `usd` per period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Minimum billed [USD per period]; allowed 0–10,000,000,000.
    pub usd: f64,
    /// The period.
    pub per: CommitmentPeriod,
}

impl std::str::FromStr for Discount {
    type Err = String;

    /// Reads `PROVIDER=PERCENT` or `model:MODEL=PERCENT`, e.g. `anthropic=20`,
    /// `model:gpt-5.6-sol=35`.
    fn from_str(text: &str) -> Result<Discount, String> {
        let usage = || {
            format!("`{text}`: expected PROVIDER=PERCENT or model:MODEL=PERCENT, e.g. anthropic=20")
        };
        let (who, percent) = text.rsplit_once('=').ok_or_else(usage)?;
        let percent: f64 = percent.trim().parse().map_err(|_| usage())?;
        let who = who.trim();
        if who.is_empty() {
            return Err(usage());
        }
        Ok(match who.strip_prefix("model:") {
            Some(model) => Discount {
                provider: None,
                model: Some(model.to_string()),
                percent,
            },
            None => Discount {
                provider: Some(who.to_string()),
                model: None,
                percent,
            },
        })
    }
}

impl std::str::FromStr for Commitment {
    type Err = String;

    /// Reads `USD/month` or `USD/year`, e.g. `100000/month`.
    fn from_str(text: &str) -> Result<Commitment, String> {
        let usage = || format!("`{text}`: expected USD/month or USD/year, e.g. 100000/month");
        let (usd, per) = text.split_once('/').ok_or_else(usage)?;
        let usd: f64 = usd.trim().replace(',', "").parse().map_err(|_| usage())?;
        let per = match per.trim() {
            "month" => CommitmentPeriod::Month,
            "year" => CommitmentPeriod::Year,
            _ => return Err(usage()),
        };
        Ok(Commitment { usd, per })
    }
}

impl std::fmt::Display for Discount {
    /// As [`Discount`]'s `FromStr` reads it, e.g. `anthropic=20`, `model:gpt-5.6-sol=35`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.provider, &self.model) {
            (_, Some(m)) => write!(f, "model:{m}={}", self.percent),
            (Some(p), None) => write!(f, "{p}={}", self.percent),
            (None, None) => write!(f, "={}", self.percent),
        }
    }
}

impl std::fmt::Display for Commitment {
    /// As [`Commitment`]'s `FromStr` reads it, e.g. `100000/month`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let per = match self.per {
            CommitmentPeriod::Month => "month",
            CommitmentPeriod::Year => "year",
        };
        write!(f, "{}/{per}", self.usd)
    }
}

/// The JSON of the page's text for `pricing.discounts` (comma-separated discounts) or
/// `pricing.commitment`, or why the text does not read; `None` for any other path.
pub(super) fn field_value(path: &str, text: &str) -> Option<Result<Value, String>> {
    match path {
        "pricing.discounts" => Some(
            text.split(',')
                .map(|d| d.trim().parse::<Discount>())
                .collect::<Result<Vec<_>, _>>()
                .map(|d| serde_json::to_value(d).expect("discounts serialise")),
        ),
        "pricing.commitment" => Some(
            text.parse::<Commitment>()
                .map(|c| serde_json::to_value(c).expect("a commitment serialises")),
        ),
        _ => None,
    }
}

/// The page's text of `pricing.discounts` or `pricing.commitment` in a scenario document;
/// `None` for any other path.
pub(super) fn field_display(path: &str, value: &Value) -> Option<String> {
    match path {
        "pricing.discounts" => serde_json::from_value::<Vec<Discount>>(value.clone())
            .ok()
            .map(|ds| {
                ds.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        "pricing.commitment" => serde_json::from_value::<Commitment>(value.clone())
            .ok()
            .map(|c| c.to_string()),
        _ => None,
    }
}

impl PricingTerms {
    /// Adds a discount, replacing one for the same provider or model.
    pub fn set_discount(&mut self, d: Discount) {
        self.discounts.retain(|e| {
            (e.provider.as_ref(), e.model.as_ref()) != (d.provider.as_ref(), d.model.as_ref())
        });
        self.discounts.push(d);
    }
}

/// The terms resolved against the scenario's models and plans.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Share of list price billed for each model of [`super::ValidScenario::models`]
    /// [fraction]: 1 − discount.
    pub(crate) model_rate: Vec<f64>,
    /// Share of list price billed by provider (or plan vendor) with a discount [fraction].
    pub(crate) provider_rate: Vec<(String, f64)>,
    /// The commitment, if any.
    pub commitment: Option<Commitment>,
}

impl PricingTerms {
    /// Checks every term against the price table in use (providers: also the built-in table's)
    /// and resolves the billed share of each model (`models`, with their `providers`) and of
    /// each provider with a discount.
    pub(crate) fn resolve(
        &self,
        catalogue: &Catalogue,
        models: &[String],
        providers: &[String],
    ) -> Result<Agreement, ScenarioError> {
        // The built-in table's providers count too: a run is sent only the models it uses.
        let mut known: Vec<&str> = catalogue
            .models()
            .iter()
            .chain(builtin_prices().models())
            .map(|m| m.provider.as_str())
            .chain(catalogue.plans().iter().map(|p| p.vendor.as_str()))
            .collect();
        known.sort_unstable();
        known.dedup();
        let mut by_provider: Vec<(&str, f64)> = Vec::new();
        let mut by_model: Vec<(&str, f64)> = Vec::new();
        for (i, d) in self.discounts.iter().enumerate() {
            let at = format!("pricing.discounts[{i}]");
            range(&format!("{at}.percent"), d.percent, 0.0, 100.0)?;
            let rate = 1.0 - d.percent / 100.0;
            match (&d.provider, &d.model) {
                (Some(p), None) => {
                    if !known.contains(&p.as_str()) {
                        return Err(out_of_range(
                            &format!("{at}.provider"),
                            p,
                            &format!("a provider of the price table in use: {}", known.join(", ")),
                        ));
                    }
                    if by_provider.iter().any(|(q, _)| q == p) {
                        return Err(out_of_range(
                            &format!("{at}.provider"),
                            p,
                            "one discount per provider",
                        ));
                    }
                    by_provider.push((p, rate));
                }
                (None, Some(m)) => {
                    catalogue.require(m).map_err(|source: PricingError| {
                        ScenarioError::Pricing {
                            field: format!("{at}.model"),
                            source,
                        }
                    })?;
                    if by_model.iter().any(|(q, _)| q == m) {
                        return Err(out_of_range(
                            &format!("{at}.model"),
                            m,
                            "one discount per model",
                        ));
                    }
                    by_model.push((m, rate));
                }
                _ => {
                    return Err(out_of_range(
                        &at,
                        "a discount",
                        "either a provider or a model, not both nor neither",
                    ))
                }
            }
        }
        if let Some(c) = &self.commitment {
            range("pricing.commitment.usd", c.usd, 0.0, MAX_COMMITMENT_USD)?;
        }
        let find =
            |list: &[(&str, f64)], key: &str| list.iter().find(|(k, _)| *k == key).map(|(_, r)| *r);
        let model_rate = models
            .iter()
            .zip(providers)
            .map(|(m, p)| {
                find(&by_model, m)
                    .or_else(|| find(&by_provider, p))
                    .unwrap_or(1.0)
            })
            .collect();
        Ok(Agreement {
            model_rate,
            provider_rate: by_provider
                .into_iter()
                .map(|(p, r)| (p.to_string(), r))
                .collect(),
            commitment: self.commitment,
        })
    }
}

impl Agreement {
    /// List prices and no commitment, for `models` models.
    pub fn list(models: usize) -> Agreement {
        Agreement {
            model_rate: vec![1.0; models],
            provider_rate: Vec::new(),
            commitment: None,
        }
    }

    /// The share of list price billed for the fees of a policy set's seat plan [fraction]: 1
    /// without a plan or without a discount for the plan's vendor.
    pub(crate) fn plan_rate(&self, policy: &super::PolicyModel) -> f64 {
        policy
            .plan
            .as_ref()
            .and_then(|seat_plan| {
                self.provider_rate
                    .iter()
                    .find(|(p, _)| *p == seat_plan.plan.vendor)
                    .map(|(_, r)| *r)
            })
            .unwrap_or(1.0)
    }

    /// The share of list price taken off a spend split across models (shares of
    /// [`super::ValidScenario::models`] summing to 1) [fraction]; exactly 0 without discounts.
    pub(crate) fn discount_of(&self, split: &[f64]) -> f64 {
        split
            .iter()
            .zip(&self.model_rate)
            .map(|(s, r)| s * (1.0 - r))
            .sum()
    }

    /// The amount committed for the period that closes at month index `t` of a `months`-month
    /// horizon, if one closes there [USD]: every month for a monthly commitment; for a yearly
    /// one, the twelfth month of each year from the start and the horizon's last month (then
    /// pro rata for the months simulated), with the months of that year.
    pub(crate) fn due(&self, t: usize, months: usize) -> Option<(f64, std::ops::Range<usize>)> {
        let c = self.commitment?;
        match c.per {
            CommitmentPeriod::Month => Some((c.usd, t..t + 1)),
            CommitmentPeriod::Year => {
                let first = t - t % 12;
                let closes = t % 12 == 11 || t + 1 == months;
                closes.then(|| (c.usd * ((t + 1 - first) as f64) / 12.0, first..t + 1))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(json: &str) -> PricingTerms {
        serde_json::from_str(json).unwrap()
    }

    fn resolve(t: &PricingTerms) -> Result<Agreement, ScenarioError> {
        let models = ["claude-sonnet-4-6", "claude-opus-4-6", "gpt-5.6-sol"].map(String::from);
        let providers = ["anthropic", "anthropic", "openai"].map(String::from);
        t.resolve(&Catalogue::builtin(), &models, &providers)
    }

    #[test]
    fn a_models_own_discount_beats_its_providers() {
        let t = terms(
            r#"{"discounts": [{"provider": "anthropic", "percent": 20},
                              {"model": "claude-opus-4-6", "percent": 35},
                              {"provider": "github", "percent": 10}]}"#,
        );
        let a = resolve(&t).unwrap();
        assert_eq!(a.model_rate, vec![0.8, 0.65, 1.0]);
        assert_eq!(
            a.provider_rate,
            vec![("anthropic".to_string(), 0.8), ("github".to_string(), 0.9)]
        );
        assert!((a.discount_of(&[0.5, 0.0, 0.5]) - 0.1).abs() < 1e-15);
        assert_eq!(Agreement::list(3).discount_of(&[0.5, 0.2, 0.3]), 0.0);
    }

    #[test]
    fn bad_terms_name_their_field_and_what_is_allowed() {
        let cases = [
            (
                r#"{"discounts": [{"provider": "anthropic", "percent": 120}]}"#,
                "`pricing.discounts[0].percent` = 120 is out of range (allowed: 0–100)",
            ),
            (
                r#"{"discounts": [{"provider": "antropic", "percent": 20}]}"#,
                "`pricing.discounts[0].provider` = antropic is out of range (allowed: a provider of the price table in use: amazon, anthropic",
            ),
            (
                r#"{"discounts": [{"model": "gpt-5.6-sool", "percent": 20}]}"#,
                "`pricing.discounts[0].model`: no price for model \"gpt-5.6-sool\"; closest known ids: gpt-5.6-sol",
            ),
            (
                r#"{"discounts": [{"model": "gpt-5.4", "provider": "openai", "percent": 20}]}"#,
                "either a provider or a model",
            ),
            (
                r#"{"commitment": {"usd": -1, "per": "month"}}"#,
                "`pricing.commitment.usd` = -1",
            ),
        ];
        for (json, message) in cases {
            let e = resolve(&terms(json)).unwrap_err().to_string();
            assert!(e.contains(message), "{e}");
        }
        let bad_period =
            serde_json::from_str::<PricingTerms>(r#"{"commitment": {"usd": 1, "per": "week"}}"#);
        assert!(bad_period.unwrap_err().to_string().contains("month"));
    }

    #[test]
    fn discounts_and_commitments_read_from_flags() {
        let d: Discount = "model:gpt-5.6-sol=35".parse().unwrap();
        assert_eq!(d.model.as_deref(), Some("gpt-5.6-sol"));
        assert_eq!(d.percent, 35.0);
        let p: Discount = "anthropic=20".parse().unwrap();
        assert_eq!(
            (p.provider.as_deref(), p.percent),
            (Some("anthropic"), 20.0)
        );
        assert!("anthropic"
            .parse::<Discount>()
            .unwrap_err()
            .contains("PROVIDER=PERCENT"));
        let c: Commitment = "100,000/year".parse().unwrap();
        assert_eq!((c.usd, c.per), (100_000.0, CommitmentPeriod::Year));
        assert!("5/week".parse::<Commitment>().is_err());
        let mut t = PricingTerms::default();
        t.set_discount(p.clone());
        t.set_discount(Discount {
            percent: 25.0,
            ..p.clone()
        });
        t.set_discount(d);
        assert_eq!(t.discounts.len(), 2);
        assert_eq!(t.discounts[0].percent, 25.0);
    }

    #[test]
    fn a_yearly_commitment_closes_every_twelfth_month_and_at_the_horizon() {
        let a = Agreement {
            commitment: Some(Commitment {
                usd: 1200.0,
                per: CommitmentPeriod::Year,
            }),
            ..Agreement::list(1)
        };
        assert_eq!(a.due(10, 18), None);
        assert_eq!(a.due(11, 18), Some((1200.0, 0..12)));
        assert_eq!(a.due(17, 18), Some((600.0, 12..18)));
        let m = Agreement {
            commitment: Some(Commitment {
                usd: 5.0,
                per: CommitmentPeriod::Month,
            }),
            ..Agreement::list(1)
        };
        assert_eq!(m.due(3, 18), Some((5.0, 3..4)));
    }
}
