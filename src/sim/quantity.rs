//! The monthly quantities the engine sums per cost centre and for the organisation, one row of
//! them per month and group.

/// A monthly quantity summed per cost centre (and for the organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Billed spend: API token spend, or seat fees plus overage under a plan, after the
    /// agreement's discounts and commitment [USD].
    Spend,
    /// API-list value of the tokens used [USD].
    TokenSpend,
    /// Seat fees [USD].
    Seats,
    /// Credit overage charges [USD].
    Overage,
    /// Tokens spent on leaderboard gaming [USD].
    WasteGaming,
    /// Tokens spent on work that never ships [USD].
    WasteUnshipped,
    /// Tokens spent on runs killed by a per-run cap and not resumed [USD].
    WasteCapKilled,
    /// Tokens spent on shipped changes that fail and are redone [USD].
    WasteRework,
    /// Useful deployments [changes].
    Useful,
    /// Reported deployments [changes].
    Reported,
    /// Useful deployments without AI [changes].
    Baseline,
    /// Developers [people].
    Headcount,
    /// Developers who have adopted [people].
    Adopters,
    /// Adopters running agents [people].
    Agentic,
    /// Adopters who gamed a leaderboard [people].
    Gamers,
    /// Adopters held back by a per-user budget [people].
    Capped,
    /// Demand blocked by caps, budgets or plans [USD].
    Suppressed,
    /// Spend since the start of the budget year [USD].
    BudgetCumulative,
    /// Token spend of agentic adopters [USD].
    AgenticSpend,
    /// List value of what is billed: token spend at list prices, or a plan's seat fees and
    /// overage at list [USD].
    ListCost,
    /// What is billed after the agreement's discounts, before any commitment true-up [USD].
    EffectiveCost,
    /// Billed above the effective cost to meet a committed spend [USD].
    CommitmentShortfall,
    /// Changes merged by developers, everyone's baseline included, before the organisational
    /// pass-through [changes].
    Individual,
}

/// Number of [`Quantity`] values.
pub(crate) const QUANTITIES: usize = 23;

impl Quantity {
    /// Every quantity, in row order.
    pub const ALL: [Quantity; QUANTITIES] = [
        Quantity::Spend,
        Quantity::TokenSpend,
        Quantity::Seats,
        Quantity::Overage,
        Quantity::WasteGaming,
        Quantity::WasteUnshipped,
        Quantity::WasteCapKilled,
        Quantity::WasteRework,
        Quantity::Useful,
        Quantity::Reported,
        Quantity::Baseline,
        Quantity::Headcount,
        Quantity::Adopters,
        Quantity::Agentic,
        Quantity::Gamers,
        Quantity::Capped,
        Quantity::Suppressed,
        Quantity::BudgetCumulative,
        Quantity::AgenticSpend,
        Quantity::ListCost,
        Quantity::EffectiveCost,
        Quantity::CommitmentShortfall,
        Quantity::Individual,
    ];

    /// Its index in a row.
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// One row of [`Quantity`] sums.
pub type Row = [f64; QUANTITIES];

/// Tokens wasted in a row: gaming + unshipped + cap-killed + rework [USD].
pub fn waste(row: &Row) -> f64 {
    row[Quantity::WasteGaming.index()]
        + row[Quantity::WasteUnshipped.index()]
        + row[Quantity::WasteCapKilled.index()]
        + row[Quantity::WasteRework.index()]
}
