//! Loading a register: walk the folder, split and parse every file, check the values and
//! the references between files, and collect every diagnostic of the whole register.

pub mod day_rule;
pub mod doc;
pub mod front_matter;
pub mod id;
pub mod meetings;
pub mod model;
mod plan;
mod references;
pub mod typing;
pub mod vocab;
pub mod walk;
mod yaml;

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use model::{Meeting, Project, Register, Stakeholder};

use crate::diagnostic::{Diagnostic, Loc, Severity, Sources};
use front_matter::FrontMatter;
use references::Broken;
use typing::{FileCx, Typed};

/// Limits that keep a hostile or broken file from taking the machine down.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest file read, in bytes (default 1 MiB).
    pub max_file_bytes: u64,
}

impl Limits {
    /// The largest `max_file_bytes` a user may set (1 GiB): far above any register
    /// file, and far below what would overflow a size computation.
    pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1024 * 1024,
        }
    }
}

/// A register as loaded, with everything found wrong in it.
#[derive(Debug)]
pub struct Loaded {
    /// The stakeholders that could be read (all of them when there are no errors).
    pub register: Register,
    /// Every diagnostic, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file read, for snippets.
    pub sources: Sources,
}

impl Loaded {
    /// Number of diagnostics of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Why a register could not be loaded at all (a usage problem, not a register problem).
#[derive(Debug)]
pub enum LoadError {
    /// The folder does not exist.
    NotFound(PathBuf),
    /// The path is a file, not a folder.
    NotAFolder(PathBuf),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotFound(path) => {
                write!(f, "register folder `{}` does not exist", path.display())
            }
            LoadError::NotAFolder(path) => write!(
                f,
                "`{}` is a file; a register is a folder of Markdown files",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// What one file turned out to be.
#[derive(Debug, Clone)]
enum Outcome {
    Stakeholder(Box<Stakeholder>),
    Meeting(Box<Meeting>),
    Broken(Broken),
    Project(Box<Project>),
    Nothing,
}

/// One file read and checked on its own, before the checks across files: what
/// [`assemble`] puts together into a register. Cheap to keep, so a reader of many
/// versions of a register (its git history) parses each file version once.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    display: PathBuf,
    source: Option<Arc<str>>,
    outcome: Outcome,
    diagnostics: Vec<Diagnostic>,
}

/// Loads and checks the register in `root`.
pub fn load(root: &Path, limits: &Limits) -> Result<Loaded, LoadError> {
    let (found, files) = read_each(root, limits, |(relative, is_project), bytes| {
        parse_file(root, relative, *is_project, bytes, limits)
    })?;
    let files = files
        .into_iter()
        .map(|(_, read)| read.unwrap_or_else(|failed| failed))
        .collect();
    Ok(assemble(root, found, files))
}

/// A file of the walk: its path relative to the register, and whether it is
/// `_project.md`.
type Job = (PathBuf, bool);

/// Each file of a walk with what reading it gave: its own result, or its diagnostic
/// when it could not be read.
type Reads<T> = Vec<(Job, Result<T, ParsedFile>)>;

/// Walks `root` and reads each file the walk picks (on every core), handing its bytes
/// to `each`; a file that cannot be read is its diagnostic (`Err`).
fn read_each<T: Send>(
    root: &Path,
    limits: &Limits,
    each: impl Fn(&Job, &[u8]) -> T + Sync,
) -> Result<(walk::Found, Reads<T>), LoadError> {
    match std::fs::metadata(root) {
        Err(_) => return Err(LoadError::NotFound(root.to_path_buf())),
        Ok(meta) if !meta.is_dir() => return Err(LoadError::NotAFolder(root.to_path_buf())),
        Ok(_) => {}
    }
    let found = walk::walk(root);
    let jobs: Vec<Job> = found
        .project
        .iter()
        .map(|p| (p.clone(), true))
        .chain(found.files.iter().map(|p| (p.clone(), false)))
        .collect();
    let read = jobs
        .into_par_iter()
        .map(|job| {
            let display = root.join(&job.0);
            let read = match read_bytes(&display, limits) {
                Ok(bytes) => Ok(each(&job, &bytes)),
                Err(diagnostic) => Err(ParsedFile::failed(display, *diagnostic)),
            };
            (job, read)
        })
        .collect();
    Ok((found, read))
}

/// The files of the last load of a register, by path relative to it, with a hash of
/// the bytes each was parsed from: [`load_reusing`] parses only what changed.
#[derive(Debug, Default)]
pub struct FileCache {
    files: HashMap<Job, (u64, Arc<ParsedFile>)>,
}

/// [`load`], parsing again only the files whose bytes differ from those `cache` holds
/// (`stake serve` between two saves); `cache` then holds this load's files. The
/// register and diagnostics are those of [`load`]: a file is parsed on its own, and the
/// checks across files run on every load.
pub fn load_reusing(
    root: &Path,
    limits: &Limits,
    cache: &mut FileCache,
) -> Result<Loaded, LoadError> {
    let old = std::mem::take(&mut cache.files);
    let (found, read) = read_each(root, limits, |job, bytes| {
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            hasher.finish()
        };
        let parsed = match old.get(job) {
            Some((known, parsed)) if *known == hash => Arc::clone(parsed),
            _ => Arc::new(parse_file(root, &job.0, job.1, bytes, limits)),
        };
        (hash, parsed)
    })?;
    let mut files = Vec::with_capacity(read.len());
    for (job, read) in read {
        match read {
            Ok((hash, parsed)) => {
                // The cache keeps its copy; the register is assembled from another.
                files.push(ParsedFile::clone(&parsed));
                cache.files.insert(job, (hash, parsed));
            }
            Err(failed) => files.push(failed),
        }
    }
    Ok(assemble(root, found, files))
}

/// Loads and checks a register whose files are given with their contents rather than
/// read from `root` (a commit of the register's git history): `files` are paths
/// relative to the register's folder with their bytes. The same files are skipped as by
/// a walk of the folder ([`walk::select`]), and `root` names the files in diagnostics.
pub fn load_files(root: &Path, files: &[(PathBuf, Vec<u8>)], limits: &Limits) -> Loaded {
    let found = walk::select(root, files.iter().map(|(path, _)| path.as_path()));
    let bytes: HashMap<&Path, &[u8]> = files
        .iter()
        .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    let jobs: Vec<(&Path, bool)> = found
        .project
        .iter()
        .map(|p| (p.as_path(), true))
        .chain(found.files.iter().map(|p| (p.as_path(), false)))
        .collect();
    let parsed: Vec<ParsedFile> = jobs
        .par_iter()
        .map(|&(relative, is_project)| {
            parse_file(root, relative, is_project, bytes[relative], limits)
        })
        .collect();
    assemble(root, found, parsed)
}

/// Puts files parsed one by one together into a register: the checks across files
/// (duplicate ids, relationships, meeting attendees), the defaults of a register
/// without `_project.md`, and every diagnostic sorted. `found` is what the walk found,
/// and `files` the parsed files among them.
pub fn assemble(root: &Path, found: walk::Found, files: Vec<ParsedFile>) -> Loaded {
    let mut diagnostics = found.diagnostics;
    let mut sources = HashMap::new();
    let mut stakeholders = Vec::new();
    let mut broken = Vec::new();
    let mut project = None;
    let mut meetings = Vec::new();
    for result in files {
        diagnostics.extend(result.diagnostics);
        if let Some(source) = result.source {
            sources.insert(result.display, source);
        }
        match result.outcome {
            Outcome::Stakeholder(s) => stakeholders.push(*s),
            Outcome::Meeting(m) => meetings.push(*m),
            Outcome::Broken(b) => broken.push(b),
            Outcome::Project(p) => project = Some(*p),
            Outcome::Nothing => {}
        }
    }
    let project = project.unwrap_or_else(|| Project::with_name(folder_name(root)));

    stakeholders.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));
    references::check(root, &mut stakeholders, &broken, &mut diagnostics);
    meetings::attach(
        root,
        &mut stakeholders,
        &broken,
        &mut meetings,
        &mut diagnostics,
    );
    plan::check(
        root,
        &project,
        &stakeholders,
        &broken,
        &meetings,
        &mut diagnostics,
    );
    // `check` has no `--as-of`: the project's date, else today, as `analyze` defaults.
    let as_of = project
        .as_of
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    meetings::planned_outcomes(root, &meetings, as_of, &mut diagnostics);

    let readable = found.files.len();
    if stakeholders.is_empty() && !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        let message = if readable == 0 {
            "the register has no stakeholder files".to_owned()
        } else {
            format!("none of the {readable} Markdown files starts with front matter")
        };
        diagnostics.push(
            Diagnostic::error("empty-register", root, Loc::whole(), message).help(
                "add one Markdown file per stakeholder starting with `---`, `name:`, `power:`, \
                 `interest:`, `---`; or run `stake init` for a starter register",
            ),
        );
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Loaded {
        register: Register {
            root: root.to_path_buf(),
            project,
            stakeholders,
            meetings,
        },
        diagnostics,
        sources,
    }
}

impl ParsedFile {
    /// A file that could not be read: only its diagnostic.
    fn failed(display: PathBuf, diagnostic: Diagnostic) -> ParsedFile {
        ParsedFile {
            display,
            source: None,
            outcome: Outcome::Nothing,
            diagnostics: vec![diagnostic],
        }
    }

    /// The stakeholder the file describes, when it is a valid stakeholder file.
    pub fn stakeholder(&self) -> Option<&Stakeholder> {
        match &self.outcome {
            Outcome::Stakeholder(s) => Some(s),
            _ => None,
        }
    }

    /// The project settings, when the file is a valid `_project.md`.
    pub fn project(&self) -> Option<&Project> {
        match &self.outcome {
            Outcome::Project(p) => Some(p),
            _ => None,
        }
    }

    /// What was found wrong in the file on its own.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The file's text, when it could be read, for the snippets of its diagnostics.
    pub fn source(&self) -> Option<(&Path, &Arc<str>)> {
        self.source
            .as_ref()
            .map(|text| (self.display.as_path(), text))
    }
}

fn folder_name(root: &Path) -> String {
    root.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Stakeholder register".into())
}

/// One stakeholder file of the register in `root` (`relative` to it), read and checked
/// on its own: the checks of the file itself, not those that need the other files (ids
/// other records refer to). The stakeholder when the file has no error, its diagnostics,
/// and its text for their snippets. For a command that edits one file (`stake log`) and
/// must not pay for loading a large register twice.
pub fn load_file(
    root: &Path,
    relative: &Path,
    limits: &Limits,
) -> (Option<Stakeholder>, Vec<Diagnostic>, Sources) {
    let display = root.join(relative);
    let result = match read_bytes(&display, limits) {
        Ok(bytes) => parse_file(root, relative, false, &bytes, limits),
        Err(diagnostic) => ParsedFile::failed(display, *diagnostic),
    };
    let mut sources = Sources::default();
    if let Some(source) = result.source {
        sources.insert(result.display, source);
    }
    let errors = result
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let stakeholder = match result.outcome {
        Outcome::Stakeholder(s) if !errors => Some(*s),
        _ => None,
    };
    (stakeholder, result.diagnostics, sources)
}

/// Splits, parses and types one file of the register in `root`, given its path
/// relative to the folder and its bytes (at most `limits` many are accepted).
pub fn parse_file(
    root: &Path,
    relative: &Path,
    is_project: bool,
    bytes: &[u8],
    limits: &Limits,
) -> ParsedFile {
    let display = root.join(relative);
    let text: Arc<str> = match decode_text(&display, bytes, limits) {
        Ok(text) => text.into(),
        Err(diagnostic) => return ParsedFile::failed(display, *diagnostic),
    };
    let mut result = ParsedFile {
        display: display.clone(),
        source: None,
        outcome: Outcome::Nothing,
        diagnostics: Vec::new(),
    };
    result.source = Some(text.clone());
    let split = match front_matter::split(&text) {
        FrontMatter::Found(split) => split,
        FrontMatter::Absent if is_project => {
            result.diagnostics.push(
                Diagnostic::error(
                    "no-front-matter",
                    &display,
                    Loc::whole(),
                    "`_project.md` has no front matter",
                )
                .help("start the file with `---`, then `name: Project name`, then `---`"),
            );
            return result;
        }
        FrontMatter::Absent => {
            result.diagnostics.push(Diagnostic::new(
                Severity::Note,
                "no-front-matter",
                &display,
                Loc::whole(),
                "no front matter; skipped as not a stakeholder",
            ));
            return result;
        }
        FrontMatter::Unclosed => {
            result.diagnostics.push(
                Diagnostic::error(
                    "unclosed-front-matter",
                    &display,
                    Loc {
                        line: 1,
                        column: 1,
                        span: Some(front_matter::opening_fence(&text)),
                    },
                    "front matter is opened but never closed",
                )
                .label("opened here")
                .help("end the front matter with a line `---` before the notes"),
            );
            return result;
        }
    };
    let mut cx = FileCx::new(&display, &split);
    if is_project {
        if let Some(doc) = yaml::parse(&mut cx, split.yaml) {
            let project = typing::project(&mut cx, doc, relative, split.body);
            result.outcome = Outcome::Project(Box::new(project));
        }
    } else if is_meeting(split.yaml) {
        if let Some(doc) = yaml::parse(&mut cx, split.yaml)
            && let Some(meeting) = typing::meeting(&mut cx, doc, relative, split.body)
        {
            result.outcome = Outcome::Meeting(Box::new(meeting));
        }
    } else {
        let typed = match yaml::parse(&mut cx, split.yaml) {
            Some(doc) => typing::stakeholder(&mut cx, doc, relative, split.body, split.body_line),
            None => Typed::Broken {
                id: None,
                relationships: Vec::new(),
            },
        };
        result.outcome = match typed {
            Typed::Valid(s) => Outcome::Stakeholder(s),
            Typed::Broken { id, relationships } => Outcome::Broken(Broken {
                file: relative.to_path_buf(),
                id,
                relationships,
            }),
        };
    }
    result.diagnostics.append(&mut cx.diagnostics);
    result
}

/// Whether front matter is a meeting record's: it has a top-level `meeting:` (a
/// stakeholder's has `name:`).
fn is_meeting(yaml: &str) -> bool {
    yaml.lines().any(|line| {
        line.strip_prefix("meeting")
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

fn too_large(path: &Path, size: u64, limits: &Limits) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            "file-too-large",
            path,
            Loc::whole(),
            format!("file is {} bytes; the limit is {}", size, limits.max_file_bytes),
        )
        .help(
            "keep long notes in a separate document and link to it, or raise the limit with `--max-file-size`",
        ),
    )
}

/// Reads a file within the size limit.
fn read_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>, Box<Diagnostic>> {
    let fail = |code, message: String, help: &str| {
        Box::new(Diagnostic::error(code, path, Loc::whole(), message).help(help.to_owned()))
    };
    let io_fail = |error: io::Error| {
        fail(
            "unreadable-file",
            format!("cannot read the file: {error}"),
            "check the file's permissions",
        )
    };
    let file = File::open(path).map_err(io_fail)?;
    let size = file.metadata().map_err(io_fail)?.len();
    if size > limits.max_file_bytes {
        return Err(too_large(path, size, limits));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The size can change between the check and the read; never read past the limit.
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_fail)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(fail(
            "file-too-large",
            "file grew past the size limit while being read".into(),
            "try again",
        ));
    }
    Ok(bytes)
}

/// A file's bytes as UTF-8 text: within the size limit, not binary, valid UTF-8.
fn decode_text(path: &Path, bytes: &[u8], limits: &Limits) -> Result<String, Box<Diagnostic>> {
    let fail = |code, message: String, help: &str| {
        Box::new(Diagnostic::error(code, path, Loc::whole(), message).help(help.to_owned()))
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(path, bytes.len() as u64, limits));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(fail(
            "binary-file",
            "not a text file (it contains NUL bytes)".into(),
            "register files are UTF-8 Markdown; move this file out of the register or rename it",
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let valid = &bytes[..at];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        Box::new(
            Diagnostic::error(
                "not-utf8",
                path,
                Loc { line, column, span: None },
                format!("the file is not UTF-8: byte 0x{:02X} cannot be read", bytes[at]),
            )
            .help("save the file as UTF-8; a GBK/GB18030 file converts with `iconv -f GB18030 -t UTF-8 old.md > new.md`"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file below `root` with its bytes, as a commit would hold them.
    fn files_of(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let relative = e.path().strip_prefix(root).unwrap().to_path_buf();
                (relative, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    /// The register as loaded, in a form to compare: its JSON and its diagnostics.
    fn seen(loaded: &Loaded) -> (String, Vec<Diagnostic>) {
        let json = serde_json::to_string(&loaded.register).unwrap();
        (json, loaded.diagnostics.clone())
    }

    #[test]
    fn files_given_with_their_bytes_load_as_the_folder_does() {
        let limits = Limits::default();
        for sample in [
            "samples/erp-rollout",
            "samples/metro-line",
            "tests/fixtures/bad",
        ] {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
            let from_disk = load(&root, &limits).unwrap();
            let from_bytes = load_files(&root, &files_of(&root), &limits);
            assert_eq!(seen(&from_disk), seen(&from_bytes), "{sample}");
            assert!(!from_disk.register.stakeholders.is_empty() || sample.contains("bad"));
        }
    }

    #[test]
    fn a_load_reusing_parsed_files_is_a_fresh_load_after_any_edit() {
        let limits = Limits::default();
        let dir = tempfile::tempdir().unwrap();
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/erp-rollout");
        for (relative, bytes) in files_of(&sample) {
            let path = dir.path().join(&relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let root = dir.path();
        let helen = root.join("internal/helen-brandt.md");
        let text = std::fs::read_to_string(&helen).unwrap();
        let mut cache = FileCache::default();
        let edits = [
            text.clone(),
            text.replace("power: 5", "power: 2"),
            // An error, then fixed again: the cache never hides a file's diagnostics.
            text.replace("power: 5", "power: [5"),
            text.replace("name: Helen Brandt", "name: Helen B."),
            text.clone(),
        ];
        for (step, edited) in edits.iter().enumerate() {
            std::fs::write(&helen, edited).unwrap();
            if step == 3 {
                std::fs::remove_file(root.join("internal/helen-brandt.md")).unwrap();
                std::fs::write(root.join("helen-moved.md"), edited).unwrap();
            }
            let reusing = load_reusing(root, &limits, &mut cache).unwrap();
            let fresh = load(root, &limits).unwrap();
            assert_eq!(seen(&reusing), seen(&fresh), "step {step}");
            assert_eq!(
                cache.files.len(),
                files_of(root)
                    .iter()
                    .filter(|(p, _)| p.extension().is_some_and(|e| e == "md"))
                    .count(),
                "step {step}"
            );
        }
    }

    #[test]
    fn a_file_too_large_is_refused_from_bytes_too() {
        let limits = Limits { max_file_bytes: 10 };
        let files = vec![(PathBuf::from("a.md"), b"---\nname: A\n---\n".to_vec())];
        let loaded = load_files(Path::new("reg"), &files, &limits);
        assert!(
            loaded
                .diagnostics
                .iter()
                .any(|d| d.code == "file-too-large")
        );
    }
}
