//! The `--format` values of `build` and `graph`: the library's formats by their names, so a
//! format is spelt the same in both (`mmd`, as the file extension; `mermaid` is accepted).

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use raciflow::render::Format;

/// Parses a format's name into the library's format.
pub fn parser() -> impl TypedValueParser<Value = Format> {
    let names = Format::ALL.map(|format| {
        let value = PossibleValue::new(format.name());
        if format == Format::Mmd {
            value.alias("mermaid")
        } else {
            value
        }
    });
    PossibleValuesParser::new(names).try_map(|name: String| {
        Format::from_name(&name).ok_or_else(|| format!("unknown format `{name}`"))
    })
}
