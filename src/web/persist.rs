//! Keeping the scenario: in the URL fragment (`#s=<share link payload>`) and in local storage;
//! offering files for download; fetching text. Failures are reported, never fatal: the scenario on screen
//! always stays.

use crate::scenario::Scenario;
use crate::share;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// The local-storage key of the autosaved scenario.
pub const AUTOSAVE_KEY: &str = "burnrate.scenario";
/// Where an autosave that could not be read is set aside.
pub const BROKEN_KEY: &str = "burnrate.scenario.unreadable";

/// The scenario to start with — the link in the URL, else the autosave, else the default — and
/// a message when one of them could not be used.
pub fn initial_scenario() -> (Scenario, Option<String>) {
    if let Some(payload) = fragment_payload() {
        return match share::decode(&payload) {
            Ok(s) => (s, Some("Opened the scenario in the link.".into())),
            Err(e) => (
                Scenario::default(),
                Some(format!(
                    "The link could not be opened ({e}); showing the default scenario."
                )),
            ),
        };
    }
    let Some(storage) = storage() else {
        return (Scenario::default(), None);
    };
    match storage.get_item(AUTOSAVE_KEY) {
        Ok(Some(saved)) => match share::decode(&saved) {
            Ok(s) => (
                s,
                Some("Restored your last scenario from this browser.".into()),
            ),
            Err(e) => {
                // Keep the unreadable copy for the user rather than overwrite it.
                let _ = storage.set_item(BROKEN_KEY, &saved);
                (
                    Scenario::default(),
                    Some(format!(
                        "The scenario saved in this browser could not be read ({e}); it was kept under \"{BROKEN_KEY}\" and the default scenario is shown."
                    )),
                )
            }
        },
        _ => (Scenario::default(), None),
    }
}

/// The payload after `#s=` in the URL, if any.
fn fragment_payload() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    hash.strip_prefix("#s=").map(str::to_string)
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
        Some(s) => s.set_item(AUTOSAVE_KEY, payload).map_err(|_| {
            "Autosave failed: this browser's storage is full or blocked. Your scenario is still on screen and in the page's link.".to_string()
        }),
        None => Err("Autosave is not available in this browser; the page's link still holds your scenario.".into()),
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
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| format!("{url}: {e}"))
}

/// Offers `text` for download as `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
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
