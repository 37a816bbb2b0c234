//! `Checklist`: the чек-лист of one role: its steps with their items as tick boxes, and
//! its control duties.

use serde::Serialize;

use crate::model::VolumePeriod;
use crate::views::control::ControlView;
use crate::views::links::{ProcessLink, RoleLink, StepLink};
use crate::views::register::Identity;
use crate::views::role_profile::RoleProfile;

/// The checklist of one role: what it ticks off, by how often it comes round (daily work
/// on one sheet, weekly and monthly work on others), and the controls it carries out.
#[derive(Clone, Debug, Serialize)]
pub struct Checklist {
    /// The role.
    pub role: RoleLink,
    /// The role's title in the genitive, for a Russian heading («Чек-лист
    /// телемаркетолога»), as the job description has it.
    pub title_genitive: Option<String>,
    /// The checklist's code, title and version.
    pub identity: Identity,
    /// Its steps by period: daily, weekly, monthly, then those that come as they occur.
    pub periods: Vec<ChecklistPeriod>,
    /// The controls it carries out.
    pub controls: Vec<ControlView>,
}

/// The steps of one period.
#[derive(Clone, Debug, Serialize)]
pub struct ChecklistPeriod {
    /// `day`, `week`, `month`, or `event` (as it occurs).
    pub per: &'static str,
    /// The steps, in flow order, process by process.
    pub steps: Vec<ChecklistStep>,
}

/// One step and what to tick off in it.
#[derive(Clone, Debug, Serialize)]
pub struct ChecklistStep {
    /// The step.
    pub step: StepLink,
    /// The step worded as a duty, as the job description words it.
    pub text: String,
    /// The process it belongs to.
    pub process: ProcessLink,
    /// Its checklist items; a step without items is one tick, its own text.
    pub items: Vec<String>,
}

impl Checklist {
    /// The checklist of the role described by `profile`, or `None` when it has nothing to
    /// tick off; `identity` is the checklist's.
    pub fn of(profile: &RoleProfile, identity: Identity) -> Option<Self> {
        if !profile.checklist {
            return None;
        }
        let key = |per: Option<VolumePeriod>| match per {
            Some(VolumePeriod::Day) => "day",
            Some(VolumePeriod::Week) => "week",
            Some(VolumePeriod::Month) => "month",
            None => "event",
        };
        let periods = ["day", "week", "month", "event"]
            .into_iter()
            .map(|per| ChecklistPeriod {
                per,
                steps: profile
                    .duties
                    .iter()
                    .flat_map(|group| &group.duties)
                    .filter(|duty| duty.on_checklist() && key(duty.per) == per)
                    .map(|duty| ChecklistStep {
                        step: duty.step.clone(),
                        text: duty.written.clone(),
                        process: duty.step.process.clone(),
                        items: duty.checklist.clone(),
                    })
                    .collect(),
            })
            .filter(|period| !period.steps.is_empty())
            .collect();
        Some(Checklist {
            role: profile.role.clone(),
            title_genitive: profile.title_genitive.clone(),
            identity,
            periods,
            controls: profile.controls.clone(),
        })
    }
}
