//! Policy sets as the engine reads them: each lever a named rule with its months in force as
//! month indices. Validation ([`super::Scenario::validate`]) builds them from the policy sets of
//! the document, so every rule the engine meets is in range, priced, and in force for at least
//! one month of the horizon.

use super::{AccountabilityKind, Metric, SeatHolders};
use crate::pricing::Plan;

/// Months a policy is in force, as indices into the horizon (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First month index.
    pub first: u32,
    /// Last month index.
    pub last: u32,
}

impl Span {
    /// Whether month index `t` is in the span.
    pub fn contains(&self, t: u32) -> bool {
        (self.first..=self.last).contains(&t)
    }
}

/// An adoption mandate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mandate {
    /// Months in force.
    pub window: Span,
    /// Share of developers who will adopt while it is on (market potential) [fraction].
    pub target: f64,
    /// Extra innovation push Δp [1 / month].
    pub push: f64,
}

/// A leaderboard that ranks something (a board ranking nothing is no rule at all).
#[derive(Debug, Clone, PartialEq)]
pub struct Leaderboard {
    /// Months in force.
    pub window: Span,
    /// The ranked metric, never [`Metric::None`].
    pub metric: Metric,
    /// Tier cut-offs, ascending quantiles of the last published period.
    pub tiers: Vec<f64>,
    /// How much staff care about the board [0–1].
    pub salience: f64,
}

/// A cap on the cost of one agent run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunCap {
    /// Months in force.
    pub window: Span,
    /// The cap [USD / run].
    pub usd_per_run: f64,
}

/// Per-user daily and monthly budgets (at least one of the two).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UserBudget {
    /// Months in force.
    pub window: Span,
    /// Daily budget [USD / user / day].
    pub daily_usd: Option<f64>,
    /// Monthly budget [USD / user / month].
    pub monthly_usd: Option<f64>,
    /// Share of users granted an exception [fraction].
    pub exception_share: f64,
    /// An exception multiplies the cap by this [×].
    pub exception_multiplier: f64,
}

/// Agent runs must attach to a ticket with an owner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TicketRule {
    /// Months in force.
    pub window: Span,
}

/// Showback or chargeback of token costs to some cost centres.
#[derive(Debug, Clone, PartialEq)]
pub struct Accountability {
    /// Months in force.
    pub window: Span,
    /// Showback or chargeback.
    pub kind: AccountabilityKind,
    /// Whether it applies to each cost centre, by cost-centre index.
    pub cost_centres: Vec<bool>,
}

/// An annual budget spend is tracked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnnualBudget {
    /// The budget [USD / year].
    pub usd: f64,
    /// Month index its first year starts (negative when before the horizon).
    pub start: i64,
}

/// A seat or credit plan billed instead of API tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatPlan {
    /// The plan from the price table.
    pub plan: Plan,
    /// Who holds a seat.
    pub(crate) holders: SeatHolders,
}

impl SeatPlan {
    /// Seats held in a group of `headcount` developers of whom `adopters` have adopted.
    pub fn seats(&self, adopters: f64, headcount: f64) -> f64 {
        match self.holders {
            SeatHolders::Everyone => headcount,
            SeatHolders::Adopters => adopters,
        }
    }
}

/// A policy set, ready for the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyModel {
    /// Label.
    pub name: String,
    /// Adoption mandate.
    pub mandate: Option<Mandate>,
    /// Leaderboard.
    pub leaderboard: Option<Leaderboard>,
    /// Per-run cap.
    pub run_cap: Option<RunCap>,
    /// Per-user budget.
    pub user_budget: Option<UserBudget>,
    /// Ticket rule.
    pub ticket_rule: Option<TicketRule>,
    /// Showback / chargeback.
    pub accountability: Option<Accountability>,
    /// Annual budget.
    pub annual_budget: Option<AnnualBudget>,
    /// Seat plan.
    pub plan: Option<SeatPlan>,
}

/// The rules in force in one month.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InForce<'a> {
    /// Adoption mandate.
    pub mandate: Option<&'a Mandate>,
    /// Leaderboard.
    pub leaderboard: Option<&'a Leaderboard>,
    /// Per-run cap.
    pub run_cap: Option<&'a RunCap>,
    /// Per-user budget.
    pub user_budget: Option<&'a UserBudget>,
    /// Whether the ticket rule is on.
    pub ticket_rule: bool,
    /// Showback / chargeback.
    pub accountability: Option<&'a Accountability>,
}

impl PolicyModel {
    /// The rules in force in month index `t`.
    pub(crate) fn in_force(&self, t: u32) -> InForce<'_> {
        InForce {
            mandate: self.mandate.as_ref().filter(|r| r.window.contains(t)),
            leaderboard: self.leaderboard_in_force(t),
            run_cap: self.run_cap.as_ref().filter(|r| r.window.contains(t)),
            user_budget: self.user_budget.as_ref().filter(|r| r.window.contains(t)),
            ticket_rule: self.ticket_rule.is_some_and(|r| r.window.contains(t)),
            accountability: self
                .accountability
                .as_ref()
                .filter(|r| r.window.contains(t)),
        }
    }

    /// The leaderboard, if it is in force in month index `t`.
    pub(crate) fn leaderboard_in_force(&self, t: u32) -> Option<&Leaderboard> {
        self.leaderboard.as_ref().filter(|r| r.window.contains(t))
    }
}
