//! One labelled input for a declared field ([`FieldSpec`]): the input suited to its kind, its
//! unit, default, allowed range and meaning beside it, and the invalid state when the current
//! error is about it. Every edit goes out as text; the core reads and validates it.

use crate::scenario::{input_message, FieldKind, FieldSpec};
use crate::session::{Action, EditAction};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The element id of the input (its help is `{id}-help`).
    pub id: AttrValue,
    /// What the field is.
    pub spec: &'static FieldSpec,
    /// The text shown: as typed, or the scenario's value.
    pub value: String,
    /// The current error's message, when it is about this field.
    #[prop_or_default]
    pub error: Option<String>,
    /// Marked invalid although its message is said elsewhere (a model no table prices).
    #[prop_or_default]
    pub invalid: bool,
    /// A label in place of the spec's (for example naming the team a row is about).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Show only the input, labelled for assistive technology, with the help as a tooltip (for
    /// table rows whose column headers say the rest).
    #[prop_or_default]
    pub compact: bool,
    /// The ids to choose from, for [`FieldKind::Plan`] and [`FieldKind::Model`] (the price
    /// table's plans or models).
    #[prop_or_default]
    pub choices: Rc<Vec<String>>,
    /// Receives the text on every edit.
    pub on_text: Callback<String>,
}

/// The input of one field.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let spec = props.spec;
    let id = props.id.clone();
    let help_id = format!("{id}-help");
    let label = props.label.clone().unwrap_or(AttrValue::Static(spec.label));
    let invalid = (props.error.is_some() || props.invalid).then_some("true");
    let error_id = format!("{id}-error");
    let described = match (&props.error, props.compact) {
        (Some(_), true) => Some(error_id.clone()),
        (Some(_), false) => Some(format!("{help_id} {error_id}")),
        (None, true) => None,
        (None, false) => Some(help_id.clone()),
    };
    let on_input = {
        let cb = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_change = {
        let cb = props.on_text.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let options = |options: Vec<(String, String)>| {
        html! {
            <select id={id.clone()} onchange={on_change.clone()} aria-invalid={invalid}
                aria-label={props.compact.then(|| label.clone())}
                aria-describedby={described.clone()}
                title={props.compact.then(|| spec.describe())}>
                { for options.into_iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={v == props.value}>{ l }</option>
                }) }
            </select>
        }
    };
    let input = match spec.kind {
        FieldKind::Choice(choices) => options(
            choices
                .iter()
                .map(|(v, l)| (v.to_string(), l.to_string()))
                .collect(),
        ),
        FieldKind::Plan | FieldKind::Model => {
            let mut ids: Vec<(String, String)> = props
                .choices
                .iter()
                .map(|p| (p.clone(), p.clone()))
                .collect();
            if !props.choices.contains(&props.value) {
                ids.insert(
                    0,
                    (props.value.clone(), format!("{} (not priced)", props.value)),
                );
            }
            options(ids)
        }
        kind => {
            let (kind, mode, step) = match kind {
                FieldKind::Number => ("number", Some("decimal"), Some("any")),
                FieldKind::Integer => ("number", Some("numeric"), Some("1")),
                FieldKind::Month => ("month", None, None),
                _ => ("text", None, None),
            };
            let numeric =
                matches!(spec.kind, FieldKind::Number | FieldKind::Integer) && spec.max < 1e18;
            html! {
                <input id={id.clone()} type={kind} inputmode={mode} step={step}
                    min={numeric.then(|| spec.min.to_string())}
                    max={numeric.then(|| spec.max.to_string())}
                    placeholder={match spec.kind {
                        FieldKind::Month => Some("YYYY-MM"),
                        FieldKind::ModelMix => Some("the organisation's mix"),
                        _ => None,
                    }}
                    value={props.value.clone()} oninput={on_input}
                    aria-invalid={invalid}
                    aria-label={props.compact.then(|| label.clone())}
                    aria-describedby={described.clone()}
                    title={props.compact.then(|| spec.describe())} />
            }
        }
    };
    // The message is an `if` node, which is always one node of the list whether shown or not:
    // a `{ for … }` of an `Option` would add or drop a node, and Yew, matching unkeyed lists
    // from the end, would then replace the input (losing focus and the keys that follow).
    let message = |error: &Option<String>| {
        html! {
            if let Some(m) = error {
                <p id={error_id.clone()} class="field-error">{ m.clone() }</p>
            }
        }
    };
    if props.compact {
        return html! { <>{ input }{ message(&props.error) }</> };
    }
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            { input }
            { message(&props.error) }
            <p id={help_id} class="hint">{ spec.describe() }</p>
        </div>
    }
}

/// The callback that hands the text typed into the input at `path` to the session.
pub fn edit(on_action: &Callback<Action>, path: &str) -> Callback<String> {
    let path = path.to_string();
    on_action.reform(move |text| {
        Action::Edit(EditAction::Set {
            path: path.clone(),
            text,
        })
    })
}

/// The current input error and its message ([`input_message`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InputError {
    error: Option<crate::scenario::InputError>,
    /// The message, if there is an error.
    pub message: Option<String>,
}

impl InputError {
    /// The session's current input error, if any.
    pub fn new(error: Option<&crate::scenario::InputError>) -> InputError {
        InputError {
            error: error.cloned(),
            message: error.map(input_message),
        }
    }

    fn when(&self, about: impl Fn(&crate::scenario::InputError) -> bool) -> Option<String> {
        self.error
            .as_ref()
            .filter(|e| about(e))
            .and(self.message.clone())
    }

    /// The message, when the error is about the field at `path` (or an element of it).
    pub fn about(&self, path: &str) -> Option<String> {
        self.when(|e| e.is_about(path))
    }

    /// The message, when the error is about a field under `prefix` (e.g. a prior's parts).
    pub fn under(&self, prefix: &str) -> Option<String> {
        self.when(|e| e.is_under(prefix))
    }

    /// The message, when the error is about the mix as a whole or a row's model (a row's share
    /// has its message beside it).
    pub fn about_the_mix(&self) -> Option<String> {
        self.when(|e| e.is_about("model_mix") && !e.is_about_a_share())
    }

    /// Whether an editor shows the message beside its field.
    pub fn inline(&self) -> bool {
        self.error.as_ref().is_some_and(|e| e.is_inline())
    }
}

/// An element id for the field at a scenario path, e.g. `policies[1].run_cap.usd_per_run` →
/// `f-policies-1-run_cap-usd_per_run`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c => id.push(c),
        }
    }
    id
}
