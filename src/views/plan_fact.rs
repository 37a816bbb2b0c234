//! `PlanFact`: the monthly plan/fact form of one role: its indicators with blank facts.

use serde::Serialize;

use crate::model::{Direction, KpiCategory, Period};

use crate::views::indicator::IndicatorGroup;
use crate::views::links::RoleLink;
use crate::views::register::Identity;
use crate::views::role_profile::RoleProfile;

/// The plan/fact form of one role.
#[derive(Clone, Debug, Serialize)]
pub struct PlanFact {
    /// The role; the form's file is `forms/ROLE.plan-fact`.
    pub role: RoleLink,
    /// The role's title in the genitive, for a Russian heading («Чек-лист
    /// телемаркетолога»), as the job description has it.
    pub title_genitive: Option<String>,
    /// The form's code, title and version.
    pub identity: Identity,
    /// Its indicators by КСП category.
    pub groups: Vec<IndicatorGroup>,
    /// Whether a plan covers a quarter or a year: the monthly form then says such plans
    /// are judged at their period's end.
    pub judged_later: bool,
    /// Whether an indicator is better lower: the form then says how it is scored, a zero
    /// fact included.
    pub lower_is_better: bool,
    /// Whether it has a development goal: the form then says how a month scores it.
    pub development: bool,
    /// The working days a month its monthly plans assume, when one of them is a daily or
    /// weekly standard made monthly (8 meetings a week, 34 a month): months differ, and
    /// the form says how to recount the plan.
    pub month_days: Option<f64>,
}

impl PlanFact {
    /// The form of the role described by `profile`, or `None` when it has no indicators;
    /// `identity` is the form's.
    pub fn of(profile: &RoleProfile, identity: Identity, days_per_month: f64) -> Option<Self> {
        let all = || profile.indicators.iter().flat_map(|g| &g.indicators);
        (!profile.indicators.is_empty()).then(|| PlanFact {
            role: profile.role.clone(),
            title_genitive: profile.title_genitive.clone(),
            identity,
            groups: profile.indicators.clone(),
            judged_later: all().any(|k| k.target.is_some() && k.month_plan.is_none()),
            lower_is_better: all().any(|k| k.direction == Direction::AtMost),
            development: all().any(|k| k.category == KpiCategory::Smart),
            month_days: all()
                .any(|k| {
                    k.month_plan.is_some()
                        && matches!(k.period, Period::Day | Period::Week)
                        && k.unit.as_deref() != Some("%")
                })
                .then_some(days_per_month),
        })
    }
}
