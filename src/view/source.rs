//! The session state the view reads, in one place: when the session's layout changes, only
//! these accessors follow it.

use crate::pricing::PriceChange;
use crate::report::Report;
use crate::runner::Task;
use crate::scenario::ValidScenario;
use crate::sensitivity::Tornado;
use crate::session::{
    notice_message, pricing_error_message, pricing_notice_message, ImportedTable, RunProgress,
    Session,
};
use std::rc::Rc;

/// The latest report, if any.
pub(super) fn report(s: &Session) -> Option<&Rc<Report>> {
    s.results.report.as_ref()
}

/// Whether the report is from the first draws of a run still going or cancelled.
pub(super) fn preliminary(s: &Session) -> bool {
    s.results.preliminary
}

/// What the run under way computes, if one is.
pub(super) fn running(s: &Session) -> Option<Task> {
    s.run.pending.as_ref().map(|r| r.task)
}

/// Work done by the run under way, once its first step is timed.
pub(super) fn progress(s: &Session) -> Option<RunProgress> {
    s.run.progress
}

/// The scenario of the run under way.
pub(super) fn running_scenario(s: &Session) -> Option<&ValidScenario> {
    s.run.pending.as_ref().map(|r| r.valid.as_ref())
}

/// The scenario of the run held back because it would take long.
pub(super) fn held(s: &Session) -> Option<&ValidScenario> {
    s.run.held.as_ref().map(|r| r.valid.as_ref())
}

/// Whether the report shown is of inputs since changed.
pub(super) fn stale(s: &Session) -> bool {
    s.results.stale && s.results.report.is_some()
}

/// The sensitivity analysis and the policy set it is for, once computed.
pub(super) fn tornado(s: &Session) -> Option<&(usize, Rc<Tornado>)> {
    s.results.tornado.as_ref()
}

/// What happened to the scenario on opening or importing it.
pub(super) fn scenario_notice(s: &Session) -> Option<String> {
    s.notice.as_ref().map(notice_message)
}

/// What happened to the served price table.
pub(super) fn pricing_notice(s: &Session) -> Option<String> {
    s.prices.notice.as_ref().map(pricing_notice_message)
}

/// Models in the price table in use and in the base table.
pub(super) fn model_counts(s: &Session) -> (usize, usize) {
    (
        s.prices.catalogue.models().len(),
        s.prices.base.models().len(),
    )
}

/// The imported price table, if any.
pub(super) fn import(s: &Session) -> Option<&ImportedTable> {
    s.prices.import.as_ref()
}

/// Why the last price import was refused.
pub(super) fn pricing_error(s: &Session) -> Option<String> {
    s.prices.error.as_ref().map(pricing_error_message)
}

/// Prices that differ from the base table.
pub(super) fn price_changes(s: &Session) -> &[PriceChange] {
    &s.prices.changes
}
