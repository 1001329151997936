//! The reforecast from the months already spent, for the policy set picked: the budget
//! headline from today's position, the forecast error of each observed month and a warning
//! when few draws match. The words come from [`ReforecastView`].

use super::disclosure::Disclosure;
use crate::report::Report;
use crate::view::reforecast::ReforecastView;
use crate::view::Shared;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`ReforecastPanel`].
#[derive(Properties, PartialEq)]
pub struct ReforecastProps {
    /// The report, with a reforecast per policy set.
    pub report: Shared<Report>,
}

/// The reforecast of one policy set, with a picker of the policy set.
#[function_component(ReforecastPanel)]
pub fn reforecast_panel(props: &ReforecastProps) -> Html {
    let policy = use_state(|| 0usize);
    let reforecasts = &props.report.reforecasts;
    let chosen = (*policy).min(reforecasts.len().saturating_sub(1));
    let Some(r) = reforecasts.get(chosen) else {
        return html! {};
    };
    let on_policy = {
        let policy = policy.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            policy.set(select.value().parse().unwrap_or(0));
        })
    };
    let name = |k: usize| props.report.policies.get(k).map_or("", |p| p.name.as_str());
    let v = ReforecastView::new(r);
    html! {
        <div class="reforecast" data-testid="reforecast">
            <label class="policy-picker">
                { "Reforecast of " }
                <select id="reforecast-policy" data-testid="reforecast-policy" onchange={on_policy}>
                    { for reforecasts.iter().enumerate().map(|(i, r)| html! {
                        <option value={i.to_string()} selected={i == chosen}>{ name(r.policy) }</option>
                    }) }
                </select>
            </label>
            <p class="reforecast-headline" data-testid="reforecast-headline"><strong>{ &v.headline }</strong></p>
            <p>{ &v.detail }</p>
            if let Some(w) = &v.warning {
                <p class="notice warning" role="status" data-testid="reforecast-warning">{ w }</p>
            }
            <Disclosure summary={html! { "Forecast error of the months spent" }}>
                <ul data-testid="reforecast-months">{ for v.months.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
            </Disclosure>
        </div>
    }
}
