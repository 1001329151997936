//! The scenario document: organisation, prices, model parameters, policy sets and uncertainty.
//!
//! A [`Scenario`] is the versioned JSON document (`"version": 1`, `docs/scenario.md`) that the
//! CLI reads and the app edits; every omitted field takes its default. [`Scenario::validate`]
//! checks every field against its allowed range and resolves models, prices and plans against a
//! pricing [`Catalogue`], producing a [`ValidScenario`], the only input the engine accepts.

mod actuals;
mod budget;
mod fields;
mod input;
mod messages;
mod params;
mod policy;
mod presets;
mod provenance;
pub(crate) mod rules;
mod terms;

pub use actuals::{Actuals, CentreActuals, MAX_ACTUAL_CENTRES, MAX_ACTUAL_MONTHS};
pub use budget::{Budget, FiscalCalendar};
pub use fields::{document, field, fields, lever, set_lever, FieldKind, FieldSpec, FIELDS};
pub use fields::{field_text, set_field, Evidence, Lever, Section, HEADCOUNT, LEVERS};
pub use input::InputError;
pub use input::{FieldPath, PriorPart, Problem, Step};
pub use messages::{error_message, input_message, prior_description, quoted};
pub use messages::{problem_message, read_typed, TypedUnit};
pub(crate) use messages::{range_message, read_number};
pub use params::{param_groups, parameter_table, parameters_json, Output, Runs, Usage, PARAMS};
pub use params::{Adoption, Effects, Gaming, Params};
pub use policy::Window;
pub use policy::{
    Accountability, AccountabilityKind, AnnualBudget, Leaderboard, Mandate, Metric, PlanChoice,
    PolicySet, RunCap, SeatHolders, UserBudget,
};
pub use presets::{policy_templates, preset, preset_title, PRESETS};
pub use provenance::{Fitted, NotFitted, Observed, Provenance, SourceCount};
pub use rules::{PolicyModel, Span};
pub use terms::{builtin_prices, Agreement, PricingTerms};
pub use terms::{Commitment, CommitmentPeriod, Discount};

use crate::calendar::{Date, YearMonth};
use crate::pricing::{Catalogue, PricingError, TokenMix};
use crate::units::UsdPerMTok;
use rand::Rng;
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use thiserror::Error;

/// The scenario format version this build writes and reads.
pub(crate) const SCENARIO_VERSION: u32 = 1;

/// Widest log-sd a lognormal prior may have.
pub(crate) const MAX_PRIOR_LOG_SD: f64 = 3.0;

/// The day `usage.mean_spend_usd` is read at the reference model's list price in the built-in
/// table: the day its source (Claude Code cost docs, $150–250 per developer per month) was
/// checked. Demand is a quantity of tokens fixed here, so the prices in use then price it.
pub(crate) const DEMAND_CALIBRATION_DAY: (i32, u8, u8) = (2026, 11, 22);

/// [`DEMAND_CALIBRATION_DAY`] as a date.
pub(crate) fn demand_calibration_day() -> Date {
    let (y, m, d) = DEMAND_CALIBRATION_DAY;
    Date::from_ymd(y, m, d).expect("a valid day")
}

/// Why a scenario was rejected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ScenarioError {
    /// The text is not a scenario document.
    #[error("{file}: not a valid scenario: {message}")]
    Malformed {
        /// The file (or other origin) read.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// A field of the document cannot be read: a wrong type, an unknown value, a number JSON
    /// cannot hold (`1e999`, `NaN`, `Infinity`), a bad month.
    #[error(
        "{file}: scenario field `{field}`: {message}{}",
        .allowed.as_ref().map_or(String::new(), |a| format!(" (allowed: {a})"))
    )]
    Unreadable {
        /// The file (or other origin) read.
        file: String,
        /// The field's path, e.g. `policies[0].run_cap.usd_per_run`.
        field: String,
        /// The parser's message, with line and column where known.
        message: String,
        /// What the field allows, where the field tables say.
        allowed: Option<String>,
    },
    /// A field is outside its allowed range.
    #[error("scenario field `{field}` = {value} is out of range (allowed: {allowed})")]
    OutOfRange {
        /// The field's path, e.g. `adoption.q`.
        field: String,
        /// The value found.
        value: String,
        /// The allowed range.
        allowed: String,
    },
    /// A model or plan has no price.
    #[error("scenario field `{field}`: {source}")]
    Pricing {
        /// The field's path, e.g. `model_mix[2].model`.
        field: String,
        /// The pricing lookup's error.
        source: PricingError,
    },
}

impl ScenarioError {
    /// The field the error is about (`scenario` for a document that does not parse).
    pub fn field(&self) -> &str {
        match self {
            ScenarioError::Malformed { .. } => "scenario",
            ScenarioError::Unreadable { field, .. }
            | ScenarioError::OutOfRange { field, .. }
            | ScenarioError::Pricing { field, .. } => field,
        }
    }
}

/// Cost centres, each with teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The cost centres.
    pub cost_centres: Vec<CostCentre>,
}

/// A cost centre: the unit that budgets, showback and chargeback apply to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostCentre {
    /// Name, unique in the organisation.
    pub name: String,
    /// Its teams.
    pub teams: Vec<Team>,
    /// Its own budget [USD / year], over the organisation's fiscal year; allowed 1 –
    /// 10,000,000,000,000. None: no budget of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_budget_usd: Option<f64>,
}

/// A team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Name.
    pub name: String,
    /// Headcount; allowed 0–1,000,000.
    pub developers: u32,
    /// Share of adopters who run agents; default `usage.agentic_share`; allowed 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agentic_share: Option<f64>,
    /// Multiplier on the organisation's usage level; allowed 0–100.
    #[serde(default = "one")]
    pub usage_multiplier: f64,
    /// The team's own model mix; default: the scenario's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_mix: Option<Vec<ModelShare>>,
}

fn one() -> f64 {
    1.0
}

/// Shares of each token type in agentic traffic; they must sum to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TokenMixSpec {
    /// Uncached prompt tokens.
    pub input: f64,
    /// Cache reads.
    pub cache_read: f64,
    /// 5-minute cache writes.
    pub cache_write_5m: f64,
    /// 1-hour cache writes.
    pub cache_write_1h: f64,
    /// Generated tokens.
    pub output: f64,
}

impl Default for TokenMixSpec {
    fn default() -> Self {
        TokenMixSpec {
            input: 0.005,
            cache_read: 0.95,
            cache_write_5m: 0.04,
            cache_write_1h: 0.0,
            output: 0.005,
        }
    }
}

/// One model's share of a team's tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelShare {
    /// Catalogue id.
    pub model: String,
    /// Share of tokens; the shares of a mix must sum to 1.
    pub share: f64,
}

/// A prior distribution of one parameter, drawn once per Monte Carlo draw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Prior {
    /// Always this value.
    Fixed(f64),
    /// Uniform between the two bounds.
    Uniform([f64; 2]),
    /// Lognormal with this median and log-sd.
    Lognormal {
        /// The median.
        median: f64,
        /// The log-sd.
        sigma: f64,
    },
}

impl Prior {
    /// The `q` quantile of the prior (for sensitivity analysis).
    pub(crate) fn quantile(&self, q: f64) -> f64 {
        match *self {
            Prior::Fixed(v) => v,
            Prior::Uniform([lo, hi]) => lo + (hi - lo) * q,
            Prior::Lognormal { median, sigma } => {
                median * libm::exp(sigma * crate::stats::normal_quantile(q))
            }
        }
    }

    /// One draw, clamped into `[min, max]`.
    pub fn sample<R: Rng>(&self, rng: &mut R, min: f64, max: f64) -> f64 {
        let v = match *self {
            Prior::Fixed(v) => v,
            Prior::Uniform([lo, hi]) => lo + (hi - lo) * rng.random::<f64>(),
            Prior::Lognormal { median, sigma } => {
                // exp via libm (not rand_distr's LogNormal, which uses the platform's exp), so
                // draws are bit-identical natively and in WebAssembly.
                let z: f64 = rng.sample(StandardNormal);
                libm::exp(libm::log(median) + sigma * z)
            }
        };
        v.clamp(min, max)
    }
}

/// Monte Carlo settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Uncertainty {
    /// Number of draws; allowed 1–10,000.
    pub draws: u32,
    /// Seed of every random stream.
    pub seed: u64,
    /// Priors by parameter path (e.g. `usage.sigma`); a parameter without one keeps its value.
    pub priors: BTreeMap<String, Prior>,
}

impl Default for Uncertainty {
    fn default() -> Self {
        let mut priors = BTreeMap::new();
        let u = |lo: f64, hi: f64| Prior::Uniform([lo, hi]);
        priors.insert("usage.sigma".into(), u(1.0, 1.35));
        priors.insert(
            "usage.mean_spend_usd".into(),
            Prior::Lognormal {
                median: 200.0,
                sigma: 0.3,
            },
        );
        priors.insert("adoption.q".into(), u(0.6, 2.4));
        priors.insert("output.uplift_median".into(), u(0.05, 0.45));
        priors.insert("output.elasticity".into(), u(0.2, 0.4));
        priors.insert("output.pass_through".into(), u(0.0, 1.0));
        priors.insert("output.unshipped_share".into(), u(0.2, 0.4));
        priors.insert("gaming.propensity_a".into(), u(1.0, 3.0));
        priors.insert("gaming.padding".into(), u(0.3, 2.0));
        priors.insert("output.defect_sensitivity".into(), u(0.0, 0.4));
        Uncertainty {
            draws: 200,
            seed: 42,
            priors,
        }
    }
}

/// A scenario as written in JSON: every field optional, defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub version: u32,
    /// A label for the scenario.
    pub name: String,
    /// The first simulated month.
    pub start_month: YearMonth,
    /// Horizon [months]; allowed 1–120.
    pub months: u32,
    /// Cost centres and teams.
    pub organisation: Organisation,
    /// The organisation's budget and fiscal year.
    #[serde(skip_serializing_if = "Budget::is_default")]
    pub budget: Budget,
    /// The model whose built-in list price on [`DEMAND_CALIBRATION_DAY`] converts
    /// `usage.mean_spend_usd` into tokens.
    pub(crate) reference_model: String,
    /// Token-type mix of agentic traffic.
    pub token_mix: TokenMixSpec,
    /// Which models serve the tokens (teams may override).
    pub model_mix: Vec<ModelShare>,
    /// Usage level and dispersion.
    pub usage: Usage,
    /// Adoption dynamics.
    pub adoption: Adoption,
    /// Shipped output.
    pub output: Output,
    /// Leaderboard gaming behaviour.
    pub gaming: Gaming,
    /// Agent runs.
    pub runs: Runs,
    /// Effects of the ticket rule and showback / chargeback.
    pub(crate) effects: Effects,
    /// The policy sets compared.
    pub policies: Vec<PolicySet>,
    /// Monte Carlo settings.
    pub uncertainty: Uncertainty,
    /// Agreement terms: discounts off list prices and committed spend.
    #[serde(skip_serializing_if = "PricingTerms::is_empty")]
    pub pricing: PricingTerms,
    /// Where the values come from, when the scenario was calibrated to usage exports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Spend observed month by month, when the scenario was calibrated to usage exports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actuals: Option<Actuals>,
}

fn team(name: &str, developers: u32, agentic: f64, usage: f64) -> Team {
    Team {
        name: name.into(),
        developers,
        agentic_share: Some(agentic),
        usage_multiplier: usage,
        model_mix: None,
    }
}

fn share(model: &str, share: f64) -> ModelShare {
    ModelShare {
        model: model.into(),
        share,
    }
}

/// The default scenario's first month.
pub(crate) fn default_start_month() -> YearMonth {
    YearMonth::new(2026, 7).expect("a valid month")
}

/// The default organisation: 2,000 developers in 4 cost centres.
pub(crate) fn default_organisation() -> Organisation {
    let cc = |name: &str, teams: Vec<Team>| CostCentre {
        name: name.into(),
        teams,
        annual_budget_usd: None,
    };
    Organisation {
        cost_centres: vec![
            cc(
                "Product Engineering",
                vec![team("Web", 400, 0.7, 1.0), team("Mobile", 250, 0.6, 0.9)],
            ),
            cc(
                "Platform",
                vec![
                    team("Infrastructure", 300, 0.75, 1.2),
                    team("Developer Experience", 150, 0.85, 1.3),
                ],
            ),
            cc(
                "Data & ML",
                vec![
                    team("Data", 250, 0.7, 1.1),
                    team("Machine Learning", 150, 0.8, 1.2),
                ],
            ),
            cc(
                "Enterprise Apps",
                vec![
                    team("Internal Tools", 300, 0.6, 0.8),
                    team("Integrations", 200, 0.55, 0.8),
                ],
            ),
        ],
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            version: SCENARIO_VERSION,
            name: "Default: 2,000 developers, a baseline and three single changes".into(),
            start_month: default_start_month(),
            months: 24,
            organisation: default_organisation(),
            budget: Budget::default(),
            reference_model: "claude-sonnet-4-6".into(),
            token_mix: TokenMixSpec::default(),
            model_mix: vec![
                share("claude-sonnet-4-6", 0.60),
                share("claude-opus-4-6", 0.15),
                share("gpt-5.4", 0.15),
                share("gemini-3-flash", 0.10),
            ],
            usage: Usage::default(),
            adoption: Adoption::default(),
            output: Output::default(),
            gaming: Gaming::default(),
            runs: Runs::default(),
            effects: Effects::default(),
            policies: presets::default_policies(),
            uncertainty: Uncertainty::default(),
            pricing: PricingTerms::default(),
            provenance: None,
            actuals: None,
        }
    }
}

/// A team, ready for the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamModel {
    /// Name.
    pub name: String,
    /// Index of its cost centre.
    pub cost_centre: usize,
    /// Headcount.
    pub developers: u32,
    /// Share of adopters who run agents.
    pub agentic_share: f64,
    /// Usage multiplier.
    pub usage_multiplier: f64,
    /// Price of one token of the team's mix, month by month [USD / token].
    pub(crate) usd_per_token: Vec<f64>,
    /// Share of the team's token spend on each model of [`ValidScenario::models`], month by
    /// month [fraction].
    pub spend_split: Vec<Vec<f64>>,
}

/// The models the organisation's mixes name, in order of first mention, each priced for every
/// month of the horizon as the validation meets them.
#[derive(Default)]
struct PricedModels {
    /// Catalogue ids.
    models: Vec<String>,
    /// Each model's blended price per month [USD / 1M tokens].
    blends: BTreeMap<String, Vec<UsdPerMTok>>,
    /// Each model's provider, in the order of `models`.
    providers: Vec<String>,
}

impl PricedModels {
    /// A team's price per token [USD / token] and spend split by model, month by month, from
    /// its model mix `team_mix` (at path `mix_field`); models not met before are priced and
    /// added.
    fn team(
        &mut self,
        catalogue: &Catalogue,
        mix: &TokenMix,
        months: &[YearMonth],
        mix_field: &str,
        team_mix: &[ModelShare],
    ) -> Result<(Vec<f64>, Vec<Vec<f64>>), ScenarioError> {
        let mut per_model = Vec::with_capacity(team_mix.len());
        for (i, s) in team_mix.iter().enumerate() {
            let field = format!("{mix_field}[{i}].model");
            range(&format!("{mix_field}[{i}].share"), s.share, 0.0, 1.0)?;
            if !self.blends.contains_key(&s.model) {
                let model =
                    catalogue
                        .require(&s.model)
                        .map_err(|source| ScenarioError::Pricing {
                            field: field.clone(),
                            source,
                        })?;
                let by_month = months
                    .iter()
                    .map(|&m| model.blended_for_month(mix, m))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|source| ScenarioError::Pricing {
                        field: field.clone(),
                        source,
                    })?;
                self.blends.insert(s.model.clone(), by_month);
                self.providers.push(model.provider.clone());
                self.models.push(s.model.clone());
            }
            let idx = self
                .models
                .iter()
                .position(|m| m == &s.model)
                .expect("just added");
            per_model.push((idx, s.share));
        }
        sums_to_one(mix_field, team_mix.iter().map(|s| s.share).sum())?;
        Ok((0..months.len())
            .map(|t_idx| {
                let weights: Vec<(usize, f64)> = per_model
                    .iter()
                    .map(|&(m, sh)| (m, sh * self.blends[&self.models[m]][t_idx].0 / 1e6))
                    .collect();
                let price: f64 = weights.iter().map(|w| w.1).sum();
                let mut split = vec![0.0; self.models.len()];
                for (m, w) in weights {
                    split[m] += if price > 0.0 { w / price } else { 0.0 };
                }
                (price, split)
            })
            .unzip())
    }
}

/// The organisation's teams and the models they use, as validation resolves them.
struct TeamTable {
    cost_centres: Vec<String>,
    teams: Vec<TeamModel>,
    models: Vec<String>,
    providers: Vec<String>,
    prices: Vec<Vec<f64>>,
}

/// A scenario whose every field is in range and whose models and plans are all priced.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidScenario {
    /// The scenario as the user wrote it (defaults filled in).
    pub scenario: Scenario,
    /// The simulated months.
    pub months: Vec<YearMonth>,
    /// Cost-centre names.
    pub cost_centres: Vec<String>,
    /// Every team, in document order.
    pub teams: Vec<TeamModel>,
    /// Every model any team uses.
    pub models: Vec<String>,
    /// Each model's provider, in the order of `models`.
    pub model_providers: Vec<String>,
    /// Each model's price of one token of the token mix, month by month [USD / token].
    pub model_usd_per_token: Vec<Vec<f64>>,
    /// The policy sets.
    pub policies: Vec<PolicyModel>,
    /// Price of one token of the token mix on the reference model at its built-in list price on
    /// [`DEMAND_CALIBRATION_DAY`] [USD / token]; calibrates demand, never bills it.
    pub(crate) reference_usd_per_token: f64,
    /// The priors, each with its parameter's spec.
    pub priors: Vec<(&'static FieldSpec, Prior)>,
    /// Discounts and commitment, resolved against `models` and the policy sets' plans.
    pub agreement: Agreement,
    /// The organisation's budget over its fiscal years, if it has one.
    pub budget: Option<rules::AnnualBudget>,
    /// Each cost centre's own budget [USD / year], by cost-centre index.
    pub cost_centre_budgets: Vec<Option<f64>>,
    /// The organisation's fiscal calendar.
    pub fiscal: FiscalCalendar,
}

impl Scenario {
    /// Parses a scenario document; `file` names its origin in messages. The document must be a
    /// JSON object no deeper than [`crate::limits`] allows; it is read by
    /// [`Scenario::from_value`], and a syntax error names the field it stands in (e.g. a `NaN`
    /// or `1e999` where a number belongs) and what that field allows.
    pub fn from_json(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
        let malformed = |message: String| ScenarioError::Malformed {
            file: file.to_string(),
            message,
        };
        crate::limits::check_json_depth(text.as_bytes()).map_err(malformed)?;
        if !text.trim_start().starts_with('{') {
            return Err(not_an_object(file));
        }
        match serde_json::from_str::<Value>(text) {
            Ok(doc) => Scenario::from_value(doc, file),
            Err(e) => {
                // Read again as plain JSON with its path tracked, to name the field the error
                // stands in (tracking a `Value` rather than a `Scenario` keeps a second copy of
                // the scenario's reader out of the page's bundle).
                let mut de = serde_json::Deserializer::from_str(text);
                Err(
                    match serde_path_to_error::deserialize::<_, Value>(&mut de) {
                        Err(e) => unreadable(e, file),
                        Ok(_) => malformed(e.to_string()),
                    },
                )
            }
        }
    }

    /// The one reader of scenario documents, for files, share links, autosaves and the app's
    /// file open: the document must be a JSON object; it is migrated forward
    /// ([`crate::share::migrate`], refusing a `version` that is not a whole number from 1 to
    /// [`SCENARIO_VERSION`]), then parsed, an error naming the field's path and what it allows.
    /// Default priors yield to the parameter values the document states
    /// ([`Scenario::fix_param`]).
    pub(crate) fn from_value(doc: Value, file: &str) -> Result<Scenario, ScenarioError> {
        if !doc.is_object() {
            return Err(not_an_object(file));
        }
        let doc = crate::share::migrate(doc)?;
        let scenario = read_document(&doc).map_err(|e| unreadable(e, file))?;
        if let Some(field) = list_for_object(&doc, &document(&scenario), String::new()) {
            return Err(ScenarioError::Unreadable {
                file: file.to_string(),
                message: "a list where a JSON object (`{ … }`) with named fields belongs".into(),
                allowed: fields::allowed(&field),
                field,
            });
        }
        Ok(scenario.with_stated_values_fixed(&doc))
    }

    /// States a value for a model parameter (`path`, e.g. `output.pass_through`): the value
    /// holds in every draw, so the parameter's prior goes (a prior set afterwards applies
    /// again). Returns `false` for an unknown path.
    pub fn fix_param(&mut self, path: &str, value: f64) -> bool {
        let mut params = self.params();
        let Some(slot) = params.get_mut(path) else {
            return false;
        };
        *slot = value;
        self.set_params(&params);
        self.uncertainty.priors.remove(path);
        true
    }

    /// The one rule for default priors: a document that states no `uncertainty.priors` gets
    /// the default priors, except for each parameter whose value it states, which is fixed
    /// there ([`Scenario::fix_param`]). A document that states `uncertainty.priors` gets
    /// exactly those.
    fn with_stated_values_fixed(mut self, doc: &Value) -> Scenario {
        if doc.pointer("/uncertainty/priors").is_some() {
            return self;
        }
        for spec in PARAMS {
            let pointer = format!("/{}", spec.path.replace('.', "/"));
            if doc.pointer(&pointer).is_some() {
                let value = self
                    .params()
                    .get(spec.path)
                    .expect("every spec has a field");
                self.fix_param(spec.path, value);
            }
        }
        self
    }

    /// The scenario as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// All developers of the organisation.
    pub fn developers(&self) -> u64 {
        self.organisation
            .cost_centres
            .iter()
            .flat_map(|c| &c.teams)
            .map(|t| u64::from(t.developers))
            .sum()
    }

    /// The cost centres' names, in document order.
    pub fn cost_centre_names(&self) -> Vec<String> {
        self.organisation
            .cost_centres
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// Rescales every team's headcount so the organisation has `total` developers, keeping the
    /// proportions (largest remainders get the rounding).
    pub fn scale_developers(&mut self, total: u32) {
        let current = self.developers();
        let teams: Vec<&mut Team> = self
            .organisation
            .cost_centres
            .iter_mut()
            .flat_map(|c| c.teams.iter_mut())
            .collect();
        if current == 0 || teams.is_empty() {
            return;
        }
        let exact: Vec<f64> = teams
            .iter()
            .map(|t| f64::from(t.developers) * f64::from(total) / current as f64)
            .collect();
        let mut counts: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
        let mut left = total.saturating_sub(counts.iter().sum());
        let mut order: Vec<usize> = (0..exact.len()).collect();
        order.sort_by(|&a, &b| {
            (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor()))
        });
        for i in order {
            if left == 0 {
                break;
            }
            counts[i] += 1;
            left -= 1;
        }
        for (t, n) in teams.into_iter().zip(counts) {
            t.developers = n;
        }
    }

    /// The base parameters (before priors).
    pub fn params(&self) -> Params {
        Params {
            usage: self.usage,
            adoption: self.adoption,
            output: self.output,
            gaming: self.gaming,
            runs: self.runs,
            effects: self.effects,
        }
    }

    /// Sets every numeric parameter group from `p`.
    pub(crate) fn set_params(&mut self, p: &Params) {
        self.usage = p.usage;
        self.adoption = p.adoption;
        self.output = p.output;
        self.gaming = p.gaming;
        self.runs = p.runs;
        self.effects = p.effects;
    }

    /// Checks every field and resolves prices and plans against `catalogue` with the prices
    /// the scenario carries (`pricing.prices`) laid over it.
    pub fn validate(&self, catalogue: &Catalogue) -> Result<ValidScenario, ScenarioError> {
        if self.version != SCENARIO_VERSION {
            return Err(out_of_range("version", self.version, "1"));
        }
        let carried = self.pricing.over(catalogue, self.start_month.first_day())?;
        let catalogue: &Catalogue = &carried;
        fields::check("months", f64::from(self.months))?;
        crate::limits::check_organisation(self)?;
        if self.start_month.plus(self.months - 1) > YearMonth::LAST {
            let most = YearMonth::LAST.ordinal() - self.start_month.ordinal() + 1;
            return Err(out_of_range(
                "months",
                self.months,
                &format!(
                    "1–{most} from {}: the horizon must end by {}",
                    self.start_month,
                    YearMonth::LAST
                ),
            ));
        }
        if let Some(a) = &self.actuals {
            a.check()
                .map_err(|(field, value, allowed)| out_of_range(&field, value, &allowed))?;
        }
        let params = self.params();
        for spec in PARAMS {
            let v = params.get(spec.path).expect("every spec has a field");
            range(spec.path, v, spec.min, spec.max)?;
        }
        let months: Vec<YearMonth> = (0..self.months).map(|t| self.start_month.plus(t)).collect();
        let mix = self.token_mix()?;
        let (budget, cost_centre_budgets) = self.budgets()?;

        let reference_usd_per_token = self.reference_usd_per_token(&mix)?;

        let TeamTable {
            cost_centres,
            teams,
            models,
            providers: model_providers,
            prices: model_usd_per_token,
        } = self.teams(catalogue, &mix, &months)?;
        let policies = self
            .policies
            .iter()
            .enumerate()
            .map(|(i, p)| self.policy(i, p, &cost_centres, catalogue, budget))
            .collect::<Result<Vec<_>, _>>()?;
        if policies.is_empty() {
            return Err(out_of_range("policies", "[]", "at least one policy set"));
        }
        if policies.len() > 12 {
            return Err(out_of_range("policies", policies.len(), "1–12 policy sets"));
        }

        let agreement = self.pricing.resolve(catalogue, &models, &model_providers)?;

        let u = &self.uncertainty;
        fields::check("uncertainty.draws", f64::from(u.draws))?;
        crate::limits::check_run(self, cost_centres.len(), models.len())?;
        let mut priors = Vec::with_capacity(u.priors.len());
        for (path, prior) in &u.priors {
            let field = format!("uncertainty.priors.{path}");
            let spec = fields::field(Section::Param, path).ok_or_else(|| {
                out_of_range(&field, path, "a parameter path such as usage.sigma")
            })?;
            match *prior {
                Prior::Fixed(v) => range(&field, v, spec.min, spec.max)?,
                Prior::Uniform([lo, hi]) => {
                    range(&format!("{field}.uniform[0]"), lo, spec.min, spec.max)?;
                    range(&format!("{field}.uniform[1]"), hi, lo, spec.max)?;
                }
                Prior::Lognormal { median, sigma } => {
                    range(
                        &format!("{field}.lognormal.median"),
                        median,
                        spec.min.max(1e-9),
                        spec.max,
                    )?;
                    range(
                        &format!("{field}.lognormal.sigma"),
                        sigma,
                        0.0,
                        MAX_PRIOR_LOG_SD,
                    )?;
                }
            }
            priors.push((spec, *prior));
        }

        Ok(ValidScenario {
            scenario: self.clone(),
            months,
            cost_centres,
            teams,
            models,
            model_providers,
            model_usd_per_token,
            policies,
            reference_usd_per_token,
            priors,
            agreement,
            budget,
            cost_centre_budgets,
            fiscal: FiscalCalendar::new(self.budget.fiscal_year_start),
        })
    }

    /// The organisation's budget, its first year starting in the fiscal year of the first
    /// month, and each cost centre's own, checked against their ranges.
    #[allow(clippy::type_complexity)]
    fn budgets(&self) -> Result<(Option<rules::AnnualBudget>, Vec<Option<f64>>), ScenarioError> {
        let b = &self.budget;
        fields::check("budget.fiscal_year_start", f64::from(b.fiscal_year_start))?;
        let fiscal = FiscalCalendar::new(b.fiscal_year_start);
        let start = month_offset(self.start_month, fiscal.year_start(self.start_month));
        let budget = match b.annual_usd {
            None => None,
            Some(usd) => {
                fields::check("budget.annual_usd", usd)?;
                Some(rules::AnnualBudget { usd, start })
            }
        };
        let centres = self
            .organisation
            .cost_centres
            .iter()
            .enumerate()
            .map(|(c, cc)| {
                if let Some(usd) = cc.annual_budget_usd {
                    fields::check(
                        &format!("organisation.cost_centres[{c}].annual_budget_usd"),
                        usd,
                    )?;
                }
                Ok(cc.annual_budget_usd)
            })
            .collect::<Result<Vec<_>, ScenarioError>>()?;
        Ok((budget, centres))
    }

    /// The shares of the organisation's model mix, then of every team's own mix.
    pub(crate) fn mix_shares(&self) -> impl Iterator<Item = &ModelShare> {
        let teams = self
            .organisation
            .cost_centres
            .iter()
            .flat_map(|c| &c.teams)
            .filter_map(|t| t.model_mix.as_ref())
            .flatten();
        self.model_mix.iter().chain(teams)
    }

    /// Every model id the scenario names: its model mix, the teams' own mixes and model
    /// discounts, each once.
    pub(crate) fn model_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        let named = self.mix_shares().map(|s| s.model.as_str()).chain(
            self.pricing
                .discounts
                .iter()
                .filter_map(|d| d.model.as_deref()),
        );
        for id in named {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The price of one token of `mix` on the reference model at its list price in the built-in
    /// table on [`DEMAND_CALIBRATION_DAY`] [USD / token]: what turns `usage.mean_spend_usd` into
    /// tokens. Never the table in use, so discounts and price changes move spend.
    fn reference_usd_per_token(&self, mix: &TokenMix) -> Result<f64, ScenarioError> {
        let day = demand_calibration_day();
        let builtin = terms::builtin_prices();
        let allowed = || {
            let mut known: Vec<String> = builtin
                .closest_ids(&self.reference_model, 3)
                .into_iter()
                .filter(|id| {
                    builtin
                        .get(id)
                        .and_then(|m| m.list_prices_on(day))
                        .is_some()
                })
                .collect();
            if known.is_empty() {
                known.push("claude-sonnet-4-6".into());
            }
            format!(
                "Reference model must be a model of the built-in price table with a list price \
                 on {day}, where demand is calibrated, e.g. {}",
                known.join(", ")
            )
        };
        let blend = builtin
            .get(&self.reference_model)
            .and_then(|m| m.list_prices_on(day))
            .map(|p| p.blended(mix).0 / 1e6)
            .ok_or_else(|| out_of_range("reference_model", &self.reference_model, &allowed()))?;
        if blend <= 0.0 {
            return Err(out_of_range(
                "reference_model",
                &self.reference_model,
                "Reference model must have a blended list price above $0",
            ));
        }
        Ok(blend)
    }

    fn token_mix(&self) -> Result<TokenMix, ScenarioError> {
        let t = &self.token_mix;
        let parts = [
            ("token_mix.input", t.input),
            ("token_mix.cache_read", t.cache_read),
            ("token_mix.cache_write_5m", t.cache_write_5m),
            ("token_mix.cache_write_1h", t.cache_write_1h),
            ("token_mix.output", t.output),
        ];
        for (field, v) in parts {
            fields::check(field, v)?;
        }
        sums_to_one("token_mix", parts.iter().map(|p| p.1).sum())?;
        Ok(TokenMix {
            input: t.input,
            cache_read: t.cache_read,
            cache_write_5m: t.cache_write_5m,
            cache_write_1h: t.cache_write_1h,
            output: t.output,
        })
    }

    fn teams(
        &self,
        catalogue: &Catalogue,
        mix: &TokenMix,
        months: &[YearMonth],
    ) -> Result<TeamTable, ScenarioError> {
        let org = &self.organisation;
        if org.cost_centres.is_empty() {
            return Err(out_of_range(
                "organisation.cost_centres",
                "[]",
                "at least one cost centre",
            ));
        }
        let mut names: Vec<String> = Vec::new();
        let mut priced = PricedModels::default();
        let mut teams = Vec::new();
        let mut total: u64 = 0;
        for (c, cc) in org.cost_centres.iter().enumerate() {
            let at = format!("organisation.cost_centres[{c}]");
            if cc.name.trim().is_empty() || names.contains(&cc.name) {
                return Err(out_of_range(
                    &format!("{at}.name"),
                    &cc.name,
                    "a non-empty name no other cost centre has",
                ));
            }
            names.push(cc.name.clone());
            if cc.teams.is_empty() {
                return Err(out_of_range(
                    &format!("{at}.teams"),
                    "[]",
                    "at least one team",
                ));
            }
            for (k, t) in cc.teams.iter().enumerate() {
                let at = format!("{at}.teams[{k}]");
                fields::check(&format!("{at}.developers"), f64::from(t.developers))?;
                total += u64::from(t.developers);
                let agentic = t.agentic_share.unwrap_or(self.usage.agentic_share);
                fields::check(&format!("{at}.agentic_share"), agentic)?;
                fields::check(&format!("{at}.usage_multiplier"), t.usage_multiplier)?;
                let (mix_field, team_mix) = match &t.model_mix {
                    Some(m) => (format!("{at}.model_mix"), m),
                    None => ("model_mix".to_string(), &self.model_mix),
                };
                if team_mix.is_empty() {
                    return Err(out_of_range(&mix_field, "[]", "at least one model"));
                }
                let (usd_per_token, spend_split) =
                    priced.team(catalogue, mix, months, &mix_field, team_mix)?;
                teams.push(TeamModel {
                    name: t.name.clone(),
                    cost_centre: c,
                    developers: t.developers,
                    agentic_share: agentic,
                    usage_multiplier: t.usage_multiplier,
                    usd_per_token,
                    spend_split,
                });
            }
        }
        if total == 0 || total > 1_000_000 {
            return Err(out_of_range(
                "organisation (developers in all)",
                total,
                "1–1,000,000",
            ));
        }
        // Later teams may have added models: pad every split to the full model list.
        for t in &mut teams {
            for split in &mut t.spend_split {
                split.resize(priced.models.len(), 0.0);
            }
        }
        let prices = priced
            .models
            .iter()
            .map(|m| priced.blends[m].iter().map(|b| b.0 / 1e6).collect())
            .collect();
        Ok(TeamTable {
            cost_centres: names,
            teams,
            models: priced.models,
            providers: priced.providers,
            prices,
        })
    }

    /// The months of `window` (of policy set `name`, at path `at`) within the horizon. A window
    /// reaching beyond the horizon is cut to it; one wholly outside it is an error naming the
    /// policy set and the window.
    fn span(&self, name: &str, at: &str, window: Window) -> Result<Span, ScenarioError> {
        if let (Some(a), Some(b)) = (window.start, window.end) {
            if a > b {
                return Err(out_of_range(
                    &format!("{at}.end"),
                    b,
                    "a month at or after `start`",
                ));
            }
        }
        let last = i64::from(self.months) - 1;
        let first = window
            .start
            .map_or(0, |m| month_offset(self.start_month, m))
            .max(0);
        let end = window
            .end
            .map_or(last, |m| month_offset(self.start_month, m))
            .min(last);
        if first > last || end < 0 || first > end {
            let month =
                |m: Option<YearMonth>, open: &str| m.map_or(open.to_string(), |m| m.to_string());
            return Err(out_of_range(
                at,
                format!(
                    "window {} – {} of policy set \"{name}\"",
                    month(window.start, "(no start)"),
                    month(window.end, "(no end)")
                ),
                &format!(
                    "a window overlapping the horizon {} – {}",
                    self.start_month,
                    self.start_month.plus(self.months.saturating_sub(1))
                ),
            ));
        }
        Ok(Span {
            first: first as u32,
            last: end as u32,
        })
    }

    /// The rule of a leaderboard at `at` of policy set `name`; none for a board ranking nothing.
    fn leaderboard_rule(
        &self,
        name: &str,
        at: &str,
        b: &Leaderboard,
    ) -> Result<Option<rules::Leaderboard>, ScenarioError> {
        fields::check(&format!("{at}.leaderboard.salience"), b.salience)?;
        if b.tiers.is_empty() || b.tiers.len() > 20 {
            return Err(out_of_range(
                &format!("{at}.leaderboard.tiers"),
                b.tiers.len(),
                "1–20 tiers",
            ));
        }
        for (k, q) in b.tiers.iter().enumerate() {
            range(&format!("{at}.leaderboard.tiers[{k}]"), *q, 0.0, 1.0)?;
            if k > 0 && *q <= b.tiers[k - 1] {
                return Err(out_of_range(
                    &format!("{at}.leaderboard.tiers[{k}]"),
                    q,
                    "tiers in ascending order",
                ));
            }
        }
        let window = self.span(name, &format!("{at}.leaderboard"), b.window())?;
        // A board that ranks nothing changes nothing.
        Ok((b.metric != Metric::None).then(|| rules::Leaderboard {
            window,
            metric: b.metric,
            tiers: b.tiers.clone(),
            salience: b.salience,
        }))
    }

    /// The rule of a per-user budget at `at` of policy set `name`.
    fn user_budget_rule(
        &self,
        name: &str,
        at: &str,
        b: &UserBudget,
    ) -> Result<rules::UserBudget, ScenarioError> {
        if b.daily_usd.is_none() && b.monthly_usd.is_none() {
            return Err(out_of_range(
                &format!("{at}.user_budget"),
                "{}",
                "a daily_usd or monthly_usd limit",
            ));
        }
        if let Some(d) = b.daily_usd {
            fields::check(&format!("{at}.user_budget.daily_usd"), d)?;
        }
        if let Some(m) = b.monthly_usd {
            fields::check(&format!("{at}.user_budget.monthly_usd"), m)?;
        }
        fields::check(
            &format!("{at}.user_budget.exception_share"),
            b.exception_share,
        )?;
        fields::check(
            &format!("{at}.user_budget.exception_multiplier"),
            b.exception_multiplier,
        )?;
        Ok(rules::UserBudget {
            window: self.span(name, &format!("{at}.user_budget"), b.window())?,
            daily_usd: b.daily_usd,
            monthly_usd: b.monthly_usd,
            exception_share: b.exception_share,
            exception_multiplier: b.exception_multiplier,
        })
    }

    /// The rule of showback or chargeback at `at` of policy set `name`.
    fn accountability_rule(
        &self,
        name: &str,
        at: &str,
        a: &Accountability,
        cost_centres: &[String],
    ) -> Result<rules::Accountability, ScenarioError> {
        let mut mask = vec![a.cost_centres.is_empty(); cost_centres.len()];
        for (k, centre) in a.cost_centres.iter().enumerate() {
            let idx = cost_centres
                .iter()
                .position(|c| c == centre)
                .ok_or_else(|| {
                    out_of_range(
                        &format!("{at}.accountability.cost_centres[{k}]"),
                        format!("\"{centre}\""),
                        &format!("one of {}", cost_centres.join(", ")),
                    )
                })?;
            mask[idx] = true;
        }
        Ok(rules::Accountability {
            window: self.span(name, &format!("{at}.accountability"), a.window())?,
            kind: a.kind,
            cost_centres: mask,
        })
    }

    /// The rule of a seat plan at `at`, from the plans of `catalogue`.
    fn plan_rule(
        at: &str,
        choice: &PlanChoice,
        catalogue: &Catalogue,
    ) -> Result<rules::SeatPlan, ScenarioError> {
        let plan = catalogue.plan(&choice.plan).ok_or_else(|| {
            let known: Vec<&str> = catalogue.plans().iter().map(|p| p.id.as_str()).collect();
            out_of_range(
                &format!("{at}.plan.plan"),
                format!("\"{}\"", choice.plan),
                &format!("a plan of the price table ({})", known.join(", ")),
            )
        })?;
        Ok(rules::SeatPlan {
            plan: plan.clone(),
            holders: choice.seats,
        })
    }

    fn policy(
        &self,
        i: usize,
        p: &PolicySet,
        cost_centres: &[String],
        catalogue: &Catalogue,
        organisation_budget: Option<rules::AnnualBudget>,
    ) -> Result<PolicyModel, ScenarioError> {
        let at = format!("policies[{i}]");
        if p.name.trim().is_empty() {
            return Err(out_of_range(
                &format!("{at}.name"),
                "\"\"",
                "a non-empty name",
            ));
        }
        let mandate = match &p.mandate {
            None => None,
            Some(m) => {
                fields::check(&format!("{at}.mandate.target_share"), m.target_share)?;
                fields::check(&format!("{at}.mandate.extra_push"), m.extra_push)?;
                Some(rules::Mandate {
                    window: self.span(&p.name, &format!("{at}.mandate"), m.window())?,
                    target: m.target_share,
                    push: m.extra_push,
                })
            }
        };
        let leaderboard = p
            .leaderboard
            .as_ref()
            .map(|b| self.leaderboard_rule(&p.name, &at, b))
            .transpose()?
            .flatten();
        let run_cap = match &p.run_cap {
            None => None,
            Some(c) => {
                fields::check(&format!("{at}.run_cap.usd_per_run"), c.usd_per_run)?;
                Some(rules::RunCap {
                    window: self.span(&p.name, &format!("{at}.run_cap"), c.window())?,
                    usd_per_run: c.usd_per_run,
                })
            }
        };
        let user_budget = p
            .user_budget
            .as_ref()
            .map(|b| self.user_budget_rule(&p.name, &at, b))
            .transpose()?;
        let ticket_rule = p
            .ticket_rule
            .map(|w| self.span(&p.name, &format!("{at}.ticket_rule"), w))
            .transpose()?
            .map(|window| rules::TicketRule { window });
        let accountability = p
            .accountability
            .as_ref()
            .map(|a| self.accountability_rule(&p.name, &at, a, cost_centres))
            .transpose()?;
        // A policy set's own annual budget overrides the organisation's.
        let annual_budget = match &p.annual_budget {
            None => organisation_budget,
            Some(b) => {
                fields::check(&format!("{at}.annual_budget.usd"), b.usd)?;
                let start = b.start_month.unwrap_or(self.start_month);
                Some(rules::AnnualBudget {
                    usd: b.usd,
                    start: month_offset(self.start_month, start),
                })
            }
        };
        let plan = p
            .plan
            .as_ref()
            .map(|choice| Scenario::plan_rule(&at, choice, catalogue))
            .transpose()?;
        Ok(PolicyModel {
            name: p.name.clone(),
            mandate,
            leaderboard,
            run_cap,
            user_budget,
            ticket_rule,
            accountability,
            annual_budget,
            plan,
        })
    }
}

/// The scenario a current-format document holds, as serde reads it (no migration, no check of
/// its values); an error carries the path of the field it is about. Every reader of scenarios,
/// the page's editors and the worker's requests included, goes through this one function, so
/// the scenario's deserialiser exists once in the page's bundle.
pub(crate) fn read_document(
    doc: &Value,
) -> Result<Scenario, serde_path_to_error::Error<serde_json::Error>> {
    serde_path_to_error::deserialize(doc)
}

/// The path of the first place where `doc` holds a list but the scenario read from it holds an
/// object: serde would fill the object's fields from the list by position, so a document saying
/// `"usage": [300, 1.2]` is refused rather than read as `mean_spend_usd` 300 and `sigma` 1.2.
fn list_for_object(doc: &Value, read: &Value, path: String) -> Option<String> {
    let at = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (doc, read) {
        (Value::Array(_), Value::Object(_)) => {
            Some(if path.is_empty() { ".".into() } else { path })
        }
        (Value::Object(d), Value::Object(r)) => d
            .iter()
            .find_map(|(key, dv)| r.get(key).and_then(|rv| list_for_object(dv, rv, at(key)))),
        (Value::Array(d), Value::Array(r)) => d
            .iter()
            .zip(r)
            .enumerate()
            .find_map(|(i, (dv, rv))| list_for_object(dv, rv, format!("{path}[{i}]"))),
        _ => None,
    }
}

fn not_an_object(file: &str) -> ScenarioError {
    ScenarioError::Malformed {
        file: file.to_string(),
        message: "a scenario must be a JSON object (`{ … }`); `{}` is the default scenario"
            .to_string(),
    }
}

/// A parser error with the field's path and what the field allows.
fn unreadable(e: serde_path_to_error::Error<serde_json::Error>, file: &str) -> ScenarioError {
    let field = e.path().to_string();
    let inner = e.into_inner();
    let mut message = inner.to_string();
    if message.starts_with("number out of range") {
        message += "; a number must be finite and within the field's range";
    } else if message.starts_with("expected value") {
        message += "; JSON has no NaN or Infinity: write a number within the field's range";
    }
    if field == "." {
        return ScenarioError::Malformed {
            file: file.to_string(),
            message,
        };
    }
    ScenarioError::Unreadable {
        allowed: fields::allowed(&field),
        file: file.to_string(),
        field,
        message,
    }
}

/// Months from `from` to `to` (negative when `to` is earlier).
fn month_offset(from: YearMonth, to: YearMonth) -> i64 {
    to.ordinal() - from.ordinal()
}

fn out_of_range(field: &str, value: impl ToString, allowed: &str) -> ScenarioError {
    ScenarioError::OutOfRange {
        field: field.to_string(),
        value: value.to_string(),
        allowed: allowed.to_string(),
    }
}

fn range(field: &str, value: f64, lo: f64, hi: f64) -> Result<(), ScenarioError> {
    if value.is_finite() && (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(out_of_range(field, value, &format!("{lo}–{hi}")))
    }
}

fn sums_to_one(field: &str, total: f64) -> Result<(), ScenarioError> {
    if (total - 1.0).abs() <= 1e-6 {
        Ok(())
    } else {
        Err(out_of_range(
            &format!("{field} (sum of shares)"),
            total,
            "shares summing to 1",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate(s: &Scenario) -> Result<ValidScenario, ScenarioError> {
        s.validate(&Catalogue::builtin())
    }

    #[test]
    fn an_empty_document_is_the_default_scenario() {
        let s = Scenario::from_json("{}", "t.json").unwrap();
        assert_eq!(s, Scenario::default());
        let v = validate(&s).unwrap();
        assert_eq!(s.developers(), 2000);
        assert_eq!(v.cost_centres.len(), 4);
        assert_eq!(v.policies.len(), 4);
    }

    #[test]
    fn json_round_trips() {
        let s = Scenario::default();
        assert_eq!(Scenario::from_json(&s.to_json(), "t.json").unwrap(), s);
    }

    #[test]
    fn out_of_range_fields_are_named_with_their_range() {
        type Edit = Box<dyn Fn(&mut Scenario)>;
        let cases: Vec<(Edit, &str)> = vec![
            (
                Box::new(|s| s.adoption.q = f64::NAN),
                "`adoption.q` = NaN is out of range (allowed: 0–5)",
            ),
            (Box::new(|s| s.usage.sigma = 9.0), "`usage.sigma` = 9"),
            (
                Box::new(|s| s.organisation.cost_centres[0].teams[0].developers = 2_000_000),
                "teams[0].developers",
            ),
            (
                Box::new(|s| s.model_mix[0].share = 0.9),
                "model_mix (sum of shares)",
            ),
            (
                Box::new(|s| s.organisation.cost_centres[1].teams[0].agentic_share = Some(1.5)),
                "cost_centres[1].teams[0].agentic_share",
            ),
            (
                Box::new(|s| s.policies[1].mandate.as_mut().unwrap().target_share = 1.2),
                "policies[1].mandate.target_share",
            ),
            (
                Box::new(|s| {
                    let m = s.policies[1].mandate.as_mut().unwrap();
                    m.start = Some("2027-01".parse().unwrap());
                    m.end = Some("2026-12".parse().unwrap());
                }),
                "a month at or after `start`",
            ),
            (Box::new(|s| s.uncertainty.draws = 0), "uncertainty.draws"),
            (
                Box::new(|s| {
                    s.uncertainty
                        .priors
                        .insert("usage.nonsense".into(), Prior::Fixed(1.0));
                }),
                "uncertainty.priors.usage.nonsense",
            ),
            (
                Box::new(|s| {
                    s.uncertainty
                        .priors
                        .insert("usage.sigma".into(), Prior::Uniform([1.3, 1.0]));
                }),
                "uncertainty.priors.usage.sigma.uniform[1]",
            ),
            (
                Box::new(|s| {
                    s.policies[0].plan = Some(PlanChoice {
                        plan: "copilot-gold".into(),
                        seats: SeatHolders::Adopters,
                    })
                }),
                "policies[0].plan.plan",
            ),
            (
                Box::new(|s| {
                    s.policies[0].accountability = Some(Accountability {
                        cost_centres: vec!["Sales".into()],
                        ..Accountability::default()
                    })
                }),
                "one of Product Engineering",
            ),
        ];
        for (edit, expected) in cases {
            let mut s = Scenario::default();
            edit(&mut s);
            let e = validate(&s).unwrap_err().to_string();
            assert!(e.contains(expected), "{e:?} should contain {expected:?}");
        }
    }

    #[test]
    fn unknown_fields_kinds_and_models_are_rejected() {
        let e = Scenario::from_json(r#"{"developrs": 5}"#, "s.json").unwrap_err();
        assert!(e.to_string().contains("unknown field `developrs`"), "{e}");
        let e = Scenario::from_json(
            r#"{"policies": [{"name": "x", "leaderboard": {"metric": "karma"}}]}"#,
            "s.json",
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown variant `karma`"), "{e}");

        let mut s = Scenario::default();
        s.model_mix[1].model = "claude-opus-9".into();
        let e = validate(&s).unwrap_err().to_string();
        assert!(
            e.contains("model_mix[1].model") && e.contains("claude-opus-9"),
            "{e}"
        );
    }

    #[test]
    fn a_stated_value_fixes_its_parameter_unless_the_document_states_a_prior() {
        let s = Scenario::from_json(r#"{"output": {"pass_through": 0}}"#, "s.json").unwrap();
        assert_eq!(s.output.pass_through, 0.0);
        assert!(!s.uncertainty.priors.contains_key("output.pass_through"));
        // Every other default prior still applies.
        let defaults = Uncertainty::default().priors;
        assert_eq!(s.uncertainty.priors.len(), defaults.len() - 1);
        let v = validate(&s).unwrap();
        assert!(v
            .priors
            .iter()
            .all(|(spec, _)| spec.path != "output.pass_through"));

        let stated = Scenario::from_json(
            r#"{"output": {"pass_through": 0},
                "uncertainty": {"priors": {"output.pass_through": {"uniform": [0.1, 0.2]}}}}"#,
            "s.json",
        )
        .unwrap();
        assert_eq!(
            stated.uncertainty.priors["output.pass_through"],
            Prior::Uniform([0.1, 0.2])
        );
        assert_eq!(
            stated.uncertainty.priors.len(),
            1,
            "exactly the priors stated"
        );

        // The page's path: a typed value is fixed by the same rule.
        let mut typed = Scenario::default();
        assert!(typed.fix_param("output.pass_through", 0.0));
        assert_eq!(typed, s);
        assert!(!typed.fix_param("output.nonsense", 0.0));

        // Documents written by this build state their priors, so they read back unchanged.
        let mut edited = Scenario::default();
        edited.output.pass_through = 0.3;
        assert_eq!(
            Scenario::from_json(&edited.to_json(), "t.json").unwrap(),
            edited
        );
        let doc = serde_json::to_value(&edited).unwrap();
        assert_eq!(Scenario::from_value(doc, "t.json").unwrap(), edited);
    }

    #[test]
    fn unreadable_fields_are_named_with_their_path_and_what_they_allow() {
        let cases = [
            (
                r#"{"policies": [{"name": "a", "run_cap": {"usd_per_run": "five"}}]}"#,
                "`policies[0].run_cap.usd_per_run`: invalid type: string \"five\"",
                "(allowed: 0.01 – 10,000 USD / run)",
            ),
            (
                r#"{"usage": {"sigma": 1e999}}"#,
                "`usage.sigma`: number out of range",
                "(allowed: 0 – 3 log-sd",
            ),
            (
                r#"{"adoption": {"q": NaN}}"#,
                "`adoption.q`: expected value",
                "JSON has no NaN or Infinity",
            ),
            (
                r#"{"months": Infinity}"#,
                "`months`: expected value",
                "(allowed: a whole number 1 – 120 months)",
            ),
            (
                r#"{"policies": [{"name": "x", "leaderboard": {"metric": "karma"}}]}"#,
                "`policies[0].leaderboard.metric`: unknown variant `karma`",
                "(allowed: one of raw_tokens, normalized_deployments, usage_floor, none)",
            ),
            (
                r#"{"start_month": "2026-13"}"#,
                "`start_month`",
                "(allowed: a month, \"YYYY-MM\" with MM 01–12)",
            ),
            (
                r#"{"policies": [{"name": "x", "mandate": {"end": "2027-00"}}]}"#,
                "`policies[0].mandate.end`",
                "(allowed: a month",
            ),
            (
                r#"{"uncertainty": {"priors": {"usage.sigma": {"uniform": [1, "2"]}}}}"#,
                "`uncertainty.priors.usage.sigma.uniform[1]`",
                "bounds within 0 – 3)",
            ),
            (
                r#"{"organisation": {"cost_centres": [{"name": "a", "teams": [{"name": "t", "developers": -3}]}]}}"#,
                "`organisation.cost_centres[0].teams[0].developers`",
                "(allowed: a whole number 0 – 1,000,000 people)",
            ),
            (
                r#"{"model_mix": [{"model": "gpt-5.4", "share": true}]}"#,
                "`model_mix[0].share`",
                "(allowed: 0 – 1, the shares of a mix summing to 1)",
            ),
        ];
        for (text, path, allowed) in cases {
            let e = Scenario::from_json(text, "s.json").unwrap_err();
            let message = e.to_string();
            assert!(message.starts_with("s.json: scenario field "), "{message}");
            assert!(
                message.contains(path),
                "{message:?} should contain {path:?}"
            );
            assert!(
                message.contains(allowed),
                "{message:?} should contain {allowed:?}"
            );
        }
        let e = Scenario::from_json(r#"{"months": "many"}"#, "s.json").unwrap_err();
        assert_eq!(e.field(), "months");
    }

    #[test]
    fn a_list_never_fills_an_objects_fields_by_position() {
        for (text, field) in [
            (r#"{"usage": [300, 1.2]}"#, "usage"),
            (r#"{"policies": [["a"]]}"#, "policies[0]"),
            (
                r#"{"organisation": {"cost_centres": [{"name": "a", "teams": [["t", 5]]}]}}"#,
                "organisation.cost_centres[0].teams[0]",
            ),
        ] {
            let e = Scenario::from_json(text, "s.json").unwrap_err();
            assert_eq!(e.field(), field, "{text}: {e}");
            assert!(e.to_string().contains("a list where a JSON object"), "{e}");
        }
        // Lists where lists belong still read.
        let doc = r#"{"uncertainty": {"priors": {"usage.sigma": {"uniform": [1.0, 1.3]}}}}"#;
        assert!(Scenario::from_json(doc, "s.json").is_ok());
    }

    #[test]
    fn a_scenario_must_be_a_json_object() {
        for text in ["[]", "[1, \"x\"]", "12", "\"{}\"", "null", ""] {
            let e = Scenario::from_json(text, "s.json").unwrap_err().to_string();
            assert!(
                e.contains("a scenario must be a JSON object"),
                "{text}: {e}"
            );
        }
        let e = Scenario::from_value(serde_json::json!([1, "x"]), "the link").unwrap_err();
        assert!(
            e.to_string().contains("a scenario must be a JSON object"),
            "{e}"
        );
        let e = Scenario::from_json("{} []", "s.json")
            .unwrap_err()
            .to_string();
        assert!(e.contains("trailing characters"), "{e}");
    }

    #[test]
    fn policy_windows_are_cut_to_the_horizon() {
        let s = Scenario {
            months: 6,
            ..Scenario::default()
        };
        let v = validate(&s).unwrap();
        let board = v.policies[1].leaderboard.clone().unwrap().window;
        assert_eq!((board.first, board.last), (2, 5));
    }

    #[test]
    fn a_window_wholly_outside_the_horizon_is_an_error_naming_policy_and_window() {
        let mut s = Scenario {
            months: 6,
            ..Scenario::default()
        };
        s.policies[1].mandate.as_mut().unwrap().start = Some("2031-01".parse().unwrap());
        let e = validate(&s).unwrap_err();
        assert_eq!(e.field(), "policies[1].mandate");
        let text = e.to_string();
        assert!(
            text.contains("window 2031-01 – (no end) of policy set \"+ token leaderboard\""),
            "{text}"
        );
        assert!(text.contains("horizon 2026-07 – 2026-12"), "{text}");
        let mut before = Scenario::default();
        before.policies[2].ticket_rule = Some(Window {
            start: None,
            end: Some("2026-06".parse().unwrap()),
        });
        let e = validate(&before).unwrap_err().to_string();
        assert!(
            e.contains("policies[2].ticket_rule") && e.contains("window (no start) – 2026-06"),
            "{e}"
        );
    }

    #[test]
    fn headcount_scales_in_proportion() {
        let mut s = Scenario::default();
        s.scale_developers(1001);
        assert_eq!(s.developers(), 1001);
        s.scale_developers(1000);
        assert_eq!(s.organisation.cost_centres[0].teams[0].developers, 200);
    }

    #[test]
    fn a_team_can_have_its_own_model_mix() {
        let mut s = Scenario::default();
        s.organisation.cost_centres[2].teams[0].model_mix = Some(vec![
            share("claude-opus-4-6", 0.5),
            share("gemini-3.1-pro", 0.5),
        ]);
        let v = validate(&s).unwrap();
        assert!(v.models.contains(&"gemini-3.1-pro".to_string()));
        let data = &v.teams[4];
        assert!(data.usd_per_token[0] > v.teams[0].usd_per_token[0]);
        s.organisation.cost_centres[2].teams[0].model_mix = Some(vec![share("nope", 1.0)]);
        let e = validate(&s).unwrap_err().to_string();
        assert!(
            e.contains("cost_centres[2].teams[0].model_mix[0].model"),
            "{e}"
        );
    }

    #[test]
    fn demand_is_calibrated_on_the_built_in_table_whatever_table_is_in_use() {
        let s = Scenario::default();
        let builtin = validate(&s).unwrap().reference_usd_per_token;
        // Sonnet 4.6's list prices on the calibration day, on the default token mix.
        let expected = (0.005 * 3.0 + 0.95 * 0.3 + 0.04 * 3.75 + 0.005 * 15.0) / 1e6;
        assert!((builtin / expected - 1.0).abs() < 1e-12, "{builtin}");
        // A table in use without the reference model still calibrates the same way.
        let mut only_gpt = Catalogue::builtin().subset(["gpt-5.4"]);
        only_gpt = Catalogue::from_json(&only_gpt.to_json(), "t").unwrap();
        let s2 = Scenario {
            model_mix: vec![share("gpt-5.4", 1.0)],
            ..Scenario::default()
        };
        assert_eq!(
            s2.validate(&only_gpt).unwrap().reference_usd_per_token,
            builtin
        );
        let e = Scenario {
            reference_model: "claude-sonet-4-6".into(),
            ..Scenario::default()
        }
        .validate(&Catalogue::builtin())
        .unwrap_err();
        assert_eq!(e.field(), "reference_model");
        let text = e.to_string();
        assert!(
            text.contains("Reference model must be a model of the built-in price table")
                && text.contains("2026-11-22")
                && text.contains("claude-sonnet-4-6"),
            "{text}"
        );
    }

    #[test]
    fn team_prices_follow_the_mix_and_the_month() {
        let v = validate(&Scenario::default()).unwrap();
        let web = &v.teams[0];
        let split_sum: f64 = web.spend_split[0].iter().sum();
        assert!((split_sum - 1.0).abs() < 1e-12);
        // $200 at Sonnet's blend: the default mix costs about the same per token.
        let ratio = web.usd_per_token[0] / v.reference_usd_per_token;
        assert!((0.9..1.1).contains(&ratio), "{ratio}");
    }
}
