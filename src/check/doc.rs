//! Document rules: what the pack's documents need from the model.

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Rule};
use crate::model::{ArtifactKind, Letter, Level};
use crate::resolve::{ArtifactId, KpiId, ProcessId, RoleId, StepId};

/// A report or form without fields.
pub static FORM_WITHOUT_FIELDS: Rule = Rule {
    name: "doc/form-without-fields",
    default_level: Level::Warning,
    summary: "an artifact of kind report or form without fields (no reporting form can be drawn)",
    explanation: "The documentation pack draws a blank form for every report and form from \
        its `fields`. Without them the employee gets an empty page.\n\n\
        Failing: `{ id: call-report, name: Call report, kind: report }`.\n\n\
        Fix:\n\n```yaml\nfields:\n  - name: Company\n  - { name: Result, type: choice, options: [Interest, Refusal] }\n```",
};

pub fn form_without_fields(cx: &Context, findings: &mut Findings) {
    for (index, artifact) in cx.model.artifacts.iter().enumerate() {
        if matches!(artifact.kind, ArtifactKind::Report | ArtifactKind::Form)
            && artifact.fields.is_empty()
        {
            findings.add(
                Diagnostic::new(
                    &FORM_WITHOUT_FIELDS,
                    artifact.at,
                    format!(
                        "{} `{}` has no fields to draw a blank form from",
                        if artifact.kind == ArtifactKind::Report {
                            "report"
                        } else {
                            "form"
                        },
                        artifact.id
                    ),
                )
                .with_help("list its columns under `fields:`"),
                [Subject::Artifact(ArtifactId(index))],
            );
        }
    }
}

/// The most characters an Excel cell holds, counted as Excel counts them: in UTF-16 units.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A name longer than a spreadsheet cell.
pub static LONG_NAME: Rule = Rule {
    name: "doc/long-name",
    default_level: Level::Warning,
    summary: "a name longer than 32,767 characters, which no spreadsheet cell holds",
    explanation: "Names go into the matrix's Excel workbook, and a cell holds at most \
        32,767 characters; raci.xlsx shows such a name cut short. A name this long is \
        almost always a description pasted into the wrong field.\n\n\
        Failing: a step whose `name` holds a whole instruction.\n\n\
        Fix: a short name, and the text in `description`.",
};

pub fn long_name(cx: &Context, findings: &mut Findings) {
    let model = cx.model;
    let mut check = |kind: &str, id: &str, name: &str, at, subject| {
        let chars = name.encode_utf16().count();
        if chars > MAX_CELL_CHARS {
            findings.add(
                Diagnostic::new(
                    &LONG_NAME,
                    at,
                    format!(
                        "the name of {kind} `{id}` is {chars} characters long; a spreadsheet cell holds {MAX_CELL_CHARS}"
                    ),
                )
                .with_help("keep the name short and move the text into `description`"),
                [subject],
            );
        }
    };
    for (index, role) in model.roles.iter().enumerate() {
        check(
            "role",
            &role.id,
            &role.name,
            role.at,
            Subject::Role(RoleId(index)),
        );
    }
    for (index, artifact) in model.artifacts.iter().enumerate() {
        let subject = Subject::Artifact(ArtifactId(index));
        check(
            "artifact",
            &artifact.id,
            &artifact.name,
            artifact.at,
            subject,
        );
    }
    for (index, kpi) in model.kpis.iter().enumerate() {
        check(
            "indicator",
            &kpi.id,
            &kpi.name,
            kpi.at,
            Subject::Kpi(KpiId(index)),
        );
    }
    for (p, process) in model.processes.iter().enumerate() {
        let subject = Subject::Process(ProcessId(p));
        check("process", &process.id, &process.name, process.at, subject);
        for (index, step) in process.steps.iter().enumerate() {
            let subject = Subject::Step(StepId {
                process: ProcessId(p),
                index,
            });
            check("step", &step.id, &step.name, step.at, subject);
        }
    }
}

/// A position whose job description would list no duties.
pub static ROLE_WITHOUT_DUTIES: Rule = Rule {
    name: "doc/role-without-duties",
    default_level: Level::Warning,
    summary: "an internal role that performs, approves, advises on or supports no step and has no `duties` of its own (its job description would have no duties)",
    explanation: "A job description's duties come from the steps where the role is R, A, C \
        or S, from its own `duties:` and from the controls it carries out. Being informed is \
        not a duty. A role with none of these would get a job description without its main \
        section, which no HR department signs.\n\n\
        Failing:\n\n```yaml\nroles:\n  - id: lawyer\n    name: Юрист\n```\n\n\
        (and the lawyer only informed of steps)\n\n\
        Fix: give it its letters on the steps it works on, or its duties outside the \
        processes:\n\n```yaml\n    duties:\n      - Согласовывать договоры и допсоглашения с клиентами\n```",
};

pub fn role_without_duties(cx: &Context, findings: &mut Findings) {
    let model = cx.model;
    let mut works = vec![false; model.roles.len()];
    for step in cx.all_steps() {
        let raci = &step.raci;
        for reference in raci.r.iter().chain(&raci.a).chain(&raci.c).chain(&raci.s) {
            works[reference.target.0] = true;
        }
        for control in &step.controls {
            works[control.by.target.0] = true;
        }
    }
    for (index, role) in model.roles.iter().enumerate() {
        if !works[index] && !role.external && role.duties.is_empty() {
            findings.add(
                Diagnostic::new(
                    &ROLE_WITHOUT_DUTIES,
                    role.at,
                    format!(
                        "role `{}` has no duties: its job description would have none",
                        role.id
                    ),
                )
                .with_help(
                    "give it its RACI letters on the steps it works on, or list its `duties:`",
                ),
                [Subject::Role(RoleId(index))],
            );
        }
    }
}

/// A duty worded for a letter nobody holds on the step.
pub static UNHELD_DUTY: Rule = Rule {
    name: "doc/unheld-duty",
    default_level: Level::Warning,
    summary: "a step's `duty` words a RACI letter that no role holds on that step (the wording appears in no job description)",
    explanation: "A step's `duty` may word the step for each letter: `R` for the \
        performer, `A` for whoever answers for it, `C` and `S`. A wording for a letter that \
        no role holds on the step (after the process's `defaults`) is printed nowhere: \
        usually the letter was moved to another step, or the wording was meant for \
        another letter.\n\n\
        Failing:\n\n```yaml\n- id: draft\n  name: Подготовить договор\n  duty:\n    C: Согласовывать \
        отступления от типовой формы\n  raci: { R: assistant, A: head }\n```\n\n\
        Fix: give the letter to the role the wording is for (`C: [lawyer]`), or remove the \
        wording.",
};

pub fn unheld_duty(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        let (raci, duty) = (&step.raci, &step.duty);
        let unheld: Vec<&str> = Letter::ALL
            .into_iter()
            .filter(|&letter| duty.get(letter).is_some() && raci.holders(letter).is_empty())
            .map(Letter::as_str)
            .collect();
        if unheld.is_empty() {
            continue;
        }
        findings.add(
            Diagnostic::new(
                &UNHELD_DUTY,
                step.at,
                format!(
                    "step `{}` words a duty for {} {}, which no role holds on it",
                    step.id,
                    if unheld.len() == 1 {
                        "letter"
                    } else {
                        "letters"
                    },
                    unheld.join(", ")
                ),
            )
            .with_help("give the letter to the role the wording is for, or remove the wording"),
            [Subject::Step(id)],
        );
    }
}

/// A step whose approver or adviser gets a generated duty instead of the consultant's words.
pub static UNWORDED_DUTY: Rule = Rule {
    name: "doc/unworded-duty",
    default_level: Level::Info,
    summary: "a step approved (other than by its process's owner), advised on or supported by a role that does not perform it, with no `duty` wording for that letter (its job description reads «утверждать результат шага «…»»)",
    explanation: "A job description lists what its holder approves (A), advises on (C) \
        and supports (S) as duties. Without the step's `duty` wording for that letter, the \
        pack can only write a generic sentence, «утверждать результат шага «Подготовить \
        расчёт и КП»» or \"Approves the result of …\", which an HR department reads as the \
        model's terms rather than a duty. A role that performs the step (R) needs no \
        wording of its own: the performer's duty covers it; nor does the process's owner as \
        A: owning the process, which its job description states, is answering for every \
        step. Decisions are left out: their answer belongs to the step that leads to them.\n\n\
        Failing:\n\n```yaml\n- id: calculate\n  name: Подготовить расчёт и КП\n  raci: { R: \
        assistant, A: manager }\n```\n\n\
        Fix:\n\n```yaml\n  duty:\n    A: проверять и утверждать расчёт и КП до отправки \
        клиенту\n```",
};

pub fn unworded_duty(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        let unworded: Vec<&str> = [Letter::A, Letter::C, Letter::S]
            .into_iter()
            .filter(|&letter| {
                // An outside party has no job description to word it in.
                let needs_wording = |holder: RoleId| {
                    !cx.model.role(holder).external && cx.model.separate_part(id, holder, letter)
                };
                step.duty.get(letter).is_none()
                    && step
                        .raci
                        .holders(letter)
                        .iter()
                        .any(|holder| needs_wording(holder.target))
            })
            .map(Letter::as_str)
            .collect();
        if unworded.is_empty() {
            continue;
        }
        findings.add(
            Diagnostic::new(
                &UNWORDED_DUTY,
                step.at,
                format!(
                    "step `{}` has no duty wording for {} {}: the job descriptions will read a generated sentence",
                    step.id,
                    if unworded.len() == 1 { "letter" } else { "letters" },
                    unworded.join(", ")
                ),
            )
            .with_help(format!(
                "word the duty for the job description: `duty: {{ {}: … }}`",
                unworded[0]
            )),
            [Subject::Step(id)],
        );
    }
}

/// A process whose passport lacks its purpose, trigger or result.
pub static INCOMPLETE_PASSPORT: Rule = Rule {
    name: "doc/incomplete-passport",
    default_level: Level::Info,
    summary: "a process without `purpose`, `trigger` or `result`, which its regulation's passport shows",
    explanation: "A regulation opens with the process's passport: what it is for, what \
        starts it and what it delivers. A passport with a row missing reads as unfinished.\n\n\
        Failing: a process with `purpose` but no `trigger` or `result`.\n\n\
        Fix:\n\n```yaml\n    trigger: Поступил заказ клиента\n    result: Оплата получена, заявка на отгрузку передана на склад\n```",
};

pub fn incomplete_passport(cx: &Context, findings: &mut Findings) {
    for (index, process) in cx.model.processes.iter().enumerate() {
        let missing = unset([
            ("purpose", &process.purpose),
            ("trigger", &process.trigger),
            ("result", &process.result),
        ]);
        if !missing.is_empty() {
            findings.add(
                Diagnostic::new(
                    &INCOMPLETE_PASSPORT,
                    process.at,
                    format!(
                        "process `{}` has no {}: its regulation's passport would lack {}",
                        process.id,
                        quoted(&missing, ", "),
                        if missing.len() == 1 {
                            "that row"
                        } else {
                            "those rows"
                        }
                    ),
                )
                .with_help("say what the process is for, what starts it and what it delivers"),
                [Subject::Process(ProcessId(index))],
            );
        }
    }
}

/// An artifact without a description.
pub static MISSING_DESCRIPTION: Rule = Rule {
    name: "doc/missing-description",
    default_level: Level::Info,
    summary: "an artifact without `description`: the document register and its form would not say what it is for",
    explanation: "The pack's list of documents and each blank form or template say what the \
        document contains and what it is for. Without a description that column is empty.\n\n\
        Failing: `{ id: kp, name: Коммерческое предложение, kind: document }`.\n\n\
        Fix: `description: Предложение клиенту с ценами, сроками и условиями поставки.`",
};

pub fn missing_description(cx: &Context, findings: &mut Findings) {
    for (index, artifact) in cx.model.artifacts.iter().enumerate() {
        if artifact.description.is_none() {
            findings.add(
                Diagnostic::new(
                    &MISSING_DESCRIPTION,
                    artifact.at,
                    format!("artifact `{}` has no description", artifact.id),
                )
                .with_help("add `description:` with what the document contains and what it is for"),
                [Subject::Artifact(ArtifactId(index))],
            );
        }
    }
}

/// A role of a Russian model without the cases its documents need.
pub static MISSING_CASE: Rule = Rule {
    name: "doc/missing-case",
    default_level: Level::Info,
    summary: "in a Russian model, a role without `name_genitive` or `name_dative` (titles and reporting lines need them)",
    explanation: "Russian documents decline position titles: «Должностная инструкция \
        телемаркетолога» (genitive), «Подчиняется непосредственно руководителю отдела продаж» \
        (dative). A free-form title cannot be declined by rule, so the model gives the forms; \
        without them the documents fall back to phrasings that keep the nominative \
        («Непосредственный руководитель: Руководитель отдела продаж»), which read less well.\n\n\
        Failing: `{ id: telemarketer, name: Телемаркетолог }` in a model with `language: ru`.\n\n\
        Fix:\n\n```yaml\nname_genitive: телемаркетолога\nname_dative: телемаркетологу\n```",
};

pub fn missing_case(cx: &Context, findings: &mut Findings) {
    if cx.model.language() != crate::model::Language::Ru {
        return;
    }
    for (index, role) in cx.model.roles.iter().enumerate() {
        let missing = unset([
            ("name_genitive", &role.name_genitive),
            ("name_dative", &role.name_dative),
        ]);
        if !role.external && !missing.is_empty() {
            findings.add(
                Diagnostic::new(
                    &MISSING_CASE,
                    role.at,
                    format!("role `{}` has no {}", role.id, quoted(&missing, " or ")),
                )
                .with_help("give the title's forms: «Должностная инструкция …» takes the genitive, «Подчиняется непосредственно …» the dative"),
                [Subject::Role(RoleId(index))],
            );
        }
    }
}

/// The names of the optional fields that are not set.
fn unset<'a, const N: usize>(fields: [(&'a str, &Option<String>); N]) -> Vec<&'a str> {
    fields
        .into_iter()
        .filter(|(_, value)| value.is_none())
        .map(|(field, _)| field)
        .collect()
}

/// Field names as a message writes them: `` `purpose`, `trigger` ``.
fn quoted(fields: &[&str], separator: &str) -> String {
    fields
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(separator)
}
