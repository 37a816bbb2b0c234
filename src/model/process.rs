//! `processes:` the processes, their steps, RACI letters, documents and flow.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Allow, Deadline, Effort, Frequency, IdList, Next, Spanned, Volume};

/// A business process: its boundaries, hand-offs and steps.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Process {
    /// Unique among processes; becomes the file name of its regulation.
    pub id: Spanned<String>,
    /// The process's name as it appears in documents.
    pub name: String,
    /// The id of the role that owns and controls the process.
    pub owner: Spanned<String>,
    /// What the process is for.
    pub purpose: Option<String>,
    /// What starts it.
    pub trigger: Option<String>,
    /// What it delivers.
    pub result: Option<String>,
    /// What the process does not cover, where a reader could think it does: the edge of
    /// its boundaries beyond the trigger and the result.
    #[serde(default)]
    pub excludes: Vec<String>,
    /// The information systems its work is done in (CRM, 1С, телефония).
    #[serde(default)]
    pub systems: Vec<String>,
    /// The laws, standards and internal documents its regulation follows.
    #[serde(default)]
    pub references: Vec<String>,
    /// What the process receives, and from which process.
    #[serde(default)]
    pub inputs: Vec<ProcessInput>,
    /// What the process hands on, and to which processes.
    #[serde(default)]
    pub outputs: Vec<ProcessOutput>,
    /// How the process itself is measured (conversion, cycle time), as its regulation
    /// states them. These are the process's measures, not anyone's pay: the indicators
    /// that drive pay are `kpis`.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// RACI letters for every step that does not set them itself.
    #[serde(default)]
    pub defaults: Raci,
    /// The id of the entry step (default: the first step).
    pub start: Option<Spanned<String>>,
    /// The steps, in the order they are described.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Findings of `check` accepted for this process, each with a reason.
    #[serde(default)]
    pub allow: Vec<Allow>,
}

/// An artifact a process receives.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessInput {
    /// The id of the artifact.
    pub artifact: Spanned<String>,
    /// The id of the process that supplies it; omit for an external artifact.
    pub from: Option<IdList>,
}

/// An artifact a process hands on.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessOutput {
    /// The id of the artifact.
    pub artifact: Spanned<String>,
    /// The ids of the processes that receive it.
    #[serde(default)]
    pub to: IdList,
}

/// Who does what on a step: Responsible, Accountable, Consulted, Informed, Supports.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Raci {
    /// Who does the work: one role id or a list (at least one).
    #[serde(rename = "R")]
    pub r: Option<IdList>,
    /// Who answers for the result: exactly one role id.
    #[serde(rename = "A")]
    pub a: Option<IdList>,
    /// Who is consulted before the work.
    #[serde(rename = "C")]
    pub c: Option<IdList>,
    /// Who is informed after the work.
    #[serde(rename = "I")]
    pub i: Option<IdList>,
    /// Who supports the performer (RASCI).
    #[serde(rename = "S")]
    pub s: Option<IdList>,
}

/// One step of a process.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Unique within the process; `end` is reserved.
    pub id: Spanned<String>,
    /// What is done, as an instruction: "Сформировать список обзвона на день".
    pub name: String,
    /// A task (the default), a decision, or a call of another process.
    #[serde(default)]
    pub kind: StepKind,
    /// More detail on how the step is done.
    pub description: Option<String>,
    /// The step as a duty in the job descriptions: one text for the performer (R), or a
    /// text per letter (`R`, `A`, `C`, `S`) for whoever holds it. Without one the performer's
    /// duty is the step's name and the others get a generated sentence. A decision appears
    /// in a job description only with a `duty`.
    pub duty: Option<DutyWording>,
    /// For a subprocess step: the id of the process it calls.
    pub process: Option<Spanned<String>>,
    /// RACI letters; letters not set here come from the process's `defaults`.
    #[serde(default)]
    pub raci: Raci,
    /// Ids of the artifacts the step needs.
    #[serde(default)]
    pub inputs: Vec<Spanned<String>>,
    /// Ids of the artifacts the step produces.
    #[serde(default)]
    pub outputs: Vec<Spanned<String>>,
    /// What the performer must do or verify.
    #[serde(default)]
    pub checklist: Vec<String>,
    /// The names a CRM or another system records this step by in its event log (a stage
    /// `NEW`, «Новая заявка»), for `raciflow conform`; without them the step is known by
    /// its id and its name.
    #[serde(default)]
    pub activity: IdList,
    /// Time per occurrence: 15m, 1.5h, 1d.
    pub effort: Option<Spanned<Effort>>,
    /// Occurrences per person of R: N/day, N/week or N/month.
    pub volume: Option<Spanned<Volume>>,
    /// The longest the step may come after the step before it (a lead is called within
    /// `24h`), for `raciflow conform`.
    pub deadline: Option<Deadline>,
    /// Which part of the time structure the step's time counts towards.
    pub value: Option<ValueKind>,
    /// Control points for the controller.
    #[serde(default)]
    pub controls: Vec<Control>,
    /// What follows: a step id, a list of ids (all follow), or on a decision a list of
    /// `{to, when}` branches. `end` ends the process; no `next` makes an end step.
    pub next: Option<Next>,
    /// Findings of `check` accepted for this step, each with a reason.
    #[serde(default)]
    pub allow: Vec<Allow>,
}

/// How a step reads as a duty in the job descriptions of the roles on it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DutyWording {
    /// The performer's duty: «Проводит встречу с ЛПР и выявляет потребности».
    Performer(String),
    /// A text for each letter the model words.
    ByLetter(DutyByLetter),
}

/// A step's duty worded for each RACI letter that is a duty (being informed is not).
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DutyByLetter {
    /// The performer's duty.
    #[serde(rename = "R")]
    pub r: Option<String>,
    /// The duty of whoever answers for the result: «утверждать листы обзвона».
    #[serde(rename = "A")]
    pub a: Option<String>,
    /// The duty of whoever is consulted.
    #[serde(rename = "C")]
    pub c: Option<String>,
    /// The duty of whoever supports the performer.
    #[serde(rename = "S")]
    pub s: Option<String>,
}

impl DutyWording {
    /// The wording per letter, a single text being the performer's.
    pub fn by_letter(&self) -> DutyByLetter {
        match self {
            DutyWording::Performer(text) => DutyByLetter {
                r: Some(text.clone()),
                ..DutyByLetter::default()
            },
            DutyWording::ByLetter(letters) => letters.clone(),
        }
    }
}

impl DutyByLetter {
    /// The wording for whoever holds `letter` on the step (being informed is never a duty).
    pub fn get(&self, letter: Letter) -> Option<&String> {
        match letter {
            Letter::R => self.r.as_ref(),
            Letter::A => self.a.as_ref(),
            Letter::C => self.c.as_ref(),
            Letter::I => None,
            Letter::S => self.s.as_ref(),
        }
    }
}

/// A letter of the responsibility matrix.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Letter {
    /// Responsible: does the work.
    R,
    /// Accountable: answers for the result, signs it off.
    A,
    /// Consulted before the work.
    C,
    /// Informed after the work.
    I,
    /// Supports the performer.
    S,
}

impl Letter {
    /// Every letter, in the order a cell shows them.
    pub const ALL: [Letter; 5] = [Letter::R, Letter::A, Letter::C, Letter::I, Letter::S];

    /// The letter as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Letter::R => "R",
            Letter::A => "A",
            Letter::C => "C",
            Letter::I => "I",
            Letter::S => "S",
        }
    }
}

/// The kind of a step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// Work done by the performer (the default).
    #[default]
    Task,
    /// A question whose answer picks one of the `next` branches.
    Decision,
    /// A call of another process, named by `process`.
    Subprocess,
}

/// The time-structure category of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// Work with clients that sells.
    Selling,
    /// Work that supports selling: documents, logistics, records.
    Support,
    /// Planning, control and management.
    Management,
}

/// A measure of a process: what is measured, how it is worked out, the level aimed at, how
/// often and by whom.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// The measure's name («Конверсия лида в заказ»).
    pub name: String,
    /// How it is worked out («заказы / принятые лиды × 100 %»).
    pub formula: Option<String>,
    /// The level aimed at, in words («не менее 30 %»).
    pub target: Option<String>,
    /// How often it is measured.
    pub frequency: Option<Frequency>,
    /// The id of the role that measures it.
    pub by: Option<Spanned<String>>,
}

/// A control point: who checks what, how and how often.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// The id of the role that checks.
    pub by: Spanned<String>,
    /// What is checked and how.
    pub how: String,
    /// How often.
    pub frequency: Option<Frequency>,
}
