//! Diagnostics: findings as plain data, the source map that locates them, and their
//! output formats (human, json, github, sarif, gitlab, junit; html for `serve`).

mod diagnostic;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
mod report;
mod rule;
pub mod sarif;
mod source_map;

pub use diagnostic::{Diagnostic, Location, Related, Severity};
pub use report::{Report, Summary};
pub use rule::Rule;
pub use source_map::{FileId, LineColumn, SourceMap};
