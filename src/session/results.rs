//! The results sub-state: the last valid report and the sensitivity asked of it.

use crate::report::Report;
use crate::sensitivity::Tornado;
use std::rc::Rc;

/// What the page shows of the last valid scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// The last valid report.
    pub report: Option<Rc<Report>>,
    /// Whether the report is a preliminary one, from the first draws of the run in flight (or
    /// of a run cancelled before it finished).
    pub preliminary: bool,
    /// Sensitivity of the report's policy set `.0`, once asked for.
    pub tornado: Option<(usize, Rc<Tornado>)>,
    /// Whether the report is of inputs since changed: a run of the new ones is under way or
    /// held, or was cancelled before its first report.
    pub stale: bool,
}
