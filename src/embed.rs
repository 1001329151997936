//! Embedding in wiki pages: which compact, read-only view a `?embed=1` URL asks for.
//!
//! Query parameters: `embed=1` (required), `chart=<id>[,<id>…]` (charts to show, by
//! [`ChartKind::id`]; default `monthly-spend`), `policy=<index>` (the policy set for charts of one
//! set; default 0), `metrics=<0|1>` (show the comparison table; default 1). The scenario comes from
//! the `#s=` fragment, like any share link. [`full_app_url`] is the view's link to the full app.

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
    /// What the address asked for that the view cannot show, in words (an unknown chart, a
    /// policy that is not a number), to say above the view.
    pub problems: Vec<String>,
}

impl EmbedView {
    /// The view a query string (with or without the leading `?`) asks for, if it asks to embed.
    /// Unknown chart ids are left out, and said in [`EmbedView::problems`]; if none is left,
    /// the monthly spend chart is shown.
    pub fn from_query(query: &str) -> Option<EmbedView> {
        let mut embed = false;
        let mut view = EmbedView {
            charts: Vec::new(),
            policy: 0,
            metrics: true,
            problems: Vec::new(),
        };
        let mut unknown = Vec::new();
        for pair in query.strip_prefix('?').unwrap_or(query).split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => embed = value == "1" || value == "true",
                "chart" => {
                    for id in value.split(',').filter(|id| !id.is_empty()) {
                        match ChartKind::ALL.into_iter().find(|k| k.id() == id) {
                            Some(kind) => view.charts.push(kind),
                            None => unknown.push(crate::scenario::quoted(id)),
                        }
                    }
                }
                "policy" => match value.parse() {
                    Ok(k) => view.policy = k,
                    Err(_) => view.problems.push(format!(
                        "policy={}: not a policy set's number (0 for the first); showing the first",
                        crate::scenario::quoted(value)
                    )),
                },
                "metrics" => view.metrics = value != "0" && value != "false",
                _ => {}
            }
        }
        if !unknown.is_empty() {
            let ids: Vec<&str> = ChartKind::ALL.iter().map(|k| k.id()).collect();
            view.problems.insert(
                0,
                format!(
                    "chart={}: not a chart (allowed: {}); left out",
                    unknown.join(", "),
                    ids.join(", ")
                ),
            );
        }
        if view.charts.is_empty() {
            view.charts.push(ChartKind::MonthlySpend);
        }
        embed.then_some(view)
    }

    /// The policy set shown by charts of one set, for a scenario of `sets` policy sets: the one
    /// asked for, or the last when it asked for one past the end; and what to say about that.
    pub fn policy_of(&self, sets: usize) -> (usize, Option<String>) {
        let last = sets.saturating_sub(1);
        if self.policy <= last {
            (self.policy, None)
        } else {
            let note = format!(
                "policy={}: the scenario has {sets} policy sets (allowed 0 – {last}); showing the \
                 last",
                self.policy
            );
            (last, Some(note))
        }
    }
}

/// The query parameters that shape an embedded view; the full app's address leaves them out.
pub(crate) const EMBED_PARAMS: [&str; 4] = ["embed", "chart", "policy", "metrics"];

/// The full app's address for an embedded view's address (`url`, with its `#s=` fragment): the
/// same address without the parameters of [`EMBED_PARAMS`], wherever they stand in the query,
/// keeping the path, any other parameters and the fragment.
pub fn full_app_url(url: &str) -> String {
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
            !pair.is_empty() && !EMBED_PARAMS.contains(&key)
        })
        .collect();
    let mut out = path.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
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
        assert_eq!(v.problems.len(), 1);
        assert!(
            v.problems[0].starts_with("chart=\"bogus\": not a chart (allowed: monthly-spend, "),
            "{:?}",
            v.problems
        );
        let plain = EmbedView::from_query("embed=1").unwrap();
        assert_eq!(plain.charts, vec![ChartKind::MonthlySpend]);
        assert!(plain.metrics && plain.problems.is_empty());
        let odd = EmbedView::from_query("embed=1&policy=two&chart=").unwrap();
        assert_eq!(odd.policy, 0);
        assert_eq!(
            odd.problems,
            ["policy=\"two\": not a policy set's number (0 for the first); showing the first"]
        );
    }

    #[test]
    fn a_policy_past_the_last_set_shows_the_last_and_says_so() {
        let v = EmbedView::from_query("embed=1&policy=9").unwrap();
        assert_eq!(v.policy_of(12), (9, None));
        assert_eq!(
            v.policy_of(4),
            (
                3,
                Some(
                    "policy=9: the scenario has 4 policy sets (allowed 0 – 3); showing the last"
                        .into()
                )
            )
        );
    }

    #[test]
    fn the_full_app_url_drops_the_embed_parameters_wherever_they_stand() {
        let cases = [
            (
                "https://w.example/?embed=1&chart=adoption#s=1.abc",
                "https://w.example/#s=1.abc",
            ),
            (
                "https://w.example/?chart=adoption&embed=1#s=1.abc",
                "https://w.example/#s=1.abc",
            ),
            (
                "https://w.example/?a=b&embed=1&metrics=0#s=1.abc",
                "https://w.example/?a=b#s=1.abc",
            ),
            (
                "http://127.0.0.1:8080/tools/burnrate/?embed=1&chart=monthly-spend,adoption&policy=2#s=1.x",
                "http://127.0.0.1:8080/tools/burnrate/#s=1.x",
            ),
            (
                "https://i.example/tools/burnrate/index.html?lang=en&embed=true&x=1&policy=1#s=1.x",
                "https://i.example/tools/burnrate/index.html?lang=en&x=1#s=1.x",
            ),
            ("https://w.example/app/?embed=1", "https://w.example/app/"),
            ("https://w.example/app/?embed=1&&#s=1.x", "https://w.example/app/#s=1.x"),
        ];
        for (embed, full) in cases {
            assert_eq!(full_app_url(embed), full, "{embed}");
            let query = full.split('#').next().unwrap().split_once('?');
            assert_eq!(EmbedView::from_query(query.map_or("", |(_, q)| q)), None);
        }
    }

    #[test]
    fn a_question_mark_opening_a_parameter_does_not_embed_the_full_app() {
        // The address's query (`location.search`) starts with one `?`; a parameter spelt
        // `?embed` is another parameter, so the full app's address must not embed.
        let full = full_app_url("https://w.example/?embed=1&?embed=1#s=1.x");
        assert_eq!(full, "https://w.example/??embed=1#s=1.x");
        assert_eq!(EmbedView::from_query("??embed=1"), None);
        assert!(EmbedView::from_query("?embed=1").is_some());
    }
}
