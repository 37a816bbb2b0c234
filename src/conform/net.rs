//! A process's flow as a Petri net, the form token-based replay works on: a transition per
//! step, places between them, as the maps' BPMN reads. A step with several `next` and no
//! `when` is a parallel split (a token on every branch); a parallel join (see
//! [`FlowGraph::parallel_joins`]) waits for a token from each; a decision's branches are
//! silent transitions out of one place, so that one of them is taken; several flows into
//! one step share its place.

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::{FlowGraph, FlowNode};

/// A transition: a step, or a silent move (a decision's branch, the end).
#[derive(Clone, Debug)]
pub struct Transition {
    /// The step it fires for; `None` for a silent one.
    pub step: Option<usize>,
    /// Its input places.
    pub inputs: Vec<usize>,
    /// Its output places.
    pub outputs: Vec<usize>,
}

/// How a silent transition from one place to another is taken out.
#[derive(Clone, Copy)]
enum Merge {
    /// Nothing else takes from its input place: what fed that place feeds the output.
    Forward { from: usize, into: usize },
    /// Nothing else puts into its output place: what took from that place takes from the
    /// input.
    Backward { from: usize, into: usize },
}

/// A process's flow as a workflow net: one token in `source` starts it, one in `sink`
/// ends it.
#[derive(Clone, Debug)]
pub struct Net {
    /// How many places it has.
    pub places: usize,
    /// Its transitions; step `s`'s is `transitions[step_transition[s]]` (`usize::MAX` for
    /// a silent step taken out).
    pub transitions: Vec<Transition>,
    /// The transition of each step, by the step's position.
    pub step_transition: Vec<usize>,
    /// The place the start puts its token in.
    pub source: usize,
    /// The place the end takes its token from.
    pub sink: usize,
    /// For each place, the steps whose flows lead into it (a token there says they ran).
    pub fed_by: Vec<Vec<usize>>,
    /// For each place, the steps that take their token from it (a token left there says
    /// they were due).
    pub feeds: Vec<Vec<usize>>,
    /// The silent transitions, which the replay fires where they enable the next step: a
    /// decision's branches, the end's join, the steps the log does not record.
    pub silent: Vec<usize>,
}

impl Net {
    /// The net of the process whose flow is `flow`, where `visible[s]` says whether the
    /// log records step `s` (the others are silent moves).
    pub fn of(flow: &FlowGraph, visible: &[bool]) -> Net {
        let graph = &flow.graph;
        let joins = flow.parallel_joins();
        let mut places = 0;
        let mut place = || {
            places += 1;
            places - 1
        };
        // Each node's place, or for a parallel join a place for each flow into it.
        let mut entry_of_node: Vec<Option<usize>> = vec![None; graph.node_count()];
        let mut entry_of_edge: Vec<Option<usize>> = vec![None; graph.edge_count()];
        // Flows into the end lead into the sink, as the BPMN's end events do; only a
        // parallel join at the end needs a silent move into it.
        let sink = place();
        for node in graph.node_indices() {
            if node == flow.end && !joins[node.index()] {
                entry_of_node[node.index()] = Some(sink);
                continue;
            }
            if joins[node.index()] {
                for edge in graph.edges_directed(node, Direction::Incoming) {
                    entry_of_edge[edge.id().index()] = Some(place());
                }
            } else {
                entry_of_node[node.index()] = Some(place());
            }
        }
        let entry = |edge: EdgeIndex| -> usize {
            let target = graph.edge_endpoints(edge).map_or(flow.end, |(_, to)| to);
            entry_of_edge[edge.index()]
                .or(entry_of_node[target.index()])
                .unwrap_or_default()
        };
        let inputs = |node: NodeIndex| -> Vec<usize> {
            match entry_of_node[node.index()] {
                Some(place) => vec![place],
                None => graph
                    .edges_directed(node, Direction::Incoming)
                    .filter_map(|edge| entry_of_edge[edge.id().index()])
                    .collect(),
            }
        };
        let outgoing = |node: NodeIndex| -> Vec<EdgeIndex> {
            let mut edges: Vec<EdgeIndex> = graph
                .edges_directed(node, Direction::Outgoing)
                .map(|edge| edge.id())
                .collect();
            // Edges come newest first; the branches are taken in the order written.
            edges.reverse();
            edges
        };
        let mut transitions = Vec::new();
        let mut step_transition = vec![0; flow.steps.len()];
        for node in graph.node_indices() {
            let step = match graph[node] {
                FlowNode::Step(step) => step,
                FlowNode::End if entry_of_node[node.index()] == Some(sink) => continue,
                FlowNode::End => {
                    transitions.push(Transition {
                        step: None,
                        inputs: inputs(node),
                        outputs: vec![sink],
                    });
                    continue;
                }
                FlowNode::Start => continue,
            };
            let edges = outgoing(node);
            let outputs = if edges.len() > 1 && !flow.is_parallel_split(node) {
                // A choice: the step leaves a token in a place of its own, and a silent
                // transition a branch takes it on.
                let choice = place();
                for &edge in &edges {
                    transitions.push(Transition {
                        step: None,
                        inputs: vec![choice],
                        outputs: vec![entry(edge)],
                    });
                }
                vec![choice]
            } else {
                edges.iter().map(|&edge| entry(edge)).collect()
            };
            step_transition[step] = transitions.len();
            transitions.push(Transition {
                step: Some(step),
                inputs: inputs(node),
                outputs,
            });
        }
        let source = outgoing(flow.start)
            .first()
            .map_or(sink, |&edge| entry(edge));
        let mut net = Net {
            places,
            transitions,
            step_transition,
            source,
            sink,
            fed_by: Vec::new(),
            feeds: Vec::new(),
            silent: Vec::new(),
        };
        net.reduce(visible);
        net.link();
        net.silent = (0..net.transitions.len())
            .filter(|&t| net.transitions[t].step.is_none_or(|s| !visible[s]))
            .collect();
        net
    }

    /// Takes out the silent moves that only pass a token on, as pm4py does when it turns a
    /// BPMN diagram into a net: a silent transition from the one place `p` to the one
    /// place `q` goes, and `p` is merged into `q` when nothing else takes tokens from `p`,
    /// or `q` into `p` when nothing else puts tokens in `q`. The source and the sink stay:
    /// the start puts its token in the one, even where a loop back also leads there, and
    /// the end takes it from the other. A decision nobody logs then
    /// becomes one place its branches take their token from, as its gateway does, and the
    /// fitness counts the same tokens pm4py counts.
    fn reduce(&mut self, visible: &[bool]) {
        while let Some((t, merge)) = (0..self.transitions.len())
            .find_map(|t| self.mergeable(t, visible).map(|merge| (t, merge)))
        {
            for transition in &mut self.transitions {
                let arcs = match merge {
                    Merge::Forward { .. } => &mut transition.outputs,
                    Merge::Backward { .. } => &mut transition.inputs,
                };
                let (Merge::Forward { from, into } | Merge::Backward { from, into }) = merge;
                for place in arcs.iter_mut().filter(|place| **place == from) {
                    *place = into;
                }
            }
            self.transitions.remove(t);
            // A silent step taken out has no transition: the replay never fires it.
            for index in &mut self.step_transition {
                if *index == t {
                    *index = usize::MAX;
                } else if *index > t && *index != usize::MAX {
                    *index -= 1;
                }
            }
        }
    }

    /// How the silent transition `t` can be taken out, if it can.
    fn mergeable(&self, t: usize, visible: &[bool]) -> Option<Merge> {
        let transition = &self.transitions[t];
        let silent = transition.step.is_none_or(|s| !visible[s]);
        let ([p], [q]) = (transition.inputs.as_slice(), transition.outputs.as_slice()) else {
            return None;
        };
        let (p, q) = (*p, *q);
        if !silent || p == q {
            None
        } else if p != self.source && self.only(t, p, |tr| &tr.inputs) {
            Some(Merge::Forward { from: p, into: q })
        } else if q != self.sink && q != self.source && self.only(t, q, |tr| &tr.outputs) {
            Some(Merge::Backward { from: q, into: p })
        } else {
            None
        }
    }

    /// Whether transition `t` is the only one with `place` among its `arcs`.
    fn only(&self, t: usize, place: usize, arcs: fn(&Transition) -> &Vec<usize>) -> bool {
        self.transitions
            .iter()
            .enumerate()
            .all(|(other, tr)| other == t || !arcs(tr).contains(&place))
    }

    /// Works out which steps feed and take from each place.
    fn link(&mut self) {
        let mut fed_by = vec![Vec::new(); self.places];
        let mut feeds = vec![Vec::new(); self.places];
        for transition in &self.transitions {
            if let Some(step) = transition.step {
                for &input in &transition.inputs {
                    feeds[input].push(step);
                }
            }
        }
        // A token in a decision's place is taken by a step there, or passed on by a
        // silent branch to the step it leads to: both were due.
        let direct = feeds.clone();
        for transition in self.transitions.iter().filter(|t| t.step.is_none()) {
            for &input in &transition.inputs {
                for &output in &transition.outputs {
                    feeds[input].extend(direct[output].iter().copied());
                }
            }
        }
        // A step feeds the places its flows lead into, through a choice if it is one.
        for transition in &self.transitions {
            let Some(step) = transition.step else {
                continue;
            };
            for &output in &transition.outputs {
                fed_by[output].push(step);
                let onward = self
                    .transitions
                    .iter()
                    .filter(|t| t.step.is_none() && t.inputs == [output]);
                for silent in onward {
                    for &further in &silent.outputs {
                        fed_by[further].push(step);
                    }
                }
            }
        }
        self.fed_by = fed_by;
        self.feeds = feeds;
    }
}
