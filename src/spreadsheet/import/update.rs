//! `stake import --update`: what the spreadsheet has that an existing stakeholder file
//! lacks, merged into that file by inserting or replacing only that text. Everything
//! else of the file (notes, comments, key order, quoting, line endings) stays as it is.
//!
//! - Single values (levels, role, owner, engagement, …) that differ are replaced. They
//!   are compared by meaning, not spelling: a file's `power: H` is not rewritten to
//!   `high` when the sheet says `High`.
//! - Lists are merged, never shortened: the sheet's tags, needs and expectations that
//!   the file lacks are appended; so are the interactions of a `stake export`'s
//!   Interactions sheet that the stakeholder's log lacks (same date and summary), oldest
//!   first, in the style of the list.
//! - The notes table of unmapped columns: a row whose value changed is rewritten, a
//!   column the table lacks gets a row, a table is added when the body has none; the rest
//!   of the body is the file's.

use granit_parser::{Event, Parser, StructureStyle};

use super::Record;
use super::write::{TABLE_INTROS, notes_table, table_cell};
use crate::log::Entry;
use crate::log::edit::{append_interaction, append_text, scalar};
use crate::register::Stakeholder;
use crate::register::doc::Sentiment;
use crate::register::front_matter::{self, FrontMatter};
use crate::register::vocab::{
    Attribute, Category, EngagementLevel, Involvement, Kind, Level, Vocabulary,
};
use crate::register::vocab::{Date, Language};

/// A scalar of the front matter: its path (`["engagement", "current"]`), its text as
/// YAML reads it, its byte range in the front matter and whether it sits in a flow map.
#[derive(Debug)]
struct Scalar {
    path: Vec<String>,
    value: String,
    range: std::ops::Range<usize>,
}

/// A map of the front matter below the top: its key, where its last content ends, the
/// column of its keys, and whether it is a flow map (and where its `}` is).
#[derive(Debug)]
struct NestedMap {
    key: String,
    end: usize,
    key_column: usize,
    flow_close: Option<usize>,
}

/// The file's text with the record's changed values and the list items and notes-table
/// rows it lacks, and the names of what changed; `Ok` with no names when nothing did.
/// `file` is the stakeholder as the register reads the file now.
pub fn merge(
    text: &str,
    record: &Record,
    file: &Stakeholder,
    language: Language,
    from_export: bool,
) -> Result<(String, Vec<&'static str>), String> {
    let (mut out, mut changed) = merge_values(text, record, from_export)?;
    let same_text = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    for (key, sheet, known) in [
        ("tags", &record.tags, &file.tags),
        ("needs", &record.needs, &file.needs),
        ("expectations", &record.expectations, &file.expectations),
    ] {
        let mut added: Vec<&String> = Vec::new();
        for item in sheet {
            if item.trim().is_empty()
                || known.iter().any(|k| same_text(k, item))
                || added.iter().any(|k| same_text(k, item))
            {
                continue;
            }
            out = append_text(&out, key, item)?;
            added.push(item);
        }
        if !added.is_empty() {
            changed.push(key);
        }
    }
    let mut entries: Vec<Entry> = record
        .lists
        .get("interactions")
        .into_iter()
        .flatten()
        .filter_map(|item| entry(item))
        .filter(|e| {
            !file.interactions.iter().any(|i| {
                i.date == e.date
                    && i.summary
                        .as_deref()
                        .is_some_and(|s| s.trim() == e.summary.trim())
            })
        })
        .collect();
    entries.sort_by_key(|e| e.date);
    entries.dedup_by(|a, b| a.date == b.date && a.summary == b.summary);
    for e in &entries {
        out = append_interaction(&out, e)?;
    }
    if !entries.is_empty() {
        changed.push("interactions");
    }
    if let Some(body) = merge_table(&out, &record.extra, language)
        && body != out
    {
        out = body;
        changed.push("notes table");
    }
    Ok((out, changed))
}

/// An interaction of a stake export's Interactions sheet as an entry to append; `None`
/// without a date or a summary (what `stake log` needs too).
fn entry(item: &[(&'static str, String)]) -> Option<Entry> {
    let get = |name: &str| {
        item.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let date = Date::parse(&get("date")?)?;
    let summary = get("summary")?;
    let follow_up = get("follow_up.action")
        .map(|action| (action, get("follow_up.due").and_then(|d| Date::parse(&d))));
    let done = follow_up.is_some()
        && get("follow_up.done").is_some_and(|d| matches!(bool::parse(&d), Some(true)));
    Some(Entry {
        date,
        channel: get("channel"),
        summary,
        sentiment: get("sentiment").filter(|s| Sentiment::parse(s).is_some()),
        by: get("by"),
        follow_up,
        done,
    })
}

/// The body's notes table of unmapped columns with the sheet's values: a changed row
/// rewritten, a new column added as a row, a new table at the end of the body when there
/// is none. `None` when the front matter cannot be found.
fn merge_table(text: &str, extra: &[(String, String)], language: Language) -> Option<String> {
    if extra.is_empty() {
        return Some(text.to_owned());
    }
    let FrontMatter::Found(split) = front_matter::split(text) else {
        return None;
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let body_start = split.yaml_offset + split.yaml.len();
    // The body begins after the closing `---` line.
    let body_start = match text[body_start..].find('\n') {
        Some(i) => body_start + i + 1,
        None => text.len(),
    };
    let body = &text[body_start..];
    let Some(intro) = TABLE_INTROS
        .iter()
        .filter_map(|intro| body.find(intro))
        .min()
    else {
        let mut out = text.to_owned();
        if !out.ends_with('\n') {
            out.push_str(newline);
        }
        out.push_str(&notes_table(extra, language).replace('\n', newline));
        return Some(out);
    };
    // The table's rows: the `| … | … |` lines after the intro, past the header and
    // the `|---|---|` line.
    let mut lines: Vec<(usize, usize, String)> = Vec::new(); // (start, end, header)
    let mut at = body_start + intro;
    let mut in_table = false;
    let mut last_end = None;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[at..end].trim_end_matches(['\r', '\n']);
        if line.starts_with('|') {
            in_table = true;
            let header = line
                .trim_start_matches('|')
                .split(" | ")
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            lines.push((at, end, header));
            last_end = Some(end);
        } else if in_table {
            break;
        }
        at = end;
    }
    let rows = lines.get(2..).unwrap_or_default();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut added = String::new();
    for (header, value) in extra {
        let wanted = format!("| {} | {} |", table_cell(header), table_cell(value));
        match rows.iter().find(|(_, _, h)| *h == table_cell(header)) {
            Some((start, end, _)) => {
                let line = text[*start..*end].trim_end_matches(['\r', '\n']);
                if line != wanted {
                    edits.push((*start, *start + line.len(), wanted));
                }
            }
            None => added.push_str(&format!("{wanted}{newline}")),
        }
    }
    let mut out = text.to_owned();
    if !added.is_empty() {
        let at = last_end.unwrap_or(out.len());
        if !out[..at].ends_with('\n') {
            added.insert_str(0, newline);
        }
        edits.push((at, at, added));
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    Some(out)
}

/// The file's text with the record's changed single values. A value the file leaves to
/// its default is not written when the sheet has the default (`type: person`), nor a
/// stake export's `Key`, which is the analysis's (derived when the file has none).
fn merge_values(
    text: &str,
    record: &Record,
    from_export: bool,
) -> Result<(String, Vec<&'static str>), String> {
    let FrontMatter::Found(split) = front_matter::split(text) else {
        return Err("the file has no front matter".into());
    };
    let yaml = split.yaml;
    let (scalars, maps) = scan(yaml)?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let find = |path: &[&str]| scalars.iter().find(|s| s.path == path);

    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut changed = Vec::new();
    let mut appended = String::new();
    for (path, name, wanted) in wanted(record) {
        let Some(wanted) = wanted else { continue };
        let default = match name {
            "type" => wanted == "person",
            "key" => from_export,
            _ => false,
        };
        match find(&path) {
            None if default => {}
            Some(existing) if same(name, &existing.value, &wanted) => {}
            Some(existing) => {
                let in_flow = yaml[..existing.range.start]
                    .rfind(['{', '\n'])
                    .is_some_and(|i| yaml.as_bytes()[i] == b'{');
                edits.push((
                    existing.range.start,
                    existing.range.end,
                    scalar(&wanted, in_flow),
                ));
                changed.push(name);
            }
            None if path.len() == 1 => {
                appended.push_str(&format!("{}: {}{newline}", path[0], scalar(&wanted, false)));
                changed.push(name);
            }
            None => {
                // `engagement.current` in an existing `engagement` map, or a new one.
                let key = path[1];
                match maps.iter().find(|m| m.key == path[0]) {
                    Some(map) => match map.flow_close {
                        Some(close) => {
                            let empty = yaml[..close].trim_end().ends_with('{');
                            let sep = if empty { "" } else { ", " };
                            edits.push((
                                close,
                                close,
                                format!("{sep}{key}: {}", scalar(&wanted, true)),
                            ));
                        }
                        None => {
                            let at = match yaml[map.end..].find('\n') {
                                Some(i) => map.end + i + 1,
                                None => yaml.len(),
                            };
                            edits.push((
                                at,
                                at,
                                format!(
                                    "{}{key}: {}{newline}",
                                    " ".repeat(map.key_column),
                                    scalar(&wanted, false)
                                ),
                            ));
                        }
                    },
                    None if !appended.contains(&format!("{}:{newline}", path[0])) => {
                        appended.push_str(&format!(
                            "{}:{newline}  {key}: {}{newline}",
                            path[0],
                            scalar(&wanted, false)
                        ));
                    }
                    None => {
                        appended.push_str(&format!("  {key}: {}{newline}", scalar(&wanted, false)))
                    }
                }
                changed.push(name);
            }
        }
    }
    if changed.is_empty() {
        return Ok((text.to_owned(), changed));
    }
    if !appended.is_empty() {
        let prefix = if yaml.is_empty() || yaml.ends_with('\n') {
            ""
        } else {
            newline
        };
        // First among edits at the same place: applied first, it ends up last.
        edits.insert(0, (yaml.len(), yaml.len(), format!("{prefix}{appended}")));
    }
    // From the end, so that earlier offsets stay right (a stable sort).
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut yaml_out = yaml.to_owned();
    for (start, end, text) in edits {
        yaml_out.replace_range(start..end, &text);
    }
    let start = split.yaml_offset;
    let end = start + yaml.len();
    Ok((
        format!("{}{yaml_out}{}", &text[..start], &text[end..]),
        changed,
    ))
}

/// The record's single values by path, with their names for the report.
fn wanted(r: &Record) -> Vec<(Vec<&'static str>, &'static str, Option<String>)> {
    let level = |l: Option<Level>| l.map(|l| l.word().to_owned());
    let attribute = |a: Option<Attribute>| {
        a.map(|a| match a {
            Attribute::Level(l) => l.word().to_owned(),
            Attribute::Flag(f) => f.to_string(),
        })
    };
    vec![
        (vec!["name"], "name", Some(r.name.clone())),
        (vec!["short"], "short", r.short.clone()),
        (vec!["type"], "type", r.kind.map(|k| k.as_str().to_owned())),
        (vec!["role"], "role", r.role.clone()),
        (vec!["organization"], "organization", r.organization.clone()),
        (
            vec!["category"],
            "category",
            r.category.map(|c| c.as_str().to_owned()),
        ),
        (
            vec!["involvement"],
            "involvement",
            r.involvement.map(|c| c.as_str().to_owned()),
        ),
        (vec!["key"], "key", r.key.map(|k| k.to_string())),
        (vec!["power"], "power", level(r.power)),
        (vec!["interest"], "interest", level(r.interest)),
        (vec!["influence"], "influence", level(r.influence)),
        (vec!["impact"], "impact", level(r.impact)),
        (vec!["legitimacy"], "legitimacy", attribute(r.legitimacy)),
        (vec!["urgency"], "urgency", attribute(r.urgency)),
        (
            vec!["engagement", "current"],
            "engagement.current",
            r.current.map(|e| e.as_str().to_owned()),
        ),
        (
            vec!["engagement", "desired"],
            "engagement.desired",
            r.desired.map(|e| e.as_str().to_owned()),
        ),
        (vec!["owner"], "owner", r.owner.clone()),
        (
            vec!["next_review"],
            "next_review",
            r.next_review.map(|d| d.to_string()),
        ),
    ]
}

/// Whether the file's value means what the sheet's does.
fn same(name: &str, existing: &str, wanted: &str) -> bool {
    fn eq<T: Vocabulary + PartialEq>(a: &str, b: &str) -> bool {
        matches!((T::parse(a), T::parse(b)), (Some(x), Some(y)) if x == y)
    }
    match name {
        "power" | "interest" | "influence" | "impact" => eq::<Level>(existing, wanted),
        "legitimacy" | "urgency" => eq::<Attribute>(existing, wanted),
        "category" => eq::<Category>(existing, wanted),
        "involvement" => eq::<Involvement>(existing, wanted),
        "type" => eq::<Kind>(existing, wanted),
        "key" => eq::<bool>(existing, wanted),
        "engagement.current" | "engagement.desired" => eq::<EngagementLevel>(existing, wanted),
        _ => existing.trim() == wanted.trim(),
    }
}

/// The scalars of the top-level map and of its maps one level down, and those maps.
fn scan(yaml: &str) -> Result<(Vec<Scalar>, Vec<NestedMap>), String> {
    struct Open {
        mapping: bool,
        style: StructureStyle,
        expect_key: bool,
        key: Option<String>,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut scalars = Vec::new();
    let mut maps: Vec<NestedMap> = Vec::new();
    for event in Parser::new_from_str(yaml) {
        let (event, span) =
            event.map_err(|e| format!("the front matter is not valid YAML: {e}"))?;
        let start = span.start.byte_offset().unwrap_or(0);
        let end = span.end.byte_offset().unwrap_or(start);
        if let Some(map) = maps.last_mut()
            && stack.len() >= 2
            && stack.get(1).and_then(|o| o.key.as_deref()) == Some(map.key.as_str())
            && matches!(event, Event::Scalar(..))
        {
            map.end = map.end.max(end);
        }
        match event {
            Event::Scalar(value, ..) => {
                let Some(open) = stack.last_mut() else {
                    continue;
                };
                if !open.mapping {
                    continue;
                }
                if open.expect_key {
                    open.key = Some(value.into_owned());
                    open.expect_key = false;
                    if stack.len() == 2
                        && let Some(map) = maps.last_mut()
                    {
                        map.key_column = start - yaml[..start].rfind('\n').map_or(0, |i| i + 1);
                    }
                } else {
                    let depth = stack.len();
                    if depth <= 2 {
                        let mut full: Vec<String> =
                            stack.iter().filter_map(|o| o.key.clone()).collect();
                        if depth == 1 {
                            full.truncate(1);
                        }
                        scalars.push(Scalar {
                            path: full,
                            value: value.into_owned(),
                            range: start..end,
                        });
                    }
                    let open = stack.last_mut().expect("open");
                    open.key = None;
                    open.expect_key = true;
                }
            }
            Event::MappingStart(style, ..) | Event::SequenceStart(style, ..) => {
                let mapping = matches!(event, Event::MappingStart(..));
                if stack.len() == 1
                    && mapping
                    && let Some(key) = stack[0].key.clone()
                {
                    maps.push(NestedMap {
                        key,
                        end: start,
                        key_column: 2,
                        flow_close: None,
                    });
                }
                stack.push(Open {
                    mapping,
                    style,
                    expect_key: true,
                    key: None,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let open = stack.pop().expect("balanced");
                if stack.len() == 1
                    && open.mapping
                    && let Some(map) = maps.last_mut()
                    && open.style == StructureStyle::Flow
                {
                    map.flow_close = Some(start);
                }
                if let Some(parent) = stack.last_mut()
                    && parent.mapping
                {
                    parent.key = None;
                    parent.expect_key = true;
                }
            }
            _ => {}
        }
    }
    Ok((scalars, maps))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            name: "Helen Brandt".into(),
            power: Some(Level::new(4).unwrap()),
            interest: Some(Level::new(5).unwrap()),
            owner: Some("Priya: PMO".into()),
            current: Some(EngagementLevel::Supportive),
            desired: Some(EngagementLevel::Leading),
            ..Record::default()
        }
    }

    #[test]
    fn only_changed_values_are_rewritten_in_place() {
        let text = "---\r\nname: Helen Brandt   # CFO\r\npower: H\r\ninterest: 'medium'\r\nowner: Dan\r\nengagement: {current: neutral}\r\nneeds:\r\n  - A budget\r\n---\r\nNotes stay.\r\n";
        let (out, changed) = merge_values(text, &record(), false).unwrap();
        assert_eq!(
            changed,
            [
                "interest",
                "engagement.current",
                "engagement.desired",
                "owner"
            ]
        );
        assert_eq!(
            out,
            "---\r\nname: Helen Brandt   # CFO\r\npower: H\r\ninterest: very-high\r\nowner: \"Priya: PMO\"\r\nengagement: {current: supportive, desired: leading}\r\nneeds:\r\n  - A budget\r\n---\r\nNotes stay.\r\n"
        );
        // Merged again: nothing to change.
        let (again, changed) = merge_values(&out, &record(), false).unwrap();
        assert!(changed.is_empty());
        assert_eq!(again, out);
    }

    #[test]
    fn a_block_map_and_missing_fields_get_lines() {
        let text = "---\nname: Helen Brandt\npower: high\ninterest: 5\nengagement:\n  current: supportive\n---\n";
        let (out, changed) = merge_values(text, &record(), false).unwrap();
        assert_eq!(changed, ["engagement.desired", "owner"]);
        assert_eq!(
            out,
            "---\nname: Helen Brandt\npower: high\ninterest: 5\nengagement:\n  current: supportive\n  desired: leading\nowner: \"Priya: PMO\"\n---\n"
        );
    }
}
