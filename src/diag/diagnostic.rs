//! `Diagnostic`: one finding, as plain data. Printing is the renderers' job.

use serde::Serialize;

use crate::diag::{FileId, Rule};
use crate::model::{Level, Span};

/// How serious a reported finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For information.
    Info,
    /// Worth fixing; fails `check` only with `--deny-warnings`.
    Warning,
    /// The model is wrong; `check` fails.
    Error,
}

impl Severity {
    /// The severity a level reports at; `None` for `off`.
    pub fn from_level(level: Level) -> Option<Severity> {
        match level {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a model file: which file, and which bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// The bytes within it; unknown when only the file is known.
    pub span: Span,
}

impl Location {
    /// A location covering a whole file (no line to point at).
    pub fn file(file: FileId) -> Location {
        Location {
            file,
            span: Span::UNKNOWN,
        }
    }
}

/// A secondary location with a note: the first definition of a duplicate, the step that
/// produces a missing input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub location: Location,
    /// What is there.
    pub message: String,
}

/// One finding of `check`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static Rule,
    /// How serious it is: the rule's level after model.yaml `rules:`.
    pub severity: Severity,
    /// Lower case, no full stop, naming the elements involved.
    pub message: String,
    /// The offending value.
    pub location: Location,
    /// Other places that explain the finding.
    pub related: Vec<Related>,
    /// A hint on how to fix it: `did you mean telemarketer?`.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `location`, at the rule's default level (`error` for a rule
    /// that is off by default, which callers never construct).
    pub fn new(rule: &'static Rule, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::from_level(rule.default_level).unwrap_or(Severity::Error),
            message: message.into(),
            location,
            related: Vec::new(),
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds an optional hint.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }
}
