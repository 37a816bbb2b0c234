//! The authoring loop: `init`, `build --check`, finding the model from a subfolder, and
//! how much the commands print.

use std::fs;
use std::path::Path;

use tempfile::TempDir;

use crate::build::{build, tree};
use crate::harness::{MANIFEST, Outcome, Test, repo_path, run_in};

fn raciflow(cwd: &Path, args: &[&str]) -> Outcome {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    run_in(cwd, &args, cwd)
}

#[test]
fn every_starter_checks_clean_and_builds() {
    for starter in &raciflow::starter::STARTERS {
        let dir = TempDir::new().unwrap();
        let model = dir.path().join("Acme Sales");
        let init = raciflow(
            dir.path(),
            &["init", "Acme Sales", "--template", starter.name],
        );
        assert_eq!(init.code, 0, "{}: {}", starter.name, init.stderr);
        assert!(init.stderr.contains("cd 'Acme Sales'"), "{}", init.stderr);
        let check = raciflow(&model, &["check", "--format", "json"]);
        assert_eq!(check.code, 0, "{}: {}", starter.name, check.stdout);
        let report: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
        assert_eq!(report["summary"]["errors"], 0, "{}", starter.name);
        assert_eq!(
            report["summary"]["warnings"], 0,
            "{}: {}",
            starter.name, check.stdout
        );
        let built = raciflow(&model, &["build", "--out", "pack"]);
        assert_eq!(built.code, 0, "{}: {}", starter.name, built.stderr);
        assert!(model.join("pack/index.html").is_file());
        let manifest = fs::read_to_string(model.join("model.yaml")).unwrap();
        assert!(manifest.contains("id: acme-sales"), "{manifest}");
    }
}

#[test]
fn init_gives_every_file_the_schema_for_completion() {
    let dir = TempDir::new().unwrap();
    let init = raciflow(dir.path(), &["init", "m", "--template", "minimal-en"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let model = dir.path().join("m");
    let process = fs::read_to_string(model.join("processes/01-requests.yaml")).unwrap();
    assert!(process.starts_with("# yaml-language-server: $schema=../raciflow.schema.json\n"));
    let manifest = fs::read_to_string(model.join("model.yaml")).unwrap();
    assert!(manifest.starts_with("# yaml-language-server: $schema=raciflow.schema.json\n"));
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(model.join("raciflow.schema.json")).unwrap())
            .unwrap();
    assert_eq!(schema, raciflow::schema::model_schema());
    let settings = fs::read_to_string(model.join(".vscode/settings.json")).unwrap();
    assert!(
        settings.contains("\"./raciflow.schema.json\""),
        "{settings}"
    );
}

#[test]
fn init_names_a_blank_model_after_its_folder() {
    let dir = TempDir::new().unwrap();
    let init = raciflow(dir.path(), &["init", "Say \"hi\"", "--template", "blank"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let model = dir.path().join("Say \"hi\"");
    let check = raciflow(&model, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let manifest = fs::read_to_string(model.join("model.yaml")).unwrap();
    assert!(manifest.contains("name: \"Say \\\"hi\\\"\""), "{manifest}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_leaves_it_as_it_was() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let init = raciflow(dir.path(), &["init"]);
    assert_eq!(init.code, 2, "{}", init.stderr);
    assert!(init.stderr.contains("not empty"), "{}", init.stderr);
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "init wrote or left something");
    let unknown = raciflow(dir.path(), &["init", "x", "--template", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("sales-ru"), "{}", unknown.stderr);
}

#[test]
fn init_fills_an_empty_folder() {
    let dir = TempDir::new().unwrap();
    let init = raciflow(dir.path(), &["init", "--template", "minimal-en"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(dir.path().join("model.yaml").is_file());
    // Nothing of the staging folder is left beside it.
    let parent = dir.path().parent().unwrap();
    let name = dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(!fs::read_dir(parent).unwrap().any(|e| {
        let e = e.unwrap().file_name().to_string_lossy().into_owned();
        e.starts_with(".raciflow-init") && e.contains(&name)
    }));
}

#[test]
fn commands_find_the_model_from_a_subfolder() {
    let test = Test::copy_of("processes/quickstart");
    let inside = test.root().join("processes");
    let check = raciflow(&inside, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("2 processes"), "{}", check.stdout);
    // Findings name files as seen from where the command ran.
    let broken = Test::new().file("model.yaml", MANIFEST).file(
        "sub/roles.yaml",
        "roles:\n  - { id: a, name: A, reports_to: nobody }\n",
    );
    let from_sub = raciflow(&broken.root().join("sub"), &["check"]);
    assert_eq!(from_sub.code, 1, "{}", from_sub.stdout);
    assert!(
        from_sub.stdout.contains("../sub/roles.yaml:2"),
        "{}",
        from_sub.stdout
    );
    // Outside any model, the error says how to start one.
    let nowhere = TempDir::new().unwrap();
    let none = raciflow(nowhere.path(), &["check"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("raciflow init"), "{}", none.stderr);
}

#[test]
fn min_severity_and_quiet_hide_findings_but_the_summary_counts_them() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("empty.yaml", "# nothing yet\n");
    let all = test.run_with(&["check"]);
    assert!(all.stdout.contains("info[empty-file]"), "{}", all.stdout);
    for hiding in [
        &["check", "--min-severity", "warning"][..],
        &["check", "--quiet"],
    ] {
        let shown = test.run_with(hiding);
        assert_eq!(shown.code, 0);
        assert!(!shown.stdout.contains("empty-file"), "{}", shown.stdout);
        assert!(shown.stdout.contains("1 info"), "{}", shown.stdout);
    }
    let json = test.run_with(&["check", "--format", "json", "--min-severity", "error"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["infos"], 1);
}

#[test]
fn color_always_colours_and_never_does_not() {
    let test = Test::new().file("model.yaml", "model:\n  id: t\n");
    let always = test.run_with(&["check", "--color", "always"]);
    assert!(always.stdout.contains('\u{1b}'), "{}", always.stdout);
    let never = test.run_with(&["check", "--color", "never"]);
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn build_prints_a_summary_line_instead_of_every_info() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("empty.yaml", "# nothing yet\n");
    let out = TempDir::new().unwrap();
    let outcome = build(test.root(), &out.path().join("pack"), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(!outcome.stderr.contains("empty-file"), "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("0 errors, 0 warnings, 1 info"),
        "{}",
        outcome.stderr
    );
    let quiet = build(test.root(), &out.path().join("pack"), &["--quiet"]);
    assert!(!quiet.stderr.contains("wrote"), "{}", quiet.stderr);
}

#[test]
fn build_check_lists_what_differs_and_writes_nothing() {
    let model = repo_path("processes/quickstart");
    let out = TempDir::new().unwrap();
    let pack = out.path().join("pack");
    // An empty folder (a pack not built yet): every file is missing, and none is written.
    fs::create_dir(&pack).unwrap();
    let missing = build(&model, &pack, &["--check", "--format", "md"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(missing.stdout.contains("missing"), "{}", missing.stdout);
    assert_eq!(
        fs::read_dir(&pack).unwrap().count(),
        0,
        "--check wrote into the pack"
    );

    assert_eq!(build(&model, &pack, &["--format", "md,csv"]).code, 0);
    let before = tree(&pack);
    let stale = build(&model, &pack, &["--check", "--format", "md"]);
    assert_eq!(stale.code, 1);
    assert!(
        stale.stdout.contains("stale") && stale.stdout.contains("raci.csv"),
        "{}",
        stale.stdout
    );

    fs::write(pack.join("README.md"), "edited by hand\n").unwrap();
    let differs = build(&model, &pack, &["--check", "--format", "md,csv"]);
    assert_eq!(differs.code, 1);
    let lines: Vec<&str> = differs.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", differs.stdout);
    assert!(lines[0].starts_with("differs") && lines[0].ends_with("README.md"));
    let mut edited = before.clone();
    edited.insert("README.md".into(), b"edited by hand\n".to_vec());
    assert_eq!(tree(&pack), edited, "--check changed the pack");

    assert_eq!(build(&model, &pack, &["--format", "md,csv"]).code, 0);
    let fresh = build(&model, &pack, &["--check", "--format", "md,csv"]);
    assert_eq!(fresh.code, 0, "{}{}", fresh.stdout, fresh.stderr);
    assert!(fresh.stdout.is_empty());
    assert!(fresh.stderr.contains("up to date"), "{}", fresh.stderr);
}

#[test]
fn graph_force_draws_a_draft_of_a_model_with_errors() {
    let test = Test::copy_of("processes/quickstart").file(
        "extra.yaml",
        "roles:\n  - { id: x, name: X, reports_to: nobody }\n",
    );
    let refused = test.run_with(&["graph", "--process", "fulfilment"]);
    assert_eq!(refused.code, 1);
    assert!(refused.stdout.is_empty());
    let forced = test.run_with(&["graph", "--process", "fulfilment", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(forced.stdout.starts_with("flowchart"), "{}", forced.stdout);
    assert!(forced.stderr.contains("nobody"), "{}", forced.stderr);
}

#[test]
fn list_prints_ids_and_names_for_scripts() {
    let model = repo_path("processes/quickstart");
    let processes = raciflow(&model, &["list"]);
    assert_eq!(processes.code, 0, "{}", processes.stderr);
    assert_eq!(
        processes.stdout,
        "quote-to-order\tFrom enquiry to order\nfulfilment\tOrder fulfilment\n"
    );
    let roles = raciflow(&model, &["list", "roles", "--ids"]);
    assert_eq!(roles.stdout, "sales-lead\nsales-rep\nwarehouse\ncustomer\n");
    let kpis = raciflow(&model, &["list", "kpis", "--ids"]);
    assert!(kpis.stdout.lines().count() >= 3, "{}", kpis.stdout);
    let documents = raciflow(&model, &["list", "documents", "--ids"]);
    assert!(
        documents.stdout.lines().any(|l| l == "quote"),
        "{}",
        documents.stdout
    );
}

#[test]
fn the_shell_completes_process_ids_of_the_model_around_it() {
    let model = repo_path("processes/sales-department/processes");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_raciflow"))
        .args(["--", "raciflow", "graph", "--process", "co"])
        .current_dir(&model)
        .env("COMPLETE", "fish")
        .output()
        .unwrap();
    let offered = String::from_utf8(output.stdout).unwrap();
    let ids: Vec<&str> = offered
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, ["cold-calling", "contracting"], "{offered}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = raciflow(&model, &["completions", shell]);
        assert_eq!(script.code, 0, "{shell}: {}", script.stderr);
        assert!(
            script.stdout.contains("COMPLETE"),
            "{shell}: {}",
            script.stdout
        );
    }
}

#[test]
fn man_prints_a_page_per_command() {
    let here = repo_path(".");
    let page = raciflow(&here, &["man"]);
    assert_eq!(page.code, 0);
    assert!(page.stdout.contains(".TH raciflow 1"), "{}", page.stdout);
    let check = raciflow(&here, &["man", "check"]);
    assert!(
        check.stdout.contains(".TH raciflow-check 1"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("min\\-severity"), "{}", check.stdout);
    let unknown = raciflow(&here, &["man", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("build"), "{}", unknown.stderr);
}

#[test]
fn init_takes_a_fresh_repository_and_refuses_a_folder_inside_a_model() {
    let dir = TempDir::new().unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    let init = raciflow(dir.path(), &["init", "repo", "--template", "minimal-en"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(repo.join("model.yaml").is_file() && repo.join(".git").is_dir());
    let inside = raciflow(dir.path(), &["init", "repo/sub"]);
    assert_eq!(inside.code, 2);
    assert!(
        inside.stderr.contains("inside the model"),
        "{}",
        inside.stderr
    );
    assert!(!repo.join("sub").exists());
    // A hidden entry the starter writes is in the way, not overwritten.
    let vscode = dir.path().join("vscode");
    fs::create_dir_all(vscode.join(".vscode")).unwrap();
    fs::write(vscode.join(".vscode/settings.json"), "{\"mine\": true}").unwrap();
    let refused = raciflow(dir.path(), &["init", "vscode"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("`.vscode`"), "{}", refused.stderr);
    let kept = fs::read_to_string(vscode.join(".vscode/settings.json")).unwrap();
    assert_eq!(kept, "{\"mine\": true}");
    // A folder with a space is quoted in the printed `cd` line.
    let spaced = raciflow(dir.path(), &["init", "Acme Sales", "--template", "blank"]);
    assert!(
        spaced.stderr.contains("cd 'Acme Sales'"),
        "{}",
        spaced.stderr
    );
}

#[test]
fn build_check_says_when_the_pack_does_not_exist() {
    let model = repo_path("processes/quickstart");
    let out = TempDir::new().unwrap();
    let outcome = build(&model, &out.path().join("nowhere"), &["--check"]);
    assert_eq!(outcome.code, 1);
    assert!(outcome.stdout.is_empty(), "{}", outcome.stdout);
    assert!(
        outcome.stderr.contains("does not exist"),
        "{}",
        outcome.stderr
    );
}
