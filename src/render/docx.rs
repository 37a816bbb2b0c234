//! Word documents: one `.docx` per document of the page table that has a Word template
//! (`docx/KIND.xml`). A document is a package of WordprocessingML parts: its body, styles,
//! numbering and footer are rendered from templates (a user's `--templates` folder can
//! replace any of them); the package's fixed parts are written here. The zip gets fixed
//! timestamps and a fixed order, so the same model gives byte-identical files.

use std::io::Write;

use minijinja::{Environment, Value, context};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::model::Language;
use crate::render::pages::{Shared, view_of};
use crate::render::{OutputFile, RenderError, template_error};
use crate::views::{Pack, PageKind};

/// The Word template of a page of `kind`, for the kinds that have one so far.
fn template_of(kind: PageKind) -> Option<&'static str> {
    match kind {
        PageKind::JobDescription => Some("docx/role.xml"),
        PageKind::Regulation => Some("docx/process.xml"),
        PageKind::Matrix => Some("docx/raci.xml"),
        PageKind::Checklist => Some("docx/checklist.xml"),
        PageKind::Index | PageKind::Form | PageKind::PlanFact => None,
    }
}

/// What the package holds: the content type of every part.
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
"#;

/// The package's relationships: its main document and its properties.
const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rDocument" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
"#;

/// The main document's relationships: the parts `document.xml` refers to by id.
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>
"#;

/// The settings: fields (the page count, the contents) are brought up to date on opening.
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:updateFields w:val="true"/><w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
"#;

/// The language tag Word checks spelling and hyphenates in.
fn language_tag(language: Language) -> &'static str {
    match language {
        Language::Ru => "ru-RU",
        Language::En => "en-GB",
    }
}

/// Renders every page that has a Word template into `docx/PATH.docx`.
pub fn write(
    env: &Environment<'static>,
    shared: &Shared,
    pack: &Pack,
    language: Language,
    files: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let lang = language_tag(language);
    for page in &pack.pages {
        let Some(template) = template_of(page.kind) else {
            continue;
        };
        let (name, view) = view_of(shared, page);
        // The matrix, and a form too wide for a portrait page, print on landscape pages.
        let (identity, landscape) = match page.kind {
            PageKind::Matrix => (
                shared
                    .pack
                    .get_attr("raci")
                    .and_then(|raci| raci.get_attr("identity"))
                    .unwrap_or_default(),
                true,
            ),
            _ => (
                view.get_attr("identity").unwrap_or_default(),
                view.get_attr("landscape").is_ok_and(|l| l.is_true()),
            ),
        };
        let render = |template: &str| -> Result<Vec<u8>, RenderError> {
            let fail = |e: minijinja::Error| template_error(template, e);
            let text = env
                .get_template(template)
                .map_err(fail)?
                .render(context! {
                    pack => shared.pack.clone(),
                    t => shared.t.clone(),
                    lang => lang,
                    identity => identity.clone(),
                    landscape => landscape,
                    ..Value::from_iter([(name, view.clone())])
                })
                .map_err(fail)?;
            Ok(without_xml_illegal(&crate::hidden::replace(&text)).into_bytes())
        };
        let path = format!("docx/{}.docx", page.path);
        let parts = [
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes().to_vec()),
            ("docProps/core.xml", render("docx/core.xml")?),
            (
                "word/_rels/document.xml.rels",
                DOCUMENT_RELS.as_bytes().to_vec(),
            ),
            ("word/document.xml", render(template)?),
            ("word/styles.xml", render("docx/styles.xml")?),
            ("word/numbering.xml", render("docx/numbering.xml")?),
            ("word/settings.xml", SETTINGS.as_bytes().to_vec()),
            ("word/footer1.xml", render("docx/footer.xml")?),
        ];
        let bytes = package(&parts).map_err(|e| RenderError::Table {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        files.push(OutputFile { path, bytes });
    }
    Ok(())
}

/// The parts zipped in the order given, each stamped with the same fixed time.
fn package(parts: &[(&str, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, bytes) in parts {
        zip.start_file(*name, options)?;
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
