//! What the session's notices and pricing errors say: one function per type, for the view.

use super::{Notice, PriceProblem, PricingError, PricingNotice, MAX_POLICY_SETS};
use crate::scenario::{PolicySet, Scenario, ScenarioError, LEVERS};
use crate::units::format_count;

/// The heading of the policy-set editor, e.g. `Policy sets (3 of at most 6)`.
pub fn policy_sets_heading(scenario: &Scenario) -> String {
    format!(
        "Policy sets ({} of at most {MAX_POLICY_SETS})",
        scenario.policies.len()
    )
}

/// The levers a policy set has on, by label, after its name: e.g. ` Adoption mandate,
/// Leaderboard`, or ` no levers`.
pub fn levers_on(policy: &PolicySet) -> String {
    let on: Vec<&str> = LEVERS
        .iter()
        .filter(|l| policy.has_lever(l.key))
        .map(|l| l.label)
        .collect();
    if on.is_empty() {
        " no levers".to_string()
    } else {
        format!(" {}", on.join(", "))
    }
}

/// The heading of the organisation editor, e.g. `Organisation: 2,000 developers in 4 cost
/// centres`.
pub fn organisation_heading(scenario: &Scenario) -> String {
    format!(
        "Organisation: {} developers in {} cost centres",
        format_count(scenario.developers() as f64),
        scenario.organisation.cost_centres.len()
    )
}

/// The words of a notice about the scenario on screen.
pub(crate) fn notice_message(notice: &Notice) -> String {
    match notice {
        Notice::Opened(file) => format!("Opened {file}."),
        Notice::OpenedPreset(name) => format!("Opened the preset {name}."),
        Notice::NoPreset(name) => format!("There is no preset called {name}."),
        Notice::NotOpened { file, error } => format!(
            "{} The scenario on screen is unchanged.",
            open_error_message(error, file)
        ),
        Notice::TooManyPolicySets => format!(
            "At most {MAX_POLICY_SETS} policy sets are compared side by side; remove one first."
        ),
        Notice::RunFailed(reason) => format!("The run could not start: {reason}"),
        Notice::Said(message) => message.clone(),
    }
}

/// Why a scenario file `file` could not be opened, as one sentence.
pub(crate) fn open_error_message(e: &ScenarioError, file: &str) -> String {
    match e {
        e @ (ScenarioError::Malformed { .. } | ScenarioError::Unreadable { .. }) => format!("{e}."),
        other => format!("{file}: {other}."),
    }
}

/// The words of a refused import or hand-entered price.
pub(crate) fn pricing_error_message(e: &PricingError) -> String {
    match e {
        PricingError::ImportRefused(reason) => {
            format!("Import refused, prices unchanged: {reason}")
        }
        PricingError::Price {
            model,
            field,
            problem,
        } => match problem {
            PriceProblem::NotANumber(text) => {
                format!("Price for {model}: {field} \"{text}\" is not a number.")
            }
            PriceProblem::OutOfRange(v, reason) => {
                format!("Price for {model}: {field} = {v} is out of range: {reason}.")
            }
            PriceProblem::Required => {
                format!("Price for {model}: {field} is required (USD per 1M tokens).")
            }
        },
    }
}

/// The words of a notice about the prices in use.
pub(crate) fn pricing_notice_message(notice: &PricingNotice) -> String {
    match notice {
        PricingNotice::BuiltIn(reason) => {
            format!("Using the built-in price table: the served one could not be used ({reason}).")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editors_headings_count_what_they_hold() {
        let s = Scenario::default();
        assert_eq!(policy_sets_heading(&s), "Policy sets (4 of at most 6)");
        assert_eq!(
            organisation_heading(&s),
            "Organisation: 2,000 developers in 4 cost centres"
        );
        assert_eq!(
            levers_on(&crate::scenario::PolicySet::default()),
            " no levers"
        );
        let mandated = &s.policies[1];
        assert!(
            levers_on(mandated).starts_with(" Adoption mandate"),
            "{}",
            levers_on(mandated)
        );
    }

    #[test]
    fn notices_and_pricing_errors_are_sentences() {
        assert_eq!(
            notice_message(&Notice::Opened("plan.json".into())),
            "Opened plan.json."
        );
        assert!(notice_message(&Notice::TooManyPolicySets).starts_with("At most 6 "));
        let e = PricingError::Price {
            model: "m".into(),
            field: "output",
            problem: PriceProblem::Required,
        };
        assert_eq!(
            pricing_error_message(&e),
            "Price for m: output is required (USD per 1M tokens)."
        );
        assert!(
            pricing_notice_message(&PricingNotice::BuiltIn("HTTP 404".into()))
                .contains("(HTTP 404)")
        );
    }
}
