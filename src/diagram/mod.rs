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
mod standalone;
mod svg;
mod wrap;
pub(crate) mod xml;

pub use bpmn::Words;
pub use layout::{Band, Layout, Rect, Route, Style, TEXT_SIZE, Text, layout};
pub use map::{Document, Edge, Lane, Node, NodeKind, ProcessMap};
pub use org::{OrgUnit, org_chart};
pub use page::{PAGE, fitted};
pub use standalone::StandaloneMap;
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
