//! Calendar days and months: price effective dates and the simulation's monthly time step.

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

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month of the year, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The month `n` months before this one.
    pub fn minus(self, n: u32) -> YearMonth {
        let index = self.ordinal() - i64::from(n);
        YearMonth {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// Months since January of year 0, for month arithmetic.
    pub(crate) fn ordinal(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The last month a scenario may reach: December 9999 (dates have four-digit years).
    pub(crate) const LAST: YearMonth = YearMonth {
        year: 9999,
        month: 12,
    };

    /// The first day of the month (also of a month past [`YearMonth::LAST`], which
    /// [`YearMonth::plus`] can reach).
    pub fn first_day(self) -> Date {
        Date(days_from_civil(self.year, self.month, 1))
    }

    /// The number of days in the month.
    pub fn days(self) -> u32 {
        (self.plus(1).first_day().0 - self.first_day().0) as u32
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

/// A calendar day (proleptic Gregorian), written `YYYY-MM-DD`; stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The day `year`-`month`-`day`, if it exists and the year has four digits.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let month_days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if day > month_days[month as usize - 1] {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Year, month (1–12) and day (1–31).
    pub(crate) fn ymd(self) -> (i32, u8, u8) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month, day)
    }

    /// The day `days` days after 1970-01-01 (the Unix epoch), e.g. from a clock.
    pub fn from_unix_days(days: i32) -> Date {
        Date(days)
    }

    /// The day `n` days later (earlier when negative).
    pub fn plus_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// The month this day falls in.
    pub fn month(self) -> YearMonth {
        let (y, m, _) = self.ymd();
        YearMonth { year: y, month: m }
    }
}

/// Days from 1970-01-01 to `year`-`month`-`day` (H. Hinnant's days-from-civil algorithm), for
/// any year.
fn days_from_civil(year: i32, month: u8, day: u8) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("\"{s}\" is not a date written YYYY-MM-DD");
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let year = s[0..4].parse().map_err(|_| bad())?;
        let month = s[5..7].parse().map_err(|_| bad())?;
        let day = s[8..10].parse().map_err(|_| bad())?;
        Date::from_ymd(year, month, day).ok_or_else(bad)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2026-07-30",
            "2026-12-31",
            "2100-03-01",
        ] {
            let d: Date = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        assert_eq!("1970-01-01".parse::<Date>().unwrap().0, 0);
        let a: Date = "2026-07-30".parse().unwrap();
        let b: Date = "2026-08-01".parse().unwrap();
        assert_eq!(b.0 - a.0, 2);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for s in [
            "2026-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "26-01-01",
            "2026/01/01",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
    }

    #[test]
    fn months_know_their_length() {
        let feb: YearMonth = "2028-02".parse().unwrap();
        assert_eq!(feb.days(), 29);
        assert_eq!("2026-07".parse::<YearMonth>().unwrap().days(), 31);
    }

    #[test]
    fn months_roll_over_years() {
        let m: YearMonth = "2026-11".parse().unwrap();
        assert_eq!(m.plus(0).to_string(), "2026-11");
        assert_eq!(m.plus(2).to_string(), "2027-01");
        assert_eq!(m.plus(26).to_string(), "2029-01");
    }

    #[test]
    fn the_last_month_knows_its_length() {
        assert_eq!(YearMonth::LAST.days(), 31);
        assert_eq!(YearMonth::LAST.first_day().to_string(), "9999-12-01");
    }

    #[test]
    fn malformed_months_are_rejected() {
        for s in ["2026-13", "2026-00", "26-01", "2026/01", "2026-1", ""] {
            assert!(s.parse::<YearMonth>().is_err(), "{s}");
        }
    }
}
