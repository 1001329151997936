//! The model-mix editor: which model serves what share of tokens, and, for a model that no
//! table prices, a form to enter its price (the scenario does not run until every model has one).

use super::field::{edit, field_id, Field, InputError};
use crate::scenario::{MIX_FIELDS, PRICING_FIELDS};
use crate::session::{Action, EditAction, FieldTexts, PriceAction};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`ModelMix`].
#[derive(Properties, PartialEq)]
pub struct ModelMixProps {
    /// Each row's model id.
    pub models: Vec<String>,
    /// Ids the prices in use cover, for the pickers.
    pub priced: Rc<Vec<String>>,
    /// Ids in the mix that no table prices.
    pub unpriced: Vec<String>,
    /// What the rows' and the reference-model and token-mix fields show.
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
            if let Some(message) = props.error.about_the_mix() {
                <p id="mix-error" class="field-error" role="alert" data-testid="mix-error">{ message }</p>
            }
            <button type="button" data-testid="add-model" onclick={props.on_action.reform(|_| Action::Edit(EditAction::AddMixModel))}>
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

fn row(props: &ModelMixProps, index: usize, model: &str) -> Html {
    let unpriced = props.unpriced.iter().any(|m| m == model);
    let [model_spec, share_spec] = [&MIX_FIELDS[0], &MIX_FIELDS[1]];
    let model_path = format!("model_mix[{index}].model");
    let share_path = format!("model_mix[{index}].share");
    html! {
        <tr>
            <td>
                <Field id={format!("mix-model-{index}")} spec={model_spec} compact=true
                    label={AttrValue::from(format!("Model {}", index + 1))}
                    value={props.texts.text(&model_path)} invalid={unpriced}
                    choices={props.priced.clone()} on_text={edit(&props.on_action, &model_path)} />
            </td>
            <td>
                <Field id={format!("mix-share-{index}")} spec={share_spec} compact=true
                    label={AttrValue::from(format!("Share of model {} in percent", index + 1))}
                    value={props.texts.text(&share_path)} error={props.error.about(&share_path)}
                    on_text={edit(&props.on_action, &share_path)} />
            </td>
            <td>
                <button type="button" disabled={props.models.len() <= 1}
                    aria-label={format!("Remove {model} from the mix")}
                    onclick={props.on_action.reform(move |_| Action::Edit(EditAction::RemoveMixModel(index)))}>{ "Remove" }</button>
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
            cb.emit(Action::Prices(PriceAction::AddManual {
                model: model.clone(),
                input: value(&input),
                cache_read: value(&cache_read),
                output: value(&output),
                as_of: super::today(),
            }));
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
