//! `RoleProfile`: what the должностная инструкция of one role shows.

use petgraph::algo::has_path_connecting;
use serde::Serialize;

use crate::graph::Graphs;
use crate::model::StepKind;
use crate::resolve::{ArtifactId, KpiId, ProcessId, Resolved, RoleId, StepId};
use crate::views::control::ControlView;
use crate::views::indicator::{IndicatorGroup, grouped};
use crate::views::links::{ArtifactLink, Linker, ProcessLink, RoleLink, StepLink};
use crate::views::raci_matrix::Letter;

/// The job description of one internal role.
#[derive(Clone, Debug, Serialize)]
pub struct RoleProfile {
    /// The role.
    pub role: RoleLink,
    /// Its department.
    pub department: Option<String>,
    /// Whom it reports to.
    pub reports_to: Option<RoleLink>,
    /// The roles that report to it.
    pub subordinates: Vec<RoleLink>,
    /// How many people hold it.
    pub headcount: u32,
    /// What it is for.
    pub purpose: Option<String>,
    /// Qualification requirements.
    pub requirements: Vec<String>,
    /// The processes it owns.
    pub owns: Vec<ProcessLink>,
    /// Its duties from the steps where it is R, grouped by process, in flow order.
    pub duties: Vec<DutyGroup>,
    /// Its duties not tied to a step.
    pub own_duties: Vec<String>,
    /// Steps whose result it answers for and signs off (A).
    pub approvals: Vec<StepLink>,
    /// Steps it is consulted on before the work (C).
    pub consultations: Vec<StepLink>,
    /// Steps it is informed of after the work (I).
    pub information: Vec<StepLink>,
    /// Steps where it supports the performer (S).
    pub support: Vec<StepLink>,
    /// What it receives, from whom, for which of its steps.
    pub receives: Vec<Handover>,
    /// What it hands on, to whom, from which of its steps.
    pub hands: Vec<Handover>,
    /// The control points where it is the one who checks.
    pub controls: Vec<ControlView>,
    /// Its rights, as written in the model.
    pub rights: Vec<String>,
    /// What it is liable for, as written in the model.
    pub liability: Vec<String>,
    /// Its indicators by КСП category.
    pub indicators: Vec<IndicatorGroup>,
    /// Whether the pack has a checklist for it: a duty to tick off or a control to make.
    pub checklist: bool,
}

/// The steps of one process where a role is R.
#[derive(Clone, Debug, Serialize)]
pub struct DutyGroup {
    /// The process.
    pub process: ProcessLink,
    /// The steps, in flow order.
    pub duties: Vec<Duty>,
}

/// A duty: a step the role performs.
#[derive(Clone, Debug, Serialize)]
pub struct Duty {
    /// The step.
    pub step: StepLink,
    /// Task, decision or subprocess: a decision reads "decides: …".
    pub kind: StepKind,
    /// The step's detail.
    pub description: Option<String>,
    /// What the step produces.
    pub outputs: Vec<ArtifactLink>,
    /// What the performer must do or verify (shown by the checklist).
    pub checklist: Vec<String>,
}

impl Duty {
    /// Whether the duty appears on the role's checklist: a decision is ticked off through
    /// the step it leads to, unless it has items of its own.
    pub fn on_checklist(&self) -> bool {
        self.kind != StepKind::Decision || !self.checklist.is_empty()
    }
}

/// A document passing between this role and others.
#[derive(Clone, Debug, Serialize)]
pub struct Handover {
    /// The document.
    pub artifact: ArtifactLink,
    /// The roles on the other side: who produces it (received) or uses it (handed on).
    pub roles: Vec<RoleLink>,
    /// This role's steps where it is received or handed on, in flow order.
    pub steps: Vec<StepLink>,
}

impl RoleProfile {
    /// The profile of role `id`; `order` lists every step in document order.
    pub fn of(
        model: &Resolved,
        graphs: &Graphs,
        links: &Linker<'_>,
        id: RoleId,
        order: &[StepId],
    ) -> Self {
        let role = model.role(id);
        let holds = |step: StepId, letter: Letter| {
            letter
                .of(&model.step(step).raci)
                .iter()
                .any(|r| r.target == id)
        };
        let with = |letter: Letter| -> Vec<StepId> {
            order
                .iter()
                .copied()
                .filter(|&step| holds(step, letter))
                .collect()
        };
        let performs = with(Letter::R);
        let mut duties: Vec<DutyGroup> = Vec::new();
        for &step in &performs {
            let duty = Duty {
                step: links.step(step),
                kind: model.step(step).kind,
                description: model.step(step).description.clone(),
                outputs: links.artifacts(&model.step(step).outputs),
                checklist: model.step(step).checklist.clone(),
            };
            match duties.last_mut() {
                Some(group) if group.process == duty.step.process => group.duties.push(duty),
                _ => duties.push(DutyGroup {
                    process: duty.step.process.clone(),
                    duties: vec![duty],
                }),
            }
        }
        let steps = |letter: Letter| -> Vec<StepLink> {
            with(letter).into_iter().map(|s| links.step(s)).collect()
        };
        let kpis: Vec<(KpiId, &crate::resolve::Kpi)> = model
            .kpis
            .iter()
            .enumerate()
            .filter(|(_, kpi)| kpi.role.is_some_and(|r| r.target == id))
            .map(|(index, kpi)| (KpiId(index), kpi))
            .collect();
        let controls: Vec<ControlView> = order
            .iter()
            .flat_map(|&step| {
                model
                    .step(step)
                    .controls
                    .iter()
                    .filter(|control| control.by.target == id)
                    .map(move |control| ControlView::of(step, control, links))
            })
            .collect();
        let checklist = duties
            .iter()
            .flat_map(|group| &group.duties)
            .any(Duty::on_checklist)
            || !controls.is_empty();
        RoleProfile {
            checklist,
            role: links.role(id),
            department: role.department.clone(),
            reports_to: role.reports_to.map(|boss| links.role(boss.target)),
            subordinates: model
                .roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.reports_to.is_some_and(|boss| boss.target == id))
                .map(|(index, _)| links.role(RoleId(index)))
                .collect(),
            headcount: role.headcount,
            purpose: role.purpose.clone(),
            requirements: role.requirements.clone(),
            owns: model
                .processes
                .iter()
                .enumerate()
                .filter(|(_, p)| p.owner.is_some_and(|owner| owner.target == id))
                .map(|(index, _)| links.process(crate::resolve::ProcessId(index)))
                .collect(),
            receives: handovers(model, graphs, links, id, &performs, Side::Receives),
            hands: handovers(model, graphs, links, id, &performs, Side::Hands),
            duties,
            own_duties: role.duties.clone(),
            approvals: steps(Letter::A),
            consultations: steps(Letter::C),
            information: steps(Letter::I),
            support: steps(Letter::S),
            controls,
            rights: role.rights.clone(),
            liability: role.liability.clone(),
            indicators: grouped(&kpis, links),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Receives,
    Hands,
}

/// For each of the role's steps and each document it reads (or writes), the other roles
/// that perform the steps producing (or using) that document where the flow connects them:
/// earlier in the same process, or in a process declared to supply (or receive) it.
fn handovers(
    model: &Resolved,
    graphs: &Graphs,
    links: &Linker<'_>,
    role: RoleId,
    performs: &[StepId],
    side: Side,
) -> Vec<Handover> {
    let mut result = Vec::new();
    for &step in performs {
        let documents = match side {
            Side::Receives => &model.step(step).inputs,
            Side::Hands => &model.step(step).outputs,
        };
        for artifact in documents {
            let mut others: Vec<RoleId> = partners(model, graphs, step, artifact.target, side)
                .into_iter()
                .flat_map(|other| model.step(other).raci.r.iter().map(|r| r.target))
                .filter(|&other| other != role)
                .collect();
            others.sort();
            others.dedup();
            if others.is_empty() {
                continue;
            }
            let artifact = links.artifact(artifact.target);
            let roles: Vec<RoleLink> = others.into_iter().map(|r| links.role(r)).collect();
            // One line per document and counterpart, however many steps it passes at.
            match result
                .iter_mut()
                .find(|h: &&mut Handover| h.artifact == artifact && h.roles == roles)
            {
                Some(same) => same.steps.push(links.step(step)),
                None => result.push(Handover {
                    artifact,
                    roles,
                    steps: vec![links.step(step)],
                }),
            }
        }
    }
    result
}

/// The steps on the other side of `step`'s document `artifact`: those that write it (when
/// the role receives it) or read it (when the role hands it on), connected by the flow in
/// the same process, or else in the processes declared to supply or receive it.
fn partners(
    model: &Resolved,
    graphs: &Graphs,
    step: StepId,
    artifact: ArtifactId,
    side: Side,
) -> Vec<StepId> {
    let process = model.process(step.process);
    let flow = &graphs.flows[step.process.0];
    let others = match side {
        Side::Receives => &graphs.uses.producers[artifact.0],
        Side::Hands => &graphs.uses.consumers[artifact.0],
    };
    let within: Vec<StepId> = others
        .iter()
        .copied()
        .filter(|other| other.process == step.process && other.index != step.index)
        .filter(|other| {
            let (from, to) = match side {
                Side::Receives => (flow.steps[other.index], flow.steps[step.index]),
                Side::Hands => (flow.steps[step.index], flow.steps[other.index]),
            };
            has_path_connecting(&flow.graph, from, to, None)
        })
        .collect();
    if !within.is_empty() {
        return within;
    }
    let linked: Vec<ProcessId> = match side {
        Side::Receives => process
            .inputs
            .iter()
            .filter(|i| i.artifact.target == artifact)
            .flat_map(|i| i.from.iter().map(|p| p.target))
            .collect(),
        Side::Hands => process
            .outputs
            .iter()
            .filter(|o| o.artifact.target == artifact)
            .flat_map(|o| o.to.iter().map(|p| p.target))
            .collect(),
    };
    others
        .iter()
        .copied()
        .filter(|other| linked.contains(&other.process))
        .collect()
}
