//! What one imported file held, in aggregate: rows read and skipped by reason, distinct users,
//! days and months, models and total costs. A summary carries counts, never a user's name or
//! email; the problems it names give file, line and column, never a cell's content.

use super::{CostBasis, Period, SkipReason, Source, UsageRow, MAX_NAMED_PROBLEMS};
use crate::calendar::{Date, YearMonth};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// One model's share of a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSummary {
    /// Catalogue id, or the file's label when unknown.
    pub model: String,
    /// Whether the catalogue knows it.
    pub known: bool,
    /// Rows of this model.
    pub rows: u64,
    /// Rows without any cost (unknown model, no cost in the file).
    pub unpriced_rows: u64,
    /// Gross cost of the priced rows [USD].
    pub gross_usd: f64,
}

/// The summary of one imported file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileSummary {
    /// The file as named.
    pub file: String,
    /// The format read.
    pub format: Source,
    /// Bytes read [bytes].
    pub bytes_read: u64,
    /// Records read (imported and skipped).
    pub rows_read: u64,
    /// Rows imported.
    pub rows_imported: u64,
    /// Records skipped, by reason.
    pub skipped: BTreeMap<SkipReason, u64>,
    /// The first skipped records, each as `file:line: column NAME` (or the JSON path).
    pub problems: Vec<String>,
    /// Distinct user keys.
    pub users: u64,
    /// Distinct days (monthly rows count their month's first day).
    pub days: u64,
    /// Distinct calendar months.
    pub months: u64,
    /// First day seen.
    pub first_day: Option<Date>,
    /// Last day seen.
    pub(crate) last_day: Option<Date>,
    /// Rows covering a month rather than a day.
    pub monthly_rows: u64,
    /// Rows by model, by descending gross cost.
    pub models: Vec<ModelSummary>,
    /// Rows priced with the catalogue.
    pub(crate) catalogue_priced_rows: u64,
    /// Rows without any cost (unknown model, no cost in the file).
    pub unpriced_rows: u64,
    /// Total gross cost of the priced rows [USD].
    pub gross_usd: f64,
    /// Total net cost [USD]; `None` when no row has one.
    pub net_usd: Option<f64>,
    #[serde(skip)]
    user_keys: HashSet<String>,
    #[serde(skip)]
    day_set: BTreeSet<Date>,
    #[serde(skip)]
    month_set: BTreeSet<YearMonth>,
    #[serde(skip)]
    by_model: BTreeMap<String, ModelSummary>,
}

impl FileSummary {
    pub(crate) fn new(file: &str, format: Source) -> FileSummary {
        FileSummary {
            file: file.to_string(),
            format,
            bytes_read: 0,
            rows_read: 0,
            rows_imported: 0,
            skipped: BTreeMap::new(),
            problems: Vec::new(),
            users: 0,
            days: 0,
            months: 0,
            first_day: None,
            last_day: None,
            monthly_rows: 0,
            models: Vec::new(),
            catalogue_priced_rows: 0,
            unpriced_rows: 0,
            gross_usd: 0.0,
            net_usd: None,
            user_keys: HashSet::new(),
            day_set: BTreeSet::new(),
            month_set: BTreeSet::new(),
            by_model: BTreeMap::new(),
        }
    }

    pub(crate) fn skip(&mut self, reason: SkipReason, at: String) {
        *self.skipped.entry(reason).or_insert(0) += 1;
        if self.problems.len() < MAX_NAMED_PROBLEMS {
            self.problems.push(format!("{at}: {}", reason.name()));
        }
    }

    pub(crate) fn add(&mut self, row: &UsageRow) {
        self.rows_imported += 1;
        if let Some(user) = &row.user {
            if !self.user_keys.contains(user) {
                self.user_keys.insert(user.clone());
            }
        }
        self.day_set.insert(row.day);
        self.month_set.insert(row.day.month());
        if row.period == Period::Month {
            self.monthly_rows += 1;
        }
        if !self.by_model.contains_key(&row.model.id) {
            let m = ModelSummary {
                model: row.model.id.clone(),
                known: row.model.known,
                rows: 0,
                unpriced_rows: 0,
                gross_usd: 0.0,
            };
            self.by_model.insert(row.model.id.clone(), m);
        }
        let m = self
            .by_model
            .get_mut(&row.model.id)
            .expect("inserted above");
        m.rows += 1;
        match row.basis {
            CostBasis::Unpriced => {
                m.unpriced_rows += 1;
                self.unpriced_rows += 1;
            }
            CostBasis::Catalogue => self.catalogue_priced_rows += 1,
            CostBasis::File => {}
        }
        let gross = row.gross.map_or(0.0, |g| g.0);
        m.gross_usd += gross;
        self.gross_usd += gross;
        if let Some(net) = row.net {
            *self.net_usd.get_or_insert(0.0) += net.0;
        }
    }

    /// Fills the counts from the sets gathered while reading.
    pub(crate) fn finish(mut self) -> FileSummary {
        self.users = self.user_keys.len() as u64;
        self.days = self.day_set.len() as u64;
        self.months = self.month_set.len() as u64;
        self.first_day = self.day_set.first().copied();
        self.last_day = self.day_set.last().copied();
        let mut models: Vec<ModelSummary> =
            std::mem::take(&mut self.by_model).into_values().collect();
        models.sort_by(|a, b| {
            b.gross_usd
                .total_cmp(&a.gross_usd)
                .then(a.model.cmp(&b.model))
        });
        self.models = models;
        self
    }

    /// The distinct user keys seen (for combining files; never written out).
    pub fn user_keys(&self) -> &HashSet<String> {
        &self.user_keys
    }

    /// The distinct months seen.
    pub fn month_set(&self) -> &BTreeSet<YearMonth> {
        &self.month_set
    }
}

/// A stable pseudonym for a user key: `u-` and 16 hex digits of its FNV-1a hash. It hides the
/// name from readers of an export but is not anonymisation: anyone holding a list of candidate
/// names can hash them and match.
pub fn pseudonym(user: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in user.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("u-{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_and_hide_the_name() {
        assert_eq!(pseudonym("alice"), pseudonym("alice"));
        assert_ne!(pseudonym("alice"), pseudonym("alicf"));
        assert!(!pseudonym("alice").contains("alice"));
        assert_eq!(pseudonym("alice").len(), 18);
    }
}
