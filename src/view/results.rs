//! The results on show: the comparison and, for any chart tab and policy set, the chart's data.

use super::chart::{ChartData, ChartKind};
use super::compare::Comparison;
use super::source;
use super::Shared;
use crate::report::Report;
use crate::scenario::PolicySet;
use crate::sensitivity::Tornado;
use crate::session::Session;

/// A report and its sensitivity analysis, as the page shows them. Two are equal when they hold
/// the same report and analysis (the same allocations), so comparing them costs nothing.
#[derive(Debug, Clone)]
pub struct Results {
    report: Shared<Report>,
    tornado: Option<(usize, Shared<Tornado>)>,
    comparison: Shared<Comparison>,
}

impl PartialEq for Results {
    fn eq(&self, other: &Results) -> bool {
        self.report == other.report && self.tornado == other.tornado
    }
}

/// What the session's results are made of, compared by identity: a page keeps its view data
/// (comparison, chart series) while this stays equal and rebuilds it only when a run replaces
/// the report or the sensitivity analysis arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsSource {
    report: Option<Shared<Report>>,
    tornado: Option<(usize, Shared<Tornado>)>,
    /// The policy sets as written, which describe the comparison's columns.
    policies: Vec<PolicySet>,
}

/// What the session's results are made of.
pub fn source_of(s: &Session) -> ResultsSource {
    ResultsSource {
        report: source::report(s).cloned().map(Shared::from),
        tornado: source::tornado(s).map(|(p, t)| (*p, Shared::from(t.clone()))),
        policies: s.editor.scenario.policies.clone(),
    }
}

impl ResultsSource {
    /// The results, once there is a report.
    pub fn results(&self) -> Option<Results> {
        let report = self.report.clone()?;
        Some(Results {
            comparison: Shared::new(Comparison::of(&report).described(&self.policies)),
            tornado: self.tornado.clone(),
            report,
        })
    }
}

/// The session's results, once there is a report.
pub fn results(s: &Session) -> Option<Results> {
    source_of(s).results()
}

impl Results {
    /// The comparison of the policy sets.
    pub fn comparison(&self) -> Shared<Comparison> {
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
            .map(|(_, t)| &**t)
    }
}

/// What P10 and P90 mean, said once near the first figures.
pub const RANGE_NOTE: &str = "P10–P90: 8 in 10 simulated futures fall in this range (1 in 10 \
     below P10, 1 in 10 above P90); the middle figure is the median.";

/// How the sensitivity tab's policy set is read.
pub const TORNADO_HINT: &str = "For the first policy set (the baseline): what moves its total \
     spend. For any other: what moves its extra spend over the baseline, draw by draw.";

/// What the tornado tab says while its analysis is computed.
pub const COMPUTING_SENSITIVITY: &str = "Computing the sensitivity analysis…";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;
    use std::rc::Rc;

    fn session_with_report() -> Session {
        let mut scenario = Scenario::default();
        scenario.uncertainty.draws = 4;
        scenario.scale_developers(200);
        let report = Report::simulate(&scenario.validate(&Catalogue::builtin()).unwrap());
        let mut s = Session::new(scenario);
        s.results.report = Some(Rc::new(report));
        s
    }

    #[test]
    fn results_stay_equal_while_the_report_is_the_same_allocation() {
        let s = session_with_report();
        assert_eq!(source_of(&s), source_of(&s.clone()));
        assert_eq!(results(&s), results(&s.clone()));
        let mut rerun = s.clone();
        rerun.results.report = Some(Rc::new((**s.results.report.as_ref().unwrap()).clone()));
        assert_ne!(
            source_of(&s),
            source_of(&rerun),
            "a new run's report is new results"
        );
        assert_ne!(results(&s), results(&rerun));
        let mut none = s.clone();
        none.results.report = None;
        assert_ne!(source_of(&s), source_of(&none));
        assert!(source_of(&none).results().is_none());
    }
}
