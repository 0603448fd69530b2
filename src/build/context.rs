//! The variables every template sees.
//!
//! - `project`: name, code, manager, sponsor (and `sponsor_name` when it is an id),
//!   threshold, silent_after_days, has_introduction;
//! - `analysis`: the analysis JSON (as in `analysis.json`), each finding with `text`,
//!   its sentence in the report's language (see [`crate::i18n::text`]); its
//!   `stakeholders` are the objects of `stakeholders` below (each assessment with the
//!   register's fields beside it), one copy for both names;
//! - `stakeholders`: one object per stakeholder, sorted by id: the register's own fields
//!   (`role`, `needs`, `positions`, `interactions`, ...), the analysis's assessment
//!   (`name`, `quadrant`, `key`, `salience`, `engagement`, ...; where both have a field
//!   of the name, such as `key` or `file`, the assessment's), plus `profile` (its page),
//!   `has_notes`, and `related` (relationships others list with it: `from`, `type`,
//!   `strength`, `note`), and `withheld`: in a public edition the fields and derived
//!   facts it leaves out (`"interactions"`, `"last_contact"`, ...), which a template must
//!   print as left out, never as "none" or "never";
//! - `names`: stakeholder id to name; `t`: the labels of the report's language;
//! - `shown`: per chart with a limit (`engagement`, `network`, `sentiment`) how many
//!   stakeholders it draws (`shown`) of those it could (`total`), so that a page says what
//!   it left out;
//! - `meetings`: the meeting records (format v2) by date: `id`, `title`, `date`,
//!   `channel`, `attendees` (ids), `by`, `summary`, `decisions`, `follow_ups` (`action`,
//!   `owner`, `due`, `done`, `for`), `open` (those not done, each with `overdue_days`),
//!   `notes` (the minutes) and `planned` (dated after `as_of`); in a public edition without the confidential ones, their confidential
//!   fields, and attendees whose own log is confidential;
//! - `lang`, `as_of`, `public`; per page `page`, `root` (`""` or `"../"`), and on a
//!   profile `s`, the stakeholder.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Serialize, Serializer};
use tera::{Context, Value};

use crate::analysis::inputs::Fields;
use crate::analysis::schedule::ScheduledTouch;
use crate::analysis::{Analysed, Analysis, Assessment};
use crate::document::charts::Shown;
use crate::i18n;
use crate::register::model::{Interaction, Position, Relationship, Touch};
use crate::register::vocab::{Attribute, Date, EngagementLevel, Kind, Level, RelationKind};
use crate::register::{Meeting, Project, Stakeholder};

/// The variables of every page of one edition, borrowed from the register and the
/// analysis (see the module documentation).
#[derive(Serialize)]
pub struct Base<'a> {
    lang: &'static str,
    as_of: Date,
    public: bool,
    project: ProjectVars<'a>,
    stakeholders: Vec<StakeholderVars<'a>>,
    #[serde(skip)]
    analysis: Value,
    #[serde(serialize_with = "in_order")]
    names: Vec<(&'a str, &'a str)>,
    t: serde_json::Value,
    shown: &'a BTreeMap<&'static str, Shown>,
    meetings: Vec<MeetingVars<'a>>,
    /// Plan item id → what it is and for how many, where a finding or a row names it.
    plan_items: BTreeMap<&'a str, String>,
    /// Meeting id → its title and date, where a finding names it.
    meeting_titles: BTreeMap<&'a str, String>,
}

/// A meeting record (format v2) as templates see it: its fields, and `planned` when it
/// is dated after the analysis date.
#[derive(Serialize)]
struct MeetingVars<'a> {
    #[serde(flatten)]
    meeting: &'a Meeting,
    planned: bool,
    /// Days from the meeting to the analysis date (negative when planned).
    age_days: i64,
    /// The follow-ups not done, each with `overdue_days` (0 when not late).
    open: Vec<OpenMeetingFollowUp<'a>>,
}

/// A meeting's follow-up not done yet.
#[derive(Serialize)]
struct OpenMeetingFollowUp<'a> {
    action: &'a str,
    owner: Option<&'a str>,
    due: Option<Date>,
    #[serde(rename = "for")]
    for_: Option<&'a str>,
    overdue_days: i64,
}

#[derive(Serialize)]
struct ProjectVars<'a> {
    name: &'a str,
    code: Option<&'a str>,
    manager: Option<&'a str>,
    sponsor: Option<&'a str>,
    sponsor_name: Option<&'a str>,
    threshold: Level,
    silent_after_days: u32,
    has_introduction: bool,
}

/// One stakeholder as templates see it.
#[derive(Serialize)]
pub struct StakeholderVars<'a> {
    #[serde(flatten)]
    record: Record<'a>,
    has_notes: bool,
    profile: String,
    related: Vec<Related<'a>>,
    /// The planned communication to the stakeholder: their touches (or the suggestion)
    /// and the plan items whose audience they are in, by next due date.
    plan: Vec<&'a ScheduledTouch>,
    /// Its `withheld` names the record's left-out fields too in a public edition.
    #[serde(flatten)]
    assessment: Cow<'a, Assessment>,
}

/// The register's fields of a stakeholder that the assessment does not restate (nor the
/// notes and confidentiality settings, which no page prints).
#[derive(Serialize)]
struct Record<'a> {
    #[serde(rename = "type")]
    kind: Kind,
    role: Option<&'a str>,
    organization: Option<&'a str>,
    influence: Option<Level>,
    impact: Option<Level>,
    legitimacy: Option<Attribute>,
    urgency: Option<Attribute>,
    engagement_current: Option<EngagementLevel>,
    engagement_desired: Option<EngagementLevel>,
    needs: &'a [String],
    expectations: &'a [String],
    positions: &'a [Position],
    communication: &'a [Touch],
    relationships: &'a [Relationship],
    interactions: &'a [Interaction],
    contact: &'a BTreeMap<String, String>,
    next_review: Option<Date>,
}

/// A relationship another stakeholder lists with this one.
#[derive(Serialize, Clone, Copy)]
struct Related<'a> {
    from: &'a str,
    #[serde(rename = "type")]
    kind: RelationKind,
    strength: Option<Level>,
    note: Option<&'a str>,
}

/// The analysis as `analysis.json` has it, each finding with its sentence as `text`.
/// Serialised straight into a template value: through `serde_json::Value` every key of
/// every map would be a string of its own, and the copy would double the peak memory.
fn analysis_vars(analysis: &Analysis, language: crate::register::vocab::Language) -> Value {
    let findings = i18n::text::findings(language, &analysis.findings);
    let mut map = Value::from_serializable(analysis)
        .into_map()
        .unwrap_or_default();
    map.insert("findings".into(), Value::from_serializable(&findings));
    Value::from(map)
}

/// Pairs serialised as a map, in their order.
fn in_order<S: Serializer>(pairs: &[(&str, &str)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().copied())
}

impl<'a> Base<'a> {
    /// The variables of the view's edition; `shown` is what its charts show.
    pub fn new(
        view: &Analysed<'a>,
        as_of: Date,
        public: bool,
        shown: &'a BTreeMap<&'static str, Shown>,
    ) -> Base<'a> {
        let register = view.register;
        let project: &Project = &register.project;
        let sponsor_name = project
            .sponsor
            .as_deref()
            .and_then(|id| register.get(id))
            .map(|s| s.name.as_str());
        Base {
            lang: project.language.tag(),
            as_of,
            public,
            project: ProjectVars {
                name: &project.name,
                code: project.code.as_deref(),
                manager: project.manager.as_deref(),
                sponsor: project.sponsor.as_deref(),
                sponsor_name,
                threshold: project.threshold,
                silent_after_days: project.silent_after_days,
                has_introduction: !project.introduction.trim().is_empty(),
            },
            stakeholders: stakeholders(view, public),
            analysis: analysis_vars(view.analysis, project.language),
            names: register
                .stakeholders
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str()))
                .collect(),
            t: i18n::labels(project.language, project.threshold),
            shown,
            plan_items: view
                .analysis
                .schedule
                .iter()
                .filter_map(|t| {
                    let id = t.item.as_deref()?;
                    let what = t.content.as_deref().unwrap_or(id);
                    let label = i18n::label(project.language, "item_for")
                        .replace("{item}", what)
                        .replace("{n}", &t.audience.len().to_string());
                    Some((id, label))
                })
                .collect(),
            meeting_titles: register
                .meetings
                .iter()
                .map(|m| {
                    let date = i18n::date(project.language, m.date);
                    (m.id.as_str(), format!("{} · {date}", m.title))
                })
                .collect(),
            meetings: register
                .meetings
                .iter()
                .map(|meeting| MeetingVars {
                    meeting,
                    planned: meeting.date > as_of,
                    age_days: crate::analysis::days_between(meeting.date, as_of),
                    open: meeting
                        .follow_ups
                        .iter()
                        .filter(|f| !f.follow_up.done)
                        .map(|f| OpenMeetingFollowUp {
                            action: &f.follow_up.action,
                            owner: f.follow_up.owner.as_deref(),
                            due: f.follow_up.due,
                            for_: f.for_.as_deref(),
                            overdue_days: f
                                .follow_up
                                .due
                                .map_or(0, |due| crate::analysis::days_between(due, as_of).max(0)),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The stakeholder with this id.
    pub fn stakeholder(&self, id: &str) -> Option<&StakeholderVars<'a>> {
        self.stakeholders
            .binary_search_by(|s| s.assessment.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.stakeholders[i])
    }

    /// The template context of these variables. Made once per build: a page's copy
    /// shares its values.
    pub fn context(&self) -> Result<Context, String> {
        let mut context = Context::from_serialize(self).map_err(|e| e.to_string())?;
        // `analysis.stakeholders` is the list `stakeholders` (the same values, shared):
        // each of those is the assessment with the record's fields beside it, so one
        // copy serves both names.
        let mut analysis = self.analysis.clone().into_map().unwrap_or_default();
        if let Some(stakeholders) = context.get("stakeholders") {
            analysis.insert("stakeholders".into(), stakeholders.clone());
        }
        context.insert_value("analysis", Value::from(analysis));
        Ok(context)
    }
}

/// The `i`th stakeholder object of a base context (cheap: values are shared).
pub fn stakeholder_at(base: &Context, i: usize) -> Value {
    base.get("stakeholders")
        .and_then(|all| all.as_array())
        .and_then(|all| all.get(i))
        .cloned()
        .unwrap_or_else(Value::none)
}

/// Each stakeholder of the view, with `withheld`: in a public edition the names of the
/// fields and facts it leaves out (empty in the internal one).
fn stakeholders<'a>(view: &Analysed<'a>, public: bool) -> Vec<StakeholderVars<'a>> {
    let mut related: HashMap<&str, Vec<Related<'a>>> = HashMap::new();
    for (s, _) in view.iter() {
        for r in &s.relationships {
            related.entry(r.with.as_str()).or_default().push(Related {
                from: &s.id,
                kind: r.kind,
                strength: r.strength,
                note: r.note.as_deref(),
            });
        }
    }
    // Each entry of the schedule by whom it is for: once per audience member of a plan
    // item, so linear in the audiences' sizes.
    let mut plan: HashMap<&str, Vec<&'a ScheduledTouch>> = HashMap::new();
    for t in &view.analysis.schedule {
        for id in t.recipients() {
            plan.entry(id).or_default().push(t);
        }
    }
    view.iter()
        .map(|(s, a)| StakeholderVars {
            record: record(s),
            has_notes: !s.notes.trim().is_empty(),
            profile: format!("stakeholders/{}.html", s.id),
            related: related.get(s.id.as_str()).cloned().unwrap_or_default(),
            plan: plan.remove(s.id.as_str()).unwrap_or_default(),
            assessment: withheld(s, a, public),
        })
        .collect()
}

/// The assessment, whose `withheld` in a public edition also names what the redacted
/// record left out, in alphabetical order (a copy then; else borrowed).
fn withheld<'a>(s: &Stakeholder, a: &'a Assessment, public: bool) -> Cow<'a, Assessment> {
    if !public || s.confidential.is_empty() && a.withheld.is_sorted() {
        return Cow::Borrowed(a);
    }
    let mut a = a.clone();
    let names: BTreeSet<&'static str> = a
        .withheld
        .iter()
        .copied()
        .chain(Fields::of_names(&s.confidential).names())
        .collect();
    a.withheld = names.into_iter().collect();
    Cow::Owned(a)
}

fn record(s: &Stakeholder) -> Record<'_> {
    Record {
        kind: s.kind,
        role: s.role.as_deref(),
        organization: s.organization.as_deref(),
        influence: s.influence,
        impact: s.impact,
        legitimacy: s.legitimacy,
        urgency: s.urgency,
        engagement_current: s.engagement_current,
        engagement_desired: s.engagement_desired,
        needs: &s.needs,
        expectations: &s.expectations,
        positions: &s.positions,
        communication: &s.communication,
        relationships: &s.relationships,
        interactions: &s.interactions,
        contact: &s.contact,
        next_review: s.next_review,
    }
}

/// A promise not kept yet, for the sponsor's summary: a stakeholder's (from their log,
/// a meeting's promise to them included) or a meeting's own.
#[derive(Debug, Serialize)]
pub struct OpenPromise<'a> {
    /// The stakeholder it was promised to; `None` for a meeting's own.
    pub stakeholder: Option<&'a str>,
    /// The meeting whose own follow-up it is.
    pub meeting: Option<&'a str>,
    /// What was promised.
    pub action: &'a str,
    /// By when.
    pub due: Option<Date>,
    /// Days past due (0 when not late or undated).
    pub overdue_days: i64,
}

/// Every open follow-up of the register, the most overdue first, then by due date
/// (undated last): each stakeholder's open follow-ups (`feedback`) and the meetings'
/// own (those promised to nobody in particular).
pub fn open_promises<'a>(
    feedback: &'a [crate::analysis::feedback::Feedback],
    meetings: &'a [Meeting],
    as_of: Date,
) -> Vec<OpenPromise<'a>> {
    let mut open: Vec<OpenPromise<'a>> = feedback
        .iter()
        .flat_map(|f| {
            f.follow_ups.iter().map(move |u| OpenPromise {
                stakeholder: Some(f.stakeholder.as_str()),
                meeting: None,
                action: &u.action,
                due: u.due,
                overdue_days: i64::from(u.overdue_days),
            })
        })
        .chain(meetings.iter().filter(|m| m.date <= as_of).flat_map(|m| {
            m.follow_ups
                .iter()
                .filter(|f| !f.follow_up.done && f.for_.is_none())
                .map(move |f| OpenPromise {
                    stakeholder: None,
                    meeting: Some(m.id.as_str()),
                    action: &f.follow_up.action,
                    due: f.follow_up.due,
                    overdue_days: f
                        .follow_up
                        .due
                        .map_or(0, |due| crate::analysis::days_between(due, as_of).max(0)),
                })
        }))
        .collect();
    open.sort_by_key(|p| (std::cmp::Reverse(p.overdue_days), p.due.is_none(), p.due));
    open
}

/// A decision a meeting record lists, for the sponsor's summary.
#[derive(Debug, Serialize)]
pub struct Decision<'a> {
    /// The meeting's id.
    pub meeting: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its date.
    pub date: Date,
    /// What was decided.
    pub text: &'a str,
}

/// The decisions of the meetings held after `since` and by `as_of`, the latest meeting
/// first (each meeting's in the order it lists them).
pub fn decisions_since(meetings: &[Meeting], since: Date, as_of: Date) -> Vec<Decision<'_>> {
    let mut held: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| m.date > since && m.date <= as_of)
        .collect();
    held.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    held.into_iter()
        .flat_map(|m| {
            m.decisions.iter().map(move |d| Decision {
                meeting: &m.id,
                title: &m.title,
                date: m.date,
                text: d,
            })
        })
        .collect()
}
