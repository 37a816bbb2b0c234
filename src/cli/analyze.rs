//! `raciflow analyze`: the workload of each position, from the steps' effort and volume.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, OK, default_model, print_findings};
use raciflow::check_model;
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
    /// The model root: the folder that holds model.yaml.
    #[arg(default_value_os_t = default_model())]
    model: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: &AnalyzeArgs) -> anyhow::Result<u8> {
    let checked = check_model(&args.model)?;
    // Figures of a model with errors (a misspelt performer) would be wrong without saying
    // so: its findings come first, and no figures.
    if checked.report.summary.errors > 0 {
        print_findings(&checked);
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
