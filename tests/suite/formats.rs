//! The four output formats of `check`, and the exit codes that go with them.

use serde_json::Value;

use crate::harness::{MANIFEST, Test, repo_path};

fn model_with_problems() -> Test {
    Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", "roles:\n  - id: clerk\n    name: Clerk\n  - id: clerk\n    name: Clerk, again\n")
        .file(
            "processes.yaml",
            "processes:\n  - id: billing\n    name: Billing\n    owner: clerk\n    steps:\n      - id: issue\n        name: Issue the invoice\n        raci: { R: clrk, A: clerk }\n    purpose: Bill\n    trigger: An order\n    result: A bill\n",
        )
}

#[test]
fn human_output_shows_the_line_a_caret_and_a_summary() {
    let outcome = model_with_problems().args(&["check"]).run();
    assert_eq!(outcome.code, 1);
    insta::assert_snapshot!("human_output", outcome.stdout_redacted());
}

#[test]
fn json_output_has_every_documented_field() {
    let test = model_with_problems();
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    assert_eq!(report["version"], 1);
    let duplicate = &report["diagnostics"][1];
    assert_eq!(duplicate["rule"], "duplicate-id");
    assert_eq!(duplicate["severity"], "error");
    assert_eq!(
        duplicate["file"],
        format!("{}/roles.yaml", test.root().display())
    );
    assert_eq!(
        (duplicate["line"].as_u64(), duplicate["column"].as_u64()),
        (Some(4), Some(9))
    );
    assert_eq!(
        (
            duplicate["end_line"].as_u64(),
            duplicate["end_column"].as_u64()
        ),
        (Some(4), Some(14))
    );
    assert_eq!(duplicate["related"][0]["line"], 2);
    assert_eq!(report["diagnostics"][0]["help"], "did you mean `clerk`?");
    let summary = &report["summary"];
    for (key, value) in [
        ("errors", 2),
        ("warnings", 0),
        ("infos", 0),
        ("files", 3),
        ("processes", 1),
        ("steps", 1),
        ("roles", 1),
    ] {
        assert_eq!(summary[key], value, "{key}");
    }
}

#[test]
fn github_output_is_one_workflow_command_per_diagnostic() {
    let test = model_with_problems();
    let outcome = test.run_with(&["check", "--format", "github"]);
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", outcome.stdout);
    let root = test.root().display().to_string();
    assert_eq!(
        lines[0],
        format!(
            "::error file={root}/processes.yaml,line=8,col=20,endLine=8,endColumn=24,title=unknown-reference::unknown role `clrk`%0Ahelp: did you mean `clerk`?"
        )
    );
    assert!(lines[1].starts_with(&format!("::error file={root}/roles.yaml,line=4,col=9")));
}

/// The official SARIF 2.1.0 schema. Its `run.language` pattern ends in a stray `]`, a
/// literal in ECMAScript regular expressions but an error in Rust's engines; the escaped
/// form means the same.
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo_path("tests/fixtures/sarif-schema-2.1.0.json"))
        .expect("schema");
    let text = text.replace(r#"{2}]?$"#, r#"{2}\\]?$"#);
    let schema: Value = serde_json::from_str(&text).expect("schema JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

#[test]
fn sarif_output_is_valid_against_the_official_sarif_2_1_0_schema() {
    let outcome = model_with_problems()
        .args(&["check", "--format", "sarif"])
        .run();
    assert_eq!(outcome.code, 1);
    let log: Value = serde_json::from_str(&outcome.stdout).expect("SARIF is JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rule metadata");
    assert!(rules.iter().any(|r| r["id"] == "unknown-reference"));
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    let index = results[0]["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], results[0]["ruleId"]);
    assert_eq!(
        results[1]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let test = Test::new()
        .file(
            "model.yaml",
            format!("{MANIFEST}rules:\n  unknown-reference: warning\n"),
        )
        .file(
            "roles.yaml",
            "roles:\n  - id: clerk\n    name: Clerk\n    reports_to: boss\n",
        );
    assert_eq!(test.run_with(&["check"]).code, 0);
    assert_eq!(test.run_with(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn a_rule_switched_off_reports_nothing() {
    let test = Test::new()
        .file(
            "model.yaml",
            format!("{MANIFEST}rules:\n  unknown-reference: off\n"),
        )
        .file(
            "roles.yaml",
            "roles:\n  - id: clerk\n    name: Clerk\n    reports_to: boss\n",
        );
    let (code, report) = test.check_json();
    assert_eq!(code, 0);
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"unknown-reference"), "{rules:?}");
}

#[test]
fn human_output_for_broken_yaml_points_at_the_character() {
    let outcome = Test::copy_of("tests/fixtures/rules/yaml-syntax-fail")
        .args(&["check"])
        .run();
    assert_eq!(outcome.code, 1);
    insta::assert_snapshot!("human_yaml_syntax", outcome.stdout_redacted());
}

#[test]
fn human_output_for_schema_errors_names_the_closest_field() {
    let outcome = Test::copy_of("tests/fixtures/rules/schema-fail")
        .args(&["check"])
        .run();
    assert_eq!(outcome.code, 1);
    insta::assert_snapshot!("human_schema", outcome.stdout_redacted());
}

#[test]
fn human_output_for_a_hand_off_shows_both_processes() {
    let outcome = Test::copy_of("tests/fixtures/rules/data-handoff-mismatch-fail")
        .args(&["check"])
        .run();
    assert_eq!(outcome.code, 1);
    insta::assert_snapshot!("human_handoff_mismatch", outcome.stdout_redacted());
}

#[test]
fn an_input_produced_in_another_process_names_where() {
    let test = Test::new().file(
        "model.yaml",
        "model: { id: m, name: M }\nroles: [{ id: boss, name: Boss }]\nartifacts:\n  - { id: quote, name: Quote }\n\
         kpis: [{ id: k, name: K, role: boss, target: 1, measured_by: quote }]\n\
         processes:\n  - id: quoting\n    name: Quoting\n    owner: boss\n    defaults: { R: boss, A: boss }\n    steps:\n      - { id: write-quote, name: Write the quote, outputs: [quote] }\n\
         \x20 - id: ordering\n    name: Ordering\n    owner: boss\n    defaults: { R: boss, A: boss }\n    steps:\n      - { id: take-order, name: Take the order, inputs: [quote] }\n",
    );
    let outcome = test.run_with(&["check"]);
    assert_eq!(outcome.code, 1);
    insta::assert_snapshot!(
        "human_input_from_another_process",
        outcome.stdout_redacted()
    );
}

#[test]
fn a_reference_written_as_the_elements_name_points_at_its_id() {
    let test = Test::new().file(
        "model.yaml",
        "model: { id: m, name: M }\nroles:\n  - { id: telemarketer, name: Телемаркетолог (оператор холодных звонков) }\n  - { id: head, name: РОП, reports_to: Телемаркетолог }\n",
    );
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    let reference = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["rule"] == "unknown-reference")
        .expect("the name is not an id");
    assert_eq!(
        reference["help"],
        "`Телемаркетолог` is the name of role `telemarketer`: references use the id"
    );
}

#[test]
fn an_info_finding_is_called_info_in_the_terminal_as_everywhere_else() {
    let model = crate::harness::Test::copy_of("tests/fixtures/rules/empty-file-fail");
    let outcome = model.run_with(&["check"]);
    assert!(
        outcome.stdout.contains("info[empty-file]"),
        "{}",
        outcome.stdout
    );
    assert!(!outcome.stdout.contains("note["), "{}", outcome.stdout);
}

/// Runs `check` in the model's own folder, as CI runs it from the repository's root with a
/// relative path, so that reports name files the way GitLab matches them.
fn check_here(test: &Test, args: &[&str]) -> crate::harness::Outcome {
    let mut all: Vec<String> = vec!["check".into(), ".".into()];
    all.extend(args.iter().map(|a| a.to_string()));
    crate::harness::run_in(test.root(), &all, test.root())
}

#[test]
fn gitlab_output_is_a_code_quality_report_gitlab_accepts() {
    let test = model_with_problems().file("empty.yaml", "# nothing yet\n");
    let outcome = check_here(&test, &["--format", "gitlab"]);
    assert_eq!(outcome.code, 1);
    let report: Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    let text = std::fs::read_to_string(repo_path("tests/fixtures/gitlab-code-quality.schema.json"))
        .expect("schema");
    let schema: Value = serde_json::from_str(&text).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{report:#}");
    let issues = report.as_array().unwrap();
    assert_eq!(issues.len(), 3, "{report:#}");
    let unknown = issues
        .iter()
        .find(|i| i["check_name"] == "unknown-reference")
        .unwrap();
    assert_eq!(unknown["severity"], "major");
    assert_eq!(unknown["location"]["path"], "processes.yaml");
    assert_eq!(unknown["location"]["lines"]["begin"], 8);
    assert!(
        unknown["description"]
            .as_str()
            .unwrap()
            .contains("did you mean `clerk`")
    );
    let empty = issues
        .iter()
        .find(|i| i["check_name"] == "empty-file")
        .unwrap();
    assert_eq!(empty["severity"], "info");
    // Every fingerprint is its own, and stays when the finding moves down a line.
    let prints: std::collections::BTreeSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), issues.len());
    let moved = model_with_problems()
        .file("empty.yaml", "# nothing yet\n")
        .file(
            "processes.yaml",
            format!(
                "# a comment above\n{}",
                std::fs::read_to_string(test.root().join("processes.yaml")).unwrap()
            ),
        );
    let again: Value =
        serde_json::from_str(&check_here(&moved, &["--format", "gitlab"]).stdout).unwrap();
    let again_unknown = again
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check_name"] == "unknown-reference")
        .unwrap();
    assert_eq!(again_unknown["location"]["lines"]["begin"], 9);
    assert_eq!(again_unknown["fingerprint"], unknown["fingerprint"]);
}

#[test]
fn junit_output_has_a_test_case_per_rule_failing_with_its_errors() {
    let test = model_with_problems().file("empty.yaml", "# nothing yet\n");
    let outcome = check_here(&test, &["--format", "junit"]);
    assert_eq!(outcome.code, 1);
    let xml = roxmltree::Document::parse(&outcome.stdout).expect("well-formed XML");
    let suites = xml.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let rules = raciflow::check::registry::all_rules().len();
    let cases: Vec<roxmltree::Node> = suites
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), rules);
    assert_eq!(suites.attribute("tests"), Some(rules.to_string().as_str()));
    let mut failing: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .map(|c| c.attribute("name").unwrap())
        .collect();
    failing.sort();
    assert_eq!(
        failing,
        ["duplicate-id", "unknown-reference"],
        "{}",
        outcome.stdout
    );
    assert_eq!(suites.attribute("failures"), Some("2"));
    let unknown = cases
        .iter()
        .find(|c| c.attribute("name") == Some("unknown-reference"))
        .unwrap();
    let failure = unknown
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        failure
            .text()
            .unwrap()
            .contains("processes.yaml:8:20: error: unknown role `clrk`")
    );
    // An info is reported in the test case's output; its rule passes.
    let empty = cases
        .iter()
        .find(|c| c.attribute("name") == Some("empty-file"))
        .unwrap();
    assert!(!empty.children().any(|n| n.has_tag_name("failure")));
    assert!(empty.children().any(|n| n.has_tag_name("system-out")));
}
