//! Embedding in wiki pages: which compact, read-only view a `?embed=1` URL asks for.
//!
//! Query parameters: `embed=1` (required), `chart=<id>[,<id>…]` (charts to show, by
//! [`ChartKind::id`]; default `monthly-spend`), `policy=<index>` (the policy set for charts of one
//! set; default 0), `metrics=<0|1>` (show the comparison table; default 1). The scenario comes from
//! the `#s=` fragment, like any share link.

use crate::charts::ChartKind;

/// A compact embedded view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedView {
    /// Charts to show, in order.
    pub charts: Vec<ChartKind>,
    /// The policy set for charts of one set.
    pub policy: usize,
    /// Whether to show the comparison table.
    pub metrics: bool,
}

impl EmbedView {
    /// The view a query string (with or without the leading `?`) asks for, if it asks to embed.
    /// Unknown chart ids are ignored; if none is left, the monthly spend chart is shown.
    pub fn from_query(query: &str) -> Option<EmbedView> {
        let mut embed = false;
        let mut view = EmbedView {
            charts: Vec::new(),
            policy: 0,
            metrics: true,
        };
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => embed = value == "1" || value == "true",
                "chart" => view.charts.extend(
                    value
                        .split(',')
                        .filter_map(|id| ChartKind::ALL.into_iter().find(|k| k.id() == id)),
                ),
                "policy" => view.policy = value.parse().unwrap_or(0),
                "metrics" => view.metrics = value != "0" && value != "false",
                _ => {}
            }
        }
        if view.charts.is_empty() {
            view.charts.push(ChartKind::MonthlySpend);
        }
        embed.then_some(view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_embed_urls_embed_and_unknown_charts_are_ignored() {
        assert_eq!(EmbedView::from_query("?chart=adoption"), None);
        let v = EmbedView::from_query("?embed=1&chart=adoption,bogus,tornado&policy=2&metrics=0")
            .unwrap();
        assert_eq!(v.charts, vec![ChartKind::Adoption, ChartKind::Tornado]);
        assert_eq!((v.policy, v.metrics), (2, false));
        let plain = EmbedView::from_query("embed=1").unwrap();
        assert_eq!(plain.charts, vec![ChartKind::MonthlySpend]);
        assert!(plain.metrics);
    }
}
