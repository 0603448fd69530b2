//! `stake analyze` on the samples: snapshots of the JSON and the human summary, and
//! how a broken register or a bad date is refused.

use snapbox::cmd::{Command, cargo_bin};

fn stake() -> Command {
    Command::new(cargo_bin!("stake"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("GIT_CEILING_DIRECTORIES", super::ceiling())
}

const NOTE_ERP: &str =
    "note: samples/erp-rollout has 1 warning; `stake check samples/erp-rollout` shows them\n";
const NOTE_METRO: &str =
    "note: samples/metro-line has 1 warning; `stake check samples/metro-line` shows them\n";

/// The register says `language: zh-CN`, and so does the note.
const NOTE_METRO_ZH: &str =
    "提示：samples/metro-line 有 1 个警告；`stake check samples/metro-line` 列出全部\n";

#[test]
fn json_of_erp_rollout() {
    stake()
        .args(["analyze", "samples/erp-rollout", "--as-of", "2026-11-20"])
        .args(["--format", "json"])
        .assert()
        .success()
        .stdout_eq(snapbox::file!["snapshots/analyze_erp_rollout_json.stdout"].raw())
        .stderr_eq(NOTE_ERP);
}

#[test]
fn json_of_metro_line() {
    stake()
        .args(["analyze", "samples/metro-line", "--as-of", "2026-11-20"])
        .args(["--format", "json"])
        .assert()
        .success()
        .stdout_eq(snapbox::file!["snapshots/analyze_metro_line_json.stdout"].raw())
        .stderr_eq(NOTE_METRO_ZH);
}

#[test]
fn human_summary_of_erp_rollout() {
    stake()
        .args(["analyze", "samples/erp-rollout", "--as-of", "2026-11-20"])
        .assert()
        .success()
        .stdout_eq(snapbox::file!["snapshots/analyze_erp_rollout.stdout"])
        .stderr_eq(NOTE_ERP);
}

#[test]
fn human_summary_of_metro_line_is_in_the_register_s_language() {
    // `_project.md` says `language: zh-CN`: headings, counts and findings are Chinese.
    stake()
        .args(["analyze", "samples/metro-line", "--as-of", "2026-11-20"])
        .assert()
        .success()
        .stdout_eq(snapbox::file!["snapshots/analyze_metro_line.stdout"])
        .stderr_eq(NOTE_METRO_ZH);
}

#[test]
fn the_lang_flag_wins_over_the_register() {
    stake()
        .args(["analyze", "samples/metro-line", "--as-of", "2026-11-20"])
        .args(["--lang", "en"])
        .assert()
        .success()
        .stdout_eq(snapbox::file!["snapshots/analyze_metro_line_en.stdout"])
        .stderr_eq(NOTE_METRO);
    let output = stake()
        .args(["analyze", "samples/erp-rollout", "--as-of", "2026-11-20"])
        .args(["--lang", "zh-CN"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\n需关注事项\n"), "{stdout}");
    assert!(!stdout.contains("\nAttention\n"), "{stdout}");
    // Names stay as the register writes them.
    assert!(stdout.contains("Helen Brandt"), "{stdout}");
}

#[test]
fn as_of_defaults_to_the_project_setting_and_output_is_byte_identical() {
    let run = |args: &[&str]| {
        let output = stake()
            .args(["analyze", "samples/erp-rollout", "--format", "json"])
            .args(args)
            .output()
            .expect("stake runs");
        assert!(output.status.success());
        output.stdout
    };
    let from_project = run(&[]);
    assert_eq!(from_project, run(&["--as-of", "2026-11-20"]));
    assert_eq!(from_project, run(&[]));
    assert_ne!(from_project, run(&["--as-of", "2026-12-20"]));
}

#[test]
fn a_register_with_errors_is_not_analysed() {
    stake()
        .args([
            "analyze",
            "tests/fixtures/analyze-broken",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stdout_eq("")
        .stderr_eq(snapbox::file!["snapshots/analyze_broken.stderr"]);
}

#[test]
fn a_date_must_be_a_real_date() {
    stake()
        .args(["analyze", "samples/erp-rollout", "--as-of", "2026-02-30"])
        .assert()
        .code(2)
        .stdout_eq("")
        .stderr_eq(snapbox::str![[r#"
error: invalid value '2026-02-30' for '--as-of <YYYY-MM-DD>': write a date that exists, written `YYYY-MM-DD`

For more information, try '--help'.

"#]]);
}
