//! The sentence of each finding, plan flag and talking point in the report's language.
//!
//! Each is made by an exhaustive `match`: a new variant without words fails to compile
//! instead of rendering nothing. The words are the label table's (`t.finding`, `t.flag`,
//! `t.point`), so a user template that composes them itself still finds them. Templates
//! see the sentence as `text` on each item, with `urgent` when the built-in templates
//! set it in bold.

use serde::Serialize;

use super::{Language, date, label};
use crate::analysis::feedback::Flag;
use crate::analysis::findings::{Code, Finding};
use crate::analysis::room::Point;
use crate::register::vocab::{Date, Stance, Vocabulary};

/// An item with its sentence, serialised as the item's own fields plus `text` and
/// `urgent`.
#[derive(Debug, Clone, Serialize)]
pub struct Worded<'a, T> {
    /// The item, as the analysis JSON has it.
    #[serde(flatten)]
    pub item: &'a T,
    /// Its sentence in the report's language.
    pub text: String,
    /// Whether the sentence calls for action now (a broken promise, a declining key
    /// stakeholder touched too seldom): the built-in templates print it in bold.
    pub urgent: bool,
}

/// Every finding with its sentence, in order.
pub fn findings(language: Language, findings: &[Finding]) -> Vec<Worded<'_, Finding>> {
    findings
        .iter()
        .map(|f| Worded {
            item: f,
            text: finding(language, f),
            urgent: false,
        })
        .collect()
}

/// Every flag with its sentence, in order.
pub fn flags(language: Language, flags: &[Flag]) -> Vec<Worded<'_, Flag>> {
    flags
        .iter()
        .map(|f| Worded {
            item: f,
            text: flag(language, f),
            urgent: matches!(f, Flag::UnderContacted { .. }),
        })
        .collect()
}

/// Every talking point with its sentence, in order; `name` gives a stakeholder's name
/// from an id.
pub fn points<'a>(
    language: Language,
    points: &'a [Point],
    name: &dyn Fn(&str) -> String,
) -> Vec<Worded<'a, Point>> {
    points
        .iter()
        .map(|p| Worded {
            item: p,
            text: point(language, p, name),
            urgent: matches!(p, Point::OverduePromise { .. }),
        })
        .collect()
}

/// A finding as one sentence, e.g. "Follow-up 3 days overdue: send the minutes".
pub fn finding(language: Language, f: &Finding) -> String {
    let one = f.days == Some(1);
    let never = f.days.is_none();
    let key = match f.code {
        Code::FollowUpOverdue if one => "finding.follow-up-overdue-one",
        Code::FollowUpOverdue => "finding.follow-up-overdue",
        Code::KeySilent if never => "finding.key-silent-never",
        Code::KeySilent => "finding.key-silent",
        Code::DecliningSentiment => "finding.declining-sentiment",
        Code::KeyGapWithoutAction => "finding.key-gap-without-action",
        Code::KeyWithoutOwner => "finding.key-without-owner",
        Code::KeyWithoutPlan => "finding.key-without-plan",
        Code::TouchOverdue if one => "finding.touch-overdue-one",
        Code::TouchOverdue => "finding.touch-overdue",
        Code::TouchUnrecorded => "finding.touch-unrecorded",
        Code::PlanItemOverdue if one => "finding.plan-item-overdue-one",
        Code::PlanItemOverdue => "finding.plan-item-overdue",
        Code::PlanItemUnrecorded => "finding.plan-item-unrecorded",
        Code::Silent if never => "finding.silent-never",
        Code::Silent => "finding.silent",
        Code::ReviewOverdue if one => "finding.review-overdue-one",
        Code::ReviewOverdue => "finding.review-overdue",
    };
    // The subject is a touch, an action or the review date, which is written as dates are.
    let subject = f
        .subject
        .as_deref()
        .map_or(String::new(), |s| written(language, s));
    fill(
        label(language, key),
        &[
            ("days", &f.days.unwrap_or(0).to_string()),
            ("subject", &subject),
        ],
    )
}

/// A plan flag as one line, e.g. "Silent for 45 days".
pub fn flag(language: Language, flag: &Flag) -> String {
    let l = |key| label(language, key);
    match flag {
        Flag::UnderContacted {
            planned_days,
            cadence_days,
            since_contact_days,
        } => {
            let mut text = fill(
                l("flag.under-contacted"),
                &[("cadence", &cadence_days.to_string())],
            );
            text.push_str(l("lparen"));
            match planned_days {
                Some(days) => text.push_str(&fill(
                    l("flag.planned-every"),
                    &[("days", &days.to_string())],
                )),
                None => text.push_str(l("flag.no-dated-touch")),
            }
            match since_contact_days {
                Some(1) => {
                    text.push_str(l("sep"));
                    text.push_str(l("flag.last-contact-one"));
                }
                Some(days) => {
                    text.push_str(l("sep"));
                    text.push_str(&fill(
                        l("flag.last-contact"),
                        &[("days", &days.to_string())],
                    ));
                }
                None => {}
            }
            text.push_str(l("rparen"));
            text
        }
        Flag::Silent { days: Some(days) } => fill(l("flag.silent"), &[("days", &days.to_string())]),
        Flag::Silent { days: None } => l("flag.silent-never").to_owned(),
        Flag::OverContacted {
            contacts,
            limit,
            window_days,
        } => fill(
            l("flag.over-contacted"),
            &[
                ("contacts", &contacts.to_string()),
                ("window", &window_days.to_string()),
                ("limit", &limit.to_string()),
            ],
        ),
    }
}

/// A talking point as one line, e.g. "Report progress on: the budget (due 4 Dec 2026)".
pub fn point(language: Language, point: &Point, name: &dyn Fn(&str) -> String) -> String {
    let l = |key| label(language, key);
    // What the register adds after the point: a note, the last summary, a need.
    let with = |mut text: String, joint: &str, extra: Option<&str>| {
        if let Some(extra) = extra.filter(|e| !e.is_empty()) {
            text.push_str(joint);
            text.push_str(extra);
        }
        text
    };
    match point {
        Point::OverduePromise { action, due, days } => fill(
            l(if *days == 1 {
                "point.overdue-promise-one"
            } else {
                "point.overdue-promise"
            }),
            &[
                ("action", action),
                ("due", &date(language, *due)),
                ("days", &days.to_string()),
            ],
        ),
        Point::Concern {
            issue,
            stance,
            note,
        } => {
            let key = match stance {
                Stance::Oppose => "point.concern-oppose",
                Stance::Mixed => "point.concern-mixed",
                // The room raises only opposition and doubt; anything else is asked about.
                Stance::Support | Stance::Neutral => "point.concern-other",
            };
            let text = fill(l(key), &[("issue", issue)]);
            with(text, l("colon"), note.as_deref())
        }
        Point::Declining { satisfaction, last } => {
            let text = match satisfaction {
                Some(s) => fill(l("point.declining"), &[("satisfaction", &s.to_string())]),
                None => l("point.declining-unscored").to_owned(),
            };
            with(text, l("colon"), last.as_deref())
        }
        Point::Gap {
            current,
            desired,
            need,
        } => {
            let level = |e: &crate::register::vocab::EngagementLevel| {
                label(language, &format!("engagement_level.{}", e.as_str()))
            };
            let text = fill(
                l("point.gap"),
                &[("current", level(current)), ("desired", level(desired))],
            );
            match need.as_deref().filter(|n| !n.is_empty()) {
                Some(need) => format!(
                    "{text}{}{}{}{need}",
                    l("semicolon"),
                    l("point.need"),
                    l("colon")
                ),
                None => text,
            }
        }
        Point::Silent { days: Some(days) } => {
            fill(l("point.silent"), &[("days", &days.to_string())])
        }
        Point::Silent { days: None } => l("point.silent-never").to_owned(),
        Point::OverdueTouch {
            content,
            channel,
            days,
        } => {
            let text = if *days == 1 {
                l("point.overdue-touch-one").to_owned()
            } else {
                fill(l("point.overdue-touch"), &[("days", &days.to_string())])
            };
            let what = content
                .as_deref()
                .or(channel.as_deref())
                .unwrap_or(l("touch"));
            with(text, l("colon"), Some(what))
        }
        Point::Conflict { with: other, note } => {
            let text = fill(l("point.conflict"), &[("with", &name(other))]);
            with(text, l("colon"), note.as_deref())
        }
        Point::Supporter { issues } => {
            fill(l("point.supporter"), &[("issues", &issues.join(l("sep")))])
        }
        Point::OpenPromise { action, due } => {
            let text = fill(l("point.open-promise"), &[("action", action)]);
            match due {
                Some(due) => format!(
                    "{text}{}{}{}",
                    l("lparen"),
                    fill(l("point.due"), &[("due", &date(language, *due))]),
                    l("rparen")
                ),
                None => text,
            }
        }
    }
}

/// An ISO date as the language writes it; other text as it is.
fn written(language: Language, text: &str) -> String {
    Date::parse(text).map_or_else(|| text.to_owned(), |d| date(language, d))
}

/// `words` with each `{name}` replaced by its value, in one pass: a value is never read
/// for placeholders, so a promise that mentions `{days}` stays as written.
pub(crate) fn fill(words: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(words.len() + 32);
    let mut rest = words;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::findings::Severity;
    use crate::register::vocab::EngagementLevel;

    fn finding(code: Code, days: Option<u32>, subject: Option<&str>) -> Finding {
        Finding {
            severity: Severity::High,
            code,
            message: String::new(),
            stakeholder: Some("ann".into()),
            plan_item: None,
            meeting: None,
            file: "ann.md".into(),
            line: 1,
            urgency: 60,
            days,
            subject: subject.map(str::to_owned),
            inputs: Default::default(),
        }
    }

    /// Worded, without a placeholder left, in both languages.
    fn assert_worded(text: &str, what: &str) {
        assert!(!text.is_empty(), "{what}: empty");
        assert!(!text.contains('{'), "{what}: {text}");
    }

    #[test]
    fn every_finding_is_worded_in_both_languages() {
        let codes = [
            Code::FollowUpOverdue,
            Code::KeySilent,
            Code::DecliningSentiment,
            Code::KeyGapWithoutAction,
            Code::KeyWithoutOwner,
            Code::KeyWithoutPlan,
            Code::TouchOverdue,
            Code::TouchUnrecorded,
            Code::Silent,
            Code::ReviewOverdue,
        ];
        for language in [Language::En, Language::ZhCn] {
            for code in codes {
                for days in [None, Some(1), Some(12)] {
                    let f = finding(code, days, Some("2026-11-02"));
                    assert_worded(&super::finding(language, &f), code.as_str());
                }
            }
        }
        let f = finding(Code::ReviewOverdue, Some(1), Some("2026-11-19"));
        assert_eq!(
            super::finding(Language::En, &f),
            "Review was due 19 Nov 2026, 1 day ago"
        );
        let f = finding(Code::KeySilent, None, None);
        assert_eq!(super::finding(Language::ZhCn, &f), "无往来记录");
    }

    #[test]
    fn every_flag_is_worded_in_both_languages() {
        let flags = [
            Flag::UnderContacted {
                planned_days: Some(42),
                cadence_days: 30,
                since_contact_days: Some(1),
            },
            Flag::UnderContacted {
                planned_days: None,
                cadence_days: 30,
                since_contact_days: None,
            },
            Flag::Silent { days: Some(50) },
            Flag::Silent { days: None },
            Flag::OverContacted {
                contacts: 9,
                limit: 4,
                window_days: 30,
            },
        ];
        for language in [Language::En, Language::ZhCn] {
            for f in &flags {
                assert_worded(&flag(language, f), &format!("{f:?}"));
            }
        }
        assert_eq!(
            flag(Language::En, &flags[0]),
            "Declining, and touched less often than the quadrant's cadence of every 30 days (plan: every 42 days, last contact 1 day ago)"
        );
        let worded = flags_of(&flags);
        assert!(worded[0].urgent && !worded[2].urgent);
    }

    fn flags_of(f: &[Flag]) -> Vec<Worded<'_, Flag>> {
        flags(Language::En, f)
    }

    #[test]
    fn every_point_is_worded_in_both_languages() {
        let due = jiff::civil::date(2026, 11, 12);
        let points = [
            Point::OverduePromise {
                action: "Send {days} figures".into(),
                due,
                days: 8,
            },
            Point::Concern {
                issue: "Go-live date".into(),
                stance: Stance::Oppose,
                note: Some("too early".into()),
            },
            Point::Concern {
                issue: "Go-live date".into(),
                stance: Stance::Neutral,
                note: None,
            },
            Point::Declining {
                satisfaction: Some(2),
                last: None,
            },
            Point::Gap {
                current: EngagementLevel::Resistant,
                desired: EngagementLevel::Supportive,
                need: Some("a fallback plan".into()),
            },
            Point::Silent { days: None },
            Point::OverdueTouch {
                content: None,
                channel: None,
                days: 1,
            },
            Point::Conflict {
                with: "bob".into(),
                note: None,
            },
            Point::Supporter {
                issues: vec!["A".into(), "B".into()],
            },
            Point::OpenPromise {
                action: "Share the plan".into(),
                due: Some(due),
            },
        ];
        let name = |id: &str| format!("Name of {id}");
        for language in [Language::En, Language::ZhCn] {
            for p in &points {
                let text = point(language, p, &name);
                // The promise itself may hold braces; the words around it may not.
                assert_worded(&text.replace("{days}", ""), &format!("{p:?}"));
            }
        }
        let en = |p: &Point| point(Language::En, p, &name);
        assert_eq!(
            en(&points[0]),
            "Overdue promise: Send {days} figures (due 12 Nov 2026, 8 days late). Deliver it or give a firm date.",
            "a value is not read for placeholders"
        );
        assert_eq!(
            en(&points[7]),
            "In conflict with Name of bob, who is in the room"
        );
        assert_eq!(
            en(&points[4]),
            "Close the engagement gap from Resistant to Supportive; start from their need: a fallback plan"
        );
        assert_eq!(
            point(Language::ZhCn, &points[9], &name),
            "通报进展：Share the plan（2026年11月12日 到期）"
        );
    }
}
