//! Where each file of the pack goes: the folder layout, in one place. Views put these paths
//! in their links and in the page table; renderers and diagrams write and link to them, so
//! no other module spells a folder name.

/// A process's regulation: `processes/FILE`.
pub fn regulation(file: &str) -> String {
    format!("processes/{file}")
}

/// A role's job description: `roles/FILE`.
pub fn job_description(file: &str) -> String {
    format!("roles/{file}")
}

/// A role's checklist: `checklists/FILE`.
pub fn checklist(file: &str) -> String {
    format!("checklists/{file}")
}

/// A document's blank form or template page: `forms/FILE`.
pub fn form(file: &str) -> String {
    format!("forms/{file}")
}

/// A role's plan/fact form: `forms/FILE.plan-fact`.
pub fn plan_fact(file: &str) -> String {
    format!("forms/{file}.plan-fact")
}

/// A process's map, without the notation's extension: `diagrams/FILE`.
pub fn diagram(file: &str) -> String {
    format!("diagrams/{file}")
}

/// The organisation chart.
pub const ORG_CHART: &str = "org";

/// The responsibility matrix.
pub const MATRIX: &str = "raci";

/// The motivation policy.
pub const MOTIVATION: &str = "motivation";

/// Every document in one printable file (HTML only).
pub const HANDBOOK: &str = "handbook";

/// A Word file: `docx/CODE TITLE.docx` («ДИ-03 Должностная инструкция телемаркетолога»),
/// all in one folder, where they sort by code as the register lists them. An HR
/// department files and finds a document by its code and title, not by a page's slug,
/// and needs no folder named in English to find it. Characters Windows forbids in a name
/// are left out (a title's colon becomes a dash), as are hidden ones (a right-to-left
/// override would show `txt.exe` backwards) and a dot or space at the end, and a
/// name is cut at `WORD_NAME` characters; `page`'s file name stands in for a document
/// with neither code nor title.
pub fn word(page: &str, code: &str, title: &str) -> String {
    let name = format!("{code} {title}").replace(": ", " – ");
    let mut name: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !crate::hidden::is_hidden(*c) && !r#"<>:"/\|?*"#.contains(*c)
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(WORD_NAME)
        .collect();
    while name.ends_with(['.', ' ']) {
        name.pop();
    }
    if name.is_empty() {
        name = page.rsplit('/').next().unwrap_or(page).to_owned();
    }
    format!("docx/{name}.docx")
}

/// The longest name of a Word file, in characters: with its folder it stays well within
/// the 260 characters Windows allows a path, wherever the pack is unpacked.
const WORD_NAME: usize = 120;

/// The pack's front page (`index.html`; Markdown names it `README.md`, which code hosts
/// show for a folder).
pub const INDEX: &str = "index";
