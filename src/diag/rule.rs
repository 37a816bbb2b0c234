//! `Rule`: the name, default level and documentation of one kind of finding.
//!
//! Each stage that detects a problem defines its rules as constants next to the code that
//! finds them; `check::registry` lists them all, so `raciflow rules`, docs/rules.md and the
//! SARIF rule metadata are generated from the same text.

use crate::model::Level;

/// One rule of `raciflow check`.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The stable, kebab-case name, grouped by a prefix: `raci/no-responsible`.
    pub name: &'static str,
    /// The level the rule reports at unless model.yaml `rules:` says otherwise.
    pub default_level: Level,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters, a failing example and how to fix it (Markdown).
    pub explanation: &'static str,
}
