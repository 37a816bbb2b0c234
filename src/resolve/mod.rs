//! Resolving: one pass that indexes every element by kind and id, checks ids, and turns
//! every reference into a typed handle.
//!
//! Duplicate ids are reported with both places; unknown references with the closest id of
//! the right kind, or a note when the id names an element of another kind.

mod file_names;
mod id_rule;
mod index;
mod resolved;

use crate::diag::{Diagnostic, FileId, Location};
use crate::load::{KnownInFailed, Loaded};
use crate::model::{self, DutyWording, Level, ModelFile, Span, Spanned, StepKind};
use crate::suggest::did_you_mean;

pub use file_names::{FileNames, stable_hash};
pub use id_rule::{MAX_ID_CHARS, id_problem};
pub use index::Index;
pub use resolved::*;

/// An id that breaks the identifier rule.
pub static INVALID_ID: crate::diag::Rule = crate::diag::Rule {
    name: "invalid-id",
    default_level: Level::Error,
    summary: "an id that breaks the identifier rule, or `end` used as a step id",
    explanation: "Ids become file names in the documentation pack (`roles/telemarketer.html`), \
        so they are restricted: 1 to 64 characters; letters of any script, digits, `-` and \
        `_`; starting with a letter or a digit; no spaces, dots, slashes or invisible \
        characters, and not a Windows device name such as `con`. `end` is reserved as the \
        target that ends a process and cannot be a step id.\n\n\
        Failing:\n\n```yaml\nroles:\n  - id: head of sales\n```\n\n\
        Fix: `id: head-of-sales` (the `name` holds the title with spaces).",
};

/// Two elements of one kind with one id.
pub static DUPLICATE_ID: crate::diag::Rule = crate::diag::Rule {
    name: "duplicate-id",
    default_level: Level::Error,
    summary: "two elements of one kind with one id (both locations)",
    explanation: "Ids are unique within their kind (a role and a process may share one), and \
        step ids within their process, across all files of the model. Neither definition \
        wins silently: both places are shown. Ids that differ only in letter case are \
        reported too, since their pack files would collide on Windows and macOS.\n\n\
        Failing: `id: approve` on a role in roles.yaml and on another role in team.yaml.\n\n\
        Fix: rename one of them, or delete the copy.",
};

/// A reference to an element that does not exist.
pub static UNKNOWN_REFERENCE: crate::diag::Rule = crate::diag::Rule {
    name: "unknown-reference",
    default_level: Level::Error,
    summary: "a reference to a role, artifact, process, KPI, step or rule that does not exist (with did-you-mean)",
    explanation: "Every id used as a reference (RACI letters, `inputs`, `outputs`, `next`, \
        `from`, `to`, `owner`, `reports_to`, `deputy`, a KPI's `role` and `measured_by`, a control's \
        `by`, a subprocess's `process`, a rule name in `rules:` or `allow:`) must name an \
        element of the right kind. The closest existing id is suggested.\n\n\
        Failing:\n\n```yaml\nraci: { R: telemarketr }\n```\n\n\
        Fix: `R: telemarketer`.",
};

/// What resolving gave: the resolved model and the problems found.
#[derive(Debug)]
pub struct Resolution {
    /// The resolved model.
    pub model: Resolved,
    /// Invalid ids, duplicates and unknown references.
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves a loaded model.
pub fn resolve(loaded: &Loaded) -> Resolution {
    let mut resolver = Resolver::new(loaded);
    let model = resolver.run(&loaded.files);
    resolver.report_unknown();
    Resolution {
        model,
        diagnostics: resolver.diagnostics,
    }
}

struct Resolver<'a> {
    /// For each kind, in definition order, whether the element is a first definition.
    kept: [Vec<bool>; 4],
    /// References that did not resolve so far; a process or indicator with one is
    /// incomplete, and rules that would only report its consequences skip it.
    unresolved: usize,
    roles: Index,
    artifacts: Index,
    kpis: Index,
    processes: Index,
    known_in_failed: &'a KnownInFailed,
    /// The ids of the roles outside the organisation (`external: true`).
    external_roles: std::collections::BTreeSet<String>,
    /// Files that could not be read: an unknown id may be defined there.
    unreadable: &'a [FileId],
    /// Files read in part: an unknown id may be defined in an element left out.
    partly_read: &'a [FileId],
    /// Unknown references, one entry per kind and id, in the order first met: each is
    /// reported once, with every place it is used.
    unknown: Vec<Unknown>,
    diagnostics: Vec<Diagnostic>,
}

/// How many further uses of an unknown id are listed under its report.
const MAX_PLACES_SHOWN: usize = 5;

/// An id that names nothing, and where it is used.
struct Unknown {
    /// What it should name (`role`, `step in process `p``), for grouping.
    what: String,
    id: String,
    message: String,
    help: Option<String>,
    places: Vec<Location>,
}

/// The kinds of element a reference can name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Role = 0,
    Artifact = 1,
    Kpi = 2,
    Process = 3,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::Artifact => "artifact",
            Kind::Kpi => "indicator",
            Kind::Process => "process",
        }
    }
}

fn at(file: FileId, span: Span) -> Location {
    Location { file, span }
}

/// A number of the model with where it is written.
fn located(file: FileId, number: &Option<Spanned<model::Number>>) -> Option<LocatedNumber> {
    number.as_ref().map(|n| LocatedNumber {
        value: n.value.0,
        at: at(file, n.span),
    })
}

impl<'a> Resolver<'a> {
    fn new(loaded: &'a Loaded) -> Self {
        Resolver {
            kept: Default::default(),
            unresolved: 0,
            roles: Index::default(),
            artifacts: Index::default(),
            kpis: Index::default(),
            processes: Index::default(),
            known_in_failed: &loaded.known_in_failed,
            external_roles: Default::default(),
            unreadable: &loaded.unreadable,
            partly_read: &loaded.partly_read,
            unknown: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn run(&mut self, files: &[(FileId, ModelFile)]) -> Resolved {
        self.index_all(files);
        let mut resolved = Resolved::default();
        let kept = std::mem::take(&mut self.kept);
        let [mut roles, mut artifacts, mut kpis, mut processes] =
            kept.map(|flags| flags.into_iter());
        for (file, content) in files {
            let file = *file;
            if let Some(info) = &content.model {
                resolved.info = Some(self.info(file, info));
            }
            if let Some(rules) = &content.rules {
                resolved
                    .rule_settings
                    .extend(rules.value.0.iter().map(|(name, setting)| RuleEntry {
                        name: name.value.clone(),
                        at: at(file, name.span),
                        setting: setting.clone(),
                    }));
            }
            for role in &content.roles {
                if roles.next().unwrap_or(false) {
                    let resolved_role = self.role(file, role);
                    resolved.roles.push(resolved_role);
                }
            }
            for artifact in &content.artifacts {
                if artifacts.next().unwrap_or(false) {
                    resolved.artifacts.push(artifact_of(file, artifact));
                }
            }
            for kpi in &content.kpis {
                if kpis.next().unwrap_or(false) {
                    let resolved_kpi = self.kpi(file, kpi);
                    resolved.kpis.push(resolved_kpi);
                }
            }
            for process in &content.processes {
                if processes.next().unwrap_or(false) {
                    let resolved_process = self.process(file, process);
                    resolved.processes.push(resolved_process);
                }
            }
        }
        resolved
    }

    fn index_all(&mut self, files: &[(FileId, ModelFile)]) {
        for (file, content) in files {
            if let Some(info) = &content.model {
                self.check_id(*file, &info.value.id);
            }
            for role in &content.roles {
                self.add(Kind::Role, *file, &role.id, &role.name);
                if role.external {
                    self.external_roles.insert(role.id.value.clone());
                }
            }
            for artifact in &content.artifacts {
                self.add(Kind::Artifact, *file, &artifact.id, &artifact.name);
            }
            for kpi in &content.kpis {
                self.add(Kind::Kpi, *file, &kpi.id, &kpi.name);
            }
            for process in &content.processes {
                self.add(Kind::Process, *file, &process.id, &process.name);
            }
        }
    }

    fn index(&mut self, kind: Kind) -> &mut Index {
        match kind {
            Kind::Role => &mut self.roles,
            Kind::Artifact => &mut self.artifacts,
            Kind::Kpi => &mut self.kpis,
            Kind::Process => &mut self.processes,
        }
    }

    fn add(&mut self, kind: Kind, file: FileId, id: &Spanned<String>, name: &str) {
        self.check_id(file, id);
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        let index = self.index(kind);
        let first = index.insert(kind.noun(), &id.value, at(file, id.span), &mut diagnostics);
        if first {
            index.name(index.len() - 1, name);
        }
        self.diagnostics = diagnostics;
        self.kept[kind as usize].push(first);
    }

    fn check_id(&mut self, file: FileId, id: &Spanned<String>) {
        if let Some(problem) = id_problem(&id.value) {
            self.diagnostics
                .push(Diagnostic::new(&INVALID_ID, at(file, id.span), problem));
        }
    }

    fn known_failed(&self, kind: Kind, id: &str) -> bool {
        let known = self.known_in_failed;
        match kind {
            Kind::Role => known.roles.iter().any(|k| k == id),
            Kind::Artifact => known.artifacts.iter().any(|k| k == id),
            Kind::Kpi => known.kpis.iter().any(|k| k == id),
            Kind::Process => known.processes.iter().any(|(k, _)| k == id),
        }
    }

    /// Resolves a reference to an element of `kind`, reporting it when unknown.
    fn lookup(&mut self, kind: Kind, file: FileId, reference: &Spanned<String>) -> Option<usize> {
        let id = reference.value.as_str();
        if let Some(found) = self.index(kind).get(id) {
            return Some(found);
        }
        self.unresolved += 1;
        if self.known_failed(kind, id) {
            return None;
        }
        let named = self.index(kind).id_named(id).map(|found| {
            format!(
                "`{id}` is the name of {} `{found}`: references use the id",
                kind.noun()
            )
        });
        let help = named
            .or_else(|| did_you_mean(id, self.index(kind).ids()))
            .or_else(|| {
                [Kind::Role, Kind::Artifact, Kind::Kpi, Kind::Process]
                    .into_iter()
                    .find(|other| *other != kind && self.index(*other).get(id).is_some())
                    .map(|other| {
                        format!(
                            "`{id}` is {} {}, not {} {}",
                            article(other.noun()),
                            other.noun(),
                            article(kind.noun()),
                            kind.noun()
                        )
                    })
            });
        self.unknown_at(kind.noun(), id, at(file, reference.span), || {
            (format!("unknown {} `{id}`", kind.noun()), help)
        });
        None
    }

    /// Records a use of an unknown id; `describe` gives the message and help the first
    /// time.
    fn unknown_at(
        &mut self,
        what: &str,
        id: &str,
        place: Location,
        describe: impl FnOnce() -> (String, Option<String>),
    ) {
        if let Some(known) = self
            .unknown
            .iter_mut()
            .find(|u| u.what == what && u.id == id)
        {
            // `defaults` lends one written reference to many steps: one place, once.
            if !known.places.contains(&place) {
                known.places.push(place);
            }
            return;
        }
        let (message, help) = describe();
        self.unknown.push(Unknown {
            what: what.to_owned(),
            id: id.to_owned(),
            message,
            help,
            places: vec![place],
        });
    }

    /// Reports each unknown id once, at its first use, with its other uses and the files
    /// that could not be read (where it may be defined) as related places.
    fn report_unknown(&mut self) {
        for unknown in std::mem::take(&mut self.unknown) {
            let count = unknown.places.len();
            let mut places = unknown.places.into_iter();
            let Some(first) = places.next() else {
                continue;
            };
            let message = if count > 1 + MAX_PLACES_SHOWN {
                format!("{} (used in {count} places)", unknown.message)
            } else {
                unknown.message
            };
            let mut diagnostic = Diagnostic::new(&UNKNOWN_REFERENCE, first, message)
                .with_optional_help(unknown.help);
            for place in places.take(MAX_PLACES_SHOWN) {
                diagnostic =
                    diagnostic.with_related(place, format!("`{}` is used here too", unknown.id));
            }
            let broken = [
                (
                    self.unreadable,
                    "this file could not be read; `{}` may be defined in it",
                ),
                (
                    self.partly_read,
                    "this file has errors and what they are in was left out; `{}` may be defined there",
                ),
            ];
            for (files, message) in broken {
                for &file in files {
                    diagnostic = diagnostic
                        .with_related(Location::file(file), message.replace("{}", &unknown.id));
                }
            }
            self.diagnostics.push(diagnostic);
        }
    }

    fn reference<T>(
        &mut self,
        kind: Kind,
        file: FileId,
        reference: &Spanned<String>,
        handle: fn(usize) -> T,
    ) -> Option<Ref<T>> {
        self.lookup(kind, file, reference).map(|found| Ref {
            target: handle(found),
            at: at(file, reference.span),
        })
    }

    /// The processes and external parties a process's `from:` or `to:` names. A process
    /// hands documents to processes and to parties outside the organisation (the
    /// customer), never to a position inside it: that hand-off is a step's.
    fn counterparts<'s>(
        &mut self,
        file: FileId,
        ids: impl Iterator<Item = &'s Spanned<String>>,
    ) -> (Vec<Ref<ProcessId>>, Vec<Ref<RoleId>>) {
        let (mut processes, mut parties) = (Vec::new(), Vec::new());
        for id in ids {
            if self.processes.get(&id.value).is_none()
                && let Some(role) = self.roles.get(&id.value)
            {
                if self.external_roles.contains(&id.value) {
                    parties.push(Ref {
                        target: RoleId(role),
                        at: at(file, id.span),
                    });
                } else {
                    self.unresolved += 1;
                    self.diagnostics.push(
                        Diagnostic::new(
                            &UNKNOWN_REFERENCE,
                            at(file, id.span),
                            format!("`{}` is a position inside the organisation, not a process or an external party", id.value),
                        )
                        .with_help("name the process that receives the document, or a role with `external: true` (the customer); a hand-off to a colleague is a step's output and the next step's input"),
                    );
                }
                continue;
            }
            processes.extend(self.process_ref(file, id));
        }
        (processes, parties)
    }

    fn role_ref(&mut self, file: FileId, reference: &Spanned<String>) -> Option<Ref<RoleId>> {
        self.reference(Kind::Role, file, reference, RoleId)
    }

    fn artifact_ref(
        &mut self,
        file: FileId,
        reference: &Spanned<String>,
    ) -> Option<Ref<ArtifactId>> {
        self.reference(Kind::Artifact, file, reference, ArtifactId)
    }

    fn process_ref(&mut self, file: FileId, reference: &Spanned<String>) -> Option<Ref<ProcessId>> {
        self.reference(Kind::Process, file, reference, ProcessId)
    }

    /// One RACI letter of a step: the step's own roles, or else the process's defaults.
    fn letter(
        &mut self,
        file: FileId,
        own: &Option<model::IdList>,
        default: &Option<model::IdList>,
    ) -> Vec<Ref<RoleId>> {
        own.as_ref()
            .or(default.as_ref())
            .into_iter()
            .flat_map(model::IdList::iter)
            .filter_map(|id| self.role_ref(file, id))
            .collect()
    }

    fn info(&mut self, file: FileId, info: &Spanned<model::ModelInfo>) -> Info {
        let value = &info.value;
        Info {
            id: value.id.value.clone(),
            at: at(file, info.span),
            name: value.name.clone(),
            client: value.client.clone(),
            version: value.version.clone(),
            language: value.language,
            hours_per_day: value.hours_per_day.map_or(Info::HOURS_PER_DAY, |h| h.0),
            days_per_month: value
                .days_per_month
                .map_or(Info::DAYS_PER_MONTH, |d| d.get()),
            norm_coefficient: value
                .norm_coefficient
                .map_or(Info::NORM_COEFFICIENT, |k| k.0),
            date: value
                .date
                .as_ref()
                .map(|d| (d.value.clone(), at(file, d.span))),
            cap: located(file, &value.motivation.cap),
            currency: value.motivation.currency.clone(),
            motivation_title: value.motivation.title.clone(),
            approval: value.approval.clone(),
            codes: value.codes.clone(),
            glossary: value.glossary.clone(),
            requisites: value.requisites.clone(),
            city: value.city.clone(),
        }
    }

    fn role(&mut self, file: FileId, role: &model::Role) -> Role {
        Role {
            id: role.id.value.clone(),
            at: at(file, role.id.span),
            name: role.name.clone(),
            name_genitive: role.name_genitive.clone(),
            name_dative: role.name_dative.clone(),
            category: role.category,
            department: role.department.clone(),
            reports_to: role
                .reports_to
                .as_ref()
                .and_then(|r| self.role_ref(file, r)),
            deputy: role.deputy.as_ref().and_then(|r| self.role_ref(file, r)),
            headcount: role.headcount.map_or(1, |h| h.get()),
            purpose: role.purpose.clone(),
            scope: role.scope.clone(),
            unit_head: role.unit_head.clone(),
            requirements: role.requirements.clone(),
            knows: role.knows.clone(),
            location: role.location.clone(),
            hours: role.hours.clone(),
            duties: role.duties.clone(),
            rights: role.rights.clone(),
            liability: role.liability.clone(),
            motivation: role.motivation.as_ref().map(|m| Pay {
                salary: located(file, &m.salary),
                bonus: located(file, &m.bonus),
                cap: located(file, &m.cap),
            }),
            external: role.external,
            allow: role.allow.clone(),
        }
    }

    fn kpi(&mut self, file: FileId, kpi: &model::Kpi) -> Kpi {
        let unresolved_before = self.unresolved;
        let role = self.role_ref(file, &kpi.role);
        let measured_by = kpi
            .measured_by
            .as_ref()
            .and_then(|a| self.artifact_ref(file, a));
        Kpi {
            id: kpi.id.value.clone(),
            at: at(file, kpi.id.span),
            name: kpi.name.clone(),
            role,
            complete: self.unresolved == unresolved_before,
            category: kpi.category,
            target: located(file, &kpi.target),
            unit: kpi.unit.clone(),
            period: kpi.period,
            direction: kpi.direction,
            measured_by,
            weight: located(file, &kpi.weight),
            threshold: located(file, &kpi.threshold),
            cap: located(file, &kpi.cap),
            aggregate: kpi.aggregate,
            due: kpi.due.as_ref().map(|d| d.value.clone()),
            due_at: kpi
                .due
                .as_ref()
                .map_or(at(file, kpi.id.span), |d| at(file, d.span)),
            allow: kpi.allow.clone(),
        }
    }

    fn process(&mut self, file: FileId, process: &model::Process) -> Process {
        let unresolved_before = self.unresolved;
        let mut steps = Index::default();
        let mut kept_steps = Vec::with_capacity(process.steps.len());
        for step in &process.steps {
            self.check_id(file, &step.id);
            if step.id.value == "end" {
                self.diagnostics.push(
                    Diagnostic::new(&INVALID_ID, at(file, step.id.span), "`end` is reserved as the target that ends a process and cannot be a step id")
                        .with_help("rename the step, e.g. `finish`"),
                );
            }
            kept_steps.push(steps.insert(
                "step",
                &step.id.value,
                at(file, step.id.span),
                &mut self.diagnostics,
            ));
        }
        let inputs = process
            .inputs
            .iter()
            .filter_map(|input| {
                let artifact = self.artifact_ref(file, &input.artifact);
                let (from, parties) =
                    self.counterparts(file, input.from.iter().flat_map(model::IdList::iter));
                artifact.map(|artifact| ProcessInput {
                    artifact,
                    from,
                    parties,
                })
            })
            .collect();
        let outputs = process
            .outputs
            .iter()
            .filter_map(|output| {
                let artifact = self.artifact_ref(file, &output.artifact);
                let (to, parties) = self.counterparts(file, output.to.iter());
                artifact.map(|artifact| ProcessOutput {
                    artifact,
                    to,
                    parties,
                })
            })
            .collect();
        let start = match &process.start {
            Some(start) => self.step_ref(file, &process.id.value, &steps, start),
            None => (!process.steps.is_empty()).then_some(0),
        };
        let resolved_steps = process
            .steps
            .iter()
            .zip(kept_steps)
            .filter(|(_, kept)| *kept)
            .map(|(step, _)| self.step(file, process, &steps, step))
            .collect();
        let owner = self.role_ref(file, &process.owner);
        let measures = process
            .measures
            .iter()
            .map(|measure| Measure {
                name: measure.name.clone(),
                formula: measure.formula.clone(),
                target: measure.target.clone(),
                frequency: measure.frequency,
                by: measure.by.as_ref().and_then(|by| self.role_ref(file, by)),
            })
            .collect();
        Process {
            id: process.id.value.clone(),
            at: at(file, process.id.span),
            name: process.name.clone(),
            owner,
            complete: self.unresolved == unresolved_before,
            purpose: process.purpose.clone(),
            trigger: process.trigger.clone(),
            result: process.result.clone(),
            excludes: process.excludes.clone(),
            systems: process.systems.clone(),
            references: process.references.clone(),
            inputs,
            outputs,
            measures,
            start,
            steps: resolved_steps,
            allow: process.allow.clone(),
        }
    }

    fn step_ref(
        &mut self,
        file: FileId,
        process: &str,
        steps: &Index,
        reference: &Spanned<String>,
    ) -> Option<usize> {
        let id = reference.value.as_str();
        if let Some(found) = steps.get(id) {
            return Some(found);
        }
        self.unresolved += 1;
        let broken_process = self
            .known_in_failed
            .processes
            .iter()
            .any(|(p, step_ids)| p == process && step_ids.iter().any(|s| s == id));
        if !broken_process {
            self.unknown_at(
                &format!("step in process `{process}`"),
                id,
                at(file, reference.span),
                || {
                    (
                        format!("unknown step `{id}` in process `{process}`"),
                        did_you_mean(id, steps.ids().chain(["end"])),
                    )
                },
            );
        }
        None
    }

    fn step(
        &mut self,
        file: FileId,
        process: &model::Process,
        steps: &Index,
        step: &model::Step,
    ) -> Step {
        let defaults = &process.defaults;
        let raci = Raci {
            r: self.letter(file, &step.raci.r, &defaults.r),
            a: self.letter(file, &step.raci.a, &defaults.a),
            c: self.letter(file, &step.raci.c, &defaults.c),
            i: self.letter(file, &step.raci.i, &defaults.i),
            s: self.letter(file, &step.raci.s, &defaults.s),
        };
        let calls = match (&step.process, step.kind) {
            (Some(called), StepKind::Subprocess) => self.process_ref(file, called),
            (Some(called), _) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        &crate::load::SCHEMA,
                        at(file, called.span),
                        format!(
                            "step `{}` names a `process` but is not a subprocess step",
                            step.id.value
                        ),
                    )
                    .with_help("add `kind: subprocess`, or remove `process`"),
                );
                None
            }
            (None, StepKind::Subprocess) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        &crate::load::SCHEMA,
                        at(file, step.id.span),
                        format!(
                            "subprocess step `{}` does not name the `process` it calls",
                            step.id.value
                        ),
                    )
                    .with_help("add `process: <process id>`"),
                );
                None
            }
            (None, _) => None,
        };
        let next = step
            .next
            .iter()
            .flat_map(|next| next.0.iter())
            .filter_map(|target| {
                let to = if target.to.value == "end" {
                    Target::End
                } else {
                    Target::Step(self.step_ref(file, &process.id.value, steps, &target.to)?)
                };
                Some(NextEdge {
                    to,
                    at: at(file, target.to.span),
                    when: target
                        .when
                        .as_ref()
                        .map(|w| (w.value.clone(), at(file, w.span))),
                    is_branch: target.is_branch,
                })
            })
            .collect();
        Step {
            id: step.id.value.clone(),
            at: at(file, step.id.span),
            name: step.name.clone(),
            kind: step.kind,
            description: step.description.clone(),
            duty: step
                .duty
                .as_ref()
                .map(DutyWording::by_letter)
                .unwrap_or_default(),
            calls,
            raci,
            inputs: step
                .inputs
                .iter()
                .filter_map(|a| self.artifact_ref(file, a))
                .collect(),
            outputs: step
                .outputs
                .iter()
                .filter_map(|a| self.artifact_ref(file, a))
                .collect(),
            checklist: step.checklist.clone(),
            activity: step
                .activity
                .iter()
                .map(|name| (name.value.clone(), at(file, name.span)))
                .collect(),
            effort: step.effort.as_ref().map(|e| e.value),
            volume: step.volume.as_ref().map(|v| v.value),
            deadline: step.deadline,
            value: step.value,
            controls: step
                .controls
                .iter()
                .filter_map(|control| {
                    Some(Control {
                        by: self.role_ref(file, &control.by)?,
                        how: control.how.clone(),
                        frequency: control.frequency,
                    })
                })
                .collect(),
            next,
            allow: step.allow.clone(),
        }
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn artifact_of(file: FileId, artifact: &model::Artifact) -> Artifact {
    Artifact {
        id: artifact.id.value.clone(),
        at: at(file, artifact.id.span),
        name: artifact.name.clone(),
        kind: artifact.kind,
        description: artifact.description.clone(),
        external: artifact.external,
        statutory: artifact.statutory.clone(),
        frequency: artifact.frequency,
        fields: artifact.fields.clone(),
        rows: artifact.rows.map(|r| r.get()),
        opening: artifact.opening.clone(),
        closing: artifact.closing.clone(),
        kept: artifact.kept.clone(),
        retention: artifact.retention.clone(),
        allow: artifact.allow.clone(),
    }
}
