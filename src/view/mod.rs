//! The view layer: turns a report and the session into what the page shows, as plain data
//! (headline and comparison rows with their differences, each chart's series and data table,
//! notices, progress and status texts, every editor's inputs), so the web shell only maps it to
//! HTML and every word and number format is tested natively. The CLI's text output uses the
//! same formatting.

pub mod chart;
pub mod compare;
pub mod figure;
pub mod finance;
pub mod form;
pub mod headline;
pub mod prices;
pub mod reforecast;
pub mod results;
mod shared;
mod source;
pub mod status;
pub mod usage;

pub use chart::{ChartData, ChartKind};

pub use chart::Table;
pub use compare::{Comparison, Row};
pub use figure::Figure;
pub use finance::{finance, finance_text, FinanceRow, FinanceView, Histogram, RUNS_OUT};
pub use form::{FieldView, Form, Input, Layout};
pub use headline::headline;
pub use headline::{HeadlineRow, MEAN_SPEND};
pub use prices::{prices, Prices};
pub use results::{results, Results, ResultsSource};
pub use shared::Shared;
pub use status::{Notices, Progress};
