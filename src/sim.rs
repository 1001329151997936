//! The monthly simulation of one scenario: who has adopted, how much they use, what it costs.
//!
//! Each month: step Bass adoption exactly, let the next eligible developers (in the
//! population's adoption order) adopt until the adopted share reaches `M_t·F_t`, apply each
//! adopter's learning ramp to their demand, and price the tokens on the model mix.

use crate::adoption::{bass_step, learning_ramp};
use crate::calendar::YearMonth;
use crate::population::Population;
use crate::scenario::ValidScenario;
use crate::units::{Tokens, Usd};
use serde::Serialize;

/// What happened in one simulated month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthOutcome {
    /// The calendar month.
    pub month: YearMonth,
    /// Developers who have adopted by the end of the month.
    pub adopted: u32,
    /// `adopted / developers` [fraction].
    pub adopted_share: f64,
    /// Whether the mandate was in force.
    pub mandate_on: bool,
    /// Tokens used by all adopters [tokens].
    pub tokens: Tokens,
    /// Token spend on the model mix [USD].
    pub spend: Usd,
    /// Token spend by model, in the order of [`Outcome::models`] [USD].
    pub spend_by_model: Vec<Usd>,
}

/// The result of simulating a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Model ids of the mix, in scenario order.
    pub models: Vec<String>,
    /// Month by month.
    pub months: Vec<MonthOutcome>,
    /// Each developer's spend over the whole horizon [USD].
    pub spend_per_developer: Vec<Usd>,
}

/// Simulates a validated scenario. Deterministic: the same scenario (and seed) gives the same
/// numbers on every platform.
pub fn simulate(v: &ValidScenario) -> Outcome {
    let s = &v.scenario;
    let n = s.developers;
    let pop = Population::draw(n, v.mean_tokens_per_developer(), s.usage.sigma, s.seed);
    let mut adopted_in: Vec<Option<u32>> = vec![None; n as usize];
    let mut adopted = 0u32;
    let mut f = 0.0;
    let mut spend_per_developer = vec![Usd(0.0); n as usize];
    let mut months = Vec::with_capacity(s.months as usize);
    for t in 0..s.months {
        let mandate_on = s.mandate.enabled && t >= s.mandate.start_offset;
        let (p, market) = if mandate_on {
            (s.adoption.p + s.mandate.extra_p, s.mandate.market_potential)
        } else {
            (s.adoption.p, s.adoption.market_potential)
        };
        f = bass_step(f, p, s.adoption.q, 1.0);
        let target = (market * f * n as f64).round() as u32;
        let mut need = target.saturating_sub(adopted);
        for &i in &pop.adoption_order {
            if need == 0 {
                break;
            }
            let i = i as usize;
            if adopted_in[i].is_none() && pop.developers[i].market_draw < market {
                adopted_in[i] = Some(t);
                adopted += 1;
                need -= 1;
            }
        }
        let blend = v.mix_blend[t as usize];
        let mut tokens = 0.0;
        for (i, dev) in pop.developers.iter().enumerate() {
            if let Some(t0) = adopted_in[i] {
                let used = dev.demand
                    * learning_ramp(t - t0, s.adoption.ramp_floor, s.adoption.ramp_months);
                tokens += used;
                spend_per_developer[i] += Tokens(used) * blend;
            }
        }
        let tokens = Tokens(tokens);
        months.push(MonthOutcome {
            month: s.start_month.plus(t),
            adopted,
            adopted_share: adopted as f64 / n as f64,
            mandate_on,
            tokens,
            spend: tokens * blend,
            spend_by_model: v
                .mix
                .iter()
                .map(|m| Tokens(tokens.0 * m.share) * m.blended[t as usize])
                .collect(),
        });
    }
    Outcome {
        models: v.mix.iter().map(|m| m.model.clone()).collect(),
        months,
        spend_per_developer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adoption::bass_closed_form;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;

    fn run(s: &Scenario) -> Outcome {
        simulate(&s.validate(&Catalogue::builtin()).unwrap())
    }

    #[test]
    fn adoption_follows_bass_closed_form_without_mandate() {
        let s = Scenario {
            developers: 10_000,
            ..Scenario::default()
        };
        let out = run(&s);
        for (t, m) in out.months.iter().enumerate() {
            let exact = s.adoption.market_potential
                * bass_closed_form(s.adoption.p, s.adoption.q, (t + 1) as f64);
            assert!(
                (m.adopted_share - exact).abs() <= 0.5 / 10_000.0 + 1e-12,
                "month {t}: {} vs {exact}",
                m.adopted_share
            );
        }
    }

    #[test]
    fn a_mandate_raises_adoption_and_spend() {
        let base = run(&Scenario::default());
        let mut s = Scenario::default();
        s.mandate.enabled = true;
        let mandated = run(&s);
        let last = |o: &Outcome| o.months.last().unwrap().clone();
        assert!(last(&mandated).adopted_share > 0.85);
        assert!(last(&base).adopted_share < 0.72);
        let total = |o: &Outcome| o.months.iter().map(|m| m.spend).sum::<Usd>();
        assert!(total(&mandated).0 > total(&base).0 * 1.2);
    }

    #[test]
    fn steady_state_spend_per_active_developer_is_in_the_published_band() {
        let s = Scenario {
            developers: 20_000,
            ..Scenario::default()
        };
        let out = run(&s);
        let last = out.months.last().unwrap();
        let per_active = last.spend.0 / last.adopted as f64;
        assert!((150.0..=250.0).contains(&per_active), "{per_active}");
    }

    #[test]
    fn spend_by_model_adds_up_to_spend() {
        let out = run(&Scenario::default());
        for m in &out.months {
            let sum: Usd = m.spend_by_model.iter().copied().sum();
            assert!((sum.0 - m.spend.0).abs() <= 1e-9 * m.spend.0.max(1.0));
        }
        let per_dev: Usd = out.spend_per_developer.iter().copied().sum();
        let monthly: Usd = out.months.iter().map(|m| m.spend).sum();
        assert!((per_dev.0 - monthly.0).abs() <= 1e-9 * monthly.0);
    }
}
