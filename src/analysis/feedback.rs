//! Feedback and adjustment: per stakeholder the latest satisfaction, its trend, the
//! open follow-ups, and flags where the communication plan no longer fits.
//!
//! Flags (documented in `docs/communication-plan.md`):
//!
//! - **under-contacted**: a key stakeholder whose sentiment is declining and who hears
//!   from the project less often than the quadrant's cadence: the plan's most frequent
//!   dated touch is sparser than the cadence (or there is none), or the last contact is
//!   longer ago than one cadence interval.
//! - **silent**: no interaction for `silent_after_days`, or never.
//! - **over-contacted**: more interactions in the last [`OVER_CONTACT_WINDOW_DAYS`] days
//!   than [`OVER_CONTACT_FACTOR`] times the touches the plan calls for in that time, and
//!   never fewer than [`OVER_CONTACT_MIN`]: a stakeholder planned for a monthly report
//!   who was contacted four times in four weeks is being worn out.

use std::collections::HashMap;

use serde::Serialize;

use super::sentiment::Trend;
use super::{Analysed, Analysis, Assessment, days_between, schedule};
use crate::register::Stakeholder;
use crate::register::vocab::Date;

/// The days looked back on to count contacts for over-contact.
pub const OVER_CONTACT_WINDOW_DAYS: u32 = 28;

/// How many times the planned touches a window may hold before it is over-contact.
pub const OVER_CONTACT_FACTOR: u32 = 2;

/// The fewest contacts in the window that can be over-contact, so that a quarterly
/// plan does not flag a second call in a month.
pub const OVER_CONTACT_MIN: u32 = 3;

/// How one stakeholder responds, and whether the plan still fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feedback {
    /// The stakeholder's id.
    pub stakeholder: String,
    /// The latest sentiment on the 1–5 satisfaction scale.
    pub satisfaction: Option<u8>,
    /// Its direction.
    pub trend: Option<Trend>,
    /// Promises not kept yet, the earliest due first (undated last).
    pub follow_ups: Vec<OpenFollowUp>,
    /// Where the plan no longer fits.
    pub flags: Vec<Flag>,
}

/// A follow-up that is not done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenFollowUp {
    /// What was promised.
    pub action: String,
    /// By when.
    pub due: Option<Date>,
    /// Days past due (0 when not late or undated).
    pub overdue_days: u32,
    /// The interaction it was promised in.
    pub promised: Date,
    /// Who promised it.
    pub by: Option<String>,
}

/// A sign that the communication plan no longer fits a stakeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Flag {
    /// Declining and key, yet touched less often than the quadrant's cadence.
    UnderContacted {
        /// Days between the plan's most frequent dated touches; `None` without one.
        planned_days: Option<u32>,
        /// Days between touches in the quadrant's cadence.
        cadence_days: u32,
        /// Days since the last contact; `None` when never.
        since_contact_days: Option<u32>,
    },
    /// No contact for `silent_after_days`, or never.
    Silent {
        /// Days since the last contact; `None` when never.
        days: Option<u32>,
    },
    /// More contacts lately than the plan calls for.
    OverContacted {
        /// Interactions in the window.
        contacts: u32,
        /// The most the window may hold.
        limit: u32,
        /// The window, in days.
        window_days: u32,
    },
}

/// The feedback of every stakeholder, in the analysis's order (by id).
pub fn feedback(view: &Analysed<'_>) -> Vec<Feedback> {
    // The rhythms of the plan items each stakeholder is in (format v2): planned
    // communication to them as much as their own touches.
    let mut items: HashMap<&str, Vec<u32>> = HashMap::new();
    for t in view.analysis.schedule.iter().filter(|t| t.item.is_some()) {
        if let Some(days) = t.frequency.approx_days() {
            for id in &t.audience {
                items.entry(id.as_str()).or_default().push(days);
            }
        }
    }
    view.iter()
        .map(|(s, a)| {
            let items = items.get(s.id.as_str()).map_or(&[][..], Vec::as_slice);
            one(s, a, view.analysis, items)
        })
        .collect()
}

/// The feedback of the stakeholder with this id (`feedback` is in id order, as made).
pub fn of<'a>(feedback: &'a [Feedback], id: &str) -> Option<&'a Feedback> {
    feedback
        .binary_search_by(|f| f.stakeholder.as_str().cmp(id))
        .ok()
        .map(|i| &feedback[i])
}

/// `items`: the days between occurrences of the plan items the stakeholder is in.
fn one(s: &Stakeholder, a: &Assessment, analysis: &Analysis, items: &[u32]) -> Feedback {
    let as_of = analysis.as_of;
    let seen = schedule::seen(&s.interactions, as_of);
    let mut follow_ups: Vec<OpenFollowUp> = seen
        .iter()
        .flat_map(|i| i.follow_ups.iter().filter(|f| !f.done).map(move |f| (i, f)))
        .map(|(i, f)| OpenFollowUp {
            action: f.action.clone(),
            due: f.due,
            overdue_days: f
                .due
                .map_or(0, |due| days_between(due, as_of).max(0) as u32),
            promised: i.date,
            // A meeting's follow-up names who does it; a file's is the interaction's.
            by: f.owner.clone().or_else(|| i.by.clone()),
        })
        .collect();
    follow_ups.sort_by_key(|f| (f.due.is_none(), f.due));

    let since_contact = a
        .last_contact
        .map(|last| days_between(last, as_of).max(0) as u32);
    let cadence_days = analysis
        .project
        .cadence
        .get(&a.quadrant)
        .and_then(|c| c.frequency.approx_days());
    // Without a plan (of their own or an item's) the quadrant's cadence is suggested:
    // that is the plan.
    let planned: Vec<u32> = if s.communication.is_empty() && items.is_empty() {
        cadence_days.into_iter().collect()
    } else {
        s.communication
            .iter()
            .filter_map(|t| t.frequency.approx_days())
            .chain(items.iter().copied())
            .collect()
    };
    let planned_days = planned.iter().copied().min();

    let mut flags = Vec::new();
    if let Some(cadence_days) = cadence_days
        && a.key
        && a.sentiment_trend == Some(Trend::Declining)
    {
        let plan_sparser = planned_days.is_none_or(|days| days > cadence_days);
        let contact_late = since_contact.is_none_or(|days| days > cadence_days);
        if plan_sparser || contact_late {
            flags.push(Flag::UnderContacted {
                planned_days,
                cadence_days,
                since_contact_days: since_contact,
            });
        }
    }
    if a.silent {
        flags.push(Flag::Silent {
            days: since_contact,
        });
    }
    let window = OVER_CONTACT_WINDOW_DAYS;
    let contacts = seen
        .iter()
        .filter(|i| days_between(i.date, as_of) < i64::from(window))
        .count() as u32;
    let limit = over_contact_limit(&planned, window);
    if contacts > limit {
        flags.push(Flag::OverContacted {
            contacts,
            limit,
            window_days: window,
        });
    }

    Feedback {
        stakeholder: s.id.clone(),
        satisfaction: a.satisfaction,
        trend: a.sentiment_trend,
        follow_ups,
        flags,
    }
}

/// The most contacts a window of `window` days may hold for touches every `planned`
/// days.
fn over_contact_limit(planned: &[u32], window: u32) -> u32 {
    let expected: f64 = planned
        .iter()
        .map(|&days| f64::from(window) / f64::from(days.max(1)))
        .sum();
    ((f64::from(OVER_CONTACT_FACTOR) * expected).ceil() as u32).max(OVER_CONTACT_MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::analysis::testing::{date, interaction, register, stakeholder};
    use crate::register::model::{FollowUp, Touch};
    use crate::register::vocab::{Frequency, Tone};

    const AS_OF: &str = "2026-11-20";

    fn feedback_of(s: Stakeholder) -> Feedback {
        let register = register(vec![s]);
        let analysis = analyze(&register, date(AS_OF));
        feedback(&Analysed::new(&register, &analysis)).remove(0)
    }

    fn plan(frequency: Frequency) -> Touch {
        Touch {
            id: None,
            dates: Vec::new(),
            sent: Vec::new(),
            content: None,
            channel: Some("meeting".into()),
            frequency,
            owner: None,
            starts: None,
            line: 5,
        }
    }

    fn declining(s: &mut Stakeholder, last: &str) {
        s.interactions = vec![
            interaction("2026-06-01", Some("call"), Some(Tone::Positive)),
            interaction("2026-07-01", Some("call"), Some(Tone::Neutral)),
            interaction(last, Some("call"), Some(Tone::Negative)),
        ];
    }

    #[test]
    fn a_declining_key_stakeholder_on_a_sparse_plan_is_under_contacted() {
        // Manage closely: the built-in cadence is weekly.
        let mut s = stakeholder("a", 5, 5);
        s.communication = vec![plan(Frequency::Monthly), plan(Frequency::AdHoc)];
        declining(&mut s, "2026-11-18");
        let flags = feedback_of(s).flags;
        assert_eq!(
            flags,
            [Flag::UnderContacted {
                planned_days: Some(30),
                cadence_days: 7,
                since_contact_days: Some(2)
            }]
        );
    }

    #[test]
    fn a_plan_item_is_the_plan_of_its_audience() {
        use crate::register::model::{Audience, PlanItem};
        // No touch of her own, but a monthly report to her tag: that is her plan (every
        // 30 days, sparser than the weekly cadence), not the suggested cadence.
        let mut s = stakeholder("a", 5, 5);
        s.tags = vec!["board".into()];
        declining(&mut s, "2026-11-18");
        let mut register = register(vec![s]);
        register.project.communications = vec![PlanItem {
            id: "board-report".into(),
            touch: Touch {
                id: Some("board-report".into()),
                ..plan(Frequency::Monthly)
            },
            audience: Audience {
                tags: vec!["board".into()],
                ..Audience::default()
            },
        }];
        let analysis = analyze(&register, date(AS_OF));
        let flags = feedback(&Analysed::new(&register, &analysis))
            .remove(0)
            .flags;
        assert_eq!(
            flags,
            [Flag::UnderContacted {
                planned_days: Some(30),
                cadence_days: 7,
                since_contact_days: Some(2)
            }]
        );
    }

    #[test]
    fn a_fitting_plan_is_not_flagged_unless_contact_lapsed() {
        let mut s = stakeholder("a", 5, 5);
        s.communication = vec![plan(Frequency::Weekly)];
        declining(&mut s, "2026-11-18");
        assert!(feedback_of(s.clone()).flags.is_empty());
        declining(&mut s, "2026-11-01");
        assert_eq!(
            feedback_of(s).flags,
            [Flag::UnderContacted {
                planned_days: Some(7),
                cadence_days: 7,
                since_contact_days: Some(19)
            }]
        );
    }

    #[test]
    fn only_key_and_declining_count_for_under_contact() {
        // Monitor: not key.
        let mut low = stakeholder("a", 1, 1);
        low.communication = vec![plan(Frequency::Yearly)];
        declining(&mut low, "2026-11-18");
        assert!(feedback_of(low).flags.is_empty());
        let mut steady = stakeholder("b", 5, 5);
        steady.communication = vec![plan(Frequency::Yearly)];
        steady.interactions = vec![
            interaction("2026-11-01", Some("call"), Some(Tone::Positive)),
            interaction("2026-11-18", Some("call"), Some(Tone::Positive)),
        ];
        assert!(feedback_of(steady).flags.is_empty());
    }

    #[test]
    fn silent_stakeholders_are_flagged_with_the_days() {
        let never = stakeholder("a", 2, 2);
        assert_eq!(feedback_of(never).flags, [Flag::Silent { days: None }]);
        let mut quiet = stakeholder("b", 2, 2);
        quiet.interactions = vec![interaction("2026-09-01", None, None)];
        assert_eq!(feedback_of(quiet).flags, [Flag::Silent { days: Some(80) }]);
    }

    #[test]
    fn over_contact_is_more_than_twice_the_plan_and_at_least_three() {
        assert_eq!(over_contact_limit(&[91], 28), 3);
        assert_eq!(over_contact_limit(&[7], 28), 8);
        assert_eq!(over_contact_limit(&[7, 14], 28), 12);
        assert_eq!(over_contact_limit(&[], 28), 3);

        // Monitor, planned quarterly: four contacts in four weeks is one too many.
        let mut s = stakeholder("a", 1, 1);
        s.communication = vec![plan(Frequency::Quarterly)];
        s.interactions = [
            "2026-10-20",
            "2026-10-24",
            "2026-11-02",
            "2026-11-10",
            "2026-11-20",
        ]
        .iter()
        .map(|d| interaction(d, Some("call"), None))
        .collect();
        assert_eq!(
            feedback_of(s.clone()).flags,
            [Flag::OverContacted {
                contacts: 4,
                limit: 3,
                window_days: 28
            }],
            "2026-10-20 is 31 days back, outside the window"
        );
        s.interactions.pop();
        assert!(feedback_of(s).flags.is_empty());
    }

    #[test]
    fn open_follow_ups_earliest_due_first_with_days_late() {
        let mut s = stakeholder("a", 3, 3);
        let promise = |date: &str, action: &str, due: Option<&str>, done: bool| {
            let mut i = interaction(date, Some("call"), None);
            i.follow_ups = vec![FollowUp {
                action: action.into(),
                due: due.map(crate::analysis::testing::date),
                done,
                owner: None,
            }];
            i.by = Some("Pat".into());
            i
        };
        s.interactions = vec![
            promise("2026-10-01", "undated", None, false),
            promise("2026-10-02", "kept", Some("2026-10-10"), true),
            promise("2026-10-03", "late", Some("2026-11-10"), false),
            promise("2026-11-19", "soon", Some("2026-11-30"), false),
            promise("2026-12-01", "not yet promised", Some("2026-12-05"), false),
        ];
        let follow_ups = feedback_of(s).follow_ups;
        let summary: Vec<(&str, u32)> = follow_ups
            .iter()
            .map(|f| (f.action.as_str(), f.overdue_days))
            .collect();
        assert_eq!(summary, [("late", 10), ("soon", 0), ("undated", 0)]);
        assert_eq!(follow_ups[0].promised, date("2026-10-03"));
        assert_eq!(follow_ups[0].by.as_deref(), Some("Pat"));
    }
}
