//! `SourceMap`: the text of every model file, the only place that knows it.
//!
//! Diagnostics carry byte spans; line and column numbers are computed here, when a
//! diagnostic is printed.

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::files::{self, Files, SimpleFile};

use crate::model::Span;

/// Identifies a file of a `SourceMap`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// A line and column, both counted from 1; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    /// The line number.
    pub line: usize,
    /// The column number, in characters.
    pub column: usize,
}

/// The files of one model.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug)]
struct SourceFile {
    relative: PathBuf,
    file: SimpleFile<String, String>,
}

impl SourceMap {
    /// Adds a file. `display` is the path as the user would type it (the model path given
    /// on the command line joined with the file's path below the root); `text` is its
    /// decoded content, or empty when it could not be decoded.
    pub fn add(&mut self, relative: &Path, display: String, text: String) -> FileId {
        self.files.push(SourceFile {
            relative: relative.to_path_buf(),
            file: SimpleFile::new(display, text),
        });
        FileId(self.files.len() - 1)
    }

    /// How many files the model has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The path of a file as the user would type it.
    pub fn display_path(&self, file: FileId) -> &str {
        self.files[file.0].file.name()
    }

    /// The path of a file below the model root.
    pub fn relative_path(&self, file: FileId) -> &Path {
        &self.files[file.0].relative
    }

    /// The same files with every hidden character masked by a visible one of the same
    /// length, for a terminal: a name holding `ESC ] 0;…` must not retitle it.
    pub fn masked(&self) -> SourceMap {
        SourceMap {
            files: self
                .files
                .iter()
                .map(|f| SourceFile {
                    relative: f.relative.clone(),
                    file: SimpleFile::new(
                        f.file.name().clone(),
                        crate::hidden::mask(f.file.source()).into_owned(),
                    ),
                })
                .collect(),
        }
    }

    /// A file's text.
    pub fn text(&self, file: FileId) -> &str {
        self.files[file.0].file.source()
    }

    /// The byte range of a span, clamped to the file; `None` for an unknown span.
    pub fn range(&self, file: FileId, span: Span) -> Option<Range<usize>> {
        if !span.is_known() {
            return None;
        }
        let len = self.text(file).len();
        let start = span.start.min(len);
        Some(start..span.end.clamp(start, len))
    }

    /// The line and column of a byte offset (clamped to the file).
    pub fn line_column(&self, file: FileId, offset: usize) -> LineColumn {
        let source = self.text(file);
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        match self.location(file, offset) {
            Ok(location) => LineColumn {
                line: location.line_number,
                column: location.column_number,
            },
            Err(_) => LineColumn { line: 1, column: 1 },
        }
    }
}

impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(self
            .files
            .get(id.0)
            .ok_or(files::Error::FileMissing)?
            .file
            .name())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(self
            .files
            .get(id.0)
            .ok_or(files::Error::FileMissing)?
            .file
            .source())
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        self.files
            .get(id.0)
            .ok_or(files::Error::FileMissing)?
            .file
            .line_index((), byte_index)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        self.files
            .get(id.0)
            .ok_or(files::Error::FileMissing)?
            .file
            .line_range((), line_index)
    }
}
