//! Property tests of the flow rules on random flow graphs, against a plain breadth-first
//! search written here as the oracle.

use std::collections::{BTreeSet, VecDeque};

use proptest::prelude::*;

use crate::harness::{Test, brief};

/// A random process: for each step, the steps (or `None` for `end`) its `next` lists; an
/// empty list makes an end step.
fn graphs() -> impl Strategy<Value = Vec<Vec<Option<usize>>>> {
    (1usize..10).prop_flat_map(|n| {
        prop::collection::vec(
            prop::collection::vec(prop::option::weighted(0.85, 0..n), 0..3),
            n,
        )
    })
}

fn model(next: &[Vec<Option<usize>>]) -> String {
    let mut yaml = String::from(
        "model: { id: random, name: Random }\nroles:\n  - { id: boss, name: Boss }\n\
         processes:\n  - id: p\n    name: P\n    owner: boss\n    defaults: { R: boss, A: boss }\n    steps:\n",
    );
    for (index, targets) in next.iter().enumerate() {
        yaml.push_str(&format!(
            "      - id: s{index}\n        name: Step {index}\n"
        ));
        if !targets.is_empty() {
            let list: Vec<String> = targets
                .iter()
                .map(|t| t.map_or("end".to_owned(), |t| format!("s{t}")))
                .collect();
            yaml.push_str(&format!("        next: [{}]\n", list.join(", ")));
        }
    }
    yaml
}

/// Steps reached from step 0 (the start) by following `next`.
fn reachable(next: &[Vec<Option<usize>>]) -> BTreeSet<usize> {
    let mut seen = BTreeSet::from([0]);
    let mut queue = VecDeque::from([0]);
    while let Some(step) = queue.pop_front() {
        for target in next[step].iter().flatten() {
            if seen.insert(*target) {
                queue.push_back(*target);
            }
        }
    }
    seen
}

/// Steps from which the end can be reached: an end step, a step with `next: end`, or a
/// step with a `next` from which the end can be reached.
fn reaching_end(next: &[Vec<Option<usize>>]) -> BTreeSet<usize> {
    let mut done: BTreeSet<usize> = (0..next.len())
        .filter(|&s| next[s].is_empty() || next[s].contains(&None))
        .collect();
    loop {
        let more: Vec<usize> = (0..next.len())
            .filter(|s| !done.contains(s) && next[*s].iter().flatten().any(|t| done.contains(t)))
            .collect();
        if more.is_empty() {
            return done;
        }
        done.extend(more);
    }
}

/// The step numbers reported by a rule, from `check --format json`.
fn reported(next: &[Vec<Option<usize>>], rule: &str) -> BTreeSet<usize> {
    let test = Test::new().file("model.yaml", model(next));
    let (_, report) = test.check_json();
    let text = model(next);
    let lines: Vec<&str> = text.lines().collect();
    brief(&report, test.root())
        .iter()
        .filter(|d| d.contains(&format!("[{rule}]")))
        .filter_map(|d| {
            let line: usize = d.split(':').nth(1)?.parse().ok()?;
            let id = lines.get(line - 1)?.trim().strip_prefix("- id: s")?;
            id.parse().ok()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn unreachable_steps_are_exactly_those_a_bfs_does_not_reach(next in graphs()) {
        let expected: BTreeSet<usize> = (0..next.len()).filter(|s| !reachable(&next).contains(s)).collect();
        prop_assert_eq!(reported(&next, "flow/unreachable-step"), expected);
    }

    #[test]
    fn dead_ends_are_exactly_the_steps_that_cannot_reach_an_end(next in graphs()) {
        let expected: BTreeSet<usize> = (0..next.len()).filter(|s| !reaching_end(&next).contains(s)).collect();
        prop_assert_eq!(reported(&next, "flow/dead-end"), expected);
    }

    #[test]
    fn adding_an_edge_never_makes_a_reachable_step_unreachable(
        next in graphs(),
        from in any::<prop::sample::Index>(),
        to in any::<prop::sample::Index>(),
    ) {
        let before = reported(&next, "flow/unreachable-step");
        let mut more = next.clone();
        let from = from.index(more.len());
        let to = to.index(more.len());
        if more[from].is_empty() {
            // An end step gains `next`, so keep its way to the end as well.
            more[from].push(None);
        }
        more[from].push(Some(to));
        let after = reported(&more, "flow/unreachable-step");
        prop_assert!(after.is_subset(&before), "before {:?}, after {:?}", before, after);
    }
}
