//! КСП motivation: what each employee earns from the period's actual figures.
//!
//! Every indicator of a role has a plan for the scoring period (its target scaled by
//! working days), a completion (fact against plan, the right way round), a paid share
//! (nothing below the threshold, no more than the cap) and a contribution (the paid share
//! times its weight). The contributions add up to the employee's index, which scales the
//! role's bonus. docs/score.md writes the same arithmetic out with a worked example;
//! `raciflow score`, the motivation policy's example and the workbook's formulas all follow
//! it.

mod facts;
mod report;

use serde::{Serialize, Serializer};

pub use facts::{FactValue, Facts, FactsError, MAX_FACTS_BYTES, Problem, Sheet, read};
pub use report::{ReportError, csv, text};

use crate::model::{Aggregate, Direction, KpiCategory, Language, Period, Unit};
use crate::resolve::{Kpi, KpiId, Resolved, RoleId};
use crate::workload::Calendar;

/// A ratio as the report gives it: to four decimals (a completion of 1.0833).
fn ratio<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round_to(*value, 4))
}

/// An amount as the report gives it: to two decimals.
fn amount<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round_to(*value, 2))
}

/// An optional amount as the report gives it: to two decimals, or `null`.
fn maybe_amount<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.serialize_f64(round_to(*value, 2)),
        None => serializer.serialize_none(),
    }
}

/// `value` to `places` decimals, half away from zero, as a spreadsheet rounds. A sum of
/// decimal figures carries binary error (0.46 + 0.18 + 0.16875 + 0.3 is held as
/// 1.1087499999999999): the spreadsheet drops it before rounding and writes 1.1088, and
/// the workbook and `raciflow score` must pay the same. A relative nudge of 1e-12 is far
/// above that error and far below any figure's real precision.
pub fn round_to(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    let scaled = value * scale;
    (scaled + scaled * 1e-12).round() / scale
}

/// What `raciflow score` reports: the employees it could score, and every problem of the
/// facts file.
#[derive(Clone, Debug, Serialize)]
pub struct Scores {
    /// The employees whose facts were complete, in the order the file first names them.
    pub employees: Vec<EmployeeScore>,
    /// Every row or figure that could not be used, with its position.
    pub problems: Vec<Problem>,
}

/// One employee's pay for one period.
#[derive(Clone, Debug, Serialize)]
pub struct EmployeeScore {
    /// The name or personnel number the facts file gives.
    pub employee: String,
    /// The id of the employee's role.
    pub role: String,
    /// The role's title.
    pub role_name: String,
    /// The period scored.
    pub period: Period,
    /// The working days of the period.
    #[serde(serialize_with = "amount")]
    pub period_days: f64,
    /// The working days of the period the employee worked.
    #[serde(serialize_with = "amount")]
    pub worked_days: f64,
    /// Of those, the days of protected absence (sickness): paid as worked, but the
    /// targets are for the days left.
    #[serde(serialize_with = "amount")]
    pub protected_days: f64,
    /// Σ weight / 100 × paid share over the role's indicators, to four decimals.
    #[serde(serialize_with = "ratio")]
    pub index: f64,
    /// The employee's monthly salary under their contract: the facts file's, else the
    /// role's.
    #[serde(serialize_with = "maybe_amount")]
    pub monthly_salary: Option<f64>,
    /// The fixed pay for the period, when there is a salary.
    #[serde(serialize_with = "maybe_amount")]
    pub salary: Option<f64>,
    /// The role's bonus for the period × the index, when the role sets a bonus.
    #[serde(serialize_with = "maybe_amount")]
    pub bonus: Option<f64>,
    /// Salary + bonus, when the role sets either.
    #[serde(serialize_with = "maybe_amount")]
    pub pay: Option<f64>,
    /// Each indicator of the role, in model order.
    pub indicators: Vec<IndicatorScore>,
}

/// One indicator of an employee's score.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorScore {
    /// The indicator's id.
    pub kpi: String,
    /// Its name.
    pub name: String,
    /// Its category.
    pub category: KpiCategory,
    /// The plan for the period (100 for a SMART goal: percent done).
    #[serde(serialize_with = "amount")]
    pub plan: f64,
    /// The fact (100 or 0 for a goal done or not).
    #[serde(serialize_with = "amount")]
    pub fact: f64,
    /// Fact / plan, or plan / fact for an indicator better lower.
    #[serde(serialize_with = "ratio")]
    pub completion: f64,
    /// 0 below the threshold, else the completion up to the cap.
    #[serde(serialize_with = "ratio")]
    pub paid_share: f64,
    /// Percent of the variable pay.
    #[serde(serialize_with = "amount")]
    pub weight: f64,
    /// weight / 100 × paid share.
    #[serde(serialize_with = "ratio")]
    pub contribution: f64,
}

/// How far below its threshold a completion may fall through rounding and still meet it;
/// the workbook's formulas allow the same.
pub const THRESHOLD_TOLERANCE: f64 = 1e-9;

/// How one indicator pays: the figures its score needs besides the fact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Terms {
    /// The plan for the scoring period.
    pub plan: f64,
    /// Which way is better.
    pub direction: Direction,
    /// Percent of the plan below which it pays nothing, when the indicator has a threshold.
    pub threshold: Option<f64>,
    /// The most it pays, in percent of the plan.
    pub cap: f64,
    /// Percent of the variable pay.
    pub weight: f64,
}

impl Terms {
    /// The terms of `kpi` of `role` over `days`, or `None` for an indicator without a
    /// plan (a KPI the model gives no target, which `check` reports).
    pub fn of(model: &Resolved, kpi: &Kpi, role: RoleId, days: Days) -> Option<Terms> {
        Some(Terms {
            plan: plan(kpi, days)?,
            direction: kpi.direction,
            threshold: kpi.threshold.map(|t| t.value),
            cap: model.cap(kpi, role),
            weight: kpi.weight.map_or(0.0, |w| w.value),
        })
    }

    /// The completion of `fact`: fact / plan, or plan / fact when lower is better. A zero
    /// divisor means the best there is when the other side is above zero (a fact of 0 on
    /// an indicator better lower): it counts as the cap, so that paying never falls as the
    /// figure improves.
    pub fn completion(&self, fact: f64) -> f64 {
        let (numerator, denominator) = match self.direction {
            Direction::AtLeast => (fact, self.plan),
            Direction::AtMost => (self.plan, fact),
        };
        if denominator > 0.0 {
            numerator / denominator
        } else if numerator > 0.0 {
            self.cap / 100.0
        } else {
            1.0
        }
    }

    /// The share of the indicator's weight it pays at `completion`. Exactly the threshold
    /// pays: 160 of 200 is 80% even where binary fractions make it 79.99999999999999.
    pub fn paid_share(&self, completion: f64) -> f64 {
        if self
            .threshold
            .is_some_and(|threshold| completion * 100.0 < threshold - THRESHOLD_TOLERANCE)
        {
            0.0
        } else {
            completion.min(self.cap / 100.0)
        }
    }
}

/// The working days a score covers: the scored period's, and how many of them the employee
/// worked (all of them unless the facts say fewer: a holiday, sick leave, a start or a
/// leaving in the middle of the month).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Days {
    /// The period scored.
    pub period: Period,
    /// Its working days.
    pub in_period: f64,
    /// The days the employee worked in it.
    pub worked: f64,
    /// Of those, the days of protected absence (sickness absence in a UK scheme): they
    /// count as worked for the bonus, so that an absence the law protects costs no pay, but
    /// the targets are for the days the employee was there to meet them (an employee off
    /// sick for a week is not asked for a whole month's sales: Equality Act 2010 s.15).
    pub protected: f64,
}

impl Days {
    /// The whole of `period` on the model's calendar, or on `in_period` working days when
    /// given (a month of 20 working days where the model assumes 21).
    pub fn of(model: &Resolved, period: Period, in_period: Option<f64>) -> Days {
        let in_period =
            in_period.unwrap_or_else(|| days_in(period, Calendar::of(model).days_per_month));
        Days {
            period,
            in_period,
            worked: in_period,
            protected: 0.0,
        }
    }

    /// These days, of which the employee worked `worked` (all of them when `None`).
    pub fn worked(self, worked: Option<f64>) -> Days {
        Days {
            worked: worked.unwrap_or(self.in_period),
            ..self
        }
    }

    /// These days, `protected` of the days worked being protected absence (none when
    /// `None`).
    pub fn protected(self, protected: Option<f64>) -> Days {
        Days {
            protected: protected.unwrap_or(0.0),
            ..self
        }
    }

    /// The days the targets are for: the days worked less protected absence.
    pub fn available(self) -> f64 {
        self.worked - self.protected
    }

    /// The working days of a month of this calendar.
    pub fn per_month(self) -> f64 {
        self.in_period / months_in(self.period).unwrap_or(1.0)
    }

    /// The share of the period's monthly pay the employee earns: the months of the period,
    /// times the share of its days worked.
    pub fn pay_factor(self) -> f64 {
        months_in(self.period).unwrap_or(1.0) * self.worked / self.in_period
    }
}

/// How the plan of an indicator follows the days worked.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scaling {
    /// The target.
    pub target: f64,
    /// What the target is for.
    pub per: Per,
    /// Whether the plan is rounded to a whole number, up (at least) or down (at most).
    pub whole: Option<Direction>,
}

/// The stretch of working time a target is for.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    /// So many working days: 1 for a day's target, 5 for a week's.
    Days(f64),
    /// So many months of the calendar's working days: 1, 3 for a quarter, 12 for a year.
    Months(f64),
}

/// How `kpi`'s plan follows the working days, or `None` when it does not: a share (`%`),
/// an averaged figure and a SMART goal have the same plan for any period.
pub fn scaling(kpi: &Kpi) -> Option<Scaling> {
    let target = kpi.target?.value;
    let share = kpi.unit.as_ref().is_some_and(Unit::is_percent);
    if share || kpi.aggregate == Aggregate::Average {
        return None;
    }
    let per = match kpi.period {
        Period::Day => Per::Days(1.0),
        Period::Week => Per::Days(5.0),
        Period::Month => Per::Months(1.0),
        Period::Quarter => Per::Months(3.0),
        Period::Year => Per::Months(12.0),
    };
    Some(Scaling {
        target,
        per,
        whole: (target.fract() == 0.0).then_some(kpi.direction),
    })
}

/// The plan of `kpi` over `days`: its target times the days worked over the days the
/// target is for (a week has five working days, a month the period's, a quarter three
/// months of them), except for a share (`%`) or an averaged figure, whose plan is the
/// same for any period. A whole target scaled stays whole, rounded the way that does not
/// ease the plan (up for at least, down for at most): 8 meetings a week make 34 a month
/// of 21 days, not 33.6. A SMART goal is planned as 100 percent done.
pub fn plan(kpi: &Kpi, days: Days) -> Option<f64> {
    if kpi.category == KpiCategory::Smart && kpi.target.is_none() {
        return Some(100.0);
    }
    let Some(scaling) = scaling(kpi) else {
        return kpi.target.map(|t| t.value);
    };
    let per = match scaling.per {
        Per::Days(n) => n,
        Per::Months(n) => n * days.per_month(),
    };
    if per == days.available() {
        return Some(scaling.target);
    }
    let scaled = scaling.target * days.available() / per;
    Some(match scaling.whole {
        None => scaled,
        Some(direction) => {
            // Rounded to a millionth first, so that 84.000000001 stays 84.
            let scaled = (scaled * 1e6).round() / 1e6;
            match direction {
                Direction::AtLeast => scaled.ceil(),
                Direction::AtMost => scaled.floor(),
            }
        }
    })
}

/// The working days of `period` on a calendar of `days_per_month`.
pub fn days_in(period: Period, days_per_month: f64) -> f64 {
    match period {
        Period::Day => 1.0,
        Period::Week => 5.0,
        Period::Month => days_per_month,
        Period::Quarter => 3.0 * days_per_month,
        Period::Year => 12.0 * days_per_month,
    }
}

/// Whether the scheme pays the fixed salary for the days worked, as it pays the bonus.
/// Russian practice pays the оклад for the time worked: leave is paid apart from it, from
/// average earnings (ст. 139 ТК РФ). In the UK annual leave is paid at the normal rate and
/// basic pay is the contract's, which payroll adjusts for unpaid leave, joiners and
/// leavers: the scheme pro-rates the targets and the bonus only. The model's language
/// stands for its jurisdiction, as its documents' clauses do.
pub fn salary_follows_days(language: Language) -> bool {
    language == Language::Ru
}

/// The months `period` pays for: salary and bonus are monthly amounts.
pub fn months_in(period: Period) -> Option<f64> {
    match period {
        Period::Month => Some(1.0),
        Period::Quarter => Some(3.0),
        Period::Year => Some(12.0),
        Period::Day | Period::Week => None,
    }
}

/// The indicators of `role`, in model order.
pub fn indicators_of(model: &Resolved, role: RoleId) -> Vec<(KpiId, &Kpi)> {
    model
        .kpis
        .iter()
        .enumerate()
        .filter(|(_, kpi)| kpi.role.is_some_and(|r| r.target == role))
        .map(|(index, kpi)| (KpiId(index), kpi))
        .collect()
}

/// The score of `employee` holding `role` over `days` on a monthly `salary` of their own
/// (none: the role's), given a fact for every indicator of the role that has a plan
/// (`facts` in any order; indicators without one are left out).
pub fn score(
    model: &Resolved,
    employee: &str,
    role: RoleId,
    days: Days,
    salary: Option<f64>,
    facts: &[(KpiId, f64)],
) -> EmployeeScore {
    let indicators: Vec<IndicatorScore> = indicators_of(model, role)
        .into_iter()
        .filter_map(|(id, kpi)| {
            let terms = Terms::of(model, kpi, role, days)?;
            let fact = facts.iter().find(|(k, _)| *k == id)?.1;
            let completion = terms.completion(fact);
            let paid_share = terms.paid_share(completion);
            Some(IndicatorScore {
                kpi: kpi.id.clone(),
                name: kpi.name.clone(),
                category: kpi.category,
                plan: terms.plan,
                fact,
                completion,
                paid_share,
                weight: terms.weight,
                contribution: terms.weight / 100.0 * paid_share,
            })
        })
        .collect();
    // To hundredths of a percent, as a payroll sheet writes it: the bonus is the index
    // printed times the bonus, to the kopeck.
    let index = round_to(indicators.iter().map(|i| i.contribution).sum(), 4);
    let pay = model.role(role).motivation;
    let factor = days.pay_factor();
    let salary_factor = if salary_follows_days(model.language()) {
        factor
    } else {
        months_in(days.period).unwrap_or(1.0)
    };
    let standard = pay.and_then(|p| p.salary_amount());
    let monthly_salary = salary.or(standard);
    let salary = monthly_salary.map(|s| round_to(s * salary_factor, 2));
    let bonus = pay.and_then(|p| p.bonus_amount()).map(|b| {
        round_to(
            round_to(on_target(b, standard, monthly_salary) * factor, 2) * index,
            2,
        )
    });
    EmployeeScore {
        employee: employee.to_owned(),
        role: model.role(role).id.clone(),
        role_name: model.role(role).name.clone(),
        period: days.period,
        period_days: days.in_period,
        worked_days: days.worked,
        protected_days: days.protected,
        index,
        monthly_salary,
        salary,
        bonus,
        pay: (salary.is_some() || bonus.is_some())
            .then(|| salary.unwrap_or(0.0) + bonus.unwrap_or(0.0)),
        indicators,
    }
}

/// The monthly on-target bonus of an employee whose salary is `salary`, in a role whose
/// bonus is `bonus` at its `standard` salary: the schemes state the bonus as a percent of
/// the salary, so a higher salary brings a higher bonus; without a standard salary to
/// compare with, the role's bonus. Rounded to the kopeck, as the workbook writes it.
pub fn on_target(bonus: f64, standard: Option<f64>, salary: Option<f64>) -> f64 {
    match (standard, salary) {
        (Some(standard), Some(salary)) if standard > 0.0 => round_to(bonus * salary / standard, 2),
        _ => bonus,
    }
}

/// Scores every employee of `facts` whose figures are complete; a month has
/// `days_per_month` working days (default: the model's).
pub fn score_all(model: &Resolved, facts: Facts, days_per_month: Option<f64>) -> Scores {
    let employees = facts
        .sheets
        .iter()
        .map(|sheet| {
            let calendar = days_per_month.map(|d| days_in(sheet.period, d));
            let days = Days::of(model, sheet.period, calendar)
                .worked(sheet.days)
                .protected(sheet.protected);
            score(
                model,
                &sheet.employee,
                sheet.role,
                days,
                sheet.salary,
                &sheet.facts,
            )
        })
        .collect();
    Scores {
        employees,
        problems: facts.problems,
    }
}

#[cfg(test)]
mod tests {
    use super::round_to;

    #[test]
    fn a_half_rounds_away_from_zero_as_a_spreadsheet_rounds_it() {
        // A sales manager's contributions (weight / 100 × paid share) add up to 1.10875,
        // which scaled to hundredths of a percent is held as 11087.499999999998: a
        // spreadsheet writes 1.1088.
        let index: f64 = [
            (40.0, 1.15),
            (15.0, 1.2),
            (15.0, 1.125),
            (10.0, 1.0),
            (10.0, 1.0),
            (10.0, 1.0),
        ]
        .iter()
        .map(|(weight, paid)| weight / 100.0 * paid)
        .sum();
        assert_eq!(round_to(index, 4), 1.1088);
        // What is not a half keeps its rounding.
        assert_eq!(round_to(1.108_749, 4), 1.1087);
        assert_eq!(round_to(3_000_000.004, 2), 3_000_000.0);
    }
}
