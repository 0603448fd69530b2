//! `stake brief`: a meeting brief for a meeting record, a tag or a list of stakeholder
//! ids.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::analysis::edition::Secrets;
use crate::brief::{self, Format, Selection};
use crate::diagnostic::Severity;
use crate::i18n::cli::{Counted, Line, Words};
use crate::register::vocab::{Date, Vocabulary};
use crate::register::{self, Limits};
use crate::render::pdf::PaperSize;

/// Arguments of `stake brief`.
#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The register folder, then the attendees' ids (when DIR is not a folder and no
    /// `--tag` is given, it is the first id and the register is `.`).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The attendees, by stakeholder id; or one meeting record's id, for the brief of
    /// that meeting (its agenda when planned, what it decided when held).
    #[arg(value_name = "ID", conflicts_with = "tag")]
    pub ids: Vec<String>,
    /// The attendees: every stakeholder with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// The one issue on the agenda: the first page shows only it, and talking points
    /// address it.
    #[arg(long, value_name = "ISSUE")]
    pub issue: Option<String>,
    /// The public edition, as `stake build --public`: confidential fields are left out,
    /// and so are attendees whose record is confidential.
    #[arg(long)]
    pub public: bool,
    /// Allow the internal brief into a folder named public, _site, site or docs: only
    /// for a site that no one outside the project team can read.
    #[arg(long, conflicts_with = "public")]
    pub publish_internal: bool,
    /// The folder to write `brief.html` into (created if missing). Like `stake build`'s,
    /// it must be empty or written by stake before, and never the register itself.
    #[arg(short, long, default_value = "brief", value_name = "OUT")]
    pub out: PathBuf,
    /// What to write, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Html, Format::Pdf])]
    pub format: Vec<Format>,
    /// Paper size of `brief.pdf`.
    #[arg(long, value_enum, default_value_t = PaperSize::A4)]
    pub paper: PaperSize,
    /// A font file (.ttf, .otf, .ttc; a regular file of at most 256 MiB) tried before the
    /// bundled Noto Sans CJK SC; repeat for more.
    #[arg(long = "font", value_name = "PATH", value_parser = super::parse_font)]
    pub fonts: Vec<PathBuf>,
    /// The date the analysis is made for (default: `as_of` in `_project.md`, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// A folder of templates replacing the built-ins of the same name (default: the
    /// register's `templates/` folder, when it has one).
    #[arg(long, value_name = "PATH")]
    pub templates: Option<PathBuf>,
    /// Largest register file read, in bytes (1 to 1073741824, i.e. 1 GiB).
    #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=Limits::MAX_FILE_BYTES))]
    pub max_file_size: u64,
    /// Add a "What changed" section about the attendees: the register compared with its
    /// state at REV in git (a tag, branch, commit or date YYYY-MM-DD); internal
    /// edition only.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// No "What changed" section, even when the register's repository has a tag
    /// [`--since` default: the most recent tag on a commit that changed the register,
    /// or `history.since` in _project.md].
    #[arg(long, conflicts_with = "since")]
    pub no_since: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("write {}", Date::expected()))
}

/// Runs `stake brief`. Unknown ids, an unused tag or an unknown issue are errors
/// (exit 2) naming the closest matches; a register with errors is not briefed (exit 1).
pub(super) fn run(args: BriefArgs, color: bool) -> Result<ExitCode, String> {
    let (dir, ids) = match (args.dir, args.tag.is_some()) {
        (Some(dir), false) if !dir.is_dir() => {
            let first = dir.to_string_lossy().into_owned();
            (PathBuf::from("."), [vec![first], args.ids].concat())
        }
        (dir, _) => (dir.unwrap_or_else(|| PathBuf::from(".")), args.ids),
    };
    let selection = match (args.tag, ids.is_empty()) {
        (Some(tag), _) => Selection::Tag(tag),
        (None, false) => Selection::Ids(ids),
        (None, true) => {
            return Err(
                "name the meeting or the attendees: a meeting record's id, `--tag TAG` or their ids, e.g. `stake brief . --tag steering-committee`"
                    .into(),
            );
        }
    };
    if !args.public {
        super::editions::check_internal_out(
            &args.out,
            args.publish_internal,
            "stake brief -o briefs",
        )?;
    }
    let limits = Limits {
        max_file_bytes: args.max_file_size,
    };
    let loaded = register::load(&dir, &limits).map_err(|e| e.to_string())?;
    if loaded.count(Severity::Error) > 0 {
        return Ok(super::refuse(&dir, &loaded, color, "no brief written"));
    }
    // One id that is a meeting record's (meetings and stakeholders share the id space)
    // briefs that meeting.
    let selection = match selection {
        Selection::Ids(ids)
            if ids.len() == 1 && loaded.register.meetings.iter().any(|m| m.id == ids[0]) =>
        {
            Selection::Meeting(ids.into_iter().next().unwrap_or_default())
        }
        selection => selection,
    };
    // Attendees are named against the whole register, so that a confidential one is left
    // out with a note rather than reported as unknown.
    let named = brief::select(&loaded.register, &selection)?;
    let register = loaded.register;
    // A meeting's public attendees are the public edition's (the brief says how many it
    // left out).
    let selection = if args.public && !matches!(selection, Selection::Meeting(_)) {
        let secrets = Secrets::of(&register);
        let kept: Vec<String> = named
            .into_iter()
            .filter(|&i| !secrets.hidden(i))
            .map(|i| register.stakeholders[i].id.clone())
            .collect();
        let left_out = match &selection {
            Selection::Ids(ids) => ids.len() - kept.len(),
            Selection::Tag(_) | Selection::Meeting(_) => 0,
        };
        if kept.is_empty() {
            return Err(
                "every attendee's record is confidential: the public edition has nobody to brief"
                    .into(),
            );
        }
        if left_out > 0 {
            eprintln!(
                "note: the public edition leaves out {left_out} confidential {}",
                super::plural(left_out, "attendee", "attendees")
            );
        }
        Selection::Ids(kept)
    } else {
        selection
    };
    let as_of = super::as_of_or_default(args.as_of, &register);
    let since = match args.since {
        Some(rev) => Some(rev),
        None if args.no_since || args.public => None,
        None => super::history::default_since(&dir, &register.project.default_since)?,
    };
    let changes = match since.as_deref() {
        Some(_) if args.public => {
            eprintln!(
                "note: the public edition has no \"What changed\" section; `--since` is for the internal edition"
            );
            None
        }
        Some(rev) => Some(super::history::diff_since(
            &dir, rev, &register, as_of, &limits, color,
        )?),
        None => None,
    };
    let options = brief::Options {
        out: args.out,
        changes,
        as_of,
        formats: args.format.into_iter().collect(),
        templates: args.templates,
        selection,
        issue: args.issue,
        public: args.public,
        pdf: super::pdf_options(args.paper, args.fonts),
    };
    let written = brief::brief(&register, &options)?;
    if written.left_out > 0 {
        eprintln!(
            "note: the public edition leaves out {} confidential {}",
            written.left_out,
            super::plural(written.left_out, "attendee", "attendees")
        );
    }
    if let (Selection::Meeting(id), false) =
        (&options.selection, written.planned_outcomes.is_empty())
    {
        eprintln!(
            "warning: `{id}` is dated after {} and so planned: the brief leaves out the {} it records, until it has taken place",
            options.as_of,
            crate::register::meetings::and_list(&written.planned_outcomes)
        );
    }
    let attendees = written.attendees;
    if !written.missing_chars.is_empty() {
        let chars = written.missing_chars.iter().copied().collect();
        let warning = super::missing_glyphs_warning(
            &chars,
            &loaded.sources.keys().cloned().collect::<Vec<_>>(),
        );
        eprintln!("{}", crate::diagnostic::printable(&warning));
    }
    let w = Words::new(register.project.language);
    let attendees = w.count(attendees, Counted::Attendee);
    for path in written.files {
        let file = path.display().to_string();
        println!(
            "{}",
            w.say(
                Line::BriefWrote,
                &[("file", &file), ("attendees", &attendees)]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}
