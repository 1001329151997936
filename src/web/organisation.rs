//! The organisation editor: cost centres and their teams (name, headcount, agentic share, usage
//! multiplier), added and removed.

use super::field::{edit, field_id, Field, InputError};
use crate::scenario::{Scenario, COST_CENTRE_FIELDS, TEAM_FIELDS};
use crate::session::{organisation_heading, Action, EditAction, FieldTexts};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Organisation`].
#[derive(Properties, PartialEq)]
pub struct OrganisationProps {
    /// The scenario.
    pub scenario: Rc<Scenario>,
    /// What the fields show.
    pub texts: Rc<FieldTexts>,
    /// The current input error.
    pub error: InputError,
    /// Receives edits.
    pub on_action: Callback<Action>,
}

/// Cost centres, each with a table of its teams.
#[function_component(Organisation)]
pub fn organisation(props: &OrganisationProps) -> Html {
    let org = &props.scenario.organisation.cost_centres;
    let text = |path: &str| props.texts.text(path);
    let edit = |path: String| edit(&props.on_action, &path);
    let error = |path: &str| props.error.about(path);
    let action = |a: EditAction| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Edit(a.clone())))
    };
    html! {
        <details class="panel organisation" data-testid="organisation">
            <summary><h2>{ organisation_heading(&props.scenario) }</h2></summary>
            <p class="hint">{ "Budgets, showback and chargeback apply per cost centre; each team can have its own agentic share, usage level and model mix (model ids with percentages, e.g. claude-sonnet-4-6 70%, gpt-5.4 30%). Empty agentic share: the model parameter usage.agentic_share; empty model mix: the organisation's." }</p>
            { for org.iter().enumerate().map(|(c, centre)| {
                let at = format!("organisation.cost_centres[{c}]");
                let name_path = format!("{at}.name");
                html! {
                    <fieldset class="cost-centre">
                        <legend>{ &centre.name }</legend>
                        <div class="row">
                            <Field id={field_id(&name_path)} spec={&COST_CENTRE_FIELDS[0]}
                                value={text(&name_path)} error={error(&name_path)}
                                on_text={edit(name_path.clone())} />
                            <button type="button" disabled={org.len() <= 1}
                                aria-label={format!("Remove cost centre {}", centre.name)}
                                onclick={action(EditAction::RemoveCostCentre(c))}>{ "Remove cost centre" }</button>
                        </div>
                        <table class="teams">
                            <caption class="visually-hidden">{ format!("Teams of {}", centre.name) }</caption>
                            <thead><tr>
                                { for TEAM_FIELDS.iter().map(|f| html! {
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
                                        { for TEAM_FIELDS.iter().map(|f| {
                                            let path = format!("{at}.teams[{t}].{}", f.key);
                                            html! { <td data-label={f.label}><Field id={field_id(&path)} spec={f} compact=true
                                                label={AttrValue::from(format!("{}, team {}, {}", f.label, team.name, centre.name))}
                                                value={text(&path)} error={error(&path)}
                                                on_text={edit(path.clone())} /></td> }
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
                }
            }) }
            <button type="button" onclick={action(EditAction::AddCostCentre)} data-testid="add-cost-centre">{ "Add cost centre" }</button>
        </details>
    }
}
