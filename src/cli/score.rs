//! `raciflow score`: each employee's КСП pay from the period's actual figures.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, OK, default_model, print_findings};
use raciflow::check_model;
use raciflow::score::{self, score_all};

/// How `score` prints the scores.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// A table per employee, to read in a terminal.
    Text,
    /// One JSON object, for other tools (its shape is documented in docs/score.md).
    Json,
    /// A row per employee and indicator, for a spreadsheet.
    Csv,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The model root: the folder that holds model.yaml.
    #[arg(default_value_os_t = default_model())]
    model: PathBuf,
    /// The period's actual figures: CSV with the columns employee, role, kpi, fact and
    /// optionally period (`,` or `;` between them, a decimal point or comma).
    #[arg(long)]
    facts: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: &ScoreArgs) -> anyhow::Result<u8> {
    let checked = check_model(&args.model)?;
    // Pay worked out from a model with errors (an indicator of an unknown role) would be
    // wrong without saying so: its findings come first, and no figures.
    if checked.report.summary.errors > 0 {
        print_findings(&checked);
        eprintln!("raciflow: the model has errors; no pay was worked out");
        return Ok(MODEL_ERRORS);
    }
    let facts = score::read(&args.facts, &checked.model)?;
    let scores = score_all(&checked.model, facts);
    let shown = args.facts.display().to_string();
    let text = match args.format {
        Format::Text => score::text(&scores, &shown),
        Format::Json => serde_json::to_string_pretty(&scores)? + "\n",
        Format::Csv => score::csv(&scores)?,
    };
    std::io::stdout().write_all(text.as_bytes())?;
    for problem in &scores.problems {
        let column = problem.column.map(|c| format!(":{c}")).unwrap_or_default();
        eprintln!("{shown}:{}{column}: {}", problem.line, problem.message);
    }
    Ok(if scores.problems.is_empty() {
        OK
    } else {
        MODEL_ERRORS
    })
}
