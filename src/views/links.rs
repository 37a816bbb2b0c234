//! Links: how one view names another element, with what a page needs to link to it.
//!
//! Every view refers to roles, documents, processes and steps through these small structs,
//! so a template can print a name and build a link without looking anything up.

use serde::Serialize;

use crate::layout;
use crate::model::{ArtifactKind, Language};
use crate::resolve::{Artifact, ArtifactId, FileNames, Info, ProcessId, Resolved, RoleId, StepId};

/// A role as another view shows it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct RoleLink {
    /// The role's id.
    pub id: String,
    /// Its file stem: its job description is `roles/FILE.html`.
    pub file: String,
    /// Its title.
    pub name: String,
    /// Whether it is outside the organisation (no job description to link to).
    pub external: bool,
    /// Its job description's page, from the pack's top folder without extension
    /// (`roles/FILE`); none for an outside party.
    pub page: Option<String>,
}

/// A document or information object as another view shows it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ArtifactLink {
    /// The artifact's id.
    pub id: String,
    /// Its file stem: its blank form, when it has one, is `forms/FILE.html`.
    pub file: String,
    /// Its name.
    pub name: String,
    /// Whether the pack has a page for it: a blank form (reports and forms) or a template
    /// page (the organisation's own documents and contracts).
    pub form: bool,
    /// The act that sets its form, when the law does and the pack makes no blank.
    pub statutory: Option<String>,
    /// Its page (`forms/FILE`), when it has one.
    pub page: Option<String>,
}

/// A process as another view shows it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ProcessLink {
    /// The process's id.
    pub id: String,
    /// Its file stem: its regulation is `processes/FILE.html`.
    pub file: String,
    /// Its name.
    pub name: String,
    /// Its regulation's page (`processes/FILE`).
    pub page: String,
}

/// A step as another view shows it: with its process and its number in the regulation.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct StepLink {
    /// The process the step belongs to.
    pub process: ProcessLink,
    /// The step's id: its anchor in the regulation is `step-ID`.
    pub id: String,
    /// The step's number in the regulation, from 1, in flow order.
    pub number: usize,
    /// What is done.
    pub name: String,
}

/// Whether the pack has a page for an artifact: a blank form for every report and form,
/// and for a document or contract the organisation draws up itself when the model gives
/// its fields. A document without fields (a contract on the organisation's standard
/// template, an invoice from the accounting system) has no blank to establish: an album
/// of forms does not print a page saying so, and the regulations name it without a code.
/// Records, data and messages live in systems and need no paper, and a form the law sets
/// (`statutory`) is not the organisation's to draw.
fn has_form(artifact: &Artifact) -> bool {
    if artifact.statutory.is_some() {
        return false;
    }
    match artifact.kind {
        ArtifactKind::Report | ArtifactKind::Form => true,
        ArtifactKind::Document | ArtifactKind::Contract => {
            !artifact.external && !artifact.fields.is_empty()
        }
        ArtifactKind::Record
        | ArtifactKind::Script
        | ArtifactKind::Data
        | ArtifactKind::Message => false,
    }
}

/// Makes links from the resolved model; knows each step's number in its regulation.
pub struct Linker<'a> {
    model: &'a Resolved,
    /// `numbers[process][step]`: the step's number in flow order; 0 for a decision written
    /// as a condition of the step before it, which has none.
    numbers: Vec<Vec<usize>>,
    /// Each element's file in the pack.
    files: FileNames,
    /// The language the pack is written in.
    language: Language,
}

impl<'a> Linker<'a> {
    /// A linker over `model`, numbering each process's steps in the order given: `orders`
    /// holds every step but the bare decisions (`Process::bare_decisions`), which have no
    /// number.
    pub fn new(model: &'a Resolved, orders: &[Vec<usize>], language: Language) -> Self {
        let numbers = orders
            .iter()
            .zip(&model.processes)
            .map(|(order, process)| {
                let mut numbers = vec![0; process.steps.len()];
                for (position, &index) in order.iter().enumerate() {
                    numbers[index] = position + 1;
                }
                numbers
            })
            .collect();
        Linker {
            model,
            numbers,
            files: FileNames::of(model),
            language,
        }
    }

    /// The language the pack is written in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The language the model's own texts are written in (its unit forms follow its
    /// grammar), whatever language the pack's labels are in.
    pub fn model_language(&self) -> Language {
        self.model
            .info
            .as_ref()
            .map_or(self.language, |i| i.language)
    }

    /// Working days in a month, for plans converted to a month.
    pub fn days_per_month(&self) -> f64 {
        f64::from(
            self.model
                .info
                .as_ref()
                .map_or(Info::DAYS_PER_MONTH, |i| i.days_per_month),
        )
    }

    /// The currency pay is written in, when the model gives one, and where it stands
    /// against an amount.
    pub fn currency(&self) -> (Option<String>, crate::views::indicator::UnitPlace) {
        let currency = self.model.info.as_ref().and_then(|i| i.currency.clone());
        let place = currency
            .as_deref()
            .map_or(crate::views::indicator::UnitPlace::After, |c| {
                crate::views::indicator::UnitPlace::of(c, self.language)
            });
        (currency, place)
    }

    /// A whole month of the model's calendar, as the pack's plans assume it.
    pub fn month(&self) -> crate::score::Days {
        crate::score::Days::of(self.model, crate::model::Period::Month, None)
    }

    /// The cap of `kpi`, in percent of its plan, as `raciflow score` applies it.
    pub fn cap(&self, kpi: &crate::resolve::Kpi) -> Option<f64> {
        kpi.role.map(|role| self.model.cap(kpi, role.target))
    }

    /// The cap, in percent of the plan, of `role`'s indicators that set none of their own.
    pub fn role_cap(&self, role: RoleId) -> f64 {
        self.model.role_cap(role)
    }

    /// A model date (`2026-12-31`) as the pack's language writes it.
    pub fn date(&self, iso: &str) -> String {
        crate::views::date::written(iso, self.language)
    }

    /// The file stem of every role, artifact and process.
    pub fn files(&self) -> &FileNames {
        &self.files
    }

    /// A role's link.
    pub fn role(&self, id: RoleId) -> RoleLink {
        let role = self.model.role(id);
        let file = self.files.role(id);
        RoleLink {
            id: role.id.clone(),
            file: file.to_owned(),
            name: role.name.clone(),
            external: role.external,
            page: (!role.external).then(|| layout::job_description(file)),
        }
    }

    /// The links of the roles a list of references points at, in the order written.
    pub fn roles<'r>(
        &self,
        refs: impl IntoIterator<Item = &'r crate::resolve::Ref<RoleId>>,
    ) -> Vec<RoleLink> {
        refs.into_iter().map(|r| self.role(r.target)).collect()
    }

    /// An artifact's link.
    pub fn artifact(&self, id: ArtifactId) -> ArtifactLink {
        let artifact = self.model.artifact(id);
        let file = self.files.artifact(id);
        let form = has_form(artifact);
        ArtifactLink {
            id: artifact.id.clone(),
            file: file.to_owned(),
            name: artifact.name.clone(),
            form,
            statutory: artifact.statutory.clone(),
            page: form.then(|| layout::form(file)),
        }
    }

    /// The links of the artifacts a list of references points at, in the order written.
    pub fn artifacts<'r>(
        &self,
        refs: impl IntoIterator<Item = &'r crate::resolve::Ref<ArtifactId>>,
    ) -> Vec<ArtifactLink> {
        refs.into_iter().map(|r| self.artifact(r.target)).collect()
    }

    /// A process's link.
    pub fn process(&self, id: ProcessId) -> ProcessLink {
        let process = self.model.process(id);
        let file = self.files.process(id);
        ProcessLink {
            id: process.id.clone(),
            file: file.to_owned(),
            name: process.name.clone(),
            page: layout::regulation(file),
        }
    }

    /// A step's number in its regulation.
    pub fn number(&self, id: StepId) -> usize {
        self.numbers[id.process.0][id.index]
    }

    /// Whether the step is a decision the documents write as a condition of the step
    /// before it (`Process::bare_decisions`): the one kind of step without a number.
    pub fn is_condition(&self, id: StepId) -> bool {
        self.number(id) == 0
    }

    /// A step's link.
    pub fn step(&self, id: StepId) -> StepLink {
        let step = self.model.step(id);
        StepLink {
            process: self.process(id.process),
            id: step.id.clone(),
            number: self.number(id),
            name: step.name.clone(),
        }
    }
}
