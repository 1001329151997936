//! "What should we set?": the solver's questions on the scenario being edited, on the draws per
//! candidate [`Question::page_draws`] allows, answered in a worker of their own
//! ([`SolveRunner`](super::solve_runner::SolveRunner)) that tells how many runs are done, with
//! the trade-off curve as a table and the answer's row marked.

use super::data_table::data_table;
use super::solve_runner::{Answered, SolveRunner};
use crate::pricing::Catalogue;
use crate::runner::SolveRequest;
use crate::scenario::{Scenario, ValidScenario};
use crate::solve::{self, Answer, Lever, Question, SolveError, Typed, MAX_RUNS, PAGE_MIN_DRAWS};
use crate::view::Shared;
use std::cell::Cell;
use std::rc::Rc;
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

/// Which question is chosen.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Budget,
    Cap(Lever),
    Headcount,
}

/// The texts typed into the panel.
#[derive(Clone, PartialEq)]
struct Asked {
    kind: Kind,
    policy: usize,
    probability: String,
    amount: String,
    suppressed: String,
}

impl Asked {
    /// The question the texts ask, or a message naming the field that does not read.
    fn question(&self) -> Result<Question, SolveError> {
        let percent = |min| Typed::Percent { min };
        let read = solve::read_field;
        Ok(match self.kind {
            Kind::Budget => Question::Budget {
                probability: read(&self.probability, PROBABILITY, percent(1))?,
            },
            Kind::Cap(lever) => Question::Cap {
                lever,
                target_usd: read(&self.amount, TARGET, Typed::Usd)?,
                max_suppressed: read(&self.suppressed, SUPPRESSED, percent(0))?,
            },
            Kind::Headcount => Question::Headcount {
                budget_usd: read(&self.amount, BUDGET, Typed::Usd)?,
                probability: read(&self.probability, PROBABILITY, percent(1))?,
            },
        })
    }
}

/// What the panel shows below its form.
#[derive(Clone, PartialEq)]
enum Shown {
    /// No question asked yet, or the last one cancelled.
    Nothing,
    /// The latest question is being answered: `runs` of its at most `most` runs done.
    Solving { runs: usize, most: usize },
    /// The latest question's answer.
    Answer(Rc<Answer>),
    /// Why the latest question has no answer, in words.
    Error(String),
}

/// What the panel says while a question is answered, `runs` of its at most `most` runs done.
fn solving(runs: usize, most: usize) -> String {
    if runs == 0 || most < 2 {
        "Solving…".into()
    } else {
        format!("Solving… {runs} of at most {most} runs done")
    }
}

/// The curve's caption: what it shows, and for a question about a budget holding (`holds`) why
/// a P90 can sit above a budget that "holds" in 90 % of draws (percentiles interpolate between
/// draws; "Within budget" counts them).
fn curve_caption(holds: bool) -> &'static str {
    if holds {
        "The trade-off across the lever's range; the answer is marked. P50 and P90 interpolate \
         between draws; \"Within budget\" counts the draws at or under it."
    } else {
        "The trade-off across the lever's range; the answer is marked."
    }
}

/// The question, its inputs, and once solved the answer and its curve.
#[function_component(SolvePanel)]
pub fn solve_panel(props: &SolvePanelProps) -> Html {
    let asked = use_state(|| Asked {
        kind: Kind::Budget,
        policy: 0,
        probability: "90".into(),
        amount: "2,400,000".into(),
        suppressed: "10".into(),
    });
    let shown = use_state(|| Shown::Nothing);
    // The generation of the latest question: answers to earlier ones are dropped.
    let latest = use_memo((), |_| Cell::new(0u64));
    // The most runs the latest question takes.
    let most = use_memo((), |_| Cell::new(0usize));
    let runner = {
        let (shown, latest, most) = (shown.clone(), latest.clone(), most.clone());
        use_memo((), move |_| {
            let on_runs = {
                let shown = shown.clone();
                Callback::from(move |runs| {
                    shown.set(Shown::Solving {
                        runs,
                        most: most.get(),
                    })
                })
            };
            let on_answer = Callback::from(move |(generation, answer): Answered| {
                if generation == latest.get() {
                    shown.set(match answer {
                        Ok(answer) => Shown::Answer(Rc::from(answer)),
                        Err(message) => Shown::Error(message),
                    });
                }
            });
            SolveRunner::new(on_runs, on_answer)
        })
    };
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
        let (asked, shown, latest, runner, most) = (
            asked.clone(),
            shown.clone(),
            latest.clone(),
            runner.clone(),
            most.clone(),
        );
        let (valid, catalogue) = (props.valid.clone(), props.catalogue.clone());
        Callback::from(move |_: MouseEvent| {
            latest.set(latest.get() + 1);
            runner.cancel();
            let Some(valid) = valid.as_ref() else {
                return shown.set(Shown::Error(
                    "The scenario has an error; fix it first.".into(),
                ));
            };
            match asked.question() {
                Ok(question) => {
                    let generation = latest.get();
                    most.set(question.most_runs());
                    shown.set(Shown::Solving {
                        runs: 0,
                        most: question.most_runs(),
                    });
                    runner.ask(SolveRequest::new(
                        generation,
                        question,
                        asked.policy,
                        valid,
                        &catalogue,
                    ));
                }
                Err(e) => shown.set(Shown::Error(e.to_string())),
            }
        })
    };
    let on_cancel = {
        let (shown, latest, runner) = (shown.clone(), latest.clone(), runner.clone());
        Callback::from(move |_: MouseEvent| {
            latest.set(latest.get() + 1);
            runner.cancel();
            shown.set(Shown::Nothing);
        })
    };
    let policies = &props.scenario.policies;
    let a = &*asked;
    html! {
        <section class="panel solve" aria-labelledby="solve-heading" data-testid="solve">
            <h2 id="solve-heading">{ "What should we set?" }</h2>
            <div class="solve-form">
                <label for="solve-question">{ "Question" }</label>
                <select id="solve-question" data-testid="solve-question" onchange={edit(|a, v| {
                    a.kind = match v.as_str() {
                        "cap" => Kind::Cap(Lever::MonthlyBudget),
                        "run-cap" => Kind::Cap(Lever::RunCap),
                        "headcount" => Kind::Headcount,
                        _ => Kind::Budget,
                    }
                })}>
                    <option value="budget" selected={a.kind == Kind::Budget}>{ "The annual budget that holds" }</option>
                    <option value="cap" selected={a.kind == Kind::Cap(Lever::MonthlyBudget)}>{ "The per-user monthly budget that keeps P90 spend under an amount" }</option>
                    <option value="run-cap" selected={a.kind == Kind::Cap(Lever::RunCap)}>{ "The per-run cap on agent runs that keeps P90 spend under an amount" }</option>
                    <option value="headcount" selected={a.kind == Kind::Headcount}>{ "The headcount that fits a budget" }</option>
                </select>
                <label for="solve-policy">{ "Policy set" }</label>
                <select id="solve-policy" onchange={edit(|a, v| a.policy = v.parse().unwrap_or(0))}>
                    { for policies.iter().enumerate().map(|(i, p)| html! {
                        <option value={i.to_string()} selected={i == a.policy}>{ &p.name }</option>
                    }) }
                </select>
                if a.kind != Kind::Budget {
                    <label for="solve-amount">{ if matches!(a.kind, Kind::Cap(_)) { TARGET } else { BUDGET } }</label>
                    <input id="solve-amount" data-testid="solve-amount" inputmode="decimal" value={a.amount.clone()} onchange={edit(|a, v| a.amount = v)} />
                }
                if matches!(a.kind, Kind::Cap(_)) {
                    <label for="solve-suppressed">{ SUPPRESSED }</label>
                    <input id="solve-suppressed" inputmode="decimal" value={a.suppressed.clone()} onchange={edit(|a, v| a.suppressed = v)} />
                } else {
                    <label for="solve-probability">{ PROBABILITY }</label>
                    <input id="solve-probability" data-testid="solve-probability" inputmode="decimal" value={a.probability.clone()} onchange={edit(|a, v| a.probability = v)} />
                }
                <button type="button" data-testid="solve-run" onclick={on_solve}>{ "Solve" }</button>
            </div>
            <p class="hint">{ format!("Up to {MAX_RUNS} candidates on the same seed, over the first twelve months, each on as many of the scenario's draws as keep the question to a few seconds (at least {PAGE_MIN_DRAWS}); the command line (burnrate solve) runs them all.") }</p>
            { match &*shown {
                Shown::Nothing => html! {},
                &Shown::Solving { runs, most } => html! {
                    <p class="solving" role="status" data-testid="solve-status">
                        { solving(runs, most) }
                        <button type="button" data-testid="solve-cancel" onclick={on_cancel}>{ "Cancel" }</button>
                    </p>
                },
                Shown::Error(message) => html! { <p class="error" role="alert">{ message }</p> },
                Shown::Answer(answer) => solution_html(answer),
            } }
        </section>
    }
}

/// The answer in words, then the curve with the answer's row marked.
fn solution_html(answer: &Answer) -> Html {
    let s = &answer.solution;
    let (table, at) = solve::table(s, &answer.header, answer.count, answer.holds);
    html! {
        <>
            <p class="answer" role="status" data-testid="solve-answer">{ &s.text }</p>
            <p class="hint" data-testid="solve-computed-on">{ answer.computed_on() }</p>
            <div class="curve">
            { data_table(&table, "solve-curve", Some(curve_caption(answer.holds)), at) }
            </div>
        </>
    }
}
