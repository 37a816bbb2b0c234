//! The Mermaid map: a `flowchart` with a subgraph per lane, which GitHub and GitLab draw
//! inside Markdown.

use std::fmt::Write as _;

use crate::diagram::map::{NodeKind, ProcessMap};

/// `text` as the inside of a quoted Mermaid label: quotes, markup and `#` become
/// Mermaid's entity codes, line breaks spaces.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            // A backtick run would end the Markdown code fence the map sits in.
            '`' => out.push_str("#96;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The map as Mermaid text.
pub fn mermaid(map: &ProcessMap) -> String {
    let mut out = String::from("flowchart LR\n");
    for (index, lane) in map.lanes.iter().enumerate() {
        let _ = writeln!(out, "  subgraph {}[{}]", lane.id, quote(&lane.name));
        let _ = writeln!(out, "    direction LR");
        for node in map.nodes.iter().filter(|n| n.lane == index) {
            let label = quote(&node.label);
            let shape = match node.kind {
                NodeKind::Start => "((\" \"))".to_owned(),
                NodeKind::End => "(((\" \")))".to_owned(),
                NodeKind::Task => format!("({label})"),
                NodeKind::Subprocess { .. } => format!("[[{label}]]"),
                NodeKind::Decision => format!("{{{label}}}"),
                NodeKind::Parallel => "{\"+\"}".to_owned(),
                NodeKind::Merge => "{\"×\"}".to_owned(),
            };
            let _ = writeln!(out, "    {}{shape}", node.id);
        }
        let _ = writeln!(out, "  end");
    }
    for edge in &map.edges {
        let (from, to) = (&map.nodes[edge.from].id, &map.nodes[edge.to].id);
        match &edge.label {
            Some(label) => {
                let _ = writeln!(out, "  {from} -->|{}| {to}", quote(label));
            }
            None => {
                let _ = writeln!(out, "  {from} --> {to}");
            }
        }
    }
    for node in &map.nodes {
        if let NodeKind::Subprocess { regulation, .. } = &node.kind {
            let _ = writeln!(
                out,
                "  click {} href {}",
                node.id,
                quote(&format!("../{regulation}.html"))
            );
        }
    }
    let _ = writeln!(
        out,
        "  classDef event fill:#fff,stroke:#2e7d32,stroke-width:2px"
    );
    let ends: Vec<&str> = map
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Start | NodeKind::End))
        .map(|n| n.id.as_str())
        .collect();
    if !ends.is_empty() {
        let _ = writeln!(out, "  class {} event", ends.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(
            quote("a \"b\" <c> #d\n(e)"),
            "\"a #quot;b#quot; #lt;c#gt; #35;d (e)\""
        );
    }
}
