//! The page's status texts: run progress, preliminary results, notices, the footer, and the
//! messages the shell shows when keeping, exporting or copying fails.

use super::source;
use crate::runner::Task;
use crate::scenario::ValidScenario;
use crate::session::{Run, RunProgress, Session};
use crate::units::format_count;

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

/// The progress of the run under way, if any: from the moment it starts, with how long it
/// should take; then steps done and the time left at the pace so far.
pub fn progress(s: &Session) -> Option<Progress> {
    let task = source::running(s)?;
    match source::progress(s) {
        Some(p) => Some(progress_of(task, p)),
        None => Some(starting(task, source::running_scenario(s)?, &s.run)),
    }
}

fn progress_of(task: Task, p: RunProgress) -> Progress {
    let left = p
        .seconds_left()
        .map(|t| format!(", about {} left", duration(t)))
        .unwrap_or_default();
    let (done, total) = (p.done, p.total);
    let text = match task {
        Task::Report => format!("Simulating: {done} of {total} draws{left}"),
        Task::Sensitivity(_) => format!("Sensitivity: {done} of {total} runs{left}"),
    };
    Progress { text, done, total }
}

/// A run that has not yet finished its first step: its size and how long it should take.
fn starting(task: Task, valid: &ValidScenario, run: &Run) -> Progress {
    let text = match task {
        Task::Report => format!(
            "Simulating {}: about {}",
            size(valid),
            duration(run.estimated_seconds(valid))
        ),
        Task::Sensitivity(_) => "Sensitivity: starting".to_string(),
    };
    let total = match task {
        Task::Report => valid.scenario.uncertainty.draws,
        Task::Sensitivity(_) => 1,
    };
    Progress {
        text,
        done: 0,
        total,
    }
}

/// A run's size in words: developers × months × draws × policy sets.
fn size(valid: &ValidScenario) -> String {
    let s = &valid.scenario;
    let sets = s.policies.len();
    let developers = s.developers();
    let simulated = crate::sampling::Sampling::for_organisation(developers).simulated(developers);
    let sample = if simulated < developers {
        format!(" (a sample of about {})", format_count(simulated as f64))
    } else {
        String::new()
    };
    format!(
        "{} developers{sample} × {} months × {} draws × {sets} policy set{}",
        format_count(developers as f64),
        s.months,
        format_count(f64::from(s.uncertainty.draws)),
        if sets == 1 { "" } else { "s" }
    )
}

/// A duration in words, to the precision a wait is felt: "under a second", "40 s",
/// "3 min 20 s", "1 h 5 min".
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 1.0 {
        return "under a second".into();
    }
    let s = seconds.round() as u64;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 if s.is_multiple_of(60) => format!("{} min", s / 60),
        60..=3599 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

/// What the page says of a run held back because it would take long, if one is.
pub fn held(s: &Session) -> Option<String> {
    let valid = source::held(s)?;
    Some(format!(
        "This run is large: {}, about {} in this browser. It starts when you ask; the figures \
         below are for the previous inputs until then.",
        size(valid),
        duration(s.run.estimated_seconds(valid))
    ))
}

/// The button that starts a held run.
pub const RUN_HELD: &str = "Run it";

/// What the page says over figures of inputs since changed, if they are.
pub fn stale(s: &Session) -> Option<&'static str> {
    source::stale(s).then_some(
        "These figures are for the previous inputs: the new run replaces them with its first draws.",
    )
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

/// Why an export failed: `why` as one sentence, whether or not it ends in a full stop.
pub fn export_failed(why: &str) -> String {
    format!("Export failed: {}.", why.trim_end().trim_end_matches('.'))
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

    fn timed(done: u32, total: u32, elapsed_ms: f64) -> RunProgress {
        RunProgress {
            done,
            total,
            elapsed_ms,
        }
    }

    #[test]
    fn a_run_shows_its_progress_and_failures_are_worded() {
        let p = progress_of(Task::Report, timed(20, 400, 0.0));
        assert_eq!(p.text, "Simulating: 20 of 400 draws");
        assert_eq!((p.done, p.total), (20, 400));
        let p = progress_of(Task::Report, timed(20, 400, 2_000.0));
        assert_eq!(p.text, "Simulating: 20 of 400 draws, about 38 s left");
        let p = progress_of(Task::Sensitivity(1), timed(3, 9, 0.0));
        assert_eq!(p.text, "Sensitivity: 3 of 9 runs");
        assert_eq!(copy_status(true), "Copied.");
        assert_eq!(duration(0.4), "under a second");
        assert_eq!(duration(f64::NAN), "under a second");
        assert_eq!(duration(59.4), "59 s");
        assert_eq!(duration(120.0), "2 min");
        assert_eq!(duration(200.0), "3 min 20 s");
        assert_eq!(duration(3_900.0), "1 h 5 min");
        assert_eq!(
            export_failed(NO_RESULTS),
            "Export failed: there are no valid results to export yet."
        );
        assert_eq!(
            export_failed("This stopped; reload the page and try again."),
            "Export failed: This stopped; reload the page and try again."
        );
    }

    #[test]
    fn a_run_says_how_long_it_takes_from_the_moment_it_starts() {
        let s = Session::new(Scenario::default());
        let p = progress(&s).expect("the first run shows at once");
        assert_eq!(
            p.text,
            "Simulating 2,000 developers × 24 months × 200 draws × 4 policy sets: about 3 s"
        );
        assert_eq!((p.done, p.total), (0, 200));
        assert_eq!(stale(&s), None, "no figures yet, none stale");
        let pooled = progress(&Session::on_pool(Scenario::default(), 2)).unwrap();
        assert_eq!(
            pooled.text,
            "Simulating 2,000 developers × 24 months × 200 draws × 4 policy sets: about 1 s",
            "two workers, the larger share of the draws each"
        );
    }

    #[test]
    fn a_large_run_is_held_on_one_worker_and_not_on_a_pool_that_brings_it_under_a_minute() {
        let mut big = Scenario::default();
        big.scale_developers(100_000);
        let alone = Session::new(big.clone());
        assert!(alone.run.pending.is_none());
        assert!(held(&alone).is_some_and(|t| t.contains("100,000 developers")));
        let pooled = Session::on_pool(big, 4);
        assert!(pooled.run.pending.is_some() && pooled.run.held.is_none());
        assert_eq!(held(&pooled), None);
    }

    #[test]
    fn figures_of_changed_inputs_are_marked_until_the_new_run_reports() {
        let s = session();
        assert_eq!(stale(&s), None);
        let edited = s.apply(crate::session::Action::Edit(
            crate::session::EditAction::Set {
                path: crate::scenario::FieldPath::parse("months").unwrap(),
                text: "12".into(),
            },
        ));
        assert!(stale(&edited).is_some_and(|t| t.contains("previous inputs")));
        assert_eq!(stale(&edited.settled()), None);
    }

    #[test]
    fn a_run_that_would_take_over_a_minute_waits_to_be_asked_for() {
        let s = session();
        let report = source::report(&s).cloned();
        let big = s.apply(crate::session::Action::Edit(
            crate::session::EditAction::Set {
                path: crate::scenario::FieldPath::parse("uncertainty.draws").unwrap(),
                text: "1000".into(),
            },
        ));
        let big = big.apply(crate::session::Action::Edit(
            crate::session::EditAction::Set {
                path: crate::scenario::FieldPath::parse("developers").unwrap(),
                text: "20000".into(),
            },
        ));
        assert!(!busy(&big), "nothing runs yet");
        let said = held(&big).expect("the page says why");
        assert!(said.starts_with("This run is large: 20,000 developers × 24 months × 1,000 draws × 4 policy sets, about "), "{said}");
        assert!(said.contains(" min"), "{said}");
        assert!(
            !said.contains("sample"),
            "20,000 developers are simulated whole"
        );
        // A million developers are simulated as a sample of 50,000: timed as that, within
        // the work one run may ask for (so with fewer draws).
        let edit = |s: &crate::session::Session, path: &str, text: &str| {
            s.apply(crate::session::Action::Edit(
                crate::session::EditAction::Set {
                    path: crate::scenario::FieldPath::parse(path).unwrap(),
                    text: text.into(),
                },
            ))
        };
        let million = edit(
            &edit(&big, "uncertainty.draws", "400"),
            "developers",
            "1000000",
        );
        let said = held(&million).expect("still large");
        assert!(said.starts_with("This run is large: 1,000,000 developers (a sample of about 50,000) × 24 months × 400 draws × 4 policy sets, about 2 min 8 s "), "{said}");
        assert!(stale(&big).is_some());
        assert_eq!(
            source::report(&big).cloned(),
            report,
            "the figures shown stay"
        );
        let confirmed = big.apply(crate::session::Action::Run(
            crate::session::RunAction::Confirm,
        ));
        assert!(busy(&confirmed) && held(&confirmed).is_none());
        let cancelled = confirmed.apply(crate::session::Action::Run(
            crate::session::RunAction::Cancel,
        ));
        assert!(!busy(&cancelled) && held(&cancelled).is_none());
    }
}
