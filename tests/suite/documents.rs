//! The example pack as the client receives it: what a document a company signs needs
//! (an approver who is not the holder, the regulation's required parts, forms with room
//! for the work they record, Russian without stray English, one printable handbook).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use crate::build::{build, tree};
use crate::harness::{Test, repo_path};

/// The example pack built in `lang`, with the views its documents show.
fn example(lang: &str) -> (TempDir, Value) {
    let out = TempDir::new().unwrap();
    let root = repo_path("processes/sales-department");
    let outcome = build(&root, out.path(), &["--lang", lang]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    (out, crate::harness::views(&root, &["--lang", lang]))
}

fn page(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The part of `text` after the first `after` and before the next `before`.
fn between<'a>(text: &'a str, after: &str, before: &str) -> &'a str {
    let rest = text
        .split_once(after)
        .unwrap_or_else(|| panic!("no {after:?}"))
        .1;
    rest.split(before).next().unwrap_or(rest)
}

/// `text` without its spaces: a cell's or a link's text stands apart from its neighbours
/// in `text_of`, and tests of what a row reads compare the words alone.
fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

/// A page's text as a reader sees it: no styles, no tags.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<style>") {
        text.push_str(&rest[..start]);
        rest = rest[start..].split_once("</style>").map_or("", |(_, r)| r);
    }
    text.push_str(rest);
    let mut out = String::new();
    let (mut in_tag, mut in_entity) = (false, false);
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            '&' if !in_tag => in_entity = true,
            ';' if in_entity => {
                in_entity = false;
                out.push(' ');
            }
            _ if !in_tag && !in_entity => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn no_role_approves_its_own_instruction() {
    let model = Test::new()
        .file(
            "model.yaml",
            "model:\n  id: t\n  name: T\n  language: ru\n  approval: { position: Генеральный директор, name: И. И. Иванов }\n",
        )
        .file(
            "roles.yaml",
            "roles:\n  - { id: director, name: Генеральный директор, duties: [Руководит компанией] }\n  - { id: clerk, name: Делопроизводитель, reports_to: director, duties: [Ведёт переписку] }\n",
        );
    let json = crate::harness::views(model.root(), &[]);
    let approvers: Vec<(&str, &str)> = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["role"]["name"].as_str().unwrap(),
                r["identity"]["approver"]["position"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        approvers,
        [
            ("Генеральный директор", "Общее собрание участников"),
            ("Делопроизводитель", "Генеральный директор"),
        ]
    );
    // The example: every instruction is approved by someone other than its holder.
    let (_out, json) = example("ru");
    for role in json["roles"].as_array().unwrap() {
        assert_ne!(
            role["role"]["name"], role["identity"]["approver"]["position"],
            "{role:#}"
        );
    }
}

#[test]
fn every_job_description_carries_the_clauses_hr_expects() {
    // Russian: the stand-in's consent and extra pay (ст. 60.2, 151 ТК РФ), labour safety,
    // trade secrets and personal data (152-ФЗ), after the duties the processes give.
    let (out, _) = example("ru");
    let jd = text_of(&page(out.path(), "roles/telemarketer.html"));
    for clause in [
        "с письменного согласия замещающего работника и с доплатой",
        "требования охраны труда",
        "коммерческую тайну",
        "№ 152-ФЗ «О персональных данных»",
    ] {
        assert!(jd.contains(clause), "{clause}: {jd}");
    }
    // The abbreviations it uses are explained in it, as it is read on its own.
    assert!(
        jd.contains("ЛПР") && jd.contains("лицо, принимающее решение о закупке"),
        "{jd}"
    );
    // It opens by saying what it sets out and for which position, in the genitive.
    let provisions = between(&jd, "Общие положения", "Работник");
    assert!(
        squash(provisions).contains(&squash(
            "Настоящая должностная инструкция определяет должностные обязанности, права и \
             ответственность телемаркетолога (оператора холодных звонков)."
        )),
        "{provisions}"
    );
    let duties = jd.find("Должностные обязанности").unwrap();
    let rights = jd.find("Права").unwrap();
    let safety = jd.find("требования охраны труда").unwrap();
    assert!(duties < safety && safety < rights, "{jd}");
    // English: the catch-all duty English job descriptions end with, and rights written as
    // what the holder does, not as Russian infinitives.
    let (out, _) = example("en");
    let jd = text_of(&page(out.path(), "roles/telemarketer.html"));
    assert!(jd.contains("other duties reasonably required"), "{jd}");
    assert!(!jd.contains("To receive"), "{jd}");
}

#[test]
fn every_regulation_has_its_approval_sections_and_sheets() {
    let (out, json) = example("ru");
    for process in json["processes"].as_array().unwrap() {
        let file = process["process"]["file"].as_str().unwrap();
        let html = page(out.path(), &format!("processes/{file}.html"));
        // What consulted positions answer for is said only where the process has some.
        let consulted = process["raci"]["letters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "C");
        assert_eq!(
            html.contains("Консультирующие работники отвечают"),
            consulted,
            "{file}"
        );
        for part in [
            // A regulation is masculine: «УТВЕРЖДЕН приказом генерального директора».
            "УТВЕРЖДЕН",
            "приказом генерального директора",
            "Общие положения",
            "Термины и сокращения",
            "Паспорт процесса",
            "Ответственность участников",
            "Лист согласования",
            "Лист ознакомления",
            "Лист регистрации изменений",
        ] {
            assert!(html.contains(part), "{file}: no «{part}»");
        }
        let code = process["identity"]["code"].as_str().unwrap();
        assert!(code.starts_with("РП-"), "{code}");
        // The code and version head every printed page, with its number.
        assert!(
            html.contains(&format!("content: \"{code} · версия 1.0\"")),
            "{file}"
        );
        assert!(html.contains("counter(pages)"), "{file}");
    }
    // The boundaries and the normative base the model states: what the process leaves to
    // others, the systems it works in, the documents it follows.
    let contracting = text_of(&page(out.path(), "processes/contracting.html"));
    for part in [
        "Регламент разработан в соответствии со следующими документами",
        "Гражданский кодекс РФ, глава 30",
        "Не входит в процесс",
        "Отгрузка и закрывающие документы",
        "Информационные системы",
        "система электронного документооборота",
    ] {
        assert!(contracting.contains(part), "{part}: {contracting}");
    }
    // A form the law sets (the УПД) is named with its act, and the pack draws no blank of
    // its own for it, nor gives it a code of the organisation's register.
    let fulfilment = text_of(&page(out.path(), "processes/fulfilment.html"));
    assert!(
        fulfilment.contains("по форме, установленной письмом ФНС России от 21.10.2013"),
        "{fulfilment}"
    );
    assert!(!out.path().join("forms/upd.html").exists());
    assert!(
        !json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["artifact"]["id"] == "upd" && !d["identity"].is_null()),
        "the УПД has no code of the register"
    );
    // English practice: approved at the end, a revision history, no Russian stamps.
    let (out, json) = example("en");
    for process in json["processes"].as_array().unwrap() {
        let file = process["process"]["file"].as_str().unwrap();
        let html = page(out.path(), &format!("processes/{file}.html"));
        assert!(html.contains("Approved by"), "{file}");
        assert!(html.contains("Revision history"), "{file}");
        assert!(
            !html.contains("УТВЕРЖДЕН") && !html.contains("Лист согласования"),
            "{file}"
        );
    }
}

#[test]
fn blank_forms_have_a_row_for_every_occurrence_of_the_work_they_record() {
    let (out, json) = example("ru");
    let steps: Vec<&Value> = json["processes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .collect();
    let days = |period: &str| match period {
        "day" | "daily" => 1.0,
        "week" | "weekly" => 5.0,
        "month" | "monthly" => 21.0,
        "quarterly" => 63.0,
        other => panic!("{other}"),
    };
    let mut tables = 0;
    for document in json["documents"].as_array().unwrap() {
        let columns = document["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["place"] == "row")
            .count();
        if columns == 0 {
            continue;
        }
        tables += 1;
        let file = document["artifact"]["file"].as_str().unwrap();
        let rows = document["rows"].as_u64().unwrap();
        let html = page(out.path(), &format!("forms/{file}.html"));
        // The numbered rows to fill in (the table's last part also holds its closing).
        let table = html
            .split("<table class=\"blank form")
            .nth(1)
            .unwrap()
            .split("</table>\n")
            .next()
            .unwrap();
        assert_eq!(
            table.matches(r#"<tr><td class="num">"#).count() as u64,
            rows,
            "{file}"
        );
        let Some(frequency) = document["frequency"].as_str().filter(|f| *f != "per-event") else {
            continue;
        };
        let mut most = 0;
        for producer in document["produced_at"].as_array().unwrap() {
            let step = steps
                .iter()
                .find(|s| s["id"] == producer["step"]["id"])
                .unwrap();
            if let Some(volume) = step["volume"].as_object() {
                let per_day =
                    volume["amount"].as_f64().unwrap() / days(volume["unit"].as_str().unwrap());
                let needed = (per_day * days(frequency)).ceil() as u64;
                most = most.max(needed);
            }
        }
        // More than a sheet holds go on further copies of the sheet, and it says so.
        if document["continued"] == true {
            assert!(html.contains("заполняется следующий лист"), "{file}");
        } else {
            assert!(rows >= most, "{file}: {rows} rows for {most} a period");
        }
    }
    assert!(tables >= 10, "{tables}");
    // 70 contacts a day: the daily report is filled in on as many sheets as it takes, and
    // the total is compared with the plan below the table, not repeated on every row.
    let report = page(out.path(), "forms/daily-contact-report.html");
    assert!(!report.contains("<td class=\"num\">70</td>"), "a 70th row");
    assert!(report.contains("не менее 70 контактов в день"), "no plan");
    // A report that measures several positions' indicators (the plan/fact summary) is a
    // general one: no position's plan is printed over it.
    let summary = page(out.path(), "forms/plan-fact.html");
    assert!(!summary.contains("не более 2%"), "{summary}");
    // A report is signed by who drew it up and who checked it.
    assert!(
        report.contains("Составил") && report.contains("Проверил"),
        "no sign-off"
    );
}

#[test]
fn a_russian_pack_has_no_english_words_but_established_abbreviations() {
    let (out, _) = example("ru");
    // Abbreviations a Russian business text keeps in Latin letters, and file formats.
    let allowed: BTreeSet<&str> = [
        "CRM", "RACI", "R", "A", "B", "C", "I", "S", "B2B", "ABC", "XLSX", "CSV", "SVG", "MMD",
        "DOT", "BPMN", "Excel",
    ]
    .into();
    let mut found = BTreeSet::new();
    for (name, bytes) in tree(out.path()) {
        if !name.ends_with(".html") {
            continue;
        }
        let text = text_of(&String::from_utf8(bytes).unwrap());
        // An e-mail or web address on the letterhead is not a word of the text.
        let address = |token: &str| {
            let token = token.trim_end_matches(['.', ',', ';', ')']);
            token.contains('@') || (token.contains('.') && token.is_ascii())
        };
        let text: Vec<&str> = text.split_whitespace().filter(|t| !address(t)).collect();
        for word in text
            .join(" ")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        {
            if !allowed.contains(word) {
                found.insert(format!("{word} ({name})"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn russian_text_agrees_with_its_numbers_and_declines_titles() {
    let (out, _) = example("ru");
    let instruction = page(out.path(), "roles/telemarketer.html");
    assert!(instruction.contains("Должностная инструкция<span>телемаркетолога"));
    assert!(instruction.contains("Подчиняется непосредственно <a href=\"../roles/head-of-sales.html\">руководителю отдела продаж</a>"));
    // Duties read as duties: no note of the documents a step yields, and checks named by
    // what is checked, not by the steps' names.
    assert!(!instruction.contains("результат:"));
    let head_text = page(out.path(), "roles/head-of-sales.html");
    assert!(head_text.contains("В обязанности работника входят следующие проверки:"));
    // Titles in running text are lower case: «В подчинении находятся: телемаркетолог…».
    assert!(
        head_text.contains(
            "В подчинении находятся: <a href=\"../roles/telemarketer.html\">телемаркетолог"
        )
    );
    assert!(head_text.contains("проверка лидов без контакта дольше 24 часов</a> (ежедневно)"));
    // A share of 100% to reach is written without «не менее»: nothing exceeds it.
    assert!(head_text.contains("<td>100%</td>"), "{head_text}");
    assert!(!head_text.contains("не менее 100%"), "{head_text}");
    // A role that reports to no role of the model reports to the approver.
    let director = page(out.path(), "roles/commercial-director.html");
    assert!(director.contains("Подчиняется непосредственно генеральному директору."));
    // A role most of whose work lies outside the model gets an addendum to its own job
    // description: it says which part it covers, and leaves the category, appointment,
    // superior, qualifications and standard clauses to the full instruction.
    let lawyer = page(out.path(), "roles/lawyer.html");
    assert!(
        lawyer.contains(
            r#"<h1 class="title below-stamp">Дополнение к должностной инструкции<span>юриста</span></h1>"#
        ),
        "{lawyer}"
    );
    assert!(lawyer.contains(
        "Настоящее дополнение устанавливает обязанности, права и ответственность работника в части договорной работы с клиентами отдела продаж и является неотъемлемой частью его должностной инструкции"
    ));
    for whole in [
        "Должность относится к категории",
        "Назначается на должность",
        "Подчиняется",
        "Квалификационные требования",
        "Правила внутреннего трудового распорядка",
        "настоящей инструкцией",
    ] {
        assert!(!lawyer.contains(whole), "{whole}: {lawyer}");
    }
    // The holder signs that they have read it and agree to the duties it adds.
    assert!(
        lawyer.contains(
            "С дополнением ознакомлен(а), с выполнением предусмотренных им обязанностей согласен(на):"
        ),
        "{lawyer}"
    );
    // A position of another department: its addendum is endorsed by that department's
    // head, by the title the model gives (`unit_head`).
    let accountant = squash(&text_of(&page(out.path(), "roles/accountant.html")));
    assert!(
        accountant.contains(&squash(
            "Согласовано (главный бухгалтер): ____________________ (подпись, ФИО)"
        )),
        "{accountant}"
    );
    // A plan/fact form's monthly plan agrees with its bare figure.
    let plan_fact = page(out.path(), "forms/head-of-sales.plan-fact.html");
    assert!(
        plan_fact.contains("21 планёрка") && plan_fact.contains("84 разбора"),
        "no agreement in the month's plan"
    );
    let head = page(out.path(), "roles/head-of-sales.html");
    assert!(head.contains("не менее 1 планёрки"), "no agreement with 1");
    let manager = page(out.path(), "roles/sales-manager.html");
    assert!(
        manager.contains("не менее 4 клиентов"),
        "no agreement with 4"
    );
    for (name, bytes) in tree(out.path()) {
        let text = String::from_utf8_lossy(&bytes);
        for wrong in ["от Руководитель", "кому Руководитель", "не менее 4 клиента"]
        {
            assert!(!text.contains(wrong), "{name}: {wrong}");
        }
    }
}

#[test]
fn the_handbook_holds_every_document_of_the_register_in_order() {
    let (out, json) = example("ru");
    let handbook = page(out.path(), "handbook.html");
    let register = json["register"].as_array().unwrap();
    assert_eq!(
        handbook.matches("<article class=\"handbook-doc\"").count(),
        register.len()
    );
    let mut from = 0;
    for (index, document) in register.iter().enumerate() {
        let anchor = format!("id=\"doc-{}\"", index + 1);
        let at = handbook[from..]
            .find(&anchor)
            .unwrap_or_else(|| panic!("{anchor} out of order"));
        from += at;
        let title = document["code"].as_str().unwrap();
        assert!(handbook.contains(title), "{title}");
        // Printed, each document's pages carry its own code in the running header, except
        // what goes out on the letterhead: a proposal to a client carries none.
        let running = format!(
            "@page doc-{} {{ @top-right {{ content: \"{title} · ",
            index + 1
        );
        let none = format!(
            "@page doc-{} {{ @top-left {{ content: none; }} @top-right {{ content: none; }}",
            index + 1
        );
        let letterhead = json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["letterhead"] == true && d["identity"]["code"] == document["code"]);
        assert!(
            handbook.contains(if letterhead { &none } else { &running }),
            "{title}"
        );
    }
    assert!(handbook.contains("Глоссарий") && handbook.contains("ЛПР"));
    // The collection is approved as a whole on its cover, by the pack's approver.
    let cover = &handbook[..handbook.find("<section class=\"contents\">").unwrap()];
    assert!(
        cover.contains("<div class=\"stamp\"><p>УТВЕРЖДАЮ</p><p>Генеральный директор</p>"),
        "{cover}"
    );
    // The organisation chart shows the units: a box of a department, drawn as a unit
    // rather than a position, stands over its head («Отдел продаж» under the commercial
    // director) and over a role borrowed from a department the model does not describe.
    let chart = handbook
        .split("<svg class=\"raciflow-org\"")
        .nth(1)
        .expect("an organisation chart");
    for unit in ["Коммерческая служба", "Отдел продаж", "Бухгалтерия"]
    {
        let drawn = chart
            .split(r#"<rect class="box department""#)
            .skip(1)
            .any(|b| {
                b.split("</text>")
                    .next()
                    .unwrap()
                    .ends_with(&format!(">{unit}"))
            });
        assert!(drawn, "no box of {unit}");
    }
    assert_eq!(chart.matches(r#"<rect class="box department""#).count(), 5);
    // Its foot gives the city and the year of issue, as a Russian title page does.
    assert!(
        cover.contains("<p class=\"issued\">Екатеринбург 2027</p>"),
        "{cover}"
    );
    // An introduction says what the handbook holds, kind by kind, and how it is kept; the
    // amendment record it refers to closes it, after the last document.
    assert!(handbook.contains(
        "<p>В сборник включены: организационная структура, матрица ответственности, регламенты процессов, должностные \
         инструкции, чек-листы, бланки документов, формы плана-факта выполнения показателей и \
         положение о мотивации работников коммерческой службы.</p>"
    ));
    assert!(handbook.contains(
        "Выпуск новой версии сборника регистрируется в листе регистрации изменений в конце сборника."
    ));
    let last = handbook.rfind("class=\"handbook-doc\" id=\"doc-").unwrap();
    let record = handbook.find("id=\"changes\"").unwrap();
    assert!(record > last && handbook[record..].contains("Лист регистрации изменений"));
}

#[test]
fn the_organisation_chart_is_an_approved_document_stating_its_posts() {
    let (out, json) = example("ru");
    // The first document of the register, with a code of its own, approved by its stamp.
    assert_eq!(json["register"][0]["code"], "ОС-01");
    let html = page(out.path(), "org.html");
    assert!(
        html.contains("<div class=\"stamp\"><p>УТВЕРЖДАЮ</p><p>Генеральный директор</p>"),
        "{html}"
    );
    assert!(html.contains("<svg"), "no chart");
    // Under the chart, each unit's posts with whom they report to, each unit totalled, and
    // the total the model's headcounts add up to.
    let roles = json["roles"].as_array().unwrap();
    let total: u64 = roles.iter().map(|r| r["headcount"].as_u64().unwrap()).sum();
    let text = squash(&text_of(&html));
    assert!(text.contains(&squash(&format!("Итого {total}"))), "{text}");
    assert!(
        text.contains(&squash(
            "Отдел продаж 12 2 Руководитель отдела продаж Коммерческий директор 1 \
             3 Телемаркетолог (оператор холодных звонков) Руководитель отдела продаж 3"
        )),
        "{text}"
    );
    // A position borrowed from a unit the model does not describe reports to that unit's
    // head, not to the director the chart is headed by: by the title the model gives, or
    // else as the head of that unit.
    assert!(
        text.contains(&squash("Юрист Начальник юридической службы 1")),
        "{text}"
    );
    let model = Test::new().file("model.yaml", crate::harness::MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: boss\n    name: Директор\n    department: Дирекция\n  - id: lawyer\n    name: Юрист\n    department: Юридическая служба\n    scope: в части договоров\n",
    ).file(
        "processes/p.yaml",
        "processes:\n  - id: p\n    name: П\n    owner: boss\n    steps:\n      - id: a\n        name: Проверить договор\n        raci: { R: lawyer, A: boss }\n",
    );
    let plain = TempDir::new().unwrap();
    let outcome = build(
        model.root(),
        plain.path(),
        &["--format", "md", "--lang", "ru"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let posts = page(plain.path(), "org.md");
    assert!(
        posts.contains("| Руководитель подразделения «Юридическая служба» | 1 |"),
        "{posts}"
    );
    let checklist = page(plain.path(), "checklists/lawyer.md");
    assert!(
        checklist.contains("Проверил (руководитель подразделения «Юридическая служба»)"),
        "{checklist}"
    );
    // The handbook holds it as a document, not as a page of its own before them.
    let handbook = page(out.path(), "handbook.html");
    assert!(!handbook.contains("id=\"org\""), "an extra section");
    assert!(
        between(&handbook, "id=\"doc-1\"", "</article>")
            .contains("Должности и штатная численность")
    );
}

#[test]
fn every_link_inside_the_handbook_leads_to_one_place() {
    // Each regulation refers to its map in the appendix: in the handbook, nine
    // regulations' links must not all lead to the first one's map.
    let (out, _) = example("en");
    let handbook = page(out.path(), "handbook.html");
    let targets: BTreeSet<&str> = handbook
        .split("href=\"#")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert!(targets.len() > 50, "{targets:?}");
    for target in targets {
        let defined = handbook.matches(&format!(" id=\"{target}\"")).count();
        assert_eq!(defined, 1, "#{target} is defined {defined} times");
    }
}

#[test]
fn a_document_handed_to_the_client_is_an_outgoing_letter() {
    let (out, json) = example("ru");
    let kp = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["artifact"]["id"] == "kp")
        .unwrap();
    assert_eq!(kp["outgoing"], true);
    let letter = text_of(&page(out.path(), "forms/kp.html"));
    // Letterhead, reference and date, the addressee, the items with their totals, and the
    // signature of whoever answers for the proposal (the sales manager), not its drafter.
    for part in [
        "ООО «Промтехснаб»",
        "КПП",
        "Исх. №",
        "(фамилия, инициалы в дательном падеже)",
        "(обращение по имени и отчеству)",
        "Наименование товара",
        "Всего с учётом скидки, ₽",
        "Предложение действительно до",
        "Менеджер по активным продажам",
        "Исполнитель:",
    ] {
        assert!(letter.contains(part), "{part}: {letter}");
    }
    assert!(!letter.contains("Сдал"), "{letter}");
    assert!(
        page(out.path(), "forms/kp.html")
            .contains("<span class=\"who\">Менеджер по активным продажам</span>"),
        "the signature is the accountable role's"
    );
    // The signature's lines say what goes on them.
    for hint in ["(подпись)", "(расшифровка подписи)"] {
        assert!(letter.contains(hint), "{hint}: {letter}");
    }
    // It says what it offers before its table: the model's opening, after the greeting.
    let greeting = letter.find("(обращение по имени и отчеству)").unwrap();
    let opening = letter
        .find("предлагаем поставку")
        .expect("the opening paragraph");
    let table = letter.find("Наименование товара").unwrap();
    assert!(greeting < opening && opening < table, "{letter}");
    // An internal report is not a letter.
    let report = text_of(&page(out.path(), "forms/daily-contact-report.html"));
    assert!(!report.contains("Исх. №"), "{report}");
    assert!(report.contains("Составил"), "{report}");
    // Its totals and sign-off are part of the table's last rows, so a page break never
    // leaves them alone on the last page.
    let html = page(out.path(), "forms/daily-contact-report.html");
    let end = html
        .split("<tbody class=\"end\">")
        .nth(1)
        .expect("the table's last part");
    let end = end.split("</td></tr></tbody>").next().unwrap();
    assert!(
        end.contains("Количество контактов с ЛПР за день") && end.contains("Составил"),
        "{end}"
    );
    // How often it is filled in is said in words, not as a «ОТЧЁТ · ЕЖЕДНЕВНО» label.
    assert!(
        report.contains("Периодичность заполнения: ежедневно"),
        "{report}"
    );
}

#[test]
fn a_job_description_states_its_criteria_and_leaves_pay_terms_to_the_motivation_policy() {
    let (out, _) = example("ru");
    let jd = text_of(&page(out.path(), "roles/sales-manager.html"));
    let criteria = jd
        .split("Критерии оценки эффективности")
        .nth(1)
        .unwrap()
        .split("Термины и сокращения")
        .next()
        .unwrap();
    assert!(criteria.contains("Положением о мотивации"), "{criteria}");
    assert!(
        criteria.contains("Выручка по оплаченным сделкам"),
        "{criteria}"
    );
    // No weights or thresholds, and no abbreviation the job description leaves unexplained.
    assert!(
        !criteria.contains("Вес") && !criteria.contains("Порог"),
        "{criteria}"
    );
    assert!(!jd.contains("КПЭ") && !jd.contains("КСП)"), "{jd}");
    // Who drafted it and who endorsed it, above the acknowledgement sheet.
    let drafted = jd
        .find("Разработал (руководитель отдела продаж)")
        .expect("Разработал");
    let agreed = jd.find("Согласовано").expect("Согласовано");
    let sheet = jd.find("Лист ознакомления").unwrap();
    assert!(drafted < agreed && agreed < sheet, "{jd}");
    // A list after a colon reads as one sentence: «;» after each item, «.» after the last.
    let md = page(out.path(), "roles/sales-manager.md");
    assert!(
        md.contains("- Должен знать: ассортимент, цены и условия скидок;"),
        "{md}"
    );
    assert!(
        md.contains("записывать возражения](../processes/deal-work.md#step-present);"),
        "{md}"
    );
    assert!(md.contains("в пределах своей трудовой функции.\n"), "{md}");
}

#[test]
fn a_regulation_states_how_the_process_is_measured_and_who_decides() {
    let (out, _) = example("ru");
    let html = page(out.path(), "processes/deal-work.html");
    let text = text_of(&html);
    // The process's own measures, with formula, target, frequency and who measures them.
    let measures = text
        .split("Показатели процесса")
        .nth(1)
        .unwrap()
        .split("Контроль")
        .next()
        .unwrap();
    for part in [
        "Конверсия горячего лида в заказ",
        "оформленные заказы",
        "принятые горячие лиды × 100%",
        "не менее 15%",
        "ежемесячно",
        "Руководитель отдела продаж",
    ] {
        assert!(measures.contains(part), "{part}: {measures}");
    }
    // A decision is taken, not performed: the step before it says who decides.
    let decision = text_of(between(
        &html,
        r#"<article class="step" id="step-calculate">"#,
        "</article>",
    ));
    assert!(decision.contains("принимает"), "{decision}");
    // A step's checklist is part of its table, under its own heading.
    assert!(html.contains("<th>Контрольный перечень</th><td><ul class=\"checks\">"));
    // The price list nobody supplies is a source document, not an input «(имеющийся документ)».
    let passport = text.split("Паспорт процесса").nth(1).unwrap();
    let sources = passport.find("Исходные документы и данные").unwrap();
    assert!(
        passport[sources..]
            .trim_start_matches("Исходные документы и данные")
            .trim_start()
            .starts_with("Прайс-лист"),
        "{passport}"
    );
    assert!(!text.contains("имеющийся документ"), "{text}");
}

#[test]
fn a_checklist_keeps_the_step_names_where_the_job_description_words_the_duty() {
    // The example words every performer duty for the job descriptions («готовиться к
    // рабочему дню…»); the checklist is a sheet of things to do, so it keeps the step's
    // name, an instruction («Подготовиться к дню…»).
    let (out, _) = example("ru");
    let jd = text_of(&page(out.path(), "roles/telemarketer.html"));
    assert!(jd.contains("готовиться к рабочему дню"), "{jd}");
    let checklist = text_of(&page(out.path(), "checklists/telemarketer.html"));
    assert!(checklist.contains("Подготовиться к дню"), "{checklist}");
    assert!(
        !checklist.contains("готовиться к рабочему дню"),
        "{checklist}"
    );
}

#[test]
fn the_matrix_numbers_steps_across_processes_explains_its_letters_and_is_acknowledged() {
    let (out, json) = example("ru");
    let matrix = page(out.path(), "raci.html");
    // A number names one step of the whole matrix: the second process's first step is 2.1.
    assert!(matrix.contains(r#"<td class="num">2.1</td>"#), "no 2.1 row");
    // The legend explains the letters the matrix holds, and no other.
    let held: Vec<&str> = json["raci"]["letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let legend = matrix.split(r#"<p class="legend">"#).nth(1).unwrap();
    let legend = legend.split("</p>").next().unwrap();
    for letter in ["R", "A", "C", "I", "S"] {
        assert_eq!(
            legend.contains(&format!("l-{letter}\"")),
            held.contains(&letter),
            "{letter} in {legend}"
        );
    }
    // Everyone it binds signs that they have read it: a line per person.
    let sheet = matrix
        .split("Лист ознакомления")
        .nth(1)
        .expect("an acknowledgement sheet");
    let people: u64 = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["headcount"].as_u64().unwrap())
        .sum();
    assert_eq!(
        sheet.matches("<tr><td class=\"num\">").count() as u64,
        people
    );
}

#[test]
fn a_plan_fact_form_groups_its_indicators_and_says_how_each_is_scored() {
    let (out, _) = example("ru");
    let form = text_of(&page(
        out.path(),
        "forms/key-account-manager.plan-fact.html",
    ));
    // The categories head their indicators, with their total weight.
    let result = form.find("Показатели результата, вес группы 50%").unwrap();
    let revenue = form.find("Выручка по клиентам группы A").unwrap();
    let development = form.find("Задачи развития, вес группы 30%").unwrap();
    assert!(result < revenue && revenue < development, "{form}");
    // A development goal is scored each month by its milestone, and a lower-is-better
    // indicator has a rule for a zero fact.
    assert!(form.contains("этап: __________"), "{form}");
    assert!(form.contains("при нулевом факте — 120%"), "{form}");
    assert!(form.contains("этап выполнен полностью — 100%"), "{form}");
    // A form without such indicators does not explain them.
    let form = text_of(&page(out.path(), "forms/telemarketer.plan-fact.html"));
    assert!(
        !form.contains("при нулевом факте") && !form.contains("этап"),
        "{form}"
    );
    // It is drawn up by the role's superior and approved a level above, as the motivation
    // process runs: the head of sales draws it up, the commercial director approves it.
    assert!(
        form.contains("Составил (руководитель отдела продаж)"),
        "{form}"
    );
    assert!(form.contains("Утвердил (коммерческий директор)"), "{form}");
}

#[test]
fn a_job_description_names_whom_the_role_works_with_even_when_it_performs_no_step() {
    let (out, _) = example("ru");
    // The lawyer performs no step but is consulted on contracts: its job description says
    // with whom, on which document, and its signature lines ask for the positions the
    // model does not name.
    let lawyer = text_of(&page(out.path(), "roles/lawyer.html"));
    let relations = lawyer
        .split("Взаимоотношения (связи по должности)")
        .nth(1)
        .expect("a relationships section")
        .split("Лист ознакомления")
        .next()
        .unwrap();
    for part in [
        "Консультирует",
        "Проект договора",
        "Технический ассистент отдела продаж",
    ] {
        assert!(relations.contains(part), "{part}: {relations}");
    }
    assert!(lawyer.contains("(должность, подпись, ФИО)"), "{lawyer}");
    // A card the telemarketer fills in and then sends on itself still reaches the next
    // process's performer: the job description says whom it goes to.
    let telemarketer = text_of(&page(out.path(), "roles/telemarketer.html"));
    let telemarketer = squash(&telemarketer);
    assert!(
        telemarketer.contains(&squash(
            "Передаёт Карточка горячего лида Менеджер по активным продажам"
        )),
        "{telemarketer}"
    );
}

#[test]
fn a_checklist_counts_the_standards_of_its_period_and_a_plan_fact_form_says_how_months_differ() {
    let (out, _) = example("ru");
    // A logged step that a standard measures states the standard alone: its typical
    // volume is the same figure. The step's name ends in a bracket of its own, so the
    // standard follows a dash rather than a second bracket.
    let manager = squash(&text_of(&page(out.path(), "checklists/sales-manager.html")));
    assert!(
        manager.contains(&squash(
            "(если нужно — замер) — норма не менее 5 встреч в неделю"
        )),
        "{manager}"
    );
    assert!(
        !manager.contains(&squash("5 раз в неделю; норма")),
        "{manager}"
    );
    let checklist = text_of(&page(out.path(), "checklists/head-of-sales.html"));
    // The weekly standard the bonus is paid on is counted on the weekly sheet.
    let weekly = checklist
        .split("Еженедельно")
        .nth(1)
        .unwrap()
        .split("Ежемесячно")
        .next()
        .unwrap();
    assert!(
        weekly.contains(
            "Разборы звонков с обратной связью (норма не менее 20 разборов в неделю) — выполнено за неделю"
        ),
        "{weekly}"
    );
    // A share in per cent is not counted on a sheet; a standard counting what a step
    // counts (70 a day) goes with that step instead of being counted twice.
    let telemarketer = text_of(&page(out.path(), "checklists/telemarketer.html"));
    assert!(
        !telemarketer.contains("Заполнение карточек CRM"),
        "{telemarketer}"
    );
    assert!(
        squash(&telemarketer).contains(&squash(
            "речевым модулям (норма не менее 70 контактов в день) — выполнено за день"
        )),
        "{telemarketer}"
    );
    assert!(!telemarketer.contains("Нормы работы"), "{telemarketer}");
    // A standard of once a day is ticked with the step it names («Провести планёрку»),
    // not counted again beside it.
    let daily = checklist.split("Еженедельно").next().unwrap();
    assert!(daily.contains("Провести планёрку"), "{daily}");
    assert!(!daily.contains("Ежедневные планёрки проведены"), "{daily}");
    // A step done twice a day is logged: its items numbered, a row a time naming
    // the client and two spare for a busier day, a box under each item; and its items
    // are not repeated on the memo.
    let html = page(out.path(), "checklists/telemarketer.html");
    let log = between(&html, "Квалифицировать интерес", "</table>");
    assert!(
        log.contains("<li>Потребность подтверждена клиентом</li>"),
        "{log}"
    );
    assert!(log.contains("<th>Клиент или номер документа</th>"), "{log}");
    assert_eq!(log.matches("<tr>").count(), 1 + 2 + 2, "{log}");
    assert_eq!(
        log.matches(r#"<span class="box">"#).count(),
        (2 + 2) * 4,
        "{log}"
    );
    let memo = telemarketer
        .split("Памятка")
        .nth(1)
        .expect("a memo for the calls");
    assert!(!memo.contains("Потребность подтверждена"), "{memo}");
    // A monthly plan made from a weekly norm says which month it assumes and how to
    // recount it; a form whose plans are all monthly does not.
    let form = text_of(&page(out.path(), "forms/sales-manager.plan-fact.html"));
    assert!(form.contains("рассчитан на 21 рабочий день"), "{form}");
    let form = text_of(&page(
        out.path(),
        "forms/commercial-director.plan-fact.html",
    ));
    assert!(!form.contains("рабочий день"), "{form}");
}

#[test]
fn a_regulation_says_who_draws_up_each_document_or_where_it_comes_from() {
    let (out, _) = example("ru");
    let text = squash(&text_of(&page(out.path(), "processes/deal-work.html")));
    let records = text
        .split("Документыизаписи")
        .nth(1)
        .unwrap()
        .split("Ответственностьучастников")
        .next()
        .unwrap();
    for row in [
        "Карточка горячего лида (форма Ф-02) из процесса «Холодный обзвон и выход на ЛПР»",
        "Прайс-лист и условия скидок Действующий документ или внешний источник",
        "Коммерческое предложение (форма Ф-04) Технический ассистент отдела продаж",
    ] {
        assert!(records.contains(&squash(row)), "{row}: {records}");
    }
}

#[test]
fn every_page_of_a_blank_form_says_whose_it_is() {
    let (out, _) = example("ru");
    // 70 contacts a day are one sheet of rows, not five pages: the blank says the rest go
    // on further copies, each of which names its filler and its number at its foot.
    let html = page(out.path(), "forms/daily-contact-report.html");
    let rows = html.matches(r#"<td class="num">"#).count();
    assert!((5..=15).contains(&rows), "{rows} rows");
    assert!(
        text_of(&html).contains("заполняется следующий лист этой формы"),
        "{html}"
    );
    let style = html.split("@bottom-left").nth(1).expect("a running footer");
    assert!(style.contains("ФИО: ____"), "{style}");
    assert!(style.contains("Дата: ____"), "{style}");
    assert!(style.contains("Лист № ____"), "{style}");
    // A form the model gives a few rows keeps them: the proposal's six lines of goods.
    let kp = page(out.path(), "forms/kp.html");
    assert_eq!(kp.matches(r#"<td class="num">"#).count(), 6, "{kp}");
    assert!(!text_of(&kp).contains("следующий лист"));
    // A letter does not: it goes out on the organisation's letterhead.
    assert!(!page(out.path(), "forms/kp.html").contains("@bottom-left"));
}

#[test]
fn an_english_letter_is_signed_above_the_name_with_the_title_under_it() {
    let out = quickstart();
    let letter = text_of(&page(out.path(), "forms/quote.html"));
    let sign_off = letter.split("Yours sincerely,").nth(1).expect("a sign-off");
    // A space to sign, a line for the printed name, the title under them: a letter's
    // signature block, not a form's "Full name:" field.
    assert!(sign_off.contains("Sales Lead"), "{sign_off}");
    assert!(!sign_off.contains("Full name"), "{sign_off}");
    let html = page(out.path(), "forms/quote.html");
    let block = html.split("Yours sincerely,").nth(1).expect("a sign-off");
    let lines =
        block.find(r#"<p class="write-line signature"></p><p class="write-line signature"></p>"#);
    let title = block.find("Sales Lead");
    assert!(lines.is_some() && lines < title, "{block}");
    // No Russian «Исполнитель» line, no captions under a row of lines.
    assert!(
        !letter.contains("Prepared by") && !letter.contains("block capitals"),
        "{letter}"
    );
    // The letterhead says where the company is registered, as a UK business letter must.
    assert!(
        letter.contains("Registered in England and Wales"),
        "{letter}"
    );
}

/// The quickstart pack, which is English.
fn quickstart() -> TempDir {
    let out = TempDir::new().unwrap();
    let outcome = build(&repo_path("processes/quickstart"), out.path(), &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    out
}

#[test]
fn an_english_pack_keeps_english_layouts() {
    let out = quickstart();
    // A form is signed by whoever filled it in and checked by a manager, each dated; the
    // Russian receipt of a hand-over («Сдал / Принял», its time) is not English practice.
    // The one position that fills it in is named. Two positions work from it (the
    // warehouse and the Sales Lead's report), so it is checked by whoever answers for it:
    // the Sales Lead, who approves each order.
    let order = text_of(&page(out.path(), "forms/order.html"));
    let sign_off = squash(
        "Completed by (Sales Representative): ____________________ (name) Signature: ____________ \
         Date: ____________ Checked by (Sales Lead): ____________________ (name) Signature: \
         ____________ Date: ____________",
    );
    assert!(squash(&order).contains(&sign_off), "{order}");
    assert!(
        !order.contains("Received by:") && !order.contains("Date and time"),
        "{order}"
    );
    // A letter's addressee stands at the left, above the reference, where a window
    // envelope shows it; the letter says how to accept the offer before it signs off.
    let html = page(out.path(), "forms/quote.html");
    assert!(html.contains(r#"class="letter-top address-left""#));
    let quote = squash(&text_of(&html));
    let accept = quote.find(&squash("To accept, sign and return a copy"));
    let regards = quote.find("Yourssincerely");
    assert!(accept.is_some() && accept < regards, "{quote}");
    // A job description's header block says where and when the holder works, and a role
    // with direct reports leads them.
    let rep = squash(&text_of(&page(out.path(), "roles/sales-rep.html")));
    for fact in [
        "Location London office, 12 Wharf Road",
        "Working hours Full-time, 37.5 hours a week",
        "effective date: 1 January 2027",
    ] {
        assert!(rep.contains(&squash(fact)), "{fact}: {rep}");
    }
    let leads = squash("Leads and develops the direct reports");
    assert!(!rep.contains(&leads), "{rep}");
    let lead = squash(&text_of(&page(out.path(), "roles/sales-lead.html")));
    assert!(lead.contains(&leads), "{lead}");
    // A procedure states its controls and indicators, then its records: where each is
    // kept and for how long.
    let sop = page(out.path(), "processes/quote-to-order.html");
    let at = |title: &str| sop.find(&format!("<h2>{title}</h2>")).expect(title);
    let records = at("Records and related documents");
    assert!(at("Process indicators") < at("Controls") && at("Controls") < records);
    let end = records
        + sop[records..]
            .find("Revision history")
            .expect("revision history");
    let table = squash(&text_of(&sop[records..end]));
    assert!(
        table.contains(&squash("Where kept Kept for"))
            && table.contains(&squash(
                "Quotation (form F-01) Sales Representative CRM, customer record 6 years"
            )),
        "{table}"
    );
    // Responsibilities are the matrix's: no Russian-style section of liability clauses.
    assert!(!sop.contains("<h2>Responsibilities</h2>"), "{sop}");
    // The role's own duties open its duties, apart from the standard ones; its indicators
    // carry their weights.
    let duties = rep
        .find(&squash("General duties:"))
        .expect("general duties");
    // Each procedure's duties are headed by its name alone.
    let procedure = rep
        .find(&squash("From enquiry to order:"))
        .expect("procedure duties");
    assert!(duties < procedure, "{rep}");
    assert!(
        rep.contains(&squash(
            "Net sales invoiced (excluding VAT, after credit notes) at least £40,000 per month 60%"
        )),
        "{rep}"
    );
    // A UK bonus scheme: paid sickness counts as days worked; annual leave pro-rates the
    // targets and holiday pay includes the average bonus (Working Time Regulations), so
    // leave never lowers pay; the scheme is part of the terms, changed by agreement or as
    // the contracts reserve; and it states no rule for indicators the model does not have.
    let scheme = squash(&text_of(&page(out.path(), "motivation.html")));
    for clause in [
        "Bank holidays count as days worked. Sickness absence, whether or not sick pay is due for it, also counts as days worked, so no bonus is lost through sickness",
        // An absence the Equality Act protects eases the targets rather than cost pay.
        "targets counted in units or money are set for the days the employee was at work, leaving out the days of sickness absence",
        "When an employee takes annual leave or unpaid leave, or joins or leaves during the month, targets counted in units or money and the on-target bonus are pro-rated",
        "Holiday pay includes the bonus",
        "This scheme forms part of the terms of employment of the positions it covers. The company applies it in good faith",
        "It may change or withdraw the scheme with the agreement of the employees affected or, where their employment contracts reserve that right, after consulting them",
        // A leaver is paid what they earned: no "employed on the pay date" rule that would
        // take back the pro-rated bonus the scheme promises.
        "An employee who leaves is paid the bonus earned for their last full month",
        "the two weeks of compulsory maternity leave count as days worked",
    ] {
        assert!(scheme.contains(&squash(clause)), "{clause}: {scheme}");
    }
    assert!(!scheme.contains("Motivation policy"), "{scheme}");
    assert!(
        !scheme.contains(&squash("still employed on the pay date")),
        "{scheme}"
    );
    for absent in [
        "Where lower is better",
        "development goal",
        "A daily standard",
    ] {
        assert!(!scheme.contains(&squash(absent)), "{absent}: {scheme}");
    }
}

#[test]
fn documents_every_holder_of_a_position_shares_publish_no_ones_pay() {
    let (out, _) = example("ru");
    // The policy, which every employee signs, states the on-target bonus as a share of
    // the salary, in its terms and in its worked examples; the salary is the contract's.
    let policy = squash(&text_of(&page(out.path(), "motivation.html")));
    assert!(
        policy.contains(&squash(
            "Должностной оклад устанавливается штатным расписанием и трудовым договором"
        )),
        "{policy}"
    );
    assert!(
        policy.contains(&squash(
            "Целевая переменная часть (при индексе КСП 100%) 60% должностного оклада"
        )),
        "{policy}"
    );
    // It is endorsed by the model's endorsing position, as the job descriptions are.
    assert!(
        policy.contains(&squash(
            "Согласовано (юрист): ____________________ (подпись, ФИО)"
        )),
        "{policy}"
    );
    // Every position's table has the month's plan, though the assistant's plans are all
    // monthly already: one policy, one layout.
    let html = page(out.path(), "motivation.html");
    let assistant = between(
        &html,
        "Технический ассистент отдела продаж</a></h3>",
        "</thead>",
    );
    assert!(
        assistant.contains("<th class=\"num\">План на месяц</th>"),
        "{assistant}"
    );
    // The telemarketer's salary (40 000 ₽) and bonus (24 000 ₽) appear nowhere.
    for amount in ["40000", "24000"] {
        assert!(!policy.contains(amount), "{amount}: {policy}");
    }
    // The position's plan/fact form, filled in for each employee, leaves the amounts blank.
    let form = squash(&text_of(&page(
        out.path(),
        "forms/telemarketer.plan-fact.html",
    )));
    assert!(
        form.contains(&squash(
            "Должностной оклад: ______________. Целевая переменная часть (при индексе КСП 100%): 60% должностного оклада: ______________."
        )),
        "{form}"
    );
    for amount in ["40000", "24000"] {
        assert!(!form.contains(amount), "{amount}: {form}");
    }
}

#[test]
fn a_russian_head_leads_the_staff_who_report_to_it() {
    let (out, _) = example("ru");
    let duty = squash("руководить работой подчинённых работников");
    let head = squash(&text_of(&page(out.path(), "roles/head-of-sales.html")));
    assert!(head.contains(&duty), "{head}");
    let staff = squash(&text_of(&page(out.path(), "roles/telemarketer.html")));
    assert!(!staff.contains(&duty), "{staff}");
    // A Russian form keeps its hand-over receipt; a report is drawn up and checked.
    let form = text_of(&page(out.path(), "forms/shipment-request.html"));
    assert!(
        form.contains("Сдал:") && form.contains("Принял:") && !form.contains("Составил:"),
        "{form}"
    );
    let report = text_of(&page(out.path(), "forms/daily-contact-report.html"));
    assert!(
        report.contains("Составил:") && report.contains("Проверил:") && !report.contains("Сдал:"),
        "{report}"
    );
}

#[test]
fn the_pack_shows_each_positions_workload_and_its_job_description_points_to_it() {
    let (out, _) = example("ru");
    // The index has a row per position with figures: its hours, load and people needed,
    // and a bar of its hours by kind of work.
    let index = page(out.path(), "index.html");
    let section = index
        .split(r#"<section id="workload">"#)
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("a workload section");
    let text = squash(&text_of(section));
    assert!(
        text.contains(&squash(
            "Телемаркетолог (оператор холодных звонков) 3 142,8 85% 2,55"
        )),
        "{text}"
    );
    assert!(section.contains(r#"<rect class="v-selling""#), "{section}");
    // The lawyer performs no step with figures: no row.
    assert!(!text.contains("Юрист"), "{text}");
    // The job description gives the estimate and links to the section.
    let role = page(out.path(), "roles/telemarketer.html");
    let line = squash(&text_of(&role));
    assert!(
        line.contains(&squash(
            "Шаги процессов занимают у работника около 142,8 ч в месяц (85% фонда рабочего времени), см. «Загрузка и структура рабочего времени»"
        )),
        "{line}"
    );
    assert!(role.contains(r#"href="../index.html#workload""#));
}

#[test]
fn what_hr_reads_on_paper_is_the_document_and_not_the_model() {
    let (out, _) = example("ru");
    // A blank with fields prints the blank: what it is for is for the screen.
    let report = page(out.path(), "forms/daily-contact-report.html");
    assert!(
        report.contains(r#"class="purpose screen-only""#),
        "{report}"
    );
    // The workload figure is the consultant's, not a clause the holder signs.
    let jd = page(out.path(), "roles/telemarketer.html");
    assert!(jd.contains(r#"class="workload-line screen-only""#), "{jd}");
    // Agreement in number, and a top position checked by whoever approves the documents.
    let director = text_of(&page(out.path(), "roles/commercial-director.html"));
    assert!(
        squash(&director).contains(&squash(
            "В подчинении находится: руководитель отдела продаж"
        )),
        "{director}"
    );
    let checklist = text_of(&page(out.path(), "checklists/commercial-director.html"));
    assert!(
        squash(&checklist).contains(&squash("Проверил (генеральный директор)")),
        "{checklist}"
    );
    // A director whose work is approving checks and signs off the documents of the steps
    // he answers for, each on the sheet of how often it comes round and once there; not
    // his duties as the job description words them («Утверждать…»), which cannot be
    // ticked, nor what he is consulted on.
    let weekly = between(&checklist, "Еженедельно", "Ежемесячно");
    assert!(
        squash(weekly).contains(&squash("Проверить и утвердить документ «Договор поставки»")),
        "{weekly}"
    );
    // A discount is approved on the proposal the step takes in.
    assert!(
        squash(weekly).contains(&squash(
            "Проверить и утвердить документ «Коммерческое предложение»"
        )),
        "{weekly}"
    );
    assert!(!weekly.contains("выполнено за"), "{weekly}");
    let monthly = checklist.split("Ежемесячно").nth(1).unwrap();
    assert!(
        squash(monthly).contains(&squash(
            "Проверить и утвердить документ «Дополнительное соглашение „Программа продаж“ с прогнозным планом»"
        )),
        "{monthly}"
    );
    // What he signs off in a step of his own is not signed off twice.
    assert!(!monthly.contains("«Мотивационный лист КСП»"), "{monthly}");
    assert!(!checklist.contains("Утверждать"), "{checklist}");
    // A CRM record is not signed off: the head of sales answers for the calls.
    let head = text_of(&page(out.path(), "checklists/head-of-sales.html"));
    assert!(!head.contains("Запись о контакте"), "{head}");
    assert!(!out.path().join("checklists/lawyer.html").exists());
    // A position borrowed from another unit is checked by that unit's head, every day.
    let logistician = text_of(&page(out.path(), "checklists/logistician.html"));
    assert!(
        squash(&logistician).contains(&squash("Проверил (начальник склада)")),
        "{logistician}"
    );
    // A regulation's title is the process's name in «кавычках», never ending a line on a
    // preposition; its legend explains each letter after a dash.
    let regulation = page(out.path(), "processes/cold-calling.html");
    assert!(
        regulation.contains("<h1>«Холодный обзвон и\u{a0}выход на\u{a0}ЛПР»</h1>"),
        "{regulation}"
    );
    assert!(
        squash(&text_of(&regulation)).contains(&squash("R — исполнитель")),
        "{regulation}"
    );
}

/// The pack of the example model `name` in `format`, built without errors.
fn example_pack(name: &str, format: &str) -> TempDir {
    let out = TempDir::new().unwrap();
    let outcome = build(
        &repo_path(&format!("processes/{name}")),
        out.path(),
        &["--format", format],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    out
}

#[test]
fn a_checklist_sheet_prints_its_last_line_with_its_sign_off() {
    // A sheet just longer than a page must not leave its signature lines alone on the
    // next one: its last line and its sign-off are one block that is not broken.
    let out = example_pack("sales-department", "html");
    for role in [
        "sales-manager",
        "head-of-sales",
        "commercial-director",
        "telemarketer",
    ] {
        let html = page(out.path(), &format!("checklists/{role}.html"));
        let sheets = html.matches("<section class=\"period").count()
            - html.matches("<section class=\"period memo").count();
        assert_eq!(
            html.matches("<div class=\"signoff\">").count(),
            sheets,
            "{role}"
        );
        for end in html.split("<div class=\"sheet-end\">").skip(1) {
            let (lines, signoff) = end.split_once("<div class=\"signoff\">").unwrap();
            assert!(lines.contains("<li"), "{role}: {end}");
            assert!(!lines.contains("</section>"), "{role}: {end}");
            assert!(signoff.contains("</div></div>"), "{role}: {end}");
        }
        assert_eq!(
            html.matches("<div class=\"sheet-end\">").count(),
            sheets,
            "{role}"
        );
    }
    let css = fs::read_to_string(out.path().join("style.css")).unwrap();
    assert!(css.contains("div.sheet-end { break-inside: avoid; }"));
}

#[test]
fn a_short_checklist_prints_its_sheets_together_and_a_long_one_a_page_each() {
    let out = example_pack("quickstart", "html");
    // The Sales Lead ticks a few controls a day, a week and a month: one page, not three.
    let lead = page(out.path(), "checklists/sales-lead.html");
    assert!(
        lead.matches("<section class=\"period").count() >= 2,
        "{lead}"
    );
    assert!(!lead.contains("period apart"), "{lead}");
    let out = example_pack("sales-department", "html");
    // The telemarketer's daily sheet fills a page: its memo takes a page of its own.
    let telemarketer = page(out.path(), "checklists/telemarketer.html");
    assert!(
        telemarketer.contains("<section class=\"period memo apart\">"),
        "{telemarketer}"
    );
}

#[test]
fn the_motivation_workbook_asks_for_a_share_in_per_cent_as_a_number() {
    use std::io::Read;
    let out = example_pack("quickstart", "xlsx");
    let bytes = fs::read(out.path().join("motivation.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    // The summary first, then the positions: the Sales Representative's sheet is the third.
    let sheet = part("xl/worksheets/sheet3.xml");
    // Each block asks for the days worked and, the English scheme protecting sickness,
    // the days of it among them: the targets in money are for the days left.
    assert!(
        sheet.contains("ROUNDUP(ROUND(40000*(IF(ISNUMBER(B7),B7,$B$4)-N(B8))/(1*$B$4),6),0)"),
        "{sheet}"
    );
    // "Quotes sent within one working day" is a share: 90% typed as 0.9 would pay almost
    // nothing, so a fact between 0 and 1 is questioned, and 90 shows as «90%».
    assert!(
        sheet.contains(r#"type="custom" errorStyle="warning""#)
            && sheet.contains("OR(F13=0,AND(F13&gt;=1,F13&lt;=100))"),
        "{sheet}"
    );
    // Each block asks for the employee's own salary, the position's until typed over, and
    // works out the bonus it brings: the same percent of it as the position's standard.
    let salary = sheet
        .split(r#"<c r="B9""#)
        .nth(1)
        .and_then(|rest| rest.split("</c>").next())
        .unwrap_or_default();
    assert!(salary.ends_with("<v>2400</v>"), "{sheet}");
    assert!(
        sheet.contains("<f>ROUND($B$3*B9/$B$2,2)</f><v>480</v>"),
        "{sheet}"
    );
    // Printed, a page names the organisation and the policy's code, and is numbered.
    assert!(
        sheet.contains("&amp;LNorthwind Supplies Ltd&amp;RBON-01")
            && sheet.contains("&amp;RPage &amp;P of &amp;N"),
        "{sheet}"
    );
    // Each employee's calculation is signed by whoever draws it up and by the employee.
    let strings = part("xl/sharedStrings.xml");
    for line in [
        "Prepared by: ____________________ (position, signature, name)   Date: ____________",
        "Acknowledged by the employee: ____________________ (name)   Signature: ____________   Date: ____________",
    ] {
        assert!(strings.contains(line), "{line}: {strings}");
    }
    let styles = part("xl/styles.xml");
    assert!(
        styles.contains(r#"formatCode="General&quot;%&quot;""#),
        "{styles}"
    );
    // Sums carry the scheme's currency.
    assert!(
        styles.contains(r#"formatCode="&quot;£&quot;#,##0.00""#),
        "{styles}"
    );
    // Whoever draws the summary up and whoever approves the month's bonuses write their
    // positions in: the motivation process, not the policy, says who they are.
    let strings = part("xl/sharedStrings.xml");
    assert!(
        strings.contains("Approved by: ____________________ (position, signature, name)")
            && strings.contains("Prepared by: ____________________ (position, signature, name)"),
        "{strings}"
    );
}

#[test]
fn a_head_of_twenty_one_people_has_staff_in_the_plural() {
    // Twenty sales representatives and a warehouse clerk: «21» takes a noun's singular,
    // but the staff under a head are still many: «В подчинении находятся».
    let model = quickstart_with(&[("roles.yaml", "headcount: 2", "headcount: 20")]);
    let out = TempDir::new().unwrap();
    let outcome = build(model.path(), out.path(), &["--lang", "ru"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let lead = text_of(&page(out.path(), "roles/sales-lead.html"));
    assert!(lead.contains("В подчинении находятся:"), "{lead}");
    assert!(lead.contains("— 20 штатных единиц"), "{lead}");
}

#[test]
fn a_periodic_blank_names_its_period_and_adds_up_its_figures() {
    let (out, _) = example("ru");
    // A weekly report is filled in for a week it names, and ends with a total under each
    // column that adds up; a conversion is not added up, so its cell is crossed out.
    let funnel = page(out.path(), "forms/funnel-report.html");
    assert!(funnel.contains("За период с «____»"), "no period line");
    let total = funnel
        .split("<tr class=\"total\">")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .unwrap_or_else(|| panic!("no total row: {funnel}"));
    assert!(total.starts_with("<td></td><th>Итого</th>"), "{total}");
    assert_eq!(
        total.matches("<td class=\"void\">Х</td>").count(),
        4,
        "{total}"
    );
    assert_eq!(total.matches("<td></td>").count(), 1 + 7, "{total}");
    // A Russian sign-off names the one position that hands a form over and the one that
    // receives it, before the signature line.
    let request = squash(&text_of(&page(out.path(), "forms/shipment-request.html")));
    for line in [
        "Сдал: технический ассистент отдела продаж ____________________ (подпись, ФИО)",
        "Принял: логист ____________________ (подпись, ФИО) Дата и время: ____________",
    ] {
        assert!(request.contains(&squash(line)), "{line}: {request}");
    }
    // A document one position draws up is signed by it and approved by whoever answers
    // for it, on lines, not in a table of signatures.
    let sheet = squash(&text_of(&page(out.path(), "forms/motivation-sheet.html")));
    for line in [
        "Составил: руководитель отдела продаж ____________________ (подпись, ФИО) Дата: ____________",
        "Утвердил: коммерческий директор ____________________ (подпись, ФИО) Дата: ____________",
    ] {
        assert!(sheet.contains(&squash(line)), "{line}: {sheet}");
    }
    // A report whose header already carries its date gets no second date line.
    let daily = page(out.path(), "forms/daily-contact-report.html");
    assert!(!daily.contains("Дата: «____»"), "a second date line");
    // A form without figures to add up has no total row.
    assert!(!page(out.path(), "forms/reactivation-call-list.html").contains("class=\"total\""));
}

#[test]
fn a_document_drawn_up_elsewhere_has_no_blank_page() {
    let (out, _) = example("ru");
    // The supply contract follows the organisation's standard template and the invoice
    // comes from the accounting system: the album of forms prints no page for either,
    // and the regulation names them without a form's code.
    let word: Vec<String> = fs::read_dir(out.path().join("docx"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for (file, name) in [
        ("contract", "Договор поставки"),
        ("invoice", "Счёт на оплату"),
    ] {
        assert!(
            !out.path().join(format!("forms/{file}.html")).exists(),
            "{file}"
        );
        assert!(!word.iter().any(|w| w.contains(name)), "{word:?}");
    }
    let regulation = page(out.path(), "processes/contracting.html");
    assert!(regulation.contains("Договор поставки"), "{regulation}");
    assert!(
        !regulation.contains("forms/contract.html"),
        "a link to no page"
    );
    let handbook = page(out.path(), "handbook.html");
    assert!(!handbook.contains("Бланк документа не устанавливается"));
}

#[test]
fn a_decision_is_a_condition_of_the_step_before_it_not_a_step() {
    let (out, json) = example("ru");
    // A question with nothing of its own is asked in the step that raises it, with who
    // decides and where each answer leads; it has no number, no section and no row of a
    // matrix, so the steps are numbered as work.
    let regulation = page(out.path(), "processes/deal-work.html");
    let calculate = text_of(between(
        &regulation,
        r#"<article class="step" id="step-calculate">"#,
        "</article>",
    ));
    assert!(
        squash(&calculate).contains(&squash(
            "Далее Решение «Какую скидку просит клиент?» принимает менеджер по активным продажам: \
             если «До 3%» — шаг 6 «Презентовать КП ЛПР и записать возражения» \
             если «Свыше 3% до 5%» — шаг 4 «Согласовать скидку до 5% и особые условия» \
             если «Свыше 5%» — шаг 5 «Получить утверждение скидки свыше 5%»"
        )),
        "{calculate}"
    );
    assert!(!regulation.contains(r#"<article class="step" id="step-discount-check">"#));
    // Links to the decision (from its map) still land on the step that asks it.
    assert_eq!(regulation.matches(r#"id="step-discount-check""#).count(), 1);
    assert!(!regulation.contains("Шаг 4. Скидка"), "{regulation}");
    // Who answers for a decision is named when it is not who decides.
    let contracting = squash(&text_of(&page(out.path(), "processes/contracting.html")));
    assert!(
        contracting.contains(&squash(
            "«Действующий договор с клиентом есть?» принимает технический ассистент отдела продаж (отвечает за результат: руководитель отдела продаж):"
        )),
        "{contracting}"
    );
    // A question three steps lead to is asked, with its answers, in the first of them; the
    // others refer to it.
    let calls = page(out.path(), "processes/cold-calling.md");
    assert_eq!(
        calls.matches("Решение «План 70 контактов выполнен или рабочий день окончен?» — см. [шаг 4](#step-hand-over)").count(),
        2,
        "{calls}"
    );
    // No matrix has a row for a question.
    let matrix = page(out.path(), "raci.html");
    assert!(!matrix.contains("Клиент заинтересован?"), "{matrix}");
    assert!(!matrix.contains("(решение)"), "{matrix}");
    let steps: Vec<&str> = json["processes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(steps.iter().all(|name| !name.ends_with('?')), "{steps:?}");
    // A decision with more to say keeps its section, numbered, and its row says it is one.
    let model = Test::new().file("model.yaml", crate::harness::MANIFEST).file(
        "roles.yaml",
        "roles:\n  - id: boss\n    name: Boss\n",
    ).file(
        "processes/p.yaml",
        "processes:\n  - id: p\n    name: P\n    owner: boss\n    steps:\n      - id: a\n        name: Do it\n        raci: { R: boss, A: boss }\n        next: ok\n      - id: ok\n        name: Is it fine?\n        kind: decision\n        description: Look at the figures first.\n        raci: { R: boss, A: boss }\n        next:\n          - { to: end, when: Yes }\n          - { to: a, when: No }\n",
    );
    let rich = TempDir::new().unwrap();
    let outcome = build(
        model.root(),
        rich.path(),
        &["--format", "html", "--lang", "en"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let regulation = page(rich.path(), "processes/p.html");
    assert!(
        regulation.contains("<h3>Step 2. Is it fine?</h3>"),
        "{regulation}"
    );
    let matrix = page(rich.path(), "raci.html");
    assert!(
        matrix.contains(r#"Is it fine?</a> <span class="muted">(decision)</span>"#),
        "{matrix}"
    );
}

#[test]
fn the_top_positions_scorecard_is_signed_once_by_its_approver() {
    let out = quickstart();
    // The Sales Lead reports to no position: the Managing Director approves the scorecard
    // and nobody is asked to draw it up under an empty title.
    let lead = text_of(&page(out.path(), "forms/sales-lead.plan-fact.html"));
    assert!(!lead.contains("Prepared by"), "{lead}");
    assert!(lead.contains("Approved by (Managing Director)"), "{lead}");
    // A representative's is drawn up by the Sales Lead.
    let rep = text_of(&page(out.path(), "forms/sales-rep.plan-fact.html"));
    assert!(rep.contains("Prepared by (Sales Lead)"), "{rep}");
}

#[test]
fn whoever_measures_a_process_takes_part_in_its_regulation() {
    let (out, _) = example("ru");
    // The administrator holds no letter on the lead base's steps but measures both of its
    // indicators: the passport names the part, and the administrator signs the sheet.
    let regulation = squash(&text_of(&page(out.path(), "processes/lead-base.html")));
    assert!(
        regulation.contains(&squash(
            "Контролирует выполнение и показатели: администратор (контролёр) отдела продаж"
        )),
        "{regulation}"
    );
    let sheet = regulation
        .split(&squash("Лист ознакомления"))
        .nth(1)
        .expect("an acknowledgement sheet");
    assert!(
        sheet.contains(&squash("Администратор (контролёр) отдела продаж")),
        "{sheet}"
    );
}

#[test]
fn a_checklist_signs_a_document_off_once() {
    let (out, _) = example("ru");
    // The head of sales answers for the hot lead where it is drawn up and where it is
    // handed to a manager: he checks the card once, where it is drawn up.
    let head = squash(&text_of(&page(out.path(), "checklists/head-of-sales.html")));
    let line = squash("Проверить и утвердить документ «Карточка горячего лида»");
    assert_eq!(head.matches(&line).count(), 1, "{head}");
}

/// The quickstart model with `edits` (file, text, replacement) made to its files.
fn quickstart_with(edits: &[(&str, &str, &str)]) -> TempDir {
    let model = TempDir::new().unwrap();
    let source = repo_path("processes/quickstart");
    for dir in ["", "processes"] {
        fs::create_dir_all(model.path().join(dir)).unwrap();
        for entry in fs::read_dir(source.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            let name = Path::new(dir).join(path.file_name().unwrap());
            let mut text = fs::read_to_string(&path).unwrap();
            for (file, from, to) in edits {
                if name == Path::new(file) {
                    assert_eq!(text.matches(from).count(), 1, "{from} in {file}");
                    text = text.replace(from, to);
                }
            }
            fs::write(model.path().join(&name), text).unwrap();
        }
    }
    model
}

#[test]
fn a_form_filled_in_once_an_order_prints_no_monthly_target() {
    // The warehouse's same-day standard measured from the sales order: the form of one
    // order cannot be compared with a month's share, so it prints no target; a form with
    // no fixed period can be, and does.
    let measured = (
        "kpis.yaml",
        "measured_by: sales-report   # the weekly",
        "measured_by: order   # the weekly",
    );
    let per_order = (
        "artifacts.yaml",
        "kind: form\n",
        "kind: form\n    frequency: per-event\n",
    );
    for (edits, printed) in [(vec![measured, per_order], false), (vec![measured], true)] {
        let model = quickstart_with(&edits);
        let out = TempDir::new().unwrap();
        let outcome = build(model.path(), out.path(), &[]);
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
        let order = text_of(&page(out.path(), "forms/order.html"));
        assert_eq!(
            order.contains("Target: orders received by 14:00"),
            printed,
            "{order}"
        );
    }
}
