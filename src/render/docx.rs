//! Word documents: one `.docx` per document of the page table that has a Word template
//! (`docx/KIND.xml`). A document is a package of WordprocessingML parts: its body, styles,
//! numbering and footer are rendered from templates (a user's `--templates` folder can
//! replace any of them); the package's fixed parts are written here. The zip gets fixed
//! timestamps and a fixed order, so the same model gives byte-identical files.

use std::io::Write;
use std::sync::Arc;

use minijinja::value::merge_maps;
use minijinja::{Environment, Value, context};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::diagram;
use crate::model::Language;
use crate::render::pack_value::PackValue;
use crate::render::pages::{Maps, Shared, view_of};
use crate::render::picture::{self, Picture};
use crate::render::reference::Header;
use crate::render::{
    Options, OutputFile, Reference, RenderError, Sink, in_parallel, template_error,
};
use crate::views::Page;
use crate::views::{DocKind, Pack};

/// The Word template of a document of the register (every one has one; the index is a page
/// to browse, not a document to sign, and has none).
fn template_of(document: DocKind) -> &'static str {
    match document {
        DocKind::OrgChart => "docx/org.xml",
        DocKind::JobDescription => "docx/role.xml",
        DocKind::Regulation => "docx/process.xml",
        DocKind::Matrix => "docx/raci.xml",
        DocKind::Checklist => "docx/checklist.xml",
        DocKind::Form => "docx/form.xml",
        DocKind::PlanFact => "docx/plan-fact.xml",
        DocKind::Motivation => "docx/motivation.xml",
    }
}

/// The content types of a package whose footers are `footers` (`footer1.xml`, …), with a
/// header and its pictures when the client's reference file gives one, and the PNG drawings
/// (process maps, the organisation chart) when `drawings`.
fn content_types(footers: usize, header: Option<&Header>, drawings: bool) -> String {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    );
    for n in 1..=footers {
        types.push_str(&format!(
            r#"<Override PartName="/word/footer{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#
        ));
    }
    let mut extensions: Vec<String> = Vec::new();
    if let Some(header) = header {
        types.push_str(r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#);
        extensions.extend(header.media.iter().filter_map(|(name, _)| {
            name.rsplit_once('.')
                .map(|(_, ext)| ext.to_ascii_lowercase())
        }));
    }
    if drawings {
        extensions.push("png".to_owned());
    }
    extensions.sort_unstable();
    extensions.dedup();
    for extension in extensions {
        let kind = match extension.as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "emf" => "image/x-emf",
            "wmf" => "image/x-wmf",
            "svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        types.push_str(&format!(
            r#"<Default Extension="{extension}" ContentType="{kind}"/>"#
        ));
    }
    types.push_str("</Types>\n");
    types
}

/// The package's relationships: its main document and its properties.
const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rDocument" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
"#;

/// The main document's relationships: the parts `document.xml` refers to by id. The first
/// footer is `rFooter`, the others (a map's landscape page, the handbook's sections)
/// `rFooter2`, `rFooter3`, …; the client's header, when there is one, is `rHeader`; page
/// K of the map of process N is `rMapN_K`, the handbook's organisation chart `rOrg`.
fn document_rels(footers: usize, header: bool, drawings: &[Drawing]) -> String {
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#,
    );
    for n in 1..=footers {
        rels.push_str(&format!(
            r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer{n}.xml"/>"#,
            footer_id(n)
        ));
    }
    if header {
        rels.push_str(r#"<Relationship Id="rHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#);
    }
    for drawing in drawings {
        rels.push_str(&format!(
            r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/{}"/>"#,
            drawing.rel, drawing.media
        ));
    }
    rels.push_str("</Relationships>\n");
    rels
}

/// The relationship id of footer `n` (from 1).
fn footer_id(n: usize) -> String {
    if n == 1 {
        "rFooter".to_owned()
    } else {
        format!("rFooter{n}")
    }
}

/// The settings, in the order the schema sets: words are hyphenated (in the document's
/// language), so justified lines have no gaps and narrow cells break words where they
/// may; fields (the page count, the contents) are brought up to date on opening.
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="709"/><w:autoHyphenation/><w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
"#;

/// The language tag Word checks spelling and hyphenates in.
fn language_tag(language: Language) -> &'static str {
    match language {
        Language::Ru => "ru-RU",
        Language::En => "en-GB",
    }
}

/// A picture of the package: one page of a regulation's process map (on a landscape
/// appendix page), or the handbook's organisation chart.
#[derive(Clone)]
struct Drawing {
    /// Its relationship id.
    rel: String,
    /// Its file under `word/media/` (a name no client's header picture has).
    media: String,
    /// The drawing id Word numbers it by, counted from 999, clear of the client's header's.
    id: usize,
    picture: Arc<Picture>,
}

impl Drawing {
    /// Page `page` (from 1) of the map of the pack's process `process` (a map has far
    /// fewer than 100 pages).
    fn map(process: usize, page: usize, picture: Arc<Picture>) -> Self {
        Drawing {
            rel: format!("rMap{process}_{page}"),
            media: format!("raciflow-map{process}-{page}.png"),
            id: 1000 + 100 * process + page,
            picture,
        }
    }

    /// The organisation chart.
    fn org(picture: Arc<Picture>) -> Self {
        Drawing {
            rel: "rOrg".to_owned(),
            media: "raciflow-org.png".to_owned(),
            id: 999,
            picture,
        }
    }

    /// What the template draws it by: its relationship, size and drawing id.
    fn value(&self) -> Value {
        context! {
            rel => self.rel,
            id => self.id,
            width => self.picture.width,
            height => self.picture.height,
        }
    }
}

/// The box a map is fitted into on its landscape A4 page, in millimetres: the page less
/// its 10 mm margins and the appendix title above the map, as `diagram::PAGE`.
const MAP_BOX: (f64, f64) = diagram::PAGE;

/// The box the organisation chart is fitted into on its portrait page, in millimetres:
/// the width between a Russian page's margins (30 and 15 mm), the height less the
/// approval stamp, the title and the document line above it.
const ORG_BOX: (f64, f64) = (165.0, 175.0);

/// One document of the page table as a Word template renders it.
struct Document {
    template: &'static str,
    name: &'static str,
    view: Value,
    identity: Value,
    landscape: bool,
    /// A regulation's map, a picture a page; the organisation chart's one picture.
    map: Vec<Drawing>,
}

impl Document {
    /// The page's document (none for the index); a regulation draws its process's map
    /// from `maps`, a picture a page, and `org` is the organisation chart's picture.
    fn of(
        shared: &Shared,
        page: &Page,
        maps: Maps<'_>,
        org: Option<&Arc<Picture>>,
    ) -> Option<Document> {
        let kind = page.document?;
        let template = template_of(kind);
        let pack = &shared.pack;
        let (name, view) = view_of(pack, page);
        // The matrix, the plan/fact forms and a form too wide for a portrait page print
        // on landscape pages.
        // The matrix and the motivation policy show the whole pack: their identities are
        // in their part of it.
        let whole = |identity: Option<&crate::views::Identity>| {
            identity.map_or(Value::UNDEFINED, Value::from_serialize)
        };
        let (identity, landscape) = match kind {
            DocKind::OrgChart => (whole(pack.org_chart.as_ref().map(|o| &o.identity)), false),
            DocKind::Matrix => (whole(Some(&pack.raci.identity)), true),
            DocKind::Motivation => (whole(pack.motivation.as_ref().map(|m| &m.identity)), false),
            _ => (
                view.get_attr("identity").unwrap_or_default(),
                kind == DocKind::PlanFact || view.get_attr("landscape").is_ok_and(|l| l.is_true()),
            ),
        };
        let map = match kind {
            DocKind::Regulation => pictures(&maps(page.item))
                .into_iter()
                .enumerate()
                .map(|(index, picture)| Drawing::map(page.item, index + 1, Arc::new(picture)))
                .collect(),
            DocKind::OrgChart => org.cloned().map(Drawing::org).into_iter().collect(),
            _ => Vec::new(),
        };
        Some(Document {
            template,
            name,
            view,
            identity,
            landscape,
            map,
        })
    }
}

/// What one package holds of its own, and the styles and numbering it shares.
struct Contents<'a> {
    document: String,
    footers: Vec<String>,
    drawings: Vec<Drawing>,
    core: String,
    styles: &'a str,
    numbering: &'a str,
}

/// Renders Word templates with what every part of one build receives.
struct Parts<'a> {
    env: &'a Environment<'static>,
    shared: &'a Shared,
    lang: &'static str,
    reference: Option<&'a Reference>,
}

impl Parts<'_> {
    /// Template `template` rendered for `document` (the handbook's own parts have none),
    /// with `extra` values; safe for XML whatever the model's text holds.
    fn render(
        &self,
        template: &str,
        document: Option<&Document>,
        extra: Value,
    ) -> Result<String, RenderError> {
        let fail = |e: minijinja::Error| template_error(template, e);
        let own = document.map_or(Value::from(()), |d| {
            Value::from_iter([
                (d.name, d.view.clone()),
                ("identity", d.identity.clone()),
                ("landscape", Value::from(d.landscape)),
                ("map", Value::from_iter(d.map.iter().map(Drawing::value))),
            ])
        });
        let text = self
            .env
            .get_template(template)
            .map_err(fail)?
            // A later map overrides an earlier one: what every part receives, then the
            // document's own values, then the handbook section's.
            .render(merge_maps([
                context! {
                    pack => PackValue::of(&self.shared.pack, None),
                    t => self.shared.t.clone(),
                    lang => self.lang,
                    part => false,
                    landscape => false,
                    num_id => 1,
                    footer => footer_id(1),
                    map_footer => footer_id(2),
                    restarts => 0,
                    header => self.reference.is_some_and(|r| r.header.is_some()),
                    margins => self
                        .reference
                        .and_then(|r| r.margins.clone())
                        .map(Value::from_safe_string),
                },
                own,
                extra,
            ]))
            .map_err(fail)?;
        Ok(without_xml_illegal(&crate::hidden::replace(&text)))
    }

    /// The footers of `document`: its own, and a landscape one for its map's page; `part`
    /// when it is a section of the handbook.
    fn footers(&self, document: &Document, part: bool) -> Result<Vec<String>, RenderError> {
        let mut footers =
            vec![self.render("docx/footer.xml", Some(document), context! { part })?];
        if !document.map.is_empty() {
            footers.push(self.render(
                "docx/footer.xml",
                Some(document),
                context! { landscape => true, map_page => true, part },
            )?);
        }
        Ok(footers)
    }

    /// The styles every package of the build holds: the pack's, or the client's with the
    /// pack's added.
    fn styles(&self) -> Result<String, RenderError> {
        let styles = self.render("docx/styles.xml", None, Value::from(()))?;
        Ok(match self.reference {
            Some(reference) => reference.styles_with(&styles),
            None => styles,
        })
    }

    /// The numbering definitions, with `restarts` lists of their own for the documents of
    /// the handbook.
    fn numbering(&self, restarts: usize) -> Result<String, RenderError> {
        self.render("docx/numbering.xml", None, context! { restarts })
    }

    /// The parts every package shares, around its `document.xml`, footers, styles and
    /// numbering.
    fn package(&self, path: String, contents: Contents<'_>) -> Result<OutputFile, RenderError> {
        let Contents {
            document,
            footers,
            drawings,
            core,
            styles,
            numbering,
        } = contents;
        let header = self.reference.and_then(|r| r.header.as_ref());
        let mut parts: Vec<(String, Vec<u8>)> = vec![
            (
                "[Content_Types].xml".to_owned(),
                content_types(footers.len(), header, !drawings.is_empty()).into_bytes(),
            ),
            ("_rels/.rels".to_owned(), PACKAGE_RELS.as_bytes().to_vec()),
            ("docProps/core.xml".to_owned(), core.into_bytes()),
            (
                "word/_rels/document.xml.rels".to_owned(),
                document_rels(footers.len(), header.is_some(), &drawings).into_bytes(),
            ),
            ("word/document.xml".to_owned(), document.into_bytes()),
            ("word/styles.xml".to_owned(), styles.as_bytes().to_vec()),
            (
                "word/numbering.xml".to_owned(),
                numbering.as_bytes().to_vec(),
            ),
            ("word/settings.xml".to_owned(), SETTINGS.as_bytes().to_vec()),
        ];
        for (n, footer) in footers.into_iter().enumerate() {
            parts.push((format!("word/footer{}.xml", n + 1), footer.into_bytes()));
        }
        if let Some(header) = header {
            parts.push((
                "word/header1.xml".to_owned(),
                header.xml.clone().into_bytes(),
            ));
            if let Some(rels) = &header.rels {
                parts.push((
                    "word/_rels/header1.xml.rels".to_owned(),
                    rels.clone().into_bytes(),
                ));
            }
            for (name, bytes) in &header.media {
                parts.push((format!("word/media/{name}"), bytes.clone()));
            }
        }
        for drawing in &drawings {
            parts.push((
                format!("word/media/{}", drawing.media),
                drawing.picture.png.clone(),
            ));
        }
        let bytes = package(&parts).map_err(|e| RenderError::Table {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        Ok(OutputFile { path, bytes })
    }
}

/// The pictures of a map's printed pages (`svg`), each fitted to its landscape page; none
/// when resvg cannot read one of them.
fn pictures(svg: &[String]) -> Vec<Picture> {
    svg.iter()
        .map(|page| picture::fitted(page, MAP_BOX.0, MAP_BOX.1))
        .collect::<Option<Vec<Picture>>>()
        .unwrap_or_default()
}

/// Renders every page that has a Word template into a file named for its code and title
/// (`layout::word`), and, when the pack has a handbook, every one of them in one file
/// named for it («Сборник документов.docx»); each regulation draws its process's map as
/// pictures, one a printed page. Each file goes to `files` as it is made; only the
/// handbook's parts are kept until the end.
pub fn write(
    env: &Environment<'static>,
    shared: &Shared,
    pack: &Pack,
    options: &Options,
    maps: Maps<'_>,
    files: &mut dyn Sink,
) -> Result<(), RenderError> {
    let parts = Parts {
        env,
        shared,
        lang: language_tag(options.language),
        reference: options.docx_reference.as_ref(),
    };
    let chart = shared
        .org_chart
        .as_str()
        .and_then(|svg| picture::fitted(svg, ORG_BOX.0, ORG_BOX.1))
        .map(Arc::new);
    // Every file of the build has the same styles, and each alone the same numbering.
    let styles = parts.styles()?;
    let numbering = parts.numbering(0)?;
    let mut documents = Vec::new();
    let make = |page: &Page| -> Result<Option<(OutputFile, Document)>, RenderError> {
        let Some(document) = Document::of(shared, page, maps, chart.as_ref()) else {
            return Ok(None);
        };
        let none = Value::from(());
        let contents = Contents {
            document: parts.render(document.template, Some(&document), none.clone())?,
            footers: parts.footers(&document, false)?,
            drawings: document.map.clone(),
            core: parts.render("docx/core.xml", Some(&document), none)?,
            styles: &styles,
            numbering: &numbering,
        };
        let (code, title) = (
            text(&document.identity, "code"),
            text(&document.identity, "title"),
        );
        let path = crate::layout::word(&page.path, &code, &title);
        Ok(Some((parts.package(path, contents)?, document)))
    };
    in_parallel(&pack.pages, make, |made| {
        if let Some((file, document)) = made {
            files.put(file)?;
            if pack.handbook {
                documents.push(document);
            }
        }
        Ok(())
    })?;
    if !pack.handbook {
        return Ok(());
    }
    // The handbook: its front matter's footer first, then a section per document.
    let handbook = Value::from_iter([(
        "identity",
        context! { code => "", title => "", version => Value::from(()) },
    )]);
    let mut footers = vec![parts.render("docx/footer.xml", None, handbook.clone())?];
    let mut sections = String::new();
    // The contents: an entry per document, its page number a reference to the bookmark at
    // the document's start, which Word and LibreOffice both compute as they lay it out.
    let mut entries = Vec::new();
    for (index, document) in documents.iter().enumerate() {
        let (code, title) = (
            text(&document.identity, "code"),
            text(&document.identity, "title"),
        );
        let bookmark = format!("_raciflow_doc{}", index + 1);
        entries.push(context! { text => format!("{code} {title}"), bookmark });
        let extra = context! {
            part => true,
            footer => footer_id(footers.len() + 1),
            map_footer => footer_id(footers.len() + 2),
            bookmark,
            num_id => index + 3,
        };
        sections.push_str(&parts.render(document.template, Some(document), extra)?);
        footers.extend(parts.footers(document, true)?);
    }
    let body = parts.render(
        "docx/handbook.xml",
        None,
        context! {
            parts => Value::from_safe_string(sections),
            entries,
            handbook_contains => shared.handbook_contains.clone(),
        },
    )?;
    let core = parts.render("docx/core.xml", None, handbook)?;
    let numbering = parts.numbering(documents.len())?;
    let contents = Contents {
        document: body,
        footers,
        drawings: documents
            .iter()
            .flat_map(|d| d.map.iter().cloned())
            .collect(),
        core,
        styles: &styles,
        numbering: &numbering,
    };
    let path = crate::layout::word(crate::layout::HANDBOOK, "", &text(&shared.t, "handbook"));
    files.put(parts.package(path, contents)?)
}

/// The text of `value`'s attribute `name`, empty when it has none.
fn text(value: &Value, name: &str) -> String {
    value
        .get_attr(name)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The parts zipped in the order given, each stamped with the same fixed time; pictures
/// are stored as they are (a PNG is compressed already).
fn package(parts: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().last_modified_time(DateTime::default());
    for (name, bytes) in parts {
        let method = if name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(name.as_str(), options.compression_method(method))?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `text` without the characters XML 1.0 forbids (most C0 controls): a name with one would
/// make Word refuse the whole file. Each part passes `hidden::replace` first, as the pack's
/// text files do; this is the last guard for what that leaves.
fn without_xml_illegal(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::without_xml_illegal;

    #[test]
    fn control_characters_never_reach_the_xml() {
        assert_eq!(without_xml_illegal("a\u{1}b\u{8}c\td\n"), "abc\td\n");
        assert_eq!(without_xml_illegal("Привет"), "Привет");
    }
}
