//! `FlowGraph`: one process's steps as nodes and `next` as edges, between a virtual start
//! and a virtual end.

use petgraph::Direction;
use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::resolve::{Process, Target};

/// A node of a flow graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowNode {
    /// Where the process begins; its one edge leads to the start step.
    Start,
    /// Where the process ends; `end` targets and steps without `next` lead here.
    End,
    /// A step, by its position in the process.
    Step(usize),
}

/// An edge of a flow graph: a decision's branch carries its condition.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FlowEdge {
    /// The `when` of a decision branch.
    pub when: Option<String>,
}

/// The control flow of one process.
#[derive(Debug)]
pub struct FlowGraph {
    /// The graph.
    pub graph: DiGraph<FlowNode, FlowEdge>,
    /// The virtual start.
    pub start: NodeIndex,
    /// The virtual end.
    pub end: NodeIndex,
    /// The node of each step, by the step's position.
    pub steps: Vec<NodeIndex>,
    /// For each node, whether it is a parallel join (see [`FlowGraph::parallel_joins`]),
    /// found once when the graph is built.
    joins: Vec<bool>,
}

impl FlowGraph {
    /// Builds the flow graph of a process.
    pub fn of(process: &Process) -> FlowGraph {
        let mut graph = DiGraph::with_capacity(process.steps.len() + 2, process.steps.len() + 2);
        let start = graph.add_node(FlowNode::Start);
        let end = graph.add_node(FlowNode::End);
        let steps: Vec<NodeIndex> = (0..process.steps.len())
            .map(|index| graph.add_node(FlowNode::Step(index)))
            .collect();
        if let Some(first) = process.start {
            graph.add_edge(start, steps[first], FlowEdge::default());
        }
        for (index, step) in process.steps.iter().enumerate() {
            if step.next.is_empty() {
                graph.add_edge(steps[index], end, FlowEdge::default());
            }
            for edge in &step.next {
                let target = match edge.to {
                    Target::Step(to) => steps[to],
                    Target::End => end,
                };
                let when = edge.when.as_ref().map(|(when, _)| when.clone());
                graph.add_edge(steps[index], target, FlowEdge { when });
            }
        }
        let mut flow = FlowGraph {
            graph,
            start,
            end,
            steps,
            joins: Vec::new(),
        };
        flow.joins = flow.find_joins();
        flow
    }

    /// Whether `node` is a parallel split: a step with several `next` and no `when` on
    /// them. Every path out of it runs (a decision's branches carry `when` and are
    /// alternatives).
    pub fn is_parallel_split(&self, node: NodeIndex) -> bool {
        let mut edges = self.graph.edges_directed(node, Direction::Outgoing);
        matches!(self.graph[node], FlowNode::Step(_))
            && edges.clone().count() > 1
            && edges.all(|e| e.weight().when.is_none())
    }

    /// For each node, whether it is a parallel join: it has several incoming flows, and
    /// its immediate dominator is a parallel split, so every one of them arrives before it
    /// runs. Other nodes with several incoming flows are merges, where one path arrives.
    /// The maps draw a parallel gateway here and the data-flow rules take what every branch
    /// produced as available: both ask this one function.
    pub fn parallel_joins(&self) -> &[bool] {
        &self.joins
    }

    fn find_joins(&self) -> Vec<bool> {
        let dominators = simple_fast(&self.graph, self.start);
        self.graph
            .node_indices()
            .map(|node| {
                self.graph
                    .neighbors_directed(node, Direction::Incoming)
                    .count()
                    > 1
                    && dominators
                        .immediate_dominator(node)
                        .is_some_and(|d| self.is_parallel_split(d))
            })
            .collect()
    }

    /// The step a node stands for, if it is a step.
    pub fn step_of(&self, node: NodeIndex) -> Option<usize> {
        match self.graph[node] {
            FlowNode::Step(index) => Some(index),
            FlowNode::Start | FlowNode::End => None,
        }
    }

    /// The nodes reachable from the start, each after its forward predecessors, branches
    /// in the order written (see [`reverse_post_order`]).
    pub fn reverse_post_order(&self) -> Vec<NodeIndex> {
        reverse_post_order(&self.graph, self.start)
    }

    /// The steps in the order a reader follows them: the flow from the start, then any
    /// step the flow does not reach, in the order written. Documents number steps this way.
    pub fn step_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = self
            .reverse_post_order()
            .into_iter()
            .filter_map(|node| self.step_of(node))
            .collect();
        let mut seen = vec![false; self.steps.len()];
        for &index in &order {
            seen[index] = true;
        }
        order.extend((0..self.steps.len()).filter(|&index| !seen[index]));
        order
    }
}

/// The nodes reachable from `start` in reverse post-order: each after its forward
/// predecessors, and the branches of a node in the order their edges were added. A
/// depth-first walk that takes the last-added edge first finishes the first-added branch
/// last, so it comes first once the order is reversed. (`petgraph`'s `DfsPostOrder` takes
/// them the other way round and would number a decision's branches backwards.)
pub fn reverse_post_order<N, E>(graph: &DiGraph<N, E>, start: NodeIndex) -> Vec<NodeIndex> {
    let mut seen = vec![false; graph.node_count()];
    let mut order = Vec::with_capacity(graph.node_count());
    // Each frame: a node, its successors (petgraph lists the last-added edge first), and
    // how many of them have been taken.
    let successors = |node| graph.neighbors(node).collect::<Vec<NodeIndex>>();
    seen[start.index()] = true;
    let mut stack = vec![(start, successors(start), 0)];
    while let Some((node, next, taken)) = stack.last_mut() {
        if let Some(&successor) = next.get(*taken) {
            *taken += 1;
            if !seen[successor.index()] {
                seen[successor.index()] = true;
                stack.push((successor, successors(successor), 0));
            }
        } else {
            order.push(*node);
            stack.pop();
        }
    }
    order.reverse();
    order
}
