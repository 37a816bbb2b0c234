//! Property tests over the loader: whatever bytes a model file holds, checking it ends in
//! diagnostics, never a panic.

use proptest::prelude::*;

use crate::harness::{MANIFEST, Test};

/// Text built from the pieces YAML is made of, so that the parser gets deep into its states.
fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("roles:".to_owned()),
        Just("processes:".to_owned()),
        Just("steps:".to_owned()),
        Just("\n".to_owned()),
        Just("  ".to_owned()),
        Just("\t".to_owned()),
        Just("- ".to_owned()),
        Just("id: ".to_owned()),
        Just("name: ".to_owned()),
        Just("raci: { R: ".to_owned()),
        Just("next: [".to_owned()),
        Just("{ to: end, when: x }".to_owned()),
        Just("]".to_owned()),
        Just("}".to_owned()),
        Just("&a ".to_owned()),
        Just("*a".to_owned()),
        Just("<<: *a".to_owned()),
        Just("!tag ".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("---".to_owned()),
        Just("# c".to_owned()),
        "[a-zа-я0-9 :,-]{0,8}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Prints the findings in every format, as `check` would.
fn render_every_format(checked: &raciflow::Checked) {
    use raciflow::diag::{github, human, json, sarif};
    let (report, sources) = (&checked.report, &checked.sources);
    human::render(report, sources, true);
    json::render(report, sources);
    github::render(report, sources);
    sarif::render(report, sources, &raciflow::check::registry::all_rules());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_yamlish_text_checks_without_panicking(text in yamlish()) {
        let test = Test::new().file("model.yaml", MANIFEST).file("fuzz.yaml", &text);
        let checked = raciflow::check_model(test.root());
        prop_assert!(checked.is_ok());
        if let Ok(checked) = checked {
            render_every_format(&checked);
        }
    }

    #[test]
    fn any_bytes_check_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let test = Test::new().file("model.yaml", MANIFEST).file("fuzz.yaml", &bytes);
        let checked = raciflow::check_model(test.root());
        prop_assert!(checked.is_ok());
        if let Ok(checked) = checked {
            render_every_format(&checked);
        }
    }
}
