//! `Report`: the findings of one check and the counts for its summary line.

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};

/// The outcome of a check.
#[derive(Debug)]
pub struct Report {
    /// Every finding, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts for the summary line.
    pub summary: Summary,
}

impl Report {
    /// The findings at `min` or more severe, for a reader who asked to see only those; the
    /// summary still counts every finding, so the final line says what was hidden.
    pub fn at_least(&self, min: Severity) -> Report {
        Report {
            diagnostics: self
                .diagnostics
                .iter()
                .filter(|d| d.severity >= min)
                .cloned()
                .collect(),
            summary: self.summary,
        }
    }
}

/// What was checked and what was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Infos found.
    pub infos: usize,
    /// Model files read.
    pub files: usize,
    /// Processes in the model.
    pub processes: usize,
    /// Steps in all processes.
    pub steps: usize,
    /// Roles, external parties included.
    pub roles: usize,
}

impl Summary {
    /// The one-line summary printed last by `check`.
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut found = format!(
            "{}, {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings")
        );
        if self.infos > 0 {
            found.push_str(&format!(", {}", plural(self.infos, "info", "infos")));
        }
        format!(
            "checked {} ({}, {}, {}): {found}",
            plural(self.files, "file", "files"),
            plural(self.processes, "process", "processes"),
            plural(self.steps, "step", "steps"),
            plural(self.roles, "role", "roles"),
        )
    }
}
