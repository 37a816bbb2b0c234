//! The SVG map on paper. Printed, a map gets a landscape A4 page of its own and is scaled
//! to fit it; a long process drawn with roomy boxes then prints its text too small to
//! read. So the map's task boxes narrow, their names wrapping onto more lines, until the
//! printed text is readable.

use crate::diagram::layout::{Layout, Style, TEXT_SIZE, layout};
use crate::diagram::map::ProcessMap;

/// The printable area of an A4 landscape page with 10 mm margins, in millimetres.
pub const PAGE: (f64, f64) = (277.0, 190.0);
/// The smallest printed text that reads comfortably, in points.
pub const READABLE: f64 = 7.0;
/// The narrowest task box tried: about twelve letters a line.
const NARROWEST: f64 = 96.0;
/// How much narrower each try's task boxes are.
const STEP: f64 = 8.0;

/// The size in points at which the text of `placed` prints when the drawing is scaled to
/// fit `PAGE`.
pub fn printed_size(placed: &Layout) -> f64 {
    let mm_per_px = (PAGE.0 / placed.width).min(PAGE.1 / placed.height);
    TEXT_SIZE * mm_per_px * 72.0 / 25.4
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
