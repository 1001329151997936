//! Burnrate's own price-table format (`pricing-data/README.md`, JSON Schema in
//! `pricing-data/catalogue.schema.json`): parsing into validated catalogue entries.

use super::catalogue::{check_price, Catalogue, PricingError};
use super::plans::{CreditPooling, Plan};
use super::rates::{ContextTier, PricePeriod, RateSet, ServiceRates, STANDARD};
use super::ModelPrice;
use crate::calendar::Date;
use crate::units::UsdPerMTok;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The only schema version this build reads.
const SCHEMA_VERSION: u32 = 1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    schema_version: u32,
    currency: String,
    #[serde(default)]
    description: String,
    models: Vec<RawModel>,
    #[serde(default)]
    plans: Vec<RawPlan>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    id: String,
    name: String,
    provider: String,
    prices: serde_json::Value,
    #[serde(default)]
    regions: BTreeMap<String, f64>,
    source: String,
    checked: Date,
    #[serde(default = "yes")]
    verified: bool,
    #[serde(default)]
    note: String,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    #[serde(default)]
    from: Option<Date>,
    #[serde(default)]
    to: Option<Date>,
    #[serde(default)]
    input: Option<f64>,
    #[serde(default)]
    cache_read: Option<f64>,
    #[serde(default)]
    cache_write_5m: Option<f64>,
    #[serde(default)]
    cache_write_1h: Option<f64>,
    #[serde(default)]
    output: Option<f64>,
    #[serde(default)]
    reasoning: Option<f64>,
    #[serde(default)]
    context_tiers: Vec<RawTier>,
    #[serde(default)]
    service_tiers: BTreeMap<String, RawService>,
}

/// The six optional prices of a rate set, as read.
struct RawRates([Option<f64>; 6]);

/// Implements `rates()` for a raw struct with the six price fields.
macro_rules! raw_rates {
    ($($t:ty),*) => {$(
        impl $t {
            fn rates(&self) -> RawRates {
                RawRates([
                    self.input,
                    self.cache_read,
                    self.cache_write_5m,
                    self.cache_write_1h,
                    self.output,
                    self.reasoning,
                ])
            }
        }
    )*};
}

raw_rates!(RawPeriod, RawTier, RawService);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    #[serde(default)]
    above_prompt_tokens: Option<u64>,
    #[serde(default)]
    from_prompt_tokens: Option<u64>,
    #[serde(default)]
    input: Option<f64>,
    #[serde(default)]
    cache_read: Option<f64>,
    #[serde(default)]
    cache_write_5m: Option<f64>,
    #[serde(default)]
    cache_write_1h: Option<f64>,
    #[serde(default)]
    output: Option<f64>,
    #[serde(default)]
    reasoning: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    #[serde(default)]
    input: Option<f64>,
    #[serde(default)]
    cache_read: Option<f64>,
    #[serde(default)]
    cache_write_5m: Option<f64>,
    #[serde(default)]
    cache_write_1h: Option<f64>,
    #[serde(default)]
    output: Option<f64>,
    #[serde(default)]
    reasoning: Option<f64>,
    #[serde(default)]
    context_tiers: Vec<RawTier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: String,
    name: String,
    vendor: String,
    seat_usd: f64,
    #[serde(default)]
    credits_per_seat: f64,
    #[serde(default)]
    usd_per_credit: f64,
    #[serde(default = "per_seat")]
    pooling: CreditPooling,
    #[serde(default)]
    overage_usd_per_credit: Option<f64>,
    source: String,
    checked: Date,
    #[serde(default = "yes")]
    verified: bool,
    #[serde(default)]
    note: String,
}

fn per_seat() -> CreditPooling {
    CreditPooling::PerSeat
}

/// The curated catalogue compiled into every build, used when no served copy can be loaded.
pub const BUILTIN_CATALOGUE_JSON: &str = include_str!("../../pricing-data/catalogue.json");

/// The name the compiled-in catalogue goes by in messages.
const BUILTIN_ORIGIN: &str = "built-in pricing-data/catalogue.json";

/// Reading and writing Burnrate's own schema: the only way a [`Catalogue`] meets its file format
/// (the catalogue itself knows nothing of it).
impl Catalogue {
    /// The curated catalogue compiled into this build, parsed once per process (a calibration
    /// or a worker's run asks for it each time).
    pub fn builtin() -> Catalogue {
        static BUILTIN: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Catalogue::from_json(BUILTIN_CATALOGUE_JSON, BUILTIN_ORIGIN)
                    .expect("the compiled-in catalogue is validated by the test suite")
            })
            .clone()
    }

    /// Parses and validates a table in Burnrate's own schema; `file` names it in messages.
    pub fn from_json(text: &str, file: &str) -> Result<Catalogue, PricingError> {
        parse(text, file)
    }

    /// The table in Burnrate's own schema, as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        write(self)
    }
}

/// Parses and validates a table in Burnrate's own schema.
fn parse(text: &str, file: &str) -> Result<Catalogue, PricingError> {
    let raw: RawCatalogue = serde_json::from_str(text).map_err(|e| PricingError::Malformed {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    if raw.schema_version != SCHEMA_VERSION {
        return Err(PricingError::SchemaVersion {
            file: file.to_string(),
            found: raw.schema_version,
        });
    }
    if raw.currency != "USD" {
        return Err(PricingError::Currency {
            file: file.to_string(),
            found: raw.currency,
        });
    }
    let models = raw
        .models
        .into_iter()
        .enumerate()
        .map(|(i, m)| model(m, i, file))
        .collect::<Result<Vec<_>, _>>()?;
    let plans = raw
        .plans
        .into_iter()
        .enumerate()
        .map(|(i, p)| plan(p, i, file))
        .collect::<Result<Vec<_>, _>>()?;
    Catalogue::from_parts(raw.description, models, plans, file)
}

fn model(m: RawModel, position: usize, file: &str) -> Result<ModelPrice, PricingError> {
    let id = m.id.trim().to_string();
    let entry = if id.is_empty() {
        format!("model #{}", position + 1)
    } else {
        format!("model \"{id}\"")
    };
    let bad = |field: &str, problem: &str| PricingError::InvalidField {
        file: file.to_string(),
        entry: entry.clone(),
        field: field.to_string(),
        problem: problem.to_string(),
    };
    for (field, value) in [
        ("id", &id),
        ("name", &m.name),
        ("provider", &m.provider),
        ("source", &m.source),
    ] {
        if value.trim().is_empty() {
            return Err(bad(field, "must not be empty"));
        }
    }
    // `prices` is one period or a list of dated periods.
    let raw_periods: Vec<RawPeriod> = match m.prices {
        serde_json::Value::Array(items) => serde_json::from_value(serde_json::Value::Array(items)),
        one => serde_json::from_value(one).map(|p| vec![p]),
    }
    .map_err(|e| bad("prices", &format!("is malformed: {e}")))?;
    let many = raw_periods.len() > 1;
    let mut periods = Vec::with_capacity(raw_periods.len());
    for (i, p) in raw_periods.into_iter().enumerate() {
        let at = if many {
            format!("prices[{i}]")
        } else {
            "prices".to_string()
        };
        let standard = service(p.rates(), p.context_tiers, &at).map_err(|(f, e)| bad(&f, &e))?;
        for required in ["input", "output"] {
            let present = match required {
                "input" => standard.base.input.is_some(),
                _ => standard.base.output.is_some(),
            };
            if !present {
                return Err(bad(&format!("{at}.{required}"), "is required"));
            }
        }
        let mut service_tiers = BTreeMap::new();
        for (name, s) in p.service_tiers {
            if name == STANDARD || name.is_empty() {
                return Err(bad(
                    &format!("{at}.service_tiers"),
                    &format!("\"{name}\" is not a service tier name (standard is the base)"),
                ));
            }
            let path = format!("{at}.service_tiers.{name}");
            let rates = service(s.rates(), s.context_tiers, &path).map_err(|(f, e)| bad(&f, &e))?;
            service_tiers.insert(name, rates);
        }
        periods.push(PricePeriod {
            from: p.from,
            to: p.to,
            standard,
            service_tiers,
        });
    }
    Ok(ModelPrice {
        id,
        name: m.name,
        provider: m.provider,
        periods,
        regions: m.regions,
        source: m.source,
        checked: m.checked,
        verified: m.verified,
        note: m.note,
    })
}

fn rates(r: RawRates, path: &str) -> Result<RateSet, (String, String)> {
    let price = |name: &str, v: Option<f64>| -> Result<Option<UsdPerMTok>, (String, String)> {
        match v {
            None => Ok(None),
            Some(v) => check_price(v).map(|v| Some(UsdPerMTok(v))).map_err(|e| {
                (
                    format!("{path}.{name}"),
                    format!("= {v} is out of range: {e}"),
                )
            }),
        }
    };
    let [input, cache_read, cache_write_5m, cache_write_1h, output, reasoning] = r.0;
    Ok(RateSet {
        input: price("input", input)?,
        cache_read: price("cache_read", cache_read)?,
        cache_write_5m: price("cache_write_5m", cache_write_5m)?,
        cache_write_1h: price("cache_write_1h", cache_write_1h)?,
        output: price("output", output)?,
        reasoning: price("reasoning", reasoning)?,
    })
}

fn service(
    base: RawRates,
    tiers: Vec<RawTier>,
    path: &str,
) -> Result<ServiceRates, (String, String)> {
    let base = rates(base, path)?;
    let mut context_tiers = Vec::with_capacity(tiers.len());
    for (k, t) in tiers.into_iter().enumerate() {
        let tpath = format!("{path}.context_tiers[{k}]");
        let (threshold, inclusive) = match (t.above_prompt_tokens, t.from_prompt_tokens) {
            (Some(n), None) => (n, false),
            (None, Some(n)) => (n, true),
            _ => {
                return Err((
                    tpath,
                    "needs exactly one of `above_prompt_tokens` and `from_prompt_tokens`".into(),
                ))
            }
        };
        if threshold == 0 {
            return Err((tpath, "threshold must be above 0 tokens".into()));
        }
        if context_tiers
            .last()
            .is_some_and(|prev: &ContextTier| prev.threshold >= threshold)
        {
            return Err((
                tpath,
                "tiers must be in ascending order of threshold".into(),
            ));
        }
        context_tiers.push(ContextTier {
            threshold,
            inclusive,
            rates: rates(t.rates(), &tpath)?,
        });
    }
    Ok(ServiceRates {
        base,
        context_tiers,
    })
}

fn plan(p: RawPlan, position: usize, file: &str) -> Result<Plan, PricingError> {
    let entry = if p.id.trim().is_empty() {
        format!("plan #{}", position + 1)
    } else {
        format!("plan \"{}\"", p.id)
    };
    let bad = |field: &str, problem: String| PricingError::InvalidField {
        file: file.to_string(),
        entry: entry.clone(),
        field: field.to_string(),
        problem,
    };
    for (field, value) in [
        ("id", &p.id),
        ("name", &p.name),
        ("vendor", &p.vendor),
        ("source", &p.source),
    ] {
        if value.trim().is_empty() {
            return Err(bad(field, "must not be empty".into()));
        }
    }
    let money = |field: &str, v: f64, hi: f64| {
        if v.is_finite() && (0.0..=hi).contains(&v) {
            Ok(v)
        } else {
            Err(bad(
                field,
                format!("= {v} is out of range (allowed: 0 to {hi})"),
            ))
        }
    };
    Ok(Plan {
        seat_usd: money("seat_usd", p.seat_usd, 10_000.0)?,
        credits_per_seat: money("credits_per_seat", p.credits_per_seat, 1e9)?,
        usd_per_credit: money("usd_per_credit", p.usd_per_credit, 100.0)?,
        overage_usd_per_credit: p
            .overage_usd_per_credit
            .map(|v| money("overage_usd_per_credit", v, 100.0))
            .transpose()?,
        id: p.id,
        name: p.name,
        vendor: p.vendor,
        pooling: p.pooling,
        source: p.source,
        checked: p.checked,
        verified: p.verified,
        note: p.note,
    })
}

/// Writes a catalogue in Burnrate's own schema (the inverse of [`parse`]).
fn write(c: &Catalogue) -> String {
    use serde_json::{json, Map, Value};
    fn rates(r: &RateSet, out: &mut Map<String, Value>) {
        for (name, v) in r.fields() {
            if let Some(UsdPerMTok(v)) = v {
                out.insert(name.to_string(), json!(v));
            }
        }
    }
    fn tiers(ts: &[ContextTier], out: &mut Map<String, Value>) {
        if ts.is_empty() {
            return;
        }
        let list = ts
            .iter()
            .map(|t| {
                let mut o = Map::new();
                let key = if t.inclusive {
                    "from_prompt_tokens"
                } else {
                    "above_prompt_tokens"
                };
                o.insert(key.to_string(), json!(t.threshold));
                rates(&t.rates, &mut o);
                Value::Object(o)
            })
            .collect();
        out.insert("context_tiers".into(), Value::Array(list));
    }
    let models = c.models().iter().map(|m| {
        let periods: Vec<Value> = m
            .periods
            .iter()
            .map(|p| {
                let mut o = Map::new();
                if let Some(f) = p.from {
                    o.insert("from".into(), json!(f.to_string()));
                }
                if let Some(t) = p.to {
                    o.insert("to".into(), json!(t.to_string()));
                }
                rates(&p.standard.base, &mut o);
                tiers(&p.standard.context_tiers, &mut o);
                if !p.service_tiers.is_empty() {
                    let mut svc = Map::new();
                    for (name, s) in &p.service_tiers {
                        let mut so = Map::new();
                        rates(&s.base, &mut so);
                        tiers(&s.context_tiers, &mut so);
                        svc.insert(name.clone(), Value::Object(so));
                    }
                    o.insert("service_tiers".into(), Value::Object(svc));
                }
                Value::Object(o)
            })
            .collect();
        let mut o = Map::new();
        o.insert("id".into(), json!(m.id));
        o.insert("name".into(), json!(m.name));
        o.insert("provider".into(), json!(m.provider));
        let prices = match <[Value; 1]>::try_from(periods) {
            Ok([one]) => one,
            Err(many) => Value::Array(many),
        };
        o.insert("prices".into(), prices);
        if !m.regions.is_empty() {
            o.insert("regions".into(), json!(m.regions));
        }
        o.insert("source".into(), json!(m.source));
        o.insert("checked".into(), json!(m.checked.to_string()));
        o.insert("verified".into(), json!(m.verified));
        if !m.note.is_empty() {
            o.insert("note".into(), json!(m.note));
        }
        Value::Object(o)
    });
    let plans: Vec<Value> = c
        .plans()
        .iter()
        .map(|p| {
            let mut v = json!({
                "id": p.id, "name": p.name, "vendor": p.vendor, "seat_usd": p.seat_usd,
                "credits_per_seat": p.credits_per_seat, "usd_per_credit": p.usd_per_credit,
                "pooling": p.pooling, "source": p.source,
                "checked": p.checked.to_string(),
                "verified": p.verified,
            });
            if let Some(o) = p.overage_usd_per_credit {
                v["overage_usd_per_credit"] = json!(o);
            }
            if !p.note.is_empty() {
                v["note"] = json!(p.note);
            }
            v
        })
        .collect();
    // Pretty-printed one model at a time, so a large imported table never exists as one JSON
    // tree (keys in serde_json's sorted order, as `to_string_pretty` writes them).
    let pretty =
        |v: &Value| serde_json::to_string_pretty(v).expect("a JSON value always serialises");
    let indent = |text: &str, by: &str| text.replace('\n', &format!("\n{by}"));
    let mut out = String::from("{\n");
    out.push_str(&format!("  \"currency\": {},\n", json!("USD")));
    out.push_str(&format!("  \"description\": {},\n", json!(c.description())));
    out.push_str("  \"models\": [");
    for (i, m) in models.enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&indent(&pretty(&m), "    "));
    }
    out.push_str("\n  ],\n");
    if !plans.is_empty() {
        out.push_str(&format!(
            "  \"plans\": {},\n",
            indent(&pretty(&Value::Array(plans)), "  ")
        ));
    }
    out.push_str(&format!("  \"schema_version\": {SCHEMA_VERSION}\n}}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_model(prices: &str) -> String {
        format!(
            r#"{{"schema_version":1,"currency":"USD","models":[{{"id":"m","name":"M","provider":"p",
            "prices":{prices},"source":"https://example.com","checked":"2026-08-01"}}]}}"#
        )
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn builtin_catalogue_validates_and_covers_the_required_providers() {
        let c = Catalogue::builtin();
        for provider in ["anthropic", "openai", "google", "amazon", "deepseek"] {
            assert!(
                c.models().iter().any(|m| m.provider == provider),
                "no {provider} model"
            );
        }
        for plan in [
            "copilot-business",
            "copilot-enterprise",
            "cursor-teams-standard",
            "cursor-teams-premium",
            "claude-team-standard",
            "claude-team-premium",
            "kiro-free",
            "kiro-pro",
            "kiro-pro-plus",
            "kiro-power",
        ] {
            assert!(c.plan(plan).is_some(), "no plan {plan}");
        }
        for m in c.models() {
            assert!(
                m.source.starts_with("https://"),
                "{} has no source URL",
                m.id
            );
            if !m.verified {
                assert!(
                    !m.note.is_empty(),
                    "{} is unconfirmed but says nothing",
                    m.id
                );
            }
        }
    }

    #[test]
    fn absent_cache_price_means_input_price_and_explicit_zero_stays_zero() {
        let c = Catalogue::from_json(
            &one_model(r#"{"input":2.0,"cache_write_5m":0,"output":8.0}"#),
            "t.json",
        )
        .unwrap();
        let p = c
            .get("m")
            .unwrap()
            .list_prices_on(day("2026-08-01"))
            .unwrap();
        assert_eq!(p.cache_read, UsdPerMTok(2.0));
        assert_eq!(p.cache_write_5m, UsdPerMTok(0.0));
        assert_eq!(
            p.cache_write_1h,
            UsdPerMTok(0.0),
            "1h falls back to the 5m write"
        );
        assert_eq!(p.reasoning, UsdPerMTok(8.0));
    }

    #[test]
    fn each_class_of_bad_input_is_a_named_error() {
        let dated_out_of_order = one_model(
            r#"[{"from":"2026-09-01","input":3,"output":15},{"to":"2026-09-01","input":2,"output":10}]"#,
        );
        let cases = [
            ("{not json", "t.json: not a valid pricing catalogue"),
            ("", "t.json: not a valid pricing catalogue"),
            (
                r#"{"schema_version":1,"currency":"USD","models":[]}"#,
                "lists no models",
            ),
            (
                r#"{"schema_version":9,"currency":"USD","models":[]}"#,
                "schema_version 9",
            ),
            (
                r#"{"schema_version":1,"currency":"EUR","models":[]}"#,
                "currency \"EUR\"",
            ),
            (
                &one_model(r#"{"input":-1,"output":8}"#),
                "model \"m\": field `prices.input` = -1 is out of range",
            ),
            (
                &one_model(r#"{"input":3e-6,"output":8}"#),
                "looks like a price per token",
            ),
            (
                &one_model(r#"{"input":3,"output":20000}"#),
                "`prices.output` = 20000",
            ),
            (
                &one_model(r#"{"input":"3","output":8}"#),
                "`prices` is malformed: invalid type: string \"3\"",
            ),
            (&one_model(r#"{"input":3}"#), "`prices.output` is required"),
            (
                &dated_out_of_order,
                "`prices[1].from` periods must be in date order",
            ),
            (
                &one_model(r#"{"from":"2026-09-01","to":"2026-08-01","input":3,"output":15}"#),
                "`prices.to` = 2026-08-01 must be after",
            ),
            (
                &one_model(r#"{"input":3,"output":15,"context_tiers":[{"input":6}]}"#),
                "needs exactly one of",
            ),
            (
                &one_model(r#"{"input":3,"output":15,"service_tiers":{"batch":{"input":-2}}}"#),
                "`prices.service_tiers.batch.input` = -2",
            ),
        ];
        for (text, expected) in cases {
            let err = Catalogue::from_json(text, "t.json")
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(expected),
                "{err:?} should contain {expected:?}"
            );
        }
    }

    #[test]
    fn writing_and_reading_back_gives_the_same_catalogue() {
        let c = Catalogue::builtin();
        let again = Catalogue::from_json(&write(&c), "written.json").unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let m = r#"{"id":"m","name":"M","provider":"p","prices":{"input":1,"output":2},"source":"s","checked":"2026-01-01"}"#;
        let text = format!(r#"{{"schema_version":1,"currency":"USD","models":[{m},{m}]}}"#);
        let err = Catalogue::from_json(&text, "t.json").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.json: model \"m\" appears more than once"
        );
    }

    #[test]
    fn unknown_model_names_closest_ids() {
        let err = Catalogue::builtin()
            .require("claude-sonet-4-6")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"claude-sonet-4-6\""), "{err}");
        assert!(err.contains("claude-sonnet-4-6"), "{err}");
    }
}
