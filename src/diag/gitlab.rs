//! The gitlab format: a GitLab Code Quality report (the subset of the Code Climate spec
//! GitLab reads), so a merge request shows the findings in its Code Quality widget and on
//! the changed lines.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::json::positions;
use crate::diag::{Report, Severity, SourceMap};
use crate::resolve::stable_hash;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Place<'a>,
}

#[derive(Serialize)]
struct Place<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// Renders a report as a Code Quality JSON array. Errors are `major` and warnings `minor`,
/// so that errors rank first in the widget; infos are `info`. A finding's fingerprint
/// hashes its rule, file and message (not its line, so that it survives edits above it),
/// numbered when one file has the same finding twice.
pub fn render(report: &Report, sources: &SourceMap) -> String {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let issues: Vec<Issue<'_>> = report
        .diagnostics
        .iter()
        .map(|d| {
            let path = sources.display_path(d.location.file);
            let line = positions(sources, d.location).map_or(1, |((line, _), _)| line);
            let key = format!("{}\0{path}\0{}", d.rule.name, d.message);
            let count = seen.entry(key.clone()).or_default();
            *count += 1;
            let fingerprint = stable_hash(&format!("{key}\0{count}"));
            let mut description = crate::hidden::mask(&d.message).into_owned();
            if let Some(help) = &d.help {
                description.push_str(&format!(" (help: {})", crate::hidden::mask(help)));
            }
            Issue {
                description,
                check_name: d.rule.name,
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Place {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_owned()) + "\n"
}
