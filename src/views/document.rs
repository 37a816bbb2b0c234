//! `DocumentView`: a document or information object, where it is produced and used; for a
//! report or form, also its blank form.

use serde::Serialize;

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
    /// The view of every artifact, in the order written; `order` lists every step in
    /// document order. One pass over the steps finds where each artifact is produced and
    /// used, so a model with thousands of documents costs no more than its steps.
    pub fn all(model: &Resolved, links: &Linker<'_>, order: &[StepId]) -> Vec<Self> {
        let mut produced: Vec<Vec<StepId>> = vec![Vec::new(); model.artifacts.len()];
        let mut used: Vec<Vec<StepId>> = vec![Vec::new(); model.artifacts.len()];
        for &step in order {
            let step_data = model.step(step);
            for output in &step_data.outputs {
                note(&mut produced[output.target.0], step);
            }
            for input in &step_data.inputs {
                note(&mut used[input.target.0], step);
            }
        }
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

/// Adds `step` to `steps` once, even when the step lists the artifact twice.
fn note(steps: &mut Vec<StepId>, step: StepId) {
    if steps.last() != Some(&step) {
        steps.push(step);
    }
}
