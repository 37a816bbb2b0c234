//! The BPMN 2.0 map: a collaboration with one participant, a lane per role, tasks,
//! gateways, events, call activities, data object references with their associations, and
//! complete diagram interchange (every shape and edge placed), so that bpmn.io and Camunda
//! Modeler open it as drawn.
//!
//! Ids are the map's NCName ids; names are escaped. Data object references are drawn
//! under the step that reads or writes them, one per use, each with its own association.

use std::fmt::Write as _;

use crate::diagram::layout::{Layout, Rect, Style, layout};
use crate::diagram::map::{Document, NodeKind, ProcessMap};
use crate::diagram::xml::escape;
use crate::resolve::stable_hash;

/// The height one document takes under its step.
const DATA_ROW: f64 = 40.0;
/// A data object's icon.
const DATA_W: f64 = 28.0;
const DATA_H: f64 = 34.0;

/// Words the diagram needs that the model does not name.
pub struct Words<'a> {
    /// The start event's name when the process has no trigger.
    pub start: &'a str,
    /// The end events' name.
    pub end: &'a str,
}

/// A use of a document by a step: one data object reference and its association.
struct DataUse<'a> {
    node: usize,
    artifact: &'a Document,
    /// Whether the step writes it (an output association) rather than reads it.
    output: bool,
}

/// The map as BPMN 2.0 XML.
pub fn bpmn(map: &ProcessMap, words: &Words<'_>) -> String {
    let map = map.with_gateways();
    let uses: Vec<DataUse> = map
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| matches!(node.kind, NodeKind::Task | NodeKind::Subprocess { .. }))
        .flat_map(|(index, node)| {
            let mut seen: Vec<(&Document, bool)> = Vec::new();
            for a in &node.inputs {
                if !seen.contains(&(a, false)) {
                    seen.push((a, false));
                }
            }
            for a in &node.outputs {
                if !seen.contains(&(a, true)) {
                    seen.push((a, true));
                }
            }
            seen.into_iter().map(move |(artifact, output)| DataUse {
                node: index,
                artifact,
                output,
            })
        })
        .collect();
    let mut below = vec![0.0; map.nodes.len()];
    for data in &uses {
        below[data.node] += DATA_ROW;
    }
    for room in &mut below {
        if *room > 0.0 {
            *room += 12.0;
        }
    }
    let placed = layout(&map, &Style::BPMN, &below);
    // Each use's icon: stacked under its step, a little in from the left, so that the
    // association runs down the step's left edge and turns into the icon.
    let mut stacked = vec![0usize; map.nodes.len()];
    let icons: Vec<Rect> = uses
        .iter()
        .map(|data| {
            let step = placed.nodes[data.node];
            let k = stacked[data.node];
            stacked[data.node] += 1;
            Rect {
                x: step.x + 12.0,
                y: step.bottom() + 10.0 + k as f64 * DATA_ROW,
                w: DATA_W,
                h: DATA_H,
            }
        })
        .collect();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" \
         xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" \
         xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" \
         xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         id=\"Definitions\" targetNamespace=\"https://github.com/raciflow/raciflow/bpmn\" \
         exporter=\"raciflow\" exporterVersion=\"",
    );
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str("\">\n");
    let own_id = process_id(&map.id);
    let name = escape(&map.name);
    let _ = writeln!(
        out,
        "  <bpmn:collaboration id=\"Collaboration\">\n    <bpmn:participant id=\"Participant\" name=\"{name}\" processRef=\"{own_id}\" />\n  </bpmn:collaboration>"
    );
    let _ = writeln!(
        out,
        "  <bpmn:process id=\"{own_id}\" name=\"{name}\" isExecutable=\"false\">\n    <bpmn:documentation>{}</bpmn:documentation>",
        escape(&map.id)
    );
    out.push_str("    <bpmn:laneSet id=\"LaneSet\">\n");
    for (index, lane) in map.lanes.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <bpmn:lane id=\"{}\" name=\"{}\">",
            lane.id,
            escape(&lane.name)
        );
        for node in map.nodes.iter().filter(|n| n.lane == index) {
            let _ = writeln!(
                out,
                "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                node.id
            );
        }
        out.push_str("      </bpmn:lane>\n");
    }
    out.push_str("    </bpmn:laneSet>\n");
    let flow_id = |edge: usize| format!("Flow_{}", edge + 1);
    let use_id = |u: usize| format!("Data_{}", u + 1);
    let association_id = |u: usize| format!("Association_{}", u + 1);
    for (index, node) in map.nodes.iter().enumerate() {
        let incoming: Vec<usize> = (0..map.edges.len())
            .filter(|&e| map.edges[e].to == index)
            .collect();
        let outgoing: Vec<usize> = (0..map.edges.len())
            .filter(|&e| map.edges[e].from == index)
            .collect();
        let label = escape(&node.label);
        let (tag, attributes) = match &node.kind {
            NodeKind::Start => (
                "startEvent",
                format!(
                    "name=\"{}\"",
                    escape(map.trigger.as_deref().unwrap_or(words.start))
                ),
            ),
            NodeKind::End => ("endEvent", format!("name=\"{}\"", escape(words.end))),
            NodeKind::Task => ("task", format!("name=\"{label}\"")),
            NodeKind::Subprocess { id, .. } => (
                "callActivity",
                format!("name=\"{label}\" calledElement=\"{}\"", process_id(id)),
            ),
            NodeKind::Decision => {
                // The branch without a condition, if any, is the default.
                let default = outgoing
                    .iter()
                    .find(|&&e| map.edges[e].label.is_none())
                    .map(|&e| format!(" default=\"{}\"", flow_id(e)))
                    .unwrap_or_default();
                ("exclusiveGateway", format!("name=\"{label}\"{default}"))
            }
            NodeKind::Merge => ("exclusiveGateway", String::new()),
            NodeKind::Parallel => ("parallelGateway", String::new()),
        };
        let space = if attributes.is_empty() { "" } else { " " };
        let _ = writeln!(
            out,
            "    <bpmn:{tag} id=\"{}\"{space}{attributes}>",
            node.id
        );
        for &e in &incoming {
            let _ = writeln!(out, "      <bpmn:incoming>{}</bpmn:incoming>", flow_id(e));
        }
        for &e in &outgoing {
            let _ = writeln!(out, "      <bpmn:outgoing>{}</bpmn:outgoing>", flow_id(e));
        }
        let mine: Vec<usize> = (0..uses.len()).filter(|&u| uses[u].node == index).collect();
        if mine.iter().any(|&u| !uses[u].output) {
            let _ = writeln!(
                out,
                "      <bpmn:property id=\"{}_inputs\" name=\"__targetRef_placeholder\" />",
                node.id
            );
        }
        for &u in mine.iter().filter(|&&u| !uses[u].output) {
            let _ = writeln!(
                out,
                "      <bpmn:dataInputAssociation id=\"{}\">\n        <bpmn:sourceRef>{}</bpmn:sourceRef>\n        <bpmn:targetRef>{}_inputs</bpmn:targetRef>\n      </bpmn:dataInputAssociation>",
                association_id(u),
                use_id(u),
                node.id
            );
        }
        for &u in mine.iter().filter(|&&u| uses[u].output) {
            let _ = writeln!(
                out,
                "      <bpmn:dataOutputAssociation id=\"{}\">\n        <bpmn:targetRef>{}</bpmn:targetRef>\n      </bpmn:dataOutputAssociation>",
                association_id(u),
                use_id(u)
            );
        }
        let _ = writeln!(out, "    </bpmn:{tag}>");
    }
    let mut objects: Vec<&Document> = uses.iter().map(|u| u.artifact).collect();
    objects.sort_by_key(|d| d.id);
    objects.dedup_by_key(|d| d.id);
    for document in &objects {
        let _ = writeln!(
            out,
            "    <bpmn:dataObject id=\"DataObject_{}\" name=\"{}\" />",
            document.id.0 + 1,
            escape(&document.name)
        );
    }
    for (u, data) in uses.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <bpmn:dataObjectReference id=\"{}\" name=\"{}\" dataObjectRef=\"DataObject_{}\" />",
            use_id(u),
            escape(&data.artifact.name),
            data.artifact.id.0 + 1
        );
    }
    for (e, edge) in map.edges.iter().enumerate() {
        let (from, to) = (&map.nodes[edge.from].id, &map.nodes[edge.to].id);
        match &edge.label {
            Some(condition) => {
                let condition = escape(condition);
                let _ = writeln!(
                    out,
                    "    <bpmn:sequenceFlow id=\"{}\" name=\"{condition}\" sourceRef=\"{from}\" targetRef=\"{to}\">\n      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{condition}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>",
                    flow_id(e)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "    <bpmn:sequenceFlow id=\"{}\" sourceRef=\"{from}\" targetRef=\"{to}\" />",
                    flow_id(e)
                );
            }
        }
    }
    out.push_str("  </bpmn:process>\n");
    diagram(
        &mut out,
        &map,
        &placed,
        &uses,
        &icons,
        &use_id,
        &association_id,
        &flow_id,
    );
    out.push_str("</bpmn:definitions>\n");
    out
}

#[allow(clippy::too_many_arguments)]
fn diagram(
    out: &mut String,
    map: &ProcessMap,
    placed: &Layout,
    uses: &[DataUse],
    icons: &[Rect],
    use_id: &dyn Fn(usize) -> String,
    association_id: &dyn Fn(usize) -> String,
    flow_id: &dyn Fn(usize) -> String,
) {
    out.push_str("  <bpmndi:BPMNDiagram id=\"Diagram\">\n    <bpmndi:BPMNPlane id=\"Plane\" bpmnElement=\"Collaboration\">\n");
    let pool_x = placed.left;
    let pool_w = placed.width - 2.0 * placed.left;
    let top = placed.lanes.first().map_or(0.0, |b| b.y);
    let bottom = placed.lanes.last().map_or(0.0, |b| b.y + b.h);
    shape(
        out,
        "Participant",
        &Rect {
            x: pool_x,
            y: top,
            w: pool_w,
            h: bottom - top,
        },
        " isHorizontal=\"true\"",
        None,
    );
    for (lane, band) in map.lanes.iter().zip(&placed.lanes) {
        let bounds = Rect {
            x: pool_x + 30.0,
            y: band.y,
            w: pool_w - 30.0,
            h: band.h,
        };
        shape(out, &lane.id, &bounds, " isHorizontal=\"true\"", None);
    }
    for (index, node) in map.nodes.iter().enumerate() {
        let rect = placed.nodes[index];
        // A gateway's question and an event's name stand under the shape.
        let below = |width: f64| Rect {
            x: rect.cx() - width / 2.0,
            y: rect.bottom() + 4.0,
            w: width,
            h: 28.0,
        };
        let (extra, label) = match node.kind {
            NodeKind::Decision => (" isMarkerVisible=\"true\"", Some(below(160.0))),
            NodeKind::Merge => (" isMarkerVisible=\"true\"", None),
            NodeKind::Start | NodeKind::End => ("", Some(below(90.0))),
            _ => ("", None),
        };
        shape(out, &node.id, &rect, extra, label.as_ref());
    }
    for (u, icon) in icons.iter().enumerate() {
        let label = Rect {
            x: icon.right() + 6.0,
            y: icon.y,
            w: 118.0,
            h: DATA_H,
        };
        shape(out, &use_id(u), icon, "", Some(&label));
    }
    for (e, route) in placed.edges.iter().enumerate() {
        let label = route.label.as_ref().map(|l| l.rect);
        edge(out, &flow_id(e), &route.points, label.as_ref());
    }
    for (u, data) in uses.iter().enumerate() {
        let step = placed.nodes[data.node];
        let icon = icons[u];
        let mut points = vec![
            (step.x + 4.0, step.bottom()),
            (step.x + 4.0, icon.cy()),
            (icon.x, icon.cy()),
        ];
        if !data.output {
            points.reverse();
        }
        edge(out, &association_id(u), &points, None);
    }
    out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n");
}

fn shape(out: &mut String, element: &str, r: &Rect, extra: &str, label: Option<&Rect>) {
    let _ = write!(
        out,
        "      <bpmndi:BPMNShape id=\"{element}_di\" bpmnElement=\"{element}\"{extra}>\n        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />\n",
        n(r.x),
        n(r.y),
        n(r.w),
        n(r.h)
    );
    if let Some(l) = label {
        let _ = write!(
            out,
            "        <bpmndi:BPMNLabel>\n          <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />\n        </bpmndi:BPMNLabel>\n",
            n(l.x),
            n(l.y),
            n(l.w),
            n(l.h)
        );
    }
    out.push_str("      </bpmndi:BPMNShape>\n");
}

fn edge(out: &mut String, element: &str, points: &[(f64, f64)], label: Option<&Rect>) {
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNEdge id=\"{element}_di\" bpmnElement=\"{element}\">"
    );
    for (x, y) in points {
        let _ = writeln!(
            out,
            "        <di:waypoint x=\"{}\" y=\"{}\" />",
            n(*x),
            n(*y)
        );
    }
    if let Some(l) = label {
        let _ = writeln!(
            out,
            "        <bpmndi:BPMNLabel>\n          <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />\n        </bpmndi:BPMNLabel>",
            n(l.x),
            n(l.y),
            n(l.w),
            n(l.h)
        );
    }
    out.push_str("      </bpmndi:BPMNEdge>\n");
}

/// A coordinate as BPMN tools write them: whole pixels.
fn n(value: f64) -> i64 {
    value.round() as i64
}

/// The XML id of the BPMN process of model process `id`, the same in every file that
/// calls it. bpmn-moddle (and so Camunda Modeler and bpmn.io) accepts only ASCII ids
/// (`[A-Za-z_][A-Za-z0-9_.-]*`), while model ids may be Cyrillic: an id with other
/// characters keeps its ASCII ones and gets a hash of the whole id, so two ids never
/// share a process id. The user's id is kept in the process's documentation.
fn process_id(id: &str) -> String {
    let ascii = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if !id.is_empty() && id.chars().all(ascii) {
        return format!("Process_{id}");
    }
    let kept: String = id.chars().filter(|&c| ascii(c)).collect();
    format!("Process_{kept}_{}", stable_hash(id))
}
