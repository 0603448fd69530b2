//! The communication schedule: when each planned touch and plan item is next due, which
//! are overdue, who has gone silent, and a suggested cadence for stakeholders without a
//! plan.
//!
//! A touch is kept by an interaction through its channel (v1), by a `sent` date, and by
//! an interaction or meeting whose `fulfils` names it. A plan item (format v2) is kept
//! only by its `sent` dates and by what names it in `fulfils`: a meeting of a few of its
//! audience does not keep a report to all of it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::days_between;
use super::inputs::Fields;
use crate::register::model::{Cadence, Interaction, Named, PlanItem, Touch};
use crate::register::vocab::{Date, Frequency, Quadrant};
use crate::register::{Register, Stakeholder};

/// The next occurrence of one touch of a stakeholder, or of one plan item for its whole
/// audience.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduledTouch {
    /// When it is due; `None` for ad-hoc touches, which are never due.
    pub date: Option<Date>,
    /// The stakeholder's id; absent for a plan item, which is for its `audience`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stakeholder: Option<String>,
    /// The plan item's id (format v2); absent for a stakeholder's own touch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// A plan item's audience, by id in register order (format v2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub audience: Vec<String>,
    /// The one-off dates of a `dates:` list (format v2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<Date>,
    /// What, as planned.
    pub content: Option<String>,
    /// How.
    pub channel: Option<String>,
    /// How often.
    pub frequency: Frequency,
    /// The last time it was kept (for a suggestion, the last interaction of any kind),
    /// from which `date` is counted.
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
    /// The stakeholder's file (`_project.md` for a plan item), relative to the register.
    pub file: String,
    /// The touch's line; `None` for a suggestion.
    pub line: Option<usize>,
    /// What its dates are derived from (see [`inputs`]).
    #[serde(skip)]
    pub inputs: Fields,
    /// Its owner is the stakeholder's, the touch naming none.
    #[serde(skip)]
    pub owner_inherited: bool,
    /// A plan item: whether each of `audience` is in it only through a tag.
    #[serde(skip)]
    pub by_tag: Vec<bool>,
    /// A plan item: the stakeholders whose logs keep it (an interaction or meeting
    /// naming it in `fulfils`), by id; its dates derive from their logs.
    #[serde(skip)]
    pub kept_by: Vec<String>,
}

impl ScheduledTouch {
    /// Who it is for, by id: the stakeholder, or a plan item's audience.
    pub fn recipients(&self) -> impl Iterator<Item = &str> {
        self.stakeholder
            .as_deref()
            .into_iter()
            .chain(self.audience.iter().map(String::as_str))
    }

    /// What it is, as written: its content, else its channel, else its frequency.
    pub fn what(&self) -> String {
        self.content
            .clone()
            .or_else(|| self.channel.clone())
            .unwrap_or_else(|| self.frequency.to_string())
    }
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
    if frequency == Frequency::OnDates {
        return None;
    }
    let due = match last {
        Some(last) => frequency.due_after_kept(last)?,
        None => frequency.first_due(starts.unwrap_or(as_of))?,
    };
    match starts {
        Some(starts) if due < starts => frequency.first_due(starts),
        _ => Some(due),
    }
}

/// When a touch with one-off `dates` is next due: the listed date after the one its
/// last keeping was for (the listed date nearest to it, the earlier on a tie), else its
/// first listed date on or after `starts`. `None` once every date is kept.
pub fn next_listed(dates: &[Date], starts: Option<Date>, last: Option<Date>) -> Option<Date> {
    match last {
        Some(last) => {
            let nearest = dates
                .iter()
                .min_by_key(|&&d| days_between(d, last).abs())
                .copied()?;
            dates.iter().find(|&&d| d > nearest).copied()
        }
        None => dates
            .iter()
            .find(|&&d| starts.is_none_or(|s| d >= s))
            .copied(),
    }
}

/// The due date of a touch from its rhythm and the last time it was kept.
fn due_of(touch: &Touch, last: Option<Date>, as_of: Date) -> Option<Date> {
    match touch.frequency {
        Frequency::OnDates => next_listed(&touch.dates, touch.starts, last),
        frequency => next_due(frequency, touch.starts, last, as_of),
    }
}

/// The last `sent` date up to `as_of` (the list is sorted).
fn last_sent(sent: &[Date], as_of: Date) -> Option<Date> {
    sent[..sent.partition_point(|&d| d <= as_of)]
        .last()
        .copied()
}

/// The last interaction (up to `as_of`) whose `fulfils` names `id`.
fn last_fulfilling(seen: &[Interaction], id: &str) -> Option<Date> {
    seen.iter()
        .rev()
        .find(|i| i.fulfils.iter().any(|f| f == id))
        .map(|i| i.date)
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

/// The schedule of one stakeholder: each planned touch, or, without a plan and outside
/// every plan item's audience, the quadrant's default cadence counted from the last
/// interaction of any kind.
pub fn touches(
    stakeholder: &Stakeholder,
    seen: &[Interaction],
    quadrant: Quadrant,
    cadence: &BTreeMap<Quadrant, Cadence>,
    in_audience: bool,
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
        let mut t = scheduled(touch, date, last, as_of);
        t.stakeholder = Some(stakeholder.id.clone());
        t.owner = touch.owner.clone().or_else(|| stakeholder.owner.clone());
        t.owner_inherited = touch.owner.is_none();
        t.suggested = suggested;
        t.file = file.to_owned();
        t.line = (!suggested).then_some(touch.line);
        t.inputs = inputs;
        if suggested {
            t.overdue = false;
            t.overdue_days = 0;
        }
        t
    };
    if stakeholder.communication.is_empty() {
        let Some(default) = cadence.get(&quadrant).filter(|_| !in_audience) else {
            return Vec::new();
        };
        let touch = Touch {
            id: None,
            content: None,
            channel: Some(default.channel.clone()),
            frequency: default.frequency,
            dates: Vec::new(),
            owner: None,
            starts: None,
            sent: Vec::new(),
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
            let kept = [
                last_through(seen, touch.channel.as_deref()),
                last_sent(&touch.sent, as_of),
                touch.id.as_deref().and_then(|id| last_fulfilling(seen, id)),
            ];
            let last = kept.into_iter().flatten().max();
            entry(due_of(touch, last, as_of), last, touch, false)
        })
        .collect()
}

/// A schedule entry for `touch` due on `date`, kept last on `last`: recorded when it
/// was ever kept, overdue when recorded and past due. Whose it is is left to the caller.
fn scheduled(touch: &Touch, date: Option<Date>, last: Option<Date>, as_of: Date) -> ScheduledTouch {
    let recorded = last.is_some();
    let overdue_days = match date {
        Some(date) if recorded => days_between(date, as_of).max(0) as u32,
        _ => 0,
    };
    ScheduledTouch {
        date,
        stakeholder: None,
        item: None,
        audience: Vec::new(),
        dates: touch.dates.clone(),
        content: touch.content.clone(),
        channel: touch.channel.clone(),
        frequency: touch.frequency,
        last,
        owner: touch.owner.clone(),
        recorded,
        overdue: overdue_days > 0,
        overdue_days,
        suggested: false,
        file: String::new(),
        line: Some(touch.line),
        inputs: Fields::NONE,
        owner_inherited: false,
        by_tag: Vec::new(),
        kept_by: Vec::new(),
    }
}

/// The plan items of a register (format v2), each one entry for its whole audience, in
/// the order of `_project.md`; and for each stakeholder (in register order) the items
/// whose audience they are in, as indices into the first.
///
/// Linear in the register: one pass over every log for the `fulfils` that name an
/// item, and one pass over the stakeholders per item with its ids and tags hashed.
pub fn plan_items(register: &Register, as_of: Date) -> (Vec<ScheduledTouch>, Vec<Vec<usize>>) {
    let items = &register.project.communications;
    let file = register
        .project
        .file
        .as_deref()
        .map_or_else(|| "_project.md".to_owned(), super::file_name);
    let index: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    // For each item: the last date an interaction kept it, and whose logs keep it.
    let mut kept: Vec<(Option<Date>, Vec<usize>)> = vec![(None, Vec::new()); items.len()];
    if !items.is_empty() {
        for (who, s) in register.stakeholders.iter().enumerate() {
            for interaction in seen(&s.interactions, as_of) {
                for id in &interaction.fulfils {
                    if let Some(&i) = index.get(id.as_str()) {
                        let (last, by) = &mut kept[i];
                        *last = (*last).max(Some(interaction.date));
                        if by.last() != Some(&who) {
                            by.push(who);
                        }
                    }
                }
            }
        }
    }
    let mut member_of = vec![Vec::new(); register.stakeholders.len()];
    let schedule = items
        .iter()
        .zip(kept)
        .enumerate()
        .map(|(i, (item, (kept_last, kept_by)))| {
            let (audience, by_tag) = members(item, &register.stakeholders);
            for &m in &audience {
                member_of[m].push(i);
            }
            let last = kept_last.max(last_sent(&item.touch.sent, as_of));
            let date = due_of(&item.touch, last, as_of);
            let mut t = scheduled(&item.touch, date, last, as_of);
            t.item = Some(item.id.clone());
            t.audience = audience
                .iter()
                .map(|&m| register.stakeholders[m].id.clone())
                .collect();
            t.by_tag = by_tag;
            t.kept_by = kept_by
                .into_iter()
                .map(|w| register.stakeholders[w].id.clone())
                .collect();
            t.file = file.clone();
            t
        })
        .collect();
    (schedule, member_of)
}

/// The audience of a plan item in register order, and whether each is in it only
/// through a tag.
fn members(item: &PlanItem, stakeholders: &[Stakeholder]) -> (Vec<usize>, Vec<bool>) {
    let members = item.audience.members();
    stakeholders
        .iter()
        .enumerate()
        .filter_map(|(m, s)| Some((m, members.includes(s)? == Named::ByTag)))
        .unzip()
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
            id: None,
            dates: Vec::new(),
            sent: Vec::new(),
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
            false,
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
