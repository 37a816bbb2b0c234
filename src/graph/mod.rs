//! The graphs every graph rule, view and diagram reads, built once from the resolved model:
//! a flow graph per process, the value chain, the subprocess call graph and the reporting
//! lines. Nobody re-derives them.

mod flow;

pub use flow::{FlowEdge, FlowGraph, FlowNode, reverse_post_order};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::resolve::{ArtifactId, ProcessId, Ref, Resolved, RoleId, StepId};

/// A hand-off of the value chain: what one process declares it hands to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handoff {
    /// The artifact handed on.
    pub artifact: ArtifactId,
}

/// All graphs of a model.
#[derive(Debug)]
pub struct Graphs {
    /// The flow graph of each process, by process position.
    pub flows: Vec<FlowGraph>,
    /// Processes as nodes (node index = process position); an edge for every `outputs.to`.
    pub value_chain: DiGraph<ProcessId, Handoff>,
    /// Processes as nodes (node index = process position); an edge from a process to each
    /// process one of its subprocess steps calls, labelled with the calling step.
    pub calls: DiGraph<ProcessId, StepId>,
    /// Roles as nodes (node index = role position); an edge from a role to the role it
    /// reports to.
    pub reporting: DiGraph<RoleId, ()>,
    /// Where each artifact is written and read: the bipartite edges between steps and
    /// artifacts, indexed both ways.
    pub uses: ArtifactUses,
}

/// The steps that write and read each artifact, by artifact position, in model order.
#[derive(Debug, Default)]
pub struct ArtifactUses {
    /// The steps that list the artifact in `outputs`.
    pub producers: Vec<Vec<StepId>>,
    /// The steps that list the artifact in `inputs`.
    pub consumers: Vec<Vec<StepId>>,
}

impl ArtifactUses {
    /// The index of `model`. A step that lists an artifact twice is counted once.
    pub fn of(model: &Resolved) -> ArtifactUses {
        let mut uses = ArtifactUses {
            producers: vec![Vec::new(); model.artifacts.len()],
            consumers: vec![Vec::new(); model.artifacts.len()],
        };
        let note = |list: &mut Vec<StepId>, step: StepId| {
            if list.last() != Some(&step) {
                list.push(step);
            }
        };
        for (p, process) in model.processes.iter().enumerate() {
            for (index, step) in process.steps.iter().enumerate() {
                let id = StepId {
                    process: ProcessId(p),
                    index,
                };
                for output in &step.outputs {
                    note(&mut uses.producers[output.target.0], id);
                }
                for input in &step.inputs {
                    note(&mut uses.consumers[input.target.0], id);
                }
            }
        }
        uses
    }
}

impl Graphs {
    /// Builds every graph of a resolved model.
    pub fn build(model: &Resolved) -> Graphs {
        let flows = model.processes.iter().map(FlowGraph::of).collect();
        let mut value_chain = DiGraph::new();
        let mut calls = DiGraph::new();
        for index in 0..model.processes.len() {
            value_chain.add_node(ProcessId(index));
            calls.add_node(ProcessId(index));
        }
        for (index, process) in model.processes.iter().enumerate() {
            for output in &process.outputs {
                for to in &output.to {
                    value_chain.add_edge(
                        NodeIndex::new(index),
                        NodeIndex::new(to.target.0),
                        Handoff {
                            artifact: output.artifact.target,
                        },
                    );
                }
            }
            for (step_index, step) in process.steps.iter().enumerate() {
                if let Some(Ref { target, .. }) = step.calls {
                    let step = StepId {
                        process: ProcessId(index),
                        index: step_index,
                    };
                    calls.add_edge(NodeIndex::new(index), NodeIndex::new(target.0), step);
                }
            }
        }
        let mut reporting = DiGraph::new();
        for index in 0..model.roles.len() {
            reporting.add_node(RoleId(index));
        }
        for (index, role) in model.roles.iter().enumerate() {
            if let Some(boss) = role.reports_to {
                reporting.add_edge(NodeIndex::new(index), NodeIndex::new(boss.target.0), ());
            }
        }
        Graphs {
            flows,
            value_chain,
            calls,
            reporting,
            uses: ArtifactUses::of(model),
        }
    }
}
