//! What the editors show, as plain data: each input as a [`FieldView`] (its element id, label,
//! text as typed or as in the scenario, how it is typed, its unit, range and meaning, its message
//! and invalid state), built from the field registry, the editor's typed text and its input
//! error. The web shell's one input component renders a [`FieldView`] and sends back
//! [`crate::session::EditAction::Set`] with its path.

use crate::pricing::Catalogue;
use crate::scenario::{
    input_message, prior_description, FieldKind, FieldPath, FieldSpec, InputError, PriorPart,
    Scenario, Section,
};
use crate::session::{Editor, FieldTexts, PriceAction};

/// How an input is typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A list to choose from: (value, label).
    Select(Vec<(String, String)>),
    /// A text box.
    Typed {
        /// The input's `type`: `number`, `month` or `text`.
        kind: &'static str,
        /// The on-screen keyboard to offer (`decimal`, `numeric`).
        mode: Option<&'static str>,
        /// The number step (`any`, `1`).
        step: Option<&'static str>,
        /// The allowed range, for numbers with a range worth saying.
        range: Option<(String, String)>,
        /// What an empty box says.
        placeholder: Option<&'static str>,
    },
}

/// Where an input's label, message and help go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Label, input, message and help in a box of this CSS class (`field`; `param` for a model
    /// parameter, whose prior follows in the box).
    Block(&'static str),
    /// Only the input and its message, labelled for assistive technology, with the help as its
    /// tooltip (a table cell whose column header says the rest).
    Cell,
    /// Label and input only (a part of a prior, whose message the prior shows).
    Inline,
}

/// One input, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldView {
    /// What it edits.
    pub path: FieldPath,
    /// The element id (its help is `{id}-help`, its message `{id}-error`).
    pub id: String,
    /// The label.
    pub label: String,
    /// The text shown: as typed, or the scenario's value.
    pub text: String,
    /// How it is typed.
    pub input: Input,
    /// Where its label, message and help go.
    pub layout: Layout,
    /// Unit, default, allowed range and meaning.
    pub help: String,
    /// Said after the help, emphasised (a parameter's prior).
    pub note: Option<String>,
    /// The current error's message, when it is about this field.
    pub error: Option<String>,
    /// Marked invalid (with its message, or one said elsewhere).
    pub invalid: bool,
    /// Must be filled in before its form is sent (a hand-entered price's required ones).
    pub required: bool,
}

impl FieldView {
    /// The id of its help.
    pub fn help_id(&self) -> String {
        format!("{}-help", self.id)
    }

    /// The id of its message.
    pub fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }

    /// The ids of what describes it to assistive technology.
    pub fn described_by(&self) -> Option<String> {
        match (self.layout, &self.error) {
            (Layout::Inline, _) | (Layout::Cell, None) => None,
            (Layout::Cell, Some(_)) => Some(self.error_id()),
            (Layout::Block(_), None) => Some(self.help_id()),
            (Layout::Block(_), Some(_)) => Some(format!("{} {}", self.help_id(), self.error_id())),
        }
    }

    /// Whether its label is only for assistive technology (its help then a tooltip).
    pub fn unlabelled(&self) -> bool {
        self.layout == Layout::Cell
    }
}

/// A model parameter's prior: its kind and, for a kind that has them, its two numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorView {
    /// The kind.
    pub kind: FieldView,
    /// The value, lower bound or median.
    pub a: Option<FieldView>,
    /// The upper bound or log-sd.
    pub b: Option<FieldView>,
    /// The current error's message, when it is about the prior.
    pub error: Option<String>,
}

/// A row of the organisation's model mix.
#[derive(Debug, Clone, PartialEq)]
pub struct MixRow {
    /// Its model.
    pub model: FieldView,
    /// Its share, in percent.
    pub share: FieldView,
    /// The remove button's accessible name.
    pub remove: String,
}

/// The form entering the price of a model no table prices [USD / 1M tokens].
#[derive(Debug, Clone, PartialEq)]
pub struct PriceForm {
    /// The model.
    pub model: String,
    /// Why the form is there.
    pub message: String,
    /// Input, cache-read and output prices.
    pub fields: Vec<FieldView>,
}

impl PriceForm {
    /// The action that uses the prices as typed, entered on `as_of`.
    pub fn action(&self, as_of: crate::calendar::Date) -> PriceAction {
        let text = |path: &str| {
            self.fields
                .iter()
                .find(|f| f.path.spec().path == path)
                .map(|f| f.text.clone())
                .unwrap_or_default()
        };
        PriceAction::AddManual {
            model: self.model.clone(),
            input: text("input"),
            cache_read: text("cache_read"),
            output: text("output"),
            as_of,
        }
    }
}

/// What the editors show: every input's text, the current input error, and the plans and
/// models to choose from.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    texts: FieldTexts,
    error: Option<InputError>,
    message: Option<String>,
    plans: Vec<String>,
    models: Vec<String>,
    unpriced: Vec<String>,
}

impl Form {
    /// The form of `editor`'s scenario with the prices in `catalogue`.
    pub fn new(editor: &Editor, catalogue: &Catalogue) -> Form {
        Form {
            texts: editor.texts(),
            error: editor.error.clone(),
            message: editor.error.as_ref().map(input_message),
            plans: catalogue.plans().iter().map(|p| p.id.clone()).collect(),
            models: catalogue.models().iter().map(|m| m.id.clone()).collect(),
            unpriced: editor.unpriced_models(catalogue),
        }
    }

    fn scenario(&self) -> &Scenario {
        self.texts.scenario()
    }

    /// The input of the field at `path`, labelled by its registry entry.
    pub fn field(&self, path: FieldPath) -> FieldView {
        let error = self.about(&path.to_string());
        self.view(path, Layout::Block("field"), error)
    }

    /// The usage panel's inputs: what a calibration needs besides the files.
    pub fn calibration_fields(&self) -> Vec<FieldView> {
        crate::scenario::fields(Section::Calibration)
            .map(|spec| self.field(FieldPath::Scenario(spec)))
            .collect()
    }

    /// What the calibration inputs ask for (empty ones: nothing); `None` while one does not
    /// read or is out of range (its message says why).
    pub fn calibration_options(&self) -> Option<crate::calibrate::Options> {
        let read = |path: &str| -> Option<Option<f64>> {
            let spec = crate::scenario::field(Section::Calibration, path)?;
            let text = self.texts.text(&FieldPath::Scenario(spec));
            if text.trim().is_empty() {
                return Some(None);
            }
            let whole = spec.kind == crate::scenario::FieldKind::Integer;
            crate::scenario::read_number(&text, whole, (spec.min, spec.max), spec.unit)
                .ok()
                .map(Some)
        };
        Some(crate::calibrate::Options {
            cap_usd: read("calibration.cap_usd")?,
            seats: read("calibration.seats")?.map(|n| n as u32),
        })
    }

    /// The input of a table cell, labelled `label` for assistive technology.
    fn cell(&self, path: FieldPath, label: String) -> FieldView {
        let error = self.about(&path.to_string());
        FieldView {
            label,
            ..self.view(path, Layout::Cell, error)
        }
    }

    fn view(&self, path: FieldPath, layout: Layout, error: Option<String>) -> FieldView {
        let spec = path.spec();
        let text = self.texts.text(&path);
        FieldView {
            id: element_id(&path),
            label: spec.label.to_string(),
            input: self.input(spec, &text),
            help: spec.describe(),
            note: None,
            invalid: error.is_some(),
            required: spec.section == Section::Price && !spec.optional,
            error,
            layout,
            text,
            path,
        }
    }

    fn input(&self, spec: &FieldSpec, text: &str) -> Input {
        let listed = |ids: &[String]| {
            let mut options: Vec<(String, String)> =
                ids.iter().map(|id| (id.clone(), id.clone())).collect();
            if !ids.iter().any(|id| id == text) {
                options.insert(0, (text.to_string(), format!("{text} (not priced)")));
            }
            Input::Select(options)
        };
        let (kind, mode, step) = match spec.kind {
            FieldKind::Choice(options) => {
                return Input::Select(
                    options
                        .iter()
                        .map(|(v, l)| (v.to_string(), l.to_string()))
                        .collect(),
                )
            }
            FieldKind::Plan => return listed(&self.plans),
            FieldKind::Model => return listed(&self.models),
            FieldKind::Number => ("number", Some("decimal"), Some("any")),
            FieldKind::Integer => ("number", Some("numeric"), Some("1")),
            FieldKind::Month => ("month", None, None),
            FieldKind::Text | FieldKind::NumberList | FieldKind::ModelMix => ("text", None, None),
        };
        let numeric =
            matches!(spec.kind, FieldKind::Number | FieldKind::Integer) && spec.max < 1e18;
        Input::Typed {
            kind,
            mode,
            step,
            range: numeric.then(|| (spec.min.to_string(), spec.max.to_string())),
            placeholder: match spec.kind {
                FieldKind::Month => Some("YYYY-MM"),
                FieldKind::ModelMix => Some("the organisation's mix"),
                _ => None,
            },
        }
    }

    /// The input of a team's field, labelled by the team and its cost centre.
    pub fn team_cell(&self, centre: usize, team: usize, spec: &'static FieldSpec) -> FieldView {
        let cc = &self.scenario().organisation.cost_centres[centre];
        let label = format!("{}, team {}, {}", spec.label, cc.teams[team].name, cc.name);
        self.cell(FieldPath::Team(centre, team, spec), label)
    }

    /// The model mix's rows.
    pub fn mix_rows(&self) -> Vec<MixRow> {
        let [model, share] = ["model", "share"].map(|p| {
            crate::scenario::field(Section::MixRow, p).expect("mix rows have a model and a share")
        });
        self.scenario()
            .model_mix
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut model = self.cell(FieldPath::MixRow(i, model), format!("Model {}", i + 1));
                // Said under the mix, and in the price form.
                model.error = None;
                model.invalid = self.unpriced.contains(&row.model);
                MixRow {
                    model,
                    share: self.cell(
                        FieldPath::MixRow(i, share),
                        format!("Share of model {} in percent", i + 1),
                    ),
                    remove: format!("Remove {} from the mix", row.model),
                }
            })
            .collect()
    }

    /// The input of a model parameter, with its prior said after its help.
    pub fn param(&self, spec: &'static FieldSpec) -> FieldView {
        let prior = self.scenario().uncertainty.priors.get(spec.path);
        FieldView {
            note: prior.map(|p| format!(" Uncertain: {}.", prior_description(p))),
            ..self.view(
                FieldPath::Scenario(spec),
                Layout::Block("param"),
                self.about(spec.path),
            )
        }
    }

    /// The prior of a model parameter.
    pub fn prior(&self, spec: &'static FieldSpec) -> PriorView {
        let error = self.under(&format!("uncertainty.priors.{}", spec.path));
        let mut kind = self.view(
            FieldPath::Prior(spec, PriorPart::Kind),
            Layout::Inline,
            None,
        );
        let chosen = kind.text.clone();
        kind.label = "Across draws".into();
        kind.input = Input::Select(
            PRIOR_KINDS
                .iter()
                .filter(|(v, _)| *v != "fixed" || chosen == "fixed")
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect(),
        );
        let (first, second) = match chosen.as_str() {
            "fixed" => (Some("value"), None),
            "uniform" => (Some("from"), Some("to")),
            "lognormal" => (Some("median"), Some("log-sd")),
            _ => (None, None),
        };
        let number = |part, label: &str| {
            let mut view = self.view(FieldPath::Prior(spec, part), Layout::Inline, None);
            view.label = label.to_string();
            view.invalid = error.is_some();
            view.input = Input::Typed {
                kind: "number",
                mode: None,
                step: Some("any"),
                range: None,
                placeholder: None,
            };
            view
        };
        PriorView {
            a: first.map(|l| number(PriorPart::A, l)),
            b: second.map(|l| number(PriorPart::B, l)),
            kind,
            error,
        }
    }

    /// A form per model of the mixes that the prices in use do not price.
    pub fn price_forms(&self) -> Vec<PriceForm> {
        self.unpriced
            .iter()
            .map(|model| PriceForm {
                model: model.clone(),
                message: format!("No price for model \"{model}\": pick another model above, or enter its price (USD per 1M tokens)."),
                fields: crate::scenario::fields(Section::Price)
                    .map(|spec| self.field(FieldPath::Price(model.clone(), spec)))
                    .collect(),
            })
            .collect()
    }

    /// The message, when the current error is about the field at `path` (or an element of
    /// it).
    pub fn about(&self, path: &str) -> Option<String> {
        self.when(|e| e.is_about(path))
    }

    /// The message, when the error is about lever `lever` of policy set `policy` as a whole.
    pub fn about_lever(&self, policy: usize, lever: &str) -> Option<String> {
        self.about(&format!("policies[{policy}].{lever}"))
    }

    fn under(&self, prefix: &str) -> Option<String> {
        self.when(|e| e.is_under(prefix))
    }

    /// The message, when the error is about the mix as a whole or a row's model (a row's share
    /// has its message beside it).
    pub fn about_the_mix(&self) -> Option<String> {
        self.when(|e| e.is_about("model_mix") && !e.is_about_a_share())
    }

    /// The message the form says at its top: an error with no field of its own.
    pub fn top_message(&self) -> Option<String> {
        self.when(|e| !e.is_inline())
    }

    fn when(&self, about: impl Fn(&InputError) -> bool) -> Option<String> {
        self.error
            .as_ref()
            .filter(|e| about(e))
            .and(self.message.clone())
    }
}

/// The kinds of prior and how the editor names them.
const PRIOR_KINDS: &[(&str, &str)] = &[
    ("none", "fixed at the value"),
    ("fixed", "fixed prior"),
    ("uniform", "uniform"),
    ("lognormal", "lognormal"),
];

/// The element id of the input at `path`: `developers`, `draws`, `param-usage-sigma` (its prior
/// `…-prior`, `…-prior-a`, `…-prior-b`), `mix-share-1`, `price-gpt-5-4-cache-read`, else
/// the path with its separators as dashes, e.g. `f-policies-1-run_cap-usd_per_run`.
pub fn element_id(path: &FieldPath) -> String {
    let dashed = |p: &str| p.replace('.', "-");
    match path {
        FieldPath::Scenario(spec) if spec.section == Section::Headcount => "developers".into(),
        FieldPath::Scenario(spec) if spec.path == "uncertainty.draws" => "draws".into(),
        FieldPath::Scenario(spec) if spec.section == Section::Param => {
            format!("param-{}", dashed(spec.path))
        }
        FieldPath::Prior(spec, part) => {
            let part = match part {
                PriorPart::Kind => "",
                PriorPart::A => "-a",
                PriorPart::B => "-b",
            };
            format!("param-{}-prior{part}", dashed(spec.path))
        }
        FieldPath::MixRow(i, spec) => format!("mix-{}-{i}", spec.path),
        FieldPath::Price(model, spec) => format!(
            "price-{}-{}",
            model.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
            spec.path.replace('_', "-")
        ),
        other => {
            let mut id = String::from("f-");
            for c in other.to_string().chars() {
                match c {
                    '.' | '[' => id.push('-'),
                    ']' => {}
                    c => id.push(c),
                }
            }
            id
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Action, EditAction, Session};

    fn at(path: &str) -> FieldPath {
        FieldPath::parse(path).unwrap_or_else(|| panic!("{path} is a field"))
    }

    fn form(s: &Session) -> Form {
        Form::new(&s.editor, &s.prices.catalogue)
    }

    fn typed(s: &Session, path: &str, text: &str) -> Session {
        s.apply(Action::Edit(EditAction::Set {
            path: at(path),
            text: text.into(),
        }))
    }

    #[test]
    fn every_input_has_the_id_the_page_and_its_tests_know() {
        for (path, id) in [
            ("developers", "developers"),
            ("uncertainty.draws", "draws"),
            ("months", "f-months"),
            ("usage.sigma", "param-usage-sigma"),
            (
                "uncertainty.priors.usage.sigma.kind",
                "param-usage-sigma-prior",
            ),
            (
                "uncertainty.priors.usage.sigma.b",
                "param-usage-sigma-prior-b",
            ),
            ("model_mix[2].share", "mix-share-2"),
            ("model_mix[0].model", "mix-model-0"),
            (
                "manual_prices[gemini-3-flash].cache_read",
                "price-gemini-3-flash-cache-read",
            ),
            (
                "policies[1].run_cap.usd_per_run",
                "f-policies-1-run_cap-usd_per_run",
            ),
            (
                "organisation.cost_centres[0].teams[2].developers",
                "f-organisation-cost_centres-0-teams-2-developers",
            ),
        ] {
            assert_eq!(element_id(&at(path)), id, "{path}");
        }
    }

    #[test]
    fn a_field_keeps_what_was_typed_through_invalid_and_valid_states() {
        let s = Session::new(Scenario::default());
        let months = form(&s).field(at("months"));
        assert_eq!((months.text.as_str(), months.error.as_ref()), ("24", None));
        assert_eq!(months.described_by().as_deref(), Some("f-months-help"));
        assert_eq!(months.help, at("months").spec().describe());
        let empty = typed(&s, "months", "");
        let months = form(&empty).field(at("months"));
        assert_eq!(months.text, "");
        assert!(months.invalid);
        assert!(months.error.as_deref().unwrap().starts_with("Horizon: "));
        assert_eq!(
            months.described_by().as_deref(),
            Some("f-months-help f-months-error")
        );
        assert_eq!(form(&empty).top_message(), None, "said beside the field");
        let twelve = typed(&empty, "months", "12");
        let months = form(&twelve).field(at("months"));
        assert_eq!((months.text.as_str(), months.invalid), ("12", false));
        assert_eq!(
            months.input,
            Input::Typed {
                kind: "number",
                mode: Some("numeric"),
                step: Some("1"),
                range: Some(("1".into(), "120".into())),
                placeholder: None,
            }
        );
    }

    #[test]
    fn a_parameter_shows_its_evidence_and_its_prior() {
        let s = Session::new(Scenario::default());
        let spend = crate::scenario::field(Section::Param, "usage.mean_spend_usd").unwrap();
        let view = form(&s).param(spend);
        assert_eq!(view.label, "mean_spend_usd");
        assert!(
            view.help
                .contains("Default 200, allowed 1 – 100000. Grade A: "),
            "{}",
            view.help
        );
        assert!(view
            .note
            .unwrap()
            .starts_with(" Uncertain: lognormal, median 200"));
        let prior = form(&s).prior(spend);
        assert_eq!(prior.kind.text, "lognormal");
        assert_eq!(prior.a.as_ref().unwrap().label, "median");
        assert_eq!(
            prior.b.as_ref().unwrap().id,
            "param-usage-mean_spend_usd-prior-b"
        );
        let bad = typed(&s, "uncertainty.priors.usage.mean_spend_usd.b", "wide");
        let prior = form(&bad).prior(spend);
        assert!(prior.error.is_some());
        assert_eq!(prior.b.unwrap().text, "wide");
        assert!(prior.a.unwrap().invalid);
        let fixed = typed(&s, "usage.mean_spend_usd", "300");
        assert_eq!(
            form(&fixed).param(spend).note,
            None,
            "a typed value is fixed"
        );
        let sigma = crate::scenario::field(Section::Param, "usage.sigma").unwrap();
        let high = form(&typed(&s, "usage.sigma", "9")).param(sigma);
        assert_eq!(
            high.error.as_deref(),
            Some("sigma: 9 is above 3 (allowed 0 – 3 log-sd of per-developer demand).")
        );
        assert_eq!((high.text.as_str(), high.invalid), ("9", true));
    }

    #[test]
    fn table_cells_are_labelled_by_their_row() {
        let s = Session::new(Scenario::default());
        let developers = crate::scenario::field(Section::Team, "developers").unwrap();
        let cell = form(&s).team_cell(0, 1, developers);
        let scenario = &s.editor.scenario;
        let cc = &scenario.organisation.cost_centres[0];
        assert_eq!(
            cell.label,
            format!("Developers, team {}, {}", cc.teams[1].name, cc.name)
        );
        assert!(cell.unlabelled());
        assert_eq!(cell.described_by(), None);
        let rows = form(&s).mix_rows();
        assert_eq!(rows.len(), scenario.model_mix.len());
        assert_eq!(rows[1].share.label, "Share of model 2 in percent");
        let over = typed(&s, "model_mix[0].share", "150");
        let share = &form(&over).mix_rows()[0].share;
        assert_eq!(share.described_by().as_deref(), Some("mix-share-0-error"));
        assert_eq!(form(&over).about_the_mix(), None, "said beside the share");
    }

    #[test]
    fn an_unpriced_model_gets_a_price_form_whose_text_is_kept_until_used() {
        let mut scenario = Scenario::default();
        scenario.model_mix[0].model = "house-model".into();
        let s = Session::new(scenario);
        let rows = form(&s).mix_rows();
        assert!(rows[0].model.invalid);
        let Input::Select(options) = &rows[0].model.input else {
            panic!("a model is chosen from a list");
        };
        assert_eq!(options[0].1, "house-model (not priced)");
        let forms = form(&s).price_forms();
        assert_eq!(forms.len(), 1);
        assert!(forms[0]
            .message
            .starts_with("No price for model \"house-model\""));
        let ids: Vec<&str> = forms[0].fields.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "price-house-model-input",
                "price-house-model-cache-read",
                "price-house-model-output"
            ]
        );
        let required: Vec<bool> = forms[0].fields.iter().map(|f| f.required).collect();
        assert_eq!(required, [true, false, true]);
        let s = typed(&s, "manual_prices[house-model].input", "0.5");
        let s = typed(&s, "manual_prices[house-model].output", "3");
        let price = &form(&s).price_forms()[0];
        assert_eq!(price.fields[0].text, "0.5");
        let day = crate::calendar::Date::from_unix_days(20_000);
        let PriceAction::AddManual {
            input,
            cache_read,
            output,
            ..
        } = price.action(day)
        else {
            panic!("a price is entered");
        };
        assert_eq!(
            (input.as_str(), cache_read.as_str(), output.as_str()),
            ("0.5", "", "3")
        );
        let priced = s.apply(Action::Prices(price.action(day)));
        assert!(form(&priced).price_forms().is_empty());
        assert!(priced
            .editor
            .typed
            .keys()
            .all(|k| !k.starts_with("manual_prices[")));
    }

    #[test]
    fn the_calibration_inputs_are_read_and_checked_as_typed_and_never_rerun() {
        let s = Session::new(Scenario::default());
        let f = form(&s);
        assert_eq!(
            f.calibration_options(),
            Some(crate::calibrate::Options::default())
        );
        let ids: Vec<String> = f
            .calibration_fields()
            .iter()
            .map(|v| v.id.clone())
            .collect();
        assert_eq!(ids, ["f-calibration-cap_usd", "f-calibration-seats"]);
        let capped = typed(
            &typed(&s, "calibration.cap_usd", "1500"),
            "calibration.seats",
            "250",
        );
        assert_eq!(
            capped.editor.scenario, s.editor.scenario,
            "not in the scenario"
        );
        assert_eq!(capped.run.pending, s.run.pending, "nothing to run");
        assert_eq!(
            form(&capped).calibration_options(),
            Some(crate::calibrate::Options {
                cap_usd: Some(1500.0),
                seats: Some(250),
            })
        );
        let wrong = typed(&capped, "calibration.seats", "2.5");
        let field = form(&wrong).field(at("calibration.seats"));
        let message = field.error.expect("a message");
        assert!(
            message.contains("Seats") && message.contains("whole number"),
            "{message}"
        );
        assert!(field.invalid);
        assert_eq!(form(&wrong).calibration_options(), None);
        let cleared = typed(&wrong, "calibration.seats", "");
        assert_eq!(form(&cleared).field(at("calibration.seats")).error, None);
        assert_eq!(
            form(&cleared).calibration_options().unwrap().cap_usd,
            Some(1500.0)
        );
        let too_high = typed(&cleared, "calibration.cap_usd", "2000000");
        let message = form(&too_high)
            .field(at("calibration.cap_usd"))
            .error
            .unwrap();
        assert!(
            message.contains("Per-user cap") && message.contains("USD / month"),
            "{message}"
        );
    }
}
