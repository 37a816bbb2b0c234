//! `raciflow graph`: print one process's map.

use std::io::Write;

use anyhow::{anyhow, bail};
use clap::Args;
use clap_complete::engine::ArgValueCandidates;

use crate::cli::format;
use crate::cli::{MODEL_ERRORS, ModelArg, OK, Ui};
use raciflow::diagram::{Words, draw};
use raciflow::render::{self, Format, Options, Overrides, event_names};
use raciflow::resolve::ProcessId;
use std::collections::BTreeSet;

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    model: ModelArg,
    /// The id of the process to draw (without it, the processes are listed).
    #[arg(long, add = ArgValueCandidates::new(crate::cli::completions::process_ids))]
    process: Option<String>,
    /// What to print: a map's format (svg, mmd, dot, bpmn), as `build --format` names it.
    #[arg(long, default_value = "mmd", value_parser = format::parser())]
    format: Format,
    /// Draw even when the model has errors elsewhere: a draft map while the model is
    /// being written (the findings are printed first).
    #[arg(long)]
    force: bool,
}

pub fn run(args: &GraphArgs, ui: &Ui) -> anyhow::Result<u8> {
    let notation = args
        .format
        .diagram()
        .ok_or_else(|| anyhow!("graph prints a process map: --format svg, mmd, dot or bpmn"))?;
    let checked = args.model.check()?;
    if checked.report.summary.errors > 0 {
        ui.print_findings(&checked);
        if !args.force {
            eprintln!(
                "raciflow: the model has errors; fix them to draw its processes (--force draws a draft anyway)"
            );
            return Ok(MODEL_ERRORS);
        }
    }
    let processes = &checked.model.processes;
    let Some(wanted) = &args.process else {
        let width = processes.iter().map(|p| p.id.len()).max().unwrap_or(0);
        let mut list =
            String::from("raciflow graph draws one process; give it with --process ID:\n");
        for process in processes {
            list.push_str(&format!("  {:width$}  {}\n", process.id, process.name));
        }
        eprint!("{list}");
        return Ok(crate::cli::RUN_FAILED);
    };
    let Some(index) = processes.iter().position(|p| &p.id == wanted) else {
        let ids: Vec<&str> = processes.iter().map(|p| p.id.as_str()).collect();
        let hint = raciflow::suggest::did_you_mean(wanted, ids.iter().copied())
            .map(|hint| format!("; {hint}"))
            .unwrap_or_default();
        bail!(
            "no process `{wanted}` in the model{hint} (processes: {})",
            ids.join(", ")
        );
    };
    let options = Options {
        language: checked.model.language(),
        formats: BTreeSet::new(),
        overrides: Overrides::default(),
        csv_separator: None,
        docx_reference: None,
        browser: None,
    };
    let (start, end) = event_names(&render::labels(&options)?);
    let words = Words {
        start: &start,
        end: &end,
    };
    let text = draw(
        &checked.model,
        &checked.graphs,
        ProcessId(index),
        notation,
        &words,
    );
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(OK)
}
