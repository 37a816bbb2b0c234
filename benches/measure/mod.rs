//! Running the binary as a user does, under GNU time, for its wall time, CPU time and
//! peak memory: the benches that measure whole commands share it.

use std::process::Command;

/// One run of the binary: wall and CPU seconds, peak memory in bytes, and its exit code.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub wall: f64,
    pub cpu: f64,
    pub peak: f64,
    pub code: i32,
}

/// Runs `raciflow ARGS` under GNU time.
pub fn run(args: &[&str]) -> Run {
    let report = tempfile::NamedTempFile::new().expect("a temporary file");
    let status = Command::new("/usr/bin/time")
        .args(["-f", "%e %U %S %M", "-o"])
        .arg(report.path())
        .arg(env!("CARGO_BIN_EXE_raciflow"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("GNU time at /usr/bin/time");
    let text = std::fs::read_to_string(report.path()).expect("time's report");
    // A failed command's report starts with a line saying so; the figures are the last.
    let figures: Vec<f64> = text
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let [wall, user, system, kilobytes] = figures[..] else {
        panic!("GNU time reported `{text}`");
    };
    Run {
        wall,
        cpu: user + system,
        peak: kilobytes * 1024.0,
        code: status.code().unwrap_or(-1),
    }
}

/// The run of median wall time among `runs` runs of `raciflow ARGS`.
pub fn median(runs: usize, args: &[&str]) -> Run {
    let mut all: Vec<Run> = (0..runs).map(|_| run(args)).collect();
    all.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    all[all.len() / 2]
}
