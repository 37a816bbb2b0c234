//! The SVG map: a standalone drawing with no script, font or request from outside, which
//! the HTML pack embeds in each regulation.

use std::fmt::Write as _;

use crate::diagram::layout::{LABEL_SIZE, Layout, Rect, Style, TEXT_SIZE};
use crate::diagram::map::{NodeKind, ProcessMap};
use crate::diagram::wrap::wrap;
use crate::diagram::xml::escape;

/// The line height of box text.
const LINE: f64 = 13.0;
/// The width of a lane's title strip.
const LANE_HEADER: f64 = Style::SVG.lane_header;

/// The map's styles. An SVG's `<style>` applies to the whole HTML page it is embedded in,
/// so every rule is scoped to the map's root element.
const STYLE: &[&str] = &[
    "text{font-family:'DejaVu Sans','Segoe UI',Arial,sans-serif;fill:#1d2430}",
    ".lane{fill:#fff;stroke:#9aa6b5}",
    ".lane.alt{fill:#f5f7fa}",
    ".head{fill:#e4ebf3;stroke:#9aa6b5}",
    ".head text{font-size:11px;font-weight:bold;fill:#1f4e79}",
    ".task{fill:#fff;stroke:#1f4e79;stroke-width:1.5}",
    ".sub{fill:#eef3f9}",
    ".node text{font-size:12px}",
    ".gate{fill:#fff8e1;stroke:#b7791f;stroke-width:1.5}",
    ".start{fill:#fff;stroke:#2e7d32;stroke-width:2}",
    ".end{fill:#fff;stroke:#c62828;stroke-width:4}",
    ".flow{fill:none;stroke:#5b6573;stroke-width:1.3}",
    ".label{font-size:11px;fill:#5b6573;paint-order:stroke;stroke:#fff;stroke-width:3px}",
    ".marker{fill:#5b6573}",
    ".question{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}",
];

/// The map drawn as SVG. Subprocess steps link to their regulation at
/// `../processes/ID.html`, which resolves from both `diagrams/` and `processes/`.
pub fn svg(map: &ProcessMap, layout: &Layout) -> String {
    let mut out = String::new();
    let (w, h) = (layout.width.ceil(), layout.height.ceil());
    let _ = writeln!(
        out,
        "<svg class=\"raciflow-map\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        escape(&map.name)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&map.name));
    let style: String = STYLE
        .iter()
        .map(|rule| format!(".raciflow-map {rule}"))
        .collect();
    let _ = writeln!(
        out,
        "<defs><style>{style}</style><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">\
         <path class=\"marker\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
    );
    let lane_width = layout.width - 2.0 * layout.left;
    for (index, (lane, band)) in map.lanes.iter().zip(&layout.lanes).enumerate() {
        let class = if index % 2 == 1 { "lane alt" } else { "lane" };
        let (x, y, bh) = (layout.left, band.y, band.h);
        let _ = writeln!(
            out,
            "<g class=\"swimlane\"><rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{lane_width}\" height=\"{bh}\"/>\
             <g class=\"head\"><rect x=\"{x}\" y=\"{y}\" width=\"{LANE_HEADER}\" height=\"{bh}\"/>",
        );

        let lines = wrap(&lane.name, 11.0, bh - 12.0, 3);
        let cx = x + LANE_HEADER / 2.0;
        let cy = y + bh / 2.0;
        let first = cx - (lines.len() as f64 - 1.0) * 6.5 + 4.0;
        let _ = write!(
            out,
            "<text transform=\"rotate(-90 {cx} {cy})\" text-anchor=\"middle\">"
        );
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<tspan x=\"{cx}\" y=\"{}\">{}</tspan>",
                fmt(cy + (first - cx) + k as f64 * 13.0),
                escape(line)
            );
        }
        let _ = writeln!(out, "</text></g></g>");
    }
    for route in &layout.edges {
        let points: Vec<String> = route
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", fmt(*x), fmt(*y)))
            .collect();
        let _ = writeln!(
            out,
            "<polyline class=\"flow\" points=\"{}\" marker-end=\"url(#arrow)\"/>",
            points.join(" ")
        );
    }
    for route in &layout.edges {
        if let Some(label) = &route.label {
            let count = label.lines.len();
            for (k, line) in label.lines.iter().enumerate() {
                let y = label.y - (count - 1 - k) as f64 * (LABEL_SIZE + 2.0);
                let _ = writeln!(
                    out,
                    "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                    fmt(label.x),
                    fmt(y),
                    escape(line)
                );
            }
        }
    }
    for (index, node) in map.nodes.iter().enumerate() {
        let rect = layout.nodes[index];
        let text = &layout.text[index];
        match &node.kind {
            NodeKind::Task => {
                let _ = write!(out, "<g class=\"node\" id=\"{}\">", node.id);
                box_with_text(&mut out, &rect, text, "task");
                let _ = writeln!(out, "</g>");
            }
            NodeKind::Subprocess { file, .. } => {
                let _ = write!(
                    out,
                    "<a class=\"node\" id=\"{}\" href=\"../processes/{}.html\" xlink:href=\"../processes/{}.html\">",
                    node.id,
                    escape(file),
                    escape(file)
                );
                box_with_text(&mut out, &rect, text, "task sub");
                let (mx, my) = (rect.cx() - 7.0, rect.bottom() - 15.0);
                let _ = writeln!(
                    out,
                    "<rect class=\"task\" x=\"{}\" y=\"{}\" width=\"14\" height=\"14\"/>\
                     <path class=\"flow\" d=\"M{},{} h8 M{},{} v8\"/></a>",
                    fmt(mx),
                    fmt(my),
                    fmt(mx + 3.0),
                    fmt(my + 7.0),
                    fmt(mx + 7.0),
                    fmt(my + 3.0)
                );
            }
            NodeKind::Decision | NodeKind::Parallel | NodeKind::Merge => {
                let (cx, cy) = (rect.cx(), rect.cy());
                let _ = write!(
                    out,
                    "<g class=\"node\" id=\"{}\"><polygon class=\"gate\" points=\"{},{} {},{} {},{} {},{}\"/>",
                    node.id,
                    fmt(cx),
                    fmt(rect.y),
                    fmt(rect.right()),
                    fmt(cy),
                    fmt(cx),
                    fmt(rect.bottom()),
                    fmt(rect.x),
                    fmt(cy)
                );
                let question = wrap(&node.label, TEXT_SIZE - 1.0, 170.0, 2);
                for (k, line) in question.iter().enumerate() {
                    let _ = write!(
                        out,
                        "<text class=\"question\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                        fmt(cx),
                        fmt(rect.bottom() + 13.0 + k as f64 * 13.0),
                        escape(line)
                    );
                }
                let _ = writeln!(out, "</g>");
            }
            NodeKind::Start | NodeKind::End => {
                let class = if node.kind == NodeKind::Start {
                    "start"
                } else {
                    "end"
                };
                let r = rect.w / 2.0 - if class == "end" { 2.0 } else { 1.0 };
                let _ = writeln!(
                    out,
                    "<circle class=\"{class}\" id=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                    node.id,
                    fmt(rect.cx()),
                    fmt(rect.cy()),
                    fmt(r)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

fn box_with_text(out: &mut String, rect: &Rect, lines: &[String], class: &str) {
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\"/>",
        fmt(rect.x),
        fmt(rect.y),
        fmt(rect.w),
        fmt(rect.h)
    );
    let top = rect.cy() - (lines.len() as f64 - 1.0) * LINE / 2.0 + 4.0;
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            fmt(rect.cx()),
            fmt(top + k as f64 * LINE),
            escape(line)
        );
    }
}

/// A coordinate with at most one decimal, so the same layout always prints the same text.
pub fn fmt(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}
