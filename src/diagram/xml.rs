//! Text made safe for XML (SVG and BPMN): escaped, and stripped of the control characters
//! XML 1.0 forbids, which no parser would accept even escaped.

/// `text` escaped for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_cannot_reach_the_document() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{0}"),
            "a&lt;b&gt;&amp;&quot;c&apos;"
        );
    }
}
