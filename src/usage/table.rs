//! Reading CSV usage exports record by record: columns found by header name (case and
//! surrounding spaces ignored), rows wrapped whole in quotes unwrapped, cells read as text,
//! numbers, money and days with the column named when one is bad.

use super::{Bad, Ctx, Draft, SkipReason, UsageError};
use crate::calendar::Date;
use csv::ByteRecord;
use std::collections::HashMap;
use std::io::Read;

/// The header's names, lower case and trimmed (a byte-order mark dropped).
pub(crate) fn header_names(line: &str) -> Vec<String> {
    let mut fields = split_line(line.trim_start_matches('\u{feff}'));
    if fields.len() == 1 && fields[0].contains(',') {
        fields = split_line(&fields[0]);
    }
    fields
        .iter()
        .map(|f| f.trim().to_ascii_lowercase())
        .collect()
}

fn split_line(line: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let mut rec = csv::StringRecord::new();
    match r.read_record(&mut rec) {
        Ok(true) => rec.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Column positions by lower-case name.
pub(crate) struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    /// The position of the first of `names` present.
    pub(crate) fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.index.get(*n).copied())
    }
}

/// One record's cells.
pub(crate) struct Rec<'r> {
    record: &'r ByteRecord,
}

impl<'r> Rec<'r> {
    /// The trimmed text of a cell; `None` when the column is absent or the cell empty.
    pub(crate) fn text(&self, col: Option<usize>, name: &str) -> Result<Option<&'r str>, Bad> {
        let Some(bytes) = col.and_then(|i| self.record.get(i)) else {
            return Ok(None);
        };
        let s = std::str::from_utf8(bytes)
            .map_err(|_| Bad::new(SkipReason::NotText, name))?
            .trim();
        Ok((!s.is_empty()).then_some(s))
    }

    /// An owned cell's text.
    pub(crate) fn string(&self, col: Option<usize>, name: &str) -> Result<Option<String>, Bad> {
        Ok(self.text(col, name)?.map(str::to_string))
    }

    /// A number; `None` for an absent column or empty cell. A leading `$` and thousands
    /// separators are accepted; a magnitude beyond [`super::MAX_MAGNITUDE`] is refused.
    pub(crate) fn number(&self, col: Option<usize>, name: &str) -> Result<Option<f64>, Bad> {
        match self.text(col, name)? {
            None => Ok(None),
            Some(s) => parse_number(s)
                .ok_or_else(|| Bad::new(SkipReason::BadNumber, name))
                .and_then(|n| in_range(n, name))
                .map(Some),
        }
    }

    /// A token count: absent or empty is 0; negative is refused [tokens].
    pub(crate) fn tokens(&self, col: Option<usize>, name: &str) -> Result<f64, Bad> {
        let n = self.number(col, name)?.unwrap_or(0.0);
        if n < 0.0 {
            return Err(Bad::new(SkipReason::NegativeTokens, name));
        }
        Ok(n)
    }

    /// The UTC day of a `YYYY-MM-DD` cell, optionally followed by a time.
    pub(crate) fn day(&self, col: Option<usize>, name: &str) -> Result<Date, Bad> {
        self.text(col, name)?
            .and_then(parse_day)
            .ok_or_else(|| Bad::new(SkipReason::BadDate, name))
    }

    /// The model label; a missing one skips the record.
    pub(crate) fn model(&self, col: Option<usize>, name: &str) -> Result<String, Bad> {
        self.string(col, name)?
            .ok_or_else(|| Bad::new(SkipReason::MissingModel, name))
    }
}

/// A finite number, with an optional leading `$` and `,` thousands separators.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let s = s.strip_prefix('$').unwrap_or(s);
    let n: f64 = if s.contains(',') {
        s.replace(',', "").parse().ok()?
    } else {
        s.parse().ok()?
    };
    n.is_finite().then_some(if negative { -n } else { n })
}

/// `n` when its magnitude is at most [`super::MAX_MAGNITUDE`]; else the record is skipped,
/// naming `column`.
pub(crate) fn in_range(n: f64, column: &str) -> Result<f64, Bad> {
    if n.abs() <= super::MAX_MAGNITUDE {
        Ok(n)
    } else {
        Err(Bad::new(SkipReason::OutOfRange, column))
    }
}

/// The UTC day of `YYYY-MM-DD`, optionally followed by `T` or a space and a time.
pub(crate) fn parse_day(s: &str) -> Option<Date> {
    let s = s.trim();
    let day = s.get(..10)?;
    match s.as_bytes().get(10) {
        None | Some(b'T') | Some(b' ') => day.parse().ok(),
        _ => None,
    }
}

/// Reads a CSV export: finds the columns in the header with `columns`, then hands each record
/// to `row` and the result to the context; a bad record is skipped and counted.
pub(crate) fn read<C>(
    reader: &mut dyn Read,
    ctx: &mut Ctx,
    columns: impl FnOnce(&Columns) -> Result<C, String>,
    row: impl Fn(&Rec, &C) -> Result<Draft, Bad>,
) -> Result<(), UsageError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut record = ByteRecord::new();
    let io = |ctx: &Ctx, e: csv::Error| {
        let message = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(e) => super::read_error(ctx.file, e),
            _ => UsageError::Malformed {
                file: ctx.file.to_string(),
                format: ctx.source,
                message,
            },
        }
    };
    if !csv.read_byte_record(&mut record).map_err(|e| io(ctx, e))? {
        return Err(UsageError::Malformed {
            file: ctx.file.to_string(),
            format: ctx.source,
            message: "empty file".into(),
        });
    }
    let first = String::from_utf8_lossy(record.as_slice()).into_owned();
    let wrapped = record.len() == 1 && first.contains(',');
    let names = if wrapped {
        header_names(&first)
    } else {
        record
            .iter()
            .map(|f| {
                String::from_utf8_lossy(f)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_ascii_lowercase()
            })
            .collect()
    };
    let mut index = HashMap::new();
    for (i, n) in names.into_iter().enumerate() {
        index.entry(n).or_insert(i);
    }
    let cols = columns(&Columns { index }).map_err(|column| UsageError::MissingColumn {
        file: ctx.file.to_string(),
        format: ctx.source,
        column,
    })?;
    let mut inner = ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if e.is_io_error() => return Err(io(ctx, e)),
            Err(_) => {
                ctx.skip(Bad::new(SkipReason::BadRecord, "(row)"), 0);
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.as_slice().is_empty() {
            continue;
        }
        let rec = if record.len() == 1 && record.as_slice().contains(&b',') {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(record.as_slice());
            match r.read_byte_record(&mut inner) {
                Ok(true) => Rec { record: &inner },
                _ => {
                    ctx.skip(Bad::new(SkipReason::BadRecord, "(row)"), line);
                    continue;
                }
            }
        } else {
            Rec { record: &record }
        };
        match row(&rec, &cols) {
            Ok(draft) => ctx.emit(draft),
            Err(bad) => ctx.skip(bad, line),
        }
    }
    Ok(())
}

/// `Err` naming the column when a required column is absent.
pub(crate) fn require(cols: &Columns, names: &[&str]) -> Result<usize, String> {
    cols.find(names).ok_or_else(|| names.join(" or "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_dollar_signs_and_separators() {
        assert_eq!(parse_number("$1,234.50"), Some(1234.5));
        assert_eq!(parse_number("-0.04"), Some(-0.04));
        assert_eq!(parse_number("-$2"), Some(-2.0));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("Included"), None);
    }

    #[test]
    fn days_accept_a_time_after_the_date() {
        assert_eq!(parse_day("2026-08-01").unwrap().to_string(), "2026-08-01");
        assert_eq!(
            parse_day("2025-09-15T10:23:45.123Z").unwrap().to_string(),
            "2025-09-15"
        );
        assert_eq!(
            parse_day("2025-09-15 10:23").unwrap().to_string(),
            "2025-09-15"
        );
        assert_eq!(parse_day("2025-09-150"), None);
        assert_eq!(parse_day("15/09/2025"), None);
    }

    #[test]
    fn a_wrapped_header_is_unwrapped() {
        assert_eq!(
            header_names("\"date,Username,\"\"model\"\"\""),
            vec!["date", "username", "model"]
        );
        assert_eq!(header_names("\u{feff}Date , User"), vec!["date", "user"]);
    }
}
