//! Keeping the scenario: in the URL fragment (`#s=<share link payload>`) and in local storage;
//! offering files for download; fetching text. Failures are reported, never fatal: the scenario on screen
//! always stays.

use crate::opening::{self, Opening, AUTOSAVE_KEY, BROKEN_KEY};
use crate::view::status::{AUTOSAVE_FAILED, AUTOSAVE_UNAVAILABLE};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

thread_local! {
    /// The opening read before the app mounts ([`opens_default`]), for the app to take
    /// rather than read the URL and the autosave again; with the `embedded` it was read for.
    static EARLY: std::cell::RefCell<Option<(bool, Opening)>> = const { std::cell::RefCell::new(None) };
}

/// The scenario to start with (see [`opening::open`]), from the URL fragment and the autosave;
/// an autosave that cannot be read is set aside under [`BROKEN_KEY`] rather than overwritten.
/// The one [`opens_default`] read, when there is one for the same `embedded`.
pub fn opening(embedded: bool) -> Opening {
    let early = EARLY.with(|e| e.borrow_mut().take());
    match early {
        Some((was, opened)) if was == embedded => opened,
        _ => read_opening(embedded),
    }
}

fn read_opening(embedded: bool) -> Opening {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let storage = storage();
    let saved = storage
        .as_ref()
        .and_then(|s| s.get_item(AUTOSAVE_KEY).ok().flatten());
    let opened = opening::open(&hash, saved.as_deref(), embedded);
    if let (Some(storage), Some(unreadable)) = (&storage, &opened.unreadable_autosave) {
        let _ = storage.set_item(BROKEN_KEY, unreadable);
    }
    opened
}

/// Whether the page opens the default scenario (no link in the URL, no autosave): then its
/// first run is the one the simulation worker can begin before it is asked
/// ([`crate::head_start`]). Read before the app mounts, and kept for it ([`opening`]).
pub fn opens_default(embedded: bool) -> bool {
    let opened = read_opening(embedded);
    let default = opened.scenario == crate::scenario::Scenario::default();
    EARLY.with(|e| *e.borrow_mut() = Some((embedded, opened)));
    default
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Writes the scenario's payload to the URL fragment and local storage; the error says what
/// could not be kept.
pub fn save(payload: &str) -> Result<(), String> {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#s={payload}")),
        );
    }
    match storage() {
        Some(s) => s
            .set_item(AUTOSAVE_KEY, payload)
            .map_err(|_| AUTOSAVE_FAILED.to_string()),
        None => Err(AUTOSAVE_UNAVAILABLE.into()),
    }
}

/// The page's address with the scenario in it.
pub fn share_url(payload: &str) -> String {
    let location = gloo::utils::window().location();
    let base = location.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default().to_string();
    format!("{base}#s={payload}")
}

/// The text at `url`; the error names the URL and what went wrong.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo::net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| crate::session::unreachable(url))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| format!("{url}: {e}"))
}

/// Offers `text` for download as `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    save_blob(name, mime, &parts)
}

/// Offers `bytes` as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    save_blob(name, mime, &parts)
}

/// Offers the blob of `parts` as a file download named `name`.
fn save_blob(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(parts, &options)
        .map_err(|_| "the file could not be prepared".to_string())?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| "no download URL".to_string())?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element".to_string())?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
