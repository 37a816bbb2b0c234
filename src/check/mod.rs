//! Checking a model: every rule over the resolved model, with model.yaml's configuration.

mod config;
pub mod registry;

use crate::diag::{Report, Severity, Summary};
use crate::load::Loaded;
use crate::resolve::{Resolved, resolve};

pub use config::Config;

/// Resolves and checks a loaded model.
pub fn check(loaded: &Loaded) -> (Resolved, Report) {
    let resolution = resolve(loaded);
    let model = resolution.model;
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(resolution.diagnostics);
    let config = Config::from_model(&model, &mut diagnostics);
    let mut diagnostics = config.apply(diagnostics);
    diagnostics.sort_by(|a, b| {
        (a.location, a.rule.name, &a.message).cmp(&(b.location, b.rule.name, &b.message))
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
    (
        model,
        Report {
            diagnostics,
            summary,
        },
    )
}
