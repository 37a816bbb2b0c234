//! The lock that keeps two builds from writing one pack at once.
//!
//! On Unix the lock is an advisory `flock` on OUT itself, so no lock file is ever created:
//! nothing is left beside OUT, and there is no file whose link could be followed. The
//! operating system releases it when the process ends, however it ends. Elsewhere a lock
//! file inside OUT plays that part.

use std::fs::{File, TryLockError};
use std::path::Path;

use crate::pack::{PackError, io};

/// Holds the lock of OUT until dropped.
pub struct Lock {
    _file: File,
}

/// Takes the lock of the folder `out`, which exists; `given` names OUT in messages.
pub fn lock(out: &Path, given: &Path) -> Result<Lock, PackError> {
    let file = open(out)?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(PackError::Locked {
            out: given.to_path_buf(),
        }),
        Err(TryLockError::Error(reason)) => Err(io(out)(reason)),
    }
}

#[cfg(unix)]
fn open(out: &Path) -> Result<File, PackError> {
    use std::os::unix::fs::MetadataExt;
    let file = File::open(out).map_err(io(out))?;
    // Opening follows a link; refuse when OUT was swapped for one since it was checked.
    let opened = file.metadata().map_err(io(out))?;
    let there = std::fs::symlink_metadata(out).map_err(io(out))?;
    if there.file_type().is_symlink() || (opened.dev(), opened.ino()) != (there.dev(), there.ino())
    {
        return Err(crate::pack::refuse(
            out,
            "changed into a symbolic link while the build was starting; raciflow does not write through links",
        ));
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open(out: &Path) -> Result<File, PackError> {
    let path = out.join(".raciflow-lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io(&path))
}
