//! The output folder: claimed with a marker file, written file by file atomically, and
//! cleaned of stale files only when the marker says it is ours.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::register::walk::OUTPUT_MARKER;

const MARKER_TEXT: &str = "This folder is written by `stake build`. Every build replaces its \
contents; keep nothing else here.\n";

/// An output folder that is ours to write.
#[derive(Debug)]
pub struct Output {
    root: PathBuf,
    temp_counter: AtomicU64,
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
                        "output `{}` contains the register itself; choose a folder outside it, e.g. `-o public`",
                        out.display()
                    ));
                }
                let ours = out.join(OUTPUT_MARKER).is_file();
                let empty = fs::read_dir(out)
                    .map_err(|e| format!("cannot read {}: {e}", out.display()))?
                    .next()
                    .is_none();
                if !ours && !empty {
                    return Err(format!(
                        "output folder `{}` is not empty and was not written by `stake build` \
                         (it has no `{OUTPUT_MARKER}` file); choose another folder with `-o`, \
                         or empty it yourself",
                        out.display()
                    ));
                }
            }
            Err(_) => fs::create_dir_all(out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()))?,
        }
        let output = Output {
            root: out.to_path_buf(),
            temp_counter: AtomicU64::new(0),
        };
        output
            .write(Path::new(OUTPUT_MARKER), MARKER_TEXT.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", out.join(OUTPUT_MARKER).display()))?;
        Ok(output)
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` to `relative` atomically: a temporary file in the same folder,
    /// then a rename, so a reader never sees half a page.
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> io::Result<()> {
        let path = self.root.join(relative);
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir)?;
        let n = self.temp_counter.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".stake-tmp-{}-{n}", std::process::id()));
        let result = (|| {
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)?;
            file.write_all(bytes)?;
            drop(file);
            fs::rename(&temp, &path)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }

    /// Removes every file this build did not write (`written`, relative paths) and the
    /// folders left empty. Links are removed, never followed.
    pub fn remove_stale(&self, written: &BTreeSet<PathBuf>) -> io::Result<usize> {
        let mut removed = 0;
        let mut folders = Vec::new();
        for entry in walkdir::WalkDir::new(&self.root)
            .min_depth(1)
            .follow_links(false)
        {
            let entry = entry.map_err(io::Error::other)?;
            let relative = entry
                .path()
                .strip_prefix(&self.root)
                .unwrap_or(entry.path());
            if entry.file_type().is_dir() {
                folders.push(entry.path().to_path_buf());
            } else if relative != Path::new(OUTPUT_MARKER) && !written.contains(relative) {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        // Deepest first, so a folder is empty once its children are gone.
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        for folder in folders {
            if fs::read_dir(&folder)?.next().is_none() {
                fs::remove_dir(&folder)?;
            }
        }
        Ok(removed)
    }
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
    fn stale_files_of_our_folder_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let register = dir.path().join("reg");
        fs::create_dir(&register).unwrap();
        let output = Output::claim(&out, &register).unwrap();
        output
            .write(Path::new("stakeholders/old.html"), b"old")
            .unwrap();
        output.write(Path::new("index.html"), b"new").unwrap();
        let written: BTreeSet<PathBuf> = [PathBuf::from("index.html")].into();
        assert_eq!(output.remove_stale(&written).unwrap(), 1);
        assert!(!out.join("stakeholders").exists());
        assert!(out.join(OUTPUT_MARKER).exists());
        // Claimed again: it is ours now, with content.
        assert!(Output::claim(&out, &register).is_ok());
    }
}
