//! How `build` scales: the pack of generated models of 10, 200 and 2,000 processes,
//! rendered in memory in every format (views, templates, CSV, XLSX, JSON), after the check.
//!
//! Run with `cargo bench --bench build`. Prints the median per size and the time per step.

mod generated;

use std::collections::BTreeSet;
use std::time::Instant;

use generated::{STEPS, generate, median};
use raciflow::model::Language;
use raciflow::render::{Format, Options, Overrides};

fn main() {
    println!("processes   steps      median      per step   files      bytes");
    let mut per_step = Vec::new();
    let options = Options {
        language: Language::Ru,
        formats: Format::ALL.into_iter().collect::<BTreeSet<_>>(),
        overrides: Overrides::default(),
    };
    for processes in [10, 200, 2000] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), processes);
        let checked = raciflow::check_model(dir.path()).expect("generated model loads");
        let runs = if processes >= 2000 { 3 } else { 7 };
        let mut samples = Vec::new();
        let (mut files, mut bytes) = (0, 0);
        for _ in 0..runs {
            let started = Instant::now();
            let pack = raciflow::render_pack(&checked, &options).expect("pack renders");
            samples.push(started.elapsed());
            files = pack.len();
            bytes = pack.iter().map(|f| f.bytes.len()).sum::<usize>();
        }
        let median = median(samples);
        let steps = processes * STEPS;
        let micros = median.as_secs_f64() * 1e6 / steps as f64;
        per_step.push(micros);
        println!(
            "{processes:>9}  {steps:>6}  {:>8.1}ms  {:>10.2}µs  {files:>6}  {bytes:>9}",
            median.as_secs_f64() * 1e3,
            micros
        );
    }
    println!(
        "time per step, 2,000 vs 200 processes: {:.2}×",
        per_step[2] / per_step[1]
    );
}
