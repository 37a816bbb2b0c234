//! `ControlView`: a control point as the regulation, the job description and the
//! checklist show it.

use serde::Serialize;

use crate::model::{Frequency, Language};
use crate::resolve::{Control, StepId};
use crate::views::links::{Linker, RoleLink, StepLink};
use crate::views::wording::third_person;

/// Who checks what at which step, and how often.
#[derive(Clone, Debug, Serialize)]
pub struct ControlView {
    /// The step whose work is checked.
    pub step: StepLink,
    /// The role that checks.
    pub by: RoleLink,
    /// What is checked and how, as the model words it: an instruction ("Check one parcel
    /// …"), as a checklist lists it, or a noun phrase («Сверка …»).
    pub how: String,
    /// The same as a duty of the one who checks, for the job description and the
    /// procedure: an English instruction in the third person ("Checks one parcel …").
    pub duty: String,
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
            duty: match links.model_language() {
                Language::En => third_person(&control.how),
                Language::Ru => control.how.clone(),
            },
            frequency: control.frequency,
        }
    }
}
