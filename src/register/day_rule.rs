//! Frequencies with a fixed day (format v2): `weekly on monday`, `every 2 weeks on
//! friday`, `monthly on the first thursday`, `monthly on day 5`, `quarterly on day 15`,
//! and their Chinese forms (`每周一`, `每两周周五`, `每月第一个周四`, `每月5日`).
//!
//! A rule says which days an item is due on. Two questions are asked of it: the first
//! such day on or after a date ([`DayRule::first_on_or_after`]), and the day due after
//! the item was kept ([`DayRule::due_after_kept`]).

use std::fmt;

use jiff::civil::Weekday;

use super::vocab::Date;

/// Which of a month's weekdays: the first to the fourth, or the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Nth {
    /// The first.
    First,
    /// The second.
    Second,
    /// The third.
    Third,
    /// The fourth.
    Fourth,
    /// The last (the fourth or the fifth).
    Last,
}

impl Nth {
    const ALL: [(Nth, &'static str, &'static str); 5] = [
        (Nth::First, "first", "第一个"),
        (Nth::Second, "second", "第二个"),
        (Nth::Third, "third", "第三个"),
        (Nth::Fourth, "fourth", "第四个"),
        (Nth::Last, "last", "最后一个"),
    ];

    fn english(self) -> &'static str {
        Nth::ALL.iter().find(|n| n.0 == self).map_or("", |n| n.1)
    }

    /// The Chinese word: `第一个` … `最后一个`.
    pub fn chinese(self) -> &'static str {
        Nth::ALL.iter().find(|n| n.0 == self).map_or("", |n| n.2)
    }
}

/// The days a fixed-day frequency falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayRule {
    /// Every `weeks` weeks on `day`.
    Weekday {
        /// 1 for weekly, 2 for every other week, …
        weeks: u8,
        /// The day of the week.
        day: Weekday,
    },
    /// Every month on its `nth` `day`: the first Thursday.
    NthWeekday {
        /// Which one.
        nth: Nth,
        /// The day of the week.
        day: Weekday,
    },
    /// Every month on this day, 1–31 (the last day of a shorter month).
    MonthDay(u8),
    /// Every quarter on this day, 1–31, of its first month (January, April, July,
    /// October).
    QuarterDay(u8),
}

/// English and Chinese weekday names, Monday first; `周日` and `星期天` also mean Sunday.
const WEEKDAYS: [(Weekday, &str, &str, &str); 7] = [
    (Weekday::Monday, "monday", "mon", "一"),
    (Weekday::Tuesday, "tuesday", "tue", "二"),
    (Weekday::Wednesday, "wednesday", "wed", "三"),
    (Weekday::Thursday, "thursday", "thu", "四"),
    (Weekday::Friday, "friday", "fri", "五"),
    (Weekday::Saturday, "saturday", "sat", "六"),
    (Weekday::Sunday, "sunday", "sun", "日"),
];

/// A weekday written in English (`monday`, `mon`) or Chinese (`周一`, `星期一`, `周日`,
/// `星期天`).
pub fn weekday(word: &str) -> Option<Weekday> {
    if let Some(rest) = ["星期", "礼拜", "周"]
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
    {
        let rest = if rest == "天" { "日" } else { rest };
        return WEEKDAYS.iter().find(|w| w.3 == rest).map(|w| w.0);
    }
    WEEKDAYS
        .iter()
        .find(|w| word == w.1 || word == w.2 || (word.len() >= 3 && w.1.starts_with(word)))
        .map(|w| w.0)
}

/// The Chinese name of a weekday: `周一`.
pub fn weekday_chinese(day: Weekday) -> String {
    let found = WEEKDAYS.iter().find(|w| w.0 == day).map_or("", |w| w.3);
    format!("周{found}")
}

fn weekday_english(day: Weekday) -> &'static str {
    WEEKDAYS.iter().find(|w| w.0 == day).map_or("", |w| w.1)
}

impl DayRule {
    /// Parses a rule from its normalised spelling (lowercase, spaces as `-`):
    /// `weekly-on-monday`, `every-2-weeks-on-friday`, `monthly-on-the-first-thursday`,
    /// `monthly-on-day-5`, `quarterly-on-day-15`, `每周一`, `每两周周五`, `每月第一个周四`,
    /// `每月5日`, `每季度15日`.
    pub fn parse(word: &str) -> Option<DayRule> {
        if word.starts_with('每') {
            return chinese(word);
        }
        let (period, on) = word.split_once("-on-")?;
        let on = on.strip_prefix("the-").unwrap_or(on);
        let day_number = |on: &str| -> Option<u8> {
            let n: u8 = on.strip_prefix("day-")?.parse().ok()?;
            (1..=31).contains(&n).then_some(n)
        };
        match period {
            "weekly" => Some(DayRule::Weekday {
                weeks: 1,
                day: weekday(on)?,
            }),
            "biweekly" | "fortnightly" => Some(DayRule::Weekday {
                weeks: 2,
                day: weekday(on)?,
            }),
            "monthly" => {
                if let Some(n) = day_number(on) {
                    return Some(DayRule::MonthDay(n));
                }
                let (nth, day) = on.split_once('-')?;
                let nth = Nth::ALL.iter().find(|n| n.1 == nth)?.0;
                Some(DayRule::NthWeekday {
                    nth,
                    day: weekday(day)?,
                })
            }
            "quarterly" => day_number(on).map(DayRule::QuarterDay),
            _ => {
                let rest = period.strip_prefix("every-")?;
                let (n, unit) = rest.split_once('-')?;
                let weeks: u8 = n.parse().ok()?;
                (matches!(unit, "weeks" | "week") && weeks > 0).then_some(())?;
                Some(DayRule::Weekday {
                    weeks,
                    day: weekday(on)?,
                })
            }
        }
    }

    /// Days between two due dates, about: for comparing cadences.
    pub fn approx_days(self) -> u32 {
        match self {
            DayRule::Weekday { weeks, .. } => u32::from(weeks) * 7,
            DayRule::NthWeekday { .. } | DayRule::MonthDay(_) => 30,
            DayRule::QuarterDay(_) => 91,
        }
    }

    /// Whether the rule falls on `date`.
    fn matches(self, date: Date) -> bool {
        match self {
            // The phase of an every-N-weeks rule comes from where it is counted from
            // ([`DayRule::due_after_kept`]); on its own, any such weekday matches.
            DayRule::Weekday { day, .. } => date.weekday() == day,
            DayRule::NthWeekday { nth, day } => {
                date.weekday() == day
                    && match nth {
                        Nth::Last => date.day() + 7 > date.days_in_month(),
                        other => {
                            let index = Nth::ALL.iter().position(|n| n.0 == other).unwrap_or(0);
                            (date.day() - 1) / 7 == index as i8
                        }
                    }
            }
            DayRule::MonthDay(n) => date.day() == (n as i8).min(date.days_in_month()),
            DayRule::QuarterDay(n) => {
                (date.month() - 1) % 3 == 0 && date.day() == (n as i8).min(date.days_in_month())
            }
        }
    }

    /// The first day the rule falls on, on or after `from`.
    pub fn first_on_or_after(self, from: Date) -> Option<Date> {
        // Every rule falls at least once in 92 days (a quarter); the bound keeps a date
        // at the end of time from looping.
        let mut date = from;
        for _ in 0..=92 {
            if self.matches(date) {
                return Some(date);
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    /// The day the rule falls on after `date` (not on it).
    pub fn first_after(self, date: Date) -> Option<Date> {
        self.first_on_or_after(date.tomorrow().ok()?)
    }

    /// The day due after the item was kept on `kept`. Kept on one of its days, that is
    /// the next one (every N weeks: N weeks later). An item kept a little early or late
    /// counts for the day of the rule nearest to when it was kept, so a meeting held the
    /// day before its first Thursday is not due again the next day.
    pub fn due_after_kept(self, kept: Date) -> Option<Date> {
        // Half the distance between two of the rule's days: a week's for weekdays (the
        // phase of every N weeks comes from the kept day), a month's or a quarter's.
        let half = match self {
            DayRule::Weekday { .. } => 3,
            _ => i64::from(self.approx_days() / 2),
        };
        let nearest_after = kept.checked_add(jiff::Span::new().days(half)).ok()?;
        match self {
            DayRule::Weekday { weeks, .. } => {
                let skip = i64::from(weeks.saturating_sub(1)) * 7;
                self.first_after(
                    nearest_after
                        .checked_add(jiff::Span::new().days(skip))
                        .ok()?,
                )
            }
            _ => self.first_after(nearest_after),
        }
    }

    /// The next due date of a series after `due` (one of the rule's days).
    pub fn next_in_series(self, due: Date) -> Option<Date> {
        match self {
            DayRule::Weekday { weeks, .. } => due
                .checked_add(jiff::Span::new().weeks(i64::from(weeks)))
                .ok(),
            _ => self.first_after(due),
        }
    }
}

impl fmt::Display for DayRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DayRule::Weekday { weeks: 1, day } => write!(f, "weekly on {}", weekday_english(day)),
            DayRule::Weekday { weeks, day } => {
                write!(f, "every {weeks} weeks on {}", weekday_english(day))
            }
            DayRule::NthWeekday { nth, day } => {
                write!(
                    f,
                    "monthly on the {} {}",
                    nth.english(),
                    weekday_english(day)
                )
            }
            DayRule::MonthDay(n) => write!(f, "monthly on day {n}"),
            DayRule::QuarterDay(n) => write!(f, "quarterly on day {n}"),
        }
    }
}

/// `每周一`, `每两周周五`, `每2周周五`, `每月第一个周四`, `每月最后一个周五`, `每月5日`,
/// `每月5号`, `每季度15日`.
fn chinese(word: &str) -> Option<DayRule> {
    let word = word.replace('-', "");
    let rest = word.strip_prefix('每')?;
    let day_number = |text: &str| -> Option<u8> {
        let digits = text
            .strip_suffix('日')
            .or_else(|| text.strip_suffix('号'))?;
        let n: u8 = digits.parse().ok()?;
        (1..=31).contains(&n).then_some(n)
    };
    if let Some(on) = rest.strip_prefix("季度") {
        return day_number(on).map(DayRule::QuarterDay);
    }
    if let Some(on) = rest.strip_prefix('月') {
        if let Some(n) = day_number(on) {
            return Some(DayRule::MonthDay(n));
        }
        let (nth, day) = Nth::ALL
            .iter()
            .find_map(|n| on.strip_prefix(n.2).map(|day| (n.0, day)))?;
        return Some(DayRule::NthWeekday {
            nth,
            day: weekday(day)?,
        });
    }
    // 每周一 and 每星期一 are weekly; 每两周周五 and 每2周周五 every two weeks.
    if let Some(day) = weekday(rest) {
        return Some(DayRule::Weekday { weeks: 1, day });
    }
    let (count, day) = rest.split_once('周')?;
    let weeks = match count {
        "两" | "二" => 2,
        "三" => 3,
        "四" => 4,
        digits => digits.parse().ok().filter(|&n| n > 0)?,
    };
    Some(DayRule::Weekday {
        weeks,
        day: weekday(day)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn rules_in_english_and_chinese() {
        let thursday = DayRule::NthWeekday {
            nth: Nth::First,
            day: Weekday::Thursday,
        };
        for (text, rule) in [
            (
                "weekly-on-monday",
                DayRule::Weekday {
                    weeks: 1,
                    day: Weekday::Monday,
                },
            ),
            (
                "every-2-weeks-on-friday",
                DayRule::Weekday {
                    weeks: 2,
                    day: Weekday::Friday,
                },
            ),
            ("monthly-on-the-first-thursday", thursday),
            ("monthly-on-first-thu", thursday),
            ("monthly-on-day-5", DayRule::MonthDay(5)),
            ("quarterly-on-day-15", DayRule::QuarterDay(15)),
            (
                "每周一",
                DayRule::Weekday {
                    weeks: 1,
                    day: Weekday::Monday,
                },
            ),
            (
                "每星期日",
                DayRule::Weekday {
                    weeks: 1,
                    day: Weekday::Sunday,
                },
            ),
            (
                "每两周周五",
                DayRule::Weekday {
                    weeks: 2,
                    day: Weekday::Friday,
                },
            ),
            ("每月第一个周四", thursday),
            (
                "每月最后一个星期五",
                DayRule::NthWeekday {
                    nth: Nth::Last,
                    day: Weekday::Friday,
                },
            ),
            ("每月5日", DayRule::MonthDay(5)),
            ("每月5号", DayRule::MonthDay(5)),
            ("每季度15日", DayRule::QuarterDay(15)),
        ] {
            assert_eq!(DayRule::parse(text), Some(rule), "{text}");
        }
        for text in [
            "weekly-on-funday",
            "monthly-on-day-32",
            "monthly-on-the-fifth-monday",
            "every-0-weeks-on-friday",
            "每月第五个周四",
            "每月0日",
            "每周八",
        ] {
            assert_eq!(DayRule::parse(text), None, "{text}");
        }
    }

    #[test]
    fn the_first_thursday_is_a_thursday() {
        let rule = DayRule::parse("monthly-on-the-first-thursday").unwrap();
        // November 2026 starts on a Sunday: its first Thursday is the 5th.
        assert_eq!(
            rule.first_on_or_after(date("2026-11-01")),
            Some(date("2026-11-05"))
        );
        assert_eq!(
            rule.due_after_kept(date("2026-11-05")),
            Some(date("2026-12-03"))
        );
        // Held a day early or a week late, it still counts for November.
        assert_eq!(
            rule.due_after_kept(date("2026-11-04")),
            Some(date("2026-12-03"))
        );
        assert_eq!(
            rule.due_after_kept(date("2026-11-12")),
            Some(date("2026-12-03"))
        );
        assert_eq!(
            rule.next_in_series(date("2026-12-03")),
            Some(date("2027-01-07"))
        );
        for due in [date("2027-01-07"), date("2027-04-01")] {
            assert_eq!(due.weekday(), Weekday::Thursday);
        }
    }

    #[test]
    fn last_weekdays_and_days_past_the_end_of_a_month() {
        let last_friday = DayRule::parse("monthly-on-the-last-friday").unwrap();
        assert_eq!(
            last_friday.first_on_or_after(date("2027-01-01")),
            Some(date("2027-01-29"))
        );
        let day_31 = DayRule::MonthDay(31);
        assert_eq!(
            day_31.first_on_or_after(date("2027-02-01")),
            Some(date("2027-02-28"))
        );
        let quarter = DayRule::QuarterDay(15);
        assert_eq!(
            quarter.first_after(date("2026-11-20")),
            Some(date("2027-01-15"))
        );
    }

    #[test]
    fn every_other_friday_keeps_its_phase() {
        let rule = DayRule::parse("every-2-weeks-on-friday").unwrap();
        assert_eq!(
            rule.due_after_kept(date("2026-11-06")),
            Some(date("2026-11-20"))
        );
        assert_eq!(
            rule.next_in_series(date("2026-11-20")),
            Some(date("2026-12-04"))
        );
    }

    #[test]
    fn rules_print_as_written() {
        for text in [
            "weekly on monday",
            "every 2 weeks on friday",
            "monthly on the first thursday",
            "monthly on day 5",
            "quarterly on day 15",
        ] {
            let rule = DayRule::parse(&text.replace(' ', "-")).unwrap();
            assert_eq!(rule.to_string(), text);
        }
    }
}
