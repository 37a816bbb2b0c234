//! The SVG map: a standalone drawing with no script, font or request from outside, which
//! the HTML pack embeds in each regulation.

use std::fmt::Write as _;

use crate::diagram::layout::{BASELINE, Band, LINE, Layout, Rect, TEXT_SIZE, Text};
use crate::diagram::map::{NodeKind, ProcessMap};
use crate::diagram::page::pages;
use crate::diagram::xml::escape;

/// The text of every drawing: the fonts `wrap` measures for, widest first.
pub(super) const TEXT_RULE: &str =
    "text{font-family:'DejaVu Sans','Segoe UI',Arial,sans-serif;fill:#1d2430}";

/// The map's styles. All text has one size, `TEXT_SIZE`, set on the root by `svg`.
const STYLE: &[&str] = &[
    TEXT_RULE,
    ".lane{fill:#fff;stroke:#9aa6b5}",
    ".lane.alt{fill:#f5f7fa}",
    ".head{fill:#e4ebf3;stroke:#9aa6b5}",
    ".head text{font-weight:bold;fill:#1f4e79;stroke:none}",
    ".task{fill:#fff;stroke:#1f4e79;stroke-width:1.5}",
    ".sub{fill:#eef3f9}",
    ".gate{fill:#fff8e1;stroke:#b7791f;stroke-width:1.5}",
    ".start{fill:#fff;stroke:#2e7d32;stroke-width:2}",
    ".end{fill:#fff;stroke:#c62828;stroke-width:4}",
    ".flow{fill:none;stroke:#5b6573;stroke-width:1.3}",
    ".label{fill:#5b6573;paint-order:stroke;stroke:#fff;stroke-width:3px}",
    ".marker{fill:#5b6573}",
    ".question{paint-order:stroke;stroke:#fff;stroke-width:3px}",
];

/// The map drawn as SVG. Subprocess steps link to their regulation at
/// `../processes/ID.html`, which resolves from both `diagrams/` and `processes/`.
pub fn svg(map: &ProcessMap, layout: &Layout) -> String {
    let whole = Band {
        y: 0.0,
        h: layout.height,
    };
    drawing(map, layout, whole, "arrow", "")
}

/// The map drawn as SVG with every element id (its steps', its flows', its arrowhead's)
/// begun by `prefix`: for a page that shows several maps, whose ids must not repeat.
pub fn svg_prefixed(map: &ProcessMap, layout: &Layout, prefix: &str) -> String {
    let whole = Band {
        y: 0.0,
        h: layout.height,
    };
    drawing(map, layout, whole, "arrow", prefix)
}

/// The map as the drawings of the pages it prints on (`page::pages`), one SVG a page,
/// each showing its lanes of the whole: stacked, they read as one map on screen. Each
/// has its own arrowhead id, as they share a web page.
pub fn printed(map: &ProcessMap, layout: &Layout) -> Vec<String> {
    pages(layout)
        .into_iter()
        .enumerate()
        .map(|(index, page)| drawing(map, layout, page, &format!("arrow-{}", index + 1), ""))
        .collect()
}

/// The part `view` of the map's drawing, its arrowhead marker named `marker`, every id
/// begun by `prefix`.
fn drawing(map: &ProcessMap, layout: &Layout, view: Band, marker: &str, prefix: &str) -> String {
    let marker = format!("{prefix}{marker}");
    let mut out = String::new();
    // The drawing's last page ends at its bottom rounded up, as the whole drawing does.
    let bottom = if view.y + view.h >= layout.height {
        layout.height.ceil()
    } else {
        view.y + view.h
    };
    let (w, top, h) = (layout.width.ceil(), fmt(view.y), fmt(bottom - view.y));
    let _ = writeln!(
        out,
        "<svg class=\"raciflow-map\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         viewBox=\"0 {top} {w} {h}\" width=\"{w}\" height=\"{h}\" font-size=\"{TEXT_SIZE}\" role=\"img\" aria-label=\"{}\">",
        escape(&map.name)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&map.name));
    let style = scoped("raciflow-map", STYLE);
    // The arrowhead is sized in the drawing's units, not the line's: a page that draws a
    // flow thicker (`conform`) keeps its arrowheads.
    let _ = writeln!(
        out,
        "<defs><style>{style}</style><marker id=\"{marker}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\">\
         <path class=\"marker\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
    );
    let lane_width = layout.width - 2.0 * layout.left;
    for (index, (band, title)) in layout.lanes.iter().zip(&layout.titles).enumerate() {
        let class = if index % 2 == 1 { "lane alt" } else { "lane" };
        let (x, y, bh, header) = (
            fmt(layout.left),
            fmt(band.y),
            fmt(band.h),
            fmt(layout.header),
        );
        let _ = write!(
            out,
            "<g class=\"swimlane\"><rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{bh}\"/>\
             <g class=\"head\"><rect x=\"{x}\" y=\"{y}\" width=\"{header}\" height=\"{bh}\"/>",
            fmt(lane_width)
        );
        // The title is set level, centred where it goes, and turned a quarter to the left
        // about its centre: its extent then is `title.rect`.
        let r = title.rect;
        let level = Rect {
            x: r.cx() - r.h / 2.0,
            y: r.cy() - r.w / 2.0,
            w: r.h,
            h: r.w,
        };
        let _ = write!(
            out,
            "<g transform=\"rotate(-90 {} {})\">",
            fmt(r.cx()),
            fmt(r.cy())
        );
        lines(&mut out, &title.lines, &level, Align::Centre, None);
        let _ = writeln!(out, "</g></g></g>");
    }
    // Each flow has the id `flow_K`, K its place in the map's edges from 1, so that a page
    // can mark it (`conform` shows how often each was taken).
    for (k, route) in layout.edges.iter().enumerate() {
        let points: Vec<String> = route
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", fmt(*x), fmt(*y)))
            .collect();
        let _ = writeln!(
            out,
            "<polyline class=\"flow\" id=\"{prefix}flow_{}\" points=\"{}\" marker-end=\"url(#{marker})\"/>",
            k + 1,
            points.join(" ")
        );
    }
    for label in layout.edges.iter().filter_map(|r| r.label.as_ref()) {
        lines(
            &mut out,
            &label.lines,
            &label.rect,
            Align::End,
            Some("label"),
        );
        out.push('\n');
    }
    for (index, node) in map.nodes.iter().enumerate() {
        let rect = layout.nodes[index];
        let text = layout.text[index].as_ref();
        match &node.kind {
            NodeKind::Task => {
                let _ = write!(out, "<g class=\"node\" id=\"{prefix}{}\">", node.id);
                box_with_text(&mut out, &rect, text, "task");
                let _ = writeln!(out, "</g>");
            }
            NodeKind::Subprocess { regulation, .. } => {
                // A map on a page of its own, away from the pack, links nowhere.
                let (open, close) = if regulation.is_empty() {
                    (
                        format!("<g class=\"node\" id=\"{prefix}{}\">", node.id),
                        "</g>",
                    )
                } else {
                    (
                        format!(
                            "<a class=\"node\" id=\"{prefix}{}\" href=\"../{}.html\" xlink:href=\"../{}.html\">",
                            node.id,
                            escape(regulation),
                            escape(regulation)
                        ),
                        "</a>",
                    )
                };
                out.push_str(&open);
                box_with_text(&mut out, &rect, text, "task sub");
                let (mx, my) = (rect.cx() - 7.0, rect.bottom() - 15.0);
                let _ = writeln!(
                    out,
                    "<rect class=\"task\" x=\"{}\" y=\"{}\" width=\"14\" height=\"14\"/>\
                     <path class=\"flow\" d=\"M{},{} h8 M{},{} v8\"/>{close}",
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
                    "<g class=\"node\" id=\"{prefix}{}\"><polygon class=\"gate\" points=\"{},{} {},{} {},{} {},{}\"/>",
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
                if let Some(question) = text {
                    lines(
                        &mut out,
                        &question.lines,
                        &question.rect,
                        Align::Centre,
                        Some("question"),
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
                    "<circle class=\"{class}\" id=\"{prefix}{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
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

/// `rules` as a style sheet that applies within the elements of class `root` only: an
/// SVG's `<style>` applies to the whole HTML page it is embedded in.
pub(super) fn scoped(root: &str, rules: &[&str]) -> String {
    rules.iter().map(|rule| format!(".{root} {rule}")).collect()
}

/// How lines sit in their box.
#[derive(Clone, Copy)]
pub(super) enum Align {
    Centre,
    End,
}

/// `text` as one `<text>` element per line, `LINE` apart from the top of `rect`.
pub(super) fn lines(
    out: &mut String,
    text: &[String],
    rect: &Rect,
    align: Align,
    class: Option<&str>,
) {
    let (x, anchor) = match align {
        Align::Centre => (rect.cx(), "middle"),
        Align::End => (rect.right(), "end"),
    };
    let class = class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
    for (k, line) in text.iter().enumerate() {
        let _ = write!(
            out,
            "<text{class} x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            fmt(x),
            fmt(rect.y + k as f64 * LINE + BASELINE),
            escape(line)
        );
    }
}

/// `rect` as a rounded box of `class` with `text` centred in its place.
pub(super) fn box_with_text(out: &mut String, rect: &Rect, text: Option<&Text>, class: &str) {
    let _ = write!(
        out,
        "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\"/>",
        fmt(rect.x),
        fmt(rect.y),
        fmt(rect.w),
        fmt(rect.h)
    );
    if let Some(text) = text {
        lines(out, &text.lines, &text.rect, Align::Centre, None);
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
