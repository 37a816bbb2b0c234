//! `raciflow schema`: print the JSON Schema of a model file.

use std::io::Write;

use crate::cli::OK;

pub fn run() -> anyhow::Result<u8> {
    let mut text = serde_json::to_string_pretty(&raciflow::schema::model_schema())?;
    text.push('\n');
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(OK)
}
