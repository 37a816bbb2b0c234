//! `motivation.xlsx`: the motivation workbook. A sheet per position with a block per
//! employee, where the head of sales types the month's facts and Excel's formulas work out
//! completion, paid share, contribution, index, variable pay and pay, as `raciflow score`
//! does (docs/score.md); then a summary sheet of everyone's pay.
//!
//! Only the cells of the name, the days, the salary and the facts are unlocked: the sheets
//! are protected so that a formula cannot be typed over. Indicators are named as the
//! policy names them; their ids are for facts files and scripts, not for the sheet. Each
//! formula carries its result, so a spreadsheet that does not recalculate on opening still
//! shows the right figures: blanks in the pack's workbook, the scores in the one
//! `raciflow score --format xlsx` writes.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};

use crate::model::{Direction, KpiCategory};
use crate::render::labels::Labels;
use crate::render::xlsx::{
    bordered, cell_text, cut_at_word, fit_row, header_format, print_frame, text_label, unique_name,
};
use crate::render::{OutputFile, RenderError};
use crate::score::{EmployeeScore, Per, THRESHOLD_TOLERANCE, on_target, round_to};
use crate::views::{MotivationView, PayTerms, RolePay, UnitPlace};

/// The file's name in the pack.
pub const PATH: &str = "motivation.xlsx";

/// The workbook of `view` for a month of `month_days` working days, named `month` when
/// it is known, with `scores` filled into the blocks of their positions (none: a blank
/// workbook to type facts into); its
/// printed pages are headed by `organisation` and the policy's code.
pub fn motivation_workbook(
    view: &MotivationView,
    labels: &Labels,
    organisation: &str,
    (month, month_days): (Option<&str>, f64),
    scores: &[EmployeeScore],
) -> Result<OutputFile, RenderError> {
    build(view, labels, organisation, (month, month_days), scores).map_err(|e| RenderError::Table {
        path: PATH.to_owned(),
        reason: e.to_string(),
    })
}

struct Styles {
    title: Format,
    header: Format,
    label: Format,
    /// A line's label on a position's sheet: it wraps in its column rather than run under
    /// the figure beside it, which hid its end on paper.
    line: Format,
    text: Format,
    number: Format,
    whole: Format,
    /// A figure the indicator does not have (a development goal's threshold).
    dash: Format,
    money: Format,
    percent: Format,
    input_text: Format,
    input_number: Format,
    /// A count typed in, grouped as its plan is: «1 512» beside «1 470».
    input_whole: Format,
    /// A share typed in per cent: 90 shows as «90%».
    input_percent: Format,
    /// A sum of money typed in, in the pay's currency.
    input_money: Format,
    /// A share's plan in per cent: 95 shows as «95%».
    plan_percent: Format,
    total: Format,
}

impl Styles {
    /// The format of a figure: whole numbers without decimals (3 000 000, 95), others
    /// with up to two (4,5).
    fn figure(&self, value: f64) -> &Format {
        if value.fract() == 0.0 {
            &self.whole
        } else {
            &self.number
        }
    }

    /// The format of an indicator's plan: a share with its «%», a sum in the currency,
    /// any other figure as `figure` writes it.
    fn plan(&self, terms: &PayTerms, value: f64) -> &Format {
        // A development goal is planned as 100 percent of its milestone done.
        if terms.percent || terms.category == KpiCategory::Smart {
            &self.plan_percent
        } else if terms.money {
            &self.money
        } else {
            self.figure(value)
        }
    }
}

/// The columns of an employee's block.
const COLUMNS: [&str; 9] = [
    "indicator",
    "month_plan",
    "mp_threshold_percent",
    "mp_cap_percent",
    "mp_weight_percent",
    "fact",
    "mp_completion",
    "mp_counted",
    "mp_contribution",
];

/// A figure of an employee's score.
type Figure = fn(&EmployeeScore) -> Option<f64>;

/// The summary sheet's columns after the employee and the position: the heading, the row
/// of the employee's block the figure is on (from the index's), whether it is a sum of
/// money (formatted in the currency and totalled; the index is neither), and the score's
/// figure.
const SUMMARY_FIGURES: [(&str, u32, bool, Figure); 4] = [
    ("mp_salary_for_month", 2, true, |s| s.salary),
    ("mp_index", 0, false, |s| Some(s.index)),
    ("mp_variable", 1, true, |s| s.bonus),
    ("mp_total", 3, true, |s| s.pay),
];

/// The widths of the summary sheet's columns: employee, position, then `SUMMARY_FIGURES`.
const SUMMARY_WIDTHS: [f64; 6] = [30.0, 40.0, 18.0, 13.0, 18.0, 18.0];

/// Headings paired with the widths of their columns, as `fit_row` takes them.
fn fitting<'a>(headings: &'a [String], widths: &[f64]) -> Vec<(&'a str, f64)> {
    headings
        .iter()
        .map(String::as_str)
        .zip(widths.iter().copied())
        .collect()
}

/// The widths of a position sheet's columns, in `COLUMNS` order.
const WIDTHS: [f64; 9] = [50.0, 13.0, 10.0, 10.0, 8.0, 13.0, 13.0, 13.0, 14.0];

// The block's columns, in `COLUMNS` order, for the formulas.
const NAME: u16 = 0;
const PLAN: u16 = 1;
const THRESHOLD: u16 = 2;
const CAP: u16 = 3;
const WEIGHT: u16 = 4;
const FACT: u16 = 5;
const DONE: u16 = 6;
const PAID: u16 = 7;
const ADDS: u16 = 8;

/// The cell reference of (`row`, `column`), both from 0: `G7`.
fn cell(row: u32, column: u16) -> String {
    format!("{}{}", char::from(b'A' + column as u8), row + 1)
}

/// Where the summary sheet keeps the month's working days, which every position's sheet
/// takes.
const MONTH_DAYS: &str = "$B$3";

/// The longest title of a data validation Excel accepts: the labels titles are made of may
/// be the client's own, so they are cut to fit.
const VALIDATION_TITLE: usize = 32;
/// The longest message of a data validation Excel accepts.
const VALIDATION_MESSAGE: usize = 255;

/// Writes `text` as the label of `row` of a position's sheet, the row as high as its lines.
fn line_label(
    sheet: &mut Worksheet,
    row: u32,
    text: &str,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let text = cell_text(text);
    sheet.write_string_with_format(row, NAME, &text, &styles.line)?;
    fit_row(sheet, row, &[(&text, WIDTHS[usize::from(NAME)])])
}

/// `sheet` as a formula names it: `'Сводная'`.
fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
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
    organisation: &str,
    (month, month_days): (Option<&str>, f64),
    scores: &[EmployeeScore],
) -> Result<OutputFile, XlsxError> {
    let label = |key: &str| text_label(labels, key);
    // Sums carry the pay's currency where the model names one: "£2,400.00", «2 400,00 ₽».
    let money_format = match view.currency.as_deref().map(|c| c.replace('"', "")) {
        Some(c) if matches!(view.currency_place, UnitPlace::Prefix) => format!("\"{c}\"#,##0.00"),
        Some(c) if matches!(view.currency_place, UnitPlace::Before) => format!("\"{c} \"#,##0.00"),
        Some(c) => format!("#,##0.00 \"{c}\""),
        None => "#,##0.00".to_owned(),
    };
    let styles = Styles {
        title: Format::new().set_bold().set_font_size(13),
        header: header_format(),
        label: Format::new().set_bold(),
        // Bottom-aligned, as the figure beside it is.
        line: Format::new().set_bold().set_text_wrap(),
        text: bordered(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
        number: bordered(Format::new().set_num_format("#,##0.00")),
        whole: bordered(Format::new().set_num_format("#,##0")),
        dash: bordered(Format::new().set_align(FormatAlign::Right)),
        money: bordered(Format::new().set_num_format(&money_format)),
        percent: bordered(Format::new().set_num_format("0.00%")),
        input_text: bordered(Format::new().set_unlocked().set_background_color(0xFFF7D6)),
        input_number: bordered(
            Format::new()
                .set_unlocked()
                .set_background_color(0xFFF7D6)
                .set_num_format("General"),
        ),
        input_whole: bordered(
            Format::new()
                .set_unlocked()
                .set_background_color(0xFFF7D6)
                .set_num_format("#,##0"),
        ),
        input_percent: bordered(
            Format::new()
                .set_unlocked()
                .set_background_color(0xFFF7D6)
                .set_num_format("General\"%\""),
        ),
        input_money: bordered(
            Format::new()
                .set_unlocked()
                .set_background_color(0xFFF7D6)
                .set_num_format(&money_format),
        ),
        plan_percent: bordered(Format::new().set_num_format("General\"%\"")),
        total: bordered(Format::new().set_bold().set_num_format("0.00%")),
    };
    let mut workbook = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&view.identity.title)
            .set_creation_datetime(&epoch),
    );
    // The summary comes first, as a workbook's overview does; it is filled in last, when
    // the positions' sheets it sums are known.
    workbook.add_worksheet().set_name(label("summary_sheet"))?;
    let mut used = vec![label("summary_sheet")];
    let mut blocks = Vec::new();
    let calendar = Month {
        days: month_days,
        salary_for_days_worked: view.salary_for_days_worked,
    };
    for role in &view.roles {
        let name = unique_name(&role.role.name, &mut used);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        let mine: Vec<&EmployeeScore> = scores.iter().filter(|s| s.role == role.role.id).collect();
        blocks.extend(role_sheet(
            sheet, &name, role, calendar, &mine, &label, &styles,
        )?);
        print_frame(sheet, labels, organisation, Some(&view.identity));
    }
    let summary = workbook.worksheet_from_index(0)?;
    summary_sheet(summary, view, (month, month_days), &blocks, &label, &styles)?;
    print_frame(summary, labels, organisation, Some(&view.identity));
    let bytes = workbook.save_to_buffer()?;
    Ok(OutputFile {
        path: PATH.to_owned(),
        bytes,
    })
}

/// The month a position's sheet is laid out for.
#[derive(Clone, Copy)]
struct Month {
    /// Its working days.
    days: f64,
    /// Whether salaries follow the days worked (`MotivationView::salary_for_days_worked`).
    salary_for_days_worked: bool,
}

/// A position's sheet: its standard salary, the bonus at that salary and the month's
/// working days, then a block per employee (its headcount, or as many as `scores` fill),
/// each with the employee's own salary: two holders of a position may be paid differently,
/// and the bonus, a percent of the salary, follows it.
fn role_sheet<'a>(
    sheet: &mut Worksheet,
    name: &str,
    role: &RolePay,
    calendar: Month,
    scores: &[&'a EmployeeScore],
    label: &dyn Fn(&str) -> String,
    styles: &Styles,
) -> Result<Vec<Block<'a>>, XlsxError> {
    // A formula whose figures are not typed in yet shows nothing, as Excel would.
    sheet.set_formula_result_default("");
    sheet.write_string_with_format(0, NAME, cell_text(&role.role.name), &styles.title)?;
    for (row, key, value) in [
        (1, "mp_salary_standard", role.salary.unwrap_or(0.0)),
        (2, "mp_bonus_standard", role.bonus.unwrap_or(0.0)),
    ] {
        line_label(sheet, row, &label(key), styles)?;
        sheet.write_number_with_format(row, PLAN, value, &styles.money)?;
    }
    // The month's working days are typed once, on the summary sheet.
    let summary = quoted(&label("summary_sheet"));
    line_label(sheet, 3, &label("mp_days_in_month"), styles)?;
    let from_summary =
        Formula::new(format!("={summary}!{MONTH_DAYS}")).set_result(calendar.days.to_string());
    sheet.write_formula_with_format(3, PLAN, from_summary, &styles.whole)?;
    // The position's figures, in the plan column of the sheet's head: `$B$2`.
    let column = char::from(b'A' + PLAN as u8);
    let head = |row: u32| format!("${column}${}", row + 1);
    let (standard_salary, standard_bonus, month) = (head(1), head(2), head(3));
    let count = (role.headcount as usize).max(scores.len()).max(1);
    let lines = role.terms.len() as u32;
    let mut blocks = Vec::new();
    let mut breaks = Vec::new();
    let mut row = 5;
    for n in 0..count {
        // Each employee's calculation prints on a page of its own, never split.
        if n > 0 {
            breaks.push(row);
        }
        let score = scores.get(n).copied();
        let name_row = row;
        line_label(sheet, row, &label("employee"), styles)?;
        sheet.merge_range(
            row,
            PLAN,
            row,
            WEIGHT,
            &cell_text(score.map_or("", |s| s.employee.as_str())),
            &styles.input_text,
        )?;
        row += 1;
        // The days worked, when fewer than the month's: blank is the whole month.
        line_label(sheet, row, &label("mp_worked_days"), styles)?;
        let worked_cell = cell(row, PLAN);
        match score.filter(|s| s.worked_days != s.period_days) {
            Some(s) => {
                sheet.write_number_with_format(row, PLAN, s.worked_days, &styles.input_number)?
            }
            None => sheet.write_blank(row, PLAN, &styles.input_number)?,
        };
        let days_rule = DataValidation::new()
            .allow_decimal_number_formula(DataValidationRule::Between(
                Formula::new("0.5"),
                Formula::new(month.as_str()),
            ))
            .set_error_title(cut_at_word(&label("pf_worked_days"), VALIDATION_TITLE))?;
        sheet.add_data_validation(row, PLAN, row, PLAN, &days_rule)?;
        let worked = format!("IF(ISNUMBER({worked_cell}),{worked_cell},{month})");
        row += 1;
        // Where the scheme protects an absence (sickness in a UK scheme: paid as worked,
        // the targets for the days left), a line for its days: blank is none.
        let available = match label("mp_protected_days") {
            text if text.is_empty() => worked.clone(),
            text => {
                line_label(sheet, row, &text, styles)?;
                let protected_cell = cell(row, PLAN);
                match score.filter(|s| s.protected_days > 0.0) {
                    Some(s) => sheet.write_number_with_format(
                        row,
                        PLAN,
                        s.protected_days,
                        &styles.input_number,
                    )?,
                    None => sheet.write_blank(row, PLAN, &styles.input_number)?,
                };
                let rule = DataValidation::new()
                    .allow_decimal_number_formula(DataValidationRule::Between(
                        Formula::new("0"),
                        Formula::new(worked.clone()),
                    ))
                    .set_error_title(cut_at_word(&text, VALIDATION_TITLE))?;
                sheet.add_data_validation(row, PLAN, row, PLAN, &rule)?;
                row += 1;
                format!("({worked}-N({protected_cell}))")
            }
        };
        // The employee's salary, the position's until typed over, and the bonus it brings.
        line_label(sheet, row, &label("mp_contract_salary"), styles)?;
        let salary = cell(row, PLAN);
        let monthly_salary = score.and_then(|s| s.monthly_salary).or(role.salary);
        sheet.write_number_with_format(
            row,
            PLAN,
            monthly_salary.unwrap_or(0.0),
            &styles.input_money,
        )?;
        let salary_rule = DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_title(cut_at_word(&label("mp_contract_salary"), VALIDATION_TITLE))?;
        sheet.add_data_validation(row, PLAN, row, PLAN, &salary_rule)?;
        row += 1;
        line_label(sheet, row, &label("mp_on_target"), styles)?;
        let bonus = cell(row, PLAN);
        let target_bonus = role
            .bonus
            .map(|b| on_target(b, role.salary, monthly_salary));
        let formula = match role.salary {
            Some(standard) if standard > 0.0 => {
                format!("=ROUND({standard_bonus}*{salary}/{standard_salary},2)")
            }
            _ => format!("={standard_bonus}"),
        };
        sheet.write_formula_with_format(
            row,
            PLAN,
            Formula::new(formula).set_result(target_bonus.unwrap_or(0.0).to_string()),
            &styles.money,
        )?;
        row += 1;
        let headings: Vec<String> = COLUMNS.iter().map(|key| cell_text(&label(key))).collect();
        for (column, heading) in headings.iter().enumerate() {
            sheet.write_string_with_format(row, column as u16, heading, &styles.header)?;
        }
        // Headings wrap in their columns: the row is as high as the longest needs.
        fit_row(sheet, row, &fitting(&headings, &WIDTHS))?;
        row += 1;
        let first = row;
        for (index, terms) in role.terms.iter().enumerate() {
            let scored = score.and_then(|s| s.indicators.iter().find(|i| i.kpi == terms.kpi));
            let r = first + index as u32;
            sheet.write_string_with_format(r, NAME, cell_text(&terms.name), &styles.text)?;
            fit_row(sheet, r, &[(&terms.name, WIDTHS[usize::from(NAME)])])?;
            let plan_value = scored.map_or(terms.plan, |s| s.plan);
            match terms.scaling {
                // The plan follows the days worked, as `score::plan` makes it.
                Some(scaling) => {
                    let per = match scaling.per {
                        Per::Days(days) => days.to_string(),
                        Per::Months(months) => format!("({months}*{month})"),
                    };
                    let raw = format!("{}*{available}/{per}", scaling.target);
                    let formula = match scaling.whole {
                        Some(Direction::AtLeast) => format!("=ROUNDUP(ROUND({raw},6),0)"),
                        Some(Direction::AtMost) => format!("=ROUNDDOWN(ROUND({raw},6),0)"),
                        None => format!("={raw}"),
                    };
                    let formula = Formula::new(formula).set_result(plan_value.to_string());
                    sheet.write_formula_with_format(
                        r,
                        PLAN,
                        formula,
                        styles.plan(terms, plan_value),
                    )?;
                }
                None => {
                    sheet.write_number_with_format(
                        r,
                        PLAN,
                        terms.plan,
                        styles.plan(terms, terms.plan),
                    )?;
                }
            }
            for (column, value) in [(CAP, terms.cap), (WEIGHT, terms.weight)] {
                sheet.write_number_with_format(r, column, value, styles.figure(value))?;
            }
            // An indicator without a threshold shows a dash, as the policy's table does; the
            // formulas read it as 0 through N().
            match terms.threshold {
                Some(value) => {
                    sheet.write_number_with_format(r, THRESHOLD, value, styles.figure(value))?
                }
                None => sheet.write_string_with_format(r, THRESHOLD, "—", &styles.dash)?,
            };
            let input = if terms.percent || terms.category == KpiCategory::Smart {
                &styles.input_percent
            } else if terms.money {
                &styles.input_money
            } else if terms.scaling.is_some_and(|s| s.whole.is_some()) {
                &styles.input_whole
            } else {
                &styles.input_number
            };
            match scored {
                Some(s) => sheet.write_number_with_format(r, FACT, s.fact, input)?,
                None => sheet.write_blank(r, FACT, input)?,
            };
            // A development goal's fact is the percent of its milestone done: 100 or 0
            // for done or not.
            let fact_rule = match terms.category {
                KpiCategory::Smart => DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
                    .set_input_message(cut_at_word(&label("mp_smart_input"), VALIDATION_MESSAGE))?,
                // A share is typed as the number of per cent: 90 typed as «90%» is 0.9 to a
                // spreadsheet and would pay almost nothing. A fact between 0 and 1 is asked
                // about (a real 0.5% can still be confirmed).
                _ if terms.percent => DataValidation::new()
                    .allow_custom(Formula::new(format!(
                        "=OR({fact}=0,AND({fact}>=1,{fact}<=100))",
                        fact = cell(r, FACT)
                    )))
                    .set_error_style(DataValidationErrorStyle::Warning)
                    .set_input_message(cut_at_word(&label("mp_percent_input"), VALIDATION_MESSAGE))?
                    .set_error_message(cut_at_word(
                        &label("mp_percent_input"),
                        VALIDATION_MESSAGE,
                    ))?,
                _ => DataValidation::new()
                    .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            }
            .set_error_title(cut_at_word(&label("fact"), VALIDATION_TITLE))?;
            sheet.add_data_validation(r, FACT, r, FACT, &fact_rule)?;
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
                        "=IF({done}=\"\",\"\",IF({done}*100<N({threshold})-{THRESHOLD_TOLERANCE:E},0,MIN({done},{cap}/100)))"
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
        row = first + lines;
        // The index, the variable pay, the salary and the pay appear once every fact is
        // typed in: a missing figure is not a zero. Salary and bonus are the month's, in
        // proportion to the days worked.
        let complete = format!("COUNT({facts})={lines}");
        let index_row = row;
        let adds = format!("{}:{}", cell(first, ADDS), cell(last, ADDS));
        let share = format!("{worked}/{month}");
        // The salary follows the days worked where the model's law says so (see
        // `score::salary_follows_days`); elsewhere it is the contract's.
        let salary_for_month = if calendar.salary_for_days_worked {
            format!("{salary}*{share}")
        } else {
            salary.clone()
        };
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
                    "=IF({complete},ROUND(ROUND({bonus}*{share},2)*{},2),\"\")",
                    cell(index_row, ADDS)
                ),
                score.and_then(|s| s.bonus),
                &styles.money,
            ),
            (
                "mp_salary_for_month",
                format!("=IF({complete},ROUND({salary_for_month},2),\"\")"),
                score.and_then(|s| s.salary),
                &styles.money,
            ),
            (
                "mp_total",
                format!(
                    "=IF({complete},{}+{},\"\")",
                    cell(index_row + 1, ADDS),
                    cell(index_row + 2, ADDS)
                ),
                score.and_then(|s| s.pay),
                &styles.money,
            ),
        ];
        for (offset, (key, formula, value, format)) in totals.into_iter().enumerate() {
            let r = row + offset as u32;
            line_label(sheet, r, &label(key), styles)?;
            let value = value.map_or(String::new(), |v| round_to(v, 4).to_string());
            sheet.write_formula_with_format(
                r,
                ADDS,
                Formula::new(formula).set_result(value),
                format,
            )?;
        }
        // The calculation is signed by whoever draws it up, and the employee signs that
        // he has seen it, as under a paper motivation sheet.
        for (offset, (key, hint)) in [
            ("prepared_by", "sign_hint_position"),
            ("acquainted_form", "sign_hint"),
        ]
        .into_iter()
        .enumerate()
        {
            let line = format!(
                "{}: ____________________ {}   {}: ____________",
                label(key),
                label(hint),
                label("date")
            );
            sheet.write_string(row + 5 + offset as u32, 0, cell_text(&line))?;
        }
        blocks.push(Block {
            sheet: name.to_owned(),
            name: name_row,
            index: index_row,
            role: role.role.name.clone(),
            score,
        });
        row += 8;
    }
    for (column, width) in WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    if !breaks.is_empty() {
        sheet.set_page_breaks(&breaks)?;
    }
    // Every printed page names the position and its pay above its employee's block.
    sheet.set_repeat_rows(0, 3)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();
    Ok(blocks)
}

/// Everyone's pay for the month: a row per block, its figures taken from the position's
/// sheet, the totals, and the lines the pay is signed off on.
fn summary_sheet(
    sheet: &mut Worksheet,
    view: &MotivationView,
    (month, month_days): (Option<&str>, f64),
    blocks: &[Block<'_>],
    label: &dyn Fn(&str) -> String,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_formula_result_default("");
    sheet.write_string_with_format(0, 0, cell_text(&label("mp_summary_title")), &styles.title)?;
    sheet.write_string_with_format(1, 0, cell_text(&label("month_field")), &styles.label)?;
    match month {
        Some(month) => {
            sheet.write_string_with_format(1, 1, cell_text(month), &styles.input_text)?
        }
        None => sheet.write_blank(1, 1, &styles.input_text)?,
    };
    sheet.write_string_with_format(2, 0, cell_text(&label("mp_days_in_month")), &styles.label)?;
    sheet.write_number_with_format(2, 1, month_days, &styles.input_number)?;
    let days_rule = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(1.0, 31.0))
        .set_error_title(cut_at_word(&label("mp_days_in_month"), VALIDATION_TITLE))?;
    sheet.add_data_validation(2, 1, 2, 1, &days_rule)?;
    let title = format!(
        "{} {} {}",
        label("mp_basis"),
        view.identity.code,
        view.identity.title
    );
    sheet.write_string(3, 0, cell_text(&title))?;
    let headings: Vec<String> = ["employee", "position"]
        .into_iter()
        .chain(SUMMARY_FIGURES.iter().map(|(key, _, _, _)| *key))
        .map(|key| cell_text(&label(key)))
        .collect();
    for (column, heading) in headings.iter().enumerate() {
        sheet.write_string_with_format(5, column as u16, heading, &styles.header)?;
    }
    fit_row(sheet, 5, &fitting(&headings, &SUMMARY_WIDTHS))?;
    let result = |value: Option<f64>| value.map_or(String::new(), |v| round_to(v, 4).to_string());
    let first = 6;
    for (n, block) in blocks.iter().enumerate() {
        let row = first + n as u32;
        let quoted = quoted(&block.sheet);
        let name = format!("{quoted}!{}", cell(block.name, PLAN));
        sheet.write_formula_with_format(
            row,
            0,
            Formula::new(format!("=IF({name}=\"\",\"\",{name})"))
                .set_result(block.score.map_or("", |s| s.employee.as_str())),
            &styles.text,
        )?;
        sheet.write_string_with_format(row, 1, cell_text(&block.role), &styles.text)?;
        for (column, (_, offset, money, figure)) in SUMMARY_FIGURES.iter().enumerate() {
            let formula = Formula::new(format!("={quoted}!{}", cell(block.index + offset, ADDS)));
            let format = if *money {
                &styles.money
            } else {
                &styles.percent
            };
            sheet.write_formula_with_format(
                row,
                2 + column as u16,
                formula.set_result(result(block.score.and_then(figure))),
                format,
            )?;
        }
    }
    let total = first + blocks.len() as u32;
    sheet.write_string_with_format(
        total,
        1,
        cell_text(&label("mp_summary_total")),
        &styles.label,
    )?;
    // Every sum of money is totalled; the index is not a sum.
    for (column, (_, _, money, figure)) in SUMMARY_FIGURES.iter().enumerate() {
        if !money {
            continue;
        }
        let column = 2 + column as u16;
        let range = format!("{}:{}", cell(first, column), cell(total - 1, column));
        let sum: f64 = blocks.iter().filter_map(|b| b.score.and_then(figure)).sum();
        let formula =
            Formula::new(format!("=SUM({range})")).set_result(round_to(sum, 2).to_string());
        sheet.write_formula_with_format(total, column, formula, &styles.money)?;
    }
    // Who draws the summary up and who approves the month's bonuses is the motivation
    // process's to say, not the policy's: each line asks for the position.
    let lines = ["prepared_by", "approved_form", "mp_received_by"].map(|key| {
        let hint = if key == "mp_received_by" {
            "sign_hint"
        } else {
            "sign_hint_position"
        };
        format!("{}: ____________________ {}", label(key), label(hint))
    });
    for (offset, line) in lines.iter().enumerate() {
        let row = total + 2 + offset as u32 * 2;
        sheet.write_string(row, 0, cell_text(line))?;
    }
    for (column, width) in SUMMARY_WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect();
    Ok(())
}
