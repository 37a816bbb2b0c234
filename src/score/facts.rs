//! The facts file of `raciflow score`: one row per employee and indicator, as a head of
//! sales exports it from Excel or types it.
//!
//! Russian Excel saves CSV with `;` and a decimal comma, often with a byte-order mark;
//! other tools write `,` and a decimal point. Both are read. Every row that cannot be used
//! becomes a [`Problem`] with its line and column: nothing is dropped without a word, and
//! an employee whose figures are incomplete is not scored at all rather than scored wrong.

use std::path::Path;

use serde::Serialize;
use thiserror::Error;

use crate::csv_file::{UTF16_ADVICE, delimiter, utf16};
use crate::model::{KpiCategory, Period};
use crate::resolve::{KpiId, Resolved, RoleId};
use crate::score::{Days, indicators_of, plan};
use crate::suggest::closest;

/// The largest facts file read: a department's month is a few kilobytes, and 10 MiB holds
/// some 200,000 rows.
pub const MAX_FACTS_BYTES: u64 = 10 * 1024 * 1024;

/// Why the facts file could not be read at all.
#[derive(Debug, Error)]
pub enum FactsError {
    /// It does not exist or cannot be opened.
    #[error("cannot read the facts file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// It is larger than any month's facts.
    #[error(
        "the facts file {path} is {size} bytes; a facts file holds one row per employee and indicator and may be at most {MAX_FACTS_BYTES} bytes"
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
    },
}

/// A row or a figure of the facts file that could not be used.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// The line, from 1.
    pub line: usize,
    /// The column (in characters, from 1) of the field at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, and how to put it right.
    pub message: String,
}

/// The facts of one employee for one period, complete: a fact for each indicator of the
/// role that has a plan.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// The name or personnel number.
    pub employee: String,
    /// The role.
    pub role: RoleId,
    /// The period.
    pub period: Period,
    /// The working days of the period the employee worked, when the file says (all of
    /// them otherwise).
    pub days: Option<f64>,
    /// Of those, the days of protected absence (sickness), when the file says: they count
    /// as worked for pay, but the targets are for the days left (`score::Days`).
    pub protected: Option<f64>,
    /// The employee's monthly salary under their contract, when the file says (the role's
    /// otherwise): two holders of one position may be paid differently.
    pub salary: Option<f64>,
    /// A fact per indicator.
    pub facts: Vec<(KpiId, f64)>,
    /// The line of the employee's first row.
    pub line: usize,
}

/// What the facts file holds.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// The complete sheets, in the order the file first names each employee.
    pub sheets: Vec<Sheet>,
    /// Everything that could not be used.
    pub problems: Vec<Problem>,
}

/// A fact as written: a number, or a SMART goal's yes or no.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FactValue {
    /// A count, an amount, a percent.
    Number(f64),
    /// Done or not.
    Done(bool),
}

/// Reads the facts file at `path` against `model`, for a month of `days_per_month` working
/// days (default: the model's).
pub fn read(
    path: &Path,
    model: &Resolved,
    days_per_month: Option<f64>,
) -> Result<Facts, FactsError> {
    let shown = path.display().to_string();
    let failed = |source| FactsError::Read {
        path: shown.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(failed)?.len();
    if size > MAX_FACTS_BYTES {
        return Err(FactsError::TooLarge { path: shown, size });
    }
    let bytes = std::fs::read(path).map_err(failed)?;
    Ok(parse(&bytes, model, days_per_month))
}

/// The columns of the file, by the names English and Russian headers give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Employee,
    Role,
    Kpi,
    Fact,
    Period,
    Days,
    Protected,
    Salary,
}

impl Column {
    const REQUIRED: [Column; 4] = [Column::Employee, Column::Role, Column::Kpi, Column::Fact];

    fn named(header: &str) -> Option<Column> {
        Some(match header.trim().to_lowercase().as_str() {
            "employee" | "сотрудник" | "работник" => Column::Employee,
            "role" | "роль" | "должность" => Column::Role,
            "kpi" | "indicator" | "показатель" => Column::Kpi,
            "fact" | "факт" => Column::Fact,
            "period" | "период" => Column::Period,
            "days" | "дни" | "дней" | "рабочих дней" | "отработано дней" => {
                Column::Days
            }
            "protected" | "protected days" | "защищённые дни" | "защищенные дни" => {
                Column::Protected
            }
            "salary" | "basic salary" | "оклад" | "должностной оклад" => {
                Column::Salary
            }
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Column::Employee => "employee",
            Column::Role => "role",
            Column::Kpi => "kpi",
            Column::Fact => "fact",
            Column::Period => "period",
            Column::Days => "days",
            Column::Protected => "protected",
            Column::Salary => "salary",
        }
    }
}

/// The facts in `bytes`, read against `model` for a month of `days_per_month` working
/// days (default: the model's).
pub fn parse(bytes: &[u8], model: &Resolved, days_per_month: Option<f64>) -> Facts {
    let mut facts = Facts::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let before = &bytes[..error.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            facts.problem(
                line,
                None,
                if utf16(bytes) {
                    UTF16_ADVICE
                } else {
                    "the line is not UTF-8 text (Excel's plain \"CSV\" saves in the Windows code page): save the file as \"CSV UTF-8\""
                },
            );
            return facts;
        }
    };
    if text.trim().is_empty() {
        facts.problem(
            1,
            None,
            "the file is empty: it needs a header line `employee,role,kpi,fact` and a row per employee and indicator",
        );
        return facts;
    }
    let delimiter = delimiter(text.lines().next().unwrap_or(""));
    Reader {
        model,
        text,
        delimiter,
        facts,
        pending: Vec::new(),
        broken: Vec::new(),
        days_per_month,
    }
    .run()
}

/// An employee's facts as they are read, before they are known to be complete.
struct Pending {
    sheet: Sheet,
    /// The line of each fact, for a duplicate's message.
    lines: Vec<usize>,
}

/// A field of a row: its text, trimmed, and the column it starts at.
type Field<'r> = (&'r str, Option<usize>);

/// One row of the file, by column.
struct Row<'r> {
    line: usize,
    employee: Field<'r>,
    role: Field<'r>,
    kpi: Field<'r>,
    fact: Field<'r>,
    period: Field<'r>,
    days: Field<'r>,
    protected: Field<'r>,
    salary: Field<'r>,
}

struct Reader<'a> {
    model: &'a Resolved,
    text: &'a str,
    delimiter: u8,
    facts: Facts,
    pending: Vec<Pending>,
    /// The employees a row of whom was refused, with the first such line.
    broken: Vec<(String, usize)>,
    /// The working days of a month, when not the model's.
    days_per_month: Option<f64>,
}

impl Facts {
    fn problem(&mut self, line: usize, column: Option<usize>, message: impl Into<String>) {
        self.problems.push(Problem {
            line,
            column,
            message: message.into(),
        });
    }
}

impl Reader<'_> {
    fn run(mut self) -> Facts {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes());
        let mut columns: Option<Vec<Option<Column>>> = None;
        let mut rows = 0;
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    let line = error.position().map_or(1, |p| p.line() as usize);
                    self.facts
                        .problem(line, None, format!("unreadable row: {error}"));
                    continue;
                }
            };
            let (line, start) = record
                .position()
                .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            let raw = self.text[start..].lines().next().unwrap_or("");
            let at = |index: usize| Some(field_column(raw, self.delimiter, index));
            let Some(columns) = &columns else {
                match self.header(&record, line) {
                    Some(found) => columns = Some(found),
                    None => return self.facts,
                }
                continue;
            };
            rows += 1;
            let field = |column: Column| {
                columns
                    .iter()
                    .position(|c| *c == Some(column))
                    .map(|index| (record.get(index).unwrap_or("").trim(), at(index)))
            };
            let needed = Column::REQUIRED
                .iter()
                .filter_map(|c| columns.iter().position(|h| *h == Some(*c)))
                .max()
                .unwrap_or(0);
            if record.len() <= needed {
                self.facts.problem(
                    line,
                    None,
                    format!(
                        "the row has {} field{} and the header {}: a separator is missing or different ({}), or the row was cut short",
                        record.len(),
                        if record.len() == 1 { "" } else { "s" },
                        columns.len(),
                        match self.delimiter {
                            b';' => "the header's is `;`",
                            b'\t' => "the header's is a tab",
                            _ => "the header's is `,`",
                        }
                    ),
                );
                if let Some((employee, _)) = field(Column::Employee).filter(|(e, _)| !e.is_empty())
                {
                    self.mark_broken(employee, line);
                }
                continue;
            }
            let [Some(employee), Some(role), Some(kpi), Some(fact)] = Column::REQUIRED.map(field)
            else {
                continue;
            };
            self.row(Row {
                line,
                employee,
                role,
                kpi,
                fact,
                period: field(Column::Period).unwrap_or(("", None)),
                days: field(Column::Days).unwrap_or(("", None)),
                protected: field(Column::Protected).unwrap_or(("", None)),
                salary: field(Column::Salary).unwrap_or(("", None)),
            });
        }
        if columns.is_some() && rows == 0 {
            self.facts.problem(
                2,
                None,
                "the file has a header and no facts: add a row per employee and indicator",
            );
        }
        self.finish()
    }

    /// The columns the header names, or `None` (with a problem) when one that is required
    /// is missing.
    fn header(&mut self, record: &csv::StringRecord, line: usize) -> Option<Vec<Option<Column>>> {
        let columns: Vec<Option<Column>> = record.iter().map(Column::named).collect();
        let missing: Vec<&str> = Column::REQUIRED
            .iter()
            .filter(|c| !columns.contains(&Some(**c)))
            .map(|c| c.name())
            .collect();
        if !missing.is_empty() {
            let separator = match self.delimiter {
                b';' => "`;`",
                b'\t' => "a tab",
                _ => "`,`",
            };
            self.facts.problem(
                line,
                Some(1),
                format!(
                    "the header has no column {}: the first line must name the columns `employee`, `role`, `kpi`, `fact` and optionally `period` (read with {separator} between columns)",
                    missing.join(", ")
                ),
            );
            return None;
        }
        for (index, column) in columns.iter().enumerate() {
            if let Some(column) = column
                && columns.iter().filter(|c| **c == Some(*column)).count() > 1
                && columns.iter().position(|c| *c == Some(*column)) == Some(index)
            {
                self.facts.problem(
                    line,
                    None,
                    format!("the header names the column `{}` twice", column.name()),
                );
                return None;
            }
        }
        Some(columns)
    }

    /// One row of facts.
    fn row(&mut self, row: Row<'_>) {
        let Row {
            line,
            employee: (employee, _),
            role: (role, role_at),
            kpi: (kpi, kpi_at),
            fact: (fact, fact_at),
            period: (period, period_at),
            days: (days, days_at),
            protected: (protected, protected_at),
            salary: (salary, salary_at),
        } = row;
        let model = self.model;
        if employee.is_empty() {
            self.facts
                .problem(line, Some(1), "the row names no employee");
            return;
        }
        let Some(role_id) = self.role(line, role, role_at) else {
            self.mark_broken(employee, line);
            return;
        };
        let Some(kpi_id) = self.kpi(line, kpi, kpi_at, role_id) else {
            self.mark_broken(employee, line);
            return;
        };
        let Some(period) = self.period(line, period, period_at) else {
            self.mark_broken(employee, line);
            return;
        };
        let Some(days) = self.days(line, days, days_at, period) else {
            self.mark_broken(employee, line);
            return;
        };
        let Some(protected) = self.protected(line, protected, protected_at, period, days) else {
            self.mark_broken(employee, line);
            return;
        };
        let Some(salary) = self.salary(line, salary, salary_at) else {
            self.mark_broken(employee, line);
            return;
        };
        let smart = model.kpis[kpi_id.0].category == KpiCategory::Smart;
        // A `;` file comes from Russian Excel, whose decimal mark is a comma; in a `,` file
        // a comma inside a quoted figure groups thousands ("3,300").
        let value = match parse_fact(fact, smart, self.delimiter == b';') {
            Ok(FactValue::Number(n)) => n,
            Ok(FactValue::Done(done)) => {
                if done {
                    100.0
                } else {
                    0.0
                }
            }
            Err(message) => {
                self.facts.problem(line, fact_at, message);
                self.mark_broken(employee, line);
                return;
            }
        };
        let found = self
            .pending
            .iter()
            .position(|p| p.sheet.employee == employee && p.sheet.period == period);
        let index = match found {
            Some(index) => index,
            None => {
                self.pending.push(Pending {
                    sheet: Sheet {
                        employee: employee.to_owned(),
                        role: role_id,
                        period,
                        days,
                        protected,
                        salary,
                        facts: Vec::new(),
                        line,
                    },
                    lines: Vec::new(),
                });
                self.pending.len() - 1
            }
        };
        let pending = &mut self.pending[index];
        if pending.sheet.role != role_id {
            let first = pending.sheet.line;
            let held = model.role(pending.sheet.role).id.clone();
            self.mark_broken(employee, line);
            self.facts.problem(
                line,
                role_at,
                format!("`{employee}` is a `{held}` on line {first}; one employee holds one role in a period"),
            );
            return;
        }
        // The days and the salary are the employee's, not an indicator's: the same on each
        // of their rows.
        let differs = [
            (
                pending.sheet.days != days,
                days_at,
                "worked a different number of days",
            ),
            (
                pending.sheet.protected != protected,
                protected_at,
                "has a different number of protected days",
            ),
            (
                pending.sheet.salary != salary,
                salary_at,
                "has a different salary",
            ),
        ]
        .into_iter()
        .find(|(differs, _, _)| *differs);
        if let Some((_, at, what)) = differs {
            let first = pending.sheet.line;
            self.mark_broken(employee, line);
            self.facts.problem(
                line,
                at,
                format!("`{employee}` {what} on line {first}; give the same on each of their rows"),
            );
            return;
        }
        if let Some(at) = pending.sheet.facts.iter().position(|(k, _)| *k == kpi_id) {
            let first = pending.lines[at];
            self.mark_broken(employee, line);
            self.facts.problem(
                line,
                kpi_at,
                format!("a second fact of `{employee}` for `{kpi}` (the first is on line {first}): keep one"),
            );
            return;
        }
        pending.sheet.facts.push((kpi_id, value));
        pending.lines.push(line);
    }

    /// Notes that a row of `employee` on `line` was refused: their score would be wrong.
    fn mark_broken(&mut self, employee: &str, line: usize) {
        if !self.broken.iter().any(|(e, _)| e == employee) {
            self.broken.push((employee.to_owned(), line));
        }
    }

    /// The role named by id or title.
    fn role(&mut self, line: usize, text: &str, at: Option<usize>) -> Option<RoleId> {
        let model = self.model;
        let found = model
            .roles
            .iter()
            .position(|r| r.id == text || r.name == text)
            .map(RoleId);
        match found {
            Some(role) if model.role(role).external => {
                self.facts.problem(
                    line,
                    at,
                    format!("`{text}` is a party outside the organisation: it has no pay"),
                );
                None
            }
            Some(role) => Some(role),
            None => {
                let hint = closest(text, model.roles.iter().map(|r| r.id.as_str()))
                    .map(|best| format!(": did you mean `{best}`?"))
                    .unwrap_or_else(|| ": the column holds a role id of the model".to_owned());
                self.facts
                    .problem(line, at, format!("unknown role `{text}`{hint}"));
                None
            }
        }
    }

    /// The indicator named by id or name, which must be one of `role`'s.
    fn kpi(&mut self, line: usize, text: &str, at: Option<usize>, role: RoleId) -> Option<KpiId> {
        let model = self.model;
        let Some(index) = model
            .kpis
            .iter()
            .position(|k| k.id == text || k.name == text)
        else {
            let hint = closest(text, model.kpis.iter().map(|k| k.id.as_str()))
                .map(|best| format!(": did you mean `{best}`?"))
                .unwrap_or_else(|| ": the column holds an indicator id of the model".to_owned());
            self.facts
                .problem(line, at, format!("unknown indicator `{text}`{hint}"));
            return None;
        };
        let kpi = &model.kpis[index];
        if kpi.role.map(|r| r.target) != Some(role) {
            let owner = kpi
                .role
                .map_or("no role", |r| model.role(r.target).id.as_str());
            self.facts.problem(
                line,
                at,
                format!(
                    "indicator `{}` belongs to `{owner}`, not to `{}`",
                    kpi.id,
                    model.role(role).id
                ),
            );
            return None;
        }
        Some(KpiId(index))
    }

    /// The scoring period the column names (a month when blank).
    fn period(&mut self, line: usize, text: &str, at: Option<usize>) -> Option<Period> {
        match text.to_lowercase().as_str() {
            "" | "month" | "месяц" => Some(Period::Month),
            "quarter" | "квартал" => Some(Period::Quarter),
            "year" | "год" => Some(Period::Year),
            _ => {
                self.facts.problem(
                    line,
                    at,
                    format!(
                        "period `{text}`: pay is scored for a `month`, a `quarter` or a `year`"
                    ),
                );
                None
            }
        }
    }

    /// The working days of `period`: the file's month's (`--days`), or the model's.
    fn working_days(&self, period: Period) -> f64 {
        let month = self
            .days_per_month
            .map(|d| crate::score::days_in(period, d));
        Days::of(self.model, period, month).in_period
    }

    /// The days worked the column gives (none when blank): a number above 0 and no more
    /// than the working days of `period`.
    fn days(
        &mut self,
        line: usize,
        text: &str,
        at: Option<usize>,
        period: Period,
    ) -> Option<Option<f64>> {
        if text.is_empty() {
            return Some(None);
        }
        let most = self.working_days(period);
        match parse_fact(text, false, self.delimiter == b';') {
            Ok(FactValue::Number(days)) if days > 0.0 && days <= most => Some(Some(days)),
            Ok(_) => {
                self.facts.problem(
                    line,
                    at,
                    format!("`{text}` days worked: a number above 0 and at most the {most} working days of the period"),
                );
                None
            }
            Err(message) => {
                self.facts
                    .problem(line, at, message.replacen("fact", "days worked", 1));
                None
            }
        }
    }

    /// The days of protected absence the column gives (none when blank): a number from 0
    /// to the days worked (`days`, or every working day of `period`), which include them.
    fn protected(
        &mut self,
        line: usize,
        text: &str,
        at: Option<usize>,
        period: Period,
        days: Option<f64>,
    ) -> Option<Option<f64>> {
        if text.is_empty() {
            return Some(None);
        }
        let worked = days.unwrap_or_else(|| self.working_days(period));
        match parse_fact(text, false, self.delimiter == b';') {
            Ok(FactValue::Number(protected)) if (0.0..=worked).contains(&protected) => {
                Some(Some(protected))
            }
            Ok(_) => {
                self.facts.problem(
                    line,
                    at,
                    format!("`{text}` protected days: a number from 0 to the {worked} days worked, which include them"),
                );
                None
            }
            Err(message) => {
                self.facts
                    .problem(line, at, message.replacen("fact", "protected days", 1));
                None
            }
        }
    }

    /// The monthly salary the column gives (none when blank): an amount above 0.
    fn salary(&mut self, line: usize, text: &str, at: Option<usize>) -> Option<Option<f64>> {
        if text.is_empty() {
            return Some(None);
        }
        match parse_fact(text, false, self.delimiter == b';') {
            Ok(FactValue::Number(salary)) if salary > 0.0 => Some(Some(salary)),
            Ok(_) => {
                self.facts.problem(
                    line,
                    at,
                    format!("`{text}` salary: the employee's monthly salary, an amount above 0"),
                );
                None
            }
            Err(message) => {
                self.facts
                    .problem(line, at, message.replacen("fact", "salary", 1));
                None
            }
        }
    }

    /// The complete sheets; the incomplete ones become problems.
    fn finish(mut self) -> Facts {
        let model = self.model;
        // Each refused row says what it costs: its employee's whole score.
        for (employee, line) in &self.broken {
            if let Some(problem) = self.facts.problems.iter_mut().find(|p| p.line == *line) {
                problem.message += &format!(" (`{employee}` is not scored)");
            }
        }
        for pending in std::mem::take(&mut self.pending) {
            let sheet = pending.sheet;
            if self.broken.iter().any(|(e, _)| *e == sheet.employee) {
                continue;
            }
            let planned: Vec<(KpiId, &str)> = indicators_of(model, sheet.role)
                .into_iter()
                .filter(|(_, kpi)| plan(kpi, Days::of(model, sheet.period, None)).is_some())
                .map(|(id, kpi)| (id, kpi.id.as_str()))
                .collect();
            let missing: Vec<&str> = planned
                .iter()
                .filter(|(id, _)| !sheet.facts.iter().any(|(k, _)| k == id))
                .map(|(_, name)| *name)
                .collect();
            if !missing.is_empty() {
                self.facts.problem(
                    sheet.line,
                    None,
                    format!(
                        "`{}` has no fact for {}: not scored (a missing figure is not a zero)",
                        sheet.employee,
                        missing
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                continue;
            }
            let weighed = indicators_of(model, sheet.role)
                .iter()
                .any(|(_, kpi)| kpi.weight.is_some());
            if !weighed {
                self.facts.problem(
                    sheet.line,
                    None,
                    format!(
                        "the indicators of `{}` have no `weight`: `{}`'s index cannot be weighed",
                        model.role(sheet.role).id,
                        sheet.employee
                    ),
                );
                continue;
            }
            self.facts.sheets.push(sheet);
        }
        // In file order, each row's own problem before what it means for its employee.
        self.facts.problems.sort_by_key(|p| p.line);
        self.facts
    }
}

/// A fact as written: a number with spaces between thousands and an optional `%`, its
/// decimal mark a point, or a comma where `decimal_comma` (a comma groups thousands
/// otherwise); for a SMART goal also `да`/`нет`/`yes`/`no`.
pub fn parse_fact(text: &str, smart: bool, decimal_comma: bool) -> Result<FactValue, String> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "" => return Err("the fact is empty: write the figure, 0 included".to_owned()),
        "да" | "yes" | "нет" | "no" if smart => {
            return Ok(FactValue::Done(matches!(lower.as_str(), "да" | "yes")));
        }
        "да" | "yes" | "нет" | "no" => {
            return Err(format!(
                "fact `{text}`: only a SMART goal is done or not; this indicator needs a number"
            ));
        }
        _ => {}
    }
    let digits: String = lower
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect();
    let normal = if decimal_comma {
        digits.replace('.', "").replace(',', ".")
    } else {
        digits.replace(',', "")
    };
    match normal.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(FactValue::Number(value)),
        Ok(_) => Err(format!(
            "fact `{text}` is below zero: a fact is a count, an amount or a percent"
        )),
        Err(_) if smart => Err(format!(
            "fact `{text}` is not a number: write the percent done, or yes/no (да/нет)"
        )),
        Err(_) => Err(format!("fact `{text}` is not a number")),
    }
}

/// The column, in characters from 1, where field `index` of the CSV line `raw` starts.
fn field_column(raw: &str, delimiter: u8, index: usize) -> usize {
    let delimiter = char::from(delimiter);
    let mut quoted = false;
    let mut field = 0;
    for (column, c) in raw.chars().enumerate() {
        if field == index {
            return column + 1;
        }
        match c {
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => field += 1,
            _ => {}
        }
    }
    raw.chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::{FactValue, field_column, parse_fact};

    #[test]
    fn facts_are_read_as_excel_writes_them() {
        let number = |text| parse_fact(text, false, true);
        assert_eq!(number("3 300 000"), Ok(FactValue::Number(3_300_000.0)));
        assert_eq!(
            number("3\u{a0}300\u{a0}000,50"),
            Ok(FactValue::Number(3_300_000.5))
        );
        assert_eq!(number("1,5"), Ok(FactValue::Number(1.5)));
        assert_eq!(number("1.234,5"), Ok(FactValue::Number(1234.5)));
        let english = |text| parse_fact(text, false, false);
        assert_eq!(english("1,234.5"), Ok(FactValue::Number(1234.5)));
        assert_eq!(english("3,300"), Ok(FactValue::Number(3300.0)));
        assert_eq!(number("95%"), Ok(FactValue::Number(95.0)));
        assert!(number("abc").is_err());
        assert!(number("-5").is_err());
        assert!(number("да").is_err());
        assert!(number("").is_err());
        assert_eq!(parse_fact("Да", true, true), Ok(FactValue::Done(true)));
        assert_eq!(parse_fact("no", true, false), Ok(FactValue::Done(false)));
        assert_eq!(parse_fact("60", true, true), Ok(FactValue::Number(60.0)));
    }

    #[test]
    fn a_field_is_found_past_quoted_separators() {
        assert_eq!(field_column("a;b;c", b';', 2), 5);
        assert_eq!(field_column("\"x;y\";b;c", b';', 1), 7);
        assert_eq!(field_column("я;б", b';', 1), 3);
    }
}
