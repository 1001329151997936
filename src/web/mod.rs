//! The browser app (wasm32 only): a thin Yew shell that renders the core's view data, owns the
//! chart canvas and dispatches user actions. No pricing or simulation logic lives here.

mod app;
mod chart;
mod chart_panel;
mod controls;
mod damaged_link;
mod data_table;
mod disclosure;
mod embed_view;
mod exporter;
mod field;
mod finance;
mod model_mix;
mod organisation;
mod panic;
mod parameters;
mod persist;
mod policies;
mod pricing_panel;
mod reforecast;
mod share_panel;
mod solve;
mod solve_runner;
mod state;
mod summary;
pub mod tools;
mod uncertainty;
mod usage_panel;
mod usage_runner;
mod verdict;
mod worker;

pub use app::{App, AppProps};
pub use chart::{Chart, ChartProps};
pub use chart_panel::ChartPanel;
pub use controls::Controls;
pub use damaged_link::DamagedLink;
pub use embed_view::{EmbedApp, EmbedProps};
pub use model_mix::ModelMix;
pub use organisation::Organisation;
pub use panic::show_fatal;
pub use parameters::Parameters;
pub use policies::PolicySets;
pub use pricing_panel::PricingPanel;
pub use share_panel::SharePanel;
pub use summary::{SummaryProps, SummaryTable};
pub use uncertainty::Uncertainty;
pub use usage_panel::UsagePanel;

/// Today (UTC) from the browser's clock, for dating hand-entered and imported prices.
pub fn today() -> crate::calendar::Date {
    crate::calendar::Date::from_unix_days((js_sys::Date::now() / 86_400_000.0).floor() as i32)
}

/// Starts the app in the page's `#app` element (or the body when there is none); in a web
/// worker, starts serving simulation runs instead.
pub fn start() {
    panic::install();
    if worker::in_worker() {
        worker::serve();
        return;
    }
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into));
    let Some(root) = root else {
        return;
    };
    let query = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    let embed = crate::embed::EmbedView::from_query(&query);
    worker::start_early(persist::opens_default(embed.is_some()));
    match embed {
        Some(view) => {
            yew::Renderer::<EmbedApp>::with_root_and_props(root, EmbedProps { view }).render();
        }
        None => {
            let props = AppProps {
                pricing_url: crate::session::PRICING_URL.into(),
            };
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
    }
}
