//! The files of an import: one stakeholder file per record, and a `_project.md` when the
//! folder has none. A file that exists is never replaced.

use std::path::{Path, PathBuf};

use super::{Plan, Record};
use crate::log::edit::scalar;
use crate::register::vocab::{Attribute, Language};
use crate::spreadsheet::columns::Field;

/// What an import wrote and left alone.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// New files.
    pub created: Vec<PathBuf>,
    /// Files that were there already, left as they are.
    pub kept: Vec<PathBuf>,
}

/// The files `plan` makes, as (path below the folder, text).
pub fn files(plan: &Plan, out: &Path, file_stem: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    if !out.join("_project.md").exists() {
        files.push((PathBuf::from("_project.md"), project(plan, file_stem)));
    }
    for record in &plan.records {
        files.push((
            PathBuf::from(format!("{}.md", record.id)),
            stakeholder(record, plan.language),
        ));
    }
    files
}

/// Writes the files into `out` (created if missing), each new file in one step and never
/// over an existing one.
pub fn write(files: &[(PathBuf, String)], out: &Path) -> Result<Written, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut written = Written::default();
    let mut new: Vec<(PathBuf, &[u8])> = Vec::new();
    for (name, text) in files {
        let path = out.join(name);
        if path.exists() {
            written.kept.push(path);
        } else {
            new.push((path, text.as_bytes()));
        }
    }
    // One flush to disk for all the files, not one each.
    let batch: Vec<(&Path, &[u8])> = new.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    let results = crate::atomic::create_new_all(out, &batch);
    for ((path, _), result) in new.into_iter().zip(results) {
        match result {
            Ok(()) => written.created.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => written.kept.push(path),
            Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
        }
    }
    Ok(written)
}

fn project(plan: &Plan, file_stem: &str) -> String {
    // A stake export's title line is "Project — edition — as of": the project is the
    // first part.
    let name = plan
        .title
        .as_deref()
        .map(|t| t.split(" — ").next().unwrap_or(t).trim().to_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| file_stem.to_owned());
    let mut out = format!("---\nname: {}\n", scalar(&name, false));
    if plan.language == Language::ZhCn {
        out.push_str("language: zh-CN\n");
    }
    out.push_str("---\n");
    out
}

fn line(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        out.push_str(&format!("{key}: {}\n", scalar(value, false)));
    }
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("{key}:\n"));
    for item in items {
        out.push_str(&format!("  - {}\n", scalar(item, false)));
    }
}

fn attribute(a: Option<Attribute>) -> Option<String> {
    a.map(|a| match a {
        Attribute::Level(l) => l.word().to_owned(),
        Attribute::Flag(f) => f.to_string(),
    })
}

/// One stakeholder file.
fn stakeholder(r: &Record, language: Language) -> String {
    let mut out = String::from("---\n");
    line(&mut out, "name", Some(&r.name));
    line(&mut out, "short", r.short.as_deref());
    if let Some(kind) = r
        .kind
        .filter(|k| *k != crate::register::vocab::Kind::Person)
    {
        line(&mut out, "type", Some(kind.as_str()));
    }
    line(&mut out, "role", r.role.as_deref());
    line(&mut out, "organization", r.organization.as_deref());
    line(&mut out, "category", r.category.map(|c| c.as_str()));
    line(&mut out, "involvement", r.involvement.map(|c| c.as_str()));
    line(
        &mut out,
        "key",
        r.key.map(|k| if k { "true" } else { "false" }),
    );
    for (key, level, field) in [
        ("power", r.power, Field::Power),
        ("interest", r.interest, Field::Interest),
    ] {
        let unread = r
            .unreadable
            .iter()
            .find(|(f, ..)| *f == field || *f == Field::PowerInterest);
        match (level, unread) {
            (Some(level), _) => line(&mut out, key, Some(level.word())),
            // Required, and not guessed: the comment says what to write.
            (None, Some((_, text, place))) => out.push_str(&format!(
                "# {key}: the spreadsheet has {} ({place}), which is not a level; write 1–5 or very-low … very-high (低/中/高)\n",
                scalar(text, true)
            )),
            (None, None) => out.push_str(&format!(
                "# {key}: not in the spreadsheet; write 1–5 or very-low … very-high (低/中/高)\n"
            )),
        }
    }
    line(&mut out, "influence", r.influence.map(|l| l.word()));
    line(&mut out, "impact", r.impact.map(|l| l.word()));
    line(&mut out, "legitimacy", attribute(r.legitimacy).as_deref());
    line(&mut out, "urgency", attribute(r.urgency).as_deref());
    if r.current.is_some() || r.desired.is_some() {
        out.push_str("engagement:\n");
        if let Some(current) = r.current {
            out.push_str(&format!("  current: {}\n", current.as_str()));
        }
        if let Some(desired) = r.desired {
            out.push_str(&format!("  desired: {}\n", desired.as_str()));
        }
    }
    line(&mut out, "owner", r.owner.as_deref());
    list(&mut out, "needs", &r.needs);
    list(&mut out, "expectations", &r.expectations);
    for key in [
        "positions",
        "communication",
        "relationships",
        "interactions",
    ] {
        let Some(items) = r.lists.get(key) else {
            continue;
        };
        out.push_str(&format!("{key}:\n"));
        for item in items {
            let mut first = true;
            let mut follow_up: Vec<(&str, &str)> = Vec::new();
            for (name, value) in item {
                if let Some(sub) = name.strip_prefix("follow_up.") {
                    follow_up.push((sub, value));
                    continue;
                }
                out.push_str(if first { "  - " } else { "    " });
                first = false;
                match name.strip_suffix("[]") {
                    // A list in one cell, `a, b`.
                    Some(name) => {
                        let items: Vec<String> = value
                            .split(',')
                            .map(str::trim)
                            .filter(|i| !i.is_empty())
                            .map(|i| scalar(i, true))
                            .collect();
                        out.push_str(&format!("{name}: [{}]\n", items.join(", ")));
                    }
                    None => out.push_str(&format!("{name}: {}\n", scalar(value, false))),
                }
            }
            if !follow_up.is_empty() && follow_up.iter().any(|(k, _)| *k == "action") {
                out.push_str(if first { "  - " } else { "    " });
                out.push_str("follow_up:\n");
                for (name, value) in follow_up {
                    out.push_str(&format!("      {name}: {}\n", scalar(value, false)));
                }
            }
        }
    }
    if !r.tags.is_empty() {
        let tags: Vec<String> = r.tags.iter().map(|t| scalar(t, true)).collect();
        out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if !r.contact.is_empty() {
        out.push_str("contact:\n");
        for (key, value) in &r.contact {
            out.push_str(&format!(
                "  {}: {}\n",
                scalar(key, false),
                scalar(value, false)
            ));
        }
    }
    if let Some(date) = r.next_review {
        out.push_str(&format!("next_review: {date}\n"));
    }
    match &r.confidential {
        Some(Ok(true)) => out.push_str("confidential: true\n"),
        Some(Err(fields)) if !fields.is_empty() => {
            let fields: Vec<String> = fields.iter().map(|f| scalar(f, true)).collect();
            out.push_str(&format!("confidential: [{}]\n", fields.join(", ")));
        }
        _ => {}
    }
    out.push_str("---\n");
    if let Some(notes) = &r.notes {
        out.push('\n');
        out.push_str(notes.trim());
        out.push('\n');
    }
    if !r.extra.is_empty() {
        out.push_str(&notes_table(&r.extra, language));
    }
    out
}

/// The first line of the notes table of unmapped columns, in each language: how
/// `--update` finds the table again.
pub(super) const TABLE_INTROS: [&str; 2] = [
    "Columns of the spreadsheet with no field in the register:",
    "电子表格中没有对应字段的列：",
];

/// The notes table of unmapped columns, with a blank line before it.
pub(super) fn notes_table(extra: &[(String, String)], language: Language) -> String {
    let (intro, column, value) = match language {
        Language::ZhCn => (TABLE_INTROS[1], "列", "内容"),
        Language::En => (TABLE_INTROS[0], "Column", "Value"),
    };
    let mut out = format!("\n{intro}\n\n| {column} | {value} |\n|---|---|\n");
    for (header, text) in extra {
        out.push_str(&format!(
            "| {} | {} |\n",
            table_cell(header),
            table_cell(text)
        ));
    }
    out
}

/// A value as one cell of a Markdown table: `|` escaped, lines joined with ` / `.
pub(super) fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", " / ")
        .replace('\n', " / ")
}
