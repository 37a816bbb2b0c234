//! The template pages: HTML and Markdown, one file per entry of the page table, each
//! rendered by the minijinja template of its kind; HTML adds the handbook, every document
//! in one printable file.

use minijinja::{Environment, Value, context};

use std::sync::Arc;

use crate::layout;
use crate::render::pack_value::{Item, PackValue, list};
use crate::render::{MAX_OUTPUT_BYTES, OutputFile, RenderError, Sink, in_parallel, template_error};
use crate::views::{DocKind, Pack};

/// The values every page receives, converted once.
#[derive(Clone)]
pub struct Shared {
    /// Every view of the model, which each page converts as it reads it
    /// ([`PackValue`]).
    pub pack: Arc<Pack>,
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

/// Which template renders a page of `kind`, and for a page of one of the pack's lists,
/// the name the template knows its own view by and the list ([`list`]).
fn template_of(document: Option<DocKind>) -> (&'static str, Option<(&'static str, &'static str)>) {
    match document {
        None => ("index", None),
        Some(DocKind::OrgChart) => ("org", None),
        Some(DocKind::Matrix) => ("raci", None),
        Some(DocKind::Regulation) => ("process", Some(("process", "processes"))),
        Some(DocKind::JobDescription) => ("role", Some(("role", "roles"))),
        Some(DocKind::Checklist) => ("checklist", Some(("checklist", "checklists"))),
        Some(DocKind::Form) => ("form", Some(("document", "documents"))),
        Some(DocKind::PlanFact) => ("plan-fact", Some(("plan_fact", "plan_facts"))),
        Some(DocKind::Motivation) => ("motivation", None),
    }
}

/// The name a page's template knows its own view by, and where in the pack's lists that
/// view is (none for the index and the matrix, which show the whole pack).
fn item_of(pack: &Pack, page: &crate::views::Page) -> (&'static str, Option<(Item, usize)>) {
    let (template, view) = template_of(page.document);
    match view.and_then(|(name, key)| Some((name, list(pack, key)?.1))) {
        Some((name, item)) => (name, Some((item, page.item))),
        None => (template, None),
    }
}

/// The view a page shows, under the name its template knows it by (undefined for the
/// index and the matrix).
pub fn view_of(pack: &Pack, page: &crate::views::Page) -> (&'static str, Value) {
    let (name, item) = item_of(pack, page);
    (
        name,
        item.map_or(Value::UNDEFINED, |(item, index)| item(pack, index)),
    )
}

/// One page to render: its template, its file and its own view.
struct Page {
    template: &'static str,
    path: String,
    /// The way back to the pack's top folder from the page's folder.
    root: &'static str,
    name: &'static str,
    /// Its view, when it is not one of the pack's lists (the handbook's bodies).
    view: Value,
    /// Where its view is in the pack's lists: converted as the page is rendered, so that
    /// the build holds one page's view at a time.
    item: Option<(Item, usize)>,
    /// A regulation's process, whose map the page shows.
    process: Option<usize>,
}

/// Process `p`'s map as a page shows it: the SVG drawings of its printed pages in HTML,
/// the one Mermaid text in Markdown. Drawn as its page is rendered, so that a build holds
/// one map at a time.
pub type Maps<'a> = &'a (dyn Fn(usize) -> Vec<String> + Sync);

/// Renders every page of the page table in `markup`, and in HTML the handbook when the
/// pack has one; each regulation embeds its process's map.
pub fn write(
    env: &Environment<'static>,
    shared: &Shared,
    pack: &Pack,
    markup: Markup,
    maps: Maps<'_>,
    files: &mut dyn Sink,
) -> Result<(), RenderError> {
    let list = pages(pack, markup);
    in_parallel(
        &list,
        |page| {
            Ok(OutputFile {
                path: format!("{}.{}", page.path, markup.extension()),
                bytes: render(env, shared, markup, page, page.root, maps)?.into_bytes(),
            })
        },
        |file| files.put(file),
    )?;
    if markup == Markup::Html && pack.handbook {
        files.put(handbook_of(env, shared, &list, maps)?)?;
    }
    Ok(())
}

/// The HTML handbook alone: what `handbook.pdf` prints.
pub fn handbook(
    env: &Environment<'static>,
    shared: &Shared,
    pack: &Pack,
    maps: Maps<'_>,
) -> Result<OutputFile, RenderError> {
    handbook_of(env, shared, &pages(pack, Markup::Html), maps)
}

/// The pages of the page table in `markup`.
fn pages(pack: &Pack, markup: Markup) -> Vec<Page> {
    pack.pages
        .iter()
        .map(|page| {
            let (template, _) = template_of(page.document);
            let (name, item) = item_of(pack, page);
            let path = match (page.document, markup) {
                (None, Markup::Markdown) => "README".to_owned(),
                _ => page.path.clone(),
            };
            Page {
                template,
                root: if path.contains('/') { "../" } else { "" },
                path,
                name,
                view: Value::UNDEFINED,
                item,
                process: (page.document == Some(DocKind::Regulation)).then_some(page.item),
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
    maps: Maps<'_>,
) -> Result<OutputFile, RenderError> {
    let mut bodies = Vec::new();
    for page in list.iter().filter(|p| p.template != "index") {
        bodies.push(Value::from_safe_string(
            main_of(&render(env, shared, Markup::Html, page, "", maps)?).to_owned(),
        ));
    }
    let page = Page {
        template: "handbook",
        path: layout::HANDBOOK.to_owned(),
        root: "",
        name: "bodies",
        view: Value::from(bodies),
        item: None,
        process: None,
    };
    Ok(OutputFile {
        path: format!("{}.html", page.path),
        bytes: render(env, shared, Markup::Html, &page, page.root, maps)?.into_bytes(),
    })
}

/// `page` rendered by its template, its links relative to `root`.
fn render(
    env: &Environment<'static>,
    shared: &Shared,
    markup: Markup,
    page: &Page,
    root: &str,
    maps: Maps<'_>,
) -> Result<String, RenderError> {
    let extension = markup.extension();
    let name = format!("{extension}/{}.{extension}", page.template);
    let fail = |e: minijinja::Error| template_error(&name, e);
    let template = env.get_template(&name).map_err(fail)?;
    let view = match page.item {
        Some((item, index)) => item(&shared.pack, index),
        None => page.view.clone(),
    };
    let diagram = page.process.map_or(Value::UNDEFINED, |process| {
        Value::from_iter(maps(process).into_iter().map(Value::from_safe_string))
    });
    let text = template
        .render(context! {
            pack => PackValue::of(&shared.pack),
            t => shared.t.clone(),
            root => Value::from_safe_string(root.to_owned()),
            diagram_formats => shared.diagram_formats.clone(),
            org_chart => shared.org_chart.clone(),
            handbook_contains => shared.handbook_contains.clone(),
            page_numbers => shared.page_numbers.clone(),
            ..Value::from_iter([
                (page.name, view),
                ("diagram", diagram),
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
