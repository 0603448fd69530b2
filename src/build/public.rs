//! The public edition: the register with every confidential thing removed, before the
//! analysis sees it. Whatever the outputs show is derived from this copy, so nothing
//! confidential can reach HTML, JSON, charts or file names by any path.

use std::collections::BTreeSet;

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

/// Removes confidential records and fields from `register`.
pub fn redact(register: &mut Register) -> Redaction {
    let mut redaction = Redaction::default();
    let project_fields = register.project.confidential.clone();
    let mut removed = BTreeSet::new();
    register.stakeholders.retain(|s| {
        let fields = fields(&project_fields, s);
        // Power and interest place a stakeholder on the grid, which every output shows;
        // a record that hides them cannot be shown at all.
        let grid_hidden = fields.contains("power") || fields.contains("interest");
        if s.confidential_record || grid_hidden {
            removed.insert(s.id.clone());
            redaction.records += 1;
            if grid_hidden && !s.confidential_record {
                redaction.grid_confidential.push(s.id.clone());
            }
            return false;
        }
        true
    });
    for s in &mut register.stakeholders {
        let fields = fields(&project_fields, s);
        for field in &fields {
            clear(s, field);
        }
        s.relationships.retain(|r| !removed.contains(&r.with));
        s.confidential.clear();
    }
    if let Some(sponsor) = &register.project.sponsor
        && removed.contains(sponsor)
    {
        register.project.sponsor = None;
    }
    register.project.confidential.clear();
    redaction
}

fn fields(project: &[String], s: &Stakeholder) -> BTreeSet<String> {
    project.iter().chain(&s.confidential).cloned().collect()
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
