//! `PlanFact`: the monthly plan/fact form of one role: its indicators with blank facts.

use serde::Serialize;

use crate::views::indicator::IndicatorGroup;
use crate::views::links::RoleLink;
use crate::views::role_profile::RoleProfile;

/// The plan/fact form of one role.
#[derive(Clone, Debug, Serialize)]
pub struct PlanFact {
    /// The role; the form's file is `forms/ROLE.plan-fact`.
    pub role: RoleLink,
    /// Its indicators by КСП category.
    pub groups: Vec<IndicatorGroup>,
}

impl PlanFact {
    /// The form of the role described by `profile`, or `None` when it has no indicators.
    pub fn of(profile: &RoleProfile) -> Option<Self> {
        (!profile.indicators.is_empty()).then(|| PlanFact {
            role: profile.role.clone(),
            groups: profile.indicators.clone(),
        })
    }
}
