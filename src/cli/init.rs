//! `raciflow init`: start a model from a starter.

use std::path::{Path, PathBuf};

use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser};

use crate::cli::{OK, Ui};
use raciflow::starter::{self, STARTERS};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder of the new model: new, or empty (default: the current folder).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The starter to begin from.
    #[arg(long, default_value = "sales-ru", value_parser = starters())]
    template: String,
}

fn starters() -> PossibleValuesParser {
    PossibleValuesParser::new(
        STARTERS
            .iter()
            .map(|s| PossibleValue::new(s.name).help(s.summary)),
    )
}

pub fn run(args: &InitArgs, ui: &Ui) -> anyhow::Result<u8> {
    let starter = starter::find(&args.template)?;
    let folder = folder_name(&args.dir);
    let files = starter.files(&folder);
    starter::write(&args.dir, &files)?;
    let shown = args.dir.display().to_string();
    let others: Vec<&str> = STARTERS
        .iter()
        .map(|s| s.name)
        .filter(|name| *name != starter.name)
        .collect();
    ui.say(&format!(
        "wrote a new model to {shown} from the `{}` starter ({} files); the others are {} (--template NAME)",
        starter.name,
        files.len(),
        others.join(", ")
    ));
    if !ui.quiet {
        let cd = if shown == "." {
            String::new()
        } else {
            format!("  cd {}\n", shell_quoted(&shown))
        };
        eprint!(
            "next:\n{cd}  raciflow check                # what is missing or inconsistent\n  raciflow serve                # the documents in your browser, updated as you save\n  raciflow build --out pack     # the documentation pack to hand over\n"
        );
    }
    Ok(OK)
}

/// The name of the folder `dir` names, for the model's id and name (`.` is the current
/// folder's own name).
fn folder_name(dir: &Path) -> String {
    // An existing folder (`.`, `..`) is named by its real path; a new one by its last part.
    let real = dir.canonicalize().ok();
    real.as_deref()
        .unwrap_or(dir)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "model".to_owned())
}

/// `path` as a POSIX shell reads it back: as it is when it is plain, otherwise in single
/// quotes, so that the printed `cd` line can be pasted.
fn shell_quoted(path: &str) -> String {
    let plain = path
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | '+' | ',' | ':' | '@'));
    if plain {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_quoted;

    #[test]
    fn a_path_with_spaces_or_quotes_is_quoted_for_the_shell() {
        assert_eq!(shell_quoted("acme-sales"), "acme-sales");
        assert_eq!(shell_quoted("Acme Sales"), "'Acme Sales'");
        assert_eq!(shell_quoted("it's"), "'it'\\''s'");
    }
}
