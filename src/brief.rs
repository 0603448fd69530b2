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
use crate::analysis::since::{self, Since};
use crate::analysis::{self, Analysed, edition};
use crate::build::context::{self, Base, StakeholderVars};
use crate::build::page::{Page, Pages, Wanted};
use crate::build::style::Styles;
use crate::build::templates::Templates;
use crate::build::{self, PageEmbeds, output, public};
use crate::document::charts::Charts;
use crate::i18n;
use crate::i18n::data::{Line, say};
use crate::register::doc::Sentiment;
use crate::register::model::Interaction;
use crate::register::vocab::{Date, Language, Level, RelationKind};
use crate::register::{Meeting, Register};
use crate::render::pdf::PdfOptions;

/// Who is in the meeting.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Everyone with this tag.
    Tag(String),
    /// These stakeholder ids.
    Ids(Vec<String>),
    /// The attendees of this meeting record (format v2), and the meeting itself: a
    /// planned one's agenda, or what a held one decided.
    Meeting(String),
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
    /// The attendees of a meeting a public brief leaves out (their record, or their log,
    /// is confidential: that they attend would be a contact the edition withholds).
    pub left_out: usize,
    /// A planned meeting's outcome fields (`sentiment`, `decisions`, `follow_ups`) the
    /// brief left out, since the meeting has not taken place by `as_of`.
    pub planned_outcomes: Vec<&'static str>,
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
        Selection::Meeting(id) => {
            let meeting = meeting(register, id)?;
            let mut found: Vec<usize> = meeting
                .attendees
                .iter()
                .filter_map(|a| {
                    register
                        .stakeholders
                        .binary_search_by(|s| s.id.as_str().cmp(a))
                        .ok()
                })
                .collect();
            found.sort_unstable();
            found.dedup();
            Ok(found)
        }
        Selection::Ids(ids) => {
            if let Some(m) = ids
                .iter()
                .find_map(|id| register.meetings.iter().find(|m| &m.id == id))
            {
                return Err(format!(
                    "`{}` is a meeting record ({}, {}), not a stakeholder: name it alone to brief its meeting, e.g. `stake brief DIR {}`",
                    m.id, m.title, m.date, m.id
                ));
            }
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
            Err(unknown_ids(register, ids, &unknown, Language::En))
        }
    }
}

/// Why `unknown` (of the ids asked for, `ids`) name no stakeholder, each with the closest
/// ids and names (and meetings, when one id was asked for), in `language`.
pub fn unknown_ids(
    register: &Register,
    ids: &[String],
    unknown: &[&String],
    language: Language,
) -> String {
    let say = |line: Line, values: &[(&str, &str)]| say(language, line, values);
    let lines: Vec<String> = unknown
        .iter()
        .map(|id| {
            let mut line = say(Line::NoSuchStakeholder, &[("id", id)]);
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
            let mut named: Vec<String> = suggestions
                .iter()
                .filter_map(|id| register.get(id))
                .map(|s| format!("`{}` ({})", s.id, s.name))
                .collect();
            // One id may be a meeting's, mistyped: stakeholders and meetings share the
            // id space.
            if ids.len() == 1 {
                let meetings = close(id, register.meetings.iter().map(|m| m.id.as_str()));
                if !meetings.is_empty() {
                    line = say(Line::NoSuchStakeholderOrMeeting, &[("id", id)]);
                }
                named.extend(meetings.iter().map(|m| meeting_named(register, m)));
                named.truncate(SUGGESTIONS);
            }
            if !named.is_empty() {
                line.push_str(&say(
                    Line::DidYouMean,
                    &[("names", &named.join(&say(Line::Or, &[])))],
                ));
            }
            line
        })
        .collect();
    let meetings = match register.meetings.is_empty() {
        true => String::new(),
        false => say(Line::MeetingIds, &[]),
    };
    format!(
        "{}\n{}",
        lines.join("\n"),
        say(Line::IdsAre, &[("meetings", &meetings)])
    )
}

/// The meeting record with this id, or an error naming the closest meeting ids (with
/// their titles and dates), else the planned ones.
pub fn meeting<'a>(register: &'a Register, id: &str) -> Result<&'a Meeting, String> {
    if let Some(m) = register.meetings.iter().find(|m| m.id == id) {
        return Ok(m);
    }
    let mut message = format!("no meeting record has the id `{id}`");
    let closest = close(id, register.meetings.iter().map(|m| m.id.as_str()));
    if !closest.is_empty() {
        let named: Vec<String> = closest.iter().map(|m| meeting_named(register, m)).collect();
        message.push_str(&format!("; did you mean {}?", named.join(" or ")));
    } else if register.meetings.is_empty() {
        message.push_str("; the register has no meeting records yet");
    } else {
        // The latest first: the one to brief is most likely the next.
        let latest: Vec<String> = register
            .meetings
            .iter()
            .rev()
            .take(SUGGESTIONS)
            .map(|m| meeting_named(register, &m.id))
            .collect();
        message.push_str(&format!("; the latest are {}", latest.join(", ")));
    }
    Err(format!(
        "{message}\n(a meeting's id is its file name without `.md`)"
    ))
}

/// A meeting id as suggestions name it: `` `id` (title, date) ``.
fn meeting_named(register: &Register, id: &str) -> String {
    match register.meetings.iter().find(|m| m.id == id) {
        Some(m) => format!("`{}` ({}, {})", m.id, m.title, m.date),
        None => format!("`{id}`"),
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

/// A brief whose body fits in this many pages has no title page or contents: the
/// steering committee of the English sample, four attendees each with what changed
/// since their last contact, runs to nine (issue 13 found a cover wasted on ten).
pub const BRIEF_COVER_AFTER_PAGES: usize = 10;

/// Writes the brief of the selected attendees of `register`, the full register: the
/// analysis is of all of it, and a public brief is a view of that analysis
/// ([`analysis::edition`]) and of the redacted register.
pub fn brief(register: &Register, options: &Options) -> Result<Written, String> {
    let mut attendees = select(register, &options.selection)?;
    let shown = public::Shown::of(register.clone(), options.as_of, options.public);
    let view = shown.view();
    let meeting = match &options.selection {
        Selection::Meeting(id) => Some(shown_meeting(register, &shown.register, id, options)?),
        _ => None,
    };
    let mut left_out = 0;
    if let Some(m) = &meeting
        && options.public
    {
        let before = attendees.len();
        attendees.retain(|&i| m.meeting.attendees.contains(&register.stakeholders[i].id));
        left_out = before - attendees.len();
    }
    attendees.sort_unstable();
    attendees.dedup();
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
    let since = since::since(register, full, feedback, &attendees);
    let (room, since) = match options.public {
        true => (
            edition::public_room(register, &room),
            since::public(register, &shown.register.meetings, &since),
        ),
        false => (room, since),
    };
    let since: Vec<Since> = since.into_iter().map(Since::listed).collect();
    let charts = Charts::build(&view, options.as_of);

    let templates = Templates::for_register(options.templates.as_deref(), view.register)?;
    let base = context::Base::new(&view, options.as_of, options.public, &charts.shown);
    let mut context = base.context()?;
    context.insert("root", "");
    context.insert("page", "brief");
    context.insert("kind", "brief");
    context.insert("room", &RoomVars::of(&room));
    context.insert("meeting", &meeting);
    context.insert(
        "attendees",
        &attendees_of(&base, &room, &since, view.register),
    );
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
        // its body runs past ten pages.
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
        left_out,
        planned_outcomes: meeting.map(|m| m.left_out).unwrap_or_default(),
        files: files.iter().map(|f| options.out.join(f)).collect(),
        missing_chars,
    })
}

/// The meeting of a brief as its edition shows it, or why a public brief cannot show
/// it.
fn shown_meeting(
    register: &Register,
    shown: &Register,
    id: &str,
    options: &Options,
) -> Result<MeetingVars, String> {
    let full = meeting(register, id)?;
    let Some(m) = shown.meetings.iter().find(|m| m.id == id) else {
        return Err(if full.confidential_record {
            format!(
                "`{id}` is a confidential meeting (`confidential: true`): the public edition has no brief of it"
            )
        } else {
            format!(
                "every attendee of `{id}` is left out of the public edition (their record or their log is confidential): it has nobody to brief"
            )
        });
    };
    if m.attendees.is_empty() {
        return Err(format!(
            "`{id}` keeps its attendees confidential: the public edition cannot say who is in the room"
        ));
    }
    Ok(MeetingVars::of(
        m,
        full,
        options.as_of,
        register.project.language,
    ))
}

/// The template variable `meeting`: the meeting record as the edition shows it, and
/// what the brief derives from it. A planned meeting's outcome fields are left out (it
/// has not taken place by `as_of`), and `left_out` names them.
#[derive(Serialize)]
struct MeetingVars {
    #[serde(flatten)]
    meeting: Meeting,
    /// Dated after `as_of`.
    planned: bool,
    /// Days from `as_of` to the meeting: more than 0 when planned.
    days: i64,
    /// The meeting's weekday, as the report's language writes it.
    weekday: &'static str,
    /// Per attendee as the edition shows them, their sentiment as the meeting records it.
    sentiments: Vec<AttendeeSentiment>,
    /// Each follow-up with `overdue_days` (0 when done, not late or undated).
    follow_up_status: Vec<FollowUpStatus>,
    /// The body (agenda, or minutes) is written and shown.
    has_notes: bool,
    /// The body is written but confidential: not in this edition.
    notes_withheld: bool,
    /// Decisions are recorded but none is in this edition.
    decisions_withheld: bool,
    /// Follow-ups are recorded but this edition leaves some or all out.
    follow_ups_withheld: bool,
    /// The outcome fields a planned meeting records, which the brief leaves out.
    #[serde(skip)]
    left_out: Vec<&'static str>,
}

#[derive(Serialize)]
struct AttendeeSentiment {
    id: String,
    sentiment: Option<Sentiment>,
}

#[derive(Serialize)]
struct FollowUpStatus {
    action: String,
    owner: Option<String>,
    due: Option<Date>,
    done: bool,
    #[serde(rename = "for")]
    for_: Option<String>,
    overdue_days: i64,
}

impl MeetingVars {
    /// `shown` is the edition's meeting, `full` the register's.
    fn of(shown: &Meeting, full: &Meeting, as_of: Date, language: i18n::Language) -> MeetingVars {
        let planned = shown.date > as_of;
        let mut meeting = shown.clone();
        let left_out = if planned {
            let fields = meeting.outcome_fields();
            meeting.sentiment.clear();
            meeting.decisions.clear();
            meeting.follow_ups.clear();
            fields
        } else {
            Vec::new()
        };
        let sentiments = meeting
            .attendees
            .iter()
            .map(|id| AttendeeSentiment {
                id: id.clone(),
                sentiment: meeting.sentiment_of(id),
            })
            .collect();
        let follow_up_status = meeting
            .follow_ups
            .iter()
            .map(|f| FollowUpStatus {
                action: f.follow_up.action.clone(),
                owner: f.follow_up.owner.clone(),
                due: f.follow_up.due,
                done: f.follow_up.done,
                for_: f.for_.clone(),
                overdue_days: match (f.follow_up.done, f.follow_up.due) {
                    (false, Some(due)) => analysis::days_between(due, as_of).max(0),
                    _ => 0,
                },
            })
            .collect();
        MeetingVars {
            planned,
            days: analysis::days_between(as_of, meeting.date),
            weekday: i18n::weekday(language, meeting.date),
            sentiments,
            follow_up_status,
            has_notes: !meeting.notes.trim().is_empty(),
            notes_withheld: meeting.notes.trim().is_empty() && !full.notes.trim().is_empty(),
            decisions_withheld: !planned
                && meeting.decisions.is_empty()
                && !full.decisions.is_empty(),
            follow_ups_withheld: !planned && meeting.follow_ups.len() < full.follow_ups.len(),
            left_out,
            meeting,
        }
    }
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
    /// What the register records since their last contact.
    since: Option<&'a Since>,
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
fn attendees_of<'a>(
    base: &'a Base<'a>,
    room: &'a Room,
    since: &'a [Since],
    register: &Register,
) -> Vec<Attendee<'a>> {
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
                since: since.iter().find(|s| s.id == person.id),
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
