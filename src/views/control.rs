//! `ControlView`: a control point as the regulation, the job description and the
//! checklist show it.

use serde::Serialize;

use crate::model::Frequency;
use crate::resolve::{Control, StepId};
use crate::views::links::{Linker, RoleLink, StepLink};

/// Who checks what at which step, and how often.
#[derive(Clone, Debug, Serialize)]
pub struct ControlView {
    /// The step whose work is checked.
    pub step: StepLink,
    /// The role that checks.
    pub by: RoleLink,
    /// What is checked and how.
    pub how: String,
    /// How often.
    pub frequency: Option<Frequency>,
}

impl ControlView {
    /// The view of a control of step `step`.
    pub fn of(step: StepId, control: &Control, links: &Linker<'_>) -> Self {
        ControlView {
            step: links.step(step),
            by: links.role(control.by.target),
            how: control.how.clone(),
            frequency: control.frequency,
        }
    }
}
