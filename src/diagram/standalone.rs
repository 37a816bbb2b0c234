//! A process's map for a page away from the pack (`conform --out`, `diff --format
//! html`): drawn once, and asked which element shows each step and each flow, so that the
//! page can mark them.

use crate::diagram::map::{NodeKind, ProcessMap};
use crate::diagram::page::fitted;
use crate::diagram::svg::svg_prefixed;
use crate::graph::Graphs;
use crate::resolve::{FileNames, ProcessId, Resolved};

/// A process's map for a page of its own.
pub struct StandaloneMap {
    map: ProcessMap,
}

impl StandaloneMap {
    /// The map of process `id`. Its subprocess steps link to no regulation: the
    /// regulations are not beside the page.
    pub fn of(model: &Resolved, graphs: &Graphs, id: ProcessId) -> StandaloneMap {
        let mut map = ProcessMap::of(model, &FileNames::of(model), &graphs.flows[id.0], id);
        for node in &mut map.nodes {
            if let NodeKind::Subprocess { regulation, .. } = &mut node.kind {
                regulation.clear();
            }
        }
        StandaloneMap { map }
    }

    /// The SVG element id of each step's shape, with the step's index in the process.
    pub fn step_nodes(&self) -> impl Iterator<Item = (usize, &str)> {
        self.map
            .nodes
            .iter()
            .filter_map(|node| Some((node.step?, node.id.as_str())))
    }

    /// The number each of the process's `steps` has on the map and in its regulation, by
    /// the step's index (`None` for a bare decision, which has none).
    pub fn step_numbers(&self, steps: usize) -> Vec<Option<usize>> {
        let mut numbers = vec![None; steps];
        for node in &self.map.nodes {
            if let Some(step) = node.step {
                numbers[step] = node.number;
            }
        }
        numbers
    }

    /// The SVG element id of each flow, with the steps it leads from and to by their index
    /// in the process (`None` for the start and for an end).
    pub fn flow_lines(&self) -> impl Iterator<Item = (String, Option<usize>, Option<usize>)> {
        let nodes = &self.map.nodes;
        self.map.edges.iter().enumerate().map(|(k, edge)| {
            (
                format!("flow_{}", k + 1),
                nodes[edge.from].step,
                nodes[edge.to].step,
            )
        })
    }

    /// The map as SVG, its element ids begun by `prefix`, as a page of several maps needs.
    pub fn svg(&self, prefix: &str) -> String {
        svg_prefixed(&self.map, &fitted(&self.map), prefix)
    }
}
