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
    /// The view of artifact `id`; `order` lists every step in document order.
    pub fn of(model: &Resolved, links: &Linker<'_>, id: ArtifactId, order: &[StepId]) -> Self {
        let artifact = model.artifact(id);
        let mentions =
            |list: &[crate::resolve::Ref<ArtifactId>]| list.iter().any(|a| a.target == id);
        DocumentView {
            artifact: links.artifact(id),
            kind: artifact.kind,
            description: artifact.description.clone(),
            external: artifact.external,
            frequency: artifact.frequency,
            fields: artifact.fields.clone(),
            produced_at: order
                .iter()
                .filter(|&&step| mentions(&model.step(step).outputs))
                .map(|&step| Producer {
                    step: links.step(step),
                    roles: links.roles(&model.step(step).raci.r),
                })
                .collect(),
            used_at: order
                .iter()
                .filter(|&&step| mentions(&model.step(step).inputs))
                .map(|&step| links.step(step))
                .collect(),
        }
    }
}
