//! OpenAI organisation usage for completions, saved JSON pages of
//! `GET /v1/organization/usage/completions` (`data[] {start_time, results[]}`, best grouped by
//! `user_id` and `model`).
//!
//! `input_tokens` includes cached tokens: uncached input is `input_tokens −
//! input_cached_tokens` (or `input_uncached_tokens` when newer pages give it). The pages carry
//! no money; rows are priced with the catalogue. The user key is `user_id`, else `api_key_id`,
//! else `project_id`.

use super::json::{items, Obj};
use super::{Bad, Ctx, Draft};
use crate::calendar::Date;
use crate::pricing::UsageBundle;
use crate::units::Tokens;
use serde_json::Value;

fn result_row(o: &Obj, day: Date) -> Result<Draft, Bad> {
    let input = o.tokens(&["input_tokens"])?;
    let cached = o.tokens(&["input_cached_tokens"])?;
    let uncached = match o.number("input_uncached_tokens")? {
        Some(u) => u.max(0.0),
        None => (input - cached).max(0.0),
    };
    Ok(Draft {
        day: Some(day),
        user: ["user_id", "api_key_id", "project_id"]
            .iter()
            .find_map(|k| o.string(k)),
        model: o.string("model").unwrap_or_else(|| "(all models)".into()),
        tokens: UsageBundle {
            input: Tokens(uncached),
            cache_read: Tokens(cached),
            output: Tokens(o.tokens(&["output_tokens"])?),
            ..UsageBundle::default()
        },
        ..Draft::default()
    })
}

/// Reads a completions usage page.
pub(crate) fn read(v: &Value, ctx: &mut Ctx) -> Result<(), String> {
    if !v.is_array() && v.get("data").and_then(Value::as_array).is_none() {
        return Err("expected an object with a \"data\" array".into());
    }
    for (path, item) in items(v, "data") {
        let bucket = match Obj::new(item, path).and_then(|b| Ok((b.day(&["start_time"])?, b))) {
            Ok(b) => b,
            Err(bad) => {
                ctx.skip(bad, 0);
                continue;
            }
        };
        let (day, b) = bucket;
        for (p, r) in items(b.value, "results") {
            match Obj::new(r, format!("{}.{p}", b.path)).and_then(|o| result_row(&o, day)) {
                Ok(d) => ctx.emit(d),
                Err(bad) => ctx.skip(bad, 0),
            }
        }
    }
    Ok(())
}
