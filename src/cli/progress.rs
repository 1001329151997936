//! The progress bar of a long `burnrate simulate` run (draws done) or `burnrate solve` question
//! (runs done) and the time left, on stderr, drawn only when stderr is a terminal; the caller
//! clears it when the work ends.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;

/// Work [developer-months × draws × policy sets simulated] above which a run shows its progress:
/// about a second on one core.
pub(super) const SHOWN_ABOVE_WORK: u64 = 30_000_000;

/// A bar over `len` steps named `unit` ("draws", "runs"), hidden when `work` is below
/// [`SHOWN_ABOVE_WORK`] or stderr is not a terminal.
pub(super) fn bar(len: u64, unit: &str, work: u64) -> ProgressBar {
    let target = if work > SHOWN_ABOVE_WORK {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let style = ProgressStyle::with_template(&format!(
        "{{spinner}} {{bar:30}} {{pos}}/{{len}} {unit}, {{elapsed}} elapsed, about {{eta}} left"
    ))
    .expect("a valid template");
    let bar = ProgressBar::with_draw_target(Some(len), target).with_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
