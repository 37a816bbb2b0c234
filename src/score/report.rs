//! The scores as `raciflow score` prints them: a table per employee for the terminal, or a
//! CSV row per employee and indicator for a spreadsheet. (JSON is `Scores` serialised; the
//! workbook is the motivation workbook with the facts filled in.)

use std::fmt::Write;

use thiserror::Error;

use crate::score::{Scores, round_to};

/// Why the CSV could not be written.
#[derive(Debug, Error)]
#[error("cannot write the scores as CSV: {0}")]
pub struct ReportError(#[from] csv::Error);

/// A ratio as a percent with one decimal: 108.3%.
fn percent(ratio: f64) -> String {
    format!("{}%", round_to(ratio * 100.0, 1))
}

/// The scores as text: per employee, the indicators and the pay; then how many were
/// scored and how many problems `facts` has (they are printed apart, on standard error).
pub fn text(scores: &Scores, facts: &str) -> String {
    let mut out = String::new();
    for employee in &scores.employees {
        let _ = write!(
            out,
            "{} · {} · {} of {} working days",
            employee.employee,
            employee.role_name,
            serde_name(&employee.period),
            round_to(employee.period_days, 2)
        );
        if employee.worked_days != employee.period_days {
            let _ = write!(out, ", {} worked", round_to(employee.worked_days, 2));
        }
        if employee.protected_days > 0.0 {
            let _ = write!(
                out,
                ", {} days of protected absence",
                round_to(employee.protected_days, 2)
            );
        }
        out.push('\n');
        let width = employee
            .indicators
            .iter()
            .map(|i| i.kpi.chars().count())
            .max()
            .unwrap_or(0)
            .max("indicator".len());
        let _ = writeln!(
            out,
            "  {:<width$}  {:>12}  {:>12}  {:>8}  {:>8}  {:>6}  {:>8}",
            "indicator", "plan", "fact", "done", "paid", "weight", "adds"
        );
        for i in &employee.indicators {
            let _ = writeln!(
                out,
                "  {:<width$}  {:>12}  {:>12}  {:>8}  {:>8}  {:>6}  {:>8}",
                i.kpi,
                round_to(i.plan, 2),
                round_to(i.fact, 2),
                percent(i.completion),
                percent(i.paid_share),
                format!("{}%", round_to(i.weight, 2)),
                round_to(i.contribution, 4),
            );
        }
        let money = |label: &str, value: Option<f64>| {
            value.map(|v| format!(" · {label} {}", round_to(v, 2)))
        };
        let _ = writeln!(
            out,
            "  index {}{}{}{}\n",
            round_to(employee.index, 4),
            money("salary", employee.salary).unwrap_or_default(),
            money("bonus", employee.bonus).unwrap_or_default(),
            money("pay", employee.pay).unwrap_or_default(),
        );
    }
    let _ = writeln!(
        out,
        "{} scored, {} problem{} in {facts}",
        scores.employees.len(),
        scores.problems.len(),
        if scores.problems.len() == 1 { "" } else { "s" }
    );
    out
}

/// The columns of the CSV.
const COLUMNS: [&str; 15] = [
    "employee",
    "role",
    "period",
    "kpi",
    "plan",
    "fact",
    "completion",
    "paid_share",
    "weight",
    "contribution",
    "index",
    "salary",
    "bonus",
    "pay",
    "category",
];

/// The scores as CSV: a row per employee and indicator, the employee's totals repeated.
pub fn csv(scores: &Scores) -> Result<String, ReportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    let money = |value: Option<f64>| value.map(|v| round_to(v, 2).to_string());
    for employee in &scores.employees {
        for i in &employee.indicators {
            writer.write_record([
                employee.employee.clone(),
                employee.role.clone(),
                serde_name(&employee.period),
                i.kpi.clone(),
                round_to(i.plan, 2).to_string(),
                round_to(i.fact, 2).to_string(),
                round_to(i.completion, 4).to_string(),
                round_to(i.paid_share, 4).to_string(),
                round_to(i.weight, 2).to_string(),
                round_to(i.contribution, 4).to_string(),
                round_to(employee.index, 4).to_string(),
                money(employee.salary).unwrap_or_default(),
                money(employee.bonus).unwrap_or_default(),
                money(employee.pay).unwrap_or_default(),
                serde_name(&i.category),
            ])?;
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| ReportError(error.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The name serde gives `value`: `month`, `standard`.
fn serde_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
