//! How `build` scales: the pack of generated models of 10, 200 and 2,000 processes,
//! rendered in memory in every format (views, templates, CSV, XLSX, JSON), after the check.
//!
//! Run with `cargo bench --bench build`. Prints the median per size and the time per step.

mod generated;

use raciflow::model::Language;
use raciflow::render::{Format, Options, Overrides};

fn main() {
    let options = Options {
        language: Language::Ru,
        formats: Format::defaults().collect(),
        overrides: Overrides::default(),
        csv_separator: None,
        docx_reference: None,
        browser: None,
    };
    generated::scale(
        "files      bytes",
        [7, 7, 3],
        |dir| raciflow::check_model(dir).expect("generated model loads"),
        |checked| {
            let pack = raciflow::build(checked, &options).expect("pack renders");
            let bytes: usize = pack.iter().map(|f| f.bytes.len()).sum();
            format!("{:>5}  {bytes:>9}", pack.len())
        },
    );
}
