//! The session state the view reads, in one place: when the session's layout changes, only
//! these accessors follow it.

use crate::pricing::PriceChange;
use crate::report::Report;
use crate::runner::Task;
use crate::sensitivity::Tornado;
use crate::session::{
    notice_message, pricing_error_message, pricing_notice_message, ImportedTable, Session,
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

/// Steps done and to do of the run under way.
pub(super) fn progress(s: &Session) -> Option<(u32, u32)> {
    s.run.progress
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
