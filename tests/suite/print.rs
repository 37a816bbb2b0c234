//! `build --format pdf`: the handbook printed by a browser, its contents numbered from a
//! first print. A stand-in browser (a shell script that "prints" a fixture PDF and keeps
//! the page it was given) shows what raciflow asks of the browser and does with its PDF;
//! `.ci/run` prints the example with Chromium itself and checks every number.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::build::build;
use crate::harness::repo_path;

/// A stand-in browser in `dir` that writes `pdfs[k % len]` for its k-th print (fixtures of
/// tests/fixtures/print, made with pypdf) and keeps each page it printed as
/// `dir/printed-k.html`.
fn browser(dir: &Path, pdfs: &[&str]) -> PathBuf {
    let fixtures = repo_path("tests/fixtures/print");
    let choices: Vec<String> = pdfs
        .iter()
        .map(|pdf| format!("'{}'", fixtures.join(pdf).display()))
        .collect();
    let script = format!(
        r#"#!/bin/sh
set -e
k=$(ls '{dir}' | grep -c '^printed-' || true)
set -- "$@"
for arg; do
  case "$arg" in
    --print-to-pdf=*) out="${{arg#--print-to-pdf=}}" ;;
    file://*) page="${{arg#file://}}" ;;
  esac
done
cp "$page" '{dir}'/printed-$k.html
set -- {choices}
shift $((k % $#))
cp "$1" "$out"
"#,
        dir = dir.display(),
        choices = choices.join(" ")
    );
    let path = dir.join("browser");
    fs::write(&path, script).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The page column of a printed handbook's contents: each entry's anchor and number.
fn page_column(html: &str) -> Vec<(String, String)> {
    html.split("<tr><td class=\"code\">")
        .skip(1)
        .map(|row| {
            let anchor = row
                .split("href=\"#")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let page = row.split("<td class=\"page\">").nth(1).unwrap();
            let page = page.split("</td>").next().unwrap();
            (anchor.to_owned(), page.to_owned())
        })
        .collect()
}

#[test]
fn the_handbook_is_printed_again_with_the_page_each_part_starts_on() {
    let work = TempDir::new().unwrap();
    let browser = browser(work.path(), &["numbered.pdf"]);
    let out = work.path().join("pack");
    let model = repo_path("processes/quickstart");
    let browser = browser.display().to_string();
    let outcome = build(&model, &out, &["--format", "pdf", "--browser", &browser]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);

    // The first print has the page column, blank, so that the second lays out alike.
    let first = fs::read_to_string(work.path().join("printed-0.html")).unwrap();
    let second = fs::read_to_string(work.path().join("printed-1.html")).unwrap();
    assert!(first.contains("<th class=\"page\">Page</th>"), "{first}");
    let blank = page_column(&first);
    assert!(blank.len() > 3 && blank.iter().all(|(_, page)| page.is_empty()));
    // The second has the pages of the first print's destinations; the parts the PDF
    // has no destination for stay blank.
    let numbered = page_column(&second);
    let page_of = |anchor: &str| &numbered.iter().find(|(a, _)| a == anchor).unwrap().1;
    assert_eq!(
        (page_of("doc-1"), page_of("doc-2")),
        (&"3".into(), &"3".into())
    );
    assert_eq!(page_of("doc-3"), "");
    // The same numbers came back: two prints, no third.
    assert!(!work.path().join("printed-2.html").exists());

    // What is written is the browser's PDF without the time it was printed at.
    let pdf = fs::read(out.join("handbook.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("Handbook") && !text.contains("CreationDate"));
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        2,
        "handbook.pdf and the marker"
    );
}

#[test]
fn page_numbers_that_keep_moving_stop_the_build_after_three_prints() {
    let work = TempDir::new().unwrap();
    let browser = browser(work.path(), &["numbered.pdf", "moved.pdf"]);
    let out = work.path().join("pack");
    let browser = browser.display().to_string();
    let model = repo_path("processes/quickstart");
    let outcome = build(&model, &out, &["--format", "pdf", "--browser", &browser]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(
            "handbook.pdf: the contents' page numbers still moved the pages after 3 prints"
        ),
        "{}",
        outcome.stderr
    );
    assert!(
        work.path().join("printed-2.html").exists() && !work.path().join("printed-3.html").exists()
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_browser_that_fails_or_is_missing_fails_the_run_and_says_why() {
    let work = TempDir::new().unwrap();
    let failing = work.path().join("failing");
    fs::write(
        &failing,
        "#!/bin/sh\necho 'Missing X server or $DISPLAY' >&2\nexit 1\n",
    )
    .unwrap();
    fs::set_permissions(&failing, fs::Permissions::from_mode(0o755)).unwrap();
    let model = repo_path("processes/quickstart");
    let out = work.path().join("pack");
    let missing = work.path().join("no-such-browser");
    for (browser, says) in [
        (
            &failing,
            "printed no PDF (exit status: 1): Missing X server or $DISPLAY",
        ),
        (&missing, "no-such-browser was not found or cannot be run"),
    ] {
        let browser = browser.display().to_string();
        let outcome = build(
            &model,
            &out,
            &["--format", "html,pdf", "--browser", &browser],
        );
        assert_eq!(outcome.code, 2, "{}", outcome.stderr);
        assert!(outcome.stderr.contains(says), "{}", outcome.stderr);
        assert!(!out.exists(), "nothing is written, not even the HTML");
    }
}
