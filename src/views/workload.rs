//! `WorkloadView`: each position's month as the pack shows it, beside its job description
//! and on the index: hours by kind of work against the time its people have, and a bar to
//! compare positions at a glance.

use serde::Serialize;

use crate::resolve::Resolved;
use crate::views::links::{Linker, RoleLink};
use crate::workload::{Workload, round};

/// The workload of every position with figures, and the scale their bars share.
#[derive(Clone, Debug, Serialize)]
pub struct WorkloadView {
    /// The positions whose steps give figures, in model order.
    pub roles: Vec<RoleLoadView>,
    /// A person's working hours in a month.
    pub fund: f64,
    /// Where the fund ends on the bars, in per cent of their width: the bars share one
    /// scale, the fund or the heaviest load, whichever is more.
    pub fund_at: f64,
}

/// One position's month, per person.
#[derive(Clone, Debug, Serialize)]
pub struct RoleLoadView {
    /// The position.
    pub role: RoleLink,
    /// How many people hold it.
    pub headcount: u32,
    /// Hours a month its steps take a person.
    pub hours: f64,
    /// Those hours in per cent of a person's working time.
    pub percent: f64,
    /// The people the work needs.
    pub needed: f64,
    /// The hours by kind of work: selling, support, management, not given.
    pub kinds: Vec<LoadKind>,
    /// The steps with effort and volume, and all its steps: what the figures cover.
    pub steps_with_figures: usize,
    /// Every step it performs.
    pub steps: usize,
}

/// A kind of work in a position's month.
#[derive(Clone, Debug, Serialize)]
pub struct LoadKind {
    /// `selling`, `support`, `management` or `unspecified`: the label's key.
    pub kind: &'static str,
    /// Hours a month per person.
    pub hours: f64,
    /// Where its segment of the bar starts and how wide it is, in per cent of the bar.
    pub from: f64,
    /// Its width.
    pub width: f64,
}

/// Hours as the pack prints them: to a tenth.
fn tenths(hours: f64) -> f64 {
    (hours * 10.0).round() / 10.0
}

impl WorkloadView {
    /// The workload of `model`'s positions; none when no step gives figures (a model that
    /// does not analyse its workload has no such page).
    pub fn of(model: &Resolved, links: &Linker<'_>) -> Option<WorkloadView> {
        let workload = Workload::of(model);
        let with_figures: Vec<_> = workload
            .roles
            .iter()
            .filter(|r| r.steps_with_figures > 0)
            .collect();
        let fund = workload.calendar.fund();
        let scale = with_figures
            .iter()
            .map(|r| r.hours_per_month)
            .fold(fund, f64::max);
        let roles: Vec<RoleLoadView> = with_figures
            .iter()
            .map(|load| {
                let v = load.by_value;
                let mut from = 0.0;
                let kinds = [
                    ("selling", v.selling),
                    ("support", v.support),
                    ("management", v.management),
                    ("unspecified", v.unspecified),
                ]
                .into_iter()
                .filter(|(_, hours)| *hours > 0.0)
                .map(|(kind, hours)| {
                    let width = round(hours / scale * 100.0);
                    let segment = LoadKind {
                        kind,
                        hours: tenths(hours),
                        from: round(from),
                        width,
                    };
                    from += width;
                    segment
                })
                .collect();
                RoleLoadView {
                    role: links.role(load.role),
                    headcount: load.headcount,
                    hours: tenths(load.hours_per_month),
                    percent: (load.utilisation * 100.0).round(),
                    needed: round(load.headcount_needed),
                    kinds,
                    steps_with_figures: load.steps_with_figures,
                    steps: load.steps,
                }
            })
            .collect();
        (!roles.is_empty()).then(|| WorkloadView {
            roles,
            fund: round(fund),
            fund_at: round(fund / scale * 100.0),
        })
    }

    /// The month of the position `id`, when it has figures.
    pub fn of_role(&self, id: &str) -> Option<&RoleLoadView> {
        self.roles.iter().find(|r| r.role.id == id)
    }
}
