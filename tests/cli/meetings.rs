//! Meeting records (format v2): one file for a meeting of many counts for each attendee
//! as an interaction of their own, and its mistakes are reported like a stakeholder
//! file's.

use serde_json::Value;

use crate::{root, stake};

/// `stake analyze --format json` of a register.
fn analysis(register: &str) -> Value {
    let output = stake()
        .arg("analyze")
        .arg(root().join(register))
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&output.get_output().stdout).unwrap()
}

fn stakeholder<'a>(analysis: &'a Value, id: &str) -> &'a Value {
    analysis["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn a_meeting_of_three_is_each_attendees_contact() {
    // Nobody's own file logs anything; three meetings do (one of them planned, after
    // `as_of`).
    let a = analysis("tests/fixtures/v2-meetings");
    for id in ["helen-brandt", "tom-harris", "linda-park"] {
        let s = stakeholder(&a, id);
        assert_eq!(
            s["last_contact"], "2026-11-05",
            "{id}: the last past meeting"
        );
        assert_eq!(s["silent"], false, "{id}");
    }
    // Each attendee's own sentiment of the meeting, or the meeting's for everyone.
    assert_eq!(stakeholder(&a, "helen-brandt")["satisfaction"], 4.0);
    assert_eq!(stakeholder(&a, "tom-harris")["satisfaction"], 2.0);
    assert_eq!(
        stakeholder(&a, "tom-harris")["sentiment_trend"],
        "declining"
    );
    // The promise made to Linda is hers, late, and points at the meeting's record.
    let findings = a["findings"].as_array().unwrap();
    let late: Vec<&Value> = findings
        .iter()
        .filter(|f| f["code"] == "follow-up-overdue")
        .collect();
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0]["stakeholder"], "linda-park");
    assert_eq!(late[0]["file"], "meetings/2026-11-05-steering.md");
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
