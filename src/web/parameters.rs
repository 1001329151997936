//! The model-parameter editor, generated from the parameter table: every input shows its unit,
//! default, allowed range, evidence grade and source, and whether a prior makes it uncertain.

use crate::scenario::{Prior, Scenario, PARAM_SPECS};
use crate::session::Action;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`Parameters`].
#[derive(Properties, PartialEq)]
pub struct ParametersProps {
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// Fields as typed, by path.
    pub inputs: BTreeMap<String, String>,
    /// The field the current error is about.
    pub error_field: Option<String>,
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
                        let invalid = (props.error_field.as_deref() == Some(spec.path)).then_some("true");
                        let help = format!("{id}-help");
                        html! {
                            <div class="param">
                                <label for={id.clone()}>{ spec.path.split('.').nth(1).unwrap_or(spec.path) }</label>
                                <input id={id.clone()} type="number" step="any" min={spec.min.to_string()}
                                    max={spec.max.to_string()} value={value} oninput={on_input}
                                    aria-invalid={invalid} aria-describedby={help.clone()} />
                                <p id={help} class="hint">
                                    { format!("{}. Default {}, allowed {} – {}. Grade {}: {}.", spec.unit, spec.default, spec.min, spec.max, spec.grade, spec.source) }
                                    if let Some(p) = prior {
                                        <strong>{ format!(" Uncertain: {p}.") }</strong>
                                    }
                                </p>
                            </div>
                        }
                    }) }
                </fieldset>
            }) }
        </details>
    }
}

fn describe(p: &Prior) -> String {
    match *p {
        Prior::Fixed(v) => format!("fixed at {v}"),
        Prior::Uniform([lo, hi]) => format!("uniform {lo} – {hi}"),
        Prior::Lognormal { median, sigma } => format!("lognormal, median {median}, log-sd {sigma}"),
    }
}
