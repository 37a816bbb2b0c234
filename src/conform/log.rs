//! Reading an event log: a CSV export of a CRM's history (a row per event: the case, the
//! activity, when it happened, and who did it), streamed row by row and grouped by case.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use serde::Serialize;
use thiserror::Error;

/// The column names of a CRM's export, for `--preset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    /// Bitrix24's stage history (`crm.stagehistory.list`): OWNER_ID, STAGE_ID (deals) or
    /// STATUS_ID (leads), CREATED_TIME.
    Bitrix24,
    /// amoCRM / Kommo status changes (`lead_status_changed` events): entity_id,
    /// value_after, created_at.
    Amocrm,
    /// Salesforce's OpportunityHistory: OpportunityId, StageName, CreatedDate.
    Salesforce,
}

/// Which columns hold what: for each, the names it may have, the first present is used.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    /// The case (a deal, a lead).
    pub case: Vec<String>,
    /// What happened (a stage, a status, an activity).
    pub activity: Vec<String>,
    /// When.
    pub timestamp: Vec<String>,
    /// The position of whoever did it (a role's id or name), when the log says.
    pub role: Vec<String>,
}

impl Columns {
    /// The columns of a file without a preset: the names process-mining tools use.
    pub fn standard() -> Columns {
        Columns::of(
            &["case", "case_id", "case:concept:name"],
            &["activity", "concept:name"],
            &["timestamp", "time", "time:timestamp"],
            &["role", "org:role"],
        )
    }

    /// The columns of `preset`.
    pub fn preset(preset: Preset) -> Columns {
        match preset {
            Preset::Bitrix24 => Columns::of(
                &["OWNER_ID"],
                &["STAGE_ID", "STATUS_ID"],
                &["CREATED_TIME"],
                &["role"],
            ),
            Preset::Amocrm => {
                Columns::of(&["entity_id"], &["value_after"], &["created_at"], &["role"])
            }
            Preset::Salesforce => Columns::of(
                &["OpportunityId"],
                &["StageName"],
                &["CreatedDate"],
                &["role"],
            ),
        }
    }

    fn of(case: &[&str], activity: &[&str], timestamp: &[&str], role: &[&str]) -> Columns {
        let names = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        Columns {
            case: names(case),
            activity: names(activity),
            timestamp: names(timestamp),
            role: names(role),
        }
    }
}

/// One event of a case.
#[derive(Clone, Debug)]
pub struct Event {
    /// The activity, by its place in [`Log::activities`].
    pub activity: usize,
    /// When it happened.
    pub time: Timestamp,
    /// The position of whoever did it, by its place in [`Log::roles`].
    pub role: Option<usize>,
    /// The line of the file it was read from.
    pub line: usize,
}

/// A case and its events in the order they happened (the file's order where two happened
/// at the same time).
#[derive(Clone, Debug)]
pub struct Case {
    /// Its id in the log.
    pub id: String,
    /// Its events.
    pub events: Vec<Event>,
}

/// A row that was not used, and why.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// Its line in the file.
    pub line: usize,
    /// Why it was not used.
    pub message: String,
}

/// An event log as read.
#[derive(Debug, Default)]
pub struct Log {
    /// The cases, in the order their first event is written.
    pub cases: Vec<Case>,
    /// The activities, as first written.
    pub activities: Vec<String>,
    /// The positions the log names, as first written.
    pub roles: Vec<String>,
    /// The rows read, the header left out.
    pub rows: usize,
    /// The rows that were not used, each with its reason.
    pub problems: Vec<Problem>,
}

impl Log {
    /// How many events were read.
    pub fn events(&self) -> usize {
        self.cases.iter().map(|case| case.events.len()).sum()
    }
}

/// Why a log could not be read at all (a bad row is a [`Problem`] instead).
#[derive(Debug, Error)]
pub enum LogError {
    /// The file could not be opened or read.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: io::Error,
    },
    /// The file is not a log raciflow reads.
    #[error("{}: {reason}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// Reads the CSV event log at `path` (UTF-8 with or without a byte-order mark, `,`, `;`
/// or a tab between fields, lines ending as on Unix or Windows), taking each column from
/// the first of its names the header has; the position column must be there when
/// `role_required`.
pub fn read(path: &Path, columns: &Columns, role_required: bool) -> Result<Log, LogError> {
    let io = |reason| LogError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let format = |reason: String| LogError::Format {
        path: path.to_path_buf(),
        reason,
    };
    let mut file = BufReader::new(File::open(path).map_err(io)?);
    let mut header = Vec::new();
    file.read_until(b'\n', &mut header).map_err(io)?;
    if crate::score::utf16(&header) {
        return Err(format(crate::score::UTF16_ADVICE.to_owned()));
    }
    let header = header
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&header)
        .to_vec();
    let first = String::from_utf8_lossy(&header);
    if first.trim().is_empty() {
        return Err(format(
            "the file is empty: it needs a header line naming its columns (case, activity, timestamp)".into(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(crate::score::delimiter(&first))
        // A Windows line end leaves its `\r` on the last field, which is trimmed: the csv
        // reader's own CRLF handling numbers every line after the first one too low.
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .from_reader(io::Cursor::new(header).chain(file));
    let names = reader
        .headers()
        .map_err(|e| format(format!("line 1: {e}")))?
        .clone();
    let find = |wanted: &[String]| {
        wanted.iter().find_map(|name| {
            names
                .iter()
                .position(|column| column.trim().eq_ignore_ascii_case(name))
        })
    };
    let need = |wanted: &[String], what: &str, option: &str| {
        find(wanted).ok_or_else(|| {
            format(format!(
                "no {what} column: the header has {}, and the {what} is read from a column named {} (give another with {option} NAME)",
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                wanted.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or "),
            ))
        })
    };
    let case_at = need(&columns.case, "case", "--case")?;
    let activity_at = need(&columns.activity, "activity", "--activity")?;
    let time_at = need(&columns.timestamp, "timestamp", "--timestamp")?;
    let role_at = if role_required {
        Some(need(&columns.role, "position", "--role")?)
    } else {
        find(&columns.role)
    };
    let mut log = Log::default();
    let mut case_of: HashMap<String, usize> = HashMap::new();
    let mut activity_of: HashMap<String, usize> = HashMap::new();
    let mut role_of: HashMap<String, usize> = HashMap::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                log.rows += 1;
                let line = error.position().map_or(line, |p| p.line() as usize);
                log.problems.push(Problem {
                    line,
                    message: format!("unreadable row: {error}"),
                });
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() as usize);
        if record.iter().all(|field| field.trim_ascii().is_empty()) {
            continue;
        }
        log.rows += 1;
        let mut problem = |message: String| log.problems.push(Problem { line, message });
        let field = |at: usize| -> Result<&str, String> {
            let bytes = record.get(at).unwrap_or_default();
            std::str::from_utf8(bytes)
                .map(str::trim)
                .map_err(|_| "the row is not UTF-8 text: save the file as \"CSV UTF-8\"".to_owned())
        };
        let (case, activity, time) = match (field(case_at), field(activity_at), field(time_at)) {
            (Ok(case), Ok(activity), Ok(time)) => (case, activity, time),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                problem(e);
                continue;
            }
        };
        let missing = [("case", case), ("activity", activity), ("timestamp", time)]
            .into_iter()
            .find(|(_, value)| value.is_empty());
        if let Some((what, _)) = missing {
            problem(format!("no {what}: the row is not used"));
            continue;
        }
        let Some(time) = timestamp(time) else {
            problem(format!(
                "`{time}` is not a date and time raciflow reads (2026-11-03T10:15:00+03:00, 2026-11-03 10:15, 03.11.2026 10:15:00, or Unix seconds)"
            ));
            continue;
        };
        let role = role_at
            .and_then(|at| field(at).ok())
            .filter(|r| !r.is_empty())
            .map(|r| intern(&mut role_of, &mut log.roles, r));
        let activity = intern(&mut activity_of, &mut log.activities, activity);
        let index = match case_of.get(case) {
            Some(&index) => index,
            None => {
                case_of.insert(case.to_owned(), log.cases.len());
                log.cases.push(Case {
                    id: case.to_owned(),
                    events: Vec::new(),
                });
                log.cases.len() - 1
            }
        };
        log.cases[index].events.push(Event {
            activity,
            time,
            role,
            line,
        });
    }
    for case in &mut log.cases {
        case.events.sort_by_key(|event| (event.time, event.line));
    }
    Ok(log)
}

/// The place of `name` in `names`, added when new.
fn intern(index: &mut HashMap<String, usize>, names: &mut Vec<String>, name: &str) -> usize {
    if let Some(&at) = index.get(name) {
        return at;
    }
    index.insert(name.to_owned(), names.len());
    names.push(name.to_owned());
    names.len() - 1
}

/// A time as CRMs export it: ISO 8601 with or without an offset (`2026-11-03T10:15:00Z`,
/// `2026-11-03T10:15:00.000+0000`, `2026-11-03 10:15:00`, `2026-11-03`), the Russian
/// `03.11.2026 10:15:00` of Bitrix24 and amoCRM exports, or Unix seconds. A time without
/// an offset is taken as UTC: only the order of a case's events, and the time between
/// them, are used.
pub fn timestamp(text: &str) -> Option<Timestamp> {
    if let Ok(time) = text.parse::<Timestamp>() {
        return Some(time);
    }
    if text.len() >= 9 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Timestamp::from_second(text.parse().ok()?).ok();
    }
    let utc = |time: DateTime| {
        time.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    };
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(time) = jiff::fmt::strtime::parse(format, text).and_then(|t| t.to_timestamp()) {
            return Some(time);
        }
    }
    if let Ok(time) = text.parse::<DateTime>() {
        return utc(time);
    }
    if let Ok(date) = text.parse::<Date>() {
        return utc(date.to_datetime(jiff::civil::Time::midnight()));
    }
    for format in ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(time) = DateTime::strptime(format, text) {
            return utc(time);
        }
    }
    Date::strptime("%d.%m.%Y", text)
        .ok()
        .and_then(|date| utc(date.to_datetime(jiff::civil::Time::midnight())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_times_crms_export_are_read_in_order() {
        let read = |text: &str| timestamp(text).map(|t| t.as_second());
        let base = read("2026-11-03T10:15:00Z").expect("ISO with Z");
        assert_eq!(read("2026-11-03T13:15:00+03:00"), Some(base));
        assert_eq!(read("2026-11-03T10:15:00.000+0000"), Some(base));
        assert_eq!(read("2026-11-03 10:15:00"), Some(base));
        assert_eq!(read("2026-11-03T10:15:00"), Some(base));
        assert_eq!(read("2026-11-03 10:15"), Some(base));
        assert_eq!(read("03.11.2026 10:15:00"), Some(base));
        assert_eq!(read("03.11.2026 10:15"), Some(base));
        assert_eq!(read(&base.to_string()), Some(base));
        assert_eq!(read("2026-11-03"), Some(base - 10 * 3600 - 15 * 60));
        assert_eq!(read("03.11.2026"), Some(base - 10 * 3600 - 15 * 60));
        assert_eq!(read("yesterday"), None);
        assert_eq!(read("31.02.2026"), None);
    }
}
