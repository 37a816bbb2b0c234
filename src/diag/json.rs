//! The json format: one object with every diagnostic and the summary, for scripts.

use serde::Serialize;

use crate::diag::{Diagnostic, Location, Report, SourceMap, Summary};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

/// The start and end (line, column) of a location, when it has a span.
pub(crate) fn positions(
    sources: &SourceMap,
    location: Location,
) -> Option<((usize, usize), (usize, usize))> {
    let range = sources.range(location.file, location.span)?;
    let start = sources.line_column(location.file, range.start);
    let end = sources.line_column(location.file, range.end);
    Some(((start.line, start.column), (end.line, end.column)))
}

fn diagnostic<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> JsonDiagnostic<'a> {
    let position = positions(sources, d.location);
    JsonDiagnostic {
        rule: d.rule.name,
        severity: d.severity.as_str(),
        message: &d.message,
        file: sources.display_path(d.location.file),
        line: position.map(|p| p.0.0),
        column: position.map(|p| p.0.1),
        end_line: position.map(|p| p.1.0),
        end_column: position.map(|p| p.1.1),
        help: d.help.as_deref(),
        related: d
            .related
            .iter()
            .map(|r| {
                let position = positions(sources, r.location);
                JsonRelated {
                    file: sources.display_path(r.location.file),
                    line: position.map(|p| p.0.0),
                    column: position.map(|p| p.0.1),
                    message: &r.message,
                }
            })
            .collect(),
    }
}

/// Renders a report as pretty-printed JSON.
pub fn render(report: &Report, sources: &SourceMap) -> String {
    let output = Output {
        version: 1,
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| diagnostic(d, sources))
            .collect(),
        summary: report.summary,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
