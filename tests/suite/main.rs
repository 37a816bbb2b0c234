//! The integration tests, built as one binary.

// Tests write fixtures wherever they like; the rule is for the library.
#![allow(clippy::disallowed_methods)]

mod harness;

mod build;
mod diagrams;
mod examples;
mod fixtures;
mod flow_properties;
mod formats;
mod fuzz;
mod loading;
mod pack_properties;
mod rules_cli;
mod schema;
