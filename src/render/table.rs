//! CSV files, written with the `csv` crate: RFC 4180 quoting, formula-like text
//! neutralised in text columns, numbers left as numbers, a UTF-8 BOM so that Excel opens
//! Cyrillic correctly on a double click. Excel splits columns on the list separator of the
//! computer's regional settings: `;` in Russia (where the decimal mark is `,`), `,` in
//! English-speaking countries. A file with the other separator opens as one column, so
//! the separator follows the pack's language, and numbers take the decimal mark that goes
//! with it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::layout;
use crate::model::Language;
use crate::render::labels::Labels;
use crate::render::text::{format_number, neutralise_formula};
use crate::render::{OutputFile, RenderError, Sink};
use crate::views::{Letter, Pack};

/// A cell of a CSV row.
enum Cell<'a> {
    /// Text: neutralised if a spreadsheet would run it.
    Text(Cow<'a, str>),
    /// A number, written as one (a KPI target of `-5` stays a number).
    Number(Option<f64>),
}

/// Every CSV file of the pack.
pub fn csv_files(
    pack: &Pack,
    labels: &Labels,
    separator: u8,
    files: &mut dyn Sink,
) -> Result<(), RenderError> {
    let label = |key: &str| super::xlsx::text_label(labels, key);
    let mut header = vec![
        Cell::Text(label("process").into()),
        Cell::Text(label("number_sign").into()),
        Cell::Text(label("step").into()),
    ];
    header.extend(
        pack.raci
            .roles
            .iter()
            .map(|r| Cell::Text(r.name.as_str().into())),
    );
    // Rows come from each process's own matrix, its letters set under the whole one's
    // columns: a CSV holds a company's matrix whole, when no page can.
    let column: BTreeMap<&str, usize> = pack
        .raci
        .roles
        .iter()
        .enumerate()
        .map(|(index, role)| (role.id.as_str(), index))
        .collect();
    // Written as they are made: a company's matrix is millions of cells.
    let rows = pack.processes.iter().flat_map(|process| {
        process.raci.rows.iter().map(|row| {
            let mut line = vec![
                Cell::Text(process.process.name.as_str().into()),
                Cell::Number(Some(row.step.number as f64)),
                Cell::Text(row.step.name.as_str().into()),
            ];
            let mut cells = vec![String::new(); pack.raci.roles.len()];
            for (role, letters) in process.raci.roles.iter().zip(&row.cells) {
                if let Some(&at) = column.get(role.id.as_str()) {
                    cells[at] = joined(letters);
                }
            }
            line.extend(cells.into_iter().map(|c| Cell::Text(c.into())));
            line
        })
    });
    let raci = std::iter::once(header).chain(rows);
    files.put(write(&format!("{}.csv", layout::MATRIX), raci, separator)?)?;
    for document in pack.documents.iter().filter(|d| !d.fields.is_empty()) {
        let header: Vec<Cell<'_>> = document
            .fields
            .iter()
            .map(|f| Cell::Text(f.name.as_str().into()))
            .collect();
        let path = format!("{}.csv", layout::form(&document.artifact.file));
        files.put(write(&path, [header], separator)?)?;
    }
    let columns = [
        "indicator",
        "category",
        "unit",
        "plan",
        "period",
        "month_plan",
        "fact",
        "fulfilment",
        "weight",
        "threshold",
        "weighted_result",
    ]
    .map(label);
    for form in &pack.plan_facts {
        let categories: Vec<String> = form
            .groups
            .iter()
            .map(|g| label(&format!("category_{}", key(g.category))))
            .collect();
        let mut rows = vec![
            columns
                .iter()
                .map(|c| Cell::Text(c.as_str().into()))
                .collect::<Vec<_>>(),
        ];
        for (group, category) in form.groups.iter().zip(&categories) {
            for k in &group.indicators {
                rows.push(vec![
                    Cell::Text(k.name.as_str().into()),
                    Cell::Text(category.as_str().into()),
                    Cell::Text(k.unit.as_deref().unwrap_or_default().into()),
                    Cell::Number(k.target),
                    Cell::Text(label(&format!("period_{}", key(k.period))).into()),
                    Cell::Number(k.month_plan),
                    Cell::Text("".into()),
                    Cell::Text("".into()),
                    Cell::Number(k.weight),
                    Cell::Number(k.threshold),
                    Cell::Text("".into()),
                ]);
            }
        }
        let path = format!("{}.csv", form.identity.page);
        files.put(write(&path, rows, separator)?)?;
    }
    Ok(())
}

/// The letters of a cell as the matrix prints them: `R/A`.
pub fn joined(cell: &[Letter]) -> String {
    cell.iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// The name a value of a unit enum has in the model and in label keys (`standard`,
/// `day`): its serde name, so labels and model stay one vocabulary.
fn key<T: serde::Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

fn write<'a>(
    path: &str,
    rows: impl IntoIterator<Item = Vec<Cell<'a>>>,
    separator: u8,
) -> Result<OutputFile, RenderError> {
    let fail = |e: csv::Error| RenderError::Table {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        let record: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) => neutralise_formula(text).into_owned(),
                Cell::Number(Some(n)) => plain_number(*n, separator),
                Cell::Number(None) => String::new(),
            })
            .collect();
        writer.write_record(&record).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| RenderError::Table {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    Ok(OutputFile {
        path: path.to_owned(),
        bytes,
    })
}

/// A number as a spreadsheet reads it back as a number: no grouping, and the decimal mark
/// of the regional settings that use `separator` (`,` where the list separator is `;`).
fn plain_number(value: f64, separator: u8) -> String {
    let number = format_number(value, Language::En).replace(',', "");
    if separator == b';' {
        number.replace('.', ",")
    } else {
        number
    }
}

#[cfg(test)]
mod tests {
    use super::plain_number;

    #[test]
    fn numbers_take_the_decimal_mark_that_goes_with_the_separator() {
        assert_eq!(plain_number(1_500_000.5, b';'), "1500000,5");
        assert_eq!(plain_number(1_500_000.5, b','), "1500000.5");
        assert_eq!(plain_number(-5.0, b';'), "-5");
    }
}
