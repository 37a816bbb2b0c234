//! The organisation chart's boxes, from the job descriptions: who reports to whom.

use crate::diagram::OrgUnit;
use crate::views::RoleProfile;
use crate::views::same_position;

/// The internal roles as the organisation chart draws them, under whom they report to.
/// The position that approves the documents heads the chart, over the roles that report to
/// no role (their job descriptions say they report to it), unless a role is that position.
/// A role that reports to no role and heads no one, such as the accountant a sales model
/// borrows, sits under a box of its department («Бухгалтерия»): it belongs to a unit the
/// model does not describe, not directly under the head.
pub(super) fn units(roles: &[RoleProfile], approver: &str) -> Vec<OrgUnit> {
    let head = Some(approver)
        .filter(|position| !roles.iter().any(|r| same_position(&r.role.name, position)));
    let top = head.map(|position| OrgUnit {
        name: position.to_owned(),
        headcount: 1,
        parent: None,
        href: None,
    });
    let mut departments: Vec<&String> = roles.iter().filter_map(department_box).collect();
    let mut seen = std::collections::BTreeSet::new();
    departments.retain(|d| seen.insert(*d));
    let first = usize::from(head.is_some());
    let roles_from = first + departments.len();
    let role_index = |id: &str| roles.iter().position(|x| x.role.id == id);
    top.into_iter()
        .chain(departments.iter().map(|name| OrgUnit {
            name: (*name).clone(),
            headcount: 0,
            parent: head.map(|_| 0),
            href: None,
        }))
        .chain(roles.iter().map(|r| {
            OrgUnit {
                name: r.role.name.clone(),
                headcount: r.headcount,
                parent: match (&r.reports_to, department_box(r)) {
                    (Some(boss), _) => role_index(&boss.id).map(|index| index + roles_from),
                    (None, Some(department)) => departments
                        .iter()
                        .position(|d| *d == department)
                        .map(|index| index + first),
                    (None, None) => head.map(|_| 0),
                },
                href: Some(format!("{}.html", r.identity.page)),
            }
        }))
        .collect()
}

/// The department box role `r` sits under on the organisation chart, if any.
fn department_box(r: &RoleProfile) -> Option<&String> {
    r.department
        .as_ref()
        .filter(|_| r.reports_to.is_none() && r.reports == 0)
}
