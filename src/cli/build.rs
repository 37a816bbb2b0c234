//! `raciflow build`: check the model, then write the documentation pack.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::format;
use crate::cli::{MODEL_ERRORS, ModelArg, OK, Ui};
use raciflow::model::Language;
use raciflow::render::{self, Context, Format, OutputFile};
use raciflow::{BuildRequest, pack, views};

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    model: ModelArg,
    /// The folder to write the pack to. It must be new, empty, or an earlier pack.
    #[arg(long, short, default_value = "pack")]
    out: PathBuf,
    /// The formats to write, comma-separated (default: all but `pdf`, which needs a browser).
    #[arg(long, value_delimiter = ',', value_parser = format::parser())]
    format: Vec<Format>,
    /// The language of the documents (default: model.yaml `language`).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// A folder of templates that replace built-in ones by name (default: the model's
    /// `templates/` folder, when it has one).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Build even when the model has errors, and write into a non-empty folder that is not
    /// an earlier pack (files raciflow did not write are still never replaced).
    #[arg(long)]
    force: bool,
    /// The CSV files' column separator (default: `semicolon` for a Russian pack, as Excel
    /// with Russian regional settings expects, `comma` for an English one).
    #[arg(long, value_enum)]
    csv_separator: Option<CsvSeparator>,
    /// A Word file of the client's whose styles, page margins and header (logo,
    /// letterhead) the Word files take (default: the model's `templates/reference.docx`).
    #[arg(long)]
    docx_template: Option<PathBuf>,
    /// The browser that prints `handbook.pdf` (`--format pdf`): Chromium, Chrome or Edge
    /// (default: the first found on PATH or where they install).
    #[arg(long, env = "RACIFLOW_BROWSER")]
    browser: Option<PathBuf>,
    /// Print the JSON every template receives and write nothing.
    #[arg(long, conflicts_with = "check")]
    dump_context: bool,
    /// Write nothing; compare what the build would write with OUT and fail (exit code 1)
    /// listing the files that differ, are missing, or would be deleted: for repositories
    /// that commit the pack next to the model.
    #[arg(long)]
    check: bool,
}

/// A CSV column separator.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum CsvSeparator {
    /// `,`
    Comma,
    /// `;`
    Semicolon,
    /// A tab.
    Tab,
}

impl CsvSeparator {
    fn byte(self) -> u8 {
        match self {
            CsvSeparator::Comma => b',',
            CsvSeparator::Semicolon => b';',
            CsvSeparator::Tab => b'\t',
        }
    }
}

/// A language of the documents.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Lang {
    /// Russian.
    Ru,
    /// English.
    En,
}

pub fn run(args: &BuildArgs, ui: &Ui) -> anyhow::Result<u8> {
    let root = args.model.root();
    if !args.dump_context && !args.check {
        // A folder the build may not write to is refused before the model is read.
        pack::check_out(&args.out, &root, args.force)?;
    }
    let checked = raciflow::check_model(&root)?;
    ui.print_findings(&checked);
    if checked.report.summary.errors > 0 && !args.force {
        if args.check {
            eprintln!(
                "raciflow: the model has errors; the pack was not compared (--force compares anyway)"
            );
        } else {
            eprintln!(
                "raciflow: the model has errors; nothing was written (--force builds anyway)"
            );
        }
        return Ok(MODEL_ERRORS);
    }
    let options = checked.options(&BuildRequest {
        language: args.lang.map(|lang| match lang {
            Lang::Ru => Language::Ru,
            Lang::En => Language::En,
        }),
        formats: args.format.clone(),
        templates: args.templates.clone(),
        csv_separator: args.csv_separator.map(CsvSeparator::byte),
        docx_template: args.docx_template.clone(),
        browser: args.browser.clone(),
    })?;
    for warning in options.overrides.warnings() {
        eprintln!("raciflow: warning: {warning}");
    }
    if args.dump_context {
        let views = views::Pack::of(&checked.model, &checked.graphs, options.language);
        let labels = render::labels(&options)?;
        let context = Context {
            pack: &views,
            t: &labels,
        };
        std::io::stdout().write_all(&render::json(&context))?;
        return Ok(OK);
    }
    if args.check {
        return check_pack(&args.out, &raciflow::build(&checked, &options)?, ui);
    }
    let written = pack::write(&args.out, &root, args.force, |sink| {
        raciflow::build_into(&checked, &options, sink)
    })?;
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    ui.say(&format!(
        "wrote {} {} to {}{}",
        written.files,
        files(written.files),
        args.out.display(),
        if written.removed > 0 {
            format!(
                " and removed {} {} of the previous build that this one does not write",
                written.removed,
                files(written.removed)
            )
        } else {
            String::new()
        }
    ));
    Ok(OK)
}

/// `--check`: lists how OUT differs from `files` on standard output, one file a line
/// (`differs`, `missing`, `stale`), and says whether it is up to date.
fn check_pack(out: &Path, files: &[OutputFile], ui: &Ui) -> anyhow::Result<u8> {
    if !out.exists() {
        eprintln!(
            "raciflow: {} does not exist; `raciflow build --out {}` writes the pack",
            out.display(),
            out.display()
        );
        return Ok(MODEL_ERRORS);
    }
    let staleness = pack::compare(out, files)?;
    if staleness.is_fresh() {
        ui.say(&format!(
            "{} is up to date: its {} files are what the build writes",
            out.display(),
            files.len()
        ));
        return Ok(OK);
    }
    let mut text = String::new();
    for (what, paths) in [
        ("differs", &staleness.differ),
        ("missing", &staleness.missing),
        ("stale  ", &staleness.stale),
    ] {
        for path in paths {
            text.push_str(&format!("{what} {}\n", out.join(path).display()));
        }
    }
    std::io::stdout().write_all(text.as_bytes())?;
    eprintln!(
        "raciflow: {} is out of date: {} differ, {} missing, {} stale; `raciflow build --out {}` brings it up to date",
        out.display(),
        staleness.differ.len(),
        staleness.missing.len(),
        staleness.stale.len(),
        out.display()
    );
    Ok(MODEL_ERRORS)
}
