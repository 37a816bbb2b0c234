//! The template pages: HTML and Markdown, one file per entry of the page table, each
//! rendered by the minijinja template of its kind; HTML adds the handbook, every document
//! in one printable file.

use minijinja::{Environment, Value, context};

use std::sync::{Arc, PoisonError};

use crate::layout;
use crate::render::memo::{self, Read};
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
fn item_of(pack: &Pack, page: &crate::views::Page) -> (&'static str, Option<View>) {
    let (template, view) = template_of(page.document);
    match view.and_then(|(name, key)| Some((name, key, list(pack, key)?.1))) {
        Some((name, list, item)) => (
            name,
            Some(View {
                list,
                item,
                index: page.item,
            }),
        ),
        None => (template, None),
    }
}

/// Where a page's own view is in the pack's lists.
#[derive(Clone, Copy)]
struct View {
    /// The list (`processes`).
    list: &'static str,
    item: Item,
    index: usize,
}

/// The view a page shows, under the name its template knows it by (undefined for the
/// index and the matrix).
pub fn view_of(pack: &Pack, page: &crate::views::Page) -> (&'static str, Value) {
    let (name, item) = item_of(pack, page);
    (
        name,
        item.map_or(Value::UNDEFINED, |view| (view.item)(pack, view.index)),
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
    item: Option<View>,
    /// A regulation's process, whose map the page shows.
    process: Option<usize>,
}

/// Process `p`'s map as a page shows it: the SVG drawings of its printed pages in HTML,
/// the one Mermaid text in Markdown. Drawn as its page is rendered, so that a build holds
/// one map at a time.
pub type Maps<'a> = &'a (dyn Fn(usize) -> Vec<String> + Sync);

/// What rendering a page takes besides the page: the same for every page of one markup.
pub struct Draw<'a> {
    /// The templates.
    pub env: &'a Environment<'static>,
    /// What every page receives.
    pub shared: &'a Shared,
    /// The markup the pages are written in.
    pub markup: Markup,
    /// The regulations' maps.
    pub maps: Maps<'a>,
    /// The pages of the last build, to take those whose inputs are unchanged; `None`
    /// renders every page.
    pub memo: Option<&'a memo::Build<'a>>,
}

/// Renders every page of the page table, and in HTML the handbook when the pack has one;
/// each regulation embeds its process's map.
pub fn write(draw: &Draw<'_>, pack: &Pack, files: &mut dyn Sink) -> Result<(), RenderError> {
    let list = pages(pack, draw.markup);
    in_parallel(
        &list,
        |page| {
            Ok(OutputFile {
                path: format!("{}.{}", page.path, draw.markup.extension()),
                bytes: draw.render(page, page.root)?.into_bytes(),
            })
        },
        |file| files.put(file),
    )?;
    if draw.markup == Markup::Html && pack.handbook {
        files.put(draw.handbook(&list)?)?;
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
    let draw = Draw {
        env,
        shared,
        markup: Markup::Html,
        maps,
        memo: None,
    };
    draw.handbook(&pages(pack, Markup::Html))
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

impl Draw<'_> {
    /// The handbook: every document of `list` but the index, each as its page shows it,
    /// rendered again with links from the pack's top folder, where the handbook is.
    fn handbook(&self, list: &[Page]) -> Result<OutputFile, RenderError> {
        let mut bodies = Vec::new();
        for page in list.iter().filter(|p| p.template != "index") {
            bodies.push(Value::from_safe_string(
                main_of(&self.render(page, "")?).to_owned(),
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
        // Its view is the pages, not a part of the pack: it is rendered every time.
        let draw = Draw {
            memo: None,
            ..*self
        };
        Ok(OutputFile {
            path: format!("{}.html", page.path),
            bytes: draw.render(&page, page.root)?.into_bytes(),
        })
    }

    /// `page` rendered by its template, its links relative to `root`: as the last build
    /// rendered it, when what it read then is unchanged.
    fn render(&self, page: &Page, root: &str) -> Result<String, RenderError> {
        let key = format!("{root}|{}.{}", page.path, self.markup.extension());
        if let Some(text) = self.memo.and_then(|memo| memo.page(&key)) {
            return Ok(text.to_string());
        }
        let reads = self.memo.map(|_| memo::Reads::default());
        let text = self.render_anew(page, root, reads.clone())?;
        if let (Some(memo), Some(reads)) = (self.memo, reads) {
            let mut reads =
                std::mem::take(&mut *reads.lock().unwrap_or_else(PoisonError::into_inner));
            reads.extend(page.item.map(|view| Read::Item(view.list, view.index)));
            reads.extend(page.process.map(Read::Map));
            reads.sort_unstable();
            reads.dedup();
            memo.keep(key, reads, &text);
        }
        Ok(text)
    }

    /// `page` rendered by its template, noting what it reads of the pack in `reads`.
    fn render_anew(
        &self,
        page: &Page,
        root: &str,
        reads: Option<memo::Reads>,
    ) -> Result<String, RenderError> {
        let extension = self.markup.extension();
        let name = format!("{extension}/{}.{extension}", page.template);
        let fail = |e: minijinja::Error| template_error(&name, e);
        let template = self.env.get_template(&name).map_err(fail)?;
        let shared = self.shared;
        let view = match page.item {
            Some(view) => (view.item)(&shared.pack, view.index),
            None => page.view.clone(),
        };
        let diagram = page.process.map_or(Value::UNDEFINED, |process| {
            Value::from_iter(
                (self.maps)(process)
                    .into_iter()
                    .map(Value::from_safe_string),
            )
        });
        let text = template
            .render(context! {
                pack => PackValue::of(&shared.pack, reads),
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
}

/// The content of a page's `<main>` element: what the handbook shows of it. A page
/// without one (a user's template may drop it) is shown whole.
fn main_of(page: &str) -> &str {
    let start = page.find("<main>").map_or(0, |at| at + "<main>".len());
    let end = page.rfind("</main>").filter(|&end| end >= start);
    &page[start..end.unwrap_or(page.len())]
}
