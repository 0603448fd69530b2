//! Editions: the internal one states everything the analysis derived; the public one is a
//! view of that same analysis.
//!
//! The rule (`docs/analysis.md`, "Editions"): the analysis always runs on the full
//! register. A public edition leaves out every record that is confidential as a whole (or
//! whose power or interest is), and every derived fact whose inputs ([`Fields`]) include
//! a confidential field of its stakeholder; it never recomputes a fact from less data. So
//! whatever the public edition states about a stakeholder has the same value internally,
//! and every public finding is an internal finding. Facts of the whole register (the
//! engagement index, centrality) are left out when any of their inputs is confidential;
//! counts are of what the edition shows.

use serde::Serialize;

use super::feedback::{Feedback, Flag};
use super::inputs::Fields;
use super::issues::Conflict;
use super::room::{Point, Room};
use super::{Analysis, Assessment, summary};
use crate::register::{Register, Stakeholder};

/// Which edition an output is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edition {
    /// Everything in the register: not to be forwarded.
    #[default]
    Internal,
    /// What can leave the project: nothing confidential, nothing derived from it.
    Public,
}

impl Edition {
    /// The edition of a build or brief with or without `--public`.
    pub fn of(public: bool) -> Edition {
        if public {
            Edition::Public
        } else {
            Edition::Internal
        }
    }

    /// The English kebab-case word, as in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Internal => "internal",
            Edition::Public => "public",
        }
    }
}

/// What a public edition may not state, per stakeholder of the register (in its order).
#[derive(Debug, Clone)]
pub struct Secrets {
    /// The fields confidential for each stakeholder (its own list and the project's).
    fields: Vec<Fields>,
    /// Records left out whole: `confidential: true`, or power or interest confidential
    /// (the grid places every stakeholder, so such a record cannot be shown at all).
    hidden: Vec<bool>,
}

impl Secrets {
    /// The secrets of a register.
    pub fn of(register: &Register) -> Secrets {
        let project = Fields::of_names(&register.project.confidential);
        let fields: Vec<Fields> = register
            .stakeholders
            .iter()
            .map(|s| project | Fields::of_names(&s.confidential))
            .collect();
        let hidden = register
            .stakeholders
            .iter()
            .zip(&fields)
            .map(|(s, f)| s.confidential_record || f.meets(Fields::POWER | Fields::INTEREST))
            .collect();
        Secrets { fields, hidden }
    }

    /// The confidential fields of the `i`th stakeholder.
    pub fn fields(&self, i: usize) -> Fields {
        self.fields[i]
    }

    /// Whether the `i`th stakeholder's record is left out whole.
    pub fn hidden(&self, i: usize) -> bool {
        self.hidden[i]
    }

    /// Whether a fact of the `i`th stakeholder derived from `inputs` may be shown.
    pub fn shows(&self, i: usize, inputs: Fields) -> bool {
        !self.hidden[i] && !self.fields[i].meets(inputs)
    }
}

/// The public view of an analysis of `register` (the full register it was made from).
pub fn public(register: &Register, analysis: &Analysis) -> Analysis {
    let secrets = Secrets::of(register);
    let index = super::Ids::of(register);
    let at = |id: &str| index.get(id);
    let shown = |id: &str, inputs: Fields| at(id).is_some_and(|i| secrets.shows(i, inputs));
    let visible = |id: &str| at(id).is_some_and(|i| !secrets.hidden(i));

    // Centrality counts shortest paths through the whole graph: one confidential tie
    // (or a hidden stakeholder's) changes everyone's.
    let ties_withheld = register.stakeholders.iter().enumerate().any(|(i, s)| {
        !s.relationships.is_empty() && !secrets.shows(i, Fields::RELATIONSHIPS)
            || s.relationships
                .iter()
                .any(|r| at(&r.with).is_some_and(|j| secrets.hidden(j)))
    });

    let mut stakeholders: Vec<Assessment> = register
        .stakeholders
        .iter()
        .zip(&analysis.stakeholders)
        .enumerate()
        .filter(|&(i, _)| !secrets.hidden(i))
        .map(|(i, (s, a))| {
            let mut a = a.clone();
            for (fact, inputs) in Assessment::sources(s) {
                if !secrets.shows(i, inputs) {
                    withhold(&mut a, fact);
                }
            }
            if ties_withheld {
                withhold(&mut a, "centrality");
            }
            a
        })
        .collect();

    // A plan item's dates derive from the logs that keep it: shown only when each of
    // them is public. Its audience is named where membership is public (by id, or by a
    // tag that is public).
    let schedule = analysis
        .schedule
        .iter()
        .filter(|t| match &t.stakeholder {
            Some(id) => shown(id, t.inputs),
            None => t.kept_by.iter().all(|id| shown(id, Fields::INTERACTIONS)),
        })
        .cloned()
        .map(|mut t| {
            if let Some(id) = &t.stakeholder
                && t.owner_inherited
                && !shown(id, Fields::OWNER)
            {
                t.owner = None;
            }
            if t.item.is_some() {
                let named: Vec<bool> = t
                    .audience
                    .iter()
                    .zip(&t.by_tag)
                    .map(|(id, &by_tag)| visible(id) && (!by_tag || shown(id, Fields::TAGS)))
                    .collect();
                let mut keep = named.iter();
                t.audience.retain(|_| *keep.next().unwrap_or(&false));
                let mut keep = named.iter();
                t.by_tag.retain(|_| *keep.next().unwrap_or(&false));
            }
            t
        })
        .collect::<Vec<_>>();
    // A member's next due date and days overdue count their plan items: withheld when
    // one of those items is, or when their membership is not public.
    for item in analysis.schedule.iter().filter(|t| t.item.is_some()) {
        let public: Option<std::collections::HashSet<&str>> = schedule
            .iter()
            .find(|p| p.item == item.item)
            .map(|p| p.audience.iter().map(String::as_str).collect());
        for id in &item.audience {
            if public
                .as_ref()
                .is_none_or(|named| !named.contains(id.as_str()))
                && let Ok(i) = stakeholders.binary_search_by(|a| a.id.as_str().cmp(id))
            {
                for fact in ["next_due", "overdue_days", "next_due_unrecorded"] {
                    withhold(&mut stakeholders[i], fact);
                }
            }
        }
    }
    let public_items: Vec<&str> = schedule.iter().filter_map(|t| t.item.as_deref()).collect();
    let public_meeting = |id: &str| {
        register.meetings.iter().any(|m| {
            m.id == id
                && !m.confidential_record
                && !m
                    .confidential
                    .iter()
                    .any(|f| f == "follow_ups" || f == "attendees")
                && m.attendees.iter().any(|a| shown(a, Fields::INTERACTIONS))
        })
    };
    let findings = analysis
        .findings
        .iter()
        .filter(|f| match (&f.stakeholder, &f.plan_item, &f.meeting) {
            (Some(id), _, _) => shown(id, f.inputs),
            (None, Some(item), _) => public_items.contains(&item.as_str()),
            (None, None, Some(meeting)) => public_meeting(meeting),
            (None, None, None) => false,
        })
        .cloned()
        .collect::<Vec<_>>();
    let conflicts = analysis
        .conflicts
        .iter()
        .cloned()
        .filter_map(|mut c| match &mut c {
            Conflict::Relationship { between, .. } => between
                .iter()
                .all(|id| shown(id, Fields::RELATIONSHIPS))
                .then_some(c),
            // Each side is a fact of its members' stances and key flags: the public
            // edition names the members it may, and states the conflict when both sides
            // still have one.
            Conflict::Issue {
                support, oppose, ..
            } => {
                for side in [&mut *support, &mut *oppose] {
                    side.retain(|id| shown(id, Fields::POSITIONS | key_inputs(register, at(id))));
                }
                (!support.is_empty() && !oppose.is_empty()).then_some(c)
            }
        })
        .collect::<Vec<_>>();
    let issues = analysis
        .issues
        .iter()
        .cloned()
        .filter_map(|mut map| {
            for ids in [
                &mut map.support,
                &mut map.oppose,
                &mut map.neutral,
                &mut map.mixed,
            ] {
                ids.retain(|id| shown(id, Fields::POSITIONS));
            }
            let any = [&map.support, &map.oppose, &map.neutral, &map.mixed]
                .iter()
                .any(|ids| !ids.is_empty());
            any.then_some(map)
        })
        .collect();

    let mut network = analysis.network.clone();
    network
        .edges
        .retain(|e| shown(&e.from, Fields::RELATIONSHIPS) && visible(&e.to));
    // A group is kept only when each member's ties are public: a withheld tie could be
    // what joins it.
    network
        .ally_groups
        .retain(|group| group.iter().all(|id| shown(id, Fields::RELATIONSHIPS)));
    if ties_withheld {
        network.withheld.push("centrality");
    }

    // The order of what this edition shows, by what it shows.
    super::rank(&mut stakeholders, &findings);

    // The index weighs everyone's engagement: one confidential level is in it.
    let engagement_withheld = register.stakeholders.iter().enumerate().any(|(i, s)| {
        s.engagement_current.is_some()
            && s.engagement_desired.is_some()
            && !secrets.shows(i, Fields::ENGAGEMENT)
    });
    let engagement_index = analysis
        .summary
        .engagement_index
        .filter(|_| !engagement_withheld);
    let mut summary = summary::summary(
        &stakeholders,
        &schedule,
        &conflicts,
        &findings,
        engagement_index,
        analysis.as_of,
    );
    if engagement_withheld {
        summary.withheld.push("engagement_index");
    }
    let mut project = analysis.project.clone();
    if project
        .sponsor
        .as_deref()
        .is_some_and(|id| at(id).is_some() && !visible(id))
    {
        project.sponsor = None;
    }
    Analysis {
        project,
        as_of: analysis.as_of,
        edition: Edition::Public,
        stakeholders,
        conflicts,
        issues,
        schedule,
        network,
        findings,
        summary,
    }
}

/// What the key flag of the stakeholder at `i` derives from.
fn key_inputs(register: &Register, i: Option<usize>) -> Fields {
    i.map_or(Fields::NONE, |i| Fields::key_of(&register.stakeholders[i]))
}

/// Empties one fact of an assessment and notes it as withheld.
fn withhold(a: &mut Assessment, fact: &'static str) {
    match fact {
        "category" => a.category = None,
        "involvement" => a.involvement = None,
        "key" => a.key = false,
        "salience" => a.salience = None,
        "engagement" => {
            a.engagement.current = None;
            a.engagement.desired = None;
            a.engagement.gap = None;
        }
        "owner" => a.owner = None,
        "last_contact" => a.last_contact = None,
        "silent" => a.silent = false,
        "sentiment_trend" => a.sentiment_trend = None,
        "satisfaction" => a.satisfaction = None,
        "next_due" => a.next_due = None,
        "overdue_days" => a.overdue_days = 0,
        "next_due_unrecorded" => a.next_due_unrecorded = false,
        "tags" => a.tags.clear(),
        "centrality" => a.centrality = 0.0,
        other => unreachable!("`{other}` is not a fact of an assessment"),
    }
    if !a.withheld.contains(&fact) {
        a.withheld.push(fact);
    }
}

/// The public view of the feedback (in register order, as made): a stakeholder left out
/// whole, or whose log is confidential, has no row; a flag is kept when its inputs are
/// public.
pub fn public_feedback(register: &Register, feedback: &[Feedback]) -> Vec<Feedback> {
    let secrets = Secrets::of(register);
    register
        .stakeholders
        .iter()
        .zip(feedback)
        .enumerate()
        .filter(|&(i, _)| secrets.shows(i, Fields::INTERACTIONS))
        .map(|(i, (s, f))| {
            let mut f = f.clone();
            f.flags.retain(|flag| secrets.shows(i, flag.inputs(s)));
            f
        })
        .collect()
}

/// The public view of a meeting's room. Attendees left out whole are gone (the caller
/// says so); each talking point, relationship and stance is kept when its inputs are
/// public, and an attendee's log is empty when it is confidential.
pub fn public_room(register: &Register, room: &Room) -> Room {
    let secrets = Secrets::of(register);
    let index = super::Ids::of(register);
    let shown = |id: &str, inputs: Fields| index.get(id).is_some_and(|i| secrets.shows(i, inputs));
    let visible = |id: &str| index.get(id).is_some_and(|i| !secrets.hidden(i));
    // A supporter point is made because someone else in the room opposes: it derives
    // from every attendee's positions.
    let stances_public = room.attendees.iter().all(|id| shown(id, Fields::POSITIONS));
    let mut room = room.clone();
    room.attendees.retain(|id| visible(id));
    for issue in &mut room.agenda {
        for ids in [
            &mut issue.support,
            &mut issue.oppose,
            &mut issue.neutral,
            &mut issue.mixed,
            &mut issue.unknown,
        ] {
            ids.retain(|id| shown(id, Fields::POSITIONS));
        }
    }
    // An issue is known from the positions that name it: one only confidential
    // positions name is not on the public agenda.
    room.agenda.retain(|issue| {
        [&issue.support, &issue.oppose, &issue.neutral, &issue.mixed]
            .iter()
            .any(|ids| !ids.is_empty())
    });
    room.links
        .retain(|l| shown(&l.from, Fields::RELATIONSHIPS) && visible(&l.to));
    room.people.retain(|p| visible(&p.id));
    for person in &mut room.people {
        let Some(i) = index.get(&person.id) else {
            continue;
        };
        let s = &register.stakeholders[i];
        if !secrets.shows(i, Fields::INTERACTIONS) {
            person.recent.clear();
            person.follow_ups.clear();
        }
        person.points.retain(|point| {
            secrets.shows(i, point.inputs(s))
                && match point {
                    Point::Conflict { with, .. } => shown(with, Fields::RELATIONSHIPS),
                    Point::Supporter { .. } => stances_public,
                    _ => true,
                }
        });
    }
    room
}

impl Flag {
    /// What the flag derives from.
    pub fn inputs(&self, s: &Stakeholder) -> Fields {
        let plan = Fields::INTERACTIONS | super::schedule::inputs(s);
        match self {
            Flag::Silent { .. } => Fields::INTERACTIONS,
            Flag::UnderContacted { .. } => plan | Fields::key_of(s),
            Flag::OverContacted { .. } => plan,
        }
    }
}

impl Point {
    /// What the talking point derives from (for a conflict or a supporter, of the
    /// attendee it is raised with; [`public_room`] checks the others).
    pub fn inputs(&self, s: &Stakeholder) -> Fields {
        match self {
            Point::OverduePromise { .. }
            | Point::OpenPromise { .. }
            | Point::Declining { .. }
            | Point::Silent { .. } => Fields::INTERACTIONS,
            Point::Concern { .. } | Point::Supporter { .. } => Fields::POSITIONS,
            Point::Gap { .. } => Fields::ENGAGEMENT | Fields::NEEDS,
            Point::OverdueTouch { .. } => super::schedule::inputs(s),
            Point::Conflict { .. } => Fields::RELATIONSHIPS,
        }
    }
}
