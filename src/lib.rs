//! raciflow: a YAML model of business processes, checked and turned into a documentation
//! pack.
//!
//! Data flows one way: files → [`load`] → [`model`] → [`resolve`] → [`graph`] → [`check`]
//! → [`views`] → [`render`] → [`pack`].
//! [`check_model`] runs the whole check for the command line and for tests; [`render_pack`]
//! then turns a checked model into the files of the documentation pack.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![warn(clippy::iter_over_hash_type, clippy::unwrap_used, clippy::expect_used)]

pub mod check;
pub mod diag;
pub mod diagram;
pub mod graph;
pub mod hidden;
pub mod load;
pub mod model;
pub mod pack;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod suggest;
pub mod views;

use std::path::Path;

use crate::diag::{Report, SourceMap};
use crate::graph::Graphs;
use crate::load::LoadError;
use crate::resolve::Resolved;

/// A checked model: its sources (for printing diagnostics), the resolved model and the
/// findings.
#[derive(Debug)]
pub struct Checked {
    /// Every file's text.
    pub sources: SourceMap,
    /// The resolved model (as far as it resolved).
    pub model: Resolved,
    /// Its graphs.
    pub graphs: Graphs,
    /// The findings.
    pub report: Report,
}

impl Checked {
    /// Whether the model has errors, or warnings when `deny_warnings` is set.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        let summary = self.report.summary;
        summary.errors > 0 || (deny_warnings && summary.warnings > 0)
    }
}

/// Loads, resolves and checks the model whose root is `root`.
pub fn check_model(root: &Path) -> Result<Checked, LoadError> {
    let loaded = load::load(root)?;
    let (model, graphs, report) = check::check(&loaded);
    Ok(Checked {
        sources: loaded.sources,
        model,
        graphs,
        report,
    })
}

/// Derives the pack's views from a checked model and renders its files in memory, in
/// `options.language`. Writing them is [`pack::write`]'s job.
pub fn render_pack(
    checked: &Checked,
    options: &render::Options,
) -> Result<Vec<render::OutputFile>, render::RenderError> {
    let views = views::Pack::of(&checked.model, &checked.graphs, options.language);
    render::render(&views, options)
}
