//! `Index`: the ids of one kind of element, for duplicate detection and look-up.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Location};
use crate::resolve::DUPLICATE_ID;

/// The ids of one kind of element (roles, or the steps of one process). Positions count
/// first definitions only: a duplicate is reported and left out, so it raises no findings
/// of its own.
#[derive(Debug, Default)]
pub struct Index {
    by_id: BTreeMap<String, usize>,
    by_folded: BTreeMap<String, usize>,
    defined: Vec<(String, Location)>,
    /// Lower-case names with the id they belong to, for "you wrote the name" hints.
    names: Vec<(String, usize)>,
}

impl Index {
    /// Records the name of the element at `position`, so that a reference written as the
    /// element's name can be pointed at its id.
    pub fn name(&mut self, position: usize, name: &str) {
        self.names.push((name.to_lowercase(), position));
    }

    /// The number of first definitions so far.
    pub fn len(&self) -> usize {
        self.defined.len()
    }

    /// Whether no element is defined.
    pub fn is_empty(&self) -> bool {
        self.defined.is_empty()
    }

    /// The id of the element whose name is `text`, or starts with it as a word (`Телемаркетолог`
    /// for "Телемаркетолог (оператор холодных звонков)"), ignoring letter case.
    pub fn id_named(&self, text: &str) -> Option<&str> {
        let text = text.to_lowercase();
        self.names
            .iter()
            .find(|(name, _)| {
                name == &text
                    || name
                        .strip_prefix(&text)
                        .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
            })
            .map(|(_, position)| self.defined[*position].0.as_str())
    }

    /// Adds an element's id and returns whether it is a first definition. A second element
    /// with the same id, or one that differs only in letter case (pack file names would
    /// collide on Windows and macOS), is reported and not added.
    pub fn insert(
        &mut self,
        kind: &str,
        id: &str,
        at: Location,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> bool {
        if let Some(&first) = self.by_id.get(id) {
            diagnostics.push(
                Diagnostic::new(&DUPLICATE_ID, at, format!("duplicate {kind} id `{id}`"))
                    .with_related(
                        self.defined[first].1,
                        format!("`{id}` is first defined here"),
                    )
                    .with_help(format!("give each {kind} its own id")),
            );
            return false;
        }
        let folded = fold(id);
        if let Some(&first) = self.by_folded.get(&folded) {
            let (other, other_at) = &self.defined[first];
            let (how, help) = if id.nfc().eq(other.nfc()) {
                (
                    "only in how its letters are encoded (a letter and a combining mark against one character): they look the same",
                    "retype one of them; an id pasted from another program often carries the decomposed form",
                )
            } else {
                (
                    "only in letter case",
                    "pack file names would collide on Windows and macOS; rename one of them",
                )
            };
            diagnostics.push(
                Diagnostic::new(
                    &DUPLICATE_ID,
                    at,
                    format!("{kind} id `{id}` differs from `{other}` {how}"),
                )
                .with_related(*other_at, format!("`{other}` is defined here"))
                .with_help(help),
            );
            return false;
        }
        let position = self.defined.len();
        self.defined.push((id.to_owned(), at));
        self.by_folded.insert(folded, position);
        self.by_id.insert(id.to_owned(), position);
        true
    }

    /// The position of the element with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Every id, for suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }
}

/// An id as a reader sees it: Unicode-normalised (NFC) and in lower case, so that ids
/// that look alike are one.
fn fold(id: &str) -> String {
    id.nfc().collect::<String>().to_lowercase()
}
