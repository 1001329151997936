//! The model-mix editor: which model serves what share of tokens, and, for a model that no
//! table prices, a form to enter its price (the scenario does not run until every model has one).

use super::field::{edit, field_id, Field, FieldTexts, InputError};
use crate::scenario::PRICING_FIELDS;
use crate::session::Action;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`ModelMix`].
#[derive(Properties, PartialEq)]
pub struct ModelMixProps {
    /// Each row's model id.
    pub models: Vec<String>,
    /// Each row's share as typed [%].
    pub shares: Vec<String>,
    /// Ids the prices in use cover, for the pickers.
    pub priced: Rc<Vec<String>>,
    /// Ids in the mix that no table prices.
    pub unpriced: Vec<String>,
    /// What the reference-model and token-mix fields show.
    pub texts: Rc<FieldTexts>,
    /// The current input error.
    pub error: InputError,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// Rows of model and share, plus a price form per unpriced model.
#[function_component(ModelMix)]
pub fn model_mix(props: &ModelMixProps) -> Html {
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
                    { for props.models.iter().enumerate().map(|(i, model)| row(props, i, model)) }
                </tbody>
            </table>
            if let Some(message) = mix_error(&props.error) {
                <p id="mix-error" class="field-error" role="alert" data-testid="mix-error">{ message }</p>
            }
            <button type="button" data-testid="add-model" onclick={props.on_action.reform(|_| Action::AddMixModel)}>
                { "Add model" }
            </button>
            <fieldset class="token-mix">
                <legend>{ "How tokens are priced" }</legend>
                { for PRICING_FIELDS.iter().map(|spec| {
                    html! {
                        <Field id={field_id(spec.key)} spec={spec} value={props.texts.text(spec.key)}
                            error={props.error.about(spec.key)} choices={props.priced.clone()}
                            on_text={edit(&props.on_action, spec.key)} />
                    }
                }) }
                if let Some(message) = props.error.about("token_mix") {
                    <p class="field-error">{ message }</p>
                }
            </fieldset>
            { for props.unpriced.iter().map(|m| html! {
                <PriceForm model={m.clone()} on_action={props.on_action.clone()} />
            }) }
        </section>
    }
}

/// The message of an error about the mix as a whole or a row's model (a row's share has its
/// message beside it).
fn mix_error(error: &InputError) -> Option<String> {
    let row_share = error
        .field
        .as_deref()
        .is_some_and(|f| f.starts_with("model_mix[") && f.ends_with(".share"));
    error.about("model_mix").filter(|_| !row_share)
}

fn row(props: &ModelMixProps, index: usize, model: &str) -> Html {
    let on_model = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(Action::SetModel {
                index,
                model: select.value(),
            });
        })
    };
    let on_share = {
        let cb = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Action::SetShare {
                index,
                text: input.value(),
            });
        })
    };
    let unpriced = props.unpriced.iter().any(|m| m == model);
    let select_id = format!("mix-model-{index}");
    let share_id = format!("mix-share-{index}");
    let share_error = props.error.about(&format!("model_mix[{index}].share"));
    let share_error_id = format!("{share_id}-error");
    html! {
        <tr>
            <td>
                <label class="visually-hidden" for={select_id.clone()}>{ format!("Model {}", index + 1) }</label>
                <select id={select_id} onchange={on_model} aria-invalid={unpriced.then_some("true")}>
                    if unpriced {
                        <option value={model.to_string()} selected=true>{ format!("{model} (no price)") }</option>
                    }
                    { for props.priced.iter().map(|id| html! {
                        <option value={id.clone()} selected={id == model}>{ id }</option>
                    }) }
                </select>
            </td>
            <td>
                <label class="visually-hidden" for={share_id.clone()}>{ format!("Share of model {} in percent", index + 1) }</label>
                <input id={share_id} type="number" min="0" max="100" step="any"
                    value={props.shares.get(index).cloned().unwrap_or_default()} oninput={on_share}
                    aria-invalid={share_error.is_some().then_some("true")}
                    aria-describedby={share_error.is_some().then(|| share_error_id.clone())} />
                if let Some(message) = share_error {
                    <p id={share_error_id} class="field-error">{ message }</p>
                }
            </td>
            <td>
                <button type="button" disabled={props.models.len() <= 1}
                    aria-label={format!("Remove {model} from the mix")}
                    onclick={props.on_action.reform(move |_| Action::RemoveMixModel(index))}>{ "Remove" }</button>
            </td>
        </tr>
    }
}

/// Properties of [`PriceForm`].
#[derive(Properties, PartialEq)]
pub struct PriceFormProps {
    /// The unpriced model.
    pub model: String,
    /// Receives the entered price.
    pub on_action: Callback<Action>,
}

/// Enter a price for one model [USD / 1M tokens].
#[function_component(PriceForm)]
pub fn price_form(props: &PriceFormProps) -> Html {
    let input = use_node_ref();
    let cache_read = use_node_ref();
    let output = use_node_ref();
    let on_submit = {
        let (input, cache_read, output) = (input.clone(), cache_read.clone(), output.clone());
        let (model, cb) = (props.model.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            cb.emit(Action::AddManualPrice {
                model: model.clone(),
                input: value(&input),
                cache_read: value(&cache_read),
                output: value(&output),
                as_of: super::today(),
            });
        })
    };
    let id = |field: &str| {
        format!(
            "price-{}-{field}",
            props
                .model
                .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        )
    };
    html! {
        <form class="price-form" onsubmit={on_submit} data-testid="price-form">
            <p class="error" role="alert">
                { format!("No price for model \"{}\": pick another model above, or enter its price (USD per 1M tokens).", props.model) }
            </p>
            <label>
                { "Input" }
                <input id={id("input")} ref={input} type="number" min="0" step="any" required=true />
            </label>
            <label>
                { "Cache read" }
                <span class="hint">{ "blank: the input price" }</span>
                <input id={id("cache-read")} ref={cache_read} type="number" min="0" step="any" />
            </label>
            <label>
                { "Output" }
                <input id={id("output")} ref={output} type="number" min="0" step="any" required=true />
            </label>
            <button type="submit">{ "Use this price" }</button>
        </form>
    }
}
