//! The list of every rule `check` knows: the source of `raciflow rules`, docs/rules.md and
//! SARIF's rule metadata.

use crate::check::{Context, Findings, allow, data, doc, flow, kpi, org, raci, workload};
use crate::diag::Rule;

/// A rule that runs over the resolved model: its metadata and its function.
pub struct Check {
    /// The rule.
    pub rule: &'static Rule,
    /// Finds the rule's findings.
    pub run: fn(&Context, &mut Findings),
}

/// The rules the loader and the resolver report: they run before any check can.
static LOADER_RULES: [&Rule; 7] = [
    &crate::load::YAML_SYNTAX,
    &crate::load::SCHEMA,
    &crate::load::HIDDEN_CHARACTER,
    &crate::load::EMPTY_FILE,
    &crate::resolve::INVALID_ID,
    &crate::resolve::DUPLICATE_ID,
    &crate::resolve::UNKNOWN_REFERENCE,
];

/// Every check over the resolved model, in the order `raciflow rules` lists them.
pub static CHECKS: &[Check] = &[
    Check {
        rule: &flow::UNREACHABLE_STEP,
        run: flow::unreachable_step,
    },
    Check {
        rule: &flow::DEAD_END,
        run: flow::dead_end,
    },
    Check {
        rule: &flow::DECISION_BRANCHES,
        run: flow::decision_branches,
    },
    Check {
        rule: &flow::EMPTY_PROCESS,
        run: flow::empty_process,
    },
    Check {
        rule: &flow::SELF_LOOP,
        run: flow::self_loop,
    },
    Check {
        rule: &flow::SUBPROCESS_CYCLE,
        run: flow::subprocess_cycle,
    },
    Check {
        rule: &flow::ACTIVITY_TWICE,
        run: flow::activity_twice,
    },
    Check {
        rule: &data::INPUT_UNAVAILABLE,
        run: data::input_unavailable,
    },
    Check {
        rule: &data::INPUT_MAYBE_UNAVAILABLE,
        run: data::input_maybe_unavailable,
    },
    Check {
        rule: &data::OUTPUT_UNUSED,
        run: data::output_unused,
    },
    Check {
        rule: &data::HANDOFF_MISMATCH,
        run: data::handoff_mismatch,
    },
    Check {
        rule: &data::OUTPUT_NOT_PRODUCED,
        run: data::output_not_produced,
    },
    Check {
        rule: &raci::NO_RESPONSIBLE,
        run: raci::no_responsible,
    },
    Check {
        rule: &raci::ACCOUNTABLE_COUNT,
        run: raci::accountable_count,
    },
    Check {
        rule: &raci::REDUNDANT_LETTERS,
        run: raci::redundant_letters,
    },
    Check {
        rule: &raci::UNUSED_ROLE,
        run: raci::unused_role,
    },
    Check {
        rule: &raci::OVERLOADED_ROLE,
        run: raci::overloaded_role,
    },
    Check {
        rule: &raci::EXTERNAL_ACCOUNTABLE,
        run: raci::external_accountable,
    },
    Check {
        rule: &org::REPORTING_CYCLE,
        run: org::reporting_cycle,
    },
    Check {
        rule: &kpi::WEIGHTS,
        run: kpi::weights,
    },
    Check {
        rule: &kpi::MISSING_TARGET,
        run: kpi::missing_target,
    },
    Check {
        rule: &kpi::INVALID_VALUE,
        run: kpi::invalid_value,
    },
    Check {
        rule: &kpi::UNREACHABLE_CAP,
        run: kpi::unreachable_cap,
    },
    Check {
        rule: &kpi::UNMEASURED,
        run: kpi::unmeasured,
    },
    Check {
        rule: &kpi::ROLE_WITHOUT_KPI,
        run: kpi::role_without_kpi,
    },
    Check {
        rule: &doc::FORM_WITHOUT_FIELDS,
        run: doc::form_without_fields,
    },
    Check {
        rule: &doc::LONG_NAME,
        run: doc::long_name,
    },
    Check {
        rule: &doc::ROLE_WITHOUT_DUTIES,
        run: doc::role_without_duties,
    },
    Check {
        rule: &doc::UNHELD_DUTY,
        run: doc::unheld_duty,
    },
    Check {
        rule: &doc::UNWORDED_DUTY,
        run: doc::unworded_duty,
    },
    Check {
        rule: &doc::INCOMPLETE_PASSPORT,
        run: doc::incomplete_passport,
    },
    Check {
        rule: &doc::MISSING_DESCRIPTION,
        run: doc::missing_description,
    },
    Check {
        rule: &doc::MISSING_CASE,
        run: doc::missing_case,
    },
    Check {
        rule: &workload::OVERLOADED_TIME,
        run: workload::overloaded_role,
    },
    Check {
        rule: &workload::NON_SELLING_SHARE,
        run: workload::non_selling_share,
    },
    Check {
        rule: &workload::MISSING_FIGURES,
        run: workload::missing_figures,
    },
];

/// Every rule: the loader's, the checks', and `unused-allow`.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    LOADER_RULES
        .iter()
        .copied()
        .chain(CHECKS.iter().map(|check| check.rule))
        .chain([&allow::UNUSED_ALLOW])
}

/// Every rule, collected (for SARIF's rule table, whose indices results refer to).
pub fn all_rules() -> Vec<&'static Rule> {
    rules().collect()
}

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static Rule> {
    rules().find(|rule| rule.name == name)
}

/// The rule a person means by `name`: its full name, or its name without the group
/// (`no-responsible` for `raci/no-responsible`) when only one rule has it.
pub fn find_loosely(name: &str) -> Option<&'static Rule> {
    find(name).or_else(|| {
        let mut matches = rules().filter(|rule| {
            rule.name
                .split_once('/')
                .is_some_and(|(_, short)| short == name)
        });
        let first = matches.next()?;
        matches.next().is_none().then_some(first)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique_and_kebab_case() {
        let mut names: Vec<_> = rules().map(|r| r.name).collect();
        for name in &names {
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/'),
                "{name}"
            );
        }
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn every_rule_explains_a_failing_example_and_the_fix() {
        for rule in rules() {
            assert!(
                rule.explanation.contains("Failing"),
                "{} has no failing example",
                rule.name
            );
            assert!(
                rule.explanation.contains("Fix"),
                "{} says no fix",
                rule.name
            );
        }
    }
}
