//! `motivation.xlsx`: the motivation workbook. A sheet per position with a block per
//! employee, where the head of sales types the month's facts and Excel's formulas work out
//! completion, paid share, contribution, index, variable pay and pay, as `raciflow score`
//! does (docs/score.md); then a summary sheet of everyone's pay.
//!
//! Only the name and fact cells are unlocked: the sheets are protected so that a formula
//! cannot be typed over. Each formula carries its result, so a spreadsheet that does not
//! recalculate on opening still shows the right figures: blanks in the pack's workbook,
//! the scores in the one `raciflow score --format xlsx` writes.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::model::Direction;
use crate::render::labels::{Label, Labels};
use crate::render::xlsx::{cell_text, unique_name};
use crate::render::{OutputFile, RenderError};
use crate::score::{EmployeeScore, THRESHOLD_TOLERANCE, round_to};
use crate::views::{MotivationView, RolePay};

/// The file's name in the pack.
pub const PATH: &str = "motivation.xlsx";

/// The workbook of `view`, with `scores` filled into the blocks of their positions (none:
/// a blank workbook to type facts into).
pub fn motivation_workbook(
    view: &MotivationView,
    labels: &Labels,
    scores: &[EmployeeScore],
) -> Result<OutputFile, RenderError> {
    build(view, labels, scores).map_err(|e| RenderError::Table {
        path: PATH.to_owned(),
        reason: e.to_string(),
    })
}

struct Styles {
    title: Format,
    header: Format,
    label: Format,
    text: Format,
    number: Format,
    money: Format,
    percent: Format,
    input_text: Format,
    input_number: Format,
    total: Format,
}

/// The columns of an employee's block.
const COLUMNS: [&str; 10] = [
    "code",
    "indicator",
    "month_plan",
    "threshold",
    "mp_cap",
    "weight",
    "fact",
    "mp_completion",
    "mp_counted",
    "mp_contribution",
];

// The block's columns, in `COLUMNS` order, for the formulas.
const CODE: u16 = 0;
const NAME: u16 = 1;
const PLAN: u16 = 2;
const THRESHOLD: u16 = 3;
const CAP: u16 = 4;
const WEIGHT: u16 = 5;
const FACT: u16 = 6;
const DONE: u16 = 7;
const PAID: u16 = 8;
const ADDS: u16 = 9;

/// The cell reference of (`row`, `column`), both from 0: `G7`.
fn cell(row: u32, column: u16) -> String {
    format!("{}{}", char::from(b'A' + column as u8), row + 1)
}

/// Where one employee's figures are, for the summary sheet, and what they come to when
/// the block was filled.
struct Block<'a> {
    sheet: String,
    name: u32,
    index: u32,
    role: String,
    score: Option<&'a EmployeeScore>,
}

fn build(
    view: &MotivationView,
    labels: &Labels,
    scores: &[EmployeeScore],
) -> Result<OutputFile, XlsxError> {
    let label = |key: &str| match labels.get(key) {
        Some(Label::Text(text)) => text.clone(),
        _ => key.to_owned(),
    };
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color(0xC9D0DA);
    let money_format = "#,##0.00";
    let styles = Styles {
        title: Format::new().set_bold().set_font_size(13),
        header: border(
            Format::new()
                .set_bold()
                .set_background_color(0xE4EBF3)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
        ),
        label: Format::new().set_bold(),
        text: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
        number: border(Format::new().set_num_format("#,##0.##")),
        money: border(Format::new().set_num_format(money_format)),
        percent: border(Format::new().set_num_format("0.00%")),
        input_text: border(Format::new().set_unlocked().set_background_color(0xFFF7D6)),
        input_number: border(
            Format::new()
                .set_unlocked()
                .set_background_color(0xFFF7D6)
                .set_num_format("#,##0.##"),
        ),
        total: border(Format::new().set_bold().set_num_format("0.00%")),
    };
    let mut workbook = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&view.identity.title)
            .set_creation_datetime(&epoch),
    );
    let mut used = vec![label("summary_sheet")];
    let mut blocks = Vec::new();
    for role in &view.roles {
        let name = unique_name(&role.role.name, &mut used);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        let mine: Vec<&EmployeeScore> = scores.iter().filter(|s| s.role == role.role.id).collect();
        blocks.extend(role_sheet(sheet, &name, role, &mine, &label, &styles)?);
    }
    let summary = workbook.add_worksheet();
    summary.set_name(label("summary_sheet"))?;
    summary_sheet(summary, view, &blocks, &label, &styles)?;
    let bytes = workbook.save_to_buffer()?;
    Ok(OutputFile {
        path: PATH.to_owned(),
        bytes,
    })
}

/// A position's sheet: its salary and bonus, then a block per employee (its headcount, or
/// as many as `scores` fill).
fn role_sheet<'a>(
    sheet: &mut Worksheet,
    name: &str,
    role: &RolePay,
    scores: &[&'a EmployeeScore],
    label: &dyn Fn(&str) -> String,
    styles: &Styles,
) -> Result<Vec<Block<'a>>, XlsxError> {
    // A formula whose figures are not typed in yet shows nothing, as Excel would.
    sheet.set_formula_result_default("");
    sheet.write_string_with_format(0, 0, cell_text(&role.role.name), &styles.title)?;
    sheet.write_string_with_format(1, 0, cell_text(&label("mp_salary")), &styles.label)?;
    sheet.write_string_with_format(2, 0, cell_text(&label("mp_bonus")), &styles.label)?;
    sheet.write_number_with_format(1, 2, role.salary.unwrap_or(0.0), &styles.money)?;
    sheet.write_number_with_format(2, 2, role.bonus.unwrap_or(0.0), &styles.money)?;
    let (salary, bonus) = ("$C$2", "$C$3");
    let count = (role.headcount as usize).max(scores.len()).max(1);
    let lines = role.terms.len() as u32;
    let mut blocks = Vec::new();
    let mut row = 4;
    for n in 0..count {
        let score = scores.get(n).copied();
        let name_row = row;
        sheet.write_string_with_format(row, 0, cell_text(&label("employee")), &styles.label)?;
        sheet.merge_range(
            row,
            1,
            row,
            3,
            &cell_text(score.map_or("", |s| s.employee.as_str())),
            &styles.input_text,
        )?;
        row += 1;
        for (column, key) in COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(
                row,
                column as u16,
                cell_text(&label(key)),
                &styles.header,
            )?;
        }
        row += 1;
        let first = row;
        for (index, terms) in role.terms.iter().enumerate() {
            let scored = score.and_then(|s| s.indicators.iter().find(|i| i.kpi == terms.kpi));
            let r = first + index as u32;
            sheet.write_string_with_format(r, CODE, cell_text(&terms.kpi), &styles.text)?;
            sheet.write_string_with_format(r, NAME, cell_text(&terms.name), &styles.text)?;
            sheet.write_number_with_format(r, PLAN, terms.plan, &styles.number)?;
            sheet.write_number_with_format(r, THRESHOLD, terms.threshold, &styles.number)?;
            sheet.write_number_with_format(r, CAP, terms.cap, &styles.number)?;
            sheet.write_number_with_format(r, WEIGHT, terms.weight, &styles.number)?;
            match scored {
                Some(s) => sheet.write_number_with_format(r, FACT, s.fact, &styles.input_number)?,
                None => sheet.write_blank(r, FACT, &styles.input_number)?,
            };
            let [fact, plan, cap, done, threshold, paid, weight] =
                [FACT, PLAN, CAP, DONE, THRESHOLD, PAID, WEIGHT].map(|c| cell(r, c));
            // The completion, the right way round; a zero divisor is the best there is
            // when the other side is above zero (docs/score.md).
            let completion = match terms.direction {
                Direction::AtLeast => format!(
                    "=IF({fact}=\"\",\"\",IF({plan}>0,{fact}/{plan},IF({fact}>0,{cap}/100,1)))"
                ),
                Direction::AtMost => format!(
                    "=IF({fact}=\"\",\"\",IF({fact}>0,{plan}/{fact},IF({plan}>0,{cap}/100,1)))"
                ),
            };
            let result = |value: Option<f64>| value.map_or(String::new(), |v| v.to_string());
            let formulas = [
                (DONE, completion, result(scored.map(|s| s.completion))),
                (
                    PAID,
                    format!(
                        "=IF({done}=\"\",\"\",IF({done}*100<{threshold}-{THRESHOLD_TOLERANCE:E},0,MIN({done},{cap}/100)))"
                    ),
                    result(scored.map(|s| s.paid_share)),
                ),
                (
                    ADDS,
                    format!("=IF({paid}=\"\",\"\",{weight}/100*{paid})"),
                    result(scored.map(|s| s.contribution)),
                ),
            ];
            for (column, formula, value) in formulas {
                sheet.write_formula_with_format(
                    r,
                    column,
                    Formula::new(formula).set_result(value),
                    &styles.percent,
                )?;
            }
        }
        let last = first + lines.saturating_sub(1);
        let facts = format!("{}:{}", cell(first, FACT), cell(last, FACT));
        let validation = DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_title(label("fact"))?;
        sheet.add_data_validation(first, FACT, last, FACT, &validation)?;
        row = first + lines;
        // The index, the variable pay and the pay appear once every fact is typed in: a
        // missing figure is not a zero.
        let complete = format!("COUNT({facts})={lines}");
        let index_row = row;
        let adds = format!("{}:{}", cell(first, ADDS), cell(last, ADDS));
        let totals = [
            (
                "mp_index",
                format!("=IF({complete},ROUND(SUM({adds}),4),\"\")"),
                score.map(|s| s.index),
                &styles.total,
            ),
            (
                "mp_variable",
                format!(
                    "=IF({complete},ROUND({bonus}*{},2),\"\")",
                    cell(index_row, ADDS)
                ),
                score.and_then(|s| s.bonus.map(|b| round_to(b, 2))),
                &styles.money,
            ),
            (
                "mp_total",
                format!(
                    "=IF({complete},{salary}+{},\"\")",
                    cell(index_row + 1, ADDS)
                ),
                score.and_then(|s| s.pay.map(|p| round_to(p, 2))),
                &styles.money,
            ),
        ];
        for (offset, (key, formula, value, format)) in totals.into_iter().enumerate() {
            let r = row + offset as u32;
            sheet.write_string_with_format(r, NAME, cell_text(&label(key)), &styles.label)?;
            let value = value.map_or(String::new(), |v| v.to_string());
            sheet.write_formula_with_format(
                r,
                ADDS,
                Formula::new(formula).set_result(value),
                format,
            )?;
        }
        blocks.push(Block {
            sheet: name.to_owned(),
            name: name_row,
            index: index_row,
            role: role.role.name.clone(),
            score,
        });
        row += 5;
    }
    for (column, width) in [8.0, 44.0, 12.0, 9.0, 9.0, 8.0, 12.0, 12.0, 10.0, 12.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();
    Ok(blocks)
}

/// Everyone's pay: a row per block, its figures taken from the position's sheet.
fn summary_sheet(
    sheet: &mut Worksheet,
    view: &MotivationView,
    blocks: &[Block<'_>],
    label: &dyn Fn(&str) -> String,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_formula_result_default("");
    sheet.write_string_with_format(0, 0, cell_text(&view.identity.title), &styles.title)?;
    let headers = [
        "employee",
        "position",
        "mp_index",
        "mp_variable",
        "mp_total",
    ];
    for (column, key) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, column as u16, cell_text(&label(key)), &styles.header)?;
    }
    let result = |value: Option<f64>| value.map_or(String::new(), |v| round_to(v, 4).to_string());
    for (n, block) in blocks.iter().enumerate() {
        let row = 3 + n as u32;
        let quoted = format!("'{}'", block.sheet.replace('\'', "''"));
        let name = format!("{quoted}!{}", cell(block.name, NAME));
        sheet.write_formula_with_format(
            row,
            0,
            Formula::new(format!("=IF({name}=\"\",\"\",{name})"))
                .set_result(block.score.map_or("", |s| s.employee.as_str())),
            &styles.text,
        )?;
        sheet.write_string_with_format(row, 1, cell_text(&block.role), &styles.text)?;
        let figures = [
            (block.index, block.score.map(|s| s.index), &styles.percent),
            (
                block.index + 1,
                block.score.and_then(|s| s.bonus),
                &styles.money,
            ),
            (
                block.index + 2,
                block.score.and_then(|s| s.pay),
                &styles.money,
            ),
        ];
        for (column, (from, value, format)) in figures.into_iter().enumerate() {
            let formula = Formula::new(format!("={quoted}!{}", cell(from, ADDS)));
            sheet.write_formula_with_format(
                row,
                2 + column as u16,
                formula.set_result(result(value)),
                format,
            )?;
        }
    }
    for (column, width) in [28.0, 40.0, 12.0, 16.0, 16.0].into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.protect();
    Ok(())
}
