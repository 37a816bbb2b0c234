//! `RaciMatrix`: steps as rows, roles as columns, RACI(S) letters in the cells.

use serde::Serialize;

pub use crate::model::Letter;
use crate::model::StepKind;
use crate::resolve::{Raci, Resolved, RoleId, StepId};
use crate::views::links::{Linker, ProcessLink, RoleLink, StepLink};
use crate::views::register::Identity;

/// The letters a role holds on a step, in matrix order.
pub fn letters(raci: &Raci, role: RoleId) -> Vec<Letter> {
    Letter::ALL
        .into_iter()
        .filter(|&letter| raci.holders(letter).iter().any(|r| r.target == role))
        .collect()
}

/// One row: a step and the letters of each column's role (empty where it has none).
#[derive(Clone, Debug, Serialize)]
pub struct RaciRow {
    /// The step.
    pub step: StepLink,
    /// Whether the step is a decision: its row says so, since its R and A decide the
    /// question it asks rather than do a piece of work.
    pub decision: bool,
    /// The letters, one list per column.
    pub cells: Vec<Vec<Letter>>,
}

/// A matrix over some steps and some roles.
#[derive(Clone, Debug, Serialize)]
pub struct RaciTable {
    /// The columns: every role with a letter on one of the rows, in the order roles are
    /// written.
    pub roles: Vec<RoleLink>,
    /// The rows, in flow order.
    pub rows: Vec<RaciRow>,
    /// The letters the rows hold, for a legend that explains no letter the table lacks.
    pub letters: Vec<Letter>,
}

impl RaciTable {
    /// The table of `steps`, with a column for each role that holds a letter on one of them.
    pub fn of(model: &Resolved, links: &Linker<'_>, steps: &[StepId]) -> Self {
        let columns = columns(model, steps);
        RaciTable {
            roles: columns.iter().map(|&role| links.role(role)).collect(),
            rows: rows(model, links, steps, &columns),
            letters: used_letters(model, steps),
        }
    }
}

/// The rows of one process in the whole matrix.
#[derive(Clone, Debug, Serialize)]
pub struct RaciSection {
    /// The process.
    pub process: ProcessLink,
    /// Its steps, with cells aligned to the matrix's columns.
    pub rows: Vec<RaciRow>,
}

/// The whole matrix: one section per process, one set of columns.
#[derive(Clone, Debug, Serialize)]
pub struct RaciMatrix {
    /// The matrix's code, title and version.
    pub identity: Identity,
    /// The columns: every role with a letter anywhere.
    pub roles: Vec<RoleLink>,
    /// One section per process, in the order processes are written; without rows when
    /// the matrix is not `whole`.
    pub sections: Vec<RaciSection>,
    /// The letters the matrix holds.
    pub letters: Vec<Letter>,
    /// Whether the sections hold their rows: a matrix of more than `WHOLE` cells (a
    /// company's 40,000 steps by 500 positions) is of no use on one page, in a browser or
    /// on paper, and would hold the build's memory. Each regulation then carries its own
    /// process's matrix, and the whole one gives the [`RaciSummary`] instead.
    pub whole: bool,
    /// The matrix folded to units, when it is not `whole` (and the fold itself is no
    /// larger than a whole matrix may be).
    pub summary: Option<RaciSummary>,
}

/// A split matrix's overview: a row per process, a column per unit, and in each cell the
/// letters the unit's positions hold on the process's steps. It is the table a company's
/// management reads first (which departments take part in which process, and who answers
/// for it); the step by step detail is in each regulation.
#[derive(Clone, Debug, Serialize)]
pub struct RaciSummary {
    /// The columns: the departments in the order their first position is written, then
    /// the positions of no department together, then each outside party.
    pub units: Vec<Unit>,
    /// One row per process, in the order processes are written.
    pub rows: Vec<SummaryRow>,
}

/// A column of the summary.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Unit {
    /// The department's or the outside party's name; `None` for the positions the model
    /// places in no department.
    pub name: Option<String>,
    /// Whether it is a party outside the organisation (the customer).
    pub external: bool,
}

/// A process's row of the summary.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryRow {
    /// The process.
    pub process: ProcessLink,
    /// The letters each column's positions hold on one of its steps, in matrix order.
    pub cells: Vec<Vec<Letter>>,
}

/// The most cells (steps by positions) a whole matrix has: 2,000 steps by 125 positions.
/// The example's has 845.
pub const WHOLE: usize = 250_000;

impl RaciMatrix {
    /// The matrix of every process; `steps[p]` are process `p`'s steps in flow order.
    pub fn of(
        model: &Resolved,
        links: &Linker<'_>,
        steps: &[Vec<StepId>],
        identity: Identity,
    ) -> Self {
        let all: Vec<StepId> = steps.concat();
        let columns = columns(model, &all);
        let whole = all.len().saturating_mul(columns.len()) <= WHOLE;
        let sections = steps
            .iter()
            .enumerate()
            .map(|(index, steps)| RaciSection {
                process: links.process(crate::resolve::ProcessId(index)),
                rows: if whole {
                    rows(model, links, steps, &columns)
                } else {
                    Vec::new()
                },
            })
            .collect();
        let summary = (!whole)
            .then(|| RaciSummary::of(model, links, steps, &columns))
            .filter(|summary| summary.rows.len().saturating_mul(summary.units.len()) <= WHOLE);
        RaciMatrix {
            identity,
            roles: columns.iter().map(|&role| links.role(role)).collect(),
            sections,
            letters: used_letters(model, &all),
            whole,
            summary,
        }
    }
}

impl RaciSummary {
    /// The summary of the processes whose steps are `steps[p]`, over the roles `columns`
    /// of the whole matrix.
    fn of(model: &Resolved, links: &Linker<'_>, steps: &[Vec<StepId>], columns: &[RoleId]) -> Self {
        let mut units: Vec<Unit> = Vec::new();
        // Each role's column of the summary, by role index.
        let mut unit_of = vec![None; model.roles.len()];
        let unit = |role: &crate::resolve::Role| Unit {
            name: if role.external {
                Some(role.name.clone())
            } else {
                role.department.clone()
            },
            external: role.external,
        };
        // Departments first, then the positions of no department, then outside parties.
        let mut ordered: Vec<RoleId> = columns.to_vec();
        ordered.sort_by_key(|&role| {
            let role = &model.roles[role.0];
            (role.external, !role.external && role.department.is_none())
        });
        for role in ordered {
            let wanted = unit(&model.roles[role.0]);
            let index = match units.iter().position(|u| *u == wanted) {
                Some(index) => index,
                None => {
                    units.push(wanted);
                    units.len() - 1
                }
            };
            unit_of[role.0] = Some(index);
        }
        let rows = steps
            .iter()
            .enumerate()
            .map(|(index, steps)| {
                let mut held = vec![[false; Letter::ALL.len()]; units.len()];
                for &step in steps {
                    let raci = &model.step(step).raci;
                    for (l, letter) in Letter::ALL.into_iter().enumerate() {
                        for role in raci.holders(letter) {
                            if let Some(unit) = unit_of[role.target.0] {
                                held[unit][l] = true;
                            }
                        }
                    }
                }
                SummaryRow {
                    process: links.process(crate::resolve::ProcessId(index)),
                    cells: held
                        .iter()
                        .map(|held| {
                            Letter::ALL
                                .into_iter()
                                .zip(held)
                                .filter(|(_, held)| **held)
                                .map(|(letter, _)| letter)
                                .collect()
                        })
                        .collect(),
                }
            })
            .collect();
        RaciSummary { units, rows }
    }
}

/// The letters some role holds on one of `steps`, in matrix order.
fn used_letters(model: &Resolved, steps: &[StepId]) -> Vec<Letter> {
    Letter::ALL
        .into_iter()
        .filter(|&letter| {
            steps
                .iter()
                .any(|&step| !model.step(step).raci.holders(letter).is_empty())
        })
        .collect()
}

fn columns(model: &Resolved, steps: &[StepId]) -> Vec<RoleId> {
    let mut used = vec![false; model.roles.len()];
    for &step in steps {
        let raci = &model.step(step).raci;
        for letter in Letter::ALL {
            for role in raci.holders(letter) {
                used[role.target.0] = true;
            }
        }
    }
    (0..model.roles.len())
        .filter(|&index| used[index])
        .map(RoleId)
        .collect()
}

fn rows(
    model: &Resolved,
    links: &Linker<'_>,
    steps: &[StepId],
    columns: &[RoleId],
) -> Vec<RaciRow> {
    steps
        .iter()
        .map(|&step| {
            let raci = &model.step(step).raci;
            RaciRow {
                step: links.step(step),
                decision: model.step(step).kind == StepKind::Decision,
                cells: columns.iter().map(|&role| letters(raci, role)).collect(),
            }
        })
        .collect()
}
