//! Rule configuration: model.yaml `rules:` changes levels and parameters.

use std::collections::BTreeMap;

use crate::check::raci::OVERLOADED_ROLE;
use crate::check::registry;
use crate::check::workload::{NON_SELLING_SHARE, OVERLOADED_TIME};
use crate::diag::{Diagnostic, Rule, Severity};
use crate::load::SCHEMA;
use crate::model::Level;
use crate::resolve::{Resolved, UNKNOWN_REFERENCE};
use crate::suggest::did_you_mean;

/// The limits of `raci/overloaded-role`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverloadLimits {
    /// The most steps a role may be A on.
    pub max_accountable: usize,
    /// The most steps a role may be R on.
    pub max_responsible: usize,
}

impl Default for OverloadLimits {
    fn default() -> Self {
        OverloadLimits {
            max_accountable: 25,
            max_responsible: 40,
        }
    }
}

/// The limits of the `load/` rules, as shares (1.0 is all of it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadLimits {
    /// The highest share of a person's working time a role's steps may take.
    pub max_utilisation: f64,
    /// The highest share of a selling role's hours that may sell nothing.
    pub max_non_selling_share: f64,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            max_utilisation: 1.0,
            max_non_selling_share: 0.3,
        }
    }
}

/// The levels and parameters in force for one check.
#[derive(Debug)]
pub struct Config {
    levels: BTreeMap<&'static str, Level>,
    overload: OverloadLimits,
    load: LoadLimits,
}

impl Config {
    /// Reads model.yaml `rules:`, reporting names that are not rules and parameters a rule
    /// does not take.
    pub fn from_model(model: &Resolved, diagnostics: &mut Vec<Diagnostic>) -> Config {
        let mut levels: BTreeMap<&'static str, Level> = registry::rules()
            .map(|rule| (rule.name, rule.default_level))
            .collect();
        let mut overload = OverloadLimits::default();
        let mut load = LoadLimits::default();
        for entry in &model.rule_settings {
            let Some(rule) = registry::find(&entry.name) else {
                diagnostics.push(
                    Diagnostic::new(
                        &UNKNOWN_REFERENCE,
                        entry.at,
                        format!("unknown rule `{}`", entry.name),
                    )
                    .with_optional_help(
                        did_you_mean(&entry.name, registry::rules().map(|r| r.name))
                            .or_else(|| Some("`raciflow rules` lists every rule".to_owned())),
                    ),
                );
                continue;
            };
            if let Some(level) = entry.setting.level {
                levels.insert(rule.name, level);
            }
            // Each parameter belongs to one rule; given to another, it is reported.
            let mut takes = |name: &str, owner: &'static Rule| {
                let own = std::ptr::eq(rule, owner);
                if !own {
                    diagnostics.push(
                        Diagnostic::new(
                            &SCHEMA,
                            entry.at,
                            format!("rule `{}` takes no parameter `{name}`", rule.name),
                        )
                        .with_help(format!("`{name}` belongs to `{}`", owner.name)),
                    );
                }
                own
            };
            let counts = [
                (
                    "max_accountable",
                    &entry.setting.max_accountable,
                    &mut overload.max_accountable,
                ),
                (
                    "max_responsible",
                    &entry.setting.max_responsible,
                    &mut overload.max_responsible,
                ),
            ];
            for (name, value, target) in counts {
                if let Some(value) = value
                    && takes(name, &OVERLOADED_ROLE)
                {
                    *target = value.value as usize;
                }
            }
            let shares = [
                (
                    "max_utilisation",
                    &entry.setting.max_utilisation,
                    &mut load.max_utilisation,
                    &OVERLOADED_TIME,
                ),
                (
                    "max_non_selling_share",
                    &entry.setting.max_non_selling_share,
                    &mut load.max_non_selling_share,
                    &NON_SELLING_SHARE,
                ),
            ];
            for (name, value, target, owner) in shares {
                if let Some(value) = value
                    && takes(name, owner)
                {
                    *target = value.value.0;
                }
            }
        }
        Config {
            levels,
            overload,
            load,
        }
    }

    /// The level a rule reports at.
    pub fn level(&self, rule: &Rule) -> Level {
        self.levels
            .get(rule.name)
            .copied()
            .unwrap_or(rule.default_level)
    }

    /// The limits of `raci/overloaded-role`.
    pub fn overload_limits(&self) -> OverloadLimits {
        self.overload
    }

    /// The limits of the `load/` rules.
    pub fn load_limits(&self) -> LoadLimits {
        self.load
    }

    /// Applies the configured levels: drops findings of rules that are off and sets the
    /// severity of the rest.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|mut diagnostic| {
                diagnostic.severity = Severity::from_level(self.level(diagnostic.rule))?;
                Some(diagnostic)
            })
            .collect()
    }
}
