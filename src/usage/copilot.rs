//! GitHub Copilot billing CSVs: the "AI usage report" (from June 2026; one row per day, user,
//! model and SKU, dollars, token columns) and the older premium-request report (requests at
//! $0.04, no tokens), including the analytics variant with `Timestamp, User, Model, Requests
//! Used`.
//!
//! Quirks handled: undocumented extra columns (ignored), several SKUs for one day, user and
//! model (kept as separate rows, so their costs add), picker labels as models ("Auto: Claude
//! Haiku 4.5"), refunds as negative amounts (kept, so totals net them), and rows wrapped whole
//! in quotes. `gross_amount` is the usage intensity; `net_amount` has the included-credit pool
//! taken off.

use super::table::{self, require, Columns, Rec};
use super::{money_unit, Bad, Ctx, Draft, Source, UsageError};
use crate::pricing::UsageBundle;
use crate::units::Tokens;
use std::io::Read;

/// The price of one premium request before June 2026 [USD].
pub(crate) const PREMIUM_REQUEST_USD: f64 = 0.04;

struct Cols {
    date: usize,
    user: usize,
    model: usize,
    quantity: Option<usize>,
    unit_cost: Option<usize>,
    gross: Option<usize>,
    net: Option<usize>,
    organisation: Option<usize>,
    cost_centre: Option<usize>,
    input: Option<usize>,
    output: Option<usize>,
    cache_read: Option<usize>,
    cache_write: Option<usize>,
}

fn columns(c: &Columns) -> Result<Cols, String> {
    let cols = Cols {
        date: require(c, &["date", "timestamp"])?,
        user: require(c, &["username", "user"])?,
        model: require(c, &["model"])?,
        quantity: c.find(&["quantity", "requests used"]),
        unit_cost: c.find(&["applied_cost_per_quantity"]),
        gross: c.find(&["gross_amount"]),
        net: c.find(&["net_amount"]),
        organisation: c.find(&["organization"]),
        cost_centre: c.find(&["cost_center_name"]),
        input: c.find(&["input"]),
        output: c.find(&["output"]),
        cache_read: c.find(&["cache_read"]),
        cache_write: c.find(&["cache_write"]),
    };
    if cols.gross.is_none() && cols.quantity.is_none() {
        return Err("gross_amount or quantity".into());
    }
    Ok(cols)
}

fn row(r: &Rec, c: &Cols, source: Source) -> Result<Draft, Bad> {
    let unit = money_unit(source);
    let gross = match r.number(c.gross, "gross_amount")? {
        Some(g) => g,
        None => {
            let quantity = r.number(c.quantity, "quantity")?.unwrap_or(0.0);
            let per = r
                .number(c.unit_cost, "applied_cost_per_quantity")?
                .unwrap_or(PREMIUM_REQUEST_USD);
            quantity * per
        }
    };
    Ok(Draft {
        day: Some(r.day(Some(c.date), "date")?),
        user: r.string(Some(c.user), "username")?,
        cost_centre: r.string(c.cost_centre, "cost_center_name")?,
        organisation: r.string(c.organisation, "organization")?,
        model: r.model(Some(c.model), "model")?,
        tokens: UsageBundle {
            input: Tokens(r.tokens(c.input, "input")?),
            cache_read: Tokens(r.tokens(c.cache_read, "cache_read")?),
            cache_write_5m: Tokens(r.tokens(c.cache_write, "cache_write")?),
            output: Tokens(r.tokens(c.output, "output")?),
            ..UsageBundle::default()
        },
        gross: Some(unit.to_usd(gross)),
        net: r.number(c.net, "net_amount")?.map(|n| unit.to_usd(n)),
        ..Draft::default()
    })
}

/// Reads an AI usage report.
pub(crate) fn read(reader: &mut dyn Read, ctx: &mut Ctx) -> Result<(), UsageError> {
    table::read(reader, ctx, columns, |r, c| row(r, c, Source::Copilot))
}

/// Reads a premium-request report.
pub(crate) fn read_premium(reader: &mut dyn Read, ctx: &mut Ctx) -> Result<(), UsageError> {
    table::read(reader, ctx, columns, |r, c| {
        row(r, c, Source::CopilotPremium)
    })
}
