//! `burnrate calibrate FILE…`: fits a scenario to usage exports (per-user spend, agentic share,
//! adoption, token and model mix, organisation) and writes it, with its provenance, as the
//! scenario JSON every other command reads. A summary of what was fitted goes to stderr.

use super::{load_scenario, CliError};
use crate::calibrate::{Options, UsageSums};
use crate::pricing::Catalogue;
use crate::scenario::Scenario;
use crate::usage::{self, Source};
use std::path::PathBuf;

/// What `burnrate calibrate` reads.
#[derive(clap::Args)]
pub(super) struct CalibrateArgs {
    /// Usage exports (any format `burnrate usage import` reads; one developer per file for
    /// ccusage).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Format of every file; default: detected per file.
    #[arg(long = "from")]
    from: Option<Source>,
    /// The scenario to start from (its policies, prices and every value the exports do not
    /// give); default: the built-in default scenario.
    #[arg(long = "scenario")]
    scenario: Option<PathBuf>,
    /// Per-user monthly spending cap in force when the exports were made [USD]: months at the
    /// cap are treated as right-censored.
    #[arg(long = "cap", value_parser = positive_usd)]
    cap_usd: Option<f64>,
    /// Seats: everyone who could use the tools, users or not [developers].
    #[arg(long)]
    seats: Option<u32>,
    /// Write the scenario to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Runs `burnrate calibrate`: the scenario JSON (or nothing when written to `--out`).
pub(super) fn run(args: CalibrateArgs) -> Result<String, CliError> {
    let base = load_scenario(args.scenario, None)?;
    let catalogue = Catalogue::builtin();
    let mut sums = UsageSums::new(&base);
    for path in &args.files {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| CliError::Read {
            file: name.clone(),
            message: e.to_string(),
        })?;
        let summary = usage::import_reader(
            std::io::BufReader::new(file),
            &name,
            args.from,
            &catalogue,
            &mut |row| sums.add(&row),
        )?;
        sums.file(summary.format);
    }
    let options = Options {
        cap_usd: args.cap_usd,
        seats: args.seats,
    };
    let scenario = sums.fit(&base, options, &catalogue)?;
    eprint!("{}", summary(&scenario));
    let json = scenario.to_json();
    match args.out {
        Some(path) => {
            std::fs::write(&path, &json).map_err(|e| CliError::Write {
                file: path.display().to_string(),
                message: e.to_string(),
            })?;
            Ok(String::new())
        }
        None => Ok(json),
    }
}

/// What was fitted and what kept its default, one line each.
fn summary(s: &Scenario) -> String {
    let Some(p) = &s.provenance else {
        return String::new();
    };
    let mut out = format!(
        "calibrated to {} rows, {} people, {} – {}; the scenario runs {} months from {}\n",
        p.rows, p.users, p.first_month, p.last_month, s.months, s.start_month
    );
    for f in &p.fitted {
        let interval = if f.high > f.low {
            format!(" (90 % interval {} – {})", short(f.low), short(f.high))
        } else {
            String::new()
        };
        out += &format!(
            "  fitted {} = {}{interval}: {}\n",
            f.path,
            short(f.value),
            f.method
        );
    }
    for n in &p.not_fitted {
        out += &format!("  kept {}: {}\n", n.path, n.reason);
    }
    if let Some(a) = &s.actuals {
        out += &format!(
            "  actuals: {} months from {} ({} observed), {} cost centres; `simulate` reforecasts from them\n",
            a.monthly_usd.len(),
            a.first_month,
            crate::units::format_usd(a.monthly_usd.iter().sum(), 0),
            a.cost_centres.len()
        );
    }
    out
}

/// A number to four decimals, trailing zeros dropped.
fn short(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Reads `--cap`: a positive, finite amount of dollars.
fn positive_usd(text: &str) -> Result<f64, String> {
    match text.trim().trim_start_matches('$').parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!(
            "{text} is not a positive amount of dollars (e.g. 1500)"
        )),
    }
}
