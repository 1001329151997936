//! The page's status texts: run progress, preliminary results, notices, the footer, and the
//! messages the shell shows when keeping, exporting or copying fails.

use super::source;
use crate::runner::Task;
use crate::session::Session;

/// A run under way, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, e.g. `Simulating: 20 of 400 draws`.
    pub text: String,
    /// Steps done.
    pub done: u32,
    /// Steps in all.
    pub total: u32,
}

/// The progress of the run under way, if any.
pub fn progress(s: &Session) -> Option<Progress> {
    progress_of(source::running(s)?, source::progress(s)?)
}

fn progress_of(task: Task, (done, total): (u32, u32)) -> Option<Progress> {
    let text = match task {
        Task::Report => format!("Simulating: {done} of {total} draws"),
        Task::Sensitivity(_) => format!("Sensitivity: {done} of {total} runs"),
    };
    Some(Progress { text, done, total })
}

/// Whether a run is under way.
pub fn busy(s: &Session) -> bool {
    source::running(s).is_some()
}

/// Whether the results shown are final (not from the first draws of a run).
pub fn is_final(s: &Session) -> bool {
    !source::preliminary(s)
}

/// What the page says of preliminary results: how many draws they are from and what happens
/// next.
pub fn preliminary(s: &Session) -> Option<String> {
    let report = source::report(s).filter(|_| source::preliminary(s))?;
    let next = if busy(s) {
        "The full run refines these figures."
    } else {
        "The run was cancelled; change any input to run it again."
    };
    Some(format!(
        "Preliminary: from the first {} draws. {next}",
        report.draws
    ))
}

/// What an embedded view says of preliminary results.
pub fn embed_preliminary(s: &Session) -> Option<String> {
    let report = source::report(s).filter(|_| source::preliminary(s))?;
    Some(format!(
        "Preliminary: from the first {} draws; the full run refines these figures.",
        report.draws
    ))
}

/// Notices about the scenario and the price table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notices {
    /// What happened to the scenario on opening or importing it.
    pub scenario: Option<String>,
    /// What happened to the served price table.
    pub pricing: Option<String>,
}

/// The page's notices.
pub fn notices(s: &Session) -> Notices {
    Notices {
        scenario: source::scenario_notice(s),
        pricing: source::pricing_notice(s),
    }
}

/// The footer: the prices the page uses.
pub fn footer(s: &Session) -> String {
    format!(
        "Prices: {} models, USD per 1M tokens, priced on a cache-aware token mix.",
        source::model_counts(s).0
    )
}

/// Why the autosave failed when the browser's storage refused it.
pub const AUTOSAVE_FAILED: &str = "Autosave failed: this browser's storage is full or blocked. Your scenario is still on screen and in the page's link.";

/// Why there is no autosave in a browser without storage.
pub const AUTOSAVE_UNAVAILABLE: &str =
    "Autosave is not available in this browser; the page's link still holds your scenario.";

/// Why an export failed.
pub fn export_failed(why: &str) -> String {
    format!("Export failed: {why}.")
}

/// Why results cannot be exported yet.
pub const NO_RESULTS: &str = "there are no valid results to export yet";

/// A scenario file that could not be read.
pub fn unreadable_scenario(file: &str) -> String {
    format!("{file} could not be read as text.")
}

/// A price file that could not be read.
pub fn unreadable_prices(file: &str) -> String {
    format!("{file}: the file could not be read as text")
}

/// The status after copying a link: copied, or selected for the user to copy.
pub fn copy_status(copied: bool) -> &'static str {
    if copied {
        "Copied."
    } else {
        "Selected: press Ctrl+C (⌘C) to copy."
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn session() -> Session {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.uncertainty.draws = 4;
        Session::new(s).settled()
    }

    #[test]
    fn a_finished_run_has_no_progress_and_final_results() {
        let s = session();
        assert!(source::report(&s).is_some());
        assert_eq!(progress(&s), None);
        assert!(is_final(&s) && !busy(&s));
        assert_eq!(preliminary(&s), None);
        assert_eq!(embed_preliminary(&s), None);
        assert!(footer(&s).starts_with("Prices: ") && footer(&s).contains(" models, USD per 1M"));
    }

    #[test]
    fn preliminary_results_say_what_comes_next() {
        let mut s = session();
        s.results.preliminary = true;
        assert_eq!(
            preliminary(&s).as_deref(),
            Some("Preliminary: from the first 4 draws. The run was cancelled; change any input to run it again.")
        );
        assert_eq!(
            embed_preliminary(&s).as_deref(),
            Some("Preliminary: from the first 4 draws; the full run refines these figures.")
        );
    }

    #[test]
    fn a_run_shows_its_progress_and_failures_are_worded() {
        let p = progress_of(Task::Report, (20, 400)).unwrap();
        assert_eq!(p.text, "Simulating: 20 of 400 draws");
        assert_eq!((p.done, p.total), (20, 400));
        let p = progress_of(Task::Sensitivity(1), (3, 9)).unwrap();
        assert_eq!(p.text, "Sensitivity: 3 of 9 runs");
        assert_eq!(copy_status(true), "Copied.");
        assert_eq!(
            export_failed(NO_RESULTS),
            "Export failed: there are no valid results to export yet."
        );
    }
}
