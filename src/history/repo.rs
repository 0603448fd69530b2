//! The git repository that holds a register: found from the register's folder upwards,
//! read with gitoxide (no `git` binary). Revisions, the commits that changed the
//! register's folder, and the register's files at any of them.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gix::ObjectId;
use gix::bstr::ByteSlice;

use crate::register::vocab::{Date, Vocabulary};

/// Why the register's history cannot be read: each is a usage problem (exit status 2).
#[derive(Debug)]
pub enum HistoryError {
    /// No repository holds the folder.
    NotARepository(PathBuf),
    /// The repository has no working tree.
    Bare(PathBuf),
    /// A shallow clone: the history asked for is not in it.
    Shallow(String),
    /// A revision that names no commit, with the tags that exist, closest first.
    UnknownRevision {
        /// As written.
        rev: String,
        /// Existing tags, closest to `rev` first.
        tags: Vec<String>,
        /// The clone is shallow, so the revision may exist elsewhere.
        shallow: bool,
    },
    /// A date before the first commit.
    BeforeFirstCommit {
        /// The date asked for.
        date: Date,
        /// The date of the first commit.
        first: Date,
    },
    /// The register folder is not in a commit.
    NotInCommit {
        /// The register folder, relative to the repository.
        folder: String,
        /// The revision as written.
        rev: String,
    },
    /// The repository has no commit yet.
    NoCommits,
    /// Something the git library reported.
    Git(String),
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryError::NotARepository(dir) => write!(
                f,
                "`{}` is not in a git repository, so it has no history to compare\n  = help: keep the register in git (`git init`, then commit after each review) to use `stake diff` and `stake history`",
                dir.display()
            ),
            HistoryError::Bare(dir) => write!(
                f,
                "`{}` is a bare git repository (no working tree); run stake in a clone of it",
                dir.display()
            ),
            HistoryError::Shallow(what) => write!(
                f,
                "this is a shallow clone: {what}\n  = help: fetch the whole history with `git fetch --unshallow`"
            ),
            HistoryError::UnknownRevision { rev, tags, shallow } => {
                write!(
                    f,
                    "`{rev}` is not a tag, branch or commit of this repository, nor a date (YYYY-MM-DD)"
                )?;
                if *shallow {
                    write!(
                        f,
                        "; this is a shallow clone, so it may be in the history left out (`git fetch --unshallow` fetches it)"
                    )?;
                }
                if tags.is_empty() {
                    write!(
                        f,
                        "\n  = help: the repository has no tags; give a branch, a commit or a date"
                    )
                } else {
                    let shown: Vec<String> =
                        tags.iter().take(10).map(|t| format!("`{t}`")).collect();
                    let more = tags.len().saturating_sub(shown.len());
                    write!(f, "\n  = help: tags, closest first: {}", shown.join(", "))?;
                    if more > 0 {
                        write!(f, " and {more} more")?;
                    }
                    Ok(())
                }
            }
            HistoryError::BeforeFirstCommit { date, first } => write!(
                f,
                "no commit on or before {date}: the first commit is from {first}"
            ),
            HistoryError::NotInCommit { folder, rev } => write!(
                f,
                "the register folder `{folder}` is not in `{rev}`\n  = help: give a later revision; `stake history` lists the commits that have it"
            ),
            HistoryError::NoCommits => write!(f, "the repository has no commit yet"),
            HistoryError::Git(message) => write!(f, "cannot read the git repository: {message}"),
        }
    }
}

impl std::error::Error for HistoryError {}

fn git(error: impl fmt::Display) -> HistoryError {
    HistoryError::Git(error.to_string())
}

/// One commit, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hexadecimal id.
    pub id: ObjectId,
    /// The committer's date, in the committer's time zone.
    pub date: Date,
    /// Seconds since the epoch (committer time).
    pub time: i64,
    /// The author's name.
    pub author: String,
    /// The first line of the message.
    pub subject: String,
    /// The register folder's tree at this commit; `None` when the folder is not in it.
    pub register: Option<ObjectId>,
}

impl Commit {
    /// The id in full.
    pub fn hex(&self) -> String {
        self.id.to_string()
    }

    /// The id as people quote it: its first seven digits.
    pub fn short(&self) -> String {
        self.id.to_hex_with_len(7).to_string()
    }
}

/// A register's repository.
pub struct Repo {
    repo: gix::Repository,
    /// The register folder relative to the working tree (empty: the top).
    folder: PathBuf,
    /// Where a shallow clone's history stops.
    boundary: Vec<ObjectId>,
}

impl Repo {
    /// Finds the repository holding `dir`, from `dir` upwards.
    pub fn open(dir: &Path) -> Result<Repo, HistoryError> {
        let canonical = dir
            .canonicalize()
            .map_err(|_| HistoryError::NotARepository(dir.to_path_buf()))?;
        // As git does, the search upwards does not go above the folders that
        // `GIT_CEILING_DIRECTORIES` names; a folder outside them is searched as usual.
        let options = gix::discover::upwards::Options {
            match_ceiling_dir_or_error: false,
            ..Default::default()
        }
        .apply_environment();
        let mut repo: gix::Repository =
            gix::ThreadSafeRepository::discover_opts(&canonical, options, Default::default())
                .map_err(|_| HistoryError::NotARepository(dir.to_path_buf()))?
                .into();
        // Many small objects are read again and again while walking the history.
        repo.object_cache_size_if_unset(4 * 1024 * 1024);
        let Some(workdir) = repo.workdir() else {
            return Err(HistoryError::Bare(dir.to_path_buf()));
        };
        let workdir = workdir
            .canonicalize()
            .map_err(|e| git(format!("cannot resolve the working tree: {e}")))?;
        let folder = canonical
            .strip_prefix(&workdir)
            .map(Path::to_path_buf)
            .map_err(|_| HistoryError::NotARepository(dir.to_path_buf()))?;
        let boundary = match repo.shallow_commits() {
            Ok(Some(commits)) => commits.iter().copied().collect(),
            _ => Vec::new(),
        };
        Ok(Repo {
            repo,
            folder,
            boundary,
        })
    }

    /// The register folder relative to the repository, with `/` separators (`.` for the
    /// top).
    pub fn folder(&self) -> String {
        if self.folder.as_os_str().is_empty() {
            ".".into()
        } else {
            crate::analysis::file_name(&self.folder)
        }
    }

    /// Whether the clone is shallow.
    pub fn is_shallow(&self) -> bool {
        !self.boundary.is_empty() || self.repo.is_shallow().unwrap_or(false)
    }

    /// The commit a revision names: anything git understands (a tag, branch or commit),
    /// else a date `YYYY-MM-DD`, meaning the last commit on or before it on the first-
    /// parent line of `HEAD`.
    pub fn resolve(&self, rev: &str) -> Result<Commit, HistoryError> {
        if let Ok(id) = self.repo.rev_parse_single(rev)
            && let Ok(object) = id.object()
            && let Ok(commit) = object.peel_to_commit()
        {
            return self.commit(commit.id);
        }
        if let Some(date) = <Date as Vocabulary>::parse(rev) {
            return self.on_or_before(date);
        }
        Err(HistoryError::UnknownRevision {
            rev: rev.to_owned(),
            tags: self.tags_closest_to(rev),
            shallow: self.is_shallow(),
        })
    }

    fn on_or_before(&self, date: Date) -> Result<Commit, HistoryError> {
        let mut first = None;
        for commit in self.first_parent_line()? {
            let commit = commit?;
            if commit.date <= date {
                return Ok(commit);
            }
            first = Some(commit.date);
        }
        match first {
            Some(first) if self.is_shallow() => Err(HistoryError::Shallow(format!(
                "its oldest commit is from {first}, and nothing on or before {date} is in it"
            ))),
            Some(first) => Err(HistoryError::BeforeFirstCommit { date, first }),
            None => Err(HistoryError::NoCommits),
        }
    }

    /// Tag names, closest to `rev` first (then by name).
    fn tags_closest_to(&self, rev: &str) -> Vec<String> {
        let mut tags: Vec<(usize, String)> = self
            .tags()
            .unwrap_or_default()
            .into_iter()
            .map(|(name, _)| {
                (
                    strsim::levenshtein(&name.to_lowercase(), &rev.to_lowercase()),
                    name,
                )
            })
            .collect();
        tags.sort();
        tags.into_iter().map(|(_, name)| name).collect()
    }

    /// Every tag with the commit it names, by name.
    pub fn tags(&self) -> Result<Vec<(String, ObjectId)>, HistoryError> {
        let references = self.repo.references().map_err(git)?;
        let mut tags = Vec::new();
        for reference in references.tags().map_err(git)? {
            let Ok(mut reference) = reference else {
                continue;
            };
            let name = reference.name().shorten().to_str_lossy().into_owned();
            if let Ok(commit) = reference.peel_to_commit() {
                tags.push((name, commit.id));
            }
        }
        tags.sort();
        Ok(tags)
    }

    /// The most recent tag matching `pattern` (`*` any characters, `?` one) that names
    /// a commit of the first-parent line of `HEAD` which changed the register folder (a
    /// point of `stake history`), with that commit. `None` when no tag matches; a
    /// repository without tags is not walked.
    pub fn latest_tag(&self, pattern: &str) -> Result<Option<(String, Commit)>, HistoryError> {
        let mut tagged: std::collections::HashMap<ObjectId, String> =
            std::collections::HashMap::new();
        for (name, id) in self.tags()? {
            if wildcard(pattern, &name) {
                // By name, the last wins: `steering-2026-11b` over `steering-2026-11`.
                tagged.insert(id, name);
            }
        }
        if tagged.is_empty() {
            return Ok(None);
        }
        // Newest first: a commit changed the register when its folder differs from its
        // parent's, the one read after it.
        let mut newer: Option<Commit> = None;
        for commit in self.first_parent_line()? {
            let commit = commit?;
            if let Some(found) = newer
                .take()
                .and_then(|n| self.tagged_change(n, &commit, &tagged))
            {
                return Ok(Some(found));
            }
            newer = Some(commit);
        }
        Ok(newer.and_then(|root| {
            let name = tagged.get(&root.id)?.clone();
            root.register.is_some().then_some((name, root))
        }))
    }

    fn tagged_change(
        &self,
        commit: Commit,
        parent: &Commit,
        tagged: &std::collections::HashMap<ObjectId, String>,
    ) -> Option<(String, Commit)> {
        let name = tagged.get(&commit.id)?.clone();
        (commit.register.is_some() && commit.register != parent.register).then_some((name, commit))
    }

    /// A commit by id.
    pub fn commit(&self, id: ObjectId) -> Result<Commit, HistoryError> {
        let commit = self.repo.find_commit(id).map_err(git)?;
        let committer = commit.committer().map_err(git)?;
        let time = committer.time().map_err(git)?;
        let author = commit
            .author()
            .map(|a| a.name.to_str_lossy().trim().to_owned())
            .unwrap_or_default();
        let subject = commit
            .message_raw_sloppy()
            .lines()
            .next()
            .map(|l| l.to_str_lossy().trim().to_owned())
            .unwrap_or_default();
        let tree = commit.tree_id().map_err(git)?.detach();
        Ok(Commit {
            id,
            date: date_of(time.seconds, time.offset),
            time: time.seconds,
            author,
            subject,
            register: self.folder_tree(tree)?,
        })
    }

    /// The register folder's tree inside a commit's tree.
    fn folder_tree(&self, root: ObjectId) -> Result<Option<ObjectId>, HistoryError> {
        if self.folder.as_os_str().is_empty() {
            return Ok(Some(root));
        }
        let tree = self.repo.find_tree(root).map_err(git)?;
        let entry = tree.lookup_entry_by_path(&self.folder).map_err(git)?;
        Ok(entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id()))
    }

    /// The first-parent line from `HEAD`, newest first.
    fn first_parent_line(&self) -> Result<FirstParents<'_>, HistoryError> {
        let head = match self.repo.head_id() {
            Ok(id) => Some(id.detach()),
            Err(_) if self.repo.head().is_ok_and(|h| h.is_unborn()) => None,
            Err(e) => return Err(git(e)),
        };
        Ok(FirstParents {
            repo: self,
            next: head,
        })
    }

    /// The commits of the first-parent line of `HEAD` that changed the register folder
    /// (added it, changed a file in it, or removed it), oldest first. In a shallow clone
    /// the line stops where the clone does.
    pub fn register_commits(&self) -> Result<Vec<Commit>, HistoryError> {
        let mut line = Vec::new();
        for commit in self.first_parent_line()? {
            line.push(commit?);
        }
        line.reverse();
        let mut changed = Vec::new();
        let mut before = None;
        for commit in line {
            if commit.register != before {
                before = commit.register;
                changed.push(commit);
            }
        }
        Ok(changed)
    }

    /// Every file under a tree, with its blob id, paths relative to the tree; symbolic
    /// links and submodules are left out (they are not followed in a commit). The
    /// listing of each sub-folder's version is kept in `memo`: a history lists every
    /// commit's register, and most of its folders are the version the commit before
    /// had, read once.
    pub fn files(&self, tree: ObjectId, memo: &mut TreeMemo) -> Result<TreeFiles, HistoryError> {
        let mut out = Vec::new();
        self.list(tree, Path::new(""), memo, &mut out)?;
        Ok(out)
    }

    fn list(
        &self,
        tree: ObjectId,
        base: &Path,
        memo: &mut TreeMemo,
        out: &mut TreeFiles,
    ) -> Result<(), HistoryError> {
        // The register's own folder changes with every commit: only sub-folders are kept.
        let key = (!base.as_os_str().is_empty()).then(|| (tree, base.to_path_buf()));
        if let Some(known) = key.as_ref().and_then(|key| memo.get(key)) {
            out.extend(known.iter().cloned());
            return Ok(());
        }
        let start = out.len();
        let read = self.repo.find_tree(tree).map_err(git)?;
        let mut folders = Vec::new();
        for entry in read.iter() {
            let entry = entry.map_err(git)?;
            let Ok(name) = entry.filename().to_str() else {
                continue;
            };
            let path = base.join(name);
            let mode = entry.mode();
            if mode.is_tree() {
                folders.push((entry.oid().to_owned(), path));
            } else if mode.is_blob() {
                out.push((Arc::from(path), entry.oid().to_owned()));
            }
        }
        for (id, path) in folders {
            self.list(id, &path, memo, out)?;
        }
        if let Some(key) = key {
            memo.insert(key, out[start..].into());
        }
        Ok(())
    }

    /// A handle on the repository for other threads ([`Repo::blob_of`]).
    pub fn thread_safe(&self) -> gix::ThreadSafeRepository {
        self.repo.clone().into_sync()
    }

    /// The contents of a blob, read through a thread's own handle.
    pub fn blob_of(repo: &gix::Repository, id: ObjectId) -> Result<Vec<u8>, HistoryError> {
        let blob = repo.find_blob(id).map_err(git)?;
        Ok(blob.data.to_vec())
    }

    /// The contents of a blob.
    pub fn blob(&self, id: ObjectId) -> Result<Vec<u8>, HistoryError> {
        // A copy of exactly the blob's size: the buffer gix read it into goes back to
        // its free list, sized for the largest object seen, and keeping thousands of
        // those would take hundreds of megabytes.
        let blob = self.repo.find_blob(id).map_err(git)?;
        Ok(blob.data.to_vec())
    }

    /// The register's files at a commit: paths relative to the register folder, with
    /// their bytes.
    pub fn register_files(
        &self,
        commit: &Commit,
        rev: &str,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>, HistoryError> {
        let Some(tree) = commit.register else {
            return Err(HistoryError::NotInCommit {
                folder: self.folder(),
                rev: rev.to_owned(),
            });
        };
        let files: Vec<(PathBuf, ObjectId)> = self
            .files(tree, &mut TreeMemo::new())?
            .into_iter()
            .filter(|(path, _)| crate::register::walk::may_be_register_file(path))
            .map(|(path, id)| (path.to_path_buf(), id))
            .collect();
        // Read on every core, each thread with its own handle.
        use rayon::prelude::*;
        let shared = self.thread_safe();
        files
            .into_par_iter()
            .map_init(
                || shared.to_thread_local(),
                |local, (path, id)| Ok((path, Repo::blob_of(local, id)?)),
            )
            .collect()
    }
}

/// The files under a tree, with their blob ids (paths relative to the tree, shared).
pub type TreeFiles = Vec<(Arc<Path>, ObjectId)>;

/// The listings of sub-folder versions already read, by tree id and path.
pub type TreeMemo = HashMap<(ObjectId, PathBuf), Arc<[(Arc<Path>, ObjectId)]>>;

/// Walks the first-parent line of commits, newest first.
struct FirstParents<'a> {
    repo: &'a Repo,
    next: Option<ObjectId>,
}

impl Iterator for FirstParents<'_> {
    type Item = Result<Commit, HistoryError>;

    fn next(&mut self) -> Option<Self::Item> {
        let id = self.next.take()?;
        let found = match self.repo.repo.find_commit(id) {
            Ok(found) => found,
            // A shallow clone's line ends at a commit whose parents are not in it.
            Err(_) if self.repo.is_shallow() => return None,
            Err(e) => return Some(Err(git(e))),
        };
        let parent = found.parent_ids().next().map(|p| p.detach());
        if !self.repo.boundary.contains(&id) {
            self.next = parent;
        }
        Some(self.repo.commit(id))
    }
}

/// Whether `name` matches `pattern`, where `*` stands for any characters (none too)
/// and `?` for exactly one.
pub fn wildcard(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    let (mut p, mut n) = (0, 0);
    // Where the last `*` was, and the name's position it was matched up to.
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// The calendar date of a git time in its own offset.
pub(crate) fn date_of(seconds: i64, offset: i32) -> Date {
    let tz = jiff::tz::Offset::from_seconds(offset)
        .map(jiff::tz::TimeZone::fixed)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_second(seconds)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(tz)
        .date()
}

#[cfg(test)]
mod tests {
    use super::wildcard;

    #[test]
    fn wildcards_match_as_in_a_shell() {
        assert!(wildcard("*", "steering-2026-11"));
        assert!(wildcard("steering-*", "steering-2026-11"));
        assert!(!wildcard("steering-*", "v1.0"));
        assert!(wildcard("v?.0", "v1.0"));
        assert!(!wildcard("v?.0", "v10.0"));
        assert!(wildcard("*-11", "steering-2026-11"));
        assert!(!wildcard("*-11", "steering-2026-12"));
        assert!(wildcard("s*g-*-1?", "steering-2026-11"));
        assert!(wildcard("评审*", "评审-十一月"));
        assert!(!wildcard("v1", "v1.0"));
    }
}
