//! `raciflow conform`: replays a CRM's event log on the model's processes.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, ModelArg, OK, Ui, write_atomically};
use raciflow::conform::{self, Columns, LogFormat, Preset, Reading, Staff};

/// How `conform` prints its report.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// Process by process, to read in a terminal.
    Text,
    /// One JSON object, for other tools (its shape is documented in docs/conform.md).
    Json,
    /// GitHub Actions annotations on the model's process files: a departure on its step,
    /// a fitness below `--min-fitness` on its process (an error).
    Github,
}

#[derive(Debug, Args)]
pub struct ConformArgs {
    #[command(flatten)]
    model: ModelArg,
    /// The event log: CSV with a row per event (a case, an activity, a timestamp), or an
    /// XES log (`.xes` or `.xes.gz`), told apart by their contents.
    #[arg(long)]
    log: PathBuf,
    /// Replay every case on this process only (default: each case on the process whose
    /// steps answer to most of its events).
    #[arg(long, value_name = "ID")]
    process: Option<String>,
    /// The column names of a CRM's export.
    #[arg(long, value_enum)]
    preset: Option<Preset>,
    /// The column of the case (default: `case`, or the preset's; in XES, the trace's
    /// attribute, `concept:name`).
    #[arg(long, value_name = "COLUMN")]
    case: Option<String>,
    /// The column of the activity (default: `activity`, or the preset's; in XES, the
    /// event's attribute, `concept:name`).
    #[arg(long, value_name = "COLUMN")]
    activity: Option<String>,
    /// The column of the time (default: `timestamp`, or the preset's; in XES, the event's
    /// attribute, `time:timestamp`).
    #[arg(long, value_name = "COLUMN")]
    timestamp: Option<String>,
    /// The column of the position of whoever did it, a role's id or name (default:
    /// `role`; in XES, `org:role`): each step's is compared with its R role.
    #[arg(long, value_name = "COLUMN")]
    role: Option<String>,
    /// The column of the user who did it (default: `resource`, `user`, or the preset's:
    /// amoCRM's `created_by`, Salesforce's `CreatedById`; in XES, `org:resource`), whose
    /// position `--staff` gives.
    #[arg(long, value_name = "COLUMN")]
    resource: Option<String>,
    /// The staff list: a CSV with a user column (`user`, `login`, `email`) and a position
    /// column (`position`, a role's id or name), for a log that names users, not positions.
    #[arg(long, value_name = "FILE.csv")]
    staff: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also write the report as an HTML page for the client, in the pack's style and the
    /// model's language: each process's map with its flows drawn by how often they were
    /// taken and its steps coloured by their departures.
    #[arg(long, value_name = "FILE.html")]
    out: Option<PathBuf>,
    /// Exit with code 1 when a process's fitness is below this (0 to 1): a CI gate.
    #[arg(long, value_name = "FITNESS", value_parser = fitness_value, allow_hyphen_values = true)]
    min_fitness: Option<f64>,
}

/// A fitness as `--min-fitness` takes it: a number from 0 to 1.
fn fitness_value(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|f| (0.0..=1.0).contains(f))
        .ok_or_else(|| format!("`{text}` is not a fitness: give a number from 0 to 1 (0.9)"))
}

pub fn run(args: &ConformArgs, ui: &Ui) -> anyhow::Result<u8> {
    let checked = args.model.check()?;
    // A model with errors (a step of an unknown role, a broken flow) would be replayed as
    // if it were the regulation: its findings come first, and no figures.
    if checked.report.summary.errors > 0 {
        ui.print_findings(&checked);
        eprintln!("raciflow: the model has errors; no log was replayed");
        return Ok(MODEL_ERRORS);
    }
    let only = match &args.process {
        Some(id) => Some(
            checked
                .model
                .processes
                .iter()
                .position(|p| &p.id == id)
                .ok_or_else(|| anyhow::anyhow!("no process `{id}` in the model"))?,
        ),
        None => None,
    };
    let format = LogFormat::of(&args.log)?;
    let mut columns = match (format, args.preset) {
        (LogFormat::Xes, Some(_)) => anyhow::bail!(
            "{}: --preset names the columns of a CRM's CSV export, and this log is XES, whose attributes are standard (give others with --case, --activity, --timestamp, --role)",
            args.log.display()
        ),
        (LogFormat::Xes, None) => Columns::xes(),
        (LogFormat::Csv, preset) => preset.map_or_else(Columns::standard, Columns::preset),
    };
    let given = [
        (&args.case, &mut columns.case),
        (&args.activity, &mut columns.activity),
        (&args.timestamp, &mut columns.timestamp),
        (&args.role, &mut columns.role),
    ];
    for (name, column) in given {
        if let Some(name) = name {
            *column = vec![name.clone()];
        }
    }
    if let Some(name) = &args.resource {
        if args.staff.is_none() {
            anyhow::bail!(
                "--resource names the column of the user, whose position comes from the staff list: give it with --staff FILE.csv"
            );
        }
        columns.resource = vec![name.clone()];
    }
    if let Some(out) = &args.out {
        let html = out
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        if !html {
            anyhow::bail!(
                "--out writes an HTML page: name it FILE.html (print it to PDF from a browser)"
            );
        }
    }
    // A column asked for by name must be there; the standard position column may not be.
    let reading = Reading {
        columns,
        role_required: args.role.is_some(),
        resource_required: args.resource.is_some() || args.staff.is_some(),
        staff: args.staff.as_deref().map(Staff::read).transpose()?,
    };
    let log = conform::read(&args.log, format, &reading)?;
    let report = conform::conform(&checked.model, &checked.graphs, &log, only);
    let text = match args.format {
        Format::Text => conform::text(&report, &args.log.display().to_string()),
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Github => {
            // The rows not used have no place in the model to annotate: they are said
            // where the run's log shows them.
            for problem in &report.log.problems {
                eprintln!("{}", problem.located(&args.log.display().to_string()));
            }
            let diagnostics = conform::findings(&report, &checked.model, args.min_fitness);
            let report = raciflow::diag::Report {
                diagnostics,
                summary: raciflow::diag::Summary::default(),
            };
            raciflow::diag::github::render(&report, &checked.sources)
        }
    };
    std::io::stdout().write_all(text.as_bytes())?;
    if let Some(out) = &args.out {
        let name = args.log.file_name().map_or_else(
            || args.log.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let page = conform::page(&report, &checked, &name)?;
        write_atomically(out, page.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
    }
    let Some(min) = args.min_fitness else {
        return Ok(OK);
    };
    // A gate passes on what it replayed: a log none of whose cases any process knows
    // passes nothing.
    let mut failed = false;
    if report.processes.iter().all(|p| p.cases == 0) {
        eprintln!("raciflow: no case of the log was replayed, so none reaches --min-fitness {min}");
        failed = true;
    }
    for process in report.processes.iter().filter(|p| p.fitness < min) {
        eprintln!(
            "raciflow: the log fits `{}` with {:.3}, below --min-fitness {min}",
            process.id, process.fitness
        );
        failed = true;
    }
    Ok(if failed { MODEL_ERRORS } else { OK })
}
