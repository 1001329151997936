//! Burnrate's CSV price table: a header row, then one row per model and date range, prices in
//! USD per 1M tokens. Required columns: `id`, `input`, `output`; optional: `name`, `provider`,
//! `from`, `to`, `cache_read`, `cache_write_5m`, `cache_write_1h`, `reasoning`, `source`,
//! `checked`. Rows with the same id are that model's dated periods. An empty cell is an absent
//! price. Unlike the JSON importers, a bad row rejects the file (it is a hand-kept table), with
//! the line and column named.

use super::{Collector, Format, ImportError, Imported};
use crate::calendar::Date;
use crate::pricing::rates::{PricePeriod, RateSet, ServiceRates};
use crate::pricing::ModelPrice;
use crate::units::UsdPerMTok;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    from: Option<Date>,
    #[serde(default)]
    to: Option<Date>,
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
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    checked: Option<Date>,
}

pub fn import(
    text: &str,
    file: &str,
    as_of: Date,
) -> Result<Result<Imported, ImportError>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut models: Vec<ModelPrice> = Vec::new();
    // Index of each id in `models`: a lookup per row keeps the import linear in the rows.
    let mut index: HashMap<String, usize> = HashMap::new();
    for result in reader.deserialize::<Row>() {
        let row = result.map_err(|e| describe(&e))?;
        let period = PricePeriod {
            from: row.from,
            to: row.to,
            standard: ServiceRates {
                base: RateSet {
                    input: Some(UsdPerMTok(row.input)),
                    cache_read: row.cache_read.map(UsdPerMTok),
                    cache_write_5m: row.cache_write_5m.map(UsdPerMTok),
                    cache_write_1h: row.cache_write_1h.map(UsdPerMTok),
                    output: Some(UsdPerMTok(row.output)),
                    reasoning: row.reasoning.map(UsdPerMTok),
                },
                context_tiers: Vec::new(),
            },
            service_tiers: BTreeMap::new(),
        };
        match index.get(&row.id) {
            Some(&i) => models[i].periods.push(period),
            None => {
                index.insert(row.id.clone(), models.len());
                models.push(ModelPrice {
                    name: row.name.unwrap_or_else(|| row.id.clone()),
                    provider: row.provider.unwrap_or_else(|| "unknown".into()),
                    id: row.id,
                    periods: vec![period],
                    regions: BTreeMap::new(),
                    source: row.source.unwrap_or_else(|| file.to_string()),
                    checked: row.checked.unwrap_or(as_of),
                    verified: true,
                    note: String::new(),
                });
            }
        }
    }
    for m in &mut models {
        // Stable: rows of one model with the same start keep their order.
        m.periods.sort_by_key(|p| p.from);
    }
    if models.is_empty() {
        return Err("the table has no rows".into());
    }
    let mut c = Collector::new(file);
    for m in models {
        if let Err(e) = crate::pricing::catalogue::validate_model(&m, file) {
            return Err(e
                .to_string()
                .strip_prefix(&format!("{file}: "))
                .map(str::to_string)
                .unwrap_or_else(|| e.to_string()));
        }
        c.keep(m);
    }
    Ok(c.finish(Format::Csv, format!("imported from {file}")))
}

/// A CSV error with its line and column named.
fn describe(e: &csv::Error) -> String {
    let at = e
        .position()
        .map(|p| format!("line {}: ", p.line()))
        .unwrap_or_default();
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let field = err
                .field()
                .map(|f| format!("column {}: ", f + 1))
                .unwrap_or_default();
            format!("{at}{field}{}", err.kind())
        }
        _ => format!("{at}{e}"),
    }
}
