//! How fast `raciflow conform` replays a CRM's log: a million events of the example's
//! cold-calling process (random walks through its flow, two neighbouring events swapped
//! in a third of the cases), replayed by the binary under GNU time, median of 3. With
//! `PM4PY_PYTHON` naming a Python that has pm4py, the same log is replayed by pm4py's
//! token-based replay too, and the bench prints how many times faster raciflow is.
//!
//! Run with `cargo bench --bench conform` (Linux: it needs GNU time at `/usr/bin/time`).

// The bench writes its log into a temporary folder and runs the binary.
#![allow(clippy::disallowed_methods)]

mod measure;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use raciflow::model::StepKind;
use raciflow::resolve::{Process, Target};

const EXAMPLE: &str = "processes/sales-department";
const PROCESS: &str = "cold-calling";
const EVENTS: usize = 1_000_000;

fn main() {
    let checked = raciflow::check_model(Path::new(EXAMPLE)).expect("the example loads");
    let process = checked
        .model
        .processes
        .iter()
        .find(|p| p.id == PROCESS)
        .expect("the example's cold-calling process");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = dir.path().join("log.csv");
    let xes = dir.path().join("log.xes");
    let events = write_log(process, &log, &xes);
    let log_arg = log.to_str().expect("a UTF-8 path");
    let args = [
        "conform",
        EXAMPLE,
        "--log",
        log_arg,
        "--process",
        PROCESS,
        "--format",
        "json",
    ];
    let ours = measure::median(3, &args);
    assert_eq!(ours.code, 0, "conform failed");
    println!("conform, {events} events of the example's `{PROCESS}` (2 cores)");
    println!(
        "  raciflow: {:.2} s wall, {:.2} s CPU, peak {:.0} MB: {:.1} million events a second",
        ours.wall,
        ours.cpu,
        ours.peak / 1e6,
        events as f64 / ours.wall / 1e6
    );
    let xes_arg = xes.to_str().expect("a UTF-8 path");
    let from_xes = measure::median(3, &args.map(|a| if a == log_arg { xes_arg } else { a }));
    assert_eq!(from_xes.code, 0, "conform failed on the XES log");
    println!(
        "  raciflow, the same log as XES: {:.2} s wall, peak {:.0} MB",
        from_xes.wall,
        from_xes.peak / 1e6
    );
    let Ok(python) = std::env::var("PM4PY_PYTHON") else {
        println!("  pm4py: set PM4PY_PYTHON to a Python with pm4py to compare");
        return;
    };
    let bpmn = dir.path().join("process.bpmn");
    let map = Command::new(env!("CARGO_BIN_EXE_raciflow"))
        .args(["graph", EXAMPLE, "--process", PROCESS, "--format", "bpmn"])
        .output()
        .expect("raciflow graph");
    std::fs::write(&bpmn, map.stdout).expect("write the map");
    let theirs = Command::new(python)
        .arg("tests/interop/pm4py_replay_time.py")
        .arg(&bpmn)
        .arg(&log)
        .stderr(std::process::Stdio::null())
        .output()
        .expect("pm4py");
    let line = String::from_utf8_lossy(&theirs.stdout);
    let line = line.lines().last().unwrap_or_default();
    let total: f64 = line
        .split_whitespace()
        .skip_while(|word| *word != "total")
        .nth(1)
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("pm4py printed `{line}`"));
    println!("  pm4py: {line} (seconds)");
    println!(
        "  raciflow is {:.1}× faster, reading included",
        total / ours.wall
    );
}

/// Writes at least `EVENTS` events of random walks through `process` to `path` as CSV and
/// to `xes` as XES, a third of the cases with two neighbouring events swapped; returns
/// how many.
fn write_log(process: &Process, path: &Path, xes: &Path) -> usize {
    // A fixed linear congruential generator: the same log on every run.
    let mut seed: u64 = 14;
    let mut random = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let mut text = String::from("case,activity,timestamp,resource\n");
    let mut traces = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1849-2016\" xmlns=\"http://www.xes-standard.org/\">\n",
    );
    let (mut events, mut case) = (0, 0);
    while events < EVENTS {
        let mut names: Vec<&str> = Vec::new();
        let mut at = process.start;
        while let Some(step) = at.map(|s| &process.steps[s]) {
            // A decision is a gateway of the map: no CRM records it.
            if step.kind != StepKind::Decision {
                names.push(&step.name);
            }
            at = match step.next.get(random(step.next.len().max(1))) {
                Some(edge) => match edge.to {
                    Target::Step(next) => Some(next),
                    Target::End => None,
                },
                None => None,
            };
        }
        if random(3) == 0 && names.len() > 2 {
            let i = random(names.len() - 1);
            names.swap(i, i + 1);
        }
        let _ = write!(
            traces,
            "<trace><string key=\"concept:name\" value=\"c{case}\"/>"
        );
        for (n, name) in names.iter().enumerate() {
            let time = format!(
                "2026-11-{:02}T{:02}:{:02}:00Z",
                1 + case % 28,
                9 + n / 60,
                n % 60
            );
            let _ = writeln!(text, "c{case},\"{name}\",{time},e{}", case % 40);
            let _ = writeln!(
                traces,
                "<event><string key=\"concept:name\" value=\"{name}\"/><date key=\"time:timestamp\" value=\"{time}\"/><string key=\"org:resource\" value=\"e{}\"/></event>",
                case % 40
            );
        }
        traces.push_str("</trace>\n");
        events += names.len();
        case += 1;
    }
    std::fs::write(path, text).expect("write the log");
    traces.push_str("</log>\n");
    std::fs::write(xes, traces).expect("write the XES log");
    events
}
