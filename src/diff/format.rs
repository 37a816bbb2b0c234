//! A diff for a terminal, for a pull request (Markdown) and for scripts (JSON).

use std::fmt::Write;

use serde_json::Value;

use crate::render::text::escape_markdown;
use crate::views::upper_first;

use crate::diff::{
    Change, FieldChange, IndicatorWhat, Kind, ModelDiff, RoleImpact, Signing, Summary, What,
};

/// The one line that says how big the change is.
pub fn summary_line(summary: &Summary) -> String {
    let Summary {
        added,
        removed,
        renamed,
        changed,
        to_sign,
    } = *summary;
    if added + removed + renamed + changed == 0 {
        return "no changes".to_owned();
    }
    let mut parts = Vec::new();
    for (n, word) in [
        (added, "added"),
        (removed, "removed"),
        (renamed, "renamed"),
        (changed, "changed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    let mut line = parts.join(", ");
    if to_sign > 0 {
        let documents = if to_sign == 1 {
            "job description"
        } else {
            "job descriptions"
        };
        let _ = write!(line, "; {to_sign} {documents} to sign");
    }
    line
}

/// The diff for a terminal.
pub fn text(diff: &ModelDiff) -> String {
    let mut out = format!("{}\n", summary_line(&diff.summary));
    for (kind, changes) in by_kind(diff) {
        let _ = write!(out, "\n{}\n", upper_first(kind.words().1));
        for change in changes {
            let _ = writeln!(out, "  {} {}", mark(&change.what), headline(change));
            if let What::Changed { fields } = &change.what {
                for field in fields {
                    let _ = writeln!(out, "      {}", field_line(field));
                }
            }
        }
    }
    if !diff.roles.is_empty() {
        out.push_str("\nWhat changes for each role\n");
        for role in &diff.roles {
            let _ = writeln!(out, "  {}", role_headline(role));
            for line in role_lines(role) {
                let _ = writeln!(out, "      {line}");
            }
        }
    }
    out
}

/// The diff as Markdown, ready for a pull-request comment: the summary line, a section per
/// kind of element, then what changes for each role.
pub fn markdown(diff: &ModelDiff) -> String {
    let mut out = format!(
        "**Model changes:** {}\n",
        escape_markdown(&summary_line(&diff.summary))
    );
    for (kind, changes) in by_kind(diff) {
        let _ = write!(out, "\n### {}\n\n", upper_first(kind.words().1));
        for change in changes {
            let _ = writeln!(
                out,
                "- *{}* {}",
                change.what.word(),
                escape_markdown(&headline(change))
            );
            if let What::Changed { fields } = &change.what {
                for field in fields {
                    let _ = writeln!(out, "  - {}", escape_markdown(&field_line(field)));
                }
            }
        }
    }
    if !diff.roles.is_empty() {
        out.push_str("\n### What changes for each role\n\n");
        for role in &diff.roles {
            let _ = writeln!(out, "- **{}**", escape_markdown(&role_headline(role)));
            for line in role_lines(role) {
                let _ = writeln!(out, "  - {}", escape_markdown(&line));
            }
        }
    }
    out
}

/// The diff as JSON (its shape is documented in docs/diff.md).
pub fn json(diff: &ModelDiff) -> String {
    serde_json::to_string_pretty(diff).unwrap_or_default() + "\n"
}

/// The changes grouped by kind, in the order of [`Kind::ALL`].
pub(super) fn by_kind(diff: &ModelDiff) -> Vec<(Kind, Vec<&Change>)> {
    Kind::ALL
        .into_iter()
        .map(|kind| {
            let changes: Vec<&Change> = diff.changes.iter().filter(|c| c.kind == kind).collect();
            (kind, changes)
        })
        .filter(|(_, changes)| !changes.is_empty())
        .collect()
}

/// `id “name”`, `old → new “name”` for a rename; the terminal's marks `+`, `-`, `~`
/// and `>` are left to [`text`].
pub(super) fn headline(change: &Change) -> String {
    let named = if change.name == change.id {
        String::new()
    } else {
        format!(" “{}”", crate::hidden::mask(&change.name))
    };
    match &change.what {
        What::Renamed { from } => format!("{from} → {}{named}", change.id),
        _ => format!("{}{named}", change.id),
    }
}

/// A change's mark in the terminal.
fn mark(what: &What) -> char {
    match what {
        What::Added => '+',
        What::Removed => '-',
        What::Renamed { .. } => '>',
        What::Changed { .. } => '~',
    }
}

/// `field: old → new`, or for a list `field: + item; - item`.
pub(super) fn field_line(field: &FieldChange) -> String {
    let name = &field.field;
    let items = |value: &Option<Value>| match value {
        None => Some(Vec::new()),
        Some(Value::Array(items)) if items.iter().all(is_scalar) => {
            Some(items.iter().map(shown).collect::<Vec<_>>())
        }
        _ => None,
    };
    // A list of at most one item each side (a RACI letter's single role) reads as a
    // replacement: `raci.A: head-of-sales → commercial-director`.
    if let (Some(old), Some(new)) = (items(&field.old), items(&field.new))
        && (field.old.is_some() || field.new.is_some())
        && (old.len() > 1 || new.len() > 1 || old.is_empty() || new.is_empty())
    {
        let mut parts: Vec<String> = new
            .iter()
            .filter(|item| !old.contains(item))
            .map(|item| format!("+ {item}"))
            .collect();
        parts.extend(
            old.iter()
                .filter(|item| !new.contains(item))
                .map(|item| format!("- {item}")),
        );
        if parts.is_empty() {
            parts.push("reordered".to_owned());
        }
        return format!("{name}: {}", parts.join("; "));
    }
    let value = |v: &Option<Value>| match v {
        None => "(none)".to_owned(),
        Some(Value::Array(items)) if items.len() == 1 && is_scalar(&items[0]) => shown(&items[0]),
        Some(other) => shown(other),
    };
    format!("{name}: {} → {}", value(&field.old), value(&field.new))
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A value as a reader expects it: text as it is, a whole number without a decimal
/// point (the model's `40000`, which serde reads as 40000.0), anything else as compact
/// JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => crate::hidden::mask(text).into_owned(),
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

pub(super) fn role_headline(role: &RoleImpact) -> String {
    let signing = match role.signing {
        Some(Signing::New) => ": a new position, its job description to sign",
        Some(Signing::Changed) => ": job description changed, to sign again",
        Some(Signing::Withdrawn) => ": the position is gone, its job description withdrawn",
        None => "",
    };
    format!("{} ({}){signing}", crate::hidden::mask(&role.name), role.id)
}

pub(super) fn role_lines(role: &RoleImpact) -> Vec<String> {
    let mut lines = Vec::new();
    let mut add = |items: &[String], prefix: &str| {
        lines.extend(
            items
                .iter()
                .map(|item| format!("{prefix}{}", crate::hidden::mask(item))),
        );
    };
    add(&role.new_duties, "new duty: ");
    add(&role.removed_duties, "no longer a duty: ");
    add(&role.new_approvals, "now approves: ");
    add(&role.removed_approvals, "no longer approves: ");
    for indicator in &role.indicators {
        let how = match indicator.change {
            IndicatorWhat::Added => "added",
            IndicatorWhat::Removed => "removed",
            IndicatorWhat::Changed => "changed",
            IndicatorWhat::MovedAway => "moved to another role",
            IndicatorWhat::TakenOver => "taken over",
        };
        lines.push(format!(
            "indicator {how}: {}",
            crate::hidden::mask(&indicator.name)
        ));
    }
    if !role.sections.is_empty() {
        lines.push(format!(
            "changed in the job description: {}",
            role.sections.join(", ")
        ));
    }
    lines
}
