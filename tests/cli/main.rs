//! Integration tests of the `stake` command line: one binary, one module per command.

mod analyze;
mod build;
mod pdf;
