//! Sums phase: each adopter's month added to its cost centre's row (metered by a seat plan when
//! there is one), each cost centre's and the organisation's deployments, and token spend by
//! model (docs/MODEL.md, "Sums and deployments").

use super::engine::Scratch;
use super::quantity::{Quantity, Row, QUANTITIES};
use crate::outcomes::{deployments, OutputSums};
use crate::population::Population;
use crate::pricing::PlanMonth;
use crate::scenario::{Output, ValidScenario};

/// Spend per developer kept for the concentration of spend.
pub(super) struct Concentration {
    /// Token spend over the horizon, per developer [USD].
    pub(crate) per_developer: Vec<f64>,
    /// Token spend of each agentic adopter who spent anything in the last month [USD].
    pub(crate) last_month: Vec<f64>,
}

/// What the adopters of one month add up to, beyond their cost centres' rows.
pub(super) struct Sums {
    /// Output sums per cost centre.
    pub output: Vec<OutputSums>,
    /// Use of shipped changes per cost centre [USD].
    pub shipped: Vec<f64>,
    /// Token spend per team [USD].
    pub(crate) team_spend: Vec<f64>,
}

/// Adds each adopter's month (`s`) to its cost centre's row in `rows`, metering it under
/// `plan` when there is one (a per-seat plan without overage blocks use beyond the seat's
/// credits, every part scaled alike). `last_month`: keep the agentic spend for the final
/// concentration.
#[allow(clippy::too_many_arguments)]
pub(super) fn adopters(
    v: &ValidScenario,
    pop: &Population,
    adopted_at: &[i32],
    s: &Scratch,
    mut plan: Option<&mut PlanMonth>,
    rows: &mut [Row],
    concentration: &mut Concentration,
    last_month: bool,
) -> Sums {
    let ncc = v.cost_centres.len();
    let mut sums = Sums {
        output: vec![OutputSums::default(); ncc],
        shipped: vec![0.0; ncc],
        team_spend: vec![0.0; v.teams.len()],
    };
    if last_month {
        concentration.last_month.clear();
    }
    for (i, &since) in adopted_at.iter().enumerate() {
        if since < 0 {
            continue;
        }
        let team = pop.team[i] as usize;
        let cc = v.teams[team].cost_centre;
        let mut spend = s.productive[i] + s.extra[i];
        let mut components = [s.shipped[i], s.unshipped[i], s.killed[i], s.extra[i]];
        let mut suppressed = s.suppressed[i];
        if let Some(month) = plan.as_deref_mut() {
            let allowed = month.use_seat(cc, spend);
            if allowed < spend {
                let scale = allowed / spend;
                suppressed += spend - allowed;
                for c in &mut components {
                    *c *= scale;
                }
                spend = allowed;
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
        sums.shipped[cc] += components[0];
        sums.team_spend[team] += spend;
        sums.output[cc].with_ai += s.output[i] - pop.baseline[i];
        sums.output[cc].inflated += s.output[i] * s.split[i];
        concentration.per_developer[i] += spend;
        if last_month && spend > 0.0 && s.agentic[i] {
            concentration.last_month.push(spend);
        }
    }
    sums
}

/// Fills each cost centre's deployments and rework from its output sums, everyone's baseline
/// `baseline` [changes] included.
pub(super) fn centre_deployments(rows: &mut [Row], sums: &mut Sums, baseline: &[f64], o: &Output) {
    for (cc, row) in rows.iter_mut().enumerate().take(baseline.len()) {
        let out = &mut sums.output[cc];
        out.baseline = baseline[cc];
        out.with_ai += baseline[cc];
        let d = deployments(out, o);
        row[Quantity::Useful.index()] = d.useful;
        row[Quantity::Reported.index()] = d.reported;
        row[Quantity::Baseline.index()] = d.baseline;
        row[Quantity::WasteRework.index()] = sums.shipped[cc] * d.failure_rate;
    }
}

/// The organisation's row: the sums of its cost centres' rows, with deployments from the
/// summed output (not the sum of the cost centres' deployments).
pub(super) fn organisation(cost_centres: &[Row], sums: &Sums, o: &Output) -> Row {
    let mut org = [0.0; QUANTITIES];
    let mut org_sums = OutputSums::default();
    let mut org_shipped = 0.0;
    for (cc, row) in cost_centres.iter().enumerate() {
        for q in 0..QUANTITIES {
            org[q] += row[q];
        }
        org_sums.baseline += sums.output[cc].baseline;
        org_sums.with_ai += sums.output[cc].with_ai;
        org_sums.inflated += sums.output[cc].inflated;
        org_shipped += sums.shipped[cc];
    }
    let d = deployments(&org_sums, o);
    org[Quantity::Useful.index()] = d.useful;
    org[Quantity::Reported.index()] = d.reported;
    org[Quantity::Baseline.index()] = d.baseline;
    org[Quantity::WasteRework.index()] = org_shipped * d.failure_rate;
    org
}

/// Adds each team's token spend `team_spend` of month `t` to its cost centre's and the
/// organisation's spend by model (`by_model`: the month's rows of the by-model table) [USD].
pub(super) fn by_model(v: &ValidScenario, team_spend: &[f64], t: usize, by_model: &mut [Vec<f64>]) {
    let org = v.cost_centres.len();
    for (team, spend) in team_spend.iter().enumerate() {
        let tm = &v.teams[team];
        for (m, share) in tm.spend_split[t].iter().enumerate() {
            let usd = spend * share;
            by_model[tm.cost_centre][m] += usd;
            by_model[org][m] += usd;
        }
    }
}
