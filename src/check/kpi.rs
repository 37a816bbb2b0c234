//! Indicator rules: the КСП motivation scheme must add up.

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Rule};
use crate::model::{Direction, KpiCategory, Level, Unit, calendar_date};
use crate::resolve::{KpiId, LocatedNumber, RoleId};

/// A role whose weights do not add up to 100.
pub static WEIGHTS: Rule = Rule {
    name: "kpi/weights",
    default_level: Level::Error,
    summary: "a role whose KPI weights do not add up to 100",
    explanation: "Weights split a role's variable pay between its indicators, in percent. \
        When any indicator of a role has a weight, all of them together must make 100, or \
        the motivation scheme pays more or less than it promises. An indicator without a \
        weight counts as 0.\n\n\
        Failing: weights 40, 40 and 30 for one role (110).\n\n\
        Fix: adjust the weights to total 100.",
};

/// A kpi or standard indicator without a target.
pub static MISSING_TARGET: Rule = Rule {
    name: "kpi/missing-target",
    default_level: Level::Error,
    summary: "a kpi or standard indicator without a target",
    explanation: "A result or a routine is measured against a plan figure: without `target` \
        there is no fulfilment to compute. SMART goals are judged done or not done and need \
        no target.\n\n\
        Failing: `{ id: contacts, name: Contacts, role: telemarketer, category: standard }`.\n\n\
        Fix: `target: 70` (with `unit` and `period`).",
};

/// A share whose cap no fact can reach.
pub static UNREACHABLE_CAP: Rule = Rule {
    name: "kpi/unreachable-cap",
    default_level: Level::Warning,
    summary: "a share in per cent below 100 %, more being better, whose target times its cap passes 100 % (no share can reach the cap the motivation scheme promises)",
    explanation: "A share cannot pass 100 %: quotes sent on time, calls answered. With a \
        target of 95 % the best month completes the plan at 100 / 95 = 105 %, so a cap of \
        120 % (the indicator's, its role's or the model's) is printed in the motivation \
        scheme and never paid. Employees read the cap as what they can earn; write the cap \
        the share can reach (100 pays no more than the target), or choose the target so \
        that the cap is reachable. A target of 100 % or more is not taken for a share: \
        plan fulfilment in per cent is targeted at 100 % and passes it.\n\n\
        Failing:\n\n```yaml\n- { id: on-time, name: Quotes sent on time, role: rep, target: 95, unit: \"%\" }   # cap 120 by default\n```\n\n\
        Fix: `cap: 105` on the indicator.",
};

pub fn unreachable_cap(cx: &Context, findings: &mut Findings) {
    let model = cx.model;
    for (index, kpi) in model.kpis.iter().enumerate() {
        let (Some(role), Some(target)) = (kpi.role, kpi.target) else {
            continue;
        };
        let share = kpi.unit.as_ref().is_some_and(Unit::is_percent);
        let below_all = target.value > 0.0 && target.value < 100.0;
        if !share || kpi.direction != Direction::AtLeast || !below_all {
            continue;
        }
        let cap = model.cap(kpi, role.target);
        // The most a share completes: all of it over the target, in percent of the plan.
        let reachable = 100.0 * 100.0 / target.value;
        if reachable >= cap - 1e-9 {
            continue;
        }
        findings.add(
            Diagnostic::new(
                &UNREACHABLE_CAP,
                kpi.cap.map_or(target.at, |cap| cap.at),
                format!(
                    "indicator `{}` is a share with a target of {}%: it completes at most {}% of its plan, never its cap of {}%",
                    kpi.id,
                    round(target.value),
                    round(reachable.floor()),
                    round(cap)
                ),
            )
            .with_help(format!(
                "write `cap: {}` on the indicator (or `cap: 100`: no more than the target pays)",
                round(reachable.floor())
            )),
            [Subject::Kpi(KpiId(index))],
        );
    }
}

/// An indicator without a source for its fact.
pub static UNMEASURED: Rule = Rule {
    name: "kpi/unmeasured",
    default_level: Level::Info,
    summary: "an indicator without `measured_by`",
    explanation: "Each indicator should be visible in the employee's reports: `measured_by` \
        names the artifact the fact is taken from (a daily report, the plan/fact form). \
        Without it nobody knows where the number comes from at the end of the month.\n\n\
        Failing: `{ id: contacts, name: Contacts, role: telemarketer, target: 70 }`.\n\n\
        Fix: `measured_by: daily-contact-report`.",
};

/// A role that does steps but has no indicator.
pub static ROLE_WITHOUT_KPI: Rule = Rule {
    name: "kpi/role-without-kpi",
    default_level: Level::Info,
    summary: "an internal role that is R on steps but has no indicator",
    explanation: "A role that does work but is measured by nothing has no part of its pay \
        tied to that work. Often deliberate (an accountant on a fixed salary), hence an info.\n\n\
        Failing: the logistician is R on `ship`, and no indicator has `role: logistician`.\n\n\
        Fix: add its KPI, Standard and SMART indicators, or switch the rule off.",
};

pub fn weights(cx: &Context, findings: &mut Findings) {
    if !cx.kpis_complete() {
        return;
    }
    let mut by_role: Vec<Vec<KpiId>> = vec![Vec::new(); cx.model.roles.len()];
    for (index, kpi) in cx.model.kpis.iter().enumerate() {
        if let Some(role) = kpi.role {
            by_role[role.target.0].push(KpiId(index));
        }
    }
    for (role_index, kpis) in by_role.iter().enumerate() {
        let weighted: Vec<_> = kpis
            .iter()
            .filter_map(|id| cx.model.kpis[id.0].weight.map(|w| (*id, w)))
            .collect();
        let Some((_, first)) = weighted.first() else {
            continue;
        };
        let total: f64 = weighted.iter().map(|(_, w)| w.value).sum();
        if (total - 100.0).abs() < 1e-9 {
            continue;
        }
        let role = &cx.model.roles[role_index];
        let mut diagnostic = Diagnostic::new(
            &WEIGHTS,
            first.at,
            format!(
                "the weights of role `{}`'s indicators add up to {}, not 100",
                role.id,
                round(total)
            ),
        );
        for (id, weight) in &weighted[1..] {
            diagnostic = diagnostic
                .with_related(weight.at, format!("weight of `{}`", cx.model.kpis[id.0].id));
        }
        for id in kpis
            .iter()
            .filter(|id| cx.model.kpis[id.0].weight.is_none())
        {
            diagnostic = diagnostic.with_related(
                cx.model.kpis[id.0].at,
                format!("`{}` has no weight", cx.model.kpis[id.0].id),
            );
        }
        let subjects = std::iter::once(Subject::Role(RoleId(role_index)))
            .chain(kpis.iter().map(|id| Subject::Kpi(*id)));
        findings.add(
            diagnostic.with_help("adjust the weights so that they total 100"),
            subjects,
        );
    }
}

fn round(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    format!("{rounded}")
}

pub fn missing_target(cx: &Context, findings: &mut Findings) {
    for (index, kpi) in cx.model.kpis.iter().enumerate() {
        if kpi.target.is_none() && kpi.category != KpiCategory::Smart {
            let category = if kpi.category == KpiCategory::Kpi {
                "kpi"
            } else {
                "standard"
            };
            findings.add(
                Diagnostic::new(
                    &MISSING_TARGET,
                    kpi.at,
                    format!("{category} indicator `{}` has no target", kpi.id),
                )
                .with_help("add `target:` with the plan figure (and its `unit` and `period`)"),
                [Subject::Kpi(KpiId(index))],
            );
        }
    }
}

pub fn unmeasured(cx: &Context, findings: &mut Findings) {
    for (index, kpi) in cx.model.kpis.iter().enumerate() {
        if kpi.measured_by.is_none() && kpi.complete {
            findings.add(
                Diagnostic::new(
                    &UNMEASURED,
                    kpi.at,
                    format!(
                        "indicator `{}` does not say where its fact comes from",
                        kpi.id
                    ),
                )
                .with_help("add `measured_by:` with the report or form the fact is taken from"),
                [Subject::Kpi(KpiId(index))],
            );
        }
    }
}

pub fn role_without_kpi(cx: &Context, findings: &mut Findings) {
    if !cx.kpis_complete() {
        return;
    }
    let mut has_kpi = vec![false; cx.model.roles.len()];
    for kpi in &cx.model.kpis {
        if let Some(role) = kpi.role {
            has_kpi[role.target.0] = true;
        }
    }
    let mut responsible = vec![false; cx.model.roles.len()];
    for step in cx.all_steps() {
        for r in &step.raci.r {
            responsible[r.target.0] = true;
        }
    }
    for (index, role) in cx.model.roles.iter().enumerate() {
        if responsible[index] && !has_kpi[index] && !role.external {
            findings.add(
                Diagnostic::new(
                    &ROLE_WITHOUT_KPI,
                    role.at,
                    format!("role `{}` does steps but has no indicator", role.id),
                )
                .with_help("add its KPI, Standard and SMART indicators in `kpis:`"),
                [Subject::Role(RoleId(index))],
            );
        }
    }
}

/// An indicator value that cannot be meant.
pub static INVALID_VALUE: Rule = Rule {
    name: "kpi/invalid-value",
    default_level: Level::Error,
    summary: "a threshold outside 0–100 %, a cap below 100 %, pay below zero or a due date that is not a calendar date (YYYY-MM-DD)",
    explanation: "`threshold` is the percent of the target below which the indicator pays \
        nothing, so it lies between 0 and 100. `cap` is the most an indicator pays in \
        percent of its plan (an indicator's, a role's `motivation.cap` or the model's): \
        below 100 it would cut the pay of someone who met the plan exactly. A role's \
        `motivation.salary` and `motivation.bonus` are amounts of money, not below zero. \
        `due`, the deadline of a SMART goal, is a date written YYYY-MM-DD that exists in \
        the calendar. Anything else would print as nonsense in the motivation scheme.\n\n\
        Failing:\n\n```yaml\nthreshold: 500\ncap: 80\ndue: 2026-13-45\n```\n\n\
        Fix: `threshold: 50`, `cap: 120`, `due: 2026-12-31`.",
};

pub fn invalid_value(cx: &Context, findings: &mut Findings) {
    let model = cx.model;
    let low_cap = |cap: LocatedNumber,
                   whose: String,
                   subject: Option<Subject>,
                   findings: &mut Findings| {
        if cap.value < 100.0 {
            findings.add(
                Diagnostic::new(
                    &INVALID_VALUE,
                    cap.at,
                    format!("cap {} of {whose} is below 100%: meeting the plan exactly would pay less than the plan", cap.value),
                )
                .with_help("the cap is the most an indicator pays, in percent of its plan, e.g. 120"),
                subject,
            );
        }
    };
    if let Some(cap) = model.info.as_ref().and_then(|info| info.cap) {
        low_cap(cap, "the model".to_owned(), None, findings);
    }
    for (index, role) in model.roles.iter().enumerate() {
        let Some(pay) = role.motivation else { continue };
        let subject = Subject::Role(RoleId(index));
        if let Some(cap) = pay.cap {
            low_cap(cap, format!("role `{}`", role.id), Some(subject), findings);
        }
        for (what, amount) in [("salary", pay.salary), ("bonus", pay.bonus)] {
            if let Some(amount) = amount.filter(|a| a.value < 0.0) {
                findings.add(
                    Diagnostic::new(
                        &INVALID_VALUE,
                        amount.at,
                        format!(
                            "the {what} of role `{}` is {}, below zero",
                            role.id, amount.value
                        ),
                    )
                    .with_help("write the monthly amount of money, 0 included"),
                    [subject],
                );
            }
        }
    }
    for (index, kpi) in model.kpis.iter().enumerate() {
        if let Some(cap) = kpi.cap {
            low_cap(
                cap,
                format!("indicator `{}`", kpi.id),
                Some(Subject::Kpi(KpiId(index))),
                findings,
            );
        }
        if let Some(threshold) = kpi.threshold
            && !(0.0..=100.0).contains(&threshold.value)
        {
            findings.add(
                Diagnostic::new(
                    &INVALID_VALUE,
                    threshold.at,
                    format!(
                        "threshold {} of indicator `{}` is not a percent between 0 and 100",
                        threshold.value, kpi.id
                    ),
                )
                .with_help("the threshold is the percent of the target below which the indicator pays nothing"),
                [Subject::Kpi(KpiId(index))],
            );
        }
        if let Some(due) = &kpi.due
            && !is_date(due)
        {
            findings.add(
                Diagnostic::new(
                    &INVALID_VALUE,
                    kpi.due_at,
                    format!(
                        "due date `{due}` of indicator `{}` is not a calendar date",
                        kpi.id
                    ),
                )
                .with_help("write it as YYYY-MM-DD, e.g. 2026-12-31"),
                [Subject::Kpi(KpiId(index))],
            );
        }
    }
}

/// Whether `text` is a date `YYYY-MM-DD` that exists in the Gregorian calendar.
fn is_date(text: &str) -> bool {
    calendar_date(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::is_date;

    #[test]
    fn only_calendar_dates_are_dates() {
        for good in ["2026-12-31", "2028-02-29", "2000-02-29"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2026-13-45",
            "2026-02-29",
            "1900-02-29",
            "2026-1-5",
            "31.12.2026",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
