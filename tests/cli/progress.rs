//! `stake build`'s progress line and closing summary: on a terminal only, never with
//! `--quiet`, never in a pipe or a log. The terminal is a pseudo-terminal made by
//! util-linux's `script`.

use std::process::Command;

use super::{root, stake};

/// `stake ARGS` run on a pseudo-terminal; what it printed there. `None` without `script`.
fn on_a_terminal(args: &str) -> Option<String> {
    let stake = snapbox::cmd::cargo_bin!("stake");
    let output = Command::new("script")
        .env("GIT_CEILING_DIRECTORIES", super::ceiling())
        .args(["-qec", &format!("{} {args}", stake.display()), "/dev/null"])
        .current_dir(root())
        .output()
        .ok()?;
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_build_on_a_terminal_ends_with_its_time_and_pages_and_quiet_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pages-out");
    let args = format!(
        "build samples/erp-rollout --format html -o {}",
        out.display()
    );
    let Some(shown) = on_a_terminal(&args) else {
        eprintln!("skipped: no `script` (util-linux) to make a terminal");
        return;
    };
    // The progress line is cleared before the summary, which has a line of its own.
    let summary = shown
        .lines()
        .find_map(|l| l.find("done in ").map(|at| &l[at..]))
        .unwrap_or_else(|| panic!("no summary: {shown:?}"));
    assert!(summary.trim_end().ends_with(" s: 25 pages"), "{summary:?}");
    let writing: Vec<usize> = shown
        .split("writing: ")
        .skip(1)
        .map(|rest| rest.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(writing.is_sorted(), "the count went down: {writing:?}");
    assert!(shown.contains("built 25 files into "), "{shown}");

    let quiet = on_a_terminal(&format!("{args} --quiet")).unwrap();
    assert!(
        !quiet.contains("done in") && !quiet.contains("built "),
        "{quiet}"
    );
    assert!(!quiet.contains("writing:"), "{quiet}");
}

#[test]
fn a_build_into_a_pipe_has_no_progress_line_nor_time() {
    let dir = tempfile::tempdir().unwrap();
    let output = stake()
        .args(["build", "samples/erp-rollout", "--format", "html", "-o"])
        .arg(dir.path().join("pages-out"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("done in") && !stderr.contains("writing:"),
        "{stderr}"
    );
}
