//! What the model means where users were surprised: hand-offs to the customer, parallel
//! branches, ids that look alike.

use crate::harness::{MANIFEST, Test, brief};

/// The errors and warnings of a report (the clerk has no indicator: an info finding that
/// is not what these tests are about).
fn problems(report: &serde_json::Value, root: &std::path::Path) -> Vec<String> {
    brief(report, root)
        .into_iter()
        .filter(|b| !b.starts_with("info"))
        .collect()
}

const ROLES: &str = "roles:\n  - { id: boss, name: Boss }\n  - { id: clerk, name: Clerk, reports_to: boss }\n  - { id: customer, name: Customer, external: true }\nartifacts:\n  - { id: order, name: Order, external: true }\n  - { id: invoice, name: Invoice }\n  - { id: note, name: Delivery note }\n  - { id: pack, name: Packing list }\n";

#[test]
fn a_process_hands_a_document_to_an_external_party() {
    let test = Test::new().file("model.yaml", MANIFEST).file("roles.yaml", ROLES).file(
        "processes.yaml",
        "processes:\n  - id: sell\n    name: Sell\n    owner: boss\n    inputs:\n      - { artifact: order, from: [customer] }\n    outputs:\n      - { artifact: invoice, to: [customer] }\n    steps:\n      - { id: bill, name: Bill, raci: { R: clerk, A: boss }, inputs: [order], outputs: [invoice] }\n",
    );
    let (code, report) = test.check_json();
    assert_eq!(code, 0, "{report:#}");
    let rules: Vec<String> = brief(&report, test.root());
    assert!(
        !rules.iter().any(|r| r.contains("data/output-unused")),
        "{rules:#?}"
    );
    let out = tempfile::TempDir::new().unwrap();
    let outcome = test.run_with(&[
        "build",
        "--out",
        &out.path().display().to_string(),
        "--format",
        "md",
    ]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let page = std::fs::read_to_string(out.path().join("processes/sell.md")).unwrap();
    assert!(page.contains("Invoice (to the customer)"), "{page}");
    assert!(page.contains("Order (from the customer)"), "{page}");
}

#[test]
fn a_hand_off_to_a_position_inside_the_organisation_is_refused() {
    let test = Test::new().file("model.yaml", MANIFEST).file("roles.yaml", ROLES).file(
        "processes.yaml",
        "processes:\n  - id: sell\n    name: Sell\n    owner: boss\n    outputs:\n      - { artifact: invoice, to: [clerk] }\n    steps:\n      - { id: bill, name: Bill, raci: { R: clerk, A: boss }, outputs: [invoice] }\n",
    );
    let (code, report) = test.check_json();
    assert_eq!(code, 1);
    assert_eq!(
        problems(&report, test.root()),
        ["error[unknown-reference] processes.yaml:6:35"]
    );
    assert!(report["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["message"]
            .as_str()
            .unwrap_or_default()
            .contains("position inside the organisation")
    }));
}

/// A process whose first step splits in two parallel branches (no `when`), each producing
/// one document, that meet again at a step reading both.
const PARALLEL: &str = "processes:\n  - id: ship\n    name: Ship\n    owner: boss\n    steps:\n      - { id: start, name: Take the order, raci: { R: clerk, A: boss }, inputs: [order], next: [pick, write] }\n      - { id: pick, name: Pick the goods, raci: { R: clerk, A: boss }, outputs: [pack], next: send }\n      - { id: write, name: Write the note, raci: { R: clerk, A: boss }, outputs: [note], next: send }\n      - { id: send, name: Send, raci: { R: clerk, A: boss }, inputs: [pack, note], outputs: [invoice] }\n    outputs:\n      - { artifact: invoice, to: [customer] }\n";

#[test]
fn next_without_when_runs_every_branch_and_the_join_has_what_each_produced() {
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", ROLES)
        .file("processes.yaml", PARALLEL);
    let (code, report) = test.check_json();
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(problems(&report, test.root()), Vec::<String>::new());
    // The map agrees: a parallel split and a parallel join.
    let bpmn = test.run_with(&["graph", "--process", "ship", "--format", "bpmn"]);
    assert_eq!(
        bpmn.stdout.matches("<bpmn:parallelGateway").count(),
        2,
        "{}",
        bpmn.stdout
    );
}

#[test]
fn a_decision_still_makes_a_document_of_one_branch_uncertain() {
    let decision = PARALLEL
        .replace(
            "inputs: [order], next: [pick, write] }",
            "kind: decision, inputs: [order], next: [{ to: pick, when: In stock }, { to: write, when: Not in stock }] }",
        );
    let test = Test::new()
        .file("model.yaml", MANIFEST)
        .file("roles.yaml", ROLES)
        .file("processes.yaml", decision);
    let (_, report) = test.check_json();
    let found = brief(&report, test.root());
    assert_eq!(
        found
            .iter()
            .filter(|f| f.contains("data/input-maybe-unavailable"))
            .count(),
        2,
        "{found:#?}"
    );
}

#[test]
fn ids_that_look_alike_are_duplicates() {
    // `й` as one character (NFC) and as `и` with a combining breve (NFD); `Clerk`/`clerk`.
    let test = Test::new().file("model.yaml", MANIFEST).file(
        "roles.yaml",
        "roles:\n  - { id: \"менеджер-й\", name: A }\n  - { id: \"менеджер-и\u{306}\", name: B }\n  - { id: Clerk, name: C }\n  - { id: clerk, name: D }\n",
    );
    let (_, report) = test.check_json();
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "duplicate-id")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{report:#}");
    assert!(
        messages[0].contains("how its letters are encoded"),
        "{messages:?}"
    );
    assert!(messages[1].contains("letter case"), "{messages:?}");
}
