//! The data-flow analysis of one process: which artifacts are available before each step
//! (on every path: "must", on some path: "may") and which are still needed after it.
//!
//! Three fixpoints over the flow graph, as a compiler computes available expressions and
//! live variables. Only artifacts the process's own steps produce take part: external
//! artifacts and process inputs are available everywhere and need no analysis.

use std::collections::BTreeMap;

use fixedbitset::FixedBitSet;
use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::graph::FlowGraph;
use crate::resolve::{ArtifactId, Process};

/// What is available and needed around each step of one process.
#[derive(Debug)]
pub struct DataFlow {
    bits: BTreeMap<ArtifactId, usize>,
    must_before: Vec<FixedBitSet>,
    may_before: Vec<FixedBitSet>,
    needed_after: Vec<FixedBitSet>,
}

impl DataFlow {
    /// Analyses a process over its flow graph.
    pub fn analyse(process: &Process, flow: &FlowGraph) -> DataFlow {
        let mut bits = BTreeMap::new();
        for step in &process.steps {
            for output in &step.outputs {
                let next = bits.len();
                bits.entry(output.target).or_insert(next);
            }
        }
        let width = bits.len();
        let node_count = flow.graph.node_count();
        let set = |items: &mut dyn Iterator<Item = ArtifactId>| {
            let mut set = FixedBitSet::with_capacity(width);
            for artifact in items {
                if let Some(&bit) = bits.get(&artifact) {
                    set.insert(bit);
                }
            }
            set
        };
        let mut produced = vec![FixedBitSet::with_capacity(width); node_count];
        let mut used = vec![FixedBitSet::with_capacity(width); node_count];
        for (index, step) in process.steps.iter().enumerate() {
            let node = flow.steps[index].index();
            produced[node] = set(&mut step.outputs.iter().map(|o| o.target));
            used[node] = set(&mut step.inputs.iter().map(|i| i.target));
        }
        // Reverse post-order from the start visits each node after its forward
        // predecessors, so the forward fixpoints settle in few rounds.
        let order = flow.reverse_post_order();
        let joins = flow.parallel_joins();
        let must_out = forward(flow, joins, &order, &produced, width, true);
        let may_out = forward(flow, joins, &order, &produced, width, false);
        let before = |out: &[FixedBitSet], all: bool| -> Vec<FixedBitSet> {
            flow.steps
                .iter()
                .map(|&node| meet(flow, joins, node, out, width, all))
                .collect()
        };
        let must_before = before(&must_out, true);
        let may_before = before(&may_out, false);
        // Liveness runs over every node, so the outputs of an unreachable step are judged too.
        let mut all_nodes = order.clone();
        let reached: FixedBitSet = order.iter().map(|n| n.index()).collect();
        all_nodes.extend(
            flow.graph
                .node_indices()
                .filter(|n| !reached.contains(n.index())),
        );
        let live_in = backward(flow, &all_nodes, &used, width);
        let needed_after = flow
            .steps
            .iter()
            .map(|&node| {
                let mut after = FixedBitSet::with_capacity(width);
                for successor in flow.graph.neighbors_directed(node, Direction::Outgoing) {
                    after.union_with(&live_in[successor.index()]);
                }
                after
            })
            .collect();
        DataFlow {
            bits,
            must_before,
            may_before,
            needed_after,
        }
    }

    /// Whether some step of the process produces `artifact`.
    pub fn produces(&self, artifact: ArtifactId) -> bool {
        self.bits.contains_key(&artifact)
    }

    /// Whether `artifact` is produced on every path from the start to step `step`.
    pub fn available_on_every_path(&self, step: usize, artifact: ArtifactId) -> bool {
        self.bits
            .get(&artifact)
            .is_some_and(|&bit| self.must_before[step].contains(bit))
    }

    /// Whether `artifact` is produced on some path from the start to step `step`.
    pub fn available_on_some_path(&self, step: usize, artifact: ArtifactId) -> bool {
        self.bits
            .get(&artifact)
            .is_some_and(|&bit| self.may_before[step].contains(bit))
    }

    /// Whether some step after step `step` (on some path) takes `artifact` as input.
    pub fn needed_after(&self, step: usize, artifact: ArtifactId) -> bool {
        self.bits
            .get(&artifact)
            .is_some_and(|&bit| self.needed_after[step].contains(bit))
    }
}

/// The meet of a node's predecessors' sets: intersection for "must", union for "may". At a
/// parallel join every branch has run, so "must" is the union there too. A node no path
/// reaches keeps everything under "must", so an unreachable step (reported by its own
/// rule) raises no data finding.
fn meet(
    flow: &FlowGraph,
    joins: &[bool],
    node: NodeIndex,
    out: &[FixedBitSet],
    width: usize,
    all: bool,
) -> FixedBitSet {
    let intersect = all && !joins[node.index()];
    let mut result: Option<FixedBitSet> = None;
    for predecessor in flow.graph.neighbors_directed(node, Direction::Incoming) {
        let incoming = &out[predecessor.index()];
        match result.as_mut() {
            None => result = Some(incoming.clone()),
            Some(acc) if intersect => acc.intersect_with(incoming),
            Some(acc) => acc.union_with(incoming),
        }
    }
    result.unwrap_or_else(|| {
        let mut empty = FixedBitSet::with_capacity(width);
        if all && node != flow.start {
            empty.insert_range(..);
        }
        empty
    })
}

/// Artifacts available after each node: the fixpoint of out = meet(preds) ∪ produced.
fn forward(
    flow: &FlowGraph,
    joins: &[bool],
    order: &[NodeIndex],
    produced: &[FixedBitSet],
    width: usize,
    all: bool,
) -> Vec<FixedBitSet> {
    let node_count = flow.graph.node_count();
    let mut out: Vec<FixedBitSet> = (0..node_count)
        .map(|index| {
            let mut set = FixedBitSet::with_capacity(width);
            if all && NodeIndex::new(index) != flow.start {
                set.insert_range(..);
            }
            set
        })
        .collect();
    fixpoint(&mut out, order.iter().copied(), |node, out| {
        let mut next = if node == flow.start {
            FixedBitSet::with_capacity(width)
        } else {
            meet(flow, joins, node, out, width, all)
        };
        next.union_with(&produced[node.index()]);
        next
    });
    out
}

/// Artifacts needed at or after each node: the fixpoint of in = used ∪ ⋃ in(successors).
fn backward(
    flow: &FlowGraph,
    order: &[NodeIndex],
    used: &[FixedBitSet],
    width: usize,
) -> Vec<FixedBitSet> {
    let mut live_in = used.to_vec();
    for set in &mut live_in {
        set.grow(width);
    }
    fixpoint(
        &mut live_in,
        order.iter().rev().copied(),
        |node, live_in| {
            let mut next = used[node.index()].clone();
            for successor in flow.graph.neighbors_directed(node, Direction::Outgoing) {
                next.union_with(&live_in[successor.index()]);
            }
            next
        },
    );
    live_in
}

/// Recomputes each node's set with `transfer`, visiting nodes in `order`, until no set
/// changes.
fn fixpoint<I>(
    sets: &mut [FixedBitSet],
    order: I,
    transfer: impl Fn(NodeIndex, &[FixedBitSet]) -> FixedBitSet,
) where
    I: Iterator<Item = NodeIndex> + Clone,
{
    loop {
        let mut changed = false;
        for node in order.clone() {
            let next = transfer(node, sets);
            if next != sets[node.index()] {
                sets[node.index()] = next;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}
