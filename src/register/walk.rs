//! Finds the files of a register: every `*.md` below the folder, minus what the format
//! says to skip. Symbolic links are followed only while they stay inside the folder, and
//! a link loop is reported, never walked.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Loc, Severity};

/// A file in an output folder of `stake build` marks it as ours: the walk skips it.
pub const OUTPUT_MARKER: &str = ".stake-output";

/// The project settings file at the top of a register.
pub const PROJECT_FILE: &str = "_project.md";

/// What the walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// Stakeholder candidates, relative to the root, sorted.
    pub files: Vec<PathBuf>,
    /// `_project.md`, when present.
    pub project: Option<PathBuf>,
    /// Skipped links and unreadable folders.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `root` (which exists and is a folder).
pub fn walk(root: &Path) -> Found {
    let mut found = Found::default();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !skipped(entry, root));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let diagnostic = match error.loop_ancestor() {
                    Some(ancestor) => Diagnostic::new(
                        Severity::Warning,
                        "link-loop",
                        &path,
                        Loc::whole(),
                        format!(
                            "symbolic link loop back to `{}`; not walked again",
                            ancestor.display()
                        ),
                    )
                    .help("remove the link, or point it at a folder that does not contain it"),
                    None => Diagnostic::new(
                        Severity::Warning,
                        "unreadable-path",
                        &path,
                        Loc::whole(),
                        format!("cannot read: {}; skipped", io_reason(&error)),
                    )
                    .help("check the permissions, or move it out of the register"),
                };
                found.diagnostics.push(diagnostic);
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            let inside = path
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&canonical_root));
            if !inside {
                found.diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "link-outside-register",
                        path,
                        Loc::whole(),
                        "symbolic link points outside the register; skipped",
                    )
                    .help("copy the file into the register, or remove the link"),
                );
                continue;
            }
        }
        if !entry.file_type().is_file() || !is_markdown(path) {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let name = entry.file_name().to_string_lossy();
        if entry.depth() == 1 && name == PROJECT_FILE {
            found.project = Some(relative);
        } else if !name.starts_with('_') {
            found.files.push(relative);
        }
    }
    found
}

/// Hidden entries, a top-level `templates/` folder and output folders are not part of
/// the register.
fn skipped(entry: &walkdir::DirEntry, root: &Path) -> bool {
    if entry.depth() == 0 {
        return false;
    }
    let name = entry.file_name().to_string_lossy();
    if name.starts_with('.') {
        return true;
    }
    if entry.file_type().is_dir() {
        let top_templates = entry.depth() == 1 && name == "templates";
        return top_templates || entry.path().join(OUTPUT_MARKER).exists() || entry.path() == root;
    }
    false
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
}

fn io_reason(error: &walkdir::Error) -> String {
    error
        .io_error()
        .map_or_else(|| error.to_string(), ToString::to_string)
}
