//! What every rule reads (the resolved model, its graphs, the configuration) and what every
//! rule writes (findings tied to the elements they are about).

use std::sync::OnceLock;

use crate::check::Config;
use crate::check::dataflow::DataFlow;
use crate::diag::Diagnostic;
use crate::graph::Graphs;
use crate::resolve::{ArtifactId, KpiId, ProcessId, Resolved, RoleId, StepId};
use crate::workload::Workload;

/// An element a finding is about: an `allow` on it (or, for a step, on its process)
/// suppresses the finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// A role.
    Role(RoleId),
    /// An artifact.
    Artifact(ArtifactId),
    /// An indicator.
    Kpi(KpiId),
    /// A process.
    Process(ProcessId),
    /// A step (and so its process).
    Step(StepId),
}

/// A diagnostic and the elements it is about.
#[derive(Debug)]
pub struct Finding {
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    /// The elements whose `allow` may suppress it.
    pub subjects: Vec<Subject>,
}

/// The inputs of every rule, with analyses computed once on first use.
pub struct Context<'a> {
    /// The resolved model.
    pub model: &'a Resolved,
    /// Its graphs.
    pub graphs: &'a Graphs,
    /// Levels and parameters.
    pub config: &'a Config,
    data_flow: OnceLock<Vec<DataFlow>>,
    workload: OnceLock<Workload>,
}

impl<'a> Context<'a> {
    /// A context for checking `model`.
    pub fn new(model: &'a Resolved, graphs: &'a Graphs, config: &'a Config) -> Self {
        Context {
            model,
            graphs,
            config,
            data_flow: OnceLock::new(),
            workload: OnceLock::new(),
        }
    }

    /// Whether every indicator's references resolved: rules that total a role's indicators
    /// would otherwise count without the one whose `role` is misspelt.
    pub fn kpis_complete(&self) -> bool {
        self.model.kpis.iter().all(|kpi| kpi.complete)
    }

    /// The data-flow analysis of each process, by process position.
    pub fn data_flow(&self) -> &[DataFlow] {
        self.data_flow.get_or_init(|| {
            self.model
                .processes
                .iter()
                .zip(&self.graphs.flows)
                .map(|(process, flow)| DataFlow::analyse(process, flow))
                .collect()
        })
    }

    /// The workload of the model's positions, worked out once for the `load/` rules.
    pub fn workload(&self) -> &Workload {
        self.workload.get_or_init(|| Workload::of(self.model))
    }

    /// Every complete process (see `Process::complete`) with its position.
    pub fn complete_processes(
        &self,
    ) -> impl Iterator<Item = (usize, &'a crate::resolve::Process)> + 'a {
        self.model
            .processes
            .iter()
            .enumerate()
            .filter(|(_, process)| process.complete)
    }

    /// Every step of every process, complete or not.
    pub fn all_steps(&self) -> impl Iterator<Item = &'a crate::resolve::Step> + 'a {
        self.model
            .processes
            .iter()
            .flat_map(|process| &process.steps)
    }

    /// Every step of every complete process (see `Process::complete`), with its handle.
    pub fn steps(&self) -> impl Iterator<Item = (StepId, &'a crate::resolve::Step)> + 'a {
        self.model
            .processes
            .iter()
            .enumerate()
            .filter(|(_, process)| process.complete)
            .flat_map(|(p, process)| {
                process.steps.iter().enumerate().map(move |(index, step)| {
                    (
                        StepId {
                            process: ProcessId(p),
                            index,
                        },
                        step,
                    )
                })
            })
    }
}

/// Where rules put their findings.
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
}

impl Findings {
    /// Records a finding about `subjects`.
    pub fn add(&mut self, diagnostic: Diagnostic, subjects: impl IntoIterator<Item = Subject>) {
        self.items.push(Finding {
            diagnostic,
            subjects: subjects.into_iter().collect(),
        });
    }

    /// The findings recorded.
    pub fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}
