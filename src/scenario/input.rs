//! What the page's inputs edit and why an edit can be refused: [`FieldPath`], the one path type
//! every input names its field by (a declared field, a model parameter, a part of a parameter's
//! prior, a row of the model mix or the headcount), and [`InputError`], kept as a value until
//! [`super::input_message`] puts it into words.

use super::fields::lookup;
use super::{FieldSpec, ParamSpec, ScenarioError, HEADCOUNT};
use std::fmt;

/// A part of a model parameter's prior, as the parameter editor edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorPart {
    /// `none`, `fixed`, `uniform` or `lognormal`.
    Kind,
    /// The value (fixed), lower bound (uniform) or median (lognormal).
    A,
    /// The upper bound (uniform) or log-sd (lognormal).
    B,
}

impl PriorPart {
    /// The part's key at the end of its path.
    pub fn key(self) -> &'static str {
        match self {
            PriorPart::Kind => "kind",
            PriorPart::A => "a",
            PriorPart::B => "b",
        }
    }
}

/// An editable place of a scenario, read from its path (e.g. `developers`, `usage.sigma`,
/// `uncertainty.priors.usage.sigma.b`, `model_mix[1].share`, `policies[0].run_cap.usd_per_run`).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldPath {
    /// The organisation's headcount (scales every team).
    Developers,
    /// A model parameter.
    Param(&'static ParamSpec),
    /// A part of a model parameter's prior.
    Prior(&'static ParamSpec, PriorPart),
    /// The model of a row of the organisation's mix.
    MixModel(usize),
    /// The share of a row of the organisation's mix, typed in percent.
    MixShare(usize),
    /// A declared field ([`super::lookup`]) at this full path.
    Field(String, &'static FieldSpec),
}

impl FieldPath {
    /// The place `path` names, if it is editable.
    pub fn parse(path: &str) -> Option<FieldPath> {
        if path == HEADCOUNT.key {
            return Some(FieldPath::Developers);
        }
        if let Some(spec) = ParamSpec::find(path) {
            return Some(FieldPath::Param(spec));
        }
        if let Some(rest) = path.strip_prefix("uncertainty.priors.") {
            let (param, part) = rest.rsplit_once('.')?;
            let part = [PriorPart::Kind, PriorPart::A, PriorPart::B]
                .into_iter()
                .find(|p| p.key() == part)?;
            return Some(FieldPath::Prior(ParamSpec::find(param)?, part));
        }
        if let Some(rest) = path.strip_prefix("model_mix[") {
            let (index, field) = rest.split_once("].")?;
            let index = index.parse().ok()?;
            return match field {
                "model" => Some(FieldPath::MixModel(index)),
                "share" => Some(FieldPath::MixShare(index)),
                _ => None,
            };
        }
        lookup(path).map(|spec| FieldPath::Field(path.to_string(), spec))
    }

    /// The path in the scenario document of what the error about this place names (a prior's
    /// parts are named by the prior).
    pub fn error_field(&self) -> String {
        match self {
            FieldPath::Prior(spec, _) => format!("uncertainty.priors.{}", spec.path),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Developers => f.write_str(HEADCOUNT.key),
            FieldPath::Param(spec) => f.write_str(spec.path),
            FieldPath::Prior(spec, part) => {
                write!(f, "uncertainty.priors.{}.{}", spec.path, part.key())
            }
            FieldPath::MixModel(i) => write!(f, "model_mix[{i}].model"),
            FieldPath::MixShare(i) => write!(f, "model_mix[{i}].share"),
            FieldPath::Field(path, _) => f.write_str(path),
        }
    }
}

/// Why text typed into a field cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The text does not read as the field's kind (`expected`: e.g. `a whole number`).
    Unreadable {
        /// The text typed.
        text: String,
        /// What the field reads, in words.
        expected: String,
    },
    /// A number outside the field's range.
    OutOfRange {
        /// The number typed.
        value: f64,
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
        /// The field's unit.
        unit: &'static str,
    },
    /// The field is empty but needs a value.
    Required,
    /// A reader refused the text, for this reason (e.g. a discount without `=`).
    Refused(String),
    /// A number of a prior does not read (`part`: e.g. `upper bound`).
    PriorNumber {
        /// Which number, in words.
        part: &'static str,
        /// The text typed.
        text: String,
    },
    /// A prior's kind is none of the known ones.
    PriorKind(String),
    /// The path names no editable place, or an element that does not exist (the reason).
    NoSuchField(String),
}

/// Why the scenario on screen cannot run.
#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// Text typed into a field cannot be used; the scenario keeps its last value.
    Typed {
        /// The path of the field the error is about.
        field: String,
        /// Why.
        problem: Problem,
    },
    /// The edited scenario does not validate.
    Invalid(ScenarioError),
}

impl InputError {
    /// The error about the field at `field`.
    pub fn typed(field: impl Into<String>, problem: Problem) -> InputError {
        InputError::Typed {
            field: field.into(),
            problem,
        }
    }

    /// The path of the field the error is about (e.g. `developers`, `model_mix[0].model`,
    /// `model_mix (sum of shares)`, `scenario` for the document as a whole).
    pub fn field(&self) -> &str {
        match self {
            InputError::Typed { field, .. } => field,
            InputError::Invalid(e) => e.field(),
        }
    }

    /// Whether the error is about the field at `path` (or, for a list, one of its elements,
    /// `path[k]…`, or their sum, `path (sum of shares)`).
    pub fn is_about(&self, path: &str) -> bool {
        self.field()
            .strip_prefix(path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('[') || rest.starts_with(" ("))
    }

    /// Whether the error is about a field under `prefix` (e.g. a prior's parts).
    pub fn is_under(&self, prefix: &str) -> bool {
        self.field().starts_with(prefix)
    }

    /// Whether an editor shows the message beside its field. Errors about the document as a
    /// whole, a list that must not be empty (policy sets, cost centres, a centre's teams), the
    /// organisation's total headcount or the cost centres a showback names have no field of
    /// their own; the form shows those at its top.
    pub fn is_inline(&self) -> bool {
        let f = self.field();
        !matches!(
            f,
            "scenario" | "version" | "policies" | "organisation.cost_centres"
        ) && !f.starts_with("organisation (")
            && !f.ends_with(".teams")
            && !f.contains(".accountability.cost_centres")
    }

    /// Whether the error is about a model-mix row's share (said beside the share, not under
    /// the mix).
    pub fn is_about_a_share(&self) -> bool {
        let f = self.field();
        f.starts_with("model_mix[") && f.ends_with(".share")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_editable_place_reads_back_as_its_path() {
        for path in [
            "developers",
            "usage.sigma",
            "uncertainty.priors.usage.sigma.b",
            "model_mix[2].share",
            "model_mix[0].model",
            "policies[1].run_cap.usd_per_run",
            "organisation.cost_centres[0].teams[2].developers",
            "pricing.discounts",
        ] {
            let parsed = FieldPath::parse(path).unwrap_or_else(|| panic!("{path}"));
            assert_eq!(parsed.to_string(), path);
        }
        assert_eq!(FieldPath::parse("policies[0].secret"), None);
        assert_eq!(FieldPath::parse("uncertainty.priors.usage.sigma.c"), None);
        assert_eq!(
            FieldPath::parse("uncertainty.priors.usage.sigma.a")
                .unwrap()
                .error_field(),
            "uncertainty.priors.usage.sigma"
        );
    }

    #[test]
    fn an_error_is_shown_beside_its_field_or_at_the_top_of_the_form() {
        let typed = |field: &str| InputError::typed(field, Problem::Required);
        assert!(typed("model_mix").is_about("model_mix"));
        assert!(typed("model_mix (sum of shares)").is_about("model_mix"));
        assert!(typed("model_mix[1].share").is_about("model_mix"));
        assert!(!typed("model_mix_x").is_about("model_mix"));
        assert!(typed("model_mix[1].share").is_about_a_share());
        assert!(typed("uncertainty.priors.usage.sigma").is_under("uncertainty.priors.usage"));
        assert!(typed("months").is_inline());
        for field in [
            "scenario",
            "policies",
            "organisation (total developers)",
            "organisation.cost_centres[0].teams",
            "policies[0].accountability.cost_centres[1]",
        ] {
            assert!(!typed(field).is_inline(), "{field}");
        }
    }
}
