//! The resolved model: every reference turned into a typed handle.
//!
//! Later stages (checks, views, renderers) read these types, never the raw id strings of
//! `model`. A reference that did not resolve is reported by `resolve` and left out here, so
//! a check never has to handle a dangling handle.

use crate::diag::Location;
use crate::model::{
    Aggregate, Allow, Approval, ArtifactKind, Codes, Deadline, Direction, DutyByLetter, Effort,
    Field, Frequency, KpiCategory, Language, Letter, Period, RoleCategory, RoleDuty, RuleSetting,
    StepKind, Term, Unit, ValueKind, Volume,
};

macro_rules! handle {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);
    };
}

handle!(
    /// A role, by its position in `Resolved::roles`.
    RoleId
);
handle!(
    /// An artifact, by its position in `Resolved::artifacts`.
    ArtifactId
);
handle!(
    /// An indicator, by its position in `Resolved::kpis`.
    KpiId
);
handle!(
    /// A process, by its position in `Resolved::processes`.
    ProcessId
);

/// A step, by its process and its position among the process's steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepId {
    /// The process.
    pub process: ProcessId,
    /// The step's position in the process.
    pub index: usize,
}

/// A resolved reference and where it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ref<T> {
    /// What it refers to.
    pub target: T,
    /// Where the reference was written.
    pub at: Location,
}

/// The whole model, resolved.
#[derive(Debug, Default)]
pub struct Resolved {
    /// The manifest; `None` when model.yaml did not load.
    pub info: Option<Info>,
    /// Every role, in file order.
    pub roles: Vec<Role>,
    /// Every artifact, in file order.
    pub artifacts: Vec<Artifact>,
    /// Every indicator, in file order.
    pub kpis: Vec<Kpi>,
    /// Every process, in file order.
    pub processes: Vec<Process>,
    /// model.yaml `rules:`, as written; `check` matches the names against its rules.
    pub rule_settings: Vec<RuleEntry>,
}

/// One entry of model.yaml `rules:`.
#[derive(Debug)]
pub struct RuleEntry {
    /// The rule name as written.
    pub name: String,
    /// Where the name is written.
    pub at: Location,
    /// The level and parameters.
    pub setting: RuleSetting,
}

impl Resolved {
    /// The language the model is written in (English when model.yaml does not say).
    pub fn language(&self) -> Language {
        self.info
            .as_ref()
            .map(|info| info.language)
            .unwrap_or_default()
    }

    /// The cap of `kpi` of `role` in percent of its plan: its own, else its role's.
    pub fn cap(&self, kpi: &Kpi, role: RoleId) -> f64 {
        kpi.cap.map_or_else(|| self.role_cap(role), |cap| cap.value)
    }

    /// The cap of `role`'s indicators that set none: its `motivation.cap`, the model's, or
    /// 120.
    pub fn role_cap(&self, role: RoleId) -> f64 {
        self.role(role)
            .motivation
            .and_then(|m| m.cap)
            .or_else(|| self.info.as_ref().and_then(|info| info.cap))
            .map_or(Info::CAP, |cap| cap.value)
    }

    /// A role by handle.
    pub fn role(&self, id: RoleId) -> &Role {
        &self.roles[id.0]
    }

    /// An artifact by handle.
    pub fn artifact(&self, id: ArtifactId) -> &Artifact {
        &self.artifacts[id.0]
    }

    /// A process by handle.
    pub fn process(&self, id: ProcessId) -> &Process {
        &self.processes[id.0]
    }

    /// A step by handle.
    pub fn step(&self, id: StepId) -> &Step {
        &self.processes[id.process.0].steps[id.index]
    }

    /// How many steps all processes have.
    pub fn step_count(&self) -> usize {
        self.processes.iter().map(|p| p.steps.len()).sum()
    }

    /// Whether `role`, holding `letter` (A, C or S) on `step`, plays a part there that its
    /// job description states apart from its duties: not when it performs the step (it
    /// answers for and knows its own work by doing it), nor on a decision (a question's
    /// answer is part of the step that leads to it), nor when it approves a step of a
    /// process it owns (owning the process, which the job description states, is
    /// answering for every step of it). `check` asks for a wording of such a part, and
    /// the job description lists it.
    pub fn separate_part(&self, step: StepId, role: RoleId, letter: Letter) -> bool {
        let data = self.step(step);
        let performs = data.raci.r.iter().any(|r| r.target == role);
        let owns = self.process(step.process).owner.map(|o| o.target) == Some(role);
        letter != Letter::R
            && !performs
            && data.kind != StepKind::Decision
            && !(letter == Letter::A && owns)
    }
}

/// The manifest, with defaults applied.
#[derive(Debug)]
pub struct Info {
    /// The model's id.
    pub id: String,
    /// Where model.yaml's `model:` section is.
    pub at: Location,
    /// The model's title.
    pub name: String,
    /// The client.
    pub client: Option<String>,
    /// The model's version.
    pub version: Option<String>,
    /// The language of generated documents.
    pub language: Language,
    /// Working hours per day.
    pub hours_per_day: f64,
    /// Working days per month.
    pub days_per_month: u32,
    /// The share of the working time the modelled work may take.
    pub norm_coefficient: f64,
    /// The date the documents take effect, as written (ISO), and where.
    pub date: Option<(String, Location)>,
    /// The most an indicator pays, in percent of its plan, where neither it nor its role
    /// sets a cap.
    pub cap: Option<LocatedNumber>,
    /// The currency pay is written in.
    pub currency: Option<String>,
    /// The motivation policy's own title.
    pub motivation_title: Option<String>,
    /// Who approves the documents.
    pub approval: Option<Approval>,
    /// The prefixes of document codes.
    pub codes: Codes,
    /// The glossary.
    pub glossary: Vec<Term>,
    /// The letterhead's requisites, a line each.
    pub requisites: Vec<String>,
    /// The city the documents are issued in.
    pub city: Option<String>,
}

impl Info {
    /// Working hours a day when model.yaml says none (or there is no model.yaml).
    pub const HOURS_PER_DAY: f64 = 8.0;
    /// Working days a month when model.yaml says none.
    pub const DAYS_PER_MONTH: u32 = 21;
    /// The share of working time the modelled work may take when model.yaml says none.
    pub const NORM_COEFFICIENT: f64 = 1.0;
    /// The most an indicator pays, in percent of its plan, when nothing sets a cap: Russian
    /// practice proposes paying linearly up to 120–150%.
    pub const CAP: f64 = 120.0;

    /// The position that endorses the pack's documents («Согласовано»), if the model
    /// names one.
    pub fn endorser(&self) -> Option<&str> {
        self.approval.as_ref()?.endorsed_by.as_deref()
    }
}

/// A role.
#[derive(Debug)]
pub struct Role {
    /// Its id.
    pub id: String,
    /// Where the id is written.
    pub at: Location,
    /// Its title.
    pub name: String,
    /// Its title in the genitive.
    pub name_genitive: Option<String>,
    /// Its title in the dative.
    pub name_dative: Option<String>,
    /// Its category, when the model states it.
    pub category: Option<RoleCategory>,
    /// Its department.
    pub department: Option<String>,
    /// Whom it reports to.
    pub reports_to: Option<Ref<RoleId>>,
    /// Who stands in during the holder's absence.
    pub deputy: Option<Ref<RoleId>>,
    /// How many people hold it.
    pub headcount: u32,
    /// What it is for.
    pub purpose: Option<String>,
    /// The part of the job the model covers, when it covers a part only.
    pub scope: Option<String>,
    /// The title of the head of the unit it is borrowed from, when the model gives it.
    pub unit_head: Option<String>,
    /// Qualification requirements.
    pub requirements: Vec<String>,
    /// What the holder must know.
    pub knows: Vec<String>,
    /// Where the holder works.
    pub location: Option<String>,
    /// The working time.
    pub hours: Option<String>,
    /// Duties not tied to steps, with their frequency when the model gives one.
    pub duties: Vec<RoleDuty>,
    /// Rights.
    pub rights: Vec<String>,
    /// Liability.
    pub liability: Vec<String>,
    /// Its pay under the КСП scheme.
    pub motivation: Option<Pay>,
    /// Whether it is a party outside the organisation.
    pub external: bool,
    /// Accepted findings.
    pub allow: Vec<Allow>,
}

impl Role {
    /// Whether its job description is an addendum to the holder's own: the model covers
    /// a part of the job only (`scope`), so the rest of the job description (category,
    /// qualifications, the standard duties) is the employer's, not the pack's.
    pub fn has_addendum(&self) -> bool {
        self.scope.is_some()
    }
}

/// A role's monthly pay, as written.
#[derive(Clone, Copy, Debug)]
pub struct Pay {
    /// The fixed salary.
    pub salary: Option<LocatedNumber>,
    /// The variable pay at an index of 1.
    pub bonus: Option<LocatedNumber>,
    /// The most any of its indicators pays, in percent of the plan.
    pub cap: Option<LocatedNumber>,
}

impl Pay {
    /// The salary's amount.
    pub fn salary_amount(&self) -> Option<f64> {
        self.salary.map(|s| s.value)
    }

    /// The variable pay's amount at an index of 1.
    pub fn bonus_amount(&self) -> Option<f64> {
        self.bonus.map(|b| b.value)
    }
}

/// An artifact.
#[derive(Debug)]
pub struct Artifact {
    /// Its id.
    pub id: String,
    /// Where the id is written.
    pub at: Location,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: ArtifactKind,
    /// Its description.
    pub description: Option<String>,
    /// Whether it comes from outside the model.
    pub external: bool,
    /// The act that sets its form, when the law does.
    pub statutory: Option<String>,
    /// How often it is produced.
    pub frequency: Option<Frequency>,
    /// Its columns or fields.
    pub fields: Vec<Field>,
    /// The rows of its blank form, when the model sets them.
    pub rows: Option<u32>,
    /// The paragraph it opens with when it is sent out as a letter.
    pub opening: Option<String>,
    /// The paragraph it closes with when it is sent out as a letter.
    pub closing: Option<String>,
    /// Where it is kept.
    pub kept: Option<String>,
    /// How long it is kept.
    pub retention: Option<String>,
    /// Accepted findings.
    pub allow: Vec<Allow>,
}

/// A number and where it was written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LocatedNumber {
    /// The value.
    pub value: f64,
    /// Where it was written.
    pub at: Location,
}

/// An indicator.
#[derive(Debug)]
pub struct Kpi {
    /// Its id.
    pub id: String,
    /// Where the id is written.
    pub at: Location,
    /// Its name.
    pub name: String,
    /// The role it belongs to.
    pub role: Option<Ref<RoleId>>,
    /// Whether all its references resolved; rules about its role and source skip an
    /// incomplete indicator, whose unknown reference is already reported.
    pub complete: bool,
    /// KPI, Standard or SMART.
    pub category: KpiCategory,
    /// The plan figure.
    pub target: Option<LocatedNumber>,
    /// The unit.
    pub unit: Option<Unit>,
    /// The period of the target.
    pub period: Period,
    /// Which way is better.
    pub direction: Direction,
    /// Where the fact comes from.
    pub measured_by: Option<Ref<ArtifactId>>,
    /// Percent of variable pay.
    pub weight: Option<LocatedNumber>,
    /// Percent of target below which it pays nothing.
    pub threshold: Option<LocatedNumber>,
    /// The most it pays, in percent of the plan.
    pub cap: Option<LocatedNumber>,
    /// How its figure adds up over a longer period.
    pub aggregate: Aggregate,
    /// Due date of a SMART goal.
    pub due: Option<String>,
    /// Where the due date is written (the indicator's id when it has none).
    pub due_at: Location,
    /// Accepted findings.
    pub allow: Vec<Allow>,
}

/// An artifact a process receives, with its suppliers.
#[derive(Debug)]
pub struct ProcessInput {
    /// The artifact.
    pub artifact: Ref<ArtifactId>,
    /// The processes that supply it (empty for an external artifact).
    pub from: Vec<Ref<ProcessId>>,
    /// The external parties that supply it (the customer's request).
    pub parties: Vec<Ref<RoleId>>,
}

/// An artifact a process hands on, with its consumers.
#[derive(Debug)]
pub struct ProcessOutput {
    /// The artifact.
    pub artifact: Ref<ArtifactId>,
    /// The processes that receive it.
    pub to: Vec<Ref<ProcessId>>,
    /// The external parties that receive it (an invoice handed to the customer).
    pub parties: Vec<Ref<RoleId>>,
}

/// A process.
#[derive(Debug)]
pub struct Process {
    /// Its id.
    pub id: String,
    /// Where the id is written.
    pub at: Location,
    /// Its name.
    pub name: String,
    /// The role that owns it.
    pub owner: Option<Ref<RoleId>>,
    /// Whether every reference in it (steps included) resolved. Flow, data and RACI rules
    /// skip an incomplete process: its unknown references are already reported, and what
    /// follows from them (an unreachable step behind a misspelt `next`) would only repeat
    /// them.
    pub complete: bool,
    /// What it is for.
    pub purpose: Option<String>,
    /// What starts it.
    pub trigger: Option<String>,
    /// What it delivers.
    pub result: Option<String>,
    /// What it does not cover.
    pub excludes: Vec<String>,
    /// The information systems its work is done in.
    pub systems: Vec<String>,
    /// The documents its regulation follows.
    pub references: Vec<String>,
    /// What it receives.
    pub inputs: Vec<ProcessInput>,
    /// What it hands on.
    pub outputs: Vec<ProcessOutput>,
    /// How the process itself is measured.
    pub measures: Vec<Measure>,
    /// The entry step: `start`, or the first step.
    pub start: Option<usize>,
    /// Its steps, in the order written.
    pub steps: Vec<Step>,
    /// Accepted findings.
    pub allow: Vec<Allow>,
}

/// RACI letters of a step, after the process's defaults.
#[derive(Debug, Default)]
pub struct Raci {
    /// Responsible: who does the work.
    pub r: Vec<Ref<RoleId>>,
    /// Accountable: who answers for the result.
    pub a: Vec<Ref<RoleId>>,
    /// Consulted before.
    pub c: Vec<Ref<RoleId>>,
    /// Informed after.
    pub i: Vec<Ref<RoleId>>,
    /// Supports.
    pub s: Vec<Ref<RoleId>>,
}

impl Process {
    /// Which of its steps are bare decisions: a decision with nothing of its own but its
    /// question, who decides it and its answers (no description, documents, checklist,
    /// controls, time or duty wording), that some step leads to. The documents write one as
    /// a condition of the step before it, and number the steps without it: a reader follows
    /// «если скидка выше 3% — шаг 4» in the step that raises the question, where a
    /// numbered «Шаг 4. Скидка выше лимита?» with a row in the matrix reads as work to do.
    /// A decision with more to say is a step of its own.
    pub fn bare_decisions(&self) -> Vec<bool> {
        let led_to: Vec<bool> = (0..self.steps.len())
            .map(|index| {
                self.steps.iter().enumerate().any(|(from, step)| {
                    from != index && step.next.iter().any(|edge| edge.to == Target::Step(index))
                })
            })
            .collect();
        self.steps
            .iter()
            .zip(led_to)
            .map(|(step, led_to)| {
                let duty = &step.duty;
                led_to
                    && step.kind == StepKind::Decision
                    && step.description.is_none()
                    && step.calls.is_none()
                    && step.inputs.is_empty()
                    && step.outputs.is_empty()
                    && step.checklist.is_empty()
                    && step.controls.is_empty()
                    && step.effort.is_none()
                    && step.volume.is_none()
                    && [&duty.r, &duty.a, &duty.c, &duty.s]
                        .iter()
                        .all(|d| d.is_none())
            })
            .collect()
    }
}

impl Raci {
    /// The roles holding `letter` on the step.
    pub fn holders(&self, letter: Letter) -> &[Ref<RoleId>] {
        match letter {
            Letter::R => &self.r,
            Letter::A => &self.a,
            Letter::C => &self.c,
            Letter::I => &self.i,
            Letter::S => &self.s,
        }
    }
}

/// Where a `next` leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A step of the same process, by position.
    Step(usize),
    /// The end of the process.
    End,
}

/// One `next` target of a step.
#[derive(Debug)]
pub struct NextEdge {
    /// Where it leads.
    pub to: Target,
    /// Where the target is written.
    pub at: Location,
    /// The branch's condition, with where it is written.
    pub when: Option<(String, Location)>,
    /// Whether it was written as a `{to, when}` branch.
    pub is_branch: bool,
}

/// A control point of a step.
#[derive(Debug)]
pub struct Control {
    /// The role that checks.
    pub by: Ref<RoleId>,
    /// What is checked and how.
    pub how: String,
    /// How often.
    pub frequency: Option<Frequency>,
}

/// A measure of a process.
#[derive(Debug)]
pub struct Measure {
    /// What is measured.
    pub name: String,
    /// How it is worked out.
    pub formula: Option<String>,
    /// The level aimed at, in words.
    pub target: Option<String>,
    /// How often it is measured.
    pub frequency: Option<Frequency>,
    /// The role that measures it.
    pub by: Option<Ref<RoleId>>,
}

/// A step.
#[derive(Debug)]
pub struct Step {
    /// Its id.
    pub id: String,
    /// Where the id is written.
    pub at: Location,
    /// What is done.
    pub name: String,
    /// Task, decision or subprocess.
    pub kind: StepKind,
    /// More detail.
    pub description: Option<String>,
    /// The step worded as a duty, per letter, where the model words it.
    pub duty: DutyByLetter,
    /// The process a subprocess step calls.
    pub calls: Option<Ref<ProcessId>>,
    /// RACI letters after defaults.
    pub raci: Raci,
    /// What it needs.
    pub inputs: Vec<Ref<ArtifactId>>,
    /// What it produces.
    pub outputs: Vec<Ref<ArtifactId>>,
    /// What the performer must do or verify.
    pub checklist: Vec<String>,
    /// The names an event log records it by, each with where it is written; empty: its
    /// id and its name ([`Step::activity_names`]).
    pub activity: Vec<(String, Location)>,
    /// Time per occurrence.
    pub effort: Option<Effort>,
    /// Occurrences per person of R.
    pub volume: Option<Volume>,
    /// The longest it may come after the step before it.
    pub deadline: Option<Deadline>,
    /// Time-structure category.
    pub value: Option<ValueKind>,
    /// Control points.
    pub controls: Vec<Control>,
    /// What follows; empty for an end step.
    pub next: Vec<NextEdge>,
    /// Accepted findings.
    pub allow: Vec<Allow>,
}

impl Step {
    /// The names an event log may record the step by: its `activity` names, or without
    /// them its id and its name.
    pub fn activity_names(&self) -> Vec<&str> {
        if self.activity.is_empty() {
            vec![self.id.as_str(), self.name.as_str()]
        } else {
            self.activity
                .iter()
                .map(|(name, _)| name.as_str())
                .collect()
        }
    }
}

/// An activity name as it is compared: trimmed, its spaces collapsed, in lower case, so
/// that a log's «Новая  заявка » is the step's «Новая заявка».
pub fn activity_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
