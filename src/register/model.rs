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
            introduction: String::new(),
            file: None,
        }
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
            ("newsletter", "简报"),
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

/// A planned touch.
#[derive(Debug, Clone, Serialize)]
pub struct Touch {
    /// What.
    pub content: Option<String>,
    /// How.
    pub channel: Option<String>,
    /// How often.
    pub frequency: Frequency,
    /// Who.
    pub owner: Option<String>,
    /// First due date.
    pub starts: Option<Date>,
    /// Line in the file.
    #[serde(skip)]
    pub line: usize,
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

/// An entry of the interaction log.
#[derive(Debug, Clone, Serialize)]
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
    /// What was promised.
    pub follow_up: Option<FollowUp>,
    /// Line in the file.
    #[serde(skip)]
    pub line: usize,
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
}
