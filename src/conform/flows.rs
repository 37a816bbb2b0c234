//! Which flows of a process's map the cases took, and how often: what the page's map
//! draws thicker the more it was taken.
//!
//! A step's event took the flow into it from the nearest earlier event of the case, since
//! the step last ran, whose step leads to it through steps the log does not record (a
//! decision nobody logs); a parallel join took one from each branch that leads to it. An
//! event passes the case on once, unless its step is a parallel split. The first event
//! took the flow from the start, and the case's last events the flows into the end. Where
//! two ways through unrecorded steps lead from one step to another, which one the case
//! took is not known, and neither is counted. An event that no earlier one leads to (a
//! step done early) took none: its departure says so.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::{FlowGraph, FlowNode};

/// How often one flow was taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    /// The cases that took it at least once.
    pub cases: usize,
    /// The times it was taken, in all cases.
    pub times: usize,
}

/// For each edge of `flow` (by index), how often the cases took it: `variants` are the
/// recorded steps of each distinct path, with its number of cases; `visible[s]` says
/// whether the log records step `s`.
pub fn taken(flow: &FlowGraph, visible: &[bool], variants: &[(Vec<usize>, usize)]) -> Vec<Taken> {
    let graph = &flow.graph;
    let recorded = |node: NodeIndex| match graph[node] {
        FlowNode::Step(s) => visible[s],
        FlowNode::Start | FlowNode::End => true,
    };
    // From each recorded node, the shortest way to each recorded node it leads to.
    let ways: HashMap<NodeIndex, HashMap<NodeIndex, Vec<EdgeIndex>>> = graph
        .node_indices()
        .filter(|&n| recorded(n) && n != flow.end)
        .map(|n| (n, ways_from(flow, n, &recorded)))
        .collect();
    let way = |from: NodeIndex, to: NodeIndex| ways.get(&from).and_then(|w| w.get(&to));
    let joins = flow.parallel_joins();
    let splits: Vec<bool> = graph
        .node_indices()
        .map(|n| flow.is_parallel_split(n))
        .collect();
    let mut taken = vec![Taken::default(); graph.edge_count()];
    let mut times = vec![0usize; graph.edge_count()];
    for (steps, cases) in variants {
        times.fill(0);
        let nodes: Vec<NodeIndex> = steps.iter().map(|&s| flow.steps[s]).collect();
        let mut take = |path: &[EdgeIndex]| {
            for edge in path {
                times[edge.index()] += 1;
            }
        };
        // Whether each event has passed the case on already.
        let mut passed = vec![false; nodes.len()];
        for at in 0..=nodes.len() {
            let (to, last) = match nodes.get(at) {
                Some(&node) => (node, false),
                None => (flow.end, true),
            };
            let join = joins[to.index()];
            let mut arrived: Vec<EdgeIndex> = Vec::new();
            for (before, &from) in nodes[..at].iter().enumerate().rev() {
                if passed[before] && !splits[from.index()] {
                    if from == to {
                        break;
                    }
                    continue;
                }
                match way(from, to) {
                    Some(path) => {
                        passed[before] = true;
                        let into = path[path.len() - 1];
                        if !arrived.contains(&into) {
                            arrived.push(into);
                            take(path);
                        }
                        if !join {
                            break;
                        }
                    }
                    // The end is reached from the case's last events only.
                    None if last => break,
                    None => {}
                }
                // A step's flows in are looked for since it last ran.
                if from == to {
                    break;
                }
            }
            if at == 0
                && !last
                && let Some(path) = way(flow.start, to)
            {
                take(path);
            }
        }
        for (edge, &n) in times.iter().enumerate() {
            if n > 0 {
                taken[edge].cases += cases;
                taken[edge].times += n * cases;
            }
        }
    }
    taken
}

/// The most steps the search for the ways out of one step takes before it gives up: the
/// ways it has not told apart by then are taken as unknown.
const MAX_SEARCH: usize = 10_000;

/// The way from `from` to each recorded node it leads to through nodes that are not
/// recorded, as its edges, where there is exactly one.
fn ways_from(
    flow: &FlowGraph,
    from: NodeIndex,
    recorded: &dyn Fn(NodeIndex) -> bool,
) -> HashMap<NodeIndex, Vec<EdgeIndex>> {
    // Each reachable recorded node, with the first way found and how many there are (1 or
    // more): every simple way is followed, depth first.
    let mut found: HashMap<NodeIndex, (Vec<EdgeIndex>, usize)> = HashMap::new();
    let mut on_way = vec![false; flow.graph.node_count()];
    let mut budget = MAX_SEARCH;
    let mut stack: Vec<(NodeIndex, Vec<EdgeIndex>)> = vec![(from, Vec::new())];
    // Depth first with an explicit stack: a node is on the way while its subtree runs.
    let mut leave: Vec<(NodeIndex, usize)> = Vec::new();
    while let Some((node, path)) = stack.pop() {
        while leave.last().is_some_and(|&(_, depth)| depth >= path.len()) {
            if let Some((left, _)) = leave.pop() {
                on_way[left.index()] = false;
            }
        }
        if budget == 0 {
            // Not told apart in time: nothing found is certain.
            return HashMap::new();
        }
        budget -= 1;
        on_way[node.index()] = true;
        leave.push((node, path.len()));
        for edge in flow.graph.edges_directed(node, Direction::Outgoing) {
            let next = edge.target();
            let mut longer = path.clone();
            longer.push(edge.id());
            if recorded(next) {
                found.entry(next).or_insert((longer, 0)).1 += 1;
            } else if !on_way[next.index()] {
                stack.push((next, longer));
            }
        }
    }
    found
        .into_iter()
        .filter(|(_, (_, ways))| *ways == 1)
        .map(|(node, (way, _))| (node, way))
        .collect()
}
