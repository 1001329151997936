//! The editor sub-state: the scenario as last edited, every field as typed (the one store of
//! typed text, hand-entered prices included) and why the scenario cannot run. Every input edits
//! through one action, [`EditAction::Set`], by its [`FieldPath`]; levers and lists (policy sets,
//! cost centres, teams, the model mix) have their own.

use super::Notice;
use crate::pricing::Catalogue;
use crate::scenario::{
    document, field_text, read_number, set_field, set_lever, CostCentre, FieldPath, FieldSpec,
    InputError, ModelShare, Prior, PriorPart, Problem, Scenario, Section, Team,
};
use std::collections::BTreeMap;

/// The most policy sets the app compares side by side.
pub const MAX_POLICY_SETS: usize = 6;

/// What the user does to the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum EditAction {
    /// The text of the input at a path changed: the headcount, a declared field (empty clears
    /// an optional one), a model parameter (a valid value replaces its prior: the user has fixed
    /// it), a part of a prior, a row of the model mix, or a price being entered by hand (kept as
    /// typed until [`super::PriceAction::AddManual`] takes it).
    Set {
        /// The input's place, e.g. `policies[1].run_cap.usd_per_run` or `usage.sigma`.
        path: FieldPath,
        /// The text typed or chosen.
        text: String,
    },
    /// Switch a lever of a policy set on (with its defaults) or off.
    SetLever {
        /// The policy set (an index).
        policy: usize,
        /// The lever's key, e.g. `run_cap` ([`crate::scenario::LEVERS`]).
        lever: String,
        /// On or off.
        on: bool,
    },
    /// Set the cost centres a policy set's showback or chargeback applies to (all when every
    /// one is listed or none is).
    SetAccountabilityCentres {
        /// The policy set (an index).
        policy: usize,
        /// The cost centres' names.
        centres: Vec<String>,
    },
    /// Add a cost centre with one team.
    AddCostCentre,
    /// Remove a cost centre (an index); the last one stays.
    RemoveCostCentre(usize),
    /// Add a team to a cost centre (an index).
    AddTeam(usize),
    /// Remove team `.1` of cost centre `.0`; a cost centre's last team stays.
    RemoveTeam(usize, usize),
    /// Add the policy-set template with this index ([`crate::scenario::policy_templates`]).
    AddPolicy(usize),
    /// Remove the policy set with this index (one always stays).
    RemovePolicy(usize),
    /// Add a model to the mix (the first priced model not in it yet) with a share of 0.
    AddMixModel,
    /// Remove a model-mix row; the others' shares are scaled up in proportion so they still add
    /// up to 100% (one row always stays).
    RemoveMixModel(usize),
}

/// What an edit did.
#[derive(Debug, Clone, PartialEq)]
pub enum Edited {
    /// The scenario changed: run it again.
    Changed,
    /// Nothing to run: the text was refused (see [`Editor::error`]) or the edit did nothing.
    Unchanged,
    /// The edit was refused with this notice.
    Refused(Notice),
}

/// The scenario being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    /// The scenario as last edited (may be invalid).
    pub scenario: Scenario,
    /// Inputs as typed, by path, where the user has typed (dropped where the scenario is
    /// replaced or a list changes shape).
    pub typed: BTreeMap<String, String>,
    /// Why the edited scenario cannot run; the last valid report stays on screen.
    pub error: Option<InputError>,
}

impl Editor {
    /// The editor of `scenario`, nothing typed yet.
    pub fn new(scenario: Scenario) -> Editor {
        Editor {
            scenario,
            typed: BTreeMap::new(),
            error: None,
        }
    }

    /// Applies `action`; `catalogue` holds the prices in use (for a new row's model and a seat
    /// plan's default).
    pub fn apply(&mut self, action: EditAction, catalogue: &Catalogue) -> Edited {
        match action {
            EditAction::Set { path, text } => self.set(path, text),
            EditAction::SetLever { policy, lever, on } => {
                let plan = catalogue.plans().first().map(|p| p.id.clone());
                match set_lever(&self.scenario, policy, &lever, on, plan.as_deref()) {
                    Ok(scenario) => {
                        self.scenario = scenario;
                        self.forget(&format!("policies[{policy}].{lever}."));
                        Edited::Changed
                    }
                    Err(e) => self.refuse(e),
                }
            }
            EditAction::SetAccountabilityCentres { policy, centres } => {
                self.set_accountable(policy, centres)
            }
            EditAction::AddPolicy(template) => self.add_policy(template),
            EditAction::RemovePolicy(index) => {
                let policies = &mut self.scenario.policies;
                if policies.len() <= 1 || index >= policies.len() {
                    return Edited::Unchanged;
                }
                policies.remove(index);
                self.forget("policies[");
                Edited::Changed
            }
            EditAction::AddMixModel => self.add_mix_model(catalogue),
            EditAction::RemoveMixModel(index) => self.remove_mix_model(index),
            organisation => self.edit_organisation(organisation),
        }
    }

    /// Sets the input at `at` from `text`.
    fn set(&mut self, at: FieldPath, text: String) -> Edited {
        let refused = |problem| InputError::typed(at.error_field(), problem);
        let stored = |editor: &mut Editor, text: &str| {
            editor.typed.insert(at.to_string(), text.to_string());
        };
        match &at {
            FieldPath::Scenario(spec) if spec.section == Section::Headcount => {
                stored(self, &text);
                match read_number(&text, true, (spec.min, spec.max), spec.unit) {
                    Ok(n) => self.scenario.scale_developers(n as u32),
                    Err(p) => return self.refuse(refused(p)),
                }
            }
            FieldPath::Scenario(spec) if spec.section == Section::Param => {
                stored(self, &text);
                match read_number(&text, false, (spec.min, spec.max), spec.unit) {
                    // A value typed is a value stated: fixed in every draw, as in a file.
                    Ok(v) => {
                        self.scenario.fix_param(spec.path, v);
                        self.forget(&format!("uncertainty.priors.{}.", spec.path));
                    }
                    Err(p) => return self.refuse(refused(p)),
                }
            }
            FieldPath::Prior(spec, part) => return self.set_prior(spec, *part, text),
            FieldPath::MixRow(index, spec) if spec.path == "model" => {
                match self.scenario.model_mix.get_mut(*index) {
                    Some(row) => row.model = text,
                    None => return Edited::Unchanged,
                }
            }
            FieldPath::MixRow(index, _) => {
                if *index >= self.scenario.model_mix.len() {
                    return Edited::Unchanged;
                }
                stored(self, &text);
                // The range (0–100 %) is checked by validation, which says it in percent.
                match read_number(&text, false, (f64::MIN, f64::MAX), "%") {
                    Ok(pct) => self.scenario.model_mix[*index].share = pct / 100.0,
                    Err(p) => return self.refuse(refused(p)),
                }
            }
            // Read when the usage panel calibrates; checked as typed.
            FieldPath::Scenario(spec) if spec.section == Section::Calibration => {
                stored(self, &text);
                if !text.trim().is_empty() {
                    let whole = spec.kind == crate::scenario::FieldKind::Integer;
                    if let Err(p) = read_number(&text, whole, (spec.min, spec.max), spec.unit) {
                        return self.refuse(refused(p));
                    }
                }
                if self.error.as_ref().is_some_and(|e| e.is_about(spec.path)) {
                    self.error = None;
                }
                return Edited::Unchanged;
            }
            // Read when the price is used, as a whole.
            FieldPath::Price(..) => {
                stored(self, &text);
                return Edited::Unchanged;
            }
            field => {
                stored(self, &text);
                match set_field(&self.scenario, field, &text) {
                    Ok(scenario) => {
                        self.scenario = match field {
                            FieldPath::CostCentre(cc, spec) if spec.path == "name" => {
                                let old = &self.scenario.organisation.cost_centres[*cc].name;
                                let new = &scenario.organisation.cost_centres[*cc].name;
                                rename_in_policies(scenario.clone(), old, new)
                            }
                            _ => scenario,
                        };
                        self.typed.remove(crate::scenario::HEADCOUNT.path);
                    }
                    Err(e) => return self.refuse(e),
                }
            }
        }
        Edited::Changed
    }

    /// Sets one part of a parameter's prior, the other two as shown.
    fn set_prior(&mut self, spec: &'static FieldSpec, part: PriorPart, text: String) -> Edited {
        let [mut kind, mut a, mut b] = prior_texts(&self.scenario, &self.typed, spec);
        match part {
            PriorPart::Kind => kind = text,
            PriorPart::A => a = text,
            PriorPart::B => b = text,
        }
        let path = format!("uncertainty.priors.{}", spec.path);
        self.typed.insert(format!("{path}.kind"), kind.clone());
        self.typed.insert(format!("{path}.a"), a.clone());
        self.typed.insert(format!("{path}.b"), b.clone());
        match read_prior(&kind, &a, &b) {
            Ok(prior) => {
                let priors = &mut self.scenario.uncertainty.priors;
                match prior {
                    Some(p) => priors.insert(spec.path.to_string(), p),
                    None => priors.remove(spec.path),
                };
                Edited::Changed
            }
            Err(problem) => self.refuse(InputError::typed(path, problem)),
        }
    }

    fn set_accountable(&mut self, policy: usize, mut centres: Vec<String>) -> Edited {
        let all = &self.scenario.organisation.cost_centres;
        if centres.len() >= all.len() && all.iter().all(|c| centres.contains(&c.name)) {
            centres.clear();
        }
        match self
            .scenario
            .policies
            .get_mut(policy)
            .and_then(|p| p.accountability.as_mut())
        {
            Some(a) => {
                a.cost_centres = centres;
                Edited::Changed
            }
            None => Edited::Unchanged,
        }
    }

    fn add_policy(&mut self, template: usize) -> Edited {
        if self.scenario.policies.len() >= MAX_POLICY_SETS {
            return Edited::Refused(Notice::TooManyPolicySets);
        }
        let Some(mut policy) = crate::scenario::policy_templates()
            .into_iter()
            .nth(template)
        else {
            return Edited::Unchanged;
        };
        let base = policy.name.clone();
        let mut n = 2;
        while self.scenario.policies.iter().any(|p| p.name == policy.name) {
            policy.name = format!("{base} ({n})");
            n += 1;
        }
        self.scenario.policies.push(policy);
        Edited::Changed
    }

    fn add_mix_model(&mut self, catalogue: &Catalogue) -> Edited {
        let mix = &self.scenario.model_mix;
        let Some(model) = catalogue
            .models()
            .iter()
            .map(|m| m.id.clone())
            .find(|id| mix.iter().all(|s| s.model != *id))
        else {
            return Edited::Unchanged;
        };
        self.scenario
            .model_mix
            .push(ModelShare { model, share: 0.0 });
        self.forget("model_mix[");
        Edited::Changed
    }

    fn remove_mix_model(&mut self, index: usize) -> Edited {
        let mix = &mut self.scenario.model_mix;
        if mix.len() <= 1 || index >= mix.len() {
            return Edited::Unchanged;
        }
        mix.remove(index);
        let total: f64 = mix.iter().map(|s| s.share).sum();
        let rows = mix.len() as f64;
        for s in mix.iter_mut() {
            s.share = if total > 0.0 {
                s.share / total
            } else {
                1.0 / rows
            };
        }
        self.forget("model_mix[");
        Edited::Changed
    }

    /// Adds or removes cost centres and teams.
    fn edit_organisation(&mut self, action: EditAction) -> Edited {
        let org = &mut self.scenario.organisation.cost_centres;
        match action {
            EditAction::AddCostCentre => {
                let mut n = org.len() + 1;
                while org.iter().any(|c| c.name == format!("Cost centre {n}")) {
                    n += 1;
                }
                org.push(CostCentre {
                    name: format!("Cost centre {n}"),
                    teams: vec![new_team(1)],
                    annual_budget_usd: None,
                });
            }
            EditAction::RemoveCostCentre(index) => {
                if org.len() <= 1 || index >= org.len() {
                    return Edited::Unchanged;
                }
                let gone = org.remove(index).name;
                for p in &mut self.scenario.policies {
                    if let Some(a) = &mut p.accountability {
                        a.cost_centres.retain(|c| *c != gone);
                    }
                }
                self.forget("organisation.");
            }
            EditAction::AddTeam(cc) => {
                let Some(centre) = org.get_mut(cc) else {
                    return Edited::Unchanged;
                };
                centre.teams.push(new_team(centre.teams.len() + 1));
            }
            EditAction::RemoveTeam(cc, team) => {
                let Some(centre) = org.get_mut(cc) else {
                    return Edited::Unchanged;
                };
                if centre.teams.len() <= 1 || team >= centre.teams.len() {
                    return Edited::Unchanged;
                }
                centre.teams.remove(team);
                self.forget("organisation.");
            }
            _ => return Edited::Unchanged,
        }
        self.typed.remove(crate::scenario::HEADCOUNT.path);
        Edited::Changed
    }

    /// Keeps `error`; the scenario keeps its last value.
    fn refuse(&mut self, error: InputError) -> Edited {
        self.error = Some(error);
        Edited::Unchanged
    }

    /// Drops what was typed into inputs whose paths start with `prefix`.
    pub(super) fn forget(&mut self, prefix: &str) {
        self.typed.retain(|k, _| !k.starts_with(prefix));
    }

    /// Model ids of the scenario's and the teams' mixes that `catalogue` does not price.
    pub fn unpriced_models(&self, catalogue: &Catalogue) -> Vec<String> {
        let mut missing: Vec<String> = Vec::new();
        for s in self.scenario.mix_shares() {
            if catalogue.get(&s.model).is_none() && !missing.contains(&s.model) {
                missing.push(s.model.clone());
            }
        }
        missing
    }

    /// What every input shows: see [`FieldTexts`].
    pub fn texts(&self) -> FieldTexts {
        FieldTexts::new(&self.scenario, self.typed.clone())
    }
}

/// What the inputs show: the text as typed where the user has typed, the scenario's value
/// elsewhere. Built once per change of either and shared by every editor.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldTexts {
    scenario: Scenario,
    doc: serde_json::Value,
    typed: BTreeMap<String, String>,
}

impl FieldTexts {
    /// The texts of `scenario`'s inputs, with `typed` (by path) where the user has typed.
    pub fn new(scenario: &Scenario, typed: BTreeMap<String, String>) -> FieldTexts {
        FieldTexts {
            scenario: scenario.clone(),
            doc: document(scenario),
            typed,
        }
    }

    /// The scenario the texts are of.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The text of the input at `at`.
    pub fn text(&self, at: &FieldPath) -> String {
        if let Some(typed) = self.typed.get(&at.to_string()) {
            return typed.clone();
        }
        let s = &self.scenario;
        match at {
            FieldPath::Scenario(spec) if spec.section == Section::Headcount => {
                s.developers().to_string()
            }
            FieldPath::Scenario(spec) if spec.section == Section::Param => s
                .params()
                .get(spec.path)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            FieldPath::Prior(spec, part) => {
                let [kind, a, b] = prior_texts(s, &self.typed, spec);
                match part {
                    PriorPart::Kind => kind,
                    PriorPart::A => a,
                    PriorPart::B => b,
                }
            }
            FieldPath::MixRow(i, spec) => s
                .model_mix
                .get(*i)
                .map(|m| match spec.path {
                    "model" => m.model.clone(),
                    _ => format!("{}", m.share * 100.0),
                })
                .unwrap_or_default(),
            FieldPath::Price(..) => String::new(),
            FieldPath::Scenario(spec) if spec.section == Section::Calibration => String::new(),
            field => field_text(&self.doc, field),
        }
    }
}

/// The kind of a parameter's prior and its two numbers, as typed or as in the scenario.
fn prior_texts(
    scenario: &Scenario,
    typed: &BTreeMap<String, String>,
    spec: &FieldSpec,
) -> [String; 3] {
    let (kind, a, b) = match scenario.uncertainty.priors.get(spec.path) {
        None => ("none", String::new(), String::new()),
        Some(Prior::Fixed(v)) => ("fixed", v.to_string(), String::new()),
        Some(Prior::Uniform([lo, hi])) => ("uniform", lo.to_string(), hi.to_string()),
        Some(Prior::Lognormal { median, sigma }) => {
            ("lognormal", median.to_string(), sigma.to_string())
        }
    };
    let shown = |part: &str, value: String| {
        typed
            .get(&format!("uncertainty.priors.{}.{part}", spec.path))
            .cloned()
            .unwrap_or(value)
    };
    [
        shown("kind", kind.to_string()),
        shown("a", a),
        shown("b", b),
    ]
}

/// A prior from its kind and its two numbers as typed (`None` for `none`).
fn read_prior(kind: &str, a: &str, b: &str) -> Result<Option<Prior>, Problem> {
    let number = |text: &str, part: &'static str| {
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| Problem::PriorNumber {
                part,
                text: text.to_string(),
            })
    };
    Ok(match kind {
        "none" => None,
        "fixed" => Some(Prior::Fixed(number(a, "value")?)),
        "uniform" => Some(Prior::Uniform([
            number(a, "lower bound")?,
            number(b, "upper bound")?,
        ])),
        "lognormal" => Some(Prior::Lognormal {
            median: number(a, "median")?,
            sigma: number(b, "log-sd")?,
        }),
        other => return Err(Problem::PriorKind(other.to_string())),
    })
}

/// The scenario with cost centre `old` called `new` in every policy's chargeback list.
fn rename_in_policies(mut scenario: Scenario, old: &str, new: &str) -> Scenario {
    for p in &mut scenario.policies {
        if let Some(a) = &mut p.accountability {
            for c in a.cost_centres.iter_mut().filter(|c| *c == old) {
                *c = new.to_string();
            }
        }
    }
    scenario
}

/// A new team of ten developers with the organisation's defaults.
fn new_team(n: usize) -> Team {
    Team {
        name: format!("Team {n}"),
        developers: 10,
        agentic_share: None,
        usage_multiplier: 1.0,
        model_mix: None,
    }
}
