//! Print: `handbook.pdf`, the handbook printed to A4 by a headless Chromium (or Chrome,
//! or Edge) the machine has, its contents giving the page each document starts on.
//!
//! No browser prints the page a link leads to (`target-counter()` is unimplemented), so
//! the numbers come from a first print: Chromium gives every link target of the handbook
//! a named destination, whose page is where that part starts. The handbook is printed
//! again with those numbers in its contents' page column, which had the same width
//! (empty) the first time, so the pages do not move; a third print is allowed should they
//! have. Printing is the one step of a build that runs another program, so it is opt-in
//! (`--format pdf`), it comes after rendering (the HTML it prints is rendered like every
//! page) and before writing, and the browser reads its page from a [`Scratch`] folder,
//! never from OUT.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use lopdf::{Document, Object};
use thiserror::Error;
use wait_timeout::ChildExt;

use crate::pack::{PackError, Scratch};
use crate::render::{self, OutputFile, RenderError};
use crate::views::Pack;

/// Why the handbook could not be printed.
#[derive(Debug, Error)]
pub enum PrintError {
    /// No browser, or the browser failed.
    #[error("{PDF}: {0}")]
    Browser(String),
    /// The handbook to print could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The folder the browser reads from could not be written.
    #[error(transparent)]
    Scratch(#[from] PackError),
    /// The pack is too large for a handbook (`views::HANDBOOK_DOCUMENTS`).
    #[error(
        "{PDF}: the pack has {documents} documents, more than the {most} a handbook holds; print each document from its own page"
    )]
    NoHandbook {
        /// The documents of the pack.
        documents: usize,
        /// The most a handbook holds.
        most: usize,
    },
}

/// How long one print may take. The example's handbook (170 pages) prints in 4 s; a
/// company's, a hundred times larger, still well within this.
const PRINT_TIMEOUT: Duration = Duration::from_secs(600);

/// How many times the handbook is printed at most: once for the page numbers, once with
/// them, and once more should the numbers have moved a page.
const PRINTS: usize = 3;

/// The browsers looked for on `PATH`, in this order.
const NAMES: [&str; 7] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
];

/// Where macOS and Windows install them, where they are not on `PATH`.
const INSTALLED: [&str; 5] = [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
];

/// The file the printed handbook is written to.
pub const PDF: &str = "handbook.pdf";

fn fail(reason: impl Into<String>) -> PrintError {
    PrintError::Browser(reason.into())
}

/// The browser to print with: `given` (`--browser`, `RACIFLOW_BROWSER`), else the first
/// of [`NAMES`] on `PATH`, else a usual install location.
fn browser(given: Option<&Path>) -> Result<PathBuf, PrintError> {
    if let Some(path) = given {
        return which::which(path).map_err(|_| {
            fail(format!(
                "the browser {} was not found or cannot be run",
                path.display()
            ))
        });
    }
    NAMES
        .iter()
        .find_map(|name| which::which(name).ok())
        .or_else(|| {
            INSTALLED
                .iter()
                .map(PathBuf::from)
                .find(|path| path.is_file())
        })
        .ok_or_else(|| {
            fail(format!(
                "printing needs Chromium, Chrome or Edge, and none was found (looked for {} \
                 on PATH); install one, or give its path with --browser or RACIFLOW_BROWSER",
                NAMES.join(", ")
            ))
        })
}

/// `handbook.pdf` of `pack`, printed by the browser `options` name or one found on the
/// machine, until its contents' page numbers are the pages its parts start on.
pub fn handbook(pack: &Arc<Pack>, options: &render::Options) -> Result<OutputFile, PrintError> {
    if !pack.handbook {
        return Err(PrintError::NoHandbook {
            documents: pack.register.len(),
            most: crate::views::HANDBOOK_DOCUMENTS,
        });
    }
    let browser = browser(options.browser.as_deref())?;
    // The handbook holds the documents in the order of the page table, the index left
    // out: the k-th is `doc-k`.
    let anchors: BTreeMap<String, String> = pack
        .pages
        .iter()
        .filter(|page| page.document.is_some())
        .enumerate()
        .map(|(k, page)| (format!("{}.html", page.path), format!("doc-{}", k + 1)))
        .collect();
    let folder = Scratch::new()?;
    folder.write(&render::stylesheet(options))?;
    // Empty, the contents has its page column, blank: the first print lays out the pages
    // as the numbered one will.
    let mut numbers = BTreeMap::new();
    for _ in 0..PRINTS {
        let page = folder.write(&render::printed_handbook(pack, options, &numbers)?)?;
        let pdf = run(&browser, &page, folder.path())?;
        let starts = destinations(&pdf)?;
        if starts == numbers {
            return Ok(OutputFile {
                path: PDF.to_owned(),
                bytes: finish(&pdf, &format!("{}/", url(folder.path())), &anchors)?,
            });
        }
        numbers = starts;
    }
    Err(fail(format!(
        "the contents' page numbers still moved the pages after {PRINTS} prints"
    )))
}

/// `page` printed to PDF by `browser`, with a profile of its own in `folder` (so that a
/// browser the user has open is not disturbed).
fn run(browser: &Path, page: &Path, folder: &Path) -> Result<Vec<u8>, PrintError> {
    let pdf = folder.join("print.pdf");
    let _ = std::fs::remove_file(&pdf);
    let mut child = Command::new(browser)
        .args([
            "--headless",
            // The page is raciflow's own: no script, nothing fetched. Chromium refuses to
            // start as root (a container, CI) with its sandbox on.
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            folder.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url(page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("{} could not be started: {e}", browser.display())))?;
    // What the browser says is read as it says it: a full pipe would stop it printing.
    let said = child.stderr.take().map(|mut err| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut err, &mut text);
            text
        })
    });
    let status = child
        .wait_timeout(PRINT_TIMEOUT)
        .map_err(|e| fail(format!("{}: {e}", browser.display())))?;
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(fail(format!(
            "{} did not finish printing in {} s",
            browser.display(),
            PRINT_TIMEOUT.as_secs()
        )));
    };
    let said = said
        .and_then(|reader| reader.join().ok())
        .unwrap_or_default();
    match std::fs::read(&pdf) {
        Ok(bytes) if status.success() && !bytes.is_empty() => Ok(bytes),
        _ => Err(fail(format!(
            "{} printed no PDF ({status}){}",
            browser.display(),
            last_line(&said)
                .map(|line| format!(": {line}"))
                .unwrap_or_default()
        ))),
    }
}

/// The `file:` URL of `path`.
fn url(path: &Path) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    let slash = if path.starts_with('/') { "" } else { "/" };
    format!(
        "file://{slash}{}",
        percent_encoding::utf8_percent_encode(&path, URL_PATH)
    )
}

/// The characters a file URL's path escapes: all but letters, digits and `/-._~:`.
const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':');

/// The last line of what a program said that is not blank.
fn last_line(said: &str) -> Option<&str> {
    said.lines().map(str::trim).rfind(|line| !line.is_empty())
}

/// The page (from 1) each named destination of `pdf` leads to: Chromium names one after
/// every link target's `id`.
fn destinations(pdf: &[u8]) -> Result<BTreeMap<String, u32>, PrintError> {
    let unreadable = |e: lopdf::Error| fail(format!("the browser's PDF cannot be read: {e}"));
    let document = Document::load_mem(pdf).map_err(unreadable)?;
    let pages: BTreeMap<_, _> = document
        .get_pages()
        .into_iter()
        .map(|(number, id)| (id, number))
        .collect();
    let catalog = document.catalog().map_err(unreadable)?;
    let Ok(Object::Dictionary(dests)) = catalog
        .get(b"Dests")
        .and_then(|d| document.dereference(d))
        .map(|(_, d)| d)
    else {
        return Ok(BTreeMap::new());
    };
    Ok(dests
        .iter()
        .filter_map(|(name, target)| {
            let (_, target) = document.dereference(target).ok()?;
            let page = target.as_array().ok()?.first()?.as_reference().ok()?;
            Some((
                String::from_utf8_lossy(name).into_owned(),
                *pages.get(&page)?,
            ))
        })
        .collect())
}

/// `pdf` made the pack's: without the time it was printed at, so that the same model
/// prints the same bytes, and with its links into the temporary folder (`folder`, as a
/// URL) made the pack's own. A link to a document the handbook holds goes to where the
/// handbook holds it (`anchors`: the anchor of each page's file); any other (a map's SVG,
/// the workbook) becomes relative, to open the file next to `handbook.pdf` in the pack.
fn finish(
    pdf: &[u8],
    folder: &str,
    anchors: &BTreeMap<String, String>,
) -> Result<Vec<u8>, PrintError> {
    let unreadable = |e: lopdf::Error| fail(format!("the browser's PDF cannot be read: {e}"));
    let mut document = Document::load_mem(pdf).map_err(unreadable)?;
    if let Ok(id) = document.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = document.get_dictionary_mut(id)
    {
        info.remove(b"CreationDate");
        info.remove(b"ModDate");
    }
    for object in document.objects.values_mut() {
        let Ok(link) = object.as_dict_mut() else {
            continue;
        };
        let Ok(action) = link.get_mut(b"A").and_then(Object::as_dict_mut) else {
            continue;
        };
        let Some(file) = action
            .get(b"URI")
            .and_then(Object::as_str)
            .ok()
            .and_then(|uri| uri.strip_prefix(folder.as_bytes()))
            .map(|path| String::from_utf8_lossy(path).into_owned())
        else {
            continue;
        };
        let page = file.split('#').next().unwrap_or_default();
        let page = percent_encoding::percent_decode_str(page).decode_utf8_lossy();
        match anchors.get(page.as_ref()) {
            Some(anchor) => {
                action.set("S", Object::Name(b"GoTo".to_vec()));
                action.remove(b"URI");
                action.set("D", Object::Name(anchor.as_bytes().to_vec()));
            }
            None => action.set("URI", Object::string_literal(file)),
        }
    }
    let mut bytes = Vec::new();
    document
        .save_to(&mut bytes)
        .map_err(|e| fail(format!("the PDF cannot be written: {e}")))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three pages whose destinations put the organisation chart on page 2 and the first
    /// two documents on page 3; page 1 links into a print folder `file:///tmp/raciflow-print/`
    /// (a document, a page of the pack that is no document, the web).
    const NUMBERED: &[u8] = include_bytes!("../tests/fixtures/print/numbered.pdf");

    #[test]
    fn the_page_of_each_part_is_read_from_the_named_destinations() {
        let found = destinations(NUMBERED).unwrap();
        let wanted =
            [("doc-1", 3), ("doc-2", 3), ("org", 2)].map(|(name, page)| (name.to_owned(), page));
        assert_eq!(found, BTreeMap::from(wanted));
    }

    #[test]
    fn the_finished_pdf_is_undated_and_links_into_itself_or_beside_itself() {
        let anchors = BTreeMap::from([("roles/clerk.html".to_owned(), "doc-2".to_owned())]);
        let bytes = finish(NUMBERED, "file:///tmp/raciflow-print/", &anchors).unwrap();
        let document = Document::load_mem(&bytes).unwrap();
        let info = document
            .trailer
            .get(b"Info")
            .unwrap()
            .as_reference()
            .unwrap();
        let info = document.get_dictionary(info).unwrap();
        assert!(!info.has(b"CreationDate") && !info.has(b"ModDate"));
        assert_eq!(info.get(b"Title").unwrap().as_str().unwrap(), b"Handbook");
        let mut actions: Vec<String> = document
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok()?.get(b"A").ok()?.as_dict().ok())
            .map(|a| match a.get(b"S").unwrap().as_name().unwrap() {
                b"GoTo" => format!("to {:?}", a.get(b"D").unwrap().as_name().unwrap()),
                _ => String::from_utf8_lossy(a.get(b"URI").unwrap().as_str().unwrap()).into(),
            })
            .collect();
        actions.sort();
        assert_eq!(
            actions,
            [
                "https://example.com/",
                "index.html#doc-invoice",
                &format!("to {:?}", b"doc-2")
            ]
        );
        // Printed twice, the same bytes.
        assert_eq!(
            bytes,
            finish(NUMBERED, "file:///tmp/raciflow-print/", &anchors).unwrap()
        );
    }

    #[test]
    fn a_file_url_escapes_what_a_path_may_hold() {
        assert_eq!(
            url(Path::new("/tmp/a b/отдел#1/handbook.html")),
            "file:///tmp/a%20b/%D0%BE%D1%82%D0%B4%D0%B5%D0%BB%231/handbook.html"
        );
        assert_eq!(
            url(Path::new(r"C:\Temp\handbook.html")),
            "file:///C:/Temp/handbook.html"
        );
    }
}
