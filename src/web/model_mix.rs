//! The model-mix editor: which model serves what share of tokens, and, for a model that no
//! table prices, a form to enter its price (the scenario does not run until every model has one).

use super::field::Field;
use crate::scenario::{fields, FieldPath, Section};
use crate::session::{Action, EditAction};
use crate::view::form::{MixRow, PriceForm};
use crate::view::Form;
use crate::view::Shared;
use yew::prelude::*;

/// Properties of [`ModelMix`].
#[derive(Properties, PartialEq)]
pub struct ModelMixProps {
    /// What the rows, the reference-model and token-mix fields and the price forms show.
    pub form: Shared<Form>,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// Rows of model and share, plus a price form per unpriced model.
#[function_component(ModelMix)]
pub fn model_mix(props: &ModelMixProps) -> Html {
    let form = &props.form;
    let rows = form.mix_rows();
    let removable = rows.len() > 1;
    html! {
        <section class="panel model-mix" aria-labelledby="mix-heading">
            <h2 id="mix-heading">{ "Model mix" }</h2>
            <p class="hint">{ "Share of agentic tokens served by each model; shares must add up to 100%. Removing a model spreads its share over the others in proportion; an added model starts at 0%." }</p>
            <table>
                <thead><tr>
                    <th scope="col">{ "Model" }</th>
                    <th scope="col">{ "Share (%)" }<span class="unit">{ "percent of agentic tokens · 0 – 100" }</span></th>
                    <th scope="col"><span class="visually-hidden">{ "Remove" }</span></th>
                </tr></thead>
                <tbody>
                    { for rows.into_iter().enumerate().map(|(i, r)| row(props, i, r, removable)) }
                </tbody>
            </table>
            if let Some(message) = form.about_the_mix() {
                <p id="mix-error" class="field-error" role="alert" data-testid="mix-error">{ message }</p>
            }
            <button type="button" data-testid="add-model" onclick={props.on_action.reform(|_| Action::Edit(EditAction::AddMixModel))}>
                { "Add model" }
            </button>
            <fieldset class="token-mix">
                <legend>{ "How tokens are priced" }</legend>
                { for fields(Section::Pricing).map(|spec| html! {
                    <Field view={form.field(FieldPath::Scenario(spec))} on_action={props.on_action.clone()} />
                }) }
                if let Some(message) = form.about("token_mix") {
                    <p class="field-error">{ message }</p>
                }
            </fieldset>
            { for form.price_forms().into_iter().map(|f| price_form(props, f)) }
        </section>
    }
}

fn row(props: &ModelMixProps, index: usize, row: MixRow, removable: bool) -> Html {
    html! {
        <tr>
            <td><Field view={row.model} on_action={props.on_action.clone()} /></td>
            <td><Field view={row.share} on_action={props.on_action.clone()} /></td>
            <td>
                <button type="button" disabled={!removable} aria-label={row.remove}
                    onclick={props.on_action.reform(move |_| Action::Edit(EditAction::RemoveMixModel(index)))}>{ "Remove" }</button>
            </td>
        </tr>
    }
}

/// Enter a price for one model [USD / 1M tokens]: the fields keep what is typed; the button
/// uses it.
fn price_form(props: &ModelMixProps, form: PriceForm) -> Html {
    let on_submit = {
        let (form, cb) = (form.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit(Action::Prices(form.action(super::today())));
        })
    };
    html! {
        <form class="price-form" onsubmit={on_submit} data-testid="price-form">
            <p class="error" role="alert">{ form.message }</p>
            { for form.fields.into_iter().map(|f| html! {
                <Field view={f} on_action={props.on_action.clone()} />
            }) }
            <button type="submit">{ "Use this price" }</button>
        </form>
    }
}
