//! Rule fixtures: each folder under tests/fixtures/rules is a model whose files state the
//! diagnostics they must produce, as comment lines:
//!
//! ```yaml
//! # expect: error[unknown-reference] 6:19
//! ```
//!
//! The location is a line and column in the file that holds the comment. A fixture fails on
//! a missing diagnostic and on an unexpected one; a fixture without expectations must check
//! clean.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{Test, brief, repo_path};

fn expectations(root: &Path, dir: &Path, into: &mut BTreeSet<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            expectations(root, &path, into);
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let relative = path
            .strip_prefix(root)
            .expect("below root")
            .display()
            .to_string();
        for line in text.lines() {
            if let Some(expect) = line.trim().strip_prefix("# expect: ") {
                let (diagnostic, position) =
                    expect.rsplit_once(' ').expect("`kind[rule] line:col`");
                into.insert(format!("{diagnostic} {relative}:{position}"));
            }
        }
    }
}

#[test]
fn every_rule_fixture_reports_exactly_what_it_expects() {
    let fixtures = repo_path("tests/fixtures/rules");
    let mut dirs: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        let test = Test::copy_of(
            dir.strip_prefix(repo_path(""))
                .expect("in repo")
                .to_str()
                .expect("utf-8"),
        );
        let mut expected = BTreeSet::new();
        expectations(test.root(), test.root(), &mut expected);
        let (code, report) = test.check_json();
        let actual: BTreeSet<String> = brief(&report, test.root()).into_iter().collect();
        let missing: Vec<_> = expected.difference(&actual).collect();
        let unexpected: Vec<_> = actual.difference(&expected).collect();
        let errors = report["summary"]["errors"].as_u64().unwrap_or(0);
        if !missing.is_empty() || !unexpected.is_empty() || code != i32::from(errors > 0) {
            failures.push(format!(
                "{}: exit {code}\n  missing: {missing:?}\n  unexpected: {unexpected:?}",
                dir.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
    }
    assert!(
        dirs.len() >= 7,
        "fixtures not found in {}",
        fixtures.display()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_failing_fixture_that_finds_it_and_a_passing_one() {
    let fixtures = repo_path("tests/fixtures/rules");
    let mut missing = Vec::new();
    for rule in raciflow::check::registry::rules() {
        let base = rule.name.replace('/', "-");
        let failing = fixtures.join(format!("{base}-fail"));
        let passing = fixtures.join(format!("{base}-pass"));
        let mut expected = BTreeSet::new();
        if failing.is_dir() {
            expectations(&failing, &failing, &mut expected);
        }
        if !expected
            .iter()
            .any(|e| e.contains(&format!("[{}]", rule.name)))
        {
            missing.push(format!(
                "{}: no failing fixture expecting it in {}",
                rule.name,
                failing.display()
            ));
        }
        if !passing.join("model.yaml").is_file() {
            missing.push(format!(
                "{}: no passing fixture {}",
                rule.name,
                passing.display()
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
