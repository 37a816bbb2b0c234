//! Property tests over the loader and the checker: whatever bytes a model file holds,
//! checking it ends in diagnostics, never a panic; and the example models, mutated the way
//! hands and editors break files, still check (and, when clean, render) without one.
//!
//! `RACIFLOW_FUZZ_CASES` sets how many mutated models are tried (CI runs more than
//! `cargo test` does).

use proptest::prelude::*;

use crate::harness::{MANIFEST, Test, repo_path};

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

/// One way to break a file: each acts on the file's lines or characters at `at` (taken
/// modulo the file's size) with `piece` where it needs text.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Indent(usize, i8),
    Insert(usize, String),
    ReplaceChar(usize, char),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let piece = prop_oneof![
        yamlish(),
        Just("\t".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\u{202e}".to_owned()),
        Just(": ".to_owned()),
        Just("- ".to_owned()),
        Just("end".to_owned()),
        Just("{ to: end, when: x }".to_owned()),
        Just("&a".to_owned()),
        Just("*a".to_owned()),
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), -4i8..4).prop_map(|(a, d)| Mutation::Indent(a, d)),
        (any::<usize>(), piece).prop_map(|(a, p)| Mutation::Insert(a, p)),
        (any::<usize>(), any::<char>()).prop_map(|(a, c)| Mutation::ReplaceChar(a, c)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// `text` with `mutation` applied.
fn mutate(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let n = lines.len();
    let chars: Vec<char> = text.chars().collect();
    match mutation {
        Mutation::DeleteLine(a) => {
            lines.remove(a % n);
        }
        Mutation::DuplicateLine(a) => {
            let line = lines[a % n].clone();
            lines.insert(a % n, line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::Indent(a, d) => {
            let line = &mut lines[a % n];
            if *d > 0 {
                line.insert_str(0, &" ".repeat(*d as usize));
            } else {
                let strip = line.len() - line.trim_start_matches(' ').len();
                line.drain(..strip.min(d.unsigned_abs() as usize));
            }
        }
        Mutation::Insert(a, piece) => {
            let at = a % (chars.len() + 1);
            let mut out: String = chars[..at].iter().collect();
            out.push_str(piece);
            out.extend(&chars[at..]);
            return out;
        }
        Mutation::ReplaceChar(a, c) => {
            let mut chars = chars;
            if !chars.is_empty() {
                let at = a % chars.len();
                chars[at] = *c;
            }
            return chars.into_iter().collect();
        }
        Mutation::Truncate(a) => return chars[..a % (chars.len() + 1)].iter().collect(),
    }
    lines.join("\n") + "\n"
}

/// Every file of the example models, with its model and its path in it.
fn example_files() -> Vec<(&'static str, String)> {
    let mut files = Vec::new();
    for model in ["processes/quickstart", "processes/sales-department"] {
        let root = repo_path(model);
        let mut pending = vec![root.clone()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let relative = path.strip_prefix(&root).unwrap().display().to_string();
                    files.push((model, relative));
                }
            }
        }
    }
    files.sort();
    files
}

fn fuzz_cases() -> u32 {
    std::env::var("RACIFLOW_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_example_models_check_and_render_without_panicking(
        pick in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let files = example_files();
        let (model, file) = &files[pick % files.len()];
        let test = Test::copy_of(model);
        let path = test.root().join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for m in &mutations {
            text = mutate(&text, m);
        }
        std::fs::write(&path, &text).unwrap();
        let checked = raciflow::check_model(test.root());
        prop_assert!(checked.is_ok());
        if let Ok(checked) = checked {
            render_every_format(&checked);
            // A model that still checks clean (or only warns) is rendered too, in both
            // languages: the views and templates see the mutated values.
            if checked.report.summary.errors == 0 {
                for language in [raciflow::model::Language::Ru, raciflow::model::Language::En] {
                    let options = checked.options(&raciflow::BuildRequest {
                        language: Some(language),
                        ..Default::default()
                    });
                    prop_assert!(options.is_ok());
                    if let Ok(options) = options {
                        prop_assert!(raciflow::build(&checked, &options).is_ok());
                    }
                }
            }
        }
    }
}

/// Text that looks like a CRM's export or an XES log: header names, step ids and names,
/// dates of every form `conform` reads and some it does not, separators, quotes, line
/// ends, and XES elements.
fn logish() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "case",
        "activity",
        "timestamp",
        "role",
        "OWNER_ID",
        "STAGE_ID",
        "CREATED_TIME",
        "Q1",
        "Q2",
        "prepare-quote",
        "follow-up",
        "record-order",
        "record-loss",
        "Record the sales order",
        "sales-rep",
        "anna",
        "resource",
        "Стажёр",
        "2026-11-02 09:00",
        "2026-11-03T09:00:00Z",
        "03.11.2026 10:15",
        "31.11.2026",
        "1762160000",
        "99999999999999999999",
        "",
        ",",
        ";",
        "\t",
        "\"",
        "\n",
        "\r\n",
        " ",
        "\u{feff}",
        "<trace>",
        "</trace>",
        "<event>",
        "</event>",
        "<string key=\"concept:name\" value=\"prepare-quote\"/>",
        "<string key=\"concept:name\" value=\"Q1\"/>",
        "<string key=\"org:role\" value=\"sales-rep\"/>",
        "<string key=\"lifecycle:transition\" value=\"start\"/>",
        "<date key=\"time:timestamp\" value=\"2026-11-03T09:00:00Z\"/>",
        "<date key=\"time:timestamp\" value=\"31.11.2026\"/>",
        "<string key=\"time:timestamp\" value=\"03.11.2026 10:15\"/>",
        "<global scope=\"event\">",
        "</global>",
        "</log>",
    ]);
    // Most texts start with a CSV header or an XES log's opening, so that their events are
    // replayed.
    let start = prop::sample::select(vec![
        "",
        "case,activity,timestamp,role\n",
        "<?xml version=\"1.0\"?>\n<log xes.version=\"1.0\">",
    ]);
    (start, prop::collection::vec(token, 0..80))
        .prop_map(|(start, tokens)| format!("{start}{}", tokens.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever a log holds, `conform` reads and replays it without panicking, on each
    /// process and on its own choice of process.
    #[test]
    fn any_logish_text_conforms_without_panicking(text in logish()) {
        let checked = raciflow::check_model(&crate::harness::repo_path("processes/quickstart"))
            .expect("the quickstart loads");
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("log.csv");
        std::fs::write(&path, &text).expect("write");
        let format = raciflow::conform::LogFormat::of(&path).expect("the file is there");
        let columns = match format {
            raciflow::conform::LogFormat::Csv => raciflow::conform::Columns::standard(),
            raciflow::conform::LogFormat::Xes => raciflow::conform::Columns::xes(),
        };
        let staff_list = dir.path().join("staff.csv");
        std::fs::write(&staff_list, "user,position\nanna,sales-rep\nivan,Склад\n").expect("write");
        let staff = raciflow::conform::Staff::read(&staff_list).expect("the staff list reads");
        for (role_required, staff) in [(false, None), (true, None), (false, Some(staff))] {
            let reading = raciflow::conform::Reading {
                columns: columns.clone(),
                role_required,
                resource_required: false,
                staff,
            };
            if let Ok(log) = raciflow::conform::read(&path, format, &reading) {
                for only in [None, Some(0), Some(1)] {
                    let report = raciflow::conform::conform(&checked.model, &checked.graphs, &log, only);
                    let _ = raciflow::conform::text(&report, "log.csv");
                    let _ = raciflow::conform::findings(&report, &checked.model, Some(0.9));
                }
            }
        }
    }
}
