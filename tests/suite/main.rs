//! The integration tests, built as one binary.

// Tests write fixtures wherever they like; the rule is for the library.
#![allow(clippy::disallowed_methods)]

mod harness;

mod analyze;
mod authoring;
mod build;
mod conform;
mod diagrams;
mod diff;
mod documents;
mod examples;
mod fixtures;
mod flow_properties;
mod formats;
mod fuzz;
// The generator the benches use, for tests that need a large model.
#[allow(dead_code)]
#[path = "../../benches/generated/mod.rs"]
mod generated;
mod loading;
mod org_chart;
mod pack_properties;
mod pack_safety;
mod print;
mod rules_cli;
mod schema;
mod score;
mod semantics;
mod serve;
mod word;
