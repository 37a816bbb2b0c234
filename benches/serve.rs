//! How fast `raciflow serve` shows an edit: the time from saving one file of the example
//! model to the open page's reload event, end to end (file watcher, debounce, check,
//! render, event stream), and the rebuild alone; then, on a generated company of 200
//! processes, a rebuild after renaming one step, against a first build of the same model.
//!
//! Run with `cargo bench --bench serve`. Prints the medians and the spread of 15 edits
//! (5 on the company).

// The bench edits a model file, as a user would.
#![allow(clippy::disallowed_methods)]

// Only the copy of the example and the generator are used here.
#[allow(dead_code)]
mod generated;

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use raciflow::BuildRequest;
use raciflow::serve::{Config, Preview, Site};

const EDITS: usize = 15;

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    generated::copy_dir(Path::new("processes/sales-department"), dir.path());
    let config = Config {
        root: dir.path().to_path_buf(),
        request: BuildRequest::default(),
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: Some(0),
    };
    let preview = Preview::start(&config, Box::new(|_| {})).expect("preview starts");
    let address = preview.address;
    let site = std::sync::Arc::clone(preview.site());
    std::thread::spawn(move || preview.run());

    let mut rebuilds: Vec<Duration> = (0..EDITS).map(|_| site.rebuild().took).collect();

    let mut events = TcpStream::connect(address).expect("connect");
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(events, "GET /__raciflow/events HTTP/1.1\r\nHost: x\r\n\r\n").expect("request");
    read_until(&mut events, "retry:");
    let file = dir.path().join("processes/02-cold-calling.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let mut reloads = Vec::new();
    for edit in 0..EDITS {
        // Let the watcher settle, so each edit is measured on its own.
        std::thread::sleep(Duration::from_millis(300));
        let started = Instant::now();
        std::fs::write(
            &file,
            text.replace("effort: 4m", &format!("effort: {}m", 4 + edit % 2)),
        )
        .expect("write");
        read_until(&mut events, "event: reload");
        reloads.push(started.elapsed());
    }
    println!("serve, the sales-department example, {EDITS} edits of one process file");
    print("rebuild (check + render HTML, CSV, XLSX)", &mut rebuilds);
    print(
        "save → reload event (watcher, 40 ms quiet, rebuild)",
        &mut reloads,
    );
    company();
}

/// A generated company of 200 processes (4,000 steps, 50 positions): a preview's rebuild
/// after one step is renamed, against a first build, which renders every page.
fn company() {
    const PROCESSES: usize = 200;
    const COMPANY_EDITS: usize = 5;
    let dir = tempfile::tempdir().expect("temporary folder");
    generated::generate_shaped(dir.path(), PROCESSES, 50, 25);
    let site = |root: &Path| {
        Site::new(
            root.to_path_buf(),
            BuildRequest::default(),
            Box::new(|_| {}),
        )
    };
    let preview = site(dir.path());
    preview.rebuild();
    let file = dir.path().join("processes/p00000.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let (mut incremental, mut first) = (Vec::new(), Vec::new());
    for edit in 0..COMPANY_EDITS {
        std::fs::write(
            &file,
            text.replacen("name: Step 3,", &format!("name: Step 3 ({edit}),"), 1),
        )
        .expect("write");
        incremental.push(preview.rebuild().took);
        first.push(site(dir.path()).rebuild().took);
    }
    println!(
        "serve, a generated company of {PROCESSES} processes, {COMPANY_EDITS} renames of one step"
    );
    print("rebuild after the save", &mut incremental);
    print("first build of the same model", &mut first);
}

fn print(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {what}: median {:.0} ms (min {:.0}, max {:.0})",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn read_until(stream: &mut TcpStream, wanted: &str) {
    let mut seen = String::new();
    let mut buffer = [0; 256];
    while !seen.contains(wanted) {
        let n = stream.read(&mut buffer).expect("event stream");
        assert!(n > 0, "event stream closed");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
}
