//! The integration tests, built as one binary.

mod harness;

mod fixtures;
