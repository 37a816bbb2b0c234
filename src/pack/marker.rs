//! The marker file: it says that a folder is a raciflow pack and lists the files the build
//! wrote, which are the only files a later build may replace or delete.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::pack::{PackError, check_pack_path, io, refuse};

const HEADER: &str = "# raciflow pack: written by `raciflow build`. A later build replaces or deletes only the files listed here.\n";

/// The marker's text for a pack of the files `paths` (sorted).
pub fn text(paths: &[String]) -> String {
    let mut text = HEADER.to_owned();
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// The files listed by the marker at `path`, or `None` when there is no marker.
pub fn read(path: &Path) -> Result<Option<BTreeSet<String>>, PackError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(path)(e)),
    };
    let mut files = BTreeSet::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        // A marker is plain text anyone can edit: a listed path must stay inside the pack.
        check_pack_path(line)
            .map_err(|reason| refuse(path, format!("is not a marker raciflow wrote: {reason}")))?;
        files.insert(line.to_owned());
    }
    Ok(Some(files))
}
