//! `communication-plan.ics`: the touches due over the horizon as RFC 5545 all-day events.
//!
//! Every occurrence is its own event (no `RRULE`; `docs/communication-plan.md` says
//! why). An event's `UID` is a hash of what identifies the occurrence in the register
//! (stakeholder id, channel, content, which of identical touches, and the due date), so
//! building again updates the same events instead of adding new ones; the catch-up of an
//! overdue touch keeps the `UID` of the occurrence it catches up, and moves to `as_of`.
//! `DTSTAMP` is `as_of` at midnight UTC: the same input gives the same bytes. Escaping and
//! line folding are the `icalendar` crate's.
//!
//! A build plans a bounded number of occurrences (the nearest ones); the calendar's
//! description says how many were left out. Events are written one after another, so
//! memory grows with the file, never with a copy of every event.

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Calendar, Component, Event, EventLike, Property};

use super::fill;
use crate::analysis::Analysis;
use crate::analysis::calendar::Occurrence;
use crate::i18n;
use crate::register::vocab::{Date, Language};

/// The product identifier written in every calendar.
const PRODID: &str = "-//stake//Communication plan//EN";

/// The report's words an event uses, looked up once per calendar.
struct Words {
    language: Language,
    colon: &'static str,
    stakeholder: &'static str,
    audience: &'static str,
    content: &'static str,
    channel: &'static str,
    frequency: &'static str,
    owner: &'static str,
    due: &'static str,
    touch: &'static str,
    suggested: &'static str,
    suggested_cadence: &'static str,
    overdue_category: &'static str,
    suggested_category: &'static str,
    overdue_by: &'static str,
    overdue_by_one: &'static str,
}

impl Words {
    fn of(language: Language) -> Words {
        let label = |key| i18n::label(language, key);
        Words {
            language,
            colon: label("colon"),
            stakeholder: label("stakeholder"),
            audience: label("audience"),
            content: label("content"),
            channel: label("channel"),
            frequency: label("frequency_head"),
            owner: label("owner"),
            due: label("due"),
            touch: label("touch"),
            suggested: label("suggested_paren"),
            suggested_cadence: label("suggested_cadence"),
            overdue_category: label("overdue_category"),
            suggested_category: label("suggested_category"),
            overdue_by: label("overdue_by"),
            overdue_by_one: label("overdue_by_one"),
        }
    }

    /// `Overdue 17 days`, `Overdue 1 day`.
    fn overdue_by(&self, days: u32) -> String {
        match days {
            1 => self.overdue_by_one.to_owned(),
            days => self.overdue_by.replace("{days}", &days.to_string()),
        }
    }
}

/// The calendar of `occurrences` (the analysis's calendar over `weeks` weeks), of which
/// `left_out` more were cut. Its name and description say the analysis's edition, which
/// is all a calendar app shows of the feed.
pub fn calendar(
    analysis: &Analysis,
    occurrences: &[Occurrence],
    left_out: usize,
    weeks: u16,
    owner: Option<&str>,
) -> String {
    let language = analysis.project.language;
    let words = Words::of(language);
    let edition = i18n::edition(language, analysis.edition);
    let mut about = fill(
        language,
        "calendar_description",
        &[
            ("date", &i18n::date(language, analysis.as_of)),
            ("weeks", &weeks.to_string()),
        ],
    );
    if left_out > 0 {
        about.push_str(&fill(
            language,
            "calendar_capped",
            &[
                ("kept", &occurrences.len().to_string()),
                ("all", &(occurrences.len() + left_out).to_string()),
            ],
        ));
    }
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new(
            "X-WR-CALNAME",
            text(&format!(
                "{} · {}{} · {edition}",
                i18n::label(language, "communication_plan"),
                analysis.project.name,
                owner.map_or_else(String::new, |owner| format!(" · {owner}"))
            )),
        ))
        .append_property(Property::new(
            "X-WR-CALDESC",
            text(&format!("{about} · {edition}")),
        ));
    // The calendar's own lines, then each event as it is made, then its end.
    let mut out = calendar.to_string();
    let end = "END:VCALENDAR\r\n";
    if out.ends_with(end) {
        out.truncate(out.len() - end.len());
    }
    let stamp = naive(analysis.as_of).and_time(NaiveTime::MIN).and_utc();
    for o in occurrences {
        // Calendar titles are short: the short name where the register gives one; the
        // description names the stakeholder in full.
        // A plan item's event is for its whole audience: the title says how many, the
        // description names them.
        let (name, label) = match (&o.stakeholder, analysis.schedule.get(o.touch)) {
            (Some(id), _) => {
                let assessment = analysis.get(id);
                (
                    assessment.map_or(String::new(), |a| a.name.clone()),
                    assessment.map_or(String::new(), |a| {
                        a.short.clone().unwrap_or_else(|| a.name.clone())
                    }),
                )
            }
            (None, Some(item)) => (
                super::audience_names(analysis, &item.audience),
                super::audience_label(analysis, item),
            ),
            (None, None) => (String::new(), String::new()),
        };
        let mut event = Event::new();
        event
            .uid(&uid(o))
            .timestamp(stamp)
            .starts(naive(o.date))
            .ends(naive(o.date.tomorrow().unwrap_or(o.date)))
            .summary(&text(&summary(&words, &label, o)))
            .description(&text(&description(&words, &name, o)))
            // A reminder to get in touch, not time blocked in anyone's diary.
            .add_property("TRANSP", "TRANSPARENT");
        if let Some(owner) = &o.owner {
            event.add_property("CONTACT", text(owner));
        }
        let mut categories: Vec<String> = o.channel.iter().map(|c| text(c)).collect();
        if o.overdue_days > 0 {
            categories.push(words.overdue_category.to_owned());
        }
        if o.suggested {
            categories.push(words.suggested_category.to_owned());
            event.add_property("STATUS", "TENTATIVE");
        }
        if !categories.is_empty() {
            event.categories(categories);
        }
        // Writing to a String cannot fail.
        let _ = event.done().fmt_write(&mut out);
    }
    out.push_str(end);
    out
}

/// `Overdue 17 days: Helen Brandt · Budget report`.
fn summary(words: &Words, name: &str, o: &Occurrence) -> String {
    let what = o
        .content
        .as_deref()
        .or(o.channel.as_deref())
        .unwrap_or(words.touch);
    let mut summary = format!("{name} · {what}");
    if o.suggested {
        summary.push_str(words.suggested);
    }
    if o.overdue_days > 0 {
        summary = format!(
            "{}{}{summary}",
            words.overdue_by(o.overdue_days),
            words.colon
        );
    }
    summary
}

/// One line per fact: stakeholder (or a plan item's audience), content, channel,
/// frequency, owner, due.
fn description(words: &Words, name: &str, o: &Occurrence) -> String {
    let colon = words.colon;
    let who = if o.item.is_some() {
        words.audience
    } else {
        words.stakeholder
    };
    let mut lines = vec![format!("{who}{colon}{name}")];
    if let Some(content) = &o.content {
        lines.push(format!("{}{colon}{content}", words.content));
    }
    if let Some(channel) = &o.channel {
        lines.push(format!("{}{colon}{channel}", words.channel));
    }
    lines.push(format!(
        "{}{colon}{}",
        words.frequency,
        i18n::frequency(words.language, o.frequency)
    ));
    if let Some(owner) = &o.owner {
        lines.push(format!("{}{colon}{owner}", words.owner));
    }
    let mut due = format!("{}{colon}{}", words.due, i18n::date(words.language, o.due));
    if o.overdue_days > 0 {
        due = format!("{due} · {}", words.overdue_by(o.overdue_days));
    }
    lines.push(due);
    if o.suggested {
        lines.push(words.suggested_cadence.to_owned());
    }
    lines.join("\n")
}

/// A stable identifier: the same occurrence of the same touch gets the same `UID` in
/// every build, whatever else changed in the register.
pub fn uid(o: &Occurrence) -> String {
    let mut hash = Fnv1a::default();
    // A plan item's id is marked, so it can never share a stakeholder's events.
    let (whose, kind) = match (&o.stakeholder, &o.item) {
        (Some(id), _) => (
            id.as_str(),
            if o.suggested { "suggested" } else { "planned" },
        ),
        (None, item) => (item.as_deref().unwrap_or(""), "plan-item"),
    };
    for part in [
        whose,
        o.channel.as_deref().unwrap_or(""),
        o.content.as_deref().unwrap_or(""),
        kind,
        &o.repeat.to_string(),
        &o.due.to_string(),
    ] {
        hash.write(part.as_bytes());
        // A separator no text contains, so ("ab", "c") and ("a", "bc") differ.
        hash.write(&[0x1f]);
    }
    format!("{:016x}-{}@stake", hash.0, o.due.strftime("%Y%m%d"))
}

/// FNV-1a, 64 bits: a hash whose value is fixed by its definition, unlike std's
/// `DefaultHasher`, which may change between Rust releases.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn naive(date: Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        date.month().unsigned_abs().into(),
        date.day().unsigned_abs().into(),
    )
    .unwrap_or_default()
}

/// Text as RFC 5545 allows it: line breaks as `\n` (the crate escapes them), no other
/// control characters.
fn text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::calendar::occurrences;
    use crate::analysis::testing::{date, interaction, register, stakeholder};
    use crate::document::Edition;
    use crate::register::model::Touch;
    use crate::register::vocab::Frequency;

    fn touch(content: &str, frequency: Frequency) -> Touch {
        Touch {
            id: None,
            dates: Vec::new(),
            sent: Vec::new(),
            content: Some(content.into()),
            channel: Some("meeting".into()),
            frequency,
            owner: Some("Pat; Lee, PMO".into()),
            starts: Some(date("2026-11-01")),
            line: 4,
        }
    }

    fn ics(content: &str) -> String {
        ics_of(content, Edition::Internal)
    }

    fn ics_of(content: &str, edition: Edition) -> String {
        let mut s = stakeholder("a", 5, 5);
        s.name = "Ann \"A\" Lee".into();
        s.communication = vec![touch(content, Frequency::Weekly)];
        // Kept once, a week before it starts: due on 1 Nov and late since.
        s.interactions = vec![interaction("2026-10-25", Some("meeting"), None)];
        let register = register(vec![s]);
        let mut analysis = analyze(&register, date("2026-11-20"));
        analysis.edition = edition;
        calendar(
            &analysis,
            &occurrences(
                &analysis.schedule,
                analysis.as_of,
                2,
                usize::MAX,
                &Default::default(),
            )
            .0,
            0,
            2,
            None,
        )
    }

    #[test]
    fn the_calendar_names_its_edition() {
        let unfolded = |ics: String| ics.replace("\r\n ", "");
        let internal = unfolded(ics_of("Budget", Edition::Internal));
        assert!(
            internal.contains(
                "X-WR-CALNAME:Communication plan · Test · Internal edition — do not forward\r\n"
            ),
            "{internal}"
        );
        assert!(internal.contains("X-WR-CALDESC:Touches due from 20 Nov 2026 for 2 weeks · Internal edition — do not forward\r\n"));
        let public = unfolded(ics_of("Budget", Edition::Public));
        assert!(public.contains(" · Public edition\r\n"), "{public}");
        assert!(!public.contains("Internal edition"));
    }

    #[test]
    fn events_are_all_day_stamped_with_as_of_and_escaped() {
        let ics = ics("Budget, risks; decisions\r\nand a \u{7} bell");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count(),
            3,
            "catch-up and two weeks"
        );
        assert!(ics.contains("DTSTAMP:20261120T000000Z\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261120\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20261121\r\n"));
        assert!(ics.contains("CONTACT:Pat\\; Lee\\, PMO\r\n"));
        assert!(ics.contains("CATEGORIES:meeting,Overdue\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "SUMMARY:Overdue 19 days: Ann \"A\" Lee · Budget\\, risks\\; decisions\\nand a  bell\r\n"
            ),
            "{unfolded}"
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "folded: {line}");
        }
        assert!(!ics.contains('\u{7}'));
    }

    #[test]
    fn uids_depend_on_the_occurrence_not_on_the_build() {
        let first = ics("Budget");
        let uids: Vec<&str> = first
            .split("\r\n")
            .filter(|l| l.starts_with("UID:"))
            .collect();
        assert_eq!(uids.len(), 3);
        let mut unique = uids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 3);
        assert_eq!(first, ics("Budget"), "same input, same bytes");
        assert!(uids[0].ends_with("-20261101@stake"), "{}", uids[0]);
        let other = ics("Board pack");
        assert!(!other.contains(uids[1]), "another touch, other UIDs");
    }
}
