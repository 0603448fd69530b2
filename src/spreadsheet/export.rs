//! `stake export`: the register as a workbook, from the edition's view.
//!
//! The sheets are made from [`Shown`], exactly what `stake build` makes its pages from:
//! in a public edition the redacted register and the public view of the analysis of the
//! full register, so a sheet states nothing the internal edition contradicts and holds
//! nothing confidential (a withheld fact is an empty cell).

use crate::analysis::Assessment;
use crate::analysis::edition::Edition;
use crate::build::public::Shown;
use crate::i18n;
use crate::register::Stakeholder;
use crate::register::doc::Sentiment;
use crate::register::vocab::{Attribute, Date, Language};

use super::columns::{self, Derived, Field};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text from the register (never a formula).
    Text(String),
    /// A number.
    Number(f64),
    /// A date.
    Date(Date),
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    fn maybe(text: Option<impl Into<String>>) -> Cell {
        text.map_or(Cell::Empty, Cell::text)
    }

    fn date(date: Option<Date>) -> Cell {
        date.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as text, for CSV: dates as `YYYY-MM-DD`.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// One sheet: a name, headers and rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name (the register's language).
    pub name: &'static str,
    /// The column headers.
    pub headers: Vec<String>,
    /// The rows, each as long as `headers`.
    pub rows: Vec<Vec<Cell>>,
}

/// The whole workbook.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// The line above every sheet's headers: project, edition, as of.
    pub title: String,
    /// The edition's words, for the page header of printouts.
    pub edition: &'static str,
    /// The sheets, the register first.
    pub sheets: Vec<Sheet>,
}

/// The names of the sheets, English and Chinese, in the export's order; the import
/// finds a stake export's sheets by these.
pub const SHEETS: [(&str, &str); 9] = [
    ("Register", "登记册"),
    ("Interactions", "沟通记录"),
    ("Relationships", "关系"),
    ("Positions", "立场"),
    ("Communication", "沟通安排"),
    ("Plan", "沟通计划"),
    ("Findings", "待办事项"),
    ("Meetings", "会议记录"),
    ("Decisions", "决定事项"),
];

fn sheet_name(i: usize, language: Language) -> &'static str {
    match language {
        Language::ZhCn => SHEETS[i].1,
        _ => SHEETS[i].0,
    }
}

/// The workbook of an edition.
pub fn workbook(shown: &Shown) -> Workbook {
    let analysis = &shown.analysis;
    let language = analysis.project.language;
    let edition = i18n::edition(language, analysis.edition);
    let title = format!(
        "{} — {edition} — {} {}",
        analysis.project.name,
        i18n::label(language, "as_of"),
        analysis.as_of
    );
    // The sheets are independent of one another: made on the machine's cores at once.
    let ((register, records), (plan, (findings, meetings))) = rayon::join(
        || {
            rayon::join(
                || register_sheet(shown, language),
                || record_sheets(shown, language),
            )
        },
        || {
            rayon::join(
                || plan_sheet(shown, language),
                || {
                    rayon::join(
                        || findings_sheet(shown, language),
                        || meeting_sheets(shown, language),
                    )
                },
            )
        },
    );
    let mut sheets = vec![register];
    sheets.extend(records);
    sheets.push(plan);
    sheets.push(findings);
    sheets.extend(meetings);
    Workbook {
        title,
        edition,
        sheets,
    }
}

fn register_sheet(shown: &Shown, language: Language) -> Sheet {
    let public = shown.analysis.edition == Edition::Public;
    let yes_no = |flag: bool| Cell::text(i18n::label(language, if flag { "yes" } else { "no" }));
    let withheld_word = Cell::text(i18n::label(language, "withheld"));
    // What is confidential is itself internal: the public edition shows it by leaving
    // things out.
    let mut columns: Vec<&columns::Column> = columns::exported()
        .filter(|c| !(public && c.field == Field::Confidential))
        .collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for s in &shown.register.stakeholders {
        let Some(a) = shown.analysis.get(&s.id) else {
            continue;
        };
        let withheld = |fact: &str| a.withheld.contains(&fact);
        let row = columns
            .iter()
            .map(|c| {
                let hidden = match (c.field, confidential_name(c.field)) {
                    (Field::Derived(d), _) => withheld(fact_of(d)),
                    (Field::Key, _) => withheld("key"),
                    (_, Some(name)) => s.confidential.iter().any(|f| f == name),
                    (_, None) => false,
                };
                if public && hidden {
                    withheld_word.clone()
                } else {
                    cell(s, a, c.field, &yes_no)
                }
            })
            .collect();
        rows.push(row);
    }
    if public {
        // A column the edition withholds for everyone (the project's `contact` and
        // `notes`) is left out rather than filled with "not in this edition".
        let all_withheld: Vec<bool> = (0..columns.len())
            .map(|c| !rows.is_empty() && rows.iter().all(|r| r[c] == withheld_word))
            .collect();
        let mut keep = all_withheld.iter().map(|w| !w);
        columns.retain(|_| keep.next().unwrap_or(true));
        for row in &mut rows {
            let mut keep = all_withheld.iter().map(|w| !w);
            row.retain(|_| keep.next().unwrap_or(true));
        }
    }
    Sheet {
        name: sheet_name(0, language),
        headers: columns
            .iter()
            .map(|c| columns::header(c, language).to_owned())
            .collect(),
        rows,
    }
}

/// The name of a field in `confidential` lists.
fn confidential_name(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Role => "role",
        Field::Organization => "organization",
        Field::Category => "category",
        Field::Involvement => "involvement",
        Field::Key => "key",
        Field::Influence => "influence",
        Field::Impact => "impact",
        Field::Legitimacy => "legitimacy",
        Field::Urgency => "urgency",
        Field::Current | Field::Desired => "engagement",
        Field::Owner => "owner",
        Field::Needs => "needs",
        Field::Expectations => "expectations",
        Field::Tags => "tags",
        Field::Contact => "contact",
        Field::NextReview => "next_review",
        Field::Notes => "notes",
        _ => return None,
    })
}

/// The assessment's name of a derived fact, as in its `withheld` list.
fn fact_of(d: Derived) -> &'static str {
    match d {
        Derived::Quadrant => "quadrant",
        Derived::Strategy => "strategy",
        Derived::Salience => "salience",
        Derived::Gap => "engagement",
        Derived::LastContact => "last_contact",
        Derived::NextDue => "next_due",
        Derived::Silent => "silent",
        Derived::Trend => "sentiment_trend",
        Derived::Centrality => "centrality",
    }
}

fn level(level: Option<crate::register::vocab::Level>) -> Cell {
    Cell::maybe(level.map(|l| l.word()))
}

fn attribute(attribute: Option<Attribute>) -> Cell {
    match attribute {
        None => Cell::Empty,
        Some(Attribute::Level(l)) => Cell::text(l.word()),
        Some(Attribute::Flag(flag)) => Cell::text(if flag { "yes" } else { "no" }),
    }
}

/// A serialisable word (quadrant, salience, trend) as its JSON spelling.
fn word<T: serde::Serialize>(value: &T) -> Cell {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Cell::text(s),
        _ => Cell::Empty,
    }
}

fn cell(s: &Stakeholder, a: &Assessment, field: Field, yes_no: &dyn Fn(bool) -> Cell) -> Cell {
    let lines = |items: &[String]| Cell::text(items.join("\n"));
    match field {
        Field::Id => Cell::text(&s.id),
        Field::Name => Cell::text(&s.name),
        Field::Short => Cell::maybe(s.short.clone()),
        Field::Kind => Cell::text(s.kind.as_str()),
        Field::Role => Cell::maybe(s.role.clone()),
        Field::Organization => Cell::maybe(s.organization.clone()),
        Field::Category => Cell::maybe(s.category.map(|c| c.as_str())),
        Field::Involvement => Cell::maybe(s.involvement.map(|c| c.as_str())),
        // The key the analysis uses: as written, else derived.
        Field::Key => yes_no(a.key),
        Field::Power => level(Some(s.power)),
        Field::Interest => level(Some(s.interest)),
        Field::Influence => level(s.influence),
        Field::Impact => level(s.impact),
        Field::Legitimacy => attribute(s.legitimacy),
        Field::Urgency => attribute(s.urgency),
        Field::Current => Cell::maybe(s.engagement_current.map(|e| e.as_str())),
        Field::Desired => Cell::maybe(s.engagement_desired.map(|e| e.as_str())),
        Field::Owner => Cell::maybe(s.owner.clone()),
        Field::Needs => lines(&s.needs),
        Field::Expectations => lines(&s.expectations),
        Field::Tags => Cell::text(s.tags.join(", ")),
        Field::Contact => Cell::text(
            s.contact
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Field::NextReview => Cell::date(s.next_review),
        Field::Notes => Cell::text(s.notes.trim()),
        Field::Confidential if s.confidential_record => Cell::text("true"),
        Field::Confidential => Cell::text(s.confidential.join(", ")),
        Field::PowerInterest | Field::Email | Field::Phone | Field::RowNumber => Cell::Empty,
        Field::Derived(d) => derived(a, d, yes_no),
    }
}

fn derived(a: &Assessment, d: Derived, yes_no: &dyn Fn(bool) -> Cell) -> Cell {
    match d {
        Derived::Quadrant => word(&a.quadrant),
        Derived::Strategy => word(&a.strategy),
        Derived::Salience => a.salience.as_ref().map_or(Cell::Empty, word),
        Derived::Gap => a
            .engagement
            .gap
            .map_or(Cell::Empty, |g| Cell::Number(f64::from(g))),
        Derived::LastContact => Cell::date(a.last_contact),
        Derived::NextDue => Cell::date(a.next_due),
        Derived::Silent => yes_no(a.silent),
        Derived::Trend => a.sentiment_trend.as_ref().map_or(Cell::Empty, word),
        Derived::Centrality => Cell::Number(a.centrality),
    }
}

/// The lists of each stakeholder as sheets of their own, one row per entry, each with
/// the stakeholder's id: interactions (those from meeting records too, with the
/// meeting's id), relationships, positions, the planned touches.
fn record_sheets(shown: &Shown, language: Language) -> [Sheet; 4] {
    let label = |key: &str| i18n::label(language, key).to_owned();
    let id_name = |s: &Stakeholder| vec![Cell::text(&s.id), Cell::text(&s.name)];
    let stakeholders = &shown.register.stakeholders;
    let mut interactions = Vec::new();
    for s in stakeholders {
        for i in &s.interactions {
            let first = i.follow_ups.first();
            let mut row = id_name(s);
            row.extend([
                Cell::Date(i.date),
                Cell::maybe(i.channel.clone()),
                Cell::maybe(i.summary.clone()),
                match i.sentiment {
                    None => Cell::Empty,
                    Some(Sentiment::Tone(tone)) => Cell::text(tone.as_str()),
                    Some(Sentiment::Satisfaction(level)) => Cell::Number(f64::from(level.value())),
                },
                Cell::maybe(i.by.clone()),
                Cell::maybe(first.map(|f| f.action.clone())),
                Cell::date(first.and_then(|f| f.due)),
                first.map_or(Cell::Empty, |f| {
                    Cell::text(i18n::label(language, if f.done { "yes" } else { "no" }))
                }),
                Cell::maybe(i.meeting.clone()),
                Cell::text(i.fulfils.join(", ")),
            ]);
            interactions.push(row);
        }
    }
    let mut relationships = Vec::new();
    for s in stakeholders {
        for r in &s.relationships {
            let mut row = id_name(s);
            row.extend([
                Cell::text(&r.with),
                Cell::text(r.kind.as_str()),
                level(r.strength),
                Cell::maybe(r.note.clone()),
            ]);
            relationships.push(row);
        }
    }
    let mut positions = Vec::new();
    for s in stakeholders {
        for p in &s.positions {
            let mut row = id_name(s);
            row.extend([
                Cell::text(&p.issue),
                Cell::text(p.stance.as_str()),
                Cell::maybe(p.note.clone()),
            ]);
            positions.push(row);
        }
    }
    let mut touches = Vec::new();
    for s in stakeholders {
        for t in &s.communication {
            let mut row = id_name(s);
            row.extend([
                Cell::maybe(t.content.clone()),
                Cell::maybe(t.channel.clone()),
                Cell::text(t.frequency.to_string()),
                Cell::maybe(t.owner.clone()),
                Cell::date(t.starts),
                Cell::maybe(t.id.clone()),
                Cell::text(
                    t.sent
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ]);
            touches.push(row);
        }
    }
    let head = |keys: &[&str]| -> Vec<String> {
        [label("id"), label("name")]
            .into_iter()
            .chain(keys.iter().map(|&k| match (k, language) {
                // No report shows when a touch starts: its header is the export's own.
                ("starts", Language::ZhCn) => "开始日期".to_owned(),
                ("starts", _) => "Starts".to_owned(),
                ("fulfils", Language::ZhCn) => "落实的计划项".to_owned(),
                ("fulfils", _) => "Fulfils".to_owned(),
                ("touch_id", Language::ZhCn) => "计划项编号".to_owned(),
                ("touch_id", _) => "Touch id".to_owned(),
                ("sent", Language::ZhCn) => "已发送".to_owned(),
                ("sent", _) => "Sent".to_owned(),
                (k, _) => label(k),
            }))
            .collect()
    };
    [
        Sheet {
            name: sheet_name(1, language),
            headers: head(&[
                "date",
                "channel",
                "summary",
                "sentiment_head",
                "by",
                "follow_up",
                "due",
                "done",
                "meeting_head",
                "fulfils",
            ]),
            rows: interactions,
        },
        Sheet {
            name: sheet_name(2, language),
            headers: head(&["with", "type", "strength", "note"]),
            rows: relationships,
        },
        Sheet {
            name: sheet_name(3, language),
            headers: head(&["issue", "stance", "note"]),
            rows: positions,
        },
        Sheet {
            name: sheet_name(4, language),
            headers: head(&[
                "content",
                "channel",
                "frequency_head",
                "owner",
                "starts",
                "touch_id",
                "sent",
            ]),
            rows: touches,
        },
    ]
}

/// The analysis's schedule: each touch's next due date, planned or suggested.
fn plan_sheet(shown: &Shown, language: Language) -> Sheet {
    let label = |key: &str| i18n::label(language, key).to_owned();
    let yes_no = |flag: bool| Cell::text(i18n::label(language, if flag { "yes" } else { "no" }));
    let rows = shown
        .analysis
        .schedule
        .iter()
        .map(|t| {
            // A stakeholder's touch, or a plan item for its audience (format v2).
            // Only stakeholders the edition shows are named.
            let name_of = |id: &str| shown.analysis.get(id).map(|a| a.name.clone());
            let (who, name) = match &t.stakeholder {
                Some(id) => (id.clone(), name_of(id).unwrap_or_default()),
                None => (
                    t.item.clone().unwrap_or_default(),
                    t.audience
                        .iter()
                        .filter_map(|id| name_of(id))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            };
            vec![
                Cell::text(who),
                Cell::text(name),
                Cell::maybe(t.content.clone()),
                Cell::maybe(t.channel.clone()),
                Cell::text(i18n::frequency(language, t.frequency)),
                Cell::maybe(t.owner.clone()),
                yes_no(t.suggested),
                Cell::date(t.last),
                Cell::date(t.date),
                if t.recorded {
                    Cell::Number(f64::from(t.overdue_days))
                } else {
                    Cell::text(i18n::label(language, "no_record_yet"))
                },
            ]
        })
        .collect();
    Sheet {
        name: sheet_name(5, language),
        headers: [
            "id",
            "name",
            "content",
            "channel",
            "frequency_head",
            "owner",
            "suggested_head",
            "last_contact",
            "next_due",
            "overdue_days",
        ]
        .iter()
        .map(|k| label(k))
        .collect(),
        rows,
    }
}

/// What needs attention, most urgent first, worded in the register's language.
fn findings_sheet(shown: &Shown, language: Language) -> Sheet {
    let label = |key: &str| i18n::label(language, key).to_owned();
    let worded = i18n::text::findings(language, &shown.analysis.findings);
    let rows = shown
        .analysis
        .findings
        .iter()
        .zip(worded)
        .map(|(f, w)| {
            vec![
                word(&f.severity),
                word(&f.code),
                Cell::maybe(f.stakeholder.clone()),
                Cell::text(w.text),
                f.days.map_or(Cell::Empty, |d| Cell::Number(f64::from(d))),
                Cell::maybe(f.subject.clone()),
                Cell::text(format!("{}:{}", f.file, f.line)),
            ]
        })
        .collect();
    Sheet {
        name: sheet_name(6, language),
        headers: vec![
            label("severity_head"),
            "code".to_owned(),
            label("stakeholder"),
            label("findings"),
            label("count"),
            label("touch"),
            label("file"),
        ],
        rows,
    }
}

/// The meeting records (format v2), by date: one row per meeting with its attendees,
/// decisions and follow-ups, and one row per decision. In a public edition they are
/// those of the redacted register, as `stake build --public` shows them: confidential
/// meetings and fields left out, and attendees the edition may not show at a meeting
/// (a meeting whose attendees are withheld says so, as the report does).
fn meeting_sheets(shown: &Shown, language: Language) -> [Sheet; 2] {
    let label = |key: &str| i18n::label(language, key).to_owned();
    let own = |en: &str, zh: &str| i18n::pick(language, en, zh).to_owned();
    let public = shown.analysis.edition == Edition::Public;
    let name_of = |id: &str| {
        shown
            .register
            .get(id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    let sentiment = |s: &Sentiment| match s {
        Sentiment::Tone(tone) => tone.as_str().to_owned(),
        Sentiment::Satisfaction(level) => level.value().to_string(),
    };
    let mut meetings: Vec<&crate::register::Meeting> = shown.register.meetings.iter().collect();
    meetings.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    // The minutes are notes: a public edition shows them only where the register lets
    // it (the project's `confidential` does not name `notes`).
    let with_notes = !public || meetings.iter().any(|m| !m.notes.trim().is_empty());
    let mut rows = Vec::new();
    let mut decisions = Vec::new();
    for m in &meetings {
        let attendees = if m.attendees.is_empty() && public {
            Cell::text(label("withheld"))
        } else {
            Cell::text(
                m.attendees
                    .iter()
                    .map(|id| name_of(id))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        };
        let follow_ups: Vec<String> = m
            .follow_ups
            .iter()
            .map(|f| {
                let mut line = f.follow_up.action.clone();
                let mut aside = Vec::new();
                if let Some(due) = f.follow_up.due {
                    aside.push(format!("{} {due}", label("due")));
                }
                if let Some(owner) = &f.follow_up.owner {
                    aside.push(format!("{}: {owner}", label("owner")));
                }
                if let Some(who) = &f.for_ {
                    aside.push(format!("{}{}", label("promised_to"), name_of(who)));
                }
                if f.follow_up.done {
                    aside.push(label("done"));
                }
                if !aside.is_empty() {
                    line.push_str(&format!(" ({})", aside.join("; ")));
                }
                line
            })
            .collect();
        let mut row = vec![
            Cell::text(&m.id),
            Cell::Date(m.date),
            Cell::text(&m.title),
            Cell::text(&m.channel),
            attendees,
            Cell::text(m.attendees.join(", ")),
            Cell::maybe(m.by.clone()),
            Cell::maybe(m.summary.clone()),
            Cell::text(
                m.sentiment
                    .iter()
                    .map(|(who, s)| match who.as_str() {
                        "*" => sentiment(s),
                        who => format!("{}: {}", name_of(who), sentiment(s)),
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Cell::text(m.decisions.join("\n")),
            Cell::text(follow_ups.join("\n")),
            Cell::text(m.fulfils.join(", ")),
        ];
        if with_notes {
            row.push(Cell::text(m.notes.trim()));
        }
        rows.push(row);
        for d in &m.decisions {
            decisions.push(vec![
                Cell::text(&m.id),
                Cell::Date(m.date),
                Cell::text(&m.title),
                Cell::text(d),
            ]);
        }
    }
    let mut headers = vec![
        label("id"),
        label("date"),
        label("meeting_head"),
        label("channel"),
        label("attendees"),
        own("Attendee ids", "与会者编号"),
        label("by"),
        label("summary"),
        label("sentiment_head"),
        label("decisions"),
        own("Follow-ups", "跟进事项"),
        own("Fulfils", "落实的计划项"),
    ];
    if with_notes {
        headers.push(own("Minutes", "会议纪要"));
    }
    [
        Sheet {
            name: sheet_name(7, language),
            headers,
            rows,
        },
        Sheet {
            name: sheet_name(8, language),
            headers: vec![
                own("Meeting id", "会议编号"),
                label("date"),
                label("meeting_head"),
                own("Decision", "决定事项"),
            ],
            rows: decisions,
        },
    ]
}
