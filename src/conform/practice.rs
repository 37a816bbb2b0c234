//! What the people did, beside the flow: who did each step against its R, and how long
//! after the event before it each step came, against its `deadline`.

use std::collections::HashMap;

use crate::conform::{Case, DoneBy, Log, StepRoles, StepTime};
use crate::resolve::{Resolved, activity_key};

/// The most late cases a step's time names.
const LATE_NAMED: usize = 10;

/// How long after the event before it each step of process `p` came in `cases`.
pub(super) fn step_times(
    model: &Resolved,
    p: usize,
    cases: &[&Case],
    step_of: &dyn Fn(usize) -> Option<usize>,
) -> Vec<StepTime> {
    let process = &model.processes[p];
    let mut waits: Vec<Vec<i64>> = vec![Vec::new(); process.steps.len()];
    let mut late: Vec<Vec<String>> = vec![Vec::new(); process.steps.len()];
    for case in cases {
        for pair in case.events.windows(2) {
            let [before, event] = pair else { continue };
            let Some(s) = step_of(event.activity) else {
                continue;
            };
            let wait = event.time.as_second() - before.time.as_second();
            waits[s].push(wait);
            let deadline = process.steps[s].deadline.map(|d| d.seconds());
            if deadline.is_some_and(|d| wait as f64 > d) && late[s].last() != Some(&case.id) {
                late[s].push(case.id.clone());
            }
        }
    }
    waits
        .into_iter()
        .enumerate()
        .filter(|(_, waits)| !waits.is_empty())
        .map(|(s, mut waits)| {
            let step = &process.steps[s];
            waits.sort_unstable();
            StepTime {
                step: step.id.clone(),
                events: waits.len(),
                median_hours: median(&waits) / 3600.0,
                effort: step.effort.map(|e| e.to_string()),
                deadline: step.deadline.map(|d| d.to_string()),
                late_cases: late[s].len(),
                late: late[s].iter().take(LATE_NAMED).cloned().collect(),
            }
        })
        .collect()
}

/// The median of sorted `values`: the middle one, or the mean of the two in the middle.
fn median(values: &[i64]) -> f64 {
    let middle = values.len() / 2;
    if values.len() % 2 == 1 {
        values[middle] as f64
    } else {
        (values[middle - 1] as f64 + values[middle] as f64) / 2.0
    }
}

/// Who did each step of process `p` in `cases`, where the log names a position other
/// than the step's R or their deputy. A position is matched to a role by its id or its
/// name.
pub(super) fn step_roles(
    model: &Resolved,
    log: &Log,
    p: usize,
    cases: &[&Case],
    step_of: &dyn Fn(usize) -> Option<usize>,
) -> Vec<StepRoles> {
    let process = &model.processes[p];
    let by_name: HashMap<String, usize> = model
        .roles
        .iter()
        .enumerate()
        .flat_map(|(r, role)| [(activity_key(&role.id), r), (activity_key(&role.name), r)])
        .collect();
    // Each of the log's positions as the model's role, if it is one.
    let role_of: Vec<Option<usize>> = log
        .roles
        .iter()
        .map(|role| by_name.get(&activity_key(role)).copied())
        .collect();
    // A position written by its id in one row and by its name, or in other case, in
    // another is one position: each is counted under the first way the log writes it.
    let mut first_written: HashMap<(Option<usize>, String), usize> = HashMap::new();
    let same: Vec<usize> = log
        .roles
        .iter()
        .enumerate()
        .map(|(at, role)| {
            let key = match role_of[at] {
                Some(r) => (Some(r), String::new()),
                None => (None, activity_key(role)),
            };
            *first_written.entry(key).or_insert(at)
        })
        .collect();
    let mut counts: Vec<HashMap<usize, usize>> = vec![HashMap::new(); process.steps.len()];
    for event in cases.iter().flat_map(|case| &case.events) {
        if let (Some(step), Some(role)) = (step_of(event.activity), event.role) {
            *counts[step].entry(same[role]).or_default() += 1;
        }
    }
    let mut roles: Vec<StepRoles> = counts
        .iter()
        .enumerate()
        .filter_map(|(s, done)| {
            let step = &process.steps[s];
            let performers: Vec<usize> = step.raci.r.iter().map(|r| r.target.0).collect();
            // A performer's deputy stands in for them, as the job description says.
            let stand_ins: Vec<usize> = performers
                .iter()
                .filter_map(|&r| model.roles[r].deputy.as_ref().map(|d| d.target.0))
                .collect();
            let events: usize = done.values().sum();
            let mut others: Vec<DoneBy> = done
                .iter()
                .filter(|&(&role, _)| {
                    role_of[role]
                        .is_none_or(|r| !performers.contains(&r) && !stand_ins.contains(&r))
                })
                .map(|(&role, &n)| DoneBy {
                    role: role_of[role]
                        .map_or_else(|| log.roles[role].clone(), |r| model.roles[r].id.clone()),
                    events: n,
                    share: n as f64 / events as f64,
                })
                .collect();
            others.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.role.cmp(&b.role)));
            (!others.is_empty()).then(|| StepRoles {
                step: step.id.clone(),
                regulation: performers
                    .iter()
                    .map(|&r| model.roles[r].id.clone())
                    .collect(),
                events,
                others,
            })
        })
        .collect();
    let by_others = |s: &StepRoles| s.others.iter().map(|o| o.events).sum::<usize>();
    roles.sort_by(|a, b| {
        by_others(b)
            .cmp(&by_others(a))
            .then_with(|| a.step.cmp(&b.step))
    });
    roles
}
