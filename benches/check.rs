//! How `check` scales: generated models of 10, 200 and 2,000 processes of 20 steps each
//! (with decisions, loops and hand-offs between processes), checked by every rule.
//!
//! Run with `cargo bench --bench check`. Prints the median of several runs per size and
//! the time per step, so that linear growth shows as a flat per-step column.

mod generated;

use std::path::{Path, PathBuf};

fn main() {
    generated::scale(
        "findings",
        [11, 11, 5],
        Path::to_path_buf,
        |dir: &PathBuf| {
            let checked = raciflow::check_model(dir).expect("generated model loads");
            checked.report.diagnostics.len().to_string()
        },
    );
}
