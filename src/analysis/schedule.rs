//! The communication schedule: when each planned touch is next due, which are overdue,
//! who has gone silent, and a suggested cadence for stakeholders without a plan.

use std::collections::BTreeMap;

use serde::Serialize;

use super::days_between;
use super::inputs::Fields;
use crate::register::Stakeholder;
use crate::register::model::{Cadence, Interaction, Touch};
use crate::register::vocab::{Date, Frequency, Quadrant};

/// The next occurrence of one touch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduledTouch {
    /// When it is due; `None` for ad-hoc touches, which are never due.
    pub date: Option<Date>,
    /// The stakeholder's id.
    pub stakeholder: String,
    /// What, as planned.
    pub content: Option<String>,
    /// How.
    pub channel: Option<String>,
    /// How often.
    pub frequency: Frequency,
    /// The last interaction through its channel (of any kind for a suggestion), from
    /// which `date` is counted.
    pub last: Option<Date>,
    /// Who: the touch's owner, else the stakeholder's.
    pub owner: Option<String>,
    /// Kept at least once: an interaction through its channel is recorded (for a
    /// suggestion, any interaction). A touch never recorded is "no record yet", never
    /// overdue: the register does not show it was missed, only that nobody logged it.
    pub recorded: bool,
    /// Recorded, and due before `as_of` (never for a suggestion: when its rhythm has
    /// passed it is due on `as_of`).
    pub overdue: bool,
    /// Days past due (0 when not overdue).
    pub overdue_days: u32,
    /// Not planned: the default cadence of the stakeholder's quadrant.
    pub suggested: bool,
    /// The stakeholder's file, relative to the register.
    pub file: String,
    /// The touch's line; `None` for a suggestion.
    pub line: Option<usize>,
    /// What its dates are derived from (see [`inputs`]).
    #[serde(skip)]
    pub inputs: Fields,
    /// Its owner is the stakeholder's, the touch naming none.
    #[serde(skip)]
    pub owner_inherited: bool,
}

/// What a stakeholder's schedule is derived from: the plan and the log, and for the
/// suggestion made when there is no plan, the grid.
pub fn inputs(s: &Stakeholder) -> Fields {
    let planned = Fields::COMMUNICATION | Fields::INTERACTIONS;
    if s.communication.is_empty() {
        planned | Fields::POWER | Fields::INTEREST
    } else {
        planned
    }
}

/// The interactions that happened by `as_of` (the log is sorted by date): later
/// entries have not happened yet as of the analysis date.
pub fn seen(interactions: &[Interaction], as_of: Date) -> &[Interaction] {
    &interactions[..interactions.partition_point(|i| i.date <= as_of)]
}

/// Whether a stakeholder is silent: never contacted, or not for `silent_after_days`.
pub fn silent(last_contact: Option<Date>, as_of: Date, silent_after_days: u32) -> bool {
    last_contact.is_none_or(|last| days_between(last, as_of) >= i64::from(silent_after_days))
}

/// When a touch is next due: one interval after `last` (the last interaction through
/// its channel), else on `starts`, else now; never before `starts`. A fixed-day
/// frequency is due on its next day after `last`, else its first day from `starts` or
/// now. `None` for ad hoc.
pub fn next_due(
    frequency: Frequency,
    starts: Option<Date>,
    last: Option<Date>,
    as_of: Date,
) -> Option<Date> {
    let due = match last {
        Some(last) => frequency.due_after_kept(last)?,
        None => frequency.first_due(starts.unwrap_or(as_of))?,
    };
    match starts {
        Some(starts) if due < starts => frequency.first_due(starts),
        _ => Some(due),
    }
}

/// The date of the last interaction through a touch's channel. A touch without a
/// channel is kept by any interaction; channels compare without case or outer spaces.
fn last_through(seen: &[Interaction], channel: Option<&str>) -> Option<Date> {
    seen.iter()
        .rev()
        .find(|i| match (channel, i.channel.as_deref()) {
            (None, _) => true,
            (Some(wanted), Some(used)) => same_channel(wanted, used),
            (Some(_), None) => false,
        })
        .map(|i| i.date)
}

fn same_channel(a: &str, b: &str) -> bool {
    fn lower(s: &str) -> impl Iterator<Item = char> + '_ {
        s.trim().chars().flat_map(char::to_lowercase)
    }
    lower(a).eq(lower(b))
}

/// The schedule of one stakeholder: each planned touch, or, without a plan, the
/// quadrant's default cadence counted from the last interaction of any kind.
pub fn touches(
    stakeholder: &Stakeholder,
    seen: &[Interaction],
    quadrant: Quadrant,
    cadence: &BTreeMap<Quadrant, Cadence>,
    as_of: Date,
    file: &str,
) -> Vec<ScheduledTouch> {
    let inputs = inputs(stakeholder);
    let entry = |date: Option<Date>, last: Option<Date>, touch: &Touch, suggested: bool| {
        // A suggestion is not a plan anyone agreed to, so it is never late: when its
        // rhythm has passed, it is due today.
        let date = if suggested {
            date.map(|date| date.max(as_of))
        } else {
            date
        };
        let recorded = last.is_some();
        let overdue_days = match date {
            Some(date) if recorded => days_between(date, as_of).max(0) as u32,
            _ => 0,
        };
        ScheduledTouch {
            date,
            stakeholder: stakeholder.id.clone(),
            content: touch.content.clone(),
            channel: touch.channel.clone(),
            frequency: touch.frequency,
            last,
            owner: touch.owner.clone().or_else(|| stakeholder.owner.clone()),
            recorded,
            overdue: overdue_days > 0,
            overdue_days,
            suggested,
            file: file.to_owned(),
            line: (!suggested).then_some(touch.line),
            inputs,
            owner_inherited: touch.owner.is_none(),
        }
    };
    if stakeholder.communication.is_empty() {
        let Some(default) = cadence.get(&quadrant) else {
            return Vec::new();
        };
        let touch = Touch {
            content: None,
            channel: Some(default.channel.clone()),
            frequency: default.frequency,
            owner: None,
            starts: None,
            line: 0,
        };
        let last = seen.last().map(|i| i.date);
        let date = next_due(default.frequency, None, last, as_of);
        return vec![entry(date, last, &touch, true)];
    }
    stakeholder
        .communication
        .iter()
        .map(|touch| {
            let last = last_through(seen, touch.channel.as_deref());
            let date = next_due(touch.frequency, touch.starts, last, as_of);
            entry(date, last, touch, false)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::{date, interaction, stakeholder};
    use crate::register::model::default_cadence;
    use crate::register::vocab::Vocabulary;

    const AS_OF: &str = "2026-11-20";

    fn due(frequency: Frequency, starts: Option<&str>, last: Option<&str>) -> Option<Date> {
        next_due(frequency, starts.map(date), last.map(date), date(AS_OF))
    }

    #[test]
    fn a_fixed_day_is_due_on_its_next_day() {
        let first_thursday = Frequency::parse("monthly on the first thursday").unwrap();
        // Kept on 5 November, the first Thursday: next on 3 December.
        assert_eq!(
            due(first_thursday, None, Some("2026-11-05")),
            Some(date("2026-12-03"))
        );
        // Never kept: its first day from today (Friday 20 November), or from its start.
        assert_eq!(due(first_thursday, None, None), Some(date("2026-12-03")));
        assert_eq!(
            due(first_thursday, Some("2027-01-02"), Some("2026-11-05")),
            Some(date("2027-01-07"))
        );
        let monday = Frequency::parse("每周一").unwrap();
        assert_eq!(
            due(monday, None, Some("2026-11-16")),
            Some(date("2026-11-23"))
        );
    }

    #[test]
    fn no_interactions_and_no_start_is_due_now() {
        assert_eq!(due(Frequency::Weekly, None, None), Some(date(AS_OF)));
    }

    #[test]
    fn no_interactions_is_due_from_the_start() {
        assert_eq!(
            due(Frequency::Monthly, Some("2026-03-01"), None),
            Some(date("2026-03-01"))
        );
        assert_eq!(
            due(Frequency::Monthly, Some("2027-01-15"), None),
            Some(date("2027-01-15"))
        );
    }

    #[test]
    fn due_one_interval_after_the_last_touch_but_never_before_the_start() {
        assert_eq!(
            due(Frequency::EveryDays(10), None, Some("2026-11-15")),
            Some(date("2026-11-25"))
        );
        assert_eq!(
            due(Frequency::EveryWeeks(3), None, Some("2026-11-01")),
            Some(date("2026-11-22"))
        );
        assert_eq!(
            due(Frequency::Weekly, Some("2026-12-01"), Some("2026-11-19")),
            Some(date("2026-12-01"))
        );
    }

    #[test]
    fn monthly_across_month_ends_keeps_to_the_last_day() {
        assert_eq!(
            due(Frequency::Monthly, None, Some("2026-01-31")),
            Some(date("2026-02-28"))
        );
        assert_eq!(
            due(Frequency::Monthly, None, Some("2028-01-31")),
            Some(date("2028-02-29"))
        );
        assert_eq!(
            due(Frequency::Quarterly, None, Some("2026-11-30")),
            Some(date("2027-02-28"))
        );
        assert_eq!(
            due(Frequency::Yearly, None, Some("2028-02-29")),
            Some(date("2029-02-28"))
        );
    }

    #[test]
    fn ad_hoc_is_never_due() {
        assert_eq!(due(Frequency::AdHoc, Some("2020-01-01"), None), None);
        assert_eq!(due(Frequency::AdHoc, None, Some("2020-01-01")), None);
    }

    fn plan(frequency: Frequency, channel: &str, starts: Option<&str>) -> Touch {
        Touch {
            content: Some("Update".into()),
            channel: Some(channel.into()),
            frequency,
            owner: None,
            starts: starts.map(date),
            line: 7,
        }
    }

    fn schedule(s: &Stakeholder) -> Vec<ScheduledTouch> {
        let as_of = date(AS_OF);
        let seen = seen(&s.interactions, as_of);
        touches(
            s,
            seen,
            Quadrant::Monitor,
            &default_cadence(crate::register::vocab::Language::En),
            as_of,
            "a.md",
        )
    }

    #[test]
    fn channels_compare_without_case_and_outer_spaces() {
        assert!(same_channel("Meeting", " meeting "));
        assert!(same_channel("微信", "微信"));
        assert!(!same_channel("meeting", "meetings"));
        assert!(!same_channel("电话", "微信"));
    }

    #[test]
    fn an_interaction_on_the_due_date_resets_the_touch() {
        let mut s = stakeholder("a", 3, 3);
        s.communication = vec![plan(Frequency::Weekly, "Meeting", Some("2026-11-13"))];
        s.interactions = vec![interaction("2026-11-13", Some("meeting"), None)];
        let touch = &schedule(&s)[0];
        assert_eq!(touch.date, Some(date("2026-11-20")));
        assert!(!touch.overdue);
        assert_eq!(touch.overdue_days, 0);
        assert_eq!(touch.line, Some(7));
    }

    #[test]
    fn only_the_same_channel_keeps_a_touch() {
        let mut s = stakeholder("a", 3, 3);
        s.communication = vec![plan(Frequency::EveryDays(10), "meeting", None)];
        s.interactions = vec![
            interaction("2026-10-01", Some("meeting"), None),
            interaction("2026-11-15", Some("email"), None),
        ];
        let touch = &schedule(&s)[0];
        assert_eq!(touch.date, Some(date("2026-10-11")));
        assert!(touch.overdue);
        assert_eq!(touch.overdue_days, 40);
    }

    #[test]
    fn interactions_after_as_of_have_not_happened_yet() {
        let mut s = stakeholder("a", 3, 3);
        s.communication = vec![plan(Frequency::Weekly, "call", Some("2026-11-01"))];
        s.interactions = vec![interaction("2026-11-25", Some("call"), None)];
        let touch = &schedule(&s)[0];
        assert_eq!(touch.date, Some(date("2026-11-01")));
        assert!(!touch.recorded);
    }

    #[test]
    fn a_touch_never_recorded_is_due_but_not_overdue() {
        let mut s = stakeholder("a", 5, 5);
        s.communication = vec![plan(Frequency::Monthly, "report", Some("2026-03-01"))];
        // Met weekly, but the monthly report was never logged as sent.
        s.interactions = vec![interaction("2026-11-19", Some("meeting"), None)];
        let touch = &schedule(&s)[0];
        assert_eq!(touch.date, Some(date("2026-03-01")), "its first due date");
        assert!(!touch.recorded);
        assert!(!touch.overdue);
        assert_eq!(touch.overdue_days, 0);
        // Once logged, it is counted from then, and late when the month has passed.
        s.interactions
            .insert(0, interaction("2026-09-01", Some("report"), None));
        let touch = &schedule(&s)[0];
        assert!(touch.recorded && touch.overdue);
        assert_eq!(touch.overdue_days, 50);
    }

    #[test]
    fn ad_hoc_touches_are_listed_undated_and_never_overdue() {
        let mut s = stakeholder("a", 3, 3);
        s.communication = vec![plan(Frequency::AdHoc, "call", Some("2020-01-01"))];
        let touch = &schedule(&s)[0];
        assert_eq!(touch.date, None);
        assert!(!touch.overdue);
        assert!(!touch.suggested);
    }

    #[test]
    fn without_a_plan_the_quadrant_cadence_is_suggested() {
        let mut s = stakeholder("a", 2, 2);
        s.owner = Some("Pat".into());
        let touches = schedule(&s);
        assert_eq!(touches.len(), 1);
        let suggestion = &touches[0];
        assert!(suggestion.suggested);
        assert_eq!(suggestion.channel.as_deref(), Some("email"));
        assert_eq!(suggestion.frequency, Frequency::Quarterly);
        assert_eq!(suggestion.date, Some(date(AS_OF)));
        assert_eq!(suggestion.owner.as_deref(), Some("Pat"));
        assert_eq!(suggestion.line, None);

        s.interactions = vec![interaction("2026-10-01", Some("visit"), None)];
        assert_eq!(schedule(&s)[0].date, Some(date("2027-01-01")));

        // A quarter after a visit in March has passed: the suggestion is due today,
        // not overdue, since nobody planned it.
        s.interactions = vec![interaction("2026-03-01", Some("visit"), None)];
        let late = &schedule(&s)[0];
        assert_eq!(late.date, Some(date(AS_OF)));
        assert!(!late.overdue);
        assert_eq!(late.overdue_days, 0);
    }

    #[test]
    fn silent_after_the_configured_days_or_never_contacted() {
        let as_of = date(AS_OF);
        assert!(silent(None, as_of, 60));
        assert!(silent(Some(date("2026-09-21")), as_of, 60));
        assert!(!silent(Some(date("2026-09-22")), as_of, 60));
        assert!(!silent(Some(as_of), as_of, 1));
    }
}
