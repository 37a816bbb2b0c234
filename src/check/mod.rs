//! Checking a model: every rule over the resolved model and its graphs, with model.yaml's
//! configuration and the elements' `allow` lists.

mod allow;
mod config;
mod context;
mod data;
mod dataflow;
mod doc;
mod flow;
mod kpi;
mod org;
mod raci;
pub mod registry;
mod workload;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Report, Severity, Summary};
use crate::graph::Graphs;
use crate::load::Loaded;
use crate::resolve::Resolved;

pub use config::{Config, LoadLimits, OverloadLimits};
pub use context::{Context, Finding, Findings, Subject};
pub use dataflow::DataFlow;
pub use doc::MAX_CELL_CHARS;

/// Checks a resolved model and its graphs: every rule, then model.yaml's levels and the
/// elements' `allow` lists. `earlier` are what loading and resolving found; the report
/// holds them with the rules' findings, in one order.
pub fn check(
    loaded: &Loaded,
    earlier: Vec<Diagnostic>,
    model: &Resolved,
    graphs: &Graphs,
) -> Report {
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(earlier);
    let config = Config::from_model(model, &mut diagnostics);
    let context = Context::new(model, graphs, &config);
    // The rules run in parallel, each into its own findings, which are joined in the
    // registry's order: the report is the same on any number of cores.
    let findings: Vec<_> = registry::CHECKS
        .par_iter()
        .filter(|check| config.level(check.rule) != crate::model::Level::Off)
        .flat_map_iter(|check| {
            let mut findings = Findings::default();
            (check.run)(&context, &mut findings);
            findings.into_vec()
        })
        .collect();
    diagnostics.extend(allow::suppress(model, &config, findings));
    let mut diagnostics = config.apply(diagnostics);
    // Files that do not parse or break the schema come first: they are usually the cause
    // of what follows (a misspelt `roles:` makes every role unknown).
    let cause = |d: &crate::diag::Diagnostic| {
        !(std::ptr::eq(d.rule, &crate::load::YAML_SYNTAX)
            || std::ptr::eq(d.rule, &crate::load::SCHEMA))
    };
    diagnostics.sort_by(|a, b| {
        (cause(a), a.location, a.rule.name, &a.message).cmp(&(
            cause(b),
            b.location,
            b.rule.name,
            &b.message,
        ))
    });
    diagnostics.dedup();
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let summary = Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        files: loaded.sources.len(),
        processes: model.processes.len(),
        steps: model.step_count(),
        roles: model.roles.len(),
    };
    Report {
        diagnostics,
        summary,
    }
}
