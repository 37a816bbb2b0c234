//! `MotivationView`: the motivation policy (Положение о мотивации) and its workbook: each
//! role's pay, its indicators with the month's plan, and a worked example scored by the
//! same code as `raciflow score`.

use serde::Serialize;

use crate::model::{Direction, KpiCategory};
use crate::model::{Term, Unit};
use crate::resolve::{Info, Pay, Resolved, RoleId};
use crate::score::{EmployeeScore, Per, Scaling, Terms, indicators_of, round_to, scaling, score};
use crate::views::glossary::terms_used;
use crate::views::indicator::{self, IndicatorGroup, UnitPlace};
use crate::views::links::{Linker, RoleLink};
use crate::views::register::Identity;
use crate::views::role_profile::RoleProfile;

/// The motivation policy of the whole model.
#[derive(Clone, Debug, Serialize)]
pub struct MotivationView {
    /// The policy's code, title and approver.
    pub identity: Identity,
    /// The position that endorses it («Согласовано»): the model's `approval.endorsed_by`,
    /// as on the job descriptions.
    pub endorser: Option<String>,
    /// The currency pay is written in, when the model gives one.
    pub currency: Option<String>,
    /// Where the currency stands against an amount: «60 000 ₽», "£40,000".
    pub currency_place: UnitPlace,
    /// The working days a month the monthly plans assume.
    pub days_per_month: f64,
    /// Each internal role with weighted indicators, in model order.
    pub roles: Vec<RolePay>,
    /// The glossary's terms the policy's positions and indicators use («ДЗ», «КП»).
    pub terms: Vec<Term>,
    /// The people who hold its positions: the acknowledgement sheet has a line for each.
    pub holders: u32,
    /// Whether an indicator pays for staying below its plan: the policy then says how such
    /// a completion is worked out, and not otherwise.
    pub lower_is_better: bool,
    /// Whether a position has development goals: the policy then says how they are set and
    /// scored, and not otherwise.
    pub development_goals: bool,
    /// Whether a plan is set for a day, a week, a quarter or a year: the policy then says
    /// how it becomes the month's, and not otherwise.
    pub other_periods: bool,
    /// Whether salaries are paid for the days worked, as bonuses are
    /// (`score::salary_follows_days`), or as the contracts set them.
    pub salary_for_days_worked: bool,
}

/// One role's pay.
#[derive(Clone, Debug, Serialize)]
pub struct RolePay {
    /// The role.
    pub role: RoleLink,
    /// How many people hold it: the workbook gives each a block.
    pub headcount: u32,
    /// The fixed monthly pay.
    pub salary: Option<f64>,
    /// The variable pay a month at an index of 1.
    pub bonus: Option<f64>,
    /// The variable pay at an index of 1 in percent of the salary, as the policy states
    /// it: every employee signs the policy, so it publishes no one's pay, only its shape.
    /// The amounts are the employment contract's (and the plan/fact form's and the
    /// workbook's, which go to the employee and to payroll).
    pub bonus_share: Option<f64>,
    /// The most an indicator of the role pays, in percent of its plan, unless it sets its
    /// own.
    pub cap: f64,
    /// Its indicators by КСП category, as its job description and plan/fact form show them.
    pub groups: Vec<IndicatorGroup>,
    /// Whether its table has a "target for the month" column: every position's has, when
    /// one position's needs it (`indicator::month_column`).
    pub month_column: bool,
    /// Each indicator's terms for a month, in model order: what the workbook's formulas
    /// and the example use.
    pub terms: Vec<PayTerms>,
    /// A month scored with illustrative facts, by the code of `raciflow score`.
    pub example: EmployeeScore,
    /// The example's variable pay in percent of the salary (`bonus_share` × its index).
    pub example_share: Option<f64>,
    /// How the example's plan and fact of each indicator are written, in its order.
    pub example_units: Vec<FigureUnit>,
}

/// The on-target bonus in percent of the salary, to two decimals, as the documents every
/// holder of a position shares (the policy, the plan/fact form) state pay: each
/// employee's amounts are their contract's.
pub fn bonus_share(pay: Option<Pay>) -> Option<f64> {
    let pay = pay?;
    pay.salary_amount()
        .zip(pay.bonus_amount())
        .filter(|(salary, _)| *salary > 0.0)
        .map(|(salary, bonus)| round_to(bonus / salary * 100.0, 2))
}

/// The unit a worked example writes beside a plan and a fact: a share's «%», a sum's
/// currency («3 000 000 ₽», "£40,000"), a development goal's percent done. A count («84
/// разбора») is written bare: its word agrees with one figure, and the example's plan and
/// fact are different ones.
#[derive(Clone, Debug, Serialize)]
pub struct FigureUnit {
    /// The unit, if the figure takes one.
    pub unit: Option<String>,
    /// Where it stands against the figure.
    pub place: UnitPlace,
}

impl FigureUnit {
    /// The unit of the indicator `kpi` of `groups` whose pay is written in `currency`.
    fn of(groups: &[IndicatorGroup], kpi: &str, currency: Option<&str>) -> Self {
        let bare = FigureUnit {
            unit: None,
            place: UnitPlace::After,
        };
        let Some(k) = groups
            .iter()
            .flat_map(|g| &g.indicators)
            .find(|k| k.id == kpi)
        else {
            return bare;
        };
        if k.category == KpiCategory::Smart {
            return FigureUnit {
                unit: Some("%".to_owned()),
                place: UnitPlace::Attached,
            };
        }
        match &k.month_unit {
            Some(unit) if k.unit_place != UnitPlace::After || Some(unit.as_str()) == currency => {
                FigureUnit {
                    unit: Some(unit.clone()),
                    place: k.unit_place,
                }
            }
            _ => bare,
        }
    }
}

/// One indicator's terms for a month, as the workbook lays them out.
#[derive(Clone, Debug, Serialize)]
pub struct PayTerms {
    /// The indicator's id.
    pub kpi: String,
    /// Its name.
    pub name: String,
    /// Its category.
    pub category: KpiCategory,
    /// The month's plan (100 for a SMART goal: percent done).
    pub plan: f64,
    /// How the plan follows the days worked; none when it does not.
    pub scaling: Option<Scaling>,
    /// Which way is better.
    pub direction: Direction,
    /// Percent of the plan below which it pays nothing, when the indicator has a threshold
    /// (a development goal has none: done or not).
    pub threshold: Option<f64>,
    /// The most it pays, in percent of the plan.
    pub cap: f64,
    /// Percent of the variable pay.
    pub weight: f64,
    /// Whether its plan and fact are shares in per cent: the workbook asks for 90, not 90%.
    pub percent: bool,
    /// Whether it is counted in the model's currency (revenue): the workbook writes its
    /// plan and fact as sums of money.
    pub money: bool,
}

/// How far from the plan each indicator of the worked example lands, in turn: over the
/// plan, a little under, far over (the cap holds), under the usual threshold (it pays
/// nothing), on the plan. The example shows every rule at work.
const EXAMPLE_COMPLETIONS: [f64; 5] = [1.1, 0.95, 1.3, 0.6, 1.0];

impl MotivationView {
    /// The policy, or `None` when no role has weighted indicators (an indicator without a
    /// weight is a working standard that does not move pay).
    pub fn of(
        model: &Resolved,
        links: &Linker<'_>,
        profiles: &[(RoleId, &RoleProfile)],
        identity: Identity,
    ) -> Option<Self> {
        let mut roles: Vec<RolePay> = profiles
            .iter()
            .filter(|(_, profile)| {
                let mut weights = profile.indicators.iter().map(|g| g.weight);
                weights.any(|w| w.is_some())
            })
            .map(|&(id, profile)| RolePay::of(model, links, id, profile))
            .collect();
        // One policy, one table layout: if any position's table needs the month's plan,
        // every position's has the column.
        let month_column = roles.iter().any(|r| r.month_column);
        for role in &mut roles {
            role.month_column = month_column;
        }
        let (currency, currency_place) = links.currency();
        let names = roles.iter().flat_map(|r| {
            std::iter::once(r.role.name.as_str()).chain(r.terms.iter().map(|t| t.name.as_str()))
        });
        let terms = terms_used(model, names);
        let holders = roles.iter().map(|r| r.headcount).sum();
        let terms_of = || roles.iter().flat_map(|r| &r.terms);
        let lower_is_better = terms_of().any(|t| t.direction == Direction::AtMost);
        let development_goals = terms_of().any(|t| t.category == KpiCategory::Smart);
        let other_periods = terms_of()
            .filter_map(|t| t.scaling.as_ref())
            .any(|s| s.per != Per::Months(1.0));
        (!roles.is_empty()).then(|| MotivationView {
            lower_is_better,
            development_goals,
            other_periods,
            identity,
            endorser: model
                .info
                .as_ref()
                .and_then(Info::endorser)
                .map(str::to_owned),
            terms,
            holders,
            currency,
            currency_place,
            days_per_month: links.days_per_month(),
            salary_for_days_worked: crate::score::salary_follows_days(model.language()),
            roles,
        })
    }
}

impl RolePay {
    fn of(model: &Resolved, links: &Linker<'_>, id: RoleId, profile: &RoleProfile) -> Self {
        let role = model.role(id);
        let pay = role.motivation;
        let planned: Vec<_> = indicators_of(model, id)
            .into_iter()
            .filter_map(|(kpi_id, kpi)| {
                Terms::of(model, kpi, id, links.month()).map(|terms| (kpi_id, kpi, terms))
            })
            .collect();
        // In the order of the policy's tables: by КСП category.
        let (currency, _) = links.currency();
        let mut terms: Vec<PayTerms> = planned
            .iter()
            .map(|(_, kpi, terms)| PayTerms {
                kpi: kpi.id.clone(),
                name: kpi.name.clone(),
                category: kpi.category,
                plan: terms.plan,
                scaling: scaling(kpi),
                direction: terms.direction,
                threshold: terms.threshold,
                cap: terms.cap,
                weight: terms.weight,
                percent: kpi.unit.as_ref().is_some_and(Unit::is_percent),
                money: kpi
                    .unit
                    .as_ref()
                    .zip(currency.as_deref())
                    .is_some_and(|(unit, currency)| unit.heading() == currency),
            })
            .collect();
        terms.sort_by_key(|t| t.category as u8);
        let facts: Vec<_> = planned
            .iter()
            .enumerate()
            .map(|(n, (kpi_id, kpi, terms))| {
                let completion = EXAMPLE_COMPLETIONS[n % EXAMPLE_COMPLETIONS.len()];
                let share = kpi.unit.as_ref().is_some_and(Unit::is_percent);
                let fact = example_fact(kpi.category, kpi.direction, share, terms.plan, completion);
                (*kpi_id, fact)
            })
            .collect();
        // In the order of the table above it: by КСП category.
        let mut example = score(model, "", id, links.month(), None, &facts);
        example.indicators.sort_by_key(|i| i.category as u8);
        let bonus_share = bonus_share(pay);
        RolePay {
            role: links.role(id),
            headcount: role.headcount,
            salary: pay.and_then(|p| p.salary_amount()),
            bonus: pay.and_then(|p| p.bonus_amount()),
            cap: links.role_cap(id),
            groups: profile.indicators.clone(),
            month_column: indicator::month_column(&profile.indicators),
            terms,
            bonus_share,
            example_share: bonus_share.map(|share| round_to(share * example.index, 2)),
            example_units: example
                .indicators
                .iter()
                .map(|i| FigureUnit::of(&profile.indicators, &i.kpi, currency.as_deref()))
                .collect(),
            example,
        }
    }
}

/// The fact that lands `completion` of `plan`: a SMART goal's percent done, a figure over
/// or under the plan the way that meets it, whole where the plan is (clients come whole). A `share` in percent
/// cannot pass 100: where it would, the example falls a little short of the plan instead.
fn example_fact(
    category: KpiCategory,
    direction: Direction,
    share: bool,
    plan: f64,
    completion: f64,
) -> f64 {
    if category == KpiCategory::Smart {
        return (completion * 100.0).min(100.0).round();
    }
    let completion = if share && direction == Direction::AtLeast && plan * completion > 100.0 {
        0.95
    } else {
        completion
    };
    let fact = match direction {
        Direction::AtLeast => plan * completion,
        Direction::AtMost => plan / completion,
    };
    if plan.fract() == 0.0 {
        fact.round()
    } else {
        (fact * 10.0).round() / 10.0
    }
}
