//! The pack's Word files as Word reads them: the parts of the package, the styles and
//! fields a document relies on, byte-identical builds, and names that stay text.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::build::build;
use crate::harness::{Test, repo_path};

/// The bytes of part `name` of the Word file at `path`.
fn part_bytes(path: &Path, name: &str) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = Vec::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_end(&mut part)
        .unwrap();
    part
}

/// The Word file of the document with `code` in the pack at `out`: named for its code and
/// title, which HR files it by.
fn word_file(out: &Path, code: &str) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(out.join("docx"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{code} ")) && n.ends_with(".docx"))
        })
        .collect();
    assert_eq!(files.len(), 1, "{code}: {files:?}");
    files[0].clone()
}

/// Whether the Word file at `path` has a part `name`.
fn zip_has(path: &Path, name: &str) -> bool {
    zip::ZipArchive::new(std::fs::File::open(path).unwrap())
        .unwrap()
        .by_name(name)
        .is_ok()
}

/// The text of part `name` of the Word file at `path`.
fn part(path: &Path, name: &str) -> String {
    String::from_utf8(part_bytes(path, name)).unwrap()
}

#[test]
fn a_job_description_is_a_word_document_with_headings_numbering_and_repeating_headers() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/sales-department");
    let outcome = build(&model, out.path(), &["--format", "docx,json"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let file = word_file(out.path(), "ДИ-03");
    let document = part(&file, "word/document.xml");
    // Sections are Word headings, numbered by Word's own list (1., 1.1., 1.1.1.), as the
    // HTML numbers them.
    assert!(document.matches(r#"<w:pStyle w:val="Heading1"/>"#).count() >= 5);
    assert!(document.contains("Должностные обязанности"));
    assert!(document.contains(r#"<w:numId w:val="1"/>"#));
    assert!(document.contains("дозваниваться до компаний"));
    // Tables repeat their header row on every page, and no row splits.
    assert!(document.contains("<w:tblHeader/>"));
    assert!(document.contains("<w:cantSplit/>"));
    // The acknowledgement sheet starts a page of its own: by a paragraph that opens one,
    // not a break that would open a blank page after a full one.
    assert!(document.contains("<w:pageBreakBefore/>"));
    assert!(!document.contains(r#"<w:br w:type="page"/>"#));
    assert!(document.contains("Лист ознакомления"));
    // The footer: the document's code and «стр. N из M» as Word fields.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("model.json")).unwrap())
            .unwrap();
    let code = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "telemarketer")
        .unwrap()["job_description"]
        .as_str()
        .unwrap()
        .to_owned();
    let footer = part(&file, "word/footer1.xml");
    assert!(footer.contains(&code), "{footer}");
    assert!(footer.contains(r#"w:instr=" PAGE ""#) && footer.contains(r#"w:instr=" NUMPAGES ""#));
    assert!(footer.contains("стр. "), "{footer}");
    // One font for every script, and the document's language for spelling.
    let styles = part(&file, "word/styles.xml");
    assert!(styles.contains(r#"w:cs="Times New Roman""#));
    assert!(styles.contains(r#"<w:lang w:val="ru-RU""#));
    // The same model gives the same bytes.
    let again = TempDir::new().unwrap();
    assert_eq!(build(&model, again.path(), &["--format", "docx"]).code, 0);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(word_file(again.path(), "ДИ-03")).unwrap()
    );
}

#[test]
fn a_name_in_a_word_document_is_text_never_markup() {
    let model = Test::new()
        .file(
            "model.yaml",
            "model:\n  id: t\n  name: T\n  language: en\n",
        )
        .file(
            "roles.yaml",
            "roles:\n  - { id: clerk, name: \"Clerk</w:t><w:fldSimple w:instr=\\\"DATE\\\"/> & \\u0001Co\", duties: [\"Files <b>letters</b>\"] }\n",
        );
    let out = TempDir::new().unwrap();
    let outcome = build(model.root(), out.path(), &["--format", "docx"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    // The file is named for the document, less what no file name may hold.
    let file = word_file(out.path(), "JD-01");
    assert_eq!(
        file.file_name().unwrap().to_str().unwrap(),
        "JD-01 Job description – ClerkwtwfldSimple winstr=DATE & Co.docx"
    );
    let document = part(&file, "word/document.xml");
    assert!(!document.contains("<w:fldSimple"), "{document}");
    assert!(!document.contains("<b>"), "{document}");
    assert!(document.contains("&lt;b&gt;letters&lt;"), "{document}");
    assert!(!document.contains('\u{1}'), "{document}");
}

#[test]
fn regulations_the_matrix_and_checklists_are_word_documents_too() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/sales-department");
    let outcome = build(&model, out.path(), &["--format", "docx"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    // A regulation's steps are sub-headings «Шаг 2. …», as the HTML regulation and the map
    // number them, and the flow refers to them so.
    let regulation = part(&word_file(out.path(), "РП-04"), "word/document.xml");
    assert!(
        regulation.contains(
            r#"<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Шаг 1. "#
        )
    );
    assert!(regulation.contains("Проверить контрагента"));
    assert!(regulation.contains("шаг 2 «"), "{regulation}");
    assert!(
        regulation.contains("Лист согласования")
            && regulation.contains("Лист регистрации изменений")
    );
    // Its map is a picture on a landscape page of its own, drawn from the SVG map with the
    // bundled font, so it needs nothing installed.
    let file = word_file(out.path(), "РП-04");
    let rels = part(&file, "word/_rels/document.xml.rels");
    let media = rels
        .split("Target=\"media/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a picture among the relationships");
    assert!(media.ends_with(".png"), "{rels}");
    let png = part_bytes(&file, &format!("word/media/{media}"));
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{}",
        png.len()
    );
    // The line with the picture ends the landscape section.
    let line = regulation
        .split("<w:p>")
        .find(|line| line.contains("<a:blip r:embed="))
        .unwrap();
    assert!(line.contains(r#"w:orient="landscape""#), "{line}");
    // Every document names the organisation over it, as the HTML pages do; a letter has it
    // in its letterhead, and neither a register code nor page numbers under it.
    assert!(regulation.contains(
        r#"<w:pStyle w:val="Organisation"/></w:pPr><w:r><w:t xml:space="preserve">ООО «Промтехснаб»"#
    ));
    let letter = word_file(out.path(), "Ф-04");
    let body = part(&letter, "word/document.xml");
    assert!(!body.contains(r#"w:val="Organisation""#));
    // A plan/fact form's plan keeps its period beside the month's figure.
    let plan_fact = part(&word_file(out.path(), "ПФ-02"), "word/document.xml");
    // The figure and its unit joined by a no-break space: never parted at a line's end.
    assert!(plan_fact.contains("не менее 20\u{a0}разборов в неделю"));
    // It greets its addressee and closes as a letter does.
    assert!(body.contains("(обращение по имени и отчеству)") && body.contains("С уважением,"));
    let footer = part(&letter, "word/footer1.xml");
    assert!(
        !footer.contains("PAGE") && !footer.contains("Ф-"),
        "{footer}"
    );
    // The matrix is landscape, its header row of roles repeating on every page.
    let matrix = word_file(out.path(), "МО-01");
    let body = part(&matrix, "word/document.xml");
    assert!(body.contains(r#"w:orient="landscape""#));
    assert!(body.contains(r#"<w:textDirection w:val="btLr"/>"#));
    assert!(body.contains("<w:tblHeader/>"));
    assert!(part(&matrix, "word/footer1.xml").contains(r#"w:pos="14287""#));
    // A checklist has a box before every item done once a day; a call's items, done 70
    // times a day, are a memo without boxes, and the calls made are counted.
    let checklist = part(&word_file(out.path(), "ЧЛ-03"), "word/document.xml");
    assert!(
        checklist.contains("☐ Лист обзвона на день получен"),
        "{checklist}"
    );
    assert!(checklist.contains(">Цель звонка названа<"), "{checklist}");
    assert!(
        checklist.contains(
            "по речевым модулям (норма не менее 70\u{a0}контактов в день) — выполнено за день:"
        ),
        "{checklist}"
    );
}

#[test]
fn the_handbook_is_one_word_document_with_contents_by_page() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/sales-department");
    let outcome = build(&model, out.path(), &["--format", "docx,json"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let handbook = out.path().join("docx/Сборник документов.docx");
    let body = part(&handbook, "word/document.xml");
    // The title page ends with the city and the year of issue, before the contents.
    let cover = &body[..body.find(" PAGEREF ").unwrap()];
    assert!(cover.contains("Екатеринбург 2027"), "{cover}");
    // The contents are an entry per document, its page number a PAGEREF to the bookmark
    // at the document's start, which Word and LibreOffice compute; the entries are the
    // register's codes and titles.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("model.json")).unwrap())
            .unwrap();
    // Every Word file but the handbook itself.
    let documents = std::fs::read_dir(out.path().join("docx")).unwrap().count() - 1;
    // Every document (the organisation chart among them), the introduction, the glossary
    // and the amendment record: an entry and a bookmark each.
    assert_eq!(body.matches(" PAGEREF _raciflow_").count(), documents + 3);
    for bookmark in [
        "_raciflow_about",
        "_raciflow_glossary",
        "_raciflow_doc1",
        "_raciflow_changes",
    ] {
        assert!(
            body.contains(&format!(r#"w:name="{bookmark}""#)),
            "no bookmark {bookmark}"
        );
    }
    assert_eq!(body.matches("<w:bookmarkStart ").count(), documents + 3);
    // Each bookmark has an id of its own.
    let ids: BTreeSet<&str> = body
        .split("<w:bookmarkStart w:id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(ids.len(), documents + 3);
    // The amendment record closes the handbook: its table ends the body, before the body's
    // own page setup.
    let record = body.rfind("_raciflow_changes").unwrap();
    assert!(body[record..].contains("Лист регистрации изменений"));
    assert!(!body[record..].contains("_raciflow_doc"));
    let first = &json["register"][0];
    let entry = format!(
        r#"<w:hyperlink w:anchor="_raciflow_doc1"><w:r><w:t xml:space="preserve">{} {}</w:t>"#,
        first["code"].as_str().unwrap(),
        first["title"].as_str().unwrap()
    );
    assert!(body.contains(&entry), "{entry}");
    // The organisation chart is drawn as a picture of its own, and the cover has no number.
    assert!(body.contains(r#"r:embed="rOrg""#), "no organisation chart");
    assert!(body.contains("<w:titlePg/>"), "the cover is numbered");
    // Each document is a section with its own footer (its code) and orientation, and
    // numbers its sections from 1 again.
    // A regulation is three sections: its body, its map's landscape page, its sheets; the
    // front matter and the amendment record are one section each.
    let regulations = json["processes"].as_array().unwrap().len();
    assert_eq!(
        body.matches("<w:sectPr>").count(),
        documents + 2 + 2 * regulations
    );
    // A picture a map (each of the example's maps prints on one page), and the chart.
    assert_eq!(body.matches("<a:blip r:embed=").count(), regulations + 1);
    assert!(part(&handbook, &format!("word/footer{}.xml", documents + 1)).contains("стр. "));
    // Every section after the cover is numbered, the КП's too: a letter printed on its own
    // goes out without the register's footer, but a page of the handbook is a page of it.
    let footers = (1..)
        .map(|n| format!("word/footer{n}.xml"))
        .take_while(|name| zip_has(&handbook, name))
        .collect::<Vec<_>>();
    assert!(footers.len() > documents, "{} footers", footers.len());
    for name in &footers[1..] {
        assert!(
            part(&handbook, name).contains(" PAGE "),
            "{name} has no page number"
        );
    }
    assert!(!part(&word_file(out.path(), "Ф-04"), "word/footer1.xml").contains(" PAGE "));
    assert!(
        part(&handbook, "word/numbering.xml")
            .matches("<w:startOverride")
            .count()
            >= documents
    );
}

/// A client's Word file: Arial headings, its own margins, a header with a logo.
fn client_docx(path: &Path) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let parts: [(&str, &[u8]); 6] = [
        (
            "word/styles.xml",
            br#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style></w:styles>"#,
        ),
        (
            "word/document.xml",
            br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:t>Client text</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:pgMar w:top="2000" w:right="567" w:bottom="1134" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        ),
        (
            "word/_rels/document.xml.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header3.xml"/></Relationships>"#,
        ),
        (
            "word/header3.xml",
            br#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>Letterhead of the client</w:t></w:r></w:p></w:hdr>"#,
        ),
        (
            "word/_rels/header3.xml.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/></Relationships>"#,
        ),
        ("word/media/logo.png", b"\x89PNG not really"),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn the_clients_word_file_gives_its_styles_margins_and_letterhead() {
    let dir = TempDir::new().unwrap();
    let client = dir.path().join("client.docx");
    client_docx(&client);
    let out = dir.path().join("pack");
    let model = repo_path("processes/quickstart");
    let outcome = build(
        &model,
        &out,
        &[
            "--format",
            "docx",
            "--docx-template",
            client.to_str().unwrap(),
        ],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let file = word_file(&out, "JD-02");
    // The client's heading style wins; the pack's styles the client lacks are added.
    let styles = part(&file, "word/styles.xml");
    assert!(styles.contains("Arial"), "{styles}");
    assert_eq!(styles.matches(r#"w:styleId="Heading1""#).count(), 1);
    assert!(styles.contains(r#"w:styleId="Cell""#));
    // Its margins and its letterhead, with its picture; its text is not taken.
    let body = part(&file, "word/document.xml");
    assert!(
        body.contains(r#"<w:pgMar w:top="2000" w:right="567""#),
        "{body}"
    );
    assert!(body.contains(r#"<w:headerReference w:type="default" r:id="rHeader"/>"#));
    assert!(!body.contains("Client text"));
    assert!(part(&file, "word/header1.xml").contains("Letterhead of the client"));
    assert!(part(&file, "word/_rels/header1.xml.rels").contains("media/logo.png"));
    let mut zip = zip::ZipArchive::new(Cursor::new(std::fs::read(&file).unwrap())).unwrap();
    assert_eq!(zip.by_name("word/media/logo.png").unwrap().size(), 15);
    assert!(part(&file, "[Content_Types].xml").contains(r#"Extension="png""#));
    // A file that is not a Word file stops the build, naming it.
    let broken = dir.path().join("broken.docx");
    std::fs::write(&broken, "not a zip").unwrap();
    let outcome = build(
        &model,
        &dir.path().join("other"),
        &[
            "--format",
            "docx",
            "--docx-template",
            broken.to_str().unwrap(),
        ],
    );
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("broken.docx") && outcome.stderr.contains("not a Word file"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn word_documents_sign_under_their_text_fill_landscape_pages_and_end_without_a_spare_page() {
    let out = TempDir::new().unwrap();
    let model = repo_path("processes/sales-department");
    let outcome = build(&model, out.path(), &["--format", "docx"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let docx = |code: &str| word_file(out.path(), code);
    // A job description is signed under its text; the acknowledgement sheet follows on a
    // page of its own.
    let jd = part(&docx("ДИ-03"), "word/document.xml");
    let drafted = jd.find("Разработал (руководитель отдела продаж):").unwrap();
    let page_break = jd[drafted..].find("<w:pageBreakBefore/>").unwrap() + drafted;
    let sheet = jd.find("Лист ознакомления").unwrap();
    assert!(drafted < page_break && page_break < sheet);
    // The last table of a document is followed by a hair-high paragraph, not a line that
    // could spill onto a blank last page.
    let matrix = part(&docx("МО-01"), "word/document.xml");
    let tail = matrix.rsplit("</w:tbl>").next().unwrap();
    assert!(tail.contains(r#"w:line="20" w:lineRule="exact""#), "{tail}");
    // On a landscape page a table spans the landscape width, not a portrait page's.
    let grid: u32 = matrix
        .split("<w:tblGrid>")
        .nth(1)
        .unwrap()
        .split("</w:tblGrid>")
        .next()
        .unwrap()
        .split("w:w=\"")
        .skip(1)
        .map(|w| w.split('"').next().unwrap().parse::<u32>().unwrap())
        .sum();
    assert!(grid > 13_500, "the matrix is {grid} twips wide");
    // Each copy of a blank form filled in on several sheets names its filler and its
    // number at its foot.
    let footer = part(&docx("Ф-01"), "word/footer1.xml");
    assert!(
        footer.contains("ФИО: ____") && footer.contains("Дата: ____") && footer.contains("Лист №"),
        "{footer}"
    );
}
