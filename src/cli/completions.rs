//! `raciflow completions` and `raciflow man`: the shell completion scripts and the manual
//! pages, both generated from the command line's own definition so they never drift.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use crate::cli::{Cli, OK};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    shell: Shell,
}

/// Prints the completion script for a shell. The script asks raciflow itself what to
/// offer (`COMPLETE=bash raciflow -- …`), so commands, options, their values and the ids
/// of the processes of the model around the current folder all complete, and stay in step
/// with the installed raciflow.
pub fn completions(args: &CompletionsArgs) -> anyhow::Result<u8> {
    let name = args.shell.to_string();
    let shells = Shells::builtins();
    let shell = shells
        .completer(&name)
        .ok_or_else(|| anyhow::anyhow!("no completion for {name}"))?;
    let mut script = Vec::new();
    shell.write_registration("COMPLETE", "raciflow", "raciflow", "raciflow", &mut script)?;
    std::io::stdout().write_all(&script)?;
    Ok(OK)
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (default: raciflow's own page).
    command: Option<String>,
}

/// Prints a manual page in roff: `raciflow man | man -l -`, or
/// `raciflow man check > raciflow-check.1`.
pub fn man(args: &ManArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .collect();
            command
                .find_subcommand(name)
                .cloned()
                .ok_or_else(|| {
                    anyhow::anyhow!("no command `{name}`; the commands are {}", names.join(", "))
                })?
                .name(format!("raciflow-{name}"))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    std::io::stdout().write_all(&roff)?;
    Ok(OK)
}

/// The ids of the processes of the model around the current folder, offered when a shell
/// completes `--process`; nothing when there is no model here.
pub fn process_ids() -> Vec<CompletionCandidate> {
    // Found as every command finds it; no model here is no candidates.
    let Ok(checked) = crate::cli::ModelArg::at(None).check() else {
        return Vec::new();
    };
    checked
        .model
        .processes
        .iter()
        .map(|p| CompletionCandidate::new(&p.id).help(Some(p.name.clone().into())))
        .collect()
}
