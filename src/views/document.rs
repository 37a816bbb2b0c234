//! `DocumentView`: a document or information object, where it is produced and used; for a
//! report or form, also its blank form.

use serde::Serialize;

use crate::graph::ArtifactUses;
use crate::model::{ArtifactKind, Field, Frequency};
use crate::resolve::{ArtifactId, Resolved, StepId};
use crate::views::links::{ArtifactLink, Linker, RoleLink, StepLink};

/// One artifact as the pack's list of documents and its blank form show it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    /// The artifact.
    pub artifact: ArtifactLink,
    /// What sort of object it is.
    pub kind: ArtifactKind,
    /// What it contains or is for.
    pub description: Option<String>,
    /// Whether it comes from outside the organisation.
    pub external: bool,
    /// How often it is produced.
    pub frequency: Option<Frequency>,
    /// Its columns or fields (the blank form's columns).
    pub fields: Vec<Field>,
    /// The steps that produce it, with who fills it in there.
    pub produced_at: Vec<Producer>,
    /// The steps that use it.
    pub used_at: Vec<StepLink>,
}

/// A step producing a document and the roles performing it.
#[derive(Clone, Debug, Serialize)]
pub struct Producer {
    /// The step.
    pub step: StepLink,
    /// Its R roles: who fills the document in.
    pub roles: Vec<RoleLink>,
}

impl DocumentView {
    /// The view of every artifact, in the order written, from the index of where each is
    /// written and read.
    pub fn all(model: &Resolved, uses: &ArtifactUses, links: &Linker<'_>) -> Vec<Self> {
        // Steps in the order the pack lists them: processes as written, steps along the flow.
        let in_order = |steps: &[StepId]| {
            let mut steps = steps.to_vec();
            steps.sort_by_key(|&step| (step.process, links.number(step)));
            steps
        };
        let produced: Vec<Vec<StepId>> = uses.producers.iter().map(|s| in_order(s)).collect();
        let used: Vec<Vec<StepId>> = uses.consumers.iter().map(|s| in_order(s)).collect();
        model
            .artifacts
            .iter()
            .enumerate()
            .map(|(index, artifact)| DocumentView {
                artifact: links.artifact(ArtifactId(index)),
                kind: artifact.kind,
                description: artifact.description.clone(),
                external: artifact.external,
                frequency: artifact.frequency,
                fields: artifact.fields.clone(),
                produced_at: produced[index]
                    .iter()
                    .map(|&step| Producer {
                        step: links.step(step),
                        roles: links.roles(&model.step(step).raci.r),
                    })
                    .collect(),
                used_at: used[index].iter().map(|&step| links.step(step)).collect(),
            })
            .collect()
    }
}
