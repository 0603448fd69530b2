//! Meeting records across files (format v2): their ids against the stakeholders', their
//! attendees against the register, and each meeting given to its attendees as an
//! interaction of their own, so that last contact, silence, the schedule, sentiment and
//! the brief count it exactly like one written in the attendee's file.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::model::{Interaction, Meeting, Stakeholder};
use super::references::Broken;
use super::typing;
use super::vocab::Date;
use crate::diagnostic::{Diagnostic, Loc};

/// Checks `meetings` against the register, drops the ones that cannot be used (their
/// mistakes reported), adds each to its attendees' logs and sorts them by date.
pub(super) fn attach(
    root: &Path,
    stakeholders: &mut [Stakeholder],
    broken: &[Broken],
    meetings: &mut Vec<Meeting>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let index: HashMap<String, usize> = stakeholders
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    // A broken stakeholder file still owns its id (or its file name): an attendee naming
    // it is not unknown, and the file's own errors say what is wrong.
    let broken_ids: HashSet<String> = broken
        .iter()
        .map(|b| match &b.id {
            Some((id, _)) => id.clone(),
            None => stem(&b.file),
        })
        .collect();
    let ids: Vec<&str> = index.keys().map(String::as_str).collect();
    meetings.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.cmp(&b.file)));

    let mut keep = vec![true; meetings.len()];
    for (m, meeting) in meetings.iter().enumerate() {
        let file = root.join(&meeting.file);
        if let Some(&i) = index.get(meeting.id.as_str()) {
            let other = &stakeholders[i];
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-id",
                    &file,
                    Loc::line(1),
                    format!(
                        "meeting `{}` has the id of a stakeholder, `{}`",
                        meeting.id,
                        other.file.display()
                    ),
                )
                .also(&root.join(&other.file), &other.lines.id, "the stakeholder")
                .help("meetings and stakeholders share one id space: rename the meeting's file"),
            );
            keep[m] = false;
        }
        if m > 0 && meetings[m - 1].id == meeting.id {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-id",
                    &file,
                    Loc::line(1),
                    format!("two meeting records have the id `{}`", meeting.id),
                )
                .also(
                    &root.join(&meetings[m - 1].file),
                    &Loc::line(1),
                    "the other",
                )
                .help("rename one of the files"),
            );
            keep[m] = false;
        }
        for (attendee, at) in meeting.attendees.iter().zip(&meeting.attendee_at) {
            if index.contains_key(attendee.as_str()) || broken_ids.contains(attendee) {
                continue;
            }
            let help = match typing::closest(attendee, &ids) {
                Some(id) => format!("did you mean `{id}`?"),
                None => {
                    "name a stakeholder by the id of their file (its name without `.md`)".to_owned()
                }
            };
            diagnostics.push(
                Diagnostic::error(
                    "unknown-attendee",
                    &file,
                    at.clone(),
                    format!("no stakeholder has the id `{attendee}`"),
                )
                .label("not a stakeholder of the register")
                .help(help),
            );
            keep[m] = false;
        }
        let mut seen = HashSet::new();
        for (attendee, at) in meeting.attendees.iter().zip(&meeting.attendee_at) {
            if !seen.insert(attendee) {
                diagnostics.push(
                    Diagnostic::warning(
                        "duplicate-attendee",
                        &file,
                        at.clone(),
                        format!("`{attendee}` is listed twice"),
                    )
                    .help("list each attendee once"),
                );
            }
        }
        let all_left_out = meeting.attendees.iter().all(|a| {
            index
                .get(a.as_str())
                .is_some_and(|&i| stakeholders[i].confidential_record)
        });
        if keep[m] && all_left_out {
            diagnostics.push(
                Diagnostic::warning(
                    "meeting-of-confidential-attendees",
                    &file,
                    Loc::line(meeting.line),
                    "every attendee of this meeting is left out of public editions",
                )
                .help(
                    "the public edition leaves the meeting out too; add `confidential: true` to \
                     say so, or add an attendee whose record is public",
                ),
            );
        }
    }
    let mut kept = keep.iter();
    meetings.retain(|_| kept.next().copied().unwrap_or(false));

    for meeting in meetings.iter() {
        let mut given = HashSet::new();
        for attendee in &meeting.attendees {
            let Some(&i) = index.get(attendee.as_str()) else {
                continue;
            };
            if !given.insert(i) {
                continue;
            }
            let stakeholder = &mut stakeholders[i];
            stakeholder
                .interactions
                .push(interaction_of(meeting, attendee));
            // The log facts of an attendee come from this meeting too: what of it is
            // confidential makes their log confidential (the minutes do not reach it).
            if meeting.log_is_confidential()
                && !stakeholder.confidential.iter().any(|f| f == "interactions")
            {
                stakeholder.confidential.push("interactions".to_owned());
            }
        }
    }
    for stakeholder in stakeholders.iter_mut() {
        // The log is sorted by date (stable: a file's own entries keep their order).
        stakeholder.interactions.sort_by_key(|i| i.date);
    }
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
}

/// Warns about each meeting dated after `as_of` (so planned) that records how it went:
/// its sentiment, decisions and follow-ups count for nothing until it has taken place,
/// and a brief of it leaves them out.
pub(super) fn planned_outcomes(
    root: &Path,
    meetings: &[Meeting],
    as_of: Date,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for meeting in meetings.iter().filter(|m| m.date > as_of) {
        let fields = meeting.outcome_fields();
        if fields.is_empty() {
            continue;
        }
        let named = and_list(&fields);
        diagnostics.push(
            Diagnostic::warning(
                "planned-meeting-outcome",
                &root.join(&meeting.file),
                meeting
                    .outcome_at
                    .clone()
                    .unwrap_or_else(|| Loc::line(meeting.line)),
                format!(
                    "this meeting is dated {}, after `as_of` ({as_of}), so it is planned, yet it records {named}",
                    meeting.date
                ),
            )
            .label("counts for nothing until the meeting has taken place")
            .help(
                "write the agenda in the body now and the outcome once it has taken place; if \
                 it has, correct its `date` or move `as_of` in `_project.md` on",
            ),
        );
    }
}

/// Field names as a sentence lists them: `` `a`, `b` and `c` ``.
pub fn and_list(fields: &[&str]) -> String {
    let named: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    match named.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The meeting as an attendee's interaction: its date, channel, title and summary, the attendee's sentiment, who ran it, and the follow-ups promised to
/// them.
fn interaction_of(meeting: &Meeting, attendee: &str) -> Interaction {
    Interaction {
        date: meeting.date,
        channel: Some(meeting.channel.clone()),
        summary: Some(match &meeting.summary {
            Some(summary) => format!("{} — {summary}", meeting.title),
            None => meeting.title.clone(),
        }),
        sentiment: meeting.sentiment_of(attendee),
        by: meeting.by.clone(),
        follow_ups: meeting
            .follow_ups
            .iter()
            .filter(|f| f.for_.as_deref() == Some(attendee))
            .map(|f| f.follow_up.clone())
            .collect(),
        meeting: Some(meeting.id.clone()),
        file: Some(meeting.file.to_string_lossy().replace('\\', "/")),
        fulfils: meeting.fulfils.clone(),
        fulfils_at: meeting.fulfils_at.clone(),
        line: meeting.line,
    }
}

fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
