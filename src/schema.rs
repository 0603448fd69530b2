//! JSON Schemas of the front matter, generated from the very types the loader reads, so
//! editor completion and `stake check` agree.

use schemars::generate::SchemaSettings;

use crate::register::doc::{MeetingDoc, ProjectDoc, StakeholderDoc};

fn generate<T: schemars::JsonSchema>() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    serde_json::to_string_pretty(&schema).expect("a schema serialises")
}

/// The schema of a stakeholder file's front matter.
pub fn stakeholder() -> String {
    generate::<StakeholderDoc>()
}

/// The schema of `_project.md`'s front matter.
pub fn project() -> String {
    generate::<ProjectDoc>()
}

/// The schema of a meeting record's front matter (format v2).
pub fn meeting() -> String {
    generate::<MeetingDoc>()
}
