//! The report `conform` makes: its JSON shape (format 1, documented in docs/conform.md),
//! which the text and the annotations are written from.

use serde::Serialize;

use crate::conform::{LogFormat, Problem};

/// The version of the report's JSON shape.
pub const FORMAT: u32 = 1;

/// How well a log fits the model: what `conform` prints.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The version of this shape.
    pub format: u32,
    /// What was read.
    pub log: LogSummary,
    /// Each process some case belongs to, in the model's order.
    pub processes: Vec<ProcessReport>,
    /// The cases no process knows any activity of.
    pub unmatched_cases: usize,
    /// Their activities, the most frequent first: the names a step's `activity` may
    /// want.
    pub unmatched_activities: Vec<ActivityCount>,
}

/// An activity of the log and how many events it has.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ActivityCount {
    /// The activity, as the log writes it.
    pub activity: String,
    /// Its events.
    pub events: usize,
}

/// What was read of the log.
#[derive(Clone, Debug, Serialize)]
pub struct LogSummary {
    /// What kind of file the log was: `csv` or `xes`.
    pub format: LogFormat,
    /// The rows read, the header left out (an XES log's events).
    pub rows: usize,
    /// The events used.
    pub events: usize,
    /// The cases.
    pub cases: usize,
    /// The rows not used, each with its line and why.
    pub problems: Vec<Problem>,
    /// The users the staff list (`--staff`) does not have: their events name no position.
    pub unstaffed: Vec<UserCount>,
}

/// A user and their events.
#[derive(Clone, Debug, Serialize)]
pub struct UserCount {
    /// The user, as the log writes them.
    pub user: String,
    /// Their events.
    pub events: usize,
}

/// How the cases of one process fit its regulation.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessReport {
    /// The process's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The cases replayed on it.
    pub cases: usize,
    /// The cases that fit it exactly: no token missing or left, no unknown activity.
    pub fitting_cases: usize,
    /// The log's fitness on it, from the tokens of all its cases together.
    pub fitness: f64,
    /// The tokens of all its cases together.
    pub tokens: Tokens,
    /// The distinct paths the cases took, the most frequent first.
    pub variants: Vec<Variant>,
    /// The departures from the regulation, the ones that touch most cases first.
    pub deviations: Vec<Deviation>,
    /// Each step, in the order written: the cases that did it and those that departed
    /// from the regulation at it.
    pub steps: Vec<StepCases>,
    /// Each flow of the process (`from` none for the start, `to` none for an end), and
    /// how often the cases took it.
    pub flows: Vec<FlowTaken>,
    /// The steps no case's events record, replayed as silent moves.
    pub not_recorded: Vec<String>,
    /// The steps that positions other than their R did, when the log names positions;
    /// the step most often done by others first.
    pub roles: Vec<StepRoles>,
    /// How long after the event before it each step came, in the order of the steps.
    pub times: Vec<StepTime>,
}

/// A step's cases.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct StepCases {
    /// The step.
    pub step: String,
    /// The cases that did it.
    pub cases: usize,
    /// The cases with a departure at it: done early or again, or due and not done.
    pub departures: usize,
}

/// How often a flow from one step to the next was taken.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FlowTaken {
    /// The step it leads from; none for the process's start.
    pub from: Option<String>,
    /// The step it leads to; none for an end.
    pub to: Option<String>,
    /// The cases that took it.
    pub cases: usize,
    /// The times it was taken.
    pub times: usize,
}

/// How long after the event before it a step came, against its `deadline`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StepTime {
    /// The step.
    pub step: String,
    /// Its events that come after another of their case.
    pub events: usize,
    /// The median time from the event before, in hours.
    pub median_hours: f64,
    /// The step's `effort` (the work it takes), as written.
    pub effort: Option<String>,
    /// The step's `deadline`, as written.
    pub deadline: Option<String>,
    /// The cases in which it came later than its deadline after the event before.
    pub late_cases: usize,
    /// The first ten of them, by id.
    pub late: Vec<String>,
}

/// Who did a step, where the log names positions other than the step's R.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StepRoles {
    /// The step.
    pub step: String,
    /// The positions the regulation makes its R, by id.
    pub regulation: Vec<String>,
    /// Its events that name a position.
    pub events: usize,
    /// The other positions that did it, by id (as the log writes a position the model
    /// does not know), the one that did it most first.
    pub others: Vec<DoneBy>,
}

/// A position that did a step, and how often.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DoneBy {
    /// The position.
    pub role: String,
    /// The step's events it did.
    pub events: usize,
    /// Their share of the step's events that name a position, from 0 to 1.
    pub share: f64,
}

/// Token counts of a replay.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Tokens {
    /// Produced, the start's included.
    pub produced: u64,
    /// Consumed, the end's included.
    pub consumed: u64,
    /// Missing, and added so that a step could run.
    pub missing: u64,
    /// Left at the end.
    pub remaining: u64,
}

/// A path the cases took: the steps in order (an activity the regulation does not know
/// is written as the log writes it, after a `?`).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Variant {
    /// The steps, by id.
    pub steps: Vec<String>,
    /// How many cases took it.
    pub cases: usize,
}

/// A departure from the regulation, and how many cases show it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deviation {
    /// A step done before the step the regulation puts before it, which the case did
    /// later: steps out of order.
    Early {
        /// The step.
        step: String,
        /// The steps that should have come before it, done later; empty when the case had
        /// done them, in another order than the regulation's.
        after: Vec<String>,
        /// Whether every one of them should have come first (the step is a parallel
        /// join), rather than one of them.
        all: bool,
        /// The cases.
        cases: usize,
    },
    /// A step done though the step the regulation puts before it was never done: that
    /// one was skipped.
    Skipped {
        /// The step done.
        step: String,
        /// The steps that should have come before it and never did.
        missing: Vec<String>,
        /// Whether every one of them should have (the step is a parallel join), rather
        /// than one of them.
        all: bool,
        /// The cases.
        cases: usize,
    },
    /// A step that was due and never done, in a case that reached the end (in a case that
    /// did not, what was due is where it stopped); after a decision, one of its branches.
    Undone {
        /// The step, or the steps one of which was due.
        steps: Vec<String>,
        /// The cases.
        cases: usize,
    },
    /// A step done again though the flow had not led back to it (it has no loop back, or
    /// the case skipped the loop's steps).
    Repeated {
        /// The step.
        step: String,
        /// The cases.
        cases: usize,
    },
    /// An activity no step of the process answers to.
    Unknown {
        /// The activity, as the log writes it.
        activity: String,
        /// Its events.
        events: usize,
        /// The cases.
        cases: usize,
    },
    /// Cases that never reached the end of the process.
    Unfinished {
        /// The cases.
        cases: usize,
    },
}

impl Deviation {
    /// How many cases show it.
    pub fn cases(&self) -> usize {
        match self {
            Deviation::Early { cases, .. }
            | Deviation::Skipped { cases, .. }
            | Deviation::Undone { cases, .. }
            | Deviation::Repeated { cases, .. }
            | Deviation::Unknown { cases, .. }
            | Deviation::Unfinished { cases } => *cases,
        }
    }
}
