//! A layered layout with swimlanes, of our own: no layout crate handles lanes.
//!
//! Columns are layers of the flow (Sugiyama's first step: a longest-path layering of the
//! flow with its loops' back edges set aside); lanes are horizontal bands, one per role;
//! nodes of one lane and one layer stack in rows. Edges are routed orthogonally through
//! the empty gaps between columns and the empty channel above each row, so no edge ever
//! crosses a box: a box only ever sits where no channel runs.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use crate::diagram::map::{NodeKind, ProcessMap};
use crate::diagram::wrap::wrap;
use crate::graph::reverse_post_order;

/// Spacing of a layout, in pixels.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// The width of a lane's title strip on the left.
    pub lane_header: f64,
    /// The empty gap between two columns, where edges run vertically.
    pub gap: f64,
    /// The empty channel above each row, where edges run horizontally.
    pub channel: f64,
    /// Room below a row's boxes, at least.
    pub below: f64,
    /// The margin around everything.
    pub pad: f64,
}

impl Style {
    /// The spacing of the BPMN diagram: a pool's and a lane's title strip on the left.
    pub const BPMN: Style = Style {
        lane_header: 60.0,
        gap: 90.0,
        channel: 30.0,
        below: 40.0,
        pad: 12.0,
    };

    /// The spacing of the SVG map.
    pub const SVG: Style = Style {
        lane_header: 44.0,
        gap: 96.0,
        channel: 30.0,
        below: 22.0,
        pad: 12.0,
    };
}

/// The font size of box text.
pub const TEXT_SIZE: f64 = 12.0;
/// The font size of branch labels.
pub const LABEL_SIZE: f64 = 11.0;
/// The height of a task box: five lines of text.
const TASK_HEIGHT: f64 = 72.0;

/// A box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The horizontal centre.
    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// The vertical centre.
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// A branch label: lines of text right-aligned at `x`, the last line's baseline at `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Where the lines end.
    pub x: f64,
    /// The baseline of the last line.
    pub y: f64,
    /// The lines, top first.
    pub lines: Vec<String>,
    /// The width of the widest line.
    pub width: f64,
}

/// An edge's path: from the right side of its source to the left side of its target.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The corners, first and last on the boxes.
    pub points: Vec<(f64, f64)>,
    /// The branch's condition, where it has one.
    pub label: Option<Label>,
}

/// A lane's band.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// Top.
    pub y: f64,
    /// Height.
    pub h: f64,
}

/// Where everything of a map goes.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The whole drawing's width.
    pub width: f64,
    /// The whole drawing's height.
    pub height: f64,
    /// The left of the lanes (the pool's left edge).
    pub left: f64,
    /// Each lane's band, by lane.
    pub lanes: Vec<Band>,
    /// Each node's box, by node.
    pub nodes: Vec<Rect>,
    /// Each edge's path, by edge.
    pub edges: Vec<Route>,
    /// Each node's text, wrapped to its box (empty for events and gateways).
    pub text: Vec<Vec<String>>,
}

/// The size of a node's box.
pub fn size(kind: &NodeKind) -> (f64, f64) {
    match kind {
        NodeKind::Task | NodeKind::Subprocess { .. } => (168.0, TASK_HEIGHT),
        NodeKind::Decision => (56.0, 56.0),
        NodeKind::Parallel | NodeKind::Merge => (50.0, 50.0),
        NodeKind::Start | NodeKind::End => (36.0, 36.0),
    }
}

/// Lays out `map` with `style`. `below[n]` is the room node `n` needs under its box
/// (BPMN stacks a step's documents there); a row is as tall as its neediest node.
pub fn layout(map: &ProcessMap, style: &Style, below: &[f64]) -> Layout {
    let count = map.nodes.len();
    let rank = rank(map);
    let mut by_rank: Vec<usize> = (0..count).collect();
    by_rank.sort_by_key(|&n| rank[n]);
    // Longest-path layering over the forward edges; back edges (loops) are left out.
    let mut layer = vec![0usize; count];
    for &node in &by_rank {
        let from_predecessors = map
            .edges
            .iter()
            .filter(|e| e.to == node && rank[e.from] < rank[node])
            .map(|e| layer[e.from] + 1)
            .max();
        layer[node] = match from_predecessors {
            Some(l) => l,
            None if node == 0 => 0,
            None => 1,
        };
    }
    // Nodes of one lane and one layer stack in rows, in rank order.
    let mut cells: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for &node in &by_rank {
        cells
            .entry((map.nodes[node].lane, layer[node]))
            .or_default()
            .push(node);
    }
    let mut row = vec![0usize; count];
    let mut rows = vec![1usize; map.lanes.len().max(1)];
    for ((lane, _), nodes) in &cells {
        for (index, &node) in nodes.iter().enumerate() {
            row[node] = index;
        }
        rows[*lane] = rows[*lane].max(nodes.len());
    }
    let layers = layer.iter().max().map_or(1, |l| l + 1);
    let mut column_width = vec![36.0f64; layers];
    for node in 0..count {
        column_width[layer[node]] = column_width[layer[node]].max(size(&map.nodes[node].kind).0);
    }
    let left = style.pad;
    let mut column_x = Vec::with_capacity(layers);
    // Nothing enters the first column (the start), so it needs no gap before it.
    let mut x = left + style.lane_header + 24.0;
    for width in &column_width {
        column_x.push(x);
        x += width + style.gap;
    }
    let width = x + style.pad;
    // Each lane's rows, each as tall as the room its nodes need below their boxes.
    let mut row_heights: Vec<Vec<f64>> = rows
        .iter()
        .map(|&n| vec![style.channel + TASK_HEIGHT + style.below; n])
        .collect();
    for node in 0..count {
        let needed = style.channel + TASK_HEIGHT + below.get(node).copied().unwrap_or(0.0);
        let height = &mut row_heights[map.nodes[node].lane][row[node]];
        *height = height.max(needed);
    }
    let mut lanes = Vec::with_capacity(rows.len());
    let mut row_tops: Vec<Vec<f64>> = Vec::with_capacity(rows.len());
    let mut y = style.pad;
    for heights in &row_heights {
        let top = y;
        let mut tops = Vec::with_capacity(heights.len());
        for h in heights {
            tops.push(y);
            y += h;
        }
        row_tops.push(tops);
        lanes.push(Band { y: top, h: y - top });
    }
    let height = y + style.pad;
    let row_top = |node: usize| row_tops[map.nodes[node].lane][row[node]];
    let nodes: Vec<Rect> = (0..count)
        .map(|node| {
            let (w, h) = size(&map.nodes[node].kind);
            let centre_y = row_top(node) + style.channel + TASK_HEIGHT / 2.0;
            Rect {
                x: column_x[layer[node]] + (column_width[layer[node]] - w) / 2.0,
                y: centre_y - h / 2.0,
                w,
                h,
            }
        })
        .collect();
    let text = map
        .nodes
        .iter()
        .zip(&nodes)
        .map(|(node, rect)| match node.kind {
            NodeKind::Task | NodeKind::Subprocess { .. } => {
                wrap(&node.label, TEXT_SIZE, rect.w - 14.0, 5)
            }
            _ => Vec::new(),
        })
        .collect();
    // Tracks: each edge gets its own lane through a gap or a channel, so parallel
    // segments do not lie on top of each other.
    let gap_tracks = ((style.gap - 24.0) / 8.0).floor().max(1.0) as usize;
    let channel_tracks = ((style.channel - 10.0) / 6.0).floor().max(1.0) as usize;
    let mut used_gaps: BTreeMap<usize, usize> = BTreeMap::new();
    let mut used_channels: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    // The x of a fresh track in the gap before column `c` (the gap after the last column
    // is column `layers`).
    let mut gap_track = |c: usize| {
        let k = used_gaps.entry(c).or_insert(0);
        let track = *k % gap_tracks;
        *k += 1;
        let gap_left = if c == 0 {
            left + style.lane_header
        } else {
            column_x[c - 1] + column_width[c - 1]
        };
        gap_left + 12.0 + 8.0 * track as f64
    };
    let edges = map
        .edges
        .iter()
        .map(|edge| {
            let (u, v) = (nodes[edge.from], nodes[edge.to]);
            let (cu, cv) = (layer[edge.from], layer[edge.to]);
            let start = (u.right(), u.cy());
            let end = (v.x, v.cy());
            let same_row = map.nodes[edge.from].lane == map.nodes[edge.to].lane
                && row[edge.from] == row[edge.to];
            let points = if cv == cu + 1 && same_row {
                vec![start, end]
            } else if cv == cu + 1 {
                let x = gap_track(cv);
                vec![start, (x, start.1), (x, end.1), end]
            } else {
                let out = gap_track(cu + 1);
                let into = gap_track(cv);
                let key = (map.nodes[edge.to].lane, row[edge.to]);
                let k = used_channels.entry(key).or_insert(0);
                let channel = row_top(edge.to) + 6.0 + 6.0 * (*k % channel_tracks) as f64;
                *k += 1;
                vec![
                    start,
                    (out, start.1),
                    (out, channel),
                    (into, channel),
                    (into, end.1),
                    end,
                ]
            };
            let label = edge.label.as_ref().map(|text| {
                let lines = wrap(text, LABEL_SIZE, style.gap - 20.0, 3);
                let width = lines
                    .iter()
                    .map(|l| crate::diagram::wrap::width(l, LABEL_SIZE))
                    .fold(0.0, f64::max);
                Label {
                    x: end.0 - 6.0,
                    y: end.1 - 5.0,
                    lines,
                    width,
                }
            });
            Route {
                points: dedup(points),
                label,
            }
        })
        .collect();
    Layout {
        width,
        height,
        left,
        lanes,
        nodes,
        edges,
        text,
    }
}

/// Each node's position in a reverse post-order of the flow from the start, branches in
/// the order written; nodes the start does not reach come last, in map order.
fn rank(map: &ProcessMap) -> Vec<usize> {
    let count = map.nodes.len();
    let mut order: Vec<usize> = if count > 0 {
        reverse_post_order(&map.graph(), NodeIndex::new(0))
            .into_iter()
            .map(NodeIndex::index)
            .collect()
    } else {
        Vec::new()
    };
    let mut seen = vec![false; count];
    for &node in &order {
        seen[node] = true;
    }
    order.extend((0..count).filter(|&n| !seen[n]));
    let mut rank = vec![0; count];
    for (position, &node) in order.iter().enumerate() {
        rank[node] = position;
    }
    rank
}

fn dedup(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for point in points {
        if out.last() != Some(&point) {
            out.push(point);
        }
    }
    out
}
