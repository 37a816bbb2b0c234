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
        }
    }
}
