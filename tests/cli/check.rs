//! `stake check`: one fixture register per check, each with its expected place and code,
//! and the report formats on a register with many mistakes.

use snapbox::cmd::OutputAssert;

use crate::{snapshot, stake, stake_in};

/// Runs `stake check` on `tests/fixtures/bad/<case>`, compares stderr with its snapshot,
/// and checks the exit code and that each expected `file:line:column: severity[code]`
/// (relative to the fixture) is in the report.
fn bad(case: &str, exit: i32, expected: &[&str]) {
    let dir = format!("tests/fixtures/bad/{case}");
    let output = stake()
        .args(["check", &dir])
        .assert()
        .code(exit)
        .stdout_eq("")
        .stderr_eq(snapshot(&format!("bad/{case}.stderr")));
    let stderr = stderr(&output);
    for place in expected {
        let line = format!("{dir}/{place}");
        assert!(
            stderr.lines().any(|l| l.starts_with(&line)),
            "`{line}` not reported:\n{stderr}"
        );
    }
}

fn stderr(output: &OutputAssert) -> String {
    String::from_utf8_lossy(&output.get_output().stderr).into_owned()
}

#[test]
fn unknown_field_suggests_the_closest() {
    bad(
        "unknown-field",
        1,
        &["ann-lee.md:5:1: error[unknown-field]: unknown field `intrest`"],
    );
}

#[test]
fn calendar_and_fixed_day_mistakes_are_all_reported() {
    bad(
        "bad-calendar",
        1,
        &[
            "_project.md:4:28: error[invalid-value]: `wednes-day` is not a day of the week",
            "_project.md:8:7: error[overlapping-holidays]",
            "_project.md:9:7: error[invalid-value]: this holiday ends (2027-05-01) before it starts",
            "_project.md:10:7: error[missing-field]: this holiday has no `to`",
            "_project.md:11:7: error[invalid-value]: `2027-13-01` is not a date",
            "_project.md:12:25: error[invalid-value]: `2027-02-30` is not a valid `working`",
            "ann-lee.md:9:16: error[invalid-value]: `monthly on the fifth thursday`",
            "ann-lee.md:11:16: error[invalid-value]: `每周八`",
        ],
    );
}

#[test]
fn invalid_level() {
    bad(
        "invalid-level",
        1,
        &["ann-lee.md:4:8: error[invalid-value]: `hgh` is not a valid `power`"],
    );
}

#[test]
fn invalid_frequency() {
    bad(
        "invalid-frequency",
        1,
        &["ann-lee.md:9:16: error[invalid-value]: `sometimes` is not a valid `frequency`"],
    );
}

#[test]
fn impossible_date() {
    bad(
        "impossible-date",
        1,
        &["ann-lee.md:7:11: error[invalid-value]: `2026-02-30` is not a valid `date`"],
    );
}

#[test]
fn missing_name() {
    bad(
        "missing-name",
        1,
        &["ann-lee.md:1:1: error[missing-field]: this stakeholder has no `name`"],
    );
}

#[test]
fn missing_power() {
    bad(
        "missing-power",
        1,
        &["ann-lee.md:1:1: error[missing-field]: this stakeholder has no `power`"],
    );
}

#[test]
fn missing_interest() {
    bad(
        "missing-interest",
        1,
        &["ann-lee.md:1:1: error[missing-field]: this stakeholder has no `interest`"],
    );
}

#[test]
fn duplicate_id_names_both_places() {
    bad(
        "duplicate-id",
        1,
        &["people/ann-lee.md:1:1: error[duplicate-id]: stakeholder id `ann-lee` is used twice"],
    );
    let stderr = stderr(
        &stake()
            .args(["check", "tests/fixtures/bad/duplicate-id"])
            .assert(),
    );
    assert!(
        stderr.contains("first used by: tests/fixtures/bad/duplicate-id/orgs/lee-holdings.md:2:5")
    );
}

#[test]
fn relationship_to_no_one_suggests_an_id() {
    bad(
        "unknown-stakeholder",
        1,
        &["ann-lee.md:7:11: error[unknown-stakeholder]: no stakeholder has the id `bob-smyth`"],
    );
    let stderr = stderr(
        &stake()
            .args(["check", "tests/fixtures/bad/unknown-stakeholder"])
            .assert(),
    );
    assert!(stderr.contains("did you mean `bob-smith`?"));
}

#[test]
fn relationship_to_oneself() {
    bad(
        "self-relationship",
        1,
        &["ann-lee.md:7:11: error[self-relationship]"],
    );
}

#[test]
fn follow_up_due_before_its_interaction() {
    bad(
        "follow-up-before-interaction",
        1,
        &["ann-lee.md:12:12: error[follow-up-before-interaction]"],
    );
}

#[test]
fn desired_engagement_below_current_is_a_warning() {
    bad(
        "engagement-regression",
        0,
        &["ann-lee.md:8:12: warning[engagement-regression]"],
    );
}

#[test]
fn missing_category_is_a_warning() {
    bad(
        "missing-category",
        0,
        &["ann-lee.md:1:1: warning[missing-category]"],
    );
}

#[test]
fn unclosed_front_matter() {
    bad(
        "unclosed-front-matter",
        1,
        &["ann-lee.md:1:1: error[unclosed-front-matter]"],
    );
}

#[test]
fn invalid_id() {
    bad(
        "invalid-id",
        1,
        &["ann-lee.md:2:5: error[invalid-id]: the id `Ann Lee` has the capital letter `A`"],
    );
}

#[test]
fn duplicate_yaml_key() {
    bad(
        "duplicate-key",
        1,
        &["ann-lee.md:6:1: error[duplicate-key]: `power` is written twice"],
    );
}

#[test]
fn tabs_for_indentation() {
    bad(
        "tabs",
        1,
        &["ann-lee.md:7:1: error[yaml-syntax]: a tab is used for indentation"],
    );
}

#[test]
fn a_register_without_stakeholders_is_an_error() {
    stake()
        .args(["check", "tests/fixtures/bad/empty-register"])
        .assert()
        .code(1)
        .stdout_eq("")
        .stderr_eq(snapshot("bad/empty-register.stderr"));
}

#[test]
fn a_folder_that_does_not_exist_is_a_usage_error() {
    stake()
        .args(["check", "tests/fixtures/bad/no-such-folder"])
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(snapshot("bad/no-such-folder.stderr"));
}

#[test]
fn a_file_instead_of_a_folder_is_a_usage_error() {
    stake()
        .args(["check", "tests/fixtures/bad/not-a-folder.md"])
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(snapshot("bad/not-a-folder.stderr"));
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    for case in ["engagement-regression", "missing-category"] {
        let dir = format!("tests/fixtures/bad/{case}");
        stake().args(["check", &dir]).assert().code(0);
        stake()
            .args(["check", "--deny-warnings", &dir])
            .assert()
            .code(1);
    }
}

#[test]
fn every_mistake_of_a_register_in_one_run() {
    stake()
        .args(["check", "tests/fixtures/many-errors"])
        .assert()
        .code(1)
        .stdout_eq("")
        .stderr_eq(snapshot("many-errors.stderr"));
}

#[test]
fn a_misspelt_field_does_not_hide_the_rest_of_its_file() {
    let stderr = stderr(
        &stake()
            .args(["check", "tests/fixtures/many-errors"])
            .assert(),
    );
    let landlord = "tests/fixtures/many-errors/orgs/landlord.md";
    assert!(stderr.contains(&format!("{landlord}:7:1: error[unknown-field]")));
    assert!(stderr.contains(&format!("{landlord}:8:6: error[invalid-value]")));
}

#[test]
fn json_report_is_sorted_by_file_and_line() {
    let output = stake()
        .args(["check", "--format", "json", "tests/fixtures/many-errors"])
        .assert()
        .code(1)
        .stdout_eq(snapshot("many-errors.json"))
        .stderr_eq("");
    let report: serde_json::Value =
        serde_json::from_slice(&output.get_output().stdout).expect("stdout is JSON");
    let diagnostics = report["diagnostics"].as_array().expect("a list");
    let places: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["file"].as_str().expect("a file").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(places, sorted);
    let errors = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(report["errors"], errors);
    assert_eq!(report["warnings"], 2);
    // Every file with a mistake is in the one report.
    for file in [
        "_project.md",
        "orgs/forklift-union.md",
        "orgs/landlord.md",
        "orgs/transport-co.md",
        "people/ann-lee.md",
        "people/bob-smith.md",
    ] {
        let path = format!("tests/fixtures/many-errors/{file}");
        assert!(places.iter().any(|(f, ..)| *f == path), "{path} missing");
    }
}

#[test]
fn github_annotations() {
    stake()
        .args(["check", "--format", "github", "tests/fixtures/many-errors"])
        .assert()
        .code(1)
        .stdout_eq(snapshot("many-errors.github"))
        .stderr_eq("");
}

#[test]
fn samples_are_clean() {
    for sample in ["samples/erp-rollout", "samples/metro-line"] {
        let output = stake().args(["check", sample]).assert().code(0);
        let stderr = stderr(&output);
        assert!(
            stderr.contains(" stakeholders, 0 errors") || stderr.contains(" 个干系人，0 个错误"),
            "{sample}:\n{stderr}"
        );
        stake()
            .args(["check", "--format", "json", sample])
            .assert()
            .code(0);
    }
}

#[test]
fn a_chinese_register_is_checked_in_chinese_unless_told_otherwise() {
    // The diagnostics themselves stay English; the closing summary follows the register.
    stake()
        .args(["check", "samples/metro-line"])
        .assert()
        .code(0)
        .stderr_eq(snapshot("check_metro_line.stderr"));
    let output = stake()
        .args(["check", "--lang", "en", "samples/metro-line"])
        .assert()
        .code(0);
    let stderr = stderr(&output);
    assert!(
        stderr.ends_with("samples/metro-line: 26 stakeholders, 0 errors, 1 warning\n"),
        "{stderr}"
    );
}

#[test]
fn the_current_folder_is_the_default() {
    stake_in(&crate::root().join("samples/erp-rollout"))
        .arg("check")
        .assert()
        .code(0);
}
