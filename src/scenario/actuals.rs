//! Actuals: the spend an organisation observed month by month (from its usage exports), for the
//! organisation and its cost centres, carried with the scenario so the charts draw it beside
//! the forecast and the reforecast ([`crate::reforecast`]) conditions the Monte Carlo on it.
//! Aggregates only: monthly dollar totals, never a person.

use crate::calendar::YearMonth;
use serde::{Deserialize, Serialize};

/// Most observed months carried [months] (the longest horizon).
pub const MAX_ACTUAL_MONTHS: usize = 120;

/// Most cost centres with actuals of their own.
pub const MAX_ACTUAL_CENTRES: usize = 100;

/// Largest monthly amount accepted [USD / month].
pub const MAX_MONTHLY_USD: f64 = 1e12;

/// Observed monthly spend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actuals {
    /// The first observed month.
    pub first_month: YearMonth,
    /// The organisation's spend in each month from `first_month` on [USD / month].
    pub monthly_usd: Vec<f64>,
    /// Each cost centre's spend over the same months, where the exports name cost centres.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cost_centres: Vec<CentreActuals>,
}

/// One cost centre's observed spend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CentreActuals {
    /// The cost centre's name, as in the organisation.
    pub name: String,
    /// Its spend in each month from the actuals' `first_month` on [USD / month].
    pub monthly_usd: Vec<f64>,
}

impl Actuals {
    /// The month of observation `k`.
    pub fn month(&self, k: usize) -> YearMonth {
        self.first_month.plus(k as u32)
    }

    /// The last observed month.
    pub fn last_month(&self) -> Option<YearMonth> {
        (!self.monthly_usd.is_empty()).then(|| self.month(self.monthly_usd.len() - 1))
    }

    /// Index in a scenario starting `start` of each observed month inside a horizon of
    /// `months`, with its observed organisation spend [USD / month].
    pub fn in_horizon(&self, start: YearMonth, months: u32) -> Vec<(usize, f64)> {
        let offset = self.first_month.ordinal() - start.ordinal();
        self.monthly_usd
            .iter()
            .enumerate()
            .filter_map(|(k, usd)| {
                let t = offset + k as i64;
                (0..i64::from(months))
                    .contains(&t)
                    .then_some((t as usize, *usd))
            })
            .collect()
    }

    /// Checks the amounts: `Err((field, value, allowed))` naming the first one out of range.
    pub fn check(&self) -> Result<(), (String, String, String)> {
        let amounts = |field: &str, values: &[f64]| -> Result<(), (String, String, String)> {
            if values.len() > MAX_ACTUAL_MONTHS {
                return Err((
                    field.to_string(),
                    format!("{} months", values.len()),
                    format!("at most {MAX_ACTUAL_MONTHS} months"),
                ));
            }
            match values
                .iter()
                .enumerate()
                .find(|(_, v)| !(v.is_finite() && (0.0..=MAX_MONTHLY_USD).contains(*v)))
            {
                Some((k, v)) => Err((
                    format!("{field}[{k}]"),
                    v.to_string(),
                    format!("0–{MAX_MONTHLY_USD:e} USD per month"),
                )),
                None => Ok(()),
            }
        };
        amounts("actuals.monthly_usd", &self.monthly_usd)?;
        if self.cost_centres.len() > MAX_ACTUAL_CENTRES {
            return Err((
                "actuals.cost_centres".into(),
                format!("{} cost centres", self.cost_centres.len()),
                format!("at most {MAX_ACTUAL_CENTRES}"),
            ));
        }
        for (i, c) in self.cost_centres.iter().enumerate() {
            let field = format!("actuals.cost_centres[{i}].monthly_usd");
            amounts(&field, &c.monthly_usd)?;
            if c.monthly_usd.len() != self.monthly_usd.len() {
                return Err((
                    field,
                    format!("{} months", c.monthly_usd.len()),
                    format!(
                        "{} months, as many as the organisation's",
                        self.monthly_usd.len()
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actuals(values: Vec<f64>) -> Actuals {
        Actuals {
            first_month: YearMonth::new(2026, 3).unwrap(),
            monthly_usd: values,
            cost_centres: Vec::new(),
        }
    }

    #[test]
    fn observed_months_are_placed_in_the_horizon() {
        let a = actuals(vec![1.0, 2.0, 3.0]);
        let start = YearMonth::new(2026, 4).unwrap();
        assert_eq!(a.in_horizon(start, 12), vec![(0, 2.0), (1, 3.0)]);
        assert_eq!(a.in_horizon(start, 1), vec![(0, 2.0)]);
        assert_eq!(a.last_month(), YearMonth::new(2026, 5));
    }

    #[test]
    fn amounts_out_of_range_are_named() {
        assert!(actuals(vec![0.0, 10.0]).check().is_ok());
        let (field, _, allowed) = actuals(vec![1.0, -2.0]).check().unwrap_err();
        assert_eq!(field, "actuals.monthly_usd[1]");
        assert!(allowed.contains("USD per month"));
        let mut a = actuals(vec![1.0, 2.0]);
        a.cost_centres.push(CentreActuals {
            name: "Platform".into(),
            monthly_usd: vec![1.0],
        });
        let (field, _, _) = a.check().unwrap_err();
        assert_eq!(field, "actuals.cost_centres[0].monthly_usd");
    }
}
