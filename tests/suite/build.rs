//! `raciflow build`: the pack's contents, determinism, injection safety and the rules that
//! keep a build from destroying anything.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::harness::{MANIFEST, Outcome, Test, repo_path, run_raciflow};

/// Builds `model` into `out` with extra arguments.
pub fn build(model: &Path, out: &Path, extra: &[&str]) -> Outcome {
    let mut args: Vec<String> = vec!["build".into(), "--out".into(), out.display().to_string()];
    args.extend(extra.iter().map(|a| a.to_string()));
    args.push(model.display().to_string());
    run_raciflow(&args, model)
}

/// Every file under `dir` (relative path → bytes).
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn read(path: PathBuf) -> String {
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_example_pack_has_every_document_the_model_calls_for() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/sales-department");
    let outcome = build(&model, &out.path().join("pack"), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let pack = out.path().join("pack");
    let checked = raciflow::check_model(&model).unwrap();
    let m = &checked.model;
    for name in [
        "index.html",
        "README.md",
        "raci.html",
        "raci.md",
        "raci.csv",
        "raci.xlsx",
        "model.json",
        "style.css",
    ] {
        assert!(pack.join(name).is_file(), "{name} missing");
    }
    for process in &m.processes {
        for ext in ["html", "md"] {
            assert!(
                pack.join(format!("processes/{}.{ext}", process.id))
                    .is_file()
            );
        }
    }
    for (index, role) in m.roles.iter().enumerate() {
        let page = pack.join(format!("roles/{}.html", role.id));
        assert_eq!(
            page.is_file(),
            !role.external,
            "job description of {}",
            role.id
        );
        // A checklist ticks off the steps the role performs (a decision only with items
        // of its own), the documents of the steps it answers for, which it signs off, and
        // the controls it makes.
        let steps = m.processes.iter().flat_map(|p| &p.steps);
        let holds = |roles: &[raciflow::resolve::Ref<raciflow::resolve::RoleId>]| {
            roles.iter().any(|r| r.target.0 == index)
        };
        let performs = steps.clone().any(|s| {
            holds(&s.raci.r)
                && (s.kind != raciflow::model::StepKind::Decision || !s.checklist.is_empty())
                || holds(&s.raci.a)
                    && !holds(&s.raci.r)
                    && s.outputs
                        .iter()
                        .any(|o| m.artifacts[o.target.0].kind.is_signed())
        }) || steps
            .flat_map(|s| &s.controls)
            .any(|c| c.by.target.0 == index);
        let checklist = pack.join(format!("checklists/{}.html", role.id));
        assert_eq!(
            checklist.is_file(),
            performs && !role.external,
            "checklist of {}",
            role.id
        );
        let has_kpis = m
            .kpis
            .iter()
            .any(|k| k.role.is_some_and(|r| r.target.0 == index));
        let plan_fact = pack.join(format!("forms/{}.plan-fact.html", role.id));
        assert_eq!(
            plan_fact.is_file(),
            has_kpis && !role.external,
            "plan/fact form of {}",
            role.id
        );
    }
    for artifact in &m.artifacts {
        use raciflow::model::ArtifactKind::{Contract, Document, Form, Report};
        // A blank form for every report and form, and for the organisation's own documents
        // and contracts with fields; none for a form the law sets, nor for a document
        // drawn up on the organisation's template or in its system (no fields).
        let form = artifact.statutory.is_none()
            && (matches!(artifact.kind, Report | Form)
                || (matches!(artifact.kind, Document | Contract)
                    && !artifact.external
                    && !artifact.fields.is_empty()));
        assert_eq!(
            pack.join(format!("forms/{}.html", artifact.id)).is_file(),
            form,
            "{}",
            artifact.id
        );
        // A CSV only where there are columns to fill.
        assert_eq!(
            pack.join(format!("forms/{}.csv", artifact.id)).is_file(),
            form && !artifact.fields.is_empty(),
            "{}",
            artifact.id
        );
    }
}

#[test]
fn no_page_has_an_empty_section_or_list() {
    let out = TempDir::new().unwrap();
    let outcome = build(&repo_path("processes/sales-department"), out.path(), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    for (name, bytes) in tree(out.path()) {
        if !name.ends_with(".html") {
            continue;
        }
        let text: String = String::from_utf8(bytes)
            .unwrap()
            .split_whitespace()
            .collect();
        for empty in [
            "</h2></section>",
            "<ul></ul>",
            "<olclass=\"points\"></ol>",
            "<td></td></tr></table>",
            "<tbody></tbody>",
        ] {
            assert!(
                !text.contains(empty),
                "{name} has an empty element: {empty}"
            );
        }
    }
}

#[test]
fn steps_are_numbered_along_the_flow_with_branches_in_the_order_written() {
    let model = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", "roles:\n  - id: clerk\n    name: Clerk\n")
        .file(
            "processes/p.yaml",
            "processes:\n  - id: p\n    name: P\n    owner: clerk\n    steps:\n      - id: ask\n        name: Ask\n        kind: decision\n        raci: { R: clerk, A: clerk }\n        next:\n          - { to: accept, when: yes }\n          - { to: decline, when: no }\n      - id: decline\n        name: Decline\n        raci: { R: clerk, A: clerk }\n        next: end\n      - id: accept\n        name: Accept\n        raci: { R: clerk, A: clerk }\n        next: end\n",
        );
    let outcome = model.run_with(&["build", "--dump-context"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let context: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    let steps: Vec<(String, u64)> = context["pack"]["processes"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["number"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [("ask", 1), ("accept", 2), ("decline", 3)].map(|(id, n)| (id.to_owned(), n));
    assert_eq!(steps, expected);
}

#[test]
fn two_builds_of_one_model_are_byte_identical() {
    let (a, b) = (TempDir::new().unwrap(), TempDir::new().unwrap());
    let model = repo_path("processes/sales-department");
    assert_eq!(build(&model, &a.path().join("p"), &[]).code, 0);
    assert_eq!(build(&model, &b.path().join("p"), &[]).code, 0);
    let (first, second) = (tree(&a.path().join("p")), tree(&b.path().join("p")));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &first {
        assert!(bytes == &second[name], "{name} differs between two builds");
    }
}

/// A model whose names try to inject markup, script and spreadsheet formulas.
fn hostile() -> Test {
    Test::new()
        .file("model.yaml", MANIFEST)
        .file(
            "roles.yaml",
            "roles:\n  - id: boss\n    name: \"</title><script>alert(1)</script>\"\n  - id: clerk\n    name: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"\n    reports_to: boss\n",
        )
        .file(
            "artifacts.yaml",
            "artifacts:\n  - id: order\n    name: \"@SUM(1+1) | <b>bold</b>\"\n    kind: form\n    fields:\n      - name: \"-2+3\"\n",
        )
        .file(
            "processes/p.yaml",
            "processes:\n  - id: p\n    name: \"+cmd|' /C calc'!A0\"\n    owner: boss\n    steps:\n      - id: s\n        name: \"=1+2 <img src=x onerror=alert(1)>\"\n        raci: { R: clerk, A: boss }\n        outputs: [order]\n      - id: t\n        name: File it\n        raci: { R: clerk, A: boss }\n        inputs: [order]\n",
        )
}

#[test]
fn names_cannot_inject_script_into_html_or_markdown() {
    let model = hostile();
    let out = TempDir::new().unwrap();
    let outcome = build(model.root(), out.path(), &["--force"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    for (name, bytes) in tree(out.path()) {
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".html") || name.ends_with(".md") {
            assert!(!text.contains("<script>alert"), "{name} carries a script");
            assert!(!text.contains("<img src=x"), "{name} carries an img tag");
            assert!(!text.contains("<b>bold"), "{name} carries markup");
        }
    }
    let role = read(out.path().join("roles/boss.html"));
    assert!(
        role.contains("&lt;&#x2f;title&gt;&lt;script&gt;")
            || role.contains("&lt;/title&gt;&lt;script&gt;"),
        "{role}"
    );
    let md = read(out.path().join("processes/p.md"));
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
}

#[test]
fn formulas_reach_csv_and_xlsx_as_inert_text() {
    let model = hostile();
    let out = TempDir::new().unwrap();
    assert_eq!(build(model.root(), out.path(), &["--force"]).code, 0);
    let raci = read(out.path().join("raci.csv"));
    assert!(
        raci.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        "{raci}"
    );
    assert!(raci.contains("'=1+2 <img"), "{raci}");
    assert!(raci.contains("'+cmd"), "{raci}");
    let form = read(out.path().join("forms/order.csv"));
    assert!(form.contains("'-2+3"), "{form}");

    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(out.path().join("raci.xlsx")).unwrap();
    let sheets = book.sheet_names().to_owned();
    for sheet in &sheets {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
    }
    let summary = book.worksheet_range(&sheets[0]).unwrap();
    let texts: Vec<String> = summary
        .used_cells()
        .map(|(_, _, c)| c.to_string())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "=HYPERLINK(\"http://evil\",\"x\")"),
        "{texts:?}"
    );
}

#[test]
fn the_xlsx_matrix_has_each_letter_where_the_model_puts_it() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let out = TempDir::new().unwrap();
    assert_eq!(
        build(&repo_path("processes/quickstart"), out.path(), &[]).code,
        0
    );
    let mut book: Xlsx<_> = open_workbook(out.path().join("raci.xlsx")).unwrap();
    let sheets = book.sheet_names().to_owned();
    // Process sheets are named after their processes; the document register comes last.
    assert_eq!(
        sheets,
        [
            "Summary",
            "From enquiry to order",
            "Order fulfilment",
            "Document register"
        ]
    );
    let checked = raciflow::check_model(&repo_path("processes/quickstart")).unwrap();
    let m = &checked.model;
    let summary = book.worksheet_range("Summary").unwrap();
    // The title is row 0, the header row 1; the legend follows a blank row.
    let header: Vec<String> = (0..summary.width())
        .map(|c| {
            summary
                .get((1, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    let mut checked_cells = 0;
    let mut processes = 0;
    for row in 2..summary.height() {
        let number = summary
            .get((row, 0))
            .map(|d| d.to_string())
            .unwrap_or_default();
        if number.is_empty() {
            break;
        }
        // Each process heads its steps in a row of its own: «2. Order fulfilment».
        if let Some(process) = m.processes.iter().find(|p| number.ends_with(&p.name)) {
            processes += 1;
            assert_eq!(number, format!("{processes}. {}", process.name));
            continue;
        }
        let step_name = summary
            .get((row, 1))
            .map(|d| d.to_string())
            .unwrap_or_default();
        // A decision's row says it is one.
        let step_name = step_name.trim_end_matches(" (decision)");
        let step = m
            .processes
            .iter()
            .flat_map(|p| &p.steps)
            .find(|s| s.name == step_name)
            .unwrap();
        for (column, title) in header.iter().enumerate().skip(2) {
            let role = m.roles.iter().position(|r| &r.name == title).unwrap();
            let mut expected = Vec::new();
            for (letter, list) in [
                ("R", &step.raci.r),
                ("A", &step.raci.a),
                ("C", &step.raci.c),
                ("I", &step.raci.i),
                ("S", &step.raci.s),
            ] {
                if list.iter().any(|r| r.target.0 == role) {
                    expected.push(letter);
                }
            }
            let cell = match summary.get((row, column)) {
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            assert_eq!(cell, expected.join("/"), "{step_name} × {title}");
            checked_cells += 1;
        }
    }
    // Every cell of every step's row. A decision with nothing but its question is a
    // condition written in the step before it, not a row: the quickstart's two are.
    let steps = m.processes.iter().flat_map(|p| &p.steps).count() - 2;
    assert!(
        !(2..summary.height()).any(|row| summary
            .get((row, 1))
            .is_some_and(|d| d.to_string().ends_with('?'))),
        "a question as a row"
    );
    assert_eq!(processes, m.processes.len());
    // A process sheet's letters stand under their roles' headings: №, step, then a column a
    // role, as in the summary.
    let sheet = book.worksheet_range("Order fulfilment").unwrap();
    let heading = |c: u32| sheet.get((1, c as usize)).map(|d| d.to_string());
    assert_eq!(heading(1).as_deref(), Some("Step"));
    for c in 2..sheet.width() as u32 {
        let letter = (2..sheet.height())
            .filter_map(|r| sheet.get((r, c as usize)))
            .any(|d| !d.to_string().is_empty() && d.to_string().len() <= 3);
        if letter {
            let role = heading(c).unwrap_or_default();
            assert!(
                m.roles.iter().any(|r| r.name == role),
                "a letter under `{role}`"
            );
        }
    }
    assert!(
        checked_cells == steps * (header.len() - 2) && checked_cells >= 4 * 3,
        "only {checked_cells} cells compared"
    );
}

#[test]
fn a_model_with_errors_is_not_built_unless_forced() {
    let model = Test::new()
        .file("model.yaml", MANIFEST)
        .file("processes/p.yaml", "processes:\n  - id: p\n    name: P\n    owner: nobody\n    steps:\n      - id: s\n        name: S\n        raci: { R: nobody }\n");
    let out = TempDir::new().unwrap();
    let target = out.path().join("pack");
    let outcome = build(model.root(), &target, &[]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stderr.contains("nothing was written"),
        "{}",
        outcome.stderr
    );
    assert!(!target.exists());
    assert_eq!(build(model.root(), &target, &["--force"]).code, 0);
    assert!(target.join("processes/p.html").is_file());
}

#[test]
fn a_folder_that_is_not_a_pack_is_refused_and_untouched() {
    let out = TempDir::new().unwrap();
    fs::write(out.path().join("notes.txt"), "mine").unwrap();
    let outcome = build(&repo_path("processes/quickstart"), out.path(), &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("is not a raciflow pack"),
        "{}",
        outcome.stderr
    );
    assert_eq!(tree(out.path()).len(), 1);
    // --force adds the pack beside the user's file and never replaces it.
    assert_eq!(
        build(&repo_path("processes/quickstart"), out.path(), &["--force"]).code,
        0
    );
    assert_eq!(read(out.path().join("notes.txt")), "mine");
    assert!(out.path().join("index.html").is_file());
}

#[test]
fn a_file_the_build_did_not_write_is_never_replaced_even_with_force() {
    let out = TempDir::new().unwrap();
    fs::write(out.path().join("index.html"), "my own page").unwrap();
    let outcome = build(&repo_path("processes/quickstart"), out.path(), &["--force"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("was not written by raciflow"),
        "{}",
        outcome.stderr
    );
    assert_eq!(read(out.path().join("index.html")), "my own page");
    assert_eq!(tree(out.path()).len(), 1);
}

#[test]
fn the_folder_holding_the_model_is_refused() {
    let model = Test::copy_of("processes/quickstart");
    let outcome = build(model.root(), model.root(), &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("holds the model itself"),
        "{}",
        outcome.stderr
    );
    assert!(!model.root().join("index.html").exists());
}

#[test]
fn a_rebuild_replaces_its_own_files_and_keeps_the_users() {
    let model = Test::copy_of("processes/quickstart");
    let out = TempDir::new().unwrap();
    let target = out.path().join("pack");
    assert_eq!(build(model.root(), &target, &[]).code, 0);
    fs::write(target.join("processes/my-notes.txt"), "keep me").unwrap();
    assert!(target.join("processes/fulfilment.html").is_file());
    fs::remove_file(model.root().join("processes/02-fulfilment.yaml")).unwrap();
    let outcome = build(model.root(), &target, &["--force"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(
        !target.join("processes/fulfilment.html").exists(),
        "a page of a removed process stays"
    );
    assert_eq!(read(target.join("processes/my-notes.txt")), "keep me");
}

#[test]
fn a_failed_build_leaves_the_previous_pack_intact() {
    let model = Test::copy_of("processes/quickstart");
    let out = TempDir::new().unwrap();
    let target = out.path().join("pack");
    assert_eq!(build(model.root(), &target, &[]).code, 0);
    let before = tree(&target);
    let model = model.file(
        "templates/html/role.html",
        "{% extends \"html/base.html\" %}\n{% block content %}\n{{ role.titel }}\n{% endblock %}\n",
    );
    let outcome = build(model.root(), &target, &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("html/role.html:3"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stderr.contains("undefined"), "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("`role.titel`"),
        "{}",
        outcome.stderr
    );
    assert_eq!(tree(&target), before);
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !leftovers
            .iter()
            .any(|n| n.to_string_lossy().contains("staging")),
        "{leftovers:?}"
    );
}

#[test]
fn a_second_build_to_the_same_folder_at_once_fails_clearly() {
    let out = TempDir::new().unwrap();
    let target = out.path().join("pack");
    // A build holds the lock on OUT itself: no lock file anywhere.
    fs::create_dir(&target).unwrap();
    let lock = fs::File::open(&target).unwrap();
    lock.lock().unwrap();
    let outcome = build(&repo_path("processes/quickstart"), &target, &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("another raciflow build is writing"),
        "{}",
        outcome.stderr
    );
    assert_eq!(fs::read_dir(&target).unwrap().count(), 0);
    drop(lock);
    assert_eq!(
        build(&repo_path("processes/quickstart"), &target, &[]).code,
        0
    );
}

#[test]
fn a_stale_staging_folder_from_a_killed_build_is_cleared() {
    let out = TempDir::new().unwrap();
    let stale = out.path().join("pack/.raciflow-staging");
    fs::create_dir_all(stale.join("new/processes")).unwrap();
    fs::write(stale.join("new/processes/half.html"), "half-written").unwrap();
    let outcome = build(
        &repo_path("processes/quickstart"),
        &out.path().join("pack"),
        &[],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(!stale.exists());
    assert!(!out.path().join("pack/processes/half.html").exists());
}

#[test]
fn links_are_never_written_through() {
    let out = TempDir::new().unwrap();
    let elsewhere = TempDir::new().unwrap();
    // OUT itself a link: refused.
    std::os::unix::fs::symlink(elsewhere.path(), out.path().join("linked")).unwrap();
    let outcome = build(
        &repo_path("processes/quickstart"),
        &out.path().join("linked"),
        &[],
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("is a symbolic link"),
        "{}",
        outcome.stderr
    );
    // A folder inside an earlier pack replaced by a link: refused, the target untouched.
    let target = out.path().join("pack");
    assert_eq!(
        build(&repo_path("processes/quickstart"), &target, &[]).code,
        0
    );
    fs::remove_dir_all(target.join("roles")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), target.join("roles")).unwrap();
    let outcome = build(&repo_path("processes/quickstart"), &target, &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .contains("symbolic link inside the output folder"),
        "{}",
        outcome.stderr
    );
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn an_override_replaces_a_template_and_can_extend_the_builtin() {
    let model = Test::copy_of("processes/quickstart").file(
        "templates/html/raci.html",
        "{% extends \"builtin/html/raci.html\" %}{% block title %}OVERRIDDEN {{ super() }}{% endblock %}",
    );
    let out = TempDir::new().unwrap();
    let outcome = build(model.root(), out.path(), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let page = read(out.path().join("raci.html"));
    assert!(
        page.contains("<title>OVERRIDDEN Responsibility matrix"),
        "{page}"
    );
    assert!(page.contains("class=\"letter l-R\""));
}

#[test]
fn a_runaway_template_is_stopped_and_nothing_is_written() {
    let model = Test::copy_of("processes/quickstart").file(
        "templates/html/raci.html",
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    );
    let out = TempDir::new().unwrap();
    let outcome = build(model.root(), &out.path().join("p"), &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .contains("html/raci.html:1: engine ran out of fuel"),
        "{}",
        outcome.stderr
    );
    assert!(!out.path().join("p").exists());
}

#[test]
fn overrides_that_turn_escaping_off_or_do_nothing_are_warned_about() {
    let model = Test::copy_of("processes/quickstart")
        .file(
            "templates/html/raci.html",
            "{% extends \"builtin/html/raci.html\" %}{% block title %}{{ pack.meta.name | safe }}{% endblock %}",
        )
        .file(
            "templates/html/index.html",
            "{% extends \"builtin/html/index.html\" %}{% block title %}{% autoescape false %}{{ pack.meta.name }}{% endautoescape %}{% endblock %}",
        )
        .file("templates/html/rol.html", "{{ role.role.name }}")
        .file("templates/html/footer.html", "<p>ours</p>")
        .file(
            "templates/html/checklist.html",
            "{% extends \"builtin/html/checklist.html\" %}{% block title %}{% include \"html/footer.html\" %}{% endblock %}",
        )
        .file("templates/i18n/en.yaml", "job_descripton: Role profile\n");
    let out = TempDir::new().unwrap();
    let outcome = build(model.root(), out.path(), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let warnings: Vec<&str> = outcome
        .stderr
        .lines()
        .filter(|l| l.starts_with("raciflow: warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "raciflow: warning: template html/index.html turns escaping off (`|safe` or `autoescape false`): text from the model reaches its pages unescaped",
            "raciflow: warning: template html/raci.html turns escaping off (`|safe` or `autoescape false`): text from the model reaches its pages unescaped",
            "raciflow: warning: template html/rol.html replaces no built-in template and no template includes it, so it changes nothing; did you mean `html/role.html`?",
            "raciflow: warning: label table i18n/en.yaml sets `job_descripton`, which no template uses; did you mean `job_description`?",
        ],
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_template_link_out_of_its_folder_is_refused() {
    let model = Test::copy_of("processes/quickstart").file("secret.txt", "password");
    fs::create_dir_all(model.root().join("templates")).unwrap();
    std::os::unix::fs::symlink(
        model.root().join("secret.txt"),
        model.root().join("templates/leak.html"),
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let outcome = build(model.root(), &out.path().join("p"), &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("outside the template folder"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn dump_context_prints_what_templates_receive_and_writes_nothing() {
    let model = Test::copy_of("processes/quickstart");
    let outcome = model.run_with(&[
        "build",
        "--dump-context",
        "--lang",
        "ru",
        "--out",
        "/nonexistent/x",
    ]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let context: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(
        context["t"]["raci_matrix"],
        "Матрица ответственности (RACI)"
    );
    assert_eq!(
        context["pack"]["processes"][0]["process"]["id"],
        "quote-to-order"
    );
    assert_eq!(context["pack"]["meta"]["language"], "ru");
}

#[test]
fn the_pack_is_written_in_the_language_asked_for() {
    let out = TempDir::new().unwrap();
    let outcome = build(
        &repo_path("processes/quickstart"),
        out.path(),
        &["--lang", "ru", "--format", "html"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let role = read(out.path().join("roles/sales-rep.html"));
    assert!(role.contains("Должностная инструкция"));
    assert!(
        !out.path().join("README.md").exists(),
        "--format html wrote Markdown"
    );
}

/// One page of each kind of the quickstart pack, in both languages: reviewed by eye.
#[test]
fn documents_of_each_kind_match_their_snapshots() {
    for lang in ["en", "ru"] {
        let out = TempDir::new().unwrap();
        let outcome = build(
            &repo_path("processes/quickstart"),
            out.path(),
            &["--lang", lang],
        );
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        for page in [
            "index.html",
            "processes/quote-to-order.html",
            "roles/sales-rep.html",
            "checklists/sales-rep.html",
            "forms/order.html",
            "forms/sales-rep.plan-fact.html",
            "motivation.html",
            "raci.html",
            "roles/sales-rep.md",
            "motivation.md",
            "raci.csv",
        ] {
            let name = format!("{lang}__{}", page.replace('/', "__"));
            insta::assert_snapshot!(name, read(out.path().join(page)));
        }
    }
}

#[test]
fn csv_files_use_the_separator_and_decimal_mark_of_the_packs_language() {
    let model = repo_path("processes/sales-department");
    let out = TempDir::new().unwrap();
    let ru = out.path().join("ru");
    assert_eq!(build(&model, &ru, &["--format", "csv"]).code, 0);
    let raci = read(ru.join("raci.csv"));
    assert!(raci.lines().next().unwrap().contains(";№;"), "{raci}");
    let en = out.path().join("en");
    assert_eq!(
        build(&model, &en, &["--format", "csv", "--lang", "en"]).code,
        0
    );
    assert!(
        read(en.join("raci.csv"))
            .lines()
            .next()
            .unwrap()
            .contains(",No.,")
    );
    // The override wins.
    let forced = out.path().join("forced");
    assert_eq!(
        build(
            &model,
            &forced,
            &["--format", "csv", "--csv-separator", "comma"]
        )
        .code,
        0
    );
    assert!(
        read(forced.join("raci.csv"))
            .lines()
            .next()
            .unwrap()
            .contains(",№,")
    );
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_path(ru.join("raci.csv"))
        .unwrap();
    let widths: Vec<usize> = csv.records().map(|r| r.unwrap().len()).collect();
    assert!(widths.iter().all(|&w| w > 3), "{widths:?}");
}

#[test]
fn job_descriptions_list_duties_not_steps() {
    let model = Test::copy_of("processes/quickstart");
    let process = fs::read_to_string(model.root().join("processes/01-quote.yaml")).unwrap();
    // A decision worded as a duty appears; the others do not.
    let model = model.file(
        "processes/01-quote.yaml",
        process.replacen(
            "kind: decision",
            "kind: decision\n        duty:\n          R: Agree the final terms with the customer",
            1,
        ),
    );
    let out = TempDir::new().unwrap();
    assert_eq!(
        build(
            model.root(),
            out.path(),
            &["--format", "md", "--lang", "en"]
        )
        .code,
        0
    );
    let page = read(out.path().join("roles/sales-rep.md"));
    let duties = page
        .split("## Main duties and responsibilities")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("no duties section:\n{page}"));
    assert!(
        duties.contains("[Agree the final terms with the customer]"),
        "{duties}"
    );
    // English lists duties in the third person, made from the step's instruction.
    assert!(
        duties.contains("[Prepares a quote from the price list]"),
        "{duties}"
    );
    // No step numbers, no decisions as questions, nothing the role is merely informed of.
    for line in duties.lines().filter(|l| l.starts_with("- ")) {
        assert!(
            !line.starts_with("- [1") && !line.contains("[2. ") && !line.contains('?'),
            "{line}"
        );
    }
    assert!(!page.contains("Pick and pack the order"), "{page}");
}

#[test]
fn approving_and_advising_read_as_the_duties_the_model_words() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/quickstart");
    assert_eq!(build(&model, out.path(), &["--format", "md"]).code, 0);
    let lead = read(out.path().join("roles/sales-lead.md"));
    // The sales lead approves the quote: its own wording, not "approves the result of".
    assert!(
        lead.contains("[Makes sure quotes are accurate and sent within one working day, approves any discount of up to 10% outside the price list, and checks a sample of each week's quotes](../processes/quote-to-order.md#step-prepare-quote)"),
        "{lead}"
    );
    assert!(!lead.contains("Approves the result"), "{lead}");
    // The warehouse is consulted on the same step, in words of its own.
    let warehouse = read(out.path().join("roles/warehouse.md"));
    assert!(
        warehouse.contains("[Confirms stock and lead times for large quotes]"),
        "{warehouse}"
    );
    // A checklist is the role's routine. The duty as the job description words it cannot
    // be ticked off; where the model says how the role checks a step it answers for (a
    // weekly sample of quotes), that check is the line, not a sign-off of every quote.
    let checklist = read(out.path().join("checklists/sales-lead.md"));
    assert!(
        checklist.contains("- [ ] Check a sample of the week's quotes"),
        "{checklist}"
    );
    assert!(!checklist.contains("Makes sure quotes"), "{checklist}");
    assert!(!checklist.contains("sign off"), "{checklist}");
    assert!(!checklist.contains("(4 per day)"), "{checklist}");
    assert!(
        checklist.contains("[Report the week's quotes"),
        "{checklist}"
    );
    // English puts a currency sign against the figure, before it, and a percent sign
    // after it.
    let plan = read(out.path().join("forms/sales-rep.plan-fact.md"));
    assert!(plan.contains("at least £40,000 per month"), "{plan}");
    // A share is over its period, not per period.
    assert!(plan.contains("at least 95% for the month"), "{plan}");
}

#[test]
fn checklists_group_work_by_period_with_no_padding_and_a_sign_off() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/sales-department");
    assert_eq!(build(&model, out.path(), &["--format", "md"]).code, 0);
    let page = read(out.path().join("checklists/head-of-sales.md"));
    let headings: Vec<&str> = page.lines().filter(|l| l.starts_with("## ")).collect();
    // Periods in their order, then the controls.
    let order = [
        "## Ежедневно",
        "## Еженедельно",
        "## Ежемесячно",
        "## По мере необходимости",
    ];
    let periods: Vec<&str> = headings
        .iter()
        .copied()
        .filter(|h| order.contains(h))
        .collect();
    assert!(periods.len() >= 2, "{headings:?}");
    assert!(periods.windows(2).all(|w| {
        order.iter().position(|o| *o == w[0]) < order.iter().position(|o| *o == w[1])
    }));
    assert!(!page.contains("Выполнено"), "{page}");
    assert!(
        !page
            .lines()
            .any(|l| l.contains("[1. ") || l.contains("[2. ")),
        "{page}"
    );
    // Each period is a sheet of its own, dated for its period and signed.
    let sheets: Vec<&str> = page.split("\n## ").skip(1).collect();
    for (sheet, fill) in sheets.iter().zip(["Дата:", "Неделя:", "Месяц:"]) {
        // Who did the work signs at the foot; the head asks only for the period.
        assert!(sheet.contains("Выполнил: "), "{sheet}");
        assert!(!sheet.contains("ФИО"), "{sheet}");
        assert!(sheet.contains(fill), "{sheet}");
        // Checked by the role's superior, named.
        assert!(
            sheet.contains("Проверил (коммерческий директор): "),
            "{sheet}"
        );
    }
    // A control comes on the sheet of its frequency, which need not repeat it.
    let daily = sheets[0];
    assert!(
        daily.contains("- [ ] Проверка лидов без контакта дольше 24 часов\n"),
        "{daily}"
    );
    assert!(!page.contains("(ежедневно)"), "{page}");
    // A step done many times a period is counted on its sheet; what to check each time it
    // comes round is a memo, not boxes ticked once a day.
    let page = read(out.path().join("checklists/telemarketer.md"));
    let (sheet, memo) = page
        .split_once("## Памятка: что проверять каждый раз")
        .expect("a memo");
    assert!(
        sheet.contains(
            "(../processes/cold-calling.md#step-call) (норма не менее 70 контактов в день) — выполнено за день: ______"
        ),
        "{sheet}"
    );
    assert!(!sheet.contains("Цель звонка названа"), "{sheet}");
    // The memo names the step without its count: the sheet gives it, with the norm.
    assert!(
        memo.contains("(../processes/cold-calling.md#step-call)**\n\n- Цель звонка названа"),
        "{memo}"
    );
    assert!(!memo.contains("раз в день"), "{memo}");
}

#[test]
fn a_duty_done_on_a_schedule_is_ticked_off_on_the_sheet_of_its_frequency() {
    // The quickstart's warehouse clerk receives goods daily and counts stock weekly, duties
    // no step covers; lifting as the manual handling training shows has no frequency.
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/quickstart");
    assert_eq!(build(&model, out.path(), &["--format", "md"]).code, 0);
    let page = read(out.path().join("checklists/warehouse.md"));
    let (daily, weekly) = page.split_once("## Weekly").expect("a weekly sheet");
    let duties = "### Other duties\n\n- [ ] ";
    // Worded as instructions (`check`), where the job description has its own wording.
    assert!(
        daily.contains(&format!("{duties}Check today's deliveries against")),
        "{daily}"
    );
    assert!(
        weekly.contains(&format!("{duties}Count the fast-moving lines on Friday")),
        "{weekly}"
    );
    assert!(weekly.contains("Week commencing:") && weekly.contains("Checked by (Sales Lead): "));
    assert!(!page.contains("Lifts and moves goods"), "{page}");
    // Every sheet is checked, the top position's by whoever approves the documents.
    let lead = read(out.path().join("checklists/sales-lead.md"));
    let (daily, weekly) = lead.split_once("## Weekly").expect("a weekly sheet");
    assert!(
        daily.contains("Completed by:") && daily.contains("Checked by (Managing Director): "),
        "{daily}"
    );
    assert!(
        weekly.contains("Checked by (Managing Director): "),
        "{weekly}"
    );
    // The job description lists every duty, scheduled or not, as the model words it.
    let role = read(out.path().join("roles/warehouse.md"));
    for duty in [
        "Receives goods in,",
        "Counts the fast-moving lines",
        "Lifts and moves goods",
    ] {
        assert!(role.contains(duty), "{duty}: {role}");
    }

    // A role that performs no step gets a checklist for its scheduled duties alone; a duty
    // that comes each quarter goes on the sheet of work as it occurs, saying how often.
    let model = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: clerk\n    name: Clerk\n  - id: lawyer\n    name: Lawyer\n    duties:\n      - Drafts claims when asked\n      - duty: Reviews the standard contract\n        frequency: quarterly\n",
    ).file(
        "processes/p.yaml",
        "processes:\n  - id: p\n    name: P\n    owner: clerk\n    steps:\n      - id: a\n        name: Do it\n        raci: { R: clerk, A: clerk }\n",
    );
    let out = TempDir::new().unwrap();
    let outcome = build(
        model.root(),
        out.path(),
        &["--format", "md", "--lang", "en"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let page = read(out.path().join("checklists/lawyer.md"));
    assert!(
        page.contains("## As it occurs")
            && page.contains("- [ ] Reviews the standard contract (quarterly)\n"),
        "{page}"
    );
    assert!(!page.contains("Drafts claims"), "{page}");
}

#[test]
fn a_scorecard_says_an_indicators_own_cap_and_how_part_months_count() {
    // The sales rep's quote indicator counts up to 100%, under the role's 120%.
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/quickstart");
    assert_eq!(
        build(&model, out.path(), &["--format", "md", "--lang", "en"]).code,
        0
    );
    let rep = read(out.path().join("forms/sales-rep.plan-fact.md"));
    let lead = read(out.path().join("forms/sales-lead.plan-fact.md"));
    let own = "Where a row shows a cap of its own, that indicator counts up to that cap.";
    assert!(
        rep.contains("Above 120% it counts as 120%") && rep.contains(own),
        "{rep}"
    );
    assert!(!lead.contains(own), "{lead}");
    for form in [&rep, &lead] {
        assert!(
            form.contains("Working days worked: ______ of ______"),
            "{form}"
        );
        assert!(
            form.contains("For part of a month, the on-target bonus is pro-rated"),
            "{form}"
        );
    }
}

#[test]
fn a_job_description_is_approved_as_each_language_does_it() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/quickstart");
    let ru = out.path().join("ru");
    let en = out.path().join("en");
    assert_eq!(
        build(&model, &ru, &["--lang", "ru", "--format", "html"]).code,
        0
    );
    assert_eq!(
        build(&model, &en, &["--lang", "en", "--format", "html"]).code,
        0
    );
    let russian = read(ru.join("roles/sales-rep.html"));
    let english = read(en.join("roles/sales-rep.html"));
    // Russian: the УТВЕРЖДАЮ stamp opens it. English: no stamp; "Approved by" at the end.
    assert!(
        russian.find("УТВЕРЖДАЮ") < russian.find("<h1>"),
        "{russian}"
    );
    assert!(!english.contains("APPROVED"), "{english}");
    let approved = english.find("Approved by").expect("an Approved by line");
    assert!(approved > english.find("<h2").unwrap(), "{english}");
}

#[test]
fn the_page_table_lists_every_page_the_pack_writes() {
    let out = TempDir::new().unwrap();
    let outcome = build(&repo_path("processes/sales-department"), out.path(), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let files = tree(out.path());
    let json = crate::harness::views(&repo_path("processes/sales-department"), &[]);
    let pages: Vec<(String, String)> = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["document"].as_str().unwrap_or("index").to_owned(),
                p["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    // The index first, then the register's documents in its order, at the register's paths.
    assert_eq!(pages[0], ("index".to_owned(), "index".to_owned()));
    let register: Vec<&str> = json["register"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["page"].as_str().unwrap())
        .collect();
    let listed: Vec<&str> = pages[1..].iter().map(|(_, path)| path.as_str()).collect();
    assert_eq!(listed, register);
    // Every page is written in HTML and Markdown (the index as README.md), and every HTML
    // page the pack holds is in the table, but the handbook that gathers them.
    for (kind, path) in &pages {
        assert!(files.contains_key(&format!("{path}.html")), "{path}.html");
        let md = if kind == "index" { "README" } else { path };
        assert!(files.contains_key(&format!("{md}.md")), "{md}.md");
    }
    for name in files.keys().filter(|n| n.ends_with(".html")) {
        let stem = name.trim_end_matches(".html");
        assert!(
            stem == "handbook" || pages.iter().any(|(_, path)| path == stem),
            "{name} is not in the page table"
        );
    }
}

#[test]
fn a_matrix_too_large_for_a_page_is_split_and_its_csv_stays_whole() {
    // 150 processes of 20 steps, performed by 130 positions in 13 departments and approved
    // by their head: 3,000 rows by 131 columns is more than a page can show. The matrix
    // page gives a summary by department, each regulation keeps its own matrix, and the
    // CSV holds every row.
    let model = TempDir::new().unwrap();
    crate::generated::generate_shaped(model.path(), 150, 130, 25);
    let out = TempDir::new().unwrap();
    let outcome = build(model.path(), out.path(), &["--format", "html,csv,md"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let matrix = read(out.path().join("raci.html"));
    assert!(matrix.contains("too large for one page"), "{matrix}");
    assert!(
        !matrix.contains("<table class=\"raci wide\""),
        "a whole matrix"
    );
    // The summary: a row per process, a column per department and one for their head,
    // who belongs to none.
    let head = matrix
        .split("<table class=\"raci wide summary\">")
        .nth(1)
        .and_then(|table| table.split("</thead>").next())
        .expect("no summary table");
    assert_eq!(head.matches("<th class=\"role\">").count(), 14, "{head}");
    assert!(
        head.contains(
            "<span>Department 12</span></th><th class=\"role\"><span>Not in a department</span>"
        ),
        "{head}"
    );
    assert_eq!(matrix.matches("<td><a href=\"processes/").count(), 150);
    // Process 0's twenty steps are done by roles 0 to 19, of departments 0 and 1, and
    // approved by the head; its first row reads R, R, nothing for the eleven others, A.
    let markdown = read(out.path().join("raci.md"));
    let row = markdown
        .lines()
        .find(|line| line.starts_with("| 1 | "))
        .expect("no first row");
    let cells: Vec<&str> = row.split('|').map(str::trim).skip(3).collect();
    assert_eq!(
        cells[..14],
        ["R", "R", "", "", "", "", "", "", "", "", "", "", "", "A"],
        "{row}"
    );
    let regulation = read(out.path().join("processes/p0.html"));
    assert!(
        regulation.contains("<table class=\"raci"),
        "no matrix in a regulation"
    );
    let csv = read(out.path().join("raci.csv"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 150 * 20);
    // Every row has a cell under each of the 131 positions; the first step's performer
    // is the first position.
    assert!(
        lines.iter().all(|l| l.split(',').count() == 3 + 131),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(",R,"), "{}", lines[1]);
    // Its 150 regulations, 130 job descriptions and checklists and their forms are too
    // many documents to print as one handbook: the index says so, and a PDF is refused.
    assert!(!out.path().join("handbook.html").exists());
    let index = read(out.path().join("index.html"));
    assert!(
        index.contains("A pack this large has no handbook"),
        "{index}"
    );
    let pdf = TempDir::new().unwrap();
    let refused = build(model.path(), &pdf.path().join("pack"), &["--format", "pdf"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("more than the 500 a handbook holds"),
        "{}",
        refused.stderr
    );
    assert!(!pdf.path().join("pack").exists(), "a failed build left OUT");
}

/// A department's pack links its handbook from the index.
#[test]
fn the_index_links_the_handbook() {
    let out = TempDir::new().unwrap();
    let outcome = build(
        &repo_path("processes/quickstart"),
        out.path(),
        &["--format", "html"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let index = read(out.path().join("index.html"));
    assert!(
        index.contains("<a href=\"handbook.html\">Handbook</a>"),
        "{index}"
    );
    assert!(out.path().join("handbook.html").exists());
}
