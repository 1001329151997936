//! The results on show: the comparison and, for any chart tab and policy set, the chart's data.

use super::chart::{ChartData, ChartKind};
use super::compare::Comparison;
use super::source;
use crate::report::Report;
use crate::sensitivity::Tornado;
use crate::session::Session;
use std::rc::Rc;

/// A report and its sensitivity analysis, as the page shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    report: Rc<Report>,
    tornado: Option<(usize, Rc<Tornado>)>,
    comparison: Rc<Comparison>,
}

/// The session's results, once there is a report.
pub fn results(s: &Session) -> Option<Results> {
    let report = source::report(s)?.clone();
    Some(Results {
        comparison: Rc::new(Comparison::of(&report).described(&s.editor.scenario.policies)),
        tornado: source::tornado(s).cloned(),
        report,
    })
}

impl Results {
    /// The comparison of the policy sets.
    pub fn comparison(&self) -> Rc<Comparison> {
        self.comparison.clone()
    }

    /// The policy sets' names.
    pub fn policies(&self) -> &[String] {
        &self.comparison.policies
    }

    /// `policy`, or the last policy set when there are fewer.
    pub fn policy(&self, policy: usize) -> usize {
        policy.min(self.report.policies.len().saturating_sub(1))
    }

    /// Whether chart `kind` of policy set `policy` waits for a sensitivity analysis not yet
    /// computed.
    pub fn needs_sensitivity(&self, kind: ChartKind, policy: usize) -> bool {
        kind == ChartKind::Tornado && self.tornado_of(policy).is_none()
    }

    /// The data of chart `kind`, of policy set `policy` where it shows one.
    pub fn chart(&self, kind: ChartKind, policy: usize) -> ChartData {
        ChartData::of(kind, &self.report, policy, self.tornado_of(policy))
    }

    fn tornado_of(&self, policy: usize) -> Option<&Tornado> {
        self.tornado
            .as_ref()
            .filter(|(p, _)| *p == policy)
            .map(|(_, t)| t.as_ref())
    }
}

/// What the tornado tab says while its analysis is computed.
pub const COMPUTING_SENSITIVITY: &str = "Computing the sensitivity of total spend…";
