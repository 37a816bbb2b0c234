//! The list of every rule `check` knows: the source of `raciflow rules`, docs/rules.md and
//! SARIF's rule metadata.

use crate::diag::Rule;

/// Every rule, in the order `raciflow rules` lists them.
pub static RULES: &[&Rule] = &[
    &crate::load::YAML_SYNTAX,
    &crate::load::SCHEMA,
    &crate::resolve::INVALID_ID,
    &crate::resolve::DUPLICATE_ID,
    &crate::resolve::UNKNOWN_REFERENCE,
];

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique_and_kebab_case() {
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        for name in &names {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/'),
                "{name}"
            );
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }
}
