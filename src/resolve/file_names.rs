//! File names: the one place where an element's id becomes the name of a file in the pack.
//!
//! A valid id (see [`id_problem`]) is already a safe file name and is used as it is, so
//! `roles/telemarketer.html` stays readable. `build --force` renders models with errors,
//! though, and an id such as `../../etc/x` or `con` must still never reach a path: such an
//! id is reduced to letters, digits, `-` and `_`, cut to length, and given a hash of the
//! whole id so that two ids that reduce alike still get two files. Names are then made
//! unique within their kind ignoring letter case, since `Clerk.html` and `clerk.html` are
//! one file on Windows and macOS.

use std::collections::BTreeSet;

use crate::resolve::{ArtifactId, ProcessId, Resolved, RoleId, id_problem};

/// The file stem (a name without extension and without folder) of every role, artifact and
/// process, by position.
#[derive(Clone, Debug, Default)]
pub struct FileNames {
    roles: Vec<String>,
    artifacts: Vec<String>,
    processes: Vec<String>,
}

impl FileNames {
    /// The file stems of every element of `model`.
    pub fn of(model: &Resolved) -> Self {
        FileNames {
            roles: unique(model.roles.iter().map(|r| r.id.as_str())),
            artifacts: unique(model.artifacts.iter().map(|a| a.id.as_str())),
            processes: unique(model.processes.iter().map(|p| p.id.as_str())),
        }
    }

    /// A role's file stem (its job description is `roles/STEM.html`).
    pub fn role(&self, id: RoleId) -> &str {
        &self.roles[id.0]
    }

    /// An artifact's file stem (its blank form is `forms/STEM.html`).
    pub fn artifact(&self, id: ArtifactId) -> &str {
        &self.artifacts[id.0]
    }

    /// A process's file stem (its regulation is `processes/STEM.html`).
    pub fn process(&self, id: ProcessId) -> &str {
        &self.processes[id.0]
    }
}

/// The longest stem, in characters: an id's limit plus room for the hash.
const MAX_STEM_CHARS: usize = crate::resolve::MAX_ID_CHARS + 1 + HASH_DIGITS;

/// Hex digits of the hash that tells apart ids that reduce to the same text.
const HASH_DIGITS: usize = 12;

/// One stem per id, in order, unique ignoring case.
fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = BTreeSet::new();
    ids.map(|id| {
        let base = stem(id);
        let mut candidate = base.clone();
        let mut n = 2;
        while !taken.insert(candidate.to_lowercase()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    })
    .collect()
}

/// The file stem of one id: the id itself when it is valid, a reduced form with a hash
/// otherwise. Never empty, never `.` or `..`, never a path, never a Windows device name.
pub fn stem(id: &str) -> String {
    if id_problem(id).is_none() {
        return id.to_owned();
    }
    let kept: String = id
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .take(crate::resolve::MAX_ID_CHARS)
        .collect();
    let reduced = kept.trim_start_matches(['-', '_']);
    let stem = if reduced.is_empty() {
        format!("id-{}", stable_hash(id))
    } else {
        format!("{reduced}-{}", stable_hash(id))
    };
    debug_assert!(stem.chars().count() <= MAX_STEM_CHARS);
    stem
}

/// A stable hash of `text` (64-bit FNV-1a), as hex digits: the same on every machine and
/// in every version, so a file keeps its name from build to build.
pub fn stable_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")[..HASH_DIGITS].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a file name must be on Linux, macOS and Windows alike.
    fn is_safe(stem: &str) -> bool {
        !stem.is_empty()
            && stem != "."
            && stem != ".."
            && !stem.starts_with('.')
            && stem.chars().count() <= MAX_STEM_CHARS
            && stem
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && id_problem(stem).is_none_or(|p| !p.contains("device"))
    }

    #[test]
    fn valid_ids_are_their_own_file_names() {
        for id in ["telemarketer", "head-of-sales", "холодный-обзвон", "010"] {
            assert_eq!(stem(id), id);
        }
    }

    #[test]
    fn ids_that_are_paths_or_device_names_become_safe_names() {
        for id in [
            "../../../../tmp/victim/evil",
            "..",
            ".",
            "/etc/passwd",
            "C:\\Windows\\evil",
            "con",
            "NUL",
            "lpt1",
            "",
            "a/b",
            "\u{202e}evil",
            "\0",
            &"x".repeat(500),
        ] {
            let stem = stem(id);
            assert!(is_safe(&stem), "{id:?} gave {stem:?}");
        }
    }

    #[test]
    fn ids_that_reduce_alike_get_different_names() {
        let names = unique(["a/b", "a\\b", "ab", "a.b"].into_iter());
        let distinct: BTreeSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(distinct.len(), 4, "{names:?}");
    }

    #[test]
    fn names_differing_only_in_case_or_repeated_get_a_number() {
        assert_eq!(
            unique(["Clerk", "clerk", "clerk"].into_iter()),
            ["Clerk", "clerk-2", "clerk-3"]
        );
    }
}
