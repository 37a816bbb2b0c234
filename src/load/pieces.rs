//! Pieces of a file that failed the schema, so that every schema error is found in one run
//! and the well-formed elements are kept.
//!
//! serde stops at the first error of a file. To go on, the file is cut into its elements
//! (each item of `roles:`, `artifacts:`, `kpis:` and `processes:`, and each step of a
//! process) and each piece is parsed alone. A piece is the whole file with everything
//! else blanked out (every byte but line ends turned into a space), so every line, column
//! and byte offset an error reports is the one in the real file. Only block-style lists
//! are cut; a file written in flow style (`roles: [{…}]`) keeps its first error only.

use std::ops::Range;

/// The list sections whose items are elements.
const LIST_SECTIONS: [&str; 4] = ["roles", "artifacts", "kpis", "processes"];

/// A list: the line that opens it (`roles:`, `steps:`) and its items.
#[derive(Debug)]
pub struct List {
    /// The byte range of the opening line.
    pub header: Range<usize>,
    /// Each item's byte range, from its `-` line to the next item or the list's end.
    pub items: Vec<Range<usize>>,
}

/// The top-level element lists of a file.
pub fn sections(text: &str) -> Vec<List> {
    let lines = lines(text);
    let mut lists = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let content = &text[line.clone()];
        let Some(key) = content
            .strip_suffix('\n')
            .unwrap_or(content)
            .strip_suffix(':')
        else {
            continue;
        };
        if !LIST_SECTIONS.contains(&key) {
            continue;
        }
        let end = lines[index + 1..]
            .iter()
            .find(|l| is_top_level_key(&text[(*l).clone()]))
            .map_or(text.len(), |l| l.start);
        lists.push(List {
            header: line.clone(),
            items: items(text, &lines, line.end..end, 0),
        });
    }
    lists
}

/// The `steps:` list of a process item, if written in block style.
pub fn steps(text: &str, item: Range<usize>) -> Option<List> {
    let lines = lines(text);
    let inside: Vec<&Range<usize>> = lines
        .iter()
        .filter(|l| l.start >= item.start && l.end <= item.end)
        .collect();
    // The item's keys stand at the column after its `- `.
    let first = &text[inside.first()?.start..];
    let key_column = first.len() - first.trim_start_matches([' ', '-']).len();
    let header = inside.iter().find(|l| {
        let content = &text[(**l).clone()];
        let trimmed = content.trim_start_matches([' ', '-']);
        content.len() - trimmed.len() == key_column && trimmed.trim_end() == "steps:"
    })?;
    let end = inside
        .iter()
        .filter(|l| l.start > header.start)
        .find(|l| {
            let content = &text[(**l).clone()];
            let indent = content.len() - content.trim_start().len();
            !content.trim().is_empty()
                && !content.trim_start().starts_with('#')
                && indent <= key_column
                && !content.trim_start().starts_with('-')
        })
        .map_or(item.end, |l| l.start);
    Some(List {
        header: (*header).clone(),
        items: items(text, &lines, header.end..end, key_column),
    })
}

/// `text` with only `keep` left: every other byte but line ends becomes a space.
pub fn only(text: &str, keep: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (at, byte) in bytes.iter_mut().enumerate() {
        if *byte != b'\n' && !keep.iter().any(|r| r.contains(&at)) {
            *byte = b' ';
        }
    }
    // Ranges are whole lines, so no character was cut in two.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The parts of `range` outside every range of `drop`.
pub fn subtract(range: Range<usize>, drop: &[Range<usize>]) -> Vec<Range<usize>> {
    complement(range.end, drop)
        .into_iter()
        .filter_map(|r| {
            let (start, end) = (r.start.max(range.start), r.end.min(range.end));
            (start < end).then_some(start..end)
        })
        .collect()
}

/// `text` with `drop` blanked out.
pub fn without(text: &str, drop: &[Range<usize>]) -> String {
    let keep = complement(text.len(), drop);
    only(text, &keep)
}

fn complement(len: usize, drop: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut drop: Vec<Range<usize>> = drop.to_vec();
    drop.sort_by_key(|r| r.start);
    let mut keep = Vec::new();
    let mut at = 0;
    for range in drop {
        if range.start > at {
            keep.push(at..range.start);
        }
        at = at.max(range.end);
    }
    if at < len {
        keep.push(at..len);
    }
    keep
}

/// The byte range of every line, each with its line end.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut at = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let range = at..at + line.len();
            at += line.len();
            range
        })
        .collect()
}

fn is_top_level_key(line: &str) -> bool {
    !line.starts_with([' ', '\t', '#', '-', '\n', '\r']) && line.contains(':')
}

/// The items of a block sequence in `range`: lines starting with `- ` at the column of the
/// first one, which must be at least `min_column`. None when the list is not in block
/// style.
fn items(
    text: &str,
    lines: &[Range<usize>],
    range: Range<usize>,
    min_column: usize,
) -> Vec<Range<usize>> {
    let mut starts = Vec::new();
    let mut column = None;
    for line in lines
        .iter()
        .filter(|l| l.start >= range.start && l.end <= range.end)
    {
        let content = &text[line.clone()];
        let trimmed = content.trim_start_matches(' ');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = content.len() - trimmed.len();
        let is_item = trimmed.starts_with("- ") || trimmed.trim_end() == "-";
        match column {
            None if is_item && indent >= min_column => {
                column = Some(indent);
                starts.push(line.start);
            }
            None => return Vec::new(),
            Some(c) if is_item && indent == c => starts.push(line.start),
            Some(_) => {}
        }
    }
    let mut items: Vec<Range<usize>> = starts.windows(2).map(|pair| pair[0]..pair[1]).collect();
    if let Some(&last) = starts.last() {
        items.push(last..range.end);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "roles:\n  - id: a\n    name: A\n  - id: b\n    nmae: B\nprocesses:\n  - id: p\n    name: P\n    steps:\n      - id: s1\n        name: S\n      - id: s2\n        nmae: S\n    owner: a\n";

    #[test]
    fn a_file_is_cut_into_its_elements_and_steps() {
        let lists = sections(FILE);
        assert_eq!(lists.len(), 2);
        let roles: Vec<&str> = lists[0].items.iter().map(|r| &FILE[r.clone()]).collect();
        assert_eq!(
            roles,
            ["  - id: a\n    name: A\n", "  - id: b\n    nmae: B\n"]
        );
        let process = lists[1].items[0].clone();
        let steps = steps(FILE, process).unwrap();
        assert_eq!(&FILE[steps.header.clone()], "    steps:\n");
        let steps: Vec<&str> = steps.items.iter().map(|r| &FILE[r.clone()]).collect();
        assert_eq!(
            steps,
            [
                "      - id: s1\n        name: S\n",
                "      - id: s2\n        nmae: S\n"
            ]
        );
    }

    #[test]
    fn a_piece_keeps_every_position() {
        let lists = sections(FILE);
        let piece = only(FILE, &[lists[0].header.clone(), lists[0].items[1].clone()]);
        assert_eq!(piece.len(), FILE.len());
        assert_eq!(piece.find("nmae"), FILE.find("nmae"));
        assert!(!piece.contains("id: a"));
    }
}
