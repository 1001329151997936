//! Seat and credit plans (GitHub Copilot, Cursor Teams, Claude Team, Kiro) and their monthly
//! bill: seat fees, included credits (pooled across the billing entity or per seat), and overage.

use crate::calendar::Date;
use serde::{Deserialize, Serialize};

/// How included credits are shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CreditPooling {
    /// All seats' credits form one pool for the billing entity (GitHub Copilot).
    Pooled,
    /// Each seat's included usage is its own and does not transfer (Cursor, Kiro).
    PerSeat,
}

/// A seat or credit plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Identifier, e.g. `copilot-business`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Vendor, e.g. `github`.
    pub vendor: String,
    /// Seat fee [USD / seat / month].
    pub(crate) seat_usd: f64,
    /// Credits included per seat and month [credits]; 0 for plans without credits.
    pub(crate) credits_per_seat: f64,
    /// The dollar value of one credit at the vendor's usage rates [USD / credit].
    pub(crate) usd_per_credit: f64,
    /// How included credits are shared.
    pub(crate) pooling: CreditPooling,
    /// Price of a credit beyond the included ones [USD / credit]; `None`: usage beyond the
    /// included credits is blocked (or overage is opt-in and off).
    pub(crate) overage_usd_per_credit: Option<f64>,
    /// Where the figures were published.
    pub source: String,
    /// The day they were checked.
    pub checked: Date,
    /// Whether the figures were confirmed against the source.
    pub(crate) verified: bool,
    /// Caveats.
    pub note: String,
}

/// One month's bill under a plan, for groups of seat holders (the engine's cost centres):
/// each seat holder's use is metered as it comes ([`PlanMonth::use_seat`]), pooled credits are
/// settled across the groups once every seat is metered ([`PlanMonth::settle_pool`]), and each
/// group's seat fees and overage read off ([`PlanMonth::seat_fees`], [`PlanMonth::overage`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanMonth<'a> {
    plan: &'a Plan,
    credits: Vec<f64>,
    overage: Vec<f64>,
}

impl<'a> PlanMonth<'a> {
    /// A month with nothing used yet, for `groups` groups.
    pub fn new(plan: &'a Plan, groups: usize) -> PlanMonth<'a> {
        PlanMonth {
            plan,
            credits: vec![0.0; groups],
            overage: vec![0.0; groups],
        }
    }

    /// Meters `seats` seat holders of `group` (more than one for a weighted sample of a large
    /// organisation) who each want `usd` of usage at the vendor's rates [USD]; returns what the
    /// plan lets each use [USD]. A per-seat plan bills use beyond the seat's own credits as
    /// overage, or blocks it when the plan has no overage; pooled credits are settled later, by
    /// [`PlanMonth::settle_pool`].
    pub(crate) fn use_seat(&mut self, group: usize, usd: f64, seats: f64) -> f64 {
        let plan = self.plan;
        let mut used = usd;
        if plan.usd_per_credit > 0.0 && plan.pooling == CreditPooling::PerSeat {
            let allowance = plan.credits_per_seat * plan.usd_per_credit;
            if used > allowance {
                match plan.overage_usd_per_credit {
                    Some(rate) => {
                        self.overage[group] +=
                            (used - allowance) / plan.usd_per_credit * rate * seats
                    }
                    None => used = allowance,
                }
            }
        }
        if plan.usd_per_credit > 0.0 {
            self.credits[group] += used / plan.usd_per_credit * seats;
        }
        used
    }

    /// Settles a pooled plan's credits for `seats` seats in all: the credits used beyond the
    /// pool, shared by the groups in proportion to the credits they used, are billed as overage
    /// or, without overage, blocked. Returns the usage blocked in each group [USD], or nothing
    /// when the pool blocked nothing (always for per-seat plans and plans without credits).
    pub(crate) fn settle_pool(&mut self, seats: f64) -> Vec<f64> {
        let plan = self.plan;
        if plan.pooling != CreditPooling::Pooled || plan.usd_per_credit <= 0.0 {
            return Vec::new();
        }
        let used: f64 = self.credits.iter().sum();
        let excess = (used - seats * plan.credits_per_seat).max(0.0);
        if used <= 0.0 || excess <= 0.0 {
            return Vec::new();
        }
        let shares = self.credits.iter().map(|credits| excess * credits / used);
        match plan.overage_usd_per_credit {
            Some(rate) => {
                for (overage, part) in self.overage.iter_mut().zip(shares) {
                    *overage += part * rate;
                }
                Vec::new()
            }
            None => shares.map(|part| part * plan.usd_per_credit).collect(),
        }
    }

    /// Credits a group used so far [credits].
    #[cfg(test)]
    fn credits(&self, group: usize) -> f64 {
        self.credits[group]
    }

    /// A group's overage charges [USD].
    pub fn overage(&self, group: usize) -> f64 {
        self.overage[group]
    }

    /// The fees of `seats` seats [USD].
    pub(crate) fn seat_fees(&self, seats: f64) -> f64 {
        seats * self.plan.seat_usd
    }

    /// The list value of a group's bill with `seats` seats: seat fees, plus overage on a plan
    /// with credits [USD].
    pub fn list(&self, group: usize, seats: f64) -> f64 {
        let fees = self.seat_fees(seats);
        if self.plan.usd_per_credit > 0.0 {
            fees + self.overage[group]
        } else {
            fees
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;

    fn plan(id: &str) -> Plan {
        Catalogue::builtin()
            .plan(id)
            .unwrap_or_else(|| panic!("{id} is a built-in plan"))
            .clone()
    }

    /// Bills one group of seats using `credits` each [credits]: seat fees [USD], overage
    /// [USD], credits billed as overage, credits blocked.
    fn bill(plan: &Plan, credits: &[f64]) -> (f64, f64, f64, f64) {
        let mut month = PlanMonth::new(plan, 1);
        let mut blocked = 0.0;
        for c in credits {
            let usd = c * plan.usd_per_credit;
            blocked += usd - month.use_seat(0, usd, 1.0);
        }
        let seats = credits.len() as f64;
        blocked += month.settle_pool(seats).first().unwrap_or(&0.0);
        let overage = month.overage(0);
        let overage_credits = plan
            .overage_usd_per_credit
            .map_or(0.0, |rate| overage / rate);
        (
            month.seat_fees(seats),
            overage,
            overage_credits,
            blocked / plan.usd_per_credit,
        )
    }

    #[test]
    fn pooled_credits_cover_heavy_users_until_the_pool_is_empty() {
        let copilot = plan("copilot-business");
        // Three seats × 1,900 credits = 5,700 pooled; 5,000 used in all: no overage.
        let (seats, overage, ..) = bill(&copilot, &[4_000.0, 500.0, 500.0]);
        assert_eq!(seats, 57.0);
        assert_eq!(overage, 0.0);
        // 6,700 used: 1,000 credits over the pool at $0.01.
        let (_, overage, ..) = bill(&copilot, &[5_700.0, 500.0, 500.0]);
        assert!((overage - 10.0).abs() < 1e-9);
    }

    #[test]
    fn pooled_excess_is_shared_by_the_credits_each_group_used() {
        let copilot = plan("copilot-business");
        let mut month = PlanMonth::new(&copilot, 2);
        let usd = |credits: f64| credits * copilot.usd_per_credit;
        assert_eq!(month.use_seat(0, usd(3_000.0), 1.0), usd(3_000.0));
        month.use_seat(1, usd(1_000.0), 1.0);
        // Two seats × 1,900 = 3,800 pooled; 4,000 used: 200 over, 150 and 50 by use.
        assert!(
            month.settle_pool(2.0).is_empty(),
            "overage is billed, nothing blocked"
        );
        assert!((month.overage(0) - 150.0 * 0.01).abs() < 1e-9);
        assert!((month.overage(1) - 50.0 * 0.01).abs() < 1e-9);
        assert!((month.credits(0) - 3_000.0).abs() < 1e-9);
        assert!((month.list(1, 1.0) - (19.0 + 0.5)).abs() < 1e-9);
    }

    #[test]
    fn per_seat_usage_does_not_transfer() {
        let kiro = plan("kiro-pro");
        // 1,000 credits per seat: the heavy seat pays for 500 over, the light seat's spare
        // credits do not help.
        let (seats, overage, overage_credits, _) = bill(&kiro, &[1_500.0, 100.0]);
        assert_eq!(seats, 40.0);
        assert!((overage - 500.0 * 0.04).abs() < 1e-9);
        assert!((overage_credits - 500.0).abs() < 1e-9);
    }

    #[test]
    fn without_overage_excess_use_is_blocked_not_billed() {
        let free = plan("kiro-free");
        let mut month = PlanMonth::new(&free, 1);
        assert_eq!(month.use_seat(0, 80.0 * 0.04, 1.0), 50.0 * 0.04);
        let (seats, overage, _, blocked_credits) = bill(&free, &[80.0]);
        assert_eq!(seats + overage, 0.0);
        assert!((blocked_credits - 30.0).abs() < 1e-9);
    }
}
