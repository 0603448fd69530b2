//! The output folder: claimed only when it is ours (a marker file) or empty, written as
//! a new folder beside it, then swapped in with two renames, so a reader (a web server,
//! a browser) sees the old site or the new one, never half of each, and no stale file
//! survives a build.
//!
//! A file the previous build wrote with the same bytes is hard-linked into the new folder
//! instead of written again: a rebuild then creates and frees almost no inodes (costly on
//! a file system that has just freed many, as every rebuild does), and unchanged pages
//! keep their modification time for tools that sync the site.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::register::walk::OUTPUT_MARKER;

const MARKER_TEXT: &str = "This folder is written by `stake build`. Every build replaces its \
contents; keep nothing else here.\n";

/// An output folder being written.
#[derive(Debug)]
pub struct Output {
    /// The folder the site ends up in.
    target: PathBuf,
    /// Where it is written first: a hidden sibling of `target`.
    staging: PathBuf,
    /// Whether `target` holds a previous build whose unchanged files can be reused.
    previous: bool,
}

impl Output {
    /// Claims `out` for a build of the register in `register`. Fails, changing nothing,
    /// when `out` holds the register or is a folder with content that is not ours.
    pub fn claim(out: &Path, register: &Path) -> Result<Output, String> {
        let register = register
            .canonicalize()
            .map_err(|e| format!("cannot resolve {}: {e}", register.display()))?;
        match fs::symlink_metadata(out) {
            Ok(meta) if !meta.is_dir() => {
                return Err(format!(
                    "output `{}` exists and is not a folder; choose another with `-o`",
                    out.display()
                ));
            }
            Ok(_) => {
                let canonical = out
                    .canonicalize()
                    .map_err(|e| format!("cannot resolve {}: {e}", out.display()))?;
                if register.starts_with(&canonical) {
                    return Err(format!(
                        "output `{}` contains the register itself; choose a folder outside it or below it, e.g. `-o internal-edition`",
                        out.display()
                    ));
                }
                if !is_ours_or_empty(out)? {
                    return Err(format!(
                        "output folder `{}` is not empty and was not written by `stake build` \
                         (it has no `{OUTPUT_MARKER}` file); choose another folder with `-o`, \
                         or empty it yourself",
                        out.display()
                    ));
                }
            }
            Err(_) => {}
        }
        let name = out
            .file_name()
            .ok_or_else(|| format!("`{}` cannot be an output folder", out.display()))?
            .to_string_lossy()
            .into_owned();
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let staging = parent.join(format!(".{name}.stake-new-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .map_err(|e| format!("cannot remove {}: {e}", staging.display()))?;
        }
        fs::create_dir(&staging)
            .map_err(|e| format!("cannot create {}: {e}", staging.display()))?;
        let output = Output {
            target: out.to_path_buf(),
            staging,
            previous: out.join(OUTPUT_MARKER).is_file(),
        };
        output
            .write(Path::new(OUTPUT_MARKER), MARKER_TEXT.as_bytes())
            .map_err(|e| format!("cannot write the marker: {e}"))?;
        Ok(output)
    }

    /// The folder the site ends up in.
    pub fn root(&self) -> &Path {
        &self.target
    }

    /// Writes `bytes` to `relative` (in the staging folder, which nobody reads yet), or
    /// links the previous build's file when it holds the same bytes.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> io::Result<()> {
        let path = self.staging.join(relative);
        let old = self.target.join(relative);
        if self.previous
            && holds(&old, bytes)
            && in_folder(&path, |p| fs::hard_link(&old, p)).is_ok()
        {
            return Ok(());
        }
        in_folder(&path, |p| fs::File::create(p)?.write_all(bytes))
    }

    /// Puts the new site in place of the old one and removes the old one.
    pub fn finish(self) -> Result<(), String> {
        let fail = |what: &str, path: &Path, e: io::Error| {
            format!("cannot {what} {}: {e}", path.display())
        };
        let old = self.staging.with_file_name(
            self.staging
                .file_name()
                .map(|n| n.to_string_lossy().replace(".stake-new-", ".stake-old-"))
                .unwrap_or_default(),
        );
        let replaced = self.target.exists();
        if replaced {
            // Checked again: the folder may have changed since it was claimed.
            if !is_ours_or_empty(&self.target)? {
                let _ = fs::remove_dir_all(&self.staging);
                return Err(format!(
                    "`{}` changed during the build and is no longer ours; nothing replaced",
                    self.target.display()
                ));
            }
            fs::rename(&self.target, &old).map_err(|e| fail("move aside", &self.target, e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            if replaced {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(fail("move into place", &self.staging, e));
        }
        if replaced {
            fs::remove_dir_all(&old).map_err(|e| fail("remove the old output", &old, e))?;
        }
        Ok(())
    }
}

impl Drop for Output {
    /// A build that failed leaves nothing behind.
    fn drop(&mut self) {
        if self.staging.exists() {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Runs `create` on `path`, creating its folder first when it is missing (once per
/// folder, not a system call per file).
fn in_folder(path: &Path, create: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    match create(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            create(path)
        }
        done => done,
    }
}

/// Whether `path` is a regular file (not a link to elsewhere) holding exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

fn is_ours_or_empty(dir: &Path) -> Result<bool, String> {
    if dir.join(OUTPUT_MARKER).is_file() {
        return Ok(true);
    }
    Ok(fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .next()
        .is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_folder_is_never_claimed() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("register");
        fs::create_dir(&register).unwrap();
        let foreign = dir.path().join("site");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "mine").unwrap();
        let error = Output::claim(&foreign, &register).unwrap_err();
        assert!(error.contains("not written by `stake build`"), "{error}");
        assert!(foreign.join("keep.txt").exists());
        assert!(!foreign.join(OUTPUT_MARKER).exists());
        // The register or a folder holding it is refused too.
        assert!(Output::claim(&register, &register).is_err());
        assert!(Output::claim(dir.path(), &register).is_err());
    }

    #[test]
    fn a_build_replaces_the_whole_folder_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("reg");
        fs::create_dir(&register).unwrap();
        let out = dir.path().join("public");
        let output = Output::claim(&out, &register).unwrap();
        output
            .write(Path::new("stakeholders/old.html"), b"old")
            .unwrap();
        output.finish().unwrap();
        assert!(out.join("stakeholders/old.html").exists());
        // A failed build (dropped before `finish`) leaves the old site and no litter.
        let output = Output::claim(&out, &register).unwrap();
        output.write(Path::new("index.html"), b"half").unwrap();
        drop(output);
        assert!(out.join("stakeholders/old.html").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        // The next build replaces everything: no stale file survives.
        let output = Output::claim(&out, &register).unwrap();
        output.write(Path::new("index.html"), b"new").unwrap();
        output.finish().unwrap();
        assert!(!out.join("stakeholders").exists());
        assert!(out.join(OUTPUT_MARKER).exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_unchanged_files_and_writes_changed_ones() {
        use std::os::unix::fs::MetadataExt;
        let inode = |path: &Path| fs::metadata(path).unwrap().ino();
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("reg");
        fs::create_dir(&register).unwrap();
        let out = dir.path().join("public");
        let output = Output::claim(&out, &register).unwrap();
        output.write(Path::new("p/same.html"), b"same").unwrap();
        output.write(Path::new("p/changed.html"), b"old").unwrap();
        output.write(Path::new("p/longer.html"), b"abc").unwrap();
        output.finish().unwrap();
        let same = inode(&out.join("p/same.html"));
        let changed = inode(&out.join("p/changed.html"));
        let output = Output::claim(&out, &register).unwrap();
        output.write(Path::new("p/same.html"), b"same").unwrap();
        output.write(Path::new("p/changed.html"), b"new").unwrap();
        output.write(Path::new("p/longer.html"), b"abcd").unwrap();
        output.finish().unwrap();
        assert_eq!(inode(&out.join("p/same.html")), same);
        assert_ne!(inode(&out.join("p/changed.html")), changed);
        assert_eq!(fs::read(out.join("p/same.html")).unwrap(), b"same");
        assert_eq!(fs::read(out.join("p/changed.html")).unwrap(), b"new");
        assert_eq!(fs::read(out.join("p/longer.html")).unwrap(), b"abcd");
        assert_eq!(fs::metadata(out.join("p/same.html")).unwrap().nlink(), 1);
    }
}
