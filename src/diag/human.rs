//! The human format: rustc-style diagnostics with the source line and a caret under the
//! offending value, drawn by codespan-reporting, then the summary line.

use codespan_reporting::diagnostic::{Diagnostic as Codespan, Label, Severity as CodespanSeverity};
use codespan_reporting::term::{self, Config, termcolor};

use crate::diag::{Diagnostic, Report, Severity, SourceMap};

/// Renders a report for a terminal; `color` adds ANSI colours.
pub fn render(report: &Report, sources: &SourceMap, color: bool) -> String {
    let config = Config::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let sources = &sources.masked();
    let mut text = String::new();
    for diagnostic in &report.diagnostics {
        buffer.clear();
        // The sources hold every file a diagnostic names, so rendering cannot fail.
        let _ = term::emit_to_write_style(
            &mut buffer,
            &config,
            sources,
            &to_codespan(diagnostic, sources),
        );
        let shown = String::from_utf8_lossy(buffer.as_slice());
        if diagnostic.severity == Severity::Info {
            // codespan calls it a note; everywhere else (JSON, `rules:`, the docs) it is
            // an info finding.
            text.push_str(&shown.replacen("note[", "info[", 1));
        } else {
            text.push_str(&shown);
        }
    }
    text.push_str(&report.summary.line());
    text.push('\n');
    text
}

fn to_codespan(diagnostic: &Diagnostic, sources: &SourceMap) -> Codespan<crate::diag::FileId> {
    let severity = match diagnostic.severity {
        Severity::Error => CodespanSeverity::Error,
        Severity::Warning => CodespanSeverity::Warning,
        Severity::Info => CodespanSeverity::Note,
    };
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let location = diagnostic.location;
    match sources.range(location.file, location.span) {
        Some(range) => labels.push(Label::primary(location.file, range)),
        None => notes.push(format!("in {}", sources.display_path(location.file))),
    }
    for related in &diagnostic.related {
        match sources.range(related.location.file, related.location.span) {
            Some(range) => labels.push(
                Label::secondary(related.location.file, range)
                    .with_message(crate::hidden::mask(&related.message)),
            ),
            None => notes.push(format!(
                "{}: {}",
                sources.display_path(related.location.file),
                related.message
            )),
        }
    }
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {}", crate::hidden::mask(help)));
    }
    let default = Severity::from_level(diagnostic.rule.default_level);
    notes.push(if default == Some(diagnostic.severity) {
        format!(
            "`{}` is {} {} by default",
            diagnostic.rule.name,
            article(diagnostic.severity),
            diagnostic.severity.as_str()
        )
    } else {
        format!(
            "`{}` is set to {} in model.yaml `rules:`",
            diagnostic.rule.name,
            diagnostic.severity.as_str()
        )
    });
    Codespan::new(severity)
        .with_code(diagnostic.rule.name)
        .with_message(crate::hidden::mask(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

fn article(severity: Severity) -> &'static str {
    match severity {
        Severity::Error | Severity::Info => "an",
        Severity::Warning => "a",
    }
}
