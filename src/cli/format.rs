//! The `--format` values of `build` and `graph`: one list, so a format is spelt the same
//! in both (`mmd`, as the file extension; `mermaid` is accepted too).

use raciflow::render::Format;

/// A format as the command line writes it.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum FormatArg {
    /// HTML pages with one stylesheet.
    Html,
    /// Markdown pages.
    Md,
    /// CSV tables: the matrix and the blank forms.
    Csv,
    /// The matrix as an Excel workbook.
    Xlsx,
    /// `model.json`: every view, for other tools.
    Json,
    /// Process maps as SVG.
    Svg,
    /// Process maps as Mermaid flowcharts.
    #[value(alias = "mermaid")]
    Mmd,
    /// Process maps as Graphviz DOT.
    Dot,
    /// Process maps as BPMN 2.0 XML.
    Bpmn,
    /// The documents as Word files.
    Docx,
}

impl FormatArg {
    /// The library's format.
    pub fn format(self) -> Format {
        match self {
            FormatArg::Html => Format::Html,
            FormatArg::Md => Format::Md,
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Json => Format::Json,
            FormatArg::Svg => Format::Svg,
            FormatArg::Mmd => Format::Mmd,
            FormatArg::Dot => Format::Dot,
            FormatArg::Bpmn => Format::Bpmn,
            FormatArg::Docx => Format::Docx,
        }
    }
}
