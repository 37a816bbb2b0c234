//! `raciflow analyze`: the workload of each position, from the steps' effort and volume.

use std::io::Write;

use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, ModelArg, OK, Ui};
use raciflow::workload::{self, Workload};

/// How `analyze` prints the workload.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// A table to read in a terminal.
    Text,
    /// One JSON object, for other tools (its shape is documented in docs/analyze.md).
    Json,
    /// A row per role, for a spreadsheet.
    Csv,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: &AnalyzeArgs, ui: &Ui) -> anyhow::Result<u8> {
    let checked = args.model.check()?;
    // Figures of a model with errors (a misspelt performer) would be wrong without saying
    // so: its findings come first, and no figures.
    if checked.report.summary.errors > 0 {
        ui.print_findings(&checked);
        eprintln!("raciflow: the model has errors; no workload was worked out");
        return Ok(MODEL_ERRORS);
    }
    let workload = Workload::of(&checked.model);
    let text = match args.format {
        Format::Text => workload::text(&workload),
        Format::Json => serde_json::to_string_pretty(&workload)? + "\n",
        Format::Csv => workload::csv(&workload)?,
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(OK)
}
