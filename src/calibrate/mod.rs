//! Calibration: fits a scenario to an organisation's own usage exports. Rows stream into a
//! [`UsageSums`] (per person and month, per model; nothing else is kept), then [`UsageSums::fit`]
//! turns the sums into a scenario: per-user spend (a lognormal, right-censored at a known
//! spending cap), the agentic share, adoption (Bass, from the month each person was first
//! seen), the token and model mix, and the organisation's cost centres and teams. Every fitted
//! value's 90 % interval becomes its prior, and the scenario carries a [`Provenance`] saying what
//! was fitted, how, and what kept its default. People's names never leave the sums.
//!
//! Method and limits: docs/calibration.md.

pub mod bass;
pub mod batch;
pub(crate) mod diagnostics;
pub mod lognormal;

pub use diagnostics::{AdoptionCurve, Diagnostics, SpendHistogram};

use crate::calendar::YearMonth;
use crate::pricing::Catalogue;
use crate::scenario::{
    builtin_prices, Actuals, CentreActuals, CostCentre, Discount, Fitted, ModelShare, NotFitted,
    Observed, PricingTerms, Prior, Provenance, Scenario, SourceCount, Team, TokenMixSpec,
    MAX_ACTUAL_MONTHS, PARAMS,
};
use crate::usage::{CostBasis, Source, UsageRow};
use lognormal::{Observation, SigmaPrior};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

/// A month at or above this share of the cap counts as held back by it.
const CAPPED_AT: f64 = 0.98;
/// z of a two-sided 90 % interval.
const Z90: f64 = 1.644_853_626_951_472_2;
/// Months a calibrated scenario runs past the last observed month.
pub const FORECAST_MONTHS: u32 = 12;
/// Longest horizon a scenario may have [months] (the `months` field's range).
const MAX_MONTHS: u32 = 120;
/// The prior on σ's log-sd: weak (its 90 % range spans a factor of 2.3 each way).
const SIGMA_PRIOR_LOG_SD: f64 = 0.5;
/// The smallest median the prior on σ takes (a base scenario with σ = 0 still gets a prior).
const MIN_PRIOR_SIGMA: f64 = 0.1;
/// Developer-draws a calibrated scenario may simulate in all: the default scenario's work
/// (2,000 developers × 200 draws) [developers × draws].
const DRAW_WORK: u64 = 400_000;
/// Most draws a calibrated scenario gets [draws].
const MAX_CALIBRATED_DRAWS: u32 = 2_000;
/// Fewest people the agentic share is fitted from.
const MIN_PEOPLE: usize = 20;
/// The cost centre of people whose rows name none.
const UNNAMED: &str = "Organisation";

/// Why a calibration could not be made.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CalibrateError {
    /// No row had a month and a cost or tokens.
    #[error("the usage files hold no usage to calibrate from (no row with tokens or a cost)")]
    NoUsage,
    /// The files' dates span more months than a scenario's actuals can hold.
    #[error(
        "the usage files' dates span {first} – {last}, {months} months; at most {max} months \
         can be calibrated from (check the files' date column)"
    )]
    TooLong {
        /// The first month with usage.
        first: YearMonth,
        /// The last month with usage.
        last: YearMonth,
        /// Months from the first to the last.
        months: usize,
        /// The most allowed.
        max: usize,
    },
    /// The fitted scenario failed validation (a bug, reported rather than hidden).
    #[error("the calibrated scenario is not valid: {0}")]
    Invalid(String),
}

/// What the exports alone cannot say: the CLI's `--cap` and `--seats`, the usage panel's
/// "Per-user cap" and "Seats".
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Options {
    /// The per-user monthly spending cap in force when the exports were made [USD]; months at
    /// it are right-censored.
    pub cap_usd: Option<f64>,
    /// Seats (everyone who could use the tools, users or not) [developers].
    pub seats: Option<u32>,
}

/// One person's month.
#[derive(Debug, Clone, Copy, Default)]
struct PersonMonth {
    /// Tokens priced at the reference model's list prices [USD].
    reference_usd: f64,
    /// Gross cost as the export states or prices it [USD].
    gross_usd: f64,
}

/// One person, by index in [`UsageSums::people`].
#[derive(Debug, Clone, Default)]
struct Person {
    cost_centre: Option<String>,
    team: Option<String>,
    months: BTreeMap<YearMonth, PersonMonth>,
    /// Their billed rows: the cost the exports state, and their tokens at list price [USD].
    billed: Billed,
}

/// Rows with both a cost from the export and tokens of a model the price table lists: what
/// was billed and what the tokens cost at list price.
#[derive(Debug, Clone, Copy, Default)]
struct Billed {
    /// Gross cost as the export states it [USD].
    gross_usd: f64,
    /// The same tokens at the model's list prices in force in the row's month [USD].
    list_usd: f64,
    /// Rows [rows].
    rows: u64,
}

impl Billed {
    fn add(&mut self, gross_usd: f64, list_usd: f64) {
        self.gross_usd += gross_usd;
        self.list_usd += list_usd;
        self.rows += 1;
    }
}

/// Token totals of one model [tokens], and its gross cost [USD].
#[derive(Debug, Clone, Copy, Default)]
struct ModelSums {
    input: f64,
    cache_read: f64,
    cache_write: f64,
    output: f64,
    gross_usd: f64,
    known: bool,
    billed: Billed,
    /// List prices of input, cache read, cache write, output in the month last priced
    /// [USD / token]; `None` when the built-in table has no price then.
    list: Option<(YearMonth, Option<[f64; 4]>)>,
}

impl ModelSums {
    /// This model's list prices in force in `month` [USD / token], as the built-in table
    /// states them on the month's first day.
    fn list_prices(&mut self, id: &str, month: YearMonth) -> Option<[f64; 4]> {
        match self.list {
            Some((m, prices)) if m == month => prices,
            _ => {
                let prices = builtin_prices()
                    .get(id)
                    .and_then(|m| m.list_prices_on(month.first_day()))
                    .map(per_token);
                self.list = Some((month, prices));
                prices
            }
        }
    }
}

/// List prices per token type [USD / token]: input, cache read, cache write (5 minutes),
/// output.
fn per_token(p: crate::pricing::Prices) -> [f64; 4] {
    [
        p.input.0 / 1e6,
        p.cache_read.0 / 1e6,
        p.cache_write_5m.0 / 1e6,
        p.output.0 / 1e6,
    ]
}

/// Usage rows summed by person and month and by model, ready to fit.
#[derive(Debug, Clone, Default)]
pub struct UsageSums {
    index: HashMap<String, usize>,
    people: Vec<Person>,
    models: BTreeMap<String, ModelSums>,
    monthly_gross: BTreeMap<YearMonth, f64>,
    /// Gross spend by cost centre (the organisation's name when a row names no cost centre)
    /// and month [USD].
    centre_monthly: BTreeMap<String, BTreeMap<YearMonth, f64>>,
    sources: BTreeMap<&'static str, (u32, u64)>,
    rows: u64,
    rows_without_tokens: u64,
    rows_without_user: u64,
    /// Rows with tokens of a listed model whose cost the export does not state (or that the
    /// built-in table has no price for in the row's month): they keep list price [rows].
    rows_at_list: u64,
    /// Rows with tokens of models the price table does not list: simulated as the model mix,
    /// at its prices [rows].
    rows_unlisted: u64,
    /// Reference-model list prices [USD / token] of input, cache read, cache write, output.
    reference: [f64; 4],
    /// The prior on the spread of spend: the base scenario's σ, weakly held.
    sigma_prior: SigmaPrior,
    /// The last Bass fit made, with its inputs (see [`UsageSums::adoption_fit`]).
    bass: RefCell<Option<BassMemo>>,
}

/// A Bass fit and what it was made of: the people first seen by month, cumulated, and the
/// largest market allowed [people].
type BassMemo = (Vec<f64>, f64, Option<bass::BassFit>);

impl UsageSums {
    /// Empty sums, pricing tokens at `base`'s reference model's list prices on the day demand
    /// is calibrated (as the engine reads `usage.mean_spend_usd`).
    pub fn new(base: &Scenario) -> UsageSums {
        let day = crate::scenario::demand_calibration_day();
        let reference = builtin_prices()
            .get(&base.reference_model)
            .and_then(|m| m.list_prices_on(day))
            .map(per_token)
            .unwrap_or([0.0; 4]);
        UsageSums {
            reference,
            sigma_prior: SigmaPrior {
                median: base.usage.sigma.max(MIN_PRIOR_SIGMA),
                log_sd: SIGMA_PRIOR_LOG_SD,
            },
            ..UsageSums::default()
        }
    }

    /// Counts a file of `source` read.
    pub fn file(&mut self, source: Source) {
        self.sources.entry(source.name()).or_default().0 += 1;
    }

    /// Adds one row.
    pub fn add(&mut self, row: &UsageRow) {
        let tokens = [
            row.input.0,
            row.cache_read.0,
            row.cache_write.0,
            row.output.0,
        ];
        let gross = row.gross.map_or(0.0, |u| u.0);
        let has_tokens = tokens.iter().any(|t| *t > 0.0);
        if !has_tokens && gross == 0.0 {
            return;
        }
        self.rows += 1;
        self.sources.entry(row.source.name()).or_default().1 += 1;
        let month = row.day.month();
        *self.monthly_gross.entry(month).or_default() += gross;
        if let Some(centre) = row.cost_centre.as_ref().or(row.organisation.as_ref()) {
            let months = match self.centre_monthly.get_mut(centre) {
                Some(m) => m,
                None => self.centre_monthly.entry(centre.clone()).or_default(),
            };
            *months.entry(month).or_default() += gross;
        }
        let m = match self.models.get_mut(&row.model.id) {
            Some(m) => m,
            None => self.models.entry(row.model.id.clone()).or_default(),
        };
        m.known = row.model.known;
        m.input += tokens[0];
        m.cache_read += tokens[1];
        m.cache_write += tokens[2];
        m.output += tokens[3];
        m.gross_usd += gross;
        let billed = match (row.basis, row.gross) {
            (CostBasis::File, Some(g)) if has_tokens && row.model.known => m
                .list_prices(&row.model.id, month)
                .map(|p| (g.0, tokens.iter().zip(p).map(|(t, p)| t * p).sum::<f64>()))
                .filter(|(_, list)| *list > 0.0),
            _ => None,
        };
        match billed {
            Some((g, list)) => m.billed.add(g, list),
            None if has_tokens && !row.model.known => self.rows_unlisted += 1,
            None if has_tokens => self.rows_at_list += 1,
            None => {}
        }
        let reference_usd = if has_tokens {
            tokens.iter().zip(self.reference).map(|(t, p)| t * p).sum()
        } else {
            self.rows_without_tokens += 1;
            gross
        };
        let Some(user) = &row.user else {
            self.rows_without_user += 1;
            return;
        };
        let next = self.people.len();
        let i = match self.index.get(user) {
            Some(&i) => i,
            None => *self.index.entry(user.clone()).or_insert(next),
        };
        if i == next {
            self.people.push(Person {
                cost_centre: row.cost_centre.clone().or_else(|| row.organisation.clone()),
                team: row.team.clone(),
                months: BTreeMap::new(),
                billed: Billed::default(),
            });
        }
        let person = &mut self.people[i];
        if let Some((g, list)) = billed {
            person.billed.add(g, list);
        }
        let pm = person.months.entry(month).or_default();
        pm.reference_usd += reference_usd;
        pm.gross_usd += gross;
    }

    /// The scenario fitted to the sums, starting from `base` (whose values stand wherever the
    /// exports say nothing), validated against `catalogue`.
    pub fn fit(
        &self,
        base: &Scenario,
        options: Options,
        catalogue: &Catalogue,
    ) -> Result<Scenario, CalibrateError> {
        let (Some(&first), Some(&last)) = (
            self.monthly_gross.keys().next(),
            self.monthly_gross.keys().next_back(),
        ) else {
            return Err(CalibrateError::NoUsage);
        };
        let span = (last.ordinal() - first.ordinal() + 1) as usize;
        if span > MAX_ACTUAL_MONTHS {
            return Err(CalibrateError::TooLong {
                first,
                last,
                months: span,
                max: MAX_ACTUAL_MONTHS,
            });
        }
        let mut s = base.clone();
        let mut fit = Fits::default();
        self.fit_spend(&mut s, options, &mut fit);
        self.fit_ramp(&mut s, &mut fit);
        let cumulative = self.cumulative_users(first, span);
        let lead = self.fit_adoption(&mut s, options, &cumulative, &mut fit);
        self.fit_mixes(&mut s, &mut fit);
        self.fit_prices(&mut s, &mut fit);
        self.fit_organisation(&mut s, options, &mut fit);
        schedule_policies(&mut s, last.plus(1), options, &mut fit.not_fitted);
        let lead = lead.min(MAX_MONTHS.saturating_sub(span as u32 + 1));
        s.start_month = month_before(first, lead);
        s.months = (lead + span as u32 + FORECAST_MONTHS).min(MAX_MONTHS);
        s.name = format!(
            "Calibrated to usage {first} – {last} ({} people)",
            self.people.len()
        );
        more_draws(&mut s, catalogue, &mut fit);
        s.provenance = Some(Provenance {
            sources: self
                .sources
                .iter()
                .map(|(format, &(files, rows))| SourceCount {
                    format: (*format).into(),
                    files,
                    rows,
                })
                .collect(),
            rows: self.rows,
            users: self.people.len() as u64,
            first_month: first,
            last_month: last,
            fitted: fit.fitted,
            not_fitted: fit.not_fitted,
            observed: Observed {
                monthly_gross_usd: (0..span)
                    .map(|k| {
                        self.monthly_gross
                            .get(&first.plus(k as u32))
                            .copied()
                            .unwrap_or(0.0)
                    })
                    .collect(),
                cumulative_users: cumulative.iter().map(|&c| c as u64).collect(),
                top_decile_share: fit.top_observed,
                top_decile_share_fitted: fit.top_fitted,
                fitted_users: fit.spend_users,
                censored_users: fit.censored_users,
                rows_without_tokens: self.rows_without_tokens,
                rows_without_user: self.rows_without_user,
            },
        });
        s.actuals = Some(self.actuals(first, span));
        s.validate(catalogue)
            .map_err(|e| CalibrateError::Invalid(e.to_string()))?;
        Ok(s)
    }

    /// The observed gross spend of each month from `first` on, for the organisation and for
    /// each cost centre the rows name.
    fn actuals(&self, first: YearMonth, span: usize) -> Actuals {
        let series = |m: &BTreeMap<YearMonth, f64>| -> Vec<f64> {
            (0..span)
                .map(|k| {
                    // A month of refunds alone counts as nothing spent.
                    m.get(&first.plus(k as u32))
                        .copied()
                        .unwrap_or(0.0)
                        .max(0.0)
                })
                .collect()
        };
        Actuals {
            first_month: first,
            monthly_usd: series(&self.monthly_gross),
            cost_centres: self
                .centre_monthly
                .iter()
                .take(crate::scenario::MAX_ACTUAL_CENTRES)
                .map(|(name, m)| CentreActuals {
                    name: name.clone(),
                    monthly_usd: series(m),
                })
                .collect(),
        }
    }

    /// People first seen by the end of each month from `first` on.
    fn cumulative_users(&self, first: YearMonth, span: usize) -> Vec<f64> {
        let mut new = vec![0.0; span];
        for p in &self.people {
            if let Some(m) = p.months.keys().next() {
                new[(m.ordinal() - first.ordinal()) as usize] += 1.0;
            }
        }
        new.iter()
            .scan(0.0, |acc, n| {
                *acc += n;
                Some(*acc)
            })
            .collect()
    }

    /// Per-user spend and the agentic share. A person's level is their mean monthly spend at
    /// the reference model's prices, leaving out their first month (partial, and in the
    /// learning ramp) when they have more; people below twice a completion-only user's spend
    /// count as completion-only, so the spend sample is truncated there and the fit says so.
    /// The spread σ is the lognormal's penalised likelihood fit (the base scenario's σ as a weak
    /// prior); the mean is set so that the organisation's expected spend per person is the
    /// observed one: `a·mean + (1 − a)·completion = mean level`, a censored level counted as
    /// the fitted lognormal's mean above it.
    fn fit_spend(&self, s: &mut Scenario, options: Options, fit: &mut Fits) {
        let threshold = 2.0 * s.usage.completion_usd;
        let SpendSample {
            agentic,
            sample,
            totals,
            levels,
        } = self.spend_sample(threshold, options);
        fit.top_observed = lognormal::observed_top_decile_share(&totals);
        let spread = self.spread(&sample, threshold);
        let users = self.people.len();
        let mut share_rel_se = 0.0;
        if users >= MIN_PEOPLE {
            // Agentic people below the threshold were counted as completion-only: the fitted
            // distribution says how many.
            let above = spread.map_or(1.0, |f| f.survival(threshold)).max(1e-9);
            let share = (agentic as f64 / users as f64 / above).min(1.0);
            let se = (share * (1.0 - share) / users as f64).sqrt();
            share_rel_se = se / share.max(1e-9);
            fit.set(
                s,
                "usage.agentic_share",
                share,
                se,
                &format!("share of the {users} people whose monthly spend at the reference model's prices is at least ${threshold:.0} (twice a completion-only user's), divided by the fitted share of agentic users above that"),
            );
        } else {
            fit.skip(
                "usage.agentic_share",
                &format!("fewer than {MIN_PEOPLE} people named in the exports"),
            );
        }
        let Some(f) = spread else {
            let why = "fewer than three agentic people active two months or more, or no spread";
            fit.skip("usage.sigma", why);
            fit.skip("usage.mean_spend_usd", why);
            return;
        };
        fit.spend_users = f.n as u64;
        fit.censored_users = f.censored as u64;
        fit.top_fitted = Some(f.top_decile_share());
        let cap = match options.cap_usd {
            Some(cap) => format!(
                ", {} of them right-censored at the ${cap:.0} monthly cap",
                f.censored
            ),
            None => " (no cap given)".into(),
        };
        let prior = self.sigma_prior;
        let method = format!(
            "lognormal penalised maximum likelihood over {} agentic people active two months or more, truncated below ${threshold:.0}{cap}; weak prior on σ: lognormal, median {:.2} (the scenario's), log-sd {:.1}",
            f.n, prior.median, prior.log_sd
        );
        fit.set(s, "usage.sigma", f.sigma, f.sigma_se, &method);
        // Each person's level, a censored one raised to the fit's mean above it.
        let raised: Vec<f64> = levels
            .iter()
            .map(|o| {
                if o.censored {
                    o.value.max(f.mean_above(o.value))
                } else {
                    o.value
                }
            })
            .collect();
        let n = raised.len() as f64;
        let mean_level = raised.iter().sum::<f64>() / n;
        let sd = (raised.iter().map(|x| (x - mean_level).powi(2)).sum::<f64>()
            / (n - 1.0).max(1.0))
        .sqrt();
        let a = s.usage.agentic_share.max(1e-9);
        let completion = s.usage.completion_usd;
        let mean = ((mean_level - (1.0 - a) * completion) / a).max(threshold);
        let log_se = ((sd / n.sqrt() / mean_level.max(1e-9)).powi(2) + share_rel_se.powi(2)).sqrt();
        fit.set_lognormal(
            s,
            "usage.mean_spend_usd",
            mean,
            log_se,
            &format!(
                "the mean that gives the observed mean level of the {users} people (${mean_level:.2} a month at the reference model's list prices): agentic share × mean + (1 − agentic share) × ${completion:.0} completion-only; interval from the levels' standard error{}",
                if f.censored > 0 { "; a censored level counts as the fitted lognormal's mean above it" } else { "" }
            ),
        );
    }

    /// The lognormal fitted to the agentic people's levels, truncated below `threshold`, with
    /// the base scenario's σ as a weak prior.
    fn spread(&self, sample: &[Observation], threshold: f64) -> Option<lognormal::LognormalFit> {
        lognormal::fit(sample, threshold, Some(self.sigma_prior))
    }

    /// The learning ramp from each person's first months: with `L` a person's mean monthly
    /// spend from their third month on (at the reference model's prices), the floor is
    /// `r0 = Σ spend in the first month / Σ L` and the second month's share `r1` gives the time
    /// constant, `r1 = 1 − (1 − r0)·e^{−1/τ}`, over the people seen for three months or more.
    /// A first month is often partial (people start mid-month); the floor holds that too, as
    /// the simulation's month of adoption should.
    fn fit_ramp(&self, s: &mut Scenario, fit: &mut Fits) {
        let mut first = Vec::new();
        let mut second = Vec::new();
        for p in &self.people {
            let Some(start) = p.months.keys().next().map(|m| m.ordinal()) else {
                continue;
            };
            let at = |k: i64| {
                p.months
                    .iter()
                    .find(|(m, _)| m.ordinal() - start == k)
                    .map_or(0.0, |(_, v)| v.reference_usd)
            };
            let later: Vec<f64> = p
                .months
                .iter()
                .filter(|(m, _)| m.ordinal() - start >= 2)
                .map(|(_, v)| v.reference_usd)
                .collect();
            if later.is_empty() {
                continue;
            }
            let level = later.iter().sum::<f64>() / later.len() as f64;
            first.push((at(0), level));
            second.push((at(1), level));
        }
        let ratio = |v: &[(f64, f64)]| {
            let level: f64 = v.iter().map(|x| x.1).sum();
            (level > 0.0).then(|| v.iter().map(|x| x.0).sum::<f64>() / level)
        };
        let (Some(r0), Some(r1), true) = (ratio(&first), ratio(&second), first.len() >= MIN_PEOPLE)
        else {
            let why = format!("fewer than {MIN_PEOPLE} people seen for three months or more");
            fit.skip("adoption.ramp_floor", &why);
            fit.skip("adoption.ramp_months", &why);
            return;
        };
        let (floor_lo, floor_hi) = range("adoption.ramp_floor");
        let (tau_lo, tau_hi) = range("adoption.ramp_months");
        let floor = r0.clamp(floor_lo, floor_hi);
        // r1 = 1 − (1 − r0)·e^{−1/τ}: a second month at or above full use is a ramp over
        // within the month; one no higher than the first, the slowest ramp allowed.
        let tau = |r1: f64| {
            let left = (1.0 - r1) / (1.0 - floor);
            if floor >= 1.0 || left <= 0.0 {
                tau_lo
            } else if left >= 1.0 {
                tau_hi
            } else {
                (-1.0 / libm::log(left)).clamp(tau_lo, tau_hi)
            }
        };
        let n = first.len();
        let method = |what: &str| {
            format!("{what} over the {n} people seen for three months or more, against their mean monthly spend from the third month on (a first month is often partial)")
        };
        fit.set(
            s,
            "adoption.ramp_floor",
            floor,
            ratio_se(first.iter().copied(), r0),
            &method(&format!("first month's spend, {:.0} % of full", r0 * 100.0)),
        );
        let se1 = ratio_se(second.iter().copied(), r1);
        let (a, b) = (tau(r1 - Z90 * se1), tau(r1 + Z90 * se1));
        fit.interval_param(
            s,
            "adoption.ramp_months",
            tau(r1),
            a.min(b),
            a.max(b),
            &method(&format!(
                "second month's spend, {:.0} % of full",
                r1 * 100.0
            )),
        );
    }

    /// Bass's diffusion fitted to `cumulative` (people first seen by month, cumulated) with a
    /// market of at most `max_market` people: [`bass::fit`], made once for the fitted scenario
    /// and its diagnostics, which ask for the same fit (its grid search is about a quarter of a
    /// calibration's time).
    fn adoption_fit(&self, cumulative: &[f64], max_market: f64) -> Option<bass::BassFit> {
        let same = |(c, m, _): &BassMemo| {
            m.to_bits() == max_market.to_bits()
                && c.iter()
                    .map(|x| x.to_bits())
                    .eq(cumulative.iter().map(|x| x.to_bits()))
        };
        if let Some(memo) = self.bass.borrow().as_ref().filter(|memo| same(memo)) {
            return memo.2;
        }
        let fit = bass::fit(cumulative, max_market);
        *self.bass.borrow_mut() = Some((cumulative.to_vec(), max_market, fit));
        fit
    }

    /// The spend sample of the people at or above `threshold` [USD / month]: each person's
    /// level (mean monthly spend at the reference model's prices, their first month left out
    /// when they have more), censored when a month reached the cap.
    fn spend_sample(&self, threshold: f64, options: Options) -> SpendSample {
        let mut out = SpendSample::default();
        for p in &self.people {
            let months: Vec<&PersonMonth> = p.months.values().collect();
            let rest = if months.len() > 1 {
                &months[1..]
            } else {
                &months[..]
            };
            let level = rest.iter().map(|m| m.reference_usd).sum::<f64>() / rest.len() as f64;
            let censored = options
                .cap_usd
                .is_some_and(|cap| rest.iter().any(|m| m.gross_usd >= CAPPED_AT * cap));
            let observation = Observation {
                value: level,
                censored,
            };
            out.levels.push(observation);
            if level < threshold {
                continue;
            }
            out.agentic += 1;
            out.totals
                .push(months.iter().map(|m| m.reference_usd).sum::<f64>());
            if months.len() >= 2 {
                out.sample.push(observation);
            }
        }
        out
    }

    /// Bass coefficients and the market potential; returns the months adoption ran before the
    /// exports begin.
    fn fit_adoption(
        &self,
        s: &mut Scenario,
        options: Options,
        cumulative: &[f64],
        fit: &mut Fits,
    ) -> u32 {
        let seen = cumulative.last().copied().unwrap_or(0.0);
        let max_market = options.seats.map_or(seen, f64::from).max(seen);
        match self.adoption_fit(cumulative, max_market) {
            Some(b) => {
                let method = format!(
                    "least squares of people first seen by month on Bass's closed form (RMSE {:.1} people), adoption begun {} months before the exports",
                    b.rmse, b.lead_months
                );
                fit.set(s, "adoption.p", b.p, b.p_se, &method);
                fit.set(s, "adoption.q", b.q, b.q_se, &method);
                match options.seats {
                    Some(seats) if seats > 0 => {
                        let share = b.market / f64::from(seats);
                        fit.set(
                            s,
                            "adoption.market_potential",
                            share,
                            0.0,
                            &format!("fitted eventual adopters over {seats} seats"),
                        );
                    }
                    _ => {
                        s.adoption.market_potential = 1.0;
                        fit.skip("adoption.market_potential", "set to 1: without seats the organisation is the people seen, and all of them adopted");
                    }
                }
                b.lead_months
            }
            None => {
                let why = format!(
                    "fewer than {} months or {} people in the exports",
                    bass::MIN_MONTHS,
                    bass::MIN_USERS
                );
                fit.skip("adoption.p", &why);
                fit.skip("adoption.q", &why);
                0
            }
        }
    }

    /// Token mix over every model, and the model mix by tokens over the models the price table
    /// knows.
    fn fit_mixes(&self, s: &mut Scenario, fit: &mut Fits) {
        let sum = |f: fn(&ModelSums) -> f64| self.models.values().map(f).sum::<f64>();
        let parts = [
            sum(|m| m.input),
            sum(|m| m.cache_read),
            sum(|m| m.cache_write),
            sum(|m| m.output),
        ];
        let total: f64 = parts.iter().sum();
        if total > 0.0 {
            s.token_mix = TokenMixSpec {
                input: parts[0] / total,
                cache_read: parts[1] / total,
                cache_write_5m: parts[2] / total,
                cache_write_1h: 0.0,
                output: parts[3] / total,
            };
            fit.note("token_mix", s.token_mix.cache_read, "shares of each token type over every row with token counts (cache writes as 5-minute writes: the exports do not tell them apart); value: the cache-read share");
        } else {
            fit.skip("token_mix", "no row has token counts");
        }
        let known: Vec<(&String, f64)> = self
            .models
            .iter()
            .filter(|(_, m)| m.known)
            .map(|(id, m)| (id, m.input + m.cache_read + m.cache_write + m.output))
            .filter(|(_, t)| *t > 0.0)
            .collect();
        let known_total: f64 = known.iter().map(|(_, t)| t).sum();
        if known_total > 0.0 {
            s.model_mix = known
                .iter()
                .map(|(id, t)| ModelShare {
                    model: (*id).clone(),
                    share: t / known_total,
                })
                .collect();
            let unknown: Vec<&str> = self
                .models
                .iter()
                .filter(|(_, m)| !m.known)
                .map(|(id, _)| id.as_str())
                .collect();
            let also = if unknown.is_empty() {
                String::new()
            } else {
                format!("; left out, not in the price table: {}", unknown.join(", "))
            };
            fit.note(
                "model_mix",
                known.len() as f64,
                &format!(
                    "token shares of the {} models the price table knows{also}",
                    known.len()
                ),
            );
        } else {
            fit.skip(
                "model_mix",
                "no row names a model of the price table with token counts",
            );
        }
    }

    /// The price level paid: for each model of the mix, what its billed rows cost over their
    /// tokens at list price. Below list it becomes the model's discount, above it the model's
    /// prices scaled, carried by the scenario; the organisation's level (billed over list of
    /// every billed row) is recorded with a 90 % interval from the spread between people.
    /// The scenario's own discounts and carried prices are replaced: the billed amounts
    /// already include whatever agreement was in force.
    fn fit_prices(&self, s: &mut Scenario, fit: &mut Fits) {
        let total = self.models.values().fold(Billed::default(), |t, m| Billed {
            gross_usd: t.gross_usd + m.billed.gross_usd,
            list_usd: t.list_usd + m.billed.list_usd,
            rows: t.rows + m.billed.rows,
        });
        let mut at_list = match self.rows_at_list {
            0 => String::new(),
            n => format!(
                "; {} without a cost in the exports stay at list price (ratio 1)",
                plural(n, "row", "rows")
            ),
        };
        if self.rows_unlisted > 0 {
            at_list += &format!(
                "; {} of models the price table does not list are simulated as the mix, at its prices paid",
                plural(self.rows_unlisted, "row", "rows")
            );
        }
        if total.list_usd <= 0.0 || total.gross_usd <= 0.0 {
            fit.skip(
                "pricing",
                &format!("no row has both a cost and token counts of a model the price table lists: list prices kept{at_list}"),
            );
            return;
        }
        let level = total.gross_usd / total.list_usd;
        let se = ratio_se(
            self.people
                .iter()
                .filter(|p| p.billed.list_usd > 0.0)
                .map(|p| (p.billed.gross_usd, p.billed.list_usd)),
            level,
        );
        let builtin = builtin_prices();
        let mut scaled = Vec::new();
        let mut discounts = Vec::new();
        let mut each = Vec::new();
        for share in &s.model_mix {
            let Some(m) = self.models.get(&share.model) else {
                continue;
            };
            if m.billed.list_usd <= 0.0 || m.billed.gross_usd <= 0.0 {
                each.push(format!("{} at list (no billed rows)", share.model));
                continue;
            }
            let r = m.billed.gross_usd / m.billed.list_usd;
            each.push(format!("{} {}", share.model, times(r)));
            if r < 1.0 - AT_LIST {
                discounts.push(Discount {
                    provider: None,
                    model: Some(share.model.clone()),
                    percent: ((1.0 - r) * 100.0).clamp(0.0, 100.0),
                });
            } else if r > 1.0 + AT_LIST {
                if let Some(price) = builtin.get(&share.model) {
                    scaled.push(price.scaled(
                        r,
                        "usage exports",
                        &format!("list price {} as billed in the usage exports", times(r)),
                    ));
                }
            }
        }
        let how = match (scaled.is_empty(), discounts.is_empty()) {
            (true, true) => "list prices kept",
            (false, true) => "carried as the scenario's prices, list scaled",
            (true, false) => "set as discounts off list",
            (false, false) => "carried as scaled prices above list and discounts below it",
        };
        s.pricing.discounts = discounts;
        s.pricing.prices = PricingTerms::carried_entries(scaled);
        fit.interval(
            "pricing",
            level,
            (level - Z90 * se).max(0.0),
            level + Z90 * se,
            &format!(
                "prices paid: {} the list price, billed cost over the same tokens at the price table's list prices, from {} ({}); {how}{at_list}",
                times(level),
                plural(total.rows, "billed row", "billed rows"),
                each.join(", ")
            ),
        );
    }

    /// Cost centres and teams from the exports' columns, headcount from the people seen or
    /// the seats.
    fn fit_organisation(&self, s: &mut Scenario, options: Options, fit: &mut Fits) {
        if self.people.is_empty() {
            fit.skip("organisation", "no row names a person");
            return;
        }
        let mut centres: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
        for p in &self.people {
            let centre = p.cost_centre.as_deref().unwrap_or(UNNAMED);
            let team = p.team.as_deref().unwrap_or(centre);
            *centres.entry(centre).or_default().entry(team).or_default() += 1;
        }
        let agentic = s.usage.agentic_share;
        s.organisation.cost_centres = centres
            .into_iter()
            .map(|(name, teams)| CostCentre {
                name: name.into(),
                teams: teams
                    .into_iter()
                    .map(|(team, developers)| Team {
                        name: team.into(),
                        developers,
                        agentic_share: Some(agentic),
                        usage_multiplier: 1.0,
                        model_mix: None,
                    })
                    .collect(),
                annual_budget_usd: None,
            })
            .collect();
        let seen = self.people.len() as u32;
        let headcount = options.seats.unwrap_or(seen).max(seen);
        s.scale_developers(headcount);
        let how = match options.seats {
            Some(_) => format!("{seen} people seen, scaled to {headcount} seats"),
            None => {
                format!("{seen} people seen (give seats to count those who never used the tools)")
            }
        };
        fit.note(
            "organisation",
            f64::from(headcount),
            &format!("cost centres and teams from the exports' columns; {how}"),
        );
    }
}

/// The agentic people's spend, as the fit reads it.
#[derive(Debug, Default)]
struct SpendSample {
    /// People at or above the threshold [developers].
    agentic: usize,
    /// Levels of those active two months or more [USD / month].
    sample: Vec<Observation>,
    /// Each agentic person's total over the exports [USD].
    totals: Vec<f64>,
    /// Everyone's level, agentic or not [USD / month].
    levels: Vec<Observation>,
}

/// A price level within this of 1 is list price.
const AT_LIST: f64 = 0.005;

/// A price level in words, e.g. `3.10×`.
fn times(r: f64) -> String {
    format!("{r:.2}×")
}

/// Whole numbers with a noun, e.g. `1,204 rows`.
fn plural(n: u64, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} {}", if n == 1 { one } else { many })
}

/// Standard error of the ratio estimator `ratio = Σ g / Σ l` over clusters `(g, l)` (people):
/// `√(Σ (g − ratio·l)² / (n (n − 1))) / mean l`; 0 with fewer than two clusters.
fn ratio_se(clusters: impl Iterator<Item = (f64, f64)>, ratio: f64) -> f64 {
    let (mut n, mut l_sum, mut ss) = (0.0, 0.0, 0.0);
    for (g, l) in clusters {
        n += 1.0;
        l_sum += l;
        ss += (g - ratio * l).powi(2);
    }
    if n < 2.0 || l_sum <= 0.0 {
        return 0.0;
    }
    (ss / (n * (n - 1.0))).sqrt() / (l_sum / n)
}

/// `month` less `n` months.
fn month_before(month: YearMonth, n: u32) -> YearMonth {
    let o = month.ordinal() - i64::from(n);
    YearMonth::new((o.div_euclid(12)) as i32, (o.rem_euclid(12) + 1) as u8).unwrap_or(month)
}

/// The fitted and unfitted values collected while fitting.
#[derive(Debug, Default)]
struct Fits {
    fitted: Vec<Fitted>,
    not_fitted: Vec<NotFitted>,
    top_observed: Option<f64>,
    top_fitted: Option<f64>,
    spend_users: u64,
    censored_users: u64,
}

impl Fits {
    /// Sets parameter `path` to `value` with a uniform prior over its 90 % interval (a
    /// standard error of 0 or not finite fixes it), both within the parameter's range.
    fn set(&mut self, s: &mut Scenario, path: &str, value: f64, se: f64, method: &str) {
        let (lo, hi) = range(path);
        let value = value.clamp(lo, hi);
        let (low, high) = if se.is_finite() && se > 0.0 {
            ((value - Z90 * se).max(lo), (value + Z90 * se).min(hi))
        } else {
            (value, value)
        };
        let prior = if high > low {
            Prior::Uniform([low, high])
        } else {
            Prior::Fixed(value)
        };
        self.record(s, path, value, low, high, prior, method);
    }

    /// Sets parameter `path` to `value` with a lognormal prior of log-sd `log_se` centred on it.
    fn set_lognormal(
        &mut self,
        s: &mut Scenario,
        path: &str,
        value: f64,
        log_se: f64,
        method: &str,
    ) {
        let (lo, hi) = range(path);
        let value = value.clamp(lo, hi);
        let (prior, low, high) = if log_se.is_finite() && log_se > 0.0 {
            // A fit too uncertain for a prior's widest log-sd gets the widest.
            let log_se = log_se.min(crate::scenario::MAX_PRIOR_LOG_SD);
            let k = libm::exp(Z90 * log_se);
            let prior = Prior::Lognormal {
                median: value,
                sigma: log_se,
            };
            (prior, (value / k).max(lo), (value * k).min(hi))
        } else {
            (Prior::Fixed(value), value, value)
        };
        self.record(s, path, value, low, high, prior, method);
    }

    /// Sets parameter `path` to `value` with a uniform prior over its 90 % interval
    /// `[low, high]` (a fixed value when the interval is empty).
    fn interval_param(
        &mut self,
        s: &mut Scenario,
        path: &str,
        value: f64,
        low: f64,
        high: f64,
        method: &str,
    ) {
        let prior = if high > low {
            Prior::Uniform([low, high])
        } else {
            Prior::Fixed(value)
        };
        self.record(s, path, value, low, high, prior, method);
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        s: &mut Scenario,
        path: &str,
        value: f64,
        low: f64,
        high: f64,
        prior: Prior,
        method: &str,
    ) {
        s.fix_param(path, value);
        s.uncertainty.priors.insert(path.into(), prior);
        self.fitted.push(Fitted {
            path: path.into(),
            value,
            low,
            high,
            method: method.into(),
        });
    }

    /// Records a value set from the exports with its 90 % interval (no prior: not a model
    /// parameter).
    fn interval(&mut self, path: &str, value: f64, low: f64, high: f64, method: &str) {
        self.fitted.push(Fitted {
            path: path.into(),
            value,
            low,
            high,
            method: method.into(),
        });
    }

    /// Records a structural value set from the exports (no prior).
    fn note(&mut self, path: &str, value: f64, method: &str) {
        self.interval(path, value, value, value, method);
    }

    /// Records that `path` kept its default.
    fn skip(&mut self, path: &str, reason: &str) {
        self.not_fitted.push(NotFitted {
            path: path.into(),
            reason: reason.into(),
        });
    }
}

/// Raises a small organisation's draws to the default scenario's work ([`DRAW_WORK`]), at most
/// [`MAX_CALIBRATED_DRAWS`]: the reforecast weighs the draws by how they follow the months
/// observed, and the months of a small organisation, who adopts when and who spends most, are
/// matched by few of them. A large one keeps the base scenario's draws.
fn more_draws(s: &mut Scenario, catalogue: &Catalogue, fit: &mut Fits) {
    let developers = s.developers().max(1);
    let Ok(v) = s.validate(catalogue) else {
        return;
    };
    let (by_work, by_figures) = crate::limits::most_draws(s, v.cost_centres.len(), v.models.len());
    let draws = (DRAW_WORK / developers)
        .min(u64::from(MAX_CALIBRATED_DRAWS))
        .min(by_work)
        .min(by_figures);
    let draws = u32::try_from(draws / 100 * 100).unwrap_or(MAX_CALIBRATED_DRAWS);
    if draws > s.uncertainty.draws {
        s.uncertainty.draws = draws;
        fit.note(
            "uncertainty.draws",
            f64::from(draws),
            &format!("raised for a small organisation ({developers} developers; at most 2,000 draws, the work of 2,000 developers × 200 draws, within the limits on a run): the reforecast weighs the draws by how they follow the months observed, and needs many"),
        );
    }
}

/// Puts every policy lever that would be in force in the months observed in force from `from`,
/// the month after them, and says so in `notes`: those months are what happened, under
/// whatever the organisation did then (the fitted adoption already holds its mandate), and the
/// policy sets are what it might do next. A lever that ended before `from` stays as it is; so
/// does a per-user budget when the exports were made under a cap ([`Options::cap_usd`]), which
/// was then in force.
fn schedule_policies(
    s: &mut Scenario,
    from: YearMonth,
    options: Options,
    notes: &mut Vec<NotFitted>,
) {
    fn later(start: &mut Option<YearMonth>, end: Option<YearMonth>, from: YearMonth) -> bool {
        let moved = end.is_none_or(|e| e >= from) && start.is_none_or(|st| st < from);
        if moved {
            *start = Some(from);
        }
        moved
    }
    let mut moved = 0;
    for p in &mut s.policies {
        let mut levers = Vec::new();
        if let Some(m) = &mut p.mandate {
            levers.push(later(&mut m.start, m.end, from));
        }
        if let Some(b) = &mut p.leaderboard {
            levers.push(later(&mut b.start, b.end, from));
        }
        if let Some(c) = &mut p.run_cap {
            levers.push(later(&mut c.start, c.end, from));
        }
        if let (Some(b), None) = (&mut p.user_budget, options.cap_usd) {
            levers.push(later(&mut b.start, b.end, from));
        }
        if let Some(w) = &mut p.ticket_rule {
            levers.push(later(&mut w.start, w.end, from));
        }
        if let Some(a) = &mut p.accountability {
            levers.push(later(&mut a.start, a.end, from));
        }
        moved += levers.iter().filter(|m| **m).count();
    }
    if moved > 0 {
        notes.push(NotFitted {
            path: "policies".into(),
            reason: format!(
                "as in the base scenario, but in force from {from}, after the months observed ({moved} lever{} moved): those months are what happened, and the fitted adoption already holds any mandate of the time",
                if moved == 1 { "" } else { "s" }
            ),
        });
    }
}

/// The allowed range of parameter `path`.
fn range(path: &str) -> (f64, f64) {
    PARAMS
        .iter()
        .find(|p| p.path == path)
        .map_or((f64::MIN, f64::MAX), |p| (p.min, p.max))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adoption::bass_closed_form;
    use crate::units::{Tokens, Usd};
    use crate::usage::{CostBasis, Model, Period};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rand_distr::{Distribution, LogNormal};

    /// Token shares of the synthetic organisation: input, cache read, cache write, output.
    const MIX: [f64; 4] = [0.01, 0.9, 0.04, 0.05];

    struct Org {
        people: usize,
        sigma: f64,
        mean_usd: f64,
        cap_usd: Option<f64>,
        completion_share: f64,
        p: f64,
        q: f64,
        months: u32,
    }

    fn row(user: usize, month: YearMonth, usd: f64, reference: [f64; 4]) -> UsageRow {
        let per_token: f64 = MIX.iter().zip(reference).map(|(m, p)| m * p).sum();
        let tokens = usd / per_token;
        UsageRow {
            day: month.first_day(),
            period: Period::Month,
            user: Some(format!("person{user}@example.com")),
            cost_centre: Some(
                if user.is_multiple_of(3) {
                    "Platform"
                } else {
                    "Product"
                }
                .into(),
            ),
            team: None,
            organisation: None,
            model: Model {
                id: "claude-sonnet-4-6".into(),
                known: true,
            },
            input: Tokens(tokens * MIX[0]),
            cache_read: Tokens(tokens * MIX[1]),
            cache_write: Tokens(tokens * MIX[2]),
            output: Tokens(tokens * MIX[3]),
            gross: Some(Usd(usd)),
            net: None,
            basis: CostBasis::File,
            source: Source::Copilot,
        }
    }

    /// Monthly rows of a synthetic organisation: lognormal monthly levels (capped), Bass
    /// adoption from the first month, a share of light completion-only users.
    fn rows(org: &Org, seed: u64) -> Vec<UsageRow> {
        let base = Scenario::default();
        let reference = UsageSums::new(&base).reference;
        let mu = libm::log(org.mean_usd) - org.sigma * org.sigma / 2.0;
        let level = LogNormal::new(mu, org.sigma).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let start = YearMonth::new(2026, 1).unwrap();
        let mut out = Vec::new();
        for user in 0..org.people {
            let u: f64 = rng.random();
            let Some(adopted) =
                (0..org.months).find(|&k| bass_closed_form(org.p, org.q, f64::from(k) + 1.0) >= u)
            else {
                continue;
            };
            let light = rng.random::<f64>() < org.completion_share;
            let usd = if light { 8.0 } else { level.sample(&mut rng) };
            for k in adopted..org.months {
                let usd = org.cap_usd.map_or(usd, |cap| usd.min(cap));
                out.push(row(user, start.plus(k), usd, reference));
            }
        }
        out
    }

    fn calibrate(rows: &[UsageRow], options: Options) -> Scenario {
        let base = Scenario::default();
        let mut sums = UsageSums::new(&base);
        sums.file(Source::Copilot);
        for r in rows {
            sums.add(r);
        }
        sums.fit(&base, options, &Catalogue::builtin()).unwrap()
    }

    const ORG: Org = Org {
        people: 4000,
        sigma: 1.1,
        mean_usd: 300.0,
        cap_usd: None,
        completion_share: 0.2,
        p: 0.03,
        q: 0.8,
        months: 12,
    };

    #[test]
    fn a_synthetic_organisation_is_recovered() {
        let s = calibrate(&rows(&ORG, 1), Options::default());
        assert!(
            (s.usage.sigma - 1.1).abs() < 0.05,
            "sigma {}",
            s.usage.sigma
        );
        assert!(
            (s.usage.mean_spend_usd / 300.0 - 1.0).abs() < 0.05,
            "mean {}",
            s.usage.mean_spend_usd
        );
        assert!(
            (s.usage.agentic_share - 0.8).abs() < 0.03,
            "agentic {}",
            s.usage.agentic_share
        );
        assert!((s.adoption.q / 0.8 - 1.0).abs() < 0.2, "q {}", s.adoption.q);
        assert!(
            (s.token_mix.cache_read - MIX[1]).abs() < 0.01,
            "{:?}",
            s.token_mix
        );
        assert_eq!(s.model_mix.len(), 1);
        assert!((s.model_mix[0].share - 1.0).abs() < 1e-12);
        let names: Vec<&str> = s
            .organisation
            .cost_centres
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["Platform", "Product"]);
        let p = s.provenance.as_ref().unwrap();
        assert_eq!(p.users, s.developers());
        assert_eq!(p.observed.monthly_gross_usd.len(), 12);
        assert!(
            matches!(s.uncertainty.priors["usage.sigma"], Prior::Uniform([lo, hi]) if lo < s.usage.sigma && s.usage.sigma < hi)
        );
        assert!(s.start_month <= YearMonth::new(2026, 1).unwrap());
        assert!(s.months >= 12 + FORECAST_MONTHS);
        assert!(s.validate(&Catalogue::builtin()).is_ok());
    }

    #[test]
    fn a_cap_censors_spend_and_sigma_is_still_recovered() {
        let capped = Org {
            cap_usd: Some(600.0),
            ..ORG
        };
        let rows = rows(&capped, 2);
        let censored = calibrate(
            &rows,
            Options {
                cap_usd: Some(600.0),
                seats: None,
            },
        );
        let naive = calibrate(&rows, Options::default());
        assert!(
            (censored.usage.sigma - 1.1).abs() < 0.05,
            "censored sigma {}",
            censored.usage.sigma
        );
        assert!(
            (naive.usage.sigma - 1.1).abs() > 0.05,
            "the naive fit misses: sigma {}",
            naive.usage.sigma
        );
        let p = censored.provenance.unwrap();
        assert!(p.observed.censored_users > 100, "{:?}", p.observed);
    }

    /// `rows` with every gross amount multiplied by `k`.
    fn billed_at(rows: Vec<UsageRow>, k: f64) -> Vec<UsageRow> {
        rows.into_iter()
            .map(|mut r| {
                r.gross = r.gross.map(|g| Usd(g.0 * k));
                r
            })
            .collect()
    }

    #[test]
    fn the_price_paid_is_a_discount_below_list_and_scaled_prices_above_it() {
        let small = Org { people: 300, ..ORG };
        let rows = rows(&small, 5);
        let discounted = calibrate(&billed_at(rows.clone(), 0.8), Options::default());
        assert_eq!(discounted.pricing.prices, Vec::<serde_json::Value>::new());
        let [d] = &discounted.pricing.discounts[..] else {
            panic!("{:?}", discounted.pricing);
        };
        assert_eq!(d.model.as_deref(), Some("claude-sonnet-4-6"));
        assert!((d.percent - 20.0).abs() < 0.01, "{d:?}");
        let dearer = calibrate(&billed_at(rows.clone(), 3.0), Options::default());
        assert!(dearer.pricing.discounts.is_empty());
        let carried = dearer.pricing.carried().unwrap().unwrap();
        let day = crate::scenario::demand_calibration_day();
        let list = builtin_prices().get("claude-sonnet-4-6").unwrap();
        let (paid, list) = (
            carried
                .get("claude-sonnet-4-6")
                .unwrap()
                .list_prices_on(day)
                .unwrap(),
            list.list_prices_on(day).unwrap(),
        );
        assert!((paid.output.0 / list.output.0 - 3.0).abs() < 1e-9);
        assert!((paid.cache_read.0 / list.cache_read.0 - 3.0).abs() < 1e-9);
        let level = dearer
            .provenance
            .as_ref()
            .unwrap()
            .fitted
            .iter()
            .find(|f| f.path == "pricing")
            .unwrap();
        assert!((level.value - 3.0).abs() < 1e-6, "{level:?}");
        assert!(
            level.method.contains("3.00× the list price"),
            "{}",
            level.method
        );
        // Ordinary scenario data: a file or a link carries it.
        let back = Scenario::from_json(&dearer.to_json(), "x").unwrap();
        assert_eq!(back.pricing, dearer.pricing);
        // Only the price moved: the usage fitted is the same.
        let at_list = calibrate(&rows, Options::default());
        assert!((dearer.usage.mean_spend_usd / at_list.usage.mean_spend_usd - 1.0).abs() < 1e-9);
        assert!(at_list.pricing.is_empty());
    }

    #[test]
    fn the_learning_ramp_is_read_from_each_persons_first_two_months() {
        // Everyone spends 40 % of their level in their first month and 80 % in their second:
        // r1 = 1 − (1 − r0)·e^{−1/τ} gives τ = 1 / ln 3 ≈ 0.91 months.
        let mut first_seen: HashMap<String, YearMonth> = HashMap::new();
        let mut ramped = rows(&ORG, 11);
        for r in &mut ramped {
            let month = r.day.month();
            let first = *first_seen.entry(r.user.clone().unwrap()).or_insert(month);
            let share = match month.ordinal() - first.ordinal() {
                0 => 0.4,
                1 => 0.8,
                _ => 1.0,
            };
            for t in [
                &mut r.input,
                &mut r.cache_read,
                &mut r.cache_write,
                &mut r.output,
            ] {
                t.0 *= share;
            }
            r.gross = r.gross.map(|g| Usd(g.0 * share));
        }
        let s = calibrate(&ramped, Options::default());
        assert!(
            (s.adoption.ramp_floor - 0.4).abs() < 0.03,
            "{}",
            s.adoption.ramp_floor
        );
        let tau = 1.0 / libm::log(3.0);
        assert!(
            (s.adoption.ramp_months - tau).abs() < 0.15,
            "{}",
            s.adoption.ramp_months
        );
        // Without a ramp in the exports, there is none in the scenario.
        let flat = calibrate(&rows(&ORG, 11), Options::default());
        assert!(
            flat.adoption.ramp_floor > 0.97,
            "{}",
            flat.adoption.ramp_floor
        );
    }

    #[test]
    fn policies_take_effect_after_the_months_observed() {
        let mut base = Scenario::default();
        base.policies[0].run_cap = Some(crate::scenario::RunCap::default());
        base.policies[0].user_budget = Some(crate::scenario::UserBudget {
            monthly_usd: Some(600.0),
            ..Default::default()
        });
        let later = YearMonth::new(2027, 3).unwrap();
        base.policies[1].leaderboard.as_mut().unwrap().start = Some(later);
        let mut sums = UsageSums::new(&base);
        sums.file(Source::Copilot);
        for r in rows(&ORG, 5) {
            sums.add(&r);
        }
        let after = YearMonth::new(2027, 1).unwrap();
        for (cap, budget_start) in [(None, Some(after)), (Some(600.0), None)] {
            let options = Options {
                cap_usd: cap,
                seats: None,
            };
            let s = sums.fit(&base, options, &Catalogue::builtin()).unwrap();
            let p = &s.policies[0];
            assert_eq!(p.mandate.unwrap().start, Some(after), "{p:?}");
            assert_eq!(p.run_cap.as_ref().unwrap().start, Some(after));
            // Exports made under a cap were made under the per-user budget: it stays.
            assert_eq!(p.user_budget.as_ref().unwrap().start, budget_start);
            // A leaderboard that starts later keeps its start.
            let board = s.policies[1].leaderboard.as_ref().unwrap();
            assert_eq!(board.start, Some(later));
            let note = &s.provenance.as_ref().unwrap().not_fitted;
            assert!(
                note.iter()
                    .any(|n| n.path == "policies" && n.reason.contains("in force from 2027-01")),
                "{note:?}"
            );
        }
    }

    #[test]
    fn a_small_organisation_gets_more_draws_and_a_large_one_keeps_its_own() {
        let small = calibrate(&rows(&Org { people: 60, ..ORG }, 3), Options::default());
        assert_eq!(small.uncertainty.draws, 2_000);
        let large = calibrate(&rows(&ORG, 3), Options::default());
        assert_eq!(
            large.uncertainty.draws,
            Scenario::default().uncertainty.draws
        );
    }

    #[test]
    fn seats_add_the_people_who_never_used_the_tools() {
        let s = calibrate(
            &rows(&ORG, 3),
            Options {
                cap_usd: None,
                seats: Some(6000),
            },
        );
        assert_eq!(s.developers(), 6000);
        assert!(
            s.adoption.market_potential < 0.75,
            "{}",
            s.adoption.market_potential
        );
    }

    #[test]
    fn no_name_or_email_leaves_the_sums() {
        let s = calibrate(&rows(&ORG, 4), Options::default());
        let json = s.to_json();
        assert!(
            !json.contains("example.com") && !json.contains("person1"),
            "{json}"
        );
        assert!(json.contains("provenance"));
    }

    #[test]
    fn dates_spanning_more_months_than_actuals_hold_are_refused_at_once() {
        // One mistyped year (8882) in an export once made the fit run for minutes.
        let base = Scenario::default();
        let mut sums = UsageSums::new(&base);
        sums.file(Source::Copilot);
        let reference = sums.reference;
        let first = YearMonth::new(2026, 1).unwrap();
        sums.add(&row(0, first, 50.0, reference));
        sums.add(&row(1, YearMonth::new(8882, 1).unwrap(), 50.0, reference));
        let err = sums
            .fit(&base, Options::default(), &Catalogue::builtin())
            .unwrap_err();
        assert!(
            matches!(err, CalibrateError::TooLong { max: 120, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("2026-01 – 8882-01"), "{err}");
        assert!(sums
            .diagnostics(&base, Options::default())
            .adoption
            .is_none());
    }

    #[test]
    fn exports_with_no_usage_are_refused() {
        let base = Scenario::default();
        let sums = UsageSums::new(&base);
        assert_eq!(
            sums.fit(&base, Options::default(), &Catalogue::builtin()),
            Err(CalibrateError::NoUsage)
        );
    }
}
