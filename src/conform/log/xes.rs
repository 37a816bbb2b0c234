//! An XES log (IEEE 1849), as process-mining tools exchange them, plain or gzipped: read
//! trace by trace with the `process_mining` crate, so a log of any size is never whole in
//! memory as XML.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use flate2::read::MultiGzDecoder;
use process_mining::core::event_data::case_centric::xes::{
    XESImportOptions, XESParseError, stream_xes_bufread,
};
use process_mining::core::event_data::case_centric::{
    Attribute, AttributeValue, Attributes, XESEditableAttribute,
};

use super::{Builder, Log, LogError, LogFormat, Reading, timestamp, unread_time};

/// The lifecycle transition of an event that completes its activity: XES logs that record
/// when work starts as well have two events per step, and a step is done when it
/// completes.
const COMPLETE: &str = "complete";

/// Reads the XES log at `path`: the case from the trace's attribute in `columns.case`,
/// the rest from each event's (or the log's global default for events).
pub fn read(path: &Path, reading: &Reading) -> Result<Log, LogError> {
    let columns = &reading.columns;
    let format = |reason: String| LogError::Format {
        path: path.to_path_buf(),
        reason,
    };
    let io = |reason| LogError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let mut file = BufReader::new(File::open(path).map_err(io)?);
    let gzip = file.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
    let tail = Rc::new(RefCell::new(Vec::new()));
    let input: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let input = BufReader::new(Tail {
        inner: input,
        tail: Rc::clone(&tail),
    });
    let options = XESImportOptions {
        verbose: false,
        ..XESImportOptions::default()
    };
    let (mut traces, data) = stream_xes_bufread(input, false, options).map_err(|e| {
        // Only XES is read gzipped.
        let packed = if gzip {
            " (a gzipped file is read as XES: unpack a gzipped CSV first)"
        } else {
            ""
        };
        format(format!("not an XES log: {}{packed}", why(&e)))
    })?;
    let globals = Some(data.global_event_attrs);
    let mut log = Builder::new(LogFormat::Xes, reading.staff.as_ref());
    let mut skipped: Vec<(String, usize)> = Vec::new();
    let (mut roles_seen, mut resources_seen, mut cases_seen) = (false, false, false);
    for (t, trace) in (&mut traces).enumerate() {
        let case = find(&trace.attributes, &columns.case, &None).and_then(text);
        cases_seen |= case.is_some();
        for (e, event) in trace.events.iter().enumerate() {
            log.log.rows += 1;
            let order = log.log.rows;
            let at = || match &case {
                Some(case) => format!("case `{case}`, event {}", e + 1),
                None => format!("trace {}, event {}", t + 1, e + 1),
            };
            let Some(case) = &case else {
                let keys = names(&columns.case);
                log.problem(None, format!("{}: the trace has no {keys}", at()));
                continue;
            };
            let attributes = &event.attributes;
            let transition = find(attributes, &["lifecycle:transition".to_owned()], &globals)
                .and_then(text)
                .filter(|t| !t.eq_ignore_ascii_case(COMPLETE));
            if let Some(transition) = transition.map(|t| t.to_lowercase()) {
                match skipped.iter_mut().find(|(t, _)| *t == transition) {
                    Some((_, n)) => *n += 1,
                    None => skipped.push((transition, 1)),
                }
                continue;
            }
            let Some(activity) = find(attributes, &columns.activity, &globals).and_then(text)
            else {
                let keys = names(&columns.activity);
                log.problem(None, format!("{}: no {keys}: the event is not used", at()));
                continue;
            };
            let time = match find(attributes, &columns.timestamp, &globals).map(|a| &a.value) {
                Some(AttributeValue::Date(time)) => {
                    jiff::Timestamp::from_millisecond(time.timestamp_millis()).ok()
                }
                Some(AttributeValue::String(time)) => timestamp(time.trim()),
                _ => None,
            };
            let Some(time) = time else {
                let message = match find(attributes, &columns.timestamp, &globals) {
                    Some(Attribute {
                        value: AttributeValue::String(time),
                        ..
                    }) => unread_time(time),
                    Some(_) => "its time is not a date".to_owned(),
                    None => format!("no {}: the event is not used", names(&columns.timestamp)),
                };
                log.problem(None, format!("{}: {message}", at()));
                continue;
            };
            let role = find(attributes, &columns.role, &globals).and_then(text);
            let resource = find(attributes, &columns.resource, &globals).and_then(text);
            roles_seen |= role.is_some();
            resources_seen |= resource.is_some();
            log.event(
                case,
                &activity,
                time,
                (role.as_deref(), resource.as_deref()),
                order,
            );
        }
    }
    let broken = traces.check_for_errors().map(|e| why(&e)).or_else(|| {
        // The XML reader ends quietly at the end of the file, closed or not: a log cut
        // short between two events would lose the rest unsaid.
        let tail = tail.borrow();
        let closed = tail.trim_ascii_end().ends_with(b"log>");
        (!closed).then(|| "the file ends before the log's closing </log>".to_owned())
    });
    if let Some(broken) = broken {
        return Err(format(format!(
            "the XES log breaks off after {} events: {broken}",
            log.log.rows
        )));
    }
    if !cases_seen && log.log.rows > 0 {
        return Err(format(format!(
            "no trace names its case: the case is read from the trace's attribute named {} (give another with --case KEY)",
            names(&columns.case)
        )));
    }
    let unseen = [
        (
            reading.role_required && !roles_seen,
            "a position",
            &columns.role,
        ),
        (
            reading.resource_required && !resources_seen,
            "a user",
            &columns.resource,
        ),
    ];
    for (_, what, keys) in unseen.iter().filter(|(missing, ..)| *missing) {
        if log.log.rows > 0 {
            return Err(format(format!(
                "no event names {what}: it is read from an attribute named {}",
                names(keys)
            )));
        }
    }
    for (transition, events) in skipped {
        let events = match events {
            1 => "1 event".to_owned(),
            n => format!("{n} events"),
        };
        log.problem(
            None,
            format!(
                "{events} of lifecycle `{transition}` not used: a step is taken as done when its `{COMPLETE}` event is written"
            ),
        );
    }
    Ok(log.finish())
}

/// The first of `keys` among `attributes`, or the log's global default.
fn find<'a>(
    attributes: &'a Attributes,
    keys: &[String],
    globals: &'a Option<Attributes>,
) -> Option<&'a Attribute> {
    keys.iter()
        .find_map(|key| attributes.get_by_key_or_global(key, globals))
}

/// The longest end of a file [`Tail`] keeps.
const TAIL: usize = 64;

/// A reader that keeps the last bytes it gave, to tell a log that ends from one cut off.
struct Tail<R> {
    inner: R,
    tail: Rc<RefCell<Vec<u8>>>,
}

impl<R: Read> Read for Tail<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut tail = self.tail.borrow_mut();
        tail.extend_from_slice(&buf[..n]);
        let extra = tail.len().saturating_sub(TAIL);
        tail.drain(..extra);
        Ok(n)
    }
}

/// An attribute's value as text, trimmed; none when empty.
fn text(attribute: &Attribute) -> Option<String> {
    let text = match &attribute.value {
        AttributeValue::String(text) => text.trim().to_owned(),
        AttributeValue::Int(n) => n.to_string(),
        AttributeValue::ID(id) => id.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// `keys` as a message names them: `a` or `b`.
fn names(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// What went wrong in the crate's words, made readable.
fn why(error: &XESParseError) -> String {
    match error {
        XESParseError::IOError(e) => e.to_string(),
        XESParseError::XMLParsingError(e) => format!("the XML is broken ({e})"),
        XESParseError::NoTopLevelLog | XESParseError::ExpectedLogData => {
            "there is no <log> element".to_owned()
        }
        other => format!("{other:?}"),
    }
}
