//! `Checklist`: the чек-лист of one role: a sheet per period with its steps as tick boxes
//! and the duties and controls that come round as often, and a memo of what to check
//! every time a step repeats within its period.

use serde::Serialize;

use crate::model::{Frequency, KpiCategory, Period, VolumePeriod};
use crate::views::control::ControlView;
use crate::views::indicator::IndicatorView;
use crate::views::links::{ArtifactLink, ProcessLink, RoleLink, StepLink};
use crate::views::raci_matrix::Letter;
use crate::views::register::Identity;
use crate::views::regulation::Amount;
use crate::views::role_profile::{Duty, RoleProfile};

/// The checklist of one role. A sheet is used once per period (a daily sheet every day),
/// so each period has its own sheet, dated for that period, with the controls of the
/// same frequency. A step done many times a period (70 calls a day) cannot be ticked
/// once: its sheet asks how many were done against the norm, and its items go to the
/// memo, which says what to check each time.
#[derive(Clone, Debug, Serialize)]
pub struct Checklist {
    /// The role.
    pub role: RoleLink,
    /// The role's title in the genitive, for a Russian heading («Чек-лист
    /// телемаркетолога»), as the job description has it.
    pub title_genitive: Option<String>,
    /// The checklist's code, title and version.
    pub identity: Identity,
    /// Its sheets: daily, weekly, monthly, then work that comes as it occurs.
    pub periods: Vec<ChecklistPeriod>,
    /// The steps repeated within their period that have items to check each time.
    pub each_time: Vec<ChecklistStep>,
    /// Who checks the sheets: the role's direct superior, when the model has one.
    pub checker: Option<RoleLink>,
    /// Otherwise, for a position borrowed from another unit, that unit: its head checks.
    /// At the top, whoever approves the documents does.
    pub checker_unit: Option<String>,
    /// That unit head's title, when the model gives it (`unit_head`).
    pub checker_unit_head: Option<String>,
    /// Whether each sheet (and the memo) starts a page of its own, so that it prints
    /// alone: when the sheets together fill more than a page. A short checklist prints
    /// its sheets one under the other, not three ticks to a page.
    pub sheets_apart: bool,
}

/// The sheet of one period.
#[derive(Clone, Debug, Serialize)]
pub struct ChecklistPeriod {
    /// `day`, `week`, `month`, or `event` (as it occurs).
    pub per: &'static str,
    /// The steps, in flow order, process by process.
    pub steps: Vec<ChecklistStep>,
    /// The role's duties no step covers that come round this often (a weekly stock count);
    /// the sheet of work as it occurs has the quarterly ones.
    pub duties: Vec<ChecklistDuty>,
    /// The controls the role carries out this often.
    pub controls: Vec<ControlView>,
    /// The role's counted standards of this period («не менее 20 разборов в неделю»): the
    /// sheet asks how many were done against the norm the bonus is paid on.
    pub norms: Vec<IndicatorView>,
}

/// A duty of the role that no step covers, to tick off.
#[derive(Clone, Debug, Serialize)]
pub struct ChecklistDuty {
    /// What to do: the duty's `check` wording, or the duty as written.
    pub text: String,
    /// How often it comes round, said beside it on the sheet of work as it occurs.
    pub frequency: Frequency,
}

/// One step and what to tick off in it.
#[derive(Clone, Debug, Serialize)]
pub struct ChecklistStep {
    /// The step.
    pub step: StepLink,
    /// The step's name, an instruction.
    pub text: String,
    /// For a step the role answers for (A) rather than performs: the documents it checks
    /// and signs off, its line on the sheet («Проверить и утвердить документ «План по сегментам»»: the word «документ» keeps
    /// the name in the nominative, which a Russian sentence would otherwise decline).
    pub signs_off: Vec<ArtifactLink>,
    /// The process it belongs to.
    pub process: ProcessLink,
    /// Its items: ticked on the period's sheet when the step is done once a period, listed
    /// on the memo when it repeats. A step without items is one tick, its own text.
    pub items: Vec<String>,
    /// How many times a period the step is done, when more than once: the sheet asks for
    /// the count done against it.
    pub repeats: Option<Amount<VolumePeriod>>,
    /// The role's standard that counts the same work (70 calls a day against «не менее 70
    /// контактов в день»): printed with the step's count rather than counted twice.
    pub norm: Option<IndicatorView>,
    /// For a step with items done a few times a period (4 quotes a day): the rows of a log
    /// on its sheet, one per time and two spare for a busier day than the average the
    /// volume states, each naming what it was done for (the customer, the quote) with a
    /// box under every item. A step done more often than `MOST_LOGGED` is
    /// counted instead, its items on the memo.
    pub log_rows: Option<u32>,
}

/// The rows a log has beyond the step's average volume.
const SPARE_ROWS: u32 = 2;

/// The most times a period a step's items are logged on its sheet, a row each time: a
/// longer log is a form, not a checklist.
const MOST_LOGGED: f64 = 10.0;

/// About the lines an A4 page holds under the checklist's title: sheets that together take
/// more are printed a page each.
const LINES_A_PAGE: usize = 40;

impl ChecklistPeriod {
    /// About the lines the sheet takes printed: its heading, what it is filled in for, a
    /// line per step, item, log row, control and standard, and its sign-off.
    fn lines(&self) -> usize {
        let steps: usize = self
            .steps
            .iter()
            .map(|s| 1 + s.items.len() + s.log_rows.map_or(0, |rows| rows as usize + 1))
            .sum();
        let lists = [self.duties.len(), self.controls.len(), self.norms.len()];
        let heads = lists.iter().filter(|&&n| n > 0).count();
        2 + steps + heads + lists.iter().sum::<usize>() + 3
    }
}

impl ChecklistStep {
    /// The checklist's line for `duty`. The step's items, and how many times it is done,
    /// are its performer's: a role that answers for it (A) checks and signs off what it
    /// produces once on the sheet of the step's period, since it neither does the work each
    /// time nor checks what the performer checks.
    fn of(duty: &Duty) -> Self {
        let performs = duty.letter == Letter::R;
        let repeats = duty.volume.filter(|v| performs && v.amount > 1.0);
        let items = if performs {
            duty.checklist.clone()
        } else {
            Vec::new()
        };
        ChecklistStep {
            step: duty.step.clone(),
            text: duty.written.clone(),
            signs_off: if performs {
                Vec::new()
            } else {
                duty.outputs.clone()
            },
            process: duty.step.process.clone(),
            log_rows: repeats
                .filter(|v| v.amount <= MOST_LOGGED && v.amount.fract() == 0.0)
                .filter(|_| !items.is_empty())
                .map(|v| v.amount as u32 + SPARE_ROWS),
            items,
            repeats,
            norm: None,
        }
    }

    /// Whether the standard `k`, on the step's sheet, counts this step's work: the step is
    /// done as many times a period as the standard asks (70 calls a day, «не менее 70
    /// контактов в день»). A standard of once a period («не менее 1 планёрки в день»)
    /// would match any step done once, so it must also name the step's work: its unit's
    /// stem («планёр») is in the step's name («Провести планёрку»). Its tick then counts it.
    fn counted_by(&self, k: &IndicatorView) -> bool {
        match self.repeats {
            Some(r) => Some(r.amount) == k.target,
            None => k.target == Some(1.0) && names_unit(&self.text, k),
        }
    }
}

/// Whether `text` names what the standard `k` counts: the stem its unit's forms share
/// (at least four letters: «планёр» of «планёрка, планёрок», "meeting" of "meeting,
/// meetings") is in it.
fn names_unit(text: &str, k: &IndicatorView) -> bool {
    let (Some(many), Some(one)) = (&k.unit, &k.unit_counted) else {
        return false;
    };
    let stem: String = many
        .chars()
        .zip(one.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect::<String>()
        .to_lowercase();
    stem.chars().count() >= 4 && text.to_lowercase().contains(&stem)
}

/// The sheet a duty done `per` period goes on.
fn sheet_of_volume(per: Option<VolumePeriod>) -> &'static str {
    match per {
        Some(VolumePeriod::Day) => "day",
        Some(VolumePeriod::Week) => "week",
        Some(VolumePeriod::Month) => "month",
        None => "event",
    }
}

/// The sheet a standard of `period` is counted on: a quarter's or a year's has none.
fn sheet_of_period(period: Period) -> Option<&'static str> {
    match period {
        Period::Day => Some("day"),
        Period::Week => Some("week"),
        Period::Month => Some("month"),
        Period::Quarter | Period::Year => None,
    }
}

/// The sheet a control or a duty done `frequency` goes on: one that comes round each time
/// or each quarter sits with the work that comes as it occurs, its frequency beside it.
fn sheet_of_frequency(frequency: Option<Frequency>) -> &'static str {
    match frequency {
        Some(Frequency::Daily) => "day",
        Some(Frequency::Weekly) => "week",
        Some(Frequency::Monthly) => "month",
        Some(Frequency::PerEvent | Frequency::Quarterly) | None => "event",
    }
}

impl Checklist {
    /// The checklist of the role described by `profile`, or `None` when it has nothing to
    /// tick off; `identity` is the checklist's.
    pub fn of(profile: &RoleProfile, identity: Identity) -> Option<Self> {
        if !profile.checklist {
            return None;
        }
        let mut steps: Vec<(&'static str, ChecklistStep)> = profile
            .duties
            .iter()
            .flat_map(|group| &group.duties)
            .filter(|duty| duty.on_checklist())
            .map(|duty| {
                let sheet = sheet_of_volume(duty.volume.map(|v| v.unit));
                (sheet, ChecklistStep::of(duty))
            })
            .collect();
        // A standard counted in things done (not a share in per cent) is counted on a sheet.
        let norms: Vec<(&'static str, &IndicatorView)> = profile
            .indicators
            .iter()
            .filter(|group| group.category == KpiCategory::Standard)
            .flat_map(|group| &group.indicators)
            .filter(|k| k.target.is_some() && k.unit.as_deref() != Some("%"))
            .filter_map(|k| sheet_of_period(k.period).map(|sheet| (sheet, k)))
            .filter(|&(sheet, k)| {
                // A standard counting what a step of its sheet counts goes with that step.
                let same = steps.iter_mut().find(|(step_sheet, step)| {
                    *step_sheet == sheet && step.norm.is_none() && step.counted_by(k)
                });
                match same {
                    Some((_, step)) => {
                        step.norm = Some(k.clone());
                        false
                    }
                    None => true,
                }
            })
            .collect();
        let periods: Vec<ChecklistPeriod> = ["day", "week", "month", "event"]
            .into_iter()
            .map(|per| ChecklistPeriod {
                per,
                steps: steps
                    .iter()
                    .filter(|(sheet, _)| *sheet == per)
                    .map(|(_, step)| step.clone())
                    .collect(),
                duties: profile
                    .scheduled_duties
                    .iter()
                    .filter(|d| sheet_of_frequency(Some(d.frequency)) == per)
                    .map(|d| ChecklistDuty {
                        text: d.check.clone().unwrap_or_else(|| d.duty.clone()),
                        frequency: d.frequency,
                    })
                    .collect(),
                controls: profile
                    .controls
                    .iter()
                    .filter(|x| sheet_of_frequency(x.frequency) == per)
                    .cloned()
                    .collect(),
                norms: norms
                    .iter()
                    .filter(|(sheet, _)| *sheet == per)
                    .map(|(_, k)| (*k).clone())
                    .collect(),
            })
            .filter(|period| {
                !period.steps.is_empty()
                    || !period.duties.is_empty()
                    || !period.controls.is_empty()
                    || !period.norms.is_empty()
            })
            .collect();
        let each_time: Vec<ChecklistStep> = steps
            .into_iter()
            .map(|(_, step)| step)
            .filter(|s| s.repeats.is_some() && s.log_rows.is_none() && !s.items.is_empty())
            .collect();
        let memo: usize = each_time.iter().map(|s| 1 + s.items.len()).sum();
        let lines = periods.iter().map(ChecklistPeriod::lines).sum::<usize>() + memo;
        Some(Checklist {
            role: profile.role.clone(),
            title_genitive: profile.title_genitive.clone(),
            identity,
            periods,
            each_time,
            checker: profile.reports_to.clone(),
            checker_unit: profile.outside_unit().cloned(),
            checker_unit_head: profile.unit_head.clone(),
            sheets_apart: lines > LINES_A_PAGE,
        })
    }
}
