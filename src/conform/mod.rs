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
mod flows;
mod html;
mod log;
mod net;
mod practice;
mod replay;
mod report;
mod text;

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::visit::EdgeRef;

pub use findings::{DEPARTURE, FITNESS, PRACTICE, findings};
pub use html::page;
pub use log::{
    Case, Columns, Event, Log, LogError, LogFormat, Preset, Problem, Reading, Staff, read,
    timestamp,
};
pub use replay::fitness;
pub use report::{
    ActivityCount, Deviation, DoneBy, FORMAT, FlowTaken, LogSummary, ProcessReport, Report,
    StepCases, StepRoles, StepTime, Tokens, UserCount, Variant,
};
pub use text::text;

use crate::graph::{FlowGraph, Graphs};
use crate::resolve::{Resolved, activity_key};

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
            format: log.format,
            rows: log.rows,
            events: log.events(),
            cases: log.cases.len(),
            problems: log.problems.clone(),
            unstaffed: log
                .unstaffed
                .iter()
                .map(|(user, events)| UserCount {
                    user: user.clone(),
                    events: *events,
                })
                .collect(),
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
    Skipped(usize, Vec<usize>),
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
    // An event named as the process's trigger (a lead created, an enquiry received) is
    // its start, which the regulation has: no step, and no departure.
    let trigger = process.trigger.as_deref().map(activity_key);
    let mut is_trigger: HashMap<usize, bool> = HashMap::new();
    let mut starts = |activity: usize| {
        *is_trigger.entry(activity).or_insert_with(|| {
            trigger
                .as_ref()
                .is_some_and(|t| *t == activity_key(&log.activities[activity]))
        })
    };
    let paths: Vec<Vec<Label>> = cases
        .iter()
        .map(|case| {
            case.events
                .iter()
                .filter(|e| step_of(e.activity).is_some() || !starts(e.activity))
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
    let mut recorded_paths: Vec<(Vec<usize>, usize)> = Vec::with_capacity(variants.len());
    // For each step, the cases that did it and the cases with a departure at it.
    let mut at_step = vec![(0usize, 0usize); process.steps.len()];
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
        let replayed = replay::replay(&net, &steps);
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
        // Of those, the ones it did later came in another order; the ones it never did
        // were skipped.
        for (at, after) in &replayed.early {
            let (later, never): (Vec<usize>, Vec<usize>) = named(after, Direction::Incoming)
                .into_iter()
                .filter(|s| !steps[..*at].contains(s))
                .partition(|s| steps[*at..].contains(s));
            here.push(if never.is_empty() || !later.is_empty() {
                Found::Early(steps[*at], later)
            } else {
                Found::Skipped(steps[*at], never)
            });
        }
        here.extend(replayed.again.iter().map(|&at| Found::Repeated(steps[at])));
        // A token left for a step the case did do says it came at another moment, which
        // its `early` says; only steps the case never did are undone. A case that did not
        // reach the end is still open or was dropped: what was due is where it stopped,
        // which `unfinished` says.
        // A step a departure already says was skipped is not told again as undone.
        let skipped: Vec<usize> = here
            .iter()
            .flat_map(|found| match found {
                Found::Skipped(_, missing) => missing.clone(),
                _ => Vec::new(),
            })
            .collect();
        if replayed.ended {
            here.extend(
                replayed
                    .undone
                    .iter()
                    .map(|due| named(due, Direction::Outgoing))
                    .filter(|due| {
                        !due.is_empty()
                            && !due.iter().any(|s| steps.contains(s) || skipped.contains(s))
                    })
                    .map(Found::Undone),
            );
        } else {
            here.push(Found::Unfinished);
        }
        let unknown = here.iter().any(|f| matches!(f, Found::Unknown(_)));
        if replayed.missing == 0 && replayed.remaining == 0 && !unknown {
            fitting_cases += count;
        }
        here.sort();
        here.dedup();
        let mut touched: Vec<usize> = here
            .iter()
            .flat_map(|deviation| match deviation {
                Found::Early(s, _) | Found::Skipped(s, _) | Found::Repeated(s) => vec![*s],
                Found::Undone(due) => due.clone(),
                Found::Unknown(_) | Found::Unfinished => Vec::new(),
            })
            .collect();
        touched.sort_unstable();
        touched.dedup();
        for s in touched {
            at_step[s].1 += count;
        }
        let mut done = steps.clone();
        done.sort_unstable();
        done.dedup();
        for s in done {
            at_step[s].0 += count;
        }
        for deviation in here {
            *found.entry(deviation).or_default() += count;
        }
        recorded_paths.push((steps, count));
    }
    let taken = flows::taken(flow, &visible, &recorded_paths);
    let id = |s: usize| process.steps[s].id.clone();
    let joins = flow.parallel_joins();
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
                    all: joins[flow.steps[s].index()],
                    cases,
                },
                Found::Skipped(s, missing) => Deviation::Skipped {
                    step: id(s),
                    missing: missing.into_iter().map(id).collect(),
                    all: joins[flow.steps[s].index()],
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
        steps: process
            .steps
            .iter()
            .zip(&at_step)
            .map(|(step, &(cases, departures))| StepCases {
                step: step.id.clone(),
                cases,
                departures,
            })
            .collect(),
        flows: flow
            .graph
            .edge_references()
            .zip(&taken)
            .map(|(edge, taken)| FlowTaken {
                from: flow.step_of(edge.source()).map(id),
                to: flow.step_of(edge.target()).map(id),
                cases: taken.cases,
                times: taken.times,
            })
            .collect(),
        not_recorded: (0..process.steps.len())
            .filter(|&s| !visible[s])
            .map(id)
            .collect(),
        roles: practice::step_roles(model, log, p, cases, &step_of),
        times: practice::step_times(model, p, cases, &step_of),
    }
}
