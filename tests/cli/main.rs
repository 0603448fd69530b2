//! Integration tests of the `stake` command line: one binary, one module per command.

mod analyze;
mod brief;
mod build;
mod pdf;
mod plan;
