//! What an input error says to the person who typed it: the field by the label the app shows
//! (never its path in the document), the value in the unit the field is shown in (percent for
//! the shares of a model mix, which the app edits in percent; the other shares are shown and
//! typed as fractions) and the allowed range. Numbers too long to read are shortened.

use super::fields::{bound, field, Section, LEVERS};
use super::input::{FieldPath, InputError, Problem};
use super::{FieldKind, FieldSpec, Prior, ScenarioError};

/// The label the app shows for the field at a scenario path, e.g.
/// `policies[0].annual_budget.usd` → `Budget`, `model_mix[1].share` → `Share of model 2`,
/// `usage.sigma` → `sigma`.
pub(crate) fn field_label(path: &str) -> String {
    let path = path.strip_suffix(" (sum of shares)").unwrap_or(path);
    if let Some(rest) = path.strip_prefix("uncertainty.priors.") {
        let (param, part) = PRIOR_PARTS
            .iter()
            .find_map(|(suffix, part)| rest.strip_suffix(suffix).map(|p| (p, *part)))
            .unwrap_or((rest, ""));
        let name = field(Section::Param, param).map_or(param, |p| p.label);
        return format!("{name}, across draws{part}");
    }
    if let Some(rest) = path.strip_prefix("model_mix[") {
        let row = rest
            .split_once(']')
            .and_then(|(i, _)| i.parse::<usize>().ok())
            .map_or(0, |i| i + 1);
        return if rest.ends_with(".share") {
            format!("Share of model {row}")
        } else {
            format!("Model {row}")
        };
    }
    if let Some(at) = FieldPath::parse(path) {
        return at.spec().label.to_string();
    }
    if path.contains(".teams[") && path.contains(".model_mix") {
        return field(Section::Team, "model_mix")
            .map_or("Own model mix", |f| f.label)
            .to_string();
    }
    if let Some(rest) = path.strip_prefix("policies[") {
        if let Some(lever) = rest
            .split_once("].")
            .and_then(|(_, key)| LEVERS.iter().find(|l| l.key == key))
        {
            return lever.label.to_string();
        }
    }
    if let Some(label) = part_label(path) {
        return label;
    }
    let named = [
        ("model_mix", "Model mix"),
        ("token_mix", "Token mix"),
        ("policies", "Policy sets"),
        ("organisation.cost_centres", "Cost centres"),
        ("scenario", "Scenario"),
    ];
    if let Some((_, label)) = named.iter().find(|(p, _)| *p == path) {
        return label.to_string();
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last).replace('_', " ");
    let mut chars = last.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The label of a part of a text field read into parts ([`super::input::holds_parts`]): the
/// field's label, with the entry's number in a list, `Discounts, entry 2` for
/// `pricing.discounts[1].percent`, `Committed spend` for `pricing.commitment.usd`.
fn part_label(path: &str) -> Option<String> {
    let (owner, rest) = path
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | '['))
        .map(|(i, _)| path.split_at(i))
        .find(|(owner, _)| super::input::holds_parts(owner))?;
    let label = FieldPath::parse(owner)?.spec().label;
    let entry = rest
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .and_then(|(i, _)| i.parse::<usize>().ok());
    Some(match entry {
        Some(i) => format!("{label}, entry {}", i + 1),
        None => label.to_string(),
    })
}

/// The parts of a prior's path and how the editor names them.
const PRIOR_PARTS: &[(&str, &str)] = &[
    (".uniform[0]", ", from"),
    (".uniform[1]", ", to"),
    (".lognormal.median", ", median"),
    (".lognormal.sigma", ", log-sd"),
];

/// Whether the field at `path` is shown in percent: the shares of the organisation's and the
/// teams' model mixes (fractions in the document).
fn in_percent(path: &str) -> bool {
    let path = path.strip_suffix(" (sum of shares)").unwrap_or(path);
    path.ends_with("model_mix") || (path.contains("model_mix[") && path.ends_with(".share"))
}

/// A number as a message shows it: at most 10 significant digits; whole numbers from 10,000 up
/// with thousands separators; from 10¹⁵ up (and below 10⁻⁶) in scientific notation, `1e100`,
/// so no message prints a hundred digits.
pub(crate) fn readable_number(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "not a number".to_string()
        } else if v > 0.0 {
            "infinity".to_string()
        } else {
            "minus infinity".to_string()
        };
    }
    if v != 0.0 && (v.abs() >= 1e15 || v.abs() < 1e-6) {
        let s = format!("{v:.6e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!("{mantissa}e{exponent}");
    }
    // Ten significant digits: drops the noise of binary fractions, 0.29 × 100 → 29.
    let rounded: f64 = format!("{v:.9e}").parse().unwrap_or(v);
    bound(rounded)
}

/// Text typed into a field as a message quotes it: a number too long to read shortened
/// (`"1e100"`), other long text cut after 40 characters.
pub fn quoted(text: &str) -> String {
    let text = text.trim();
    match text.parse::<f64>() {
        Ok(v) if text.chars().count() > 16 && v.is_finite() => {
            format!("\"{}\"", readable_number(v))
        }
        _ if text.chars().count() > 40 => {
            format!("\"{}…\"", text.chars().take(40).collect::<String>())
        }
        _ => format!("\"{text}\""),
    }
}

/// The message for a number outside its allowed range: `Horizon: 500 is above 120 (allowed
/// 1 – 120 months).`; with `percent`, value and bounds are fractions shown in percent:
/// `Share of model 1: 150 % is above 100 % (allowed 0 – 100 %).`
pub(crate) fn range_message(
    label: &str,
    value: f64,
    (min, max): (f64, f64),
    unit: &str,
    percent: bool,
) -> String {
    let scale = if percent { 100.0 } else { 1.0 };
    let show = |v: f64| {
        if percent {
            format!("{} %", readable_number(v * scale))
        } else {
            readable_number(v)
        }
    };
    let allowed = allowed((min, max), unit, percent);
    if value.is_nan() {
        return format!("{label}: not a number ({allowed}).");
    }
    let (side, limit) = if value < min {
        ("below", min)
    } else {
        ("above", max)
    };
    format!(
        "{label}: {} is {side} {} ({allowed}).",
        show(value),
        show(limit)
    )
}

/// What a field allows, as its messages say it: `allowed 1 – 120 months`; with `percent`, the
/// bounds are fractions shown in percent (`allowed 0 – 100 %`).
fn allowed((min, max): (f64, f64), unit: &str, percent: bool) -> String {
    let scale = if percent { 100.0 } else { 1.0 };
    let unit = match (percent, unit.is_empty()) {
        (true, _) => " %".to_string(),
        (false, true) => String::new(),
        (false, false) => format!(" {unit}"),
    };
    format!(
        "allowed {} – {}{unit}",
        readable_number(min * scale),
        readable_number(max * scale)
    )
}

/// Reads a number typed into a field: the value, or why it is not one (not a number, not whole
/// when `whole`, or outside `min..=max`); either message says what is allowed.
pub(crate) fn read_number(
    text: &str,
    whole: bool,
    range: (f64, f64),
    unit: &'static str,
) -> Result<f64, Problem> {
    let unreadable = || Problem::Unreadable {
        text: text.to_string(),
        expected: format!(
            "{} ({})",
            if whole { "a whole number" } else { "a number" },
            allowed(range, unit, false)
        ),
    };
    let v = text
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(unreadable)?;
    if whole && v.fract() != 0.0 {
        return Err(unreadable());
    }
    if !(range.0..=range.1).contains(&v) {
        return Err(Problem::OutOfRange {
            value: v,
            min: range.0,
            max: range.1,
            unit,
        });
    }
    Ok(v)
}

/// The unit of a number typed into a field outside the scenario's form (the solver's, the
/// finance panel's amount), which says the sign it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedUnit {
    /// Dollars [USD]: a leading `$` is allowed.
    Usd,
    /// A percentage [%]: a trailing `%` is allowed.
    Percent,
}

impl TypedUnit {
    /// The unit as messages name it.
    fn name(self) -> &'static str {
        match self {
            TypedUnit::Usd => "USD",
            TypedUnit::Percent => "%",
        }
    }
}

/// Reads a number a person typed into a field in `unit` ([`read_number`], not whole): spaces
/// around it and thousands separators (`2,400,000`) are allowed, and so is the unit's own sign
/// (`$2,400,000`, `90 %`), not the other's.
pub fn read_typed(text: &str, range: (f64, f64), unit: TypedUnit) -> Result<f64, Problem> {
    let trimmed = text.trim();
    let bare = match unit {
        TypedUnit::Usd => trimmed.strip_prefix('$'),
        TypedUnit::Percent => trimmed.strip_suffix('%'),
    }
    .unwrap_or(trimmed);
    let cleaned: String = bare.chars().filter(|c| *c != ',').collect();
    read_number(&cleaned, false, range, unit.name())
}

/// Reads a number typed into a declared field, by its spec; see [`read_number`].
pub(crate) fn read_field_number(spec: &FieldSpec, text: &str) -> Result<f64, Problem> {
    read_number(
        text,
        spec.kind == FieldKind::Integer,
        (spec.min, spec.max),
        spec.unit,
    )
}

/// What a [`Problem`] with the field labelled `label` says, e.g. `Horizon: "many" is not a whole
/// number (allowed 1 – 120 months).` or `Horizon: 0 is below 1 (allowed 1 – 120 months).`
pub fn problem_message(label: &str, problem: &Problem) -> String {
    match problem {
        Problem::Unreadable { text, expected } => {
            format!("{label}: {} is not {expected}.", quoted(text))
        }
        Problem::OutOfRange {
            value,
            min,
            max,
            unit,
        } => range_message(label, *value, (*min, *max), unit, false),
        Problem::Required => format!("{label}: a value is required."),
        Problem::Refused(reason) => format!("{label}: {reason}"),
        Problem::PriorNumber { part, text } => {
            format!("{label}: the {part} {} is not a number.", quoted(text))
        }
        Problem::PriorKind(kind) => {
            format!("{label}: \"{kind}\" is not none, fixed, uniform or lognormal.")
        }
        Problem::NoSuchField(reason) => reason.clone(),
    }
}

/// What an input error says beside its field (or at the top of the form): the field by its label,
/// then why; see [`problem_message`] and [`error_message`].
pub fn input_message(e: &InputError) -> String {
    match e {
        InputError::Typed { field, problem } => problem_message(&field_label(field), problem),
        InputError::Invalid(e) => error_message(e),
    }
}

/// The message a validation error shows beside its field: the field's label, the value in the
/// field's display unit and what is allowed, e.g. `Share of model 1: 150 % is above 100 %
/// (allowed 0 – 100 %).` or `Model mix: the shares add up to 90 %, not 100 %.`
pub fn error_message(e: &ScenarioError) -> String {
    match e {
        ScenarioError::Malformed { .. } | ScenarioError::Unreadable { .. } => e.to_string(),
        ScenarioError::Pricing { field, source } => format!("{}: {source}", field_label(field)),
        ScenarioError::OutOfRange {
            field,
            value,
            allowed,
        } => {
            let label = field_label(field);
            let percent = in_percent(field);
            let number = value.parse::<f64>().ok();
            if field.ends_with(" (sum of shares)") {
                if let Some(total) = number {
                    let (total, whole) = if percent {
                        (format!("{} %", readable_number(total * 100.0)), "100 %")
                    } else {
                        (readable_number(total), "1")
                    };
                    return format!("{label}: the shares add up to {total}, not {whole}.");
                }
            }
            let range = allowed
                .split_once('–')
                .and_then(|(lo, hi)| Some((lo.trim().parse().ok()?, hi.trim().parse().ok()?)));
            if let (Some(v), Some(range)) = (number, range) {
                let unit = FieldPath::parse(field)
                    .map(|at| at.spec().unit)
                    .unwrap_or_default();
                return range_message(&label, v, range, unit, percent);
            }
            let value = number.map_or_else(|| quoted(value), readable_number);
            format!("{label}: {value} is not allowed; it needs {allowed}.")
        }
    }
}

/// A prior in words, e.g. `uniform 0.8 – 1.6` or `lognormal, median 200, log-sd 0.8`.
pub fn prior_description(p: &Prior) -> String {
    match *p {
        Prior::Fixed(v) => format!("fixed at {v}"),
        Prior::Uniform([lo, hi]) => format!("uniform {lo} – {hi}"),
        Prior::Lognormal { median, sigma } => format!("lognormal, median {median}, log-sd {sigma}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::{set_field, Scenario};

    fn validation_message(edit: impl FnOnce(&mut Scenario)) -> String {
        let mut s = Scenario::default();
        edit(&mut s);
        error_message(&s.validate(&Catalogue::builtin()).expect_err("invalid"))
    }

    #[test]
    fn fields_are_named_by_their_label_not_their_path() {
        assert_eq!(field_label("policies[0].annual_budget.usd"), "Budget");
        assert_eq!(field_label("months"), "Horizon");
        assert_eq!(field_label("developers"), "Developers");
        assert_eq!(field_label("model_mix[0].share"), "Share of model 1");
        assert_eq!(field_label("model_mix[2].model"), "Model 3");
        assert_eq!(field_label("model_mix (sum of shares)"), "Model mix");
        assert_eq!(
            field_label("organisation.cost_centres[1].teams[0].agentic_share"),
            "Agentic share"
        );
        assert_eq!(
            field_label("organisation.cost_centres[1].teams[0].model_mix[0].share"),
            "Own model mix"
        );
        assert_eq!(field_label("policies[1].run_cap"), "Per-run cap");
        assert_eq!(field_label("usage.sigma"), "sigma");
        assert_eq!(
            field_label("uncertainty.priors.usage.sigma.uniform[1]"),
            "sigma, across draws, to"
        );
        assert_eq!(field_label("organisation.cost_centres[0].teams"), "Teams");
    }

    #[test]
    fn a_budget_out_of_range_names_its_label_and_range() {
        let m = validation_message(|s| {
            s.policies[0].annual_budget = Some(crate::scenario::AnnualBudget {
                usd: 0.5,
                start_month: None,
            })
        });
        assert_eq!(
            m,
            "Budget: 0.5 is below 1 (allowed 1 – 10,000,000,000,000 USD / year)."
        );
        assert!(!m.contains("policies["), "{m}");
    }

    #[test]
    fn a_model_share_of_150_percent_is_said_in_percent() {
        let m = validation_message(|s| s.model_mix[0].share = 1.5);
        assert_eq!(
            m,
            "Share of model 1: 150 % is above 100 % (allowed 0 – 100 %)."
        );
        let sum = validation_message(|s| s.model_mix[0].share -= 0.1);
        assert_eq!(sum, "Model mix: the shares add up to 90 %, not 100 %.");
    }

    #[test]
    fn fractions_stay_fractions_as_the_page_shows_them() {
        let m = validation_message(|s| {
            s.organisation.cost_centres[0].teams[0].agentic_share = Some(1.5)
        });
        assert_eq!(m, "Agentic share: 1.5 is above 1 (allowed 0 – 1 fraction).");
        let sum = validation_message(|s| s.token_mix.cache_read = 0.9);
        assert!(
            sum.starts_with("Token mix: the shares add up to 0.9"),
            "{sum}"
        );
        assert!(sum.ends_with(", not 1."), "{sum}");
    }

    #[test]
    fn parameters_and_priors_are_described_in_words() {
        let sigma = field(Section::Param, "usage.sigma").unwrap();
        let help = sigma.describe();
        assert!(
            help.starts_with(&format!("{}. Default ", sigma.unit)),
            "{help}"
        );
        assert!(
            help.contains(&format!("Grade {}: ", sigma.evidence.unwrap().grade)),
            "{help}"
        );
        assert_eq!(
            prior_description(&Prior::Lognormal {
                median: 200.0,
                sigma: 0.8
            }),
            "lognormal, median 200, log-sd 0.8"
        );
        assert_eq!(
            prior_description(&Prior::Uniform([0.8, 1.6])),
            "uniform 0.8 – 1.6"
        );
        assert_eq!(prior_description(&Prior::Fixed(2.0)), "fixed at 2");
    }

    #[test]
    fn huge_numbers_are_shortened() {
        assert_eq!(readable_number(1e100), "1e100");
        assert_eq!(readable_number(-1.25e20), "-1.25e20");
        assert_eq!(readable_number(2.5e-9), "2.5e-9");
        assert_eq!(readable_number(12_345.0), "12,345");
        assert_eq!(readable_number(0.29 * 100.0), "29");
        assert_eq!(readable_number(0.1 + 0.2), "0.3");
        assert_eq!(readable_number(0.0), "0");
        let typed = format!("1{}", "0".repeat(100));
        let m = input_message(
            &set_field(
                &Scenario::default(),
                &FieldPath::parse("months").unwrap(),
                &typed,
            )
            .unwrap_err(),
        );
        assert_eq!(m, "Horizon: 1e100 is above 120 (allowed 1 – 120 months).");
        let m = read("Developers", &typed, true, (1.0, 1e6), "people").unwrap_err();
        assert!(m.contains("1e100") && m.len() < 80, "{m}");
        assert_eq!(quoted(&"x".repeat(100)).chars().count(), 43);
    }

    /// A number read as a field labelled `label` reads it, or the message saying why not.
    fn read(
        label: &str,
        text: &str,
        whole: bool,
        range: (f64, f64),
        unit: &'static str,
    ) -> Result<f64, String> {
        read_number(text, whole, range, unit).map_err(|p| problem_message(label, &p))
    }

    #[test]
    fn typed_numbers_are_read_within_their_range() {
        assert_eq!(
            read("Horizon", " 12 ", true, (1.0, 120.0), "months"),
            Ok(12.0)
        );
        assert_eq!(
            read("Horizon", "", true, (1.0, 120.0), "months"),
            Err("Horizon: \"\" is not a whole number (allowed 1 – 120 months).".to_string())
        );
        assert_eq!(
            read("Horizon", "1.5", true, (1.0, 120.0), "months"),
            Err("Horizon: \"1.5\" is not a whole number (allowed 1 – 120 months).".to_string())
        );
        assert_eq!(
            read("Horizon", "0", true, (1.0, 120.0), "months"),
            Err("Horizon: 0 is below 1 (allowed 1 – 120 months).".to_string())
        );
        assert_eq!(
            read("sigma", "inf", false, (0.0, 3.0), "log-sd"),
            Err("sigma: \"inf\" is not a number (allowed 0 – 3 log-sd).".to_string())
        );
    }

    #[test]
    fn typed_amounts_and_percentages_allow_their_own_signs_only() {
        let usd = |t| read_typed(t, (0.0, 1e13), TypedUnit::Usd);
        assert_eq!(usd(" $2,400,000 "), Ok(2_400_000.0));
        assert_eq!(usd("2.5e6"), Ok(2_500_000.0));
        assert!(usd("5%").is_err(), "a percent sign is not a dollar amount");
        assert!(usd("NaN").is_err());
        assert!(matches!(usd("1e99"), Err(Problem::OutOfRange { .. })));
        let pct = |t| read_typed(t, (1.0, 100.0), TypedUnit::Percent);
        assert_eq!(pct(" 90 % "), Ok(90.0));
        assert!(pct("$90").is_err(), "a dollar sign is not a percentage");
    }
}
