//! The people in a meeting: who stands where on the agenda, how they relate to each
//! other, and what to raise with each of them.
//!
//! Talking points per attendee, most pressing first (documented in
//! `docs/communication-plan.md`):
//!
//! 1. **overdue promise**: a follow-up past its due date: deliver it or give a date;
//! 2. **concern**: an `oppose` or `mixed` position on an agenda issue, with its note;
//! 3. **declining**: sentiment going down: acknowledge the last exchange;
//! 4. **gap**: engagement below the desired level: what would move them, with their
//!    first need;
//! 5. **silent**: no contact for `silent_after_days`, or never;
//! 6. **overdue touch**: a planned touch past due that this meeting can make up for;
//! 7. **conflict**: a `conflict` relationship with someone else in the room;
//! 8. **supporter**: `support` positions on agenda issues that someone in the room
//!    opposes or is divided on: ask them to speak for those (one point);
//! 9. **open promise**: a follow-up not yet due: report progress.
//!
//! The agenda is the issue given (`--issue`), or else every issue an attendee has a
//! position on.

use serde::Serialize;

use super::feedback::{self, Feedback, OpenFollowUp};
use super::issues::{IssueMap, issue_key};
use super::sentiment::Trend;
use super::{Analysed, Analysis, Assessment, schedule};
use crate::register::Stakeholder;
use crate::register::model::Interaction;
use crate::register::vocab::{Date, EngagementLevel, Level, RelationKind, Stance};

/// How many of an attendee's latest interactions a brief shows.
pub const RECENT_INTERACTIONS: usize = 3;

/// A meeting's attendees, seen through the analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Room {
    /// The attendees' ids, in register (id) order.
    pub attendees: Vec<String>,
    /// The issue the meeting is about, as written in the register, when one was given.
    pub focus: Option<String>,
    /// Who in the room stands where on each agenda issue.
    pub agenda: Vec<AgendaIssue>,
    /// Relationships between two attendees, as stated (either direction).
    pub links: Vec<Link>,
    /// One entry per attendee, in the order of `attendees`.
    pub people: Vec<Person>,
}

/// One issue on the agenda and the attendees' stances.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaIssue {
    /// The issue, as first written.
    pub issue: String,
    /// Attendees for it.
    pub support: Vec<String>,
    /// Attendees against it.
    pub oppose: Vec<String>,
    /// Attendees neither for nor against.
    pub neutral: Vec<String>,
    /// Attendees divided or undecided.
    pub mixed: Vec<String>,
    /// Attendees with no recorded position.
    pub unknown: Vec<String>,
}

/// A relationship between two people in the room.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Who states it.
    pub from: String,
    /// With whom.
    pub to: String,
    /// Kind.
    #[serde(rename = "type")]
    pub kind: RelationKind,
    /// Strength.
    pub strength: Option<Level>,
    /// Context.
    pub note: Option<String>,
}

/// What a brief says about one attendee beyond the register and the assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// The stakeholder's id.
    pub id: String,
    /// The latest interactions up to `as_of`, newest first.
    pub recent: Vec<Interaction>,
    /// Promises not kept yet, the earliest due first.
    pub follow_ups: Vec<OpenFollowUp>,
    /// What to raise, most pressing first.
    pub points: Vec<Point>,
}

/// Something to raise with an attendee.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Point {
    /// A follow-up past its due date.
    OverduePromise {
        /// What was promised.
        action: String,
        /// When it was due.
        due: Date,
        /// Days late.
        days: u32,
    },
    /// Against, or divided, on an agenda issue.
    Concern {
        /// The issue.
        issue: String,
        /// `oppose` or `mixed`.
        stance: Stance,
        /// Why, as recorded.
        note: Option<String>,
    },
    /// Sentiment going down.
    Declining {
        /// The latest satisfaction, 1–5.
        satisfaction: Option<u8>,
        /// The summary of the last interaction.
        last: Option<String>,
    },
    /// Engagement below the desired level.
    Gap {
        /// Where they are.
        current: EngagementLevel,
        /// Where the project needs them.
        desired: EngagementLevel,
        /// Their first recorded need.
        need: Option<String>,
    },
    /// No contact for `silent_after_days`, or never.
    Silent {
        /// Days since the last contact; `None` when never.
        days: Option<u32>,
    },
    /// A planned touch past due.
    OverdueTouch {
        /// What, as planned.
        content: Option<String>,
        /// How.
        channel: Option<String>,
        /// Days late.
        days: u32,
    },
    /// A conflict with another attendee.
    Conflict {
        /// The other attendee's id.
        with: String,
        /// Context, as recorded.
        note: Option<String>,
    },
    /// For agenda issues the room is divided on.
    Supporter {
        /// The issues, as the stakeholder writes them.
        issues: Vec<String>,
    },
    /// A follow-up not due yet (or undated).
    OpenPromise {
        /// What was promised.
        action: String,
        /// By when.
        due: Option<Date>,
    },
}

/// The room of `attendees` (indices into the view's register, in any order) with an
/// optional focus issue, which must already be known to match one of `analysis.issues`;
/// `feedback` is the view's.
pub fn room(
    view: &Analysed<'_>,
    feedback: &[Feedback],
    attendees: &[usize],
    focus: Option<&str>,
) -> Room {
    let (register, analysis) = (view.register, view.analysis);
    let mut attendees = attendees.to_vec();
    attendees.sort_unstable();
    attendees.dedup();
    let ids: Vec<&str> = attendees
        .iter()
        .map(|&i| register.stakeholders[i].id.as_str())
        .collect();
    let present = |id: &str| ids.binary_search(&id).is_ok();
    let focus_key = focus.map(issue_key);
    let agenda: Vec<AgendaIssue> = analysis
        .issues
        .iter()
        .filter(|map| match &focus_key {
            Some(key) => issue_key(&map.issue) == *key,
            None => [&map.support, &map.oppose, &map.neutral, &map.mixed]
                .iter()
                .any(|ids| ids.iter().any(|id| present(id))),
        })
        .map(|map| agenda_issue(map, &ids))
        .collect();
    let agenda_keys: Vec<String> = agenda.iter().map(|a| issue_key(&a.issue)).collect();
    let contested: Vec<String> = agenda
        .iter()
        .filter(|a| !a.oppose.is_empty() || !a.mixed.is_empty())
        .map(|a| issue_key(&a.issue))
        .collect();

    let mut links = Vec::new();
    for &i in &attendees {
        let s = &register.stakeholders[i];
        for r in s.relationships.iter().filter(|r| present(&r.with)) {
            links.push(Link {
                from: s.id.clone(),
                to: r.with.clone(),
                kind: r.kind,
                strength: r.strength,
                note: r.note.clone(),
            });
        }
    }

    let people = attendees
        .iter()
        .filter_map(|&i| {
            let (s, a) = view.get(&register.stakeholders[i].id)?;
            let f = feedback::of(feedback, &s.id)?;
            let seen = schedule::seen(&s.interactions, analysis.as_of);
            Some(Person {
                id: s.id.clone(),
                recent: seen
                    .iter()
                    .rev()
                    .take(RECENT_INTERACTIONS)
                    .cloned()
                    .collect(),
                follow_ups: f.follow_ups.clone(),
                points: points(s, a, analysis, f, &agenda_keys, &contested, &links),
            })
        })
        .collect();
    Room {
        attendees: ids.iter().map(|&id| id.to_owned()).collect(),
        focus: agenda
            .first()
            .filter(|_| focus.is_some())
            .map(|a| a.issue.clone()),
        agenda,
        links,
        people,
    }
}

/// One issue's stances, kept to the room.
fn agenda_issue(map: &IssueMap, ids: &[&str]) -> AgendaIssue {
    let keep = |all: &[String]| -> Vec<String> {
        all.iter()
            .filter(|id| ids.binary_search(&id.as_str()).is_ok())
            .cloned()
            .collect()
    };
    let (support, oppose, neutral, mixed) = (
        keep(&map.support),
        keep(&map.oppose),
        keep(&map.neutral),
        keep(&map.mixed),
    );
    let unknown = ids
        .iter()
        .filter(|id| {
            ![&support, &oppose, &neutral, &mixed]
                .iter()
                .any(|stance| stance.iter().any(|s| s == *id))
        })
        .map(|&id| id.to_owned())
        .collect();
    AgendaIssue {
        issue: map.issue.clone(),
        support,
        oppose,
        neutral,
        mixed,
        unknown,
    }
}

/// The talking points of one attendee, in the order of the module's list.
fn points(
    s: &Stakeholder,
    a: &Assessment,
    analysis: &Analysis,
    feedback: &Feedback,
    agenda: &[String],
    contested: &[String],
    links: &[Link],
) -> Vec<Point> {
    let mut points = Vec::new();
    for f in feedback.follow_ups.iter().filter(|f| f.overdue_days > 0) {
        if let Some(due) = f.due {
            points.push(Point::OverduePromise {
                action: f.action.clone(),
                due,
                days: f.overdue_days,
            });
        }
    }
    let on_agenda = |issue: &str| agenda.contains(&issue_key(issue));
    for p in &s.positions {
        if matches!(p.stance, Stance::Oppose | Stance::Mixed) && on_agenda(&p.issue) {
            points.push(Point::Concern {
                issue: p.issue.clone(),
                stance: p.stance,
                note: p.note.clone(),
            });
        }
    }
    if a.sentiment_trend == Some(Trend::Declining) {
        let seen = schedule::seen(&s.interactions, analysis.as_of);
        points.push(Point::Declining {
            satisfaction: a.satisfaction,
            last: seen.last().and_then(|i| i.summary.clone()),
        });
    }
    if let (Some(current), Some(desired), Some(gap)) =
        (a.engagement.current, a.engagement.desired, a.engagement.gap)
        && gap > 0
    {
        points.push(Point::Gap {
            current,
            desired,
            need: s.needs.first().cloned(),
        });
    }
    if a.silent {
        points.push(Point::Silent {
            days: a
                .last_contact
                .map(|last| super::days_between(last, analysis.as_of).max(0) as u32),
        });
    }
    for t in analysis
        .schedule
        .iter()
        .filter(|t| t.overdue && t.recipients().any(|id| id == s.id))
    {
        points.push(Point::OverdueTouch {
            content: t.content.clone(),
            channel: t.channel.clone(),
            days: t.overdue_days,
        });
    }
    let mut conflicts: Vec<(&str, Option<&String>)> = Vec::new();
    for l in links.iter().filter(|l| l.kind == RelationKind::Conflict) {
        let other = if l.from == s.id {
            &l.to
        } else if l.to == s.id {
            &l.from
        } else {
            continue;
        };
        // Stated in both files, the pair is one conflict.
        if !conflicts.iter().any(|(with, _)| with == other) {
            conflicts.push((other, l.note.as_ref()));
        }
    }
    for (with, note) in conflicts {
        points.push(Point::Conflict {
            with: with.to_owned(),
            note: note.cloned(),
        });
    }
    let supported: Vec<String> = s
        .positions
        .iter()
        .filter(|p| p.stance == Stance::Support && contested.contains(&issue_key(&p.issue)))
        .map(|p| p.issue.clone())
        .collect();
    if !supported.is_empty() {
        points.push(Point::Supporter { issues: supported });
    }
    for f in feedback.follow_ups.iter().filter(|f| f.overdue_days == 0) {
        points.push(Point::OpenPromise {
            action: f.action.clone(),
            due: f.due,
        });
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::feedback::feedback;
    use crate::analysis::testing::{date, interaction, register, relationship, stakeholder};
    use crate::register::Register;
    use crate::register::model::{FollowUp, Position};
    use crate::register::vocab::Tone;

    fn position(issue: &str, stance: Stance, note: Option<&str>) -> Position {
        Position {
            issue: issue.into(),
            stance,
            note: note.map(str::to_owned),
            line: 6,
        }
    }

    fn sample() -> Register {
        let mut a = stakeholder("a", 5, 5);
        a.positions = vec![
            position("Go-live date", Stance::Oppose, Some("Peak season")),
            position("Budget", Stance::Support, None),
        ];
        a.relationships = vec![relationship("b", RelationKind::Conflict)];
        a.engagement_current = Some(EngagementLevel::Neutral);
        a.engagement_desired = Some(EngagementLevel::Supportive);
        a.needs = vec!["A stable plan".into()];
        let mut late = interaction("2026-11-01", Some("call"), Some(Tone::Positive));
        late.follow_ups = vec![FollowUp {
            action: "Send the plan".into(),
            due: Some(date("2026-11-10")),
            done: false,
            owner: None,
        }];
        let mut soon = interaction("2026-11-15", Some("call"), Some(Tone::Negative));
        soon.summary = Some("Unhappy with slippage".into());
        soon.follow_ups = vec![FollowUp {
            action: "Call back".into(),
            due: Some(date("2026-11-25")),
            done: false,
            owner: None,
        }];
        a.interactions = vec![
            interaction("2026-10-01", Some("call"), Some(Tone::Positive)),
            late,
            soon,
            interaction("2026-12-01", Some("call"), None),
        ];
        let mut b = stakeholder("b", 4, 4);
        b.relationships = vec![relationship("a", RelationKind::Conflict)];
        b.positions = vec![position("go-live  DATE", Stance::Support, None)];
        let mut c = stakeholder("c", 2, 2);
        c.positions = vec![position("Scope", Stance::Mixed, None)];
        register(vec![a, b, c])
    }

    fn room_of(attendees: &[usize], focus: Option<&str>) -> Room {
        let register = sample();
        let analysis = analyze(&register, date("2026-11-20"));
        let view = Analysed::new(&register, &analysis);
        let feedback = feedback(&view);
        room(&view, &feedback, attendees, focus)
    }

    #[test]
    fn the_agenda_is_every_issue_of_the_room_with_who_stands_where() {
        let room = room_of(&[1, 0], None);
        assert_eq!(room.attendees, ["a", "b"]);
        let issues: Vec<&str> = room.agenda.iter().map(|a| a.issue.as_str()).collect();
        assert_eq!(issues, ["Budget", "Go-live date"], "Scope is c's alone");
        assert_eq!(room.agenda[0].unknown, ["b"]);
        assert_eq!(room.agenda[1].support, ["b"]);
        assert_eq!(room.agenda[1].oppose, ["a"]);
        assert_eq!(room.focus, None);
        assert_eq!(room.links.len(), 2, "stated in both files");
    }

    #[test]
    fn a_focus_issue_is_the_whole_agenda() {
        let room = room_of(&[0, 2], Some("GO-LIVE date"));
        assert_eq!(room.focus.as_deref(), Some("Go-live date"));
        assert_eq!(room.agenda.len(), 1);
        assert_eq!(room.agenda[0].oppose, ["a"]);
        assert_eq!(room.agenda[0].unknown, ["c"]);
        assert!(room.links.is_empty(), "b is not in the room");
        let kinds: Vec<&str> = room.people[0]
            .points
            .iter()
            .map(|p| match p {
                Point::OverduePromise { .. } => "overdue-promise",
                Point::Concern { .. } => "concern",
                Point::Declining { .. } => "declining",
                Point::Gap { .. } => "gap",
                Point::Silent { .. } => "silent",
                Point::OverdueTouch { .. } => "overdue-touch",
                Point::Conflict { .. } => "conflict",
                Point::Supporter { .. } => "supporter",
                Point::OpenPromise { .. } => "open-promise",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "overdue-promise",
                "concern",
                "declining",
                "gap",
                "open-promise"
            ],
            "Budget is off the agenda, so no supporter point"
        );
    }

    #[test]
    fn points_carry_what_to_say() {
        let room = room_of(&[0, 1], None);
        let points = &room.people[0].points;
        assert_eq!(
            points[0],
            Point::OverduePromise {
                action: "Send the plan".into(),
                due: date("2026-11-10"),
                days: 10
            }
        );
        assert!(points.contains(&Point::Declining {
            satisfaction: Some(2),
            last: Some("Unhappy with slippage".into())
        }));
        assert!(points.contains(&Point::Gap {
            current: EngagementLevel::Neutral,
            desired: EngagementLevel::Supportive,
            need: Some("A stable plan".into())
        }));
        let conflicts: Vec<&Point> = points
            .iter()
            .filter(|p| matches!(p, Point::Conflict { .. }))
            .collect();
        assert_eq!(
            conflicts,
            [&Point::Conflict {
                with: "b".into(),
                note: None
            }],
            "one conflict, though stated twice"
        );
        assert!(
            !points.iter().any(|p| matches!(p, Point::Supporter { .. })),
            "nobody in the room is against the budget"
        );
        // b has never been contacted and has no plan: silent, and its suggested
        // touch is due today, not overdue.
        assert_eq!(
            room.people[1].points,
            [
                Point::Silent { days: None },
                Point::Conflict {
                    with: "a".into(),
                    note: None
                },
                Point::Supporter {
                    issues: vec!["go-live  DATE".into()]
                },
            ]
        );
    }

    #[test]
    fn recent_interactions_are_the_last_three_up_to_as_of_newest_first() {
        let room = room_of(&[0], None);
        let dates: Vec<String> = room.people[0]
            .recent
            .iter()
            .map(|i| i.date.to_string())
            .collect();
        assert_eq!(dates, ["2026-11-15", "2026-11-01", "2026-10-01"]);
        let actions: Vec<&str> = room.people[0]
            .follow_ups
            .iter()
            .map(|f| f.action.as_str())
            .collect();
        assert_eq!(actions, ["Send the plan", "Call back"]);
    }
}
