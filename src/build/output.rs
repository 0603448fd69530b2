//! The output folder: claimed only when it is ours (a marker file) or empty, written as
//! a new folder beside it, then swapped in with two renames, so a reader (a web server,
//! a browser) sees the old site or the new one, never half of each, and no stale file
//! survives a build.
//!
//! A file the previous build wrote with the same bytes is hard-linked into the new folder
//! instead of written again: a rebuild then creates and frees almost no inodes (costly on
//! a file system that has just freed many, as every rebuild does), and unchanged pages
//! keep their modification time for tools that sync the site.
//!
//! Nothing is written through a link or into a file that was there before: the staging
//! folder has a name nobody can guess and its files are created new. One build (or brief) at a
//! time writes a folder (a lock file beside it); under the lock, what killed builds left
//! beside it (`.OUT.stake-new-…`, `.OUT.stake-old-…`) is removed. `stake brief` writes
//! into its folder by the same rule ([`claim_brief_folder`], [`replace_file`]).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::register::walk::OUTPUT_MARKER;

const MARKER_TEXT: &str = "This folder is written by `stake build`. Every build replaces its \
contents; keep nothing else here.\n";

/// How long a build waits for another one writing the same folder before it gives up.
const LOCK_WAIT: Duration = Duration::from_secs(120);

/// An output folder being written.
#[derive(Debug)]
pub struct Output {
    /// The folder the site ends up in.
    target: PathBuf,
    /// Where it is written first: a hidden sibling of `target`.
    staging: PathBuf,
    /// Whether `target` holds a previous build whose unchanged files can be reused.
    previous: bool,
    /// Held from the claim to the end: one build at a time writes `target` (released
    /// by the system when the process dies, so a killed build leaves no stale lock).
    _lock: Lock,
}

impl Output {
    /// Claims `out` for a build of the register in `register`. Fails, changing nothing,
    /// when `out` holds the register or is a folder with content that is not ours.
    /// Waits while another build writes the same folder, then removes what a killed
    /// build left beside it.
    pub fn claim(out: &Path, register: &Path) -> Result<Output, String> {
        let (name, parent) = name_and_parent(out)?;
        // Checked before waiting for the lock, so that a wrong `-o` fails at once.
        may_write(out, register)?;
        fs::create_dir_all(&parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let lock = Lock::take(out, &lock_path(&parent, &name))?;
        // Checked again under the lock: another build may have written it meanwhile.
        may_write(out, register)?;
        remove_leftovers(&parent, &name);
        let staging = staging_folder(&parent, &name)?;
        let output = Output {
            target: out.to_path_buf(),
            staging,
            previous: out.join(OUTPUT_MARKER).is_file(),
            _lock: lock,
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

    /// The folder the site is written into before it is put in place.
    pub fn staged(&self) -> &Path {
        &self.staging
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
        // A new file, never an existing one or a link planted in its place.
        in_folder(&path, |p| {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(p)?
                .write_all(bytes)
        })
    }

    /// Puts the new site in place of the old one and removes the old one.
    pub fn finish(self) -> Result<(), String> {
        let fail = |what: &str, path: &Path, e: io::Error| {
            format!("cannot {what} {}: {e}", path.display())
        };
        let old = self.staging.with_file_name(
            self.staging
                .file_name()
                .map(|n| n.to_string_lossy().replace(STAGING, LEFT_OVER))
                .unwrap_or_default(),
        );
        let replaced = fs::symlink_metadata(&self.target).is_ok();
        if replaced {
            // Checked again: the folder may have changed since it was claimed.
            let is_folder = fs::symlink_metadata(&self.target).is_ok_and(|m| m.is_dir());
            if !is_folder || !is_ours_or_empty(&self.target)? {
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

/// The marker of a staging folder's name, `.OUT.stake-new-PID-RANDOM`.
const STAGING: &str = ".stake-new-";
/// The marker of a previous site's name while it is being replaced.
const LEFT_OVER: &str = ".stake-old-";

/// The lock file of the output folder `name` in `parent`.
fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.stake-lock"))
}

/// The folder's name and the folder it is in.
fn name_and_parent(out: &Path) -> Result<(String, PathBuf), String> {
    let name = out
        .file_name()
        .ok_or_else(|| format!("`{}` cannot be an output folder", out.display()))?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((name, parent))
}

/// Whether stake may write into `out` for the register in `register`: it is missing
/// (false), or an empty folder or one with the marker (true) that neither is nor holds
/// the register. A link is refused, never followed. Shared by `build` and `brief`.
pub fn may_write(out: &Path, register: &Path) -> Result<bool, String> {
    let register = register
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", register.display()))?;
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(_) => return Ok(false),
    };
    if meta.is_symlink() {
        return Err(format!(
            "output `{}` is a symbolic link; stake writes only into a real folder, choose one with `-o`",
            out.display()
        ));
    }
    if !meta.is_dir() {
        return Err(format!(
            "output `{}` exists and is not a folder; choose another with `-o`",
            out.display()
        ));
    }
    let canonical = out
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", out.display()))?;
    if register.starts_with(&canonical) {
        return Err(format!(
            "output `{}` contains the register itself; choose a folder outside it with `-o`",
            out.display()
        ));
    }
    if !is_ours_or_empty(out)? {
        return Err(format!(
            "output folder `{}` is not empty and was not written by stake \
             (it has no `{OUTPUT_MARKER}` file); choose another folder with `-o`, \
             or empty it yourself",
            out.display()
        ));
    }
    Ok(true)
}

/// The lock of one output folder: a file beside it, locked with the system's file lock
/// and removed when the build ends.
#[derive(Debug)]
struct Lock {
    path: PathBuf,
    file: fs::File,
}

impl Drop for Lock {
    /// Removed while still locked: a build waiting on it then finds the path gone or
    /// another file there, and opens that one (see [`Lock::take`]).
    fn drop(&mut self) {
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

impl Lock {
    /// Takes the lock of `out` at `path`, waiting while another build holds it.
    fn take(out: &Path, path: &Path) -> Result<Lock, String> {
        let started = Instant::now();
        let mut told = false;
        loop {
            if fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
                return Err(format!(
                    "`{}` is a symbolic link; remove it (stake keeps a lock file there during a build)",
                    path.display()
                ));
            }
            let file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(|e| format!("cannot create the lock {}: {e}", path.display()))?;
            match file.try_lock() {
                // The file may have been removed by the build that held it, just before
                // it let go: then the lock is on a file nobody else sees; open again.
                Ok(()) if is_at(&file, path) => {
                    return Ok(Lock {
                        path: path.to_path_buf(),
                        file,
                    });
                }
                Ok(()) => continue,
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    if !told {
                        eprintln!(
                            "note: another stake build or brief is writing `{}`; waiting for it to finish",
                            out.display()
                        );
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(format!(
                        "another stake build or brief has been writing `{}` for {} s; try again when it has finished",
                        out.display(),
                        LOCK_WAIT.as_secs()
                    ));
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(format!("cannot lock {}: {e}", path.display()));
                }
            }
        }
    }
}

/// Whether the open `file` is still the one at `path`.
fn is_at(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Removes the staging folders and half-replaced sites of `name` that a killed build
/// left in `parent`. Called under the lock, so none of them belongs to a running build.
/// A link is removed as a link; nothing it points to is touched.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}{STAGING}"), format!(".{name}{LEFT_OVER}")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        let path = entry.path();
        let _ = match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
            Err(e) => Err(e),
        };
    }
}

/// A new staging folder beside the output, with a name nobody can guess in advance
/// (created exclusively: a planted folder or link is never written into).
fn staging_folder(parent: &Path, name: &str) -> Result<PathBuf, String> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{name}{STAGING}{}-", std::process::id());
    builder.prefix(&prefix);
    // The site is read by others (a web server): the usual mode, not a private one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    builder
        .tempdir_in(parent)
        .map(tempfile::TempDir::keep)
        .map_err(|e| format!("cannot create a folder in {}: {e}", parent.display()))
}

const BRIEF_MARKER_TEXT: &str = "This folder is written by `stake brief`, which replaces its \
`brief.*` files; keep nothing else here.\n";

/// A brief's hold on its folder, kept while its files are written: a build or another
/// brief into the same folder waits meanwhile (the build's lock).
#[derive(Debug)]
pub struct BriefFolder {
    out: PathBuf,
    _lock: Lock,
}

/// Where a command writes its files, each whole or not at all: a build's staging
/// folder ([`Output`]), or a brief's folder, file by file ([`BriefFolder`]).
pub trait Destination: Sync {
    /// Writes `bytes` to `relative`.
    fn put(&self, relative: &Path, bytes: &[u8]) -> Result<(), String>;
}

impl Destination for Output {
    fn put(&self, relative: &Path, bytes: &[u8]) -> Result<(), String> {
        self.write(relative, bytes)
            .map_err(|e| format!("cannot write {}: {e}", self.root().join(relative).display()))
    }
}

impl Destination for BriefFolder {
    fn put(&self, relative: &Path, bytes: &[u8]) -> Result<(), String> {
        replace_file(&self.out, &relative.to_string_lossy(), bytes).map(|_| ())
    }
}

/// Makes `out` ready for `stake brief` of the register in `register`, by the same rule
/// as a build's output ([`may_write`]): created when missing, and marked as ours.
pub fn claim_brief_folder(out: &Path, register: &Path) -> Result<BriefFolder, String> {
    may_write(out, register)?;
    let (name, parent) = name_and_parent(out)?;
    fs::create_dir_all(&parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let lock = Lock::take(out, &lock_path(&parent, &name))?;
    may_write(out, register)?;
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let marker = out.join(OUTPUT_MARKER);
    if fs::symlink_metadata(&marker).is_err() {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&marker)
            .and_then(|mut file| file.write_all(BRIEF_MARKER_TEXT.as_bytes()))
            .map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
    }
    remove_stale_temp_files(out);
    Ok(BriefFolder {
        out: out.to_path_buf(),
        _lock: lock,
    })
}

/// How old a brief's temporary file must be to count as left by a killed run: a brief
/// that is still running writes its files within seconds.
const STALE_TEMP_AGE: Duration = Duration::from_secs(15 * 60);

/// Removes the temporary files (`.brief.*.stake-tmp`) a killed brief left in `out`;
/// a link among them is removed as a link.
fn remove_stale_temp_files(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".brief.") && name.contains(".stake-tmp");
        let stale = fs::symlink_metadata(entry.path()).is_ok_and(|meta| {
            !meta.is_dir()
                && meta
                    .modified()
                    .ok()
                    .and_then(|at| at.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMP_AGE)
        });
        if ours && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` as `out/name` in one step: a temporary file with a name nobody can
/// guess, created exclusively, then renamed over `name` (a reader sees the old file or
/// the new one; a link planted at `name` is replaced, never followed).
pub fn replace_file(out: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let path = out.join(name);
    crate::atomic::replace(&path, bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
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
        assert!(error.contains("not written by stake"), "{error}");
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
    fn what_a_killed_build_left_is_removed_and_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("reg");
        fs::create_dir(&register).unwrap();
        let out = dir.path().join("public");
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "mine").unwrap();
        // A staging folder and a half-replaced site of killed builds, and a planted link.
        fs::create_dir_all(
            dir.path()
                .join(".public.stake-new-4242-abcdef/stakeholders"),
        )
        .unwrap();
        fs::create_dir_all(dir.path().join(".public.stake-old-4243-ghijkl")).unwrap();
        fs::write(
            dir.path()
                .join(".public.stake-old-4243-ghijkl/internal.html"),
            "x",
        )
        .unwrap();
        std::os::unix::fs::symlink(&outside, dir.path().join(".public.stake-new-1")).unwrap();
        // Another output's leftovers are not ours to remove.
        fs::create_dir(dir.path().join(".site.stake-new-1-x")).unwrap();
        let output = Output::claim(&out, &register).unwrap();
        output.write(Path::new("index.html"), b"new").unwrap();
        output.finish().unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".site.stake-new-1-x", "outside", "public", "reg"]);
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn concurrent_builds_into_one_folder_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("reg");
        fs::create_dir(&register).unwrap();
        let out = dir.path().join("public");
        std::thread::scope(|scope| {
            let builds: Vec<_> = (0..4)
                .map(|n| {
                    let (out, register) = (&out, &register);
                    scope.spawn(move || -> Result<(), String> {
                        for round in 0..5 {
                            let output = Output::claim(out, register)?;
                            let page = format!("build {n} round {round}");
                            output
                                .write(Path::new("p/index.html"), page.as_bytes())
                                .map_err(|e| e.to_string())?;
                            output.finish()?;
                        }
                        Ok(())
                    })
                })
                .collect();
            for build in builds {
                assert_eq!(build.join().unwrap(), Ok(()));
            }
        });
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no litter");
    }

    #[cfg(unix)]
    #[test]
    fn a_brief_file_replaces_a_planted_link_and_never_writes_through_it() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("reg");
        fs::create_dir(&register).unwrap();
        let out = dir.path().join("brief");
        claim_brief_folder(&out, &register).unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "keep").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("brief.md")).unwrap();
        replace_file(&out, "brief.md", b"# Brief").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(fs::read_to_string(out.join("brief.md")).unwrap(), "# Brief");
        assert!(
            !fs::symlink_metadata(out.join("brief.md"))
                .unwrap()
                .is_symlink()
        );
        // A folder of someone else's files, or the register, is refused.
        fs::write(register.join("brief.md"), "a stakeholder").unwrap();
        assert!(claim_brief_folder(&register, &register).is_err());
        assert!(claim_brief_folder(dir.path(), &register).is_err());
        let theirs = dir.path().join("theirs");
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("notes.md"), "x").unwrap();
        assert!(claim_brief_folder(&theirs, &register).is_err());
        assert_eq!(
            fs::read_to_string(register.join("brief.md")).unwrap(),
            "a stakeholder"
        );
    }

    #[test]
    fn a_killed_brief_s_temporary_files_go_once_they_are_stale() {
        let dir = tempfile::tempdir().unwrap();
        let register = dir.path().join("reg");
        fs::create_dir(&register).unwrap();
        let out = dir.path().join("brief");
        claim_brief_folder(&out, &register).unwrap();
        let stale = out.join(".brief.pdf.a1B2c3.stake-tmp");
        let fresh = out.join(".brief.html.d4E5f6.stake-tmp");
        let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        fs::File::create(&stale)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        fs::write(&fresh, "being written").unwrap();
        claim_brief_folder(&out, &register).unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists(), "a brief running now keeps its file");
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
