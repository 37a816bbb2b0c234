//! Finding the model files below a model root.
//!
//! Every `*.yaml` / `*.yml` below the root, in sorted path order, except hidden files and
//! folders, the root's `templates/` folder, and any folder holding a pack marker (the output
//! of an earlier build). Only regular files are read: a FIFO or a device named `x.yaml`
//! would block or never end. A symlink is followed only when it resolves inside the root,
//! so a model cannot pull in files from elsewhere on the machine.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::load::{LoadError, PACK_MARKER};

/// The most files a model may have; past it the walk stops with an error instead of
/// reading an unrelated tree (a model root given as `/`).
pub const MAX_FILES: usize = 10_000;

/// A model file found by the walk.
#[derive(Debug)]
pub struct FoundFile {
    /// The path below the root, used in messages and as the sort key.
    pub relative: PathBuf,
    /// The path to read.
    pub absolute: PathBuf,
}

/// Lists the model files below `root`, sorted by path.
pub fn find_model_files(root: &Path) -> Result<Vec<FoundFile>, LoadError> {
    let canonical_root = fs::canonicalize(root).map_err(|e| LoadError::io(root, e))?;
    let mut found = Vec::new();
    let mut visited = BTreeSet::from([canonical_root.clone()]);
    let mut pending = vec![PathBuf::new()];
    while let Some(relative_dir) = pending.pop() {
        let dir = root.join(&relative_dir);
        let entries = fs::read_dir(&dir).map_err(|e| LoadError::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| LoadError::io(&dir, e))?;
            let name = entry.file_name();
            let Some(name_str) = name.to_str() else {
                continue;
            };
            if name_str.starts_with('.')
                || (relative_dir.as_os_str().is_empty() && name_str == "templates")
            {
                continue;
            }
            let absolute = entry.path();
            let relative = relative_dir.join(&name);
            let Some(metadata) = followable_metadata(&absolute, &canonical_root, &mut visited)
            else {
                continue;
            };
            if metadata.is_dir() {
                if !absolute.join(PACK_MARKER).exists() {
                    pending.push(relative);
                }
            } else if metadata.is_file() && is_yaml(name_str) {
                found.push(FoundFile { relative, absolute });
                if found.len() > MAX_FILES {
                    return Err(LoadError::TooManyFiles {
                        root: root.to_path_buf(),
                        limit: MAX_FILES,
                    });
                }
            }
        }
    }
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(found)
}

fn is_yaml(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// The metadata of an entry, following a symlink only when it stays inside the root, and
/// reaching each folder only once (a folder linked from elsewhere in the root, or a link
/// loop, is not read twice).
fn followable_metadata(
    path: &Path,
    canonical_root: &Path,
    visited: &mut BTreeSet<PathBuf>,
) -> Option<fs::Metadata> {
    let own = fs::symlink_metadata(path).ok()?;
    if !own.file_type().is_symlink() && !own.is_dir() {
        return Some(own);
    }
    let target = fs::canonicalize(path).ok()?;
    if !target.starts_with(canonical_root) {
        return None;
    }
    let metadata = fs::metadata(&target).ok()?;
    if metadata.is_dir() && !visited.insert(target) {
        return None;
    }
    Some(metadata)
}
