//! Edge routing on tracks, decided before anything is placed: an edge's path depends only
//! on the columns and rows of its ends, and the number of tracks each gap and channel
//! needs then sizes the gap or channel. Edges share a track in a gap only when they leave
//! one node there (a decision's branches) or enter one node there (a merge): their
//! segments then meet as a fork or a join; the segments of any other two edges never lie
//! on top of each other, however many share a gap. A reader follows one line out of a
//! decision to its branches' labels, rather than telling apart lines 8 px apart.

use std::collections::BTreeMap;

/// Where an edge's ends sit in the grid of columns, lanes and rows.
#[derive(Clone, Copy, Debug)]
pub struct Ends {
    /// The source node.
    pub from: usize,
    /// The target node.
    pub to: usize,
    /// The source's column.
    pub from_column: usize,
    /// The target's column.
    pub to_column: usize,
    /// The source's lane and row.
    pub from_row: (usize, usize),
    /// Whether source and target share a lane and a row.
    pub same_row: bool,
    /// Whether no box stands in that row in the columns between them: an edge forward
    /// runs straight across them.
    pub clear: bool,
    /// The target's lane and row.
    pub to_row: (usize, usize),
}

/// How an edge runs from the right side of its source to the left side of its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// Straight along its row to the target: the next column's, or one further on with
    /// no box in the row between.
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

/// Whose a vertical run in a gap is: one node's branches share their run, as do the
/// edges into one node; any other edge has a run of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    /// The branches out of a node that leave it through this gap.
    Out(usize),
    /// The edges into a node that enter it through this gap.
    Into(usize),
    /// One edge.
    Edge(usize),
}

/// A gap's vertical runs, by owner, in the order the owners first come, with the rows
/// (lane, row) where each takes edges out of the column before the gap and into the
/// column after it.
#[derive(Default)]
struct Gap {
    owners: Vec<Owner>,
    /// The rows where a run takes an edge out of the column before the gap.
    exits: Vec<Vec<(usize, usize)>>,
    /// The rows where a run brings an edge into the column after the gap.
    entries: Vec<Vec<(usize, usize)>>,
}

impl Gap {
    /// The run of `owner`, opened if it has none, with a row it leaves and one it enters.
    fn run(
        &mut self,
        owner: Owner,
        exit: Option<(usize, usize)>,
        entry: Option<(usize, usize)>,
    ) -> usize {
        let run = match self.owners.iter().position(|o| *o == owner) {
            Some(run) => run,
            None => {
                self.owners.push(owner);
                self.exits.push(Vec::new());
                self.entries.push(Vec::new());
                self.owners.len() - 1
            }
        };
        self.exits[run].extend(exit);
        self.entries[run].extend(entry);
        run
    }

    /// Each run's track, left to right. A run leaving row r runs left of any run entering
    /// row r, or the segment out of the box before the gap would lie on the segment into
    /// the box after it. Runs keep their order otherwise; where two runs each need the
    /// other on their left (two edges that cross), the first comes first.
    fn tracks(&self) -> Vec<usize> {
        let count = self.owners.len();
        let before = |a: usize, b: usize| {
            a != b && self.exits[a].iter().any(|r| self.entries[b].contains(r))
        };
        let mut placed = vec![false; count];
        let mut track = vec![0; count];
        for position in 0..count {
            let free = |run: &usize| (0..count).all(|a| placed[a] || !before(a, *run));
            let next = (0..count)
                .filter(|run| !placed[*run])
                .find(free)
                .or_else(|| (0..count).find(|run| !placed[*run]))
                .unwrap_or(position);
            placed[next] = true;
            track[next] = position;
        }
        track
    }
}

/// The paths of edges with `ends` between `columns` columns.
pub fn route(ends: &[Ends], columns: usize) -> Routing {
    // Which edges leave a node, and which enter one, through each gap: an edge turning
    // into the next column does both in the gap before its target.
    let turns = |e: &Ends| e.to_column == e.from_column + 1 && !e.same_row;
    let across = |e: &Ends| e.same_row && e.clear && e.to_column > e.from_column;
    let around = |e: &Ends| e.to_column != e.from_column + 1 && !across(e);
    let mut leaving: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut entering: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for e in ends {
        if turns(e) || around(e) {
            *leaving.entry((e.from_column + 1, e.from)).or_default() += 1;
            *entering.entry((e.to_column, e.to)).or_default() += 1;
        }
    }
    let out_owner = |index: usize, e: &Ends| {
        if leaving[&(e.from_column + 1, e.from)] > 1 {
            Owner::Out(e.from)
        } else {
            Owner::Edge(index)
        }
    };
    let into_owner = |index: usize, e: &Ends| {
        if entering[&(e.to_column, e.to)] > 1 {
            Owner::Into(e.to)
        } else {
            Owner::Edge(index)
        }
    };
    // Runs first, numbered as they come; then each gap orders its runs into tracks.
    let mut gaps: Vec<Gap> = (0..=columns).map(|_| Gap::default()).collect();
    // A channel's tracks by owner: edges around into one node run on from one track.
    let mut channels: BTreeMap<(usize, usize), Vec<Owner>> = BTreeMap::new();
    let runs: Vec<Path> = ends
        .iter()
        .enumerate()
        .map(|(index, e)| {
            if turns(e) {
                // A branch shares its source's run; failing that, a merge its target's.
                let owner = match out_owner(index, e) {
                    Owner::Edge(_) => into_owner(index, e),
                    out => out,
                };
                Path::Turn(gaps[e.to_column].run(owner, Some(e.from_row), Some(e.to_row)))
            } else if around(e) {
                let owners = channels.entry(e.to_row).or_default();
                let owner = into_owner(index, e);
                let channel = owners.iter().position(|o| *o == owner).unwrap_or_else(|| {
                    owners.push(owner);
                    owners.len() - 1
                });
                Path::Around {
                    out: gaps[e.from_column + 1].run(out_owner(index, e), Some(e.from_row), None),
                    channel,
                    into: gaps[e.to_column].run(into_owner(index, e), None, Some(e.to_row)),
                }
            } else {
                Path::Straight
            }
        })
        .collect();
    let tracks: Vec<Vec<usize>> = gaps.iter().map(Gap::tracks).collect();
    let paths = ends
        .iter()
        .zip(runs)
        .map(|(e, path)| match path {
            Path::Turn(run) => Path::Turn(tracks[e.to_column][run]),
            Path::Around { out, channel, into } => Path::Around {
                out: tracks[e.from_column + 1][out],
                channel,
                into: tracks[e.to_column][into],
            },
            Path::Straight => Path::Straight,
        })
        .collect();
    Routing {
        paths,
        gaps: gaps.iter().map(|g| g.owners.len()).collect(),
        channels: channels
            .into_iter()
            .map(|(row, owners)| (row, owners.len()))
            .collect(),
    }
}
