//! The command line: one file per subcommand. Only this module and `main.rs` know about
//! standard output and exit codes.

mod analyze;
mod build;
mod check;
mod format;
mod graph;
mod rules;
mod schema;
mod score;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The exit code of a run that found no errors.
pub const OK: u8 = 0;
/// The exit code of a run whose model has errors (or warnings, with `--deny-warnings`).
pub const MODEL_ERRORS: u8 = 1;
/// The exit code of a run that failed itself: no model.yaml, an unreadable path, bad flags.
pub const RUN_FAILED: u8 = 2;

/// Checks a YAML model of business processes and turns it into a documentation pack.
#[derive(Debug, Parser)]
#[command(name = "raciflow", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Checks a model and reports every problem found.
    Check(check::CheckArgs),
    /// Checks a model, then writes its documentation pack.
    Build(build::BuildArgs),
    /// Works out each position's workload: hours a month, of what kind, against the time
    /// its people have, and the headcount the work needs.
    Analyze(analyze::AnalyzeArgs),
    /// Works out each employee's КСП pay from the period's actual figures (a CSV of facts).
    Score(score::ScoreArgs),
    /// Prints one process's map: SVG, Mermaid, Graphviz DOT or BPMN 2.0.
    Graph(graph::GraphArgs),
    /// Lists the rules of `check`, or explains one.
    Rules(rules::RulesArgs),
    /// Prints the JSON Schema of a model file (for editors and validators).
    Schema,
}

/// The folder argument every model command takes.
fn default_model() -> PathBuf {
    PathBuf::from(".")
}

/// Prints a model's findings on standard error, as `check` prints them (in colour on a
/// terminal): a command that does something else with the model says first what is wrong
/// with it.
fn print_findings(checked: &raciflow::Checked) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!(
        "{}",
        raciflow::diag::human::render(&checked.report, &checked.sources, color)
    );
}

/// Runs the command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Score(args) => score::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Schema => schema::run(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("raciflow: error: {error:#}");
            ExitCode::from(RUN_FAILED)
        }
    }
}
