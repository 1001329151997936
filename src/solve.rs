//! "What should we set?": the smallest annual budget that holds with a chosen probability, the
//! per-user monthly budget (or per-run cap) that keeps P90 annual spend under an amount while
//! suppressing at most a chosen share of productive demand, and the headcount that fits a
//! budget.
//!
//! Every candidate is simulated for one policy set on the same seed (common random numbers), so
//! an answer is deterministic for a seed and candidates differ only by the lever. A lever is
//! first tried on a grid across its range (the trade-off curve), then refined by bisection
//! between the two grid points that bracket the answer. The work is bounded: at most
//! [`MAX_RUNS`] runs, and their developer-months × draws together within
//! [`crate::limits::MAX_WORK`], the limit on one run.
//!
//! "Annual spend" is the billed spend of the organisation over the first twelve months of the
//! horizon (the whole horizon when it is shorter).

use crate::limits::{work, MAX_WORK};
use crate::pricing::Catalogue;
use crate::scenario::{Scenario, TypedUnit, ValidScenario};
use crate::sim::{self, waste, Quantity};
use crate::stats::Percentiles;
use serde::{Deserialize, Serialize};
use std::cell::Cell;

/// Points on a lever's trade-off curve.
pub const GRID_POINTS: usize = 9;

/// Bisection steps between the grid points that bracket an answer.
pub const REFINE_STEPS: usize = 8;

/// Most simulation runs one question may take: the grid and the refinement.
pub const MAX_RUNS: usize = GRID_POINTS + REFINE_STEPS;

/// Months that make up the "annual" spend.
const YEAR: usize = 12;

/// The lever a spend target is met with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lever {
    /// A per-user monthly budget [USD / user / month], from $10 to $20,000.
    MonthlyBudget,
    /// A per-run cap on agent runs [USD / run], from $0.10 to $200.
    RunCap,
}

impl Lever {
    /// The lever's range [USD].
    pub fn range(self) -> (f64, f64) {
        match self {
            Lever::MonthlyBudget => (10.0, 20_000.0),
            Lever::RunCap => (0.1, 200.0),
        }
    }

    /// What the lever is, in words.
    pub fn label(self) -> &'static str {
        match self {
            Lever::MonthlyBudget => "per-user monthly budget",
            Lever::RunCap => "per-run cap",
        }
    }

    /// What the lever is, as a column's heading.
    pub fn heading(self) -> &'static str {
        match self {
            Lever::MonthlyBudget => "Per-user monthly budget",
            Lever::RunCap => "Per-run cap",
        }
    }

    /// Its unit.
    pub fn unit(self) -> &'static str {
        match self {
            Lever::MonthlyBudget => "per user per month",
            Lever::RunCap => "per run",
        }
    }
}

/// One candidate's outcome: a point on a trade-off curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The lever's value: the cap [USD], or the headcount [developers].
    pub x: f64,
    /// Annual spend across draws [USD / year].
    pub annual_spend_usd: Percentiles,
    /// Share of productive demand (productive token spend plus demand blocked by caps and
    /// budgets) that was blocked, median across draws [fraction].
    pub suppressed_share: f64,
    /// Useful deployments in the year, median across draws [changes].
    pub useful_deployments: f64,
    /// Share of draws whose annual spend is within the budget asked about (1 when none).
    pub hold_probability: f64,
}

/// A solver's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Solution {
    /// The policy set the lever was applied to.
    pub policy: String,
    /// The answer: a budget [USD / year], a cap [USD], or a headcount; `None` when nothing in
    /// the lever's range answers the question.
    pub answer: Option<f64>,
    /// The outcome at the answer.
    pub at: Option<Point>,
    /// The trade-off curve across the lever's range, ascending.
    pub curve: Vec<Point>,
    /// Simulation runs it took.
    pub runs: usize,
    /// The answer in words.
    pub text: String,
}

impl Solution {
    /// The answer of a search over `curve` (one run a point), found at point `at`, if any.
    fn searched(
        policy: String,
        answer: Option<f64>,
        at: Option<usize>,
        curve: Vec<Point>,
        text: String,
    ) -> Solution {
        Solution {
            policy,
            answer,
            at: at.and_then(|i| curve.get(i).cloned()),
            runs: curve.len(),
            curve,
            text,
        }
    }
}

/// Why a question cannot be solved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SolveError(pub String);

impl std::fmt::Display for SolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SolveError {}

/// The amounts a question may name: an annual budget or a P90 target [USD / year].
pub const AMOUNT_RANGE: (f64, f64) = (1.0, 1e13);

/// A number a question takes, checked before any run: `value` of the quantity called `label`
/// within `range`, shown in percent when `percent` (the message names the quantity, the value
/// and what is allowed).
fn check(label: &str, value: f64, range: (f64, f64), percent: bool) -> Result<(), SolveError> {
    if (range.0..=range.1).contains(&value) {
        Ok(())
    } else {
        let unit = if percent { "" } else { "USD" };
        Err(SolveError(crate::scenario::range_message(
            label, value, range, unit, percent,
        )))
    }
}

/// The probability a budget holds [fraction]: at least 1 % and at most 100 %.
fn check_probability(probability: f64) -> Result<(), SolveError> {
    check("Probability it holds", probability, (0.01, 1.0), true)
}

/// How a number typed into the page's solver is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// Dollars [USD / year], within [`AMOUNT_RANGE`]; `$` and thousands separators allowed.
    Usd,
    /// A percentage from `min` to 100, returned as a fraction.
    Percent {
        /// The smallest allowed [%].
        min: u8,
    },
}

/// Reads `text` typed into the solver's field labelled `label`: the value (a fraction for a
/// percentage), or a message that names the field and says what is allowed.
pub fn read_field(text: &str, label: &str, kind: Typed) -> Result<f64, SolveError> {
    let (range, unit, scale) = match kind {
        Typed::Usd => (AMOUNT_RANGE, TypedUnit::Usd, 1.0),
        Typed::Percent { min } => ((f64::from(min), 100.0), TypedUnit::Percent, 0.01),
    };
    crate::scenario::read_typed(text, range, unit)
        .map(|v| v * scale)
        .map_err(|p| SolveError(crate::scenario::problem_message(label, &p)))
}

/// Per-draw annual figures of one run.
struct Year {
    spend: Vec<f64>,
    suppressed_share: Vec<f64>,
    useful: Vec<f64>,
}

/// The scenario of `v` with policy set `policy` alone and the horizon cut to its first year
/// (the months after it do not change the year's figures), changed by `edit` and validated
/// against `catalogue`; an error names a missing set or what validation refused.
fn first_year(
    v: &ValidScenario,
    catalogue: &Catalogue,
    policy: usize,
    edit: &dyn Fn(&mut Scenario),
) -> Result<ValidScenario, SolveError> {
    let Some(set) = v.scenario.policies.get(policy) else {
        return Err(SolveError(format!(
            "there is no policy set {} (the scenario has {})",
            policy + 1,
            v.scenario.policies.len()
        )));
    };
    let mut s = v.scenario.clone();
    s.policies = vec![set.clone()];
    s.months = s.months.min(YEAR as u32);
    edit(&mut s);
    s.validate(catalogue).map_err(|e| SolveError(e.to_string()))
}

/// `v` with policy set `policy` alone over its first year.
fn one_set(
    v: &ValidScenario,
    catalogue: &Catalogue,
    policy: usize,
) -> Result<ValidScenario, SolveError> {
    first_year(v, catalogue, policy, &|_| {})
}

fn developers(v: &ValidScenario) -> u64 {
    v.teams.iter().map(|t| u64::from(t.developers)).sum()
}

/// Refuses a question whose `runs` runs of `v` would ask for more than [`MAX_WORK`].
fn check_work(v: &ValidScenario, runs: usize) -> Result<(), SolveError> {
    let draws = v.scenario.uncertainty.draws;
    let asked = work(developers(v), v.months.len() as u32, draws, runs);
    if asked > MAX_WORK {
        let per_draw = work(developers(v), v.months.len() as u32, 1, runs).max(1);
        return Err(SolveError(format!(
            "solving takes up to {runs} runs of {draws} draws, {asked} developer-months × draws, \
             more than {MAX_WORK}, the limit on work; use at most {} draws",
            MAX_WORK / per_draw
        )));
    }
    Ok(())
}

/// Runs `one` (a single policy set) and sums each draw's first year.
fn simulate_year(one: &ValidScenario) -> Year {
    let months = one.months.len().min(YEAR);
    let mut year = Year {
        spend: Vec::new(),
        suppressed_share: Vec::new(),
        useful: Vec::new(),
    };
    for d in sim::run(one) {
        let rows = &d.policies[0].rows;
        let (mut spend, mut productive, mut suppressed, mut useful) = (0.0, 0.0, 0.0, 0.0);
        for t in 0..months {
            let r = rows.org(t);
            spend += r[Quantity::Spend.index()];
            productive += r[Quantity::TokenSpend.index()] - waste(r);
            suppressed += r[Quantity::Suppressed.index()];
            useful += r[Quantity::Useful.index()];
        }
        let demand = productive.max(0.0) + suppressed;
        year.spend.push(spend);
        year.suppressed_share.push(if demand > 0.0 {
            suppressed / demand
        } else {
            0.0
        });
        year.useful.push(useful);
    }
    year
}

/// A question's runs as they finish: each is counted, and `on_run` told how many are done.
struct Runs<'a> {
    done: Cell<usize>,
    on_run: &'a dyn Fn(usize),
}

impl<'a> Runs<'a> {
    fn new(on_run: &'a dyn Fn(usize)) -> Runs<'a> {
        Runs {
            done: Cell::new(0),
            on_run,
        }
    }

    /// [`simulate_year`] of `one`, counted.
    fn year(&self, one: &ValidScenario) -> Year {
        let year = simulate_year(one);
        self.done.set(self.done.get() + 1);
        (self.on_run)(self.done.get());
        year
    }
}

/// The point of a run at lever value `x`, with the share of draws within `budget`.
fn point(x: f64, year: &Year, budget: Option<f64>) -> Point {
    let hold = budget.map_or(1.0, |b| {
        year.spend.iter().filter(|&&s| s <= b).count() as f64 / year.spend.len().max(1) as f64
    });
    Point {
        x,
        annual_spend_usd: Percentiles::of(&mut year.spend.clone()),
        suppressed_share: Percentiles::of(&mut year.suppressed_share.clone()).median_or_zero(),
        useful_deployments: Percentiles::of(&mut year.useful.clone()).median_or_zero(),
        hold_probability: hold,
    }
}

/// The point of a candidate that cannot be run: no spend figures, nothing held.
fn unavailable(x: f64) -> Point {
    Point {
        x,
        annual_spend_usd: Percentiles::default(),
        suppressed_share: 0.0,
        useful_deployments: 0.0,
        hold_probability: 0.0,
    }
}

/// The smallest annual budget that at least `probability` of the draws stay within, for policy
/// set `policy` [USD / year]; the curve is the budget at probabilities from 50% to 99%.
/// `catalogue` validates the one-set, one-year scenario run; `on_run` is told when it is done.
pub fn budget(
    v: &ValidScenario,
    catalogue: &Catalogue,
    policy: usize,
    probability: f64,
    on_run: &dyn Fn(usize),
) -> Result<Solution, SolveError> {
    check_probability(probability)?;
    let one = one_set(v, catalogue, policy)?;
    check_work(&one, 1)?;
    let year = Runs::new(on_run).year(&one);
    let mut sorted = year.spend.clone();
    sorted.sort_unstable_by(f64::total_cmp);
    let at = |q: f64| {
        let i = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[i]
    };
    let answer = at(probability);
    let curve = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]
        .iter()
        .map(|&q| point(at(q), &year, Some(at(q))))
        .collect();
    let here = point(answer, &year, Some(answer));
    let text = format!(
        "An annual budget of {} holds for {} with probability {:.0}% ({} of {} draws).",
        crate::verdict::money(answer),
        one.policies[0].name,
        here.hold_probability * 100.0,
        (here.hold_probability * sorted.len() as f64).round(),
        sorted.len()
    );
    Ok(Solution {
        policy: one.policies[0].name.clone(),
        answer: Some(answer),
        at: Some(here),
        curve,
        runs: 1,
        text,
    })
}

/// The first year of policy set `policy` of `v` alone with `lever` set to `x` on it.
fn with_lever(
    v: &ValidScenario,
    catalogue: &Catalogue,
    policy: usize,
    lever: Lever,
    x: f64,
) -> Result<ValidScenario, SolveError> {
    first_year(v, catalogue, policy, &|s| {
        let set = &mut s.policies[0];
        match lever {
            Lever::MonthlyBudget => {
                let mut b = set.user_budget.unwrap_or_default();
                b.monthly_usd = Some(x);
                set.user_budget = Some(b);
            }
            Lever::RunCap => {
                let mut c = set.run_cap.unwrap_or_default();
                c.usd_per_run = x;
                set.run_cap = Some(c);
            }
        }
    })
    .map_err(|e| SolveError(format!("{} at {x}: {e}", lever.label())))
}

/// `GRID_POINTS` values spaced evenly on a log scale from `low` to `high`, both ends exact.
fn log_grid(low: f64, high: f64) -> Vec<f64> {
    let last = GRID_POINTS - 1;
    let step = libm::log(high / low) / last as f64;
    (0..GRID_POINTS)
        .map(|i| match i {
            0 => low,
            i if i == last => high,
            i => low * libm::exp(step * i as f64),
        })
        .collect()
}

/// The largest `x` on the grid `xs` whose point passes `ok`, refined by bisection towards the
/// next grid point; the points tried, ascending, and the index of the answer among them.
fn largest_passing(
    xs: &[f64],
    eval: &dyn Fn(f64) -> Point,
    ok: &dyn Fn(&Point) -> bool,
    whole: bool,
) -> (Vec<Point>, Option<usize>) {
    let mut points: Vec<Point> = xs.iter().map(|&x| eval(x)).collect();
    let Some(last) = points.iter().rposition(ok) else {
        return (points, None);
    };
    if last + 1 == points.len() {
        return (points, Some(last));
    }
    let (mut lo, mut hi) = (points[last].clone(), points[last + 1].x);
    for _ in 0..REFINE_STEPS {
        let mid = if whole {
            ((lo.x + hi) / 2.0).floor()
        } else {
            (lo.x * hi).sqrt()
        };
        if mid <= lo.x || mid >= hi {
            break;
        }
        let p = eval(mid);
        if ok(&p) {
            lo = p.clone();
        } else {
            hi = mid;
        }
        points.push(p);
    }
    points.sort_by(|a, b| a.x.total_cmp(&b.x));
    let at = points.iter().position(|p| p.x == lo.x);
    (points, at)
}

/// The most generous `lever` on policy set `policy` that keeps P90 annual spend within
/// `target_usd` [USD / year], provided it suppresses at most `max_suppressed` of productive
/// demand [fraction]; the curve spans the lever's range. `on_run` is told how many runs are
/// done after each (at most [`MAX_RUNS`]).
pub fn lever(
    v: &ValidScenario,
    catalogue: &Catalogue,
    policy: usize,
    lever: Lever,
    target_usd: f64,
    max_suppressed: f64,
    on_run: &dyn Fn(usize),
) -> Result<Solution, SolveError> {
    check("P90 annual spend at most", target_usd, AMOUNT_RANGE, false)?;
    check(
        "Productive demand suppressed at most",
        max_suppressed,
        (0.0, 1.0),
        true,
    )?;
    let one = one_set(v, catalogue, policy)?;
    check_work(&one, MAX_RUNS)?;
    let (low, high) = lever.range();
    with_lever(v, catalogue, policy, lever, low)?;
    let runs = Runs::new(on_run);
    let eval = |x: f64| match with_lever(v, catalogue, policy, lever, x) {
        Ok(run) => point(x, &runs.year(&run), None),
        Err(_) => unavailable(x),
    };
    let spend_ok = |p: &Point| p.annual_spend_usd.p90.is_some_and(|s| s <= target_usd);
    let (curve, at) = largest_passing(&log_grid(low, high), &eval, &spend_ok, false);
    let name = one.policies[0].name.clone();
    let target = crate::verdict::money(target_usd);
    let allowed = format!("{:.0}%", max_suppressed * 100.0);
    let (answer, text) = match at.map(|i| &curve[i]) {
        None => (
            None,
            format!(
                "No {} from {} to {} keeps P90 annual spend of {name} within {target}.",
                lever.label(),
                crate::verdict::money(low),
                crate::verdict::money(high)
            ),
        ),
        Some(p) if p.suppressed_share > max_suppressed => (
            None,
            format!(
                "Keeping P90 annual spend of {name} within {target} takes a {} of {} {}, which \
                 suppresses {:.1}% of productive demand, more than the {allowed} allowed.",
                lever.label(),
                crate::verdict::money(p.x),
                lever.unit(),
                p.suppressed_share * 100.0
            ),
        ),
        Some(p) if p.x >= high => (
            Some(p.x),
            format!(
                "Even the most generous {} searched, {} {}, keeps P90 annual spend of {name} at \
                 {} (within {target}) and suppresses {:.1}% of productive demand (at most \
                 {allowed} allowed).",
                lever.label(),
                crate::verdict::money(p.x),
                lever.unit(),
                crate::verdict::money(p.annual_spend_usd.p90.unwrap_or(0.0)),
                p.suppressed_share * 100.0
            ),
        ),
        Some(p) => (
            Some(p.x),
            format!(
                "A {} of {} {} keeps P90 annual spend of {name} at {} (within {target}) and \
                 suppresses {:.1}% of productive demand (at most {allowed} allowed).",
                lever.label(),
                crate::verdict::money(p.x),
                lever.unit(),
                crate::verdict::money(p.annual_spend_usd.p90.unwrap_or(0.0)),
                p.suppressed_share * 100.0
            ),
        ),
    };
    Ok(Solution::searched(name, answer, at, curve, text))
}

/// The largest headcount whose annual spend on policy set `policy` stays within `budget_usd`
/// [USD / year] with probability at least `probability`, between 1 and 16 times the scenario's
/// headcount (less when the work limit calls for it); `catalogue` validates each candidate.
/// `on_run` is told how many runs are done after each (at most [`MAX_RUNS`]).
pub fn headcount(
    v: &ValidScenario,
    catalogue: &Catalogue,
    policy: usize,
    budget_usd: f64,
    probability: f64,
    on_run: &dyn Fn(usize),
) -> Result<Solution, SolveError> {
    check("Annual budget", budget_usd, AMOUNT_RANGE, false)?;
    check_probability(probability)?;
    let one = one_set(v, catalogue, policy)?;
    let current = developers(&one).max(1);
    let per_developer = work(
        1,
        one.months.len() as u32,
        one.scenario.uncertainty.draws,
        1,
    );
    let fits = MAX_WORK / (per_developer.max(1) * MAX_RUNS as u64);
    let high = (current * 16).min(fits).min(u64::from(u32::MAX)) as f64;
    if high < 1.0 {
        return Err(SolveError(format!(
            "even one developer over {} runs asks for more than {MAX_WORK} developer-months × draws",
            MAX_RUNS
        )));
    }
    let runs = Runs::new(on_run);
    let eval = |x: f64| match first_year(v, catalogue, policy, &|s| s.scale_developers(x as u32)) {
        Ok(run) => point(x, &runs.year(&run), Some(budget_usd)),
        Err(_) => unavailable(x),
    };
    let mut xs: Vec<f64> = log_grid(1.0, high.max(1.0))
        .into_iter()
        .map(f64::round)
        .collect();
    xs.dedup();
    let ok = |p: &Point| p.hold_probability >= probability;
    let (curve, at) = largest_passing(&xs, &eval, &ok, true);
    let name = one.policies[0].name.clone();
    let budget = crate::verdict::money(budget_usd);
    let chance = format!("{:.0}%", probability * 100.0);
    let (answer, text) = match at.map(|i| &curve[i]) {
        None => (
            None,
            format!("Even one developer on {name} exceeds {budget} a year more often than {chance} of draws allow."),
        ),
        Some(p) if p.x >= high => (
            Some(p.x),
            format!(
                "At least {} developers on {name} stay within {budget} a year with probability \
                 {:.0}% (at least {chance} asked): that is the most this search tries ({}), so \
                 more may fit.",
                crate::units::format_count(p.x),
                p.hold_probability * 100.0,
                if high < (current * 16) as f64 {
                    "as many as the limit on work allows"
                } else {
                    "16 times the scenario's headcount"
                }
            ),
        ),
        Some(p) => (
            Some(p.x),
            format!(
                "Up to {} developers on {name} stay within {budget} a year with probability \
                 {:.0}% (at least {chance} asked).",
                crate::units::format_count(p.x),
                p.hold_probability * 100.0
            ),
        ),
    };
    Ok(Solution::searched(name, answer, at, curve, text))
}

/// Work a question asks of the page at most [simulated developer-months × draws × runs]: the
/// default scenario's (2,000 developers) 17 runs of twelve months on 50 draws, which take 1–3 s
/// in a browser's worker. A question of fewer runs or a smaller organisation gets more draws, up
/// to the scenario's; a larger organisation fewer, down to [`PAGE_MIN_DRAWS`].
pub const PAGE_WORK: u64 = 2_000 * 12 * 50 * MAX_RUNS as u64;

/// The fewest draws per candidate the page asks a question on (unless the scenario has fewer, or
/// the limit on work allows fewer).
pub const PAGE_MIN_DRAWS: u32 = 20;

/// A question for the solver, its typed figures read ([`read_field`]): what the page's
/// "What should we set?" and `burnrate solve` ask.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Question {
    /// The annual budget that holds with `probability` [fraction] ([`budget`]).
    Budget {
        /// How likely the budget is to hold [fraction].
        probability: f64,
    },
    /// The most generous `lever` that keeps P90 annual spend within `target_usd` [USD / year]
    /// while suppressing at most `max_suppressed` of productive demand [fraction] ([`lever`]).
    Cap {
        /// The lever set.
        lever: Lever,
        /// P90 annual spend at most [USD / year].
        target_usd: f64,
        /// Productive demand suppressed at most [fraction].
        max_suppressed: f64,
    },
    /// The headcount whose annual spend stays within `budget_usd` [USD / year] with
    /// `probability` [fraction] ([`headcount`]).
    Headcount {
        /// The annual budget [USD / year].
        budget_usd: f64,
        /// How likely the budget is to hold [fraction].
        probability: f64,
    },
}

/// The answer to a [`Question`]: the solution and how its curve is shown ([`table`]'s
/// `header`, `count` and `holds`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The solver's answer and curve.
    pub solution: Solution,
    /// The header of the lever's column.
    pub header: String,
    /// Whether the lever is a count (a headcount) rather than dollars.
    pub count: bool,
    /// Whether the question is about a budget holding.
    pub holds: bool,
    /// Draws per candidate it was answered on.
    pub draws: u32,
    /// The seed of every candidate's random streams.
    pub seed: u64,
}

impl Answer {
    /// What the answer was computed on, in words: runs, draws, seed and months.
    pub fn computed_on(&self) -> String {
        let runs = match self.solution.runs {
            1 => "1 run".to_string(),
            n => format!("{n} runs"),
        };
        format!(
            "{runs} of {} draws on seed {}; annual spend is the first twelve months.",
            self.draws, self.seed
        )
    }
}

impl Question {
    /// The most runs answering it takes.
    pub fn most_runs(self) -> usize {
        match self {
            Question::Budget { .. } => 1,
            Question::Cap { .. } | Question::Headcount { .. } => MAX_RUNS,
        }
    }

    /// Answers the question on policy set `policy` of `v` (validated against `catalogue`), as
    /// the page asks it: on as many of the scenario's draws per candidate as [`PAGE_WORK`]
    /// allows ([`Question::page_draws`]); `on_run` is told how many runs are done after each.
    pub fn answer(
        self,
        v: &ValidScenario,
        catalogue: &Catalogue,
        policy: usize,
        on_run: &dyn Fn(usize),
    ) -> Result<Answer, SolveError> {
        let mut v = v.clone();
        v.scenario.uncertainty.draws = self.page_draws(&v);
        self.solve(&v, catalogue, policy, on_run)
    }

    /// The draws per candidate the page asks this question of `v` on: as many as keep its runs
    /// within [`PAGE_WORK`], at least [`PAGE_MIN_DRAWS`], at most the scenario's, and at most as
    /// many as keep them within the limit on work, [`MAX_WORK`] (at least 1).
    pub fn page_draws(self, v: &ValidScenario) -> u32 {
        let months = v.months.len().min(YEAR) as u32;
        let draws_within = |limit: u64, developers: u64| {
            let per_draw = work(developers, months, 1, self.most_runs()).max(1);
            u32::try_from(limit / per_draw).unwrap_or(u32::MAX)
        };
        let all = developers(v);
        let simulated = sim::sampling(v).simulated(all);
        draws_within(PAGE_WORK, simulated)
            .max(PAGE_MIN_DRAWS)
            .min(v.scenario.uncertainty.draws)
            .min(draws_within(MAX_WORK, all).max(1))
    }

    /// Answers the question on policy set `policy` of `v` (validated against `catalogue`), on
    /// the scenario's own draws per candidate; `on_run` is told how many runs are done after
    /// each.
    pub fn solve(
        self,
        v: &ValidScenario,
        catalogue: &Catalogue,
        policy: usize,
        on_run: &dyn Fn(usize),
    ) -> Result<Answer, SolveError> {
        let (solution, header, count, holds) = match self {
            Question::Budget { probability } => (
                budget(v, catalogue, policy, probability, on_run)?,
                "Annual budget".to_string(),
                false,
                true,
            ),
            Question::Cap {
                lever: l,
                target_usd,
                max_suppressed,
            } => (
                lever(v, catalogue, policy, l, target_usd, max_suppressed, on_run)?,
                l.heading().to_string(),
                false,
                false,
            ),
            Question::Headcount {
                budget_usd,
                probability,
            } => (
                headcount(v, catalogue, policy, budget_usd, probability, on_run)?,
                "Developers".to_string(),
                true,
                true,
            ),
        };
        Ok(Answer {
            solution,
            header,
            count,
            holds,
            draws: v.scenario.uncertainty.draws,
            seed: v.scenario.uncertainty.seed,
        })
    }
}

/// The curve as a table: the lever's values under `header` (counts when `count`, else dollars,
/// to the cent when whole dollars would show two rows alike), P50 and P90 annual spend,
/// suppressed demand, useful deployments and, when the question is about a budget (`holds`),
/// the share of draws within it; and the row of the answer, if any.
pub fn table(
    s: &Solution,
    header: &str,
    count: bool,
    holds: bool,
) -> (crate::view::Table, Option<usize>) {
    let money = crate::verdict::money;
    let cell = |v: Option<f64>| v.map_or("n/a".to_string(), money);
    let mut headers = [
        header,
        "Annual spend P50",
        "Annual spend P90",
        "Demand suppressed",
        "Useful deployments",
    ]
    .map(String::from)
    .to_vec();
    if holds {
        headers.push("Within budget".into());
    }
    let mut levers: Vec<String> = s
        .curve
        .iter()
        .map(|p| {
            if count {
                crate::units::format_count(p.x)
            } else {
                money(p.x)
            }
        })
        .collect();
    if !count && levers.windows(2).any(|w| w[0] == w[1]) {
        levers = s
            .curve
            .iter()
            .map(|p| crate::units::format_usd(p.x, 2))
            .collect();
    }
    let rows = s
        .curve
        .iter()
        .zip(levers)
        .map(|(p, lever)| {
            let mut row = vec![
                lever,
                cell(p.annual_spend_usd.p50),
                cell(p.annual_spend_usd.p90),
                format!("{:.1}%", p.suppressed_share * 100.0),
                crate::units::format_count(p.useful_deployments),
            ];
            if holds {
                row.push(format!("{:.0}%", p.hold_probability * 100.0));
            }
            row
        })
        .collect();
    let at =
        s.at.as_ref()
            .and_then(|a| s.curve.iter().position(|p| p.x == a.x));
    (crate::view::Table { headers, rows }, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn scenario(developers: u32, draws: u32) -> ValidScenario {
        let mut s = Scenario::default();
        s.scale_developers(developers);
        s.months = 12;
        s.uncertainty.draws = draws;
        s.validate(&Catalogue::builtin()).unwrap()
    }

    /// The per-user monthly budget [`lever`] on the built-in prices, answered.
    fn monthly_budget(
        v: &ValidScenario,
        policy: usize,
        target_usd: f64,
        max_suppressed: f64,
    ) -> Solution {
        let prices = Catalogue::builtin();
        lever(
            v,
            &prices,
            policy,
            Lever::MonthlyBudget,
            target_usd,
            max_suppressed,
            &|_| {},
        )
        .unwrap()
    }

    #[test]
    fn a_budget_at_the_p90_of_annual_spend_holds_nine_times_in_ten() {
        let v = scenario(200, 20);
        let s = budget(&v, &Catalogue::builtin(), 0, 0.9, &|_| {}).unwrap();
        let at = s.at.clone().unwrap();
        assert_eq!(at.hold_probability, 0.9);
        let p90 = at.annual_spend_usd.p90.unwrap();
        let answer = s.answer.unwrap();
        assert!(answer <= p90, "{answer} ≤ {p90}");
        let again = point(
            p90,
            &simulate_year(&one_set(&v, &Catalogue::builtin(), 0).unwrap()),
            Some(p90),
        );
        assert!((again.hold_probability - 0.9).abs() <= 0.05 + 1e-12);
        assert_eq!(
            budget(&v, &Catalogue::builtin(), 0, 0.9, &|_| {}).unwrap(),
            s,
            "same seed, same answer"
        );
        let probabilities: Vec<f64> = s.curve.iter().map(|p| p.hold_probability).collect();
        assert!(probabilities.windows(2).all(|w| w[0] <= w[1]));
        assert!(s.text.contains("with probability 90% (18 of 20 draws)"));
        assert!(budget(&v, &Catalogue::builtin(), 0, 0.0, &|_| {}).is_err());
        assert!(budget(&v, &Catalogue::builtin(), 7, 0.9, &|_| {}).is_err());
    }

    #[test]
    fn the_page_asks_on_the_draws_its_work_allows_and_the_cli_on_the_scenarios() {
        let catalogue = Catalogue::builtin();
        let budget_question = Question::Budget { probability: 0.8 };
        // 1,000 developers × 12 months × 2,000 draws is more work than the page asks for: it
        // runs 1,700 draws.
        let v = scenario(1_000, 2_000);
        assert_eq!(budget_question.page_draws(&v), 1_700);
        let mut fewer = v.clone();
        fewer.scenario.uncertainty.draws = 1_700;
        let a = budget_question.answer(&v, &catalogue, 1, &|_| {}).unwrap();
        assert_eq!(
            a.solution,
            budget(&fewer, &catalogue, 1, 0.8, &|_| {}).unwrap()
        );
        assert_eq!((a.draws, a.seed), (1_700, v.scenario.uncertainty.seed));
        assert_eq!(
            a.computed_on(),
            "1 run of 1700 draws on seed 42; annual spend is the first twelve months."
        );
        let asked = budget_question.solve(&v, &catalogue, 1, &|_| {}).unwrap();
        assert_eq!(
            asked.solution,
            budget(&v, &catalogue, 1, 0.8, &|_| {}).unwrap(),
            "the CLI's question runs the scenario's draws"
        );
        assert_eq!(asked.draws, 2_000);
        assert_ne!(asked.solution, a.solution);
        assert_eq!(
            (a.header.as_str(), a.count, a.holds),
            ("Annual budget", false, true)
        );
        // A small organisation's questions run on all its draws.
        let v = scenario(150, 40);
        let fewer = v.clone();
        let cap = Question::Cap {
            lever: Lever::MonthlyBudget,
            target_usd: 500_000.0,
            max_suppressed: 0.2,
        };
        let a = cap.answer(&v, &catalogue, 0, &|_| {}).unwrap();
        let direct = lever(
            &fewer,
            &catalogue,
            0,
            Lever::MonthlyBudget,
            500_000.0,
            0.2,
            &|_| {},
        );
        assert_eq!(a.solution, direct.unwrap());
        assert_eq!(a.header, "Per-user monthly budget");
        assert!(!a.count && !a.holds);
        let run_cap = Question::Cap {
            lever: Lever::RunCap,
            target_usd: 500_000.0,
            max_suppressed: 0.2,
        };
        assert_eq!(
            run_cap.answer(&v, &catalogue, 0, &|_| {}).unwrap().header,
            "Per-run cap"
        );
        let heads = Question::Headcount {
            budget_usd: 400_000.0,
            probability: 0.9,
        };
        let a = heads.answer(&v, &catalogue, 0, &|_| {}).unwrap();
        let direct = headcount(&fewer, &catalogue, 0, 400_000.0, 0.9, &|_| {}).unwrap();
        assert_eq!(a.solution, direct);
        assert!(a.count && a.holds);
        let e = Question::Budget { probability: 0.9 }
            .answer(&v, &catalogue, 9, &|_| {})
            .unwrap_err();
        assert!(e.to_string().contains("policy set"), "{e}");
    }

    #[test]
    fn a_monthly_budget_trades_spend_for_suppressed_demand() {
        let v = scenario(120, 6);
        let free = budget(&v, &Catalogue::builtin(), 1, 0.9, &|_| {})
            .unwrap()
            .at
            .unwrap();
        let p90 = free.annual_spend_usd.p90.unwrap();
        let s = monthly_budget(&v, 1, p90 * 0.7, 1.0);
        let cap = s.answer.unwrap();
        let at = s.at.clone().unwrap();
        assert!(at.annual_spend_usd.p90.unwrap() <= p90 * 0.7);
        assert!(at.suppressed_share > 0.0);
        assert!(s.runs <= MAX_RUNS && s.curve.len() == s.runs);
        let xs: Vec<f64> = s.curve.iter().map(|p| p.x).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
        let next = s.curve.iter().find(|p| p.x > cap).unwrap();
        assert!(next.annual_spend_usd.p90.unwrap() > p90 * 0.7);
        assert_eq!(monthly_budget(&v, 1, p90 * 0.7, 1.0), s);
        let strict = monthly_budget(&v, 1, p90 * 0.7, 0.0);
        assert_eq!(strict.answer, None);
        assert!(strict.text.contains("more than the 0% allowed"));
        let none = monthly_budget(&v, 1, 1.0, 1.0);
        assert!(none.answer.is_none() && none.text.starts_with("No per-user monthly budget"));
    }

    #[test]
    fn the_headcount_that_fits_is_near_the_scenarios_own_at_its_spend() {
        let v = scenario(100, 6);
        let spend = budget(&v, &Catalogue::builtin(), 0, 0.9, &|_| {})
            .unwrap()
            .answer
            .unwrap();
        let s = headcount(&v, &Catalogue::builtin(), 0, spend, 0.9, &|_| {}).unwrap();
        let n = s.answer.unwrap();
        assert!((80.0..=125.0).contains(&n), "{n}");
        assert!(s.at.unwrap().hold_probability >= 0.9);
        assert!(s.text.starts_with("Up to "), "{}", s.text);
    }

    #[test]
    fn an_answer_at_the_top_of_the_search_says_more_may_fit() {
        let v = scenario(50, 4);
        let s = headcount(&v, &Catalogue::builtin(), 0, 1e12, 0.9, &|_| {}).unwrap();
        assert_eq!(s.answer, Some(800.0), "16 times the headcount");
        assert!(
            s.text.starts_with("At least 800 developers")
                && s.text.contains("the most this search tries (16 times the scenario's headcount), so more may fit"),
            "{}",
            s.text
        );
        let (_, high) = Lever::MonthlyBudget.range();
        let l = monthly_budget(&v, 0, 1e12, 1.0);
        assert_eq!(l.answer, Some(high));
        assert!(
            l.text
                .starts_with("Even the most generous per-user monthly budget searched"),
            "{}",
            l.text
        );
    }

    #[test]
    fn the_curve_table_marks_the_answer() {
        let v = scenario(60, 4);
        let s = budget(&v, &Catalogue::builtin(), 0, 0.5, &|_| {}).unwrap();
        let (t, at) = table(&s, "Annual budget", false, true);
        assert_eq!(t.headers.len(), 6);
        assert_eq!(t.rows.len(), s.curve.len());
        assert_eq!(at, Some(0), "the 50% budget is the curve's first point");
        assert!(t.rows.iter().all(|r| r.len() == 6 && r[0].starts_with('$')));
        assert_eq!(t.rows[0][5], "50%");
        let (cap, _) = table(&s, "Cap", false, false);
        assert_eq!(
            cap.headers.len(),
            5,
            "no share within a budget where none is asked"
        );
        assert!(cap.rows.iter().all(|r| r.len() == 5));
    }

    #[test]
    fn levers_that_round_alike_are_shown_to_the_cent() {
        let v = scenario(60, 4);
        let mut s = budget(&v, &Catalogue::builtin(), 0, 0.5, &|_| {}).unwrap();
        s.curve.truncate(2);
        s.curve[0].x = 151.62;
        s.curve[1].x = 152.38;
        let (t, _) = table(&s, "Per-user monthly budget", false, false);
        assert_eq!(
            (t.rows[0][0].as_str(), t.rows[1][0].as_str()),
            ("$151.62", "$152.38")
        );
        s.curve[1].x = 170.0;
        let (t, _) = table(&s, "Per-user monthly budget", false, false);
        assert_eq!(
            (t.rows[0][0].as_str(), t.rows[1][0].as_str()),
            ("$152", "$170")
        );
    }

    #[test]
    fn numbers_out_of_range_are_refused_naming_the_field() {
        let read = |text, kind| read_field(text, "Probability it holds (%)", kind).map_err(|e| e.0);
        assert_eq!(read(" 90 % ", Typed::Percent { min: 1 }), Ok(0.9));
        assert_eq!(read("$2,400,000", Typed::Usd), Ok(2_400_000.0));
        assert_eq!(
            read("150", Typed::Percent { min: 1 }),
            Err("Probability it holds (%): 150 is above 100 (allowed 1 – 100 %).".into())
        );
        assert_eq!(
            read("", Typed::Percent { min: 1 }),
            Err("Probability it holds (%): \"\" is not a number (allowed 1 – 100 %).".into())
        );
        let usd = read("-5", Typed::Usd).unwrap_err();
        assert!(usd.contains("-5 is below 1 (allowed 1 – "), "{usd}");
        assert!(read("1e30", Typed::Usd).unwrap_err().contains("is above"));
        assert!(read("NaN", Typed::Usd)
            .unwrap_err()
            .contains("is not a number"));

        let v = scenario(20, 2);
        let c = Catalogue::builtin();
        let refused = |r: Result<Solution, SolveError>| r.unwrap_err().0;
        assert!(refused(budget(&v, &c, 0, 1.5, &|_| {}))
            .starts_with("Probability it holds: 150 % is above 100 %"));
        assert!(refused(headcount(&v, &c, 0, 1e6, 0.0, &|_| {}))
            .starts_with("Probability it holds: 0 % is below 1 %"));
        assert!(refused(headcount(&v, &c, 0, -5.0, 0.9, &|_| {}))
            .starts_with("Annual budget: -5 is below 1"));
        let nan = refused(lever(&v, &c, 0, Lever::RunCap, f64::NAN, 0.1, &|_| {}));
        assert!(
            nan.starts_with("P90 annual spend at most: not a number (allowed 1 – "),
            "{nan}"
        );
        assert!(refused(lever(&v, &c, 0, Lever::RunCap, 1e6, 2.0, &|_| {}))
            .starts_with("Productive demand suppressed at most: 200 % is above 100 %"));
    }

    #[test]
    fn work_beyond_the_limit_is_refused() {
        // One run of 20,000 developers × 12 months × 2,000 draws is within the limit; the 17
        // runs of a lever question are not.
        let v = scenario(20_000, 2_000);
        let e = lever(
            &v,
            &Catalogue::builtin(),
            0,
            Lever::RunCap,
            1e6,
            0.5,
            &|_| {},
        )
        .unwrap_err();
        assert!(e.0.contains("the limit on work"), "{e}");
        assert!(e.0.contains("use at most 490 draws"), "{e}");
        let mut invalid = scenario(100, 6);
        invalid.scenario.uncertainty.draws = 4_000_000;
        let e = budget(&invalid, &Catalogue::builtin(), 0, 0.9, &|_| {}).unwrap_err();
        assert!(e.0.contains("uncertainty.draws"), "{e}");
        // The page asks a large organisation on as few draws as it allows, and on fewer still
        // rather than be refused: at 1,000,000 developers, 9 fit the lever's 17 runs.
        let cap = Question::Cap {
            lever: Lever::RunCap,
            target_usd: 1e6,
            max_suppressed: 0.5,
        };
        assert_eq!(cap.page_draws(&v), PAGE_MIN_DRAWS);
        let large = scenario(1_000_000, 40);
        assert_eq!(cap.page_draws(&large), 9);
        assert_eq!(
            Question::Budget { probability: 0.9 }.page_draws(&large),
            34,
            "a single run of a 50,000-developer sample on the page's work"
        );
        let mut at_most = large.clone();
        at_most.scenario.uncertainty.draws = cap.page_draws(&large);
        check_work(
            &one_set(&at_most, &Catalogue::builtin(), 0).unwrap(),
            MAX_RUNS,
        )
        .unwrap();
        at_most.scenario.uncertainty.draws += 1;
        assert!(check_work(
            &one_set(&at_most, &Catalogue::builtin(), 0).unwrap(),
            MAX_RUNS
        )
        .is_err());
    }
}
