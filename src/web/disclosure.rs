//! A disclosure (`<details>`) whose content is rendered only once it is first opened. Most of
//! the page sits in closed sections (the model parameters, the organisation, each policy set,
//! the results' data tables): building their elements on the first render and again on every
//! report held up the first chart for content nobody had asked to see. Once opened, the content
//! stays rendered, closed or not, so reopening is instant and nothing typed is lost.

use web_sys::HtmlDetailsElement;
use yew::prelude::*;

/// Properties of [`Disclosure`].
#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    /// Classes of the `<details>` element.
    #[prop_or_default]
    pub class: Classes,
    /// Its `data-testid`, if the tests name it.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// What its `<summary>` shows, open or closed.
    pub summary: Html,
    /// The content, rendered from the first time the disclosure is opened.
    #[prop_or_default]
    pub children: Html,
}

/// A `<details>` element that renders its content once it has been opened.
#[function_component(Disclosure)]
pub fn disclosure(props: &DisclosureProps) -> Html {
    let opened = use_state_eq(|| false);
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlDetailsElement>().open() {
                opened.set(true);
            }
        })
    };
    html! {
        <details class={props.class.clone()} data-testid={props.testid.clone()} {ontoggle}>
            <summary>{ props.summary.clone() }</summary>
            if *opened {
                { props.children.clone() }
            }
        </details>
    }
}
