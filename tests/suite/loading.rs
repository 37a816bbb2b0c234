//! Bad input: broken encodings, YAML bombs, files to skip, and paths that are not models.
//! Each must end in a clear diagnostic or error, never a panic or a hang.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{MANIFEST, Test, brief};

const ROLE: &str = "roles:\n  - id: clerk\n    name: Clerk\n";

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        [b"\xEF\xBB\xBF".as_slice(), ROLE.as_bytes()].concat(),
    );
    let (code, report) = test.check_json();
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["summary"]["roles"], 1);
}

#[test]
fn invalid_utf8_is_reported_at_the_bad_byte() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", b"roles:\n  - id: clerk\n    name: Caf\xE9\n");
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        brief(&report, test.root()),
        ["error[yaml-syntax] roles.yaml:3:14"]
    );
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("0xE9")
    );
}

#[test]
fn a_utf16_file_is_named_as_such() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(ROLE.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", utf16);
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("UTF-16")
    );
}

/// Runs `check` and fails if it has not finished within `limit`: a hang is a failure, and
/// speed itself is measured in the benchmark, not here.
fn check_within(test: &Test, limit: Duration) -> (i32, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_raciflow"))
        .args(["check", "--format", "json"])
        .arg(test.root())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run raciflow");
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let output = child.wait_with_output().expect("output");
            return (
                status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                started.elapsed(),
            );
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("check did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_billion_laughs_file_stops_at_the_node_budget() {
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..9 {
        let refs = vec![format!("*a{}", level - 1); 9].join(", ");
        yaml.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    yaml.push_str("roles: *a8\n");
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("bomb.yaml", yaml);
    let (code, stdout, _) = check_within(&test, Duration::from_secs(10));
    assert_eq!(code, 1);
    assert!(
        stdout.contains("yaml-syntax") || stdout.contains("schema"),
        "{stdout}"
    );
}

#[test]
fn ten_thousand_nested_brackets_are_refused_without_overflowing_the_stack() {
    let yaml = format!("roles: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("deep.yaml", yaml);
    let (code, stdout, _) = check_within(&test, Duration::from_secs(10));
    assert_eq!(code, 1);
    assert!(stdout.contains("\"rule\": \"yaml-syntax\""), "{stdout}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let big = format!("roles: []\n# {}\n", "x".repeat(9 * 1024 * 1024));
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("big.yaml", big);
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    let message = report["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("8 MiB"), "{message}");
}

#[test]
fn five_errors_in_three_files_are_all_reported_in_one_run() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", "roles:\n  - id: clerk\n    name: Clerk\n    reports_to: boss\n")
        .file("broken.yaml", "roles:\n  - id: other\n    nmae: Other\n")
        .file(
            "processes.yaml",
            "processes:\n  - id: p\n    name: P\n    owner: clrk\n    steps:\n      - id: s\n        name: S\n        raci: { R: clerk, A: nobody }\n        inputs: [ghost]\n        next: nowhere\n",
        );
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    let errors: Vec<String> = brief(&report, test.root())
        .into_iter()
        .filter(|d| d.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        [
            "error[schema] broken.yaml:3:5",
            "error[unknown-reference] processes.yaml:4:12",
            "error[unknown-reference] processes.yaml:8:30",
            "error[unknown-reference] processes.yaml:9:18",
            "error[unknown-reference] processes.yaml:10:15",
            "error[unknown-reference] roles.yaml:4:17",
        ]
    );
}

#[test]
fn references_into_a_file_with_a_schema_error_are_not_reported_again() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file(
            "roles.yaml",
            "roles:\n  - id: clerk\n    name: Clerk\n    headcount: many\n",
        )
        .file(
            "processes.yaml",
            "processes:\n  - id: p\n    name: P\n    owner: clerk\n    steps:\n      - { id: s, name: S, raci: { R: clerk, A: clerk } }\n    purpose: P\n    trigger: T\n    result: R\n",
        );
    let (_, report) = test.check_json();
    assert_eq!(
        brief(&report, test.root()),
        ["error[schema] roles.yaml:4:16"]
    );
}

#[test]
fn hidden_files_templates_and_packs_are_not_loaded() {
    let broken = "this: is: not: yaml\n";
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file(".hidden.yaml", broken)
        .file(".git/config.yaml", broken)
        .file("templates/role.yaml", broken)
        .file("pack/.raciflow-pack", "")
        .file("pack/model.yaml", broken)
        .file("notes.txt", broken)
        .file("sub/roles.yml", ROLE);
    let (code, report) = test.check_json();
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["summary"]["roles"], 1);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_model_root_are_not_followed() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.yaml"), "this: is: not: yaml\n").expect("write");
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", ROLE);
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        test.root().join("linked.yaml"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink(outside.path(), test.root().join("linked-folder")).expect("symlink");
    std::os::unix::fs::symlink(test.root(), test.root().join("loop")).expect("symlink");
    let (code, report) = test.check_json();
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn yaml_1_1_look_alikes_stay_the_ids_they_were_written_as() {
    let checked = raciflow::check_model(&crate::harness::repo_path(
        "tests/fixtures/rules/yaml-traps",
    ))
    .expect("loads");
    let ids: Vec<&str> = checked.model.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["no", "on", "010", "1e3", "2026-01-01", "y"]);
    let names: Vec<&str> = checked
        .model
        .roles
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["off", "yes", "010", "1e3", "2026-01-01", "~ntilde"]);
    let info = checked.model.info.as_ref().expect("manifest");
    assert_eq!(
        (
            info.id.as_str(),
            info.name.as_str(),
            info.version.as_deref()
        ),
        ("no", "on", Some("1.10"))
    );
    let process = &checked.model.processes[0];
    assert_eq!(process.id, "0x1F");
    assert_eq!(
        process.steps[0].next[0].to,
        raciflow::resolve::Target::Step(1)
    );
}

#[test]
fn a_folder_without_model_yaml_is_a_failed_run() {
    let test = Test::new().file("roles.yaml", ROLE).args(&["check"]);
    let outcome = test.run();
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("no model.yaml"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_missing_folder_or_a_file_is_a_failed_run_naming_the_path() {
    let test = Test::new().file("model.yaml", MANIFEST);
    for path in [test.root().join("nope"), test.root().join("model.yaml")] {
        let outcome = crate::harness::run_raciflow(
            &["check".into(), path.display().to_string()],
            test.root(),
        );
        assert_eq!(outcome.code, 2);
        assert!(
            outcome.stderr.contains(&path.display().to_string()),
            "{}",
            outcome.stderr
        );
    }
}

#[test]
fn an_unknown_flag_is_a_failed_run() {
    let outcome = Test::new()
        .file("model.yaml", MANIFEST)
        .args(&["check", "--no-such-flag"])
        .run();
    assert_eq!(outcome.code, 2);
}

/// Each diagnostic as `kind[rule] file:line:col message`.
fn full(report: &serde_json::Value, root: &std::path::Path) -> Vec<String> {
    brief(report, root)
        .into_iter()
        .zip(report["diagnostics"].as_array().unwrap())
        .map(|(b, d)| format!("{b} {}", d["message"].as_str().unwrap_or_default()))
        .collect()
}

#[test]
fn every_schema_error_of_a_file_is_reported_and_its_good_elements_kept() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: boss\n    name: Boss\n  - id: clerk\n    nmae: Clerk\n  - id: runner\n    name: Runner\n    headcount: 0\n  - id: porter\n    name: Porter\n    reports_to: boss\nprocesses:\n  - id: post\n    name: Post\n    owner: boss\n    steps:\n      - id: sort\n        name: Sort\n        raci: { R: porter, A: boss }\n        efort: 5m\n      - id: send\n        name: Send\n        raci: { R: porter, A: boss }\n        volum: 3/day\n",
    );
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    let found = full(&report, test.root());
    let schema: Vec<&String> = found.iter().filter(|f| f.contains("[schema]")).collect();
    assert_eq!(
        schema,
        [
            "error[schema] roles.yaml:5:5 unknown field `nmae`",
            "error[schema] roles.yaml:8:16 expected a whole number of 1 or more, found `0`",
            "error[schema] roles.yaml:20:9 unknown field `efort`",
            "error[schema] roles.yaml:24:9 unknown field `volum`",
        ],
        "{found:#?}"
    );
    // The well-formed roles are kept: boss and porter, and so `reports_to: boss` resolves.
    assert_eq!(report["summary"]["roles"], 2, "{found:#?}");
    assert!(
        !found.iter().any(|f| f.contains("unknown-reference")),
        "{found:#?}"
    );
}

#[test]
fn values_are_shown_where_they_are_written_in_the_users_words() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: a\n    name: A\n    headcount: 99999999999\nkpis:\n  - { id: k, name: K, role: a, target: 1e400 }\n",
    );
    let (_, report) = test.check_json();
    let found = full(&report, test.root());
    assert!(
        found.contains(&"error[schema] roles.yaml:4:16 expected a whole number no larger than 4,294,967,295, found `99999999999`".to_owned()),
        "{found:#?}"
    );
    assert!(
        found.contains(
            &"error[schema] roles.yaml:6:40 expected a number of a sensible size, found `1e400`"
                .to_owned()
        ),
        "{found:#?}"
    );
    for finding in &found {
        for rust in ["u32", "f64", "struct", "nonzero"] {
            assert!(!finding.contains(rust), "{finding}");
        }
    }
}

#[test]
fn a_missing_field_points_at_the_elements_first_key() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: a\n    name: A\n    allow:\n      - rule: raci/unused-role\n",
    );
    let (_, report) = test.check_json();
    assert_eq!(
        full(&report, test.root()),
        ["error[schema] roles.yaml:5:9 missing required field `reason`"]
    );
}

#[test]
fn a_no_break_space_in_the_indentation_is_named() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", "roles:\n\u{a0} - id: a\n    name: A\n");
    let (_, report) = test.check_json();
    let found = full(&report, test.root());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("error[yaml-syntax] roles.yaml:2:1"),
        "{found:#?}"
    );
    assert!(found[0].contains("U+00A0"), "{found:#?}");
}

#[test]
fn a_utf16_file_without_a_byte_order_mark_is_named_as_such() {
    let utf16: Vec<u8> = ROLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", utf16);
    let (_, report) = test.check_json();
    let found = full(&report, test.root());
    assert!(found[0].contains("UTF-16"), "{found:#?}");
}

#[test]
fn binary_data_is_refused_without_naming_a_parser_option() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", "roles: !!binary aGVsbG8=\n");
    let outcome = test.run_with(&["check"]);
    assert_eq!(outcome.code, 1);
    assert!(outcome.stdout.contains("!!binary"), "{}", outcome.stdout);
    for word in ["option", "struct", "Role"] {
        assert!(!outcome.stdout.contains(word), "{}", outcome.stdout);
    }
}

#[test]
fn a_file_with_old_mac_line_ends_is_read_whole() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "# the roles\rroles:\r  - id: a\r    name: A\r",
    );
    let (_, report) = test.check_json();
    assert_eq!(report["summary"]["roles"], 1);
}

#[test]
fn a_broken_file_hides_no_error_elsewhere_and_is_named_as_a_possible_home() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", ROLE)
        .file("broken.yaml", "processes:\n\t- id: x\n")
        .file(
            "processes.yaml",
            "processes:\n  - id: p\n    name: P\n    owner: clerk\n    steps:\n      - { id: a, name: A, raci: { R: clrk, A: clerk }, next: b }\n      - { id: b, name: B, raci: { R: clrk, A: clerk } }\n",
        );
    let (_, report) = test.check_json();
    let found: Vec<String> = brief(&report, test.root())
        .into_iter()
        .filter(|b| !b.starts_with("info"))
        .collect();
    assert_eq!(
        found,
        [
            "error[yaml-syntax] broken.yaml:2:1",
            "error[unknown-reference] processes.yaml:6:38",
        ],
        "{report:#}"
    );
    let unknown = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-reference")
        .unwrap();
    let related: Vec<&str> = unknown["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        [
            "`clrk` is used here too",
            "this file could not be read; `clrk` may be defined in it"
        ]
    );
}

#[test]
fn a_misspelt_section_is_reported_before_what_it_causes() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file(
            "processes.yaml",
            "processes:\n  - id: p\n    name: P\n    owner: clerk\n    steps:\n      - { id: a, name: A, raci: { R: clerk, A: clerk } }\n",
        )
        .file("roles.yaml", "role:\n  - id: clerk\n    name: Clerk\n");
    let (_, report) = test.check_json();
    let found = brief(&report, test.root());
    assert!(
        found[0].starts_with("error[schema] roles.yaml:1:1"),
        "{found:#?}"
    );
    assert!(
        report["diagnostics"][0]["help"]
            .as_str()
            .unwrap_or_default()
            .contains("roles"),
        "{report:#}"
    );
}

#[test]
fn a_fifo_named_like_a_model_file_is_not_read() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", ROLE);
    let fifo = test.root().join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // Reading a FIFO blocks until someone writes: finishing at all is the test.
    let (code, stdout, _) = check_within(&test, Duration::from_secs(60));
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn a_key_too_long_for_yaml_is_named_as_such() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        format!("roles:\n  - id: a\n    {}: 1\n", "k".repeat(2000)),
    );
    let (_, report) = test.check_json();
    let found = full(&report, test.root());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("error[yaml-syntax] roles.yaml:3:5 a key of 2000 characters"),
        "{found:#?}"
    );
}

#[test]
fn a_badly_indented_element_is_blamed_not_its_neighbour() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: a\n    name: A\n    purpose: P\n\n  - id: warehouse\n   name: x\n    name: Warehouse Clerk\n\n  - id: c\n    name: C\n",
    );
    let (_, report) = test.check_json();
    let found = brief(&report, test.root());
    assert!(
        found.contains(&"error[schema] roles.yaml:6:5".to_owned()),
        "{found:#?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.starts_with("error") && f.contains("roles.yaml:2:")),
        "{found:#?}"
    );
}

#[test]
fn a_colon_in_a_plain_value_gets_advice() {
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: a\n    name: Order: standard\n",
    );
    let (_, report) = test.check_json();
    let help = report["diagnostics"][0]["help"]
        .as_str()
        .unwrap_or_default();
    assert!(help.contains("quotes"), "{report:#}");
}

#[test]
fn an_unknown_id_lent_by_defaults_is_one_place_and_a_broken_file_is_named() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", "role:\n  - id: boss\n    name: Boss\n")
        .file(
            "processes.yaml",
            "processes:\n  - id: p\n    name: P\n    owner: boss\n    defaults: { A: boss, R: boss }\n    steps:\n      - { id: a, name: A, next: b }\n      - { id: b, name: B }\n",
        );
    let (_, report) = test.check_json();
    let unknown: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unknown-reference")
        .collect();
    // `owner: boss`, `A: boss` and `R: boss`: three places, each once, in one report.
    assert_eq!(unknown.len(), 1, "{report:#}");
    let related: Vec<&str> = unknown[0]["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        [
            "`boss` is used here too",
            "`boss` is used here too",
            "this file has errors and what they are in was left out; `boss` may be defined there",
        ],
        "{report:#}"
    );
}

/// Files are parsed and rules run in parallel: the report must not depend on how many
/// threads there are, or on which finishes first.
#[test]
fn the_report_is_the_same_on_one_thread_and_on_many() {
    let model = tempfile::TempDir::new().unwrap();
    crate::generated::generate_shaped(model.path(), 60, 12, 5);
    // Findings from the loader and from the rules, in several files.
    std::fs::write(
        model.path().join("processes/broken.yaml"),
        "processes:\n  - id: broken\n    name: Broken\n    owner: nobody\n    steps:\n      - id: a\n        name: A\n        raci: { R: ghost }\n",
    )
    .unwrap();
    std::fs::write(model.path().join("processes/bad.yaml"), "roles: [\n").unwrap();
    let report = |threads: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_raciflow"))
            .args(["check", "--format", "json"])
            .arg(model.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let serial = report("1");
    let parsed: serde_json::Value = serde_json::from_str(&serial).unwrap();
    let findings = parsed["diagnostics"].as_array().unwrap().len();
    assert!(findings > 20, "{serial}");
    for _ in 0..3 {
        assert_eq!(report("8"), serial);
    }
}

/// `serve` checks the model again on every save, parsing only the files whose text
/// changed. Whatever the save (a file edited, broken and mended, a file added ahead of
/// others in the walk, which renumbers them), its report is the one a fresh check gives.
#[test]
fn a_check_that_takes_unchanged_files_from_the_last_reports_as_a_fresh_one() {
    let test = Test::copy_of("processes/quickstart")
        // A zero-width space: a warning the cache keeps with the file it is in.
        .file(
            "processes/notes.yaml",
            "artifacts:\n  - { id: memo, name: \"Memo\u{200b} to the desk\" }\n",
        );
    let root = test.root();
    let cache = raciflow::load::Cache::default();
    let report = |checked: raciflow::Checked| {
        raciflow::diag::json::render(&checked.report, &checked.sources)
    };
    let same = |when: &str| {
        let cached = report(raciflow::check_model_cached(root, &cache).unwrap());
        let fresh = report(raciflow::check_model(root).unwrap());
        assert_eq!(cached, fresh, "{when}");
        cached
    };
    let first = same("first check");
    assert!(first.contains("hidden-character"), "{first}");
    assert_eq!(same("nothing saved"), first);
    let write = |path: &str, text: &str| std::fs::write(root.join(path), text).unwrap();
    // A file ahead of notes.yaml in the walk: notes.yaml's warning names it by its new place.
    write(
        "processes/a-first.yaml",
        "artifacts:\n  - { id: brief-note, name: Brief note }\n",
    );
    let added = same("a file added ahead");
    assert!(added.contains("notes.yaml"), "{added}");
    write(
        "processes/a-first.yaml",
        "artifacts:\n  - { id: brief-note, nmae: Brief note }\n",
    );
    assert!(same("a file broken").contains("`nmae`"));
    write(
        "processes/a-first.yaml",
        "artifacts:\n  - { id: brief-note, name: Brief }\n",
    );
    same("the file mended");
    std::fs::remove_file(root.join("processes/a-first.yaml")).unwrap();
    assert_eq!(same("the file removed"), first);
}
