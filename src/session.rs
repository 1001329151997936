//! The app's session state and its transitions: inputs in, validated scenario and report out.
//!
//! Plain Rust so it is tested natively; the web shell wraps [`Session::apply`] in a Yew reducer.

use crate::pricing::Catalogue;
use crate::report::Report;
use crate::scenario::Scenario;
use crate::sim::simulate;
use std::rc::Rc;

/// Where the served pricing catalogue is fetched from, relative to the page.
pub const PRICING_URL: &str = "pricing-data/catalogue.json";

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Prices in use: the served copy once loaded, the built-in one until then or on failure.
    pub catalogue: Rc<Catalogue>,
    /// Which prices are in use, and why, when it is not the served copy.
    pub pricing_notice: Option<String>,
    /// The scenario as last edited (may be invalid).
    pub scenario: Scenario,
    /// The developers field as typed.
    pub developers_input: String,
    /// Why the edited scenario cannot run; the last valid report stays on screen.
    pub input_error: Option<String>,
    /// The last valid report.
    pub report: Option<Rc<Report>>,
}

/// What the user (or the pricing fetch) can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The served pricing file was read (or failed to).
    PricingLoaded(Result<Catalogue, String>),
    /// The developers field changed.
    SetDevelopers(String),
    /// The mandate checkbox changed.
    SetMandate(bool),
}

impl Session {
    /// The state at start-up: built-in prices, default scenario, already simulated.
    pub fn initial() -> Session {
        let scenario = Scenario::default();
        Session {
            catalogue: Rc::new(Catalogue::builtin()),
            pricing_notice: None,
            developers_input: scenario.developers.to_string(),
            scenario,
            input_error: None,
            report: None,
        }
        .rerun()
    }

    fn rerun(mut self) -> Session {
        match self.scenario.validate(&self.catalogue) {
            Ok(valid) => {
                self.report = Some(Rc::new(Report::new(&self.scenario.name, &simulate(&valid))));
                self.input_error = None;
            }
            Err(e) => self.input_error = Some(e.to_string()),
        }
        self
    }
}

impl Session {
    /// The state after `action`. An invalid edit keeps the last valid report and sets
    /// [`Session::input_error`].
    pub fn apply(&self, action: Action) -> Session {
        let mut next = self.clone();
        match action {
            Action::PricingLoaded(Ok(catalogue)) => {
                next.catalogue = Rc::new(catalogue);
                next.pricing_notice = None;
            }
            Action::PricingLoaded(Err(reason)) => {
                next.pricing_notice = Some(format!(
                    "Using the built-in price table: the served one could not be used ({reason})."
                ));
            }
            Action::SetDevelopers(text) => {
                next.developers_input = text.clone();
                match text.trim().parse::<u32>() {
                    Ok(n) => next.scenario.developers = n,
                    Err(_) => {
                        next.input_error = Some(format!(
                            "Developers: \"{text}\" is not a whole number (allowed: 1–1,000,000)."
                        ));
                        return next;
                    }
                }
            }
            Action::SetMandate(on) => next.scenario.mandate.enabled = on,
        }
        next.rerun()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_a_report_of_the_default_scenario() {
        let s = Session::initial();
        assert!(s.report.as_ref().unwrap().summary.total_spend_usd > 0.0);
        assert_eq!(s.input_error, None);
    }

    #[test]
    fn editing_developers_reruns_and_bad_input_keeps_the_last_report() {
        let s = Session::initial();
        let before = s.report.clone().unwrap();
        let doubled = s.apply(Action::SetDevelopers("2000".into()));
        let after = doubled.report.clone().unwrap();
        assert!(after.summary.total_spend_usd > before.summary.total_spend_usd * 1.5);

        let bad = doubled.apply(Action::SetDevelopers("lots".into()));
        assert!(bad.input_error.as_ref().unwrap().contains("\"lots\""));
        assert_eq!(bad.report, doubled.report);
        assert_eq!(bad.developers_input, "lots");

        let zero = doubled.apply(Action::SetDevelopers("0".into()));
        assert!(zero.input_error.as_ref().unwrap().contains("`developers`"));
        assert_eq!(zero.report, doubled.report);
    }

    #[test]
    fn a_failed_pricing_load_keeps_the_built_in_table_and_says_so() {
        let s = Session::initial();
        let failed = s.apply(Action::PricingLoaded(Err("HTTP 404".into())));
        assert_eq!(failed.catalogue, s.catalogue);
        assert!(failed.pricing_notice.as_ref().unwrap().contains("HTTP 404"));
        assert_eq!(failed.report, s.report);
    }
}
