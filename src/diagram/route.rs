//! Edge routing on tracks, decided before anything is placed: an edge's path depends only
//! on the columns and rows of its ends, and the number of tracks each gap and channel
//! needs then sizes the gap or channel, so parallel segments never lie on top of each
//! other however many edges share a gap.

use std::collections::BTreeMap;

/// Where an edge's ends sit in the grid of columns, lanes and rows.
#[derive(Clone, Copy, Debug)]
pub struct Ends {
    /// The source's column.
    pub from_column: usize,
    /// The target's column.
    pub to_column: usize,
    /// Whether source and target share a lane and a row.
    pub same_row: bool,
    /// The target's lane and row.
    pub to_row: (usize, usize),
}

/// How an edge runs from the right side of its source to the left side of its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// Straight across the gap to the next column, in one row.
    Straight,
    /// Along track `k` of the gap before the target's column, up or down to its row.
    Turn(usize),
    /// Out along a track of the gap after the source's column, along a track of the
    /// channel above the target's row, in along a track of the gap before the target's
    /// column: a loop back, or a jump over columns whose boxes are in the way.
    Around {
        /// The track in the gap after the source's column.
        out: usize,
        /// The track in the channel above the target's row.
        channel: usize,
        /// The track in the gap before the target's column.
        into: usize,
    },
}

/// The edges' paths and how many tracks each gap (the gap before column `c` is `c`, the
/// one after the last column is the number of columns) and each channel (by lane and
/// row) uses.
pub struct Routing {
    /// Each edge's path, by edge.
    pub paths: Vec<Path>,
    /// The tracks used in each gap.
    pub gaps: Vec<usize>,
    /// The tracks used in the channel above each row, by lane and row.
    pub channels: BTreeMap<(usize, usize), usize>,
}

/// The paths of edges with `ends` between `columns` columns.
pub fn route(ends: &[Ends], columns: usize) -> Routing {
    let mut gaps = vec![0usize; columns + 1];
    let mut channels: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let take = |count: &mut usize| {
        *count += 1;
        *count - 1
    };
    let paths = ends
        .iter()
        .map(|e| {
            if e.to_column == e.from_column + 1 && e.same_row {
                Path::Straight
            } else if e.to_column == e.from_column + 1 {
                Path::Turn(take(&mut gaps[e.to_column]))
            } else {
                Path::Around {
                    out: take(&mut gaps[e.from_column + 1]),
                    channel: take(channels.entry(e.to_row).or_insert(0)),
                    into: take(&mut gaps[e.to_column]),
                }
            }
        })
        .collect();
    Routing {
        paths,
        gaps,
        channels,
    }
}
