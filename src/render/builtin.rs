//! The built-in templates and label tables, embedded in the binary.
//!
//! A test checks this list against the files under `templates/`, so a template added
//! there cannot be forgotten here.

/// Every built-in template and asset: its name (path under `templates/`) and text.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "html/base.html",
        include_str!("../../templates/html/base.html"),
    ),
    (
        "html/macros.html",
        include_str!("../../templates/html/macros.html"),
    ),
    (
        "html/index.html",
        include_str!("../../templates/html/index.html"),
    ),
    (
        "html/process.html",
        include_str!("../../templates/html/process.html"),
    ),
    (
        "html/role.html",
        include_str!("../../templates/html/role.html"),
    ),
    (
        "html/checklist.html",
        include_str!("../../templates/html/checklist.html"),
    ),
    (
        "html/form.html",
        include_str!("../../templates/html/form.html"),
    ),
    (
        "html/plan-fact.html",
        include_str!("../../templates/html/plan-fact.html"),
    ),
    (
        "html/motivation.html",
        include_str!("../../templates/html/motivation.html"),
    ),
    (
        "html/raci.html",
        include_str!("../../templates/html/raci.html"),
    ),
    (
        "html/org.html",
        include_str!("../../templates/html/org.html"),
    ),
    (
        "html/handbook.html",
        include_str!("../../templates/html/handbook.html"),
    ),
    (
        "docx/document.xml",
        include_str!("../../templates/docx/document.xml"),
    ),
    (
        "docx/macros.xml",
        include_str!("../../templates/docx/macros.xml"),
    ),
    (
        "docx/styles.xml",
        include_str!("../../templates/docx/styles.xml"),
    ),
    (
        "docx/numbering.xml",
        include_str!("../../templates/docx/numbering.xml"),
    ),
    (
        "docx/footer.xml",
        include_str!("../../templates/docx/footer.xml"),
    ),
    (
        "docx/core.xml",
        include_str!("../../templates/docx/core.xml"),
    ),
    (
        "docx/process.xml",
        include_str!("../../templates/docx/process.xml"),
    ),
    (
        "docx/raci.xml",
        include_str!("../../templates/docx/raci.xml"),
    ),
    ("docx/org.xml", include_str!("../../templates/docx/org.xml")),
    (
        "docx/checklist.xml",
        include_str!("../../templates/docx/checklist.xml"),
    ),
    (
        "docx/handbook.xml",
        include_str!("../../templates/docx/handbook.xml"),
    ),
    (
        "docx/form.xml",
        include_str!("../../templates/docx/form.xml"),
    ),
    (
        "docx/plan-fact.xml",
        include_str!("../../templates/docx/plan-fact.xml"),
    ),
    (
        "docx/motivation.xml",
        include_str!("../../templates/docx/motivation.xml"),
    ),
    (
        "docx/role.xml",
        include_str!("../../templates/docx/role.xml"),
    ),
    ("md/macros.md", include_str!("../../templates/md/macros.md")),
    ("md/index.md", include_str!("../../templates/md/index.md")),
    (
        "md/process.md",
        include_str!("../../templates/md/process.md"),
    ),
    ("md/role.md", include_str!("../../templates/md/role.md")),
    (
        "md/checklist.md",
        include_str!("../../templates/md/checklist.md"),
    ),
    ("md/form.md", include_str!("../../templates/md/form.md")),
    (
        "md/plan-fact.md",
        include_str!("../../templates/md/plan-fact.md"),
    ),
    (
        "md/motivation.md",
        include_str!("../../templates/md/motivation.md"),
    ),
    ("md/raci.md", include_str!("../../templates/md/raci.md")),
    ("md/org.md", include_str!("../../templates/md/org.md")),
    ("style.css", include_str!("../../templates/style.css")),
    ("i18n/en.yaml", include_str!("../../templates/i18n/en.yaml")),
    ("i18n/ru.yaml", include_str!("../../templates/i18n/ru.yaml")),
];

/// The built-in text of `name`, if there is one.
pub fn builtin(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn files_under(dir: &Path, prefix: &str, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.path().is_dir() {
                files_under(&entry.path(), &format!("{name}/"), found);
            } else {
                found.push(name);
            }
        }
    }

    #[test]
    fn every_file_under_templates_is_embedded_and_nothing_else() {
        let mut found = Vec::new();
        files_under(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
            "",
            &mut found,
        );
        found.sort();
        // The starter models `raciflow init` writes are under `init/`.
        let starters = crate::starter::STARTERS.iter().flat_map(|starter| {
            starter
                .files
                .iter()
                .map(move |(path, _)| format!("init/{}/{path}", starter.name))
        });
        let mut embedded: Vec<String> = TEMPLATES
            .iter()
            .map(|(name, _)| name.to_string())
            .chain(starters)
            .collect();
        embedded.sort();
        assert_eq!(embedded, found);
    }
}
