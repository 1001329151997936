//! `burnrate-tools`: the browser's second WebAssembly module, which reads the files a user
//! imports (usage exports, price tables) and writes the files results export to. The page's
//! module leaves that code out, so a first visit does not fetch it; the page starts this
//! module's workers when a file is first imported or exported, or, where the browser starts no
//! worker, loads it on the page and calls [`handle`] ([`burnrate::web::tools`]).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
fn main() {
    burnrate::web::tools::serve();
}

/// Serves one message on the page, as the module's worker would (see
/// [`burnrate::web::tools::serve_message`]), calling `reply` with the bytes of each answer.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn handle(message: JsValue, reply: js_sys::Function) {
    burnrate::web::tools::serve_message(&message, &|answer| {
        let bytes = js_sys::Uint8Array::from(answer.to_bytes().as_slice());
        let _ = reply.call1(&JsValue::NULL, &bytes);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "burnrate-tools is the web page's importer module; on the command line, use `burnrate`"
    );
    std::process::ExitCode::from(2)
}
