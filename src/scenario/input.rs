//! What the page's inputs edit and why an edit can be refused: [`FieldPath`], the one path type
//! every input names its field by (an entry of the field registry, [`super::FIELDS`], at its
//! place: the scenario, a cost centre, a team, a mix row, a policy set, a parameter's prior or a
//! hand-entered price), read from text once at the edge; and [`InputError`], kept as a value
//! until [`super::input_message`] puts it into words.

use super::fields::{field, Section};
use super::{FieldSpec, ScenarioError};
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

/// An editable place: a registry entry where it stands (e.g. `developers`, `usage.sigma`,
/// `uncertainty.priors.usage.sigma.b`, `model_mix[1].share`, `policies[0].run_cap.usd_per_run`,
/// `manual_prices[gpt-5.4].input`). Its text form ([`fmt::Display`]) is its path in the
/// scenario document, the key of what was typed into it and the field an error names.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldPath {
    /// A field of the scenario itself: its settings, the headcount, how tokens are priced, the
    /// agreement or a model parameter.
    Scenario(&'static FieldSpec),
    /// A field of a cost centre (an index).
    CostCentre(usize, &'static FieldSpec),
    /// A field of team `.1` of cost centre `.0`.
    Team(usize, usize, &'static FieldSpec),
    /// A field of a row of the organisation's model mix (an index); the share is in percent.
    MixRow(usize, &'static FieldSpec),
    /// A field of a policy set (an index): its name or a lever's field.
    Policy(usize, &'static FieldSpec),
    /// A part of a model parameter's prior.
    Prior(&'static FieldSpec, PriorPart),
    /// A price entered by hand for this model, which no table prices.
    Price(String, &'static FieldSpec),
}

/// A step from a scenario document's root towards a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// An object's member.
    Key(&'static str),
    /// A list's element.
    Index(usize),
}

impl FieldPath {
    /// The place `path` names, if it is editable.
    pub fn parse(path: &str) -> Option<FieldPath> {
        let indexed = |rest: &str| -> Option<(usize, String)> {
            let (index, rest) = rest.split_once("].")?;
            Some((index.parse().ok()?, rest.to_string()))
        };
        if let Some(rest) = path.strip_prefix("uncertainty.priors.") {
            let (param, part) = rest.rsplit_once('.')?;
            let part = [PriorPart::Kind, PriorPart::A, PriorPart::B]
                .into_iter()
                .find(|p| p.key() == part)?;
            return Some(FieldPath::Prior(field(Section::Param, param)?, part));
        }
        if let Some(rest) = path.strip_prefix("policies[") {
            let (p, key) = indexed(rest)?;
            return Some(FieldPath::Policy(p, field(Section::Policy, &key)?));
        }
        if let Some(rest) = path.strip_prefix("organisation.cost_centres[") {
            let (c, rest) = indexed(rest)?;
            return match rest.strip_prefix("teams[") {
                Some(team) => {
                    let (t, key) = indexed(team)?;
                    Some(FieldPath::Team(c, t, field(Section::Team, &key)?))
                }
                None => Some(FieldPath::CostCentre(c, field(Section::CostCentre, &rest)?)),
            };
        }
        if let Some(rest) = path.strip_prefix("model_mix[") {
            let (i, key) = indexed(rest)?;
            return Some(FieldPath::MixRow(i, field(Section::MixRow, &key)?));
        }
        if let Some(rest) = path.strip_prefix("manual_prices[") {
            let (model, key) = rest.rsplit_once("].")?;
            return Some(FieldPath::Price(
                model.to_string(),
                field(Section::Price, key)?,
            ));
        }
        [
            Section::Headcount,
            Section::Scenario,
            Section::Budget,
            Section::Uncertainty,
            Section::Pricing,
            Section::Agreement,
            Section::Param,
            Section::Calibration,
        ]
        .into_iter()
        .find_map(|section| field(section, path))
        .map(FieldPath::Scenario)
    }

    /// The registry entry of the field (a prior's parameter for a part of its prior).
    pub fn spec(&self) -> &'static FieldSpec {
        match self {
            FieldPath::Scenario(spec)
            | FieldPath::CostCentre(_, spec)
            | FieldPath::Team(_, _, spec)
            | FieldPath::MixRow(_, spec)
            | FieldPath::Policy(_, spec)
            | FieldPath::Prior(spec, _)
            | FieldPath::Price(_, spec) => spec,
        }
    }

    /// The steps to the field in the scenario document: none for a hand-entered price (not part
    /// of the document) or the headcount (the sum of the teams'); a prior's, to the prior.
    pub fn steps(&self) -> Vec<Step> {
        let owner: Vec<Step> = match self {
            FieldPath::Scenario(spec)
                if matches!(spec.section, Section::Headcount | Section::Calibration) =>
            {
                return Vec::new()
            }
            FieldPath::Price(..) => return Vec::new(),
            FieldPath::Prior(spec, _) => {
                return vec![
                    Step::Key("uncertainty"),
                    Step::Key("priors"),
                    Step::Key(spec.path),
                ]
            }
            FieldPath::Scenario(_) => Vec::new(),
            FieldPath::CostCentre(c, _) => organisation(*c),
            FieldPath::Team(c, t, _) => {
                let mut steps = organisation(*c);
                steps.extend([Step::Key("teams"), Step::Index(*t)]);
                steps
            }
            FieldPath::MixRow(i, _) => vec![Step::Key("model_mix"), Step::Index(*i)],
            FieldPath::Policy(p, _) => vec![Step::Key("policies"), Step::Index(*p)],
        };
        owner
            .into_iter()
            .chain(self.spec().path.split('.').map(Step::Key))
            .collect()
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

/// Whether the field at `path` is text that is read into parts (a list of discounts, an amount
/// and its period), whose errors name a part: `pricing.commitment.usd`.
pub(crate) fn holds_parts(path: &str) -> bool {
    FieldPath::parse(path).is_some_and(|at| at.spec().kind == super::FieldKind::Text)
}

/// The steps to cost centre `c`.
fn organisation(c: usize) -> Vec<Step> {
    vec![
        Step::Key("organisation"),
        Step::Key("cost_centres"),
        Step::Index(c),
    ]
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Scenario(spec) => f.write_str(spec.path),
            FieldPath::CostCentre(c, spec) => {
                write!(f, "organisation.cost_centres[{c}].{}", spec.path)
            }
            FieldPath::Team(c, t, spec) => {
                write!(f, "organisation.cost_centres[{c}].teams[{t}].{}", spec.path)
            }
            FieldPath::MixRow(i, spec) => write!(f, "model_mix[{i}].{}", spec.path),
            FieldPath::Policy(p, spec) => write!(f, "policies[{p}].{}", spec.path),
            FieldPath::Prior(spec, part) => {
                write!(f, "uncertainty.priors.{}.{}", spec.path, part.key())
            }
            FieldPath::Price(model, spec) => write!(f, "manual_prices[{model}].{}", spec.path),
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
    /// A text field that holds parts (the discounts, the commitment) is also about its parts,
    /// `path.usd`.
    pub fn is_about(&self, path: &str) -> bool {
        self.field().strip_prefix(path).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with('[')
                || rest.starts_with(" (")
                || (rest.starts_with('.') && holds_parts(path))
        })
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
            "organisation.cost_centres[3].name",
            "manual_prices[gpt-5.4].input",
        ] {
            let parsed = FieldPath::parse(path).unwrap_or_else(|| panic!("{path}"));
            assert_eq!(parsed.to_string(), path);
        }
        assert_eq!(FieldPath::parse("policies[0].secret"), None);
        assert_eq!(FieldPath::parse("policies[x].name"), None);
        assert_eq!(FieldPath::parse("model_mix[0].secret"), None);
        let team = FieldPath::parse("organisation.cost_centres[1].teams[2].developers").unwrap();
        assert_eq!(
            team.steps(),
            [
                Step::Key("organisation"),
                Step::Key("cost_centres"),
                Step::Index(1),
                Step::Key("teams"),
                Step::Index(2),
                Step::Key("developers"),
            ]
        );
        assert_eq!(FieldPath::parse("developers").unwrap().steps(), []);
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
