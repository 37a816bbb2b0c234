//! The swap: putting a staged pack in place of the previous one so that OUT is always one
//! whole pack.
//!
//! Everything happens inside OUT, in `OUT/.raciflow-staging/`, so every rename stays on
//! OUT's filesystem even when OUT is a mount point (a Docker volume, a mounted share):
//!
//! - `new/` holds the staged files, the marker among them;
//! - `old/` receives each file of the previous pack as it is replaced or removed;
//! - `journal` lists the swap's operations. It is written (and synced) before the first
//!   rename and removed after the last one: its removal is the moment the new pack
//!   becomes the pack.
//!
//! A swap that fails is rolled back at once. A swap that is killed leaves its journal,
//! and the next build rolls it back before it does anything else ([`recover`]); a staging
//! folder without a journal is either an unfinished staging or a finished swap, and OUT
//! is whole in both cases. Every step of the roll-back can itself be interrupted and
//! repeated.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::load::PACK_MARKER;
use crate::pack::{PackError, check_pack_path, io, marker, refuse};
use crate::render::OutputFile;

/// The staging folder's name inside OUT.
pub const STAGING: &str = ".raciflow-staging";

const NEW: &str = "new";
const OLD: &str = "old";
const JOURNAL: &str = "journal";
const JOURNAL_TMP: &str = "journal.tmp";

/// One operation of a swap, on a path inside the pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Put the staged file in place; the previous one, if any, goes to `old/`.
    Replace(String),
    /// Move a file of the previous pack that the new one no longer has to `old/`.
    Remove(String),
}

/// Called before each rename; an error stops the swap there. The writer passes a hook that
/// does nothing; tests pass one that fails or "dies" at a chosen rename.
pub type Hook<'a> = &'a mut dyn FnMut() -> io::Result<()>;

/// The operations that turn the previous pack (`previous`) into one of the files `paths`:
/// every file replaced, the stale ones removed, the marker last.
pub fn plan(paths: &[String], previous: &[String]) -> Vec<Op> {
    let mut ops: Vec<Op> = paths.iter().map(|p| Op::Replace(p.clone())).collect();
    let current: std::collections::BTreeSet<&str> = paths.iter().map(String::as_str).collect();
    ops.extend(
        previous
            .iter()
            .filter(|p| !current.contains(p.as_str()))
            .map(|p| Op::Remove(p.clone())),
    );
    ops.push(Op::Replace(PACK_MARKER.to_owned()));
    ops
}

/// A fresh `OUT/.raciflow-staging/new/` being filled: each file is written (and synced) as
/// it comes, so that a build holds one file at a time.
pub struct Staging {
    new: PathBuf,
    /// The files written so far.
    paths: Vec<String>,
}

impl Staging {
    /// Makes the staging folder; it must not exist ([`recover`] clears an old one).
    pub fn create(out: &Path) -> Result<Staging, PackError> {
        let staging = out.join(STAGING);
        fs::create_dir(&staging).map_err(io(&staging))?;
        Ok(Staging {
            new: staging.join(NEW),
            paths: Vec::new(),
        })
    }

    /// Writes `file`; a path written before is an error, not a replacement.
    pub fn put(&mut self, file: &OutputFile) -> Result<(), PackError> {
        let path = self.new.join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(io(folder))?;
        }
        let mut handle = File::create_new(&path).map_err(io(&path))?;
        handle.write_all(&file.bytes).map_err(io(&path))?;
        handle.sync_all().map_err(io(&path))?;
        self.paths.push(file.path.clone());
        Ok(())
    }

    /// Writes the marker that lists the files; returns their paths, sorted.
    pub fn finish(mut self) -> Result<Vec<String>, PackError> {
        self.paths.sort();
        self.put(&OutputFile {
            path: PACK_MARKER.to_owned(),
            bytes: marker::text(&self.paths).into_bytes(),
        })?;
        self.paths.pop();
        Ok(self.paths)
    }
}

/// Carries out `ops` on OUT from the staging folder; rolls back when a step fails.
/// Returns how many files of the previous pack were removed.
pub fn swap(out: &Path, ops: &[Op], hook: Hook<'_>) -> Result<usize, PackError> {
    match apply(out, ops, hook) {
        Ok(removed) => {
            finish(out, ops);
            Ok(removed)
        }
        Err(error) => match rollback(out, &mut || Ok(())) {
            Ok(()) => Err(error),
            Err(second) => Err(refuse(
                out,
                format!(
                    "{error}; putting the previous pack back failed too ({second}); the next build will finish putting it back"
                ),
            )),
        },
    }
}

/// Rolls back a swap that was interrupted (the process was killed) and clears the staging
/// folder, so that OUT holds the previous pack whole. Does nothing when there is no
/// staging folder.
pub fn recover(out: &Path) -> Result<(), PackError> {
    let staging = out.join(STAGING);
    match fs::symlink_metadata(&staging) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(&staging)(e)),
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(
                &staging,
                "is not a folder raciflow made; move it away and build again",
            ));
        }
        Ok(_) => {}
    }
    for entry in fs::read_dir(&staging).map_err(io(&staging))? {
        let entry = entry.map_err(io(&staging))?;
        let name = entry.file_name();
        if ![NEW, OLD, JOURNAL, JOURNAL_TMP]
            .iter()
            .any(|own| name == *own)
        {
            return Err(refuse(
                &entry.path(),
                "was not written by raciflow; move it away and build again",
            ));
        }
    }
    if fs::symlink_metadata(staging.join(JOURNAL)).is_ok() {
        rollback(out, &mut || Ok(()))?;
    }
    fs::remove_dir_all(&staging).map_err(io(&staging))
}

/// The swap proper, stopping at the first error and leaving the journal behind.
fn apply(out: &Path, ops: &[Op], hook: Hook<'_>) -> Result<usize, PackError> {
    let staging = out.join(STAGING);
    write_journal(&staging, ops)?;
    let mut removed = 0;
    for op in ops {
        match op {
            Op::Replace(path) => {
                let there = out.join(path);
                if exists(&there) {
                    hook().map_err(io(&there))?;
                    rename(&there, &staging.join(OLD).join(path))?;
                }
                hook().map_err(io(&there))?;
                rename(&staging.join(NEW).join(path), &there)?;
            }
            Op::Remove(path) => {
                let there = out.join(path);
                if fs::symlink_metadata(&there).is_ok_and(|m| !m.is_dir()) {
                    hook().map_err(io(&there))?;
                    rename(&there, &staging.join(OLD).join(path))?;
                    removed += 1;
                }
            }
        }
    }
    hook().map_err(io(&staging))?;
    // The commit: from here on the new pack is the pack.
    let journal = staging.join(JOURNAL);
    fs::remove_file(&journal).map_err(io(&journal))?;
    sync_folder(&staging);
    Ok(removed)
}

/// Undoes whatever part of the journal's swap was done, in reverse order, and removes the
/// journal. Each step checks where the file is, so running it again after an interruption
/// finishes the job.
fn rollback(out: &Path, hook: Hook<'_>) -> Result<(), PackError> {
    let staging = out.join(STAGING);
    let ops = read_journal(&staging)?;
    for op in ops.iter().rev() {
        match op {
            Op::Replace(path) => {
                let there = out.join(path);
                let staged = staging.join(NEW).join(path);
                let old = staging.join(OLD).join(path);
                if !exists(&staged) && exists(&there) {
                    hook().map_err(io(&there))?;
                    rename(&there, &staged)?;
                }
                if exists(&old) {
                    hook().map_err(io(&there))?;
                    rename(&old, &there)?;
                } else {
                    remove_empty_parents(out, &there);
                }
            }
            Op::Remove(path) => {
                let old = staging.join(OLD).join(path);
                if exists(&old) {
                    hook().map_err(io(&old))?;
                    rename(&old, &out.join(path))?;
                }
            }
        }
    }
    hook().map_err(io(&staging))?;
    let journal = staging.join(JOURNAL);
    fs::remove_file(&journal).map_err(io(&journal))?;
    sync_folder(&staging);
    Ok(())
}

/// After the commit: the previous pack's files and the staging folder go, and so do the
/// folders that removed files leave empty. Failing here loses nothing (the next build
/// clears what is left), so errors are not reported.
fn finish(out: &Path, ops: &[Op]) {
    let _ = fs::remove_dir_all(out.join(STAGING));
    for op in ops {
        if let Op::Remove(path) = op {
            remove_empty_parents(out, &out.join(path));
        }
    }
}

fn write_journal(staging: &Path, ops: &[Op]) -> Result<(), PackError> {
    let mut text = String::from("# raciflow: a swap in progress; the next build rolls it back\n");
    for op in ops {
        let (word, path) = match op {
            Op::Replace(path) => ("replace", path),
            Op::Remove(path) => ("remove", path),
        };
        text.push_str(word);
        text.push('\t');
        text.push_str(path);
        text.push('\n');
    }
    let tmp = staging.join(JOURNAL_TMP);
    let mut handle = File::create(&tmp).map_err(io(&tmp))?;
    handle.write_all(text.as_bytes()).map_err(io(&tmp))?;
    handle.sync_all().map_err(io(&tmp))?;
    let journal = staging.join(JOURNAL);
    fs::rename(&tmp, &journal).map_err(io(&journal))?;
    sync_folder(staging);
    Ok(())
}

fn read_journal(staging: &Path) -> Result<Vec<Op>, PackError> {
    let path = staging.join(JOURNAL);
    let text = fs::read_to_string(&path).map_err(io(&path))?;
    let mut ops = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (op, file) = match line.split_once('\t') {
            Some(("replace", file)) => (Op::Replace(file.to_owned()), file),
            Some(("remove", file)) => (Op::Remove(file.to_owned()), file),
            _ => {
                return Err(refuse(
                    &path,
                    format!("has a line raciflow did not write: `{line}`"),
                ));
            }
        };
        check_pack_path(file).map_err(|reason| refuse(&path, reason))?;
        ops.push(op);
    }
    Ok(ops)
}

/// Whether anything is at `path`, a link included (links are never followed).
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Renames `from` to `to`, creating `to`'s folder.
fn rename(from: &Path, to: &Path) -> Result<(), PackError> {
    if let Some(folder) = to.parent() {
        fs::create_dir_all(folder).map_err(io(folder))?;
    }
    fs::rename(from, to).map_err(io(to))
}

/// Syncs a folder so that renames in it survive a power cut; best effort (not every
/// platform can open a folder).
fn sync_folder(folder: &Path) {
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
}

/// Removes the folders between `file` and `root` that are empty now.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(dir) = folder {
        if dir == root || !dir.starts_with(root) || fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Every file below `root` outside the staging folder, with its bytes.
    fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path == root.join(STAGING) {
                    continue;
                }
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let name = path
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    files.insert(name, fs::read(&path).unwrap());
                }
            }
        }
        files
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// An OUT holding an old pack, and the new pack's files and operations.
    fn scene() -> (tempfile::TempDir, Vec<OutputFile>, Vec<Op>) {
        let dir = tempfile::tempdir().unwrap();
        let old = [
            file("index.html", "old index"),
            file("roles/a.html", "old a"),
            file("roles/gone.html", "old gone"),
            file("stale/only.html", "old only"),
        ];
        for f in &old {
            let path = dir.path().join(&f.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, &f.bytes).unwrap();
        }
        let paths: Vec<String> = old.iter().map(|f| f.path.clone()).collect();
        fs::write(dir.path().join(PACK_MARKER), marker::text(&paths)).unwrap();
        let new = vec![
            file("index.html", "new index"),
            file("roles/a.html", "new a"),
            file("roles/b.html", "new b"),
            file("diagrams/p.svg", "new p"),
        ];
        let current: Vec<String> = new.iter().map(|f| f.path.clone()).collect();
        let ops = plan(&current, &paths);
        (dir, new, ops)
    }

    /// Stages `files` and their marker in OUT.
    fn stage(out: &Path, files: &[OutputFile]) {
        let mut staging = Staging::create(out).unwrap();
        for file in files {
            staging.put(file).unwrap();
        }
        staging.finish().unwrap();
    }

    /// A hook that fails at its `at`-th call (from 0), as if the process died there.
    fn dies_at(at: usize) -> impl FnMut() -> io::Result<()> {
        let mut calls = 0;
        move || {
            calls += 1;
            if calls > at {
                Err(io::Error::other("killed"))
            } else {
                Ok(())
            }
        }
    }

    fn renames(new: &[OutputFile], ops: &[Op]) -> usize {
        let (dir, _, _) = scene();
        stage(dir.path(), new);
        let mut count = 0;
        apply(dir.path(), ops, &mut || {
            count += 1;
            Ok(())
        })
        .unwrap();
        count
    }

    #[test]
    fn a_swap_killed_at_any_rename_is_rolled_back_by_the_next_build() {
        let (_, new, ops) = scene();
        let total = renames(&new, &ops);
        assert!(total > 8, "{total}");
        for at in 0..total {
            let (dir, new, ops) = scene();
            let old = tree(dir.path());
            stage(dir.path(), &new);
            assert!(apply(dir.path(), &ops, &mut dies_at(at)).is_err());
            recover(dir.path()).unwrap();
            assert_eq!(tree(dir.path()), old, "killed at rename {at}");
            assert!(!dir.path().join(STAGING).exists());
            assert!(!dir.path().join("diagrams").exists(), "killed at {at}");
        }
    }

    #[test]
    fn a_roll_back_killed_at_any_point_is_finished_by_the_next_build() {
        let (_, new, ops) = scene();
        let total = renames(&new, &ops);
        for at in [1, total / 2, total - 1] {
            for again in 0..total {
                let (dir, new, ops) = scene();
                let old = tree(dir.path());
                stage(dir.path(), &new);
                let _ = apply(dir.path(), &ops, &mut dies_at(at));
                if rollback(dir.path(), &mut dies_at(again)).is_ok() {
                    continue;
                }
                recover(dir.path()).unwrap();
                assert_eq!(tree(dir.path()), old, "killed at {at}, then at {again}");
            }
        }
    }

    #[test]
    fn a_swap_that_fails_puts_the_previous_pack_back_at_once() {
        let (_, new, ops) = scene();
        let total = renames(&new, &ops);
        for at in 0..total {
            let (dir, new, ops) = scene();
            let old = tree(dir.path());
            stage(dir.path(), &new);
            let error = swap(dir.path(), &ops, &mut dies_at(at)).unwrap_err();
            assert!(error.to_string().contains("killed"), "{error}");
            assert_eq!(tree(dir.path()), old, "failed at rename {at}");
            // The next build finds nothing to recover.
            recover(dir.path()).unwrap();
            assert_eq!(tree(dir.path()), old);
        }
    }

    #[test]
    fn a_swap_that_completes_leaves_exactly_the_new_pack() {
        let (dir, new, ops) = scene();
        stage(dir.path(), &new);
        let removed = swap(dir.path(), &ops, &mut || Ok(())).unwrap();
        assert_eq!(removed, 2);
        let mut expected: BTreeMap<String, Vec<u8>> = new
            .iter()
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect();
        let mut paths: Vec<String> = new.iter().map(|f| f.path.clone()).collect();
        paths.sort();
        expected.insert(PACK_MARKER.to_owned(), marker::text(&paths).into_bytes());
        assert_eq!(tree(dir.path()), expected);
        assert!(!dir.path().join(STAGING).exists());
        assert!(!dir.path().join("stale").exists());
        // A kill after the commit leaves staging behind; the new pack stays.
        recover(dir.path()).unwrap();
        assert_eq!(tree(dir.path()), expected);
    }
}
