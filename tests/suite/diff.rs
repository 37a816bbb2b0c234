//! `raciflow diff`: what changed between two versions of a model, for the client and for
//! the reviewer.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

use crate::generated::copy_dir;
use crate::harness::{Outcome, Test, repo_path, run_in};

fn diff(cwd: &Path, args: &[&str]) -> Outcome {
    let mut all = vec!["diff".to_owned()];
    all.extend(args.iter().map(|a| a.to_string()));
    run_in(cwd, &all, cwd)
}

fn json(cwd: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let outcome = diff(cwd, &args);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    serde_json::from_str(&outcome.stdout).unwrap()
}

/// A copy of the quickstart model with `edit` applied to the text of `file`.
fn edited(file: &str, edit: impl Fn(&str) -> String) -> Test {
    let test = Test::copy_of("processes/quickstart");
    let path = test.root().join(file);
    let text = fs::read_to_string(&path).unwrap();
    let changed = edit(&text);
    assert_ne!(text, changed, "the edit changed nothing");
    fs::write(&path, changed).unwrap();
    test
}

#[test]
fn identical_models_have_no_changes() {
    let a = Test::copy_of("processes/quickstart");
    let b = Test::copy_of("processes/quickstart");
    let outcome = diff(
        a.root(),
        &[".", &b.root().display().to_string(), "--exit-code"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.stdout, "no changes\n");
}

#[test]
fn moving_an_element_to_another_file_is_no_change() {
    let old = Test::copy_of("processes/quickstart");
    let new = Test::copy_of("processes/quickstart");
    let roles = fs::read_to_string(new.root().join("roles.yaml")).unwrap();
    fs::remove_file(new.root().join("roles.yaml")).unwrap();
    fs::write(new.root().join("processes/people.yaml"), roles).unwrap();
    let outcome = diff(old.root(), &[".", &new.root().display().to_string()]);
    assert_eq!(outcome.stdout, "no changes\n", "{}", outcome.stderr);
}

#[test]
fn a_changed_step_lists_its_fields_and_what_it_means_for_each_role() {
    let old = Test::copy_of("processes/quickstart");
    let new = edited("processes/01-quote.yaml", |text| {
        text.replacen("effort: 30m", "effort: 45m", 1).replacen(
            "raci: { R: sales-rep, C: [warehouse] }",
            "raci: { R: sales-rep, A: warehouse }",
            1,
        )
    });
    let report = json(old.root(), &[".", &new.root().display().to_string()]);
    let changes = report["changes"].as_array().unwrap();
    let step = changes
        .iter()
        .find(|c| c["id"] == "quote-to-order/prepare-quote")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(step["change"], "changed");
    let fields: Vec<&str> = step["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["effort", "raci.A", "raci.C"], "{step:#}");
    let warehouse = report["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "warehouse")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(warehouse["signing"], "changed");
    assert!(
        warehouse["new_approvals"][0]
            .as_str()
            .unwrap()
            .contains("Prepare a quote"),
        "{warehouse:#}"
    );
    let lead = report["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "sales-lead");
    assert!(
        lead.is_some_and(|l| !l["removed_approvals"].as_array().unwrap().is_empty()),
        "{report:#}"
    );
    assert_eq!(report["summary"]["changed"], 1);
}

#[test]
fn an_id_changed_everywhere_is_a_rename_and_nothing_else() {
    let old = Test::copy_of("processes/quickstart");
    let new = Test::copy_of("processes/quickstart");
    for entry in [
        "roles.yaml",
        "kpis.yaml",
        "processes/01-quote.yaml",
        "processes/02-fulfilment.yaml",
    ] {
        let path = new.root().join(entry);
        let text = fs::read_to_string(&path).unwrap();
        let renamed = [
            "id: warehouse",
            "R: warehouse",
            "[warehouse]",
            "role: warehouse",
        ]
        .iter()
        .fold(text, |text, reference| {
            text.replace(reference, &reference.replace("warehouse", "stores"))
        });
        fs::write(&path, renamed).unwrap();
    }
    let report = json(old.root(), &[".", &new.root().display().to_string()]);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{report:#}");
    assert_eq!(changes[0]["change"], "renamed");
    assert_eq!(changes[0]["from"], "warehouse");
    assert_eq!(changes[0]["id"], "stores");
    assert_eq!(report["summary"]["to_sign"], 0, "{report:#}");
}

#[test]
fn added_and_removed_elements_and_hand_offs() {
    let old = Test::copy_of("processes/quickstart");
    let new = edited("artifacts.yaml", |text| {
        format!(
            "{text}  - {{ id: memo, name: Internal memo, kind: document, description: A note. }}\n"
        )
    });
    fs::remove_file(new.root().join("processes/02-fulfilment.yaml")).unwrap();
    let quote = new.root().join("processes/01-quote.yaml");
    let text = fs::read_to_string(&quote).unwrap();
    fs::write(&quote, text.replace("to: [fulfilment]", "to: [customer]")).unwrap();
    let report = json(old.root(), &[".", &new.root().display().to_string()]);
    let changes = report["changes"].as_array().unwrap();
    let has = |kind: &str, change: &str, id: &str| {
        changes
            .iter()
            .any(|c| c["kind"] == kind && c["change"] == change && c["id"] == id)
    };
    assert!(has("document", "added", "memo"), "{report:#}");
    assert!(has("process", "removed", "fulfilment"), "{report:#}");
    assert!(
        has("hand-off", "removed", "order: quote-to-order → fulfilment"),
        "{report:#}"
    );
}

#[test]
fn exit_code_and_the_markdown_for_a_pull_request() {
    let old = Test::copy_of("processes/quickstart");
    let new = edited("processes/01-quote.yaml", |text| {
        text.replacen(
            "Prepare a quote from the price list",
            "Prepare a <b>quote</b> [from](http://x) the list",
            1,
        )
    });
    let new_root = new.root().display().to_string();
    let failing = diff(old.root(), &[".", &new_root, "--exit-code"]);
    assert_eq!(failing.code, 1);
    let markdown = diff(old.root(), &[".", &new_root, "--format", "markdown"]);
    assert!(
        markdown.stdout.starts_with("**Model changes:** 1 changed"),
        "{}",
        markdown.stdout
    );
    assert!(markdown.stdout.contains("### Steps"), "{}", markdown.stdout);
    assert!(
        markdown.stdout.contains("&lt;b&gt;quote"),
        "{}",
        markdown.stdout
    );
    assert!(!markdown.stdout.contains("[from]("), "{}", markdown.stdout);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn revisions_are_read_from_git_without_touching_the_working_tree() {
    let repo = TempDir::new().unwrap();
    let model = repo.path().join("models/shop");
    fs::create_dir_all(&model).unwrap();
    copy_dir(&repo_path("processes/quickstart"), &model);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-qm", "v1"]);
    git(repo.path(), &["tag", "v1"]);
    let roles = model.join("roles.yaml");
    let text = fs::read_to_string(&roles).unwrap();
    fs::write(&roles, text.replace("headcount: 2", "headcount: 3")).unwrap();

    // The working tree against the last commit, from a folder inside the model.
    let inside = model.join("processes");
    let now = diff(&inside, &["HEAD"]);
    assert_eq!(now.code, 0, "{}", now.stderr);
    assert!(now.stdout.contains("headcount: 2 → 3"), "{}", now.stdout);

    git(repo.path(), &["commit", "-qam", "v2"]);
    let range = diff(&inside, &["v1..HEAD", "--format", "json"]);
    let report: Value = serde_json::from_str(&range.stdout).unwrap();
    assert_eq!(report["summary"]["changed"], 1, "{}", range.stdout);
    let same = diff(
        repo.path(),
        &["HEAD", "--model", "models/shop", "--exit-code"],
    );
    assert_eq!(same.code, 0, "{}{}", same.stdout, same.stderr);
    assert_eq!(same.stdout, "no changes\n");
    // Nothing was written into the repository.
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(
        status.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );

    let unknown = diff(&inside, &["no-such-revision"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("neither a model folder nor a revision"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn the_html_page_colours_the_steps_on_the_maps_of_changed_processes() {
    let old = Test::copy_of("processes/quickstart");
    let new = edited("processes/01-quote.yaml", |text| {
        let cut = text.find("      - id: record-loss").unwrap();
        text[..cut]
            .replacen("effort: 30m", "effort: 45m", 1)
            .replacen(
                "- to: record-loss\n            when: Declined",
                "- to: end\n            when: Declined",
                1,
            )
    });
    let page = diff(
        old.root(),
        &[".", &new.root().display().to_string(), "--format", "html"],
    );
    assert_eq!(page.code, 0, "{}", page.stderr);
    let html = &page.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        html.matches("<svg").count(),
        2,
        "the new map and the old one"
    );
    assert!(html.contains("From enquiry to order (new version)"));
    assert!(html.contains("From enquiry to order (old version)"));
    // The changed step is orange on the new map, the removed one red on the old map: the
    // first task of the flow, and the fifth node (its last step) of the old one.
    assert!(
        html.contains("#map-1-step_1>:first-child{fill:#ffe9c7"),
        "{html}"
    );
    assert!(
        html.contains("#map-2-step_5>:first-child{fill:#ffdede"),
        "{html}"
    );
    // The two maps share one page: no element id is given twice.
    crate::harness::assert_ids_unique(html);
}

#[test]
fn a_revision_outside_git_or_without_a_model_is_explained() {
    let model = Test::copy_of("processes/quickstart");
    let no_git = diff(model.root(), &["HEAD"]);
    assert_eq!(no_git.code, 2);
    assert!(
        no_git.stderr.contains("not in a git repository"),
        "{}",
        no_git.stderr
    );
    let empty = TempDir::new().unwrap();
    let no_model = diff(empty.path(), &["HEAD"]);
    assert_eq!(no_model.code, 2);
    assert!(
        no_model.stderr.contains("no model here"),
        "{}",
        no_model.stderr
    );
}

#[test]
fn the_html_page_of_a_russian_model_is_in_russian() {
    let old = Test::copy_of("processes/sales-department");
    let new = Test::copy_of("processes/sales-department");
    let path = new.root().join("processes/02-cold-calling.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("effort: 4m", "effort: 5m", 1)).unwrap();
    let page = diff(
        old.root(),
        &[".", &new.root().display().to_string(), "--format", "html"],
    );
    assert_eq!(page.code, 0, "{}", page.stderr);
    let html = &page.stdout;
    assert!(html.contains("<html lang=\"ru\">"));
    for words in [
        "Изменения модели",
        "Изменено: 1",
        "Шаги",
        "(новая редакция)",
        "Что меняется для каждой должности",
        "нагрузка",
    ] {
        assert!(html.contains(words), "no «{words}» in the page");
    }
    assert!(
        html.contains("«Дозвониться"),
        "names are quoted the Russian way"
    );
}
