//! Seat and credit plans (GitHub Copilot, Cursor Teams, Claude Team, Kiro) and their monthly
//! bill: seat fees, included credits (pooled across the billing entity or per seat), and overage.

use crate::calendar::Date;
use crate::units::Usd;
use serde::{Deserialize, Serialize};

/// How included credits are shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditPooling {
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
    pub seat_usd: f64,
    /// Credits included per seat and month [credits]; 0 for plans without credits.
    pub credits_per_seat: f64,
    /// The dollar value of one credit at the vendor's usage rates [USD / credit].
    pub usd_per_credit: f64,
    /// How included credits are shared.
    pub pooling: CreditPooling,
    /// Price of a credit beyond the included ones [USD / credit]; `None`: usage beyond the
    /// included credits is blocked (or overage is opt-in and off).
    pub overage_usd_per_credit: Option<f64>,
    /// Where the figures were published.
    pub source: String,
    /// The day they were checked.
    pub checked: Date,
    /// Whether the figures were confirmed against the source.
    pub verified: bool,
    /// Caveats.
    pub note: String,
}

/// One month's bill under a plan.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct PlanBill {
    /// Seat fees [USD].
    pub seats: Usd,
    /// Charges for credits beyond those included [USD].
    pub overage: Usd,
    /// Credits used beyond those included and billed as overage [credits].
    pub overage_credits: f64,
    /// Credits wanted but blocked because the plan has no overage [credits].
    pub blocked_credits: f64,
}

impl PlanBill {
    /// Seats plus overage [USD].
    pub fn total(&self) -> Usd {
        self.seats + self.overage
    }
}

impl Plan {
    /// The month's bill for seats whose credit use is `usage_per_seat` [credits each].
    pub fn bill(&self, usage_per_seat: &[f64]) -> PlanBill {
        let seats = usage_per_seat.len() as f64;
        let excess = match self.pooling {
            CreditPooling::Pooled => {
                let used: f64 = usage_per_seat.iter().map(|u| u.max(0.0)).sum();
                (used - seats * self.credits_per_seat).max(0.0)
            }
            CreditPooling::PerSeat => usage_per_seat
                .iter()
                .map(|u| (u - self.credits_per_seat).max(0.0))
                .sum(),
        };
        let (overage, overage_credits, blocked_credits) = match self.overage_usd_per_credit {
            Some(rate) => (Usd(excess * rate), excess, 0.0),
            None => (Usd(0.0), 0.0, excess),
        };
        PlanBill {
            seats: Usd(seats * self.seat_usd),
            overage,
            overage_credits,
            blocked_credits,
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

    #[test]
    fn pooled_credits_cover_heavy_users_until_the_pool_is_empty() {
        let copilot = plan("copilot-business");
        // Three seats × 1,900 credits = 5,700 pooled; 5,000 used in all: no overage.
        let b = copilot.bill(&[4_000.0, 500.0, 500.0]);
        assert_eq!(b.seats, Usd(57.0));
        assert_eq!(b.overage, Usd(0.0));
        // 6,700 used: 1,000 credits over the pool at $0.01.
        let b = copilot.bill(&[5_700.0, 500.0, 500.0]);
        assert!((b.overage.0 - 10.0).abs() < 1e-9);
    }

    #[test]
    fn per_seat_usage_does_not_transfer() {
        let kiro = plan("kiro-pro");
        // 1,000 credits per seat: the heavy seat pays for 500 over, the light seat's spare
        // credits do not help.
        let b = kiro.bill(&[1_500.0, 100.0]);
        assert_eq!(b.seats, Usd(40.0));
        assert!((b.overage.0 - 500.0 * 0.04).abs() < 1e-9);
        assert_eq!(b.overage_credits, 500.0);
    }

    #[test]
    fn without_overage_excess_use_is_blocked_not_billed() {
        let free = plan("kiro-free");
        let b = free.bill(&[80.0]);
        assert_eq!(b.total(), Usd(0.0));
        assert_eq!(b.blocked_credits, 30.0);
    }
}
