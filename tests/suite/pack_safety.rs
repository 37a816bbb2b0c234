//! What `build` may touch: only OUT, never through a link, and OUT always one whole pack,
//! whatever the model's ids say and wherever the build is stopped.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::build::{build, tree};
use crate::harness::{MANIFEST, Test, repo_path};

/// Every entry below `dir`, folders included, as relative paths.
fn entries(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            found.push(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() && !path.is_symlink() {
                pending.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A model whose ids are paths, device names and worse; it has errors, so only `--force`
/// builds it.
fn path_ids() -> Test {
    Test::new()
        .file("model.yaml", MANIFEST)
        .file(
            "roles.yaml",
            "roles:\n  - id: \"../../../../victim/evil\"\n    name: Evil\n  - id: con\n    name: Console\n  - id: \"/abs/role\"\n    name: Absolute\n",
        )
        .file(
            "artifacts.yaml",
            "artifacts:\n  - id: \"../../form\"\n    name: Form\n    kind: form\n    fields: [{ name: A }]\n",
        )
        .file(
            "processes.yaml",
            "processes:\n  - id: \"../../../proc\"\n    name: Proc\n    owner: con\n    steps:\n      - id: s\n        name: Do it\n        raci: { R: \"../../../../victim/evil\", A: con, C: [\"/abs/role\"] }\n        outputs: [\"../../form\"]\n",
        )
}

#[test]
fn ids_that_are_paths_never_reach_a_path_outside_out() {
    let model = path_ids();
    let sandbox = TempDir::new().unwrap();
    let out = sandbox.path().join("a/b/pack");
    let refused = build(model.root(), &out, &[]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("invalid-id"), "{}", refused.stderr);
    for _ in 0..2 {
        let outcome = build(model.root(), &out, &["--force"]);
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        // Everything the build left is inside OUT, and named safely.
        for entry in entries(sandbox.path()) {
            assert!(
                entry.starts_with("a/b/pack") || "a/b".starts_with(&entry),
                "{entry}"
            );
            assert!(!entry.contains(".."), "{entry}");
        }
    }
    let pack = entries(&out);
    assert!(!pack.iter().any(|e| e.ends_with("/con.html")), "{pack:?}");
    assert!(
        pack.iter()
            .any(|e| e.starts_with("roles/victimevil-") && e.ends_with(".html")),
        "{pack:?}"
    );
    assert!(
        pack.iter().any(|e| e.starts_with("processes/proc-")),
        "{pack:?}"
    );
    // The links inside the pack lead to those files.
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    let role = pack
        .iter()
        .find(|e| e.starts_with("roles/victimevil-"))
        .unwrap();
    assert!(index.contains(&format!("href=\"{role}\"")), "{role}");
}

#[test]
fn a_marker_entry_through_a_symlinked_folder_is_refused_and_nothing_is_deleted() {
    let sandbox = TempDir::new().unwrap();
    let elsewhere = TempDir::new().unwrap();
    fs::write(elsewhere.path().join("data.html"), "precious").unwrap();
    let out = sandbox.path().join("pack");
    let model = repo_path("processes/quickstart");
    assert_eq!(build(&model, &out, &[]).code, 0);
    std::os::unix::fs::symlink(elsewhere.path(), out.join("old")).unwrap();
    let marker = out.join(".raciflow-pack");
    let mut text = fs::read_to_string(&marker).unwrap();
    text.push_str("old/data.html\n");
    fs::write(&marker, text).unwrap();
    let outcome = build(&model, &out, &[]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("symbolic link"),
        "{}",
        outcome.stderr
    );
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("data.html")).unwrap(),
        "precious"
    );
}

#[test]
fn no_file_is_left_beside_out_whether_the_build_succeeds_or_is_refused() {
    let sandbox = TempDir::new().unwrap();
    let model = repo_path("processes/quickstart");
    assert_eq!(build(&model, &sandbox.path().join("pack"), &[]).code, 0);
    fs::create_dir(sandbox.path().join("mine")).unwrap();
    fs::write(sandbox.path().join("mine/notes.txt"), "mine").unwrap();
    let refused = build(&model, &sandbox.path().join("mine"), &[]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(
        entries(sandbox.path())
            .iter()
            .filter(|e| !e.contains('/'))
            .count(),
        2
    );
    assert_eq!(entries(&sandbox.path().join("mine")), ["notes.txt"]);
    // OUT's whole content is the pack and its marker: no lock, no staging.
    assert!(
        !entries(&sandbox.path().join("pack"))
            .iter()
            .any(|e| e.contains("raciflow-") && e != ".raciflow-pack"),
    );
}

#[test]
fn a_folder_of_the_model_is_refused_even_with_force() {
    let model = Test::copy_of("processes/quickstart");
    let out = model.root().join("processes");
    let outcome = build(model.root(), &out, &["--force"]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("is a folder of the model"),
        "{}",
        outcome.stderr
    );
    assert!(!out.join(".raciflow-pack").exists());
    let check = model.run_with(&["check"]);
    assert!(check.stdout.contains("2 processes"), "{}", check.stdout);
}

#[test]
fn a_refused_out_is_reported_before_the_model_is_read() {
    let sandbox = TempDir::new().unwrap();
    fs::write(sandbox.path().join("notes.txt"), "mine").unwrap();
    // Not even a model: the refusal of OUT comes first.
    let nowhere = TempDir::new().unwrap().path().join("no-such-model");
    let outcome = build(&nowhere, sandbox.path(), &[]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .contains("is not empty and is not a raciflow pack"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn an_os_error_is_named_once() {
    let model = Test::new().file("model.yaml", MANIFEST);
    let sandbox = TempDir::new().unwrap();
    fs::write(sandbox.path().join("file"), "").unwrap();
    let outcome = build(model.root(), &sandbox.path().join("file/pack"), &[]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert_eq!(
        outcome.stderr.matches("os error").count(),
        1,
        "{}",
        outcome.stderr
    );
}

/// OUT's pack files (staging aside), with bytes.
fn pack_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(out)
        .into_iter()
        .filter(|(name, _)| !name.starts_with(".raciflow-staging"))
        .collect()
}

/// How many times the build is killed, at as many moments.
const KILLS: u32 = 16;

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_pack_or_one_the_next_build_restores() {
    let model = TempDir::new().unwrap();
    crate::generated::generate(model.path(), 20);
    let sandbox = TempDir::new().unwrap();
    let out = sandbox.path().join("pack");
    let build_in = |lang: &str| build(model.path(), &out, &["--lang", lang]);
    assert_eq!(build_in("ru").code, 0);
    let new = pack_files(&out);
    assert_eq!(build_in("en").code, 0);
    let old = pack_files(&out);
    assert_ne!(old, new);
    let journal = out.join(".raciflow-staging/journal");
    let (mut whole, mut restored) = (0, 0);
    for step in 0..KILLS {
        // The journal appears just before the first rename: wait for it, then let the
        // swap run a little longer each time before the kill.
        let delay = Duration::from_micros(100 * u64::from(step));
        let mut child = Command::new(env!("CARGO_BIN_EXE_raciflow"))
            .args(["build", "--lang", "ru", "--out"])
            .arg(&out)
            .arg(model.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while !journal.exists() && start.elapsed() < Duration::from_secs(60) {
            std::hint::spin_loop();
        }
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = pack_files(&out);
        if now == old || now == new {
            whole += 1;
        } else {
            assert!(
                out.join(".raciflow-staging/journal").exists(),
                "killed after {delay:?}: a mixed pack and no journal to roll it back"
            );
            restored += 1;
        }
        assert_eq!(
            build_in("en").code,
            0,
            "the build after a kill at {delay:?}"
        );
        assert_eq!(pack_files(&out), old);
        assert!(!out.join(".raciflow-staging").exists());
    }
    assert_eq!(whole + restored, KILLS);
    assert!(restored > 0, "no kill landed inside the swap");
    eprintln!("{whole} kills left a whole pack, {restored} a swap the next build rolled back");
    assert_eq!(
        entries(sandbox.path())
            .iter()
            .filter(|e| !e.contains('/'))
            .count(),
        1
    );
}

/// A tmpfs mounted for a test, unmounted when dropped.
struct Mount(std::path::PathBuf);

impl Mount {
    /// Mounts a tmpfs of `size` at `at`, or says why it cannot (not root, no mount
    /// namespace).
    fn tmpfs(at: &Path, size: &str) -> Result<Mount, String> {
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size}"),
                "raciflow-test",
            ])
            .arg(at)
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| e.to_string())?;
        if status.status.success() {
            Ok(Mount(at.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&status.stderr).into_owned())
        }
    }
}

impl Mount {
    /// The mount, or `None` after saying why the test is skipped. Only root may mount; CI
    /// runs as root, so there these tests run in full.
    fn tmpfs_or_skip(at: &Path, size: &str) -> Option<Mount> {
        Mount::tmpfs(at, size)
            .map_err(|why| eprintln!("skipped: cannot mount a tmpfs here: {why}"))
            .ok()
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_mount_point_can_be_the_output_folder() {
    let sandbox = TempDir::new().unwrap();
    let volume = sandbox.path().join("volume");
    fs::create_dir(&volume).unwrap();
    let Some(_mount) = Mount::tmpfs_or_skip(&volume, "64m") else {
        return;
    };
    let model = repo_path("processes/quickstart");
    for lang in ["en", "ru"] {
        let outcome = build(&model, &volume, &["--lang", lang]);
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    }
    let index = fs::read_to_string(volume.join("index.html")).unwrap();
    assert!(index.contains("lang=\"ru\""));
    assert_eq!(
        entries(sandbox.path())
            .iter()
            .filter(|e| !e.contains('/'))
            .count(),
        1
    );
}

#[test]
fn hidden_characters_are_pointed_at_and_never_written_raw() {
    let model = Test::new()
        .file("model.yaml", MANIFEST)
        .file(
            "roles.yaml",
            "roles:\n  - id: clerk\n    name: \"Cl\\u200Berk \\e]0;pwned\\a \\u202Etxt.exe\"\n  - id: boss\n    name: \"Bo\u{2066}ss\"\n",
        )
        .file(
            "processes.yaml",
            "processes:\n  - id: p\n    name: P\n    owner: boss\n    steps:\n      - id: s\n        name: \"Do \\0 it\"\n        raci: { R: clerk, A: boss }\n",
        );
    let check = model.run_with(&["check"]);
    assert_eq!(
        check.stdout.matches("warning[hidden-character]").count(),
        6,
        "{}",
        check.stdout
    );
    assert!(
        !check.stdout.contains('\u{1b}'),
        "the terminal got an escape"
    );
    let sandbox = TempDir::new().unwrap();
    let out = sandbox.path().join("pack");
    let outcome = build(model.root(), &out, &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(!outcome.stderr.contains('\u{1b}'));
    let mut text_files = 0;
    for (name, bytes) in tree(&out) {
        if let Ok(text) = String::from_utf8(bytes) {
            text_files += 1;
            let raw: Vec<char> = text
                .chars()
                .skip_while(|&c| c == '\u{feff}')
                .filter(|&c| raciflow::hidden::is_hidden(c))
                .collect();
            assert!(raw.is_empty(), "{name} carries {raw:?}");
        }
    }
    assert!(text_files > 10);
}

#[test]
fn a_link_where_the_old_lock_file_was_is_never_followed() {
    let sandbox = TempDir::new().unwrap();
    let victim = sandbox.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, sandbox.path().join(".pack.raciflow-lock")).unwrap();
    std::os::unix::fs::symlink(&victim, sandbox.path().join(".pack.raciflow-staging")).unwrap();
    let outcome = build(
        &repo_path("processes/quickstart"),
        &sandbox.path().join("pack"),
        &[],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn a_name_longer_than_a_cell_is_warned_about_and_still_built() {
    let long = "Менеджер ".repeat(4_500);
    let model = Test::copy_of("processes/quickstart");
    let roles = fs::read_to_string(model.root().join("roles.yaml")).unwrap();
    let model = model.file(
        "roles.yaml",
        roles.replacen(
            "name: Sales Representative",
            &format!("name: \"{long}\""),
            1,
        ),
    );
    let check = model.run_with(&["check"]);
    assert!(
        check.stdout.contains("warning[doc/long-name]"),
        "{}",
        check.stdout
    );
    let sandbox = TempDir::new().unwrap();
    let outcome = build(model.root(), &sandbox.path().join("pack"), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(sandbox.path().join("pack/raci.xlsx").exists());
}

#[test]
fn counts_are_said_in_words_that_agree() {
    let sandbox = TempDir::new().unwrap();
    let out = sandbox.path().join("pack");
    let model = repo_path("processes/quickstart");
    let one = build(&model, &out, &["--format", "json"]);
    assert!(one.stderr.contains("wrote 1 file to"), "{}", one.stderr);
    let html = build(&model, &out, &["--format", "html"]);
    assert!(
        html.stderr
            .contains("and removed 1 file of the previous build that this one does not write"),
        "{}",
        html.stderr
    );
}

#[test]
fn a_full_disk_leaves_the_previous_pack_whole() {
    let sandbox = TempDir::new().unwrap();
    let volume = sandbox.path().join("volume");
    fs::create_dir(&volume).unwrap();
    let Some(_mount) = Mount::tmpfs_or_skip(&volume, "160k") else {
        return;
    };
    let model = repo_path("processes/quickstart");
    let small = build(&model, &volume, &["--format", "md"]);
    assert_eq!(small.code, 0, "{}", small.stderr);
    let before = pack_files(&volume);
    // Every format does not fit in 160 KiB: the staging runs out of room.
    let full = build(
        &model,
        &volume,
        &["--format", "html,md,csv,xlsx,json,svg,mmd,dot,bpmn"],
    );
    assert_eq!(full.code, 2, "{}", full.stderr);
    assert!(full.stderr.contains("No space left"), "{}", full.stderr);
    assert_eq!(pack_files(&volume), before);
    assert!(!volume.join(".raciflow-staging").exists());
}
