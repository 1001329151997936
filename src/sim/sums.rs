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
    /// The weight of each of `last_month` (in a sample; empty otherwise).
    pub(crate) last_month_weight: Vec<f64>,
    /// This month's spend [USD] and tokens of each adopter who spent anything.
    pub(crate) month: (Vec<f64>, Vec<f64>),
    /// The weight of each of `month` (in a sample; empty otherwise).
    pub(crate) month_weight: Vec<f64>,
    /// The heaviest user-months so far.
    pub(crate) heaviest: Heaviest,
}

/// The heaviest users: the largest monthly P99 and maximum across the months so far, of the
/// spend [USD / user-month] and tokens [tokens / user-month] of adopters who spent anything.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Heaviest {
    /// P99 of a month's spend per user [USD / user-month].
    pub p99_spend_usd: f64,
    /// Largest spend of one user in one month [USD / user-month].
    pub max_spend_usd: f64,
    /// P99 of a month's tokens per user [tokens / user-month].
    pub p99_tokens: f64,
    /// Most tokens of one user in one month [tokens / user-month].
    pub max_tokens: f64,
}

/// The 99th percentile and the maximum of `values` (reordered), 0 for none; the percentile
/// interpolates like [`crate::stats::Percentiles::of`].
fn p99_and_max(values: &mut [f64]) -> (f64, f64) {
    let n = values.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let pos = 0.99 * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let (_, low, upper) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let low = *low;
    let next = upper.iter().copied().fold(f64::NAN, f64::min);
    let max = upper.iter().copied().fold(low, f64::max);
    let p99 = if next.is_nan() {
        low
    } else {
        low + (next - low) * (pos - lo as f64)
    };
    (p99, max)
}

/// The weighted 99th percentile and the maximum of `values` with `weights` (a sample).
fn weighted_p99_and_max(values: &[f64], weights: &[f64]) -> (f64, f64) {
    let mut pairs: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .zip(weights.iter().copied())
        .collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let p99 = super::weighted::quantiles(&mut pairs, &[0.99])[0];
    (if p99.is_nan() { 0.0 } else { p99 }, max)
}

impl Concentration {
    /// Folds this month's spend and tokens per user into the heaviest user-months.
    fn close_month(&mut self) {
        let (spend, tokens) = &mut self.month;
        let ((p99_spend, max_spend), (p99_tokens, max_tokens)) = if self.month_weight.is_empty() {
            (p99_and_max(spend), p99_and_max(tokens))
        } else {
            (
                weighted_p99_and_max(spend, &self.month_weight),
                weighted_p99_and_max(tokens, &self.month_weight),
            )
        };
        let h = &mut self.heaviest;
        h.p99_spend_usd = h.p99_spend_usd.max(p99_spend);
        h.max_spend_usd = h.max_spend_usd.max(max_spend);
        h.p99_tokens = h.p99_tokens.max(p99_tokens);
        h.max_tokens = h.max_tokens.max(max_tokens);
    }
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

/// One adopter's month, as the sums read it.
pub(super) struct AdopterMonth {
    /// Productive use [USD].
    pub productive: f64,
    /// Productive use of changes that ship [USD].
    pub shipped: f64,
    /// Productive use of work that never ships [USD].
    pub unshipped: f64,
    /// Use on runs a per-run cap killed [USD].
    pub killed: f64,
    /// Use the controls held back [USD].
    pub suppressed: f64,
    /// Shipped changes [changes].
    pub output: f64,
    /// Whether a per-run cap bound.
    pub capped: bool,
    /// Whether an agentic user.
    pub agentic: bool,
    /// Extra spend on gaming [USD].
    pub extra: f64,
    /// Share by which reported deployments exceed the true ones.
    pub split: f64,
    /// Whether they gamed.
    pub gamed: bool,
}

impl AdopterMonth {
    /// Adopter `i`'s month as the adopters and gaming phases left it in `s`.
    fn of(s: &Scratch, i: usize) -> AdopterMonth {
        AdopterMonth {
            productive: s.productive[i],
            shipped: s.shipped[i],
            unshipped: s.unshipped[i],
            killed: s.killed[i],
            suppressed: s.suppressed[i],
            output: s.output[i],
            capped: s.capped[i],
            agentic: s.agentic[i],
            extra: s.extra[i],
            split: s.split[i],
            gamed: s.gamed[i],
        }
    }
}

/// Adds adopters' months, one at a time in developer order, to their cost centres' rows
/// (metered by a seat plan when there is one) and the month's [`Sums`].
pub(super) struct Adder<'a, 'p> {
    v: &'a ValidScenario,
    pop: &'a Population,
    plan: Option<&'a mut PlanMonth<'p>>,
    rows: &'a mut [Row],
    concentration: &'a mut Concentration,
    /// The month [index].
    t: usize,
    last_month: bool,
    sums: Sums,
}

impl<'a, 'p> Adder<'a, 'p> {
    /// Nothing added yet, in month `t`. `plan`: a per-seat plan without overage blocks use
    /// beyond the seat's credits, every part scaled alike. The last month's agentic spend is kept
    /// for the final concentration.
    pub(super) fn new(
        v: &'a ValidScenario,
        pop: &'a Population,
        plan: Option<&'a mut PlanMonth<'p>>,
        rows: &'a mut [Row],
        concentration: &'a mut Concentration,
        t: usize,
    ) -> Adder<'a, 'p> {
        let ncc = v.cost_centres.len();
        let last_month = t + 1 == v.months.len();
        if last_month {
            concentration.last_month.clear();
            concentration.last_month_weight.clear();
        }
        concentration.month.0.clear();
        concentration.month.1.clear();
        concentration.month_weight.clear();
        Adder {
            v,
            pop,
            plan,
            rows,
            concentration,
            t,
            last_month,
            sums: Sums {
                output: vec![OutputSums::default(); ncc],
                shipped: vec![0.0; ncc],
                team_spend: vec![0.0; v.teams.len()],
            },
        }
    }

    /// Adds adopter `i`'s month `d`, for the developers they stand for. (Weights are 1 unless
    /// the population is a sample, and multiplying by 1 changes no bit.) Always inlined: called
    /// once per adopter-month, it made the default run about 9 % slower in WebAssembly and 6 %
    /// natively as a call of its own (docs/measurements.md).
    #[inline(always)]
    pub(super) fn add(&mut self, i: usize, d: &AdopterMonth) {
        let team = self.pop.team[i] as usize;
        let w = self.pop.weight[i];
        let cc = self.v.teams[team].cost_centre;
        let mut spend = d.productive + d.extra;
        let (mut shipped, mut unshipped, mut killed, mut extra) =
            (d.shipped, d.unshipped, d.killed, d.extra);
        let mut suppressed = d.suppressed;
        if let Some(month) = self.plan.as_deref_mut() {
            let allowed = month.use_seat(cc, spend, w);
            if allowed < spend {
                let scale = allowed / spend;
                suppressed += spend - allowed;
                shipped *= scale;
                unshipped *= scale;
                killed *= scale;
                extra *= scale;
                spend = allowed;
            }
        }
        let row = &mut self.rows[cc];
        row[Quantity::TokenSpend.index()] += spend * w;
        if d.agentic {
            row[Quantity::AgenticSpend.index()] += spend * w;
        }
        row[Quantity::WasteGaming.index()] += extra * w;
        row[Quantity::WasteUnshipped.index()] += unshipped * w;
        row[Quantity::WasteCapKilled.index()] += killed * w;
        row[Quantity::Adopters.index()] += w;
        row[Quantity::Agentic.index()] += f64::from(u8::from(d.agentic)) * w;
        row[Quantity::Gamers.index()] += f64::from(u8::from(d.gamed)) * w;
        // Counted among agentic adopters only, like the share's denominator.
        row[Quantity::Capped.index()] += f64::from(u8::from(d.capped && d.agentic)) * w;
        row[Quantity::Suppressed.index()] += suppressed * w;
        let sums = &mut self.sums;
        sums.shipped[cc] += shipped * w;
        sums.team_spend[team] += spend * w;
        sums.output[cc].with_ai += (d.output - self.pop.baseline[i]) * w;
        sums.output[cc].inflated += d.output * d.split * w;
        self.concentration.per_developer[i] += spend;
        if self.last_month && spend > 0.0 && d.agentic {
            self.concentration.last_month.push(spend);
            if self.pop.sampled {
                self.concentration.last_month_weight.push(w);
            }
        }
        if spend > 0.0 {
            let month = &mut self.concentration.month;
            month.0.push(spend);
            month
                .1
                .push(spend / self.v.teams[team].usd_per_token[self.t]);
            if self.pop.sampled {
                self.concentration.month_weight.push(w);
            }
        }
    }

    /// The month's sums beyond the rows; the month's heaviest users are taken in.
    pub(super) fn finish(self) -> Sums {
        self.concentration.close_month();
        self.sums
    }
}

/// Adds each adopter's month (`s`) to its cost centre's row in `rows` through an [`Adder`].
#[allow(clippy::too_many_arguments)]
pub(super) fn adopters<'a, 'p>(
    v: &'a ValidScenario,
    pop: &'a Population,
    adopted_at: &[i32],
    s: &Scratch,
    plan: Option<&'a mut PlanMonth<'p>>,
    rows: &'a mut [Row],
    concentration: &'a mut Concentration,
    t: usize,
) -> Sums {
    let mut adder = Adder::new(v, pop, plan, rows, concentration, t);
    for (i, &since) in adopted_at.iter().enumerate() {
        if since >= 0 {
            adder.add(i, &AdopterMonth::of(s, i));
        }
    }
    adder.finish()
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
        row[Quantity::Individual.index()] = out.with_ai;
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
    org[Quantity::Individual.index()] = org_sums.with_ai;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p99_interpolates_and_max_is_the_largest() {
        let mut v: Vec<f64> = (1..=101).rev().map(f64::from).collect();
        assert_eq!(p99_and_max(&mut v), (100.0, 101.0));
        let mut two = vec![10.0, 0.0];
        let (p99, max) = p99_and_max(&mut two);
        assert!((p99 - 9.9).abs() < 1e-12 && max == 10.0);
        assert_eq!(p99_and_max(&mut []), (0.0, 0.0));
        assert_eq!(p99_and_max(&mut [7.0]), (7.0, 7.0));
    }

    #[test]
    fn a_weighted_p99_counts_each_value_as_its_weight() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let ones = vec![1.0; 100];
        assert_eq!(weighted_p99_and_max(&values, &ones), (99.0, 100.0));
        // The largest value standing for itself, the rest for ten each: the P99 falls below it.
        let mut weights = vec![10.0; 100];
        weights[99] = 1.0;
        assert_eq!(weighted_p99_and_max(&values, &weights), (99.0, 100.0));
        assert_eq!(weighted_p99_and_max(&[], &[]), (0.0, 0.0));
    }
}
