//! The workload of each position: how many hours a month its steps take a person, of what
//! kind (selling, support, management), against the working time a person has, and how many
//! people the work needs.
//!
//! A step's `volume` counts its occurrences per person of each role that performs it (R);
//! its `effort` is the time of one occurrence. A month has the model's `days_per_month`
//! working days and a week five of them; a day of effort (`1d`) is `hours_per_day` hours.
//! Decisions and calls of other processes are not work of their own: their time is in the
//! steps around them.

mod report;

use serde::{Serialize, Serializer};

pub use report::{ReportError, csv, text};

/// A figure as the report gives it: to two decimals, so that a month of 157.49999999999997
/// hours reads 157.5 and the JSON is the same on every machine.
fn rounded<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round(*value))
}

/// `value` to two decimals.
pub fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

use crate::model::{Effort, EffortUnit, StepKind, ValueKind, Volume, VolumePeriod};
use crate::resolve::{Info, ProcessId, Resolved, RoleId, Step, StepId};

/// The workload of every position inside the organisation, and of every department.
#[derive(Clone, Debug, Serialize)]
pub struct Workload {
    /// The working time the figures assume.
    pub calendar: Calendar,
    /// Each non-external role, in model order.
    pub roles: Vec<RoleLoad>,
    /// Each department its roles name, in order of first mention; roles without one are in
    /// none.
    pub departments: Vec<DepartmentLoad>,
}

/// One position's workload, per person unless said otherwise.
#[derive(Clone, Debug, Serialize)]
pub struct RoleLoad {
    /// The role.
    #[serde(skip)]
    pub role: RoleId,
    /// The role's id.
    pub id: String,
    /// Its title.
    pub name: String,
    /// Its department.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// How many people hold it.
    pub headcount: u32,
    /// Hours a month its steps take one person.
    #[serde(serialize_with = "rounded")]
    pub hours_per_month: f64,
    /// Working hours a person has in a month: `hours_per_day` × `days_per_month`.
    #[serde(serialize_with = "rounded")]
    pub fund_per_month: f64,
    /// `hours_per_month` / `fund_per_month`.
    #[serde(serialize_with = "rounded")]
    pub utilisation: f64,
    /// The people the work needs: hours × headcount / (fund × `norm_coefficient`).
    #[serde(serialize_with = "rounded")]
    pub headcount_needed: f64,
    /// The hours by kind of work.
    pub by_value: ByValue,
    /// How many of its steps give both effort and volume: the figures cover only these.
    pub steps_with_figures: usize,
    /// How many steps it performs (R), decisions and calls of other processes aside.
    pub steps: usize,
    /// Its steps with figures, the heaviest first.
    #[serde(skip)]
    pub step_hours: Vec<StepHours>,
    /// Its steps without effort or volume.
    #[serde(skip)]
    pub missing: Vec<StepId>,
}

/// Hours a month by the kind of work (`value` of the steps).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct ByValue {
    /// Work with clients that sells.
    #[serde(serialize_with = "rounded")]
    pub selling: f64,
    /// Work that supports selling: documents, logistics, records.
    #[serde(serialize_with = "rounded")]
    pub support: f64,
    /// Planning, control and management.
    #[serde(serialize_with = "rounded")]
    pub management: f64,
    /// Steps that do not say.
    #[serde(serialize_with = "rounded")]
    pub unspecified: f64,
}

impl ByValue {
    /// The hours that sell nothing: support, management and steps that do not say.
    pub fn non_selling(&self) -> f64 {
        self.support + self.management + self.unspecified
    }

    fn add(&mut self, value: Option<ValueKind>, hours: f64) {
        let slot = match value {
            Some(ValueKind::Selling) => &mut self.selling,
            Some(ValueKind::Support) => &mut self.support,
            Some(ValueKind::Management) => &mut self.management,
            None => &mut self.unspecified,
        };
        *slot += hours;
    }
}

/// One step's hours a month for one person.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct StepHours {
    /// The step.
    #[serde(skip)]
    pub step: StepId,
    /// Its hours a month.
    pub hours: f64,
}

/// A department's workload: its people together.
#[derive(Clone, Debug, Serialize)]
pub struct DepartmentLoad {
    /// The department's name, as the roles write it.
    pub name: String,
    /// Hours a month of all its people.
    #[serde(serialize_with = "rounded")]
    pub hours_per_month: f64,
    /// How many people it has.
    pub headcount: u32,
    /// How many people its work needs.
    #[serde(serialize_with = "rounded")]
    pub headcount_needed: f64,
}

/// The model's working time: what a month and a day hold.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Calendar {
    /// Working hours a day.
    pub hours_per_day: f64,
    /// Working days a month.
    pub days_per_month: f64,
    /// The share of the working time a person can spend on the modelled work (Квн).
    pub norm_coefficient: f64,
}

impl Calendar {
    /// The model's calendar, with the defaults of a model without model.yaml.
    pub fn of(model: &Resolved) -> Calendar {
        model.info.as_ref().map_or(
            Calendar {
                hours_per_day: Info::HOURS_PER_DAY,
                days_per_month: f64::from(Info::DAYS_PER_MONTH),
                norm_coefficient: Info::NORM_COEFFICIENT,
            },
            |info| Calendar {
                hours_per_day: info.hours_per_day,
                days_per_month: f64::from(info.days_per_month),
                norm_coefficient: info.norm_coefficient,
            },
        )
    }

    /// The hours of one occurrence of `effort`.
    pub fn hours(&self, effort: Effort) -> f64 {
        match effort.unit {
            EffortUnit::Minutes => effort.amount / 60.0,
            EffortUnit::Hours => effort.amount,
            EffortUnit::Days => effort.amount * self.hours_per_day,
        }
    }

    /// How many times a month `volume` comes round.
    pub fn per_month(&self, volume: Volume) -> f64 {
        match volume.per {
            VolumePeriod::Day => volume.count * self.days_per_month,
            VolumePeriod::Week => volume.count * self.days_per_month / 5.0,
            VolumePeriod::Month => volume.count,
        }
    }

    /// A person's working hours in a month.
    pub fn fund(&self) -> f64 {
        self.hours_per_day * self.days_per_month
    }

    /// The hours a month `step` takes one performer, when it gives effort and volume.
    pub fn step_hours(&self, step: &Step) -> Option<f64> {
        Some(self.hours(step.effort?) * self.per_month(step.volume?))
    }
}

impl Workload {
    /// The workload of `model`'s positions.
    pub fn of(model: &Resolved) -> Workload {
        let calendar = Calendar::of(model);
        let roles: Vec<RoleLoad> = model
            .roles
            .iter()
            .enumerate()
            .filter(|(_, role)| !role.external)
            .map(|(index, _)| RoleLoad::of(model, RoleId(index), calendar))
            .collect();
        let mut departments: Vec<DepartmentLoad> = Vec::new();
        for role in &roles {
            let Some(name) = &role.department else {
                continue;
            };
            let position = match departments.iter().position(|d| &d.name == name) {
                Some(position) => position,
                None => {
                    departments.push(DepartmentLoad {
                        name: name.clone(),
                        hours_per_month: 0.0,
                        headcount: 0,
                        headcount_needed: 0.0,
                    });
                    departments.len() - 1
                }
            };
            let department = &mut departments[position];
            department.hours_per_month += role.hours_per_month * f64::from(role.headcount);
            department.headcount += role.headcount;
            department.headcount_needed += role.headcount_needed;
        }
        Workload {
            calendar,
            roles,
            departments,
        }
    }
}

impl RoleLoad {
    fn of(model: &Resolved, id: RoleId, calendar: Calendar) -> RoleLoad {
        let role = model.role(id);
        let mut by_value = ByValue::default();
        let mut step_hours = Vec::new();
        let mut missing = Vec::new();
        for (p, process) in model.processes.iter().enumerate() {
            for (index, step) in process.steps.iter().enumerate() {
                let work = step.kind == StepKind::Task;
                if !work || !step.raci.r.iter().any(|r| r.target == id) {
                    continue;
                }
                let at = StepId {
                    process: ProcessId(p),
                    index,
                };
                match calendar.step_hours(step) {
                    Some(hours) => {
                        by_value.add(step.value, hours);
                        step_hours.push(StepHours { step: at, hours });
                    }
                    None => missing.push(at),
                }
            }
        }
        step_hours.sort_by(|a, b| b.hours.total_cmp(&a.hours).then(a.step.cmp(&b.step)));
        let hours = step_hours.iter().fold(0.0, |total, s| total + s.hours);
        let fund = calendar.fund();
        RoleLoad {
            role: id,
            id: role.id.clone(),
            name: role.name.clone(),
            department: role.department.clone(),
            headcount: role.headcount,
            hours_per_month: hours,
            fund_per_month: fund,
            utilisation: hours / fund,
            headcount_needed: hours * f64::from(role.headcount)
                / (fund * calendar.norm_coefficient),
            by_value,
            steps_with_figures: step_hours.len(),
            steps: step_hours.len() + missing.len(),
            step_hours,
            missing,
        }
    }

    /// The share of its hours that sells nothing, when it has hours.
    pub fn non_selling_share(&self) -> Option<f64> {
        (self.hours_per_month > 0.0).then(|| self.by_value.non_selling() / self.hours_per_month)
    }
}
