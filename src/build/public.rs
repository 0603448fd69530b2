//! The public edition of the register's own fields: every confidential record and field
//! removed from the copy that pages, charts and file names are made from. The analysis
//! is not made from this copy: it runs on the full register and the public edition shows
//! a view of it ([`crate::analysis::edition`]), so that nothing it states is computed
//! from less than the register holds.

use std::collections::BTreeSet;

use crate::analysis::edition::{self, Secrets};
use crate::analysis::feedback::{self, Feedback};
use crate::analysis::{Analysed, Analysis, analyze};
use crate::register::vocab::Date;
use crate::register::{Register, Stakeholder};

/// What the pages of one edition are made from. The analysis is always of the full
/// register; a public edition is a view of it, beside the redacted register.
pub struct Shown {
    /// The register as the pages show it: redacted in a public edition.
    pub register: Register,
    /// The analysis as the edition states it.
    pub analysis: Analysis,
    /// The feedback as the edition states it, in id order.
    pub feedback: Vec<Feedback>,
    /// In a public edition, the analysis of the full register and its feedback (what
    /// a brief's room is made from before its own public view).
    pub full: Option<(Analysis, Vec<Feedback>)>,
    /// What a public edition left out.
    pub redaction: Redaction,
}

impl Shown {
    /// The edition of `register` (the full register) as of `as_of`: the public one, or
    /// the internal one (everything).
    pub fn of(mut register: Register, as_of: Date, public: bool) -> Shown {
        let analysis = analyze(&register, as_of);
        let feedback = feedback::feedback(&Analysed::new(&register, &analysis));
        if !public {
            return Shown {
                register,
                analysis,
                feedback,
                full: None,
                redaction: Redaction::default(),
            };
        }
        let view = edition::public(&register, &analysis);
        let public_feedback = edition::public_feedback(&register, &feedback);
        let redaction = redact(&mut register);
        Shown {
            register,
            analysis: view,
            feedback: public_feedback,
            full: Some((analysis, feedback)),
            redaction,
        }
    }

    /// The edition's stakeholders with their assessments.
    pub fn view(&self) -> Analysed<'_> {
        Analysed::new(&self.register, &self.analysis)
    }

    /// The analysis of the full register and its feedback.
    pub fn full(&self) -> (&Analysis, &[Feedback]) {
        match &self.full {
            Some((analysis, feedback)) => (analysis, feedback),
            None => (&self.analysis, &self.feedback),
        }
    }
}

/// What the redaction left out, for the user's information.
#[derive(Debug, Default)]
pub struct Redaction {
    /// Records left out whole, with why (`confidential: true`, or confidential grid levels).
    pub records: usize,
    /// Records left out because their power or interest is confidential (their ids: the
    /// user knows them; they are printed to the terminal, never written to the output).
    pub grid_confidential: Vec<String>,
}

/// Removes confidential records and fields from `register`, by the same rule as the
/// analysis's public view ([`Secrets`]).
pub fn redact(register: &mut Register) -> Redaction {
    let secrets = Secrets::of(register);
    let mut redaction = Redaction::default();
    let mut removed = BTreeSet::new();
    let mut i = 0;
    register.stakeholders.retain(|s| {
        let hidden = secrets.hidden(i);
        i += 1;
        if hidden {
            removed.insert(s.id.clone());
            redaction.records += 1;
            if !s.confidential_record {
                redaction.grid_confidential.push(s.id.clone());
            }
        }
        !hidden
    });
    let kept = (0..i).filter(|&i| !secrets.hidden(i));
    for (s, i) in register.stakeholders.iter_mut().zip(kept) {
        for field in secrets.fields(i).names() {
            clear(s, field);
        }
        s.relationships.retain(|r| !removed.contains(&r.with));
        // What was left out, by name (the project's list too), so that pages say "not in
        // this edition" rather than "none".
        s.confidential = secrets.fields(i).names().map(str::to_owned).collect();
    }
    // The project's list names `notes` for every record: a meeting's body (its agenda
    // or minutes) is notes too.
    let notes_confidential = register.project.confidential.iter().any(|f| f == "notes");
    redact_meetings(register, &removed, notes_confidential);
    if let Some(sponsor) = &register.project.sponsor
        && removed.contains(sponsor)
    {
        register.project.sponsor = None;
    }
    register.project.confidential.clear();
    redaction
}

/// Leaves out confidential meetings and meeting fields, and every attendee the public
/// edition may not show at a meeting: one left out whole, or whose own log is
/// confidential (a meeting's date would be a contact the edition withholds). A meeting
/// with no attendee left to show is left out.
fn redact_meetings(register: &mut Register, removed: &BTreeSet<String>, notes_confidential: bool) {
    let log_withheld: BTreeSet<&str> = register
        .stakeholders
        .iter()
        .filter(|s| s.confidential.iter().any(|f| f == "interactions"))
        .map(|s| s.id.as_str())
        .collect();
    let shown = |id: &str| !removed.contains(id) && !log_withheld.contains(id);
    let mut meetings = std::mem::take(&mut register.meetings);
    meetings.retain(|m| !m.confidential_record);
    meetings.retain_mut(|m| {
        if notes_confidential {
            m.notes.clear();
        }
        let attendees_withheld = m.confidential.iter().any(|f| f == "attendees");
        (m.attendees, m.attendee_at) = std::mem::take(&mut m.attendees)
            .into_iter()
            .zip(std::mem::take(&mut m.attendee_at))
            .filter(|(id, _)| shown(id))
            .unzip();
        m.sentiment.retain(|(who, _)| who == "*" || shown(who));
        m.follow_ups
            .retain(|f| f.for_.as_deref().is_none_or(&shown));
        for field in std::mem::take(&mut m.confidential) {
            match field.as_str() {
                "attendees" => {
                    m.attendees.clear();
                    m.attendee_at.clear();
                }
                "by" => m.by = None,
                "summary" => m.summary = None,
                "sentiment" => m.sentiment.clear(),
                "decisions" => m.decisions.clear(),
                "follow_ups" => m.follow_ups.clear(),
                "notes" => m.notes.clear(),
                _ => {}
            }
        }
        // Kept with its attendees withheld, or with at least one attendee to show.
        attendees_withheld || !m.attendees.is_empty()
    });
    register.meetings = meetings;
}

/// Empties one field (a name from `CONFIDENTIAL_FIELDS`).
fn clear(s: &mut Stakeholder, field: &str) {
    match field {
        "role" => s.role = None,
        "organization" => s.organization = None,
        "category" => s.category = None,
        "involvement" => s.involvement = None,
        "key" => s.key = None,
        "influence" => s.influence = None,
        "impact" => s.impact = None,
        "legitimacy" => s.legitimacy = None,
        "urgency" => s.urgency = None,
        "engagement" => {
            s.engagement_current = None;
            s.engagement_desired = None;
        }
        "owner" => s.owner = None,
        "needs" => s.needs.clear(),
        "expectations" => s.expectations.clear(),
        "positions" => s.positions.clear(),
        "communication" => s.communication.clear(),
        "relationships" => s.relationships.clear(),
        "interactions" => s.interactions.clear(),
        "tags" => s.tags.clear(),
        "contact" => s.contact.clear(),
        "next_review" => s.next_review = None,
        "notes" => s.notes.clear(),
        // Power and interest: the record was left out above. The loader rejects any
        // other name.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::{Limits, load};

    #[test]
    fn confidential_records_and_fields_are_gone() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/erp-rollout");
        let mut register = load(&root, &Limits::default()).unwrap().register;
        assert!(register.get("frank-doyle").is_some());
        let redaction = redact(&mut register);
        assert!(redaction.records >= 1);
        assert!(register.get("frank-doyle").is_none());
        for s in &register.stakeholders {
            assert!(s.contact.is_empty() && s.notes.is_empty(), "{}", s.id);
            assert!(s.relationships.iter().all(|r| r.with != "frank-doyle"));
        }
        assert!(register.get("mark-sullivan").unwrap().positions.is_empty());
        assert!(
            register
                .get("kessler-automotive")
                .unwrap()
                .interactions
                .is_empty()
        );
    }
}
