//! `raciflow diff`: what changed between two versions of a model, in the model's terms
//! rather than its lines.
//!
//! Elements are compared as the consultant wrote them (the model's files, merged), keyed
//! by id, so that moving an element to another file is no change and reordering YAML keys
//! is none either. An element whose id changed while everything else stayed is a rename,
//! and references to a renamed id are read under the new id, so that renaming a role does
//! not also report every step it is on. What a change means for each position comes from
//! the job descriptions the two models would print ([`roles`]).

mod elements;
pub mod format;
pub mod git;
pub mod html;
mod roles;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::Checked;
use crate::model::ModelFile;

pub use elements::Kind;
pub use roles::{IndicatorChange, IndicatorWhat, RoleImpact, Signing};

use elements::Element;

/// One side of a comparison: the checked model and its files as written.
pub struct Side<'a> {
    /// The checked model.
    pub checked: &'a Checked,
    /// Its files as written.
    pub files: &'a [ModelFile],
}

/// What changed between two models.
#[derive(Debug, Serialize)]
pub struct ModelDiff {
    /// The size of the change.
    pub summary: Summary,
    /// Every element added, removed, renamed or changed, by kind, in the new model's order
    /// (removed elements last in their kind, in the old model's order).
    pub changes: Vec<Change>,
    /// What changes for each position: its duties, approvals and indicators, and whether
    /// its job description must be signed again.
    pub roles: Vec<RoleImpact>,
}

impl ModelDiff {
    /// Whether the two models are the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The size of a change, for its summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Elements added.
    pub added: usize,
    /// Elements removed.
    pub removed: usize,
    /// Elements renamed (the id changed, nothing else).
    pub renamed: usize,
    /// Elements changed.
    pub changed: usize,
    /// Job descriptions to sign again (new, changed or withdrawn).
    pub to_sign: usize,
}

/// One element that changed.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// What kind of element.
    pub kind: Kind,
    /// Its id (a step's is `process/step`); the new one when it was renamed.
    pub id: String,
    /// Its name: the new one, or the old one for a removed element.
    pub name: String,
    /// How it changed.
    #[serde(flatten)]
    pub what: What,
}

/// How an element changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum What {
    /// It is new.
    Added,
    /// It is gone.
    Removed,
    /// Its id changed and nothing else.
    Renamed {
        /// The old id.
        from: String,
    },
    /// Some of its fields changed.
    Changed {
        /// The fields, in the order of their names.
        fields: Vec<FieldChange>,
    },
}

impl What {
    /// The change in one word, as JSON writes it: `added`, `removed`, `renamed`, `changed`.
    pub fn word(&self) -> &'static str {
        match self {
            What::Added => "added",
            What::Removed => "removed",
            What::Renamed { .. } => "renamed",
            What::Changed { .. } => "changed",
        }
    }
}

/// A field that changed: its path (`raci.A`), its old and its new value (absent when the
/// field was not written).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's path, nested fields joined by `.`.
    pub field: String,
    /// The old value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

/// Compares two models.
pub fn diff(old: &Side<'_>, new: &Side<'_>) -> ModelDiff {
    let old_elements = elements::of(old.files);
    let new_elements = elements::of(new.files);
    let (changes, renames) = compare(&old_elements, &new_elements);
    let roles = roles::impact(old.checked, new.checked, &changes, &renames);
    let mut summary = Summary::default();
    for change in &changes {
        match change.what {
            What::Added => summary.added += 1,
            What::Removed => summary.removed += 1,
            What::Renamed { .. } => summary.renamed += 1,
            What::Changed { .. } => summary.changed += 1,
        }
    }
    summary.to_sign = roles.iter().filter(|r| r.signing.is_some()).count();
    ModelDiff {
        summary,
        changes,
        roles,
    }
}

/// Old ids renamed, by kind: the old id → the new one (a step's as `process/step`).
pub(crate) type Renames = BTreeMap<(Kind, String), String>;

/// The changes between two lists of elements, and the renames found.
fn compare(old: &[Element], new: &[Element]) -> (Vec<Change>, Renames) {
    let mut renames = Renames::new();
    let mut changes = Vec::new();
    for kind in Kind::ALL {
        // A hand-off is keyed by what it names: the old ones are read under the new ids
        // (hand-offs come last, when every rename is known).
        let rekeyed: Vec<Element>;
        let olds: Vec<&Element> = if kind == Kind::HandOff {
            rekeyed = old
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| elements::hand_off(substitute(&e.content, &renames, None)))
                .collect();
            rekeyed.iter().collect()
        } else {
            old.iter().filter(|e| e.kind == kind).collect()
        };
        let news: Vec<&Element> = new.iter().filter(|e| e.kind == kind).collect();
        let old_ids: BTreeSet<&str> = olds.iter().map(|e| e.id.as_str()).collect();
        let new_ids: BTreeSet<&str> = news.iter().map(|e| e.id.as_str()).collect();
        // A removed element whose content, references read under the new ids, is that of
        // an added one of the same kind (and, for a step, the same process) was renamed.
        let mut renamed_to: BTreeMap<&str, &str> = BTreeMap::new();
        for gone in olds.iter().filter(|e| !new_ids.contains(e.id.as_str())) {
            let content = substitute(&gone.content, &renames, gone.parent.as_deref());
            let parent = gone
                .parent
                .as_ref()
                .map(|p| renamed(&renames, Kind::Process, p));
            let found = news.iter().find(|e| {
                !old_ids.contains(e.id.as_str())
                    && !renamed_to.values().any(|to| *to == e.id)
                    && e.parent == parent
                    && e.kind != Kind::HandOff
                    && e.content == content
            });
            if let Some(to) = found {
                renamed_to.insert(&gone.id, &to.id);
            }
        }
        for (from, to) in &renamed_to {
            renames.insert((kind, (*from).to_owned()), (*to).to_owned());
        }
        let by_old: BTreeMap<&str, &Element> = olds.iter().map(|e| (e.id.as_str(), *e)).collect();
        for element in &news {
            let what = if let Some(from) = renamed_to.iter().find(|(_, to)| **to == element.id) {
                What::Renamed {
                    from: from.0.to_string(),
                }
            } else if let Some(before) = by_old.get(element.id.as_str()) {
                let before = substitute(&before.content, &renames, before.parent.as_deref());
                let mut fields = Vec::new();
                field_changes("", &before, &element.content, &mut fields);
                if fields.is_empty() {
                    continue;
                }
                What::Changed { fields }
            } else {
                What::Added
            };
            changes.push(element.change(what));
        }
        for element in olds {
            if !new_ids.contains(element.id.as_str())
                && !renamed_to.contains_key(element.id.as_str())
            {
                changes.push(element.change(What::Removed));
            }
        }
    }
    (changes, renames)
}

/// `id` of `kind` under its new id when it was renamed.
fn renamed(renames: &Renames, kind: Kind, id: &str) -> String {
    renames
        .get(&(kind, id.to_owned()))
        .cloned()
        .unwrap_or_else(|| id.to_owned())
}

/// `value` with every string that is a renamed id written as the new id: role, document,
/// indicator and process ids anywhere, and the ids of steps of `process` (in `next`).
fn substitute(value: &Value, renames: &Renames, process: Option<&str>) -> Value {
    match value {
        Value::String(text) => {
            for ((kind, from), to) in renames {
                let matches = match kind {
                    Kind::Step => process.is_some_and(|p| from == &format!("{p}/{text}")),
                    Kind::HandOff | Kind::Model => false,
                    _ => from == text,
                };
                if matches {
                    let to = match kind {
                        Kind::Step => to.rsplit('/').next().unwrap_or(to),
                        _ => to,
                    };
                    return Value::String(to.to_owned());
                }
            }
            value.clone()
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| substitute(v, renames, process))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, renames, process)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// The fields that differ between two values, descending into objects (`raci.A`); a
/// field written as null is a field not written.
fn field_changes(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    // A mapping written where there was none is compared with an empty one, field by
    // field: `motivation.salary: (none) → 40000`.
    let none = serde_json::Map::new();
    let as_map = |value: &Value, other: &Value| match (value, other) {
        (Value::Object(map), _) => Some(map.clone()),
        (Value::Null, Value::Object(_)) => Some(none.clone()),
        _ => None,
    };
    if let (Some(a), Some(b)) = (as_map(old, new), as_map(new, old)) {
        let (a, b) = (&a, &b);
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for key in keys {
            let field = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let a = a.get(key).unwrap_or(&Value::Null);
            let b = b.get(key).unwrap_or(&Value::Null);
            field_changes(&field, a, b, out);
        }
    } else if old != new && !(is_empty(old) && is_empty(new)) {
        let shown = |value: &Value| {
            let mut value = value.clone();
            if path == "next" {
                readable_next(&mut value);
            }
            (!is_empty(&value)).then_some(value)
        };
        out.push(FieldChange {
            field: path.to_owned(),
            old: shown(old),
            new: shown(new),
        });
    }
}

/// A step's `next` as a reader writes it: `record-order`, or `Accepted → record-order` for
/// a decision's branch, rather than the structure it is read into.
fn readable_next(next: &mut Value) {
    if let Value::Array(targets) = next {
        for target in targets.iter_mut() {
            let to = target.get("to").and_then(Value::as_str).unwrap_or_default();
            *target = Value::String(match target.get("when").and_then(Value::as_str) {
                Some(when) => format!("{when} → {to}"),
                None => to.to_owned(),
            });
        }
    }
}

/// Whether a value says nothing: null, or an empty list or mapping (what serde writes for
/// a field left out).
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}
