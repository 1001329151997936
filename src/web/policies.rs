//! The policy sets compared: remove one, or add one from the templates (up to six).

use crate::scenario::{policy_templates, PolicySet};
use crate::session::{Action, MAX_POLICY_SETS};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`PolicySets`].
#[derive(Properties, PartialEq)]
pub struct PolicySetsProps {
    /// The scenario's policy sets.
    pub policies: Vec<PolicySet>,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// The list of policy sets with add and remove.
#[function_component(PolicySets)]
pub fn policy_sets(props: &PolicySetsProps) -> Html {
    let template = use_state(|| 1usize);
    let on_template = {
        let template = template.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            template.set(select.value().parse().unwrap_or(0));
        })
    };
    let on_add = {
        let (cb, template) = (props.on_action.clone(), template.clone());
        Callback::from(move |_| cb.emit(Action::AddPolicy(*template)))
    };
    let full = props.policies.len() >= MAX_POLICY_SETS;
    html! {
        <section class="panel policies" aria-labelledby="policies-heading">
            <h2 id="policies-heading">{ format!("Policy sets ({} of at most {MAX_POLICY_SETS})", props.policies.len()) }</h2>
            <ol data-testid="policy-sets">
                { for props.policies.iter().enumerate().map(|(i, p)| {
                    let cb = props.on_action.clone();
                    html! {
                        <li>
                            <span>{ &p.name }</span>
                            <button type="button" aria-label={format!("Remove {}", p.name)}
                                disabled={props.policies.len() <= 1}
                                onclick={Callback::from(move |_| cb.emit(Action::RemovePolicy(i)))}>
                                { "Remove" }
                            </button>
                        </li>
                    }
                }) }
            </ol>
            <label for="policy-template">{ "Add a policy set" }</label>
            <select id="policy-template" onchange={on_template}>
                { for policy_templates().iter().enumerate().map(|(i, p)| html! {
                    <option value={i.to_string()} selected={i == *template}>{ &p.name }</option>
                }) }
            </select>
            <button type="button" onclick={on_add} disabled={full} data-testid="add-policy">{ "Add" }</button>
        </section>
    }
}
