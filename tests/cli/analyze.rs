//! `stake analyze` on the samples: snapshots of the JSON and the human summary, and
//! how a broken register or a bad date is refused.

use snapbox::cmd::{Command, cargo_bin};

fn stake() -> Command {
    Command::new(cargo_bin!("stake")).current_dir(env!("CARGO_MANIFEST_DIR"))
}

const NOTE_ERP: &str =
    "note: samples/erp-rollout has 1 warning; `stake check samples/erp-rollout` shows them\n";
const NOTE_METRO: &str =
    "note: samples/metro-line has 1 warning; `stake check samples/metro-line` shows them\n";

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
        .stderr_eq(NOTE_METRO);
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
fn human_summary_of_metro_line() {
    stake()
        .args(["analyze", "samples/metro-line", "--as-of", "2026-11-20"])
        .assert()
        .success()
        .stdout_eq(snapbox::file!["snapshots/analyze_metro_line.stdout"])
        .stderr_eq(NOTE_METRO);
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
