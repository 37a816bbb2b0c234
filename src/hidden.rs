//! Characters a reader cannot see: control characters, bidirectional overrides and
//! zero-width characters. In a name they deceive (U+202E shows `exe.txt` as `txt.exe`), in
//! a terminal they act (`ESC ] 0;…` retitles the window), in HTML or CSV they are data a
//! reviewer never saw. `check` points at them; no output carries them raw.

use std::borrow::Cow;

/// Whether `c` is invisible or acts on the text around it. Tab, line feed and carriage
/// return are ordinary white space.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// What `c` is, for a message: its code point and kind.
pub fn describe(c: char) -> String {
    let kind = match c {
        '\u{1b}' => "the terminal escape character",
        '\u{0}' => "a NUL character",
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061c}'
        | '\u{200e}'
        | '\u{200f}' => "a bidirectional control, which reorders the text shown around it",
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => "a zero-width character",
        _ => "a control character",
    };
    format!("U+{:04X} ({kind})", c as u32)
}

/// `text` with every hidden character replaced by U+FFFD, the replacement character
/// readers see as `�`: what outputs carry instead.
pub fn replace(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_hidden) {
        text.chars()
            .map(|c| if is_hidden(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// `text` with every hidden character replaced by a visible one of the same length in
/// bytes (`?`, `¿` or `�`), so that byte spans into it stay valid: the text a terminal is
/// shown.
pub fn mask(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return text.into();
    }
    text.chars()
        .map(|c| match (is_hidden(c), c.len_utf8()) {
            (false, _) => c.to_string(),
            (true, 1) => "?".to_owned(),
            (true, 2) => "¿".to_owned(),
            (true, _) => "\u{fffd}".to_owned(),
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_every_byte_offset() {
        let text = "a\u{1b}]0;x\u{7}b\u{85}c\u{202e}d\u{200b}e\tf\n";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.chars().any(is_hidden));
        assert!(masked.contains("\tf\n"));
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "Менеджер по продажам",
            "tab\there\r\n",
            "«кавычки» — 70 звонков",
        ] {
            assert!(matches!(replace(text), Cow::Borrowed(_)), "{text:?}");
        }
        assert_eq!(replace("evil\u{202e}txt.exe"), "evil\u{fffd}txt.exe");
    }
}
