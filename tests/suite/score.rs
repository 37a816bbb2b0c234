//! `raciflow score`: КСП pay from a month's facts, checked against figures worked out by
//! hand, and every way a facts file goes wrong.

use serde_json::Value;

use crate::harness::{Outcome, Test};

/// A clerk paid 1,000 a month and a bonus of 500 at an index of 1, on a calendar of 20
/// working days; the model caps any indicator at 130%, the clerk's role at 110%.
///
/// The month's plans, worked out by hand:
/// - `calls` 10 a day × 20 days = 200;
/// - `visits` 3 a week × 20 / 5 = 12;
/// - `revenue` 9,000 a quarter / 3 = 3,000;
/// - `clients` 24 a year / 12 = 2;
/// - `crm` 95% a quarter: a share, the same for any period = 95;
/// - `rate` 4.5 a day, averaged: the same for any period = 4.5;
/// - `errors` at most 5%, its own cap 150%;
/// - `course` a SMART goal: 100% done.
const MODEL: &str = r#"model:
  id: t
  name: T
  days_per_month: 20
  motivation: { cap: 130 }
roles:
  - { id: boss, name: Boss, motivation: { salary: 2000, bonus: 1000 } }
  - id: clerk
    name: Clerk
    reports_to: boss
    headcount: 3
    motivation: { salary: 1000, bonus: 500, cap: 110 }
  - { id: client, name: Client, external: true }
kpis:
  - { id: calls, name: Calls, role: clerk, target: 10, period: day, weight: 20, threshold: 80, measured_by: log }
  - { id: visits, name: Visits, role: clerk, target: 3, period: week, weight: 10, measured_by: log }
  - { id: revenue, name: Revenue, role: clerk, target: 9000, period: quarter, weight: 20, measured_by: log }
  - { id: clients, name: Clients, role: clerk, target: 24, period: year, weight: 10, measured_by: log }
  - { id: crm, name: CRM, role: clerk, target: 95, unit: "%", period: quarter, weight: 10, measured_by: log }
  - { id: rate, name: Rate, role: clerk, target: 4.5, period: day, aggregate: average, weight: 10, measured_by: log }
  - { id: errors, name: Errors, role: clerk, target: 5, unit: "%", direction: at-most, cap: 150, weight: 10, measured_by: log }
  - { id: course, name: Course, role: clerk, category: smart, due: 2026-12-31, weight: 10, measured_by: log }
  - { id: deals, name: Deals, role: boss, target: 10, weight: 100, measured_by: log }
artifacts:
  - { id: log, name: Log, kind: report, fields: [{ name: Figure }] }
processes:
  - id: work
    name: Work
    owner: boss
    purpose: Work
    trigger: Morning
    result: Evening
    steps:
      - { id: call, name: Call, raci: { R: clerk, A: boss }, outputs: [log] }
"#;

/// `facts` scored against `model` in `format`.
fn score(model: &str, facts: impl AsRef<[u8]>, format: &str) -> Outcome {
    let test = Test::new()
        .file("model.yaml", model)
        .file("facts.csv", facts);
    let path = test.root().join("facts.csv").display().to_string();
    test.run_with(&["score", "--facts", &path, "--format", format])
}

fn json(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", outcome.stdout, outcome.stderr);
    })
}

fn close(actual: &Value, expected: f64) -> bool {
    actual
        .as_f64()
        .is_some_and(|a| (a - expected).abs() < 0.0001)
}

/// The indicators of `employee` in `json`, by id.
fn indicator<'a>(json: &'a Value, employee: &str, kpi: &str) -> &'a Value {
    let person = json["employees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["employee"] == employee)
        .unwrap_or_else(|| panic!("{employee} was not scored: {json}"));
    person["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kpi"] == kpi)
        .unwrap_or_else(|| panic!("{employee} has no {kpi}"))
}

fn employee<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["employees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["employee"] == name)
        .unwrap_or_else(|| panic!("{name} was not scored: {json}"))
}

/// Two clerks and the boss for a month, with `;`, a decimal comma and a byte-order mark,
/// as Russian Excel saves CSV.
const MONTH: &str = "\u{feff}сотрудник;роль;показатель;факт\n\
    Ann;clerk;calls;160\n\
    Ann;clerk;visits;15\n\
    Ann;clerk;revenue;3 300\n\
    Ann;clerk;clients;1\n\
    Ann;clerk;crm;97\n\
    Ann;clerk;rate;4,5\n\
    Ann;clerk;errors;0\n\
    Ann;clerk;course;да\n\
    Bob;clerk;calls;159\n\
    Bob;clerk;visits;12\n\
    Bob;clerk;revenue;3000\n\
    Bob;clerk;clients;2\n\
    Bob;clerk;crm;95\n\
    Bob;clerk;rate;9\n\
    Bob;clerk;errors;10\n\
    Bob;clerk;course;нет\n\
    Cid;boss;deals;20\n";

#[test]
fn each_period_is_made_a_month_by_working_days() {
    let outcome = score(MODEL, MONTH, "json");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json = json(&outcome);
    for (kpi, plan) in [
        ("calls", 200.0),
        ("visits", 12.0),
        ("revenue", 3000.0),
        ("clients", 2.0),
        ("crm", 95.0),
        ("rate", 4.5),
        ("errors", 5.0),
        ("course", 100.0),
    ] {
        let found = &indicator(&json, "Ann", kpi)["plan"];
        assert!(close(found, plan), "{kpi}: plan {found}, not {plan}");
    }
}

#[test]
fn thresholds_caps_at_most_and_smart_goals_pay_as_the_docs_say() {
    let json = json(&score(MODEL, MONTH, "json"));
    // (employee, indicator, completion, paid share, contribution)
    for (who, kpi, completion, paid, adds) in [
        // 160 / 200 = 80%: exactly the threshold pays.
        ("Ann", "calls", 0.8, 0.8, 0.16),
        // 159 / 200 = 79.5%: just below it pays nothing.
        ("Bob", "calls", 0.795, 0.0, 0.0),
        // 15 / 12 = 125%, held at the role's cap of 110%.
        ("Ann", "visits", 1.25, 1.1, 0.11),
        ("Ann", "revenue", 1.1, 1.1, 0.22),
        // No threshold: half the plan pays half.
        ("Ann", "clients", 0.5, 0.5, 0.05),
        ("Ann", "crm", 97.0 / 95.0, 97.0 / 95.0, 0.097 / 0.95),
        ("Bob", "rate", 2.0, 1.1, 0.11),
        // At most 5%: a fact of 10% is half done; a fact of 0 is the best there is and
        // pays the indicator's own cap of 150%.
        ("Bob", "errors", 0.5, 0.5, 0.05),
        ("Ann", "errors", 1.5, 1.5, 0.15),
        // A SMART goal done (да) or not (нет).
        ("Ann", "course", 1.0, 1.0, 0.1),
        ("Bob", "course", 0.0, 0.0, 0.0),
        // The boss has no cap of the role's: the model's 130% holds.
        ("Cid", "deals", 2.0, 1.3, 1.3),
    ] {
        let found = indicator(&json, who, kpi);
        assert!(
            close(&found["completion"], completion)
                && close(&found["paid_share"], paid)
                && close(&found["contribution"], adds),
            "{who} {kpi}: {found}"
        );
    }
    // Ann: 0.16 + 0.11 + 0.22 + 0.05 + 0.10211 + 0.1 + 0.15 + 0.1 = 0.99211;
    // a bonus of 500 × 0.99211 = 496.05 on a salary of 1,000.
    let ann = employee(&json, "Ann");
    assert!(close(&ann["index"], 0.9921), "{ann}");
    assert!(close(&ann["bonus"], 496.05), "{ann}");
    assert!(close(&ann["pay"], 1496.05), "{ann}");
    // Bob: 0 + 0.1 + 0.2 + 0.1 + 0.1 + 0.11 + 0.05 + 0 = 0.66.
    let bob = employee(&json, "Bob");
    assert!(
        close(&bob["index"], 0.66) && close(&bob["pay"], 1330.0),
        "{bob}"
    );
    let cid = employee(&json, "Cid");
    assert!(close(&cid["pay"], 2000.0 + 1300.0), "{cid}");
}

#[test]
fn a_quarter_scales_plans_and_pay_by_three_months() {
    let facts = MONTH
        .replace(
            "сотрудник;роль;показатель;факт",
            "employee;role;kpi;fact;period",
        )
        .lines()
        .map(|line| {
            if line.starts_with("Ann") {
                format!("{line};квартал\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect::<String>();
    let outcome = score(MODEL, facts, "json");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json = json(&outcome);
    for (kpi, plan) in [
        ("calls", 600.0),
        ("visits", 36.0),
        ("revenue", 9000.0),
        ("clients", 6.0),
        ("crm", 95.0),
        ("rate", 4.5),
    ] {
        let found = &indicator(&json, "Ann", kpi)["plan"];
        assert!(close(found, plan), "{kpi}: plan {found}, not {plan}");
    }
    let ann = employee(&json, "Ann");
    assert_eq!(ann["period"], "quarter");
    assert!(close(&ann["salary"], 3000.0), "{ann}");
}

#[test]
fn without_any_cap_an_indicator_pays_at_most_120_percent() {
    let model = MODEL.replace("  motivation: { cap: 130 }\n", "");
    let json = json(&score(
        &model,
        "employee,role,kpi,fact\nCid,boss,deals,30\n",
        "json",
    ));
    assert!(close(&indicator(&json, "Cid", "deals")["paid_share"], 1.2));
}

#[test]
fn a_comma_separated_file_with_a_decimal_point_reads_the_same() {
    let comma = MONTH
        .trim_start_matches('\u{feff}')
        .replace(';', ",")
        .replace("4,5", "4.5")
        .replace("3 300", "\"3,300\"");
    let (semicolon, comma) = (
        json(&score(MODEL, MONTH, "json")),
        json(&score(MODEL, comma, "json")),
    );
    assert_eq!(semicolon, comma);
}

#[test]
fn csv_and_text_give_the_same_figures() {
    let csv = score(MODEL, MONTH, "csv");
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let ann_visits = csv
        .stdout
        .lines()
        .find(|l| l.starts_with("Ann,clerk,month,visits,"))
        .unwrap();
    assert_eq!(
        ann_visits,
        "Ann,clerk,month,visits,12,15,1.25,1.1,10,0.11,0.9921,1000,496.05,1496.05,kpi"
    );
    let text = score(MODEL, MONTH, "text");
    assert!(
        text.stdout
            .contains("index 0.9921 · salary 1000 · bonus 496.05 · pay 1496.05")
    );
    assert!(
        text.stdout.contains("3 scored, 0 problems in "),
        "{}",
        text.stdout
    );
}

#[test]
fn every_bad_row_is_reported_with_its_position_and_its_employee_is_not_scored() {
    let facts = "employee;role;kpi;fact\n\
        Ann;clerk;calls;160\n\
        Ann;clerk;visits;lots\n\
        Bob;clrek;calls;10\n\
        Cid;boss;calls;10\n\
        Dan;boss;deals;5\n\
        Dan;boss;deals;6\n\
        Eve;clerk;calls;200\n\
        Fay;boss;deals;1;2\n\
        Gus;client;deals;1\n\
        Hal;boss;dels;1\n\
        Ivy;boss;deals;да\n\
        Joe;boss;deals\n\
        Kim;boss;deals;-3\n\
        Lou;boss;deals;12\n\
        Max,boss,deals,3\n";
    let outcome = score(MODEL, facts, "json");
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let json = json(&outcome);
    let scored: Vec<&str> = json["employees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["employee"].as_str().unwrap())
        .collect();
    // Fay's extra field is harmless; only Lou and Fay have complete, valid facts.
    assert_eq!(scored, ["Fay", "Lou"]);
    let problems: Vec<String> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}:{} {}",
                p["line"],
                p["column"]
                    .as_u64()
                    .map_or("-".to_owned(), |c| c.to_string()),
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    let expect = [
        ("3:18 ", "fact `lots` is not a number (`Ann` is not scored)"),
        ("4:5 ", "unknown role `clrek`: did you mean `clerk`?"),
        (
            "5:10 ",
            "indicator `calls` belongs to `clerk`, not to `boss`",
        ),
        (
            "7:10 ",
            "a second fact of `Dan` for `deals` (the first is on line 6)",
        ),
        ("10:5 ", "`client` is a party outside the organisation"),
        ("11:10 ", "unknown indicator `dels`: did you mean `deals`?"),
        ("12:16 ", "only a SMART goal is done or not"),
        ("13:", "the row has 3 fields and the header 4"),
        (
            "16:",
            "the row has 1 field and the header 4: a separator is missing or different (the header's is `;`)",
        ),
        (
            "14:16 ",
            "below zero: a fact is a count, an amount or a percent (`Kim` is not scored)",
        ),
        ("8:- ", "`Eve` has no fact for `visits`, `revenue`"),
    ];
    for (at, message) in expect {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(at) && p.contains(message)),
            "no problem {at}{message} among {problems:#?}"
        );
    }
    // The problems are on standard error too, as file:line:column.
    assert!(
        outcome
            .stderr
            .contains("/facts.csv:3:18: fact `lots` is not a number"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn files_that_hold_no_facts_say_why() {
    for (facts, message) in [
        ("", "the file is empty"),
        ("\u{feff}  \n", "the file is empty"),
        (
            "employee;role;kpi;fact\n",
            "the file has a header and no facts",
        ),
        (
            "name,position,figure\nAnn,clerk,1\n",
            "the header has no column employee, role, kpi, fact",
        ),
        ("employee\trole\tkpi\n", "the header has no column fact"),
    ] {
        let outcome = score(MODEL, facts, "text");
        assert_eq!(outcome.code, 1, "{facts:?}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains(message),
            "{facts:?}: {}",
            outcome.stderr
        );
    }
    let cp1251 = b"employee;role;kpi;fact\n\xc8\xe2\xe0\xed;boss;deals;1\n";
    let outcome = score(MODEL, cp1251, "text");
    assert_eq!(outcome.code, 1);
    assert!(
        outcome
            .stderr
            .contains("/facts.csv:2: the line is not UTF-8"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn an_unreadable_or_oversized_file_fails_the_run() {
    let test = Test::new().file("model.yaml", MODEL);
    let missing = test.run_with(&["score", "--facts", "nowhere.csv"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("cannot read the facts file nowhere.csv"),
        "{}",
        missing.stderr
    );
    // 100 MB, sparse: its size is all that is looked at before it is refused.
    let path = test.root().join("big.csv");
    let big = std::fs::File::create(&path).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    let outcome = test.run_with(&["score", "--facts", &path.display().to_string()]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("may be at most 10485760 bytes"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_model_with_errors_gives_no_pay() {
    let broken = MODEL.replace("role: boss, target: 10", "role: bos, target: 10");
    let outcome = score(
        &broken,
        "employee,role,kpi,fact\nCid,boss,deals,1\n",
        "json",
    );
    assert_eq!(outcome.code, 1);
    assert!(outcome.stdout.is_empty());
    assert!(
        outcome.stderr.contains("no pay was worked out"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn the_example_months_facts_score_clean() {
    let outcome = crate::harness::run_raciflow(
        &[
            "score".into(),
            "processes/sales-department".into(),
            "--facts".into(),
            "processes/sales-department/facts/2026-11.csv".into(),
            "--format".into(),
            "json".into(),
        ],
        &crate::harness::repo_path(""),
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json = json(&outcome);
    let employees = json["employees"].as_array().unwrap();
    assert_eq!(employees.len(), 6);
    for person in employees {
        let pay = person["pay"].as_f64().unwrap();
        let salary = person["salary"].as_f64().unwrap();
        assert!(pay >= salary, "{person}");
    }
}

#[test]
fn the_workbook_score_writes_carries_the_scores_in_its_formulas() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let test = Test::new()
        .file("model.yaml", MODEL)
        .file("facts.csv", MONTH);
    let facts = test.root().join("facts.csv").display().to_string();
    let refused = test.run_with(&["score", "--facts", &facts, "--format", "xlsx"]);
    assert_eq!(refused.code, 2, "a workbook went to standard output");
    assert!(refused.stderr.contains("--out"), "{}", refused.stderr);
    let path = test.root().join("pay.xlsx");
    let out = path.display().to_string();
    let written = test.run_with(&[
        "score", "--facts", &facts, "--format", "xlsx", "--out", &out,
    ]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    // The summary first, then a sheet a position.
    assert_eq!(book.sheet_names(), ["Summary", "Boss", "Clerk"]);
    let clerk = book.worksheet_range("Clerk").unwrap();
    let formulas = book.worksheet_formula("Clerk").unwrap();
    // Each block: the name, the header, a row per indicator, then index, bonus and pay.
    let find = |text: &str| {
        clerk
            .used_cells()
            .filter(|(_, _, c)| *c == text)
            .map(|(r, c, _)| (r as u32, c as u32))
            .collect::<Vec<_>>()
    };
    let names = find("Ann");
    assert_eq!(names.len(), 1, "Ann's block");
    let (ann, _) = names[0];
    // Rows are named as the policy names the indicators; no machine id is in the sheet.
    assert!(
        find("visits").is_empty(),
        "an indicator's id in the workbook"
    );
    let visits = find("Visits")[0].0;
    assert_eq!(clerk.get_value((visits, 5)), Some(&Data::Float(15.0)));
    // Completion, paid share and contribution come from formulas, their results cached.
    assert!(
        formulas
            .get_value((visits, 6))
            .is_some_and(|f| f.contains("/B"))
    );
    assert_eq!(clerk.get_value((visits, 7)), Some(&Data::Float(1.1)));
    // The name, the days worked, the days of sickness among them (the English scheme
    // protects them), the salary and the bonus it brings, the headings, eight indicators,
    // then the index, the bonus, the salary and the pay.
    let index_row = ann + 6 + 8;
    assert_eq!(clerk.get_value((index_row, 8)), Some(&Data::Float(0.9921)));
    assert_eq!(
        clerk.get_value((index_row + 3, 8)),
        Some(&Data::Float(1496.05))
    );
    // Bob's block follows, and the third clerk's is blank to type in.
    assert_eq!(find("Bob").len(), 1);
    let summary = book.worksheet_range("Summary").unwrap();
    let rows: Vec<String> = summary
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Ann|Clerk|1000|0.9921|496.05|1496.05")),
        "{rows:#?}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("|Clerk|")),
        "no blank block: {rows:#?}"
    );
    // The month is left to type in when neither the file's name nor `--month` says it.
    let month = |book: &mut Xlsx<_>| {
        let summary = book.worksheet_range("Summary").unwrap();
        summary.get_value((1, 1)).map(|c| c.to_string())
    };
    assert_eq!(month(&mut book).as_deref(), Some(""));
    // A facts file named for its month names the month, and `--month` overrides it.
    let named = test.root().join("2027-01.csv");
    std::fs::copy(test.root().join("facts.csv"), &named).unwrap();
    let named = named.display().to_string();
    for (extra, want) in [(None, "January 2027"), (Some("2026-12"), "December 2026")] {
        let mut args = vec![
            "score", "--facts", &named, "--format", "xlsx", "--out", &out,
        ];
        args.extend(extra.iter().flat_map(|m| ["--month", *m]));
        let written = test.run_with(&args);
        assert_eq!(written.code, 0, "{}", written.stderr);
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(month(&mut book).as_deref(), Some(want));
    }
    let wrong = test.run_with(&["score", "--facts", &named, "--month", "2026-13"]);
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    assert!(wrong.stderr.contains("YYYY-MM"), "{}", wrong.stderr);
}

#[test]
fn an_employees_own_salary_brings_the_same_percent_of_it_as_bonus() {
    // Bob's contract pays 1,200 where the position's standard is 1,000: his on-target
    // bonus is the same 50% of his salary, 600, not the position's 500.
    let own: String = MONTH
        .lines()
        .map(|line| match line.trim_start() {
            header if header.ends_with("факт") => format!("{header};оклад\n"),
            bob if bob.starts_with("Bob;") => format!("{bob};1 200\n"),
            other => format!("{other}\n"),
        })
        .collect();
    let outcome = score(MODEL, &own, "json");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json = json(&outcome);
    let bob = employee(&json, "Bob");
    let index = bob["index"].as_f64().unwrap();
    assert!(close(&bob["monthly_salary"], 1200.0), "{bob}");
    assert!(close(&bob["salary"], 1200.0), "{bob}");
    let bonus = (600.0 * index * 100.0).round() / 100.0;
    assert!(close(&bob["bonus"], bonus), "{bob}: not 600 × {index}");
    // Ann, with no salary of her own, is paid the position's.
    assert!(close(&employee(&json, "Ann")["monthly_salary"], 1000.0));
    // A salary is the employee's: one that differs between their rows is refused.
    let differs = own.replacen("Bob;clerk;visits;12;1 200", "Bob;clerk;visits;12;1 300", 1);
    let refused = score(MODEL, &differs, "text");
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("`Bob` has a different salary on line"),
        "{}",
        refused.stderr
    );
}

#[test]
fn a_shorter_month_and_days_off_scale_plans_and_pay_by_working_days() {
    // A month of 10 working days: daily and weekly plans follow it, monthly ones do not.
    let test = Test::new()
        .file("model.yaml", MODEL)
        .file("facts.csv", MONTH);
    let facts = test.root().join("facts.csv").display().to_string();
    let short = test.run_with(&[
        "score", "--facts", &facts, "--days", "10", "--format", "json",
    ]);
    assert_eq!(short.code, 0, "{}", short.stderr);
    let month = json(&short);
    for (kpi, plan) in [
        ("calls", 100.0),
        ("visits", 6.0),
        ("revenue", 3000.0),
        ("crm", 95.0),
    ] {
        let found = &indicator(&month, "Ann", kpi)["plan"];
        assert!(close(found, plan), "{kpi}: plan {found}, not {plan}");
    }
    assert!(close(&employee(&month, "Ann")["salary"], 1000.0));
    // Ann worked 10 of the model's 20 days: every plan in units and money halves, and so
    // does her target bonus; shares and averages stay. Her salary is the contract's in an
    // English model (UK basic pay; payroll adjusts it), and halves in a Russian one (the
    // оклад is paid for the time worked).
    let facts = MONTH
        .replace(
            "сотрудник;роль;показатель;факт",
            "сотрудник;роль;показатель;факт;отработано дней",
        )
        .lines()
        .map(|line| match line {
            l if l.starts_with("Ann") => format!("{l};10\n"),
            l if l.starts_with('\u{feff}') => format!("{l}\n"),
            l => format!("{l};\n"),
        })
        .collect::<String>();
    let outcome = score(MODEL, facts.clone(), "json");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json = json(&outcome);
    for (kpi, plan) in [
        ("calls", 100.0),
        ("visits", 6.0),
        ("revenue", 1500.0),
        ("clients", 1.0),
        ("crm", 95.0),
        ("rate", 4.5),
    ] {
        let found = &indicator(&json, "Ann", kpi)["plan"];
        assert!(close(found, plan), "{kpi}: plan {found}, not {plan}");
    }
    let ann = employee(&json, "Ann");
    assert!(
        close(&ann["worked_days"], 10.0) && close(&ann["salary"], 1000.0),
        "{ann}"
    );
    let russian = MODEL.replace(
        "  days_per_month: 20\n",
        "  days_per_month: 20\n  language: ru\n",
    );
    let outcome = score(&russian, facts, "json");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let russian = self::json(&outcome);
    let salary = &employee(&russian, "Ann")["salary"];
    assert!(close(salary, 500.0), "{salary}");
    let index = ann["index"].as_f64().unwrap();
    assert!(
        close(&ann["bonus"], (250.0 * index * 100.0).round() / 100.0),
        "{ann}"
    );
    // Bob worked the whole month.
    assert!(close(&employee(&json, "Bob")["salary"], 1000.0));
}

#[test]
fn days_worked_must_be_a_number_within_the_period_and_the_same_on_each_row() {
    let facts = "employee;role;kpi;fact;days\n\
        Cid;boss;deals;5;25\n\
        Dan;boss;deals;5;none\n";
    let outcome = score(MODEL, facts, "json");
    assert_eq!(outcome.code, 1);
    let json = json(&outcome);
    assert!(json["employees"].as_array().unwrap().is_empty());
    let messages: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[0].contains("at most the 20 working days"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("days worked `none` is not a number"),
        "{messages:?}"
    );
    let model = MODEL.replace(
        "  - { id: deals, name: Deals, role: boss, target: 10, weight: 100, measured_by: log }",
        "  - { id: deals, name: Deals, role: boss, target: 10, weight: 50, measured_by: log }\n  - { id: calls2, name: Calls, role: boss, target: 10, weight: 50, measured_by: log }",
    );
    let facts = "employee;role;kpi;fact;days\nCid;boss;deals;5;10\nCid;boss;calls2;5;12\n";
    let outcome = score(&model, facts, "json");
    assert_eq!(outcome.code, 1, "{}", outcome.stdout);
    assert!(
        outcome
            .stderr
            .contains("worked a different number of days on line 2"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn protected_absence_eases_the_targets_and_keeps_the_bonus() {
    // Cid, the boss, worked the whole month of 20 days, 5 of them off sick (protected):
    // his 10 deals a month are asked of 15 days, 7.5, rounded up to 8 so as not to ease
    // the plan; his bonus of 1,000 is not reduced. 6 deals are 75%.
    let facts = "employee;role;kpi;fact;days;protected\nCid;boss;deals;6;;5\nDan;boss;deals;6;;\n";
    let outcome = score(MODEL, facts, "json");
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json = json(&outcome);
    let cid = employee(&json, "Cid");
    assert!(
        close(&indicator(&json, "Cid", "deals")["plan"], 8.0),
        "{cid}"
    );
    assert!(
        close(&cid["protected_days"], 5.0) && close(&cid["worked_days"], 20.0),
        "{cid}"
    );
    assert!(close(&cid["bonus"], 750.0), "{cid}");
    // Dan, with no protected days, has the whole month's plan.
    assert!(close(&indicator(&json, "Dan", "deals")["plan"], 10.0));
    let text = score(MODEL, facts, "text");
    assert!(
        text.stdout.contains("5 days of protected absence"),
        "{}",
        text.stdout
    );
    // A month wholly off sick has no target in units to meet: the bonus is paid in full.
    let outcome = score(
        MODEL,
        "employee;role;kpi;fact;days;protected\nCid;boss;deals;0;10;10\n",
        "json",
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let cid = employee(&self::json(&outcome), "Cid").clone();
    assert!(
        close(&cid["index"], 1.0) && close(&cid["bonus"], 500.0),
        "{cid}"
    );
    // Protected days are part of the days worked, and the same on each row.
    let outcome = score(
        MODEL,
        "employee;role;kpi;fact;days;protected\nCid;boss;deals;6;10;11\n",
        "json",
    );
    assert_eq!(outcome.code, 1);
    assert!(
        outcome
            .stdout
            .contains("`11` protected days: a number from 0 to the 10 days worked"),
        "{}",
        outcome.stdout
    );
    let model = MODEL.replace(
        "  - { id: deals, name: Deals, role: boss, target: 10, weight: 100, measured_by: log }",
        "  - { id: deals, name: Deals, role: boss, target: 10, weight: 50, measured_by: log }\n  - { id: calls2, name: Calls, role: boss, target: 10, weight: 50, measured_by: log }",
    );
    let outcome = score(
        &model,
        "employee;role;kpi;fact;days;protected\nCid;boss;deals;5;;2\nCid;boss;calls2;5;;3\n",
        "json",
    );
    assert_eq!(outcome.code, 1);
    assert!(
        outcome
            .stderr
            .contains("`Cid` has a different number of protected days on line 2"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_percentage_of_the_plan_is_not_scaled_by_days_worked() {
    // «100 % плана» is a share, like «95%»: half a month worked still asks for all of it.
    let model = MODEL.replace(
        "{ id: deals, name: Deals, role: boss, target: 10,",
        "{ id: deals, name: Deals, role: boss, target: 100, unit: \"% плана\",",
    );
    let outcome = score(
        &model,
        "employee;role;kpi;fact;days\nCid;boss;deals;100;10\n",
        "json",
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let json = json(&outcome);
    assert!(
        close(&indicator(&json, "Cid", "deals")["plan"], 100.0),
        "{json}"
    );
    assert!(close(&employee(&json, "Cid")["index"], 1.0), "{json}");
}
