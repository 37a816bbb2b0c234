//! The pages of the last build, kept for the next one: `serve` rebuilds the pack on every
//! save, and a page whose inputs have not changed is taken as it was rather than rendered
//! again. On a company's model, a save touches one process and a few pages of its roles;
//! without this, all fourteen thousand pages were rendered again.
//!
//! A page's inputs are what it read: the parts of the pack its template read through
//! [`PackValue`](super::pack_value) (each item of a list on its own, and each list's
//! length), its own view, its process's map, and what every page shares (the labels, the
//! templates, the organisation chart). Each is hashed as the template reads it, and the
//! hashes of what a page read last time are compared with the same parts of the new pack.
//! A template is a function of what it reads: while those are the same, it reads the same
//! parts and writes the same page.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use crate::render::pack_value::{list, part};
use crate::views::Pack;

/// A part of the pack a page read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Read {
    /// A part that is not a list (`pack.meta`, `pack.raci`).
    Part(&'static str),
    /// How long a list is (`pack.processes|length`, or a loop over it).
    Len(&'static str),
    /// One item of a list (`pack.processes[3]`, or a page's own view).
    Item(&'static str, usize),
    /// A process's map, as a regulation draws it.
    Map(usize),
}

/// What a page read while it rendered, in the order it read it.
pub type Reads = Arc<Mutex<Vec<Read>>>;

/// The pages of the last build that completed, by path and the way back to the pack's
/// top folder (a handbook renders each page again with links from the top).
#[derive(Default)]
pub struct Memo {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The hash of what every page shares, in the build the pages were kept from.
    shared: u64,
    /// The pages of the last build that completed.
    kept: HashMap<String, Kept>,
}

/// A page as it was rendered.
#[derive(Clone)]
struct Kept {
    reads: Vec<Read>,
    fingerprint: u64,
    text: Arc<str>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").finish_non_exhaustive()
    }
}

impl Memo {
    /// A memo for one build of `pack`: it takes pages from the last build when `shared`
    /// (the hash of what every page shares) is the same, and keeps this build's pages
    /// once it is [`finish`](Build::finish)ed.
    pub(super) fn build<'a>(&'a self, pack: &'a Pack, shared: u64) -> Build<'a> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        Build {
            memo: self,
            pack,
            last: if state.shared == shared {
                state.kept.clone()
            } else {
                HashMap::new()
            },
            shared,
            hashes: Mutex::default(),
            kept: Mutex::default(),
            reused: Mutex::default(),
        }
    }
}

/// One build's use of a [`Memo`].
pub struct Build<'a> {
    memo: &'a Memo,
    pack: &'a Pack,
    last: HashMap<String, Kept>,
    shared: u64,
    /// The hash of each part read in this build, computed once.
    hashes: Mutex<HashMap<Read, u64>>,
    /// This build's pages.
    kept: Mutex<HashMap<String, Kept>>,
    /// How many pages were taken from the last build.
    reused: Mutex<usize>,
}

impl Build<'_> {
    /// The page `key` as the last build rendered it, if what it read then is the same now.
    pub(super) fn page(&self, key: &str) -> Option<Arc<str>> {
        let kept = self.last.get(key)?;
        if self.fingerprint(&kept.reads) != kept.fingerprint {
            return None;
        }
        let text = Arc::clone(&kept.text);
        lock(&self.kept).insert(key.to_owned(), kept.clone());
        *lock(&self.reused) += 1;
        Some(text)
    }

    /// Keeps page `key`, rendered as `text` after reading `reads`.
    pub(super) fn keep(&self, key: String, reads: Vec<Read>, text: &str) {
        let fingerprint = self.fingerprint(&reads);
        lock(&self.kept).insert(
            key,
            Kept {
                reads,
                fingerprint,
                text: Arc::from(text),
            },
        );
    }

    /// Makes this build's pages the ones the next build compares with, and says how many
    /// of them were taken from the last one. A build that fails keeps the last one's.
    pub(super) fn finish(self) -> usize {
        let mut state = lock(&self.memo.state);
        state.shared = self.shared;
        state.kept = self
            .kept
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        self.reused
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The hash of `reads`, each as it is in this build's pack.
    fn fingerprint(&self, reads: &[Read]) -> u64 {
        let mut hasher = DefaultHasher::new();
        for &read in reads {
            read.hash(&mut hasher);
            self.hash_of(read).hash(&mut hasher);
        }
        hasher.finish()
    }

    fn hash_of(&self, read: Read) -> u64 {
        if let Some(&hash) = lock(&self.hashes).get(&read) {
            return hash;
        }
        let pack = self.pack;
        let hash = match read {
            Read::Part(name) => hash_value(&part(pack, name)),
            Read::Len(name) => hash_value(&list(pack, name).map(|(len, _)| len)),
            Read::Item(name, index) => {
                hash_value(&list(pack, name).map(|(_, item)| item(pack, index)))
            }
            Read::Map(process) => {
                let mut hasher = DefaultHasher::new();
                pack.maps.get(process).hash(&mut hasher);
                hasher.finish()
            }
        };
        lock(&self.hashes).insert(read, hash);
        hash
    }
}

/// A lock that a panicking page left poisoned still holds what it held.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The hash of `value` as a template reads it: its serialised form.
pub(super) fn hash_value<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut hasher = HashWriter(DefaultHasher::new());
    // Writing into a hasher cannot fail; a value that does not serialise hashes as what
    // it wrote before failing, which a page that reads it fails on too.
    let _ = serde_json::to_writer(&mut hasher, value);
    hasher.0.finish()
}

/// A hasher to serialise into.
struct HashWriter(DefaultHasher);

impl io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
