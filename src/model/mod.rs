//! The typed model format: what a consultant writes, as serde and schemars types.
//!
//! These types know nothing of files, rules or references: the loader fills them from YAML
//! (keeping spans), `resolve` turns their id strings into handles, and `raciflow schema`
//! derives the JSON Schema from the same definitions, so the schema cannot drift from the
//! loader.

mod allow;
mod artifact;
mod id_list;
mod kpi;
mod manifest;
mod next;
mod one_or_many;
mod process;
mod quantity;
mod role;
mod spanned;
mod written;

pub use allow::Allow;
pub use artifact::{Artifact, ArtifactKind, Field, FieldPlace, FieldType};
pub use id_list::IdList;
pub use kpi::{Aggregate, Direction, Kpi, KpiCategory, Period, Unit};
pub use manifest::{
    Approval, Codes, Language, Level, ModelInfo, MotivationDefaults, RuleSetting, RulesConfig, Term,
};
pub use next::{Next, NextTarget};
pub use process::{
    Control, DutyByLetter, DutyWording, Letter, Process, ProcessInput, ProcessOutput, Raci, Step,
    StepKind, ValueKind,
};
pub use quantity::{
    Deadline, Effort, EffortUnit, Frequency, Number, Positive, Volume, VolumePeriod, calendar_date,
};
pub use role::{Motivation, Role, RoleCategory, RoleDuty, ScheduledDuty};
pub use spanned::{Span, Spanned};
pub use written::with_source;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One model file. Every file may hold any of the element sections; the elements of all
/// files are merged into one model. `model` and `rules` belong in model.yaml only.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "raciflow model file")]
pub struct ModelFile {
    /// The manifest: the model's id, name, client and language (model.yaml only).
    pub model: Option<Spanned<ModelInfo>>,
    /// Per-rule levels and parameters (model.yaml only).
    pub rules: Option<Spanned<RulesConfig>>,
    /// Positions of the organisation and external parties.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Documents and information objects.
    #[serde(default)]
    pub artifacts: Vec<Artifact>,
    /// Indicators: KPI, Standard and SMART.
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// Business processes and their steps.
    #[serde(default)]
    pub processes: Vec<Process>,
}
