//! The communication calendar: every occurrence of the planned touches over the next
//! weeks, expanded from the schedule.
//!
//! Rules (documented in `docs/communication-plan.md`):
//!
//! - The horizon is `as_of` and the days after it, `weeks` × 7 days in all, shown in
//!   [`weeks`] that run Monday to Sunday.
//! - A touch due on or after `as_of` occurs on its due date, then every interval after it
//!   (a weekly Tuesday touch stays on Tuesdays). Calendar units count from that due date,
//!   not from the previous occurrence, so a touch due on the 31st falls on the last day
//!   of shorter months and comes back to the 31st after them.
//! - An overdue touch occurs once, on `as_of`, as a catch-up marked with the days it is
//!   late: however many times it was missed, it is one thing to do now. Its later
//!   occurrences keep its rhythm from the missed due date.
//! - A touch with a fixed day (`monthly on the first thursday`) occurs on each of its
//!   rule's days from its due date on.
//! - An occurrence due on a day off (a weekend, a holiday of the project's `calendar`) is
//!   put on the next working day (its `due` stays, so the rhythm and the calendar's UIDs
//!   do not move); a daily touch has no occurrences on days off.
//! - Ad-hoc touches have no date and never occur.

use std::collections::HashMap;

use serde::Serialize;

use super::days_between;
use super::schedule::ScheduledTouch;
use crate::register::model::WorkCalendar;
use crate::register::vocab::{Date, Frequency};

/// How many weeks the calendar covers unless told otherwise.
pub const DEFAULT_HORIZON_WEEKS: u16 = 12;

/// One occurrence of a planned touch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Occurrence {
    /// The day it falls on: its due date (the Monday after, for a weekend), or `as_of`
    /// for the catch-up of an overdue touch.
    pub date: Date,
    /// The day it was due (before `date` only when overdue).
    pub due: Date,
    /// Which of the horizon's [`weeks`] it falls in, 0 for the week of `as_of`.
    pub week: u16,
    /// The stakeholder's id; absent for a plan item's occurrence, which is for its whole
    /// audience.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stakeholder: Option<String>,
    /// The plan item's id (format v2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// What, as planned.
    pub content: Option<String>,
    /// How.
    pub channel: Option<String>,
    /// How often.
    pub frequency: Frequency,
    /// Who: the touch's owner, else the stakeholder's.
    pub owner: Option<String>,
    /// Days past due (0 unless this is a catch-up).
    pub overdue_days: u32,
    /// Not planned: the default cadence of the stakeholder's quadrant.
    pub suggested: bool,
    /// Its touch: an index into the schedule it was expanded from.
    pub touch: usize,
    /// The n-th touch of this stakeholder with the same channel and content (0 for the
    /// first), so that two identical lines of a plan stay two touches.
    pub repeat: u16,
}

/// The first day after the horizon.
pub fn horizon_end(as_of: Date, weeks: u16) -> Date {
    as_of.saturating_add(jiff::Span::new().days(i64::from(weeks) * 7))
}

/// The weeks of the horizon, Monday to Sunday, as (first day, last day) within it: the
/// first starts on `as_of`, the last ends the day before [`horizon_end`].
pub fn weeks(as_of: Date, weeks: u16) -> Vec<(Date, Date)> {
    let end = horizon_end(as_of, weeks);
    let mut found = Vec::new();
    let mut start = as_of;
    while start < end {
        let sunday = monday(start).saturating_add(jiff::Span::new().days(6));
        let last = sunday.min(end.yesterday().unwrap_or(end));
        found.push((start, last));
        start = last.saturating_add(jiff::Span::new().days(1));
    }
    found
}

/// The Monday of a date's week.
fn monday(date: Date) -> Date {
    let offset = date.weekday().to_monday_zero_offset();
    date.saturating_sub(jiff::Span::new().days(i64::from(offset)))
}

/// The index in [`weeks`] of a date within the horizon.
fn week_of(as_of: Date, date: Date) -> u16 {
    (days_between(monday(as_of), date) / 7) as u16
}

/// Every occurrence of the scheduled touches from `as_of` for `weeks` weeks: catch-ups
/// of overdue touches first (the longest overdue first), then by date, owner (touches
/// without an owner last) and stakeholder. At most `limit` are kept, the first in that
/// order; the second value is how many more there were.
///
/// The dates are found and sorted as small slots first and only the kept ones become
/// occurrences, so a plan of thousands of daily touches over two years costs the slots,
/// not a million occurrences.
pub fn occurrences(
    schedule: &[ScheduledTouch],
    as_of: Date,
    weeks: u16,
    limit: usize,
    work: &WorkCalendar,
) -> (Vec<Occurrence>, usize) {
    /// One occurrence before it is made: which touch, when, and how late.
    struct Slot {
        touch: u32,
        repeat: u16,
        date: Date,
        due: Date,
        overdue_days: u32,
    }
    let end = horizon_end(as_of, weeks);
    let mut seen: HashMap<(&str, Option<&str>, Option<&str>), u16> = HashMap::new();
    let mut slots = Vec::new();
    for (index, touch) in schedule.iter().enumerate() {
        let identity = (
            whose(touch),
            touch.channel.as_deref(),
            touch.content.as_deref(),
        );
        let count = seen.entry(identity).or_default();
        let repeat = *count;
        *count += 1;
        let Some(due) = touch.date else {
            continue;
        };
        let slot = |date: Date, due: Date, overdue_days: u32| Slot {
            touch: index as u32,
            repeat,
            date,
            due,
            overdue_days,
        };
        if due < as_of && touch.overdue {
            // A catch-up only for what is late; a touch with no record yet keeps its
            // rhythm from its first due date.
            slots.push(slot(as_of, due, days_between(due, as_of) as u32));
        }
        let mut previous = None;
        for nominal in series(due, touch, as_of).take_while(|&date| date < end) {
            let Some(date) = working_day(nominal, touch.frequency, work).filter(|&d| d < end)
            else {
                continue;
            };
            // Saturday's occurrence of a touch every other day lands on its Monday.
            if previous != Some(date) {
                slots.push(slot(date, nominal, 0));
                previous = Some(date);
            }
        }
    }
    slots.sort_by(|a, b| {
        let key = |o: &Slot| {
            let touch = &schedule[o.touch as usize];
            (
                o.overdue_days == 0,
                std::cmp::Reverse(o.overdue_days),
                o.date,
                touch.owner.is_none(),
                touch.owner.as_deref(),
                whose(touch),
            )
        };
        key(a).cmp(&key(b))
    });
    let left_out = slots.len().saturating_sub(limit);
    slots.truncate(limit);
    let found = slots
        .into_iter()
        .map(|o| {
            let touch = &schedule[o.touch as usize];
            Occurrence {
                date: o.date,
                due: o.due,
                week: week_of(as_of, o.date),
                stakeholder: touch.stakeholder.clone(),
                item: touch.item.clone(),
                content: touch.content.clone(),
                channel: touch.channel.clone(),
                frequency: touch.frequency,
                owner: touch.owner.clone(),
                overdue_days: o.overdue_days,
                suggested: touch.suggested,
                touch: o.touch as usize,
                repeat: o.repeat,
            }
        })
        .collect();
    (found, left_out)
}

/// Whose a touch is: its stakeholder's id, or its plan item's (they share no ids).
fn whose(touch: &ScheduledTouch) -> &str {
    touch
        .stakeholder
        .as_deref()
        .or(touch.item.as_deref())
        .unwrap_or_default()
}

/// The due dates of a touch first due on `due`, from `as_of` on: `due` itself when it
/// is not past, then every interval counted from `due` (a frequency of intervals) or
/// each next day of its rule (a fixed day). Ad hoc: none.
fn series(due: Date, touch: &ScheduledTouch, as_of: Date) -> Box<dyn Iterator<Item = Date> + '_> {
    match touch.frequency {
        Frequency::AdHoc => Box::new(std::iter::empty()),
        // One-off dates: the listed ones from the due date (or, once it has passed,
        // from `as_of`) on.
        Frequency::OnDates => {
            let from = due.max(as_of);
            Box::new(touch.dates.iter().copied().filter(move |&d| d >= from))
        }
        Frequency::Fixed(rule) => {
            let first = if due < as_of {
                rule.first_after(as_of)
            } else {
                Some(due)
            };
            Box::new(std::iter::successors(first, move |&d| {
                rule.next_in_series(d)
            }))
        }
        other => {
            let Some(interval) = other.interval() else {
                return Box::new(std::iter::empty());
            };
            let k = if due < as_of {
                first_after(due, other, interval, as_of)
            } else {
                0
            };
            Box::new((k..).map_while(move |k| nth(due, interval, k)))
        }
    }
}

/// The day an occurrence due on `due` is put in the calendar: a working day as it is,
/// another day on the next working day; a daily touch has no occurrences on days off.
fn working_day(due: Date, frequency: Frequency, work: &WorkCalendar) -> Option<Date> {
    match frequency {
        Frequency::Daily => work.is_working(due).then_some(due),
        _ => work.next_working(due),
    }
}

/// `due` plus `k` intervals, counted from `due` (`None` past the end of time).
fn nth(due: Date, interval: jiff::Span, k: i64) -> Option<Date> {
    due.checked_add(interval.checked_mul(k).ok()?).ok()
}

/// The smallest `k` ≥ 1 with `due + k` intervals after `as_of`. Intervals of a fixed
/// number of days are counted directly; calendar months step, at most one step per
/// month overdue.
fn first_after(due: Date, frequency: Frequency, interval: jiff::Span, as_of: Date) -> i64 {
    let fixed = match frequency {
        Frequency::Monthly | Frequency::Quarterly | Frequency::Yearly => None,
        other => other.approx_days(),
    };
    let mut k = match fixed {
        Some(days) => (days_between(due, as_of) / i64::from(days.max(1))).max(0) + 1,
        None => 1,
    };
    while nth(due, interval, k).is_some_and(|date| date <= as_of) {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::date;
    use crate::register::model::Holiday;
    use crate::register::vocab::Vocabulary;

    const AS_OF: &str = "2026-11-20";

    /// A touch kept before, so late when its due date is past.
    fn touch(due: Option<&str>, frequency: Frequency) -> ScheduledTouch {
        let late = due.map_or(0, |d| days_between(date(d), date(AS_OF)).max(0) as u32);
        ScheduledTouch {
            date: due.map(date),
            stakeholder: Some("a".into()),
            item: None,
            audience: Vec::new(),
            dates: Vec::new(),
            content: Some("Update".into()),
            channel: Some("meeting".into()),
            frequency,
            last: None,
            owner: Some("Pat".into()),
            recorded: true,
            overdue: late > 0,
            overdue_days: late,
            suggested: false,
            file: "a.md".into(),
            line: Some(3),
            inputs: Default::default(),
            owner_inherited: false,
            by_tag: Vec::new(),
            kept_by: Vec::new(),
        }
    }

    fn dates(schedule: &[ScheduledTouch], weeks: u16) -> Vec<String> {
        occurrences(
            schedule,
            date(AS_OF),
            weeks,
            usize::MAX,
            &WorkCalendar::default(),
        )
        .0
        .iter()
        .map(|o| {
            if o.overdue_days > 0 {
                format!("{} (due {}, {} late)", o.date, o.due, o.overdue_days)
            } else if o.due != o.date {
                format!("{} (due {})", o.date, o.due)
            } else {
                o.date.to_string()
            }
        })
        .collect()
    }

    #[test]
    fn a_touch_recurs_from_its_due_date_within_the_horizon() {
        let weekly = touch(Some("2026-11-24"), Frequency::Weekly);
        assert_eq!(
            dates(&[weekly], 2),
            ["2026-11-24", "2026-12-01"],
            "2026-12-04 is the first day after two weeks"
        );
        let today = touch(Some(AS_OF), Frequency::EveryDays(10));
        assert_eq!(dates(&[today], 3), [AS_OF, "2026-11-30", "2026-12-10"]);
    }

    #[test]
    fn the_horizon_ends_before_its_last_day_plus_one() {
        assert_eq!(horizon_end(date(AS_OF), 12), date("2027-02-12"));
        let due_on_end = touch(Some("2027-02-12"), Frequency::Weekly);
        assert!(dates(&[due_on_end], 12).is_empty());
        let due_before = touch(Some("2027-02-11"), Frequency::Weekly);
        assert_eq!(dates(&[due_before], 12), ["2027-02-11"]);
    }

    #[test]
    fn an_overdue_touch_is_caught_up_once_then_keeps_its_rhythm() {
        let missed = touch(Some("2026-11-03"), Frequency::Weekly);
        assert_eq!(
            dates(&[missed], 2),
            [
                "2026-11-20 (due 2026-11-03, 17 late)",
                "2026-11-24",
                "2026-12-01"
            ]
        );
        // Missed on a day of its rhythm that is `as_of` itself: one occurrence, the catch-up.
        let on_rhythm = touch(Some("2026-11-13"), Frequency::Weekly);
        assert_eq!(
            dates(&[on_rhythm], 1),
            ["2026-11-20 (due 2026-11-13, 7 late)"]
        );
    }

    #[test]
    fn calendar_months_count_from_the_due_date() {
        let month_end = touch(Some("2026-12-31"), Frequency::Monthly);
        assert_eq!(
            dates(&[month_end], 20),
            [
                "2026-12-31",
                "2027-02-01 (due 2027-01-31)",
                "2027-03-01 (due 2027-02-28)",
                "2027-03-31"
            ]
        );
        let overdue = touch(Some("2026-08-31"), Frequency::Monthly);
        assert_eq!(
            dates(&[overdue], 5),
            ["2026-11-20 (due 2026-08-31, 81 late)", "2026-11-30"]
        );
        let quarterly = touch(Some("2025-11-30"), Frequency::Quarterly);
        assert_eq!(
            dates(&[quarterly], 16),
            [
                "2026-11-20 (due 2025-11-30, 355 late)",
                "2026-11-30",
                "2027-03-01 (due 2027-02-28)"
            ]
        );
    }

    #[test]
    fn long_overdue_daily_touches_are_counted_not_stepped() {
        let daily = touch(Some("1990-01-01"), Frequency::Daily);
        let found = occurrences(
            &[daily],
            date(AS_OF),
            1,
            usize::MAX,
            &WorkCalendar::default(),
        )
        .0;
        assert_eq!(
            found.len(),
            5,
            "the catch-up, then the next six days but the weekend"
        );
        assert_eq!(found[1].date, date("2026-11-23"));
    }

    #[test]
    fn weeks_run_monday_to_sunday_from_as_of_to_the_horizon() {
        // 20 Nov 2026 is a Friday.
        let found: Vec<String> = weeks(date(AS_OF), 2)
            .iter()
            .map(|(first, last)| format!("{first}..{last}"))
            .collect();
        assert_eq!(
            found,
            [
                "2026-11-20..2026-11-22",
                "2026-11-23..2026-11-29",
                "2026-11-30..2026-12-03"
            ]
        );
        let monday = weeks(date("2026-11-23"), 1);
        assert_eq!(monday, [(date("2026-11-23"), date("2026-11-29"))]);
        let later = touch(Some("2026-11-30"), Frequency::Weekly);
        let found = occurrences(
            &[later],
            date(AS_OF),
            2,
            usize::MAX,
            &WorkCalendar::default(),
        )
        .0;
        assert_eq!(found[0].week, 2);
    }

    #[test]
    fn ad_hoc_touches_never_occur() {
        assert!(dates(&[touch(None, Frequency::AdHoc)], 12).is_empty());
    }

    #[test]
    fn a_limit_keeps_the_catch_ups_first_and_counts_the_rest() {
        let soon = touch(Some("2026-11-23"), Frequency::Weekly);
        let mut late = touch(Some("2026-11-01"), Frequency::Yearly);
        late.stakeholder = Some("b".into());
        let (kept, left_out) =
            occurrences(&[soon, late], date(AS_OF), 2, 2, &WorkCalendar::default());
        // 23 and 30 Nov of the weekly touch, and the yearly one's catch-up today.
        assert_eq!(left_out, 1);
        let kept: Vec<(&str, String)> = kept
            .iter()
            .map(|o| {
                (
                    o.stakeholder.as_deref().unwrap_or_default(),
                    o.date.to_string(),
                )
            })
            .collect();
        assert_eq!(
            kept,
            [("b", "2026-11-20".into()), ("a", "2026-11-23".into())]
        );
    }

    #[test]
    fn catch_ups_come_first_then_by_date_and_owner() {
        let mut late = touch(Some("2026-11-01"), Frequency::Monthly);
        late.stakeholder = Some("b".into());
        let mut later = touch(Some("2026-10-01"), Frequency::Yearly);
        later.stakeholder = Some("c".into());
        let mut nobody = touch(Some("2026-11-21"), Frequency::Yearly);
        nobody.owner = None;
        let mut kim = touch(Some("2026-11-21"), Frequency::Yearly);
        kim.owner = Some("Kim".into());
        let found = occurrences(
            &[nobody, kim, late, later],
            date(AS_OF),
            1,
            usize::MAX,
            &WorkCalendar::default(),
        )
        .0;
        let order: Vec<(&str, Option<&str>, u32)> = found
            .iter()
            .map(|o| {
                (
                    o.stakeholder.as_deref().unwrap_or_default(),
                    o.owner.as_deref(),
                    o.overdue_days,
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                ("c", Some("Pat"), 50),
                ("b", Some("Pat"), 19),
                ("a", Some("Kim"), 0),
                ("a", None, 0)
            ]
        );
        // Due on Saturday the 21st: on the Monday after, in the horizon's second week.
        assert_eq!(found[3].week, 1);
    }

    #[test]
    fn weekend_occurrences_move_to_monday_and_daily_touches_skip_the_weekend() {
        // 21 Nov 2026 is a Saturday.
        let weekly = touch(Some("2026-11-21"), Frequency::Weekly);
        assert_eq!(
            dates(&[weekly], 2),
            ["2026-11-23 (due 2026-11-21)", "2026-11-30 (due 2026-11-28)"]
        );
        // Saturday's occurrence lands on Monday, which has its own: one, not two.
        let every_other_day = touch(Some("2026-11-21"), Frequency::EveryDays(2));
        assert_eq!(
            dates(&[every_other_day], 1),
            ["2026-11-23 (due 2026-11-21)", "2026-11-25"]
        );
        let daily = touch(Some("2026-11-21"), Frequency::Daily);
        assert_eq!(
            dates(&[daily], 1),
            ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"]
        );
        // A weekend day past the horizon's end is not pulled into it.
        let last_day = touch(Some("2026-11-29"), Frequency::Weekly);
        assert!(
            dates(&[last_day], 2)
                .iter()
                .all(|d| d.as_str() < "2026-12-04")
        );
    }

    /// The dates of `touches` over `weeks` weeks with a project calendar.
    fn dates_with(schedule: &[ScheduledTouch], weeks: u16, work: &WorkCalendar) -> Vec<String> {
        occurrences(schedule, date(AS_OF), weeks, usize::MAX, work)
            .0
            .iter()
            .map(|o| {
                if o.date == o.due {
                    o.date.to_string()
                } else {
                    format!("{} (due {})", o.date, o.due)
                }
            })
            .collect()
    }

    #[test]
    fn a_first_thursday_meeting_falls_on_first_thursdays() {
        let rule = Frequency::parse("monthly on the first thursday").unwrap();
        let meeting = touch(Some("2026-12-03"), rule);
        assert_eq!(
            dates_with(&[meeting], 20, &WorkCalendar::default()),
            [
                "2026-12-03",
                "2027-01-07",
                "2027-02-04",
                "2027-03-04",
                "2027-04-01"
            ]
        );
        // Late since 5 November: a catch-up today, then its next first Thursday.
        let late = touch(Some("2026-11-05"), rule);
        assert_eq!(
            dates(&[late], 3),
            ["2026-11-20 (due 2026-11-05, 15 late)", "2026-12-03"]
        );
    }

    #[test]
    fn holidays_move_occurrences_and_make_up_days_hold_them() {
        let day = |d: &str| date(d);
        let work = WorkCalendar {
            holidays: vec![
                Holiday {
                    from: day("2026-12-03"),
                    to: day("2026-12-03"),
                    name: None,
                },
                Holiday {
                    from: day("2026-12-07"),
                    to: day("2026-12-09"),
                    name: Some("春节".into()),
                },
            ],
            // A Saturday worked to make up for the holiday (调休).
            working: vec![day("2026-12-12")],
            ..WorkCalendar::default()
        };
        let thursday = touch(Some("2026-12-03"), Frequency::Monthly);
        assert_eq!(
            dates_with(&[thursday], 3, &work),
            ["2026-12-04 (due 2026-12-03)"]
        );
        let monday = touch(Some("2026-12-07"), Frequency::Weekly);
        assert_eq!(
            dates_with(&[monday], 4, &work),
            ["2026-12-10 (due 2026-12-07)", "2026-12-14"]
        );
        // A daily touch skips the holidays and the weekend but not the make-up Saturday.
        let daily = touch(Some("2026-12-07"), Frequency::Daily);
        assert_eq!(
            dates_with(&[daily], 4, &work),
            [
                "2026-12-10",
                "2026-12-11",
                "2026-12-12",
                "2026-12-14",
                "2026-12-15",
                "2026-12-16",
                "2026-12-17"
            ]
        );
    }

    #[test]
    fn identical_touches_are_told_apart() {
        let twice = [
            touch(Some("2026-11-24"), Frequency::Yearly),
            touch(Some("2026-11-24"), Frequency::Yearly),
        ];
        let found = occurrences(&twice, date(AS_OF), 1, usize::MAX, &WorkCalendar::default()).0;
        let repeats: Vec<u16> = found.iter().map(|o| o.repeat).collect();
        assert_eq!(repeats, [0, 1]);
    }
}
