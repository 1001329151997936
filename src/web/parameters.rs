//! The model-parameter editor, generated from the parameters' registry entries: every input
//! shows its unit, default, allowed range, evidence grade and source, and whether a prior makes
//! it uncertain; the prior's kind and numbers follow it.

use super::disclosure::Disclosure;
use super::field::Field;
use crate::scenario::{fields, param_groups, Section};
use crate::session::Action;
use crate::view::Form;
use crate::view::Shared;
use yew::prelude::*;

/// Properties of [`Parameters`].
#[derive(Properties, PartialEq)]
pub struct ParametersProps {
    /// What the inputs show.
    pub form: Shared<Form>,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// One input per model parameter, grouped.
#[function_component(Parameters)]
pub fn parameters(props: &ParametersProps) -> Html {
    html! {
        <Disclosure class={classes!("panel", "parameters")} testid="parameters"
            summary={html! { <h2>{ "Model parameters" }</h2> }}>
            <p class="hint">
                { "Defaults with their sources and evidence grades (A official or peer-reviewed, B reputable reporting, C unverified, — assumption). A parameter with a prior varies across draws; typing a value fixes it." }
            </p>
            { for param_groups().into_iter().map(|group| html! {
                <fieldset>
                    <legend>{ group }</legend>
                    { for fields(Section::Param).filter(|p| p.path.starts_with(&format!("{group}."))).map(|spec| html! {
                        <Field view={props.form.param(spec)} on_action={props.on_action.clone()}>
                            { prior_editor(props, spec) }
                        </Field>
                    }) }
                </fieldset>
            }) }
        </Disclosure>
    }
}

/// The prior of one parameter: its kind and, for a kind that has them, its two numbers.
fn prior_editor(props: &ParametersProps, spec: &'static crate::scenario::FieldSpec) -> Html {
    let prior = props.form.prior(spec);
    let on_action = &props.on_action;
    html! {
        <div class="prior">
            <Field view={prior.kind} on_action={on_action.clone()} />
            if let Some(a) = prior.a {
                <Field view={a} on_action={on_action.clone()} />
            }
            if let Some(b) = prior.b {
                <Field view={b} on_action={on_action.clone()} />
            }
            if let Some(message) = prior.error {
                <p class="field-error">{ message }</p>
            }
        </div>
    }
}
