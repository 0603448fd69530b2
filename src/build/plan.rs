//! The communication plan of a build: its calendar and feedback laid out for the
//! templates (the variable `plan`), and its `.ics` and `.csv` exports.
//!
//! `plan` holds (dates `YYYY-MM-DD`, enumerations as in the analysis JSON):
//!
//! - `horizon_weeks`, `from` and `until`: the calendar's first and last day;
//! - `weeks`: per week of the horizon, Monday to Sunday (the first and last clipped to
//!   the horizon), its `first` and `last` day, `count` (of occurrences), and the touches
//!   due in it by owner, `owners: [{owner, touches}]`, each touch with its `dates` in
//!   the week (a daily touch is one row of seven dates), `first`, `last` and the
//!   occurrence's fields (catch-ups are not in any week);
//! - `occurrences`: every touch due in the horizon, catch-ups of overdue touches first
//!   (`date`, `due`, `week`, `stakeholder`, `content`, `channel`, `frequency`, `owner`,
//!   `overdue_days`, `suggested`), and `overdue`, the catch-ups alone;
//! - `owners`: per owner (`null` for touches nobody owns, last) the catch-ups
//!   (`overdue`), the touches due per week (`weeks`) and in all (`total`);
//! - `quadrants`: per quadrant of the grid (`quadrant`, `strategy`) the planned touches
//!   by owner, `owners: [{owner, rows}]`, each row a touch of the schedule with the
//!   stakeholder's `name` and `last_contact`, and `next_due` for its date;
//! - `feedback`: per stakeholder `stakeholder`, `name`, `key`, `quadrant`,
//!   `satisfaction`, `trend`, `follow_ups` and `flags` (shape in
//!   `analysis::feedback`), the flagged ones first;
//! - `counts`: `touches`, `suggested`, `overdue`, `occurrences`, `flagged`,
//!   `open_follow_ups`;
//! - `rules`: the feedback flags' limits, `over_contact_window_days`,
//!   `over_contact_factor`, `over_contact_min`.

use std::collections::BTreeMap;

use serde_json::{Value as Json, json};

use crate::analysis::calendar::{self, Occurrence};
use crate::analysis::feedback::{self, Feedback};
use crate::analysis::{Analysis, grid::Strategy};
use crate::export;
use crate::register::Register;
use crate::register::vocab::Quadrant;

/// Groups by owner sort by name, with touches nobody owns last.
type OwnerKey<'a> = (bool, Option<&'a str>);

fn owner_key(owner: &Option<String>) -> OwnerKey<'_> {
    (owner.is_none(), owner.as_deref())
}

/// The calendar and feedback of one build.
pub struct Plan {
    /// The horizon, in weeks.
    pub weeks: u16,
    /// Every touch due in the horizon.
    pub occurrences: Vec<Occurrence>,
    /// Per stakeholder, in id order.
    pub feedback: Vec<Feedback>,
}

impl Plan {
    /// The plan of an analysed register over `weeks` weeks.
    pub fn new(register: &Register, analysis: &Analysis, weeks: u16) -> Plan {
        Plan {
            weeks,
            occurrences: calendar::occurrences(&analysis.schedule, analysis.as_of, weeks),
            feedback: feedback::feedback(register, analysis),
        }
    }

    /// `communication-plan.ics`.
    pub fn ics(&self, analysis: &Analysis) -> String {
        export::ics::calendar(analysis, &self.occurrences, self.weeks)
    }

    /// `communication-plan.csv`.
    pub fn csv(&self, analysis: &Analysis) -> Result<Vec<u8>, String> {
        export::csv::plan(analysis, &self.occurrences, self.weeks)
    }

    /// The template variable `plan`.
    pub fn context(&self, analysis: &Analysis) -> Json {
        let as_of = analysis.as_of;
        let weeks = calendar::weeks(as_of, self.weeks);
        let until = weeks.last().map_or(as_of, |&(_, last)| last);

        let mut owners: BTreeMap<OwnerKey<'_>, (u32, Vec<u32>)> = BTreeMap::new();
        for o in &self.occurrences {
            let (overdue, per_week) = owners
                .entry(owner_key(&o.owner))
                .or_insert_with(|| (0, vec![0; weeks.len()]));
            if o.overdue_days > 0 {
                *overdue += 1;
            } else if let Some(n) = per_week.get_mut(usize::from(o.week)) {
                *n += 1;
            }
        }
        let owners: Vec<Json> = owners
            .into_iter()
            .map(|((_, owner), (overdue, per_week))| {
                let total = overdue + per_week.iter().sum::<u32>();
                json!({ "owner": owner, "overdue": overdue, "weeks": per_week, "total": total })
            })
            .collect();

        let mut quadrants: BTreeMap<Quadrant, BTreeMap<OwnerKey<'_>, Vec<Json>>> = BTreeMap::new();
        for touch in &analysis.schedule {
            let Some(a) = analysis.get(&touch.stakeholder) else {
                continue;
            };
            let row = json!({
                "stakeholder": a.id,
                "name": a.name,
                "content": touch.content,
                "channel": touch.channel,
                "frequency": touch.frequency,
                "owner": touch.owner,
                "last_contact": a.last_contact,
                "next_due": touch.date,
                "overdue_days": touch.overdue_days,
                "suggested": touch.suggested,
            });
            quadrants
                .entry(a.quadrant)
                .or_default()
                .entry(owner_key(&touch.owner))
                .or_default()
                .push(row);
        }
        let quadrants: Vec<Json> = quadrants
            .into_iter()
            .map(|(quadrant, by_owner)| {
                let owners: Vec<Json> = by_owner
                    .into_iter()
                    .map(|((_, owner), mut rows)| {
                        // By stakeholder, then as scheduled (by next due date).
                        rows.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
                        json!({ "owner": owner, "rows": rows })
                    })
                    .collect();
                json!({
                    "quadrant": quadrant,
                    "strategy": Strategy::from(quadrant),
                    "owners": owners,
                })
            })
            .collect();

        let mut feedback: Vec<(&Feedback, Json)> = self
            .feedback
            .iter()
            .filter_map(|f| {
                let a = analysis.get(&f.stakeholder)?;
                let mut row = serde_json::to_value(f).ok()?;
                row["name"] = json!(a.name);
                row["key"] = json!(a.key);
                row["quadrant"] = json!(a.quadrant);
                Some((f, row))
            })
            .collect();
        // What needs changing first: flags, then promises broken, then key stakeholders.
        feedback.sort_by_key(|(f, row)| {
            (
                f.flags.is_empty(),
                !f.follow_ups.iter().any(|u| u.overdue_days > 0),
                row["key"] != json!(true),
            )
        });
        let flagged = self.feedback.iter().filter(|f| !f.flags.is_empty()).count();
        let open_follow_ups: usize = self.feedback.iter().map(|f| f.follow_ups.len()).sum();

        let overdue: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| o.overdue_days > 0)
            .collect();
        let mut by_week: Vec<BTreeMap<OwnerKey<'_>, Vec<&Occurrence>>> =
            vec![BTreeMap::new(); weeks.len()];
        for o in self.occurrences.iter().filter(|o| o.overdue_days == 0) {
            if let Some(week) = by_week.get_mut(usize::from(o.week)) {
                week.entry(owner_key(&o.owner)).or_default().push(o);
            }
        }
        let weeks: Vec<Json> = weeks
            .iter()
            .zip(by_week)
            .map(|((first, last), owners)| {
                let count: usize = owners.values().map(Vec::len).sum();
                let owners: Vec<Json> = owners
                    .into_iter()
                    .map(|((_, owner), occurrences)| {
                        json!({ "owner": owner, "touches": touches_of_week(&occurrences) })
                    })
                    .collect();
                json!({ "first": first, "last": last, "count": count, "owners": owners })
            })
            .collect();
        json!({
            "horizon_weeks": self.weeks,
            "from": as_of,
            "until": until,
            "weeks": weeks,
            "occurrences": self.occurrences,
            "overdue": overdue,
            "owners": owners,
            "quadrants": quadrants,
            "feedback": feedback.into_iter().map(|(_, row)| row).collect::<Vec<_>>(),
            "counts": {
                "touches": analysis.schedule.len(),
                "suggested": analysis.schedule.iter().filter(|t| t.suggested).count(),
                "overdue": overdue.len(),
                "occurrences": self.occurrences.len(),
                "flagged": flagged,
                "open_follow_ups": open_follow_ups,
            },
            "rules": {
                "over_contact_window_days": feedback::OVER_CONTACT_WINDOW_DAYS,
                "over_contact_factor": feedback::OVER_CONTACT_FACTOR,
                "over_contact_min": feedback::OVER_CONTACT_MIN,
            },
        })
    }
}

/// The occurrences of one owner in one week as one row per touch, in the order of their
/// first date.
fn touches_of_week(occurrences: &[&Occurrence]) -> Vec<Json> {
    let mut rows: Vec<(usize, Vec<&Occurrence>)> = Vec::new();
    for &o in occurrences {
        match rows.iter_mut().find(|(touch, _)| *touch == o.touch) {
            Some((_, dates)) => dates.push(o),
            None => rows.push((o.touch, vec![o])),
        }
    }
    rows.into_iter()
        .filter_map(|(_, all)| {
            let (first, last) = (all.first()?, all.last()?);
            let mut row = serde_json::to_value(first).ok()?;
            row["dates"] = json!(all.iter().map(|o| o.date).collect::<Vec<_>>());
            row["first"] = json!(first.date);
            row["last"] = json!(last.date);
            Some(row)
        })
        .collect()
}
