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
use std::path::PathBuf;

use serde::Serialize;

use crate::analysis::feedback::OpenFollowUp;
use crate::analysis::issues::issue_key;
use crate::analysis::room::{Point, Room, room};
use crate::analysis::{self, Analysed, edition};
use crate::build::context::{self, Base, StakeholderVars};
use crate::build::page::{Page, Pages, Wanted};
use crate::build::style::Styles;
use crate::build::templates::Templates;
use crate::build::{self, PageEmbeds, output, public};
use crate::document::charts::Charts;
use crate::i18n;
use crate::register::Register;
use crate::register::model::Interaction;
use crate::register::vocab::{Date, Level, RelationKind};
use crate::render::pdf::PdfOptions;

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
    /// What changed since an earlier revision (`--since REV`): the brief shows the part
    /// about the attendees; the internal edition only.
    pub changes: Option<crate::history::diff::Diff>,
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
/// A brief whose body fits in this many pages has no title page or contents.
pub const BRIEF_COVER_AFTER_PAGES: usize = 8;

/// ([`analysis::edition`]) and of the redacted register.
pub fn brief(register: &Register, options: &Options) -> Result<Written, String> {
    let attendees = select(register, &options.selection)?;
    let shown = public::Shown::of(register.clone(), options.as_of, options.public);
    let view = shown.view();
    let focus = options
        .issue
        .as_deref()
        .map(|issue| focus(&shown.analysis, issue))
        .transpose()?;
    let (full, feedback) = shown.full();
    let room = room(
        &Analysed::new(register, full),
        feedback,
        &attendees,
        focus.as_deref(),
    );
    let room = match options.public {
        true => edition::public_room(register, &room),
        false => room,
    };
    let charts = Charts::build(&view, options.as_of);

    let templates = Templates::for_register(options.templates.as_deref(), view.register)?;
    let base = context::Base::new(&view, options.as_of, options.public, &charts.shown);
    let mut context = base.context()?;
    context.insert("root", "");
    context.insert("page", "brief");
    context.insert("kind", "brief");
    context.insert("room", &RoomVars::of(&room));
    context.insert("attendees", &attendees_of(&base, &room, view.register));
    if let Some(changes) = options.changes.as_ref().filter(|_| !options.public) {
        let ids = attendees
            .iter()
            .map(|&i| register.stakeholders[i].id.as_str());
        let changes = changes.restricted_to(&ids.collect());
        let view = crate::history::view::changes(&changes, register.project.language);
        context.insert("changes", &view);
    }

    let styles = Styles::new(&templates, &context);
    let pages = Pages {
        templates: &templates,
        styles: &styles,
        embeds: PageEmbeds {
            register: view.register,
            charts: &charts,
        },
        register: view.register,
        as_of: options.as_of,
        edition: shown.analysis.edition,
        // A brief is read minutes before a meeting: a title page and contents only when
        // its body runs past eight pages.
        pdf: PdfOptions {
            cover_after_pages: Some(BRIEF_COVER_AFTER_PAGES),
            ..build::pdf_options(view.register, &options.pdf)
        },
    };
    let page = Page {
        template: "brief.md.tera",
        layout: "brief.html.tera",
        kind: "brief",
        subject: "meeting_brief",
        stem: "brief",
    };
    let wanted = Wanted {
        md: options.formats.contains(&Format::Md),
        html: options.formats.contains(&Format::Html),
        pdf: options.formats.contains(&Format::Pdf),
    };
    let rendered = pages.render(&page, context.clone(), wanted)?;
    let missing_chars = rendered.missing_chars.clone();
    // Only now, when there is something to write: the folder follows the build's rule.
    let folder = output::claim_brief_folder(&options.out, &register.root)?;
    let files = rendered.write(&folder)?;
    Ok(Written {
        attendees: attendees.len(),
        files: files.iter().map(|f| options.out.join(f)).collect(),
        missing_chars,
    })
}

/// The template variable `room`: the analysis's room with its counts.
#[derive(Serialize)]
struct RoomVars<'a> {
    #[serde(flatten)]
    room: &'a Room,
    /// Follow-ups past due, over all attendees.
    overdue_promises: usize,
    /// Conflicts between attendees; one stated in both files is one conflict.
    conflicts: usize,
}

impl<'a> RoomVars<'a> {
    fn of(room: &'a Room) -> RoomVars<'a> {
        let overdue_promises = room
            .people
            .iter()
            .flat_map(|p| &p.follow_ups)
            .filter(|f| f.overdue_days > 0)
            .count();
        let conflicts: BTreeSet<(&str, &str)> = room
            .links
            .iter()
            .filter(|l| l.kind == RelationKind::Conflict)
            .map(|l| (l.from.as_str().min(&l.to), l.from.as_str().max(&l.to)))
            .collect();
        RoomVars {
            room,
            overdue_promises,
            conflicts: conflicts.len(),
        }
    }
}

/// An attendee: the stakeholder as every template sees it, with what the room adds.
#[derive(Serialize)]
struct Attendee<'a> {
    #[serde(flatten)]
    stakeholder: &'a StakeholderVars<'a>,
    recent: &'a [Interaction],
    follow_ups: &'a [OpenFollowUp],
    points: Vec<i18n::text::Worded<'a, Point>>,
    links: Vec<AttendeeLink<'a>>,
}

/// A relationship of an attendee with someone else in the room, either direction.
#[derive(Serialize)]
struct AttendeeLink<'a> {
    with: &'a str,
    #[serde(rename = "type")]
    kind: RelationKind,
    strength: Option<Level>,
    note: Option<&'a str>,
    stated_by: &'a str,
}

/// The room's people as template variables, in the room's order.
fn attendees_of<'a>(base: &'a Base<'a>, room: &'a Room, register: &Register) -> Vec<Attendee<'a>> {
    let language = register.project.language;
    let name = |id: &str| register.get(id).map_or(id, |s| s.name.as_str()).to_owned();
    room.people
        .iter()
        .filter_map(|person| {
            let links = room
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
                    Some(AttendeeLink {
                        with,
                        kind: l.kind,
                        strength: l.strength,
                        note: l.note.as_deref(),
                        stated_by: &l.from,
                    })
                })
                .collect();
            Some(Attendee {
                stakeholder: base.stakeholder(&person.id)?,
                recent: &person.recent,
                follow_ups: &person.follow_ups,
                points: i18n::text::points(language, &person.points, &name),
                links,
            })
        })
        .collect()
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
