//! `stake import --update`: the spreadsheet's changed single values merged into an
//! existing stakeholder file by editing only those values' text. Everything else of the
//! file (notes, comments, key order, quoting, the lists) stays as it is.
//!
//! Values are compared by meaning, not spelling: a file's `power: H` is not rewritten to
//! `high` when the sheet says `High`. Lists (needs, tags, interactions, …) are not merged:
//! the file's lists are kept.

use granit_parser::{Event, Parser, StructureStyle};

use super::Record;
use crate::log::edit::scalar;
use crate::register::front_matter::{self, FrontMatter};
use crate::register::vocab::{
    Attribute, Category, EngagementLevel, Involvement, Kind, Level, Vocabulary,
};

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

/// The file's text with the record's changed values, and the names of the fields
/// changed; `Ok` with no names when nothing changed.
pub fn merge(text: &str, record: &Record) -> Result<(String, Vec<&'static str>), String> {
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
        match find(&path) {
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
        let (out, changed) = merge(text, &record()).unwrap();
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
        let (again, changed) = merge(&out, &record()).unwrap();
        assert!(changed.is_empty());
        assert_eq!(again, out);
    }

    #[test]
    fn a_block_map_and_missing_fields_get_lines() {
        let text = "---\nname: Helen Brandt\npower: high\ninterest: 5\nengagement:\n  current: supportive\n---\n";
        let (out, changed) = merge(text, &record()).unwrap();
        assert_eq!(changed, ["engagement.desired", "owner"]);
        assert_eq!(
            out,
            "---\nname: Helen Brandt\npower: high\ninterest: 5\nengagement:\n  current: supportive\n  desired: leading\nowner: \"Priya: PMO\"\n---\n"
        );
    }
}
