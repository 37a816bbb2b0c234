//! `raciflow conform`: is the regulation followed? Each case of a CRM's event log (a deal,
//! a lead) is replayed on the flow of the process it belongs to, and the report says,
//! process by process, how well the cases fit, which paths they took, and where they
//! departed from the regulation.
//!
//! A case belongs to the process whose steps answer to most of its events (or to the one
//! `--process` names). A step answers to the names in its `activity`, or without them to
//! its id and its name, compared as [`activity_key`] compares them. A step the log never
//! records for any case of its process (a decision nobody logs, a call the CRM does not
//! see) is replayed as a silent move rather than counted as skipped every time.

mod findings;
mod log;
mod net;
mod replay;
mod text;

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use serde::Serialize;

pub use findings::{DEPARTURE, FITNESS, PRACTICE, findings};
pub use log::{Case, Columns, Event, Log, LogError, Preset, Problem, read, timestamp};
pub use replay::fitness;
pub use text::text;

use crate::graph::{FlowGraph, Graphs};
use crate::resolve::{Resolved, activity_key};

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
    /// The rows read, the header left out.
    pub rows: usize,
    /// The events used.
    pub events: usize,
    /// The cases.
    pub cases: usize,
    /// The rows not used, each with its line and why.
    pub problems: Vec<Problem>,
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
    /// The steps no case's events record, replayed as silent moves.
    pub not_recorded: Vec<String>,
    /// The steps that positions other than their R did, when the log names positions;
    /// the step most often done by others first.
    pub roles: Vec<StepRoles>,
    /// How long after the event before it each step came, in the order of the steps.
    pub times: Vec<StepTime>,
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

/// The most late cases a step's time names.
const LATE_NAMED: usize = 10;

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
    /// A step done without the step before it: that one was skipped, or came later.
    Early {
        /// The step.
        step: String,
        /// The steps that should have come before it and had not yet been done; empty
        /// when the case had done them, in another order than the regulation's.
        after: Vec<String>,
        /// The cases.
        cases: usize,
    },
    /// A step that was due and never done; after a decision, one of its branches.
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
            | Deviation::Undone { cases, .. }
            | Deviation::Repeated { cases, .. }
            | Deviation::Unknown { cases, .. }
            | Deviation::Unfinished { cases } => *cases,
        }
    }
}

/// Replays `log` on the processes of `model` (only `only`'s, when given).
pub fn conform(model: &Resolved, graphs: &Graphs, log: &Log, only: Option<usize>) -> Report {
    // Which step of which process each activity of the log is.
    let mut known: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (p, process) in model.processes.iter().enumerate() {
        if only.is_some_and(|only| only != p) {
            continue;
        }
        for (s, step) in process.steps.iter().enumerate() {
            for name in step.activity_names() {
                let places = known.entry(activity_key(name)).or_default();
                if !places.iter().any(|&(q, _)| q == p) {
                    places.push((p, s));
                }
            }
        }
    }
    let steps_of: Vec<Vec<(usize, usize)>> = log
        .activities
        .iter()
        .map(|activity| {
            known
                .get(&activity_key(activity))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    // Each case goes to the process that knows most of its events; the first on a tie.
    let mut cases_of: Vec<Vec<&Case>> = vec![Vec::new(); model.processes.len()];
    let mut unmatched_cases = 0;
    let mut unmatched_events = vec![0usize; log.activities.len()];
    for case in &log.cases {
        let mut tally = vec![0usize; model.processes.len()];
        for event in &case.events {
            for &(p, _) in &steps_of[event.activity] {
                tally[p] += 1;
            }
        }
        let best = match only {
            Some(only) => Some(only),
            None => (0..tally.len())
                .filter(|&p| tally[p] > 0)
                .max_by_key(|&p| (tally[p], std::cmp::Reverse(p))),
        };
        match best {
            Some(p) => cases_of[p].push(case),
            None => {
                unmatched_cases += 1;
                for event in &case.events {
                    unmatched_events[event.activity] += 1;
                }
            }
        }
    }
    let processes = cases_of
        .iter()
        .enumerate()
        .filter(|(p, cases)| !cases.is_empty() || only == Some(*p))
        .map(|(p, cases)| process_report(model, graphs, log, &steps_of, p, cases))
        .collect();
    Report {
        format: FORMAT,
        log: LogSummary {
            rows: log.rows,
            events: log.events(),
            cases: log.cases.len(),
            problems: log.problems.clone(),
        },
        processes,
        unmatched_cases,
        unmatched_activities: {
            let mut counts: Vec<ActivityCount> = unmatched_events
                .iter()
                .enumerate()
                .filter(|&(_, &events)| events > 0)
                .map(|(a, &events)| ActivityCount {
                    activity: log.activities[a].clone(),
                    events,
                })
                .collect();
            counts.sort_by(|a, b| {
                b.events
                    .cmp(&a.events)
                    .then_with(|| a.activity.cmp(&b.activity))
            });
            counts
        },
    }
}

/// The steps the log records that are nearest to the silent step `step` along the flow:
/// before it for `Incoming`, after it for `Outgoing`.
fn recorded_near(
    flow: &FlowGraph,
    visible: &[bool],
    step: usize,
    direction: Direction,
) -> Vec<usize> {
    let mut found = Vec::new();
    let mut seen = vec![false; flow.graph.node_count()];
    let mut queue = VecDeque::from([flow.steps[step]]);
    while let Some(node) = queue.pop_front() {
        for next in flow.graph.neighbors_directed(node, direction) {
            if std::mem::replace(&mut seen[next.index()], true) {
                continue;
            }
            match flow.step_of(next) {
                Some(s) if visible[s] => found.push(s),
                Some(_) => queue.push_back(next),
                None => {}
            }
        }
    }
    found
}

/// A step of a case's path, or an activity the process does not know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Label {
    Step(usize),
    Unknown(usize),
}

/// The deviations of a case, as counted: each kind once per case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Found {
    Unknown(usize),
    Early(usize, Vec<usize>),
    Repeated(usize),
    Undone(Vec<usize>),
    Unfinished,
}

fn process_report(
    model: &Resolved,
    graphs: &Graphs,
    log: &Log,
    steps_of: &[Vec<(usize, usize)>],
    p: usize,
    cases: &[&Case],
) -> ProcessReport {
    let process = &model.processes[p];
    let flow = &graphs.flows[p];
    let step_of = |activity: usize| {
        steps_of[activity]
            .iter()
            .find(|&&(q, _)| q == p)
            .map(|&(_, s)| s)
    };
    let paths: Vec<Vec<Label>> = cases
        .iter()
        .map(|case| {
            case.events
                .iter()
                .map(|e| step_of(e.activity).map_or(Label::Unknown(e.activity), Label::Step))
                .collect()
        })
        .collect();
    let mut visible = vec![false; process.steps.len()];
    for label in paths.iter().flatten() {
        if let Label::Step(s) = label {
            visible[*s] = true;
        }
    }
    // A log that records none of the process's steps says nothing of which ones it
    // leaves out: every step is then taken as recorded, and every case departs.
    if !visible.contains(&true) {
        visible.fill(true);
    }
    let net = net::Net::of(flow, &visible);
    let mut tokens = Tokens::default();
    let mut fitting_cases = 0;
    let mut taken: HashMap<&[Label], (usize, usize)> = HashMap::new();
    for (order, path) in paths.iter().enumerate() {
        taken.entry(path.as_slice()).or_insert((0, order)).0 += 1;
    }
    // The paths, the most frequent first, then in the order first taken.
    let mut variants: Vec<(&[Label], usize, usize)> = taken
        .into_iter()
        .map(|(path, (count, first))| (path, count, first))
        .collect();
    variants.sort_by_key(|&(_, count, first)| (std::cmp::Reverse(count), first));
    let mut found: HashMap<Found, usize> = HashMap::new();
    let mut unknown_events: HashMap<usize, usize> = HashMap::new();
    // Cases that took one path replay alike: each path is replayed once, and counts for
    // each of its cases (as pm4py replays variants).
    for &(path, count, _) in &variants {
        let steps: Vec<usize> = path
            .iter()
            .filter_map(|label| match label {
                Label::Step(s) => Some(*s),
                Label::Unknown(_) => None,
            })
            .collect();
        let replayed = replay::replay(&net, &visible, &steps);
        let cases = count as u64;
        tokens.produced += replayed.produced * cases;
        tokens.consumed += replayed.consumed * cases;
        tokens.missing += replayed.missing * cases;
        tokens.remaining += replayed.remaining * cases;
        let mut here: Vec<Found> = Vec::new();
        for label in path.iter() {
            if let Label::Unknown(activity) = label {
                *unknown_events.entry(*activity).or_default() += count;
                here.push(Found::Unknown(*activity));
            }
        }
        // A silent step is named by the recorded steps around it: the log's reader knows
        // those.
        let named = |steps: &[usize], direction: Direction| -> Vec<usize> {
            let mut named: Vec<usize> = steps
                .iter()
                .flat_map(|&s| {
                    if visible[s] {
                        vec![s]
                    } else {
                        recorded_near(flow, &visible, s, direction)
                    }
                })
                .collect();
            named.sort_unstable();
            named.dedup();
            named
        };
        // A step that should have come before is named only if the case had not done it
        // by then: done earlier, it was not skipped; the case took another way.
        for (at, after) in &replayed.early {
            let missed: Vec<usize> = named(after, Direction::Incoming)
                .into_iter()
                .filter(|s| !steps[..*at].contains(s))
                .collect();
            here.push(Found::Early(steps[*at], missed));
        }
        here.extend(replayed.again.iter().map(|&at| Found::Repeated(steps[at])));
        // A token left for a step the case did do says it came at another moment, which
        // its `early` says; only steps the case never did are undone.
        here.extend(
            replayed
                .undone
                .iter()
                .map(|due| named(due, Direction::Outgoing))
                .filter(|due| !due.iter().any(|s| steps.contains(s)))
                .map(Found::Undone),
        );
        if !replayed.ended {
            here.push(Found::Unfinished);
        }
        let unknown = here.iter().any(|f| matches!(f, Found::Unknown(_)));
        if replayed.missing == 0 && replayed.remaining == 0 && !unknown {
            fitting_cases += count;
        }
        here.sort();
        here.dedup();
        for deviation in here {
            *found.entry(deviation).or_default() += count;
        }
    }
    let id = |s: usize| process.steps[s].id.clone();
    let mut found: Vec<(Found, usize)> = found.into_iter().collect();
    found.sort_by(|(a, x), (b, y)| y.cmp(x).then_with(|| a.cmp(b)));
    ProcessReport {
        id: process.id.clone(),
        name: process.name.clone(),
        cases: cases.len(),
        fitting_cases,
        fitness: fitness(
            tokens.produced,
            tokens.consumed,
            tokens.missing,
            tokens.remaining,
        ),
        tokens,
        variants: variants
            .into_iter()
            .map(|(path, cases, _)| Variant {
                steps: path
                    .iter()
                    .map(|label| match label {
                        Label::Step(s) => id(*s),
                        Label::Unknown(a) => format!("?{}", log.activities[*a]),
                    })
                    .collect(),
                cases,
            })
            .collect(),
        deviations: found
            .into_iter()
            .map(|(deviation, cases)| match deviation {
                Found::Unknown(a) => Deviation::Unknown {
                    activity: log.activities[a].clone(),
                    events: unknown_events.get(&a).copied().unwrap_or_default(),
                    cases,
                },
                Found::Early(s, after) => Deviation::Early {
                    step: id(s),
                    after: after.into_iter().map(id).collect(),
                    cases,
                },
                Found::Repeated(s) => Deviation::Repeated { step: id(s), cases },
                Found::Undone(steps) => Deviation::Undone {
                    steps: steps.into_iter().map(id).collect(),
                    cases,
                },
                Found::Unfinished => Deviation::Unfinished { cases },
            })
            .collect(),
        not_recorded: (0..process.steps.len())
            .filter(|&s| !visible[s])
            .map(id)
            .collect(),
        roles: step_roles(model, log, p, cases, &step_of),
        times: step_times(model, p, cases, &step_of),
    }
}

/// How long after the event before it each step of process `p` came in `cases`.
fn step_times(
    model: &Resolved,
    p: usize,
    cases: &[&Case],
    step_of: &dyn Fn(usize) -> Option<usize>,
) -> Vec<StepTime> {
    let process = &model.processes[p];
    let mut waits: Vec<Vec<i64>> = vec![Vec::new(); process.steps.len()];
    let mut late: Vec<Vec<String>> = vec![Vec::new(); process.steps.len()];
    for case in cases {
        for pair in case.events.windows(2) {
            let [before, event] = pair else { continue };
            let Some(s) = step_of(event.activity) else {
                continue;
            };
            let wait = event.time.as_second() - before.time.as_second();
            waits[s].push(wait);
            let deadline = process.steps[s].deadline.map(|d| d.seconds());
            if deadline.is_some_and(|d| wait as f64 > d) && late[s].last() != Some(&case.id) {
                late[s].push(case.id.clone());
            }
        }
    }
    waits
        .into_iter()
        .enumerate()
        .filter(|(_, waits)| !waits.is_empty())
        .map(|(s, mut waits)| {
            let step = &process.steps[s];
            waits.sort_unstable();
            StepTime {
                step: step.id.clone(),
                events: waits.len(),
                median_hours: median(&waits) / 3600.0,
                effort: step.effort.map(|e| e.to_string()),
                deadline: step.deadline.map(|d| d.to_string()),
                late_cases: late[s].len(),
                late: late[s].iter().take(LATE_NAMED).cloned().collect(),
            }
        })
        .collect()
}

/// The median of sorted `values`: the middle one, or the mean of the two in the middle.
fn median(values: &[i64]) -> f64 {
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle] as f64
    } else {
        (values[middle - 1] as f64 + values[middle] as f64) / 2.0
    }
}

/// Who did each step of process `p` in `cases`, where the log names a position other
/// than the step's R. A position is matched to a role by its id or its name.
fn step_roles(
    model: &Resolved,
    log: &Log,
    p: usize,
    cases: &[&Case],
    step_of: &dyn Fn(usize) -> Option<usize>,
) -> Vec<StepRoles> {
    let process = &model.processes[p];
    let by_name: HashMap<String, usize> = model
        .roles
        .iter()
        .enumerate()
        .flat_map(|(r, role)| [(activity_key(&role.id), r), (activity_key(&role.name), r)])
        .collect();
    // Each of the log's positions as the model's role, if it is one.
    let role_of: Vec<Option<usize>> = log
        .roles
        .iter()
        .map(|role| by_name.get(&activity_key(role)).copied())
        .collect();
    let mut counts: Vec<HashMap<usize, usize>> = vec![HashMap::new(); process.steps.len()];
    for event in cases.iter().flat_map(|case| &case.events) {
        if let (Some(step), Some(role)) = (step_of(event.activity), event.role) {
            *counts[step].entry(role).or_default() += 1;
        }
    }
    let mut roles: Vec<StepRoles> = counts
        .iter()
        .enumerate()
        .filter_map(|(s, done)| {
            let step = &process.steps[s];
            let performers: Vec<usize> = step.raci.r.iter().map(|r| r.target.0).collect();
            let events: usize = done.values().sum();
            let mut others: Vec<DoneBy> = done
                .iter()
                .filter(|&(&role, _)| role_of[role].is_none_or(|r| !performers.contains(&r)))
                .map(|(&role, &n)| DoneBy {
                    role: role_of[role]
                        .map_or_else(|| log.roles[role].clone(), |r| model.roles[r].id.clone()),
                    events: n,
                    share: n as f64 / events as f64,
                })
                .collect();
            others.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.role.cmp(&b.role)));
            (!others.is_empty()).then(|| StepRoles {
                step: step.id.clone(),
                regulation: performers
                    .iter()
                    .map(|&r| model.roles[r].id.clone())
                    .collect(),
                events,
                others,
            })
        })
        .collect();
    let by_others = |s: &StepRoles| s.others.iter().map(|o| o.events).sum::<usize>();
    roles.sort_by(|a, b| {
        by_others(b)
            .cmp(&by_others(a))
            .then_with(|| a.step.cmp(&b.step))
    });
    roles
}
