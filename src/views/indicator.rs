//! `IndicatorView`: one КСП indicator as the job description, the regulation and the
//! plan/fact form show it.

use serde::Serialize;

use crate::model::{Direction, KpiCategory, Language, Period, Unit};
use crate::resolve::{Kpi, KpiId};
use crate::views::links::{ArtifactLink, Linker};

/// An indicator with its plan and how it pays.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `kpi`, `standard` or `smart`.
    pub category: KpiCategory,
    /// The plan figure.
    pub target: Option<f64>,
    /// The unit of the plan, as a unit column heads it.
    pub unit: Option<String>,
    /// The unit agreeing with the plan figure after «не менее» / "at least": «не менее 21
    /// планёрки», «не менее 4 клиентов».
    pub unit_counted: Option<String>,
    /// Where the unit stands against the figure.
    pub unit_place: UnitPlace,
    /// The period the plan refers to.
    pub period: Period,
    /// The label that writes the period after the plan: a count is per period («не менее
    /// 70 контактов в день», `period_day`), a share is over it («не менее 95% за месяц»,
    /// `period_share_month`).
    pub period_label: &'static str,
    /// The plan over a month, for the monthly plan/fact form, as `raciflow score` counts
    /// it ([`crate::score::plan`]): a daily or weekly count times the working days in a
    /// month, a quarter's a third, in whole units (8 meetings a week make «не менее 34
    /// встреч» a month, not 33,6); a percentage as it is; `None` for a SMART goal.
    pub month_plan: Option<f64>,
    /// The unit agreeing with the month's plan: «21 планёрка», «84 разбора».
    pub month_unit: Option<String>,
    /// Which way is better.
    pub direction: Direction,
    /// Whether the plan is written with its direction («не менее 95%», "at least 95%"): not
    /// a share of 100% or more to reach, which nothing exceeds («100% за месяц»).
    pub bounded: bool,
    /// Where the fact comes from.
    pub measured_by: Option<ArtifactLink>,
    /// Percent of the role's variable pay.
    pub weight: Option<f64>,
    /// Percent of the plan below which it pays nothing.
    pub threshold: Option<f64>,
    /// The most it pays, in percent of the plan.
    pub cap: Option<f64>,
    /// The due date of a SMART goal, as the pack's language writes dates.
    pub due: Option<String>,
}

/// Where a unit is written against its figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitPlace {
    /// After it, with a space: «70 контактов», "12 visits".
    After,
    /// After it, with no space: "95%", as the pack's thresholds and weights are written.
    Attached,
    /// Before it: "EUR 50,000", as English writes a currency code.
    Before,
    /// Before it with no space: "£50,000", as English writes a currency sign.
    Prefix,
}

impl UnitPlace {
    /// The place of `unit` in `language`.
    pub(crate) fn of(unit: &str, language: Language) -> Self {
        let currency = unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase());
        match unit {
            // A percent sign stands against the figure, also before words: «100% плана».
            _ if unit == "%" || unit.starts_with("% ") => UnitPlace::Attached,
            _ if currency && language == Language::En => UnitPlace::Before,
            "£" | "$" | "€" if language == Language::En => UnitPlace::Prefix,
            _ => UnitPlace::After,
        }
    }
}

impl IndicatorView {
    /// The view of one indicator.
    pub fn of(kpi: &Kpi, links: &Linker<'_>) -> Self {
        let share = kpi.unit.as_ref().is_some_and(Unit::is_percent);
        // A SMART goal's month is a milestone written in by hand, not a figure.
        let month_plan = (kpi.category != KpiCategory::Smart)
            .then(|| crate::score::plan(kpi, links.month()))
            .flatten();
        IndicatorView {
            id: kpi.id.clone(),
            name: kpi.name.clone(),
            category: kpi.category,
            target: kpi.target.map(|n| n.value),
            unit: kpi.unit.as_ref().map(|u| u.heading().to_owned()),
            unit_counted: kpi.unit.as_ref().map(|u| {
                let count = kpi.target.map_or(0.0, |n| n.value);
                u.counted(count, links.model_language()).to_owned()
            }),
            unit_place: kpi.unit.as_ref().map_or(UnitPlace::After, |u| {
                UnitPlace::of(u.heading(), links.language())
            }),
            period: kpi.period,
            period_label: period_label(kpi.period, share),
            month_plan,
            month_unit: kpi
                .unit
                .as_ref()
                .zip(month_plan)
                .map(|(u, plan)| u.agreeing(plan, links.model_language()).to_owned()),
            direction: kpi.direction,
            bounded: !(share
                && kpi.direction == Direction::AtLeast
                && kpi.target.is_some_and(|t| t.value >= 100.0)),
            measured_by: kpi.measured_by.map(|m| links.artifact(m.target)),
            weight: kpi.weight.map(|n| n.value),
            threshold: kpi.threshold.map(|n| n.value),
            cap: links.cap(kpi),
            due: kpi.due.as_deref().map(|due| links.date(due)),
        }
    }
}

/// The label of `period` after a plan: per period for a count, over it for a `share`.
fn period_label(period: Period, share: bool) -> &'static str {
    match (period, share) {
        (Period::Day, false) => "period_day",
        (Period::Week, false) => "period_week",
        (Period::Month, false) => "period_month",
        (Period::Quarter, false) => "period_quarter",
        (Period::Year, false) => "period_year",
        (Period::Day, true) => "period_share_day",
        (Period::Week, true) => "period_share_week",
        (Period::Month, true) => "period_share_month",
        (Period::Quarter, true) => "period_share_quarter",
        (Period::Year, true) => "period_share_year",
    }
}

/// The indicators of one КСП category, with their total weight.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorGroup {
    /// `kpi`, `standard` or `smart`.
    pub category: KpiCategory,
    /// The indicators, in the order written.
    pub indicators: Vec<IndicatorView>,
    /// The sum of their weights, when any has one.
    pub weight: Option<f64>,
}

/// Whether a table of `groups` needs a "target for the month" column beside the target:
/// some plan is not monthly as the model states it (70 contacts a day, 1,470 a month) or a
/// development goal has a month's milestone. When every plan already is the month's, the
/// column would repeat the target.
pub fn month_column(groups: &[IndicatorGroup]) -> bool {
    groups.iter().flat_map(|g| &g.indicators).any(|k| {
        k.category == KpiCategory::Smart || (k.month_plan.is_some() && k.month_plan != k.target)
    })
}

/// The indicators grouped by category in КСП order (KPI, Standard, SMART); empty
/// categories are left out.
pub fn grouped(kpis: &[(KpiId, &Kpi)], links: &Linker<'_>) -> Vec<IndicatorGroup> {
    [KpiCategory::Kpi, KpiCategory::Standard, KpiCategory::Smart]
        .into_iter()
        .filter_map(|category| {
            let indicators: Vec<IndicatorView> = kpis
                .iter()
                .filter(|(_, kpi)| kpi.category == category)
                .map(|(_, kpi)| IndicatorView::of(kpi, links))
                .collect();
            let weights: Vec<f64> = indicators.iter().filter_map(|i| i.weight).collect();
            (!indicators.is_empty()).then(|| IndicatorGroup {
                category,
                weight: (!weights.is_empty()).then(|| weights.iter().sum()),
                indicators,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::UnitPlace;
    use crate::model::Language;

    #[test]
    fn english_writes_a_currency_code_before_the_figure_and_a_sign_against_it() {
        assert_eq!(UnitPlace::of("EUR", Language::En), UnitPlace::Before);
        assert_eq!(UnitPlace::of("£", Language::En), UnitPlace::Prefix);
        assert_eq!(UnitPlace::of("%", Language::En), UnitPlace::Attached);
        assert_eq!(UnitPlace::of("% плана", Language::Ru), UnitPlace::Attached);
        assert_eq!(UnitPlace::of("visits", Language::En), UnitPlace::After);
        // Russian writes every unit after the figure: «50 000 ₽», «100 EUR».
        assert_eq!(UnitPlace::of("₽", Language::Ru), UnitPlace::After);
        assert_eq!(UnitPlace::of("EUR", Language::Ru), UnitPlace::After);
    }
}
