//! Token-based replay (Rozinat and van der Aalst, 2008, as pm4py implements it): a case's
//! steps are fired on the process's net in the order they happened. A step whose input
//! places lack a token gets the missing ones added and counted; the silent transitions (a
//! decision's branches, a step the log never records) are fired where they enable the next
//! step. At the end the token in the sink is consumed, and every token left is counted.
//! A case's fitness is `½(1 − missing/consumed) + ½(1 − remaining/produced)`.

use std::collections::{HashSet, VecDeque};

use crate::conform::net::Net;

/// The most markings the search for silent moves visits before it gives up (the step then
/// gets the tokens it lacks, as a deviation).
const MAX_MARKINGS: usize = 512;

/// What replaying one case found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replayed {
    /// Tokens produced, the start's included.
    pub produced: u64,
    /// Tokens consumed, the end's included.
    pub consumed: u64,
    /// Tokens that were missing and added.
    pub missing: u64,
    /// Tokens left at the end.
    pub remaining: u64,
    /// The steps that ran without a token from a step before them: the place in the
    /// case's steps, and the steps that would have put it there (a step run again is not
    /// among them: see `again`).
    pub early: Vec<(usize, Vec<usize>)>,
    /// The places in the case's steps where a step ran again without a token: the flow
    /// did not lead back to it.
    pub again: Vec<usize>,
    /// The steps that were due and never ran, a list for each token left: one of them
    /// was due (several after a decision, one of whose branches was to follow).
    pub undone: Vec<Vec<usize>>,
    /// Whether the case reached the process's end.
    pub ended: bool,
}

/// The fitness of token counts: of one case, or summed over a log.
pub fn fitness(produced: u64, consumed: u64, missing: u64, remaining: u64) -> f64 {
    let part = |bad: u64, all: u64| {
        if all == 0 {
            1.0
        } else {
            1.0 - bad as f64 / all as f64
        }
    };
    0.5 * part(missing, consumed) + 0.5 * part(remaining, produced)
}

/// Replays the steps `steps`, in order, on `net` (made for the steps the log records).
pub fn replay(net: &Net, steps: &[usize]) -> Replayed {
    let mut marking = vec![0u32; net.places];
    marking[net.source] = 1;
    let mut counts = Replayed {
        produced: 1,
        ..Replayed::default()
    };
    let mut ran = vec![false; net.step_transition.len()];
    for (at, &step) in steps.iter().enumerate() {
        let t = net.step_transition[step];
        let inputs = &net.transitions[t].inputs;
        if !enabled(&marking, inputs)
            && let Some(path) = silent_path(net, &net.silent, &marking, |m| enabled(m, inputs))
        {
            for s in path {
                fire(net, s, &mut marking, &mut counts);
            }
        }
        let mut lacking = Vec::new();
        let mut added = 0;
        for &place in inputs {
            if marking[place] == 0 {
                marking[place] = 1;
                added += 1;
                lacking.extend(net.fed_by[place].iter().copied());
            }
        }
        counts.missing += added;
        if added > 0 {
            if std::mem::replace(&mut ran[step], true) {
                counts.again.push(at);
            } else {
                lacking.sort_unstable();
                lacking.dedup();
                counts.early.push((at, lacking));
            }
        }
        ran[step] = true;
        fire(net, t, &mut marking, &mut counts);
    }
    if marking[net.sink] == 0
        && let Some(path) = silent_path(net, &net.silent, &marking, |m| m[net.sink] > 0)
    {
        for s in path {
            fire(net, s, &mut marking, &mut counts);
        }
    }
    counts.consumed += 1;
    if marking[net.sink] > 0 {
        marking[net.sink] -= 1;
        counts.ended = true;
    } else {
        counts.missing += 1;
    }
    for (place, &tokens) in marking.iter().enumerate() {
        if tokens > 0 {
            counts.remaining += u64::from(tokens);
            counts.undone.push(net.feeds[place].clone());
        }
    }
    counts
}

fn enabled(marking: &[u32], inputs: &[usize]) -> bool {
    inputs.iter().all(|&place| marking[place] > 0)
}

fn fire(net: &Net, t: usize, marking: &mut [u32], counts: &mut Replayed) {
    let transition = &net.transitions[t];
    for &place in &transition.inputs {
        marking[place] -= 1;
        counts.consumed += 1;
    }
    for &place in &transition.outputs {
        marking[place] += 1;
        counts.produced += 1;
    }
}

/// The shortest sequence of `silent` transitions from `marking` to one where `goal` holds,
/// if the search finds one within [`MAX_MARKINGS`] markings.
fn silent_path(
    net: &Net,
    silent: &[usize],
    marking: &[u32],
    goal: impl Fn(&[u32]) -> bool,
) -> Option<Vec<usize>> {
    let mut seen: HashSet<Vec<u32>> = HashSet::from([marking.to_vec()]);
    let mut queue: VecDeque<(Vec<u32>, Vec<usize>)> =
        VecDeque::from([(marking.to_vec(), Vec::new())]);
    while let Some((current, path)) = queue.pop_front() {
        for &t in silent {
            let transition = &net.transitions[t];
            if !enabled(&current, &transition.inputs) {
                continue;
            }
            let mut next = current.clone();
            for &place in &transition.inputs {
                next[place] -= 1;
            }
            for &place in &transition.outputs {
                next[place] += 1;
            }
            let mut longer = path.clone();
            longer.push(t);
            if goal(&next) {
                return Some(longer);
            }
            if seen.len() < MAX_MARKINGS && seen.insert(next.clone()) {
                queue.push_back((next, longer));
            }
        }
    }
    None
}
