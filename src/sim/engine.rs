//! One Monte Carlo draw: every policy set stepped month by month on the same population and the
//! same per-month random numbers.
//!
//! Each month, for each policy set, [`Context::step`] runs the phases in order: adoption
//! ([`super::adopt`]), then for each adopter demand ([`super::demand`]), the per-run cap and
//! per-user budget ([`super::controls`]) and output ([`super::output`]); leaderboard gaming
//! ([`super::gaming`]); the sums per cost centre ([`super::sums`]) metered by a seat plan and
//! billed ([`super::billing`]); deployments and the organisation's row; spend by model; and
//! the annual budget.

use super::adopt::Adoption;
use super::controls::{self, AnnualSpend};
use super::demand::{self, Driver, Levers};
use super::quantity::{Quantity, Row, QUANTITIES};
use super::sums::{Adder, AdopterMonth};
use super::table::Table;
use super::{billing, gaming, output, sums, weighted};
use crate::adoption::learning_ramp;
use crate::caps::CapTable;
use crate::leaderboard::{BoardState, Play, Player};
use crate::population::Population;
use crate::pricing::PlanMonth;
use crate::sampling::Sampling;
use crate::scenario::rules::InForce;
use crate::scenario::{Params, PolicyModel, ValidScenario};
use crate::streams;
use rand::Rng;

/// One policy set's results in one draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDraw {
    /// [`Quantity`] sums per month and cost centre, then for the organisation.
    pub rows: Table<Row>,
    /// Token spend by model per month and cost centre, then for the organisation [USD],
    /// indexed by model.
    pub by_model: Table<Vec<f64>>,
    /// Share of horizon token spend by the top 10% of developers who spent anything.
    pub top10_share: f64,
    /// Share of the last month's agentic token spend by the top 10% of that month's agentic
    /// users.
    pub final_top10_share: f64,
    /// Lorenz curve of the last month's agentic spend: the share held by the lowest 10%, 20%,
    /// …, 100% of agentic users.
    pub final_lorenz: [f64; 10],
    /// First month index in which spend reached the annual budget.
    pub(crate) budget_exhausted: Option<u32>,
    /// The heaviest user-months of the horizon.
    pub heaviest: sums::Heaviest,
}

/// Every policy set's results in one draw.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawResult {
    /// One per policy set, in scenario order.
    pub policies: Vec<PolicyDraw>,
}

/// The first stream of the per-month uniforms.
const MONTH_STREAM_BASE: u64 = 1 << 32;

/// Per-developer uniforms of one month, shared by every policy set.
struct MonthDraws {
    game: Vec<f64>,
    split: Vec<f64>,
    churn: Vec<f64>,
}

/// Everything a policy set carries from month to month.
struct PolicyState {
    adoption: Adoption,
    board: BoardState,
    annual: AnnualSpend,
    concentration: sums::Concentration,
}

/// Per-developer values of the current month, reused between policy sets.
#[derive(Default)]
pub(super) struct Scratch {
    pub(crate) productive: Vec<f64>,
    pub shipped: Vec<f64>,
    pub unshipped: Vec<f64>,
    pub(crate) killed: Vec<f64>,
    pub(crate) suppressed: Vec<f64>,
    pub output: Vec<f64>,
    pub capped: Vec<bool>,
    pub agentic: Vec<bool>,
    pub extra: Vec<f64>,
    pub split: Vec<f64>,
    pub(crate) gamed: Vec<bool>,
    pub(crate) players: Vec<Player>,
    pub(crate) player_index: Vec<u32>,
    pub(crate) plays: Vec<Play>,
    pub(crate) order_keys: Vec<i64>,
}

impl Scratch {
    /// Keeps adopter `i`'s month for the gaming and sums phases.
    fn keep(&mut self, i: usize, d: &AdopterMonth) {
        self.productive[i] = d.productive;
        self.shipped[i] = d.shipped;
        self.unshipped[i] = d.unshipped;
        self.killed[i] = d.killed;
        self.suppressed[i] = d.suppressed;
        self.output[i] = d.output;
        self.capped[i] = d.capped;
        self.agentic[i] = d.agentic;
        self.extra[i] = d.extra;
        self.split[i] = d.split;
        self.gamed[i] = d.gamed;
    }

    /// Sizes the per-developer values for `n` developers.
    fn resize(&mut self, n: usize) {
        if self.productive.len() == n {
            return;
        }
        self.productive = vec![0.0; n];
        self.shipped = vec![0.0; n];
        self.unshipped = vec![0.0; n];
        self.killed = vec![0.0; n];
        self.suppressed = vec![0.0; n];
        self.output = vec![0.0; n];
        self.capped = vec![false; n];
        self.agentic = vec![false; n];
        self.extra = vec![0.0; n];
        self.split = vec![0.0; n];
        self.gamed = vec![false; n];
    }
}

/// Runs every policy set of draw `draw` with parameters `p` on the developers `sampling` says.
pub(crate) fn run_draw(v: &ValidScenario, p: &Params, draw: u32, sampling: Sampling) -> DrawResult {
    let pop = Population::draw(v, p, draw, sampling);
    let n = pop.len();
    let months = v.months.len();
    let ncc = v.cost_centres.len();
    let beta = p.output.elasticity;
    let ramp: Vec<f64> = (0..months as u32)
        .map(|k| learning_ramp(k, p.adoption.ramp_floor, p.adoption.ramp_months))
        .collect();
    let ramp_pow: Vec<f64> = ramp.iter().map(|r| libm::pow(*r, beta)).collect();
    let median = pop.median_demand.max(f64::MIN_POSITIVE);
    let demand_pow: Vec<f64> = pop
        .demand
        .iter()
        .map(|d| libm::pow(d / median, beta))
        .collect();
    // Completion-only demand is a quantity of tokens too, calibrated like agentic demand.
    let completion_tokens = p.usage.completion_usd / v.reference_usd_per_token;
    let completion_pow = libm::pow(completion_tokens / median, beta);
    let mut baseline_cc = vec![0.0; ncc];
    let mut headcount_cc = vec![0.0; ncc];
    for i in 0..n {
        let cc = v.teams[pop.team[i] as usize].cost_centre;
        baseline_cc[cc] += pop.baseline[i] * pop.weight[i];
        headcount_cc[cc] += pop.weight[i];
    }
    let cap_table = v
        .policies
        .iter()
        .any(|pm| pm.run_cap.is_some())
        .then(|| CapTable::new(p.runs.sigma_run));

    let mut states: Vec<PolicyState> = v
        .policies
        .iter()
        .map(|_| PolicyState {
            adoption: Adoption::new(n),
            board: BoardState::default(),
            annual: AnnualSpend::default(),
            concentration: sums::Concentration {
                per_developer: vec![0.0; n],
                last_month: Vec::new(),
                last_month_weight: Vec::new(),
                month: (Vec::new(), Vec::new()),
                month_weight: Vec::new(),
                heaviest: sums::Heaviest::default(),
            },
        })
        .collect();
    let nmodels = v.models.len();
    let mut results: Vec<PolicyDraw> = v
        .policies
        .iter()
        .map(|_| PolicyDraw {
            rows: Table::new(months, ncc, [0.0; QUANTITIES]),
            by_model: Table::new(months, ncc, vec![0.0; nmodels]),
            top10_share: 0.0,
            final_top10_share: 0.0,
            final_lorenz: [0.0; 10],
            budget_exhausted: None,
            heaviest: sums::Heaviest::default(),
        })
        .collect();
    let mut draws = MonthDraws {
        game: vec![0.0; n],
        split: vec![0.0; n],
        churn: vec![0.0; n],
    };
    let mut scratch = Scratch::default();
    let ctx = Context {
        v,
        p,
        pop: &pop,
        ramp: &ramp,
        ramp_pow: &ramp_pow,
        demand_pow: &demand_pow,
        completion_tokens,
        completion_pow,
        baseline_cc: &baseline_cc,
        headcount_cc: &headcount_cc,
        cap_table: cap_table.as_ref(),
    };
    for t in 0..months as u32 {
        let needs_draws = p.adoption.churn > 0.0
            || v.policies
                .iter()
                .any(|pm| pm.leaderboard_in_force(t).is_some());
        if needs_draws {
            let stream = MONTH_STREAM_BASE + u64::from(draw) * 4096 + u64::from(t);
            let mut rng = streams::stream(v.scenario.uncertainty.seed, stream);
            for i in 0..n {
                draws.game[i] = rng.random();
                draws.split[i] = rng.random();
                draws.churn[i] = rng.random();
            }
        }
        for (k, pm) in v.policies.iter().enumerate() {
            ctx.step(pm, t, &mut states[k], &draws, &mut scratch, &mut results[k]);
        }
    }
    for (state, result) in states.iter_mut().zip(&mut results) {
        concentration(&pop, state, result);
    }
    DrawResult { policies: results }
}

/// The concentration of a policy set's spend over the horizon and in the last month, weighted
/// for a sample; and the month the annual budget ran out.
fn concentration(pop: &Population, state: &mut PolicyState, result: &mut PolicyDraw) {
    let c = &mut state.concentration;
    if pop.sampled {
        let (spent, weights): (Vec<f64>, Vec<f64>) = (c.per_developer.iter().copied())
            .zip(pop.weight.iter().copied())
            .filter(|&(s, _)| s > 0.0)
            .unzip();
        result.top10_share = weighted::top_decile_share(&spent, &weights);
        result.final_top10_share = weighted::top_decile_share(&c.last_month, &c.last_month_weight);
        result.final_lorenz = weighted::lorenz_deciles(&c.last_month, &c.last_month_weight);
    } else {
        let mut spent: Vec<f64> = c
            .per_developer
            .iter()
            .copied()
            .filter(|&s| s > 0.0)
            .collect();
        result.top10_share = crate::stats::top_decile_share(&mut spent);
        result.final_top10_share = crate::stats::top_decile_share(&mut c.last_month);
        result.final_lorenz = crate::stats::lorenz_deciles(&mut c.last_month);
    }
    result.heaviest = c.heaviest;
    result.budget_exhausted = state.annual.exhausted;
}

/// What every policy set of a draw shares.
struct Context<'a> {
    v: &'a ValidScenario,
    p: &'a Params,
    pop: &'a Population,
    /// Learning ramp by months since adoption [fraction].
    ramp: &'a [f64],
    ramp_pow: &'a [f64],
    /// `(demand / median demand)^β` per developer.
    demand_pow: &'a [f64],
    /// Demand of a completion-only user at full ramp [tokens / month].
    completion_tokens: f64,
    completion_pow: f64,
    /// Baseline changes per cost centre [changes].
    baseline_cc: &'a [f64],
    headcount_cc: &'a [f64],
    cap_table: Option<&'a CapTable>,
}

impl Context<'_> {
    /// Steps policy set `pm` through month `t`, phase by phase.
    fn step(
        &self,
        pm: &PolicyModel,
        t: u32,
        st: &mut PolicyState,
        draws: &MonthDraws,
        s: &mut Scratch,
        out: &mut PolicyDraw,
    ) {
        let (v, p) = (self.v, self.p);
        let ncc = v.cost_centres.len();
        let ti = t as usize;
        let rules = pm.in_force(t);
        st.adoption
            .month(&p.adoption, &rules, self.pop, t, &draws.churn);
        let levers = Levers::new(&p.effects, p.output.elasticity, &rules, ncc);
        let due = billing::commitment_due(v, &out.rows, ti);
        let rows = out.rows.month_mut(ti);
        let mut plan = pm.plan.as_ref().map(|sp| PlanMonth::new(&sp.plan, ncc));
        let mut sums = if rules.leaderboard.is_some() {
            // Gaming needs every player's month before anyone's is added up.
            self.adopters(&rules, &levers, t, &st.adoption, draws, s, None);
            gaming::month(rules.leaderboard, &mut st.board, p, &self.pop.baseline, s);
            let adopted_at = &st.adoption.adopted_at;
            let concentration = &mut st.concentration;
            sums::adopters(
                v,
                self.pop,
                adopted_at,
                s,
                plan.as_mut(),
                rows,
                concentration,
                ti,
            )
        } else {
            // No board: each adopter's month is added up as soon as it is known.
            st.board.reset();
            let concentration = &mut st.concentration;
            let mut adder = Adder::new(v, self.pop, plan.as_mut(), rows, concentration, ti);
            self.adopters(&rules, &levers, t, &st.adoption, draws, s, Some(&mut adder));
            adder.finish()
        };
        let seat_plan = pm.plan.as_ref().zip(plan.as_mut());
        if let Some(metered) = seat_plan {
            billing::settle_pool(rows, metered, self.headcount_cc);
        }
        let discount = billing::discounts(v, &sums.team_spend, ti);
        let plan_rate = v.agreement.plan_rate(pm);
        let seat_plan = pm.plan.as_ref().zip(plan.as_ref());
        billing::centres(rows, seat_plan, self.headcount_cc, &discount, plan_rate);
        sums::centre_deployments(rows, &mut sums, self.baseline_cc, &p.output);

        let (cost_centres, org) = rows.split_at_mut(ncc);
        let org = &mut org[0];
        *org = sums::organisation(cost_centres, &sums, &p.output);
        if let Some(due) = due {
            billing::commitment(due, cost_centres, org);
        }
        sums::by_model(v, &sums.team_spend, ti, out.by_model.month_mut(ti));
        if let Some(b) = &pm.annual_budget {
            let spend = org[Quantity::Spend.index()];
            org[Quantity::BudgetCumulative.index()] = st.annual.month(b, t, spend);
        }
    }

    /// Each adopter's use and output of month `t` before gaming: added up by `adder` when there
    /// is one, else kept in `s`, where the agentic adopters become the leaderboard's players
    /// when one is in force.
    #[allow(clippy::too_many_arguments)]
    fn adopters(
        &self,
        rules: &InForce,
        levers: &Levers,
        t: u32,
        adoption: &Adoption,
        draws: &MonthDraws,
        s: &mut Scratch,
        mut adder: Option<&mut Adder>,
    ) {
        let (v, p, pop) = (self.v, self.p, self.pop);
        let runs = p.usage.active_days * p.runs.runs_per_day;
        let run_cap = rules.run_cap.zip(self.cap_table);
        s.resize(pop.len());
        s.players.clear();
        s.player_index.clear();
        let ti = t as usize;
        for (i, &since) in adoption.adopted_at.iter().enumerate() {
            if since < 0 {
                continue;
            }
            let k = (t as i32 - since) as usize;
            let tm = &v.teams[pop.team[i] as usize];
            let cc = tm.cost_centre;
            let agentic =
                pop.agentic[i] < (tm.agentic_share + p.usage.agentic_growth * k as f64).min(1.0);
            let (tokens, tokens_pow) = if agentic {
                (pop.demand[i], self.demand_pow[i])
            } else {
                (self.completion_tokens, self.completion_pow)
            };
            let driver = Driver {
                tokens,
                tokens_pow,
                agentic,
                ramp: self.ramp[k],
                ramp_pow: self.ramp_pow[k],
                usd_per_token: tm.usd_per_token[ti],
            };
            let mut u = demand::adopter(&driver, levers, cc, p.output.unshipped_share);
            if let (Some((cap, table)), true) = (run_cap, agentic) {
                let (resume, beta) = (p.runs.resume_share, p.output.elasticity);
                controls::run_cap(&mut u, table, cap.usd_per_run, runs, resume, beta);
            }
            if let Some(b) = rules.user_budget {
                let days = p.usage.active_days;
                controls::user_budget(&mut u, b, pop.exception[i], days, p.output.elasticity);
            }
            let month = AdopterMonth {
                productive: u.productive,
                shipped: u.shipped,
                unshipped: u.unshipped,
                killed: u.killed,
                suppressed: u.suppressed,
                output: output::with_ai(pop.baseline[i], &u, &p.output),
                capped: u.capped,
                agentic,
                extra: 0.0,
                split: 0.0,
                gamed: false,
            };
            if let Some(adder) = adder.as_deref_mut() {
                adder.add(i, &month);
                continue;
            }
            s.keep(i, &month);
            if rules.leaderboard.is_some() && agentic {
                s.players.push(Player {
                    score: u.productive,
                    output: month.output,
                    propensity: pop.propensity[i],
                    headroom: u.headroom,
                    restraint: levers.restraint(cc),
                    u_game: draws.game[i],
                    u_split: draws.split[i],
                    weight: pop.weight[i],
                });
                s.player_index.push(i as u32);
            }
        }
    }
}
