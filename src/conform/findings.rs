//! The report as findings at the model's places, so that `--format github` annotates a
//! pull request's process files as `check` does: a departure on the step it concerns, a
//! fitness below `--min-fitness` on the process.

use crate::conform::{Deviation, Report, text};
use crate::diag::{Diagnostic, Rule};
use crate::model::Level;
use crate::resolve::Resolved;

/// A process whose cases fit it less than `--min-fitness` asks.
pub static FITNESS: Rule = Rule {
    name: "conform/fitness",
    default_level: Level::Error,
    summary: "a process whose log fits it less than `--min-fitness`",
    explanation: "The token-based replay of the process's cases gave a fitness below the \
        threshold the run was given: the department does not follow the regulation, or the \
        regulation does not say what the department does.",
};

/// A departure from the regulation that some cases show.
pub static DEPARTURE: Rule = Rule {
    name: "conform/departure",
    default_level: Level::Warning,
    summary: "cases of the log that depart from the regulation at a step",
    explanation: "A step done before the step that leads to it, due and not done, done \
        again, an activity the process does not know, or a case that never ends.",
};

/// A step done by other positions than its R, or later than its deadline.
pub static PRACTICE: Rule = Rule {
    name: "conform/practice",
    default_level: Level::Warning,
    summary: "a step that other positions than its R did, or that came later than its deadline",
    explanation: "The log names the positions that did each step, or its times break the \
        step's `deadline`.",
};

/// The findings of `report` on `model`'s processes and steps; a process's fitness below
/// `min_fitness` is an error.
pub fn findings(report: &Report, model: &Resolved, min_fitness: Option<f64>) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for process in &report.processes {
        let Some(model_process) = model.processes.iter().find(|p| p.id == process.id) else {
            continue;
        };
        let at_step = |id: &str| {
            model_process
                .steps
                .iter()
                .find(|s| s.id == id)
                .map_or(model_process.at, |s| s.at)
        };
        let share = |cases: usize| {
            format!(
                "{cases} of {} cases ({}%)",
                process.cases,
                text::percent(cases, process.cases)
            )
        };
        if min_fitness.is_some_and(|min| process.fitness < min) {
            findings.push(
                Diagnostic::new(
                    &FITNESS,
                    model_process.at,
                    format!(
                        "the log fits process `{}` with {:.3}, below {:.3}; {} fit it exactly",
                        process.id,
                        process.fitness,
                        min_fitness.unwrap_or_default(),
                        share(process.fitting_cases)
                    ),
                )
                .with_help(
                    "see `raciflow conform` for the departures and the paths the cases took",
                ),
            );
        }
        for deviation in &process.deviations {
            let at = match deviation {
                Deviation::Early { step, .. }
                | Deviation::Skipped { step, .. }
                | Deviation::Repeated { step, .. } => at_step(step),
                Deviation::Undone { steps, .. } => {
                    steps.first().map_or(model_process.at, |s| at_step(s))
                }
                Deviation::Unknown { .. } | Deviation::Unfinished { .. } => model_process.at,
            };
            findings.push(Diagnostic::new(
                &DEPARTURE,
                at,
                format!(
                    "{}: {}",
                    share(deviation.cases()),
                    text::departure(deviation)
                ),
            ));
        }
        for step in &process.roles {
            findings.push(Diagnostic::new(
                &PRACTICE,
                at_step(&step.step),
                format!(
                    "`{}` was done by {} of its events; its R is {}",
                    step.step,
                    text::done_by(step),
                    step.regulation.join(", ")
                ),
            ));
        }
        for time in process.times.iter().filter(|t| t.late_cases > 0) {
            findings.push(Diagnostic::new(
                &PRACTICE,
                at_step(&time.step),
                format!(
                    "`{}` came later than its deadline {} after the event before it in {}: {}",
                    time.step,
                    time.deadline.as_deref().unwrap_or_default(),
                    text::count(time.late_cases, "case"),
                    time.late.join(", ")
                ),
            ));
        }
    }
    findings.sort_by_key(|d| (d.location.file, d.location.span.start));
    findings
}
