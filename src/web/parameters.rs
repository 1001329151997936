//! The model-parameter editor, generated from the parameter table: every input shows its unit,
//! default, allowed range, evidence grade and source, and whether a prior makes it uncertain.

use super::field::InputError;
use crate::scenario::{Prior, Scenario, PARAM_SPECS};
use crate::session::Action;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`Parameters`].
#[derive(Properties, PartialEq)]
pub struct ParametersProps {
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// Fields as typed, by path.
    pub inputs: BTreeMap<String, String>,
    /// The current input error.
    pub error: InputError,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// One input per model parameter, grouped.
#[function_component(Parameters)]
pub fn parameters(props: &ParametersProps) -> Html {
    let params = props.scenario.params();
    let groups: Vec<&str> = PARAM_SPECS.iter().fold(Vec::new(), |mut g, p| {
        let group = p.path.split('.').next().unwrap_or_default();
        if !g.contains(&group) {
            g.push(group);
        }
        g
    });
    html! {
        <details class="panel parameters" data-testid="parameters">
            <summary><h2>{ "Model parameters" }</h2></summary>
            <p class="hint">
                { "Defaults with their sources and evidence grades (A official or peer-reviewed, B reputable reporting, C unverified, — assumption). A parameter with a prior varies across draws; typing a value fixes it." }
            </p>
            { for groups.into_iter().map(|group| html! {
                <fieldset>
                    <legend>{ group }</legend>
                    { for PARAM_SPECS.iter().filter(|p| p.path.starts_with(&format!("{group}."))).map(|spec| {
                        let id = format!("param-{}", spec.path.replace('.', "-"));
                        let value = props.inputs.get(spec.path).cloned()
                            .unwrap_or_else(|| params.get(spec.path).map(|v| v.to_string()).unwrap_or_default());
                        let prior = props.scenario.uncertainty.priors.get(spec.path).map(describe);
                        let on_input = {
                            let (cb, path) = (props.on_action.clone(), spec.path.to_string());
                            Callback::from(move |e: InputEvent| {
                                let input: HtmlInputElement = e.target_unchecked_into();
                                cb.emit(Action::SetParam { path: path.clone(), text: input.value() });
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
                                    { format!("{}. Default {}, allowed {} – {}. Grade {}: {}.", spec.unit, spec.default, spec.min, spec.max, spec.grade, spec.source) }
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

/// The kind of a parameter's prior and its two numbers, as typed or as in the scenario.
fn prior_texts(props: &ParametersProps, path: &str) -> (String, String, String) {
    let (kind, a, b) = match props.scenario.uncertainty.priors.get(path) {
        None => ("none", String::new(), String::new()),
        Some(Prior::Fixed(v)) => ("fixed", v.to_string(), String::new()),
        Some(Prior::Uniform([lo, hi])) => ("uniform", lo.to_string(), hi.to_string()),
        Some(Prior::Lognormal { median, sigma }) => {
            ("lognormal", median.to_string(), sigma.to_string())
        }
    };
    let typed = |part: &str, value: String| {
        props
            .inputs
            .get(&format!("uncertainty.priors.{path}.{part}"))
            .cloned()
            .unwrap_or(value)
    };
    (kind.to_string(), typed("a", a), typed("b", b))
}

/// The prior of one parameter: its kind and, for a kind that has them, its two numbers.
fn prior_editor(props: &ParametersProps, path: &'static str, id: &str) -> Html {
    let (kind, a, b) = prior_texts(props, path);
    let emit = |part: usize| {
        let (cb, kind, a, b) = (props.on_action.clone(), kind.clone(), a.clone(), b.clone());
        move |text: String| {
            let (mut kind, mut a, mut b) = (kind.clone(), a.clone(), b.clone());
            match part {
                0 => kind = text,
                1 => a = text,
                _ => b = text,
            }
            cb.emit(Action::SetPrior {
                path: path.to_string(),
                kind,
                a,
                b,
            });
        }
    };
    let on_kind = {
        let emit = emit(0);
        Callback::from(move |e: Event| emit(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_number = |part: usize| {
        let emit = emit(part);
        Callback::from(move |e: InputEvent| {
            emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let (first, second) = match kind.as_str() {
        "fixed" => (Some("value"), None),
        "uniform" => (Some("from"), Some("to")),
        "lognormal" => (Some("median"), Some("log-sd")),
        _ => (None, None),
    };
    let field = format!("uncertainty.priors.{path}");
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

fn describe(p: &Prior) -> String {
    match *p {
        Prior::Fixed(v) => format!("fixed at {v}"),
        Prior::Uniform([lo, hi]) => format!("uniform {lo} – {hi}"),
        Prior::Lognormal { median, sigma } => format!("lognormal, median {median}, log-sd {sigma}"),
    }
}
