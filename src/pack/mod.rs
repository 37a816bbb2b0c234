//! Pack: the only code that writes files: the output folder, and scratch copies.
//!
//! Holding a lock on OUT, a build finishes or rolls back a swap an earlier build left
//! unfinished, writes each file into a staging folder inside OUT as soon as it is rendered
//! (so that it holds one file at a time, not the pack), and swaps them in under a journal
//! ([`swap`]), so that OUT always holds one whole pack. Nothing is ever written outside OUT but to a [`Scratch`] folder
//! of the system's (pages a browser prints from disk), nothing is written or removed
//! through a symbolic link, and nothing outside the files listed in the marker is ever
//! deleted or overwritten.

#![allow(clippy::disallowed_methods)]

mod compare;
mod lock;
mod marker;
mod scratch;
mod swap;

use std::fs;
use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use crate::load::PACK_MARKER;
use crate::render::{OutputFile, RenderError, Sink};

pub use compare::{Staleness, compare};
pub use scratch::Scratch;
pub use swap::STAGING;

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
    #[error("another raciflow build is writing {}; try again when it has finished", out.display())]
    Locked {
        /// The output folder.
        out: PathBuf,
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

/// Why `path` may not be a file of the pack, or nothing when it may: a relative path of
/// plain names, none hidden (the marker and the staging folder are raciflow's own), none
/// empty. Every path the writer writes, and every path a marker or journal lists, passes
/// this check, so no path can lead out of OUT whatever the model or a hand-edited marker
/// says.
pub fn check_pack_path(path: &str) -> Result<(), String> {
    let plain = !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && Path::new(path).components().all(|c| match c {
            Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
            _ => false,
        });
    if plain || path == PACK_MARKER {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a path inside the pack",
            path.escape_debug()
        ))
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

/// Checks, before the model is loaded and rendered, that OUT is a folder the build may
/// write to, so that a refusal comes at once. [`write`] checks again under the lock.
pub fn check_out(out: &Path, model: &Path, force: bool) -> Result<(), PackError> {
    Target::locate(out)?.check_folder(model, force).map(|_| ())
}

/// Writes the pack in `out`: `produce` renders its files into the sink it is given, which
/// writes each into the staging folder as it comes; once all are there they replace the
/// previous pack. `model` is the model's root: an OUT that holds it
/// is refused, as is a non-empty OUT that is not an earlier pack, unless `force`; an OUT
/// inside the model that holds model files is refused even then, since the loader skips
/// a pack's folder and those files would silently drop out of the model. When `produce`
/// or a write fails, the staging folder is removed and OUT is left as it was.
pub fn write<E: From<PackError>>(
    out: &Path,
    model: &Path,
    force: bool,
    produce: impl FnOnce(&mut dyn Sink) -> Result<(), E>,
) -> Result<Written, E> {
    let mut target = Target::locate(out)?;
    target.check_folder(model, force)?;
    let created = target.create()?;
    let path = target.path();
    let written = (|| {
        let _lock = lock::lock(&path, out)?;
        swap::recover(&path)?;
        let previous = target.check_folder(model, force)?;
        let mut writer = Writer {
            out: &path,
            previous: &previous,
            staging: swap::Staging::create(&path)?,
            error: None,
        };
        let produced = produce(&mut writer);
        let staged = match (produced, writer.error) {
            (_, Some(error)) => Err(E::from(error)),
            (Err(error), None) => Err(error),
            (Ok(()), None) => writer.staging.finish().map_err(E::from),
        };
        let paths = match staged {
            Ok(paths) => paths,
            Err(error) => {
                let _ = fs::remove_dir_all(path.join(STAGING));
                return Err(error);
            }
        };
        let ops = swap::plan(&paths, &previous);
        let removed = swap::swap(&path, &ops, &mut || Ok(()))?;
        Ok(Written {
            files: paths.len(),
            removed,
        })
    })();
    if written.is_err() && created {
        // Only succeeds when the folder this build made is still empty.
        let _ = fs::remove_dir(&path);
    }
    written
}

/// The sink [`write`] gives the renderer: checks that each file may go where it goes, and
/// stages it.
struct Writer<'a> {
    out: &'a Path,
    /// The files of the pack OUT holds now.
    previous: &'a [String],
    staging: swap::Staging,
    /// Why the writer stopped the rendering: the error [`write`] reports.
    error: Option<PackError>,
}

impl Sink for Writer<'_> {
    fn put(&mut self, file: OutputFile) -> Result<(), RenderError> {
        let admitted =
            admit(self.out, self.previous, &file.path).and_then(|()| self.staging.put(&file));
        admitted.map_err(|error| {
            self.error = Some(error);
            RenderError::Stopped
        })
    }
}

/// Checks that a file of the pack at `file` can go there in OUT: a plain path inside it,
/// reached through no link, in the way of no file or folder raciflow did not write
/// (`previous`: the files of the pack OUT holds now).
fn admit(out: &Path, previous: &[String], file: &str) -> Result<(), PackError> {
    check_pack_path(file).map_err(|reason| refuse(out, reason))?;
    through_link(out, file)?;
    let mut path = out.to_path_buf();
    let parts: Vec<&str> = file.split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        path.push(part);
        let Ok(meta) = fs::symlink_metadata(&path) else {
            break;
        };
        let last = index + 1 == parts.len();
        // `previous` comes sorted from the marker.
        if last && previous.binary_search_by(|p| p.as_str().cmp(file)).is_err() {
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
    Ok(())
}

/// OUT, resolved against its real parent folder.
struct Target {
    /// OUT as the user wrote it, for messages.
    given: PathBuf,
    /// The parent folder: real (links resolved) once it exists.
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
        let parent = parent
            .canonicalize()
            .unwrap_or_else(|_| parent.to_path_buf());
        Ok(Target {
            given: out.to_path_buf(),
            parent,
            name,
        })
    }

    fn path(&self) -> PathBuf {
        self.parent.join(&self.name)
    }

    /// Creates OUT (and its parents: a new OUT may be several folders deep) when it does
    /// not exist; says whether it did.
    fn create(&mut self) -> Result<bool, PackError> {
        fs::create_dir_all(&self.parent).map_err(io(&self.parent))?;
        self.parent = self.parent.canonicalize().map_err(io(&self.parent))?;
        let path = self.path();
        match fs::create_dir(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(io(&path)(e)),
        }
    }

    /// Checks that OUT is a folder the build may write to; returns the files of the pack
    /// it holds now (none when OUT does not exist yet).
    fn check_folder(&self, model: &Path, force: bool) -> Result<Vec<String>, PackError> {
        let out = self.path();
        let meta = match fs::symlink_metadata(&out) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
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
        // A model that cannot be found is the loader's to report.
        let model = model.canonicalize().unwrap_or_else(|_| model.to_path_buf());
        if model.starts_with(&out) && !force {
            return Err(refuse(
                &self.given,
                "holds the model itself; choose another --out (or --force to write there anyway)",
            ));
        }
        if out.starts_with(&model)
            && out != model
            && let Some(file) = yaml_below(&out)
        {
            return Err(refuse(
                &self.given,
                format!(
                    "is a folder of the model (it holds {}); a pack there would hide it from `raciflow check`; choose an --out outside the model's folders",
                    file.display()
                ),
            ));
        }
        let previous = marker::read(&out.join(PACK_MARKER))?;
        let foreign = fs::read_dir(&out)
            .map_err(io(&out))?
            .filter_map(Result::ok)
            .any(|entry| {
                let name = entry.file_name();
                name != STAGING && name != ".raciflow-lock"
            });
        if previous.is_none() && foreign && !force {
            return Err(refuse(
                &self.given,
                "is not empty and is not a raciflow pack (it has no .raciflow-pack marker); choose an empty or new folder (or --force to add the pack to it)",
            ));
        }
        let previous: Vec<String> = previous.unwrap_or_default().into_iter().collect();
        for listed in &previous {
            through_link(&out, listed)?;
        }
        Ok(previous)
    }
}

/// Refuses a pack path whose folders inside OUT include a symbolic link: nothing is
/// written, replaced or removed through a link.
fn through_link(out: &Path, file: &str) -> Result<(), PackError> {
    let mut path = out.to_path_buf();
    let parts: Vec<&str> = file.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refuse(
                    &path,
                    "is a symbolic link inside the output folder; raciflow does not write or delete through links",
                ));
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// The first model file (`*.yaml`, `*.yml`) below `folder`, not following links.
fn yaml_below(folder: &Path) -> Option<PathBuf> {
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).ok()?.filter_map(Result::ok) {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && (name.ends_with(".yaml") || name.ends_with(".yml")) {
                return Some(path);
            }
        }
    }
    None
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
