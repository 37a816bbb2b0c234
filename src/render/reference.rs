//! The client's own Word file as a reference for the pack's Word files, the way pandoc's
//! `--reference-doc` works: its styles (fonts, sizes, spacing), its page margins and its
//! header (a logo, the letterhead, with their pictures) replace the pack's; its text is
//! ignored. The pack's footer stays: it carries the document's code and page numbers.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use crate::render::RenderError;

/// The most a reference file, or any one part of it, may hold: a letterhead with a logo is
/// far below this, and a larger file is not read into memory.
const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// What the pack takes from a client's Word file.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// Its `word/styles.xml`.
    pub styles: String,
    /// Its page margins: the `<w:pgMar …/>` of its last section.
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
        let styles = text("word/styles.xml")?
            .ok_or_else(|| fail("it has no styles (word/styles.xml)".to_owned()))?;
        let document = text("word/document.xml")?.unwrap_or_default();
        let rels = text("word/_rels/document.xml.rels")?.unwrap_or_default();
        let section = document.rfind("<w:sectPr").map(|at| &document[at..]);
        let margins = section.and_then(|s| element(s, "<w:pgMar"));
        // The default header: the one the last section names, found through its id.
        let header_name = section
            .and_then(|s| {
                let at = s.find("<w:headerReference")?;
                let reference = element(&s[at..], "<w:headerReference")?;
                (reference.contains("w:type=\"default\"") || !reference.contains("w:type="))
                    .then(|| attribute(&reference, "r:id"))
                    .flatten()
            })
            .and_then(|id| target_of(&rels, &id));
        let header = match header_name {
            Some(name) if safe_part(&name) => {
                let xml = text(&format!("word/{name}"))?;
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
    /// none of that id, so every paragraph of the pack still finds its style.
    pub fn styles_with(&self, ours: &str) -> String {
        let mut styles = self.styles.clone();
        let Some(end) = styles.rfind("</w:styles>") else {
            return styles;
        };
        let mut missing = String::new();
        let mut rest = ours;
        while let Some(start) = rest.find("<w:style ") {
            let Some(length) = rest[start..].find("</w:style>") else {
                break;
            };
            let style = &rest[start..start + length + "</w:style>".len()];
            if let Some(id) = attribute(style, "w:styleId")
                && !self.styles.contains(&format!("w:styleId=\"{id}\""))
            {
                missing.push_str(style);
            }
            rest = &rest[start + length..];
        }
        styles.insert_str(end, &missing);
        styles
    }
}

/// The first element starting with `open` in `xml`, up to its end (`/>` or `>`).
fn element(xml: &str, open: &str) -> Option<String> {
    let at = xml.find(open)?;
    let end = xml[at..].find('>')?;
    Some(xml[at..=at + end].to_owned())
}

/// The value of `name="…"` in an element.
fn attribute(element: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = element.find(&key)? + key.len();
    let end = element[at..].find('"')?;
    Some(element[at..at + end].to_owned())
}

/// The target of relationship `id` in a relationships part.
fn target_of(rels: &str, id: &str) -> Option<String> {
    let at = rels.find(&format!("Id=\"{id}\""))?;
    let start = rels[..at].rfind('<')?;
    let end = rels[start..].find('>')?;
    attribute(&rels[start..=start + end], "Target")
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
    use super::{Reference, safe_part, target_of};

    #[test]
    fn the_pack_adds_only_the_styles_the_client_lacks() {
        let reference = Reference {
            styles: r#"<w:styles><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style></w:styles>"#.to_owned(),
            ..Reference::default()
        };
        let ours = r#"<w:styles><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Table Text"/></w:style></w:styles>"#;
        let merged = reference.styles_with(ours);
        assert_eq!(merged.matches(r#"w:styleId="Heading1""#).count(), 1);
        assert!(merged.contains("Arial"));
        assert!(merged.contains(r#"w:styleId="Cell""#));
        assert!(merged.ends_with("</w:styles>"));
    }

    #[test]
    fn a_header_part_is_found_by_its_id_and_never_outside_its_folder() {
        let rels = r#"<Relationships><Relationship Id="rId7" Type="…/header" Target="header1.xml"/></Relationships>"#;
        assert_eq!(target_of(rels, "rId7").as_deref(), Some("header1.xml"));
        assert!(safe_part("header1.xml") && safe_part("image1.png"));
        assert!(!safe_part("../document.xml") && !safe_part("a/b.xml") && !safe_part(""));
    }
}
