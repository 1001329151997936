//! FOCUS 1.2 / 1.3 cost and usage CSV: AI token rows, one per token type (`SkuMeter` "Input
//! Tokens", "Cache Read Input Tokens", "Cache Write Input Tokens", "Output Tokens";
//! `ConsumedQuantity` in `ConsumedUnit` "Tokens"), the model in `SkuPriceDetails.ModelId` (or
//! Burnrate's `x_Model`), the cost centre in `SubAccountName`.
//!
//! Gross is `ListCost` when present, else `BilledCost`; net is `BilledCost`, dollars when
//! `BillingCurrency` is USD (other currencies are skipped). Rows that are not token charges
//! (seats, storage in Token-Hours, taxes) are skipped and counted as `not-tokens`. FOCUS has
//! no user dimension.

use super::table::{self, require, Columns, Rec};
use super::{money_unit, Bad, Ctx, Draft, SkipReason, Source, UsageError};
use crate::pricing::UsageBundle;
use crate::units::Tokens;
use serde_json::Value;
use std::io::Read;

struct Cols {
    billed: usize,
    list: Option<usize>,
    currency: Option<usize>,
    start: usize,
    meter: Option<usize>,
    quantity: usize,
    unit: Option<usize>,
    sub_account: Option<usize>,
    details: Option<usize>,
    x_model: Option<usize>,
}

fn columns(c: &Columns) -> Result<Cols, String> {
    Ok(Cols {
        billed: require(c, &["billedcost"])?,
        list: c.find(&["listcost"]),
        currency: c.find(&["billingcurrency"]),
        start: require(c, &["chargeperiodstart"])?,
        meter: c.find(&["skumeter"]),
        quantity: require(c, &["consumedquantity"])?,
        unit: c.find(&["consumedunit"]),
        sub_account: c.find(&["subaccountname"]),
        details: c.find(&["skupricedetails"]),
        x_model: c.find(&["x_model"]),
    })
}

#[derive(Clone, Copy)]
enum TokenType {
    Input,
    CacheRead,
    CacheWrite,
    Output,
}

/// The token type of a meter name or of `SkuPriceDetails` cache and direction keys.
fn token_type(meter: &str, details: Option<&Value>) -> Option<TokenType> {
    let m = meter.to_ascii_lowercase();
    if m.contains("cache read") {
        return Some(TokenType::CacheRead);
    }
    if m.contains("cache write") {
        return Some(TokenType::CacheWrite);
    }
    if m.contains("output") {
        return Some(TokenType::Output);
    }
    let key = |k: &str| details.and_then(|d| d.get(k)).and_then(Value::as_str);
    let cache = key("TokenCacheAction")
        .or_else(|| key("CacheAction"))
        .or_else(|| key("TokenType"))
        .unwrap_or("")
        .to_ascii_lowercase();
    match cache.as_str() {
        "read" | "cacheread" => return Some(TokenType::CacheRead),
        "write" | "cachewrite" => return Some(TokenType::CacheWrite),
        "output" => return Some(TokenType::Output),
        _ => {}
    }
    if key("TokenDirection").is_some_and(|d| d.eq_ignore_ascii_case("output")) {
        return Some(TokenType::Output);
    }
    (m.contains("input") || m.contains("token") || !cache.is_empty()).then_some(TokenType::Input)
}

fn row(r: &Rec, c: &Cols) -> Result<Draft, Bad> {
    let unit_name = r.text(c.unit, "ConsumedUnit")?.unwrap_or("");
    let meter = r.text(c.meter, "SkuMeter")?.unwrap_or("");
    if !unit_name.eq_ignore_ascii_case("tokens") && !meter.to_ascii_lowercase().contains("token") {
        return Err(Bad::new(SkipReason::NotTokens, "ConsumedUnit"));
    }
    if r.text(c.currency, "BillingCurrency")?
        .is_some_and(|cur| !cur.eq_ignore_ascii_case("usd"))
    {
        return Err(Bad::new(SkipReason::NotUsd, "BillingCurrency"));
    }
    let details: Option<Value> = r
        .text(c.details, "SkuPriceDetails")?
        .and_then(|s| serde_json::from_str(s).ok());
    let kind = token_type(meter, details.as_ref())
        .ok_or_else(|| Bad::new(SkipReason::NotTokens, "SkuMeter"))?;
    let model = details
        .as_ref()
        .and_then(|d| d.get("ModelId"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or(r.string(c.x_model, "x_Model")?)
        .ok_or_else(|| Bad::new(SkipReason::MissingModel, "SkuPriceDetails"))?;
    let quantity = Tokens(r.tokens(Some(c.quantity), "ConsumedQuantity")?);
    let mut tokens = UsageBundle::default();
    match kind {
        TokenType::Input => tokens.input = quantity,
        TokenType::CacheRead => tokens.cache_read = quantity,
        TokenType::CacheWrite => tokens.cache_write_5m = quantity,
        TokenType::Output => tokens.output = quantity,
    }
    let money = money_unit(Source::Focus);
    let billed = r
        .number(Some(c.billed), "BilledCost")?
        .ok_or_else(|| Bad::new(SkipReason::BadNumber, "BilledCost"))?;
    let list = r.number(c.list, "ListCost")?;
    Ok(Draft {
        day: Some(r.day(Some(c.start), "ChargePeriodStart")?),
        cost_centre: r.string(c.sub_account, "SubAccountName")?,
        model,
        tokens,
        gross: Some(money.to_usd(list.unwrap_or(billed))),
        net: Some(money.to_usd(billed)),
        ..Draft::default()
    })
}

/// Reads a FOCUS cost and usage CSV.
pub(crate) fn read(reader: &mut dyn Read, ctx: &mut Ctx) -> Result<(), UsageError> {
    table::read(reader, ctx, columns, row)
}
