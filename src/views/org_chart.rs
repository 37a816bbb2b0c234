//! The organisation chart, a document of its own: its boxes, from the job descriptions
//! (who reports to whom, and the units the positions belong to), and the posts of each unit
//! with their headcount, which is what a client's HR department approves it for.

use serde::Serialize;

use crate::diagram::OrgUnit;
use crate::model::Language;
use crate::views::RoleProfile;
use crate::views::links::RoleLink;
use crate::views::register::Identity;
use crate::views::same_position;

/// The organisation chart («Организационная структура»), approved like every document of
/// the pack: the chart, and under it the posts of each unit with their headcount and whom
/// they report to, totalled, so that the approved chart states the staff it sets up.
#[derive(Clone, Debug, Serialize)]
pub struct OrgChart {
    /// Its code, title, version and approver.
    pub identity: Identity,
    /// The chart's boxes (not part of the dumped context: the posts below hold the same).
    #[serde(skip)]
    pub units: Vec<OrgUnit>,
    /// The units, in the order their first post is written; posts of no unit last.
    pub departments: Vec<Department>,
    /// Every post of the model's internal roles.
    pub headcount: u32,
}

/// A unit and its posts.
#[derive(Clone, Debug, Serialize)]
pub struct Department {
    /// The unit's name; `None` for the positions the model places in no unit.
    pub name: Option<String>,
    /// Its positions, in the order written.
    pub posts: Vec<Post>,
    /// The posts of its positions together.
    pub headcount: u32,
}

/// A position of a unit.
#[derive(Clone, Debug, Serialize)]
pub struct Post {
    /// The position.
    pub role: RoleLink,
    /// Whom it reports to: a role of the model, or the approver's position; `None` for a
    /// position borrowed from a unit the model does not describe, which reports to that
    /// unit's head.
    pub superior: Option<String>,
    /// For such a position, the unit head's title, when the model gives it.
    pub unit_head: Option<String>,
    /// How many people hold it.
    pub headcount: u32,
}

impl OrgChart {
    /// The chart of the internal roles `roles`, headed by the position `approver`, or
    /// `None` when the model has no internal role to chart; `identity` is its own.
    pub(super) fn of(
        roles: &[RoleProfile],
        approver: &str,
        language: Language,
        identity: Identity,
    ) -> Option<Self> {
        if roles.is_empty() {
            return None;
        }
        let mut departments: Vec<Department> = Vec::new();
        for r in roles {
            let post = Post {
                role: r.role.clone(),
                superior: r.superior.clone().filter(|_| r.outside_unit().is_none()),
                unit_head: r.unit_head.clone(),
                headcount: r.headcount,
            };
            match departments.iter_mut().find(|d| d.name == r.department) {
                Some(department) => {
                    department.headcount += r.headcount;
                    department.posts.push(post);
                }
                None => departments.push(Department {
                    name: r.department.clone(),
                    posts: vec![post],
                    headcount: r.headcount,
                }),
            }
        }
        // The positions of no unit come last, after the units.
        departments.sort_by_key(|d| d.name.is_none());
        Some(OrgChart {
            identity,
            units: units(roles, approver, language),
            headcount: departments.iter().map(|d| d.headcount).sum(),
            departments,
        })
    }
}

/// The internal roles as the organisation chart draws them, under whom they report to.
/// The position that approves the documents heads the chart, over the roles that report to
/// no role (their job descriptions say they report to it), unless a role is that position.
/// Where a role's department is not its superior's, a box of the department stands between
/// them, drawn as a unit rather than a position: «Отдел продаж» over its head under the
/// commercial director, «Бухгалтерия» over the accountant a sales model borrows. The
/// positions of one department under one superior share its box.
fn units(roles: &[RoleProfile], approver: &str, language: Language) -> Vec<OrgUnit> {
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
        .chain(boxes.iter().map(|&(name, above)| {
            OrgUnit {
                name: name.clone(),
                headcount: 0,
                // A unit the model does not describe names its head under its name, when the
                // model gives the title: the chart's table says the position reports to them.
                count: roles
                    .iter()
                    .filter(|r| unit(roles, r) == Some((name, above)) && r.outside_unit().is_some())
                    .find_map(|r| r.unit_head.clone()),
                parent: under(above),
                href: None,
            }
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

/// A headcount as an organisation chart writes it: in staff positions, the штатные
/// единицы of the staffing table, written out and agreeing with the number («3 штатные
/// единицы», «5 штатных единиц»), "2 posts".
fn posts(headcount: u32, language: Language) -> String {
    let forms: &[&str] = match language {
        Language::Ru => &["штатная единица", "штатные единицы", "штатных единиц"],
        Language::En => &["post", "posts"],
    };
    let form = forms[language.plural_form(f64::from(headcount))];
    format!("{headcount} {form}")
}
