//! `burnrate solve`: what to set for a spend target ([`crate::solve`]): the annual budget that
//! holds with a chosen probability, the per-user monthly budget or per-run cap that keeps P90
//! annual spend under an amount, and the headcount that fits a budget; long questions show their
//! runs on a progress bar.

use super::{load_catalogue, load_scenario, progress, CliError, TableArgs};
use crate::solve::{self, Answer, Lever, Question};
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

/// The questions `burnrate solve` answers.
#[derive(Subcommand)]
pub(crate) enum SolveCommand {
    /// The smallest annual budget that holds with a chosen probability.
    Budget {
        /// The probability the budget holds (0.01–1).
        #[arg(long, default_value_t = 0.9)]
        probability: f64,
        #[command(flatten)]
        common: Common,
    },
    /// The most generous per-user monthly budget (or per-run cap) that keeps P90 annual spend
    /// within an amount while suppressing at most a share of productive demand.
    Cap {
        /// The most P90 annual spend may be [USD / year].
        #[arg(long)]
        target: f64,
        /// The lever: a per-user monthly budget or a per-run cap.
        #[arg(long, value_enum, default_value_t = LeverArg::MonthlyBudget)]
        lever: LeverArg,
        /// The largest share of productive demand it may suppress (0–1).
        #[arg(long, default_value_t = 0.1)]
        max_suppressed: f64,
        #[command(flatten)]
        common: Common,
    },
    /// The largest headcount whose annual spend stays within a budget with a chosen
    /// probability.
    Headcount {
        /// The annual budget [USD / year].
        #[arg(long)]
        budget: f64,
        /// The probability spend stays within it (0.01–1).
        #[arg(long, default_value_t = 0.9)]
        probability: f64,
        #[command(flatten)]
        common: Common,
    },
}

/// The lever `solve cap` sets.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum LeverArg {
    /// A per-user monthly budget.
    MonthlyBudget,
    /// A per-run cap on agent runs.
    RunCap,
}

/// What every question takes.
#[derive(clap::Args)]
pub(crate) struct Common {
    /// Scenario file (JSON, docs/scenario.md); default: the built-in default scenario.
    #[arg(long, conflicts_with = "preset")]
    scenario: Option<PathBuf>,
    /// A preset scenario (`burnrate presets` lists them).
    #[arg(long)]
    preset: Option<String>,
    /// The policy set the answer is for, numbered from 1 in scenario order.
    #[arg(long, default_value_t = 1)]
    policy: usize,
    /// Monte Carlo draws per candidate (overrides the scenario's).
    #[arg(long)]
    draws: Option<u32>,
    /// Seed of the random streams (overrides the scenario's); every candidate uses it.
    #[arg(long)]
    seed: Option<u64>,
    #[command(flatten)]
    table: TableArgs,
    /// Output format: the answer and its trade-off curve as text, or as JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How the answer is printed.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

/// Answers one question.
pub(crate) fn run(command: SolveCommand) -> Result<String, CliError> {
    let common = match &command {
        SolveCommand::Budget { common, .. }
        | SolveCommand::Cap { common, .. }
        | SolveCommand::Headcount { common, .. } => common,
    };
    let catalogue = load_catalogue(&common.table)?;
    let mut s = load_scenario(common.scenario.clone(), common.preset.clone())?;
    if let Some(seed) = common.seed {
        s.uncertainty.seed = seed;
    }
    if let Some(draws) = common.draws {
        s.uncertainty.draws = draws;
    }
    let v = s.validate(&catalogue)?;
    let policy = common.policy.saturating_sub(1);
    let format = common.format;
    let question = match command {
        SolveCommand::Budget { probability, .. } => Question::Budget { probability },
        SolveCommand::Cap {
            target,
            lever,
            max_suppressed,
            ..
        } => Question::Cap {
            lever: match lever {
                LeverArg::MonthlyBudget => Lever::MonthlyBudget,
                LeverArg::RunCap => Lever::RunCap,
            },
            target_usd: target,
            max_suppressed,
        },
        SolveCommand::Headcount {
            budget,
            probability,
            ..
        } => Question::Headcount {
            budget_usd: budget,
            probability,
        },
    };
    let most = question.most_runs() as u64;
    let per_run = crate::runner::report_work(&v.scenario) / v.scenario.policies.len().max(1) as u64;
    let bar = progress::bar(most, "runs", per_run.saturating_mul(most));
    let answer = question.solve(&v, &catalogue, policy, &|runs| {
        bar.set_position(runs as u64)
    });
    bar.finish_and_clear();
    let answer = answer?;
    Ok(match format {
        Format::Json => {
            serde_json::to_string_pretty(&answer.solution).expect("serialisable") + "\n"
        }
        Format::Text => text(&answer),
    })
}

/// The answer, then the trade-off curve ([`solve::table`]) with the answer marked.
fn text(answer: &Answer) -> String {
    let s = &answer.solution;
    let mut out = format!("{}\n\n{}\n\n", s.text, answer.computed_on());
    let (table, at) = solve::table(s, &answer.header, answer.count, answer.holds);
    let widths: Vec<usize> = (0..table.headers.len())
        .map(|c| {
            table
                .rows
                .iter()
                .map(|row| &row[c])
                .chain([&table.headers[c]])
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |mark: &str, cells: &[String]| {
        let mut l = mark.to_string();
        for (c, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            l += if c == 0 {
                format!(" {cell:<width$}")
            } else {
                format!("  {cell:>width$}")
            }
            .as_str();
        }
        l + "\n"
    };
    out += &line(" ", &table.headers);
    for (i, row) in table.rows.iter().enumerate() {
        out += &line(if Some(i) == at { "→" } else { " " }, row);
    }
    out
}
