//! The files the page's export buttons download, by kind: each one's name, media type and bytes
//! from the report on screen. The page has them made in the tools worker
//! ([`crate::runner::ExportRequest`]), so the writers are not in the page's module; the bytes are
//! those the CLI writes for the same report.

use crate::report::Report;
use crate::scenario::ValidScenario;
use serde::{Deserialize, Serialize};

/// A file the page exports from a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Download {
    /// The summary sheet as CSV ([`crate::spreadsheet::summary`]).
    Summary,
    /// The monthly sheet as CSV ([`crate::spreadsheet::monthly`]).
    Monthly,
    /// Every draw's spend, for an audit ([`crate::spreadsheet::draws`]).
    Draws,
    /// The .xlsx workbook ([`crate::spreadsheet::workbook`]).
    Workbook,
    /// Every figure of the report, long format ([`Report::to_csv`]).
    ResultsCsv,
    /// The report as JSON ([`Report::to_json`]).
    ResultsJson,
    /// Mean costs as FOCUS-shaped CSV ([`crate::export::focus_csv`]).
    Focus,
}

/// A file to download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct File {
    /// The file's name.
    pub name: String,
    /// Its media type.
    pub mime: String,
    /// Its contents.
    pub bytes: Vec<u8>,
}

impl Download {
    /// The file of `report` on `v`.
    pub fn file(self, v: &ValidScenario, report: &Report) -> File {
        use crate::spreadsheet as sheets;
        const CSV: &str = "text/csv";
        let (name, mime, bytes) = match self {
            Download::Summary => (
                "burnrate-summary.csv",
                CSV,
                sheets::summary(report).to_csv(),
            ),
            Download::Monthly => (
                "burnrate-monthly.csv",
                CSV,
                sheets::monthly(report).to_csv(),
            ),
            Download::Draws => ("burnrate-draws.csv", CSV, sheets::draws(v, report).to_csv()),
            Download::Workbook => {
                return File {
                    name: "burnrate.xlsx".into(),
                    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        .into(),
                    bytes: sheets::workbook(v, report),
                }
            }
            Download::ResultsCsv => ("burnrate-results.csv", CSV, report.to_csv()),
            Download::ResultsJson => (
                "burnrate-results.json",
                "application/json",
                report.to_json(),
            ),
            Download::Focus => (
                "burnrate-focus.csv",
                CSV,
                crate::export::focus_csv(v, report),
            ),
        };
        File {
            name: name.into(),
            mime: mime.into(),
            bytes: bytes.into_bytes(),
        }
    }
}
