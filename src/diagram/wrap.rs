//! Text wrapped to a width, without a font at hand: widths are estimated per character
//! from DejaVu Sans, the widest of the fonts the map names (wider than Segoe UI and
//! Arial), so that text set in any of them stays inside its box.

/// How much wider bold text runs than regular: DejaVu Sans Bold is 14% wider on average,
/// up to a quarter for a few letters.
pub const BOLD: f64 = 1.2;

/// Advance widths in DejaVu Sans at size 1, each rounded up to a multiple of 0.04, with
/// the characters that have them: Latin, Cyrillic, digits and common punctuation.
const WIDTHS: &[(f64, &str)] = &[
    (0.28, "'ijl"),
    (0.32, " ,.IJ"),
    (0.36, "/:;f"),
    (0.40, "()-[]t"),
    (0.44, "!r"),
    (0.48, "\""),
    (0.52, "*_–"),
    (0.56, "?Lcszгзсэ"),
    (0.60, "Fkvxyвтухчь"),
    (0.64, "0123456789EPSTYabdeghnopqu«»ЁГЕРТУабеклоряё"),
    (0.68, "KЗийнп"),
    (0.72, "ABCRVXZАБВКСХЧЬЭЯдцъ"),
    (0.76, "HNUИЙЛНПм"),
    (0.80, "&DGOQДОЦы"),
    (0.84, "#+<=>wЪ"),
    (0.88, "MМФфю"),
    (0.92, "Ыжш"),
    (0.96, "%щ"),
    (1.00, "Wm—…"),
    (1.08, "ЖШЮ№"),
    (1.12, "Щ"),
];

/// The estimated width of `c` in a sans-serif font of size 1; a character not in
/// `WIDTHS` is taken to be as wide as the font's size, more than almost any is.
fn char_width(c: char) -> f64 {
    WIDTHS
        .iter()
        .find(|(_, chars)| chars.contains(c))
        .map_or(1.0, |(width, _)| *width)
}

/// The estimated width of `text` at `size`.
pub fn width(text: &str, size: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * size
}

/// The estimated width of the widest of `lines` at `size`.
pub fn widest(lines: &[String], size: f64) -> f64 {
    lines.iter().map(|l| width(l, size)).fold(0.0, f64::max)
}

/// `text` in lines no wider than `max` at `size`, broken only at spaces and with nothing
/// left out. A word wider than `max` stands whole on a line of its own, wider than `max`:
/// the caller makes room for it, since a word cut in two reads as two words.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line = word.to_owned();
            continue;
        }
        let candidate = format!("{line} {word}");
        if width(&candidate, size) <= max {
            line = candidate;
        } else {
            out.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_fit_and_keep_every_word() {
        let text =
            "Проранжировать компании (A/B/C) и распределить по 90 на телемаркетолога на день";
        let lines = wrap(text, 12.0, 140.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(l, 12.0) <= 140.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_stands_whole_on_its_own_line() {
        let lines = wrap("Нужна корректировка КП", 12.0, 70.0);
        assert_eq!(lines, ["Нужна", "корректировка", "КП"]);
        assert!(width(&lines[1], 12.0) > 70.0);
        assert_eq!(widest(&lines, 12.0), width("корректировка", 12.0));
    }
}
