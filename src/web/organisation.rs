//! The organisation editor: cost centres and their teams (name, headcount, agentic share, usage
//! multiplier), added and removed.

use super::disclosure::Disclosure;
use super::field::Field;
use crate::scenario::{fields, FieldPath, Scenario, Section};
use crate::session::{organisation_heading, Action, EditAction};
use crate::view::Form;
use crate::view::Shared;
use yew::prelude::*;

/// Properties of [`Organisation`].
#[derive(Properties, PartialEq)]
pub struct OrganisationProps {
    /// The scenario.
    pub scenario: Shared<Scenario>,
    /// What the fields show.
    pub form: Shared<Form>,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// Cost centres, each with a table of its teams.
#[function_component(Organisation)]
pub fn organisation(props: &OrganisationProps) -> Html {
    let org = &props.scenario.organisation.cost_centres;
    let form = &props.form;
    let action = |a: EditAction| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Edit(a.clone())))
    };
    html! {
        <Disclosure class={classes!("panel", "organisation")} testid="organisation"
            summary={html! { <h2>{ organisation_heading(&props.scenario) }</h2> }}>
            <p class="hint">{ "Budgets, showback and chargeback apply per cost centre; each team can have its own agentic share, usage level and model mix (model ids with percentages, e.g. claude-sonnet-4-6 70%, gpt-5.4 30%). Empty agentic share: the model parameter usage.agentic_share; empty model mix: the organisation's." }</p>
            <fieldset class="budget" data-testid="budget">
                <legend>{ "Budget" }</legend>
                <div class="row">
                    { for fields(Section::Budget).map(|spec| html! {
                        <Field view={form.field(FieldPath::Scenario(spec))} on_action={props.on_action.clone()} />
                    }) }
                </div>
            </fieldset>
            { for org.iter().enumerate().map(|(c, centre)| html! {
                <fieldset class="cost-centre">
                    <legend>{ &centre.name }</legend>
                    <div class="row">
                        { for fields(Section::CostCentre).map(|spec| html! {
                            <Field view={form.field(FieldPath::CostCentre(c, spec))}
                                on_action={props.on_action.clone()} />
                        }) }
                        <button type="button" disabled={org.len() <= 1}
                            aria-label={format!("Remove cost centre {}", centre.name)}
                            onclick={action(EditAction::RemoveCostCentre(c))}>{ "Remove cost centre" }</button>
                    </div>
                    <table class="teams">
                        <caption class="visually-hidden">{ format!("Teams of {}", centre.name) }</caption>
                        <thead><tr>
                            { for fields(Section::Team).map(|f| html! {
                                <th scope="col" title={f.describe()}>
                                    { f.label }
                                    <span class="unit">{ f.brief() }</span>
                                </th>
                            }) }
                            <th scope="col"><span class="visually-hidden">{ "Remove" }</span></th>
                        </tr></thead>
                        <tbody>
                            { for centre.teams.iter().enumerate().map(|(t, team)| html! {
                                <tr>
                                    { for fields(Section::Team).map(|f| html! {
                                        <td data-label={f.label}>
                                            <Field view={form.team_cell(c, t, f)} on_action={props.on_action.clone()} />
                                        </td>
                                    }) }
                                    <td><button type="button" disabled={centre.teams.len() <= 1}
                                        aria-label={format!("Remove team {} from {}", team.name, centre.name)}
                                        onclick={action(EditAction::RemoveTeam(c, t))}>{ "Remove" }</button></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <button type="button" onclick={action(EditAction::AddTeam(c))}
                        aria-label={format!("Add a team to {}", centre.name)}>{ "Add team" }</button>
                </fieldset>
            }) }
            <button type="button" onclick={action(EditAction::AddCostCentre)} data-testid="add-cost-centre">{ "Add cost centre" }</button>
        </Disclosure>
    }
}
