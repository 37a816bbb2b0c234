//! Text wrapped to a width, without a font at hand: widths are estimated per character,
//! generously, so that Cyrillic and Latin text both stay inside their box.

/// The estimated width of `c` in a sans-serif font of size 1.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'ı' => 0.3,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '«' | '»' => 0.4,
        'm' | 'w' | 'M' | 'W' | 'ш' | 'щ' | 'ж' | 'ю' | 'ы' | 'Ш' | 'Щ' | 'Ж' | 'Ю' | 'Ы' | 'Ф'
        | 'ф' => 0.9,
        c if c.is_uppercase() => 0.72,
        _ => 0.56,
    }
}

/// The estimated width of `text` at `size`.
pub fn width(text: &str, size: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * size
}

/// `text` in lines no wider than `max` at `size`, at most `lines` of them; a text that
/// does not fit ends in `…`. Words longer than a line are cut.
pub fn wrap(text: &str, size: f64, max: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        // A word wider than the line is cut where it overflows.
        let mut rest = word;
        while width(rest, size) > max {
            let mut taken = 0.0;
            let cut = rest
                .char_indices()
                .find(|(_, c)| {
                    taken += char_width(*c) * size;
                    taken > max
                })
                .map_or(rest.len(), |(at, _)| at);
            let cut = if cut == 0 {
                rest.chars().next().map_or(1, char::len_utf8)
            } else {
                cut
            };
            out.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        line = rest.to_owned();
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            while !last.is_empty() && width(&format!("{last}…"), size) > max {
                last.pop();
            }
            last.push('…');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_and_nothing_is_lost_but_the_overflow() {
        let text =
            "Проранжировать компании (A/B/C) и распределить по 90 на телемаркетолога на день";
        let lines = wrap(text, 12.0, 140.0, 6);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(l, 12.0) <= 140.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        let cut = wrap(text, 12.0, 140.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert!(cut.iter().all(|l| width(l, 12.0) <= 140.0), "{cut:?}");
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let lines = wrap(&"ж".repeat(60), 12.0, 100.0, 20);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 12.0) <= 100.0));
    }
}
