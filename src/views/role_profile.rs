//! `RoleProfile`: what the должностная инструкция of one role shows.

use petgraph::algo::has_path_connecting;
use serde::Serialize;

use crate::graph::Graphs;
use crate::model::{Language, RoleCategory, RoleDuty, ScheduledDuty, StepKind, Term, VolumePeriod};
use crate::resolve::{ArtifactId, Info, KpiId, Process, ProcessId, Ref, Resolved, RoleId, StepId};
use crate::views::control::ControlView;
use crate::views::glossary::terms_used;
use crate::views::indicator::{IndicatorGroup, grouped};
use crate::views::links::{ArtifactLink, Linker, ProcessLink, RoleLink, StepLink};
use crate::views::raci_matrix::Letter;
use crate::views::register::Identity;
use crate::views::regulation::Amount;
use crate::views::same_position;
use crate::views::wording::{lower_first, third_person};
use crate::views::workload::RoleLoadView;

/// The job description of one internal role.
#[derive(Clone, Debug, Serialize)]
pub struct RoleProfile {
    /// The role.
    pub role: RoleLink,
    /// The instruction's code, title, version and approver.
    pub identity: Identity,
    /// The title in the genitive, for a Russian heading: «Должностная инструкция
    /// телемаркетолога». `None` in English, or when the model does not give the form.
    pub title_genitive: Option<String>,
    /// The category of the position: the model's, or `manager` when someone reports to
    /// it and `specialist` otherwise.
    pub category: RoleCategory,
    /// Its superior's title in the dative, when the model gives it: «Подчиняется
    /// непосредственно руководителю отдела продаж»; for a role that reports to no role of
    /// the model, the approver's («генеральному директору»).
    pub reports_to_dative: Option<String>,
    /// Its superior's title: the role it reports to, or the approver's position for a
    /// role that reports to none (unless it is the approver's own position).
    pub superior: Option<String>,
    /// The position that endorses the job description («Согласовано»): the model's
    /// `approval.endorsed_by`, unless that is this very position.
    pub endorser: Option<String>,
    /// Who drafts the job description («Разработал»): the superior, unless the superior
    /// also approves it (then the drafter is left to be written in).
    pub drafter: Option<String>,
    /// Who stands in during the holder's absence.
    pub deputy: Option<RoleLink>,
    /// What the holder must know.
    pub knows: Vec<String>,
    /// Its month: hours by kind of work against a person's time, when its steps give
    /// figures (set once every role's workload is known).
    pub workload: Option<RoleLoadView>,
    /// Where the holder works.
    pub location: Option<String>,
    /// The working time.
    pub hours: Option<String>,
    /// Its department.
    pub department: Option<String>,
    /// Whom it reports to.
    pub reports_to: Option<RoleLink>,
    /// The roles that report to it, each with its headcount.
    pub subordinates: Vec<Subordinate>,
    /// How many people report to the holder directly: «В подчинении находится» agrees
    /// with one person only (21 telemarketers are «находятся», though «21» takes the
    /// singular of a noun).
    pub reports: u32,
    /// How many people hold it.
    pub headcount: u32,
    /// What it is for.
    pub purpose: Option<String>,
    /// The part of the job its job description covers, when the model covers a part only.
    pub scope: Option<String>,
    /// The title of the head of the unit it is borrowed from, when the model gives it
    /// (`unit_head`): who endorses its addendum and checks its checklist.
    pub unit_head: Option<String>,
    /// Whether its job description is an addendum to the holder's own (`Role::has_addendum`).
    pub addendum: bool,
    /// Qualification requirements.
    pub requirements: Vec<String>,
    /// The processes it owns.
    pub owns: Vec<ProcessLink>,
    /// Its duties in the processes it takes part in, grouped by process, in flow order:
    /// the steps it performs (R), approves (A), is consulted on (C) or supports (S).
    /// Being informed (I) is not a duty and is left out.
    pub duties: Vec<DutyGroup>,
    /// Its duties not tied to a step.
    pub own_duties: Vec<String>,
    /// Those of them done on a schedule, for the checklist's sheet of their frequency.
    pub scheduled_duties: Vec<ScheduledDuty>,
    /// What it receives, from whom, for which of its steps.
    pub receives: Vec<Handover>,
    /// What it hands on, to whom, from which of its steps.
    pub hands: Vec<Handover>,
    /// What it is consulted on: the documents of the steps where it is C, from the roles
    /// that perform them. A role that performs no steps (a lawyer who reviews contracts)
    /// still has counterparts, and its job description names them.
    pub reviews: Vec<Handover>,
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
    /// Its checklist's page (`checklists/FILE`), when the pack has one.
    pub checklist_page: Option<String>,
    /// Its plan/fact form's page (`forms/FILE.plan-fact`), when it has indicators.
    pub plan_fact_page: Option<String>,
    /// And that form's code («ПФ-03»), by which the job description refers to it.
    pub plan_fact_code: Option<String>,
    /// The glossary's terms its text uses («ЛПР», «КП»), explained at its end: a job
    /// description is read on its own, without the regulations' term lists.
    pub terms: Vec<Term>,
}

/// A position that reports to the role, with how many hold it: «В подчинении находятся:
/// телемаркетолог (3 штатные единицы)».
#[derive(Clone, Debug, Serialize)]
pub struct Subordinate {
    /// The position.
    pub role: RoleLink,
    /// How many people hold it.
    pub headcount: u32,
}

/// What a role does in one process.
#[derive(Clone, Debug, Serialize)]
pub struct DutyGroup {
    /// The process.
    pub process: ProcessLink,
    /// The steps it performs (R), in flow order.
    pub duties: Vec<Duty>,
    /// Steps it does not perform but answers for and approves (A).
    pub approves: Vec<StepLink>,
    /// Steps it is consulted on before the work (C).
    pub consulted: Vec<StepLink>,
    /// Steps where it helps the performer (S).
    pub supports: Vec<StepLink>,
}

/// A duty: a step the role performs, or one it approves, advises on or supports where
/// the model words that as a duty of its own.
#[derive(Clone, Debug, Serialize)]
pub struct Duty {
    /// The step.
    pub step: StepLink,
    /// The role's letter on the step.
    pub letter: Letter,
    /// The duty as the job description words it: the step's `duty` for the letter when the
    /// model gives one, otherwise the performer's duty is the step's name (in English put in
    /// the third person: "Prepares…"); never its number. In Russian it continues «обязан:»,
    /// so it starts in lower case (unless its first word is an abbreviation such as «CRM»).
    pub text: String,
    /// The step's name as the model writes it, an instruction, for a list that does not
    /// continue a sentence: the checklist is a sheet of things to do, not of duties, so a
    /// duty the model words for the job description does not replace it there.
    pub written: String,
    /// Whether the job description lists it: a decision is part of the step that leads
    /// to it, unless the model words it as a duty of its own.
    pub listed: bool,
    /// How often it comes round, the step's `volume` (none: as it occurs).
    pub volume: Option<Amount<VolumePeriod>>,
    /// Task, decision or subprocess: a decision reads "decides: …".
    pub kind: StepKind,
    /// The step's detail.
    pub description: Option<String>,
    /// What the step produces, for the performer's duty; for the role that answers for
    /// the step, the documents of it it checks and signs off on its checklist (not a CRM
    /// record or a message: `ArtifactKind::is_signed`).
    pub outputs: Vec<ArtifactLink>,
    /// What the performer must do or verify (shown by the checklist).
    pub checklist: Vec<String>,
}

impl Duty {
    /// Whether the duty appears on the role's checklist: the checklist is the role's
    /// routine. A decision the role performs is ticked off through the step it leads to,
    /// unless it has items of its own. A step it answers for (A) is there when it produces
    /// documents, which the role checks and signs off («Проверить и утвердить документ «План…»»),
    /// so that a director whose work is approving has a checklist of more than one line;
    /// what it advises on comes when it is asked, and is not ticked off.
    pub fn on_checklist(&self) -> bool {
        match self.letter {
            Letter::R => self.kind != StepKind::Decision || !self.checklist.is_empty(),
            Letter::A => !self.outputs.is_empty(),
            _ => false,
        }
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
    /// The processes of those steps, each once: what the job description names (the steps
    /// themselves are listed under the duties).
    pub processes: Vec<ProcessLink>,
}

/// What role `role`, answering for `step` without performing it, checks and signs off:
/// the documents the step produces, or, for a step that approves one (a discount on a
/// proposal), those it takes in; only what is signed (`ArtifactKind::is_signed`), not
/// what the role works with in steps of its own or signs off at an earlier step
/// (`handled`: a hot lead checked where it is drawn up is not checked again where it is
/// handed on), and nothing where the model says how the role checks the step (a control of its own:
/// "a sample of the week's quotes" is the check, not every quote).
fn signed_off(
    model: &Resolved,
    step: &crate::resolve::Step,
    role: RoleId,
    handled: &[ArtifactId],
) -> Vec<Ref<ArtifactId>> {
    if step.controls.iter().any(|c| c.by.target == role) {
        return Vec::new();
    }
    let signed = |refs: &[Ref<ArtifactId>]| -> Vec<Ref<ArtifactId>> {
        refs.iter()
            .filter(|a| model.artifact(a.target).kind.is_signed() && !handled.contains(&a.target))
            .cloned()
            .collect()
    };
    match signed(&step.outputs) {
        outputs if outputs.is_empty() && step.outputs.is_empty() => signed(&step.inputs),
        outputs => outputs,
    }
}

impl RoleProfile {
    /// The department of a position the model borrows from a unit it does not describe
    /// (the accountant of «Бухгалтерия»): it reports to no role and heads no one, so its
    /// superior is that unit's head, whom the model does not name.
    pub fn outside_unit(&self) -> Option<&String> {
        self.department
            .as_ref()
            .filter(|_| self.reports_to.is_none() && self.reports == 0)
    }

    /// The profile of role `id`; `order` lists every step in document order.
    pub fn of(
        model: &Resolved,
        graphs: &Graphs,
        links: &Linker<'_>,
        id: RoleId,
        order: &[StepId],
        identity: Identity,
    ) -> Self {
        let role = model.role(id);
        let holds = |step: StepId, letter: Letter| {
            model
                .step(step)
                .raci
                .holders(letter)
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
        // The documents the role works with in its own steps: it signs them off there; the
        // documents it signs off join them, each being signed off once.
        let mut handled: Vec<ArtifactId> = performs
            .iter()
            .flat_map(|&step| {
                let data = model.step(step);
                data.inputs.iter().chain(&data.outputs).map(|a| a.target)
            })
            .collect();
        let mut duties: Vec<DutyGroup> = Vec::new();
        for &step in order {
            let letters: Vec<Letter> = [Letter::R, Letter::A, Letter::C, Letter::S]
                .into_iter()
                .filter(|&letter| holds(step, letter))
                .collect();
            if letters.is_empty() {
                continue;
            }
            let link = links.step(step);
            let group = match duties.last_mut() {
                Some(group) if group.process == link.process => group,
                _ => {
                    duties.push(DutyGroup {
                        process: link.process.clone(),
                        duties: Vec::new(),
                        approves: Vec::new(),
                        consulted: Vec::new(),
                        supports: Vec::new(),
                    });
                    let last = duties.len() - 1;
                    &mut duties[last]
                }
            };
            let data = model.step(step);
            // The performer answers for, and advises on, their own work by doing it.
            let letters = if letters.contains(&Letter::R) {
                vec![Letter::R]
            } else {
                letters
            };
            for letter in letters {
                let worded = data.duty.get(letter);
                // A part the model does not word is named in the job description's list of
                // such parts, not as a duty; a step answered for still comes on the
                // checklist, as what to sign off.
                let unworded = letter != Letter::R && worded.is_none();
                if unworded {
                    if !model.separate_part(step, id, letter) {
                        continue;
                    }
                    match letter {
                        Letter::A => group.approves.push(link.clone()),
                        Letter::C => group.consulted.push(link.clone()),
                        _ => group.supports.push(link.clone()),
                    }
                    if letter != Letter::A {
                        continue;
                    }
                }
                group.duties.push(Duty {
                    text: {
                        // An English instruction becomes a duty in the third person.
                        let duty = match (links.model_language(), worded) {
                            (Language::En, None) => third_person(&data.name),
                            (_, Some(worded)) => worded.clone(),
                            (_, None) => data.name.clone(),
                        };
                        match links.language() {
                            // Russian lists the duties after «обязан:», in lower case.
                            Language::Ru => lower_first(&duty),
                            Language::En => duty,
                        }
                    },
                    written: data.name.clone(),
                    letter,
                    listed: !unworded && (data.kind != StepKind::Decision || worded.is_some()),
                    volume: data.volume.map(|v| Amount {
                        amount: v.count,
                        unit: v.per,
                    }),
                    step: link.clone(),
                    kind: data.kind,
                    description: data.description.clone(),
                    outputs: if letter == Letter::R {
                        links.artifacts(&data.outputs)
                    } else if letter == Letter::A {
                        let signed = signed_off(model, data, id, &handled);
                        handled.extend(signed.iter().map(|a| a.target));
                        links.artifacts(&signed)
                    } else {
                        Vec::new()
                    },
                    checklist: if letter == Letter::R {
                        data.checklist.clone()
                    } else {
                        Vec::new()
                    },
                });
            }
        }
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
            || !controls.is_empty()
            || role.duties.iter().any(|d| d.scheduled().is_some());
        let subordinates: Vec<Subordinate> = model
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| r.reports_to.is_some_and(|boss| boss.target == id))
            .map(|(index, r)| Subordinate {
                role: links.role(RoleId(index)),
                headcount: r.headcount,
            })
            .collect();
        // The approver heads a role that reports to no role of the model, unless the role
        // is the approver's own position.
        let top = model
            .info
            .as_ref()
            .and_then(|info| info.approval.as_ref())
            .filter(|a| !role.external && !same_position(&a.position, &role.name));
        let superior = match role.reports_to {
            Some(boss) => Some(model.role(boss.target).name.clone()),
            None => top.map(|a| a.position.clone()),
        };
        let drafter = superior
            .clone()
            .filter(|s| !same_position(s, &identity.approver.position));
        let mut profile = RoleProfile {
            checklist,
            role: links.role(id),
            identity,
            title_genitive: role
                .name_genitive
                .clone()
                .filter(|_| links.language() == Language::Ru),
            category: role.category.unwrap_or(if subordinates.is_empty() {
                RoleCategory::Specialist
            } else {
                RoleCategory::Manager
            }),
            reports_to_dative: match role.reports_to {
                Some(boss) => model.role(boss.target).name_dative.clone(),
                None => top.and_then(|a| a.position_dative.clone()),
            },
            drafter,
            superior,
            endorser: model
                .info
                .as_ref()
                .and_then(Info::endorser)
                .filter(|endorser| !same_position(endorser, &role.name))
                .map(str::to_owned),
            deputy: role.deputy.map(|deputy| links.role(deputy.target)),
            knows: role.knows.clone(),
            workload: None,
            location: role.location.clone(),
            hours: role.hours.clone(),
            department: role.department.clone(),
            reports_to: role.reports_to.map(|boss| links.role(boss.target)),
            reports: subordinates.iter().map(|s| s.headcount).sum(),
            subordinates,
            headcount: role.headcount,
            purpose: role.purpose.clone(),
            scope: role.scope.clone(),
            unit_head: role.unit_head.clone(),
            addendum: role.has_addendum(),
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
            reviews: reviews(model, links, id, &with(Letter::C)),
            duties,
            own_duties: role.duties.iter().map(|d| d.text().to_owned()).collect(),
            scheduled_duties: role
                .duties
                .iter()
                .filter_map(RoleDuty::scheduled)
                .cloned()
                .collect(),
            controls,
            rights: role.rights.clone(),
            liability: role.liability.clone(),
            indicators: grouped(&kpis, links),
            terms: Vec::new(),
            checklist_page: None,
            plan_fact_page: None,
            plan_fact_code: None,
        };
        profile.terms = terms_used(model, profile.text());
        profile
    }

    /// Every text the job description prints from the model.
    fn text(&self) -> Vec<&str> {
        let mut text: Vec<&str> = [&self.purpose, &self.location, &self.hours]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        for list in [
            &self.requirements,
            &self.knows,
            &self.own_duties,
            &self.rights,
            &self.liability,
        ] {
            text.extend(list.iter().map(String::as_str));
        }
        for group in &self.duties {
            text.push(&group.process.name);
            // What the job description prints: a decision it does not list is not read.
            text.extend(
                group
                    .duties
                    .iter()
                    .filter(|d| d.listed)
                    .map(|d| d.text.as_str()),
            );
            for list in [&group.approves, &group.consulted, &group.supports] {
                text.extend(list.iter().map(|s| s.name.as_str()));
            }
        }
        // A control is printed by what is checked, not by its step's name.
        text.extend(self.controls.iter().map(|c| c.how.as_str()));
        text.extend(
            self.receives
                .iter()
                .chain(&self.hands)
                .chain(&self.reviews)
                .map(|h| h.artifact.name.as_str()),
        );
        text.extend(
            self.indicators
                .iter()
                .flat_map(|g| &g.indicators)
                .map(|i| i.name.as_str()),
        );
        text
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Receives,
    Hands,
}

/// The other end of a document a process declares it takes in or hands on.
struct OtherEnd<'a> {
    /// The processes there.
    processes: &'a [Ref<ProcessId>],
    /// The outside parties there.
    parties: &'a [Ref<RoleId>],
}

/// Where `process` declares it takes `artifact` from (`Receives`) or hands it to (`Hands`):
/// the other end of each such input or output.
fn exchanges(process: &Process, artifact: ArtifactId, side: Side) -> Vec<OtherEnd<'_>> {
    match side {
        Side::Receives => process
            .inputs
            .iter()
            .filter(|i| i.artifact.target == artifact)
            .map(|i| OtherEnd {
                processes: &i.from,
                parties: &i.parties,
            })
            .collect(),
        Side::Hands => process
            .outputs
            .iter()
            .filter(|o| o.artifact.target == artifact)
            .map(|o| OtherEnd {
                processes: &o.to,
                parties: &o.parties,
            })
            .collect(),
    }
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
            let mut others = performers(
                model,
                partners(model, graphs, role, step, artifact.target, side),
                role,
            );
            // An outside party the process takes the document from or sends it to (the
            // customer's enquiry, the quote to the customer) is a working relationship too.
            let parties = exchanges(model.process(step.process), artifact.target, side)
                .into_iter()
                .flat_map(|end| end.parties);
            for party in parties {
                if !others.contains(&party.target) {
                    others.push(party.target);
                }
            }
            if others.is_empty() {
                continue;
            }
            add_handover(&mut result, links, step, artifact.target, &others);
        }
    }
    result
}

/// For each step the role is consulted on, the documents the step produces (or, when it
/// produces none, those it works from), with the roles that perform it.
fn reviews(
    model: &Resolved,
    links: &Linker<'_>,
    role: RoleId,
    consulted: &[StepId],
) -> Vec<Handover> {
    let mut result = Vec::new();
    for &step in consulted {
        let step_data = model.step(step);
        let others = performers(model, [step], role);
        if others.is_empty() {
            continue;
        }
        let documents = if step_data.outputs.is_empty() {
            &step_data.inputs
        } else {
            &step_data.outputs
        };
        for artifact in documents {
            add_handover(&mut result, links, step, artifact.target, &others);
        }
    }
    result
}

/// The roles other than `role` that perform `steps`, each once, in the model's order.
fn performers(
    model: &Resolved,
    steps: impl IntoIterator<Item = StepId>,
    role: RoleId,
) -> Vec<RoleId> {
    let mut roles: Vec<RoleId> = steps
        .into_iter()
        .flat_map(|step| model.step(step).raci.r.iter().map(|r| r.target))
        .filter(|&other| other != role)
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

/// Records that `artifact` passes between the role and `others` at `step`: one line per
/// document and counterpart, however many steps it passes at.
fn add_handover(
    result: &mut Vec<Handover>,
    links: &Linker<'_>,
    step: StepId,
    artifact: ArtifactId,
    others: &[RoleId],
) {
    let artifact = links.artifact(artifact);
    let roles: Vec<RoleLink> = others.iter().map(|&r| links.role(r)).collect();
    let link = links.step(step);
    match result
        .iter_mut()
        .find(|h| h.artifact == artifact && h.roles == roles)
    {
        Some(same) => {
            if !same.processes.contains(&link.process) {
                same.processes.push(link.process.clone());
            }
            same.steps.push(link);
        }
        None => result.push(Handover {
            artifact,
            roles,
            processes: vec![link.process.clone()],
            steps: vec![link],
        }),
    }
}

/// The steps on the other side of `step`'s document `artifact`: those that write it (when
/// `role` receives it) or read it (when it hands it on), connected by the flow in the same
/// process and performed by someone else, or else in the processes declared to supply or
/// receive it (a card the role fills in and then sends on itself still reaches the next
/// process's performer).
fn partners(
    model: &Resolved,
    graphs: &Graphs,
    role: RoleId,
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
        .filter(|&other| model.step(other).raci.r.iter().any(|r| r.target != role))
        .collect();
    if !within.is_empty() {
        return within;
    }
    let linked: Vec<ProcessId> = exchanges(process, artifact, side)
        .into_iter()
        .flat_map(|end| end.processes.iter().map(|p| p.target))
        .collect();
    others
        .iter()
        .copied()
        .filter(|other| linked.contains(&other.process))
        .collect()
}
