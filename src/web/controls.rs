//! The scenario inputs shown above the results.

use crate::session::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The developers field as typed.
    pub developers: String,
    /// Whether the adoption mandate is on.
    pub mandate: bool,
    /// Why the current input cannot run, if it cannot.
    pub error: Option<String>,
    /// Whether the error is about the developers field.
    pub developers_invalid: bool,
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
    let on_mandate = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Action::SetMandate(input.checked()));
        })
    };
    let invalid = props.developers_invalid.then_some("true");
    html! {
        <form class="controls" aria-label="Scenario" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label for="developers">
                { "Developers" }
                <span class="hint">{ "headcount, 1–1,000,000 (default 1,000)" }</span>
            </label>
            <input id="developers" name="developers" type="number" min="1" max="1000000" step="1"
                inputmode="numeric" value={props.developers.clone()} oninput={on_developers}
                aria-invalid={invalid} aria-describedby="input-error" />
            <label class="check" for="mandate">
                <input id="mandate" name="mandate" type="checkbox" checked={props.mandate}
                    onchange={on_mandate} />
                { "Adoption mandate from month 1" }
                <span class="hint">{ "market potential 70% → 90%, extra push +0.10/month" }</span>
            </label>
            <p id="input-error" class="error" role="alert" data-testid="input-error"
                hidden={props.error.is_none()}>
                { props.error.clone().unwrap_or_default() }
            </p>
        </form>
    }
}
