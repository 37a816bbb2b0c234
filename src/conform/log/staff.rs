//! The staff list: who holds which position. A CRM records the user who moved a deal, not
//! their position; the list, as HR keeps it, turns each user into the position the
//! regulation names.

use std::collections::HashMap;
use std::path::Path;

use super::LogError;

/// The names a staff list's user column may have, compared without regard to case.
const USER: &[&str] = &[
    "user",
    "resource",
    "login",
    "email",
    "сотрудник",
    "пользователь",
];

/// The names its position column may have.
const POSITION: &[&str] = &["position", "role", "должность"];

/// Each user's position, as the staff list gives it (a role's id or name).
#[derive(Clone, Debug, Default)]
pub struct Staff {
    position_of: HashMap<String, String>,
}

impl Staff {
    /// Reads the staff list at `path`: CSV with a header naming a user column (`user`,
    /// `resource`, `login`, `email`, «Сотрудник», «Пользователь») and a position column
    /// (`position`, `role`, «Должность»), a row per user.
    pub fn read(path: &Path) -> Result<Staff, LogError> {
        let format = |reason: String| LogError::Format {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = std::fs::read(path).map_err(|reason| LogError::Io {
            path: path.to_path_buf(),
            reason,
        })?;
        if crate::csv_file::utf16(&bytes) {
            return Err(format(crate::csv_file::UTF16_ADVICE.to_owned()));
        }
        let text = String::from_utf8(bytes).map_err(|_| {
            format("the staff list is not UTF-8 text: save it as \"CSV UTF-8\"".to_owned())
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let first = text.lines().next().unwrap_or_default();
        if first.trim().is_empty() {
            return Err(format(
                "the staff list is empty: it needs a header line naming its user and position columns (user,position)".to_owned(),
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(crate::csv_file::delimiter(first))
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| format(format!("line 1: {e}")))?
            .clone();
        let column = |names: &[&str], what: &str| {
            header
                .iter()
                .position(|h| names.iter().any(|n| h.trim().to_lowercase() == *n))
                .ok_or_else(|| {
                    format(format!(
                        "no {what} column: the header has {}, and the {what} is read from a column named {}",
                        header.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", "),
                        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" or "),
                    ))
                })
        };
        let (user_at, position_at) = (column(USER, "user")?, column(POSITION, "position")?);
        // A staff list is short and kept by hand: a gap or a user listed twice is a
        // mistake to mend, not a guess to make.
        let mut position_of: HashMap<String, String> = HashMap::new();
        let mut line_of: HashMap<String, u64> = HashMap::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                format(format!("line {line}: {e}"))
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let field = |at: usize| record.get(at).map(str::trim).unwrap_or_default();
            let (user, position) = (field(user_at), field(position_at));
            match (user.is_empty(), position.is_empty()) {
                (true, true) => continue,
                (true, false) => {
                    return Err(format(format!("line {line}: no user for `{position}`")));
                }
                (false, true) => {
                    return Err(format(format!("line {line}: no position for `{user}`")));
                }
                (false, false) => {}
            }
            if let Some(before) = position_of.get(user).filter(|p| *p != position) {
                return Err(format(format!(
                    "line {line}: `{user}` is listed as `{position}`, and on line {} as `{before}`: a user holds one position",
                    line_of[user]
                )));
            }
            position_of.insert(user.to_owned(), position.to_owned());
            line_of.entry(user.to_owned()).or_insert(line);
        }
        Ok(Staff { position_of })
    }

    /// The position of `user`, if the list has them.
    pub fn position(&self, user: &str) -> Option<&str> {
        self.position_of.get(user).map(String::as_str)
    }
}
