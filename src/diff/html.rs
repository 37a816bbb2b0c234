//! The diff as one HTML page for the client: the changes, the maps of the processes that
//! changed with their steps coloured (added green, changed orange, removed red, the
//! removed ones on the old map), and what changes for each role.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use crate::diagram::StandaloneMap;
use crate::diagram::xml::escape;
use crate::diff::format::{by_kind, field_line, summary_line};
use crate::diff::{FieldChange, IndicatorWhat, Kind, ModelDiff, Signing, What};
use crate::model::Language;
use crate::render::{self, Label, RenderError, quoted};
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

const STYLE: &str = "body{font:15px/1.5 system-ui,'Segoe UI',Arial,sans-serif;color:#1d2430;max-width:1100px;margin:2em auto;padding:0 1em}h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #d0d7de}ul{padding-left:1.3em}li{margin:.2em 0}.mark{display:inline-block;min-width:5.5em;font-size:.8em;font-weight:bold;text-transform:uppercase}.added .mark,.legend .added{color:#1a7f37}.changed .mark,.renamed .mark,.legend .changed{color:#c2610c}.removed .mark,.legend .removed{color:#b3261e}.fields{color:#4b5563}.map{overflow-x:auto;margin:.5em 0 1.5em}.map svg{max-width:none}.legend span{margin-right:1.2em}@media print{.map{overflow:visible}.map svg{max-width:100%;height:auto}h2,h3{break-after:avoid}.map{break-inside:avoid}}";

/// The diff between `old` and `new` as a page of its own (no files beside it), in the
/// new model's language: the page goes to the client.
pub fn render(diff: &ModelDiff, old: &Checked, new: &Checked) -> Result<String, RenderError> {
    let options = new.options(&BuildRequest::default())?;
    let labels = render::labels(&options)?;
    let t = |key: &str| match labels.get(key) {
        Some(Label::Text(text)) => text.clone(),
        _ => key.to_owned(),
    };
    // A word with plural forms ("hour", "hours"; «час», «часа») in the form `count` takes.
    let form = |key: &str, count: f64| match labels.get(key) {
        Some(Label::List(forms)) => {
            let at = options.language.plural_form(count);
            forms
                .get(at.min(forms.len().saturating_sub(1)))
                .cloned()
                .unwrap_or_default()
        }
        _ => t(key),
    };
    let quoted = |name: &str| quoted(name, options.language);
    // The client reads positions and documents by name, not by id.
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for model in [&old.model, &new.model] {
        names.extend(model.roles.iter().map(|r| (r.id.as_str(), r.name.as_str())));
        names.extend(
            model
                .artifacts
                .iter()
                .map(|a| (a.id.as_str(), a.name.as_str())),
        );
    }
    let summary = &diff.summary;
    let mut counts: Vec<String> = [
        ("diff_added", summary.added),
        ("diff_removed", summary.removed),
        ("diff_renamed", summary.renamed),
        ("diff_changed", summary.changed),
        ("diff_to_sign", summary.to_sign),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| format!("{}: {n}", t(key)))
    .collect();
    if counts.is_empty() {
        counts.push(summary_line(summary));
    }
    let mut body = format!(
        "<h1>{}</h1>\n<p><strong>{}</strong></p>\n",
        escape(&t("diff_title")),
        escape(&counts.join(" · "))
    );
    for (kind, changes) in by_kind(diff) {
        let _ = write!(body, "<h2>{}</h2>\n<ul>\n", escape(&t(kind_key(kind))));
        for change in changes {
            let class = change.what.word();
            let named = if change.name == change.id {
                String::new()
            } else {
                format!(" {}", quoted(&change.name))
            };
            let id = match &change.what {
                What::Renamed { from } => format!("{from} → {}", change.id),
                _ => change.id.clone(),
            };
            let _ = write!(
                body,
                "<li class=\"{class}\"><span class=\"mark\">{}</span> <code>{}</code>{}",
                escape(&t(&format!("diff_{class}"))),
                escape(&id),
                escape(&named)
            );
            if let What::Changed { fields } = &change.what {
                body.push_str("<ul class=\"fields\">");
                for field in fields {
                    let _ = write!(
                        body,
                        "<li>{}</li>",
                        escape(&readable(field, &names, &t, &form, options.language))
                    );
                }
                body.push_str("</ul>");
            }
            body.push_str("</li>\n");
        }
        body.push_str("</ul>\n");
    }
    let versions = (t("diff_new_version"), t("diff_old_version"));
    let (maps, css) = maps(diff, old, new, &versions);
    if !maps.is_empty() {
        let _ = write!(
            body,
            "<h2>{}</h2>\n<p class=\"legend\"><span class=\"added\">■ {}</span><span class=\"changed\">■ {}</span><span class=\"removed\">■ {}</span></p>\n{maps}",
            escape(&t("diff_maps")),
            escape(&t("diff_legend_added")),
            escape(&t("diff_legend_changed")),
            escape(&t("diff_legend_removed")),
        );
    }
    if !diff.roles.is_empty() {
        let _ = write!(body, "<h2>{}</h2>\n<ul>\n", escape(&t("diff_roles")));
        for role in &diff.roles {
            let signing = role.signing.map(|signing| match signing {
                Signing::New => t("diff_sign_new"),
                Signing::Changed => t("diff_sign_changed"),
                Signing::Withdrawn => t("diff_sign_withdrawn"),
            });
            let _ = write!(
                body,
                "<li><strong>{}</strong>{}<ul>",
                escape(&crate::hidden::mask(&role.name)),
                signing
                    .map(|s| format!(": {}", escape(&s)))
                    .unwrap_or_default()
            );
            let mut line = |label: &str, text: &str| {
                let _ = write!(
                    body,
                    "<li>{}: {}</li>",
                    escape(&t(label)),
                    escape(&crate::hidden::mask(text))
                );
            };
            for (label, items) in [
                ("diff_new_duty", &role.new_duties),
                ("diff_removed_duty", &role.removed_duties),
                ("diff_new_approval", &role.new_approvals),
                ("diff_removed_approval", &role.removed_approvals),
            ] {
                for item in items {
                    line(label, item);
                }
            }
            for indicator in &role.indicators {
                let label = match indicator.change {
                    IndicatorWhat::Added => "diff_indicator_added",
                    IndicatorWhat::Removed => "diff_indicator_removed",
                    IndicatorWhat::Changed => "diff_indicator_changed",
                    IndicatorWhat::MovedAway => "diff_indicator_moved_away",
                    IndicatorWhat::TakenOver => "diff_indicator_taken_over",
                };
                line(label, &indicator.name);
            }
            let mut sections: Vec<String> = role
                .sections
                .iter()
                .map(|section| t(section_key(section)))
                .collect();
            sections.dedup();
            if !sections.is_empty() {
                line("diff_sections", &sections.join(", "));
            }
            body.push_str("</ul></li>\n");
        }
        body.push_str("</ul>\n");
    }
    let lang = options.language.code();
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&t("diff_title"))
    ))
}

/// A changed field as the client reads it: the field's name in the page's language (the
/// model's key when it has none), ids of positions and documents as their names.
fn readable(
    field: &FieldChange,
    names: &BTreeMap<&str, &str>,
    t: &dyn Fn(&str) -> String,
    form: &dyn Fn(&str, f64) -> String,
    language: Language,
) -> String {
    fn named(value: &Value, names: &BTreeMap<&str, &str>) -> Value {
        match value {
            Value::String(id) => names
                .get(id.as_str())
                .map_or_else(|| value.clone(), |name| Value::String((*name).to_owned())),
            Value::Array(items) => Value::Array(items.iter().map(|v| named(v, names)).collect()),
            other => other.clone(),
        }
    }
    // An effort as the documents write it: `4m` → «4 мин».
    let effort = |value: Value| match (&value, field.field.as_str()) {
        (Value::String(text), "effort") => {
            let unit = match text.chars().last() {
                Some('m') => "effort_minutes",
                Some('h') => "effort_hours",
                _ => return value,
            };
            let amount = &text[..text.len() - 1];
            // The unit agrees with the amount: "1 hour", "1.5 hours".
            let word = form(unit, amount.parse::<f64>().unwrap_or(1.0));
            let amount = match language {
                Language::Ru => amount.replace('.', ","),
                Language::En => amount.to_owned(),
            };
            Value::String(format!("{amount} {word}"))
        }
        _ => value,
    };
    let shown = FieldChange {
        field: String::new(),
        old: field.old.as_ref().map(|v| effort(named(v, names))),
        new: field.new.as_ref().map(|v| effort(named(v, names))),
    };
    let line = field_line(&shown).replace("(none)", &t("diff_none"));
    let rest = line.strip_prefix(": ").unwrap_or(&line);
    let last = field.field.rsplit('.').next().unwrap_or(&field.field);
    let key = match (field.field.split('.').next(), last) {
        (Some("raci" | "defaults"), letter @ ("R" | "A" | "C" | "I" | "S")) => {
            format!("letter_{letter}")
        }
        (_, "target") => "target_value".to_owned(),
        (
            _,
            "owner" | "checklist" | "purpose" | "trigger" | "result" | "inputs" | "outputs"
            | "threshold" | "weight" | "description" | "kind" | "department" | "headcount"
            | "rights" | "liability",
        ) => last.to_owned(),
        (
            _,
            "name" | "effort" | "volume" | "next" | "duty" | "role" | "period" | "unit"
            | "reports_to" | "requirements" | "duties" | "fields" | "salary" | "bonus",
        ) => format!("diff_field_{last}"),
        _ => return format!("{}: {rest}", field.field),
    };
    format!("{}: {rest}", t(&key))
}

/// The label of a kind's heading.
fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Model => "diff_kind_model",
        Kind::Role => "diff_kind_role",
        Kind::Document => "diff_kind_document",
        Kind::Indicator => "diff_kind_indicator",
        Kind::Process => "diff_kind_process",
        Kind::Step => "diff_kind_step",
        Kind::HandOff => "diff_kind_hand_off",
    }
}

/// The label of a part of the job description, by the field of its view that changed.
fn section_key(field: &str) -> &'static str {
    match field {
        "duties" | "own_duties" | "owns" | "reviews" | "controls" => "diff_section_duties",
        "workload" => "diff_section_workload",
        "receives" | "hands" => "diff_section_interaction",
        "rights" => "diff_section_rights",
        "liability" => "diff_section_liability",
        "requirements" | "knows" => "diff_section_requirements",
        "indicators" => "diff_section_indicators",
        _ => "diff_section_other",
    }
}

/// The maps of the processes that changed, each in a `div` of its own id, and the style
/// rules that colour their marked steps.
fn maps(
    diff: &ModelDiff,
    old: &Checked,
    new: &Checked,
    (new_version, old_version): &(String, String),
) -> (String, String) {
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
    for (checked, marks, which) in [(new, &on_new, new_version), (old, &on_old, old_version)] {
        for (process_id, steps) in marks {
            let model = &checked.model;
            let Some(index) = model.processes.iter().position(|p| &p.id == process_id) else {
                continue;
            };
            let process = &model.processes[index];
            let id = ProcessId(index);
            let whole = if which == old_version {
                steps.is_empty().then_some(Mark::Removed)
            } else {
                added_processes
                    .contains(&process_id.as_str())
                    .then_some(Mark::Added)
            };
            number += 1;
            let scope = format!("map-{number}");
            let map = StandaloneMap::of(model, &checked.graphs, id);
            for (step_index, node) in map.step_nodes() {
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
                        "#{scope}-{node}>:first-child{{fill:{fill};stroke:{stroke};stroke-width:3}}",
                    );
                }
            }
            let svg = map.svg(&format!("{scope}-"));
            let _ = write!(
                html,
                "<h3>{} ({which})</h3>\n<div class=\"map\" id=\"{scope}\">{svg}</div>\n",
                escape(&process.name)
            );
        }
    }
    (html, css)
}
