//! Reading an event log, the history a CRM keeps of its cases (for each event: the case,
//! the activity, when it happened, and who did it), streamed and grouped by case. A CRM's
//! export is CSV ([`csv`]); process-mining tools exchange XES ([`xes`]).

mod csv;
mod staff;
mod xes;

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use serde::Serialize;
use thiserror::Error;

pub use staff::Staff;

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

/// Which columns (or, in XES, attributes) hold what: for each, the names it may have, the
/// first present is used.
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
    /// The user who did it, whose position a staff list gives.
    pub resource: Vec<String>,
}

impl Columns {
    /// The columns of a file without a preset: the names process-mining tools use.
    pub fn standard() -> Columns {
        Columns::of(
            &["case", "case_id", "case:concept:name"],
            &["activity", "concept:name"],
            &["timestamp", "time", "time:timestamp"],
            &["role", "org:role"],
            &["resource", "org:resource", "user"],
        )
    }

    /// The attributes of an XES log: the standard extensions' `concept:name` of the trace
    /// and of the event, `time:timestamp` and `org:role`.
    pub fn xes() -> Columns {
        Columns::of(
            &["concept:name"],
            &["concept:name"],
            &["time:timestamp"],
            &["org:role"],
            &["org:resource"],
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
                &["CREATED_BY_ID", "ASSIGNED_BY_ID"],
            ),
            Preset::Amocrm => Columns::of(
                &["entity_id"],
                &["value_after"],
                &["created_at"],
                &["role"],
                &["created_by"],
            ),
            Preset::Salesforce => Columns::of(
                &["OpportunityId"],
                &["StageName"],
                &["CreatedDate"],
                &["role"],
                &["CreatedById"],
            ),
        }
    }

    fn of(
        case: &[&str],
        activity: &[&str],
        timestamp: &[&str],
        role: &[&str],
        resource: &[&str],
    ) -> Columns {
        let names = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        Columns {
            case: names(case),
            activity: names(activity),
            timestamp: names(timestamp),
            role: names(role),
            resource: names(resource),
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
    /// Its place in the file (a CSV's line, the number of an XES log's event), which
    /// orders events that happened at the same time.
    pub order: usize,
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

/// A row (an event, in XES) that was not used, and why.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// Its line in the file; an XES log's problems name the case and event instead, in
    /// the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Why it was not used.
    pub message: String,
}

impl Problem {
    /// The problem as a compiler would write it: `log:line: message`, or `log: message`
    /// where there is no line.
    pub fn located(&self, log: &str) -> String {
        match self.line {
            Some(line) => format!("{log}:{line}: {}", self.message),
            None => format!("{log}: {}", self.message),
        }
    }
}

/// What kind of file a log is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Comma-, semicolon- or tab-separated values with a header line: a CRM's export.
    Csv,
    /// IEEE 1849 XES, plain or gzipped: what process-mining tools write.
    Xes,
}

impl LogFormat {
    /// The format of the file at `path`, from its first bytes: XML (or gzip, which only
    /// XES logs are read as) is XES, anything else CSV.
    pub fn of(path: &Path) -> Result<LogFormat, LogError> {
        let mut start = [0u8; 64];
        let mut file = File::open(path).map_err(|reason| LogError::Io {
            path: path.to_path_buf(),
            reason,
        })?;
        let mut read = 0;
        while read < start.len() {
            match file.read(&mut start[read..]) {
                Ok(0) => break,
                Ok(n) => read += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(reason) => {
                    return Err(LogError::Io {
                        path: path.to_path_buf(),
                        reason,
                    });
                }
            }
        }
        let start = &start[..read];
        let text = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
        let gzip = start.starts_with(&[0x1f, 0x8b]);
        Ok(if gzip || text.trim_ascii_start().starts_with(b"<") {
            LogFormat::Xes
        } else {
            LogFormat::Csv
        })
    }
}

/// An event log as read.
#[derive(Debug)]
pub struct Log {
    /// What kind of file it was.
    pub format: LogFormat,
    /// The cases, in the order their first event is written.
    pub cases: Vec<Case>,
    /// The activities, as first written.
    pub activities: Vec<String>,
    /// The positions the log names, as first written.
    pub roles: Vec<String>,
    /// The rows read, the header left out (an XES log's events).
    pub rows: usize,
    /// The rows (events) that were not used, each with its reason.
    pub problems: Vec<Problem>,
    /// The users the staff list does not have, with their events, in the order first
    /// written: their events name no position.
    pub unstaffed: Vec<(String, usize)>,
}

impl Log {
    fn new(format: LogFormat) -> Log {
        Log {
            format,
            cases: Vec::new(),
            activities: Vec::new(),
            roles: Vec::new(),
            rows: 0,
            problems: Vec::new(),
            unstaffed: Vec::new(),
        }
    }

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

/// How a log is read: which columns (attributes) hold what, which must be there, and the
/// staff list that gives each user's position.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// The columns.
    pub columns: Columns,
    /// Whether the position column must be there (`--role` names it).
    pub role_required: bool,
    /// Whether the user column must be there (`--resource` names it, or a staff list is
    /// given).
    pub resource_required: bool,
    /// Each user's position, for a log that names users rather than positions.
    pub staff: Option<Staff>,
}

/// Reads the event log at `path`, a file of `format`, as `reading` says.
pub fn read(path: &Path, format: LogFormat, reading: &Reading) -> Result<Log, LogError> {
    match format {
        LogFormat::Csv => csv::read(path, reading),
        LogFormat::Xes => xes::read(path, reading),
    }
}

/// A log as its events are read: each is added to its case, its activity and position
/// interned, whatever the file's format.
struct Builder<'a> {
    log: Log,
    staff: Option<&'a Staff>,
    case_of: HashMap<String, usize>,
    activity_of: HashMap<String, usize>,
    role_of: HashMap<String, usize>,
    unstaffed_of: HashMap<String, usize>,
}

impl<'a> Builder<'a> {
    fn new(format: LogFormat, staff: Option<&'a Staff>) -> Builder<'a> {
        Builder {
            log: Log::new(format),
            staff,
            case_of: HashMap::new(),
            activity_of: HashMap::new(),
            role_of: HashMap::new(),
            unstaffed_of: HashMap::new(),
        }
    }

    /// Adds an event of `case`, the `order`th of the file, done by a holder of `role`, or
    /// by `resource`, whose position the staff list gives.
    fn event(
        &mut self,
        case: &str,
        activity: &str,
        time: Timestamp,
        (role, resource): (Option<&str>, Option<&str>),
        order: usize,
    ) {
        let log = &mut self.log;
        let staffed = match (role, resource, self.staff) {
            (None, Some(user), Some(staff)) => {
                let position = staff.position(user);
                if position.is_none() {
                    let at = *self.unstaffed_of.entry(user.to_owned()).or_insert_with(|| {
                        log.unstaffed.push((user.to_owned(), 0));
                        log.unstaffed.len() - 1
                    });
                    log.unstaffed[at].1 += 1;
                }
                position
            }
            _ => None,
        };
        let role = role
            .or(staffed)
            .map(|r| intern(&mut self.role_of, &mut log.roles, r));
        let activity = intern(&mut self.activity_of, &mut log.activities, activity);
        let index = match self.case_of.get(case) {
            Some(&index) => index,
            None => {
                self.case_of.insert(case.to_owned(), log.cases.len());
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
            order,
        });
    }

    /// Notes a row (an event) that is not used, and why.
    fn problem(&mut self, line: Option<usize>, message: String) {
        self.log.problems.push(Problem { line, message });
    }

    /// The log, each case's events in the order they happened.
    fn finish(mut self) -> Log {
        for case in &mut self.log.cases {
            case.events.sort_by_key(|event| (event.time, event.order));
        }
        self.log
    }
}

/// What a time that is not read is told, with the forms that are.
fn unread_time(time: &str) -> String {
    format!(
        "`{time}` is not a date and time raciflow reads (2026-11-03T10:15:00+03:00, 2026-11-03 10:15, 03.11.2026 10:15:00, or Unix seconds)"
    )
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
