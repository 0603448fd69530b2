//! `stake log`: record a contact with one stakeholder, or a meeting of several.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diagnostic::{self, Format};
use crate::log::{self, Entry, Logged, Refused};
use crate::register::Limits;
use crate::register::doc::Sentiment;
use crate::register::vocab::{Date, Vocabulary};

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
    if ids.is_empty() {
        return Err(format!(
            "name the stakeholders to log for: `stake log {} ID... --summary TEXT`",
            dir.display()
        ));
    }
    if args.summary.trim().is_empty() {
        return Err("`--summary` is empty; write what was said or agreed".into());
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
    };
    match log::log(
        &dir,
        &ids,
        args.title.as_deref(),
        &entry,
        &Limits::default(),
    ) {
        Ok(Logged::Interaction { id, file, line }) => {
            println!(
                "logged {} for `{id}` at {}:{line}",
                entry.date,
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(Logged::Meeting { file, attendees }) => {
            println!(
                "logged {} as the meeting record {} for {}",
                entry.date,
                file.display(),
                attendees
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
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
