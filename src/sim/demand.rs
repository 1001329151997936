//! Demand phase: each adopter's productive use of the month before any control — learning
//! ramp, the team's price in force, showback / chargeback and ticket friction, and the share
//! that never ships (docs/MODEL.md, "Demand" and "Policies").

use crate::scenario::rules::InForce;
use crate::scenario::{AccountabilityKind, Effects};

/// The month's policy effects on demand, by cost centre.
pub(super) struct Levers {
    /// Ticket-rule friction on productive use [fraction].
    friction: f64,
    /// Ticket-rule cut of unshipped work [fraction].
    orphan_cut: f64,
    /// Ticket-rule cut of gaming [fraction].
    game_cut: f64,
    /// Showback / chargeback cut of productive use, by cost centre [fraction].
    productive_cut: Vec<f64>,
    /// Showback / chargeback cut of waste, by cost centre [fraction].
    waste_cut: Vec<f64>,
    /// `((1 − productive cut)·(1 − friction))^β`, by cost centre.
    factor_pow: Vec<f64>,
}

impl Levers {
    /// The effects of the rules in force for `centres` cost centres, with output elasticity
    /// `elasticity`.
    pub fn new(e: &Effects, elasticity: f64, rules: &InForce, centres: usize) -> Levers {
        let (friction, orphan_cut, game_cut) = if rules.ticket_rule {
            (e.ticket_friction, e.ticket_orphan, e.ticket_game)
        } else {
            (0.0, 0.0, 0.0)
        };
        let mut productive_cut = vec![0.0; centres];
        let mut waste_cut = vec![0.0; centres];
        if let Some(a) = rules.accountability {
            let (cp, cw) = match a.kind {
                AccountabilityKind::Showback => (e.showback_productive, e.showback_waste),
                AccountabilityKind::Chargeback => (e.chargeback_productive, e.chargeback_waste),
            };
            for cc in 0..centres {
                if a.cost_centres[cc] {
                    productive_cut[cc] = cp;
                    waste_cut[cc] = cw;
                }
            }
        }
        let factor_pow = productive_cut
            .iter()
            .map(|c| libm::pow((1.0 - c) * (1.0 - friction), elasticity))
            .collect();
        Levers {
            friction,
            orphan_cut,
            game_cut,
            productive_cut,
            waste_cut,
            factor_pow,
        }
    }

    /// How much a gamer in cost centre `cc` holds back under the ticket rule and showback /
    /// chargeback [fraction kept of the gaming impulse].
    pub(crate) fn restraint(&self, cc: usize) -> f64 {
        (1.0 - self.game_cut) * (1.0 - self.waste_cut[cc])
    }
}

/// One adopter's use of the month, as each phase leaves it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Use {
    /// Productive use of changes that ship [USD].
    pub shipped: f64,
    /// Productive use of work that never ships [USD].
    pub unshipped: f64,
    /// Use on runs a per-run cap killed [USD].
    pub(crate) killed: f64,
    /// Demand blocked by controls [USD].
    pub(crate) suppressed: f64,
    /// Everything used before gaming [USD].
    pub(crate) productive: f64,
    /// `(use ratio)^β` of the output uplift.
    pub(crate) ratio_pow: f64,
    /// Share of output kept when capped runs are killed [fraction].
    pub(crate) output_kept: f64,
    /// Budget left under a per-user budget [USD]; +∞ without one.
    pub(crate) headroom: f64,
    /// Whether a per-user budget held the adopter back.
    pub capped: bool,
}

/// What drives one adopter's demand this month.
pub(super) struct Driver {
    /// Demand at full ramp [tokens / month].
    pub tokens: f64,
    /// `(tokens / median demand)^β`.
    pub(crate) tokens_pow: f64,
    /// Whether the adopter runs agents (whose work may go unshipped).
    pub agentic: bool,
    /// Learning ramp [fraction of full use].
    pub(crate) ramp: f64,
    /// The ramp to the power β.
    pub(crate) ramp_pow: f64,
    /// The team's price of one token this month [USD / token].
    pub(crate) usd_per_token: f64,
}

/// An adopter of cost centre `cc`: use = tokens · ramp · price · (1 − productive cut) ·
/// (1 − friction), of which agentic users leave `unshipped_share` unshipped (less the ticket
/// rule's and accountability's cuts).
pub(super) fn adopter(d: &Driver, levers: &Levers, cc: usize, unshipped_share: f64) -> Use {
    let keep = (1.0 - levers.productive_cut[cc]) * (1.0 - levers.friction);
    let demand = d.tokens * d.ramp * d.usd_per_token * keep;
    let (shipped, unshipped) = if d.agentic {
        (
            demand * (1.0 - unshipped_share),
            demand * unshipped_share * (1.0 - levers.orphan_cut) * (1.0 - levers.waste_cut[cc]),
        )
    } else {
        (demand, 0.0)
    };
    Use {
        shipped,
        unshipped,
        killed: 0.0,
        suppressed: 0.0,
        productive: shipped + unshipped,
        ratio_pow: d.tokens_pow * d.ramp_pow * levers.factor_pow[cc],
        output_kept: 1.0,
        headroom: f64::INFINITY,
        capped: false,
    }
}
