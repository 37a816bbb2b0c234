//! The junit format: JUnit XML, which GitLab, Jenkins, Azure DevOps and most CI servers
//! show as test results. Each rule of `check` is a test case: it fails with the errors it
//! found (and the warnings, with `--deny-warnings`), and passes otherwise, so a clean
//! model reads "every check passed" rather than "no tests".

use std::fmt::Write;

use crate::diag::json::positions;
use crate::diag::{Diagnostic, Report, Rule, Severity, SourceMap};
use crate::diagram::xml::escape;

/// Renders a report as JUnit XML over `rules` (every rule `check` runs).
pub fn render(
    report: &Report,
    sources: &SourceMap,
    rules: &[&Rule],
    deny_warnings: bool,
) -> String {
    let fails = |d: &Diagnostic| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    };
    let mut cases = String::new();
    let mut failures = 0;
    for rule in rules {
        let found: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule.name == rule.name)
            .collect();
        let category = rule.name.split_once('/').map_or("model", |(c, _)| c);
        let _ = write!(
            cases,
            "    <testcase classname=\"raciflow.{}\" name=\"{}\"",
            escape(category),
            escape(rule.name)
        );
        let failing: Vec<&Diagnostic> = found.iter().copied().filter(|d| fails(d)).collect();
        if found.is_empty() {
            cases.push_str("/>\n");
            continue;
        }
        cases.push_str(">\n");
        if let Some(first) = failing.first() {
            failures += 1;
            let _ = writeln!(
                cases,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                escape(rule.name),
                escape(&format!(
                    "{} finding(s); the first: {}",
                    failing.len(),
                    crate::hidden::mask(&first.message)
                )),
                lines(failing.iter().copied(), sources)
            );
        }
        let passing: Vec<&Diagnostic> = found.iter().copied().filter(|d| !fails(d)).collect();
        if !passing.is_empty() {
            let _ = writeln!(
                cases,
                "      <system-out>{}</system-out>",
                lines(passing.into_iter(), sources)
            );
        }
        cases.push_str("    </testcase>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"raciflow check\" tests=\"{n}\" failures=\"{failures}\">\n  <testsuite name=\"raciflow check\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}    <system-out>{}</system-out>\n  </testsuite>\n</testsuites>\n",
        escape(&report.summary.line()),
        n = rules.len(),
    )
}

/// One line per finding: `path:line:column: severity: message (help: …)`, escaped.
fn lines<'a>(found: impl Iterator<Item = &'a Diagnostic>, sources: &SourceMap) -> String {
    let mut text = String::new();
    for d in found {
        let mut place = sources.display_path(d.location.file).to_owned();
        if let Some(((line, column), _)) = positions(sources, d.location) {
            let _ = write!(place, ":{line}:{column}");
        }
        let help = d
            .help
            .as_deref()
            .map(|h| format!(" (help: {})", crate::hidden::mask(h)))
            .unwrap_or_default();
        let _ = write!(
            text,
            "{place}: {}: {}{help}&#10;",
            d.severity.as_str(),
            crate::hidden::mask(&d.message)
        );
    }
    escape_keeping_newlines(&text)
}

/// `escape` turns line ends into spaces (as XML attributes need); an element's text keeps
/// them as the `&#10;` written between findings.
fn escape_keeping_newlines(text: &str) -> String {
    text.split("&#10;")
        .map(escape)
        .collect::<Vec<_>>()
        .join("&#10;")
}
