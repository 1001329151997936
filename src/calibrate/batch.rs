//! One calibration of a batch of usage files, as the page's worker carries it out: every file
//! is imported (its format detected), its rows summed, then the scenario fitted, with progress
//! in bytes read. The outcome holds per-file summaries, the calibrated scenario's JSON and the
//! diagnostics; it crosses from the worker to the page as JSON.
//!
//! File names and the problems naming a file's lines stay in the outcome, which the page only
//! shows; the scenario (which is saved, linked and exported) names no one and no file.

use super::{Diagnostics, Options, UsageSums};
use crate::pricing::Catalogue;
use crate::scenario::Scenario;
use crate::usage::{self, FileSummary};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// Bytes read between two progress reports [bytes].
pub const PROGRESS_EVERY_BYTES: u64 = 4 * 1024 * 1024;

/// What the page asks for besides the files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchRequest {
    /// Increases with every calibration the page asks for.
    pub generation: u64,
    /// The files' names, in the order the files follow.
    pub names: Vec<String>,
    /// The files' sizes [bytes], for progress.
    pub sizes: Vec<u64>,
    /// The per-user cap and the seats, as the page's inputs give them.
    pub options: Options,
    /// The scenario to start from, as scenario JSON.
    pub base: String,
}

/// One file as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    /// The file's name (shown on the page only).
    pub file: String,
    /// The format read, as `--from` names it; empty when the file could not be read.
    pub format: String,
    /// Records read [rows].
    pub rows_read: u64,
    /// Rows imported [rows].
    pub rows_imported: u64,
    /// Records skipped, by reason's name [rows].
    pub skipped: Vec<(String, u64)>,
    /// The first skipped records, each as `file:line: column NAME: reason`.
    pub problems: Vec<String>,
    /// Distinct people [developers].
    pub users: u64,
    /// Distinct calendar months.
    pub months: u64,
    /// Gross cost of the priced rows [USD].
    pub gross_usd: f64,
    /// Why the file could not be read, when it could not.
    pub error: Option<String>,
}

impl FileReport {
    fn of(s: &FileSummary) -> FileReport {
        FileReport {
            file: s.file.clone(),
            format: s.format.name().into(),
            rows_read: s.rows_read,
            rows_imported: s.rows_imported,
            skipped: s
                .skipped
                .iter()
                .map(|(r, n)| (r.name().to_string(), *n))
                .collect(),
            problems: s.problems.clone(),
            users: s.users,
            months: s.months,
            gross_usd: s.gross_usd,
            error: None,
        }
    }

    fn failed(file: &str, error: String) -> FileReport {
        FileReport {
            file: file.into(),
            format: String::new(),
            rows_read: 0,
            rows_imported: 0,
            skipped: Vec::new(),
            problems: Vec::new(),
            users: 0,
            months: 0,
            gross_usd: 0.0,
            error: Some(error),
        }
    }
}

/// What a batch gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchOutcome {
    /// The calibration's generation.
    pub generation: u64,
    /// Each file, in order.
    pub files: Vec<FileReport>,
    /// The calibrated scenario as scenario JSON, when one was made.
    pub scenario: Option<String>,
    /// Why no scenario was made.
    pub error: Option<String>,
    /// The fits beside the observations, with the scenario.
    pub diagnostics: Option<Diagnostics>,
    /// Time the batch took, by the caller's clock [ms].
    pub elapsed_ms: f64,
}

impl BatchOutcome {
    /// The outcome of `request` before any file is read.
    fn empty(request: &BatchRequest) -> BatchOutcome {
        BatchOutcome {
            generation: request.generation,
            files: Vec::new(),
            scenario: None,
            error: None,
            diagnostics: None,
            elapsed_ms: 0.0,
        }
    }

    /// The outcome of `request` when its files could not be read at all, and `why`.
    pub fn refused(request: &BatchRequest, why: &str) -> BatchOutcome {
        BatchOutcome {
            error: Some(why.to_string()),
            ..BatchOutcome::empty(request)
        }
    }
}

/// A reader that reports the bytes read so far every [`PROGRESS_EVERY_BYTES`].
struct Progressed<'a, R> {
    inner: R,
    read: u64,
    reported: u64,
    report: &'a mut dyn FnMut(u64),
}

impl<R: Read> Read for Progressed<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read - self.reported >= PROGRESS_EVERY_BYTES {
            self.reported = self.read;
            (self.report)(self.read);
        }
        Ok(n)
    }
}

/// Imports `files` (name and reader, in the order of `request.names`) and calibrates
/// `request.base` to them, with the built-in prices; `progress` hears the bytes read over all
/// files, `clock` times the batch [ms].
pub fn run<R: Read>(
    request: &BatchRequest,
    files: impl IntoIterator<Item = (String, R)>,
    progress: &mut dyn FnMut(u64),
    clock: &dyn Fn() -> f64,
) -> BatchOutcome {
    let started = clock();
    let catalogue = Catalogue::builtin();
    let mut outcome = BatchOutcome::empty(request);
    let base = match Scenario::from_json(&request.base, "the scenario on screen") {
        Ok(base) => base,
        Err(e) => {
            outcome.error = Some(e.to_string());
            return outcome;
        }
    };
    let mut sums = UsageSums::new(&base);
    let mut done = 0u64;
    for (name, reader) in files {
        let mut report = |read: u64| progress(done + read);
        let counted = Progressed {
            inner: reader,
            read: 0,
            reported: 0,
            report: &mut report,
        };
        let mut reader = std::io::BufReader::with_capacity(256 * 1024, counted);
        let result = usage::import_reader(&mut reader, &name, None, &catalogue, &mut |row| {
            sums.add(&row)
        });
        done += reader.get_ref().read;
        match result {
            Ok(summary) => {
                sums.file(summary.format);
                outcome.files.push(FileReport::of(&summary));
            }
            Err(e) => outcome.files.push(FileReport::failed(&name, e.in_page())),
        }
        progress(done);
    }
    let options = request.options;
    match sums.fit(&base, options, &catalogue) {
        Ok(scenario) => {
            outcome.diagnostics = Some(sums.diagnostics(&scenario, options));
            outcome.scenario = Some(scenario.to_json());
        }
        Err(e) => outcome.error = Some(e.to_string()),
    }
    outcome.elapsed_ms = clock() - started;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibrate::diagnostics::tests::copilot;

    fn request(names: &[&str]) -> BatchRequest {
        BatchRequest {
            generation: 4,
            names: names.iter().map(|n| n.to_string()).collect(),
            sizes: Vec::new(),
            options: Options::default(),
            base: Scenario::default().to_json(),
        }
    }

    #[test]
    fn a_refused_batch_keeps_its_generation_and_says_why() {
        let outcome = BatchOutcome::refused(&request(&["copilot.csv"]), "no worker");
        assert_eq!(outcome.generation, 4);
        assert_eq!(outcome.error.as_deref(), Some("no worker"));
        assert!(outcome.files.is_empty() && outcome.scenario.is_none());
    }

    #[test]
    fn a_batch_reads_every_file_and_calibrates_with_progress() {
        let text = copilot(60);
        let files = vec![
            ("copilot.csv".to_string(), text.as_bytes()),
            ("notes.txt".to_string(), b"hello".as_slice()),
        ];
        let mut heard = Vec::new();
        let outcome = run(
            &request(&["copilot.csv", "notes.txt"]),
            files,
            &mut |b| heard.push(b),
            &|| 0.0,
        );
        assert_eq!(outcome.generation, 4);
        assert_eq!(outcome.files.len(), 2);
        assert_eq!(outcome.files[0].format, "copilot");
        assert_eq!(outcome.files[0].users, 60);
        let error = outcome.files[1].error.as_deref().unwrap();
        assert!(
            error.starts_with("notes.txt: cannot tell which usage export this is (the page reads")
                && !error.contains("--from"),
            "said in the page's terms: {error}"
        );
        assert_eq!(heard.last(), Some(&(text.len() as u64 + 5)));
        assert!(heard.windows(2).all(|w| w[0] <= w[1]));
        let scenario = Scenario::from_json(outcome.scenario.as_ref().unwrap(), "x").unwrap();
        assert_eq!(scenario.developers(), 60);
        assert!(outcome.diagnostics.unwrap().adoption.is_some());
        let json = serde_json::to_string(&outcome.files).unwrap();
        assert!(json.contains("copilot.csv"));
        assert!(!outcome.scenario.unwrap().contains("dev1"));
    }

    #[test]
    fn a_batch_with_no_usage_says_so() {
        let outcome = run(
            &request(&["a.csv"]),
            vec![("a.csv".to_string(), b"x".as_slice())],
            &mut |_| {},
            &|| 0.0,
        );
        assert_eq!(outcome.scenario, None);
        assert!(outcome.error.unwrap().contains("no usage"));
    }
}
