//! What a change means for each position: the duties and approvals its job description
//! gains or loses, its indicators, and whether the job description must be signed again.
//!
//! Worked out from the job descriptions the two models would print, so that a change
//! anywhere (a step renamed, an approval moved, a default letter of a process) shows on
//! the people it reaches, as they will read it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::Checked;
use crate::diff::{Change, Kind, Renames, What};
use crate::model::{Language, Letter};
use crate::views::{self, RoleProfile};

/// What changes for one position.
#[derive(Debug, Serialize)]
pub struct RoleImpact {
    /// The role's id (the new one when it was renamed).
    pub id: String,
    /// Its title.
    pub name: String,
    /// Whether its job description must be signed: new, changed or withdrawn.
    pub signing: Option<Signing>,
    /// Duties its job description gains.
    pub new_duties: Vec<String>,
    /// Duties it loses.
    pub removed_duties: Vec<String>,
    /// Steps it now approves (`Process: step`).
    pub new_approvals: Vec<String>,
    /// Steps it no longer approves.
    pub removed_approvals: Vec<String>,
    /// Its indicators added, removed, changed, handed to another role or taken over.
    pub indicators: Vec<IndicatorChange>,
    /// The parts of its job description that changed (`duties`, `workload`, `receives`…),
    /// when it was there before and is still.
    pub sections: Vec<String>,
}

/// An indicator of a role that changed.
#[derive(Debug, Serialize)]
pub struct IndicatorChange {
    /// How.
    pub change: IndicatorWhat,
    /// The indicator's name.
    pub name: String,
}

/// How a role's indicator changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndicatorWhat {
    /// A new indicator of the role.
    Added,
    /// The role no longer has it.
    Removed,
    /// Its plan, weight or another field changed.
    Changed,
    /// It now belongs to another role.
    MovedAway,
    /// It belonged to another role.
    TakenOver,
}

/// Why a job description must be signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signing {
    /// A new position: its first job description.
    New,
    /// Its content changed.
    Changed,
    /// The position is gone: the job description is withdrawn.
    Withdrawn,
}

/// The impact of `changes` on each internal position of either model, in the new
/// model's order (positions that are gone last); positions nothing reaches are left out.
pub(super) fn impact(
    old: &Checked,
    new: &Checked,
    changes: &[Change],
    renames: &Renames,
) -> Vec<RoleImpact> {
    let old_profiles = profiles(old, renames);
    let new_profiles = profiles(new, &Renames::new());
    let old_kpis = kpi_roles(old, renames);
    let new_kpis = kpi_roles(new, &Renames::new());
    let mut ids: Vec<&str> = new_profiles.iter().map(|p| p.id.as_str()).collect();
    ids.extend(
        old_profiles
            .iter()
            .map(|p| p.id.as_str())
            .filter(|id| !new_profiles.iter().any(|p| p.id == *id)),
    );
    let mut impacts = Vec::new();
    for id in ids {
        let before = old_profiles.iter().find(|p| p.id == id);
        let after = new_profiles.iter().find(|p| p.id == id);
        let empty = Profile::default();
        let (b, a) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
        let signing = match (before, after) {
            (None, Some(_)) => Some(Signing::New),
            (Some(_), None) => Some(Signing::Withdrawn),
            _ if b.content != a.content => Some(Signing::Changed),
            _ => None,
        };
        let mut indicators = Vec::new();
        for change in changes.iter().filter(|c| c.kind == Kind::Indicator) {
            let old_role = old_kpis.get(&old_id(change, renames));
            let new_role = new_kpis.get(&change.id);
            let what = match (&change.what, old_role, new_role) {
                (What::Added, _, Some(role)) if role == id => IndicatorWhat::Added,
                (What::Removed, Some(role), _) if role == id => IndicatorWhat::Removed,
                (What::Changed { .. } | What::Renamed { .. }, Some(o), Some(n))
                    if o == id || n == id =>
                {
                    if o != n && o == id {
                        IndicatorWhat::MovedAway
                    } else if o != n {
                        IndicatorWhat::TakenOver
                    } else {
                        IndicatorWhat::Changed
                    }
                }
                _ => continue,
            };
            indicators.push(IndicatorChange {
                change: what,
                name: change.name.clone(),
            });
        }
        let impact = RoleImpact {
            id: id.to_owned(),
            name: after.or(before).map(|p| p.name.clone()).unwrap_or_default(),
            signing,
            new_duties: a.duties.difference(&b.duties).cloned().collect(),
            removed_duties: b.duties.difference(&a.duties).cloned().collect(),
            new_approvals: a.approvals.difference(&b.approvals).cloned().collect(),
            removed_approvals: b.approvals.difference(&a.approvals).cloned().collect(),
            indicators,
            sections: match (&b.content, &a.content) {
                (Value::Object(b), Value::Object(a)) if before.is_some() && after.is_some() => a
                    .keys()
                    .chain(b.keys())
                    .filter(|key| a.get(*key) != b.get(*key))
                    .cloned()
                    .collect::<BTreeSet<String>>()
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            },
        };
        let untouched = impact.signing.is_none()
            && impact.new_duties.is_empty()
            && impact.removed_duties.is_empty()
            && impact.new_approvals.is_empty()
            && impact.removed_approvals.is_empty()
            && impact.indicators.is_empty();
        if !untouched {
            impacts.push(impact);
        }
    }
    impacts
}

/// An indicator's id in the old model.
fn old_id(change: &Change, renames: &Renames) -> String {
    match &change.what {
        What::Renamed { from } => from.clone(),
        _ => renames
            .iter()
            .find(|((kind, _), to)| *kind == Kind::Indicator && **to == change.id)
            .map(|((_, from), _)| from.clone())
            .unwrap_or_else(|| change.id.clone()),
    }
}

/// Each indicator's role id, under the new ids.
fn kpi_roles(checked: &Checked, renames: &Renames) -> BTreeMap<String, String> {
    let model = &checked.model;
    model
        .kpis
        .iter()
        .filter_map(|kpi| {
            let role = &model.role(kpi.role.as_ref()?.target).id;
            Some((kpi.id.clone(), new_id(renames, Kind::Role, role)))
        })
        .collect()
}

fn new_id(renames: &Renames, kind: Kind, id: &str) -> String {
    super::renamed(renames, kind, id)
}

/// A job description reduced to what a diff compares.
#[derive(Default)]
struct Profile {
    /// The role's id, under the new ids.
    id: String,
    name: String,
    duties: BTreeSet<String>,
    approvals: BTreeSet<String>,
    /// Everything it prints but its code, version, links and numbering.
    content: Value,
}

/// The job descriptions of a model's internal positions, in the model's own language.
fn profiles(checked: &Checked, renames: &Renames) -> Vec<Profile> {
    let language: Language = checked.model.language();
    let pack = views::Pack::of(&checked.model, &checked.graphs, language);
    pack.roles
        .iter()
        .map(|profile| {
            let mut duties: BTreeSet<String> = profile.own_duties.iter().cloned().collect();
            let mut approvals = BTreeSet::new();
            for group in &profile.duties {
                duties.extend(group.duties.iter().map(|d| d.text.clone()));
                // The steps it is accountable for: worded as duties, or listed as approvals.
                let approved = group
                    .duties
                    .iter()
                    .filter(|d| d.letter == Letter::A)
                    .map(|d| &d.step)
                    .chain(&group.approves);
                approvals
                    .extend(approved.map(|step| format!("{}: {}", group.process.name, step.name)));
            }
            Profile {
                id: new_id(renames, Kind::Role, &profile.role.id),
                name: profile.role.name.clone(),
                duties,
                approvals,
                content: printed(profile),
            }
        })
        .collect()
}

/// What a job description prints: its view without the code and version (a new edition
/// of the whole pack does not change what a position does), links, ids, numbering and the
/// widths of its workload bars (drawn relative to the busiest position, so they move when
/// another position's work does).
fn printed(profile: &RoleProfile) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.retain(|key, _| {
                    !["id", "file", "page", "href", "number", "identity"].contains(&key.as_str())
                        && !key.ends_with("_page")
                });
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(profile).unwrap_or(Value::Null);
    strip(&mut value);
    if let Some(Value::Array(bars)) = value.pointer_mut("/workload/kinds") {
        for bar in bars.iter_mut().filter_map(Value::as_object_mut) {
            bar.remove("width");
            bar.remove("from");
        }
    }
    value
}
