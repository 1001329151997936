//! Draw results as flat numeric buffers, the form in which they cross between the page's
//! workers (a `Float64Array` whose `ArrayBuffer` is transferred, never copied through JSON).
//!
//! Layout, every entry an `f64`: the number of draws, then per draw the number of policy sets,
//! then per policy set: months, cost centres, the [`Quantity`](super::Quantity) rows (months ×
//! (cost centres + 1) rows of [`QUANTITIES`] values), the spend-by-model rows (each its length,
//! then its values), the top-10 % share, the last month's top-10 % share, the ten Lorenz shares,
//! the month the budget ran out (−1 for never) and the four heaviest-user figures. Values are
//! copied bit for bit, so NaN payloads and −0.0 survive; counts must be exact whole numbers.

use super::engine::{DrawResult, PolicyDraw};
use super::quantity::{Row, QUANTITIES};
use super::sums::Heaviest;
use super::table::Table;

/// The flat buffer of `draws`, in order.
pub fn encode(draws: &[DrawResult]) -> Vec<f64> {
    let mut out = vec![draws.len() as f64];
    for draw in draws {
        out.push(draw.policies.len() as f64);
        for p in &draw.policies {
            out.push(p.rows.months() as f64);
            out.push(p.rows.centres() as f64);
            for row in p.rows.rows() {
                out.extend_from_slice(row);
            }
            for row in p.by_model.rows() {
                out.push(row.len() as f64);
                out.extend_from_slice(row);
            }
            out.push(p.top10_share);
            out.push(p.final_top10_share);
            out.extend_from_slice(&p.final_lorenz);
            out.push(p.budget_exhausted.map_or(-1.0, f64::from));
            let h = &p.heaviest;
            out.extend_from_slice(&[h.p99_spend_usd, h.max_spend_usd, h.p99_tokens, h.max_tokens]);
        }
    }
    out
}

/// The draws of a buffer written by [`encode`]; an error saying what is wrong with any other
/// buffer (never a panic, and no allocation larger than the buffer).
pub fn decode(buffer: &[f64]) -> Result<Vec<DrawResult>, String> {
    let mut r = Reader { buffer, at: 0 };
    let count = r.count("draws")?;
    let mut draws = Vec::with_capacity(count.min(r.left()));
    for _ in 0..count {
        let policies = r.count("policy sets")?;
        let mut draw = DrawResult {
            policies: Vec::with_capacity(policies.min(r.left())),
        };
        for _ in 0..policies {
            draw.policies.push(r.policy()?);
        }
        draws.push(draw);
    }
    if r.left() > 0 {
        return Err(format!("{} values after the last draw", r.left()));
    }
    Ok(draws)
}

/// A cursor over a buffer being decoded.
struct Reader<'a> {
    buffer: &'a [f64],
    at: usize,
}

impl Reader<'_> {
    fn left(&self) -> usize {
        self.buffer.len() - self.at
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&[f64], String> {
        if n > self.left() {
            return Err(format!(
                "{what}: {n} values wanted at {}, {} left",
                self.at,
                self.left()
            ));
        }
        let values = &self.buffer[self.at..self.at + n];
        self.at += n;
        Ok(values)
    }

    fn value(&mut self, what: &str) -> Result<f64, String> {
        Ok(self.take(1, what)?[0])
    }

    /// A count: a whole number from 0 to the values left (anything larger cannot be filled).
    fn count(&mut self, what: &str) -> Result<usize, String> {
        let v = self.value(what)?;
        if v.fract() != 0.0 || !(0.0..=self.left() as f64).contains(&v) || v.is_sign_negative() {
            return Err(format!("{what}: {v} is not a count"));
        }
        Ok(v as usize)
    }

    fn policy(&mut self) -> Result<PolicyDraw, String> {
        let months = self.count("months")?;
        let centres = self.count("cost centres")?;
        let groups = months
            .checked_mul(centres + 1)
            .filter(|g| g.checked_mul(QUANTITIES).is_some_and(|n| n <= self.left()))
            .ok_or_else(|| format!("{months} months of {centres} cost centres do not fit"))?;
        let rows: Vec<Row> = self
            .take(groups * QUANTITIES, "rows")?
            .chunks_exact(QUANTITIES)
            .map(|c| c.try_into().expect("chunks of a row's length"))
            .collect();
        let mut by_model = Vec::with_capacity(groups);
        for _ in 0..groups {
            let n = self.count("models")?;
            by_model.push(self.take(n, "spend by model")?.to_vec());
        }
        let top10_share = self.value("top-10 % share")?;
        let final_top10_share = self.value("last month's top-10 % share")?;
        let final_lorenz = self
            .take(10, "Lorenz shares")?
            .try_into()
            .expect("ten values");
        let budget = self.value("budget month")?;
        let budget_exhausted = if budget.to_bits() == (-1.0f64).to_bits() {
            None
        } else if budget.fract() == 0.0
            && (0.0..=f64::from(u32::MAX)).contains(&budget)
            && !budget.is_sign_negative()
        {
            Some(budget as u32)
        } else {
            return Err(format!("budget month: {budget} is not a month"));
        };
        let h = self.take(4, "heaviest users")?;
        let heaviest = Heaviest {
            p99_spend_usd: h[0],
            max_spend_usd: h[1],
            p99_tokens: h[2],
            max_tokens: h[3],
        };
        const WHOLE: &str = "whole months by construction";
        Ok(PolicyDraw {
            rows: Table::from_rows(centres, rows).expect(WHOLE),
            by_model: Table::from_rows(centres, by_model).expect(WHOLE),
            top10_share,
            final_top10_share,
            final_lorenz,
            budget_exhausted,
            heaviest,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Catalogue;
    use crate::scenario::Scenario;

    fn draws() -> Vec<DrawResult> {
        let mut s = Scenario::default();
        s.scale_developers(300);
        s.months = 5;
        s.uncertainty.draws = 3;
        super::super::run(&s.validate(&Catalogue::builtin()).unwrap())
    }

    fn bits(buffer: &[f64]) -> Vec<u64> {
        buffer.iter().map(|v| v.to_bits()).collect()
    }

    #[test]
    fn draws_cross_as_a_flat_buffer_unchanged() {
        let draws = draws();
        let buffer = encode(&draws);
        assert_eq!(decode(&buffer).unwrap(), draws);
        assert_eq!(bits(&encode(&decode(&buffer).unwrap())), bits(&buffer));
        assert_eq!(decode(&encode(&[])).unwrap(), vec![]);
    }

    #[test]
    fn nan_payloads_negative_zero_and_infinities_survive_bit_for_bit() {
        let mut draws = draws();
        let odd = [
            f64::NAN,
            -f64::NAN,
            f64::from_bits(0x7ff8_dead_beef_0001),
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE / 2.0,
        ];
        let p = &mut draws[1].policies[0];
        p.top10_share = odd[0];
        p.final_top10_share = odd[1];
        p.final_lorenz[..odd.len()].copy_from_slice(&odd);
        p.heaviest.max_tokens = odd[2];
        p.budget_exhausted = Some(4);
        let lorenz = p.final_lorenz.map(f64::to_bits);
        let buffer = encode(&draws);
        let back = decode(&buffer).unwrap();
        assert_eq!(bits(&encode(&back)), bits(&buffer));
        let q = &back[1].policies[0];
        assert_eq!(q.final_lorenz.map(f64::to_bits), lorenz);
        assert_eq!(q.heaviest.max_tokens.to_bits(), odd[2].to_bits());
        assert_eq!(q.budget_exhausted, Some(4));
    }

    #[test]
    fn a_damaged_buffer_is_refused_with_a_reason() {
        let buffer = encode(&draws());
        for (at, value) in [(0, 4.0), (0, -1.0), (0, 1.5), (1, f64::NAN), (2, 1e300)] {
            let mut bad = buffer.clone();
            bad[at] = value;
            assert!(decode(&bad).is_err(), "{value} at {at}");
        }
        assert!(decode(&buffer[..buffer.len() - 1]).is_err());
        let mut longer = buffer.clone();
        longer.push(0.0);
        assert!(decode(&longer).unwrap_err().contains("after the last draw"));
        assert!(decode(&[]).is_err());
        assert!(decode(&[-0.0]).is_err(), "−0 is not a count");
    }
}
