//! Workload rules: a position whose steps take more time than its people have, a selling
//! position buried in work that sells nothing, and steps the workload cannot count.

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Rule};
use crate::model::Level;
use crate::resolve::RoleId;
use crate::workload::RoleLoad;

/// A role whose steps take more of a person's month than `max_utilisation`.
pub static OVERLOADED_TIME: Rule = Rule {
    name: "load/overloaded-role",
    default_level: Level::Warning,
    summary: "a role's steps take more hours a month than its people have",
    explanation: "The hours a month a role's steps take one person (effort × volume, \
        volume converted to a month by `days_per_month`) are compared with a person's \
        working time (`hours_per_day` × `days_per_month`). Above `max_utilisation` of it \
        (default 1.0, all of it) the work cannot be done as modelled. The message names the \
        steps that weigh most.\n\n\
        Failing: a sales manager's presentations take 2h at 4/day, 168 h a month on their \
        own, and the role has other steps.\n\n\
        Fix: hire (raise `headcount` and the steps' volume falls per person), move steps to \
        another role, or correct `effort` and `volume`. Change the limit with\n\n\
        ```yaml\nrules:\n  load/overloaded-role: { max_utilisation: 0.9 }\n```",
};

/// A selling role whose non-selling share of hours is above `max_non_selling_share`.
pub static NON_SELLING_SHARE: Rule = Rule {
    name: "load/non-selling-share",
    default_level: Level::Info,
    summary: "a selling role spends too much of its time on work that sells nothing",
    explanation: "A role with selling steps (`value: selling`) whose support, management \
        and unclassified hours are above `max_non_selling_share` of its hours (default 0.3) \
        sells less than it could. The message says how many hours a month an assistant \
        would take over: the role's support work.\n\n\
        Failing: a sales manager spends 64 of 168 hours a month on invoices, contracts and \
        chasing payments (38%).\n\n\
        Fix: move the support steps to an assistant (`R: sales-assistant`), or accept the \
        share with an `allow` on the role. Change the limit with\n\n\
        ```yaml\nrules:\n  load/non-selling-share: { max_non_selling_share: 0.4 }\n```",
};

/// A step performed by a role without effort or volume.
pub static MISSING_FIGURES: Rule = Rule {
    name: "load/missing-figures",
    default_level: Level::Info,
    summary: "a step without `effort` or `volume`: the workload leaves it out",
    explanation: "The workload of a role counts the steps it performs (R) that give both \
        `effort` (the time of one occurrence) and `volume` (how often, per person). A step \
        without them counts as no time at all, so its performers look less loaded than they \
        are. Decisions and calls of other processes need neither, and a model that gives \
        no figures at all is not reported.\n\n\
        Failing: `effort: 15m` with no `volume`.\n\n\
        Fix: add the missing figure (`volume: 3/day`), or an `allow` on the step when its \
        time is not known yet.",
};

/// Hours as the messages write them.
fn hours(value: f64) -> String {
    format!("{value:.1} h")
}

/// A share as a whole percent.
fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The roles' workloads with their handles.
fn loads<'a>(cx: &'a Context) -> impl Iterator<Item = (RoleId, &'a RoleLoad)> {
    cx.workload().roles.iter().map(|load| (load.role, load))
}

pub fn overloaded_role(cx: &Context, findings: &mut Findings) {
    let limit = cx.config.load_limits().max_utilisation;
    for (id, load) in loads(cx) {
        if load.utilisation <= limit {
            continue;
        }
        let heaviest: Vec<String> = load
            .step_hours
            .iter()
            .take(3)
            .map(|s| {
                let process = &cx.model.processes[s.step.process.0];
                let step = cx.model.step(s.step);
                format!("`{}/{}` {}", process.id, step.id, hours(s.hours))
            })
            .collect();
        findings.add(
            Diagnostic::new(
                &OVERLOADED_TIME,
                cx.model.role(id).at,
                format!(
                    "role `{}` needs {} a month per person against {} of working time ({}); heaviest steps: {}",
                    load.id,
                    hours(load.hours_per_month),
                    hours(load.fund_per_month),
                    percent(load.utilisation),
                    heaviest.join(", ")
                ),
            )
            .with_help(format!(
                "the work needs {:.1} people where the model has {}: raise `headcount`, move steps to another role, or correct `effort` and `volume`",
                load.headcount_needed, load.headcount
            )),
            [Subject::Role(id)],
        );
    }
}

pub fn non_selling_share(cx: &Context, findings: &mut Findings) {
    let limit = cx.config.load_limits().max_non_selling_share;
    for (id, load) in loads(cx) {
        let Some(share) = load.non_selling_share() else {
            continue;
        };
        if load.by_value.selling <= 0.0 || share <= limit {
            continue;
        }
        let people = load.headcount;
        let support = load.by_value.support * f64::from(people);
        findings.add(
            Diagnostic::new(
                &NON_SELLING_SHARE,
                cx.model.role(id).at,
                format!(
                    "role `{}` spends {} of its hours on work that sells nothing ({} of {} a month per person)",
                    load.id,
                    percent(share),
                    hours(load.by_value.non_selling()),
                    hours(load.hours_per_month)
                ),
            )
            .with_help(format!(
                "an assistant would take over its support work: {} a month for {} {} ({:.2} of a full-time position)",
                hours(support),
                people,
                if people == 1 { "person" } else { "people" },
                support / load.fund_per_month
            )),
            [Subject::Role(id)],
        );
    }
}

pub fn missing_figures(cx: &Context, findings: &mut Findings) {
    // A model that gives no figures at all does not analyse its workload (yet): a finding
    // on every step would bury the rest.
    let figures = cx
        .model
        .processes
        .iter()
        .flat_map(|p| &p.steps)
        .any(|s| s.effort.is_some() || s.volume.is_some());
    if !figures {
        return;
    }
    let mut steps: Vec<(crate::resolve::StepId, Vec<&str>)> = Vec::new();
    for (_, load) in loads(cx) {
        for &step in &load.missing {
            match steps.iter_mut().find(|(s, _)| *s == step) {
                Some((_, roles)) => roles.push(&load.id),
                None => steps.push((step, vec![&load.id])),
            }
        }
    }
    for (id, roles) in steps {
        let step = cx.model.step(id);
        let missing = match (step.effort, step.volume) {
            (None, None) => "`effort` and `volume`",
            (None, Some(_)) => "`effort`",
            _ => "`volume`",
        };
        let roles: Vec<String> = roles.iter().map(|r| format!("`{r}`")).collect();
        findings.add(
            Diagnostic::new(
                &MISSING_FIGURES,
                step.at,
                format!(
                    "step `{}` gives no {missing}: the workload of {} leaves it out",
                    step.id,
                    roles.join(", ")
                ),
            )
            .with_help("add the time of one occurrence (`effort: 15m`) and how often a person does it (`volume: 3/day`)"),
            [Subject::Step(id)],
        );
    }
}
