//! The text of a link that could not be opened, in a read-only field with a copy button, so the
//! user can send it back to whoever shared it or repair it.

use crate::view::status::copy_status;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`DamagedLink`].
#[derive(Properties, PartialEq)]
pub struct DamagedLinkProps {
    /// The link as it was opened.
    pub url: AttrValue,
}

/// The damaged link, selectable and copyable.
#[function_component(DamagedLink)]
pub fn damaged_link(props: &DamagedLinkProps) -> Html {
    let field = use_node_ref();
    let status = use_state(|| None::<&'static str>);
    let on_copy = {
        let (field, status, url) = (field.clone(), status.clone(), props.url.clone());
        Callback::from(move |_: MouseEvent| {
            let (field, status, url) = (field.clone(), status.clone(), url.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let clipboard = gloo::utils::window().navigator().clipboard();
                let copied = JsFuture::from(clipboard.write_text(&url)).await.is_ok();
                if !copied {
                    if let Some(input) = field.cast::<HtmlInputElement>() {
                        input.select();
                    }
                }
                status.set(Some(copy_status(copied)));
            });
        })
    };
    html! {
        <div class="notice warning damaged-link" data-testid="damaged-link">
            <label for="damaged-link">{ "The link that could not be opened" }</label>
            <div class="copy-row">
                <input id="damaged-link" type="text" readonly=true value={props.url.clone()}
                    ref={field} data-testid="damaged-link-text" spellcheck="false"
                    onfocus={Callback::from(|e: FocusEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        input.select();
                    })} />
                <button type="button" onclick={on_copy} data-testid="copy-damaged-link">{ "Copy" }</button>
            </div>
            <span role="status" class="hint">{ status.unwrap_or_default() }</span>
        </div>
    }
}
