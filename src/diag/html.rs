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
            .map(|help| format!("<br><small>help: {}</small>", escape(help)))
            .unwrap_or_default();
        items.push_str(&format!(
            "<li><code>{}</code> <b>{}[{}]</b> {}{help}</li>",
            escape(&place),
            d.severity.as_str(),
            d.rule.name,
            escape(&crate::hidden::mask(&d.message)),
        ));
    }
    format!(
        "<style>#raciflow-findings{{position:sticky;top:0;z-index:1000;margin:0 0 1em;padding:.6em 1em;background:#fff4f2;border-bottom:3px solid #b3261e;color:#1d1b20;font:14px/1.45 system-ui,sans-serif;max-height:45vh;overflow:auto}}#raciflow-findings ul{{margin:.4em 0 0;padding-left:1.2em}}#raciflow-findings code{{font-size:13px}}@media print{{#raciflow-findings{{display:none}}}}</style>\
         <div id=\"raciflow-findings\" role=\"alert\"><strong>{}</strong> {}<ul>{items}</ul></div>",
        escape(&report.summary.line()),
        escape(note),
    )
}
