//! "What should we set?": the solver's three questions on the scenario being edited, answered
//! in the page on [`PAGE_DRAWS`] draws per candidate, with the trade-off curve as a table and
//! the answer's row marked.

use super::data_table::data_table;
use crate::pricing::Catalogue;
use crate::scenario::{Scenario, ValidScenario};
use crate::solve::{self, Lever, Solution, Typed, PAGE_DRAWS};
use crate::view::Shared;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`SolvePanel`]: what the questions read, each kept by the app from one edit
/// to the next, so that the panel is not drawn again while a run progresses.
#[derive(Properties, PartialEq)]
pub struct SolvePanelProps {
    /// The scenario on screen (its policy sets are offered).
    pub scenario: Shared<Scenario>,
    /// The scenario on screen validated against `catalogue` (none when it is not valid).
    pub valid: Shared<Option<ValidScenario>>,
    /// The prices in use.
    pub catalogue: Shared<Catalogue>,
}

/// The fields' labels, which their messages name.
const PROBABILITY: &str = "Probability it holds (%)";
const BUDGET: &str = "Annual budget (USD)";
const TARGET: &str = "P90 annual spend at most (USD)";
const SUPPRESSED: &str = "Productive demand suppressed at most (%)";

/// Which question is asked.
#[derive(Clone, Copy, PartialEq)]
enum Question {
    Budget,
    Cap,
    Headcount,
}

/// The texts typed into the panel.
#[derive(Clone, PartialEq)]
struct Asked {
    question: Question,
    policy: usize,
    probability: String,
    amount: String,
    suppressed: String,
}

/// A solution, the header of its lever's column, and whether the lever is a count and the
/// question is about a budget.
type Solved = (Solution, &'static str, bool, bool);

/// Answers `asked` on the validated scenario on screen, priced by `catalogue`; an error in
/// words.
fn answer(
    valid: &Option<ValidScenario>,
    catalogue: &Catalogue,
    asked: &Asked,
) -> Result<Solved, String> {
    let mut v = valid
        .clone()
        .ok_or("The scenario has an error; fix it first.")?;
    v.scenario.uncertainty.draws = v.scenario.uncertainty.draws.min(PAGE_DRAWS);
    let percent = |min| Typed::Percent { min };
    let p = asked.policy;
    let e = |e: solve::SolveError| e.to_string();
    match asked.question {
        Question::Budget => {
            let q = solve::read_field(&asked.probability, PROBABILITY, percent(1)).map_err(e)?;
            Ok((
                solve::budget(&v, catalogue, p, q).map_err(e)?,
                "Annual budget",
                false,
                true,
            ))
        }
        Question::Cap => {
            let target = solve::read_field(&asked.amount, TARGET, Typed::Usd).map_err(e)?;
            let most = solve::read_field(&asked.suppressed, SUPPRESSED, percent(0)).map_err(e)?;
            let s = solve::lever(&v, catalogue, p, Lever::MonthlyBudget, target, most);
            Ok((s.map_err(e)?, "Per-user monthly budget", false, false))
        }
        Question::Headcount => {
            let budget = solve::read_field(&asked.amount, BUDGET, Typed::Usd).map_err(e)?;
            let q = solve::read_field(&asked.probability, PROBABILITY, percent(1)).map_err(e)?;
            let s = solve::headcount(&v, catalogue, p, budget, q);
            Ok((s.map_err(e)?, "Developers", true, true))
        }
    }
}

/// The question, its inputs, and once solved the answer and its curve.
#[function_component(SolvePanel)]
pub fn solve_panel(props: &SolvePanelProps) -> Html {
    let asked = use_state(|| Asked {
        question: Question::Budget,
        policy: 0,
        probability: "90".into(),
        amount: "2,400,000".into(),
        suppressed: "10".into(),
    });
    let result = use_state(|| None::<Result<Solved, String>>);
    let edit = |f: fn(&mut Asked, String)| {
        let asked = asked.clone();
        Callback::from(move |e: Event| {
            let value = match e.target_dyn_into::<HtmlSelectElement>() {
                Some(select) => select.value(),
                None => e.target_unchecked_into::<HtmlInputElement>().value(),
            };
            let mut next = (*asked).clone();
            f(&mut next, value);
            asked.set(next);
        })
    };
    let on_solve = {
        let (asked, result) = (asked.clone(), result.clone());
        let (valid, catalogue) = (props.valid.clone(), props.catalogue.clone());
        Callback::from(move |_: MouseEvent| result.set(Some(answer(&valid, &catalogue, &asked))))
    };
    let policies = &props.scenario.policies;
    let a = &*asked;
    html! {
        <section class="panel solve" aria-labelledby="solve-heading" data-testid="solve">
            <h2 id="solve-heading">{ "What should we set?" }</h2>
            <div class="solve-form">
                <label for="solve-question">{ "Question" }</label>
                <select id="solve-question" data-testid="solve-question" onchange={edit(|a, v| {
                    a.question = match v.as_str() {
                        "cap" => Question::Cap,
                        "headcount" => Question::Headcount,
                        _ => Question::Budget,
                    }
                })}>
                    <option value="budget" selected={a.question == Question::Budget}>{ "The annual budget that holds" }</option>
                    <option value="cap" selected={a.question == Question::Cap}>{ "The per-user monthly budget that keeps P90 spend under an amount" }</option>
                    <option value="headcount" selected={a.question == Question::Headcount}>{ "The headcount that fits a budget" }</option>
                </select>
                <label for="solve-policy">{ "Policy set" }</label>
                <select id="solve-policy" onchange={edit(|a, v| a.policy = v.parse().unwrap_or(0))}>
                    { for policies.iter().enumerate().map(|(i, p)| html! {
                        <option value={i.to_string()} selected={i == a.policy}>{ &p.name }</option>
                    }) }
                </select>
                if a.question != Question::Budget {
                    <label for="solve-amount">{ if a.question == Question::Cap { TARGET } else { BUDGET } }</label>
                    <input id="solve-amount" data-testid="solve-amount" inputmode="decimal" value={a.amount.clone()} onchange={edit(|a, v| a.amount = v)} />
                }
                if a.question == Question::Cap {
                    <label for="solve-suppressed">{ SUPPRESSED }</label>
                    <input id="solve-suppressed" inputmode="decimal" value={a.suppressed.clone()} onchange={edit(|a, v| a.suppressed = v)} />
                } else {
                    <label for="solve-probability">{ PROBABILITY }</label>
                    <input id="solve-probability" data-testid="solve-probability" inputmode="decimal" value={a.probability.clone()} onchange={edit(|a, v| a.probability = v)} />
                }
                <button type="button" data-testid="solve-run" onclick={on_solve}>{ "Solve" }</button>
            </div>
            <p class="hint">{ format!("On {PAGE_DRAWS} draws per candidate and the same seed for each, over the first twelve months; the command line (burnrate solve) can use more.") }</p>
            if let Some(Err(message)) = &*result {
                <p class="error" role="alert">{ message }</p>
            }
            if let Some(Ok((solution, header, count, holds))) = &*result {
                { solution_html(solution, header, *count, *holds) }
            }
        </section>
    }
}

/// The answer in words, then the curve with the answer's row marked.
fn solution_html(s: &Solution, header: &str, count: bool, holds: bool) -> Html {
    let (table, at) = solve::table(s, header, count, holds);
    html! {
        <>
            <p class="answer" role="status" data-testid="solve-answer">{ &s.text }</p>
            <div class="curve">
            { data_table(&table, "solve-curve", Some("The trade-off across the lever's range; the answer is marked"), at) }
            </div>
        </>
    }
}
