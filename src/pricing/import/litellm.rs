//! LiteLLM's `model_prices_and_context_window.json`: an object of model entries with prices in
//! USD per token, context tiers as `*_above_<N>k_tokens` keys, service tiers as `_batches`,
//! `_flex`, `_priority`, … suffixes, Alibaba-style `tiered_pricing` tables, and regional uplift
//! multipliers. Chat, completion and responses models are imported; other modes are counted and
//! skipped; `sample_spec` and unknown fields are ignored.

use super::{per_token, Collector, Format, ImportError, Imported};
use crate::calendar::Date;
use crate::pricing::rates::{ContextTier, PricePeriod, RateSet, ServiceRates};
use crate::pricing::ModelPrice;
use crate::units::UsdPerMTok;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;

const SOURCE: &str = "LiteLLM model_prices_and_context_window.json";

/// Price keys and the rate-set field each sets.
const FIELDS: [(&str, Field); 6] = [
    (
        "cache_creation_input_token_cost_above_1hr",
        Field::CacheWrite1h,
    ),
    ("cache_creation_input_token_cost", Field::CacheWrite5m),
    ("cache_read_input_token_cost", Field::CacheRead),
    ("output_cost_per_reasoning_token", Field::Reasoning),
    ("input_cost_per_token", Field::Input),
    ("output_cost_per_token", Field::Output),
];

/// Key suffixes naming a service tier, and the tier's name here.
const SERVICE_SUFFIXES: [(&str, &str); 5] = [
    ("_batches", "batch"),
    ("_flex", "flex"),
    ("_balanced", "balanced"),
    ("_priority", "priority"),
    ("_ultrafast", "ultrafast"),
];

/// Providers whose context tiers LiteLLM bills from the threshold inclusive.
const INCLUSIVE_THRESHOLD_PROVIDERS: [&str; 1] = ["xai"];

/// LiteLLM's default Fireworks cache-read rate as a share of the input rate.
const FIREWORKS_CACHE_READ_RATIO: f64 = 0.5;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Field {
    Input,
    CacheRead,
    CacheWrite5m,
    CacheWrite1h,
    Output,
    Reasoning,
}

fn set(r: &mut RateSet, field: Field, price: UsdPerMTok) {
    let slot = match field {
        Field::Input => &mut r.input,
        Field::CacheRead => &mut r.cache_read,
        Field::CacheWrite5m => &mut r.cache_write_5m,
        Field::CacheWrite1h => &mut r.cache_write_1h,
        Field::Output => &mut r.output,
        Field::Reasoning => &mut r.reasoning,
    };
    *slot = Some(price);
}

/// Splits a key into (field, context threshold in tokens, service tier), if it is a price key.
fn parse_key(key: &str) -> Option<(Field, Option<u64>, Option<&'static str>)> {
    let (rest, service) = SERVICE_SUFFIXES
        .iter()
        .find_map(|(suffix, name)| key.strip_suffix(suffix).map(|r| (r, Some(*name))))
        .unwrap_or((key, None));
    let (base, threshold) = match rest.rsplit_once("_above_") {
        Some((base, tail)) if tail.ends_with("_tokens") => {
            let n = tail.strip_suffix("_tokens")?;
            let tokens = match n.strip_suffix('k') {
                Some(k) => k.parse::<f64>().ok()? * 1000.0,
                None => n.parse::<f64>().ok()?,
            };
            (base, Some(tokens as u64))
        }
        _ => (rest, None),
    };
    let field = FIELDS.iter().find(|(k, _)| *k == base)?.1;
    Some((field, threshold, service))
}

pub fn import(
    text: &str,
    file: &str,
    as_of: Date,
) -> Result<Result<Imported, ImportError>, String> {
    let root: BTreeMap<Key, &RawValue> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut c = Collector::new(file);
    for (Key(id), raw) in &root {
        let id: &str = id;
        if id == "sample_spec" {
            continue;
        }
        let Ok(entry) = serde_json::from_str::<Entry>(raw.get()) else {
            c.skip(
                "not an object",
                Some(format!("entry \"{id}\" is not an object; skipped")),
            );
            continue;
        };
        let entry = &entry;
        match str_field(entry, "mode").as_deref() {
            Some("chat" | "completion" | "responses") => {}
            Some(mode) => {
                c.skip(&format!("mode {mode}"), None);
                continue;
            }
            None => {
                c.skip("no mode", None);
                continue;
            }
        }
        match model(id, entry, as_of, &mut c) {
            Ok(Some(m)) => c.keep(m),
            Ok(None) => {}
            Err(detail) => c.skip(
                "invalid price",
                Some(format!("model \"{id}\": {detail}; skipped")),
            ),
        }
    }
    Ok(c.finish(Format::Litellm, format!("imported from {file}")))
}

/// One entry's fields, each left unparsed until it is needed (most are not prices).
type Entry<'a> = BTreeMap<Key<'a>, &'a RawValue>;

/// A field name, borrowed from the file unless it contains escapes.
#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Key<'a>(#[serde(borrow)] Cow<'a, str>);

impl std::borrow::Borrow<str> for Key<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A string field of an entry, if present and a string.
fn str_field(entry: &Entry, key: &str) -> Option<String> {
    entry
        .get(key)
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
}

/// A number field of an entry, if present and a number.
fn f64_field(entry: &Entry, key: &str) -> Option<f64> {
    entry
        .get(key)
        .and_then(|raw| serde_json::from_str::<f64>(raw.get()).ok())
}

/// One entry as a model; `Ok(None)` when it was skipped (already counted).
fn model(
    id: &str,
    entry: &Entry,
    as_of: Date,
    c: &mut Collector,
) -> Result<Option<ModelPrice>, String> {
    let mut standard = ServiceRates::default();
    let mut services: BTreeMap<String, ServiceRates> = BTreeMap::new();
    let mut tiers: BTreeMap<(Option<&'static str>, u64), RateSet> = BTreeMap::new();
    for (Key(key), raw) in entry {
        let Some((field, threshold, service)) = parse_key(key) else {
            continue;
        };
        let value: Value =
            serde_json::from_str(raw.get()).map_err(|e| format!("field `{key}`: {e}"))?;
        if value.is_null() {
            continue;
        }
        let price = UsdPerMTok(per_token(&value).map_err(|e| format!("field `{key}` {e}"))?);
        match (threshold, service) {
            (None, None) => set(&mut standard.base, field, price),
            (None, Some(s)) => set(
                &mut services.entry(s.to_string()).or_default().base,
                field,
                price,
            ),
            (Some(t), s) => set(tiers.entry((s, t)).or_default(), field, price),
        }
    }
    let provider = str_field(entry, "litellm_provider").unwrap_or_else(|| "unknown".into());
    let provider = provider.as_str();
    // LiteLLM bills xAI's long-context rates from the threshold inclusive.
    let inclusive = INCLUSIVE_THRESHOLD_PROVIDERS.contains(&provider);
    for ((service, threshold), rates) in tiers {
        let tier = ContextTier {
            threshold,
            inclusive,
            rates,
        };
        match service {
            None => standard.context_tiers.push(tier),
            Some(s) => services
                .entry(s.to_string())
                .or_default()
                .context_tiers
                .push(tier),
        }
    }
    if let Some(raw) = entry.get("tiered_pricing") {
        let table: Value = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
        tiered_pricing(&table, &mut standard).map_err(|e| format!("field `tiered_pricing` {e}"))?;
    }
    if provider == "fireworks_ai" && standard.base.cache_read.is_none() {
        // LiteLLM bills Fireworks cache reads at half the input rate when no rate is listed.
        standard.base.cache_read = standard.base.input.map(|i| i * FIREWORKS_CACHE_READ_RATIO);
    }
    if standard.base.input.is_none() || standard.base.output.is_none() {
        c.skip(
            "no per-token price",
            Some(format!(
                "model \"{id}\" has no input or output price per token; skipped"
            )),
        );
        return Ok(None);
    }
    for s in services.values_mut() {
        s.context_tiers.sort_by_key(|t| t.threshold);
    }
    standard.context_tiers.sort_by_key(|t| t.threshold);
    let mut regions = BTreeMap::new();
    for (key, region) in [
        ("regional_processing_uplift_multiplier_eu", "eu"),
        ("regional_processing_uplift_multiplier_us", "us"),
        ("regional_endpoint_uplift_multiplier", "regional-endpoint"),
    ] {
        if let Some(v) = f64_field(entry, key) {
            regions.insert(region.to_string(), v);
        }
    }
    if entry.contains_key("off_peak_pricing") {
        c.warn(format!(
            "model \"{id}\": off-peak discounts are not modelled; imported at its standard (peak) rates"
        ));
    }
    Ok(Some(ModelPrice {
        id: id.to_string(),
        name: id.to_string(),
        provider: provider.to_string(),
        periods: vec![PricePeriod {
            from: None,
            to: None,
            standard,
            service_tiers: services,
        }],
        regions,
        source: SOURCE.to_string(),
        checked: as_of,
        verified: true,
        note: String::new(),
    }))
}

/// Converts an all-or-nothing `tiered_pricing` table (tier `k` applies when
/// `range_start < prompt ≤ range_end`, the last tier beyond every range) into base rates and
/// context tiers. Rates a tier does not declare fall back to the tier's input rate; a missing
/// output rate falls back to the model's own.
fn tiered_pricing(table: &Value, standard: &mut ServiceRates) -> Result<(), String> {
    let items = table.as_array().ok_or("is not a list")?;
    let mut tiers: Vec<(f64, RateSet)> = Vec::with_capacity(items.len());
    for item in items {
        let t = item
            .as_object()
            .ok_or("has an entry that is not an object")?;
        let range = t
            .get("range")
            .and_then(Value::as_array)
            .filter(|r| r.len() == 2)
            .ok_or("has a tier without a two-number `range`")?;
        let start = range[0].as_f64().ok_or("has a non-numeric range")?;
        let rate = |key: &str| -> Result<Option<UsdPerMTok>, String> {
            t.get(key)
                .filter(|v| !v.is_null())
                .map(|v| {
                    per_token(v)
                        .map(UsdPerMTok)
                        .map_err(|e| format!("`{key}` {e}"))
                })
                .transpose()
        };
        let Some(input) = rate("input_cost_per_token")? else {
            continue;
        };
        let write_5m = rate("cache_creation_input_token_cost")?.unwrap_or(input);
        let output = rate("output_cost_per_token")?.or(standard.base.output);
        tiers.push((
            start,
            RateSet {
                input: Some(input),
                cache_read: Some(rate("cache_read_input_token_cost")?.unwrap_or(input)),
                cache_write_5m: Some(write_5m),
                cache_write_1h: Some(
                    rate("cache_creation_input_token_cost_above_1hr")?.unwrap_or(write_5m),
                ),
                output,
                reasoning: rate("output_cost_per_reasoning_token")?.or(output),
            },
        ));
    }
    tiers.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut iter = tiers.into_iter();
    let Some((_, first)) = iter.next() else {
        return Ok(());
    };
    standard.base = first;
    standard.context_tiers = iter
        .map(|(start, rates)| ContextTier {
            threshold: start as u64,
            inclusive: false,
            rates,
        })
        .collect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_split_into_field_threshold_and_service() {
        assert_eq!(
            parse_key("input_cost_per_token"),
            Some((Field::Input, None, None))
        );
        assert_eq!(
            parse_key("input_cost_per_token_above_200k_tokens_priority"),
            Some((Field::Input, Some(200_000), Some("priority")))
        );
        assert_eq!(
            parse_key("cache_creation_input_token_cost_above_1hr_above_200k_tokens"),
            Some((Field::CacheWrite1h, Some(200_000), None))
        );
        assert_eq!(
            parse_key("cache_creation_input_token_cost_above_1hr"),
            Some((Field::CacheWrite1h, None, None))
        );
        assert_eq!(
            parse_key("output_cost_per_token_batches"),
            Some((Field::Output, None, Some("batch")))
        );
        assert_eq!(parse_key("input_cost_per_audio_token"), None);
        assert_eq!(parse_key("max_tokens"), None);
    }
}
