//! `kpis:` the indicators that tie a role's pay to results (КСП: KPI, Standard, SMART).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Allow, Language, Number, Spanned};

/// An indicator of one role.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Unique among indicators.
    pub id: Spanned<String>,
    /// The indicator's name as it appears in documents.
    pub name: String,
    /// The id of the role whose pay it drives.
    pub role: Spanned<String>,
    /// KPI (a result), Standard (a daily routine) or SMART (a dated development goal).
    #[serde(default)]
    pub category: KpiCategory,
    /// The plan figure; required for `kpi` and `standard` indicators.
    pub target: Option<Spanned<Number>>,
    /// The unit of the target: one word (`"%"`, `₽`), or its forms for counting so that
    /// text agrees with the figure: `[клиент, клиента, клиентов]` (1, 2, 5) in Russian,
    /// `[client, clients]` in English.
    pub unit: Option<Unit>,
    /// The period the target refers to (default `month`).
    #[serde(default)]
    pub period: Period,
    /// Whether more is better (`at-least`, the default) or less is (`at-most`).
    #[serde(default)]
    pub direction: Direction,
    /// The id of the artifact the fact is taken from.
    pub measured_by: Option<Spanned<String>>,
    /// Percent of the role's variable pay; where any indicator of a role has a weight,
    /// the role's weights must add up to 100.
    pub weight: Option<Spanned<Number>>,
    /// Percent of the target below which the indicator pays nothing.
    pub threshold: Option<Spanned<Number>>,
    /// The most the indicator pays, in percent of its plan (default: the role's
    /// `motivation.cap`, the model's, or 120).
    pub cap: Option<Spanned<Number>>,
    /// How the figure adds up over a longer period: `sum` (the default: contacts, revenue,
    /// scaled with the period) or `average` (a rate, a score: the same plan for any period;
    /// a `%` unit is always averaged).
    #[serde(default)]
    pub aggregate: Aggregate,
    /// The due date of a SMART goal, e.g. 2026-03-31.
    pub due: Option<Spanned<String>>,
    /// Findings of `check` accepted for this indicator, each with a reason.
    #[serde(default)]
    pub allow: Vec<Allow>,
}

/// The three kinds of indicator of the КСП motivation scheme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KpiCategory {
    /// A result: revenue, new clients, conversion (the default).
    #[default]
    Kpi,
    /// A daily routine from the job description: 70 contacts a day, reports on time.
    Standard,
    /// A dated development goal.
    Smart,
}

/// The period an indicator's target refers to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// Per working day.
    Day,
    /// Per week.
    Week,
    /// Per month (the default).
    #[default]
    Month,
    /// Per quarter.
    Quarter,
    /// Per year.
    Year,
}

/// How an indicator's figure adds up over a longer period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregate {
    /// The figures of the days add up: a month's plan is the days' plans together.
    #[default]
    Sum,
    /// The figure is a rate or a score: the plan is the same for any period.
    Average,
}

/// Which way an indicator is better.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The fact should reach the target or exceed it (the default).
    #[default]
    AtLeast,
    /// The fact should stay at the target or below it.
    AtMost,
}

/// The unit of an indicator's target.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Unit {
    /// One form for every count: a symbol or an abbreviation.
    Word(String),
    /// The forms for counting: `[one, few, many]` in Russian, `[one, other]` in English.
    Forms(Vec<String>),
}

impl Unit {
    /// The form a unit column shows: the one for many.
    pub fn heading(&self) -> &str {
        match self {
            Unit::Word(word) => word,
            Unit::Forms(forms) => forms.last().map_or("", String::as_str),
        }
    }

    /// Whether the figure is a percentage («%», «% плана»): a share or a rate, the same for
    /// any period.
    pub fn is_percent(&self) -> bool {
        self.heading().starts_with('%')
    }

    /// The form that follows «не менее N» / "at least N": Russian takes the genitive (the
    /// "few" form for 1, 21, 31… and fractions, the "many" form otherwise).
    pub fn counted(&self, count: f64, language: Language) -> &str {
        let whole = count.fract() == 0.0;
        let n = count.abs() as u64;
        self.form(match language {
            Language::Ru if !whole || (n % 10 == 1 && n % 100 != 11) => 1,
            Language::Ru => 2,
            Language::En if whole && n == 1 => 0,
            Language::En => 1,
        })
    }

    /// The form that agrees with a bare figure, as a plan column writes it: «21 планёрка»,
    /// «84 разбора», «70 контактов», «1,5 часа».
    pub fn agreeing(&self, count: f64, language: Language) -> &str {
        self.form(language.plural_form(count))
    }

    /// Form `index` (one, few, many), or the nearest a shorter list has; a single word
    /// for every count.
    fn form(&self, index: usize) -> &str {
        let Unit::Forms(forms) = self else {
            return self.heading();
        };
        forms
            .get(index.min(forms.len().saturating_sub(1)))
            .map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::Unit;
    use crate::model::Language;

    #[test]
    fn a_unit_agrees_with_its_figure_bare_and_after_at_least() {
        let unit = Unit::Forms(vec![
            "планёрка".to_owned(),
            "планёрки".to_owned(),
            "планёрок".to_owned(),
        ]);
        let bare = |n: f64| unit.agreeing(n, Language::Ru);
        assert_eq!(
            [bare(21.0), bare(84.0), bare(70.0), bare(12.0), bare(1.5)],
            ["планёрка", "планёрки", "планёрок", "планёрок", "планёрки"]
        );
        let after = |n: f64| unit.counted(n, Language::Ru);
        assert_eq!([after(21.0), after(84.0)], ["планёрки", "планёрок"]);
    }
}
