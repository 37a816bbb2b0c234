//! `raciflow analyze`: each position's workload, checked against figures worked out by hand.

use proptest::prelude::*;
use serde_json::Value;

use crate::harness::Test;

/// A clerk's month, worked out by hand: 20 days of 8 h, a fund of 160 h, Квн 0.8.
///
/// - `call`: 15 min × 10 a day × 20 days = 50 h, selling;
/// - `file`: 2 h × 3 a week × 20 / 5 weeks = 24 h, support;
/// - `plan`: 1 day (8 h) × 2 a month = 16 h, management;
/// - `note`: 30 min, no volume: not counted, and said so;
/// - `done?`: a decision, not work of its own.
///
/// 90 h a month a person: 56.25% of 160 h; two people need 90 × 2 / (160 × 0.8) = 1.41.
const MODEL: &str = r#"model:
  id: t
  name: T
  hours_per_day: 8
  days_per_month: 20
  norm_coefficient: 0.8
roles:
  - { id: boss, name: Boss, department: Sales }
  - { id: clerk, name: Clerk, reports_to: boss, headcount: 2, department: Sales }
  - { id: client, name: Client, external: true }
processes:
  - id: work
    name: Work
    owner: boss
    defaults: { A: boss }
    steps:
      - { id: call, name: Call, raci: { R: clerk }, effort: 15m, volume: 10/day, value: selling, next: file }
      - { id: file, name: File, raci: { R: clerk }, effort: 2h, volume: 3/week, value: support, next: plan }
      - { id: plan, name: Plan, raci: { R: clerk }, effort: 1d, volume: 2/month, value: management, next: note }
      - { id: note, name: Note, raci: { R: clerk }, effort: 30m, next: done }
      - id: done
        name: Done?
        kind: decision
        raci: { R: clerk }
        next: [{ to: end, when: "yes" }, { to: call, when: "no" }]
"#;

fn analyze(model: &str, format: &str) -> (i32, String, String) {
    let outcome = Test::new()
        .file("model.yaml", model)
        .args(&["analyze", "--format", format])
        .run();
    (outcome.code, outcome.stdout, outcome.stderr)
}

fn close(actual: &Value, expected: f64) -> bool {
    actual
        .as_f64()
        .is_some_and(|a| (a - expected).abs() < 0.005)
}

#[test]
fn a_roles_month_is_worked_out_from_effort_volume_and_the_calendar() {
    let (code, stdout, stderr) = analyze(MODEL, "json");
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let roles = json["roles"].as_array().unwrap();
    // Outside parties have no workload; the boss performs nothing.
    let ids: Vec<&str> = roles.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["boss", "clerk"]);
    let clerk = &roles[1];
    for (field, expected) in [
        ("hours_per_month", 90.0),
        ("fund_per_month", 160.0),
        ("utilisation", 0.5625),
        ("headcount_needed", 1.40625),
    ] {
        assert!(close(&clerk[field], expected), "{field}: {}", clerk[field]);
    }
    let by_value = &clerk["by_value"];
    for (kind, expected) in [
        ("selling", 50.0),
        ("support", 24.0),
        ("management", 16.0),
        ("unspecified", 0.0),
    ] {
        assert!(close(&by_value[kind], expected), "{kind}: {by_value}");
    }
    // The step without a volume is counted as unknown, the decision not at all.
    assert_eq!(clerk["steps_with_figures"], 3);
    assert_eq!(clerk["steps"], 4);
    assert_eq!(clerk["headcount"], 2);
    // The department adds its people's hours and needs.
    let sales = &json["departments"][0];
    assert_eq!(sales["name"], "Sales");
    assert_eq!(sales["headcount"], 3);
    assert!(close(&sales["hours_per_month"], 180.0), "{sales}");
    assert!(close(&sales["headcount_needed"], 1.41), "{sales}");
}

#[test]
fn a_day_of_effort_is_the_models_working_day() {
    // A UK week of 37.5 hours: a day of 7.5 hours, a month of 20 such days is 150 hours;
    // two days' work a month is 15 of them.
    let model = MODEL
        .replace("hours_per_day: 8", "hours_per_day: 7.5")
        .replace("  norm_coefficient: 0.8\n", "");
    let (code, stdout, stderr) = analyze(&model, "json");
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let clerk = &json["roles"][1];
    assert!(close(&clerk["fund_per_month"], 150.0), "{clerk}");
    assert!(close(&clerk["by_value"]["management"], 15.0), "{clerk}");
    // A day of no hours is refused where it is written.
    let (code, _, stderr) = analyze(
        &MODEL.replace("hours_per_day: 8", "hours_per_day: 0"),
        "json",
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("expected a number above 0"), "{stderr}");
}

#[test]
fn the_workload_prints_as_a_table_and_as_csv() {
    let (code, table, _) = analyze(MODEL, "text");
    assert_eq!(code, 0);
    let clerk = table.lines().find(|l| l.starts_with("Clerk")).unwrap();
    let cells: Vec<&str> = clerk.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "Clerk", "2", "90.0", "56%", "1.41", "50.0", "24.0", "16.0", "0.0", "3/4"
        ]
    );
    assert!(
        table.contains("fund of 160.0 h (20 days of 8 h)"),
        "{table}"
    );
    let (code, csv, _) = analyze(MODEL, "csv");
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("role,name,department,headcount,hours_per_month"));
    assert_eq!(
        lines[2],
        "clerk,Clerk,Sales,2,90,160,0.56,1.41,50,24,16,0,3,4"
    );
}

#[test]
fn a_model_with_errors_gets_no_figures() {
    let broken = MODEL.replace("R: clerk }, effort: 15m", "R: clerc }, effort: 15m");
    let (code, stdout, stderr) = analyze(&broken, "json");
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("unknown role `clerc`"), "{stderr}");
}

#[test]
fn the_examples_are_analysed_with_every_step_counted() {
    let outcome = Test::copy_of("processes/sales-department")
        .args(&["analyze", "--format", "json"])
        .run();
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json: Value = serde_json::from_str(&outcome.stdout).unwrap();
    for role in json["roles"].as_array().unwrap() {
        assert_eq!(role["steps_with_figures"], role["steps"], "{role}");
    }
    // The managers sell most of their time; the assistant takes the paperwork.
    let role = |id: &str| {
        json["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    let manager = role("sales-manager");
    let share = manager["by_value"]["selling"].as_f64().unwrap()
        / manager["hours_per_month"].as_f64().unwrap();
    assert!(share > 0.9, "{manager}");
    let assistant = role("sales-assistant");
    assert_eq!(assistant["by_value"]["selling"].as_f64(), Some(0.0));
    assert!(assistant["by_value"]["support"].as_f64().unwrap() > 100.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Doubling how often a step comes round, or how long it takes, doubles its hours:
    /// the workload is linear in volume and in effort.
    #[test]
    fn hours_are_linear_in_volume_and_effort(count in 1u32..40, minutes in 1u32..120, k in 2u32..5) {
        let model = |count: u32, minutes: u32| MODEL
            .replace("effort: 15m, volume: 10/day", &format!("effort: {minutes}m, volume: {count}/day"));
        let hours = |model: String| {
            let (code, stdout, stderr) = analyze(&model, "json");
            prop_assert_eq!(code, 0, "{}", stderr);
            let json: Value = serde_json::from_str(&stdout).unwrap();
            Ok(json["roles"][1]["by_value"]["selling"].as_f64().unwrap())
        };
        let base = hours(model(count, minutes))?;
        let more = hours(model(count * k, minutes))?;
        let longer = hours(model(count, minutes * k))?;
        prop_assert!((more - base * f64::from(k)).abs() < 0.02 * f64::from(k));
        prop_assert!((longer - base * f64::from(k)).abs() < 0.02 * f64::from(k));
    }
}
