//! A temporary folder of pack files, for a program that reads them from disk (the browser
//! that prints the handbook): never OUT, and gone when dropped.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::{PackError, check_pack_path, io, refuse};
use crate::render::OutputFile;

/// A temporary folder, removed with everything in it when dropped.
pub struct Scratch {
    dir: TempDir,
}

impl Scratch {
    /// A new, empty folder in the system's temporary folder.
    pub fn new() -> Result<Scratch, PackError> {
        let temp = std::env::temp_dir();
        Ok(Scratch {
            dir: tempfile::Builder::new()
                .prefix("raciflow-")
                .tempdir()
                .map_err(io(&temp))?,
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `file` at its path in the folder (replacing what was there) and returns
    /// where it went.
    pub fn write(&self, file: &OutputFile) -> Result<PathBuf, PackError> {
        check_pack_path(&file.path).map_err(|reason| refuse(Path::new(&file.path), reason))?;
        let path = self.dir.path().join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io(folder))?;
        }
        std::fs::write(&path, &file.bytes).map_err(io(&path))?;
        Ok(path)
    }
}
