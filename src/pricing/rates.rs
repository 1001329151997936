//! Price periods, context tiers and service tiers, and how they resolve to the prices of one
//! request.
//!
//! Resolution follows LiteLLM's cost calculation, so an imported LiteLLM table prices every
//! request exactly as LiteLLM does:
//!
//! 1. Start from the service tier's base rates, falling back field by field to the standard
//!    tier's base rates.
//! 2. For every context tier whose threshold the prompt exceeds (prompt = uncached input + cache
//!    reads + cache writes; `>` the threshold, or `≥` where the source bills from the threshold
//!    inclusive), in ascending order of threshold, overlay the service tier's rates for that
//!    threshold, falling back to the standard tier's: the whole request is billed at the tier.
//! 3. Fill what is still absent: cache reads and 5-minute writes at the input price, 1-hour
//!    writes at the 5-minute write price, reasoning at the output price. Reasoning is tiered by
//!    context only where a tier sets it (all-or-nothing tier tables); otherwise an explicit
//!    reasoning price is flat, as LiteLLM bills it. An explicit 0 is a price.
//!    A missing input or output price is an error, never $0.

use crate::calendar::Date;
use crate::units::UsdPerMTok;
use serde::Serialize;
use std::collections::BTreeMap;

/// The name of the default service tier.
pub const STANDARD: &str = "standard";

/// Prices per token type, any of which may be absent [USD / 1M tokens].
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RateSet {
    /// Fresh (uncached) prompt tokens.
    pub input: Option<UsdPerMTok>,
    /// Prompt tokens read from the cache.
    pub cache_read: Option<UsdPerMTok>,
    /// Prompt tokens written to the ≈5-minute cache.
    pub cache_write_5m: Option<UsdPerMTok>,
    /// Prompt tokens written to the ≈1-hour cache.
    pub cache_write_1h: Option<UsdPerMTok>,
    /// Generated tokens.
    pub output: Option<UsdPerMTok>,
    /// Reasoning tokens.
    pub reasoning: Option<UsdPerMTok>,
}

impl RateSet {
    /// Replaces each field that `over` sets.
    fn overlay(&mut self, over: &RateSet) {
        let fields = [
            (&mut self.input, over.input),
            (&mut self.cache_read, over.cache_read),
            (&mut self.cache_write_5m, over.cache_write_5m),
            (&mut self.cache_write_1h, over.cache_write_1h),
            (&mut self.output, over.output),
            (&mut self.reasoning, over.reasoning),
        ];
        for (mine, theirs) in fields {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
    }

    /// Every set price with its field name, for validation and display.
    pub fn fields(&self) -> [(&'static str, Option<UsdPerMTok>); 6] {
        [
            ("input", self.input),
            ("cache_read", self.cache_read),
            ("cache_write_5m", self.cache_write_5m),
            ("cache_write_1h", self.cache_write_1h),
            ("output", self.output),
            ("reasoning", self.reasoning),
        ]
    }

    /// Multiplies every set price by `k`.
    pub(crate) fn scaled(&self, k: f64) -> RateSet {
        let s = |p: Option<UsdPerMTok>| p.map(|p| p * k);
        RateSet {
            input: s(self.input),
            cache_read: s(self.cache_read),
            cache_write_5m: s(self.cache_write_5m),
            cache_write_1h: s(self.cache_write_1h),
            output: s(self.output),
            reasoning: s(self.reasoning),
        }
    }
}

/// Rates that replace the base rates once the prompt passes a size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextTier {
    /// Prompt size at which the tier starts [tokens].
    pub(crate) threshold: u64,
    /// Whether a prompt of exactly `threshold` tokens is already in the tier.
    pub(crate) inclusive: bool,
    /// The tier's rates; absent fields keep the rate below the tier.
    pub rates: RateSet,
}

impl ContextTier {
    fn applies(&self, prompt_tokens: u64) -> bool {
        prompt_tokens > self.threshold || (self.inclusive && prompt_tokens == self.threshold)
    }
}

/// The rates of one service tier: base rates and context tiers.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ServiceRates {
    /// Rates for prompts below every context tier.
    pub base: RateSet,
    /// Context tiers, by ascending threshold.
    pub context_tiers: Vec<ContextTier>,
}

/// The prices of one model during a date range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricePeriod {
    /// First day in force (inclusive); `None` = since always.
    pub from: Option<Date>,
    /// First day no longer in force (exclusive); `None` = until further notice.
    pub to: Option<Date>,
    /// The standard service tier.
    pub standard: ServiceRates,
    /// Other service tiers (`batch`, `flex`, `priority`, …) by name; absent fields fall back to
    /// the standard tier.
    pub service_tiers: BTreeMap<String, ServiceRates>,
}

/// Fully resolved prices for one request [USD / 1M tokens].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prices {
    /// Fresh (uncached) prompt tokens.
    pub input: UsdPerMTok,
    /// Prompt tokens read from the cache.
    pub cache_read: UsdPerMTok,
    /// Prompt tokens written to the ≈5-minute cache.
    pub cache_write_5m: UsdPerMTok,
    /// Prompt tokens written to the ≈1-hour cache.
    pub cache_write_1h: UsdPerMTok,
    /// Generated tokens.
    pub output: UsdPerMTok,
    /// Reasoning tokens.
    pub reasoning: UsdPerMTok,
}

/// Why a period could not price a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unresolved {
    /// The period has no such service tier.
    UnknownServiceTier,
    /// The input or output price is missing.
    MissingPrice,
}

impl PricePeriod {
    /// Whether the period is in force on `day`.
    pub(crate) fn in_force(&self, day: Date) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }

    /// The prices of a request of `prompt_tokens` on `service` tier, multiplied by `uplift`.
    pub(crate) fn resolve(
        &self,
        service: &str,
        prompt_tokens: u64,
        uplift: f64,
    ) -> Result<Prices, Unresolved> {
        let svc = if service == STANDARD {
            None
        } else {
            Some(
                self.service_tiers
                    .get(service)
                    .ok_or(Unresolved::UnknownServiceTier)?,
            )
        };
        let mut r = self.standard.base;
        if let Some(svc) = svc {
            r.overlay(&svc.base);
        }
        let mut thresholds: Vec<&ContextTier> = self.standard.context_tiers.iter().collect();
        if let Some(svc) = svc {
            thresholds.extend(svc.context_tiers.iter());
        }
        thresholds.sort_by_key(|t| t.threshold);
        thresholds.dedup_by_key(|t| t.threshold);
        let mut tier_reasoning = None;
        for tier in thresholds.into_iter().filter(|t| t.applies(prompt_tokens)) {
            let std_tier = self
                .standard
                .context_tiers
                .iter()
                .find(|t| t.threshold == tier.threshold);
            let svc_tier = svc.and_then(|s| {
                s.context_tiers
                    .iter()
                    .find(|t| t.threshold == tier.threshold)
            });
            let mut tier_rates = std_tier.map(|t| t.rates).unwrap_or_default();
            if let Some(t) = svc_tier {
                tier_rates.overlay(&t.rates);
            }
            // A tier's own reasoning rate wins over every base rate (all-or-nothing tables).
            tier_reasoning = tier_rates.reasoning.or(tier_reasoning);
            tier_rates.reasoning = None;
            r.overlay(&tier_rates);
        }
        let r = r.scaled(uplift);
        let (input, output) = match (r.input, r.output) {
            (Some(i), Some(o)) => (i, o),
            _ => return Err(Unresolved::MissingPrice),
        };
        let cache_write_5m = r.cache_write_5m.unwrap_or(input);
        let svc_reasoning = svc.and_then(|s| s.base.reasoning);
        let svc_output = svc.and_then(|s| s.base.output);
        let reasoning = match (
            tier_reasoning,
            svc_reasoning,
            svc_output,
            self.standard.base.reasoning,
        ) {
            (Some(rs), _, _, _) | (None, Some(rs), _, _) => rs * uplift,
            (None, None, Some(_), _) => output,
            (None, None, None, Some(rs)) => rs * uplift,
            (None, None, None, None) => output,
        };
        Ok(Prices {
            input,
            cache_read: r.cache_read.unwrap_or(input),
            cache_write_5m,
            cache_write_1h: r.cache_write_1h.unwrap_or(cache_write_5m),
            output,
            reasoning,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64) -> Option<UsdPerMTok> {
        Some(UsdPerMTok(x))
    }

    fn gemini_like() -> PricePeriod {
        let mut service_tiers = BTreeMap::new();
        service_tiers.insert(
            "priority".to_string(),
            ServiceRates {
                base: RateSet {
                    input: p(2.25),
                    output: p(18.0),
                    ..RateSet::default()
                },
                context_tiers: vec![ContextTier {
                    threshold: 200_000,
                    inclusive: false,
                    rates: RateSet {
                        input: p(4.5),
                        ..RateSet::default()
                    },
                }],
            },
        );
        PricePeriod {
            from: None,
            to: None,
            standard: ServiceRates {
                base: RateSet {
                    input: p(1.25),
                    cache_read: p(0.125),
                    output: p(10.0),
                    ..RateSet::default()
                },
                context_tiers: vec![ContextTier {
                    threshold: 200_000,
                    inclusive: false,
                    rates: RateSet {
                        input: p(2.5),
                        cache_read: p(0.25),
                        output: p(15.0),
                        ..RateSet::default()
                    },
                }],
            },
            service_tiers,
        }
    }

    #[test]
    fn the_whole_request_moves_to_the_tier_above_the_threshold() {
        let period = gemini_like();
        let below = period.resolve(STANDARD, 200_000, 1.0).unwrap();
        assert_eq!(below.input, UsdPerMTok(1.25));
        let above = period.resolve(STANDARD, 200_001, 1.0).unwrap();
        assert_eq!(
            (above.input, above.cache_read, above.output),
            (UsdPerMTok(2.5), UsdPerMTok(0.25), UsdPerMTok(15.0))
        );
        assert_eq!(
            above.cache_write_5m,
            UsdPerMTok(2.5),
            "absent write = tier input"
        );
    }

    #[test]
    fn inclusive_thresholds_start_at_the_threshold() {
        let mut period = gemini_like();
        period.standard.context_tiers[0].inclusive = true;
        assert_eq!(
            period.resolve(STANDARD, 200_000, 1.0).unwrap().input,
            UsdPerMTok(2.5)
        );
    }

    #[test]
    fn service_tiers_fall_back_to_standard_field_by_field() {
        let period = gemini_like();
        let pr = period.resolve("priority", 1000, 1.0).unwrap();
        assert_eq!(pr.input, UsdPerMTok(2.25));
        assert_eq!(pr.cache_read, UsdPerMTok(0.125), "standard cache read");
        let above = period.resolve("priority", 300_000, 1.0).unwrap();
        assert_eq!(above.input, UsdPerMTok(4.5), "priority tier");
        assert_eq!(above.output, UsdPerMTok(15.0), "standard tier output");
        assert_eq!(
            period.resolve("batch", 1, 1.0),
            Err(Unresolved::UnknownServiceTier)
        );
    }

    #[test]
    fn missing_output_is_an_error_and_uplift_scales_every_price() {
        let mut period = gemini_like();
        let up = period.resolve(STANDARD, 1, 1.1).unwrap();
        assert!((up.input.0 - 1.375).abs() < 1e-12);
        assert!((up.reasoning.0 - 11.0).abs() < 1e-12);
        period.standard.base.output = None;
        assert_eq!(
            period.resolve(STANDARD, 1, 1.0),
            Err(Unresolved::MissingPrice)
        );
    }

    #[test]
    fn periods_are_in_force_from_inclusive_to_exclusive() {
        let mut period = gemini_like();
        period.from = Some("2026-07-30".parse().unwrap());
        period.to = Some("2026-09-01".parse().unwrap());
        assert!(!period.in_force("2026-07-29".parse().unwrap()));
        assert!(period.in_force("2026-07-30".parse().unwrap()));
        assert!(period.in_force("2026-08-31".parse().unwrap()));
        assert!(!period.in_force("2026-09-01".parse().unwrap()));
    }
}
