//! `stake log`: the daily record. One stakeholder's contact is appended to the
//! `interactions` of their file; a meeting of several is written as a meeting record
//! (format v2) under `meetings/`. Either way the register is checked again after the
//! write, and a write that would leave an error behind is undone.

pub mod edit;
mod meeting;

use std::fs;
use std::path::{Path, PathBuf};

use crate::atomic;
use crate::brief::{self, Selection};
use crate::diagnostic::{Diagnostic, Severity, Sources};
use crate::i18n::data::{Line, say};
use crate::register::vocab::{Date, Language};
use crate::register::{self, Limits, Loaded};

/// What is logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When it happened.
    pub date: Date,
    /// How (free text).
    pub channel: Option<String>,
    /// What was said or agreed.
    pub summary: String,
    /// How it went, as the user wrote it (already checked to be a sentiment).
    pub sentiment: Option<String>,
    /// Who from the project took part.
    pub by: Option<String>,
    /// What was promised, and by when.
    pub follow_up: Option<(String, Option<Date>)>,
    /// Whether the follow-up is done already (`done: true`): an entry that
    /// `stake import --update` brings from a sheet; `stake log` records new promises.
    pub done: bool,
}

impl Entry {
    /// The scalar fields in the order the format's examples write them, each with
    /// whether it goes in as written (a date, a checked sentiment) or as text to quote
    /// where needed.
    fn fields(&self) -> Vec<(&'static str, Value)> {
        let mut fields = vec![("date", Value::Raw(self.date.to_string()))];
        if let Some(channel) = &self.channel {
            fields.push(("channel", Value::Text(channel.clone())));
        }
        fields.push(("summary", Value::Text(self.summary.clone())));
        if let Some(sentiment) = &self.sentiment {
            fields.push(("sentiment", Value::Raw(sentiment.clone())));
        }
        if let Some(by) = &self.by {
            fields.push(("by", Value::Text(by.clone())));
        }
        fields
    }
}

/// A value of a written field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    /// Written as is: it is a checked date or vocabulary word.
    Raw(String),
    /// Free text, quoted when YAML would read it otherwise.
    Text(String),
}

impl Value {
    fn yaml(&self, in_flow: bool) -> String {
        match self {
            Value::Raw(text) if !text.is_empty() && !text.contains([',', ':', '#', '{', '}']) => {
                text.clone()
            }
            Value::Raw(text) | Value::Text(text) => edit::scalar(text, in_flow),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Logged {
    /// An interaction appended to a stakeholder file, at this line.
    Interaction {
        /// The stakeholder's id.
        id: String,
        /// The file, as the user would type it.
        file: PathBuf,
        /// The line of the new entry.
        line: usize,
    },
    /// A new meeting record.
    Meeting {
        /// The new file, as the user would type it.
        file: PathBuf,
        /// The attendees' ids.
        attendees: Vec<String>,
    },
}

/// Why nothing was logged.
#[derive(Debug)]
pub enum Refused {
    /// A usage problem (an unknown id, a file that cannot be edited): exit 2.
    Usage(String),
    /// The register (or the file to edit) has errors, or the write would have caused
    /// them and was undone: exit 1. The message says which; the diagnostics are shown
    /// as `stake check` shows them.
    Errors {
        /// What happened.
        message: String,
        /// The errors.
        diagnostics: Vec<Diagnostic>,
        /// The text of the files, for the snippets.
        sources: Sources,
    },
}

/// Logs `entry` for the stakeholders `ids` of the register in `root`: one id appends
/// an interaction to their file (unless `title` asks for a meeting record), several
/// write a meeting record under `meetings/`. Messages are in `language`.
pub fn log(
    root: &Path,
    ids: &[String],
    title: Option<&str>,
    entry: &Entry,
    limits: &Limits,
    language: Language,
) -> Result<Logged, Refused> {
    if ids.len() == 1
        && title.is_none()
        && let Some(logged) = fast(root, &ids[0], entry, limits, language)?
    {
        return Ok(logged);
    }
    let loaded = register::load(root, limits).map_err(|e| Refused::Usage(e.to_string()))?;
    let mut unique: Vec<String> = Vec::new();
    for id in ids {
        if !unique.contains(id) {
            unique.push(id.clone());
        }
    }
    let found = match brief::select(&loaded.register, &Selection::Ids(unique.clone())) {
        Ok(found) => found,
        Err(message) => {
            let stakeholders = &loaded.register.stakeholders;
            let missing: Vec<&String> = unique
                .iter()
                .filter(|id| {
                    stakeholders
                        .binary_search_by(|s| s.id.as_str().cmp(id))
                        .is_err()
                })
                .collect();
            let is_meeting = unique
                .iter()
                .any(|id| loaded.register.meetings.iter().any(|m| &m.id == id));
            let message = match language {
                Language::ZhCn if !is_meeting && !missing.is_empty() => {
                    brief::unknown_ids(&loaded.register, &unique, &missing, language)
                }
                _ => message,
            };
            return Err(unknown(message, &loaded, language));
        }
    };
    if found.len() == 1 && title.is_none() {
        let stakeholder = &loaded.register.stakeholders[found[0]];
        append(
            root,
            &loaded,
            &stakeholder.id,
            &stakeholder.file,
            entry,
            limits,
            language,
        )
    } else {
        meeting::write(root, &loaded, &unique, title, entry, limits, language)
    }
}

/// The common case without loading the whole register: the one file named after the
/// id (`id.md`, in any folder) is that stakeholder's, with no error; it is checked on
/// its own before and after the write (an interaction refers to no other file). `None`
/// when that is not so: the caller loads the register, for the "did you mean" of an
/// unknown id, an id written in another file's `id:`, or the errors to show.
fn fast(
    root: &Path,
    id: &str,
    entry: &Entry,
    limits: &Limits,
    language: Language,
) -> Result<Option<Logged>, Refused> {
    if !root.is_dir() {
        return Ok(None);
    }
    let found = register::walk::walk(root);
    let mut named = found
        .files
        .iter()
        .filter(|f| f.file_stem().is_some_and(|s| s == id));
    let (Some(relative), None) = (named.next(), named.next()) else {
        return Ok(None);
    };
    let (Some(before), ..) = register::load_file(root, relative, limits) else {
        return Ok(None);
    };
    if before.id != id {
        return Ok(None);
    }
    let path = root.join(relative);
    let own_before = before.interactions.len();
    let original = fs::read(&path)
        .map_err(|e| Refused::Usage(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(original.clone())
        .map_err(|_| Refused::Usage(format!("{} is not UTF-8 text", path.display())))?;
    let updated = edit::append_interaction(&text, entry).map_err(|why| {
        Refused::Usage(say(
            language,
            Line::CannotAdd,
            &[("path", &path.display().to_string()), ("why", &why)],
        ))
    })?;
    atomic::replace(&path, updated.as_bytes())
        .map_err(|e| Refused::Usage(format!("cannot write {}: {e}", path.display())))?;
    let (after, diagnostics, sources) = register::load_file(root, relative, limits);
    let line = after.as_ref().and_then(|s| {
        (s.interactions.len() == own_before + 1).then(|| {
            s.interactions
                .iter()
                .filter(|i| i.date == entry.date && i.summary.as_deref() == Some(&entry.summary))
                .map(|i| i.line)
                .max()
        })?
    });
    if let Some(line) = line {
        return Ok(Some(Logged::Interaction {
            id: id.to_owned(),
            file: path,
            line,
        }));
    }
    let restored = restored(atomic::replace(&path, &original), language);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let cause = if errors.is_empty() {
        say(language, Line::NotReadBack, &[])
    } else {
        say(language, Line::CausedErrors, &[])
    };
    Err(Refused::Errors {
        message: say(
            language,
            Line::Undone,
            &[
                ("path", &path.display().to_string()),
                ("cause", &cause),
                ("restored", &restored),
            ],
        ),
        diagnostics: errors,
        sources,
    })
}

/// An unknown id; when some files could not be read, their errors may be why.
fn unknown(message: String, loaded: &Loaded, language: Language) -> Refused {
    let errors = errors_of(loaded, None);
    if errors.is_empty() {
        return Refused::Usage(message);
    }
    Refused::Errors {
        message: say(language, Line::RegisterHasErrors, &[("message", &message)]),
        diagnostics: errors,
        sources: loaded.sources.clone(),
    }
}

/// The errors of the register, or of one file of it.
fn errors_of(loaded: &Loaded, file: Option<&Path>) -> Vec<Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && file.is_none_or(|f| d.file == f))
        .cloned()
        .collect()
}

fn append(
    root: &Path,
    loaded: &Loaded,
    id: &str,
    relative: &Path,
    entry: &Entry,
    limits: &Limits,
    language: Language,
) -> Result<Logged, Refused> {
    let path = root.join(relative);
    let errors = errors_of(loaded, Some(&path));
    if !errors.is_empty() {
        return Err(Refused::Errors {
            message: say(
                language,
                Line::FileHasErrors,
                &[("path", &path.display().to_string())],
            ),
            diagnostics: errors,
            sources: loaded.sources.clone(),
        });
    }
    let original = fs::read(&path)
        .map_err(|e| Refused::Usage(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(original.clone())
        .map_err(|_| Refused::Usage(format!("{} is not UTF-8 text", path.display())))?;
    let own_before = own_entries(loaded, id);
    let updated = edit::append_interaction(&text, entry).map_err(|why| {
        Refused::Usage(say(
            language,
            Line::CannotAdd,
            &[("path", &path.display().to_string()), ("why", &why)],
        ))
    })?;
    atomic::replace(&path, updated.as_bytes())
        .map_err(|e| Refused::Usage(format!("cannot write {}: {e}", path.display())))?;

    // Read back what was written, as `stake check` would.
    let after = register::load(root, limits);
    let outcome = after
        .as_ref()
        .map_err(ToString::to_string)
        .and_then(|after| {
            let errors = errors_of(after, Some(&path));
            if !errors.is_empty() {
                return Err(String::new());
            }
            let line = after.register.get(id).and_then(|s| {
                let own: Vec<_> = s
                    .interactions
                    .iter()
                    .filter(|i| i.meeting.is_none())
                    .collect();
                (own.len() == own_before + 1).then(|| {
                    own.iter()
                        .filter(|i| {
                            i.date == entry.date && i.summary.as_deref() == Some(&entry.summary)
                        })
                        .map(|i| i.line)
                        .max()
                })?
            });
            line.ok_or_else(|| say(language, Line::NotReadBack, &[]))
        });
    match outcome {
        Ok(line) => Ok(Logged::Interaction {
            id: id.to_owned(),
            file: path,
            line,
        }),
        Err(why) => {
            let restored = restored(atomic::replace(&path, &original), language);
            let cause = if why.is_empty() {
                say(language, Line::CausedErrors, &[])
            } else {
                why
            };
            let message = say(
                language,
                Line::Undone,
                &[
                    ("path", &path.display().to_string()),
                    ("cause", &cause),
                    ("restored", &restored),
                ],
            );
            let (diagnostics, sources) = match after {
                Ok(after) => (errors_of(&after, Some(&path)), after.sources),
                Err(_) => (Vec::new(), Sources::default()),
            };
            Err(Refused::Errors {
                message,
                diagnostics,
                sources,
            })
        }
    }
}

/// What became of the file after a write that is undone.
fn restored(result: std::io::Result<()>, language: Language) -> String {
    match result {
        Ok(()) => say(language, Line::RestoredNothingLogged, &[]),
        Err(e) => say(language, Line::NotRestored, &[("error", &e.to_string())]),
    }
}

/// How many interactions written in the stakeholder's own file the register holds.
fn own_entries(loaded: &Loaded, id: &str) -> usize {
    loaded.register.get(id).map_or(0, |s| {
        s.interactions
            .iter()
            .filter(|i| i.meeting.is_none())
            .count()
    })
}
