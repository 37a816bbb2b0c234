//! `raciflow diff`: what changed between two versions of a model.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::cli::{MODEL_ERRORS, ModelArg, OK, Ui};
use raciflow::diff::{self, Side, format, git};

/// How `diff` prints the changes.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Lists to read in a terminal.
    Text,
    /// Markdown for a pull-request comment: the size of the change, then sections.
    Markdown,
    /// One JSON object, for scripts (its shape is in docs/diff.md).
    Json,
    /// One HTML page for the client, with the maps of the processes that changed (added
    /// steps green, changed orange, removed red).
    Html,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old model: a folder, a git revision (`HEAD~1`, `v1.0`) or a range
    /// (`v1.0..HEAD`, which also gives the new one).
    old: String,
    /// The new model: a folder or a git revision (default: the model as it is now).
    new: Option<String>,
    /// The model whose revisions are compared (default: the current folder, or the
    /// nearest folder above it that holds model.yaml).
    #[arg(long = "model", value_name = "MODEL")]
    model_root: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit with 1 when the models differ (as `git diff --exit-code`).
    #[arg(long)]
    exit_code: bool,
}

/// One side as given: a folder, or a revision read into a temporary folder.
enum Given {
    Folder(PathBuf),
    Revision(String, git::Revision),
}

impl Given {
    fn root(&self) -> &Path {
        match self {
            Given::Folder(path) => path,
            Given::Revision(_, revision) => &revision.root,
        }
    }

    fn label(&self) -> String {
        match self {
            Given::Folder(path) => path.display().to_string(),
            Given::Revision(name, _) => name.clone(),
        }
    }
}

pub fn run(args: &DiffArgs, ui: &Ui) -> anyhow::Result<u8> {
    let model = ModelArg::at(args.model_root.clone()).root();
    let side = |text: &str| -> anyhow::Result<Given> {
        let path = Path::new(text);
        if path.is_dir() {
            return Ok(Given::Folder(path.to_path_buf()));
        }
        // A revision is a revision of a model: say which of the two is missing.
        let shown = model
            .canonicalize()
            .unwrap_or_else(|_| std::path::absolute(&model).unwrap_or_else(|_| model.clone()));
        if !model.join(raciflow::load::MANIFEST).is_file() {
            anyhow::bail!(
                "`{text}` is not a folder, and there is no model here to read its revisions ({} has no model.yaml); give the model with --model",
                shown.display()
            );
        }
        if !git::in_repository(&model) {
            anyhow::bail!(
                "`{text}` is not a folder, and the model in {} is not in a git repository, so it has no revisions",
                shown.display()
            );
        }
        if !git::is_revision(&model, text) {
            anyhow::bail!(
                "`{text}` is neither a model folder nor a revision of the git repository that holds {}",
                shown.display()
            );
        }
        let revision = git::read(&model, text)?;
        Ok(Given::Revision(text.to_owned(), revision))
    };
    let (old, new) = match (&args.new, args.old.split_once("..")) {
        (None, Some((from, to))) if !Path::new(&args.old).is_dir() => {
            let to = if to.is_empty() { "HEAD" } else { to };
            (side(from)?, side(to)?)
        }
        (None, _) => (side(&args.old)?, Given::Folder(model.clone())),
        (Some(new), _) => (side(&args.old)?, side(new)?),
    };
    let read = |given: &Given| {
        raciflow::check_model_as_written(given.root())
            .with_context(|| format!("reading {}", given.label()))
    };
    let (old_checked, old_files) = read(&old)?;
    let (new_checked, new_files) = read(&new)?;
    for (given, checked) in [(&old, &old_checked), (&new, &new_checked)] {
        let errors = checked.report.summary.errors;
        if errors > 0 {
            let noun = if errors == 1 { "error" } else { "errors" };
            ui.say(&format!(
                "{} has {errors} {noun} (`raciflow check` shows them); the diff compares what resolved",
                given.label()
            ));
        }
    }
    let diff = diff::diff(
        &Side {
            checked: &old_checked,
            files: &old_files,
        },
        &Side {
            checked: &new_checked,
            files: &new_files,
        },
    );
    let text = match args.format {
        Format::Text => format::text(&diff),
        Format::Markdown => format::markdown(&diff),
        Format::Json => format::json(&diff),
        Format::Html => diff::html::render(&diff, &old_checked, &new_checked)?,
    };
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(if args.exit_code && !diff.is_empty() {
        MODEL_ERRORS
    } else {
        OK
    })
}
