//! The browser app (wasm32 only): a thin Yew shell that renders the core's view data, owns the
//! chart canvas and dispatches user actions. No pricing or simulation logic lives here.

mod app;
mod chart;
mod controls;
mod panic;
mod state;
mod summary;

pub use app::{App, AppProps};
pub use chart::{SpendChart, SpendChartProps};
pub use controls::Controls;
pub use summary::{SummaryProps, SummaryTable};

/// Starts the app in the page's `#app` element (or the body when there is none).
pub fn start() {
    panic::install();
    let document = gloo::utils::document();
    let props = AppProps {
        pricing_url: crate::session::PRICING_URL.into(),
    };
    match document.get_element_by_id("app") {
        Some(root) => yew::Renderer::<App>::with_root_and_props(root, props).render(),
        None => yew::Renderer::<App>::with_props(props).render(),
    };
}
