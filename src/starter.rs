//! The starter models `raciflow init` writes: a few models embedded in the binary, each of
//! which checks clean and builds (a test keeps it so), with an editor hint in every file
//! so that completion works at once.

// The rule that only `pack/` writes is about the pack; this writes a new model, into a
// folder that is new or empty.
#![allow(clippy::disallowed_methods)]

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::resolve::{MAX_ID_CHARS, id_problem};

/// A starter model.
#[derive(Debug)]
pub struct Starter {
    /// The name `--template` takes.
    pub name: &'static str,
    /// What it holds, for `raciflow init --help` and the list of starters.
    pub summary: &'static str,
    /// Its files: the path in the model folder and the text, with placeholders.
    pub(crate) files: &'static [(&'static str, &'static str)],
}

macro_rules! starter_files {
    ($folder:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../templates/init/", $folder, "/", $path)))),*]
    };
}

/// Every starter, the default first.
pub static STARTERS: [Starter; 3] = [
    Starter {
        name: "sales-ru",
        summary: "a compact Russian sales department: three roles with КСП indicators, cold calling, work with an interested client, daily control",
        files: starter_files!("sales-ru":
            "model.yaml",
            "roles.yaml",
            "artifacts.yaml",
            "kpis.yaml",
            "processes/01-cold-calling.yaml",
            "processes/02-deal-work.yaml",
            "processes/03-daily-control.yaml",
        ),
    },
    Starter {
        name: "minimal-en",
        summary: "two positions, the customer and one process, in English",
        files: starter_files!("minimal-en":
            "model.yaml",
            "roles.yaml",
            "artifacts.yaml",
            "kpis.yaml",
            "processes/01-requests.yaml",
        ),
    },
    Starter {
        name: "blank",
        summary: "model.yaml alone, with the organisation's name",
        files: starter_files!("blank": "model.yaml"),
    },
];

/// The JSON Schema file `init` writes beside model.yaml, which every file's first line
/// names for yaml-language-server.
pub const SCHEMA_FILE: &str = "raciflow.schema.json";

/// Why `init` wrote nothing.
#[derive(Debug, Error)]
pub enum InitError {
    /// No starter by that name.
    #[error("no starter `{name}`; the starters are: {}", names())]
    Unknown {
        /// The name given.
        name: String,
    },
    /// The folder exists and is not empty.
    #[error("{}: the folder is not empty (it holds `{entry}`); `raciflow init` writes a new model only into a new or empty folder", path.display())]
    NotEmpty {
        /// The folder.
        path: PathBuf,
        /// An entry that is in the way.
        entry: String,
    },
    /// The folder is inside another model, which would read the new one as its own files.
    #[error("{}: the folder is inside the model at {}, which would read the new model's files as its own; choose a folder outside it", path.display(), model.display())]
    InsideModel {
        /// The folder.
        path: PathBuf,
        /// The model around it.
        model: PathBuf,
    },
    /// A file operation failed.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        reason: io::Error,
    },
}

fn names() -> String {
    STARTERS
        .iter()
        .map(|s| s.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The starter called `name`.
pub fn find(name: &str) -> Result<&'static Starter, InitError> {
    STARTERS
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| InitError::Unknown {
            name: name.to_owned(),
        })
}

impl Starter {
    /// The starter's files for a model in a folder called `folder`: the model's id made
    /// from the folder's name, its name the folder's name, a schema hint on the first
    /// line of every YAML file, the schema itself and VS Code's mapping of the model's
    /// files to it.
    pub fn files(&self, folder: &str) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = self
            .files
            .iter()
            .map(|(path, text)| {
                let up = "../".repeat(path.matches('/').count());
                let text = text
                    .replace("__ID__", &id_of(folder))
                    // A JSON string is a YAML double-quoted scalar.
                    .replace("__NAME__", &serde_json::Value::from(folder).to_string());
                let hint = format!("# yaml-language-server: $schema={up}{SCHEMA_FILE}\n");
                ((*path).to_owned(), hint + &text)
            })
            .collect();
        let schema =
            serde_json::to_string_pretty(&crate::schema::model_schema()).unwrap_or_default() + "\n";
        files.push((SCHEMA_FILE.to_owned(), schema));
        let settings = serde_json::json!({
            "yaml.schemas": { format!("./{SCHEMA_FILE}"): ["**/*.yaml", "**/*.yml"] }
        });
        files.push((
            ".vscode/settings.json".to_owned(),
            serde_json::to_string_pretty(&settings).unwrap_or_default() + "\n",
        ));
        files
    }
}

/// A model id made from a folder's name: lower-case letters and digits joined by hyphens
/// (`Acme Sales` → `acme-sales`), cut to the longest id allowed; `model` when that is not
/// a valid id (nothing of the name is left, or a name Windows reserves).
fn id_of(folder: &str) -> String {
    let lower = folder.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let id: String = words.join("-").chars().take(MAX_ID_CHARS).collect();
    let id = id.trim_end_matches('-');
    match id_problem(id) {
        None => id.to_owned(),
        Some(_) => "model".to_owned(),
    }
}

/// Writes `files` as a new model in `dir`, which must not exist or be empty (hidden
/// entries aside), and must not be inside another model. The files are
/// written into a temporary folder beside `dir` first, then moved into place: a new folder
/// at once, the few top-level entries of an empty folder one by one (that folder may be
/// someone's current folder, so it is kept), so that a failed `init` leaves no
/// half-written model.
pub fn write(dir: &Path, files: &[(String, String)]) -> Result<(), InitError> {
    let dir = &std::path::absolute(dir).map_err(io(dir))?;
    let parent = dir.parent().unwrap_or(Path::new("/"));
    if let Some(model) = crate::load::find_root(parent) {
        return Err(InitError::InsideModel {
            path: dir.to_path_buf(),
            model,
        });
    }
    let mut tops: Vec<&str> = files
        .iter()
        .map(|(path, _)| path.split('/').next().unwrap_or(path))
        .collect();
    tops.dedup();
    let exists = match fs::read_dir(dir) {
        Ok(entries) => {
            // A folder that holds only hidden entries (`.git` of a new repository, a
            // `.gitkeep`) is empty for a model, unless one is in the way (`.vscode`).
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') || tops.contains(&name.as_str()) {
                    return Err(InitError::NotEmpty {
                        path: dir.to_path_buf(),
                        entry: name,
                    });
                }
            }
            true
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(io(dir)(e)),
    };
    fs::create_dir_all(parent).map_err(io(parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".raciflow-init")
        .tempdir_in(parent)
        .map_err(io(parent))?;
    for (path, text) in files {
        let target = staging.path().join(path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).map_err(io(folder))?;
        }
        fs::write(&target, text).map_err(io(&target))?;
    }
    if !exists {
        let staged = staging.keep();
        return fs::rename(&staged, dir).map_err(|reason| {
            let _ = fs::remove_dir_all(&staged);
            io(dir)(reason)
        });
    }
    let mut moved = Vec::new();
    for top in tops {
        if let Err(reason) = fs::rename(staging.path().join(top), dir.join(top)) {
            // Back out what was moved: the folder is left empty, as it was.
            for back in moved {
                let _ = fs::rename(dir.join(back), staging.path().join(back));
            }
            return Err(io(dir)(reason));
        }
        moved.push(top);
    }
    Ok(())
}

fn io(path: &Path) -> impl FnOnce(io::Error) -> InitError + '_ {
    move |reason| InitError::Io {
        path: path.to_path_buf(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_made_from_the_folder_name() {
        assert_eq!(id_of("Acme Sales"), "acme-sales");
        assert_eq!(id_of("отдел_продаж 2"), "отдел-продаж-2");
        assert_eq!(id_of("..."), "model");
        assert_eq!(id_of("CON"), "model");
        assert_eq!(id_of(&"a".repeat(100)).len(), MAX_ID_CHARS);
    }
}
