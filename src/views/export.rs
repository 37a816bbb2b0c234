//! `model.json`: the model as the pack states it, for other tools (a BI dashboard, a
//! script, an import into a process-mining suite), in a documented shape that changes
//! only with its `format` number.
//!
//! Every entity is written once and refers to the others by id: a step names its roles
//! and documents, it does not repeat them. An optional field with no value is left out,
//! as is a letter no role holds; a list is always written, empty or not. The documents' prose (the wording of duties,
//! the pages' labels) is left to the documents; what stays is what a tool computes with:
//! who does what, with which documents, in which order, measured how, and at what load.
//! `raciflow schema --pack` prints the JSON Schema of this shape.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{
    ArtifactKind, Direction, EffortUnit, KpiCategory, Language, Period, RoleCategory, StepKind,
    ValueKind, VolumePeriod,
};
use crate::resolve::{ProcessId, Ref, Resolved, RoleId, StepId, Target};
use crate::views::links::Linker;
use crate::views::{
    Amount, DocKind, Exchange, Identity, IndicatorView, Pack, RoleLink, WorkloadView, same_position,
};

/// The shape `model.json` has now. A change that could break a reader (a field removed,
/// renamed or given another meaning) raises it; a field added does not.
pub const FORMAT: u32 = 1;

/// `model.json`.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Export {
    /// The shape of this file: 1.
    pub format: u32,
    /// The model.
    pub model: About,
    /// The positions, in the order written; external parties (the client) among them.
    pub roles: Vec<Role>,
    /// The documents and information, in the order written.
    pub documents: Vec<Document>,
    /// The processes, in the order written, each with its steps in flow order.
    pub processes: Vec<Process>,
    /// The indicators (KPI, "Standard", SMART goals) of each position that has them.
    pub indicators: Vec<Indicator>,
    /// Every document of the pack with its code, in register order.
    pub register: Vec<Entry>,
    /// Each position's month of work, when steps give effort and volume.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload: Option<Workload>,
}

/// What the model is.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct About {
    /// Its id.
    pub id: String,
    /// Its title.
    pub name: String,
    /// The client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// Its version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The date the documents take effect (ISO 8601: `2027-02-01`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The language of the documents.
    pub language: Language,
}

/// A position, or an external party.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Role {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// An external party: it takes part in steps but gets no documents.
    pub external: bool,
    /// Its department.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Manager, specialist or worker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<RoleCategory>,
    /// How many people hold it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// The position it reports to (an id of `roles`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
    /// The position that stands in for it (an id of `roles`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deputy: Option<String>,
    /// The code of its job description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_description: Option<String>,
    /// The code of its checklist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checklist: Option<String>,
    /// The code of its plan/fact form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_fact: Option<String>,
}

/// A document or piece of information.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Document {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: ArtifactKind,
    /// It comes from outside the organisation.
    pub external: bool,
    /// What it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The code of its blank form, when the pack has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Its fields or columns, by name.
    pub fields: Vec<String>,
}

/// A process.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Process {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The code of its regulation.
    pub code: String,
    /// The position that owns it (an id of `roles`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Why it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// What starts it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    /// What it gives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The documents it receives, and the processes they come from.
    pub inputs: Vec<Flow>,
    /// The documents it hands on, and the processes they go to.
    pub outputs: Vec<Flow>,
    /// Its steps, in flow order.
    pub steps: Vec<Step>,
}

/// A document that passes between processes.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Flow {
    /// The document (an id of `documents`).
    pub document: String,
    /// The other processes (ids of `processes`); none: outside the model.
    pub processes: Vec<String>,
    /// The parties outside the processes it passes between (ids of `roles`: the client).
    pub parties: Vec<String>,
}

/// A step of a process.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Step {
    /// Its id, unique in its process.
    pub id: String,
    /// Its number in the regulation; none for a decision the regulation asks as a
    /// condition of the step before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    /// What is done.
    pub name: String,
    /// A task, a decision or a call of another process.
    pub kind: StepKind,
    /// The process it calls (an id of `processes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls: Option<String>,
    /// Who does what (ids of `roles`).
    pub raci: Raci,
    /// The documents it uses (ids of `documents`).
    pub inputs: Vec<String>,
    /// The documents it makes (ids of `documents`).
    pub outputs: Vec<String>,
    /// The time one occurrence takes (`unit`: minutes, hours or days).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<Amount<EffortUnit>>,
    /// How often it occurs for each person who does it (`unit`: a day, week or month).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<Amount<VolumePeriod>>,
    /// The kind of work it is, for the workload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueKind>,
    /// The steps that may follow it; none: the process ends.
    pub next: Vec<Next>,
}

/// The roles of a step by letter; a letter no role holds is left out.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct Raci {
    /// Responsible: does the work.
    #[serde(rename = "R", skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<String>,
    /// Accountable: answers for the result and approves it.
    #[serde(rename = "A", skip_serializing_if = "Vec::is_empty")]
    pub accountable: Vec<String>,
    /// Consulted before or during the work.
    #[serde(rename = "C", skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    /// Informed of the result.
    #[serde(rename = "I", skip_serializing_if = "Vec::is_empty")]
    pub informed: Vec<String>,
    /// Supports the responsible.
    #[serde(rename = "S", skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<String>,
}

/// A way out of a step.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Next {
    /// The step it leads to (an id of the same process's steps); none: the process ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The condition or answer it is taken on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

/// An indicator of a position.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Indicator {
    /// Its id.
    pub id: String,
    /// The position it measures (an id of `roles`).
    pub role: String,
    /// Its name.
    pub name: String,
    /// KPI, "Standard" or SMART goal.
    pub category: KpiCategory,
    /// Its target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// The target's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The period the target is for.
    pub period: Period,
    /// The target for a month, the period's converted (none for a SMART goal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month_target: Option<f64>,
    /// Whether more or less is better.
    pub direction: Direction,
    /// The document that records it (an id of `documents`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<String>,
    /// Its weight in the position's bonus, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// The fulfilment below which it pays nothing, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
}

/// A document of the pack in the register.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Entry {
    /// Its code.
    pub code: String,
    /// What kind of document it is.
    pub kind: DocKind,
    /// Its title.
    pub title: String,
    /// Its page in the pack, without extension (`processes/lead-qualification`).
    pub page: String,
    /// Its version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The position that keeps it up to date (an id of `roles`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The position that approves it (an id of `roles`), when it is one of the model's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approver: Option<String>,
    /// The position that approves it as the model writes it, when it is not one of the
    /// model's positions (the general director of a model of the sales department).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approver_position: Option<String>,
}

/// The positions' month of work.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Workload {
    /// A person's working hours in a month.
    pub fund: f64,
    /// The positions whose steps give figures.
    pub roles: Vec<Load>,
}

/// One position's month of work.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Load {
    /// The position (an id of `roles`).
    pub role: String,
    /// How many people hold it.
    pub headcount: u32,
    /// Hours a month per person.
    pub hours: f64,
    /// Those hours as a percentage of a person's working month.
    pub percent: f64,
    /// The people the work needs.
    pub needed: f64,
    /// How many steps it is responsible for.
    pub steps: usize,
    /// How many of its steps give effort and volume.
    pub steps_with_figures: usize,
}

impl Export {
    /// `model.json` of `pack`, the views of `model`, whose steps in flow order are
    /// `orders[p]` for process `p` and are numbered by `links` (the flow is taken from the
    /// model: the regulations write a bare decision as a condition, not as a step).
    pub fn of(pack: &Pack, model: &Resolved, links: &Linker<'_>, orders: &[Vec<usize>]) -> Export {
        let code = |identity: &Identity| identity.code.clone();
        let mut roles: Vec<Role> = pack
            .roles
            .iter()
            .map(|profile| Role {
                id: profile.role.id.clone(),
                name: profile.role.name.clone(),
                external: false,
                department: profile.department.clone(),
                category: Some(profile.category),
                headcount: Some(profile.headcount),
                reports_to: profile.reports_to.as_ref().map(id),
                deputy: profile.deputy.as_ref().map(id),
                job_description: Some(code(&profile.identity)),
                checklist: pack
                    .checklists
                    .iter()
                    .find(|c| c.role.id == profile.role.id)
                    .map(|c| code(&c.identity)),
                plan_fact: profile.plan_fact_code.clone(),
            })
            .collect();
        roles.extend(pack.external_roles.iter().map(|party| Role {
            id: party.id.clone(),
            name: party.name.clone(),
            external: true,
            department: None,
            category: None,
            headcount: None,
            reports_to: None,
            deputy: None,
            job_description: None,
            checklist: None,
            plan_fact: None,
        }));
        Export {
            format: FORMAT,
            model: About {
                id: pack.meta.id.clone(),
                name: pack.meta.name.clone(),
                client: pack.meta.client.clone(),
                version: pack.meta.version.clone(),
                date: pack.meta.iso_date.clone(),
                language: pack.meta.language,
            },
            roles,
            documents: pack
                .documents
                .iter()
                .map(|document| Document {
                    id: document.artifact.id.clone(),
                    name: document.artifact.name.clone(),
                    kind: document.kind,
                    external: document.external,
                    description: document.description.clone(),
                    form: document.identity.as_ref().map(code),
                    fields: document.fields.iter().map(|f| f.name.clone()).collect(),
                })
                .collect(),
            processes: pack
                .processes
                .iter()
                .zip(orders)
                .enumerate()
                .map(|(p, (regulation, order))| Process {
                    id: regulation.process.id.clone(),
                    name: regulation.process.name.clone(),
                    code: code(&regulation.identity),
                    owner: regulation.owner.as_ref().map(id),
                    purpose: regulation.purpose.clone(),
                    trigger: regulation.trigger.clone(),
                    result: regulation.result.clone(),
                    inputs: regulation.inputs.iter().map(flow).collect(),
                    outputs: regulation.outputs.iter().map(flow).collect(),
                    steps: order
                        .iter()
                        .map(|&index| {
                            step(
                                model,
                                links,
                                StepId {
                                    process: ProcessId(p),
                                    index,
                                },
                            )
                        })
                        .collect(),
                })
                .collect(),
            indicators: pack
                .plan_facts
                .iter()
                .flat_map(|form| {
                    form.groups
                        .iter()
                        .flat_map(|group| &group.indicators)
                        .map(|k| indicator(&form.role, k))
                })
                .collect(),
            register: pack
                .register
                .iter()
                .map(|identity| {
                    let position = &identity.approver.position;
                    let approver = pack
                        .roles
                        .iter()
                        .find(|r| same_position(&r.role.name, position))
                        .map(|r| r.role.id.clone());
                    Entry {
                        code: identity.code.clone(),
                        kind: identity.kind,
                        title: identity.title.clone(),
                        page: identity.page.clone(),
                        version: identity.version.clone(),
                        owner: identity.owner.as_ref().map(id),
                        approver_position: approver.is_none().then(|| position.clone()),
                        approver,
                    }
                })
                .collect(),
            workload: pack.workload.as_ref().map(workload),
        }
    }
}

fn id(role: &RoleLink) -> String {
    role.id.clone()
}

fn ids(roles: &[RoleLink]) -> Vec<String> {
    roles.iter().map(id).collect()
}

fn flow(exchange: &Exchange) -> Flow {
    Flow {
        document: exchange.artifact.id.clone(),
        processes: exchange.processes.iter().map(|p| p.id.clone()).collect(),
        parties: ids(&exchange.parties),
    }
}

/// Step `id` as `model` has it, numbered as `links` number it in its regulation.
fn step(model: &Resolved, links: &Linker<'_>, id: StepId) -> Step {
    let process = model.process(id.process);
    let step = model.step(id);
    let number = (!links.is_condition(id)).then(|| links.number(id));
    let roles = |refs: &[Ref<RoleId>]| -> Vec<String> {
        refs.iter()
            .map(|r| model.role(r.target).id.clone())
            .collect()
    };
    let documents = |refs: &[Ref<crate::resolve::ArtifactId>]| -> Vec<String> {
        refs.iter()
            .map(|r| model.artifact(r.target).id.clone())
            .collect()
    };
    Step {
        id: step.id.clone(),
        number,
        name: step.name.clone(),
        kind: step.kind,
        calls: step
            .calls
            .as_ref()
            .map(|c| model.process(c.target).id.clone()),
        raci: Raci {
            responsible: roles(&step.raci.r),
            accountable: roles(&step.raci.a),
            consulted: roles(&step.raci.c),
            informed: roles(&step.raci.i),
            support: roles(&step.raci.s),
        },
        inputs: documents(&step.inputs),
        outputs: documents(&step.outputs),
        effort: step.effort.map(Amount::from),
        volume: step.volume.map(Amount::from),
        value: step.value,
        next: step
            .next
            .iter()
            .map(|edge| Next {
                step: match edge.to {
                    Target::Step(to) => Some(process.steps[to].id.clone()),
                    Target::End => None,
                },
                when: edge.when.as_ref().map(|(when, _)| when.clone()),
            })
            .collect(),
    }
}

fn indicator(role: &RoleLink, k: &IndicatorView) -> Indicator {
    Indicator {
        id: k.id.clone(),
        role: role.id.clone(),
        name: k.name.clone(),
        category: k.category,
        target: k.target,
        unit: k.unit.clone(),
        period: k.period,
        month_target: k.month_plan,
        direction: k.direction,
        measured_by: k.measured_by.as_ref().map(|a| a.id.clone()),
        weight: k.weight,
        threshold: k.threshold,
    }
}

fn workload(view: &WorkloadView) -> Workload {
    Workload {
        fund: view.fund,
        roles: view
            .roles
            .iter()
            .map(|load| Load {
                role: load.role.id.clone(),
                headcount: load.headcount,
                hours: load.hours,
                percent: load.percent,
                needed: load.needed,
                steps: load.steps,
                steps_with_figures: load.steps_with_figures,
            })
            .collect(),
    }
}
