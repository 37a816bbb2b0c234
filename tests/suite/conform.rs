//! `raciflow conform`: a CRM's event log replayed on the model's processes.

use serde_json::{Value, json};

use crate::harness::{Outcome, Test};

/// A log of the quickstart's quote process: two cases that follow it, one that skips the
/// follow-up, one with an activity it does not know, one that follows up twice, one that
/// stops after the quote; a case of the fulfilment process, one of no process, and two
/// rows that cannot be used.
const LOG: &str = "\
case,activity,timestamp,resource
Q1,prepare-quote,2026-11-02T09:00:00Z,anna
Q1,follow-up,2026-11-03T09:00:00Z,anna
Q1,Record the sales order,2026-11-04T09:00:00Z,anna
Q2,prepare-quote,2026-11-02T10:00:00Z,boris
Q2,record-loss,2026-11-05T10:00:00Z,boris
Q2,follow-up,2026-11-03T10:00:00Z,boris
Q3,prepare-quote,2026-11-02T11:00:00Z,anna
Q3,record-order,2026-11-02T12:00:00Z,anna
Q4,prepare-quote,2026-11-02T11:00:00Z,anna
Q4,follow-up,2026-11-03T11:00:00Z,anna
Q4,Звонок клиенту,2026-11-03T12:00:00Z,anna
Q4,record-order,2026-11-04T12:00:00Z,anna
Q5,prepare-quote,2026-11-02T11:00:00Z,anna
Q5,follow-up,2026-11-03T11:00:00Z,anna
Q5,follow-up,2026-11-04T11:00:00Z,anna
Q5,record-order,2026-11-05T12:00:00Z,anna
Q6,prepare-quote,2026-11-02T11:00:00Z,anna
Q6,follow-up,not a date,anna
,follow-up,2026-11-03T11:00:00Z,anna
F1,pick-and-pack,2026-11-03T11:00:00Z,ivan
F1,despatch,2026-11-03T15:00:00Z,ivan
X1,Спам,2026-11-03T15:00:00Z,ivan
";

fn conform(test: &Test, log: &str, extra: &[&str]) -> Outcome {
    let path = test.root().join("log.csv");
    std::fs::write(&path, log).unwrap();
    let mut args = vec!["conform", "--log", path.to_str().unwrap()];
    args.extend(extra);
    test.run_with(&args)
}

/// Asserts that `outcome` is a failed run (exit code 2) whose error says `says`.
fn failed_run(outcome: &Outcome, says: &str) {
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.contains(says), "{}", outcome.stderr);
}

fn report(outcome: &Outcome) -> Value {
    assert_eq!(outcome.code, 0, "{}\n{}", outcome.stdout, outcome.stderr);
    serde_json::from_str(&outcome.stdout).unwrap()
}

#[test]
fn each_case_is_replayed_on_its_process_and_every_departure_is_counted() {
    let test = Test::copy_of("processes/quickstart");
    let report = report(&conform(&test, LOG, &["--format", "json"]));
    assert_eq!(report["log"]["rows"], 22);
    assert_eq!(report["log"]["events"], 20);
    assert_eq!(
        report["log"]["problems"],
        json!([
            { "line": 19, "message": "`not a date` is not a date and time raciflow reads (2026-11-03T10:15:00+03:00, 2026-11-03 10:15, 03.11.2026 10:15:00, or Unix seconds)" },
            { "line": 20, "message": "no case: the row is not used" }
        ])
    );
    assert_eq!(report["unmatched_cases"], 1, "X1 knows no step");
    let quote = &report["processes"][0];
    assert_eq!(quote["id"], "quote-to-order");
    assert_eq!(quote["cases"], 6);
    // Q1 (a step by its name) and Q2 (its events written out of order, read by time).
    assert_eq!(quote["fitting_cases"], 2);
    // Nobody logs the decision: it is replayed as a silent move, not as skipped.
    assert_eq!(quote["not_recorded"], json!(["accepted"]));
    let deviations = quote["deviations"].as_array().unwrap();
    // Q3 ordered without the follow-up, which is told once, as skipped; Q6 stopped after
    // the quote, which is where it stands, not a step it failed to do.
    assert_eq!(
        deviations,
        &[
            json!({ "kind": "unknown", "activity": "Звонок клиенту", "events": 1, "cases": 1 }),
            json!({ "kind": "skipped", "step": "record-order", "missing": ["follow-up"], "all": false, "cases": 1 }),
            json!({ "kind": "repeated", "step": "follow-up", "cases": 1 }),
            json!({ "kind": "unfinished", "cases": 1 }),
        ]
    );
    assert_eq!(quote["variants"].as_array().unwrap().len(), 6);
    let fulfilment = &report["processes"][1];
    assert_eq!(
        (fulfilment["cases"].clone(), fulfilment["fitness"].clone()),
        (json!(1), json!(1.0))
    );
}

#[test]
fn the_fitness_is_the_token_replay_formula_over_the_whole_log() {
    // The decision nobody logs is the place its branches take their token from, as its
    // BPMN gateway is in pm4py's net. Q1 fits: 4 tokens produced (the start's among them)
    // and 4 consumed (the end's). Q3 skips the follow-up: its order gets the missing
    // token, the follow-up's is left, of 3 produced and 3 consumed. The log's fitness is
    // ½(1 − 1/7) + ½(1 − 1/7).
    let test = Test::copy_of("processes/quickstart");
    let log = "case,activity,timestamp\nQ1,prepare-quote,2026-11-02 09:00\nQ1,follow-up,2026-11-03 09:00\nQ1,record-order,2026-11-04 09:00\nQ3,prepare-quote,2026-11-02 11:00\nQ3,record-order,2026-11-02 12:00\n";
    let report = report(&conform(&test, log, &["--format", "json"]));
    let quote = &report["processes"][0];
    assert_eq!(
        quote["tokens"],
        json!({ "produced": 7, "consumed": 7, "missing": 1, "remaining": 1 })
    );
    let fitness = quote["fitness"].as_f64().unwrap();
    assert!((fitness - 6.0 / 7.0).abs() < 1e-9, "{fitness}");
}

#[test]
fn a_bitrix24_export_is_read_by_its_column_names_and_the_stages_the_steps_list() {
    // The CRM's stages name the steps (`activity:`); the export is Excel's: a byte-order
    // mark, `;` between fields, dates as ДД.ММ.ГГГГ.
    let test = Test::copy_of("processes/quickstart");
    let quote = test.root().join("processes/01-quote.yaml");
    let text = std::fs::read_to_string(&quote).unwrap();
    let text = text
        .replace(
            "        name: Prepare a quote from the price list\n",
            "        name: Prepare a quote from the price list\n        activity: [NEW, PREPARATION]\n",
        )
        .replace(
            "        name: Record the sales order\n",
            "        name: Record the sales order\n        activity: WON\n",
        );
    std::fs::write(&quote, text).unwrap();
    let log = "\u{feff}ID;OWNER_ID;STAGE_ID;CREATED_TIME\n1;101;NEW;02.11.2026 09:00:00\n2;101;follow-up;03.11.2026 09:00:00\n3;101;WON;04.11.2026 09:00:00\n4;102;PREPARATION;02.11.2026 10:00\n5;102;WON;02.11.2026 11:00\n";
    let report = report(&conform(
        &test,
        log,
        &[
            "--format",
            "json",
            "--preset",
            "bitrix24",
            "--process",
            "quote-to-order",
        ],
    ));
    let quote = &report["processes"][0];
    assert_eq!(quote["cases"], 2);
    assert_eq!(quote["fitting_cases"], 1, "{quote:#}");
    assert_eq!(
        quote["variants"][0]["steps"],
        json!(["prepare-quote", "follow-up", "record-order"])
    );
}

#[test]
fn parallel_branches_fit_in_any_order_and_a_branch_left_out_is_skipped() {
    let test = Test::new().file(
        "model.yaml",
        "model: { id: p, name: P }
roles:
  - { id: boss, name: Boss }
  - { id: clerk, name: Clerk, reports_to: boss }
processes:
  - id: order
    name: Order
    owner: boss
    defaults: { A: boss }
    steps:
      - { id: take, name: Take the order, raci: { R: clerk }, next: [invoice, pack] }
      - { id: invoice, name: Invoice it, raci: { R: clerk }, next: ship }
      - { id: pack, name: Pack it, raci: { R: clerk }, next: ship }
      - { id: ship, name: Ship it, raci: { R: clerk } }
",
    );
    let log = "case,activity,timestamp
A,take,2026-11-02 09:00
A,invoice,2026-11-02 10:00
A,pack,2026-11-02 11:00
A,ship,2026-11-02 12:00
B,take,2026-11-02 09:00
B,pack,2026-11-02 10:00
B,invoice,2026-11-02 11:00
B,ship,2026-11-02 12:00
C,take,2026-11-02 09:00
C,pack,2026-11-02 10:00
C,ship,2026-11-02 12:00
";
    let report = report(&conform(&test, log, &["--format", "json"]));
    let order = &report["processes"][0];
    assert_eq!(order["fitting_cases"], 2, "{order:#}");
    // C shipped without invoicing: the join waits for every branch (`all`), and the
    // branch it left out is told once.
    assert_eq!(
        order["deviations"],
        json!([{ "kind": "skipped", "step": "ship", "missing": ["invoice"], "all": true, "cases": 1 }])
    );
    // Each branch's flows were taken by the cases that ran it, in whichever order; the
    // join took a flow from each branch that arrived.
    let flows: Vec<(Value, Value, Value)> = order["flows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["from"].clone(), f["to"].clone(), f["cases"].clone()))
        .collect();
    for expected in [
        (json!(null), json!("take"), json!(3)),
        (json!("take"), json!("invoice"), json!(2)),
        (json!("take"), json!("pack"), json!(3)),
        (json!("invoice"), json!("ship"), json!(2)),
        (json!("pack"), json!("ship"), json!(3)),
        (json!("ship"), json!(null), json!(3)),
    ] {
        assert!(flows.contains(&expected), "{expected:?} not in {flows:#?}");
    }
    assert_eq!(flows.len(), 6);
}

#[test]
fn min_fitness_fails_the_run_below_it_and_the_text_says_why() {
    let test = Test::copy_of("processes/quickstart");
    // The quote process's fitness is 0.864.
    let below = conform(&test, LOG, &["--min-fitness", "0.9"]);
    assert_eq!(below.code, 1, "{}", below.stderr);
    assert!(
        below
            .stdout
            .contains("`record-order` done, but `follow-up` before it never was"),
        "{}",
        below.stdout
    );
    assert!(
        below.stdout.contains("log.csv:19: `not a date`"),
        "{}",
        below.stdout
    );
    assert_eq!(conform(&test, LOG, &["--min-fitness", "0.85"]).code, 0);
}

#[test]
fn a_log_without_the_columns_it_needs_is_a_failed_run_that_names_them() {
    let test = Test::copy_of("processes/quickstart");
    let outcome = conform(&test, "deal,stage,when\n1,NEW,2026-11-02\n", &[]);
    failed_run(
        &outcome,
        "no case column: the header has `deal`, `stage`, `when`",
    );
    let missing = test.run_with(&["conform", "--log", "/no/such/log.csv"]);
    failed_run(&missing, "/no/such/log.csv");
}

#[test]
fn a_log_that_names_positions_shows_who_did_a_step_other_than_its_r() {
    // The follow-up is the sales representative's; the log names positions by id or by
    // name, and one the model does not have.
    let test = Test::copy_of("processes/quickstart");
    let log = "case,activity,timestamp,role
Q1,prepare-quote,2026-11-02 09:00,sales-rep
Q1,follow-up,2026-11-03 09:00,Sales Representative
Q2,prepare-quote,2026-11-02 09:00,sales-rep
Q2,follow-up,2026-11-03 09:00,sales-lead
Q3,prepare-quote,2026-11-02 09:00,sales-rep
Q3,follow-up,2026-11-03 09:00,Стажёр
Q4,prepare-quote,2026-11-02 09:00,sales-rep
Q4,follow-up,2026-11-03 09:00,warehouse clerk
Q5,prepare-quote,2026-11-02 09:00,sales-rep
Q5,follow-up,2026-11-03 09:00,sales-lead
";
    let outcome = conform(&test, log, &["--format", "json"]);
    let report = report(&outcome);
    let roles = &report["processes"][0]["roles"];
    assert_eq!(
        roles,
        &json!([{
            "step": "follow-up",
            "regulation": ["sales-rep"],
            "events": 5,
            "others": [
                { "role": "sales-lead", "events": 2, "share": 0.4 },
                { "role": "warehouse", "events": 1, "share": 0.2 },
                { "role": "Стажёр", "events": 1, "share": 0.2 }
            ]
        }]),
        "{roles:#}"
    );
    let text = conform(&test, log, &[]).stdout;
    assert!(
        text.contains("`follow-up`: `sales-lead` in 40%, `warehouse` in 20%, `Стажёр` in 20% of its 5 events with a position; the regulation says `sales-rep`"),
        "{text}"
    );
}

#[test]
fn a_step_later_than_its_deadline_names_its_cases() {
    // The customer is followed up within 3 days of the quote.
    let test = Test::copy_of("processes/quickstart");
    let quote = test.root().join("processes/01-quote.yaml");
    let text = std::fs::read_to_string(&quote).unwrap().replacen(
        "        raci: { R: sales-rep }\n        inputs: [quote]\n",
        "        raci: { R: sales-rep }\n        deadline: 3d\n        inputs: [quote]\n",
        1,
    );
    std::fs::write(&quote, text).unwrap();
    let log = "case,activity,timestamp
Q1,prepare-quote,2026-11-02 09:00
Q1,follow-up,2026-11-05 09:00
Q2,prepare-quote,2026-11-02 09:00
Q2,follow-up,2026-11-05 09:01
Q3,prepare-quote,2026-11-02 09:00
Q3,follow-up,2026-11-03 09:00
Q4,prepare-quote,2026-11-02 09:00
Q4,follow-up,2026-11-09 09:00
";
    let report = report(&conform(&test, log, &["--format", "json"]));
    let times = &report["processes"][0]["times"];
    assert_eq!(
        times,
        &json!([{
            "step": "follow-up",
            "events": 4,
            // The mean of the two in the middle: 72 h and 72 h 1 min.
            "median_hours": 72.00833333333334,
            "effort": "10m",
            "deadline": "3d",
            "late_cases": 2,
            "late": ["Q2", "Q4"]
        }]),
        "{times:#}"
    );
    let text = conform(&test, log, &[]).stdout;
    assert!(
        text.contains("`follow-up`: 3.0 days over 4 events (its work: 10m); deadline 3d: 2 cases late (Q2, Q4)"),
        "{text}"
    );
}

#[test]
fn github_annotations_put_each_departure_on_its_step_and_a_low_fitness_on_its_process() {
    let test = Test::copy_of("processes/quickstart");
    let outcome = conform(&test, LOG, &["--format", "github", "--min-fitness", "0.9"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let lines: Vec<&str> = outcome.stdout.lines().collect();
    // The process's id is on line 2 of its file, `record-order`'s on line 78.
    assert!(
        lines[0].starts_with("::error file=")
            && lines[0].contains("01-quote.yaml,line=2,")
            && lines[0].contains("title=conform/fitness::the log fits process `quote-to-order` with 0.864, below 0.900"),
        "{}",
        outcome.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with("::warning file=")
            && l.contains("01-quote.yaml,line=78,")
            && l.ends_with("title=conform/departure::1 of 6 cases (17%25): `record-order` done, but `follow-up` before it never was")),
        "{}",
        outcome.stdout
    );
    assert!(
        outcome.stderr.contains("log.csv:19: `not a date`"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_swap_is_one_departure_and_no_step_the_case_did_is_called_undone() {
    let test = Test::copy_of("processes/quickstart");
    // Windows line ends, as spreadsheets save: the bad row is still named by its line.
    let log = "case,activity,timestamp\r\nQ1,prepare-quote,2026-11-02 09:00\r\nQ1,record-order,2026-11-03 09:00\r\nQ1,follow-up,2026-11-04 09:00\r\nQ2,prepare-quote,someday\r\n";
    let report = report(&conform(
        &test,
        log,
        &["--format", "json", "--process", "quote-to-order"],
    ));
    assert_eq!(
        report["processes"][0]["deviations"],
        json!([{ "kind": "early", "step": "record-order", "after": ["follow-up"], "all": false, "cases": 1 }])
    );
    assert_eq!(report["log"]["problems"][0]["line"], 5);
}

#[test]
fn a_log_no_step_answers_to_lists_its_activities_and_passes_no_gate() {
    // A Bitrix24 export whose stages the model does not name yet.
    let test = Test::copy_of("processes/quickstart");
    let log = "OWNER_ID;STAGE_ID;CREATED_TIME\n1;NEW;02.11.2026 09:00\n1;C1:WON;03.11.2026 09:00\n2;NEW;02.11.2026 10:00\n";
    let text = conform(&test, log, &["--preset", "bitrix24"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout.contains("2 cases of no process: no step answers to any of their activities, which are\n        2 events  `NEW`\n         1 event  `C1:WON`\n  give a step the names it is recorded by in `activity:`"),
        "{}",
        text.stdout
    );
    let gate = conform(
        &test,
        log,
        &["--preset", "bitrix24", "--min-fitness", "0.5"],
    );
    assert_eq!(gate.code, 1);
    assert!(
        gate.stderr.contains("no case of the log was replayed"),
        "{}",
        gate.stderr
    );
    // Replayed on one process anyway, a log that records none of its steps does not fit.
    let forced = conform(
        &test,
        log,
        &[
            "--preset",
            "bitrix24",
            "--process",
            "quote-to-order",
            "--min-fitness",
            "0.5",
            "--format",
            "json",
        ],
    );
    assert_eq!(forced.code, 1, "{}", forced.stdout);
    let fitness = serde_json::from_str::<Value>(&forced.stdout).unwrap()["processes"][0]["fitness"]
        .as_f64()
        .unwrap();
    assert!(fitness < 0.5, "{fitness}");
    assert!(
        forced.stderr.contains("the log fits `quote-to-order` with"),
        "{}",
        forced.stderr
    );
}

/// [`LOG`] as an XES log, as a process-mining tool writes it: a trace per case, each step's
/// start written as well as its completion, and the position a global default.
fn xes_of_log() -> String {
    let mut traces: Vec<(String, Vec<String>)> = Vec::new();
    for row in LOG.lines().skip(1) {
        let [case, activity, time, _] = row.split(',').collect::<Vec<_>>()[..] else {
            panic!("{row}");
        };
        if case.is_empty() {
            continue;
        }
        let event = |transition: &str| {
            format!(
                "<event><string key=\"concept:name\" value=\"{activity}\"/><date key=\"time:timestamp\" value=\"{time}\"/><string key=\"lifecycle:transition\" value=\"{transition}\"/></event>"
            )
        };
        let events = [event("start"), event("complete")];
        match traces.iter_mut().find(|(c, _)| c == case) {
            Some((_, trace)) => trace.extend(events),
            None => traces.push((case.to_owned(), events.to_vec())),
        }
    }
    let traces: String = traces
        .iter()
        .map(|(case, events)| {
            format!(
                "<trace><string key=\"concept:name\" value=\"{case}\"/>{}</trace>\n",
                events.concat()
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" xmlns=\"http://www.xes-standard.org/\">\n<global scope=\"event\"><string key=\"org:role\" value=\"sales-rep\"/></global>\n{traces}</log>\n"
    )
}

#[test]
fn an_xes_log_is_replayed_as_its_csv_and_only_completions_count() {
    let test = Test::copy_of("processes/quickstart");
    let from_csv = report(&conform(&test, LOG, &["--format", "json"]));
    let path = test.root().join("log.xes");
    std::fs::write(&path, xes_of_log()).unwrap();
    let from_xes = report(&test.run_with(&[
        "conform",
        "--log",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--role",
        "org:role",
    ]));
    // The quote's steps are the sales representative's, the global default position.
    assert_eq!(from_xes["processes"][0], from_csv["processes"][0]);
    assert_eq!(from_xes["unmatched_cases"], from_csv["unmatched_cases"]);
    // The warehouse's are not: the default is taken for every event that names none.
    let fulfilment = &from_xes["processes"][1];
    assert_eq!(fulfilment["fitness"], from_csv["processes"][1]["fitness"]);
    assert_eq!(
        fulfilment["roles"][0]["others"],
        json!([{ "role": "sales-rep", "events": 1, "share": 1.0 }])
    );
    // 21 steps with a case, each started and completed.
    assert_eq!(from_xes["log"]["rows"], 42);
    assert_eq!(from_xes["log"]["events"], 20);
    assert_eq!(
        from_xes["log"]["problems"],
        json!([
            { "message": "case `Q6`, event 4: its time is not a date" },
            { "message": "21 events of lifecycle `start` not used: a step is taken as done when its `complete` event is written" }
        ])
    );
    // The text names no line where an XES log has none.
    let text = test.run_with(&["conform", "--log", path.to_str().unwrap()]);
    assert!(
        text.stdout
            .contains("log.xes: case `Q6`, event 4: its time is not a date"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_broken_xes_log_is_a_failed_run_that_says_where_it_broke() {
    let test = Test::copy_of("processes/quickstart");
    let path = test.root().join("log.xes");
    let whole = xes_of_log();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let outcome = test.run_with(&["conform", "--log", path.to_str().unwrap()]);
    failed_run(&outcome, "log.xes: the XES log breaks off after");
    // A preset names a CSV's columns: given with XES, it is a mistake to say, not ignore.
    std::fs::write(&path, &whole).unwrap();
    let outcome = test.run_with(&[
        "conform",
        "--log",
        path.to_str().unwrap(),
        "--preset",
        "bitrix24",
    ]);
    failed_run(&outcome, "this log is XES");
}

#[test]
fn each_flow_counts_the_cases_that_took_it_and_each_step_the_cases_that_departed_there() {
    let test = Test::copy_of("processes/quickstart");
    let report = report(&conform(&test, LOG, &["--format", "json"]));
    let quote = &report["processes"][0];
    let flow = |from: Value, to: Value| {
        quote["flows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["from"] == from && f["to"] == to)
            .map(|f| (f["cases"].clone(), f["times"].clone()))
            .unwrap_or_else(|| panic!("no flow {from} → {to} in {:#}", quote["flows"]))
    };
    let n = |cases: usize, times: usize| (json!(cases), json!(times));
    // All six cases start; Q6's follow-up has no time, so four follow up, Q5 twice but
    // the second time by no flow (the regulation does not lead back to it).
    assert_eq!(flow(json!(null), json!("prepare-quote")), n(6, 6));
    assert_eq!(flow(json!("prepare-quote"), json!("follow-up")), n(4, 4));
    // The decision nobody logs is passed through: the flows into it and out of it count.
    assert_eq!(flow(json!("follow-up"), json!("accepted")), n(4, 4));
    assert_eq!(flow(json!("accepted"), json!("record-order")), n(3, 3));
    assert_eq!(flow(json!("accepted"), json!("record-loss")), n(1, 1));
    // Q3 ordered without a follow-up: its order came by no flow, but it ended.
    assert_eq!(flow(json!("record-order"), json!(null)), n(4, 4));
    assert_eq!(flow(json!("record-loss"), json!(null)), n(1, 1));
    let step = |id: &str| {
        quote["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["step"] == id)
            .map(|s| (s["cases"].clone(), s["departures"].clone()))
            .unwrap()
    };
    // Repeated by Q5; skipped by Q3, which is told at the order it placed without it;
    // not reached by Q6, which is still open.
    assert_eq!(step("follow-up"), (json!(4), json!(1)));
    assert_eq!(step("record-order"), (json!(4), json!(1)));
    assert_eq!(step("prepare-quote"), (json!(6), json!(0)));
}

#[test]
fn the_page_draws_each_flow_by_the_cases_that_took_it_in_the_models_language() {
    let test = Test::copy_of("processes/sales-department");
    let page = test.root().join("conform.html");
    let log = test.root().join("crm/2026-11.csv");
    let outcome = test.run_with(&[
        "conform",
        "--log",
        log.to_str().unwrap(),
        "--out",
        page.to_str().unwrap(),
    ]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
    assert!(html.contains("<h1>Соблюдение регламентов: проверка по журналу событий</h1>"));
    // The pack's stylesheet, and each process's map with its flows marked.
    assert!(html.contains("--accent: #1f4e79"), "the pack's style");
    for process in [
        "Работа с заинтересованным клиентом",
        "Оформление сделки: договор, счёт, оплата",
    ] {
        assert!(html.contains(process), "{process}");
    }
    let widths: Vec<f64> = html
        .split("#map-1-flow_")
        .skip(1)
        .filter_map(|rule| rule.split("stroke-width:").nth(1))
        .filter_map(|w| w.split('}').next()?.parse().ok())
        .collect();
    assert!(widths.len() > 5, "{widths:?}");
    assert!(
        widths.iter().any(|&w| w >= 6.9) && widths.iter().any(|&w| w < 6.0),
        "the most taken flow is drawn thickest, others thinner: {widths:?}"
    );
    // The three maps share one page: no element id is given twice.
    crate::harness::assert_ids_unique(&html);
    // Departures read as sentences about the steps by their names, in Russian.
    assert!(
        html.contains("Действие вне регламента: «Звонок вне регламента»"),
        "{html}"
    );
    assert!(html.contains("выполнен повторно, хотя регламент не предусматривает возврата к нему"));
    // No step id in the prose: the page names steps as the regulation does.
    let text = html.split("</style>").nth(1).unwrap();
    for id in ["payment-control", "draft-contract", "sales-assistant"] {
        assert!(!text.contains(id), "`{id}` in the page");
    }
}

#[test]
fn a_first_step_a_loop_leads_back_to_takes_the_starts_token() {
    // The offer is revised through a decision nobody logs, back to the first step.
    let test = Test::copy_of("tests/fixtures/maps");
    let log = "case,activity,timestamp
O1,offer,2026-11-02 09:00
O1,offer,2026-11-02 10:00
O1,prepare,2026-11-02 11:00
O1,reserve,2026-11-02 12:00
O1,credit,2026-11-02 13:00
O1,confirm,2026-11-02 14:00
O1,ship,2026-11-02 15:00
";
    let report = report(&conform(
        &test,
        log,
        &["--format", "json", "--process", "order"],
    ));
    let order = &report["processes"][0];
    assert_eq!(order["fitness"], 1.0, "{order:#}");
    assert_eq!(order["fitting_cases"], 1);
}

#[test]
fn a_staff_list_gives_the_position_of_each_user_the_log_names() {
    let test = Test::copy_of("processes/quickstart");
    // Excel's semicolons, and a header in Russian.
    let staff = test.root().join("staff.csv");
    std::fs::write(
        &staff,
        "Сотрудник;Должность\nanna;sales-rep\nboris;Warehouse\n",
    )
    .unwrap();
    let report = report(&conform(
        &test,
        LOG,
        &["--format", "json", "--staff", staff.to_str().unwrap()],
    ));
    // Boris is on the warehouse's staff, and did Q2's quote steps.
    let quote = &report["processes"][0];
    let roles = quote["roles"].as_array().unwrap();
    assert!(
        roles.iter().any(|r| r["step"] == "follow-up"
            && r["others"] == json!([{ "role": "warehouse", "events": 1, "share": 0.2 }])),
        "{roles:#?}"
    );
    // Ivan is not on the list: his events name no position, and the report says so.
    assert_eq!(
        report["log"]["unstaffed"],
        json!([{ "user": "ivan", "events": 3 }])
    );
    let text = conform(&test, LOG, &["--staff", staff.to_str().unwrap()]);
    assert!(
        text.stdout
            .contains("not on the staff list, so their events name no position: ivan (3)"),
        "{}",
        text.stdout
    );
    // A staff list needs a user column in the log.
    let outcome = conform(
        &test,
        "case,activity,timestamp\nQ1,prepare-quote,2026-11-02T09:00:00Z\n",
        &["--staff", staff.to_str().unwrap()],
    );
    failed_run(&outcome, "no user column");
}

#[test]
fn a_position_written_by_id_or_by_name_is_one_and_a_deputy_stands_in() {
    // The director's discount is the head of sales's step; the key account manager is
    // the head's deputy.
    let test = Test::copy_of("processes/sales-department");
    let log = "case,activity,timestamp,role
D1,director-discount,2026-11-02 09:00,key-account-manager
D2,director-discount,2026-11-02 09:00,sales-manager
D3,director-discount,2026-11-02 09:00,Менеджер по активным продажам
D4,director-discount,2026-11-02 09:00, МЕНЕДЖЕР  по активным продажам
";
    let report = report(&conform(&test, log, &["--format", "json"]));
    let roles = &report["processes"][0]["roles"];
    assert_eq!(
        roles,
        &json!([{
            "step": "director-discount",
            "regulation": ["head-of-sales"],
            "events": 4,
            "others": [{ "role": "sales-manager", "events": 3, "share": 0.75 }]
        }])
    );
}

#[test]
fn a_flow_the_log_cannot_tell_apart_is_not_counted_and_an_event_passes_a_case_on_once() {
    // The CRM records the quote and the follow-up, not how the quote ended: after the
    // follow-up, either branch of the decision leads to the end, and which one a case
    // took is not known.
    let test = Test::copy_of("processes/quickstart");
    let log = "case,activity,timestamp
Q1,prepare-quote,2026-11-02 09:00
Q1,follow-up,2026-11-03 09:00
Q2,prepare-quote,2026-11-02 09:00
Q2,follow-up,2026-11-03 09:00
";
    let quote = report(&conform(
        &test,
        log,
        &["--format", "json", "--process", "quote-to-order"],
    ));
    let flows = quote["processes"][0]["flows"].as_array().unwrap().clone();
    for flow in &flows {
        if flow["from"] == "accepted" || flow["to"].is_null() {
            assert_eq!(flow["cases"], 0, "{flow}");
        }
    }
    // In the example's sample log, no step passes on more cases than it has events,
    // unless it is a parallel split.
    let test = Test::copy_of("processes/sales-department");
    let log = std::fs::read_to_string(test.root().join("crm/2026-11.csv")).unwrap();
    let report = report(&conform(&test, &log, &["--format", "json"]));
    for process in report["processes"].as_array().unwrap() {
        let mut events: std::collections::HashMap<&str, u64> = Default::default();
        for variant in process["variants"].as_array().unwrap() {
            for step in variant["steps"].as_array().unwrap() {
                *events.entry(step.as_str().unwrap()).or_default() +=
                    variant["cases"].as_u64().unwrap();
            }
        }
        let mut passed: std::collections::HashMap<&str, u64> = Default::default();
        for flow in process["flows"].as_array().unwrap() {
            if let Some(from) = flow["from"].as_str() {
                *passed.entry(from).or_default() += flow["times"].as_u64().unwrap();
            }
        }
        for (step, times) in passed {
            let done = events.get(step).copied().unwrap_or_default();
            // A decision nobody logs passes on what came into it.
            if done > 0 {
                assert!(
                    times <= done,
                    "`{step}` passed on {times} times, done {done}"
                );
            }
        }
    }
}

#[test]
fn an_event_named_as_the_processs_trigger_is_its_start() {
    let test = Test::copy_of("processes/quickstart");
    let log = "case,activity,timestamp
Q1,A customer sends an enquiry.,2026-11-02 08:00
Q1,prepare-quote,2026-11-02 09:00
Q1,follow-up,2026-11-03 09:00
Q1,record-order,2026-11-04 09:00
";
    let report = report(&conform(
        &test,
        log,
        &["--format", "json", "--process", "quote-to-order"],
    ));
    let quote = &report["processes"][0];
    assert_eq!(quote["fitting_cases"], 1, "{quote:#}");
    assert_eq!(quote["deviations"], json!([]));
}

#[test]
fn mistakes_in_what_conform_is_given_are_failed_runs_that_say_what_to_do() {
    let test = Test::copy_of("processes/quickstart");
    let staff = test.root().join("staff.csv");
    let cases = [
        // A user listed twice.
        (
            "user,position\nanna,sales-rep\nboris,warehouse\nanna,warehouse\n",
            vec!["--staff", "STAFF"],
            "line 4: `anna` is listed as `warehouse`, and on line 2 as `sales-rep`",
        ),
        (
            "user,position\nanna,\n",
            vec!["--staff", "STAFF"],
            "line 2: no position for `anna`",
        ),
        ("", vec!["--staff", "STAFF"], "the staff list is empty"),
        // A user column without a staff list to read positions from.
        (
            "user,position\n",
            vec!["--resource", "resource"],
            "give it with --staff",
        ),
        // The page is HTML, whatever the name says.
        (
            "user,position\n",
            vec!["--out", "report.pdf"],
            "--out writes an HTML page",
        ),
    ];
    for (list, args, message) in cases {
        std::fs::write(&staff, list).unwrap();
        let args: Vec<&str> = args
            .iter()
            .map(|a| {
                if *a == "STAFF" {
                    staff.to_str().unwrap()
                } else {
                    a
                }
            })
            .collect();
        let outcome = conform(&test, LOG, &args);
        assert_eq!(outcome.code, 2, "{args:?}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains(message),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    // An XES log none of whose traces names its case.
    let path = test.root().join("log.xes");
    let xes = xes_of_log().replace(
        "<trace><string key=\"concept:name\"",
        "<trace><string key=\"name\"",
    );
    std::fs::write(&path, xes).unwrap();
    let outcome = test.run_with(&["conform", "--log", path.to_str().unwrap()]);
    failed_run(&outcome, "no trace names its case");
}

#[test]
fn a_branch_skipped_after_a_decision_nobody_logs_is_told_once() {
    // After the check, a decision nobody logs leads to the invoice (a contract on file)
    // or to drafting one. Case A went on to payment without the invoice: the invoice was
    // skipped, and the drafting, the other branch, was not due as well.
    let test = Test::copy_of("processes/sales-department");
    let mut log = String::from("case,activity,timestamp\n");
    let runs = [
        (
            "A",
            &["check-client", "payment-control", "release-order"][..],
        ),
        (
            "B",
            &[
                "check-client",
                "draft-contract",
                "sign-contract",
                "invoice",
                "payment-control",
                "release-order",
            ][..],
        ),
    ];
    for (case, steps) in runs {
        for (n, step) in steps.iter().enumerate() {
            log.push_str(&format!("{case},{step},2026-11-02T{:02}:00:00Z\n", 9 + n));
        }
    }
    let report = report(&conform(
        &test,
        &log,
        &["--format", "json", "--process", "contracting"],
    ));
    assert_eq!(
        report["processes"][0]["deviations"],
        json!([{ "kind": "skipped", "step": "payment-control", "missing": ["invoice"], "all": false, "cases": 1 }])
    );
}
