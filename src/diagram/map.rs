//! `ProcessMap`: one process as the diagrams draw it: events, steps and gateways as nodes
//! in swimlanes, the flow as edges.
//!
//! Every output format (SVG, Mermaid, DOT, BPMN) starts from this one map, so they agree
//! on what is drawn. BPMN needs gateways that the model leaves implicit: `with_gateways`
//! adds them.

use petgraph::graph::NodeIndex;

use crate::graph::FlowGraph;
use crate::model::StepKind;
use crate::resolve::{ArtifactId, FileNames, ProcessId, Resolved, Target};

/// What a node of the map is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// Where the process starts.
    Start,
    /// Where one path of the process ends.
    End,
    /// A step that does work.
    Task,
    /// A step that asks a question; its branches carry conditions.
    Decision,
    /// A step that runs another process.
    Subprocess {
        /// The called process's id.
        id: String,
        /// The called process's regulation, from the pack's top folder without extension
        /// (`processes/FILE`): a map in `diagrams/` links to `../REGULATION.html`.
        regulation: String,
    },
    /// A parallel gateway: all outgoing paths run (a split) or all incoming must arrive (a
    /// join). Added by `with_gateways`.
    Parallel,
    /// An exclusive gateway where alternative paths meet again. Added by `with_gateways`.
    Merge,
}

/// A node of the map.
#[derive(Clone, Debug, Hash)]
pub struct Node {
    /// A unique id, a valid XML NCName (`step_`, `start`, `end_3`, …).
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// The text shown on it: the step's number in its regulation and its name («3.
    /// Подготовить КП»), so that the map and the text are read together; empty for events.
    pub label: String,
    /// Its swimlane, by position in `ProcessMap::lanes`.
    pub lane: usize,
    /// The documents the step reads.
    pub inputs: Vec<Document>,
    /// The documents the step writes.
    pub outputs: Vec<Document>,
    /// Whether every path out of it runs, and whether every path into it must arrive
    /// first: a parallel split and a parallel join, as [`FlowGraph`] decides them.
    pub parallel: (bool, bool),
    /// The step it shows, by index in the process's steps; `None` for an event.
    pub step: Option<usize>,
    /// The step's number in its regulation, as its label begins; `None` for an event, a
    /// gateway and a bare decision.
    pub number: Option<usize>,
}

/// A document a step reads or writes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Document {
    /// Which artifact it is.
    pub id: ArtifactId,
    /// Its name.
    pub name: String,
}

/// An edge of the map: the flow from one node to the next.
#[derive(Clone, Debug, Hash)]
pub struct Edge {
    /// Where it starts, by position in `ProcessMap::nodes`.
    pub from: usize,
    /// Where it leads.
    pub to: usize,
    /// The condition of a decision's branch.
    pub label: Option<String>,
}

/// Which side of a node a gateway goes.
#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

/// A swimlane: the steps one role performs.
#[derive(Clone, Debug, Hash)]
pub struct Lane {
    /// A unique id, a valid XML NCName.
    pub id: String,
    /// The role's title; "—" for steps without a performer.
    pub name: String,
}

/// One process as the diagrams draw it.
#[derive(Clone, Debug, Hash)]
pub struct ProcessMap {
    /// The process's id.
    pub id: String,
    /// The process's file stem: its map is `diagrams/FILE.svg`.
    pub file: String,
    /// The process's name.
    pub name: String,
    /// What starts it (names BPMN's start event).
    pub trigger: Option<String>,
    /// The lanes, in the order their roles first act along the flow.
    pub lanes: Vec<Lane>,
    /// The nodes: the start first, then the steps in flow order, then the ends.
    pub nodes: Vec<Node>,
    /// The edges, in the order written.
    pub edges: Vec<Edge>,
}

impl ProcessMap {
    /// The map of process `id`.
    pub fn of(model: &Resolved, files: &FileNames, flow: &FlowGraph, id: ProcessId) -> ProcessMap {
        let process = model.process(id);
        let order = flow.step_order();
        let joins = flow.parallel_joins();
        let mut lanes: Vec<Lane> = Vec::new();
        let mut lane_roles: Vec<Option<usize>> = Vec::new();
        let mut lane_of = |role: Option<usize>| -> usize {
            if let Some(at) = lane_roles.iter().position(|r| *r == role) {
                return at;
            }
            lane_roles.push(role);
            lanes.push(Lane {
                id: format!("lane_{}", lanes.len() + 1),
                name: role.map_or_else(|| "—".to_owned(), |r| model.roles[r].name.clone()),
            });
            lanes.len() - 1
        };
        let documents = |refs: &[crate::resolve::Ref<ArtifactId>]| -> Vec<Document> {
            refs.iter()
                .map(|a| Document {
                    id: a.target,
                    name: model.artifact(a.target).name.clone(),
                })
                .collect()
        };
        let mut nodes = Vec::with_capacity(process.steps.len() + 2);
        let mut node_of_step = vec![0; process.steps.len()];
        let first_lane = process
            .start
            .map(|s| process.steps[s].raci.r.first().map(|r| r.target.0));
        nodes.push(Node {
            id: "start".to_owned(),
            kind: NodeKind::Start,
            label: String::new(),
            lane: lane_of(first_lane.flatten()),
            inputs: Vec::new(),
            outputs: Vec::new(),
            parallel: (false, false),
            step: None,
            number: None,
        });
        // Numbered as the regulation numbers its steps, in the same flow order; a bare
        // decision, which the regulation asks inside the step before it, has no number.
        let bare = process.bare_decisions();
        let mut number = 0;
        for &index in &order {
            let step = &process.steps[index];
            let kind = match (step.kind, &step.calls) {
                (StepKind::Decision, _) => NodeKind::Decision,
                (StepKind::Subprocess, Some(called)) => NodeKind::Subprocess {
                    id: model.process(called.target).id.clone(),
                    regulation: crate::layout::regulation(files.process(called.target)),
                },
                _ => NodeKind::Task,
            };
            node_of_step[index] = nodes.len();
            nodes.push(Node {
                id: format!("step_{}", nodes.len()),
                kind,
                label: if bare[index] {
                    step.name.clone()
                } else {
                    number += 1;
                    format!("{number}. {}", step.name)
                },
                number: (!bare[index]).then_some(number),
                lane: lane_of(step.raci.r.first().map(|r| r.target.0)),
                inputs: documents(&step.inputs),
                outputs: documents(&step.outputs),
                parallel: (
                    flow.is_parallel_split(flow.steps[index]),
                    joins[flow.steps[index].index()],
                ),
                step: Some(index),
            });
        }
        let mut edges = Vec::new();
        if let Some(start) = process.start {
            edges.push(Edge {
                from: 0,
                to: node_of_step[start],
                label: None,
            });
        }
        for &index in &order {
            let from = node_of_step[index];
            let step = &process.steps[index];
            let targets: Vec<(Target, Option<String>)> = if step.next.is_empty() {
                vec![(Target::End, None)]
            } else {
                step.next
                    .iter()
                    .map(|edge| (edge.to, edge.when.as_ref().map(|(w, _)| w.clone())))
                    .collect()
            };
            for (target, label) in targets {
                let to = match target {
                    Target::Step(to) => node_of_step[to],
                    // An end event per path that ends: one end with several incoming flows
                    // reads as a join, which it is not.
                    Target::End => {
                        let lane = nodes[from].lane;
                        nodes.push(Node {
                            id: format!("end_{}", nodes.len()),
                            kind: NodeKind::End,
                            label: String::new(),
                            lane,
                            inputs: Vec::new(),
                            outputs: Vec::new(),
                            parallel: (false, false),
                            step: None,
                            number: None,
                        });
                        nodes.len() - 1
                    }
                };
                edges.push(Edge { from, to, label });
            }
        }
        ProcessMap {
            id: process.id.clone(),
            file: files.process(id).to_owned(),
            name: process.name.clone(),
            trigger: process.trigger.clone(),
            lanes,
            nodes,
            edges,
        }
    }

    /// The map with the gateways BPMN needs: a parallel split after a task with several
    /// successors, and before a node with several incoming flows a join: parallel when the
    /// paths come from a parallel split that dominates the node, exclusive otherwise.
    pub fn with_gateways(&self) -> ProcessMap {
        let mut map = self.clone();
        let splits: Vec<usize> = (0..self.nodes.len())
            .filter(|&n| self.nodes[n].parallel.0)
            .collect();
        // Joins first, while edges still point at the original nodes.
        for target in 0..self.nodes.len() {
            let incoming: Vec<usize> = (0..map.edges.len())
                .filter(|&e| map.edges[e].to == target)
                .collect();
            if incoming.len() < 2 {
                continue;
            }
            let kind = if self.nodes[target].parallel.1 {
                NodeKind::Parallel
            } else {
                NodeKind::Merge
            };
            map.insert_gateway(kind, target, &incoming, Side::Before);
        }
        for split in splits {
            let outgoing: Vec<usize> = (0..map.edges.len())
                .filter(|&e| map.edges[e].from == split)
                .collect();
            map.insert_gateway(NodeKind::Parallel, split, &outgoing, Side::After);
        }
        map
    }

    /// Puts a gateway in `node`'s lane between `node` and `edges`: `Before` it, the edges
    /// then enter the gateway and the gateway enters `node`; `After` it, the edges leave
    /// the gateway and `node` enters the gateway.
    fn insert_gateway(&mut self, kind: NodeKind, node: usize, edges: &[usize], side: Side) {
        let gateway = self.nodes.len();
        self.nodes.push(Node {
            id: format!("gateway_{gateway}"),
            kind,
            label: String::new(),
            lane: self.nodes[node].lane,
            inputs: Vec::new(),
            outputs: Vec::new(),
            parallel: (false, false),
            step: None,
            number: None,
        });
        for &e in edges {
            match side {
                Side::Before => self.edges[e].to = gateway,
                Side::After => self.edges[e].from = gateway,
            }
        }
        let (from, to) = match side {
            Side::Before => (gateway, node),
            Side::After => (node, gateway),
        };
        self.edges.push(Edge {
            from,
            to,
            label: None,
        });
    }

    /// The edges leaving node `n`.
    pub fn outgoing(&self, n: usize) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.from == n)
    }

    /// The map as a petgraph graph (node index = node position).
    pub fn graph(&self) -> petgraph::graph::DiGraph<(), ()> {
        let mut graph = petgraph::graph::DiGraph::with_capacity(self.nodes.len(), self.edges.len());
        for _ in &self.nodes {
            graph.add_node(());
        }
        for edge in &self.edges {
            graph.add_edge(NodeIndex::new(edge.from), NodeIndex::new(edge.to), ());
        }
        graph
    }
}
