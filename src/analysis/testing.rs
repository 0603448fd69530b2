//! Builders for the unit tests: small registers written in code.

use std::path::PathBuf;

use crate::register::doc::Sentiment;
use crate::register::model::{FieldLines, Interaction, Relationship};
use crate::register::vocab::{Date, Kind, Level, RelationKind, Tone};
use crate::register::{Project, Register, Stakeholder};

/// A date from `YYYY-MM-DD`.
pub(crate) fn date(text: &str) -> Date {
    text.parse().expect("a test date")
}

/// A stakeholder with only the required fields, in `<id>.md`.
pub(crate) fn stakeholder(id: &str, power: u8, interest: u8) -> Stakeholder {
    Stakeholder {
        id: id.into(),
        name: id.to_uppercase(),
        short: None,
        kind: Kind::Person,
        role: None,
        organization: None,
        category: None,
        involvement: None,
        key: None,
        power: Level::new(power).expect("a level"),
        interest: Level::new(interest).expect("a level"),
        influence: None,
        impact: None,
        legitimacy: None,
        urgency: None,
        engagement_current: None,
        engagement_desired: None,
        owner: None,
        needs: Vec::new(),
        expectations: Vec::new(),
        positions: Vec::new(),
        communication: Vec::new(),
        relationships: Vec::new(),
        interactions: Vec::new(),
        tags: Vec::new(),
        contact: Default::default(),
        confidential: Vec::new(),
        confidential_record: false,
        next_review: None,
        notes: String::new(),
        file: PathBuf::from(format!("{id}.md")),
        lines: FieldLines {
            name: 2,
            ..FieldLines::default()
        },
    }
}

/// An interaction on `date` through `channel`, with a tone.
pub(crate) fn interaction(
    date_text: &str,
    channel: Option<&str>,
    tone: Option<Tone>,
) -> Interaction {
    Interaction {
        date: date(date_text),
        channel: channel.map(str::to_owned),
        summary: None,
        sentiment: tone.map(Sentiment::Tone),
        by: None,
        follow_ups: Vec::new(),
        meeting: None,
        file: None,
        fulfils: Vec::new(),
        fulfils_at: Vec::new(),
        line: 20,
    }
}

/// A relationship of a kind with another stakeholder.
pub(crate) fn relationship(with: &str, kind: RelationKind) -> Relationship {
    Relationship {
        with: with.into(),
        kind,
        strength: None,
        note: None,
        line: 10,
        with_at: Default::default(),
    }
}

/// A register of these stakeholders (sorted by id) with default settings.
pub(crate) fn register(mut stakeholders: Vec<Stakeholder>) -> Register {
    stakeholders.sort_by(|a, b| a.id.cmp(&b.id));
    Register {
        root: PathBuf::from("register"),
        project: Project::with_name("Test".into()),
        stakeholders,
        meetings: Vec::new(),
    }
}
