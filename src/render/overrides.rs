//! A user's template folder: files that replace built-in templates by name (mdBook-style).
//!
//! The folder is read once, up front, into memory; rendering never touches the disk.
//! Links that lead outside the folder are refused: a template folder from a shared
//! repository must not be able to pull `~/.ssh/id_rsa` into a client's pack.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::render::RenderError;

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

    /// The user's templates that turn escaping off with `|safe`: text from the model
    /// reaches their pages as markup, which is worth a warning.
    pub fn unescaping(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|(_, text)| {
                let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                compact.contains("|safe")
            })
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// The user's text for template `name`, if they wrote one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }
}
