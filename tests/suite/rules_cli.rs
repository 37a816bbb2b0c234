//! `raciflow rules` and docs/rules.md, which must say the same.

use crate::harness::{repo_path, run_raciflow};

fn rules(args: &[&str]) -> crate::harness::Outcome {
    let mut all = vec!["rules".to_owned()];
    all.extend(args.iter().map(|a| a.to_string()));
    run_raciflow(&all, &repo_path(""))
}

#[test]
fn docs_rules_md_is_what_the_registry_says() {
    let generated = rules(&["--markdown"]).stdout;
    let committed = std::fs::read_to_string(repo_path("docs/rules.md")).expect("docs/rules.md");
    assert!(
        generated == committed,
        "docs/rules.md is out of date: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn the_list_names_every_rule_with_its_default_level() {
    let outcome = rules(&[]);
    assert_eq!(outcome.code, 0);
    for rule in raciflow::check::registry::rules() {
        let line = outcome
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{} ", rule.name)));
        assert!(line.is_some(), "{} is not listed", rule.name);
    }
    assert!(outcome.stdout.contains("raci/no-responsible") && outcome.stdout.contains("error"));
}

#[test]
fn one_rule_is_explained_with_an_example_and_a_fix() {
    let outcome = rules(&["raci/accountable-count"]);
    assert_eq!(outcome.code, 0);
    assert!(
        outcome
            .stdout
            .starts_with("raci/accountable-count (error by default)")
    );
    assert!(outcome.stdout.contains("Failing") && outcome.stdout.contains("Fix"));
    let unknown = rules(&["raci/acountable-count"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("did you mean `raci/accountable-count`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_rule_is_found_by_its_name_without_the_group_and_the_text_names_no_file() {
    let outcome = rules(&["no-responsible"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        outcome
            .stdout
            .starts_with("raci/no-responsible (error by default)")
    );
    // An installed user has no docs/ folder: the text points at commands instead.
    assert!(!outcome.stdout.contains("docs/"), "{}", outcome.stdout);
    assert!(outcome.stdout.contains("raciflow rules --markdown"));
}
