//! Reading one model file: size limit, decoding, YAML with budgets, typed deserialisation.

use serde::Deserialize;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, DefaultMessageFormatter, Error as YamlError, MessageFormatter};

use crate::diag::{Diagnostic, FileId, Location, Rule};
use std::ops::Range;

use crate::load::{SCHEMA, YAML_SYNTAX, pieces};
use crate::model::{ModelFile, Span, with_source};
use crate::suggest::did_you_mean;

/// The largest model file read, checked before reading: a model of thousands of processes
/// is split into files far below this.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What reading one file gave.
pub(crate) enum Parsed {
    /// The file's content.
    File(ModelFile),
    /// The file could not be read as a model file, or not all of it: its errors, what
    /// could still be told of its ids (none when the YAML itself is broken), and the
    /// elements that are well-formed (none when the file could not be cut into elements).
    Failed {
        diagnostics: Vec<Diagnostic>,
        known: Option<KnownIds>,
        partial: Option<ModelFile>,
    },
}

/// The ids a file that failed the schema still declares, read leniently, so that references
/// to them are not reported again as unknown.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct KnownIds {
    #[serde(default)]
    pub roles: Lenient<Vec<Lenient<LooseElement>>>,
    #[serde(default)]
    pub artifacts: Lenient<Vec<Lenient<LooseElement>>>,
    #[serde(default)]
    pub kpis: Lenient<Vec<Lenient<LooseElement>>>,
    #[serde(default)]
    pub processes: Lenient<Vec<Lenient<LooseElement>>>,
}

/// An element read for its id alone.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct LooseElement {
    pub id: Option<String>,
    #[serde(default)]
    pub steps: Lenient<Vec<Lenient<LooseElement>>>,
}

/// A value that is `None` where it does not have the expected shape.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Lenient<T> {
    Ok(T),
    Other(serde::de::IgnoredAny),
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient::Other(serde::de::IgnoredAny)
    }
}

impl<T> Lenient<T> {
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Lenient::Ok(value) => Some(value),
            Lenient::Other(_) => None,
        }
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: Some(Budget::default()),
        strict_booleans: true,
        reject_unsupported_tags: true,
        with_snippet: false,
    }
}

/// A file that is not UTF-8: the text to show (the valid prefix) and the diagnostic naming
/// the position of the first bad byte.
pub(crate) struct Undecodable {
    pub shown: String,
    pub diagnostic: Box<Diagnostic>,
}

/// Decodes a file's bytes.
pub(crate) fn decode(file: FileId, bytes: Vec<u8>) -> Result<String, Undecodable> {
    // UTF-16 with a byte-order mark, or without one (every other byte of ASCII text is
    // then NUL).
    let utf16 = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || (bytes.len() >= 4
            && bytes.len().is_multiple_of(2)
            && (bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0
                || bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0));
    if utf16 {
        return Err(Undecodable {
            shown: String::new(),
            diagnostic: Box::new(Diagnostic::new(&YAML_SYNTAX, Location::file(file), "file is UTF-16, not UTF-8")
                .with_help("save the file as UTF-8 (in VS Code: the encoding in the status bar, then \"Save with Encoding\")")),
        });
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        let shown = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        let bad = bytes.get(valid).copied().unwrap_or_default();
        Undecodable {
            shown,
            diagnostic: Box::new(Diagnostic::new(
                &YAML_SYNTAX,
                Location {
                    file,
                    span: Span {
                        start: valid,
                        end: valid,
                    },
                },
                format!(
                    "file is not valid UTF-8: byte 0x{bad:02X} cannot start or continue a character"
                ),
            )
            .with_help(
                "save the file as UTF-8; it may have been written in Windows-1251 or Latin-1",
            )),
        }
    })
}

/// Parses a decoded file.
pub(crate) fn parse(file: FileId, text: &str) -> Parsed {
    if has_no_content(text) {
        return Parsed::File(ModelFile::default());
    }
    match with_source(text, || {
        serde_saphyr::from_str_with_options::<ModelFile>(text, options())
    }) {
        Ok(content) => Parsed::File(content),
        Err(error) => {
            if let Some(diagnostic) = no_break_indent(file, text) {
                return Parsed::Failed {
                    diagnostics: vec![diagnostic],
                    known: None,
                    partial: None,
                };
            }
            let diagnostic = to_diagnostic(file, text, &error);
            if !std::ptr::eq(diagnostic.rule, &SCHEMA) {
                return Parsed::Failed {
                    diagnostics: vec![diagnostic],
                    known: None,
                    partial: None,
                };
            }
            let known = serde_saphyr::from_str_with_options::<KnownIds>(text, options()).ok();
            match piece_by_piece(file, text) {
                Some((partial, diagnostics)) if !diagnostics.is_empty() => Parsed::Failed {
                    diagnostics,
                    known,
                    partial: Some(partial),
                },
                _ => Parsed::Failed {
                    diagnostics: vec![diagnostic],
                    known,
                    partial: None,
                },
            }
        }
    }
}

/// A line indented with a no-break space (U+00A0), as text pasted from a web page or a
/// word processor often is: YAML sees a character, not indentation, and says something
/// misleading, so this is said instead.
fn no_break_indent(file: FileId, text: &str) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t', '\u{a0}']).len()];
        if let Some(at) = indent.find('\u{a0}') {
            let start = offset + at;
            return Some(
                Diagnostic::new(
                    &YAML_SYNTAX,
                    Location {
                        file,
                        span: Span {
                            start,
                            end: start + 2,
                        },
                    },
                    "line indented with a no-break space (U+00A0), which YAML does not read as indentation",
                )
                .with_help("replace the no-break spaces at the start of the line with ordinary spaces"),
            );
        }
        offset += line.len();
    }
    None
}

fn parse_text(text: &str) -> Result<ModelFile, YamlError> {
    with_source(text, || {
        serde_saphyr::from_str_with_options::<ModelFile>(text, options())
    })
}

/// Parses a file that failed the schema element by element (see [`pieces`]): every
/// element's error, and the file's well-formed elements. `None` when a piece fails in a
/// way the whole file did not (an alias into another element), which makes the cut
/// untrustworthy.
fn piece_by_piece(file: FileId, text: &str) -> Option<(ModelFile, Vec<Diagnostic>)> {
    let lists = pieces::sections(text);
    let mut content = ModelFile::default();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    // Each error is placed with its piece's text: the same offsets as the file's, but
    // without the other elements, which would mislead the search for an element's start.
    let failed = |piece: &str, error: YamlError, diagnostics: &mut Vec<Diagnostic>| {
        let diagnostic = to_diagnostic(file, piece, &error);
        if !std::ptr::eq(diagnostic.rule, &SCHEMA) {
            return false;
        }
        if !diagnostics
            .iter()
            .any(|d| d.location == diagnostic.location && d.message == diagnostic.message)
        {
            diagnostics.push(diagnostic);
        }
        true
    };
    let whole_lists: Vec<Range<usize>> = lists
        .iter()
        .map(|l| l.header.start..l.items.last().map_or(l.header.end, |i| i.end))
        .collect();
    let rest = pieces::without(text, &whole_lists);
    match parse_text(&rest) {
        Ok(rest) => merge(&mut content, rest),
        Err(error) => {
            if !failed(&rest, error, &mut diagnostics) {
                return None;
            }
        }
    }
    for list in &lists {
        for item in &list.items {
            let piece = pieces::only(text, &[list.header.clone(), item.clone()]);
            match parse_text(&piece) {
                Ok(element) => merge(&mut content, element),
                Err(error) => {
                    if !failed(&piece, error, &mut diagnostics) {
                        return None;
                    }
                    // A process: each of its steps alone, for the errors of the others.
                    let Some(steps) = pieces::steps(text, item.clone()) else {
                        continue;
                    };
                    for step in &steps.items {
                        let others: Vec<Range<usize>> =
                            steps.items.iter().filter(|s| *s != step).cloned().collect();
                        let mut keep = pieces::subtract(item.clone(), &others);
                        keep.push(list.header.clone());
                        let piece = pieces::only(text, &keep);
                        if let Err(error) = parse_text(&piece) {
                            failed(&piece, error, &mut diagnostics);
                        }
                    }
                }
            }
        }
    }
    diagnostics.sort_by_key(|d| d.location.span.start);
    Some((content, diagnostics))
}

/// Adds the elements of `part` to `into`.
fn merge(into: &mut ModelFile, part: ModelFile) {
    into.model = into.model.take().or(part.model);
    into.rules = into.rules.take().or(part.rules);
    into.roles.extend(part.roles);
    into.artifacts.extend(part.artifacts);
    into.kpis.extend(part.kpis);
    into.processes.extend(part.processes);
}

/// An empty or comment-only file is an empty model file, not an error: consultants keep
/// placeholder files while they outline a model.
pub(crate) fn has_no_content(text: &str) -> bool {
    // YAML ends a line at CR as well as at LF: a file saved with old Mac line ends is
    // many lines, not one comment.
    text.split(['\n', '\r']).all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

fn to_diagnostic(file: FileId, text: &str, error: &YamlError) -> Diagnostic {
    let error = match error {
        YamlError::AliasError { error, .. } => error.as_ref(),
        other => other,
    };
    let mut span = error
        .location()
        .map(|location| located(text, location))
        .unwrap_or(Span::UNKNOWN);
    if matches!(error, YamlError::SerdeMissingField { .. }) {
        // Serde notices a missing field at the end of the mapping; the user looks for the
        // element at its first key.
        span = mapping_start(text, span).unwrap_or(span);
    }
    let (rule, message, _) = describe(error, "");
    if std::ptr::eq(rule, &YAML_SYNTAX) && message.contains("tab") {
        // The scanner reports the place after the tab, or the end of the scalar before
        // it (the line above); the user looks for the tab itself.
        let line_start = text
            .get(..span.start)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |i| i + 1);
        let before = text.get(line_start..span.start).and_then(|b| b.rfind('\t'));
        let tab = before.map(|at| line_start + at).or_else(|| {
            text.get(span.start..)
                .and_then(|rest| rest.find('\t'))
                .map(|at| span.start + at)
        });
        if let Some(at) = tab {
            span = Span {
                start: at,
                end: at + 1,
            };
        }
    } else if std::ptr::eq(rule, &SCHEMA)
        && !matches!(
            error,
            YamlError::SerdeUnknownField { .. } | YamlError::SerdeMissingField { .. }
        )
    {
        span = value_of_key(text, span);
    }
    let written = text.get(span.start..span.end).unwrap_or_default();
    let (rule, mut message, mut help) = describe(error, written);
    let key = text
        .get(span.start..)
        .and_then(|rest| rest.split(['\n', ':']).next())
        .unwrap_or_default();
    if message.contains("simple key") && key.chars().count() > 1024 {
        // YAML looks no further than 1,024 characters for a key's colon.
        message = format!(
            "a key of {} characters; YAML reads keys of at most 1,024",
            key.chars().count()
        );
        help = Some(
            "a key is a field name such as `name`; the text belongs after the colon".to_owned(),
        );
    }
    Diagnostic::new(rule, Location { file, span }, message).with_optional_help(help)
}

/// When `span` covers a key (`headcount` in `headcount: 0`), the span of its value on the
/// same line: a wrong value is shown where it is written.
fn value_of_key(text: &str, span: Span) -> Span {
    let Some(after) = text.get(span.end..) else {
        return span;
    };
    let Some(rest) = after.strip_prefix(':') else {
        return span;
    };
    let line = rest.split('\n').next().unwrap_or_default();
    let value = line.split(" #").next().unwrap_or_default();
    let trimmed = value.trim_start();
    let start = span.end + 1 + (value.len() - trimmed.len());
    let trimmed = trimmed.trim_end();
    if trimmed.is_empty() {
        return span;
    }
    Span {
        start,
        end: start + trimmed.len(),
    }
}

/// The span of an error's location. Parser errors carry a line and a column but no byte
/// offset; the offset is then counted from the text.
fn located(text: &str, location: serde_saphyr::Location) -> Span {
    let span = Span::from_location(location);
    if span.is_known() || location.line() == 0 {
        return span;
    }
    let line = usize::try_from(location.line()).unwrap_or(usize::MAX);
    let column = usize::try_from(location.column()).unwrap_or(1);
    let line_start = if line <= 1 {
        Some(0)
    } else {
        text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
    };
    let Some(line_start) = line_start else {
        return Span {
            start: text.len(),
            end: text.len(),
        };
    };
    let start = text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i);
    Span { start, end: start }
}

/// The first key of the block mapping that holds the key at `span`: the nearest line above
/// with a key in the same column that starts a sequence item (`- id: …`), or the mapping's
/// first line when it is not in a sequence.
fn mapping_start(text: &str, span: Span) -> Option<Span> {
    let line_start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let column = span.start - line_start;
    let mut best = line_start;
    let mut offset = line_start;
    for line in text[..line_start].lines().rev() {
        offset -= line.len() + 1;
        let indent = line.len() - line.trim_start().len();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if indent + 2 == column && content.starts_with("- ") {
            best = offset + column;
            break;
        }
        if indent < column {
            break;
        }
        if indent == column {
            best = offset + column;
        }
    }
    // The first key itself, past the indentation and a sequence's `- `.
    let line = &text[best..];
    let key = line.trim_start_matches([' ', '-']);
    let best = best + (line.len() - key.len());
    let end = text[best..].find([':', '\n']).map_or(best, |i| best + i);
    Some(Span { start: best, end })
}

/// The rule, message and hint for a YAML or schema error.
fn describe(error: &YamlError, written: &str) -> (&'static Rule, String, Option<String>) {
    let message = DefaultMessageFormatter.format_message(error).into_owned();
    match error {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let help = did_you_mean(field, expected.iter().copied())
                .or_else(|| Some(format!("the fields allowed here are: {}", expected.join(", "))));
            (&SCHEMA, format!("unknown field `{field}`"), help)
        }
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let help = did_you_mean(variant, expected.iter().copied())
                .or_else(|| Some(format!("allowed values: {}", expected.join(", "))));
            (&SCHEMA, format!("`{variant}` is not an allowed value here"), help)
        }
        YamlError::SerdeMissingField { field, .. } => (
            &SCHEMA,
            format!("missing required field `{field}`"),
            None,
        ),
        YamlError::InvalidBooleanStrict { .. } => (
            &SCHEMA,
            "expected `true` or `false`".to_owned(),
            Some("YAML 1.1 words such as yes, no, on and off are not booleans here".to_owned()),
        ),
        YamlError::NullIntoString { .. } => (
            &SCHEMA,
            "a value is required here, found nothing (null)".to_owned(),
            Some("write the value, or quote it ('null') if the word itself is meant".to_owned()),
        ),
        YamlError::InvalidScalar { ty, .. } => {
            let expected = match *ty {
                "f32" | "f64" | "floating point"
                    if written.parse::<f64>().is_ok_and(f64::is_infinite) =>
                {
                    "a number of a sensible size"
                }
                "f32" | "f64" | "floating point" => "a number",
                "bool" => "`true` or `false`",
                "u8" | "u16" | "u32" if written.starts_with('-') => "a whole number of 0 or more",
                "u8" | "u16" | "u32" if !written.chars().all(|c| c.is_ascii_digit()) => {
                    "a whole number"
                }
                "u8" => "a whole number no larger than 255",
                "u16" => "a whole number no larger than 65,535",
                "u32" => "a whole number no larger than 4,294,967,295",
                _ => "a whole number",
            };
            (&SCHEMA, format!("expected {expected}, found `{written}`"), None)
        }
        YamlError::Unexpected { expected, .. } => {
            let expected = expected.replace("string scalar", "a text value");
            let help = written.starts_with(['[', '{']).then(|| {
                "`[` starts a list and `{` a mapping; put the value in quotes if the bracket belongs to the text".to_owned()
            });
            (&SCHEMA, format!("expected {expected} here"), help)
        }
        YamlError::SerdeInvalidType { .. }
        | YamlError::SerdeInvalidValue { .. }
        | YamlError::SerdeInvalidLength { .. }
        | YamlError::NonFiniteFloat { .. }
        | YamlError::Message { .. } => {
            let help = written.contains("!!binary").then(|| {
                "binary data (`!!binary`) has no place in a model file; write the text itself"
                    .to_owned()
            });
            (&SCHEMA, in_words(&message), help)
        }
        YamlError::DuplicateMappingKey { key, .. } => (
            &YAML_SYNTAX,
            match key {
                Some(key) => format!("duplicate key `{key}`"),
                None => "duplicate key".to_owned(),
            },
            Some("a key may appear once in a mapping; remove or merge the other one".to_owned()),
        ),
        YamlError::MultipleDocuments { .. } => (
            &YAML_SYNTAX,
            "a model file holds one YAML document; found a second `---` document".to_owned(),
            Some("move the second document into a file of its own".to_owned()),
        ),
        YamlError::Budget { breach, .. } => (&YAML_SYNTAX, budget_message(breach), Some(
            "split the model into several files; if the file uses anchors and aliases, expand fewer of them".to_owned(),
        )),
        _ => {
            for (says, help) in [
                (
                    "mapping values are not allowed",
                    "a value that contains `: ` must be in quotes (`name: \"Order: standard\"`); or this line is indented deeper than the line above",
                ),
                (
                    "simple key expected",
                    "put a space after the colon (`name: Clerk`), or quote the text if the colon belongs to it",
                ),
                (
                    "illegal placement of ':'",
                    "a `[` or `{` opened above is not closed: check the lines before this one",
                ),
            ] {
                if message.contains(says) {
                    return (&YAML_SYNTAX, message, Some(help.to_owned()));
                }
            }
            if message.contains("found a tab") {
                return (
                    &YAML_SYNTAX,
                    "a tab where YAML expects indentation or a value".to_owned(),
                    Some("indent with spaces: YAML does not allow tabs in indentation".to_owned()),
                );
            }
            let help = if message.contains("tab") {
                Some("indent with spaces: YAML does not allow tabs in indentation".to_owned())
            } else if message.contains("quote") {
                Some("close the quote on the same value, or use the other kind of quote if the text holds this one".to_owned())
            } else {
                None
            };
            (&YAML_SYNTAX, message, help)
        }
    }
}

/// A serde message in the user's words: what was expected first, then what was found, and
/// no Rust type names ("invalid type: integer `104`, expected struct Role" becomes
/// "expected a mapping of fields, found the whole number `104`").
fn in_words(message: &str) -> String {
    let words = |text: &str| -> String {
        let mut text = text.to_owned();
        for (rust, user) in [
            ("a nonzero u32", "a whole number of 1 or more"),
            ("nonzero u32", "a whole number of 1 or more"),
            ("a string", "a text value"),
            ("a sequence", "a list"),
            ("a map", "a mapping of fields"),
            ("integer", "the whole number"),
            ("floating point", "the number"),
            ("unit value", "nothing"),
            ("u32", "a whole number"),
            ("u64", "a whole number"),
            ("usize", "a whole number"),
            ("f64", "a number"),
        ] {
            text = text.replace(rust, user);
        }
        if let Some(at) = text.find("struct ") {
            let end = text[at + 7..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(text.len(), |i| at + 7 + i);
            text.replace_range(at..end, "a mapping of fields");
        }
        text
    };
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            let found = found.replace("integer ", "").replace("floating point ", "");
            return format!("expected {}, found {}", words(expected), words(&found));
        }
    }
    words(message)
}

fn budget_message(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Nodes { .. } => "file is too large: more than 250,000 YAML nodes".to_owned(),
        BudgetBreach::Depth { .. } => "file is nested too deeply for a model file".to_owned(),
        BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => {
            "file expands too many aliases (a YAML alias bomb?)".to_owned()
        }
        other => format!("file exceeds a YAML input limit ({other:?})"),
    }
}
