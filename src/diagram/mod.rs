//! Process maps: the flow of one process drawn with a swimlane per performing role, as
//! SVG (laid out here), Mermaid, Graphviz DOT and BPMN 2.0 with diagram interchange; and
//! the organisation chart, as SVG.

mod bpmn;
mod dot;
mod layout;
mod map;
mod mermaid;
mod org;
mod page;
mod route;
mod svg;
mod wrap;
pub(crate) mod xml;

pub use bpmn::Words;
pub use layout::{Band, Layout, Rect, Route, Style, TEXT_SIZE, Text, layout};
pub use map::{Document, Edge, Lane, Node, NodeKind, ProcessMap};
pub use org::{OrgUnit, org_chart};
pub use page::{PAGE, fitted};
pub use wrap::width as text_width;

use bpmn::bpmn;
use dot::dot;
use mermaid::mermaid;
use svg::svg;

use crate::graph::Graphs;
use crate::resolve::{FileNames, ProcessId, Resolved};

/// The notations a process map is written in (the pack's formats that are maps choose one:
/// `render::Format::diagram`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Notation {
    /// SVG, laid out by raciflow.
    Svg,
    /// A Mermaid flowchart with a subgraph per lane (GitHub and GitLab draw it).
    Mermaid,
    /// Graphviz DOT with a cluster per lane.
    Dot,
    /// BPMN 2.0 XML with lanes and diagram interchange (bpmn.io, Camunda Modeler).
    Bpmn,
}

impl Notation {
    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Notation::Svg => "svg",
            Notation::Mermaid => "mmd",
            Notation::Dot => "dot",
            Notation::Bpmn => "bpmn",
        }
    }
}

/// The SVG element id of each step's shape in process `id`'s map, by the step's index
/// in the process: for a page that marks steps on the map (`raciflow diff --format html`).
pub fn step_nodes(model: &Resolved, graphs: &Graphs, id: ProcessId) -> Vec<(usize, String)> {
    ProcessMap::of(model, &FileNames::of(model), &graphs.flows[id.0], id)
        .nodes
        .into_iter()
        .filter_map(|node| Some((node.step?, node.id)))
        .collect()
}

/// The number each step of process `id` has on its map and in its regulation, by the
/// step's index in the process (`None` for a bare decision, which has none).
pub fn step_numbers(model: &Resolved, graphs: &Graphs, id: ProcessId) -> Vec<Option<usize>> {
    let process = model.process(id);
    let mut numbers = vec![None; process.steps.len()];
    let map = ProcessMap::of(model, &FileNames::of(model), &graphs.flows[id.0], id);
    for node in map.nodes {
        if let Some(step) = node.step {
            numbers[step] = node.number;
        }
    }
    numbers
}

/// The SVG element id of each flow in process `id`'s map, with the steps it leads from and
/// to by their index in the process (`None` for the start and for an end).
pub fn flow_lines(
    model: &Resolved,
    graphs: &Graphs,
    id: ProcessId,
) -> Vec<(String, Option<usize>, Option<usize>)> {
    let map = ProcessMap::of(model, &FileNames::of(model), &graphs.flows[id.0], id);
    map.edges
        .iter()
        .enumerate()
        .map(|(k, edge)| {
            (
                format!("flow_{}", k + 1),
                map.nodes[edge.from].step,
                map.nodes[edge.to].step,
            )
        })
        .collect()
}

/// The map of process `id` in `format`; `words` name what the model does not (BPMN's
/// events).
pub fn draw(
    model: &Resolved,
    graphs: &Graphs,
    id: ProcessId,
    format: Notation,
    words: &Words<'_>,
) -> String {
    write(
        &ProcessMap::of(model, &FileNames::of(model), &graphs.flows[id.0], id),
        format,
        words,
    )
}

/// The SVG map of process `id` for a page away from the pack (`conform --out`, `diff
/// --format html`): its subprocess steps link to no regulation, which is not beside it,
/// and its element ids are begun by `prefix`, as a page of several maps needs.
pub fn standalone_svg(model: &Resolved, graphs: &Graphs, id: ProcessId, prefix: &str) -> String {
    let mut map = ProcessMap::of(model, &FileNames::of(model), &graphs.flows[id.0], id);
    for node in &mut map.nodes {
        if let NodeKind::Subprocess { regulation, .. } = &mut node.kind {
            regulation.clear();
        }
    }
    svg::svg_prefixed(&map, &fitted(&map), prefix)
}

/// `map` as SVG drawings, one for each landscape page it prints on (see `page`).
pub fn printed(map: &ProcessMap) -> Vec<String> {
    svg::printed(map, &fitted(map))
}

/// `map` in `format`.
pub fn write(map: &ProcessMap, format: Notation, words: &Words<'_>) -> String {
    match format {
        Notation::Svg => svg(map, &fitted(map)),
        Notation::Mermaid => mermaid(map),
        Notation::Dot => dot(map),
        Notation::Bpmn => bpmn(map, words),
    }
}
