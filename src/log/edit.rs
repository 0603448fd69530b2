//! Appending one interaction to a stakeholder file's `interactions` list (or one item
//! to another of its lists: `stake import --update` adds tags and needs this way) by
//! inserting text, never by re-serialising: every byte outside the inserted text stays
//! as written (comments, key order, quoting, line endings, a BOM), and the new entry is
//! written in the style of the entries around it (block or flow, their indentation).
//!
//! The places come from the YAML parser's events and their byte spans, so a `#` in a
//! quoted value or a multi-line block scalar cannot mislead the search.

use granit_parser::{Event, Parser, ScalarStyle, StructureStyle};

use super::Entry;
use crate::register::front_matter::{self, FrontMatter};

/// What is appended to a list.
#[derive(Debug, Clone, Copy)]
enum Item<'a> {
    /// An interaction: a map.
    Entry(&'a Entry),
    /// A text (a tag, a need).
    Text(&'a str),
}

impl Item<'_> {
    fn flow(self) -> String {
        match self {
            Item::Entry(entry) => flow_map(entry),
            Item::Text(text) => scalar(text, true),
        }
    }
}

/// The file's text with `entry` appended to its `interactions`, or why it cannot be.
pub fn append_interaction(text: &str, entry: &Entry) -> Result<String, String> {
    append(text, "interactions", Item::Entry(entry))
}

/// The file's text with `value` appended to the top-level list `key` (`tags`,
/// `needs`, …), which is created (a block list at the end of the front matter) when
/// there is none; or why it cannot be.
pub fn append_text(text: &str, key: &str, value: &str) -> Result<String, String> {
    append(text, key, Item::Text(value))
}

fn append(text: &str, key: &str, item: Item<'_>) -> Result<String, String> {
    let split = match front_matter::split(text) {
        FrontMatter::Found(split) => split,
        FrontMatter::Absent => return Err("the file does not start with front matter".into()),
        FrontMatter::Unclosed => return Err("the front matter is never closed".into()),
    };
    let yaml = split.yaml;
    let base = split.yaml_offset;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let layout = Layout::of(yaml, key)?;
    let (at, insert) = match &layout.interactions {
        None => {
            // A new list at the end of the front matter, indented like the file's
            // other block lists.
            let (dash, key_col) = layout.other_list_indent.unwrap_or((2, 4));
            let mut insert = String::new();
            if !yaml.is_empty() && !yaml.ends_with('\n') {
                insert.push_str(newline);
            }
            insert.push_str(key);
            insert.push(':');
            insert.push_str(newline);
            insert.push_str(&match item {
                Item::Entry(entry) => {
                    block_item(entry, dash, key_col, key_col - dash, false, newline)
                }
                Item::Text(text) => text_item(text, dash, dash + 2, newline),
            });
            (yaml.len(), insert)
        }
        Some(List::Block(list)) => {
            let at = line_end_after(yaml, list.content_end);
            let mut insert = String::new();
            if at == yaml.len() && !yaml.ends_with('\n') {
                insert.push_str(newline);
            }
            let written = match (item, list.last_item) {
                (Item::Text(text), _) => text_item(text, list.dash, list.key, newline),
                (Item::Entry(entry), ItemStyle::Flow) => {
                    format!("{}- {}{newline}", " ".repeat(list.dash), flow_map(entry))
                }
                (Item::Entry(entry), ItemStyle::Block) => block_item(
                    entry,
                    list.dash,
                    list.key,
                    layout.follow_up_step.unwrap_or(2),
                    layout.follow_up_flow,
                    newline,
                ),
            };
            insert.push_str(&written);
            (at, insert)
        }
        Some(List::Flow(list)) => flow_insert(yaml, list, item, newline),
    };
    let at = base + at;
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(&text[..at]);
    out.push_str(&insert);
    out.push_str(&text[at..]);
    Ok(out)
}

/// One block-style list item of text: `- text`, its text at the column of the items
/// above it.
fn text_item(text: &str, dash: usize, key: usize, newline: &str) -> String {
    format!(
        "{}-{}{}{newline}",
        " ".repeat(dash),
        " ".repeat(key.saturating_sub(dash + 1).max(1)),
        scalar(text, false)
    )
}

/// Where the new entry goes in a flow list (`interactions: [{…}, {…}]`) and what to write.
fn flow_insert(yaml: &str, list: &FlowList, item: Item<'_>, newline: &str) -> (usize, String) {
    let item = item.flow();
    let before_close = yaml[..list.close].trim_end_matches([' ', '\t', '\r', '\n']);
    let close_on_own_line = yaml[line_start(yaml, list.close)..list.close]
        .chars()
        .all(|c| c == ' ' || c == '\t');
    match list.last_item_end {
        // `[]`, possibly spread over lines: the entry goes right after `[`.
        None => (list.open + 1, item),
        // A trailing comma: a new line before the `]` line, or the entry before `]`.
        Some(_) if before_close.ends_with(',') => {
            if close_on_own_line {
                let at = line_start(yaml, list.close);
                let indent = list.last_item_indent.unwrap_or(2);
                (at, format!("{}{item},{newline}", " ".repeat(indent)))
            } else {
                (list.close, format!(" {item},"))
            }
        }
        Some(end) => {
            if close_on_own_line {
                let indent = list.last_item_indent.unwrap_or(2);
                (end, format!(",{newline}{}{item}", " ".repeat(indent)))
            } else {
                (end, format!(", {item}"))
            }
        }
    }
}

/// One block-style list item: `- date: …` then one line per field.
fn block_item(
    entry: &Entry,
    dash: usize,
    key: usize,
    step: usize,
    follow_up_flow: bool,
    newline: &str,
) -> String {
    let mut out = String::new();
    let fields = entry.fields();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i == 0 {
            out.push_str(&" ".repeat(dash));
            out.push('-');
            out.push_str(&" ".repeat(key.saturating_sub(dash + 1).max(1)));
        } else {
            out.push_str(&" ".repeat(key));
        }
        out.push_str(&format!("{name}: {}{newline}", value.yaml(false)));
    }
    if let Some((action, due)) = &entry.follow_up {
        out.push_str(&" ".repeat(key));
        if follow_up_flow {
            out.push_str(&format!(
                "follow_up: {}{newline}",
                flow_follow_up(action, *due, entry.done)
            ));
        } else {
            out.push_str(&format!("follow_up:{newline}"));
            let inner = " ".repeat(key + step.max(1));
            out.push_str(&format!(
                "{inner}action: {}{newline}",
                scalar(action, false)
            ));
            if let Some(due) = due {
                out.push_str(&format!("{inner}due: {due}{newline}"));
            }
            if entry.done {
                out.push_str(&format!("{inner}done: true{newline}"));
            }
        }
    }
    out
}

/// The entry as a flow map: `{date: 2026-12-04, summary: …}`.
fn flow_map(entry: &Entry) -> String {
    let mut parts: Vec<String> = entry
        .fields()
        .iter()
        .map(|(name, value)| format!("{name}: {}", value.yaml(true)))
        .collect();
    if let Some((action, due)) = &entry.follow_up {
        parts.push(format!(
            "follow_up: {}",
            flow_follow_up(action, *due, entry.done)
        ));
    }
    format!("{{{}}}", parts.join(", "))
}

fn flow_follow_up(action: &str, due: Option<crate::register::vocab::Date>, done: bool) -> String {
    let mut parts = vec![format!("action: {}", scalar(action, true))];
    if let Some(due) = due {
        parts.push(format!("due: {due}"));
    }
    if done {
        parts.push("done: true".to_owned());
    }
    format!("{{{}}}", parts.join(", "))
}

/// `text` as a YAML scalar that reads back as exactly `text`: plain when nothing in it
/// means something to YAML, else double-quoted.
pub fn scalar(text: &str, in_flow: bool) -> String {
    if is_plain_safe(text, in_flow) {
        text.to_owned()
    } else {
        // A JSON string is a YAML double-quoted scalar with the same escapes.
        serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
    }
}

fn is_plain_safe(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || text.chars().any(char::is_control) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    if in_flow && text.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    // Words YAML (or a reader of the value) could take for something other than text.
    let lower = text.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) && lower.parse::<f64>().is_err()
}

/// The offset just past the line that holds `at - 1` (the end of some content).
fn line_end_after(yaml: &str, at: usize) -> usize {
    if at == 0 || yaml[..at].ends_with('\n') {
        return at;
    }
    match yaml[at..].find('\n') {
        Some(i) => at + i + 1,
        None => yaml.len(),
    }
}

fn line_start(yaml: &str, at: usize) -> usize {
    yaml[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The column of the first non-blank character of the line holding `at`.
fn indent_of_line(yaml: &str, at: usize) -> usize {
    let start = line_start(yaml, at);
    yaml[start..].len() - yaml[start..].trim_start_matches(' ').len()
}

/// What the front matter looks like where the entry goes.
#[derive(Debug, Default)]
struct Layout {
    /// The list the entry goes in (`interactions`, or the key asked for).
    interactions: Option<List>,
    /// Dash and key columns of the first item of another top-level block list.
    other_list_indent: Option<(usize, usize)>,
    /// How far an existing block `follow_up`'s keys are indented below it.
    follow_up_step: Option<usize>,
    /// Whether the last existing `follow_up` is a flow map.
    follow_up_flow: bool,
}

#[derive(Debug)]
enum List {
    Block(BlockList),
    Flow(FlowList),
}

#[derive(Debug)]
struct BlockList {
    /// Column of the last item's `-`.
    dash: usize,
    /// Column of the last item's first key.
    key: usize,
    last_item: ItemStyle,
    /// End of the last content of the list (a scalar or a flow collection's closing
    /// bracket).
    content_end: usize,
}

#[derive(Debug)]
struct FlowList {
    open: usize,
    close: usize,
    last_item_end: Option<usize>,
    last_item_indent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemStyle {
    Block,
    Flow,
}

/// One open collection while walking the events.
#[derive(Debug)]
struct Open {
    mapping: bool,
    style: StructureStyle,
    /// For mappings: whether the next scalar is a key.
    expect_key: bool,
    /// The key whose value is being read, in a mapping.
    key: Option<String>,
    /// Start of the key (for indentation).
    key_at: usize,
}

impl Layout {
    fn of(yaml: &str, list_key: &str) -> Result<Layout, String> {
        let mut layout = Layout::default();
        let mut stack: Vec<Open> = Vec::new();
        // The interactions list being read: its depth in `stack` and what is known.
        let mut list_depth: Option<usize> = None;
        let mut item_start: Option<(usize, ItemStyle)> = None;
        let mut content_end = 0;
        let mut open_at = 0;
        let mut flow_items: Option<(usize, usize)> = None; // (end, indent) of the last item
        // The top-level block list whose first item gives the indentation of a new list.
        let mut other_list: Option<usize> = None;
        for event in Parser::new_from_str(yaml) {
            let (event, span) =
                event.map_err(|e| format!("the front matter is not valid YAML: {e}"))?;
            let start = span.start.byte_offset().unwrap_or(0);
            let end = span.end.byte_offset().unwrap_or(start);
            let depth = stack.len();
            // A node starting directly inside the interactions list is an item.
            let is_item = list_depth == Some(depth);
            let parent_key = stack.last().and_then(|o| o.key.clone());
            let in_list = list_depth.is_some_and(|d| depth >= d);
            match event {
                Event::Scalar(value, style, ..) => {
                    let end = block_scalar_end(yaml, style, start, end);
                    if is_item {
                        item_start = Some((start, ItemStyle::Block));
                        flow_items = Some((end, indent_of_line(yaml, start)));
                    }
                    if in_list {
                        content_end = content_end.max(end);
                    }
                    if other_list == Some(depth) && layout.other_list_indent.is_none() {
                        let dash = item_indent(yaml, start).0;
                        layout.other_list_indent = Some((dash, dash + 2));
                    }
                    if let Some(open) = stack.last_mut()
                        && open.mapping
                    {
                        if open.expect_key {
                            open.key = Some(value.into_owned());
                            open.key_at = start;
                            open.expect_key = false;
                        } else {
                            open.key = None;
                            open.expect_key = true;
                        }
                    }
                }
                Event::SequenceStart(style, ..) | Event::MappingStart(style, ..) => {
                    let mapping = matches!(event, Event::MappingStart(..));
                    if depth == 0 && (!mapping || style != StructureStyle::Block) {
                        return Err(
                            "the front matter is not a block of `field: value` lines".into()
                        );
                    }
                    if is_item {
                        let item_style = if mapping && style == StructureStyle::Block {
                            ItemStyle::Block
                        } else {
                            ItemStyle::Flow
                        };
                        item_start = Some((start, item_style));
                    }
                    if depth == 1 && !mapping && parent_key.as_deref() == Some(list_key) {
                        list_depth = Some(depth + 1);
                        open_at = start;
                    } else if depth == 1
                        && !mapping
                        && style == StructureStyle::Block
                        && other_list.is_none()
                    {
                        other_list = Some(depth + 1);
                    } else if other_list == Some(depth) && layout.other_list_indent.is_none() {
                        layout.other_list_indent = Some(item_indent(yaml, start));
                        if !(mapping && style == StructureStyle::Block) {
                            let dash = indent_of_line(yaml, start);
                            layout.other_list_indent = Some((dash, dash + 2));
                        }
                    }
                    if mapping && parent_key.as_deref() == Some("follow_up") && in_list {
                        layout.follow_up_flow = style == StructureStyle::Flow;
                        if style == StructureStyle::Block
                            && let Some(open) = stack.last()
                        {
                            let key_col = open.key_at - line_start(yaml, open.key_at);
                            let inner = start - line_start(yaml, start);
                            layout.follow_up_step = Some(inner.saturating_sub(key_col));
                        }
                    }
                    stack.push(Open {
                        mapping,
                        style,
                        expect_key: true,
                        key: None,
                        key_at: start,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let open = stack.pop().expect("balanced events");
                    if open.style == StructureStyle::Flow && in_list {
                        content_end = content_end.max(end);
                    }
                    let depth = stack.len();
                    if list_depth == Some(depth) && depth >= 1 && open.style == StructureStyle::Flow
                    {
                        // A flow item just closed.
                        if let Some((item_at, _)) = item_start {
                            flow_items = Some((end, indent_of_line(yaml, item_at)));
                        }
                    }
                    if list_depth == Some(depth + 1) {
                        // The interactions list itself closed.
                        layout.interactions = Some(if open.style == StructureStyle::Flow {
                            let (last_item_end, last_item_indent) = match item_start {
                                Some(_) => {
                                    flow_items.map_or((None, None), |(e, i)| (Some(e), Some(i)))
                                }
                                None => (None, None),
                            };
                            List::Flow(FlowList {
                                open: open_at,
                                close: start,
                                last_item_end,
                                last_item_indent,
                            })
                        } else {
                            let Some((item_at, last_item)) = item_start else {
                                return Err(format!("`{list_key}` is an empty block list"));
                            };
                            let (dash, key) = item_indent(yaml, item_at);
                            List::Block(BlockList {
                                dash,
                                key,
                                last_item,
                                content_end,
                            })
                        });
                        list_depth = None;
                    }
                    if other_list == Some(depth + 1) {
                        other_list = Some(usize::MAX);
                    }
                    if let Some(parent) = stack.last_mut()
                        && parent.mapping
                    {
                        parent.key = None;
                        parent.expect_key = true;
                    }
                }
                Event::Alias(..) => {
                    if let Some(open) = stack.last_mut()
                        && open.mapping
                    {
                        open.expect_key = !open.expect_key;
                    }
                }
                _ => {}
            }
        }
        if let Some(open) = stack.first()
            && open.mapping
        {
            return Err("the front matter ends inside a value".into());
        }
        if layout.interactions.is_none() && yaml_has_key(yaml, list_key) {
            return Err(format!("`{list_key}` is not a list"));
        }
        Ok(layout)
    }
}

/// Where a block scalar's content ends: its span runs over the blank lines after it,
/// which belong to it only with "keep" chomping (`|+`, `>+`).
fn block_scalar_end(yaml: &str, style: ScalarStyle, start: usize, end: usize) -> usize {
    if !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
        return end;
    }
    // The span may start at the indicator or at the text below it.
    let indicator = yaml[..end.min(start + 1)]
        .rfind(['|', '>'])
        .unwrap_or(start);
    let header = yaml[indicator..].lines().next().unwrap_or("");
    if header.split('#').next().unwrap_or("").contains('+') {
        return end;
    }
    start
        + yaml[start..end]
            .trim_end_matches([' ', '\t', '\r', '\n'])
            .len()
}

/// `interactions:` with a value that is not a list: the loader reports it; we only need
/// not to add a second `interactions` key.
fn yaml_has_key(yaml: &str, key: &str) -> bool {
    yaml.lines().any(|line| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// The dash column and the first key's column of a block list item starting at `at`
/// (the item's first content, after `- `).
fn item_indent(yaml: &str, at: usize) -> (usize, usize) {
    let start = line_start(yaml, at);
    let prefix = &yaml[start..at];
    match prefix.find('-') {
        Some(dash) if prefix[dash + 1..].chars().all(|c| c == ' ') => (dash, at - start),
        // `-` alone on the line above, the item's keys below it.
        _ => {
            let key = at - start;
            let before = yaml[..start].trim_end_matches(['\n', '\r']);
            let dash_line = line_start(before, before.len());
            let dash = indent_of_line(before, dash_line);
            (dash, key)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::doc::{Lenient, StakeholderDoc};

    fn entry() -> Entry {
        Entry {
            date: jiff::civil::date(2026, 12, 4),
            channel: Some("call".into()),
            summary: "Agreed the budget".into(),
            sentiment: Some("positive".into()),
            by: Some("Daniel Ortiz".into()),
            follow_up: None,
            done: false,
        }
    }

    fn text_of<T: Clone>(field: &Option<crate::register::doc::Field<T>>) -> Option<T> {
        match field.as_ref().map(|f| &f.value) {
            Some(Lenient::Valid(v)) => Some(v.clone()),
            _ => None,
        }
    }

    /// Appends `entry` and checks what a user would: the original bytes are all there,
    /// in one piece before and one after the insertion; the result parses; it has one
    /// interaction more, the last in the file being the new one, with every field.
    fn appended(text: &str, entry: &Entry) -> String {
        let out = append_interaction(text, entry).unwrap();
        let prefix = text
            .bytes()
            .zip(out.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let inserted = out.len() - text.len();
        assert_eq!(
            &out[prefix + inserted..],
            &text[prefix..],
            "the bytes after the insertion changed:\n{out}"
        );
        let count = |t: &str| -> usize {
            let FrontMatter::Found(split) = front_matter::split(t) else {
                panic!("no front matter")
            };
            let doc: StakeholderDoc = serde_saphyr::from_str(split.yaml)
                .unwrap_or_else(|e| panic!("{e}\n{}", split.yaml));
            let last = doc.interactions.last().expect("an interaction");
            if t == out {
                assert_eq!(text_of(&last.value.date), Some(entry.date), "{out}");
                assert_eq!(
                    text_of(&last.value.summary),
                    Some(entry.summary.clone()),
                    "{out}"
                );
                assert_eq!(text_of(&last.value.channel), entry.channel.clone(), "{out}");
                assert_eq!(text_of(&last.value.by), entry.by.clone(), "{out}");
                assert_eq!(
                    last.value
                        .follow_up
                        .as_ref()
                        .and_then(|f| text_of(&f.value.action)),
                    entry.follow_up.as_ref().map(|f| f.0.clone()),
                    "{out}"
                );
            }
            doc.interactions.len()
        };
        let before = match front_matter::split(text) {
            FrontMatter::Found(split) => serde_saphyr::from_str::<StakeholderDoc>(split.yaml)
                .map(|d| d.interactions.len())
                .unwrap(),
            _ => panic!(),
        };
        assert_eq!(count(&out), before + 1, "{out}");
        out
    }

    #[test]
    fn a_block_list_gets_a_block_item_after_its_last_one_keeping_comments() {
        let text = "---\nname: Helen  # the CFO\npower: H\ninteractions:\n  # oldest first\n  - date: 2026-11-12\n    channel: meeting\n    summary: 'Budget: agreed'   # quoted\n\n# the end\ntags: [a]\n---\nNotes.\n";
        let out = appended(text, &entry());
        assert!(out.contains(
            "    summary: 'Budget: agreed'   # quoted\n  - date: 2026-12-04\n    channel: call\n    summary: Agreed the budget\n    sentiment: positive\n    by: Daniel Ortiz\n\n# the end\n"
        ), "{out}");
    }

    #[test]
    fn crlf_and_a_bom_stay_and_the_new_lines_use_crlf() {
        let text = "\u{feff}---\r\nname: Helen\r\npower: H\r\ninteractions:\r\n- date: 2026-11-12\r\n  summary: x\r\n---\r\nNotes\r\n";
        let out = appended(text, &entry());
        assert!(out.starts_with("\u{feff}---\r\n"));
        assert!(
            out.contains("  summary: x\r\n- date: 2026-12-04\r\n  channel: call\r\n"),
            "{out:?}"
        );
        assert!(
            !out.replace("\r\n", "").contains('\n'),
            "a bare LF: {out:?}"
        );
    }

    #[test]
    fn wide_indentation_is_matched() {
        let text = "---\nname: H\ninteractions:\n    -   date: 2026-11-12\n        summary: x\n        follow_up:\n            action: Call back\n---\n";
        let mut e = entry();
        e.follow_up = Some((
            "Send the plan".into(),
            Some(jiff::civil::date(2026, 12, 10)),
        ));
        let out = appended(text, &e);
        assert!(
            out.contains("\n    -   date: 2026-12-04\n        channel: call\n"),
            "{out}"
        );
        assert!(out.contains("        follow_up:\n            action: Send the plan\n            due: 2026-12-10\n---"), "{out}");
    }

    #[test]
    fn flow_follow_ups_stay_flow() {
        let text = "---\nname: H\ninteractions:\n  - date: 2026-11-12\n    summary: x\n    follow_up: {action: Call back, due: 2026-11-20}\n---\n";
        let mut e = entry();
        e.follow_up = Some(("Send it, then call".into(), None));
        let out = appended(text, &e);
        assert!(
            out.contains("    follow_up: {action: \"Send it, then call\"}\n---"),
            "{out}"
        );
    }

    #[test]
    fn flow_items_in_a_block_list_get_a_flow_item() {
        let text = "---\nname: H\ninteractions:\n  - {date: 2026-11-12, summary: x}\n  - {date: 2026-11-13, summary: y}\nowner: Dan\n---\n";
        let out = appended(text, &entry());
        assert!(out.contains("  - {date: 2026-11-13, summary: y}\n  - {date: 2026-12-04, channel: call, summary: Agreed the budget, sentiment: positive, by: Daniel Ortiz}\nowner: Dan\n"), "{out}");
    }

    #[test]
    fn a_dash_on_its_own_line() {
        let text = "---\nname: H\ninteractions:\n  -\n    date: 2026-11-12\n    summary: x\n---\n";
        let out = appended(text, &entry());
        assert!(
            out.contains("    summary: x\n  - date: 2026-12-04\n    channel: call\n"),
            "{out}"
        );
    }

    #[test]
    fn a_block_scalar_summary_ends_where_it_ends() {
        let text = "---\nname: H\ninteractions:\n  - date: 2026-11-12\n    summary: |\n      Line one\n      line two\n\ntags: [x]\n---\n";
        let out = appended(text, &entry());
        assert!(
            out.contains("      line two\n  - date: 2026-12-04\n"),
            "{out}"
        );
        // With "keep" chomping the blank lines are part of the text, so the entry goes
        // after them.
        let keep = text.replace("summary: |", "summary: |+");
        let out = appended(&keep, &entry());
        assert!(
            out.contains("      line two\n\n  - date: 2026-12-04\n"),
            "{out}"
        );
    }

    #[test]
    fn flow_lists_on_one_line_and_over_several() {
        let one = "---\nname: H\ninteractions: [{date: 2026-11-12, summary: x}]  # log\n---\n";
        let out = appended(one, &entry());
        assert!(out.contains("interactions: [{date: 2026-11-12, summary: x}, {date: 2026-12-04, channel: call, summary: Agreed the budget, sentiment: positive, by: Daniel Ortiz}]  # log\n"), "{out}");

        let empty = "---\nname: H\ninteractions: []\n---\n";
        let out = appended(empty, &entry());
        assert!(out.contains("interactions: [{date: 2026-12-04,"), "{out}");

        let trailing = "---\nname: H\ninteractions: [\n  {date: 2026-11-12, summary: x},\n]\n---\n";
        let out = appended(trailing, &entry());
        assert!(out.contains("  {date: 2026-11-12, summary: x},\n  {date: 2026-12-04, channel: call, summary: Agreed the budget, sentiment: positive, by: Daniel Ortiz},\n]\n"), "{out}");

        let bare = "---\nname: H\ninteractions: [\n    {date: 2026-11-12, summary: x}\n]\n---\n";
        let out = appended(bare, &entry());
        assert!(
            out.contains("    {date: 2026-11-12, summary: x},\n    {date: 2026-12-04,"),
            "{out}"
        );
    }

    #[test]
    fn a_missing_list_is_created_at_the_end_indented_like_the_others() {
        let text = "---\nname: H\nneeds:\n- A budget\npower: H\n...\nBody\n";
        let out = appended(text, &entry());
        assert!(out.ends_with("power: H\ninteractions:\n- date: 2026-12-04\n  channel: call\n  summary: Agreed the budget\n  sentiment: positive\n  by: Daniel Ortiz\n...\nBody\n"), "{out}");

        let plain = "---\nname: H\npower: H\n---\n";
        let out = appended(plain, &entry());
        assert!(
            out.ends_with(
                "power: H\ninteractions:\n  - date: 2026-12-04\n    channel: call\n"[..0]
                    .to_owned()
                    .as_str()
            ) || out.contains("interactions:\n  - date: 2026-12-04\n    channel: call\n"),
            "{out}"
        );
    }

    #[test]
    fn text_that_yaml_would_read_otherwise_is_quoted() {
        let text = "---\nname: H\ninteractions: []\n---\n";
        for summary in [
            "Budget: agreed",
            "# not a comment",
            "- a dash",
            "yes",
            "2026",
            "1.5",
            "null",
            "a, b",
            "[x]",
            " padded ",
            "two\nlines",
            "quote \" and back\\slash",
            "王局长同意：按期通水",
            "trailing:",
            "@home",
        ] {
            let mut e = entry();
            e.summary = summary.into();
            appended(text, &e);
            let block = "---\nname: H\ninteractions:\n  - date: 2026-11-12\n---\n";
            appended(block, &e);
        }
    }

    #[test]
    fn front_matter_that_is_not_a_block_map_is_refused() {
        let e = entry();
        assert!(append_interaction("---\n{name: H}\n---\n", &e).is_err());
        assert!(append_interaction("---\nname: H\ninteractions: none\n---\n", &e).is_err());
        assert!(append_interaction("no front matter\n", &e).is_err());
    }

    #[test]
    fn every_stakeholder_file_of_the_samples_takes_an_entry() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut seen = 0;
        for file in walkdir::WalkDir::new(root) {
            let file = file.unwrap();
            let name = file.file_name().to_string_lossy();
            if !name.ends_with(".md") || name.starts_with('_') {
                continue;
            }
            let text = std::fs::read_to_string(file.path()).unwrap();
            if !text.starts_with("---") || text.contains("\nmeeting:") {
                continue;
            }
            let mut e = entry();
            e.follow_up = Some(("回电".into(), Some(jiff::civil::date(2026, 12, 8))));
            appended(&text, &e);
            seen += 1;
        }
        assert!(seen > 30, "{seen}");
    }
}
