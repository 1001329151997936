//! The one field registry, [`FIELDS`]: every editable field of a scenario (its settings, the
//! organisation, the model mix, the policy levers, the agreement, the model parameters) and of
//! a hand-entered price, each declared once with its label, unit, allowed range, default and
//! meaning (a model parameter with its evidence grade and source). Validation reads the ranges
//! from here and the app builds its inputs from it; [`set_field`] edits a scenario at a
//! [`FieldPath`]. The model parameters' entries are generated with their groups in `params.rs`.

use super::input::{FieldPath, InputError, Problem, Step};
use super::messages::read_field_number;
use super::params::PARAMS;
use super::{Scenario, ScenarioError};
use crate::calendar::YearMonth;
use serde_json::Value;

/// How a field's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A decimal number.
    Number,
    /// A whole number.
    Integer,
    /// A month, `YYYY-MM`.
    Month,
    /// Free text.
    Text,
    /// Numbers separated by commas, e.g. `0.5, 0.9`; each within the field's range.
    NumberList,
    /// A model mix as model ids with percentages, e.g. `claude-sonnet-4-6 70%, gpt-5.4 30%`.
    ModelMix,
    /// One of these values (value, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// A plan id of the price table in use.
    Plan,
    /// A model id of the price table in use.
    Model,
}

/// What a field belongs to, which says where its path starts ([`super::FieldPath`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The scenario's own settings: name, first month and horizon.
    Scenario,
    /// How the Monte Carlo runs: draws and seed (`uncertainty.…`).
    Uncertainty,
    /// The organisation's headcount: not a field of the document, but scales every team's.
    Headcount,
    /// How tokens are priced: the reference model and the token-type mix.
    Pricing,
    /// The terms of the organisation's agreements (the scenario's `pricing` section).
    Agreement,
    /// The organisation's budget and fiscal year (`budget.…`).
    Budget,
    /// A cost centre (`organisation.cost_centres[c].…`).
    CostCentre,
    /// A team (`organisation.cost_centres[c].teams[t].…`).
    Team,
    /// A row of the organisation's model mix (`model_mix[i].…`).
    MixRow,
    /// A policy set and its levers (`policies[p].…`).
    Policy,
    /// A model parameter (`usage.sigma`), with its evidence and, in the scenario, its prior.
    Param,
    /// A price entered by hand for a model no table prices (`manual_prices[MODEL].…`) [USD /
    /// 1M tokens]; it joins the prices in use, not the document, once entered.
    Price,
    /// What a calibration to usage exports needs besides the files (`calibration.…`): read
    /// when the usage panel calibrates, never part of the document.
    Calibration,
}

/// Where a model parameter's default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// Evidence grade: A, B, C, derived or — (assumption).
    pub grade: &'static str,
    /// The source of the default.
    pub source: &'static str,
}

/// One editable field: an entry of the one field registry, [`FIELDS`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    /// Path below its owner (the scenario, a cost centre, a team, a mix row, a policy set or a
    /// hand-entered price), e.g. `run_cap.usd_per_run`; a model parameter's is its whole path,
    /// e.g. `usage.sigma`.
    pub path: &'static str,
    /// What the field belongs to.
    pub section: Section,
    /// Label shown in the app.
    pub label: &'static str,
    /// Unit, e.g. `USD / run`; empty for text and choices.
    pub unit: &'static str,
    /// How the text is read.
    pub kind: FieldKind,
    /// Smallest allowed value (numbers and whole numbers).
    pub min: f64,
    /// Largest allowed value (numbers and whole numbers).
    pub max: f64,
    /// The default as shown; empty when the field is optional and off by default.
    pub default: &'static str,
    /// Whether the field may be left empty (absent from the document).
    pub(crate) optional: bool,
    /// What it means, and where the default comes from.
    pub help: &'static str,
    /// A model parameter's evidence grade and source.
    pub evidence: Option<Evidence>,
}

/// An entry of the registry (required, no evidence; see [`optional`]).
const fn entry(
    (section, path): (Section, &'static str),
    label: &'static str,
    unit: &'static str,
    kind: FieldKind,
    (min, max): (f64, f64),
    default: &'static str,
    help: &'static str,
) -> FieldSpec {
    FieldSpec {
        path,
        section,
        label,
        unit,
        kind,
        min,
        max,
        default,
        optional: false,
        help,
        evidence: None,
    }
}

const fn optional(spec: FieldSpec) -> FieldSpec {
    FieldSpec {
        optional: true,
        ..spec
    }
}

const NONE: (f64, f64) = (0.0, 0.0);

use Section::{Agreement, CostCentre, Headcount, MixRow, Policy, Price, Pricing, Team};

const WINDOW_HELP: &str = "Empty: from the first month / to the end of the horizon.";

/// The first month a lever is in force (`…start`).
const fn from_month(path: &'static str) -> FieldSpec {
    optional(entry(
        (Policy, path),
        "From",
        "",
        FieldKind::Month,
        NONE,
        "",
        WINDOW_HELP,
    ))
}

/// The last month a lever is in force (`…end`).
const fn until_month(path: &'static str) -> FieldSpec {
    optional(entry(
        (Policy, path),
        "Until",
        "",
        FieldKind::Month,
        NONE,
        "",
        WINDOW_HELP,
    ))
}

/// Metrics a leaderboard can rank.
pub(crate) const METRICS: &[(&str, &str)] = &[
    ("raw_tokens", "raw token spend (Kirorank)"),
    ("normalized_deployments", "AI-assisted changes that ship"),
    ("usage_floor", "flag too little AI use"),
    ("none", "no ranking"),
];

/// Showback or chargeback.
pub(crate) const ACCOUNTABILITY_KINDS: &[(&str, &str)] =
    &[("chargeback", "chargeback"), ("showback", "showback")];

/// Who holds a plan seat.
pub(crate) const SEAT_HOLDERS: &[(&str, &str)] =
    &[("adopters", "adopters"), ("everyone", "every developer")];

const PRICE_HELP: &str = "Validated like any price table's; recorded as entered by hand today.";

/// Every field but the model parameters, section by section, in the order the app shows them.
/// A new field is a new entry here (and, if it is new to the document, its check in validation).
const DECLARED: &[FieldSpec] = &[
    entry((Headcount, "developers"), "Developers", "people", FieldKind::Integer, (1.0, 1_000_000.0), "2000", "Headcount across all teams; changing it scales every team in proportion."),
    entry((Section::Scenario, "name"), "Scenario name", "", FieldKind::Text, NONE, "", "A label for exports and links."),
    entry((Section::Scenario, "start_month"), "First month", "", FieldKind::Month, NONE, "2026-07", "The first simulated month; prices are those in force each month."),
    entry((Section::Scenario, "months"), "Horizon", "months", FieldKind::Integer, (1.0, 120.0), "24", "How many months are simulated."),
    entry((Section::Uncertainty, "uncertainty.draws"), "Monte Carlo draws", "draws", FieldKind::Integer, (1.0, 10_000.0), "200", "More draws narrow the sampling noise of P10–P90 (and take longer)."),
    entry((Section::Uncertainty, "uncertainty.seed"), "Seed", "", FieldKind::Integer, (0.0, u64::MAX as f64), "42", "Every random stream derives from it: the same seed gives the same numbers."),
    entry((Pricing, "reference_model"), "Reference model", "", FieldKind::Model, NONE, "claude-sonnet-4-6", "usage.mean_spend_usd is read at this model's list price in the built-in table on 2026-11-22 to turn dollars into tokens, once; the prices in use then bill those tokens, so a discount, a price cut or a cheaper mix spends less for the same work."),
    entry((Pricing, "token_mix.input"), "Fresh input", "share of tokens", FieldKind::Number, (0.0, 1.0), "0.005", "Uncached prompt tokens. The five shares add up to 1; agentic coding traffic is 84–97% cache reads (MODEL.md §5)."),
    entry((Pricing, "token_mix.cache_read"), "Cache reads", "share of tokens", FieldKind::Number, (0.0, 1.0), "0.95", "Prompt tokens served from the cache."),
    entry((Pricing, "token_mix.cache_write_5m"), "5-minute cache writes", "share of tokens", FieldKind::Number, (0.0, 1.0), "0.04", "Prompt tokens written to the 5-minute cache."),
    entry((Pricing, "token_mix.cache_write_1h"), "1-hour cache writes", "share of tokens", FieldKind::Number, (0.0, 1.0), "0", "Prompt tokens written to the 1-hour cache."),
    entry((Pricing, "token_mix.output"), "Output", "share of tokens", FieldKind::Number, (0.0, 1.0), "0.005", "Generated tokens."),
    // The agreement's texts read as the command line's `--discount` and `--commitment` do.
    optional(entry((Agreement, "pricing.discounts"), "Discounts", "% off list", FieldKind::Text, NONE, "", "Negotiated discounts off list prices, separated by commas: PROVIDER=PERCENT or model:MODEL=PERCENT, e.g. anthropic=20, model:gpt-5.6-sol=35. A model's own discount beats its provider's; a provider's also covers its seat plan's fees. Empty: list prices.")),
    optional(entry((Agreement, "pricing.commitment"), "Committed spend", "USD per month or year", FieldKind::Text, NONE, "", "Billed at least this much: USD/month, or USD/year (a year's shortfall is billed in its last month), e.g. 100000/month. Empty: no commitment.")),
    optional(entry((Section::Budget, "budget.annual_usd"), "Organisation budget", "USD / year", FieldKind::Number, (1.0, 1e13), "", "The organisation's AI tooling budget for each fiscal year; a policy set's own annual budget overrides it for that set. Empty: no budget.")),
    optional(entry((Section::Calibration, "calibration.cap_usd"), "Per-user cap", "USD / month", FieldKind::Number, (1.0, 1e6), "", "The per-user monthly spending cap in force when the exports were made: months at it are held back by it (right-censored), so the spread of spend is fitted beyond it. Empty: no cap.")),
    optional(entry((Section::Calibration, "calibration.seats"), "Seats", "developers", FieldKind::Integer, (1.0, 10_000_000.0), "", "Everyone who could use the tools, users or not: the market the adoption curve fills. Empty: the people seen in the files.")),
    entry((Section::Budget, "budget.fiscal_year_start"), "Fiscal year starts", "", FieldKind::Integer, (1.0, 12.0), "1", "The month the fiscal year starts (1 January … 12 December); a fiscal year is named by the calendar year it ends in, e.g. July 2026 – June 2027 is FY2027."),
    entry((CostCentre, "name"), "Cost centre", "", FieldKind::Text, NONE, "", "Unique in the organisation; budgets, showback and chargeback apply per cost centre."),
    optional(entry((CostCentre, "annual_budget_usd"), "Cost-centre budget", "USD / year", FieldKind::Number, (1.0, 1e13), "", "This cost centre's own budget for each fiscal year; the report gives the probability it runs out. Empty: none.")),
    entry((Team, "name"), "Team", "", FieldKind::Text, NONE, "", "A label."),
    entry((Team, "developers"), "Developers", "people", FieldKind::Integer, (0.0, 1_000_000.0), "", "Headcount."),
    optional(entry((Team, "agentic_share"), "Agentic share", "fraction", FieldKind::Number, (0.0, 1.0), "", "Share of the team's adopters who run agents; empty: the model parameter usage.agentic_share.")),
    entry((Team, "usage_multiplier"), "Usage multiplier", "×", FieldKind::Number, (0.0, 100.0), "1", "Multiplies the organisation's usage level for this team."),
    optional(entry((Team, "model_mix"), "Own model mix", "model and %", FieldKind::ModelMix, NONE, "", "Empty: the organisation's model mix. Model ids with their share of the team's tokens, adding up to 100%, e.g. claude-sonnet-4-6 70%, gpt-5.4 30%.")),
    // A mix row's share is typed in percent, a fraction in the document.
    entry((MixRow, "model"), "Model", "", FieldKind::Model, NONE, "", "A model id of the price table in use."),
    entry((MixRow, "share"), "Share", "percent of agentic tokens", FieldKind::Number, (0.0, 100.0), "", "Share of agentic tokens served by this model; the shares add up to 100%."),
    entry((Policy, "name"), "Name", "", FieldKind::Text, NONE, "", "Shown in results; unique among the policy sets."),
    entry((Policy, "mandate.target_share"), "Target share", "fraction of developers", FieldKind::Number, (0.0, 1.0), "0.9", "Share of developers who will adopt while it is on (market potential). The default sits above Amazon's 2026 mandate: more than 80% of developers weekly."),
    entry((Policy, "mandate.extra_push"), "Extra push", "1 / month", FieldKind::Number, (0.0, 1.0), "0.1", "Added to Bass's innovation coefficient p while it is on."),
    from_month("mandate.start"),
    until_month("mandate.end"),
    entry((Policy, "leaderboard.metric"), "Ranks", "", FieldKind::Choice(METRICS), NONE, "raw_tokens", "What the board ranks."),
    entry((Policy, "leaderboard.salience"), "Salience", "weight", FieldKind::Number, (0.0, 1.0), "1", "How much staff care about the board."),
    entry((Policy, "leaderboard.tiers"), "Tiers", "quantiles", FieldKind::NumberList, (0.0, 1.0), "0.5, 0.75, 0.9, 0.95, 0.99", "Cut-offs of the published tiers as quantiles of last period's metric, ascending, 1–20 of them."),
    from_month("leaderboard.start"),
    until_month("leaderboard.end"),
    entry((Policy, "run_cap.usd_per_run"), "Cap", "USD / run", FieldKind::Number, (0.01, 10_000.0), "5", "The most one agent run may cost; the default is MODEL.md's V7 case."),
    from_month("run_cap.start"),
    until_month("run_cap.end"),
    optional(entry((Policy, "user_budget.daily_usd"), "Daily", "USD / user / day", FieldKind::Number, (0.01, 100_000.0), "50", "Empty: no daily limit (a daily or monthly limit is needed). The default is MODEL.md's V7 case.")),
    optional(entry((Policy, "user_budget.monthly_usd"), "Monthly", "USD / user / month", FieldKind::Number, (0.01, 1_000_000.0), "", "Empty: no monthly limit.")),
    entry((Policy, "user_budget.exception_share"), "Exceptions", "fraction of users", FieldKind::Number, (0.0, 1.0), "0", "Share of users granted a higher limit."),
    entry((Policy, "user_budget.exception_multiplier"), "Exception multiplier", "×", FieldKind::Number, (1.0, 100.0), "2", "An exception multiplies the limit by this."),
    from_month("user_budget.start"),
    until_month("user_budget.end"),
    from_month("ticket_rule.start"),
    until_month("ticket_rule.end"),
    entry((Policy, "accountability.kind"), "Kind", "", FieldKind::Choice(ACCOUNTABILITY_KINDS), NONE, "chargeback", "Chargeback moves spend more than showback."),
    from_month("accountability.start"),
    until_month("accountability.end"),
    entry((Policy, "annual_budget.usd"), "Budget", "USD / year", FieldKind::Number, (1.0, 1e13), "1000000", "The organisation's AI tooling budget for the year; the default is only a placeholder."),
    optional(entry((Policy, "annual_budget.start_month"), "Year starts", "", FieldKind::Month, NONE, "", "Empty: the first simulated month.")),
    entry((Policy, "plan.plan"), "Plan", "", FieldKind::Plan, NONE, "", "A plan of the price table in use."),
    entry((Policy, "plan.seats"), "Seats for", "", FieldKind::Choice(SEAT_HOLDERS), NONE, "adopters", "Who holds a seat."),
    entry((Price, "input"), "Input", "USD / 1M tokens", FieldKind::Number, (0.0, 10_000.0), "", PRICE_HELP),
    optional(entry((Price, "cache_read"), "Cache read", "USD / 1M tokens", FieldKind::Number, (0.0, 10_000.0), "", "Empty: the input price.")),
    entry((Price, "output"), "Output", "USD / 1M tokens", FieldKind::Number, (0.0, 10_000.0), "", PRICE_HELP),
];

/// The one field registry: every editable field, the model parameters ([`PARAMS`]) last.
pub const FIELDS: &[FieldSpec] = &joined::<{ DECLARED.len() + PARAMS.len() }>();

/// [`DECLARED`] then [`PARAMS`], as one array.
const fn joined<const N: usize>() -> [FieldSpec; N] {
    let mut all = [DECLARED[0]; N];
    let mut i = 0;
    while i < N {
        all[i] = if i < DECLARED.len() {
            DECLARED[i]
        } else {
            PARAMS[i - DECLARED.len()]
        };
        i += 1;
    }
    all
}

/// The fields of `section`, in the registry's order.
pub fn fields(section: Section) -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS.iter().filter(move |f| f.section == section)
}

/// The field of `section` at `path` below its owner.
pub fn field(section: Section, path: &str) -> Option<&'static FieldSpec> {
    fields(section).find(|f| f.path == path)
}

/// The organisation's headcount.
pub const HEADCOUNT: FieldSpec = DECLARED[0];

/// A policy lever: a part of a policy set that is on or off, with its fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lever {
    /// Key in the policy set, e.g. `run_cap`.
    pub key: &'static str,
    /// Label shown in the app.
    pub label: &'static str,
    /// What it does.
    pub help: &'static str,
}

impl Lever {
    /// Its fields: the policy set's fields under its key.
    pub fn fields(&self) -> impl Iterator<Item = &'static FieldSpec> + '_ {
        fields(Policy).filter(|f| {
            f.path
                .strip_prefix(self.key)
                .is_some_and(|rest| rest.starts_with('.'))
        })
    }
}

/// Every lever of a policy set, in the order the app shows them.
pub const LEVERS: &[Lever] = &[
    Lever {
        key: "mandate",
        label: "Adoption mandate",
        help: "Raises the share who will adopt and pushes adoption while in force (\"more than 80% weekly\").",
    },
    Lever {
        key: "leaderboard",
        label: "Leaderboard",
        help: "Ranks staff monthly; ranking raw tokens invites tokenmaxxing, ranking shipped changes invites splitting them.",
    },
    Lever {
        key: "run_cap",
        label: "Per-run cap",
        help: "Stops an agent run when its cost reaches the cap; the work done so far is wasted.",
    },
    Lever {
        key: "user_budget",
        label: "Per-user budget",
        help: "Caps each user at min(monthly, daily × active days); blocked demand is reported as suppressed.",
    },
    Lever {
        key: "ticket_rule",
        label: "Ticket rule",
        help: "Agent runs must attach to a ticket with an owner; cuts unowned and gaming runs.",
    },
    Lever {
        key: "accountability",
        label: "Showback / chargeback",
        help: "Shows or charges token costs to every cost centre's owner, who then trims waste.",
    },
    Lever {
        key: "annual_budget",
        label: "Annual budget",
        help: "Tracks spend against a yearly budget and reports the month it runs out.",
    },
    Lever {
        key: "plan",
        label: "Seat plan",
        help: "Bills seats (and their included usage) instead of pay-as-you-go API prices.",
    },
];

impl FieldSpec {
    /// The field's unit, default and allowed values, then its meaning, as one sentence each.
    /// A model parameter's: unit, default, range, evidence grade and source, e.g. `log-sd of
    /// per-developer demand. Default 1.25, allowed 0 – 3. Grade A/B: …`.
    pub fn describe(&self) -> String {
        if let Some(e) = self.evidence {
            return format!(
                "{}. Default {}, allowed {} – {}. Grade {}: {}.",
                self.unit,
                self.default_value().unwrap_or_default(),
                self.min,
                self.max,
                e.grade,
                e.source
            );
        }
        let mut parts = Vec::new();
        if !self.unit.is_empty() {
            parts.push(format!("Unit: {}.", self.unit));
        }
        match self.kind {
            FieldKind::Number | FieldKind::Integer if self.max < 1e18 => parts.push(format!(
                "Allowed {} – {}.",
                bound(self.min),
                bound(self.max)
            )),
            FieldKind::NumberList => parts.push(format!(
                "Separated by commas, each {} – {}.",
                bound(self.min),
                bound(self.max)
            )),
            FieldKind::Month => parts.push("A month, YYYY-MM.".to_string()),
            _ => {}
        }
        if !self.default.is_empty() {
            let default = self
                .default
                .parse::<f64>()
                .map_or(self.default.to_string(), bound);
            parts.push(format!("Default {default}."));
        }
        parts.push(self.help.to_string());
        parts.join(" ")
    }

    /// The default as a number, for numeric fields that have one.
    pub fn default_value(&self) -> Option<f64> {
        self.default.parse().ok()
    }

    /// Unit, allowed range and default in a few words, for a column header: e.g.
    /// `people · 0 – 1,000,000`.
    pub fn brief(&self) -> String {
        let mut parts = Vec::new();
        if !self.unit.is_empty() {
            parts.push(self.unit.to_string());
        }
        if matches!(self.kind, FieldKind::Number | FieldKind::Integer) && self.max < 1e18 {
            parts.push(format!("{} – {}", bound(self.min), bound(self.max)));
        }
        if !self.default.is_empty() {
            parts.push(format!("default {}", self.default));
        } else if self.optional {
            parts.push("optional".to_string());
        }
        parts.join(" · ")
    }
}

/// A scenario as a JSON document, to read fields from with [`field_text`]. (Written and read
/// back as text: the serialiser the scenario already has for files and links serves, so the
/// bundle carries no second one.)
pub fn document(scenario: &Scenario) -> Value {
    serde_json::from_str(&serde_json::to_string(scenario).expect("a scenario always serialises"))
        .expect("a serialised scenario is JSON")
}

/// A range bound or default as shown: whole numbers from 10,000 up with thousands separators.
pub(super) fn bound(v: f64) -> String {
    if v.abs() >= 10_000.0 && v.fract() == 0.0 && v < 1e15 {
        crate::units::format_count(v)
    } else {
        v.to_string()
    }
}

/// The text of the field at `path` in a scenario document ([`document`]); empty when the field
/// is absent.
pub fn field_text(doc: &Value, path: &FieldPath) -> String {
    let mut at = doc;
    for step in path.steps() {
        let next = match step {
            Step::Key(name) => at.get(name),
            Step::Index(i) => at.get(i),
        };
        match next {
            Some(v) => at = v,
            None => return String::new(),
        }
    }
    if let Some(text) = super::terms::field_display(path.spec().path, at) {
        return text;
    }
    match at {
        Value::Array(items) => items
            .iter()
            .map(
                |v| match (v.get("model"), v.get("share").and_then(Value::as_f64)) {
                    (Some(Value::String(model)), Some(share)) => {
                        format!("{model} {}%", (share * 100.0 * 1e6).round() / 1e6)
                    }
                    _ => v.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join(", "),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// The lever with this key.
pub fn lever(key: &str) -> Option<&'static Lever> {
    LEVERS.iter().find(|l| l.key == key)
}

/// What the field at a full scenario path allows, in words (e.g. `0.01 – 10,000 USD / run`),
/// from the field and parameter tables; `None` where they do not declare the field.
pub(super) fn allowed(path: &str) -> Option<String> {
    let range = |min: f64, max: f64, unit: &str| {
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        format!("{} – {}{unit}", bound(min), bound(max))
    };
    if let Some(rest) = path.strip_prefix("uncertainty.priors.") {
        let within = PARAMS
            .iter()
            .find(|p| rest.starts_with(p.path))
            .map_or(String::new(), |p| {
                format!(", bounds within {}", range(p.min, p.max, ""))
            });
        return Some(format!(
            "{{\"fixed\": v}}, {{\"uniform\": [lo, hi]}} or {{\"lognormal\": {{\"median\": m, \"sigma\": s}}}}{within}"
        ));
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    if path == "version" {
        return Some("1".into());
    }
    if path.contains("model_mix[") && last == "share" {
        return Some("0 – 1, the shares of a mix summing to 1".into());
    }
    if path.contains("model_mix[") && last == "model" {
        return Some("a model id of the price table".into());
    }
    if path.contains(".accountability.cost_centres") {
        return Some("names of the scenario's cost centres".into());
    }
    // A list item (e.g. `policies[0].leaderboard.tiers[2]`) allows what its list's items do.
    let spec = FieldPath::parse(path)
        .or_else(|| FieldPath::parse(path.strip_suffix(']')?.rsplit_once('[')?.0))?
        .spec();
    Some(match spec.kind {
        FieldKind::Number | FieldKind::Integer | FieldKind::NumberList => {
            let whole = if spec.kind == FieldKind::Integer {
                "a whole number "
            } else {
                ""
            };
            format!("{whole}{}", range(spec.min, spec.max, spec.unit))
        }
        FieldKind::Month => "a month, \"YYYY-MM\" with MM 01–12".into(),
        FieldKind::Text => "text".into(),
        FieldKind::ModelMix => "a list of {\"model\", \"share\"}, shares summing to 1".into(),
        FieldKind::Choice(options) => {
            let values: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
            format!("one of {}", values.join(", "))
        }
        FieldKind::Plan => "a plan id of the price table".into(),
        FieldKind::Model => "a model id of the price table".into(),
    })
}

/// Checks a number against the allowed range of the field at `path` (a full path, which names
/// the field in the message).
pub(super) fn check(path: &str, value: f64) -> Result<(), ScenarioError> {
    let spec = FieldPath::parse(path)
        .expect("validation checks declared fields only")
        .spec();
    if value.is_finite() && (spec.min..=spec.max).contains(&value) {
        Ok(())
    } else {
        Err(ScenarioError::OutOfRange {
            field: path.to_string(),
            value: value.to_string(),
            allowed: format!("{}–{}", spec.min, spec.max),
        })
    }
}

/// The scenario with the field at `path` set from `text`, as the field's kind reads it; empty
/// text clears an optional field. A number is checked against the field's range; the rest is
/// left to validation. The error says why the text cannot be used (in words:
/// [`super::input_message`]).
pub fn set_field(
    scenario: &Scenario,
    path: &FieldPath,
    text: &str,
) -> Result<Scenario, InputError> {
    let full = path.to_string();
    let refuse = |problem| InputError::typed(full.clone(), problem);
    let spec = path.spec();
    let text = text.trim();
    let value = if text.is_empty() {
        if !spec.optional {
            return Err(refuse(Problem::Required));
        }
        None
    } else {
        // The agreement's texts read as the command line's flags do.
        match super::terms::field_value(&full, text) {
            Some(value) => Some(value.map_err(|e| refuse(Problem::Refused(e)))?),
            None => Some(read(spec, text).map_err(refuse)?),
        }
    };
    let mut doc = document(scenario);
    put(&mut doc, &path.steps(), value)
        .map_err(|e| refuse(Problem::NoSuchField(format!("{full}: {e}"))))?;
    super::read_document(&doc).map_err(|e| refuse(Problem::Refused(e.into_inner().to_string())))
}

/// The scenario with lever `key` of policy set `policy` switched on (with its defaults) or off.
pub fn set_lever(
    scenario: &Scenario,
    policy: usize,
    key: &str,
    on: bool,
    plan: Option<&str>,
) -> Result<Scenario, InputError> {
    let path = format!("policies[{policy}].{key}");
    let refuse = |problem| InputError::typed(path.clone(), problem);
    let lever = lever(key)
        .ok_or_else(|| refuse(Problem::NoSuchField(format!("{key}: not a policy lever"))))?;
    let value = on
        .then(|| {
            let mut object = serde_json::Map::new();
            for f in lever.fields() {
                let Some(name) = f.path.strip_prefix(key).and_then(|k| k.strip_prefix('.')) else {
                    continue;
                };
                let default = match f.kind {
                    FieldKind::Plan => plan.unwrap_or_default(),
                    _ => f.default,
                };
                if !default.is_empty() {
                    object.insert(name.to_string(), read(f, default).map_err(&refuse)?);
                }
            }
            Ok::<Value, InputError>(Value::Object(object))
        })
        .transpose()?;
    let mut doc = document(scenario);
    let steps = [
        Step::Key("policies"),
        Step::Index(policy),
        Step::Key(lever.key),
    ];
    put(&mut doc, &steps, value)
        .map_err(|e| refuse(Problem::NoSuchField(format!("{path}: {e}"))))?;
    super::read_document(&doc).map_err(|e| refuse(Problem::Refused(e.into_inner().to_string())))
}

/// The value of `text` as the field reads it, or why it does not read.
fn read(spec: &FieldSpec, text: &str) -> Result<Value, Problem> {
    let not = |what: &str| Problem::Unreadable {
        text: text.to_string(),
        expected: what.to_string(),
    };
    Ok(match spec.kind {
        FieldKind::Number => {
            let v = read_field_number(spec, text)?;
            serde_json::Number::from_f64(v)
                .map(Value::Number)
                .ok_or_else(|| not("a finite number"))?
        }
        FieldKind::Integer => {
            read_field_number(spec, text)?;
            Value::from(text.parse::<u64>().map_err(|_| not("a whole number"))?)
        }
        FieldKind::Month => {
            text.parse::<YearMonth>()
                .map_err(|_| not("a month (YYYY-MM)"))?;
            Value::from(text)
        }
        FieldKind::Choice(options) => {
            if !options.iter().any(|(v, _)| *v == text) {
                let allowed: Vec<&str> = options.iter().map(|(v, _)| *v).collect();
                return Err(not(&format!("one of {}", allowed.join(", "))));
            }
            Value::from(text)
        }
        FieldKind::NumberList => {
            let numbers = text
                .split(',')
                .map(|n| n.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
                .collect::<Option<Vec<f64>>>()
                .ok_or_else(|| not("numbers separated by commas"))?;
            Value::from(numbers)
        }
        FieldKind::ModelMix => {
            let rows = text
                .split(',')
                .map(|row| {
                    let (model, pct) = row.trim().rsplit_once(char::is_whitespace)?;
                    let pct: f64 = pct.trim().trim_end_matches('%').parse().ok()?;
                    let model = model.trim();
                    (pct.is_finite() && !model.is_empty())
                        .then(|| serde_json::json!({ "model": model, "share": pct / 100.0 }))
                })
                .collect::<Option<Vec<Value>>>()
                .ok_or_else(|| not("model ids with percentages, e.g. gpt-5.4 30%"))?;
            Value::from(rows)
        }
        FieldKind::Text | FieldKind::Plan | FieldKind::Model => Value::from(text),
    })
}

/// Sets (or, with `None`, removes) the value at the end of `steps` in a JSON document, creating
/// the objects on the way; or why there is no such place.
fn put(doc: &mut Value, steps: &[Step], value: Option<Value>) -> Result<(), &'static str> {
    let Some((Step::Key(last), steps)) = steps.split_last() else {
        return Err("not a field of the document");
    };
    let mut at = doc;
    for step in steps {
        at = match step {
            Step::Key(name) => at
                .as_object_mut()
                .ok_or("no such element")?
                .entry(name.to_string())
                .or_insert_with(|| Value::Object(Default::default())),
            Step::Index(i) => at.get_mut(*i).ok_or("no such element")?,
        };
    }
    let object = at.as_object_mut().ok_or("no such element")?;
    match value {
        Some(v) => {
            object.insert(last.to_string(), v);
        }
        None => {
            object.remove(*last);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;

    fn at(path: &str) -> FieldPath {
        FieldPath::parse(path).unwrap_or_else(|| panic!("{path} is a field"))
    }

    /// The spec of the field at `path`.
    fn lookup(path: &str) -> Option<&'static FieldSpec> {
        FieldPath::parse(path).map(|p| p.spec())
    }

    /// The scenario with the field set, or the error's message.
    fn set(s: &Scenario, path: &str, text: &str) -> Result<Scenario, String> {
        set_field(s, &at(path), text).map_err(|e| crate::scenario::input_message(&e))
    }

    fn valid(s: &Scenario) -> Result<(), String> {
        s.validate(&Catalogue::builtin())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn fields_are_set_by_path_and_optional_ones_cleared() {
        let s = Scenario::default();
        let s = set(&s, "months", "36").unwrap();
        assert_eq!(s.months, 36);
        let s = set(&s, "organisation.cost_centres[1].teams[0].developers", "77").unwrap();
        assert_eq!(s.organisation.cost_centres[1].teams[0].developers, 77);
        let s = set(
            &s,
            "organisation.cost_centres[0].teams[0].agentic_share",
            "",
        )
        .unwrap();
        assert_eq!(s.organisation.cost_centres[0].teams[0].agentic_share, None);
        let s = set(&s, "policies[0].mandate.target_share", "0.5").unwrap();
        assert_eq!(s.policies[0].mandate.unwrap().target_share, 0.5);
        let s = set(&s, "policies[0].mandate.start", "2026-09").unwrap();
        assert_eq!(
            s.policies[0].mandate.unwrap().start.unwrap().to_string(),
            "2026-09"
        );
        let s = set(&s, "policies[1].leaderboard.tiers", "0.8, 0.95").unwrap();
        assert_eq!(
            s.policies[1].leaderboard.as_ref().unwrap().tiers,
            [0.8, 0.95]
        );
        assert_eq!(
            field_text(&document(&s), &at("policies[1].leaderboard.tiers")),
            "0.8, 0.95"
        );
        let e = set(&s, "policies[1].leaderboard.tiers", "0.8, top").unwrap_err();
        assert!(e.contains("numbers separated by commas"), "{e}");
        let team = "organisation.cost_centres[0].teams[1].model_mix";
        let s = set(&s, team, "claude-sonnet-4-6 85%, gpt-5.4 15%").unwrap();
        let mix = s.organisation.cost_centres[0].teams[1]
            .model_mix
            .clone()
            .unwrap();
        assert_eq!((mix[1].model.as_str(), mix[1].share), ("gpt-5.4", 0.15));
        assert_eq!(
            field_text(&document(&s), &at(team)),
            "claude-sonnet-4-6 85%, gpt-5.4 15%"
        );
        let e = set(&s, team, "claude-sonnet-4-6").unwrap_err();
        assert!(e.contains("model ids with percentages"), "{e}");
        let s = set(&s, "start_month", "2027-01").unwrap();
        assert_eq!(s.start_month.to_string(), "2027-01");
        valid(&s).unwrap();
    }

    #[test]
    fn unreadable_text_is_refused_with_the_field_and_what_was_expected() {
        let s = Scenario::default();
        let e = set(&s, "months", "many").unwrap_err();
        assert_eq!(
            e,
            "Horizon: \"many\" is not a whole number (allowed 1 – 120 months)."
        );
        let e = set(&s, "policies[0].leaderboard.metric", "vibes").unwrap_err();
        assert!(
            e.contains("one of raw_tokens, normalized_deployments"),
            "{e}"
        );
        let e = set(&s, "start_month", "2026-13").unwrap_err();
        assert!(e.contains("a month (YYYY-MM)"), "{e}");
        let e = set(&s, "organisation.cost_centres[0].name", " ").unwrap_err();
        assert!(e.contains("a value is required"), "{e}");
        let e = set(&s, "organisation.cost_centres[9].name", "x").unwrap_err();
        assert!(e.contains("no such element"), "{e}");
        assert_eq!(FieldPath::parse("policies[0].secret"), None);
    }

    #[test]
    fn a_lever_switched_on_takes_its_defaults_and_validates() {
        let s = Scenario::default();
        for lever in LEVERS {
            let on = set_lever(&s, 0, lever.key, true, Some("copilot-business")).unwrap();
            valid(&on).unwrap_or_else(|e| panic!("{}: {e}", lever.key));
            assert!(on.policies[0].has_lever(lever.key), "{} is on", lever.key);
            let off = set_lever(&on, 0, lever.key, false, None).unwrap();
            assert!(
                !off.policies[0].has_lever(lever.key),
                "{} is off",
                lever.key
            );
            let doc = serde_json::to_value(&off.policies[0]).unwrap();
            assert!(doc.get(lever.key).is_none(), "{} is off", lever.key);
        }
        let budget = set_lever(&s, 1, "user_budget", true, None).unwrap();
        let budget = set(&budget, "policies[1].user_budget.daily_usd", "").unwrap();
        let e = valid(&budget).unwrap_err();
        assert!(e.contains("daily_usd or monthly_usd"), "{e}");
    }

    #[test]
    fn every_declared_range_is_enforced_by_validation() {
        let base = Scenario::default();
        let mut paths: Vec<(String, &FieldSpec)> = Vec::new();
        for f in fields(Section::Scenario)
            .chain(fields(Section::Uncertainty))
            .chain(fields(Section::Pricing))
        {
            paths.push((f.path.to_string(), f));
        }
        for f in fields(Section::Team) {
            paths.push((
                format!("organisation.cost_centres[0].teams[0].{}", f.path),
                f,
            ));
        }
        for lever in LEVERS {
            for f in lever.fields() {
                paths.push((format!("policies[0].{}", f.path), f));
            }
        }
        let mut checked = 0;
        for (path, f) in paths {
            if !matches!(f.kind, FieldKind::Number | FieldKind::Integer) {
                continue;
            }
            let mut s = base.clone();
            if let Some(lever) = path
                .strip_prefix("policies[0].")
                .and_then(|k| k.split('.').next())
            {
                s = set_lever(&s, 0, lever, true, Some("copilot-business")).unwrap();
            }
            let below = match f.kind {
                FieldKind::Integer => f.min - 1.0,
                _ => f.min / 2.0,
            };
            let over = f.max * 2.0 + 1.0;
            let bad_values = std::iter::once(over).chain((f.min > 0.0).then_some(below));
            for v in bad_values {
                // Typed, the value is refused at once, by label and range…
                let typed = set(&s, &path, &v.to_string()).unwrap_err();
                assert!(
                    typed.starts_with(&format!("{}: ", f.label)),
                    "{path}: {typed}"
                );
                assert!(typed.contains("(allowed "), "{path}: {typed}");
                // …and in a document, by validation.
                let mut doc = document(&s);
                let number = match f.kind {
                    // Whole numbers a document cannot hold are refused when it is read.
                    FieldKind::Integer if !(0.0..=f64::from(u32::MAX)).contains(&v) => continue,
                    FieldKind::Integer => Value::from(v as u64),
                    _ => Value::from(v),
                };
                put(&mut doc, &at(&path).steps(), Some(number)).unwrap();
                let Ok(bad) = serde_json::from_value::<Scenario>(doc) else {
                    continue;
                };
                let e = valid(&bad).unwrap_err();
                assert!(e.contains(&path), "{path}: {e}");
            }
            checked += 1;
        }
        assert!(checked >= 15, "{checked} ranges checked");
    }

    #[test]
    fn fields_read_back_as_text_and_describe_themselves() {
        let s = set(&Scenario::default(), "policies[0].mandate.start", "2026-10").unwrap();
        let doc = serde_json::to_value(&s).unwrap();
        assert_eq!(field_text(&doc, &at("months")), "24");
        assert_eq!(
            field_text(&doc, &at("policies[0].mandate.start")),
            "2026-10"
        );
        assert_eq!(field_text(&doc, &at("policies[0].mandate.end")), "");
        assert_eq!(field_text(&doc, &at("policies[7].name")), "");
        assert_eq!(
            field_text(
                &doc,
                &at("organisation.cost_centres[0].teams[0].usage_multiplier")
            ),
            serde_json::to_value(s.organisation.cost_centres[0].teams[0].usage_multiplier)
                .unwrap()
                .to_string()
        );
        let cap = lookup("policies[0].run_cap.usd_per_run").unwrap();
        assert_eq!(
            cap.describe(),
            "Unit: USD / run. Allowed 0.01 – 10,000. Default 5. The most one agent run may cost; \
             the default is MODEL.md's V7 case."
        );
        let developers = lookup("organisation.cost_centres[0].teams[0].developers").unwrap();
        assert_eq!(developers.brief(), "people · 0 – 1,000,000");
        let agentic = lookup("organisation.cost_centres[0].teams[0].agentic_share").unwrap();
        assert_eq!(agentic.brief(), "fraction · 0 – 1 · optional");
        let budget = lookup("policies[0].annual_budget.usd").unwrap().describe();
        assert!(budget.contains("Default 1,000,000."), "{budget}");
        assert!(!lookup("uncertainty.seed")
            .unwrap()
            .describe()
            .contains("Allowed"));
    }

    #[test]
    fn every_lever_field_and_the_scenario_fields_are_found_by_path() {
        for lever in LEVERS {
            for f in lever.fields() {
                assert!(f.path.starts_with(lever.key));
                assert_eq!(lookup(&format!("policies[3].{}", f.path)), Some(f));
            }
        }
        assert_eq!(
            lookup("organisation.cost_centres[2].teams[1].developers")
                .unwrap()
                .label,
            "Developers"
        );
        assert_eq!(
            lookup("organisation.cost_centres[2].name").unwrap().label,
            "Cost centre"
        );
        assert_eq!(lookup("months").unwrap().max, 120.0);
        assert_eq!(lookup("policies[0].name").unwrap().label, "Name");
        let sigma = lookup("usage.sigma").unwrap();
        assert_eq!(
            sigma.section,
            Section::Param,
            "model parameters are entries too"
        );
        assert!(sigma.evidence.is_some());
        assert_eq!(lookup("developers"), Some(&HEADCOUNT));
        assert_eq!(
            lookup("model_mix[1].share").unwrap().unit,
            "percent of agentic tokens"
        );
        assert_eq!(
            lookup("manual_prices[gpt-5.4].cache_read").unwrap().label,
            "Cache read"
        );
    }

    #[test]
    fn the_registry_holds_every_field_once_and_the_parameters_last() {
        for (i, f) in FIELDS.iter().enumerate() {
            let twin = FIELDS[..i]
                .iter()
                .any(|g| g.section == f.section && g.path == f.path);
            assert!(!twin, "{} is declared twice", f.path);
        }
        assert_eq!(FIELDS.len(), DECLARED.len() + PARAMS.len());
        assert_eq!(&FIELDS[DECLARED.len()..], PARAMS);
        assert_eq!(fields(Section::Headcount).count(), 1);
        let windows = LEVERS
            .iter()
            .filter(|l| l.fields().any(|f| f.path.ends_with(".start")))
            .count();
        assert_eq!(windows, 6, "six levers have a window");
        assert_eq!(lever("ticket_rule").unwrap().fields().count(), 2);
    }
}
