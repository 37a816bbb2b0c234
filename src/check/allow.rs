//! `allow:` per-element suppression of findings, and the rule that reports an `allow` that
//! suppresses nothing.

use std::collections::BTreeMap;

use crate::check::registry;
use crate::check::{Config, Finding, Subject};
use crate::diag::{Diagnostic, Location, Rule};
use crate::model::{Allow, Level};
use crate::resolve::{ArtifactId, KpiId, ProcessId, Resolved, RoleId, StepId, UNKNOWN_REFERENCE};
use crate::suggest::did_you_mean;

/// An `allow` that suppresses nothing.
pub static UNUSED_ALLOW: Rule = Rule {
    name: "unused-allow",
    default_level: Level::Warning,
    summary: "an `allow` that suppresses no finding",
    explanation: "An `allow` accepts a finding of one rule on one element. When the finding \
        is gone (the model was fixed) the `allow` is stale, and would silently accept the \
        next, different problem of the same rule; so it is reported.\n\n\
        Failing:\n\n```yaml\n- id: contract\n  outputs: [contract]\n  allow:\n    - { rule: data/output-unused, reason: archived }   # but a later step reads it\n```\n\n\
        Fix: remove the `allow`.",
};

struct Entry<'a> {
    allow: &'a Allow,
    at: Location,
    used: bool,
}

/// Drops the findings an `allow` accepts and reports unknown rule names in `allow` and
/// every `allow` that accepted nothing. Returns the remaining diagnostics.
pub fn suppress(model: &Resolved, config: &Config, findings: Vec<Finding>) -> Vec<Diagnostic> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_subject: BTreeMap<Subject, Vec<usize>> = BTreeMap::new();
    let owners = owners(model);
    for (subject, element_at, allows) in &owners {
        for allow in *allows {
            by_subject.entry(*subject).or_default().push(entries.len());
            entries.push(Entry {
                allow,
                at: Location {
                    file: element_at.file,
                    span: allow.rule.span,
                },
                used: false,
            });
        }
    }
    let mut kept = Vec::new();
    for finding in findings {
        let rule = finding.diagnostic.rule.name;
        let candidates = finding.subjects.iter().flat_map(|subject| {
            let process = match subject {
                Subject::Step(step) => Some(Subject::Process(step.process)),
                _ => None,
            };
            std::iter::once(*subject).chain(process)
        });
        let mut suppressed = false;
        for subject in candidates {
            for &index in by_subject.get(&subject).into_iter().flatten() {
                if entries[index].allow.rule.value == rule {
                    entries[index].used = true;
                    suppressed = true;
                }
            }
        }
        if !suppressed {
            kept.push(finding.diagnostic);
        }
    }
    for entry in &entries {
        let name = entry.allow.rule.value.as_str();
        match registry::find(name) {
            None => kept.push(
                Diagnostic::new(
                    &UNKNOWN_REFERENCE,
                    entry.at,
                    format!("unknown rule `{name}`"),
                )
                .with_optional_help(did_you_mean(name, registry::rules().map(|r| r.name))),
            ),
            Some(rule) if !entry.used && config.level(rule) != Level::Off => kept.push(
                Diagnostic::new(
                    &UNUSED_ALLOW,
                    entry.at,
                    format!("this `allow` of `{name}` suppresses nothing"),
                )
                .with_help("the finding it accepted is gone: remove the `allow`"),
            ),
            Some(_) => {}
        }
    }
    kept
}

/// Every element that can carry `allow`, with where it is defined.
fn owners(model: &Resolved) -> Vec<(Subject, Location, &[Allow])> {
    let mut owners: Vec<(Subject, Location, &[Allow])> = Vec::new();
    owners.extend(
        model
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| (Subject::Role(RoleId(i)), r.at, r.allow.as_slice())),
    );
    owners.extend(
        model
            .artifacts
            .iter()
            .enumerate()
            .map(|(i, a)| (Subject::Artifact(ArtifactId(i)), a.at, a.allow.as_slice())),
    );
    owners.extend(
        model
            .kpis
            .iter()
            .enumerate()
            .map(|(i, k)| (Subject::Kpi(KpiId(i)), k.at, k.allow.as_slice())),
    );
    for (p, process) in model.processes.iter().enumerate() {
        owners.push((
            Subject::Process(ProcessId(p)),
            process.at,
            process.allow.as_slice(),
        ));
        for (index, step) in process.steps.iter().enumerate() {
            let id = StepId {
                process: ProcessId(p),
                index,
            };
            owners.push((Subject::Step(id), step.at, step.allow.as_slice()));
        }
    }
    owners
}
