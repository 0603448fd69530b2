//! `stake log`: one contact appended to a stakeholder's file without touching a byte
//! of the rest, a meeting of several written as a record, and nothing left changed when
//! the register would not check clean.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{analysis_of, assessment, root, stake_in};

/// A copy of a register folder to write into.
fn copy(register: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join(register), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file of the folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            files.push((entry.path().to_path_buf(), fs::read(entry.path()).unwrap()));
        }
    }
    files
}

#[test]
fn one_id_appends_to_the_file_and_the_analysis_counts_it() {
    let dir = copy("tests/fixtures/v2-meetings");
    let file = dir.path().join("tom-harris.md");
    let before = fs::read_to_string(&file).unwrap();
    let output = stake_in(dir.path())
        .args([
            "log",
            ".",
            "tom-harris",
            "--date",
            "2026-11-20",
            "--channel",
            "call",
        ])
        .args(["--summary", "Agreed: the works council sees the plan first"])
        .args(["--sentiment", "positive", "--by", "Daniel Ortiz"])
        .args(["--follow-up", "Send the shift plan", "--due", "2026-11-27"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert!(
        stdout.starts_with("logged 2026-11-20 for `tom-harris` at ./tom-harris.md:"),
        "{stdout}"
    );
    let after = fs::read_to_string(&file).unwrap();
    // Only lines were added, in one place.
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert!(after.len() > before.len());
    let kept: String = {
        let prefix = before
            .bytes()
            .zip(after.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        format!(
            "{}{}",
            &after[..prefix],
            &after[prefix + after.len() - before.len()..]
        )
    };
    assert_eq!(kept, before);
    assert!(
        added.contains(&"    summary: \"Agreed: the works council sees the plan first\""),
        "{after}"
    );
    stake_in(dir.path()).args(["check", "."]).assert().success();
    let a = analysis_of(dir.path());
    let tom = assessment(&a, "tom-harris");
    assert_eq!(tom["last_contact"], "2026-11-20", "{tom}");
}

#[test]
fn several_ids_write_a_meeting_record_each_attendee_counts() {
    let dir = copy("tests/fixtures/v2-meetings");
    let output = stake_in(dir.path())
        .args(["log", ".", "helen-brandt", "linda-park", "helen-brandt"])
        .args(["--date", "2026-11-19", "--title", "Budget review"])
        .args(["--summary", "Cut-over budget agreed", "--sentiment", "4"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert_eq!(
        stdout.trim(),
        "logged 2026-11-19 as the meeting record ./meetings/2026-11-19-budget-review.md for `helen-brandt`, `linda-park`"
    );
    let record =
        fs::read_to_string(dir.path().join("meetings/2026-11-19-budget-review.md")).unwrap();
    assert_eq!(
        record,
        "---\nmeeting: Budget review\ndate: 2026-11-19\nattendees: [helen-brandt, linda-park]\nsummary: Cut-over budget agreed\nsentiment: 4\n---\n"
    );
    stake_in(dir.path()).args(["check", "."]).assert().success();
    let a = analysis_of(dir.path());
    for id in ["helen-brandt", "linda-park"] {
        assert_eq!(assessment(&a, id)["last_contact"], "2026-11-19", "{id}");
    }
    assert_eq!(assessment(&a, "tom-harris")["last_contact"], "2026-11-05");

    // The same again on the same day gets a file of its own, never the first one's.
    stake_in(dir.path())
        .args([
            "log",
            ".",
            "helen-brandt",
            "linda-park",
            "--date",
            "2026-11-19",
        ])
        .args(["--title", "Budget review", "--summary", "Second sitting"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("meetings/2026-11-19-budget-review.md")).unwrap(),
        record
    );
    assert!(
        dir.path()
            .join("meetings/2026-11-19-budget-review-2.md")
            .exists()
    );
}

#[test]
fn an_unknown_id_names_the_closest_and_changes_nothing() {
    let dir = copy("tests/fixtures/v2-meetings");
    let before = snapshot(dir.path());
    let output = stake_in(dir.path())
        .args(["log", ".", "helen-brant", "linda-park", "--summary", "x"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "no stakeholder has the id `helen-brant`; did you mean `helen-brandt` (Helen Brandt)?"
        ),
        "{stderr}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_entry_that_breaks_the_file_is_undone_and_the_error_shown() {
    let dir = copy("tests/fixtures/v2-meetings");
    let before = snapshot(dir.path());
    // A follow-up due before the day it was agreed is an error of the register.
    let output = stake_in(dir.path())
        .args([
            "log",
            ".",
            "tom-harris",
            "--date",
            "2026-11-20",
            "--summary",
            "Call",
        ])
        .args(["--follow-up", "Send it", "--due", "2026-11-01"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("error[follow-up-before-interaction]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the file is restored as it was; nothing logged"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "a file changed, or a temporary file stayed"
    );

    // The same mistake in a meeting record: the record is removed again.
    let output = stake_in(dir.path())
        .args([
            "log",
            ".",
            "tom-harris",
            "linda-park",
            "--date",
            "2026-11-20",
        ])
        .args([
            "--summary",
            "Call",
            "--follow-up",
            "Send it",
            "--due",
            "2026-11-01",
        ])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("it is removed again; nothing logged"),
        "{stderr}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_file_with_errors_is_not_edited() {
    let dir = copy("tests/fixtures/v2-meetings");
    let file = dir.path().join("tom-harris.md");
    let broken = fs::read_to_string(&file)
        .unwrap()
        .replace("power:", "powr:");
    fs::write(&file, &broken).unwrap();
    let output = stake_in(dir.path())
        .args(["log", ".", "tom-harris", "--summary", "Call"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(stderr.contains("unknown-field"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);
}

#[test]
fn bad_values_are_refused_before_anything_is_read() {
    let dir = copy("tests/fixtures/v2-meetings");
    let output = stake_in(dir.path())
        .args([
            "log",
            "tom-harris",
            "--summary",
            "x",
            "--sentiment",
            "great",
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("`positive`, `neutral`, `negative`"),
        "{stderr}"
    );
    stake_in(dir.path())
        .args([
            "log",
            "tom-harris",
            "--summary",
            "x",
            "--date",
            "2026-02-30",
        ])
        .assert()
        .code(2);
    // DIR may be left out: the first argument is then an id, the register `.`.
    stake_in(dir.path())
        .args([
            "log",
            "tom-harris",
            "--summary",
            "x",
            "--date",
            "2026-11-20",
        ])
        .assert()
        .success();
}

#[test]
fn a_chinese_register_keeps_its_crlf_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("赵军.md");
    let text = "\u{feff}---\r\nname: 赵军   # 局长\r\npower: 很高\r\ninterest: 高\r\ninteractions:\r\n  - {date: 2026-06-18, channel: 走访, summary: 现场调研, sentiment: 正面}\r\n---\r\n重视进度。\r\n";
    fs::write(&file, text).unwrap();
    stake_in(dir.path())
        .args([
            "log",
            ".",
            "赵军",
            "--date",
            "2026-06-25",
            "--channel",
            "微信",
        ])
        .args([
            "--summary",
            "同意：7 月底前完成管线迁改",
            "--sentiment",
            "正面",
        ])
        .assert()
        .success();
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        text.replace(
            "sentiment: 正面}\r\n---",
            "sentiment: 正面}\r\n  - {date: 2026-06-25, channel: 微信, summary: 同意：7 月底前完成管线迁改, sentiment: 正面}\r\n---"
        )
    );
}

#[test]
fn a_chinese_register_is_answered_in_chinese() {
    let dir = copy("samples/metro-line");
    let output = stake_in(dir.path())
        .args(["log", ".", "zhang-deming", "--date", "2026-11-20"])
        .args(["--channel", "电话", "--summary", "同意夜间施工报备方案"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert!(
        stdout.starts_with("已记录 2026-11-20 与 `zhang-deming` 的沟通，位于 ")
            && stdout.contains("zhang-deming.md:"),
        "{stdout}"
    );
    let before = snapshot(dir.path());
    let output = stake_in(dir.path())
        .args(["log", ".", "zhang-demin", "--summary", "x"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("没有编号为 `zhang-demin` 的干系人；是否要找 `zhang-deming`"),
        "{stderr}"
    );
    assert!(stderr.contains("（编号是干系人文件中的 `id:`"), "{stderr}");
    // `--lang en` answers in English.
    let output = stake_in(dir.path())
        .args(["log", ".", "zhang-demin", "--summary", "x", "--lang", "en"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(
        stderr.contains("no stakeholder has the id `zhang-demin`; did you mean `zhang-deming`"),
        "{stderr}"
    );
    let output = stake_in(dir.path())
        .args(["log", ".", "zhang-deming", "--summary", " "])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    assert!(stderr.contains("`--summary` 为空"), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
}
