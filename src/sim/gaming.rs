//! Gaming phase: the leaderboard in force ranks its players ([`crate::leaderboard`]); gamers
//! spend extra tokens, split changes, and lose part of their gain to the effort
//! (docs/MODEL.md, "Leaderboards and gaming").

use super::engine::Scratch;
use super::output;
use crate::leaderboard::BoardState;
use crate::scenario::rules::Leaderboard;
use crate::scenario::Params;

/// Plays the month of `board` (or resets the board's memory when none is in force) for the
/// players gathered in `s`, and records each gamer's extra spend, split and output.
pub(super) fn month(
    board: Option<&Leaderboard>,
    state: &mut BoardState,
    p: &Params,
    baseline: &[f64],
    s: &mut Scratch,
) {
    let Some(board) = board else {
        state.reset();
        return;
    };
    state.month(
        board,
        &p.gaming,
        &s.players,
        &mut s.plays,
        &mut s.order_keys,
    );
    for (play, &i) in s.plays.iter().zip(&s.player_index) {
        let i = i as usize;
        if play.gamed {
            s.gamed[i] = true;
            s.extra[i] = play.extra_spend;
            s.split[i] = play.split;
            s.output[i] = output::gamed(s.output[i], baseline[i], &p.output);
        }
    }
}
