//! `build --check`: how a pack on disk differs from the pack a build would write, read
//! without writing or locking anything, for repositories that commit the pack next to the
//! model.

use std::fs;
use std::path::Path;

use crate::load::PACK_MARKER;
use crate::pack::{PackError, check_pack_path, io, marker, refuse, through_link};
use crate::render::OutputFile;

/// How OUT differs from the pack a build would write. Files in OUT that no build wrote
/// (not in the marker) are not the pack's, so they are never listed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files the build writes whose content in OUT is different.
    pub differ: Vec<String>,
    /// Files the build writes that OUT does not have.
    pub missing: Vec<String>,
    /// Files the marker lists that the build no longer writes: a build would delete them.
    pub stale: Vec<String>,
}

impl Staleness {
    /// Whether OUT is exactly what the build would write.
    pub fn is_fresh(&self) -> bool {
        self.differ.is_empty() && self.missing.is_empty() && self.stale.is_empty()
    }
}

/// Compares `files`, and the marker that lists them, with the pack in `out`. A missing OUT
/// is a pack whose every file is missing; an OUT that is a file or a link is refused, as `build` would refuse it.
pub fn compare(out: &Path, files: &[OutputFile]) -> Result<Staleness, PackError> {
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(out)(e)),
    };
    if let Some(meta) = &meta {
        if meta.file_type().is_symlink() {
            return Err(refuse(
                out,
                "is a symbolic link; give the real folder as --out",
            ));
        }
        if !meta.is_dir() {
            return Err(refuse(out, "is a file, not a folder"));
        }
    }
    let mut staleness = Staleness::default();
    let previous = match meta {
        Some(_) => marker::read(&out.join(PACK_MARKER))?.unwrap_or_default(),
        None => Default::default(),
    };
    let marker = OutputFile {
        path: PACK_MARKER.to_owned(),
        bytes: marker::text(&files.iter().map(|f| f.path.clone()).collect::<Vec<_>>()).into_bytes(),
    };
    for file in files.iter().chain([&marker]) {
        check_pack_path(&file.path).map_err(|reason| refuse(out, reason))?;
        // A file reached through a link is not one `build` would leave in place.
        let linked = through_link(out, &file.path).is_err();
        let path = out.join(&file.path);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                staleness.missing.push(file.path.clone());
            }
            Err(e) => return Err(io(&path)(e)),
            Ok(meta) if linked || !meta.is_file() => staleness.differ.push(file.path.clone()),
            Ok(_) => {
                if fs::read(&path).map_err(io(&path))? != file.bytes {
                    staleness.differ.push(file.path.clone());
                }
            }
        }
    }
    let written: std::collections::BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    staleness.stale = previous
        .into_iter()
        .filter(|listed| !written.contains(listed.as_str()))
        .collect();
    Ok(staleness)
}
