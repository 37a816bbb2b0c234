//! Rule configuration: model.yaml `rules:` changes levels and parameters.

use std::collections::BTreeMap;

use crate::check::registry::{self, RULES};
use crate::diag::{Diagnostic, Severity};
use crate::model::Level;
use crate::resolve::{Resolved, UNKNOWN_REFERENCE};
use crate::suggest::did_you_mean;

/// The levels and parameters in force for one check.
#[derive(Debug)]
pub struct Config {
    levels: BTreeMap<&'static str, Level>,
}

impl Config {
    /// Reads model.yaml `rules:`, reporting names that are not rules.
    pub fn from_model(model: &Resolved, diagnostics: &mut Vec<Diagnostic>) -> Config {
        let mut levels: BTreeMap<&'static str, Level> = RULES
            .iter()
            .map(|rule| (rule.name, rule.default_level))
            .collect();
        for entry in &model.rule_settings {
            let Some(rule) = registry::find(&entry.name) else {
                diagnostics.push(
                    Diagnostic::new(
                        &UNKNOWN_REFERENCE,
                        entry.at,
                        format!("unknown rule `{}`", entry.name),
                    )
                    .with_optional_help(
                        did_you_mean(&entry.name, RULES.iter().map(|r| r.name))
                            .or_else(|| Some("`raciflow rules` lists every rule".to_owned())),
                    ),
                );
                continue;
            };
            if let Some(level) = entry.setting.level {
                levels.insert(rule.name, level);
            }
        }
        Config { levels }
    }

    /// Applies the configured levels: drops findings of rules that are off and sets the
    /// severity of the rest.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|mut diagnostic| {
                let level = self
                    .levels
                    .get(diagnostic.rule.name)
                    .copied()
                    .unwrap_or(diagnostic.rule.default_level);
                diagnostic.severity = Severity::from_level(level)?;
                Some(diagnostic)
            })
            .collect()
    }
}
