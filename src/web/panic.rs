//! A panic hook that replaces a dead page with a readable error message.

use std::panic::PanicHookInfo;

/// Installs the hook: the panic is logged to the console and, on the page, shown in its `#fatal`
/// element (created when missing), so the user sees what happened instead of a frozen page. (A
/// panic in the simulation worker stops the worker; the page then runs the simulation itself.)
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo| {
        let message = format!(
            "Burnrate stopped because of an internal error: {info}. \
             Your scenario is unchanged; reload the page to start again."
        );
        gloo::console::error!(message.clone());
        if !super::worker::in_worker() {
            show_fatal(&message);
        }
    }));
}

/// Shows `message` in the page's `#fatal` banner (created when missing), in place of a dead page.
pub fn show_fatal(message: &str) {
    let document = gloo::utils::document();
    let element = document.get_element_by_id("fatal").or_else(|| {
        let e = document.create_element("div").ok()?;
        e.set_id("fatal");
        document.body()?.prepend_with_node_1(&e).ok()?;
        Some(e)
    });
    if let Some(e) = element {
        e.set_text_content(Some(message));
        // Best effort: a failure here must not panic inside the panic hook.
        let _ = e.set_attribute("role", "alert");
        let _ = e.remove_attribute("hidden");
    }
}
