//! The command line: one file per subcommand. Only this module and `main.rs` know about
//! standard output and exit codes.

mod analyze;
mod build;
mod check;
mod completions;
mod conform;
mod diff;
mod format;
mod graph;
mod init;
mod list;
mod rules;
mod schema;
mod score;
mod serve;

use std::io::IsTerminal;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use raciflow::diag::{Severity, human};

/// The exit code of a run that found no errors.
pub const OK: u8 = 0;
/// The exit code of a run whose model has errors (or warnings, with `--deny-warnings`), or
/// that found what it compares out of step (`build --check`, `diff --exit-code`).
pub const MODEL_ERRORS: u8 = 1;
/// The exit code of a run that failed itself: no model.yaml, an unreadable path, bad flags.
pub const RUN_FAILED: u8 = 2;

/// Checks a YAML model of business processes and turns it into a documentation pack.
#[derive(Debug, Parser)]
#[command(name = "raciflow", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    ui: Ui,
}

/// How much a command prints, and in what colours: options every command takes.
#[derive(Debug, Args)]
pub struct Ui {
    /// Print only errors and the final line.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// When to colour findings (`auto`: on a terminal, unless NO_COLOR is set).
    #[arg(long, value_enum, default_value = "auto", global = true)]
    color: Color,
}

/// When to colour findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    /// On a terminal, unless the NO_COLOR environment variable is set.
    Auto,
    /// Always, for a pager that shows colours (`less -R`).
    Always,
    /// Never.
    Never,
}

impl Ui {
    /// Whether text written to standard output (`stdout`) or standard error is coloured.
    fn colored(&self, stdout: bool) -> bool {
        match self.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                let terminal = if stdout {
                    std::io::stdout().is_terminal()
                } else {
                    std::io::stderr().is_terminal()
                };
                terminal && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }

    /// The least severe finding a command that does something else with the model shows
    /// in full: warnings and errors (infos are counted in the summary line), or errors
    /// only with `--quiet`.
    fn shown(&self) -> Severity {
        if self.quiet {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// Prints a model's findings on standard error, as `check` prints them, down to
    /// [`Ui::shown`], then the summary line: a command that does something else with the
    /// model says first what is wrong with it.
    fn print_findings(&self, checked: &raciflow::Checked) {
        eprint!(
            "{}",
            human::render(
                &checked.report.at_least(self.shown()),
                &checked.sources,
                self.colored(false)
            )
        );
    }

    /// Prints a line about what a command did, unless `--quiet`.
    fn say(&self, line: &str) {
        if !self.quiet {
            eprintln!("raciflow: {line}");
        }
    }
}

/// The model a command works on.
#[derive(Debug, Args)]
pub struct ModelArg {
    /// The model root: the folder that holds model.yaml (default: the current folder, or
    /// the nearest folder above it that holds one, as git and cargo find theirs).
    model: Option<PathBuf>,
}

impl ModelArg {
    /// The model at `root`, or found from the current folder when `None`.
    fn at(root: Option<PathBuf>) -> ModelArg {
        ModelArg { model: root }
    }

    /// The model root given, or found from the current folder.
    fn root(&self) -> PathBuf {
        match &self.model {
            Some(root) => root.clone(),
            // Found as a relative path (`..`), so that findings name files as the user
            // sees them from here.
            None => std::env::current_dir()
                .ok()
                .and_then(|here| {
                    let root = raciflow::load::find_root(&here)?;
                    let up = here.components().count() - root.components().count();
                    Some(std::iter::repeat_n("..", up).collect::<PathBuf>())
                })
                .filter(|up| !up.as_os_str().is_empty())
                .unwrap_or_else(|| PathBuf::from(".")),
        }
    }

    /// Loads and checks the model.
    fn check(&self) -> Result<raciflow::Checked, raciflow::load::LoadError> {
        raciflow::check_model(&self.root())
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Starts a new model from a starter, in a new or empty folder.
    Init(init::InitArgs),
    /// Checks a model and reports every problem found.
    Check(check::CheckArgs),
    /// Checks a model, then writes its documentation pack.
    Build(build::BuildArgs),
    /// Serves the pack as a live preview that rebuilds and reloads on every change.
    Serve(serve::ServeArgs),
    /// Works out each position's workload: hours a month, of what kind, against the time
    /// its people have, and the headcount the work needs.
    Analyze(analyze::AnalyzeArgs),
    /// Works out each employee's КСП pay from the period's actual figures (a CSV of facts).
    Score(score::ScoreArgs),
    /// Replays a CRM's event log on the model's processes: how well the cases fit, which
    /// paths they took, where they departed from the regulation.
    Conform(conform::ConformArgs),
    /// Shows what changed between two versions of a model: folders or git revisions.
    Diff(diff::DiffArgs),
    /// Prints one process's map: SVG, Mermaid, Graphviz DOT or BPMN 2.0.
    Graph(graph::GraphArgs),
    /// Lists a model's processes, roles, documents or indicators: an id (and name) a line.
    List(list::ListArgs),
    /// Lists the rules of `check`, or explains one.
    Rules(rules::RulesArgs),
    /// Prints the JSON Schema of a model file (for editors and validators), or with
    /// `--pack` of a pack's `model.json`.
    Schema(schema::SchemaArgs),
    /// Prints the shell completion script for bash, zsh, fish, elvish or PowerShell.
    Completions(completions::CompletionsArgs),
    /// Prints a manual page (roff): `raciflow man | man -l -`.
    Man(completions::ManArgs),
}

/// Runs the command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Init(args) => init::run(&args, &cli.ui),
        Command::Check(args) => check::run(&args, &cli.ui),
        Command::Build(args) => build::run(&args, &cli.ui),
        Command::Analyze(args) => analyze::run(&args, &cli.ui),
        Command::Score(args) => score::run(&args, &cli.ui),
        Command::Conform(args) => conform::run(&args, &cli.ui),
        Command::Graph(args) => graph::run(&args, &cli.ui),
        Command::Diff(args) => diff::run(&args, &cli.ui),
        Command::Serve(args) => serve::run(&args, &cli.ui),
        Command::List(args) => list::run(&args, &cli.ui),
        Command::Rules(args) => rules::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Completions(args) => completions::completions(&args),
        Command::Man(args) => completions::man(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("raciflow: error: {error:#}");
            ExitCode::from(RUN_FAILED)
        }
    }
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then
/// renamed over it, so that a failure never leaves half a file (a workbook, a page).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    // A temporary file is readable by its owner only; what is written is a document to
    // share, readable as any file the user saves.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path)?;
    Ok(())
}
