//! The report as one HTML page in the pack's style, for the client: for each process how
//! well its cases fit, its map with each flow drawn thicker the more cases took it and
//! each step coloured by the departures at it, then the departures, the paths, who did
//! the steps and how long they took. Steps and positions are named as the regulation
//! names them, in the model's language.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::conform::text::percent as whole_percent;
use crate::conform::{Deviation, ProcessReport, Report};
use crate::diagram::StandaloneMap;
use crate::diagram::xml::escape;
use crate::model::Language;
use crate::render::{self, Label, RenderError, format_number, quoted};
use crate::resolve::{ProcessId, Step};
use crate::{BuildRequest, Checked};

/// A fifth of a process's cases departing at a step marks it as a problem.
const MANY: f64 = 0.2;

/// The most paths a process lists (the JSON lists them all).
const PATHS: usize = 5;

/// What the page adds to the pack's stylesheet: on screen the page is as wide as the
/// window and a map wider still scrolls; in print each process's map is on a landscape
/// page of its own (the pack's `map` page) with its heading and legend, scaled to it; the
/// legend's swatches are the steps' colours.
const STYLE: &str = "main{max-width:none;margin:1.5rem}.map{overflow-x:auto;margin:.5rem 0 1rem}.map svg{max-width:none}\
.legend{font-size:.85rem;color:var(--muted)}.legend span{margin-right:1.2rem;white-space:nowrap}\
.swatch{display:inline-block;width:1.6em;height:.9em;margin-right:.35em;vertical-align:-.1em;border:2px solid}\
.clean{background:#e6f4ea;border-color:#2e7d32}.some{background:#ffe0b2;border-color:#e65100}\
.many{background:#fde2e1;border-color:#c62828}\
.unused{border:0;border-top:2px dashed #9aa6b5;height:0}.figures{font-size:1.05rem}td.n{text-align:right;white-space:nowrap}\
@media print{.intro,.map-page{page:map}.intro h1{font-size:13pt;margin:0}.intro p{font-size:8pt;margin:0 0 1mm}\
.intro+section .map svg{max-height:110mm}.map-page h2{font-size:11pt;margin:0 0 1mm;padding:0}.map-page p{font-size:8pt;margin:0 0 1mm}\
.map{overflow:visible;margin:0}.map svg{width:100%;height:auto;max-height:150mm}tr{break-inside:avoid}h2,h3{break-after:avoid}}";

/// The page of `report`, replayed from the log named `log`, in the model's language.
pub fn page(report: &Report, checked: &Checked, log: &str) -> Result<String, RenderError> {
    let options = checked.options(&BuildRequest::default())?;
    let labels = render::labels(&options)?;
    let language = options.language;
    let t = |key: &str| match labels.get(key) {
        Some(Label::Text(text)) => text.clone(),
        _ => key.to_owned(),
    };
    let model = &checked.model;
    let quoted = |name: &str| quoted(name, language);
    // A figure in per cent, as the language writes it.
    let per_cent = |figure: String| match language {
        Language::Ru => format!("{figure}\u{a0}%"),
        Language::En => format!("{figure}%"),
    };
    // The fitness to a tenth; shares of cases whole, rounded as the text report rounds
    // them, so that the two agree.
    let share = |share: f64| per_cent(format_number((share * 1000.0).round() / 10.0, language));
    let percent = |part: usize, whole: usize| per_cent(whole_percent(part, whole).to_string());
    let number = |n: usize| format_number(n as f64, language);
    // A sentence's label is its parts around the words put in it.
    let fill = |key: &str, words: &[String]| match labels.get(key) {
        Some(Label::List(parts)) => {
            let mut text = String::new();
            for (k, part) in parts.iter().enumerate() {
                text.push_str(part);
                text.push_str(words.get(k).map_or("", String::as_str));
            }
            text
        }
        _ => format!("{} {}", t(key), words.join(" ")),
    };
    // The client reads positions by their titles.
    let position = |id: &str| {
        model
            .roles
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_owned(), |r| r.name.clone())
    };
    let mut css = String::new();
    let mut body = String::new();
    body.push_str("<div class=\"intro\">\n");
    if let Some(client) = model.info.as_ref().and_then(|i| i.client.as_ref()) {
        let _ = writeln!(
            body,
            "<header class=\"doc\"><p class=\"org\">{}</p></header>",
            escape(client)
        );
    }
    let read = &report.log;
    let unused = read.rows.saturating_sub(read.events);
    let _ = write!(
        body,
        "<h1>{}</h1>\n<p class=\"subtitle\">{}: {} · {}: {} · {}: {}</p>\n",
        escape(&t("conform_title")),
        escape(&t("conform_log")),
        escape(log),
        escape(&t("conform_events")),
        number(read.events),
        escape(&t("conform_cases")),
        number(read.cases),
    );
    if unused > 0 {
        // The rows by their lines, which the reader finds in the export; why each was
        // not read, the text report says.
        let lines: Vec<String> = read
            .problems
            .iter()
            .filter_map(|p| p.line)
            .take(PATHS * 2)
            .map(number)
            .collect();
        let lines = if lines.is_empty() {
            String::new()
        } else {
            let more = read.problems.len() > lines.len();
            format!(
                " ({}: {}{})",
                t("conform_lines"),
                lines.join(", "),
                if more { ", …" } else { "" }
            )
        };
        let _ = writeln!(
            body,
            "<p class=\"subtitle\">{}: {}{}</p>",
            escape(&t("conform_unused")),
            number(unused),
            escape(&lines)
        );
    }
    let _ = writeln!(
        body,
        "<p class=\"muted\">{}</p>\n</div>",
        escape(&t("conform_fitness_note"))
    );
    for (k, process) in report.processes.iter().enumerate() {
        let Some(p) = model.processes.iter().position(|m| m.id == process.id) else {
            continue;
        };
        let steps = &model.processes[p].steps;
        let name_of = |id: &str| {
            steps
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| id.to_owned(), |s| s.name.clone())
        };
        // Several steps: all of them (at a parallel join), or one of them.
        let names = |ids: &[String], all: bool| {
            let joined: Vec<String> = ids.iter().map(|id| quoted(&name_of(id))).collect();
            let word = t(if all { "conform_and" } else { "conform_or" });
            match joined.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {word} {last}", rest.join(", "))
                }
                _ => joined.concat(),
            }
        };
        let _ = write!(
            body,
            "<section class=\"process\">\n<div class=\"map-page\">\n<h2>{}</h2>\n<p class=\"figures\">{}: <strong>{}</strong> · {}: {} · {}: {} ({})</p>\n",
            escape(&process.name),
            escape(&t("conform_fitness")),
            share(process.fitness),
            escape(&t("conform_cases")),
            number(process.cases),
            escape(&t("conform_fitting")),
            number(process.fitting_cases),
            percent(process.fitting_cases, process.cases),
        );
        let scope = format!("map-{}", k + 1);
        let map = StandaloneMap::of(model, &checked.graphs, ProcessId(p));
        marks(&mut css, &scope, process, &map, steps);
        let svg = map.svg(&format!("{scope}-"));
        let _ = write!(
            body,
            "<div class=\"map\" id=\"{scope}\">{svg}</div>\n<p class=\"legend\">{}<br><span><i class=\"swatch clean\"></i>{}</span><span><i class=\"swatch some\"></i>{}</span><span><i class=\"swatch many\"></i>{}</span><span><i class=\"swatch unused\"></i>{}</span><br>{}</p>\n",
            escape(&t("conform_map")),
            escape(&t("conform_legend_clean")),
            escape(&t("conform_legend_some")),
            escape(&t("conform_legend_many")),
            escape(&t("conform_legend_unused")),
            escape(&t("conform_legend_rest")),
        );
        if !process.not_recorded.is_empty() {
            let steps: Vec<String> = process
                .not_recorded
                .iter()
                .map(|id| quoted(&name_of(id)))
                .collect();
            let _ = writeln!(
                body,
                "<p class=\"legend\">{}: {}</p>",
                escape(&t("conform_not_recorded")),
                escape(&steps.join(", "))
            );
        }
        body.push_str("</div>\n");
        let _ = writeln!(body, "<h3>{}</h3>", escape(&t("conform_departures")));
        if process.deviations.is_empty() {
            let _ = writeln!(body, "<p>{}</p>", escape(&t("conform_none")));
        } else {
            let mut rows = Vec::new();
            for deviation in &process.deviations {
                let what = match deviation {
                    Deviation::Early { step, after, .. } if after.is_empty() => {
                        fill("conform_early_alone", &[quoted(&name_of(step))])
                    }
                    Deviation::Early {
                        step, after, all, ..
                    } => fill(
                        "conform_early",
                        &[quoted(&name_of(step)), names(after, *all)],
                    ),
                    Deviation::Skipped {
                        step, missing, all, ..
                    } => fill(
                        if missing.len() > 1 && *all {
                            "conform_skipped_all"
                        } else {
                            "conform_skipped"
                        },
                        &[quoted(&name_of(step)), names(missing, *all)],
                    ),
                    Deviation::Undone { steps, .. } if steps.len() == 1 => {
                        fill("conform_undone", &[names(steps, false)])
                    }
                    Deviation::Undone { steps, .. } => {
                        fill("conform_undone_any", &[names(steps, false)])
                    }
                    Deviation::Repeated { step, .. } => {
                        fill("conform_repeated", &[quoted(&name_of(step))])
                    }
                    Deviation::Unknown { activity, .. } => {
                        fill("conform_unknown", &[quoted(activity)])
                    }
                    Deviation::Unfinished { .. } => t("conform_unfinished"),
                };
                let cases = deviation.cases();
                rows.push(vec![
                    Cell::Text(escape(&what)),
                    Cell::Number(number(cases)),
                    Cell::Number(percent(cases, process.cases)),
                ]);
            }
            let heads = ["conform_departure", "conform_cases", "conform_share"];
            table(&mut body, &heads.map(t), &rows);
        }
        let _ = writeln!(body, "<h3>{}</h3>", escape(&t("conform_paths")));
        // A path by the numbers its steps have on the map, read beside it; a step without
        // one (a bare decision) and an activity out of the regulation by name.
        let numbers = map.step_numbers(steps.len());
        let mut rows = Vec::new();
        for variant in process.variants.iter().take(PATHS) {
            let path: Vec<String> = variant
                .steps
                .iter()
                .map(|step| match step.strip_prefix('?') {
                    Some(activity) => format!("<i>{}</i>", escape(&quoted(activity))),
                    None => match steps
                        .iter()
                        .position(|s| s.id == *step)
                        .and_then(|s| numbers[s])
                    {
                        Some(n) => n.to_string(),
                        None => escape(&name_of(step)),
                    },
                })
                .collect();
            rows.push(vec![
                Cell::Text(path.join(" → ")),
                Cell::Number(number(variant.cases)),
            ]);
        }
        table(&mut body, &["conform_path", "conform_cases"].map(t), &rows);
        if process.variants.len() > PATHS {
            let _ = writeln!(
                body,
                "<p class=\"muted\">{}</p>",
                escape(&fill(
                    "conform_paths_shown",
                    &[number(PATHS), number(process.variants.len())]
                ))
            );
        }
        if !process.roles.is_empty() {
            let _ = writeln!(body, "<h3>{}</h3>", escape(&t("conform_roles")));
            let mut rows = Vec::new();
            for roles in &process.roles {
                let regulation: Vec<String> =
                    roles.regulation.iter().map(|r| position(r)).collect();
                let others: Vec<String> = roles
                    .others
                    .iter()
                    .map(|o| {
                        format!(
                            "{} ({})",
                            position(&o.role),
                            fill(
                                "conform_of_records",
                                &[percent(o.events, roles.events), number(roles.events)]
                            )
                        )
                    })
                    .collect();
                rows.push(vec![
                    Cell::Text(escape(&name_of(&roles.step))),
                    Cell::Text(escape(&regulation.join(", "))),
                    Cell::Text(escape(&others.join(", "))),
                ]);
            }
            let heads = ["conform_step", "conform_performer", "conform_others"];
            table(&mut body, &heads.map(t), &rows);
        }
        if !process.times.is_empty() {
            let _ = writeln!(body, "<h3>{}</h3>", escape(&t("conform_times")));
            let mut rows = Vec::new();
            // The deadline's columns where a step has one.
            let deadlines = process.times.iter().any(|time| time.deadline.is_some());
            for time in &process.times {
                let mut row = vec![
                    Cell::Text(escape(&name_of(&time.step))),
                    Cell::Number(number(time.events)),
                    Cell::Number(format_number(time.median_hours, language)),
                ];
                if deadlines {
                    let deadline = steps
                        .iter()
                        .find(|s| s.id == time.step)
                        .and_then(|s| s.deadline)
                        .map(|d| format_number(d.seconds() / 3600.0, language));
                    row.push(Cell::Number(deadline.unwrap_or_default()));
                    row.push(Cell::Number(if time.deadline.is_some() {
                        number(time.late_cases)
                    } else {
                        String::new()
                    }));
                }
                rows.push(row);
            }
            let mut heads = vec!["conform_step", "conform_times_events", "conform_median"];
            if deadlines {
                heads.extend(["conform_deadline", "conform_late"]);
            }
            let heads: Vec<String> = heads.into_iter().map(t).collect();
            table(&mut body, &heads, &rows);
            let _ = writeln!(
                body,
                "<p class=\"muted\">{}</p>",
                escape(&t("conform_times_note"))
            );
        }
        body.push_str("</section>\n");
    }
    if !report.unmatched_activities.is_empty() {
        let _ = writeln!(
            body,
            "<h2>{}</h2>\n<p>{}: {}</p>",
            escape(&t("conform_unmatched")),
            escape(&t("conform_cases")),
            number(report.unmatched_cases),
        );
        let rows: Vec<Vec<Cell>> = report
            .unmatched_activities
            .iter()
            .map(|a| {
                vec![
                    Cell::Text(escape(&a.activity)),
                    Cell::Number(number(a.events)),
                ]
            })
            .collect();
        let heads = ["conform_activity", "conform_event_count"];
        table(&mut body, &heads.map(t), &rows);
    }
    if !read.unstaffed.is_empty() {
        let users: Vec<String> = read
            .unstaffed
            .iter()
            .map(|u| format!("{} ({})", u.user, number(u.events)))
            .collect();
        let _ = writeln!(
            body,
            "<p class=\"muted\">{}: {}</p>",
            escape(&t("conform_unstaffed")),
            escape(&users.join(", "))
        );
    }
    let lang = language.code();
    let sheet = render::stylesheet(&options).bytes;
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}\n{STYLE}{css}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&t("conform_title")),
        String::from_utf8_lossy(&sheet),
    ))
}

/// A cell of a table, as HTML.
enum Cell {
    /// Text, set to the left.
    Text(String),
    /// A figure, set to the right.
    Number(String),
}

/// A table of `rows` under the column `heads` (plain text).
fn table(out: &mut String, heads: &[String], rows: &[Vec<Cell>]) {
    out.push_str("<table><thead><tr>");
    for head in heads {
        let _ = write!(out, "<th>{}</th>", escape(head));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = match cell {
                Cell::Text(html) => write!(out, "<td>{html}</td>"),
                Cell::Number(html) => write!(out, "<td class=\"n\">{html}</td>"),
            };
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// The style rules that draw `map` (of a process with `steps`) in `scope` as its cases took it: each
/// flow as thick as the share of cases that took it, a flow none took dashed, each step
/// the log records filled by the share of cases that departed at it.
fn marks(
    css: &mut String,
    scope: &str,
    process: &ProcessReport,
    map: &StandaloneMap,
    steps: &[Step],
) {
    let step_id = |s: Option<usize>| s.map(|s| steps[s].id.as_str());
    let taken: HashMap<(Option<&str>, Option<&str>), usize> = process
        .flows
        .iter()
        .map(|f| ((f.from.as_deref(), f.to.as_deref()), f.cases))
        .collect();
    let most = taken.values().copied().max().unwrap_or(0).max(1);
    for (line, from, to) in map.flow_lines() {
        let cases = taken
            .get(&(step_id(from), step_id(to)))
            .copied()
            .unwrap_or(0);
        if cases == 0 {
            let _ = write!(
                css,
                "#{scope}-{line}{{stroke:#9aa6b5;stroke-dasharray:5 4}}"
            );
        } else {
            let width = 1.5 + 5.5 * cases as f64 / most as f64;
            let _ = write!(
                css,
                "#{scope}-{line}{{stroke:#1f4e79;stroke-width:{width:.1}}}"
            );
        }
    }
    let at: HashMap<&str, (usize, usize)> = process
        .steps
        .iter()
        .map(|s| (s.step.as_str(), (s.cases, s.departures)))
        .collect();
    for (s, node) in map.step_nodes() {
        let Some(&(cases, departures)) = at.get(steps[s].id.as_str()) else {
            continue;
        };
        if cases == 0 && departures == 0 {
            continue;
        }
        let share = departures as f64 / process.cases.max(1) as f64;
        let (fill, stroke) = if departures == 0 {
            ("#e6f4ea", "#2e7d32")
        } else if share < MANY {
            ("#ffe0b2", "#e65100")
        } else {
            ("#fde2e1", "#c62828")
        };
        let _ = write!(
            css,
            "#{scope}-{node}>:first-child{{fill:{fill};stroke:{stroke};stroke-width:3}}"
        );
    }
}
