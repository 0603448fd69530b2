//! Meeting records (format v2): one file for a meeting of many counts for each attendee
//! as an interaction of their own, and its mistakes are reported like a stakeholder
//! file's.

use serde_json::Value;

use std::path::Path;

use crate::{analysis_of, assessment, root, stake};

#[test]
fn a_meeting_of_three_is_each_attendees_contact() {
    // Nobody's own file logs anything; three meetings do (one of them planned, after
    // `as_of`).
    let a = analysis_of(Path::new("tests/fixtures/v2-meetings"));
    for id in ["helen-brandt", "tom-harris", "linda-park"] {
        let s = assessment(&a, id);
        assert_eq!(
            s["last_contact"], "2026-11-05",
            "{id}: the last past meeting"
        );
        assert_eq!(s["silent"], false, "{id}");
    }
    // Each attendee's own sentiment of the meeting, or the meeting's for everyone.
    assert_eq!(assessment(&a, "helen-brandt")["satisfaction"], 4.0);
    assert_eq!(assessment(&a, "tom-harris")["satisfaction"], 2.0);
    assert_eq!(assessment(&a, "tom-harris")["sentiment_trend"], "declining");
    // The promise made to Linda is hers, late, and points at the meeting's record.
    let findings = a["findings"].as_array().unwrap();
    let late: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "follow-up-overdue")
        .collect();
    let late: Vec<&Value> = late
        .into_iter()
        .filter(|f| f["stakeholder"].is_string())
        .collect();
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0]["stakeholder"], "linda-park");
    assert_eq!(late[0]["file"], "meetings/2026-11-05-steering.md");
    // The meeting's own promise, made to nobody in particular, is the meeting's finding.
    let own: Vec<&Value> = findings
        .iter()
        .filter(|f| f["meeting"] == "2026-11-05-steering")
        .collect();
    assert_eq!(own.len(), 1, "{own:?}");
    assert_eq!(own[0]["code"], "follow-up-overdue");
    assert_eq!(own[0]["subject"], "Book the rehearsal room");
    assert!(own[0].get("stakeholder").is_none(), "{own:?}");
    // Tom's falling ratings are the meetings': the finding points at the latest one.
    let declining = findings
        .iter()
        .find(|f| f["code"] == "declining-sentiment" && f["stakeholder"] == "tom-harris")
        .unwrap();
    assert_eq!(declining["file"], "meetings/2026-11-05-steering.md");
    assert!(
        late[0]["message"]
            .as_str()
            .unwrap()
            .contains("Send the revised training plan")
    );
}

#[test]
fn meeting_mistakes_are_all_reported() {
    let dir = "tests/fixtures/bad/bad-meeting";
    let output = stake().args(["check", dir]).assert().code(1);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    for expected in [
        "meetings/ann-lee.md:1:1: error[duplicate-id]: meeting `ann-lee` has the id of a stakeholder",
        "meetings/empty.md:1:1: error[missing-field]: this meeting has no `attendees`",
        "meetings/kick-off.md:4:22: error[unknown-attendee]: no stakeholder has the id `bob-smyth`",
        "meetings/kick-off.md:5:12: error[sentiment-not-attendee]: `sentiment` names `carol`",
        "meetings/kick-off.md:7:37: error[follow-up-not-attendee]: this follow-up is `for` `carol`",
        "meetings/kick-off.md:7:49: error[follow-up-before-interaction]",
        "meetings/kick-off.md:8:5: error[missing-field]: this follow-up has no `action`",
        "meetings/kick-off.md:9:25: error[unknown-field-name]: `minutes` is not a meeting field",
    ] {
        let line = format!("{dir}/{expected}");
        assert!(
            stderr.lines().any(|l| l.starts_with(&line)),
            "`{line}` not reported:\n{stderr}"
        );
    }
}

/// The `## Meetings` section of a built `report.md`.
fn meetings_section(out: &std::path::Path) -> String {
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    let start = report.find("## Meetings").expect("a Meetings section");
    let rest = &report[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i);
    rest[..end].to_owned()
}

#[test]
fn the_report_lists_meetings_with_their_open_follow_ups() {
    let (_guard, out) = crate::build(
        &root().join("tests/fixtures/v2-meetings"),
        &["--format", "md"],
    );
    let section = meetings_section(&out);
    let rows: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("**"))
        .collect();
    assert_eq!(rows.len(), 3, "{section}");
    // Dates are kept on one line (non-breaking spaces).
    let rows: Vec<String> = rows.iter().map(|r| r.replace('\u{a0}', " ")).collect();
    assert!(
        rows[2].starts_with("| 3 Dec 2026 (planned) |"),
        "{}",
        rows[2]
    );
    // Promises to an attendee and the meeting's own, the late ones marked late.
    assert!(
        rows[1].contains("Book the rehearsal room (15 Nov 2026, **5 days late**)"),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].contains(
            "Send the revised training plan (12 Nov 2026, **8 days late**, for Linda Park)"
        )
    );
}

#[test]
fn a_public_meeting_names_only_attendees_whose_log_is_public() {
    let hostile = root().join("tests/fixtures/editions-hostile");
    let (_gi, internal) = crate::build(&hostile, &["--format", "md"]);
    let (_gp, public) = crate::build(&hostile, &["--format", "md", "--public"]);
    let internal = meetings_section(&internal);
    let public = meetings_section(&public);
    // Ben's log is confidential: that he met the project on 15 September is a contact the
    // public edition withholds.
    assert!(internal.contains("stakeholders/ben.html"), "{internal}");
    assert!(!public.contains("stakeholders/ben.html"), "{public}");
    assert!(public.contains("Open design review") && public.contains("stakeholders/dan.html"));
    // The confidential board meeting is left out whole.
    assert!(!public.contains("SECRET"), "{public}");
}
