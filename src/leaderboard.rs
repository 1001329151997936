//! Leaderboards and how staff game them.
//!
//! Raw-token board: each player's un-gamed score `S⁰` is their productive spend. Tier cut-offs
//! `H_k` are last period's *published* quantiles of the gamed scores, so chasing them ratchets
//! them up (escalation). A player below cut-off `H*` needs `need = H*(1 + ε) − S⁰`, reachable if
//! `need ≤ Gcap` (budget headroom, else a ceiling times the median score). The hazard of gaming is
//! U-shaped in rank plus contagion:
//!
//! ```text
//! λ = θ·s·( w_top·exp(−(need/H*/h)²)·[reachable] + w_bot·[below floor] + w_soc·g_{t−1} )
//!     ·(1 − η_ticket)·(1 − c_waste)
//! P(game) = 1 − exp(−λ),   G = min(Gcap, max(need·[reachable], pad·S⁰))
//! ```
//!
//! Normalized-deployments board: rank by shipped changes; gamers split work into more, smaller
//! deployments (`reported = true·(1 + split)`, `split ~ U(0, split_max)`) with a small token
//! overhead. Usage-floor-only: just the bottom term; gamers pad up to the floor.

use crate::scenario::rules::Leaderboard;
use crate::scenario::{Gaming, Metric};
use crate::stats::quantile_sorted;

/// One eligible player's inputs for a board month.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Player {
    /// Productive spend this month [USD]: the raw-token and usage-floor score.
    pub(crate) score: f64,
    /// Shipped changes this month before gaming: the deployments-board score.
    pub output: f64,
    /// Gaming propensity θ.
    pub(crate) propensity: f64,
    /// The most the player can add [USD] (budget headroom), or ∞ for the ceiling.
    pub(crate) headroom: f64,
    /// `(1 − η_ticket)·(1 − c_waste)` for this player's rules.
    pub(crate) restraint: f64,
    /// Uniform draw deciding whether they game.
    pub(crate) u_game: f64,
    /// Uniform draw setting how much they split deployments.
    pub(crate) u_split: f64,
}

/// What a player did.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Play {
    /// Whether they gamed.
    pub(crate) gamed: bool,
    /// Extra spend on gaming [USD].
    pub(crate) extra_spend: f64,
    /// Share by which their reported deployments exceed the true ones.
    pub split: f64,
}

/// A board's memory between months.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct BoardState {
    /// Last period's published cut-offs, if the board was on last month.
    pub published: Option<Vec<f64>>,
    /// Last month's share of players who gamed.
    pub gamer_share: f64,
}

impl BoardState {
    /// The board is off: gaming and cut-offs reset.
    pub(crate) fn reset(&mut self) {
        self.published = None;
        self.gamer_share = 0.0;
    }

    /// Plays one month of `board`: fills `plays` (one per player) and updates the published
    /// cut-offs and gamer share. `scratch` is reused between calls.
    pub fn month(
        &mut self,
        board: &Leaderboard,
        g: &Gaming,
        players: &[Player],
        plays: &mut Vec<Play>,
        scratch: &mut Vec<f64>,
    ) {
        let (metric, tiers, salience) = (board.metric, &board.tiers[..], board.salience);
        plays.clear();
        plays.resize(players.len(), Play::default());
        if players.is_empty() || metric == Metric::None {
            self.reset();
            return;
        }
        let ranked = |scratch: &mut Vec<f64>, key: fn(&Player) -> f64| {
            scratch.clear();
            scratch.extend(players.iter().map(key));
            scratch.sort_unstable_by(f64::total_cmp);
        };
        let social = g.weight_social * self.gamer_share;
        let hazard = |p: &Player, pull: f64| {
            let lambda = p.propensity * salience * (pull + social) * p.restraint;
            1.0 - libm::exp(-lambda.max(0.0))
        };
        match metric {
            Metric::RawTokens | Metric::UsageFloor => {
                ranked(scratch, |p| p.score);
                let floor = quantile_sorted(scratch, g.floor_percentile);
                let ceiling = g.ceiling * quantile_sorted(scratch, 0.5);
                let cutoffs: Vec<f64> = match &self.published {
                    Some(c) => c.clone(),
                    None => tiers.iter().map(|&q| quantile_sorted(scratch, q)).collect(),
                };
                for (p, play) in players.iter().zip(plays.iter_mut()) {
                    let cap = p.headroom.min(ceiling).max(0.0);
                    let below = if p.score < floor {
                        g.weight_bottom
                    } else {
                        0.0
                    };
                    let (pull, target) = if metric == Metric::UsageFloor {
                        (below, (floor * (1.0 + g.escalation) - p.score).max(0.0))
                    } else {
                        match cutoffs.iter().copied().find(|&h| h > p.score) {
                            Some(h) => {
                                let need = h * (1.0 + g.escalation) - p.score;
                                if need <= cap {
                                    let x = need / h / g.reach_width;
                                    (g.weight_top * libm::exp(-x * x) + below, need)
                                } else {
                                    (below, 0.0)
                                }
                            }
                            None => (below, 0.0),
                        }
                    };
                    if p.u_game < hazard(p, pull) {
                        let padded = if metric == Metric::UsageFloor {
                            target
                        } else {
                            target.max(g.padding * p.score)
                        };
                        *play = Play {
                            gamed: true,
                            extra_spend: padded.min(cap),
                            split: 0.0,
                        };
                    }
                }
                if metric == Metric::RawTokens {
                    scratch.clear();
                    scratch.extend(
                        players
                            .iter()
                            .zip(plays.iter())
                            .map(|(p, g)| p.score + g.extra_spend),
                    );
                    scratch.sort_unstable_by(f64::total_cmp);
                    self.published =
                        Some(tiers.iter().map(|&q| quantile_sorted(scratch, q)).collect());
                } else {
                    self.published = None;
                }
            }
            Metric::NormalizedDeployments => {
                ranked(scratch, |p| p.output);
                let n = scratch.len() as f64;
                for (p, play) in players.iter().zip(plays.iter_mut()) {
                    let rank = scratch.partition_point(|&y| y < p.output) as f64;
                    let pct = (rank + 0.5) / n;
                    let x = (pct - 0.9) / 0.1;
                    let mut pull = g.weight_top * libm::exp(-x * x);
                    if pct < g.floor_percentile {
                        pull += g.weight_bottom;
                    }
                    if p.u_game < hazard(p, pull) {
                        let split = g.split_max * p.u_split;
                        let overhead =
                            (p.score * g.split_overhead * p.u_split).min(p.headroom.max(0.0));
                        *play = Play {
                            gamed: true,
                            extra_spend: overhead,
                            split,
                        };
                    }
                }
                self.published = None;
            }
            Metric::None => unreachable!("handled above"),
        }
        self.gamer_share = plays.iter().filter(|p| p.gamed).count() as f64 / players.len() as f64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Span;

    fn players(n: usize, u_game: f64) -> Vec<Player> {
        (0..n)
            .map(|i| Player {
                score: 10.0 * (i + 1) as f64,
                output: (i + 1) as f64,
                propensity: 0.5,
                headroom: f64::INFINITY,
                restraint: 1.0,
                u_game,
                u_split: 0.5,
            })
            .collect()
    }

    fn play(metric: Metric, ps: &[Player], state: &mut BoardState) -> Vec<Play> {
        let mut plays = Vec::new();
        let board = Leaderboard {
            window: Span { first: 0, last: 0 },
            metric,
            tiers: vec![0.5, 0.75, 0.9, 0.95, 0.99],
            salience: 1.0,
        };
        state.month(&board, &Gaming::default(), ps, &mut plays, &mut Vec::new());
        plays
    }

    #[test]
    fn nobody_games_when_every_draw_is_above_the_hazard() {
        let ps = players(100, 1.0);
        let plays = play(Metric::RawTokens, &ps, &mut BoardState::default());
        assert!(plays.iter().all(|p| !p.gamed && p.extra_spend == 0.0));
    }

    #[test]
    fn chasing_the_cut_offs_ratchets_them_up() {
        let ps = players(200, 0.0);
        let mut state = BoardState::default();
        play(Metric::RawTokens, &ps, &mut state);
        let first = state.published.clone().unwrap();
        play(Metric::RawTokens, &ps, &mut state);
        let second = state.published.clone().unwrap();
        assert!(second[0] > first[0], "{first:?} → {second:?}");
        assert_eq!(state.gamer_share, 1.0);
        state.reset();
        assert_eq!(state.published, None);
    }

    #[test]
    fn budget_headroom_bounds_gaming() {
        let mut ps = players(100, 0.0);
        for p in &mut ps {
            p.headroom = 5.0;
        }
        let plays = play(Metric::RawTokens, &ps, &mut BoardState::default());
        assert!(plays.iter().all(|p| p.extra_spend <= 5.0));
    }

    #[test]
    fn deployment_gamers_split_changes_with_little_token_overhead() {
        let ps = players(100, 0.0);
        let plays = play(
            Metric::NormalizedDeployments,
            &ps,
            &mut BoardState::default(),
        );
        let gamers = plays.iter().filter(|g| g.gamed).count();
        assert!(gamers > 20, "near the top and below the floor: {gamers}");
        for (p, g) in ps.iter().zip(&plays).filter(|(_, g)| g.gamed) {
            assert!((g.split - 0.2).abs() < 1e-12);
            assert!(g.extra_spend <= 0.05 * p.score);
        }
    }
}
