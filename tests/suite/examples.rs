//! The bundled example models always check clean: they are what a new user runs first.

use crate::harness::{Test, repo_path};

#[test]
fn every_example_model_checks_with_no_errors_and_no_warnings() {
    let examples = repo_path("processes");
    let mut checked = 0;
    for entry in std::fs::read_dir(&examples).expect("processes/") {
        let path = entry.expect("entry").path();
        if !path.join("model.yaml").exists() {
            continue;
        }
        let test = Test::copy_of(&format!(
            "processes/{}",
            path.file_name().expect("name").to_string_lossy()
        ));
        let (code, report) = test.check_json();
        let summary = &report["summary"];
        assert_eq!(code, 0, "{}: {report:#}", path.display());
        assert_eq!(summary["errors"], 0, "{}: {report:#}", path.display());
        assert_eq!(summary["warnings"], 0, "{}: {report:#}", path.display());
        checked += 1;
    }
    assert!(
        checked >= 2,
        "expected the sales-department and quickstart examples"
    );
}

#[test]
fn the_sales_department_example_has_the_size_the_domain_calls_for() {
    let checked = raciflow::check_model(&repo_path("processes/sales-department")).expect("loads");
    let model = &checked.model;
    let internal = model.roles.iter().filter(|r| !r.external).count();
    assert!(internal >= 8, "{internal} internal roles");
    assert!(
        model.roles.iter().any(|r| r.external),
        "the client takes part as an external party"
    );
    assert!(model.processes.len() >= 8);
    for process in &model.processes {
        assert!(
            (5..=10).contains(&process.steps.len()),
            "{} has {} steps",
            process.id,
            process.steps.len()
        );
        for step in &process.steps {
            assert!(
                !step.raci.r.is_empty() && step.raci.a.len() == 1,
                "{}/{}",
                process.id,
                step.id
            );
        }
    }
    let contacts = model
        .kpis
        .iter()
        .find(|k| k.id == "tm-contacts")
        .expect("the 70-contacts standard");
    assert_eq!(contacts.target.map(|t| t.value), Some(70.0));
}

#[test]
fn checking_the_sales_department_prints_only_the_summary_line() {
    let outcome = Test::copy_of("processes/sales-department")
        .args(&["check"])
        .run();
    assert_eq!(outcome.code, 0);
    assert_eq!(
        outcome.stdout,
        "checked 13 files (9 processes, 65 steps, 12 roles): 0 errors, 0 warnings\n"
    );
}

#[test]
fn the_map_fixtures_check_clean_so_ci_draws_models_that_are_right() {
    // The parallel split and join of `maps` needed an `allow` while the data-flow rules read
    // `next: [a, b]` as alternatives; now they read it as the maps draw it.
    for fixture in ["tests/fixtures/maps", "tests/fixtures/maps-cyrillic"] {
        let (code, report) = Test::copy_of(fixture).check_json();
        assert_eq!(code, 0, "{fixture}: {report:#}");
        assert_eq!(report["summary"]["warnings"], 0, "{fixture}: {report:#}");
    }
}
