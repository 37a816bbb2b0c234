//! A CRM's export: a CSV file with a header line and a row per event.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use super::{Builder, Log, LogError, LogFormat, Reading, timestamp, unread_time};

/// Reads the CSV event log at `path` (UTF-8 with or without a byte-order mark, `,`, `;`
/// or a tab between fields, lines ending as on Unix or Windows), taking each column from
/// the first of its names the header has, as `reading` says.
pub fn read(path: &Path, reading: &Reading) -> Result<Log, LogError> {
    let columns = &reading.columns;
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
    if crate::csv_file::utf16(&header) {
        return Err(format(crate::csv_file::UTF16_ADVICE.to_owned()));
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
        .delimiter(crate::csv_file::delimiter(&first))
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
    let role_at = if reading.role_required {
        Some(need(&columns.role, "position", "--role")?)
    } else {
        find(&columns.role)
    };
    let resource_at = if reading.resource_required {
        Some(need(&columns.resource, "user", "--resource")?)
    } else {
        find(&columns.resource)
    };
    let mut log = Builder::new(LogFormat::Csv, reading.staff.as_ref());
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                log.log.rows += 1;
                let line = error.position().map_or(line, |p| p.line() as usize);
                log.problem(Some(line), format!("unreadable row: {error}"));
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() as usize);
        if record.iter().all(|field| field.trim_ascii().is_empty()) {
            continue;
        }
        log.log.rows += 1;
        let field = |at: usize| -> Result<&str, String> {
            let bytes = record.get(at).unwrap_or_default();
            std::str::from_utf8(bytes)
                .map(str::trim)
                .map_err(|_| "the row is not UTF-8 text: save the file as \"CSV UTF-8\"".to_owned())
        };
        let (case, activity, time) = match (field(case_at), field(activity_at), field(time_at)) {
            (Ok(case), Ok(activity), Ok(time)) => (case, activity, time),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                log.problem(Some(line), e);
                continue;
            }
        };
        let missing = [("case", case), ("activity", activity), ("timestamp", time)]
            .into_iter()
            .find(|(_, value)| value.is_empty());
        if let Some((what, _)) = missing {
            log.problem(Some(line), format!("no {what}: the row is not used"));
            continue;
        }
        let Some(time) = timestamp(time) else {
            log.problem(Some(line), unread_time(time));
            continue;
        };
        let who = |at: Option<usize>| at.and_then(|at| field(at).ok()).filter(|r| !r.is_empty());
        log.event(case, activity, time, (who(role_at), who(resource_at)), line);
    }
    Ok(log.finish())
}
