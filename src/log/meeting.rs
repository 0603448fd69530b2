//! A meeting of several written as a new meeting record (format v2) under `meetings/`.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Entry, Logged, Refused, Value, errors_of};
use crate::i18n::data::{Line, say};
use crate::register::vocab::Language;
use crate::register::{self, Limits, Loaded, id};

/// The folder meeting records go into, by the format's convention.
pub(super) const FOLDER: &str = "meetings";

/// Writes the meeting record of `entry` with `attendees`, checks the register with it
/// and removes it again if it brings an error.
pub(super) fn write(
    root: &Path,
    loaded: &Loaded,
    attendees: &[String],
    title: Option<&str>,
    entry: &Entry,
    limits: &Limits,
    language: Language,
) -> Result<Logged, Refused> {
    let folder = root.join(FOLDER);
    fs::create_dir_all(&folder)
        .map_err(|e| Refused::Usage(format!("cannot create {}: {e}", folder.display())))?;
    let path = free_path(loaded, &folder, entry, title.unwrap_or(&entry.summary));
    let text = record(attendees, title, entry);
    crate::atomic::create_new(&path, text.as_bytes())
        .map_err(|e| Refused::Usage(format!("cannot write {}: {e}", path.display())))?;
    let after = register::load(root, limits);
    let errors = match &after {
        Ok(after) => errors_of(after, Some(&path)),
        Err(e) => {
            let _ = fs::remove_file(&path);
            return Err(Refused::Usage(e.to_string()));
        }
    };
    if errors.is_empty() {
        return Ok(Logged::Meeting {
            file: path,
            attendees: attendees.to_vec(),
        });
    }
    let removed = match fs::remove_file(&path) {
        Ok(()) => say(language, Line::MeetingRemoved, &[]),
        Err(e) => say(
            language,
            Line::MeetingNotRemoved,
            &[("error", &e.to_string())],
        ),
    };
    Err(Refused::Errors {
        message: say(
            language,
            Line::MeetingHasErrors,
            &[("path", &path.display().to_string()), ("removed", &removed)],
        ),
        diagnostics: errors,
        sources: after.map(|a| a.sources).unwrap_or_default(),
    })
}

/// `meetings/DATE-TITLE.md`, with `-2`, `-3`, … when the id or the file is taken.
fn free_path(loaded: &Loaded, folder: &Path, entry: &Entry, title: &str) -> PathBuf {
    let slug = id::suggest(title);
    let mut stem = format!("{}-{slug}", entry.date);
    if slug.is_empty() || id::problem(&stem).is_some() {
        stem = format!("{}-meeting", entry.date);
    }
    let taken = |candidate: &str| {
        loaded.register.get(candidate).is_some()
            || loaded.register.meetings.iter().any(|m| m.id == candidate)
            || folder.join(format!("{candidate}.md")).exists()
    };
    let mut candidate = stem.clone();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    folder.join(format!("{candidate}.md"))
}

/// The text of the record: the title (the summary when no title is given, which is
/// then not repeated), the date, the attendees and the rest of the entry.
fn record(attendees: &[String], title: Option<&str>, entry: &Entry) -> String {
    let text = |s: &str| Value::Text(s.to_owned()).yaml(false);
    let mut out = String::from("---\n");
    out.push_str(&format!(
        "meeting: {}\n",
        text(title.unwrap_or(&entry.summary))
    ));
    out.push_str(&format!("date: {}\n", entry.date));
    if let Some(channel) = &entry.channel {
        out.push_str(&format!("channel: {}\n", text(channel)));
    }
    let ids: Vec<String> = attendees
        .iter()
        .map(|a| Value::Text(a.clone()).yaml(true))
        .collect();
    out.push_str(&format!("attendees: [{}]\n", ids.join(", ")));
    if let Some(by) = &entry.by {
        out.push_str(&format!("by: {}\n", text(by)));
    }
    if title.is_some() {
        out.push_str(&format!("summary: {}\n", text(&entry.summary)));
    }
    if let Some(sentiment) = &entry.sentiment {
        out.push_str(&format!(
            "sentiment: {}\n",
            Value::Raw(sentiment.clone()).yaml(false)
        ));
    }
    if let Some((action, due)) = &entry.follow_up {
        out.push_str("follow_ups:\n");
        let action = Value::Text(action.clone()).yaml(false);
        out.push_str(&format!("  - action: {action}\n"));
        if let Some(due) = due {
            out.push_str(&format!("    due: {due}\n"));
        }
    }
    out.push_str("---\n");
    out
}
