//! Escaping and number formatting shared by every output format.

use crate::model::Language;

/// `text` made safe as a Markdown table cell or paragraph: markup characters are
/// backslash-escaped, HTML is entity-escaped (so a raw `<img onerror=…>` shows as text on
/// GitHub, GitLab and mdBook), and line breaks, which would end a table row, become spaces.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` as a spreadsheet will not run it: a cell starting with `=`, `+`, `-`, `@`, a
/// tab, a carriage return, a line feed or NUL, or their full-width forms (`＝`, which
/// some spreadsheets fold to `=`), is a formula to Excel or LibreOffice, so it gets a
/// leading apostrophe (the OWASP advice for CSV injection).
pub fn neutralise_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if starts_like_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Whether a spreadsheet would read `text` as a formula.
pub fn starts_like_formula(text: &str) -> bool {
    text.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠',
    ])
}

/// `text`'s own quotes as the inner kind, for a name put in quotes: «Договор „Программа
/// продаж“», “Terms ‘A’”.
pub fn inner_quotes(text: &str, language: Language) -> String {
    let (open, close, inner_open, inner_close) = match language {
        Language::Ru => ('«', '»', "„", "“"),
        Language::En => ('\u{201c}', '\u{201d}', "\u{2018}", "\u{2019}"),
    };
    text.replace(open, inner_open).replace(close, inner_close)
}

/// `name` in the quotes of `language`, its own quotes turned to the inner kind, and any
/// hidden character shown: how a page away from the templates names a step or a document.
pub fn quoted(name: &str, language: Language) -> String {
    let name = inner_quotes(&crate::hidden::mask(name), language);
    match language {
        Language::Ru => format!("«{name}»"),
        Language::En => format!("\u{201c}{name}\u{201d}"),
    }
}

/// A number as a reader of `language` writes it: no needless decimals, at most two,
/// thousands grouped (`1 500 000,5` in Russian, `1,500,000.5` in English).
pub fn format_number(value: f64, language: Language) -> String {
    let (group, decimal, group_from) = match language {
        Language::Ru => ('\u{a0}', ',', 4),
        Language::En => (',', '.', 3),
    };
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{:.2}", rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    if rounded < 0.0 {
        out.push('-');
    }
    for (index, digit) in whole.chars().enumerate() {
        // Russian leaves a four-digit number whole (2400), English groups it (2,400).
        if index > 0 && (whole.len() - index) % 3 == 0 && whole.len() > group_from {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// An amount of money as `language` writes it: whole, or with both decimals (13 567,50).
pub fn format_money(value: f64, language: Language) -> String {
    let text = format_number(value, language);
    let decimal = match language {
        Language::Ru => ',',
        Language::En => '.',
    };
    match text.split_once(decimal) {
        Some((_, fraction)) if fraction.len() == 1 => text + "0",
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_both_decimals_or_none() {
        assert_eq!(format_money(13567.5, Language::Ru), "13\u{a0}567,50");
        assert_eq!(format_money(2400.0, Language::En), "2,400");
        assert_eq!(format_money(506.05, Language::En), "506.05");
    }

    #[test]
    fn numbers_read_naturally_in_each_language() {
        assert_eq!(format_number(70.0, Language::Ru), "70");
        // English groups thousands from four digits (UK government style), Russian from
        // five: «1500», «15 000».
        assert_eq!(format_number(1500.0, Language::En), "1,500");
        assert_eq!(format_number(1500.0, Language::Ru), "1500");
        assert_eq!(
            format_number(1_500_000.5, Language::Ru),
            "1\u{a0}500\u{a0}000,5"
        );
        assert_eq!(format_number(1_500_000.5, Language::En), "1,500,000.5");
        assert_eq!(format_number(-5.0, Language::En), "-5");
        assert_eq!(format_number(0.125, Language::En), "0.13");
    }

    #[test]
    fn markdown_cells_cannot_break_structure_or_carry_html() {
        assert_eq!(
            escape_markdown("a|b\n<img onerror=x>"),
            "a\\|b &lt;img onerror=x&gt;"
        );
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        for text in [
            "=1+2",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "\n=1",
            "\0=1",
            "＝1+2",
            "＠SUM(A1)",
        ] {
            assert!(neutralise_formula(text).starts_with('\''), "{text:?}");
        }
        assert_eq!(neutralise_formula("Менеджер"), "Менеджер");
    }
}
