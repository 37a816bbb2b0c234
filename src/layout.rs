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

/// The pack's front page (`index.html`; Markdown names it `README.md`, which code hosts
/// show for a folder).
pub const INDEX: &str = "index";
