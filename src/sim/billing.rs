//! Billing phase: what each cost centre is billed — API tokens at list less the agreement's
//! discounts, or a seat plan's fees and overage ([`crate::pricing::PlanMonth`]) at the plan's
//! rate — and the shortfall of a committed spend (docs/MODEL.md, "Billing").

use super::quantity::{Quantity, Row, QUANTITIES};
use super::table::Table;
use crate::pricing::PlanMonth;
use crate::scenario::rules::SeatPlan;
use crate::scenario::ValidScenario;

/// A seat plan and its month being metered.
pub(super) type Metered<'p, 'm> = (&'p SeatPlan, &'m mut PlanMonth<'p>);

/// Settles a pooled plan's credits once every adopter is metered: seats are counted from the
/// cost centres' adopters (`rows`) and `headcount`, and usage the pool blocks moves from
/// token spend to suppressed demand.
pub(super) fn settle_pool(rows: &mut [Row], (plan, month): Metered, headcount: &[f64]) {
    let seats: f64 = (0..headcount.len())
        .map(|cc| plan.seats(rows[cc][Quantity::Adopters.index()], headcount[cc]))
        .sum();
    for (cc, blocked) in month.settle_pool(seats).into_iter().enumerate() {
        rows[cc][Quantity::Suppressed.index()] += blocked;
        rows[cc][Quantity::TokenSpend.index()] -= blocked;
    }
}

/// Discounts off list on each team's token spend `team_spend` in month `t`, by the models it
/// uses, summed per cost centre [USD].
pub(super) fn discounts(v: &ValidScenario, team_spend: &[f64], t: usize) -> Vec<f64> {
    let mut discount = vec![0.0; v.cost_centres.len()];
    for (team, spend) in team_spend.iter().enumerate() {
        let tm = &v.teams[team];
        discount[tm.cost_centre] += spend * v.agreement.discount_of(&tm.spend_split[t]);
    }
    discount
}

/// Fills each cost centre's headcount and bill: seats, overage, list and effective cost
/// (before any commitment). `plan_rate` is the share of list billed for a plan's fees.
pub(super) fn centres(
    rows: &mut [Row],
    plan: Option<(&SeatPlan, &PlanMonth)>,
    headcount: &[f64],
    discount: &[f64],
    plan_rate: f64,
) {
    for cc in 0..headcount.len() {
        let row = &mut rows[cc];
        row[Quantity::Headcount.index()] = headcount[cc];
        let seats = plan.map(|(p, _)| p.seats(row[Quantity::Adopters.index()], headcount[cc]));
        let (fees, overage, list) = match (plan, seats) {
            (Some((_, month)), Some(seats)) => (
                month.seat_fees(seats),
                month.overage(cc),
                month.list(cc, seats),
            ),
            _ => (0.0, 0.0, row[Quantity::TokenSpend.index()]),
        };
        row[Quantity::Seats.index()] = fees;
        row[Quantity::Overage.index()] = overage;
        let effective = match plan {
            Some(_) => list * plan_rate,
            None => (list - discount[cc]).max(0.0),
        };
        row[Quantity::ListCost.index()] = list;
        row[Quantity::EffectiveCost.index()] = effective;
        row[Quantity::Spend.index()] = effective;
    }
}

/// The amount still due on a commitment whose period closes in month `t`: the amount
/// committed less the organisation's effective cost in the period's earlier months [USD].
pub(super) fn commitment_due(v: &ValidScenario, rows: &Table<Row>, t: usize) -> Option<f64> {
    v.agreement.due(t, v.months.len()).map(|(usd, period)| {
        let before: f64 = (period.start..t)
            .map(|m| rows.org(m)[Quantity::EffectiveCost.index()])
            .sum();
        usd - before
    })
}

/// Bills the shortfall of `due` below the organisation's effective cost in the period's last
/// month, shared by the cost centres in proportion to their effective cost (or headcount when
/// there is none).
pub(super) fn commitment(due: f64, cost_centres: &mut [Row], org: &mut Row) {
    let shortfall = (due - org[Quantity::EffectiveCost.index()]).max(0.0);
    if shortfall <= 0.0 {
        return;
    }
    let by_cost = org[Quantity::EffectiveCost.index()] > 0.0;
    let basis = |row: &[f64; QUANTITIES]| {
        if by_cost {
            row[Quantity::EffectiveCost.index()]
        } else {
            row[Quantity::Headcount.index()]
        }
    };
    let total = basis(&*org);
    for row in cost_centres.iter_mut() {
        let part = shortfall * basis(&*row) / total;
        row[Quantity::CommitmentShortfall.index()] = part;
        row[Quantity::Spend.index()] += part;
    }
    org[Quantity::CommitmentShortfall.index()] = shortfall;
    org[Quantity::Spend.index()] += shortfall;
}
