//! The public edition of the register's own fields: every confidential record and field
//! removed from the copy that pages, charts and file names are made from. The analysis
//! is not made from this copy: it runs on the full register and the public edition shows
//! a view of it ([`crate::analysis::edition`]), so that nothing it states is computed
//! from less than the register holds.

use std::collections::BTreeSet;

use crate::analysis::edition::Secrets;
use crate::register::{Register, Stakeholder};

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
    if let Some(sponsor) = &register.project.sponsor
        && removed.contains(sponsor)
    {
        register.project.sponsor = None;
    }
    register.project.confidential.clear();
    redaction
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
