//! The price panel's texts: which table is in use, what the last import did and which prices
//! differ from the base table.

use super::source;
use crate::pricing::PriceChange;
use crate::session::{ImportedTable, Session};
use crate::units::{format_per_mtok, UsdPerMTok};

/// What the price panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prices {
    /// Which table is in use, e.g. `In use: the base table (120 models). USD per 1M tokens.`
    pub in_use: String,
    /// Whether an imported table is in use (so it can be cleared).
    pub imported: bool,
    /// What the last import did.
    pub import: Option<ImportReport>,
    /// Why the last import was refused.
    pub error: Option<String>,
    /// Prices that differ from the base table, if any do.
    pub changes: Option<Changes>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The import's number in this session (a test hook).
    pub sequence: u32,
    /// What was imported and skipped, as a sentence.
    pub text: String,
    /// The warnings' heading, e.g. `3 warnings`, when there are any.
    pub warnings_title: Option<String>,
    /// The first [`MAX_WARNINGS`] warnings.
    pub warnings: Vec<String>,
}

/// The prices that differ from the base table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// How many, as a heading.
    pub summary: String,
    /// Shown open (few enough to read).
    pub open: bool,
    /// The first [`MAX_CHANGES`] rows: model, price field, base table price, price in use.
    pub rows: Vec<[String; 4]>,
}

/// Warnings listed at most.
pub(crate) const MAX_WARNINGS: usize = 200;
/// Changed prices listed at most.
pub(crate) const MAX_CHANGES: usize = 500;

/// The price panel of the session.
pub fn prices(s: &Session) -> Prices {
    let (in_use, base) = source::model_counts(s);
    let import = source::import(s);
    let table = match import {
        None => format!("the base table ({base} models)"),
        Some(i) if i.merge => format!(
            "{} laid over the base table ({in_use} models in all)",
            i.summary.file
        ),
        Some(i) => format!(
            "{} alone, instead of the base table ({in_use} models)",
            i.summary.file
        ),
    };
    let changes = source::price_changes(s);
    Prices {
        in_use: format!("In use: {table}. USD per 1M tokens."),
        imported: import.is_some(),
        import: import.map(import_report),
        error: source::pricing_error(s),
        changes: (!changes.is_empty()).then(|| changes_of(changes)),
    }
}

fn import_report(i: &ImportedTable) -> ImportReport {
    let s = &i.summary;
    let skipped: usize = s.skipped.values().sum();
    let reasons: Vec<String> = s.skipped.iter().map(|(r, n)| format!("{n} {r}")).collect();
    let tail = if skipped > 0 {
        format!("; skipped {skipped} ({}).", reasons.join(", "))
    } else {
        ".".to_string()
    };
    ImportReport {
        sequence: i.sequence,
        text: format!(
            "Imported {} models from {} as {} in {:.0} ms{tail}",
            s.imported, s.file, s.format, i.elapsed_ms
        ),
        warnings_title: (!s.warnings.is_empty()).then(|| format!("{} warnings", s.warnings.len())),
        warnings: s.warnings.iter().take(MAX_WARNINGS).cloned().collect(),
    }
}

fn changes_of(list: &[PriceChange]) -> Changes {
    let price = |p: Option<UsdPerMTok>| p.map_or("—".to_string(), format_per_mtok);
    Changes {
        summary: format!("{} prices differ from the base table", list.len()),
        open: list.len() <= 20,
        rows: list
            .iter()
            .take(MAX_CHANGES)
            .map(|c| {
                let field = match (c.field, c.before, c.after) {
                    ("model", None, _) => "new model: input",
                    ("model", _, None) => "not in the table in use: input",
                    (field, _, _) => field,
                };
                [
                    c.model.clone(),
                    field.to_string(),
                    price(c.before),
                    price(c.after),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(field: &'static str, before: Option<f64>, after: Option<f64>) -> PriceChange {
        PriceChange {
            model: "m".into(),
            field,
            before: before.map(UsdPerMTok),
            after: after.map(UsdPerMTok),
        }
    }

    #[test]
    fn the_base_table_is_in_use_until_an_import() {
        let mut scenario = crate::scenario::Scenario::default();
        scenario.scale_developers(200);
        scenario.uncertainty.draws = 2;
        let s = Session::new(scenario).settled();
        let p = prices(&s);
        assert!(
            p.in_use.starts_with("In use: the base table ("),
            "{}",
            p.in_use
        );
        assert!(p.in_use.ends_with(" models). USD per 1M tokens."));
        assert!(!p.imported && p.import.is_none() && p.changes.is_none());
    }

    #[test]
    fn changed_prices_name_new_and_missing_models() {
        let c = changes_of(&[
            change("model", None, Some(3.0)),
            change("model", Some(0.075), None),
            change("output", Some(15.0), Some(12.5)),
        ]);
        assert_eq!(c.summary, "3 prices differ from the base table");
        assert!(c.open);
        assert_eq!(
            c.rows[0],
            ["m", "new model: input", "—", "3"].map(String::from)
        );
        assert_eq!(c.rows[1][1], "not in the table in use: input");
        assert_eq!(c.rows[1][2], "0.075");
        assert_eq!(c.rows[2][1..], ["output", "15", "12.5"].map(String::from));
    }
}
