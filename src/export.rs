//! Simulated costs as a FOCUS-shaped CSV (the FinOps Open Cost and Usage Specification), so a
//! forecast can be loaded next to real billing data.
//!
//! One row per policy set, month, cost centre and charge: token spend per model (quantity in
//! tokens at the month's blended list price), seat fees, credit overage and any committed-spend
//! shortfall. Costs are the means across draws (`x_Statistic` says so): unlike medians, means add
//! up, so a policy set's `BilledCost` sums to its mean total spend (the report's
//! `summary.total_spend_usd.mean`, shown as "Mean spend (as exported)"). `ListCost` is the charge
//! at list prices, `EffectiveCost` after the agreement's discounts, `BilledCost` what is invoiced:
//! the effective cost, except that under a seat plan the seats cover the tokens (their rows bill
//! 0 and show their API-list value in `ListCost`), and a shortfall row bills the commitment's
//! unmet part at face value (all three costs equal). Columns: `BilledCost`, `ListCost`,
//! `EffectiveCost`, `BillingCurrency`, `ChargePeriodStart`, `ChargePeriodEnd`, `ChargeCategory`,
//! `ServiceName`, `SkuMeter`, `ConsumedQuantity`, `ConsumedUnit`, `SubAccountName` (the cost
//! centre), `x_Model`, `x_Policy`, `x_Statistic`.

use crate::pricing::Plan;
use crate::report::{Figures, Report};
use crate::scenario::ValidScenario;

/// What the FOCUS export's costs are, as its `x_Statistic` column says.
pub(crate) const FOCUS_STATISTIC: &str = "mean of draws";

/// The FOCUS-shaped CSV of a report's mean costs.
pub fn focus_csv(v: &ValidScenario, report: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "BilledCost",
        "ListCost",
        "EffectiveCost",
        "BillingCurrency",
        "ChargePeriodStart",
        "ChargePeriodEnd",
        "ChargeCategory",
        "ServiceName",
        "SkuMeter",
        "ConsumedQuantity",
        "ConsumedUnit",
        "SubAccountName",
        "x_Model",
        "x_Policy",
        "x_Statistic",
    ])
    .expect("in-memory");
    for (k, policy) in report.policies.iter().enumerate() {
        let plan = v
            .policies
            .get(k)
            .and_then(|p| p.plan.as_ref().map(|s| &s.plan));
        let plan_rate = v.policies.get(k).map_or(1.0, |p| v.agreement.plan_rate(p));
        for (t, month) in policy.months.iter().enumerate() {
            let start = format!("{}T00:00:00Z", month.month.first_day());
            let end = format!("{}T00:00:00Z", month.month.plus(1).first_day());
            for cc in &month.cost_centres {
                for c in charges(v, plan, plan_rate, t, &cc.figures) {
                    w.write_record([
                        c.billed.to_string().as_str(),
                        &c.list.to_string(),
                        &c.effective.to_string(),
                        "USD",
                        &start,
                        &end,
                        c.category,
                        &c.service,
                        c.meter,
                        &c.quantity,
                        c.unit,
                        &cc.name,
                        c.model,
                        &policy.name,
                        FOCUS_STATISTIC,
                    ])
                    .expect("in-memory");
                }
            }
        }
    }
    String::from_utf8(w.into_inner().expect("in-memory")).expect("UTF-8")
}

/// One row of the export, before its period, cost centre and policy set are added.
struct Charge<'a> {
    /// At list prices [USD].
    list: f64,
    /// After the agreement's discounts [USD].
    effective: f64,
    /// What is invoiced [USD].
    billed: f64,
    category: &'static str,
    service: String,
    meter: &'static str,
    /// The consumed quantity in `unit`, rounded; empty when it cannot be told.
    quantity: String,
    unit: &'static str,
    model: &'a str,
}

/// A cost centre's charges in month `t` (mean figures across draws): token spend per model,
/// seat fees and credit overage under a plan, and any committed-spend shortfall.
fn charges<'a>(
    v: &'a ValidScenario,
    plan: Option<&'a Plan>,
    plan_rate: f64,
    t: usize,
    figures: &Figures,
) -> Vec<Charge<'a>> {
    let mut out = Vec::new();
    for (m, model) in v.models.iter().enumerate() {
        let cost = figures
            .spend_by_model_usd
            .get(model)
            .and_then(|p| p.mean)
            .unwrap_or(0.0);
        if cost <= 0.0 {
            continue;
        }
        let price = v.model_usd_per_token[m][t];
        let tokens = if price > 0.0 {
            (cost / price).round().to_string()
        } else {
            String::new()
        };
        // Seats cover the tokens under a plan: billed there, not here.
        let effective = if plan.is_some() {
            0.0
        } else {
            cost * v.agreement.model_rate[m]
        };
        out.push(Charge {
            list: cost,
            effective,
            billed: effective,
            category: "Usage",
            service: format!("{} API", v.model_providers[m]),
            meter: "Tokens (cache-aware blend)",
            quantity: tokens,
            unit: "Tokens",
            model,
        });
    }
    if let Some(plan) = plan {
        let seats = figures.seat_usd.mean.unwrap_or(0.0);
        if seats > 0.0 {
            let count = if plan.seat_usd > 0.0 {
                (seats / plan.seat_usd).round().to_string()
            } else {
                String::new()
            };
            out.push(Charge {
                list: seats,
                effective: seats * plan_rate,
                billed: seats * plan_rate,
                category: "Usage",
                service: plan.name.clone(),
                meter: "Seats",
                quantity: count,
                unit: "Seats",
                model: "",
            });
        }
        let overage = figures.overage_usd.mean.unwrap_or(0.0);
        if overage > 0.0 {
            let credits = plan
                .overage_usd_per_credit
                .filter(|r| *r > 0.0)
                .map_or(String::new(), |r| (overage / r).round().to_string());
            out.push(Charge {
                list: overage,
                effective: overage * plan_rate,
                billed: overage * plan_rate,
                category: "Usage",
                service: plan.name.clone(),
                meter: "Credit overage",
                quantity: credits,
                unit: "Credits",
                model: "",
            });
        }
    }
    let shortfall = figures.commitment_shortfall_usd.mean.unwrap_or(0.0);
    if shortfall > 0.0 {
        out.push(Charge {
            list: shortfall,
            effective: shortfall,
            billed: shortfall,
            category: "Purchase",
            service: "Committed spend".to_string(),
            meter: "Committed spend shortfall",
            quantity: String::new(),
            unit: "",
            model: "",
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::{PlanChoice, PolicySet, Scenario, SeatHolders};

    #[test]
    fn focus_rows_carry_cost_period_cost_centre_model_and_policy() {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.months = 3;
        s.uncertainty.draws = 3;
        s.policies = vec![
            PolicySet {
                name: "API".into(),
                ..PolicySet::default()
            },
            PolicySet {
                name: "Copilot".into(),
                plan: Some(PlanChoice {
                    plan: "copilot-business".into(),
                    seats: SeatHolders::Everyone,
                }),
                ..PolicySet::default()
            },
        ];
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let report = Report::simulate(&v);
        let csv = focus_csv(&v, &report);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[0], "BilledCost");
        assert_eq!(&headers[11], "SubAccountName");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let token_row = rows
            .iter()
            .find(|r| &r[13] == "API" && &r[12] == "claude-sonnet-4-6" && &r[11] == "Platform")
            .expect("a Sonnet row for Platform");
        assert_eq!(&token_row[4], "2026-07-01T00:00:00Z");
        assert_eq!(&token_row[5], "2026-08-01T00:00:00Z");
        assert_eq!(&token_row[7], "anthropic API");
        assert!(token_row[9].parse::<f64>().unwrap() > 0.0);
        assert_eq!(&token_row[10], "Tokens");
        let seats: Vec<_> = rows.iter().filter(|r| &r[8] == "Seats").collect();
        assert_eq!(seats.len(), 4 * 3, "a seat row per cost centre and month");
        let cost: f64 = seats.iter().map(|r| r[0].parse::<f64>().unwrap()).sum();
        assert!((cost - 3.0 * 200.0 * 19.0).abs() < 1e-6, "{cost}");
        assert!(rows.iter().all(|r| &r[14] == "mean of draws"));
        for r in &rows {
            let (billed, list) = (r[0].parse::<f64>().unwrap(), r[1].parse::<f64>().unwrap());
            let covered = &r[13] == "Copilot" && &r[10] == "Tokens";
            assert!(list > 0.0, "{r:?}");
            assert_eq!(billed, if covered { 0.0 } else { list }, "{r:?}");
        }
    }

    /// Sum of `BilledCost` per policy set, by the `x_Policy` column.
    fn billed(csv: &str, policy: &str) -> f64 {
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| &r[13] == policy)
            .map(|r| r[0].parse::<f64>().unwrap())
            .sum()
    }

    #[test]
    fn focus_costs_add_up_to_the_mean_total_to_the_cent() {
        let mut s = Scenario::default();
        s.scale_developers(300);
        s.uncertainty.draws = 9;
        s.policies.push(PolicySet {
            name: "Kiro Pro".into(),
            plan: Some(PlanChoice {
                plan: "kiro-pro".into(),
                seats: SeatHolders::Adopters,
            }),
            ..PolicySet::default()
        });
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let report = Report::simulate(&v);
        let csv = focus_csv(&v, &report);
        for p in &report.policies {
            let total = p.summary.total_spend_usd;
            let sum = billed(&csv, &p.name);
            let mean = total.mean.unwrap();
            assert!((sum - mean).abs() < 0.005, "{}: {sum} vs {mean}", p.name);
            // The median is not additive: the export does not claim to add up to it.
            assert_ne!(format!("{:.2}", total.p50.unwrap()), format!("{mean:.2}"));
        }
    }

    #[test]
    fn focus_rows_show_list_effective_and_billed_cost_under_an_agreement() {
        let mut s = Scenario::default();
        s.scale_developers(200);
        s.months = 2;
        s.uncertainty.draws = 3;
        s.policies.truncate(1);
        s.pricing = serde_json::from_str(
            r#"{"discounts": [{"provider": "anthropic", "percent": 20}],
                "commitment": {"usd": 1000000, "per": "month"}}"#,
        )
        .unwrap();
        let v = s.validate(&Catalogue::builtin()).unwrap();
        let report = Report::simulate(&v);
        let csv = focus_csv(&v, &report);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let num = |r: &csv::StringRecord, i: usize| r[i].parse::<f64>().unwrap();
        for r in &rows {
            assert!(num(r, 1) >= num(r, 2), "ListCost ≥ EffectiveCost: {r:?}");
            assert_eq!(num(r, 0), num(r, 2), "billed = effective");
        }
        let sonnet = rows.iter().find(|r| &r[12] == "claude-sonnet-4-6").unwrap();
        assert!((num(sonnet, 2) / num(sonnet, 1) - 0.8).abs() < 1e-12);
        let gpt = rows.iter().find(|r| &r[12] == "gpt-5.4").unwrap();
        assert_eq!(num(gpt, 2), num(gpt, 1), "no discount for openai");
        // Far below a $1M monthly commitment: billed is the commitment, the shortfall shows in
        // its own rows.
        let org = &report.policies[0].months[0].figures;
        assert_eq!(org.spend_usd.p50, Some(1e6));
        assert!(org.list_cost_usd.p50.unwrap() > org.effective_cost_usd.p50.unwrap());
        let shortfall: f64 = rows
            .iter()
            .filter(|r| r[4].starts_with("2026-07") && &r[8] == "Committed spend shortfall")
            .map(|r| num(r, 0))
            .sum();
        assert!(shortfall > 0.8e6, "{shortfall}");
    }
}
