//! The checked register: what the analysis and the reports work from.
//!
//! Every value here is valid; where a later finding must point at a line of a file, the
//! item keeps that line.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::diagnostic::Loc;

use super::doc::Sentiment;
use super::vocab::{
    Attribute, Category, Date, EngagementLevel, Frequency, Involvement, Kind, Language, Level,
    Quadrant, RelationKind, Stance,
};

/// A loaded, checked register.
#[derive(Debug, Clone, Serialize)]
pub struct Register {
    /// The folder it was loaded from.
    pub root: PathBuf,
    /// Settings from `_project.md`, or the defaults.
    pub project: Project,
    /// Stakeholders, sorted by id.
    pub stakeholders: Vec<Stakeholder>,
    /// Meeting records (format v2), by date then id. Each attendee also has the meeting
    /// in their own `interactions`.
    pub meetings: Vec<Meeting>,
}

impl Register {
    /// The stakeholder with this id.
    pub fn get(&self, id: &str) -> Option<&Stakeholder> {
        self.stakeholders
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.stakeholders[i])
    }
}

/// Project settings.
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    /// Project name (the folder's name when there is no `_project.md`).
    pub name: String,
    /// Project code.
    pub code: Option<String>,
    /// Project manager.
    pub manager: Option<String>,
    /// Sponsor: free text or a stakeholder id.
    pub sponsor: Option<String>,
    /// Language of the report's labels.
    pub language: Language,
    /// The analysis date set in the file, if any.
    pub as_of: Option<Date>,
    /// Where "high" starts on the 1–5 scale.
    pub threshold: Level,
    /// Default communication per quadrant, for stakeholders without a plan.
    pub cadence: BTreeMap<Quadrant, Cadence>,
    /// Days without interaction after which a stakeholder is silent.
    pub silent_after_days: u32,
    /// Fields hidden from every public profile.
    pub confidential: Vec<String>,
    /// Working days and holidays, for the calendar.
    pub calendar: WorkCalendar,
    /// Plan items: planned communication to many stakeholders at once (format v2).
    pub communications: Vec<PlanItem>,
    /// What `stake build` and `stake brief` compare with when `--since` is not given
    /// (`history.since`).
    #[serde(skip)]
    pub default_since: DefaultSince,
    /// The Markdown body: the report's introduction.
    pub introduction: String,
    /// `_project.md`, relative to the register's folder, when it exists.
    pub file: Option<PathBuf>,
}

impl Project {
    /// The defaults of a register without `_project.md`.
    pub fn with_name(name: String) -> Project {
        Project {
            name,
            code: None,
            manager: None,
            sponsor: None,
            language: Language::En,
            as_of: None,
            threshold: Level::new(4).expect("4 is a level"),
            cadence: default_cadence(Language::En),
            silent_after_days: 60,
            confidential: vec!["contact".into(), "notes".into()],
            calendar: WorkCalendar::default(),
            communications: Vec::new(),
            default_since: DefaultSince::default(),
            introduction: String::new(),
            file: None,
        }
    }
}

/// `_project.md` → `history.since`: what a build or a brief without `--since` compares
/// the register with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum DefaultSince {
    /// The most recent tag matching this pattern (`*` any characters, `?` one) on a
    /// commit that changed the register.
    Tag(String),
    /// This revision, as `--since` takes it.
    Rev(String),
    /// No comparison unless `--since` is given.
    None,
}

impl Default for DefaultSince {
    fn default() -> Self {
        DefaultSince::Tag("*".into())
    }
}

/// The built-in cadence per quadrant (documented in docs/format.md): the closer the
/// grid says to manage someone, the more often they hear from the project. Its channels
/// are written in the register's language, as its own channels are.
pub fn default_cadence(language: Language) -> BTreeMap<Quadrant, Cadence> {
    [
        (
            Quadrant::ManageClosely,
            ("meeting", "会议"),
            Frequency::Weekly,
        ),
        (
            Quadrant::KeepSatisfied,
            ("report", "书面报告"),
            Frequency::Monthly,
        ),
        (
            Quadrant::KeepInformed,
            ("newsletter", "项目简报"),
            Frequency::Biweekly,
        ),
        (Quadrant::Monitor, ("email", "邮件"), Frequency::Quarterly),
    ]
    .into_iter()
    .map(|(quadrant, (en, zh), frequency)| {
        let channel = match language {
            Language::En => en,
            Language::ZhCn => zh,
        };
        let channel = channel.to_owned();
        (quadrant, Cadence { channel, frequency })
    })
    .collect()
}

/// Working days and holidays (`_project.md` → `calendar`): an occurrence due on a day
/// off moves to the next working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkCalendar {
    /// Working weekdays, Monday first (default Monday to Friday).
    pub working_days: [bool; 7],
    /// Days off, as ranges that do not overlap, sorted.
    pub holidays: Vec<Holiday>,
    /// Extra working days (调休: a weekend day worked to make up for a holiday), sorted.
    pub working: Vec<Date>,
}

/// One holiday or range of holidays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    /// The first day off.
    pub from: Date,
    /// The last day off (the same day for a single holiday).
    pub to: Date,
    /// Its name, e.g. `春节`.
    pub name: Option<String>,
}

impl Default for WorkCalendar {
    fn default() -> Self {
        WorkCalendar {
            working_days: [true, true, true, true, true, false, false],
            holidays: Vec::new(),
            working: Vec::new(),
        }
    }
}

impl Stakeholder {
    /// The label where space is tight: the short name, else the name.
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

impl WorkCalendar {
    /// Whether `date` is a working day: an extra working day, or a working weekday that
    /// is not a holiday.
    pub fn is_working(&self, date: Date) -> bool {
        if self.working.binary_search(&date).is_ok() {
            return true;
        }
        let weekday = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
        self.working_days[weekday] && self.holiday(date).is_none()
    }

    /// The holiday `date` falls in, if any.
    pub fn holiday(&self, date: Date) -> Option<&Holiday> {
        let after = self.holidays.partition_point(|h| h.from <= date);
        after
            .checked_sub(1)
            .map(|i| &self.holidays[i])
            .filter(|h| date <= h.to)
    }

    /// The first working day on or after `date`; `None` when there is none within a
    /// year (a calendar with no working day at all).
    pub fn next_working(&self, date: Date) -> Option<Date> {
        let mut day = date;
        for _ in 0..=366 {
            if self.is_working(day) {
                return Some(day);
            }
            day = day.tomorrow().ok()?;
        }
        None
    }
}

/// A default way and rhythm of communication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cadence {
    /// Channel.
    pub channel: String,
    /// Frequency.
    pub frequency: Frequency,
}

/// One stakeholder.
#[derive(Debug, Clone, Serialize)]
pub struct Stakeholder {
    /// Unique slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Short name for where space is tight (chart labels, calendar titles).
    pub short: Option<String>,
    /// Person, group or organisation.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// Position.
    pub role: Option<String>,
    /// Body.
    pub organization: Option<String>,
    /// Internal or external.
    pub category: Option<Category>,
    /// Direct or indirect.
    pub involvement: Option<Involvement>,
    /// Explicit key flag; `None` means derived by the analysis.
    pub key: Option<bool>,
    /// Power.
    pub power: Level,
    /// Interest.
    pub interest: Level,
    /// Influence.
    pub influence: Option<Level>,
    /// Impact.
    pub impact: Option<Level>,
    /// Legitimacy.
    pub legitimacy: Option<Attribute>,
    /// Urgency.
    pub urgency: Option<Attribute>,
    /// Current engagement.
    pub engagement_current: Option<EngagementLevel>,
    /// Desired engagement.
    pub engagement_desired: Option<EngagementLevel>,
    /// Who keeps the relationship.
    pub owner: Option<String>,
    /// Needs.
    pub needs: Vec<String>,
    /// Expectations.
    pub expectations: Vec<String>,
    /// Stances on issues.
    pub positions: Vec<Position>,
    /// Planned touches.
    pub communication: Vec<Touch>,
    /// Relationships.
    pub relationships: Vec<Relationship>,
    /// The interaction log, sorted by date.
    pub interactions: Vec<Interaction>,
    /// Tags.
    pub tags: Vec<String>,
    /// Contact details (confidential by default).
    pub contact: BTreeMap<String, String>,
    /// Fields hidden from the public profile.
    pub confidential: Vec<String>,
    /// The whole record is confidential.
    pub confidential_record: bool,
    /// When to look at the assessment again.
    pub next_review: Option<Date>,
    /// The Markdown body.
    pub notes: String,
    /// The file, relative to the register's folder.
    pub file: PathBuf,
    /// Lines in that file of the fields a finding may point at.
    #[serde(skip)]
    pub lines: FieldLines,
}

/// Lines (1-based, in the whole file) of single-valued fields.
#[derive(Debug, Clone, Default)]
pub struct FieldLines {
    /// Where the id is written: `id:`, or the opening `---` when the id is the file name.
    pub id: Loc,
    /// `name:` (also used when a field is missing).
    pub name: usize,
    /// `engagement:`.
    pub engagement: Option<usize>,
    /// `owner:`.
    pub owner: Option<usize>,
    /// `next_review:`.
    pub next_review: Option<usize>,
    /// The first line of the body.
    pub body: usize,
}

/// A stance on an issue.
#[derive(Debug, Clone, Serialize)]
pub struct Position {
    /// Issue name.
    pub issue: String,
    /// Stance.
    pub stance: Stance,
    /// Why.
    pub note: Option<String>,
    /// Line in the file.
    #[serde(skip)]
    pub line: usize,
}

/// A planned touch: in a stakeholder's `communication`, or the rhythm of a plan item.
#[derive(Debug, Clone, Serialize)]
pub struct Touch {
    /// The id `fulfils` names it by (format v2; always set for a plan item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What.
    pub content: Option<String>,
    /// How.
    pub channel: Option<String>,
    /// How often ([`Frequency::OnDates`] for a `dates:` list).
    pub frequency: Frequency,
    /// The one-off dates of a `dates:` list, in order (format v2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<Date>,
    /// Who.
    pub owner: Option<String>,
    /// First due date.
    pub starts: Option<Date>,
    /// The dates it went out, in order (format v2): each keeps it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<Date>,
    /// Line in the file.
    #[serde(skip)]
    pub line: usize,
}

/// A plan item (format v2, `_project.md` → `communications`): one planned communication
/// to a whole audience, one occurrence per due date for all of it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanItem {
    /// Unique among plan items (also [`Touch::id`] of `touch`).
    pub id: String,
    /// What, how, how often, who, and when it went out.
    #[serde(flatten)]
    pub touch: Touch,
    /// Who it is for.
    pub audience: Audience,
}

/// A plan item's audience: stakeholders with any of `tags`, and those named in `ids`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Audience {
    /// Tags, as written.
    pub tags: Vec<String>,
    /// Stakeholder ids, as written.
    pub ids: Vec<String>,
    /// Where each id is written, in the order of `ids`.
    #[serde(skip)]
    pub ids_at: Vec<Loc>,
    /// Where `audience:` is written.
    #[serde(skip)]
    pub at: Loc,
}

impl Audience {
    /// The audience's rule, its ids and tags hashed: asked once per stakeholder of a
    /// large register, it costs the stakeholder's tags, not the audience's length.
    pub fn members(&self) -> Members<'_> {
        Members {
            ids: self.ids.iter().map(String::as_str).collect(),
            tags: self.tags.iter().map(String::as_str).collect(),
        }
    }
}

/// Who is in an [`Audience`] ([`Audience::members`]).
#[derive(Debug)]
pub struct Members<'a> {
    ids: std::collections::HashSet<&'a str>,
    tags: std::collections::HashSet<&'a str>,
}

impl Members<'_> {
    /// Whether the stakeholder is in the audience, and whether by id (else by a tag).
    pub fn includes(&self, s: &Stakeholder) -> Option<Named> {
        if self.ids.contains(s.id.as_str()) {
            Some(Named::ById)
        } else if s.tags.iter().any(|t| self.tags.contains(t.as_str())) {
            Some(Named::ByTag)
        } else {
            None
        }
    }
}

/// How a stakeholder is in an audience: a public edition may name a member by tag only
/// when their tags are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// In `ids`.
    ById,
    /// Only through a tag.
    ByTag,
}

/// A relationship to another stakeholder.
#[derive(Debug, Clone, Serialize)]
pub struct Relationship {
    /// The other stakeholder's id (known to exist).
    pub with: String,
    /// Kind.
    #[serde(rename = "type")]
    pub kind: RelationKind,
    /// Strength.
    pub strength: Option<Level>,
    /// Context.
    pub note: Option<String>,
    /// Line in the file.
    #[serde(skip)]
    pub line: usize,
    /// Where `with:` is written.
    #[serde(skip)]
    pub with_at: Loc,
}

/// A meeting record (format v2): one file for a meeting of many.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    /// The file stem; meetings and stakeholders share one id space.
    pub id: String,
    /// The title.
    pub title: String,
    /// When it took place, or (after the analysis date) is planned.
    pub date: Date,
    /// How (`meeting` unless written).
    pub channel: String,
    /// The stakeholders who took part, by id, as written.
    pub attendees: Vec<String>,
    /// Who from the project ran it.
    pub by: Option<String>,
    /// One line.
    pub summary: Option<String>,
    /// One sentiment for everyone (`*` in [`Meeting::sentiment_of`]'s terms), or one per
    /// attendee.
    pub sentiment: Vec<(String, Sentiment)>,
    /// What was decided.
    pub decisions: Vec<String>,
    /// What was promised, each to an attendee (`for`) or to nobody in particular.
    pub follow_ups: Vec<MeetingFollowUp>,
    /// The planned communications it keeps, by plan-item or touch id.
    pub fulfils: Vec<String>,
    /// Where each of `fulfils` is written.
    #[serde(skip)]
    pub fulfils_at: Vec<Loc>,
    /// Fields kept out of public output.
    pub confidential: Vec<String>,
    /// `confidential: true`: the whole meeting is left out of public output.
    pub confidential_record: bool,
    /// The minutes: the Markdown body.
    pub notes: String,
    /// The file, relative to the register.
    pub file: PathBuf,
    /// Line of `meeting:` (the title).
    #[serde(skip)]
    pub line: usize,
    /// Where each attendee id is written, in the order of `attendees`.
    #[serde(skip)]
    pub attendee_at: Vec<Loc>,
    /// Where the first of `sentiment`, `decisions` and `follow_ups` is written, when any
    /// is: what a meeting records once it has taken place.
    #[serde(skip)]
    pub outcome_at: Option<Loc>,
}

impl Meeting {
    /// The sentiment the meeting records for `id`: their own, else everyone's.
    pub fn sentiment_of(&self, id: &str) -> Option<Sentiment> {
        let own = self.sentiment.iter().find(|(who, _)| who == id);
        own.or_else(|| self.sentiment.iter().find(|(who, _)| who == "*"))
            .map(|(_, sentiment)| *sentiment)
    }

    /// The fields recording how the meeting went (`sentiment`, `decisions`,
    /// `follow_ups`), as written: a planned meeting has none yet.
    pub fn outcome_fields(&self) -> Vec<&'static str> {
        [
            ("sentiment", !self.sentiment.is_empty()),
            ("decisions", !self.decisions.is_empty()),
            ("follow_ups", !self.follow_ups.is_empty()),
        ]
        .into_iter()
        .filter(|(_, written)| *written)
        .map(|(name, _)| name)
        .collect()
    }

    /// Whether anything of the meeting that reaches its attendees' logs (all but the
    /// minutes) is confidential: then each attendee's log counts as confidential.
    pub fn log_is_confidential(&self) -> bool {
        self.confidential_record || self.confidential.iter().any(|f| f != "notes")
    }
}

/// A follow-up promised in a meeting.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingFollowUp {
    /// The promise.
    #[serde(flatten)]
    pub follow_up: FollowUp,
    /// The attendee it was promised to.
    #[serde(rename = "for")]
    pub for_: Option<String>,
    /// Its line in the meeting's file.
    #[serde(skip)]
    pub line: usize,
}

/// An entry of the interaction log: written in the stakeholder's file, or the
/// stakeholder's part of a meeting record they attended.
#[derive(Debug, Clone)]
pub struct Interaction {
    /// When.
    pub date: Date,
    /// How.
    pub channel: Option<String>,
    /// What.
    pub summary: Option<String>,
    /// How it went.
    pub sentiment: Option<Sentiment>,
    /// Who from the project.
    pub by: Option<String>,
    /// What was promised: at most one in a stakeholder's file, any number from a
    /// meeting.
    pub follow_ups: Vec<FollowUp>,
    /// The meeting record it comes from, by id (format v2).
    pub meeting: Option<String>,
    /// The meeting record's file, relative to the register with `/` separators, when it
    /// comes from one: where its line is.
    pub file: Option<String>,
    /// The planned communications it keeps, by plan-item or touch id (format v2).
    pub fulfils: Vec<String>,
    /// Where each of `fulfils` is written (in the meeting's file for a meeting).
    pub fulfils_at: Vec<Loc>,
    /// Line in the file (the meeting record's file for a meeting).
    pub line: usize,
}

impl Serialize for Interaction {
    /// Templates written for v1 read `follow_up` (the first promise); v2 adds
    /// `follow_ups` and `meeting`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Interaction", 9)?;
        out.serialize_field("date", &self.date)?;
        out.serialize_field("channel", &self.channel)?;
        out.serialize_field("summary", &self.summary)?;
        out.serialize_field("sentiment", &self.sentiment)?;
        out.serialize_field("by", &self.by)?;
        out.serialize_field("follow_up", &self.follow_ups.first())?;
        out.serialize_field("follow_ups", &self.follow_ups)?;
        out.serialize_field("meeting", &self.meeting)?;
        out.serialize_field("fulfils", &self.fulfils)?;
        out.end()
    }
}

/// A promised action.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    /// What.
    pub action: String,
    /// By when.
    pub due: Option<Date>,
    /// Done yet.
    pub done: bool,
    /// Who does it (a meeting's follow-up; `None` in a stakeholder's file, where it is
    /// the interaction's `by`).
    pub owner: Option<String>,
}
