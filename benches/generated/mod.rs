//! The generated models the benches measure: processes of 20 steps each, with decisions,
//! loops and hand-offs between processes, and roles with indicators.

// The generator writes its models to a temporary folder; the rule is for the library.
#![allow(clippy::disallowed_methods)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Steps per generated process.
pub const STEPS: usize = 20;
/// The roles of the models `generate` writes.
const ROLES: usize = 10;
/// The roles of one department; their head belongs to none.
const ROLES_PER_DEPARTMENT: usize = 10;

/// Writes a model of `processes` processes and 10 roles into `dir`, one file per process.
pub fn generate(dir: &Path, processes: usize) {
    generate_shaped(dir, processes, ROLES, 1);
}

/// Writes a model of `processes` processes and `roles` roles (besides their head) into
/// `dir`: the roles, documents and indicators in `model.yaml`, and the processes
/// `per_file` to a file under `processes/`, as a team splits a company's model by
/// department.
pub fn generate_shaped(dir: &Path, processes: usize, roles: usize, per_file: usize) {
    let mut head = String::from(
        "model: { id: generated, name: Generated }\nroles:\n  - { id: boss, name: Boss }\n",
    );
    for r in 0..roles {
        writeln!(
            head,
            "  - {{ id: role{r}, name: Role {r}, department: Department {}, reports_to: boss }}",
            r / ROLES_PER_DEPARTMENT
        )
        .unwrap();
    }
    head.push_str("artifacts:\n  - { id: brief, name: Brief, external: true }\n");
    for p in 0..processes {
        writeln!(head, "  - {{ id: handoff{p}, name: Hand-off {p} }}").unwrap();
        for s in 0..STEPS {
            writeln!(head, "  - {{ id: doc{p}-{s}, name: Document {p}-{s} }}").unwrap();
        }
    }
    head.push_str("kpis:\n");
    for r in 0..roles {
        writeln!(head, "  - {{ id: kpi{r}, name: Indicator {r}, role: role{r}, target: 10, measured_by: handoff0 }}").unwrap();
    }
    writeln!(
        head,
        "  - {{ id: kpi-boss, name: Indicator, role: boss, target: 10, measured_by: handoff0 }}"
    )
    .unwrap();
    std::fs::write(dir.join("model.yaml"), head).unwrap();
    std::fs::create_dir_all(dir.join("processes")).unwrap();
    let per_file = per_file.max(1);
    for first in (0..processes).step_by(per_file) {
        let mut yaml = String::from("processes:\n");
        for p in first..(first + per_file).min(processes) {
            process(&mut yaml, p, processes, roles);
        }
        std::fs::write(dir.join(format!("processes/p{first:05}.yaml")), yaml).unwrap();
    }
}

/// Process `p` of `processes`, its steps performed in turn by the `roles`.
fn process(yaml: &mut String, p: usize, processes: usize, roles: usize) {
    write!(
        yaml,
        "  - id: p{p}\n    name: Process {p}\n    owner: boss\n    defaults: {{ A: boss }}\n"
    )
    .unwrap();
    yaml.push_str("    inputs:\n      - { artifact: brief }\n");
    if p > 0 {
        writeln!(
            yaml,
            "      - {{ artifact: handoff{}, from: p{} }}",
            p - 1,
            p - 1
        )
        .unwrap();
    }
    writeln!(
        yaml,
        "    outputs:\n      - {{ artifact: handoff{p}{} }}",
        if p + 1 < processes {
            format!(", to: [p{}]", p + 1)
        } else {
            String::new()
        }
    )
    .unwrap();
    yaml.push_str("    steps:\n");
    for s in 0..STEPS {
        let role = (p + s) % roles.max(1);
        let input = if s == 0 {
            "brief".to_owned()
        } else {
            format!("doc{p}-{}", s - 1)
        };
        let outputs = if s == STEPS - 1 {
            format!("[handoff{p}]")
        } else {
            format!("[doc{p}-{s}]")
        };
        if s % 5 == 4 {
            writeln!(
                yaml,
                "      - {{ id: s{s}, name: Check {s}, kind: decision, raci: {{ R: role{role} }}, inputs: [{input}], outputs: {outputs}, next: [{{ to: s{}, when: Redo }}, {{ to: {}, when: Done }}] }}",
                s - 2,
                if s + 1 < STEPS { format!("s{}", s + 1) } else { "end".to_owned() }
            )
            .unwrap();
        } else {
            let next = if s + 1 < STEPS {
                format!(", next: s{}", s + 1)
            } else {
                String::new()
            };
            writeln!(yaml, "      - {{ id: s{s}, name: Step {s}, raci: {{ R: role{role} }}, inputs: [{input}], outputs: {outputs}, effort: 10m, volume: 5/day{next} }}").unwrap();
        }
    }
}

/// The median of some timings.
fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Measures `measure` on generated models of 10, 200 and 2,000 processes and prints the
/// median per size and per step, so that linear growth shows as a flat per-step column,
/// then the ratio of the per-step times of the two largest sizes. `prepare` turns a model
/// folder into what `measure` works on (untimed); `measure` returns the text printed
/// after the times (its result's size).
pub fn scale<T>(
    columns: &str,
    runs: [usize; 3],
    mut prepare: impl FnMut(&Path) -> T,
    mut measure: impl FnMut(&T) -> String,
) {
    println!("processes   steps      median      per step  {columns}");
    let mut per_step = Vec::new();
    for (processes, runs) in [10, 200, 2000].into_iter().zip(runs) {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), processes);
        let input = prepare(dir.path());
        let mut samples = Vec::new();
        let mut result = String::new();
        for _ in 0..runs {
            let started = Instant::now();
            result = measure(&input);
            samples.push(started.elapsed());
        }
        let median = median(samples);
        let steps = processes * STEPS;
        let micros = median.as_secs_f64() * 1e6 / steps as f64;
        per_step.push(micros);
        println!(
            "{processes:>9}  {steps:>6}  {:>8.1}ms  {:>10.2}µs  {result}",
            median.as_secs_f64() * 1e3,
            micros
        );
    }
    println!(
        "time per step, 2,000 vs 200 processes: {:.2}×",
        per_step[2] / per_step[1]
    );
}

/// Copies the folder `from` into `to` (a model of the repository into a temporary folder):
/// for the benches and the tests that edit a copy. Not every bench copies a model.
#[allow(dead_code)]
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read the folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("create");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
