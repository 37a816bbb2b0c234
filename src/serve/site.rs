//! The site `serve` shows: the pack's files in memory, rebuilt on demand, with the
//! findings to overlay while the model has errors, and the pages waiting to reload.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::load::Cache;
use crate::render::{Format, Memo};
use crate::{BuildRequest, check_model_cached};

/// The formats the preview builds: the pages and what they link to.
const FORMATS: [Format; 3] = [Format::Html, Format::Csv, Format::Xlsx];

/// What a rebuild did, for the log.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// How long it took.
    pub took: Duration,
    /// `check`'s summary line, or why the model could not be read or rendered.
    pub summary: String,
    /// What the pages show now.
    pub pages: Pages,
    /// How many page renders were taken from the last build, their inputs unchanged (the
    /// handbook counts each page once more).
    pub unchanged: usize,
}

/// What the pages show after a rebuild.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    /// This version of the model.
    Current,
    /// A draft of this version, drawn despite its errors: no version has built yet.
    Draft,
    /// The last version that built, under this one's findings.
    LastBuilt,
    /// Nothing: no version has been read yet.
    Nothing,
}

/// The pack in memory and the pages that wait to reload.
pub struct Site {
    root: PathBuf,
    request: BuildRequest,
    state: RwLock<State>,
    listeners: Mutex<Vec<Sender<()>>>,
    log: Box<dyn Fn(&Rebuilt) + Send + Sync>,
    /// Rebuilds one at a time: a burst of saves must not race to replace the pack.
    rebuilding: Mutex<()>,
    /// The model's files as the last check parsed them, taken again where a save left
    /// their text as it was.
    files: Cache,
    /// The pages of the last build, taken again where a save left their inputs as they
    /// were.
    memo: Memo,
}

#[derive(Default)]
struct State {
    files: BTreeMap<String, Vec<u8>>,
    /// The findings block every page shows, while the model has errors.
    overlay: Option<String>,
}

impl Site {
    /// A site with nothing built yet.
    pub fn new(
        root: PathBuf,
        request: BuildRequest,
        log: Box<dyn Fn(&Rebuilt) + Send + Sync>,
    ) -> Site {
        Site {
            root,
            request: BuildRequest {
                formats: FORMATS.to_vec(),
                ..request
            },
            state: RwLock::default(),
            listeners: Mutex::default(),
            log,
            rebuilding: Mutex::default(),
            files: Cache::default(),
            memo: Memo::default(),
        }
    }

    /// Reads and checks the model and renders its pages. A model with errors keeps the
    /// last pack that built (or, before any has, a draft of this one) under its findings.
    pub fn rebuild(&self) -> Rebuilt {
        let _one_at_a_time = self
            .rebuilding
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let started = Instant::now();
        let has_pack = !self.read().files.is_empty();
        let kept = if has_pack {
            Pages::LastBuilt
        } else {
            Pages::Nothing
        };
        let mut unchanged = 0;
        let (files, overlay, summary, pages) = match check_model_cached(&self.root, &self.files) {
            Err(error) => (
                None,
                Some(message_block(&error.to_string())),
                error.to_string(),
                kept,
            ),
            Ok(checked) => {
                let summary = checked.report.summary.line();
                let errors = checked.report.summary.errors > 0;
                let note = if has_pack {
                    "The pages show the last version of the model that built."
                } else {
                    "The pages are a draft of this version, drawn despite its errors."
                };
                let overlay = errors
                    .then(|| crate::diag::html::render(&checked.report, &checked.sources, note));
                if errors && has_pack {
                    (None, overlay, summary, Pages::LastBuilt)
                } else {
                    let built = checked
                        .options(&self.request)
                        .map_err(crate::BuildError::from)
                        .and_then(|options| crate::rebuild(&checked, &options, Some(&self.memo)));
                    match built {
                        Ok((files, taken)) => {
                            unchanged = taken;
                            let files = files.into_iter().map(|f| (f.path, f.bytes)).collect();
                            let pages = if errors { Pages::Draft } else { Pages::Current };
                            (Some(files), overlay, summary, pages)
                        }
                        Err(error) => (
                            None,
                            Some(message_block(&error.to_string())),
                            error.to_string(),
                            kept,
                        ),
                    }
                }
            }
        };
        {
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            if let Some(files) = files {
                state.files = files;
            }
            state.overlay = overlay;
        }
        let rebuilt = Rebuilt {
            took: started.elapsed(),
            summary,
            pages,
            unchanged,
        };
        (self.log)(&rebuilt);
        self.reload_pages();
        rebuilt
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// A file of the pack as the browser gets it: a page with the reload script and,
    /// while the model has errors, the findings on top.
    pub fn page(&self, path: &str) -> Option<Vec<u8>> {
        let state = self.read();
        let bytes = state.files.get(path)?;
        if !path.ends_with(".html") {
            return Some(bytes.clone());
        }
        let html = String::from_utf8_lossy(bytes);
        Some(decorate(&html, state.overlay.as_deref()).into_bytes())
    }

    /// Any page with the reload script and the findings, as the pack's pages get them.
    pub(super) fn decorate(&self, html: &str) -> String {
        decorate(html, self.read().overlay.as_deref())
    }

    /// Whether the pack has a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.read().files.contains_key(path)
    }

    /// A page's subscription to reloads: a message arrives after each rebuild.
    pub fn subscribe(&self) -> Receiver<()> {
        let (sender, receiver) = channel();
        self.listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sender);
        receiver
    }

    /// Tells every open page to reload, forgetting the pages that have closed.
    fn reload_pages(&self) {
        self.listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|page| page.send(()).is_ok());
    }
}

/// The path of the script every page loads to reload itself.
pub const RELOAD_SCRIPT: &str = "/__raciflow/reload.js";
/// The path of the reload event stream.
pub const EVENTS: &str = "/__raciflow/events";

/// `html` with the findings block after `<body…>` and the reload script before
/// `</body>`.
fn decorate(html: &str, overlay: Option<&str>) -> String {
    let script = format!("<script src=\"{RELOAD_SCRIPT}\"></script>");
    let mut page = html.to_owned();
    match page.rfind("</body>") {
        Some(at) => page.insert_str(at, &script),
        None => page.push_str(&script),
    }
    if let Some(overlay) = overlay {
        let after_body = page
            .find("<body")
            .and_then(|at| page[at..].find('>').map(|end| at + end + 1))
            .unwrap_or(0);
        page.insert_str(after_body, overlay);
    }
    page
}

/// A block for a model that cannot be read at all, or templates that do not render.
fn message_block(message: &str) -> String {
    format!(
        "<div id=\"raciflow-findings\" role=\"alert\" style=\"padding:.6em 1em;background:#fff4f2;border-bottom:3px solid #b3261e;font:14px system-ui,sans-serif\"><strong>{}</strong></div>",
        crate::diagram::xml::escape(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_gets_the_findings_on_top_and_the_script_at_the_end() {
        let page = decorate(
            "<html><body class=\"x\"><p>text</p></body></html>",
            Some("<div>findings</div>"),
        );
        assert_eq!(
            page,
            "<html><body class=\"x\"><div>findings</div><p>text</p><script src=\"/__raciflow/reload.js\"></script></body></html>"
        );
    }
}
