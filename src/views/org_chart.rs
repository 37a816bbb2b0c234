//! The organisation chart's boxes, from the job descriptions: who reports to whom, and the
//! units the positions belong to.

use crate::diagram::OrgUnit;
use crate::model::Language;
use crate::views::RoleProfile;
use crate::views::same_position;

/// The internal roles as the organisation chart draws them, under whom they report to.
/// The position that approves the documents heads the chart, over the roles that report to
/// no role (their job descriptions say they report to it), unless a role is that position.
/// Where a role's department is not its superior's, a box of the department stands between
/// them, drawn as a unit rather than a position: «Отдел продаж» over its head under the
/// commercial director, «Бухгалтерия» over the accountant a sales model borrows. The
/// positions of one department under one superior share its box.
pub(super) fn units(roles: &[RoleProfile], approver: &str, language: Language) -> Vec<OrgUnit> {
    let head = Some(approver)
        .filter(|position| !roles.iter().any(|r| same_position(&r.role.name, position)));
    let top = head.map(|position| OrgUnit {
        name: position.to_owned(),
        headcount: 1,
        count: None,
        parent: None,
        href: None,
    });
    let mut boxes: Vec<(&String, Option<usize>)> = Vec::new();
    for key in roles.iter().filter_map(|r| unit(roles, r)) {
        if !boxes.contains(&key) {
            boxes.push(key);
        }
    }
    let first = usize::from(head.is_some());
    let roles_from = first + boxes.len();
    let under = |above: Option<usize>| match above {
        Some(index) => Some(index + roles_from),
        None => head.map(|_| 0),
    };
    top.into_iter()
        .chain(boxes.iter().map(|&(name, above)| OrgUnit {
            name: name.clone(),
            headcount: 0,
            count: None,
            parent: under(above),
            href: None,
        }))
        .chain(roles.iter().map(|r| OrgUnit {
            name: r.role.name.clone(),
            headcount: r.headcount,
            count: (r.headcount > 1).then(|| posts(r.headcount, language)),
            parent: match (unit(roles, r), boss(roles, r)) {
                (Some(key), _) => boxes.iter().position(|b| *b == key).map(|i| i + first),
                (None, Some(above)) => above.map(|i| i + roles_from),
                (None, None) => head.map(|_| 0),
            },
            href: Some(format!("{}.html", r.identity.page)),
        }))
        .collect()
}

/// The index of role `r`'s superior among `roles`: `None` for a role that reports to no
/// role, `Some(None)` for one whose superior is not among them.
fn boss(roles: &[RoleProfile], r: &RoleProfile) -> Option<Option<usize>> {
    r.reports_to
        .as_ref()
        .map(|b| roles.iter().position(|x| x.role.id == b.id))
}

/// The department box role `r` sits under, with its superior's index: its department,
/// when that is not its superior's.
fn unit<'a>(roles: &'a [RoleProfile], r: &'a RoleProfile) -> Option<(&'a String, Option<usize>)> {
    let department = r.department.as_ref()?;
    let above = boss(roles, r).flatten();
    let theirs = above.and_then(|b| roles[b].department.as_ref());
    (theirs != Some(department)).then_some((department, above))
}

/// A headcount as an organisation chart writes it: in staff positions («3 шт. ед.»,
/// штатные единицы of the staffing table), "2 posts".
fn posts(headcount: u32, language: Language) -> String {
    match language {
        Language::Ru => format!("{headcount} шт. ед."),
        Language::En => format!("{headcount} posts"),
    }
}
