//! `burnrate usage import FILE…`: reads usage and billing exports and prints what they hold
//! (per file and in total), or the normalised rows as CSV with user keys pseudonymised.

use super::CliError;
use crate::pricing::Catalogue;
use crate::units::format_usd;
use crate::usage::{self, pseudonym, FileSummary, Source, UsageRow};
use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub(super) enum UsageCommand {
    /// Read usage exports (Copilot, Cursor, LiteLLM, ccusage, Anthropic, OpenAI, FOCUS) and
    /// print per file: format, rows read and skipped by reason, users, days, months, models
    /// and gross and net cost; or, with --format csv, the normalised rows.
    Import {
        /// The files (one developer per file for ccusage: the file name is the user key).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Format of every file: copilot, copilot-premium, cursor, litellm-csv, litellm-json,
        /// ccusage, anthropic-usage, claude-code, openai-usage or focus; default: detected.
        #[arg(long = "from")]
        from: Option<Source>,
        /// Output: a text summary, the summary as JSON, or the normalised rows as CSV.
        #[arg(long, value_enum, default_value_t = UsageFormat::Text)]
        format: UsageFormat,
        /// Write user keys as they are in the CSV rows instead of pseudonyms.
        #[arg(long)]
        show_users: bool,
    },
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(super) enum UsageFormat {
    Text,
    Json,
    Csv,
}

/// What all files hold together.
#[derive(Serialize)]
struct Totals {
    files: usize,
    rows_read: u64,
    rows_imported: u64,
    rows_skipped: u64,
    unpriced_rows: u64,
    users: usize,
    months: Vec<String>,
    gross_usd: f64,
    net_usd: Option<f64>,
}

#[derive(Serialize)]
struct Summary {
    files: Vec<FileSummary>,
    total: Totals,
}

/// The header of the normalised rows' CSV.
pub(super) const CSV_HEADER: &str = "day,period,user,cost_centre,team,organisation,model,known_model,input_tokens,cache_read_tokens,cache_write_tokens,output_tokens,gross_usd,net_usd,cost_basis,source";

fn csv_line(row: &UsageRow, show_users: bool) -> String {
    let user = row.user.as_deref().map_or(String::new(), |u| {
        if show_users {
            u.to_string()
        } else {
            pseudonym(u)
        }
    });
    let money = |m: Option<crate::units::Usd>| m.map_or(String::new(), |u| u.0.to_string());
    let fields = [
        row.day.to_string(),
        name_of(&row.period),
        user,
        row.cost_centre.clone().unwrap_or_default(),
        row.team.clone().unwrap_or_default(),
        row.organisation.clone().unwrap_or_default(),
        row.model.id.clone(),
        row.model.known.to_string(),
        row.input.0.to_string(),
        row.cache_read.0.to_string(),
        row.cache_write.0.to_string(),
        row.output.0.to_string(),
        money(row.gross),
        money(row.net),
        name_of(&row.basis),
        row.source.name().to_string(),
    ];
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record(&fields).expect("writing to memory");
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 fields")
}

/// The serialised name of a unit-like enum value.
fn name_of(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn write_error(e: std::io::Error) -> CliError {
    CliError::Write {
        file: "standard output".into(),
        message: e.to_string(),
    }
}

/// Runs `usage import`, writing to `out` as it reads (CSV rows stream).
pub(super) fn run(command: UsageCommand, out: &mut dyn Write) -> Result<(), CliError> {
    let UsageCommand::Import {
        files,
        from,
        format,
        show_users,
    } = command;
    let catalogue = Catalogue::builtin();
    if format == UsageFormat::Csv {
        writeln!(out, "{CSV_HEADER}").map_err(write_error)?;
    }
    let mut summaries = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| CliError::Read {
            file: name.clone(),
            message: e.to_string(),
        })?;
        let mut failed = None;
        let mut sink = |row: UsageRow| {
            if format == UsageFormat::Csv && failed.is_none() {
                if let Err(e) = out.write_all(csv_line(&row, show_users).as_bytes()) {
                    failed = Some(e);
                }
            }
        };
        let summary = usage::import_reader(
            std::io::BufReader::new(file),
            &name,
            from,
            &catalogue,
            &mut sink,
        )?;
        if let Some(e) = failed {
            return Err(write_error(e));
        }
        if format == UsageFormat::Csv {
            eprintln!("{}", file_line(&summary));
        }
        summaries.push(summary);
    }
    let summary = Summary {
        total: totals(&summaries),
        files: summaries,
    };
    let text = match format {
        UsageFormat::Csv => return Ok(()),
        UsageFormat::Json => serde_json::to_string_pretty(&summary).expect("serialisable") + "\n",
        UsageFormat::Text => summary_text(&summary),
    };
    out.write_all(text.as_bytes()).map_err(write_error)
}

fn totals(files: &[FileSummary]) -> Totals {
    let mut users: HashSet<&String> = HashSet::new();
    let mut months = BTreeSet::new();
    for f in files {
        users.extend(f.user_keys());
        months.extend(f.month_set().iter().map(ToString::to_string));
    }
    let nets: Vec<f64> = files.iter().filter_map(|f| f.net_usd).collect();
    Totals {
        files: files.len(),
        rows_read: files.iter().map(|f| f.rows_read).sum(),
        rows_imported: files.iter().map(|f| f.rows_imported).sum(),
        rows_skipped: files.iter().flat_map(|f| f.skipped.values()).sum(),
        unpriced_rows: files.iter().map(|f| f.unpriced_rows).sum(),
        users: users.len(),
        months: months.into_iter().collect(),
        gross_usd: files.iter().map(|f| f.gross_usd).sum(),
        net_usd: (!nets.is_empty()).then(|| nets.iter().sum()),
    }
}

fn skipped_text(skipped: &BTreeMap<usage::SkipReason, u64>) -> String {
    let total: u64 = skipped.values().sum();
    if total == 0 {
        return "0 skipped".into();
    }
    let reasons: Vec<String> = skipped
        .iter()
        .map(|(r, n)| format!("{} {n}", r.name()))
        .collect();
    format!("{total} skipped ({})", reasons.join(", "))
}

fn file_line(f: &FileSummary) -> String {
    format!(
        "{}: {}, {} rows read, {} imported, {}",
        f.file,
        f.format,
        f.rows_read,
        f.rows_imported,
        skipped_text(&f.skipped)
    )
}

fn net_text(net: Option<f64>) -> String {
    net.map_or("none in the file".into(), |n| format_usd(n, 2))
}

fn summary_text(s: &Summary) -> String {
    let mut out = String::new();
    for f in &s.files {
        out += &file_line(f);
        out += "\n";
        let span = match (f.first_day, f.last_day) {
            (Some(a), Some(b)) => format!(" ({a} to {b})"),
            _ => String::new(),
        };
        out += &format!(
            "  users {}, days {}{span}, months {}\n  gross {}, net {}\n",
            f.users,
            f.days,
            f.months,
            format_usd(f.gross_usd, 2),
            net_text(f.net_usd)
        );
        for m in &f.models {
            let flag = match (m.known, m.unpriced_rows) {
                (true, _) => String::new(),
                (false, 0) => "  (not in the catalogue; cost from the file)".into(),
                (false, n) => format!("  (not in the catalogue; {n} rows unpriced)"),
            };
            out += &format!(
                "  {:<32} {:>8} rows {:>14}{flag}\n",
                m.model,
                m.rows,
                format_usd(m.gross_usd, 2)
            );
        }
        for p in &f.problems {
            out += &format!("  skipped: {p}\n");
        }
    }
    let t = &s.total;
    out += &format!(
        "total: {} files, {} rows read, {} imported, {} skipped, {} unpriced; users {}, months {}; gross {}, net {}\n",
        t.files,
        t.rows_read,
        t.rows_imported,
        t.rows_skipped,
        t.unpriced_rows,
        t.users,
        t.months.len(),
        format_usd(t.gross_usd, 2),
        net_text(t.net_usd)
    );
    out
}
