//! `Checklist`: the чек-лист of one role: its steps with their items as tick boxes, and
//! its control duties.

use serde::Serialize;

use crate::views::control::ControlView;
use crate::views::links::{ProcessLink, RoleLink, StepLink};
use crate::views::role_profile::RoleProfile;

/// The checklist of one role.
#[derive(Clone, Debug, Serialize)]
pub struct Checklist {
    /// The role.
    pub role: RoleLink,
    /// Its steps, grouped by process, in flow order.
    pub groups: Vec<ChecklistGroup>,
    /// The controls it carries out.
    pub controls: Vec<ControlView>,
}

/// The role's steps in one process.
#[derive(Clone, Debug, Serialize)]
pub struct ChecklistGroup {
    /// The process.
    pub process: ProcessLink,
    /// The steps.
    pub steps: Vec<ChecklistStep>,
}

/// One step and what to tick off in it.
#[derive(Clone, Debug, Serialize)]
pub struct ChecklistStep {
    /// The step.
    pub step: StepLink,
    /// Its checklist items; a step without items is ticked off as a whole.
    pub items: Vec<String>,
}

impl Checklist {
    /// The checklist of the role described by `profile`, or `None` when it has nothing to
    /// tick off.
    pub fn of(profile: &RoleProfile) -> Option<Self> {
        if !profile.checklist {
            return None;
        }
        let groups = profile
            .duties
            .iter()
            .map(|group| ChecklistGroup {
                process: group.process.clone(),
                steps: group
                    .duties
                    .iter()
                    .filter(|duty| duty.on_checklist())
                    .map(|duty| ChecklistStep {
                        step: duty.step.clone(),
                        items: duty.checklist.clone(),
                    })
                    .collect(),
            })
            .filter(|group: &ChecklistGroup| !group.steps.is_empty())
            .collect();
        Some(Checklist {
            role: profile.role.clone(),
            groups,
            controls: profile.controls.clone(),
        })
    }
}
