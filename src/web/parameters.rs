//! The model-parameter editor, generated from the parameter table: every input shows its unit,
//! default, allowed range, evidence grade and source, and whether a prior makes it uncertain.

use super::field::{edit, InputError};
use crate::scenario::{param_groups, param_help, prior_description, Scenario, PARAM_SPECS};
use crate::session::{Action, FieldTexts};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`Parameters`].
#[derive(Properties, PartialEq)]
pub struct ParametersProps {
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// What the inputs show.
    pub texts: Rc<FieldTexts>,
    /// The current input error.
    pub error: InputError,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// One input per model parameter, grouped.
#[function_component(Parameters)]
pub fn parameters(props: &ParametersProps) -> Html {
    html! {
        <details class="panel parameters" data-testid="parameters">
            <summary><h2>{ "Model parameters" }</h2></summary>
            <p class="hint">
                { "Defaults with their sources and evidence grades (A official or peer-reviewed, B reputable reporting, C unverified, — assumption). A parameter with a prior varies across draws; typing a value fixes it." }
            </p>
            { for param_groups().into_iter().map(|group| html! {
                <fieldset>
                    <legend>{ group }</legend>
                    { for PARAM_SPECS.iter().filter(|p| p.path.starts_with(&format!("{group}."))).map(|spec| {
                        let id = format!("param-{}", spec.path.replace('.', "-"));
                        let value = props.texts.text(spec.path);
                        let prior = props.scenario.uncertainty.priors.get(spec.path).map(prior_description);
                        let on_input = {
                            let cb = edit(&props.on_action, spec.path);
                            Callback::from(move |e: InputEvent| {
                                cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
                            })
                        };
                        let error = props.error.about(spec.path);
                        let invalid = error.is_some().then_some("true");
                        let help = format!("{id}-help");
                        html! {
                            <div class="param">
                                <label for={id.clone()}>{ spec.path.split('.').nth(1).unwrap_or(spec.path) }</label>
                                <input id={id.clone()} type="number" step="any" min={spec.min.to_string()}
                                    max={spec.max.to_string()} value={value} oninput={on_input}
                                    aria-invalid={invalid} aria-describedby={help.clone()} />
                                if let Some(message) = error {
                                    <p class="field-error" id={format!("{id}-error")}>{ message }</p>
                                }
                                <p id={help} class="hint">
                                    { param_help(spec) }
                                    if let Some(p) = prior {
                                        <strong>{ format!(" Uncertain: {p}.") }</strong>
                                    }
                                </p>
                                { prior_editor(props, spec.path, &id) }
                            </div>
                        }
                    }) }
                </fieldset>
            }) }
        </details>
    }
}

/// The prior of one parameter: its kind and, for a kind that has them, its two numbers.
fn prior_editor(props: &ParametersProps, path: &'static str, id: &str) -> Html {
    let field = format!("uncertainty.priors.{path}");
    let part = |key: &str| format!("{field}.{key}");
    let [kind, a, b] = ["kind", "a", "b"].map(|key| props.texts.text(&part(key)));
    let on_kind = {
        let emit = edit(&props.on_action, &part("kind"));
        Callback::from(move |e: Event| {
            emit.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_number = |n: usize| {
        let emit = edit(&props.on_action, &part(if n == 1 { "a" } else { "b" }));
        Callback::from(move |e: InputEvent| {
            emit.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let (first, second) = match kind.as_str() {
        "fixed" => (Some("value"), None),
        "uniform" => (Some("from"), Some("to")),
        "lognormal" => (Some("median"), Some("log-sd")),
        _ => (None, None),
    };
    let error = props.error.under(&field);
    let invalid = error.is_some().then_some("true");
    let number = |label: &str, part: usize, value: String| {
        let input_id = format!("{id}-prior-{}", if part == 1 { "a" } else { "b" });
        html! {
            <>
                <label for={input_id.clone()}>{ label.to_string() }</label>
                <input id={input_id} type="number" step="any" value={value}
                    aria-invalid={invalid} oninput={on_number(part)} />
            </>
        }
    };
    html! {
        <div class="prior">
            <label for={format!("{id}-prior")}>{ "Across draws" }</label>
            <select id={format!("{id}-prior")} onchange={on_kind}>
                { for [("none", "fixed at the value"), ("fixed", "fixed prior"), ("uniform", "uniform"), ("lognormal", "lognormal")]
                    .into_iter().filter(|(v, _)| *v != "fixed" || kind == "fixed")
                    .map(|(v, l)| html! { <option value={v} selected={kind == v}>{ l }</option> }) }
            </select>
            if let Some(label) = first { { number(label, 1, a.clone()) } }
            if let Some(label) = second { { number(label, 2, b.clone()) } }
            if let Some(message) = error {
                <p class="field-error">{ message }</p>
            }
        </div>
    }
}
