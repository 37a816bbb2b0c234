//! The diff as one HTML page for the client: the changes, the maps of the processes that
//! changed with their steps coloured (added green, changed orange, removed red, the
//! removed ones on the old map), and what changes for each role.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::diagram::xml::escape;
use crate::diagram::{Notation, Words, draw, step_nodes};
use crate::diff::format::{
    by_kind, capitalised, field_line, headline, role_headline, role_lines, summary_line,
};
use crate::diff::{Kind, ModelDiff, What};
use crate::render::{self, RenderError, event_names};
use crate::resolve::ProcessId;
use crate::{BuildRequest, Checked};

/// How a step is marked on a map.
#[derive(Clone, Copy)]
enum Mark {
    Added,
    Changed,
    Removed,
}

impl Mark {
    /// The shape's fill and outline.
    fn colours(self) -> (&'static str, &'static str) {
        match self {
            Mark::Added => ("#dcf5dc", "#1a7f37"),
            Mark::Changed => ("#ffe9c7", "#c2610c"),
            Mark::Removed => ("#ffdede", "#b3261e"),
        }
    }
}

const STYLE: &str = "body{font:15px/1.5 system-ui,'Segoe UI',Arial,sans-serif;color:#1d2430;max-width:1100px;margin:2em auto;padding:0 1em}h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #d0d7de}ul{padding-left:1.3em}li{margin:.2em 0}.mark{display:inline-block;min-width:5.5em;font-size:.8em;font-weight:bold;text-transform:uppercase}.added .mark,.legend .added{color:#1a7f37}.changed .mark,.renamed .mark,.legend .changed{color:#c2610c}.removed .mark,.legend .removed{color:#b3261e}.fields{color:#4b5563}.map{overflow-x:auto;margin:.5em 0 1.5em}.map svg{max-width:none}.legend span{margin-right:1.2em}@media print{.map{overflow:visible}}";

/// The diff between `old` and `new` as a page of its own (no files beside it).
pub fn render(diff: &ModelDiff, old: &Checked, new: &Checked) -> Result<String, RenderError> {
    let labels = render::labels(&new.options(&BuildRequest::default())?)?;
    let (start, end) = event_names(&labels);
    let words = Words {
        start: &start,
        end: &end,
    };
    let mut body = format!(
        "<h1>Model changes</h1>\n<p><strong>{}</strong></p>\n",
        escape(&summary_line(&diff.summary))
    );
    for (kind, changes) in by_kind(diff) {
        let _ = write!(body, "<h2>{}</h2>\n<ul>\n", capitalised(kind.words().1));
        for change in changes {
            let class = change.what.word();
            let _ = write!(
                body,
                "<li class=\"{class}\"><span class=\"mark\">{class}</span> {}",
                escape(&headline(change))
            );
            if let What::Changed { fields } = &change.what {
                body.push_str("<ul class=\"fields\">");
                for field in fields {
                    let _ = write!(body, "<li>{}</li>", escape(&field_line(field)));
                }
                body.push_str("</ul>");
            }
            body.push_str("</li>\n");
        }
        body.push_str("</ul>\n");
    }
    let (maps, css) = maps(diff, old, new, &words);
    if !maps.is_empty() {
        body.push_str("<h2>Maps of the processes that changed</h2>\n<p class=\"legend\"><span class=\"added\">■ added</span><span class=\"changed\">■ changed</span><span class=\"removed\">■ removed (on the old map)</span></p>\n");
        body.push_str(&maps);
    }
    if !diff.roles.is_empty() {
        body.push_str("<h2>What changes for each role</h2>\n<ul>\n");
        for role in &diff.roles {
            let _ = write!(
                body,
                "<li><strong>{}</strong><ul>",
                escape(&role_headline(role))
            );
            for line in role_lines(role) {
                let _ = write!(body, "<li>{}</li>", escape(&line));
            }
            body.push_str("</ul></li>\n");
        }
        body.push_str("</ul>\n");
    }
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Model changes</title>\n<style>{STYLE}{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    ))
}

/// The maps of the processes that changed, each in a `div` of its own id, and the style
/// rules that colour their marked steps.
fn maps(diff: &ModelDiff, old: &Checked, new: &Checked, words: &Words<'_>) -> (String, String) {
    // Marks by process: on the new map (added, changed) and on the old one (removed).
    let mut on_new: BTreeMap<String, Vec<(String, Mark)>> = BTreeMap::new();
    let mut on_old: BTreeMap<String, Vec<(String, Mark)>> = BTreeMap::new();
    for change in &diff.changes {
        match change.kind {
            Kind::Step => {
                let Some((process, step)) = change.id.split_once('/') else {
                    continue;
                };
                let (side, mark) = match change.what {
                    What::Added => (&mut on_new, Mark::Added),
                    What::Removed => (&mut on_old, Mark::Removed),
                    _ => (&mut on_new, Mark::Changed),
                };
                side.entry(process.to_owned())
                    .or_default()
                    .push((step.to_owned(), mark));
            }
            Kind::Process => {
                let side = match change.what {
                    What::Removed => &mut on_old,
                    _ => &mut on_new,
                };
                side.entry(change.id.clone()).or_default();
            }
            _ => {}
        }
    }
    let mut html = String::new();
    let mut css = String::new();
    let mut number = 0;
    let added_processes: Vec<&str> = diff
        .changes
        .iter()
        .filter(|c| c.kind == Kind::Process && c.what == What::Added)
        .map(|c| c.id.as_str())
        .collect();
    for (checked, marks, which) in [(new, &on_new, "new version"), (old, &on_old, "old version")] {
        for (process_id, steps) in marks {
            let model = &checked.model;
            let Some(index) = model.processes.iter().position(|p| &p.id == process_id) else {
                continue;
            };
            let process = &model.processes[index];
            let id = ProcessId(index);
            let whole = if which == "old version" {
                steps.is_empty().then_some(Mark::Removed)
            } else {
                added_processes
                    .contains(&process_id.as_str())
                    .then_some(Mark::Added)
            };
            number += 1;
            let scope = format!("map-{number}");
            for (step_index, node) in step_nodes(model, &checked.graphs, id) {
                let step_id = &process.steps[step_index].id;
                let mark = whole.or_else(|| {
                    steps
                        .iter()
                        .find(|(step, _)| step == step_id)
                        .map(|(_, mark)| *mark)
                });
                if let Some(mark) = mark {
                    let (fill, stroke) = mark.colours();
                    let _ = write!(
                        css,
                        "#{scope} #{node}>:first-child{{fill:{fill};stroke:{stroke};stroke-width:3}}",
                    );
                }
            }
            let svg = draw(model, &checked.graphs, id, Notation::Svg, words);
            let _ = write!(
                html,
                "<h3>{} ({which})</h3>\n<div class=\"map\" id=\"{scope}\">{svg}</div>\n",
                escape(&process.name)
            );
        }
    }
    (html, css)
}
