//! The Graphviz DOT map: a cluster per lane, left to right.

use std::fmt::Write as _;

use crate::diagram::map::{NodeKind, ProcessMap};
use crate::diagram::wrap::wrap;

/// `text` as a DOT string: quotes and backslashes escaped (a backslash starts an escape
/// sequence in a Graphviz label), line breaks as `\n`.
fn quote(lines: &[String]) -> String {
    let escaped: Vec<String> = lines
        .iter()
        .map(|line| {
            line.chars()
                .filter(|c| !c.is_control())
                .flat_map(|c| match c {
                    '"' => vec!['\\', '"'],
                    '\\' => vec!['\\', '\\'],
                    c => vec![c],
                })
                .collect()
        })
        .collect();
    format!("\"{}\"", escaped.join("\\n"))
}

fn one(text: &str) -> String {
    quote(&[text.to_owned()])
}

/// The map as DOT text.
pub fn dot(map: &ProcessMap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", one(&map.id));
    let _ = writeln!(out, "  label={};", one(&map.name));
    out.push_str(
        "  rankdir=LR;\n  fontname=\"DejaVu Sans\";\n  fontsize=12;\n  labelloc=t;\n  \
         node [fontname=\"DejaVu Sans\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=white, color=\"#1f4e79\"];\n  \
         edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"#5b6573\"];\n",
    );
    for (index, lane) in map.lanes.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_{} {{", lane.id);
        let _ = writeln!(
            out,
            "    label={};\n    style=filled;\n    fillcolor=\"#f5f7fa\";\n    color=\"#9aa6b5\";",
            one(&lane.name)
        );
        for node in map.nodes.iter().filter(|n| n.lane == index) {
            let attributes = match &node.kind {
                NodeKind::Start => {
                    "shape=circle, label=\"\", width=0.3, color=\"#2e7d32\"".to_owned()
                }
                NodeKind::End => {
                    "shape=circle, label=\"\", width=0.3, penwidth=3, color=\"#c62828\"".to_owned()
                }
                NodeKind::Task => format!("label={}", quote(&wrap(&node.label, 10.0, 150.0))),
                NodeKind::Subprocess { regulation, .. } => format!(
                    "label={}, peripheries=2, URL={}",
                    quote(&wrap(&node.label, 10.0, 150.0)),
                    one(&format!("../{regulation}.html"))
                ),
                NodeKind::Decision => format!(
                    "shape=diamond, style=filled, fillcolor=\"#fff8e1\", color=\"#b7791f\", label={}",
                    quote(&wrap(&node.label, 10.0, 120.0))
                ),
                NodeKind::Parallel => {
                    "shape=diamond, style=filled, fillcolor=\"#fff8e1\", label=\"+\"".to_owned()
                }
                NodeKind::Merge => {
                    "shape=diamond, style=filled, fillcolor=\"#fff8e1\", label=\"\"".to_owned()
                }
            };
            let _ = writeln!(out, "    {} [{attributes}];", node.id);
        }
        let _ = writeln!(out, "  }}");
    }
    for edge in &map.edges {
        let (from, to) = (&map.nodes[edge.from].id, &map.nodes[edge.to].id);
        match &edge.label {
            Some(label) => {
                let _ = writeln!(out, "  {from} -> {to} [label={}];", one(label));
            }
            None => {
                let _ = writeln!(out, "  {from} -> {to};");
            }
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(one("a \"b\" \\N"), "\"a \\\"b\\\" \\\\N\"");
    }
}
