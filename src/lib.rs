//! `stake`: stakeholder management kept as text.
//!
//! The pipeline is visible in the modules: [`register`] loads and checks a folder of
//! Markdown files, [`analysis`] derives the textbook models from it, and the command line
//! in [`cli`] ties them together.

pub mod analysis;
pub mod atomic;
pub mod brief;
pub mod build;
pub mod cli;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod history;
pub mod i18n;
pub mod log;
pub mod register;
pub mod render;
pub mod schema;
pub mod serve;
pub mod spreadsheet;
