//! The one input component: draws a field as the core describes it ([`FieldView`]: the input
//! suited to its kind, its label, unit, default, allowed range and meaning, its message and
//! invalid state) and sends every edit out as text, [`EditAction::Set`] with the field's path;
//! the core reads and validates it. What was typed stays in the session, so the input keeps
//! its text and the keyboard focus while it turns invalid and valid again.

use crate::session::{Action, EditAction};
use crate::view::{FieldView, Input, Layout};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The field, as the core describes it.
    pub view: FieldView,
    /// Receives the edits.
    pub on_action: Callback<Action>,
    /// Drawn at the end of a block's box (a parameter's prior).
    #[prop_or_default]
    pub children: Html,
}

/// The input of one field.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let view = &props.view;
    let id = view.id.clone();
    let invalid = view.invalid.then_some("true");
    let aria_label = view.unlabelled().then(|| view.label.clone());
    let title = view.unlabelled().then(|| view.help.clone());
    let emit = {
        let (cb, path) = (props.on_action.clone(), view.path.clone());
        move |text: String| {
            cb.emit(Action::Edit(EditAction::Set {
                path: path.clone(),
                text,
            }))
        }
    };
    let input = match &view.input {
        Input::Select(options) => {
            let emit = emit.clone();
            let on_change = Callback::from(move |e: Event| {
                emit(e.target_unchecked_into::<HtmlSelectElement>().value())
            });
            html! {
                <select id={id.clone()} onchange={on_change} aria-invalid={invalid}
                    aria-label={aria_label} aria-describedby={view.described_by()} title={title}>
                    { for options.iter().map(|(v, l)| html! {
                        <option value={v.clone()} selected={*v == view.text}>{ l }</option>
                    }) }
                </select>
            }
        }
        Input::Typed {
            kind,
            mode,
            step,
            range,
            placeholder,
        } => {
            let on_input = Callback::from(move |e: InputEvent| {
                emit(e.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <input id={id.clone()} type={*kind} inputmode={*mode} step={*step}
                    min={range.as_ref().map(|r| r.0.clone())}
                    max={range.as_ref().map(|r| r.1.clone())}
                    placeholder={*placeholder} required={view.required}
                    value={view.text.clone()} oninput={on_input}
                    aria-invalid={invalid} aria-label={aria_label}
                    aria-describedby={view.described_by()} title={title} />
            }
        }
    };
    // The message is an `if` node, which is always one node of the list whether shown or not:
    // a `{ for … }` of an `Option` would add or drop a node, and Yew, matching unkeyed lists
    // from the end, would then replace the input (losing focus and the keys that follow).
    let message = html! {
        if let Some(m) = &view.error {
            <p id={view.error_id()} class="field-error">{ m.clone() }</p>
        }
    };
    match view.layout {
        Layout::Cell => html! { <>{ input }{ message }</> },
        Layout::Inline => html! {
            <><label for={id}>{ view.label.clone() }</label>{ input }</>
        },
        Layout::Block(class) => html! {
            <div class={class}>
                <label for={id}>{ view.label.clone() }</label>
                { input }
                { message }
                <p id={view.help_id()} class="hint">
                    { view.help.clone() }
                    if let Some(note) = &view.note {
                        <strong>{ note.clone() }</strong>
                    }
                </p>
                { props.children.clone() }
            </div>
        },
    }
}
