//! The organisation chart through the public API: the example organisation, the sales
//! department's internal roles with a link per role, matches its snapshot.

use raciflow::diagram::{OrgUnit, org_chart};

/// The internal roles of `processes/sales-department/roles.yaml`: id, title, headcount
/// and the index of the role each reports to.
const SALES: &[(&str, &str, u32, Option<usize>)] = &[
    ("commercial-director", "Коммерческий директор", 1, None),
    ("head-of-sales", "Руководитель отдела продаж", 1, Some(0)),
    (
        "telemarketer",
        "Телемаркетолог (оператор холодных звонков)",
        3,
        Some(1),
    ),
    ("sales-manager", "Менеджер по активным продажам", 3, Some(1)),
    (
        "key-account-manager",
        "Менеджер по работе с ключевыми клиентами",
        1,
        Some(1),
    ),
    (
        "development-manager",
        "Менеджер по развитию клиентской базы",
        1,
        Some(1),
    ),
    (
        "sales-assistant",
        "Технический ассистент отдела продаж",
        2,
        Some(1),
    ),
    (
        "sales-administrator",
        "Администратор (контролёр) отдела продаж",
        1,
        Some(1),
    ),
    (
        "accountant",
        "Бухгалтер по расчётам с покупателями",
        1,
        None,
    ),
    ("logistician", "Логист", 1, None),
    ("lawyer", "Юрист", 1, None),
];

#[test]
fn the_example_organisation_matches_its_snapshot() {
    let units: Vec<OrgUnit> = SALES
        .iter()
        .map(|&(id, name, headcount, parent)| OrgUnit {
            name: name.to_owned(),
            headcount,
            count: (headcount > 1).then(|| format!("{headcount} штатные единицы")),
            parent,
            href: Some(format!("roles/{id}.html")),
        })
        .collect();
    let svg = org_chart(&units);
    assert_eq!(svg.matches("<a class=\"unit\"").count(), SALES.len());
    insta::assert_snapshot!("org_chart_sales_department", svg);
}
