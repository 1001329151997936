//! The verdict above the comparison: one or two sentences per policy set against the chosen
//! baseline, and the set with the lowest cost per useful change, rendered from the view's
//! [`Comparison`].

use crate::view::Comparison;
use crate::view::Shared;
use yew::prelude::*;

/// Properties of [`Verdicts`].
#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    /// The comparison whose verdicts to show.
    pub comparison: Shared<Comparison>,
    /// The policy set the others are judged against.
    pub baseline: usize,
}

/// The verdict sentences against the baseline, then the lowest cost per useful change.
#[function_component(Verdicts)]
pub fn verdicts(props: &VerdictProps) -> Html {
    let c = &props.comparison;
    let Some(sentences) = c.verdicts.get(props.baseline) else {
        return html! {};
    };
    html! {
        <section class="verdicts" aria-label="Verdict" data-testid="verdicts">
            <h2>{ "Should we launch it?" }</h2>
            <ul>
                { for sentences.iter().enumerate().map(|(i, text)| html! {
                    <li data-testid={format!("verdict-{i}")}>{ text }</li>
                }) }
            </ul>
            if let Some(best) = &c.lowest_cost_text {
                <p class="best" data-testid="lowest-cost">{ best }</p>
            }
            <p class="hint">{ c.legend }</p>
        </section>
    }
}
