//! `stake brief`: the pack a project manager reads ten minutes before a meeting. A
//! first page on the room (who stands where on the agenda, allies and conflicts, what
//! needs attention), then a page per attendee with talking points from the analysis.
//!
//! The same pipeline as `stake build`: the Tera template `brief.md.tera` writes Markdown,
//! which becomes the document model, then HTML in the built-in layout and a PDF (its
//! level-1 headings, the room and each attendee, start new pages). Besides the
//! variables of every template it sees `room` (the analysis's [`Room`] with the counts
//! `overdue_promises` and `conflicts`, see `docs/communication-plan.md`) and `attendees`, the stakeholder objects of the room in
//! id order, each with `recent`, `follow_ups`, `points` (each with `text`, its sentence) and `links` (relationships with
//! others in the room, either direction: `with`, `type`, `strength`, `note`, `stated_by`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use crate::analysis::issues::issue_key;
use crate::analysis::room::{Room, room};
use crate::analysis::{self, edition, feedback};
use crate::build::style::Styles;
use crate::build::templates::Templates;
use crate::build::{self, PageEmbeds, context, output, public};
use crate::document::charts::Charts;
use crate::document::markdown;
use crate::i18n;
use crate::register::Register;
use crate::register::vocab::{Date, RelationKind};
use crate::render::html;
use crate::render::pdf::{self, PdfOptions};

/// Who is in the meeting.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Everyone with this tag.
    Tag(String),
    /// These stakeholder ids.
    Ids(Vec<String>),
}

/// What `stake brief` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// `brief.html`.
    Html,
    /// `brief.pdf`, typeset from the same document: one page per attendee.
    Pdf,
    /// `brief.md`, the Markdown the template wrote, for checking templates.
    Md,
}

/// A brief's settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder `brief.html` is written to.
    pub out: PathBuf,
    /// The analysis date.
    pub as_of: Date,
    /// What to write.
    pub formats: BTreeSet<Format>,
    /// A folder of templates shadowing the built-ins.
    pub templates: Option<PathBuf>,
    /// The attendees.
    pub selection: Selection,
    /// The one issue on the agenda, if the meeting has one.
    pub issue: Option<String>,
    /// The public edition: a view of the full register's analysis, without anything
    /// confidential (attendees whose record is confidential must not be selected).
    pub public: bool,
    /// Paper and fonts of `brief.pdf`.
    pub pdf: PdfOptions,
}

/// What a brief wrote.
#[derive(Debug, Default)]
pub struct Written {
    /// How many attendees the brief has.
    pub attendees: usize,
    /// The files.
    pub files: Vec<PathBuf>,
    /// Characters of the PDF that no font could draw.
    pub missing_chars: Vec<char>,
}

/// How many close matches an error suggests.
const SUGGESTIONS: usize = 3;

/// How alike (Jaro–Winkler, 0–1) a word must be to another to be suggested.
const ALIKE: f64 = 0.8;

/// The register indices of the attendees, or an error naming what is unknown with the
/// closest ids, names or tags.
pub fn select(register: &Register, selection: &Selection) -> Result<Vec<usize>, String> {
    match selection {
        Selection::Tag(tag) => {
            let wanted = tag.trim().to_lowercase();
            let found: Vec<usize> = (0..register.stakeholders.len())
                .filter(|&i| {
                    register.stakeholders[i]
                        .tags
                        .iter()
                        .any(|t| t.trim().to_lowercase() == wanted)
                })
                .collect();
            if !found.is_empty() {
                return Ok(found);
            }
            let tags: BTreeSet<&str> = register
                .stakeholders
                .iter()
                .flat_map(|s| s.tags.iter().map(String::as_str))
                .collect();
            let mut message = format!("no stakeholder has the tag `{tag}`");
            match close(tag, tags.iter().copied()).as_slice() {
                [] if tags.is_empty() => message.push_str("; no stakeholder has any tag yet"),
                [] => message.push_str(&format!(
                    "; the tags are {}",
                    tags.iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                close => message.push_str(&format!("; did you mean {}?", quoted(close))),
            }
            Err(message)
        }
        Selection::Ids(ids) => {
            let mut found = Vec::new();
            let mut unknown = Vec::new();
            for id in ids {
                match register
                    .stakeholders
                    .binary_search_by(|s| s.id.as_str().cmp(id))
                {
                    Ok(i) => found.push(i),
                    Err(_) => unknown.push(id),
                }
            }
            if unknown.is_empty() {
                return Ok(found);
            }
            let lines: Vec<String> = unknown
                .iter()
                .map(|id| {
                    let mut line = format!("no stakeholder has the id `{id}`");
                    let by_id = close(id, register.stakeholders.iter().map(|s| s.id.as_str()));
                    // A name typed for an id: `Helen` finds `helen-brandt`.
                    let lower = id.to_lowercase();
                    let by_name: Vec<&str> = register
                        .stakeholders
                        .iter()
                        .filter(|s| s.name.to_lowercase().contains(&lower))
                        .map(|s| s.id.as_str())
                        .collect();
                    let mut suggestions: Vec<&str> = by_id;
                    for id in by_name {
                        if !suggestions.contains(&id) {
                            suggestions.push(id);
                        }
                    }
                    suggestions.truncate(SUGGESTIONS);
                    if !suggestions.is_empty() {
                        let named: Vec<String> = suggestions
                            .iter()
                            .filter_map(|id| register.get(id))
                            .map(|s| format!("`{}` ({})", s.id, s.name))
                            .collect();
                        line.push_str(&format!("; did you mean {}?", named.join(" or ")));
                    }
                    line
                })
                .collect();
            Err(format!(
                "{}\n(an id is the `id:` of a stakeholder file, else its file name without `.md`)",
                lines.join("\n")
            ))
        }
    }
}

/// The issue as the register writes it, or an error with the closest issues.
pub fn focus(analysis: &analysis::Analysis, issue: &str) -> Result<String, String> {
    let key = issue_key(issue);
    if let Some(map) = analysis.issues.iter().find(|m| issue_key(&m.issue) == key) {
        return Ok(map.issue.clone());
    }
    let issues: Vec<&str> = analysis.issues.iter().map(|m| m.issue.as_str()).collect();
    let mut message = format!("no stakeholder has a position on the issue `{issue}`");
    match close(issue, issues.iter().copied()).as_slice() {
        [] if issues.is_empty() => message.push_str("; the register records no positions yet"),
        [] => message.push_str(&format!("; the issues are {}", quoted(&issues))),
        close => message.push_str(&format!("; did you mean {}?", quoted(close))),
    }
    Err(message)
}

/// Up to [`SUGGESTIONS`] candidates most like `word`, best first.
fn close<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let word = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|&(score, c)| score >= ALIKE || c.to_lowercase().contains(&word))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by_key(|(_, c)| *c);
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, c)| c)
        .collect()
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Writes the brief of the selected attendees of `register`, the full register: the
/// analysis is of all of it, and a public brief is a view of that analysis
/// ([`analysis::edition`]) and of the redacted register.
pub fn brief(register: &Register, options: &Options) -> Result<Written, String> {
    let attendees = select(register, &options.selection)?;
    let full = analysis::analyze(register, options.as_of);
    let feedback = feedback::feedback(register, &full);
    let shown = options.public.then(|| {
        let mut shown = register.clone();
        public::redact(&mut shown);
        (shown, edition::public(register, &full))
    });
    let analysis = shown.as_ref().map_or(&full, |(_, view)| view);
    let focus = options
        .issue
        .as_deref()
        .map(|issue| focus(analysis, issue))
        .transpose()?;
    let room = room(register, &full, &feedback, &attendees, focus.as_deref());
    let room = match &shown {
        Some(_) => edition::public_room(register, &room),
        None => room,
    };
    let register = shown.as_ref().map_or(register, |(shown, _)| shown);
    let charts = Charts::build(register, &build::derived(analysis), options.as_of);

    let templates = Templates::for_register(options.templates.as_deref(), register)?;
    let mut context = context::base(register, analysis, options.as_of, options.public);
    context.insert("shown", &charts.shown);
    context.insert("root", "");
    context.insert("page", "brief");
    context.insert("kind", "brief");
    let mut room_json = serde_json::to_value(&room).map_err(|e| e.to_string())?;
    room_json["overdue_promises"] = json!(
        room.people
            .iter()
            .flat_map(|p| &p.follow_ups)
            .filter(|f| f.overdue_days > 0)
            .count()
    );
    // A conflict stated in both files is one conflict.
    let conflicts: BTreeSet<(&str, &str)> = room
        .links
        .iter()
        .filter(|l| l.kind == RelationKind::Conflict)
        .map(|l| (l.from.as_str().min(&l.to), l.from.as_str().max(&l.to)))
        .collect();
    room_json["conflicts"] = json!(conflicts.len());
    context.insert("room", &room_json);
    context.insert("attendees", &attendee_objects(register, &context, &room));

    let md = templates.markdown("brief.md.tera", &context)?;
    // Only now, when there is something to write: the folder follows the build's rule.
    let _folder = output::claim_brief_folder(&options.out, &register.root)?;
    let mut written = Written {
        attendees: attendees.len(),
        ..Written::default()
    };
    if options.formats.contains(&Format::Md) {
        written
            .files
            .push(write(&options.out, "brief.md", md.as_bytes())?);
    }
    let embeds = PageEmbeds {
        register,
        charts: &charts,
    };
    let blocks = markdown::convert(&md, &embeds).map_err(|e| format!("brief.md.tera: {e}"))?;
    let doc = build::document(
        register,
        blocks,
        options.as_of,
        "meeting_brief",
        analysis.edition,
    );
    if options.formats.contains(&Format::Pdf) {
        let pdf_options = build::pdf_options(register, &options.pdf);
        let rendered = pdf::render(&doc, &pdf_options).map_err(|e| format!("brief.pdf: {e}"))?;
        written
            .files
            .push(write(&options.out, "brief.pdf", &rendered.bytes)?);
        written.missing_chars = rendered.missing_chars;
    }
    if options.formats.contains(&Format::Html) {
        let css = Styles::new(&templates, &context).of("brief", &doc.blocks)?;
        let body = html::render(&doc);
        context.insert("doc", &build::doc_meta(&doc));
        context.insert("toc", &html::toc(&doc));
        context.insert_value("content", tera::Value::safe_string(&body));
        context.insert_value("css", tera::Value::safe_string(&css));
        let page = templates.html("brief.html.tera", &context)?;
        written
            .files
            .push(write(&options.out, "brief.html", page.as_bytes())?);
    }
    Ok(written)
}

/// The stakeholder objects of the room's people, each with what the room adds.
fn attendee_objects(register: &Register, context: &tera::Context, room: &Room) -> Vec<Json> {
    room.people
        .iter()
        .filter_map(|person| {
            // The register is sorted by id, as the context's `stakeholders` are.
            let i = register
                .stakeholders
                .binary_search_by(|s| s.id.as_str().cmp(&person.id))
                .ok()?;
            let mut object = serde_json::to_value(context::stakeholder_at(context, i)).ok()?;
            let links: Vec<Json> = room
                .links
                .iter()
                .filter_map(|l| {
                    let with = if l.from == person.id {
                        &l.to
                    } else if l.to == person.id {
                        &l.from
                    } else {
                        return None;
                    };
                    Some(json!({
                        "with": with,
                        "type": l.kind,
                        "strength": l.strength,
                        "note": l.note,
                        "stated_by": l.from,
                    }))
                })
                .collect();
            object["recent"] = serde_json::to_value(&person.recent).ok()?;
            object["follow_ups"] = serde_json::to_value(&person.follow_ups).ok()?;
            let name = |id: &str| register.get(id).map_or(id, |s| s.name.as_str()).to_owned();
            let points = i18n::text::points(register.project.language, &person.points, &name);
            object["points"] = serde_json::to_value(points).ok()?;
            object["links"] = Json::Array(links);
            Some(object)
        })
        .collect()
}

/// Writes one file of the brief atomically, so a browser showing the old brief never
/// reads half of the new one.
fn write(out: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    output::replace_file(out, name, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{register, stakeholder};

    fn sample() -> Register {
        let mut helen = stakeholder("helen-brandt", 5, 5);
        helen.name = "Helen Brandt".into();
        helen.tags = vec!["steering-committee".into()];
        let mut mark = stakeholder("mark-sullivan", 5, 4);
        mark.name = "Mark Sullivan".into();
        mark.tags = vec!["Steering-Committee".into(), "operations".into()];
        register(vec![helen, mark, stakeholder("tom", 2, 2)])
    }

    #[test]
    fn a_tag_selects_everyone_with_it_whatever_the_case() {
        let found = select(&sample(), &Selection::Tag("steering-committee".into())).unwrap();
        assert_eq!(found, [0, 1]);
    }

    #[test]
    fn an_unknown_tag_suggests_the_closest() {
        let error = select(&sample(), &Selection::Tag("steering".into())).unwrap_err();
        assert!(
            error.contains("did you mean `Steering-Committee` or `steering-committee`?"),
            "{error}"
        );
        let error = select(&sample(), &Selection::Tag("finance".into())).unwrap_err();
        assert!(
            error.contains("the tags are `Steering-Committee`, `operations`"),
            "{error}"
        );
    }

    #[test]
    fn unknown_ids_suggest_close_ids_and_names() {
        let error = select(
            &sample(),
            &Selection::Ids(vec!["helen-brant".into(), "Mark".into(), "tom".into()]),
        )
        .unwrap_err();
        assert!(
            error.contains("`helen-brant`; did you mean `helen-brandt` (Helen Brandt)?"),
            "{error}"
        );
        assert!(
            error.contains("`Mark`; did you mean `mark-sullivan` (Mark Sullivan)?"),
            "{error}"
        );
        assert!(!error.contains("`tom`"), "tom exists: {error}");
        assert_eq!(
            select(&sample(), &Selection::Ids(vec!["tom".into()])).unwrap(),
            [2]
        );
    }
}
