//! The `raciflow` binary: parse the command line, run it, exit with its code.

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash raciflow …`) is answered and exits.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command).complete();
    cli::run(cli::Cli::parse())
}
