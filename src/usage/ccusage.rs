//! ccusage `--json` output of `daily` and `monthly`, in both documented shapes: the unified
//! `{"daily": [{period | date, …, modelBreakdowns}]}` / `{"monthly": [{period | month, …}]}`
//! and the older `{"type": "daily" | "monthly", "data": [...]}`.
//!
//! A record with `modelBreakdowns` gives one row per model (`modelName`, tokens, `cost`);
//! without, one row for the record's totals (`totalCost` or `costUSD`), named after its only
//! model or "(mixed)". Token fields follow Anthropic's convention (`inputTokens` is uncached).
//! Costs are ccusage's dollar estimates. One file is one developer and has no user field: the
//! user key is the file name without directories or extension.

use super::json::{items, Obj};
use super::{money_unit, Bad, Ctx, Draft, Source};
use crate::calendar::{Date, YearMonth};
use crate::pricing::UsageBundle;
use crate::units::Tokens;
use serde_json::Value;

/// The day of a `YYYY-MM-DD` day or the first day of a `YYYY-MM` month.
fn period(o: &Obj) -> Result<(Date, bool), Bad> {
    let key = ["period", "date", "month"]
        .into_iter()
        .find(|k| o.get(k).is_some())
        .unwrap_or("date");
    if let Some(month) = o
        .string(key)
        .filter(|s| s.len() == 7)
        .and_then(|s| s.parse::<YearMonth>().ok())
    {
        return Ok((month.first_day(), true));
    }
    Ok((o.day(&[key])?, false))
}

fn draft(o: &Obj, day: Date, monthly: bool, model: String, cost: &[&str]) -> Result<Draft, Bad> {
    let unit = money_unit(Source::Ccusage);
    let gross = cost
        .iter()
        .map(|k| o.number(k))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .next();
    Ok(Draft {
        day: Some(day),
        monthly,
        model,
        tokens: UsageBundle {
            input: Tokens(o.tokens(&["inputTokens"])?),
            cache_read: Tokens(o.tokens(&["cacheReadTokens", "cacheReadInputTokens"])?),
            cache_write_5m: Tokens(o.tokens(&["cacheCreationTokens", "cacheCreationInputTokens"])?),
            output: Tokens(o.tokens(&["outputTokens"])?),
            ..UsageBundle::default()
        },
        gross: gross.map(|g| unit.to_usd(g)),
        ..Draft::default()
    })
}

fn record_rows(o: &Obj) -> Result<Vec<Draft>, Bad> {
    let (day, monthly) = period(o)?;
    let breakdowns = items(o.value, "modelBreakdowns");
    if !breakdowns.is_empty() {
        return breakdowns
            .into_iter()
            .map(|(p, v)| {
                let b = Obj::new(v, format!("{}.{p}", o.path))?;
                let model = b
                    .string("modelName")
                    .or_else(|| b.string("model"))
                    .ok_or_else(|| {
                        Bad::new(
                            super::SkipReason::MissingModel,
                            &format!("{}.modelName", b.path),
                        )
                    })?;
                draft(&b, day, monthly, model, &["cost", "costUSD", "totalCost"])
            })
            .collect();
    }
    let models: Vec<&str> = ["modelsUsed", "models"]
        .iter()
        .find_map(|k| o.get(k).and_then(Value::as_array))
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let model = match models.as_slice() {
        [one] => one.to_string(),
        _ => "(mixed)".to_string(),
    };
    Ok(vec![draft(
        o,
        day,
        monthly,
        model,
        &["totalCost", "costUSD", "cost"],
    )?])
}

/// Reads a ccusage daily or monthly report.
pub(crate) fn read(v: &Value, ctx: &mut Ctx) -> Result<(), String> {
    let key = ["daily", "monthly", "data"]
        .into_iter()
        .find(|k| v.get(k).is_some_and(Value::is_array))
        .ok_or("expected a \"daily\", \"monthly\" or \"data\" array")?;
    for (path, item) in items(v, key) {
        match Obj::new(item, path).and_then(|o| record_rows(&o)) {
            Ok(drafts) => drafts.into_iter().for_each(|d| ctx.emit(d)),
            Err(bad) => ctx.skip(bad, 0),
        }
    }
    Ok(())
}
