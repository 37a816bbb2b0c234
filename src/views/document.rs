//! `DocumentView`: a document or information object, where it is produced and used; for a
//! report or form, also its blank form.

use serde::Serialize;

use crate::graph::ArtifactUses;
use crate::model::{ArtifactKind, Field, Frequency};
use crate::resolve::{ArtifactId, Resolved, StepId};
use crate::views::links::{ArtifactLink, Linker, RoleLink, StepLink};
use crate::views::register::{DocKind, Identity, Registrar};

/// One artifact as the pack's list of documents and its blank form show it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    /// The artifact.
    pub artifact: ArtifactLink,
    /// The code, title and version of its blank form or template, when the pack has one.
    pub identity: Option<Identity>,
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
    pub fn all(
        model: &Resolved,
        uses: &ArtifactUses,
        links: &Linker<'_>,
        registrar: &Registrar<'_>,
    ) -> Vec<Self> {
        // Steps in the order the pack lists them: processes as written, steps along the flow.
        let in_order = |steps: &[StepId]| {
            let mut steps = steps.to_vec();
            steps.sort_by_key(|&step| (step.process, links.number(step)));
            steps
        };
        let produced: Vec<Vec<StepId>> = uses.producers.iter().map(|s| in_order(s)).collect();
        let used: Vec<Vec<StepId>> = uses.consumers.iter().map(|s| in_order(s)).collect();
        let mut forms = 0;
        model
            .artifacts
            .iter()
            .enumerate()
            .map(|(index, artifact)| {
                let link = links.artifact(ArtifactId(index));
                let producers: Vec<Producer> = produced[index]
                    .iter()
                    .map(|&step| Producer {
                        step: links.step(step),
                        roles: links.roles(&model.step(step).raci.r),
                    })
                    .collect();
                let identity = link.form.then(|| {
                    forms += 1;
                    registrar.identity(
                        DocKind::Form,
                        forms - 1,
                        &artifact.name,
                        format!("forms/{}", link.file),
                        producers
                            .iter()
                            .flat_map(|p| p.roles.first())
                            .next()
                            .cloned(),
                    )
                });
                DocumentView {
                    artifact: link,
                    identity,
                    kind: artifact.kind,
                    description: artifact.description.clone(),
                    external: artifact.external,
                    frequency: artifact.frequency,
                    fields: artifact.fields.clone(),
                    produced_at: producers,
                    used_at: used[index].iter().map(|&step| links.step(step)).collect(),
                }
            })
            .collect()
    }
}
