//! Property tests over the pack: whatever text a consultant types into a name, the pack
//! renders, and no page carries it as markup.

use proptest::prelude::*;

use raciflow::model::Language;
use raciflow::render::{Format, Options, Overrides};

use crate::harness::{MANIFEST, Test};

/// Names made of what breaks markup, tables and spreadsheets, with ordinary words between.
fn name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script>".to_owned()),
        Just("</td>".to_owned()),
        Just("<img src=x onerror=y>".to_owned()),
        Just("&amp;".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("|".to_owned()),
        Just("`".to_owned()),
        Just("[x](javascript:y)".to_owned()),
        Just("=".to_owned()),
        Just("\\n".to_owned()),
        Just("{{ 1 }}".to_owned()),
        "[a-zA-Zа-яА-Я0-9 ]{1,6}",
    ];
    prop::collection::vec(piece, 1..6).prop_map(|pieces| pieces.concat())
}

/// `text` as a YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_name_renders_as_text(role in name(), process in name(), step in name(), form in name()) {
        let model = Test::new()
            .file("model.yaml", MANIFEST)
            .file("roles.yaml", format!("roles:\n  - id: r\n    name: {}\n", quoted(&role)))
            .file("artifacts.yaml", format!("artifacts:\n  - id: f\n    name: {}\n    kind: form\n    fields: [{{ name: {} }}]\n", quoted(&form), quoted(&form)))
            .file(
                "processes/p.yaml",
                format!(
                    "processes:\n  - id: p\n    name: {}\n    owner: r\n    steps:\n      - id: s\n        name: {}\n        raci: {{ R: r, A: r }}\n        outputs: [f]\n        next: t\n      - id: t\n        name: t\n        raci: {{ R: r, A: r }}\n        inputs: [f]\n",
                    quoted(&process),
                    quoted(&step)
                ),
            );
        let checked = raciflow::check_model(model.root()).unwrap();
        prop_assert!(!checked.fails(false), "{:?}", checked.report.diagnostics);
        for language in [Language::En, Language::Ru] {
            let options = Options {
                language,
                formats: Format::defaults().collect(),
                overrides: Overrides::default(),
                csv_separator: None,
                docx_reference: None,
                browser: None,
            };
            let files = raciflow::build(&checked, &options).unwrap();
            for file in files.iter().filter(|f| f.path.ends_with(".html") || f.path.ends_with(".md")) {
                let text = String::from_utf8(file.bytes.clone()).unwrap();
                for markup in ["<script", "<img", "</td></td>"] {
                    prop_assert!(!text.contains(markup), "{} carries {markup}", file.path);
                }
                // A Markdown link needs an unescaped `](` outside a code fence (the
                // Mermaid map sits in one, where nothing is a link).
                let prose: String = text
                    .split("```")
                    .step_by(2)
                    .collect::<Vec<_>>()
                    .join("");
                let live_link = file.path.ends_with(".md") && prose
                    .match_indices("](javascript")
                    .any(|(at, _)| !prose[..at].ends_with('\\'));
                prop_assert!(!live_link, "{} carries a javascript: link", file.path);
                if file.path.starts_with("roles/") && role.contains("{{ 1 }}") {
                    prop_assert!(text.contains("{{ 1 }}"), "{} ran a name as a template", file.path);
                }
            }
        }
    }
}
