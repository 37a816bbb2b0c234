//! The figures of a whole company's model, as a user meets them: `raciflow check` and
//! `raciflow build` run as programs on generated models of 200 and 2,000 processes (20
//! steps each, 25 processes a file) with 50 and 500 roles, each under `/usr/bin/time` for
//! its wall time and peak memory. Prints the medians and the ratios issue 14 sets goals
//! for: check's wall time and peak against the input, its growth from 200 to 2,000
//! processes, build's time against check's, build's peak and `model.json` against the
//! input, and whether the 500-role model builds at all.
//!
//! Run with `cargo bench --bench scale` (Linux: it needs GNU time at `/usr/bin/time`).

// The bench writes models and packs into temporary folders and runs the binary.
#![allow(clippy::disallowed_methods)]

// Only the generator is used here; the timing helpers are the in-process benches'.
#[allow(dead_code)]
mod generated;
mod measure;

use measure::{Run, median, run};

use std::path::Path;

/// Processes per file, as a team splits a company's model.
const PER_FILE: usize = 25;

/// The bytes of the files under `dir`.
fn size(dir: &Path) -> f64 {
    std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry").path())
        .map(|p| {
            if p.is_dir() {
                size(&p)
            } else {
                p.metadata().expect("a file").len() as f64
            }
        })
        .sum()
}

/// A generated model in a temporary folder, and its size.
fn model(processes: usize, roles: usize) -> (tempfile::TempDir, f64) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    generated::generate_shaped(dir.path(), processes, roles, PER_FILE);
    let bytes = size(dir.path());
    (dir, bytes)
}

fn mb(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

fn main() {
    println!(
        "machine: {} cores; medians of the runs noted; peak = maximum resident set",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<34} {:>6} {:>9} {:>9} {:>10} {:>7}",
        "run", "runs", "wall", "CPU", "peak", "exit"
    );
    let show = |name: &str, runs: usize, r: &Run| {
        println!(
            "{name:<34} {runs:>6} {:>8.2}s {:>8.2}s {:>10} {:>7}",
            r.wall,
            r.cpu,
            mb(r.peak),
            r.code
        );
    };
    let mut checks = Vec::new();
    for processes in [200, 2000] {
        let (dir, input) = model(processes, 50);
        let root = dir.path().to_str().expect("a UTF-8 path");
        let runs = if processes == 200 { 7 } else { 5 };
        let check = median(runs, &["check", root]);
        show(
            &format!("check, {processes} processes, 50 roles"),
            runs,
            &check,
        );
        checks.push((processes, input, check));
    }
    let (processes, input, check) = checks[1];
    let (dir, _) = model(processes, 50);
    let root = dir.path().to_str().expect("a UTF-8 path");
    let out = tempfile::tempdir().expect("a temporary folder");
    let pack = out.path().join("pack");
    let pack_arg = pack.to_str().expect("a UTF-8 path");
    let build = median(3, &["build", root, "--out", pack_arg]);
    show("build, 2000 processes, 50 roles", 3, &build);
    let json = pack
        .join("model.json")
        .metadata()
        .map_or(0.0, |m| m.len() as f64);
    let written = if pack.exists() { size(&pack) } else { 0.0 };
    let (wide, _) = model(2000, 500);
    let wide_root = wide.path().to_str().expect("a UTF-8 path");
    let wide_pack = out.path().join("wide");
    let wide_build = run(&[
        "build",
        wide_root,
        "--out",
        wide_pack.to_str().expect("a UTF-8 path"),
    ]);
    show("build, 2000 processes, 500 roles", 1, &wide_build);
    let (small, _, small_check) = checks[0];
    println!();
    println!(
        "input: {} of YAML in {} files",
        mb(input),
        1 + processes.div_ceil(PER_FILE)
    );
    println!("{:<52} {:>12} {:>12}", "figure (issue 14)", "now", "goal");
    let row = |figure: &str, now: String, goal: &str| println!("{figure:<52} {now:>12} {goal:>12}");
    row(
        "check 2,000: wall",
        format!("{:.2} s", check.wall),
        "≤ 0.6 s",
    );
    row(
        "check 2,000: CPU / wall",
        format!("{:.2}", check.cpu / check.wall),
        "> 1",
    );
    row(
        "check 2,000: peak / input",
        format!("{:.1}×", check.peak / input),
        "≤ 5×",
    );
    row(
        &format!("check: time per step, {processes} vs {small} processes"),
        format!(
            "{:.2}×",
            (check.wall / processes as f64) / (small_check.wall / small as f64)
        ),
        "≈ 1×",
    );
    row(
        "build 2,000 / check 2,000: wall",
        format!("{:.1}×", build.wall / check.wall),
        "≤ 3×",
    );
    row(
        "build 2,000: peak / input",
        format!("{:.1}×", build.peak / input),
        "≤ 5× + page",
    );
    row(
        "build 2,000: model.json / input",
        format!("{:.1}×", json / input),
        "≤ 2×",
    );
    row("build 2,000: written", mb(written), "");
    row(
        "build 2,000 processes, 500 roles",
        if wide_build.code == 0 {
            "builds".to_owned()
        } else {
            format!("exit {}", wide_build.code)
        },
        "builds",
    );
}
