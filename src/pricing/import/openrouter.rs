//! OpenRouter's `GET /api/v1/models` response: `{"data": [{id, name, pricing}]}` with prices as
//! decimal strings in USD per token, `input_cache_read` / `input_cache_write` /
//! `input_cache_write_1h`, `internal_reasoning`, and `overrides` tiers that apply from
//! `min_prompt_tokens` (inclusive). `"-1"` marks a router whose price varies per request: such
//! entries are skipped, never priced at $0. Free models (`"0"`) are a real $0.

use super::{per_token, Collector, Format, ImportError, Imported};
use crate::calendar::Date;
use crate::pricing::rates::{ContextTier, PricePeriod, RateSet, ServiceRates};
use crate::pricing::ModelPrice;
use crate::units::UsdPerMTok;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const SOURCE: &str = "OpenRouter /api/v1/models";

#[derive(Deserialize)]
struct Root {
    data: Vec<Value>,
}

pub fn import(
    text: &str,
    file: &str,
    as_of: Date,
) -> Result<Result<Imported, ImportError>, String> {
    let root: Root = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut c = Collector::new(file);
    for (i, entry) in root.data.iter().enumerate() {
        let Some(entry) = entry.as_object() else {
            c.skip(
                "not an object",
                Some(format!("data[{i}] is not an object; skipped")),
            );
            continue;
        };
        let Some(id) = entry.get("id").and_then(Value::as_str) else {
            c.skip("no id", Some(format!("data[{i}] has no id; skipped")));
            continue;
        };
        let Some(pricing) = entry.get("pricing").and_then(Value::as_object) else {
            c.skip(
                "no pricing",
                Some(format!("model \"{id}\" has no pricing; skipped")),
            );
            continue;
        };
        if ["prompt", "completion"]
            .iter()
            .any(|k| pricing.get(*k).and_then(Value::as_str) == Some("-1"))
        {
            c.skip(
                "variable price",
                Some(format!(
                    "model \"{id}\" has a variable per-request price (\"-1\"); skipped"
                )),
            );
            continue;
        }
        match rates(pricing) {
            Ok(base) if base.input.is_none() || base.output.is_none() => c.skip(
                "no per-token price",
                Some(format!(
                    "model \"{id}\" has no prompt or completion price; skipped"
                )),
            ),
            Ok(base) => match overrides(pricing) {
                Ok(context_tiers) => c.keep(ModelPrice {
                    id: id.to_string(),
                    name: entry
                        .get("name")
                        .and_then(Value::as_str)
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or(id)
                        .to_string(),
                    provider: id
                        .split('/')
                        .next()
                        .filter(|p| !p.trim().is_empty())
                        .unwrap_or("unknown")
                        .to_string(),
                    periods: vec![PricePeriod {
                        from: None,
                        to: None,
                        standard: ServiceRates {
                            base,
                            context_tiers,
                        },
                        service_tiers: BTreeMap::new(),
                    }],
                    regions: BTreeMap::new(),
                    source: SOURCE.to_string(),
                    checked: as_of,
                    verified: true,
                    note: String::new(),
                }),
                Err(e) => c.skip(
                    "invalid price",
                    Some(format!("model \"{id}\": {e}; skipped")),
                ),
            },
            Err(e) => c.skip(
                "invalid price",
                Some(format!("model \"{id}\": {e}; skipped")),
            ),
        }
    }
    Ok(c.finish(Format::Openrouter, format!("imported from {file}")))
}

fn rates(p: &Map<String, Value>) -> Result<RateSet, String> {
    let get = |key: &str| -> Result<Option<UsdPerMTok>, String> {
        p.get(key)
            .filter(|v| !v.is_null())
            .map(|v| {
                per_token(v)
                    .map(UsdPerMTok)
                    .map_err(|e| format!("field `pricing.{key}` {e}"))
            })
            .transpose()
    };
    Ok(RateSet {
        input: get("prompt")?,
        cache_read: get("input_cache_read")?,
        cache_write_5m: get("input_cache_write")?,
        cache_write_1h: get("input_cache_write_1h")?,
        output: get("completion")?,
        reasoning: get("internal_reasoning")?,
    })
}

fn overrides(p: &Map<String, Value>) -> Result<Vec<ContextTier>, String> {
    let Some(list) = p.get("overrides") else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or("field `pricing.overrides` is not a list")?;
    let mut tiers = Vec::with_capacity(list.len());
    for (k, o) in list.iter().enumerate() {
        let o = o
            .as_object()
            .ok_or_else(|| format!("field `pricing.overrides[{k}]` is not an object"))?;
        let threshold = o
            .get("min_prompt_tokens")
            .and_then(Value::as_u64)
            .ok_or_else(|| {
                format!("field `pricing.overrides[{k}].min_prompt_tokens` is missing")
            })?;
        let mut rates =
            rates(o).map_err(|e| e.replace("pricing.", &format!("pricing.overrides[{k}].")))?;
        rates.reasoning = None;
        tiers.push(ContextTier {
            threshold,
            inclusive: true,
            rates,
        });
    }
    tiers.sort_by_key(|t| t.threshold);
    Ok(tiers)
}
