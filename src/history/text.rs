//! `stake diff` and `stake history` as text: grouped the way a project manager reads a
//! change (who moved on the grid, who became more or less engaged, new opponents, new
//! conflicts), as plain text for the terminal or as Markdown.

use std::fmt::Write;

use serde_json::Value;

use super::diff::{Change, Diff, End};
use super::timeline::Timeline;
use crate::analysis::issues::Conflict;
use crate::register::vocab::{EngagementLevel, Level, Vocabulary};

/// Plain text or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// For the terminal: headings, items indented.
    Plain,
    /// Markdown: `##` headings, `-` items.
    Markdown,
}

/// A value as a report shows it: levels as words, kebab-case as words, nothing as
/// "not written".
fn shown(field: &str, value: &Value) -> String {
    match value {
        Value::Null => "not written".into(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) if is_level(field) => n
            .as_u64()
            .and_then(|n| Level::new(u8::try_from(n).ok()?))
            .map_or_else(|| n.to_string(), |l| l.word().replace('-', " ")),
        Value::Number(n) => n.to_string(),
        Value::String(s) if is_word(field) => s.replace('-', " "),
        Value::String(s) => format!("\"{s}\""),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items
            .iter()
            .map(|i| shown(field, i))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => value.to_string(),
    }
}

fn is_level(field: &str) -> bool {
    matches!(
        field,
        "power" | "interest" | "influence" | "impact" | "legitimacy" | "urgency"
    )
}

fn is_word(field: &str) -> bool {
    matches!(
        field,
        "type"
            | "category"
            | "involvement"
            | "engagement.current"
            | "engagement.desired"
            | "quadrant"
            | "salience"
            | "sentiment_trend"
            | "stance"
    )
}

fn end(end: &End) -> String {
    if end.working_tree {
        "the working tree (with any uncommitted edits)".into()
    } else {
        let commit = end.commit.as_deref().unwrap_or_default();
        let short = &commit[..commit.len().min(7)];
        if commit.starts_with(&end.rev) {
            format!("commit {short} ({})", end.date)
        } else {
            format!("`{}` (commit {short}, {})", end.rev, end.date)
        }
    }
}

fn rank(value: &Value) -> Option<i8> {
    value
        .as_str()
        .and_then(EngagementLevel::parse)
        .map(EngagementLevel::rank)
}

/// The diff as text.
pub fn diff(diff: &Diff, style: Style) -> String {
    let who = |id: &str| match diff.names.get(id) {
        Some(name) => format!("{name} ({id})"),
        None => id.to_owned(),
    };
    let change = |c: &Change| format!("{} → {}", shown(&c.field, &c.from), shown(&c.field, &c.to));
    let mut sections: Vec<(&str, Vec<String>)> = Vec::new();
    let mut add = |title, items: Vec<String>| {
        if !items.is_empty() {
            sections.push((title, items));
        }
    };
    let of = |field: &'static str| diff.changed.iter().filter(move |c| c.field == field);

    add(
        "Ids that name someone else now",
        diff.reused
            .iter()
            .map(|r| {
                format!(
                    "`{}` was {}, is now {}: if the id was reused for another person, give them an id of their own",
                    r.id, r.from, r.to
                )
            })
            .collect(),
    );
    add(
        "Moved on the grid",
        of("quadrant")
            .map(|c| format!("{}: {}", who(&c.id), change(c)))
            .collect(),
    );
    let engaged = |more: bool| -> Vec<String> {
        of("engagement.current")
            .filter(|c| match (rank(&c.from), rank(&c.to)) {
                (Some(a), Some(b)) => (b > a) == more,
                // Newly assessed counts as more engaged, no longer assessed as less.
                (None, _) => more,
                (_, None) => !more,
            })
            .map(|c| format!("{}: {}", who(&c.id), change(c)))
            .collect()
    };
    add("More engaged", engaged(true));
    add("Less engaged", engaged(false));
    add(
        "Desired engagement changed",
        of("engagement.desired")
            .map(|c| format!("{}: {}", who(&c.id), change(c)))
            .collect(),
    );
    let stance = |c: &Change| {
        let issue = c.issue.as_deref().unwrap_or_default();
        format!("{} on \"{issue}\": {}", who(&c.id), change(c))
    };
    add(
        "New opponents",
        of("stance")
            .filter(|c| c.to == "oppose")
            .map(stance)
            .chain(
                diff.added_opponents.iter().map(|(id, issue)| {
                    format!("{} on \"{issue}\": oppose (new stakeholder)", who(id))
                }),
            )
            .collect(),
    );
    add(
        "Other stance changes",
        of("stance")
            .filter(|c| c.to != "oppose")
            .map(stance)
            .collect(),
    );
    let conflict = |c: &Conflict| match c {
        Conflict::Relationship { between, .. } => {
            format!("{} and {}", who(&between[0]), who(&between[1]))
        }
        Conflict::Issue {
            issue,
            support,
            oppose,
        } => {
            let names = |ids: &[String]| ids.iter().map(|i| who(i)).collect::<Vec<_>>().join(", ");
            format!(
                "on \"{issue}\": {} for, {} against",
                names(support),
                names(oppose)
            )
        }
    };
    add(
        "New conflicts",
        diff.conflicts.added.iter().map(conflict).collect(),
    );
    add(
        "Conflicts resolved",
        diff.conflicts.removed.iter().map(conflict).collect(),
    );
    add(
        "Key or no longer key",
        of("key")
            .map(|c| {
                let now = if c.to == true {
                    "now key"
                } else {
                    "no longer key"
                };
                format!("{}: {now}", who(&c.id))
            })
            .collect(),
    );
    add(
        "Salience changed",
        of("salience")
            .map(|c| format!("{}: {}", who(&c.id), change(c)))
            .collect(),
    );
    add(
        "Sentiment trend changed",
        of("sentiment_trend")
            .map(|c| format!("{}: {}", who(&c.id), change(c)))
            .collect(),
    );
    add(
        "New stakeholders",
        diff.added.iter().map(|id| who(id)).collect(),
    );
    add(
        "Removed stakeholders",
        diff.removed.iter().map(|id| who(id)).collect(),
    );
    let finding = |f: &crate::analysis::findings::Finding| {
        let about = match (&f.stakeholder, &f.plan_item, &f.meeting) {
            (Some(id), ..) => who(id),
            (None, Some(item), _) => format!("plan item `{item}`"),
            (None, None, Some(meeting)) => format!("meeting `{meeting}`"),
            (None, None, None) => String::new(),
        };
        format!("[{}] {about}: {}", f.severity.as_str(), f.message)
    };
    add(
        "New findings",
        diff.findings.new.iter().map(finding).collect(),
    );
    add(
        "Resolved findings",
        diff.findings.resolved.iter().map(finding).collect(),
    );
    let link = |l: &super::diff::Link| {
        format!(
            "{} → {}: {}",
            who(&l.from),
            who(&l.with),
            l.kind.replace('-', " ")
        )
    };
    add(
        "Relationships added",
        diff.relationships.added.iter().map(link).collect(),
    );
    add(
        "Relationships removed",
        diff.relationships.removed.iter().map(link).collect(),
    );
    const GROUPED: &[&str] = &[
        "quadrant",
        "engagement.current",
        "engagement.desired",
        "stance",
        "key",
        "salience",
        "sentiment_trend",
    ];
    add(
        "Other changes",
        diff.changed
            .iter()
            .filter(|c| !GROUPED.contains(&c.field.as_str()))
            .map(|c| format!("{}: {} {}", who(&c.id), c.field, change(c)))
            .collect(),
    );

    let mut out = String::new();
    let title = format!(
        "What changed from {} to {}",
        end(&diff.since),
        end(&diff.until)
    );
    let index = |i: Option<u8>| i.map_or_else(|| "none".to_owned(), |i| i.to_string());
    let mut figures = vec![format!(
        "Stakeholders: {} → {}",
        diff.stakeholders[0], diff.stakeholders[1]
    )];
    if diff.engagement_index[0] != diff.engagement_index[1] {
        figures.push(format!(
            "Engagement index: {} → {}",
            index(diff.engagement_index[0]),
            index(diff.engagement_index[1])
        ));
    } else {
        figures.push(format!(
            "Engagement index: {} (unchanged)",
            index(diff.engagement_index[1])
        ));
    }
    let as_of = if diff.since.as_of == diff.until.as_of {
        format!("Findings as of {} at both ends.", diff.since.as_of)
    } else {
        format!(
            "Findings as of {} and {} respectively.",
            diff.since.as_of, diff.until.as_of
        )
    };
    match style {
        Style::Plain => {
            let _ = writeln!(out, "{title}\n{as_of}\n");
            for line in &figures {
                let _ = writeln!(out, "{line}");
            }
        }
        Style::Markdown => {
            let _ = writeln!(out, "# {title}\n\n{as_of}\n");
            for line in &figures {
                let _ = writeln!(out, "- {line}");
            }
        }
    }
    if sections.is_empty() {
        let _ = writeln!(
            out,
            "\nNo stakeholder, relationship, conflict or finding changed."
        );
    }
    for (title, items) in sections {
        match style {
            Style::Plain => {
                let _ = writeln!(out, "\n{title}");
                for item in items {
                    let _ = writeln!(out, "  {item}");
                }
            }
            Style::Markdown => {
                let _ = writeln!(out, "\n## {title}\n");
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
            }
        }
    }
    out
}

/// The history as text: one line per commit that changed the register.
pub fn timeline(timeline: &Timeline) -> String {
    let mut out = String::new();
    let folder = if timeline.folder == "." {
        "the repository's top folder".to_owned()
    } else {
        format!("`{}`", timeline.folder)
    };
    let _ = writeln!(
        out,
        "{} {} the register in {folder}{}",
        timeline.points.len(),
        if timeline.points.len() == 1 {
            "commit changed"
        } else {
            "commits changed"
        },
        if timeline.shallow {
            " (a shallow clone: older history is not in it)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "\n{:<10}  {:<7}  {:>5}  {:>5}  {:>4}  {:>4}  {:>4}  {:>4}  {:>3}  tags / subject",
        "date", "commit", "index", "stkh", "MC", "KS", "KI", "MO", "key"
    );
    for p in &timeline.points {
        let index = p
            .engagement_index
            .map_or_else(|| "-".into(), |i| i.to_string());
        let q = &p.quadrants;
        let label = if p.tags.is_empty() {
            p.subject.clone()
        } else {
            format!("[{}] {}", p.tags.join(", "), p.subject)
        };
        let _ = writeln!(
            out,
            "{:<10}  {:<7}  {:>5}  {:>5}  {:>4}  {:>4}  {:>4}  {:>4}  {:>3}  {}",
            p.date.to_string(),
            p.short,
            index,
            p.stakeholders,
            q.manage_closely,
            q.keep_satisfied,
            q.keep_informed,
            q.monitor,
            p.key,
            crate::diagnostic::printable_line(&label)
        );
    }
    let _ = writeln!(
        out,
        "\nindex: engagement index (0–100); stkh: stakeholders; MC, KS, KI, MO: manage closely, keep satisfied, keep informed, monitor; key: key stakeholders"
    );
    out
}
