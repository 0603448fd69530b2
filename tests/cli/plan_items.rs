//! Plan items with an audience (format v2): one planned communication to many is one
//! schedule entry, one plan row, one CSV row and one calendar event per due date for the
//! whole audience; it is kept by `sent`, by `fulfils`, and by nothing else; never kept is
//! "no record yet"; and every mistake in it is reported with its place.

use std::fs;

use serde_json::Value;

use std::path::Path;

use super::{analysis_of, build, root, stake};

const FIXTURE: &str = "tests/fixtures/v2-plan-items";

fn analysis() -> Value {
    analysis_of(Path::new(FIXTURE))
}

fn entry<'a>(a: &'a Value, item: &str) -> &'a Value {
    a["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["item"] == item)
        .unwrap_or_else(|| panic!("no plan item {item}"))
}

#[test]
fn a_plan_item_is_one_entry_for_its_whole_audience() {
    let a = analysis();
    let schedule = a["schedule"].as_array().unwrap();
    // Four plan items and Carla's own call: no per-person copies, and no suggested
    // cadence for anyone in an audience.
    assert_eq!(schedule.len(), 5, "{schedule:#?}");
    assert!(schedule.iter().all(|t| t["suggested"] == false));
    let pack = entry(&a, "steering-pack");
    assert!(pack.get("stakeholder").is_none());
    // By tag (Ann, Ben) and by id (Carla), in register order, each once.
    assert_eq!(
        pack["audience"],
        serde_json::json!(["ann-lee", "ben-okafor", "carla-diaz"])
    );
    // Kept by the 5 November meeting's `fulfils`: next on the first Thursday after.
    assert_eq!(pack["last"], "2026-11-05");
    assert_eq!(pack["date"], "2026-12-03");
    assert_eq!(pack["overdue"], false);
    assert_eq!(pack["file"], "_project.md");

    // Kept only by its `sent` dates: the last on 1 October, so late since 1 November.
    let report = entry(&a, "budget-report");
    assert_eq!(report["last"], "2026-10-01");
    assert_eq!(report["overdue_days"], 19);
    // Never sent nor named: no record yet, never overdue.
    let newsletter = entry(&a, "newsletter");
    assert_eq!(newsletter["recorded"], false);
    assert_eq!(newsletter["overdue"], false);
    assert_eq!(newsletter["date"], "2026-10-02");
    // One-off dates: the town hall of 10 November was kept (Ben's interaction names
    // it), so the next is the next listed date.
    let town_hall = entry(&a, "town-hall");
    assert_eq!(town_hall["last"], "2026-11-10");
    assert_eq!(town_hall["date"], "2027-01-12");
    // A touch's own `sent` keeps it, as an interaction through its channel does.
    let call = schedule
        .iter()
        .find(|t| t["stakeholder"] == "carla-diaz")
        .unwrap();
    assert_eq!(call["last"], "2026-10-15");

    // The findings: one per late or unrecorded item, not one per member; a meeting's own
    // promise is the meeting's.
    let findings = a["findings"].as_array().unwrap();
    let of = |code: &str| {
        findings
            .iter()
            .filter(|f| f["code"] == code)
            .collect::<Vec<_>>()
    };
    let late = of("plan-item-overdue");
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0]["plan_item"], "budget-report");
    assert_eq!(late[0]["days"], 19);
    assert_eq!(of("plan-item-unrecorded").len(), 1);
    assert!(of("key-without-plan").is_empty(), "an audience is a plan");
    let meeting = of("follow-up-overdue");
    assert_eq!(meeting.len(), 1, "{meeting:?}");
    assert_eq!(meeting[0]["meeting"], "2026-10-01-steering");
    assert_eq!(meeting[0]["file"], "meetings/2026-10-01-steering.md");

    // A member's next due date and days overdue count the items they are in.
    let dev = a["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "dev-rao")
        .unwrap();
    assert_eq!(
        dev["overdue_days"], 19,
        "the budget report is late to Dev too"
    );
    assert_eq!(dev["next_due"], "2026-10-02");
    assert_eq!(dev["next_due_unrecorded"], true);
}

#[test]
fn the_plan_calendar_and_spreadsheet_hold_each_item_once() {
    let (_dir, out) = build(&root().join(FIXTURE), &["--format", "md,ics,csv,json"]);
    let ics = fs::read_to_string(out.join("communication-plan.ics")).unwrap();
    let unfolded = ics.replace("\r\n ", "");
    let events: Vec<&str> = unfolded.split("BEGIN:VEVENT").skip(1).collect();
    let pack: Vec<&&str> = events
        .iter()
        .filter(|e| e.contains("Steering committee pack"))
        .collect();
    // 3 December, 7 January, 4 February: the first Thursdays in 12 weeks, once each.
    assert_eq!(pack.len(), 3, "{pack:#?}");
    for event in &pack {
        // Three are named in the title, by their short names where they have one.
        assert!(
            event.contains("SUMMARY:Ann\\, Ben Okafor\\, Carla Diaz · Steering committee pack"),
            "{event}"
        );
        assert!(
            event.contains("Audience: Ann Lee\\, Ben Okafor\\, Carla Diaz"),
            "the audience is named: {event}"
        );
    }
    // The late report is one catch-up today, not one per member.
    let report: Vec<&&str> = events
        .iter()
        .filter(|e| e.contains("Monthly budget report"))
        .collect();
    assert_eq!(
        report
            .iter()
            .filter(|e| e.contains("DTSTART;VALUE=DATE:20261120"))
            .count(),
        1
    );

    let csv = fs::read_to_string(out.join("communication-plan.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5, "one row per plan item and touch");
    let pack = rows.iter().find(|r| &r[0] == "steering-pack").unwrap();
    assert_eq!(&pack[1], "3 stakeholders");
    assert_eq!(&pack[13], "Ann Lee, Ben Okafor, Carla Diaz");

    let plan = fs::read_to_string(out.join("communication-plan.md")).unwrap();
    let items = plan.split("## Plan items").nth(1).unwrap();
    let items = &items[..items.find("\n## ").unwrap()];
    let rows: Vec<&str> = items.lines().filter(|l| l.starts_with("| ")).collect();
    // The header and four items.
    assert_eq!(rows.len(), 5, "{items}");
    assert!(items.contains("*no record yet*"), "{items}");
    assert!(
        items.contains("[Dev Rao](stakeholders/dev-rao.html)"),
        "{items}"
    );
    // Each member's profile lists the items they are in.
    let dev = fs::read_to_string(out.join("stakeholders/dev-rao.md")).unwrap();
    assert!(dev.contains("## Planned communication"), "{dev}");
    assert!(
        dev.contains("Monthly budget report · 2 stakeholders"),
        "{dev}"
    );
}

#[test]
fn plan_item_mistakes_are_all_reported() {
    let dir = "tests/fixtures/bad/bad-plan-items";
    let output = stake().args(["check", dir]).assert().code(1);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    for expected in [
        "_project.md:7:22: error[unknown-audience]: no stakeholder has the id `ann-le`",
        "_project.md:9:9: error[duplicate-id]: two plan items have the id `pack`",
        "_project.md:16:12: error[frequency-and-dates]: this plan item has both `frequency` and `dates`",
        "_project.md:17:5: error[missing-field]: this plan item has no `id`",
        "_project.md:17:5: error[missing-field]: this plan item has no `audience`",
        "_project.md:18:16: error[invalid-value]: `monthly on the fifth blursday` is not a valid `frequency`",
        "ann-lee.md:7:1: error[duplicate-id]: the touch id `ok-item` is also a plan item's",
        "ann-lee.md:13:15: error[unknown-plan-id]: no plan item or touch has the id `pak`",
        "meetings/kick-off.md:5:20: error[unknown-plan-id]: no plan item or touch has the id `nothing-like-this`",
    ] {
        let line = format!("{dir}/{expected}");
        assert!(
            stderr.lines().any(|l| l.starts_with(&line)),
            "`{line}` not reported:\n{stderr}"
        );
    }
    assert!(stderr.contains("help: did you mean `ann-lee`?"), "{stderr}");
    assert!(stderr.contains("help: did you mean `pack`?"), "{stderr}");
    // An unknown id says so once: no "matches no stakeholder" on top of it.
    assert!(!stderr.contains("empty-audience"), "{stderr}");
}

#[test]
fn an_audience_that_matches_nobody_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("_project.md"),
        "---\nname: P\ncommunications:\n  - id: board-pack\n    audience: {tags: [bord]}\n    frequency: monthly\n---\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("ann.md"),
        "---\nname: Ann\ncategory: internal\npower: H\ninterest: H\ntags: [board]\n---\n",
    )
    .unwrap();
    let output = stake().arg("check").arg(dir.path()).assert().success();
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("_project.md:5:15: warning[empty-audience]: the audience of plan item `board-pack` matches no stakeholder"),
        "{stderr}"
    );
}

#[test]
fn an_owners_week_with_twice_their_usual_load_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("_project.md"),
        "---\nname: P\nas_of: 2026-11-20\n---\n",
    )
    .unwrap();
    // Pat has one call a week; in the week of 7 December three promises fall due too.
    fs::write(
        dir.path().join("ann.md"),
        "---\nname: Ann\ncategory: internal\npower: H\ninterest: H\nowner: Pat\n\
         communication:\n  - {content: Weekly call, channel: call, frequency: weekly on monday}\n\
         interactions:\n\
         \x20 - {date: 2026-11-16, channel: call, by: Pat, follow_up: {action: Send the plan, due: 2026-12-08}}\n\
         \x20 - {date: 2026-11-17, channel: email, by: Pat, follow_up: {action: Send the budget, due: 2026-12-09}}\n\
         \x20 - {date: 2026-11-18, channel: email, by: Pat, follow_up: {action: Book the room, due: 2026-12-10}}\n\
         ---\n",
    )
    .unwrap();
    let (_out_dir, out) = build(dir.path(), &["--format", "md"]);
    let plan = fs::read_to_string(out.join("communication-plan.md")).unwrap();
    let section = plan.split("### Load per owner and week").nth(1).unwrap();
    let load = section
        .lines()
        .find(|l| l.starts_with("| Pat |"))
        .unwrap_or_else(|| panic!("no load row for Pat:\n{plan}"));
    let cells: Vec<&str> = load.split('|').map(str::trim).collect();
    // Owner, overdue, then the weeks from 20 November: the week of 7 December is the
    // fourth, one call and three promises, four times Pat's median week of one.
    assert_eq!(cells[6], "**⚠ 4**", "{load}");
    assert_eq!(
        cells.iter().filter(|c| c.contains('⚠')).count(),
        1,
        "{load}"
    );
    // The owner view: 12 touches, no plan item, 3 follow-ups, none late, a median week
    // of 1, the busiest week and one overload.
    let owner = plan.split("### By owner").nth(1).unwrap();
    let row = owner.lines().find(|l| l.starts_with("| Pat |")).unwrap();
    let cells: Vec<String> = row
        .split('|')
        .map(|c| c.trim().replace('\u{a0}', " "))
        .collect();
    assert_eq!(
        cells[2..9],
        ["12", "0", "3", "", "1", "7 Dec (4)", "**1**"],
        "{row}"
    );
}

#[test]
fn a_public_plan_item_states_nothing_its_confidential_inputs_decide() {
    let register = root().join("tests/fixtures/editions-hostile");
    let json = |public: bool| -> Value {
        let mut args = vec!["--format", "json"];
        if public {
            args.push("--public");
        }
        let (_dir, out) = build(&register, &args);
        serde_json::from_str(&fs::read_to_string(out.join("analysis.json")).unwrap()).unwrap()
    };
    let (internal, public) = (json(false), json(true));
    let items = |a: &Value| -> Vec<Value> {
        a["schedule"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["item"].is_string())
            .cloned()
            .collect()
    };
    // Internally both items, the board pack kept by Ben's (confidential) call.
    let inside = items(&internal);
    assert_eq!(inside.len(), 2);
    let pack = inside.iter().find(|t| t["item"] == "board-pack").unwrap();
    assert_eq!(pack["last"], "2026-10-21");
    // In public the board pack's dates would reveal when Ben was called: it is left out,
    // with Ann's and Ben's next due dates, which count it.
    let outside = items(&public);
    assert!(
        outside.iter().all(|t| t["item"] != "board-pack"),
        "{outside:?}"
    );
    for id in ["ann", "ben"] {
        let s = public["stakeholders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap();
        assert!(s["next_due"].is_null(), "{id}: {s}");
        assert!(
            s["withheld"]
                .as_array()
                .unwrap()
                .contains(&Value::from("next_due")),
            "{id}: {s}"
        );
    }
    // The digest is public, but Ivy is in it only by a confidential tag: not named.
    let digest = outside.iter().find(|t| t["item"] == "demo-digest").unwrap();
    let inside_digest = inside.iter().find(|t| t["item"] == "demo-digest").unwrap();
    assert_eq!(inside_digest["audience"], serde_json::json!(["ann", "ivy"]));
    assert_eq!(digest["audience"], serde_json::json!(["ann"]));
    assert_eq!(digest["date"], inside_digest["date"]);
}
