//! Unit-carrying quantities: money, token counts and prices per million tokens.
//!
//! Every money or token figure that crosses a module boundary travels in one of these
//! newtypes, so that a price per token can never be added to a dollar amount by mistake.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Mul};

/// An amount of money [USD].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Usd(pub f64);

/// A number of tokens [tokens]. Fractional values arise from averages and shares.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tokens(pub f64);

/// A list price [USD / 1M tokens].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UsdPerMTok(pub f64);

impl Add for Usd {
    type Output = Usd;
    fn add(self, rhs: Usd) -> Usd {
        Usd(self.0 + rhs.0)
    }
}

impl AddAssign for Usd {
    fn add_assign(&mut self, rhs: Usd) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Usd {
    fn sum<I: Iterator<Item = Usd>>(iter: I) -> Usd {
        Usd(iter.map(|u| u.0).sum())
    }
}

impl Add for Tokens {
    type Output = Tokens;
    fn add(self, rhs: Tokens) -> Tokens {
        Tokens(self.0 + rhs.0)
    }
}

impl Mul<UsdPerMTok> for Tokens {
    type Output = Usd;
    /// Tokens × price per million tokens = dollars.
    fn mul(self, price: UsdPerMTok) -> Usd {
        Usd(self.0 * price.0 / 1_000_000.0)
    }
}

impl Mul<f64> for UsdPerMTok {
    type Output = UsdPerMTok;
    fn mul(self, k: f64) -> UsdPerMTok {
        UsdPerMTok(self.0 * k)
    }
}

impl Add for UsdPerMTok {
    type Output = UsdPerMTok;
    fn add(self, rhs: UsdPerMTok) -> UsdPerMTok {
        UsdPerMTok(self.0 + rhs.0)
    }
}

impl fmt::Display for Usd {
    /// Dollars with thousands separators and cents, e.g. `$1,234,567.89`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_usd(self.0, 2))
    }
}

/// Formats dollars with thousands separators and `decimals` decimal places (`-$1,234.50`).
/// Non-finite values are written as `n/a` rather than as `NaN` or `inf`.
pub fn format_usd(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "n/a".to_string();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (fixed.as_str(), None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac_part {
        Some(frac) => format!("{sign}${grouped}.{frac}"),
        None => format!("{sign}${grouped}"),
    }
}

/// Formats a count with thousands separators and no decimals: `277,626`.
pub(crate) fn format_count(value: f64) -> String {
    format_usd(value, 0).replacen('$', "", 1)
}

/// Formats a price per 1M tokens with at most six decimals and no trailing zeros: `3`, `0.075`.
pub(crate) fn format_per_mtok(price: UsdPerMTok) -> String {
    if !price.0.is_finite() {
        return "n/a".to_string();
    }
    let s = format!("{:.6}", price.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Formats dollars compactly for chart axes: `$950`, `$12.5k`, `$3.2M`.
pub(crate) fn format_usd_compact(value: f64) -> String {
    let a = value.abs();
    let sign = if value < 0.0 { "-" } else { "" };
    if a >= 1e9 {
        format!("{sign}${:.1}B", a / 1e9)
    } else if a >= 1e6 {
        format!("{sign}${:.1}M", a / 1e6)
    } else if a >= 1e3 {
        format!("{sign}${:.0}k", a / 1e3)
    } else {
        format!("{sign}${a:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_times_price_per_million_is_dollars() {
        assert_eq!(Tokens(2_000_000.0) * UsdPerMTok(3.0), Usd(6.0));
    }

    #[test]
    fn usd_formatting_groups_thousands() {
        assert_eq!(format_usd(1_234_567.891, 2), "$1,234,567.89");
        assert_eq!(format_usd(-999.5, 0), "-$1,000");
        assert_eq!(format_usd(12.0, 2), "$12.00");
        assert_eq!(format_usd(f64::NAN, 2), "n/a");
        assert_eq!(Usd(100_000.0).to_string(), "$100,000.00");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(format_count(277_626.4), "277,626");
        assert_eq!(format_count(-1_500.0), "-1,500");
    }

    #[test]
    fn prices_per_million_drop_trailing_zeros() {
        assert_eq!(format_per_mtok(UsdPerMTok(3.0)), "3");
        assert_eq!(format_per_mtok(UsdPerMTok(0.075)), "0.075");
        assert_eq!(format_per_mtok(UsdPerMTok(0.09999999999999999)), "0.1");
    }

    #[test]
    fn compact_formatting_picks_a_suffix() {
        assert_eq!(format_usd_compact(950.0), "$950");
        assert_eq!(format_usd_compact(12_600.0), "$13k");
        assert_eq!(format_usd_compact(3_240_000.0), "$3.2M");
    }
}
