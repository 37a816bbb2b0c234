//! The findings as an HTML block, for `raciflow serve` to show at the top of every page
//! while the model has errors: where (file:line:column), what, and the help.

use crate::diag::json::positions;
use crate::diag::{Report, Severity, SourceMap};
use crate::diagram::xml::escape;

/// The errors, then the warnings, of `report` as a block of HTML that stays at the top of the
/// window and is not printed; `note` says what the page below is (the last pack that
/// built, or a draft).
pub fn render(report: &Report, sources: &SourceMap, note: &str) -> String {
    let mut items = String::new();
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error);
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning);
    for d in errors.chain(warnings) {
        let mut place = sources.display_path(d.location.file).to_owned();
        if let Some(((line, column), _)) = positions(sources, d.location) {
            place.push_str(&format!(":{line}:{column}"));
        }
        let help = d
            .help
            .as_deref()
            .map(|help| format!("<br><small>help: {}</small>", code_spans(&escape(help))))
            .unwrap_or_default();
        items.push_str(&format!(
            "<li><code>{}</code> <b>{}[{}]</b> {}{help}</li>",
            escape(&place),
            d.severity.as_str(),
            d.rule.name,
            code_spans(&escape(&crate::hidden::mask(&d.message))),
        ));
    }
    format!(
        "<style>#raciflow-findings{{position:sticky;top:0;z-index:1000;margin:0 0 1em;padding:.6em 1em;background:#fff4f2;border-bottom:3px solid #b3261e;color:#1d1b20;font:14px/1.45 system-ui,sans-serif;max-height:45vh;overflow:auto}}#raciflow-findings ul{{margin:.4em 0 0;padding-left:1.2em}}#raciflow-findings code{{font-size:13px}}@media print{{#raciflow-findings{{display:none}}}}</style>\
         <div id=\"raciflow-findings\" role=\"alert\"><strong>{}</strong> {}<ul>{items}</ul></div>",
        escape(&report.summary.line()),
        escape(note),
    )
}

/// Escaped text with each pair of backticks (`` `telemarketer` ``, as messages quote ids)
/// turned into a `<code>` element; an unpaired backtick stays as it is.
fn code_spans(escaped: &str) -> String {
    let parts: Vec<&str> = escaped.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return escaped.to_owned();
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    for (index, part) in parts.iter().enumerate() {
        if index % 2 == 1 {
            out.push_str("<code>");
            out.push_str(part);
            out.push_str("</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::code_spans;

    #[test]
    fn quoted_ids_become_code() {
        assert_eq!(
            code_spans("unknown role `x`"),
            "unknown role <code>x</code>"
        );
        assert_eq!(code_spans("a ` alone"), "a ` alone");
    }
}
