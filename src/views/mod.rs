//! Views: everything the documents show, derived once from the resolved model and its
//! graphs, as plain serialisable structs. Templates only format these; they never compute.
//!
//! [`Pack`] holds every view of one model. `build --dump-context` prints it, and
//! `model.json` is it, so what a template author sees is exactly what templates receive.

mod checklist;
mod control;
mod date;
mod document;
mod indicator;
mod links;
mod plan_fact;
mod raci_matrix;
mod regulation;
mod role_profile;

pub use checklist::{Checklist, ChecklistPeriod, ChecklistStep};
pub use control::ControlView;
pub use document::{DocumentView, Producer};
pub use indicator::{IndicatorGroup, IndicatorView};
pub use links::{ArtifactLink, ProcessLink, RoleLink, StepLink};
pub use plan_fact::PlanFact;
pub use raci_matrix::{Letter, RaciMatrix, RaciRow, RaciSection, RaciTable};
pub use regulation::{Amount, Exchange, NextView, Participant, Regulation, StepRef, StepView};
pub use role_profile::{Duty, DutyGroup, Handover, RoleProfile};

use serde::Serialize;

use crate::diagram::ProcessMap;
use crate::graph::Graphs;
use crate::model::Language;
use crate::resolve::{ProcessId, Resolved, RoleId, StepId};
use crate::views::links::Linker;

/// Every view of one model: the content of the documentation pack.
#[derive(Clone, Debug, Serialize)]
pub struct Pack {
    /// What the model is.
    pub meta: Meta,
    /// A regulation per process, in the order written.
    pub processes: Vec<Regulation>,
    /// A job description per internal role, in the order written.
    pub roles: Vec<RoleProfile>,
    /// External parties (the client): they take part in RACI but get no documents.
    pub external_roles: Vec<RoleLink>,
    /// A checklist per internal role that performs a step.
    pub checklists: Vec<Checklist>,
    /// Every document, in the order written; reports and forms have blank forms.
    pub documents: Vec<DocumentView>,
    /// A plan/fact form per role with indicators.
    pub plan_facts: Vec<PlanFact>,
    /// The whole responsibility matrix.
    pub raci: RaciMatrix,
    /// Each process's map, for the diagrams (not part of `model.json`: the regulations
    /// hold the same flow).
    #[serde(skip)]
    pub maps: Vec<ProcessMap>,
}

/// What the model is: the pack's title page.
#[derive(Clone, Debug, Serialize)]
pub struct Meta {
    /// The model's id.
    pub id: String,
    /// Its title.
    pub name: String,
    /// The client.
    pub client: Option<String>,
    /// Its version.
    pub version: Option<String>,
    /// The language the pack is written in.
    pub language: Language,
}

impl Pack {
    /// Derives every view of `model`, written in `language`.
    pub fn of(model: &Resolved, graphs: &Graphs, language: Language) -> Self {
        let orders: Vec<Vec<usize>> = graphs.flows.iter().map(|f| f.step_order()).collect();
        let links = Linker::new(model, &orders, language);
        let steps: Vec<Vec<StepId>> = orders
            .iter()
            .enumerate()
            .map(|(p, order)| {
                order
                    .iter()
                    .map(|&index| StepId {
                        process: ProcessId(p),
                        index,
                    })
                    .collect()
            })
            .collect();
        let all: Vec<StepId> = steps.iter().flatten().copied().collect();
        let processes = steps
            .iter()
            .enumerate()
            .map(|(p, steps)| Regulation::of(model, graphs, &links, ProcessId(p), steps))
            .collect();
        let (internal, external): (Vec<RoleId>, Vec<RoleId>) = (0..model.roles.len())
            .map(RoleId)
            .partition(|&id| !model.role(id).external);
        let roles: Vec<RoleProfile> = internal
            .into_iter()
            .map(|id| RoleProfile::of(model, graphs, &links, id, &all))
            .collect();
        let meta = match &model.info {
            Some(info) => Meta {
                id: info.id.clone(),
                name: info.name.clone(),
                client: info.client.clone(),
                version: info.version.clone(),
                language,
            },
            None => Meta {
                id: String::new(),
                name: String::new(),
                client: None,
                version: None,
                language,
            },
        };
        Pack {
            meta,
            processes,
            external_roles: external.into_iter().map(|id| links.role(id)).collect(),
            checklists: roles.iter().filter_map(Checklist::of).collect(),
            plan_facts: roles.iter().filter_map(PlanFact::of).collect(),
            roles,
            documents: DocumentView::all(model, &graphs.uses, &links),
            raci: RaciMatrix::of(model, &links, &steps),
            maps: (0..model.processes.len())
                .map(|p| ProcessMap::of(model, links.files(), &graphs.flows[p], ProcessId(p)))
                .collect(),
        }
    }
}
