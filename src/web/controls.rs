//! The scenario inputs shown above the results: a preset, the headcount, the horizon and the
//! Monte Carlo settings, each with its message beside it when invalid; an error with no field of
//! its own (a document that does not read, an empty list) is said at the top of the form.

use super::field::Field;
use crate::scenario::{fields, FieldPath, Section};
use crate::session::{Action, OpenAction};
use crate::view::Form;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// What the fields show.
    pub form: Rc<Form>,
    /// Receives the user's edits.
    pub on_action: Callback<Action>,
}

/// Preset, headcount, horizon, draws and seed.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let on_preset = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let name = select.value();
            if !name.is_empty() {
                cb.emit(Action::Open(OpenAction::Preset(name)));
                select.set_value("");
            }
        })
    };
    let top = props.form.top_message();
    html! {
        <form class="controls" aria-label="Scenario" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <div class="field">
                <label for="preset">{ "Preset" }</label>
                <select id="preset" onchange={on_preset} data-testid="preset" aria-describedby="preset-help">
                    <option value="" selected=true>{ "choose…" }</option>
                    { for crate::scenario::PRESETS.iter().map(|(name, what)| html! {
                        <option value={*name} title={*what}>{ *name }</option>
                    }) }
                </select>
                <p id="preset-help" class="hint">{ "Opens a whole scenario: the published cases the model is checked against." }</p>
            </div>
            { for fields(Section::Headcount).chain(fields(Section::Scenario)).map(|spec| html! {
                <Field view={props.form.field(FieldPath::Scenario(spec))} on_action={props.on_action.clone()} />
            }) }
            // An error with a field of its own is said beside that field only.
            <p id="input-error" class="error" role="alert" data-testid="input-error"
                hidden={top.is_none()}>
                { top.clone().unwrap_or_default() }
            </p>
        </form>
    }
}
