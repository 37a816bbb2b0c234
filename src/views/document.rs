//! `DocumentView`: a document or information object, where it is produced and used; for a
//! report or form, also its blank form.

use serde::Serialize;

use crate::graph::ArtifactUses;
use crate::model::{ArtifactKind, Field, Frequency, VolumePeriod};
use crate::resolve::{ArtifactId, Resolved, StepId};
use crate::views::indicator::IndicatorView;
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
    /// How many rows its blank form has: the model's `rows`, or as many as the steps that
    /// fill it come round in the form's period (at least 10).
    pub rows: u32,
    /// The indicators measured by it: the plan its totals are compared with.
    pub plans: Vec<IndicatorView>,
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
                    rows: artifact.rows.unwrap_or_else(|| {
                        rows_for(model, links, artifact.frequency, &produced[index])
                    }),
                    plans: model
                        .kpis
                        .iter()
                        .filter(|k| k.measured_by.is_some_and(|m| m.target.0 == index))
                        .map(|k| IndicatorView::of(k, links))
                        .collect(),
                    produced_at: producers,
                    used_at: used[index].iter().map(|&step| links.step(step)).collect(),
                }
            })
            .collect()
    }
}

/// The fewest rows a blank form has: a sheet with a handful of rows is not worth printing.
const MIN_ROWS: u32 = 10;

/// The rows a blank form of `frequency` needs for the steps `producers` that fill it: the
/// busiest step's volume over the form's period, in working days.
fn rows_for(
    model: &Resolved,
    links: &Linker<'_>,
    frequency: Option<Frequency>,
    producers: &[StepId],
) -> u32 {
    let month = links.days_per_month();
    let days = |period: VolumePeriod| match period {
        VolumePeriod::Day => 1.0,
        VolumePeriod::Week => 5.0,
        VolumePeriod::Month => month,
    };
    let form_days = match frequency {
        Some(Frequency::Daily) => 1.0,
        Some(Frequency::Weekly) => 5.0,
        Some(Frequency::Monthly) => month,
        Some(Frequency::Quarterly) => 3.0 * month,
        Some(Frequency::PerEvent) | None => return MIN_ROWS,
    };
    producers
        .iter()
        .filter_map(|&step| model.step(step).volume)
        .map(|v| (v.count / days(v.per) * form_days).ceil() as u32)
        .max()
        .unwrap_or(0)
        .max(MIN_ROWS)
}
