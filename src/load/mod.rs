//! Loading a model: finding its files, reading and decoding them, parsing YAML with input
//! budgets into the typed model, keeping every file's text for diagnostics.
//!
//! A file that cannot be read as a model file is reported and skipped; the other files are
//! still loaded, so one run reports every problem it can.

mod parse;
mod pieces;
mod walk;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use thiserror::Error;

use crate::diag::{Diagnostic, FileId, Location, Rule, SourceMap};
use crate::model::{Level, ModelFile, Span};

pub use parse::MAX_FILE_BYTES;
pub use walk::MAX_FILES;

/// The file that marks a folder as a documentation pack written by raciflow. The loader
/// skips such folders, so a pack built inside the model root is never read as the model.
pub const PACK_MARKER: &str = ".raciflow-pack";

/// The manifest every model root holds.
pub const MANIFEST: &str = "model.yaml";

/// YAML that does not parse, or a file that cannot be read as YAML at all.
pub static YAML_SYNTAX: Rule = Rule {
    name: "yaml-syntax",
    default_level: Level::Error,
    summary: "YAML that does not parse; points at the character",
    explanation: "A file that is not valid YAML cannot be read, so none of its elements \
        take part in the check. Also reported here: a file that is not UTF-8, a duplicate key \
        in one mapping, a second `---` document in one file, a custom tag such as `!include`, \
        and a file over the input limits (8 MiB, 250,000 nodes, nesting deeper than 64).\n\n\
        Failing:\n\n```yaml\nroles:\n\t- id: telemarketer   # a tab used for indentation\n```\n\n\
        Fix: indent with spaces; keep every file a single UTF-8 YAML document.",
};

/// A character nobody can see, in a model file.
pub static HIDDEN_CHARACTER: Rule = Rule {
    name: "hidden-character",
    default_level: Level::Warning,
    summary: "a control, bidirectional or zero-width character in a model file",
    explanation: "Control characters (NUL, ESC, …), bidirectional overrides (U+202A–U+202E, \
        U+2066–U+2069) and zero-width characters (U+200B, …) are invisible or reorder the \
        text around them: `id: approve` and `id: approve` with a zero-width space are two \
        ids that look alike, and a right-to-left override makes a reviewer read another \
        name than the one the pack prints. They usually come from copying out of a web \
        page or a messenger. The pack shows each as `�`.\n\n\
        Failing: a step name pasted with U+200B between two words.\n\n\
        Fix: retype the text around the position shown.",
};

/// A model file with nothing in it.
pub static EMPTY_FILE: Rule = Rule {
    name: "empty-file",
    default_level: Level::Info,
    summary: "a model file that is empty or holds only comments",
    explanation: "An empty file is loaded as nothing. That is fine for a placeholder while \
        a model is outlined, but a file that was meant to hold roles or a process and was \
        saved empty (or whose content was lost) would otherwise go unnoticed.\n\n\
        Failing: `processes/07-reactivation.yaml` holding only `# TODO`.\n\n\
        Fix: describe its elements, or delete the file.",
};

/// The most hidden characters reported in one file; past it, one more finding says how
/// many there are in all.
const MAX_HIDDEN_REPORTED: usize = 10;

/// A value the format does not allow: a missing field, an unknown field, a wrong type.
pub static SCHEMA: Rule = Rule {
    name: "schema",
    default_level: Level::Error,
    summary: "a missing required field, an unknown field, a value of the wrong type or outside its enum",
    explanation: "Every section of the format has a fixed set of fields (see \
        `raciflow schema`). A misspelt field would otherwise be ignored silently, so unknown \
        fields are errors, with the closest known name suggested. Booleans are only `true` \
        and `false`; numbers must be finite.\n\n\
        Failing:\n\n```yaml\nroles:\n  - id: telemarketer\n    nmae: Телемаркетолог\n```\n\n\
        Fix: correct the field name (`name`), or run `raciflow schema` into your editor for \
        completion as you type.",
};

/// A loaded model: its files' text and their typed content.
#[derive(Debug)]
pub struct Loaded {
    /// The path of the model root as given by the user.
    pub root: PathBuf,
    /// Every file found, with its text.
    pub sources: SourceMap,
    /// The files that parsed, with their content.
    pub files: Vec<(FileId, ModelFile)>,
    /// Problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
    /// Ids declared in files that failed the schema, by kind; references to them are not
    /// reported as unknown.
    pub known_in_failed: KnownInFailed,
    /// The files that could not be parsed at all: an unknown reference may be defined in
    /// one of them, which its report says.
    pub unreadable: Vec<FileId>,
    /// The files read in part: elements with schema errors were left out, so an unknown
    /// reference may name one of them.
    pub partly_read: Vec<FileId>,
}

/// Ids that files which failed the schema declare.
#[derive(Debug, Default)]
pub struct KnownInFailed {
    /// Role ids.
    pub roles: Vec<String>,
    /// Artifact ids.
    pub artifacts: Vec<String>,
    /// Indicator ids.
    pub kpis: Vec<String>,
    /// Process ids, each with the ids of its steps.
    pub processes: Vec<(String, Vec<String>)>,
}

/// Why a model could not be loaded at all. These end the run (exit code 2); problems in
/// individual files are diagnostics instead.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The model root does not exist or is not a folder.
    #[error("{path}: not a model folder: {reason}")]
    NotAFolder {
        /// The path given.
        path: PathBuf,
        /// What is there instead.
        reason: String,
    },
    /// The model root has no model.yaml.
    #[error(
        "{path}: no model.yaml here; a model root is the folder that holds model.yaml (the file that starts with `model: {{ id: …, name: … }}`); `raciflow init` starts one"
    )]
    NoManifest {
        /// The folder given.
        path: PathBuf,
    },
    /// A file or folder could not be read.
    #[error("{path}: {reason}")]
    Io {
        /// What could not be read.
        path: PathBuf,
        /// The operating system's reason (not a `source`: the message already says it,
        /// and an error chain would say it twice).
        reason: io::Error,
    },
    /// More files than a model may have.
    #[error("{root}: more than {limit} model files; is this the right folder?")]
    TooManyFiles {
        /// The model root.
        root: PathBuf,
        /// The limit.
        limit: usize,
    },
}

impl LoadError {
    pub(crate) fn io(path: &Path, reason: io::Error) -> LoadError {
        LoadError::Io {
            path: path.to_path_buf(),
            reason,
        }
    }
}

/// The model root that holds `start`: `start` itself or the nearest folder above it with a
/// model.yaml, as git and cargo find theirs.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|folder| folder.join(MANIFEST).is_file())
        .map(Path::to_path_buf)
}

/// The files of the last load, for a preview that loads the model again on every save
/// (`serve`): a file whose text is the same as last time is taken as it was parsed rather
/// than parsed again. Files that failed to parse are parsed every time: they are the ones
/// being edited.
#[derive(Default)]
pub struct Cache {
    files: Mutex<HashMap<PathBuf, Kept>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").finish_non_exhaustive()
    }
}

/// A file that parsed, as the last load read it.
struct Kept {
    /// The id it had: its diagnostics name it.
    file: FileId,
    text: String,
    diagnostics: Vec<Diagnostic>,
    content: ModelFile,
}

/// Loads the model whose root folder is `root`.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_cached(root, None)
}

/// Loads the model whose root folder is `root`, taking the files whose text is unchanged
/// from `cache`, and keeping this load's files in it for the next.
pub fn load_cached(root: &Path, cache: Option<&Cache>) -> Result<Loaded, LoadError> {
    let metadata = fs::metadata(root).map_err(|e| LoadError::NotAFolder {
        path: root.to_path_buf(),
        reason: e.to_string(),
    })?;
    if !metadata.is_dir() {
        return Err(LoadError::NotAFolder {
            path: root.to_path_buf(),
            reason: "it is a file; give the folder that holds model.yaml".to_owned(),
        });
    }
    if !root.join(MANIFEST).is_file() {
        return Err(LoadError::NoManifest {
            path: root.to_path_buf(),
        });
    }
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        sources: SourceMap::default(),
        files: Vec::new(),
        diagnostics: Vec::new(),
        known_in_failed: KnownInFailed::default(),
        unreadable: Vec::new(),
        partly_read: Vec::new(),
    };
    // Files are read and parsed in parallel, each on its own (its id is its place in the
    // walk), then added in the walk's order: the same model gives the same ids and
    // diagnostics in the same order, on any number of cores.
    let found = walk::find_model_files(root)?;
    let last = cache
        .map(|cache| {
            std::mem::take(&mut *cache.files.lock().unwrap_or_else(PoisonError::into_inner))
        })
        .unwrap_or_default();
    let read: Vec<Result<Read, LoadError>> = found
        .par_iter()
        .enumerate()
        .map(|(index, found)| read_file(root, FileId(index), found, last.get(&found.absolute)))
        .collect();
    drop(last);
    let mut kept = HashMap::new();
    // The first file that cannot be read, in the walk's order, whichever failed first.
    for (read, found) in read.into_iter().zip(&found) {
        let read = read?;
        if let (Some(_), Outcome::File(content)) = (cache, &read.outcome) {
            kept.insert(
                found.absolute.clone(),
                Kept {
                    file: read.file,
                    text: read.text.clone(),
                    diagnostics: read.diagnostics.clone(),
                    content: content.clone(),
                },
            );
        }
        loaded.add(read);
    }
    if let Some(cache) = cache {
        *cache.files.lock().unwrap_or_else(PoisonError::into_inner) = kept;
    }
    check_manifest_sections(&mut loaded);
    Ok(loaded)
}

/// One model file as read: its text and what loading it found.
struct Read {
    /// The id its diagnostics name it by: its place in the walk.
    file: FileId,
    relative: PathBuf,
    /// Its path as the user would type it.
    display: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
    outcome: Outcome,
}

/// What a file gave the model.
enum Outcome {
    /// Nothing: it is too large, or not text.
    Unreadable,
    /// Its content.
    File(ModelFile),
    /// Its well-formed elements, if any, and the ids it still declares, if any.
    Failed {
        partial: Option<ModelFile>,
        known: Option<parse::KnownIds>,
    },
}

impl Loaded {
    /// Adds a file read by [`read_file`]; files are added in the order of their ids.
    fn add(&mut self, read: Read) {
        let file = self.sources.add(&read.relative, read.display, read.text);
        debug_assert_eq!(file, read.file, "files are added in the order of their ids");
        self.diagnostics.extend(read.diagnostics);
        match read.outcome {
            Outcome::Unreadable => self.unreadable.push(file),
            Outcome::File(content) => self.files.push((file, content)),
            Outcome::Failed { partial, known } => {
                let read_in_part = partial.is_some() || known.is_some();
                if let Some(partial) = partial {
                    self.files.push((file, partial));
                }
                if let Some(known) = known {
                    remember_known(&mut self.known_in_failed, &known);
                }
                if read_in_part {
                    self.partly_read.push(file);
                } else {
                    self.unreadable.push(file);
                }
            }
        }
    }
}

/// Reads, decodes and parses the model file `found` of the model in `root`, as file
/// `file_id`; what the last load made of it is taken when its text is the same.
fn read_file(
    root: &Path,
    file_id: FileId,
    found: &walk::FoundFile,
    last: Option<&Kept>,
) -> Result<Read, LoadError> {
    // As the user would type it: `roles.yaml` rather than `./roles.yaml` for the current
    // folder (GitLab and GitHub match findings to files by such paths).
    let display = root
        .join(&found.relative)
        .components()
        .filter(|part| !matches!(part, std::path::Component::CurDir))
        .collect::<PathBuf>()
        .display()
        .to_string();
    let mut read = Read {
        file: file_id,
        relative: found.relative.clone(),
        display,
        text: String::new(),
        diagnostics: Vec::new(),
        outcome: Outcome::Unreadable,
    };
    let size = fs::metadata(&found.absolute)
        .map_err(|e| LoadError::io(&found.absolute, e))?
        .len();
    if size > MAX_FILE_BYTES {
        read.diagnostics.push(
            Diagnostic::new(
                &YAML_SYNTAX,
                Location::file(file_id),
                format!(
                    "file is {:.1} MiB, over the {} MiB limit for a model file",
                    size as f64 / 1024.0 / 1024.0,
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            )
            .with_help("split it into several files: every *.yaml below the root is loaded"),
        );
        return Ok(read);
    }
    // Each file is read once; everything after works on this copy, so a file edited
    // during the run cannot mix old and new content.
    let bytes = fs::read(&found.absolute).map_err(|e| LoadError::io(&found.absolute, e))?;
    let text = match parse::decode(file_id, bytes) {
        Ok(text) => text,
        Err(undecodable) => {
            read.text = undecodable.shown;
            read.diagnostics.push(*undecodable.diagnostic);
            return Ok(read);
        }
    };
    if let Some(kept) = last.filter(|kept| kept.text == text) {
        read.diagnostics = renumbered(kept.diagnostics.clone(), kept.file, file_id);
        read.outcome = Outcome::File(kept.content.clone());
        read.text = text;
        return Ok(read);
    }
    report_hidden(&mut read.diagnostics, file_id, &text);
    if parse::has_no_content(&text) {
        read.diagnostics.push(
            Diagnostic::new(
                &EMPTY_FILE,
                Location::file(file_id),
                "file has no content, only comments or nothing",
            )
            .with_help("fill it in, or delete it if it is a leftover"),
        );
    }
    read.outcome = match parse::parse(file_id, &text) {
        parse::Parsed::File(content) => Outcome::File(content),
        parse::Parsed::Failed {
            diagnostics,
            known,
            partial,
        } => {
            read.diagnostics.extend(diagnostics);
            Outcome::Failed { partial, known }
        }
    };
    read.text = text;
    Ok(read)
}

/// `diagnostics` of a file that was file `from`, naming it as file `to`: a file added or
/// removed before it in the walk moves it.
fn renumbered(mut diagnostics: Vec<Diagnostic>, from: FileId, to: FileId) -> Vec<Diagnostic> {
    for diagnostic in &mut diagnostics {
        let related = diagnostic.related.iter_mut().map(|r| &mut r.location);
        for location in std::iter::once(&mut diagnostic.location).chain(related) {
            if location.file == from {
                location.file = to;
            }
        }
    }
    diagnostics
}

/// Reports the hidden characters of a file's text, each at its place.
fn report_hidden(diagnostics: &mut Vec<Diagnostic>, file: FileId, text: &str) {
    let mut hidden: Vec<(Span, char)> = text
        .char_indices()
        .filter(|(_, c)| crate::hidden::is_hidden(*c))
        .map(|(at, c)| {
            (
                Span {
                    start: at,
                    end: at + c.len_utf8(),
                },
                c,
            )
        })
        .chain(escaped_hidden(text))
        .collect();
    hidden.sort_by_key(|(span, _)| span.start);
    for &(span, c) in hidden.iter().take(MAX_HIDDEN_REPORTED) {
        diagnostics.push(
            Diagnostic::new(
                &HIDDEN_CHARACTER,
                Location { file, span },
                format!("{} in the text", crate::hidden::describe(c)),
            )
            .with_help("delete it and retype the text around it; the pack would show `�` here"),
        );
    }
    if hidden.len() > MAX_HIDDEN_REPORTED {
        diagnostics.push(Diagnostic::new(
            &HIDDEN_CHARACTER,
            Location::file(file),
            format!(
                "{} hidden characters in this file in all; the first {MAX_HIDDEN_REPORTED} are shown",
                hidden.len()
            ),
        ));
    }
}

/// The hidden characters written as escapes in double-quoted scalars (`"\\e]0;x"`,
/// `"\\u202E"`): YAML turns them into the characters themselves. Double quotes are
/// followed line by line, outside comments.
fn escaped_hidden(text: &str) -> Vec<(Span, char)> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let (mut quoted, mut i) = (false, 0);
        while i < bytes.len() {
            match bytes[i] {
                b'#' if !quoted && (i == 0 || bytes[i - 1].is_ascii_whitespace()) => break,
                b'"' => quoted = !quoted,
                b'\\' if quoted => {
                    let (c, len) = match bytes.get(i + 1) {
                        Some(b'0') => (Some('\0'), 2),
                        Some(b'a') => (Some('\u{7}'), 2),
                        Some(b'b') => (Some('\u{8}'), 2),
                        Some(b'e') => (Some('\u{1b}'), 2),
                        Some(b'v') => (Some('\u{b}'), 2),
                        Some(b'f') => (Some('\u{c}'), 2),
                        Some(b'N') => (Some('\u{85}'), 2),
                        Some(b'x') => (hex(line, i + 2, 2), 4),
                        Some(b'u') => (hex(line, i + 2, 4), 6),
                        Some(b'U') => (hex(line, i + 2, 8), 10),
                        _ => (None, 2),
                    };
                    if let Some(c) = c.filter(|&c| crate::hidden::is_hidden(c)) {
                        let start = offset + i;
                        found.push((
                            Span {
                                start,
                                end: start + len,
                            },
                            c,
                        ));
                    }
                    i += len;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        offset += line.len();
    }
    found
}

/// The character of `digits` hex digits at `at` in `line`, if they are there.
fn hex(line: &str, at: usize, digits: usize) -> Option<char> {
    let code = line.get(at..at + digits)?;
    char::from_u32(u32::from_str_radix(code, 16).ok()?)
}

fn remember_known(into: &mut KnownInFailed, known: &parse::KnownIds) {
    fn ids(
        list: &parse::Lenient<Vec<parse::Lenient<parse::LooseElement>>>,
    ) -> impl Iterator<Item = &parse::LooseElement> {
        list.as_ref()
            .into_iter()
            .flatten()
            .filter_map(parse::Lenient::as_ref)
    }
    into.roles
        .extend(ids(&known.roles).filter_map(|e| e.id.clone()));
    into.artifacts
        .extend(ids(&known.artifacts).filter_map(|e| e.id.clone()));
    into.kpis
        .extend(ids(&known.kpis).filter_map(|e| e.id.clone()));
    into.processes
        .extend(ids(&known.processes).filter_map(|process| {
            let steps = ids(&process.steps).filter_map(|s| s.id.clone()).collect();
            process.id.clone().map(|id| (id, steps))
        }));
}

/// The span of a top-level key (`model:` at the start of a line), where a misplaced section
/// is best pointed at: its content's span starts at the first nested key.
fn top_level_key(text: &str, key: &str) -> Option<Span> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            return Some(Span {
                start: offset,
                end: offset + key.len(),
            });
        }
        offset += line.len();
    }
    None
}

/// `model:` must be in model.yaml, `model:` and `rules:` nowhere else.
fn check_manifest_sections(loaded: &mut Loaded) {
    for (file, content) in &mut loaded.files {
        let is_manifest = loaded.sources.relative_path(*file) == Path::new(MANIFEST);
        if is_manifest {
            if content.model.is_none() {
                loaded.diagnostics.push(
                    Diagnostic::new(
                        &SCHEMA,
                        Location::file(*file),
                        "missing required section `model`",
                    )
                    .with_help("model.yaml starts with `model:` holding at least `id` and `name`"),
                );
            }
            continue;
        }
        // A misplaced section is reported and dropped, so that it can neither replace the
        // manifest nor change rule levels from outside model.yaml.
        let text = loaded.sources.text(*file);
        let misplaced = [
            content.model.take().map(|m| ("model", m.span)),
            content.rules.take().map(|r| ("rules", r.span)),
        ];
        for (section, content_span) in misplaced.into_iter().flatten() {
            let span = top_level_key(text, section).unwrap_or(content_span);
            loaded.diagnostics.push(
                Diagnostic::new(
                    &SCHEMA,
                    Location { file: *file, span },
                    format!("section `{section}` belongs in model.yaml only"),
                )
                .with_help("move it into model.yaml at the model root"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_os_error_is_said_once_in_the_error_chain() {
        let error = LoadError::io(Path::new("m/roles.yaml"), io::Error::from_raw_os_error(13));
        assert!(std::error::Error::source(&error).is_none());
        assert_eq!(error.to_string().matches("os error 13").count(), 1);
    }
}
