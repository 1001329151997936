//! Model list prices and the cost arithmetic for one usage bundle.
//!
//! A [`Catalogue`] is parsed and validated from the JSON schema documented in
//! `pricing-data/README.md`; the engine only ever sees validated [`ModelPrice`]s, whose
//! optional cache and reasoning prices have already been resolved (an absent cache price means
//! the input price, an absent reasoning price means the output price; an explicit 0 stays 0).

mod catalogue;

pub use catalogue::{Catalogue, PricingError, BUILTIN_CATALOGUE_JSON};

use crate::units::{Tokens, Usd, UsdPerMTok};
use serde::Serialize;

/// Resolved per-token-type prices of one model [USD / 1M tokens].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prices {
    /// Fresh (uncached) prompt tokens.
    pub input: UsdPerMTok,
    /// Prompt tokens read from the cache.
    pub cache_read: UsdPerMTok,
    /// Prompt tokens written to a cache that lives about 5 minutes.
    pub cache_write_5m: UsdPerMTok,
    /// Prompt tokens written to a cache that lives about 1 hour.
    pub cache_write_1h: UsdPerMTok,
    /// Generated tokens.
    pub output: UsdPerMTok,
    /// Reasoning ("thinking") tokens, billed separately where the provider says so.
    pub reasoning: UsdPerMTok,
}

/// One priced model from a catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelPrice {
    /// Identifier used in scenarios and on the command line, e.g. `claude-sonnet-4-6`.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Provider, e.g. `anthropic`.
    pub provider: String,
    /// Resolved prices.
    pub prices: Prices,
    /// Where the prices were published.
    pub source: String,
    /// The date (YYYY-MM-DD) the prices were last checked against the source.
    pub checked: String,
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

impl ModelPrice {
    /// Prices a usage bundle.
    pub fn cost(&self, usage: &UsageBundle) -> CostBreakdown {
        let p = &self.prices;
        CostBreakdown {
            input: usage.input * p.input,
            cache_read: usage.cache_read * p.cache_read,
            cache_write_5m: usage.cache_write_5m * p.cache_write_5m,
            cache_write_1h: usage.cache_write_1h * p.cache_write_1h,
            output: usage.output * p.output,
            reasoning: usage.reasoning * p.reasoning,
        }
    }

    /// The average price of one token of the given mix [USD / 1M tokens].
    pub fn blended(&self, mix: &TokenMix) -> UsdPerMTok {
        let p = &self.prices;
        p.input * mix.input
            + p.cache_read * mix.cache_read
            + p.cache_write_5m * mix.cache_write_5m
            + p.cache_write_1h * mix.cache_write_1h
            + p.output * mix.output
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sonnet() -> ModelPrice {
        Catalogue::builtin()
            .get("claude-sonnet-4-6")
            .expect("sonnet is in the built-in catalogue")
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
        let c = sonnet().cost(&usage);
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
        let ratio = sonnet().blended(&mix).0 / 3.0;
        assert!((0.14..=0.20).contains(&ratio), "blend/input = {ratio}");
    }
}
