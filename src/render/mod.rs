//! Render: the pack's views turned into files in memory. Nothing here touches the output
//! folder (that is `pack`'s job), so a failure leaves nothing half-written.
//!
//! HTML and Markdown come from minijinja templates; CSV and XLSX are written in Rust with
//! the `csv` and `rust_xlsxwriter` crates, so no template can break their structure.

mod builtin;
mod engine;
mod labels;
mod overrides;
mod table;
mod text;
mod xlsx;

pub use builtin::TEMPLATES;
pub use engine::BUILTIN_PREFIX;
pub use labels::{Label, Labels};
pub use overrides::Overrides;
pub use text::{escape_markdown, neutralise_formula};

use std::collections::BTreeSet;
use std::path::PathBuf;

use minijinja::{Environment, Value, context};
use serde::Serialize;
use thiserror::Error;

use crate::diagram::{self, Notation, Words};
use crate::model::Language;
use crate::views::Pack;

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
    /// `model.json`: every view, for other tools.
    Json,
    /// `diagrams/ID.svg`: each process's map as SVG.
    Svg,
    /// `diagrams/ID.mmd`: each process's map as Mermaid.
    Mmd,
    /// `diagrams/ID.dot`: each process's map as Graphviz DOT.
    Dot,
    /// `diagrams/ID.bpmn`: each process's map as BPMN 2.0.
    Bpmn,
}

impl Format {
    /// Every format `build` writes by default.
    pub const ALL: [Format; 9] = [
        Format::Html,
        Format::Md,
        Format::Csv,
        Format::Xlsx,
        Format::Json,
        Format::Svg,
        Format::Mmd,
        Format::Dot,
        Format::Bpmn,
    ];

    /// The notation of the process maps this format writes, if it is one.
    pub fn diagram(self) -> Option<Notation> {
        match self {
            Format::Svg => Some(Notation::Svg),
            Format::Mmd => Some(Notation::Mermaid),
            Format::Dot => Some(Notation::Dot),
            Format::Bpmn => Some(Notation::Bpmn),
            Format::Html | Format::Md | Format::Csv | Format::Xlsx | Format::Json => None,
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
}

/// One file of the pack, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path under the output folder, with `/`.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
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

/// Renders every file of the pack, sorted by path.
pub fn render(pack: &Pack, options: &Options) -> Result<Vec<OutputFile>, RenderError> {
    let labels = labels(options)?;
    let mut files = Vec::new();
    let env = engine::environment(&options.overrides, options.language);
    let written: Vec<&str> = options
        .formats
        .iter()
        .filter_map(|f| f.diagram())
        .map(Notation::extension)
        .collect();
    let shared = Shared {
        pack: Value::from_serialize(pack),
        t: Value::from_serialize(&labels),
        diagram_formats: Value::from_serialize(&written),
        org_chart: Value::from_safe_string(diagram::org_chart(&org_units(pack))),
    };
    let (start, end) = event_names(&labels);
    let words = Words {
        start: &start,
        end: &end,
    };
    let draw = |format: Notation| -> Vec<String> {
        pack.maps
            .iter()
            .map(|map| diagram::write(map, format, &words))
            .collect()
    };
    for format in &options.formats {
        if let Some(diagram) = format.diagram() {
            for (map, text) in pack.maps.iter().zip(draw(diagram)) {
                files.push(OutputFile {
                    path: format!("diagrams/{}.{}", map.file, diagram.extension()),
                    bytes: text.into_bytes(),
                });
            }
            continue;
        }
        match format {
            Format::Html => {
                let maps = draw(Notation::Svg);
                pages(&env, &shared, pack, "html", &maps, &mut files)?;
                files.push(OutputFile {
                    path: "style.css".to_owned(),
                    bytes: options
                        .overrides
                        .get("style.css")
                        .or_else(|| builtin::builtin("style.css"))
                        .unwrap_or_default()
                        .as_bytes()
                        .to_vec(),
                });
            }
            Format::Md => {
                let maps = draw(Notation::Mermaid);
                pages(&env, &shared, pack, "md", &maps, &mut files)?;
            }
            Format::Csv => {
                let separator = options.csv_separator.unwrap_or(match options.language {
                    Language::Ru => b';',
                    Language::En => b',',
                });
                files.extend(table::csv_files(pack, &labels, separator)?);
            }
            Format::Xlsx => files.push(xlsx::raci_workbook(pack, &labels)?),
            Format::Json => files.push(OutputFile {
                path: "model.json".to_owned(),
                bytes: json(pack),
            }),
            Format::Svg | Format::Mmd | Format::Dot | Format::Bpmn => {}
        }
    }
    for file in &mut files {
        // Text formats only: the workbook is a zip, and replaces hidden characters cell
        // by cell.
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
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The names of BPMN's start and end events in the labels' language.
pub fn event_names(labels: &Labels) -> (String, String) {
    let text = |key: &str| match labels.get(key) {
        Some(Label::Text(text)) => text.clone(),
        _ => key.to_owned(),
    };
    (text("event_start"), text("event_end"))
}

/// `pack` as pretty JSON with a final newline.
pub fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The values every page receives, converted once.
struct Shared {
    pack: Value,
    t: Value,
    /// The extensions of the diagram files the pack has, for the pages to link to.
    diagram_formats: Value,
    /// The organisation chart as SVG, its links relative to the pack's top folder (the
    /// index and the handbook show it).
    org_chart: Value,
}

/// The internal roles as the organisation chart draws them, under whom they report to.
fn org_units(pack: &Pack) -> Vec<diagram::OrgUnit> {
    pack.roles
        .iter()
        .map(|r| diagram::OrgUnit {
            name: r.role.name.clone(),
            headcount: r.headcount,
            parent: r
                .reports_to
                .as_ref()
                .and_then(|boss| pack.roles.iter().position(|x| x.role.id == boss.id)),
            href: Some(format!("roles/{}.html", r.role.file)),
        })
        .collect()
}

/// One page: the template that renders it, where it goes, and its own view.
struct Page {
    template: &'static str,
    stem: String,
    root: &'static str,
    name: &'static str,
    view: Value,
    /// A regulation's process map: SVG in HTML, Mermaid in Markdown.
    diagram: Value,
}

/// Renders every page of one kind of file (`html` or `md`); `maps[p]` is process `p`'s
/// map, embedded in its regulation.
fn pages(
    env: &Environment<'static>,
    shared: &Shared,
    pack: &Pack,
    extension: &str,
    maps: &[String],
    files: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let folder = extension;
    let index_stem = if extension == "md" { "README" } else { "index" };
    let mut list = vec![
        Page {
            template: "index",
            stem: index_stem.to_owned(),
            root: "",
            name: "index",
            view: Value::UNDEFINED,
            diagram: Value::UNDEFINED,
        },
        Page {
            template: "raci",
            stem: "raci".to_owned(),
            root: "",
            name: "raci",
            view: Value::UNDEFINED,
            diagram: Value::UNDEFINED,
        },
    ];
    // Each kind of page: its template, the pack's list it shows an item of, the name the
    // template knows the item by, and each item's file (`None`: the item has no page).
    let kinds: [(&'static str, &str, &'static str, Vec<Option<String>>); 5] = [
        (
            "process",
            "processes",
            "process",
            pack.processes
                .iter()
                .map(|p| Some(format!("processes/{}", p.process.file)))
                .collect(),
        ),
        (
            "role",
            "roles",
            "role",
            pack.roles
                .iter()
                .map(|r| Some(format!("roles/{}", r.role.file)))
                .collect(),
        ),
        (
            "checklist",
            "checklists",
            "checklist",
            pack.checklists
                .iter()
                .map(|c| Some(format!("checklists/{}", c.role.file)))
                .collect(),
        ),
        (
            "form",
            "documents",
            "document",
            pack.documents
                .iter()
                .map(|d| {
                    d.artifact
                        .form
                        .then(|| format!("forms/{}", d.artifact.file))
                })
                .collect(),
        ),
        (
            "plan-fact",
            "plan_facts",
            "plan_fact",
            pack.plan_facts
                .iter()
                .map(|f| Some(format!("forms/{}.plan-fact", f.role.file)))
                .collect(),
        ),
    ];
    for (template, key, name, stems) in kinds {
        let items = shared.pack.get_attr(key).unwrap_or_default();
        for (index, stem) in stems.into_iter().enumerate() {
            if let Some(stem) = stem {
                list.push(Page {
                    template,
                    stem,
                    root: "../",
                    name,
                    view: items.get_item(&Value::from(index)).unwrap_or_default(),
                    diagram: match (template, maps.get(index)) {
                        ("process", Some(map)) => Value::from_safe_string(map.clone()),
                        _ => Value::UNDEFINED,
                    },
                });
            }
        }
    }
    let render = |page: &Page, root: &str| -> Result<String, RenderError> {
        let name = format!("{folder}/{}.{extension}", page.template);
        let fail = |e: minijinja::Error| template_error(&name, e);
        let template = env.get_template(&name).map_err(fail)?;
        let text = template
            .render(context! {
                pack => shared.pack.clone(),
                t => shared.t.clone(),
                root => Value::from_safe_string(root.to_owned()),
                diagram_formats => shared.diagram_formats.clone(),
                org_chart => shared.org_chart.clone(),
                ..Value::from_iter([
                    (page.name, page.view.clone()),
                    ("diagram", page.diagram.clone()),
                ])
            })
            .map_err(fail)?;
        if text.len() > MAX_OUTPUT_BYTES {
            return Err(RenderError::TooLarge {
                name,
                path: format!("{}.{extension}", page.stem),
                bytes: text.len(),
            });
        }
        Ok(text)
    };
    if extension == "html" {
        // The handbook holds every document but the index, each as its page shows it,
        // rendered again with links from the pack's top folder, where the handbook is.
        let mut bodies = Vec::new();
        for page in list.iter().filter(|p| p.template != "index") {
            bodies.push(Value::from_safe_string(
                main_of(&render(page, "")?).to_owned(),
            ));
        }
        let handbook = Page {
            template: "handbook",
            stem: "handbook".to_owned(),
            root: "",
            name: "bodies",
            view: Value::from(bodies),
            diagram: Value::UNDEFINED,
        };
        list.push(handbook);
    }
    for page in &list {
        let text = render(page, page.root)?;
        files.push(OutputFile {
            path: format!("{}.{extension}", page.stem),
            bytes: text.into_bytes(),
        });
    }
    Ok(())
}

/// The error of a template, named by the template and line where it happened (which may
/// be a template the page includes or extends).
/// The content of a page's `<main>` element: what the handbook shows of it. A page
/// without one (a user's template may drop it) is shown whole.
fn main_of(page: &str) -> &str {
    let start = page.find("<main>").map_or(0, |at| at + "<main>".len());
    let end = page.rfind("</main>").filter(|&end| end >= start);
    &page[start..end.unwrap_or(page.len())]
}

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
