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
mod xml;

pub use bpmn::Words;
pub use layout::{Band, Layout, Rect, Route, Style, TEXT_SIZE, Text, layout};
pub use map::{Document, Edge, Lane, Node, NodeKind, ProcessMap};
pub use org::{OrgUnit, org_chart};
pub use page::fitted;
pub use wrap::width as text_width;

use bpmn::bpmn;
use dot::dot;
use mermaid::mermaid;
use svg::svg;

use crate::graph::Graphs;
use crate::resolve::{FileNames, ProcessId, Resolved};

/// The formats a process map is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum DiagramFormat {
    /// SVG, laid out by raciflow.
    Svg,
    /// A Mermaid flowchart with a subgraph per lane (GitHub and GitLab draw it).
    Mermaid,
    /// Graphviz DOT with a cluster per lane.
    Dot,
    /// BPMN 2.0 XML with lanes and diagram interchange (bpmn.io, Camunda Modeler).
    Bpmn,
}

impl DiagramFormat {
    /// Every format, in the order `build` writes them.
    pub const ALL: [DiagramFormat; 4] = [
        DiagramFormat::Svg,
        DiagramFormat::Mermaid,
        DiagramFormat::Dot,
        DiagramFormat::Bpmn,
    ];

    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            DiagramFormat::Svg => "svg",
            DiagramFormat::Mermaid => "mmd",
            DiagramFormat::Dot => "dot",
            DiagramFormat::Bpmn => "bpmn",
        }
    }
}

/// The map of process `id` in `format`; `words` name what the model does not (BPMN's
/// events).
pub fn draw(
    model: &Resolved,
    graphs: &Graphs,
    id: ProcessId,
    format: DiagramFormat,
    words: &Words<'_>,
) -> String {
    write(
        &ProcessMap::of(model, &FileNames::of(model), &graphs.flows[id.0], id),
        format,
        words,
    )
}

/// `map` in `format`.
pub fn write(map: &ProcessMap, format: DiagramFormat, words: &Words<'_>) -> String {
    match format {
        DiagramFormat::Svg => svg(map, &fitted(map)),
        DiagramFormat::Mermaid => mermaid(map),
        DiagramFormat::Dot => dot(map),
        DiagramFormat::Bpmn => bpmn(map, words),
    }
}
