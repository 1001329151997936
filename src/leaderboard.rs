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
use crate::sim::weighted;
use crate::stats::{order_key, quantiles_of_keys};

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
    /// Developers the player stands for: 1 unless the population is a weighted sample.
    pub(crate) weight: f64,
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
        scratch: &mut Vec<i64>,
    ) {
        plays.clear();
        plays.resize(players.len(), Play::default());
        if players.is_empty() || board.metric == Metric::None {
            self.reset();
            return;
        }
        let hazard = Hazard {
            salience: board.salience,
            social: g.weight_social * self.gamer_share,
        };
        let weighted = players.iter().any(|p| p.weight != 1.0);
        match board.metric {
            Metric::RawTokens | Metric::UsageFloor => {
                self.chase(board, g, &hazard, players, plays, scratch, weighted);
            }
            Metric::NormalizedDeployments => {
                deployments(g, &hazard, players, plays, weighted);
                self.published = None;
            }
            Metric::None => unreachable!("handled above"),
        }
        self.gamer_share = if weighted {
            let gamers: f64 = (players.iter().zip(plays.iter()))
                .filter(|(_, g)| g.gamed)
                .map(|(p, _)| p.weight)
                .sum();
            gamers / players.iter().map(|p| p.weight).sum::<f64>()
        } else {
            plays.iter().filter(|p| p.gamed).count() as f64 / players.len() as f64
        };
    }

    /// A raw-token or usage-floor month: players chase the next tier (or the floor).
    #[allow(clippy::too_many_arguments)]
    fn chase(
        &mut self,
        board: &Leaderboard,
        g: &Gaming,
        hazard: &Hazard,
        players: &[Player],
        plays: &mut [Play],
        scratch: &mut Vec<i64>,
        weighted: bool,
    ) {
        let (metric, tiers) = (board.metric, &board.tiers[..]);
        // Only the floor, the median and, before the first publication, the tier cut-offs are
        // needed: selected, not sorted.
        let mut qs = vec![g.floor_percentile, 0.5];
        if self.published.is_none() {
            qs.extend_from_slice(tiers);
        }
        let scores = players.iter().map(|p| (p.score, p.weight));
        let at = quantiles(scores, weighted, &qs, scratch);
        let (floor, ceiling) = (at[0], g.ceiling * at[1]);
        let cutoffs: Vec<f64> = match &self.published {
            Some(c) => c.clone(),
            None => at[2..].to_vec(),
        };
        for (p, play) in players.iter().zip(plays.iter_mut()) {
            let cap = p.headroom.min(ceiling).max(0.0);
            let below = if p.score < floor {
                g.weight_bottom
            } else {
                0.0
            };
            let (gamed, target) = if metric == Metric::UsageFloor {
                let target = (floor * (1.0 + g.escalation) - p.score).max(0.0);
                (hazard.games(p, below), target)
            } else {
                match cutoffs.iter().copied().find(|&h| h > p.score) {
                    Some(h) => {
                        let need = h * (1.0 + g.escalation) - p.score;
                        if need <= cap {
                            let x = need / h / g.reach_width;
                            (hazard.games_pulled(p, g.weight_top, x, below), need)
                        } else {
                            (hazard.games(p, below), 0.0)
                        }
                    }
                    None => (hazard.games(p, below), 0.0),
                }
            };
            if gamed {
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
            let gamed = (players.iter().zip(plays.iter()))
                .map(|(p, g)| (p.score + g.extra_spend, p.weight));
            self.published = Some(quantiles(gamed, weighted, tiers, scratch));
        } else {
            self.published = None;
        }
    }
}

/// The `qs` quantiles of `(value, weight)` pairs: selected (the sorted values' quantiles bit for
/// bit), or `weighted` when the players stand for different numbers of developers.
fn quantiles(
    values: impl Iterator<Item = (f64, f64)>,
    weighted: bool,
    qs: &[f64],
    scratch: &mut Vec<i64>,
) -> Vec<f64> {
    if weighted {
        let mut pairs: Vec<(f64, f64)> = values.collect();
        return weighted::quantiles(&mut pairs, qs);
    }
    scratch.clear();
    scratch.extend(values.map(|(v, _)| order_key(v)));
    let mut out = Vec::with_capacity(qs.len());
    quantiles_of_keys(scratch, qs, &mut out);
    out
}

/// Each player's percentile by output, `(rank + ½)/n` with `rank` the number of players below
/// them (read off one sort of the players by output), or the weighted share of players below
/// them plus half their own weight.
fn output_percentiles(players: &[Player], weighted: bool) -> Vec<f64> {
    if weighted {
        let mut pairs: Vec<(f64, f64)> = players.iter().map(|p| (p.output, p.weight)).collect();
        pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let total: f64 = pairs.iter().map(|p| p.1).sum();
        let mut below = Vec::with_capacity(pairs.len());
        let mut cumulative = 0.0;
        for &(_, w) in &pairs {
            below.push(cumulative);
            cumulative += w;
        }
        return players
            .iter()
            .map(|p| {
                let rank = pairs.partition_point(|&(y, _)| y < p.output);
                (below.get(rank).copied().unwrap_or(total) + p.weight / 2.0) / total
            })
            .collect();
    }
    let mut order: Vec<(f64, u32)> = (players.iter().enumerate())
        .map(|(i, p)| (p.output, i as u32))
        .collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let n = order.len() as f64;
    let mut percentiles = vec![0.0; order.len()];
    let mut rank = 0;
    for (k, &(y, i)) in order.iter().enumerate() {
        if k > 0 && order[k - 1].0 < y {
            rank = k;
        }
        percentiles[i as usize] = (rank as f64 + 0.5) / n;
    }
    percentiles
}

/// A normalized-deployments month: players near the top or below the floor split their
/// deployments. Ranks need every player's place, so the outputs are sorted.
fn deployments(
    g: &Gaming,
    hazard: &Hazard,
    players: &[Player],
    plays: &mut [Play],
    weighted: bool,
) {
    let percentiles = output_percentiles(players, weighted);
    for ((p, play), &pct) in players.iter().zip(plays.iter_mut()).zip(&percentiles) {
        let x = (pct - 0.9) / 0.1;
        let bottom = if pct < g.floor_percentile {
            g.weight_bottom
        } else {
            0.0
        };
        if hazard.games_pulled(p, g.weight_top, x, bottom) {
            let split = g.split_max * p.u_split;
            let overhead = (p.score * g.split_overhead * p.u_split).min(p.headroom.max(0.0));
            *play = Play {
                gamed: true,
                extra_spend: overhead,
                split,
            };
        }
    }
}

/// Margin [probability] by which a uniform draw must clear a bound on the hazard for the bound
/// to decide: far above the rounding of `1 − exp(−λ)` (under 2⁻⁵² for λ ≤ 1).
const HAZARD_MARGIN: f64 = 1e-15;

/// The month's hazard of gaming, `1 − exp(−θ·s·(pull + social)·restraint)`, tested against each
/// player's uniform draw without `exp` whenever a bound decides.
struct Hazard {
    salience: f64,
    /// Contagion: `w_soc · g_{t−1}`.
    social: f64,
}

impl Hazard {
    fn lambda(&self, p: &Player, pull: f64) -> f64 {
        (p.propensity * self.salience * (pull + self.social) * p.restraint).max(0.0)
    }

    /// Whether player `p` games under `pull`. `1 − e^{−λ}` lies between `λ − λ²/2` and `λ`;
    /// outside that band, widened by [`HAZARD_MARGIN`], the comparison is decided without
    /// `exp` and with the same outcome as computing it.
    fn games(&self, p: &Player, pull: f64) -> bool {
        let lambda = self.lambda(p, pull);
        if p.u_game >= lambda + HAZARD_MARGIN {
            return false;
        }
        if p.u_game < lambda - 0.5 * lambda * lambda - HAZARD_MARGIN {
            return true;
        }
        p.u_game < 1.0 - libm::exp(-lambda)
    }

    /// [`Hazard::games`] under the pull `w·exp(−x²) + extra`. Every factor is non-negative, so
    /// the hazard grows with the pull: when the draw clears the hazard at `exp(−x²) = 1`, the
    /// player does not game and neither `exp` is computed.
    fn games_pulled(&self, p: &Player, w: f64, x: f64, extra: f64) -> bool {
        let monotone = w >= 0.0
            && self.salience >= 0.0
            && self.social >= 0.0
            && p.propensity >= 0.0
            && p.restraint >= 0.0;
        if monotone && p.u_game >= self.lambda(p, w + extra) + HAZARD_MARGIN {
            return false;
        }
        self.games(p, w * libm::exp(-x * x) + extra)
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
                weight: 1.0,
            })
            .collect()
    }

    #[test]
    fn a_players_percentile_counts_the_players_strictly_below_them() {
        let outputs = [3.0, 1.0, 3.0, 2.0, 1.0, 0.0, -0.0, 5.0];
        let mut ps = players(outputs.len(), 0.5);
        for (p, &y) in ps.iter_mut().zip(&outputs) {
            p.output = y;
        }
        let n = outputs.len() as f64;
        let expected: Vec<f64> = outputs
            .iter()
            .map(|&y| (outputs.iter().filter(|&&z| z < y).count() as f64 + 0.5) / n)
            .collect();
        assert_eq!(output_percentiles(&ps, false), expected);
        // Ties share the lowest rank: both 3s have five players below them, ±0 none.
        assert_eq!(output_percentiles(&ps, false)[0], 5.5 / n);
        assert_eq!(output_percentiles(&ps, false)[6], 0.5 / n);
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
