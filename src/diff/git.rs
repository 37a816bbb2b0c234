//! A model as it was at a git revision, for `raciflow diff HEAD~1` in a pull-request
//! check: its model files are read from git (nothing in the working tree or the index is
//! touched) into a temporary folder the loader then reads like any other.

// Writes only into a temporary folder of its own, which is removed when dropped.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;
use thiserror::Error;

use crate::load::PACK_MARKER;

/// Why a revision could not be read.
#[derive(Debug, Error)]
pub enum GitError {
    /// git could not be run.
    #[error("cannot run git ({0}); `raciflow diff` reads revisions with git")]
    NoGit(io::Error),
    /// git refused.
    #[error("{what}: {message}")]
    Failed {
        /// What was asked.
        what: String,
        /// What git said.
        message: String,
    },
    /// A file could not be written to the temporary folder.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        reason: io::Error,
    },
}

/// A model read from a revision; its folder is removed when this is dropped.
#[derive(Debug)]
pub struct Revision {
    /// The model root in the temporary folder.
    pub root: PathBuf,
    _folder: TempDir,
}

/// Whether `dir` is inside a git repository.
pub fn in_repository(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--git-dir"]).is_ok()
}

/// Whether `text` names a git revision of the repository around `dir`.
pub fn is_revision(dir: &Path, text: &str) -> bool {
    !text.starts_with('-')
        && git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{text}^{{commit}}"),
            ],
        )
        .is_ok()
}

/// Reads the model whose root (in the working tree) is `root` as it was at `revision`.
pub fn read(root: &Path, revision: &str) -> Result<Revision, GitError> {
    if revision.starts_with('-') {
        return Err(GitError::Failed {
            what: revision.to_owned(),
            message: "a revision does not start with `-`".to_owned(),
        });
    }
    let commit = format!("{revision}^{{commit}}");
    let listing = git(root, &["ls-tree", "-r", "-z", "--full-name", &commit, "."])?;
    let prefix = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-prefix"])?)
        .trim_end()
        .to_owned();
    let mut blobs = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, id) = (meta.next(), meta.next(), meta.next());
        // Only plain files: a link or a submodule is not a model file.
        if kind != Some("blob") || mode == Some("120000") {
            continue;
        }
        if let (Some(relative), Some(id)) = (path.strip_prefix(&prefix), id) {
            blobs.push((relative.to_owned(), id.to_owned()));
        }
    }
    if !blobs.iter().any(|(path, _)| path == crate::load::MANIFEST) {
        return Err(GitError::Failed {
            what: revision.to_owned(),
            message: format!("no model.yaml in {} at this revision", display(&prefix)),
        });
    }
    // A pack committed beside the model is not part of it (the loader skips it too).
    let packs: BTreeSet<String> = blobs
        .iter()
        .filter_map(|(path, _)| path.strip_suffix(PACK_MARKER))
        .map(str::to_owned)
        .collect();
    blobs.retain(|(path, _)| {
        let lower = path.to_ascii_lowercase();
        (lower.ends_with(".yaml") || lower.ends_with(".yml"))
            && !packs.iter().any(|pack| path.starts_with(pack.as_str()))
    });
    let folder = tempfile::Builder::new()
        .prefix("raciflow-diff")
        .tempdir()
        .map_err(|reason| GitError::Io {
            path: std::env::temp_dir(),
            reason,
        })?;
    let contents = cat(root, blobs.iter().map(|(_, id)| id.as_str()))?;
    for ((path, _), content) in blobs.iter().zip(contents) {
        let target = folder.path().join(path);
        let io = |reason| GitError::Io {
            path: target.clone(),
            reason,
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&target, content).map_err(io)?;
    }
    Ok(Revision {
        root: folder.path().to_path_buf(),
        _folder: folder,
    })
}

fn display(prefix: &str) -> String {
    if prefix.is_empty() {
        "the repository's root".to_owned()
    } else {
        prefix.trim_end_matches('/').to_owned()
    }
}

/// The contents of blobs, read by one `git cat-file --batch`.
fn cat<'a>(dir: &Path, ids: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, GitError> {
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(GitError::NoGit)?;
    let ids: Vec<&str> = ids.collect();
    let mut stdin = child.stdin.take();
    let input: String = ids.iter().map(|id| format!("{id}\n")).collect();
    // Written from a thread so that a large output cannot block the input.
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(input.as_bytes());
        }
    });
    let failed = |message: String| GitError::Failed {
        what: "git cat-file".to_owned(),
        message,
    };
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| failed("no output".into()))?;
    let mut reader = BufReader::new(stdout);
    let mut contents = Vec::with_capacity(ids.len());
    for _ in &ids {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| failed(e.to_string()))?;
        let size: usize = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| failed(format!("unexpected answer `{}`", header.trim())))?;
        let mut content = vec![0; size];
        reader
            .read_exact(&mut content)
            .map_err(|e| failed(e.to_string()))?;
        let mut newline = [0; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|e| failed(e.to_string()))?;
        contents.push(content);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}

/// Runs git in `dir` and returns what it printed, or what it said when it failed.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(GitError::NoGit)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitError::Failed {
            what: format!("git {}", args.join(" ")),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}
