//! One Monte Carlo draw: every policy set stepped month by month on the same population and the
//! same per-month random numbers.
//!
//! Each month, for each policy set: adoption (exact Bass step, mandate, leaderboard push, churn),
//! then each adopter's productive demand (learning ramp, team price in force, showback /
//! chargeback, ticket friction, unshipped share), per-run caps (limited expected value), per-user
//! budgets (suppressed demand), leaderboard gaming, output uplift, seat plans and billing, and the
//! sums per cost centre and for the organisation.

use crate::adoption::{bass_step, learning_ramp};
use crate::caps::{user_cap, CapTable};
use crate::leaderboard::{BoardState, Play, Player};
use crate::outcomes::{deployments, OutputSums};
use crate::population::Population;
use crate::pricing::CreditPooling;
use crate::scenario::{
    AccountabilityKind, Metric, Params, PolicyModel, SeatHolders, ValidScenario,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A monthly quantity summed per cost centre (and for the organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Billed spend: API token spend, or seat fees plus overage under a plan, after the
    /// agreement's discounts and commitment [USD].
    Spend,
    /// API-list value of the tokens used [USD].
    TokenSpend,
    /// Seat fees [USD].
    Seats,
    /// Credit overage charges [USD].
    Overage,
    /// Tokens spent on leaderboard gaming [USD].
    WasteGaming,
    /// Tokens spent on work that never ships [USD].
    WasteUnshipped,
    /// Tokens spent on runs killed by a per-run cap and not resumed [USD].
    WasteCapKilled,
    /// Tokens spent on shipped changes that fail and are redone [USD].
    WasteRework,
    /// Useful deployments [changes].
    Useful,
    /// Reported deployments [changes].
    Reported,
    /// Useful deployments without AI [changes].
    Baseline,
    /// Developers [people].
    Headcount,
    /// Developers who have adopted [people].
    Adopters,
    /// Adopters running agents [people].
    Agentic,
    /// Adopters who gamed a leaderboard [people].
    Gamers,
    /// Adopters held back by a per-user budget [people].
    Capped,
    /// Demand blocked by caps, budgets or plans [USD].
    Suppressed,
    /// Spend since the start of the budget year [USD].
    BudgetCumulative,
    /// Token spend of agentic adopters [USD].
    AgenticSpend,
    /// List value of what is billed: token spend at list prices, or a plan's seat fees and
    /// overage at list [USD].
    ListCost,
    /// What is billed after the agreement's discounts, before any commitment true-up [USD].
    EffectiveCost,
    /// Billed above the effective cost to meet a committed spend [USD].
    CommitmentShortfall,
}

/// Number of [`Quantity`] values.
pub const QUANTITIES: usize = 22;

impl Quantity {
    /// Every quantity, in row order.
    pub const ALL: [Quantity; QUANTITIES] = [
        Quantity::Spend,
        Quantity::TokenSpend,
        Quantity::Seats,
        Quantity::Overage,
        Quantity::WasteGaming,
        Quantity::WasteUnshipped,
        Quantity::WasteCapKilled,
        Quantity::WasteRework,
        Quantity::Useful,
        Quantity::Reported,
        Quantity::Baseline,
        Quantity::Headcount,
        Quantity::Adopters,
        Quantity::Agentic,
        Quantity::Gamers,
        Quantity::Capped,
        Quantity::Suppressed,
        Quantity::BudgetCumulative,
        Quantity::AgenticSpend,
        Quantity::ListCost,
        Quantity::EffectiveCost,
        Quantity::CommitmentShortfall,
    ];

    /// Its index in a row.
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// One policy set's results in one draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDraw {
    /// Rows of [`Quantity`] sums, index `month·(cost centres + 1) + cost centre`; the last
    /// cost-centre index is the organisation.
    pub rows: Vec<[f64; QUANTITIES]>,
    /// Token spend by model [USD], index `row·models + model`.
    pub by_model: Vec<f64>,
    /// Share of horizon token spend by the top 10% of developers who spent anything.
    pub top10_share: f64,
    /// Share of the last month's agentic token spend by the top 10% of that month's agentic
    /// users.
    pub final_top10_share: f64,
    /// Lorenz curve of the last month's agentic spend: the share held by the lowest 10%, 20%,
    /// …, 100% of agentic users.
    pub final_lorenz: [f64; 10],
    /// First month index in which spend reached the annual budget.
    pub budget_exhausted: Option<u32>,
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
    adopted_at: Vec<i32>,
    adopted: usize,
    f: f64,
    board: BoardState,
    budget_year: Option<i64>,
    cumulative: f64,
    exhausted: Option<u32>,
    spend_per_dev: Vec<f64>,
    last_month_spend: Vec<f64>,
}

/// Per-developer values of the current month, reused between policy sets.
#[derive(Default)]
struct Scratch {
    productive: Vec<f64>,
    shipped: Vec<f64>,
    unshipped: Vec<f64>,
    killed: Vec<f64>,
    suppressed: Vec<f64>,
    output: Vec<f64>,
    headroom: Vec<f64>,
    capped: Vec<bool>,
    agentic: Vec<bool>,
    extra: Vec<f64>,
    split: Vec<f64>,
    gamed: Vec<bool>,
    players: Vec<Player>,
    player_index: Vec<u32>,
    plays: Vec<Play>,
    sorted: Vec<f64>,
}

/// Runs every policy set of draw `draw` with parameters `p`.
pub fn run_draw(v: &ValidScenario, p: &Params, draw: u32) -> DrawResult {
    let pop = Population::draw(v, p, draw);
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
        baseline_cc[cc] += pop.baseline[i];
        headcount_cc[cc] += 1.0;
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
            adopted_at: vec![-1; n],
            adopted: 0,
            f: 0.0,
            board: BoardState::default(),
            budget_year: None,
            cumulative: 0.0,
            exhausted: None,
            spend_per_dev: vec![0.0; n],
            last_month_spend: Vec::new(),
        })
        .collect();
    let nmodels = v.models.len();
    let mut results: Vec<PolicyDraw> = v
        .policies
        .iter()
        .map(|_| PolicyDraw {
            rows: vec![[0.0; QUANTITIES]; months * (ncc + 1)],
            by_model: vec![0.0; months * (ncc + 1) * nmodels],
            top10_share: 0.0,
            final_top10_share: 0.0,
            final_lorenz: [0.0; 10],
            budget_exhausted: None,
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
            || v.policies.iter().any(|pm| {
                pm.leaderboard
                    .as_ref()
                    .is_some_and(|b| b.0.contains(t) && b.1 != Metric::None)
            });
        if needs_draws {
            let mut rng = ChaCha8Rng::seed_from_u64(v.scenario.uncertainty.seed);
            rng.set_stream(MONTH_STREAM_BASE + u64::from(draw) * 4096 + u64::from(t));
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
        let mut spent: Vec<f64> = state
            .spend_per_dev
            .iter()
            .copied()
            .filter(|&s| s > 0.0)
            .collect();
        result.top10_share = crate::stats::top_decile_share(&mut spent);
        result.final_top10_share = crate::stats::top_decile_share(&mut state.last_month_spend);
        result.final_lorenz = crate::stats::lorenz_deciles(&mut state.last_month_spend);
        result.budget_exhausted = state.exhausted;
    }
    DrawResult { policies: results }
}

/// What every policy set of a draw shares.
struct Context<'a> {
    v: &'a ValidScenario,
    p: &'a Params,
    pop: &'a Population,
    ramp: &'a [f64],
    ramp_pow: &'a [f64],
    demand_pow: &'a [f64],
    /// Demand of a completion-only user at full ramp [tokens / month].
    completion_tokens: f64,
    completion_pow: f64,
    baseline_cc: &'a [f64],
    headcount_cc: &'a [f64],
    cap_table: Option<&'a CapTable>,
}

impl Context<'_> {
    fn step(
        &self,
        pm: &PolicyModel,
        t: u32,
        st: &mut PolicyState,
        draws: &MonthDraws,
        s: &mut Scratch,
        out: &mut PolicyDraw,
    ) {
        let (v, p, pop) = (self.v, self.p, self.pop);
        let n = pop.len();
        let ncc = v.cost_centres.len();

        // Adoption.
        let mandate = pm.mandate.filter(|m| m.0.contains(t));
        let board = pm
            .leaderboard
            .as_ref()
            .filter(|b| b.0.contains(t) && b.1 != Metric::None);
        let push = mandate.map_or(0.0, |m| m.2) + board.map_or(0.0, |_| p.adoption.board_push);
        let market = mandate.map_or(p.adoption.market_potential, |m| m.1);
        if p.adoption.churn > 0.0 {
            for i in 0..n {
                if st.adopted_at[i] >= 0 && draws.churn[i] < p.adoption.churn {
                    st.adopted_at[i] = -1;
                    st.adopted -= 1;
                }
            }
        }
        st.f = bass_step(st.f, p.adoption.p + push, p.adoption.q, 1.0);
        let target = (market * st.f * n as f64).round() as usize;
        let mut need = target.saturating_sub(st.adopted);
        for &i in &pop.adoption_order {
            if need == 0 {
                break;
            }
            let i = i as usize;
            if st.adopted_at[i] < 0 && pop.market[i] < market {
                st.adopted_at[i] = t as i32;
                st.adopted += 1;
                need -= 1;
            }
        }

        // Rules in force this month.
        let run_cap = pm.run_cap.filter(|c| c.0.contains(t)).map(|c| c.1);
        let budget = pm.user_budget.filter(|b| b.0.contains(t)).map(|b| b.1);
        let ticket = pm.ticket_rule.is_some_and(|w| w.contains(t));
        let e = &p.effects;
        let (friction, orphan_cut, game_cut) = if ticket {
            (e.ticket_friction, e.ticket_orphan, e.ticket_game)
        } else {
            (0.0, 0.0, 0.0)
        };
        let mut c_prod = vec![0.0; ncc];
        let mut c_waste = vec![0.0; ncc];
        if let Some((span, kind, mask)) = &pm.accountability {
            if span.contains(t) {
                let (cp, cw) = match kind {
                    AccountabilityKind::Showback => (e.showback_productive, e.showback_waste),
                    AccountabilityKind::Chargeback => (e.chargeback_productive, e.chargeback_waste),
                };
                for cc in 0..ncc {
                    if mask[cc] {
                        c_prod[cc] = cp;
                        c_waste[cc] = cw;
                    }
                }
            }
        }
        let factor_pow: Vec<f64> = c_prod
            .iter()
            .map(|c| libm::pow((1.0 - c) * (1.0 - friction), p.output.elasticity))
            .collect();
        let runs = p.usage.active_days * p.runs.runs_per_day;

        // Each adopter's productive use, caps and output before gaming.
        resize(s, n);
        s.players.clear();
        s.player_index.clear();
        let ti = t as usize;
        let agentic_limit_growth = p.usage.agentic_growth;
        for i in 0..n {
            let since = st.adopted_at[i];
            if since < 0 {
                continue;
            }
            let k = (t as i32 - since) as usize;
            let team = pop.team[i] as usize;
            let tm = &v.teams[team];
            let cc = tm.cost_centre;
            let agentic =
                pop.agentic[i] < (tm.agentic_share + agentic_limit_growth * k as f64).min(1.0);
            let keep = (1.0 - c_prod[cc]) * (1.0 - friction);
            let (mut shipped, mut unshipped, mut ratio_pow) = if agentic {
                let demand = pop.demand[i] * self.ramp[k] * tm.usd_per_token[ti] * keep;
                let share = p.output.unshipped_share;
                (
                    demand * (1.0 - share),
                    demand * share * (1.0 - orphan_cut) * (1.0 - c_waste[cc]),
                    self.demand_pow[i] * self.ramp_pow[k] * factor_pow[cc],
                )
            } else {
                (
                    self.completion_tokens * self.ramp[k] * tm.usd_per_token[ti] * keep,
                    0.0,
                    self.completion_pow * self.ramp_pow[k] * factor_pow[cc],
                )
            };
            let mut productive = shipped + unshipped;
            let mut killed = 0.0;
            let mut suppressed = 0.0;
            let mut output_kept = 1.0;
            if let (Some(cap), Some(table), true) = (run_cap, self.cap_table, agentic) {
                if productive > 0.0 {
                    let effect = table.effect(cap, productive / runs);
                    let kept = productive * effect.kept;
                    suppressed += productive - kept;
                    let scale = effect.kept;
                    killed = (runs * effect.p_hit * (1.0 - p.runs.resume_share) * cap).min(kept);
                    let waste_scale = if kept > 0.0 { 1.0 - killed / kept } else { 0.0 };
                    shipped *= scale * waste_scale;
                    unshipped *= scale * waste_scale;
                    productive = kept;
                    output_kept = 1.0 - effect.p_hit * (1.0 - p.runs.resume_share);
                    ratio_pow *= libm::pow(scale, p.output.elasticity);
                }
            }
            let mut headroom = f64::INFINITY;
            let mut capped = false;
            if let Some(b) = budget {
                let exception = pop.exception[i] < b.exception_share;
                let cap = user_cap(
                    b.daily_usd,
                    b.monthly_usd,
                    p.usage.active_days,
                    exception,
                    b.exception_multiplier,
                );
                if productive > cap {
                    let scale = cap / productive;
                    suppressed += productive - cap;
                    shipped *= scale;
                    unshipped *= scale;
                    killed *= scale;
                    productive = cap;
                    capped = true;
                    ratio_pow *= libm::pow(scale, p.output.elasticity);
                }
                headroom = cap - productive;
            }
            let uplift = p.output.uplift_median * ratio_pow * output_kept;
            s.productive[i] = productive;
            s.shipped[i] = shipped;
            s.unshipped[i] = unshipped;
            s.killed[i] = killed;
            s.suppressed[i] = suppressed;
            s.output[i] = pop.baseline[i] * (1.0 + uplift);
            s.headroom[i] = headroom;
            s.capped[i] = capped;
            s.agentic[i] = agentic;
            s.extra[i] = 0.0;
            s.split[i] = 0.0;
            s.gamed[i] = false;
            if board.is_some() && agentic {
                s.players.push(Player {
                    score: productive,
                    output: s.output[i],
                    propensity: pop.propensity[i],
                    headroom,
                    restraint: (1.0 - game_cut) * (1.0 - c_waste[cc]),
                    u_game: draws.game[i],
                    u_split: draws.split[i],
                });
                s.player_index.push(i as u32);
            }
        }

        // Leaderboard gaming.
        match board {
            Some((_, metric, tiers, salience)) => {
                st.board.month(
                    *metric,
                    tiers,
                    *salience,
                    &p.gaming,
                    &s.players,
                    &mut s.plays,
                    &mut s.sorted,
                );
                for (play, &i) in s.plays.iter().zip(&s.player_index) {
                    let i = i as usize;
                    if play.gamed {
                        s.gamed[i] = true;
                        s.extra[i] = play.extra_spend;
                        s.split[i] = play.split;
                        let gain = s.output[i] - pop.baseline[i];
                        s.output[i] = pop.baseline[i] + gain * (1.0 - p.output.effort_substitution);
                    }
                }
            }
            None => st.board.reset(),
        }

        // A commitment closing this month: the amount due, less the effective cost of the
        // period's earlier months.
        let due = v.agreement.due(ti, v.months.len()).map(|(usd, period)| {
            let before: f64 = (period.start..ti)
                .map(|m| out.rows[m * (ncc + 1) + ncc][Quantity::EffectiveCost.index()])
                .sum();
            usd - before
        });

        // Sums per cost centre.
        let rows = &mut out.rows[ti * (ncc + 1)..(ti + 1) * (ncc + 1)];
        let mut sums = vec![OutputSums::default(); ncc + 1];
        let mut shipped_cc = vec![0.0; ncc + 1];
        let mut team_spend = vec![0.0; v.teams.len()];
        let plan = pm.plan.as_ref();
        let last_month = ti + 1 == v.months.len();
        if last_month {
            st.last_month_spend.clear();
        }
        let mut credits_cc = vec![0.0; ncc + 1];
        let mut overage_cc = vec![0.0; ncc + 1];
        for i in 0..n {
            if st.adopted_at[i] < 0 {
                continue;
            }
            let team = pop.team[i] as usize;
            let cc = v.teams[team].cost_centre;
            let mut spend = s.productive[i] + s.extra[i];
            let mut components = [s.shipped[i], s.unshipped[i], s.killed[i], s.extra[i]];
            let mut suppressed = s.suppressed[i];
            if let Some((plan, _)) = plan {
                if plan.usd_per_credit > 0.0 && plan.pooling == CreditPooling::PerSeat {
                    let allowance = plan.credits_per_seat * plan.usd_per_credit;
                    if spend > allowance {
                        match plan.overage_usd_per_credit {
                            Some(rate) => {
                                overage_cc[cc] += (spend - allowance) / plan.usd_per_credit * rate
                            }
                            None => {
                                let scale = allowance / spend;
                                suppressed += spend - allowance;
                                for c in &mut components {
                                    *c *= scale;
                                }
                                spend = allowance;
                            }
                        }
                    }
                }
                if plan.usd_per_credit > 0.0 {
                    credits_cc[cc] += spend / plan.usd_per_credit;
                }
            }
            let row = &mut rows[cc];
            row[Quantity::TokenSpend.index()] += spend;
            if s.agentic[i] {
                row[Quantity::AgenticSpend.index()] += spend;
            }
            row[Quantity::WasteGaming.index()] += components[3];
            row[Quantity::WasteUnshipped.index()] += components[1];
            row[Quantity::WasteCapKilled.index()] += components[2];
            row[Quantity::Adopters.index()] += 1.0;
            row[Quantity::Agentic.index()] += f64::from(u8::from(s.agentic[i]));
            row[Quantity::Gamers.index()] += f64::from(u8::from(s.gamed[i]));
            // Counted among agentic adopters only, like the share's denominator.
            row[Quantity::Capped.index()] += f64::from(u8::from(s.capped[i] && s.agentic[i]));
            row[Quantity::Suppressed.index()] += suppressed;
            shipped_cc[cc] += components[0];
            team_spend[team] += spend;
            sums[cc].with_ai += s.output[i] - pop.baseline[i];
            sums[cc].inflated += s.output[i] * s.split[i];
            st.spend_per_dev[i] += spend;
            if last_month && spend > 0.0 && s.agentic[i] {
                st.last_month_spend.push(spend);
            }
        }

        // Pooled credits are billed for the whole organisation, shared by credits used.
        if let Some((plan, _)) = plan {
            if plan.pooling == CreditPooling::Pooled && plan.usd_per_credit > 0.0 {
                let seats: f64 = (0..ncc)
                    .map(|cc| {
                        seat_count(
                            pm,
                            rows[cc][Quantity::Adopters.index()],
                            self.headcount_cc[cc],
                        )
                    })
                    .sum();
                let used: f64 = credits_cc[..ncc].iter().sum();
                let excess = (used - seats * plan.credits_per_seat).max(0.0);
                if used > 0.0 && excess > 0.0 {
                    for cc in 0..ncc {
                        let part = excess * credits_cc[cc] / used;
                        match plan.overage_usd_per_credit {
                            Some(rate) => overage_cc[cc] += part * rate,
                            None => {
                                let blocked = part * plan.usd_per_credit;
                                rows[cc][Quantity::Suppressed.index()] += blocked;
                                rows[cc][Quantity::TokenSpend.index()] -= blocked;
                            }
                        }
                    }
                }
            }
        }

        // Discounts off list on each team's token spend, by the models it uses [USD].
        let mut discount_cc = vec![0.0; ncc];
        for (team, spend) in team_spend.iter().enumerate() {
            let tm = &v.teams[team];
            discount_cc[tm.cost_centre] += spend * v.agreement.discount_of(&tm.spend_split[ti]);
        }
        let plan_rate = v.agreement.plan_rate(pm);

        for cc in 0..ncc {
            let row = &mut rows[cc];
            row[Quantity::Headcount.index()] = self.headcount_cc[cc];
            let seats = match plan {
                Some((plan, _)) => {
                    seat_count(pm, row[Quantity::Adopters.index()], self.headcount_cc[cc])
                        * plan.seat_usd
                }
                None => 0.0,
            };
            row[Quantity::Seats.index()] = seats;
            row[Quantity::Overage.index()] = overage_cc[cc];
            let list = match plan {
                Some((plan, _)) if plan.usd_per_credit > 0.0 => seats + overage_cc[cc],
                Some(_) => seats,
                None => row[Quantity::TokenSpend.index()],
            };
            let effective = match plan {
                Some(_) => list * plan_rate,
                None => (list - discount_cc[cc]).max(0.0),
            };
            row[Quantity::ListCost.index()] = list;
            row[Quantity::EffectiveCost.index()] = effective;
            row[Quantity::Spend.index()] = effective;
            sums[cc].baseline = self.baseline_cc[cc];
            sums[cc].with_ai += self.baseline_cc[cc];
            let d = deployments(&sums[cc], &p.output);
            row[Quantity::Useful.index()] = d.useful;
            row[Quantity::Reported.index()] = d.reported;
            row[Quantity::Baseline.index()] = d.baseline;
            row[Quantity::WasteRework.index()] = shipped_cc[cc] * d.failure_rate;
        }

        // The organisation: sums of the cost centres, deployments from the summed output.
        let (cost_centres, org) = rows.split_at_mut(ncc);
        let org = &mut org[0];
        *org = [0.0; QUANTITIES];
        let mut org_sums = OutputSums::default();
        let mut org_shipped = 0.0;
        for (cc, row) in cost_centres.iter().enumerate() {
            for q in 0..QUANTITIES {
                org[q] += row[q];
            }
            org_sums.baseline += sums[cc].baseline;
            org_sums.with_ai += sums[cc].with_ai;
            org_sums.inflated += sums[cc].inflated;
            org_shipped += shipped_cc[cc];
        }
        let d = deployments(&org_sums, &p.output);
        org[Quantity::Useful.index()] = d.useful;
        org[Quantity::Reported.index()] = d.reported;
        org[Quantity::Baseline.index()] = d.baseline;
        org[Quantity::WasteRework.index()] = org_shipped * d.failure_rate;

        // Committed spend: the shortfall is billed in the period's last month, shared by the
        // cost centres in proportion to their effective cost (or headcount when there is none).
        if let Some(due) = due {
            let shortfall = (due - org[Quantity::EffectiveCost.index()]).max(0.0);
            if shortfall > 0.0 {
                let by_cost = org[Quantity::EffectiveCost.index()] > 0.0;
                let basis = |row: &[f64; QUANTITIES]| {
                    if by_cost {
                        row[Quantity::EffectiveCost.index()]
                    } else {
                        row[Quantity::Headcount.index()]
                    }
                };
                let total = basis(&*org);
                for row in cost_centres.iter_mut() {
                    let part = shortfall * basis(&*row) / total;
                    row[Quantity::CommitmentShortfall.index()] = part;
                    row[Quantity::Spend.index()] += part;
                }
                org[Quantity::CommitmentShortfall.index()] = shortfall;
                org[Quantity::Spend.index()] += shortfall;
            }
        }

        // Spend by model.
        let nmodels = v.models.len();
        let base = ti * (ncc + 1) * nmodels;
        for (team, spend) in team_spend.iter().enumerate() {
            let tm = &v.teams[team];
            for (m, share) in tm.spend_split[ti].iter().enumerate() {
                let usd = spend * share;
                out.by_model[base + tm.cost_centre * nmodels + m] += usd;
                out.by_model[base + ncc * nmodels + m] += usd;
            }
        }

        // Annual budget.
        if let Some((budget, start)) = pm.annual_budget {
            let since = i64::from(t) - start;
            if since >= 0 {
                let year = since.div_euclid(12);
                if st.budget_year != Some(year) {
                    st.budget_year = Some(year);
                    st.cumulative = 0.0;
                }
                st.cumulative += org[Quantity::Spend.index()];
                if st.cumulative >= budget && st.exhausted.is_none() {
                    st.exhausted = Some(t);
                }
            }
            org[Quantity::BudgetCumulative.index()] = st.cumulative;
        }
    }
}

/// Seats held in a cost centre with `adopters` adopters out of `headcount` developers.
fn seat_count(pm: &PolicyModel, adopters: f64, headcount: f64) -> f64 {
    match pm.plan.as_ref().map(|p| p.1) {
        Some(SeatHolders::Everyone) => headcount,
        _ => adopters,
    }
}

fn resize(s: &mut Scratch, n: usize) {
    if s.productive.len() == n {
        return;
    }
    s.productive = vec![0.0; n];
    s.shipped = vec![0.0; n];
    s.unshipped = vec![0.0; n];
    s.killed = vec![0.0; n];
    s.suppressed = vec![0.0; n];
    s.output = vec![0.0; n];
    s.headroom = vec![0.0; n];
    s.capped = vec![false; n];
    s.agentic = vec![false; n];
    s.extra = vec![0.0; n];
    s.split = vec![0.0; n];
    s.gamed = vec![false; n];
}
