//! The SVG map on paper. Printed, a map gets landscape A4 pages of its own and is scaled
//! to fit their width; a long process drawn with roomy boxes then prints its text too
//! small to read. So the map's task boxes narrow, their names wrapping onto more lines,
//! until the printed text is readable; and a map too tall for one page at that size is
//! cut between its lanes onto as many pages as it needs.

use crate::diagram::layout::{Band, Layout, Style, TEXT_SIZE, layout};
use crate::diagram::map::ProcessMap;

/// The room a map gets on an A4 landscape page with 7 mm margins, in millimetres: the
/// whole width, the height less a line for the appendix's title above it. The HTML print
/// style and the Word map pages give a map this box.
pub const PAGE: (f64, f64) = (283.0, 188.0);
/// The smallest printed text that reads comfortably, in points.
pub const READABLE: f64 = 7.0;
/// The narrowest task box tried: about twelve letters a line.
const NARROWEST: f64 = 96.0;
/// How much narrower each try's task boxes are.
const STEP: f64 = 8.0;

/// The points a drawing unit prints at when `width` × `height` units are scaled to fit
/// `PAGE`.
fn points_per_unit(width: f64, height: f64) -> f64 {
    (PAGE.0 / width).min(PAGE.1 / height) * 72.0 / 25.4
}

/// The parts of `placed` that print on a page each, top to bottom, as the drawing's
/// vertical extents: the whole drawing when it prints readably on one page or when its
/// width alone makes its text too small (cutting would not help), else its lanes
/// gathered onto as few pages as hold them at the width's scale, shared out as evenly as
/// they go (not a full page and a lone lane). A lane taller than a page is a page of its
/// own, scaled down to fit.
pub fn pages(placed: &Layout) -> Vec<Band> {
    let whole = Band {
        y: 0.0,
        h: placed.height,
    };
    let across = PAGE.0 / placed.width * 72.0 / 25.4;
    if TEXT_SIZE * points_per_unit(placed.width, placed.height) >= READABLE
        || TEXT_SIZE * across < READABLE
        || placed.lanes.len() < 2
    {
        return vec![whole];
    }
    // Where the drawing may be cut: between lanes. The first page starts at the drawing's
    // top margin, the last ends at its bottom.
    let mut edges = vec![0.0];
    edges.extend(placed.lanes.iter().skip(1).map(|lane| lane.y));
    edges.push(placed.height);
    // The height a page holds at the width's scale, in drawing units.
    let room = PAGE.1 / (PAGE.0 / placed.width);
    let fewest = filled(&edges, room).len();
    // The lowest page height that still needs no more pages: every page height is the
    // distance between two edges.
    let mut heights: Vec<f64> = edges
        .iter()
        .enumerate()
        .flat_map(|(i, top)| edges[i + 1..].iter().map(move |bottom| bottom - top))
        .filter(|&h| h <= room)
        .collect();
    heights.sort_by(f64::total_cmp);
    heights
        .into_iter()
        .map(|limit| filled(&edges, limit))
        .find(|pages| pages.len() <= fewest)
        .unwrap_or_else(|| filled(&edges, room))
}

/// The drawing from `edges[0]` to its last edge cut at `edges`, each page taking as many
/// parts as keep it within `limit` (at least one).
fn filled(edges: &[f64], limit: f64) -> Vec<Band> {
    let mut pages = Vec::new();
    let mut top = edges[0];
    for pair in edges.windows(2) {
        let (cut, bottom) = (pair[0], pair[1]);
        if bottom - top > limit && cut > top {
            pages.push(Band {
                y: top,
                h: cut - top,
            });
            top = cut;
        }
    }
    if let Some(&bottom) = edges.last() {
        pages.push(Band {
            y: top,
            h: bottom - top,
        });
    }
    pages
}

/// The size in points at which the text of `placed` prints, each of its pages scaled to
/// fit `PAGE`: the smallest of its pages'.
pub fn printed_size(placed: &Layout) -> f64 {
    pages(placed)
        .iter()
        .map(|page| TEXT_SIZE * points_per_unit(placed.width, page.h))
        .fold(f64::INFINITY, f64::min)
}

/// The SVG layout of `map`: with the widest task boxes whose drawing prints its text at
/// least `READABLE`, or, when even the narrowest do not, with those that print it largest.
pub fn fitted(map: &ProcessMap) -> Layout {
    let at = |task: f64| {
        let placed = layout(map, &Style { task, ..Style::SVG }, &[]);
        (printed_size(&placed), placed)
    };
    let mut best = at(Style::SVG.task);
    let mut task = Style::SVG.task - STEP;
    // Until one prints readably, each try is the best yet if its text prints larger.
    while best.0 < READABLE && task >= NARROWEST {
        let next = at(task);
        if next.0 > best.0 {
            best = next;
        }
        task -= STEP;
    }
    best.1
}
