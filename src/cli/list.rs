//! `raciflow list`: the ids of a model's elements, one a line, for scripts and shell
//! completion.

use std::io::Write;

use clap::{Args, ValueEnum};

use crate::cli::{ModelArg, OK, Ui};

/// What to list.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum What {
    /// Processes.
    Processes,
    /// Roles, external parties included.
    Roles,
    /// Documents and information (`artifacts:`).
    Documents,
    /// Indicators (`kpis:`).
    Kpis,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list.
    #[arg(value_enum, default_value = "processes")]
    what: What,
    #[command(flatten)]
    model: ModelArg,
    /// Print the id alone, without the name after a tab.
    #[arg(long)]
    ids: bool,
}

/// Lists what the model has, even when it has errors elsewhere: a list is for finding your
/// way around while the model is being written. Errors are mentioned on standard error.
pub fn run(args: &ListArgs, ui: &Ui) -> anyhow::Result<u8> {
    let checked = args.model.check()?;
    if checked.report.summary.errors > 0 {
        ui.say("the model has errors (`raciflow check` shows them); listing what resolved");
    }
    let model = &checked.model;
    let pairs: Vec<(&str, &str)> = match args.what {
        What::Processes => model.processes.iter().map(|p| (&*p.id, &*p.name)).collect(),
        What::Roles => model.roles.iter().map(|r| (&*r.id, &*r.name)).collect(),
        What::Documents => model.artifacts.iter().map(|a| (&*a.id, &*a.name)).collect(),
        What::Kpis => model.kpis.iter().map(|k| (&*k.id, &*k.name)).collect(),
    };
    let mut text = String::new();
    for (id, name) in pairs {
        text.push_str(id);
        if !args.ids {
            text.push('\t');
            text.push_str(&raciflow::hidden::mask(name));
        }
        text.push('\n');
    }
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(OK)
}
