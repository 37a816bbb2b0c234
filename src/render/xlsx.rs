//! `raci.xlsx`: the responsibility matrix as an Excel workbook: a summary sheet with every
//! process, then a sheet per process; a colour per letter, frozen header, autofilter.
//!
//! Text goes in with `write_string`, never as a formula; text a spreadsheet would read as
//! a formula also gets the quote prefix, so editing the cell does not arm it. The
//! creation date is fixed, so the same model gives the same bytes.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::check::MAX_CELL_CHARS;
use crate::model::Language;
use crate::render::labels::{Label, Labels};
use crate::render::table::joined;
use crate::render::text::starts_like_formula;
use crate::render::{OutputFile, RenderError};
use crate::views::{Identity, Letter, Pack, RaciRow, RoleLink, upper_first};

const PATH: &str = "raci.xlsx";
/// Excel's limit on the text of a cell, in characters.
/// Excel's limit on a sheet name.
const MAX_SHEET_NAME: usize = 31;

/// The workbook of the whole matrix.
pub fn raci_workbook(pack: &Pack, labels: &Labels) -> Result<OutputFile, RenderError> {
    build(pack, labels).map_err(|e| RenderError::Table {
        path: PATH.to_owned(),
        reason: e.to_string(),
    })
}

struct Styles {
    header: Format,
    /// A role's heading, turned to read upwards so that a column of letters stays narrow.
    role: Format,
    group: Format,
    text: Format,
    quoted: Format,
    number: Format,
    letters: [Format; 5],
    /// What follows a decision's name in its row: « (решение)», " (decision)".
    decision: String,
}

/// A row's title: the step's name, and a decision said to be one.
fn row_title(row: &RaciRow, styles: &Styles) -> String {
    if row.decision {
        format!("{}{}", row.step.name, styles.decision)
    } else {
        row.step.name.clone()
    }
}

fn letter_colour(letter: Letter) -> u32 {
    match letter {
        Letter::R => 0x2E7D32,
        Letter::A => 0xC62828,
        Letter::C => 0x1565C0,
        Letter::I => 0x6D6D6D,
        Letter::S => 0x7B1FA2,
    }
}

/// The text of label `key`, or the key itself when it is missing or a list.
pub(super) fn text_label(labels: &Labels, key: &str) -> String {
    match labels.get(key) {
        Some(Label::Text(text)) => text.clone(),
        _ => key.to_owned(),
    }
}

/// The running header and footer of a printed sheet of the document `identity`: the
/// `organisation` on the left and the code and version on the right at the top, «стр. N
/// из M» at the bottom, as the pack's printed pages have them. A sheet that is no
/// document's (the register of them all) has no code.
pub(super) fn print_frame(
    sheet: &mut Worksheet,
    labels: &Labels,
    organisation: &str,
    identity: Option<&Identity>,
) {
    // Excel's header codes start with `&`: the model's own ampersands are doubled.
    let escape = |text: &str| text.replace('&', "&&");
    let code = match identity {
        Some(Identity {
            code,
            version: Some(version),
            ..
        }) => format!("{code} · {} {version}", text_label(labels, "version")),
        Some(identity) => identity.code.clone(),
        None => String::new(),
    };
    sheet.set_header(format!("&L{}&R{}", escape(organisation), escape(&code)));
    let (before, between) = match labels.get("page_of") {
        Some(Label::List(parts)) if parts.len() == 2 => (parts[0].clone(), parts[1].clone()),
        _ => (String::new(), " / ".to_owned()),
    };
    sheet.set_footer(format!("&R{}&P{}&N", escape(&before), escape(&between)));
}

/// `format` with the thin grey border of the pack's workbooks.
pub(super) fn bordered(format: Format) -> Format {
    format
        .set_border(FormatBorder::Thin)
        .set_border_color(0xC9D0DA)
}

/// A column heading of the pack's workbooks: bold on pale blue, wrapped and centred.
pub(super) fn header_format() -> Format {
    bordered(
        Format::new()
            .set_bold()
            .set_background_color(0xE4EBF3)
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
    )
}

fn build(pack: &Pack, labels: &Labels) -> Result<OutputFile, XlsxError> {
    let label = |key: &str| text_label(labels, key);
    let styles = Styles {
        header: header_format(),
        role: header_format().set_rotation(90),
        group: Format::new().set_bold().set_background_color(0xF3F5F8),
        text: bordered(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
        quoted: bordered(
            Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_quote_prefix(),
        ),
        number: bordered(Format::new().set_align(FormatAlign::Top)),
        letters: Letter::ALL.map(|letter| {
            bordered(
                Format::new()
                    .set_bold()
                    .set_font_color(Color::White)
                    .set_background_color(letter_colour(letter))
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter),
            )
        }),
        decision: format!(" ({})", label("raci_decision")),
    };
    let mut workbook = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&pack.meta.name)
            .set_creation_datetime(&epoch),
    );
    let mut used: Vec<String> = Vec::new();
    let organisation = pack.meta.organisation();
    let summary = workbook.add_worksheet();
    summary.set_name(unique_name(&label("summary_sheet"), &mut used))?;
    let headers = [label("number_sign"), label("step")];
    // A dash, not a colon: the model's name often holds a colon of its own.
    let title = format!("{} — {}", label("raci_matrix"), pack.meta.name);
    let last = |fixed: usize, roles: usize| (fixed + roles).saturating_sub(1) as u16;
    let width = last(2, pack.raci.roles.len());
    summary.merge_range(0, 0, 0, width, &cell_text(&title), &styles.group)?;
    write_header(summary, HEADER_ROW, &headers, &pack.raci.roles, &styles)?;
    let mut row = HEADER_ROW + 1;
    // Each process heads its steps in a row of its own, as in the HTML and Word matrices:
    // its name in every row made each row two lines high and the print twice as long.
    // A matrix too large to be whole says where each process's is: on its own sheet.
    if !pack.raci.whole {
        summary.write_string(row, 0, cell_text(&label("raci_split")))?;
        row += 1;
    }
    for (number, section) in pack.raci.sections.iter().enumerate() {
        let heading = format!("{}. {}", number + 1, section.process.name);
        summary.merge_range(row, 0, row, width, &cell_text(&heading), &styles.group)?;
        row += 1;
        for step in &section.rows {
            write_row(summary, row, 0, Some(number + 1), step, &styles)?;
            fit_row(summary, row, &[(&row_title(step, &styles), 44.0)])?;
            row += 1;
        }
    }
    // Only the letters a sheet holds are explained under it.
    let legend = |letters: &[Letter]| -> Vec<(Letter, String)> {
        letters
            .iter()
            .map(|&l| (l, label(&format!("letter_{}", l.as_str()))))
            .collect()
    };
    let all = legend(&pack.raci.letters);
    write_legend(summary, row + 1, &all, &styles)?;
    // The matrix is a document approved as the others are: its approval line under it.
    let approver = &pack.raci.identity.approver;
    let approval = format!(
        "{} ({}): ____________________ {}   {}: ______________",
        label("approved_form"),
        approver.in_text,
        approver.name.as_deref().unwrap_or_default(),
        label("date")
    );
    summary.write_string(row + 2 + all.len() as u32, 0, cell_text(&approval))?;
    finish(summary, row, 2, &pack.raci.roles, &[5.0, 44.0])?;
    print_frame(summary, labels, organisation, Some(&pack.raci.identity));
    for (section, process) in pack.raci.sections.iter().zip(&pack.processes) {
        let sheet = workbook.add_worksheet();
        // Named as people read them; Excel allows 31 characters, made unique.
        sheet.set_name(unique_name(&section.process.name, &mut used))?;
        let roles = &process.raci.roles;
        sheet.merge_range(
            0,
            0,
            0,
            last(2, roles.len()),
            &cell_text(&section.process.name),
            &styles.group,
        )?;
        write_header(sheet, HEADER_ROW, &headers, roles, &styles)?;
        let mut row = HEADER_ROW + 1;
        for step in &process.raci.rows {
            write_row(sheet, row, 0, None, step, &styles)?;
            fit_row(sheet, row, &[(&row_title(step, &styles), 56.0)])?;
            row += 1;
        }
        write_legend(sheet, row + 1, &legend(&process.raci.letters), &styles)?;
        finish(sheet, row, 2, roles, &[5.0, 56.0])?;
        print_frame(sheet, labels, organisation, Some(&pack.raci.identity));
    }
    let register = workbook.add_worksheet();
    register_sheet(register, pack, &label, &styles, &mut used)?;
    print_frame(register, labels, organisation, None);
    let bytes = workbook.save_to_buffer()?;
    Ok(OutputFile {
        path: PATH.to_owned(),
        bytes,
    })
}

/// The document register: every document of the pack with its code, version, date,
/// owner and approver, for the client's document control.
fn register_sheet(
    sheet: &mut Worksheet,
    pack: &Pack,
    label: &dyn Fn(&str) -> String,
    styles: &Styles,
    used: &mut Vec<String>,
) -> Result<(), XlsxError> {
    sheet.set_name(unique_name(&label("register"), used))?;
    let headers = [
        "code",
        "document",
        "version",
        "effective_date",
        "owner",
        "approver",
    ]
    .map(label);
    sheet.merge_range(
        0,
        0,
        0,
        headers.len() as u16 - 1,
        &cell_text(&format!("{} — {}", label("register"), pack.meta.name)),
        &styles.group,
    )?;
    // Headings start with a capital, as a table's do, whatever case the label has in prose.
    let headers = headers.map(|h| upper_first(&h));
    write_header(sheet, HEADER_ROW, &headers, &[], styles)?;
    sheet.set_row_height(HEADER_ROW, 30)?;
    let mut row = HEADER_ROW + 1;
    for doc in &pack.register {
        // «Генеральный директор А.В. Соколов», "Managing Director, Jane Smith".
        let approver = match &doc.approver.name {
            Some(name) if pack.meta.language == Language::Ru => {
                format!("{} {name}", doc.approver.position)
            }
            Some(name) => format!("{}, {name}", doc.approver.position),
            None => doc.approver.position.clone(),
        };
        let cells = [
            doc.code.as_str(),
            doc.title.as_str(),
            doc.version.as_deref().unwrap_or_default(),
            doc.date.as_deref().unwrap_or_default(),
            doc.keeper.as_str(),
            approver.as_str(),
        ];
        for (column, value) in cells.into_iter().enumerate() {
            text(sheet, row, column as u16, value, styles)?;
        }
        fit_row(
            sheet,
            row,
            &[
                (&doc.title, REGISTER_WIDTHS[1]),
                (&doc.keeper, REGISTER_WIDTHS[4]),
                (&approver, REGISTER_WIDTHS[5]),
            ],
        )?;
        row += 1;
    }
    finish(sheet, row, headers.len() as u16, &[], &REGISTER_WIDTHS)
}

/// The register's columns: code, title, version, date, keeper, approver. Together about
/// as wide as a landscape A4 page holds at full size, so that it prints legibly.
const REGISTER_WIDTHS: [f64; 6] = [10.0, 50.0, 9.0, 14.0, 28.0, 30.0];

/// The row of the column headers; the sheet's title is above it.
const HEADER_ROW: u32 = 1;

fn write_header(
    sheet: &mut Worksheet,
    at: u32,
    fixed: &[String],
    roles: &[RoleLink],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let mut column = 0;
    for name in fixed {
        sheet.write_string_with_format(at, column, name, &styles.header)?;
        column += 1;
    }
    for role in roles {
        let format = if starts_like_formula(&role.name) {
            styles.role.clone().set_quote_prefix()
        } else {
            styles.role.clone()
        };
        sheet.write_string_with_format(at, column, cell_text(&role.name), &format)?;
        column += 1;
    }
    if !roles.is_empty() {
        sheet.set_row_height(at, role_heading_height(roles))?;
    }
    Ok(())
}

/// What the letters mean, below the matrix: a coloured letter, then its meaning.
fn write_legend(
    sheet: &mut Worksheet,
    from: u32,
    legend: &[(Letter, String)],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (offset, (letter, meaning)) in legend.iter().enumerate() {
        let row = from + offset as u32;
        let format = &styles.letters[Letter::ALL
            .iter()
            .position(|l| l == letter)
            .unwrap_or_default()];
        sheet.write_string_with_format(row, 0, letter.as_str(), format)?;
        sheet.write_string(row, 1, cell_text(meaning))?;
    }
    Ok(())
}

/// A step's row from column `first`: its number (in the whole matrix, `section.step` as
/// the HTML and Word matrices number it: 2.3), its name and its letters.
fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    section: Option<usize>,
    step: &RaciRow,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match section {
        Some(section) => {
            let number = format!("{section}.{}", step.step.number);
            sheet.write_string_with_format(row, first, number, &styles.number)?;
        }
        None => {
            sheet.write_number_with_format(row, first, step.step.number as f64, &styles.number)?;
        }
    }
    text(sheet, row, first + 1, &row_title(step, styles), styles)?;
    for (offset, cell) in step.cells.iter().enumerate() {
        let column = first + 2 + offset as u16;
        match cell.first() {
            Some(&letter) => {
                let format = &styles.letters[Letter::ALL
                    .iter()
                    .position(|l| *l == letter)
                    .unwrap_or_default()];
                sheet.write_string_with_format(row, column, joined(cell), format)?;
            }
            None => {
                sheet.write_blank(row, column, &styles.text)?;
            }
        }
    }
    Ok(())
}

fn text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: &str,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let format = if starts_like_formula(value) {
        &styles.quoted
    } else {
        &styles.text
    };
    sheet.write_string_with_format(row, column, cell_text(value), format)?;
    Ok(())
}

/// Text as a cell holds it: hidden characters replaced, and cut to Excel's limit (Excel
/// refuses longer text; the full text is in the HTML pack).
pub(super) fn cell_text(value: &str) -> String {
    let value = crate::hidden::replace(value);
    let chars: Vec<char> = value.chars().collect();
    let fits = fitting(&chars, MAX_CELL_CHARS);
    if fits < chars.len() {
        let keep = fitting(&chars, MAX_CELL_CHARS - 1);
        chars[..keep].iter().chain(['…'].iter()).collect()
    } else {
        value.into_owned()
    }
}

/// A row as high as its longest wrapped text needs: a cell's text wraps, but a spreadsheet
/// opened for printing does not always grow its rows, and the lines then overprint the
/// next row. `cells` are the texts with their columns' widths (in characters).
pub(super) fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[(&str, f64)],
) -> Result<(), XlsxError> {
    // A column `width` characters wide holds fewer letters of a proportional font than
    // digits (the unit Excel measures widths in): estimate with 85% of it, so that a row
    // is never lower than its text, in Excel or in LibreOffice.
    let lines = cells
        .iter()
        .map(|(text, width)| wrapped_lines(text, (*width * 0.85) as usize))
        .max()
        .unwrap_or(1);
    // A row of one line is set too, a little above the 15 points a file leaves unsaid:
    // LibreOffice's own default is lower than a letter's coloured cell.
    sheet.set_row_height(row, (15.0 * lines as f64).max(16.5))?;
    Ok(())
}

/// How many lines `text` takes wrapped at word boundaries in `width` characters (a word
/// longer than the line takes the lines it fills).
fn wrapped_lines(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len > width {
            lines += 1;
            used = 0;
        }
        used += if used > 0 { 1 + len } else { len };
        while used > width {
            lines += 1;
            used -= width;
        }
    }
    lines
}

/// A role's column: two lines of its upturned heading, and its letters («R/A») below.
const ROLE_WIDTH: f64 = 6.5;

/// The height, in points, of a header row whose role headings read upwards: each heading
/// on at most the two lines its column holds, wrapped between words and never inside one
/// («Коммерчески|й»), at about 6.5 points a letter, and never above Excel's 409.
fn role_heading_height(roles: &[RoleLink]) -> f64 {
    let fits = |letters: usize| {
        roles.iter().all(|role| {
            wrapped_lines(&role.name, letters) <= 2 && longest_word(&role.name) <= letters
        })
    };
    let letters = (8..=60).find(|&letters| fits(letters)).unwrap_or(60);
    (letters as f64 * 6.5 + 10.0).min(409.0)
}

/// The letters of the longest word of `text`.
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

fn finish(
    sheet: &mut Worksheet,
    rows: u32,
    fixed: u16,
    roles: &[RoleLink],
    widths: &[f64],
) -> Result<(), XlsxError> {
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    let last = fixed + roles.len() as u16;
    for column in fixed..last {
        sheet.set_column_width(column, ROLE_WIDTH)?;
    }
    // The headings stay in view, and so do the columns that say which row is which: the
    // steps of a matrix (its letters scroll under them), a register's code and title.
    let frozen = if roles.is_empty() {
        fixed.min(2)
    } else {
        fixed
    };
    sheet.set_freeze_panes(HEADER_ROW + 1, frozen)?;
    sheet.autofilter(
        HEADER_ROW,
        0,
        rows.saturating_sub(1).max(HEADER_ROW + 1),
        last.saturating_sub(1),
    )?;
    // Printed: A4 landscape, as wide as the page, the title and header rows on every page.
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, HEADER_ROW)?;
    Ok(())
}

/// A sheet name Excel accepts, unique in the workbook: at most 31 characters, none of
/// `[]:*?/\` nor a hidden character, no apostrophe at either end, an ellipsis where it
/// was cut, a number added where truncation made two names equal.
pub(super) fn unique_name(wanted: &str, used: &mut Vec<String>) -> String {
    // Excel forbids `[]:*?/\` in sheet names: replaced by what reads the same.
    let clean: String = wanted
        .replace(": ", " — ")
        .chars()
        .filter_map(|c| match c {
            ':' | '/' | '\\' => Some('-'),
            '[' => Some('('),
            ']' => Some(')'),
            '*' | '?' => None,
            c if crate::hidden::is_hidden(c) => Some('_'),
            c => Some(c),
        })
        .collect();
    // Nor may a name start or end with an apostrophe, which cutting may leave at its end.
    let unquoted = |text: &str| match text.trim_matches('\'') {
        "" => "_".to_owned(),
        trimmed => trimmed.to_owned(),
    };
    let full = unquoted(&clean);
    let chars: Vec<char> = full.chars().collect();
    if fitting(&chars, MAX_SHEET_NAME) == chars.len() {
        return numbered(full, used);
    }
    // Cut, the name keeps room for an ellipsis that says so: «Менеджер по работе с
    // ключевыми…» is read as shortened, not as a slip.
    let base = unquoted(&cut_at_word(&full, MAX_SHEET_NAME - 1));
    // A cut that leaves a bracket open reads as a slip: «Телемаркетолог (оператор» is
    // better as «Телемаркетолог», which needs no ellipsis for the explanation it drops.
    let base = match base.rfind('(') {
        Some(open) if open > 0 && !base[open..].contains(')') => unquoted(base[..open].trim_end()),
        _ => base,
    };
    let dropped = full.get(base.len()..).unwrap_or_default().trim_start();
    let base = if dropped.starts_with('(') {
        base
    } else {
        format!("{base}…")
    };
    numbered(base, used)
}

/// `base`, numbered (`~2`, `~3`) when a sheet of `used` has its name, and added to `used`.
fn numbered(base: String, used: &mut Vec<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!("~{n}");
        let base: Vec<char> = base.chars().collect();
        let keep = fitting(&base, MAX_SHEET_NAME - suffix.len());
        name = format!("{}{suffix}", base[..keep].iter().collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

/// How many of `chars` fit in `limit` characters as Excel counts them: in UTF-16 units,
/// so that a character beyond the Basic Multilingual Plane (an emoji, `𐀀`) counts twice.
fn fitting(chars: &[char], limit: usize) -> usize {
    let mut units = 0;
    chars
        .iter()
        .take_while(|c| {
            units += c.len_utf16();
            units <= limit
        })
        .count()
}

/// `text` cut to at most `limit` characters (as Excel counts them), at the end of a word
/// where one ends in the last third, without trailing spaces: `Сопровождение и развитие`,
/// not `… ключев`.
pub(super) fn cut_at_word(text: &str, limit: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let fits = fitting(&chars, limit);
    if fits == chars.len() {
        return text.trim_end().to_owned();
    }
    let at = if chars[fits].is_whitespace() {
        fits
    } else {
        chars[..fits]
            .iter()
            .rposition(|c| c.is_whitespace())
            .filter(|&space| space >= fits * 2 / 3)
            .unwrap_or(fits)
    };
    let mut cut: String = chars[..at].iter().collect();
    // A cut name does not end on a word that joins it to what was cut off: «Планирование,
    // анализ воронки и» reads as a slip, «Планирование, анализ воронки» does not.
    loop {
        let trimmed = cut.trim_end_matches([' ', ',', '—', '-', ':']);
        let last = trimmed.rsplit(' ').next().unwrap_or_default();
        let joining = last.chars().count() <= 2 && trimmed.len() > last.len();
        cut = if joining {
            trimmed[..trimmed.len() - last.len()].to_owned()
        } else {
            trimmed.to_owned()
        };
        if !joining {
            return cut;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        MAX_CELL_CHARS, MAX_SHEET_NAME, cell_text, cut_at_word, role_heading_height, unique_name,
        wrapped_lines,
    };
    use crate::views::RoleLink;

    #[test]
    fn sheet_names_are_cut_at_a_word_and_made_unique() {
        assert_eq!(
            cut_at_word("Планирование, анализ воронки и расчёт мотивации (КСП)", 31),
            "Планирование, анализ воронки"
        );
        assert_eq!(
            cut_at_word("Сопровождение и развитие ключевых клиентов", 31),
            "Сопровождение и развитие"
        );
        assert_eq!(
            cut_at_word("Ежедневный контроль количества звонков", 31),
            "Ежедневный контроль количества"
        );
        let mut used = Vec::new();
        assert_eq!(
            unique_name("Оформление сделки: договор, счёт, оплата", &mut used),
            "Оформление сделки — договор…"
        );
        assert_eq!(unique_name("A/B [draft]?", &mut used), "A-B (draft)");
        assert_eq!(unique_name("a-b (draft)", &mut used), "a-b (draft)~2");
        // Cut at a word, a name may end with an apostrophe Excel refuses there.
        let cut = unique_name("`<img src=x onerror=y><script>' and more words", &mut used);
        assert!(!cut.ends_with('\'') && !cut.starts_with('\''), "{cut}");
        assert_eq!(
            unique_name("Телемаркетолог (оператор холодных звонков)", &mut used),
            "Телемаркетолог"
        );
        // Excel counts a character beyond the Basic Multilingual Plane as two.
        let wide = unique_name("𐀀сполнение заказа и закрывающие документы", &mut used);
        assert_eq!(wide, "𐀀сполнение заказа…");
        // A name that just fits is kept whole; a second of it is numbered within the limit.
        let exact = "𐀀сполнение заказа и закрывающ";
        assert_eq!(unique_name(exact, &mut used), exact);
        let again = unique_name(exact, &mut used);
        assert!(again.ends_with("~2"), "{again}");
        assert_eq!(again.encode_utf16().count(), MAX_SHEET_NAME, "{again}");
    }

    /// A role heading reads upwards in a narrow column: the header row is as high as the
    /// longest heading needs on two lines, and no word of it is cut.
    #[test]
    fn an_upturned_role_heading_gets_the_height_its_two_lines_need() {
        let role = |name: &str| RoleLink {
            id: "r".into(),
            file: "r".into(),
            name: name.into(),
            external: false,
            page: Some("roles/r".into()),
        };
        let roles = [
            role("Юрист"),
            role("Телемаркетолог (оператор холодных звонков)"),
        ];
        let height = role_heading_height(&roles);
        let letters = ((height - 10.0) / 6.5) as usize;
        assert!(wrapped_lines("Телемаркетолог (оператор холодных звонков)", letters) <= 2);
        assert!(letters >= "Телемаркетолог".chars().count());
        // One letter less would take a third line: the row is no higher than it must be.
        assert!(wrapped_lines("Телемаркетолог (оператор холодных звонков)", letters - 1) > 2);
        assert!(role_heading_height(&[role(&"слово ".repeat(200))]) <= 409.0);
    }

    #[test]
    fn cell_text_fits_excel_as_excel_counts() {
        // 20,000 characters beyond the Basic Multilingual Plane are 40,000 UTF-16 units.
        let long = "𐀀".repeat(20_000);
        let cut = cell_text(&long);
        assert!(cut.encode_utf16().count() <= MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        let fits = "я".repeat(MAX_CELL_CHARS);
        assert_eq!(cell_text(&fits), fits);
    }
}
