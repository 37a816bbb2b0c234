//! Document rules: what the pack's documents need from the model.

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Rule};
use crate::model::{ArtifactKind, Level};
use crate::resolve::{ArtifactId, KpiId, ProcessId, RoleId, StepId};

/// A report or form without fields.
pub static FORM_WITHOUT_FIELDS: Rule = Rule {
    name: "doc/form-without-fields",
    default_level: Level::Warning,
    summary: "an artifact of kind report or form without fields (no reporting form can be drawn)",
    explanation: "The documentation pack draws a blank form for every report and form from \
        its `fields`. Without them the employee gets an empty page.\n\n\
        Failing: `{ id: call-report, name: Call report, kind: report }`.\n\n\
        Fix:\n\n```yaml\nfields:\n  - name: Company\n  - { name: Result, type: choice, options: [Interest, Refusal] }\n```",
};

pub fn form_without_fields(cx: &Context, findings: &mut Findings) {
    for (index, artifact) in cx.model.artifacts.iter().enumerate() {
        if matches!(artifact.kind, ArtifactKind::Report | ArtifactKind::Form)
            && artifact.fields.is_empty()
        {
            findings.add(
                Diagnostic::new(
                    &FORM_WITHOUT_FIELDS,
                    artifact.at,
                    format!(
                        "{} `{}` has no fields to draw a blank form from",
                        if artifact.kind == ArtifactKind::Report {
                            "report"
                        } else {
                            "form"
                        },
                        artifact.id
                    ),
                )
                .with_help("list its columns under `fields:`"),
                [Subject::Artifact(ArtifactId(index))],
            );
        }
    }
}

/// The most characters an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A name longer than a spreadsheet cell.
pub static LONG_NAME: Rule = Rule {
    name: "doc/long-name",
    default_level: Level::Warning,
    summary: "a name longer than 32,767 characters, which no spreadsheet cell holds",
    explanation: "Names go into the matrix's Excel workbook, and a cell holds at most \
        32,767 characters; raci.xlsx shows such a name cut short. A name this long is \
        almost always a description pasted into the wrong field.\n\n\
        Failing: a step whose `name` holds a whole instruction.\n\n\
        Fix: a short name, and the text in `description`.",
};

pub fn long_name(cx: &Context, findings: &mut Findings) {
    let model = cx.model;
    let mut check = |kind: &str, id: &str, name: &str, at, subject| {
        let chars = name.chars().count();
        if chars > MAX_CELL_CHARS {
            findings.add(
                Diagnostic::new(
                    &LONG_NAME,
                    at,
                    format!(
                        "the name of {kind} `{id}` is {chars} characters long; a spreadsheet cell holds {MAX_CELL_CHARS}"
                    ),
                )
                .with_help("keep the name short and move the text into `description`"),
                [subject],
            );
        }
    };
    for (index, role) in model.roles.iter().enumerate() {
        check(
            "role",
            &role.id,
            &role.name,
            role.at,
            Subject::Role(RoleId(index)),
        );
    }
    for (index, artifact) in model.artifacts.iter().enumerate() {
        let subject = Subject::Artifact(ArtifactId(index));
        check(
            "artifact",
            &artifact.id,
            &artifact.name,
            artifact.at,
            subject,
        );
    }
    for (index, kpi) in model.kpis.iter().enumerate() {
        check(
            "indicator",
            &kpi.id,
            &kpi.name,
            kpi.at,
            Subject::Kpi(KpiId(index)),
        );
    }
    for (p, process) in model.processes.iter().enumerate() {
        let subject = Subject::Process(ProcessId(p));
        check("process", &process.id, &process.name, process.at, subject);
        for (index, step) in process.steps.iter().enumerate() {
            let subject = Subject::Step(StepId {
                process: ProcessId(p),
                index,
            });
            check("step", &step.id, &step.name, step.at, subject);
        }
    }
}
