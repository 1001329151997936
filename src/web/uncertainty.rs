//! The Monte Carlo settings under an "Uncertainty" heading, below the organisation: how many
//! simulated futures are drawn and the seed they are drawn from.

use super::field::Field;
use crate::scenario::{fields, FieldPath, Section};
use crate::session::Action;
use crate::view::results::RANGE_NOTE;
use crate::view::Form;
use crate::view::Shared;
use yew::prelude::*;

/// Properties of [`Uncertainty`].
#[derive(Properties, PartialEq)]
pub struct UncertaintyProps {
    /// What the fields show.
    pub form: Shared<Form>,
    /// Receives the user's edits.
    pub on_action: Callback<Action>,
}

/// Draws and seed.
#[function_component(Uncertainty)]
pub fn uncertainty(props: &UncertaintyProps) -> Html {
    html! {
        <section class="panel uncertainty" aria-labelledby="uncertainty-heading" data-testid="uncertainty">
            <h2 id="uncertainty-heading">{ "Uncertainty" }</h2>
            <p class="hint">{ RANGE_NOTE }</p>
            <div class="row">
                { for fields(Section::Uncertainty).map(|spec| html! {
                    <Field view={props.form.field(FieldPath::Scenario(spec))} on_action={props.on_action.clone()} />
                }) }
            </div>
        </section>
    }
}
