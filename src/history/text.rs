//! `stake diff` and `stake history` as text: grouped the way a project manager reads a
//! change (who moved on the grid, who became more or less engaged, new opponents, new
//! conflicts), as plain text for the terminal or as Markdown.

use std::fmt::Write;

use serde_json::Value;

use super::diff::{Change, Diff, End};
use super::timeline::Timeline;
use crate::analysis::issues::Conflict;
use crate::i18n::history::HistoryWords;
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
/// "not written", in the words of `w`.
fn shown(w: HistoryWords, field: &str, value: &Value) -> String {
    match value {
        Value::Null => w.get("not_written").into(),
        Value::Bool(true) => w.get("yes").into(),
        Value::Bool(false) => w.get("no").into(),
        Value::Number(n) if is_level(field) => n
            .as_u64()
            .and_then(|n| Level::new(u8::try_from(n).ok()?))
            .map_or_else(|| n.to_string(), |l| w.level(l.value())),
        Value::Number(n) => n.to_string(),
        Value::String(s) => match w.value(field, s) {
            Some(word) => word,
            None => w.say("quoted", &[("text", s)]),
        },
        Value::Array(items) if items.is_empty() => w.get("none").into(),
        Value::Array(items) => items
            .iter()
            .map(|i| shown(w, field, i))
            .collect::<Vec<_>>()
            .join(w.get("list_sep")),
        Value::Object(_) => value.to_string(),
    }
}

fn is_level(field: &str) -> bool {
    matches!(
        field,
        "power" | "interest" | "influence" | "impact" | "legitimacy" | "urgency"
    )
}

fn end(w: HistoryWords, end: &End) -> String {
    if end.working_tree {
        w.get("working_tree").into()
    } else {
        let commit = end.commit.as_deref().unwrap_or_default();
        let short = &commit[..commit.len().min(7)];
        let date = end.date.to_string();
        if commit.starts_with(&end.rev) {
            w.say("commit", &[("short", short), ("date", &date)])
        } else {
            w.say(
                "rev",
                &[("rev", &end.rev), ("short", short), ("date", &date)],
            )
        }
    }
}

fn rank(value: &Value) -> Option<i8> {
    value
        .as_str()
        .and_then(EngagementLevel::parse)
        .map(EngagementLevel::rank)
}

/// The diff as text, in the words of `w`.
pub fn diff(diff: &Diff, style: Style, w: HistoryWords) -> String {
    let who = |id: &str| match diff.names.get(id) {
        Some(name) => w.say("who", &[("name", name), ("id", id)]),
        None => id.to_owned(),
    };
    let colon = w.get("colon");
    let change = |c: &Change| {
        format!(
            "{} → {}",
            shown(w, &c.field, &c.from),
            shown(w, &c.field, &c.to)
        )
    };
    let mut sections: Vec<(&str, Vec<String>)> = Vec::new();
    let mut add = |title, items: Vec<String>| {
        if !items.is_empty() {
            sections.push((title, items));
        }
    };
    let of = |field: &'static str| diff.changed.iter().filter(move |c| c.field == field);

    add(
        w.get("reused"),
        diff.reused
            .iter()
            .map(|r| {
                w.say(
                    "reused_item",
                    &[("id", &r.id), ("from", &r.from), ("to", &r.to)],
                )
            })
            .collect(),
    );
    add(
        w.get("moved"),
        of("quadrant")
            .map(|c| format!("{}{colon}{}", who(&c.id), change(c)))
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
            .map(|c| format!("{}{colon}{}", who(&c.id), change(c)))
            .collect()
    };
    add(w.get("more_engaged"), engaged(true));
    add(w.get("less_engaged"), engaged(false));
    add(
        w.get("desired"),
        of("engagement.desired")
            .map(|c| format!("{}{colon}{}", who(&c.id), change(c)))
            .collect(),
    );
    let stance = |c: &Change| {
        let issue = c.issue.as_deref().unwrap_or_default();
        w.say(
            "on_issue",
            &[
                ("who", &who(&c.id)),
                ("issue", issue),
                ("change", &change(c)),
            ],
        )
    };
    add(
        w.get("opponents"),
        of("stance")
            .filter(|c| c.to == "oppose")
            .map(stance)
            .chain(
                diff.added_opponents.iter().map(|(id, issue)| {
                    w.say("new_opponent", &[("who", &who(id)), ("issue", issue)])
                }),
            )
            .collect(),
    );
    add(
        w.get("stances"),
        of("stance")
            .filter(|c| c.to != "oppose")
            .map(stance)
            .collect(),
    );
    let conflict = |c: &Conflict| match c {
        Conflict::Relationship { between, .. } => w.say(
            "between",
            &[("a", &who(&between[0])), ("b", &who(&between[1]))],
        ),
        Conflict::Issue {
            issue,
            support,
            oppose,
        } => {
            let names = |ids: &[String]| {
                ids.iter()
                    .map(|i| who(i))
                    .collect::<Vec<_>>()
                    .join(w.get("list_sep"))
            };
            w.say(
                "issue_conflict",
                &[
                    ("issue", issue),
                    ("support", &names(support)),
                    ("oppose", &names(oppose)),
                ],
            )
        }
    };
    add(
        w.get("conflicts_new"),
        diff.conflicts.added.iter().map(conflict).collect(),
    );
    add(
        w.get("conflicts_resolved"),
        diff.conflicts.removed.iter().map(conflict).collect(),
    );
    add(
        w.get("key"),
        of("key")
            .map(|c| {
                let now = if c.to == true {
                    w.get("now_key")
                } else {
                    w.get("no_longer_key")
                };
                format!("{}{colon}{now}", who(&c.id))
            })
            .collect(),
    );
    add(
        w.get("salience"),
        of("salience")
            .map(|c| format!("{}{colon}{}", who(&c.id), change(c)))
            .collect(),
    );
    add(
        w.get("trend"),
        of("sentiment_trend")
            .map(|c| format!("{}{colon}{}", who(&c.id), change(c)))
            .collect(),
    );
    add(
        w.get("added"),
        diff.added.iter().map(|id| who(id)).collect(),
    );
    add(
        w.get("removed"),
        diff.removed.iter().map(|id| who(id)).collect(),
    );
    let words = crate::i18n::cli::Words::new(w.language);
    let finding = |f: &crate::analysis::findings::Finding| {
        let about = match (&f.stakeholder, &f.plan_item, &f.meeting) {
            (Some(id), ..) => who(id),
            (None, Some(item), _) => w.say("plan_item", &[("item", item)]),
            (None, None, Some(meeting)) => w.say("meeting", &[("meeting", meeting)]),
            (None, None, None) => String::new(),
        };
        // The analysis's own sentence in English (as in the JSON), else the report's.
        let sentence = match w.language {
            crate::i18n::Language::En => f.message.clone(),
            crate::i18n::Language::ZhCn => crate::i18n::text::finding(w.language, f),
        };
        format!("[{}] {about}{colon}{sentence}", words.severity(f.severity))
    };
    add(
        w.get("findings_new"),
        diff.findings.new.iter().map(finding).collect(),
    );
    add(
        w.get("findings_resolved"),
        diff.findings.resolved.iter().map(finding).collect(),
    );
    let link = |l: &super::diff::Link| {
        let kind = match w.language {
            crate::i18n::Language::En => l.kind.replace('-', " "),
            crate::i18n::Language::ZhCn => {
                crate::i18n::try_label(w.language, &format!("relation.{}", l.kind))
                    .map_or_else(|| l.kind.clone(), str::to_owned)
            }
        };
        format!("{} → {}{colon}{kind}", who(&l.from), who(&l.with))
    };
    add(
        w.get("links_added"),
        diff.relationships.added.iter().map(link).collect(),
    );
    add(
        w.get("links_removed"),
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
        w.get("other"),
        diff.changed
            .iter()
            .filter(|c| !GROUPED.contains(&c.field.as_str()))
            .map(|c| format!("{}{colon}{} {}", who(&c.id), c.field, change(c)))
            .collect(),
    );

    let mut out = String::new();
    let title = w.say(
        "title",
        &[
            ("since", &end(w, &diff.since)),
            ("until", &end(w, &diff.until)),
        ],
    );
    let index = |i: Option<u8>| i.map_or_else(|| w.get("none").to_owned(), |i| i.to_string());
    let mut figures = vec![w.say(
        "stakeholders",
        &[
            ("from", &diff.stakeholders[0].to_string()),
            ("to", &diff.stakeholders[1].to_string()),
        ],
    )];
    if diff.engagement_index[0] != diff.engagement_index[1] {
        figures.push(w.say(
            "index",
            &[
                ("from", &index(diff.engagement_index[0])),
                ("to", &index(diff.engagement_index[1])),
            ],
        ));
    } else {
        figures.push(w.say(
            "index_unchanged",
            &[("index", &index(diff.engagement_index[1]))],
        ));
    }
    let as_of = if diff.since.as_of == diff.until.as_of {
        w.say("as_of_both", &[("date", &diff.since.as_of.to_string())])
    } else {
        w.say(
            "as_of_each",
            &[
                ("since", &diff.since.as_of.to_string()),
                ("until", &diff.until.as_of.to_string()),
            ],
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
        let _ = writeln!(out, "\n{}", w.get("nothing"));
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

/// The history as text: one line per commit that changed the register, in the words
/// of `w`.
pub fn timeline(timeline: &Timeline, w: HistoryWords) -> String {
    let mut out = String::new();
    let folder = if timeline.folder == "." {
        w.get("top_folder").to_owned()
    } else {
        w.say("folder", &[("folder", &timeline.folder)])
    };
    let shallow = if timeline.shallow {
        w.get("shallow")
    } else {
        ""
    };
    let n = timeline.points.len().to_string();
    let head = if timeline.points.len() == 1 {
        "commits_one"
    } else {
        "commits_many"
    };
    let _ = writeln!(
        out,
        "{}",
        w.say(
            head,
            &[("n", &n), ("folder", &folder), ("shallow", shallow)]
        )
    );
    let pad = HistoryWords::pad;
    // Columns: (width, right-aligned); the last (tags and subject) is not padded.
    const COLUMNS: [(usize, bool); 9] = [
        (10, false),
        (7, false),
        (5, true),
        (5, true),
        (4, true),
        (4, true),
        (4, true),
        (4, true),
        (3, true),
    ];
    let row = |cells: [String; 9], last: &str| {
        let mut line = String::new();
        for (cell, (width, right)) in cells.iter().zip(COLUMNS) {
            line.push_str(&pad(cell, width, right));
            line.push_str("  ");
        }
        line.push_str(last);
        line
    };
    let heads = [
        "col_date",
        "col_commit",
        "col_index",
        "col_stakeholders",
        "col_mc",
        "col_ks",
        "col_ki",
        "col_mo",
        "col_key",
    ]
    .map(|k| w.get(k).to_owned());
    let _ = writeln!(out, "\n{}", row(heads, w.get("col_subject")));
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
        let cells = [
            p.date.to_string(),
            p.short.clone(),
            index,
            p.stakeholders.to_string(),
            q.manage_closely.to_string(),
            q.keep_satisfied.to_string(),
            q.keep_informed.to_string(),
            q.monitor.to_string(),
            p.key.to_string(),
        ];
        let _ = writeln!(
            out,
            "{}",
            row(cells, &crate::diagnostic::printable_line(&label))
        );
    }
    let _ = writeln!(out, "\n{}", w.get("legend"));
    out
}
