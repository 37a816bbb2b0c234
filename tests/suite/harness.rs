//! A small builder that makes each integration test read like a specification: a model
//! written file by file, the command, and what it must print and exit with.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

/// A model in a temporary folder, and a command to run on it.
pub struct Test {
    dir: TempDir,
    args: Vec<String>,
}

/// What a run printed and how it exited.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The model root, as passed on the command line.
    pub root: PathBuf,
}

/// The minimal valid manifest, for tests about other files.
pub const MANIFEST: &str = "model:\n  id: test\n  name: Test model\n";

impl Test {
    /// An empty model folder.
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().expect("temporary folder"),
            args: Vec::new(),
        }
    }

    /// A folder holding a copy of a model from the repository.
    pub fn copy_of(relative: &str) -> Test {
        let test = Test::new();
        crate::generated::copy_dir(&repo_path(relative), test.dir.path());
        test
    }

    /// Writes a file below the model root.
    #[track_caller]
    pub fn file(self, path: &str, content: impl AsRef<[u8]>) -> Test {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("create folder");
        std::fs::write(full, content).expect("write fixture file");
        self
    }

    /// The model root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The command's arguments; the model root is appended.
    pub fn args(mut self, args: &[&str]) -> Test {
        self.args = args.iter().map(|a| a.to_string()).collect();
        self
    }

    /// Runs the command with the model root as its last argument.
    pub fn run(&self) -> Outcome {
        let mut args = self.args.clone();
        args.push(self.dir.path().display().to_string());
        run_raciflow(&args, self.dir.path())
    }

    /// Runs a command with the model root as its last argument.
    pub fn run_with(&self, args: &[&str]) -> Outcome {
        Test::run_args(args, self.dir.path())
    }

    /// Runs `check --format json` and returns the parsed report.
    #[track_caller]
    pub fn check_json(&self) -> (i32, Value) {
        let outcome = Test::run_args(&["check", "--format", "json"], self.dir.path());
        let report = serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| {
            panic!(
                "check printed no JSON ({e}):\n{}\n{}",
                outcome.stdout, outcome.stderr
            )
        });
        (outcome.code, report)
    }

    fn run_args(args: &[&str], root: &Path) -> Outcome {
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(root.display().to_string());
        run_raciflow(&args, root)
    }
}

/// Runs the binary with arguments.
pub fn run_raciflow(args: &[String], root: &Path) -> Outcome {
    run_in(Path::new("."), args, root)
}

/// Every view of the model at `root` as the templates receive it (`build --dump-context`,
/// with `extra` arguments such as `--lang en`): what the documents show, for tests that
/// look past the files at what made them.
pub fn views(root: &Path, extra: &[&str]) -> Value {
    let mut args: Vec<String> = vec!["build".into(), "--dump-context".into()];
    args.extend(extra.iter().map(|a| a.to_string()));
    args.push(root.display().to_string());
    let outcome = run_raciflow(&args, root);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let context: Value = serde_json::from_str(&outcome.stdout).expect("the context parses");
    context["pack"].clone()
}

/// Runs the binary with arguments in the folder `cwd`.
pub fn run_in(cwd: &Path, args: &[String], root: &Path) -> Outcome {
    let output = Command::new(env!("CARGO_BIN_EXE_raciflow"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run raciflow");
    Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        root: root.to_path_buf(),
    }
}

impl Outcome {
    /// The output with the temporary model root replaced by `MODEL`, for snapshots.
    pub fn stdout_redacted(&self) -> String {
        self.stdout
            .replace(&self.root.display().to_string(), "MODEL")
    }
}

/// A path inside the repository.
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// One diagnostic of a JSON report, reduced to what tests compare:
/// `severity[rule] file:line:column`, with the file relative to the model root.
pub fn brief(report: &Value, root: &Path) -> Vec<String> {
    let root = format!("{}/", root.display());
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            format!(
                "{}[{}] {}:{}:{}",
                d["severity"].as_str().unwrap_or("?"),
                d["rule"].as_str().unwrap_or("?"),
                d["file"].as_str().unwrap_or("?").trim_start_matches(&root),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

/// Asserts that no element id is given twice in `html`: a page of several maps prefixes
/// each map's ids.
pub fn assert_ids_unique(html: &str) {
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "an id repeats");
}
