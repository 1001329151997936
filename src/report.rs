//! Results of a Monte Carlo run as P10/P50/P90 figures per month, per policy set and per cost
//! centre, with horizon summaries; JSON and CSV output shared by the CLI and the app
//! (`docs/cli.md` documents the JSON).

use crate::calendar::YearMonth;
use crate::scenario::ValidScenario;
use crate::sim::{waste, DrawResult, Quantity, QUANTITIES};
use crate::stats::Percentiles;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Serde for a report type written in two shapes: in human-readable formats (JSON, the shape
/// `docs/cli.md` documents) as its remote mirror `$json` says, with figures flattened beside
/// their name and empty fields left out; in the worker's binary messages (postcard, see
/// [`crate::runner::FromWorker::to_bytes`]), which can neither flatten nor leave a field out,
/// as the tuple of its fields in order.
macro_rules! two_shapes {
    ($ty:ident, $json:ident { $($field:ident),+ $(,)? }) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    return $json::serialize(self, s);
                }
                let $ty { $($field),+ } = self;
                ($($field,)+).serialize(s)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                if d.is_human_readable() {
                    return $json::deserialize(d);
                }
                let ($($field,)+) = Deserialize::deserialize(d)?;
                Ok($ty { $($field),+ })
            }
        }
    };
}
pub(crate) use two_shapes;

/// Waste by kind [USD].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Waste {
    /// Tokens spent gaming a leaderboard.
    pub gaming: Percentiles,
    /// Tokens spent on work that never ships.
    pub unshipped: Percentiles,
    /// Tokens spent on runs a per-run cap killed and nobody resumed.
    pub cap_killed: Percentiles,
    /// Tokens spent on shipped changes that failed.
    pub rework: Percentiles,
}

impl Waste {
    /// The sum of the four kinds' medians, 0 for a kind without one [USD]: the height of a
    /// stacked chart of the kinds (not the median of total waste, which is
    /// [`crate::sim::waste`] of each draw's row).
    pub(crate) fn median_sum(&self) -> f64 {
        self.gaming.median_or_zero()
            + self.unshipped.median_or_zero()
            + self.cap_killed.median_or_zero()
            + self.rework.median_or_zero()
    }
}

/// One month's figures for a group (the organisation or a cost centre), each across draws.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Figures {
    /// Billed spend: API token spend, or seats plus overage under a plan, after discounts and
    /// any commitment true-up [USD].
    pub spend_usd: Percentiles,
    /// List value of what is billed, before discounts [USD].
    pub(crate) list_cost_usd: Percentiles,
    /// Billed after discounts, before any commitment true-up [USD].
    pub(crate) effective_cost_usd: Percentiles,
    /// Billed above the effective cost to meet a committed spend [USD].
    pub(crate) commitment_shortfall_usd: Percentiles,
    /// API-list value of the tokens used [USD].
    pub(crate) token_spend_usd: Percentiles,
    /// Seat fees [USD].
    pub(crate) seat_usd: Percentiles,
    /// Credit overage [USD].
    pub(crate) overage_usd: Percentiles,
    /// Token spend by model [USD].
    pub(crate) spend_by_model_usd: BTreeMap<String, Percentiles>,
    /// Waste by kind [USD].
    pub waste_usd: Waste,
    /// Deployments that ship and stick [changes].
    pub useful_deployments: Percentiles,
    /// Deployments reported (inflated by splitting under a deployments board) [changes].
    pub reported_deployments: Percentiles,
    /// Useful deployments without AI [changes].
    pub(crate) baseline_deployments: Percentiles,
    /// Adopters / developers [fraction].
    pub adopted_share: Percentiles,
    /// Gamers / agentic adopters [fraction].
    pub gamer_share: Percentiles,
    /// Agentic adopters held back by a per-user budget / agentic adopters [fraction].
    pub capped_user_share: Percentiles,
    /// Demand blocked by caps, budgets or plans [USD].
    pub(crate) suppressed_demand_usd: Percentiles,
    /// Token spend per adopter [USD].
    pub(crate) spend_per_adopter_usd: Percentiles,
    /// Spend since the start of the budget year [USD] (organisation only).
    pub(crate) cumulative_budget_spend_usd: Percentiles,
    /// Spend / useful deployments [USD per change].
    pub cost_per_useful_change_usd: Percentiles,
    /// Spend / (useful − baseline deployments); not available (null) when the increment is not
    /// positive [USD per change].
    pub incremental_cost_per_useful_change_usd: Percentiles,
}

/// A cost centre's figures for one month.
#[derive(Debug, Clone, PartialEq)]
pub struct CostCentreMonth {
    /// The cost centre.
    pub name: String,
    /// Its figures (in JSON, beside its name).
    pub figures: Figures,
}

/// [`CostCentreMonth`] in JSON.
#[derive(Serialize, Deserialize)]
#[serde(remote = "CostCentreMonth")]
struct CostCentreMonthJson {
    name: String,
    #[serde(flatten)]
    figures: Figures,
}

two_shapes!(CostCentreMonth, CostCentreMonthJson { name, figures });

/// One month of one policy set.
#[derive(Debug, Clone, PartialEq)]
pub struct Month {
    /// The month.
    pub month: YearMonth,
    /// The organisation's figures (in JSON, beside the month).
    pub figures: Figures,
    /// Each cost centre's figures.
    pub cost_centres: Vec<CostCentreMonth>,
}

/// [`Month`] in JSON.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Month")]
struct MonthJson {
    month: YearMonth,
    #[serde(flatten)]
    figures: Figures,
    cost_centres: Vec<CostCentreMonth>,
}

two_shapes!(
    Month,
    MonthJson {
        month,
        figures,
        cost_centres
    }
);

/// A month across draws: P10/P50/P90 as months, `None` (null) when not reached.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct MonthPercentiles {
    /// 10th percentile.
    pub p10: Option<YearMonth>,
    /// Median.
    pub p50: Option<YearMonth>,
    /// 90th percentile.
    pub p90: Option<YearMonth>,
}

/// Horizon totals of one policy set, across draws.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Billed spend over the horizon [USD].
    pub total_spend_usd: Percentiles,
    /// List value of what is billed over the horizon, before discounts [USD].
    pub total_list_cost_usd: Percentiles,
    /// Billed over the horizon after discounts, before commitment true-ups [USD].
    pub(crate) total_effective_cost_usd: Percentiles,
    /// API-list value of all tokens used [USD].
    pub(crate) token_spend_usd: Percentiles,
    /// Waste over the horizon by kind [USD].
    pub waste_usd: Waste,
    /// Waste / token spend [fraction].
    pub waste_share: Percentiles,
    /// Share of horizon token spend by the top 10% of developers who spent anything.
    pub top10_share: Percentiles,
    /// Share of the last month's agentic token spend by the top 10% of agentic users (the
    /// population public usage leaderboards describe).
    pub final_top10_share: Percentiles,
    /// Lorenz curve of the last month's agentic spend at deciles: the median share held by the
    /// lowest 10%, 20%, …, 100% of agentic users.
    pub final_lorenz: Vec<f64>,
    /// Useful deployments over the horizon [changes].
    pub useful_deployments: Percentiles,
    /// Reported deployments over the horizon [changes].
    pub reported_deployments: Percentiles,
    /// Billed spend / useful deployments [USD per change].
    pub cost_per_useful_change_usd: Percentiles,
    /// Billed spend / (useful − baseline deployments); null where not available.
    pub incremental_cost_per_useful_change_usd: Percentiles,
    /// Share of draws where the increment is not positive, so the incremental cost is not
    /// available.
    pub incremental_not_available_probability: f64,
    /// Adopted share in the last month.
    pub final_adopted_share: Percentiles,
    /// Mean token spend per active agentic adopter in the last month [USD / month].
    pub final_spend_per_agentic_user_usd: Percentiles,
    /// The annual budget, if any [USD / year].
    pub annual_budget_usd: Option<f64>,
    /// The month spend reached the annual budget ("YYYY-MM", null when not reached).
    pub budget_exhaustion_month: MonthPercentiles,
    /// Share of draws in which the budget ran out within the horizon.
    pub budget_exhaustion_probability: f64,
    /// Changes merged by developers over the horizon, before the organisational pass-through
    /// [changes].
    #[serde(default)]
    pub individual_output: Percentiles,
    /// The heaviest users, each across draws.
    #[serde(default)]
    pub heaviest: HeaviestUsers,
    /// What finance asks: spend over the next 12 months, per fiscal year and quarter, budget
    /// thresholds, cost-centre budgets and each draw's total spend.
    #[serde(default)]
    pub finance: crate::fiscal::Finance,
}

/// The heaviest users of a draw: in the month where it is largest, the P99 and the maximum of
/// spend and of tokens per user, among adopters who spent anything; each across draws.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HeaviestUsers {
    /// P99 spend per user-month [USD / user-month].
    pub p99_spend_usd: Percentiles,
    /// Largest spend of one user in one month [USD / user-month].
    pub max_spend_usd: Percentiles,
    /// P99 tokens per user-month [tokens / user-month].
    pub p99_tokens: Percentiles,
    /// Most tokens of one user in one month [tokens / user-month].
    pub max_tokens: Percentiles,
}

impl HeaviestUsers {
    /// Policy set `k`'s heaviest users across `draws`.
    fn of(draws: &[DrawResult], k: usize) -> HeaviestUsers {
        let p = |f: &dyn Fn(&crate::sim::Heaviest) -> f64| {
            let mut v: Vec<f64> = draws.iter().map(|d| f(&d.policies[k].heaviest)).collect();
            Percentiles::of(&mut v)
        };
        HeaviestUsers {
            p99_spend_usd: p(&|h| h.p99_spend_usd),
            max_spend_usd: p(&|h| h.max_spend_usd),
            p99_tokens: p(&|h| h.p99_tokens),
            max_tokens: p(&|h| h.max_tokens),
        }
    }
}

/// One policy set's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyReport {
    /// Its name.
    pub name: String,
    /// Month by month.
    pub months: Vec<Month>,
    /// Horizon totals.
    pub summary: Summary,
}

/// One policy set against another, draw by draw (common random numbers make these differences
/// far less noisy than the difference of the two sets' percentiles).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Delta {
    /// The policy set compared.
    pub policy: String,
    /// The policy set it is compared against.
    pub baseline: String,
    /// Total billed spend, policy − baseline [USD].
    pub total_spend_usd: Percentiles,
    /// Total waste, policy − baseline [USD].
    pub waste_usd: Percentiles,
    /// Useful deployments, policy − baseline [changes].
    pub useful_deployments: Percentiles,
    /// Cost per useful change, policy − baseline [USD per change].
    pub cost_per_useful_change_usd: Percentiles,
    /// Share of draws in which the policy set's total billed spend is above the baseline's.
    #[serde(default)]
    pub cost_more_probability: f64,
}

/// Everything the CLI prints and the app shows for one Monte Carlo run.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The scenario's label.
    pub scenario: String,
    /// Monte Carlo draws.
    pub draws: u32,
    /// Seed.
    pub seed: u64,
    /// Cost-centre names.
    pub cost_centres: Vec<String>,
    /// Model ids.
    pub models: Vec<String>,
    /// One per policy set.
    pub policies: Vec<PolicyReport>,
    /// `deltas[b][k]`: policy set `k` against baseline `b`.
    pub deltas: Vec<Vec<Delta>>,
    /// Each policy set conditioned on the scenario's actuals, in order; empty without actuals
    /// (and then left out of the JSON).
    pub reforecasts: Vec<crate::reforecast::Reforecast>,
    /// The month the fiscal year starts, 1 (January) – 12, as the fiscal years and quarters of
    /// [`Summary::finance`] count it.
    pub fiscal_year_start: u8,
}

/// [`Report`] in JSON.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Report")]
struct ReportJson {
    scenario: String,
    draws: u32,
    seed: u64,
    cost_centres: Vec<String>,
    models: Vec<String>,
    policies: Vec<PolicyReport>,
    deltas: Vec<Vec<Delta>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reforecasts: Vec<crate::reforecast::Reforecast>,
    #[serde(default = "january")]
    fiscal_year_start: u8,
}

two_shapes!(
    Report,
    ReportJson {
        scenario,
        draws,
        seed,
        cost_centres,
        models,
        policies,
        deltas,
        reforecasts,
        fiscal_year_start,
    }
);

/// The fiscal year start of reports that do not say: January.
fn january() -> u8 {
    1
}

/// Per-draw values of one group-month.
fn value(row: &[f64; QUANTITIES], q: Quantity) -> f64 {
    row[q.index()]
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// `part` as a share of `whole`, in [0, 1]: a part summed from several sums (waste is four) can
/// exceed its whole by a rounding error when it is all of it.
fn share(part: f64, whole: f64) -> f64 {
    ratio(part, whole).clamp(0.0, 1.0)
}

/// Cost per incremental change: +∞ (not available) when the increment is not positive.
fn incremental(spend: f64, useful: f64, baseline: f64) -> f64 {
    let gain = useful - baseline;
    if gain > 0.0 {
        spend / gain
    } else {
        f64::INFINITY
    }
}

/// Spend per useful change of a row [USD per change].
fn cost_per_change(r: &[f64; QUANTITIES]) -> f64 {
    ratio(value(r, Quantity::Spend), value(r, Quantity::Useful))
}

/// Spend per incremental useful change of a row; +∞ when there is no increment.
fn incremental_cost(r: &[f64; QUANTITIES]) -> f64 {
    incremental(
        value(r, Quantity::Spend),
        value(r, Quantity::Useful),
        value(r, Quantity::Baseline),
    )
}

/// One month's values across draws for every group (each cost centre, then the organisation),
/// by column: each quantity's, then each model's spend, the draws of a column side by side.
/// Gathered once from the draws' rows, reading each draw's month in one piece, so that each
/// percentile reads contiguous memory (the default run's report in 22 ms instead of 26.5
/// natively: docs/measurements.md).
struct Columns {
    /// Draws in a column.
    draws: usize,
    /// Columns of a group: [`QUANTITIES`] and one per model.
    width: usize,
    /// The group whose columns the `of` methods read.
    group: usize,
    /// Column `c` of group `g` at `(g * width + c) * draws`, draw `d` at `+ d`.
    values: Vec<f64>,
    /// Values of the column being summarised, reordered by [`Percentiles::of`].
    scratch: Vec<f64>,
}

impl Columns {
    fn new(draws: usize, groups: usize, models: usize) -> Columns {
        let width = QUANTITIES + models;
        Columns {
            draws,
            width,
            group: 0,
            values: vec![0.0; groups * width * draws],
            scratch: Vec::with_capacity(draws),
        }
    }

    /// Gathers every group's rows and by-model spend in month `t` of policy set `k`.
    fn gather(&mut self, draws: &[DrawResult], k: usize, t: usize) {
        let (n, width) = (self.draws, self.width);
        let groups = self.values.len() / (width * n).max(1);
        for (d, draw) in draws.iter().enumerate() {
            let policy = &draw.policies[k];
            for g in 0..groups {
                let at = |c: usize| (g * width + c) * n + d;
                for (q, &x) in policy.rows.row(t, g).iter().enumerate() {
                    self.values[at(q)] = x;
                }
                for (m, &x) in policy.by_model.row(t, g).iter().enumerate() {
                    self.values[at(QUANTITIES + m)] = x;
                }
            }
        }
    }

    /// Column `c` of the group read.
    fn column(&self, c: usize) -> &[f64] {
        let at = (self.group * self.width + c) * self.draws;
        &self.values[at..at + self.draws]
    }

    /// Percentiles of quantity `q`.
    fn of(&mut self, q: Quantity) -> Percentiles {
        self.of_column(q.index())
    }

    /// Percentiles of model `m`'s spend.
    fn of_model(&mut self, m: usize) -> Percentiles {
        self.of_column(QUANTITIES + m)
    }

    fn of_column(&mut self, c: usize) -> Percentiles {
        self.summarise(|cols, out| out.extend_from_slice(cols.column(c)))
    }

    /// Percentiles of `f` of quantities `a` and `b`, draw by draw.
    fn of_pair(&mut self, a: Quantity, b: Quantity, f: fn(f64, f64) -> f64) -> Percentiles {
        self.summarise(|cols, out| {
            let (a, b) = (cols.column(a.index()), cols.column(b.index()));
            out.extend(a.iter().zip(b).map(|(&x, &y)| f(x, y)));
        })
    }

    /// Percentiles of the cost per incremental change, draw by draw.
    fn of_incremental_cost(&mut self) -> Percentiles {
        self.summarise(|cols, out| {
            let spend = cols.column(Quantity::Spend.index());
            let useful = cols.column(Quantity::Useful.index());
            let baseline = cols.column(Quantity::Baseline.index());
            out.extend(
                spend
                    .iter()
                    .zip(useful)
                    .zip(baseline)
                    .map(|((&s, &u), &b)| incremental(s, u, b)),
            );
        })
    }

    /// Percentiles of the values `fill` writes, one a draw, from the group's columns.
    fn summarise(&mut self, fill: impl FnOnce(&Columns, &mut Vec<f64>)) -> Percentiles {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        fill(self, &mut scratch);
        let p = Percentiles::of(&mut scratch);
        self.scratch = scratch;
        p
    }
}

/// The figures of group `g` of the month gathered in `c`, model by model in the order of
/// `models`.
fn figures(c: &mut Columns, g: usize, models: &[String]) -> Figures {
    c.group = g;
    Figures {
        spend_usd: c.of(Quantity::Spend),
        list_cost_usd: c.of(Quantity::ListCost),
        effective_cost_usd: c.of(Quantity::EffectiveCost),
        commitment_shortfall_usd: c.of(Quantity::CommitmentShortfall),
        token_spend_usd: c.of(Quantity::TokenSpend),
        seat_usd: c.of(Quantity::Seats),
        overage_usd: c.of(Quantity::Overage),
        spend_by_model_usd: models
            .iter()
            .enumerate()
            .map(|(m, id)| (id.clone(), c.of_model(m)))
            .collect(),
        waste_usd: Waste {
            gaming: c.of(Quantity::WasteGaming),
            unshipped: c.of(Quantity::WasteUnshipped),
            cap_killed: c.of(Quantity::WasteCapKilled),
            rework: c.of(Quantity::WasteRework),
        },
        useful_deployments: c.of(Quantity::Useful),
        reported_deployments: c.of(Quantity::Reported),
        baseline_deployments: c.of(Quantity::Baseline),
        adopted_share: c.of_pair(Quantity::Adopters, Quantity::Headcount, share),
        gamer_share: c.of_pair(Quantity::Gamers, Quantity::Agentic, share),
        capped_user_share: c.of_pair(Quantity::Capped, Quantity::Agentic, share),
        suppressed_demand_usd: c.of(Quantity::Suppressed),
        spend_per_adopter_usd: c.of_pair(Quantity::TokenSpend, Quantity::Adopters, ratio),
        cumulative_budget_spend_usd: c.of(Quantity::BudgetCumulative),
        cost_per_useful_change_usd: c.of_pair(Quantity::Spend, Quantity::Useful, ratio),
        incremental_cost_per_useful_change_usd: c.of_incremental_cost(),
    }
}

fn month_percentiles(v: &ValidScenario, months: &mut [f64]) -> MonthPercentiles {
    let p = Percentiles::of(months);
    let at = |x: Option<f64>| x.map(|t| v.months[t.round() as usize]);
    MonthPercentiles {
        p10: at(p.p10),
        p50: at(p.p50),
        p90: at(p.p90),
    }
}

/// Policy set `k`'s months: the organisation's and each cost centre's figures across draws.
fn policy_months(v: &ValidScenario, draws: &[DrawResult], k: usize) -> Vec<Month> {
    let ncc = v.cost_centres.len();
    let mut columns = Columns::new(draws.len(), ncc + 1, v.models.len());
    (0..v.months.len())
        .map(|t| {
            columns.gather(draws, k, t);
            let mut group = |g: usize| figures(&mut columns, g, &v.models);
            Month {
                month: v.months[t],
                figures: group(ncc),
                cost_centres: v
                    .cost_centres
                    .iter()
                    .enumerate()
                    .map(|(cc, name)| CostCentreMonth {
                        name: name.clone(),
                        figures: group(cc),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Policy set `k`'s whole-horizon figures across draws.
fn policy_summary(
    v: &ValidScenario,
    draws: &[DrawResult],
    k: usize,
    pm: &crate::scenario::PolicyModel,
) -> Summary {
    let nd = draws.len().max(1) as f64;
    let totals: Vec<[f64; QUANTITIES]> = draws
        .iter()
        .map(|d| {
            let mut total = [0.0; QUANTITIES];
            for row in d.policies[k].rows.org_rows() {
                for q in 0..QUANTITIES {
                    total[q] += row[q];
                }
            }
            total
        })
        .collect();
    let last = v.months.len() - 1;
    let finals: Vec<&[f64; QUANTITIES]> =
        draws.iter().map(|d| d.policies[k].rows.org(last)).collect();
    let p = |f: &dyn Fn(&[f64; QUANTITIES]) -> f64| {
        let mut v: Vec<f64> = totals.iter().map(f).collect();
        Percentiles::of(&mut v)
    };
    let q = |quantity: Quantity| move |r: &[f64; QUANTITIES]| value(r, quantity);
    let incremental_na = totals
        .iter()
        .filter(|r| incremental_cost(r).is_infinite())
        .count() as f64
        / nd;
    let mut exhausted: Vec<f64> = draws
        .iter()
        .map(|d| {
            d.policies[k]
                .budget_exhausted
                .map_or(f64::INFINITY, f64::from)
        })
        .collect();
    let exhausted_share = exhausted.iter().filter(|m| m.is_finite()).count() as f64 / nd;
    let mut top10: Vec<f64> = draws.iter().map(|d| d.policies[k].top10_share).collect();
    let mut final_top10: Vec<f64> = draws
        .iter()
        .map(|d| d.policies[k].final_top10_share)
        .collect();
    let final_p = |f: &dyn Fn(&[f64; QUANTITIES]) -> f64| {
        let mut v: Vec<f64> = finals.iter().map(|r| f(r)).collect();
        Percentiles::of(&mut v)
    };
    Summary {
        total_spend_usd: p(&q(Quantity::Spend)),
        total_list_cost_usd: p(&q(Quantity::ListCost)),
        total_effective_cost_usd: p(&q(Quantity::EffectiveCost)),
        token_spend_usd: p(&q(Quantity::TokenSpend)),
        waste_usd: Waste {
            gaming: p(&q(Quantity::WasteGaming)),
            unshipped: p(&q(Quantity::WasteUnshipped)),
            cap_killed: p(&q(Quantity::WasteCapKilled)),
            rework: p(&q(Quantity::WasteRework)),
        },
        waste_share: p(&|r| share(waste(r), value(r, Quantity::TokenSpend))),
        top10_share: Percentiles::of(&mut top10),
        final_top10_share: Percentiles::of(&mut final_top10),
        final_lorenz: (0..10)
            .map(|q| {
                let mut v: Vec<f64> = draws
                    .iter()
                    .map(|d| d.policies[k].final_lorenz[q])
                    .collect();
                Percentiles::of(&mut v).median_or_zero()
            })
            .collect(),
        useful_deployments: p(&q(Quantity::Useful)),
        reported_deployments: p(&q(Quantity::Reported)),
        cost_per_useful_change_usd: p(&cost_per_change),
        incremental_cost_per_useful_change_usd: p(&incremental_cost),
        incremental_not_available_probability: incremental_na,
        final_adopted_share: final_p(&|r| {
            share(value(r, Quantity::Adopters), value(r, Quantity::Headcount))
        }),
        final_spend_per_agentic_user_usd: final_p(&|r| {
            ratio(
                value(r, Quantity::AgenticSpend),
                value(r, Quantity::Agentic),
            )
        }),
        annual_budget_usd: pm.annual_budget.map(|b| b.usd),
        budget_exhaustion_month: month_percentiles(v, &mut exhausted),
        budget_exhaustion_probability: exhausted_share,
        individual_output: p(&q(Quantity::Individual)),
        heaviest: HeaviestUsers::of(draws, k),
        finance: crate::fiscal::finance(v, draws, k),
    }
}

impl Report {
    /// Runs every draw of a validated scenario and assembles the report.
    pub fn simulate(v: &ValidScenario) -> Report {
        Report::new(v, &crate::sim::run(v))
    }

    /// Assembles the percentiles of a run's draws.
    pub fn new(v: &ValidScenario, draws: &[DrawResult]) -> Report {
        let policies = v
            .policies
            .iter()
            .enumerate()
            .map(|(k, pm)| PolicyReport {
                name: pm.name.clone(),
                months: policy_months(v, draws, k),
                summary: policy_summary(v, draws, k, pm),
            })
            .collect();
        let deltas = deltas(v, draws);
        Report {
            scenario: v.scenario.name.clone(),
            draws: draws.len() as u32,
            seed: v.scenario.uncertainty.seed,
            cost_centres: v.cost_centres.clone(),
            models: v.models.clone(),
            policies,
            deltas,
            reforecasts: crate::reforecast::Reforecast::every_policy(v, draws),
            fiscal_year_start: v.fiscal.start(),
        }
    }

    /// Whether the report has the shape of a report of `v`: its policy sets, months, cost
    /// centres and models. A report of an earlier version of the scenario may not, and what
    /// pairs the two (the exports) would misread it.
    pub fn fits(&self, v: &ValidScenario) -> bool {
        self.policies.len() == v.scenario.policies.len()
            && self
                .policies
                .iter()
                .all(|p| p.months.len() == v.months.len())
            && self.cost_centres == v.cost_centres
            && self.models == v.models
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// Every figure as CSV rows: policy, group, month, metric, p10, p50, p90, mean (long
    /// format). The `mean` column adds up: over months to the summary's mean total, over cost
    /// centres to the organisation.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "policy", "group", "month", "metric", "p10", "p50", "p90", "mean",
        ])
        .expect("in-memory");
        let cell = |x: Option<f64>| x.map_or(String::new(), |v| v.to_string());
        for pr in &self.policies {
            for m in &pr.months {
                let groups = std::iter::once(("organisation", &m.figures))
                    .chain(m.cost_centres.iter().map(|c| (c.name.as_str(), &c.figures)));
                for (group, f) in groups {
                    for (metric, p) in f.rows() {
                        w.write_record([
                            pr.name.as_str(),
                            group,
                            &m.month.to_string(),
                            &metric,
                            &cell(p.p10),
                            &cell(p.p50),
                            &cell(p.p90),
                            &cell(p.mean),
                        ])
                        .expect("in-memory");
                    }
                }
            }
        }
        String::from_utf8(w.into_inner().expect("in-memory")).expect("UTF-8")
    }
}

/// Draw-by-draw differences of every policy set against every other.
fn deltas(v: &ValidScenario, draws: &[DrawResult]) -> Vec<Vec<Delta>> {
    let np = v.policies.len();
    // totals[k][d] = (spend, waste, useful)
    let totals: Vec<Vec<(f64, f64, f64)>> = (0..np)
        .map(|k| {
            draws
                .iter()
                .map(|d| {
                    let mut t = (0.0, 0.0, 0.0);
                    for row in d.policies[k].rows.org_rows() {
                        t.0 += value(row, Quantity::Spend);
                        t.1 += waste(row);
                        t.2 += value(row, Quantity::Useful);
                    }
                    t
                })
                .collect()
        })
        .collect();
    (0..np)
        .map(|b| {
            (0..np)
                .map(|k| {
                    let diff = |f: &dyn Fn(&(f64, f64, f64)) -> f64| {
                        let mut v: Vec<f64> = totals[k]
                            .iter()
                            .zip(&totals[b])
                            .map(|(x, y)| f(x) - f(y))
                            .collect();
                        Percentiles::of(&mut v)
                    };
                    Delta {
                        policy: v.policies[k].name.clone(),
                        baseline: v.policies[b].name.clone(),
                        total_spend_usd: diff(&|t| t.0),
                        waste_usd: diff(&|t| t.1),
                        useful_deployments: diff(&|t| t.2),
                        cost_per_useful_change_usd: diff(&|t| ratio(t.0, t.2)),
                        cost_more_probability: totals[k]
                            .iter()
                            .zip(&totals[b])
                            .filter(|(x, y)| x.0 > y.0)
                            .count() as f64
                            / draws.len().max(1) as f64,
                    }
                })
                .collect()
        })
        .collect()
}

impl Figures {
    /// Every figure with a metric name, for the CSV.
    pub fn rows(&self) -> Vec<(String, Percentiles)> {
        let mut rows = vec![
            ("spend_usd".to_string(), self.spend_usd),
            ("list_cost_usd".into(), self.list_cost_usd),
            ("effective_cost_usd".into(), self.effective_cost_usd),
            (
                "commitment_shortfall_usd".into(),
                self.commitment_shortfall_usd,
            ),
            ("token_spend_usd".into(), self.token_spend_usd),
            ("seat_usd".into(), self.seat_usd),
            ("overage_usd".into(), self.overage_usd),
            ("waste_gaming_usd".into(), self.waste_usd.gaming),
            ("waste_unshipped_usd".into(), self.waste_usd.unshipped),
            ("waste_cap_killed_usd".into(), self.waste_usd.cap_killed),
            ("waste_rework_usd".into(), self.waste_usd.rework),
            ("useful_deployments".into(), self.useful_deployments),
            ("reported_deployments".into(), self.reported_deployments),
            ("baseline_deployments".into(), self.baseline_deployments),
            ("adopted_share".into(), self.adopted_share),
            ("gamer_share".into(), self.gamer_share),
            ("capped_user_share".into(), self.capped_user_share),
            ("suppressed_demand_usd".into(), self.suppressed_demand_usd),
            ("spend_per_adopter_usd".into(), self.spend_per_adopter_usd),
            (
                "cumulative_budget_spend_usd".into(),
                self.cumulative_budget_spend_usd,
            ),
            (
                "cost_per_useful_change_usd".into(),
                self.cost_per_useful_change_usd,
            ),
            (
                "incremental_cost_per_useful_change_usd".into(),
                self.incremental_cost_per_useful_change_usd,
            ),
        ];
        rows.extend(
            self.spend_by_model_usd
                .iter()
                .map(|(m, p)| (format!("spend_usd[{m}]"), *p)),
        );
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_summed_from_parts_stays_within_one_when_the_parts_are_all_of_it() {
        // 0.1 + 0.2 rounds to 0.30000000000000004: all waste, as a share of a spend of 0.3.
        assert_eq!(share(0.1 + 0.2, 0.3), 1.0);
        assert_eq!(share(-1e-18, 1.0), 0.0);
        assert_eq!(share(1.0, 0.0), 0.0);
        assert_eq!(share(0.25, 1.0), 0.25);
    }
}
