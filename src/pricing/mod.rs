//! Model list prices, seat and credit plans, and the cost arithmetic for one usage bundle.
//!
//! A [`Catalogue`] is parsed and validated from Burnrate's own schema (`pricing-data/README.md`)
//! or imported from LiteLLM, OpenRouter, llm-prices or CSV files ([`import`]); the engine only
//! ever sees validated [`ModelPrice`]s. Prices carry effective dates, context tiers, service
//! tiers and regional uplifts; [`rates`] says how they resolve for one request.

mod catalogue;
pub mod import;
pub mod plans;
pub mod rates;
mod schema;

pub use catalogue::Catalogue;

pub use catalogue::{check_price, PriceChange, PricingError};
pub use import::ImportSummary;
pub use import::{Format, ImportError, Imported};
pub use plans::Plan;
pub(crate) use plans::PlanMonth;
pub use rates::{ContextTier, PricePeriod, RateSet, ServiceRates};
pub use rates::{Prices, STANDARD};
pub use schema::BUILTIN_CATALOGUE_JSON;

use crate::calendar::{Date, YearMonth};
use crate::units::{Tokens, Usd, UsdPerMTok};
use rates::Unresolved;
use serde::Serialize;
use std::collections::BTreeMap;

/// One priced model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelPrice {
    /// Identifier used in scenarios and on the command line, e.g. `claude-sonnet-4-6`.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Provider, e.g. `anthropic`.
    pub provider: String,
    /// Dated prices, by ascending start, not overlapping.
    pub periods: Vec<PricePeriod>,
    /// Regional uplift multipliers by region name (e.g. `eu` → 1.1).
    pub(crate) regions: BTreeMap<String, f64>,
    /// Where the prices were published.
    pub source: String,
    /// The day the prices were last checked against the source (for an import: the day of the
    /// import, unless the file says).
    pub checked: Date,
    /// Whether the figures were confirmed against the source (false: marked unconfirmed).
    pub(crate) verified: bool,
    /// Caveats, e.g. which sources disagree.
    pub note: String,
}

/// Which variant of a model's price applies to a request.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceQuery<'a> {
    /// The day the request is billed.
    pub day: Date,
    /// Service tier: `standard`, `batch`, `flex`, `priority`, …
    pub service_tier: &'a str,
    /// Region whose uplift applies, if any.
    pub region: Option<&'a str>,
}

/// Token counts of one usage bundle, by token type [tokens].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct UsageBundle {
    /// Uncached prompt tokens.
    pub input: Tokens,
    /// Prompt tokens served from the cache.
    pub cache_read: Tokens,
    /// Prompt tokens written to the 5-minute cache.
    pub cache_write_5m: Tokens,
    /// Prompt tokens written to the 1-hour cache.
    pub cache_write_1h: Tokens,
    /// Generated tokens.
    pub output: Tokens,
    /// Reasoning tokens.
    pub reasoning: Tokens,
}

impl UsageBundle {
    /// Prompt size that selects the context tier: uncached input + cache reads + cache writes.
    pub fn prompt_tokens(&self) -> u64 {
        (self.input.0 + self.cache_read.0 + self.cache_write_5m.0 + self.cache_write_1h.0).max(0.0)
            as u64
    }
}

/// The cost of a usage bundle, split by token type [USD].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CostBreakdown {
    /// Uncached prompt tokens.
    pub input: Usd,
    /// Cache reads.
    pub cache_read: Usd,
    /// 5-minute cache writes.
    pub cache_write_5m: Usd,
    /// 1-hour cache writes.
    pub cache_write_1h: Usd,
    /// Generated tokens.
    pub output: Usd,
    /// Reasoning tokens.
    pub reasoning: Usd,
}

impl CostBreakdown {
    /// The sum of all components [USD].
    pub fn total(&self) -> Usd {
        self.input
            + self.cache_read
            + self.cache_write_5m
            + self.cache_write_1h
            + self.output
            + self.reasoning
    }
}

/// Shares of each token type in a workload's traffic (fractions summing to 1).
///
/// Agentic coding traffic is dominated by cache reads, so pricing it at the input/output list
/// prices alone overstates spend several-fold; the simulation prices this mix instead.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TokenMix {
    /// Share of uncached prompt tokens.
    pub input: f64,
    /// Share of cache reads.
    pub cache_read: f64,
    /// Share of 5-minute cache writes.
    pub cache_write_5m: f64,
    /// Share of 1-hour cache writes.
    pub cache_write_1h: f64,
    /// Share of generated tokens.
    pub output: f64,
}

impl Prices {
    /// Prices a usage bundle.
    pub fn cost(&self, usage: &UsageBundle) -> CostBreakdown {
        CostBreakdown {
            input: usage.input * self.input,
            cache_read: usage.cache_read * self.cache_read,
            cache_write_5m: usage.cache_write_5m * self.cache_write_5m,
            cache_write_1h: usage.cache_write_1h * self.cache_write_1h,
            output: usage.output * self.output,
            reasoning: usage.reasoning * self.reasoning,
        }
    }

    /// The average price of one token of the given mix [USD / 1M tokens].
    pub fn blended(&self, mix: &TokenMix) -> UsdPerMTok {
        self.input * mix.input
            + self.cache_read * mix.cache_read
            + self.cache_write_5m * mix.cache_write_5m
            + self.cache_write_1h * mix.cache_write_1h
            + self.output * mix.output
    }
}

impl ModelPrice {
    /// The resolved prices of a request of `prompt_tokens` tokens.
    pub fn prices(&self, q: &PriceQuery, prompt_tokens: u64) -> Result<Prices, PricingError> {
        let uplift = match q.region {
            None => 1.0,
            Some(region) => {
                *self
                    .regions
                    .get(region)
                    .ok_or_else(|| PricingError::UnknownRegion {
                        model: self.id.clone(),
                        region: region.to_string(),
                        available: self.regions.keys().cloned().collect(),
                    })?
            }
        };
        let period = self
            .periods
            .iter()
            .find(|p| p.in_force(q.day))
            .ok_or_else(|| PricingError::NoPriceOnDate {
                model: self.id.clone(),
                day: q.day,
            })?;
        period
            .resolve(q.service_tier, prompt_tokens, uplift)
            .map_err(|e| match e {
                Unresolved::UnknownServiceTier => PricingError::UnknownServiceTier {
                    model: self.id.clone(),
                    tier: q.service_tier.to_string(),
                    available: period.service_tiers.keys().cloned().collect(),
                },
                Unresolved::MissingPrice => PricingError::MissingPrice {
                    model: self.id.clone(),
                },
            })
    }

    /// Prices a usage bundle (one request: its prompt size selects the context tier).
    pub fn cost(&self, usage: &UsageBundle, q: &PriceQuery) -> Result<CostBreakdown, PricingError> {
        Ok(self.prices(q, usage.prompt_tokens())?.cost(usage))
    }

    /// The price of one token of `mix` over `month` on the standard tier, averaged over the
    /// month's days so a mid-month price change counts for the days it is in force
    /// [USD / 1M tokens].
    pub(crate) fn blended_for_month(
        &self,
        mix: &TokenMix,
        month: YearMonth,
    ) -> Result<UsdPerMTok, PricingError> {
        let first = month.first_day();
        let days = month.days();
        // (price, days in force) for each run of days with one price.
        let mut runs: Vec<(f64, u32)> = Vec::with_capacity(2);
        for d in 0..days {
            let q = PriceQuery {
                day: first.plus_days(d as i32),
                service_tier: STANDARD,
                region: None,
            };
            let price = self.prices(&q, 0)?.blended(mix).0;
            match runs.last_mut() {
                Some((p, n)) if *p == price => *n += 1,
                _ => runs.push((price, 1)),
            }
        }
        Ok(match runs.as_slice() {
            [(price, _)] => UsdPerMTok(*price),
            _ => UsdPerMTok(
                runs.iter().map(|(p, n)| p * f64::from(*n)).sum::<f64>() / f64::from(days),
            ),
        })
    }

    /// The standard-tier base prices in force on `day`, if any.
    pub fn list_prices_on(&self, day: Date) -> Option<Prices> {
        let q = PriceQuery {
            day,
            service_tier: STANDARD,
            region: None,
        };
        self.prices(&q, 0).ok()
    }

    /// This model with every price (each period, service tier and context tier) multiplied by
    /// `k`, its source and note replaced: what an organisation paying `k` times list pays.
    pub(crate) fn scaled(&self, k: f64, source: &str, note: &str) -> ModelPrice {
        let rates = |r: &ServiceRates| ServiceRates {
            base: r.base.scaled(k),
            context_tiers: r
                .context_tiers
                .iter()
                .map(|t| ContextTier {
                    rates: t.rates.scaled(k),
                    ..t.clone()
                })
                .collect(),
        };
        ModelPrice {
            periods: self
                .periods
                .iter()
                .map(|p| PricePeriod {
                    from: p.from,
                    to: p.to,
                    standard: rates(&p.standard),
                    service_tiers: p
                        .service_tiers
                        .iter()
                        .map(|(name, r)| (name.clone(), rates(r)))
                        .collect(),
                })
                .collect(),
            source: source.into(),
            note: note.into(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn standard(on: &str) -> PriceQuery<'static> {
        PriceQuery {
            day: day(on),
            service_tier: STANDARD,
            region: None,
        }
    }

    fn builtin(id: &str) -> ModelPrice {
        Catalogue::builtin()
            .get(id)
            .unwrap_or_else(|| panic!("{id} is in the built-in catalogue"))
            .clone()
    }

    #[test]
    fn cost_of_a_bundle_is_the_sum_of_token_types_times_prices() {
        let usage = UsageBundle {
            input: Tokens(1_000_000.0),
            cache_read: Tokens(10_000_000.0),
            cache_write_5m: Tokens(2_000_000.0),
            cache_write_1h: Tokens(1_000_000.0),
            output: Tokens(500_000.0),
            reasoning: Tokens(0.0),
        };
        // A 14M-token "request" is far above any context tier, so price it per token type at
        // the base rates directly.
        let p = builtin("claude-sonnet-4-6")
            .prices(&standard("2026-08-01"), 0)
            .unwrap();
        let c = p.cost(&usage);
        // 1M × $3 + 10M × $0.30 + 2M × $3.75 + 1M × $6 + 0.5M × $15
        assert!((c.total().0 - (3.0 + 3.0 + 7.5 + 6.0 + 7.5)).abs() < 1e-12);
        assert_eq!(c.output, Usd(7.5));
    }

    #[test]
    fn agentic_blend_is_a_fraction_of_the_input_price() {
        let mix = TokenMix {
            input: 0.005,
            cache_read: 0.95,
            cache_write_5m: 0.04,
            cache_write_1h: 0.0,
            output: 0.005,
        };
        let p = builtin("claude-sonnet-4-6")
            .prices(&standard("2026-08-01"), 0)
            .unwrap();
        let ratio = p.blended(&mix).0 / 3.0;
        assert!((0.14..=0.20).contains(&ratio), "blend/input = {ratio}");
        // V8: list-price arithmetic (input at the input price, everything else at output)
        // overstates the cache-aware blend 5–7×.
        let list = (mix.input + mix.cache_read + mix.cache_write_5m) * 3.0 + mix.output * 15.0;
        let overstatement = list / p.blended(&mix).0;
        assert!((5.0..=7.0).contains(&overstatement), "{overstatement}");
    }

    #[test]
    fn a_dated_price_change_applies_from_its_day() {
        let sonnet5 = builtin("claude-sonnet-5");
        let before = sonnet5.list_prices_on(day("2026-08-31")).unwrap();
        let after = sonnet5.list_prices_on(day("2026-09-01")).unwrap();
        assert_eq!(before.input, UsdPerMTok(2.0));
        assert_eq!(after.input, UsdPerMTok(3.0));
    }

    #[test]
    fn a_mid_month_change_is_weighted_by_days_in_force() {
        let terra = builtin("gpt-5.6-terra");
        let mix = TokenMix {
            input: 1.0,
            cache_read: 0.0,
            cache_write_5m: 0.0,
            cache_write_1h: 0.0,
            output: 0.0,
        };
        // 29 days at $2.50 and 2 days at $2.00 in July 2026 (the cut took effect on the 30th).
        let july = terra
            .blended_for_month(&mix, "2026-07".parse().unwrap())
            .unwrap();
        assert!((july.0 - (29.0 * 2.5 + 2.0 * 2.0) / 31.0).abs() < 1e-12);
    }

    #[test]
    fn context_and_service_tiers_and_regions_apply() {
        let gemini = builtin("gemini-3.1-pro");
        let long = UsageBundle {
            input: Tokens(150_000.0),
            cache_read: Tokens(60_000.0),
            output: Tokens(1_000.0),
            ..UsageBundle::default()
        };
        let c = gemini.cost(&long, &standard("2026-08-01")).unwrap();
        // 210k prompt > 200k: 150k × $4 + 60k × $0.40 + 1k × $18
        assert!((c.total().0 - (0.6 + 0.024 + 0.018)).abs() < 1e-12, "{c:?}");

        let sonnet = builtin("claude-sonnet-4-6");
        let q = PriceQuery {
            day: day("2026-08-01"),
            service_tier: "batch",
            region: None,
        };
        assert_eq!(sonnet.prices(&q, 0).unwrap().input, UsdPerMTok(1.5));
        let unknown = PriceQuery {
            service_tier: "ultrafast",
            ..q.clone()
        };
        let e = sonnet.prices(&unknown, 0).unwrap_err().to_string();
        assert!(e.contains("ultrafast") && e.contains("batch"), "{e}");
    }

    #[test]
    fn a_day_without_a_price_is_an_error_naming_model_and_day() {
        let mut m = builtin("claude-sonnet-4-6");
        m.periods.truncate(1);
        m.periods[0].from = Some(day("2026-01-01"));
        let e = m.prices(&standard("2025-12-31"), 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no price for model \"claude-sonnet-4-6\" on 2025-12-31"
        );
    }
}
