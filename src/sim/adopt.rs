//! Adoption phase: churn, the exact Bass step with the push of a mandate or leaderboard, and
//! the month's new adopters taken in the population's adoption order within the market
//! potential (docs/MODEL.md, "Adoption").

use crate::adoption::bass_step;
use crate::population::Population;
use crate::scenario::rules::InForce;
use crate::scenario::Adoption as AdoptionParams;

/// Who has adopted, carried from month to month.
pub(super) struct Adoption {
    /// Month index each developer adopted in, or −1 for not (yet, or any more).
    pub(crate) adopted_at: Vec<i32>,
    /// Number of current adopters (weighted: the developers they stand for).
    adopted: f64,
    /// Adopted fraction of the market potential, `F` [fraction].
    f: f64,
}

impl Adoption {
    /// Nobody adopted, for `n` developers.
    pub fn new(n: usize) -> Adoption {
        Adoption {
            adopted_at: vec![-1; n],
            adopted: 0.0,
            f: 0.0,
        }
    }

    /// Steps month `t`: churn (developer `i` leaves when `churn[i]` is below the churn rate),
    /// then `F` by one month with the push of the rules in force, then new adopters up to
    /// `round(market · F · n)` (in a sample, while the next one's weight is at most half over).
    pub fn month(
        &mut self,
        a: &AdoptionParams,
        rules: &InForce,
        pop: &Population,
        t: u32,
        churn: &[f64],
    ) {
        let n = pop.represented;
        let push =
            rules.mandate.map_or(0.0, |m| m.push) + rules.leaderboard.map_or(0.0, |_| a.board_push);
        let market = rules.mandate.map_or(a.market_potential, |m| m.target);
        if a.churn > 0.0 {
            let draws = self.adopted_at.iter_mut().zip(churn).zip(&pop.weight);
            for ((since, &u), &weight) in draws {
                if *since >= 0 && u < a.churn {
                    *since = -1;
                    self.adopted -= weight;
                }
            }
        }
        self.f = bass_step(self.f, a.p + push, a.q, 1.0);
        let target = (market * self.f * n).round();
        for &i in &pop.adoption_order {
            if self.adopted >= target {
                break;
            }
            let i = i as usize;
            if self.adopted_at[i] < 0 && pop.market[i] < market {
                if self.adopted + pop.weight[i] / 2.0 > target {
                    break;
                }
                self.adopted_at[i] = t as i32;
                self.adopted += pop.weight[i];
            }
        }
    }
}
