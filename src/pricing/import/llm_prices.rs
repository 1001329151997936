//! llm-prices data (USD per 1M tokens): vendor files
//! `{vendor, models: [{id, name, price_history: [{input, output, input_cached, from_date,
//! to_date}]}]}` and the published `current-v1` / `historical-v1` files
//! `{prices: [{id, vendor, name, input, output, input_cached, from_date?, to_date?}]}`.
//! `from_date` is inclusive, `to_date` exclusive, null open. llm-prices lists long-context rates
//! as separate models named `<id>-<N>k`; they are folded into `<id>`'s context tiers.

use super::{Collector, Format, ImportError, Imported};
use crate::calendar::Date;
use crate::pricing::rates::{ContextTier, PricePeriod, RateSet, ServiceRates};
use crate::pricing::ModelPrice;
use crate::units::UsdPerMTok;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

const SOURCE: &str = "llm-prices";

#[derive(Deserialize)]
#[serde(untagged)]
enum Root {
    Vendor {
        vendor: String,
        models: Vec<VendorModel>,
    },
    Prices {
        prices: Vec<Row>,
    },
}

#[derive(Deserialize)]
struct VendorModel {
    id: String,
    #[serde(default)]
    name: Option<String>,
    price_history: Vec<Price>,
}

#[derive(Deserialize, Clone)]
struct Price {
    input: Option<f64>,
    output: Option<f64>,
    #[serde(default)]
    input_cached: Option<f64>,
    #[serde(default)]
    from_date: Option<String>,
    #[serde(default)]
    to_date: Option<String>,
}

#[derive(Deserialize)]
struct Row {
    id: String,
    #[serde(default)]
    vendor: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(flatten)]
    price: Price,
}

/// One model's history as read, before validation.
struct Entry {
    id: String,
    name: String,
    vendor: String,
    history: Vec<Price>,
}

pub fn import(
    text: &str,
    file: &str,
    as_of: Date,
) -> Result<Result<Imported, ImportError>, String> {
    let root: Root = serde_json::from_str(text).map_err(|e| {
        format!("{e} (expected a vendor file {{vendor, models}} or {{prices: [...]}})")
    })?;
    let mut entries: Vec<Entry> = Vec::new();
    match root {
        Root::Vendor { vendor, models } => {
            for m in models {
                entries.push(Entry {
                    name: m.name.unwrap_or_else(|| m.id.clone()),
                    id: m.id,
                    vendor: vendor.clone(),
                    history: m.price_history,
                });
            }
        }
        Root::Prices { prices } => {
            // Index of each id in `entries`: a lookup per row keeps the import linear.
            let mut index: HashMap<String, usize> = HashMap::new();
            for row in prices {
                match index.get(&row.id) {
                    Some(&i) => entries[i].history.push(row.price),
                    None => {
                        index.insert(row.id.clone(), entries.len());
                        entries.push(Entry {
                            name: row.name.unwrap_or_else(|| row.id.clone()),
                            vendor: row.vendor.unwrap_or_else(|| "unknown".into()),
                            id: row.id,
                            history: vec![row.price],
                        });
                    }
                }
            }
        }
    }
    let mut c = Collector::new(file);
    let mut models: Vec<ModelPrice> = Vec::new();
    let mut long_context: Vec<(String, u64, ModelPrice)> = Vec::new();
    for e in entries {
        match model(&e, as_of) {
            Ok(m) => match long_context_of(&m.id) {
                Some((base, threshold)) => long_context.push((base, threshold, m)),
                None => models.push(m),
            },
            Err(detail) => c.skip(
                "invalid price",
                Some(format!("model \"{}\": {detail}; skipped", e.id)),
            ),
        }
    }
    let index: HashMap<String, usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), i))
        .collect();
    let mut folded_ids: HashSet<String> = HashSet::new();
    for (base, threshold, tier_model) in long_context {
        if folded_ids.contains(&tier_model.id) {
            c.skip(
                "duplicate id",
                Some(format!(
                    "model \"{}\" appears more than once; the first is kept",
                    tier_model.id
                )),
            );
            continue;
        }
        let folded = index
            .get(&base)
            .is_some_and(|&i| fold_tier(&mut models[i], threshold, &tier_model));
        if folded {
            folded_ids.insert(tier_model.id.clone());
            c.warn(format!(
                "model \"{}\" folded into \"{base}\" as its rates above {threshold} prompt tokens",
                tier_model.id
            ));
        } else {
            models.push(tier_model);
        }
    }
    for m in models {
        c.keep(m);
    }
    Ok(c.finish(Format::LlmPrices, format!("imported from {file}")))
}

fn model(e: &Entry, as_of: Date) -> Result<ModelPrice, String> {
    let mut periods = Vec::with_capacity(e.history.len());
    for (k, p) in e.history.iter().enumerate() {
        let date = |field: &str, v: &Option<String>| -> Result<Option<Date>, String> {
            v.as_deref()
                .map(|s| {
                    s.parse::<Date>()
                        .map_err(|err| format!("field `price_history[{k}].{field}`: {err}"))
                })
                .transpose()
        };
        let price = |field: &str, v: Option<f64>| -> Result<UsdPerMTok, String> {
            v.map(UsdPerMTok)
                .ok_or_else(|| format!("field `price_history[{k}].{field}` is missing"))
        };
        periods.push(PricePeriod {
            from: date("from_date", &p.from_date)?,
            to: date("to_date", &p.to_date)?,
            standard: ServiceRates {
                base: RateSet {
                    input: Some(price("input", p.input)?),
                    cache_read: p.input_cached.map(UsdPerMTok),
                    output: Some(price("output", p.output)?),
                    ..RateSet::default()
                },
                context_tiers: Vec::new(),
            },
            service_tiers: BTreeMap::new(),
        });
    }
    // Open starts first, then by start date.
    periods.sort_by_key(|p| p.from);
    Ok(ModelPrice {
        id: e.id.clone(),
        name: e.name.clone(),
        provider: e.vendor.clone(),
        periods,
        regions: BTreeMap::new(),
        source: SOURCE.to_string(),
        checked: as_of,
        verified: true,
        note: String::new(),
    })
}

/// `gpt-5.4-272k` → (`gpt-5.4`, 272000); `None` when the suffix is not a number of thousands
/// of tokens that fits in 64 bits.
fn long_context_of(id: &str) -> Option<(String, u64)> {
    let (base, tail) = id.rsplit_once('-')?;
    let k: u64 = tail.strip_suffix('k')?.parse().ok()?;
    Some((base.to_string(), k.checked_mul(1000)?))
}

/// Adds `tier`'s prices as context tiers of `m`, period by period, when both have the same
/// periods. Returns false (and changes nothing) when they do not line up, when the threshold
/// is 0 (not a context tier) or when `m` already has a tier at that threshold.
fn fold_tier(m: &mut ModelPrice, threshold: u64, tier: &ModelPrice) -> bool {
    let taken = m.periods.iter().any(|p| {
        p.standard
            .context_tiers
            .iter()
            .any(|t| t.threshold == threshold)
    });
    let aligned = !taken
        && threshold > 0
        && m.periods.len() == tier.periods.len()
        && m.periods
            .iter()
            .zip(&tier.periods)
            .all(|(a, b)| a.from == b.from && a.to == b.to);
    if !aligned {
        return false;
    }
    for (p, t) in m.periods.iter_mut().zip(&tier.periods) {
        p.standard.context_tiers.push(ContextTier {
            threshold,
            inclusive: false,
            rates: t.standard.base,
        });
        p.standard.context_tiers.sort_by_key(|t| t.threshold);
    }
    true
}
