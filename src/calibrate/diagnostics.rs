//! What a calibration's fit looks like beside the data it was fitted to: the observed per-user
//! monthly spend against the fitted lognormal (counts of people per spend bin), and the people
//! first seen by month against the fitted Bass curve. Aggregates only: bins and monthly counts,
//! never a person.

use super::{Options, UsageSums};
use crate::adoption::bass_closed_form;
use crate::calendar::YearMonth;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// Spend bins of the histogram.
const BINS: usize = 14;

/// A calibration's fits beside the observations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostics {
    /// Per-user monthly spend, when a spread was fitted.
    pub spend: Option<SpendHistogram>,
    /// Adoption, when a Bass curve was fitted.
    pub adoption: Option<AdoptionCurve>,
}

/// Agentic people by their monthly spend, observed and as the fitted lognormal expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpendHistogram {
    /// Bin edges, log-spaced, `observed.len() + 1` of them [USD / month].
    pub edges_usd: Vec<f64>,
    /// People whose level falls in each bin [developers].
    pub observed: Vec<u64>,
    /// People the fitted lognormal expects in each bin (truncated at the first edge, with as
    /// many people as were fitted) [developers].
    pub fitted: Vec<f64>,
    /// Of the observed, those held back by the cap (their level is a lower bound) [developers].
    pub censored: u64,
    /// Fitted lognormal's μ (of ln USD / month).
    pub mu: f64,
    /// Fitted lognormal's σ.
    pub sigma: f64,
}

/// People first seen by the end of each month, observed and fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdoptionCurve {
    /// The months of the exports, the first one first.
    pub months: Vec<YearMonth>,
    /// People first seen by the end of each month [developers].
    pub observed: Vec<f64>,
    /// Bass's closed form times the fitted market at the same months [developers].
    pub fitted: Vec<f64>,
    /// Fitted innovation coefficient [per month].
    pub p: f64,
    /// Fitted imitation coefficient [per month].
    pub q: f64,
    /// Fitted eventual adopters [developers].
    pub market: f64,
}

impl UsageSums {
    /// The fits made for `fitted` (a scenario [`UsageSums::fit`] made from these sums with
    /// `options`), beside the observations.
    pub fn diagnostics(&self, fitted: &Scenario, options: Options) -> Diagnostics {
        Diagnostics {
            spend: self.spend_histogram(2.0 * fitted.usage.completion_usd, options),
            adoption: self.adoption_curve(options),
        }
    }

    fn spend_histogram(&self, threshold: f64, options: Options) -> Option<SpendHistogram> {
        let sample = self.spend_sample(threshold, options).sample;
        let f = self.spread(&sample, threshold)?;
        let top = sample.iter().map(|o| o.value).fold(threshold, f64::max);
        let (lo, hi) = (libm::log(threshold.max(1e-6)), libm::log(top * 1.0001));
        let edges_usd: Vec<f64> = (0..=BINS)
            .map(|i| libm::exp(lo + (hi - lo) * i as f64 / BINS as f64))
            .collect();
        let mut observed = vec![0u64; BINS];
        for o in &sample {
            let i = edges_usd[1..]
                .partition_point(|e| *e <= o.value)
                .min(BINS - 1);
            observed[i] += 1;
        }
        let above = f.survival(threshold).max(1e-12);
        let n = sample.len() as f64;
        let fitted = edges_usd
            .windows(2)
            .map(|w| n * (f.survival(w[0]) - f.survival(w[1])) / above)
            .collect();
        Some(SpendHistogram {
            edges_usd,
            observed,
            fitted,
            censored: sample.iter().filter(|o| o.censored).count() as u64,
            mu: f.mu,
            sigma: f.sigma,
        })
    }

    fn adoption_curve(&self, options: Options) -> Option<AdoptionCurve> {
        let (first, last) = (
            *self.monthly_gross.keys().next()?,
            *self.monthly_gross.keys().next_back()?,
        );
        let span = (last.ordinal() - first.ordinal() + 1) as usize;
        if span > crate::scenario::MAX_ACTUAL_MONTHS {
            return None;
        }
        let observed = self.cumulative_users(first, span);
        let seen = observed.last().copied().unwrap_or(0.0);
        let b = self.adoption_fit(&observed, options.seats.map_or(seen, f64::from).max(seen))?;
        let fitted = (0..span)
            .map(|k| {
                b.market * bass_closed_form(b.p, b.q, f64::from(b.lead_months) + k as f64 + 1.0)
            })
            .collect();
        Some(AdoptionCurve {
            months: (0..span).map(|k| first.plus(k as u32)).collect(),
            observed,
            fitted,
            p: b.p,
            q: b.q,
            market: b.market,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::usage;

    fn sums(text: &str) -> (UsageSums, Scenario) {
        let base = Scenario::default();
        let mut sums = UsageSums::new(&base);
        let catalogue = Catalogue::builtin();
        let summary =
            usage::import_reader(text.as_bytes(), "usage.csv", None, &catalogue, &mut |r| {
                sums.add(&r)
            })
            .unwrap();
        sums.file(summary.format);
        let s = sums.fit(&base, Options::default(), &catalogue).unwrap();
        (sums, s)
    }

    /// A Copilot report of `people` people over six months: person `i` adopts in month
    /// `i % 6` (then every month after) and spends more the larger `i`.
    pub(crate) fn copilot(people: usize) -> String {
        let mut out = String::from("date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,organization,repository,cost_center_name\n");
        for i in 0..people {
            for m in (i * 7 % 6)..6 {
                let usd = 40.0 * (1.0 + (i % 17) as f64 * (i % 5 + 1) as f64 / 3.0);
                out += &format!(
                    "2026-{:02}-10,dev{i},copilot,premium,Claude Sonnet 4.6,{usd},requests,1,{usd:.2},0,{usd:.2},acme,,{}\n",
                    m + 1,
                    if i % 2 == 0 { "Platform" } else { "Product" }
                );
            }
        }
        out
    }

    #[test]
    fn the_histogram_counts_every_fitted_person_and_the_fit_expects_as_many() {
        let (sums, s) = sums(&copilot(120));
        let d = sums.diagnostics(&s, Options::default());
        let h = d.spend.expect("a spread is fitted");
        assert_eq!(h.edges_usd.len(), h.observed.len() + 1);
        assert!(h.edges_usd.windows(2).all(|w| w[0] < w[1]));
        let observed: u64 = h.observed.iter().sum();
        let provenance = s.provenance.unwrap();
        assert_eq!(observed, provenance.observed.fitted_users);
        let fitted: f64 = h.fitted.iter().sum();
        assert!(
            (fitted - observed as f64).abs() < 0.2 * observed as f64,
            "{fitted} vs {observed}"
        );
        assert!((h.sigma - s.usage.sigma).abs() < 1e-9);
    }

    #[test]
    fn the_adoption_curve_follows_the_months_and_ends_at_everyone_seen() {
        let (sums, s) = sums(&copilot(120));
        let a = sums.diagnostics(&s, Options::default()).adoption.unwrap();
        assert_eq!(a.months.len(), 6);
        assert_eq!(a.months[0], YearMonth::new(2026, 1).unwrap());
        assert_eq!(a.observed.last(), Some(&120.0));
        assert_eq!(a.fitted.len(), 6);
        assert!(a.fitted.windows(2).all(|w| w[0] <= w[1]));
        assert!((a.q - s.adoption.q).abs() < 1e-9);
        let rmse = (a
            .observed
            .iter()
            .zip(&a.fitted)
            .map(|(o, f)| (o - f).powi(2))
            .sum::<f64>()
            / 6.0)
            .sqrt();
        assert!(rmse < 15.0, "{a:?}");
    }

    #[test]
    fn the_curve_reuses_the_scenario_s_bass_fit_and_fits_again_for_other_seats() {
        let (sums, s) = sums(&copilot(120));
        let (cumulative, market, kept) = sums.bass.borrow().clone().expect("the fit keeps it");
        let kept = kept.expect("a Bass fit");
        let a = sums.diagnostics(&s, Options::default()).adoption.unwrap();
        assert_eq!((a.p, a.q, a.market), (kept.p, kept.q, kept.market));
        assert_eq!(a.observed, cumulative);
        // Seats allow a larger market: a fit of its own, the same as one made afresh.
        let seats = Options {
            seats: Some(400),
            ..Options::default()
        };
        let wider = sums.diagnostics(&s, seats).adoption.unwrap();
        let afresh = super::super::bass::fit(&cumulative, 400.0).unwrap();
        assert_eq!(
            (wider.p, wider.q, wider.market),
            (afresh.p, afresh.q, afresh.market)
        );
        assert!(market < 400.0 && wider.market != kept.market, "{wider:?}");
    }

    #[test]
    fn too_little_data_gives_no_curves() {
        let (sums, s) = sums(&copilot(2));
        let d = sums.diagnostics(&s, Options::default());
        assert_eq!(d.adoption, None);
    }
}
