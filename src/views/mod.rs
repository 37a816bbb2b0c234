//! Views: everything the documents show, derived once from the resolved model and its
//! graphs, as plain serialisable structs. Templates only format these; they never compute.
//!
//! [`Pack`] holds every view of one model. `build --dump-context` prints it, so what a
//! template author sees is exactly what templates receive; `model.json` restates its
//! entities once each, by id, for other tools ([`export`]).

mod checklist;
mod control;
mod date;
mod document;
pub mod export;
mod glossary;
mod indicator;
mod links;
mod motivation;
mod org_chart;
mod pages;
mod plan_fact;
mod raci_matrix;
mod register;
mod regulation;
mod role_profile;
mod wording;
mod workload;

pub use checklist::{Checklist, ChecklistPeriod, ChecklistStep};
pub use control::ControlView;
pub use date::month_written;
pub use document::{DocumentView, Producer};
pub use indicator::{IndicatorGroup, IndicatorView, UnitPlace};
pub use links::{ArtifactLink, ProcessLink, RoleLink, StepLink};
pub use motivation::{FigureUnit, MotivationView, PayTerms, RolePay};
pub use org_chart::{Department, OrgChart, Post};
pub use pages::Page;
pub use plan_fact::{FormTerms, PlanFact};
pub use raci_matrix::{Letter, RaciMatrix, RaciRow, RaciSection, RaciTable};
pub(crate) use register::same_position;
pub use register::{Approver, DocKind, Identity};
pub use regulation::{Amount, Exchange, NextView, Participant, Regulation, StepRef, StepView};
pub use role_profile::{Duty, DutyGroup, Handover, RoleProfile};
pub use wording::{lower_first, upper_first};
pub use workload::{LoadKind, RoleLoadView, WorkloadView};

use serde::Serialize;

use crate::diagram::ProcessMap;
use crate::graph::Graphs;
use crate::layout;
use crate::model::{Language, Term};
use crate::resolve::{ProcessId, Resolved, RoleId, StepId};
use crate::views::links::Linker;
use crate::views::register::Registrar;

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
    /// The motivation policy, when a role has indicators.
    pub motivation: Option<MotivationView>,
    /// The whole responsibility matrix.
    pub raci: RaciMatrix,
    /// Each position's month: hours by kind of work against its people's time; none when
    /// no step gives effort and volume.
    pub workload: Option<WorkloadView>,
    /// Every document of the pack with its code, in register order: the matrix, the
    /// regulations, the job descriptions, the checklists, the forms, the plan/fact forms.
    pub register: Vec<Identity>,
    /// Whether the pack has a handbook (every document in one file to print, in HTML,
    /// Word and PDF): only up to `HANDBOOK_DOCUMENTS` documents. A company's pack of
    /// thousands is tens of thousands of pages, which no one prints as one volume and no
    /// browser lays out; its documents are each printed from their own files.
    pub handbook: bool,
    /// Every page of the pack, in register order (the index first): what each shows and
    /// where it goes.
    pub pages: Vec<Page>,
    /// Each process's map, for the diagrams (not part of the dumped context: the regulations
    /// hold the same flow).
    #[serde(skip)]
    pub maps: Vec<ProcessMap>,
    /// The organisation chart, when the model has internal roles.
    pub org_chart: Option<OrgChart>,
    /// `model.json`: the model as the pack states it, for other tools (not part of what
    /// templates receive: it restates the rest by id).
    #[serde(skip)]
    pub export: export::Export,
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
    /// The date the documents take effect, as the pack's language writes dates.
    pub date: Option<String>,
    /// The same date in ISO 8601 (`2027-02-01`), for other tools.
    pub iso_date: Option<String>,
    /// The approver's position in the genitive, for «назначается на должность приказом
    /// генерального директора».
    pub approver_genitive: Option<String>,
    /// The terms and abbreviations the documents use, sorted.
    pub glossary: Vec<Term>,
    /// The organisation's requisites for its letterhead, a line each (none: blanks).
    pub requisites: Vec<String>,
    /// The language the pack is written in.
    pub language: Language,
    /// Where and when the pack is issued, as a title page's foot prints it: the model's
    /// city and the year of its date («Екатеринбург 2027»), either alone if the other is
    /// missing.
    pub issued: Option<String>,
}

impl Meta {
    /// The organisation the documents belong to, as a printed page's running header names
    /// it: the client, or the model's name.
    pub fn organisation(&self) -> &str {
        self.client.as_deref().unwrap_or(&self.name)
    }
}

/// The most documents a handbook holds: the example has 63, a handbook of 500 is some
/// 1,500 printed pages.
pub const HANDBOOK_DOCUMENTS: usize = 500;

impl Pack {
    /// How large the pack is, for the work a page may take: its steps, positions,
    /// documents and processes, and the cells of its whole matrix when it has one (a
    /// page's work grows with what it lists, the matrix's with its rows times columns).
    pub fn parts(&self) -> usize {
        let steps: usize = self.processes.iter().map(|p| p.raci.rows.len()).sum();
        let cells = if self.raci.whole {
            steps.saturating_mul(self.raci.roles.len())
        } else {
            0
        };
        steps + self.roles.len() + self.documents.len() + self.processes.len() + cells
    }

    /// Derives every view of `model`, written in `language`.
    pub fn of(model: &Resolved, graphs: &Graphs, language: Language) -> Self {
        let orders: Vec<Vec<usize>> = graphs.flows.iter().map(|f| f.step_order()).collect();
        // A bare decision is written as a condition of the step before it: the documents
        // give it no number, no section and no row of a matrix.
        let numbered: Vec<Vec<usize>> = orders
            .iter()
            .zip(&model.processes)
            .map(|(order, process)| {
                let bare = process.bare_decisions();
                order.iter().copied().filter(|&i| !bare[i]).collect()
            })
            .collect();
        let links = Linker::new(model, &numbered, language);
        let in_order = |orders: &[Vec<usize>]| -> Vec<Vec<StepId>> {
            orders
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
                .collect()
        };
        let steps = in_order(&numbered);
        // A role's duties come from every step, a decision it words as its duty too.
        let all: Vec<StepId> = in_order(&orders).concat();
        let registrar = Registrar::new(model, &links);
        let mut processes: Vec<Regulation> = steps
            .iter()
            .enumerate()
            .map(|(p, steps)| {
                let link = links.process(ProcessId(p));
                let identity = registrar.identity(
                    DocKind::Regulation,
                    p,
                    &link.name,
                    link.page.clone(),
                    model
                        .process(ProcessId(p))
                        .owner
                        .map(|owner| links.role(owner.target)),
                );
                Regulation::of(model, graphs, &links, ProcessId(p), steps, identity)
            })
            .collect();
        let (internal, external): (Vec<RoleId>, Vec<RoleId>) = (0..model.roles.len())
            .map(RoleId)
            .partition(|&id| !model.role(id).external);
        let mut roles: Vec<RoleProfile> = internal
            .iter()
            .copied()
            .enumerate()
            .map(|(index, id)| {
                let identity = registrar.job_description(index, id);
                RoleProfile::of(model, graphs, &links, id, &all, identity)
            })
            .collect();
        // Checklists and plan/fact forms are numbered among those the pack has.
        let mut checklists: Vec<Checklist> = Vec::new();
        let mut plan_facts: Vec<PlanFact> = Vec::new();
        for (profile, &id) in roles.iter_mut().zip(&internal) {
            let page = layout::checklist(&profile.role.file);
            let identity = registrar.of_role(
                DocKind::Checklist,
                checklists.len(),
                id,
                page,
                profile.reports_to.clone(),
            );
            if let Some(checklist) = Checklist::of(profile, identity) {
                profile.checklist_page = Some(checklist.identity.page.clone());
                checklists.push(checklist);
            }
            let page = layout::plan_fact(&profile.role.file);
            let identity = registrar.plan_fact(plan_facts.len(), id, page);
            let terms = FormTerms {
                days_per_month: links.days_per_month(),
                cap: links.role_cap(id),
                pay: model.role(id).motivation,
            };
            if let Some(form) = PlanFact::of(profile, identity, terms) {
                profile.plan_fact_page = Some(form.identity.page.clone());
                profile.plan_fact_code = Some(form.identity.code.clone());
                plan_facts.push(form);
            }
        }
        // The department's head keeps the matrix, a document about the whole department: the
        // first role that reports to no role and that others report to. The motivation
        // policy pays that head too, so no role of the model keeps it: the position that
        // approves it does.
        let head = internal
            .iter()
            .copied()
            .find(|&id| {
                model.role(id).reports_to.is_none()
                    && model
                        .roles
                        .iter()
                        .any(|r| r.reports_to.as_ref().is_some_and(|boss| boss.target == id))
            })
            .map(|id| links.role(id));
        let motivation = {
            let identity = registrar.identity(
                DocKind::Motivation,
                0,
                "",
                layout::MOTIVATION.to_owned(),
                None,
            );
            let profiles: Vec<(RoleId, &RoleProfile)> =
                internal.iter().copied().zip(roles.iter()).collect();
            MotivationView::of(model, &links, &profiles, identity)
        };
        let workload = WorkloadView::of(model, &links);
        for profile in &mut roles {
            profile.workload = workload
                .as_ref()
                .and_then(|w| w.of_role(&profile.role.id))
                .cloned();
        }
        let documents = DocumentView::all(model, &graphs.uses, &links, &registrar);
        // A regulation names the blank form of each document it prescribes by its code.
        for record in processes.iter_mut().flat_map(|p| &mut p.documents) {
            record.code = documents
                .iter()
                .find(|d| d.artifact.id == record.artifact.id)
                .and_then(|d| d.identity.as_ref())
                .map(|identity| identity.code.clone());
        }
        let matrix = registrar.identity(DocKind::Matrix, 0, "", layout::MATRIX.to_owned(), head);
        let raci = RaciMatrix::of(model, &links, &steps, matrix);
        // The organisation's structure is not the department head's to keep: the position
        // that approves it keeps it, as it does the motivation policy.
        let chart =
            registrar.identity(DocKind::OrgChart, 0, "", layout::ORG_CHART.to_owned(), None);
        let org_chart = OrgChart::of(&roles, &raci.identity.approver.position, language, chart);
        let register: Vec<Identity> = org_chart
            .iter()
            .map(|o| o.identity.clone())
            .chain(std::iter::once(raci.identity.clone()))
            .chain(processes.iter().map(|p| p.identity.clone()))
            .chain(roles.iter().map(|r| r.identity.clone()))
            .chain(checklists.iter().map(|c| c.identity.clone()))
            .chain(documents.iter().filter_map(|d| d.identity.clone()))
            .chain(plan_facts.iter().map(|f| f.identity.clone()))
            .chain(motivation.iter().map(|m| m.identity.clone()))
            .collect();
        let meta = match &model.info {
            Some(info) => Meta {
                id: info.id.clone(),
                name: info.name.clone(),
                client: info.client.clone(),
                version: info.version.clone(),
                date: info.date.as_ref().map(|(iso, _)| links.date(iso)),
                iso_date: info.date.as_ref().map(|(iso, _)| iso.clone()),
                approver_genitive: info
                    .approval
                    .as_ref()
                    .and_then(|a| a.position_genitive.clone()),
                glossary: {
                    let mut terms = info.glossary.clone();
                    terms.sort_by_key(|t| t.term.to_lowercase());
                    terms
                },
                requisites: info.requisites.clone(),
                language,
                issued: {
                    let year = info.date.as_ref().and_then(|(iso, _)| iso.get(..4));
                    let parts: Vec<&str> = info.city.as_deref().into_iter().chain(year).collect();
                    Some(parts.join(" ")).filter(|s| !s.is_empty())
                },
            },
            None => Meta {
                id: String::new(),
                name: String::new(),
                client: None,
                version: None,
                date: None,
                iso_date: None,
                approver_genitive: None,
                glossary: Vec::new(),
                requisites: Vec::new(),
                language,
                issued: None,
            },
        };
        let mut pack = Pack {
            handbook: register.len() <= HANDBOOK_DOCUMENTS,
            pages: pages::table(
                org_chart.is_some(),
                &processes,
                &roles,
                &checklists,
                &documents,
                &plan_facts,
                motivation.is_some(),
            ),
            meta,
            org_chart,
            processes,
            external_roles: external.into_iter().map(|id| links.role(id)).collect(),
            checklists,
            plan_facts,
            motivation,
            roles,
            documents,
            raci,
            register,
            workload,
            maps: (0..model.processes.len())
                .map(|p| ProcessMap::of(model, links.files(), &graphs.flows[p], ProcessId(p)))
                .collect(),
            export: export::Export::default(),
        };
        pack.export = export::Export::of(&pack, model, &links, &orders);
        pack
    }
}
