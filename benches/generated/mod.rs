//! The generated models both benches measure: `processes` processes of 20 steps each,
//! with decisions, loops and hand-offs between processes, 10 roles with indicators.

// The generator writes its models to a temporary folder; the rule is for the library.
#![allow(clippy::disallowed_methods)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// Steps per generated process.
pub const STEPS: usize = 20;
const ROLES: usize = 10;

/// Writes a model of `processes` processes into `dir`, one file per process.
pub fn generate(dir: &Path, processes: usize) {
    let mut head = String::from(
        "model: { id: generated, name: Generated }\nroles:\n  - { id: boss, name: Boss }\n",
    );
    for r in 0..ROLES {
        writeln!(
            head,
            "  - {{ id: role{r}, name: Role {r}, reports_to: boss }}"
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
    for r in 0..ROLES {
        writeln!(head, "  - {{ id: kpi{r}, name: Indicator {r}, role: role{r}, target: 10, measured_by: handoff0 }}").unwrap();
    }
    writeln!(
        head,
        "  - {{ id: kpi-boss, name: Indicator, role: boss, target: 10, measured_by: handoff0 }}"
    )
    .unwrap();
    std::fs::write(dir.join("model.yaml"), head).unwrap();
    std::fs::create_dir_all(dir.join("processes")).unwrap();
    for p in 0..processes {
        let mut yaml = format!(
            "processes:\n  - id: p{p}\n    name: Process {p}\n    owner: boss\n    defaults: {{ A: boss }}\n"
        );
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
            let role = (p + s) % ROLES;
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
        std::fs::write(dir.join(format!("processes/p{p:05}.yaml")), yaml).unwrap();
    }
}

/// The median of some timings.
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}
