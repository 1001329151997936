//! LiteLLM proxy spend: the `LiteLLM_DailyUserSpend` table exported as CSV (`user_id, date,
//! model, prompt_tokens, completion_tokens, cache_read_input_tokens,
//! cache_creation_input_tokens, spend, api_requests`, optionally `team_id`) and the
//! `/user/daily/activity` JSON (`results[] {date, metrics, breakdown.models}`).
//!
//! `prompt_tokens` counts every prompt token, cached or not (LiteLLM reports usage in OpenAI's
//! convention), so uncached input is `prompt_tokens − cache_read − cache_creation`, at least 0.
//! `spend` is dollars, the gross cost; the files have no net figure. The JSON has no user: the
//! user key is the file name ([`super::user_from_file_name`]).

use super::json::{items, Obj};
use super::table::{self, require, Columns, Rec};
use super::{money_unit, Bad, Ctx, Draft, Source, UsageError};
use crate::pricing::UsageBundle;
use crate::units::Tokens;
use serde_json::Value;
use std::io::Read;

fn bundle(prompt: f64, completion: f64, cache_read: f64, cache_write: f64) -> UsageBundle {
    UsageBundle {
        input: Tokens((prompt - cache_read - cache_write).max(0.0)),
        cache_read: Tokens(cache_read),
        cache_write_5m: Tokens(cache_write),
        output: Tokens(completion),
        ..UsageBundle::default()
    }
}

struct Cols {
    user: usize,
    date: usize,
    model: usize,
    team: Option<usize>,
    prompt: Option<usize>,
    completion: Option<usize>,
    cache_read: Option<usize>,
    cache_write: Option<usize>,
    spend: Option<usize>,
}

fn columns(c: &Columns) -> Result<Cols, String> {
    Ok(Cols {
        user: require(c, &["user_id", "user"])?,
        date: require(c, &["date"])?,
        model: require(c, &["model", "model_group"])?,
        team: c.find(&["team_id"]),
        prompt: Some(require(c, &["prompt_tokens"])?),
        completion: c.find(&["completion_tokens"]),
        cache_read: c.find(&["cache_read_input_tokens"]),
        cache_write: c.find(&["cache_creation_input_tokens"]),
        spend: c.find(&["spend"]),
    })
}

fn row(r: &Rec, c: &Cols) -> Result<Draft, Bad> {
    let unit = money_unit(Source::LitellmCsv);
    Ok(Draft {
        day: Some(r.day(Some(c.date), "date")?),
        user: r.string(Some(c.user), "user_id")?,
        team: r.string(c.team, "team_id")?,
        model: r.model(Some(c.model), "model")?,
        tokens: bundle(
            r.tokens(c.prompt, "prompt_tokens")?,
            r.tokens(c.completion, "completion_tokens")?,
            r.tokens(c.cache_read, "cache_read_input_tokens")?,
            r.tokens(c.cache_write, "cache_creation_input_tokens")?,
        ),
        gross: r.number(c.spend, "spend")?.map(|s| unit.to_usd(s)),
        ..Draft::default()
    })
}

/// Reads a `LiteLLM_DailyUserSpend` CSV.
pub(crate) fn read_csv(reader: &mut dyn Read, ctx: &mut Ctx) -> Result<(), UsageError> {
    table::read(reader, ctx, columns, row)
}

fn from_metrics(m: &Obj, day: crate::calendar::Date, model: String) -> Result<Draft, Bad> {
    let unit = money_unit(Source::LitellmJson);
    Ok(Draft {
        day: Some(day),
        model,
        tokens: bundle(
            m.tokens(&["prompt_tokens"])?,
            m.tokens(&["completion_tokens"])?,
            m.tokens(&["cache_read_input_tokens"])?,
            m.tokens(&["cache_creation_input_tokens"])?,
        ),
        gross: m.number("spend")?.map(|s| unit.to_usd(s)),
        ..Draft::default()
    })
}

/// The drafts of one day: one per model of `breakdown.models`, or one for the day's totals.
fn day_rows(o: &Obj) -> Result<Vec<Draft>, Bad> {
    let day = o.day(&["date"])?;
    let models = o.get("breakdown.models").and_then(Value::as_object);
    match models {
        Some(models) if !models.is_empty() => models
            .iter()
            .map(|(name, v)| {
                let path = format!("{}.breakdown.models.{name}", o.path);
                let entry = Obj::new(v, path.clone())?;
                let metrics = match entry.get("metrics") {
                    Some(m) => Obj::new(m, format!("{path}.metrics"))?,
                    None => entry,
                };
                from_metrics(&metrics, day, name.clone())
            })
            .collect(),
        _ => {
            let metrics = Obj::new(
                o.get("metrics").unwrap_or(&Value::Null),
                format!("{}.metrics", o.path),
            )?;
            Ok(vec![from_metrics(&metrics, day, "(all models)".into())?])
        }
    }
}

/// Reads a `/user/daily/activity` response.
pub(crate) fn read_json(v: &Value, ctx: &mut Ctx) -> Result<(), String> {
    if !v.is_object() && !v.is_array() {
        return Err("expected an object with \"results\"".into());
    }
    for (path, item) in items(v, "results") {
        match Obj::new(item, path).and_then(|o| day_rows(&o)) {
            Ok(drafts) => drafts.into_iter().for_each(|d| ctx.emit(d)),
            Err(bad) => ctx.skip(bad, 0),
        }
    }
    Ok(())
}
