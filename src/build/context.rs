//! The variables every template sees.
//!
//! - `project`: name, code, manager, sponsor (and `sponsor_name` when it is an id),
//!   threshold, silent_after_days, has_introduction;
//! - `analysis`: the analysis JSON (as in `analysis.json`);
//! - `stakeholders`: one object per stakeholder, sorted by id: the register's fields
//!   (`name`, `role`, `needs`, `positions`, `interactions`, ...) with the analysis's
//!   fields laid over them (`quadrant`, `key`, `salience`, `engagement`, ...), plus
//!   `profile` (its page), `has_notes`, and `related` (relationships others list with
//!   it: `from`, `type`, `strength`, `note`);
//! - `names`: stakeholder id to name; `t`: the labels of the report's language;
//! - `lang`, `as_of`, `public`; per page `page`, `root` (`""` or `"../"`), and on a
//!   profile `s`, the stakeholder.

use std::collections::HashMap;

use serde_json::{Map, Value as Json, json};
use tera::Context;

use super::Options;
use crate::document::labels;
use crate::register::Register;

/// The context shared by every page of a build.
pub fn base(register: &Register, analysis: &Json, options: &Options) -> Context {
    let project = &register.project;
    let sponsor_name = project
        .sponsor
        .as_deref()
        .and_then(|id| register.get(id))
        .map(|s| s.name.clone());
    let mut context = Context::new();
    context.insert("lang", project.language.tag());
    context.insert("as_of", &options.as_of.to_string());
    context.insert("public", &options.public);
    context.insert(
        "project",
        &json!({
            "name": project.name,
            "code": project.code,
            "manager": project.manager,
            "sponsor": project.sponsor,
            "sponsor_name": sponsor_name,
            "threshold": project.threshold,
            "silent_after_days": project.silent_after_days,
            "has_introduction": !project.introduction.trim().is_empty(),
        }),
    );
    context.insert("analysis", analysis);
    context.insert("stakeholders", &stakeholders(register, analysis));
    let names: Map<String, Json> = register
        .stakeholders
        .iter()
        .map(|s| (s.id.clone(), Json::String(s.name.clone())))
        .collect();
    context.insert("names", &names);
    context.insert("t", &labels::labels(project.language));
    context
}

/// The `i`th stakeholder object of a base context (cheap: values are shared).
pub fn stakeholder_at(base: &Context, i: usize) -> tera::Value {
    base.get("stakeholders")
        .and_then(|all| all.as_array())
        .and_then(|all| all.get(i))
        .cloned()
        .unwrap_or_else(tera::Value::none)
}

/// The register's stakeholders with their analysis laid over.
fn stakeholders(register: &Register, analysis: &Json) -> Vec<Json> {
    let rows: HashMap<&str, &Map<String, Json>> = analysis["stakeholders"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| Some((row["id"].as_str()?, row.as_object()?)))
        .collect();
    let mut related: HashMap<&str, Vec<Json>> = HashMap::new();
    for s in &register.stakeholders {
        for r in &s.relationships {
            related.entry(r.with.as_str()).or_default().push(json!({
                "from": s.id,
                "type": r.kind,
                "strength": r.strength,
                "note": r.note,
            }));
        }
    }
    register
        .stakeholders
        .iter()
        .map(|s| {
            let mut object = match serde_json::to_value(s) {
                Ok(Json::Object(object)) => object,
                _ => Map::new(),
            };
            for private in ["notes", "confidential", "confidential_record"] {
                object.remove(private);
            }
            object.insert("has_notes".into(), Json::Bool(!s.notes.trim().is_empty()));
            object.insert(
                "profile".into(),
                Json::String(format!("stakeholders/{}.html", s.id)),
            );
            object.insert(
                "related".into(),
                Json::Array(related.remove(s.id.as_str()).unwrap_or_default()),
            );
            if let Some(row) = rows.get(s.id.as_str()) {
                for (key, value) in row.iter() {
                    object.insert(key.clone(), value.clone());
                }
            }
            Json::Object(object)
        })
        .collect()
}
