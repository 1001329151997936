//! The policy sets compared: each one's name and levers (switched on with their defaults, then
//! edited field by field), removed, or added from the templates (up to six).

use super::disclosure::Disclosure;
use super::field::Field;
use crate::scenario::{field, policy_templates, FieldPath, Scenario, Section, LEVERS};
use crate::session::{levers_on, policy_sets_heading, Action, EditAction, MAX_POLICY_SETS};
use crate::view::Form;
use crate::view::Shared;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`PolicySets`].
#[derive(Properties, PartialEq)]
pub struct PolicySetsProps {
    /// The scenario.
    pub scenario: Shared<Scenario>,
    /// What the fields show.
    pub form: Shared<Form>,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// The policy sets, each editable, with add and remove.
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
        Callback::from(move |_| cb.emit(Action::Edit(EditAction::AddPolicy(*template))))
    };
    let policies = &props.scenario.policies;
    let full = policies.len() >= MAX_POLICY_SETS;
    let form = &props.form;
    let name = field(Section::Policy, "name").expect("a policy set has a name");
    html! {
        <section class="panel policies" aria-labelledby="policies-heading">
            <h2 id="policies-heading">{ policy_sets_heading(&props.scenario) }</h2>
            <p class="hint">{ "Every policy set runs on the same simulated organisation and random numbers, so differences between them are the policies' doing. Open one to change its levers." }</p>
            <ol data-testid="policy-sets">
                { for policies.iter().enumerate().map(|(i, p)| {
                    let cb = props.on_action.clone();
                    html! {
                        <li>
                            <Disclosure class="policy" testid={format!("policy-{i}")} summary={html! {
                                <>
                                    <strong>{ &p.name }</strong>
                                    <span class="hint">{ levers_on(p) }</span>
                                </>
                            }}>
                                <Field view={form.field(FieldPath::Policy(i, name))} on_action={props.on_action.clone()} />
                                { for LEVERS.iter().map(|lever| {
                                    let active = p.has_lever(lever.key);
                                    let toggle = {
                                        let (cb, key) = (props.on_action.clone(), lever.key.to_string());
                                        Callback::from(move |e: Event| {
                                            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                            cb.emit(Action::Edit(EditAction::SetLever { policy: i, lever: key.clone(), on }));
                                        })
                                    };
                                    let toggle_id = format!("lever-{i}-{}", lever.key);
                                    html! {
                                        <fieldset class="lever">
                                            <legend>
                                                <input type="checkbox" id={toggle_id.clone()} checked={active}
                                                    onchange={toggle} aria-describedby={format!("{toggle_id}-help")} />
                                                <label for={toggle_id.clone()}>{ lever.label }</label>
                                            </legend>
                                            <p id={format!("{toggle_id}-help")} class="hint">{ lever.help }</p>
                                            if let Some(message) = form.about_lever(i, lever.key) {
                                                <p class="field-error">{ message }</p>
                                            }
                                            if active {
                                                <div class="fields">
                                                    { for lever.fields().map(|f| html! {
                                                        <Field view={form.field(FieldPath::Policy(i, f))}
                                                            on_action={props.on_action.clone()} />
                                                    }) }
                                                </div>
                                                if lever.key == "accountability" {
                                                    { accountable_centres(props, i) }
                                                }
                                            }
                                        </fieldset>
                                    }
                                }) }
                            </Disclosure>
                            <button type="button" aria-label={format!("Remove {}", p.name)}
                                disabled={policies.len() <= 1}
                                onclick={Callback::from(move |_| cb.emit(Action::Edit(EditAction::RemovePolicy(i))))}>
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

/// Checkboxes choosing the cost centres a policy set's showback or chargeback applies to.
fn accountable_centres(props: &PolicySetsProps, policy: usize) -> Html {
    let all = props.scenario.cost_centre_names();
    let listed = props.scenario.policies[policy]
        .accountability
        .as_ref()
        .map(|a| a.cost_centres.clone())
        .unwrap_or_default();
    let chosen: Vec<String> = if listed.is_empty() {
        all.clone()
    } else {
        listed
    };
    html! {
        <fieldset class="centres">
            <legend>{ "Applies to" }</legend>
            { for all.iter().enumerate().map(|(k, name)| {
                let id = format!("accountable-{policy}-{k}");
                let on_change = {
                    let (cb, chosen, name) = (props.on_action.clone(), chosen.clone(), name.clone());
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let mut centres: Vec<String> = chosen.iter().filter(|c| **c != name).cloned().collect();
                        if on {
                            centres.push(name.clone());
                        }
                        cb.emit(Action::Edit(EditAction::SetAccountabilityCentres { policy, centres }));
                    })
                };
                html! {
                    <label for={id.clone()} class="check">
                        <input type="checkbox" id={id} checked={chosen.contains(name)} onchange={on_change}
                            disabled={chosen.len() == 1 && chosen.contains(name)} />
                        { name }
                    </label>
                }
            }) }
        </fieldset>
    }
}
