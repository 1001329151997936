//! Anthropic Admin API pages saved as JSON: the usage report for messages
//! (`data[] {starting_at, results[]}`, grouped by `account_id` or API key; no money, priced with
//! the catalogue), analytics usage and cost rows (`data[] {actor, starting_at, amount,
//! list_amount, token fields}`, money in fractional cents) and Claude Code analytics (`data[]
//! {date, actor, model_breakdown[]}`, `estimated_cost.amount` in whole cents).
//!
//! `uncached_input_tokens` excludes cache reads and writes. Cache writes are
//! `cache_creation.ephemeral_5m_input_tokens` and `…_1h_…` (or the flat
//! `cache_creation_5m_input_tokens` / `cache_creation_1h_input_tokens` some copies use), priced at
//! their own rates.

use super::json::{items, Obj};
use super::{money_unit, Bad, Ctx, Draft, Source};
use crate::calendar::Date;
use crate::pricing::UsageBundle;
use crate::units::Tokens;
use serde_json::Value;

fn usage_tokens(o: &Obj) -> Result<UsageBundle, Bad> {
    Ok(UsageBundle {
        input: Tokens(o.tokens(&["uncached_input_tokens"])?),
        cache_read: Tokens(o.tokens(&["cache_read_input_tokens"])?),
        cache_write_5m: Tokens(o.tokens(&[
            "cache_creation.ephemeral_5m_input_tokens",
            "cache_creation_5m_input_tokens",
        ])?),
        cache_write_1h: Tokens(o.tokens(&[
            "cache_creation.ephemeral_1h_input_tokens",
            "cache_creation_1h_input_tokens",
        ])?),
        output: Tokens(o.tokens(&["output_tokens"])?),
        reasoning: Tokens(0.0),
    })
}

/// The user key of a usage row: account, user or email, else API key, else service account.
fn usage_user(o: &Obj) -> Option<String> {
    [
        "account_id",
        "actor.user_id",
        "actor.email_address",
        "api_key_id",
        "actor.api_key_name",
        "service_account_id",
    ]
    .iter()
    .find_map(|k| o.string(k))
}

fn usage_row(o: &Obj, day: Date) -> Result<Draft, Bad> {
    let unit = money_unit(Source::AnthropicUsage);
    let net = o.number("amount")?.map(|a| unit.to_usd(a));
    let gross = o.number("list_amount")?.map(|a| unit.to_usd(a)).or(net);
    Ok(Draft {
        day: Some(day),
        user: usage_user(o),
        organisation: o.string("workspace_id"),
        model: o.string("model").ok_or_else(|| {
            Bad::new(
                super::SkipReason::MissingModel,
                &format!("{}.model", o.path),
            )
        })?,
        tokens: usage_tokens(o)?,
        gross,
        net,
        ..Draft::default()
    })
}

fn bucket_rows(o: &Obj) -> Result<Vec<Result<Draft, Bad>>, Bad> {
    let day = o.day(&["starting_at", "date"])?;
    if o.get("results").is_none() {
        return Ok(vec![usage_row(o, day)]);
    }
    Ok(items(o.value, "results")
        .into_iter()
        .map(|(p, v)| usage_row(&Obj::new(v, format!("{}.{p}", o.path))?, day))
        .collect())
}

fn each_record(
    v: &Value,
    ctx: &mut Ctx,
    rows: impl Fn(&Obj) -> Result<Vec<Result<Draft, Bad>>, Bad>,
) -> Result<(), String> {
    if !v.is_array() && v.get("data").and_then(Value::as_array).is_none() {
        return Err("expected an object with a \"data\" array".into());
    }
    for (path, item) in items(v, "data") {
        match Obj::new(item, path).and_then(|o| rows(&o)) {
            Ok(drafts) => {
                for d in drafts {
                    match d {
                        Ok(d) => ctx.emit(d),
                        Err(bad) => ctx.skip(bad, 0),
                    }
                }
            }
            Err(bad) => ctx.skip(bad, 0),
        }
    }
    Ok(())
}

/// Reads a messages usage report or analytics usage/cost page.
pub(crate) fn read_usage(v: &Value, ctx: &mut Ctx) -> Result<(), String> {
    each_record(v, ctx, bucket_rows)
}

fn claude_code_rows(o: &Obj) -> Result<Vec<Result<Draft, Bad>>, Bad> {
    let day = o.day(&["date"])?;
    let user = o
        .string("actor.email_address")
        .or_else(|| o.string("actor.api_key_name"));
    let organisation = o.string("organization_id");
    let unit = money_unit(Source::ClaudeCode);
    Ok(items(o.value, "model_breakdown")
        .into_iter()
        .map(|(p, v)| {
            let m = Obj::new(v, format!("{}.{p}", o.path))?;
            let currency = m.string("estimated_cost.currency");
            if currency
                .as_deref()
                .is_some_and(|c| !c.eq_ignore_ascii_case("usd"))
            {
                return Err(Bad::new(
                    super::SkipReason::NotUsd,
                    &format!("{}.estimated_cost.currency", m.path),
                ));
            }
            Ok(Draft {
                day: Some(day),
                user: user.clone(),
                organisation: organisation.clone(),
                model: m.string("model").ok_or_else(|| {
                    Bad::new(
                        super::SkipReason::MissingModel,
                        &format!("{}.model", m.path),
                    )
                })?,
                tokens: UsageBundle {
                    input: Tokens(m.tokens(&["tokens.input"])?),
                    cache_read: Tokens(m.tokens(&["tokens.cache_read"])?),
                    cache_write_5m: Tokens(m.tokens(&["tokens.cache_creation"])?),
                    output: Tokens(m.tokens(&["tokens.output"])?),
                    ..UsageBundle::default()
                },
                gross: m.number("estimated_cost.amount")?.map(|c| unit.to_usd(c)),
                ..Draft::default()
            })
        })
        .collect())
}

/// Reads a Claude Code analytics page.
pub(crate) fn read_claude_code(v: &Value, ctx: &mut Ctx) -> Result<(), String> {
    each_record(v, ctx, claude_code_rows)
}
