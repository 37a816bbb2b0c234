//! The template pages: HTML and Markdown, one file per entry of the page table, each
//! rendered by the minijinja template of its kind; HTML adds the handbook, every document
//! in one printable file.

use minijinja::{Environment, Value, context};

use crate::layout;
use crate::render::{MAX_OUTPUT_BYTES, OutputFile, RenderError, template_error};
use crate::views::{DocKind, Pack};

/// The values every page receives, converted once.
#[derive(Clone)]
pub struct Shared {
    /// Every view of the model.
    pub pack: Value,
    /// The labels.
    pub t: Value,
    /// The extensions of the diagram files the pack has, for the pages to link to.
    pub diagram_formats: Value,
    /// The organisation chart as SVG, its links relative to the pack's top folder (the
    /// index and the handbook show it).
    pub org_chart: Value,
    /// What the handbook holds, as its introduction says it.
    pub handbook_contains: Value,
    /// The page each part of the printed handbook starts on, by its anchor (`doc-3`), for
    /// its contents; undefined but in the copy `handbook.pdf` prints.
    pub page_numbers: Value,
}

/// A markup the pages are written in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// `.html`, with the handbook.
    Html,
    /// `.md`; the index is `README.md`, which code hosts show for a folder.
    Markdown,
}

impl Markup {
    fn extension(self) -> &'static str {
        match self {
            Markup::Html => "html",
            Markup::Markdown => "md",
        }
    }
}

/// Which template renders a page of `kind`, where the pack keeps the views of that kind,
/// and the name the template knows its own view by.
fn template_of(document: Option<DocKind>) -> (&'static str, Option<(&'static str, &'static str)>) {
    match document {
        None => ("index", None),
        Some(DocKind::OrgChart) => ("org", None),
        Some(DocKind::Matrix) => ("raci", None),
        Some(DocKind::Regulation) => ("process", Some(("processes", "process"))),
        Some(DocKind::JobDescription) => ("role", Some(("roles", "role"))),
        Some(DocKind::Checklist) => ("checklist", Some(("checklists", "checklist"))),
        Some(DocKind::Form) => ("form", Some(("documents", "document"))),
        Some(DocKind::PlanFact) => ("plan-fact", Some(("plan_facts", "plan_fact"))),
        Some(DocKind::Motivation) => ("motivation", None),
    }
}

/// The view a page shows, under the name its template knows it by (none for the index and
/// the matrix, which show the whole pack).
pub fn view_of(shared: &Shared, page: &crate::views::Page) -> (&'static str, Value) {
    let (template, view) = template_of(page.document);
    match view {
        Some((key, name)) => (
            name,
            shared
                .pack
                .get_attr(key)
                .unwrap_or_default()
                .get_item(&Value::from(page.item))
                .unwrap_or_default(),
        ),
        None => (template, Value::UNDEFINED),
    }
}

/// One page to render: its template, its file and its own view.
struct Page {
    template: &'static str,
    path: String,
    /// The way back to the pack's top folder from the page's folder.
    root: &'static str,
    name: &'static str,
    view: Value,
    /// A regulation's process map: the SVG drawings of its printed pages in HTML, the one
    /// Mermaid text in Markdown.
    diagram: Value,
}

/// Renders every page of the page table in `markup`, and in HTML the handbook; `maps[p]`
/// is process `p`'s map (its printed pages' drawings), embedded in its regulation.
pub fn write(
    env: &Environment<'static>,
    shared: &Shared,
    pack: &Pack,
    markup: Markup,
    maps: &[Vec<String>],
    files: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let list = pages(shared, pack, markup, maps);
    for page in &list {
        let text = render(env, shared, markup, page, page.root)?;
        files.push(OutputFile {
            path: format!("{}.{}", page.path, markup.extension()),
            bytes: text.into_bytes(),
        });
    }
    if markup == Markup::Html {
        files.push(handbook_of(env, shared, &list)?);
    }
    Ok(())
}

/// The HTML handbook alone: what `handbook.pdf` prints.
pub fn handbook(
    env: &Environment<'static>,
    shared: &Shared,
    pack: &Pack,
    maps: &[Vec<String>],
) -> Result<OutputFile, RenderError> {
    handbook_of(env, shared, &pages(shared, pack, Markup::Html, maps))
}

/// The pages of the page table in `markup`.
fn pages(shared: &Shared, pack: &Pack, markup: Markup, maps: &[Vec<String>]) -> Vec<Page> {
    pack.pages
        .iter()
        .map(|page| {
            let (template, _) = template_of(page.document);
            let (name, view) = view_of(shared, page);
            let path = match (page.document, markup) {
                (None, Markup::Markdown) => "README".to_owned(),
                _ => page.path.clone(),
            };
            Page {
                template,
                root: if path.contains('/') { "../" } else { "" },
                path,
                name,
                view,
                diagram: match (page.document, maps.get(page.item)) {
                    (Some(DocKind::Regulation), Some(map)) => Value::from_iter(
                        map.iter().map(|part| Value::from_safe_string(part.clone())),
                    ),
                    _ => Value::UNDEFINED,
                },
            }
        })
        .collect()
}

/// The handbook: every document of `list` but the index, each as its page shows it,
/// rendered again with links from the pack's top folder, where the handbook is.
fn handbook_of(
    env: &Environment<'static>,
    shared: &Shared,
    list: &[Page],
) -> Result<OutputFile, RenderError> {
    let mut bodies = Vec::new();
    for page in list.iter().filter(|p| p.template != "index") {
        bodies.push(Value::from_safe_string(
            main_of(&render(env, shared, Markup::Html, page, "")?).to_owned(),
        ));
    }
    let page = Page {
        template: "handbook",
        path: layout::HANDBOOK.to_owned(),
        root: "",
        name: "bodies",
        view: Value::from(bodies),
        diagram: Value::UNDEFINED,
    };
    Ok(OutputFile {
        path: format!("{}.html", page.path),
        bytes: render(env, shared, Markup::Html, &page, page.root)?.into_bytes(),
    })
}

/// `page` rendered by its template, its links relative to `root`.
fn render(
    env: &Environment<'static>,
    shared: &Shared,
    markup: Markup,
    page: &Page,
    root: &str,
) -> Result<String, RenderError> {
    let extension = markup.extension();
    let name = format!("{extension}/{}.{extension}", page.template);
    let fail = |e: minijinja::Error| template_error(&name, e);
    let template = env.get_template(&name).map_err(fail)?;
    let text = template
        .render(context! {
            pack => shared.pack.clone(),
            t => shared.t.clone(),
            root => Value::from_safe_string(root.to_owned()),
            diagram_formats => shared.diagram_formats.clone(),
            org_chart => shared.org_chart.clone(),
            handbook_contains => shared.handbook_contains.clone(),
            page_numbers => shared.page_numbers.clone(),
            ..Value::from_iter([
                (page.name, page.view.clone()),
                ("diagram", page.diagram.clone()),
            ])
        })
        .map_err(fail)?;
    if text.len() > MAX_OUTPUT_BYTES {
        return Err(RenderError::TooLarge {
            name,
            path: format!("{}.{extension}", page.path),
            bytes: text.len(),
        });
    }
    Ok(text)
}

/// The content of a page's `<main>` element: what the handbook shows of it. A page
/// without one (a user's template may drop it) is shown whole.
fn main_of(page: &str) -> &str {
    let start = page.find("<main>").map_or(0, |at| at + "<main>".len());
    let end = page.rfind("</main>").filter(|&end| end >= start);
    &page[start..end.unwrap_or(page.len())]
}
