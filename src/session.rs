//! The app's session state and its transitions: inputs in, validated scenario and report out.
//!
//! Plain Rust so it is tested natively; the web shell wraps [`Session::apply`] in a Yew reducer.

use crate::calendar::Date;
use crate::pricing::check_price;
use crate::pricing::import::{ImportSummary, Imported};
use crate::pricing::rates::{PricePeriod, RateSet, ServiceRates};
use crate::pricing::{Catalogue, ModelPrice, PriceChange};
use crate::report::Report;
use crate::runner::{Task, Update, SENSITIVITY_DRAWS};
use crate::scenario::{ModelShare, Scenario, ScenarioError, ValidScenario};
use crate::sensitivity::{tornado, Tornado};
use crate::units::UsdPerMTok;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The most policy sets the app compares side by side.
pub const MAX_POLICY_SETS: usize = 6;

/// Where the served pricing catalogue is fetched from, relative to the page.
pub const PRICING_URL: &str = "pricing-data/catalogue.json";

/// A price table the user imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedTable {
    /// The imported models.
    pub catalogue: Rc<Catalogue>,
    /// What the import did.
    pub summary: ImportSummary,
    /// Laid over the base table (true) or used instead of it (false).
    pub merge: bool,
    /// How long parsing and validating took [ms].
    pub elapsed_ms: f64,
    /// How many imports this session has made, this one included.
    pub sequence: u32,
}

/// A run waiting to be carried out by the shell ([`crate::runner`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRun {
    /// Increases with every run asked for; an update counts only if it is about the latest.
    pub generation: u64,
    /// What to compute.
    pub task: Task,
    /// The validated scenario to run.
    pub valid: Rc<ValidScenario>,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Whether runs are left to the shell ([`Session::run`]) instead of computed in
    /// [`Session::apply`].
    pub deferred: bool,
    /// The run the shell should carry out, in deferred mode.
    pub run: Option<PendingRun>,
    /// The generation of the last run asked for.
    pub generation: u64,
    /// Progress of the run in flight: done and in all (draws, or sensitivity runs).
    pub progress: Option<(u32, u32)>,
    /// Whether the report on screen is a preliminary one, from the first draws of the run in
    /// flight (or of a run cancelled before it finished).
    pub preliminary: bool,
    /// The policy set whose sensitivity was asked for and has not arrived yet; it is computed
    /// once the report run in flight, if any, has finished.
    pub sensitivity_wanted: Option<usize>,
    /// The base prices: the served copy once loaded, the built-in one until then or on failure.
    pub base: Rc<Catalogue>,
    /// A table the user imported, if any.
    pub import: Option<ImportedTable>,
    /// Prices the user entered by hand for models no table prices.
    pub manual: Vec<ModelPrice>,
    /// Prices in use: the base table, the import and the hand-entered prices combined.
    pub catalogue: Rc<Catalogue>,
    /// List prices in use that differ from the base table on the scenario's first day.
    pub price_changes: Vec<PriceChange>,
    /// Why the last import or hand-entered price was refused; the prices in use stay.
    pub pricing_error: Option<String>,
    /// Which prices are in use, and why, when it is not the served copy.
    pub pricing_notice: Option<String>,
    /// The scenario as last edited (may be invalid).
    pub scenario: Scenario,
    /// The developers field as typed.
    pub developers_input: String,
    /// The model-mix share fields as typed (percent).
    pub share_inputs: Vec<String>,
    /// Model-parameter, structural and prior fields as typed, by scenario path, where the user
    /// has typed (cleared when the scenario is replaced or its lists change shape).
    pub field_inputs: BTreeMap<String, String>,
    /// Why the edited scenario cannot run; the last valid report stays on screen.
    pub input_error: Option<String>,
    /// The scenario field the error is about (e.g. `developers`, `model_mix[0].model`).
    pub input_error_field: Option<String>,
    /// A message about where the scenario came from (a link or autosave that could not be
    /// opened, an imported file), if any.
    pub scenario_notice: Option<String>,
    /// The last valid report.
    pub report: Option<Rc<Report>>,
    /// Sensitivity of the last valid report's policy set `.0`, once asked for.
    pub tornado: Option<(usize, Rc<Tornado>)>,
}

/// What the user (or the pricing fetch) can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The served pricing file was read (or failed to).
    PricingLoaded(Result<Catalogue, String>),
    /// The developers field changed.
    SetDevelopers(String),
    /// A model-parameter field changed (path, text as typed). A valid value replaces the
    /// parameter's prior, if it had one: the user has fixed it.
    SetParam {
        /// The parameter's path, e.g. `usage.sigma`.
        path: String,
        /// The text typed.
        text: String,
    },
    /// A price table was imported (or failed to be).
    Imported {
        /// The import, or why it failed.
        result: Result<Imported, String>,
        /// Lay it over the base table instead of replacing it.
        merge: bool,
        /// How long the import took [ms].
        elapsed_ms: f64,
    },
    /// Go back to the base table.
    ClearImport,
    /// Compute the sensitivity tornado of a policy set (index).
    ComputeSensitivity(usize),
    /// A scenario file was read: its text and name.
    ImportScenario {
        /// The file's text.
        text: String,
        /// The file's name.
        file: String,
    },
    /// Show a message about the scenario's origin (for example an unreadable autosave).
    Notice(String),
    /// A structural field changed ([`crate::scenario::SCENARIO_FIELDS`], a cost centre's or a
    /// team's field, or a policy lever's), by its full path, e.g. `policies[1].run_cap.usd_per_run`.
    SetField {
        /// The field's path.
        path: String,
        /// The text typed (empty clears an optional field).
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
    /// Set or remove a model parameter's prior.
    SetPrior {
        /// The parameter's path, e.g. `usage.sigma`.
        path: String,
        /// `none`, `fixed`, `uniform` or `lognormal`.
        kind: String,
        /// The value (fixed), lower bound (uniform) or median (lognormal), as typed.
        a: String,
        /// The upper bound (uniform) or log-sd (lognormal), as typed.
        b: String,
    },
    /// Open the preset scenario with this name ([`crate::scenario::PRESETS`]).
    LoadPreset(String),
    /// News of a run the shell carries out.
    Run(Update),
    /// Stop the run in progress; the last results stay.
    CancelRun,
    /// Add the policy-set template with this index ([`crate::scenario::policy_templates`]).
    AddPolicy(usize),
    /// Remove the policy set with this index (one always stays).
    RemovePolicy(usize),
    /// A model-mix row's model changed.
    SetModel {
        /// The row.
        index: usize,
        /// The catalogue id.
        model: String,
    },
    /// A model-mix row's share changed (percent, as typed).
    SetShare {
        /// The row.
        index: usize,
        /// The text typed.
        text: String,
    },
    /// Add a model to the mix (the first priced model not in it yet) with a share of 0.
    AddMixModel,
    /// Remove a model-mix row; the others' shares are scaled up in proportion so they still add
    /// up to 100% (one row always stays).
    RemoveMixModel(usize),
    /// The user entered a price for a model no table prices [USD / 1M tokens, as typed].
    AddManualPrice {
        /// The model id.
        model: String,
        /// Input price.
        input: String,
        /// Cache-read price (empty: the input price).
        cache_read: String,
        /// Output price.
        output: String,
        /// Today, recorded as the day the price was entered.
        as_of: Date,
    },
}

impl Session {
    /// The state at start-up: built-in prices, default scenario, already simulated.
    pub fn initial() -> Session {
        Session::with_scenario(Scenario::default())
    }

    /// The state with built-in prices and `scenario`, its run left to the shell (see
    /// [`Session::run`]).
    pub fn deferred(scenario: Scenario) -> Session {
        let mut s = Session::build(scenario, true);
        s = s.rerun();
        s
    }

    /// The state with built-in prices and `scenario`, already simulated.
    pub fn with_scenario(scenario: Scenario) -> Session {
        Session::build(scenario, false).rerun()
    }

    fn build(scenario: Scenario, deferred: bool) -> Session {
        let base = Rc::new(crate::scenario::builtin_prices().clone());
        let manual = carried_prices(&scenario);
        let session = Session {
            catalogue: base.clone(),
            base,
            import: None,
            manual,
            price_changes: Vec::new(),
            pricing_error: None,
            pricing_notice: None,
            developers_input: scenario.developers().to_string(),
            share_inputs: share_texts(&scenario.model_mix),
            field_inputs: BTreeMap::new(),
            scenario,
            input_error: None,
            input_error_field: None,
            scenario_notice: None,
            report: None,
            tornado: None,
            deferred,
            run: None,
            generation: 0,
            progress: None,
            preliminary: false,
            sensitivity_wanted: None,
        };
        if session.manual.is_empty() {
            session
        } else {
            session.recompose()
        }
    }

    /// Model ids of the scenario's and the teams' mixes that the prices in use do not price.
    pub fn unpriced_models(&self) -> Vec<String> {
        let mut missing: Vec<String> = Vec::new();
        for s in self.scenario.mix_shares() {
            if self.catalogue.get(&s.model).is_none() && !missing.contains(&s.model) {
                missing.push(s.model.clone());
            }
        }
        missing
    }

    /// Recombines the base table, the import and the hand-entered prices.
    fn recompose(mut self) -> Session {
        let day = self.scenario.start_month.first_day();
        let mut c = match &self.import {
            None => (*self.base).clone(),
            Some(i) if i.merge => self.base.merged_with(&i.catalogue, day).0,
            Some(i) => (*i.catalogue).clone(),
        };
        if let Ok(manual) = Catalogue::from_parts(
            "prices entered by hand".into(),
            self.manual.clone(),
            Vec::new(),
            "prices entered by hand",
        ) {
            c = c.merged_with(&manual, day).0;
        }
        let mut changes = self.base.merged_with(&c, day).1;
        changes.extend(
            self.base
                .models()
                .iter()
                .filter(|m| c.get(&m.id).is_none())
                .map(|m| PriceChange {
                    model: m.id.clone(),
                    field: "model",
                    before: m.list_prices_on(day).map(|p| p.input),
                    after: None,
                }),
        );
        self.price_changes = changes;
        self.catalogue = Rc::new(c);
        self
    }

    fn start(mut self, task: Task, valid: Rc<ValidScenario>) -> Session {
        self.generation += 1;
        self.run = Some(PendingRun {
            generation: self.generation,
            task,
            valid,
        });
        self.progress = None;
        self
    }

    /// Takes in news of the run in flight; news of any other run is stale and ignored.
    fn run_update(mut self, update: Update) -> Session {
        let current = self
            .run
            .as_ref()
            .filter(|r| r.generation == update.generation())
            .cloned();
        let Some(run) = current else {
            return self;
        };
        match update {
            Update::Progress { done, total, .. } => self.progress = Some((done, total)),
            Update::Preliminary { report, .. } => {
                self.report = Some(Rc::new(*report));
                self.preliminary = true;
            }
            Update::Finished { report, .. } => {
                self.report = Some(Rc::new(*report));
                self.preliminary = false;
                self.run = None;
                self.progress = None;
                if let Some(policy) = self.sensitivity_wanted {
                    self = self.start(Task::Sensitivity(policy), run.valid);
                }
            }
            Update::Sensitivity {
                policy, tornado, ..
            } => {
                self.tornado = Some((policy, Rc::new(*tornado)));
                self.sensitivity_wanted = None;
                self.run = None;
                self.progress = None;
            }
            Update::Failed { message, .. } => {
                self.scenario_notice = Some(format!("The run could not start: {message}"));
                self.run = None;
                self.progress = None;
            }
        }
        self
    }

    fn rerun(mut self) -> Session {
        // The scenario carries the prices in use that differ from the built-in table, so an
        // autosave, an export or a link runs on them wherever it is opened. Carried prices
        // that do not read stay, for validation to name.
        if self.scenario.pricing.carried().is_ok() {
            self.scenario.pricing.prices = crate::scenario::PricingTerms::differing_prices(
                &self.catalogue,
                crate::scenario::builtin_prices(),
                self.scenario.model_ids(),
            );
        }
        match self.scenario.validate(&self.catalogue) {
            Ok(valid) => {
                if self.deferred {
                    self = self.start(Task::Report, Rc::new(valid));
                } else {
                    self.report = Some(Rc::new(Report::simulate(&valid)));
                }
                self.tornado = None;
                self.input_error = None;
                self.input_error_field = None;
            }
            Err(e) => {
                self.input_error_field = Some(e.field().to_string());
                self.input_error = Some(crate::scenario::error_message(&e));
            }
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
                next.base = Rc::new(catalogue);
                next.pricing_notice = None;
                next = next.recompose();
            }
            Action::PricingLoaded(Err(reason)) => {
                next.pricing_notice = Some(format!(
                    "Using the built-in price table: the served one could not be used ({reason})."
                ));
            }
            Action::SetDevelopers(text) => {
                next.developers_input = text.clone();
                let spec = &crate::scenario::HEADCOUNT;
                match crate::scenario::read_number(
                    spec.label,
                    &text,
                    true,
                    (spec.min, spec.max),
                    spec.unit,
                ) {
                    Ok(n) => next.scenario.scale_developers(n as u32),
                    Err(message) => {
                        next.input_error = Some(message);
                        next.input_error_field = Some("developers".into());
                        return next;
                    }
                }
            }
            Action::SetParam { path, text } => {
                let Some(spec) = crate::scenario::ParamSpec::find(&path) else {
                    return next;
                };
                next.field_inputs.insert(path.clone(), text.clone());
                let label = crate::scenario::field_label(&path);
                match crate::scenario::read_number(
                    &label,
                    &text,
                    false,
                    (spec.min, spec.max),
                    spec.unit,
                ) {
                    Ok(v) => {
                        // A value typed is a value stated: fixed in every draw, as in a file.
                        next.scenario.fix_param(&path, v);
                    }
                    Err(message) => {
                        next.input_error = Some(message);
                        next.input_error_field = Some(path);
                        return next;
                    }
                }
            }
            Action::Imported {
                result,
                merge,
                elapsed_ms,
            } => match result {
                Ok(imported) => {
                    let sequence = self.import.as_ref().map_or(0, |i| i.sequence) + 1;
                    next.import = Some(ImportedTable {
                        catalogue: Rc::new(imported.catalogue),
                        summary: imported.summary,
                        merge,
                        elapsed_ms,
                        sequence,
                    });
                    next.pricing_error = None;
                    next = next.recompose();
                }
                Err(e) => {
                    next.pricing_error = Some(format!("Import refused, prices unchanged: {e}"));
                    return next;
                }
            },
            Action::LoadPreset(name) => match crate::scenario::preset(&name) {
                Some(scenario) => {
                    let text = scenario.to_json();
                    let mut loaded = next.apply(Action::ImportScenario {
                        text,
                        file: format!("preset {name}"),
                    });
                    loaded.scenario_notice = Some(format!("Opened the preset {name}."));
                    return loaded;
                }
                None => {
                    next.scenario_notice = Some(format!("There is no preset called {name}."));
                    return next;
                }
            },
            Action::ImportScenario { text, file } => match scenario_from_json(&text, &file) {
                Ok(scenario) => {
                    let mut loaded = Session::build(scenario, next.deferred);
                    loaded.generation = next.generation;
                    loaded.base = next.base.clone();
                    loaded.import = next.import.clone();
                    let carried = std::mem::take(&mut loaded.manual);
                    loaded.manual = next.manual.clone();
                    loaded
                        .manual
                        .retain(|m| carried.iter().all(|c| c.id != m.id));
                    loaded.manual.extend(carried);
                    loaded.pricing_notice = next.pricing_notice.clone();
                    loaded = loaded.recompose().rerun();
                    loaded.scenario_notice = Some(format!("Opened {file}."));
                    if loaded.report.is_none() {
                        loaded.report = next.report.clone();
                    }
                    return loaded;
                }
                Err(e) => {
                    next.scenario_notice =
                        Some(format!("{e} The scenario on screen is unchanged."));
                    return next;
                }
            },
            Action::Run(update) => return next.run_update(update),
            Action::AddPolicy(template) => {
                if next.scenario.policies.len() >= MAX_POLICY_SETS {
                    next.scenario_notice = Some(format!(
                        "At most {MAX_POLICY_SETS} policy sets are compared side by side; remove one first."
                    ));
                    return next;
                }
                let Some(mut policy) = crate::scenario::policy_templates()
                    .into_iter()
                    .nth(template)
                else {
                    return next;
                };
                let base = policy.name.clone();
                let mut n = 2;
                while next.scenario.policies.iter().any(|p| p.name == policy.name) {
                    policy.name = format!("{base} ({n})");
                    n += 1;
                }
                next.scenario.policies.push(policy);
            }
            Action::RemovePolicy(index) => {
                if next.scenario.policies.len() <= 1 || index >= next.scenario.policies.len() {
                    return next;
                }
                next.scenario.policies.remove(index);
            }
            Action::CancelRun => {
                next.run = None;
                next.progress = None;
                next.sensitivity_wanted = None;
                return next;
            }
            Action::Notice(message) => {
                next.scenario_notice = Some(message);
                return next;
            }
            Action::ComputeSensitivity(policy) => {
                let Ok(valid) = next.scenario.validate(&next.catalogue) else {
                    return next;
                };
                if policy >= valid.policies.len()
                    || next.tornado.as_ref().is_some_and(|t| t.0 == policy)
                {
                    return next;
                }
                if !next.deferred {
                    next.tornado =
                        Some((policy, Rc::new(tornado(&valid, policy, SENSITIVITY_DRAWS))));
                    return next;
                }
                next.sensitivity_wanted = Some(policy);
                let busy = next.run.as_ref().is_some_and(|r| r.task == Task::Report);
                if !busy {
                    next = next.start(Task::Sensitivity(policy), Rc::new(valid));
                }
                return next;
            }
            Action::SetField { path, text } => {
                next.field_inputs.insert(path.clone(), text.clone());
                match crate::scenario::set_field(&next.scenario, &path, &text) {
                    Ok(scenario) => {
                        if let Some(cc) = cost_centre_renamed(&path) {
                            let old = &next.scenario.organisation.cost_centres[cc].name;
                            let new = &scenario.organisation.cost_centres[cc].name;
                            next.scenario = rename_in_policies(scenario.clone(), old, new);
                        } else {
                            next.scenario = scenario;
                        }
                        next.developers_input = next.scenario.developers().to_string();
                    }
                    Err(message) => {
                        next.input_error = Some(message);
                        next.input_error_field = Some(path);
                        return next;
                    }
                }
            }
            Action::SetLever { policy, lever, on } => {
                let plan = next.catalogue.plans().first().map(|p| p.id.clone());
                match crate::scenario::set_lever(
                    &next.scenario,
                    policy,
                    &lever,
                    on,
                    plan.as_deref(),
                ) {
                    Ok(scenario) => {
                        next.scenario = scenario;
                        let prefix = format!("policies[{policy}].{lever}.");
                        next.field_inputs.retain(|k, _| !k.starts_with(&prefix));
                    }
                    Err(message) => {
                        next.input_error = Some(message);
                        next.input_error_field = Some(format!("policies[{policy}].{lever}"));
                        return next;
                    }
                }
            }
            Action::SetAccountabilityCentres {
                policy,
                mut centres,
            } => {
                let all = &next.scenario.organisation.cost_centres;
                if centres.len() >= all.len() && all.iter().all(|c| centres.contains(&c.name)) {
                    centres.clear();
                }
                match next
                    .scenario
                    .policies
                    .get_mut(policy)
                    .and_then(|p| p.accountability.as_mut())
                {
                    Some(a) => a.cost_centres = centres,
                    None => return next,
                }
            }
            Action::AddCostCentre => {
                let org = &mut next.scenario.organisation.cost_centres;
                let mut n = org.len() + 1;
                while org.iter().any(|c| c.name == format!("Cost centre {n}")) {
                    n += 1;
                }
                org.push(crate::scenario::CostCentre {
                    name: format!("Cost centre {n}"),
                    teams: vec![new_team(1)],
                });
                next.developers_input = next.scenario.developers().to_string();
            }
            Action::RemoveCostCentre(index) => {
                let org = &mut next.scenario.organisation.cost_centres;
                if org.len() <= 1 || index >= org.len() {
                    return next;
                }
                let gone = org.remove(index).name;
                for p in &mut next.scenario.policies {
                    if let Some(a) = &mut p.accountability {
                        a.cost_centres.retain(|c| *c != gone);
                    }
                }
                next.field_inputs.clear();
                next.developers_input = next.scenario.developers().to_string();
            }
            Action::AddTeam(cc) => {
                let Some(centre) = next.scenario.organisation.cost_centres.get_mut(cc) else {
                    return next;
                };
                centre.teams.push(new_team(centre.teams.len() + 1));
                next.developers_input = next.scenario.developers().to_string();
            }
            Action::RemoveTeam(cc, team) => {
                let Some(centre) = next.scenario.organisation.cost_centres.get_mut(cc) else {
                    return next;
                };
                if centre.teams.len() <= 1 || team >= centre.teams.len() {
                    return next;
                }
                centre.teams.remove(team);
                next.field_inputs.clear();
                next.developers_input = next.scenario.developers().to_string();
            }
            Action::SetPrior { path, kind, a, b } => {
                let field = format!("uncertainty.priors.{path}");
                next.field_inputs.insert(format!("{field}.a"), a.clone());
                next.field_inputs.insert(format!("{field}.b"), b.clone());
                match read_prior(&kind, &a, &b) {
                    Ok(prior) => {
                        let priors = &mut next.scenario.uncertainty.priors;
                        match prior {
                            Some(p) => priors.insert(path, p),
                            None => priors.remove(&path),
                        };
                    }
                    Err(what) => {
                        let label = crate::scenario::field_label(&field);
                        next.input_error = Some(format!("{label}: {what}."));
                        next.input_error_field = Some(field);
                        return next;
                    }
                }
            }
            Action::ClearImport => {
                next.import = None;
                next.pricing_error = None;
                next = next.recompose();
            }
            Action::SetModel { index, model } => match next.scenario.model_mix.get_mut(index) {
                Some(row) => row.model = model,
                None => return next,
            },
            Action::AddMixModel => {
                let mix = &next.scenario.model_mix;
                let Some(model) = next
                    .catalogue
                    .models()
                    .iter()
                    .map(|m| m.id.clone())
                    .find(|id| mix.iter().all(|s| s.model != *id))
                else {
                    return next;
                };
                next.scenario
                    .model_mix
                    .push(ModelShare { model, share: 0.0 });
                next.share_inputs = share_texts(&next.scenario.model_mix);
            }
            Action::RemoveMixModel(index) => {
                let mix = &mut next.scenario.model_mix;
                if mix.len() <= 1 || index >= mix.len() {
                    return next;
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
                next.share_inputs = share_texts(&next.scenario.model_mix);
            }
            Action::SetShare { index, text } => {
                let Some(slot) = next.share_inputs.get_mut(index) else {
                    return next;
                };
                *slot = text.clone();
                let field = format!("model_mix[{index}].share");
                let label = crate::scenario::field_label(&field);
                // The range (0–100 %) is checked by validation, which says it in percent.
                match crate::scenario::read_number(&label, &text, false, (f64::MIN, f64::MAX), "%")
                {
                    Ok(pct) => next.scenario.model_mix[index].share = pct / 100.0,
                    Err(message) => {
                        next.input_error = Some(message);
                        next.input_error_field = Some(field);
                        return next;
                    }
                }
            }
            Action::AddManualPrice {
                model,
                input,
                cache_read,
                output,
                as_of,
            } => match manual_price(&model, &input, &cache_read, &output, as_of) {
                Ok(price) => {
                    next.manual.retain(|m| m.id != price.id);
                    next.manual.push(price);
                    next.pricing_error = None;
                    next = next.recompose();
                }
                Err(e) => {
                    next.pricing_error = Some(e);
                    return next;
                }
            },
        }
        next.rerun()
    }
}

/// The cost centre whose name `path` sets, if it does.
fn cost_centre_renamed(path: &str) -> Option<usize> {
    path.strip_prefix("organisation.cost_centres[")?
        .strip_suffix("].name")?
        .parse()
        .ok()
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
fn new_team(n: usize) -> crate::scenario::Team {
    crate::scenario::Team {
        name: format!("Team {n}"),
        developers: 10,
        agentic_share: None,
        usage_multiplier: 1.0,
        model_mix: None,
    }
}

/// A prior from its kind and its two numbers as typed (`None` for `none`).
fn read_prior(kind: &str, a: &str, b: &str) -> Result<Option<crate::scenario::Prior>, String> {
    use crate::scenario::Prior;
    let number = |text: &str, what: &str| {
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                format!(
                    "the {what} {} is not a number",
                    crate::scenario::quoted(text)
                )
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
        other => {
            return Err(format!(
                "\"{other}\" is not none, fixed, uniform or lognormal"
            ))
        }
    })
}

/// A scenario document read from a file by the one scenario reader
/// ([`Scenario::from_json`]: migrated forward, its `version` checked).
pub fn scenario_from_json(text: &str, file: &str) -> Result<Scenario, String> {
    Scenario::from_json(text, file).map_err(|e| match e {
        e @ (ScenarioError::Malformed { .. } | ScenarioError::Unreadable { .. }) => format!("{e}."),
        other => format!("{file}: {other}."),
    })
}

impl Session {
    /// The scenario's share-link payload.
    pub fn share_payload(&self) -> String {
        crate::share::encode(&self.scenario)
    }

    /// The validated scenario, when the one on screen is valid (for exports).
    pub fn valid(&self) -> Option<crate::scenario::ValidScenario> {
        self.scenario.validate(&self.catalogue).ok()
    }
}

/// The prices a scenario carries, as hand-entered prices of the session (an invalid entry is
/// left to validation, which names it).
fn carried_prices(scenario: &Scenario) -> Vec<ModelPrice> {
    match scenario.pricing.carried() {
        Ok(Some(c)) => c.models().to_vec(),
        _ => Vec::new(),
    }
}

fn share_texts(mix: &[ModelShare]) -> Vec<String> {
    mix.iter().map(|s| format!("{}", s.share * 100.0)).collect()
}

/// A hand-entered price [USD / 1M tokens, as typed], validated like any table's.
fn manual_price(
    model: &str,
    input: &str,
    cache_read: &str,
    output: &str,
    as_of: Date,
) -> Result<ModelPrice, String> {
    let parse = |field: &str, text: &str| -> Result<Option<UsdPerMTok>, String> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let v: f64 = t
            .parse()
            .map_err(|_| format!("Price for {model}: {field} \"{text}\" is not a number."))?;
        check_price(v)
            .map(|v| Some(UsdPerMTok(v)))
            .map_err(|e| format!("Price for {model}: {field} = {v} is out of range: {e}."))
    };
    let required = |field: &str, text: &str| {
        parse(field, text)?
            .ok_or_else(|| format!("Price for {model}: {field} is required (USD per 1M tokens)."))
    };
    Ok(ModelPrice {
        id: model.to_string(),
        name: model.to_string(),
        provider: "entered by hand".into(),
        periods: vec![PricePeriod {
            from: None,
            to: None,
            standard: ServiceRates {
                base: RateSet {
                    input: Some(required("input", input)?),
                    cache_read: parse("cache read", cache_read)?,
                    output: Some(required("output", output)?),
                    ..RateSet::default()
                },
                context_tiers: Vec::new(),
            },
            service_tiers: BTreeMap::new(),
        }],
        regions: BTreeMap::new(),
        source: "entered by hand".into(),
        checked: as_of,
        verified: false,
        note: "Entered by hand in the app.".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::Job;

    /// A small, fast scenario: 200 developers, 4 draws.
    fn small() -> Session {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.uncertainty.draws = 4;
        Session::with_scenario(s)
    }

    fn total(s: &Session) -> f64 {
        s.report.as_ref().unwrap().policies[0]
            .summary
            .total_spend_usd
            .median_or_zero()
    }

    #[test]
    fn starts_with_a_report_of_the_default_scenario() {
        let s = small();
        assert!(total(&s) > 0.0);
        assert_eq!(s.input_error, None);
    }

    #[test]
    fn editing_developers_reruns_and_bad_input_keeps_the_last_report() {
        let s = small();
        let doubled = s.apply(Action::SetDevelopers("400".into()));
        assert!(total(&doubled) > total(&s) * 1.5);

        let bad = doubled.apply(Action::SetDevelopers("lots".into()));
        assert!(bad.input_error.as_ref().unwrap().contains("\"lots\""));
        assert_eq!(bad.report, doubled.report);
        assert_eq!(bad.developers_input, "lots");

        let zero = doubled.apply(Action::SetDevelopers("0".into()));
        assert!(zero.input_error.as_ref().unwrap().contains("Developers"));
        assert_eq!(zero.input_error_field.as_deref(), Some("developers"));
        assert_eq!(zero.report, doubled.report);
    }

    fn litellm_sample(merge: bool) -> Action {
        let text = include_str!("../tests/fixtures/litellm-sample.json");
        let day = "2026-11-01".parse().unwrap();
        Action::Imported {
            result: crate::pricing::import::import(text, None, "litellm-sample.json", day)
                .map_err(|e| e.to_string()),
            merge,
            elapsed_ms: 1.0,
        }
    }

    #[test]
    fn an_import_without_merge_leaves_models_unpriced_and_the_scenario_waits() {
        let s = small();
        let replaced = s.apply(litellm_sample(false));
        assert!(replaced
            .unpriced_models()
            .contains(&"claude-sonnet-4-6".to_string()));
        let e = replaced.input_error.clone().unwrap();
        assert!(
            e.contains("no price for model \"claude-sonnet-4-6\""),
            "{e}"
        );
        assert_eq!(replaced.report, s.report, "the last results stay");

        // Pick a priced model for each unpriced row: the scenario runs again.
        let mut fixed = replaced;
        for (i, id) in [
            "claude-sonnet-4-5",
            "claude-opus-4-5",
            "gpt-5",
            "gemini/gemini-2.5-flash",
        ]
        .iter()
        .enumerate()
        {
            fixed = fixed.apply(Action::SetModel {
                index: i,
                model: id.to_string(),
            });
        }
        assert_eq!(fixed.input_error, None);
        assert_ne!(fixed.report, s.report);
    }

    #[test]
    fn a_hand_entered_price_lets_an_unpriced_model_run() {
        let s = small().apply(litellm_sample(false));
        let day = "2026-11-22".parse().unwrap();
        let bad = s.apply(Action::AddManualPrice {
            model: "claude-sonnet-4-6".into(),
            input: "3".into(),
            cache_read: "".into(),
            output: "-15".into(),
            as_of: day,
        });
        assert!(bad
            .pricing_error
            .as_ref()
            .unwrap()
            .contains("must not be negative"));
        let mut s = s;
        for id in [
            "claude-sonnet-4-6",
            "claude-opus-4-6",
            "gpt-5.4",
            "gemini-3-flash",
        ] {
            s = s.apply(Action::AddManualPrice {
                model: id.into(),
                input: "3".into(),
                cache_read: "0.3".into(),
                output: "15".into(),
                as_of: day,
            });
        }
        assert_eq!(s.unpriced_models(), Vec::<String>::new());
        assert_eq!(s.input_error, None);
    }

    #[test]
    fn a_merged_import_lists_changed_prices_and_a_refused_import_keeps_them() {
        let s = small();
        let merged = s.apply(litellm_sample(true));
        assert_eq!(merged.input_error, None);
        assert!(merged
            .price_changes
            .iter()
            .any(|c| c.model == "gpt-4o" && c.field == "model"));
        let replaced = s.apply(litellm_sample(false));
        assert!(replaced
            .price_changes
            .iter()
            .any(|c| c.model == "claude-sonnet-4-6" && c.after.is_none()));
        let refused = merged.apply(Action::Imported {
            result: Err("broken.json: not a valid litellm price table".into()),
            merge: true,
            elapsed_ms: 0.0,
        });
        assert!(refused
            .pricing_error
            .as_ref()
            .unwrap()
            .contains("broken.json"));
        assert_eq!(refused.catalogue, merged.catalogue);
        let cleared = refused.apply(Action::ClearImport);
        assert_eq!(cleared.catalogue, s.catalogue);
        assert!(cleared.price_changes.is_empty());
    }

    #[test]
    fn sensitivity_is_computed_on_request_and_dropped_when_results_change() {
        let s = small().apply(Action::ComputeSensitivity(1));
        let (policy, t) = s.tornado.clone().unwrap();
        assert_eq!(policy, 1);
        assert_eq!(t.swings.len(), s.scenario.uncertainty.priors.len());
        let edited = s.apply(Action::SetDevelopers("250".into()));
        assert_eq!(edited.tornado, None);
        assert_eq!(small().apply(Action::ComputeSensitivity(9)).tornado, None);
    }

    #[test]
    fn an_imported_scenario_replaces_the_one_on_screen_and_a_bad_one_is_refused() {
        let s = small();
        let mut other = s.scenario.clone();
        other.name = "Imported".into();
        other.uncertainty.draws = 3;
        let opened = s.apply(Action::ImportScenario {
            text: other.to_json(),
            file: "plan.json".into(),
        });
        assert_eq!(opened.scenario, other);
        assert_eq!(opened.scenario.uncertainty.draws, 3);
        assert_eq!(opened.scenario_notice.as_deref(), Some("Opened plan.json."));
        let refused = opened.apply(Action::ImportScenario {
            text: "{\"months\": \"many\"}".into(),
            file: "bad.json".into(),
        });
        assert_eq!(refused.scenario, other);
        assert!(refused
            .scenario_notice
            .as_ref()
            .unwrap()
            .contains("bad.json: scenario field `months`: invalid type: string \"many\""));
        assert!(
            refused
                .scenario_notice
                .as_ref()
                .unwrap()
                .contains("(allowed: a whole number 1 – 120 months)"),
            "{:?}",
            refused.scenario_notice
        );
        assert_eq!(refused.report, opened.report);
    }

    #[test]
    fn policy_levers_are_switched_and_edited_and_bad_input_keeps_the_results() {
        let s = small();
        let capped = s
            .apply(Action::SetLever {
                policy: 0,
                lever: "run_cap".into(),
                on: true,
            })
            .apply(Action::SetField {
                path: "policies[0].run_cap.usd_per_run".into(),
                text: "0.5".into(),
            });
        assert_eq!(
            capped.scenario.policies[0].run_cap.unwrap().usd_per_run,
            0.5
        );
        assert!(
            total(&capped) < total(&s),
            "a tight per-run cap lowers spend"
        );
        let unreadable = capped.apply(Action::SetField {
            path: "policies[0].run_cap.usd_per_run".into(),
            text: "cheap".into(),
        });
        assert_eq!(unreadable.scenario, capped.scenario);
        assert_eq!(
            unreadable.input_error_field.as_deref(),
            Some("policies[0].run_cap.usd_per_run")
        );
        assert_eq!(
            unreadable.field_inputs["policies[0].run_cap.usd_per_run"],
            "cheap"
        );
        let out_of_range = capped.apply(Action::SetField {
            path: "policies[0].run_cap.usd_per_run".into(),
            text: "0".into(),
        });
        assert_eq!(
            out_of_range.input_error.as_deref(),
            Some("Cap: 0 is below 0.01 (allowed 0.01 – 10,000 USD / run).")
        );
        assert_eq!(
            out_of_range.report, capped.report,
            "the last valid results stay"
        );
        let off = capped.apply(Action::SetLever {
            policy: 0,
            lever: "run_cap".into(),
            on: false,
        });
        assert_eq!(off.scenario.policies[0].run_cap, None);
        assert_eq!(total(&off), total(&s));
    }

    #[test]
    fn the_organisation_is_edited_and_cost_centre_names_follow_into_chargeback() {
        let mut s = small();
        let first = s.scenario.organisation.cost_centres[0].name.clone();
        s.scenario.policies[0].accountability = Some(crate::scenario::Accountability {
            cost_centres: vec![first],
            ..Default::default()
        });
        let s = s.apply(Action::SetField {
            path: "organisation.cost_centres[0].name".into(),
            text: "Core platform".into(),
        });
        assert_eq!(
            s.scenario.organisation.cost_centres[0].name,
            "Core platform"
        );
        assert_eq!(
            s.scenario.policies[0]
                .accountability
                .as_ref()
                .unwrap()
                .cost_centres,
            ["Core platform"]
        );
        assert!(s.input_error.is_none(), "{:?}", s.input_error);
        let before = s.scenario.developers();
        let grown = s
            .apply(Action::AddCostCentre)
            .apply(Action::AddTeam(4))
            .apply(Action::SetField {
                path: "organisation.cost_centres[4].teams[1].developers".into(),
                text: "90".into(),
            });
        assert_eq!(grown.scenario.organisation.cost_centres.len(), 5);
        assert_eq!(grown.scenario.developers(), before + 10 + 90);
        assert_eq!(grown.developers_input, (before + 100).to_string());
        assert_eq!(grown.report.as_ref().unwrap().cost_centres.len(), 5);
        let shrunk = grown
            .apply(Action::RemoveTeam(4, 0))
            .apply(Action::RemoveTeam(4, 0));
        assert_eq!(
            shrunk.scenario.organisation.cost_centres[4].teams.len(),
            1,
            "a cost centre keeps its last team"
        );
        let all = shrunk.scenario.cost_centre_names();
        let every = shrunk.apply(Action::SetAccountabilityCentres {
            policy: 0,
            centres: all.clone(),
        });
        let accountable = |s: &Session| {
            s.scenario.policies[0]
                .accountability
                .as_ref()
                .unwrap()
                .cost_centres
                .clone()
        };
        assert!(accountable(&every).is_empty(), "all of them: stored as all");
        let two = every.apply(Action::SetAccountabilityCentres {
            policy: 0,
            centres: all[..2].to_vec(),
        });
        assert_eq!(accountable(&two), all[..2]);
        let shrunk = two.apply(Action::SetAccountabilityCentres {
            policy: 0,
            centres: all[..1].to_vec(),
        });
        let gone = shrunk.apply(Action::RemoveCostCentre(0));
        assert_eq!(gone.scenario.organisation.cost_centres.len(), 4);
        assert!(gone.scenario.policies[0]
            .accountability
            .as_ref()
            .unwrap()
            .cost_centres
            .is_empty());
    }

    #[test]
    fn priors_are_set_changed_and_removed() {
        let s = small();
        let set = |s: &Session, kind: &str, a: &str, b: &str| {
            s.apply(Action::SetPrior {
                path: "usage.sigma".into(),
                kind: kind.into(),
                a: a.into(),
                b: b.into(),
            })
        };
        let wide = set(&s, "uniform", "0.8", "1.6");
        assert_eq!(
            wide.scenario.uncertainty.priors["usage.sigma"],
            crate::scenario::Prior::Uniform([0.8, 1.6])
        );
        assert_ne!(wide.report, s.report);
        let bad = set(&wide, "uniform", "0.8", "lots");
        assert_eq!(bad.scenario, wide.scenario);
        assert!(bad
            .input_error
            .as_ref()
            .unwrap()
            .contains("upper bound \"lots\""));
        let reversed = set(&wide, "uniform", "1.6", "0.8");
        assert!(reversed.input_error.is_some(), "validation refuses lo > hi");
        assert_eq!(reversed.report, wide.report);
        let none = set(&wide, "none", "", "");
        assert!(!none.scenario.uncertainty.priors.contains_key("usage.sigma"));
    }

    #[test]
    fn models_are_added_to_and_removed_from_the_mix_keeping_shares_whole() {
        let s = small();
        let n = s.scenario.model_mix.len();
        let added = s.apply(Action::AddMixModel);
        assert_eq!(added.scenario.model_mix.len(), n + 1);
        let new = &added.scenario.model_mix[n];
        assert_eq!(new.share, 0.0);
        assert!(s.scenario.model_mix.iter().all(|m| m.model != new.model));
        assert_eq!(added.share_inputs[n], "0");
        assert!(added.input_error.is_none(), "{:?}", added.input_error);
        let removed = added.apply(Action::RemoveMixModel(0));
        let total: f64 = removed.scenario.model_mix.iter().map(|m| m.share).sum();
        assert!((total - 1.0).abs() < 1e-12, "{total}");
        assert!(removed.input_error.is_none(), "{:?}", removed.input_error);
        let mut one = removed.clone();
        while one.scenario.model_mix.len() > 1 {
            one = one.apply(Action::RemoveMixModel(0));
        }
        assert_eq!(
            one.apply(Action::RemoveMixModel(0))
                .scenario
                .model_mix
                .len(),
            1
        );
        assert_eq!(one.scenario.model_mix[0].share, 1.0);
    }

    #[test]
    fn deferred_runs_are_left_to_the_shell_and_only_the_latest_counts() {
        let mut scenario = small().scenario;
        scenario.uncertainty.draws = 20;
        let s = Session::deferred(scenario);
        assert!(s.report.is_none());
        let first = s.run.clone().unwrap();
        let edited = s.apply(Action::SetDevelopers("150".into()));
        let second = edited.run.clone().unwrap();
        assert!(second.generation > first.generation);
        let news = |run: &PendingRun| {
            let mut job = Job::new(run.generation, run.task, (*run.valid).clone());
            let mut news = Vec::new();
            while !job.is_done() {
                news.extend(job.step());
            }
            news
        };
        let stale = news(&first)
            .into_iter()
            .fold(edited, |s, u| s.apply(Action::Run(u)));
        assert!(
            stale.report.is_none() && stale.run.is_some() && stale.progress.is_none(),
            "a stale run is ignored"
        );
        let mut updates = news(&second).into_iter();
        let mut s = stale;
        for u in updates.by_ref() {
            let preliminary = matches!(u, Update::Preliminary { .. });
            s = s.apply(Action::Run(u));
            if preliminary {
                break;
            }
        }
        assert!(s.preliminary && s.report.as_ref().unwrap().draws == 1);
        assert!(s.run.is_some() && s.progress == Some((1, 20)));
        let done = updates.fold(s, |s, u| s.apply(Action::Run(u)));
        assert!(done.report.is_some() && done.run.is_none() && !done.preliminary);
        assert_eq!(done.report.as_ref().unwrap().draws, 20);
        let cancelled = done
            .apply(Action::SetDevelopers("160".into()))
            .apply(Action::CancelRun);
        assert!(cancelled.run.is_none());
        assert_eq!(cancelled.report, done.report, "the last results stay");
    }

    #[test]
    fn deferred_sensitivity_waits_for_the_report_run_then_runs_in_the_shell() {
        let mut scenario = small().scenario;
        scenario.uncertainty.draws = 2;
        let s = Session::deferred(scenario).apply(Action::ComputeSensitivity(1));
        let report_run = s.run.clone().unwrap();
        assert_eq!(report_run.task, Task::Report, "the report run goes first");
        assert_eq!(s.sensitivity_wanted, Some(1));
        let finish = |mut s: Session| {
            let run = s.run.clone().unwrap();
            let mut job = Job::new(run.generation, run.task, (*run.valid).clone());
            while !job.is_done() {
                for u in job.step() {
                    s = s.apply(Action::Run(u));
                }
            }
            s
        };
        let s = finish(s);
        assert_eq!(s.run.as_ref().unwrap().task, Task::Sensitivity(1));
        let s = finish(s);
        assert!(s.run.is_none() && s.sensitivity_wanted.is_none());
        assert_eq!(s.tornado.as_ref().unwrap().0, 1);
        let failed = s
            .apply(Action::SetDevelopers("170".into()))
            .apply(Action::Run(Update::Failed {
                generation: 0,
                message: "stale".into(),
            }));
        assert!(failed.scenario_notice.is_none(), "stale news is ignored");
    }

    #[test]
    fn a_value_typed_and_a_value_in_an_opened_file_are_fixed_alike() {
        let s = small();
        let typed = s.apply(Action::SetParam {
            path: "output.pass_through".into(),
            text: "0".into(),
        });
        let opened = s.apply(Action::ImportScenario {
            text: r#"{"output": {"pass_through": 0}}"#.into(),
            file: "fixed.json".into(),
        });
        assert_eq!(opened.scenario.output.pass_through, 0.0);
        assert_eq!(
            opened.scenario.uncertainty.priors,
            typed.scenario.uncertainty.priors
        );
        assert!(!opened
            .scenario
            .uncertainty
            .priors
            .contains_key("output.pass_through"));
        // And so does the share link the page makes of it.
        let linked = crate::share::decode(&opened.share_payload()).unwrap();
        assert_eq!(linked, opened.scenario);
    }

    #[test]
    fn model_parameters_are_edited_by_path_within_their_range() {
        let s = small();
        let richer = s.apply(Action::SetParam {
            path: "usage.mean_spend_usd".into(),
            text: "300".into(),
        });
        assert_eq!(richer.scenario.usage.mean_spend_usd, 300.0);
        assert!(!richer
            .scenario
            .uncertainty
            .priors
            .contains_key("usage.mean_spend_usd"));
        assert!(total(&richer) > total(&s));
        let bad = richer.apply(Action::SetParam {
            path: "usage.sigma".into(),
            text: "9".into(),
        });
        assert_eq!(
            bad.input_error.as_deref(),
            Some("sigma: 9 is above 3 (allowed 0 – 3 log-sd of per-developer demand).")
        );
        assert_eq!(bad.input_error_field.as_deref(), Some("usage.sigma"));
        assert_eq!(bad.scenario.usage.sigma, richer.scenario.usage.sigma);
        assert_eq!(bad.report, richer.report);
    }

    #[test]
    fn policy_sets_are_added_from_templates_up_to_six_and_removed_down_to_one() {
        let mut s = small();
        assert_eq!(s.scenario.policies.len(), 3);
        for _ in 0..5 {
            s = s.apply(Action::AddPolicy(1));
        }
        assert_eq!(s.scenario.policies.len(), MAX_POLICY_SETS);
        assert!(s.scenario_notice.as_ref().unwrap().contains("At most 6"));
        assert_eq!(s.scenario.policies[4].name, "Mandate 80%+ (2)");
        assert_eq!(s.report.as_ref().unwrap().policies.len(), 6);
        for _ in 0..10 {
            s = s.apply(Action::RemovePolicy(0));
        }
        assert_eq!(s.scenario.policies.len(), 1);
    }

    #[test]
    fn presets_open_in_one_action() {
        let s = small().apply(Action::LoadPreset("uber-cap-1500".into()));
        assert_eq!(s.scenario.policies.len(), 2);
        assert_eq!(
            s.scenario_notice.as_deref(),
            Some("Opened the preset uber-cap-1500.")
        );
        let none = s.apply(Action::LoadPreset("nope".into()));
        assert_eq!(none.scenario, s.scenario);
    }

    #[test]
    fn the_share_payload_opens_the_same_scenario() {
        let s = small();
        assert_eq!(
            crate::share::decode(&s.share_payload()).unwrap(),
            s.scenario
        );
    }

    #[test]
    fn an_overridden_price_travels_with_the_link_and_the_export() {
        let s = small();
        let plain = s.share_payload().len();
        let day = "2026-11-22".parse().unwrap();
        let cheaper = s.apply(Action::AddManualPrice {
            model: "claude-sonnet-4-6".into(),
            input: "1.5".into(),
            cache_read: "0.15".into(),
            output: "7.5".into(),
            as_of: day,
        });
        assert!(total(&cheaper) < total(&s));
        // Only the one differing model travels, not the whole table.
        let carried = &cheaper.scenario.pricing.prices;
        assert_eq!(carried.len(), 1);
        assert_eq!(carried[0]["id"], "claude-sonnet-4-6");
        let link = cheaper.share_payload();
        assert!(link.len() < plain + 400, "{} vs {plain}", link.len());
        let from_link = crate::share::decode(&link).unwrap();
        let exported = cheaper.scenario.to_json();
        assert_eq!(from_link, cheaper.scenario);
        assert_eq!(
            scenario_from_json(&exported, "exported.json").unwrap(),
            from_link
        );
        // Opened afresh (built-in prices only), both run on the carried price.
        let reopened = Session::with_scenario(from_link.clone());
        assert_eq!(reopened.scenario, cheaper.scenario);
        assert_eq!(reopened.report, cheaper.report);
        let imported = small().apply(Action::ImportScenario {
            text: exported,
            file: "plan.json".into(),
        });
        assert_eq!(imported.report, cheaper.report);
        // The CLI's path: validation against the built-in table alone uses the carried price.
        let v = from_link.validate(&Catalogue::builtin()).unwrap();
        let builtin = s.valid().unwrap();
        let m = v
            .models
            .iter()
            .position(|m| m == "claude-sonnet-4-6")
            .unwrap();
        assert_eq!(
            v.model_usd_per_token,
            cheaper.valid().unwrap().model_usd_per_token
        );
        assert!(v.model_usd_per_token[m][0] < builtin.model_usd_per_token[m][0]);
    }

    #[test]
    fn discounts_and_a_commitment_are_edited_as_text() {
        let s = small();
        let discounted = s.apply(Action::SetField {
            path: "pricing.discounts".into(),
            text: "anthropic=20, model:gpt-5.4=10".into(),
        });
        assert_eq!(discounted.input_error, None);
        assert_eq!(discounted.scenario.pricing.discounts.len(), 2);
        assert!(total(&discounted) < total(&s));
        let doc = crate::scenario::document(&discounted.scenario);
        assert_eq!(
            crate::scenario::field_text(&doc, "pricing.discounts"),
            "anthropic=20, model:gpt-5.4=10"
        );
        let committed = discounted.apply(Action::SetField {
            path: "pricing.commitment".into(),
            text: "100000000/year".into(),
        });
        assert!(
            total(&committed) > total(&s),
            "a large commitment is billed"
        );
        let unreadable = committed.apply(Action::SetField {
            path: "pricing.discounts".into(),
            text: "anthropic 20".into(),
        });
        let e = unreadable.input_error.unwrap();
        assert!(
            e.starts_with("Discounts: ") && e.contains("PROVIDER=PERCENT"),
            "{e}"
        );
        let out_of_range = committed.apply(Action::SetField {
            path: "pricing.discounts".into(),
            text: "anthropic=120".into(),
        });
        let e = out_of_range.input_error.unwrap();
        assert!(e.contains("120") && e.contains("100"), "{e}");
        let cleared = committed
            .apply(Action::SetField {
                path: "pricing.discounts".into(),
                text: "".into(),
            })
            .apply(Action::SetField {
                path: "pricing.commitment".into(),
                text: "".into(),
            });
        assert!(cleared.scenario.pricing.is_empty());
        assert_eq!(cleared.report, s.report);
    }

    #[test]
    fn damaged_carried_prices_stop_the_scenario_instead_of_falling_back() {
        let mut scenario = small().scenario;
        scenario.pricing.prices = vec![serde_json::json!({
            "id": "claude-sonnet-4-6", "name": "x", "provider": "anthropic",
            "prices": {"input": -3, "output": 15},
            "source": "x", "checked": "2026-11-22"
        })];
        let s = Session::with_scenario(scenario.clone());
        assert_eq!(s.report, None);
        let e = s.input_error.unwrap();
        assert!(e.contains("prices carried by the scenario"), "{e}");
        assert_eq!(s.scenario.pricing.prices, scenario.pricing.prices);
    }

    #[test]
    fn model_shares_are_edited_in_percent() {
        let s = small();
        assert_eq!(s.share_inputs[0], "60");
        let bad = s.apply(Action::SetShare {
            index: 0,
            text: "50".into(),
        });
        assert_eq!(
            bad.input_error.as_deref(),
            Some("Model mix: the shares add up to 90 %, not 100 %.")
        );
        assert_eq!(
            bad.input_error_field.as_deref(),
            Some("model_mix (sum of shares)")
        );
        let over = s.apply(Action::SetShare {
            index: 0,
            text: "150".into(),
        });
        assert_eq!(
            over.input_error.as_deref(),
            Some("Share of model 1: 150 % is above 100 % (allowed 0 – 100 %).")
        );
        let fixed = bad.apply(Action::SetShare {
            index: 1,
            text: "25".into(),
        });
        assert_eq!(fixed.input_error, None);
    }

    #[test]
    fn a_failed_pricing_load_keeps_the_built_in_table_and_says_so() {
        let s = small();
        let failed = s.apply(Action::PricingLoaded(Err("HTTP 404".into())));
        assert_eq!(failed.catalogue, s.catalogue);
        assert!(failed.pricing_notice.as_ref().unwrap().contains("HTTP 404"));
        assert_eq!(failed.report, s.report);
    }
}
