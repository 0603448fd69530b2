//! What the register records since an attendee's last contact: the meetings held after
//! it (which, by the definition of last contact, they did not attend), the promises to
//! them that fell due after it and are not recorded as done, and the contacts since with
//! others who take a position on an issue the attendee holds a stance on.
//!
//! Only what the register shows: a change to the attendee's own file is not knowable
//! from it (that is git's history), so nothing here claims one. Documented in
//! `docs/communication-plan.md` ("Since the last contact").

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::feedback::{self, Feedback, OpenFollowUp};
use super::inputs::Fields;
use super::issues::issue_key;
use super::{Analysis, Ids, edition::Secrets, schedule};
use crate::register::vocab::{Date, Stance};
use crate::register::{Meeting, Register};

/// What the register records since one attendee's last contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Since {
    /// The attendee's id.
    pub id: String,
    /// The last contact up to `as_of`; `None` when none is recorded (then nothing else
    /// is listed: there is nothing to compare with) or, in a public edition, when the
    /// log is confidential (`withheld`).
    pub last_contact: Option<Date>,
    /// A public edition leaves the whole comparison out: the last contact it is made
    /// from is confidential.
    pub withheld: bool,
    /// Meetings held after the last contact, up to `as_of`, the newest first.
    pub meetings: Vec<HeldMeeting>,
    /// Promises to the attendee not recorded as done whose due date fell after the last
    /// contact, up to `as_of`, the earliest first.
    pub fell_due: Vec<OpenFollowUp>,
    /// The others outside the room who take a position on an issue the attendee holds a
    /// stance on and were contacted after the last contact, the most recently contacted
    /// first (those in the room have their own page).
    pub others: Vec<OtherContact>,
    /// Meetings left off the list by [`Since::listed`], counted.
    pub more_meetings: usize,
    /// Others left off the list by [`Since::listed`], counted.
    pub more_others: usize,
}

/// How many meetings and others a brief lists per attendee; it counts the rest.
pub const LISTED: usize = 3;

impl Since {
    /// The first [`LISTED`] meetings and others, and how many more there are: what a
    /// brief prints (a register with issues of thousands of holders would otherwise carry
    /// thousands of entries per attendee into the templates). Made after the public view,
    /// so that the counts are of what the edition shows.
    pub fn listed(mut self) -> Since {
        self.more_meetings += self.meetings.len().saturating_sub(LISTED);
        self.more_others += self.others.len().saturating_sub(LISTED);
        self.meetings.truncate(LISTED);
        self.others.truncate(LISTED);
        self
    }
}

/// A meeting held since an attendee's last contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldMeeting {
    /// The meeting record's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When it was held.
    pub date: Date,
    /// Who attended, by id.
    pub attendees: Vec<String>,
    /// What it decided.
    pub decisions: Vec<String>,
}

/// Someone else with a position on the attendee's issues, and their contacts since.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherContact {
    /// Their id.
    pub id: String,
    /// Their stances on the issues the attendee holds a stance on: per stance (in the
    /// order first met) the issues, in the order of the attendee's positions.
    pub positions: Vec<SharedIssues>,
    /// How many interactions the register records with them since.
    pub contacts: usize,
    /// The latest of them.
    pub latest: Date,
    /// Its summary, as recorded.
    pub summary: Option<String>,
}

/// Issues both take a position on, on which the other takes one stance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedIssues {
    /// The other's stance.
    pub stance: Stance,
    /// The issues, as the attendee writes them.
    pub issues: Vec<String>,
}

/// What changed since the last contact of each of `attendees` (indices into `register`,
/// the register `analysis` and `feedback` were made from, sorted), in their order.
pub fn since(
    register: &Register,
    analysis: &Analysis,
    feedback: &[Feedback],
    attendees: &[usize],
) -> Vec<Since> {
    attendees
        .iter()
        .map(|&i| one(register, analysis, feedback, attendees, i))
        .collect()
}

fn one(
    register: &Register,
    analysis: &Analysis,
    feedback: &[Feedback],
    room: &[usize],
    i: usize,
) -> Since {
    let as_of = analysis.as_of;
    let s = &register.stakeholders[i];
    let last = schedule::seen(&s.interactions, as_of)
        .last()
        .map(|i| i.date);
    let mut since = Since {
        id: s.id.clone(),
        last_contact: last,
        withheld: false,
        meetings: Vec::new(),
        fell_due: Vec::new(),
        others: Vec::new(),
        more_meetings: 0,
        more_others: 0,
    };
    let Some(last) = last else {
        return since;
    };
    since.meetings = register
        .meetings
        .iter()
        .rev()
        .filter(|m| m.date > last && m.date <= as_of)
        .map(held)
        .collect();
    since.fell_due = feedback::of(feedback, &s.id)
        .map(|f| {
            f.follow_ups
                .iter()
                .filter(|f| f.due.is_some_and(|due| due > last && due <= as_of))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let index = Ids::of(register);
    // Each other stakeholder once, with every issue of the attendee's they hold a stance
    // on (the attendee's order).
    let mut others: Vec<(usize, Vec<SharedIssues>)> = Vec::new();
    // Where each other stands in `others`: an issue may have thousands of holders.
    let mut at_of: HashMap<usize, usize> = HashMap::new();
    let mut seen_issues = BTreeSet::new();
    for p in &s.positions {
        let key = issue_key(&p.issue);
        if !seen_issues.insert(key.clone()) {
            continue;
        }
        let Some(map) = analysis.issues.iter().find(|m| issue_key(&m.issue) == key) else {
            continue;
        };
        let stances = [
            (&map.support, Stance::Support),
            (&map.oppose, Stance::Oppose),
            (&map.neutral, Stance::Neutral),
            (&map.mixed, Stance::Mixed),
        ];
        for (ids, stance) in stances {
            let outside = ids
                .iter()
                .filter_map(|id| index.get(id))
                .filter(|j| room.binary_search(j).is_err());
            for j in outside {
                let at = *at_of.entry(j).or_insert_with(|| {
                    others.push((j, Vec::new()));
                    others.len() - 1
                });
                let groups = &mut others[at].1;
                match groups.iter_mut().find(|g| g.stance == stance) {
                    Some(group) => group.issues.push(p.issue.clone()),
                    None => groups.push(SharedIssues {
                        stance,
                        issues: vec![p.issue.clone()],
                    }),
                }
            }
        }
    }
    since.others = others
        .into_iter()
        .filter_map(|(j, positions)| {
            let other = &register.stakeholders[j];
            let after: Vec<_> = schedule::seen(&other.interactions, as_of)
                .iter()
                .filter(|i| i.date > last)
                .collect();
            let latest = after.last()?;
            Some(OtherContact {
                id: other.id.clone(),
                positions,
                contacts: after.len(),
                latest: latest.date,
                summary: latest.summary.clone(),
            })
        })
        .collect();
    since
        .others
        .sort_by(|a, b| b.latest.cmp(&a.latest).then_with(|| a.id.cmp(&b.id)));
    since
}

fn held(m: &Meeting) -> HeldMeeting {
    HeldMeeting {
        id: m.id.clone(),
        title: m.title.clone(),
        date: m.date,
        attendees: m.attendees.clone(),
        decisions: m.decisions.clone(),
    }
}

/// The public view of `since`, made from `register` (the full register): nothing for an
/// attendee left out whole; the comparison left out (`withheld`) when the attendee's log
/// is confidential; a meeting only as the public edition shows it (`meetings`, the
/// redacted register's: its public attendees and decisions), or not at all; an issue
/// only when the attendee's positions are public, and on it only the others whose
/// positions and log are public.
pub fn public(register: &Register, meetings: &[Meeting], since: &[Since]) -> Vec<Since> {
    let secrets = Secrets::of(register);
    let index = Ids::of(register);
    let shown = |id: &str, inputs: Fields| index.get(id).is_some_and(|i| secrets.shows(i, inputs));
    let shown_meetings: HashMap<&str, &Meeting> =
        meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    since
        .iter()
        .filter(|s| index.get(&s.id).is_some_and(|i| !secrets.hidden(i)))
        .map(|s| {
            if !shown(&s.id, Fields::INTERACTIONS) {
                return Since {
                    id: s.id.clone(),
                    last_contact: None,
                    withheld: true,
                    meetings: Vec::new(),
                    fell_due: Vec::new(),
                    others: Vec::new(),
                    more_meetings: 0,
                    more_others: 0,
                };
            }
            let mut s = s.clone();
            s.meetings = s
                .meetings
                .iter()
                .filter_map(|m| shown_meetings.get(m.id.as_str()).map(|p| held(p)))
                .collect();
            if shown(&s.id, Fields::POSITIONS) {
                s.others
                    .retain(|o| shown(&o.id, Fields::POSITIONS | Fields::INTERACTIONS));
            } else {
                s.others.clear();
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{date, interaction, register, stakeholder};
    use crate::analysis::{Analysed, analyze};
    use crate::register::model::{FollowUp, Position};

    fn position(issue: &str, stance: Stance) -> Position {
        Position {
            issue: issue.into(),
            stance,
            note: None,
            line: 6,
        }
    }

    fn meeting(id: &str, day: &str, attendees: &[&str]) -> Meeting {
        Meeting {
            id: id.into(),
            title: format!("Meeting {id}"),
            date: date(day),
            channel: "meeting".into(),
            attendees: attendees.iter().map(|a| (*a).to_owned()).collect(),
            by: None,
            summary: None,
            sentiment: Vec::new(),
            decisions: vec![format!("Decision of {id}")],
            follow_ups: Vec::new(),
            fulfils: Vec::new(),
            fulfils_at: Vec::new(),
            confidential: Vec::new(),
            confidential_record: false,
            notes: String::new(),
            file: format!("meetings/{id}.md").into(),
            line: 2,
            attendee_at: Vec::new(),
            outcome_at: None,
        }
    }

    fn promise(day: &str, action: &str, due: &str) -> crate::register::model::Interaction {
        let mut i = interaction(day, Some("call"), None);
        i.follow_ups = vec![FollowUp {
            action: action.into(),
            due: Some(date(due)),
            done: false,
            owner: None,
        }];
        i
    }

    /// `a` was last contacted on 1 Nov; `b` shares an issue and was called twice since;
    /// `c` shares it too and was not; a meeting was held before, one after, one planned.
    fn sample() -> Register {
        let mut a = stakeholder("a", 4, 4);
        a.positions = vec![
            position("Go-live date", Stance::Support),
            position("Budget", Stance::Oppose),
        ];
        a.interactions = vec![
            promise("2026-10-20", "Before the last contact", "2026-10-30"),
            promise("2026-11-01", "Fell due since", "2026-11-10"),
            promise("2026-11-01", "Not due yet", "2026-12-01"),
        ];
        let mut b = stakeholder("b", 3, 3);
        b.positions = vec![position("go-live  DATE", Stance::Oppose)];
        let mut latest = interaction("2026-11-12", Some("call"), None);
        latest.summary = Some("Pushing for July".into());
        b.interactions = vec![
            interaction("2026-10-01", Some("call"), None),
            interaction("2026-11-05", Some("call"), None),
            latest,
            interaction("2026-11-25", Some("call"), None),
        ];
        let mut c = stakeholder("c", 3, 3);
        c.positions = vec![position("Go-live date", Stance::Neutral)];
        c.interactions = vec![interaction("2026-10-15", Some("call"), None)];
        let mut register = register(vec![a, b, c]);
        register.meetings = vec![
            meeting("before", "2026-10-25", &["c"]),
            meeting("after", "2026-11-08", &["b", "c"]),
            meeting("planned", "2026-12-03", &["a", "b"]),
        ];
        register
    }

    fn since_of(register: &Register, who: usize) -> Since {
        let analysis = analyze(register, date("2026-11-20"));
        let feedback = feedback::feedback(&Analysed::new(register, &analysis));
        since(register, &analysis, &feedback, &[who]).remove(0)
    }

    #[test]
    fn what_the_register_records_after_the_last_contact_up_to_as_of() {
        let since = since_of(&sample(), 0);
        assert_eq!(since.last_contact, Some(date("2026-11-01")));
        let meetings: Vec<&str> = since.meetings.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            meetings,
            ["after"],
            "not one held before, nor a planned one"
        );
        assert_eq!(since.meetings[0].decisions, ["Decision of after"]);
        let due: Vec<&str> = since.fell_due.iter().map(|f| f.action.as_str()).collect();
        assert_eq!(due, ["Fell due since"]);
        assert_eq!(
            since.others,
            [OtherContact {
                id: "b".into(),
                positions: vec![SharedIssues {
                    stance: Stance::Oppose,
                    issues: vec!["Go-live date".into()],
                }],
                contacts: 2,
                latest: date("2026-11-12"),
                summary: Some("Pushing for July".into()),
            }],
            "c was not contacted since; b's call after as_of does not count; nobody else \
             holds a stance on Budget"
        );
    }

    #[test]
    fn a_brief_lists_three_and_counts_the_rest() {
        let mut since = since_of(&sample(), 0);
        since.others = vec![since.others[0].clone(); 5];
        let listed = since.listed();
        assert_eq!((listed.others.len(), listed.more_others), (3, 2));
        assert_eq!((listed.meetings.len(), listed.more_meetings), (1, 0));
    }

    #[test]
    fn others_in_the_room_are_not_listed() {
        let register = sample();
        let analysis = analyze(&register, date("2026-11-20"));
        let feedback = feedback::feedback(&Analysed::new(&register, &analysis));
        let both = since(&register, &analysis, &feedback, &[0, 1]);
        assert!(
            both[0].others.is_empty(),
            "b is in the room: {:?}",
            both[0].others
        );
    }

    #[test]
    fn without_a_last_contact_nothing_is_compared() {
        let mut register = sample();
        register.stakeholders[0].interactions.clear();
        let since = since_of(&register, 0);
        assert_eq!(since.last_contact, None);
        assert!(since.meetings.is_empty() && since.fell_due.is_empty() && since.others.is_empty());
    }

    #[test]
    fn the_public_view_leaves_out_what_is_confidential() {
        let mut register = sample();
        // b's log is confidential: b's contacts are not listed for a.
        register.stakeholders[1].confidential = vec!["interactions".into()];
        let full = since_of(&register, 0);
        let public = public(&register, &[], std::slice::from_ref(&full));
        assert!(public[0].others.is_empty());
        assert!(
            public[0].meetings.is_empty(),
            "the public edition shows no meeting"
        );
        assert_eq!(public[0].fell_due, full.fell_due);

        // a's own log is confidential: no comparison at all.
        register.stakeholders[0].confidential = vec!["interactions".into()];
        let public = super::public(&register, &register.meetings, &[full]);
        assert!(public[0].withheld && public[0].last_contact.is_none());
        assert!(public[0].meetings.is_empty() && public[0].fell_due.is_empty());
    }
}
