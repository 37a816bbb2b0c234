//! `raciflow check`: validate a model and report what is wrong.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, OK, default_model};
use raciflow::check::registry;
use raciflow::check_model;
use raciflow::diag::{github, human, json, sarif};

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
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The model root: the folder that holds model.yaml.
    #[arg(default_value_os_t = default_model())]
    model: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail (exit code 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: &CheckArgs) -> anyhow::Result<u8> {
    let checked = check_model(&args.model)?;
    let text = match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            human::render(&checked.report, &checked.sources, color)
        }
        Format::Json => json::render(&checked.report, &checked.sources),
        Format::Github => github::render(&checked.report, &checked.sources),
        Format::Sarif => sarif::render(&checked.report, &checked.sources, &registry::all_rules()),
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(if checked.fails(args.deny_warnings) {
        MODEL_ERRORS
    } else {
        OK
    })
}
