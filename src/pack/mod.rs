//! Pack: the only code that touches the output folder.
//!
//! A build renders everything in memory first. Then, holding a lock beside OUT, it writes
//! the files into a staging folder next to OUT (same filesystem, so renames are atomic)
//! and moves them into place, the marker file last. A failure before the move leaves the
//! previous pack as it was; nothing outside the files listed in the marker is ever
//! deleted or overwritten.

#![allow(clippy::disallowed_methods)]

mod marker;

use std::collections::BTreeSet;
use std::fs::{self, File, TryLockError};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use crate::load::PACK_MARKER;
use crate::render::OutputFile;

/// Why the pack could not be written.
#[derive(Debug, Error)]
pub enum PackError {
    /// OUT is not a folder the build may write to.
    #[error("{}: {reason}", path.display())]
    Refused {
        /// The folder or file.
        path: PathBuf,
        /// Why, and what to do.
        reason: String,
    },
    /// Another build holds the lock of OUT.
    #[error("another raciflow build is writing {} (it holds {}); try again when it has finished", out.display(), lock.display())]
    Locked {
        /// The output folder.
        out: PathBuf,
        /// The lock file.
        lock: PathBuf,
    },
    /// A file operation failed.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The operating system's reason (not a `source`: the message already says it).
        reason: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PackError + '_ {
    move |reason| PackError::Io {
        path: path.to_path_buf(),
        reason,
    }
}

fn refuse(path: &Path, reason: impl Into<String>) -> PackError {
    PackError::Refused {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files written.
    pub files: usize,
    /// Files of the previous pack removed because this one no longer has them.
    pub removed: usize,
}

/// Writes `files` as the pack in `out`. `model` is the model's root: an OUT that holds it
/// is refused, as is a non-empty OUT that is not an earlier pack, unless `force`.
pub fn write(
    out: &Path,
    files: &[OutputFile],
    model: &Path,
    force: bool,
) -> Result<Written, PackError> {
    let target = Target::locate(out)?;
    let _lock = target.lock()?;
    let previous = target.preflight(files, model, force)?;
    let staging = target.sibling("staging");
    if fs::symlink_metadata(&staging).is_ok() {
        // A leftover of a build that was killed; we hold the lock, so nobody is using it.
        fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    if let Err(error) = stage(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    let written = target.swap(&staging, files, &previous);
    let _ = fs::remove_dir_all(&staging);
    written
}

/// OUT, resolved against its real parent folder.
struct Target {
    /// OUT as the user wrote it, for messages.
    given: PathBuf,
    /// The real parent folder.
    parent: PathBuf,
    /// OUT's name in it.
    name: String,
}

impl Target {
    fn locate(out: &Path) -> Result<Target, PackError> {
        let absolute = if out.is_absolute() {
            out.to_path_buf()
        } else {
            std::env::current_dir().map_err(io(out))?.join(out)
        };
        // `.` and `..` are resolved first so that `--out .` names the current folder.
        let absolute = normalise(&absolute);
        let name = absolute
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                refuse(
                    out,
                    "the output folder cannot be the root of the filesystem",
                )
            })?;
        let parent = absolute.parent().unwrap_or(Path::new("/"));
        // A new OUT may be several folders deep (`target/site/pack`): nothing is lost by
        // creating its parents.
        fs::create_dir_all(parent).map_err(io(parent))?;
        let parent = parent.canonicalize().map_err(io(parent))?;
        Ok(Target {
            given: out.to_path_buf(),
            parent,
            name,
        })
    }

    fn path(&self) -> PathBuf {
        self.parent.join(&self.name)
    }

    fn sibling(&self, what: &str) -> PathBuf {
        self.parent.join(format!(".{}.raciflow-{what}", self.name))
    }

    fn lock(&self) -> Result<File, PackError> {
        let path = self.sibling("lock");
        let file = File::create(&path).map_err(io(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(TryLockError::WouldBlock) => Err(PackError::Locked {
                out: self.given.clone(),
                lock: path,
            }),
            Err(TryLockError::Error(reason)) => Err(PackError::Io { path, reason }),
        }
    }

    /// Checks that OUT may be written and returns the files of the pack it holds now.
    fn preflight(
        &self,
        files: &[OutputFile],
        model: &Path,
        force: bool,
    ) -> Result<BTreeSet<String>, PackError> {
        let out = self.path();
        let meta = match fs::symlink_metadata(&out) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
            Err(e) => return Err(io(&out)(e)),
        };
        if meta.file_type().is_symlink() {
            return Err(refuse(
                &self.given,
                "is a symbolic link; give the real folder as --out",
            ));
        }
        if !meta.is_dir() {
            return Err(refuse(&self.given, "is a file, not a folder"));
        }
        let model = model.canonicalize().map_err(io(model))?;
        if model.starts_with(&out) && !force {
            return Err(refuse(
                &self.given,
                "holds the model itself; choose another --out (or --force to write there anyway)",
            ));
        }
        let previous = marker::read(&out.join(PACK_MARKER))?;
        let empty = fs::read_dir(&out).map_err(io(&out))?.next().is_none();
        if previous.is_none() && !empty && !force {
            return Err(refuse(
                &self.given,
                "is not empty and is not a raciflow pack (it has no .raciflow-pack marker); choose an empty or new folder (or --force to add the pack to it)",
            ));
        }
        let previous = previous.unwrap_or_default();
        for file in files {
            let mut path = out.clone();
            let parts: Vec<&str> = file.path.split('/').collect();
            for (index, part) in parts.iter().enumerate() {
                path.push(part);
                let Ok(meta) = fs::symlink_metadata(&path) else {
                    break;
                };
                let last = index + 1 == parts.len();
                if meta.file_type().is_symlink() && !last {
                    return Err(refuse(
                        &path,
                        "is a symbolic link inside the output folder; raciflow does not write through links",
                    ));
                }
                if last && !previous.contains(&file.path) {
                    return Err(refuse(
                        &path,
                        "exists and was not written by raciflow; move it away and build again",
                    ));
                }
                if !last && !meta.is_dir() {
                    return Err(refuse(
                        &path,
                        "is a file where the pack needs a folder; move it away and build again",
                    ));
                }
            }
        }
        Ok(previous)
    }

    /// Moves the staged files into OUT, removes what the previous pack had and this one
    /// has not, and writes the marker last.
    fn swap(
        &self,
        staging: &Path,
        files: &[OutputFile],
        previous: &BTreeSet<String>,
    ) -> Result<Written, PackError> {
        let out = self.path();
        if fs::symlink_metadata(&out).is_err() {
            fs::rename(staging, &out).map_err(io(&out))?;
            return Ok(Written {
                files: files.len(),
                removed: 0,
            });
        }
        let current: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut removed = 0;
        for old in previous.iter().filter(|p| !current.contains(p.as_str())) {
            let path = out.join(old);
            if let Ok(meta) = fs::symlink_metadata(&path)
                && !meta.is_dir()
            {
                fs::remove_file(&path).map_err(io(&path))?;
                removed += 1;
                remove_empty_parents(&out, &path);
            }
        }
        for file in files {
            let to = out.join(&file.path);
            if let Some(folder) = to.parent() {
                fs::create_dir_all(folder).map_err(io(folder))?;
            }
            fs::rename(staging.join(&file.path), &to).map_err(io(&to))?;
        }
        let marker = out.join(PACK_MARKER);
        fs::rename(staging.join(PACK_MARKER), &marker).map_err(io(&marker))?;
        Ok(Written {
            files: files.len(),
            removed,
        })
    }
}

/// Writes every file and the marker into a fresh staging folder.
fn stage(staging: &Path, files: &[OutputFile]) -> Result<(), PackError> {
    fs::create_dir(staging).map_err(io(staging))?;
    for file in files {
        let path = staging.join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(io(folder))?;
        }
        let mut handle = File::create_new(&path).map_err(io(&path))?;
        handle.write_all(&file.bytes).map_err(io(&path))?;
        handle.sync_all().map_err(io(&path))?;
    }
    let path = staging.join(PACK_MARKER);
    let mut handle = File::create_new(&path).map_err(io(&path))?;
    handle
        .write_all(marker::text(files).as_bytes())
        .map_err(io(&path))?;
    Ok(())
}

/// Removes the folders between `file` and `root` that are empty now.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(dir) = folder {
        if dir == root || fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}

/// `path` with `.` and `..` resolved lexically.
fn normalise(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                result.pop();
            }
            other => result.push(other),
        }
    }
    result
}
