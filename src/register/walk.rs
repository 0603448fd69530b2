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
    let outside = |path: &Path| {
        !path
            .canonicalize()
            .is_ok_and(|target| target.starts_with(&canonical_root))
    };
    let mut walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root);
                let diagnostic = match error.loop_ancestor() {
                    // A link to a folder that holds the register is first of all outside.
                    Some(_) if outside(path) => link_outside(path),
                    Some(ancestor) => Diagnostic::new(
                        Severity::Warning,
                        "link-loop",
                        path,
                        Loc::whole(),
                        format!(
                            "symbolic link loop back to `{}`; not walked again",
                            ancestor.display()
                        ),
                    )
                    .help("remove the link, or point it at a folder that does not contain it"),
                    None if is_broken_link(path) => Diagnostic::new(
                        Severity::Warning,
                        "broken-link",
                        path,
                        Loc::whole(),
                        "symbolic link leads nowhere (its target is missing, or it loops); skipped",
                    )
                    .help("fix the link, or remove it"),
                    None => Diagnostic::new(
                        Severity::Warning,
                        "unreadable-path",
                        path,
                        Loc::whole(),
                        format!("cannot read: {}; skipped", io_reason(&error)),
                    )
                    .help("fix its permissions, or move it out of the register"),
                };
                found.diagnostics.push(diagnostic);
                continue;
            }
        };
        let path = entry.path();
        let leave_out = skipped(&entry, root);
        let link_out = !leave_out && entry.path_is_symlink() && outside(path);
        if leave_out || link_out {
            // Not a single file below a skipped folder or a link out is read.
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            if link_out {
                found.diagnostics.push(link_outside(path));
            }
            continue;
        }
        if !entry.file_type().is_file() || !is_markdown(path) {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let name = entry.file_name().to_string_lossy();
        if entry.depth() == 1 && name == PROJECT_FILE {
            found.project = Some(relative);
        } else if name == PROJECT_FILE {
            found.diagnostics.push(nested_project(path));
        } else if !name.starts_with('_') {
            found.files.push(relative);
        }
    }
    found
}

/// Picks the register's files out of a list of paths relative to its folder (the files
/// of a commit, where there is no folder to walk), by the walk's rules: hidden entries,
/// a top-level `templates/` folder, output folders (those holding [`OUTPUT_MARKER`]) and
/// names starting with `_` are skipped, `_project.md` counts only at the top. `root`
/// names the files in diagnostics.
pub fn select<'a>(root: &Path, paths: impl IntoIterator<Item = &'a Path>) -> Found {
    let paths: Vec<&Path> = paths.into_iter().collect();
    let outputs: Vec<&Path> = paths
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == OUTPUT_MARKER))
        .filter_map(|p| p.parent())
        .collect();
    let mut found = Found::default();
    for &path in &paths {
        let hidden = path
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let templates = path.components().count() > 1 && path.starts_with("templates");
        let output = outputs.iter().any(|out| path.starts_with(out));
        if hidden || templates || output || !is_markdown(path) {
            continue;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name == PROJECT_FILE && path.components().count() == 1 {
            found.project = Some(path.to_path_buf());
        } else if name == PROJECT_FILE {
            found.diagnostics.push(nested_project(&root.join(path)));
        } else if !name.starts_with('_') {
            found.files.push(path.to_path_buf());
        }
    }
    found.files.sort();
    found
}

fn nested_project(path: &Path) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        "nested-project-file",
        path,
        Loc::whole(),
        "a `_project.md` in a sub-folder is not read; only the one at the top of the register is",
    )
    .help("move its settings into the top `_project.md`, or rename the file if it is a stakeholder")
}

/// A link whose target cannot be reached: missing, or a chain of links that loops.
fn is_broken_link(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_symlink()) && path.metadata().is_err()
}

fn link_outside(path: &Path) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        "link-outside-register",
        path,
        Loc::whole(),
        "symbolic link points outside the register; skipped",
    )
    .help("copy the file into the register, or remove the link")
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

/// Whether a path may matter to [`select`]: a Markdown file or an output folder's
/// marker. A reader of commits fetches only those.
pub fn may_be_register_file(path: &Path) -> bool {
    is_markdown(path) || path.file_name().is_some_and(|n| n == OUTPUT_MARKER)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_skips_what_the_walk_skips() {
        let paths = [
            "_project.md",
            "people/alice.md",
            "people/_draft.md",
            "people/README.txt",
            ".obsidian/x.md",
            "people/.hidden/y.md",
            "templates/report.md",
            "people/templates/z.md",
            "internal-edition/.stake-output",
            "internal-edition/report.md",
            "sub/_project.md",
            "Bob.MD",
        ];
        let found = select(Path::new("reg"), paths.iter().map(Path::new));
        assert_eq!(found.project, Some(PathBuf::from("_project.md")));
        let files: Vec<&str> = found.files.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(
            files,
            ["Bob.MD", "people/alice.md", "people/templates/z.md"]
        );
        assert_eq!(found.diagnostics.len(), 1);
        assert_eq!(found.diagnostics[0].code, "nested-project-file");
        assert_eq!(found.diagnostics[0].file, Path::new("reg/sub/_project.md"));
    }
}
