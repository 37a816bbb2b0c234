//! The integration tests, built as one binary.

mod harness;

mod examples;
mod fixtures;
mod formats;
mod loading;
mod schema;
