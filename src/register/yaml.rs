//! YAML parsing with serde-saphyr, and its errors turned into diagnostics that say what
//! to write: the parser knows where, the register format knows what was meant.

use serde::de::DeserializeOwned;
use serde_saphyr::Error;

use super::doc::Pos;
use super::typing::{self, FileCx};
use crate::diagnostic::{Diagnostic, Loc};

/// serde-saphyr's options: budgets small enough that alias bombs and deep nesting fail
/// in milliseconds, large enough for any real register file.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 200_000;
    budget.max_total_scalar_bytes = 4 * 1024 * 1024;
    budget.flow_nesting_limit = 64;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits = serde_saphyr::alias_limits! { max_total_replayed_events: 10_000 };
    // `name: No` is a name and `phone: 0123` a number as written, not a bool or an octal.
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

/// At most this many unknown fields of one file are hidden for a re-parse (each costs one);
/// the one after them is still reported, then the file stops.
const MAX_UNKNOWN_FIELDS: usize = 20;

/// Parses YAML into `T`, turning a failure into a diagnostic of the file.
///
/// A misspelt field name is the most common mistake, and serde stops at the first one.
/// So an unknown field's entry is turned into a comment (byte for byte, so that every
/// other location stays put) and the text parsed again: the file's other mistakes are
/// reported in the same run, and the rest of the document is still checked.
pub(super) fn parse<T: DeserializeOwned + Default>(cx: &mut FileCx<'_>, yaml: &str) -> Option<T> {
    if yaml.trim().is_empty() {
        return Some(T::default());
    }
    let mut edited: Option<String> = None;
    let mut hidden_lines = Vec::new();
    for _ in 0..=MAX_UNKNOWN_FIELDS {
        let text = edited.as_deref().unwrap_or(yaml);
        let error = match serde_saphyr::from_str_with_options::<T>(text, options()) {
            Ok(doc) => return Some(doc),
            Err(error) => error,
        };
        let location = error.location();
        if location.is_some_and(|l| hidden_lines.contains(&(l.line() as usize))) {
            // A consequence of hiding an entry, not a mistake of its own.
            return None;
        }
        let diagnostic = diagnose(cx, &error);
        let offset = match (error.without_snippet(), location) {
            (
                Error::SerdeUnknownField {
                    field, expected, ..
                },
                Some(l),
            ) => {
                if let Some(meant) = typing::closest(field, expected) {
                    cx.misspelt(meant, diagnostic.column);
                }
                l.span().byte_offset()
            }
            _ => None,
        };
        cx.diagnostics.push(diagnostic);
        let text = edited.get_or_insert_with(|| yaml.to_owned());
        if !offset.is_some_and(|offset| hide_entry(text, offset as usize, &mut hidden_lines)) {
            return None;
        }
    }
    None
}

/// Turns the block-mapping entry whose key starts at `offset` (the key's line and the
/// more indented lines of its value) into comments, keeping every byte offset. A list
/// item with no other key goes as a whole, so that no empty item is left. Returns false
/// for a key that does not start a block entry (e.g. inside `{…}`).
fn hide_entry(text: &mut String, offset: usize, hidden_lines: &mut Vec<usize>) -> bool {
    let Some(before) = text.get(..offset) else {
        return false;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[line_start..offset];
    let marker = lead.trim_start_matches(' ').trim_end_matches(' ');
    if !(marker.is_empty() || marker == "-") {
        return false;
    }
    // Spaces and `-` are one byte each: the byte length is the key's indentation.
    let key_indent = lead.len();
    let first_line = before.matches('\n').count() + 1;
    let mut starts = Vec::new();
    let mut sibling = false;
    let mut line = first_line;
    let mut next = text[offset..].find('\n').map(|i| offset + i + 1);
    while let Some(start) = next {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let content = text[start..end].trim_start_matches(' ');
        let indent = end - start - content.len();
        line += 1;
        if !content.trim().is_empty() {
            if indent <= key_indent {
                sibling = indent == key_indent && !marker.is_empty();
                break;
            }
            starts.push((start + indent, line));
        }
        next = (end < text.len()).then_some(end + 1);
    }
    let from = if marker.is_empty() || sibling {
        offset
    } else {
        line_start + lead.find('-').unwrap_or(0)
    };
    comment_out(text, from);
    hidden_lines.push(first_line);
    for (at, line) in starts {
        comment_out(text, at);
        hidden_lines.push(line);
    }
    true
}

/// Replaces the character at `at` with `#` and spaces of the same byte length.
fn comment_out(text: &mut String, at: usize) {
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    let comment = format!("#{}", " ".repeat(len.saturating_sub(1)));
    text.replace_range(at..at + len, &comment);
}

const SYNTAX_HELP: &str = "check the YAML near this place: `key: value` pairs, list items starting with `- `, \
     and quotes around text that contains `: ` or starts with `[`, `{`, `*`, `&` or `#`";

/// The error itself, inside the wrappers that only add where an alias was used.
fn original(mut error: &Error) -> &Error {
    while let Error::AliasError { error: inner, .. } | Error::WithSnippet { error: inner, .. } =
        error
    {
        error = inner;
    }
    error
}

fn diagnose(cx: &FileCx<'_>, error: &Error) -> Diagnostic {
    let error = error.without_snippet();
    let location = error.location().or_else(|| original(error).location());
    let error = original(error);
    let pos = location.map(|l| {
        let span = l.span();
        Pos {
            line: l.line() as u32,
            column: l.column() as u32,
            bytes: span
                .byte_offset()
                .map(|offset| (offset as usize, span.byte_len().unwrap_or(0) as usize)),
        }
    });
    let loc = pos.map_or_else(|| cx.front_matter(), |pos| cx.loc(pos));
    // Shape errors are reported at (or on the line of) the key whose value is wrong.
    let key =
        pos.and_then(|pos| key_before(cx.source_line(pos.line as usize)?, pos.column as usize));
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let help = match typing::closest(field, expected) {
                Some(word) => format!("did you mean `{word}`?"),
                None if field == "notes" && expected.contains(&"name") => {
                    "the notes are the Markdown text after the closing `---`; move this text there"
                        .to_owned()
                }
                None => format!("the fields here are: {}", expected.join(", ")),
            };
            Diagnostic::error(
                "unknown-field",
                cx.file,
                with_len(loc, field.len()),
                format!("unknown field `{field}`"),
            )
            .label("not a field of the register format")
            .help(help)
        }
        Error::DuplicateMappingKey { key, .. } => {
            let (loc, message) = match key {
                Some(key) => (
                    with_len(loc, key.len()),
                    format!("`{key}` is written twice in the same map"),
                ),
                None => (loc, "the same key is written twice in one map".to_owned()),
            };
            Diagnostic::error("duplicate-key", cx.file, loc, message)
                .label("written again here")
                .help("keep one of the two; which one a YAML reader keeps is not defined")
        }
        Error::Unexpected { expected, .. } if expected.contains("sequence") => {
            Diagnostic::error("wrong-type", cx.file, loc, must_be(key, "a list", None))
                .label("a list was expected here")
                .help(LIST_HELP)
        }
        Error::Unexpected { expected, .. } if expected.contains("mapping") => {
            Diagnostic::error("wrong-type", cx.file, loc, must_be(key, "a map", None))
                .label("`key: value` lines were expected here")
                .help(map_help(key))
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => {
            let (wanted, help) = if expected.starts_with("a single value") {
                (
                    "a single value".to_owned(),
                    "write one value on the same line as the key; put text in quotes if it \
                     starts with `[`, `{` or `-`"
                        .to_owned(),
                )
            } else if expected.starts_with("struct") || expected.contains("map") {
                ("a map".to_owned(), map_help(key))
            } else if expected.contains("sequence") {
                ("a list".to_owned(), LIST_HELP.to_owned())
            } else {
                (expected.clone(), SYNTAX_HELP.to_owned())
            };
            Diagnostic::error(
                "wrong-type",
                cx.file,
                loc,
                must_be(key, &wanted, Some(&shape(unexpected))),
            )
            .help(help)
        }
        Error::NullIntoString { .. } | Error::InvalidCharNull { .. } => {
            let message = match key {
                Some(key) => format!("`{key}` has an empty value"),
                None => "an empty key or value here".to_owned(),
            };
            Diagnostic::error("wrong-type", cx.file, loc, message)
                .label("text was expected here")
                .help(
                    "write a name before each `:` and a value after it, or remove the line \
                     (`~` and `null` mean nothing in YAML)",
                )
        }
        Error::MultipleDocuments { .. } => Diagnostic::error(
            "yaml-syntax",
            cx.file,
            loc,
            "the front matter holds a second YAML document",
        )
        .label("a new document starts here")
        .help(
            "a line `---` or `...` inside the front matter starts another document; \
             remove it, so that the front matter is one list of `key: value` lines",
        ),
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => too_complex(cx, loc, error),
        _ => {
            let message = plain_message(error);
            if message.contains("recursion limit")
                || message.contains("nesting")
                || message.contains("budget")
            {
                return too_complex(cx, loc, error);
            }
            if in_rust_words(&message) {
                return Diagnostic::error(
                    "yaml-syntax",
                    cx.file,
                    loc,
                    "this value cannot be read as the register format expects",
                )
                .label("written here")
                .help(SYNTAX_HELP);
            }
            if message.contains("tab")
                && let Some(tab) = pos.and_then(|pos| indenting_tab(cx, pos.line))
            {
                return Diagnostic::error(
                    "yaml-syntax",
                    cx.file,
                    cx.loc(tab),
                    "a tab is used for indentation",
                )
                .label("tab")
                .help("indent with spaces; YAML does not allow tabs for indentation");
            }
            let help = if message.contains("mapping values are not allowed") {
                "text that contains `: ` must be in quotes, e.g. `summary: \"Budget: cut by 10%\"`; \
                 otherwise indent this line like the keys around it"
            } else if message.contains("quote") {
                "close the quote on the same value, or remove it; a `\"` inside a quoted text \
                 is written `\\\"`"
            } else {
                SYNTAX_HELP
            };
            Diagnostic::error("yaml-syntax", cx.file, loc, message).help(help)
        }
    }
}

const LIST_HELP: &str = "write the items on the lines below, each starting with `- `, or in brackets: `[first, second]`";

fn map_help(key: Option<&str>) -> String {
    match key {
        Some("engagement") => "write `engagement:`, then `  current: neutral` and `  desired: supportive` on indented lines".into(),
        Some("follow_up") => "write `follow_up:`, then `  action: …` and `  due: YYYY-MM-DD` on indented lines".into(),
        Some(key) => format!("write `{key}:`, then its `key: value` pairs on indented lines below"),
        None => "write the `key: value` pairs on indented lines below the key".into(),
    }
}

/// "`needs` must be a list", or without a key "expected a list here".
fn must_be(key: Option<&str>, wanted: &str, found: Option<&str>) -> String {
    let found = found.map(|f| format!(", not {f}")).unwrap_or_default();
    match key {
        Some(key) => format!("`{key}` must be {wanted}{found}"),
        None => format!("expected {wanted} here{found}"),
    }
}

/// serde's "sequence"/"map"/"string \"x\"" as a user says it.
fn shape(unexpected: &str) -> String {
    match unexpected {
        "sequence" => "a list".into(),
        "map" => "a map".into(),
        other => other.to_owned(),
    }
}

fn too_complex(cx: &FileCx<'_>, loc: Loc, error: &Error) -> Diagnostic {
    use serde_saphyr::budget::BudgetBreach;
    let reason = match error {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Aliases { .. } => "uses too many aliases (`*name`)",
            BudgetBreach::Anchors { .. } => "uses too many anchors (`&name`)",
            BudgetBreach::Depth { .. } => "is nested too deeply",
            BudgetBreach::ScalarBytes { .. } => "holds too much text",
            _ => "has too many values",
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => {
            "has aliases that expand to too many values"
        }
        _ => "is nested too deeply",
    };
    Diagnostic::error(
        "yaml-too-complex",
        cx.file,
        loc,
        format!("the front matter {reason} for a register file"),
    )
    .help("a register file needs a few levels of nesting and no aliases; write the values out")
}

/// A span of `len` bytes from the start of `loc`, when it has one.
fn with_len(loc: Loc, len: usize) -> Loc {
    let span = loc.span.as_ref().map(|r| r.start..r.start + len);
    Loc { span, ..loc }
}

/// The key whose value starts at `column` (`key: |value`, also inside `{a: |b}`), else
/// the key the line starts with.
fn key_before(line: &str, column: usize) -> Option<&str> {
    let end = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    if let Some(rest) = line[..end].trim_end().strip_suffix(':') {
        let start = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_key_char(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let key = &rest[start..];
        if !key.is_empty() {
            return Some(key);
        }
    }
    key_on_line(line)
}

fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-')
}

/// The key written on a line of the form `key: …` or `- key: …`.
fn key_on_line(line: &str) -> Option<&str> {
    let line = line.trim_start().trim_start_matches(['-', ' ']);
    let (key, _) = line.split_once(':')?;
    let simple = !key.is_empty() && key.chars().all(is_key_char);
    simple.then_some(key)
}

/// The first tab in the indentation of `line` or the line after: the parser reports tab
/// errors where the token around the tab starts, not at the tab.
fn indenting_tab(cx: &FileCx<'_>, line: u32) -> Option<Pos> {
    (line..=line + 1).find_map(|line| {
        let text = cx.source_line(line as usize)?;
        let indent = &text[..text.len() - text.trim_start().len()];
        let column = indent.chars().position(|c| c == '\t')?;
        Some(Pos {
            line,
            column: column as u32 + 1,
            bytes: None,
        })
    })
}

/// Whether a parser message speaks of the program rather than the file (`Option<String>`,
/// `from_str_multiple`, `unit struct`, `BudgetBreach`): not for the user's eyes.
fn in_rust_words(message: &str) -> bool {
    const WORDS: [&str; 10] = [
        "Option<",
        "from_str",
        "struct",
        "enum",
        "Cow<",
        "&str",
        "internal error",
        "seed",
        " Options",
        "{ ",
    ];
    WORDS.iter().any(|w| message.contains(w))
}

/// serde-saphyr's message without its own location and snippet: ours follow.
fn plain_message(error: &Error) -> String {
    use serde_saphyr::MessageFormatter;
    serde_saphyr::DefaultMessageFormatter
        .format_message(error)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_on_plain_and_list_lines() {
        assert_eq!(key_on_line("power: [H]"), Some("power"));
        assert_eq!(key_on_line("  - with: [a]"), Some("with"));
        assert_eq!(key_on_line("    follow_up: done"), Some("follow_up"));
        assert_eq!(key_on_line("  - just text"), None);
        assert_eq!(key_on_line("summary: Note: x"), Some("summary"));
        assert_eq!(key_on_line("\"quoted key\": x"), None);
    }

    #[test]
    fn hiding_an_entry_keeps_every_offset() {
        let yaml = "name: Ann\n名称:\n  - x\n\n  - 王\npower: H\n";
        let mut text = yaml.to_owned();
        let mut hidden = Vec::new();
        assert!(hide_entry(
            &mut text,
            yaml.find("名称").unwrap(),
            &mut hidden
        ));
        assert_eq!(text, "name: Ann\n#  称:\n  # x\n\n  # 王\npower: H\n");
        assert_eq!(hidden, [2, 3, 5]);
    }

    #[test]
    fn hiding_a_list_item_key_keeps_its_siblings_or_the_item_goes() {
        let yaml = "items:\n  - dat: 1\n    channel: call\n  - dat: 2\n";
        let mut text = yaml.to_owned();
        let mut hidden = Vec::new();
        assert!(hide_entry(
            &mut text,
            yaml.find("dat").unwrap(),
            &mut hidden
        ));
        assert_eq!(text, "items:\n  - #at: 1\n    channel: call\n  - dat: 2\n");
        assert_eq!(hidden, [2]);
        // The last item has no other key: it goes as a whole.
        assert!(hide_entry(
            &mut text,
            yaml.rfind("dat").unwrap(),
            &mut hidden
        ));
        assert_eq!(text, "items:\n  - #at: 1\n    channel: call\n  # dat: 2\n");
        let flow = "cadence: {chanel: x}\n";
        assert!(!hide_entry(
            &mut flow.to_owned(),
            flow.find("chanel").unwrap(),
            &mut hidden
        ));
    }

    #[test]
    fn the_key_right_before_a_value_wins() {
        assert_eq!(key_before("contact: {a: {b: x}}", 14), Some("a"));
        assert_eq!(key_before("needs: just one", 8), Some("needs"));
        assert_eq!(key_before("power: [H]", 1), Some("power"));
        assert_eq!(key_before("  - - x", 5), None);
        assert_eq!(key_before("姓名: [x]", 5), Some("姓名"));
    }
}
