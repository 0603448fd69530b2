//! `stake diff` and `stake history`: the register over time, from its git repository.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::analysis;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::history::diff::{self, End, Snapshot};
use crate::history::text::{self, Style};
use crate::history::{self, Repo, timeline};
use crate::i18n::history::HistoryWords;
use crate::register::vocab::Date;
use crate::register::{self, Limits, Loaded};

/// Arguments of `stake diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The register folder (in a git repository; the register may be a sub-folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The earlier revision: a tag, branch or commit, or a date YYYY-MM-DD (the last
    /// commit on or before it).
    #[arg(long, value_name = "REV")]
    pub since: String,
    /// The later revision [default: the working tree, with any uncommitted edits].
    #[arg(long, value_name = "REV")]
    pub until: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Largest register file read, in bytes (1 to 1073741824, i.e. 1 GiB).
    #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=Limits::MAX_FILE_BYTES))]
    pub max_file_size: u64,
}

/// Output format of `stake diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Grouped as a project manager reads it.
    Human,
    /// The whole comparison as JSON (shape in docs/history.md).
    Json,
    /// Markdown, for a pull request or a meeting's notes.
    Md,
}

/// Arguments of `stake history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The register folder (in a git repository; the register may be a sub-folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Human)]
    pub format: HistoryFormat,
    /// Largest register file read, in bytes (1 to 1073741824, i.e. 1 GiB).
    #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=Limits::MAX_FILE_BYTES))]
    pub max_file_size: u64,
}

/// Output format of `stake history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// One line per commit.
    Human,
    /// Points and per-stakeholder series as JSON (shape in docs/history.md).
    Json,
}

/// Checks that `dir` is a register folder before looking for its repository.
fn folder(dir: &Path) -> Result<(), String> {
    match std::fs::metadata(dir) {
        Err(_) => Err(register::LoadError::NotFound(dir.to_path_buf()).to_string()),
        Ok(meta) if !meta.is_dir() => {
            Err(register::LoadError::NotAFolder(dir.to_path_buf()).to_string())
        }
        Ok(_) => Ok(()),
    }
}

/// The date an end is analysed for: the project's `as_of`, else `date`.
fn as_of(loaded: &Loaded, date: Date) -> Date {
    loaded.register.project.as_of.unwrap_or(date)
}

/// Tells on stderr which files of an end have errors (they are left out of it).
fn report_errors(what: &str, loaded: &Loaded, color: bool) {
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if errors.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "{}",
        diagnostic::render(&errors, &loaded.sources, diagnostic::Format::Human, color)
    );
    let _ = writeln!(
        err,
        "warning: {what} has {} {} (above); what they are about is left out of it, the rest is compared",
        errors.len(),
        if errors.len() == 1 { "error" } else { "errors" },
    );
}

/// The words of the human output in the register's language (`_project.md`).
fn words_of(project: &register::Project) -> HistoryWords {
    HistoryWords::new(project.language, project.threshold)
}

/// Runs `stake diff`.
pub(super) fn run_diff(args: DiffArgs, color: bool) -> Result<ExitCode, String> {
    folder(&args.dir)?;
    let limits = Limits {
        max_file_bytes: args.max_file_size,
    };
    let repo = Repo::open(&args.dir).map_err(|e| e.to_string())?;
    let since_commit = repo.resolve(&args.since).map_err(|e| e.to_string())?;
    let since = history::load_at(&repo, &args.dir, &since_commit, &args.since, &limits)
        .map_err(|e| e.to_string())?;
    let (until, until_end) = match &args.until {
        Some(rev) => {
            let commit = repo.resolve(rev).map_err(|e| e.to_string())?;
            let loaded = history::load_at(&repo, &args.dir, &commit, rev, &limits)
                .map_err(|e| e.to_string())?;
            let end = End {
                rev: rev.clone(),
                commit: Some(commit.hex()),
                date: commit.date,
                as_of: as_of(&loaded, commit.date),
                working_tree: false,
            };
            (loaded, end)
        }
        None => {
            let loaded = register::load(&args.dir, &limits).map_err(|e| e.to_string())?;
            let today = jiff::ZonedDateTime::now().date();
            let end = End {
                rev: "working tree".into(),
                commit: None,
                date: today,
                as_of: as_of(&loaded, today),
                working_tree: true,
            };
            (loaded, end)
        }
    };
    let since_end = End {
        rev: args.since.clone(),
        commit: Some(since_commit.hex()),
        date: since_commit.date,
        as_of: as_of(&since, since_commit.date),
        working_tree: false,
    };
    report_errors(
        &format!(
            "the register at `{}` ({})",
            args.since,
            since_commit.short()
        ),
        &since,
        color,
    );
    report_errors(
        &match &args.until {
            Some(rev) => format!("the register at `{rev}`"),
            None => "the working tree's register".to_owned(),
        },
        &until,
        color,
    );
    let (since_analysis, until_analysis) = rayon::join(
        || analysis::analyze(&since.register, since_end.as_of),
        || analysis::analyze(&until.register, until_end.as_of),
    );
    let result = diff::diff(
        &Snapshot {
            end: since_end,
            register: &since.register,
            analysis: &since_analysis,
        },
        &Snapshot {
            end: until_end,
            register: &until.register,
            analysis: &until_analysis,
        },
    );
    let out = match args.format {
        DiffFormat::Json => {
            let mut json = serde_json::to_string_pretty(&result).expect("a diff serialises");
            json.push('\n');
            json
        }
        DiffFormat::Human => text::diff(&result, Style::Plain, words_of(&until.register.project)),
        DiffFormat::Md => text::diff(&result, Style::Markdown, words_of(&until.register.project)),
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// Runs `stake history`.
pub(super) fn run_history(args: HistoryArgs, color: bool) -> Result<ExitCode, String> {
    folder(&args.dir)?;
    let limits = Limits {
        max_file_bytes: args.max_file_size,
    };
    let repo = Repo::open(&args.dir).map_err(|e| e.to_string())?;
    let timeline = timeline::timeline(&repo, &args.dir, &limits).map_err(|e| e.to_string())?;
    if timeline.points.is_empty() {
        return Err(format!(
            "no commit has the register folder `{}`\n  = help: commit the register (`git add {} && git commit`) to start its history",
            repo.folder(),
            args.dir.display()
        ));
    }
    {
        let mut err = std::io::stderr().lock();
        for (commit, d) in &timeline.diagnostics {
            let _ = writeln!(err, "at commit {commit}:");
            let _ = write!(
                err,
                "{}",
                diagnostic::render(
                    std::slice::from_ref(d),
                    &timeline.sources,
                    diagnostic::Format::Human,
                    color
                )
            );
        }
        if !timeline.problems.is_empty() {
            let _ = writeln!(
                err,
                "warning: {} {} in past versions of the register's files; at each commit those files are left out, the rest is counted",
                timeline.problems.len(),
                if timeline.problems.len() == 1 {
                    "error"
                } else {
                    "errors"
                }
            );
        }
    }
    let out = match args.format {
        HistoryFormat::Json => {
            let mut json = serde_json::to_string_pretty(&timeline).expect("a history serialises");
            json.push('\n');
            json
        }
        HistoryFormat::Human => {
            text::timeline(&timeline, words_of(&project_of(&args.dir, &limits)))
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// `changes` for `stake build --since REV`: the register being built (`loaded`, the
/// working tree, analysed as of `as_of`) compared with the one at `rev`, as the
/// templates see it.
pub(super) fn changes_since(
    dir: &Path,
    rev: &str,
    loaded: &Loaded,
    as_of_date: Date,
    limits: &Limits,
    color: bool,
) -> Result<serde_json::Value, String> {
    let result = diff_since(dir, rev, &loaded.register, as_of_date, limits, color)?;
    let view = crate::history::view::changes(&result, loaded.register.project.language);
    Ok(serde_json::to_value(view).expect("changes serialise"))
}

/// The register in `register` (the working tree, analysed as of `as_of`) compared with
/// the one at `rev`.
pub(super) fn diff_since(
    dir: &Path,
    rev: &str,
    register: &register::Register,
    as_of_date: Date,
    limits: &Limits,
    color: bool,
) -> Result<diff::Diff, String> {
    let repo = Repo::open(dir).map_err(|e| e.to_string())?;
    let commit = repo.resolve(rev).map_err(|e| e.to_string())?;
    let since = history::load_at(&repo, dir, &commit, rev, limits).map_err(|e| e.to_string())?;
    report_errors(
        &format!("the register at `{rev}` ({})", commit.short()),
        &since,
        color,
    );
    let since_end = End {
        rev: rev.to_owned(),
        commit: Some(commit.hex()),
        date: commit.date,
        as_of: as_of(&since, commit.date),
        working_tree: false,
    };
    let until_end = End {
        rev: "working tree".into(),
        commit: None,
        date: as_of_date,
        as_of: as_of_date,
        working_tree: true,
    };
    let (since_analysis, until_analysis) = rayon::join(
        || analysis::analyze(&since.register, since_end.as_of),
        || analysis::analyze(register, as_of_date),
    );
    Ok(diff::diff(
        &Snapshot {
            end: since_end,
            register: &since.register,
            analysis: &since_analysis,
        },
        &Snapshot {
            end: until_end,
            register,
            analysis: &until_analysis,
        },
    ))
}

/// Each stakeholder's assessments over the register's history, by id, for the
/// profiles of `stake build --since`, and the engagement index at each commit that
/// changed the register, for the "What changed" section's chart (problems in old
/// commits are `stake history`'s to tell).
pub(super) fn assessments(
    dir: &Path,
    limits: &Limits,
) -> Result<
    (
        serde_json::Map<String, serde_json::Value>,
        Vec<crate::build::HistoryPoint>,
    ),
    String,
> {
    let repo = Repo::open(dir).map_err(|e| e.to_string())?;
    let timeline = timeline::timeline(&repo, dir, limits).map_err(|e| e.to_string())?;
    let points = timeline
        .points
        .into_iter()
        .map(|p| (p.date, p.engagement_index, p.tags))
        .collect();
    let assessments = timeline
        .stakeholders
        .into_iter()
        .map(|(id, series)| {
            let entries = serde_json::to_value(series.assessments).expect("assessments serialise");
            (id, entries)
        })
        .collect();
    Ok((assessments, points))
}

/// The revision a build or a brief without `--since` compares with, from
/// `history.since` in `_project.md` (`setting`): the most recent tag matching its
/// pattern on a commit that changed the register, or the revision it names. `None`
/// outside git, in a bare repository, with no such tag, or with `since: none`: the
/// build is made as without history. Said on stderr when there is one.
pub(super) fn default_since(
    dir: &Path,
    setting: &register::model::DefaultSince,
) -> Result<Option<String>, String> {
    use register::model::DefaultSince;
    if *setting == DefaultSince::None {
        return Ok(None);
    }
    let Ok(repo) = Repo::open(dir) else {
        return Ok(None);
    };
    match setting {
        DefaultSince::None => Ok(None),
        DefaultSince::Tag(pattern) => {
            // A repository that cannot be read is no reason to refuse a build that did
            // not ask for history.
            let Ok(Some((tag, commit))) = repo.latest_tag(pattern) else {
                return Ok(None);
            };
            eprintln!(
                "comparing with tag {tag} ({}, {}); --since to choose another, --no-since for none",
                commit.short(),
                commit.date
            );
            Ok(Some(tag))
        }
        DefaultSince::Rev(rev) => {
            let commit = repo
                .resolve(rev)
                .map_err(|e| format!("`_project.md` sets `history.since: {rev}`, but {e}"))?;
            eprintln!(
                "comparing with {rev} ({}, {}), as `history.since` in _project.md says; --since to choose another, --no-since for none",
                commit.short(),
                commit.date
            );
            Ok(Some(rev.clone()))
        }
    }
}

/// The project settings of the register at `dir`, read from its `_project.md` alone
/// (before, or without, loading the whole register); the defaults when the file is
/// missing or unreadable (a full load reports its errors).
pub(super) fn project_of(dir: &Path, limits: &Limits) -> register::Project {
    let path = Path::new("_project.md");
    match std::fs::read(dir.join(path)) {
        Ok(bytes) => {
            register::load_files(dir, &[(path.to_path_buf(), bytes)], limits)
                .register
                .project
        }
        Err(_) => register::Project::with_name(String::new()),
    }
}

/// `history.since` of the register at `dir` (see [`project_of`]).
pub(super) fn setting_of(dir: &Path, limits: &Limits) -> register::model::DefaultSince {
    project_of(dir, limits).default_since
}
