//! `raciflow serve`: the live preview, driven as a browser would drive it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use raciflow::BuildRequest;
use raciflow::render::{Format, Memo, OutputFile};

use crate::harness::Test;

/// The preview, stopped when the test ends however it ends.
struct Running {
    child: Child,
    address: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(test: &Test) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_raciflow"))
        .args(["serve", "--port", "0"])
        .arg(test.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("serve ended before it served").unwrap();
        if let Some(at) = line.find("http://") {
            let rest = &line[at + "http://".len()..];
            break rest[..rest.find('/').unwrap()].to_owned();
        }
    };
    // Keep reading its log, so that it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Running { child, address }
}

/// A GET of `path`: the status line and the body.
fn get(address: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let response = String::from_utf8_lossy(&bytes);
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

/// Reads the event stream until `wanted` arrives.
fn wait_for(stream: &mut TcpStream, wanted: &str) {
    let mut seen = String::new();
    let mut buffer = [0; 1024];
    while !seen.contains(wanted) {
        let n = stream
            .read(&mut buffer)
            .unwrap_or_else(|e| panic!("no `{wanted}` in the event stream ({e}): {seen}"));
        assert!(n > 0, "the event stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
}

#[test]
fn an_edit_rebuilds_the_pages_and_reloads_the_open_ones() {
    let test = Test::copy_of("processes/quickstart");
    let preview = start(&test);
    let (status, index) = get(&preview.address, "/");
    assert!(status.contains("200"), "{status}");
    assert!(index.contains("Northwind Supplies: order desk"));
    assert!(index.contains("/__raciflow/reload.js"), "no reload script");
    let (_, script) = get(&preview.address, "/__raciflow/reload.js");
    assert!(
        script.contains("EventSource('/__raciflow/events')"),
        "{script}"
    );
    let (status, _) = get(&preview.address, "/raci.xlsx");
    assert!(
        status.contains("200"),
        "the index links the workbook: {status}"
    );
    let (status, _) = get(&preview.address, "/no-such-page.html");
    assert!(status.contains("404"), "{status}");

    let mut events = TcpStream::connect(&preview.address).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(events, "GET /__raciflow/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    wait_for(&mut events, "retry:");

    // Saved the way many editors save: a new file renamed over the old one.
    let manifest = test.root().join("model.yaml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let saved = test.root().join(".model.yaml.swp");
    std::fs::write(
        &saved,
        text.replace("Northwind Supplies: order desk", "Southwind desk"),
    )
    .unwrap();
    std::fs::rename(&saved, &manifest).unwrap();
    wait_for(&mut events, "event: reload");
    let (_, index) = get(&preview.address, "/");
    assert!(index.contains("Southwind desk"), "the page was not rebuilt");

    // A model with errors keeps the last pack that built, under its findings.
    let roles = test.root().join("roles.yaml");
    let text = std::fs::read_to_string(&roles).unwrap();
    std::fs::write(
        &roles,
        format!("{text}  - {{ id: x, name: X, reports_to: ghost }}\n"),
    )
    .unwrap();
    wait_for(&mut events, "event: reload");
    let (_, page) = get(&preview.address, "/roles/sales-rep.html");
    assert!(page.contains("raciflow-findings"), "no findings shown");
    // The finding names the line the bad role was added on, the file's last.
    let line = text.lines().count() + 1;
    assert!(
        page.contains(&format!("roles.yaml:{line}:")),
        "the finding has no place"
    );
    assert!(page.contains("ghost"), "the finding has no message");
    assert!(
        page.contains("Sales Representative"),
        "the last pack is gone"
    );
}

/// The files a build of the model in `root` writes in HTML, Markdown and CSV, taking the
/// unchanged pages from `memo` when given, and how many it took.
fn rebuild(root: &Path, memo: Option<&Memo>) -> (Vec<OutputFile>, usize) {
    let checked = raciflow::check_model(root).unwrap();
    let request = BuildRequest {
        formats: vec![Format::Html, Format::Md, Format::Csv],
        ..BuildRequest::default()
    };
    let options = checked.options(&request).unwrap();
    raciflow::rebuild(&checked, &options, memo).unwrap()
}

/// The first file where `incremental` and `fresh` differ, if any.
fn first_difference(incremental: &[OutputFile], fresh: &[OutputFile]) -> Option<String> {
    let paths = |files: &[OutputFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    if paths(incremental) != paths(fresh) {
        return Some(format!("{:?} vs {:?}", paths(incremental), paths(fresh)));
    }
    incremental
        .iter()
        .zip(fresh)
        .find(|(a, b)| a.bytes != b.bytes)
        .map(|(a, _)| a.path.clone())
}

/// A preview builds again on every save. It takes the pages whose inputs the save left as
/// they were from its last build, and after each kind of edit what it shows is what a
/// fresh build of the saved model writes, byte for byte.
#[test]
fn a_rebuild_takes_the_unchanged_pages_and_writes_what_a_fresh_build_writes() {
    let test = Test::copy_of("processes/sales-department");
    let root = test.root();
    let memo = Memo::default();
    let (first, taken) = rebuild(root, Some(&memo));
    assert_eq!(taken, 0, "nothing to take from before the first build");
    let pages = first
        .iter()
        .filter(|f| f.path.ends_with(".html") || f.path.ends_with(".md"))
        .count();
    // Nothing saved: every page (and each document once more, in the handbook) is taken.
    let (again, taken) = rebuild(root, Some(&memo));
    assert_eq!(first_difference(&again, &first), None);
    assert!(taken >= pages - 1, "{taken} of {pages} pages taken");

    let edit = |file: &str, from: &str, to: &str| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{from} in {file}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };
    let edits: [(&str, &str, &str, &str); 6] = [
        (
            "a step's name: its regulation, its performer's documents, the matrix",
            "processes/02-cold-calling.yaml",
            "name: Дозвониться, пройти секретаря,",
            "name: Дозвониться до компании, пройти секретаря,",
        ),
        (
            "who answers for a step",
            "processes/02-cold-calling.yaml",
            "заинтересован?\n        kind: decision\n        raci: { R: telemarketer, A: telemarketer }",
            "заинтересован?\n        kind: decision\n        raci: { R: telemarketer, A: head-of-sales }",
        ),
        (
            "a position's title: every document that names it",
            "roles.yaml",
            "name: Телемаркетолог (оператор холодных звонков)",
            "name: Оператор холодных звонков",
        ),
        (
            "a document's name",
            "artifacts.yaml",
            "name: Речевые модули холодного звонка,",
            "name: Скрипт холодного звонка,",
        ),
        (
            "the model's version: every page's header",
            "model.yaml",
            "version: \"1.0\"",
            "version: \"1.1\"",
        ),
        (
            "a process's name: the index, the register, every page that links it",
            "processes/02-cold-calling.yaml",
            "name: Холодный обзвон и выход на ЛПР",
            "name: Холодный обзвон",
        ),
    ];
    let mut taken_after = Vec::new();
    for (what, file, from, to) in edits {
        edit(file, from, to);
        let (incremental, taken) = rebuild(root, Some(&memo));
        let (fresh, _) = rebuild(root, None);
        assert_eq!(
            first_difference(&incremental, &fresh),
            None,
            "after {what}, the preview differs from a fresh build"
        );
        taken_after.push((what, taken));
    }
    // A step's name leaves most pages as they were; the version is on every page.
    assert!(taken_after[0].1 > pages / 2, "{taken_after:?} of {pages}");
    assert_eq!(taken_after[4].1, 0, "{taken_after:?}");
}
