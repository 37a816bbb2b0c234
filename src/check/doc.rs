//! Document rules: what the pack's documents need from the model.

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Rule};
use crate::model::{ArtifactKind, Level};
use crate::resolve::ArtifactId;

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
