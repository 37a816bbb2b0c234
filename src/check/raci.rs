//! RACI rules: who does, who answers for, who is asked and who is told.

use crate::check::{Context, Findings, Subject};
use crate::diag::{Diagnostic, Rule};
use crate::model::Level;
use crate::resolve::{ProcessId, RoleId};

/// A step nobody does.
pub static NO_RESPONSIBLE: Rule = Rule {
    name: "raci/no-responsible",
    default_level: Level::Error,
    summary: "a step with no R",
    explanation: "Every step needs at least one role that does the work (R), or it lands in no \
        job description and no checklist. The process's `defaults` count.\n\n\
        Failing: `raci: { A: head-of-sales }`.\n\n\
        Fix: `raci: { R: sales-manager, A: head-of-sales }`.",
};

/// A step with no A or more than one.
pub static ACCOUNTABLE_COUNT: Rule = Rule {
    name: "raci/accountable-count",
    default_level: Level::Error,
    summary: "a step with no A or with more than one A (after `defaults`)",
    explanation: "Exactly one role answers for each step's result (A): the one who signs it \
        off. Two A's is the most common RACI mistake: when both answer, neither does.\n\n\
        Failing: `raci: { R: clerk, A: [head-of-sales, commercial-director] }`.\n\n\
        Fix: keep one A; the other is usually C (consulted) or I (informed). Set `defaults: \
        { A: … }` on the process to give every step the same A.",
};

/// One role with two letters where one implies the other.
pub static REDUNDANT_LETTERS: Rule = Rule {
    name: "raci/redundant-letters",
    default_level: Level::Warning,
    summary: "one role with two letters on one step where one implies the other (C and I, R and I, A and I)",
    explanation: "A role that does the work (R), answers for it (A) or is consulted before it \
        (C) knows about it: informing it as well (I) adds nothing and clutters the matrix.\n\n\
        Failing: `raci: { R: clerk, A: boss, I: [clerk] }`.\n\n\
        Fix: remove the role from `I`.",
};

/// A role that takes part in nothing.
pub static UNUSED_ROLE: Rule = Rule {
    name: "raci/unused-role",
    default_level: Level::Warning,
    summary: "an internal role with no letter on any step, no KPI and no process it owns",
    explanation: "A position that does, approves, is consulted on or is informed of no step, \
        owns no process and has no indicator would get an empty job description. It is \
        usually a role whose steps are not modelled yet, or a leftover.\n\n\
        Failing: `{ id: intern, name: Intern }` in `roles:`, and `intern` nowhere else.\n\n\
        Fix: give it its letters, or remove it.",
};

/// A role that is A or R on too many steps.
pub static OVERLOADED_ROLE: Rule = Rule {
    name: "raci/overloaded-role",
    default_level: Level::Warning,
    summary: "a role that is A on more than `max_accountable` steps (default 25) or R on more than `max_responsible` (default 40)",
    explanation: "A role accountable for too many steps becomes a bottleneck and cannot \
        really answer for all of them; one responsible for too many has a job description no \
        one can hold. Failing: the head of sales is A on all 30 steps of the department. \
        The limits are parameters:\n\n\
        ```yaml\nrules:\n  raci/overloaded-role: { level: warning, max_accountable: 30, max_responsible: 50 }\n```\n\n\
        Fix: make the performer accountable for routine steps, or split the role.",
};

/// An external party as A or owner.
pub static EXTERNAL_ACCOUNTABLE: Rule = Rule {
    name: "raci/external-accountable",
    default_level: Level::Error,
    summary: "an external party (the client) as A or as process owner",
    explanation: "The organisation cannot hold a client or a supplier accountable for its \
        steps, nor make one own its process. External parties are C or I (the client \
        agrees, the client is informed).\n\n\
        Failing: `raci: { R: sales-manager, A: client }`.\n\n\
        Fix: `raci: { R: sales-manager, A: sales-manager, C: [client] }`.",
};

pub fn no_responsible(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        if step.raci.r.is_empty() {
            findings.add(
                Diagnostic::new(&NO_RESPONSIBLE, step.at, format!("step `{}` has no R: nobody does it", step.id))
                    .with_help("add `R:` with the role that does the work, on the step or in the process's `defaults`"),
                [Subject::Step(id)],
            );
        }
    }
}

pub fn accountable_count(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        match step.raci.a.as_slice() {
            [_] => {}
            [] => findings.add(
                Diagnostic::new(&ACCOUNTABLE_COUNT, step.at, format!("step `{}` has no A: nobody answers for it", step.id))
                    .with_help("add `A:` with the one role that signs the result off, on the step or in the process's `defaults`"),
                [Subject::Step(id)],
            ),
            [first, rest @ ..] => {
                let mut diagnostic = Diagnostic::new(
                    &ACCOUNTABLE_COUNT,
                    rest[0].at,
                    format!("step `{}` has {} A's; exactly one role answers for a step", step.id, rest.len() + 1),
                )
                .with_related(first.at, "the first A");
                for other in &rest[1..] {
                    diagnostic = diagnostic.with_related(other.at, "another A");
                }
                findings.add(
                    diagnostic.with_help("keep one A; make the others C (consulted) or I (informed)"),
                    [Subject::Step(id)],
                );
            }
        }
    }
}

pub fn redundant_letters(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        let raci = &step.raci;
        for informed in &raci.i {
            let stronger = [("R", &raci.r), ("A", &raci.a), ("C", &raci.c)]
                .into_iter()
                .find(|(_, letter)| letter.iter().any(|r| r.target == informed.target));
            if let Some((letter, _)) = stronger {
                let role = &cx.model.role(informed.target).id;
                findings.add(
                    Diagnostic::new(
                        &REDUNDANT_LETTERS,
                        informed.at,
                        format!("`{role}` is both {letter} and I on step `{}`; {letter} implies being informed", step.id),
                    )
                    .with_help(format!("remove `{role}` from I")),
                    [Subject::Step(id), Subject::Role(informed.target)],
                );
            }
        }
    }
}

/// How many steps each role is R on and A on, by role position.
fn letter_counts(cx: &Context) -> (Vec<usize>, Vec<usize>) {
    let mut r = vec![0; cx.model.roles.len()];
    let mut a = vec![0; cx.model.roles.len()];
    for (_, step) in cx.steps() {
        let mut seen_r: Vec<RoleId> = step.raci.r.iter().map(|x| x.target).collect();
        seen_r.sort_unstable();
        seen_r.dedup();
        for role in seen_r {
            r[role.0] += 1;
        }
        if let Some(first) = step.raci.a.first() {
            a[first.target.0] += 1;
        }
    }
    (r, a)
}

pub fn unused_role(cx: &Context, findings: &mut Findings) {
    let mut used = vec![false; cx.model.roles.len()];
    for step in cx.all_steps() {
        let raci = &step.raci;
        for reference in raci
            .r
            .iter()
            .chain(&raci.a)
            .chain(&raci.c)
            .chain(&raci.i)
            .chain(&raci.s)
        {
            used[reference.target.0] = true;
        }
    }
    for kpi in &cx.model.kpis {
        if let Some(role) = kpi.role {
            used[role.target.0] = true;
        }
    }
    for process in &cx.model.processes {
        if let Some(owner) = process.owner {
            used[owner.target.0] = true;
        }
    }
    for (index, role) in cx.model.roles.iter().enumerate() {
        if !used[index] && !role.external {
            findings.add(
                Diagnostic::new(
                    &UNUSED_ROLE,
                    role.at,
                    format!(
                        "role `{}` takes part in no step, owns no process and has no indicator",
                        role.id
                    ),
                )
                .with_help("give it its RACI letters, or remove it"),
                [Subject::Role(RoleId(index))],
            );
        }
    }
}

pub fn overloaded_role(cx: &Context, findings: &mut Findings) {
    let (responsible, accountable) = letter_counts(cx);
    let limits = cx.config.overload_limits();
    for (index, role) in cx.model.roles.iter().enumerate() {
        let mut over = Vec::new();
        if accountable[index] > limits.max_accountable {
            over.push(format!(
                "A on {} steps (the limit is {})",
                accountable[index], limits.max_accountable
            ));
        }
        if responsible[index] > limits.max_responsible {
            over.push(format!(
                "R on {} steps (the limit is {})",
                responsible[index], limits.max_responsible
            ));
        }
        if !over.is_empty() {
            findings.add(
                Diagnostic::new(&OVERLOADED_ROLE, role.at, format!("role `{}` is {}", role.id, over.join(" and ")))
                    .with_help("make performers accountable for their routine steps, split the role, or raise the limit in model.yaml `rules:`"),
                [Subject::Role(RoleId(index))],
            );
        }
    }
}

pub fn external_accountable(cx: &Context, findings: &mut Findings) {
    for (id, step) in cx.steps() {
        for accountable in &step.raci.a {
            let role = cx.model.role(accountable.target);
            if role.external {
                findings.add(
                    Diagnostic::new(&EXTERNAL_ACCOUNTABLE, accountable.at, format!("external party `{}` is A on step `{}`", role.id, step.id))
                        .with_help("an external party can be consulted (C) or informed (I); make a role of the organisation A"),
                    [Subject::Step(id), Subject::Role(accountable.target)],
                );
            }
        }
    }
    for (p, process) in cx.model.processes.iter().enumerate() {
        if let Some(owner) = process.owner {
            let role = cx.model.role(owner.target);
            if role.external {
                findings.add(
                    Diagnostic::new(
                        &EXTERNAL_ACCOUNTABLE,
                        owner.at,
                        format!("external party `{}` owns process `{}`", role.id, process.id),
                    )
                    .with_help("a process is owned by a role of the organisation"),
                    [Subject::Process(ProcessId(p)), Subject::Role(owner.target)],
                );
            }
        }
    }
}
