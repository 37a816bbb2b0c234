//! `PlanFact`: the monthly plan/fact form of one role: its indicators with blank facts.

use serde::Serialize;

use crate::model::{Direction, KpiCategory, Period};

use crate::resolve::Pay;
use crate::views::indicator::IndicatorGroup;
use crate::views::links::RoleLink;
use crate::views::motivation::bonus_share;
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
    /// Whether an indicator is better lower: the form then says how it is scored, a zero
    /// fact included.
    pub lower_is_better: bool,
    /// Whether it has a development goal: the form then says how a month scores it.
    pub development: bool,
    /// The working days a month its monthly plans assume, when one of them is a daily or
    /// weekly standard made monthly (8 meetings a week, 34 a month): months differ, and
    /// the form says how to recount the plan.
    pub month_days: Option<f64>,
    /// The most an indicator of the role pays, in percent of the plan, unless it sets a
    /// cap of its own (which its row then states).
    pub cap: f64,
    /// Whether an indicator sets a cap of its own: the rule under the table, which names
    /// the role's cap, then says that such a row counts up to its own.
    pub own_caps: bool,
    /// Whether the model gives the role's pay: the form then has blanks for the
    /// employee's salary, the month's variable pay and the total.
    pub paid: bool,
    /// The on-target bonus in percent of the salary (`motivation::bonus_share`): the form
    /// is the position's, filled in for each employee, so it states no one's amounts.
    pub bonus_share: Option<f64>,
}

/// What a plan/fact form needs besides the role's profile.
pub struct FormTerms {
    /// Working days a month the plans assume.
    pub days_per_month: f64,
    /// The role's cap, in percent of the plan.
    pub cap: f64,
    /// The role's salary and bonus.
    pub pay: Option<Pay>,
}

impl PlanFact {
    /// The form of the role described by `profile`, or `None` when it has no indicators;
    /// `identity` is the form's.
    pub fn of(profile: &RoleProfile, identity: Identity, terms: FormTerms) -> Option<Self> {
        let FormTerms {
            days_per_month,
            cap,
            pay,
        } = terms;
        let all = || profile.indicators.iter().flat_map(|g| &g.indicators);
        (!profile.indicators.is_empty()).then(|| PlanFact {
            role: profile.role.clone(),
            title_genitive: profile.title_genitive.clone(),
            identity,
            groups: profile.indicators.clone(),
            lower_is_better: all().any(|k| k.direction == Direction::AtMost),
            development: all().any(|k| k.category == KpiCategory::Smart),
            month_days: all()
                .any(|k| {
                    k.month_plan.is_some()
                        && k.month_plan != k.target
                        && matches!(k.period, Period::Day | Period::Week)
                })
                .then_some(days_per_month),
            cap,
            own_caps: all().any(|k| k.cap.is_some_and(|own| own != cap)),
            paid: pay.is_some_and(|p| p.salary.is_some() || p.bonus.is_some()),
            bonus_share: bonus_share(pay),
        })
    }
}
