//! Cursor's dashboard usage CSV (team export: one row per request): `Date, User, Kind, Model,
//! Max Mode, Input (w/ Cache Write), Input (w/o Cache Write), Cache Read, Output Tokens,
//! Total Tokens, Cost`, newer exports with `Cloud Agent ID` and `Automation ID`, older ones
//! without some columns.
//!
//! Cache writes are the difference of the two input columns (uncached input is `Input (w/o
//! Cache Write)`). `Cost` is dollars ("$0.01"); "Included", "Free", "-" or a `Kind` such as
//! "Errored, No Charge" mean nothing was billed: the net cost is $0 and the gross cost is
//! priced from the tokens with the catalogue, the usage's value before the plan's allowance.

use super::table::{self, require, Columns, Rec};
use super::{money_unit, Bad, Ctx, Draft, Source, UsageError};
use crate::pricing::UsageBundle;
use crate::units::{Tokens, Usd};
use std::io::Read;

struct Cols {
    date: usize,
    user: Option<usize>,
    kind: Option<usize>,
    model: usize,
    with_write: Option<usize>,
    without_write: Option<usize>,
    cache_read: Option<usize>,
    output: Option<usize>,
    cost: Option<usize>,
}

fn columns(c: &Columns) -> Result<Cols, String> {
    Ok(Cols {
        date: require(c, &["date"])?,
        user: c.find(&["user", "email"]),
        kind: c.find(&["kind"]),
        model: require(c, &["model"])?,
        with_write: c.find(&["input (w/ cache write)"]),
        without_write: Some(require(c, &["input (w/o cache write)", "input"])?),
        cache_read: c.find(&["cache read"]),
        output: c.find(&["output tokens", "output"]),
        cost: c.find(&["cost"]),
    })
}

/// Whether a `Kind` says the request was not charged.
fn not_charged(kind: &str) -> bool {
    let k = kind.to_ascii_lowercase();
    k.contains("no charge") || k.contains("not charged") || k == "free" || k == "included"
}

fn row(r: &Rec, c: &Cols) -> Result<Draft, Bad> {
    let uncached = r.tokens(c.without_write, "Input (w/o Cache Write)")?;
    let with_write = match c.with_write {
        Some(_) => r.tokens(c.with_write, "Input (w/ Cache Write)")?,
        None => uncached,
    };
    let free = r.text(c.kind, "Kind")?.is_some_and(not_charged);
    let cost = match r.text(c.cost, "Cost")? {
        None => None,
        Some(s) => match s.to_ascii_lowercase().as_str() {
            "included" | "free" | "-" => Some(None),
            _ => {
                Some(Some(table::parse_number(s).ok_or_else(|| {
                    Bad::new(super::SkipReason::BadNumber, "Cost")
                })?))
            }
        },
    };
    let unit = money_unit(Source::Cursor);
    let (gross, net) = match cost {
        Some(Some(usd)) if !free => (Some(unit.to_usd(usd)), Some(unit.to_usd(usd))),
        Some(_) => (None, Some(Usd(0.0))),
        None if free => (None, Some(Usd(0.0))),
        None => (None, None),
    };
    Ok(Draft {
        day: Some(r.day(Some(c.date), "Date")?),
        user: r.string(c.user, "User")?,
        model: r.model(Some(c.model), "Model")?,
        tokens: UsageBundle {
            input: Tokens(uncached),
            cache_read: Tokens(r.tokens(c.cache_read, "Cache Read")?),
            cache_write_5m: Tokens((with_write - uncached).max(0.0)),
            output: Tokens(r.tokens(c.output, "Output Tokens")?),
            ..UsageBundle::default()
        },
        gross,
        net,
        ..Draft::default()
    })
}

/// Reads a Cursor usage CSV.
pub(crate) fn read(reader: &mut dyn Read, ctx: &mut Ctx) -> Result<(), UsageError> {
    table::read(reader, ctx, columns, row)
}
