//! `Regulation`: what the регламент of one process shows.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use schemars::JsonSchema;
use serde::Serialize;

use crate::graph::Graphs;
use crate::model::{
    Effort, EffortUnit, Frequency, StepKind, Term, ValueKind, Volume, VolumePeriod,
};
use crate::resolve::{ArtifactId, ProcessId, Resolved, RoleId, StepId, Target};
use crate::views::control::ControlView;
use crate::views::glossary::terms_used;
use crate::views::indicator::IndicatorView;
use crate::views::links::{ArtifactLink, Linker, ProcessLink, RoleLink, StepLink};
use crate::views::raci_matrix::{Letter, RaciTable};
use crate::views::register::Identity;

/// The regulation of one process.
#[derive(Clone, Debug, Serialize)]
pub struct Regulation {
    /// The process.
    pub process: ProcessLink,
    /// Its map's path, without the notation's extension (`diagrams/FILE`).
    pub map_page: String,
    /// The regulation's code, version and approver.
    pub identity: Identity,
    /// What it is for.
    pub purpose: Option<String>,
    /// Who owns it.
    pub owner: Option<RoleLink>,
    /// What starts it.
    pub trigger: Option<String>,
    /// What it delivers.
    pub result: Option<String>,
    /// What it does not cover (its boundaries beyond the trigger and the result).
    pub excludes: Vec<String>,
    /// The information systems its work is done in.
    pub systems: Vec<String>,
    /// The laws, standards and internal documents the regulation follows.
    pub references: Vec<String>,
    /// What it receives from other processes or outside parties, with who supplies each.
    pub inputs: Vec<Exchange>,
    /// The documents it works from that nobody in the model supplies: the organisation's
    /// price list, templates, presentations. The passport lists them apart from the
    /// inputs, which each come from somewhere.
    pub materials: Vec<ArtifactLink>,
    /// What it hands on, with the processes that receive each output.
    pub outputs: Vec<Exchange>,
    /// Every role with a letter on a step, with the letters it holds somewhere.
    pub participants: Vec<Participant>,
    /// The same roles grouped by the part they play, for the passport: who performs the
    /// steps, who approves, who is consulted, supports or is informed. A passport reads
    /// «Выполняют шаги: …» a line a part, where a line a role would list verbs.
    pub crew: Vec<Crew>,
    /// The roles that measure the process or check its steps and hold no letter on any
    /// step: participants too, a line of their own in the passport.
    pub controllers: Vec<RoleLink>,
    /// The steps in flow order.
    pub steps: Vec<StepView>,
    /// Every document the process's steps read or write, in order of first use, with who
    /// draws it up or where it comes from.
    pub documents: Vec<Record>,
    /// How the process itself is measured, as the model states it. When it states none,
    /// the regulation shows `indicators` instead.
    pub measures: Vec<MeasureView>,
    /// The indicators measured by one of those documents.
    pub indicators: Vec<IndicatorView>,
    /// Every control point of the steps, in flow order.
    pub controls: Vec<ControlView>,
    /// The steps of other processes that call this one as a subprocess.
    pub called_by: Vec<StepLink>,
    /// The responsibility matrix of its steps.
    pub raci: RaciTable,
    /// The glossary's terms that the regulation's text uses.
    pub terms: Vec<Term>,
    /// Who endorses the regulation before it is approved (its approval sheet): the owner,
    /// the owner's superior, then every other participating manager (a role someone
    /// reports to). Line staff acknowledge the regulation; they do not endorse it.
    pub endorsers: Vec<RoleLink>,
}

/// A measure of the process.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureView {
    /// What is measured.
    pub name: String,
    /// How it is worked out.
    pub formula: Option<String>,
    /// The level aimed at, in words.
    pub target: Option<String>,
    /// How often it is measured.
    pub frequency: Option<Frequency>,
    /// Who measures it.
    pub by: Option<RoleLink>,
}

/// An input or output of a process, with the processes on the other side.
#[derive(Clone, Debug, Serialize)]
pub struct Exchange {
    /// The document.
    pub artifact: ArtifactLink,
    /// Suppliers (for an input) or consumers (for an output).
    pub processes: Vec<ProcessLink>,
    /// External parties that supply or receive it (the customer).
    pub parties: Vec<RoleLink>,
}

/// A document of a process's work, as its «Документы и записи» section lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    /// The document.
    pub artifact: ArtifactLink,
    /// The roles that draw it up in this process: the performers of the steps writing it.
    pub made_by: Vec<RoleLink>,
    /// When the process does not draw it up: the processes it comes from.
    pub from: Vec<ProcessLink>,
    /// …or the outside parties that supply it (the customer). With none of these three it
    /// is one of the organisation's own materials (a price list, a template).
    pub parties: Vec<RoleLink>,
    /// The register code of its blank form («Ф-04»), when the pack has one: the form the
    /// regulation prescribes.
    pub code: Option<String>,
    /// Where the filled-in document is kept, as the model says.
    pub kept: Option<String>,
    /// How long it is kept.
    pub retention: Option<String>,
}

/// A role taking part in a process.
#[derive(Clone, Debug, Serialize)]
pub struct Participant {
    /// The role.
    pub role: RoleLink,
    /// The letters it holds on any step of the process.
    pub letters: Vec<Letter>,
    /// How many people hold it: the rows it needs on the acknowledgement sheet.
    pub headcount: u32,
}

/// The roles that play one part in a process.
#[derive(Clone, Debug, Serialize)]
pub struct Crew {
    /// The part.
    pub letter: Letter,
    /// Who plays it, in the matrix's column order.
    pub roles: Vec<RoleLink>,
}

/// A step as the regulation describes it.
#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    /// Its id (the anchor `step-ID`).
    pub id: String,
    /// Its number in flow order, from 1.
    pub number: usize,
    /// What is done.
    pub name: String,
    /// Task, decision or subprocess.
    pub kind: StepKind,
    /// More detail.
    pub description: Option<String>,
    /// The process a subprocess step runs.
    pub calls: Option<ProcessLink>,
    /// Who does the work.
    pub responsible: Vec<RoleLink>,
    /// Who answers for the result.
    pub accountable: Vec<RoleLink>,
    /// Who is consulted before.
    pub consulted: Vec<RoleLink>,
    /// Who is informed after.
    pub informed: Vec<RoleLink>,
    /// Who supports.
    pub support: Vec<RoleLink>,
    /// What it needs.
    pub inputs: Vec<ArtifactLink>,
    /// What it produces.
    pub outputs: Vec<ArtifactLink>,
    /// Time per occurrence.
    pub effort: Option<Amount<EffortUnit>>,
    /// Occurrences per person of its performer.
    pub volume: Option<Amount<VolumePeriod>>,
    /// Selling, support or management time.
    pub value: Option<ValueKind>,
    /// What the performer must do or verify.
    pub checklist: Vec<String>,
    /// Its control points.
    pub controls: Vec<ControlView>,
    /// What follows it.
    pub next: Vec<NextView>,
}

/// A number with its unit or period, for the template to word in the pack's language.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
pub struct Amount<U> {
    /// The number.
    pub amount: f64,
    /// Its unit or period.
    pub unit: U,
}

impl From<Effort> for Amount<EffortUnit> {
    fn from(effort: Effort) -> Self {
        Amount {
            amount: effort.amount,
            unit: effort.unit,
        }
    }
}

impl From<Volume> for Amount<VolumePeriod> {
    fn from(volume: Volume) -> Self {
        Amount {
            amount: volume.count,
            unit: volume.per,
        }
    }
}

/// Where the flow goes after a step: a line of its «Далее». A decision written as a
/// condition of the step (`Process::bare_decisions`) takes a line that asks its question,
/// then a line per answer, each "if …".
#[derive(Clone, Debug, Serialize)]
pub struct NextView {
    /// The next step, or `None` for the end of the process or a question.
    pub step: Option<StepRef>,
    /// The branch's condition.
    pub when: Option<String>,
    /// Whether the line answers the question asked on a line above ("if «Yes» — …").
    pub answer: bool,
    /// The question the line asks, when the flow comes to a decision written as a
    /// condition.
    pub decision: Option<Question>,
}

/// A decision the regulation writes inside the step before it: «Менеджер по активным
/// продажам решает: «Скидка выше лимита менеджера (3%)?»», its answers on the lines below.
#[derive(Clone, Debug, Serialize)]
pub struct Question {
    /// The decision's id: the anchor `step-ID` of the first line that asks it.
    pub id: String,
    /// Whether this line carries that anchor (the first step leading to it does).
    pub anchor: bool,
    /// For a question a step before has asked with its answers, that step: the line refers
    /// to it («см. шаг 4») rather than repeat them.
    pub see: Option<StepRef>,
    /// The question, as the model names the decision.
    pub text: String,
    /// Who decides.
    pub deciders: Vec<RoleLink>,
    /// Who answers for the decision, when not whoever decides.
    pub answerable: Vec<RoleLink>,
}

/// A step of the same process, by number.
#[derive(Clone, Debug, Serialize)]
pub struct StepRef {
    /// Its id (the anchor `step-ID`).
    pub id: String,
    /// Its number.
    pub number: usize,
    /// What is done.
    pub name: String,
}

impl Regulation {
    /// The regulation of process `id`, whose steps in flow order are `steps`.
    pub fn of(
        model: &Resolved,
        graphs: &Graphs,
        links: &Linker<'_>,
        id: ProcessId,
        steps: &[StepId],
        identity: Identity,
    ) -> Self {
        let process = model.process(id);
        let mut asked = Vec::new();
        let views: Vec<StepView> = steps
            .iter()
            .map(|&step| step_view(model, links, step, &mut asked))
            .collect();
        let mut documents: Vec<ArtifactId> = Vec::new();
        let mut note = |artifact: ArtifactId| {
            if !documents.contains(&artifact) {
                documents.push(artifact);
            }
        };
        process.inputs.iter().for_each(|i| note(i.artifact.target));
        for &step in steps {
            let step = model.step(step);
            step.inputs.iter().for_each(|a| note(a.target));
            step.outputs.iter().for_each(|a| note(a.target));
        }
        process.outputs.iter().for_each(|o| note(o.artifact.target));
        let indicators = model
            .kpis
            .iter()
            .filter(|kpi| {
                kpi.measured_by
                    .is_some_and(|m| documents.contains(&m.target))
            })
            .map(|kpi| IndicatorView::of(kpi, links))
            .collect();
        let raci = RaciTable::of(model, links, steps);
        let mut participants: Vec<Participant> = raci
            .roles
            .iter()
            .enumerate()
            .map(|(column, role)| {
                // Performing a step is answering for it and knowing it: an A or C beside
                // an R on the same step is not a further part the role plays
                // («Телемаркетолог: выполняет шаги», not «…, утверждает результат»).
                let mut held: Vec<Letter> = raci
                    .rows
                    .iter()
                    .flat_map(|row| {
                        let cell = &row.cells[column];
                        let performs = cell.contains(&Letter::R);
                        cell.iter()
                            .copied()
                            .filter(move |&l| !performs || l == Letter::R || l == Letter::I)
                    })
                    .collect();
                held.sort();
                held.dedup();
                Participant {
                    headcount: model
                        .roles
                        .iter()
                        .find(|r| r.id == role.id)
                        .map_or(1, |r| r.headcount),
                    role: role.clone(),
                    letters: held,
                }
            })
            .collect();
        // Who measures the process or checks its steps without a letter on any of them (the
        // administrator who counts the call lists' duplicates): the regulation applies to
        // them as well, they sign it, and the passport says what they do.
        let checkers = process.measures.iter().filter_map(|m| m.by).chain(
            steps
                .iter()
                .flat_map(|&step| model.step(step).controls.iter().map(|c| c.by)),
        );
        let mut controllers: Vec<RoleId> = Vec::new();
        for by in checkers {
            let known = participants
                .iter()
                .any(|p| p.role.id == model.role(by.target).id)
                || controllers.contains(&by.target);
            if !known {
                controllers.push(by.target);
            }
        }
        participants.extend(controllers.iter().map(|&role| Participant {
            headcount: model.role(role).headcount,
            role: links.role(role),
            letters: Vec::new(),
        }));
        let controllers: Vec<RoleLink> = controllers.into_iter().map(|r| links.role(r)).collect();
        // Whoever performs, supports, approves or advises on a step knows its result: the
        // informed are those who take no other part.
        let crew = [Letter::R, Letter::S, Letter::A, Letter::C, Letter::I]
            .into_iter()
            .map(|letter| Crew {
                letter,
                roles: participants
                    .iter()
                    .filter(|p| p.letters.contains(&letter))
                    .filter(|p| letter != Letter::I || p.letters.iter().all(|&l| l == Letter::I))
                    .map(|p| p.role.clone())
                    .collect(),
            })
            .filter(|c| !c.roles.is_empty())
            .collect();
        let mut callers: Vec<StepId> = graphs
            .calls
            .edges_directed(NodeIndex::new(id.0), Direction::Incoming)
            .map(|edge| *edge.weight())
            .collect();
        callers.sort();
        let called_by = callers.into_iter().map(|step| links.step(step)).collect();
        let owner = process.owner.map(|owner| links.role(owner.target));
        let superior = process
            .owner
            .and_then(|owner| model.role(owner.target).reports_to)
            .map(|boss| links.role(boss.target));
        let manages = |role: &RoleLink| {
            model.roles.iter().any(|r| {
                r.reports_to
                    .is_some_and(|boss| model.role(boss.target).id == role.id)
            })
        };
        let mut endorsers: Vec<RoleLink> = owner.iter().chain(&superior).cloned().collect();
        for participant in &participants {
            let role = &participant.role;
            if !role.external && manages(role) && !endorsers.contains(role) {
                endorsers.push(role.clone());
            }
        }
        let text: Vec<&str> = [&process.name]
            .into_iter()
            .chain(&process.purpose)
            .chain(&process.trigger)
            .chain(&process.result)
            .chain(&process.excludes)
            .chain(&process.systems)
            .map(String::as_str)
            .chain(views.iter().flat_map(|s| {
                [s.name.as_str()]
                    .into_iter()
                    .chain(s.description.as_deref())
                    .chain(s.checklist.iter().map(String::as_str))
            }))
            .chain(documents.iter().map(|&a| model.artifact(a).name.as_str()))
            .collect();
        let terms = terms_used(model, text);
        Regulation {
            identity,
            process: links.process(id),
            map_page: crate::layout::diagram(links.files().process(id)),
            purpose: process.purpose.clone(),
            owner,
            trigger: process.trigger.clone(),
            result: process.result.clone(),
            excludes: process.excludes.clone(),
            systems: process.systems.clone(),
            references: process.references.clone(),
            inputs: process
                .inputs
                .iter()
                .filter(|input| !input.from.is_empty() || !input.parties.is_empty())
                .map(|input| Exchange {
                    artifact: links.artifact(input.artifact.target),
                    processes: input.from.iter().map(|p| links.process(p.target)).collect(),
                    parties: links.roles(&input.parties),
                })
                .collect(),
            materials: process
                .inputs
                .iter()
                .filter(|input| input.from.is_empty() && input.parties.is_empty())
                .map(|input| links.artifact(input.artifact.target))
                .collect(),
            outputs: process
                .outputs
                .iter()
                .map(|output| Exchange {
                    artifact: links.artifact(output.artifact.target),
                    processes: output.to.iter().map(|p| links.process(p.target)).collect(),
                    parties: links.roles(&output.parties),
                })
                .collect(),
            participants,
            crew,
            controllers,
            controls: views.iter().flat_map(|s| s.controls.clone()).collect(),
            steps: views,
            documents: documents
                .into_iter()
                .map(|artifact| {
                    let mut made_by: Vec<RoleId> = steps
                        .iter()
                        .map(|&step| model.step(step))
                        .filter(|step| step.outputs.iter().any(|o| o.target == artifact))
                        .flat_map(|step| step.raci.r.iter().map(|r| r.target))
                        .collect();
                    made_by.sort();
                    made_by.dedup();
                    let drawn_up = !made_by.is_empty();
                    let supplies = process
                        .inputs
                        .iter()
                        .filter(|input| !drawn_up && input.artifact.target == artifact);
                    Record {
                        artifact: links.artifact(artifact),
                        made_by: made_by.into_iter().map(|r| links.role(r)).collect(),
                        from: supplies
                            .clone()
                            .flat_map(|input| input.from.iter().map(|p| links.process(p.target)))
                            .collect(),
                        parties: supplies
                            .flat_map(|input| links.roles(&input.parties))
                            .collect(),
                        code: None,
                        kept: model.artifact(artifact).kept.clone(),
                        retention: model.artifact(artifact).retention.clone(),
                    }
                })
                .collect(),
            measures: process
                .measures
                .iter()
                .map(|measure| MeasureView {
                    name: measure.name.clone(),
                    formula: measure.formula.as_deref().map(keep_percent),
                    target: measure.target.as_deref().map(keep_percent),
                    frequency: measure.frequency,
                    by: measure.by.map(|by| links.role(by.target)),
                })
                .collect(),
            indicators,
            called_by,
            raci,
            terms,
            endorsers,
        }
    }
}

/// The lines of the «Далее» of step `id`: where each edge leads, a decision written as a
/// condition asked on its own line and answered on the lines under it. `asked` holds the
/// decisions whose anchor a step before has taken, and guards against a loop of decisions
/// leading to each other (`check` reports one; the documents still build).
fn next_lines(
    model: &Resolved,
    links: &Linker<'_>,
    id: StepId,
    answer: bool,
    asked: &mut Vec<(StepId, StepId)>,
    through: &mut Vec<StepId>,
    lines: &mut Vec<NextView>,
) {
    let process = model.process(id.process);
    let step_ref = |to: StepId| StepRef {
        id: process.steps[to.index].id.clone(),
        number: links.number(to),
        name: process.steps[to.index].name.clone(),
    };
    for edge in &model.step(id).next {
        let when = edge.when.as_ref().map(|(when, _)| when.clone());
        let to = match edge.to {
            Target::Step(index) => Some(StepId {
                process: id.process,
                index,
            }),
            Target::End => None,
        };
        match to {
            Some(to) if links.is_condition(to) && !through.contains(&to) => {
                let decision = model.step(to);
                // Asked again by a later step, the question refers to the step that asks
                // it with its answers rather than repeat them.
                let first = asked.iter().find(|(d, _)| *d == to).map(|&(_, by)| by);
                if first.is_none() {
                    asked.push((to, through[0]));
                }
                let deciders = links.roles(&decision.raci.r);
                let answerable = links.roles(&decision.raci.a);
                lines.push(NextView {
                    step: None,
                    when,
                    answer,
                    decision: Some(Question {
                        id: decision.id.clone(),
                        anchor: first.is_none(),
                        see: first.map(step_ref),
                        text: decision.name.clone(),
                        answerable: if answerable
                            .iter()
                            .map(|r| &r.id)
                            .eq(deciders.iter().map(|r| &r.id))
                        {
                            Vec::new()
                        } else {
                            answerable
                        },
                        deciders,
                    }),
                });
                if first.is_none() {
                    through.push(to);
                    next_lines(model, links, to, true, asked, through, lines);
                    through.pop();
                }
            }
            _ => lines.push(NextView {
                step: to.map(step_ref),
                when,
                answer,
                decision: None,
            }),
        }
    }
}

fn step_view(
    model: &Resolved,
    links: &Linker<'_>,
    id: StepId,
    asked: &mut Vec<(StepId, StepId)>,
) -> StepView {
    let step = model.step(id);
    let raci = &step.raci;
    StepView {
        id: step.id.clone(),
        number: links.number(id),
        name: step.name.clone(),
        kind: step.kind,
        description: step.description.clone(),
        calls: step.calls.map(|p| links.process(p.target)),
        responsible: links.roles(&raci.r),
        accountable: links.roles(&raci.a),
        consulted: links.roles(&raci.c),
        informed: links.roles(&raci.i),
        support: links.roles(&raci.s),
        inputs: links.artifacts(&step.inputs),
        outputs: links.artifacts(&step.outputs),
        effort: step.effort.map(Amount::from),
        volume: step.volume.map(Amount::from),
        value: step.value,
        checklist: step.checklist.clone(),
        controls: step
            .controls
            .iter()
            .map(|control| ControlView::of(id, control, links))
            .collect(),
        next: {
            let mut lines = Vec::new();
            next_lines(model, links, id, false, asked, &mut vec![id], &mut lines);
            lines
        },
    }
}

/// `text` with a no-break space before each «%», so a printed «25 %» never leaves its sign
/// alone at the start of a line.
fn keep_percent(text: &str) -> String {
    text.replace(" %", "\u{a0}%")
}
