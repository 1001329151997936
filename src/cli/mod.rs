//! The native `burnrate` command line: prices usage bundles and runs scenarios on the core.

use crate::pricing::{Catalogue, CostBreakdown, PricingError, UsageBundle};
use crate::report::Report;
use crate::scenario::{Scenario, ScenarioError};
use crate::sim::simulate;
use crate::units::{format_usd, Tokens};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use thiserror::Error;

/// Why a command failed.
#[derive(Debug, Error)]
pub enum CliError {
    /// A file could not be read.
    #[error("{file}: cannot read: {message}")]
    Read {
        /// The path.
        file: String,
        /// The operating system's message.
        message: String,
    },
    /// A pricing file or lookup failed.
    #[error(transparent)]
    Pricing(#[from] PricingError),
    /// A scenario failed to parse or validate.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
}

#[derive(Parser)]
#[command(
    name = "burnrate",
    version,
    about = "Simulate organisation-wide AI coding-tool spend under adoption and incentive policies",
    long_about = "Burnrate prices LLM usage from real list-price tables and simulates an \
organisation month by month: who adopts the tools, how much they use, and what it costs.\n\n\
Prices come from the curated catalogue compiled into this binary (pricing-data/catalogue.json) \
unless --pricing names another file in the same schema."
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Price one usage bundle on one model and print the total and its components.
    Cost {
        /// Model id in the pricing catalogue, e.g. claude-sonnet-4-6.
        #[arg(long)]
        model: String,
        /// Uncached (fresh) prompt tokens.
        #[arg(long, default_value_t = 0)]
        input: u64,
        /// Generated output tokens.
        #[arg(long, default_value_t = 0)]
        output: u64,
        /// Prompt tokens read from the cache.
        #[arg(long, default_value_t = 0)]
        cache_read: u64,
        /// Prompt tokens written to the 5-minute cache.
        #[arg(long, default_value_t = 0)]
        cache_write: u64,
        /// Prompt tokens written to the 1-hour cache.
        #[arg(long, default_value_t = 0)]
        cache_write_1h: u64,
        /// Reasoning tokens billed apart from output.
        #[arg(long, default_value_t = 0)]
        reasoning: u64,
        /// Pricing catalogue file (schema: pricing-data/README.md); default: the built-in one.
        #[arg(long)]
        pricing: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CostFormat::Text)]
        format: CostFormat,
    },
    /// Simulate a scenario month by month and print the monthly spend and headline figures.
    Simulate {
        /// Scenario file (JSON, docs/scenario.md); default: the built-in default scenario.
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Seed of the random streams (overrides the scenario's).
        #[arg(long)]
        seed: Option<u64>,
        /// Pricing catalogue file; default: the built-in one.
        #[arg(long)]
        pricing: Option<PathBuf>,
        /// Output format: a JSON report, or the monthly table as CSV.
        #[arg(long, value_enum, default_value_t = SimFormat::Json)]
        format: SimFormat,
    },
    /// Print scenarios.
    Scenario {
        #[command(subcommand)]
        which: ScenarioCommand,
    },
}

#[derive(Subcommand)]
enum ScenarioCommand {
    /// Print the default scenario as JSON (a starting point for --scenario files).
    Default,
}

#[derive(Clone, Copy, ValueEnum)]
enum CostFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum SimFormat {
    Json,
    Csv,
}

#[derive(Serialize)]
struct CostReport<'a> {
    model: &'a str,
    usd: f64,
    components: CostBreakdown,
    tokens: UsageBundle,
    source: &'a str,
    checked: &'a str,
}

/// Runs the command line with the process's arguments.
pub fn main() -> ExitCode {
    let args = Args::parse();
    match run(args.command) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<String, CliError> {
    match command {
        Command::Cost {
            model,
            input,
            output,
            cache_read,
            cache_write,
            cache_write_1h,
            reasoning,
            pricing,
            format,
        } => {
            let catalogue = load_catalogue(pricing.as_deref())?;
            let price = catalogue.require(&model)?;
            let tokens = UsageBundle {
                input: Tokens(input as f64),
                cache_read: Tokens(cache_read as f64),
                cache_write_5m: Tokens(cache_write as f64),
                cache_write_1h: Tokens(cache_write_1h as f64),
                output: Tokens(output as f64),
                reasoning: Tokens(reasoning as f64),
            };
            let components = price.cost(&tokens);
            let report = CostReport {
                model: &price.id,
                usd: components.total().0,
                components,
                tokens,
                source: &price.source,
                checked: &price.checked,
            };
            Ok(match format {
                CostFormat::Json => {
                    serde_json::to_string_pretty(&report).expect("serialisable") + "\n"
                }
                CostFormat::Text => cost_text(&report),
            })
        }
        Command::Simulate {
            scenario,
            seed,
            pricing,
            format,
        } => {
            let catalogue = load_catalogue(pricing.as_deref())?;
            let mut s = match scenario {
                Some(path) => Scenario::from_json(&read(&path)?, &path.display().to_string())?,
                None => Scenario::default(),
            };
            if let Some(seed) = seed {
                s.seed = seed;
            }
            let valid = s.validate(&catalogue)?;
            let report = Report::new(&s.name, &simulate(&valid));
            Ok(match format {
                SimFormat::Json => report.to_json() + "\n",
                SimFormat::Csv => report.to_csv(),
            })
        }
        Command::Scenario {
            which: ScenarioCommand::Default,
        } => Ok(Scenario::default().to_json() + "\n"),
    }
}

fn cost_text(r: &CostReport) -> String {
    let c = &r.components;
    let t = &r.tokens;
    let rows = [
        ("input", t.input, c.input),
        ("cache read", t.cache_read, c.cache_read),
        ("cache write 5m", t.cache_write_5m, c.cache_write_5m),
        ("cache write 1h", t.cache_write_1h, c.cache_write_1h),
        ("output", t.output, c.output),
        ("reasoning", t.reasoning, c.reasoning),
    ];
    let mut out = format!("{}: {} total\n", r.model, format_usd(r.usd, 6));
    for (label, tokens, usd) in rows {
        if tokens.0 > 0.0 {
            out += &format!(
                "  {label:<15} {:>15} tokens  {}\n",
                tokens.0,
                format_usd(usd.0, 6)
            );
        }
    }
    out += &format!("  prices: {} (checked {})\n", r.source, r.checked);
    out
}

fn read(path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| CliError::Read {
        file: path.display().to_string(),
        message: e.to_string(),
    })
}

fn load_catalogue(path: Option<&Path>) -> Result<Catalogue, CliError> {
    match path {
        Some(p) => Ok(Catalogue::from_json(&read(p)?, &p.display().to_string())?),
        None => Ok(Catalogue::builtin()),
    }
}
