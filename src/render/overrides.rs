//! A user's template folder: files that replace built-in templates by name (mdBook-style).
//!
//! The folder is read once, up front, into memory; rendering never touches the disk.
//! Links that lead outside the folder are refused: a template folder from a shared
//! repository must not be able to pull `~/.ssh/id_rsa` into a client's pack.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::render::RenderError;
use crate::render::builtin::{TEMPLATES, builtin};
use crate::render::labels::parse;
use crate::suggest::did_you_mean;

/// The largest template file read, in bytes.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Templates read from a user's folder, by name (the path under the folder, with `/`).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// The folder they came from, for messages.
    pub dir: Option<PathBuf>,
    /// Name → text.
    pub files: BTreeMap<String, String>,
}

impl Overrides {
    /// Reads every file under `dir`.
    pub fn read(dir: &Path) -> Result<Overrides, RenderError> {
        let fail = |path: &Path, reason: String| RenderError::Overrides {
            path: path.to_path_buf(),
            reason,
        };
        let root = dir.canonicalize().map_err(|e| fail(dir, e.to_string()))?;
        let mut files = BTreeMap::new();
        let mut pending = vec![root.clone()];
        while let Some(folder) = pending.pop() {
            let entries = fs::read_dir(&folder).map_err(|e| fail(&folder, e.to_string()))?;
            let mut paths: Vec<PathBuf> = Vec::new();
            for entry in entries {
                paths.push(entry.map_err(|e| fail(&folder, e.to_string()))?.path());
            }
            paths.sort();
            for path in paths {
                let real = path
                    .canonicalize()
                    .map_err(|e| fail(&path, e.to_string()))?;
                if !real.starts_with(&root) {
                    return Err(fail(
                        &path,
                        "it links to a file outside the template folder".to_owned(),
                    ));
                }
                if real.is_dir() {
                    pending.push(path);
                    continue;
                }
                let size = fs::metadata(&real)
                    .map_err(|e| fail(&path, e.to_string()))?
                    .len();
                if size > MAX_TEMPLATE_BYTES {
                    return Err(fail(
                        &path,
                        format!(
                            "it is {size} bytes; a template may have at most {MAX_TEMPLATE_BYTES}"
                        ),
                    ));
                }
                let text = fs::read_to_string(&real).map_err(|e| fail(&path, e.to_string()))?;
                let name = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                files.insert(name, text);
            }
        }
        Ok(Overrides {
            dir: Some(dir.to_path_buf()),
            files,
        })
    }

    /// What is worth a warning in the user's templates, one sentence each:
    /// - a template that turns escaping off (`|safe`, `{% autoescape false %}`), so that
    ///   text from the model reaches its pages as markup;
    /// - a file that replaces no built-in template and that no other template includes
    ///   (a misspelt name: the override does nothing);
    /// - a label a table sets that the built-in table does not have.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        let builtin_names = TEMPLATES.iter().map(|(name, _)| *name);
        for (name, text) in &self.files {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if compact.contains("|safe") || compact.contains("{%autoescapefalse%}") {
                warnings.push(format!(
                    "template {name} turns escaping off (`|safe` or `autoescape false`): text from the model reaches its pages unescaped"
                ));
            }
            let file_name = name.rsplit('/').next().unwrap_or(name);
            let included = self
                .files
                .iter()
                .any(|(other, text)| other != name && text.contains(file_name));
            if builtin(name).is_none() && !included {
                let hint = did_you_mean(name, builtin_names.clone())
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                warnings.push(format!(
                    "template {name} replaces no built-in template and no template includes it, so it changes nothing{hint}"
                ));
            }
            if name.starts_with("i18n/")
                && let Some(own) = builtin(name)
                && let (Ok(mine), Ok(theirs)) = (parse(name, text), parse(name, own))
            {
                for key in mine.keys().filter(|k| !theirs.contains_key(*k)) {
                    let hint = did_you_mean(key, theirs.keys().map(String::as_str))
                        .map(|h| format!("; {h}"))
                        .unwrap_or_default();
                    warnings.push(format!(
                        "label table {name} sets `{key}`, which no template uses{hint}"
                    ));
                }
            }
        }
        warnings
    }

    /// The user's text for template `name`, if they wrote one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }
}
