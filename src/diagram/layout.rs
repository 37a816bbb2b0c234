//! A layered layout with swimlanes, of our own: no layout crate handles lanes.
//!
//! Columns are layers of the flow (Sugiyama's first step: a longest-path layering of the
//! flow with its loops' back edges set aside); lanes are horizontal bands, one per role;
//! nodes of one lane and one layer stack in rows. Edges are routed orthogonally on tracks
//! through the gaps between columns and the channel above each row, so no edge ever
//! crosses a box: a box only ever sits where no track runs.
//!
//! Text is wrapped first and everything is then sized around it: a box is as tall as its
//! name, a column as wide as a decision's question under it, a gap as wide as its tracks
//! and the branch labels standing right of them, a lane as tall as its title. So no text
//! leaves its place and no edge crosses text.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use crate::diagram::map::{NodeKind, ProcessMap};
use crate::diagram::route::{Ends, Path, route};
use crate::diagram::wrap::{BOLD, widest, wrap};
use crate::graph::reverse_post_order;

/// Spacing of a layout, in pixels.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// The least width of the lanes' title strip on the left; long titles widen it.
    pub lane_header: f64,
    /// The least gap between two columns, where edges run vertically.
    pub gap: f64,
    /// The least channel above each row, where edges run horizontally.
    pub channel: f64,
    /// Room below a row's boxes, at least.
    pub below: f64,
    /// The margin around everything.
    pub pad: f64,
    /// The width of a task box, to which its name wraps (a longer word widens the box).
    pub task: f64,
}

impl Style {
    /// The spacing of the BPMN diagram: a pool's and a lane's title strip on the left.
    pub const BPMN: Style = Style {
        lane_header: 60.0,
        gap: 90.0,
        channel: 30.0,
        below: 40.0,
        pad: 12.0,
        task: 168.0,
    };

    /// The spacing of the SVG map: tight, so that a long process still prints readably
    /// on one page; `page::fitted` narrows the task boxes as far as that takes.
    pub const SVG: Style = Style {
        lane_header: 36.0,
        gap: 26.0,
        channel: 18.0,
        below: 12.0,
        pad: 8.0,
        task: 160.0,
    };
}

/// The font size of all text of the map: one size, so none prints smaller than the rest.
pub const TEXT_SIZE: f64 = 12.0;
/// The distance between the baselines of two lines of text.
pub const LINE: f64 = 15.0;
/// How far a line's baseline sits below the top of its line: DejaVu Sans rises 0.93 em
/// above it and falls 0.24 em below, centred in the line.
pub const BASELINE: f64 = 11.6;
/// Room between a box's border and its text, across and down.
pub(super) const INSET: (f64, f64) = (5.0, 6.0);
/// The least height of a task box: three lines of text.
const TASK_HEIGHT: f64 = 60.0;
/// Room at the foot of a subprocess box for its marker.
const MARKER: f64 = 16.0;
/// The width a branch label wraps to.
const LABEL_WIDTH: f64 = 80.0;
/// The least length a lane's title wraps to: a short lane grows taller rather than its
/// title strip wider, as a map runs out of width long before it runs out of height.
const TITLE_WIDTH: f64 = 200.0;
/// Where the first track of a gap runs, from the gap's left; and the distance between
/// two tracks of a gap.
const TRACK: (f64, f64) = (10.0, 8.0);
/// Where the first track of a channel runs, from the row's top; and the distance between
/// two tracks of a channel.
const CHANNEL_TRACK: (f64, f64) = (6.0, 6.0);
/// The last segment's least length, so its arrowhead shows.
const ARROW: f64 = 16.0;
/// The space between a label or caption and the line or shape it belongs to.
const SPACE: f64 = 4.0;

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

/// Lines of text and the box they take: `LINE` apart, the first line's top at the box's
/// top, each line no wider than the box by the estimate of `wrap`.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The lines, top first.
    pub lines: Vec<String>,
    /// Where they go.
    pub rect: Rect,
}

/// An edge's path: from the right side of its source to the left side of its target.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The corners, first and last on the boxes.
    pub points: Vec<(f64, f64)>,
    /// The branch's condition, where it has one: right-aligned above the last segment.
    pub label: Option<Text>,
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
    /// The width of the lanes' title strip.
    pub header: f64,
    /// Each lane's band, by lane.
    pub lanes: Vec<Band>,
    /// Each lane's title, by lane: `rect` is the room it takes in the title strip, where
    /// it is drawn turned a quarter to the left, so its lines run up the strip.
    pub titles: Vec<Text>,
    /// Each node's box, by node.
    pub nodes: Vec<Rect>,
    /// Each edge's path, by edge.
    pub edges: Vec<Route>,
    /// Each node's text: a task's name inside its box, a decision's question under it;
    /// `None` for events and gateways.
    pub text: Vec<Option<Text>>,
}

/// A row of a lane: from the top, the channel where edges run across, the body where
/// the boxes sit on its centre line, and room below them.
struct Row {
    top: f64,
    channel: f64,
    body: f64,
    under: f64,
}

impl Row {
    fn height(&self) -> f64 {
        self.channel + self.body + self.under
    }

    /// Where the boxes' centres are, and edges run straight from box to box.
    fn centre(&self) -> f64 {
        self.top + self.channel + self.body / 2.0
    }
}

/// The size of a node's box with its name in `lines`, a task's `task` wide unless a long
/// word needs more.
fn size(kind: &NodeKind, lines: &[String], task: f64) -> (f64, f64) {
    let text = (
        widest(lines, TEXT_SIZE) + 2.0 * INSET.0,
        lines.len() as f64 * LINE + 2.0 * INSET.1,
    );
    match kind {
        NodeKind::Task => (text.0.max(task), text.1.max(TASK_HEIGHT)),
        NodeKind::Subprocess { .. } => (text.0.max(task), (text.1 + MARKER).max(TASK_HEIGHT)),
        NodeKind::Decision => (56.0, 56.0),
        NodeKind::Parallel | NodeKind::Merge => (50.0, 50.0),
        NodeKind::Start | NodeKind::End => (36.0, 36.0),
    }
}

/// Lays out `map` with `style`. `below[n]` is the room node `n` needs under its box
/// (BPMN stacks a step's documents there); a row is as tall as its neediest node.
pub fn layout(map: &ProcessMap, style: &Style, below: &[f64]) -> Layout {
    let count = map.nodes.len();
    let order = order(map);
    let layer = layers(map, &order);
    let (row, rows) = rows(map, &order, &layer);
    let columns = layer.iter().max().map_or(1, |l| l + 1);
    let lane_row = |node: usize| (map.nodes[node].lane, row[node]);
    // Text first: every size follows from it.
    let words: Vec<Vec<String>> = map
        .nodes
        .iter()
        .map(|node| match node.kind {
            NodeKind::Task | NodeKind::Subprocess { .. } | NodeKind::Decision => {
                wrap(&node.label, TEXT_SIZE, style.task - 2.0 * INSET.0)
            }
            _ => Vec::new(),
        })
        .collect();
    // The room each node takes in its column and row: its box, and a question's width.
    let mut extent: Vec<(f64, f64)> = Vec::with_capacity(count);
    // The room each node needs below its box: BPMN's documents, a decision's question.
    let mut room: Vec<f64> = Vec::with_capacity(count);
    for (node, lines) in map.nodes.iter().zip(&words) {
        let (w, h) = size(&node.kind, lines, style.task);
        let question = node.kind == NodeKind::Decision && !lines.is_empty();
        let caption = if question {
            widest(lines, TEXT_SIZE)
        } else {
            0.0
        };
        extent.push((w.max(caption), h));
        let needed = below.get(room.len()).copied().unwrap_or(0.0);
        room.push(if question {
            needed.max(2.0 * SPACE + lines.len() as f64 * LINE)
        } else {
            needed
        });
    }
    let mut column_width = vec![36.0f64; columns];
    for node in 0..count {
        let width = &mut column_width[layer[node]];
        *width = width.max(extent[node].0);
    }
    let routing = route(
        &map.edges
            .iter()
            .map(|e| Ends {
                from: e.from,
                to: e.to,
                from_column: layer[e.from],
                to_column: layer[e.to],
                from_row: lane_row(e.from),
                same_row: lane_row(e.from) == lane_row(e.to),
                clear: !(0..count).any(|node| {
                    lane_row(node) == lane_row(e.to)
                        && layer[node] > layer[e.from]
                        && layer[node] < layer[e.to]
                }),
                to_row: lane_row(e.to),
            })
            .collect::<Vec<_>>(),
        columns,
    );
    // Branch labels stand right of the tracks in the gap before their target, stacked
    // upwards from the last segment when several enter one node.
    let labels: Vec<Option<Vec<String>>> = map
        .edges
        .iter()
        .map(|e| e.label.as_ref().map(|l| wrap(l, TEXT_SIZE, LABEL_WIDTH)))
        .collect();
    let mut label_width = vec![0.0f64; columns + 1];
    let mut label_height = vec![0.0f64; count];
    for (edge, lines) in map.edges.iter().zip(&labels) {
        if let Some(lines) = lines {
            let width = &mut label_width[layer[edge.to]];
            *width = width.max(widest(lines, TEXT_SIZE));
            label_height[edge.to] += lines.len() as f64 * LINE;
        }
    }
    let gap: Vec<f64> = (0..=columns)
        .map(|c| {
            let tracks = routing.gaps[c];
            let tracks_width = if tracks == 0 {
                0.0
            } else {
                TRACK.0 + TRACK.1 * (tracks - 1) as f64
            };
            if c == 0 {
                // Only the start is in the first column, and nothing enters it.
                TRACK.0
            } else if c == columns {
                // Only loops out of the last column run here.
                if tracks == 0 {
                    0.0
                } else {
                    tracks_width + TRACK.0
                }
            } else {
                style
                    .gap
                    .max(tracks_width + ARROW.max(label_width[c] + 2.0 * SPACE + 4.0))
            }
        })
        .collect();
    // Rows: a channel with room for its tracks, a body as tall as the row's tallest box
    // and its labels above the centre line, room below for what stands under the boxes.
    let mut grid: Vec<Vec<Row>> = rows
        .iter()
        .enumerate()
        .map(|(lane, &n)| {
            (0..n)
                .map(|r| {
                    let tracks = routing.channels.get(&(lane, r)).copied().unwrap_or(0);
                    Row {
                        top: 0.0,
                        channel: style
                            .channel
                            .max(CHANNEL_TRACK.0 + CHANNEL_TRACK.1 * tracks as f64 + 2.0),
                        body: 0.0,
                        under: style.below,
                    }
                })
                .collect()
        })
        .collect();
    for node in 0..count {
        let (lane, r) = lane_row(node);
        let row = &mut grid[lane][r];
        row.body = row
            .body
            .max(extent[node].1)
            .max(2.0 * (label_height[node] + SPACE));
    }
    for node in 0..count {
        let (lane, r) = lane_row(node);
        let row = &mut grid[lane][r];
        row.under = row
            .under
            .max(room[node] - (row.body - extent[node].1) / 2.0);
    }
    // Lanes: a title wraps to its lane's height and the lane grows to fit the title, the
    // last row taking the extra height below its boxes.
    let title_size = TEXT_SIZE * BOLD;
    let titles: Vec<Vec<String>> = map
        .lanes
        .iter()
        .zip(&mut grid)
        .map(|(lane, rows)| {
            let height: f64 = rows.iter().map(Row::height).sum();
            let lines = wrap(
                &lane.name,
                title_size,
                (height - 2.0 * INSET.0).max(TITLE_WIDTH),
            );
            let needed = widest(&lines, title_size) + 2.0 * INSET.0;
            if let Some(last) = rows.last_mut() {
                last.under += (needed - height).max(0.0);
            }
            lines
        })
        .collect();
    let header = titles
        .iter()
        .map(|lines| lines.len() as f64 * LINE + 2.0 * INSET.1)
        .fold(style.lane_header, f64::max);
    // Positions.
    let left = style.pad;
    let mut column_x = Vec::with_capacity(columns);
    let mut x = left + header;
    for c in 0..columns {
        x += gap[c];
        column_x.push(x);
        x += column_width[c];
    }
    let width = x + gap[columns] + style.pad;
    let gap_left = |c: usize| {
        if c == 0 {
            left + header
        } else {
            column_x[c - 1] + column_width[c - 1]
        }
    };
    let track_x = |c: usize, k: usize| gap_left(c) + TRACK.0 + TRACK.1 * k as f64;
    let mut lanes = Vec::with_capacity(grid.len());
    let mut y = style.pad;
    for rows in &mut grid {
        let top = y;
        for row in rows {
            row.top = y;
            y += row.height();
        }
        lanes.push(Band { y: top, h: y - top });
    }
    let height = y + style.pad;
    let row_of = |node: usize| {
        let (lane, r) = lane_row(node);
        &grid[lane][r]
    };
    let nodes: Vec<Rect> = (0..count)
        .map(|node| {
            let (w, h) = size(&map.nodes[node].kind, &words[node], style.task);
            let c = layer[node];
            Rect {
                x: column_x[c] + (column_width[c] - w) / 2.0,
                y: row_of(node).centre() - h / 2.0,
                w,
                h,
            }
        })
        .collect();
    let text = map
        .nodes
        .iter()
        .zip(&words)
        .zip(&nodes)
        .map(|((node, lines), rect)| {
            let (w, h) = (widest(lines, TEXT_SIZE), lines.len() as f64 * LINE);
            let y = match node.kind {
                NodeKind::Task => rect.cy() - h / 2.0,
                NodeKind::Subprocess { .. } => rect.cy() - (h + MARKER) / 2.0,
                NodeKind::Decision => rect.bottom() + SPACE,
                _ => return None,
            };
            (!lines.is_empty()).then(|| Text {
                lines: lines.clone(),
                rect: Rect {
                    x: rect.cx() - w / 2.0,
                    y,
                    w,
                    h,
                },
            })
        })
        .collect();
    let mut stacked = vec![0.0f64; count];
    let edges = map
        .edges
        .iter()
        .zip(&routing.paths)
        .zip(labels)
        .map(|((edge, path), label)| {
            let (u, v) = (nodes[edge.from], nodes[edge.to]);
            let start = (u.right(), u.cy());
            let end = (v.x, v.cy());
            let points = match *path {
                Path::Straight => vec![start, end],
                Path::Turn(k) => {
                    let x = track_x(layer[edge.to], k);
                    vec![start, (x, start.1), (x, end.1), end]
                }
                Path::Around { out, channel, into } => {
                    let out = track_x(layer[edge.from] + 1, out);
                    let into = track_x(layer[edge.to], into);
                    let y =
                        row_of(edge.to).top + CHANNEL_TRACK.0 + CHANNEL_TRACK.1 * channel as f64;
                    vec![
                        start,
                        (out, start.1),
                        (out, y),
                        (into, y),
                        (into, end.1),
                        end,
                    ]
                }
            };
            let label = label.map(|lines| {
                let (w, h) = (widest(&lines, TEXT_SIZE), lines.len() as f64 * LINE);
                let bottom = end.1 - SPACE - stacked[edge.to];
                stacked[edge.to] += h;
                Text {
                    lines,
                    rect: Rect {
                        x: end.0 - SPACE - 2.0 - w,
                        y: bottom - h,
                        w,
                        h,
                    },
                }
            });
            Route {
                points: dedup(points),
                label,
            }
        })
        .collect();
    let titles = titles
        .into_iter()
        .zip(&lanes)
        .map(|(lines, band)| {
            let (w, h) = (lines.len() as f64 * LINE, widest(&lines, title_size));
            Text {
                lines,
                rect: Rect {
                    x: left + (header - w) / 2.0,
                    y: band.y + (band.h - h) / 2.0,
                    w,
                    h,
                },
            }
        })
        .collect();
    Layout {
        width,
        height,
        left,
        header,
        lanes,
        titles,
        nodes,
        edges,
        text,
    }
}

/// Each node's column: a longest-path layering over the forward edges (those going on in
/// `order`), back edges (loops) left out. Only the start is in the first column.
fn layers(map: &ProcessMap, order: &[usize]) -> Vec<usize> {
    let mut rank = vec![0; order.len()];
    for (position, &node) in order.iter().enumerate() {
        rank[node] = position;
    }
    let mut layer = vec![0usize; map.nodes.len()];
    for &node in order {
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
    layer
}

/// Each node's row within its lane and layer, nodes of one lane and one layer stacking in
/// `order`; and each lane's number of rows.
fn rows(map: &ProcessMap, order: &[usize], layer: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut cells: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for &node in order {
        cells
            .entry((map.nodes[node].lane, layer[node]))
            .or_default()
            .push(node);
    }
    let mut row = vec![0usize; map.nodes.len()];
    let mut rows = vec![1usize; map.lanes.len().max(1)];
    for ((lane, _), nodes) in &cells {
        for (index, &node) in nodes.iter().enumerate() {
            row[node] = index;
        }
        rows[*lane] = rows[*lane].max(nodes.len());
    }
    (row, rows)
}

/// The nodes in a reverse post-order of the flow from the start, branches in the order
/// written; nodes the start does not reach come last, in map order.
fn order(map: &ProcessMap) -> Vec<usize> {
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
    order
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
