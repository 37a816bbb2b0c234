//! Data-flow rules: whether the documents a step needs exist by then, and whether the
//! processes agree on what they hand each other.

use std::collections::BTreeSet;

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Location, Rule};
use crate::model::Level;
use crate::resolve::{ArtifactId, ProcessId, StepId};

/// An input no path produces.
pub static INPUT_UNAVAILABLE: Rule = Rule {
    name: "data/input-unavailable",
    default_level: Level::Error,
    summary: "a step needs an artifact that no step before it on any path produces, that is not a process input and not external",
    explanation: "An artifact is available to a step when it is external, an input of the \
        process, or produced by a step on a path before it. A step that needs something \
        nobody has produced yet cannot be done as described. When another process produces \
        the artifact, the finding names it: the fix is then usually a hand-off.\n\n\
        Failing:\n\n```yaml\n- id: calculate\n  inputs: [needs-brief]   # produced only by a later step\n```\n\n\
        Fix: produce it earlier, add it to the process's `inputs` (with `from`), or mark the \
        artifact `external: true` if it comes from outside the model.",
};

/// An input only some paths produce.
pub static INPUT_MAYBE_UNAVAILABLE: Rule = Rule {
    name: "data/input-maybe-unavailable",
    default_level: Level::Warning,
    summary: "an artifact produced on some paths to a step but not on all of them",
    explanation: "On some path from the start to this step the artifact is produced, on \
        another it is not: after a decision, one branch makes it and the other skips it. When \
        the step runs after the other branch, the document is missing.\n\n\
        Failing: `has-contract` (decision) → `draft-contract` (outputs: contract) → `invoice`, \
        and `has-contract` → `invoice` directly, with `invoice` needing `contract`.\n\n\
        Fix: produce the artifact on every branch, move the step that needs it onto the \
        branch that produces it, or take it as a process input.",
};

/// An output nobody uses.
pub static OUTPUT_UNUSED: Rule = Rule {
    name: "data/output-unused",
    default_level: Level::Warning,
    summary: "an artifact produced by a step that no later step, no process output and no KPI uses",
    explanation: "A document that is produced and never read is either waste or a missing \
        link: a later step that should take it, a hand-off to another process, or the \
        indicator it feeds. Archival documents are legitimate: accept them with `allow` and \
        the reason.\n\n\
        Failing: `sign-contract` outputs `contract`, and nothing reads it.\n\n\
        Fix: add it to a later step's `inputs`, to the process's `outputs`, to a KPI's \
        `measured_by`, or `allow: [{rule: data/output-unused, reason: archived}]`.",
};

/// A process output no step produces.
pub static OUTPUT_NOT_PRODUCED: Rule = Rule {
    name: "data/output-not-produced",
    default_level: Level::Error,
    summary: "a process output that no step of the process produces",
    explanation: "A process can hand on only what one of its steps produces.\n\n\
        Failing:\n\n```yaml\noutputs: [{ artifact: hot-lead, to: [deal-work] }]\n\
        steps: [ …no step with outputs: [hot-lead]… ]\n```\n\n\
        Fix: add the artifact to the `outputs` of the step that makes it.",
};

/// Two processes that disagree on a hand-off.
pub static HANDOFF_MISMATCH: Rule = Rule {
    name: "data/handoff-mismatch",
    default_level: Level::Error,
    summary: "process A says it hands X to B, but B does not take X from A (or B says it takes X from A, but A does not hand it on)",
    explanation: "Every hand-off is declared on both sides, so that the regulations of both \
        processes show it: `outputs: [{artifact: X, to: [B]}]` in A and \
        `inputs: [{artifact: X, from: A}]` in B. A one-sided hand-off is a document that \
        leaves one process and never arrives in the other.\n\n\
        Failing: `lead-base` has `outputs: [{artifact: call-list, to: [cold-calling]}]`, \
        but `cold-calling` lists `call-list` in its `inputs` without `from: lead-base`.\n\n\
        Fix: add the missing side, or correct the process id on the side that is wrong.",
};

fn step(process: usize, index: usize) -> StepId {
    StepId {
        process: ProcessId(process),
        index,
    }
}

pub fn input_unavailable(cx: &Context, findings: &mut Findings) {
    inputs(cx, findings, true);
}

pub fn input_maybe_unavailable(cx: &Context, findings: &mut Findings) {
    inputs(cx, findings, false);
}

/// Both input rules: `definite` reports inputs no path provides, otherwise inputs only
/// some paths provide.
fn inputs(cx: &Context, findings: &mut Findings, definite: bool) {
    let flows = cx.data_flow();
    for (p, process) in cx.complete_processes() {
        let process_inputs: BTreeSet<_> =
            process.inputs.iter().map(|i| i.artifact.target).collect();
        for (index, step_def) in process.steps.iter().enumerate() {
            for input in &step_def.inputs {
                let artifact = cx.model.artifact(input.target);
                if artifact.external || process_inputs.contains(&input.target) {
                    continue;
                }
                let flow = &flows[p];
                let some = flow.available_on_some_path(index, input.target);
                let subjects = [
                    Subject::Step(step(p, index)),
                    Subject::Artifact(input.target),
                ];
                if definite && !some {
                    let mut diagnostic = Diagnostic::new(
                        &INPUT_UNAVAILABLE,
                        input.at,
                        format!(
                            "step `{}` needs `{}`, which no step before it produces",
                            step_def.id, artifact.id
                        ),
                    );
                    let producers = &cx.graphs.uses.producers[input.target.0];
                    let help = if let Some(other) = producers.iter().find(|s| s.process.0 != p) {
                        let other_process = cx.model.process(other.process);
                        let other_step = cx.model.step(*other);
                        diagnostic = diagnostic.with_related(
                            other_step.at,
                            format!(
                                "produced by step `{}` of process `{}`",
                                other_step.id, other_process.id
                            ),
                        );
                        format!(
                            "add `{{ artifact: {}, from: {} }}` to this process's inputs",
                            artifact.id, other_process.id
                        )
                    } else if let Some(later) = producers.iter().find(|s| s.process.0 == p) {
                        let later_step = cx.model.step(*later);
                        diagnostic = diagnostic.with_related(
                            later_step.at,
                            format!("`{}` is produced here, after this step", artifact.id),
                        );
                        "produce it before this step, or move this step after the one that produces it".to_owned()
                    } else {
                        "no step produces it: mark the artifact `external: true` if it comes from outside the model".to_owned()
                    };
                    findings.add(diagnostic.with_help(help), subjects);
                } else if !definite && some && !flow.available_on_every_path(index, input.target) {
                    findings.add(
                        Diagnostic::new(
                            &INPUT_MAYBE_UNAVAILABLE,
                            input.at,
                            format!("step `{}` needs `{}`, which is produced on some paths to it but not on all", step_def.id, artifact.id),
                        )
                        .with_help("produce it on every branch before this step, or move this step onto the branch that produces it"),
                        subjects,
                    );
                }
            }
        }
    }
}

pub fn output_unused(cx: &Context, findings: &mut Findings) {
    let measured: BTreeSet<_> = cx
        .model
        .kpis
        .iter()
        .filter_map(|k| k.measured_by.map(|m| m.target))
        .collect();
    let flows = cx.data_flow();
    for (p, process) in cx.complete_processes() {
        let handed_on: BTreeSet<_> = process.outputs.iter().map(|o| o.artifact.target).collect();
        for (index, step_def) in process.steps.iter().enumerate() {
            for output in &step_def.outputs {
                let artifact = output.target;
                if handed_on.contains(&artifact)
                    || measured.contains(&artifact)
                    || flows[p].needed_after(index, artifact)
                {
                    continue;
                }
                findings.add(
                    Diagnostic::new(
                        &OUTPUT_UNUSED,
                        output.at,
                        format!("`{}` is produced by step `{}` but nothing uses it", cx.model.artifact(artifact).id, step_def.id),
                    )
                    .with_help("add it to a later step's inputs, the process's outputs or a KPI's `measured_by`; if it is only archived, say so with `allow`"),
                    [Subject::Step(step(p, index)), Subject::Artifact(artifact)],
                );
            }
        }
    }
}

pub fn output_not_produced(cx: &Context, findings: &mut Findings) {
    let flows = cx.data_flow();
    for (p, process) in cx.complete_processes() {
        for output in &process.outputs {
            if !flows[p].produces(output.artifact.target) {
                findings.add(
                    Diagnostic::new(
                        &OUTPUT_NOT_PRODUCED,
                        output.artifact.at,
                        format!(
                            "process `{}` hands on `{}`, but none of its steps produces it",
                            process.id,
                            cx.model.artifact(output.artifact.target).id
                        ),
                    )
                    .with_help("add it to the outputs of the step that makes it"),
                    [
                        Subject::Process(ProcessId(p)),
                        Subject::Artifact(output.artifact.target),
                    ],
                );
            }
        }
    }
}

/// One side's declaration of a hand-off: `outputs.to` in the sender, or `inputs.from` in
/// the receiver.
struct Declared {
    from: ProcessId,
    artifact: ArtifactId,
    to: ProcessId,
    /// Where the other process is named.
    at: Location,
    by_sender: bool,
}

pub fn handoff_mismatch(cx: &Context, findings: &mut Findings) {
    let model = cx.model;
    let mut declared = Vec::new();
    for (p, process) in model.processes.iter().enumerate() {
        let this = ProcessId(p);
        for output in &process.outputs {
            declared.extend(output.to.iter().map(|to| Declared {
                from: this,
                artifact: output.artifact.target,
                to: to.target,
                at: to.at,
                by_sender: true,
            }));
        }
        for input in &process.inputs {
            declared.extend(input.from.iter().map(|from| Declared {
                from: from.target,
                artifact: input.artifact.target,
                to: this,
                at: from.at,
                by_sender: false,
            }));
        }
    }
    let by_side = |by_sender: bool| -> BTreeSet<(ProcessId, ArtifactId, ProcessId)> {
        declared
            .iter()
            .filter(|d| d.by_sender == by_sender)
            .map(|d| (d.from, d.artifact, d.to))
            .collect()
    };
    let (sent, received) = (by_side(true), by_side(false));
    for d in &declared {
        let (sender, receiver) = (model.process(d.from), model.process(d.to));
        let other_side = if d.by_sender { &received } else { &sent };
        if !(sender.complete && receiver.complete)
            || other_side.contains(&(d.from, d.artifact, d.to))
        {
            continue;
        }
        let artifact = &model.artifact(d.artifact).id;
        let (message, other, help) = if d.by_sender {
            (
                format!(
                    "process `{}` hands `{artifact}` to `{}`, but `{}` does not take it from `{}`",
                    sender.id, receiver.id, receiver.id, sender.id
                ),
                receiver,
                format!(
                    "add `{{ artifact: {artifact}, from: {} }}` to the inputs of `{}`",
                    sender.id, receiver.id
                ),
            )
        } else {
            (
                format!(
                    "process `{}` takes `{artifact}` from `{}`, but `{}` does not hand it on to `{}`",
                    receiver.id, sender.id, sender.id, receiver.id
                ),
                sender,
                format!(
                    "add `{}` to the `to` of output `{artifact}` in `{}`",
                    receiver.id, sender.id
                ),
            )
        };
        findings.add(
            Diagnostic::new(&HANDOFF_MISMATCH, d.at, message)
                .with_related(other.at, format!("`{}` is defined here", other.id))
                .with_help(help),
            [
                Subject::Process(d.from),
                Subject::Process(d.to),
                Subject::Artifact(d.artifact),
            ],
        );
    }
}
