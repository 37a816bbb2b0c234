//! The document register: what identifies each document of the pack on paper (its code,
//! title, version, date, owner and approver), so every page can print them in its stamp
//! and running header, and the index and the workbook can list them all.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Language;
use crate::resolve::{Resolved, RoleId};
use crate::views::links::{Linker, RoleLink};
use crate::views::wording::lower_first;

/// The kinds of documents the pack holds, in the order the register lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// The organisation chart: who reports to whom, with the posts of each unit.
    OrgChart,
    /// The responsibility matrix of the whole model.
    Matrix,
    /// A process regulation.
    Regulation,
    /// A job description.
    JobDescription,
    /// A role's checklist.
    Checklist,
    /// A blank form or template of a document.
    Form,
    /// A role's plan/fact form.
    PlanFact,
    /// The motivation policy: every role's pay and indicators.
    Motivation,
}

/// One document of the pack as the register lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Identity {
    /// What sort of document it is.
    pub kind: DocKind,
    /// Its code: the kind's prefix and its number among documents of that kind, «РП-01».
    pub code: String,
    /// Its full title, as the register and the running header print it.
    pub title: String,
    /// Its page, without extension: `processes/deal-work`.
    pub page: String,
    /// The model's version.
    pub version: Option<String>,
    /// The date it takes effect, as the pack's language writes dates.
    pub date: Option<String>,
    /// The role that keeps it up to date.
    pub owner: Option<RoleLink>,
    /// Who approves it.
    pub approver: Approver,
    /// Who keeps it, as the register and the document-control line print it: the owner's
    /// name, or, for a document no role keeps (the top position's own instruction, the
    /// motivation policy), the position that approves it.
    pub keeper: String,
}

impl Identity {
    /// Hands the document to another approver, who then also keeps it when no role does.
    fn approved_by(&mut self, approver: Approver) {
        if self.owner.is_none() {
            self.keeper = approver.position.clone();
        }
        self.approver = approver;
    }
}

/// Who signs a document's approval.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Approver {
    /// The position.
    pub position: String,
    /// The position as running text writes it: «Утвердил (генеральный директор)», "Approved
    /// by (Managing Director)" (Russian lowers a title's first letter, English keeps it).
    pub in_text: String,
    /// The name on the signature line, when the model gives it.
    pub name: Option<String>,
}

impl Approver {
    fn new(position: String, name: Option<String>, language: Language) -> Self {
        let in_text = match language {
            Language::Ru => lower_first(&position),
            Language::En => position.clone(),
        };
        Approver {
            position,
            in_text,
            name,
        }
    }
}

/// Hands out codes and approvers for the documents of one pack.
pub struct Registrar<'a> {
    model: &'a Resolved,
    links: &'a Linker<'a>,
    language: Language,
}

impl<'a> Registrar<'a> {
    /// A registrar for the documents of `model`.
    pub fn new(model: &'a Resolved, links: &'a Linker<'a>) -> Self {
        Registrar {
            model,
            links,
            language: links.language(),
        }
    }

    /// The identity of the `index`-th (from 0) document of `kind`, named `name`.
    pub fn identity(
        &self,
        kind: DocKind,
        index: usize,
        name: &str,
        page: String,
        owner: Option<RoleLink>,
    ) -> Identity {
        let info = self.model.info.as_ref();
        let approver = self.approver();
        Identity {
            kind,
            code: format!("{}-{:02}", self.prefix(kind), index + 1),
            title: self.title(kind, name),
            page,
            version: info.and_then(|i| i.version.clone()),
            date: info
                .and_then(|i| i.date.as_ref())
                .map(|(iso, _)| self.links.date(iso)),
            keeper: owner
                .as_ref()
                .map_or_else(|| approver.position.clone(), |o| o.name.clone()),
            owner,
            approver,
        }
    }

    /// The identity of role `role`'s job description: approved as every document is,
    /// unless that would make the role approve its own instruction.
    pub fn job_description(&self, index: usize, role: RoleId) -> Identity {
        let model_role = self.model.role(role);
        let boss = model_role.reports_to.map(|r| self.links.role(r.target));
        let mut identity = self.identity(
            DocKind::JobDescription,
            index,
            &model_role.name,
            crate::layout::job_description(self.links.files().role(role)),
            boss.clone(),
        );
        self.title_in_genitive(&mut identity, role);
        if same_position(&identity.approver.position, &model_role.name) {
            let position = match boss {
                Some(boss) => boss.name,
                None => self.words().owners.to_owned(),
            };
            identity.approved_by(Approver::new(position, None, self.language));
        }
        identity
    }

    /// The identity of a document of role `role` other than its job description and
    /// plan/fact form (its checklist), owned by `owner`.
    pub fn of_role(
        &self,
        kind: DocKind,
        index: usize,
        role: RoleId,
        page: String,
        owner: Option<RoleLink>,
    ) -> Identity {
        let mut identity = self.identity(kind, index, &self.model.role(role).name, page, owner);
        self.title_in_genitive(&mut identity, role);
        identity
    }

    /// The title of a document of role `role`. Russian titles put the position in the
    /// genitive: «Должностная инструкция телемаркетолога», «Чек-лист коммерческого
    /// директора»; without the model's form the title keeps the colon («Чек-лист:
    /// Коммерческий директор»). A role the model covers only in part (`scope`) gets an
    /// addendum to its own job description, not a job description of its own.
    fn title_in_genitive(&self, identity: &mut Identity, role: RoleId) {
        let words = self.words();
        let model_role = self.model.role(role);
        let kind = match identity.kind {
            DocKind::JobDescription if model_role.has_addendum() => words.addendum,
            DocKind::JobDescription => words.job_description,
            DocKind::Checklist => words.checklist,
            DocKind::PlanFact => words.plan_fact,
            _ => return,
        };
        identity.title = match (self.language, model_role.name_genitive.as_deref()) {
            (Language::Ru, Some(genitive)) => format!("{kind} {genitive}"),
            _ => format!("{kind}: {}", model_role.name),
        };
    }

    /// The identity of role `role`'s plan/fact form, a pay document: drawn up by the
    /// role's superior (its owner) and approved a level above that (a telemarketer's form,
    /// drawn up by the head of sales, is approved by the commercial director), as the
    /// process of motivation runs; at the top of the model, by the pack's approver.
    pub fn plan_fact(&self, index: usize, role: RoleId, page: String) -> Identity {
        let model_role = self.model.role(role);
        let boss = model_role.reports_to.map(|r| r.target);
        let above = boss
            .and_then(|boss| self.model.role(boss).reports_to)
            .map(|above| self.model.role(above.target).name.clone());
        let mut identity = self.identity(
            DocKind::PlanFact,
            index,
            &model_role.name,
            page,
            boss.map(|boss| self.links.role(boss)),
        );
        self.title_in_genitive(&mut identity, role);
        if let Some(position) = above {
            identity.approved_by(Approver::new(position, None, self.language));
        }
        identity
    }

    /// Who approves the pack's documents: the model's `approval`, or the general director.
    fn approver(&self) -> Approver {
        match self.model.info.as_ref().and_then(|i| i.approval.as_ref()) {
            Some(approval) => Approver::new(
                approval.position.clone(),
                approval.name.clone(),
                self.language,
            ),
            None => Approver::new(self.words().director.to_owned(), None, self.language),
        }
    }

    /// The code prefix of `kind`: the model's, or the language's default.
    fn prefix(&self, kind: DocKind) -> String {
        let codes = self.model.info.as_ref().map(|i| &i.codes);
        let own = codes.and_then(|c| match kind {
            DocKind::OrgChart => c.org_chart.clone(),
            DocKind::Matrix => c.matrix.clone(),
            DocKind::Regulation => c.regulation.clone(),
            DocKind::JobDescription => c.job_description.clone(),
            DocKind::Checklist => c.checklist.clone(),
            DocKind::Form => c.form.clone(),
            DocKind::PlanFact => c.plan_fact.clone(),
            DocKind::Motivation => c.motivation.clone(),
        });
        own.unwrap_or_else(|| self.words().prefix(kind).to_owned())
    }

    /// The register's title of a document of `kind` named `name`.
    fn title(&self, kind: DocKind, name: &str) -> String {
        let words = self.words();
        match kind {
            DocKind::OrgChart => words.org_chart.to_owned(),
            DocKind::Matrix => words.matrix.to_owned(),
            DocKind::Regulation => match words.quotes {
                Some((open, close)) => format!("{} {open}{name}{close}", words.regulation),
                None => format!("{}: {name}", words.regulation),
            },
            DocKind::JobDescription => format!("{}: {name}", words.job_description),
            DocKind::Checklist => format!("{}: {name}", words.checklist),
            DocKind::Form => name.to_owned(),
            DocKind::PlanFact => format!("{}: {name}", words.plan_fact),
            DocKind::Motivation => self
                .model
                .info
                .as_ref()
                .and_then(|i| i.motivation_title.clone())
                .unwrap_or_else(|| words.motivation.to_owned()),
        }
    }

    fn words(&self) -> &'static Words {
        match self.language {
            Language::Ru => &RU,
            Language::En => &EN,
        }
    }
}

/// Whether two position titles name the same position, whatever their case and spacing.
pub(crate) fn same_position(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// The words of the register in one language. They are data the views need (a code and
/// a title are part of a document's identity), so they live here rather than among the
/// templates' labels.
struct Words {
    org_chart: &'static str,
    matrix: &'static str,
    regulation: &'static str,
    job_description: &'static str,
    /// The job description of a role the model covers in part.
    addendum: &'static str,
    checklist: &'static str,
    plan_fact: &'static str,
    motivation: &'static str,
    /// The quotes a regulation's title puts its process's name in, as Russian writes an
    /// own name («Регламент процесса «Продажи»»); English follows a colon instead, as its
    /// other titles do ("Standard operating procedure: Sales").
    quotes: Option<(&'static str, &'static str)>,
    /// Who approves when the model does not say.
    director: &'static str,
    /// Who approves the instruction of the head of the organisation.
    owners: &'static str,
    /// Code prefixes, in `DocKind` order.
    prefixes: [&'static str; 8],
}

impl Words {
    fn prefix(&self, kind: DocKind) -> &'static str {
        self.prefixes[kind as usize]
    }
}

const RU: Words = Words {
    org_chart: "Организационная структура",
    matrix: "Матрица ответственности",
    regulation: "Регламент процесса",
    job_description: "Должностная инструкция",
    addendum: "Дополнение к должностной инструкции",
    checklist: "Чек-лист",
    plan_fact: "План-факт выполнения показателей",
    motivation: "Положение о мотивации",
    quotes: Some(("«", "»")),
    director: "Генеральный директор",
    owners: "Общее собрание участников",
    prefixes: ["ОС", "МО", "РП", "ДИ", "ЧЛ", "Ф", "ПФ", "ПМ"],
};

const EN: Words = Words {
    org_chart: "Organisation chart",
    matrix: "Responsibility matrix",
    regulation: "Standard operating procedure",
    job_description: "Job description",
    addendum: "Job description addendum",
    checklist: "Checklist",
    plan_fact: "Monthly performance scorecard",
    motivation: "Bonus scheme",
    quotes: None,
    director: "Managing Director",
    owners: "Board of Directors",
    prefixes: ["ORG", "RM", "SOP", "JD", "CL", "F", "SC", "BON"],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_match_whatever_their_case_and_spacing() {
        assert!(same_position(
            "Генеральный  директор",
            "генеральный директор"
        ));
        assert!(!same_position(
            "Генеральный директор",
            "Коммерческий директор"
        ));
    }
}
