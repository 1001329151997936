//! What the session's notices and pricing errors say: one function per type, for the view.

use super::{Notice, PriceProblem, PricingError, PricingNotice, MAX_POLICY_SETS};
use crate::scenario::ScenarioError;

/// The words of a notice about the scenario on screen.
pub fn notice_message(notice: &Notice) -> String {
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
pub fn open_error_message(e: &ScenarioError, file: &str) -> String {
    match e {
        e @ (ScenarioError::Malformed { .. } | ScenarioError::Unreadable { .. }) => format!("{e}."),
        other => format!("{file}: {other}."),
    }
}

/// The words of a refused import or hand-entered price.
pub fn pricing_error_message(e: &PricingError) -> String {
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
pub fn pricing_notice_message(notice: &PricingNotice) -> String {
    match notice {
        PricingNotice::BuiltIn(reason) => {
            format!("Using the built-in price table: the served one could not be used ({reason}).")
        }
    }
}
