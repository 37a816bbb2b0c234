//! The identifier rule: ids become file names in the pack, so this is what keeps the
//! pack's paths safe on every operating system.

/// The longest id allowed, in characters.
pub const MAX_ID_CHARS: usize = 64;

/// Names Windows reserves for devices: a file named `con.html` cannot be created there.
const WINDOWS_DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why `id` breaks the identifier rule, or `None` when it is a valid id.
pub fn id_problem(id: &str) -> Option<String> {
    let count = id.chars().count();
    if count == 0 {
        return Some("an id may not be empty".to_owned());
    }
    if count > MAX_ID_CHARS {
        return Some(format!(
            "id `{id}` is {count} characters long; the limit is {MAX_ID_CHARS}"
        ));
    }
    let mut chars = id.chars();
    let first = chars.next()?;
    if !first.is_alphanumeric() {
        return Some(format!(
            "id `{id}` starts with {}; an id starts with a letter or a digit",
            describe_char(first)
        ));
    }
    if let Some(bad) = chars.find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_')) {
        return Some(format!(
            "id `{}` contains {}; ids hold letters, digits, `-` and `_` only",
            visible(id),
            describe_char(bad)
        ));
    }
    if WINDOWS_DEVICES.contains(&id.to_lowercase().as_str()) {
        return Some(format!(
            "id `{id}` is a device name on Windows; a file of that name cannot be written there"
        ));
    }
    None
}

/// `id` with each invisible or control character written as `<U+200B>`, so a message
/// shows where it is.
fn visible(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_control() || crate::hidden::is_hidden(c) {
                format!("<U+{:04X}>", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\u{300}'..='\u{36f}' => format!(
            "the combining mark U+{:04X}, which joins the letter before it (type the letter as one character, e.g. `й`, not `и` and a breve)",
            c as u32
        ),
        '/' | '\\' => format!("a slash (`{c}`)"),
        '.' => "a dot".to_owned(),
        c if c.is_control() || c.is_whitespace() || !c.is_alphanumeric() && (c as u32) > 0x7F => {
            format!("the invisible or special character U+{:04X}", c as u32)
        }
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_latin_cyrillic_and_digits() {
        for id in [
            "telemarketer",
            "head-of-sales",
            "роп",
            "p01_база",
            "010",
            "2026-01-01",
            "no",
        ] {
            assert_eq!(id_problem(id), None, "{id}");
        }
    }

    #[test]
    fn rejects_path_like_and_invisible_ids() {
        for id in [
            "",
            "a b",
            "a/b",
            "..",
            "../etc",
            ".hidden",
            "-x",
            "a.b",
            "id\u{200b}",
            "\u{a0}x",
            "CON",
            "lpt1",
        ] {
            assert!(id_problem(id).is_some(), "{id:?}");
        }
        assert!(id_problem(&"x".repeat(65)).is_some());
        assert!(id_problem(&"x".repeat(64)).is_none());
        assert!(id_problem("id\u{200b}").unwrap().contains("U+200B"));
    }
}
