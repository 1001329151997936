//! The scenario inputs shown above the results.

use crate::session::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The developers field as typed.
    pub developers: String,
    /// The Monte Carlo draws field as typed.
    pub draws: String,
    /// Why the current input cannot run, if it cannot.
    pub error: Option<String>,
    /// The scenario field the error is about, if any.
    pub error_field: Option<String>,
    /// Receives the user's edits.
    pub on_action: Callback<Action>,
}

/// Developers and mandate inputs, with an inline message for invalid input.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let on_developers = {
        let cb = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Action::SetDevelopers(input.value()));
        })
    };
    let on_draws = {
        let cb = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Action::SetDraws(input.value()));
        })
    };
    let on_preset = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let name = select.value();
            if !name.is_empty() {
                cb.emit(Action::LoadPreset(name));
                select.set_value("");
            }
        })
    };
    let invalid = |field: &str| (props.error_field.as_deref() == Some(field)).then_some("true");
    html! {
        <form class="controls" aria-label="Scenario" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label for="developers">
                { "Developers" }
                <span class="hint">{ "headcount across all teams, 1–1,000,000 (default 2,000)" }</span>
            </label>
            <input id="developers" name="developers" type="number" min="1" max="1000000" step="1"
                inputmode="numeric" value={props.developers.clone()} oninput={on_developers}
                aria-invalid={invalid("developers")} aria-describedby="input-error" />
            <label for="draws">
                { "Monte Carlo draws" }
                <span class="hint">{ "1–10,000 (default 200)" }</span>
            </label>
            <input id="draws" name="draws" type="number" min="1" max="10000" step="1"
                inputmode="numeric" value={props.draws.clone()} oninput={on_draws}
                aria-invalid={invalid("draws")} aria-describedby="input-error" />
            <label for="preset">
                { "Preset" }
                <span class="hint">{ "opens a whole scenario" }</span>
                <select id="preset" onchange={on_preset} data-testid="preset">
                    <option value="" selected=true>{ "choose…" }</option>
                    { for crate::scenario::PRESETS.iter().map(|(name, what)| html! {
                        <option value={*name} title={*what}>{ *name }</option>
                    }) }
                </select>
            </label>
            <p id="input-error" class="error" role="alert" data-testid="input-error"
                hidden={props.error.is_none()}>
                { props.error.clone().unwrap_or_default() }
            </p>
        </form>
    }
}
