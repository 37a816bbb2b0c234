//! The report as `conform` prints it in a terminal.

use std::fmt::Write as _;

use crate::conform::{Deviation, LogFormat, Report, StepRoles};

/// The most rows not used, and paths, listed; `--format json` lists them all.
const LISTED: usize = 10;

/// `report` as text, naming the log as `log`.
pub fn text(report: &Report, log: &str) -> String {
    let mut out = String::new();
    let read = &report.log;
    // A CSV's events are its rows; an XES log's, its events.
    let (rows, used) = match read.format {
        LogFormat::Csv => ("row", count(read.events, "event")),
        LogFormat::Xes => ("event", format!("{} used", read.events)),
    };
    let _ = writeln!(
        out,
        "{log}: {}, {used} of {}; {} not used",
        count(read.rows, rows),
        count(read.cases, "case"),
        count(read.rows.saturating_sub(read.events), rows)
    );
    for problem in read.problems.iter().take(LISTED) {
        let _ = writeln!(out, "  {}", problem.located(log));
    }
    if read.problems.len() > LISTED {
        let _ = writeln!(
            out,
            "  … and {} more (`--format json` lists every one)",
            read.problems.len() - LISTED
        );
    }
    if !read.unstaffed.is_empty() {
        let users: Vec<String> = read
            .unstaffed
            .iter()
            .take(LISTED)
            .map(|u| format!("{} ({})", u.user, u.events))
            .collect();
        let more = read.unstaffed.len().saturating_sub(LISTED);
        let _ = writeln!(
            out,
            "  not on the staff list, so their events name no position: {}{}",
            users.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    for process in &report.processes {
        let share = |cases: usize| percent(cases, process.cases);
        let _ = writeln!(
            out,
            "\n{} (`{}`): {}, fitness {:.3}, {} fit exactly ({}%)",
            process.name,
            process.id,
            count(process.cases, "case"),
            process.fitness,
            process.fitting_cases,
            share(process.fitting_cases)
        );
        if !process.deviations.is_empty() {
            let _ = writeln!(
                out,
                "  departures from the regulation, by the cases they touch:"
            );
        }
        for deviation in &process.deviations {
            let what = departure(deviation);
            let cases = deviation.cases();
            let _ = writeln!(
                out,
                "    {:>12} ({:>3}%)  {what}",
                count(cases, "case"),
                share(cases)
            );
        }
        let _ = writeln!(
            out,
            "  paths: {} distinct; the most frequent:",
            process.variants.len()
        );
        for variant in process.variants.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "    {:>12}  {}",
                count(variant.cases, "case"),
                variant.steps.join(" → ")
            );
        }
        if !process.roles.is_empty() {
            let _ = writeln!(out, "  steps done by others than their R:");
        }
        for step in &process.roles {
            let _ = writeln!(
                out,
                "    `{}`: {} of its {} with a position; the regulation says {}",
                step.step,
                done_by(step),
                count(step.events, "event"),
                ticked(&step.regulation)
            );
        }
        if !process.times.is_empty() {
            let _ = writeln!(out, "  time after the event before, median:");
        }
        for time in &process.times {
            let effort = time
                .effort
                .as_ref()
                .map(|e| format!(" (its work: {e})"))
                .unwrap_or_default();
            let deadline = match &time.deadline {
                Some(deadline) if time.late_cases > 0 => format!(
                    "; deadline {deadline}: {} late ({}{})",
                    count(time.late_cases, "case"),
                    time.late.join(", "),
                    if time.late_cases > time.late.len() {
                        ", …"
                    } else {
                        ""
                    }
                ),
                Some(deadline) => format!("; deadline {deadline}: none late"),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "    `{}`: {} over {}{effort}{deadline}",
                time.step,
                hours(time.median_hours),
                count(time.events, "event")
            );
        }
        if !process.not_recorded.is_empty() {
            let _ = writeln!(
                out,
                "  not in the log, replayed as silent moves: {}",
                ticked(&process.not_recorded)
            );
        }
    }
    if report.unmatched_cases > 0 {
        let _ = writeln!(
            out,
            "\n{} of no process: no step answers to any of their activities, which are",
            count(report.unmatched_cases, "case")
        );
        for activity in report.unmatched_activities.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "    {:>12}  `{}`",
                count(activity.events, "event"),
                activity.activity
            );
        }
        if report.unmatched_activities.len() > LISTED {
            let _ = writeln!(out, "    … (`--format json` lists every one)");
        }
        let _ = writeln!(
            out,
            "  give a step the names it is recorded by in `activity:` (see docs/conform.md)"
        );
    }
    out
}

/// What a departure is, in words: the line of the text and the message of an annotation.
pub fn departure(deviation: &Deviation) -> String {
    match deviation {
        Deviation::Early { step, after, .. } if after.is_empty() => {
            format!("`{step}` done out of the regulation's order")
        }
        Deviation::Early {
            step, after, all, ..
        } => format!("`{step}` done before {}, done later", either(after, *all)),
        Deviation::Skipped {
            step, missing, all, ..
        } => format!(
            "`{step}` done, but {} before it never was",
            either(missing, *all)
        ),
        Deviation::Undone { steps, .. } if steps.len() == 1 => {
            format!("`{}` due and not done", steps[0])
        }
        Deviation::Undone { steps, .. } => {
            format!("none of {} done, though one was due", ticked(steps))
        }
        Deviation::Repeated { step, .. } => {
            format!("`{step}` done again without the way back to it")
        }
        Deviation::Unknown {
            activity, events, ..
        } => format!(
            "`{activity}` is no step of the process ({})",
            count(*events, "event")
        ),
        Deviation::Unfinished { .. } => {
            "the case has not reached the end (still open, or dropped)".to_owned()
        }
    }
}

/// `steps` as a departure names them: one, all of several (`a` and `b`), or one of several
/// (`a` or `b`).
fn either(steps: &[String], all: bool) -> String {
    let ticked: Vec<String> = steps.iter().map(|s| format!("`{s}`")).collect();
    match ticked.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!(
                "{} {} {last}",
                rest.join(", "),
                if all { "and" } else { "or" }
            )
        }
        _ => ticked.concat(),
    }
}

/// `part` of `whole` in whole percent, halves rounded up (0 of nothing is 0).
pub fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .unwrap_or_default()
}

/// The other positions that did a step, with their shares: "`sales-lead` in 40%, …".
pub fn done_by(step: &StepRoles) -> String {
    step.others
        .iter()
        .map(|o| format!("`{}` in {:.0}%", o.role, o.share * 100.0))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A time in hours as a person reads it: minutes under an hour, days over two.
fn hours(hours: f64) -> String {
    if hours < 1.0 {
        format!("{:.0} min", hours * 60.0)
    } else if hours < 48.0 {
        format!("{hours:.1} h")
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}

/// `n` and `noun`, plural unless `n` is 1.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn ticked(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
