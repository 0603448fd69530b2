//! The register over time, from the git repository that holds it: the register at any
//! revision ([`repo`]), what changed between two of them ([`diff`]) and its figures at
//! every commit that changed it ([`timeline`]).

pub mod diff;
pub mod repo;
pub mod text;
pub mod timeline;
pub mod view;

use std::path::Path;

pub use repo::{Commit, HistoryError, Repo};

use crate::register::{self, Limits, Loaded};

/// The register as it was at a commit, loaded and checked like a folder (every file
/// named under `dir`, the folder as the user wrote it).
pub fn load_at(
    repo: &Repo,
    dir: &Path,
    commit: &Commit,
    rev: &str,
    limits: &Limits,
) -> Result<Loaded, HistoryError> {
    let files = repo.register_files(commit, rev)?;
    Ok(register::load_files(dir, &files, limits))
}
