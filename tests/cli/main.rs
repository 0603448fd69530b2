//! Integration tests of the `stake` command line, one module per command.

mod brief;
mod build;
mod plan;
