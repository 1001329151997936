//! Policy sets: the levers a scenario compares (mandate, leaderboard, caps, budgets, ticket rule,
//! showback/chargeback, annual budget, seat plan), each with its months in force.

use crate::calendar::YearMonth;
use serde::{Deserialize, Serialize};

/// First and last month a policy is in force (both inclusive); absent = from the start / to the
/// end of the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Window {
    /// First month in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<YearMonth>,
    /// Last month in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<YearMonth>,
}

/// One set of policies, simulated side by side with the others on the same random numbers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicySet {
    /// Label shown in results.
    pub name: String,
    /// Adoption mandate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mandate: Option<Mandate>,
    /// Internal leaderboard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaderboard: Option<Leaderboard>,
    /// Per-run cost cap on agent runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_cap: Option<RunCap>,
    /// Per-user daily and monthly budgets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_budget: Option<UserBudget>,
    /// Agent runs must attach to a ticket with an owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_rule: Option<Window>,
    /// Showback or chargeback of token costs to cost centres.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accountability: Option<Accountability>,
    /// An annual budget to track spend against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_budget: Option<AnnualBudget>,
    /// A seat or credit plan instead of pay-as-you-go API billing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanChoice>,
}

impl PolicySet {
    /// Whether the lever with this key ([`crate::scenario::LEVERS`]) is on.
    pub fn has_lever(&self, key: &str) -> bool {
        match key {
            "mandate" => self.mandate.is_some(),
            "leaderboard" => self.leaderboard.is_some(),
            "run_cap" => self.run_cap.is_some(),
            "user_budget" => self.user_budget.is_some(),
            "ticket_rule" => self.ticket_rule.is_some(),
            "accountability" => self.accountability.is_some(),
            "annual_budget" => self.annual_budget.is_some(),
            "plan" => self.plan.is_some(),
            _ => false,
        }
    }
}

/// An adoption mandate ("more than 80% of developers weekly").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mandate {
    /// First month in force (default: the scenario's first month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<YearMonth>,
    /// Last month in force, inclusive (default: the horizon's end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<YearMonth>,
    /// Share of developers who will adopt while it is on (market potential); allowed 0–1.
    pub target_share: f64,
    /// Extra innovation push Δp while it is on [1/month]; allowed 0–1.
    pub extra_push: f64,
}

impl Default for Mandate {
    fn default() -> Self {
        Mandate {
            start: None,
            end: None,
            target_share: 0.90,
            extra_push: 0.10,
        }
    }
}

/// What a leaderboard ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// No ranking.
    None,
    /// Raw token spend ("Kirorank"): invites tokenmaxxing.
    RawTokens,
    /// AI-assisted changes that ship: invites splitting changes.
    NormalizedDeployments,
    /// No public ranking, but "uses too little AI" is flagged.
    UsageFloor,
}

/// An internal leaderboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Leaderboard {
    /// First month in force (default: the scenario's first month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<YearMonth>,
    /// Last month in force, inclusive (default: the horizon's end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<YearMonth>,
    /// The ranked metric.
    pub metric: Metric,
    /// Tier cut-offs as quantiles of the last published period; allowed 0–1, ascending.
    pub tiers: Vec<f64>,
    /// How much staff care about the board; allowed 0–1.
    pub salience: f64,
}

impl Default for Leaderboard {
    fn default() -> Self {
        Leaderboard {
            start: None,
            end: None,
            metric: Metric::RawTokens,
            tiers: vec![0.5, 0.75, 0.9, 0.95, 0.99],
            salience: 1.0,
        }
    }
}

/// A cap on the cost of one agent run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunCap {
    /// First month in force (default: the scenario's first month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<YearMonth>,
    /// Last month in force, inclusive (default: the horizon's end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<YearMonth>,
    /// The cap [USD / run]; allowed 0.01–10,000.
    pub usd_per_run: f64,
}

impl Default for RunCap {
    fn default() -> Self {
        RunCap {
            start: None,
            end: None,
            usd_per_run: 5.0,
        }
    }
}

/// Per-user budgets: `cap = min(monthly, daily × active days)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UserBudget {
    /// First month in force (default: the scenario's first month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<YearMonth>,
    /// Last month in force, inclusive (default: the horizon's end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<YearMonth>,
    /// Daily budget [USD / user / day]; allowed 0.01–100,000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daily_usd: Option<f64>,
    /// Monthly budget [USD / user / month]; allowed 0.01–1,000,000.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_usd: Option<f64>,
    /// Share of users granted an exception; allowed 0–1.
    pub exception_share: f64,
    /// An exception multiplies the cap by this; allowed 1–100.
    pub exception_multiplier: f64,
}

impl Default for UserBudget {
    fn default() -> Self {
        UserBudget {
            start: None,
            end: None,
            daily_usd: None,
            monthly_usd: None,
            exception_share: 0.0,
            exception_multiplier: 2.0,
        }
    }
}

/// Showback or chargeback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountabilityKind {
    /// Costs are shown to each cost centre.
    Showback,
    /// Costs are charged to each cost centre's budget.
    Chargeback,
}

/// Showback or chargeback of token costs to cost centres whose owners are accountable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Accountability {
    /// First month in force (default: the scenario's first month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<YearMonth>,
    /// Last month in force, inclusive (default: the horizon's end).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<YearMonth>,
    /// Showback or chargeback.
    pub kind: AccountabilityKind,
    /// Cost centres it applies to (names); empty = all.
    pub cost_centres: Vec<String>,
}

impl Default for Accountability {
    fn default() -> Self {
        Accountability {
            start: None,
            end: None,
            kind: AccountabilityKind::Chargeback,
            cost_centres: Vec::new(),
        }
    }
}

/// An annual budget: spend is added up from `start_month` for twelve months at a time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualBudget {
    /// The budget [USD / year]; allowed above 0.
    pub usd: f64,
    /// First month of the budget year (default: the scenario's first month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_month: Option<YearMonth>,
}

/// Who holds a seat under a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatHolders {
    /// Developers who have adopted the tool.
    Adopters,
    /// Every developer.
    Everyone,
}

/// A seat or credit plan from the price table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanChoice {
    /// Plan id in the price table, e.g. `copilot-business`.
    pub plan: String,
    /// Who holds a seat.
    #[serde(default = "adopters")]
    pub seats: SeatHolders,
}

fn adopters() -> SeatHolders {
    SeatHolders::Adopters
}

/// Implements `window()` for the policies that carry `start` and `end`.
macro_rules! windowed {
    ($($t:ty),*) => {$(
        impl $t {
            /// The months the policy is in force.
            pub fn window(&self) -> Window {
                Window {
                    start: self.start,
                    end: self.end,
                }
            }
        }
    )*};
}

windowed!(Mandate, Leaderboard, RunCap, UserBudget, Accountability);
