//! Embed options on an arbitrary address: the view its query (`location.search`, from the first
//! `?` to the fragment) asks for, and the full app's address, which must ask for no embedded
//! view.
#![no_main]

use burnrate::embed::{full_app_url, EmbedView};
use libfuzzer_sys::fuzz_target;

/// The address's query as `location.search` gives it: from the first `?`, without the fragment.
fn search(url: &str) -> &str {
    let rest = url.split_once('#').map_or(url, |(r, _)| r);
    rest.find('?').map_or("", |at| &rest[at..])
}

fuzz_target!(|data: &[u8]| {
    let Some(url) = burnrate_fuzz::text(data) else {
        return;
    };
    if let Some(view) = EmbedView::from_query(search(url)) {
        assert!(!view.charts.is_empty());
    }
    let full = full_app_url(url);
    assert_eq!(full_app_url(&full), full, "not idempotent");
    assert_eq!(EmbedView::from_query(search(&full)), None, "{full}");
});
