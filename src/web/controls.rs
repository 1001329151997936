//! The scenario inputs shown above the results: a preset (each named and described in a list
//! as well as in a picker), the headcount and the horizon, each with its message beside it when
//! invalid; an error with no field of its own (a document that does not read, an empty list) is
//! said at the top of the form. The Monte Carlo settings are under "Uncertainty", further down.

use super::field::Field;
use crate::scenario::{fields, preset_title, FieldPath, Section, PRESETS};
use crate::session::{Action, OpenAction};
use crate::view::Form;
use crate::view::Shared;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// What the fields show.
    pub form: Shared<Form>,
    /// Receives the user's edits.
    pub on_action: Callback<Action>,
}

/// Preset, headcount and horizon.
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
    let open = |id: &'static str| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Open(OpenAction::Preset(id.into()))))
    };
    html! {
        <form class="controls" aria-label="Scenario" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <div class="field presets-field">
                <label for="preset">{ "Preset" }</label>
                <select id="preset" onchange={on_preset} data-testid="preset" aria-describedby="preset-help">
                    <option value="" selected=true>{ "choose…" }</option>
                    { for PRESETS.iter().map(|(id, what)| html! {
                        <option value={*id} title={*what}>{ preset_title(id) }</option>
                    }) }
                </select>
                <p id="preset-help" class="hint">{ "Opens a whole scenario: the published cases the model is checked against." }</p>
            </div>
            <ul class="preset-list" aria-label="Presets" data-testid="preset-list">
                { for PRESETS.iter().map(|(id, what)| html! {
                    <li>
                        <button type="button" onclick={open(id)} data-preset={*id}>{ preset_title(id) }</button>
                        <span class="hint">{ *what }</span>
                    </li>
                }) }
            </ul>
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
