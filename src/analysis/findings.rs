//! Findings: contradictions in the register and things that need attention, each with
//! the file and line to look at, ranked so the most urgent come first.
//!
//! Ranking: every finding scores an urgency, the sum of
//!
//! - a base for what it is ([`Code::base`]): a relationship at risk (a broken promise,
//!   a silent key stakeholder, declining sentiment) 30; a key stakeholder left without
//!   action, owner or plan 20; a late touch or review 10;
//! - the stakeholder's standing: power + interest (2–10), plus 20 when key;
//! - how bad it is: for anything late, a quarter of the days late, at most 15 (60
//!   days); never contacted counts as 60 days; for declining sentiment, 5 per point the
//!   latest satisfaction is below 5; for an engagement gap, 5 per level of the gap.
//!
//! So the people who matter come before the paperwork: a key player's cooling
//! relationship outranks a report nobody logged, however long ago it was due.
//!
//! Findings sort by urgency, then by the order of [`Code`], stakeholder id and line.
//! Urgency 60 and above is `high`, 40 to 59 `medium`, below 40 `low`.

use rayon::prelude::*;
use serde::Serialize;

use super::Assessment;
use super::days_between;
use super::inputs::Fields;
use super::schedule::ScheduledTouch;
use super::sentiment::Trend;
use crate::register::model::Interaction;
use crate::register::vocab::Date;
use crate::register::{Meeting, Register, Stakeholder};

/// What kind of finding, from the most to the least pressing at equal urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A follow-up that is not done past its due date.
    FollowUpOverdue,
    /// A key stakeholder not heard from for `silent_after_days`, or never.
    KeySilent,
    /// Sentiment going down over the last interactions.
    DecliningSentiment,
    /// A key stakeholder below the desired engagement with no open follow-up.
    KeyGapWithoutAction,
    /// A key stakeholder nobody keeps.
    KeyWithoutOwner,
    /// A key stakeholder with no communication plan.
    KeyWithoutPlan,
    /// A planned touch past its due date.
    TouchOverdue,
    /// A planned touch whose first due date has passed with no record of it being kept:
    /// the register cannot say it is late, only that nobody logged it.
    TouchUnrecorded,
    /// A plan item (format v2) past its due date.
    PlanItemOverdue,
    /// A plan item whose first due date has passed with no record of it being kept.
    PlanItemUnrecorded,
    /// A stakeholder who is not key, not heard from for `silent_after_days`, or never:
    /// always low (base 10, standing at most 10, lateness at most 15).
    Silent,
    /// `next_review` in the past.
    ReviewOverdue,
}

impl Code {
    /// The English kebab-case word, as in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FollowUpOverdue => "follow-up-overdue",
            Code::KeySilent => "key-silent",
            Code::DecliningSentiment => "declining-sentiment",
            Code::KeyGapWithoutAction => "key-gap-without-action",
            Code::KeyWithoutOwner => "key-without-owner",
            Code::KeyWithoutPlan => "key-without-plan",
            Code::TouchOverdue => "touch-overdue",
            Code::TouchUnrecorded => "touch-unrecorded",
            Code::PlanItemOverdue => "plan-item-overdue",
            Code::PlanItemUnrecorded => "plan-item-unrecorded",
            Code::Silent => "silent",
            Code::ReviewOverdue => "review-overdue",
        }
    }

    /// The base urgency of this kind of finding.
    pub fn base(self) -> u32 {
        match self {
            Code::FollowUpOverdue | Code::KeySilent | Code::DecliningSentiment => 30,
            Code::KeyGapWithoutAction | Code::KeyWithoutOwner | Code::KeyWithoutPlan => 20,
            Code::TouchOverdue | Code::PlanItemOverdue | Code::Silent | Code::ReviewOverdue => 10,
            Code::TouchUnrecorded | Code::PlanItemUnrecorded => 5,
        }
    }
}

/// How urgent a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Urgency 60 and above: act this week.
    High,
    /// Urgency 40 to 59.
    Medium,
    /// Below 40.
    Low,
}

impl Severity {
    /// The severity of an urgency score.
    pub fn of(urgency: u32) -> Severity {
        match urgency {
            60.. => Severity::High,
            40.. => Severity::Medium,
            _ => Severity::Low,
        }
    }

    /// The English kebab-case word, as in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// High, medium or low, from the urgency.
    pub severity: Severity,
    /// What kind.
    pub code: Code,
    /// One English sentence.
    pub message: String,
    /// The stakeholder's id; absent for a finding of a plan item or a meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stakeholder: Option<String>,
    /// The plan item's id, for a finding of a plan item (format v2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_item: Option<String>,
    /// The meeting's id, for a follow-up promised in a meeting to no attendee in
    /// particular (format v2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The file to look at, relative to the register: the stakeholder's, a meeting's or
    /// `_project.md`.
    pub file: String,
    /// The line to look at.
    pub line: usize,
    /// The ranking score.
    pub urgency: u32,
    /// Days late or silent, when the finding is about time.
    pub days: Option<u32>,
    /// The touch, follow-up action or review date concerned, as written.
    pub subject: Option<String>,
    /// What it is derived from: the fields its rule read, and those of the standing
    /// it is ranked by.
    #[serde(skip)]
    pub inputs: Fields,
}

/// What the findings of one stakeholder are drawn from.
pub struct Subject<'a> {
    /// The stakeholder.
    pub stakeholder: &'a Stakeholder,
    /// What the analysis derived.
    pub assessment: &'a Assessment,
    /// The interactions up to `as_of`.
    pub seen: &'a [Interaction],
    /// The stakeholder's schedule.
    pub touches: &'a [ScheduledTouch],
    /// In the audience of a plan item: planned for, though `communication` is empty.
    pub in_audience: bool,
}

/// Every finding of the register, most urgent first: each stakeholder's, each plan
/// item's (`items`, the plan items' schedule entries) and each meeting's own follow-ups.
pub fn findings(
    subjects: &[Subject<'_>],
    items: &[ScheduledTouch],
    assessments: &[Assessment],
    register: &Register,
    as_of: Date,
) -> Vec<Finding> {
    let mut all: Vec<Finding> = subjects
        .par_iter()
        .flat_map_iter(|subject| {
            let mut found = Vec::new();
            of_one(subject, as_of, &mut found);
            found
        })
        .collect();
    let ids = super::Ids::of_assessments(assessments);
    let standing = |members: &mut dyn Iterator<Item = &str>| {
        members
            .filter_map(|id| ids.get(id))
            .map(|i| standing(&assessments[i]))
            .max()
            .unwrap_or(0)
    };
    for item in items {
        of_item(
            item,
            standing(&mut item.audience.iter().map(String::as_str)),
            as_of,
            &mut all,
        );
    }
    for meeting in register.meetings.iter().filter(|m| m.date <= as_of) {
        let standing = standing(&mut meeting.attendees.iter().map(String::as_str));
        of_meeting(meeting, standing, as_of, &mut all);
    }
    all.sort_by(|a, b| {
        b.urgency
            .cmp(&a.urgency)
            .then(a.code.cmp(&b.code))
            .then_with(|| a.stakeholder.cmp(&b.stakeholder))
            .then_with(|| a.plan_item.cmp(&b.plan_item))
            .then_with(|| a.meeting.cmp(&b.meeting))
            .then_with(|| a.file.cmp(&b.file))
            .then(a.line.cmp(&b.line))
    });
    all
}

/// The order in which stakeholders call for attention, as indices into `stakeholders`:
/// declining sentiment first, then key stakeholders, then by their most urgent finding,
/// then by power plus interest, then by id. Where a page shows only some stakeholders
/// (a chart's panels, a long list), it shows the first in this order and says how many
/// it leaves out.
pub fn attention_order(stakeholders: &[Assessment], findings: &[Finding]) -> Vec<usize> {
    let index = super::Ids::of_assessments(stakeholders);
    let mut most_urgent = vec![0u32; stakeholders.len()];
    for f in findings {
        if let Some(i) = f.stakeholder.as_deref().and_then(|id| index.get(id)) {
            most_urgent[i] = most_urgent[i].max(f.urgency);
        }
    }
    let mut order: Vec<usize> = (0..stakeholders.len()).collect();
    order.sort_by_key(|&i| {
        let a = &stakeholders[i];
        (
            a.sentiment_trend != Some(Trend::Declining),
            !a.key,
            std::cmp::Reverse(most_urgent[i]),
            std::cmp::Reverse(a.power.value() + a.interest.value()),
            i,
        )
    });
    order
}

/// `1 day`, `5 days`.
fn in_days(days: u32) -> String {
    format!("{days} {}", if days == 1 { "day" } else { "days" })
}

/// A quarter of the days late, at most 15.
fn lateness(days: u32) -> u32 {
    days.min(60) / 4
}

/// A stakeholder's standing: power + interest, plus 20 when key.
fn standing(a: &Assessment) -> u32 {
    u32::from(a.power.value() + a.interest.value()) + if a.key { 20 } else { 0 }
}

/// The findings of a plan item: late, or its first due date passed with no record of
/// it. Ranked by the standing of the highest in its audience.
fn of_item(item: &ScheduledTouch, standing: u32, as_of: Date, out: &mut Vec<Finding>) {
    let id = item.item.clone().unwrap_or_default();
    let what = item.what();
    let finding = |code: Code, extra: u32, days: Option<u32>, message: String| {
        let urgency = code.base() + standing + extra;
        Finding {
            severity: Severity::of(urgency),
            code,
            message,
            stakeholder: None,
            plan_item: Some(id.clone()),
            meeting: None,
            file: item.file.clone(),
            line: item.line.unwrap_or(1),
            urgency,
            days,
            subject: Some(what.clone()),
            inputs: Fields::NONE,
        }
    };
    let who = item.audience.len();
    if item.overdue {
        let days = item.overdue_days;
        out.push(finding(
            Code::PlanItemOverdue,
            lateness(days),
            Some(days),
            format!(
                "Plan item {id} for {who} stakeholders is {} overdue: {what}",
                in_days(days)
            ),
        ));
    } else if !item.recorded
        && let Some(first_due) = item.date.filter(|&due| due < as_of)
    {
        out.push(finding(
            Code::PlanItemUnrecorded,
            0,
            None,
            format!("No record yet of plan item {id}: {what}, first due {first_due}"),
        ));
    }
}

/// The findings of a meeting: its own follow-ups (promised to no attendee in
/// particular) not done past their due date. Ranked by the standing of the highest of
/// its attendees.
fn of_meeting(meeting: &Meeting, standing: u32, as_of: Date, out: &mut Vec<Finding>) {
    let file = super::file_name(&meeting.file);
    for f in meeting.follow_ups.iter().filter(|f| f.for_.is_none()) {
        let promise = &f.follow_up;
        let Some(due) = promise.due.filter(|&due| due < as_of && !promise.done) else {
            continue;
        };
        let days = days_between(due, as_of) as u32;
        let urgency = Code::FollowUpOverdue.base() + standing + lateness(days);
        out.push(Finding {
            severity: Severity::of(urgency),
            code: Code::FollowUpOverdue,
            message: format!(
                "Follow-up from {} ({}) is {} overdue: {}",
                meeting.title,
                meeting.date,
                in_days(days),
                promise.action
            ),
            stakeholder: None,
            plan_item: None,
            meeting: Some(meeting.id.clone()),
            file: file.clone(),
            line: f.line,
            urgency,
            days: Some(days),
            subject: Some(promise.action.clone()),
            inputs: Fields::NONE,
        });
    }
}

fn of_one(subject: &Subject<'_>, as_of: Date, out: &mut Vec<Finding>) {
    let s = subject.stakeholder;
    let a = subject.assessment;
    let standing = standing(a);
    let key = Fields::key_of(s);
    let ranked = Fields::POWER | Fields::INTEREST | key;
    let log = Fields::INTERACTIONS;
    let name = &s.name;
    // `at`: the file the line is in when it is not the stakeholder's own (a meeting's
    // record), and the line.
    let mut push = |code: Code,
                    inputs: Fields,
                    at: (Option<&str>, usize),
                    extra: u32,
                    days: Option<u32>,
                    subject: Option<String>,
                    message: String| {
        let urgency = code.base() + standing + extra;
        out.push(Finding {
            severity: Severity::of(urgency),
            code,
            message,
            stakeholder: Some(s.id.clone()),
            plan_item: None,
            meeting: None,
            file: at.0.map_or_else(|| a.file.clone(), str::to_owned),
            line: at.1,
            urgency,
            days,
            subject,
            inputs: inputs | ranked,
        });
    };

    for i in subject.seen {
        for follow_up in &i.follow_ups {
            let Some(due) = follow_up.due.filter(|&due| due < as_of && !follow_up.done) else {
                continue;
            };
            let days = days_between(due, as_of) as u32;
            push(
                Code::FollowUpOverdue,
                log,
                (i.file.as_deref(), i.line),
                lateness(days),
                Some(days),
                Some(follow_up.action.clone()),
                format!(
                    "Follow-up for {name} is {} overdue: {}",
                    in_days(days),
                    follow_up.action
                ),
            );
        }
    }

    if a.silent {
        // Silence of anyone is worth a line; of a key stakeholder, a relationship at risk.
        let (code, who) = if a.key {
            (Code::KeySilent, "key stakeholder ")
        } else {
            (Code::Silent, "")
        };
        match (a.last_contact, subject.seen.last()) {
            (Some(last), Some(interaction)) => {
                let days = days_between(last, as_of) as u32;
                push(
                    code,
                    log,
                    (interaction.file.as_deref(), interaction.line),
                    lateness(days),
                    Some(days),
                    None,
                    format!("No contact with {who}{name} for {}", in_days(days)),
                );
            }
            _ => push(
                code,
                log,
                (None, s.lines.name),
                lateness(60),
                None,
                None,
                format!("No contact with {who}{name} is recorded"),
            ),
        }
    }

    if a.sentiment_trend == Some(Trend::Declining) {
        let latest = subject.seen.iter().rev().find(|i| i.sentiment.is_some());
        let satisfaction = a.satisfaction.unwrap_or(3);
        push(
            Code::DecliningSentiment,
            log,
            latest.map_or((None, s.lines.name), |i| (i.file.as_deref(), i.line)),
            5 * u32::from(5 - satisfaction),
            None,
            None,
            format!("Sentiment of {name} is declining (latest satisfaction {satisfaction}/5)"),
        );
    }

    if a.key {
        let open_action = subject
            .seen
            .iter()
            .any(|i| i.follow_ups.iter().any(|f| !f.done));
        if let (Some(gap @ 1..), Some(current), Some(desired)) =
            (a.engagement.gap, a.engagement.current, a.engagement.desired)
            && !open_action
        {
            push(
                Code::KeyGapWithoutAction,
                Fields::ENGAGEMENT | log,
                (None, s.lines.engagement.unwrap_or(s.lines.name)),
                5 * gap as u32,
                None,
                None,
                format!(
                    "Key stakeholder {name} is {current} but should be {desired}, and no follow-up is open"
                ),
            );
        }
        if a.owner.is_none() {
            push(
                Code::KeyWithoutOwner,
                Fields::OWNER,
                (None, s.lines.name),
                0,
                None,
                None,
                format!("Key stakeholder {name} has no owner"),
            );
        }
        if s.communication.is_empty() && !subject.in_audience {
            push(
                Code::KeyWithoutPlan,
                Fields::COMMUNICATION,
                (None, s.lines.name),
                0,
                None,
                None,
                format!("Key stakeholder {name} has no communication plan"),
            );
        }
    }

    for touch in subject.touches.iter().filter(|t| t.overdue && !t.suggested) {
        let days = touch.overdue_days;
        let what = touch.what();
        let how = touch
            .channel
            .as_deref()
            .map_or(String::new(), |c| format!(" ({c})"));
        push(
            Code::TouchOverdue,
            touch.inputs,
            (None, touch.line.unwrap_or(s.lines.name)),
            lateness(days),
            Some(days),
            Some(what.clone()),
            format!(
                "Touch with {name} is {} overdue: {what}{how}",
                in_days(days)
            ),
        );
    }

    for touch in subject
        .touches
        .iter()
        .filter(|t| !t.recorded && !t.suggested && t.date.is_some_and(|due| due < as_of))
    {
        let what = touch.what();
        let first_due = touch.date.map(|d| d.to_string()).unwrap_or_default();
        push(
            Code::TouchUnrecorded,
            touch.inputs,
            (None, touch.line.unwrap_or(s.lines.name)),
            0,
            None,
            Some(what.clone()),
            format!("No record yet of the touch with {name}: {what}, first due {first_due}"),
        );
    }

    if let Some(review) = s.next_review.filter(|&review| review < as_of) {
        let days = days_between(review, as_of) as u32;
        push(
            Code::ReviewOverdue,
            Fields::NEXT_REVIEW,
            (None, s.lines.next_review.unwrap_or(s.lines.name)),
            lateness(days),
            Some(days),
            Some(review.to_string()),
            format!("Review of {name} was due {review}, {} ago", in_days(days)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::testing::{date, interaction, register, stakeholder};
    use crate::register::model::{FollowUp, Touch};
    use crate::register::vocab::{EngagementLevel, Frequency, Tone};

    const AS_OF: &str = "2026-11-20";

    fn findings_of(stakeholders: Vec<Stakeholder>) -> Vec<Finding> {
        analyze(&register(stakeholders), date(AS_OF)).findings
    }

    fn codes(findings: &[Finding]) -> Vec<(&str, Code)> {
        findings
            .iter()
            .map(|f| (f.stakeholder.as_deref().unwrap_or_default(), f.code))
            .collect()
    }

    fn follow_up(due: &str, done: bool) -> Vec<FollowUp> {
        vec![FollowUp {
            action: "Send the plan".into(),
            due: Some(date(due)),
            done,
            owner: None,
        }]
    }

    fn touch(frequency: Frequency, starts: &str) -> Touch {
        Touch {
            id: None,
            dates: Vec::new(),
            sent: Vec::new(),
            content: Some("Status".into()),
            channel: Some("meeting".into()),
            frequency,
            owner: None,
            starts: Some(date(starts)),
            line: 30,
        }
    }

    /// A key player kept well: owner, plan kept, recent contact, no gap.
    fn kept(id: &str) -> Stakeholder {
        let mut s = stakeholder(id, 5, 5);
        s.owner = Some("Pat".into());
        s.communication = vec![touch(Frequency::Monthly, "2026-01-01")];
        s.interactions = vec![interaction("2026-11-10", Some("meeting"), None)];
        s
    }

    #[test]
    fn a_well_kept_key_player_has_no_findings() {
        assert!(findings_of(vec![kept("a")]).is_empty());
    }

    #[test]
    fn key_stakeholder_without_owner_plan_or_action() {
        let mut s = stakeholder("a", 5, 5);
        s.interactions = vec![interaction("2026-11-10", Some("call"), None)];
        s.engagement_current = Some(EngagementLevel::Neutral);
        s.engagement_desired = Some(EngagementLevel::Leading);
        s.lines.engagement = Some(12);
        let found = findings_of(vec![s.clone()]);
        assert_eq!(
            codes(&found),
            [
                ("a", Code::KeyGapWithoutAction),
                ("a", Code::KeyWithoutOwner),
                ("a", Code::KeyWithoutPlan),
            ]
        );
        assert_eq!(found[0].line, 12);
        assert_eq!(found[1].line, 2);
        // An open follow-up is an action; the same stakeholder as non-key is no concern.
        s.interactions[0].follow_ups = follow_up("2026-12-01", false);
        assert!(!codes(&findings_of(vec![s.clone()])).contains(&("a", Code::KeyGapWithoutAction)));
        s.key = Some(false);
        assert!(findings_of(vec![s]).is_empty());
    }

    #[test]
    fn overdue_follow_ups_touches_and_reviews() {
        let mut s = kept("a");
        s.interactions = vec![
            interaction("2026-10-01", Some("meeting"), None),
            interaction("2026-10-02", Some("email"), None),
            interaction("2026-10-03", Some("email"), None),
        ];
        s.interactions[0].follow_ups = follow_up("2026-11-10", false);
        s.interactions[1].follow_ups = follow_up("2026-11-01", true);
        s.interactions[2].follow_ups = follow_up(AS_OF, false);
        s.interactions[0].line = 40;
        s.next_review = Some(date("2026-11-19"));
        s.lines.next_review = Some(9);
        let found = findings_of(vec![s]);
        assert_eq!(
            codes(&found),
            [
                ("a", Code::FollowUpOverdue),
                ("a", Code::TouchOverdue),
                ("a", Code::ReviewOverdue),
            ]
        );
        let [follow, touch, review] = &found[..] else {
            unreachable!()
        };
        assert_eq!((follow.line, follow.days), (40, Some(10)));
        // Monthly from the meeting on 2026-10-01: due 2026-11-01.
        assert_eq!((touch.line, touch.days), (30, Some(19)));
        assert_eq!((review.line, review.days), (9, Some(1)));
        assert_eq!(follow.subject.as_deref(), Some("Send the plan"));
    }

    #[test]
    fn silent_key_stakeholders() {
        let mut never = kept("a");
        never.interactions.clear();
        never.communication[0].starts = Some(date("2027-01-01"));
        let mut long_ago = kept("b");
        long_ago.interactions = vec![interaction("2026-08-01", Some("meeting"), None)];
        long_ago.interactions[0].line = 50;
        long_ago.communication[0].frequency = Frequency::Yearly;
        let mut not_key = long_ago.clone();
        not_key.id = "c".into();
        not_key.key = Some(false);
        let found = findings_of(vec![never, long_ago, not_key]);
        assert_eq!(
            codes(&found),
            [
                ("a", Code::KeySilent),
                ("b", Code::KeySilent),
                ("c", Code::Silent)
            ]
        );
        assert_eq!((found[0].line, found[0].days), (2, None));
        assert_eq!((found[1].line, found[1].days), (50, Some(111)));
        // The silence of a stakeholder who is not key is said, and is low.
        assert_eq!(
            (found[2].days, found[2].severity),
            (Some(111), Severity::Low)
        );
        assert_eq!(found[2].message, "No contact with B for 111 days");
    }

    #[test]
    fn declining_sentiment_points_at_the_latest_scored_interaction() {
        let mut s = kept("a");
        s.interactions = ["2026-10-01", "2026-10-15", "2026-11-01"]
            .into_iter()
            .zip([Tone::Positive, Tone::Neutral, Tone::Negative])
            .enumerate()
            .map(|(n, (day, tone))| {
                let mut i = interaction(day, Some("meeting"), Some(tone));
                i.line = 60 + n;
                i
            })
            .collect();
        s.interactions
            .push(interaction("2026-11-10", Some("meeting"), None));
        let found = findings_of(vec![s]);
        assert_eq!(codes(&found), [("a", Code::DecliningSentiment)]);
        assert_eq!(found[0].line, 62);
        assert!(found[0].message.contains("satisfaction 2/5"));
    }

    #[test]
    fn ranking_puts_key_players_and_relationships_first() {
        // A key player's overdue follow-up, a powerful non-key stakeholder turning
        // sour, a minor stakeholder's just-overdue follow-up and a minor stakeholder's
        // long-overdue review.
        let mut key = kept("z-key");
        key.interactions[0].follow_ups = follow_up("2026-11-13", false);
        let mut sour = stakeholder("y-sour", 5, 3);
        sour.key = Some(false);
        sour.interactions = vec![
            interaction("2026-11-01", None, Some(Tone::Neutral)),
            interaction("2026-11-10", None, Some(Tone::Negative)),
        ];
        let mut minor_review = stakeholder("a-minor", 1, 2);
        minor_review.owner = Some("Pat".into());
        minor_review.next_review = Some(date("2026-01-01"));
        let mut minor_follow = stakeholder("b-minor", 1, 2);
        minor_follow.interactions = vec![interaction("2026-11-01", None, None)];
        minor_follow.interactions[0].follow_ups = follow_up("2026-11-19", false);
        let found = findings_of(vec![minor_review, minor_follow, sour, key]);
        let urgency: Vec<_> = found
            .iter()
            .map(|f| {
                (
                    f.stakeholder.as_deref().unwrap_or_default(),
                    f.code,
                    f.urgency,
                    f.severity,
                )
            })
            .collect();
        assert_eq!(
            urgency,
            [
                // 30 + (5 + 5 + 20) + 7 / 4
                ("z-key", Code::FollowUpOverdue, 61, Severity::High),
                // 30 + (5 + 3) + 5 × (5 - 2)
                ("y-sour", Code::DecliningSentiment, 53, Severity::Medium),
                // 30 + 3 + 1 / 4
                ("b-minor", Code::FollowUpOverdue, 33, Severity::Low),
                // Never contacted and not key: 10 + 3 + 60 / 4, listed before the
                // review at equal urgency.
                ("a-minor", Code::Silent, 28, Severity::Low),
                // 10 + 3 + min(323, 60) / 4
                ("a-minor", Code::ReviewOverdue, 28, Severity::Low),
            ]
        );
    }

    #[test]
    fn equal_urgency_sorts_by_code_then_stakeholder() {
        let mut a = stakeholder("a", 5, 5);
        let mut b = stakeholder("b", 5, 5);
        for s in [&mut a, &mut b] {
            s.interactions = vec![interaction("2026-11-19", Some("call"), None)];
            s.communication = vec![touch(Frequency::AdHoc, "2026-01-01")];
        }
        let found = findings_of(vec![b, a]);
        assert_eq!(
            codes(&found),
            [("a", Code::KeyWithoutOwner), ("b", Code::KeyWithoutOwner)]
        );
    }
}
