//! `stake init --ci github|gitlab`: a CI configuration that checks the register on
//! pull (merge) requests and publishes its public edition from the default branch.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

/// The CI service to write a configuration for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// GitHub Actions and GitHub Pages: `.github/workflows/stake.yml`.
    Github,
    /// GitLab CI/CD and GitLab Pages: `.gitlab-ci.yml`.
    Gitlab,
}

impl Ci {
    /// The file it reads, relative to the top of the repository.
    pub(super) fn file(self) -> &'static str {
        match self {
            Ci::Github => ".github/workflows/stake.yml",
            Ci::Gitlab => ".gitlab-ci.yml",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Ci::Github => include_str!("../../templates/ci/github.yml"),
            Ci::Gitlab => include_str!("../../templates/ci/gitlab-ci.yml"),
        }
    }
}

/// What `stake init --ci` wrote.
#[derive(Debug)]
pub(super) struct Written {
    /// The configuration file.
    pub(super) path: PathBuf,
    /// The register as the configuration names it, relative to the repository's top.
    pub(super) register: String,
}

/// Writes the configuration of `ci` for the register in `dir` into the top of the git
/// repository holding it (`dir` itself when it is in none), never over an existing file.
pub(super) fn write(dir: &Path, ci: Ci) -> Result<Written, String> {
    if !dir.is_dir() {
        return Err(format!(
            "register folder `{}` does not exist\n  = help: `stake init {0}` makes a starter register; then add the CI configuration",
            dir.display()
        ));
    }
    let absolute = dir
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", dir.display()))?;
    let (top, register) = match absolute.ancestors().find(|a| a.join(".git").exists()) {
        Some(top) => {
            let relative = absolute.strip_prefix(top).unwrap_or(Path::new(""));
            let shown = relative
                .iter()
                .map(|part| part.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if shown.is_empty() {
                (dir.to_path_buf(), ".".to_owned())
            } else {
                (top.to_path_buf(), shown)
            }
        }
        None => (dir.to_path_buf(), ".".to_owned()),
    };
    let text = configuration(ci, &register);
    let written = super::init::write_new(
        &top,
        &[(ci.file(), &text)],
        "CI configuration",
        "remove it first, or add the jobs to it by hand (see docs/publishing.md)",
    )?;
    Ok(Written {
        path: written.into_iter().next().unwrap_or_default(),
        register,
    })
}

/// The configuration text for the register at `register` (relative to the top).
pub(super) fn configuration(ci: Ci, register: &str) -> String {
    // A JSON string is a YAML double-quoted scalar: any folder name stays one value.
    let quoted = serde_json::to_string(register).unwrap_or_else(|_| "\".\"".to_owned());
    ci.template()
        .replace("{register}", &quoted)
        .replace("{version}", env!("CARGO_PKG_VERSION"))
}
