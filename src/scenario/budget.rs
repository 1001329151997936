//! The organisation's budget: an annual amount and the month its fiscal year starts (a cost
//! centre may have a budget of its own, [`super::CostCentre::annual_budget_usd`]); and fiscal
//! years and quarters, named as finance names them: a fiscal year by the calendar year it ends
//! in (a year from July 2026 to June 2027 is "FY2027"), its quarters Q1–Q4 from its first month.

use crate::calendar::YearMonth;
use serde::{Deserialize, Serialize};

/// The organisation's budget for AI coding tools. A policy set's own annual budget overrides
/// it for that set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Budget {
    /// The organisation's budget [USD / year]; allowed 1 – 10,000,000,000,000. None: no
    /// organisation budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_usd: Option<f64>,
    /// The month the fiscal year starts, 1 (January) – 12 (December).
    pub fiscal_year_start: u8,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            annual_usd: None,
            fiscal_year_start: 1,
        }
    }
}

impl Budget {
    /// Whether it is the default (no budget, a calendar fiscal year), left out of documents.
    pub fn is_default(&self) -> bool {
        *self == Budget::default()
    }
}

/// A fiscal year's calendar: which fiscal year and quarter each month falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalCalendar {
    /// The month the fiscal year starts, 1–12.
    start: u8,
}

impl FiscalCalendar {
    /// The calendar of fiscal years starting in month `start` (1–12; other values read as 1).
    pub fn new(start: u8) -> FiscalCalendar {
        FiscalCalendar {
            start: if (1..=12).contains(&start) { start } else { 1 },
        }
    }

    /// The month the fiscal year starts, 1–12.
    pub fn start(self) -> u8 {
        self.start
    }

    /// The fiscal year `m` falls in, named by the calendar year it ends in.
    pub fn year(self, m: YearMonth) -> i32 {
        if self.start == 1 || m.month() < self.start {
            m.year()
        } else {
            m.year() + 1
        }
    }

    /// Months since the start of `m`'s fiscal year (0–11).
    pub fn month_of_year(self, m: YearMonth) -> u32 {
        u32::from((m.month() + 12 - self.start) % 12)
    }

    /// The fiscal quarter of `m`, 1–4.
    pub fn quarter(self, m: YearMonth) -> u32 {
        self.month_of_year(m) / 3 + 1
    }

    /// The label of `m`'s fiscal year, e.g. `FY2027`.
    pub fn year_label(self, m: YearMonth) -> String {
        format!("FY{}", self.year(m))
    }

    /// The label of `m`'s fiscal quarter, e.g. `FY2027 Q1`.
    pub fn quarter_label(self, m: YearMonth) -> String {
        format!("FY{} Q{}", self.year(m), self.quarter(m))
    }

    /// The first month of `m`'s fiscal year.
    pub fn year_start(self, m: YearMonth) -> YearMonth {
        m.minus(self.month_of_year(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn a_fiscal_year_is_named_by_the_year_it_ends_in() {
        let july = FiscalCalendar::new(7);
        assert_eq!(july.year_label(ym(2026, 7)), "FY2027");
        assert_eq!(july.year_label(ym(2027, 6)), "FY2027");
        assert_eq!(july.year_label(ym(2027, 7)), "FY2028");
        assert_eq!(july.quarter_label(ym(2026, 9)), "FY2027 Q1");
        assert_eq!(july.quarter_label(ym(2026, 10)), "FY2027 Q2");
        assert_eq!(july.quarter_label(ym(2027, 6)), "FY2027 Q4");
        assert_eq!(july.year_start(ym(2027, 3)), ym(2026, 7));
        let calendar = FiscalCalendar::new(1);
        assert_eq!(calendar.quarter_label(ym(2026, 12)), "FY2026 Q4");
        assert_eq!(calendar.year_start(ym(2026, 12)), ym(2026, 1));
        assert_eq!(FiscalCalendar::new(0), calendar);
    }

    fn message(edit: impl FnOnce(&mut crate::scenario::Scenario)) -> String {
        let mut s = crate::scenario::Scenario::default();
        edit(&mut s);
        let e = s
            .validate(&crate::pricing::Catalogue::builtin())
            .expect_err("invalid");
        crate::scenario::error_message(&e)
    }

    #[test]
    fn budgets_out_of_range_are_named_by_their_label_and_range() {
        assert_eq!(
            message(|s| s.budget.fiscal_year_start = 13),
            "Fiscal year starts: 13 is above 12 (allowed 1 – 12)."
        );
        assert_eq!(
            message(|s| s.budget.annual_usd = Some(0.5)),
            "Organisation budget: 0.5 is below 1 (allowed 1 – 10,000,000,000,000 USD / year)."
        );
        assert_eq!(
            message(|s| s.organisation.cost_centres[1].annual_budget_usd = Some(-3.0)),
            "Cost-centre budget: -3 is below 1 (allowed 1 – 10,000,000,000,000 USD / year)."
        );
    }

    #[test]
    fn an_organisation_budget_applies_to_every_set_without_its_own() {
        let mut s = crate::scenario::Scenario {
            budget: Budget {
                annual_usd: Some(2_400_000.0),
                fiscal_year_start: 4,
            },
            ..Default::default()
        };
        s.policies[1].annual_budget = Some(crate::scenario::AnnualBudget {
            usd: 1_000.0,
            start_month: None,
        });
        let v = s.validate(&crate::pricing::Catalogue::builtin()).unwrap();
        // July 2026 lies in the fiscal year from April 2026: three months before the horizon.
        let org = v.policies[0].annual_budget.unwrap();
        assert_eq!((org.usd, org.start), (2_400_000.0, -3));
        assert_eq!(v.policies[1].annual_budget.unwrap().usd, 1_000.0);
        assert_eq!(v.policies[2].annual_budget, v.policies[0].annual_budget);
    }

    #[test]
    fn the_default_budget_is_left_out_of_documents() {
        assert!(Budget::default().is_default());
        let b: Budget = serde_json::from_str(r#"{"fiscal_year_start": 4}"#).unwrap();
        assert_eq!(b.annual_usd, None);
        assert!(!b.is_default());
    }
}
