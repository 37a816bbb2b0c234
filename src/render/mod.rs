//! Render: the pack's views turned into files in memory. Nothing here touches the output
//! folder (that is `pack`'s job), so a failure leaves nothing half-written.
//!
//! HTML and Markdown come from minijinja templates; CSV and XLSX are written in Rust with
//! the `csv` and `rust_xlsxwriter` crates, so no template can break their structure.

mod builtin;
mod docx;
mod engine;
mod labels;
mod memo;
mod motivation_xlsx;
mod overrides;
mod pack_value;
mod pages;
mod picture;
mod reference;
mod table;
pub(crate) mod text;
mod xlsx;

pub use builtin::TEMPLATES;
pub use engine::BUILTIN_PREFIX;
pub use labels::{Label, Labels};
pub use memo::Memo;
pub use motivation_xlsx::motivation_workbook;
pub use overrides::Overrides;
pub use reference::Reference;
pub use text::{escape_markdown, format_number, inner_quotes, neutralise_formula, quoted};

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::{Environment, Value};
use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use crate::diagram::{self, Notation, Words};
use crate::layout;
use crate::model::Language;
use crate::render::pages::{Markup, Shared};
use crate::views::{DocKind, Pack, lower_first};

/// The largest file a template may produce.
const MAX_OUTPUT_BYTES: usize = 64 * 1024 * 1024;

/// An output format of the pack: the one list of formats the library knows (the command
/// line maps its own option values to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// HTML pages with one stylesheet.
    Html,
    /// Markdown pages.
    Md,
    /// CSV tables: the matrix and the blank forms.
    Csv,
    /// The matrix as an Excel workbook.
    Xlsx,
    /// `model.json`: the model for other tools, each entity once, by id.
    Json,
    /// `diagrams/ID.svg`: each process's map as SVG.
    Svg,
    /// `diagrams/ID.mmd`: each process's map as Mermaid.
    Mmd,
    /// `diagrams/ID.dot`: each process's map as Graphviz DOT.
    Dot,
    /// `diagrams/ID.bpmn`: each process's map as BPMN 2.0.
    Bpmn,
    /// `docx/…`: the documents as Word files.
    Docx,
    /// `handbook.pdf`: the handbook printed by a browser the machine has (not a default).
    Pdf,
}

impl Format {
    /// The format's name, as `build --format` takes it: the extension of its files.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Svg => "svg",
            Format::Mmd => "mmd",
            Format::Dot => "dot",
            Format::Bpmn => "bpmn",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// The format `name` means; `mermaid` is another name of `mmd`.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = if name == "mermaid" { "mmd" } else { name };
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Every format.
    pub const ALL: [Format; 11] = [
        Format::Html,
        Format::Md,
        Format::Csv,
        Format::Xlsx,
        Format::Json,
        Format::Svg,
        Format::Mmd,
        Format::Dot,
        Format::Bpmn,
        Format::Docx,
        Format::Pdf,
    ];

    /// Every format `build` writes by default: all but the PDF, which needs a browser.
    pub fn defaults() -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(|&f| f != Format::Pdf)
    }

    /// The notation of the process maps this format writes, if it is one.
    pub fn diagram(self) -> Option<Notation> {
        match self {
            Format::Svg => Some(Notation::Svg),
            Format::Mmd => Some(Notation::Mermaid),
            Format::Dot => Some(Notation::Dot),
            Format::Bpmn => Some(Notation::Bpmn),
            Format::Html
            | Format::Md
            | Format::Csv
            | Format::Xlsx
            | Format::Json
            | Format::Docx
            | Format::Pdf => None,
        }
    }
}

/// What to render and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The language of labels.
    pub language: Language,
    /// The formats to write.
    pub formats: BTreeSet<Format>,
    /// The user's templates.
    pub overrides: Overrides,
    /// The CSV files' column separator; `None`: the one spreadsheets of the pack's
    /// language expect (`;` for Russian, `,` for English).
    pub csv_separator: Option<u8>,
    /// The client's Word file whose styles, margins and header the Word files take.
    pub docx_reference: Option<Reference>,
    /// The browser that prints the PDF (default: one found on the machine).
    pub browser: Option<PathBuf>,
}

/// One file of the pack, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path under the output folder, with `/`.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// Where rendered files go, each as soon as it is finished: a list in memory, or the
/// pack's staging folder, so that a build holds one page at a time rather than the pack
/// (a company's pack is gigabytes of pages).
pub trait Sink {
    /// Takes `file`; an error stops the rendering.
    fn put(&mut self, file: OutputFile) -> Result<(), RenderError>;
}

impl Sink for Vec<OutputFile> {
    fn put(&mut self, file: OutputFile) -> Result<(), RenderError> {
        self.push(file);
        Ok(())
    }
}

/// Why rendering failed.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A template failed to parse or render.
    #[error("template {name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The template's name.
        name: String,
        /// The line, where known.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// A template produced more than the limit.
    #[error("template {name} produced {bytes} bytes for {path}; the limit is {MAX_OUTPUT_BYTES}")]
    TooLarge {
        /// The template.
        name: String,
        /// The file it was rendering.
        path: String,
        /// How much it produced.
        bytes: usize,
    },
    /// A label table did not parse.
    #[error("label table {name}: {reason}")]
    Labels {
        /// The table's name.
        name: String,
        /// Why.
        reason: String,
    },
    /// The user's template folder could not be read.
    #[error("{}: {reason}", path.display())]
    Overrides {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The client's Word file (`--docx-template`) could not be read.
    #[error("{}: {reason}", path.display())]
    Reference {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The sink refused a file: the writer keeps its own error, which says why.
    #[error("the pack's writer stopped")]
    Stopped,
    /// A spreadsheet could not be written.
    #[error("{path}: {reason}")]
    Table {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// What templates receive besides the page's own view: printed by `build --dump-context`.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    /// Every view of the model.
    pub pack: &'a Pack,
    /// The labels of the pack's language.
    pub t: &'a Labels,
}

/// The labels `options` select.
pub fn labels(options: &Options) -> Result<Labels, RenderError> {
    labels::labels(options.language, &options.overrides)
}

/// One output of the pack: turns the views and their page table into files. There is one
/// per format; `render` runs those the options ask for.
trait Renderer {
    /// Adds this output's files to `files`.
    fn render(&self, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError>;
}

/// What the renderers of one build share: the labels, the template environment and the
/// values every page receives, made once.
struct Setup<'a> {
    options: &'a Options,
    labels: Labels,
    env: Environment<'static>,
    shared: Shared,
    start: String,
    end: String,
}

impl<'a> Setup<'a> {
    fn new(pack: &Arc<Pack>, options: &'a Options) -> Result<Setup<'a>, RenderError> {
        let labels = labels(options)?;
        let written: Vec<&str> = options
            .formats
            .iter()
            .filter_map(|f| f.diagram())
            .map(Notation::extension)
            .collect();
        let (start, end) = event_names(&labels);
        Ok(Setup {
            options,
            env: engine::environment(&options.overrides, options.language, pack.parts()),
            shared: Shared {
                pack: Arc::clone(pack),
                t: Value::from_serialize(&labels),
                diagram_formats: Value::from_serialize(&written),
                org_chart: Value::from_safe_string(diagram::org_chart(
                    pack.org_chart.as_ref().map_or(&[], |o| &o.units),
                )),
                handbook_contains: Value::from(handbook_contains(pack, &labels)),
                page_numbers: Value::UNDEFINED,
            },
            labels,
            start,
            end,
        })
    }

    /// Process `process`'s map in `notation`.
    fn map(&self, pack: &Pack, process: usize, notation: Notation) -> String {
        let words = Words {
            start: &self.start,
            end: &self.end,
        };
        pack.maps
            .get(process)
            .map(|map| diagram::write(map, notation, &words))
            .unwrap_or_default()
    }

    /// Process `process`'s map as the SVG drawings of the pages it prints on.
    fn printed_map(pack: &Pack, process: usize) -> Vec<String> {
        pack.maps
            .get(process)
            .map(diagram::printed)
            .unwrap_or_default()
    }
}

/// HTML or Markdown pages, from the templates, with their process maps embedded.
struct Pages<'a> {
    setup: &'a Setup<'a>,
    markup: Markup,
    /// The pages of the last build, when the build keeps them for the next.
    memo: Option<&'a memo::Build<'a>>,
}

impl Renderer for Pages<'_> {
    fn render(&self, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError> {
        let setup = self.setup;
        let map = |process: usize| match self.markup {
            Markup::Html => Setup::printed_map(pack, process),
            Markup::Markdown => vec![setup.map(pack, process, Notation::Mermaid)],
        };
        let draw = pages::Draw {
            env: &setup.env,
            shared: &setup.shared,
            markup: self.markup,
            maps: &map,
            memo: self.memo,
        };
        pages::write(&draw, pack, files)?;
        if self.markup == Markup::Html {
            files.put(stylesheet(setup.options))?;
        }
        Ok(())
    }
}

/// The CSV tables: the matrix, the blank forms' columns, the plan/fact forms.
struct Csv<'a> {
    setup: &'a Setup<'a>,
}

impl Renderer for Csv<'_> {
    fn render(&self, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError> {
        let options = self.setup.options;
        let separator = options.csv_separator.unwrap_or(match options.language {
            Language::Ru => b';',
            Language::En => b',',
        });
        table::csv_files(pack, &self.setup.labels, separator, files)
    }
}

/// The Excel workbooks: the matrix, and the motivation workbook when a role has indicators.
struct Workbook<'a> {
    setup: &'a Setup<'a>,
}

impl Renderer for Workbook<'_> {
    fn render(&self, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError> {
        files.put(xlsx::raci_workbook(pack, &self.setup.labels)?)?;
        if let Some(motivation) = &pack.motivation {
            files.put(motivation_xlsx::motivation_workbook(
                motivation,
                &self.setup.labels,
                pack.meta.organisation(),
                (None, motivation.days_per_month),
                &[],
            )?)?;
        }
        Ok(())
    }
}

/// `model.json`: the model as the pack states it, for other tools, on one line
/// ([`crate::views::export`]).
struct Json;

impl Renderer for Json {
    fn render(&self, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError> {
        let mut bytes = serde_json::to_vec(&pack.export).map_err(|e| RenderError::Table {
            path: "model.json".to_owned(),
            reason: e.to_string(),
        })?;
        bytes.push(b'\n');
        files.put(OutputFile {
            path: "model.json".to_owned(),
            bytes,
        })
    }
}

/// The documents as Word files.
struct Word<'a> {
    setup: &'a Setup<'a>,
}

impl Renderer for Word<'_> {
    fn render(&self, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError> {
        let setup = self.setup;
        let map = |process: usize| Setup::printed_map(pack, process);
        docx::write(&setup.env, &setup.shared, pack, setup.options, &map, files)
    }
}

/// Each process's map as a file of its own, in one notation.
struct Maps<'a> {
    setup: &'a Setup<'a>,
    notation: Notation,
}

impl Renderer for Maps<'_> {
    fn render(&self, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError> {
        let processes: Vec<usize> = (0..pack.maps.len()).collect();
        in_parallel(
            &processes,
            |&index| {
                Ok(OutputFile {
                    path: format!(
                        "{}.{}",
                        layout::diagram(&pack.maps[index].file),
                        self.notation.extension()
                    ),
                    bytes: self.setup.map(pack, index, self.notation).into_bytes(),
                })
            },
            |file| files.put(file),
        )
    }
}

/// Renders every file of the pack into `sink`, one at a time; with a `memo`, takes the
/// pages whose inputs are unchanged from its last build and keeps this build's pages for
/// the next. Returns how many pages were taken.
pub fn render(
    pack: &Arc<Pack>,
    options: &Options,
    memo: Option<&Memo>,
    sink: &mut dyn Sink,
) -> Result<usize, RenderError> {
    let setup = Setup::new(pack, options)?;
    // What every page receives besides the pack: a change to any of it (the user's
    // templates or labels, the formats the pages link to) renders every page again.
    let shared = &setup.shared;
    let memo = memo.map(|memo| {
        memo.build(
            pack,
            memo::hash_value(&(
                &shared.t,
                &shared.diagram_formats,
                &shared.org_chart,
                &shared.handbook_contains,
                &shared.page_numbers,
                &options.overrides.files,
            )),
        )
    });
    let mut files = Clean(sink);
    for &format in &options.formats {
        let renderer: Box<dyn Renderer + '_> = match (format, format.diagram()) {
            (_, Some(notation)) => Box::new(Maps {
                setup: &setup,
                notation,
            }),
            (Format::Html, None) => Box::new(Pages {
                setup: &setup,
                markup: Markup::Html,
                memo: memo.as_ref(),
            }),
            (Format::Md, None) => Box::new(Pages {
                setup: &setup,
                markup: Markup::Markdown,
                memo: memo.as_ref(),
            }),
            (Format::Csv, None) => Box::new(Csv { setup: &setup }),
            (Format::Xlsx, None) => Box::new(Workbook { setup: &setup }),
            (Format::Json, None) => Box::new(Json),
            (Format::Docx, None) => Box::new(Word { setup: &setup }),
            // Printed from the HTML handbook by a browser, after rendering: `crate::print`.
            (Format::Pdf, None) => continue,
            // `Format::diagram` names the notation of each of these.
            (Format::Svg | Format::Mmd | Format::Dot | Format::Bpmn, None) => continue,
        };
        renderer.render(pack, &mut files)?;
    }
    Ok(memo.map_or(0, memo::Build::finish))
}

/// Makes something of each of `items` in parallel, a few at a time, and hands each to
/// `take` in the items' order: the build holds a handful of pages at a time, and writes
/// the same pack on any number of cores.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    make: impl Fn(&T) -> Result<R, RenderError> + Sync,
    mut take: impl FnMut(R) -> Result<(), RenderError>,
) -> Result<(), RenderError> {
    let batch = 4 * rayon::current_num_threads();
    for chunk in items.chunks(batch) {
        let made: Vec<Result<R, RenderError>> = chunk.par_iter().map(&make).collect();
        for result in made {
            take(result?)?;
        }
    }
    Ok(())
}

/// Passes files on with the hidden characters of text formats replaced (the workbooks
/// are zips, and replace them cell by cell).
struct Clean<'a>(&'a mut dyn Sink);

impl Sink for Clean<'_> {
    fn put(&mut self, mut file: OutputFile) -> Result<(), RenderError> {
        // CSV files start with a byte-order mark on purpose.
        let bom = if file.bytes.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        if let Ok(text) = std::str::from_utf8(&file.bytes[bom..])
            && let std::borrow::Cow::Owned(clean) = crate::hidden::replace(text)
        {
            file.bytes = [&file.bytes[..bom], clean.as_bytes()].concat();
        }
        self.0.put(file)
    }
}

/// The pages' stylesheet: the user's, or the built-in one.
pub fn stylesheet(options: &Options) -> OutputFile {
    OutputFile {
        path: "style.css".to_owned(),
        bytes: options
            .overrides
            .get("style.css")
            .or_else(|| builtin::builtin("style.css"))
            .unwrap_or_default()
            .as_bytes()
            .to_vec(),
    }
}

/// The HTML handbook as `handbook.pdf` prints it: its contents with a page column giving
/// `page_numbers[anchor]`, the page each part starts on (blank for a part it lacks).
pub fn printed_handbook(
    pack: &Arc<Pack>,
    options: &Options,
    page_numbers: &BTreeMap<String, u32>,
) -> Result<OutputFile, RenderError> {
    let setup = Setup::new(pack, options)?;
    let shared = Shared {
        page_numbers: Value::from_serialize(page_numbers),
        ..setup.shared.clone()
    };
    pages::handbook(&setup.env, &shared, pack, &|process: usize| {
        Setup::printed_map(pack, process)
    })
}

/// The sentence of the handbook's introduction that says what it holds, kind by kind in
/// the register's order: «В сборник включены: матрица ответственности, регламенты
/// процессов … и положение о мотивации работников отдела продаж.» Each kind is named by
/// the label `handbook_kind_KIND`; the motivation policy by its own title, after that
/// label (an article: "the bonus scheme").
fn handbook_contains(pack: &Pack, labels: &Labels) -> String {
    let text = |key: &str| xlsx::text_label(labels, key);
    let mut names: Vec<String> = Vec::new();
    let mut last = None;
    for document in &pack.register {
        if last == Some(document.kind) {
            continue;
        }
        last = Some(document.kind);
        let kind = serde_json::to_value(document.kind).unwrap_or_default();
        let label = text(&format!(
            "handbook_kind_{}",
            kind.as_str().unwrap_or_default()
        ));
        names.push(if document.kind == DocKind::Motivation {
            [label, lower_first(&document.title)]
                .join(" ")
                .trim()
                .to_owned()
        } else {
            label
        });
    }
    let list = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), text("handbook_and")),
        None => String::new(),
    };
    format!("{} {list}.", text("handbook_contains"))
}

/// The names of BPMN's start and end events in the labels' language.
pub fn event_names(labels: &Labels) -> (String, String) {
    (
        xlsx::text_label(labels, "event_start"),
        xlsx::text_label(labels, "event_end"),
    )
}

/// `pack` as pretty JSON with a final newline.
pub fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The error of a template, named by the template and line where it happened (which may
/// be a template the page includes or extends).
fn template_error(page: &str, error: minijinja::Error) -> RenderError {
    let mut message = error.kind().to_string();
    if let Some(detail) = error.detail() {
        message = format!("{message}: {detail}");
    }
    // What the template wrote there (`role.titel`), so the user need not count columns.
    if let (Some(range), Some(source)) = (error.range(), error.template_source())
        && let Some(written) = source.get(range)
    {
        message = format!("{message}: `{}`", written.trim());
    }
    RenderError::Template {
        name: error.name().unwrap_or(page).to_owned(),
        line: error.line(),
        message,
    }
}
