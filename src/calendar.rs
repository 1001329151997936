//! Calendar months, the simulation's time step.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    /// 1 to 12.
    month: u8,
}

impl YearMonth {
    /// The month `year`-`month`, if `month` is 1 to 12 and the year has four digits.
    pub fn new(year: i32, month: u8) -> Option<YearMonth> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year))
            .then_some(YearMonth { year, month })
    }

    /// The month `n` months after this one.
    pub fn plus(self, n: u32) -> YearMonth {
        let index = self.year as i64 * 12 + (self.month as i64 - 1) + n as i64;
        YearMonth {
            year: (index / 12) as i32,
            month: (index % 12 + 1) as u8,
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<YearMonth, String> {
        let bad = || format!("\"{s}\" is not a month written YYYY-MM");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        YearMonth::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<YearMonth, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_roll_over_years() {
        let m: YearMonth = "2026-11".parse().unwrap();
        assert_eq!(m.plus(0).to_string(), "2026-11");
        assert_eq!(m.plus(2).to_string(), "2027-01");
        assert_eq!(m.plus(26).to_string(), "2029-01");
    }

    #[test]
    fn malformed_months_are_rejected() {
        for s in ["2026-13", "2026-00", "26-01", "2026/01", "2026-1", ""] {
            assert!(s.parse::<YearMonth>().is_err(), "{s}");
        }
    }
}
