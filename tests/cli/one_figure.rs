//! One figure, one value: a figure shown in more than one place (the counts of
//! stakeholders, key stakeholders, overdue touches and silent stakeholders, the
//! engagement index, a touch's last contact and due date, a stakeholder's last contact
//! and next due date) has the same value on the dashboard, the report, the plan, the
//! profiles, the CSV, the calendar and in `analysis.json`, in both editions.
//!
//! The Markdown pages (`--format md`) are parsed rather than the HTML: they hold the
//! same text, and their tables are plain to read.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::editions_truth::{analysis, both_editions, list, synthetic};
use super::root;

/// A date as the pages print it (`1 Mar 2026`, `2026年3月1日`) or as ISO, in ISO; `None`
/// for anything else ("never", "—", "not in this edition").
fn date(text: &str) -> Option<String> {
    let text = text.trim();
    // A note after the date: `(overdue 19 days)`, `（逾期 264 天）`.
    let first = text.split([' ', '（']).collect::<Vec<_>>();
    let first = if text.contains('年') {
        first[0]
    } else {
        text.split(" (").next().unwrap_or(text).trim()
    };
    if first.len() == 10 && first.as_bytes()[4] == b'-' && first.as_bytes()[7] == b'-' {
        return Some(first.to_string());
    }
    if let Some((year, rest)) = first.split_once('年') {
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日')?;
        return Some(format!(
            "{year}-{:02}-{:02}",
            month.parse::<u32>().ok()?,
            day.parse::<u32>().ok()?
        ));
    }
    let parts: Vec<&str> = first.split_whitespace().collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| month.starts_with(m))? + 1;
    Some(format!("{year}-{month:02}-{:02}", day.parse::<u32>().ok()?))
}

/// The JSON value of a date field as an optional ISO date.
fn json_date(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

/// The figures (label → value) of the ```` ```figures ```` blocks of a Markdown page.
fn figures(page: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut inside = false;
    for line in page.lines() {
        if line.starts_with("```figures") {
            inside = true;
        } else if line.starts_with("```") {
            inside = false;
        } else if inside && let Some((value, label)) = line.split_once(" | ") {
            found.insert(label.trim().to_string(), value.trim().to_string());
        }
    }
    found
}

/// The cells of a Markdown table row, with Markdown's escapes undone.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cells.last_mut().unwrap().extend(chars.next()),
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells
        .into_iter()
        .map(|c| c.trim().trim_matches('*').trim().to_string())
        .collect()
}

/// The stakeholder id a table cell links to (`[Name](stakeholders/ID.html)`).
fn linked_id(cell: &str) -> Option<&str> {
    let at = cell.find("](stakeholders/")? + "](stakeholders/".len();
    let rest = &cell[at..];
    Some(&rest[..rest.find(".html")?])
}

/// The rows of every table of `page` whose header has all of `columns`, as maps from
/// column name to cell.
fn rows(page: &str, columns: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut found = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for line in page.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        if line.starts_with("|--") || line.starts_with("|:-") || line.starts_with("|---") {
            continue;
        }
        let row = cells(line);
        match &header {
            None => {
                header = columns
                    .iter()
                    .all(|c| row.iter().any(|h| h == c))
                    .then_some(row)
                    .or(Some(Vec::new()));
            }
            Some(names) if !names.is_empty() => {
                found.push(names.iter().cloned().zip(row).collect());
            }
            Some(_) => {}
        }
    }
    found
}

/// The words of a page in the register's language.
struct Words {
    stakeholders: &'static str,
    key: &'static str,
    index: &'static str,
    overdue: &'static str,
    silent: &'static str,
    findings: &'static str,
    planned: &'static str,
    upcoming: &'static str,
    stakeholder: &'static str,
    content: &'static str,
    last: &'static str,
    next: &'static str,
    item: &'static str,
    audience: &'static str,
    kept: &'static str,
    days: &'static str,
    date: &'static str,
    withheld: &'static str,
}

const ENGLISH: Words = Words {
    stakeholders: "Stakeholders",
    key: "Key stakeholders",
    index: "Engagement index",
    overdue: "Overdue touches",
    silent: "Silent stakeholders",
    findings: "Findings",
    planned: "Planned touches",
    upcoming: "Touches in the next 12 weeks",
    stakeholder: "Stakeholder",
    content: "Content",
    last: "Last contact",
    next: "Next due",
    item: "Item",
    audience: "Audience",
    kept: "Last kept",
    days: "Days overdue",
    date: "Date",
    withheld: "not in this edition",
};

const CHINESE: Words = Words {
    stakeholders: "干系人",
    key: "关键干系人",
    index: "参与度指数",
    overdue: "逾期沟通",
    silent: "沉默干系人",
    findings: "发现的问题",
    planned: "计划沟通",
    upcoming: "未来 12 周沟通次数",
    stakeholder: "干系人",
    content: "内容",
    last: "最近往来",
    next: "下次沟通",
    item: "事项",
    audience: "对象",
    kept: "上次执行",
    days: "逾期天数",
    date: "日期",
    withheld: "本版未列",
};

/// Checks every figure of one build against its `analysis.json`.
fn one_value_each(name: &str, out: &Path) {
    let a = analysis(out);
    let words = if a["project"]["language"]
        .as_str()
        .is_some_and(|l| l.starts_with("zh"))
    {
        &CHINESE
    } else {
        &ENGLISH
    };
    let read = |page: &str| fs::read_to_string(out.join(page)).unwrap();
    let summary = &a["summary"];
    let stakeholders = list(&a, "stakeholders");
    let schedule = list(&a, "schedule");
    let findings = list(&a, "findings");

    // The summary counts what the analysis lists.
    let count = |f: &dyn Fn(&Value) -> bool| stakeholders.iter().filter(|s| f(s)).count();
    assert_eq!(summary["stakeholders"], stakeholders.len(), "{name}");
    assert_eq!(
        summary["key"]["key"],
        count(&|s| s["key"] == true),
        "{name}"
    );
    assert_eq!(summary["silent"], count(&|s| s["silent"] == true), "{name}");
    let overdue = schedule.iter().filter(|t| t["overdue"] == true).count();
    assert_eq!(summary["overdue_touches"], overdue, "{name}");
    assert!(
        schedule
            .iter()
            .all(|t| t["suggested"] == false || t["overdue"] == false),
        "{name}: a suggested touch is overdue"
    );

    // The figures of the dashboard, report and plan.
    let index = match summary["engagement_index"].as_u64() {
        Some(n) => n.to_string(),
        None => words.withheld.to_string(),
    };
    let expected: BTreeMap<&str, String> = [
        (words.stakeholders, stakeholders.len().to_string()),
        (words.key, summary["key"]["key"].to_string()),
        (words.index, index),
        (words.overdue, overdue.to_string()),
        (words.silent, summary["silent"].to_string()),
        (words.findings, findings.len().to_string()),
        (words.planned, schedule.len().to_string()),
    ]
    .into_iter()
    .collect();
    let mut shown = 0;
    for page in ["index.md", "report.md", "communication-plan.md"] {
        for (label, value) in figures(&read(page)) {
            if let Some(want) = expected.get(label.as_str()) {
                assert_eq!(&value, want, "{name}: {page} says {value} {label}");
                shown += 1;
            }
        }
    }
    assert!(shown >= 10, "{name}: only {shown} figures found");

    // The dashboard's attention list says how many findings there are in all.
    let dashboard_page = read("index.md");
    let cut = dashboard_page
        .lines()
        .find(|l| l.contains("](report.html#"))
        .filter(|_| findings.len() > 10);
    if let Some(line) = cut {
        let numbers = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse::<usize>().ok());
        assert_eq!(numbers.max(), Some(findings.len()), "{name}: {line}");
    }

    // Each touch: the plan page, the CSV and the calendar agree with the schedule.
    let by_id: BTreeMap<&str, &Value> = stakeholders
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s))
        .collect();
    // What a touch states: last contact, due date, days overdue (0 when not).
    let stated = |t: &Value| {
        let days = if t["overdue"] == true {
            t["overdue_days"].as_u64().unwrap()
        } else {
            0
        };
        (json_date(&t["last"]), json_date(&t["date"]), days)
    };
    // What the touches of `id` with this content state (a register may plan the same
    // content twice, on two channels).
    let touches = |id: &str, content: &str| {
        let mut found: Vec<&Value> = schedule
            .iter()
            .filter(|t| (t["stakeholder"] == id || t["item"] == id) && t["content"] == content)
            .collect();
        if found.is_empty() {
            // A suggested touch has no content of its own: the pages name it for what
            // it is ("Default touch (suggested)").
            found = schedule
                .iter()
                .filter(|t| t["stakeholder"] == id && t["suggested"] == true)
                .filter(|t| t["content"].is_null())
                .collect();
        }
        assert!(!found.is_empty(), "{name}: no touch {id} {content:?}");
        found.into_iter().map(stated).collect::<Vec<_>>()
    };
    let plan = read("communication-plan.md");
    let plan_rows = rows(
        &plan,
        &[
            words.stakeholder,
            words.content,
            words.kept,
            words.next,
            words.days,
        ],
    );
    // The grid's tables hold each stakeholder's touches; a plan item (format v2) has one
    // row of its own for its whole audience.
    let (items, own): (Vec<&Value>, Vec<&Value>) =
        schedule.iter().partition(|t| t["item"].is_string());
    assert_eq!(plan_rows.len(), own.len(), "{name}: plan rows");
    let item_rows = rows(&plan, &[words.item, words.audience, words.next, words.days]);
    assert_eq!(item_rows.len(), items.len(), "{name}: plan item rows");
    for (row, item) in item_rows.iter().zip(&items) {
        let (_, next, days) = stated(item);
        assert_eq!(date(&row[words.next]), next, "{name}: {row:?}");
        assert_eq!(
            row[words.days].parse::<u64>().unwrap_or(0),
            days,
            "{name}: {row:?}"
        );
        let audience = item["audience"].as_array().map_or(0, Vec::len);
        let named = row[words.audience].matches("](stakeholders/").count();
        assert_eq!(named, audience.min(30), "{name}: the audience of {row:?}");
    }
    for row in &plan_rows {
        let id = linked_id(&row[words.stakeholder]).unwrap();
        let shown = (
            date(&row[words.kept]),
            date(&row[words.next]),
            row[words.days].parse::<u64>().unwrap_or(0),
        );
        let want = touches(id, &row[words.content]);
        assert!(
            want.contains(&shown),
            "{name}: the plan page says {shown:?} of {id} {:?}, the analysis {want:?}",
            row[words.content]
        );
    }

    // The report's plan summary: the overdue count, and each touch's due date.
    let report = read("report.md");
    let summary_at = report.rfind("\n## ").unwrap();
    let plan_summary = &report[summary_at..];
    let callout = plan_summary.lines().find(|l| l.starts_with("> **"));
    match callout {
        Some(callout) => assert!(
            callout.contains(words.overdue) && callout.contains(&format!("{overdue}**")),
            "{name}: the report says {callout:?}, the analysis {overdue} overdue"
        ),
        // Nothing overdue: the summary says nothing of it rather than "0 overdue".
        None => assert_eq!(
            overdue, 0,
            "{name}: no overdue count in the report's plan summary"
        ),
    }
    let summary_rows = rows(plan_summary, &[words.date, words.content]);
    assert!(!summary_rows.is_empty(), "{name}: no plan summary rows");
    for row in &summary_rows {
        // A stakeholder's touch links their profile; a plan item is found by its content.
        let id = linked_id(&row[words.stakeholders])
            .or_else(|| {
                let item = items
                    .iter()
                    .find(|t| t["content"] == row[words.content].as_str());
                item.and_then(|t| t["item"].as_str())
            })
            .unwrap();
        let due = date(&row[words.date]);
        let want = touches(id, &row[words.content]);
        assert!(
            want.iter().any(|(_, d, _)| *d == due),
            "{name}: the report's plan summary says {due:?} of {id} {:?}, the analysis {want:?}",
            row[words.content]
        );
    }

    let csv = read("communication-plan.csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (c_content, c_last, c_next, c_days) = (
        column(words.content),
        column(words.kept),
        column(words.next),
        column(words.days),
    );
    let c_upcoming = column(words.upcoming);
    let mut upcoming = 0;
    let mut csv_rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        // A cell a spreadsheet could run as a formula is written with a leading `'`.
        let cell = |i: usize| record[i].trim_start_matches('\'').to_string();
        // The CSV writes 0 days where the page leaves the cell empty: not overdue.
        let shown = (
            date(&cell(c_last)),
            date(&cell(c_next)),
            cell(c_days).parse::<u64>().unwrap_or(0),
        );
        let want = touches(&cell(0), &cell(c_content));
        assert!(
            want.contains(&shown),
            "{name}: the CSV says {shown:?} of {} {:?}, the analysis {want:?}",
            cell(0),
            cell(c_content)
        );
        upcoming += cell(c_upcoming).parse::<usize>().unwrap();
        csv_rows += 1;
    }
    // The touches in the horizon: the plan's figure, the CSV's column, the calendar's
    // events less the catch-ups of overdue touches.
    let events = events(&read("communication-plan.ics"));
    let figure = figures(&plan)[words.upcoming].parse::<usize>().unwrap();
    assert_eq!(upcoming, figure, "{name}: the CSV's touches in 12 weeks");
    assert_eq!(events.len(), figure + overdue, "{name}: calendar events");
    assert_eq!(csv_rows, schedule.len(), "{name}: CSV rows");

    let as_of_date: jiff::civil::Date = a["as_of"].as_str().unwrap().parse().unwrap();
    let as_of = a["as_of"].as_str().unwrap().replace('-', "");
    for t in schedule {
        let Some(due) = t["date"].as_str() else {
            continue;
        };
        // A plan item's event names its audience: its first member is named.
        let whom = t["stakeholder"]
            .as_str()
            .or_else(|| t["audience"][0].as_str())
            .unwrap();
        let who = by_id[whom]["name"].as_str().unwrap();
        // A suggested touch (no content) is its stakeholder's only one.
        let content = t["content"].as_str().unwrap_or("");
        let mine: Vec<&Event> = events
            .iter()
            .filter(|e| e.description.contains(who) && e.description.contains(content))
            .collect();
        let compact = due.replace('-', "");
        let at_due = mine.iter().find(|e| e.due == compact);
        if t["overdue"] == true {
            // An overdue touch is one catch-up event today, under its due date's UID.
            let event = at_due.unwrap_or_else(|| panic!("{name}: no event for {t}"));
            assert_eq!(event.start, as_of, "{name}: catch-up of {t}");
        } else if t["recorded"] == false && t["suggested"] == false && compact < as_of {
            // No record yet: no catch-up under its first due date; the rhythm goes on.
            assert!(at_due.is_none(), "{name}: a catch-up for {t}");
        } else if let Some(event) = at_due {
            // A non-working day moves the event later, never earlier.
            assert!(
                event.start >= event.due,
                "{name}: {t} starts before it is due"
            );
        } else {
            // Only a touch due beyond the calendar's 12 weeks has no event.
            let due: jiff::civil::Date = due.parse().unwrap();
            let horizon = as_of_date.checked_add(jiff::Span::new().days(84)).unwrap();
            assert!(due >= horizon, "{name}: no event for {t}");
        }
    }

    // Each stakeholder: the profile and the dashboard's list agree with the analysis.
    let dashboard = rows(&read("index.md"), &[words.last]);
    for s in stakeholders {
        let id = s["id"].as_str().unwrap();
        let profile = read(&format!("stakeholders/{id}.md"));
        // The row `| Label | value |` of the profile's assessment table.
        let value = |label: &str| {
            profile
                .lines()
                .filter(|l| l.starts_with('|'))
                .map(cells)
                .find(|c| c.len() == 2 && c[0] == label)
                .map(|c| c[1].clone())
        };
        let last = value(words.last).unwrap_or_else(|| panic!("{name}: {id}: no last contact"));
        assert_eq!(
            date(&last),
            json_date(&s["last_contact"]),
            "{name}: profile of {id}: last contact {last:?}"
        );
        if let Some(next) = value(words.next) {
            assert_eq!(
                date(&next),
                json_date(&s["next_due"]),
                "{name}: profile of {id}: next due {next:?}"
            );
        }
        for row in dashboard
            .iter()
            .filter(|r| r.values().any(|c| linked_id(c) == Some(id)))
        {
            assert_eq!(
                date(&row[words.last]),
                json_date(&s["last_contact"]),
                "{name}: dashboard row of {id}"
            );
        }
    }
}

/// A calendar event: its description (unescaped), the due date its UID names, and the
/// day it starts (both `YYYYMMDD`).
struct Event {
    description: String,
    due: String,
    start: String,
}

/// The events of a calendar.
fn events(ics: &str) -> Vec<Event> {
    let unfolded = ics.replace("\r\n ", "").replace("\n ", "");
    let mut found = Vec::new();
    let mut event: Option<Event> = None;
    for line in unfolded.lines() {
        if line == "BEGIN:VEVENT" {
            event = Some(Event {
                description: String::new(),
                due: String::new(),
                start: String::new(),
            });
        } else if line == "END:VEVENT" {
            found.extend(event.take());
        } else if let Some(e) = &mut event {
            if let Some(text) = line.strip_prefix("DESCRIPTION:") {
                e.description = text
                    .replace("\\n", "\n")
                    .replace("\\,", ",")
                    .replace("\\;", ";")
                    .replace("\\\\", "\\");
            } else if let Some(uid) = line.strip_prefix("UID:") {
                let stem = uid.trim_end_matches("@stake");
                e.due = stem.rsplit('-').next().unwrap().to_string();
            } else if let Some((_, day)) = line
                .strip_prefix("DTSTART")
                .and_then(|rest| rest.split_once(':'))
            {
                e.start = day[..8].to_string();
            }
        }
    }
    found
}

#[test]
fn every_figure_shown_twice_has_one_value_in_both_editions() {
    let synthetic_dir = tempfile::tempdir().unwrap();
    synthetic(synthetic_dir.path(), true);
    for (name, register) in [
        ("erp-rollout", root().join("samples/erp-rollout")),
        ("metro-line", root().join("samples/metro-line")),
        ("synthetic", synthetic_dir.path().to_path_buf()),
        ("hostile", root().join("tests/fixtures/editions-hostile")),
    ] {
        let built = both_editions(&register);
        one_value_each(&format!("{name} (internal)"), &built.internal);
        one_value_each(&format!("{name} (public)"), &built.public);
    }
}
