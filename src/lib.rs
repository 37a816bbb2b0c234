//! raciflow: a YAML model of business processes, checked and turned into a documentation
//! pack.
//!
//! Data flows one way: files → [`load`] → [`model`] → [`resolve`] → [`graph`] → [`check`]
//! → [`views`] → [`render`] → [`print`] (only `--format pdf`: a browser prints the
//! rendered handbook) → [`pack`].
//! [`check_model`] runs the whole check; [`build`] then turns a checked model into the files
//! of the documentation pack, in memory. The command line, the tests and the benchmarks
//! call these two, so a pack is made one way wherever it is made.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![warn(clippy::iter_over_hash_type, clippy::unwrap_used, clippy::expect_used)]

pub mod check;
pub mod conform;
pub mod csv_file;
pub mod diag;
pub mod diagram;
pub mod diff;
pub mod graph;
pub mod hidden;
pub mod layout;
pub mod load;
pub mod model;
pub mod pack;
pub mod print;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod score;
pub mod serve;
pub mod starter;
pub mod suggest;
pub mod views;
pub mod workload;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Report, SourceMap};
use crate::graph::Graphs;
use crate::load::LoadError;
use crate::resolve::Resolved;

/// A checked model: its sources (for printing diagnostics), the resolved model and the
/// findings.
#[derive(Debug)]
pub struct Checked {
    /// The model's root folder (its own `templates/` are there).
    pub root: PathBuf,
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

/// Loads, resolves and checks the model whose root is `root`: each stage in the order of
/// the data flow, each taking only what the one before produced.
pub fn check_model(root: &Path) -> Result<Checked, LoadError> {
    check_model_as_written(root).map(|(checked, _)| checked)
}

/// [`check_model`] for a preview that checks the model again on every save (`serve`):
/// the files whose text is unchanged since the last check are taken from `cache` rather
/// than parsed again.
pub fn check_model_cached(root: &Path, cache: &load::Cache) -> Result<Checked, LoadError> {
    Ok(checked(root, load::load_cached(root, Some(cache))?).0)
}

/// [`check_model`], also returning the model's files as written (for [`diff`], which
/// compares what the consultant wrote).
pub fn check_model_as_written(root: &Path) -> Result<(Checked, Vec<model::ModelFile>), LoadError> {
    Ok(checked(root, load::load(root)?))
}

/// Resolves and checks the model `loaded` from `root`.
fn checked(root: &Path, loaded: load::Loaded) -> (Checked, Vec<model::ModelFile>) {
    let resolution = resolve::resolve(&loaded);
    let model = resolution.model;
    let graphs = Graphs::build(&model);
    let report = check::check(&loaded, resolution.diagnostics, &model, &graphs);
    let files = loaded.files.into_iter().map(|(_, file)| file).collect();
    (
        Checked {
            root: root.to_path_buf(),
            sources: loaded.sources,
            model,
            graphs,
            report,
        },
        files,
    )
}

/// What the user asks of a build; what is left out comes from the model.
#[derive(Debug, Clone, Default)]
pub struct BuildRequest {
    /// The documents' language (default: model.yaml's `language`).
    pub language: Option<model::Language>,
    /// The formats to write (empty: every default format).
    pub formats: Vec<render::Format>,
    /// A folder of templates replacing built-in ones by name (default: the model's
    /// `templates/` folder, when it has one).
    pub templates: Option<PathBuf>,
    /// The CSV column separator (default: the one the language's spreadsheets expect).
    pub csv_separator: Option<u8>,
    /// The client's Word file the Word files take their styles, margins and header from
    /// (default: the model's `templates/reference.docx`, when it has one).
    pub docx_template: Option<PathBuf>,
    /// The browser that prints the handbook's PDF (default: one found on the machine).
    pub browser: Option<PathBuf>,
}

impl Checked {
    /// The rendering options `request` means for this model: its defaults filled in from
    /// the model, the user's templates read.
    pub fn options(&self, request: &BuildRequest) -> Result<render::Options, render::RenderError> {
        let language = request.language.unwrap_or_else(|| self.model.language());
        let templates = request.templates.clone().or_else(|| {
            let own = self.root.join("templates");
            own.is_dir().then_some(own)
        });
        let overrides = match &templates {
            Some(dir) => render::Overrides::read(dir)?,
            None => render::Overrides::default(),
        };
        let formats: BTreeSet<render::Format> = if request.formats.is_empty() {
            render::Format::defaults().collect()
        } else {
            request.formats.iter().copied().collect()
        };
        let reference = request.docx_template.clone().or_else(|| {
            let own = self.root.join("templates").join("reference.docx");
            own.is_file().then_some(own)
        });
        Ok(render::Options {
            language,
            formats,
            overrides,
            csv_separator: request.csv_separator,
            docx_reference: reference
                .map(|path| render::Reference::read(&path))
                .transpose()?,
            browser: request.browser.clone(),
        })
    }
}

/// Why a pack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A file could not be rendered.
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// The handbook could not be printed.
    #[error(transparent)]
    Print(#[from] print::PrintError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] pack::PackError),
}

/// Derives the pack's views from a checked model and renders its files into `sink` one at
/// a time, in `options.language`, the printed handbook first when asked for (a missing
/// browser fails the build before the rest is rendered). [`pack::write`] passes a sink
/// that writes each file into its staging folder.
pub fn build_into(
    checked: &Checked,
    options: &render::Options,
    sink: &mut dyn render::Sink,
) -> Result<(), BuildError> {
    build_remembering(checked, options, None, sink).map(|_| ())
}

/// [`build_into`], taking the pages whose inputs are unchanged from `memo`'s last build;
/// returns how many were taken.
fn build_remembering(
    checked: &Checked,
    options: &render::Options,
    memo: Option<&render::Memo>,
    sink: &mut dyn render::Sink,
) -> Result<usize, BuildError> {
    let views = std::sync::Arc::new(views::Pack::of(
        &checked.model,
        &checked.graphs,
        options.language,
    ));
    if options.formats.contains(&render::Format::Pdf) {
        sink.put(print::handbook(&views, options)?)?;
    }
    Ok(render::render(&views, options, memo, sink)?)
}

/// The files [`build_into`] renders, in memory, sorted by path: for comparing a pack with
/// the one on disk (`build --check`).
pub fn build(
    checked: &Checked,
    options: &render::Options,
) -> Result<Vec<render::OutputFile>, BuildError> {
    rebuild(checked, options, None).map(|(files, _)| files)
}

/// [`build`] for a preview that builds the pack again on every save (`serve`): the pages
/// whose inputs are unchanged since `memo`'s last build are taken from it rather than
/// rendered again. Returns the files and how many pages were taken.
pub fn rebuild(
    checked: &Checked,
    options: &render::Options,
    memo: Option<&render::Memo>,
) -> Result<(Vec<render::OutputFile>, usize), BuildError> {
    let mut files = Vec::new();
    let taken = build_remembering(checked, options, memo, &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, taken))
}

/// The motivation workbook of a checked model with `scores` filled into its blocks, for
/// `month` (`YYYY-MM`, named on its summary when given) of `days_per_month` working days
/// (default: the model's), in the model's language
/// with the model's own labels: what `raciflow score --format xlsx` writes. `None` when no
/// role has weighted indicators.
pub fn score_workbook(
    checked: &Checked,
    scores: &score::Scores,
    (month, days_per_month): (Option<&str>, Option<f64>),
) -> Result<Option<Vec<u8>>, render::RenderError> {
    let options = checked.options(&BuildRequest::default())?;
    let labels = render::labels(&options)?;
    let views = views::Pack::of(&checked.model, &checked.graphs, options.language);
    views
        .motivation
        .as_ref()
        .map(|view| {
            let days = days_per_month.unwrap_or(view.days_per_month);
            let month = month.and_then(|m| views::month_written(m, options.language));
            render::motivation_workbook(
                view,
                &labels,
                views.meta.organisation(),
                (month.as_deref(), days),
                &scores.employees,
            )
            .map(|f| f.bytes)
        })
        .transpose()
}
