//! The variables every template sees.
//!
//! - `project`: name, code, manager, sponsor (and `sponsor_name` when it is an id),
//!   threshold, silent_after_days, has_introduction;
//! - `analysis`: the analysis JSON (as in `analysis.json`), each finding with `text`,
//!   its sentence in the report's language (see [`crate::i18n::text`]);
//! - `stakeholders`: one object per stakeholder, sorted by id: the register's fields
//!   (`name`, `role`, `needs`, `positions`, `interactions`, ...) with the analysis's
//!   fields laid over them (`quadrant`, `key`, `salience`, `engagement`, ...), plus
//!   `profile` (its page), `has_notes`, and `related` (relationships others list with
//!   it: `from`, `type`, `strength`, `note`), and `withheld`: in a public edition the
//!   fields and derived facts it leaves out (`"interactions"`, `"last_contact"`, ...), which
//!   a template must print as left out, never as "none" or "never";
//! - `names`: stakeholder id to name; `t`: the labels of the report's language;
//! - `shown`: per chart with a limit (`engagement`, `network`, `sentiment`) how many
//!   stakeholders it draws (`shown`) of those it could (`total`), so that a page says what
//!   it left out;
//! - `lang`, `as_of`, `public`; per page `page`, `root` (`""` or `"../"`), and on a
//!   profile `s`, the stakeholder.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::value::Key;
use tera::{Context, Map, Value};

use crate::analysis::Analysis;
use crate::i18n;
use crate::register::Register;
use crate::register::vocab::Date;

/// The context shared by every page of a build. Values are built once, straight from the
/// register and the analysis; a page's copy shares them.
pub fn base(register: &Register, analysis: &Analysis, as_of: Date, public: bool) -> Context {
    let project = &register.project;
    let sponsor_name = project
        .sponsor
        .as_deref()
        .and_then(|id| register.get(id))
        .map(|s| s.name.as_str());
    let mut context = Context::new();
    context.insert("lang", project.language.tag());
    context.insert("as_of", &as_of.to_string());
    context.insert("public", &public);
    let project_fields: [(&'static str, Value); 8] = [
        ("name", project.name.as_str().into()),
        ("code", project.code.as_deref().into()),
        ("manager", project.manager.as_deref().into()),
        ("sponsor", project.sponsor.as_deref().into()),
        ("sponsor_name", sponsor_name.into()),
        ("threshold", Value::from_serializable(&project.threshold)),
        ("silent_after_days", project.silent_after_days.into()),
        (
            "has_introduction",
            (!project.introduction.trim().is_empty()).into(),
        ),
    ];
    context.insert_value("project", map(project_fields));
    let (analysis, stakeholders) = rayon::join(
        || {
            // Each finding carries its sentence in the report's language as `text`.
            let mut value = Value::from_serializable(analysis)
                .into_map()
                .unwrap_or_default();
            let findings = i18n::text::findings(project.language, &analysis.findings);
            value.insert(Key::Str("findings"), Value::from_serializable(&findings));
            Value::from(value)
        },
        || stakeholders(register, analysis, public),
    );
    context.insert_value("stakeholders", stakeholders);
    context.insert_value("analysis", analysis);
    let names: Map = register
        .stakeholders
        .iter()
        .map(|s| (s.id.clone().into(), s.name.as_str().into()))
        .collect();
    context.insert_value("names", Value::from(names));
    context.insert("t", &i18n::labels(project.language, project.threshold));
    context
}

/// The `i`th stakeholder object of a base context (cheap: values are shared).
pub fn stakeholder_at(base: &Context, i: usize) -> Value {
    base.get("stakeholders")
        .and_then(|all| all.as_array())
        .and_then(|all| all.get(i))
        .cloned()
        .unwrap_or_else(Value::none)
}

fn map<const N: usize>(fields: [(&'static str, Value); N]) -> Value {
    Value::from(
        fields
            .into_iter()
            .map(|(key, value)| (Key::Str(key), value))
            .collect::<Map>(),
    )
}

/// The register's stakeholders with their analysis laid over, and `withheld`: in a public
/// edition, the names of the fields and facts it leaves out (empty in the internal one).
fn stakeholders(register: &Register, analysis: &Analysis, public: bool) -> Value {
    let rows: HashMap<&str, &crate::analysis::Assessment> = analysis
        .stakeholders
        .iter()
        .map(|row| (row.id.as_str(), row))
        .collect();
    let mut related: HashMap<&str, Vec<Value>> = HashMap::new();
    for s in &register.stakeholders {
        for r in &s.relationships {
            related.entry(r.with.as_str()).or_default().push(map([
                ("from", s.id.as_str().into()),
                ("type", Value::from_serializable(&r.kind)),
                ("strength", Value::from_serializable(&r.strength)),
                ("note", r.note.as_deref().into()),
            ]));
        }
    }
    let all: Vec<Value> = register
        .stakeholders
        .par_iter()
        .map(|s| {
            let mut object = Value::from_serializable(s).into_map().unwrap_or_default();
            for private in ["notes", "confidential", "confidential_record"] {
                object.shift_remove(&Key::Str(private));
            }
            let extra: [(&'static str, Value); 3] = [
                ("has_notes", (!s.notes.trim().is_empty()).into()),
                ("profile", format!("stakeholders/{}.html", s.id).into()),
                (
                    "related",
                    related
                        .get(s.id.as_str())
                        .cloned()
                        .unwrap_or_default()
                        .into(),
                ),
            ];
            for (key, value) in extra {
                object.insert(Key::Str(key), value);
            }
            let mut withheld: Vec<&str> = Vec::new();
            if let Some(row) = rows.get(s.id.as_str()) {
                withheld.extend(row.withheld.iter().copied());
                let row = Value::from_serializable(row).into_map().unwrap_or_default();
                object.extend(row);
            }
            if public {
                // The redacted copy names what it left out.
                withheld.extend(s.confidential.iter().map(String::as_str));
            }
            withheld.sort_unstable();
            withheld.dedup();
            object.insert(
                Key::Str("withheld"),
                withheld
                    .into_iter()
                    .map(Value::from)
                    .collect::<Vec<_>>()
                    .into(),
            );
            Value::from(object)
        })
        .collect();
    Value::from(all)
}
