//! `raciflow check`: validate a model and report what is wrong.

use std::io::Write;

use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, ModelArg, OK, Ui};
use raciflow::check::registry;
use raciflow::diag::{Severity, github, gitlab, human, json, junit, sarif};

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// rustc-style, with the source line and a caret (colour on a terminal).
    Human,
    /// One JSON object, for scripts.
    Json,
    /// GitHub Actions workflow commands, to annotate pull requests.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// A GitLab Code Quality report, for the merge request's widget.
    Gitlab,
    /// JUnit XML: a test case per rule, for CI servers' test reports.
    Junit,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail (exit code 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Show only findings this severe or more (the summary line still counts them all).
    #[arg(long, value_enum, default_value = "info")]
    min_severity: MinSeverity,
}

/// The least severe finding `check` shows.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum MinSeverity {
    /// Every finding.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only (as `--quiet` shows).
    Error,
}

pub fn run(args: &CheckArgs, ui: &Ui) -> anyhow::Result<u8> {
    let checked = args.model.check()?;
    let min = match args.min_severity {
        MinSeverity::Info if !ui.quiet => Severity::Info,
        MinSeverity::Warning if !ui.quiet => Severity::Warning,
        _ => Severity::Error,
    };
    let report = &checked.report.at_least(min);
    let sources = &checked.sources;
    let text = match args.format {
        Format::Human => human::render(report, sources, ui.colored(true)),
        Format::Json => json::render(report, sources),
        Format::Github => github::render(report, sources),
        Format::Sarif => sarif::render(report, sources, &registry::all_rules()),
        Format::Gitlab => gitlab::render(report, sources),
        Format::Junit => junit::render(report, sources, &registry::all_rules(), args.deny_warnings),
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(if checked.fails(args.deny_warnings) {
        MODEL_ERRORS
    } else {
        OK
    })
}
