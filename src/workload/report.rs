//! The workload as `raciflow analyze` prints it: a table for the terminal, or CSV rows for a
//! spreadsheet. (JSON is the `Workload` itself, serialised.)

use std::fmt::Write;

use thiserror::Error;

use crate::workload::{Workload, round};

/// Why the CSV could not be written.
#[derive(Debug, Error)]
#[error("cannot write the workload as CSV: {0}")]
pub struct ReportError(#[from] csv::Error);

/// The columns of the roles' table, for both outputs.
const COLUMNS: [&str; 14] = [
    "role",
    "name",
    "department",
    "headcount",
    "hours_per_month",
    "fund_per_month",
    "utilisation",
    "headcount_needed",
    "selling",
    "support",
    "management",
    "unspecified",
    "steps_with_figures",
    "steps",
];

/// The workload as CSV: a row per role, figures per person a month.
pub fn csv(workload: &Workload) -> Result<String, ReportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for role in &workload.roles {
        writer.write_record([
            role.id.clone(),
            role.name.clone(),
            role.department.clone().unwrap_or_default(),
            role.headcount.to_string(),
            round(role.hours_per_month).to_string(),
            round(role.fund_per_month).to_string(),
            round(role.utilisation).to_string(),
            round(role.headcount_needed).to_string(),
            round(role.by_value.selling).to_string(),
            round(role.by_value.support).to_string(),
            round(role.by_value.management).to_string(),
            round(role.by_value.unspecified).to_string(),
            role.steps_with_figures.to_string(),
            role.steps.to_string(),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| ReportError(error.into_error().into()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The workload as a table to read in a terminal.
pub fn text(workload: &Workload) -> String {
    let heads = [
        "Role",
        "People",
        "h/month",
        "Load",
        "Needed",
        "Selling",
        "Support",
        "Mgmt",
        "Not given",
        "Figures",
    ];
    let mut rows: Vec<[String; 10]> = workload
        .roles
        .iter()
        .map(|role| {
            [
                role.name.clone(),
                role.headcount.to_string(),
                format!("{:.1}", role.hours_per_month),
                format!("{:.0}%", role.utilisation * 100.0),
                format!("{:.2}", role.headcount_needed),
                format!("{:.1}", role.by_value.selling),
                format!("{:.1}", role.by_value.support),
                format!("{:.1}", role.by_value.management),
                format!("{:.1}", role.by_value.unspecified),
                format!("{}/{}", role.steps_with_figures, role.steps),
            ]
        })
        .collect();
    rows.insert(0, heads.map(str::to_owned));
    let mut out = String::new();
    table(&mut out, &rows);
    let c = workload.calendar;
    let _ = writeln!(
        out,
        "\nHours a month per person, against a fund of {:.1} h ({} days of {} h); Needed: people the \
         work takes at a norm coefficient of {}. Figures: steps with effort and volume / steps.",
        c.hours_per_day * c.days_per_month,
        c.days_per_month,
        c.hours_per_day,
        c.norm_coefficient
    );
    if !workload.departments.is_empty() {
        let mut rows = vec![["Department", "People", "h/month", "Needed"].map(str::to_owned)];
        rows.extend(workload.departments.iter().map(|d| {
            [
                d.name.clone(),
                d.headcount.to_string(),
                format!("{:.1}", d.hours_per_month),
                format!("{:.2}", d.headcount_needed),
            ]
        }));
        out.push('\n');
        table(&mut out, &rows);
    }
    out
}

/// `rows` as columns padded to their widest cell: the first column to the left, the figures
/// to the right.
fn table<const N: usize>(out: &mut String, rows: &[[String; N]]) {
    let width = |column: usize| {
        rows.iter()
            .map(|row| row[column].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..N).map(width).collect();
    for row in rows {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            let pad = widths[column] - cell.chars().count();
            if column == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
