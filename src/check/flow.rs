//! Flow rules: what a process's control flow must satisfy.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::algo::tarjan_scc;
use petgraph::graph::NodeIndex;
use petgraph::visit::{Dfs, Reversed, Walker};

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Location, Rule};
use crate::graph::FlowGraph;
use crate::model::{Level, StepKind};
use crate::resolve::{Process, ProcessId, Step, StepId, Target, activity_key};

/// A step that cannot be reached from the process start.
pub static UNREACHABLE_STEP: Rule = Rule {
    name: "flow/unreachable-step",
    default_level: Level::Error,
    summary: "a step that cannot be reached from the process start",
    explanation: "Every step must lie on some path from the process's start (its `start` \
        step, or the first step). A step no `next` leads to is usually a forgotten link or a \
        leftover from an edit, and its duties would still land in job descriptions.\n\n\
        Failing:\n\n```yaml\nsteps:\n  - { id: a, name: A, raci: { R: clerk, A: boss } }\n  \
        - { id: b, name: B, raci: { R: clerk, A: boss } }   # a has no next, so b is never reached\n```\n\n\
        Fix: add `next: b` to `a`, or remove `b`.",
};

/// A step from which no end can be reached.
pub static DEAD_END: Rule = Rule {
    name: "flow/dead-end",
    default_level: Level::Error,
    summary: "a step from which no end can be reached (an endless loop)",
    explanation: "From every step some path must lead to the end of the process (`end`, or a \
        step without `next`). Steps that only lead to each other form a loop the process can \
        never leave.\n\n\
        Failing:\n\n```yaml\n- { id: call, name: Call, next: retry, raci: { R: clerk, A: boss } }\n\
        - { id: retry, name: Retry, next: call, raci: { R: clerk, A: boss } }\n```\n\n\
        Fix: make one step of the loop a decision with a branch out, e.g. \
        `{ to: end, when: Gave up }`.",
};

/// Decisions and their branches.
pub static DECISION_BRANCHES: Rule = Rule {
    name: "flow/decision-branches",
    default_level: Level::Error,
    summary: "a decision with fewer than two branches, a branch without `when`, two branches with the same `when`, or `{to, when}` branches on a step that is not a decision",
    explanation: "A decision chooses one of its branches by the answer written in `when`, so \
        it needs at least two branches, each with its own answer. Branches belong on \
        decisions only: on a task, `{to, when}` looks like a choice the map will not show.\n\n\
        Failing:\n\n```yaml\n- id: interested\n  kind: decision\n  next:\n    - { to: qualify, when: Yes }\n    \
        - { to: end }\n```\n\n\
        Fix: `- { to: end, when: No }`.",
};

/// A step whose `next` is itself.
pub static SELF_LOOP: Rule = Rule {
    name: "flow/self-loop",
    default_level: Level::Warning,
    summary: "a step whose `next` is itself",
    explanation: "A step that follows itself repeats without a decision; a repeated activity \
        is better modelled with `volume` (70/day) or with a decision that says when to stop.\n\n\
        Failing: `- { id: call, name: Call, next: call }`.\n\n\
        Fix: add a decision step (`More calls today?`) that leads back or on.",
};

/// An activity name that two steps of one process answer to.
pub static ACTIVITY_TWICE: Rule = Rule {
    name: "flow/activity-twice",
    default_level: Level::Error,
    summary: "an `activity` name that two steps of one process answer to",
    explanation: "`raciflow conform` matches each event of a CRM's log to the step whose \
        `activity` names it (a step without `activity` answers to its id and its name). A \
        name two steps answer to cannot say which of them the event records, and the \
        replay would count a deviation that did not happen. Names are compared trimmed, \
        their spaces collapsed and in lower case.\n\n\
        Failing: `activity: [NEW]` on both `register` and `qualify`.\n\n\
        Fix: give each step the names that only it is recorded by; a CRM stage that covers \
        two steps belongs to the later one.",
};

/// Subprocess calls that form a cycle.
pub static SUBPROCESS_CYCLE: Rule = Rule {
    name: "flow/subprocess-cycle",
    default_level: Level::Error,
    summary: "subprocess calls that form a cycle (a process that calls itself through others)",
    explanation: "A subprocess step runs another process. If process A calls B and B calls A, \
        neither can ever finish. The message prints the cycle: `a → b → a`.\n\n\
        Failing: process `deal` has a subprocess step with `process: contract`, and `contract` \
        one with `process: deal`.\n\n\
        Fix: break the cycle; usually the inner process should hand an artifact back \
        (`outputs: [{artifact: x, to: [deal]}]`) instead of calling.",
};

fn step_subject(process: usize, index: usize) -> Subject {
    Subject::Step(StepId {
        process: ProcessId(process),
        index,
    })
}

/// Reports each step of every complete process that a walk of its flow graph does not
/// visit; `walk` lists the nodes visited.
fn report_steps_not_visited(
    cx: &Context,
    findings: &mut Findings,
    walk: impl Fn(&FlowGraph) -> BTreeSet<NodeIndex>,
    report: impl Fn(&Process, &Step) -> Diagnostic,
) {
    for (p, (process, flow)) in cx.model.processes.iter().zip(&cx.graphs.flows).enumerate() {
        if !process.complete {
            continue;
        }
        let visited = walk(flow);
        for (index, step) in process.steps.iter().enumerate() {
            if !visited.contains(&flow.steps[index]) {
                findings.add(report(process, step), [step_subject(p, index)]);
            }
        }
    }
}

pub fn unreachable_step(cx: &Context, findings: &mut Findings) {
    report_steps_not_visited(
        cx,
        findings,
        |flow| {
            Dfs::new(&flow.graph, flow.start)
                .iter(&flow.graph)
                .collect()
        },
        |process, step| {
            Diagnostic::new(
                &UNREACHABLE_STEP,
                step.at,
                format!("step `{}` cannot be reached from the start of process `{}`", step.id, process.id),
            )
            .with_help("no path from the start leads here: name it in an earlier step's `next`, or remove it")
        },
    );
}

pub fn dead_end(cx: &Context, findings: &mut Findings) {
    report_steps_not_visited(
        cx,
        findings,
        |flow| {
            let reversed = Reversed(&flow.graph);
            Dfs::new(reversed, flow.end).iter(reversed).collect()
        },
        |process, step| {
            Diagnostic::new(
                &DEAD_END,
                step.at,
                format!("no path leads from step `{}` to the end of process `{}`", step.id, process.id),
            )
            .with_help("the steps after it loop forever: give one of them a branch to a later step or to `end`")
        },
    );
}

pub fn decision_branches(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        let subject = [Subject::Step(id)];
        if step.kind != StepKind::Decision {
            for edge in step.next.iter().filter(|e| e.is_branch) {
                findings.add(
                    Diagnostic::new(
                        &DECISION_BRANCHES,
                        edge.at,
                        format!(
                            "step `{}` has `{{to, when}}` branches but is not a decision",
                            step.id
                        ),
                    )
                    .with_help("add `kind: decision`, or list the following steps without `when`"),
                    subject,
                );
            }
            continue;
        }
        if step.next.len() < 2 {
            findings.add(
                Diagnostic::new(
                    &DECISION_BRANCHES,
                    step.at,
                    format!(
                        "decision `{}` has {} branch{}; a decision needs at least two",
                        step.id,
                        step.next.len(),
                        if step.next.len() == 1 { "" } else { "es" }
                    ),
                )
                .with_help("list each answer as `{ to: <step or end>, when: <answer> }`"),
                subject,
            );
        }
        let mut seen: BTreeMap<&str, crate::diag::Location> = BTreeMap::new();
        for edge in &step.next {
            match &edge.when {
                None => findings.add(
                    Diagnostic::new(
                        &DECISION_BRANCHES,
                        edge.at,
                        format!("a branch of decision `{}` has no `when`", step.id),
                    )
                    .with_help("write the answer that selects it: `{ to: …, when: … }`"),
                    subject,
                ),
                Some((when, at)) => {
                    if let Some(first) = seen.get(when.as_str()) {
                        findings.add(
                            Diagnostic::new(
                                &DECISION_BRANCHES,
                                *at,
                                format!("decision `{}` has two branches for `{when}`", step.id),
                            )
                            .with_related(*first, "the first branch for this answer"),
                            subject,
                        );
                    } else {
                        seen.insert(when, *at);
                    }
                }
            }
        }
    }
}

pub fn self_loop(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        for edge in &step.next {
            if edge.to == Target::Step(id.index) {
                findings.add(
                    Diagnostic::new(
                        &SELF_LOOP,
                        edge.at,
                        format!("step `{}` is followed by itself", step.id),
                    )
                    .with_help(
                        "model repetition with `volume`, or with a decision that says when to stop",
                    ),
                    [Subject::Step(id)],
                );
            }
        }
    }
}

pub fn activity_twice(cx: &Context, findings: &mut Findings) {
    for (p, process) in cx.model.processes.iter().enumerate() {
        // Each name's first step, and where that step writes it (none: its id or name).
        let mut first: BTreeMap<String, (usize, Option<Location>)> = BTreeMap::new();
        for (index, step) in process.steps.iter().enumerate() {
            let names: Vec<(&str, Option<Location>)> = if step.activity.is_empty() {
                step.activity_names()
                    .into_iter()
                    .map(|n| (n, None))
                    .collect()
            } else {
                step.activity
                    .iter()
                    .map(|(n, at)| (n.as_str(), Some(*at)))
                    .collect()
            };
            for (name, at) in names {
                let key = activity_key(name);
                match first.get(&key) {
                    Some(&(other, _)) if other == index => {}
                    // Two steps named alike without `activity`: nothing to match yet.
                    Some(&(other, other_at)) if at.is_some() || other_at.is_some() => {
                        let (at, other_at) = match at {
                            Some(at) => (at, other_at.unwrap_or(process.steps[other].at)),
                            None => (other_at.unwrap_or(step.at), step.at),
                        };
                        let id = StepId {
                            process: ProcessId(p),
                            index,
                        };
                        findings.add(
                            Diagnostic::new(
                                &ACTIVITY_TWICE,
                                at,
                                format!(
                                    "activity `{name}` names two steps of process `{}`: `{}` and `{}`",
                                    process.id, process.steps[other].id, step.id
                                ),
                            )
                            .with_related(other_at, "the other step that answers to it")
                            .with_help("keep the name on the one step the log records by it"),
                            [Subject::Step(id)],
                        );
                    }
                    Some(_) => {}
                    None => {
                        first.insert(key, (index, at));
                    }
                }
            }
        }
    }
}

pub fn subprocess_cycle(cx: &Context, findings: &mut Findings) {
    let calls = &cx.graphs.calls;
    for component in tarjan_scc(calls) {
        let members: BTreeSet<NodeIndex> = component.iter().copied().collect();
        let Some(&first) = members.first() else {
            continue;
        };
        let Some(cycle) = shortest_cycle(calls, first, &members) else {
            continue;
        };
        let path: Vec<&str> = cycle
            .iter()
            .chain([&first])
            .map(|node| cx.model.process(calls[*node]).id.as_str())
            .collect();
        // Point at the call that leaves the first process of the cycle.
        let second = cycle.get(1).copied().unwrap_or(first);
        let Some(edge) = calls.edges_connecting(first, second).next() else {
            continue;
        };
        let step = *edge.weight();
        let at = cx
            .model
            .step(step)
            .calls
            .map_or(cx.model.step(step).at, |c| c.at);
        findings.add(
            Diagnostic::new(&SUBPROCESS_CYCLE, at, format!("subprocess calls form a cycle: {}", path.join(" → ")))
                .with_help("a process cannot call itself, directly or through others; hand an artifact back instead"),
            [Subject::Step(step)],
        );
    }
}

/// The nodes of a shortest cycle through `start` within `members`, starting with `start`.
fn shortest_cycle<N, E>(
    graph: &petgraph::graph::DiGraph<N, E>,
    start: NodeIndex,
    members: &BTreeSet<NodeIndex>,
) -> Option<Vec<NodeIndex>> {
    let mut parent: BTreeMap<NodeIndex, NodeIndex> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.neighbors(node) {
            if next == start {
                let mut path = vec![node];
                let mut current = node;
                while current != start {
                    current = *parent.get(&current)?;
                    path.push(current);
                }
                path.reverse();
                path.dedup();
                return Some(path);
            }
            if members.contains(&next) && !parent.contains_key(&next) && next != start {
                parent.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// A process with no steps.
pub static EMPTY_PROCESS: Rule = Rule {
    name: "flow/empty-process",
    default_level: Level::Warning,
    summary: "a process with no steps (`steps: []` or no `steps` at all)",
    explanation: "A process without steps has no map, no duties for anybody and a \
        regulation with nothing in it. While a model is outlined that is expected, so this \
        is a warning; a model handed to a client should have none.\n\n\
        Failing:\n\n```yaml\nprocesses:\n  - id: reactivation\n    name: Reactivation\n    owner: head-of-sales\n    steps: []\n```\n\n\
        Fix: describe its steps, or remove the process until they are known.",
};

pub fn empty_process(cx: &Context, findings: &mut Findings) {
    for (index, process) in cx.model.processes.iter().enumerate() {
        if process.steps.is_empty() {
            findings.add(
                Diagnostic::new(
                    &EMPTY_PROCESS,
                    process.at,
                    format!("process `{}` has no steps", process.id),
                )
                .with_help("describe its steps under `steps:`"),
                [Subject::Process(ProcessId(index))],
            );
        }
    }
}
