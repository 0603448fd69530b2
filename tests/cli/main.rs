//! Integration tests of the `stake` command line, one module per command.

mod build;
mod plan;
