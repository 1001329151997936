//! The native `burnrate` command line: prices usage bundles and runs scenarios on the core.

mod calibrate;
mod progress;
mod solve;
mod usage;

use crate::calendar::Date;
use crate::pricing::import::{self, Format, ImportError, ImportSummary};
use crate::pricing::{
    Catalogue, CostBreakdown, PriceQuery, Prices, PricingError, UsageBundle, STANDARD,
};
use crate::report::Report;
use crate::scenario::{self, Scenario, ScenarioError};
use crate::units::{format_usd, Tokens};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use thiserror::Error;

/// Why a command failed.
#[derive(Debug, Error)]
pub(crate) enum CliError {
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
    /// A price table could not be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// No preset has that name.
    #[error("no preset called \"{name}\" (`burnrate presets` lists them)")]
    UnknownPreset {
        /// The name given.
        name: String,
    },
    /// A file could not be written.
    #[error("{file}: cannot write: {message}")]
    Write {
        /// The path.
        file: String,
        /// The operating system's message.
        message: String,
    },
    /// A scenario failed to parse or validate.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// A share link could not be opened.
    #[error(transparent)]
    Link(#[from] crate::share::ShareError),
    /// A usage export could not be read.
    #[error(transparent)]
    Usage(#[from] crate::usage::UsageError),
    /// Usage exports could not be calibrated to.
    #[error(transparent)]
    Calibrate(#[from] crate::calibrate::CalibrateError),
    /// A solver question could not be answered.
    #[error(transparent)]
    Solve(#[from] crate::solve::SolveError),
    /// The threads of a run could not start.
    #[error("{0}")]
    Threads(String),
}

#[derive(Parser)]
#[command(
    name = "burnrate",
    version,
    about = "Simulate organisation-wide AI coding-tool spend under adoption and incentive policies",
    long_about = "Burnrate prices LLM usage from real list-price tables and simulates an \
organisation month by month: who adopts the tools, how much they use, and what it costs.\n\n\
Prices come from the curated catalogue compiled into this binary (pricing-data/catalogue.json) \
unless --pricing names another table: Burnrate's own JSON, a LiteLLM \
model_prices_and_context_window.json, an OpenRouter /api/v1/models response, an llm-prices file \
or a CSV (detected from the content, or named with --from). With --merge the table is laid over \
the built-in one instead of replacing it. A model without a price is an error, never $0."
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Price one usage bundle on one model and print the total and its components.
    Cost(CostArgs),
    /// Simulate a scenario month by month and print the monthly spend and headline figures.
    Simulate(SimulateArgs),
    /// List the preset scenarios.
    Presets,
    /// Print scenarios.
    Scenario {
        #[command(subcommand)]
        which: ScenarioCommand,
    },
    /// Import and inspect price tables.
    Pricing {
        #[command(subcommand)]
        action: PricingCommand,
    },
    /// Read usage and billing exports.
    Usage {
        #[command(subcommand)]
        action: usage::UsageCommand,
    },
    /// Fit a scenario to usage exports and write it as scenario JSON, with its provenance.
    Calibrate(calibrate::CalibrateArgs),
    /// What to set for a spend target: the budget that holds, the cap, the headcount.
    Solve {
        #[command(subcommand)]
        question: solve::SolveCommand,
    },
}

/// What `burnrate cost` prices.
#[derive(clap::Args)]
struct CostArgs {
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
    /// Day the request is billed (YYYY-MM-DD): selects the price in force; default: today.
    #[arg(long)]
    date: Option<Date>,
    /// Service tier: standard, batch, flex, priority, … (as the table lists them).
    #[arg(long, default_value = STANDARD)]
    service_tier: String,
    /// Region whose uplift applies (e.g. eu), as the table lists them.
    #[arg(long)]
    region: Option<String>,
    #[command(flatten)]
    table: TableArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CostFormat::Text)]
    format: CostFormat,
}

/// What `burnrate simulate` runs and prints.
#[derive(clap::Args)]
struct SimulateArgs {
    /// Scenario file (JSON, docs/scenario.md); default: the built-in default scenario.
    #[arg(long, conflicts_with = "preset")]
    scenario: Option<PathBuf>,
    /// A preset scenario (`burnrate presets` lists them).
    #[arg(long, conflicts_with = "link")]
    preset: Option<String>,
    /// A share-link payload (what follows `#s=` in the app's URL).
    #[arg(long, conflicts_with = "scenario")]
    link: Option<String>,
    /// Monte Carlo draws (overrides the scenario's).
    #[arg(long)]
    draws: Option<u32>,
    /// Seed of the random streams (overrides the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// A negotiated discount off list, PROVIDER=PERCENT or model:MODEL=PERCENT (repeatable;
    /// replaces the scenario's discount for the same provider or model).
    #[arg(long = "discount", value_name = "WHO=PERCENT")]
    discounts: Vec<scenario::Discount>,
    /// Committed spend billed at least, USD/month or USD/year (overrides the scenario's).
    #[arg(long, value_name = "USD/PERIOD")]
    commitment: Option<scenario::Commitment>,
    /// The organisation's annual budget [USD / year] (overrides the scenario's).
    #[arg(long, value_name = "USD")]
    budget: Option<f64>,
    /// The month the fiscal year starts, 1–12 (overrides the scenario's).
    #[arg(long, value_name = "MONTH")]
    fiscal_start: Option<u8>,
    /// Also write the spreadsheet exports into this directory: summary.csv, monthly.csv,
    /// burnrate.xlsx (Summary, Monthly, Assumptions), draws.csv and scenario.json.
    #[arg(long, value_name = "DIR")]
    export_dir: Option<PathBuf>,
    #[command(flatten)]
    table: TableArgs,
    /// Threads the draws are split across; default: one per core. The report is the same, bit
    /// for bit, whatever the number.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Output format: the JSON report (docs/cli.md), every figure as CSV rows, a text
    /// summary, or the median costs as a FOCUS-shaped CSV.
    #[arg(long, value_enum, default_value_t = SimFormat::Json)]
    format: SimFormat,
}

/// Where prices come from.
#[derive(clap::Args)]
struct TableArgs {
    /// Price table file; default: the built-in curated catalogue.
    #[arg(long)]
    pricing: Option<PathBuf>,
    /// Format of --pricing: burnrate, litellm, openrouter, llm-prices or csv; default: detected.
    #[arg(long = "from", requires = "pricing")]
    from: Option<Format>,
    /// Lay the --pricing table over the built-in one instead of replacing it.
    #[arg(long, requires = "pricing")]
    merge: bool,
}

#[derive(Subcommand)]
enum PricingCommand {
    /// Import a price table and print a JSON summary (imported, skipped by reason, warnings).
    Import {
        /// Format: burnrate, litellm, openrouter, llm-prices or csv; default: detected.
        #[arg(long = "from")]
        from: Option<Format>,
        /// The file to import.
        file: PathBuf,
        /// Write the imported table here in Burnrate's own schema.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List the models of a table with their list prices on a day (USD per 1M tokens).
    List {
        #[command(flatten)]
        table: TableArgs,
        /// Day whose prices to show (YYYY-MM-DD); default: today.
        #[arg(long)]
        date: Option<Date>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CostFormat::Text)]
        format: CostFormat,
    },
}

#[derive(Subcommand)]
enum ScenarioCommand {
    /// Print the default scenario as JSON (a starting point for --scenario files).
    Default,
    /// Validate a scenario and print its share-link payload (what follows `#s=` in the app's
    /// URL).
    Link {
        /// Scenario file; default: the built-in default scenario.
        #[arg(long, conflicts_with = "preset")]
        scenario: Option<PathBuf>,
        /// A preset scenario.
        #[arg(long)]
        preset: Option<String>,
        /// Where prices come from (the scenario is validated against them).
        #[command(flatten)]
        table: TableArgs,
    },
    /// Print every model parameter: path, default, allowed range, unit, evidence grade, source.
    Parameters {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ParamFormat::Markdown)]
        format: ParamFormat,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ParamFormat {
    Markdown,
    Json,
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
    Text,
    Focus,
}

#[derive(Serialize)]
struct CostReport<'a> {
    model: &'a str,
    usd: f64,
    components: CostBreakdown,
    tokens: UsageBundle,
    date: Date,
    service_tier: &'a str,
    region: Option<&'a str>,
    prices_usd_per_mtok: Prices,
    source: &'a str,
    checked: Date,
    verified: bool,
}

#[derive(Serialize)]
struct ListedModel<'a> {
    id: &'a str,
    provider: &'a str,
    prices_usd_per_mtok: Option<Prices>,
    service_tiers: Vec<&'a str>,
    source: &'a str,
    checked: Date,
    verified: bool,
}

/// Runs the command line with the process's arguments.
pub fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Usage { action } => {
            usage::run(action, &mut std::io::stdout().lock()).map(|()| String::new())
        }
        command => run(command),
    };
    match result {
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
        Command::Cost(args) => cost(args),
        Command::Simulate(args) => simulate(args),
        Command::Calibrate(args) => calibrate::run(args),
        Command::Solve { question } => solve::run(question),
        Command::Usage { action } => {
            let mut out = Vec::new();
            usage::run(action, &mut out)?;
            Ok(String::from_utf8_lossy(&out).into_owned())
        }
        Command::Presets => Ok(scenario::PRESETS
            .iter()
            .map(|(name, what)| format!("{name:<24} {what}\n"))
            .collect()),
        Command::Scenario {
            which: ScenarioCommand::Default,
        } => Ok(Scenario::default().to_json() + "\n"),
        Command::Scenario {
            which:
                ScenarioCommand::Link {
                    scenario,
                    preset,
                    table,
                },
        } => {
            let s = load_scenario(scenario, preset)?;
            s.validate(&load_catalogue(&table)?)?;
            Ok(crate::share::encode(&s) + "\n")
        }
        Command::Scenario {
            which: ScenarioCommand::Parameters { format },
        } => Ok(match format {
            ParamFormat::Markdown => scenario::parameter_table(),
            ParamFormat::Json => scenario::parameters_json(),
        }),
        Command::Pricing {
            action: PricingCommand::Import { from, file, out },
        } => {
            let name = file.display().to_string();
            let imported = import::import(&read(&file)?, from, &name, today())?;
            if let Some(out) = out {
                std::fs::write(&out, imported.catalogue.to_json()).map_err(|e| {
                    CliError::Write {
                        file: out.display().to_string(),
                        message: e.to_string(),
                    }
                })?;
            }
            Ok(serde_json::to_string_pretty(&imported.summary).expect("serialisable") + "\n")
        }
        Command::Pricing {
            action:
                PricingCommand::List {
                    table,
                    date,
                    format,
                },
        } => {
            let catalogue = load_catalogue(&table)?;
            let day = date.unwrap_or_else(today);
            let listed: Vec<ListedModel> = catalogue
                .models()
                .iter()
                .map(|m| ListedModel {
                    id: &m.id,
                    provider: &m.provider,
                    prices_usd_per_mtok: m.list_prices_on(day),
                    service_tiers: m
                        .periods
                        .iter()
                        .flat_map(|p| p.service_tiers.keys().map(String::as_str))
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    source: &m.source,
                    checked: m.checked,
                    verified: m.verified,
                })
                .collect();
            Ok(match format {
                CostFormat::Json => {
                    serde_json::to_string_pretty(&listed).expect("serialisable") + "\n"
                }
                CostFormat::Text => list_text(&listed, day),
            })
        }
    }
}

/// `burnrate cost`: one usage bundle priced on one model.
fn cost(args: CostArgs) -> Result<String, CliError> {
    let CostArgs {
        model,
        input,
        output,
        cache_read,
        cache_write,
        cache_write_1h,
        reasoning,
        date,
        service_tier,
        region,
        table,
        format,
    } = args;
    let catalogue = load_catalogue(&table)?;
    let price = catalogue.require(&model)?;
    let query = PriceQuery {
        day: date.unwrap_or_else(today),
        service_tier: &service_tier,
        region: region.as_deref(),
    };
    let tokens = UsageBundle {
        input: Tokens(input as f64),
        cache_read: Tokens(cache_read as f64),
        cache_write_5m: Tokens(cache_write as f64),
        cache_write_1h: Tokens(cache_write_1h as f64),
        output: Tokens(output as f64),
        reasoning: Tokens(reasoning as f64),
    };
    let prices = price.prices(&query, tokens.prompt_tokens())?;
    let components = prices.cost(&tokens);
    let report = CostReport {
        model: &price.id,
        usd: components.total().0,
        components,
        tokens,
        date: query.day,
        service_tier: query.service_tier,
        region: query.region,
        prices_usd_per_mtok: prices,
        source: &price.source,
        checked: price.checked,
        verified: price.verified,
    };
    Ok(match format {
        CostFormat::Json => serde_json::to_string_pretty(&report).expect("serialisable") + "\n",
        CostFormat::Text => cost_text(&report),
    })
}

/// `burnrate simulate`: a scenario's report in the chosen format.
fn simulate(args: SimulateArgs) -> Result<String, CliError> {
    let SimulateArgs {
        scenario,
        preset,
        link,
        draws,
        seed,
        discounts,
        commitment,
        budget,
        fiscal_start,
        export_dir,
        table,
        threads,
        format,
    } = args;
    let catalogue = load_catalogue(&table)?;
    let mut s = match link {
        Some(payload) => crate::share::decode(&payload)?,
        None => load_scenario(scenario, preset)?,
    };
    if let Some(seed) = seed {
        s.uncertainty.seed = seed;
    }
    if let Some(draws) = draws {
        s.uncertainty.draws = draws;
    }
    for d in discounts {
        s.pricing.set_discount(d);
    }
    if commitment.is_some() {
        s.pricing.commitment = commitment;
    }
    if budget.is_some() {
        s.budget.annual_usd = budget;
    }
    if let Some(month) = fiscal_start {
        s.budget.fiscal_year_start = month;
    }
    let valid = s.validate(&catalogue)?;
    let report = run_report(&valid, threads.map_or(0, usize::from))?;
    if let Some(dir) = export_dir {
        let cannot = |path: &std::path::Path, e: std::io::Error| CliError::Write {
            file: path.display().to_string(),
            message: e.to_string(),
        };
        std::fs::create_dir_all(&dir).map_err(|e| cannot(&dir, e))?;
        for (name, bytes) in crate::spreadsheet::files(&valid, &report) {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| cannot(&path, e))?;
        }
    }
    Ok(match format {
        SimFormat::Json => report.to_json() + "\n",
        SimFormat::Csv => report.to_csv(),
        SimFormat::Text => simulate_text(&report),
        SimFormat::Focus => crate::export::focus_csv(&valid, &report),
    })
}

/// Runs every draw of `valid` on `threads` threads (0: one per core), with a progress bar on long
/// runs, and assembles the report.
fn run_report(valid: &scenario::ValidScenario, threads: usize) -> Result<Report, CliError> {
    let work = crate::runner::report_work(&valid.scenario);
    let bar = progress::bar(u64::from(valid.scenario.uncertainty.draws), "draws", work);
    let draws =
        crate::sim::threads::run(valid, threads, &|| bar.inc(1)).map_err(CliError::Threads)?;
    bar.finish_and_clear();
    Ok(Report::new(valid, &draws))
}

/// The scenario of a file, a preset, or the default.
fn load_scenario(file: Option<PathBuf>, preset: Option<String>) -> Result<Scenario, CliError> {
    match (file, preset) {
        (Some(path), _) => Ok(Scenario::from_json(
            &read(&path)?,
            &path.display().to_string(),
        )?),
        (None, Some(name)) => scenario::preset(&name).ok_or(CliError::UnknownPreset { name }),
        (None, None) => Ok(Scenario::default()),
    }
}

fn simulate_text(r: &Report) -> String {
    let mut out = format!(
        "{} ({} draws, seed {}; median with P10 – P90)\n",
        r.scenario, r.draws, r.seed
    );
    for (k, p) in r.policies.iter().enumerate() {
        out += &format!("\n{}\n", p.name);
        let headline = crate::view::headline(r, k);
        for line in &headline {
            out += &crate::view::figure::text_line(line.label, &line.value.to_string());
            out.push('\n');
        }
        if let Some(mut f) = crate::view::finance(r, k) {
            // The finance lines the headline has just given are not said twice.
            f.rows
                .retain(|row| !headline.iter().any(|line| line.label == row.label));
            out += &format!("  {}\n", f.budget);
            out += &crate::view::finance_text(&f);
        }
    }
    out += &verdict_text(r);
    for reforecast in &r.reforecasts {
        let view = crate::view::reforecast::ReforecastView::new(reforecast);
        let name = r.policies.get(reforecast.policy).map_or("", |p| &p.name);
        out += &format!("\nReforecast of {name}\n{}", view.text());
    }
    out
}

/// The verdict on every policy set against the first, and the lowest cost per useful change.
fn verdict_text(r: &Report) -> String {
    let verdicts = crate::verdict::verdicts(r, 0);
    if verdicts.is_empty() {
        return String::new();
    }
    let mut out = format!("\nVerdict against {}\n", r.policies[0].name);
    for v in verdicts {
        out += &format!("  {}\n", v.text);
    }
    if let Some(best) = crate::verdict::lowest_cost_sentence(r) {
        out += &format!("  {best}\n");
    }
    out
}

fn list_text(models: &[ListedModel], day: Date) -> String {
    let mut out = format!(
        "{:<44} {:>9} {:>9} {:>9} {:>9} {:>9}  (USD per 1M tokens on {day})\n",
        "model", "input", "cache rd", "cache wr", "output", "reason."
    );
    for m in models {
        let flag = if m.verified { "" } else { "  (unconfirmed)" };
        match &m.prices_usd_per_mtok {
            Some(p) => {
                out += &format!(
                    "{:<44} {:>9} {:>9} {:>9} {:>9} {:>9}{flag}\n",
                    m.id, p.input.0, p.cache_read.0, p.cache_write_5m.0, p.output.0, p.reasoning.0
                )
            }
            None => out += &format!("{:<44} no price in force on {day}{flag}\n", m.id),
        }
    }
    out
}

/// Today (UTC) from the system clock: the default billing day.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days((secs / 86_400) as i32)
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
    let mut out = format!(
        "{}: {} total ({}, {} tier{})\n",
        r.model,
        format_usd(r.usd, 6),
        r.date,
        r.service_tier,
        r.region
            .map(|g| format!(", region {g}"))
            .unwrap_or_default()
    );
    for (label, tokens, usd) in rows {
        if tokens.0 > 0.0 {
            out += &format!(
                "  {label:<15} {:>15} tokens  {}\n",
                tokens.0,
                format_usd(usd.0, 6)
            );
        }
    }
    let confirmed = if r.verified { "" } else { ", unconfirmed" };
    out += &format!(
        "  prices: {} (checked {}{confirmed})\n",
        r.source, r.checked
    );
    out
}

/// The text of a file, refused unread when it is larger than
/// [`crate::limits::MAX_IMPORT_BYTES`].
fn read(path: &Path) -> Result<String, CliError> {
    let error = |message: String| CliError::Read {
        file: path.display().to_string(),
        message,
    };
    let limit = crate::limits::MAX_IMPORT_BYTES;
    let size = std::fs::metadata(path)
        .map_err(|e| error(e.to_string()))?
        .len();
    if size > limit as u64 {
        return Err(error(format!(
            "{size} bytes is more than {limit} bytes, the limit on an input file"
        )));
    }
    std::fs::read_to_string(path).map_err(|e| error(e.to_string()))
}

/// The table named by the arguments: built-in, imported, or imported and merged over the
/// built-in one. A summary of what an import skipped goes to standard error.
fn load_catalogue(args: &TableArgs) -> Result<Catalogue, CliError> {
    let Some(path) = &args.pricing else {
        return Ok(Catalogue::builtin());
    };
    let name = path.display().to_string();
    let imported = import::import(&read(path)?, args.from, &name, today())?;
    report_skips(&imported.summary);
    if args.merge {
        Ok(Catalogue::builtin()
            .merged_with(&imported.catalogue, today())
            .0)
    } else {
        Ok(imported.catalogue)
    }
}

fn report_skips(s: &ImportSummary) {
    let skipped: usize = s.skipped.values().sum();
    if skipped > 0 {
        eprintln!(
            "note: {}: imported {} models as {}; skipped {skipped} entries (`burnrate pricing import` lists why)",
            s.file, s.imported, s.format
        );
    }
}
