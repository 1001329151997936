//! Reading fields of JSON usage records by name, with the record's path named when one is bad.

use super::table::parse_day;
use super::{Bad, SkipReason};
use crate::calendar::Date;
use serde_json::Value;

/// A record and its path in the document (`data[3].results[0]`).
pub(crate) struct Obj<'v> {
    pub(crate) value: &'v Value,
    pub(crate) path: String,
}

impl<'v> Obj<'v> {
    /// The record at `path`, refused unless it is an object.
    pub(crate) fn new(value: &'v Value, path: String) -> Result<Obj<'v>, Bad> {
        if value.is_object() {
            Ok(Obj { value, path })
        } else {
            Err(Bad::new(SkipReason::BadRecord, &path))
        }
    }

    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// The value at a dotted key (`cache_creation.ephemeral_5m_input_tokens`), if present and
    /// not null.
    pub(crate) fn get(&self, key: &str) -> Option<&'v Value> {
        let mut v = self.value;
        for part in key.split('.') {
            v = v.get(part)?;
        }
        (!v.is_null()).then_some(v)
    }

    /// A number (JSON number or decimal string); `None` when absent; a magnitude beyond
    /// [`super::MAX_MAGNITUDE`] is refused.
    pub(crate) fn number(&self, key: &str) -> Result<Option<f64>, Bad> {
        let bad = || Bad::new(SkipReason::BadNumber, &self.at(key));
        let n = match self.get(key) {
            None => return Ok(None),
            Some(Value::Number(n)) => n.as_f64().filter(|x| x.is_finite()).ok_or_else(bad),
            Some(Value::String(s)) => super::table::parse_number(s).ok_or_else(bad),
            Some(_) => Err(bad()),
        }?;
        super::table::in_range(n, &self.at(key)).map(Some)
    }

    /// The first of `keys` present, as a token count: absent is 0; negative is refused
    /// [tokens].
    pub(crate) fn tokens(&self, keys: &[&str]) -> Result<f64, Bad> {
        for key in keys {
            if let Some(n) = self.number(key)? {
                if n < 0.0 {
                    return Err(Bad::new(SkipReason::NegativeTokens, &self.at(key)));
                }
                return Ok(n);
            }
        }
        Ok(0.0)
    }

    /// A string field, if present and a non-empty string.
    pub(crate) fn string(&self, key: &str) -> Option<String> {
        self.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// The day of the first of `keys` present: `YYYY-MM-DD`, an RFC 3339 time, or Unix
    /// seconds.
    pub(crate) fn day(&self, keys: &[&str]) -> Result<Date, Bad> {
        let key = keys
            .iter()
            .find(|k| self.get(k).is_some())
            .copied()
            .unwrap_or(keys[0]);
        let bad = || Bad::new(SkipReason::BadDate, &self.at(key));
        match self.get(key) {
            Some(Value::String(s)) => parse_day(s).ok_or_else(bad),
            Some(Value::Number(n)) => n
                .as_i64()
                .filter(|s| (0..=253_402_300_799).contains(s))
                .map(|s| Date::from_unix_days((s / 86_400) as i32))
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

/// The elements of the array at `key` of `v` (or `v` itself when it is an array), each with its
/// path; an absent array is empty.
pub(crate) fn items<'v>(v: &'v Value, key: &str) -> Vec<(String, &'v Value)> {
    let (array, prefix) = match v {
        Value::Array(a) => (Some(a), String::new()),
        _ => (v.get(key).and_then(Value::as_array), key.to_string()),
    };
    array
        .map(|a| {
            a.iter()
                .enumerate()
                .map(|(i, e)| (format!("{prefix}[{i}]"), e))
                .collect()
        })
        .unwrap_or_default()
}
