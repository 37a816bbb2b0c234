//! `raciflow score`: each employee's КСП pay from the period's actual figures.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, ModelArg, OK, Ui, write_atomically};
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
    /// The motivation workbook with the facts filled in and its formulas live (needs
    /// `--out`).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    model: ModelArg,
    /// The period's actual figures: CSV with the columns employee, role, kpi, fact and
    /// optionally period (`,` or `;` between them, a decimal point or comma).
    #[arg(long)]
    facts: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The working days of the scored month (default: the model's `days_per_month`): daily
    /// and weekly plans follow them.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=31))]
    days: Option<u32>,
    /// The month scored, `YYYY-MM`, which the workbook names (default: the facts file's
    /// name, when it is one: `facts/2026-11.csv`).
    #[arg(long, value_parser = month)]
    month: Option<String>,
    /// The file to write (default: standard output; required for `xlsx`).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// A month as `--month` takes it: `2026-11`.
fn month(text: &str) -> Result<String, String> {
    raciflow::views::month_written(text, raciflow::model::Language::En)
        .map(|_| text.to_owned())
        .ok_or_else(|| format!("`{text}` is not a month: write it as YYYY-MM (2026-11)"))
}

pub fn run(args: &ScoreArgs, ui: &Ui) -> anyhow::Result<u8> {
    let checked = args.model.check()?;
    // Pay worked out from a model with errors (an indicator of an unknown role) would be
    // wrong without saying so: its findings come first, and no figures.
    if checked.report.summary.errors > 0 {
        ui.print_findings(&checked);
        eprintln!("raciflow: the model has errors; no pay was worked out");
        return Ok(MODEL_ERRORS);
    }
    if matches!(args.format, Format::Xlsx) && args.out.is_none() {
        anyhow::bail!("a workbook is not text: give the file to write with --out FILE.xlsx");
    }
    let days = args.days.map(f64::from);
    let facts = score::read(&args.facts, &checked.model, days)?;
    let scores = score_all(&checked.model, facts, days);
    let shown = args.facts.display().to_string();
    let bytes = match args.format {
        Format::Text => score::text(&scores, &shown).into_bytes(),
        Format::Json => (serde_json::to_string_pretty(&scores)? + "\n").into_bytes(),
        Format::Csv => score::csv(&scores)?.into_bytes(),
        Format::Xlsx => {
            // The facts of one month are usually kept in a file named for it.
            let named = args.facts.file_stem().and_then(|s| s.to_str());
            let month = args.month.as_deref().or(named.filter(|n| month(n).is_ok()));
            raciflow::score_workbook(&checked, &scores, (month, days))?
        }
        .ok_or_else(|| anyhow::anyhow!("no role of the model has indicators"))?,
    };
    match &args.out {
        Some(path) => write_atomically(path, &bytes)?,
        None => std::io::stdout().write_all(&bytes)?,
    }
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
