//! The communication plan's exports: `communication-plan.ics` read by an independent
//! RFC 5545 parser (Python's `icalendar`; skipped with a note where python3 cannot
//! import it), its UIDs stable from build to build, `communication-plan.csv` read back,
//! and nothing confidential in either.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command as Process;

use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};
use serde_json::Value as Json;

use super::{build, root};

/// The events of a calendar as Python's `icalendar` reads them, or `None` (with a note)
/// when python3 cannot import it.
fn parse_ics(path: &Path) -> Option<Vec<Json>> {
    const SCRIPT: &str = r#"
import json, sys
import icalendar
calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
errors = [str(e) for c in calendar.walk() for e in c.errors]
events = []
for e in calendar.walk("VEVENT"):
    categories = e.get("CATEGORIES")
    events.append({
        "uid": str(e["UID"]),
        "start": e.decoded("DTSTART").isoformat(),
        "end": e.decoded("DTEND").isoformat(),
        "stamp": e.decoded("DTSTAMP").isoformat(),
        "summary": str(e["SUMMARY"]),
        "description": str(e["DESCRIPTION"]),
        "contact": str(e.get("CONTACT", "")),
        "categories": [str(c) for c in categories.cats] if categories else [],
    })
print(json.dumps({"version": str(calendar["VERSION"]), "errors": errors, "events": events}))
"#;
    let probe = Process::new("python3")
        .args(["-c", "import icalendar"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "note: skipping the independent .ics check: python3 cannot import icalendar \
             (pip install icalendar)"
        );
        return None;
    }
    let output = Process::new("python3")
        .args(["-c", SCRIPT])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "icalendar rejected {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed: Json = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(parsed["version"], "2.0");
    assert_eq!(parsed["errors"], Json::Array(Vec::new()), "parse errors");
    Some(parsed["events"].as_array().unwrap().clone())
}

fn uids(events: &[Json]) -> BTreeSet<String> {
    events
        .iter()
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect()
}

/// Whether an event is the catch-up of an overdue touch (marked in its categories).
fn is_catch_up(event: &Json) -> bool {
    let categories = event["categories"].as_array().unwrap();
    categories.iter().any(|c| c == "Overdue" || c == "已逾期")
}

/// The interval of a frequency as `stake analyze` writes it (`None` for ad hoc).
fn interval(frequency: &str) -> Option<Span> {
    Some(match frequency {
        "daily" => 1.day(),
        "weekly" => 1.week(),
        "biweekly" => 2.weeks(),
        "monthly" => 1.month(),
        "quarterly" => 3.months(),
        "yearly" => 1.year(),
        "ad-hoc" => return None,
        other => {
            let (n, unit) = other.strip_prefix("every ")?.split_once(' ')?;
            let n: i64 = n.parse().ok()?;
            match unit {
                "days" => n.days(),
                "weeks" => n.weeks(),
                _ => return None,
            }
        }
    })
}

/// A weekday as a fixed-day frequency names it.
fn weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// How one due date follows another (`None` for ad hoc, or a rule this model lacks).
enum Rule {
    /// Whole intervals from the first due date.
    Every(Span),
    /// The nth (`-1`: last) weekday of each month.
    MonthlyOn(i8, Weekday),
}

fn rule(frequency: &str) -> Option<Rule> {
    if let Some(rest) = frequency.strip_prefix("monthly on the ") {
        let (ordinal, day) = rest.split_once(' ')?;
        let nth = match ordinal {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            "fourth" => 4,
            "last" => -1,
            _ => return None,
        };
        return Some(Rule::MonthlyOn(nth, weekday(day)?));
    }
    match frequency.split_once(" on ") {
        // `weekly on monday`, `every 2 weeks on thursday`: the due date is on that
        // weekday, so whole weeks from it keep the day.
        Some((every, day)) if weekday(day).is_some() && !every.starts_with("monthly") => {
            interval(every).map(Rule::Every)
        }
        Some(_) => None,
        None => interval(frequency).map(Rule::Every),
    }
}

/// A sample's `_project.md` → `calendar`, written out again here so that the model does
/// not read it through stake's own parser: holidays (first and last day) and the
/// weekend days worked (调休).
struct Calendar {
    holidays: &'static [(&'static str, &'static str)],
    working: &'static [&'static str],
}

impl Calendar {
    fn is_working(&self, day: Date) -> bool {
        let iso = day.to_string();
        if self.working.contains(&iso.as_str()) {
            return true;
        }
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        !weekend
            && !self
                .holidays
                .iter()
                .any(|(from, to)| *from <= iso.as_str() && iso.as_str() <= *to)
    }

    /// The day an occurrence due on `day` is placed on: the next working day.
    fn place(&self, mut day: Date) -> Date {
        while !self.is_working(day) {
            day = day.tomorrow().unwrap();
        }
        day
    }
}

/// How many events the documented rules give for the analysis's schedule: an overdue
/// touch once on `as_of` (not one with no record yet), then every touch on each due date
/// its rule gives, before the end of the horizon, a day off (weekend or holiday) moved to
/// the next working day (skipped for a daily touch).
fn expected_events(analysis: &Json, weeks: i64, calendar: &Calendar) -> usize {
    let as_of: Date = analysis["as_of"].as_str().unwrap().parse().unwrap();
    let end = as_of.checked_add(weeks.weeks()).unwrap();
    let mut count = 0;
    for touch in analysis["schedule"].as_array().unwrap() {
        let (Some(due), Some(rule)) = (
            touch["date"].as_str(),
            rule(touch["frequency"].as_str().unwrap()),
        ) else {
            continue;
        };
        let due: Date = due.parse().unwrap();
        let nth = |k: i64| match rule {
            Rule::Every(interval) => due.checked_add(interval.checked_mul(k).unwrap()).unwrap(),
            Rule::MonthlyOn(nth, day) => due
                .first_of_month()
                .checked_add(k.months())
                .unwrap()
                .nth_weekday_of_month(nth, day)
                .unwrap(),
        };
        let mut k = 0;
        if due < as_of {
            // A catch-up only for what is late: a touch with no record yet has none.
            if touch["overdue"] == true {
                count += 1;
            }
            while nth(k) <= as_of {
                k += 1;
            }
        }
        let daily = touch["frequency"] == "daily";
        let mut previous = None;
        while nth(k) < end {
            let due = nth(k);
            k += 1;
            if daily && !calendar.is_working(due) {
                continue;
            }
            let placed = calendar.place(due);
            if placed < end && previous != Some(placed) {
                count += 1;
                previous = Some(placed);
            }
        }
    }
    count
}

#[test]
fn the_calendar_reads_in_an_independent_parser_with_the_expected_events() {
    let england = Calendar {
        holidays: &[
            ("2026-12-25", "2026-12-25"),
            ("2026-12-28", "2026-12-28"),
            ("2027-01-01", "2027-01-01"),
        ],
        working: &[],
    };
    let china = Calendar {
        holidays: &[("2027-01-01", "2027-01-03"), ("2027-02-05", "2027-02-13")],
        working: &["2027-01-31", "2027-02-14"],
    };
    for (sample, calendar) in [("erp-rollout", england), ("metro-line", china)] {
        let (_dir, out) = build(
            &root().join("samples").join(sample),
            &["--as-of", "2026-11-20", "--format", "ics,json"],
        );
        let ics = out.join("communication-plan.ics");
        let text = fs::read_to_string(&ics).unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "CRLF lines");
        assert!(text.split("\r\n").all(|line| line.len() <= 75), "folded");
        let Some(events) = parse_ics(&ics) else {
            return;
        };
        let analysis: Json =
            serde_json::from_str(&fs::read_to_string(out.join("analysis.json")).unwrap()).unwrap();
        assert_eq!(
            events.len(),
            expected_events(&analysis, 12, &calendar),
            "{sample}"
        );
        assert_eq!(uids(&events).len(), events.len(), "UIDs are unique");
        let overdue = analysis["schedule"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["overdue"] == true)
            .count();
        let catch_ups: Vec<&Json> = events.iter().filter(|e| is_catch_up(e)).collect();
        assert_eq!(catch_ups.len(), overdue, "{sample}: overdue touches marked");
        for e in &events {
            assert_eq!(e["stamp"], "2026-11-20T00:00:00+00:00");
            assert!(e["start"].as_str().unwrap() >= "2026-11-20");
            assert!(e["start"].as_str().unwrap() < "2027-02-12");
            assert!(!e["contact"].as_str().unwrap().is_empty(), "owner");
        }
        for e in catch_ups {
            assert_eq!(e["start"], "2026-11-20", "caught up on as_of");
        }
    }
}

#[test]
fn uids_are_stable_across_builds_horizons_and_days() {
    let register = root().join("samples/erp-rollout");
    let args = |as_of: &'static str, weeks: &'static str| {
        [
            "--as-of",
            as_of,
            "--horizon-weeks",
            weeks,
            "--format",
            "ics",
        ]
    };
    let (_a, first) = build(&register, &args("2026-11-20", "12"));
    let (_b, again) = build(&register, &args("2026-11-20", "12"));
    let first_ics = fs::read(first.join("communication-plan.ics")).unwrap();
    assert_eq!(
        first_ics,
        fs::read(again.join("communication-plan.ics")).unwrap(),
        "same input, same bytes"
    );
    let (_c, shorter) = build(&register, &args("2026-11-20", "4"));
    let (_d, next_day) = build(&register, &args("2026-11-21", "12"));
    let Some(first) = parse_ics(&first.join("communication-plan.ics")) else {
        return;
    };
    let shorter = parse_ics(&shorter.join("communication-plan.ics")).unwrap();
    let next_day = parse_ics(&next_day.join("communication-plan.ics")).unwrap();
    assert!(shorter.len() < first.len());
    assert!(uids(&shorter).is_subset(&uids(&first)), "a shorter horizon");
    // Nothing is logged on 21 Nov in the sample: every occurrence keeps its UID, and a
    // touch due on 20 Nov is now a catch-up on 21 Nov under the same UID.
    assert!(uids(&first).is_subset(&uids(&next_day)), "a day later");
    let due_today: Vec<&Json> = first
        .iter()
        .filter(|e| e["start"] == "2026-11-20" && !is_catch_up(e))
        .collect();
    assert!(!due_today.is_empty());
    for e in due_today {
        let later = next_day.iter().find(|n| n["uid"] == e["uid"]).unwrap();
        assert_eq!(later["start"], "2026-11-21");
        assert!(is_catch_up(later));
        assert!(
            later["summary"]
                .as_str()
                .unwrap()
                .starts_with("Overdue 1 day: ")
        );
    }
}

#[test]
fn the_spreadsheet_reads_back_one_row_per_planned_touch() {
    let (_dir, out) = build(
        &root().join("samples/metro-line"),
        &["--as-of", "2026-11-20", "--format", "csv,json"],
    );
    let bytes = fs::read(out.join("communication-plan.csv")).unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a UTF-8 byte order mark for Excel");
    let mut reader = csv::Reader::from_reader(body);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "编号");
    assert_eq!(&header[1], "干系人");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let analysis: Json =
        serde_json::from_str(&fs::read_to_string(out.join("analysis.json")).unwrap()).unwrap();
    let schedule = analysis["schedule"].as_array().unwrap();
    assert_eq!(rows.len(), schedule.len());
    for (row, touch) in rows.iter().zip(schedule) {
        assert_eq!(row.len(), header.len());
        // A stakeholder's touch by their id, a plan item by its own.
        let id = touch["stakeholder"].as_str().or(touch["item"].as_str());
        assert_eq!(&row[0], id.unwrap());
        assert_eq!(&row[5], touch["content"].as_str().unwrap_or(""));
        assert_eq!(&row[10], touch["date"].as_str().unwrap_or(""));
        assert_eq!(&row[11], touch["overdue_days"].to_string());
    }
    let names: BTreeSet<&str> = rows.iter().map(|r| &r[1]).collect();
    assert!(names.contains("李志强"), "Chinese intact");
}

#[test]
fn the_public_exports_leak_nothing() {
    let register = root().join("tests/fixtures/build-public");
    let exports = |public: bool| {
        let mut args = vec!["--format", "ics,csv"];
        if public {
            args.push("--public");
        }
        let (dir, out) = build(&register, &args);
        let text = ["communication-plan.ics", "communication-plan.csv"]
            .map(|name| fs::read_to_string(out.join(name)).unwrap())
            .join("\n");
        (dir, text.replace("\r\n ", ""))
    };
    let (_full_dir, full) = exports(false);
    let markers = [
        "LEAK-TOUCH-BOB",
        "LEAK-CHANNEL-BOB",
        "LEAK-OWNER-ALICE",
        "LEAK-RECORD-NAME",
    ];
    for marker in markers {
        assert!(
            full.contains(marker),
            "{marker} missing from the full build"
        );
    }
    let (_public_dir, public) = exports(true);
    for marker in markers.into_iter().chain(["LEAK", "secret-sam"]) {
        assert!(!public.contains(marker), "{marker} in the public exports");
    }
}

#[test]
fn a_chinese_register_without_a_cadence_names_the_built_in_channels_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path();
    fs::write(
        register.join("_project.md"),
        "---\nname: 无沟通节奏的项目\nlanguage: zh-CN\nas_of: 2026-11-20\n---\n",
    )
    .unwrap();
    // One stakeholder a quadrant, none with a plan: each gets the built-in cadence.
    for (id, name, power, interest) in [
        ("wang", "王建国", "很高", "很高"),
        ("li", "李志强", "很高", "很低"),
        ("liu", "刘晓燕", "很低", "很高"),
        ("zhao", "赵国栋", "很低", "很低"),
    ] {
        let text = format!("---\nname: {name}\npower: {power}\ninterest: {interest}\n---\n");
        fs::write(register.join(format!("{id}.md")), text).unwrap();
    }
    let (_out_dir, out) = build(register, &["--format", "html,csv"]);
    let plan = fs::read_to_string(out.join("communication-plan.html")).unwrap();
    for channel in ["会议", "书面报告", "项目简报", "邮件"] {
        assert!(
            plan.contains(&format!(">{channel}</td>")),
            "{channel}: {plan}"
        );
    }
    let csv = fs::read_to_string(out.join("communication-plan.csv")).unwrap();
    for english in ["meeting", "report", "newsletter", "email"] {
        assert!(
            !plan.contains(&format!(">{english}</td>")),
            "{english}: {plan}"
        );
        assert!(!csv.contains(english), "{english}: {csv}");
    }
}

#[test]
fn fixed_days_fall_on_their_day_and_days_off_move_to_the_next_working_day() {
    // A first-Thursday meeting, a Monday call and a daily stand-up, with a holiday on a
    // first Thursday, New Year's Day, the Spring Festival week and a Saturday worked to
    // make up for it (调休).
    let (_guard, out) = build(
        &root().join("tests/fixtures/v2-fixed-days"),
        &["--format", "ics", "--horizon-weeks", "16"],
    );
    let Some(events) = parse_ics(&out.join("communication-plan.ics")) else {
        return;
    };
    let starts = |content: &str| -> Vec<Date> {
        events
            .iter()
            .filter(|e| e["summary"].as_str().unwrap().ends_with(content))
            .map(|e| e["start"].as_str().unwrap()[..10].parse().unwrap())
            .collect()
    };
    let day = |text: &str| -> Date { text.parse().unwrap() };
    // Each first Thursday; 3 December is a holiday, so that one is on the Friday.
    assert_eq!(
        starts("Steering committee"),
        ["2026-12-04", "2027-01-07", "2027-02-04", "2027-03-04"].map(day)
    );
    let off = |d: Date| {
        [day("2026-12-03"), day("2027-01-01")].contains(&d)
            || (day("2027-02-08")..=day("2027-02-14")).contains(&d)
            || (matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
                && d != day("2027-02-20"))
    };
    let calls = starts("Status call");
    assert!(
        calls.iter().all(|d| d.weekday() == Weekday::Monday),
        "{calls:?}"
    );
    // The Spring Festival Monday moves to the next working day, which has its own call.
    assert!(!calls.iter().any(|&d| off(d)), "{calls:?}");
    assert_eq!(calls.len(), 15, "{calls:?}");
    let stand_ups = starts("Stand-up");
    assert!(!stand_ups.iter().any(|&d| off(d)), "{stand_ups:?}");
    assert!(
        stand_ups.contains(&day("2027-02-20")),
        "the make-up Saturday is worked"
    );
}

#[test]
fn a_short_name_labels_charts_and_calendar_titles() {
    let (_guard, out) = build(
        &root().join("tests/fixtures/v2-fixed-days"),
        &["--format", "ics,html"],
    );
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    let grid = &report[report.find("chart-svg chart-grid").unwrap()..];
    let grid = &grid[..grid.find("</svg>").unwrap()];
    assert!(
        grid.contains(">Kessler board</text>"),
        "the grid labels the short name"
    );
    assert!(
        !grid.contains("Procurement"),
        "the grid does not print the long name"
    );
    let Some(events) = parse_ics(&out.join("communication-plan.ics")) else {
        return;
    };
    let kessler: Vec<&Json> = events
        .iter()
        .filter(|e| {
            e["summary"]
                .as_str()
                .unwrap()
                .starts_with("Kessler board · ")
        })
        .collect();
    // Every other Friday from the 27th: 27 Nov, 11 Dec (within the default 12 weeks: 6).
    assert_eq!(kessler.len(), 6, "{kessler:?}");
    for event in kessler {
        assert!(
            event["description"]
                .as_str()
                .unwrap()
                .contains("Kessler Automotive GmbH, Procurement and Supplier Quality Board"),
            "the description names the stakeholder in full"
        );
    }
}

#[test]
fn a_week_with_holidays_names_them_rather_than_saying_nothing_was_due() {
    let (_guard, out) = build(
        &root().join("tests/fixtures/v2-fixed-days"),
        &["--format", "md", "--horizon-weeks", "16"],
    );
    let plan = fs::read_to_string(out.join("communication-plan.md"))
        .unwrap()
        .replace('\u{a0}', " ");
    assert!(
        plan.contains(
            "Days off: 春节 8 Feb – 14 Feb. What falls due on them is on the next working day."
        ),
        "{plan}"
    );
    assert!(
        plan.contains("Days off: 3 Dec."),
        "a single holiday: {plan}"
    );
    assert!(!plan.contains("Nothing due"), "{plan}");
}

#[test]
fn an_owners_calendar_holds_exactly_their_touches() {
    let erp = root().join("samples/erp-rollout");
    let (_all_guard, all) = build(&erp, &["--format", "ics,csv"]);
    let (_own_guard, own) = build(&erp, &["--format", "ics,csv", "--owner", "daniel ortiz"]);
    let Some(every) = parse_ics(&all.join("communication-plan.ics")) else {
        return;
    };
    let mine = parse_ics(&own.join("communication-plan.ics")).unwrap();
    let of_daniel: BTreeSet<String> = every
        .iter()
        .filter(|e| e["contact"] == "Daniel Ortiz")
        .map(|e| e["uid"].as_str().unwrap().to_owned())
        .collect();
    assert!(!of_daniel.is_empty());
    assert_eq!(
        uids(&mine),
        of_daniel,
        "the same events, with the same UIDs"
    );
    // The spreadsheet: only his rows.
    let csv = fs::read_to_string(own.join("communication-plan.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let owners: BTreeSet<String> = reader.records().map(|r| r.unwrap()[4].to_owned()).collect();
    assert_eq!(owners, BTreeSet::from(["Daniel Ortiz".to_owned()]));
}

#[test]
fn an_owner_nobody_is_is_an_error_naming_the_closest() {
    let out = tempfile::tempdir().unwrap();
    let output = crate::stake()
        .arg("build")
        .arg(root().join("samples/erp-rollout"))
        .arg("-o")
        .arg(out.path().join("internal-edition"))
        .args(["--format", "ics", "--owner", "Daniel Ortis"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("no touch of the plan has the owner `Daniel Ortis`")
            && stderr.contains("did you mean `Daniel Ortiz`?"),
        "{stderr}"
    );
}
