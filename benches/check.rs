//! How `check` scales: generated models of 10, 200 and 2,000 processes of 20 steps each
//! (with decisions, loops and hand-offs between processes), checked by every rule.
//!
//! Run with `cargo bench --bench check`. Prints the median of several runs per size and
//! the time per step, so that linear growth shows as a flat last column.

mod generated;

use std::time::Instant;

use generated::{STEPS, generate, median};

fn main() {
    println!("processes   steps      median      per step  findings");
    let mut per_step = Vec::new();
    for processes in [10, 200, 2000] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), processes);
        let runs = if processes >= 2000 { 5 } else { 11 };
        let mut samples = Vec::new();
        let mut findings = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let checked = raciflow::check_model(dir.path()).expect("generated model loads");
            samples.push(started.elapsed());
            findings = checked.report.diagnostics.len();
        }
        let median = median(samples);
        let steps = processes * STEPS;
        let micros = median.as_secs_f64() * 1e6 / steps as f64;
        per_step.push(micros);
        println!(
            "{processes:>9}  {steps:>6}  {:>8.1}ms  {:>10.2}µs  {findings}",
            median.as_secs_f64() * 1e3,
            micros
        );
    }
    println!(
        "time per step, 2,000 vs 200 processes: {:.2}×",
        per_step[2] / per_step[1]
    );
}
