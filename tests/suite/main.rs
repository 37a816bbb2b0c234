//! The integration tests, built as one binary.

mod harness;

mod build;
mod examples;
mod fixtures;
mod flow_properties;
mod formats;
mod fuzz;
mod loading;
mod rules_cli;
mod schema;
