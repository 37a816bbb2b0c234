//! The client's own Word file as a reference for the pack's Word files, the way pandoc's
//! `--reference-doc` works: its styles (fonts, sizes, spacing), its page margins and its
//! header (a logo, the letterhead, with their pictures) replace the pack's; its text is
//! ignored. The pack's footer stays: it carries the document's code and page numbers.

use std::io::{Cursor, Read};
use std::path::Path;

use roxmltree::{Document, Node};
use zip::ZipArchive;

use crate::render::RenderError;

/// The most a reference file, or any one part of it, may hold: a letterhead with a logo is
/// far below this, and a larger file is not read into memory.
const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The namespace of relationship ids.
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The page margins a section may set, in the order Word writes them.
const MARGINS: [&str; 7] = [
    "top", "right", "bottom", "left", "header", "footer", "gutter",
];

/// What the pack takes from a client's Word file.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// Its `word/styles.xml`.
    pub styles: String,
    /// Its page margins: the `<w:pgMar …/>` of its last section, written anew from its
    /// numbers.
    pub margins: Option<String>,
    /// Its default header, with what it needs.
    pub header: Option<Header>,
}

/// A header part and the pictures it shows.
#[derive(Debug, Clone)]
pub struct Header {
    /// `word/headerN.xml`.
    pub xml: String,
    /// Its relationships (`word/_rels/headerN.xml.rels`), if it has any.
    pub rels: Option<String>,
    /// The files under `word/media/` (name, bytes).
    pub media: Vec<(String, Vec<u8>)>,
}

impl Reference {
    /// Reads the reference file at `path`.
    pub fn read(path: &Path) -> Result<Reference, RenderError> {
        let fail = |reason: String| RenderError::Reference {
            path: path.to_path_buf(),
            reason,
        };
        let size = std::fs::metadata(path)
            .map_err(|e| fail(e.to_string()))?
            .len();
        if size > MAX_BYTES {
            return Err(fail(format!(
                "{size} bytes; a reference file may hold {MAX_BYTES}"
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
        let mut zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| fail(format!("not a Word file: {e}")))?;
        let mut text = |name: &str| -> Result<Option<String>, RenderError> {
            let Ok(file) = zip.by_name(name) else {
                return Ok(None);
            };
            let mut out = String::new();
            file.take(MAX_BYTES)
                .read_to_string(&mut out)
                .map_err(|e| fail(format!("{name}: {e}")))?;
            Ok(Some(out))
        };
        // Each part the pack takes is parsed whole, so a broken one stops the build here
        // rather than making Word refuse every file.
        let parsed = |name: &str, xml: &str| {
            Document::parse(xml)
                .map(drop)
                .map_err(|e| fail(format!("{name}: {e}")))
        };
        let styles = text("word/styles.xml")?
            .ok_or_else(|| fail("it has no styles (word/styles.xml)".to_owned()))?;
        parsed("word/styles.xml", &styles)?;
        let document = text("word/document.xml")?.unwrap_or_default();
        let rels = text("word/_rels/document.xml.rels")?.unwrap_or_default();
        let (margins, header_id) = if document.is_empty() {
            (None, None)
        } else {
            let tree =
                Document::parse(&document).map_err(|e| fail(format!("word/document.xml: {e}")))?;
            // The body's own section, the last.
            let section = tree
                .root_element()
                .children()
                .find(|n| n.has_tag_name((W, "body")))
                .and_then(|body| {
                    body.children()
                        .rev()
                        .find(|n| n.has_tag_name((W, "sectPr")))
                });
            (
                section.and_then(margins_of),
                section.and_then(default_header),
            )
        };
        let header_name = match header_id {
            Some(id) => target_of(&rels, &id)
                .map_err(|e| fail(format!("word/_rels/document.xml.rels: {e}")))?,
            None => None,
        };
        let header = match header_name {
            Some(name) if safe_part(&name) => {
                let xml = text(&format!("word/{name}"))?;
                if let Some(xml) = &xml {
                    parsed(&format!("word/{name}"), xml)?;
                }
                let header_rels = text(&format!("word/_rels/{name}.rels"))?;
                let mut media = Vec::new();
                for index in 0..zip.len() {
                    let mut file = zip.by_index(index).map_err(|e| fail(e.to_string()))?;
                    let full = file.name().map_err(|e| fail(e.to_string()))?.into_owned();
                    let Some(name) = full.strip_prefix("word/media/").map(str::to_owned) else {
                        continue;
                    };
                    if !safe_part(&name) {
                        continue;
                    }
                    let mut bytes = Vec::new();
                    (&mut file)
                        .take(MAX_BYTES)
                        .read_to_end(&mut bytes)
                        .map_err(|e| fail(format!("word/media/{name}: {e}")))?;
                    media.push((name, bytes));
                }
                xml.map(|xml| Header {
                    xml,
                    rels: header_rels,
                    media,
                })
            }
            _ => None,
        };
        Ok(Reference {
            styles,
            margins,
            header,
        })
    }

    /// The client's styles with the pack's own styles added where the client's file has
    /// none of that id, so every paragraph of the pack still finds its style. `ours` is the
    /// pack's `styles.xml`, whose elements are written with the `w:` prefix Word's own
    /// files declare.
    pub fn styles_with(&self, ours: &str) -> String {
        let (Ok(client), Ok(pack)) = (Document::parse(&self.styles), Document::parse(ours)) else {
            return self.styles.clone();
        };
        let ids = |tree: &Document<'_>| -> Vec<String> {
            styles_of(tree)
                .filter_map(|s| s.attribute((W, "styleId")).map(str::to_owned))
                .collect()
        };
        let theirs = ids(&client);
        let missing: String = styles_of(&pack)
            .filter(|s| {
                s.attribute((W, "styleId"))
                    .is_some_and(|id| !theirs.iter().any(|t| t == id))
            })
            .map(|s| &ours[s.range()])
            .collect();
        // Before the root's closing tag.
        let root = client.root_element().range();
        let end = self.styles[root.clone()]
            .rfind("</")
            .map_or(root.end, |at| root.start + at);
        let mut styles = self.styles.clone();
        styles.insert_str(end, &missing);
        styles
    }
}

/// The style definitions of a styles part.
fn styles_of<'a>(tree: &'a Document<'_>) -> impl Iterator<Item = Node<'a, 'a>> {
    tree.root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "style")))
}

/// A section's page margins as a `<w:pgMar …/>` of its whole numbers (a value that is
/// not one is left out, as Word would ignore it).
fn margins_of(section: Node<'_, '_>) -> Option<String> {
    let margins = section.children().find(|n| n.has_tag_name((W, "pgMar")))?;
    let mut xml = String::from("<w:pgMar");
    for side in MARGINS {
        if let Some(value) = margins
            .attribute((W, side))
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            xml.push_str(&format!(" w:{side}=\"{value}\""));
        }
    }
    xml.push_str("/>");
    Some(xml)
}

/// The relationship id of a section's default header (a reference with no type is one).
fn default_header(section: Node<'_, '_>) -> Option<String> {
    section
        .children()
        .filter(|n| n.has_tag_name((W, "headerReference")))
        .find(|n| n.attribute((W, "type")).is_none_or(|t| t == "default"))
        .and_then(|n| n.attribute((R, "id")))
        .map(str::to_owned)
}

/// The target of relationship `id` in a relationships part, if it has one.
fn target_of(rels: &str, id: &str) -> Result<Option<String>, roxmltree::Error> {
    let tree = Document::parse(rels)?;
    Ok(tree
        .root_element()
        .children()
        .find(|n| n.attribute("Id") == Some(id))
        .and_then(|n| n.attribute("Target"))
        .map(str::to_owned))
}

/// Whether a part's name stays inside its folder: no path, no parent, nothing hidden.
fn safe_part(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::{Document, Reference, W, margins_of, safe_part, target_of};

    #[test]
    fn margins_are_written_anew_from_their_numbers() {
        let xml = r#"<w:sectPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:pgMar w:top="2000" w:left=" 1418 " w:right="1&quot;/&gt;&lt;w:x" w:gutter="0"/></w:sectPr>"#;
        let tree = Document::parse(xml).unwrap();
        let section = tree.root_element();
        assert!(section.has_tag_name((W, "sectPr")));
        assert_eq!(
            margins_of(section).as_deref(),
            Some(r#"<w:pgMar w:top="2000" w:left="1418" w:gutter="0"/>"#)
        );
    }

    #[test]
    fn the_pack_adds_only_the_styles_the_client_lacks() {
        let reference = Reference {
            styles: r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style></w:styles>"#.to_owned(),
            ..Reference::default()
        };
        let ours = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Table Text"/></w:style></w:styles>"#;
        let merged = reference.styles_with(ours);
        assert_eq!(merged.matches(r#"w:styleId="Heading1""#).count(), 1);
        assert!(merged.contains("Arial"));
        assert!(merged.contains(r#"w:styleId="Cell""#));
        assert!(merged.ends_with("</w:styles>"));
    }

    #[test]
    fn a_header_part_is_found_by_its_id_and_never_outside_its_folder() {
        let rels = r#"<Relationships><Relationship Id='rId7' Type="…/header" Target="header1.xml"/></Relationships>"#;
        assert_eq!(
            target_of(rels, "rId7").unwrap().as_deref(),
            Some("header1.xml")
        );
        assert_eq!(target_of(rels, "rId8").unwrap(), None);
        assert!(target_of("<Relationships>", "rId7").is_err());
        assert!(safe_part("header1.xml") && safe_part("image1.png"));
        assert!(!safe_part("../document.xml") && !safe_part("a/b.xml") && !safe_part(""));
    }
}
