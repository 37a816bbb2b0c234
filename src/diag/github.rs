//! The github format: one workflow command per diagnostic, so GitHub Actions annotates
//! the pull request's files.

use crate::diag::json::positions;
use crate::diag::{Report, Severity, SourceMap};

/// Renders a report as GitHub Actions workflow commands.
pub fn render(report: &Report, sources: &SourceMap) -> String {
    let mut text = String::new();
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = format!(
            "file={}",
            escape_property(sources.display_path(d.location.file))
        );
        if let Some(((line, column), (end_line, end_column))) = positions(sources, d.location) {
            properties.push_str(&format!(
                ",line={line},col={column},endLine={end_line},endColumn={end_column}"
            ));
        }
        properties.push_str(&format!(",title={}", escape_property(d.rule.name)));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        text.push_str(&format!(
            "::{command} {properties}::{}\n",
            escape_data(&message)
        ));
    }
    text
}

/// Escapes a command's message as the runner expects.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, which also may not hold `:` or `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_a_command() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
