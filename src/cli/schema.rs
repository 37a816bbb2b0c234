//! `raciflow schema`: print the JSON Schema of a model file, or of a pack's `model.json`.

use std::io::Write;

use clap::Args;

use crate::cli::OK;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema of a pack's `model.json` (format 1), for the tools that read it, rather
    /// than of a model file.
    #[arg(long)]
    pack: bool,
}

pub fn run(args: &SchemaArgs) -> anyhow::Result<u8> {
    let schema = if args.pack {
        raciflow::schema::pack_schema()
    } else {
        raciflow::schema::model_schema()
    };
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(OK)
}
