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
//! - `overdue`: the catch-ups of overdue touches, the longest overdue first, each an
//!   occurrence (`date`, `due`, `week`, `stakeholder`, `content`, `channel`,
//!   `frequency`, `owner`, `overdue_days`, `suggested`);
//! - `owners`: per owner (`null` for touches nobody owns, last) the catch-ups
//!   (`overdue`), the touches due per week (`weeks`) and in all (`total`);
//! - `quadrants`: per quadrant of the grid (`quadrant`, `strategy`) the planned touches
//!   by owner, `owners: [{owner, rows}]`, each row a touch of the schedule with the
//!   stakeholder's `name`, `last_contact` (the last interaction through the touch's
//!   channel, from which it is counted) and `next_due` for its date;
//! - `feedback`: per stakeholder `stakeholder`, `name`, `key`, `quadrant`,
//!   `satisfaction`, `trend`, `follow_ups` and `flags` (shape in
//!   `analysis::feedback`, each flag with its sentence as `text`), the flagged ones first;
//! - `counts`: `touches`, `suggested`, `overdue`, `unrecorded` (due with no record yet),
//!   `occurrences`, `flagged`,
//!   `open_follow_ups`;
//! - `rules`: the feedback flags' limits, `over_contact_window_days`,
//!   `over_contact_factor`, `over_contact_min`.
//!
//! The view borrows from the analysis and is serialised once, straight into the
//! template context: a register of 10,000 stakeholders has some 30,000 occurrences.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::calendar::{self, Occurrence};
use crate::analysis::feedback::{self, Feedback};
use crate::analysis::schedule::ScheduledTouch;
use crate::analysis::{Analysis, grid::Strategy};
use crate::export;
use crate::i18n::{self, text::Worded};
use crate::register::Meeting;
use crate::register::model::{Holiday, WorkCalendar};
use crate::register::vocab::{Date, Frequency, Quadrant};

/// Groups by owner sort by name, with touches nobody owns last.
type OwnerKey<'a> = (bool, Option<&'a str>);

fn owner_key(owner: &Option<String>) -> OwnerKey<'_> {
    (owner.is_none(), owner.as_deref())
}

/// The calendar and feedback of one build.
pub struct Plan {
    /// The horizon, in weeks.
    pub weeks: u16,
    /// Every touch due in the horizon, the nearest [`MAX_OCCURRENCES`] of them.
    pub occurrences: Vec<Occurrence>,
    /// Occurrences past [`MAX_OCCURRENCES`], left out of the page, `.ics` and `.csv`.
    pub left_out: usize,
    /// Per stakeholder, in id order.
    pub feedback: Vec<Feedback>,
    /// The project's holidays, for the weeks to name the days off they hold.
    pub holidays: Vec<Holiday>,
    /// The open follow-ups with a due date, each with who does it: the stakeholders'
    /// (from the feedback) and the meetings' own.
    pub promises: Vec<Promise>,
}

/// An open follow-up as a load on its owner.
#[derive(Debug, Clone)]
pub struct Promise {
    /// Who does it: a meeting's follow-up's `owner`, else the interaction's `by`.
    pub owner: Option<String>,
    /// By when.
    pub due: Date,
}

/// A week is an owner's overload when its load (touches, plan items and follow-ups due)
/// is more than this many times the owner's median week, and at least
/// [`OVERLOAD_MIN`].
pub const OVERLOAD_FACTOR: u32 = 2;

/// The least load a week needs to be an overload: three things in a week is not one.
pub const OVERLOAD_MIN: u32 = 3;

/// The most occurrences a build plans, in its page, `.ics` and `.csv`: 10,000
/// stakeholders with a few touches each over a year. Every output of the plan grows with
/// them (3,000 daily touches over 104 weeks are 1.6 million).
pub const MAX_OCCURRENCES: usize = 100_000;

/// The template variable `plan` (see the module documentation).
#[derive(Serialize)]
pub struct View<'a> {
    horizon_weeks: u16,
    from: Date,
    until: Date,
    weeks: Vec<Week<'a>>,
    overdue: Vec<&'a Occurrence>,
    owners: Vec<OwnerLoad<'a>>,
    items: Vec<ItemRow<'a>>,
    /// Plan item id → who it is for, as a calendar row names it.
    audience: BTreeMap<&'a str, String>,
    quadrants: Vec<QuadrantPlan<'a>>,
    feedback: Vec<FeedbackRow<'a>>,
    counts: Counts,
    rules: Rules,
}

#[derive(Serialize)]
struct Week<'a> {
    first: Date,
    last: Date,
    count: usize,
    /// The holidays that fall in the week, each cut to it: what was due on them is on
    /// the next working day, which may be in a later week or past the horizon.
    holidays: Vec<WeekHoliday<'a>>,
    owners: Vec<WeekOwner<'a>>,
}

#[derive(Serialize)]
struct WeekHoliday<'a> {
    name: Option<&'a str>,
    from: Date,
    to: Date,
}

#[derive(Serialize)]
struct WeekOwner<'a> {
    owner: Option<&'a str>,
    touches: Vec<WeekTouch<'a>>,
}

/// A touch due one or more times in a week.
#[derive(Serialize)]
struct WeekTouch<'a> {
    #[serde(flatten)]
    first_occurrence: &'a Occurrence,
    dates: Vec<Date>,
    first: Date,
    last: Date,
}

#[derive(Serialize)]
struct OwnerLoad<'a> {
    owner: Option<&'a str>,
    /// Catch-ups of overdue touches and plan items.
    overdue: u32,
    /// Touches and plan items due per week.
    weeks: Vec<u32>,
    /// Open follow-ups due per week.
    follow_ups: Vec<u32>,
    /// Open follow-ups past their due date.
    late_follow_ups: u32,
    /// Per week, touches, plan items and follow-ups.
    load: Vec<u32>,
    /// The median of `load` over the horizon, as written (`2`, `2.5`).
    median: String,
    /// Per week, whether `load` is an overload (see [`OVERLOAD_FACTOR`]).
    overloaded: Vec<bool>,
    /// Weeks overloaded.
    overloads: usize,
    /// Occurrences of plan items in the horizon (among `weeks`).
    items: u32,
    /// Open follow-ups due in the horizon (the sum of `follow_ups`).
    follow_ups_due: u32,
    /// Everything: `total`, the follow-ups due and those late.
    load_total: u32,
    /// The week with the most load: its first day and load.
    busiest: Option<(Date, u32)>,
    total: u32,
}

/// A plan item (format v2) as a row of the plan: one for its whole audience.
#[derive(Serialize)]
struct ItemRow<'a> {
    id: &'a str,
    content: Option<&'a str>,
    channel: Option<&'a str>,
    frequency: Frequency,
    dates: &'a [Date],
    owner: Option<&'a str>,
    last_kept: Option<Date>,
    next_due: Option<Date>,
    overdue_days: u32,
    recorded: bool,
    /// The first [`export::AUDIENCE_NAMED`] of the audience.
    audience: Vec<Member<'a>>,
    /// How many are in it in all.
    audience_count: usize,
}

#[derive(Serialize)]
struct Member<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct QuadrantPlan<'a> {
    quadrant: Quadrant,
    strategy: Strategy,
    owners: Vec<OwnerRows<'a>>,
}

#[derive(Serialize)]
struct OwnerRows<'a> {
    owner: Option<&'a str>,
    rows: Vec<PlanRow<'a>>,
}

#[derive(Serialize)]
struct PlanRow<'a> {
    stakeholder: &'a str,
    name: &'a str,
    content: Option<&'a str>,
    channel: Option<&'a str>,
    frequency: Frequency,
    owner: Option<&'a str>,
    last_contact: Option<Date>,
    next_due: Option<Date>,
    overdue_days: u32,
    recorded: bool,
    suggested: bool,
}

#[derive(Serialize)]
struct FeedbackRow<'a> {
    #[serde(skip)]
    feedback: &'a Feedback,
    stakeholder: &'a str,
    satisfaction: Option<u8>,
    trend: Option<crate::analysis::sentiment::Trend>,
    follow_ups: &'a [feedback::OpenFollowUp],
    /// Each with `text`, its sentence in the report's language.
    flags: Vec<Worded<'a, feedback::Flag>>,
    name: &'a str,
    key: bool,
    quadrant: Quadrant,
    #[serde(skip)]
    broken_promise: bool,
}

#[derive(Serialize)]
struct Counts {
    touches: usize,
    suggested: usize,
    overdue: usize,
    unrecorded: usize,
    occurrences: usize,
    flagged: usize,
    open_follow_ups: usize,
}

#[derive(Serialize)]
struct Rules {
    over_contact_window_days: u32,
    over_contact_factor: u32,
    over_contact_min: u32,
    overload_factor: u32,
    overload_min: u32,
}

impl Plan {
    /// The plan of an analysis over `weeks` weeks, with the feedback of the same edition;
    /// occurrences due on a day off of `work` move to its next working day.
    pub fn new(
        analysis: &Analysis,
        feedback: Vec<Feedback>,
        weeks: u16,
        work: &WorkCalendar,
        meetings: &[Meeting],
    ) -> Plan {
        let mut promises: Vec<Promise> = feedback
            .iter()
            .flat_map(|f| &f.follow_ups)
            .filter_map(|u| {
                Some(Promise {
                    owner: u.by.clone(),
                    due: u.due?,
                })
            })
            .collect();
        // A meeting's own follow-ups (promised to nobody in particular) are no
        // attendee's, so no feedback row holds them.
        promises.extend(
            meetings
                .iter()
                .filter(|m| m.date <= analysis.as_of)
                .flat_map(|m| &m.follow_ups)
                .filter(|f| f.for_.is_none() && !f.follow_up.done)
                .filter_map(|f| {
                    Some(Promise {
                        owner: f.follow_up.owner.clone(),
                        due: f.follow_up.due?,
                    })
                }),
        );
        // Catch-ups first, then by date: the cut keeps the nearest.
        let (occurrences, left_out) = calendar::occurrences(
            &analysis.schedule,
            analysis.as_of,
            weeks,
            MAX_OCCURRENCES,
            work,
        );
        Plan {
            weeks,
            occurrences,
            left_out,
            feedback,
            holidays: work.holidays.clone(),
            promises,
        }
    }

    /// `communication-plan.ics`; with `owner`, that owner's touches only.
    pub fn ics(&self, analysis: &Analysis, owner: Option<&str>) -> String {
        let occurrences = self.of_owner(owner);
        export::ics::calendar(analysis, &occurrences, self.left_out, self.weeks, owner)
    }

    /// `communication-plan.csv`; with `owner`, that owner's touches only.
    pub fn csv(&self, analysis: &Analysis, owner: Option<&str>) -> Result<Vec<u8>, String> {
        export::csv::plan(analysis, &self.of_owner(owner), self.weeks, owner)
    }

    /// The occurrences of `owner`'s touches (all without one).
    fn of_owner(&self, owner: Option<&str>) -> Vec<Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| export::csv::is_owner(o.owner.as_deref(), owner))
            .cloned()
            .collect()
    }

    /// The template variable `plan`.
    pub fn view<'a>(&'a self, analysis: &'a Analysis) -> View<'a> {
        let as_of = analysis.as_of;
        let week_days = calendar::weeks(as_of, self.weeks);
        let until = week_days.last().map_or(as_of, |&(_, last)| last);
        let overdue: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| o.overdue_days > 0)
            .collect();

        let mut loads: BTreeMap<OwnerKey<'_>, (u32, Vec<u32>)> = BTreeMap::new();
        let mut items: BTreeMap<OwnerKey<'_>, u32> = BTreeMap::new();
        for o in self
            .occurrences
            .iter()
            .filter(|o| o.item.is_some() && o.overdue_days == 0)
        {
            *items.entry(owner_key(&o.owner)).or_default() += 1;
        }
        let mut by_week: Vec<BTreeMap<OwnerKey<'_>, Vec<&Occurrence>>> =
            vec![BTreeMap::new(); week_days.len()];
        for o in &self.occurrences {
            let (late, per_week) = loads
                .entry(owner_key(&o.owner))
                .or_insert_with(|| (0, vec![0; week_days.len()]));
            if o.overdue_days > 0 {
                *late += 1;
            } else if let (Some(n), Some(week)) = (
                per_week.get_mut(usize::from(o.week)),
                by_week.get_mut(usize::from(o.week)),
            ) {
                *n += 1;
                week.entry(owner_key(&o.owner)).or_default().push(o);
            }
        }
        let mut promised: BTreeMap<OwnerKey<'_>, (u32, Vec<u32>)> = BTreeMap::new();
        for p in &self.promises {
            let (late, per_week) = promised
                .entry(owner_key(&p.owner))
                .or_insert_with(|| (0, vec![0; week_days.len()]));
            if p.due < as_of {
                *late += 1;
            } else if let Some(n) = week_days
                .iter()
                .position(|&(first, last)| first <= p.due && p.due <= last)
                .and_then(|w| per_week.get_mut(w))
            {
                *n += 1;
            }
        }
        for key in promised.keys() {
            loads
                .entry(*key)
                .or_insert_with(|| (0, vec![0; week_days.len()]));
        }
        let owners = loads
            .into_iter()
            .map(|(key, (overdue, weeks))| {
                let (late_follow_ups, follow_ups) = promised
                    .remove(&key)
                    .unwrap_or_else(|| (0, vec![0; week_days.len()]));
                let load: Vec<u32> = weeks.iter().zip(&follow_ups).map(|(a, b)| a + b).collect();
                let median = median(&load);
                let overloaded: Vec<bool> = load
                    .iter()
                    .map(|&n| {
                        n >= OVERLOAD_MIN && f64::from(n) > f64::from(OVERLOAD_FACTOR) * median
                    })
                    .collect();
                let busiest = load
                    .iter()
                    .enumerate()
                    .filter(|&(_, &n)| n > 0)
                    .max_by_key(|&(w, &n)| (n, std::cmp::Reverse(w)))
                    .map(|(w, &n)| (week_days[w].0, n));
                let total = overdue + weeks.iter().sum::<u32>();
                let follow_ups_due = follow_ups.iter().sum::<u32>();
                OwnerLoad {
                    owner: key.1,
                    items: items.get(&key).copied().unwrap_or(0),
                    follow_ups_due,
                    load_total: total + follow_ups_due + late_follow_ups,
                    busiest,
                    overdue,
                    total,
                    overloads: overloaded.iter().filter(|&&o| o).count(),
                    weeks,
                    follow_ups,
                    late_follow_ups,
                    load,
                    median: format!("{median}"),
                    overloaded,
                }
            })
            .collect();
        let weeks = week_days
            .iter()
            .zip(by_week)
            .map(|(&(first, last), owners)| Week {
                first,
                last,
                count: owners.values().map(Vec::len).sum(),
                holidays: self
                    .holidays
                    .iter()
                    .filter(|h| h.from <= last && h.to >= first)
                    .map(|h| WeekHoliday {
                        name: h.name.as_deref(),
                        from: h.from.max(first),
                        to: h.to.min(last),
                    })
                    .collect(),
                owners: owners
                    .into_iter()
                    .map(|((_, owner), occurrences)| WeekOwner {
                        owner,
                        touches: touches_of_week(&occurrences),
                    })
                    .collect(),
            })
            .collect();

        let items: Vec<ItemRow<'_>> = analysis
            .schedule
            .iter()
            .filter_map(|t| item_row(analysis, t))
            .collect();
        let audience = analysis
            .schedule
            .iter()
            .filter_map(|t| Some((t.item.as_deref()?, export::audience_label(analysis, t))))
            .collect();

        let mut quadrants: BTreeMap<Quadrant, BTreeMap<OwnerKey<'_>, Vec<PlanRow<'_>>>> =
            BTreeMap::new();
        for touch in &analysis.schedule {
            if let Some((quadrant, row)) = plan_row(analysis, touch) {
                quadrants
                    .entry(quadrant)
                    .or_default()
                    .entry(owner_key(&touch.owner))
                    .or_default()
                    .push(row);
            }
        }
        let quadrants = quadrants
            .into_iter()
            .map(|(quadrant, by_owner)| QuadrantPlan {
                quadrant,
                strategy: Strategy::from(quadrant),
                owners: by_owner
                    .into_iter()
                    .map(|((_, owner), mut rows)| {
                        // By stakeholder, then as scheduled (by next due date).
                        rows.sort_by(|a, b| a.name.cmp(b.name));
                        OwnerRows { owner, rows }
                    })
                    .collect(),
            })
            .collect();

        let mut feedback: Vec<FeedbackRow<'_>> = self
            .feedback
            .iter()
            .filter_map(|f| {
                let a = analysis.get(&f.stakeholder)?;
                Some(FeedbackRow {
                    feedback: f,
                    stakeholder: &f.stakeholder,
                    satisfaction: f.satisfaction,
                    trend: f.trend,
                    follow_ups: &f.follow_ups,
                    flags: i18n::text::flags(analysis.project.language, &f.flags),
                    name: &a.name,
                    key: a.key,
                    quadrant: a.quadrant,
                    broken_promise: f.follow_ups.iter().any(|u| u.overdue_days > 0),
                })
            })
            .collect();
        // What needs changing first: flags, then promises broken, then key stakeholders.
        feedback.sort_by_key(|row| (row.feedback.flags.is_empty(), !row.broken_promise, !row.key));

        View {
            horizon_weeks: self.weeks,
            from: as_of,
            until,
            weeks,
            counts: Counts {
                touches: analysis.schedule.len(),
                suggested: analysis.schedule.iter().filter(|t| t.suggested).count(),
                // The same figure as the dashboard's: each overdue touch has one
                // catch-up.
                overdue: analysis.summary.overdue_touches,
                unrecorded: analysis.summary.unrecorded_touches,
                occurrences: self.occurrences.len(),
                flagged: self.feedback.iter().filter(|f| !f.flags.is_empty()).count(),
                open_follow_ups: self.feedback.iter().map(|f| f.follow_ups.len()).sum(),
            },
            overdue,
            owners,
            items,
            audience,
            quadrants,
            feedback,
            rules: Rules {
                over_contact_window_days: feedback::OVER_CONTACT_WINDOW_DAYS,
                over_contact_factor: feedback::OVER_CONTACT_FACTOR,
                over_contact_min: feedback::OVER_CONTACT_MIN,
                overload_factor: OVERLOAD_FACTOR,
                overload_min: OVERLOAD_MIN,
            },
        }
    }
}

/// The median of some counts (the mean of the middle two for an even number).
fn median(counts: &[u32]) -> f64 {
    let mut sorted = counts.to_vec();
    sorted.sort_unstable();
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => f64::from(sorted[n / 2]),
        n => (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0,
    }
}

/// A plan item of the schedule as a row of the plan; `None` for a stakeholder's touch.
fn item_row<'a>(analysis: &'a Analysis, t: &'a ScheduledTouch) -> Option<ItemRow<'a>> {
    Some(ItemRow {
        id: t.item.as_deref()?,
        content: t.content.as_deref(),
        channel: t.channel.as_deref(),
        frequency: t.frequency,
        dates: &t.dates,
        owner: t.owner.as_deref(),
        last_kept: t.last,
        next_due: t.date,
        overdue_days: t.overdue_days,
        recorded: t.recorded,
        audience: t
            .audience
            .iter()
            .take(export::AUDIENCE_NAMED)
            .filter_map(|id| {
                let a = analysis.get(id)?;
                Some(Member {
                    id: &a.id,
                    name: &a.name,
                })
            })
            .collect(),
        audience_count: t.audience.len(),
    })
}

/// A touch of the schedule as a row of the plan, with the stakeholder's quadrant; `None`
/// for a plan item.
fn plan_row<'a>(
    analysis: &'a Analysis,
    touch: &'a ScheduledTouch,
) -> Option<(Quadrant, PlanRow<'a>)> {
    let a = analysis.get(touch.stakeholder.as_deref()?)?;
    let row = PlanRow {
        stakeholder: &a.id,
        name: &a.name,
        content: touch.content.as_deref(),
        channel: touch.channel.as_deref(),
        frequency: touch.frequency,
        owner: touch.owner.as_deref(),
        last_contact: touch.last,
        next_due: touch.date,
        overdue_days: touch.overdue_days,
        recorded: touch.recorded,
        suggested: touch.suggested,
    };
    Some((a.quadrant, row))
}

/// The occurrences of one owner in one week as one row per touch, in the order of their
/// first date.
fn touches_of_week<'a>(occurrences: &[&'a Occurrence]) -> Vec<WeekTouch<'a>> {
    let mut rows: Vec<WeekTouch<'a>> = Vec::new();
    // Touch index to row: a week holds few touches per owner, but an owner may keep
    // thousands of stakeholders.
    let mut row_of: std::collections::HashMap<usize, usize> = Default::default();
    for &o in occurrences {
        match row_of.get(&o.touch) {
            Some(&i) => {
                rows[i].dates.push(o.date);
                rows[i].last = o.date;
            }
            None => {
                row_of.insert(o.touch, rows.len());
                rows.push(WeekTouch {
                    first_occurrence: o,
                    dates: vec![o.date],
                    first: o.date,
                    last: o.date,
                });
            }
        }
    }
    rows
}
