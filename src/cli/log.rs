//! `stake log`: record a contact with one stakeholder, or a meeting of several.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::Lang;
use crate::diagnostic::{self, Format};
use crate::i18n::data::{Line, say};
use crate::log::{self, Entry, Logged, Refused};
use crate::register::Limits;
use crate::register::doc::Sentiment;
use crate::register::vocab::{Date, Language, Vocabulary};

/// Arguments of `stake log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The register folder, then the stakeholders' ids (when DIR is not a folder, it is
    /// the first id and the register is `.`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The stakeholders met, by id: one appends to their file's `interactions`, several
    /// write a meeting record under `meetings/`.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// What was said or agreed, in one line.
    #[arg(long, value_name = "TEXT")]
    pub summary: String,
    /// When it happened [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// How: meeting, call, email, 微信, … (free text).
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// How it went: positive, neutral, negative (正面/中立/负面) or a satisfaction 1–5.
    #[arg(long, value_name = "SENTIMENT", value_parser = parse_sentiment)]
    pub sentiment: Option<String>,
    /// Who from the project took part.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// What was promised.
    #[arg(long, value_name = "TEXT")]
    pub follow_up: Option<String>,
    /// By when the follow-up is due.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "follow_up")]
    pub due: Option<Date>,
    /// The meeting's title; with it, even one id gets a meeting record [default: the
    /// summary].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The language of the messages [default: the register's].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// The `language` of the register's `_project.md`, read on its own (the register is
/// not loaded for it), or English.
fn register_language(dir: &std::path::Path) -> Language {
    let file = std::path::Path::new("_project.md");
    std::fs::read(dir.join(file))
        .ok()
        .and_then(|bytes| {
            crate::register::parse_file(dir, file, true, &bytes, &Limits::default())
                .project()
                .map(|p| p.language)
        })
        .unwrap_or(Language::En)
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("write {}", Date::expected()))
}

fn parse_sentiment(text: &str) -> Result<String, String> {
    match Sentiment::parse(text) {
        Some(_) => Ok(text.trim().to_owned()),
        None => Err(format!("write {}", Sentiment::expected())),
    }
}

/// Runs `stake log`: exit 0 logged, 1 the register or the new entry has errors (nothing
/// is left changed), 2 usage problem (an unknown id names the closest ones).
pub(super) fn run(args: LogArgs, color: bool) -> Result<ExitCode, String> {
    let (dir, ids) = if args.dir.is_dir() {
        (args.dir, args.ids)
    } else {
        let first = args.dir.to_string_lossy().into_owned();
        (PathBuf::from("."), [vec![first], args.ids].concat())
    };
    let language = match args.lang {
        Some(Lang::En) => Language::En,
        Some(Lang::ZhCn) => Language::ZhCn,
        None => register_language(&dir),
    };
    if ids.is_empty() {
        return Err(say(
            language,
            Line::NoIds,
            &[("dir", &dir.display().to_string())],
        ));
    }
    if args.summary.trim().is_empty() {
        return Err(say(language, Line::EmptySummary, &[]));
    }
    let entry = Entry {
        date: args
            .date
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date()),
        channel: args.channel.filter(|c| !c.trim().is_empty()),
        summary: args.summary,
        sentiment: args.sentiment,
        by: args.by.filter(|b| !b.trim().is_empty()),
        follow_up: args.follow_up.map(|action| (action, args.due)),
        done: false,
    };
    match log::log(
        &dir,
        &ids,
        args.title.as_deref(),
        &entry,
        &Limits::default(),
        language,
    ) {
        Ok(Logged::Interaction { id, file, line }) => {
            println!(
                "{}",
                say(
                    language,
                    Line::Logged,
                    &[
                        ("date", &entry.date.to_string()),
                        ("id", &id),
                        ("file", &file.display().to_string()),
                        ("line", &line.to_string()),
                    ],
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(Logged::Meeting { file, attendees }) => {
            let ids = attendees
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(crate::i18n::pick(language, ", ", "、"));
            println!(
                "{}",
                say(
                    language,
                    Line::LoggedMeeting,
                    &[
                        ("date", &entry.date.to_string()),
                        ("file", &file.display().to_string()),
                        ("ids", &ids),
                    ],
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(Refused::Usage(message)) => Err(message),
        Err(Refused::Errors {
            message,
            diagnostics,
            sources,
        }) => {
            eprint!(
                "{}",
                diagnostic::render(&diagnostics, &sources, Format::Human, color)
            );
            eprintln!("error: {}", diagnostic::printable(&message));
            Ok(ExitCode::from(1))
        }
    }
}
